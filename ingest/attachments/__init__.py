"""Text and administrative metadata of attached documents (PDF, DOCX, DOC, XLSX, XLS, ODT, ODS, RTF).

Public API (the import pipeline, ``tracuu ocr`` and the web side code against these names):

* ``extract(data, name, content_type=None, *, limits=None, ocr=True, jobs=1) -> Extracted``
* ``extract_isolated(...)``: the same in a worker process with hard time/memory limits
* ``ExtractPool(jobs, limits)`` / ``extract_many(items, jobs=…)``: many files, each isolated
* ``Extracted``, ``Limits``, ``AttachmentError`` and its subclasses, ``ocr_available()``
"""

from ingest.attachments.core import extract
from ingest.attachments.errors import (
    AttachmentError,
    BrokenFileError,
    EncryptedError,
    MemoryLimitError,
    MismatchedTypeError,
    TimeLimitError,
    TooLargeError,
    ToolMissingError,
    UnsupportedTypeError,
    ZipBombError,
)
from ingest.attachments.isolate import ExtractPool, extract_isolated, extract_many
from ingest.attachments.model import FORMATS, Extracted, Limits
from ingest.attachments.ocr import ocr_available, tesseract_status
from ingest.attachments.sniff import claimed_format, detect_format

__all__ = [
    "FORMATS", "AttachmentError", "BrokenFileError", "EncryptedError", "ExtractPool", "Extracted", "Limits",
    "MemoryLimitError", "MismatchedTypeError", "TimeLimitError", "ToolMissingError", "TooLargeError",
    "UnsupportedTypeError", "ZipBombError", "claimed_format", "detect_format", "extract", "extract_isolated",
    "extract_many", "ocr_available", "tesseract_status",
]
