"""Attachments as documents of their own: recognising a payload as one, and its ``Document``.

A portal's report is usually the PDF or Word file attached to a news page, not the page. So a
payload that is an attachment (by name, served type or magic bytes) is not parsed as HTML but
extracted (:mod:`index.attachextract`: :mod:`ingest.attachments` in isolated workers with time and
memory limits) into a ``Document`` with ``kind == "attachment"``: its administrative metadata,
its PDF page boundaries (so a snippet can name its page) and, through
:mod:`index.attachregistry`, the pages that link it (``parents``).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ingest.attachlinks import ATTACHMENT_EXT
from ingest.document import VN_TZ, AttachmentInfo, Document, Source

_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
}
#: Content types for the download of the archived file, by format.
CONTENT_TYPES = {v: k for k, v in _TYPES.items() if k != "text/rtf"}

#: Vietnamese names of the formats (UI and summaries).
FORMAT_LABELS = {"pdf": "PDF", "doc": "Word (.doc)", "docx": "Word", "xls": "Excel (.xls)", "xlsx": "Excel",
                 "odt": "OpenDocument văn bản", "ods": "OpenDocument bảng tính", "rtf": "RTF"}


def extension(name: str | None) -> str:
    """The lower-cased extension of a file name or URL path (``""`` when none)."""
    if not name:
        return ""
    path = urlsplit(name).path if "://" in name else name
    last = unquote(path).rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def attachment_format(payload: bytes, url: str | None, path: str | None, content_type: str | None) -> str | None:
    """The attachment format of a payload (``pdf``, ``docx``, …) or None when it is not one.

    The name decides first (a ``.pdf`` that turns out to be an HTML error page must fail as a
    PDF, with a clear message, not be indexed as a page); then the served type; then magic bytes
    for names without an extension.
    """
    for name in (path, url):
        ext = extension(name)
        if ext in ATTACHMENT_EXT:
            return ext
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in _TYPES:
        return _TYPES[ctype]
    if extension(path) or extension(url):
        return None
    head = payload[:8]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        window = payload[:4096]
        if b"word/" in window:
            return "docx"
        if b"xl/" in window:
            return "xlsx"
    return None


def file_name(url: str | None, path: str | None, fmt: str) -> str:
    """A download name for the file: the last URL segment, else the path's, else ``tep.<fmt>``."""
    for name in (url, path):
        if name:
            last = unquote(urlsplit(name).path if "://" in name else name).replace("\\", "/").rsplit("/", 1)[-1]
            if last:
                return last
    return f"tep.{fmt}"


def extractor_version() -> str:
    """Digest of the extraction code: a stored extraction is reused only while it is unchanged."""
    root = Path(__file__).resolve().parent.parent / "ingest"
    h = hashlib.sha1()
    for p in sorted([*root.glob("attachments/*.py"), *root.glob("admindoc/*.py")]):
        if p.exists():
            h.update(p.name.encode() + b"\0" + p.read_bytes())
    return "x-" + h.hexdigest()[:12]


def build_document(ext, payload: bytes, url: str | None, name: str, content_type: str | None, fmt: str) -> Document:
    """The attachment's Document from an ``Extracted`` record (body = pages joined, offsets kept)."""
    fmt = getattr(ext, "format", None) or fmt
    pages = [p.strip() for p in (getattr(ext, "pages", None) or [])] if fmt == "pdf" else []
    starts: list[int] = []
    if pages:
        body_parts: list[str] = []
        pos = 0
        for text in pages:
            starts.append(pos)
            body_parts.append(text)
            pos += len(text) + 2
        body = "\n\n".join(body_parts)
    else:
        body = (ext.text or "").strip()
    meta = getattr(ext, "meta", None)
    info = AttachmentInfo(format=fmt, filename=name, content_type=content_type,
                          size=len(payload), urls=[url] if url else [], page_starts=starts,
                          needs_ocr=bool(getattr(ext, "needs_ocr", False)),
                          ocr_pages=list(getattr(ext, "ocr_pages", None) or []),
                          warnings=list(getattr(ext, "warnings", None) or []))
    published = None
    if meta is not None:
        info.number = _s(getattr(meta, "number", None))
        info.doc_type = _s(getattr(meta, "doc_type", None))
        info.issuer = _s(getattr(meta, "issuer", None))
        info.place = _s(getattr(meta, "place", None))
        info.subject = _s(getattr(meta, "subject", None))
        info.signer = _s(getattr(meta, "signer", None))
        info.issuer_parent = _s(getattr(meta, "issuer_parent", None))
        issued = getattr(meta, "issued", None) or getattr(meta, "issue_date", None)
        if isinstance(issued, datetime):
            issued = issued.date()
        if isinstance(issued, date):
            info.issued = issued.isoformat()
            published = datetime(issued.year, issued.month, issued.day, tzinfo=VN_TZ)
    return Document(url=url, site=(urlsplit(url).hostname or None) if url else None, kind="attachment",
                    title=attachment_title(info), published=published, body=body,
                    source=Source(path=name, bytes=len(payload), sha256=hashlib.sha256(payload).hexdigest()),
                    attachment=info)


def _s(value) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


#: a document number as printed in a link title (``583/TB-SNV``, ``15/2020/NĐ-CP``)
_NUMBER_IN_TEXT = re.compile(r"(?<![\w/])\d+(?:/\d{2,4})?/[^\W\d_][\w]*(?:-[\w]+)*")


def attachment_title(info: AttachmentInfo, link_title: str | None = None) -> str:
    """``Thông báo 583/TB-SNV: Về việc …`` from the metadata; else the link text, else the file name.

    A scan whose number OCR could not read takes it from the page's link (``Quyết định số
    60/QĐ-BKHCN ngày …``): that is how the portal itself names the file."""
    number = info.number
    if not number and link_title:
        m = _NUMBER_IN_TEXT.search(link_title)
        number = m.group() if m else None
    head = " ".join(x for x in (info.doc_type, number) if x)
    if head and info.subject:
        return f"{head}: {info.subject}"
    if head and link_title:
        return f"{head}: {link_title}" if number and number not in link_title else link_title
    return head or info.subject or link_title or info.filename or "Tệp đính kèm"


def index_fields(doc: Document) -> dict[str, str]:
    """Extra index fields of an attachment: facet values and parent URLs (see index.schema)."""
    info = doc.attachment
    if doc.kind != "attachment" or info is None:
        return {}
    out: dict[str, str] = {"format": info.format or ""}
    if info.doc_type:
        out["doctype"] = info.doc_type
    if info.issuer:
        out["issuer"] = info.issuer
    parents = [p for p in (norm_url(p.url) for p in doc.parents) if p]
    if parents:
        out["parents"] = "\n".join(parents)
    return out


def norm_url(url: str | None) -> str | None:
    """The normalised form URLs are compared in (ingest.crawl.normalize_url), or the URL itself."""
    if not url:
        return None
    from ingest.crawl import normalize_url

    return normalize_url(url) or url

