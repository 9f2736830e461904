"""The parts of an ND 30 document around its body: header anchors, type line, issuer block,
the subject's wrapped lines and the signer block."""

from __future__ import annotations

import datetime as dt
import re

from ingest.admindoc.text import (
    _ADDRESSEE_RE,
    _BODY_START_RE,
    _COLLECTIVE,
    _DATE_RE,
    _MOTTO1_RE,
    _MOTTO2_RE,
    _NUMBER_NOSLASH_RE,
    _NUMBER_RE,
    _RECIPIENTS_RE,
    _SIGN_PREFIX_RE,
    _SUBJECT_PREFIX_RE,
    _TITLE_WORDS,
    _UNIT_HEADS,
    DOC_TYPES,
    EARLIEST_ISSUE_YEAR,
    PLACE_MAX_WORDS,
    TYPE_NAMES,
    _edit1,
    _fold,
    _is_upper_line,
    looks_like_name,
)


def _cut_anchors(line: str) -> list[tuple[str, str]]:
    """Split a header line into tagged pieces: ('motto'|'date'|'number'|'text', piece)."""
    folded = _fold(line)
    spans = []
    for kind, rx in (("motto", _MOTTO1_RE), ("motto", _MOTTO2_RE)):
        for m in rx.finditer(folded):
            spans.append((m.start(), m.end(), kind))
    m = re.search(r"\bs[o6]\s*[:;.,]?\s*(?=\d)", folded)
    if m:
        end = m.end()
        n = _NUMBER_RE.match(line, end) or _NUMBER_NOSLASH_RE.match(line, end)
        if n:
            spans.append((m.start(), n.end(), "number"))
    m = _DATE_RE.search(folded)
    if m:
        comma = line.rfind(",", 0, m.start())
        start = comma + 1 if comma >= 0 and m.start() - comma < 4 else m.start()
        # the place is the text before ", ngày" back to the previous anchor
        prev_end = max((e for s, e, _ in spans if e <= start), default=0)
        if _could_be_place(line[prev_end:start]):  # else: a date inside a sentence of the body
            spans.append((prev_end, m.end(), "date"))
    spans.sort()
    out: list[tuple[str, str]] = []
    pos = 0
    for s, e, kind in spans:
        if s < pos:
            continue
        if line[pos:s].strip(" ,.;:-"):
            out.append(("text", line[pos:s].strip()))
        out.append((kind, line[s:e].strip()))
        pos = e
    if line[pos:].strip(" ,.;:-"):
        out.append(("text", line[pos:].strip()))
    return out


def _could_be_place(text: str) -> bool:
    """A place name before ", ngày": a few words, capitalised but for one at most ("Hà Nội",
    "Thành phố Hồ Chí Minh", "TP. Vinh"); "Sự kiện xảy ra vào" is the start of a sentence."""
    words = text.strip(" ,.;:-").split()
    return len(words) <= PLACE_MAX_WORDS and sum(not w[0].isupper() for w in words if w[0].isalpha()) <= 1


def _type_of_line(line: str) -> str | None:
    """``QUYẾT ĐỊNH`` → Quyết định (a caps line naming a type, not ``QUYẾT ĐỊNH:`` opening articles)."""
    if not _is_upper_line(line) or line.rstrip().endswith(":"):
        return None
    key = re.sub(r"[^a-z ]", "", _fold(line)).split()
    joined = " ".join(key)
    for name in TYPE_NAMES:
        f = _fold(name)
        if joined == f:
            return name
        if joined.startswith(f + " ") and len(key) <= len(f.split()) + 2:
            return name
    return None


def _type_from_number(number: str) -> str | None:
    sym = number.split("/")[-1]
    parts = [p.strip() for p in sym.split("-")]
    first = parts[0].upper()
    if first in DOC_TYPES:
        return DOC_TYPES[first]
    if len(parts) >= 2:                     # 1234/UBND-KT: agency-unit, the sign of a công văn
        return "Công văn"
    return None


def _parse_date(folded: str) -> dt.date | None:
    m = _DATE_RE.search(folded)
    if not m:
        return None
    try:
        day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    # a date before the state's first documents or after next year is a date the text speaks
    # about (history, a plan's horizon), not the day the document was issued
    return day if EARLIEST_ISSUE_YEAR <= day.year <= dt.date.today().year + 1 else None


def _issuer(lines: list[str]) -> tuple[str | None, str | None]:
    """(issuer, parent) from the left header block's lines."""
    lines = [" ".join(x.split()) for x in lines if x.strip()]
    if not lines:
        return None, None
    if len(lines) >= 2:
        f0, f1 = _fold(lines[0]), _fold(lines[1]) + " "
        if f0 not in _COLLECTIVE and any(f1.startswith(h) for h in _UNIT_HEADS):
            return " ".join(lines[1:]), lines[0]
    return " ".join(lines), None


def _strip_subject_prefix(subject: str) -> str:
    m = _SUBJECT_PREFIX_RE.match(_fold(subject))      # folding keeps positions: cut the original
    return subject[m.end():].strip() if m else subject.strip()


def _signer(lines: list[str], fix=None) -> tuple[str | None, list[str]]:
    """The signer's name (last person-name line after a caps title block) and the title lines."""
    start = 0
    for i, line in enumerate(lines):
        if _RECIPIENTS_RE.match(_fold(line)):
            start = i
    tail = lines[start:] if start else lines[-25:]
    for k in range(len(tail) - 1, -1, -1):
        cand = " ".join(tail[k].split()).rstrip(" .,;-_|~").lstrip(" .,;'`\"")
        if fix is not None:
            cand = fix(cand)
        if not looks_like_name(cand):
            continue
        titles: list[str] = []
        seen = 0
        for j in range(k - 1, -1, -1):
            t = " ".join(tail[j].split())
            ft = _fold(t)
            if sum(c.isalpha() for c in t) < 3:          # seal and signature specks read as text
                continue
            if t.startswith(("-", "+", "•")) or _RECIPIENTS_RE.match(ft):
                if titles:
                    break
                continue                              # recipients interleaved (spreadsheet rows)
            seen += 1
            if _is_upper_line(t) and (titles or _SIGN_PREFIX_RE.match(ft) or any(w in ft for w in _TITLE_WORDS)
                                      or _title_ending(ft)):
                titles.insert(0, t)
            elif titles or seen > 3:
                break
        if titles:
            return cand, titles
    return None, []


_TITLE_ENDINGS = ("doc", "tich", "truong", "ban")


def _title_ending(folded: str) -> bool:
    """A capitals line ending in a title's last word (GIÁM ĐỐC, CHỦ TỊCH, BỘ TRƯỞNG, TRƯỞNG BAN), that
    word allowed one letter OCR misread (``BỘ TPƯỞNG``) and specks after it (``HIẾM ĐỐC '``)."""
    words = re.sub(r"[^a-z ]", " ", folded).split()
    if not words:
        return False
    last = words[-1]
    return last in _TITLE_ENDINGS or len(last) >= 5 and any(_edit1(last, w) for w in _TITLE_ENDINGS if len(w) >= 5)


def _wrapped_lines(first: str, following: list[str]) -> list[str]:
    """The lines continuing a subject wrapped in its block (OCR gives one line per printed line).

    A wrapped block's later lines are no longer than its first; a line that is a heading, an anchor
    of the header, ``Kính gửi`` or the opening of the body ends it, and so does a line ending with a
    full stop or a colon. A short capitals line (an acronym such as ``MWC`` wrapped alone) still continues it.
    """
    out: list[str] = []
    for cont in following:
        fc = _fold(cont)
        words = cont.split()
        if len(cont) > 1.1 * len(first) or _BODY_START_RE.match(fc) or _ADDRESSEE_RE.match(fc) \
                or cont.rstrip().endswith((".", ":", ";")) or any(k != "text" for k, _ in _cut_anchors(cont)):
            break
        if _is_upper_line(cont) and (len(words) > 2 or len(cont) > 12 or _type_of_line(cont)):
            break
        out.append(cont)
    return out


def _type_opening(line: str) -> tuple[str, str] | None:
    """(type, subject) from a line OCR merged out of the type in capitals and the subject under it
    (``'THÔNG BÁO 2025: Xuất khẩu tôm…``), else None."""
    s = line.lstrip(" '\"`‘’“”_~|.-")
    for name in TYPE_NAMES:
        n = len(name)
        head, tail = s[:n], s[n:]
        if tail.startswith(" ") and _is_upper_line(head) and _fold(head) == _fold(name):
            tail = tail.strip()
            if tail and not tail.startswith(":") and not _is_upper_line(tail):
                return name, tail
    return None
