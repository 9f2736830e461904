"""Stage 2b of page extraction: the article's publication and update times.

The family's date selectors, then generic metas, then a date printed by the title or labelled
"Ngày đăng". A date inside a linked item (a "Tin mới nhất" entry, a teaser) is never the article's.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bs4.element import NavigableString, Tag

from ingest.cssindex import CssIndex
from ingest.families import DATE_LABEL, GENERIC
from ingest.page import Page
from ingest.page_text import SKIP_STRINGS, first_value, is_descendant, raw, split_sel

if TYPE_CHECKING:
    from ingest.page_body import Body


class Dates:
    """The page's own times, computed once and only when asked (listings never need them)."""

    _UNSET = object()

    def __init__(self, page: Page, title_el: Tag | None, skip: set[int], body: Body) -> None:
        self.page, self.title_el, self.skip, self.body = page, title_el, skip, body
        self._published: object = self._UNSET

    def published(self) -> datetime | None:
        if self._published is self._UNSET:
            self._published = published(self.page, self.title_el, self.skip) or self.body.dateline
        return self._published  # type: ignore[return-value]

    def updated(self) -> datetime | None:
        return updated(self.page)


def in_link_item(node: NavigableString | Tag, ix: CssIndex) -> bool:
    """True when a string belongs to one linked item (a teaser's or a list entry's date): the first
    ancestor that holds a link holds links to a single target only."""
    el = node.parent
    for _ in range(6):
        if el is None:
            return False
        links = ix.links_in(el, limit=8)
        if links:
            return len({a["href"] for a in links}) == 1
        el = el.parent
    return False


def published(page: Page, title_el: Tag | None, skip: set[int]) -> datetime | None:
    """The article's own date: family selectors, then meta tags, then a date by the title."""
    fam = page.fam
    sels = fam.date + (GENERIC.date if fam is not GENERIC else ())
    for sel in sels:
        css, attr = split_sel(sel)
        for el in page.ix.select(page.soup, css, limit=3):
            if el.name != "meta" and in_link_item(el, page.ix):
                continue
            value = el.get(attr) if attr else raw(el)
            dt = page.parse_date(value) if isinstance(value, str) and value.strip() else None
            if dt:
                return dt
    return _date_near(page, title_el, skip)


def _date_near(page: Page, title_el: Tag | None, skip: set[int]) -> datetime | None:
    """A date printed just after (or before) the title, or labelled "Ngày đăng" anywhere."""
    if title_el is not None:
        seen = 0
        for node in title_el.next_elements:
            if isinstance(node, NavigableString) and not isinstance(node, SKIP_STRINGS):
                if is_descendant(node, title_el):
                    continue
                s = node.strip()
                if not s:
                    continue
                seen += 1
                if seen > 12:
                    break
                if node.parent is not None and node.parent.name == "a":
                    continue
                if len(s) <= 120 and not in_link_item(node, page.ix):
                    dt = page.parse_date(s)
                    if dt:
                        return dt
            elif isinstance(node, Tag) and node.name == "time" and node.get("datetime") \
                    and not in_link_item(node, page.ix):
                dt = page.parse_date(node["datetime"])
                if dt:
                    return dt
    for s in [s for s in page.ix.short_strings if DATE_LABEL.search(s)][:20]:
        if s.parent is not None and s.parent.name == "a":
            continue
        text = s.parent.get_text(" ") if s.parent is not None and len(s.strip()) < 14 else str(s)
        dt = page.parse_date(text[:160])
        if dt:
            return dt
    return None


def updated(page: Page) -> datetime | None:
    sels = page.fam.updated or GENERIC.updated
    value, _ = first_value(page.ix, page.soup, sels)
    return page.parse_date(value) if value else None
