"""Searching the tracuu index: matching, filters, facets, sorting, highlights and did-you-mean.

How a search runs (and why):

1. The query text is parsed into a match tree and a scoring query (:mod:`search.query`).
2. The match tree is evaluated as set algebra over posting sets cached per index generation.
   That is exact (minimum-should-match for long queries, phrases verified on positions only for
   candidates already holding every bigram) and cheap to reuse.
3. Filters (site, category, year, date range) are sets too, from facet tables read once from the
   index's own lexicons. Facet counts are set intersections of the match set with every filter
   *except the facet's own*, so choosing a site still shows the other sites' counts. Whoosh's
   ``groupedby`` would score every match (4× slower, whoosh.md pitfall 8).
4. Relevance ranking uses Whoosh BM25 on the flat scoring query, restricted to the final set.
   When that set is small we score it directly (the same Whoosh scorers, summed with the same
   boosts), which avoids walking the long posting lists of common syllables.
5. Only the page's hits are loaded and highlighted.
"""

from __future__ import annotations

import heapq
import json
import logging
import math
import threading
import time
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length
from whoosh.util.times import datetime_to_long

from index import analysis
from index.refresh import reopen
from index.schema import CATEGORY_SEP, utc_naive
from index.writer import index_dir
from ingest.document import Document, parse_iso
from search import deadline, highlight
from search.dates import date_range
from search.model import SORTS, Hit, QueryError, SearchRequest, SearchResult
from search.query import (
    AllOf,
    AnyOf,
    AtLeast,
    CompiledQuery,
    Everything,
    FacetValue,
    MatchSpec,
    ParsedQuery,
    PhraseIn,
    PrefixAny,
    TermsAny,
    Without,
    compile_query,
    parse,
)

log = logging.getLogger(__name__)

MAX_PER_PAGE = 100
MAX_PAGE = 1000
#: did-you-mean is offered when a plain query has fewer hits than this (or has no accents at all)
SUGGEST_BELOW = 10
_MISSING_DATE = 2**64 - 1
#: cached postings (entries in all cached {doc: tf} dicts) before the cache is dropped
_POSTINGS_BUDGET = 8_000_000  # ids + frequencies as arrays: ~8 bytes each, ~64 MB
#: entries in all cached posting *sets* (membership) before the least recently used are dropped
_SETS_BUDGET = 2_000_000
_BYTE_TO_LENGTH = [0] + [byte_to_length(b) for b in range(1, 256)]
#: share of documents above which a syllable is "common" in long queries (0.03–0.15 gave the
#: same dev MRR; 0.05 keeps long posting lists out of long queries)
COMMON_SHARE = 0.05
#: BM25 parameters (Whoosh's BM25F defaults, so boosts keep their meaning)
_K1 = 1.2
_B = 0.75
#: a term whose postings are longer than this is "common": it is scored only on candidates
_SELECTIVE_DF = 2000
#: a quoted phrase of 3+ words is checked on positions when at most this many pages hold its pairs
PHRASE_VERIFY_MAX = 300
#: up to this many documents, long uncached posting lists are skipped through, not read whole
SPARSE_DOCS = 64
#: how many candidates the full score is computed for when the match set is large
CANDIDATES = 400
#: weight of the share of the query's adjacent pairs a document holds
W_COVERAGE = 1.0
#: how many of the best candidates get the (position-based) contiguity bonus, and its weight
CONTIGUITY_DEPTH = 20
W_CONTIGUITY = 2.0
_PREFIX_CAP = 400


class IndexMissing(QueryError):
    pass


class _View:
    """Everything derived from one index generation: reader, facet tables, posting caches."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self._cache: OrderedDict[tuple[str, str], frozenset[int]] = OrderedDict()
        self._cache_size = 0
        self._postings: OrderedDict[tuple[str, str], tuple[array, array]] = OrderedDict()
        self._postings_size = 0
        self._lengths: dict[str, list[int]] = {}
        #: did-you-mean statistics read so far (prefix → {exact: log df})
        self.sugg_cache: dict[str, dict[str, float]] = {}
        # Listing and home pages are kept in the index (archive) but are not search results.
        self.hidden = self.docs("kind", "listing")
        self.all_docs = frozenset(self.reader.all_doc_ids()) - self.hidden
        self.tables: dict[str, dict[str, frozenset[int]]] = {
            name: self._table(name) for name in ("site", "category", "year")
        }
        self._pub: list[int] | None = None
        self._lower: dict[str, dict[str, list[str]]] = {}

    def _table(self, fieldname: str) -> dict[str, frozenset[int]]:
        out: dict[str, frozenset[int]] = {}
        if fieldname not in self.reader.schema:
            return out
        for btext in self.reader.lexicon(fieldname):
            value = btext.decode("utf-8") if isinstance(btext, bytes) else btext
            docs = frozenset(self.reader.postings(fieldname, value).all_ids())
            if docs:
                out[value] = docs
        return out

    # -- postings ---------------------------------------------------------------------------
    def docs(self, fieldname: str, term: str) -> frozenset[int]:
        """The set of documents holding a term (cached, least recently used dropped first)."""
        key = (fieldname, term)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        docs = frozenset(self.postings(fieldname, term)[0])
        self._cache[key] = docs
        self._cache_size += len(docs)
        while self._cache_size > _SETS_BUDGET and len(self._cache) > 1:
            _k, old = self._cache.popitem(last=False)
            self._cache_size -= len(old)
        return docs

    def postings(self, fieldname: str, term: str) -> tuple[array, array]:
        """``(docnums, term frequencies)`` of a term as sorted arrays, read once per index
        generation and kept in an LRU cache.

        Reads Whoosh's posting blocks as arrays instead of stepping a matcher one posting at a
        time; falls back to the public matcher API for anything unexpected.
        """
        key = (fieldname, term)
        hit = self._postings.get(key)
        if hit is not None:
            self._postings.move_to_end(key)
            return hit
        ids: array = array("i")
        weights: array = array("f")
        for leaf, base in self.reader.leaf_readers():
            try:
                if not leaf.doc_frequency(fieldname, term):
                    continue
                m = leaf.postings(fieldname, term)
            except Exception:  # TermNotFound and friends: absent term or field
                continue
            _read_postings(m, base, ids, weights)
        got = (ids, weights)
        self._postings[key] = got
        self._postings_size += len(ids)
        while self._postings_size > _POSTINGS_BUDGET and len(self._postings) > 1:
            _k, (old, _w) = self._postings.popitem(last=False)
            self._postings_size -= len(old)
        return got

    def lengths(self, fieldname: str) -> list[int]:
        """Field length (tokens) of every document, for BM25 (read once per index generation).

        Reads each segment's length column as raw bytes (one byte per document, Whoosh's
        ``length_to_byte`` code) instead of 40k ``doc_field_length`` calls."""
        got = self._lengths.get(fieldname)
        if got is None:
            got = []
            for leaf, _base in self.reader.leaf_readers():
                n = leaf.doc_count_all()
                try:
                    col = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                    raw = col._dbfile.get(col._basepos, col._count) if col is not None else b""
                    part = [_BYTE_TO_LENGTH[b] for b in raw] + [0] * (n - len(raw))
                except Exception:  # another codec: the public, slower way
                    dfl = leaf.doc_field_length
                    part = [dfl(d, fieldname, 0) or 0 for d in range(n)]
                got.extend(part)
            self._lengths[fieldname] = got
        return got

    def expand(self, fieldname: str, prefix: str, limit: int = _PREFIX_CAP) -> list[str]:
        out: list[str] = []
        for btext in self.reader.expand_prefix(fieldname, prefix):
            out.append(btext.decode("utf-8") if isinstance(btext, bytes) else btext)
            if len(out) >= limit:
                break
        return out

    def is_common(self, folded: str) -> bool:
        """In more than ``COMMON_SHARE`` of the documents' bodies (see search.query.compile_query)."""
        return _df(self, "body_f", folded) > COMMON_SHARE * max(1, len(self.all_docs))

    def prefix_expander(self, pairs: list[tuple[str, str]], limit: int) -> list[tuple[str, str]]:
        """The ``limit`` most frequent expansions of (field, prefix) pairs, for scoring."""
        found: list[tuple[int, str, str]] = []
        for fname, prefix in pairs:
            for term in self.expand(fname, prefix):
                found.append((self.reader.doc_frequency(fname, term), fname, term))
        found.sort(reverse=True)
        return [(f, t) for _df, f, t in found[:limit]]

    @property
    def pub(self) -> list[int]:
        if self._pub is None:
            n = self.reader.doc_count_all()
            if "published" in self.reader.schema and n and self.reader.has_column("published"):
                col = self.reader.column_reader("published", translate=False)
                self._pub = [col[i] for i in range(n)]
            else:
                self._pub = [_MISSING_DATE] * n
        return self._pub

    # -- match tree ------------------------------------------------------------------------
    def match(self, spec: MatchSpec):
        """Documents matching ``spec``, without hidden (listing) pages."""
        found = self.eval(spec)
        return found - self.hidden if self.hidden else found

    def eval(self, spec: MatchSpec) -> frozenset[int] | set[int]:
        if isinstance(spec, TermsAny):
            sets = [self.docs(f, t) for f, t in spec.terms]
            return sets[0] if len(sets) == 1 else frozenset().union(*sets)
        if isinstance(spec, PrefixAny):
            sets = [self.docs(f, t) for f, p in spec.prefixes for t in self.expand(f, p)]
            return frozenset().union(*sets) if sets else frozenset()
        deadline.check()
        if isinstance(spec, AllOf):
            parts = sorted((self.eval(p) for p in spec.parts), key=len)
            out = set(parts[0])
            for p in parts[1:]:
                if not out:
                    break
                out &= p
            return out
        if isinstance(spec, AnyOf):
            return frozenset().union(*(self.eval(p) for p in spec.parts))
        if isinstance(spec, AtLeast):
            counts: Counter[int] = Counter()
            for p in spec.parts:
                counts.update(self.eval(p))
            return {d for d, n in counts.items() if n >= spec.count}
        if isinstance(spec, Without):
            return set(self.eval(spec.positive)) - self.eval(spec.negative)
        if isinstance(spec, Everything):
            return self.all_docs
        if isinstance(spec, PhraseIn):
            return self._phrase(spec)
        if isinstance(spec, FacetValue):
            return self.facet_docs(spec.dimension, spec.values)
        raise TypeError(f"unknown match spec {spec!r}")

    def _phrase(self, spec: PhraseIn) -> set[int]:
        found = self.eval(spec.candidates)
        if not found:
            return set()
        if len(spec.steps) == 2 or len(found) > PHRASE_VERIFY_MAX:
            # Two words: the pair posting *is* adjacency (B never spans punctuation, so it is even
            # stricter than positions). Many candidates of a longer phrase: every adjacent pair is
            # there; checking positions in thousands of pages would cost more than it corrects.
            # Either way accented words must be spelled exactly: intersect their E sets.
            return self._exact_words(spec, found)
        cands = sorted(self._exact_words(spec, found))
        matchers = []
        for step in spec.steps:
            fname, term = step[-1]
            try:
                matchers.append(self.reader.postings(fname, term))
            except Exception:
                return set()
        out: set[int] = set()
        n = len(matchers)
        for i, doc in enumerate(cands):
            if not i % 256:
                deadline.check()
            positions: list[set[int]] = []
            for m in matchers:
                if m.is_active() and m.id() < doc:
                    m.skip_to(doc)
                if not m.is_active() or m.id() != doc:
                    break
                positions.append(set(m.value_as("positions")))
            if len(positions) != n:
                continue
            first = positions[0]
            if any(all((p + k) in positions[k] for k in range(1, n)) for p in first):
                out.add(doc)
        return out

    def _exact_words(self, spec: PhraseIn, found) -> set[int]:
        """``found`` narrowed to documents holding every accented word of the phrase as spelled."""
        out = set(found)
        for step in spec.steps:
            fname, term = step[0]
            if fname.endswith("_e"):
                out &= self.docs(fname, term)
        return out

    # -- facets and filters ---------------------------------------------------------------
    def _lowered(self, dimension: str) -> dict[str, list[str]]:
        low = self._lower.get(dimension)
        if low is None:
            low = {}
            for value in self.tables[dimension]:
                low.setdefault(_key(value), []).append(value)
            self._lower[dimension] = low
        return low

    def facet_docs(self, dimension: str, values: Iterable[str]) -> frozenset[int]:
        table = self.tables[dimension]
        lowered = self._lowered(dimension)
        sets: list[frozenset[int]] = []
        for raw in values:
            v = _key(raw)
            if dimension == "category":
                v = _key(CATEGORY_SEP.join(p.strip() for p in v.replace(" > ", "/").split("/")))
            for actual in lowered.get(v, []):
                sets.append(table[actual])
            if dimension == "site" and v:
                # "bacninh.gov.vn" also matches "cchc.bacninh.gov.vn"
                sets += [table[s] for k, ss in lowered.items() if k.endswith("." + v) for s in ss]
        return frozenset().union(*sets) if sets else frozenset()

    def date_docs(self, start: datetime | None, end: datetime | None) -> frozenset[int]:
        lo = datetime_to_long(utc_naive(start)) if start else -1
        hi = datetime_to_long(utc_naive(end)) if end else _MISSING_DATE - 1
        pub = self.pub
        return frozenset(d for d in self.all_docs if lo <= pub[d] <= hi)


def _key(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


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
        self._view = _View(self._ix.searcher())
        # Document look-ups (a document page asks for itself and each related/latest link) use a
        # reader and lock of their own, so they never queue behind a running search.
        self._doc_lock = threading.Lock()
        self._doc_searcher = self._ix.searcher()

    # -- plumbing ---------------------------------------------------------------------------
    def _fresh(self) -> _View:
        """The current view, reopened if a writer committed since."""
        s = self._view.searcher
        if not s.up_to_date():
            new = reopen(self._ix, s)  # not s.refresh(): index/refresh.py says why
            if new is not s:
                self._view = _View(new)
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
            matched = view.match(compiled.match)
            filters = self._filters(view, req)
            final = _intersect(matched, filters.values())
            facets = self._facets(view, matched, filters) if req.facets else {}
            start = (req.page - 1) * req.per_page
            ranked = self._rank(view, compiled, final, req.sort, start + req.per_page)
            page = ranked[start:start + req.per_page]
            hits = [self._hit(view, d, score, compiled, req.highlight) for d, score in page]
            suggestion = self._suggestion(view, parsed, len(final))
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
            final = _intersect(view.match(compiled.match), self._filters(view, req).values())
            n = len(final) if limit is None else min(limit, len(final))
            ranked = self._rank(view, compiled, final, req.sort, n)
            hits = [self._hit(view, d, s, compiled, req.highlight) for d, s in ranked[:n]]
        yield from hits

    def _filters(self, view: _View, req: SearchRequest) -> dict[str, frozenset[int]]:
        out: dict[str, frozenset[int]] = {}
        if req.site:
            out["site"] = view.facet_docs("site", req.site)
        if req.category:
            out["category"] = view.facet_docs("category", req.category)
        if req.year:
            out["year"] = view.facet_docs("year", [str(y) for y in req.year])
        if req.date_from or req.date_to:
            start, end = date_range(req.date_from, req.date_to)
            out["date"] = view.date_docs(start, end)
        return out

    def _facets(self, view: _View, matched, filters: dict[str, frozenset[int]]) -> dict[str, list[tuple[str, int]]]:
        out: dict[str, list[tuple[str, int]]] = {}
        for dim in ("site", "category", "year"):
            base = _intersect(matched, [s for k, s in filters.items() if k != dim])
            counts = []
            if base:
                for value, docs in view.tables[dim].items():
                    n = len(base & docs) if len(base) > len(docs) else len(docs & base)
                    if n:
                        counts.append((value, n))
            if dim == "year":
                counts.sort(key=lambda vc: vc[0], reverse=True)
            else:
                counts.sort(key=lambda vc: (-vc[1], vc[0]))
            out[dim] = counts
        return out

    def _rank(self, view: _View, compiled: CompiledQuery, final, sort: str, n: int) -> list[tuple[int, float]]:
        if not final or n <= 0:
            return []
        if sort == "relevance" and compiled.score is not None:
            ranked = self._score(view, compiled, final, n)
            if len(ranked) < n and len(ranked) < len(final):
                seen = {d for d, _ in ranked}
                rest = [d for d in final if d not in seen]
                ranked += [(d, 0.0) for d in _by_date(view, rest, newest=True, n=n - len(ranked))]
            return ranked
        newest = sort != "oldest"
        return [(d, 0.0) for d in _by_date(view, final, newest=newest, n=n)]

    def _score(self, view: _View, compiled: CompiledQuery, final, n: int) -> list[tuple[int, float]]:
        """BM25 over the match set, re-ranked by adjacency of the query's words.

        1. Candidates: when the match set is large, documents are first ranked by the *selective*
           terms only (title and bigram terms, and body terms in fewer than ``_SELECTIVE_DF``
           documents) plus how many of the query's adjacent pairs they hold; the best
           ``CANDIDATES`` get the full score. Common syllables (``của``, ``và``) would otherwise
           cost a Python step per posting for little ranking information. Whoosh's own collector
           was measured slower than this for our many-clause queries.
        2. Full BM25 (Whoosh's BM25F formula and idf, same boosts) on the candidates.
        3. ``× (1 + W_COVERAGE × share of adjacent pairs held)``, then, for the best
           ``CONTIGUITY_DEPTH``, ``× (1 + W_CONTIGUITY × contiguity²)`` from positions: a phrase
           remembered without quotes puts its page first.
        """
        terms = _terms_of(compiled.score)
        final_set = final if isinstance(final, (set, frozenset)) else set(final)
        coverage: Counter[int] = Counter()
        for bg in compiled.bigrams:
            docs = view.docs("title_b", bg) | view.docs("body_b", bg)
            coverage.update(docs & final_set if len(docs) < len(final_set) else final_set & docs)
        if len(final_set) <= CANDIDATES:
            candidates = list(final_set)
        else:
            selective = [t for t in terms if _df(view, t[0], t[1]) <= _SELECTIVE_DF or t[0].endswith("_b")]
            pre = _bm25(view, selective, final_set)
            if compiled.bigrams:
                total = len(compiled.bigrams)
                for d, c in coverage.items():
                    pre[d] = pre.get(d, 0.0) * (1.0 + W_COVERAGE * c / total) + 1e-6 * c
            candidates = [d for d, _s in heapq.nlargest(CANDIDATES, pre.items(), key=lambda ds: (ds[1], -ds[0]))]
            if len(candidates) < CANDIDATES:
                candidates += _fill(view, terms, final_set, set(candidates), CANDIDATES - len(candidates))
        scores = _bm25(view, terms, candidates)
        for d in candidates:
            scores.setdefault(d, 0.0)
        if not compiled.bigrams:
            return heapq.nlargest(n, scores.items(), key=lambda ds: (ds[1], -ds[0]))
        total = len(compiled.bigrams)
        combined = {d: s * (1.0 + W_COVERAGE * coverage.get(d, 0) / total) for d, s in scores.items()}
        top = heapq.nlargest(max(n, CONTIGUITY_DEPTH), combined.items(), key=lambda ds: (ds[1], -ds[0]))
        runs = _longest_runs_in_text(view, compiled.chains, [d for d, _s in top[:CONTIGUITY_DEPTH]])
        final_scores = [(d, s * (1.0 + W_CONTIGUITY * runs.get(d, 0.0))) for d, s in top]
        return heapq.nlargest(n, final_scores, key=lambda ds: (ds[1], -ds[0]))

    def _hit(self, view: _View, docnum: int, score: float, compiled: CompiledQuery, do_hl: bool) -> Hit:
        stored = view.searcher.stored_fields(docnum)
        doc = json.loads(stored["doc"])
        title = doc.get("title") or ""
        marker = highlight.Marker(frozenset(compiled.highlight_terms), compiled.highlight_prefixes_f,
                                  compiled.highlight_prefixes_e)
        if do_hl:
            # The text that was indexed (summary, body, captions, attachment titles), with the
            # body capped, so a match in a caption still gets its snippet.
            text = "\n\n".join(p for p in [doc.get("summary") or "", (doc.get("body") or "")[:highlight.MAX_SCAN_CHARS],
                                            *[i.get("caption") or "" for i in doc.get("images") or []],
                                            *[a.get("title") or "" for a in doc.get("attachments") or []]] if p)
            snip = highlight.snippet(text, marker, scan_chars=len(text))
            if snip is None:
                snip = highlight.plain_snippet(doc.get("summary") or doc.get("body") or "")
            title_html = highlight.highlight_all(title, marker)
        else:
            snip = highlight.plain_snippet(doc.get("summary") or doc.get("body") or "")
            title_html = highlight.highlight_all(title, highlight.Marker(frozenset()))
        return Hit(id=stored.get("id") or "", url=doc.get("url"), title=title,
                   published=parse_iso(doc.get("published")), site=doc.get("site"),
                   category=list(doc.get("category") or []), score=float(score), snippet=snip,
                   title_html=title_html)

    # -- did-you-mean -----------------------------------------------------------------------
    def _suggestion(self, view: _View, parsed: ParsedQuery, total: int) -> str | None:
        if not parsed.is_plain:
            return None
        sylls = [s for u in parsed.units for s in u.syllables]
        if not sylls or len(sylls) > 12:
            return None
        accented = [analysis.is_accented(s.exact) for s in sylls]
        if all(accented) or (any(accented) and total >= SUGGEST_BELOW):
            return None
        if total >= SUGGEST_BELOW and not _no_accents(parsed):
            return None
        restored = restore_accents(view, [s.exact for s in sylls], accented)
        if restored is None:
            return None
        original = " ".join(s.exact for s in sylls)
        return None if restored == original else restored

    # -- documents, stats, completions -----------------------------------------------------
    def get(self, doc_id: str) -> Document | None:
        with self._doc_lock:
            s = self._doc_searcher = reopen(self._ix, self._doc_searcher)
            stored = s.document(id=doc_id)
        return Document.from_json(stored["doc"]) if stored else None

    def stats(self) -> dict:
        with self._lock:
            view = self._fresh()
            toc = sorted(index_dir(self.data_dir).glob("_MAIN_*.toc"), key=lambda p: p.stat().st_mtime)
            last = datetime.fromtimestamp(toc[-1].stat().st_mtime).astimezone() if toc else None

            def counts(dim: str) -> list[tuple[str, int]]:
                c = [(v, len(d & view.all_docs)) for v, d in view.tables[dim].items()]
                return sorted([vc for vc in c if vc[1]], key=lambda vc: (-vc[1], vc[0]))

            listings = len(view.hidden)
            return {
                # every record in the index; listing/home pages are kept but not search results
                "documents": len(view.all_docs) + listings,
                "searchable": len(view.all_docs),
                "listings": listings,
                "sites": counts("site"),
                "categories": counts("category"),
                "years": sorted(counts("year"), reverse=True),
                "last_indexed": last.isoformat(timespec="seconds") if last else None,
                "index_bytes": sum(p.stat().st_size for p in index_dir(self.data_dir).iterdir() if p.is_file()),
            }

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Title completions for what is typed so far (the last word is a prefix)."""
        text = " ".join((prefix or "").split())[:200]
        if not analysis.analyze(text):
            return []
        words = text.split()
        if len(analysis.fold(words[-1])) >= 2 and not words[-1].endswith("*"):
            words[-1] += "*"
        try:
            parsed = parse(" ".join(f"title:{w}" for w in words))
        except QueryError:
            return []
        out: list[str] = []
        seen: set[str] = set()
        with self._lock:
            view = self._fresh()
            compiled = compile_query(parsed, view.prefix_expander, view.is_common)
            final = view.match(compiled.match)
            for d, _s in self._rank(view, compiled, final, "relevance", max(limit * 3, limit)):
                title = json.loads(view.searcher.stored_fields(d)["doc"]).get("title") or ""
                key = _key(title)
                if title and key not in seen:
                    seen.add(key)
                    out.append(title)
                if len(out) >= limit:
                    break
        return out


# ---------------------------------------------------------------------------------------------
def _validate(req: SearchRequest) -> None:
    if req.sort not in SORTS:
        raise QueryError(f"Cách sắp xếp “{req.sort}” không hợp lệ; dùng một trong: {', '.join(SORTS)}. "
                         "(invalid sort)")
    if not isinstance(req.page, int) or req.page < 1 or req.page > MAX_PAGE:
        raise QueryError(f"Số trang phải từ 1 đến {MAX_PAGE} (nhận được {req.page}). (invalid page)")
    if not isinstance(req.per_page, int) or not 1 <= req.per_page <= MAX_PER_PAGE:
        raise QueryError(f"Số kết quả mỗi trang phải từ 1 đến {MAX_PER_PAGE} (nhận được {req.per_page}). "
                         "(invalid per_page)")
    for y in req.year:
        if not isinstance(y, int) or not 1000 <= y <= 9999:
            raise QueryError(f"Năm “{y}” không hợp lệ. (invalid year)")


def _intersect(base, sets: Iterable[frozenset[int]]):
    out = base
    for s in sorted(sets, key=len):
        out = (out & s) if len(out) <= len(s) else (s & out)
        if not out:
            break
    return out


def _by_date(view: _View, docs, newest: bool, n: int) -> list[int]:
    pub = view.pub
    if newest:
        return heapq.nlargest(n, docs, key=lambda d: (pub[d] if pub[d] != _MISSING_DATE else -1, -d))
    return heapq.nsmallest(n, docs, key=lambda d: (pub[d], d))


def _no_accents(parsed: ParsedQuery) -> bool:
    return not any(analysis.is_accented(s.exact) for u in parsed.units for s in u.syllables)


def _terms_of(q: wq.Query) -> list[tuple[str, str, float]]:
    if isinstance(q, wq.Term):
        return [(q.fieldname, q.text, q.boost)]
    out: list[tuple[str, str, float]] = []
    for sub in q.children():
        out += [(f, t, b * q.boost) for f, t, b in _terms_of(sub)]
    return out


def _longest_runs_in_text(view: _View, chains: list[list[str]], docs: list[int]) -> dict[int, float]:
    """Same measure as :func:`_longest_runs`, computed on the stored text of the few candidates.

    Reading positions from the index meant stepping through every block of the longest posting
    lists (common syllables); folding and tokenising 20 stored pages is several times cheaper.
    Tokens are the F-field syllables (folded, i/y rule); title and body never form one run.
    """
    out: dict[int, float] = {}
    chains = [c for c in chains if len(c) >= 3]  # one pair: the coverage factor says it all
    if not chains or not docs:
        return out
    for d in docs:
        deadline.check()
        doc = json.loads(view.searcher.stored_fields(d)["doc"])
        parts = [doc.get("title") or "", doc.get("summary") or "", (doc.get("body") or "")[:highlight.MAX_SCAN_CHARS],
                 *[i.get("caption") or "" for i in doc.get("images") or []],
                 *[a.get("title") or "" for a in doc.get("attachments") or []]]
        tokens: list[str] = []
        for part in parts:
            tokens += highlight.folded_tokens(part)
            tokens.append("")  # no run across parts
        for chain in chains:
            where: dict[str, list[int]] = {}
            for i, w in enumerate(chain):
                where.setdefault(w, []).append(i)
            positions: list[set[int]] = [set() for _ in chain]
            for j, tok in enumerate(tokens):
                for i in where.get(tok, ()):
                    positions[i].add(j)
            value = ((_longest_run(positions) - 1) / (len(chain) - 1)) ** 2
            if value > out.get(d, 0.0):
                out[d] = value
    return out


def _longest_runs(view: _View, chains: list[list[str]], docs: list[int]) -> dict[int, float]:
    """For each doc, ``((longest run of consecutive query syllables found contiguously) - 1) /
    (chain length - 1)``, squared: 1.0 when the whole typed phrase occurs verbatim (folded)."""
    out: dict[int, float] = {}
    if not chains or not docs:
        return out
    order = sorted(docs)
    reader = view.reader
    for chain in chains:
        if len(chain) < 3:  # one pair: the coverage factor already says everything
            continue
        span = len(chain) - 1
        for fname in ("title_f", "body_f"):
            matchers = []
            for term in chain:
                try:
                    matchers.append(reader.postings(fname, term) if reader.doc_frequency(fname, term) else None)
                except Exception:
                    matchers.append(None)
            for d in order:
                positions: list[set[int]] = []
                for m in matchers:
                    if m is not None and m.is_active() and m.id() < d:
                        m.skip_to(d)
                    if m is None or not m.is_active() or m.id() != d:
                        positions.append(set())
                    else:
                        positions.append(set(m.value_as("positions")))
                value = ((_longest_run(positions) - 1) / span) ** 2 if span else 0.0
                if value > out.get(d, 0.0):
                    out[d] = value
    return out


def _longest_run(positions: list[set[int]]) -> int:
    """Length of the longest run of chain words at consecutive positions (at least 1)."""
    best = 1
    run: dict[int, int] = dict.fromkeys(positions[0], 1)
    for later in positions[1:]:
        run = {p: run.get(p - 1, 0) + 1 for p in later}
        if run:
            best = max(best, max(run.values()))
    return best


def _read_postings(m, base: int, ids: array, weights: array) -> None:
    """Append one segment's postings (docnums offset by ``base``) to ``ids``/``weights``."""
    deleted: frozenset[int] | None = None
    if isinstance(m, FilterMatcher) and m._exclude:  # deletions in this segment
        deleted = frozenset(m._ids)
        m = m.child
    seg_ids: array = array("i")
    seg_ws: array = array("f")
    if isinstance(m, W3LeafMatcher):
        while m.is_active():
            if m._ids is None:
                m._read_ids()
            if m._weights is None:
                m._read_weights()
            i = m._i
            seg_ids.extend(m._ids[i:] if i else m._ids)
            seg_ws.extend(m._weights[i:] if i else m._weights)
            m._next_block()
    else:
        while m.is_active():
            seg_ids.append(m.id())
            seg_ws.append(m.weight())
            m.next()
    if deleted:
        keep = [k for k, d in enumerate(seg_ids) if d not in deleted]
        seg_ids = array("i", (seg_ids[k] for k in keep))
        seg_ws = array("f", (seg_ws[k] for k in keep))
    if base:
        seg_ids = array("i", (d + base for d in seg_ids))
    ids.extend(seg_ids)
    weights.extend(seg_ws)


def _df(view: _View, fieldname: str, term: str) -> int:
    try:
        return view.reader.doc_frequency(fieldname, term)
    except Exception:
        return 0


def _sparse_weights(view: _View, fname: str, term: str, ordered: list[int]) -> dict[int, float]:
    """Term frequencies at a few documents, by skipping through the posting lists: only blocks
    that hold one of them are decoded (reading a common syllable's whole list costs far more)."""
    out: dict[int, float] = {}
    leaves = list(view.reader.leaf_readers())
    for k, (leaf, base) in enumerate(leaves):
        end = leaves[k + 1][1] if k + 1 < len(leaves) else base + leaf.doc_count_all()
        mine = [d - base for d in ordered if base <= d < end]
        if not mine:
            continue
        try:
            if not leaf.doc_frequency(fname, term):
                continue
            m = leaf.postings(fname, term)
        except Exception:
            continue
        for local in mine:
            if not m.is_active():
                break
            if m.id() < local:
                m.skip_to(local)
                if not m.is_active():
                    break
            if m.id() == local:
                out[local + base] = m.weight()
    return out


def _bm25(view: _View, terms: list[tuple[str, str, float]], docs) -> dict[int, float]:
    """Whoosh BM25F (same idf, K1, B, per-field average length) summed over boosted terms.

    Few documents against a long posting list: skip to them (or binary search when the list is
    cached); otherwise one pass over the postings."""
    searcher = view.searcher
    docs_set = docs if isinstance(docs, (set, frozenset)) else set(docs)
    ordered = sorted(docs_set) if len(docs_set) <= SPARSE_DOCS else None
    scores: dict[int, float] = {}
    get = scores.get
    for fname, term, boost in terms:
        deadline.check()
        df = _df(view, fname, term)
        if not df:
            continue
        idf = searcher.idf(fname, term)
        avg = searcher.avg_field_length(fname) or 1.0
        lengths = view.lengths(fname)
        c = boost * idf * (_K1 + 1)
        k = _K1 * (1 - _B)
        kb = _K1 * _B / avg
        if ordered is not None and len(ordered) * 8 < df and (fname, term) not in view._postings:
            items = _sparse_weights(view, fname, term, ordered).items()
        else:
            ids, ws = view.postings(fname, term)
            n = len(ids)
            if len(docs_set) * 16 < n:
                pairs = []
                lo = 0
                for d in ordered if ordered is not None else sorted(docs_set):
                    i = bisect_left(ids, d, lo)
                    if i >= n:
                        break
                    lo = i
                    if ids[i] == d:
                        pairs.append((d, ws[i]))
                items = pairs
            else:
                items = [(d, tf) for d, tf in zip(ids, ws, strict=False) if d in docs_set]
        for d, tf in items:
            scores[d] = get(d, 0.0) + c * tf / (tf + k + kb * lengths[d])
    return scores


def _fill(view: _View, terms, final_set, have: set[int], k: int) -> list[int]:
    """More candidates when selective terms found too few: highest frequency of the rarest term."""
    body = sorted((t for t in terms if not t[0].endswith("_b")), key=lambda t: _df(view, t[0], t[1]))
    out: list[int] = []
    for fname, term, _boost in body:
        ids, ws = view.postings(fname, term)
        best = heapq.nlargest(k * 2, ((tf, -d) for d, tf in zip(ids, ws, strict=False)
                                      if d in final_set and d not in have))
        for _tf, neg in best:
            if -neg not in have:
                have.add(-neg)
                out.append(-neg)
                if len(out) >= k:
                    return out
    if len(out) < k:  # documents matched only through prefixes beyond the scored expansions
        out += [d for d in final_set if d not in have][: k - len(out)]
    return out


__all__ = ["Searcher", "IndexMissing", "restore_accents"]


def restore_accents(view: _View, words: list[str], fixed: list[bool]) -> str | None:
    """Most likely accented spelling of ``words`` from the index's ``sugg`` statistics.

    Each unaccented word may become any exact syllable with the same fold; a Viterbi pass picks
    the sequence whose adjacent pairs are most frequent (pair document frequency dominates,
    single-syllable frequency breaks ties). Words typed with accents stay as typed.
    """
    reader = view.reader
    if "sugg" not in reader.schema:
        return None
    cache = view.sugg_cache

    def variants(prefix: str, limit: int) -> dict[str, float]:
        """``{exact: log(1 + df)}`` of the ``sugg`` terms ``prefix|…`` (cached per view).

        A pair's frequency is its own; a single syllable is listed in ``sugg`` only once per
        segment (index.schema.suggest_terms), so its frequency comes from the E fields."""
        got = cache.get(prefix)
        if got is None:
            got = {}
            single = "_" not in prefix
            for term in view.expand("sugg", f"{prefix}|", limit=limit):
                exact = term.split("|", 1)[1]
                df = (_df(view, "body_e", exact) + _df(view, "title_e", exact) if single
                      else reader.doc_frequency("sugg", term))
                got[exact] = math.log1p(df)
            if len(cache) > 50_000:
                cache.clear()
            cache[prefix] = got
        return got

    cands: list[list[tuple[str, float]]] = []
    for w, keep in zip(words, fixed, strict=True):
        if keep:
            cands.append([(w, 0.0)])
            continue
        opts = sorted(variants(analysis.fold(w), 50).items(), key=lambda o: -o[1])
        cands.append(opts[:6] or [(w, 0.0)])
    # Viterbi over pair frequencies (one prefix expansion per adjacent pair of folded words).
    best: list[dict[str, tuple[float, list[str]]]] = [{e: (0.3 * u, [e]) for e, u in cands[0]}]
    for i in range(1, len(cands)):
        pairs = variants(f"{analysis.fold(words[i - 1])}_{analysis.fold(words[i])}", 200)
        layer: dict[str, tuple[float, list[str]]] = {}
        for e, u in cands[i]:
            options = []
            for pe, (ps, path) in best[-1].items():
                options.append((ps + 2.0 * pairs.get(f"{pe} {e}", 0.0) + 0.3 * u, path + [e]))
            layer[e] = max(options, key=lambda o: o[0])
        best.append(layer)
    score, path = max(best[-1].values(), key=lambda o: o[0])
    return " ".join(path) if path else None
