"""The records extraction returns: ``Limits`` (what a file may cost) and ``Extracted`` (what it gave).

Kept free of any extractor import so the import pipeline and the web side can use the types without
loading pdfium, openpyxl or lxml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:                                   # ingest.admindoc imports nothing from here
    from ingest.admindoc import AdminMeta

FORMATS = ("pdf", "docx", "doc", "xlsx", "xls", "odt", "ods", "rtf")


@dataclass(frozen=True)
class Limits:
    """Per-file budgets. Defaults suit portal attachments: reports of a few hundred pages at most.

    ``max_bytes``: refuse larger inputs outright. ``max_pdf_pages``: pages read (the rest are named in
    ``warnings``). ``max_rows``: spreadsheet rows read over all sheets. ``max_unzipped``: bytes an
    Office/ODF zip may expand to (zip bombs). ``seconds`` and ``memory_mb``: wall time, and memory on
    top of what the worker already uses, enforced by ``extract_isolated`` (``extract`` checks the time
    between pages and OCR calls only). ``min_text_chars``: a PDF page with fewer characters in its text
    layer and an image on it is OCRed.
    """

    max_bytes: int = 50 * 1024 * 1024
    max_pdf_pages: int = 500
    max_rows: int = 50_000
    max_unzipped: int = 300 * 1024 * 1024
    seconds: float = 60.0
    memory_mb: int = 1024
    ocr_dpi: int = 300
    min_text_chars: int = 16


@dataclass
class Extracted:
    """Text of one attachment.

    ``pages``: PDF page texts in order (other formats: one entry; spreadsheets: each sheet under a
    ``## <sheet name>`` heading). Inside a page, one paragraph per line; table rows keep their cells
    separated by tabs. ``continued[i]`` is true when the last paragraph of page ``i`` goes on at the top
    of page ``i + 1`` (``text`` joins such halves back). ``needs_ocr``: some pages have no text layer and
    were not OCRed (Tesseract missing or ``ocr=False``): "cần OCR". ``ocr_pages``: 1-based numbers of
    the pages whose text came from OCR. ``warnings``: Vietnamese-first notes (page cap reached, legacy
    font repaired, a ``.doc`` that is really RTF). ``meta``: administrative metadata of the document.
    """

    format: str
    pages: list[str] = field(default_factory=list)
    needs_ocr: bool = False
    ocr_pages: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    meta: AdminMeta | None = None
    page_count: int | None = None                  # PDF pages in the file (may exceed len(pages))
    continued: list[bool] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)   # textfix repair names applied (legacy-tcvn3, …)
    properties: dict[str, Any] = field(default_factory=dict)   # title/author/created from the file

    @property
    def text(self) -> str:
        """All pages as one text; a paragraph cut by a page break is joined again."""
        out: list[str] = []
        for i, page in enumerate(self.pages):
            if not page:
                continue
            if out and i > 0 and i - 1 < len(self.continued) and self.continued[i - 1]:
                out.append(" ")
            elif out:
                out.append("\n")
            out.append(page)
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the catalog and the API (``meta`` as a dict, dates ISO)."""
        return {
            "format": self.format, "pages": list(self.pages), "needs_ocr": self.needs_ocr,
            "ocr_pages": list(self.ocr_pages), "warnings": list(self.warnings),
            "meta": self.meta.to_dict() if self.meta is not None else None,
            "page_count": self.page_count, "continued": list(self.continued),
            "repairs": list(self.repairs), "properties": dict(self.properties),
        }
