"""Turn one decoded HTML page into a :class:`~ingest.document.Document`.

The page is parsed once with BeautifulSoup (lxml builder; ``cssindex.IndexingSoup`` records
elements as they are built) into an :class:`ingest.page.Page`, and ``extract_html`` runs the
stages in order, each in a module of its own:

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

from ingest import page_body, page_dates, page_kind, page_lists, page_meta
from ingest.document import Document
from ingest.families import BY_NAME, FRAME_SELECTOR, GENERIC, detect_family
from ingest.page import Page
from ingest.page_attach import Attachments
from ingest.page_text import split_sel

log = logging.getLogger(__name__)

__all__ = ["extract_html"]

# kept importable under their old names (tests/test_cssindex.py checks them against the selector index)
_FRAME = FRAME_SELECTOR
_split_sel = split_sel


def extract_html(html: str, url: str | None = None, family: str | None = None) -> Document:
    """Extract a :class:`Document` from decoded HTML.

    ``url`` is the page's address when known (else ``link rel=canonical`` / ``og:url``);
    ``family`` forces a family by name (``"generic"`` = heuristics only), for tests and tools.
    """
    fam = (GENERIC if family == "generic" else BY_NAME[family]) if family else detect_family(html, url)
    page = Page(html, url, fam)
    return run_stages(page)


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

    attachments = Attachments(page)
    body = page_body.body(page, container, skip, lists.roots, title, attachments)
    if container is not None and body.area is not container:
        attachments.collect_around(body.area, lists.roots)
    attachments.collect_family_boxes()
    paragraphs = body.paragraphs
    if summary and paragraphs and paragraphs[0] == summary:
        paragraphs = paragraphs[1:]

    dates = page_dates.Dates(page, title_el, skip, body)
    is_article = page_kind.is_article(page, title, container, paragraphs, body.item_links,
                                      dated=lambda: dates.published() is not None and title_el is not None)
    if is_article:
        kind = "article"
        published, updated = dates.published(), dates.updated()
    else:
        kind = "listing" if page_kind.count_item_links(page) >= 5 else "other"
        published = updated = None
    category = page_meta.category(page, title, article=is_article)
    images, atts = body.images, attachments.items
    if not is_article:
        paragraphs = paragraphs if kind == "other" else []
        if kind == "listing":
            images, atts = [], []

    return Document(
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
        attachments=atts,
        related=lists.related,
        latest=lists.latest,
    )
