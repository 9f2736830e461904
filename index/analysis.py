"""Vietnamese text analysis shared by indexing and querying (design doc ../shared/design/vietnamese-analysis.md).

Why this exists: stock Whoosh shreds decomposed (NFD) text, drops ``y``/``an`` as stopwords, never
folds ``đ`` and treats ``hoà``/``hòa`` as different words. Here every token is a syllable of the
*original* text (so highlight offsets are exact even for NFD input), normalised per token:
NFKC, invisibles removed, ``Ð/ð→Đ/đ``, lowercase, tone placement canonicalised to the traditional
style (``hoà→hòa``, never ``hoàn→hòan``; see :mod:`index.tones`).

Public API (names are a contract with the search/index slices):

* ``normalize(text)`` – repaired (legacy encodings, mojibake), NFKC-clean, lowercase text with
  canonical tone placement; same length as the input for clean NFC text.
* ``canon_syllable(s)`` – canonical tone placement of one syllable, case kept.
* ``fold(text)`` – every mark stripped, ``đ→d``, lowercase (no i/y folding).
* ``syllables(text)`` – E-field terms of a text (canonical syllables, marks kept).
* ``fold_syllables(text)`` – F-field terms (folded, with the i/y rule of §3.4: ``quy→qui``).
* ``bigrams(text)`` – B-field terms (``cong_hoa``), never across sentence punctuation.
* ``docnums(text)`` – folded document numbers (``15/2020/nd-cp``), the D-field query terms.
* ``analyze(text)`` – list of :class:`Syllable` (exact, folded, start, end) for custom query building.
* ``is_accented(token)`` – does the token carry any Vietnamese mark or ``đ`` (decides E vs F).
* ``prefix_variants(prefix)`` – E-field prefixes to OR for ``hoà*`` → ``{"hoà", "hòa"}`` (row 57b).
* ``prepare_query(text)`` – legacy/mojibake repair + Unicode clean-up of a raw query (case kept).
* ``fold_term(term)`` – F-field form of one already-normalised syllable.
* Whoosh analyzers (factory functions): ``exact_analyzer()`` (E), ``folded_analyzer()`` (F),
  ``bigram_analyzer()`` (B), ``docnum_analyzer()`` (D: exact ``15/2020/nđ-cp`` and folded
  ``15/2020/nd-cp`` at the same position). All accept Whoosh's usual keyword arguments
  (``positions``, ``chars``, ``mode``, ``tokenize=False`` for prefix/wildcard text, ...).

The analyzers do *not* repair legacy encodings: ingestion stores repaired text (A.1), and the
highlighter must see offsets into exactly the stored string. Queries go through
``prepare_query``/``normalize`` first. The analyzer classes are pickled into the Whoosh schema,
so their module path and names are part of the index format: do not rename them.

Speed: per-token work (NFKC, canonicalisation, folding) is cached per distinct raw token, and the
token list of a field value is computed once and shared by the E, F and B analyzers (a small
cache keyed by the value string), because the writer analyses the same text for each field.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from whoosh.analysis import Token, Tokenizer

from index.tones import canon_lower, canon_syllable, fold_lower, iy_fold, tone_variants
from ingest.textfix import normalize_unicode, repair_text

__all__ = [
    "Syllable", "analyze", "bigram_analyzer", "bigrams", "canon_syllable", "clean_unicode",
    "docnum_analyzer", "docnums", "exact_analyzer", "fold", "fold_syllables", "fold_term",
    "folded_analyzer", "is_accented", "normalize", "prefix_variants", "prepare_query",
    "syllables", "VnExactAnalyzer", "VnFoldedAnalyzer", "VnBigramAnalyzer", "VnDocnumAnalyzer",
]

# Invisible characters deleted inside words, and Đ/đ homoglyphs (design doc N2, N3).
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_CLEAN_TABLE = str.maketrans(
    {**{c: None for c in _INVISIBLE},
     "\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110", "\u0256": "\u0111",
     "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " "}
)
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# A token is a run of word characters plus combining marks and invisibles taken from the ORIGINAL
# text, so NFD words and soft-hyphenated words stay whole and offsets point into the original.
_TOKEN_RE = re.compile(f"[^\\W_][\\w{_MARKS}{_INVISIBLE}]*")
_WORD_PART_RE = re.compile(f"[^\\W_](?:[^\\W_]|[{_MARKS}{_INVISIBLE}])*")
_SYLL_RE = re.compile(r"[^\W_]+")
_LEADING_MARKS_RE = re.compile(f"^[{_MARKS}]+")
_MARKS_RE = re.compile(f"[{_MARKS}]")
# Punctuation that ends a phrase: no bigram spans it.
_BREAK_RE = re.compile(r"[.,;:!?()\[\]{}\"“”«»…|\n\r\t•·]")
_DOCNUM_RE = re.compile(
    f"(?<![\\w/／{_MARKS}])\\d+(?:[/／]\\d{{2,4}})?[/／][^\\W\\d_][\\w{_MARKS}]*"
    f"(?:[-–‐‑－][\\w{_MARKS}]+)*"
)
_DASHES = str.maketrans({"–": "-", "‐": "-", "‑": "-", "－": "-", "／": "/"})


def clean_unicode(text: str) -> str:
    """NFKC, invisibles removed, NBSP-like spaces → space, ``Ð/ð/Ɖ/ɖ → Đ/đ`` (case kept)."""
    return unicodedata.normalize("NFKC", text.translate(_CLEAN_TABLE))


@lru_cache(maxsize=1 << 17)
def _forms(raw: str) -> tuple[str, str] | None:
    """(E term, F term) of one raw token of the original text, or None if nothing is left."""
    if raw.isascii():
        low = raw.lower()
        return low, iy_fold(low)
    t = clean_unicode(raw).lower()
    if t and unicodedata.combining(t[0]):
        t = _LEADING_MARKS_RE.sub("", t)
    if not t:
        return None
    exact = canon_lower(t)
    return exact, iy_fold(fold_lower(exact))


# (E term, F term, start, end, phrase break before this token)
_Tok = tuple[str, str, int, int, bool]
_RECENT: dict[str, list[_Tok]] = {}
_RECENT_MAX = 8
_RECENT_LOCK = threading.Lock()


def _tokens(value: str) -> list[_Tok]:
    """Token list of a field value, shared by the E/F/B analyzers through a small recent cache."""
    cached = _RECENT.get(value)
    if cached is not None:
        return cached
    out: list[_Tok] = []
    append = out.append
    forms = _forms
    brk_search = _BREAK_RE.search
    prev_end = -1
    for m in _TOKEN_RE.finditer(value):
        raw = m.group()
        if "_" in raw:  # rare: underscores split words
            base = m.start()
            pieces = [(p.group(), base + p.start(), base + p.end()) for p in _WORD_PART_RE.finditer(raw)]
        else:
            f = forms(raw)
            if f is None:
                continue
            start, end = m.span()
            if prev_end < 0:
                brk = True
            elif start - prev_end == 1 and value[prev_end] == " ":
                brk = False
            else:
                brk = brk_search(value, prev_end, start) is not None
            append((f[0], f[1], start, end, brk))
            prev_end = end
            continue
        for text, start, end in pieces:
            f = forms(text)
            if f is None:
                continue
            brk = prev_end < 0 or brk_search(value, prev_end, start) is not None
            append((f[0], f[1], start, end, brk))
            prev_end = end
    _remember(_RECENT, value, out)
    return out


def _remember(cache: dict, value: str, result) -> None:
    """Keep ``result`` for ``value`` in a small per-value cache (the writer analyses each text for
    several fields in a row); short values are cheap to redo and not kept."""
    if len(value) > 16:
        with _RECENT_LOCK:
            if len(cache) >= _RECENT_MAX:
                cache.pop(next(iter(cache)), None)
            cache[value] = result


class TermLists(NamedTuple):
    """A field value's terms in position order, for the writer (no offsets): E terms, F terms,
    and ``seps[i]``, the text between syllable ``i - 1`` and ``i`` (``seps[0]`` precedes the first)."""

    exact: list[str]
    folded: list[str]
    seps: list[str]

    def phrase_breaks(self) -> list[bool]:
        """``True`` where a bigram must not span from the previous syllable (same rule as
        :func:`_tokens`: sentence punctuation or a line break in between)."""
        brk = _BREAK_RE.search
        return [True] + [sep != " " and brk(sep) is not None for sep in self.seps[1:]]


_LISTS: dict[str, TermLists] = {}


def term_lists(value: str) -> TermLists:
    """:class:`TermLists` of a field value, shared by the writer's E/F/B fields (small recent cache).

    The common case runs at C speed: ``findall``/``split`` with the token pattern and the cached
    per-token forms mapped over the tokens. Values with underscores (split inside words) or with
    tokens that normalise to nothing take the general path of :func:`_tokens`."""
    cached = _LISTS.get(value)
    if cached is not None:
        return cached
    out: TermLists | None = None
    if "_" not in value:
        forms = list(map(_forms, _TOKEN_RE.findall(value)))
        if None not in forms:
            out = TermLists([f[0] for f in forms], [f[1] for f in forms], _TOKEN_RE.split(value)[:-1])
    if out is None:
        toks = _tokens(value)
        ends = [-1] + [t[3] for t in toks]
        out = TermLists([t[0] for t in toks], [t[1] for t in toks],
                        [value[max(ends[k], 0):t[2]] for k, t in enumerate(toks)])
    _remember(_LISTS, value, out)
    return out


def bigram_list(lists: TermLists) -> list[str]:
    """B terms of a value in position order (``cong_hoa``), none across a phrase break."""
    f = lists.folded
    brk = lists.phrase_breaks()
    return [f[k - 1] + "_" + f[k] for k in range(1, len(f)) if not brk[k]]


class Syllable(NamedTuple):
    """One syllable of a text: E term, F term and its span in the analysed text."""

    exact: str
    folded: str
    start: int
    end: int


def _repair(text: str) -> str:
    """Legacy-encoding and mojibake repair of user text (ingest.textfix), then Unicode clean-up."""
    fixed, _repairs = repair_text(text)
    return normalize_unicode(fixed)


def prepare_query(text: str) -> str:
    """A raw query with HTML entities, pasted mojibake/legacy encodings repaired, Unicode cleaned.

    Case is kept (display, did-you-mean); correct text comes back unchanged.
    """
    if "&" in text:
        text = html.unescape(text)
    return clean_unicode(_repair(text))


def normalize(text: str) -> str:
    """Repaired, NFKC-clean, lowercase text with canonical tone placement (display-free form)."""
    t = prepare_query(text).lower()
    return _SYLL_RE.sub(lambda m: canon_lower(m.group()), t)


def fold(text: str) -> str:
    """Every mark stripped, ``đ→d``, lowercase: ``Đặng Hoà`` → ``dang hoa`` (no i/y folding)."""
    if len(text) <= 32:
        return _fold_short(text)
    return _fold_text(text)


def _fold_text(text: str) -> str:
    t = unicodedata.normalize("NFD", clean_unicode(text).lower())
    return _MARKS_RE.sub("", t).replace("đ", "d")


@lru_cache(maxsize=1 << 16)
def _fold_short(text: str) -> str:
    """``fold`` of words and short strings (the did-you-mean and query paths call it per syllable)."""
    return _fold_text(text)


def fold_term(term: str) -> str:
    """F-field form of one normalised syllable (fold + i/y rule): ``quý`` → ``qui``."""
    return iy_fold(fold_lower(term))


def is_accented(token: str) -> bool:
    """True if the token carries a Vietnamese mark or ``đ`` (so it should also search the E field)."""
    low = clean_unicode(token).lower()
    return fold_lower(low) != low


def analyze(text: str) -> list[Syllable]:
    """Syllables of a (query) text after repair; offsets refer to ``prepare_query(text)``."""
    return [Syllable(*t[:4]) for t in _tokens(prepare_query(text))]


def syllable_spans(text: str) -> list[Syllable]:
    """Syllables of a *stored* text with their spans in that very text (no query repair), as the
    indexer sees them: the concordance (search.kwic) aligns its lines on these, so what it finds
    is what search matched."""
    return [Syllable(*t[:4]) for t in _tokens(text)]


def syllables(text: str) -> list[str]:
    """E-field terms of a text: ``"Uỷ ban Hoà Bình"`` → ``["ủy", "ban", "hòa", "bình"]``."""
    return [t[0] for t in _tokens(prepare_query(text))]


def fold_syllables(text: str) -> list[str]:
    """F-field terms of a text: ``"Quy định Đặng"`` → ``["qui", "dinh", "dang"]``."""
    return [t[1] for t in _tokens(prepare_query(text))]


def _bigram_terms(toks: list[_Tok]) -> list[tuple[str, int, int, int]]:
    out = []
    for k in range(1, len(toks)):
        cur = toks[k]
        if not cur[4]:
            prev = toks[k - 1]
            out.append((prev[1] + "_" + cur[1], k - 1, prev[2], cur[3]))
    return out


def bigrams(text: str) -> list[str]:
    """B-field terms: ``"Cộng hòa xã hội"`` → ``["cong_hoa", "hoa_xa", "xa_hoi"]``."""
    return [b[0] for b in _bigram_terms(_tokens(prepare_query(text)))]


def _docnum_forms(raw: str) -> tuple[str, str]:
    exact = clean_unicode(raw).translate(_DASHES).lower()
    return exact, fold(exact)


def docnums(text: str) -> list[str]:
    """Folded document numbers in a text: ``"Nghị định 15/2020/NĐ-CP"`` → ``["15/2020/nd-cp"]``."""
    return [_docnum_forms(m.group())[1] for m in _DOCNUM_RE.finditer(prepare_query(text))]


def prefix_variants(prefix: str) -> set[str]:
    """E-field prefixes for an accented prefix query: typed and canonical placements (row 57b).

    ``hoà`` → ``{"hoà", "hòa"}``; ``huỳ`` → ``{"huỳ", "hùy"}``; an unaccented prefix → itself.
    """
    t = clean_unicode(prefix).lower()
    if not _SYLL_RE.fullmatch(t):
        return {canon_lower(t)} | {t}
    return tone_variants(t) | {canon_lower(t)}


def _single(value: str, kind: str) -> str:
    """Whole-value form for ``tokenize=False`` (Whoosh prefix/wildcard/range text)."""
    t = clean_unicode(value).lower()
    t = _SYLL_RE.sub(lambda m: canon_lower(m.group()), t)
    if kind == "exact":
        return t
    if kind == "docnum":
        return fold(t.translate(_DASHES))
    return _SYLL_RE.sub(lambda m: iy_fold(m.group()), fold(t))


class _VnAnalyzerBase(Tokenizer):
    """Common Whoosh plumbing: one reused Token, positions/chars on request, ``tokenize=False``.

    Subclasses give ``_terms(value)`` as (text, pos, start, end) tuples; the E and F analyzers
    override ``__call__`` with an inlined loop because they run on every token of every page.
    """

    kind = "exact"

    def _single_token(self, value, positions, chars, start_pos, start_char, t):
        t.original = value
        t.text = _single(value, self.kind)
        t.boost = 1.0
        t.stopped = False
        if positions:
            t.pos = start_pos
        if chars:
            t.startchar = start_char
            t.endchar = start_char + len(value)
        return t

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield self._single_token(value, positions, chars, start_pos, start_char, t)
            return
        for text, pos, start, end in self._terms(value):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t

    def _terms(self, value: str):
        raise NotImplementedError


class _VnSyllableAnalyzer(_VnAnalyzerBase):
    """E or F terms: one token per syllable (``_index`` picks the form in the shared token list)."""

    _index = 0
    #: a term's position is its index in :meth:`term_list` (index.formats relies on it)
    dense_positions = True

    def _terms(self, value: str):
        k = self._index
        for pos, tok in enumerate(_tokens(value)):
            yield tok[k], pos, tok[2], tok[3]

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield self._single_token(value, positions, chars, start_pos, start_char, t)
            return
        k = self._index
        t.boost = 1.0
        pos = start_pos
        for tok in _tokens(value):
            t.text = tok[k]
            t.stopped = False
            if keeporiginal:
                t.original = value[tok[2]:tok[3]]
            if positions:
                t.pos = pos
                pos += 1
            if chars:
                t.startchar = start_char + tok[2]
                t.endchar = start_char + tok[3]
            yield t


class VnExactAnalyzer(_VnSyllableAnalyzer):
    """E field: canonical syllables, marks kept (``Hoà`` → ``hòa``)."""

    kind = "exact"
    _index = 0

    def term_list(self, value: str) -> list[str]:
        """Terms in position order (the writer's fast path, :mod:`index.formats`)."""
        return term_lists(value).exact


class VnFoldedAnalyzer(_VnSyllableAnalyzer):
    """F field: folded syllables with the i/y rule (``Đặng`` → ``dang``, ``quý`` → ``qui``)."""

    kind = "folded"
    _index = 1

    def term_list(self, value: str) -> list[str]:
        return term_lists(value).folded


class VnBigramAnalyzer(_VnAnalyzerBase):
    """B field: folded syllable bigrams joined by ``_``, not across sentence punctuation.

    ``limit`` (None: all) caps the bigrams taken from one field value: the B fields are the most
    expensive part of indexing (their vocabulary is ten times the syllables'), and a cap on long
    bodies is the speed/recall trade-off the schema can choose.
    """

    kind = "bigram"
    limit: int | None = None  # class default keeps schemas pickled before the option readable

    def __init__(self, limit: int | None = None) -> None:
        if limit is not None:
            self.limit = limit

    def __eq__(self, other):
        return self.__class__ is other.__class__ and self.limit == other.limit

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, self.limit))

    def _terms(self, value: str):
        terms = _bigram_terms(_tokens(value))
        return terms if self.limit is None else terms[:self.limit]

    def term_list(self, value: str) -> list[str]:
        terms = bigram_list(term_lists(value))
        return terms if self.limit is None else terms[:self.limit]


class VnDocnumAnalyzer(_VnAnalyzerBase):
    """D field: document numbers, exact (``15/2020/nđ-cp``) then folded (``15/2020/nd-cp``)."""

    kind = "docnum"

    def _terms(self, value: str):
        for pos, m in enumerate(_DOCNUM_RE.finditer(value)):
            exact, folded = _docnum_forms(m.group())
            yield exact, pos, m.start(), m.end()
            if folded != exact:
                yield folded, pos, m.start(), m.end()


def exact_analyzer() -> VnExactAnalyzer:
    """Analyzer of the E (exact) fields."""
    return VnExactAnalyzer()


def folded_analyzer() -> VnFoldedAnalyzer:
    """Analyzer of the F (folded) fields."""
    return VnFoldedAnalyzer()


def bigram_analyzer(limit: int | None = None) -> VnBigramAnalyzer:
    """Analyzer of the B (bigram) fields; ``limit`` caps the bigrams per field value."""
    return VnBigramAnalyzer(limit)


def docnum_analyzer() -> VnDocnumAnalyzer:
    """Analyzer of the D (document number) field."""
    return VnDocnumAnalyzer()

