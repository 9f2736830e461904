"""Attachments on the web: their document page and the download of the archived file.

The document page of an attachment shows what staff check first (số, loại, cơ quan ban hành,
ngày ban hành, trích yếu, người ký), the extracted text page by page (so "trang 3" in a result
means something), the pages that link it, and a download of *our archived copy* — the portal's
link may be dead years later.

The download is served as a download, never rendered: ``Content-Disposition: attachment``, the
type of the format that was extracted (a payload whose bytes look like HTML is sent as
``application/octet-stream`` whatever its name says) and ``X-Content-Type-Options: nosniff``, so
a hostile "PDF" that is really HTML cannot run script in this origin.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, make_response, render_template, url_for

from index.attachdocs import CONTENT_TYPES, FORMAT_LABELS
from ingest.document import Document
from web.formatting import http_url
from web.provenance import capture_rows, captures, source_rows

log = logging.getLogger(__name__)

bp = Blueprint("attachments", __name__)

_HTML_START = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<?xml", b"<svg")


def meta_rows(doc: Document) -> list[tuple[str, str]]:
    """The metadata table of an attachment (labels as in Nghị định 30/2020/NĐ-CP)."""
    info = doc.attachment
    if info is None:
        return []
    issued = None
    if info.issued:
        y, m, d = info.issued.split("-")
        issued = f"{d}/{m}/{y}"
    rows = [("Số, ký hiệu", info.number), ("Loại văn bản", info.doc_type), ("Cơ quan ban hành", " / ".join(x for x in (info.issuer_parent, info.issuer) if x)),
            ("Nơi ban hành", info.place), ("Ngày ban hành", issued), ("Trích yếu", info.subject),
            ("Người ký", info.signer),
            ("Định dạng", FORMAT_LABELS.get(info.format, info.format.upper() if info.format else None)),
            ("Số trang", str(len(info.page_starts)) if info.page_starts else None),
            ("Tên tệp", info.filename),
            ("Nhận dạng chữ (OCR)", "cần OCR — chạy `tracuu ocr`" if info.needs_ocr else
             (f"trang {', '.join(map(str, info.ocr_pages))}" if info.ocr_pages else None))]
    return [(label, value) for label, value in rows if value]


def local_links(data_dir: Path | str, doc: Document) -> dict[str, str]:
    """For a page: attachment URL → our attachment document page, for the files we hold."""
    path = Path(data_dir) / "attachments.sqlite"
    if not doc.attachments or not path.exists():
        return {}
    from urllib.parse import urljoin

    from index.attachregistry import Registry

    out: dict[str, str] = {}
    try:
        reg = Registry(data_dir)
    except sqlite3.Error as exc:
        log.warning("attachment registry %s unreadable: %s", path, exc)
        return {}
    try:
        for att in doc.attachments:
            doc_id = reg.doc_id_for_url(urljoin(doc.url or "", att.url))
            if doc_id:
                out[att.url] = url_for("views.document", doc_id=doc_id)
    finally:
        reg.close()
    return out


def attachment_page(doc: Document, searcher, back_req, back: str | None) -> Response:
    """The document page of an attachment (called by ``web.views.document``)."""
    from web.params import query_string

    parents: list[dict[str, Any]] = []
    from ingest.document import doc_id as url_doc_id

    for p in doc.parents:
        local = url_for("views.document", doc_id=url_doc_id(p.url), back=back or None) \
            if searcher.get(url_doc_id(p.url)) is not None else None
        parents.append({"title": p.title or p.link_title or p.url, "link_title": p.link_title,
                        "local": local, "original": http_url(p.url)})
    caps = captures(current_app.config["DATA"], doc)
    back_url = url_for("views.search_page") + (query_string(back_req, page=back_req.page) if back_req else "")
    resp = make_response(render_template(
        "attachment.html", doc=doc, info=doc.attachment, meta_rows=meta_rows(doc), pages=doc.pages,
        paged=bool(doc.attachment and doc.attachment.page_starts), parents=parents, back_url=back_url,
        has_back=back_req is not None, q=back_req.q if back_req else "", original=http_url(doc.url),
        download_url=url_for("attachments.download", doc_id=doc.id), source_rows=source_rows(doc),
        captures=[capture_rows(c) for c in caps], api_url=url_for("api.document", doc_id=doc.id),
        other_urls=[u for u in (doc.attachment.urls if doc.attachment else []) if u != doc.url],
    ))
    resp.headers["Link"] = f'<{url_for("api.document", doc_id=doc.id)}>; rel="alternate"; type="application/json"'
    return resp


def _payload(data_dir: str, doc: Document) -> bytes | None:
    """The archived bytes of the attachment (by its digest, from blobs or our WARC files)."""
    from index.catalog import Catalog
    from index.store import Archive

    path = Path(data_dir) / "catalog.sqlite"
    if not path.exists() or not doc.source.sha256:
        return None
    with Catalog(path) as cat:
        row = cat.db.execute("SELECT id FROM captures WHERE sha256 = ? AND store IS NOT NULL ORDER BY id DESC "
                             "LIMIT 1", (doc.source.sha256,)).fetchone()
        cap = cat.get(row[0]) if row else None
    if cap is None:
        return None
    archive = Archive(data_dir)
    try:
        page = archive.load(cap.store or "", cap.store_key or "", cap.store_offset)
    finally:
        archive.close()
    return page.payload if page is not None else None


def content_type_for(fmt: str, payload: bytes) -> str:
    """The download's type: the extracted format's, or octet-stream for anything that looks like
    markup (never ``text/html``: a download must not render)."""
    head = payload[:512].lstrip().lower()
    if head.startswith(_HTML_START):
        return "application/octet-stream"
    return CONTENT_TYPES.get(fmt, "application/octet-stream")


def disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the UTF-8 one (RFC 6266 / 5987)."""
    ascii_name = "".join(c if 32 < ord(c) < 127 and c not in '"\\;%' else "_" for c in filename) or "tep"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


@bp.get("/doc/<doc_id>/tep")
def download(doc_id: str) -> Response:
    """The archived file of an attachment document, as a download."""
    from web.views import _DOC_ID, pool

    if not _DOC_ID.fullmatch(doc_id):
        abort(404, description=f"mã văn bản «{doc_id}» không hợp lệ (16 chữ số hex)")
    with pool().searcher() as s:
        doc = s.get(doc_id)
    if doc is None or doc.kind != "attachment" or doc.attachment is None:
        abort(404, description=f"không có tệp đính kèm {doc_id} trong chỉ mục")
    payload = _payload(current_app.config["DATA"], doc)
    if payload is None:
        abort(404, description="bản lưu của tệp không còn trong kho (archived copy missing)")
    resp = Response(payload, status=200, mimetype=None)
    resp.headers["Content-Type"] = content_type_for(doc.attachment.format, payload)
    resp.headers["Content-Disposition"] = disposition(doc.attachment.filename or f"{doc_id}.{doc.attachment.format}")
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    resp.headers["Cache-Control"] = "private, max-age=3600"
    return resp
