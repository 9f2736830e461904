"""Parse browser text dumps of portal pages (what "Save as text" / ``innerText`` gives).

Archivists often only have the rendered text of a page, like ``tests/fixtures/seed/*.txt``: the
markup is gone, so structure must be recovered from the text's own conventions, which on ASP.NET
portals are very regular:

- the breadcrumb is the line starting ``Trang chủ``;
- the title is the line just before the date line ``(Ngày đăng :21/12/2018 9:26:09 SA)``;
- each remaining non-empty line is a paragraph (``innerText`` puts one block per line), except
  image captions such as ``(Ảnh minh họa)`` and link-only lines such as ``Xem chi tiết tại đây.``;
- a heading line such as ``Tin liên quan`` / ``Tin mới nhất`` opens a list whose items are
  ``Title(29/09/2021 2:08:40 CH)`` (no space, or one, before the parenthesis);
- a page whose lines are mostly ``Title(date)`` teasers is a category listing: the teasers go to
  ``latest`` (they are the category's newest items) and the body stays empty;
- the footer starts at an all-caps ``TRANG/CỔNG THÔNG TIN ĐIỆN TỬ …`` line or at a
  ``Chịu trách nhiệm chính`` / copyright line, and its ``www.host`` line names the site.

Text dumps carry no links, so list items and attachments have no URL; link-only lines are dropped
rather than recorded as attachments without a target.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ingest.dates import parse_datetime
from ingest.document import Document, LinkItem
from ingest.families import LATEST_HEADINGS as FAMILY_LATEST
from ingest.families import RELATED_HEADINGS as FAMILY_RELATED
from ingest.textfix import normalize_unicode

#: List headings (compared case-insensitively, trailing colon ignored): the HTML families'
#: vocabulary, so both parsers agree on what is a list and never put one in the body.
RELATED_HEADINGS = frozenset(FAMILY_RELATED) | {"các bài viết khác"}
LATEST_HEADINGS = frozenset(FAMILY_LATEST) | {"bài viết mới nhất"}

_BREADCRUMB = re.compile(r"^\s*Trang chủ\b\s*(.*)$")
_BREADCRUMB_SEP = re.compile(r"\s*(?:-->|->|»|›|>|/|\||→|::)\s*")
_DATE_LINE = re.compile(
    r"^\(?\s*(?:Ngày đăng|Đăng ngày|Ngày cập nhật|Cập nhật|Ngày xuất bản|Thời gian đăng)\b.*\d{1,4}.*$",
    re.IGNORECASE,
)
#: A line holding only a date/time (optionally a weekday): ``(Thứ hai, 19/04/2021 15:17)``. Prose that
#: merely starts with a date ("Ngày 15/3/2021, UBND tỉnh …") must not match.
_BARE_DATE_LINE = re.compile(
    r"^\(?\s*(?:[^\W\d_]+[\s,]*){0,3}\d{1,2}[/-]\d{1,2}[/-]\d{4}[\s\d:|,.h-]*"
    r"(?:SA|CH|AM|PM|GMT\s*[+-]\s*\d{1,2})?\s*\)?$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^(?P<title>.*?\S)\s?\((?P<date>\d{1,2}/\d{1,2}/\d{4}[^()]*)\)\s*$")
#: Footer openers. Footer lines are short, so long lines never match (a body paragraph may well
#: begin with "Giấy phép" or "Bản quyền").
_FOOTER_START = re.compile(
    r"^(?:(?:TRANG|CỔNG) THÔNG TIN ĐIỆN TỬ\b|BAN BIÊN TẬP\b|Chịu trách nhiệm chính\s*:|Bản quyền thuộc\b|"
    r"Copyright\b|©|Cơ quan chủ quản\s*:|Giấy phép (?:số\b|:)|Ghi rõ nguồn\b)"
)
_FOOTER_MAX_LEN = 150
_CAPTION = re.compile(r"^\((?:Ảnh|Hình|Nguồn ảnh)\b[^()]*\)$|^(?:Ảnh minh họa|Ảnh minh hoạ)\.?$", re.IGNORECASE)
#: Lines that are a link or a widget, not prose: attachments, share/print buttons, view counters.
_WIDGET = re.compile(
    r"^(?:Xem chi tiết(?: tại đây| tại)?\.?|Tải về\.?|Tải file\.?|File đính kèm:?.*|Tệp đính kèm:?.*|"
    r"Xem thêm\.?|Chia sẻ:?|In bài viết|In trang|Gửi email|Gửi bài viết|Quay lại|Về đầu trang|"
    r"Lượt xem:?\s*\d*|Số lượt xem:?\s*\d*|Bình luận)$",
    re.IGNORECASE,
)
_SITE = re.compile(r"(?<![@\w.])(?:https?://)?(www\.[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)", re.IGNORECASE)
_URL_HOST = re.compile(r"\bhttps?://([a-z0-9\-]+(?:\.[a-z0-9\-]+)+)", re.IGNORECASE)


def _heading(line: str) -> str | None:
    key = line.strip().rstrip(":").strip().lower()
    if key in RELATED_HEADINGS:
        return "related"
    if key in LATEST_HEADINGS:
        return "latest"
    return None


def _is_title_case(word: str) -> bool:
    """``Báo`` yes; ``CCHC`` (an acronym), ``định`` and ``2018`` no."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def split_breadcrumb(rest: str, title: str | None = None) -> list[str]:
    """Labels of a breadcrumb line after ``Trang chủ``.

    With separators (``>``, ``»``, ``/``, ``-->`` …) the labels are what they separate. Text dumps
    of table layouts often lose the separators (``Kết quả CCHC Báo cáo CCHC định kỳ``). Category
    names are unknowable in general, so the heuristic relies on Vietnamese labels being written in
    sentence case: a new label starts at a Title-case word (``Báo``) that follows a lowercase word
    or an acronym; a run of Title-case words (``Lai Châu``) stays together, as do acronyms
    (``CCHC``). A trailing copy of the page title is dropped.
    """
    rest = rest.strip()
    if title and rest.endswith(title) and rest != title:
        rest = rest[: -len(title)].strip()
    if not rest:
        return []
    if _BREADCRUMB_SEP.search(rest):
        labels = [p.strip() for p in _BREADCRUMB_SEP.split(rest)]
        return [p for p in labels if p and p != title]
    labels: list[list[str]] = []
    prev: str | None = None
    for word in rest.split():
        if prev is None or (_is_title_case(word) and not _is_title_case(prev)):
            labels.append([word])
        else:
            labels[-1].append(word)
        prev = word
    return [" ".join(words) for words in labels]


def _site_from_footer(lines: list[str]) -> str | None:
    for pattern in (_SITE, _URL_HOST):
        for line in reversed(lines):
            m = pattern.search(line)
            if m:
                host = m.group(1).lower().rstrip(".")
                return host[4:] if host.startswith("www.") else host
    return None


def _site_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return host or None


def _is_footer_start(line: str) -> bool:
    return len(line) <= _FOOTER_MAX_LEN and bool(_FOOTER_START.match(line))


def _footer_index(lines: list[str], start: int) -> int:
    return next((i for i in range(start, len(lines)) if _is_footer_start(lines[i])), len(lines))


def extract_text(text: str, url: str | None = None) -> Document:
    """Parse a browser text dump into a :class:`Document` (``source`` is left for the caller)."""
    lines = [" ".join(normalize_unicode(line).split()) for line in text.splitlines()]

    crumb_at: int | None = None
    category_rest = ""
    for i, line in enumerate(lines[:20]):
        m = _BREADCRUMB.match(line)
        if m:
            crumb_at, category_rest = i, m.group(1)
            break
    head_from = crumb_at + 1 if crumb_at is not None else 0

    # The date line anchors the header: the title is the non-empty line right above it.
    date_at: int | None = None
    for i in range(head_from, min(len(lines), head_from + 30)):
        if lines[i] and (_DATE_LINE.match(lines[i]) or _BARE_DATE_LINE.match(lines[i])):
            date_at = i
            break
    title_at: int | None = None
    if date_at is not None:
        title_at = next((j for j in range(date_at - 1, head_from - 1, -1) if lines[j]), None)
    if title_at is None:
        # Without a line above the date the title is the first line (after the date when the date
        # comes first), unless the page opens with a list; a site banner is not the title.
        first = next((j for j in range(head_from, len(lines))
                      if lines[j] and j != date_at and not _is_footer_start(lines[j])), None)
        title_at = None if first is None or _heading(lines[first]) else first
    title = lines[title_at] if title_at is not None else ""

    published = updated = None
    if date_at is not None:
        when = parse_datetime(lines[date_at])
        if re.match(r"^\(?\s*(?:Ngày cập nhật|Cập nhật)", lines[date_at], re.IGNORECASE):
            updated = when
        else:
            published = when

    body_from = max(i for i in (date_at, title_at, crumb_at, -1) if i is not None) + 1
    footer_at = _footer_index(lines, body_from)
    site = _site_from_url(url) or _site_from_footer(lines[footer_at:])

    paragraphs: list[str] = []
    lists: dict[str, list[LinkItem]] = {"related": [], "latest": []}
    section = "body"
    for line in lines[body_from:footer_at]:
        if not line:
            continue
        heading = _heading(line)
        if heading:
            section = heading
            continue
        if section == "body":
            if _CAPTION.match(line) or _WIDGET.match(line):
                continue
            paragraphs.append(line)
            continue
        if _WIDGET.match(line):
            continue
        m = _LIST_ITEM.match(line)
        if m:
            lists[section].append(LinkItem(m.group("title").strip(), None, parse_datetime(m.group("date"))))
        else:
            lists[section].append(LinkItem(line, None, None))

    # A category page dumped as text: its "paragraphs" are mostly dated teaser titles. Those are
    # the newest items of the category, so they go to ``latest`` and the page is a listing.
    teasers = [m for m in map(_LIST_ITEM.match, paragraphs) if m]
    if len(teasers) >= 3 and len(teasers) * 5 >= len(paragraphs) * 3:
        lists["latest"] = [
            LinkItem(m.group("title").strip(), None, parse_datetime(m.group("date"))) for m in teasers
        ] + lists["latest"]
        paragraphs = []
        kind = "listing"
    elif title and paragraphs:
        kind = "article"
    elif lists["related"] or lists["latest"]:
        kind = "listing"
    else:
        kind = "other"
    return Document(
        url=url,
        site=site,
        kind=kind,
        title=title,
        published=published,
        updated=updated,
        category=split_breadcrumb(category_rest, title),
        body="\n\n".join(paragraphs),
        related=lists["related"],
        latest=lists["latest"],
    )
