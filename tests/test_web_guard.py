"""Serving under misbehaving clients (issue 14, item 3): oversized requests refused with problem
details, a search time budget, a per-client rate limit, and slow clients that do not block others.

The limits are checked on the Flask app and again through the real ``tracuu serve`` (waitress),
where a byte-by-byte sender holds 50 connections open while another client searches.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from search import deadline
from search.model import SearchRequest
from tests.conftest import REPO
from tests.webcorpus import build_index, make_docs
from web import create_app
from web.guard import RateLimiter, parse_rate


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("guard"), make_docs(300))


def _app(data: Path, **config):
    return create_app({"DATA": str(data), "TESTING": True, **config})


def _problem(resp) -> dict:
    assert resp.mimetype == "application/problem+json", resp.data[:200]
    return json.loads(resp.data)


def test_oversized_url_is_414_with_problem_details(data):
    client = _app(data).test_client()
    resp = client.get("/api/v1/search?q=a&x=" + "b" * 9000)
    assert resp.status_code == 414
    body = _problem(resp)
    assert body["type"].endswith("uri-too-long") and "tối đa 8192" in body["detail"]
    page = client.get("/?q=a&x=" + "b" * 9000)  # the HTML side gets an error page, same status
    assert page.status_code == 414 and "text/html" in page.content_type


def test_oversized_header_is_431(data):
    client = _app(data).test_client()
    resp = client.get("/api/v1/search?q=hành chính", headers={"X-Junk": "j" * 9000})
    assert resp.status_code == 431
    assert "X-Junk" in _problem(resp)["detail"]
    many = {f"X-H{i}": "v" * 500 for i in range(40)}  # each small, together too large
    assert client.get("/api/v1/search?q=a", headers=many).status_code == 431
    assert client.get("/api/v1/search?q=a", headers={"X-Ok": "v" * 500}).status_code == 200


def test_oversized_query_string_and_too_many_parameters_are_400(data):
    client = _app(data).test_client()
    resp = client.get("/api/v1/search?q=" + "a" * 5000)
    assert resp.status_code == 400 and _problem(resp)["type"].endswith("query-string-too-long")
    resp = client.get("/api/v1/search?" + "&".join(f"year={2000 + i % 20}" for i in range(80)))
    assert resp.status_code == 400 and _problem(resp)["type"].endswith("too-many-parameters")


def test_search_past_the_time_budget_stops_with_a_clear_message(data):
    client = _app(data, SEARCH_TIME_BUDGET=1e-9).test_client()
    resp = client.get("/api/v1/search?q=cải cách hành chính")
    assert resp.status_code == 503
    body = _problem(resp)
    assert body["type"].endswith("time-budget") and "thu hẹp truy vấn" in body["detail"]
    assert resp.headers["Retry-After"] == "5"
    assert client.get("/?q=cải cách hành chính").status_code == 503
    # the same app keeps answering other pages, and a normal budget lets the query through
    assert client.get("/api/v1/stats").status_code == 200
    ok = _app(data).test_client().get("/api/v1/search?q=cải cách hành chính")
    assert ok.status_code == 200 and ok.get_json()["total"] > 0


def test_the_searcher_checks_its_deadline_while_evaluating(data):
    from search.searcher import Searcher

    with Searcher(data) as s:
        with deadline.budget(1e-9), pytest.raises(deadline.TimeBudgetExceeded):
            s.search(SearchRequest(q="cải cách hành chính OR chuyển đổi số"))
        # without a budget (the command line) and after it, searching works
        assert s.search(SearchRequest(q="cải cách hành chính")).total > 0


def test_rate_limit_answers_429_with_retry_after(data):
    client = _app(data, RATE_LIMIT="3/s").test_client()
    codes = [client.get("/api/v1/search?q=a").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    resp = client.get("/api/v1/search?q=a")
    assert resp.status_code == 429 and int(resp.headers["Retry-After"]) >= 1
    assert _problem(resp)["type"].endswith("rate-limited")
    assert client.get("/static/style.css").status_code == 200  # static files are not counted
    other = client.get("/api/v1/search?q=a", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200  # per client


def test_rate_limiter_refills_and_parses_rates():
    lim = RateLimiter(2.0)
    assert lim.take("a", now=0.0) == 0 and lim.take("a", now=0.0) == 0
    assert lim.take("a", now=0.0) == pytest.approx(0.5)
    assert lim.take("a", now=0.6) == 0
    assert parse_rate("5/s") == 5 and parse_rate("120/min") == 2 and parse_rate("") is None
    with pytest.raises(ValueError):
        parse_rate("fast")


# -- through waitress -------------------------------------------------------------------------


def _serve(data: Path, *extra: str) -> tuple[subprocess.Popen, str, int]:
    proc = subprocess.Popen([sys.executable, "-m", "tracuu", "serve", "--data", str(data), "--port", "0", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "http://" in line, proc.stderr.read() if proc.stderr else line
    url = line[line.index("http://"):].split()[0].rstrip("/")
    return proc, "127.0.0.1", int(url.rsplit(":", 1)[1])


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    out = (resp.status, dict(resp.getheaders()), resp.read())
    conn.close()
    return out


def test_through_waitress_slow_clients_do_not_block_and_limits_hold(data):
    proc, _host, port = _serve(data, "--threads", "4", "--rate-limit", "1000/s")
    stop = threading.Event()
    request = b"GET /api/v1/search?q=h%C3%A0nh+ch%C3%ADnh HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"p" * 400 + b"\r\n\r\n"
    sent = [0]

    def slowloris() -> None:
        socks = []
        for _ in range(50):
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            socks.append(s)
        i = 0
        while not stop.is_set() and i < len(request) - 1:  # never finishes its request
            for s in socks:
                try:
                    s.send(request[i:i + 1])
                except OSError:
                    pass
            sent[0] += 1
            i += 1
            time.sleep(0.02)
        for s in socks:
            s.close()

    attacker = threading.Thread(target=slowloris, daemon=True)
    try:
        attacker.start()
        time.sleep(0.5)  # the 50 connections are open and trickling, more than the 4 threads
        assert sent[0] > 0
        slowest = 0.0
        for _ in range(20):
            t0 = time.monotonic()
            status, _h, body = _get(port, "/api/v1/search?q=c%E1%BA%A3i+c%C3%A1ch")
            slowest = max(slowest, time.monotonic() - t0)
            assert status == 200 and json.loads(body)["total"] > 0
        assert attacker.is_alive(), "the slow clients were still sending while the searches ran"
        # with 4 threads and 50 stuck connections, a blocked server would have timed out above;
        # 10 s is the client's timeout, not a benchmark
        assert slowest < 10
        status, headers, body = _get(port, "/api/v1/search?q=a&x=" + "b" * 9000)
        assert status == 414 and headers["Content-Type"].startswith("application/problem+json")
        status, _h, _b = _get(port, "/api/v1/search?q=a", headers={"X-Junk": "j" * 20000})
        assert status == 431
    finally:
        stop.set()
        attacker.join(timeout=20)
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_rejects_a_bad_rate_limit(data):
    from tests.conftest import run_tracuu

    res = run_tracuu("serve", "--data", str(data), "--port", "0", "--rate-limit", "fast")
    assert res.returncode == 2 and "5/s" in res.stderr.decode()
