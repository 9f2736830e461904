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
import re
import threading
import time
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
        self._read_at = -math.inf

    def is_fresh(self, max_age: float) -> bool:
        """Whether the generation was read less than ``max_age`` seconds ago (the statistics
        query scans every document of every shard, so searches reuse it for a moment)."""
        return self.generation is not None and time.monotonic() - self._read_at < max_age

    STATS_SQL = ("SELECT COUNT(*) AS n, MAX(indexed) AS t, SUM(listing) AS l, "
                 + ", ".join(f"SUM({f}_len) AS {f}" for f in _LEN_FIELDS) + " FROM " + "{dist}")

    def update(self, row: tuple) -> None:
        """Take the result of :attr:`STATS_SQL`; a new generation empties the df cache."""
        generation = tuple(int(v or 0) for v in row)
        with self._lock:
            self._read_at = time.monotonic()
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


# -- scoring from the engine's per-word counts (no stored page read, no analysis) -------------
#
# Analysing 300 candidate pages cost most of a query's time. The engine already counts, per
# candidate, the hits of every query word (``PACKEDFACTORS()``: ``word<qpos>=(tf=N, …)``) and
# keeps each field's length (``<field>_len``). A word's count covers every field its query nodes
# name, and the same token is a title word and a body word, so the writer stores the title's own
# terms (``title_terms``, a few hundred bytes): a body count is the word's count less its title
# count. Whoosh's docnum field also holds accented forms, so its length is stored (``docnum_n``).
# BM25, pair share and contiguity are then :func:`search.ranking.rank` as before, over the same
# numbers: scores stay equal to the Whoosh backend's and independent of the shard.

_TF_RE = re.compile(r"word(\d+)=\(tf=(\d+)")
_KINDS = {"title_e": "e", "body_e": "e", "title_f": "f", "body_f": "f", "title_b": "b", "body_b": "b",
          "docnum": "d"}
_KIND_FIELDS = {"e": "@(title_e,body_e)", "f": "@(title_f,body_f)", "b": "@(title_b,body_b)", "d": "@docnum"}
#: the most distinct scoring words sent as counted words (longer queries re-rank the old way)
MAX_COUNTED = 96
#: the engine columns the counted re-ranking reads, after ``id, WEIGHT(), doc_key``
PACKED_COLUMNS = "title_terms, body_f_len, body_b_len, docnum_n, PACKEDFACTORS()"


def title_terms_text(exact: list[str], folded: list[str], bigrams: list[str]) -> str:
    """The ``title_terms`` attribute: the title's E, F and B terms, one line each."""
    return "\n".join((" ".join(exact), " ".join(folded), " ".join(bigrams)))


def docnum_length(text: str) -> int:
    """The number of tokens Whoosh's docnum field holds for ``text`` (its BM25 length)."""
    return sum(1 for _t in _DOCNUM(text))


def _has_phrase(spec) -> bool:
    from search import query as q

    if isinstance(spec, q.PhraseIn):
        return True
    if isinstance(spec, q.Without):
        return _has_phrase(spec.positive) or _has_phrase(spec.negative)
    return any(_has_phrase(p) for p in getattr(spec, "parts", ()) or ())


def counted_words(compiled) -> list[str] | None:
    """The engine words whose counts score the query, in the order they lead the MATCH text
    (word ``i`` is query position ``i``), or None when counts cannot give Whoosh's numbers:
    a phrase (its hits are counted again beside the word's own), an exact spelling without
    accents (the engine's E fields hold accented words only), too many words."""
    if compiled.score is None or _has_phrase(compiled.match):
        return None
    by_kind: dict[str, list[str]] = {"f": [], "e": [], "b": [], "d": []}
    kind_of: dict[str, str] = {}
    for fname, term, _boost in ranking.scoring_terms(compiled.score):
        kind = _KINDS.get(fname)
        if kind is None or (kind == "e" and analysis.fold(term) == term):
            return None
        tok = sm.token(term)
        if kind_of.setdefault(tok, kind) != kind:
            return None  # one token, two kinds of field: counts would mix them
        if tok not in by_kind[kind]:
            by_kind[kind].append(tok)
    # F words first, in query order, then E, pairs, numbers: the engine's lcs (candidate
    # selection) sees each kind's words at consecutive query positions
    words = [w for k in ("f", "e", "b", "d") for w in by_kind[k]]
    return words if 0 < len(words) <= MAX_COUNTED else None


def counted_match(compiled, words: list[str], base: str) -> str:
    """MATCH text leading with every counted word once (its title and body fields), OR-ed with
    the tree's own words so the group never narrows the match; then the tree."""
    from search.sphinx_match import _positive_leaves  # the anchor of sphinx_match.match_text

    kinds = {sm.token(t): _KINDS[f] for f, t, _b in ranking.scoring_terms(compiled.score)}
    lead = " | ".join(f"({_KIND_FIELDS[kinds[w]]} {w})" for w in words)
    anchor: list[str] = []
    _positive_leaves(compiled.match, anchor)
    group = " | ".join([lead, *dict.fromkeys(anchor)])
    return f"({group}) {base}" if base else ""


class CountedView(CandidateView):
    """:class:`CandidateView` over the engine's counts: ``rows`` are ``(title_terms,
    body_f_len, body_b_len, docnum_n, packed factors)``; stored pages are read only for the few
    that :func:`search.ranking.rank` asks (contiguity), by ``fetch``."""

    def __init__(self, stats: Statistics, compiled, words: list[str], rows: list[tuple],
                 docs: dict[int, tuple[str, str]]) -> None:
        self.stats = stats
        n = len(rows)
        self._rows = [("", "")] * n
        self._docs = docs  # candidate index → (doc_key, stored JSON), filled by the caller
        self.asked: list[int] = []
        qpos = {w: i for i, w in enumerate(words)}
        wanted = {(f, t) for f, t, _b in ranking.scoring_terms(compiled.score)}
        self._terms = []
        lengths = {f: [0] * n for f in _KINDS}
        for d, (tt, body_f_len, body_b_len, docnum_n, packed) in enumerate(rows):
            e_line, f_line, b_line = (str(tt or "").split("\n") + ["", "", ""])[:3]
            title = {"title_e": Counter(e_line.split()), "title_f": Counter(f_line.split()),
                     "title_b": Counter(b_line.split())}
            tf = {int(i): int(c) for i, c in _TF_RE.findall(str(packed or "")) if c != "0"}
            per: dict[str, Counter[str]] = {f: Counter() for f in _KINDS}
            for fname, term in wanted:
                if fname.startswith("title_"):
                    c = title[fname].get(term, 0)
                else:
                    c = tf.get(qpos.get(sm.token(term), -1), 0)
                    if fname != "docnum":
                        c -= title["title_" + fname[5:]].get(term, 0)
                if c > 0:
                    per[fname][term] = c
            self._terms.append(per)
            n_title = len(f_line.split())
            for f, v in (("title_e", n_title), ("title_f", n_title), ("title_b", len(b_line.split())),
                         ("body_e", int(body_f_len or 0)), ("body_f", int(body_f_len or 0)),
                         ("body_b", int(body_b_len or 0)), ("docnum", int(docnum_n or 0))):
                lengths[f][d] = _quantised(v)
        self._lengths = lengths
        self.pub = [0] * n
        self._postings = {}

    def stored(self, docnum: int) -> tuple[str, dict]:
        got = self._docs.get(docnum)
        if got is None:  # first pass: note the page, score it without contiguity
            self.asked.append(docnum)
            return "", {}
        key, text = got
        return key, (json.loads(text) if text else {})


def rerank_counted(stats: Statistics, compiled, words: list[str], rows: list[tuple], n: int,
                   fetch, extra=()) -> tuple[list[tuple[int, float]], dict[int, tuple[str, str]]]:
    """The first ``n`` candidates by :func:`search.ranking.rank` from the engine's counts, and
    the stored pages read (``fetch(indexes) → {index: (doc_key, JSON)}``: one round trip for
    the pages whose contiguity the ranking asks for and the hits shown, with ``extra``).

    The ranking reads stored text only for contiguity, best first, stopping when no later page
    can reach the first ``n``. A first pass scores every page without contiguity and notes the
    pages it would read; with contiguity the scores only grow, so the second pass stops no
    later: the pages it reads, and the ``n`` it returns, are among those noted."""
    if not rows:
        return [], {}
    docs: dict[int, tuple[str, str]] = {}
    view = CountedView(stats, compiled, words, rows, docs)
    final = frozenset(range(len(rows)))
    ranked = ranking.rank(view, compiled, final, "relevance", n)
    if view.asked:
        docs.update(fetch(sorted(set(view.asked) | {d for d, _s in ranked} | set(extra))))
        view.asked = []
        ranked = ranking.rank(view, compiled, final, "relevance", n)
    return ranked, docs
