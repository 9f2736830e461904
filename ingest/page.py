"""The parsed page every extraction stage works on: tree, selector index, family, URL, and the trace.

One ``Page`` is built per document and handed to each stage (``page_meta``, ``page_dates``,
``page_body``, ``page_lists``, ``page_attach``, ``page_kind``). It owns what several stages need
(the page's URL and how to make links absolute, the list headings, date parsing with the family's
clean-up) so that each is computed once. ``trace`` is None in normal runs; ``tracuu parse --explain``
passes an :class:`ingest.explain.Explain` and the stages record in it which rule produced each field
and which candidates they weighed.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from bs4.element import NavigableString, Tag

from ingest.cssindex import CssIndex
from ingest.dates import parse_datetime_precision
from ingest.families import (
    LATEST_HEADINGS,
    LIFERAY_LAYOUT_URL,
    RELATED_HEADINGS,
    SHAREPOINT_WEB_URL,
    WWW_HOST,
    Family,
)
from ingest.page_text import clean, first_value, is_descendant, split_url
from ingest.soupbuild import parse_html
from ingest.textfix import normalize_unicode

if TYPE_CHECKING:
    from ingest.explain import Explain

log = logging.getLogger(__name__)

LIST_HEADING = re.compile(
    r"^\s*(" + "|".join(re.escape(h) for h in RELATED_HEADINGS + LATEST_HEADINGS) + r")\s*:?\s*$", re.I)
HEADING_ROLE = {h: "related" for h in RELATED_HEADINGS} | {h: "latest" for h in LATEST_HEADINGS}


#: every heading starts with one of these letters (``tin``, ``các``, ``bài``, ``xem``), in NFC or NFD alike
_HEADING_START = re.compile(r"^[\W_]*(?:[tcbxTCBX]|[^\x00-\x7f])")


def is_heading(s: str) -> bool:
    """True for a text that reads like a list heading ("Tin liên quan", "TIN MỚI NHẤT")."""
    if _HEADING_START.match(s) is None:  # most page strings: no Unicode normalisation needed to say no
        return False
    if LIST_HEADING.match(s):
        return True
    # a heading typed in decomposed Unicode (NFD) or with invisible characters
    return not s.isascii() and bool(LIST_HEADING.match(normalize_unicode(s)))


class Page:
    def __init__(self, html: str, url: str | None, family: Family, trace: Explain | None = None) -> None:
        # Text is normalised where it is read (clean), not here: a second whole-page pass after the
        # decoder's would cost as much as several extraction steps.
        self.html = html
        self.soup = parse_html(html)  # = IndexingSoup(html, "lxml"), built faster
        self.ix = CssIndex(self.soup)
        self._headings: list[NavigableString] | None = None
        self._short_text: str | None = None
        self.fam = family
        self.trace = trace
        bodies = self.ix.maps["tag"].get("body")  # = soup.body (the first in document order), no tree walk
        self.root: Tag = bodies[0] if bodies else self.soup
        self.given_url = url
        self.url = url or self._canonical()
        self.base = self.url or self._base_fallback()
        parts = split_url(self.base) if self.base else None
        self._origin = f"{parts.scheme}://{parts.netloc}" if parts and parts.scheme and parts.netloc else ""

    # ---- url / site
    def _canonical(self) -> str | None:
        for sel in ("link[rel=canonical]@href", "meta[property='og:url']@content"):
            value, _ = first_value(self.ix, self.soup, (sel,))
            if value.startswith(("http://", "https://")):
                return value
        m = LIFERAY_LAYOUT_URL.search(self.html[:100_000])
        if m:
            return m.group(1)
        return None

    def _base_fallback(self) -> str | None:
        m = SHAREPOINT_WEB_URL.search(self.html[:100_000])
        if m:
            return m.group(1).replace("\\u002f", "/").rstrip("/") + "/"
        return None

    def absolute(self, href: str | None) -> str | None:
        if not href:
            return None
        href = href.strip()
        if not self.base:
            return href
        if href.startswith("/") and not href.startswith("//") and self._origin:
            return self._origin + href
        try:
            return urljoin(self.base, href)
        except ValueError:  # a malformed link ("http://[bad") stays as written, the page is kept
            return href

    def site(self) -> str | None:
        ref = self.url or self.base
        if not ref:
            return self._footer_site()
        parts = split_url(ref)
        host = (parts.hostname or "").lower() if parts else ""
        return (host[4:] if host.startswith("www.") else host) or None

    def _footer_site(self) -> str | None:
        """A page without any URL often prints its own address in the footer (``www.cchc.laichau.gov.vn``)."""
        for node in reversed(self.ix.short_strings[-60:]):
            m = WWW_HOST.search(node)
            if m:
                return m.group(1).lower()
        return None

    # ---- shared look-ups
    def headings(self) -> list[NavigableString]:
        """Text nodes that read like a list heading ("Tin liên quan", "TIN MỚI NHẤT"), in page order."""
        if self._headings is None:
            self._headings = [s for s in self.ix.short_strings if len(s) <= 60 and is_heading(s)
                              and s.parent is not None and s.parent.name not in ("title", "option", "script")]
        return self._headings

    def short_text(self) -> str:
        """Every short text node joined by newlines: one regex scan answers "is this label anywhere?"."""
        if self._short_text is None:
            self._short_text = "\n".join(self.ix.short_strings)
        return self._short_text

    def find_title_element(self, title: str) -> Tag | None:
        """The element printing the title (when the title came from ``<title>``/``og:title``): the
        first one that is not a list item's link (a "Tin mới nhất" column may come first, and may
        list the page itself), else the first."""
        if len(title) < 190:
            linked = None
            for node in self.ix.short_strings:
                if len(node) >= len(title) and clean(node) == title and is_descendant(node, self.root):
                    if not _item_link(node.parent):
                        return node.parent
                    linked = linked or node.parent
            return linked
        node = self.root.find(string=lambda s: len(s) >= len(title) and clean(s) == title)
        return node.parent if node is not None else None

    def parse_date(self, text: str) -> datetime | None:
        """``parse_datetime`` after the family's clean-up (view counters…); never raises."""
        found = self.parse_date_precision(text)
        return found[0] if found is not None else None

    def parse_date_precision(self, text: str) -> tuple[datetime, str] | None:
        """The date in ``text`` with its precision (``ingest.dates.PRECISIONS``); never raises."""
        text = clean(text)
        text = self.fam.clean_date(text) if self.fam.date_strip else text
        try:
            return parse_datetime_precision(text)
        except (ValueError, OverflowError) as exc:  # a bad date string must not lose the page
            log.debug("unparseable date %r: %s", text, exc)
            return None


def _item_link(el: Tag | None) -> bool:
    """``el`` is (inside) a link that is not a headline's (a headline linking to its permalink is
    still the headline)."""
    for _ in range(3):
        if el is None:
            return False
        if el.name == "a":
            return el.find_parent(("h1", "h2", "h3")) is None
        el = el.parent
    return False
