"""URL lists and sitemaps: the addresses an import should fetch, each bad line or sitemap reported.

No network code here: :func:`iter_sitemap` takes a ``get`` callable (see :mod:`ingest.fetch`), so
parsing stays testable offline and a hostile sitemap (HTML served instead, XML entities, gzip
bombs, endless index nesting) is refused with a message rather than followed.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ingest.records import DEFAULT_LIMITS, Limits, SourceError


def check_url(url: str) -> str | None:
    """Why ``url`` cannot be fetched (Vietnamese first), or None when it is a usable http(s) URL."""
    if any(c.isspace() for c in url):
        return "URL chứa khoảng trắng (URL contains whitespace)"
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        return f"URL không hợp lệ (invalid URL): {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"không phải URL http/https: lược đồ '{parts.scheme or '(trống)'}' (not an HTTP URL)"
    if not parts.hostname:
        return "URL thiếu tên máy chủ (URL has no host)"
    return None


def iter_url_list(lines: Iterable[str], source: str) -> Iterator[str | SourceError]:
    """URLs of a list file, one a line (``#`` comments and blank lines ignored); bad ones reported."""
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        why = check_url(line)
        if why:
            yield SourceError(source, number, line, "urls", f"dòng {number}: {why}")
        else:
            yield line


def read_url_list(path: Path | str) -> Iterator[str | SourceError]:
    try:
        fh = open(path, encoding="utf-8", errors="replace")
    except OSError as exc:
        yield SourceError(str(path), None, None, "urls", f"không đọc được danh sách URL: {exc}")
        return
    with fh:
        yield from iter_url_list(fh, str(path))


class SitemapError(ValueError):
    pass


@dataclass
class Sitemap:
    kind: str  # "urlset" | "index"
    entries: list[tuple[str, str | None]]  # (loc, lastmod)


def parse_sitemap(data: bytes, url: str = "", cap: int = DEFAULT_LIMITS.max_payload) -> Sitemap:
    """A sitemap or sitemap index (plain or gzipped); anything else raises :class:`SitemapError`."""
    from lxml import etree

    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(cap + 1)
        except (OSError, EOFError) as exc:
            raise SitemapError(f"sitemap nén gzip bị hỏng (bad gzip): {exc}") from exc
        if len(data) > cap:
            raise SitemapError(f"sitemap giải nén vượt {cap} byte (too large)")
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        raise SitemapError("đây là trang HTML, không phải sitemap XML (HTML page, not a sitemap)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"sitemap không phải XML hợp lệ (invalid XML): {exc}") from exc
    tag = etree.QName(root).localname.lower()
    if tag not in ("urlset", "sitemapindex"):
        raise SitemapError(f"phần tử gốc <{tag}> không phải urlset/sitemapindex (not a sitemap)")
    entries: list[tuple[str, str | None]] = []
    for child in root:
        if not isinstance(child.tag, str):
            continue
        loc = lastmod = None
        for el in child:
            if not isinstance(el.tag, str):
                continue
            name = etree.QName(el).localname.lower()
            if name == "loc" and el.text:
                loc = urljoin(url, el.text.strip())
            elif name == "lastmod" and el.text:
                lastmod = el.text.strip()
        if loc:
            entries.append((loc, lastmod))
    return Sitemap("index" if tag == "sitemapindex" else "urlset", entries)


def iter_sitemap(url: str, get: Callable[[str], bytes], *, limits: Limits = DEFAULT_LIMITS,
                 _depth: int = 0, _seen: set[str] | None = None) -> Iterator[str | SourceError]:
    """Page URLs of a sitemap, following sitemap indexes (depth-limited, each sitemap once).

    ``get(url) -> bytes`` fetches a sitemap and raises on failure (its message is reported).
    """
    seen = _seen if _seen is not None else set()
    if url in seen:
        return
    seen.add(url)
    try:
        data = get(url)
    except Exception as exc:  # noqa: BLE001 - any fetch failure is reported, not raised
        yield SourceError(url, None, url, "sitemap", f"không tải được sitemap (fetch failed): {exc}")
        return
    try:
        sm = parse_sitemap(data, url, limits.max_payload)
    except SitemapError as exc:
        yield SourceError(url, None, url, "sitemap", str(exc))
        return
    if sm.kind == "urlset":
        for loc, _lastmod in sm.entries:
            why = check_url(loc)
            yield SourceError(url, None, loc, "sitemap", why) if why else loc
        return
    if _depth >= limits.max_sitemap_depth:
        yield SourceError(url, None, url, "sitemap",
                          f"chỉ mục sitemap lồng quá {limits.max_sitemap_depth} cấp (index nested too deep)")
        return
    for loc, _lastmod in sm.entries:
        yield from iter_sitemap(loc, get, limits=limits, _depth=_depth + 1, _seen=seen)
