"""Which format a file really is, from its bytes; the name and Content-Type only break ties.

Portals serve HTML error pages under ``.pdf`` links, save RTF as ``.doc`` and label everything
``application/octet-stream``, so the claimed type is checked against the magic bytes before any
extractor sees the file. A supported format under the wrong name is extracted with a warning (Word
itself opens RTF saved as ``.doc``); anything that is not a document is refused with what it is.
"""

from __future__ import annotations

import io
import re
import zipfile

from ingest.attachments.errors import BrokenFileError, MismatchedTypeError, UnsupportedTypeError

_EXT_FORMATS = {"pdf": "pdf", "docx": "docx", "docm": "docx", "dotx": "docx", "doc": "doc", "dot": "doc",
                "xlsx": "xlsx", "xlsm": "xlsx", "xls": "xls", "odt": "odt", "ods": "ods", "rtf": "rtf"}
_CTYPE_FORMATS = {
    "application/pdf": "pdf", "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/rtf": "rtf", "text/rtf": "rtf",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|title|meta|script|div)\b",
                      re.IGNORECASE | re.DOTALL)
_TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_IMAGE_MAGIC = ((b"\x89PNG", "ảnh PNG (PNG image)"), (b"\xff\xd8\xff", "ảnh JPEG (JPEG image)"),
                (b"GIF8", "ảnh GIF (GIF image)"), (b"Rar!", "tệp nén RAR (RAR archive)"),
                (b"7z\xbc\xaf", "tệp nén 7z (7z archive)"), (b"\x1f\x8b", "tệp gzip (gzip file)"))
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "doc": "Word 97-2003 (.doc)", "xlsx": "Excel (.xlsx)",
                "xls": "Excel 97-2003 (.xls)", "odt": "OpenDocument (.odt)", "ods": "OpenDocument (.ods)",
                "rtf": "RTF"}


def claimed_format(name: str, content_type: str | None) -> str | None:
    """The format the file name (first) or the Content-Type claims, or None."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext in _EXT_FORMATS:
        return _EXT_FORMATS[ext]
    if content_type:
        return _CTYPE_FORMATS.get(content_type.split(";")[0].strip().lower())
    return None


def _zip_format(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                mime = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mime == "application/vnd.oasis.opendocument.text":
                    return "odt"
                if mime == "application/vnd.oasis.opendocument.spreadsheet":
                    return "ods"
            if "content.xml" in names:              # ODF without a mimetype entry: tell by the body
                head = zf.open("content.xml").read(65536)
                if b"<office:spreadsheet" in head:
                    return "ods"
                if b"<office:text" in head:
                    return "odt"
            return None
    except zipfile.BadZipFile:
        return "zip-broken"
    except (OSError, ValueError, EOFError, NotImplementedError, KeyError, RuntimeError):
        return "zip-broken"


def _ole_format(data: bytes, claimed: str | None) -> str:
    """``doc`` or ``xls``: the stream names in the compound file's directory say which."""
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return claimed if claimed in ("doc", "xls") else "doc"


def detect_format(data: bytes, name: str = "", content_type: str | None = None) -> tuple[str, list[str]]:
    """(format, warnings) for these bytes, or raise an ``AttachmentError`` saying what the bytes are."""
    claimed = claimed_format(name, content_type)
    if not data:
        raise BrokenFileError("tệp rỗng (empty file)")
    head = data[:1024]
    detected: str | None = None
    if b"%PDF-" in head:
        detected = "pdf"
    elif head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        detected = _zip_format(data)
        if detected == "zip-broken":
            if claimed in ("docx", "xlsx", "odt", "ods"):
                raise BrokenFileError("tệp nén Office bị cắt cụt hoặc hỏng (truncated or corrupt zip container)")
            raise BrokenFileError("tệp zip hỏng (corrupt zip)")
        if detected is None:
            raise UnsupportedTypeError("tệp zip không phải văn bản Office/ODF "
                                       "(a zip that is not an Office/ODF document)")
    elif head.startswith(_OLE_MAGIC):
        detected = _ole_format(data, claimed)
    elif head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        detected = "rtf"
    elif _HTML_RE.match(head.lstrip(b"\xef\xbb\xbf")):
        title = _TITLE_RE.search(data[:65536])
        what = title.group(1).decode("utf-8", "replace").strip()[:80] if title else ""
        raise MismatchedTypeError(
            "máy chủ trả về trang HTML thay vì tệp" + (f" «{what}»" if what else "")
            + " (the server sent an HTML page, probably an error page, instead of the file)",
            vi=f"Nội dung không phải {FORMAT_NAMES.get(claimed or '', 'văn bản')}",
            en="the content is not the document the link names")
    else:
        for magic, what in _IMAGE_MAGIC:
            if head.startswith(magic):
                raise MismatchedTypeError(f"nội dung là {what}")
        if claimed == "pdf":
            raise BrokenFileError("không có phần đầu %PDF- (no %PDF- header)")
        raise UnsupportedTypeError(f"không nhận ra định dạng của «{name or '?'}» (unrecognised content)")
    warnings = []
    if claimed and claimed != detected:
        warnings.append(f"Tệp mang đuôi {FORMAT_NAMES.get(claimed, claimed)} nhưng thực chất là "
                        f"{FORMAT_NAMES.get(detected, detected)}; đã đọc theo định dạng thật "
                        f"(named {claimed}, really {detected}; read as {detected})")
    return detected, warnings
