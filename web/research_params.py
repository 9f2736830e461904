"""URL parameters of the research pages (concordance, trends) and their JSON/CSV twins.

Same rule as :mod:`web.params`: the page, its JSON twin and its download read the URL through one
function each, so they cannot disagree, and anything not understood is refused with the
parameter's name. The search filters (``site``, ``category``, ``year``, ``from``, ``to``) are
parsed by :func:`web.params.parse_search_args` itself.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from search.kwic import DEFAULT_CONTEXT, MAX_CONTEXT, KwicRequest
from search.kwic import SORTS as KWIC_SORTS
from search.limits import Limits
from search.model import SearchRequest
from search.trends import BY, MAX_TERMS, TrendsRequest
from web.params import ParamError, ParamProblem, clean_text, parse_search_args

KWIC_PER_PAGE = 50
KWIC_MAX_PER_PAGE = 500
MEASURES = ("per_1000", "count")
KWIC_SORT_LABELS = {"date": "Theo ngày", "left": "Theo từ bên trái", "right": "Theo từ bên phải"}


def _filters_only(args: Mapping, own: tuple[str, ...]) -> MultiDict:
    out: MultiDict = MultiDict()
    for key in args.keys():
        if key in own:
            continue
        getlist = getattr(args, "getlist", None)
        for v in (getlist(key) if getlist else [args[key]]):
            out.add(key, v)
    return out


def _single(args: Mapping, name: str, problems: list[ParamProblem]) -> str | None:
    getlist = getattr(args, "getlist", None)
    values = list(getlist(name)) if getlist else ([args[name]] if name in args else [])
    if len(values) > 1:
        problems.append(ParamProblem(name, "chỉ được dùng một lần (given more than once)"))
    return clean_text(str(values[0])) if values else None


def _int(value: str | None, name: str, default: int, lo: int, hi: int, problems: list[ParamProblem]) -> int:
    if value is None or value == "":
        return default
    if not re.fullmatch(r"\d{1,7}", value) or not lo <= int(value) <= hi:
        problems.append(ParamProblem(name, f"«{value[:20]}» phải là số từ {lo} đến {hi} (out of range)"))
        return default
    return int(value)


def _filters(args: Mapping, own: tuple[str, ...], limits: Limits, problems: list[ParamProblem]) -> SearchRequest:
    try:
        return parse_search_args(_filters_only(args, own), limits)
    except ParamError as exc:
        problems.extend(exc.problems)
        return SearchRequest()


@dataclass
class KwicParams:
    kwic: KwicRequest
    page: int
    per_page: int


def parse_kwic_args(args: Mapping, limits: Limits, require_q: bool = True) -> KwicParams:
    """``q`` + filters + ``context`` (1–50), ``sort`` (date|left|right), ``exact`` (0/1), ``page``,
    ``per_page`` (1–500)."""
    problems: list[ParamProblem] = []
    own = ("context", "sort", "exact", "page", "per_page")
    req = _filters(args, own, limits, problems)
    if require_q and not req.q:
        problems.append(ParamProblem("q", "hãy nhập từ hoặc cụm từ cần xem ngữ cảnh (empty query)"))
    context = _int(_single(args, "context", problems), "context", DEFAULT_CONTEXT, 1, MAX_CONTEXT, problems)
    sort = _single(args, "sort", problems) or "date"
    if sort not in KWIC_SORTS:
        problems.append(ParamProblem("sort", f"«{sort[:30]}» không hợp lệ; dùng {', '.join(KWIC_SORTS)} (invalid sort)"))
    exact = _single(args, "exact", problems) or "0"
    if exact not in ("0", "1"):
        problems.append(ParamProblem("exact", f"«{exact[:20]}» phải là 0 hoặc 1 (invalid flag)"))
    per_page = _int(_single(args, "per_page", problems), "per_page", KWIC_PER_PAGE, 1, KWIC_MAX_PER_PAGE, problems)
    page = _int(_single(args, "page", problems), "page", 1, 1, 1_000_000, problems)
    if problems:
        raise ParamError(problems)
    return KwicParams(KwicRequest(req, context, sort, exact == "1"), page, per_page)


def kwic_args(p: KwicParams, **changes) -> list[tuple[str, str]]:
    """Canonical arguments of a concordance URL (defaults left out), with ``changes``."""
    k = p.kwic
    values = {"context": k.context, "sort": k.sort, "exact": k.exact_accents, "page": p.page,
              "per_page": p.per_page, **changes}
    args = _filter_args(k.search, with_q=True)
    if values["context"] != DEFAULT_CONTEXT:
        args.append(("context", str(values["context"])))
    if values["sort"] != "date":
        args.append(("sort", values["sort"]))
    if values["exact"]:
        args.append(("exact", "1"))
    if values["page"] not in (1, None):
        args.append(("page", str(values["page"])))
    if values["per_page"] not in (KWIC_PER_PAGE, None):
        args.append(("per_page", str(values["per_page"])))
    return args


def _filter_args(req: SearchRequest, with_q: bool) -> list[tuple[str, str]]:
    args: list[tuple[str, str]] = [("q", req.q)] if with_q and req.q else []
    args += [("site", v) for v in req.site]
    args += [("category", v) for v in req.category]
    args += [("year", str(v)) for v in req.year]
    if req.date_from:
        args.append(("from", req.date_from))
    if req.date_to:
        args.append(("to", req.date_to))
    return args


@dataclass
class TrendsParams:
    trends: TrendsRequest
    measure: str


def parse_trends_args(args: Mapping, limits: Limits, drop_blank: bool = False, require_q: bool = True) -> TrendsParams:
    """``q`` (1–5, each any query) + filters + ``by`` (year|month) + ``measure`` (per_1000|count).
    ``drop_blank`` ignores empty ``q`` boxes (the HTML form has five)."""
    problems: list[ParamProblem] = []
    own = ("q", "by", "measure")
    req = _filters(args, own, limits, problems)
    getlist = getattr(args, "getlist", None)
    terms = [clean_text(str(t)) for t in (getlist("q") if getlist else ([args["q"]] if "q" in args else []))]
    if drop_blank:
        terms = [t for t in terms if t]
    if require_q and not terms:
        problems.append(ParamProblem("q", "hãy nhập ít nhất một từ khóa (empty query)"))
    elif any(not t for t in terms):
        problems.append(ParamProblem("q", "có từ khóa để trống (empty term)"))
    if len(terms) > MAX_TERMS:
        problems.append(ParamProblem("q", f"tối đa {MAX_TERMS} từ khóa, nhận được {len(terms)} (too many terms)"))
    for t in terms:
        if len(t) > limits.max_query_chars:
            problems.append(ParamProblem("q", f"từ khóa dài {len(t)} ký tự, tối đa {limits.max_query_chars} "
                                              "(query too long)"))
    by = _single(args, "by", problems) or "year"
    if by not in BY:
        problems.append(ParamProblem("by", f"«{by[:20]}» không hợp lệ; dùng year hoặc month (invalid period)"))
    measure = _single(args, "measure", problems) or "per_1000"
    if measure not in MEASURES:
        problems.append(ParamProblem("measure", f"«{measure[:20]}» không hợp lệ; dùng {', '.join(MEASURES)}"))
    if problems:
        raise ParamError(problems)
    return TrendsParams(TrendsRequest(tuple(dict.fromkeys(terms)), dataclasses.replace(req, q=""), by), measure)


def trends_args(p: TrendsParams, **changes) -> list[tuple[str, str]]:
    values = {"by": p.trends.by, "measure": p.measure, **changes}
    args = [("q", t) for t in p.trends.terms] + _filter_args(p.trends.filters, with_q=False)
    if values["by"] != "year":
        args.append(("by", values["by"]))
    if values["measure"] != "per_1000":
        args.append(("measure", values["measure"]))
    return args


def point_search_args(filters: SearchRequest, term: str, period: str) -> str:
    """Query string of the search for one term in one period (what a chart point opens)."""
    args: list[tuple[str, str]] = [("q", term), *[("site", v) for v in filters.site],
                                   *[("category", v) for v in filters.category]]
    if len(period) == 4:
        args.append(("year", period))
        args += [(k, v) for k, v in (("from", filters.date_from), ("to", filters.date_to)) if v]
    else:
        y, m = period.split("-")
        args += [("year", str(v)) for v in filters.year]
        args += [("from", f"{m}/{y}"), ("to", f"{m}/{y}")]
    return "?" + urlencode(args)


def qs(args: list[tuple[str, str]]) -> str:
    return "?" + urlencode(args) if args else ""
