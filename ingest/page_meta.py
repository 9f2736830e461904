"""Stage 2a of page extraction: the title and the breadcrumb (category).

The family's selectors are tried first; when they find nothing the generic rules take over
(``h1`` repeated by ``<title>``/``og:title``, the longest cut of ``<title>`` that the page also
prints; a short element starting with a "Trang chủ" link for the trail). Each answer is noted in
the page's trace with the rule that produced it.
"""

from __future__ import annotations

import re

from bs4.element import Tag

from ingest.families import GENERIC, HOME_WORDS, TRAIL_SEP, TRAIL_SEPARATOR
from ingest.layout import list_trail, trail_label
from ingest.page import Page
from ingest.page_text import clean, first, first_value, iter_strings, raw, text


def title(page: Page) -> tuple[str, Tag | None]:
    """The page title and the element that prints it (None when it came from ``<title>``/a meta)."""
    value, el, rule = _title(page)
    if el is None and value:
        el = page.find_title_element(value)
    if page.trace is not None:
        page.trace.note("title", rule, value=value)
    return value, el


def _title(page: Page) -> tuple[str, Tag | None, str]:
    fam = page.fam
    value, el = first_value(page.ix, page.root, fam.title) if fam.title else ("", None)
    if value:
        return value, el, f"{fam.name}: title selector"
    if fam is not GENERIC:
        value, el = first_value(page.ix, page.soup, fam.title)
        if value:
            return value, el, f"{fam.name}: title selector (head)"
    return _generic_title(page)


def _generic_title(page: Page) -> tuple[str, Tag | None, str]:
    soup = page.soup
    titles = page.ix.maps["tag"].get("title")  # = soup.title (the first in document order), no tree walk
    page_title = clean(titles[0].get_text()) if titles else ""
    og, _ = first_value(page.ix, soup, ("meta[property='og:title']@content",))
    site_name, _ = first_value(page.ix, soup, ("meta[property='og:site_name']@content",))
    h1s = [(text(h), h) for h in page.ix.select(page.root, "h1", limit=6)]
    h1s = [(t, h) for t, h in h1s if len(t) >= 8 and t != site_name]
    for t, h in h1s:  # an h1 that the <title> or og:title repeats is the article title
        if (page_title and t in page_title) or (og and t == og):
            return t, h, "generic: h1 repeated by <title>/og:title"
    if og and og != site_name:
        return og, None, "generic: og:title"
    if h1s and len(h1s) == 1:
        return h1s[0][0], h1s[0][1], "generic: the only h1"
    if page_title:
        # "<title>" is "Title - Site" or "Site - Title", but titles contain " - " themselves: prefer
        # the longest cut that the page also prints as an element's whole text.
        cuts = list(re.finditer(page.fam.title_sep, page_title))
        candidates = [page_title[:m.start()].strip() for m in reversed(cuts)]
        candidates += [page_title[m.end():].strip() for m in cuts]
        candidates = sorted({c for c in candidates if len(c) >= 8 and c != site_name}, key=len, reverse=True)
        for cand in candidates[:6]:
            el = page.find_title_element(cand)
            if el is not None and el.name not in ("title", "a", "option"):
                return cand, el, "generic: <title> cut printed on the page"
        parts = [p.strip() for p in re.split(page.fam.title_sep, page_title) if p.strip()]
        parts = [p for p in parts if p != site_name] or parts
        return max(parts, key=len), None, "generic: longest part of <title>"
    if h1s:
        return h1s[0][0], h1s[0][1], "generic: first h1"
    return "", None, "none"


def category(page: Page, title: str, article: bool = True) -> list[str]:
    """Breadcrumb labels after "Trang chủ". An article's trail may end with its own title
    (WordPress/Yoast): that label is not a category. A listing's trail ends with the listing
    itself, which is its category."""
    fam = page.fam
    sels = fam.breadcrumb or GENERIC.breadcrumb
    rule = f"{fam.name}: breadcrumb selector" if fam.breadcrumb else "generic: breadcrumb selector"
    el = first(page.ix, page.root, sels)
    if el is None and fam is not GENERIC:
        el = first(page.ix, page.root, GENERIC.breadcrumb)
        rule = "generic: breadcrumb selector"
    if el is None:
        el = _home_trail(page)
        rule = "generic: trail starting with a 'Trang chủ' link"
    if el is None:
        el = list_trail(page, title)  # ingest/layout.py: an <ol>/<ul> trail with a renamed class
        rule = "generic: list starting with a 'Trang chủ' link, above the title"
    if el is None:
        if page.trace is not None:
            page.trace.note("category", "none", value=[])
        return []
    labels = [trail_label(t) for t in (clean(s) for s in iter_strings(el)) if t and not TRAIL_SEPARATOR.match(t)]
    labels = [t for t in labels if t]
    for i, lab in enumerate(labels):
        if lab.lower() in HOME_WORDS:
            labels = labels[i + 1:]
            break
    if article and labels and title and labels[-1] == title:
        labels = labels[:-1]
    if page.trace is not None:
        page.trace.note("category", rule, value=labels)
    return labels


def _home_trail(page: Page) -> Tag | None:
    """Generic breadcrumb: the short element that starts with a "Trang chủ" link and has separators."""
    for a in page.ix.select(page.root, "a[href]", limit=300):
        if clean(raw(a)).lower() not in HOME_WORDS:
            continue
        el = a
        for _ in range(3):
            el = el.parent
            if el is None or el.name in ("li", "ul", "ol", "body", "html"):
                break
            t = clean(raw(el))
            if len(t) > 300:
                break
            if TRAIL_SEP.search(t):
                return el
    return None
