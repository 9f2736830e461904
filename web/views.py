"""HTML pages: the search page (``/``) and the document page (``/doc/<id>``).

Both are plain GET pages whose whole state is in the URL, so the back button, bookmarks and
sharing work, and nothing needs JavaScript. The views only gather data; the templates render it;
the URL arithmetic (facet toggles, chips, pages) lives in :mod:`web.params`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode

from flask import Blueprint, abort, current_app, make_response, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from ingest.document import LinkItem
from ingest.document import doc_id as url_doc_id
from search.model import SearchRequest, SearchResult
from web.attachments import local_links
from web.formatting import category_label, http_url, vn_number
from web.params import (
    DATE_HINT,
    SORT_LABELS,
    Limits,
    ParamError,
    ParamProblem,
    default_sort,
    has_filters,
    parse_search_args,
    query_string,
    to_args,
    toggle,
    without_filters,
)
from web.provenance import capture_rows, captures, source_rows
from web.searching import SearcherPool

bp = Blueprint("views", __name__)

FACET_LABELS = {"site": "Trang nguồn", "category": "Chuyên mục", "year": "Năm",
                "doctype": "Loại văn bản", "issuer": "Cơ quan ban hành", "format": "Định dạng tệp"}
FACET_VISIBLE = 8
_DOC_ID = re.compile(r"[0-9a-f]{16}")


def limits() -> Limits:
    return current_app.config["LIMITS"]


def pool() -> SearcherPool:
    return current_app.extensions["tracuu.searchers"]


# --- search page -------------------------------------------------------------------------------

@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str
    depth: int = 0

    @property
    def leaf(self) -> str:
        """What an indented sub-category shows (its parents are the lines above it)."""
        return self.label.rsplit(" › ", 1)[-1] if self.depth else self.label

    @property
    def parent(self) -> str:
        return self.label.rsplit(" › ", 1)[0] if self.depth else ""


@dataclass
class Chip:
    label: str
    url: str


def facet_groups(req: SearchRequest, result: SearchResult) -> list[dict[str, Any]]:
    groups = []
    for name in FACET_LABELS:
        values = (result.facets or {}).get(name) or []
        selected = {str(v) for v in getattr(req, name)}
        items = [FacetValue(str(v), category_label(str(v)) if name == "category" else str(v), int(c),
                            str(v) in selected, toggle(req, name, str(v)),
                            str(v).count("/") if name == "category" else 0) for v, c in values]
        if name == "year":
            items.sort(key=lambda i: i.value, reverse=True)
        elif name == "category":  # tree order, so an indented sub-category sits under its parent
            items.sort(key=lambda i: [p.casefold() for p in i.value.split("/")])
        if items:
            groups.append({"name": name, "label": FACET_LABELS[name], "items": items,
                           "visible": FACET_VISIBLE})
    return groups


def chips(req: SearchRequest) -> list[Chip]:
    out = [Chip(f"Trang nguồn: {v}", toggle(req, "site", v)) for v in req.site]
    out += [Chip(f"Chuyên mục: {category_label(v)}", toggle(req, "category", v)) for v in req.category]
    out += [Chip(f"Năm: {v}", toggle(req, "year", v)) for v in req.year]
    out += [Chip(f"{FACET_LABELS[name]}: {v}", toggle(req, name, v))
            for name in ("doctype", "issuer", "format") for v in getattr(req, name)]
    if req.kind:
        out.append(Chip("Chỉ văn bản đính kèm" if req.kind == "attachment" else "Chỉ trang tin",
                        query_string(req, kind=None)))
    if req.date_from:
        out.append(Chip(f"Từ ngày: {req.date_from}", query_string(req, date_from=None)))
    if req.date_to:
        out.append(Chip(f"Đến ngày: {req.date_to}", query_string(req, date_to=None)))
    return out


def page_links(req: SearchRequest, total: int) -> dict[str, Any]:
    last = max(1, min(-(-total // req.per_page), -(-limits().max_depth // req.per_page)))
    window = sorted({1, last, *range(max(1, req.page - 2), min(last, req.page + 2) + 1)})
    pages: list[tuple[int | None, str | None]] = []
    prev = 0
    for n in window:
        if n - prev > 1:
            pages.append((None, None))  # gap
        pages.append((n, query_string(req, page=n)))
        prev = n
    return {
        "pages": pages if last > 1 else [],
        "prev": query_string(req, page=req.page - 1) if req.page > 1 else None,
        "next": query_string(req, page=req.page + 1) if req.page < last else None,
        "last": last,
    }


def stats_line(stats: dict[str, Any] | None) -> str | None:
    """"38.412 văn bản từ 12 trang nguồn" for the start page (whatever shape ``stats()`` gives)."""
    if not stats:
        return None
    docs = stats.get("documents")
    sites = stats.get("sites")
    n_sites = len(sites) if isinstance(sites, list | dict | tuple) else sites
    if not isinstance(docs, int):
        return None
    line = f"{vn_number(docs)} văn bản"
    if isinstance(n_sites, int):
        line += f" từ {vn_number(n_sites)} trang nguồn"
    return line + "."


def back_param(req: SearchRequest) -> str:
    return urlencode(to_args(req))


@bp.get("/")
def search_page():
    req = parse_search_args(request.args, limits())
    with pool().searcher() as s:
        result = s.search(req)
        stats = s.stats() if not req.q and not has_filters(req) else None
    args = to_args(req)
    api_url = url_for("api.search") + ("?" + urlencode(args) if args else "")
    export_list = [(k, v) for k, v in to_args(req, page=False) if k != "per_page"]
    export_args = "?" + urlencode(export_list) if export_list else ""
    first = (req.page - 1) * req.per_page
    resp = make_response(render_template(
        "search.html", req=req, result=result, facets=facet_groups(req, result),
        chips=chips(req), clear_url=without_filters(req) if has_filters(req) else None,
        paging=page_links(req, result.total), first=first + 1, last_shown=first + len(result.hits),
        back=back_param(req), sort_labels=SORT_LABELS, date_hint=DATE_HINT, api_url=api_url,
        export_args=export_args, export_max=current_app.config["EXPORT_MAX_ROWS"],
        suggestion_url=query_string(req, q=result.suggestion) if result.suggestion else None,
        max_query_chars=limits().max_query_chars, stats_line=stats_line(stats),
        sort_param=req.sort != default_sort(req.q),
        sort_urls={key: query_string(req, sort=key) for key in SORT_LABELS},
    ))
    resp.headers["Link"] = (f'<{api_url}>; rel="alternate"; type="application/json", '
                            f'<{url_for("export.feed")}{export_args}>; rel="alternate"; '
                            'type="application/atom+xml"')
    return resp


# --- document page -----------------------------------------------------------------------------

def parse_back(value: str | None) -> SearchRequest | None:
    """The search a visitor came from (``back=q%3D…``), or None if absent or not a valid search."""
    if not value:
        return None
    try:
        return parse_search_args(MultiDict(parse_qs(value, keep_blank_values=False)), limits())
    except ParamError:
        return None


def linked_items(items: list[LinkItem], searcher, back: str | None) -> list[dict[str, Any]]:
    """Related/latest entries linked to our own copy when it is indexed, else to the original."""
    out = []
    for item in items:
        original = http_url(item.url)
        local = None
        if item.url and searcher.get(url_doc_id(item.url)) is not None:
            local = url_for("views.document", doc_id=url_doc_id(item.url), back=back or None)
        out.append({"title": item.title, "published": item.published, "local": local, "original": original})
    return out


@bp.get("/doc/<doc_id>")
def document(doc_id: str):
    unknown = sorted(set(request.args.keys()) - {"back"})
    if unknown:
        raise ParamError([ParamProblem(n, "tham số không được hỗ trợ ở trang văn bản (unknown parameter)")
                          for n in unknown])
    if not _DOC_ID.fullmatch(doc_id):
        abort(404, description=f"mã văn bản «{doc_id}» không hợp lệ (16 chữ số hex)")
    back_req = parse_back(request.args.get("back"))
    back = back_param(back_req) if back_req else None
    with pool().searcher() as s:
        doc = s.get(doc_id)
        if doc is None:
            abort(404, description=f"không có văn bản {doc_id} trong chỉ mục")
        if doc.kind == "attachment":  # metadata, text by PDF page, parents, download (web.attachments)
            from web.attachments import attachment_page

            return attachment_page(doc, s, back_req, back)
        related = linked_items(doc.related, s, back)
        latest = linked_items(doc.latest, s, back)
    caps = captures(current_app.config["DATA"], doc)
    back_url = url_for("views.search_page") + (query_string(back_req, page=back_req.page) if back_req else "")
    resp = make_response(render_template(
        "doc.html", doc=doc, related=related, latest=latest, back_url=back_url, has_back=back_req is not None,
        source_rows=source_rows(doc), captures=[capture_rows(c) for c in caps], original=http_url(doc.url),
        api_url=url_for("api.document", doc_id=doc_id), q=back_req.q if back_req else "",
        local_attachments=local_links(current_app.config["DATA"], doc),
    ))
    resp.headers["Link"] = f'<{url_for("api.document", doc_id=doc_id)}>; rel="alternate"; type="application/json"'
    return resp


@bp.get("/stats")
def stats_page():
    """Per-site extraction quality (search/sitestats.py), the page twin of ``/api/v1/stats``."""
    from search.sitestats import for_data

    if request.args:
        raise ParamError([ParamProblem(n, "tham số không được hỗ trợ (unknown parameter)") for n in request.args])
    sites = for_data(current_app.config["DATA"])
    resp = make_response(render_template("stats.html", sites=sites, api_url=url_for("api.stats")))
    resp.headers["Link"] = f'<{url_for("api.stats")}>; rel="alternate"; type="application/json"'
    return resp
