"""The title of a list item ("Tin liên quan", "Tin mới nhất", teasers): the link's own words.

News CMSs put more than the title inside or next to an item's link: comment counters
(``<a class="count_cmt">107</a>``, which left "… Sở Xây dựng 107" as a related-item title),
badges (``<span class="new">mới</span>``, ``HOT``), icon-font glyphs, the item's time
(``<span class="date_content_asset">(24/08/2022)</span>`` inside the link) and zero-width
characters. :func:`item_title` walks the link and leaves out every element whose whole text is
such a decoration, so the title is what a reader would copy; a time found inside the link is
handed back so the item still gets it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4.element import Comment, NavigableString, Tag

from ingest.textfix import normalize_unicode

#: Words that badges and labels print inside links (compared case-folded, whole element text).
BADGES = frozenset({
    "mới", "new", "hot", "nóng", "tin mới", "tin nóng", "độc quyền", "video", "ảnh", "clip", "photo",
    "infographic", "infographics", "emagazine", "e-magazine", "longform", "podcast", "live", "trực tiếp",
    "audio", "ảnh:", "video:", "quan trọng", "nổi bật",
})
#: A counter: digits with thousands separators, maybe in parentheses or with a view/comment word.
_COUNTER = re.compile(r"^[(\[]?\s*\d[\d.,]*\s*(?:k|lượt xem|bình luận|views?|comments?)?\s*[)\]]?$", re.I)
#: Text that is a date or a time and nothing else (``(24/08/2022)``, ``10:05``, ``2 giờ trước``).
_DATEISH = re.compile(
    r"^[(\[]?\s*(?:\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:SA|CH|AM|PM)?)?"
    r"|\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:SA|CH|AM|PM)?(?:\s*[-|,]?\s*\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?"
    r"|\d+\s*(?:giây|phút|giờ|ngày|tuần|tháng|năm)\s*trước)\s*[)\]]?$", re.I)
#: A date in parentheses at the end of the link text (``Tiêu đề (21/12/2018 9:26:09 SA)``).
_TRAILING_DATE = re.compile(r"\s*\(\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}[^()]{0,24})\)\s*$")
_WS = re.compile(r"\s+")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
#: a year in parentheses is part of a title ("Báo cáo tổng kết (2024)"), not a counter
_YEAR = re.compile(r"^[(\[]?\s*(?:19|20)\d\d\s*[)\]]?$")


def _clean(text: str) -> str:
    if not text.isascii():
        # icon fonts print private-use glyphs (Font Awesome, icomoon)
        text = _PRIVATE_USE.sub("", normalize_unicode(text))
    return _WS.sub(" ", text).strip()


def _strings(el: Tag) -> Iterable[str]:
    for node in el.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, Comment) and \
                (node.parent is None or node.parent.name not in ("script", "style")):
            yield node


def decoration(text: str) -> str | None:
    """``"badge"``, ``"counter"`` or ``"date"`` when ``text`` (a whole element's text) is only that."""
    t = _clean(text)
    if not t:
        return "empty"
    low = t.casefold().strip(" :-–|")
    if low in BADGES:
        return "badge"
    if _COUNTER.match(t) and not _YEAR.match(t):
        return "counter"
    if _DATEISH.match(t):
        return "date"
    return None


def item_title(links: list[Tag]) -> tuple[str, str | None]:
    """(title, time text found inside the link or ``None``) for the links of one list item.

    Each link is read without its decorating child elements; the longest reading wins (a counter
    link next to the title link reads as nothing).
    """
    best, best_date = "", None
    for a in links:
        title, date = _read(a)
        if len(title) > len(best):
            best, best_date = title, date
    return best, best_date


def _read(a: Tag) -> tuple[str, str | None]:
    parts: list[str] = []
    date: str | None = None
    stack: list = list(reversed(a.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, Comment):
                parts.append(str(node))
            continue
        if not isinstance(node, Tag) or node.name in ("script", "style", "noscript"):
            continue
        text = " ".join(_strings(node))
        kind = decoration(text)
        if kind == "date" and date is None:
            date = _clean(text)
        if kind is not None and node.name != "br":
            continue
        stack.extend(reversed(node.contents))
    title = _clean(" ".join(parts))
    m = _TRAILING_DATE.search(title)
    if m and len(title) > m.end() - m.start() + 3:
        date = date or m.group(1)
        title = title[:m.start()].rstrip()
    return title, date
