"""Does the detected CMS family's markup really hold on this page?

Family detection reads cheap hints (script globals such as ``Liferay.ThemeDisplay``, URL shapes
like ``/-/view_content/``, literal class names). A portal that runs the same CMS with its own
theme — or a saved copy whose classes were renamed — passes those hints while none of the
family's class and id selectors match, and the page then came out as an empty "listing" (issue 9
item 4, mutation m1: every class/id renamed). When none of the family's class and id selectors
finds anything, the generic heuristics (text density, headings, labelled dates) read the page
better than a family whose "where" is wrong.
"""

from __future__ import annotations

import re

from bs4.element import NavigableString, Tag

from ingest.families import GENERIC, HOME_WORDS, Family
from ingest.page import Page
from ingest.page_text import clean, first, raw


def fitting_family(page: Page) -> Family:
    """``page.fam`` when any of its class or id selectors finds something on the page (the body, the
    title, the breadcrumb, a list box…: a listing of the family has no body but has those), else
    :data:`GENERIC`. Selectors by tag or meta alone (``article h1``, ``meta[property=…]``) say nothing
    about the theme and are not asked."""
    fam = page.fam
    if fam is GENERIC:
        return fam
    if fam.body and first(page.ix, page.root, fam.body) is not None:
        return fam  # the common case, one look-up
    sels = tuple(_markup_selectors(fam))
    if not sels:
        return fam
    return fam if first(page.ix, page.root, sels) is not None else GENERIC


def _markup_selectors(fam: Family):
    for field in (fam.article, fam.body, fam.title, fam.date, fam.summary, fam.breadcrumb, fam.related, fam.latest):
        for sel in field:
            css = sel.split("@", 1)[0]
            if css.startswith("meta") or not any(m in css for m in (".", "#", "[id", "[class")):
                continue
            yield css


#: Phrases only a page's footer prints (the publisher's legal lines), case-folded.
FOOTER_MARKERS = ("chịu trách nhiệm chính", "chịu trách nhiệm nội dung", "ghi rõ nguồn", "giấy phép số",
                  "giấy phép thiết lập", "bản quyền thuộc", "trưởng ban biên tập", "tổng biên tập:",
                  "cơ quan chủ quản", "copyright", "đơn vị quản lý", "địa chỉ:", "điện thoại:")


def footer_by_content(page: Page) -> set[int]:
    """Ids of the blocks that read like the page footer, whatever their class (``footer`` tags and
    ``.footer`` classes are found by selector; a renamed or unusual theme needs its words): the
    nearest block (at most three levels up, under 1,500 characters) around a legal-line phrase
    that holds at least two such phrases (each found in a short line: a body paragraph saying
    "chịu trách nhiệm" is not a footer)."""
    out: set[int] = set()
    for s in page.root.find_all(string=_has_marker):
        el = s.parent
        for _ in range(3):
            if el is None or el is page.root:
                break
            text = el.get_text(" ").casefold()
            if len(text) > 1500:
                break
            if sum(1 for m in FOOTER_MARKERS if m in text) >= 2:
                out.add(id(el))
                break
            el = el.parent
    return out


def _has_marker(s: str) -> bool:
    low = s.casefold()
    return len(low) < 200 and any(m in low for m in FOOTER_MARKERS)  # a footer line is short


def list_trail(page: Page, title: str) -> Tag | None:
    """A breadcrumb written as a list (``<ol>``/``<ul>`` of ``<li>``) whatever its class: two to five
    short items, the first a "Trang chủ" link. The site menu is such a list too, so the trail is
    the last one before the title, and only when little text separates it from the title (menus
    come first, far above; the breadcrumb sits just above the headline)."""
    title_el = page.find_title_element(title) if title else None
    found: Tag | None = None
    for lst in page.ix.select(page.root, "ol, ul", limit=200):
        items = [li for li in lst.find_all("li", recursive=False)]
        if not 2 <= len(items) <= 5:
            continue
        texts = [clean(raw(li)) for li in items]
        if texts[0].lower() not in HOME_WORDS or any(len(t) > 80 or not t for t in texts):
            continue
        if items[0].find("a", href=True) is None or lst.find_parent("header") is not None:
            continue  # a list in the page header is the site menu
        if title_el is not None and page.ix.pos.get(id(lst), 0) > page.ix.pos.get(id(title_el), 0):
            break
        found = lst
    if found is None or title_el is None or _text_between(found, title_el) > 250:
        return None  # a menu far above the headline is not its trail
    return found


def _text_between(first_el: Tag, last_el: Tag) -> int:
    """Characters of non-link text after ``first_el`` and before ``last_el`` (stops past 1,000)."""
    n = 0
    for node in first_el.next_elements:
        if node is last_el:
            return n
        if isinstance(node, NavigableString) and not _is_descendant_of(node, first_el) \
                and node.find_parent("a") is None:  # link lists (a sidebar, a menu) do not separate
            n += len(node.strip())
            if n > 1000:
                return n
    return n


def _is_descendant_of(node, ancestor: Tag) -> bool:
    return any(p is ancestor for p in node.parents)


_EDGE_SEPARATORS = re.compile(r"^(?:-->|[>»›/|→])\s*|\s*(?:-->|[>»›/|→])$")


def trail_label(text: str) -> str:
    """A breadcrumb label without a separator glued to it (``"» Thị trường"``: the last label is
    often plain text sharing a text node with the separator before it)."""
    prev = None
    while prev != text:
        prev, text = text, _EDGE_SEPARATORS.sub("", text).strip()
    return text


_BLOCK_TAGS = frozenset({"p", "div", "ul", "ol", "table", "section", "article", "h1", "h2", "h3", "h4", "h5",
                         "h6", "blockquote", "figure", "header", "footer", "nav", "aside", "main", "form"})


def _elements(el: Tag) -> list[Tag]:
    return [c for c in el.children if isinstance(c, Tag)]


def _own_text(el: Tag) -> bool:
    return any(isinstance(c, NavigableString) and c.strip() for c in el.children)


def _leaf_kind(el: Tag) -> str | None:
    """``plain`` for a ``p``/``div`` of text and inline elements, ``br`` for one whose paragraphs
    are separated by ``<br><br>`` runs (a single ``<br>`` is a line break: an attachment box, an
    address), ``None`` for anything holding blocks."""
    if el.name not in ("p", "div"):
        return None
    br = False
    for c in el.find_all(True):
        if c.name in _BLOCK_TAGS:
            return None
        if c.name == "br" and not br:
            nxt = c.next_sibling
            while isinstance(nxt, NavigableString) and not nxt.strip():
                nxt = nxt.next_sibling
            br = isinstance(nxt, Tag) and nxt.name == "br"
    return "br" if br else "plain"


def _unwrap(el: Tag) -> Tag:
    """Through wrappers: while an element has one block child and no text of its own."""
    while True:
        kids = _elements(el)
        if len(kids) != 1 or _own_text(el) or kids[0].name not in _BLOCK_TAGS:
            return el
        el = kids[0]


def paragraph_holder(div: Tag, cache: dict) -> Tag | None:
    """For a text-only ``div`` that stands for a paragraph (``<div>`` instead of ``<p>``, perhaps
    each in wrappers of its own: issue 9 mutations m7 with m2), the element holding it and its
    sibling paragraphs, so the text-density body finder scores the paragraphs together; ``None``
    when the div is not one of at least two such paragraphs (a lone sapo or caption).

    A block of ``<br>``-separated paragraphs joins its siblings only in an element that holds
    paragraphs alone (a body split into several such blocks and ``<p>``s, ``<p><br></p>`` spacers
    between), or several such blocks beside small boxes: alone in the article's column it is the
    body itself, and lifting it would add the title, the sapo, the source line and the attachment
    box around it."""
    key = id(div)
    if key in cache:
        return cache[key]
    holder: Tag | None = None
    kind = _leaf_kind(div)
    if kind is not None:
        node = div
        while node.parent is not None and len(_elements(node.parent)) == 1 and not _own_text(node.parent):
            node = node.parent
        parent = node.parent
        if parent is not None and parent.name not in ("body", "html", "[document]"):
            hkey = (id(parent), kind)
            if hkey in cache:
                holder = cache[hkey]
            else:
                blocks = [c for c in _elements(parent) if c.name in _BLOCK_TAGS]
                kinds = [_leaf_kind(_unwrap(c)) for c in blocks]
                if kind == "plain":
                    holder = parent if kinds.count("plain") >= 2 else None
                elif None not in kinds:  # a holder of paragraphs alone (spacers allowed), with another one
                    holder = parent if sum(1 for c in blocks if c.get_text(strip=True)) >= 2 else None
                else:  # several such blocks, beside small boxes only (an attachment list)
                    holder = parent if kinds.count("br") >= 2 and all(
                        len(c.get_text(strip=True)) <= 200 for c, k in zip(blocks, kinds, strict=True)
                        if k is None) else None
                cache[hkey] = holder
    cache[key] = holder
    return holder


def bold_lead(page: Page, container: Tag) -> Tag | None:
    """The sapo of an unknown layout: the body's first text block when it is bold throughout
    (``<p><strong>…</strong></p>``, ``<div><b>…</b></div>``) and reads like a lead (60–600
    characters). Vietnamese news and portal CMSs print the sapo this way; with the family's
    ``.sapo`` class gone (a re-themed site) it otherwise opens the body."""
    for el in container.find_all(("p", "div", "h2", "h3")):
        text = clean(el.get_text(" "))
        if len(text) < 25:
            continue
        if el.find(("p", "div")) is not None:  # not a leaf block: look inside
            continue
        bold = clean(" ".join(b.get_text(" ") for b in el.find_all(("strong", "b"))
                              if b.find_parent(("strong", "b")) is None))
        return el if bold == text and 60 <= len(text) <= 600 else None
    return None
