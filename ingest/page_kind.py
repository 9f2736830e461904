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
from ingest.page_attach import is_attachment
from ingest.page_lists import item_blocks, item_time
from ingest.page_text import first, first_value, is_descendant, iter_strings, raw, split_url


def looks_home(url: str | None) -> bool:
    if not url:
        return False
    parts = split_url(url)
    path = parts.path if parts else ""
    return bool(HOME_PATH.match(path))


def decide(page: Page, title: str, title_el: Tag | None, container: Tag | None, paragraphs: list[str],
           item_links: int, dated: Callable[[], bool]) -> str:
    """``article``, ``listing`` or ``other``, from the page's structure first and its family second.

    In order: a home page is ``other``; a main column of ≥ 5 dated teasers (or of ≥ 5 teasers of
    one make, undated) with the body container inside one of them (the densest text was one
    teaser's long summary) is a ``listing``; one title, one date and ≥ 3 paragraphs of running text
    that are not teaser titles make an ``article`` even beside long sidebars; a body container that
    is itself a column of ≥ 5 dated teasers is a ``listing``; otherwise the family's article markers
    decide, or the generic running-text rule. ``dated()`` is asked only when needed (it runs the
    date arbitration).
    """
    fam = page.fam
    if looks_home(page.url):
        return _noted(page, "other", "home page URL")
    # a body inside one teaser of a column first: a long first summary gives a listing ≥ 3 paragraphs
    # and, when it is longer than a list item, a date by its title that reads as the page's own
    teasers, inside = teaser_column(page, container, title_el) if container is not None else (0, False)
    if teasers >= 5 and inside:
        return _noted(page, "listing", f"structure: main column of {teasers} dated teasers")
    if title and title_el is not None and container is not None and _running_text(paragraphs) >= 3 \
            and not _teaser_titles(item_links, paragraphs) and dated():
        return _noted(page, "article", "structure: title + date + ≥ 3 paragraphs")
    if teasers >= 5:  # the body container is the column (an article's may hold its related list)
        return _noted(page, "listing", f"structure: main column of {teasers} dated teasers")
    if fam is not GENERIC and fam.article:
        answer = first(page.ix, page.root, fam.article) is not None and bool(title)
        rule = f"{fam.name}: article marker {'found' if answer else 'absent'}"
    else:
        body_chars = sum(len(p) for p in paragraphs)
        answer = generic_is_article(page, container, paragraphs, body_chars, title, item_links, dated())
        rule = "generic: running text" if answer else "generic: not enough running text"
    if answer:
        return _noted(page, "article", rule)
    return _noted(page, "listing" if count_item_links(page) >= 5 else "other", rule)


def _noted(page: Page, kind: str, rule: str) -> str:
    if page.trace is not None:
        page.trace.note("kind", rule, value=kind)
    return kind


def _teaser_titles(item_links: int, paragraphs: list[str]) -> bool:
    """The body's blocks are teasers: four or more link-only blocks (titles), one for every four
    paragraphs or fewer (a short listing page, its summaries read as running text)."""
    return item_links >= 4 and item_links >= 0.25 * len(paragraphs)


def _running_text(paragraphs: list[str]) -> int:
    """Paragraphs that read as running text (long, not a date line or a link caption)."""
    return sum(1 for p in paragraphs if len(p) >= 80)


def teaser_column(page: Page, container: Tag, title_el: Tag | None = None) -> tuple[int, bool]:
    """Dated teasers in the column that holds ``container`` as one of them (or is it), else 0;
    and whether the container lies inside one of them (rather than being the column).

    Walks up at most four levels from the body container; at the first level that holds ≥ 5
    distinct content links, counts the link targets whose item (``page_lists`` grouping) carries a
    time. The count only counts when the container is that column, or lies inside one dated teaser
    whose link does not come after it and that reads as a teaser, not as an article body beside a
    "Tin liên quan" column: of a teaser's size, or led by its link (the teaser's title), linking
    elsewhere than the page itself, and not holding the page's title.
    """
    column: Tag | None = container
    for _ in range(5):
        if column is None or column is page.root or column.name in ("body", "html", "[document]"):
            return 0, False
        anchors = [a for a in page.ix.links_in(column, limit=200) if not is_attachment(a)]
        groups: dict[str, list[Tag]] = {}
        for a in anchors:
            href = a["href"].strip()
            if href and not href.startswith(("javascript:", "mailto:", "#")):
                groups.setdefault(href, []).append(a)
        content = [h for h, links in groups.items() if max(len(raw(x).strip()) for x in links) >= 15]
        if len(content) >= 5:
            return _dated_teasers(page, column, container, anchors, groups, content, title_el), column is not container
        column = column.parent
    return 0, False


def _dated_teasers(page: Page, column: Tag, container: Tag, anchors: list[Tag], groups: dict[str, list[Tag]],
                   content: list[str], title_el: Tag | None) -> int:
    # a teaser's link may sit deep below the column (a wrapper around every block doubles the depth)
    blocks = item_blocks(anchors, column, levels=12)
    holder: Tag | None = None  # the teaser block holding the container (its link before or in it)
    holder_links: list[Tag] = []
    if column is not container:
        for href in content:
            link = groups[href][0]
            block = blocks[id(link)]
            if block is not link and (block is container or is_descendant(container, block)):
                if page.ix.pos.get(id(link), 0) <= page.ix.span(container)[1]:
                    holder, holder_links = block, groups[href]
                break
        if holder is None:  # the body is not one of the teasers: an article beside a list
            return 0
    has_time = page.ix.select_one(column, "time") is not None
    dated = 0
    sizes: list[int] = []
    holder_dated = False
    for href in content:
        links = groups[href]
        block = blocks[id(links[0])]
        if block is links[0]:
            continue
        has_date = item_time(page, href, links, block, has_time) is not None
        dated += has_date
        if block is holder:
            holder_dated = has_date
        elif has_date:
            sizes.append(len(block.get_text()))
    if column is container:
        return dated
    assert holder is not None and holder_links
    if holder_dated and sizes:
        sizes.sort()
        if len(holder.get_text()) <= 3 * sizes[len(sizes) // 2] + 1000:
            return dated
        if _reads_as_teaser(page, holder, holder_links, title_el):
            return dated
    if dated < 5 and _reads_as_teaser(page, holder, holder_links, title_el):
        # teasers without a time (news CMS listings): the holder and its like, one per target
        sig = _make(holder)
        return sum(1 for href in content if blocks[id(groups[href][0])] is not groups[href][0]
                   and _make(blocks[id(groups[href][0])]) == sig)
    return 0


def _make(block: Tag) -> tuple[str, tuple[str, ...]]:
    """Tag and classes of a teaser block, through wrappers of its own (one per block, issue 9 m2)."""
    el = block
    while True:
        kids = [c for c in el.children if isinstance(c, Tag)]
        if len(kids) != 1 or any(isinstance(c, str) and c.strip() for c in el.children):
            break
        el = kids[0]
    return el.name, tuple(el.get("class") or ())


def _reads_as_teaser(page: Page, holder: Tag, links: list[Tag], title_el: Tag | None) -> bool:
    """A long block is still one teaser of a listing when its link to another page comes first (the
    teaser's title, perhaps after a linked thumbnail or a short kicker) and the page's title is
    outside it; an article's body is led by its own title, or by text with a link somewhere in it."""
    if title_el is not None and (title_el is holder or is_descendant(title_el, holder)):
        return False
    target = page.absolute(links[0].get("href"))
    if target is None or (page.url is not None and target.split("#")[0] == page.url.split("#")[0]):
        return False
    before = 0
    for s in iter_strings(holder):
        if any(is_descendant(s, a) for a in links):
            return True
        before += len(s.strip())
        if before > 120:
            return False
    return False


def generic_is_article(page: Page, container: Tag | None, paragraphs: list[str], body_chars: int,
                       title: str, item_links: int = 0, dated: bool = False) -> bool:
    """Heuristic kind for unknown layouts: enough running text, not a column of teasers.

    A short text still counts when the page prints a date right by its title (a dated news item).
    """
    if container is None or not title or body_chars < (120 if dated else 250):
        return False
    if _teaser_titles(item_links, paragraphs):  # a column of teasers
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
