"""``fsck`` for a data directory: do the catalog, the archive and the index agree?

Four promises make a data directory trustworthy, and each is checked here without changing
anything (the catalog is opened read-only):

1. every capture in the catalog has its archived payload, and the payload has the recorded
   sha256 (blobs are decompressed, WARC records read back at their offset);
2. every document in the index has a capture that says it was indexed;
3. every capture the catalog says was indexed has its document in the index;
4. the index opens, each segment's files are there, and they match the checksums recorded when
   they were committed (:mod:`index.checksums`), and every stored document reads back.

Findings are grouped by kind, each with a Vietnamese label and the items it concerns, so the
command can print counts and name what is wrong. :mod:`index.repair` acts on the same report.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from index import checksums
from index.catalog import Capture
from index.store import BlobStore, archive_dir
from ingest.document import doc_id as doc_id_of

INDEXED = ("indexed", "updated", "unchanged")

#: kind → (Vietnamese label, whether --repair can rebuild it)
KINDS: dict[str, tuple[str, bool]] = {
    "catalog-unreadable": ("danh mục (catalog.sqlite) không đọc được hoặc hỏng", True),
    "archive-missing": ("bản lưu của bản thu không còn trong kho (archived payload missing)", False),
    "archive-corrupt": ("bản lưu hỏng hoặc sai mã băm (archived payload corrupt or wrong digest)", False),
    "index-unreadable": ("chỉ mục không mở được (index unreadable)", True),
    "segment-damaged": ("tệp phân đoạn chỉ mục hỏng (segment file damaged)", True),
    "doc-orphan": ("tài liệu trong chỉ mục không có bản thu trong danh mục (indexed document without capture)",
                   True),
    "doc-missing": ("bản thu đã lập chỉ mục nhưng thiếu trong chỉ mục (capture not in the index)", True),
}


@dataclass
class Finding:
    kind: str
    item: str
    detail: str = ""


@dataclass
class Report:
    data: Path
    findings: list[Finding] = field(default_factory=list)
    captures: int = 0
    payloads: int = 0
    documents: int = 0
    segments: int = 0
    segment_files: int = 0
    unverified: list[str] = field(default_factory=list)
    #: stored documents of the index: doc id → (url key, Document JSON), for repair's salvage
    stored: dict[str, tuple[str, str]] = field(default_factory=dict)
    catalog_ok: bool = True
    index_ok: bool = True

    def add(self, kind: str, item: str, detail: str = "") -> None:
        self.findings.append(Finding(kind, item, detail))

    def of(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    @property
    def ok(self) -> bool:
        return not self.findings

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.kind] = out.get(f.kind, 0) + 1
        return out

    def text(self, show: int = 20) -> str:
        lines = [f"Kiểm tra {self.data}: {self.captures} bản thu, {self.payloads} bản lưu, "
                 f"{self.documents} tài liệu trong chỉ mục, {self.segments} phân đoạn ({self.segment_files} tệp)"]
        if self.unverified:
            lines.append(f"  {len(self.unverified)} tệp phân đoạn chưa có mã kiểm tra (no recorded checksum; "
                         "ghi lần commit sau)")
        if self.ok:
            lines.append("Không phát hiện lỗi nào (no problems found).")
            return "\n".join(lines)
        counts = self.counts()
        lines.append(f"Phát hiện {len(self.findings)} lỗi (problems found):")
        for kind, n in counts.items():
            label, _ = KINDS[kind]
            lines.append(f"  {label}: {n}")
            for f in self.of(kind)[:show]:
                lines.append(f"    {f.item}" + (f" — {f.detail}" if f.detail else ""))
            if n > show:
                lines.append(f"    … và {n - show} mục khác (more)")
        return "\n".join(lines)


def catalog_path(data: Path) -> Path:
    return data / "catalog.sqlite"


def open_catalog_readonly(data: Path) -> sqlite3.Connection:
    db = sqlite3.connect(f"file:{catalog_path(data)}?mode=ro", uri=True, timeout=30)
    db.row_factory = sqlite3.Row
    return db


def _captures(db: sqlite3.Connection) -> Iterator[Capture]:
    for row in db.execute("SELECT * FROM captures ORDER BY id"):
        yield Capture(**{k: row[k] for k in row.keys()})


def check(data_dir: Path | str, *, verify_payloads: bool = True, keep_stored: bool = False) -> Report:
    """Check ``data_dir``; never writes to it. ``keep_stored`` keeps every stored document's JSON
    in the report (for :mod:`index.repair`, which salvages documents whose bytes are gone)."""
    data = Path(data_dir)
    report = Report(data)
    caps = _check_catalog(data, report)
    index_ids = _check_index(data, report, keep_stored)
    if caps is not None and verify_payloads:
        _check_archive(data, caps, report)
    if caps is not None and index_ids is not None:
        expected: dict[str, Capture] = {}
        for cap in caps:
            if cap.outcome in INDEXED:
                # the id a document gets from its capture (Document.id), also where a rebuild left
                # the catalog's doc_id empty
                expected.setdefault(cap.doc_id or doc_id_of(cap.url or f"sha256:{cap.sha256}"), cap)
        for doc_id in sorted(set(index_ids) - set(expected)):
            report.add("doc-orphan", index_ids[doc_id] or doc_id, f"id {doc_id}")
        for doc_id in sorted(set(expected) - set(index_ids) - _attachments_to_index(data)):
            cap = expected[doc_id]
            report.add("doc-missing", cap.url or f"sha256:{cap.sha256}", f"id {doc_id}, bản thu #{cap.id}")
    return report


def _attachments_to_index(data: Path) -> set[str]:
    """Ids of attachments a run registered but left to its end-of-run flush (``dirty``: a run
    killed before its end): the next run indexes them, so they are not missing documents."""
    path = data / "attachments.sqlite"
    if not path.exists():
        return set()
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return {r[0] for r in db.execute("SELECT doc_id FROM files WHERE dirty = 1")}
        finally:
            db.close()
    except sqlite3.Error:
        return set()


def _check_catalog(data: Path, report: Report) -> list[Capture] | None:
    path = catalog_path(data)
    if not path.exists():
        archived = any(archive_dir(data).glob("*/*"))
        if (data / "index").exists() or archived:
            report.add("catalog-unreadable", str(path), "không có tệp (missing)")
            report.catalog_ok = False
            return None
        return []
    try:
        db = open_catalog_readonly(data)
        try:
            problems = [r[0] for r in db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("; ".join(problems[:3]))
            caps = list(_captures(db))
        finally:
            db.close()
    except sqlite3.Error as exc:
        report.add("catalog-unreadable", str(path), str(exc))
        report.catalog_ok = False
        return None
    report.captures = len(caps)
    return caps


def _check_archive(data: Path, caps: list[Capture], report: Report) -> None:
    from ingest.sources import read_record_at

    blobs = BlobStore(archive_dir(data) / "blobs")
    by_id = {c.id: c for c in caps}
    seen: dict[tuple[str, str, int | None], str | None] = {}  # store location → problem or None
    for cap in caps:
        if not cap.store or not cap.store_key:
            continue
        where = (cap.store, cap.store_key, cap.store_offset)
        if where not in seen:
            seen[where] = _payload_problem(blobs, cap, by_id, read_record_at)
            report.payloads += 1
        problem = seen[where]
        if problem:
            kind, detail = problem.split("|", 1)
            report.add(kind, cap.url or f"sha256:{cap.sha256}",
                       f"{detail}: {cap.store_key}" + (f"@{cap.store_offset}" if cap.store == "warc" else ""))


def _payload_problem(blobs: BlobStore, cap: Capture, by_id: dict, read_record_at) -> str | None:
    if cap.store == "blob":
        path = blobs.path(cap.store_key)
        if not path.exists():
            return "archive-missing|không có tệp (missing file)"
        try:
            payload = gzip.decompress(path.read_bytes())
        except (OSError, EOFError, zlib.error) as exc:
            return f"archive-corrupt|không giải nén được ({exc})"
    elif cap.store == "warc":
        if not Path(cap.store_key).exists():
            return "archive-missing|không có tệp WARC (missing WARC file)"
        try:
            page, message = read_record_at(cap.store_key, cap.store_offset or 0)
        except Exception as exc:  # noqa: BLE001 - any read failure is what we report
            return f"archive-corrupt|bản ghi WARC không đọc được ({type(exc).__name__}: {exc})"
        if page is None:
            return f"archive-corrupt|bản ghi WARC không đọc được ({message})"
        payload = page.payload
        if cap.record_type == "revisit" and not payload:
            return None  # headers only; its payload is the capture it refers to, checked on its own
    else:
        return f"archive-corrupt|kiểu lưu không rõ '{cap.store}'"
    if hashlib.sha256(payload).hexdigest() != cap.sha256:
        return "archive-corrupt|sai mã băm sha256 (digest mismatch)"
    return None


def _check_index(data: Path, report: Report, keep_stored: bool) -> dict[str, str] | None:
    """Segment files and checksums, then every stored document; ``{doc id: url key}`` or None."""
    from whoosh import index as whoosh_index
    from whoosh.filedb.filestore import FileStorage

    path = data / "index"
    if not path.exists():
        return {}
    try:
        storage = FileStorage(str(path))
        toc = whoosh_index.TOC.read(storage, "MAIN")
    except Exception as exc:  # noqa: BLE001 - an unreadable TOC is exactly the finding
        report.add("index-unreadable", str(path), f"{type(exc).__name__}: {exc}")
        report.index_ok = False
        return None
    names: list[str] = []
    for seg in toc.segments:
        files = seg.list_files(storage)
        report.segments += 1
        if not files:
            report.add("segment-damaged", seg.segment_id(), "không có tệp nào của phân đoạn (segment files missing)")
        names += files
    report.segment_files = len(names)
    problems, report.unverified = checksums.verify(path, names)
    for name, problem in sorted(problems.items()):
        report.add("segment-damaged", name, problem)
    if problems:
        report.index_ok = False
    # Stored documents are read per segment through the per-document reader alone, so they come
    # back even when a segment's term or posting file is damaged (repair salvages them).
    ids: dict[str, str] = {}
    readable = True
    for seg in toc.segments:
        try:
            per_doc = seg.codec().per_document_reader(storage, seg)
            try:
                for docnum in range(seg.doc_count_all()):
                    if seg.is_deleted(docnum):
                        continue
                    fields = per_doc.stored_fields(docnum)
                    doc_id = fields.get("id") or ""
                    ids[doc_id] = fields.get("url") or ""
                    if keep_stored and "doc" in fields:
                        report.stored[doc_id] = (fields.get("url") or "", fields["doc"])
            finally:
                per_doc.close()
        except Exception as exc:  # noqa: BLE001 - whatever Whoosh raises on damaged files
            readable = False
            report.add("index-unreadable", seg.segment_id(), f"tài liệu lưu không đọc được ({type(exc).__name__}: {exc})")
    try:
        ix = whoosh_index.open_dir(str(path))
        with ix.searcher() as searcher:  # opens every segment's terms, postings and columns
            searcher.doc_count()
            for leaf, _base in searcher.reader().leaf_readers():
                for fieldname in leaf.indexed_field_names():
                    next(iter(leaf.lexicon(fieldname)), None)
        ix.close()
    except Exception as exc:  # noqa: BLE001
        if report.index_ok and readable:
            report.add("index-unreadable", str(path), f"{type(exc).__name__}: {exc}")
        readable = False
    if not readable or not report.index_ok:
        report.index_ok = False
        return None
    report.documents = len(ids)
    return ids


def stored_document(report: Report, doc_id: str):
    """The Document the (old) index stored under ``doc_id``, or None."""
    from ingest.document import Document

    item = report.stored.get(doc_id)
    if item is None:
        return None
    try:
        return Document.from_json(item[1])
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        return None
