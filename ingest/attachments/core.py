"""``extract()``: bytes of one attachment → ``Extracted`` (text by page, warnings, ND 30 metadata).

Runs in the calling process; ``extract_isolated`` (isolate.py) runs the same function in a worker
with hard time and memory limits, which is what imports should use for files from the web.
"""

from __future__ import annotations

import logging
import time

from ingest.admindoc import parse_admin_meta
from ingest.attachments.errors import AttachmentError, MemoryLimitError, TooLargeError, UnsupportedTypeError
from ingest.attachments.model import Extracted, Limits
from ingest.attachments.sniff import detect_format
from ingest.textfix import normalize_unicode, repair_text

log = logging.getLogger(__name__)

_LEGACY_NAMES = {"legacy-tcvn3": "TCVN3 (ABC)", "legacy-vni": "VNI", "legacy-viscii": "VISCII"}


def _dispatch(fmt: str, data: bytes, limits: Limits, ocr: bool, jobs: int, deadline: float) -> Extracted:
    if fmt == "pdf":
        from ingest.attachments.pdf import extract_pdf
        return extract_pdf(data, limits, ocr, jobs, deadline)
    if fmt == "docx":
        from ingest.attachments.office import extract_docx
        return extract_docx(data, limits)
    if fmt == "odt":
        from ingest.attachments.office import extract_odt
        return extract_odt(data, limits)
    if fmt == "ods":
        from ingest.attachments.office import extract_ods
        return extract_ods(data, limits)
    if fmt == "xlsx":
        from ingest.attachments.sheets import extract_xlsx
        return extract_xlsx(data, limits)
    if fmt == "xls":
        from ingest.attachments.sheets import extract_xls
        return extract_xls(data, limits)
    if fmt == "doc":
        from ingest.attachments.legacy import extract_doc
        return extract_doc(data, deadline - time.monotonic())
    if fmt == "rtf":
        from ingest.attachments.legacy import extract_rtf
        return extract_rtf(data)
    raise UnsupportedTypeError(fmt)


def repair_pages(result: Extracted) -> None:
    """The repairs pages get: legacy Vietnamese fonts and mojibake fixed, NFC, odd spaces normalised."""
    names: list[str] = []
    for i, page in enumerate(result.pages):
        fixed, applied = repair_text(page)
        result.pages[i] = normalize_unicode(fixed)
        names.extend(n for n in applied if n not in names)
    result.repairs = names
    legacy = [_LEGACY_NAMES[n] for n in names if n in _LEGACY_NAMES]
    if legacy:
        result.warnings.append(f"Đã chuyển phông {', '.join(legacy)} sang Unicode "
                               f"(legacy Vietnamese font encoding converted to Unicode)")


def extract(data: bytes, name: str, content_type: str | None = None, *, limits: Limits | None = None,
            ocr: bool = True, jobs: int = 1) -> Extracted:
    """Text, page by page, and administrative metadata of one attachment.

    ``name`` (file name or URL path) and ``content_type`` are hints: the bytes decide the format.
    Raises an ``AttachmentError`` subclass whose message says why in Vietnamese and English.
    """
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise TooLargeError(f"{len(data) / 1048576:,.1f} MB > {limits.max_bytes / 1048576:,.0f} MB")
    fmt, warnings = detect_format(data, name, content_type)
    deadline = time.monotonic() + limits.seconds
    try:
        result = _dispatch(fmt, data, limits, ocr, max(1, jobs), deadline)
    except AttachmentError:
        raise
    except MemoryError:
        raise MemoryLimitError() from None
    except RecursionError:
        from ingest.attachments.errors import BrokenFileError
        raise BrokenFileError("cấu trúc lồng nhau quá sâu (nesting too deep)") from None
    result.warnings[:0] = warnings
    repair_pages(result)
    result.meta = parse_admin_meta(result.text, ocr=bool(result.ocr_pages))
    return result
