"""Stage 3 of page extraction: the body container, the sapo, paragraphs, images and captions.

The container is the family's body selector when it holds text, else the element whose own
paragraphs hold the most non-link text (``densest``, outside the page frame). Its blocks become
paragraphs minus page furniture (counters, share tools, the title repeated, a leading dateline,
attachment-only lines, captions that belong to an image).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bs4.element import Tag

from ingest.document import Image
from ingest.families import (
    CAPTION_START,
    COMMON_NOISE,
    DATELINE,
    FRAME_NOISE,
    FRAME_SELECTOR,
    GENERIC,
    NOISE_LINE,
)
from ingest.layout import footer_by_content, paragraph_holder
from ingest.page import Page
from ingest.page_attach import Attachments, is_attachment
from ingest.page_text import BLOCK, Block, blocks, first, is_descendant, iter_strings, joined, text


def body_container(page: Page) -> Tag | None:
    fam = page.fam
    el = first(page.ix, page.root, fam.body) if fam.body else None
    if el is not None and len(el.get_text()) > 40:
        if page.trace is not None:
            page.trace.note("body", f"{fam.name}: body selector", container=_describe(el))
        return el
    return densest(page)


def _describe(el: Tag) -> str:
    """``div#id.class`` for the explain output."""
    out = el.name
    if el.get("id"):
        out += "#" + str(el["id"])
    classes = el.get("class") or []
    if classes:
        out += "." + ".".join(classes[:3])
    return out


def densest(page: Page) -> Tag | None:
    """Generic body: the element whose own paragraphs hold the most non-link text."""
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    frame = {id(el) for el in page.ix.select(page.root, FRAME_SELECTOR)} | footer_by_content(page)
    holders: dict[int, Tag | None] = {}
    for s in iter_strings(page.root, frame):
        n = len(s.strip())
        if n < 25:
            continue
        parent = s.parent
        depth = 0
        while parent is not None and parent.name not in BLOCK and depth < 6:
            if parent.name == "a":
                break
            parent = parent.parent
            depth += 1
        if parent is None or parent.name == "a" or parent.name in ("li", "h1", "h2", "h3", "nav", "header",
                                                                     "footer", "aside"):
            continue
        if parent.name in ("div", "p"):  # a (wrapped) paragraph scores with its siblings (ingest/layout.py)
            container = paragraph_holder(parent, holders) or (parent if parent.name == "div" else parent.parent)
        else:
            container = parent if parent.name in ("td", "article", "section", "main") else parent.parent
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
        if page.trace is not None:
            page.trace.note("body", "generic: no text block found")
        return None
    best = max(scores, key=scores.__getitem__)
    if page.trace is not None:
        top = sorted(scores, key=scores.__getitem__, reverse=True)[:5]
        for k in top:
            page.trace.candidate("body", rule="generic: text density", container=_describe(tags[k]),
                                 score=round(scores[k], 1))
        page.trace.note("body", "generic: densest text block", container=_describe(tags[best]))
    return tags[best]


def noise_ids(page: Page, container: Tag) -> set[int]:
    # one comma-joined selector: the index answers it in a single pass over the candidates
    sel = joined(COMMON_NOISE + page.fam.noise + page.fam.captions + FRAME_NOISE)
    return {id(el) for el in page.ix.select(container, sel)}


def summary(page: Page, list_roots: list[Tag], skip: set[int]) -> str:
    """The sapo (kept out of the body when the CMS puts it inside the body container)."""
    for sel in page.fam.summary or GENERIC.summary:
        for el in page.ix.select(page.root, sel, limit=4):
            if any(el is r or is_descendant(el, r) for r in list_roots):
                continue
            value = text(el)
            if value:
                skip.add(id(el))
                if page.trace is not None:
                    page.trace.note("summary", f"{page.fam.name if page.fam.summary else 'generic'}: {sel}")
                return value
    return ""


@dataclass
class Body:
    paragraphs: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    #: a leading dateline block ("(Thứ hai, 19/04/2021 15:17)"), removed from the paragraphs
    dateline: datetime | None = None
    dateline_text: str = ""
    #: blocks that are only a link (teasers of a listing)
    item_links: int = 0
    #: the container widened to catch figures and attachment boxes (None without a container)
    area: Tag | None = None
    #: (absolute URL, anchor text) of the links inside the kept paragraphs, attachments excepted
    links: list[tuple[str, str]] = field(default_factory=list)


def body(page: Page, container: Tag | None, skip: set[int], list_roots: list[Tag], title: str,
         attachments: Attachments) -> Body:
    """Paragraphs and images of the body container; attachment links met on the way go to ``attachments``."""
    out = Body(area=container)
    if container is None:
        return out
    fam = page.fam
    blks = blocks(container, skip)
    link_only = [b.chars >= 20 and b.link_chars >= 0.8 * b.chars and not any(map(is_attachment, b.links))
                 for b in blks]
    out.item_links = sum(link_only)
    area = article_area(container, list_roots) if fam.body == () or first(page.ix, page.root, fam.body) is None \
        else container
    out.area = area
    captions_text: dict[int, str] = {}
    for sel in filter(None, (joined(fam.captions + GENERIC.captions),)):
        for cap in page.ix.select(area, sel):
            fig = cap.find_parent(["figure", "table"]) or cap.parent
            if fig is not None:
                captions_text[id(fig)] = text(cap)
    drop: set[int] = set()
    block_of_img = {id(img): i for i, b in enumerate(blks) for img in b.images}
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
            if i is not None and i + 1 < len(blks) and _is_caption(blks[i + 1]):
                cap = blks[i + 1].text
                drop.add(i + 1)
        out.images.append(Image(url=page.absolute(src) or src, caption=cap or None))
    for i, b in enumerate(blks):
        atts = [a for a in b.links if is_attachment(a)]
        if atts:
            for a in atts:
                attachments.add(a)
            other = b.chars - b.link_chars
            if other < 60 or b.link_chars >= b.chars * 0.6:
                drop.add(i)
        if not b.text or i in drop:
            continue
        if (NOISE_LINE.match(b.text) and len(b.text) < 80) or b.text == title:
            drop.add(i)
    for i, b in enumerate(blks[:4]):
        if i and link_only[i - 1]:  # a teaser's date under its title link
            continue
        if b.text and len(b.text) <= 80 and not b.links and i not in drop and DATELINE.match(b.text):
            dt = page.parse_date(b.text)
            if dt is not None:
                if out.dateline is None:
                    out.dateline, out.dateline_text = dt, b.text
                drop.add(i)
    out.paragraphs = [b.text for i, b in enumerate(blks) if b.text and i not in drop]
    out.links = body_links(page, [b for i, b in enumerate(blks) if b.text and i not in drop])
    return out


def body_links(page: Page, kept: list[Block]) -> list[tuple[str, str]]:
    """The links a reader sees in the body text (the link graph's ``body`` edges): http(s)
    targets resolved against the page, each (URL, anchor text) once, in reading order.
    Attachment links are the attachments' own list; links in dropped blocks are furniture."""
    out: dict[tuple[str, str], None] = {}
    for b in kept:
        for a in b.links:
            if is_attachment(a):
                continue
            url = page.absolute(a.get("href"))
            if url and url.startswith(("http://", "https://")):
                out[(url, text(a))] = None
    return list(out)


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


def _is_caption(b: Block) -> bool:
    if b.images or not b.text or len(b.text) > 250 or b.links:
        return False
    emphasised = b.chars > 0 and b.emph_chars >= b.chars * 0.9
    return b.centered or emphasised or bool(CAPTION_START.match(b.text))


def article_area(container: Tag, list_roots: list[Tag]) -> Tag:
    """The body container widened (at most two levels) to catch its figures and attachment boxes."""
    base = len(container.get_text())
    area = container
    for _ in range(2):
        parent = area.parent
        if parent is None or parent.name in ("body", "html", "[document]"):
            break
        if any(r is parent or is_descendant(r, parent) for r in list_roots):
            break
        if len(parent.get_text()) > base * 1.6 + 1500:
            break
        area = parent
    return area
