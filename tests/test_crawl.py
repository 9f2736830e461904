"""Crawling a portalgen site served on 127.0.0.1 (fetch + frontier only; indexing is tested elsewhere)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from ingest.crawl import Crawler, Frontier, extract_links, normalize_url
from ingest.fetch import FetchConfig, Fetcher
from tests.conftest import make_portal
from tests.httpsite import SiteServer


def test_normalize_url():
    assert normalize_url("HTTP://Example.GOV.vn:80/a/./b/../c?x=1#frag") == "http://example.gov.vn/a/c?x=1"
    assert normalize_url("https://a.vn") == "https://a.vn/"
    assert normalize_url("/x/y/", "https://a.vn/p/q") == "https://a.vn/x/y/"
    assert normalize_url("https://a.vn/tin%2dtuc/%C4%91") == normalize_url("https://a.vn/tin-tuc/đ")
    assert normalize_url("mailto:x@y.vn") is None and normalize_url("http://") is None


def test_extract_links_marks_pagination():
    html = b"""<html><body><a href="/a">Trang chu</a><div class="paging"><span>1</span>
    <a href="/l?p=2">2</a> <a class="next" href="/l?p=2">Trang sau</a></div>
    <a href="javascript:void(0)">x</a><a href="#top">top</a></body></html>"""
    links = extract_links(html, "https://a.vn/l")
    assert [(link.url, link.pager) for link in links] == [
        ("https://a.vn/a", False), ("https://a.vn/l?p=2", True), ("https://a.vn/l?p=2", True)]


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    out = make_portal(tmp_path_factory.mktemp("crawlsite"), 24, "crawl", families="aspnet_vi")
    (site,) = list((out / "sites").iterdir())
    truth = [json.loads(line) for line in (out / "truth.jsonl").read_text().splitlines()]
    return site, truth


def serve(site, delay: float = 0.05):
    robots = (site / "robots.txt").read_text()
    disallowed = next(line.split(":", 1)[1].strip() for line in robots.splitlines() if line.startswith("Disallow"))
    srv = SiteServer(root=site, robots=f"User-agent: *\nDisallow: {disallowed}\nCrawl-delay: {delay}\n")
    return srv, disallowed


def test_site_crawl_is_polite_complete_and_resumable(small_site, tmp_path):
    site, truth = small_site
    srv, disallowed = serve(site)
    # a page linking into the disallowed area and to misbehaving routes
    srv.routes["/extra.html"] = (200, {"Content-Type": "text/html"},
                                 f'<a href="{disallowed}x.aspx">admin</a> <a href="/slow.html">s</a> '
                                 '<a href="/flaky.html">f</a> <a href="/gone.html">g</a> '
                                 '<a href="/moved.html">m</a> <a href="/hang.html">h</a> '
                                 '<a href="https://elsewhere.example/">out</a>'.encode())
    srv.routes["/slow.html"] = (200, {"Content-Type": "text/html"}, b"<p>slow</p>")
    srv.routes["/flaky.html"] = (200, {"Content-Type": "text/html"}, b"<p>flaky</p>")
    srv.routes["/moved.html"] = (301, {"Location": "/"}, b"")
    srv.routes["/hang.html"] = (200, {"Content-Type": "text/html"}, b"<p>never</p>")
    srv.slow = {"/slow.html": 0.3, "/hang.html": 3.0}
    srv.fail_first = {"/flaky.html": 1}
    cfg = FetchConfig(delay=0.0, backoff=0.05, retries=2, read_timeout=1.0, user_agent="tracuu/test (+t@e.vn)")
    seen: list[str] = []

    def on_result(result, depth):
        seen.append(result.final_url or result.url)
        return None

    with srv:
        frontier = Frontier(tmp_path / "frontier.sqlite")
        with Fetcher(cfg) as f:
            crawler = Crawler(f, frontier, follow="site", max_pages=15, on_result=on_result)
            crawler.seed([srv.url + "/", srv.url + "/extra.html"])
            first = crawler.run()
        assert frontier.processed() == 15 and first.fetched + first.failed + first.robots == 15
        frontier.close()
        first_run_requests = len(srv.times())
        # "stopped" after 15 pages: continue with a fresh process-like setup on the same frontier
        frontier = Frontier(tmp_path / "frontier.sqlite")
        with Fetcher(cfg) as f:
            crawler = Crawler(f, frontier, follow="site", on_result=on_result)
            crawler.seed([srv.url + "/"])
            second = crawler.run()
        counts = frontier.counts()
        frontier.close()
    paths = [urlsplit(p).path for p in srv.paths()]
    assert not any(p.startswith(disallowed) for p in paths)
    assert "elsewhere" not in " ".join(seen)
    page_paths = [p for p in paths if p != "/robots.txt"]
    # no page fetched twice across the two runs, except the retried 500 and the timed-out retry
    dupes = {p for p in page_paths if page_paths.count(p) > 1}
    assert dupes <= {"/flaky.html", "/hang.html", "/"}
    assert page_paths.count("/flaky.html") == 2
    # every article of the truth was fetched
    articles = {urlsplit(t["url"]).path for t in truth if t["kind"] == "article"}
    assert articles <= set(page_paths)
    # the delay between two requests to the host held (server-side times)
    # (within each run: a resumed crawl is a new process that starts without waiting)
    times = srv.times()
    for run in (times[:first_run_requests], times[first_run_requests:]):
        assert min(b - a for a, b in zip(run, run[1:], strict=False)) >= 0.045
    failures = {urlsplit(u).path: msg for u, _, msg in first.failures + second.failures}
    assert "/gone.html" in failures and "404" in failures["/gone.html"]
    assert "/hang.html" in failures and "timeout" in failures["/hang.html"]
    assert "/flaky.html" not in failures
    assert counts.get("skipped") == 1  # the disallowed link
