"""Where a document came from: ``Document.source`` plus what the capture catalog knows.

Archivists must be able to cite a page: the source file or WARC record, when it was captured and
imported, and its digests. ``Document.source`` always travels with the document; the SQLite
catalog (``<data>/catalog.sqlite``, written by ingest) adds capture dates, record ids and where our
own copy is stored. The catalog is optional: an index built without it still gets a document page.
The catalog connection is opened per request (sqlite3 connections belong to one thread) and only
when the file exists, so a read-only web server never creates it.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ingest.document import Document

log = logging.getLogger(__name__)

CATALOG_FILE = "catalog.sqlite"


def source_rows(doc: Document) -> list[tuple[str, str]]:
    src = doc.source
    rows: list[tuple[str, str]] = []
    if src.path:
        rows.append(("Tệp nguồn", src.path))
    if src.bytes:
        rows.append(("Kích thước", f"{src.bytes:,} byte".replace(",", ".")))
    if src.sha256:
        rows.append(("SHA-256", src.sha256))
    if src.encoding:
        rows.append(("Bảng mã", src.encoding))
    if src.repairs:
        rows.append(("Sửa lỗi mã hóa", ", ".join(src.repairs)))
    return rows


def captures(data_dir: Path | str, doc: Document) -> list[dict[str, Any]]:
    """Catalog captures of this document's URL, the one matching its payload first ([] if none)."""
    path = Path(data_dir) / CATALOG_FILE
    if not path.exists() or not doc.url:
        return []
    try:
        from index.catalog import Catalog

        with Catalog(path) as cat:
            caps = cat.captures_of(doc.url)
            out = []
            for cap in caps:
                row = asdict(cap)
                row["crawl_dates"] = cat.crawl_dates(cap.id) if cap.id is not None else []
                row.pop("http_headers", None)
                out.append(row)
    except (sqlite3.Error, OSError) as exc:
        log.warning("catalog %s unreadable: %s", path, exc)
        return []
    out.sort(key=lambda r: (r.get("sha256") != doc.source.sha256, -(r.get("id") or 0)))
    return out


def capture_rows(cap: dict[str, Any]) -> list[tuple[str, str]]:
    """One capture as labelled rows for the document page (empty values left out)."""
    source = cap.get("source_file_path")
    if source and cap.get("source_file_offset") is not None:
        source = f"{source} @ {cap['source_file_offset']}"
    stored = cap.get("store_key")
    if stored and cap.get("store") == "warc" and cap.get("store_offset") is not None:
        stored = f"{stored} @ {cap['store_offset']}"
    rows = [
        ("Thời điểm thu thập", cap.get("crawl_date")),
        ("Các lần thu thập", ", ".join(d for d in cap.get("crawl_dates") or [] if d)
         if len(cap.get("crawl_dates") or []) > 1 else None),
        ("Thời điểm nhập", cap.get("imported")),
        ("Nguồn", source),
        ("Loại bản ghi", cap.get("record_type")),
        ("WARC-Record-ID", cap.get("record_id")),
        ("Mã HTTP", str(cap["status_code"]) if cap.get("status_code") else None),
        ("Content-Type", cap.get("content_type_served")),
        ("Payload digest", cap.get("hash")),
        ("Bản lưu", f"{cap.get('store')}: {stored}" if stored else None),
        ("Phiên bản bộ phân tích", cap.get("parser_version")),
    ]
    return [(label, str(value)) for label, value in rows if value]
