"""One entry point from page bytes to a :class:`Document`, refusing what is not a page.

Mirrors and archives hold everything a site served: images, PDFs, Word files, zips, empty files,
and the odd hostile page. :func:`parse_page` decides what the bytes are (:func:`sniff_kind`),
refuses non-pages with a :class:`SkipPage` whose message says exactly why (the CLI prints it next
to the file name), decodes the rest (:mod:`ingest.decode`), hands HTML to
:func:`ingest.htmlparse.extract_html` and text dumps to :func:`ingest.textdump.extract_text`, and
records where the bytes came from in ``Document.source``.

Policy for pages without an article: listing and home pages are documents (``kind`` "listing",
and "other" for a home page) and are returned; a page from which nothing can be extracted (no body text, no list items, not a
listing) is refused with ``SkipPage`` "không có nội dung bài viết (no article text)", because
indexing an empty record would only add noise to search results.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ingest.decode import decode_page
from ingest.document import Document, Source
from ingest.textdump import extract_text

if TYPE_CHECKING:
    from ingest.explain import Explain

#: Default size limit: the largest real portal article pages are a few MB; anything far bigger is
#: a dump, a log or an attack, and parsing it would hold the whole tree in memory.
MAX_BYTES = 20 * 1024 * 1024
#: Deepest element nesting accepted. Real pages stay under ~100 levels; lxml silently drops
#: content below 256 levels and recursive tree walkers hit Python's recursion limit near 1000.
MAX_DEPTH = 1000


class SkipPage(ValueError):
    """The bytes are not a page we can parse; ``reason`` is a one-line, user-facing explanation."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


#: Magic numbers of files that mirrors contain but that are not pages: (prefix, offset, name).
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "ảnh PNG (PNG image)"),
    (b"\xff\xd8\xff", 0, "ảnh JPEG (JPEG image)"),
    (b"GIF87a", 0, "ảnh GIF (GIF image)"),
    (b"GIF89a", 0, "ảnh GIF (GIF image)"),
    (b"WEBP", 8, "ảnh WebP (WebP image)"),
    (b"\x00\x00\x01\x00", 0, "biểu tượng ICO (ICO image)"),
    (b"II*\x00", 0, "ảnh TIFF (TIFF image)"),
    (b"MM\x00*", 0, "ảnh TIFF (TIFF image)"),
    (b"%PDF-", 0, "tài liệu PDF (PDF document)"),
    (b"PK\x03\x04", 0, "tệp nén ZIP/DOCX/XLSX (ZIP-based file)"),
    (b"PK\x05\x06", 0, "tệp nén ZIP (empty ZIP)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "tài liệu Office cũ DOC/XLS (OLE2 document)"),
    (b"{\\rtf", 0, "tài liệu RTF (RTF document)"),
    (b"Rar!\x1a\x07", 0, "tệp nén RAR (RAR archive)"),
    (b"7z\xbc\xaf\x27\x1c", 0, "tệp nén 7z (7z archive)"),
    (b"\x1f\x8b", 0, "tệp nén gzip (gzip data)"),
    (b"BZh", 0, "tệp nén bzip2 (bzip2 data)"),
    (b"\xfd7zXZ\x00", 0, "tệp nén xz (xz data)"),
    (b"ftyp", 4, "video/âm thanh MP4 (MP4 media)"),
    (b"ID3", 0, "âm thanh MP3 (MP3 audio)"),
    (b"OggS", 0, "âm thanh Ogg (Ogg media)"),
    (b"\x1aE\xdf\xa3", 0, "video WebM/MKV (Matroska media)"),
    (b"wOFF", 0, "phông chữ WOFF (WOFF font)"),
    (b"wOF2", 0, "phông chữ WOFF2 (WOFF2 font)"),
    (b"\x7fELF", 0, "tệp thực thi ELF (ELF executable)"),
    (b"\x00asm", 0, "mã WebAssembly (WebAssembly)"),
    (b"SQLite format 3\x00", 0, "cơ sở dữ liệu SQLite (SQLite database)"),
    (b"WARC/", 0, "tệp lưu trữ WARC (WARC archive; dùng lệnh nhập WARC)"),
)

#: Extensions that are never pages, whatever their content looks like.
_NON_PAGE_EXT = {
    "png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "svg", "tif", "tiff", "pdf", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "odt", "ods", "zip", "rar", "7z", "gz", "tgz", "bz2", "xz",
    "mp3", "mp4", "avi", "wmv", "flv", "webm", "ogg", "wav", "woff", "woff2", "ttf", "otf", "eot",
    "exe", "dll", "swf", "css", "js", "mjs", "json", "warc", "arc", "xml", "rss", "atom",
    # source code and data files that sit next to mirrors; their text is not a page's
    "py", "pyc", "sh", "bat", "ps1", "rb", "pl", "java", "c", "h", "go", "rs", "ts", "csv", "tsv",
    "yml", "yaml", "toml", "ini", "cfg", "sql", "log", "lock",
}
_TEXT_EXT = {"txt", "text"}
_OFFICE_ZIP = {"docx": "Word", "xlsx": "Excel", "pptx": "PowerPoint", "odt": "OpenDocument", "ods": "OpenDocument"}
#: HTTP content types that can hold a page (others, such as text/css or image/*, cannot).
_PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml"}

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml[^>]*>\s*(?:<!doctype\s+html|<html))",
    re.IGNORECASE | re.DOTALL,
)
#: XML that is not XHTML: sitemaps, feeds, data (the first element is not ``html``).
_XML_NOT_PAGE = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*"
    rb"<(?:urlset|sitemapindex|rss|feed|rdf:RDF|OpenSearchDescription)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(rb"<(?:html|head|body|title|meta|div|table|p|br|script|span|a)\b[^>]*>", re.IGNORECASE)
#: C0 controls that text never contains (tab, LF, FF, CR and ESC excluded: they do occur).
_CONTROL_BYTES = bytes([*range(1, 9), 11, 14, 15, *range(16, 27), *range(28, 32)])
#: Opening/closing tags for the depth scan; comments, scripts and styles are blanked first.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:\-]*)[^>]*?(/?)>")
_OPAQUE = re.compile(r"<!--.*?-->|<(script|style|textarea)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
#: Elements that never nest (void) or whose end tag is optional (the parser closes them itself),
#: so they must not count towards the nesting depth.
_NO_DEPTH = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th thead tbody tfoot option optgroup rb rt rp colgroup caption".split()
)


def _ext(path: str | None) -> str:
    if not path:
        return ""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _sniff(data: bytes, path: str | None, content_type: str | None) -> tuple[str | None, str]:
    """(kind, reason): kind is "html", "text" or None, reason says why when None."""
    if not data.strip():
        return None, "tệp rỗng (empty file)"
    ext = _ext(path)
    for magic, offset, name in _MAGIC:
        if data[offset:offset + len(magic)] == magic:
            if magic == b"PK\x03\x04" and ext in _OFFICE_ZIP:
                name = f"tài liệu {_OFFICE_ZIP[ext]} (.{ext} document)"
            return None, f"không phải trang HTML/văn bản: {name}"
    if data[:2] == b"BM" and len(data) > 26 and data[6:10] == b"\x00\x00\x00\x00":
        return None, "không phải trang HTML/văn bản: ảnh BMP (BMP image)"
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if ctype and ctype not in _PAGE_TYPES:
        return None, f"không phải trang HTML/văn bản: kiểu nội dung {ctype} (not a page: content type {ctype})"
    if ext in _NON_PAGE_EXT:
        return None, f"không phải trang HTML/văn bản: tệp .{ext} (not a page: .{ext} file)"
    head = data[:8192]
    is_utf16_32 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if is_utf16_32:
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    elif b"\x00" in head:
        return None, "không phải trang HTML/văn bản: dữ liệu nhị phân (binary data: NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls * 50 > len(head):
        return None, "không phải trang HTML/văn bản: dữ liệu nhị phân (binary data: control bytes)"
    stripped = head.lstrip(b"\xef\xbb\xbf")
    if re.match(rb"\s*<svg\b|\s*<\?xml[^>]*>\s*<svg\b", stripped, re.IGNORECASE):
        return None, "không phải trang HTML/văn bản: ảnh SVG (SVG image)"
    if _XML_NOT_PAGE.match(stripped):
        return None, "không phải trang: tài liệu XML, sitemap hoặc RSS (XML document, not a page)"
    name = (path or "").replace("\\", "/").rsplit("/", 1)[-1].lower()
    if name == "robots.txt":
        return None, "không phải trang: robots.txt (not a page)"
    if ctype in {"text/html", "application/xhtml+xml"}:
        return "html", ""
    if ctype == "text/plain" or ext in _TEXT_EXT:
        return "text", ""
    if _HTML_START.match(stripped) or len(_HTML_TAG.findall(stripped)) >= 2:
        return "html", ""
    return "text", ""


def sniff_kind(data: bytes, path: str | None = None, content_type: str | None = None) -> str | None:
    """"html", "text", or None for bytes that are not a page (empty, image, PDF, archive, binary).

    Magic bytes win over names and headers: mirrors are full of ``.aspx`` URLs that served a PNG.
    """
    return _sniff(data, path, content_type)[0]


def nesting_depth(html: str, stop_above: int | None = None) -> int:
    """Deepest element nesting of ``html`` (approximate: ignores void and optional-end elements).

    With ``stop_above`` counting stops as soon as the depth exceeds it, so hostile pages cost little.
    """
    html = _OPAQUE.sub("", html)
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        if self_closing or name.lower() in _NO_DEPTH:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop_above is not None and deepest > stop_above:
                    break
    return deepest


def too_deep(html: str, limit: int) -> bool:
    """True when ``html`` nests elements more than ``limit`` levels deep.

    A page with no more than ``limit`` tags cannot be deeper, so most pages are not scanned at all.
    """
    return html.count("<") > limit and nesting_depth(html, stop_above=limit) > limit


def _site(url: str | None) -> str | None:
    host = (urlsplit(url).hostname or "").lower() if url else ""
    return (host[4:] if host.startswith("www.") else host) or None


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def parse_page(
    data: bytes,
    *,
    url: str | None = None,
    path: str | None = None,
    content_type: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    trace: Explain | None = None,
) -> Document:
    """Parse one page's bytes; raises :class:`SkipPage` for anything that is not a usable page.

    ``url``, when given (``--url``, ``--base-url``, a crawl), is the document's URL even if the page
    names another canonical URL: the caller knows where the bytes came from.
    """
    if len(data) > max_bytes:
        raise SkipPage(f"tệp quá lớn: {_mb(len(data))} > giới hạn {_mb(max_bytes)} (file too large)")
    kind, reason = _sniff(data, path, content_type)
    if kind is None:
        raise SkipPage(reason)
    decoded = decode_page(data, content_type)
    if kind == "html":
        if too_deep(decoded.text, max_depth):
            raise SkipPage(
                f"HTML lồng quá sâu: hơn {max_depth} cấp (HTML nested too deeply: over {max_depth} levels)"
            )
        # Imported on first use: bs4 + lxml cost ~0.1 s to import and text dumps never need them.
        from ingest.htmlparse import extract_html
        from ingest.page_kind import looks_home

        try:
            doc = extract_html(decoded.text, url, trace=trace)
        except RecursionError:
            raise SkipPage("HTML lồng quá sâu để phân tích (HTML nested too deeply: recursion limit)") from None
    else:
        doc = extract_text(decoded.text, url)
        if trace is not None:
            trace.note("family", "text dump (not HTML): ingest.textdump rules")

    if not doc.body.strip() and not doc.related and not doc.latest and doc.kind != "listing" \
            and not (kind == "html" and doc.kind == "other" and looks_home(doc.url or url)):  # a home page is kept
        raise SkipPage("không có nội dung bài viết (no article text)")
    if url:
        doc.url = url
    if not doc.site:
        doc.site = _site(doc.url)
    doc.source = Source(
        path=path,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        repairs=[*decoded.repairs, *(r for r in doc.source.repairs if r not in decoded.repairs)],
        published_from=doc.source.published_from,
        updated_from=doc.source.updated_from,
    )
    return doc
