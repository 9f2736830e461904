"""Polite fetching against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip

from ingest.fetch import FetchConfig, Fetcher, user_agent
from tests.httpsite import SiteServer

ROBOTS = "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n"


def cfg(**kw) -> FetchConfig:
    base = dict(user_agent=user_agent("0.1.0", "mailto:lưu-trữ@example.org"), delay=0.05, backoff=0.05,
                retries=2, connect_timeout=2, read_timeout=0.5)
    base.update(kw)
    return FetchConfig(**base)


def test_robots_delay_retry_redirect_and_errors():
    gzbody = gzip.compress(b"<p>gz</p>")
    srv = SiteServer(robots=ROBOTS)
    srv.routes = {
        "/a": (200, {"Content-Type": "text/html; charset=utf-8"}, "<p>Tin mới</p>".encode()),
        "/gz": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzbody),
        "/moved": (301, {"Location": "/a"}, b""),
        "/private/x": (200, {}, b"secret"),
        "/big": (200, {"Content-Type": "text/html"}, b"x" * 5000),
    }
    srv.fail_first = {"/flaky": 1}
    srv.routes["/flaky"] = (200, {"Content-Type": "text/html"}, b"<p>ok now</p>")
    srv.slow = {"/timeout": 2.0}
    with srv, Fetcher(cfg(max_bytes=4000)) as f:
        a = f.fetch(srv.url + "/a")
        assert a.ok and a.payload.decode() == "<p>Tin mới</p>" and a.status == 200
        assert a.hops[0].request_line == "GET /a HTTP/1.1" and a.hops[0].ip == "127.0.0.1"
        gz = f.fetch(srv.url + "/gz")
        assert gz.payload == b"<p>gz</p>" and gz.hops[0].body == gzbody
        moved = f.fetch(srv.url + "/moved")
        assert moved.ok and moved.final_url == srv.url + "/a"
        assert moved.redirects == [(srv.url + "/moved", 301, srv.url + "/a")] and len(moved.hops) == 2
        priv = f.fetch(srv.url + "/private/x")
        assert priv.stage == "robots" and not priv.ok and "robots" in priv.error
        flaky = f.fetch(srv.url + "/flaky")
        assert flaky.ok and flaky.payload == b"<p>ok now</p>"
        missing = f.fetch(srv.url + "/nope")
        assert missing.status == 404 and "404" in missing.error
        big = f.fetch(srv.url + "/big")
        assert not big.ok and "too large" in big.error
        slow = f.fetch(srv.url + "/timeout")
        assert not slow.ok and "timeout" in slow.error
    paths = srv.paths()
    assert "/private/x" not in paths
    assert paths.count("/flaky") == 2
    assert all("tracuu/0.1.0 (+mailto:" in s.headers["User-Agent"] for s in srv.log)
    # the Crawl-delay (0.3 s) is kept between consecutive requests, retries included
    times = srv.times()
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.29, gaps


def test_conditional_refetch_and_500_exhaustion():
    srv = SiteServer(robots="User-agent: *\nAllow: /\n")
    srv.routes = {"/down": (503, {"Content-Type": "text/plain"}, b"busy")}
    with srv, Fetcher(cfg(delay=0.01, retries=2)) as f:
        srv.routes["/e"] = (200, {"ETag": '"v1"', "Content-Type": "text/html"}, b"<p>1</p>")
        first = f.fetch(srv.url + "/e")
        assert first.header("ETag") == '"v1"'
        srv.routes["/e"] = (304, {"ETag": '"v1"'}, b"")
        again = f.fetch(srv.url + "/e", etag='"v1"', last_modified="Sat, 01 Jun 2025 00:00:00 GMT")
        assert again.not_modified and again.status == 304
        down = f.fetch(srv.url + "/down")
        assert not down.ok and "503" in down.error
    sent = [s.headers for s in srv.log if s.path == "/e"]
    assert sent[1].get("If-None-Match") == '"v1"' and "If-Modified-Since" in sent[1]
    assert srv.paths().count("/down") == 3  # first try + 2 retries


def test_robots_unreachable_means_disallow():
    srv = SiteServer()
    srv.fail_first = {"/robots.txt": 100}
    with srv, Fetcher(cfg(retries=0)) as f:
        res = f.fetch(srv.url + "/a")
        assert res.stage == "robots"
    assert srv.paths() == ["/robots.txt"]
