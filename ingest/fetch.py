"""Polite HTTP fetching for crawls, URL lists and sitemaps.

Portals are run by small public offices on modest servers; an archivist's crawler must not be the
reason one goes down, and must be identifiable. Hence, following Heritrix's politeness model:

* robots.txt is obeyed by default (``urllib.robotparser``), including ``Crawl-delay``;
* one connection per host, and a minimum delay between two requests to the same host (the larger
  of our ``delay`` and the site's Crawl-delay, capped at ``max_crawl_delay``);
* retries with exponential backoff on 500/502/503/504 and connection errors (urllib3 ``Retry``),
  whose first retry also waits at least ``delay`` (urllib3 would retry at once);
* connect/read timeouts and a maximum response size, enforced while streaming;
* a User-Agent naming tracuu and a contact, settable;
* conditional requests (ETag / Last-Modified) when re-fetching, redirects followed hop by hop so
  every hop is robots-checked, delayed and recorded.

The raw (still content-encoded) body and the exact request and response headers are kept on the
result so that :mod:`index.store` can write faithful WARC request/response records.
"""

from __future__ import annotations

import logging
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib import robotparser
from urllib.parse import quote, urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ingest.sources import RawPage

log = logging.getLogger(__name__)

RETRY_STATUSES = (500, 502, 503, 504)


def user_agent(version: str, contact: str | None) -> str:
    """``tracuu/<version> (+<contact>)``: the operator must be reachable (Heritrix convention).

    HTTP header values are Latin-1 on the wire, so a non-ASCII contact is percent-encoded.
    """
    if not contact:
        return f"tracuu/{version}"
    return f"tracuu/{version} (+{quote(contact, safe=':/@.+-_~;=?&%')})"


@dataclass
class FetchConfig:
    user_agent: str = "tracuu/0.1.0"
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 50 * 1024 * 1024
    retries: int = 3
    backoff: float = 1.0  # seconds; doubled on each further retry
    delay: float = 1.0  # minimum seconds between two requests to one host
    max_crawl_delay: float = 30.0  # cap on a site's Crawl-delay
    obey_robots: bool = True
    max_redirects: int = 10
    #: ``url -> reason | None`` checked before every request and redirect hop
    #: (:class:`ingest.netguard.AddressGuard`: refuses private addresses pages point to)
    address_check: Callable[[str], str | None] | None = field(default=None, compare=False)

    def settings(self) -> dict[str, str]:
        """For the warcinfo record: how this crawl behaved."""
        return {"http-header-user-agent": self.user_agent,
                "robots": "obey" if self.obey_robots else "ignore",
                "delay": str(self.delay), "max-crawl-delay": str(self.max_crawl_delay),
                "retries": str(self.retries), "timeout": f"{self.connect_timeout}/{self.read_timeout}",
                "max-bytes": str(self.max_bytes)}


@dataclass
class Hop:
    """One HTTP exchange (a redirect hop or the final response), as needed for WARC."""

    url: str
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    request_headers: list[tuple[str, str]]
    request_line: str
    body: bytes  # as received on the wire (content-encoding kept, transfer-encoding removed)
    date: str
    ip: str | None = None


@dataclass
class FetchResult:
    url: str
    final_url: str | None = None
    status: int | None = None
    payload: bytes = b""  # content-decoded body
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    date: str | None = None
    hops: list[Hop] = field(default_factory=list)  # every exchange, redirects first
    redirects: list[tuple[str, int, str]] = field(default_factory=list)  # (from, status, to)
    not_modified: bool = False
    error: str | None = None
    stage: str = "fetch"  # fetch | robots

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for k, v in self.headers:
            if k.lower() == lname:
                return v
        return None

    def to_raw_page(self) -> RawPage:
        return RawPage(url=self.final_url or self.url, payload=self.payload, content_type=self.content_type,
                       headers=list(self.headers), status=self.status, date=self.date,
                       source=self.url, record_type="fetch")


def crawl_delay(robots_txt: str, agent: str) -> float | None:
    """The Crawl-delay for ``agent`` (its own group first, else ``*``), fractions allowed.

    ``urllib.robotparser`` reads only whole seconds; sites do write ``Crawl-delay: 0.5``.
    """
    token = agent.split("/")[0].lower()
    delays: dict[str, float] = {}
    agents: list[str] = []
    in_rules = False
    for raw in robots_txt.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (x.strip() for x in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.lower())
        else:
            in_rules = True
            if key == "crawl-delay":
                try:
                    d = float(value)
                except ValueError:
                    continue
                for a in agents:
                    delays.setdefault(a, d)
    for a, d in delays.items():
        if a != "*" and a in token:
            return d
    return delays.get("*")


class FetchError(Exception):
    pass


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _make_retry(cfg: FetchConfig, floor: float) -> Retry:

    class PoliteRetry(Retry):
        """urllib3 retries the first failure at once; politeness wants at least the host delay."""

        def get_backoff_time(self) -> float:  # noqa: D102
            return max(super().get_backoff_time(), floor)

    return PoliteRetry(total=cfg.retries, connect=cfg.retries, read=min(cfg.retries, 1),
                       status=cfg.retries, backoff_factor=cfg.backoff, status_forcelist=RETRY_STATUSES,
                       allowed_methods=frozenset({"GET", "HEAD"}), raise_on_status=False,
                       respect_retry_after_header=True, redirect=False)


def _decode_body(body: bytes, encoding: str | None, cap: int) -> bytes:
    enc = (encoding or "").strip().lower()
    if enc in ("", "identity"):
        return body
    if enc in ("gzip", "x-gzip", "deflate"):
        d = zlib.decompressobj(47 if enc != "deflate" else zlib.MAX_WBITS)
        try:
            out = d.decompress(body, cap + 1)
        except zlib.error:
            if enc != "deflate":
                raise
            d = zlib.decompressobj(-zlib.MAX_WBITS)
            out = d.decompress(body, cap + 1)
        if len(out) > cap:
            raise FetchError(f"nội dung giải nén vượt {cap} byte (decoded response too large)")
        return out
    raise FetchError(f"Content-Encoding không hỗ trợ: {encoding} (unsupported content encoding)")


class Fetcher:
    """A requests Session with per-host politeness; thread-safe per host."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = cfg = config or FetchConfig()
        self.session = requests.Session()
        self.session.mount("http://", self._adapter(cfg.delay))
        self.session.mount("https://", self._adapter(cfg.delay))
        self.session.headers.update({"User-Agent": cfg.user_agent, "Accept-Encoding": "gzip, deflate",
                                     "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        self._robots: dict[str, robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    # ---- politeness -------------------------------------------------------------------

    def _adapter(self, delay: float) -> HTTPAdapter:
        """One pooled connection, retries that wait at least ``delay`` (the host's pace)."""
        return HTTPAdapter(max_retries=_make_retry(self.config, delay), pool_connections=1,
                           pool_maxsize=1, pool_block=True)

    @staticmethod
    def host_key(url: str) -> str:
        p = urlsplit(url)
        return f"{p.scheme.lower()}://{(p.netloc or '').lower()}"

    def host_delay(self, url: str) -> float:
        delay = self.config.delay
        rp = self._robots.get(self.host_key(url))
        if rp is not None and self.config.obey_robots:
            cd = getattr(rp, "tracuu_crawl_delay", None)
            if cd:
                delay = max(delay, min(float(cd), self.config.max_crawl_delay))
        return delay

    def _wait_turn(self, url: str) -> None:
        key = self.host_key(url)
        last = self._last.get(key)
        if last is not None:
            wait = last + self.host_delay(url) - time.monotonic()
            if wait > 0:
                time.sleep(wait)

    def _mark(self, url: str) -> None:
        self._last[self.host_key(url)] = time.monotonic()

    def _host_lock(self, url: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(self.host_key(url), threading.Lock())

    def robots(self, url: str) -> robotparser.RobotFileParser | None:
        """The host's parsed robots.txt (fetched once); None means everything is allowed."""
        key = self.host_key(url)
        if key in self._robots:
            return self._robots[key]
        rp = robotparser.RobotFileParser(key + "/robots.txt")
        try:
            self._wait_turn(url)
            resp = self.session.get(key + "/robots.txt", timeout=(self.config.connect_timeout,
                                                                 self.config.read_timeout),
                                    allow_redirects=True, stream=True)
            self._mark(url)
            with resp:
                if resp.status_code in (401, 403):
                    rp.disallow_all = True
                elif resp.status_code >= 500:
                    rp.disallow_all = True  # server trouble: be conservative, as Google is
                elif resp.status_code >= 400:
                    rp.allow_all = True
                else:
                    text = resp.raw.read(512 * 1024, decode_content=True).decode("utf-8", "replace")
                    rp.parse(text.splitlines())
                    rp.tracuu_crawl_delay = crawl_delay(text, self.config.user_agent)
        except requests.RequestException as exc:
            log.warning("robots.txt của %s không tải được (%s): coi như cấm", key, exc)
            rp.disallow_all = True
        self._robots[key] = rp
        # a per-host adapter: its own single connection and retries paced by the host's delay
        self.session.mount(key + "/", self._adapter(self.host_delay(url)))
        return rp

    def allowed(self, url: str) -> bool:
        if not self.config.obey_robots:
            return True
        rp = self.robots(url)
        return rp is None or rp.can_fetch(self.config.user_agent, url)

    # ---- fetching ----------------------------------------------------------------------

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` politely; failures come back in ``result.error`` (never raised)."""
        result = FetchResult(url=url)
        current = url
        for _ in range(self.config.max_redirects + 1):
            why = self.config.address_check(current) if self.config.address_check else None
            if why:  # ingest.netguard: no loopback/private/link-local hosts a page points to
                result.error = why
                return result
            if not self.allowed(current):
                result.error = f"robots.txt cấm tải {current} (disallowed by robots.txt)"
                result.stage = "robots"
                return result
            extra = {}
            if current == url:
                if etag:
                    extra["If-None-Match"] = etag
                if last_modified:
                    extra["If-Modified-Since"] = last_modified
            with self._host_lock(current):
                self._wait_turn(current)
                try:
                    hop = self._get(current, extra)
                except (requests.RequestException, FetchError, zlib.error) as exc:
                    result.error = _describe(exc)
                    return result
                finally:
                    self._mark(current)
            result.hops.append(hop)
            loc = _header(hop.headers, "Location")
            if hop.status in (301, 302, 303, 307, 308) and loc:
                target = urljoin(current, loc)
                result.redirects.append((current, hop.status, target))
                current = target
                continue
            result.final_url = current
            result.status = hop.status
            result.headers = hop.headers
            result.date = hop.date
            result.content_type = _header(hop.headers, "Content-Type")
            if hop.status == 304:
                result.not_modified = True
                return result
            try:
                result.payload = _decode_body(hop.body, _header(hop.headers, "Content-Encoding"),
                                              self.config.max_bytes)
            except (FetchError, zlib.error) as exc:
                result.error = _describe(exc)
                return result
            if hop.status >= 400:
                result.error = f"HTTP {hop.status} {hop.reason}"
            return result
        result.error = f"quá {self.config.max_redirects} lần chuyển hướng (too many redirects)"
        return result

    def _get(self, url: str, extra: dict[str, str]) -> Hop:
        cfg = self.config
        date = _now_iso()
        resp = self.session.get(url, headers=extra, stream=True, allow_redirects=False,
                                timeout=(cfg.connect_timeout, cfg.read_timeout))
        with resp:
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > cfg.max_bytes:
                raise FetchError(f"phản hồi quá lớn: {declared} byte > {cfg.max_bytes} (response too large)")
            ip = _peer_ip(resp)
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = resp.raw.read(65536, decode_content=False)
                if not chunk:
                    break
                size += len(chunk)
                if size > cfg.max_bytes:
                    raise FetchError(f"phản hồi vượt {cfg.max_bytes} byte, đã dừng tải (response too large)")
                chunks.append(chunk)
            req = resp.request
            headers = [(k, v) for k, v in resp.raw.headers.items() if k.lower() != "transfer-encoding"]
            version = {10: "HTTP/1.0", 11: "HTTP/1.1", 20: "HTTP/2"}.get(resp.raw.version, "HTTP/1.1")
            return Hop(url=url, status=resp.status_code, reason=resp.reason or "", http_version=version,
                       headers=headers, request_headers=list(req.headers.items()),
                       request_line=f"{req.method} {req.path_url} HTTP/1.1", body=b"".join(chunks),
                       date=date, ip=ip)

    def get_bytes(self, url: str) -> bytes:
        """For sitemaps: the body or an exception naming the failure."""
        res = self.fetch(url)
        if not res.ok:
            raise FetchError(res.error or f"HTTP {res.status}")
        return res.payload

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    lname = name.lower()
    for k, v in headers:
        if k.lower() == lname:
            return v
    return None


def _peer_ip(resp: requests.Response) -> str | None:
    try:
        conn = getattr(resp.raw, "_connection", None) or getattr(resp.raw, "connection", None)
        sock = getattr(conn, "sock", None)
        return sock.getpeername()[0] if sock else None
    except (OSError, AttributeError):
        return None


def _describe(exc: Exception) -> str:
    if isinstance(exc, requests.exceptions.RetryError):
        return f"hết số lần thử lại (retries exhausted): {exc}"
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"quá thời gian kết nối (connect timeout): {exc}"
    if isinstance(exc, requests.exceptions.ReadTimeout | requests.exceptions.ConnectionError) and \
            "timed out" in str(exc).lower():
        return f"quá thời gian đọc (read timeout): {exc}"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return f"lỗi kết nối (connection error): {exc}"
    return str(exc)
