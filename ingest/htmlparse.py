"""Turn one decoded HTML page into a :class:`~ingest.document.Document`.

The page is parsed once into a BeautifulSoup tree (``ingest.soupbuild``: lxml's parser driving a
lean builder that makes the very tree ``cssindex.IndexingSoup(html, "lxml")`` makes, with its
element and selector index, about twice as fast) into an :class:`ingest.page.Page`, and
``extract_html`` runs the stages in order, each in a module of its own:

1. text walking (``page_text``): iterative walkers, cleaning, paragraph blocks;
2. metadata and dates (``page_meta``: title, breadcrumb; ``page_dates``: publication/update time);
3. body (``page_body``): container, sapo, paragraphs, images and captions;
4. lists (``page_lists``): "Tin liên quan" / "Tin mới nhất";
5. attachments (``page_attach``);
6. kind (``page_kind``): article, listing or other.

The CMS family (``ingest.families``) says where things live; whenever a family selector finds
nothing, the generic rules of the same stage take over. Speed matters (whole mirrors are parsed),
so the tree is walked a bounded number of times and selectors are compiled once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ingest import page_body, page_dates, page_kind, page_lists, page_meta
from ingest.document import BodyLink, Document
from ingest.families import BY_NAME, FAMILIES, FRAME_SELECTOR, GENERIC, Family, detect_family
from ingest.layout import bold_lead, fitting_family
from ingest.page import Page
from ingest.page_attach import Attachments
from ingest.page_text import clean, split_sel

if TYPE_CHECKING:
    from ingest.explain import Explain

log = logging.getLogger(__name__)

__all__ = ["extract_html"]

# kept importable under their old names (tests/test_cssindex.py checks them against the selector index)
_FRAME = FRAME_SELECTOR
_split_sel = split_sel


def extract_html(html: str, url: str | None = None, family: str | None = None,
                 trace: Explain | None = None) -> Document:
    """Extract a :class:`Document` from decoded HTML.

    ``url`` is the page's address when known (else ``link rel=canonical`` / ``og:url``);
    ``family`` forces a family by name (``"generic"`` = heuristics only), for tests and tools;
    ``trace`` collects why each field came out as it did (``tracuu parse --explain``).
    """
    fam = (GENERIC if family == "generic" else BY_NAME[family]) if family else detect_family(html, url)
    if trace is not None:
        _explain_family(trace, html, url, fam, forced=family is not None)
    page = Page(html, url, fam, trace)
    if not family:  # a family whose selectors find nothing here reads worse than the heuristics
        page.fam = fitting_family(page)
        if trace is not None and page.fam is not fam:
            trace.note("family", f"{fam.name}: none of its class/id selectors matches: generic heuristics",
                       value=GENERIC.name)
    doc = run_stages(page)
    if trace is not None:
        trace.note("attachments", "family attachment boxes + attachment links of the body (extension or "
                   "'tại đây'/'Tải về' words)", value=len(doc.attachments))
    return doc


def _explain_family(trace: Explain, html: str, url: str | None, fam: Family, forced: bool) -> None:
    """The family chosen and every family's detection hits (hint substrings + URL patterns)."""
    head = html[:200_000]
    for f in FAMILIES:
        trace.candidate("family", name=f.name, hits=f.score(head, url), needed=f.min_hits)
    rule = "forced (--family)" if forced else ("detected" if fam is not GENERIC else "no family matched: "
                                                "generic heuristics only")
    trace.note("family", rule, value=fam.name, label=fam.label)


def run_stages(page: Page) -> Document:
    """The extraction stages over one page (``tracuu parse --explain`` calls this with a traced page)."""
    title, title_el = page_meta.title(page)
    container = page_body.body_container(page)
    skip = page_body.noise_ids(page, container) if container is not None else set()

    lists = page_lists.find_lists(page, container)  # first: list containers are kept out of the body
    skip.update(id(r) for r in lists.roots)
    if container is not None:
        skip.update(id(el) for el in page_lists.heading_lists_inside(page, container))
    summary = page_body.summary(page, lists.roots, skip)
    if not summary and page.fam is GENERIC and container is not None:
        lead = bold_lead(page, container)  # a bold first paragraph is the sapo (ingest/layout.py)
        if lead is not None:
            summary = clean(lead.get_text(" "))
            skip.add(id(lead))

    attachments = Attachments(page)
    body = page_body.body(page, container, skip, lists.roots, title, attachments)
    if container is not None and body.area is not container:
        attachments.collect_around(body.area, lists.roots)
    attachments.collect_family_boxes()
    paragraphs = body.paragraphs
    if summary and paragraphs and paragraphs[0] == summary:
        paragraphs = paragraphs[1:]

    dates = page_dates.Dates(page, title_el, body, [a.url for a in attachments.items])
    kind = page_kind.decide(page, title, title_el, container, paragraphs, body.item_links,
                            dated=lambda: dates.published() is not None and title_el is not None)
    is_article = kind == "article"
    published = updated = None
    published_from = updated_from = None
    if is_article:
        published, published_from = dates.published(), dates.published_from
        upd = dates.updated()
        if upd is not None and upd.dt != published:
            updated, updated_from = upd.dt, upd.source
    elif page.trace is not None:
        for name in ("published", "updated"):
            page.trace.note(name, f"not an article ({kind}): no publication time")
    category = page_meta.category(page, title, article=is_article)
    images, atts = body.images, attachments.items
    home = page_kind.looks_home(page.url)
    if not is_article:  # a listing's or home page's teasers are not its text
        paragraphs = paragraphs if kind == "other" and not home else []
        if kind == "listing" or home:
            images, atts = [], []

    doc = Document(
        url=page.url,
        site=page.site(),
        kind=kind,
        title=title,
        published=published,
        updated=updated,
        category=category,
        summary=summary or None,
        body="\n\n".join(paragraphs),
        images=images,
        attachments=atts,
        related=lists.related,
        latest=lists.latest,
    )
    if is_article or (kind == "other" and not home):  # where the body text is kept, its links too
        doc.body_links = [BodyLink(title=t, url=u) for u, t in body.links]
    doc.source.published_from, doc.source.updated_from = published_from, updated_from
    return doc
