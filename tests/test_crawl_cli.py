"""``tracuu crawl`` against a portalgen site on 127.0.0.1, then its WARCs imported elsewhere."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from index.catalog import Catalog
from tests.conftest import make_portal, run_tracuu
from tests.httpsite import SiteServer
from tests.test_pipeline import index_docs


def test_crawl_polite_complete_and_its_warcs_reimport_to_the_same_documents(tmp_path):
    out = make_portal(tmp_path / "portal", 12, "crawlcli", families="liferay62")
    (site,) = list((out / "sites").iterdir())
    truth = [json.loads(line) for line in (out / "truth.jsonl").read_text().splitlines()]
    robots = (site / "robots.txt").read_text()
    disallowed = next(x.split(":", 1)[1].strip() for x in robots.splitlines() if x.startswith("Disallow"))
    srv = SiteServer(root=site, robots=f"User-agent: *\nDisallow: {disallowed}\nCrawl-delay: 0.1\n")
    home = (site / "index.html").read_bytes()
    extra = (f'<a href="{disallowed}secret.html">x</a><a href="/slow.html">s</a><a href="/flaky.html">f</a>'
             '<a href="/gone.html">g</a><a href="/moved.html">m</a><a href="/hang.html">h</a>').encode()
    srv.routes["/"] = (200, {"Content-Type": "text/html; charset=utf-8"}, home.replace(b"</body>", extra + b"</body>"))
    for name in ("slow", "flaky", "hang"):
        srv.routes[f"/{name}.html"] = (200, {"Content-Type": "text/html"}, b"<html><body><p>x</p></body></html>")
    srv.routes["/moved.html"] = (302, {"Location": "/"}, b"")
    srv.slow = {"/slow.html": 0.5, "/hang.html": 4.0}
    srv.fail_first = {"/flaky.html": 1}
    data = tmp_path / "data"
    with srv:
        res = run_tracuu("crawl", srv.url + "/", "--follow", "site", "--delay", "0.1", "--timeout", "1.5",
                         "--retries", "1", "--contact", "mailto:luutru@example.org", "--data", str(data),
                         timeout=600)
    stdout, stderr = res.stdout.decode(), res.stderr.decode()
    assert res.returncode == 1, stderr  # the 404 and the timeout are failures
    paths = [urlsplit(p).path for p in srv.paths()]
    assert not any(p.startswith(disallowed) for p in paths)
    assert paths.count("/flaky.html") == 2
    times = srv.times()
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.095
    assert "đã tải" in stdout
    report = next((data / "reports").glob("errors-*.jsonl"))
    errors = [json.loads(x) for x in report.read_text().splitlines()]
    failed = {urlsplit(e["url"]).path: e for e in errors}
    assert "404" in failed["/gone.html"]["message"] and "timeout" in failed["/hang.html"]["message"]
    assert "/flaky.html" not in failed and "/slow.html" not in failed
    # every article is indexed (compare by path: the test server is not the real host)
    docs = index_docs(data)
    crawled = {urlsplit(u).path: t for u, t in docs.items()}
    articles = {urlsplit(t["url"]).path: t["title"] for t in truth if t["kind"] == "article"}
    assert articles and all(crawled.get(p) == t for p, t in articles.items())
    # the WARCs: warcinfo first, request/response pairs, readable by warcio with digests checked
    warcs = sorted((data / "archive" / "warc").glob("*.warc.gz"))
    assert warcs
    types = []
    for w in warcs:
        with open(w, "rb") as fh:
            recs = list(ArchiveIterator(fh, check_digests=True))
        assert recs[0].rec_type == "warcinfo"
        types += [r.rec_type for r in recs]
    assert types.count("request") == types.count("response") + types.count("revisit")
    assert types.count("response") > len(articles)
    # /moved.html redirects to the home page fetched before: the same payload became a revisit
    assert types.count("revisit") == 1
    with Catalog(data / "catalog.sqlite") as cat:
        cap = cat.latest(next(u for u in docs if urlsplit(u).path in articles))
        assert cap.store == "warc" and cap.status_code == 200 and cap.record_id
    # acceptance 2: importing those WARC files into a fresh data directory gives the same documents
    res = run_tracuu("ingest", *map(str, warcs), "--data", str(tmp_path / "fresh"), "--jobs", "1")
    assert res.returncode == 0, res.stderr.decode()
    assert "revisit: 1" in res.stdout.decode()
    assert index_docs(tmp_path / "fresh") == docs


def test_follow_related_lists_only_then_recrawl_uses_conditional_requests(tmp_path):
    out = make_portal(tmp_path / "portal", 20, "related", families="wordpress")
    (site,) = list((out / "sites").iterdir())
    truth = [json.loads(line) for line in (out / "truth.jsonl").read_text().splitlines()]
    start = next(t for t in truth if t["kind"] == "article" and t["related"])
    expected = {urlsplit(start["url"]).path} | {urlsplit(i["url"]).path for i in start["related"] + start["latest"]}
    srv = SiteServer(root=site, robots="User-agent: *\nCrawl-delay: 0.01\n")
    data = tmp_path / "data"
    args = ("crawl", srv.url + urlsplit(start["url"]).path, "--follow", "related", "--max-depth", "1",
            "--delay", "0.01", "--data", str(data), "--max-attachments", "0")  # attachments: their own tests
    with srv:
        first = run_tracuu(*args)
        assert first.returncode == 0, first.stderr.decode()
        fetched = {urlsplit(p).path for p in srv.paths()} - {"/robots.txt"}
        assert fetched == expected  # no menus, listings or images: only the two lists
        with Catalog(data / "catalog.sqlite") as cat:
            n_captures = cat.count()
        docs = index_docs(data)
        srv.log.clear()
        again = run_tracuu(*args, "--recrawl")
        assert again.returncode == 0, again.stderr.decode()
        seen = [s for s in srv.log if s.path != "/robots.txt"]
        assert {urlsplit(s.path).path for s in seen} == expected
        assert all(s.headers.get("If-None-Match") for s in seen)  # conditional re-fetch
    assert f"không đổi (unchanged): {len(expected)}" in again.stdout.decode()
    with Catalog(data / "catalog.sqlite") as cat:
        assert cat.count() == n_captures
    assert index_docs(data) == docs
