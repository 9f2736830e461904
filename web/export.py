"""Export every result of a search (CSV, JSON Lines) and follow a search as an Atom feed.

Users complain most about exports that hold only the visible page or drop a filter; here the
export reads the same parameters as the page (:mod:`web.params`), ignores only the paging, and
streams all hits from :meth:`Searcher.iter_results` row by row, so memory stays flat for 100,000
rows. A cap (``EXPORT_MAX_ROWS``) bounds one download; when it bites, the response says so in
headers (``X-Export-Truncated``) and in a final line of the file, as Datasette does.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request, url_for

from ingest.document import VN_TZ, iso
from search.model import Hit, SearchRequest
from web.formatting import plain
from web.params import parse_search_args, to_args
from web.serialize import hit_dict
from web.views import limits, pool

bp = Blueprint("export", __name__)

CSV_FIELDS = ["rank", "id", "title", "published", "site", "category", "url", "local_url", "score", "snippet"]


def _export_request(req: SearchRequest) -> SearchRequest:
    return dataclasses.replace(req, page=1, facets=False, highlight=False)


def _open_export(req: SearchRequest) -> tuple[ExitStack, int, int, Iterator[Hit]]:
    """Borrow a searcher for the whole stream. The search runs once; its ``total`` is known
    before the first row, so headers can announce a truncation. Rows are built in batches that
    take the searcher's lock only briefly (Searcher.iter_results), so other searches are not
    stalled by a 100,000-row download."""
    cap = int(current_app.config["EXPORT_MAX_ROWS"])
    stack = ExitStack()
    try:
        s = stack.enter_context(pool().searcher())
        stream = s.iter_results(_export_request(req), limit=cap)
    except BaseException:
        stack.close()
        raise
    return stack, stream.total, cap, iter(stream)


def _filename(ext: str) -> str:
    return f"tracuu-{datetime.now(VN_TZ):%Y%m%d-%H%M}.{ext}"


def _headers(total: int, cap: int, ext: str) -> dict[str, str]:
    return {
        "Content-Disposition": f'attachment; filename="{_filename(ext)}"',
        "X-Total-Count": str(total),
        "X-Export-Rows": str(min(total, cap)),
        "X-Export-Truncated": "true" if total > cap else "false",
        "Cache-Control": "no-store",
    }


def _note(total: int, cap: int) -> str:
    return (f"Đã cắt: chỉ xuất {cap:,} trên {total:,} kết quả; hãy thu hẹp tìm kiếm "
            f"(truncated: {cap} of {total} rows)").replace(",", ".")


@bp.get("/export.csv")
def csv_export():
    req = parse_search_args(request.args, limits())
    stack, total, cap, hits = _open_export(req)
    doc_base = url_for("views.search_page", _external=True) + "doc/"

    def rows() -> Iterator[str]:
        with stack:
            buf = io.StringIO()
            writer = csv.writer(buf)
            yield "\ufeff"  # BOM: Excel, which most users open CSV files with, then reads UTF-8
            writer.writerow(CSV_FIELDS)
            for rank, hit in enumerate(hits, 1):
                writer.writerow([rank, hit.id, hit.title, iso(hit.published) or "", hit.site or "",
                                 " > ".join(hit.category), hit.url or "", doc_base + hit.id,
                                 f"{hit.score:.4f}" if hit.score is not None else "", plain(hit.snippet)])
                if rank % 200 == 0:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
            if total > cap:
                writer.writerow(["# " + _note(total, cap)])
            yield buf.getvalue()

    resp = Response(rows(), mimetype="text/csv", headers=_headers(total, cap, "csv"))
    resp.call_on_close(stack.close)  # also when the client leaves before the first row
    return resp


@bp.get("/export.jsonl")
def jsonl_export():
    req = parse_search_args(request.args, limits())
    stack, total, cap, hits = _open_export(req)
    doc_base = url_for("views.search_page", _external=True) + "doc/"

    def lines() -> Iterator[str]:
        with stack:
            chunk: list[str] = []
            for hit in hits:
                row = hit_dict(hit)
                row["snippet"] = plain(hit.snippet)
                row["local_url"] = doc_base + hit.id
                chunk.append(json.dumps(row, ensure_ascii=False) + "\n")
                if len(chunk) >= 200:
                    yield "".join(chunk)
                    chunk = []
            if total > cap:
                chunk.append(json.dumps({"truncated": True, "exported": cap, "total": total,
                                         "note": _note(total, cap)}, ensure_ascii=False) + "\n")
            yield "".join(chunk)

    resp = Response(lines(), mimetype="application/x-ndjson", headers=_headers(total, cap, "jsonl"))
    resp.call_on_close(stack.close)
    return resp


@bp.get("/feed.atom")
def feed():
    req = parse_search_args(request.args, limits())
    entries = min(int(current_app.config["FEED_ENTRIES"]), limits().max_per_page)
    req = dataclasses.replace(req, sort="newest", page=1, per_page=entries, facets=False)
    with pool().searcher() as s:
        result = s.search(req)
    args = [(k, v) for k, v in to_args(req, page=False) if k not in ("sort", "per_page", "facets")]
    qs = "?" + urlencode(args) if args else ""
    newest = max((h.published for h in result.hits if h.published), default=None)
    body = render_template(
        "feed.atom", req=req, hits=result.hits, total=result.total,
        self_url=url_for("export.feed", _external=True) + qs,
        html_url=url_for("views.search_page", _external=True) + qs,
        feed_id="tag:tracuu,2026:feed/" + (urlencode(args) or "all"),
        updated=iso(newest or datetime.now(VN_TZ)),
        doc_base=url_for("views.search_page", _external=True) + "doc/",
    )
    return Response(body, mimetype="application/atom+xml")
