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

import contextlib
import functools
import logging
import os
import stat
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from index.refresh import reopen
from ingest.document import Document
from search import attachments, matching, ranking, suggest
from search import hits as hits_mod
from search.cache import trim_heap
from search.facets import intersect
from search.health import Health, IndexDamaged, reading
from search.limits import Limits
from search.model import Hit, QueryError, SearchRequest, SearchResult
from search.postings import View
from search.query import compile_query, parse
from search.storage import open_index

log = logging.getLogger(__name__)


def index_dir(data_dir: Path) -> Path:
    """``<data>/index`` (as index.writer names it; not imported from there because the writer
    module pulls in the whole ingest side, ~0.1 s of every `tracuu search` start-up)."""
    return Path(data_dir) / "index"


#: hits an export builds per turn of the searcher's lock (other searches run in between)
EXPORT_BATCH = 500


class IndexMissing(QueryError):
    pass


def _retry_vanished(method):
    """Run a read once more when a file of the index vanished under it.

    Why: Whoosh opens some segment files lazily (stored fields, columns), and a commit that merges
    segments deletes the merged-away ones' files; a read that began on the generation before can
    then meet ``FileNotFoundError`` — not damage, just a generation gone. The second try opens the
    current generation (the view is no longer up to date, so it is reopened)."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except FileNotFoundError:
            log.debug("index file vanished during %s (a merge committed meanwhile); reading again",
                      method.__name__)
            with self._doc_lock:  # its generation is gone: close it, the retry opens the current one
                old, self._doc_searcher = self._doc_searcher, None
                if old is not None:
                    with contextlib.suppress(Exception):
                        old.close()
            return method(self, *args, **kwargs)
    return wrapper


class Searcher:
    """Search a tracuu data directory. Thread-safe (one lock; Whoosh searchers are not).

    A damaged index does not stop the searcher from opening: :meth:`stats` still answers (with
    ``"health"``), and each search that needs the damaged part raises :class:`IndexDamaged`.
    """

    def __init__(self, data_dir: Path | str, limits: Limits | None = None) -> None:
        self.data_dir = Path(data_dir)
        #: request limits (search.limits): the web passes its own; otherwise TRACUU_* or defaults
        self.limits = limits or Limits.from_env()
        #: damaged segments met so far (search.health), shown by stats()
        self.health = Health(self._segment_files)
        path = index_dir(self.data_dir)
        # what whoosh.index.exists_in checks (a table of contents), without opening the index
        # a first time only to open it again below
        if not (path.is_dir() and any(path.glob("_MAIN_*.toc"))):
            raise IndexMissing(
                f"Chưa có chỉ mục trong {path}. Hãy chạy `tracuu ingest ĐƯỜNG_DẪN --data "
                f"{self.data_dir}` trước. (no index yet)"
            )
        self._lock = threading.RLock()
        self._ix = None
        self._view: View | None = None
        with contextlib.suppress(IndexDamaged):  # recorded in self.health; searches say so
            with self._lock:
                self._fresh()
        # Document look-ups (a document page asks for itself and each related/latest link) use a
        # reader and lock of their own, so they never queue behind a running search.
        self._doc_lock = threading.Lock()
        self._doc_searcher = None

    # -- plumbing ---------------------------------------------------------------------------
    def _fresh(self) -> View:
        """The current view, reopened if a writer committed since (call with the lock held).

        Raises IndexDamaged (and records it) when the index or one of its segments cannot be
        opened; the next call tries again, so a `tracuu reindex` heals a running server."""
        view = self._view
        if view is not None and not self.health.ok and self.health.repaired():
            # files met damaged were replaced since (a repair): read everything again
            view.retire()
            view = self._view = None
            self._ix = None
        with reading(self.health, None, "opening the index"):
            if self._ix is None:
                self._ix = open_index(index_dir(self.data_dir))
            if view is not None:
                if view.searcher.up_to_date():
                    return view
                new = reopen(self._ix, view.searcher)  # not refresh(): index/refresh.py says why
                if new is view.searcher:
                    return view
            else:
                new = self._ix.searcher()
        view = View(new, self.health)
        # A new generation opened, its facet tables read: past problems were about files that
        # are replaced or readable now; damage still present is met and recorded again.
        self.health.clear()
        old, self._view = self._view, view
        if old is not None:
            old.retire()  # its caches go now, its maps and descriptors once no export reads it
            del old
            trim_heap()  # and the pages they took go back to the system (search.cache)
        return view

    def _segment_files(self, segment: str) -> tuple:
        """Names, sizes and mtimes of a segment's files ("index": of every file), for
        :meth:`Health.repaired`."""
        folder = index_dir(self.data_dir)
        prefix = "" if not segment.startswith("MAIN_") else segment
        try:
            return tuple(sorted((p.name, st.st_size, st.st_mtime_ns) for p in folder.iterdir()
                                if p.name.startswith(prefix) for st in [p.stat()]))
        except OSError:
            return ()

    def close(self) -> None:
        with self._lock:
            if self._view is not None:
                self._view.close()
        with self._doc_lock:
            if self._doc_searcher is not None:
                self._doc_searcher.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- searching --------------------------------------------------------------------------
    @_retry_vanished
    def search(self, req: SearchRequest) -> SearchResult:
        """One page of results with facets, highlights and did-you-mean, as the request asks."""
        t0 = time.perf_counter()
        self.limits.check(req)
        parsed = parse(req.q, self.limits.max_query_chars)
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

    @_retry_vanished
    def iter_results(self, req: SearchRequest, limit: int | None = None) -> ResultStream:
        """Every hit in order (no paging), for export: a :class:`ResultStream` whose ``total``
        is known before the first row.

        The match and the ranking run once, under the lock; the hits are then built
        ``EXPORT_BATCH`` at a time, each batch taking the lock only while it reads stored fields,
        so a 100,000-row export lets other searches run between batches (and none while the
        consumer is writing rows out)."""
        self.limits.check(req)
        parsed = parse(req.q, self.limits.max_query_chars)
        with self._lock:
            view = self._fresh()
            compiled = compile_query(parsed, view.prefix_expander, view.is_common)
            final = intersect(matching.match(view, compiled.match),
                              matching.request_filters(view, req).values())
            n = len(final) if limit is None else min(limit, len(final))
            ranked = ranking.rank(view, compiled, final, req.sort, n)[:n]
        return ResultStream(self._lock, view, compiled, ranked, len(final), req.highlight)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[View]:
        """The current index view with the searcher's lock held, for modules that build on the
        split search functions (concordance, trends): they match and read stored fields through
        it. Hold it briefly (a batch at a time); other searches wait meanwhile."""
        with self._lock:
            yield self._fresh()

    # -- documents, stats, completions -----------------------------------------------------
    @_retry_vanished
    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id (None when there is none)."""
        with self._doc_lock:
            s = self._doc_searcher
            if s is None:
                with self._lock:
                    self._fresh()
                    s = self._doc_searcher = self._ix.searcher()
            s = self._doc_searcher = reopen(self._ix, s, close_old=True)
            stored = s.document(id=doc_id)
        return Document.from_json(stored["doc"]) if stored else None

    @_retry_vanished
    def stats(self) -> dict:
        """Counts of the index (documents, sites, categories, years), its size and ``health``."""
        with self._lock:
            try:
                view = self._fresh()
            except IndexDamaged:
                return {"health": self.health.as_dict()}
            # a writer may delete a table of contents or a merged-away segment file between the
            # listing and the stat: such a file no longer counts
            files = [(p, st) for p in index_dir(self.data_dir).iterdir() if (st := _stat(p)) is not None]
            tocs = [st.st_mtime for p, st in files if p.name.startswith("_MAIN_") and p.name.endswith(".toc")]
            last = datetime.fromtimestamp(max(tocs)).astimezone() if tocs else None
            listings = len(view.hidden)
            counts = {
                # every record in the index; listing/home pages are kept but not search results
                "documents": len(view.all_docs) + listings,
                "searchable": len(view.all_docs),
                "listings": listings,
            }
            try:  # facet tables are read on first use: a damaged segment may first show here
                facets = {"sites": view.facets.totals("site", view.all_docs),
                          "categories": view.facets.totals("category", view.all_docs),
                          "years": sorted(view.facets.totals("year", view.all_docs), reverse=True)}
            except IndexDamaged:
                return {**counts, "health": self.health.as_dict()}
            return {
                **counts,
                **facets,
                "last_indexed": last.isoformat(timespec="seconds") if last else None,
                "index_bytes": sum(st.st_size for _p, st in files if stat.S_ISREG(st.st_mode)),
                "health": self.health.as_dict(),
            }

    @_retry_vanished
    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Title completions for what is typed so far (the last word is a prefix)."""
        parsed = suggest.completion_query(prefix)
        if parsed is None:
            return []
        with self._lock:
            return suggest.completions(self._fresh(), parsed, limit)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


class ResultStream:
    """Hits of an export in rank order, built batch by batch; ``total`` is the whole match count
    (``len()`` is the number of rows it will yield, at most the export's limit)."""

    def __init__(self, lock: threading.RLock, view: View, compiled, ranked: list[tuple[int, float]],
                 total: int, highlight: bool) -> None:
        self._lock = lock
        self._view = view
        self._compiled = compiled
        self._ranked = ranked
        self.total = total
        self._highlight = highlight
        # Created under the searcher's lock: a commit from now on retires the view but must not
        # close it before the rows are out (a stream never iterated leaves it to the GC).
        view.borrow()
        self._returned = False

    def __len__(self) -> int:
        return len(self._ranked)

    def __iter__(self) -> Iterator[Hit]:
        marker = hits_mod.marker_for(self._compiled)
        try:
            for i in range(0, len(self._ranked), EXPORT_BATCH):
                with self._lock:
                    batch = [hits_mod.build_hit(self._view, d, s, self._compiled, self._highlight, marker)
                             for d, s in self._ranked[i:i + EXPORT_BATCH]]
                yield from batch
        finally:
            with self._lock:
                if not self._returned:
                    self._returned = True
                    self._view.give_back()


__all__ = ["Searcher", "IndexMissing", "IndexDamaged", "ResultStream", "restore_accents"]

restore_accents = suggest.restore_accents
