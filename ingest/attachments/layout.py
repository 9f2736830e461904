"""Positioned text (PDF text runs, OCR words) → paragraphs in reading order.

PDFs and scans give lines, not paragraphs, and the header of a Vietnamese administrative document is
two columns side by side (issuing body | national motto, number | place and date), as is its foot
(``Nơi nhận`` | signer). Read naively, the columns interleave line by line and "UBND TỈNH … CỘNG HÒA
XÃ HỘI …" becomes one line, which breaks both search phrases and the metadata parser. So lines are
grouped into rows; runs of rows split by a gutter are read column by column (two columns) or row by
row with tab-separated cells (three or more: a table); the rest is flowing text, cut into paragraphs
by vertical gaps, first-line indents, centring and short last lines. Coordinates are top-down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

_PAGE_NUMBER_RE = re.compile(r"^(?:[-–—]\s*)?(?:trang\s+|page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$",
                             re.IGNORECASE)


@dataclass
class Seg:
    """One run of text on one line: box (x0, top, x1, bottom) and its text."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    @property
    def h(self) -> float:
        return max(1.0, self.bottom - self.top)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def char_w(self) -> float:
        return (self.x1 - self.x0) / max(1, len(self.text))


@dataclass
class PageLayout:
    """Paragraphs of one page, and what the page-break join needs to know about its ends."""

    paragraphs: list[str]
    ends_mid_paragraph: bool = False     # last line runs to the right edge: the paragraph may go on
    starts_continuation: bool = False    # first line starts at the left margin, not indented/centred
    first_word_w: float = 0.0
    removed_page_number: str | None = None


def _rows(segs: list[Seg]) -> list[list[Seg]]:
    """Segments sharing a line (their vertical middles within half a line height), left to right."""
    rows: list[list[Seg]] = []
    for s in sorted(segs, key=lambda s: (s.mid, s.x0)):
        if rows:
            last = rows[-1]
            ref = median(x.mid for x in last)
            if abs(s.mid - ref) < 0.5 * min(s.h, min(x.h for x in last)):
                last.append(s)
                continue
        rows.append([s])
    out = []
    for row in rows:
        row.sort(key=lambda s: s.x0)
        merged = [row[0]]
        for s in row[1:]:                   # pieces of one line (font change, kerning): join them
            p = merged[-1]
            if s.x0 - p.x1 < 0.45 * min(p.h, s.h):
                sep = "" if p.text.endswith(" ") or s.text.startswith(" ") or s.x0 - p.x1 < 0.1 * p.h else " "
                merged[-1] = Seg(p.x0, min(p.top, s.top), max(p.x1, s.x1), max(p.bottom, s.bottom),
                                 p.text + sep + s.text)
            else:
                merged.append(s)
        out.append(merged)
    return out


def _clean(text: str) -> str:
    return " ".join(text.split())


class _Flow:
    """Paragraph building for single-column rows of one page."""

    def __init__(self, rows: list[Seg], page_w: float) -> None:
        self.page_w = page_w
        plain = [r for r in rows if not self._centred_raw(r)] or rows
        xs = sorted(round(r.x0 / 2) for r in plain)
        self.left = min((x for x in xs if xs.count(x) == max(xs.count(y) for y in xs)), default=0) * 2
        self.right = max((r.x1 for r in rows), default=page_w)
        pitches = [b.mid - a.mid for a, b in zip(rows, rows[1:], strict=False) if 0 < b.mid - a.mid < 2.2 * min(a.h, b.h)]
        self.pitch = median(pitches) if len(pitches) >= 3 else None

    def _centred_raw(self, r: Seg) -> bool:
        return abs((r.x0 + r.x1) / 2 - self.page_w / 2) < max(2.0 * r.h, 0.03 * self.page_w) and \
            r.x0 > 0.18 * self.page_w

    def centred(self, r: Seg) -> bool:
        """Both margins wide and about equal: a title line, not an indented first line of body text."""
        centre = (self.left + self.right) / 2
        return r.x0 > self.left + 1.5 * r.h and r.x1 < self.right - 1.5 * r.h and \
            abs((r.x0 + r.x1) / 2 - centre) < max(2.0 * r.h, 0.03 * self.page_w)

    def indented(self, r: Seg) -> bool:
        return r.x0 > self.left + 0.8 * r.h

    def ends_short(self, prev: Seg, next_first_word_w: float) -> bool:
        """The line stops well before the right edge although the next word would have fitted."""
        return prev.x1 + next_first_word_w + 3 * prev.char_w < self.right

    def breaks(self, prev: Seg, cur: Seg) -> bool:
        gap = cur.mid - prev.mid
        limit = 1.22 * self.pitch if self.pitch else 1.45 * max(prev.h, cur.h)
        if gap > limit or gap > 1.9 * max(prev.h, cur.h):
            return True
        pc, cc = self.centred(prev), self.centred(cur)
        if cc and not pc:
            return True
        if pc and cc:
            return False
        if pc and not self.indented(cur):
            # "centred" then a line at the margin with no gap: the first line was an indented
            # opening line whose ragged end happened to mirror the indent
            return False
        if self.indented(cur):
            return True
        first = cur.text.split(" ", 1)[0]
        return self.ends_short(prev, len(first) * cur.char_w)

    def paragraphs(self, rows: list[Seg]) -> list[str]:
        out: list[list[str]] = []
        prev = None
        for r in rows:
            if prev is None or self.breaks(prev, r):
                out.append([r.text])
            else:
                out[-1].append(r.text)
            prev = r
        return [_clean(" ".join(p)) for p in out if _clean(" ".join(p))]


def _gutters(row: list[Seg]) -> list[tuple[float, float]]:
    return [(a.x1, b.x0) for a, b in zip(row, row[1:], strict=False)]


def _narrowed(row: list[Seg], gutters: list[tuple[float, float]]) -> list[tuple[float, float]] | None:
    """The region's gutters after this row (a longer line narrows them), or None if the row crosses one.

    A segment belongs to the side of a gutter its middle is on; the gutter keeps what neither side's
    text covers, and must stay wider than about a character.
    """
    out = []
    h = min(s.h for s in row)
    for g0, g1 in gutters:
        for s in row:
            if s.x1 <= g0 or s.x0 >= g1:
                continue
            if (s.x0 + s.x1) / 2 < (g0 + g1) / 2:
                g0 = max(g0, s.x1)
            else:
                g1 = min(g1, s.x0)
        if g1 - g0 < 0.8 * h:
            return None
        out.append((g0, g1))
    return out


def _fits(row: list[Seg], gutters: list[tuple[float, float]]) -> bool:
    return _narrowed(row, gutters) is not None


def _column_of(s: Seg, gutters: list[tuple[float, float]]) -> int:
    return sum(1 for g0, g1 in gutters if s.x0 >= (g0 + g1) / 2 - 1)


def layout_page(segs: list[Seg], page_w: float, page_h: float) -> PageLayout:
    """Paragraphs of one page, header/foot columns read one after the other, tables as tab rows."""
    segs = [s for s in segs if s.text.strip()]
    if not segs:
        return PageLayout([])
    rows = _rows(segs)
    removed = None
    for idx in (0, len(rows) - 1):          # a running page number at the very top or bottom
        if rows and 0 <= idx < len(rows) and len(rows[idx]) == 1 and _PAGE_NUMBER_RE.match(rows[idx][0].text.strip()):
            r = rows[idx][0]
            if r.top < 0.12 * page_h or r.bottom > 0.88 * page_h:
                removed = r.text.strip()
                rows.pop(idx)
                break
    # blocks: ("flow", [Seg]) or ("cols", [[Seg]], gutters)
    blocks: list[tuple] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if len(row) > 1:
            gutters = _gutters(row)
            region = [row]
            j = i + 1
            while j < len(rows):
                nxt = rows[j]
                gap = nxt[0].mid - region[-1][0].mid
                narrowed = _narrowed(nxt, gutters)
                if gap > 3.2 * max(s.h for s in region[-1]) or narrowed is None:
                    break
                gutters = narrowed
                region.append(nxt)
                j += 1
            blocks.append(("cols", region, gutters))
            i = j
        else:
            if blocks and blocks[-1][0] == "flow":
                blocks[-1][1].append(row[0])
            else:
                blocks.append(("flow", [row[0]]))
            i += 1
    all_flow = [s for b in blocks if b[0] == "flow" for s in b[1]]
    flow = _Flow(all_flow or [s for r in rows for s in r], page_w)
    paragraphs: list[str] = []
    for b in blocks:
        if b[0] == "flow":
            paragraphs.extend(flow.paragraphs(b[1]))
        elif len(b[2]) == 1:                 # two columns: the left one, then the right one
            cols: list[list[Seg]] = [[], []]
            for row in b[1]:
                for s in row:
                    cols[_column_of(s, b[2])].append(s)
            for col in cols:
                if col:
                    paragraphs.extend(_column_paragraphs(col))
        else:                               # a table: one line per row, cells separated by tabs
            n = len(b[2]) + 1
            table_rows: list[list[str]] = []
            prev_row: list[Seg] | None = None
            for row in b[1]:
                # a line close under the previous one is a wrapped cell of the same table row
                same = prev_row is not None and min(s.top for s in row) - max(s.bottom for s in prev_row) \
                    < 0.45 * median(s.h for s in row)
                cells = table_rows[-1] if same else [""] * n
                for s in row:
                    c = min(n - 1, _column_of(s, b[2]))
                    cells[c] = _clean(cells[c] + " " + s.text)
                if not same:
                    table_rows.append(cells)
                prev_row = row
            for cells in table_rows:
                line = "\t".join(cells).strip("\t") if sum(1 for c in cells if c) > 1 else _clean(" ".join(cells))
                if line:
                    paragraphs.append(line)
    result = PageLayout(paragraphs, removed_page_number=removed)
    if blocks and blocks[-1][0] == "flow":
        last = blocks[-1][1][-1]
        result.ends_mid_paragraph = not flow.centred(last) and not flow.ends_short(last, 6 * last.char_w)
    if blocks and blocks[0][0] == "flow":
        first = blocks[0][1][0]
        result.starts_continuation = not flow.centred(first) and not flow.indented(first)
    return result


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _column_paragraphs(col: list[Seg]) -> list[str]:
    """A header/foot column: its lines are short centred labels (one paragraph each), except a
    sentence wrapped over close lines (the ``V/v …`` subject under a công văn's number), joined."""
    out: list[str] = []
    prev: Seg | None = None
    for s in col:
        t = _clean(s.text)
        if out and prev is not None and (t[:1].islower() or (
                s.mid - prev.mid < 1.5 * max(s.h, prev.h) and not _upper(t) and not _upper(prev.text))):
            out[-1] = out[-1] + " " + t
        else:
            out.append(t)
        prev = s
    return out
