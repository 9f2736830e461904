"""``tracuu ingest --urls/--sitemap`` against 127.0.0.1, ``tracuu reindex`` and ``tracuu export``."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import make_portal, run_tracuu
from tests.httpsite import SiteServer
from tests.test_pipeline import index_docs


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = make_portal(tmp_path_factory.mktemp("ingcli"), 10, "ingcli", families="sharepoint_ministry", warc=True)
    (root,) = list((out / "sites").iterdir())
    truth = [json.loads(line) for line in (out / "truth.jsonl").read_text().splitlines()]
    return out, root, truth


def test_url_list_and_sitemaps(site, tmp_path):
    out, root, truth = site
    articles = [t for t in truth if t["kind"] == "article"]
    srv = SiteServer(root=root, robots="User-agent: *\nCrawl-delay: 0.02\n")
    host = urlsplit(articles[0]["url"]).netloc
    sitemap = (root / "sitemap.xml").read_bytes().replace(f"https://{host}".encode(), b"SERVER")
    with srv:
        srv.routes["/sitemap.xml"] = (200, {"Content-Type": "application/xml"},
                                      sitemap.replace(b"SERVER", srv.url.encode()))
        srv.routes["/sitemap-html.xml"] = (200, {"Content-Type": "text/html"},
                                           b"<!DOCTYPE html><html><body>Sitemap</body></html>")
        urls = tmp_path / "urls.txt"
        paths = [urlsplit(a["url"]).path for a in articles[:3]]
        urls.write_text("\n".join([*(srv.url + p for p in paths), "ftp://a.gov.vn/x", "not a url",
                                   "javascript:alert(1)", srv.url + "/missing.aspx"]) + "\n")
        data = tmp_path / "d"
        res = run_tracuu("ingest", "--urls", str(urls), "--data", str(data), "--delay", "0.02",
                         "--max-attachments", "0")  # the pages' attachments: tests/test_attachments_import.py
        assert res.returncode == 1
        docs = index_docs(data)
        assert {urlsplit(u).path for u in docs} == set(paths)
        report = next((data / "reports").glob("*.jsonl"))
        errs = [json.loads(x) for x in report.read_text().splitlines()]
        assert [e["offset"] for e in errs if e["stage"] == "urls"] == [4, 5, 6]
        assert any(e["url"].endswith("/missing.aspx") and "404" in e["message"] for e in errs)

        res = run_tracuu("ingest", "--sitemap", srv.url + "/sitemap.xml", "--sitemap", srv.url + "/sitemap-html.xml",
                         "--data", str(data), "--delay", "0.02")
        stderr = res.stderr.decode()
        assert res.returncode == 1 and "HTML" in stderr
        docs = index_docs(data)
        assert {urlsplit(a["url"]).path for a in articles} <= {urlsplit(u).path for u in docs}
    # every response of both runs is in the WARC archive
    n = 0
    for w in (data / "archive" / "warc").glob("*.warc.gz"):
        with open(w, "rb") as fh:
            n += sum(1 for r in ArchiveIterator(fh) if r.rec_type in ("response", "revisit"))
    assert n >= len(articles) + 2  # pages, the 404 and the sitemaps


def test_reindex_and_export(site, tmp_path):
    out, root, truth = site
    data = tmp_path / "d"
    res = run_tracuu("ingest", str(out / "warc"), "--data", str(data), "--jobs", "1")
    assert res.returncode == 0, res.stderr.decode()
    before = index_docs(data)
    res = run_tracuu("reindex", "--data", str(data), "--jobs", "1")
    assert res.returncode == 0, res.stderr.decode()
    assert index_docs(data) == before

    res = run_tracuu("export", "--format", "jsonl", "--data", str(data))
    assert res.returncode == 0, res.stderr.decode()
    rows = [json.loads(x) for x in res.stdout.decode().splitlines()]
    articles = {t["url"]: t for t in truth if t["kind"] == "article"}
    by_url = {r["url"]: r for r in rows}
    assert set(articles) <= set(by_url)
    some = next(iter(articles))
    assert by_url[some]["title"] == articles[some]["title"] and by_url[some]["hash"].startswith("sha1:")

    out_csv = tmp_path / "x.csv"
    res = run_tracuu("export", "--format", "csv", "--out", str(out_csv), "--data", str(data))
    assert res.returncode == 0
    table = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert {r["url"] for r in table} == set(by_url)
    assert {"url", "title", "published", "site", "category", "hash"} <= set(table[0])

    title = articles[some]["title"]
    out_warc = tmp_path / "x.warc.gz"
    res = run_tracuu("export", title, "--format", "warc", "--out", str(out_warc), "--data", str(data))
    assert res.returncode == 0, res.stderr.decode()
    with open(out_warc, "rb") as fh:
        recs = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
                for r in ArchiveIterator(fh, check_digests=True)]
    assert recs[0][0] == "warcinfo"
    got = {u: body for t, u, body in recs if t == "response"}
    assert some in got
    assert got[some] == (out / articles[some]["file"]).read_bytes()
