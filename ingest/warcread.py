"""Reading WARC and ARC files: records with their provenance, revisits resolved, damage survived.

A damaged archive is the norm for archivists (interrupted crawls, truncated gzip members, garbage
between records), so :func:`iter_warc` yields every readable record, reports each damaged stretch
as one :class:`~ingest.records.SourceError` and resynchronises on the next gzip member (or
``WARC/`` line) instead of giving up on the file. Revisit records get their original's payload
through a small :class:`RevisitIndex` of offsets, never of payloads.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ingest.records import DEFAULT_LIMITS, Item, Limits, RawPage, SourceError


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
