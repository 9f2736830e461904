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
from collections.abc import Iterable
from dataclasses import dataclass

from index import analysis

SNIPPET_TOKENS = 36
MAX_SCAN_CHARS = 40_000


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
    return _render(text, _marked(text, marker), 0, len(text))


def snippet(text: str, marker: Marker, size: int = SNIPPET_TOKENS) -> str | None:
    """The densest window of about ``size`` syllables, marked and escaped; None if nothing matches."""
    if not text or not marker:
        return None
    scan = text[:MAX_SCAN_CHARS]
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
