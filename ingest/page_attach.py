"""Stage 5 of page extraction: attachments (the PDF/Word/Excel files researchers come for).

Links are attachments by their extension or their words (``tại đây``, ``Tải về``). The body stage
hands over the attachment links of its paragraphs; this stage adds those around the body (the
widened article area) and inside the family's attachment boxes. One URL is one attachment; a weak
title (a bare file name) is replaced when a better one turns up for the same URL.
"""

from __future__ import annotations

from urllib.parse import unquote

from bs4.element import Tag

from ingest.document import Attachment
from ingest.families import ATTACHMENT_EXT, ATTACHMENT_TEXT, GENERIC
from ingest.page import Page
from ingest.page_text import clean, is_descendant, joined, raw, split_url
from ingest.textfix import normalize_unicode


def is_attachment(a: Tag) -> bool:
    href = a.get("href") or ""
    if href.startswith(("javascript:", "mailto:", "#")):
        return False
    if ATTACHMENT_EXT.search(href):
        return True
    t = raw(a)
    return bool(ATTACHMENT_TEXT.match(t if t.isascii() else normalize_unicode(t)))


def attachment_title(a: Tag) -> str:
    t = clean(raw(a))
    if t and not ATTACHMENT_TEXT.match(t):
        return t
    title = clean(a.get("title") or "")
    if title:
        return title
    return file_name(a) or t


def file_name(a: Tag) -> str:
    """The file name of a link; for Liferay ``…/<name.pdf>/<uuid>`` the segment with the extension."""
    parts = split_url(a.get("href") or "")
    segments = [s for s in parts.path.split("/") if s] if parts else []
    for seg in reversed(segments):
        if ATTACHMENT_EXT.search(seg):
            return unquote(seg)
    return unquote(segments[-1]) if segments else ""


class Attachments:
    """The page's attachments in the order found, one per URL."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.items: list[Attachment] = []
        self._seen: dict[str, int] = {}
        self._weak: set[str] = set()

    def add(self, a: Tag) -> None:
        href = self.page.absolute(a.get("href"))
        if not href:
            return
        t = attachment_title(a)
        if href in self._seen:
            old = self.items[self._seen[href]]
            if old.title in self._weak and t and t not in self._weak and not ATTACHMENT_TEXT.match(t):
                old.title = t
            return
        if t == file_name(a):
            self._weak.add(t)
        self._seen[href] = len(self.items)
        self.items.append(Attachment(title=t, url=href))

    def collect_around(self, area: Tag, list_roots: list[Tag]) -> None:
        """Attachment links in the widened article area, outside the link lists."""
        for a in self.page.ix.select(area, "a[href]"):
            if is_attachment(a) and not any(is_descendant(a, r) for r in list_roots):
                self.add(a)

    def collect_family_boxes(self) -> None:
        """Attachment links inside the family's (and the generic) attachment boxes."""
        page, fam = self.page, self.page.fam
        for sel in filter(None, (joined(fam.attachments + (GENERIC.attachments if fam is not GENERIC else ())),)):
            for el in page.ix.select(page.root, sel):
                for a in page.ix.select(el, "a[href]"):
                    if is_attachment(a):
                        self.add(a)
