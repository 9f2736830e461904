"""Date-range filter values typed by people: ``2020``, ``10/2020``, ``05/10/2020``, ISO.

A value names a *period* (a year, a month, a day or an instant). ``--from`` takes the start of the
period and ``--to`` its end, so ``--from 2019 --to 2020`` means 1 Jan 2019 00:00 up to and
including 31 Dec 2020 23:59:59. Day-first as Vietnamese write dates; times are Vietnam time.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

from ingest.document import VN_TZ
from search.model import QueryError

_WORDS = re.compile(r"\b(ngày|ngay|tháng|thang|năm|nam)\b", re.IGNORECASE)
_YEAR = re.compile(r"(\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _bad(text: str, why: str = "") -> QueryError:
    detail = f" ({why})" if why else ""
    return QueryError(
        f"Không hiểu ngày “{text}”{detail}. Hãy viết năm (2020), tháng/năm (10/2020), "
        "ngày/tháng/năm (05/10/2020) hoặc ISO (2020-10-05). (unrecognised date)"
    )


def period(text: str) -> tuple[datetime, datetime]:
    """The ``[start, end]`` (both inclusive, tz-aware +07:00) of the period a value names."""
    raw = text
    t = _WORDS.sub(" ", text or "").strip()
    if not t:
        raise _bad(raw, "trống")
    try:
        if re.fullmatch(r"\d{4}", t):
            y = int(t)
            return _span(datetime(y, 1, 1), datetime(y + 1, 1, 1))
        if m := _DAY_MONTH_YEAR.fullmatch(t):
            d, mo, y = (int(g) for g in m.groups())
            start = datetime(y, mo, d)
            return _span(start, start + timedelta(days=1))
        if m := _MONTH_YEAR.fullmatch(t):
            mo, y = int(m.group(1)), int(m.group(2))
            return _month(y, mo)
        if m := _ISO_DATE.fullmatch(t):
            y, mo, d = (int(g) for g in m.groups())
            start = datetime(y, mo, d)
            return _span(start, start + timedelta(days=1))
        if m := _YEAR_MONTH.fullmatch(t):
            return _month(int(m.group(1)), int(m.group(2)))
        if re.match(r"\d{4}-\d{1,2}-\d{1,2}[T ]", t):
            dt = datetime.fromisoformat(t.replace("Z", "+00:00"))
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=VN_TZ)
            dt = dt.astimezone(VN_TZ)
            return dt, dt
    except ValueError as exc:  # e.g. 31/02/2020, month 13
        raise _bad(raw, "ngày không tồn tại") from exc
    raise _bad(raw)


def _month(y: int, mo: int) -> tuple[datetime, datetime]:
    if not 1 <= mo <= 12:
        raise ValueError(f"month {mo}")
    days = calendar.monthrange(y, mo)[1]
    start = datetime(y, mo, 1)
    return _span(start, start + timedelta(days=days))


def _span(start: datetime, next_start: datetime) -> tuple[datetime, datetime]:
    return start.replace(tzinfo=VN_TZ), (next_start - timedelta(microseconds=1)).replace(tzinfo=VN_TZ)


def date_range(date_from: str | None, date_to: str | None) -> tuple[datetime | None, datetime | None]:
    """``(start, end)`` for the filters; either may be None. Raises QueryError if from > to."""
    start = period(date_from)[0] if date_from and date_from.strip() else None
    end = period(date_to)[1] if date_to and date_to.strip() else None
    if start and end and start > end:
        raise QueryError(
            f"Khoảng ngày không hợp lệ: “từ” {date_from} sau “đến” {date_to}. (from is after to)"
        )
    return start, end
