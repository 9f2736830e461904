"""Trends: how many documents match each of a few queries, per year or per month, raw and per
1,000 documents of the period.

Why per 1,000: portals publish unevenly (a site that published twice as much in 2020 would fake a
rise of every term); dividing by the documents of the same period, under the same site/category
filters, shows the share. Why sets: each term is matched once with :mod:`search.matching` (the
same sets a search uses), then counted per period through a bucket table read once per index
generation: a year is the index's own ``year`` facet (so a year's count equals a search with
``year=Y``), a month comes from the ``published`` column in Vietnam time (equal to a search with
``from=MM/YYYY&to=MM/YYYY``). Undated documents are counted apart.

Public surface: :class:`TrendsRequest`, :class:`Series`, :class:`Trends`, :func:`trends`,
:func:`period_filter`.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date

from whoosh.util.times import long_to_datetime

from ingest.document import VN_TZ
from search import matching
from search.facets import intersect
from search.model import QueryError, SearchRequest
from search.postings import MISSING_DATE, View
from search.query import compile_query, parse

MAX_TERMS = 5
#: one day in Whoosh's datetime longs (microseconds)
_DAY = 86_400_000_000
BY = ("year", "month")


@dataclass(frozen=True)
class TrendsRequest:
    """Terms (each any query) and the filters shared by all of them (``filters.q`` is unused)."""

    terms: tuple[str, ...]
    filters: SearchRequest = field(default_factory=SearchRequest)
    by: str = "year"

    def check(self) -> None:
        terms = [t for t in self.terms if t.strip()]
        if not terms:
            raise QueryError("Hãy nhập ít nhất một từ hoặc cụm từ để xem xu hướng. (empty query)")
        if len(terms) != len(self.terms):
            raise QueryError("Có một từ khóa để trống; hãy xóa ô trống hoặc nhập từ. (empty term)")
        if len(self.terms) > MAX_TERMS:
            raise QueryError(f"Tối đa {MAX_TERMS} từ khóa trong một biểu đồ (nhận được {len(self.terms)}). "
                             "(too many terms)")
        if self.by not in BY:
            raise QueryError(f"Chia theo “{self.by}” không hợp lệ; dùng year hoặc month. (invalid period)")


@dataclass
class Series:
    term: str
    #: matching documents per period (same order as :attr:`Trends.periods`)
    counts: list[int]
    #: per 1,000 documents of the period (None where the period has no documents)
    per_1000: list[float | None]
    total: int
    undated: int


@dataclass
class Trends:
    request: TrendsRequest
    #: ``"2020"`` or ``"2020-10"``, every period from the first to the last with documents
    periods: list[str]
    #: documents of each period under the filters (the denominators)
    base: list[int]
    series: list[Series]
    took_ms: float = 0.0
    notes: list[str] = field(default_factory=list)


def period_filter(period: str) -> dict[str, str]:
    """The search filter of one period: ``{"year": "2020"}`` or ``{"from": "10/2020", "to": …}``."""
    if len(period) == 4:
        return {"year": period}
    y, m = period.split("-")
    mm = f"{int(m):02d}/{y}"
    return {"from": mm, "to": mm}


_BUCKETS: weakref.WeakKeyDictionary[View, dict[str, list[str | None]]] = weakref.WeakKeyDictionary()
_BUCKETS_LOCK = threading.Lock()


def _buckets(view: View, by: str) -> list[str | None]:
    """Period of every document number (None: undated), once per index generation."""
    with _BUCKETS_LOCK:
        got = _BUCKETS.setdefault(view, {}).get(by)
    if got is not None:
        return got
    n = view.reader.doc_count_all()
    out: list[str | None] = [None] * n
    if by == "year":
        for value, docs in view.facets["year"].items():
            for d in docs:
                out[d] = value
    else:
        pub = view.pub
        # Vietnam time is a fixed +07:00 (ingest.document.VN_TZ): a document's local day is its
        # Whoosh long (microseconds since datetime.min) shifted by the offset, and the month is
        # that day's, so each distinct day is turned into a label once.
        shift = int(VN_TZ.utcoffset(None).total_seconds()) * 1_000_000
        labels: dict[int, str | None] = {}
        for d in range(n):
            p = pub[d]
            if p == MISSING_DATE:
                continue
            day = (p + shift) // _DAY
            label = labels.get(day, "")
            if label == "":
                label = labels[day] = _month_label(p, day)
            out[d] = label
    with _BUCKETS_LOCK:
        _BUCKETS.setdefault(view, {})[by] = out
    return out


def _month_label(p: int, day: int) -> str:
    """``YYYY-MM`` of local day number ``day`` (days since datetime.min, Vietnam time); the
    timezone arithmetic of the search's own month filter when that day is out of range."""
    try:
        local = date.fromordinal(day + 1)
    except (OverflowError, ValueError):
        local = long_to_datetime(p).replace(tzinfo=UTC).astimezone(VN_TZ)
    return f"{local.year:04d}-{local.month:02d}"


def _all_periods(first: str, last: str, by: str) -> list[str]:
    if by == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    out = []
    y, m = int(first[:4]), int(first[5:])
    ly, lm = int(last[:4]), int(last[5:])
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def trends(searcher, treq: TrendsRequest) -> Trends:
    """Counts per period of each term under the request's filters."""
    t0 = time.perf_counter()
    treq.check()
    searcher.limits.check(treq.filters)
    parsed = [parse(t, searcher.limits.max_query_chars) for t in treq.terms]
    notes = []
    remote = getattr(searcher, "trend_counts", None)
    if remote is not None:  # a cluster (search.sphinxql) counts per period itself
        base_counts, term_counts, missing = remote(treq)
        if missing:
            notes.append("Một số phân vùng không trả lời; số liệu thiếu phần của: " + ", ".join(missing)
                         + " (partial: shards missing)")
    else:
        base_counts, term_counts = _local_counts(searcher, treq, parsed)
    return _result(treq, base_counts, term_counts, notes, t0)


def _local_counts(searcher, treq: TrendsRequest, parsed) -> tuple[Counter, list[Counter]]:
    """Counts per period over the Whoosh view: the filters' documents and each term's."""
    with searcher.snapshot() as view:
        filters = matching.request_filters(view, treq.filters)
        base_docs = intersect(view.all_docs, filters.values())
        bucket = _buckets(view, treq.by)
        base_counts = Counter(bucket[d] for d in base_docs)
        matched = []
        for p in parsed:
            compiled = compile_query(p, view.prefix_expander, view.is_common)
            matched.append(intersect(matching.match(view, compiled.match), filters.values()))
        term_counts = [Counter(bucket[d] for d in m) for m in matched]
    return base_counts, term_counts


def _result(treq: TrendsRequest, base_counts: Counter, term_counts: list[Counter], notes: list[str],
            t0: float) -> Trends:
    undated_base = base_counts.pop(None, 0)
    dated = sorted(base_counts)
    periods = _all_periods(dated[0], dated[-1], treq.by) if dated else []
    if not periods:
        notes.append("Không có văn bản có ngày đăng nào khớp các bộ lọc đã chọn (ví dụ năm không có văn bản); "
                     "hãy bỏ bớt bộ lọc. (no dated documents under these filters)")
    elif undated_base:
        notes.append(f"{undated_base} văn bản không có ngày đăng không được tính. (undated documents left out)")
    base = [base_counts.get(p, 0) for p in periods]
    series = []
    for term, tc in zip(treq.terms, term_counts, strict=True):
        counts = [tc.get(p, 0) for p in periods]
        rel = [round(1000 * c / b, 3) if b else None for c, b in zip(counts, base, strict=True)]
        series.append(Series(term, counts, rel, sum(tc.values()), tc.get(None, 0)))
    return Trends(treq, periods, base, series, (time.perf_counter() - t0) * 1000, notes)
