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

The readers are split by kind: files, folders and zip/tar here; WARC/ARC in
:mod:`ingest.warcread`; URL lists and sitemaps in :mod:`ingest.urllists` (no network code: fetching
over HTTP lives in :mod:`ingest.fetch`); the records they yield in :mod:`ingest.records`. This module
is the front door: :func:`iter_path` / :func:`iter_unit` dispatch any local input, and the names
callers use are importable from here.
"""

from __future__ import annotations

import logging
import re
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from ingest import mirror
from ingest.mirror import httrack_url  # noqa: F401  (re-exported: its old home)
from ingest.records import DEFAULT_LIMITS, Item, Limits, RawPage, SourceError
from ingest.urllists import (  # noqa: F401  (re-exported: the front door for every source)
    Sitemap,
    SitemapError,
    check_url,
    iter_sitemap,
    iter_url_list,
    parse_sitemap,
    read_url_list,
)
from ingest.warcread import (  # noqa: F401  (re-exported)
    KNOWN_TYPES,
    RevisitIndex,
    clean_target_uri,
    iter_warc,
    read_record_at,
)

log = logging.getLogger(__name__)

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
