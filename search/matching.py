"""Matching: which documents a query and its filters select, as set algebra over cached postings.

Why sets and not Whoosh matchers: the match tree of :mod:`search.query` has semantics Whoosh's
matchers lack (a working minimum-should-match for long queries; quoted phrases checked on
positions only for candidates that already hold every bigram), and a set can be reused for the
total, the facet counts and the ranking without walking postings again.

Public surface: :func:`match` (query tree → documents, listing pages removed), :func:`evaluate`,
:func:`request_filters` (site/category/year/date filters of a request → sets), :func:`date_docs`.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from whoosh.util.times import datetime_to_long

from index.schema import utc_naive
from search import attachments, deadline
from search.dates import date_range
from search.health import reading
from search.model import SearchRequest
from search.postings import MISSING_DATE, View
from search.query import (
    AllOf,
    AnyOf,
    AtLeast,
    Everything,
    FacetValue,
    MatchSpec,
    PhraseIn,
    PrefixAny,
    TermsAny,
    Without,
)

#: a quoted phrase of 3+ words is checked on positions when at most this many pages hold its pairs
PHRASE_VERIFY_MAX = 300


def match(view: View, spec: MatchSpec):
    """Documents matching ``spec``, without hidden (listing) pages."""
    found = evaluate(view, spec)
    return found - view.hidden if view.hidden else found


def evaluate(view: View, spec: MatchSpec) -> frozenset[int] | set[int]:
    """The documents of one match-tree node (listing pages included)."""
    if isinstance(spec, TermsAny):
        sets = [view.docs(f, t) for f, t in spec.terms]
        return sets[0] if len(sets) == 1 else frozenset().union(*sets)
    if isinstance(spec, PrefixAny):
        sets = [view.docs(f, t) for f, p in spec.prefixes for t in view.expand(f, p)]
        return frozenset().union(*sets) if sets else frozenset()
    deadline.check()
    if isinstance(spec, AllOf):
        parts = sorted((evaluate(view, p) for p in spec.parts), key=len)
        out = set(parts[0])
        for p in parts[1:]:
            if not out:
                break
            out &= p
        return out
    if isinstance(spec, AnyOf):
        return frozenset().union(*(evaluate(view, p) for p in spec.parts))
    if isinstance(spec, AtLeast):
        counts: Counter[int] = Counter()
        for p in spec.parts:
            counts.update(evaluate(view, p))
        return {d for d, n in counts.items() if n >= spec.count}
    if isinstance(spec, Without):
        return set(evaluate(view, spec.positive)) - evaluate(view, spec.negative)
    if isinstance(spec, Everything):
        return view.all_docs
    if isinstance(spec, PhraseIn):
        return _phrase(view, spec)
    if isinstance(spec, FacetValue):
        return view.facets.docs(spec.dimension, spec.values)
    raise TypeError(f"unknown match spec {spec!r}")


def _phrase(view: View, spec: PhraseIn) -> set[int]:
    found = evaluate(view, spec.candidates)
    if not found:
        return set()
    if len(spec.steps) == 2 or len(found) > PHRASE_VERIFY_MAX:
        # Two words: the pair posting *is* adjacency (B never spans punctuation, so it is even
        # stricter than positions). Many candidates of a longer phrase: every adjacent pair is
        # there; checking positions in thousands of pages would cost more than it corrects.
        # Either way accented words must be spelled exactly: intersect their E sets.
        return _exact_words(view, spec, found)
    cands = sorted(_exact_words(view, spec, found))
    matchers = view.position_matchers([step[-1] for step in spec.steps])
    if matchers is None:
        return set()
    out: set[int] = set()
    n = len(matchers)
    with reading(view.health, view.reader, "phrase positions"):
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


def _exact_words(view: View, spec: PhraseIn, found) -> set[int]:
    """``found`` narrowed to documents holding every accented word of the phrase as spelled."""
    out = set(found)
    for step in spec.steps:
        fname, term = step[0]
        if fname.endswith("_e"):
            out &= view.docs(fname, term)
    return out


def date_docs(view: View, start: datetime | None, end: datetime | None) -> frozenset[int]:
    """Searchable documents published in ``[start, end]`` (either end open)."""
    lo = datetime_to_long(utc_naive(start)) if start else -1
    hi = datetime_to_long(utc_naive(end)) if end else MISSING_DATE - 1
    pub = view.pub
    return frozenset(d for d in view.all_docs if lo <= pub[d] <= hi)


def request_filters(view: View, req: SearchRequest) -> dict[str, frozenset[int]]:
    """``{"site"|"category"|"year"|"date": documents}`` for the filters a request sets."""
    out: dict[str, frozenset[int]] = {}
    if req.site:
        out["site"] = view.facets.docs("site", req.site)
    if req.category:
        out["category"] = view.facets.docs("category", req.category)
    if req.year:
        out["year"] = view.facets.docs("year", [str(y) for y in req.year])
    if req.date_from or req.date_to:
        start, end = date_range(req.date_from, req.date_to)
        out["date"] = date_docs(view, start, end)
    for dim in ("doctype", "issuer", "format"):  # attachments (search.attachments)
        if getattr(req, dim):
            out[dim] = view.facets.docs(dim, getattr(req, dim))
    if req.kind:
        out["kind"] = attachments.kind_filter(view, req.kind)
    return out
