"""Turning a ranked document number into a :class:`search.model.Hit`: stored fields, snippet,
highlighted title.

Why only here: loading and highlighting a document is the most expensive step per result, so
the searcher builds hits only for the page being shown (or, for exports, batch by batch).

Public surface: :func:`build_hit`, :func:`indexed_texts`, :func:`marker_for`.
"""

from __future__ import annotations

from ingest.document import parse_iso
from search import attachments, highlight
from search.model import Hit
from search.postings import View
from search.query import CompiledQuery


def indexed_texts(doc: dict, *, title: bool) -> list[str]:
    """The texts of a stored document that were indexed, body capped at the highlighter's scan
    length: (title,) summary, body, image captions, attachment titles."""
    parts = [doc.get("title") or ""] if title else []
    return parts + [doc.get("summary") or "", (doc.get("body") or "")[:highlight.MAX_SCAN_CHARS],
                    *[i.get("caption") or "" for i in doc.get("images") or []],
                    *[a.get("title") or "" for a in doc.get("attachments") or []]]


def marker_for(compiled: CompiledQuery) -> highlight.Marker:
    """The highlighter's view of a query: its terms and prefixes."""
    return highlight.Marker(frozenset(compiled.highlight_terms), compiled.highlight_prefixes_f,
                            compiled.highlight_prefixes_e)


def build_hit(view: View, docnum: int, score: float, compiled: CompiledQuery, do_hl: bool,
              marker: highlight.Marker | None = None) -> Hit:
    """The result record of one document; with ``do_hl`` a snippet around the matched words
    (from any indexed text, so a match in a caption still gets its snippet) and a marked title."""
    doc_id, doc = view.stored(docnum)
    return hit_from(doc_id, doc, score, compiled, do_hl, marker)


def hit_from(doc_id: str, doc: dict, score: float, compiled: CompiledQuery, do_hl: bool,
             marker: highlight.Marker | None = None) -> Hit:
    """:func:`build_hit` from a stored document dict (any backend: the SphinxQL one reads the
    document from the engine and highlights it here, the same way)."""
    title = doc.get("title") or ""
    if do_hl:
        marker = marker or marker_for(compiled)
        parts = [p for p in indexed_texts(doc, title=False) if p]
        text = "\n\n".join(parts)
        snip = highlight.snippet(text, marker, scan_chars=len(text), folded=highlight.folded_join(parts))
        if snip is None:
            snip = highlight.plain_snippet(doc.get("summary") or doc.get("body") or "")
        title_html = highlight.highlight_all(title, marker)
    else:
        snip = highlight.plain_snippet(doc.get("summary") or doc.get("body") or "")
        title_html = highlight.highlight_all(title, highlight.Marker(frozenset()))
    hit = Hit(id=doc_id, url=doc.get("url"), title=title,
              published=parse_iso(doc.get("published")), site=doc.get("site"),
              category=list(doc.get("category") or []), score=float(score), snippet=snip,
              title_html=title_html)
    return attachments.decorate(hit, doc_id, doc, marker, do_hl)
