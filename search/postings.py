"""One index generation as the searcher sees it: posting lists, sets, field lengths, dates.

Why a view: everything here is derived from one Whoosh reader and stays valid until a writer
commits, so it is read once and cached (:class:`View`); the searcher swaps in a new view when the
index changes. Matching (:mod:`search.matching`), ranking (:mod:`search.ranking`), facets
(:mod:`search.facets`) and suggestions (:mod:`search.suggest`) all read through a view and never
touch Whoosh's private structures: those are in :mod:`index.whoosh_compat`.

Public surface (stable; other modules build on it):

* :meth:`View.docs` — the set of documents holding a term;
* :meth:`View.postings` — ``(docnums, term frequencies)`` arrays of a term;
* :meth:`View.sparse_weights` — term frequencies at a few documents without reading the list;
* :meth:`View.lengths`, :meth:`View.df`, :attr:`View.pub`, :attr:`View.all_docs`,
  :attr:`View.hidden`, :attr:`View.facets`, :meth:`View.stored`.
"""

from __future__ import annotations

import json
import logging
import math
from array import array
from collections import OrderedDict

from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from index.whoosh_compat import (
    TermLookup,
    length_bytes,
    numeric_column,
    read_leaf_postings,
    speed_up_stored_offsets,
    weights_at,
)
from search.facets import FacetTables
from search.health import Health, reading

log = logging.getLogger(__name__)

#: published-date column value of a document without a date (sorts last)
MISSING_DATE = 2**64 - 1
#: cached postings (entries in all cached {doc: tf} arrays) before the least recent are dropped
POSTINGS_BUDGET = 8_000_000  # ids + frequencies as arrays: ~8 bytes each, ~64 MB
#: entries in all cached posting *sets* (membership) before the least recently used are dropped
SETS_BUDGET = 2_000_000
#: share of documents above which a syllable is "common" in long queries (0.03–0.15 gave the
#: same dev MRR; 0.05 keeps long posting lists out of long queries)
COMMON_SHARE = 0.05
#: how many expansions of one prefix (``hòa*``) are used at most
PREFIX_CAP = 400
#: document frequencies kept (a dict entry each) before the cache is emptied
DF_CACHE = 200_000
#: stored documents kept (parsed JSON, a few kB each)
STORED_CACHE = 256
_BYTE_TO_LENGTH = [0] + [byte_to_length(b) for b in range(1, 256)]
speed_up_stored_offsets()  # each segment's first stored document (index.whoosh_compat says why)


class View:
    """Everything derived from one index generation: reader, facet tables, posting caches.

    Not thread-safe (neither is the Whoosh searcher under it): the :class:`search.Searcher`
    serialises access with its lock.
    """

    def __init__(self, searcher, health: Health | None = None) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        #: where damaged segments met while reading are recorded (search.health)
        self.health = health or Health()
        self.health.segments = len(list(self.reader.leaf_readers()))
        self._sets: OrderedDict[tuple[str, str], frozenset[int]] = OrderedDict()
        self._sets_size = 0
        self._postings: OrderedDict[tuple[str, str], tuple[array, array]] = OrderedDict()
        self._postings_size = 0
        self._lengths: dict[str, list[int]] = {}
        self._avg: dict[str, float] = {}
        self.doc_count_all = self.reader.doc_count_all()
        #: term look-ups hashing the key once for all segments (index.whoosh_compat.TermLookup);
        #: None when the segments are not what it knows (then Whoosh's public API)
        lookup = TermLookup(self.reader)
        self._lookup = lookup if lookup.usable else None
        self._leaves = list(self.reader.leaf_readers())
        #: document frequencies looked up so far: a query asks for the same term's df in
        #: compiling, candidate selection and scoring, and each look-up walks every segment
        self._df: dict[tuple[str, str], int] = {}
        #: stored documents read so far (the re-ranker and the page's hits read the same ones)
        self._stored: OrderedDict[int, tuple[str, dict]] = OrderedDict()
        #: did-you-mean statistics read so far (prefix → {exact: log df}), see search.suggest
        self.sugg_cache: dict[str, dict[str, float]] = {}
        # Listing and home pages are kept in the index (archive) but are not search results.
        self.hidden = self.docs("kind", "listing")
        self.all_docs = self._live_docs() - self.hidden
        self.facets = FacetTables(self.reader, self.health)
        self._pub: list[int] | None = None

    def _live_docs(self) -> frozenset[int]:
        """Every undeleted document number. Without deletions that is a range (Whoosh's
        ``all_doc_ids`` asks ``is_deleted`` once per document through two reader layers: ~15 ms
        of every index opening over 39k pages)."""
        n = self.doc_count_all
        if not self.reader.has_deletions():
            return frozenset(range(n))
        out: list[int] = []
        for leaf, base in self.reader.leaf_readers():
            if leaf.has_deletions():
                out.extend(base + d for d in leaf.all_doc_ids())
            else:
                out.extend(range(base, base + leaf.doc_count_all()))
        return frozenset(out)

    # -- postings ---------------------------------------------------------------------------
    def docs(self, fieldname: str, term: str) -> frozenset[int]:
        """The set of documents holding a term (cached, least recently used dropped first)."""
        key = (fieldname, term)
        hit = self._sets.get(key)
        if hit is not None:
            self._sets.move_to_end(key)
            return hit
        docs = frozenset(self.postings(fieldname, term)[0])
        self._sets[key] = docs
        self._sets_size += len(docs)
        while self._sets_size > SETS_BUDGET and len(self._sets) > 1:
            _k, old = self._sets.popitem(last=False)
            self._sets_size -= len(old)
        return docs

    def has_postings(self, fieldname: str, term: str) -> bool:
        """Whether the term's whole posting list is cached (then reading it costs nothing)."""
        return (fieldname, term) in self._postings

    def postings(self, fieldname: str, term: str) -> tuple[array, array]:
        """``(docnums, term frequencies)`` of a term as sorted arrays, read once per index
        generation and kept in an LRU cache.

        Reads Whoosh's posting blocks as arrays (:func:`index.whoosh_compat.read_leaf_postings`)
        instead of stepping a matcher one posting at a time.
        """
        key = (fieldname, term)
        hit = self._postings.get(key)
        if hit is not None:
            self._postings.move_to_end(key)
            return hit
        ids: array = array("i")
        weights: array = array("f")
        lookup = self._lookup
        field = self.reader.schema[fieldname] if fieldname in self.reader.schema else None
        if lookup is not None and field is not None:
            tbytes, fmt, keys = field.to_bytes(term), field.format, {}
        for k, (leaf, base) in enumerate(self._leaves):
            with reading(self.health, leaf, f"postings of {fieldname}:{term}"):
                if lookup is not None and field is not None:
                    m = lookup.matcher(k, fieldname, tbytes, fmt, keys, filtered=False)
                    if m is None:  # absent term: normal
                        continue
                    seg_ids, seg_ws = read_leaf_postings(m, lookup.deleted(k))
                else:
                    try:  # one term look-up per segment (not a frequency check first: two)
                        m = leaf.postings(fieldname, term)
                    except TermNotFound:  # absent term or field: normal
                        continue
                    seg_ids, seg_ws = read_leaf_postings(m)
            if base:
                seg_ids = array("i", map(base.__add__, seg_ids))
            ids.extend(seg_ids)
            weights.extend(seg_ws)
        got = (ids, weights)
        self._postings[key] = got
        self._postings_size += len(ids)
        while self._postings_size > POSTINGS_BUDGET and len(self._postings) > 1:
            _k, (old, _w) = self._postings.popitem(last=False)
            self._postings_size -= len(old)
        return got

    def sparse_weights(self, fieldname: str, term: str, ordered: list[int]) -> dict[int, float]:
        """Term frequencies at a few documents (``ordered``: sorted docnums), by skipping through
        the posting lists: only blocks that hold one of them are decoded (reading a common
        syllable's whole list costs far more)."""
        out: dict[int, float] = {}
        leaves = list(self.reader.leaf_readers())
        for k, (leaf, base) in enumerate(leaves):
            end = leaves[k + 1][1] if k + 1 < len(leaves) else base + leaf.doc_count_all()
            mine = [d - base for d in ordered if base <= d < end]
            if not mine:
                continue
            with reading(self.health, leaf, f"postings of {fieldname}:{term}"):
                try:
                    m = leaf.postings(fieldname, term)
                except TermNotFound:
                    continue
                for local, weight in weights_at(m, mine).items():
                    out[local + base] = weight
        return out

    def position_matchers(self, terms: list[tuple[str, str]]) -> list | None:
        """Whoosh matchers (over all segments) of ``(field, term)`` pairs, to read positions;
        None when one of the terms is absent."""
        out = []
        for fieldname, term in terms:
            with reading(self.health, self.reader, f"positions of {fieldname}:{term}"):
                try:
                    out.append(self.reader.postings(fieldname, term))
                except TermNotFound:
                    return None
        return out

    def df(self, fieldname: str, term: str) -> int:
        """Document frequency of a term (0 when the term or the field is absent)."""
        key = (fieldname, term)
        got = self._df.get(key)
        if got is not None:
            return got
        if fieldname not in self.reader.schema:
            return 0
        with reading(self.health, self.reader, f"term info of {fieldname}:{term}"):
            if self._lookup is not None:
                got = self._lookup.doc_frequency(fieldname, self.reader.schema[fieldname].to_bytes(term))
            else:
                try:
                    got = self.reader.doc_frequency(fieldname, term)
                except TermNotFound:
                    got = 0
        if len(self._df) >= DF_CACHE:
            self._df.clear()
        self._df[key] = got
        return got

    def idf(self, fieldname: str, term: str) -> float:
        """Whoosh's idf (``WeightingModel.idf``: ``log(N / (df + 1)) + 1`` over all documents),
        from the cached document frequency."""
        return math.log(self.doc_count_all / (self.df(fieldname, term) + 1)) + 1

    def avg_length(self, fieldname: str) -> float:
        """Average field length in tokens (Whoosh's ``avg_field_length``), 1.0 when unknown."""
        got = self._avg.get(fieldname)
        if got is None:
            got = self._avg[fieldname] = self.searcher.avg_field_length(fieldname) or 1.0
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
                    raw = length_bytes(leaf, fieldname)
                except Exception:
                    raw = None
                if raw is not None:
                    part = [_BYTE_TO_LENGTH[b] for b in raw] + [0] * (n - len(raw))
                else:  # another codec: the public, slower way
                    with reading(self.health, leaf, f"field lengths of {fieldname}"):
                        dfl = leaf.doc_field_length
                        part = [dfl(d, fieldname, 0) or 0 for d in range(n)]
                got.extend(part)
            self._lengths[fieldname] = got
        return got

    # -- terms ------------------------------------------------------------------------------
    def expand(self, fieldname: str, prefix: str, limit: int = PREFIX_CAP) -> list[str]:
        """Terms of a field starting with ``prefix``, in lexicon order, at most ``limit``."""
        out: list[str] = []
        if fieldname not in self.reader.schema:
            return out
        with reading(self.health, self.reader, f"terms {fieldname}:{prefix}*"):
            if self._lookup is not None:
                field = self.reader.schema[fieldname]
                return [b.decode("utf-8") for b in self._lookup.expand(fieldname, field.to_bytes(prefix), limit)]
            for btext in self.reader.expand_prefix(fieldname, prefix):
                out.append(btext.decode("utf-8") if isinstance(btext, bytes) else btext)
                if len(out) >= limit:
                    break
        return out

    def is_common(self, folded: str) -> bool:
        """In more than ``COMMON_SHARE`` of the documents' bodies (see search.query.compile_query)."""
        return self.df("body_f", folded) > COMMON_SHARE * max(1, len(self.all_docs))

    def prefix_expander(self, pairs: list[tuple[str, str]], limit: int) -> list[tuple[str, str]]:
        """The ``limit`` most frequent expansions of (field, prefix) pairs, for scoring."""
        found: list[tuple[int, str, str]] = []
        for fname, prefix in pairs:
            for term in self.expand(fname, prefix):
                found.append((self.df(fname, term), fname, term))
        found.sort(reverse=True)
        return [(f, t) for _df, f, t in found[:limit]]

    # -- per-document values ----------------------------------------------------------------
    @property
    def pub(self) -> list[int]:
        """Published time of every document as Whoosh's long (``MISSING_DATE`` when unknown)."""
        if self._pub is None:
            n = self.reader.doc_count_all()
            if "published" in self.reader.schema and n and self.reader.has_column("published"):
                pub: list[int] = []
                for leaf, _base in self.reader.leaf_readers():
                    with reading(self.health, leaf, "published column"):
                        pub += self._leaf_pub(leaf)
                self._pub = pub
            else:
                self._pub = [MISSING_DATE] * n
        return self._pub

    @staticmethod
    def _leaf_pub(leaf) -> list[int]:
        """One segment's published column: one slice of the column file when it is Whoosh's
        fixed-width numeric column (:func:`index.whoosh_compat.numeric_column`), else a value
        at a time (39k ``col[i]`` calls: ~25 ms of the first date sort or trend by month)."""
        n = leaf.doc_count_all()
        if not leaf.has_column("published"):
            return [MISSING_DATE] * n
        col = leaf.column_reader("published", translate=False)
        got = numeric_column(col, n)
        return got if got is not None else [col[i] for i in range(n)]

    def stored(self, docnum: int) -> tuple[str, dict]:
        """``(id, document dict)`` of a document from the stored fields."""
        hit = self._stored.get(docnum)
        if hit is not None:
            self._stored.move_to_end(docnum)
            return hit
        with reading(self.health, self.reader, f"stored fields of document {docnum}"):
            fields = self.searcher.stored_fields(docnum)
            got = (fields.get("id") or "", json.loads(fields["doc"]))
        self._stored[docnum] = got
        if len(self._stored) > STORED_CACHE:
            self._stored.popitem(last=False)
        return got
