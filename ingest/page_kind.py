"""Stage 6 of page extraction: what kind of page this is (article, listing, other).

A home page is never an article. A family with ``article`` markers decides by them; otherwise the
structure decides: enough running text that is not a column of teasers makes an article, many
content links make a listing, anything else is "other".
"""

from __future__ import annotations

from collections.abc import Callable

from bs4.element import Tag

from ingest.families import GENERIC, HOME_PATH
from ingest.page import Page
from ingest.page_text import first, first_value, raw, split_url


def looks_home(url: str | None) -> bool:
    if not url:
        return False
    parts = split_url(url)
    path = parts.path if parts else ""
    return bool(HOME_PATH.match(path))


def is_article(page: Page, title: str, container: Tag | None, paragraphs: list[str], item_links: int,
               dated: Callable[[], bool]) -> bool:
    """Article or not; ``dated()`` (the page prints its own date by the title) is asked only when needed."""
    fam = page.fam
    if looks_home(page.url):
        rule, answer = "home page URL", False
    elif fam is not GENERIC and fam.article:
        answer = first(page.ix, page.root, fam.article) is not None and bool(title)
        rule = f"{fam.name}: article marker {'found' if answer else 'absent'}"
    else:
        body_chars = sum(len(p) for p in paragraphs)
        answer = generic_is_article(page, container, paragraphs, body_chars, title, item_links, dated())
        rule = "generic: running text" if answer else "generic: not enough running text"
    if page.trace is not None:
        page.trace.note("kind", rule)
    return answer


def generic_is_article(page: Page, container: Tag | None, paragraphs: list[str], body_chars: int,
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
    link_chars = sum(len(raw(a)) for a in links)
    if link_chars > body_chars * 0.5:
        return False
    og_type, _ = first_value(page.ix, page.soup, ("meta[property='og:type']@content",))
    if og_type == "article":
        return True
    return long_paras >= 2 or body_chars >= 400


def count_item_links(page: Page) -> int:
    """Rough count of distinct content links (listing teasers, home blocks)."""
    hrefs = set()
    for a in page.ix.select(page.root, "a[href]", limit=400):
        href = a["href"]
        if href.startswith(("javascript:", "mailto:", "#")) or href in ("/", ""):
            continue
        if len(raw(a).strip()) >= 20:
            hrefs.add(href)
    return len(hrefs)
