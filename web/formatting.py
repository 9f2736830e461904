"""Jinja filters: Vietnamese dates and numbers, safe links, and the one place highlights become HTML.

Crawled pages are hostile input. Templates autoescape everything; the only HTML we let through is
the searcher's highlight output (escaped text plus ``<mark>``), and even that is checked here rather
than trusted with ``|safe``: anything other than ``<mark>``/``</mark>`` between escaped text is
escaped again. Links from crawled pages are only made clickable for http(s) URLs, so a
``javascript:`` href in a page cannot become a link in ours.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ingest.document import VN_TZ, doc_id

_MARK_SPLIT = re.compile(r"(</?mark>)")


def marked(html: str | None) -> Markup:
    """HTML-safe highlight text (escaped text + ``<mark>``) as Markup, re-escaping anything else."""
    if not html:
        return Markup("")
    out: list[str] = []
    depth = 0
    for part in _MARK_SPLIT.split(html):
        if part == "<mark>" and depth == 0:
            depth = 1
            out.append(part)
        elif part == "</mark>" and depth == 1:
            depth = 0
            out.append(part)
        elif "<" in part or ">" in part or part in ("<mark>", "</mark>"):
            out.append(str(escape(part)))
        else:
            out.append(part)
    if depth:
        out.append("</mark>")
    return Markup("".join(out))


def plain(html: str | None) -> str:
    """Highlight HTML → text (for CSV, JSON Lines and Atom summaries)."""
    if not html:
        return ""
    from html import unescape

    return unescape(_MARK_SPLIT.sub("", html))


def vn_datetime(dt: datetime | None, with_time: bool = True) -> str:
    """``21/12/2018 09:26`` in Vietnam time; date only when the page gave no time of day."""
    if dt is None:
        return ""
    if dt.tzinfo is not None:
        dt = dt.astimezone(VN_TZ)
    if not with_time or (dt.hour, dt.minute, dt.second) == (0, 0, 0):
        return dt.strftime("%d/%m/%Y")
    return dt.strftime("%d/%m/%Y %H:%M")


def iso_datetime(dt: datetime | None) -> str:
    if dt is None:
        return ""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.astimezone(VN_TZ).isoformat(timespec="seconds")


def vn_number(n: int | float) -> str:
    """Vietnamese digit grouping: 38.412."""
    return f"{int(n):,}".replace(",", ".")


def http_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (no ``javascript:``/``data:`` links)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def category_label(path: str) -> str:
    """``Kết quả CCHC/Báo cáo CCHC định kỳ`` → ``Kết quả CCHC › Báo cáo CCHC định kỳ``."""
    return " › ".join(p for p in path.split("/") if p)


def register(app) -> None:
    app.jinja_env.filters.update(
        marked=marked, plain=plain, vn_datetime=vn_datetime, iso_datetime=iso_datetime,
        vn_number=vn_number, http_url=http_url, category_label=category_label, doc_id=doc_id,
    )
