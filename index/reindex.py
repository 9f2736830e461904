"""``tracuu reindex``: rebuild the index from the archive and catalog alone (no network, no inputs).

Why a separate module: it shares the parsing and the writer processes with the import pipeline
(:mod:`index.pipeline`, :mod:`index.parallel`) but not its admission, archiving or checkpoints:
every URL's newest capture is read back from the archive, parsed again and indexed into a fresh
index built beside the live one, which stays searchable and write-locked until the rebuild is
complete and replaces it (a crash leaves the old index in place). With ``jobs`` ≥ 2 the writer
processes parse *and* index, and their segments are adopted at the end of every
``commit_every`` pages, as in an import.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from index.attachdocs import attachment_format
from index.attachextract import BatchRouter
from index.attachregistry import Registry
from index.catalog import Capture, Catalog
from index.parallel import Batches, WriterPool
from index.pipeline import _parse_one, parser_version
from index.report import ErrorReport, Progress, Summary, _reason_key
from index.store import Archive
from ingest.sources import RawPage, SourceError


def reindex(data_dir: Path | str, *, jobs: int | None = None, batch: int = 64, progress: Progress | None = None,
            sink_factory: Callable[[Path], object] | None = None, commit_every: int = 5000) -> Summary:
    """Rebuild ``<data>/index`` from the archive and catalog only; the run's :class:`Summary`."""
    data = Path(data_dir)
    if sink_factory is None:
        from index.writer import IndexWriterSink

        sink_factory = IndexWriterSink
    if not (data / "catalog.sqlite").exists():
        raise FileNotFoundError(f"không có danh mục {data / 'catalog.sqlite'}: chưa nhập gì (nothing imported)")
    tmp = data / ".reindex"
    shutil.rmtree(tmp, ignore_errors=True)
    progress = progress or Progress(enabled=False)
    summary = Summary()
    report = ErrorReport(data)
    summary.report_path = report.path
    t0 = time.monotonic()
    live = sink_factory(data)  # holds the writer lock: no ingest runs meanwhile
    catalog = Catalog(data / "catalog.sqlite")
    archive = Archive(data)
    sink = sink_factory(tmp)
    registry = Registry(data)  # attachments: parents, and extractions reused (no second OCR)
    version = parser_version()
    jobs = jobs or os.cpu_count() or 1
    segments = hasattr(sink, "claim")  # the Whoosh writer adopts segments; a cluster's does not
    writers = WriterPool(tmp, jobs, schema=getattr(sink, "schema", None)) if jobs > 1 and segments else None
    since_commit = 0

    def done(chunk: list[Capture], results, folder: Path | None) -> None:
        nonlocal since_commit
        for cap, (kind, value) in zip(chunk, results, strict=True):
            summary.read += 1
            outcome, reason = "failed", None
            if kind == "doc":
                if folder is not None:
                    outcome = sink.claim(*value[1:3], folder, value[0])
                    if len(value) > 5:  # the page's attachment links, for the attachments' parents
                        registry.record_links(value[1], *value[5])
                elif value.kind == "attachment":
                    # indexed once, by registry.flush at the end, with every page linking it
                    registry.prepare(value, cap.sha256, defer=True)
                    outcome = "indexed"
                else:
                    outcome = sink.add(registry.prepare(value, cap.sha256))
                summary.indexed += 1
            elif kind == "skip":
                outcome, reason = "skipped", str(value)
                summary.skipped[_reason_key(reason)] += 1
            else:
                reason = str(value)
                stage = "index" if kind == "ifail" else "parse"
                summary.failed[stage] += 1
                report.write(SourceError(cap.source_file_path or "", cap.source_file_offset, cap.url, stage, reason))
            catalog.db.execute("UPDATE captures SET outcome = ?, reason = ?, parser_version = ? WHERE id = ?",
                               (outcome, reason, version, cap.id))
        since_commit += len(chunk)
        progress.records = progress.bytes_done = summary.read
        progress.update()

    batches = Batches(writers, done, parsers=jobs if jobs > 1 and not segments else 1)
    router = BatchRouter(jobs)

    def extract(caps_: list[Capture], pages: list[RawPage]) -> None:
        """Attachments here, not in the writer processes: the stored extraction when the current
        code made it, else an isolated extraction worker."""
        reuse = [registry.stored_current(c.sha256) for c in caps_]
        todo = [(p.payload, c.url, c.url and c.url.rsplit("/", 1)[-1] or None, c.content_type_served)
                for c, p, r in zip(caps_, pages, reuse, strict=True) if r is None]
        fresh = iter(router.map_async(None, _parse_one, todo).get() if todo else [])
        done(caps_, [("doc", r) if r is not None else next(fresh) for r in reuse], None)

    def commit() -> None:
        nonlocal since_commit
        for folder in batches.flush():
            sink.adopt(folder)
        sink.commit()
        since_commit = 0

    try:
        caps = list(catalog.latest_per_url())
        progress.files_total = 0
        progress.bytes_total = len(caps)
        chunk: list[Capture] = []
        jobs_: list[tuple[bytes, str | None, str | None, str | None]] = []
        att_caps: list[Capture] = []
        att_pages: list[RawPage] = []
        for cap in caps:
            try:
                page: RawPage | None = archive.load(cap.store or "", cap.store_key or "", cap.store_offset)
            except OSError as exc:
                page = None
                msg = str(exc)
            else:
                msg = "bản lưu không đọc được (stored copy unreadable)"
            if page is None:
                summary.failed["store"] += 1
                report.write(SourceError(cap.store_key or "", cap.store_offset, cap.url, "store", msg))
                continue
            if attachment_format(page.payload[:8192], cap.url, None, cap.content_type_served):
                att_caps.append(cap)
                att_pages.append(page)
                if len(att_caps) >= 4 * router.jobs:
                    extract(att_caps, att_pages)
                    att_caps, att_pages = [], []
                continue
            chunk.append(cap)
            # the file name tells a JSON or image file from a page, as it did on import
            name = cap.url.rsplit("/", 1)[-1] or None if cap.url else \
                (cap.source_file_path and Path(cap.source_file_path).name) or None
            jobs_.append((page.payload, cap.url, name, cap.content_type_served))
            if len(chunk) >= batch:
                batches.submit(jobs_, chunk)
                chunk, jobs_ = [], []
                if since_commit >= commit_every:
                    commit()
        if chunk:
            batches.submit(jobs_, chunk)
        if att_caps:
            extract(att_caps, att_pages)
        batches.drain()
        registry.flush(sink.add)  # attachments, each once with all its parents
        commit()
        if writers is not None:
            writers.close()
            writers = None
        sink.close()
        live.close()
        old = data / "index.old"
        shutil.rmtree(old, ignore_errors=True)
        if (tmp / "index").exists():  # a Whoosh rebuild; a cluster sink wrote in place (REPLACE by id)
            if (data / "index").exists():
                os.replace(data / "index", old)
            os.replace(tmp / "index", data / "index")
        catalog.commit()
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
    finally:
        batches.close(kill=True)
        if writers is not None:
            writers.close(kill=True)
        router.close()
        registry.close()
        catalog.close()
        archive.close()
        report.close()
        progress.done()
    summary.seconds = time.monotonic() - t0
    return summary
