"""The import pipeline end to end (real parser, real Whoosh index, real archive and catalog)."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from index.catalog import Catalog
from index.pipeline import Ingestor, reindex
from tests.conftest import make_portal


def index_docs(data: Path) -> dict[str, str]:
    """url → title of every document in ``<data>/index``."""
    from whoosh import index as wi

    ix = wi.open_dir(str(data / "index"))
    with ix.searcher() as s:
        out = {}
        for fields in s.all_stored_fields():
            doc = fields.get("doc")
            title = json.loads(doc)["title"] if isinstance(doc, str) and doc.startswith("{") else fields.get("title")
            out[fields["url"]] = title
    return out


def run_import(data: Path, paths, base_url=None, jobs=1):
    with Ingestor(data, jobs=jobs, batch=16) as ing:
        ing.import_paths(paths, base_url=base_url)
    return ing.summary


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    out = make_portal(tmp_path_factory.mktemp("imp"), 16, "imp", families="wordpress,aspnet_vi", warc=True)
    return out


def one_site(portal: Path) -> tuple[str, Path, Path]:
    host = sorted(p.name for p in (portal / "sites").iterdir())[0]
    return host, portal / "sites" / host, portal / "warc" / f"{host}.warc.gz"


def test_warc_zip_and_folder_give_the_same_documents_and_reimport_adds_nothing(portal, tmp_path):
    host, site, warc = one_site(portal)
    base = f"https://{host}/"
    zpath = tmp_path / "site.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(site.rglob("*")):
            if f.is_file():
                zf.write(f, f"{host}/{f.relative_to(site).as_posix()}")
    tpath = tmp_path / "site.tar.gz"
    with tarfile.open(tpath, "w:gz") as tf:
        tf.add(site, arcname=".")

    s_warc = run_import(tmp_path / "d_warc", [warc])
    s_zip = run_import(tmp_path / "d_zip", [zpath], base_url=base)
    s_dir = run_import(tmp_path / "d_dir", [site], base_url=base, jobs=2)
    s_tar = run_import(tmp_path / "d_tar", [tpath], base_url=base)
    docs = index_docs(tmp_path / "d_warc")
    truth = [json.loads(line) for line in (portal / "truth.jsonl").read_text().splitlines()]
    articles = {t["url"]: t["title"] for t in truth if t["host"] == host and t["kind"] == "article"}
    assert articles and all(docs.get(u) == t for u, t in articles.items())
    assert index_docs(tmp_path / "d_zip") == docs
    assert index_docs(tmp_path / "d_dir") == docs
    assert index_docs(tmp_path / "d_tar") == docs
    for s in (s_warc, s_zip, s_dir, s_tar):
        assert s.failures == 0 and s.indexed == len(docs)

    # the raw bytes are in the data directory: blobs for every imported payload
    with Catalog(tmp_path / "d_warc" / "catalog.sqlite") as cat:
        n_captures = cat.count()
        cap = cat.latest(next(iter(articles)))
        assert cap.store == "blob" and cap.record_id and cap.hash.startswith("sha1:")
        assert cap.source_file_offset is not None and cap.crawl_date.startswith("2025-06-01")
        assert (tmp_path / "d_warc" / "archive" / "blobs" / cap.sha256[:2] / cap.sha256[2:4]).is_dir()

    # importing again adds nothing: the whole file is known (checkpoint), and so is each record
    again = run_import(tmp_path / "d_warc", [warc])
    assert again.read == 0 and again.files_skipped == 1
    cat_path = tmp_path / "d_warc" / "catalog.sqlite"
    with Catalog(cat_path) as cat:
        cat.db.execute("DELETE FROM checkpoints")
        cat.commit()
    again = run_import(tmp_path / "d_warc", [warc, site], base_url=base)
    assert again.indexed == again.updated == 0 and again.failures == 0
    assert again.unchanged == again.read - sum(again.skipped.values()) or again.unchanged >= len(docs)
    with Catalog(cat_path) as cat:
        assert cat.count() == n_captures
        assert len(cat.crawl_dates(cap.id)) >= 2  # the folder copy added a crawl date, not a capture
    assert index_docs(tmp_path / "d_warc") == docs


@pytest.mark.parametrize("jobs", [1, 2])
def test_changed_payload_updates_and_keeps_both_captures_then_reindex(portal, tmp_path, jobs):
    """With ``jobs=2`` the documents are indexed by writer processes into segments the main
    process adopts: an update must still delete the old copy, and reindex rebuild the same."""
    host, site, _ = one_site(portal)
    base = f"https://{host}/"
    copy = tmp_path / "site"
    import shutil

    shutil.copytree(site, copy)
    run_import(tmp_path / "d", [copy], base_url=base, jobs=jobs)
    truth = [json.loads(line) for line in (portal / "truth.jsonl").read_text().splitlines()]
    art = next(t for t in truth if t["host"] == host and t["kind"] == "article")
    f = portal / art["file"]
    target = copy / f.relative_to(site)
    old = target.read_bytes()
    new_title = art["title"] + " (đã sửa)"
    enc = "windows-1258" if b"windows-1258" in old[:3000] else "utf-8"
    import html as htmlmod

    needle = htmlmod.escape(art["title"], quote=False).encode(enc, "xmlcharrefreplace")
    assert needle in old
    target.write_bytes(old.replace(needle, htmlmod.escape(new_title, quote=False).encode(enc, "xmlcharrefreplace")))
    summary = run_import(tmp_path / "d", [copy], base_url=base, jobs=jobs)
    assert summary.updated == 1 and summary.indexed == 0
    assert index_docs(tmp_path / "d")[art["url"]] == new_title
    with Catalog(tmp_path / "d" / "catalog.sqlite") as cat:
        caps = cat.captures_of(art["url"])
        assert len(caps) == 2 and {c.outcome for c in caps} == {"indexed", "updated"}
    before = index_docs(tmp_path / "d")
    # rebuild from the archive alone: delete the inputs first
    shutil.rmtree(copy)
    rs = reindex(tmp_path / "d", jobs=jobs)
    assert rs.failures == 0
    assert index_docs(tmp_path / "d") == before
    assert not (tmp_path / "d" / ".segments").exists() and not (tmp_path / "d" / ".reindex").exists()


def _warc_with(path: Path, records: list[tuple[str, bytes | object, int | None]]) -> None:
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True, warc_version="1.1")
        for url, body, length in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            payload = io.BytesIO(body) if isinstance(body, bytes) else body
            w.write_record(w.create_warc_record(url, "response", payload=payload, length=length,
                                                http_headers=headers))


class Repeat(io.RawIOBase):
    """``n`` bytes of a repeated pattern, streamed (a 200 MB payload without 200 MB of memory)."""

    def __init__(self, n: int, pattern: bytes = b"<p>a</p>\n") -> None:
        self.left = n
        self.pattern = pattern

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = self.left if size is None or size < 0 else min(size, self.left)
        self.left -= size
        reps = self.pattern * (size // len(self.pattern) + 1)
        return reps[:size]


def test_bad_inputs_are_reported_and_the_rest_indexed(portal, tmp_path):
    host, site, warc = one_site(portal)
    bad = tmp_path / "bad"
    bad.mkdir()
    data = warc.read_bytes()
    # a truncated gzip member at the end
    (bad / "truncated.warc.gz").write_bytes(data[: len(data) - 700])
    # a garbage record in the middle
    mid = data.index(b"\x1f\x8b\x08", len(data) // 2)
    (bad / "garbage.warc.gz").write_bytes(data[:mid] + b"NOT A WARC RECORD\r\n" * 30 + data[mid:])
    # a zip bomb next to a good page
    with zipfile.ZipFile(bad / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.html", b"\0" * 50_000_000)
        zf.writestr("ok.html", "<html><head><title>Trang tốt</title></head><body><article><h1>Trang tốt"
                               "</h1><p>" + "Nội dung bài viết đầy đủ. " * 30 + "</p></article></body></html>")
    # a tar with absolute and .. paths
    with tarfile.open(bad / "evil.tar", "w") as tf:
        for name in ("/tmp/evil-abs.html", "../evil-up.html"):
            info = tarfile.TarInfo(name)
            body = b"<html><body>evil</body></html>"
            info.size = len(body)
            tf.addfile(info, io.BytesIO(body))
    # a single 200 MB response between two good ones
    _warc_with(bad / "huge.warc.gz", [("https://x.gov.vn/a", b"<html><title>A</title><p>a</p></html>", None),
                                      ("https://x.gov.vn/huge", Repeat(200 * 1024 * 1024), 200 * 1024 * 1024)])
    summary = run_import(tmp_path / "d", [bad], base_url="https://bad.gov.vn/")
    lines = [json.loads(x) for x in summary.report_path.read_text(encoding="utf-8").splitlines()]
    by_source: dict[str, list[dict]] = {}
    for line in lines:
        assert set(line) >= {"source", "offset", "url", "stage", "message"} and line["message"]
        by_source.setdefault(Path(line["source"]).name, []).append(line)
    assert any("truncated" in e["message"] for e in by_source["truncated.warc.gz"])
    assert any("damaged record" in e["message"] for e in by_source["garbage.warc.gz"])
    assert any("zip bomb" in e["message"] for e in by_source["bomb.zip"])
    assert {("absolute" in e["message"], "'..'" in e["message"]) for e in by_source["evil.tar"]} == \
        {(True, False), (False, True)}
    assert any("too large" in e["message"] and e["url"] == "https://x.gov.vn/huge" for e in by_source["huge.warc.gz"])
    assert summary.failures == len(lines)
    assert not Path("/tmp/evil-abs.html").exists() and not (tmp_path / "evil-up.html").exists()
    docs = index_docs(tmp_path / "d")
    assert "https://bad.gov.vn/ok.html" in docs
    # everything before the damage (and after the garbage) was indexed
    full = run_import(tmp_path / "ref", [warc])
    assert full.indexed >= len([u for u in docs if host in u]) > full.indexed // 2


def _segments(data: Path) -> int:
    from whoosh import index as wi

    with wi.open_dir(str(data / "index")).reader() as r:
        return len(list(r.leaf_readers()))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bulk_import_ends_with_the_index_in_one_segment(portal, tmp_path, jobs):
    """A run that indexed at least ``optimize_after`` documents merges the index into one segment
    (every search term is then looked up once, not once per segment); a smaller run leaves the
    segments as they are; both hold the same documents."""
    runs = {}
    for name, after in (("merged", 10), ("left", None)):
        data = tmp_path / name
        with Ingestor(data, jobs=jobs, batch=8, commit_every=8, optimize_after=after) as ing:
            ing.import_paths([portal / "warc"])
        assert ing.summary.indexed >= 10
        runs[name] = data
    assert _segments(runs["merged"]) == 1
    assert _segments(runs["left"]) > 1  # the commits every 8 records left several segments
    assert index_docs(runs["merged"]) == index_docs(runs["left"])
