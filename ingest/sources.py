"""Where raw pages come from: files, folders, zip/tar, WARC/ARC, URL lists and sitemaps.

Archivists bring collections far larger than memory, often damaged, sometimes hostile. So every
source here is a *streaming* iterator that yields one :class:`RawPage` (the bytes of one capture
with its provenance) or one :class:`SourceError` (a structured, reportable failure) at a time:

* nothing reads a whole archive into memory; each payload is read with a size cap;
* one bad item never aborts the rest: it becomes a ``SourceError`` naming the source, offset, URL,
  stage and a clear message, and iteration continues where it can (WARC resync on the next gzip
  member, next zip/tar member, next line of a URL list);
* provenance (source file, byte offset, record id, payload digest, WARC date, HTTP headers) is kept
  on every page, because playback, deduplication and re-extraction depend on it.

Fetching over HTTP lives in :mod:`ingest.fetch`; this module only parses URL lists and sitemaps
(``iter_sitemap`` takes a ``get`` callable), so it has no network code of its own.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import logging
import os
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from ingest import mirror
from ingest.mirror import httrack_url  # noqa: F401  (re-exported: its old home)

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# records


@dataclass
class RawPage:
    """The bytes of one capture plus everything known about where and when they were captured."""

    url: str | None
    payload: bytes
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    status: int | None = None
    date: str | None = None  # capture (WARC-Date / fetch) or import time, ISO 8601 UTC
    source: str = ""  # file the bytes were read from (archive path for members)
    offset: int | None = None  # byte offset of the WARC record, member index in zip/tar
    length: int | None = None  # length of the record in the source file, when known
    record_id: str | None = None
    warc_digest: str | None = None  # WARC-Payload-Digest as written by the producer
    record_type: str = "file"  # response | resource | revisit | file | member | fetch
    refers_to: str | None = None  # revisit: record id or URL of the original
    path: str | None = None  # file or member name, a hint for content sniffing
    next_offset: int | None = None  # where to resume after this record (checkpointing)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.payload).hexdigest()

    @property
    def sha1_digest(self) -> str:
        """``sha1:BASE32`` payload digest, the form WARC and CDX tools use."""
        return "sha1:" + base64.b32encode(hashlib.sha1(self.payload).digest()).decode("ascii")

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None


@dataclass
class SourceError:
    """One reportable failure: one line of the JSONL error report."""

    source: str
    offset: int | None
    url: str | None
    stage: str  # read | warc | zip | tar | urls | sitemap | fetch | robots | parse | index | store
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "offset": self.offset, "url": self.url,
                "stage": self.stage, "message": self.message}


Item = RawPage | SourceError


@dataclass
class Limits:
    """Caps that keep one hostile or broken input from exhausting memory or disk."""

    max_payload: int = 50 * 1024 * 1024  # one page / member / record payload
    max_ratio: float = 200.0  # zip: uncompressed/compressed, beyond which a member is a bomb
    max_total: int = 20 * 1024 * 1024 * 1024  # zip/tar: total uncompressed bytes per archive
    max_sitemap_depth: int = 3


DEFAULT_LIMITS = Limits()

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz", ".warc.open", ".warc.gz.open")
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _mtime_iso(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def kind_of(path: Path | str) -> str:
    """``warc``, ``zip``, ``tar`` or ``file`` from the name (lower-cased suffixes)."""
    name = str(path).lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(ZIP_SUFFIXES):
        return "zip"
    if name.endswith(TAR_SUFFIXES):
        return "tar"
    return "file"


# --------------------------------------------------------------------------------------------
# paths → URLs (mirrors)


def url_for_path(rel: str, base_url: str | None, full: str | None = None) -> str | None:
    """Map a mirror-relative file path to its URL (``a/index.html`` ↔ ``<base>/a/``): the one rule
    of :func:`ingest.mirror.url_for`, kept under this name for archive members."""
    return mirror.url_for(rel, base_url, full)


def _unsafe_member(name: str) -> str | None:
    """Why an archive member name must not be trusted (absolute, ``..``, drive), else None."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm):
        return "đường dẫn tuyệt đối (absolute path)"
    if ".." in PurePosixPath(norm).parts:
        return "đường dẫn chứa '..' (path traversal)"
    return None


# --------------------------------------------------------------------------------------------
# files and folders


def iter_file(path: Path, *, base_url: str | None = None, rel: str | None = None,
              limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    """One plain file as one page."""
    src = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_payload:
            yield SourceError(src, None, mirror.file_url(path, rel, base_url), "read",
                              f"tệp quá lớn: {size} byte > giới hạn {limits.max_payload} (file too large)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield SourceError(src, None, None, "read", f"không đọc được tệp (cannot read file): {exc}")
        return
    url = mirror.file_url(path, rel, base_url, data)
    yield RawPage(url=url, payload=data,
                  date=_mtime_iso(path), source=src, path=str(path), record_type="file")


def iter_directory(root: Path, *, base_url: str | None = None,
                   limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    """Every file under ``root`` in sorted order; archives found inside are opened in turn."""
    for path, rel in mirror.walk(root):
        if path.is_symlink():
            yield SourceError(str(path), None, None, "read",
                              "bỏ qua liên kết tượng trưng (symlink skipped)")
            continue
        if walked_kind(path) == "file":
            yield from iter_file(path, base_url=base_url, rel=rel, limits=limits)
        else:
            yield from iter_path(path, base_url=base_url, limits=limits)


def walked_kind(path: Path) -> str:
    """:func:`kind_of` for a file found in a folder, where a zip of documents is a page's attachment."""
    kind = kind_of(path)
    return "file" if kind == "zip" and is_document_bundle(path) else kind


#: members that make a zip an archive of pages rather than a bundle a page links to
_PAGE_EXT = ("htm", "html", "xhtml", "shtml", "asp", "aspx", "php", "jsp", "warc", "arc", "gz", "tar", "tgz",
             "zip")


def is_document_bundle(path: Path) -> bool:
    """A ``.zip`` found in a folder that holds documents and no pages (``ho-so.zip`` with the PDF
    and DOCX files a page offers for download): it is that page's attachment, kept as a file and
    extracted member by member, not opened as an archive of pages. A zip given on the command line
    is always an archive to import; a broken zip is left to the archive reader to report."""
    from ingest.attachlinks import ATTACHMENT_EXT, url_extension

    try:
        with zipfile.ZipFile(path) as zf:
            names = [i.filename for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    exts = [url_extension("/" + n.replace("\\", "/")) for n in names]
    return any(e in ATTACHMENT_EXT for e in exts) and not any(e in _PAGE_EXT for e in exts)


# --------------------------------------------------------------------------------------------
# zip and tar


def iter_zip(path: Path, *, base_url: str | None = None, limits: Limits = DEFAULT_LIMITS,
             start: int = 0) -> Iterator[Item]:
    """Members of a zip file, guarded against bombs (ratio, total) and hostile names."""
    src = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        yield SourceError(src, None, None, "zip", f"tệp zip hỏng (bad zip file): {exc}")
        return
    total = 0
    with zf:
        for index, info in enumerate(zf.infolist()):
            if index < start or info.is_dir():
                continue
            name = info.filename
            why = _unsafe_member(name)
            if why:
                yield SourceError(src, index, None, "zip", f"bỏ qua thành phần '{name}': {why}")
                continue
            url = url_for_path(name, base_url)
            if info.file_size > limits.max_payload:
                yield SourceError(src, index, url, "zip",
                                  f"thành phần '{name}' quá lớn: {info.file_size} byte > {limits.max_payload}"
                                  " (member too large)")
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1024 * 1024 and ratio > limits.max_ratio:
                yield SourceError(src, index, url, "zip",
                                  f"nghi là bom zip: '{name}' nén {ratio:.0f}:1 (zip bomb suspected)")
                continue
            if total + info.file_size > limits.max_total:
                yield SourceError(src, index, url, "zip",
                                  f"tổng dung lượng giải nén vượt {limits.max_total} byte, dừng đọc"
                                  " (archive total too large)")
                return
            try:
                with zf.open(info) as fh:  # declared sizes can lie: cap what we actually read
                    data = fh.read(limits.max_payload + 1)
            except (OSError, zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
                yield SourceError(src, index, url, "zip", f"không giải nén được '{name}': {exc}")
                continue
            if len(data) > limits.max_payload:
                yield SourceError(src, index, url, "zip",
                                  f"thành phần '{name}' vượt giới hạn {limits.max_payload} byte khi giải nén"
                                  " (member exceeds cap)")
                continue
            total += len(data)
            date = datetime(*info.date_time, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            yield RawPage(url=url, payload=data, date=date, source=src, offset=index, path=name,
                          record_type="member", next_offset=index + 1)


def iter_tar(path: Path, *, base_url: str | None = None, limits: Limits = DEFAULT_LIMITS,
             start: int = 0) -> Iterator[Item]:
    """Members of a tar (optionally compressed), streamed; links, devices and unsafe names refused."""
    src = str(path)
    total = 0
    try:
        tf = tarfile.open(path, mode="r|*")
    except (OSError, tarfile.TarError) as exc:
        yield SourceError(src, None, None, "tar", f"tệp tar hỏng (bad tar file): {exc}")
        return
    index = -1
    try:
        with tf:
            for info in tf:
                index += 1
                if index < start or info.isdir():
                    continue
                name = info.name
                why = _unsafe_member(name)
                if why:
                    yield SourceError(src, index, None, "tar", f"bỏ qua thành phần '{name}': {why}")
                    continue
                if not info.isfile():
                    yield SourceError(src, index, None, "tar",
                                      f"bỏ qua '{name}': không phải tệp thường (link or device)")
                    continue
                url = url_for_path(name, base_url)
                if info.size > limits.max_payload:
                    yield SourceError(src, index, url, "tar",
                                      f"thành phần '{name}' quá lớn: {info.size} byte > {limits.max_payload}"
                                      " (member too large)")
                    continue
                total += info.size
                if total > limits.max_total:
                    yield SourceError(src, index, url, "tar",
                                      f"tổng dung lượng vượt {limits.max_total} byte, dừng đọc"
                                      " (archive total too large)")
                    return
                fh = tf.extractfile(info)
                data = fh.read(limits.max_payload + 1) if fh else b""
                date = datetime.fromtimestamp(info.mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                yield RawPage(url=url, payload=data, date=date, source=src, offset=index, path=name,
                              record_type="member", next_offset=index + 1)
    except (OSError, EOFError, tarfile.TarError, zlib.error) as exc:
        yield SourceError(src, index if index >= 0 else None, None, "tar",
                          f"tệp tar bị cắt cụt hoặc hỏng sau thành phần {index} (truncated/damaged tar): {exc}")


# --------------------------------------------------------------------------------------------
# WARC and ARC


def clean_target_uri(uri: str | None) -> str | None:
    """Tolerate wget's ``<http://…>`` target URIs (and stray whitespace)."""
    if uri is None:
        return None
    uri = uri.strip()
    if uri.startswith("<") and uri.endswith(">"):
        uri = uri[1:-1].strip()
    return uri or None


class RevisitIndex:
    """Where the original payload of each response lives, to resolve revisit records.

    Keeps only (file, offset) per record id and per (url, digest), never payloads, so it stays
    small; ``resolver`` may add a fallback (e.g. the catalog of earlier imports).
    """

    def __init__(self, resolver: Callable[[str | None, str | None, str | None], bytes | None] | None = None):
        self.by_id: dict[str, tuple[str, int]] = {}
        self.by_url_digest: dict[tuple[str, str], tuple[str, int]] = {}
        self.resolver = resolver

    def add(self, page: RawPage) -> None:
        if page.offset is None:
            return
        loc = (page.source, page.offset)
        if page.record_id:
            self.by_id[page.record_id] = loc
        if page.url and page.warc_digest:
            self.by_url_digest[(page.url, page.warc_digest)] = loc

    def lookup(self, refers_to_id: str | None, url: str | None, digest: str | None) -> tuple[str, int] | None:
        if refers_to_id and refers_to_id in self.by_id:
            return self.by_id[refers_to_id]
        if url and digest:
            return self.by_url_digest.get((url, digest))
        return None


def _payload_with_cap(record, cap: int) -> tuple[bytes, bool]:
    """Read a record's (de-chunked, decoded) payload, at most ``cap`` bytes; True when over cap."""
    stream = record.content_stream()
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(65536)
        if not chunk:
            return b"".join(chunks), False
        size += len(chunk)
        if size > cap:
            return b"", True
        chunks.append(chunk)


def read_record_at(path: str, offset: int, cap: int = DEFAULT_LIMITS.max_payload) -> tuple[RawPage | None, str]:
    """Read the single record at ``offset`` of a WARC/ARC (for revisits, reindex and export)."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        fh.seek(offset)
        it = ArchiveIterator(fh, arc2warc=True)
        for page in _records(it, path, offset - it.offset, cap, None):
            if isinstance(page, RawPage):
                return page, ""
            return None, page.message
    return None, "không có bản ghi tại vị trí này (no record at offset)"


#: A scheme and no control characters: garbage parsed as a record header fails this.
_URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20\x7f-\x9f\ufffd]*$")

KNOWN_TYPES = frozenset({"warcinfo", "request", "metadata", "conversion", "continuation",
                         "response", "resource", "revisit"})


def _records(it, src: str, base: int, cap: int, revisits: RevisitIndex | None,
             state: dict[str, int] | None = None) -> Iterator[Item]:
    """The records of one ArchiveIterator positioned at ``base``; raises on unreadable data.

    ``state["next"]`` tracks the end of the last record read whole, where a resync may start.
    """
    state = state if state is not None else {}
    for record in it:
        rtype = record.rec_type
        h = record.rec_headers
        url = clean_target_uri(h.get_header("WARC-Target-URI"))
        rid = h.get_header("WARC-Record-ID")
        if rtype not in KNOWN_TYPES:
            # A damaged header: its Content-Length cannot be trusted either, so the caller resyncs
            # from this record's start instead of letting warcio read on from a made-up length.
            offset = base + it.get_record_offset()
            state["next"], state["resync"] = offset, 1
            yield SourceError(src, offset, url, "warc",
                              f"bản ghi hỏng: loại bản ghi '{rtype}' không hợp lệ (damaged record, bad WARC-Type)")
            return
        if rtype not in ("response", "resource", "revisit"):
            # warcinfo, request, metadata: provenance only, no page text
            state["next"] = base + it.get_record_offset() + it.get_record_length()
            continue
        if url is not None and not _URI_RE.match(url):
            offset = base + it.get_record_offset()
            state["next"], state["resync"] = offset, 1
            yield SourceError(src, offset, None, "warc",
                              "bản ghi hỏng: WARC-Target-URI không hợp lệ (damaged record, bad target URI)")
            return
        payload, too_big = _payload_with_cap(record, cap)
        remaining = getattr(record.raw_stream, "limit", 0) if not too_big else 0
        offset = base + it.get_record_offset()
        length = it.get_record_length()
        state["next"] = offset + length
        if too_big:
            yield SourceError(src, offset, url, "warc",
                              f"bản ghi vượt giới hạn {cap} byte, bỏ qua (record payload too large)")
            continue
        if remaining:
            state["truncated"] = 1
            yield SourceError(src, offset, url, "warc",
                              f"tệp bị cắt cụt: bản ghi thiếu {remaining} byte (truncated record)")
            return
        http = record.http_headers
        headers = list(http.headers) if http is not None else []
        status = None
        if http is not None and http.get_statuscode():
            try:
                status = int(http.get_statuscode())
            except ValueError:
                status = None
        ctype = http.get_header("Content-Type") if http is not None else None
        if rtype == "resource":
            ctype = h.get_header("Content-Type")
            status = status or 200
        page = RawPage(url=url, payload=payload, content_type=ctype, headers=headers, status=status,
                       date=h.get_header("WARC-Date"), source=src, offset=offset, length=length,
                       record_id=rid, warc_digest=h.get_header("WARC-Payload-Digest"),
                       record_type=rtype, path=urlsplit(url).path if url else None,
                       next_offset=offset + length)
        if rtype == "revisit":
            refers = h.get_header("WARC-Refers-To")
            refers_url = clean_target_uri(h.get_header("WARC-Refers-To-Target-URI")) or url
            page.refers_to = refers or refers_url
            resolved = _resolve_revisit(page, refers, refers_url, revisits, cap)
            if isinstance(resolved, SourceError):
                yield resolved
                continue
            page = resolved
        elif revisits is not None and status is not None and status < 300:
            revisits.add(page)
        yield page


def _resolve_revisit(page: RawPage, refers_id: str | None, refers_url: str | None,
                     revisits: RevisitIndex | None, cap: int) -> RawPage | SourceError:
    """Give a revisit the original's payload (and headers when it carries none)."""
    original: bytes | None = None
    orig_page: RawPage | None = None
    if revisits is not None:
        loc = revisits.lookup(refers_id, refers_url, page.warc_digest)
        if loc:
            orig_page, _ = read_record_at(loc[0], loc[1], cap)
            original = orig_page.payload if orig_page else None
        if original is None and revisits.resolver is not None:
            original = revisits.resolver(refers_id, refers_url, page.warc_digest)
    if original is None:
        return SourceError(page.source, page.offset, page.url, "warc",
                           f"bản ghi revisit không tìm thấy bản gốc {refers_id or refers_url}"
                           " (revisit original not found)")
    page.payload = original
    if orig_page is not None:
        if not page.content_type:
            page.content_type = orig_page.content_type
        if page.status in (None, 304) or not page.headers:
            page.headers = page.headers or orig_page.headers
    page.status = page.status or 200
    return page


_GZ_MAGIC = b"\x1f\x8b\x08"


def _resync(fh, start: int, gz: bool) -> int | None:
    """The offset of the next plausible record start after ``start`` (gzip member or 'WARC/')."""
    start = max(start, 0)  # garbage can make warcio report offsets before the file's start
    fh.seek(start)
    needle = _GZ_MAGIC if gz else b"WARC/1."
    pos = start
    tail = b""
    while True:
        block = fh.read(1 << 20)
        if not block:
            return None
        buf = tail + block
        i = buf.find(needle, 1 if pos == start else 0)
        if i >= 0:
            return pos - len(tail) + i
        tail = buf[-(len(needle) - 1):]
        pos += len(block)


def iter_warc(path: Path | str, *, limits: Limits = DEFAULT_LIMITS, start: int = 0,
              revisits: RevisitIndex | None = None) -> Iterator[Item]:
    """Response, resource and revisit records of a WARC/ARC file, from byte ``start``.

    Damage handling: a truncated file yields its records up to the damage and then one error; a
    garbage record yields an error and reading resumes at the next gzip member (or ``WARC/``
    line) when there is one.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    src = str(path)
    if revisits is None:
        revisits = RevisitIndex()
    if src.endswith(".open"):
        yield SourceError(src, None, None, "warc",
                          "tệp WARC đang được ghi (.open), có thể chưa hoàn chỉnh (file still open)")
    try:
        fh = open(src, "rb")
    except OSError as exc:
        yield SourceError(src, None, None, "read", f"không mở được tệp (cannot open): {exc}")
        return
    with fh:
        gz = fh.read(2) == b"\x1f\x8b"
        pos = start
        while True:
            fh.seek(pos)
            it = ArchiveIterator(fh, arc2warc=True)
            state = {"next": pos}
            try:
                # warcio counts offsets from where the file was when it started (``fh.tell()``),
                # so after a seek (resync, resume) they are already absolute: no base to add
                yield from _records(it, src, pos - it.offset, limits.max_payload, revisits, state)
                if state.get("resync"):
                    nxt = _resync(fh, state["next"], gz)
                    if nxt is None:
                        return
                    pos = nxt
                    continue
                size = os.fstat(fh.fileno()).st_size
                if not state.get("truncated") and state["next"] < size:
                    yield SourceError(src, state["next"], None, "warc",
                                      f"tệp bị cắt cụt hoặc hỏng: {size - state['next']} byte cuối không đọc"
                                      " được (truncated file)")
                return
            except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error, AttributeError, IndexError,
                    KeyError, TypeError) as exc:
                # (warcio itself trips with AttributeError/IndexError/TypeError over some garbage
                # headers, found by tests/test_fuzz.py: a damaged record all the same)
                bad = max(state["next"], 0)
                msg = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
                nxt = _resync(fh, bad, gz)
                if nxt is None:
                    yield SourceError(src, bad, None, "warc",
                                      f"bản ghi hỏng, không đọc tiếp được đến cuối tệp (damaged record): {msg}")
                    return
                if nxt <= pos:  # no progress possible: never loop on the same bytes
                    yield SourceError(src, bad, None, "warc", f"bản ghi hỏng (damaged record): {msg}")
                    return
                yield SourceError(src, bad, None, "warc",
                                  f"bản ghi hỏng, bỏ qua {nxt - bad} byte và đọc tiếp từ vị trí {nxt}"
                                  f" (damaged record skipped): {msg}")
                pos = nxt


# --------------------------------------------------------------------------------------------
# dispatch


def iter_path(path: Path | str, *, base_url: str | None = None, limits: Limits = DEFAULT_LIMITS,
              start: int = 0, revisits: RevisitIndex | None = None) -> Iterator[Item]:
    """Any local input: a folder, a zip/tar, a WARC/ARC or a single file."""
    path = Path(path)
    if not path.exists():
        yield SourceError(str(path), None, None, "read", "không tìm thấy tệp hoặc thư mục (not found)")
        return
    if path.is_dir():
        yield from iter_directory(path, base_url=base_url, limits=limits)
        return
    kind = kind_of(path)
    if kind == "warc":
        yield from iter_warc(path, limits=limits, start=start, revisits=revisits)
    elif kind == "zip":
        yield from iter_zip(path, base_url=base_url, limits=limits, start=start)
    elif kind == "tar":
        yield from iter_tar(path, base_url=base_url, limits=limits, start=start)
    else:
        yield from iter_file(path, base_url=base_url, limits=limits)


# --------------------------------------------------------------------------------------------
# URL lists and sitemaps


def check_url(url: str) -> str | None:
    """Why ``url`` cannot be fetched (Vietnamese first), or None when it is a usable http(s) URL."""
    if any(c.isspace() for c in url):
        return "URL chứa khoảng trắng (URL contains whitespace)"
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        return f"URL không hợp lệ (invalid URL): {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"không phải URL http/https: lược đồ '{parts.scheme or '(trống)'}' (not an HTTP URL)"
    if not parts.hostname:
        return "URL thiếu tên máy chủ (URL has no host)"
    return None


def iter_url_list(lines: Iterable[str], source: str) -> Iterator[str | SourceError]:
    """URLs of a list file, one a line (``#`` comments and blank lines ignored); bad ones reported."""
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        why = check_url(line)
        if why:
            yield SourceError(source, number, line, "urls", f"dòng {number}: {why}")
        else:
            yield line


def read_url_list(path: Path | str) -> Iterator[str | SourceError]:
    try:
        fh = open(path, encoding="utf-8", errors="replace")
    except OSError as exc:
        yield SourceError(str(path), None, None, "urls", f"không đọc được danh sách URL: {exc}")
        return
    with fh:
        yield from iter_url_list(fh, str(path))


class SitemapError(ValueError):
    pass


@dataclass
class Sitemap:
    kind: str  # "urlset" | "index"
    entries: list[tuple[str, str | None]]  # (loc, lastmod)


def parse_sitemap(data: bytes, url: str = "", cap: int = DEFAULT_LIMITS.max_payload) -> Sitemap:
    """A sitemap or sitemap index (plain or gzipped); anything else raises :class:`SitemapError`."""
    from lxml import etree

    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(cap + 1)
        except (OSError, EOFError) as exc:
            raise SitemapError(f"sitemap nén gzip bị hỏng (bad gzip): {exc}") from exc
        if len(data) > cap:
            raise SitemapError(f"sitemap giải nén vượt {cap} byte (too large)")
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        raise SitemapError("đây là trang HTML, không phải sitemap XML (HTML page, not a sitemap)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"sitemap không phải XML hợp lệ (invalid XML): {exc}") from exc
    tag = etree.QName(root).localname.lower()
    if tag not in ("urlset", "sitemapindex"):
        raise SitemapError(f"phần tử gốc <{tag}> không phải urlset/sitemapindex (not a sitemap)")
    entries: list[tuple[str, str | None]] = []
    for child in root:
        if not isinstance(child.tag, str):
            continue
        loc = lastmod = None
        for el in child:
            if not isinstance(el.tag, str):
                continue
            name = etree.QName(el).localname.lower()
            if name == "loc" and el.text:
                loc = urljoin(url, el.text.strip())
            elif name == "lastmod" and el.text:
                lastmod = el.text.strip()
        if loc:
            entries.append((loc, lastmod))
    return Sitemap("index" if tag == "sitemapindex" else "urlset", entries)


def iter_sitemap(url: str, get: Callable[[str], bytes], *, limits: Limits = DEFAULT_LIMITS,
                 _depth: int = 0, _seen: set[str] | None = None) -> Iterator[str | SourceError]:
    """Page URLs of a sitemap, following sitemap indexes (depth-limited, each sitemap once).

    ``get(url) -> bytes`` fetches a sitemap and raises on failure (its message is reported).
    """
    seen = _seen if _seen is not None else set()
    if url in seen:
        return
    seen.add(url)
    try:
        data = get(url)
    except Exception as exc:  # noqa: BLE001 - any fetch failure is reported, not raised
        yield SourceError(url, None, url, "sitemap", f"không tải được sitemap (fetch failed): {exc}")
        return
    try:
        sm = parse_sitemap(data, url, limits.max_payload)
    except SitemapError as exc:
        yield SourceError(url, None, url, "sitemap", str(exc))
        return
    if sm.kind == "urlset":
        for loc, _lastmod in sm.entries:
            why = check_url(loc)
            yield SourceError(url, None, loc, "sitemap", why) if why else loc
        return
    if _depth >= limits.max_sitemap_depth:
        yield SourceError(url, None, url, "sitemap",
                          f"chỉ mục sitemap lồng quá {limits.max_sitemap_depth} cấp (index nested too deep)")
        return
    for loc, _lastmod in sm.entries:
        yield from iter_sitemap(loc, get, limits=limits, _depth=_depth + 1, _seen=seen)


# --------------------------------------------------------------------------------------------
# input units (for progress and per-file checkpoints)


@dataclass
class Unit:
    """One input file: the grain of progress reporting and of resumption checkpoints."""

    path: Path
    kind: str  # file | warc | zip | tar
    rel: str | None  # path inside the folder given on the command line (URL mapping)
    size: int
    mtime: float


#: Not site content: HTTrack bookkeeping (and hidden files and folders); see :mod:`ingest.mirror`.
MIRROR_SKIP_DIRS = mirror.SKIP_DIRS
MIRROR_SKIP_FILES = mirror.SKIP_FILES


def expand_inputs(paths: Iterable[Path | str]) -> tuple[list[Unit], list[SourceError]]:
    """Files of the given paths (folders walked by :func:`ingest.mirror.walk`, symlinks refused)."""
    units: list[Unit] = []
    errors: list[SourceError] = []
    for given in paths:
        root = Path(given)
        if not root.exists():
            errors.append(SourceError(str(root), None, None, "read",
                                      "không tìm thấy tệp hoặc thư mục (not found)"))
            continue
        if root.is_file():
            st = root.stat()
            units.append(Unit(root, kind_of(root), None, st.st_size, st.st_mtime))
            continue
        for path, rel in mirror.walk(root):
            if path.is_symlink():
                errors.append(SourceError(str(path), None, None, "read",
                                          "bỏ qua liên kết tượng trưng (symlink skipped)"))
                continue
            st = path.stat()
            units.append(Unit(path, walked_kind(path), rel, st.st_size, st.st_mtime))
    return units, errors


def iter_unit(unit: Unit, *, base_url: str | None = None, limits: Limits = DEFAULT_LIMITS, start: int = 0,
              revisits: RevisitIndex | None = None) -> Iterator[Item]:
    if unit.kind == "file":
        yield from iter_file(unit.path, base_url=base_url, rel=unit.rel, limits=limits)
    else:
        yield from iter_path(unit.path, base_url=base_url, limits=limits, start=start, revisits=revisits)
