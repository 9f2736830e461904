"""The one query-parameter model shared by the search page, the JSON API, the export and the feed.

Datasette's lesson: when the HTML page, its JSON twin and the CSV download all read their URL
through the same function, "the export does not match what I saw" cannot happen. This module turns
request arguments into a :class:`search.model.SearchRequest` and back into canonical arguments (for
facet toggles, chips, pagination and the alternate links), and refuses anything it does not
understand with a reason naming the parameter (GOV.UK's search API does the same), instead of
silently ignoring a misspelt filter.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from search.dates import period
from search.limits import Limits
from search.model import QueryError, SearchRequest

#: URL name → meaning. ``from``/``to`` are the URL names of ``date_from``/``date_to``.
SINGLE_PARAMS = ("q", "from", "to", "sort", "page", "per_page", "kind")
#: ``doctype``/``issuer``/``format``: attachments' document type, issuing body and file format
MULTI_PARAMS = ("site", "category", "year", "doctype", "issuer", "format")
#: ``kind=attachment``: "chỉ văn bản đính kèm"; ``kind=page``: web pages only
KINDS = ("attachment", "page")
FLAG_PARAMS = ("facets", "highlight")
SEARCH_PARAMS = frozenset(SINGLE_PARAMS + MULTI_PARAMS + FLAG_PARAMS)
SORTS = ("relevance", "newest", "oldest")
SORT_LABELS = {"relevance": "Liên quan nhất", "newest": "Mới nhất", "oldest": "Cũ nhất"}


@dataclass
class ParamProblem:
    param: str
    detail: str


class ParamError(ValueError):
    """Request arguments that cannot become a search; ``problems`` names each bad parameter."""

    def __init__(self, problems: list[ParamProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.param}: {p.detail}" for p in problems))


# --- dates -------------------------------------------------------------------------------------

DATE_HINT = "năm (2020), tháng/năm (10/2020) hoặc ngày/tháng/năm (05/10/2020)"


# --- parsing -----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """NFC, no control characters, trimmed: NFD text pasted from PDFs must match NFC text."""
    return _CONTROL.sub(" ", unicodedata.normalize("NFC", value)).strip()


def default_sort(q: str) -> str:
    """Relevance when there is a query; newest first when browsing (no score to rank by)."""
    return "relevance" if q else "newest"


def _getlist(args: Mapping[str, object], name: str) -> list[str]:
    getlist = getattr(args, "getlist", None)
    if getlist is not None:
        return list(getlist(name))
    value = args.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def parse_search_args(args: Mapping[str, object], limits: Limits | None = None,
                      extra: Iterable[str] = ()) -> SearchRequest:
    """Turn request arguments (a werkzeug ``MultiDict`` or a plain mapping) into a SearchRequest.

    ``extra`` names parameters the caller handles itself (they are accepted and ignored here).
    Raises :class:`ParamError` listing every problem at once, so one round trip fixes the URL.
    """
    limits = limits or Limits()
    problems: list[ParamProblem] = []
    allowed = SEARCH_PARAMS | set(extra)
    for name in sorted({str(k) for k in args.keys()} - allowed):
        problems.append(ParamProblem(name, "tham số không được hỗ trợ (unknown parameter); "
                                           f"dùng: {', '.join(sorted(SEARCH_PARAMS))}"))

    single: dict[str, str] = {}
    for name in SINGLE_PARAMS + FLAG_PARAMS:
        values = _getlist(args, name)
        if len(values) > 1:
            problems.append(ParamProblem(name, "chỉ được dùng một lần (given more than once)"))
        if values:
            single[name] = clean_text(values[0])

    q = single.get("q", "")
    if len(q) > limits.max_query_chars:
        problems.append(ParamProblem("q", f"từ khóa dài {len(q)} ký tự, tối đa {limits.max_query_chars} "
                                          "(query too long)"))

    multi: dict[str, list[str]] = {}
    for name in MULTI_PARAMS:
        values = [clean_text(v) for v in _getlist(args, name)]
        values = list(dict.fromkeys(v for v in values if v))
        if len(values) > limits.max_filter_values:
            problems.append(ParamProblem(name, f"tối đa {limits.max_filter_values} giá trị (too many values)"))
        multi[name] = values

    years: list[int] = []
    for value in multi["year"]:
        if re.fullmatch(r"\d{4}", value):
            years.append(int(value))
        else:
            problems.append(ParamProblem("year", f"«{value}» không phải năm dạng 2020 (invalid year)"))

    spans: dict[str, tuple[datetime, datetime]] = {}
    for name in ("from", "to"):
        value = single.get(name, "")
        if value:
            try:
                spans[name] = period(value)  # the searcher's own reading of the text
            except QueryError as exc:
                problems.append(ParamProblem(name, str(exc)))
    if "from" in spans and "to" in spans and spans["from"][0] > spans["to"][1]:
        problems.append(ParamProblem("to", f"ngày kết thúc «{single['to']}» trước ngày bắt đầu "
                                           f"«{single['from']}» (date range is reversed)"))

    kind = single.get("kind") or None
    if kind is not None and kind not in KINDS:
        problems.append(ParamProblem("kind", f"«{kind}» không hợp lệ; dùng {', '.join(KINDS)} (invalid kind)"))

    sort = single.get("sort") or default_sort(q)
    if sort not in SORTS:
        problems.append(ParamProblem("sort", f"«{sort}» không hợp lệ; dùng {', '.join(SORTS)} (invalid sort)"))

    page = _int_param(single, "page", 1, problems)
    per_page = _int_param(single, "per_page", limits.default_per_page, problems)
    if per_page is not None and not 1 <= per_page <= limits.max_per_page:
        problems.append(ParamProblem("per_page", f"số kết quả mỗi trang phải từ 1 đến {limits.max_per_page} "
                                                 "(page size out of range)"))
    if page is not None and page < 1:
        problems.append(ParamProblem("page", "số trang phải từ 1 trở lên (page must be ≥ 1)"))
    elif page is not None and per_page and (page - 1) * per_page >= limits.max_depth:
        problems.append(ParamProblem("page", f"chỉ xem được {limits.max_depth:,} kết quả đầu tiên; hãy thu hẹp "
                                             "tìm kiếm hoặc tải toàn bộ bằng CSV (page too deep)".replace(",", ".")))

    flags = {name: _flag(single, name, problems) for name in FLAG_PARAMS}

    if problems:
        raise ParamError(problems)
    return SearchRequest(q=q, site=multi["site"], category=multi["category"], year=years,
                         date_from=single.get("from") or None, date_to=single.get("to") or None,
                         sort=sort, page=page or 1, per_page=per_page or limits.default_per_page,
                         facets=flags["facets"], highlight=flags["highlight"], kind=kind,
                         doctype=multi["doctype"], issuer=multi["issuer"], format=multi["format"])


def _int_param(single: dict[str, str], name: str, default: int, problems: list[ParamProblem]) -> int | None:
    value = single.get(name, "")
    if not value:
        return default
    if not re.fullmatch(r"\d{1,7}", value):
        problems.append(ParamProblem(name, f"«{value}» không phải số nguyên dương (not an integer)"))
        return None
    return int(value)


def _flag(single: dict[str, str], name: str, problems: list[ParamProblem]) -> bool:
    value = single.get(name, "").lower()
    if value in ("", "1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    problems.append(ParamProblem(name, f"«{value}» phải là 0 hoặc 1 (invalid flag)"))
    return True


# --- back to URLs ------------------------------------------------------------------------------

def to_args(req: SearchRequest, *, page: bool = True, limits: Limits | None = None) -> list[tuple[str, str]]:
    """Canonical URL arguments for a request (defaults omitted), in a stable order."""
    limits = limits or Limits()
    args: list[tuple[str, str]] = []
    if req.q:
        args.append(("q", req.q))
    args += [("site", v) for v in req.site]
    args += [("category", v) for v in req.category]
    args += [("year", str(v)) for v in req.year]
    args += [(name, v) for name in ("doctype", "issuer", "format") for v in getattr(req, name)]
    if req.kind:
        args.append(("kind", req.kind))
    if req.date_from:
        args.append(("from", req.date_from))
    if req.date_to:
        args.append(("to", req.date_to))
    if req.sort != default_sort(req.q):
        args.append(("sort", req.sort))
    if page and req.page != 1:
        args.append(("page", str(req.page)))
    if req.per_page != limits.default_per_page:
        args.append(("per_page", str(req.per_page)))
    if not req.facets:
        args.append(("facets", "0"))
    if not req.highlight:
        args.append(("highlight", "0"))
    return args


def query_string(req: SearchRequest, **changes: object) -> str:
    """``?…`` for ``req`` with ``changes`` applied (page resets to 1 unless given)."""
    changes.setdefault("page", 1)
    new = dataclasses.replace(req, **changes)  # type: ignore[arg-type]
    qs = urlencode(to_args(new))
    return f"?{qs}" if qs else "?"


def toggle(req: SearchRequest, field: str, value: str | int) -> str:
    """Query string with a facet value switched on or off (the facet link of Datasette/GOV.UK)."""
    values = list(getattr(req, field))
    if field == "year":
        value = int(value)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    return query_string(req, **{field: values})


def without_filters(req: SearchRequest) -> str:
    """The "Xóa tất cả" link: keep the words, drop every filter."""
    return query_string(req, site=[], category=[], year=[], date_from=None, date_to=None, doctype=[], issuer=[],
                        format=[], kind=None)


def has_filters(req: SearchRequest) -> bool:
    return bool(req.site or req.category or req.year or req.date_from or req.date_to or req.doctype or req.issuer
                or req.format or req.kind)
