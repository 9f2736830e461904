"""Searching the tracuu index: the :class:`Searcher` facade over the search modules.

How a search runs (and why), module by module:

1. :mod:`search.query` parses the text into a match tree and a scoring query.
2. :mod:`search.matching` evaluates the match tree as set algebra over posting sets that
   :mod:`search.postings` reads once per index generation and caches; filters are sets too.
3. :mod:`search.facets` counts each facet as set intersections (each without its own filter).
4. :mod:`search.ranking` orders the final set: BM25 on candidates, pair coverage, contiguity.
5. :mod:`search.hits` loads and highlights only the page's hits.
6. :mod:`search.suggest` offers did-you-mean and title completions.

The searcher owns the one Whoosh searcher (not thread-safe) behind a lock, swaps in a fresh
:class:`search.postings.View` when a writer commits, and validates requests.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from whoosh import index as whoosh_index

from index.writer import index_dir
from ingest.document import Document
from search import attachments, matching, ranking, suggest
from search import hits as hits_mod
from search.facets import intersect
from search.model import SORTS, Hit, QueryError, SearchRequest, SearchResult
from search.postings import View
from search.query import compile_query, parse

log = logging.getLogger(__name__)

MAX_PER_PAGE = 100
MAX_PAGE = 1000


class IndexMissing(QueryError):
    pass


class Searcher:
    """Search a tracuu data directory. Thread-safe (one lock; Whoosh searchers are not)."""

    def __init__(self, data_dir: Path | str) -> None:
        self.data_dir = Path(data_dir)
        path = index_dir(self.data_dir)
        if not whoosh_index.exists_in(str(path)):
            raise IndexMissing(
                f"Chưa có chỉ mục trong {path}. Hãy chạy `tracuu ingest ĐƯỜNG_DẪN --data "
                f"{self.data_dir}` trước. (no index yet)"
            )
        self._ix = whoosh_index.open_dir(str(path))
        self._lock = threading.RLock()
        self._view = View(self._ix.searcher())
        # Document look-ups (a document page asks for itself and each related/latest link) use a
        # reader and lock of their own, so they never queue behind a running search.
        self._doc_lock = threading.Lock()
        self._doc_searcher = self._ix.searcher()

    # -- plumbing ---------------------------------------------------------------------------
    def _fresh(self) -> View:
        """The current view, reopened if a writer committed since."""
        s = self._view.searcher
        if not s.up_to_date():
            new = s.refresh()
            if new is not s:
                self._view = View(new)
        return self._view

    def close(self) -> None:
        with self._lock:
            self._view.searcher.close()
        with self._doc_lock:
            self._doc_searcher.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- searching --------------------------------------------------------------------------
    def search(self, req: SearchRequest) -> SearchResult:
        t0 = time.perf_counter()
        _validate(req)
        parsed = parse(req.q)
        with self._lock:
            view = self._fresh()
            compiled = compile_query(parsed, view.prefix_expander, view.is_common)
            matched = matching.match(view, compiled.match)
            filters = matching.request_filters(view, req)
            final = intersect(matched, filters.values())
            facets = view.facets.counts(matched, filters) if req.facets else {}
            start = (req.page - 1) * req.per_page
            ranked = ranking.rank(view, compiled, final, req.sort, start + req.per_page)
            page = ranked[start:start + req.per_page]
            marker = hits_mod.marker_for(compiled)
            hits = [hits_mod.build_hit(view, d, score, compiled, req.highlight, marker) for d, score in page]
            # a page's matching attachments are shown under it even when results are pages only
            nest_pool = final if "kind" not in filters else intersect(
                matched, [v for k, v in filters.items() if k != "kind"])
            attachments.nest(view, hits, nest_pool, marker if req.highlight else None)
            suggestion = suggest.did_you_mean(view, parsed, len(final))
        took = (time.perf_counter() - t0) * 1000
        return SearchResult(request=req, total=len(final), took_ms=took, hits=hits, facets=facets,
                            suggestion=suggestion)

    def iter_results(self, req: SearchRequest, limit: int | None = None) -> Iterator[Hit]:
        """Every hit in order (no paging), for export."""
        _validate(req)
        parsed = parse(req.q)
        with self._lock:
            view = self._fresh()
            compiled = compile_query(parsed, view.prefix_expander, view.is_common)
            final = intersect(matching.match(view, compiled.match),
                              matching.request_filters(view, req).values())
            n = len(final) if limit is None else min(limit, len(final))
            ranked = ranking.rank(view, compiled, final, req.sort, n)
            hits = [hits_mod.build_hit(view, d, s, compiled, req.highlight) for d, s in ranked[:n]]
        yield from hits

    # -- documents, stats, completions -----------------------------------------------------
    def get(self, doc_id: str) -> Document | None:
        with self._doc_lock:
            s = self._doc_searcher
            if not s.up_to_date():
                new = s.refresh()
                if new is not s:
                    s.close()
                    s = self._doc_searcher = new
            stored = s.document(id=doc_id)
        return Document.from_json(stored["doc"]) if stored else None

    def stats(self) -> dict:
        with self._lock:
            view = self._fresh()
            toc = sorted(index_dir(self.data_dir).glob("_MAIN_*.toc"), key=lambda p: p.stat().st_mtime)
            last = datetime.fromtimestamp(toc[-1].stat().st_mtime).astimezone() if toc else None
            listings = len(view.hidden)
            return {
                # every record in the index; listing/home pages are kept but not search results
                "documents": len(view.all_docs) + listings,
                "searchable": len(view.all_docs),
                "listings": listings,
                "sites": view.facets.totals("site", view.all_docs),
                "categories": view.facets.totals("category", view.all_docs),
                "years": sorted(view.facets.totals("year", view.all_docs), reverse=True),
                "last_indexed": last.isoformat(timespec="seconds") if last else None,
                "index_bytes": sum(p.stat().st_size for p in index_dir(self.data_dir).iterdir() if p.is_file()),
            }

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Title completions for what is typed so far (the last word is a prefix)."""
        parsed = suggest.completion_query(prefix)
        if parsed is None:
            return []
        with self._lock:
            return suggest.completions(self._fresh(), parsed, limit)


def _validate(req: SearchRequest) -> None:
    if req.sort not in SORTS:
        raise QueryError(f"Cách sắp xếp “{req.sort}” không hợp lệ; dùng một trong: {', '.join(SORTS)}. "
                         "(invalid sort)")
    if not isinstance(req.page, int) or req.page < 1 or req.page > MAX_PAGE:
        raise QueryError(f"Số trang phải từ 1 đến {MAX_PAGE} (nhận được {req.page}). (invalid page)")
    if not isinstance(req.per_page, int) or not 1 <= req.per_page <= MAX_PER_PAGE:
        raise QueryError(f"Số kết quả mỗi trang phải từ 1 đến {MAX_PER_PAGE} (nhận được {req.per_page}). "
                         "(invalid per_page)")
    if req.kind is not None and req.kind not in attachments.KINDS:
        raise QueryError(f"Loại tài liệu “{req.kind}” không hợp lệ; dùng một trong: {', '.join(attachments.KINDS)}. "
                         "(invalid kind)")
    for y in req.year:
        if not isinstance(y, int) or not 1000 <= y <= 9999:
            raise QueryError(f"Năm “{y}” không hợp lệ. (invalid year)")


__all__ = ["Searcher", "IndexMissing", "restore_accents"]

restore_accents = suggest.restore_accents
