"""``tracuu spark-ingest``: Spark (local[2], one session for the module) against ``tracuu ingest``.

The same WARCs (portalgen ``--pages 400 --seed 1 --warc``, four families, plus a WARC written here
with a garbage record and a truncated gzip member) go through both; documents, errors, search
results, links, domain counts and datasheets are compared. Skips without pyspark/Java or
../shared, except in CI (``TRACUU_REQUIRE_SPARK=1``: missing Spark fails).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO, run_tracuu

REQUIRED = os.environ.get("TRACUU_REQUIRE_SPARK") == "1"


def _need_spark():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if REQUIRED:
            pytest.fail("pyspark missing but TRACUU_REQUIRE_SPARK=1")
        pytest.skip("pyspark not installed")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        if REQUIRED:
            pytest.fail("java missing but TRACUU_REQUIRE_SPARK=1")
        pytest.skip("java not installed")


@pytest.fixture(scope="session")
def spark():
    _need_spark()
    from index.spark_job import spark_session

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = spark_session("local[2]", app="tracuu-tests")
    yield session
    session.stop()


def _damaged_warc(path: Path) -> None:
    """Two good pages, a record with a garbage WARC-Type, one more page, then a cut gzip member."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def record(url: str, title: str, rid: str | None = None, extra: str = "") -> bytes:
        buf = io.BytesIO()
        w = WARCWriter(buf, gzip=True, warc_version="1.1")
        html = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
                f"<div class='content'><p>{title}: nội dung thử nghiệm cho kho lưu trữ bị hỏng, "
                f"đủ dài để là một bài viết có thân bài rõ ràng và có ý nghĩa.</p>{extra}</div></body></html>").encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=http,
                                            warc_headers_dict={"WARC-Date": "2024-05-01T00:00:00Z",
                                                               **({"WARC-Record-ID": rid} if rid else {})}))
        return buf.getvalue()

    host = "https://hong.example.gov.vn"
    garbage = gzip.compress(b"WARC/1.1\r\nWARC-Type: r\xc3\xa1c\r\nContent-Length: 5\r\n\r\nxxxxx\r\n\r\n")
    cut = record(f"{host}/bai-4.html", "Bài bốn bị cắt")
    path.write_bytes(record(f"{host}/bai-1.html", "Bài một về đê điều", BAI1_ID) + record(f"{host}/bai-2.html", "Bài hai")
                     + garbage + record(f"{host}/bai-3.html", "Bài ba về thủy lợi", extra=BODY_LINKS) + cut[: len(cut) // 2])


#: a paragraph of bai-3 with links in its text: two body links (one relative, resolved against
#: the page) and an attachment link, which is an attachment, not a body link
BODY_LINKS = ("<p>Theo <a href='/tin/bai-1.html'>báo cáo về đê điều</a> và ý kiến của "
              "<a href='https://bo.example.gov.vn/thuy-loi'>Bộ Nông nghiệp</a>, tỉnh ban hành "
              "<a href='/files/qd-12.pdf'>Quyết định số 12/QĐ-UBND</a> về kế hoạch phòng chống lụt bão năm nay; "
              "các xã ven sông rà soát lại phương án di dời dân và báo cáo trước mùa mưa lũ.</p>")


BAI1_ID = "<urn:uuid:5b1e0c2a-0000-4000-8000-00000000b1a1>"


def _revisit_warc(path: Path) -> None:
    """Revisits whose originals are in another WARC (one by WARC-Refers-To, resolvable) and
    nowhere (an error in both pipelines)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True, warc_version="1.1")
        for url, refers in (("https://hong.example.gov.vn/bai-1.html", BAI1_ID),
                            ("https://hong.example.gov.vn/mat.html", "<urn:uuid:5b1e0c2a-0000-4000-8000-0000000dead0>")):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_revisit_record(url, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", url,
                                                   "2024-05-01T00:00:00Z", http_headers=http,
                                                   warc_headers_dict={"WARC-Date": "2025-01-01T00:00:00Z",
                                                                      "WARC-Refers-To": refers}))


@pytest.fixture(scope="module")
def warcs(portal_400: Path, tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("warcs")
    for w in sorted((portal_400 / "warc").glob("*.warc.gz")):
        shutil.copy(w, folder / w.name)
    _damaged_warc(folder / "zz-hong.warc.gz")
    _revisit_warc(folder / "zz-revisit.warc.gz")
    return sorted(folder.glob("*.warc.gz"))


@pytest.fixture(scope="module")
def spark_out(spark, warcs, tmp_path_factory) -> tuple[Path, dict]:
    from index.spark_job import run

    out = tmp_path_factory.mktemp("spark") / "out"
    # splits of ~200 KB: every portal WARC is read by 3-4 tasks, as a large archive would be
    summary = run(spark, [str(warcs[0].parent)], str(out), build_index=True, partitions=3, split_bytes=200_000)
    return out, summary


@pytest.fixture(scope="module")
def ingest_data(warcs, tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("ingest") / "data"
    proc = run_tracuu("ingest", str(warcs[0].parent), "--data", str(data), "--jobs", "2")
    assert proc.returncode == 1, proc.stderr.decode()  # the damaged WARC fails some records
    return data


def _table(out: Path, name: str) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(str(out / name), format="parquet", partitioning="hive").to_table().to_pylist()


def _stored(data: Path) -> dict[str, dict]:
    from whoosh import index as wi

    ix = wi.open_dir(str(data / "index"))
    with ix.searcher() as s:
        docs = {d["url"]: d for d in s.all_stored_fields()}
    ix.close()
    return docs


def _errors_of_ingest(data: Path) -> set[tuple]:
    rows = [json.loads(line) for f in (data / "reports").glob("*.jsonl") for line in f.read_text().splitlines()]
    return {(r["source"], r["offset"], r["url"], r["stage"], r["message"]) for r in rows}


def test_same_documents_and_fields(spark_out, ingest_data) -> None:
    out, summary = spark_out
    ours, theirs = _stored(out / "data"), _stored(ingest_data)
    assert len(theirs) > 400 and set(ours) == set(theirs)
    assert ours == theirs  # every stored field, document by document
    docs = _table(out, "documents")
    assert len(docs) == summary["documents"] == len(theirs)
    from ingest.document import Document

    for row in docs:
        doc = Document.from_json(row["document"])
        assert row["id"] == doc.id and doc.url in theirs and row["title"] == doc.title
        assert row["warc_file"].endswith(".warc.gz") and row["warc_offset"] >= 0 and row["sha256"]


def test_same_errors(spark_out, ingest_data) -> None:
    out, _ = spark_out
    errors = {(r["source"], r["offset"], r["url"], r["stage"], r["message"]) for r in _table(out, "errors")}
    assert errors == _errors_of_ingest(ingest_data)
    assert any("WARC-Type" in e[4] for e in errors) and any("cắt cụt" in e[4] for e in errors)
    assert [e[2] for e in errors if "revisit" in e[4]] == ["https://hong.example.gov.vn/mat.html"]


def test_cross_file_revisit_is_a_crawl_date(spark_out) -> None:
    row = next(r for r in _table(spark_out[0], "documents") if r["url"].endswith("/bai-1.html"))
    assert row["crawl_dates"] == ["2024-05-01T00:00:00Z", "2025-01-01T00:00:00Z"]


def test_same_top10(spark_out, ingest_data, portal_400, tmp_path) -> None:
    """Every dev query whose answer is in these sites (../shared/cases; the portalgen hosts are
    usually not among them), plus 60 article titles of the sites typed as users do (with and
    without accents): the top 10 of both data directories are the same, in the same order."""
    import unicodedata

    truth = [json.loads(line) for line in (portal_400 / "truth.jsonl").read_text().splitlines()]
    hosts = {page["host"] for page in truth}
    queries = []
    cases = Path(os.environ.get("TRACUU_SHARED", REPO.parent / "shared")) / "cases" / "dev_queries.tsv"
    if cases.exists():
        for line in cases.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) >= 3 and urlsplit(parts[2]).hostname in hosts:
                queries.append(parts[1])
    titles = [page["title"] for page in truth if page.get("kind") == "article" and page.get("title")][::5][:60]
    for i, title in enumerate(titles):
        if i % 2:
            title = "".join(c for c in unicodedata.normalize("NFD", title) if not unicodedata.combining(c))
            title = title.replace("đ", "d").replace("Đ", "D")
        queries.append(" ".join(title.split()[:6]))
    qfile = tmp_path / "q.txt"
    qfile.write_text("\n".join(queries) + "\n", encoding="utf-8")
    # ``tracuu ingest`` indexes each attachment, then re-indexes it once its parents are known
    # (index.attachregistry flush): the replaced versions stay in its index as deleted documents,
    # and Whoosh counts deleted documents in BM25's term statistics until a merge. The live
    # documents are identical (test_same_documents_and_fields); the rankings are compared with
    # those leftovers merged away (``IndexWriterSink.optimize``, what a bulk import ends with).
    from index.writer import IndexWriterSink

    merged = tmp_path / "ingest-merged"
    shutil.copytree(ingest_data, merged)
    sink = IndexWriterSink(merged)
    sink.optimize()
    sink.close()
    runs = []
    for data in (spark_out[0] / "data", merged):
        proc = run_tracuu("search", "--batch", str(qfile), "--json", "--limit", "10", "--data", str(data))
        assert proc.returncode == 0, proc.stderr.decode()
        runs.append([[h["id"] for h in json.loads(line)["hits"]] for line in proc.stdout.decode().splitlines()])
    assert len(runs[0]) == len(queries) >= 60 and runs[0] == runs[1]
    assert sum(1 for hits in runs[0] if hits) >= 55


def test_links_cover_truth(spark_out, portal_400) -> None:
    """Every related, latest and attachment link of truth.jsonl, with its kind and nothing else
    (portalgen's bodies have no links in their text: a truth link listed as ``body`` would be a
    list or widget leaking into the body); the body links of a page with links in its text."""
    rows = _table(spark_out[0], "links")
    links = {(r["source_url"], r["target_url"], r["kind"]) for r in rows}
    kinds = {"related": "related", "latest": "latest", "attachments": "attachment"}
    want: dict[tuple, set] = {}
    for line in (portal_400 / "truth.jsonl").read_text().splitlines():
        page = json.loads(line)
        if page.get("kind") != "article":
            continue
        for key, kind in kinds.items():
            for item in page.get(key) or []:
                if item.get("url"):
                    want.setdefault((page["url"], item["url"]), set()).add(kind)
                    assert (page["url"], item["url"], kind) in links, (page["url"], item, kind)
    assert len(want) > 500
    ours: dict[tuple, set] = {}
    for s, t, k in links:
        if (s, t) in want:
            ours.setdefault((s, t), set()).add(k)
    assert ours == want  # a link in a page's lists has their kinds only (never "body")
    truth_hosts = {urlsplit(json.loads(line)["url"]).hostname
                   for line in (portal_400 / "truth.jsonl").read_text().splitlines()}
    assert not [r for r in rows if r["kind"] == "body" and r["site"] in truth_hosts]
    body = [(r["target_url"], r["anchor"], r["position"]) for r in rows
            if r["kind"] == "body" and r["source_url"] == "https://hong.example.gov.vn/bai-3.html"]
    assert sorted(body, key=lambda b: b[2]) == [
        ("https://hong.example.gov.vn/tin/bai-1.html", "báo cáo về đê điều", 0),
        ("https://bo.example.gov.vn/thuy-loi", "Bộ Nông nghiệp", 1)]
    assert ("https://hong.example.gov.vn/bai-3.html", "https://hong.example.gov.vn/files/qd-12.pdf",
            "attachment") in links


def test_body_links_in_the_document() -> None:
    """The parser's Document carries the links of its body text (absolute, with their anchor
    text), not those of the page frame, lists or share widgets, and its JSON round-trips them."""
    from ingest.document import Document
    from ingest.parse import parse_page

    html = ("<html><head><title>Thông báo tuyển dụng viên chức</title></head><body>"
            "<nav><a href='/'>Trang chủ</a> <a href='/gioi-thieu'>Giới thiệu</a></nav>"
            "<h1>Thông báo tuyển dụng viên chức</h1><div class='content'>"
            "<p>Sở Nội vụ thông báo tuyển dụng viên chức năm 2024, hồ sơ nộp theo "
            "<a href='huong-dan.html'>hướng dẫn chi tiết</a> trước ngày 30 tháng 6, tại bộ phận một cửa "
            "của Sở Nội vụ tỉnh, trong giờ hành chính các ngày làm việc.</p>"
            "<p>Danh mục vị trí việc làm xem tại <a href='https://dvc.example.gov.vn/vi-tri'>cổng dịch vụ "
            "công</a>; mọi thắc mắc xin liên hệ phòng Công chức, viên chức để được giải đáp cụ thể.</p>"
            "</div><footer><a href='/lien-he'>Liên hệ</a> Bản quyền thuộc Sở Nội vụ</footer></body></html>")
    doc = parse_page(html.encode(), url="https://snv.example.gov.vn/tin/tuyen-dung.html")
    assert [(b.url, b.title) for b in doc.body_links] == [
        ("https://snv.example.gov.vn/tin/huong-dan.html", "hướng dẫn chi tiết"),
        ("https://dvc.example.gov.vn/vi-tri", "cổng dịch vụ công")]
    assert Document.from_json(doc.to_json()).body_links == doc.body_links
    assert "body_links" not in Document(url="u", site=None, kind="article", title="t").to_dict()


def test_splits_read_every_record_once(portal_400, tmp_path) -> None:
    """WARC splits start at record boundaries and together give exactly the whole file's rows
    (the pure-Python task, no Spark needed)."""
    from index.warc_tasks import warc_splits, warc_task

    files = [str(p) for p in sorted((portal_400 / "warc").glob("*.warc.gz"))][:2]
    splits = warc_splits(files, 2, split_bytes=150_000)
    assert len(splits) >= 8 and {s[0] for s in splits} == {0, 1}

    def rows(items):
        return [(r["type"], r.get("url"), tuple(r["order"]), r.get("result")) for i in items for r in warc_task(i)]

    whole = rows([(0, files[0]), (1, files[1])])
    assert rows(splits) == whole and len(whole) > 100
    assert all(r[0] == "capture" for r in whole)


def test_domains_and_datasheets(spark_out, ingest_data) -> None:
    out, summary = spark_out
    db = sqlite3.connect(ingest_data / "catalog.sqlite")
    caps, recs = Counter(), Counter()
    for url, date in db.execute("SELECT url, crawl_date FROM captures"):
        caps[(url.split("/")[2], int(date[:4]))] += 1
    for url, date in db.execute("SELECT c.url, d.crawl_date FROM crawl_dates d JOIN captures c ON c.id = d.capture_id"):
        recs[(url.split("/")[2], int(date[:4]))] += 1  # every record, in the year of its own date
    docs = Counter(u.split("/")[2] for u in _stored(ingest_data))
    rows = _table(out, "domains")
    # a row may hold only later crawl dates of captures made in an earlier year (captures 0)
    assert {(r["site"], r["year"]): r["captures"] for r in rows if r["captures"]} == dict(caps)
    assert {(r["site"], r["year"]): r["records"] for r in rows} == dict(recs)
    per_host = Counter()
    for r in rows:
        per_host[r["site"]] += r["documents"]
    assert +per_host == docs
    for name in ("documents", "links", "domains", "errors"):
        meta = json.loads((out / name / "_datasheet.json").read_text())
        table = _table(out, name)
        assert meta["rows"] == len(table) == summary["tables"][name]
        assert meta["rows_per_site"] == dict(sorted(Counter(r["site"] for r in table).items()))
        assert f"rows: {len(table)}" in (out / name / "_DATASHEET.md").read_text()


def test_serve_opens_spark_data_dir(spark_out) -> None:
    proc = run_tracuu("search", "đê điều", "--json", "--data", str(spark_out[0] / "data"))
    assert proc.returncode == 0, proc.stderr.decode()
    assert any("hong.example.gov.vn/bai-1" in h["url"] for h in json.loads(proc.stdout)["hits"])


def test_print_submit_and_missing_pyspark(tmp_path) -> None:
    proc = run_tracuu("spark-ingest", "hdfs:///warcs/", "--out", "hdfs:///out", "--index", "--print-submit")
    assert proc.returncode == 0
    line = proc.stdout.decode()
    assert line.startswith("spark-submit ") and "index/spark_job.py hdfs:///warcs/ --out hdfs:///out --index" in line
    fake = tmp_path / "nospark" / "pyspark"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('no pyspark here')\n")
    proc = run_tracuu("spark-ingest", "x.warc.gz", "--out", str(tmp_path / "o"),
                      env={"PYTHONPATH": f"{fake.parent}{os.pathsep}{REPO}"})
    assert proc.returncode == 2 and "tracuu[spark]" in proc.stderr.decode()


def test_ingest_documents_made_elsewhere(spark_out, ingest_data, tmp_path) -> None:
    data = tmp_path / "data"
    proc = run_tracuu("ingest", "--documents", str(spark_out[0]), "--data", str(data))
    assert proc.returncode == 0, proc.stderr.decode()
    assert _stored(data) == _stored(ingest_data)
    db = sqlite3.connect(data / "catalog.sqlite")
    assert db.execute("SELECT COUNT(*) FROM captures WHERE store = 'warc'").fetchone()[0] == len(_stored(data))
