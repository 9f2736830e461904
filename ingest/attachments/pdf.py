"""PDF text with pypdfium2 (PDFium, Chrome's PDF engine), OCR for pages without a text layer.

Chosen over pdfminer.six and pypdf by ``bench/attachments.py``: PDFium is C++, reads broken
cross-reference tables the way browsers do, and gives each line's box, which the layout step needs to
put paragraphs back together and read the two-column header of administrative documents in order.
PDFium is not thread-safe: pages are read and rendered on one thread, only Tesseract runs in parallel.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.attachments.errors import BrokenFileError, EncryptedError, TimeLimitError
from ingest.attachments.layout import PageLayout, Seg, layout_page
from ingest.attachments.model import Extracted, Limits
from ingest.attachments.ocr import ocr_page, tesseract_status

log = logging.getLogger(__name__)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedError() from None
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedError("kiểu mã hóa không hỗ trợ (unsupported security handler)") from None
        raise BrokenFileError(f"PDFium: {exc}") from None


def _page_segments(page: pdfium.PdfPage, height: float) -> tuple[list[Seg], int]:
    tp = page.get_textpage()
    try:
        n_chars = tp.count_chars()
        segs = []
        for i in range(tp.count_rects()):
            left, bottom, right, top = tp.get_rect(i)
            text = tp.get_text_bounded(left, bottom, right, top)
            if text and text.strip():
                segs.append(Seg(left, height - top, right, height - bottom, text.replace("\r", " ").replace("\n", " ")))
        return segs, n_chars
    finally:
        tp.close()


def _has_image(page: pdfium.PdfPage) -> bool:
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        return True
    return False


def _render(page: pdfium.PdfPage, dpi: int):
    return page.render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")


def _page_list(nums: list[int]) -> str:
    """[1, 2, 3, 7] → '1–3, 7'."""
    out, start = [], None
    for k, n in enumerate(nums):
        if start is None:
            start = n
        if k + 1 == len(nums) or nums[k + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return ", ".join(out)


def extract_pdf(data: bytes, limits: Limits, ocr: bool, jobs: int, deadline: float) -> Extracted:
    """Pages of a PDF as paragraphs; scanned pages OCRed when ``ocr`` and Tesseract allow."""
    doc = _open(data)
    try:
        total = len(doc)
        if total == 0:
            raise BrokenFileError("PDF không có trang nào (no pages)")
        cap = min(total, limits.max_pdf_pages)
        result = Extracted(format="pdf", page_count=total)
        try:
            meta = doc.get_metadata_dict(skip_empty=True)
            result.properties = {k.lower(): v for k, v in meta.items()}
        except Exception:                    # noqa: BLE001 - broken Info dictionaries are common
            log.debug("no PDF metadata")
        layouts: list[PageLayout | None] = [None] * cap
        scanned: list[int] = []
        can_ocr, why = tesseract_status()
        pool = ThreadPoolExecutor(max_workers=max(1, jobs)) if ocr and can_ocr else None
        pending: dict[int, Future] = {}
        try:
            for i in range(cap):
                if time.monotonic() > deadline:
                    raise TimeLimitError(f"dừng ở trang {i + 1}/{total} (stopped at page {i + 1})")
                page = doc[i]
                try:
                    width, height = page.get_size()
                    segs, n_chars = _page_segments(page, height)
                    if n_chars < limits.min_text_chars and _has_image(page):
                        scanned.append(i)
                        if pool is not None:
                            while len([f for f in pending.values() if not f.done()]) >= 2 * max(1, jobs):
                                next(f for f in pending.values() if not f.done()).result()
                            pending[i] = pool.submit(ocr_page, _render(page, limits.ocr_dpi), deadline)
                        continue
                    layouts[i] = layout_page(segs, width, height)
                finally:
                    page.close()
            for i, fut in pending.items():
                layouts[i] = fut.result()
                result.ocr_pages.append(i + 1)
        finally:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
        result.pages = ["\n".join(lay.paragraphs) if lay else "" for lay in layouts]
        result.continued = [
            bool(a and b and a.paragraphs and b.paragraphs and a.ends_mid_paragraph and b.starts_continuation)
            for a, b in zip(layouts, layouts[1:], strict=False)] + [False]
        not_done = [i + 1 for i in scanned if layouts[i] is None]
        if not_done:
            result.needs_ocr = True
            reason = "đã tắt OCR (OCR disabled)" if not ocr else why
            result.warnings.append(
                f"Cần OCR: trang {_page_list(not_done)} là ảnh quét, không có lớp chữ; {reason} "
                f"(scanned pages without a text layer need OCR)")
        if total > cap:
            result.warnings.append(
                f"Chỉ đọc {cap} trang đầu trong {total} trang; {total - cap} trang còn lại "
                f"(trang {cap + 1}–{total}) chưa được trích xuất "
                f"(page cap reached: read {cap} of {total} pages)")
        return result
    finally:
        doc.close()
