"""Re-ranking a SphinxQL candidate set with tracuu's own scoring and cluster-wide statistics.

Why: each shard only knows its own document frequencies, so the engine's ranker uses
per-document factors only (no IDF) to keep a page's score the same on every shard; that found
the right page for title queries but not for body phrases and unaccented words, where rare words
must count more than common ones. So the engine only *selects* candidates (the first
``RERANK_DEPTH`` by its shard-independent weight), and tracuu scores them exactly as the Whoosh
backend does — :func:`search.ranking.rank` (BM25F with Whoosh's idf, K1, B, boosts; share of the
query's adjacent pairs; contiguity of the typed phrase) — over a :class:`CandidateView`:

* document frequencies per field: ``COUNT(*)`` of ``MATCH('@field word')`` on the distributed
  index, i.e. summed over the shards (global, so shard-independent), cached per index generation;
* collection size and average field lengths: ``COUNT(*)`` and ``SUM(<field>_len)``
  (``index_field_lengths = 1``) over the whole cluster — the generation key is these plus the
  newest ``indexed`` time, so any write starts a new cache;
* term frequencies and field lengths of a candidate: its stored document analysed by
  :mod:`index.analysis` with the Whoosh schema's analyzers (the same tokens the index holds).

A page's score therefore depends on its own text and cluster-wide counts only, not on its shard.
"""

from __future__ import annotations

import json
import math
import threading
from array import array
from collections import Counter, OrderedDict

from whoosh.util.numeric import byte_to_length, length_to_byte

from index import analysis
from index.schema import body_text
from ingest.document import Document
from search import ranking
from search import sphinx_match as sm
from search.postings import COMMON_SHARE

#: how many of the engine's best candidates tracuu re-scores (the answer to a known-item query
#: was within the engine's first 200 for every dev query; 300 leaves margin)
RERANK_DEPTH = 300
#: (field, term) document frequencies kept per generation before the cache is emptied
DF_CACHE = 50_000
#: document-frequency counts sent in one batch (searchd's max_batch_queries is 32)
DF_BATCH = 30
#: analysed candidate pages kept (term counts of a few kB each)
ANALYSED_CACHE = 4096
#: fields whose length the engine keeps (E fields have the same token count as F ones)
_LEN_FIELDS = ("title_f", "body_f", "title_b", "body_b", "docnum")
_DOCNUM = analysis.docnum_analyzer()


def field_terms(doc: Document) -> dict[str, list[str]]:
    """The terms of each scored field of a document, as the Whoosh schema indexes them."""
    title, body = doc.title or "", body_text(doc)
    out: dict[str, list[str]] = {}
    for prefix, text in (("title", title), ("body", body)):
        lists = analysis.term_lists(text)
        out[f"{prefix}_e"] = list(lists.exact)
        out[f"{prefix}_f"] = list(lists.folded)
        out[f"{prefix}_b"] = analysis.bigram_list(lists)
    out["docnum"] = [t.text for t in _DOCNUM(f"{title}\n{body}")]
    return out


_cache: OrderedDict[tuple[str, str], dict[str, Counter[str]]] = OrderedDict()
_cache_lock = threading.Lock()


def analysed(key: str, text: str) -> dict[str, Counter[str]]:
    """Term counts per field of a stored document (JSON ``text``), cached: the candidates of
    consecutive queries overlap, and analysing a page costs far more than a dict look-up. The
    key holds the whole stored text, so a changed page is analysed again."""
    ck = (key, text)
    with _cache_lock:
        got = _cache.get(ck)
        if got is not None:
            _cache.move_to_end(ck)
            return got
    got = {f: Counter(ts) for f, ts in field_terms(Document.from_json(text)).items()} if text else {}
    with _cache_lock:
        _cache[ck] = got
        while len(_cache) > ANALYSED_CACHE:
            _cache.popitem(last=False)
    return got


def _quantised(n: int) -> int:
    """A field length as Whoosh stores it (one byte): BM25 then sees the same length."""
    return byte_to_length(length_to_byte(n)) if n else 0


class Statistics:
    """Cluster-wide counts for one index generation (shared by the backend's threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.generation: tuple | None = None
        self.doc_count = 0
        #: documents that are not listings (search.postings.View.is_common counts those)
        self.searchable = 0
        self.avg: dict[str, float] = {}
        self._df: dict[tuple[str, str], int] = {}

    STATS_SQL = ("SELECT COUNT(*) AS n, MAX(indexed) AS t, SUM(listing) AS l, "
                 + ", ".join(f"SUM({f}_len) AS {f}" for f in _LEN_FIELDS) + " FROM " + "{dist}")

    def update(self, row: tuple) -> None:
        """Take the result of :attr:`STATS_SQL`; a new generation empties the df cache."""
        generation = tuple(int(v or 0) for v in row)
        with self._lock:
            if generation == self.generation:
                return
            self.generation = generation
            n = generation[0]
            self.doc_count = n
            self.searchable = n - generation[2]
            sums = dict(zip(_LEN_FIELDS, generation[3:], strict=True))
            sums.update(title_e=sums["title_f"], body_e=sums["body_f"])
            # the engine's docnum field holds the folded numbers plus one marker word per
            # document; Whoosh's also holds each number's accented form
            sums["docnum"] = 2 * max(0, sums["docnum"] - n)
            self.avg = {f: (s / n if n and s else 1.0) for f, s in sums.items()}
            self._df = {}

    def missing(self, terms: list[tuple[str, str]]) -> list[tuple[str, str]]:
        with self._lock:
            return [t for t in dict.fromkeys(terms) if t not in self._df]

    def store(self, found: dict[tuple[str, str], int]) -> None:
        with self._lock:
            if len(self._df) + len(found) > DF_CACHE:
                self._df = {}
            self._df.update(found)

    def df(self, fieldname: str, term: str) -> int:
        with self._lock:
            return self._df.get((fieldname, term), 0)

    def is_common(self, folded: str) -> bool:
        """:meth:`search.postings.View.is_common` over the cluster (df of ``body_f`` known)."""
        return self.df("body_f", folded) > COMMON_SHARE * max(1, self.searchable)


def df_sql(dist: str, fieldname: str, term: str) -> str:
    """The statement counting the documents (listings included, as Whoosh's df) holding a term."""
    return f"SELECT COUNT(*) FROM {dist} WHERE MATCH({sm.quote(f'@{fieldname} {sm.token(term)}')})"


class CandidateView:
    """The part of :class:`search.postings.View` that :func:`search.ranking.rank` reads, over the
    candidates (docnums ``0..n-1`` in the engine's order) and cluster-wide statistics."""

    def __init__(self, stats: Statistics, candidates: list[tuple[str, str]]) -> None:
        """``candidates``: ``(doc_key, stored JSON)`` rows in the engine's order."""
        self.stats = stats
        self._rows = candidates
        self._terms: list[dict[str, Counter[str]]] = []
        self._lengths: dict[str, list[int]] = {}
        for d, (key, text) in enumerate(candidates):
            per = analysed(key, text)
            self._terms.append(per)
            for f, counts in per.items():
                self._lengths.setdefault(f, [0] * len(candidates))[d] = _quantised(counts.total())
        self.pub = [0] * len(candidates)  # ties broken by docnum, i.e. by the engine's order
        self._postings: dict[tuple[str, str], tuple[array, array]] = {}

    def postings(self, fieldname: str, term: str) -> tuple[array, array]:
        key = (fieldname, term)
        got = self._postings.get(key)
        if got is None:
            ids, ws = array("i"), array("f")
            for d, per in enumerate(self._terms):
                tf = per.get(fieldname, {}).get(term)
                if tf:
                    ids.append(d)
                    ws.append(tf)
            got = self._postings[key] = (ids, ws)
        return got

    def docs(self, fieldname: str, term: str) -> frozenset[int]:
        return frozenset(self.postings(fieldname, term)[0])

    def has_postings(self, fieldname: str, term: str) -> bool:
        return True

    def sparse_weights(self, fieldname: str, term: str, ordered: list[int]) -> dict[int, float]:
        ids, ws = self.postings(fieldname, term)
        want = set(ordered)
        return {d: w for d, w in zip(ids, ws, strict=True) if d in want}

    def df(self, fieldname: str, term: str) -> int:
        return self.stats.df(fieldname, term)

    def idf(self, fieldname: str, term: str) -> float:
        """Whoosh's idf, ``log(N / (df + 1)) + 1``, over the whole cluster."""
        return math.log(max(1, self.stats.doc_count) / (self.df(fieldname, term) + 1)) + 1

    def avg_length(self, fieldname: str) -> float:
        return self.stats.avg.get(fieldname, 1.0)

    def lengths(self, fieldname: str) -> list[int]:
        return self._lengths.get(fieldname) or [0] * len(self._rows)

    def stored(self, docnum: int) -> tuple[str, dict]:
        key, text = self._rows[docnum]
        return key, (json.loads(text) if text else {})


def ensure_df(db, dist: str, stats: Statistics, terms: list[tuple[str, str]]) -> None:
    """Count (over the cluster ``dist``) the documents of the ``(field, term)`` pairs not yet
    cached; ``db`` is a :class:`search.sphinxql.Connections`."""
    missing = stats.missing(terms)
    for k in range(0, len(missing), DF_BATCH):  # searchd takes 32 queries per batch
        part = missing[k:k + DF_BATCH]
        sets = db.run("; ".join(df_sql(dist, f, t) for f, t in part))
        stats.store({ft: int(s[0][0]) if s else 0 for ft, s in zip(part, sets, strict=True)})


def rerank(db, dist: str, stats: Statistics, compiled, candidates: list[tuple[str, str]],
           n: int) -> list[tuple[int, float]]:
    """The first ``n`` of ``candidates`` (``(doc_key, stored JSON)`` in the engine's order) by
    :func:`search.ranking.rank` over cluster-wide statistics, as ``(index, score)``."""
    if not candidates:
        return []
    ensure_df(db, dist, stats, [(f, t) for f, t, _b in ranking.scoring_terms(compiled.score)])
    view = CandidateView(stats, candidates)
    return ranking.rank(view, compiled, frozenset(range(len(candidates))), "relevance", n)
