"""The text side of the concordance: Vietnamese dictionary order, query patterns as regular
expressions, and finding occurrences with their syllable contexts in one text.

Nothing here touches an index, so :mod:`search.kwic` (over the Whoosh index) and
:mod:`search.sphinx_research` (over a SphinxQL cluster) line up occurrences with the same code, and
the tests can check it on plain strings. See :mod:`search.kwic` for why occurrences are found by
one accent-tolerant regular expression per pattern and then checked with the analyser's forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from index import analysis
from search.query import ParsedQuery

# -------------------------------------------------------------------------------------------
# Dictionary order
# -------------------------------------------------------------------------------------------
ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {c: i for i, c in enumerate(ALPHABET)}
#: tone marks in dictionary order after the unmarked syllable: huyền, hỏi, ngã, sắc, nặng
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


@lru_cache(maxsize=1 << 16)
def syllable_key(word: str) -> tuple[tuple[int, ...], int]:
    """Sort key of one syllable in Vietnamese dictionary order: its letters (``đ`` after ``d``,
    ``ă â`` after ``a``…, case ignored), then its tone; tone placement does not matter."""
    letters: list[str] = []
    tone = 0
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch in _VOWEL_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + ch)
        elif not unicodedata.combining(ch):
            letters.append(ch)
    return tuple(_RANK.get(c, 100 + ord(c)) for c in letters), tone


def words_key(words: tuple[str, ...]) -> tuple:
    return tuple(syllable_key(w) for w in words)


# -------------------------------------------------------------------------------------------
# Patterns
# -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """One syllable of a pattern: its F term, its E term, and whether it is a prefix (``hòa*``)."""

    folded: str
    exact: str
    prefix: bool = False


def patterns(parsed: ParsedQuery) -> list[tuple[Step, ...]]:
    """The word sequences a concordance lines up: each quoted phrase, each run of adjacent plain
    words (``hoa binh`` is the two-word sequence), each prefix word; excluded words, ``site:`` and
    ``category:`` are filters only."""
    out: list[tuple[Step, ...]] = []
    for alt in parsed.alternatives:
        run: list[Step] = []
        for u in alt:
            if u.mode == "-" or u.kind in ("site", "category") or not u.syllables:
                if run:
                    out.append(tuple(run))
                    run = []
                continue
            steps = [Step(s.folded, s.exact) for s in u.syllables]
            if u.kind == "prefix":
                last = u.syllables[-1]
                steps[-1] = Step(analysis.fold(last.exact), last.exact, True)
            if u.kind == "phrase":
                if run:
                    out.append(tuple(run))
                    run = []
                out.append(tuple(steps))
                continue
            run += steps
            if u.kind == "prefix":
                out.append(tuple(run))
                run = []
        if run:
            out.append(tuple(run))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _letter_classes() -> dict[str, str]:
    """Folded letter → every precomposed letter (both cases) that folds to it."""
    groups: dict[str, set[str]] = {}
    for cp in list(range(0x30, 0x3A)) + list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)) + \
            list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        f = analysis.fold(ch)
        if len(f) == 1:
            groups.setdefault(f, set()).add(ch)
    return {k: "".join(sorted(v)) for k, v in groups.items()}


_W = "[^\\W_]"
_SEP = r"(?:\s+|\s*[-/]\s*)"


def _step_regex(step: Step) -> str:
    classes = _letter_classes()
    word = step.folded
    parts = []
    for i, c in enumerate(word):
        chars = classes.get(c, c)
        if c == "i" and i == len(word) - 1 and not step.prefix:
            chars += classes.get("y", "y")  # the F term folds a final y to i (quy → qui)
        parts.append("[" + re.escape(chars) + "]" if len(chars) > 1 else re.escape(chars))
    return "".join(parts) + (f"{_W}*" if step.prefix else "")


@lru_cache(maxsize=256)
def _regex(pattern: tuple[Step, ...]) -> re.Pattern[str]:
    """The pattern's regex. No look-behind and no IGNORECASE (the classes hold both cases): a
    pattern that starts with a character class lets ``re`` skip ahead at C speed, 4–5× faster;
    the start boundary is checked by :func:`_matches`."""
    body = _SEP.join(_step_regex(s) for s in pattern)
    return re.compile(f"(?:{body})(?!{_W})")


_WORD_CHAR = re.compile(_W)


def _matches(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of ``rx`` that start a word; after one that does not, the search resumes one
    character later (a match starting inside it may be a real one)."""
    pos = 0
    search = rx.search
    is_word = _WORD_CHAR.match
    while True:
        m = search(text, pos)
        if m is None:
            return
        st = m.start()
        if st and is_word(text, st - 1):
            pos = st + 1
            continue
        yield m
        pos = m.end()


def _accepts(pattern: tuple[Step, ...], exact: list[str], folded: list[str], exact_accents: bool) -> bool:
    if len(exact) != len(pattern):
        return False
    for step, e, f in zip(pattern, exact, folded, strict=True):
        if step.prefix:
            if not (e.startswith(step.exact) if exact_accents or analysis.is_accented(step.exact)
                    else f.startswith(step.folded)):
                return False
        elif f != step.folded or (exact_accents and e != step.exact):
            return False
    return True


# -------------------------------------------------------------------------------------------
# Finding occurrences in one text
# -------------------------------------------------------------------------------------------
_SYLL = re.compile(f"{_W}+")
_SPACES = re.compile(r"\s+")
_UNSAFE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
                     "\u00ad\u200b-\u200d\u2060\ufeff\u00d0\u00f0\u0189\u0256]")


@dataclass
class Occurrence:
    start: int
    end: int
    left: str
    match: str
    right: str
    left_words: tuple[str, ...]
    right_words: tuple[str, ...]


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def find_in_text(text: str, pats: list[tuple[Step, ...]], context: int,
                 exact_accents: bool = False) -> list[Occurrence]:
    """Every occurrence of any pattern in ``text`` (overlaps: the earliest, then the longest,
    wins) with ``context`` syllables each side."""
    if not text:
        return []
    if _UNSAFE.search(text):
        return _find_by_tokens(text, pats, context, exact_accents)
    spans: list[tuple[int, int]] = []
    for pat in pats:
        for m in _matches(_regex(pat), text):
            lists = analysis.term_lists(m.group())
            if _accepts(pat, lists.exact, lists.folded, exact_accents):
                spans.append(m.span())
    out = []
    last_end = -1
    for s, e in sorted(spans, key=lambda se: (se[0], -se[1])):
        if s < last_end:
            continue
        last_end = e
        ls, lw = _left(text, s, context)
        re_, rw = _right(text, e, context)
        out.append(Occurrence(s, e, _clean(text[ls:s]), _clean(text[s:e]), _clean(text[e:re_]), lw, rw))
    return out


def _left(text: str, s: int, n: int) -> tuple[int, tuple[str, ...]]:
    """Start offset of the ``n`` syllables before ``s`` and those syllables, nearest first."""
    width = 16 * n + 16
    while True:
        ws = max(0, s - width)
        toks = list(_SYLL.finditer(text, ws, s))
        if toks and ws > 0 and toks[0].start() == ws and _SYLL.match(text, ws - 1):
            toks = toks[1:]  # cut in the middle of a syllable
        if len(toks) >= n or ws == 0:
            toks = toks[-n:]
            return (toks[0].start() if toks else s), tuple(t.group() for t in reversed(toks))
        width *= 2


def _right(text: str, e: int, n: int) -> tuple[int, tuple[str, ...]]:
    width = 16 * n + 16
    while True:
        we = min(len(text), e + width)
        toks = list(_SYLL.finditer(text, e, we))
        if toks and we < len(text) and toks[-1].end() == we and _SYLL.match(text, we):
            toks = toks[:-1]
        if len(toks) >= n or we == len(text):
            toks = toks[:n]
            return (toks[-1].end() if toks else e), tuple(t.group() for t in toks)
        width *= 2


def _find_by_tokens(text: str, pats: list[tuple[Step, ...]], context: int,
                    exact_accents: bool) -> list[Occurrence]:
    """The analyser's path for texts whose offsets the regex path cannot trust (NFD, invisibles)."""
    toks = analysis.syllable_spans(text)
    found: list[tuple[int, int]] = []
    for pat in pats:
        k = len(pat)
        for i in range(len(toks) - k + 1):
            window = toks[i:i + k]
            if not _accepts(pat, [t.exact for t in window], [t.folded for t in window], exact_accents):
                continue
            if all(re.fullmatch(_SEP, text[a.end:b.start]) for a, b in zip(window, window[1:], strict=False)):
                found.append((i, i + k))
    out = []
    last = -1
    for i, j in sorted(found, key=lambda ij: (ij[0], -ij[1])):
        if i < last:
            continue
        last = j
        s, e = toks[i].start, toks[j - 1].end
        lt = toks[max(0, i - context):i]
        rt = toks[j:j + context]
        ls = lt[0].start if lt else s
        re_ = rt[-1].end if rt else e
        out.append(Occurrence(s, e, _clean(text[ls:s]), _clean(text[s:e]), _clean(text[e:re_]),
                              tuple(text[t.start:t.end] for t in reversed(lt)),
                              tuple(text[t.start:t.end] for t in rt)))
    return out


def doc_texts(doc: dict) -> list[tuple[str, str]]:
    """``[(field, text)]`` of a stored document: the texts the indexer analysed."""
    out = [("title", doc.get("title") or ""), ("summary", doc.get("summary") or ""),
           ("body", doc.get("body") or "")]
    out += [("caption", i.get("caption") or "") for i in doc.get("images") or []]
    out += [("attachment", a.get("title") or "") for a in doc.get("attachments") or []]
    return [(f, t) for f, t in out if t]
