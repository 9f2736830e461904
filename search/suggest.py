"""Suggestions: did-you-mean (accents restored from the index's own statistics) and title
completions for what is typed so far.

Why from the index: the ``sugg`` field lists ``fold|exact`` syllables and pairs of the pages
actually indexed, so a suggestion is always something that finds pages here, in the spelling
these portals use, with no external dictionary to ship or keep in step.

Public surface: :func:`did_you_mean`, :func:`restore_accents`, :func:`completions`,
:data:`SUGGEST_BELOW`.
"""

from __future__ import annotations

import math

from index import analysis
from search import matching, ranking
from search.facets import facet_key
from search.model import QueryError
from search.postings import View
from search.query import ParsedQuery, compile_query, parse

#: did-you-mean is offered when a plain query has fewer hits than this (or has no accents at all)
SUGGEST_BELOW = 10


def did_you_mean(view: View, parsed: ParsedQuery, total: int) -> str | None:
    """An accented spelling of a plain query when it has few hits or was typed without accents
    (None when nothing better is known)."""
    if not parsed.is_plain:
        return None
    sylls = [s for u in parsed.units for s in u.syllables]
    if not sylls or len(sylls) > 12:
        return None
    accented = [analysis.is_accented(s.exact) for s in sylls]
    if all(accented) or (any(accented) and total >= SUGGEST_BELOW):
        return None
    restored = restore_accents(view, [s.exact for s in sylls], accented)
    if restored is None:
        return None
    original = " ".join(s.exact for s in sylls)
    return None if restored == original else restored


def restore_accents(view: View, words: list[str], fixed: list[bool]) -> str | None:
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
                df = (view.df("body_e", exact) + view.df("title_e", exact) if single
                      else view.df("sugg", term))
                got[exact] = math.log1p(df)
            cache.put(prefix, got)
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
    _score, path = max(best[-1].values(), key=lambda o: o[0])
    return " ".join(path) if path else None


def completion_query(prefix: str) -> ParsedQuery | None:
    """What is typed so far as a title query whose last word is a prefix (None: nothing to do)."""
    text = " ".join((prefix or "").split())[:200]
    if not analysis.analyze(text):
        return None
    words = text.split()
    if len(analysis.fold(words[-1])) >= 2 and not words[-1].endswith("*"):
        words[-1] += "*"
    try:
        return parse(" ".join(f"title:{w}" for w in words))
    except QueryError:
        return None


def completions(view: View, parsed: ParsedQuery, limit: int = 10) -> list[str]:
    """Distinct titles of the best-ranked documents for a :func:`completion_query`."""
    out: list[str] = []
    seen: set[str] = set()
    compiled = compile_query(parsed, view.prefix_expander, view.is_common)
    final = matching.match(view, compiled.match)
    for d, _s in ranking.rank(view, compiled, final, "relevance", max(limit * 3, limit)):
        title = view.stored(d)[1].get("title") or ""
        key = facet_key(title)
        if title and key not in seen:
            seen.add(key)
            out.append(title)
        if len(out) >= limit:
            break
    return out
