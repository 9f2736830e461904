"""Snippets and titles with ``<mark>`` around matched words, computed on the stored text.

Why our own highlighter: matches are decided on the folded field, but readers must see the
stored, accented text (``hoa binh`` marks ``Hòa Bình``). The analyzers give each token's offsets
into the original string (exact even for NFD text), so we tokenise the stored text, compare each
token's folded (F) form with the query's F terms and prefixes, pick the densest window and
escape everything else. Whoosh's highlighter would need the same analysis per field plus its
fragmenters; this is shorter and shows exactly what matched.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from index import analysis
from search.cache import ByteLRU

SNIPPET_TOKENS = 36
SNIPPET_CHARS = 200
SNIPPET_LEAD = 40
MAX_SCAN_CHARS = 12_000


@dataclass(frozen=True)
class Marker:
    """What to mark: folded terms, folded prefixes and exact (E) prefixes."""

    terms: frozenset[str]
    prefixes_f: tuple[str, ...] = ()
    prefixes_e: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms or self.prefixes_f or self.prefixes_e)

    def matches(self, exact: str, folded: str) -> str | None:
        """The key a token matched under (for counting distinct matches), or None."""
        if folded in self.terms:
            return folded
        for p in self.prefixes_f:
            if folded.startswith(p):
                return "*" + p
        for p in self.prefixes_e:
            if exact.startswith(p):
                return "*" + p
        return None


def _spans(text: str) -> Iterable[tuple[int, int]]:
    for t in analysis.exact_analyzer()(text, chars=True):
        yield t.startchar, t.endchar


def _fold_table() -> dict[int, str]:
    """Length-preserving fold for NFC text: every precomposed Latin letter → its base lowercase
    letter (``Ồ→o``, ``đ→d``). Characters whose fold is not one character are left alone.

    The table also maps every other character up to U+2FFF to itself: ``str.translate`` is
    ~2.5× faster when its lookups hit (a miss goes through an exception internally), and this
    runs over every shown and re-ranked document."""
    table: dict[int, str] = {cp: chr(cp) for cp in range(0x3000)}
    for cp in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        f = analysis.fold(chr(cp))
        if len(f) == 1 and f != chr(cp):
            table[cp] = f
    return table


_TABLE: dict[int, str] | None = None
_NEWLINES = re.compile(r"\s*\n\s*")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u00ad\u200b-\u200d\u2060\ufeff]")
_WORD = "[^\\W_]"


@lru_cache(maxsize=256)
def _marker_words(marker: Marker) -> frozenset[str]:
    """Every plain spelling of the marker's terms (the F form folds a final y after an onset to
    i, ``quy`` → ``qui``: both are marked)."""
    words: set[str] = set()
    for t in marker.terms:
        words.add(t)
        if t.endswith("i"):
            v = t[:-1] + "y"
            if analysis.fold_term(v) == t:
                words.add(v)
    return frozenset(words)


def _alternatives(alts: list[tuple[str, str]]) -> str:
    """``(?:…)`` matching, at the start of a syllable, the first of ``alts`` (``(spelling,
    regex after it)``, in order) that matches there.

    Why this shape: the alternatives are grouped by their first character, which comes first in
    the pattern and is followed by the "no syllable character before it" check (a two-character
    lookbehind), so the regex engine can skip ahead to the positions holding one of those first
    characters instead of testing a lookbehind at every position of a page (~30 % faster over
    stored pages). Alternatives with different first characters never match at the same place,
    so the order that matters (within one first character) is kept."""
    groups: dict[str, list[str]] = {}
    for spelling, after in alts:
        groups.setdefault(spelling[0], []).append(re.escape(spelling[1:]) + after)
    return "(?:" + "|".join(f"{re.escape(c)}(?<!{_WORD}.)(?:{'|'.join(rest)})" for c, rest in groups.items()) + ")"


@lru_cache(maxsize=256)
def _pattern(marker: Marker) -> re.Pattern[str] | None:
    """One regex over the folded text for every plain spelling of the marker's terms/prefixes:
    whole syllables spelled as a term, or syllables starting with a prefix (terms are tried
    first, longest first)."""
    words = _marker_words(marker)
    prefixes = set(marker.prefixes_f) | {analysis.fold(p) for p in marker.prefixes_e}
    alts = [(w, f"(?!{_WORD})") for w in sorted(words, key=len, reverse=True) if w]
    alts += [(p, f"{_WORD}*") for p in sorted(prefixes, key=len, reverse=True) if p]
    if not alts:
        return None
    return re.compile(_alternatives(alts), re.S)


@lru_cache(maxsize=1 << 14)
def _canon(word: str) -> str:
    """E form of one clean NFC word of stored text (lowercase, canonical tone placement)."""
    return analysis.canon_syllable(word.lower())


_SYLLABLE = re.compile(_WORD + "+")


def folded_tokens(text: str) -> list[str]:
    """F-field forms (folded, i/y rule) of the syllables of a text, fast for clean NFC text."""
    global _TABLE
    if not text:
        return []
    if _COMBINING.search(text):
        return analysis.fold_syllables(text)
    if _TABLE is None:
        _TABLE = _fold_table()
    folded = text.translate(_TABLE).lower()
    return [_iy(t) if t.endswith("y") else t for t in _SYLLABLE.findall(folded)]


@lru_cache(maxsize=4096)
def _iy(token: str) -> str:
    return analysis.fold_term(token)


#: folds of the last stored texts, by bytes (a body can be 100 kB: a count would not bound it)
FOLDED_BUDGET = 8 * 2**20
_folded: ByteLRU[str, str | bool] = ByteLRU(FOLDED_BUDGET, sys.getsizeof)


def folded_part(text: str) -> str | None:
    """:func:`folded_text`, remembered for the last texts: the re-ranker and the page's snippets
    fold the same stored texts (a str keeps its hash, so a repeated look-up is cheap)."""
    got = _folded.get(text)
    if got is None:
        folded = folded_text(text)
        # the entry holds the text (its key) and the fold; False: the text has no plain fold
        got = _folded.put(text, False if folded is None else folded,
                          sys.getsizeof(text) + (sys.getsizeof(folded) if folded is not None else 0))
    return None if got is False else got  # type: ignore[return-value]


def folded_join(parts: list[str], sep: str = "\n\n") -> str | None:
    """``folded_text(sep.join(parts))`` from the remembered folds of the parts (folding is
    character by character, so folding the parts and joining them gives the same string)."""
    folded = [folded_part(p) for p in parts]
    if any(f is None for f in folded):
        return None
    return sep.join(folded)  # type: ignore[arg-type]


def folded_text(text: str) -> str | None:
    """``text`` folded character by character (same length, lower case), or None when it holds
    combining marks or invisibles (then only the analyzer's path is exact)."""
    global _TABLE
    if _COMBINING.search(text):
        return None
    if _TABLE is None:
        _TABLE = _fold_table()
    folded = text.translate(_TABLE).lower()
    return folded if len(folded) == len(text) else None


@lru_cache(maxsize=256)
def chain_lookup(words: frozenset[str]) -> dict[str, str]:
    """Folded spelling → F form for :func:`chain_sequences` (``quy`` → ``qui`` as the F field
    folds a final y after an onset)."""
    out = {w: w for w in words}
    for t in words:
        if t.endswith("i"):
            v = t[:-1] + "y"
            if analysis.fold_term(v) == t:
                out[v] = t
    return out


def chain_sequences(text: str, lookup: dict[str, str]) -> list[list[str]] | None:
    """Every run of two or more *adjacent* syllables of ``text`` (no other syllable between
    them) that are all spelled as a key of ``lookup`` (:func:`chain_lookup`), as their F forms,
    in text order; None when the text needs the analyzer's path (combining marks).

    This is all the contiguity bonus needs (:func:`search.ranking._longest_runs_in_text`): a
    run of the query's chain in order lies inside one such sequence, and a lone syllable is a
    run of one, the least there is. Why one regex for whole sequences: tokenising a whole body
    (every syllable, then a membership test and a position each) was most of the bonus's cost;
    common syllables of a chain (``của``, ``có``) occur dozens of times in a page, mostly
    alone, and the regex passes those over without a Python step."""
    folded = folded_part(text)
    if folded is None:
        return None
    pattern = _run_pattern(frozenset(lookup))
    find = _SYLLABLE.findall
    return [[lookup[t] for t in find(m.group())] for m in pattern.finditer(folded)]


def token_sequences(tokens: list[str], words: set[str]) -> list[list[str]]:
    """:func:`chain_sequences` from a full tokenisation (the analyzer's path): maximal runs of
    two or more consecutive ``tokens`` that are in ``words``."""
    out: list[list[str]] = []
    run: list[str] = []
    for tok in [*tokens, None]:
        if tok is not None and tok in words:
            run.append(tok)
            continue
        if len(run) >= 2:
            out.append(run)
        run = []
    return out


@lru_cache(maxsize=256)
def _run_pattern(spellings: frozenset[str]) -> re.Pattern[str]:
    """Two or more whole syllables (``[^\\W_]+`` tokens, as :func:`folded_tokens` cuts them)
    spelled as one of ``spellings``, with only non-syllable characters between them."""
    ordered = sorted(spellings, key=len, reverse=True)
    first = _alternatives([(w, "") for w in ordered if w])
    alt = "(?:" + "|".join(re.escape(w) for w in ordered) + ")"
    return re.compile(f"{first}(?:[\\W_]+{alt})+(?!{_WORD})", re.S)


def _marked_fast(text: str, marker: Marker, folded: str | None = None) -> list[tuple[int, int, str | None]] | None:
    """Matched syllables only, found by regex on a folded copy (``folded``, when the caller has
    it: :func:`folded_join`); None when the text has combining marks or invisibles (offsets
    would shift; the analyzer path handles those)."""
    if folded is None:
        if _COMBINING.search(text):
            return None
        pattern = _pattern(marker)
        if pattern is None:
            return []
        folded = folded_text(text)
        if folded is None:
            return None
    else:
        pattern = _pattern(marker)
        if pattern is None:
            return []
    if len(folded) != len(text):
        return None
    out = []
    for m in pattern.finditer(folded):
        s, e = m.span()
        exact = _canon(text[s:e])
        key = marker.matches(exact, analysis.fold_term(exact))
        if key is not None:
            out.append((s, e, key))
    return out


def _marked(text: str, marker: Marker) -> list[tuple[int, int, str | None]]:
    out = []
    ea = analysis.exact_analyzer()
    for t in ea(text, chars=True):
        exact = t.text
        folded = analysis.fold_term(exact)
        out.append((t.startchar, t.endchar, marker.matches(exact, folded)))
    return out


def _render(text: str, toks: list[tuple[int, int, str | None]], start: int, end: int) -> str:
    parts: list[str] = []
    pos = start
    for s, e, key in toks:
        if key is None or s < start or e > end:
            continue
        parts.append(html.escape(text[pos:s], quote=False))
        parts.append("<mark>" + html.escape(text[s:e], quote=False) + "</mark>")
        pos = e
    parts.append(html.escape(text[pos:end], quote=False))
    return "".join(parts)


def highlight_all(text: str, marker: Marker) -> str:
    """The whole text escaped, with every matching word marked (titles)."""
    if not text:
        return ""
    if not marker:
        return html.escape(text, quote=False)
    toks = _marked_fast(text, marker)
    return _render(text, toks if toks is not None else _marked(text, marker), 0, len(text))


def snippet(text: str, marker: Marker, size: int = SNIPPET_TOKENS, scan_chars: int = MAX_SCAN_CHARS,
            folded: str | None = None) -> str | None:
    """The densest window of about ``size`` syllables, marked and escaped; None if nothing
    matches. ``folded``: :func:`folded_text` of ``text`` when the caller already has it."""
    if not text or not marker:
        return None
    scan = text[:scan_chars]
    fast = _marked_fast(scan, marker, folded[:scan_chars] if folded is not None else None)
    if fast is not None:
        return _snippet_from_matches(scan, len(text), fast)
    toks = _marked(scan, marker)
    hits = [i for i, t in enumerate(toks) if t[2] is not None]
    if not hits:
        return None
    best: tuple[int, int] = (-1, -1)
    best_i = hits[0]
    # Slide a window that starts at each match; score = distinct keys, then number of matches.
    j = 0
    for a, i in enumerate(hits):
        while j < len(hits) and hits[j] < i + size:
            j += 1
        window = hits[a:j]
        score = (len({toks[k][2] for k in window}), len(window))
        if score > best:
            best, best_i = score, i
    first = max(0, best_i - 4)  # a little context before the first match
    last = min(len(toks) - 1, first + size - 1)
    start = toks[first][0]
    end = toks[last][1]
    # Extend to sentence-ish boundaries when close.
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + _render(scan, toks, start, end) + suffix


def _snippet_from_matches(scan: str, full_len: int, hits: list[tuple[int, int, str | None]]) -> str | None:
    """Pick the ``SNIPPET_CHARS`` window with the most distinct matched words (then most matches)."""
    if not hits:
        return None
    best = (-1, -1)
    best_i = 0
    j = 0
    for i, (s, _e, _k) in enumerate(hits):
        while j < len(hits) and hits[j][1] <= s + SNIPPET_CHARS:
            j += 1
        window = hits[i:j]
        score = (len({h[2] for h in window}), len(window))
        if score > best:
            best, best_i = score, i
    first = hits[best_i][0]
    start = max(0, first - SNIPPET_LEAD)
    if start:
        space = scan.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(scan), start + SNIPPET_CHARS + SNIPPET_LEAD)
    if end < len(scan):
        space = scan.rfind(" ", start, end)
        end = space if space > first else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < full_len else ""
    return prefix + _NEWLINES.sub(" ", _render(scan, hits, start, end).strip()) + suffix


def plain_snippet(text: str, size: int = SNIPPET_TOKENS) -> str:
    """Start of a text (escaped), cut at a syllable boundary, for hits without body matches."""
    if not text:
        return ""
    spans = []
    for span in _spans(text[: size * 12]):
        spans.append(span)
        if len(spans) >= size:
            break
    if len(spans) < size:
        return html.escape(text[: size * 12].strip(), quote=False) + (" …" if len(text) > size * 12 else "")
    end = spans[-1][1]
    return html.escape(text[:end], quote=False) + " …"
