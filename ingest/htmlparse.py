"""Turn one decoded HTML page into a :class:`~ingest.document.Document`.

The page is parsed once with BeautifulSoup (lxml builder; ``cssindex.IndexingSoup`` records
elements as they are built). The CMS family (``ingest.families``)
says where the title, date, body, breadcrumb and lists live; whenever a family selector finds
nothing, the same generic heuristics that handle unknown layouts take over (text-density body
scoring, ``h1``/``og:title``/``<title>``, dates near the title or labelled "Ngày đăng", link lists
found by their Vietnamese headings). Speed matters (whole mirrors are parsed), so the tree is
walked a bounded number of times, text is collected by one iterative walker (no recursion: pages
nested thousands of levels deep must not crash) and selectors are compiled once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from ingest.cssindex import CssIndex, IndexingSoup
from ingest.dates import parse_datetime
from ingest.document import Attachment, Document, Image, LinkItem
from ingest.families import (
    ATTACHMENT_EXT,
    ATTACHMENT_TEXT,
    BY_NAME,
    COMMON_NOISE,
    GENERIC,
    LATEST_HEADINGS,
    RELATED_HEADINGS,
    Family,
    detect_family,
)
from ingest.itemtitle import item_title
from ingest.textfix import normalize_unicode

log = logging.getLogger(__name__)

__all__ = ["extract_html"]

_WS = re.compile(r"\s+")
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "head", "title", "meta", "link",
                        "svg", "object", "embed", "select", "option", "button", "input", "textarea", "video",
                        "audio", "map"})
_BLOCK = frozenset({"p", "div", "li", "ul", "ol", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "h1", "h2",
                    "h3", "h4", "h5", "h6", "blockquote", "section", "article", "figure", "figcaption", "header",
                    "footer", "dl", "dt", "dd", "pre", "center", "main", "aside", "nav", "address", "hr", "form",
                    "fieldset", "caption"})
_EMPH = frozenset({"i", "em", "b", "strong"})
_HOME_WORDS = frozenset({"trang chủ", "trang chu", "home", "trang nhất", "homepage"})
_SEPARATOR = re.compile(r"^[\s>»›/|\\\-–—:→⇒•·.,]*$")
_NOISE_LINE = re.compile(
    r"^(l(ượ|uo)t xem|lượt truy cập|số lượt truy cập|chia sẻ|in bài viết|trở về|quay lại|"
    r"tags?\s*:|từ khóa\s*:|bản in|gửi email|view count|(tài liệu|tệp tin|tệp|file|văn bản) đính kèm\s*:?\s*$)", re.I)
#: a body block that is only a dateline: "(Thứ hai, 19/04/2021 15:17)", "Ngày đăng: 21/12/2018"
_DATELINE = re.compile(r"^[\s(]*(ngày đăng|đăng ngày|cập nhật|thứ|chủ nhật|t[2-7]\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
                       r"\d{1,2}:\d\d|\d{4}-\d\d-\d\d)", re.I)
_TRAIL_SEP = re.compile(r"\s(>|»|›|/|→)\s|-->")
_CAPTION_START = re.compile(r"^\(?\s*(ảnh|anh|hình|photo|nguồn ảnh)\b|^\(.*\)$", re.I)
_DATE_LABEL = re.compile(r"(ngày đăng|đăng ngày|ngày cập nhật|cập nhật|thời gian đăng|ngày xuất bản|đăng lúc)", re.I)
_UPDATED_LABEL = re.compile(r"(cập nhật|ngày sửa|sửa đổi lần cuối)", re.I)
_LIST_HEADING = re.compile(
    r"^\s*(" + "|".join(re.escape(h) for h in RELATED_HEADINGS + LATEST_HEADINGS) + r")\s*:?\s*$", re.I)
_HEADING_ROLE = {h: "related" for h in RELATED_HEADINGS} | {h: "latest" for h in LATEST_HEADINGS}
_WWW_HOST = re.compile(r"(?<![\w.@/-])(?:https?://)?www\.((?:[a-z0-9-]+\.)+(?:vn|com|net|org))\b", re.I)
_LAYOUT_URL = re.compile(r'getLayoutURL:\s*function\(\)\s*\{\s*return\s*"([^"]+)"')
_SP_WEB_URL = re.compile(r'webAbsoluteUrl:\s*"([^"]+)"')
_HOME_PATH = re.compile(r"^/?(index\.(html?|aspx|php|jsp)|default\.aspx|trang-chu(\.\w+)?)?$", re.I)


_FRAME = ("footer, nav, header, aside, [class*=footer i], [id*=footer i], [class*=menu i], [id*=menu i], "
          "[class*=banner i], [class*=copyright i], [class*=sidebar i], [id*=sidebar i], [class*=breadcrumb i]")


def _split_url(url: str) -> SplitResult | None:
    """``urlsplit`` that answers None for malformed URLs (``http://[::1``) instead of raising."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018  (validates the netloc: raises on a bad IPv6 literal)
        return parts
    except ValueError:
        return None


def _clean(text: str) -> str:
    """``normalize_unicode`` (NFC, invisibles, NBSP, homoglyphs), whitespace collapsed: every text
    that leaves the parser goes through here."""
    if not text:
        return ""
    if not text.isascii():
        text = normalize_unicode(text)
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=256)
def _joined(selectors: tuple[str, ...]) -> str:
    """Several selectors as one comma list (order of results: document order)."""
    return ", ".join(dict.fromkeys(s for s in selectors if s))


def _split_sel(sel: str) -> tuple[str, str | None]:
    if "@" in sel and not sel.endswith("]"):
        css, attr = sel.rsplit("@", 1)
        return css, attr
    return sel, None


def _first(ix: CssIndex, root: Tag, selectors: Iterable[str]) -> Tag | None:
    for sel in selectors:
        el = ix.select_one(root, _split_sel(sel)[0])
        if el is not None:
            return el
    return None


def _first_value(ix: CssIndex, root: Tag, selectors: Iterable[str]) -> tuple[str, Tag | None]:
    """Text (or attribute value for ``SEL@attr``) of the first selector that yields non-empty text."""
    for sel in selectors:
        css, attr = _split_sel(sel)
        for el in ix.select(root, css, limit=3):
            value = el.get(attr) if attr else _raw(el)
            if isinstance(value, list):
                value = " ".join(value)
            value = _clean(value or "")
            if value:
                return value, el
    return "", None


def _iter_strings(root: Tag, skip: set[int] | None = None) -> Iterator[NavigableString]:
    """Text nodes under ``root`` in document order, without scripts, comments or skipped subtrees."""
    stack: list = [iter(root.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIP_STRINGS):
                yield node
        elif node.name not in _SKIP_TAGS and (skip is None or id(node) not in skip):
            stack.append(iter(node.contents))


def _raw(el: Tag) -> str:
    """The text of an element, words separated by a space (``get_text(" ")`` without its overhead)."""
    contents = el.contents
    if len(contents) == 1 and type(contents[0]) is NavigableString:
        return contents[0]
    return " ".join(_iter_strings(el))


def _text(el: Tag | None, skip: set[int] | None = None) -> str:
    if el is None:
        return ""
    return _clean(" ".join(_iter_strings(el, skip)))


# --------------------------------------------------------------------------- body blocks
@dataclass
class _Block:
    """One paragraph-to-be: its text plus what the text came with (images, links, emphasis)."""

    parts: list[str] = field(default_factory=list)
    images: list[Tag] = field(default_factory=list)
    links: list[Tag] = field(default_factory=list)
    link_chars: int = 0
    emph_chars: int = 0
    chars: int = 0
    centered: bool = False
    text: str = ""


def _is_centered(tag: Tag) -> bool:
    if (tag.get("align") or "").lower() == "center":
        return True
    style = tag.get("style")
    return bool(style) and "center" in style.replace(" ", "").lower()


def _blocks(root: Tag, skip: set[int]) -> list[_Block]:
    """Split ``root`` into paragraph blocks: block elements and ``<br>`` end a paragraph."""
    out: list[_Block] = []
    cur = _Block()

    def flush() -> None:
        nonlocal cur
        text = _clean("".join(cur.parts))
        if text or cur.images:
            cur.text = text
            out.append(cur)
        centered = cur.centered if not (text or cur.images) else False
        cur = _Block(centered=centered)

    # stack of (iterator, tag, is_block, is_emph, is_link)
    stack: list[tuple[Iterator, Tag | None, bool, bool, bool]] = [(iter(root.contents), None, False, False, False)]
    emph = link = 0
    while stack:
        it, tag, is_block, is_emph, is_link = stack[-1]
        node = next(it, None)
        if node is None:
            stack.pop()
            if is_block:
                flush()
            emph -= is_emph
            link -= is_link
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, _SKIP_STRINGS):
                continue
            s = str(node)
            cur.parts.append(s)
            n = len(s.strip())
            cur.chars += n
            if emph:
                cur.emph_chars += n
            if link:
                cur.link_chars += n
            continue
        name = node.name
        if name in _SKIP_TAGS or id(node) in skip:
            continue
        if name == "br":
            flush()
            continue
        if name == "img":
            cur.images.append(node)
            continue
        blk = name in _BLOCK
        if blk:
            flush()
            if name in ("p", "div", "td", "center") and _is_centered(node):
                cur.centered = True
        e = name in _EMPH
        a = name == "a" and node.has_attr("href")
        if a:
            cur.links.append(node)
        emph += e
        link += a
        stack.append((iter(node.contents), node, blk, e, a))
    flush()
    return out


# --------------------------------------------------------------------------- the page
class _Page:
    def __init__(self, html: str, url: str | None, family: Family) -> None:
        # Text is normalised where it is read (_clean), not here: a second whole-page pass after the
        # decoder's would cost as much as several extraction steps.
        self.html = html
        self.soup = IndexingSoup(html, "lxml")
        self.ix = CssIndex(self.soup)
        self._headings: list[NavigableString] | None = None
        self.fam = family
        self.root: Tag = self.soup.body or self.soup
        self.url = url or self._canonical()
        self.base = self.url or self._base_fallback()
        parts = _split_url(self.base) if self.base else None
        self._origin = f"{parts.scheme}://{parts.netloc}" if parts and parts.scheme and parts.netloc else ""

    # ---- url / site
    def _canonical(self) -> str | None:
        for sel in ("link[rel=canonical]@href", "meta[property='og:url']@content"):
            value, _ = _first_value(self.ix, self.soup, (sel,))
            if value.startswith(("http://", "https://")):
                return value
        m = _LAYOUT_URL.search(self.html[:100_000])
        if m:
            return m.group(1)
        return None

    def _base_fallback(self) -> str | None:
        m = _SP_WEB_URL.search(self.html[:100_000])
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
        parts = _split_url(ref)
        host = (parts.hostname or "").lower() if parts else ""
        return (host[4:] if host.startswith("www.") else host) or None

    def _footer_site(self) -> str | None:
        """A page without any URL often prints its own address in the footer (``www.cchc.laichau.gov.vn``)."""
        for node in reversed(self.ix.short_strings[-60:]):
            m = _WWW_HOST.search(node)
            if m:
                return m.group(1).lower()
        return None

    # ---- title
    def title(self) -> tuple[str, Tag | None]:
        value, el = _first_value(self.ix, self.root, self.fam.title) if self.fam.title else ("", None)
        if value:
            return value, el
        if self.fam is not GENERIC:
            value, el = _first_value(self.ix, self.soup, self.fam.title)
            if value:
                return value, el
        return self._generic_title()

    def _generic_title(self) -> tuple[str, Tag | None]:
        page_title = _clean(self.soup.title.get_text()) if self.soup.title else ""
        og, _ = _first_value(self.ix, self.soup, ("meta[property='og:title']@content",))
        site_name, _ = _first_value(self.ix, self.soup, ("meta[property='og:site_name']@content",))
        h1s = [(_text(h), h) for h in self.ix.select(self.root, "h1", limit=6)]
        h1s = [(t, h) for t, h in h1s if len(t) >= 8 and t != site_name]
        for t, h in h1s:  # an h1 that the <title> or og:title repeats is the article title
            if (page_title and t in page_title) or (og and t == og):
                return t, h
        if og and og != site_name:
            return og, None
        if h1s and len(h1s) == 1:
            return h1s[0]
        if page_title:
            # "<title>" is "Title - Site" or "Site - Title", but titles contain " - " themselves: prefer
            # the longest cut that the page also prints as an element's whole text.
            cuts = list(re.finditer(self.fam.title_sep, page_title))
            candidates = [page_title[:m.start()].strip() for m in reversed(cuts)]
            candidates += [page_title[m.end():].strip() for m in cuts]
            candidates = sorted({c for c in candidates if len(c) >= 8 and c != site_name}, key=len, reverse=True)
            for cand in candidates[:6]:
                el = self.find_title_element(cand)
                if el is not None and el.name not in ("title", "a", "option"):
                    return cand, el
            parts = [p.strip() for p in re.split(self.fam.title_sep, page_title) if p.strip()]
            parts = [p for p in parts if p != site_name] or parts
            return max(parts, key=len), None
        return (h1s[0] if h1s else ("", None))

    def headings(self) -> list[NavigableString]:
        """Text nodes that read like a list heading ("Tin liên quan", "TIN MỚI NHẤT"), in page order."""
        if self._headings is None:
            self._headings = [s for s in self.ix.short_strings if len(s) <= 60 and _is_heading(s)
                              and s.parent is not None and s.parent.name not in ("title", "option", "script")]
        return self._headings

    def find_title_element(self, title: str) -> Tag | None:
        """The element printing the title (when the title came from ``<title>``/``og:title``)."""
        if len(title) < 190:
            for node in self.ix.short_strings:
                if len(node) >= len(title) and _clean(node) == title and _is_descendant(node, self.root):
                    return node.parent
            return None
        node = self.root.find(string=lambda s: len(s) >= len(title) and _clean(s) == title)
        return node.parent if node is not None else None

    # ---- dates
    def _parse(self, text: str) -> datetime | None:
        text = _clean(text)
        text = self.fam.clean_date(text) if self.fam.date_strip else text
        try:
            return parse_datetime(text)
        except (ValueError, OverflowError) as exc:  # a bad date string must not lose the page
            log.debug("unparseable date %r: %s", text, exc)
            return None

    def published(self, title_el: Tag | None, skip: set[int]) -> datetime | None:
        """The article's own date: family selectors, then meta tags, then a date by the title.

        An element inside a linked item (a "Tin mới nhất" entry, a teaser) is never the article's date.
        """
        sels = self.fam.date + (GENERIC.date if self.fam is not GENERIC else ())
        for sel in sels:
            css, attr = _split_sel(sel)
            for el in self.ix.select(self.soup, css, limit=3):
                if el.name != "meta" and _in_link_item(el, self.ix):
                    continue
                value = el.get(attr) if attr else _raw(el)
                dt = self._parse(value) if isinstance(value, str) and value.strip() else None
                if dt:
                    return dt
        return self._date_near(title_el, skip)

    def _date_near(self, title_el: Tag | None, skip: set[int]) -> datetime | None:
        """A date printed just after (or before) the title, or labelled "Ngày đăng" anywhere."""
        if title_el is not None:
            seen = 0
            for node in title_el.next_elements:
                if isinstance(node, NavigableString) and not isinstance(node, _SKIP_STRINGS):
                    if _is_descendant(node, title_el):
                        continue
                    s = node.strip()
                    if not s:
                        continue
                    seen += 1
                    if seen > 12:
                        break
                    if node.parent is not None and node.parent.name == "a":
                        continue
                    if len(s) <= 120 and not _in_link_item(node, self.ix):
                        dt = self._parse(s)
                        if dt:
                            return dt
                elif isinstance(node, Tag) and node.name == "time" and node.get("datetime") \
                        and not _in_link_item(node, self.ix):
                    dt = self._parse(node["datetime"])
                    if dt:
                        return dt
        for s in [s for s in self.ix.short_strings if _DATE_LABEL.search(s)][:20]:
            if s.parent is not None and s.parent.name == "a":
                continue
            text = s.parent.get_text(" ") if s.parent is not None and len(s.strip()) < 14 else str(s)
            dt = self._parse(text[:160])
            if dt:
                return dt
        return None

    def updated(self) -> datetime | None:
        sels = self.fam.updated or GENERIC.updated
        value, _ = _first_value(self.ix, self.soup, sels)
        return self._parse(value) if value else None

    # ---- breadcrumb
    def category(self, title: str, article: bool = True) -> list[str]:
        """Breadcrumb labels after "Trang chủ". An article's trail may end with its own title
        (WordPress/Yoast): that label is not a category. A listing's trail ends with the listing
        itself, which is its category."""
        sels = self.fam.breadcrumb or GENERIC.breadcrumb
        el = _first(self.ix, self.root, sels)
        if el is None and self.fam is not GENERIC:
            el = _first(self.ix, self.root, GENERIC.breadcrumb)
        if el is None:
            el = self._home_trail()
        if el is None:
            return []
        labels = [t for t in (_clean(s) for s in _iter_strings(el)) if t and not _SEPARATOR.match(t)]
        for i, lab in enumerate(labels):
            if lab.lower() in _HOME_WORDS:
                labels = labels[i + 1:]
                break
        if article and labels and title and labels[-1] == title:
            labels = labels[:-1]
        return labels

    def _home_trail(self) -> Tag | None:
        """Generic breadcrumb: the short element that starts with a "Trang chủ" link and has separators."""
        for a in self.ix.select(self.root, "a[href]", limit=300):
            if _clean(_raw(a)).lower() not in _HOME_WORDS:
                continue
            el = a
            for _ in range(3):
                el = el.parent
                if el is None or el.name in ("li", "ul", "ol", "body", "html"):
                    break
                text = _clean(_raw(el))
                if len(text) > 300:
                    break
                if _TRAIL_SEP.search(text):
                    return el
        return None

    # ---- body
    def body_container(self) -> Tag | None:
        el = _first(self.ix, self.root, self.fam.body) if self.fam.body else None
        if el is not None and len(el.get_text()) > 40:
            return el
        return self._densest()

    def _densest(self) -> Tag | None:
        """Generic body: the element whose own paragraphs hold the most non-link text."""
        scores: dict[int, float] = {}
        tags: dict[int, Tag] = {}
        frame = {id(el) for el in self.ix.select(self.root, _FRAME)}
        for s in _iter_strings(self.root, frame):
            n = len(s.strip())
            if n < 25:
                continue
            parent = s.parent
            depth = 0
            while parent is not None and parent.name not in _BLOCK and depth < 6:
                if parent.name == "a":
                    break
                parent = parent.parent
                depth += 1
            if parent is None or parent.name == "a" or parent.name in ("li", "h1", "h2", "h3", "nav", "header",
                                                                         "footer", "aside"):
                continue
            container = parent if parent.name in ("div", "td", "article", "section", "main") else parent.parent
            if container is None:
                continue
            n_eff = n + (40 if n > 80 else 0)
            scores[id(container)] = scores.get(id(container), 0.0) + n_eff
            tags[id(container)] = container
            gp = container.parent
            if gp is not None:
                scores[id(gp)] = scores.get(id(gp), 0.0) + n_eff * 0.3
                tags[id(gp)] = gp
        if not scores:
            return None
        best = max(scores, key=scores.__getitem__)
        return tags[best]

    def noise_ids(self, container: Tag) -> set[int]:
        # one comma-joined selector: the index answers it in a single pass over the candidates
        sel = _joined(COMMON_NOISE + self.fam.noise + self.fam.captions
                      + ("footer", "nav", "aside", ".breadcrumb", ".breadcrumbs"))
        return {id(el) for el in self.ix.select(container, sel)}


def _is_attachment(a: Tag) -> bool:
    href = a.get("href") or ""
    if href.startswith(("javascript:", "mailto:", "#")):
        return False
    if ATTACHMENT_EXT.search(href):
        return True
    text = _raw(a)
    return bool(ATTACHMENT_TEXT.match(text if text.isascii() else normalize_unicode(text)))


def _attachment_title(a: Tag, page: _Page) -> str:
    text = _clean(_raw(a))
    if text and not ATTACHMENT_TEXT.match(text):
        return text
    title = _clean(a.get("title") or "")
    if title:
        return title
    return _file_name(a) or text


def _file_name(a: Tag) -> str:
    """The file name of a link; for Liferay ``…/<name.pdf>/<uuid>`` the segment with the extension."""
    parts = _split_url(a.get("href") or "")
    segments = [s for s in parts.path.split("/") if s] if parts else []
    for seg in reversed(segments):
        if ATTACHMENT_EXT.search(seg):
            return unquote(seg)
    return unquote(segments[-1]) if segments else ""


# --------------------------------------------------------------------------- lists
def _item_blocks(anchors: list[Tag], stop: Tag) -> dict[int, Tag]:
    """For each anchor, the element holding its list item: the highest ancestor (at most four
    levels up, below ``stop``) whose links all point to that anchor's target."""
    hrefs: dict[int, set[str]] = {}
    chains: list[tuple[Tag, list[Tag]]] = []
    for a in anchors:
        href = a.get("href")
        chain = []
        el = a.parent
        for _ in range(4):
            if el is None or el is stop:
                break
            hrefs.setdefault(id(el), set()).add(href)
            chain.append(el)
            el = el.parent
        chains.append((a, chain))
    out: dict[int, Tag] = {}
    for a, chain in chains:
        best = a
        for el in chain:
            if len(hrefs[id(el)]) != 1:
                break
            best = el
        out[id(a)] = best
    return out


def _list_items(container: Tag, page: _Page, after: Tag | None = None) -> list[LinkItem]:
    """Link items of a list container (links grouped by target; date next to the title)."""
    anchors: list[Tag] = []
    if after is None:
        anchors = page.ix.select(container, "a[href]")
    else:  # items after a heading, up to the next heading of the same kind
        started = False
        hkey = (after.name, tuple(after.get("class") or ()))
        for node in container.descendants:
            if node is after:
                started = True
                continue
            if not started or not isinstance(node, Tag):
                continue
            if (node.name, tuple(node.get("class") or ())) == hkey and node.name != "a":
                break
            if node.name == "a" and node.has_attr("href") and not _is_descendant(node, after):
                anchors.append(node)
    blocks = _item_blocks(anchors, container)
    has_time = page.ix.select_one(container, "time") is not None
    groups: dict[str, list[Tag]] = {}
    for a in anchors:
        href = a["href"].strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")) or _is_attachment(a):
            continue
        # a counter link to the item's comments (``…#box_comment``) belongs to the item
        groups.setdefault(href.split("#", 1)[0], []).append(a)
    items: list[LinkItem] = []
    for href, links in groups.items():
        title, date_in_link = item_title(links)  # the link's own words (ingest/itemtitle.py)
        if not title:
            title = _clean(links[0].get("title") or "")
        if not title or _LIST_HEADING.match(title):
            continue
        block = blocks[id(links[0])]
        published = None
        t = block.find("time") if has_time and block is not links[0] else None
        if t is not None and t.get("datetime"):
            published = page._parse(t["datetime"])
        if published is None and block is not links[0]:
            link_ids = {id(x) for x in links}
            rest = _clean(" ".join(_iter_strings(block, link_ids)))
            if rest:
                published = page._parse(rest)
        if published is None and date_in_link:
            published = page._parse(date_in_link)
        if published is None:
            sib = links[-1].next_sibling
            hops = 0
            while sib is not None and hops < 3:
                txt = _raw(sib) if isinstance(sib, Tag) else str(sib)
                if isinstance(sib, Tag) and sib.name == "a":
                    break
                if txt.strip():
                    published = page._parse(_clean(txt))
                    break
                sib = sib.next_sibling
                hops += 1
        items.append(LinkItem(title=title, url=page.absolute(href), published=published))
    return items


def _is_descendant(node: Tag, ancestor: Tag) -> bool:
    p = node.parent
    while p is not None:
        if p is ancestor:
            return True
        p = p.parent
    return False


def _heading_lists(page: _Page, exclude: Tag | None) -> dict[str, list[tuple[Tag, Tag]]]:
    """``{"related"|"latest": [(heading, container)]}`` found by heading text anywhere on the page."""
    found: dict[str, list[tuple[Tag, Tag]]] = {"related": [], "latest": []}
    for s in page.headings()[:12]:
        heading = s.parent
        if heading is None or heading.name == "a":
            continue
        if heading.name in ("span", "strong", "b") and heading.parent is not None and \
                _clean(heading.parent.get_text(" ")) == _clean(str(s)):
            heading = heading.parent
        role = _HEADING_ROLE[_clean(str(s)).lower().rstrip(":").strip()]
        el = heading
        container = None
        for _ in range(4):
            el = el.parent
            if el is None or el is page.root:
                break
            if exclude is not None and (el is exclude or _is_descendant(exclude, el)):
                break
            if any(not _is_descendant(a, heading) for a in page.ix.links_in(el, limit=3)):
                container = el
                break
        if container is not None:
            found[role].append((heading, container))
    return found


# --------------------------------------------------------------------------- kind
def _in_link_item(node: NavigableString | Tag, ix: CssIndex) -> bool:
    """True when a string belongs to one linked item (a teaser's or a list entry's date): the first
    ancestor that holds a link holds links to a single target only."""
    el = node.parent
    for _ in range(6):
        if el is None:
            return False
        links = ix.links_in(el, limit=8)
        if links:
            # one target makes an item, unless it is only a byline or category link
            return len({a["href"] for a in links}) == 1 and not all(_is_label_link(a) for a in links)
        el = el.parent
    return False


def _is_label_link(a: Tag) -> bool:
    """A byline, category or tag link ("Hoài Nam", "Chính sách mới"): a few words, not an item's
    title. News CMSs print the article's date next to such a link; it must not make the date look
    like a list item's (issue 9: Dân trí, Báo Chính phủ)."""
    text = _raw(a)
    return len(text) < 25 and len(text.split()) < 4


def _is_heading(s: str) -> bool:
    if _LIST_HEADING.match(s):
        return True
    # a heading typed in decomposed Unicode (NFD) or with invisible characters
    return not s.isascii() and bool(_LIST_HEADING.match(normalize_unicode(s)))


def _looks_home(url: str | None) -> bool:
    if not url:
        return False
    parts = _split_url(url)
    path = parts.path if parts else ""
    return bool(_HOME_PATH.match(path))


def extract_html(html: str, url: str | None = None, family: str | None = None) -> Document:
    """Extract a :class:`Document` from decoded HTML.

    ``url`` is the page's address when known (else ``link rel=canonical`` / ``og:url``);
    ``family`` forces a family by name (``"generic"`` = heuristics only), for tests and tools.
    """
    fam = (GENERIC if family == "generic" else BY_NAME[family]) if family else detect_family(html, url)
    page = _Page(html, url, fam)
    soup = page.soup

    title, title_el = page.title()
    if title_el is None and title:
        title_el = page.find_title_element(title)
    container = page.body_container()
    skip = page.noise_ids(container) if container is not None else set()

    # --- lists first: their containers are excluded from the body
    related: list[LinkItem] = []
    latest: list[LinkItem] = []
    list_roots: list[Tag] = []
    for sels, sink in ((fam.related, related), (fam.latest, latest)):
        for sel in sels:
            for el in page.ix.select(page.root, sel):
                if container is not None and (el is container or _is_descendant(container, el)):
                    continue
                sink.extend(_list_items(el, page))
                list_roots.append(el)
            if sink:
                break
    if not related or not latest:
        for role, pairs in _heading_lists(page, container).items():
            sink = related if role == "related" else latest
            if sink:
                continue
            for heading, cont in pairs:
                if any(cont is r or _is_descendant(cont, r) for r in list_roots):
                    continue
                sink.extend(_list_items(cont, page, after=heading))
                list_roots.append(cont)
    for r in list_roots:
        skip.add(id(r))
    if container is not None:
        for heading_pairs in _heading_lists_inside(page, container):
            skip.add(id(heading_pairs))

    # --- summary (kept out of the body when the CMS puts it inside the body container)
    summary = ""
    for sel in fam.summary or GENERIC.summary:
        for el in page.ix.select(page.root, sel, limit=4):
            if any(el is r or _is_descendant(el, r) for r in list_roots):
                continue
            summary = _text(el)
            if summary:
                skip.add(id(el))
                break
        if summary:
            break

    # --- body, images, captions, attachments
    paragraphs: list[str] = []
    images: list[Image] = []
    attachments: list[Attachment] = []
    seen_att: dict[str, int] = {}
    weak_titles: set[str] = set()

    def add_attachment(a: Tag) -> None:
        href = page.absolute(a.get("href"))
        if not href:
            return
        t = _attachment_title(a, page)
        if href in seen_att:
            old = attachments[seen_att[href]]
            if old.title in weak_titles and t and t not in weak_titles and not ATTACHMENT_TEXT.match(t):
                old.title = t
            return
        if t == _file_name(a):
            weak_titles.add(t)
        seen_att[href] = len(attachments)
        attachments.append(Attachment(title=t, url=href))

    captions_text: dict[int, str] = {}
    dateline: datetime | None = None
    item_links = 0
    area = container
    if container is not None:
        blocks = _blocks(container, skip)
        link_only = [b.chars >= 20 and b.link_chars >= 0.8 * b.chars and not any(map(_is_attachment, b.links))
                     for b in blocks]
        item_links = sum(link_only)
        area = _article_area(container, list_roots) if fam.body == () or _first(page.ix, page.root, fam.body) is None \
            else container
        for sel in filter(None, (_joined(fam.captions + GENERIC.captions),)):
            for cap in page.ix.select(area, sel):
                fig = cap.find_parent(["figure", "table"]) or cap.parent
                if fig is not None:
                    captions_text[id(fig)] = _text(cap)
        drop: set[int] = set()
        title_key = title
        block_of_img = {id(img): i for i, b in enumerate(blocks) for img in b.images}
        for img in page.ix.select(area, "img"):
            src = img.get("src") or img.get("data-src") or ""
            if not src or src.startswith("data:") or _skipped(img, skip, area, captions_text):
                continue
            cap = None
            fig = img.find_parent(["figure", "table"])
            if fig is not None and id(fig) in captions_text:
                cap = captions_text[id(fig)]
            else:
                i = block_of_img.get(id(img))
                if i is not None and i + 1 < len(blocks) and _is_caption(blocks[i + 1]):
                    cap = blocks[i + 1].text
                    drop.add(i + 1)
            images.append(Image(url=page.absolute(src) or src, caption=cap or None))
        for i, b in enumerate(blocks):
            atts = [a for a in b.links if _is_attachment(a)]
            if atts:
                for a in atts:
                    add_attachment(a)
                other = b.chars - b.link_chars
                if other < 60 or b.link_chars >= b.chars * 0.6:
                    drop.add(i)
            if not b.text or i in drop:
                continue
            if (_NOISE_LINE.match(b.text) and len(b.text) < 80) or b.text == title_key:
                drop.add(i)
        dateline = None
        for i, b in enumerate(blocks[:4]):
            if i and link_only[i - 1]:  # a teaser's date under its title link
                continue
            if b.text and len(b.text) <= 80 and not b.links and i not in drop and _DATELINE.match(b.text):
                dt = page._parse(b.text)
                if dt is not None:
                    dateline = dateline or dt
                    drop.add(i)
        paragraphs = [b.text for i, b in enumerate(blocks) if b.text and i not in drop]
    if container is not None and area is not container:
        for a in page.ix.select(area, "a[href]"):
            if _is_attachment(a) and not any(_is_descendant(a, r) for r in list_roots):
                add_attachment(a)
    for sel in filter(None, (_joined(fam.attachments + (GENERIC.attachments if fam is not GENERIC else ())),)):
        for el in page.ix.select(page.root, sel):
            for a in page.ix.select(el, "a[href]"):
                if _is_attachment(a):
                    add_attachment(a)

    if summary and paragraphs and paragraphs[0] == summary:
        paragraphs = paragraphs[1:]

    # --- kind, then the article's own date (never a list item's)
    body_chars = sum(len(p) for p in paragraphs)
    published = None
    if _looks_home(page.url):
        is_article = False
    elif fam is not GENERIC and fam.article:
        is_article = _first(page.ix, page.root, fam.article) is not None and bool(title)
    else:
        published = page.published(title_el, skip) or dateline
        is_article = _generic_is_article(page, container, paragraphs, body_chars, title, item_links,
                                         dated=published is not None and title_el is not None)
    if is_article:
        kind = "article"
        if published is None:
            published = page.published(title_el, skip) or dateline
    else:
        kind = "listing" if _count_item_links(page) >= 5 else "other"
        published = None
    updated = page.updated() if is_article else None
    category = page.category(title, article=is_article)
    if not is_article:
        paragraphs = paragraphs if kind == "other" else []
        if kind == "listing":
            images, attachments = [], []

    doc = Document(
        url=page.url,
        site=page.site(),
        kind=kind,
        title=title,
        published=published,
        updated=updated if updated != published else None,
        category=category,
        summary=summary or None,
        body="\n\n".join(paragraphs),
        images=images,
        attachments=attachments,
        related=related,
        latest=latest,
    )
    del soup
    return doc


def _heading_lists_inside(page: _Page, container: Tag) -> list[Tag]:
    """List blocks (by heading) nested inside the body container, to keep them out of the body."""
    out = []
    for s in [s for s in page.headings() if _is_descendant(s, container)][:4]:
        el = s.parent
        for _ in range(3):
            if el is None or el is container:
                break
            if page.ix.links_in(el, limit=1):
                out.append(el)
                break
            el = el.parent
    return out


def _skipped(img: Tag, skip: set[int], container: Tag, captions: dict[int, str]) -> bool:
    """True when the image sits in a skipped subtree (share widget…) that is not a captioned figure."""
    el = img.parent
    while el is not None and el is not container:
        if id(el) in captions:
            return False
        if id(el) in skip and el.name not in ("figure", "table"):
            return True
        el = el.parent
    return False


def _is_caption(b: _Block) -> bool:
    if b.images or not b.text or len(b.text) > 250 or b.links:
        return False
    emphasised = b.chars > 0 and b.emph_chars >= b.chars * 0.9
    return b.centered or emphasised or bool(_CAPTION_START.match(b.text))


def _article_area(container: Tag, list_roots: list[Tag]) -> Tag:
    """The body container widened (at most two levels) to catch its figures and attachment boxes."""
    base = len(container.get_text())
    area = container
    for _ in range(2):
        parent = area.parent
        if parent is None or parent.name in ("body", "html", "[document]"):
            break
        if any(r is parent or _is_descendant(r, parent) for r in list_roots):
            break
        if len(parent.get_text()) > base * 1.6 + 1500:
            break
        area = parent
    return area


def _generic_is_article(page: _Page, container: Tag | None, paragraphs: list[str], body_chars: int,
                        title: str, item_links: int = 0, dated: bool = False) -> bool:
    """Heuristic kind for unknown layouts: enough running text, not a column of teasers.

    A short text still counts when the page prints a date right by its title (a dated news item).
    """
    if container is None or not title or body_chars < (120 if dated else 250):
        return False
    if item_links >= 4 and item_links >= 0.25 * len(paragraphs):  # a column of teasers
        return False
    long_paras = sum(1 for p in paragraphs if len(p) >= 80)
    if long_paras < 1:
        return False
    if dated:
        return True
    # a listing's densest block is a column of teasers: many links, each with a date
    links = page.ix.select(container, "a[href]", limit=60)
    link_chars = sum(len(_raw(a)) for a in links)
    if link_chars > body_chars * 0.5:
        return False
    og_type, _ = _first_value(page.ix, page.soup, ("meta[property='og:type']@content",))
    if og_type == "article":
        return True
    return long_paras >= 2 or body_chars >= 400


def _count_item_links(page: _Page) -> int:
    """Rough count of distinct content links (listing teasers, home blocks)."""
    hrefs = set()
    for a in page.ix.select(page.root, "a[href]", limit=400):
        href = a["href"]
        if href.startswith(("javascript:", "mailto:", "#")) or href in ("/", ""):
            continue
        if len(_raw(a).strip()) >= 20:
            hrefs.add(href)
    return len(hrefs)
