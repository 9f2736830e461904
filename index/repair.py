"""``tracuu check --repair``: rebuild what can be rebuilt from what is left, name the rest.

The archive is the source of truth; the catalog and the index are derived from it, so:

* **catalog damaged** → it is moved to ``<data>/damaged/<time>/`` and rebuilt: the capture rows
  that still read back from the damaged file are salvaged (not the per-file checkpoints: a
  checkpoint whose captures were lost would make the next import skip them), then every record of
  our own WARC files (``archive/warc``) and every document of the index whose payload is a blob
  get a capture row again. Blobs nothing points at any more are counted: their URL is lost
  (re-running ``tracuu ingest`` on the original inputs restores it, re-using the stored bytes).
* **index damaged, or catalog and index disagree** → the index is rebuilt from the archive
  (:func:`index.pipeline.reindex`); a damaged index is moved aside first. Documents whose raw
  bytes are gone but whose text the old index still holds are put back from it.
* **archived payload missing or corrupt** → cannot be rebuilt; each is named.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from index.catalog import Capture, Catalog
from index.check import INDEXED, Report, catalog_path, check, stored_document
from index.store import BlobStore, archive_dir

log = logging.getLogger(__name__)


@dataclass
class RepairResult:
    actions: list[str] = field(default_factory=list)
    unrecoverable: list[str] = field(default_factory=list)
    moved: list[Path] = field(default_factory=list)

    def text(self) -> str:
        lines = ["Sửa chữa (repair):"]
        lines += [f"  {a}" for a in self.actions] or ["  không cần sửa gì (nothing to repair)"]
        for p in self.moved:
            lines.append(f"  bản hỏng được giữ lại tại {p} (damaged copy kept; xóa khi không cần)")
        if self.unrecoverable:
            lines.append(f"Không khôi phục được {len(self.unrecoverable)} mục (cannot be rebuilt):")
            lines += [f"    {u}" for u in self.unrecoverable[:50]]
            if len(self.unrecoverable) > 50:
                lines.append(f"    … và {len(self.unrecoverable) - 50} mục khác")
        return "\n".join(lines)


def _damaged_dir(data: Path) -> Path:
    d = data / "damaged" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    d.mkdir(parents=True, exist_ok=True)
    return d


def repair(data_dir: Path | str, report: Report | None = None, *, jobs: int | None = None) -> RepairResult:
    """Repair ``data_dir`` after :func:`index.check.check` found problems (the caller holds no lock)."""
    data = Path(data_dir)
    report = report if report is not None and report.stored else check(data, keep_stored=True)
    result = RepairResult()
    kinds = set(report.counts())
    if "catalog-unreadable" in kinds:
        _rebuild_catalog(data, report, result)
    need_reindex = bool(kinds & {"catalog-unreadable", "index-unreadable", "segment-damaged",
                                 "doc-orphan", "doc-missing"})
    if need_reindex:
        _rebuild_index(data, report, result, jobs)
    for f in report.findings:
        if f.kind in ("archive-missing", "archive-corrupt"):
            result.unrecoverable.append(f"{f.item}: {f.detail}")
    return result


# -- catalog ------------------------------------------------------------------------------------


def _salvage_rows(path: Path) -> list[Capture]:
    """Capture rows that still read back from a damaged catalog (scan, then probe by id)."""
    out: dict[int, Capture] = {}
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        db.row_factory = sqlite3.Row
    except sqlite3.Error:
        return []
    last = 0
    try:
        for row in db.execute("SELECT * FROM captures ORDER BY id"):
            cap = Capture(**{k: row[k] for k in row.keys()})
            out[cap.id] = cap
            last = cap.id
    except sqlite3.Error:
        misses = 0
        probe = last + 1
        while misses < 2000:  # rows past a damaged page may still be reachable by id
            try:
                row = db.execute("SELECT * FROM captures WHERE id = ?", (probe,)).fetchone()
            except sqlite3.Error:
                row = None
            if row is None:
                misses += 1
            else:
                misses = 0
                out[probe] = Capture(**{k: row[k] for k in row.keys()})
            probe += 1
    finally:
        db.close()
    return [out[k] for k in sorted(out)]


def _warc_captures(data: Path) -> list[Capture]:
    """A capture for every response/resource/revisit record of our own WARC files."""
    from warcio.archiveiterator import ArchiveIterator

    from ingest.sources import read_record_at

    caps: list[Capture] = []
    for path in sorted((archive_dir(data) / "warc").glob("*.warc*")):
        spots: list[tuple[int, str]] = []  # (offset, type) of every record read whole
        try:
            with open(path, "rb") as fh:
                it = ArchiveIterator(fh)
                for record in it:
                    record.content_stream().read()
                    spots.append((it.get_record_offset(), record.rec_type))
        except Exception as exc:  # noqa: BLE001 - a truncated tail: keep the records read before it
            log.warning("WARC %s: đọc được một phần (%s)", path, exc)
        ends = [o for o, _ in spots[1:]] + [path.stat().st_size]
        for (offset, rtype), end in zip(spots, ends, strict=True):
            if rtype not in ("response", "resource", "revisit"):
                continue
            length = end - offset
            page, _ = read_record_at(str(path), offset)
            if page is None:
                continue
            caps.append(Capture(url=page.url, sha256=page.sha256, crawl_date=page.date, status_code=page.status,
                                content_type_served=page.content_type, hash=page.warc_digest or page.sha1_digest,
                                content_length=len(page.payload), record_type=rtype, record_id=page.record_id,
                                refers_to=page.refers_to, source_file_path=str(path), source_file_offset=offset,
                                store="warc", store_key=str(path), store_offset=offset, store_length=length,
                                reason="khôi phục từ WARC (rebuilt from WARC)"))
    return caps


def _rebuild_catalog(data: Path, report: Report, result: RepairResult) -> None:
    import json

    path = catalog_path(data)
    salvaged = _salvage_rows(path) if path.exists() else []
    if path.exists():
        dest = _damaged_dir(data)
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                os.replace(p, dest / p.name)
        result.moved.append(dest)
    blobs = BlobStore(archive_dir(data) / "blobs")
    with Catalog(path) as cat:
        for cap in salvaged:
            values = cap.__dict__.copy()
            cols = list(values)
            cat.db.execute(f"INSERT INTO captures ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                           [values[c] for c in cols])
        known = {(c.url, c.sha256) for c in salvaged}
        from_warc = 0
        for cap in _warc_captures(data):
            if (cap.url, cap.sha256) not in known:
                known.add((cap.url, cap.sha256))
                cat.add(cap)
                from_warc += 1
        from_index = 0
        referenced = {c.store_key for c in salvaged if c.store == "blob"}
        for doc_id, (key, doc_json) in report.stored.items():
            src = json.loads(doc_json).get("source") or {}
            sha = src.get("sha256") or ""
            url = key if key and not key.startswith("sha256:") else None
            if not sha or (url, sha) in known or not blobs.has(sha):
                referenced.add(sha)
                continue
            known.add((url, sha))
            referenced.add(sha)
            cat.add(Capture(url=url, sha256=sha, doc_id=doc_id, store="blob", store_key=sha, record_type="file",
                            outcome="indexed", reason="khôi phục từ chỉ mục (rebuilt from the index)"))
            from_index += 1
        cat.commit()
    result.actions.append(f"dựng lại danh mục: giữ {len(salvaged)} bản thu đọc được, thêm {from_warc} từ tệp WARC, "
                          f"{from_index} từ chỉ mục (catalog rebuilt)")
    orphans = [p for p in (archive_dir(data) / "blobs").glob("*/*/*.gz") if p.name[:-3] not in referenced]
    if orphans:
        result.unrecoverable.append(
            f"{len(orphans)} bản lưu trong archive/blobs không còn gắn với URL nào (blobs whose URL is lost); "
            "chạy lại `tracuu ingest` với các tệp gốc để khôi phục nguồn gốc")


# -- index --------------------------------------------------------------------------------------


def _rebuild_index(data: Path, report: Report, result: RepairResult, jobs: int | None) -> None:
    from index.pipeline import reindex
    from index.writer import IndexWriterSink

    index = data / "index"
    if index.exists() and not report.index_ok:
        dest = _damaged_dir(data)
        os.replace(index, dest / "index")
        result.moved.append(dest)
    summary = reindex(data, jobs=jobs)
    result.actions.append(f"dựng lại chỉ mục từ kho lưu trữ: {summary.read} bản thu đọc lại, {summary.indexed} "
                          f"tài liệu (index rebuilt from the archive)")
    # Documents whose bytes are gone: put back the text the old index still held.
    after = check(data, verify_payloads=False)
    missing = after.of("doc-missing")
    if not missing:
        return
    restored = 0
    with Catalog(catalog_path(data)) as cat, IndexWriterSink(data) as sink:
        for f in missing:
            doc_id = f.detail.split(",")[0].removeprefix("id ")
            doc = stored_document(report, doc_id)
            if doc is None:
                result.unrecoverable.append(f"{f.item}: không còn bản lưu lẫn văn bản trong chỉ mục "
                                            "(neither raw bytes nor indexed text left)")
                cat.db.execute(f"UPDATE captures SET outcome = 'failed', reason = ? WHERE doc_id = ? "
                               f"AND outcome IN {INDEXED!r}",
                               ("mất bản lưu (archived payload lost)", doc_id))
                continue
            sink.add(doc)
            restored += 1
        cat.commit()
    if restored:
        result.actions.append(f"đưa lại {restored} tài liệu từ chỉ mục cũ (bản lưu đã mất, văn bản còn) "
                              "(documents restored from the old index)")
    shutil.rmtree(data / ".reindex", ignore_errors=True)
