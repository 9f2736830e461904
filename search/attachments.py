"""Attachments in search results: filters, what a hit shows, and hits nested under their pages.

Attachments (``kind == "attachment"``) are searched with pages by default. Staff recognise a
report by its type, number and title and want to open it at the right page, so an attachment hit
carries its administrative metadata, the PDF page its snippet is on, and its parent pages; and a
page whose attachment matches lists that attachment under itself (the report is usually the file,
not the news page).

Public surface: :data:`KINDS`, :func:`kind_filter`, :func:`decorate`, :func:`nest`.
"""

from __future__ import annotations

import re

from ingest.urlnorm import normalize_url
from search import highlight
from search.model import Hit
from search.postings import View

#: values of the ``kind`` request filter: only attachments, or only web pages
KINDS = ("attachment", "page")
#: attachments listed under one page hit at most
NESTED_MAX = 5


def kind_filter(view: View, kind: str) -> frozenset[int]:
    """Documents of one ``kind`` filter value (``attachment`` or ``page``)."""
    attachments = view.docs("kind", "attachment")
    if kind == "attachment":
        return frozenset(attachments)
    return view.all_docs - attachments


_MARKED = re.compile(r"<mark>(.*?)</mark>", re.S)


def _page_snippet(doc: dict, marker: highlight.Marker) -> tuple[str | None, int | None]:
    """The best PDF page's snippet and number (1-based): the page whose snippet marks the most
    distinct query words (then the most marks, then the earliest page). A report's first page
    often holds a common word of the query; the page a reader wants holds all of them."""
    info = doc.get("attachment") or {}
    starts = info.get("page_starts") or []
    body = doc.get("body") or ""
    if not starts:
        return None, None
    bounds = [*starts, len(body)]
    best: tuple[tuple[int, int], str, int] | None = None
    for k in range(len(starts)):
        text = body[bounds[k]:bounds[k + 1]]
        snip = highlight.snippet(text, marker, scan_chars=len(text)) if text.strip() else None
        if snip is None:
            continue
        marks = [highlight.folded_tokens(m) for m in _MARKED.findall(snip)]
        rank = (len({w for ws in marks for w in ws}), len(marks))
        if best is None or rank > best[0]:
            best = (rank, snip, k + 1)
    return (best[1], best[2]) if best else (None, None)


def summary(doc: dict, doc_id: str) -> dict:
    """What a result shows about an attachment: format, type, number, issuer, date, parents."""
    info = doc.get("attachment") or {}
    return {
        "id": doc_id,
        "url": doc.get("url"),
        "title": doc.get("title") or "",
        "format": info.get("format"),
        "doc_type": info.get("doc_type"),
        "number": info.get("number"),
        "issuer": info.get("issuer"),
        "issued": info.get("issued"),
        "subject": info.get("subject"),
        "needs_ocr": bool(info.get("needs_ocr")),
        "pages": len(info.get("page_starts") or []) or None,
        "parents": [{"url": p.get("url"), "title": p.get("title") or p.get("link_title") or p.get("url")}
                    for p in doc.get("parents") or []],
    }


def decorate(hit: Hit, doc_id: str, doc: dict, marker: highlight.Marker | None, do_hl: bool) -> Hit:
    """Give an attachment hit its metadata and, for a PDF, the page of its snippet."""
    if doc.get("kind") != "attachment":
        return hit
    hit.kind = "attachment"
    hit.attachment = summary(doc, doc_id)
    if do_hl and marker is not None:
        snip, page = _page_snippet(doc, marker)
        if snip is not None:
            hit.snippet = snip
            hit.attachment["page"] = page
    return hit


def nest(view: View, hits: list[Hit], final, marker: highlight.Marker | None) -> None:
    """Under each page hit, the attachments of that page that match the query too."""
    final_set = final if isinstance(final, (set, frozenset)) else set(final)
    attachments = view.docs("kind", "attachment")
    if not attachments or not final_set:
        return
    for hit in hits:
        if hit.kind == "attachment" or not hit.url:
            continue
        key = normalize_url(hit.url) or hit.url
        found = sorted(view.docs("parents", key) & final_set & attachments)[:NESTED_MAX]
        for d in found:
            doc_id, doc = view.stored(d)
            item = summary(doc, doc_id)
            item.pop("parents", None)
            if marker is not None:
                snip, page = _page_snippet(doc, marker)
                if page is not None:
                    item["page"] = page
                item["snippet"] = snip or highlight.snippet(doc.get("body") or "", marker) or ""
            hit.attachments.append(item)
