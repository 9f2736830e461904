"""Polite, resumable crawling of one or more portals.

The crawler decides *what* to fetch; :mod:`ingest.fetch` decides *how* (robots, delays, retries)
and the caller's ``on_result`` callback decides what to do with each response (store it in the
WARC archive, parse it, index it). Keeping storage and indexing out of here keeps ``ingest`` free of
``index`` imports, as the layout requires.

* ``follow="related"`` follows only the "Tin liên quan" / "Tin mới nhất" lists of each parsed page
  (``Document.related`` / ``latest``), the pagination of listings, and the article teasers of
  listing and home pages; ``"site"`` follows every same-host link; ``"none"`` fetches the given
  URLs only.
* It never leaves the start hosts, whatever a page links to or redirects to.
* URLs are normalised (scheme/host case, default ports, dot segments, fragments) and deduplicated.
* The frontier is a SQLite file, committed after every page, so a crawl stopped at any moment
  (even ``kill -9``) continues with the same command; a page that was in flight is fetched again,
  and the catalog's payload digests make that harmless.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ingest.attachlinks import DEFAULT_MAX_PER_PAGE, collect, is_attachment_url
from ingest.fetch import Fetcher, FetchResult
from ingest.urlnorm import normalize_url  # noqa: F401  (its home was here; callers import it from here)

log = logging.getLogger(__name__)

FOLLOW_MODES = ("related", "site", "none")

#: Never worth a request when crawling for text: presentation assets.
ASSET_EXT = frozenset("jpg jpeg png gif bmp webp svg ico css js mjs woff woff2 ttf eot otf mp3 mp4 avi "
                      "mov wmv flv webm swf zip rar 7z gz tgz exe msi iso".split())

_PAGER_TEXT = re.compile(r"^(\d{1,4}|»|›|>|>>|next|tiếp|tiếp theo|sau|trang sau|trang tiếp|xem tiếp)$", re.I)
_PAGER_CLASS = re.compile(r"pag|nav-links|pager|next", re.I)


def host_of(url: str) -> str:
    p = urlsplit(url)
    return (p.netloc or "").lower()


def _ext(url: str) -> str:
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


@dataclass
class Link:
    url: str
    text: str
    pager: bool = False


def extract_links(html: bytes, base_url: str) -> list[Link]:
    """Every ``<a href>``/``<area href>``/``<link rel=next>`` with its text and a pagination flag."""
    from lxml import etree
    from lxml import html as lhtml

    try:
        root = lhtml.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = base_url
    for b in root.iter("base"):
        if b.get("href"):
            base = urljoin(base_url, b.get("href"))
            break
    out: list[Link] = []
    for el in root.iter("a", "area", "link"):
        href = el.get("href")
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        if el.tag == "link" and "next" not in (el.get("rel") or "").lower():
            continue
        text = " ".join((el.text_content() if el.tag == "a" else "").split())
        pager = el.tag == "link" or "next" in (el.get("rel") or "").lower() or bool(_PAGER_TEXT.match(text))
        if not pager:
            for anc in (el, el.getparent(), el.getparent().getparent() if el.getparent() is not None else None):
                if anc is not None and _PAGER_CLASS.search(f"{anc.get('class', '')} {anc.get('id', '')}"):
                    pager = bool(_PAGER_TEXT.match(text)) or anc is el
                    break
        out.append(Link(urljoin(base, href), text, pager))
    return out


class Frontier:
    """The crawl's persistent queue: every URL seen, its depth and state."""

    def __init__(self, path: Path | str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript("""
            CREATE TABLE IF NOT EXISTS urls (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                url TEXT UNIQUE NOT NULL,
                depth INTEGER NOT NULL,
                parent TEXT,
                state TEXT NOT NULL DEFAULT 'queued',  -- queued | done | failed | skipped
                reason TEXT
            );
            CREATE INDEX IF NOT EXISTS urls_state ON urls(state, seq);
            CREATE TABLE IF NOT EXISTS hosts (host TEXT PRIMARY KEY);
        """)
        self.db.commit()

    def add_hosts(self, hosts: Iterable[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO hosts VALUES (?)", [(h,) for h in hosts])

    def hosts(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT host FROM hosts")}

    def add(self, url: str, depth: int, parent: str | None = None) -> bool:
        cur = self.db.execute("INSERT OR IGNORE INTO urls (url, depth, parent) VALUES (?, ?, ?)",
                              (url, depth, parent))
        return cur.rowcount > 0

    def next(self) -> tuple[str, int] | None:
        row = self.db.execute("SELECT url, depth FROM urls WHERE state = 'queued' ORDER BY seq LIMIT 1").fetchone()
        return (row[0], row[1]) if row else None

    def mark(self, url: str, state: str, reason: str | None = None) -> None:
        self.db.execute("UPDATE urls SET state = ?, reason = ? WHERE url = ?", (state, reason, url))

    def counts(self) -> dict[str, int]:
        return {s: n for s, n in self.db.execute("SELECT state, COUNT(*) FROM urls GROUP BY state")}

    def processed(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM urls WHERE state != 'queued'").fetchone()[0]

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()


@dataclass
class CrawlStats:
    fetched: int = 0
    failed: int = 0
    robots: int = 0
    off_host: int = 0
    not_modified: int = 0
    queued: int = 0
    attachments_over_cap: int = 0  # attachment links beyond the per-page cap, not fetched
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (url, stage, message)


#: ``on_result(result, depth)`` stores/parses/indexes one response and returns the parsed
#: document (anything with ``kind``, ``related``, ``latest``) or None.
OnResult = Callable[[FetchResult, int], object | None]


class Crawler:
    def __init__(self, fetcher: Fetcher, frontier: Frontier, *, follow: str = "related",
                 max_pages: int | None = None, max_depth: int | None = None,
                 on_result: OnResult | None = None, skip_assets: bool = True,
                 validators: Callable[[str], tuple[str | None, str | None]] | None = None,
                 commit_every: int = 1, before_commit: Callable[[], None] | None = None,
                 attachments: bool = True, max_attachments: int = DEFAULT_MAX_PER_PAGE) -> None:
        if follow not in FOLLOW_MODES:
            raise ValueError(f"--follow phải là một trong {', '.join(FOLLOW_MODES)}")
        self.fetcher = fetcher
        self.frontier = frontier
        self.follow = follow
        self.max_pages = max_pages
        self.max_depth = max_depth
        self.on_result = on_result
        self.skip_assets = skip_assets
        self.validators = validators
        self.commit_every = max(1, commit_every)
        self.before_commit = before_commit
        #: fetch the attachments pages link (ingest.attachlinks), at most this many per page
        self.attachments = attachments
        self.max_attachments = max_attachments
        self.stats = CrawlStats()

    def seed(self, urls: Iterable[str]) -> list[str]:
        """Queue the start URLs (depth 0) and remember their hosts; returns the rejected ones."""
        bad = []
        hosts = []
        for raw in urls:
            url = normalize_url(raw)
            if url is None:
                bad.append(raw)
                continue
            hosts.append(host_of(url))
            self.frontier.add(url, 0)
        self.frontier.add_hosts(hosts)
        self.frontier.commit()
        return bad

    def _enqueue(self, urls: Iterable[str], depth: int, parent: str, hosts: set[str]) -> None:
        if self.max_depth is not None and depth > self.max_depth:
            return
        for raw in urls:
            url = normalize_url(raw)
            if url is None:
                continue
            if host_of(url) not in hosts:
                self.stats.off_host += 1
                continue
            if self.skip_assets and _ext(url) in ASSET_EXT:
                continue
            if self.frontier.add(url, depth, parent):
                self.stats.queued += 1

    def links_to_follow(self, result: FetchResult, doc: object | None) -> list[str]:
        if self.follow == "none" or not result.payload:
            return []
        ctype = (result.content_type or "").lower()
        if ctype and "html" not in ctype and "xml" not in ctype:
            return []
        base = result.final_url or result.url
        links = extract_links(result.payload, base)
        if self.follow == "site":
            return [link.url for link in links]
        # related: the page's own lists, pagination, and teasers on listings/home pages
        out = [link.url for link in links if link.pager]
        kind = getattr(doc, "kind", None)
        for name in ("related", "latest"):
            for item in getattr(doc, name, None) or []:
                if getattr(item, "url", None):
                    out.append(urljoin(base, item.url))
        if kind != "article":
            out += [link.url for link in links if len(link.text.split()) >= 6]
        return out

    def _is_attachment(self, url: str) -> bool:
        return self.attachments and is_attachment_url(url)

    def _enqueue_attachments(self, result: FetchResult, doc: object | None, depth: int, parent: str) -> None:
        """Queue the files this page links (ingest.attachlinks decides which), at the page's
        depth: ``--max-depth`` limits pages followed, not a page's own attachments."""
        if not self.attachments or not result.payload or self._is_attachment(parent):
            return
        ctype = (result.content_type or "").lower()
        if ctype and "html" not in ctype:
            return
        found, over = collect(result.payload, result.final_url or result.url, doc,
                              max_per_page=self.max_attachments)
        self.stats.attachments_over_cap += over
        for link in found:
            if self.frontier.add(link.url, depth, parent):
                self.stats.queued += 1

    def _commit(self) -> None:
        """Make the caller's work durable first, then the frontier: a page is never marked done
        in the frontier before its capture and index entry are committed."""
        if self.before_commit is not None:
            self.before_commit()
        self.frontier.commit()

    def run(self) -> CrawlStats:
        hosts = self.frontier.hosts()
        since = 0
        try:
            self._loop(hosts, since)
        finally:
            self._commit()
        return self.stats

    def _loop(self, hosts: set[str], since: int) -> None:
        while True:
            if self.max_pages is not None and self.frontier.processed() >= self.max_pages:
                break
            nxt = self.frontier.next()
            if nxt is None:
                break
            url, depth = nxt
            etag, last_mod = self.validators(url) if self.validators else (None, None)
            result = self.fetcher.fetch(url, etag=etag, last_modified=last_mod)
            final = result.final_url or url
            if result.final_url and host_of(normalize_url(final) or final) not in hosts \
                    and not self._is_attachment(url):  # attachments may live on upload/CDN hosts
                result.error = result.error or f"chuyển hướng ra ngoài trang ({final}) (redirect off-site)"
                result.stage = "fetch"
            doc = None
            if self.on_result is not None:  # failures too: the callback reports them
                doc = self.on_result(result, depth)
            if result.stage == "robots":
                self.stats.robots += 1
                self.frontier.mark(url, "skipped", result.error)
            elif result.error:
                self.stats.failed += 1
                self.stats.failures.append((url, result.stage, result.error))
                self.frontier.mark(url, "failed", result.error)
            else:
                self.stats.fetched += 1
                if result.not_modified:
                    self.stats.not_modified += 1
                self.frontier.mark(url, "done")
                self._enqueue(self.links_to_follow(result, doc), depth + 1, url, hosts)
                self._enqueue_attachments(result, doc, depth, url)
            since += 1
            if since >= self.commit_every:
                self._commit()
                since = 0
