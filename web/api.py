"""JSON API ``/api/v1``: the machine twin of every page, with the same URL parameters.

``/api/v1/search?<the search page's query string>`` answers with the same hits the page shows,
because both read the request through :func:`web.params.parse_search_args`. Errors are RFC 9457
problem details (see :mod:`web.problems`).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, jsonify, request, url_for

from search.sitestats import for_data as site_quality
from web.params import ParamError, ParamProblem, clean_text, parse_search_args, query_string, to_args
from web.provenance import captures
from web.serialize import json_safe, result_dict
from web.views import limits, pool

bp = Blueprint("api", __name__, url_prefix="/api/v1")

_DOC_ID = re.compile(r"[0-9a-f]{16}")
SUGGEST_MAX = 20


def _only(allowed: set[str]) -> None:
    unknown = sorted(set(request.args.keys()) - allowed)
    if unknown:
        raise ParamError([ParamProblem(n, f"tham số không được hỗ trợ (unknown parameter); dùng: "
                                          f"{', '.join(sorted(allowed)) or 'không có'}") for n in unknown])


@bp.get("/search")
def search():
    req = parse_search_args(request.args, limits())
    with pool().searcher() as s:
        result = s.search(req)
    body = result_dict(result)
    args = to_args(req)
    links = {
        "self": url_for("api.search") + ("?" + urlencode(args) if args else ""),
        "html": url_for("views.search_page") + ("?" + urlencode(args) if args else ""),
    }
    if req.page > 1:
        links["prev"] = url_for("api.search") + query_string(req, page=req.page - 1)
    if req.page * req.per_page < min(result.total, limits().max_depth):
        links["next"] = url_for("api.search") + query_string(req, page=req.page + 1)
    export = [(k, v) for k, v in to_args(req, page=False) if k != "per_page"]
    suffix = "?" + urlencode(export) if export else ""
    links["csv"] = url_for("export.csv_export") + suffix
    links["jsonl"] = url_for("export.jsonl_export") + suffix
    links["atom"] = url_for("export.feed") + suffix
    body["links"] = links
    for hit in body["hits"]:
        hit["links"] = {"html": url_for("views.document", doc_id=hit["id"]),
                        "json": url_for("api.document", doc_id=hit["id"])}
    return jsonify(body)


@bp.get("/doc/<doc_id>")
def document(doc_id: str):
    _only(set())
    if not _DOC_ID.fullmatch(doc_id):
        abort(404, description=f"mã văn bản «{doc_id}» không hợp lệ (expected 16 hex digits)")
    with pool().searcher() as s:
        doc = s.get(doc_id)
    if doc is None:
        abort(404, description=f"không có văn bản {doc_id} trong chỉ mục (no such document)")
    body = doc.to_dict()
    body["id"] = doc.id
    body["captures"] = captures(current_app.config["DATA"], doc)
    body["links"] = {"html": url_for("views.document", doc_id=doc_id)}
    return jsonify(body)


@bp.get("/stats")
def stats():
    _only(set())
    with pool().searcher() as s:
        data = s.stats()
    # per-site extraction quality (search/sitestats.py), the same figures as /stats and `tracuu stats`
    data["sites"] = [q.to_dict() for q in site_quality(current_app.config["DATA"])]
    return jsonify(json_safe(data))


@bp.get("/suggest")
def suggest():
    _only({"q", "limit"})
    q = clean_text(request.args.get("q", ""))
    if len(q) > limits().max_query_chars:
        raise ParamError([ParamProblem("q", f"tối đa {limits().max_query_chars} ký tự (query too long)")])
    raw_limit = request.args.get("limit", "10")
    if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= SUGGEST_MAX:
        raise ParamError([ParamProblem("limit", f"phải là số từ 1 đến {SUGGEST_MAX} (out of range)")])
    if not q:
        return jsonify({"query": q, "suggestions": []})
    with pool().searcher() as s:
        suggestions = s.suggest(q, limit=int(raw_limit))
    return jsonify({"query": q, "suggestions": list(suggestions)})
