"""The archive (WARC writing, blobs) and the SQLite catalog."""

from __future__ import annotations

import os
import zlib

from warcio.archiveiterator import ArchiveIterator

from index.catalog import Capture, Catalog
from index.store import Archive, BlobStore, WarcStore
from ingest.fetch import FetchConfig, Fetcher
from ingest.sources import iter_warc, read_record_at
from tests.httpsite import SiteServer


def gzip_members(data: bytes) -> int:
    n = 0
    while data:
        d = zlib.decompressobj(31)
        d.decompress(data)
        data = d.unused_data
        n += 1
    return n


def test_fetches_written_as_warc_and_read_back(tmp_path):
    srv = SiteServer(robots="User-agent: *\nAllow: /\n")
    srv.routes = {"/a": (200, {"Content-Type": "text/html; charset=utf-8"}, "<p>Tin mới</p>".encode()),
                  "/r": (302, {"Location": "/a"}, b"")}
    with srv, Fetcher(FetchConfig(delay=0.0)) as f, \
            WarcStore(tmp_path / "warc", info={"robots": "obey", "software": "tracuu/0.1.0"}) as store:
        written = store.write_fetch(f.fetch(srv.url + "/a"))
        written += store.write_fetch(f.fetch(srv.url + "/r"))
        path = store.current
        resp = written[1]
        rev = store.write_revisit(f.fetch(srv.url + "/a").hops[0], resp.payload_digest, resp.record_id,
                                  resp.url, resp.date)
    assert [w.record_type for w in written] == ["request", "response"] * 3
    data = path.read_bytes()
    assert gzip_members(data) == 1 + 6 + 1  # warcinfo + 3 pairs + revisit: one member per record
    with open(path, "rb") as fh:
        recs = [(r.rec_type, r.rec_headers, r.content_stream().read())
                for r in ArchiveIterator(fh, check_digests=True)]
    assert recs[0][0] == "warcinfo" and b"robots: obey" in recs[0][2] and b"tracuu/0.1.0" in recs[0][2]
    assert all(h.get_header("WARC-Date") for _, h, _ in recs)
    resp_h = recs[2][1]
    assert resp_h.get_header("WARC-IP-Address") == "127.0.0.1"
    assert resp_h.get_header("WARC-Payload-Digest").startswith("sha1:")
    assert recs[1][1].get_header("WARC-Concurrent-To") == resp_h.get_header("WARC-Record-ID")
    assert recs[4][1].get_header("WARC-Target-URI") == srv.url + "/r"
    # offsets recorded by the store point at the records; the revisit resolves to the original
    page, _ = read_record_at(str(path), resp.offset)
    assert page.payload == "<p>Tin mới</p>".encode() and page.status == 200
    pages = [p for p in iter_warc(path) if not isinstance(p, Exception) and hasattr(p, "payload")]
    assert pages[-1].record_type == "revisit" and pages[-1].payload == page.payload
    assert rev.record_type == "revisit"


def test_warc_rotation(tmp_path):
    srv = SiteServer(robots="User-agent: *\nAllow: /\n")
    srv.routes = {f"/p{i}": (200, {"Content-Type": "text/html"}, os.urandom(3000)) for i in range(6)}
    with srv, Fetcher(FetchConfig(delay=0.0)) as f, WarcStore(tmp_path / "w", max_size=4000) as store:
        for i in range(6):
            store.write_fetch(f.fetch(f"{srv.url}/p{i}"))
    files = sorted((tmp_path / "w").glob("*.warc.gz"))
    assert len(files) >= 3
    for path in files:
        with open(path, "rb") as fh:
            types = [r.rec_type for r in ArchiveIterator(fh)]
        assert types[0] == "warcinfo" and "response" in types


def test_blobs_are_content_addressed_and_verified(tmp_path):
    blobs = BlobStore(tmp_path)
    digest = blobs.put("Tin liên quan".encode())
    assert blobs.put("Tin liên quan".encode()) == digest
    assert blobs.path(digest).relative_to(tmp_path).parts[:2] == (digest[:2], digest[2:4])
    assert blobs.get(digest) == "Tin liên quan".encode()
    assert len(list(tmp_path.rglob("*"))) == 3  # two folders and one file: stored once
    archive = Archive(tmp_path / "data")
    d2 = archive.blobs.put(b"abc")
    assert archive.load("blob", d2).payload == b"abc"


def test_catalog_idempotence_queries_and_checkpoints(tmp_path):
    with Catalog(tmp_path / "catalog.sqlite") as cat:
        assert cat.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        a = Capture(url="https://a.gov.vn/1", sha256="aa", crawl_date="2020-01-01T00:00:00Z",
                    source_file_path="x.warc.gz", source_file_offset=10, outcome="indexed", hash="sha1:A")
        cid = cat.add(a)
        cat.add_date(cid, "2021-01-01T00:00:00Z", "y.warc.gz", 5)
        cat.add_date(cid, "2021-01-01T00:00:00Z", "y.warc.gz", 5)
        b = Capture(url="https://a.gov.vn/1", sha256="bb", outcome="updated")
        cat.add(b)
        cat.add(Capture(url="https://a.gov.vn/2", sha256="cc", outcome="skipped"))
        cat.set_checkpoint("x.warc.gz", size=100, mtime=1.0, resume=50, done=False, when="now")
        cat.commit()
        assert cat.find("https://a.gov.vn/1", "aa").id == cid
        assert cat.find("https://a.gov.vn/1", "zz") is None
        assert cat.crawl_dates(cid) == ["2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"]
        assert [c.sha256 for c in cat.current()] == ["bb"]
        assert [c.sha256 for c in cat.captures_of("https://a.gov.vn/1")] == ["bb", "aa"] or \
            len(cat.captures_of("https://a.gov.vn/1")) == 2
        assert cat.by_hash(None, "sha1:A").id == cid
        assert cat.checkpoint("x.warc.gz")["resume"] == 50
    with Catalog(tmp_path / "catalog.sqlite") as again:
        assert again.count() == 3
