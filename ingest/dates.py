"""Find and parse publication times inside arbitrary strings from Vietnamese portal pages.

Why a module of its own: portals print dates in a dozen shapes (ASP.NET vi-VN ``21/12/2018 9:26:09 SA``,
``Thứ năm, 19/03/2026 - 17:58``, ``Cập nhật lúc 09:26 ngày 21/12/2018``, ``ngày 09 tháng 10 năm 2025``,
ISO from ``<meta>``), always day-first and always in Vietnam time. Generic parsers get the details wrong:
dateutil reads ``SA``/``CH`` as time-zone names and ``GMT+7`` as UTC−7 (POSIX sign inversion),
and fuzzy parsing turns ``năm 2018`` or a view counter into a date. So the extraction here is our own
compiled regular expressions — one scan for date candidates, anchored look-ups for the time next to each —
which is also fast enough to run on every string of a page (about 7 µs for the .NET form through a
dedicated fast path; a bare ISO value goes through ``datetime.fromisoformat``). python-dateutil (with a
vi-VN :class:`VnParserInfo`) is used only as a last resort for wordy English dates such as
``the 21st of December in 2018``, on that narrow span only, and only when it finds a day, a month and a
year there.

Rules:
* numeric dates are day-first; month-first is accepted only when day-first is impossible and
  month-first is not (``12/21/2018`` is 21 December);
* 12-hour designators: ``SA``/``sa``/``AM`` = morning, ``CH``/``ch``/``PM`` = afternoon; ``12:xx SA`` is
  00:xx and ``12:xx CH`` is 12:xx; an hour above 12 with a designator is invalid;
* invalid dates or times (31/02/2020, 24:00, 25:61) make the candidate invalid: ``None`` rather than a
  guess;
* ``GMT+7`` / ``UTC+07:00`` / ``+0700`` / ``Z`` are honoured (and converted to +07:00); no zone means
  Vietnam time;
* relative times (``2 giờ trước``), years alone, quarters and month-year forms are not dates: ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

from dateutil import parser as _du_parser

from ingest.document import VN_TZ

__all__ = ["parse_datetime", "parse_datetime_precision", "find_datetimes", "VnParserInfo", "PRECISIONS"]

_MONTHS_EN = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS_EN, key=len, reverse=True))
# Month names spelled out in Vietnamese ("21 tháng Mười Hai, 2018"); giêng = first, chạp = twelfth.
_MONTHS_VI = {
    "một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
_VN_MONTH_ALT = "|".join(k.replace(" ", r"\s+") for k in sorted(_MONTHS_VI, key=len, reverse=True))

# A letter (any script) — used for "not inside a word" look-arounds; \b treats digits as word chars.
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"

# Every alternative starts with a digit (the regex engine then skips to digits quickly: ~1 µs on a
# 150-character title without dates, against ~30 µs with a letter-first alternative). "Not preceded by a
# digit" is therefore checked after the first digit, with a two-character look-behind.
_DATE_RE = re.compile(
    r"""
    (?P<n>[0-9](?<![0-9][0-9])[0-9]?)    # 1-2 digits not preceded by a digit
    (?:
      # ISO 8601 / SQL: 2018-12-21, 2018-12-21T09:26:09.000+0700 (the time is read by _TIME_AFTER_RE);
      # also year-first with slashes or dots (2018/12/21), but not inside a path (/2018/12/21/)
      (?<=[0-9]{2})(?P<n2>[0-9]{2})(?P<isep>[-/.])(?P<im>[0-9]{1,2})(?P=isep)(?P<id>[0-9]{1,2})(?![0-9])
      (?!(?P=isep)[0-9A-Za-z])
    | # numeric day-first: 21/12/2018, 21-12-2018, 21.12.2018, 21/12/18 (not the tail of 1/21/12/2018)
      (?P<sep>[/.-])(?P<b>[0-9]{1,2})(?P=sep)
      (?P<y>[0-9]{4}|[0-9]{2})(?![0-9])(?!(?P=sep)[0-9A-Za-z])
    | # Vietnamese long form: 09 tháng 10 năm 2025, 21 tháng 12, 2018, 21 thg 12, 2018
      \s*(?:tháng|thg)\s*(?P<vm>[0-9]{1,2}|VN_MONTHS)(?![^\W\d_])
      (?:\s*,\s*|\s+năm\s+|\s*/\s*|\s+)(?P<vy>[0-9]{4})(?![0-9])
    | # English day-first with separators: 05-Mar-2019, 05/Mar/2019, 5.March.2019
      (?P<dsep>[-/.])(?P<dmn>MONTHS)(?![^\W\d_])(?P=dsep)(?P<dy>[0-9]{4})(?![0-9])
    | # English day-first: 21 December 2018, 21st of Dec., 2018
      (?:(?:st|nd|rd|th)\s+of\s+|(?:st|nd|rd|th)?\s+)(?P<emn>MONTHS)(?![^\W\d_])\.?,?\s+(?P<ey>[0-9]{4})(?![0-9])
    | # English month-first: (December) 21, 2018 — the month name before is checked by _MONTH_BEFORE_RE
      (?:st|nd|rd|th)?,?\s+(?P<ey2>[0-9]{4})(?![0-9])
    )
    """.replace("VN_MONTHS", _VN_MONTH_ALT).replace("MONTHS", _MONTH_ALT),
    re.IGNORECASE | re.VERBOSE,
)
_VERSION_BEFORE_RE = re.compile(r"(?:\bv|\bver\.?|version|phiên bản)\s*$", re.IGNORECASE)
_MONTH_BEFORE_RE = re.compile(rf"{_NOT_LETTER_BEFORE}(?P<mn>{_MONTH_ALT})\.?\s+$", re.IGNORECASE)
_DIGIT_RE = re.compile(r"[0-9]")

# Fast path for the commonest string by far, the ASP.NET vi-VN form ``21/12/2018 9:26:09 SA`` (bare, in
# parentheses or after a label), when nothing after it could change its meaning (a zone, a fraction).
_FAST_RE = re.compile(
    r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
    r"(?:\s*(SA|CH|AM|PM|sa|ch|am|pm))?(?=\s*(?:[)\]]|$))"
)
_FAST_AP = {"SA": 0, "sa": 0, "AM": 0, "am": 0, "CH": 12, "ch": 12, "PM": 12, "pm": 12}
_YEAR_RE = re.compile(r"[0-9]{4}")

# The clock part shared by "time after the date" and "time before the date".
_CLOCK = rf"""
    (?P<h>[0-9]{{1,2}})
    (?:
        \s*:\s*(?P<mi>[0-9]{{2}})(?:\s*:\s*(?P<s>[0-9]{{2}})(?:[.,][0-9]{{1,9}})?)?
      | \s*(?:h|giờ|g)\s*(?P<mi2>[0-9]{{1,2}})?(?:\s*(?:phút|p|['’′]))?{_NOT_LETTER_AFTER}
    )
    (?:\s*(?P<ap>SA|CH|AM|PM|a\.m\.|p\.m\.|sáng|trưa|chiều|tối|đêm){_NOT_LETTER_AFTER})?
    (?!\s*(?:trước|qua|nữa|sau){_NOT_LETTER_AFTER})  # "2 giờ trước" is a duration, not a clock time
"""

# A zone right after a time: attached ISO offsets and Z, or spelled GMT/UTC (optionally in parentheses).
_TZ = r"""
    (?P<tz>
        (?P<z>Z)(?![A-Za-z])
      | (?:(?=[+-])|\s+(?=[+-][0-9]{4}(?![0-9:])))  # attached (+07:00) or RFC 2822 (" +0700")
        (?P<os>[+-])(?P<oh>[0-9]{2}):?(?P<om>[0-9]{2})(?![0-9])
      | \s*\(?\s*(?:GMT|UTC)(?:\s*(?P<gs>[+-])\s*(?P<gh>[0-9]{1,2})(?::?(?P<gm>[0-9]{2}))?)?(?![0-9])\s*\)?
    )?
"""

_TIME_AFTER_RE = re.compile(
    rf"(?:T|[\s,;|–—-]*(?:(?:vào\s+)?lúc\s*|at\s+)?)(?<![0-9]){_CLOCK}(?![0-9]){_TZ}",
    re.IGNORECASE | re.VERBOSE,
)

_WEEKDAY = r"""(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|CN|T[2-7]
    |monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"""
_TIME_BEFORE_RE = re.compile(
    rf"(?<![0-9:]){_CLOCK}[\s,;|–—-]*(?:{_WEEKDAY}\.?[\s,;|–—-]*)?(?:(?:ngày|on)\s*)?$",
    re.IGNORECASE | re.VERBOSE,
)

_AM = frozenset({"sa", "am", "a.m.", "sáng"})
_PM = frozenset({"ch", "pm", "p.m.", "chiều", "tối"})
# "trưa" (noon) and "đêm" (night) are ambiguous about the 12-hour clock: 12 trưa = 12:00, 11 đêm = 23:00.


class VnParserInfo(_du_parser.parserinfo):
    """dateutil parser settings for vi-VN: day-first, SA/CH as AM/PM, no time-zone guessing from them."""

    AMPM = [("am", "a", "sa", "sáng"), ("pm", "p", "ch", "chiều", "tối")]

    def __init__(self) -> None:
        super().__init__(dayfirst=True, yearfirst=False)


_VN_PARSERINFO = VnParserInfo()
# Wordy English dates ("the 21st of December in 2018", "December the 21st, 2018"): only this narrow span
# is handed to dateutil. Fuzzy parsing of a whole string invents dates ("In May 2018, 12 people" → 12 May).
_EN_WORDY_RE = re.compile(
    rf"""(?:(?<![0-9])[0-9]{{1,2}}(?:st|nd|rd|th)\s+of\s+(?:{_MONTH_ALT})
         | {_NOT_LETTER_BEFORE}(?:{_MONTH_ALT})\.?\s+the\s+[0-9]{{1,2}}(?:st|nd|rd|th)?)
        {_NOT_LETTER_AFTER}[\s,]*(?:(?:in|of)\s+)?[0-9]{{4}}(?![0-9])""",
    re.IGNORECASE | re.VERBOSE,
)
_DU_DEFAULTS = (datetime(1901, 1, 1), datetime(1902, 2, 2))


def _year(y: str) -> int:
    value = int(y)
    if len(y) == 2:
        value += 2000 if value < 70 else 1900
    return value


def _apply_ampm(hour: int, ap: str | None) -> int | None:
    """Hour on the 24-hour clock, or None when the designator makes it impossible (13 SA)."""
    if ap is None:
        return hour if hour <= 23 else None
    ap = ap.lower()
    if hour > 12:
        return None
    if ap in _AM:
        return 0 if hour == 12 else hour
    if ap in _PM:
        return hour if hour == 12 else hour + 12
    if ap == "trưa":  # midday: 12 trưa, 1 giờ trưa
        return hour if hour >= 11 else hour + 12
    # đêm (night): 11 giờ đêm = 23:00, 2 giờ đêm = 02:00
    return hour + 12 if hour >= 7 and hour != 12 else (0 if hour == 12 else hour)


def _date_parts(text: str, m: re.Match[str]) -> tuple[int, int, int, int] | None:
    """(year, month, day, start) for a _DATE_RE match; None when the form is rejected.

    ``start`` moves left for ``December 21, 2018``, whose month name precedes the match.
    """
    g = m.group
    n = g("n")
    if g("n2"):
        start = m.start()
        if g("isep") != "-" and start and text[start - 1] in "/.":
            return None  # a path or a version (/2018/12/21/, 1.2018.12.21)
        return int(n + g("n2")), int(g("im")), int(g("id")), start
    if g("sep"):
        y = g("y")
        sep = g("sep")
        if sep == "." and len(y) == 2:
            return None  # 1.2.18 is a version number far more often than a date
        start = m.start()
        if start >= 2 and text[start - 1] == sep and text[start - 2].isdigit():
            return None  # the tail of 1/21/12/2018 or 1.2.3.2018
        if sep == "." and _VERSION_BEFORE_RE.search(text, max(0, start - 14), start):
            return None  # "version 2.10.2019", "v2.10.2019", "phiên bản 1.2.2019": a release number
        a, b = int(n), int(g("b"))
        if b > 12 and a <= 12:  # unambiguous month-first (en-US server culture)
            a, b = b, a
        return _year(y), b, a, start
    if g("vm"):
        vm = g("vm")
        month = int(vm) if vm.isdigit() else _MONTHS_VI[" ".join(vm.lower().split())]
        return int(g("vy")), month, int(n), m.start()
    if g("emn"):
        return int(g("ey")), _MONTHS_EN[g("emn").lower()], int(n), m.start()
    if g("dmn"):
        return int(g("dy")), _MONTHS_EN[g("dmn").lower()], int(n), m.start()
    before = _MONTH_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())
    if before is None:
        return None
    return int(g("ey2")), _MONTHS_EN[before.group("mn").lower()], int(n), before.start()


def _clock(t: re.Match[str]) -> tuple[int, int, int] | None:
    minute = t.group("mi") or t.group("mi2")
    hour = _apply_ampm(int(t.group("h")), t.group("ap"))
    mi = int(minute) if minute else 0
    sec = int(t.group("s")) if t.group("s") else 0
    if hour is None or mi > 59 or sec > 59:
        return None
    return hour, mi, sec


def _zone(t: re.Match[str]) -> timezone | None:
    """The zone written after a time, or None for Vietnam time. GMT+7 means UTC+7 (not POSIX)."""
    if not t.group("tz"):
        return None
    if t.group("z"):
        return UTC
    if t.group("os"):
        sign, hh, mm = t.group("os"), int(t.group("oh")), int(t.group("om"))
    elif t.group("gs"):
        sign, hh, mm = t.group("gs"), int(t.group("gh")), int(t.group("gm") or 0)
    else:
        return UTC  # bare "GMT" / "UTC"
    if hh > 14 or mm > 59:
        return None
    delta = timedelta(hours=hh, minutes=mm)
    return timezone(-delta if sign == "-" else delta)


def _precision(t: re.Match[str]) -> str:
    """How precise a matched clock is: ``second``, ``minute`` or ``hour`` ("9h")."""
    if t.group("s"):
        return "second"
    return "minute" if t.group("mi") or t.group("mi2") else "hour"


def _iter_datetimes(text: str) -> Iterator[tuple[datetime, int, int, str]]:
    consumed = 0  # end of the previous date+time, so a time is never claimed twice
    pos = 0
    while (m := _DATE_RE.search(text, pos)) is not None:
        pos = m.start() + 1  # on rejection, retry just after this start (candidates may overlap)
        parts = _date_parts(text, m)
        if parts is None:
            continue
        year, month, day, start = parts
        end = m.end()
        hms: tuple[int, int, int] | None = (0, 0, 0)
        tz: timezone | None = None
        prec = "day"
        t = _TIME_AFTER_RE.match(text, end)
        if t is not None:
            hms = _clock(t)
            tz = _zone(t)
            end = t.end()
            prec = _precision(t)
        else:
            lo = max(consumed, start - 40)
            if _DIGIT_RE.search(text, lo, start) is not None:
                b = _TIME_BEFORE_RE.search(text, lo, start)
                if b is not None and (clock := _clock(b)) is not None:
                    hms = clock  # an impossible time before the date ("24h") is a name, not a clock
                    start = b.start()
                    prec = _precision(b)
        if hms is None:
            continue
        try:
            dt = datetime(year, month, day, *hms, tzinfo=tz or VN_TZ)
        except ValueError:
            continue
        if not 1900 <= dt.year <= 2199:
            continue
        consumed = pos = end
        yield (dt.astimezone(VN_TZ) if tz is not None else dt), start, end, prec


def _dateutil_fallback(text: str) -> datetime | None:
    """Wordy English dates (see _EN_WORDY_RE), only when dateutil finds day, month and year in the span."""
    m = _EN_WORDY_RE.search(text)
    if m is None:
        return None
    text = m.group(0)
    results = []
    for default in _DU_DEFAULTS:
        try:
            res = _du_parser.parse(text, parserinfo=_VN_PARSERINFO, fuzzy=True, default=default,
                                   ignoretz=True)
        except (ValueError, OverflowError):
            return None
        results.append(res)
    a, b = results
    if (a.year, a.month, a.day) != (b.year, b.month, b.day) or not 1900 <= a.year <= 2199:
        return None  # dateutil filled some component from the default: not a full date
    return a.replace(tzinfo=VN_TZ)


def find_datetimes(text: str) -> list[tuple[datetime, int, int]]:
    """Every date (with its time when one is written next to it) in ``text``, with its span.

    Useful for list items such as ``Title(29/09/2021 2:08:40 CH)``: the span tells the caller what
    to cut from the title.
    """
    if not text:
        return []
    return [(dt, start, end) for dt, start, end, _prec in _iter_datetimes(text)]


def _fast(m: re.Match[str]) -> datetime | None:
    """The _FAST_RE match as a datetime, or None to let the general path decide (the rules are the same)."""
    day, month, year, hour, minute, second, ap = m.groups()
    d, mo, h = int(day), int(month), int(hour)
    if mo > 12 and d <= 12:
        d, mo = mo, d
    if ap is not None:
        if h > 12:
            return None
        h = h % 12 + _FAST_AP[ap]
    try:
        dt = datetime(int(year), mo, d, h, int(minute), int(second or 0), tzinfo=VN_TZ)
    except ValueError:
        return None
    return dt if 1900 <= dt.year <= 2199 else None


def parse_datetime(text: str) -> datetime | None:
    """The first publication time found in ``text`` as a +07:00 datetime, or None when there is none."""
    found = parse_datetime_precision(text)
    return found[0] if found is not None else None


#: precisions from coarsest to finest (date arbitration prefers the finest that agrees)
PRECISIONS = ("day", "hour", "minute", "second")


def parse_datetime_precision(text: str) -> tuple[datetime, str] | None:
    """Like :func:`parse_datetime`, with how precise the written value is (one of :data:`PRECISIONS`).

    Precision is what the text *says*, not what the value looks like: ``21/12/2018 09:00`` is
    minute-precise, ``2018-12-21`` day-precise, ``2018-12-21T09:26:00+07:00`` second-precise.
    """
    if not text:
        return None
    if text[4:5] == "-" and text[:4].isdigit():  # a bare ISO value (<meta>, <time datetime>)
        stripped = text.strip()
        try:
            iso_dt = datetime.fromisoformat(stripped)
        except ValueError:
            pass
        else:
            if 1900 <= iso_dt.year <= 2199:
                dt = iso_dt.astimezone(VN_TZ) if iso_dt.tzinfo else iso_dt.replace(tzinfo=VN_TZ)
                return dt, _iso_precision(stripped)
    m = _FAST_RE.search(text)
    if m is not None and _DIGIT_RE.search(text, 0, m.start()) is None:
        dt = _fast(m)
        if dt is not None:
            return dt, ("second" if m.group(6) else "minute")
    for dt, _start, _end, prec in _iter_datetimes(text):
        return dt, prec
    if _YEAR_RE.search(text) is not None:
        dt = _dateutil_fallback(text)
        if dt is not None:
            return dt, "day"
    return None


def _iso_precision(value: str) -> str:
    """Precision of an ISO 8601 value: ``2018-12-21`` day, ``…T09:26`` minute, ``…T09:26:09`` second."""
    clock = value[11:]
    if len(value) <= 10 or not clock[:1].isdigit():
        return "day"
    clock = re.split(r"[Z+-]", clock, maxsplit=1)[0]
    colons = clock.count(":")
    return "second" if colons >= 2 else ("minute" if colons == 1 else "hour")
