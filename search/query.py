"""Turning what people type into (a) an exact match specification and (b) a Whoosh scoring query.

Why a hand-written parser instead of Whoosh's ``QueryParser``: Vietnamese needs per-token field
choice (accented words → E boosted OR F, unaccented → F), bigram should-clauses between adjacent
words, prefix queries over both tone placements (``hoà*`` → ``hoà``/``hòa``, row 57b), upper-case
*English* operators only (``KHÔNG thu phí`` is three words), and hostile input must never raise
anything but :class:`QueryError`. Whoosh's parser raises on some inputs and silently turns ``-``
into AND.

Matching and scoring are separated on purpose:

* :class:`MatchSpec` trees are evaluated by the searcher as set algebra over cached posting
  sets. That gives exact semantics Whoosh lacks (``Or`` has no working ``minmatch``; quoted
  phrases are verified on positions only for candidates that already contain every bigram), and
  it makes facet counting cheap.
* ``score_query`` is a flat Whoosh ``Or`` of term queries (E/F/B/D). Whoosh scores only the
  documents the match set allows (passed as a filter), so phrases cost no ``Phrase`` scoring.

Syntax: words; ``"quoted phrases"``; ``+word`` (required), ``-word``/``-"phrase"`` (excluded);
``AND``/``OR``/``NOT`` (upper-case English, between two operands); ``title:``, ``site:``,
``category:`` prefixes; ``word*`` prefix search (≥ 2 letters). Up to 3 words are all required;
longer queries need at least 60 % of their words, ranking documents with more of them (and with
the words adjacent, via bigrams) first.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from dataclasses import dataclass, field

from whoosh import query as wq

from index import analysis
from search.model import QueryError

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 1000
MAX_UNITS = 32
MAX_PREFIX_TERMS = 64
MIN_PREFIX_CHARS = 2
#: how many plain words are all required; above this a fraction suffices
ALL_REQUIRED_UP_TO = 3
MIN_FRACTION = 0.6

# Boosts (tuned with bench/quality.py on the dev queries).
W_EXACT = 2.0      # E-field term, multiplies the F weight for accented words
W_TITLE = 1.5      # title fields relative to body fields
W_BIGRAM = 1.5     # B-field adjacency terms
W_DOCNUM = 8.0     # a whole document number

FIELD_NAMES = {"title": "title", "site": "site", "category": "category"}
OPERATORS = {"AND", "OR", "NOT"}
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})
_TOKEN_RE = re.compile(
    r'(?P<mod>[+\-]?)(?:(?P<field>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))'
)


# ---------------------------------------------------------------------------------------------
# Match specifications: evaluated by the searcher against cached posting sets.
# ---------------------------------------------------------------------------------------------
class MatchSpec:
    """A node of the boolean match tree."""


@dataclass
class TermsAny(MatchSpec):
    """Documents having any of these (field, term) postings."""

    terms: list[tuple[str, str]]


@dataclass
class PrefixAny(MatchSpec):
    """Documents having any term starting with one of these (field, prefix) pairs."""

    prefixes: list[tuple[str, str]]


@dataclass
class AllOf(MatchSpec):
    parts: list[MatchSpec]


@dataclass
class AnyOf(MatchSpec):
    parts: list[MatchSpec]


@dataclass
class AtLeast(MatchSpec):
    """Documents matching at least ``count`` of ``parts``."""

    count: int
    parts: list[MatchSpec]


@dataclass
class Without(MatchSpec):
    positive: MatchSpec
    negative: MatchSpec


@dataclass
class Everything(MatchSpec):
    pass


@dataclass
class PhraseIn(MatchSpec):
    """Consecutive positions in one field group: ``steps`` is one list of (field, term) per
    position: the F term, preceded by the E term for accented words (the document must hold
    it; positions are always read from the F term, the last); ``candidates`` narrows the
    documents whose positions are checked."""

    steps: list[list[tuple[str, str]]]
    candidates: MatchSpec


@dataclass
class FacetValue(MatchSpec):
    """Documents whose ``site``/``category`` matches one of ``values`` (facet tables)."""

    dimension: str
    values: list[str]


# ---------------------------------------------------------------------------------------------
# Parsed query units
# ---------------------------------------------------------------------------------------------
@dataclass
class Unit:
    kind: str                      # word | phrase | prefix | docnum | site | category
    raw: str
    mode: str = ""                 # "" | "+" | "-"
    syllables: list[analysis.Syllable] = field(default_factory=list)
    groups: tuple[str, ...] = ("title", "body")
    prefixes_e: list[str] = field(default_factory=list)
    prefixes_f: list[str] = field(default_factory=list)
    docnums: list[str] = field(default_factory=list)


@dataclass
class ParsedQuery:
    text: str
    alternatives: list[list[Unit]]
    notes: list[str] = field(default_factory=list)

    @property
    def units(self) -> list[Unit]:
        return [u for alt in self.alternatives for u in alt]

    @property
    def is_plain(self) -> bool:
        """Only plain words (no operators, quotes, fields, prefixes): did-you-mean applies."""
        return len(self.alternatives) == 1 and all(
            u.kind == "word" and not u.mode and u.groups == ("title", "body") for u in self.units
        )

    @property
    def is_empty(self) -> bool:
        return not self.units


@dataclass
class CompiledQuery:
    parsed: ParsedQuery
    match: MatchSpec
    score: wq.Query | None
    #: F-terms, F-prefixes and E-prefixes of the positive words, for highlighting
    highlight_terms: set[str]
    highlight_prefixes_f: tuple[str, ...] = ()
    highlight_prefixes_e: tuple[str, ...] = ()
    #: folded bigrams of adjacent query words: the re-ranker rewards documents holding them all
    bigrams: list[str] = field(default_factory=list)
    #: F syllables of each run of adjacent plain words (for the contiguity bonus)
    chains: list[list[str]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------
def clean_query_text(q: str, max_chars: int = MAX_QUERY_CHARS) -> str:
    """Control characters → spaces, quotes unified, legacy/mojibake repaired (analysis).

    ``max_chars`` is the caller's limit (:class:`search.limits.Limits`), so the parser never
    refuses what the web or the CLI accepted."""
    if len(q) > max_chars:
        raise QueryError(
            f"Câu truy vấn quá dài ({len(q)} ký tự; tối đa {max_chars}). Hãy rút gọn "
            "thành vài từ hoặc cụm từ đặc trưng. (query too long)"
        )
    q = "".join(" " if unicodedata.category(c) == "Cc" else c for c in q)
    q = analysis.prepare_query(q).translate(_QUOTES)
    if q.count('"') % 2:
        # An unbalanced quote: drop the last one and read the rest as plain words.
        i = q.rfind('"')
        q = q[:i] + " " + q[i + 1:]
    return " ".join(q.split())


def parse(q: str, max_chars: int = MAX_QUERY_CHARS) -> ParsedQuery:
    """Parse user text; raises :class:`QueryError` only for input that cannot mean anything."""
    text = clean_query_text(q or "", max_chars)
    notes: list[str] = []
    raw_tokens = [m for m in _TOKEN_RE.finditer(text)]
    # First pass: classify tokens into operators and units.
    items: list[Unit | str] = []
    lone_star = False
    for m in raw_tokens:
        mod, fname, phrase, word = m.group("mod"), m.group("field"), m.group("phrase"), m.group("word")
        if word is not None and not mod and not fname and word in OPERATORS:
            items.append(word)
            continue
        if fname and fname.lower() not in FIELD_NAMES:
            # Unknown field (or a URL scheme): search its value as plain text.
            notes.append(f"trường “{fname}” không tồn tại; chỉ tìm phần sau dấu hai chấm")
            fname = None
        fname = FIELD_NAMES.get(fname.lower()) if fname else None
        if fname in ("site", "category"):
            value = phrase if phrase is not None else word
            if value and value.strip():
                items.append(Unit(kind=fname, raw=value.strip(), mode=mod))
            continue
        groups = ("title",) if fname == "title" else ("title", "body")
        if phrase is not None:
            sylls = analysis.analyze(phrase)
            if sylls:
                items.append(Unit(kind="phrase", raw=phrase, mode=mod, syllables=sylls, groups=groups))
            continue
        assert word is not None
        for piece in word.split() if " " in word else [word]:
            unit = _word_unit(piece, mod, groups)
            if unit is None:
                if piece.strip("*") == "":
                    lone_star = True
                continue
            items.append(unit)
    alternatives = _combine(items, notes)
    if sum(len(a) for a in alternatives) > MAX_UNITS:
        notes.append(f"chỉ dùng {MAX_UNITS} từ đầu tiên")
        kept: list[list[Unit]] = []
        budget = MAX_UNITS
        for alt in alternatives:
            if budget <= 0:
                break
            kept.append(alt[:budget])
            budget -= len(kept[-1])
        alternatives = kept
    parsed = ParsedQuery(text=text, alternatives=[a for a in alternatives if a], notes=notes)
    if parsed.is_empty and text:
        if lone_star:
            raise QueryError(
                "Dấu * phải đứng sau ít nhất 2 chữ cái (ví dụ: hòa*). (wildcard needs a prefix)"
            )
        raise QueryError(
            f"Câu truy vấn “{text[:80]}” không có từ nào để tìm. Hãy nhập chữ hoặc số. "
            "(query has no searchable words)"
        )
    if parsed.units and all(u.mode == "-" for u in parsed.units) and not any(
        u.kind in ("site", "category") for u in parsed.units
    ):
        notes.append("chỉ có điều kiện loại trừ: tìm trong mọi tài liệu")
    return parsed


def _word_unit(word: str, mod: str, groups: tuple[str, ...]) -> Unit | None:
    is_prefix = word.endswith("*")
    core = word.rstrip("*")
    sylls = analysis.analyze(core)
    if not sylls:
        return None
    if is_prefix:
        last = sylls[-1]
        typed = core[last.start:last.end] if analysis.prepare_query(core) == core else last.exact
        if len(analysis.fold(last.exact)) >= MIN_PREFIX_CHARS:
            unit = Unit(kind="prefix", raw=word, mode=mod, syllables=sylls, groups=groups)
            if analysis.is_accented(last.exact):
                unit.prefixes_e = sorted(analysis.prefix_variants(typed) | analysis.prefix_variants(last.exact))
            else:
                unit.prefixes_f = sorted({last.folded, analysis.fold(last.exact)})
            return unit
        # "a*": too broad to expand; search the word itself.
    nums = analysis.docnums(core)
    if nums:
        return Unit(kind="docnum", raw=word, mode=mod, syllables=sylls, groups=groups, docnums=nums)
    return Unit(kind="word", raw=word, mode=mod, syllables=sylls, groups=groups)


def _combine(items: list[Unit | str], notes: list[str]) -> list[list[Unit]]:
    """Apply AND/OR/NOT: OR splits alternatives; NOT excludes the next unit; AND requires both
    neighbours. Operators without an operand on each side are ignored (noted)."""
    alternatives: list[list[Unit]] = [[]]
    pending_not = False
    pending_and = False
    for i, item in enumerate(items):
        if isinstance(item, str):
            has_left = bool(alternatives[-1]) or (i > 0 and isinstance(items[i - 1], Unit))
            has_right = i + 1 < len(items) and isinstance(items[i + 1], Unit)
            if item == "NOT" and has_right:
                pending_not = True
            elif item == "OR" and has_left and has_right:
                alternatives.append([])
            elif item == "AND" and has_left and has_right:
                if alternatives[-1] and alternatives[-1][-1].mode == "":
                    alternatives[-1][-1].mode = "+"
                pending_and = True
            else:
                notes.append(f"toán tử {item} thiếu vế, bị bỏ qua")
            continue
        if pending_not:
            item.mode = "-"
            pending_not = False
        elif pending_and and item.mode == "":
            item.mode = "+"
        pending_and = False
        alternatives[-1].append(item)
    return alternatives


# ---------------------------------------------------------------------------------------------
# Compiling
# ---------------------------------------------------------------------------------------------
def _is_accented(s: analysis.Syllable) -> bool:
    return s.exact != analysis.fold(s.exact)


def _syllable_match(s: analysis.Syllable, groups: tuple[str, ...]) -> MatchSpec:
    # F ⊇ E (F is a function of E), so the F postings decide membership.
    return TermsAny([(f"{g}_f", s.folded) for g in groups])


def _syllable_score(s: analysis.Syllable, groups: tuple[str, ...], boost: float = 1.0) -> list[wq.Query]:
    out: list[wq.Query] = []
    for g in groups:
        w = (W_TITLE if g == "title" else 1.0) * boost
        out.append(wq.Term(f"{g}_f", s.folded, boost=w))
        if _is_accented(s):
            out.append(wq.Term(f"{g}_e", s.exact, boost=w * W_EXACT))
    return out


def _bigram_terms(sylls: list[analysis.Syllable]) -> list[str]:
    return [f"{a.folded}_{b.folded}" for a, b in zip(sylls, sylls[1:], strict=False)]


def _bigram_score(bigrams: list[str], groups: tuple[str, ...]) -> list[wq.Query]:
    return [wq.Term(f"{g}_b", b, boost=W_BIGRAM * (W_TITLE if g == "title" else 1.0))
            for b in bigrams for g in groups]


def _phrase_match(u: Unit) -> MatchSpec:
    sylls = u.syllables
    per_group: list[MatchSpec] = []
    for g in u.groups:
        # An accented word's step is (E term, F term): the page must hold the exact spelling (E),
        # and the order is checked on F positions (E fields keep no positions: cheaper to write).
        steps = [[(f"{g}_e", s.exact), (f"{g}_f", s.folded)] if _is_accented(s) else [(f"{g}_f", s.folded)]
                 for s in sylls]
        if len(sylls) == 1:
            per_group.append(TermsAny([steps[0][0]]))
        else:
            # Candidates: pages holding every adjacent pair (short posting lists); the positions
            # check then verifies order and, for accented words, the exact spelling.
            cands: list[MatchSpec] = [TermsAny([(f"{g}_b", b)]) for b in _bigram_terms(sylls)]
            per_group.append(PhraseIn(steps=steps, candidates=cands[0] if len(cands) == 1 else AllOf(cands)))
    return per_group[0] if len(per_group) == 1 else AnyOf(per_group)


def _unit_match(u: Unit) -> MatchSpec:
    if u.kind == "site" or u.kind == "category":
        return FacetValue(u.kind, [u.raw])
    if u.kind == "phrase":
        return _phrase_match(u)
    if u.kind == "prefix":
        head = [_syllable_match(s, u.groups) for s in u.syllables[:-1]]
        if u.prefixes_e:
            pre = PrefixAny([(f"{g}_e", p) for g in u.groups for p in u.prefixes_e])
        else:
            pre = PrefixAny([(f"{g}_f", p) for g in u.groups for p in u.prefixes_f])
        return AllOf(head + [pre]) if head else pre
    parts = [_syllable_match(s, u.groups) for s in u.syllables]
    whole: MatchSpec = parts[0] if len(parts) == 1 else AllOf(parts)
    if u.kind == "docnum":
        return AnyOf([TermsAny([("docnum", d) for d in u.docnums]), whole])
    return whole


def _unit_score(u: Unit, prefix_expander, groups: tuple[str, ...] | None = None) -> list[wq.Query]:
    """Scoring terms of a unit; ``groups`` narrows the syllable terms (not the bigrams)."""
    if u.kind in ("site", "category"):
        return []
    if u.kind == "prefix":
        out = [q for s in u.syllables[:-1] for q in _syllable_score(s, u.groups)]
        if u.prefixes_e:
            pairs = [(f"{g}_e", p) for g in u.groups for p in u.prefixes_e]
        else:
            pairs = [(f"{g}_f", p) for g in u.groups for p in u.prefixes_f]
        for fname, term in prefix_expander(pairs, MAX_PREFIX_TERMS):
            out.append(wq.Term(fname, term, boost=W_TITLE if fname.startswith("title") else 1.0))
        return out
    boost = 1.5 if u.kind == "phrase" else 1.0
    out = [q for s in u.syllables for q in _syllable_score(s, u.groups if groups is None else groups, boost)]
    out += _bigram_score(_bigram_terms(u.syllables), u.groups)
    if u.kind == "docnum":
        out += [wq.Term("docnum", d, boost=W_DOCNUM) for d in u.docnums]
    return out


def _query_pairs(units: list[Unit]) -> list[str]:
    """Folded bigrams of adjacent plain words (within and between units), in order."""
    sylls = [s for u in units if u.kind in ("word", "docnum") for s in u.syllables]
    return list(dict.fromkeys(_bigram_terms(sylls)))


def _is_common_unit(u: Unit, is_common) -> bool:
    return u.kind == "word" and bool(u.syllables) and all(is_common(s.folded) for s in u.syllables)


def compile_query(parsed: ParsedQuery, prefix_expander, is_common=None) -> CompiledQuery:
    """Build the match tree and the scoring query. ``prefix_expander(pairs, limit)`` yields
    ``(field, term)`` expansions of ``(field, prefix)`` pairs (the searcher reads its lexicon).

    ``is_common(folded_syllable)`` says whether a syllable is in a large share of the documents
    (``của``, ``và``, ``có``; over 5 % of the documents). In long queries (where not every word is required anyway) such
    words neither count towards the required share nor get body-text BM25 terms: their posting
    lists are the longest in the index and reading them dominated search time (bench/search.py),
    while their idf is near zero. They still count in titles, in the bigrams of adjacent words,
    in quoted phrases and in the contiguity bonus, which is where they carry meaning."""
    is_common = is_common or (lambda _t: False)
    if parsed.is_empty:
        return CompiledQuery(parsed, Everything(), None, set())
    alt_specs: list[MatchSpec] = []
    score_parts: list[wq.Query] = []
    hl_terms: set[str] = set()
    hl_pre_f: set[str] = set()
    hl_pre_e: set[str] = set()
    adjacency: list[str] = []
    chains: list[list[str]] = []
    for alt in parsed.alternatives:
        required = [u for u in alt if u.mode == "+"]
        excluded = [u for u in alt if u.mode == "-"]
        plain = [u for u in alt if u.mode == ""]
        parts: list[MatchSpec] = [_unit_match(u) for u in required]
        text_plain = [u for u in plain if u.kind not in ("site", "category")]
        parts += [_unit_match(u) for u in plain if u.kind in ("site", "category")]
        long_query = len(text_plain) > ALL_REQUIRED_UP_TO
        if not long_query:
            parts += [_unit_match(u) for u in text_plain]
        else:
            rare = [u for u in text_plain if not _is_common_unit(u, is_common)]
            need_all = max(ALL_REQUIRED_UP_TO, math.ceil(round(MIN_FRACTION * len(text_plain), 6)))
            # Common words are taken as present (they are, in most pages); the rest of the share
            # must come from the rarer words.
            need = need_all - (len(text_plain) - len(rare))
            if need >= 1:
                specs = [_unit_match(u) for u in rare]
                need = min(need, len(specs))
            else:
                # Mostly common words: alone they match most of the index, so half of the rarer
                # words and adjacent pairs together decide.
                pairs = _query_pairs(text_plain)
                specs = [_unit_match(u) for u in rare]
                specs += [TermsAny([(f"{g}_b", b) for g in ("title", "body")]) for b in pairs]
                if not specs:
                    specs = [_unit_match(u) for u in text_plain]
                need = max(1, math.ceil(round(0.5 * len(specs), 6)))
            parts.append(specs[0] if len(specs) == 1 else AtLeast(need, specs) if need < len(specs) else AllOf(specs))
        positive: MatchSpec = Everything() if not parts else parts[0] if len(parts) == 1 else AllOf(parts)
        if excluded:
            neg = [_unit_match(u) for u in excluded]
            positive = Without(positive, neg[0] if len(neg) == 1 else AnyOf(neg))
        alt_specs.append(positive)
        # Scoring: every positive unit, plus bigrams between adjacent plain/required words.
        run: list[analysis.Syllable] = []
        for u in alt:
            if u.mode == "-":
                continue
            light = long_query and u.mode == "" and _is_common_unit(u, is_common)
            score_parts += _unit_score(u, prefix_expander, groups=() if light else None)
            if u.kind in ("word", "docnum", "phrase") and u.groups == ("title", "body"):
                if run:
                    score_parts += _bigram_score(_bigram_terms([run[-1], u.syllables[0]]), u.groups)
                    adjacency.extend(_bigram_terms([run[-1], u.syllables[0]]))
                else:
                    chains.append([])
                adjacency.extend(_bigram_terms(u.syllables))
                chains[-1].extend(s.folded for s in u.syllables)
                run = list(u.syllables)
            else:
                run = []
            if u.kind in ("word", "docnum", "phrase", "prefix"):
                sylls = u.syllables[:-1] if u.kind == "prefix" else u.syllables
                hl_terms.update(s.folded for s in sylls)
                hl_pre_f.update(u.prefixes_f)
                hl_pre_e.update(u.prefixes_e)
    match = alt_specs[0] if len(alt_specs) == 1 else AnyOf(alt_specs)
    score = wq.Or(score_parts) if score_parts else None
    return CompiledQuery(parsed, match, score, hl_terms, tuple(sorted(hl_pre_f)), tuple(sorted(hl_pre_e)),
                         list(dict.fromkeys(adjacency)), [c for c in chains if len(c) > 1])
