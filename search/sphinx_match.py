"""tracuu's query tree (:mod:`search.query`) and token streams as SphinxQL text.

Why tokens are encoded: tracuu analyses every text in Python (exact syllables with the tone
canon, folded syllables with ``đ→d``, folded bigrams joined by ``_``, document numbers), so the
engine must not analyse again. Every token is sent as one ASCII word: tokens made of ``[a-z0-9_]``
as they are (folded syllables and bigrams, i.e. most of them), anything else (accented exact
syllables, ``15/2020/nđ-cp``) as ``_`` + the hex of its UTF-8 bytes. Analysis tokens never start
with ``_``, so the two forms cannot collide, and hex of UTF-8 keeps prefixes (the hex of ``hò``
is a prefix of the hex of ``hòa``), so ``hoà*`` still works with ``dict=keywords``. The engine
then needs only ``charset_table = 0..9, a..z, _`` — the same on Sphinx 2.2 and Manticore, with no
Vietnamese letter table to keep in sync. (Sphinx 2.2 cuts words at 42 bytes: a longer token
is cut the same way in documents and queries.)

The match tree is translated node by node: ``TermsAny`` → ``@(fields) term`` alternatives,
``AllOf`` → juxtaposition, ``AnyOf`` → ``|``, ``Without`` → ``-( … )``, ``PhraseIn`` → ``"…"``
on the F field (plus its E words, which the page must hold), ``PrefixAny`` → ``term*``,
``AtLeast`` → the quorum operator when its parts are single words, else the disjunction of
its combinations (or of its parts when there are too many). ``FacetValue`` (``site:`` /
``category:``) becomes an attribute filter where it narrows the whole query (fast, exact); inside
an ``OR`` (``site:a.gov.vn OR thuế``), where a filter cannot go, it becomes a word of the
``keys`` field, which holds ``s<key>`` for the page's site and every parent domain and
``c<key>`` for each of its category paths (:func:`key_words`). The scoring-only terms (exact spellings, adjacent
pairs) are added with ``MAYBE``: they never change the match set, only the weight.
"""

from __future__ import annotations

import itertools
import re
import zlib

from search import query as q
from search.facets import facet_key

_PLAIN = re.compile(r"[a-z0-9][a-z0-9_]*\Z")
#: combinations of an AtLeast written out before falling back to "any of the parts"
MAX_COMBINATIONS = 64
#: field weights (OPTION field_weights): title over body, exact spelling over folded, pairs
FIELD_WEIGHTS = {"title_e": 30, "title_f": 15, "title_b": 22, "body_e": 20, "body_f": 10,
                 "body_b": 15, "docnum": 80}


def token(term: str) -> str:
    """The engine's word for one analysis term (see the module docstring)."""
    if _PLAIN.match(term):
        return term
    return "_" + term.encode("utf-8").hex()


def tokens_text(terms: list[str]) -> str:
    return " ".join(token(t) for t in terms)


def key_crc(value: str) -> int:
    """The 32-bit key of a facet value (site, category path) as the filters compare it."""
    return zlib.crc32(facet_key(value).encode("utf-8"))


def category_key(value: str) -> int:
    """The key of a category path as typed (``Tin tức > Thời sự`` or ``tin tuc/thoi su``)."""
    from index.schema import CATEGORY_SEP

    return key_crc(CATEGORY_SEP.join(p.strip() for p in facet_key(value).replace(" > ", "/").split("/")))


def facet_keys(dimension: str, values: list[str]) -> list[int]:
    """The attribute keys a ``site``/``category`` filter compares (one per value)."""
    if dimension == "site":
        return sorted({key_crc(v) for v in values})
    return sorted({category_key(v) for v in values})


def key_words(site_key_list: list[int], cat_key_list: list[int]) -> str:
    """The ``keys`` field of a page: its facet keys as words (for ``site:`` inside an OR)."""
    return " ".join([f"s{k}" for k in site_key_list] + [f"c{k}" for k in cat_key_list])


def _facet_words(spec: q.FacetValue) -> str:
    prefix = "s" if spec.dimension == "site" else "c"
    alts = [f"(@keys {prefix}{k})" for k in facet_keys(spec.dimension, spec.values)]
    return alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")"


def site_keys(site: str) -> list[int]:
    """Keys of a site and of every parent domain (``bacninh.gov.vn`` also finds its subdomains)."""
    parts = facet_key(site).split(".")
    return [key_crc(".".join(parts[i:])) for i in range(len(parts))] if site else []


#: a word every document holds (the writer adds it to the ``docnum`` field), for queries that
#: only exclude: Sphinx cannot evaluate a lone ``-word``
ANY_DOC = "_all"


def _fields(names: list[str]) -> str:
    uniq = list(dict.fromkeys(names))
    return f"@{uniq[0]}" if len(uniq) == 1 else "@(" + ",".join(uniq) + ")"


def _terms_any(terms: list[tuple[str, str]]) -> str:
    by_term: dict[str, list[str]] = {}
    for fname, term in terms:
        by_term.setdefault(token(term), []).append(fname)
    alts = [f"({_fields(fs)} {t})" for t, fs in by_term.items()]
    return alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")"


def _single_word(spec: q.MatchSpec) -> tuple[tuple[str, ...], str] | None:
    if isinstance(spec, q.TermsAny):
        terms = {t for _f, t in spec.terms}
        if len(terms) == 1:
            return tuple(sorted({f for f, _t in spec.terms})), token(terms.pop())
    return None


def translate(spec: q.MatchSpec, filters: list[tuple[str, list[str]]], in_or: bool = False) -> str:
    """MATCH text of a match tree; ``site:``/``category:`` units that narrow the whole query are
    appended to ``filters`` (as ``(dimension, values)``: attribute filters); inside an OR
    (``in_or``) they are ``keys`` words instead."""
    if isinstance(spec, q.Everything):
        return ""
    if isinstance(spec, q.TermsAny):
        return _terms_any(spec.terms)
    if isinstance(spec, q.PrefixAny):
        alts = [f"({_fields([f])} {token(p)}*)" for f, p in spec.prefixes]
        return alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")"
    if isinstance(spec, q.FacetValue):
        if in_or:
            return _facet_words(spec)
        filters.append((spec.dimension, spec.values))
        return ""
    if isinstance(spec, q.AllOf):
        parts = [p for p in (translate(x, filters, in_or) for x in spec.parts) if p]
        return "(" + " ".join(parts) + ")" if parts else ""
    if isinstance(spec, q.AnyOf):
        parts = [translate(x, filters, True) for x in spec.parts]
        if any(not p for p in parts):
            return ""  # one alternative matches everything
        return "(" + " | ".join(parts) + ")"
    if isinstance(spec, q.Without):
        pos = translate(spec.positive, filters, in_or)
        negs = spec.negative.parts if isinstance(spec.negative, q.AnyOf) else [spec.negative]
        words = []
        for part in negs:
            facets: list[tuple[str, list[str]]] = []
            text = translate(part, facets, in_or)
            filters.extend(("-" + dim, values) for dim, values in facets)  # excluded sites/categories
            if text:
                words.append(text)
        if not words:
            return pos
        neg = words[0] if len(words) == 1 else "(" + " | ".join(words) + ")"
        # Sphinx needs a positive part: a pure exclusion keeps every document holding any word.
        return f"({pos} -{neg})" if pos else f"(@docnum {ANY_DOC} -{neg})"
    if isinstance(spec, q.PhraseIn):
        f_field = spec.steps[0][-1][0]
        words = " ".join(token(step[-1][1]) for step in spec.steps)
        exact = [step[0] for step in spec.steps if len(step) > 1]
        out = f'({_fields([f_field])} "{words}")'
        if exact:
            out = "(" + out + " " + " ".join(_terms_any([e]) for e in exact) + ")"
        return out
    if isinstance(spec, q.AtLeast):
        singles = [_single_word(p) for p in spec.parts]
        if all(singles) and len({s[0] for s in singles}) == 1:  # type: ignore[index]
            fields = singles[0][0]  # type: ignore[index]
            words = " ".join(s[1] for s in singles)  # type: ignore[index]
            return f'({_fields(list(fields))} "{words}"/{spec.count})'
        parts = [translate(p, filters, True) for p in spec.parts]
        combos = list(itertools.islice(itertools.combinations(parts, spec.count), MAX_COMBINATIONS + 1))
        if len(combos) <= MAX_COMBINATIONS:
            return "(" + " | ".join("(" + " ".join(c) + ")" for c in combos) + ")"
        return "(" + " | ".join(parts) + ")"
    raise TypeError(f"unknown match node {type(spec).__name__}")


def scoring_words(compiled: q.CompiledQuery) -> str:
    """``@field word`` alternatives of the scoring terms (exact spellings, adjacent pairs,
    document numbers), for ``MAYBE``: they raise the weight of pages holding them."""
    score = compiled.score
    terms: list[tuple[str, str]] = []
    for sub in getattr(score, "subqueries", ()) or ():
        fname, text = getattr(sub, "fieldname", None), getattr(sub, "text", None)
        if fname and isinstance(text, str) and not fname.endswith("_f"):
            terms.append((fname, text))
    terms = list(dict.fromkeys(terms))[:48]
    return " | ".join(f"{_fields([f])} {token(t)}" for f, t in terms)


def _positive_leaves(spec: q.MatchSpec, out: list[str]) -> None:
    if isinstance(spec, q.TermsAny):
        out.append(_terms_any(spec.terms))
    elif isinstance(spec, q.PrefixAny):
        out.extend(f"({_fields([f])} {token(p)}*)" for f, p in spec.prefixes)
    elif isinstance(spec, q.PhraseIn):
        out.extend(_terms_any([step[-1]]) for step in spec.steps)
    elif isinstance(spec, q.FacetValue):
        out.append(_facet_words(spec))  # a page found by its site alone (site:a OR thuế)
    elif isinstance(spec, q.Without):
        _positive_leaves(spec.positive, out)
    elif isinstance(spec, (q.AllOf, q.AnyOf, q.AtLeast)):
        for part in spec.parts:
            _positive_leaves(part, out)


def match_text(compiled: q.CompiledQuery, filters: list[tuple[str, list[str]]]) -> str:
    """The full MATCH() text: the translated tree and, for the ranker, a group of the scoring
    words OR every positive word of the tree (so the group holds wherever the tree does: it
    never narrows the match, it only adds the scoring words' hits to the weight).

    Not ``MAYBE``: Sphinx 2.2 with ``dict=keywords`` matches nothing when the right side of
    ``MAYBE`` holds a word missing from a shard's dictionary."""
    base = translate(compiled.match, filters)
    extra = scoring_words(compiled) if base else ""
    if not extra:
        return base
    anchor: list[str] = []
    _positive_leaves(compiled.match, anchor)
    if not anchor:
        return base
    return f"{base} ({' | '.join(dict.fromkeys(anchor))} | {extra})"


def quote(text: str) -> str:
    """A SphinxQL string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
