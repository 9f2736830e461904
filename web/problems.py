"""RFC 9457 problem details for the API, export and feed endpoints.

Machine clients get one error shape everywhere (``application/problem+json`` with ``type``,
``title``, ``status``, ``detail``, ``instance`` and, for bad parameters, ``errors`` naming each
parameter). The ``type`` URIs are ``tag:`` URIs (RFC 4151), which RFC 9457 allows: stable
identifiers that do not pretend to be web pages.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request

from web.params import ParamError

PROBLEM_TYPE = "tag:tracuu,2026:problem/"
PROBLEM_MIME = "application/problem+json"


def problem(status: int, title: str, detail: str | None = None, kind: str | None = None,
            **extensions: Any) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + kind if kind else "about:blank",
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body["instance"] = request.full_path.rstrip("?") if request else None
    body.update(extensions)
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_MIME)


def param_problem(exc: ParamError) -> Response:
    return problem(400, "Tham số không hợp lệ (invalid parameter)", str(exc), "invalid-parameter",
                   errors=[{"param": p.param, "detail": p.detail} for p in exc.problems])


def wants_problem_json() -> bool:
    """API, export and feed URLs answer errors in problem+json; HTML pages get an error page."""
    path = request.path
    return path.startswith("/api/") or path.startswith("/export.") or path.startswith("/feed.")
