"""Stage 4 of page extraction: "Tin liên quan" / "Tin mới nhất" link lists.

Lists are found by the family's selectors, else by their Vietnamese headings anywhere on the page
(``page.headings()``). Their containers are then kept out of the body. Each item is one link
target: its title is the longest link text, its time comes from the item's own text, a ``<time>``
or the text right after the link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from bs4.element import Tag

from ingest.document import LinkItem
from ingest.families import DATE_ATTRIBUTES, ID_ATTRIBUTES
from ingest.itemtitle import item_title
from ingest.page import HEADING_ROLE, LIST_HEADING, Page
from ingest.page_attach import is_attachment
from ingest.page_dates import Candidate, arbitrate, id_candidate, url_candidates
from ingest.page_text import clean, is_descendant, iter_strings, raw


@dataclass
class Lists:
    related: list[LinkItem] = field(default_factory=list)
    latest: list[LinkItem] = field(default_factory=list)
    #: the list containers, excluded from the body
    roots: list[Tag] = field(default_factory=list)


def find_lists(page: Page, container: Tag | None) -> Lists:
    """Related and latest lists, by family selectors first, then by heading."""
    out = Lists()
    fam = page.fam
    for role, sels, sink in (("related", fam.related, out.related), ("latest", fam.latest, out.latest)):
        for sel in sels:
            for el in page.ix.select(page.root, sel):
                if container is not None and (el is container or is_descendant(container, el)):
                    continue
                sink.extend(list_items(el, page))
                out.roots.append(el)
                if page.trace is not None:
                    page.trace.candidate(role, rule=f"{fam.name}: list selector {sel}", items=len(sink))
            if sink:
                if page.trace is not None:
                    page.trace.note(role, f"{fam.name}: list selector {sel}", value=len(sink))
                break
    if not out.related or not out.latest:
        for role, pairs in heading_lists(page, container).items():
            sink = out.related if role == "related" else out.latest
            if sink:
                continue
            for heading, cont in pairs:
                if any(cont is r or is_descendant(cont, r) for r in out.roots):
                    continue
                items = list_items(cont, page, after=heading)
                sink.extend(items)
                out.roots.append(cont)
                if page.trace is not None:
                    page.trace.candidate(role, rule="generic: list heading", heading=clean(raw(heading)),
                                         container=cont.name, items=len(items))
            if sink and page.trace is not None:
                page.trace.note(role, "generic: list heading", value=len(sink))
    return out


def item_blocks(anchors: list[Tag], stop: Tag, levels: int = 4) -> dict[int, Tag]:
    """For each anchor, the element holding its list item: the highest ancestor (at most ``levels``
    up, below ``stop``) whose links all point to that anchor's target."""
    hrefs: dict[int, set[str]] = {}
    chains: list[tuple[Tag, list[Tag]]] = []
    for a in anchors:
        href = a.get("href")
        chain = []
        el = a.parent
        for _ in range(levels):
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


def list_items(container: Tag, page: Page, after: Tag | None = None) -> list[LinkItem]:
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
            if node.name == "a" and node.has_attr("href") and not is_descendant(node, after):
                anchors.append(node)
    blocks = item_blocks(anchors, container)
    has_time = page.ix.select_one(container, "time") is not None
    groups: dict[str, list[Tag]] = {}
    for a in anchors:
        href = a["href"].strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")) or is_attachment(a):
            continue
        # a counter link to the item's comments (``…#box_comment``) belongs to the item
        groups.setdefault(href.split("#", 1)[0], []).append(a)
    items: list[LinkItem] = []
    for href, links in groups.items():
        title, date_in_link = item_title(links)  # the link's own words (ingest/itemtitle.py)
        if not title:
            title = clean(links[0].get("title") or "")
        if not title or LIST_HEADING.match(title):
            continue
        block = blocks[id(links[0])]
        published = item_time(page, href, links, block, has_time)
        if published is None and date_in_link:
            published = page.parse_date(date_in_link)
        items.append(LinkItem(title=title, url=page.absolute(href), published=published))
    return items


_ITEM_ATTRS = frozenset(DATE_ATTRIBUTES + ID_ATTRIBUTES)
_DIGIT = re.compile(r"[0-9]")


def item_time(page: Page, href: str, links: list[Tag], block: Tag, has_time: bool) -> datetime | None:
    """A list item's time: its visible date (item text, the text after its link) refined by what the
    markup carries for the same item (``<time datetime>``, ``title=``/``data-*`` attributes, the CMS id
    in its link) when they agree — at the precision the page offers, never invented."""
    cands: list[Candidate] = []
    visible = None
    if block is not links[0]:
        link_ids = {id(x) for x in links}
        rest = clean(" ".join(iter_strings(block, link_ids)))
        if rest:
            visible = page.parse_date_precision(rest)
    if visible is None:
        sib = links[-1].next_sibling
        hops = 0
        while sib is not None and hops < 3:
            txt = raw(sib) if isinstance(sib, Tag) else str(sib)
            if isinstance(sib, Tag) and sib.name == "a":
                break
            if txt.strip():
                visible = page.parse_date_precision(clean(txt))
                break
            sib = sib.next_sibling
            hops += 1
    if visible is not None:
        if visible[1] == "second":  # nothing the markup holds can be more precise
            return visible[0]
        cands.append(Candidate(visible[0], visible[1], "text", True, 0))
    t = page.ix.select_one(block, "time") if has_time and block is not links[0] else None  # = block.find("time")
    if t is not None and t.get("datetime"):
        found = page.parse_date_precision(t["datetime"])
        if found is not None:
            cands.append(Candidate(found[0], found[1], "time[datetime]"))
    for el in _item_elements(page, links[0], block):
        names = _ITEM_ATTRS.intersection(el.attrs) if el.attrs else ()
        for name in names:
            value = el.get(name)
            if name in ID_ATTRIBUTES:
                c = id_candidate(value, f"attr:{name}")
                if c is not None:
                    cands.append(c)
            elif isinstance(value, str) and _DIGIT.search(value) \
                    and clean(value) != clean(raw(links[0])):  # a title= repeating the link text is no date
                found = page.parse_date_precision(value)
                if found is not None:
                    cands.append(Candidate(found[0], found[1], f"attr:{name}"))
    if _DIGIT.search(href):
        cands.extend(c for c in url_candidates(href) if c.source != "url:upload-path")
    if not cands:
        return None
    best = arbitrate(cands)
    return best.dt if best is not None else None


def _item_elements(page: Page, link: Tag, block: Tag) -> list[Tag]:
    """The link, its item block and the block's few other elements (a ``<span title=…>`` by the link)."""
    if block is link:
        return [link]
    lo, hi = page.ix.span(block)
    tags = getattr(page.soup, "parsed_tags", None)
    if tags is None or lo < 0 or hi - lo > 12:
        return [link, block]
    return [link, *tags[lo:hi + 1]]


def heading_lists(page: Page, exclude: Tag | None) -> dict[str, list[tuple[Tag, Tag]]]:
    """``{"related"|"latest": [(heading, container)]}`` found by heading text anywhere on the page."""
    found: dict[str, list[tuple[Tag, Tag]]] = {"related": [], "latest": []}
    for s in page.headings()[:12]:
        heading = s.parent
        if heading is None or heading.name == "a":
            continue
        if heading.name in ("span", "strong", "b") and heading.parent is not None and \
                clean(heading.parent.get_text(" ")) == clean(str(s)):
            heading = heading.parent
        role = HEADING_ROLE[clean(str(s)).lower().rstrip(":").strip()]
        el = heading
        container = None
        for _ in range(4):
            el = el.parent
            if el is None or el is page.root:
                break
            if exclude is not None and (el is exclude or is_descendant(exclude, el)):
                break
            if any(not is_descendant(a, heading) for a in page.ix.links_in(el, limit=3)):
                container = el
                break
        if container is not None:
            found[role].append((heading, container))
    return found


def heading_lists_inside(page: Page, container: Tag) -> list[Tag]:
    """List blocks (by heading) nested inside the body container, to keep them out of the body."""
    out = []
    for s in [s for s in page.headings() if is_descendant(s, container)][:4]:
        el = s.parent
        for _ in range(3):
            if el is None or el is container:
                break
            if page.ix.links_in(el, limit=1):
                out.append(el)
                break
            el = el.parent
    return out
