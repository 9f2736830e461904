"""``tracuu ocr``: fill in the attachments recorded "cần OCR".

An import without Tesseract (or with ``--no-ocr``) still indexes a scanned PDF: its metadata from
the page's link, its file and parents, and the flag ``needs_ocr``. Once Tesseract and its
Vietnamese data are installed, this reads each such file back from the archive (no network),
OCRs it page by page (``--jobs`` Tesseract processes) and re-indexes it with its text. Files that
still cannot be read are reported, one JSONL line each, and keep their flag.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from index.attachdocs import build_document
from index.attachregistry import Registry
from index.catalog import Catalog
from index.store import Archive
from ingest.sources import SourceError

log = logging.getLogger(__name__)


@dataclass
class OcrSummary:
    pending: int = 0
    filled: int = 0
    still: int = 0  # extracted again but still without text (Tesseract missing?)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"Tệp cần OCR (attachments needing OCR): {self.pending}",
                 f"  đã OCR và lập chỉ mục lại (filled in): {self.filled}",
                 f"  vẫn cần OCR (still needing OCR): {self.still}",
                 f"  lỗi (failed): {len(self.failed)}"]
        return "\n".join(lines)


def fill_ocr(data_dir: Path | str, *, jobs: int = 1, sink_factory=None, report=None) -> OcrSummary:
    """OCR every attachment flagged ``needs_ocr`` and re-index it (the index writer lock is held)."""
    from ingest.attachments import AttachmentError, extract_isolated

    data = Path(data_dir)
    if sink_factory is None:
        from index.writer import IndexWriterSink

        sink_factory = IndexWriterSink
    summary = OcrSummary()
    registry = Registry(data)
    catalog = Catalog(data / "catalog.sqlite")
    archive = Archive(data)
    sink = sink_factory(data)
    try:
        todo = registry.needing_ocr()
        summary.pending = len(todo)
        for sha, _doc_id in todo:
            old = registry.stored(sha)
            row = catalog.db.execute("SELECT id FROM captures WHERE sha256 = ? AND store IS NOT NULL "
                                     "ORDER BY id DESC LIMIT 1", (sha,)).fetchone()
            cap = catalog.get(row[0]) if row else None
            page = archive.load(cap.store, cap.store_key, cap.store_offset) if cap and cap.store else None
            name = (old.attachment.filename if old and old.attachment else None) or sha[:12]
            if page is None or old is None:
                msg = "không đọc được bản lưu của tệp (stored copy unreadable)"
                summary.failed.append((name, msg))
                if report is not None:
                    report.write(SourceError(name, None, old.url if old else None, "ocr", msg))
                continue
            try:
                ext = extract_isolated(page.payload, name, old.attachment.content_type if old.attachment else None,
                                       ocr=True, jobs=jobs)
            except AttachmentError as exc:
                summary.failed.append((name, str(exc)))
                if report is not None:
                    report.write(SourceError(name, None, old.url, "ocr", f"tệp đính kèm {name}: {exc}"))
                continue
            new = build_document(ext, page.payload, old.url, name, old.attachment.content_type if old.attachment
                                 else None, old.attachment.format if old.attachment else "pdf")
            assert new.attachment is not None and old.attachment is not None
            new.attachment.urls = list(old.attachment.urls)
            new = registry.replace(sha, new)
            sink.add(new)
            if new.attachment is not None and new.attachment.needs_ocr:
                summary.still += 1
            else:
                summary.filled += 1
            sink.commit()
            registry.commit()
    finally:
        sink.close()
        registry.close()
        catalog.close()
        archive.close()
    return summary
