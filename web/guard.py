"""Guards a public search service needs against clients that misbehave.

* **Oversized requests** are refused before any work: a URL longer than ``MAX_URL_BYTES`` with
  414, headers larger than ``MAX_HEADER_BYTES`` (all together) or ``MAX_HEADER_FIELD_BYTES`` (one)
  with 431, a query string longer than ``MAX_QUERY_STRING_BYTES`` or with more than
  ``MAX_QUERY_PARAMS`` parameters with 400, each as RFC 9457 problem details on the API (an error
  page elsewhere). waitress's own cap (256 KB of headers) stays as the last line.
* **A time budget per search** (``SEARCH_TIME_BUDGET`` seconds, default 2): the searcher checks it
  while evaluating (:mod:`search.deadline`) and stops with 503 and a message saying how to narrow
  the query, instead of pinning a thread and the searcher's lock.
* **An optional rate limit per client** (``RATE_LIMIT``, e.g. ``"5/s"`` or ``"120/min"``,
  ``tracuu serve --rate-limit``): a token bucket per client address, burst = one second's worth
  (at least 1); past it, 429 with ``Retry-After``. Static files are not counted. With
  ``--workers N`` each process keeps its own buckets (the kernel spreads connections over them).
  The client is the peer address: behind a reverse proxy every client is the proxy, so limit
  there instead.

Slow clients are waitress's part: it reads requests and writes responses asynchronously in its
main loop and hands a request to a worker thread only once it is complete, so a client sending
one byte a second holds a socket, not a thread (tests/test_web_guard.py checks it).
"""

from __future__ import annotations

import math
import re
import threading
import time
from typing import Any

from flask import Flask, g, render_template, request

from search import deadline
from web.problems import problem, wants_problem_json

DEFAULTS: dict[str, Any] = {
    "MAX_URL_BYTES": 8192,
    "MAX_HEADER_BYTES": 16384,
    "MAX_HEADER_FIELD_BYTES": 8192,
    "MAX_QUERY_STRING_BYTES": 4096,
    "MAX_QUERY_PARAMS": 64,
    "SEARCH_TIME_BUDGET": 2.0,
    "RATE_LIMIT": None,
}

_RATE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*(s|sec|second|m|min|minute))?\s*$", re.IGNORECASE)


def parse_rate(text: str | float | int | None) -> float | None:
    """``"5/s"``, ``"120/min"``, ``"5"`` or a number → requests per second; None/``""``/0 → no limit."""
    if text is None or text == "" or text == 0:
        return None
    if isinstance(text, (int, float)):
        return float(text) if text > 0 else None
    m = _RATE_RE.match(str(text))
    if not m:
        raise ValueError(f"giới hạn tốc độ không hợp lệ: {text!r}; dùng dạng 5/s hoặc 120/min (invalid rate limit)")
    rate = float(m.group(1))
    if (m.group(2) or "s").lower().startswith("m"):
        rate /= 60.0
    return rate if rate > 0 else None


class RateLimiter:
    """Token buckets per client address; thread-safe; forgets idle clients."""

    def __init__(self, rate: float, burst: float | None = None, max_clients: int = 50_000) -> None:
        self.rate = rate
        self.burst = max(1.0, burst if burst is not None else rate)
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}  # client → (tokens, last time)
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """0.0 when the request may go ahead, else the seconds until it may."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (1.0 - tokens) / self.rate
            if len(self._buckets) > self.max_clients:
                self._forget(now)
        return wait

    def _forget(self, now: float) -> None:
        """Forget idle clients; if more than ``max_clients`` are all active (many addresses, e.g.
        an IPv6 range), forget the longest unseen down to 90 % of it: memory stays bounded and
        this scan runs once per tenth of the table, not on every request. A forgotten client
        comes back with a full bucket: the limit errs on the lenient side, never on a stranger."""
        full = self.burst / self.rate  # a client idle this long has a full bucket again
        for key in [k for k, (_, last) in self._buckets.items() if now - last > full]:
            del self._buckets[key]
        if len(self._buckets) > self.max_clients:
            keep = int(self.max_clients * 0.9)
            by_age = sorted(self._buckets.items(), key=lambda kv: kv[1][1])
            for key, _ in by_age[:len(by_age) - keep]:
                del self._buckets[key]


def _refuse(status: int, title: str, detail: str, kind: str, headers: dict[str, str] | None = None):
    if wants_problem_json():
        resp = problem(status, title, detail, kind)
    else:
        resp = app_error_page(status, title.split(" (")[0], detail)
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def app_error_page(status: int, title: str, detail: str):
    from flask import make_response

    return make_response(render_template("error.html", status=status, title=title, detail=detail, problems=[]),
                         status)


def _header_sizes(environ: dict[str, Any]) -> tuple[int, int, str]:
    total, largest, name = 0, 0, ""
    for key, value in environ.items():
        if key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            size = len(key) + len(str(value))
            total += size
            if size > largest:
                largest, name = size, key[5:].replace("_", "-").title() if key.startswith("HTTP_") else key
    return total, largest, name


def register(app: Flask) -> None:
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    rate = parse_rate(app.config.get("RATE_LIMIT"))
    limiter = RateLimiter(rate) if rate else None
    app.extensions["tracuu.ratelimit"] = limiter
    cfg = app.config

    @app.before_request
    def guard():
        env = request.environ
        url = env.get("RAW_URI") or env.get("REQUEST_URI") or (request.path + "?" + env.get("QUERY_STRING", ""))
        if len(url) > int(cfg["MAX_URL_BYTES"]):
            return _refuse(414, "Địa chỉ quá dài (URI too long)",
                           f"Địa chỉ dài {len(url)} byte, tối đa {cfg['MAX_URL_BYTES']} byte.", "uri-too-long")
        total, largest, name = _header_sizes(env)
        if total > int(cfg["MAX_HEADER_BYTES"]) or largest > int(cfg["MAX_HEADER_FIELD_BYTES"]):
            return _refuse(431, "Tiêu đề yêu cầu quá lớn (request header fields too large)",
                           f"Các tiêu đề dài {total} byte (lớn nhất: {name}, {largest} byte); tối đa "
                           f"{cfg['MAX_HEADER_BYTES']} byte tổng và {cfg['MAX_HEADER_FIELD_BYTES']} byte mỗi tiêu đề.",
                           "header-too-large")
        qs = env.get("QUERY_STRING", "")
        if len(qs) > int(cfg["MAX_QUERY_STRING_BYTES"]):
            return _refuse(400, "Chuỗi truy vấn quá dài (query string too long)",
                           f"Chuỗi truy vấn dài {len(qs)} byte, tối đa {cfg['MAX_QUERY_STRING_BYTES']} byte.",
                           "query-string-too-long")
        if qs.count("&") + 1 > int(cfg["MAX_QUERY_PARAMS"]):
            return _refuse(400, "Quá nhiều tham số (too many parameters)",
                           f"{qs.count('&') + 1} tham số, tối đa {cfg['MAX_QUERY_PARAMS']}.", "too-many-parameters")
        if limiter is not None and not request.path.startswith("/static/"):
            wait = limiter.take(request.remote_addr or "?")
            if wait > 0:
                retry = max(1, math.ceil(wait))
                return _refuse(429, "Quá nhiều yêu cầu (too many requests)",
                               f"Mỗi máy khách được tối đa {rate:g} yêu cầu mỗi giây; thử lại sau {retry} giây.",
                               "rate-limited", {"Retry-After": str(retry)})
        g.tracuu_deadline = deadline.start(float(cfg["SEARCH_TIME_BUDGET"] or 0))
        return None

    @app.teardown_request
    def end_budget(_exc):
        token = g.pop("tracuu_deadline", None)
        if token is not None:
            try:
                deadline.reset(token)
            except ValueError:  # a streamed response finishing in another context
                pass

    @app.errorhandler(deadline.TimeBudgetExceeded)
    def over_budget(exc: deadline.TimeBudgetExceeded):
        return _refuse(503, "Truy vấn chạy quá thời gian cho phép (query time budget exceeded)", str(exc),
                       "time-budget", {"Retry-After": "5"})
