"""Flask search UI and JSON API: the application factory.

``create_app`` reads like a table of contents (cookiecutter-flask's shape): configuration, the
searcher pool, template filters, blueprints, error handlers, security headers. Configuration comes
from defaults, then ``TRACUU_*`` environment variables (``TRACUU_DATA=/srv/tracuu``), then the
``config`` mapping a caller or a test passes. The data directory is the one required setting.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from search.limits import Limits
from search.model import IndexDamaged, QueryError
from web import formatting, guard
from web.params import ParamError
from web.problems import param_problem, problem, wants_problem_json
from web.searching import IndexMissing, SearcherPool

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "DATA": None,
    # "sphinxql://host:port[,…]" (TRACUU_BACKEND) searches a Sphinx/Manticore cluster instead
    "BACKEND": None,
    # request limits: defaults from search.limits, the one place the searcher checks them too
    "MAX_QUERY_CHARS": Limits.max_query_chars,
    "MAX_PER_PAGE": Limits.max_per_page,
    "MAX_DEPTH": Limits.max_depth,
    "EXPORT_MAX_ROWS": 100_000,
    "FEED_ENTRIES": 50,
    "DEVELOPMENT": False,
    "MAX_CONTENT_LENGTH": 64 * 1024,  # nothing here accepts uploads
}

#: ``default-src 'self'`` plus no inline script, no plugins, no framing and no foreign form targets.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    configure(app, config)
    guard.register(app)  # size limits, time budget, rate limit (web/guard.py)
    app.extensions["tracuu.searchers"] = SearcherPool(Path(app.config["DATA"]), app.config["LIMITS"],
                                                        app.config.get("BACKEND"))
    formatting.register(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_security_headers(app)
    return app


def configure(app: Flask, config: Mapping[str, Any] | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("TRACUU")
    if config:
        app.config.from_mapping(config)
    if not app.config.get("DATA"):
        raise RuntimeError("cần thư mục dữ liệu: đặt TRACUU_DATA hoặc config DATA (no data directory configured)")
    app.config["DATA"] = str(app.config["DATA"])
    # Debug mode runs arbitrary code from the browser on error: only when explicitly developing.
    if not app.config.get("DEVELOPMENT"):
        app.config["DEBUG"] = False
        app.debug = False
    app.config["LIMITS"] = Limits.from_config(app.config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # readable Vietnamese in the API
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the documented field order
    app.jinja_env.autoescape = True  # every template, whatever its extension (feed.atom included)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def register_blueprints(app: Flask) -> None:
    from web.api import bp as api_bp
    from web.attachments import bp as attachments_bp
    from web.export import bp as export_bp
    from web.research import bp as research_bp
    from web.views import bp as views_bp

    app.register_blueprint(views_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(export_bp)
    app.register_blueprint(attachments_bp)
    app.register_blueprint(research_bp)


def register_error_handlers(app: Flask) -> None:
    def page(status: int, title: str, detail: str, problems: list | None = None):
        return render_template("error.html", status=status, title=title, detail=detail,
                               problems=problems or []), status

    @app.errorhandler(ParamError)
    def bad_params(exc: ParamError):
        if wants_problem_json():
            return param_problem(exc)
        return page(400, "Tham số không hợp lệ", "Không thể thực hiện tìm kiếm với địa chỉ này:", exc.problems)

    @app.errorhandler(QueryError)
    def bad_query(exc: QueryError):
        if wants_problem_json():
            return problem(400, "Truy vấn không hợp lệ (invalid query)", str(exc), "invalid-query")
        return page(400, "Truy vấn không hợp lệ", str(exc))

    @app.errorhandler(IndexDamaged)
    def damaged(exc: IndexDamaged):
        # Already logged (once per problem) and counted in /api/v1/stats "health".
        if wants_problem_json():
            return problem(503, "Chỉ mục bị hỏng (index damaged)", str(exc), "index-damaged")
        return page(503, "Chỉ mục bị hỏng", str(exc))

    @app.errorhandler(IndexMissing)
    def no_index(exc: IndexMissing):
        if wants_problem_json():
            return problem(503, "Chưa có chỉ mục (no index)", str(exc), "no-index")
        return page(503, "Chưa có dữ liệu", str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        if wants_problem_json():
            return problem(status, exc.name, exc.description)
        titles = {404: "Không tìm thấy trang", 405: "Phương thức không được hỗ trợ"}
        return page(status, titles.get(status, exc.name), exc.description or "")

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        if isinstance(exc, HTTPException):  # pragma: no cover - handled above
            return http_error(exc)
        log.exception("unhandled error on %s", "request")
        if wants_problem_json():
            return problem(500, "Lỗi máy chủ (internal error)", "Đã có lỗi; chi tiết được ghi vào nhật ký máy chủ.")
        return page(500, "Lỗi máy chủ", "Đã có lỗi; chi tiết được ghi vào nhật ký máy chủ.")


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def headers(resp):
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        if wants_problem_json():  # API, export, feed: public read-only data, no cookies involved
            resp.headers.setdefault("Access-Control-Allow-Origin", "*")
            resp.headers.setdefault("Access-Control-Expose-Headers",
                                    "Link, X-Total-Count, X-Export-Rows, X-Export-Truncated")
        return resp
