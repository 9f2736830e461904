"""Research pages: the concordance (``/kwic``) and trends (``/trends``), each with a JSON twin
under ``/api/v1`` and a download (``/kwic.csv``, ``/kwic.jsonl``, ``/trends.csv``).

The views gather data and geometry; templates render them. The concordance page and its JSON
twin page through the same cached :func:`search.kwic.concordance`; the downloads stream every
line (date order streams document by document; a left/right sort is sorted whole, up to
:data:`search.kwic.MAX_LINES`, and says so when cut).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from datetime import datetime

from flask import (
    Blueprint,
    Response,
    jsonify,
    make_response,
    render_template,
    request,
    stream_with_context,
    url_for,
)

from ingest.document import VN_TZ
from search import kwic as kwic_mod
from search import trends as trends_mod
from web import charts
from web.research_params import (
    KWIC_SORT_LABELS,
    KwicParams,
    TrendsParams,
    kwic_args,
    parse_kwic_args,
    parse_trends_args,
    point_search_args,
    qs,
    trends_args,
)
from web.views import limits, pool

bp = Blueprint("research", __name__)

KWIC_CSV_FIELDS = ["n", "left", "match", "right", "title", "published", "site", "field", "offset", "doc_id",
                   "url", "local_url"]
TREND_CSV_FIELDS = ["term", "period", "count", "documents_in_period", "per_1000", "search_url"]


def _filename(stem: str, ext: str) -> str:
    return f"tracuu-{stem}-{datetime.now(VN_TZ):%Y%m%d-%H%M}.{ext}"


# --- concordance ---------------------------------------------------------------------------------

def _kwic_page(p: KwicParams):
    """``(concordance, lines of the page, paging)``; a page past the end is a clear 400."""
    with pool().searcher() as s:
        conc = kwic_mod.concordance(s, p.kwic)
    last = max(1, -(-len(conc.lines) // p.per_page))
    if p.page > last:
        from web.params import ParamError, ParamProblem

        raise ParamError([ParamProblem("page", f"chỉ có {last} trang (page {p.page} is past the end)")])
    start = (p.page - 1) * p.per_page
    return conc, conc.lines[start:start + p.per_page], last


def _line_json(line: kwic_mod.Line) -> dict:
    out = line.to_json()
    out["links"] = {"html": url_for("views.document", doc_id=line.doc_id)}
    return out


@bp.get("/api/v1/kwic")
def kwic_api():
    p = parse_kwic_args(request.args, limits())
    conc, lines, last = _kwic_page(p)
    links = {"self": url_for("research.kwic_api") + qs(kwic_args(p)),
             "html": url_for("research.kwic_page") + qs(kwic_args(p)),
             "csv": url_for("research.kwic_csv") + qs(kwic_args(p, page=None, per_page=None)),
             "jsonl": url_for("research.kwic_jsonl") + qs(kwic_args(p, page=None, per_page=None))}
    if p.page > 1:
        links["prev"] = url_for("research.kwic_api") + qs(kwic_args(p, page=p.page - 1))
    if p.page < last:
        links["next"] = url_for("research.kwic_api") + qs(kwic_args(p, page=p.page + 1))
    return jsonify({
        "query": p.kwic.search.q, "context": p.kwic.context, "sort": p.kwic.sort,
        "exact_accents": p.kwic.exact_accents, "documents": conc.documents,
        "documents_with_lines": conc.documents_with_lines, "total_lines": len(conc.lines),
        "truncated": conc.truncated, "took_ms": round(conc.took_ms, 2),
        "spellings": [{"spelling": sp, "count": n} for sp, n in conc.spellings],
        "page": p.page, "per_page": p.per_page, "pages": last,
        "lines": [_line_json(ln) for ln in lines], "links": links,
    })


#: a date-sorted page up to this line is shown from the stream before the whole concordance is done
STREAM_PAGE_LINES = 2000


def _streamed_page(p: KwicParams):
    """A first (date-sorted) page from the first lines of the stream while the whole concordance
    is counted in the background: ``(partial concordance, lines, last page)``, or None when the
    counts are already known or the page is deep."""
    if p.kwic.sort != "date" or p.page * p.per_page > STREAM_PAGE_LINES:
        return None
    with pool().searcher() as s:
        if kwic_mod.cached(s, p.kwic) is not None:
            return None
        lines, more, documents = kwic_mod.first_lines(s, p.kwic, p.page * p.per_page)
    start = (p.page - 1) * p.per_page
    if start >= len(lines) and p.page > 1:
        return None  # past the end: let the complete path say so
    partial = kwic_mod.Concordance(p.kwic, lines, documents, len({ln.doc_id for ln in lines}), [])
    return partial, lines[start:], p.page + 1 if more else p.page


@bp.get("/kwic")
def kwic_page():
    p = parse_kwic_args(request.args, limits(), require_q=False)
    ctx: dict = {"p": p, "req": p.kwic.search, "sort_labels": KWIC_SORT_LABELS, "conc": None, "pending": False}
    if p.kwic.search.q:
        streamed = _streamed_page(p)
        if streamed is not None:
            conc, lines, last = streamed
            ctx["pending"] = True
        else:
            conc, lines, last = _kwic_page(p)
        window = sorted({1, last, *range(max(1, p.page - 2), min(last, p.page + 2) + 1)})
        ctx.update(conc=conc, lines=lines, first=(p.page - 1) * p.per_page + 1, last=last,
                   pages=[(n, qs(kwic_args(p, page=n))) for n in window] if last > 1 else [],
                   prev=qs(kwic_args(p, page=p.page - 1)) if p.page > 1 else None,
                   next=qs(kwic_args(p, page=p.page + 1)) if p.page < last else None,
                   sort_urls={k: qs(kwic_args(p, sort=k, page=1)) for k in KWIC_SORT_LABELS},
                   exact_url=qs(kwic_args(p, exact=not p.kwic.exact_accents, page=1)),
                   api_url=url_for("research.kwic_api") + qs(kwic_args(p)),
                   counts_qs=qs(kwic_args(p, page=1, per_page=1)),
                   download=qs(kwic_args(p, page=None, per_page=None)),
                   search_url=url_for("views.search_page") + qs(kwic_args(p, page=None, per_page=None,
                                                                           context=8, sort="date", exact=False)))
    resp = make_response(render_template("kwic.html", **ctx))
    if ctx["pending"]:
        # Count the whole concordance once the page is sent, so it does not slow the page down.
        with pool().searcher() as s:
            resp.call_on_close(lambda s=s, k=p.kwic: kwic_mod.start(s, k))
    if ctx.get("api_url"):
        resp.headers["Link"] = f'<{ctx["api_url"]}>; rel="alternate"; type="application/json"'
    return resp


def _kwic_stream(p: KwicParams) -> tuple[Iterator[kwic_mod.Line], dict]:
    """Every line of a concordance: streamed in date order, or sorted whole for left/right."""
    stats: dict = {}
    with pool().searcher() as s:
        searcher = s
    p.kwic.check()
    if p.kwic.sort == "date":
        # Start the stream now so a bad query fails before the response starts.
        it = kwic_mod.iter_lines(searcher, p.kwic, stats)
        first = next(it, None)

        def lines() -> Iterator[kwic_mod.Line]:
            if first is not None:
                yield first
                yield from it
        return lines(), stats
    conc = kwic_mod.concordance(searcher, p.kwic)
    stats["truncated"] = conc.truncated
    return iter(conc.lines), stats


@bp.get("/kwic.csv")
def kwic_csv():
    p = parse_kwic_args(request.args, limits(), require_q=True)
    lines, stats = _kwic_stream(p)
    base = request.host_url.rstrip("/")

    def rows() -> Iterator[str]:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(KWIC_CSV_FIELDS)
        for n, ln in enumerate(lines, 1):
            w.writerow([n, ln.left, ln.match, ln.right, ln.title,
                        ln.published.isoformat() if ln.published else "", ln.site or "", ln.field, ln.offset,
                        ln.doc_id, ln.url or "", f"{base}/doc/{ln.doc_id}"])
            if n % 200 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        if stats.get("truncated"):
            w.writerow([f"# bị cắt ở {kwic_mod.MAX_LINES} dòng; hãy sắp xếp theo ngày để tải đủ (truncated)"])
        yield buf.getvalue()

    return Response(stream_with_context(rows()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{_filename("kwic", "csv")}"'})


@bp.get("/kwic.jsonl")
def kwic_jsonl():
    p = parse_kwic_args(request.args, limits(), require_q=True)
    lines, stats = _kwic_stream(p)

    def rows() -> Iterator[str]:
        for ln in lines:
            yield json.dumps(ln.to_json(), ensure_ascii=False) + "\n"
        if stats.get("truncated"):
            yield json.dumps({"truncated": True, "max_lines": kwic_mod.MAX_LINES}) + "\n"

    return Response(stream_with_context(rows()), mimetype="application/x-ndjson",
                    headers={"Content-Disposition": f'attachment; filename="{_filename("kwic", "jsonl")}"'})


# --- trends --------------------------------------------------------------------------------------

def _trends(p: TrendsParams) -> trends_mod.Trends:
    with pool().searcher() as s:
        return trends_mod.trends(s, p.trends)


def _point_url(p: TrendsParams, term: str, period: str) -> str:
    return url_for("views.search_page") + point_search_args(p.trends.filters, term, period)


def trends_json(p: TrendsParams, t: trends_mod.Trends) -> dict:
    return {
        "terms": list(p.trends.terms), "by": p.trends.by, "periods": t.periods,
        "documents_in_period": t.base, "notes": t.notes, "took_ms": round(t.took_ms, 2),
        "series": [{"term": s.term, "counts": s.counts, "per_1000": s.per_1000, "total": s.total,
                    "undated": s.undated, "search_urls": [_point_url(p, s.term, per) for per in t.periods]}
                   for s in t.series],
        "links": {"self": url_for("research.trends_api") + qs(trends_args(p)),
                  "html": url_for("research.trends_page") + qs(trends_args(p)),
                  "csv": url_for("research.trends_csv") + qs(trends_args(p))},
    }


@bp.get("/api/v1/trends")
def trends_api():
    p = parse_trends_args(request.args, limits())
    return jsonify(trends_json(p, _trends(p)))


@bp.get("/trends.csv")
def trends_csv():
    p = parse_trends_args(request.args, limits(), drop_blank=True)
    t = _trends(p)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(TREND_CSV_FIELDS)
    for s in t.series:
        for per, c, b, r in zip(t.periods, s.counts, t.base, s.per_1000, strict=True):
            w.writerow([s.term, per, c, b, "" if r is None else r, _point_url(p, s.term, per)])
    return Response(buf.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{_filename("trends", "csv")}"'})


@bp.get("/trends")
def trends_page():
    p = parse_trends_args(request.args, limits(), drop_blank=True, require_q=False)
    first = p.trends.terms[0] if p.trends.terms else ""
    ctx: dict = {"p": p, "req": dataclasses.replace(p.trends.filters, q=first), "t": None,
                 "terms": list(p.trends.terms)}
    if p.trends.terms:
        t = _trends(p)
        per = p.measure == "per_1000"
        series = []
        for s in t.series:
            values = s.per_1000 if per else [float(c) for c in s.counts]
            hrefs = [_point_url(p, s.term, x) for x in t.periods]
            titles = [f"{s.term} – {x}: {c} văn bản ({charts.fmt(r) if r is not None else '–'} trên 1.000)"
                      for x, c, r in zip(t.periods, s.counts, s.per_1000, strict=True)]
            series.append((s.term, values, hrefs, titles))
        ctx.update(t=t, chart=charts.line_chart(t.periods, series) if t.periods else None,
                   rows=[(x, b, [(s.counts[i], s.per_1000[i], _point_url(p, s.term, x)) for s in t.series])
                         for i, (x, b) in enumerate(zip(t.periods, t.base, strict=True))],
                   measure_urls={m: qs(trends_args(p, measure=m)) for m in ("per_1000", "count")},
                   by_urls={b: qs(trends_args(p, by=b)) for b in ("year", "month")},
                   csv_url=url_for("research.trends_csv") + qs(trends_args(p)),
                   api_url=url_for("research.trends_api") + qs(trends_args(p)))
    resp = make_response(render_template("trends.html", **ctx))
    if ctx.get("api_url"):
        resp.headers["Link"] = f'<{ctx["api_url"]}>; rel="alternate"; type="application/json"'
    return resp


@bp.app_template_global("research_timeline")
def search_timeline(facets: list[dict]) -> dict | None:
    """The search page's year timeline from its year facet (each bar toggles that year)."""
    for group in facets:
        if group["name"] == "year":
            return charts.timeline([(i.value, i.count, i.url, i.selected) for i in group["items"]])
    return None
