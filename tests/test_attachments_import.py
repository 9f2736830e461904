"""Attachments collected by every import path, each file stored, extracted and indexed once.

Acceptance 1 of the attachments issue on ``make_portal.py --pages 400 --seed 1 --attachments rich``
(four families): imported from the site folder, from the WARC files and by a crawl of the site
served on 127.0.0.1, every attachment of ``attachments.jsonl`` is one document (``kind:
"attachment"``) that knows all its parent pages, and its bytes are archived once. OCR is left for
later here (``TRACUU_OCR=0``, "cần OCR"): the OCR quality is the extraction tests' business, and
the scans still have to be collected, stored and indexed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import make_portal, run_tracuu
from tests.httpsite import SiteServer

FAMILIES = "aspnet_vi,liferay62,sharepoint_ministry,wordpress"


@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rich400")
    return make_portal(out, 400, "1", families=FAMILIES, warc=True, attachments="rich")


def truth_of(portal: Path) -> list[dict]:
    return [json.loads(line) for line in (portal / "attachments.jsonl").read_text(encoding="utf-8").splitlines()]


def attachment_docs(data: Path) -> list[dict]:
    from whoosh import index as wi

    ix = wi.open_dir(str(data / "index"))
    with ix.searcher() as s:
        docs = [json.loads(f["doc"]) for f in s.all_stored_fields()]
    return [d for d in docs if d["kind"] == "attachment"]


def key(url: str) -> tuple[str, str]:
    """(host, path) of the real site, or ("", path) for the test server (one per host)."""
    parts = urlsplit(url)
    return ("" if parts.hostname == "127.0.0.1" else parts.hostname or "", parts.path)


def check_once(data: Path, truth: list[dict], by_path: bool = False) -> None:
    """Every truth attachment is exactly one indexed document with all its parents; each file's
    bytes are stored once (blob or WARC record) and extracted once (one registry entry)."""
    docs = attachment_docs(data)

    def k(url: str):
        return key(url)[1] if by_path else key(url)

    got = Counter(k(d["url"]) for d in docs)
    assert all(n == 1 for n in got.values()), [u for u, n in got.items() if n > 1][:5]
    want = {k(t["url"]): t for t in truth}
    assert set(got) == set(want)
    for d in docs:
        t = want[k(d["url"])]
        assert {k(p["url"]) for p in d["parents"]} == {k(u) for u in t["parent_urls"]}, d["url"]
        assert d["attachment"]["format"] == t["ext"]
        if not t["scanned"]:
            assert d["attachment"]["number"] == t["number"], d["url"]
    import sqlite3

    with sqlite3.connect(data / "attachments.sqlite") as reg:
        assert reg.execute("SELECT COUNT(*) FROM files").fetchone()[0] == len(truth)
        scans = reg.execute("SELECT COUNT(*) FROM files WHERE needs_ocr = 1").fetchone()[0]
    assert scans == sum(t["scanned"] for t in truth)  # recorded "cần OCR" for `tracuu ocr`
    with sqlite3.connect(data / "catalog.sqlite") as cat:
        marks = ",".join("?" * len(docs))
        shas = [r[0] for r in cat.execute(f"SELECT sha256 FROM captures WHERE url IN ({marks})",
                                          [d["url"] for d in docs])]
    assert len(shas) == len(set(shas)) == len(truth)


def test_folder_and_warc_imports_store_each_attachment_once(rich, tmp_path, monkeypatch):
    from index.pipeline import Ingestor
    from index.writer import IndexWriterSink

    monkeypatch.setenv("TRACUU_OCR", "0")
    truth = truth_of(rich)
    assert sum(len(t["parent_urls"]) > 1 for t in truth) >= 5  # files linked from several pages
    real_add = IndexWriterSink.add

    def add(self, doc):  # with writer processes, attachments are indexed there too
        assert doc.kind != "attachment", doc.url
        return real_add(self, doc)

    monkeypatch.setattr(IndexWriterSink, "add", add)
    with Ingestor(tmp_path / "dir", jobs=2) as ing:
        ing.import_paths([rich / "sites"])
    assert ing.summary.failures == 0, ing.summary.examples
    check_once(tmp_path / "dir", truth)
    blobs = list((tmp_path / "dir" / "archive").rglob("*"))
    names = Counter(p.name for p in blobs if p.is_file())
    assert all(n == 1 for n in names.values())  # content-addressed: each payload once

    with Ingestor(tmp_path / "warc", jobs=2) as ing:
        ing.import_paths(sorted((rich / "warc").glob("*.warc.gz")))
    assert ing.summary.failures == 0, ing.summary.examples
    check_once(tmp_path / "warc", truth)

    # importing the folder again adds nothing and extracts nothing again
    monkeypatch.setattr(IndexWriterSink, "add", real_add)
    with Ingestor(tmp_path / "dir", jobs=1) as ing:
        ing.import_paths([rich / "sites"])
    assert ing.summary.indexed == 0 and ing.summary.updated == 0 and ing.summary.failures == 0


def test_crawl_collects_each_attachment_once_with_all_its_parents(rich, tmp_path):
    truth = truth_of(rich)
    servers = [SiteServer(root=site, robots="User-agent: *\nCrawl-delay: 0\n")
               for site in sorted((rich / "sites").iterdir())]
    data = tmp_path / "crawl"
    for srv in servers:
        srv.__enter__()
    try:
        res = run_tracuu("crawl", *[s.url + "/" for s in servers], "--follow", "site", "--delay", "0",
                         "--no-ocr", "--data", str(data), "--commit-every", "200", timeout=1800,
                         env={"TRACUU_OCR": "0"})
    finally:
        for srv in servers:
            srv.__exit__(None, None, None)
    assert res.returncode == 0, res.stderr.decode()[-2000:]
    assert "tệp đính kèm (attachments)" in res.stdout.decode()
    check_once(data, truth, by_path=True)
    # each attachment was fetched once: one request per path on its server, one WARC response
    fetched = Counter(urlsplit(p).path for s in servers for p in s.paths())
    for t in truth:
        assert fetched[urlsplit(t["url"]).path] == 1, t["url"]
    responses: Counter = Counter()
    for w in (data / "archive" / "warc").glob("*.warc.gz"):
        with open(w, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "response":
                    responses[urlsplit(rec.rec_headers.get_header("WARC-Target-URI")).path] += 1
    assert all(responses[urlsplit(t["url"]).path] == 1 for t in truth)
    assert os.environ.get("TRACUU_OCR") != "0"  # the test did not leak its setting
