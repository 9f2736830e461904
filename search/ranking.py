"""Ranking a match set: BM25 on candidates, pair coverage, contiguity; or by date.

How relevance ranking works (and why) — :func:`rank`:

1. Candidates: when the match set is large, documents are first ranked by the *selective* terms
   only (title and bigram terms, and body terms in fewer than ``SELECTIVE_DF`` documents) plus how
   many of the query's adjacent pairs they hold; the best ``CANDIDATES`` get the full score.
   Common syllables (``của``, ``và``) would otherwise cost a Python step per posting for little
   ranking information. Whoosh's own collector was measured slower than this for our
   many-clause queries.
2. Full BM25 (Whoosh's BM25F formula and idf, same boosts, :func:`bm25`) on the candidates.
3. ``× (1 + W_COVERAGE × share of adjacent pairs held)``, then, for the best
   ``CONTIGUITY_DEPTH``, ``× (1 + W_CONTIGUITY × contiguity²)`` from the stored text: a phrase
   remembered without quotes puts its page first.

Public surface: :func:`rank`, :func:`bm25`, :func:`by_date`, :func:`scoring_terms`.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter

from whoosh import query as wq

from search import deadline, highlight
from search.hits import indexed_texts
from search.postings import MISSING_DATE, View
from search.query import CompiledQuery

#: BM25 parameters (Whoosh's BM25F defaults, so boosts keep their meaning)
K1 = 1.2
B = 0.75
#: a term whose postings are longer than this is "common": it is scored only on candidates
SELECTIVE_DF = 2000
#: up to this many documents, long uncached posting lists are skipped through, not read whole
SPARSE_DOCS = 64
#: how many candidates the full score is computed for when the match set is large
CANDIDATES = 400
#: weight of the share of the query's adjacent pairs a document holds
W_COVERAGE = 1.0
#: how many of the best candidates get the (position-based) contiguity bonus, and its weight
CONTIGUITY_DEPTH = 20
W_CONTIGUITY = 2.0


def rank(view: View, compiled: CompiledQuery, final, sort: str, n: int) -> list[tuple[int, float]]:
    """The first ``n`` of ``final`` as ``(docnum, score)``: by relevance (documents the scorer
    did not reach follow, newest first) or by date (``newest``/``oldest``, score 0)."""
    if not final or n <= 0:
        return []
    if sort == "relevance" and compiled.score is not None:
        ranked = _score(view, compiled, final, n)
        if len(ranked) < n and len(ranked) < len(final):
            seen = {d for d, _ in ranked}
            rest = [d for d in final if d not in seen]
            ranked += [(d, 0.0) for d in by_date(view, rest, newest=True, n=n - len(ranked))]
        return ranked
    newest = sort != "oldest"
    return [(d, 0.0) for d in by_date(view, final, newest=newest, n=n)]


def by_date(view: View, docs, newest: bool, n: int) -> list[int]:
    """The ``n`` newest (or oldest) of ``docs``; undated documents last, ties by docnum."""
    pub = view.pub
    if newest:
        return heapq.nlargest(n, docs, key=lambda d: (pub[d] if pub[d] != MISSING_DATE else -1, -d))
    return heapq.nsmallest(n, docs, key=lambda d: (pub[d], d))


def scoring_terms(q: wq.Query) -> list[tuple[str, str, float]]:
    """``(field, term, boost)`` of every term of a flat Whoosh scoring query, boosts multiplied."""
    if isinstance(q, wq.Term):
        return [(q.fieldname, q.text, q.boost)]
    out: list[tuple[str, str, float]] = []
    for sub in q.children():
        out += [(f, t, b * q.boost) for f, t, b in scoring_terms(sub)]
    return out


def _score(view: View, compiled: CompiledQuery, final, n: int) -> list[tuple[int, float]]:
    terms = scoring_terms(compiled.score)
    final_set = final if isinstance(final, (set, frozenset)) else set(final)
    coverage: Counter[int] = Counter()
    for bg in compiled.bigrams:
        docs = view.docs("title_b", bg) | view.docs("body_b", bg)
        coverage.update(docs & final_set if len(docs) < len(final_set) else final_set & docs)
    if len(final_set) <= CANDIDATES:
        candidates = list(final_set)
    else:
        selective = [t for t in terms if view.df(t[0], t[1]) <= SELECTIVE_DF or t[0].endswith("_b")]
        pre = bm25(view, selective, final_set)
        if compiled.bigrams:
            total = len(compiled.bigrams)
            for d, c in coverage.items():
                pre[d] = pre.get(d, 0.0) * (1.0 + W_COVERAGE * c / total) + 1e-6 * c
        candidates = [d for d, _s in heapq.nlargest(CANDIDATES, pre.items(), key=lambda ds: (ds[1], -ds[0]))]
        if len(candidates) < CANDIDATES:
            candidates += _fill(view, terms, final_set, set(candidates), CANDIDATES - len(candidates))
    scores = bm25(view, terms, candidates)
    for d in candidates:
        scores.setdefault(d, 0.0)
    if not compiled.bigrams:
        return heapq.nlargest(n, scores.items(), key=lambda ds: (ds[1], -ds[0]))
    total = len(compiled.bigrams)
    combined = {d: s * (1.0 + W_COVERAGE * coverage.get(d, 0) / total) for d, s in scores.items()}
    top = heapq.nlargest(max(n, CONTIGUITY_DEPTH), combined.items(), key=lambda ds: (ds[1], -ds[0]))
    runs = _contiguity(view, compiled.chains, top[:CONTIGUITY_DEPTH], n)
    final_scores = [(d, s * (1.0 + W_CONTIGUITY * runs.get(d, 0.0))) for d, s in top]
    return heapq.nlargest(n, final_scores, key=lambda ds: (ds[1], -ds[0]))


def bm25(view: View, terms: list[tuple[str, str, float]], docs) -> dict[int, float]:
    """Whoosh BM25F (same idf, K1, B, per-field average length) summed over boosted terms.

    Few documents against a long posting list: skip to them (or binary search when the list is
    cached); otherwise one pass over the postings."""
    docs_set = docs if isinstance(docs, (set, frozenset)) else set(docs)
    ordered = sorted(docs_set) if len(docs_set) <= SPARSE_DOCS else None
    scores: dict[int, float] = {}
    get = scores.get
    for fname, term, boost in terms:
        deadline.check()
        df = view.df(fname, term)
        if not df:
            continue
        idf = view.idf(fname, term)
        avg = view.avg_length(fname)
        lengths = view.lengths(fname)
        c = boost * idf * (K1 + 1)
        k = K1 * (1 - B)
        kb = K1 * B / avg
        if ordered is not None and len(ordered) * 8 < df and not view.has_postings(fname, term):
            items = view.sparse_weights(fname, term, ordered).items()
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


def _fill(view: View, terms, final_set, have: set[int], k: int) -> list[int]:
    """More candidates when selective terms found too few: highest frequency of the rarest term."""
    body = sorted((t for t in terms if not t[0].endswith("_b")), key=lambda t: view.df(t[0], t[1]))
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


def _contiguity(view: View, chains: list[list[str]], head: list[tuple[int, float]], n: int) -> dict[int, float]:
    """:func:`_longest_runs_in_text` of the ``head`` documents (``(docnum, score)``, best first),
    stopping as soon as a document's score times the largest bonus ``(1 + W_CONTIGUITY)`` falls
    below the ``n``-th best boosted score so far: it and every later one (lower scores) cannot
    reach the first ``n`` any more, so the result's first ``n`` are exactly those of computing
    them all; only fewer stored pages are read."""
    chains = [c for c in chains if len(c) >= 3]
    if not chains or not head:
        return {}
    out: dict[int, float] = {}
    best: list[float] = []  # the n largest boosted scores so far (a min-heap)
    for d, s in head:
        if len(best) >= n and s * (1.0 + W_CONTIGUITY) < best[0]:
            break
        run = _longest_runs_in_text(view, chains, [d]).get(d, 0.0)
        if run:
            out[d] = run
        boosted = s * (1.0 + W_CONTIGUITY * run)
        if len(best) < n:
            heapq.heappush(best, boosted)
        elif boosted > best[0]:
            heapq.heapreplace(best, boosted)
    return out


def _longest_runs_in_text(view: View, chains: list[list[str]], docs: list[int]) -> dict[int, float]:
    """For each doc, ``((longest run of consecutive query syllables found contiguously) - 1) /
    (chain length - 1)``, squared: 1.0 when the whole typed phrase occurs verbatim (folded).

    Computed on the stored text of the few candidates: reading positions from the index meant
    stepping through every block of the longest posting lists (common syllables); folding 20
    stored pages and finding the chain's syllables in them is several times cheaper. Tokens are
    the F-field syllables (folded, i/y rule); title and body never form one run. Only the
    sequences of two or more adjacent chain syllables are looked at
    (:func:`search.highlight.chain_sequences`): a run longer than one lies inside one of them.
    """
    out: dict[int, float] = {}
    chains = [c for c in chains if len(c) >= 3]  # one pair: the coverage factor says it all
    if not chains or not docs:
        return out
    lookup = highlight.chain_lookup(frozenset(w for c in chains for w in c))
    words = set(lookup.values())
    for d in docs:
        deadline.check()
        _id, doc = view.stored(d)
        sequences: list[list[str]] = []
        for part in indexed_texts(doc, title=True):
            got = highlight.chain_sequences(part, lookup)
            if got is None:  # combining marks: tokenise the slow, exact way
                got = highlight.token_sequences(highlight.folded_tokens(part), words)
            sequences += got
        for chain in chains:
            where: dict[str, list[int]] = {}
            for i, w in enumerate(chain):
                where.setdefault(w, []).append(i)
            longest = 1
            for seq in sequences:
                positions: list[set[int]] = [set() for _ in chain]
                for j, tok in enumerate(seq):
                    for i in where.get(tok, ()):
                        positions[i].add(j)
                longest = max(longest, _longest_run(positions))
            value = ((longest - 1) / (len(chain) - 1)) ** 2
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
