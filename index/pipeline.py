"""The bulk-import pipeline: sources → archive + catalog → parser pool → the single index writer.

Design choices, each for an archivist's requirement:

* **Every byte kept.** Imported payloads go to the content-addressed blob store, fetched responses
  to our WARC files, *before* parsing, so a parser bug never loses input and ``tracuu reindex`` can
  rebuild everything offline.
* **Idempotent.** A capture is identified by (URL, sha256 of the payload). Seen again, it only
  gains a crawl date: nothing is parsed or indexed twice, so re-importing adds nothing. A changed
  payload under a known URL is a new capture; the index keeps the newest (``updated``).
* **Resumable.** The index writer and the catalog (captures + per-file checkpoints) are committed
  together at intervals. After ``kill -9`` the next run skips finished files, restarts unfinished
  ones at their checkpoint, and anything processed after the last commit is simply done again —
  the index writer answers ``unchanged`` for documents it already has, so no duplicates arise.
* **Fast on few cores.** Parsing runs in a process pool on bounded batches (double-buffered, so the
  main process indexes batch *n* while the workers parse batch *n + 1*); one writer indexes.
* **Honest reporting.** Every failure becomes one JSONL line (source, offset, URL, stage, message);
  a summary counts read, indexed, updated, unchanged, revisits, skipped and failed by reason.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from index.attachdocs import BatchRouter, Registry, attachment_format, extract_document
from index.catalog import Capture, Catalog
from index.store import Archive, Written
from ingest.fetch import FetchResult
from ingest.sources import (
    DEFAULT_LIMITS,
    Limits,
    RawPage,
    RevisitIndex,
    SourceError,
    Unit,
    expand_inputs,
    iter_unit,
)

log = logging.getLogger(__name__)

PARSER_FILES = ("parse.py", "decode.py", "htmlparse.py", "families.py", "textdump.py", "textfix.py",
                "dates.py", "document.py")


def parser_version() -> str:
    """A short digest of the parser's source: changes exactly when re-extraction could differ."""
    h = hashlib.sha1()
    root = Path(__file__).resolve().parent.parent / "ingest"
    # the extraction stages live in ingest/page*.py (issue 9): each of them changes what is extracted
    for name in PARSER_FILES + tuple(sorted(p.name for p in root.glob("page*.py"))):
        p = root / name
        if p.exists():
            h.update(name.encode() + b"\0" + p.read_bytes())
    return "p-" + h.hexdigest()[:12]


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.lower() == "charset" and v:
            return v.strip().strip("\"'").lower()
    return None


# ---------------------------------------------------------------------------------------------
# parsing (runs in worker processes)


def _parse_one(job: tuple[bytes, str | None, str | None, str | None]):
    """Worker: ``("doc", Document)`` | ``("skip", reason)`` | ``("fail", message)``."""
    from ingest.parse import SkipPage, parse_page

    data, url, path, ctype = job
    fmt = attachment_format(data, url, path, ctype)
    if fmt is not None:  # a PDF/Word/Excel file: extracted in an isolated worker (index.attachdocs)
        return extract_document(data, url, path, ctype, fmt)
    try:
        return ("doc", parse_page(data, url=url, path=path, content_type=ctype))
    except SkipPage as exc:
        return ("skip", str(getattr(exc, "reason", None) or exc))
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the batch
        return ("fail", f"{type(exc).__name__}: {exc}")


class _Serial:
    """The pool interface without processes (``--jobs 1``): no pickling, no start-up cost."""

    def map_async(self, fn, items, chunksize=1):
        return _Done([fn(i) for i in items])

    def close(self) -> None:
        pass

    def join(self) -> None:
        pass


class _Done:
    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


# ---------------------------------------------------------------------------------------------
# reporting


@dataclass
class Summary:
    read: int = 0
    indexed: int = 0
    updated: int = 0
    unchanged: int = 0
    revisits: int = 0
    files_skipped: int = 0  # whole inputs already imported (checkpoint done)
    skipped: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    report_path: Path | None = None
    seconds: float = 0.0
    examples: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, item, reason), first few

    def example(self, kind: str, item: str | None, reason: str, limit: int = 20) -> None:
        if sum(1 for k, _, _ in self.examples if k == kind) < limit:
            self.examples.append((kind, item or "?", reason))

    @property
    def failures(self) -> int:
        return sum(self.failed.values())

    def to_dict(self) -> dict[str, object]:
        return {"read": self.read, "indexed": self.indexed, "updated": self.updated,
                "unchanged": self.unchanged, "revisits": self.revisits, "files_skipped": self.files_skipped,
                "skipped": dict(self.skipped), "failed": dict(self.failed),
                "error_report": str(self.report_path) if self.report_path else None,
                "seconds": round(self.seconds, 2)}

    def text(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        lines = [f"Đã đọc {self.read} trang/bản ghi (read) trong {self.seconds:.1f} s ({rate:.1f} trang/s)",
                 f"  lập chỉ mục mới (indexed): {self.indexed}",
                 f"  cập nhật (updated): {self.updated}",
                 f"  không đổi (unchanged): {self.unchanged}",
                 f"  revisit: {self.revisits}"]
        if self.files_skipped:
            lines.append(f"  tệp đã nhập trước đó, bỏ qua (inputs already imported): {self.files_skipped}")
        lines.append(f"  bỏ qua (skipped): {sum(self.skipped.values())}")
        lines += [f"    {k}: {v}" for k, v in self.skipped.most_common()]
        lines.append(f"  lỗi (failed): {self.failures}")
        lines += [f"    {k}: {v}" for k, v in self.failed.most_common()]
        if self.report_path and self.failures:
            lines.append(f"Báo cáo lỗi (error report): {self.report_path}")
        return "\n".join(lines)


class ErrorReport:
    """JSONL, one line per failure, created lazily under ``<data>/reports/``."""

    def __init__(self, data_dir: Path) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = data_dir / "reports" / f"errors-{stamp}-{os.getpid()}.jsonl"
        self._fh = None

    def write(self, err: SourceError) -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a", encoding="utf-8")
        self._fh.write(json.dumps({**err.to_dict(), "time": now_iso()}, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


class Progress:
    """A one-line progress bar on a terminal (files, records, pages/s, ETA by bytes)."""

    def __init__(self, enabled: bool | None = None, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.start = time.monotonic()
        self._last = 0.0
        self.files_total = self.files_done = 0
        self.bytes_total = self.bytes_done = 0
        self.records = 0

    def update(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.25:
            return
        self._last = now
        elapsed = max(now - self.start, 1e-6)
        rate = self.records / elapsed
        eta = "--:--"
        if self.bytes_total and self.bytes_done:
            remaining = elapsed * (self.bytes_total - self.bytes_done) / self.bytes_done
            eta = f"{int(remaining // 60):02d}:{int(remaining % 60):02d}"
        frac = self.bytes_done / self.bytes_total if self.bytes_total else 0.0
        bar = "#" * int(frac * 20)
        files = f"tệp {self.files_done}/{self.files_total} · " if self.files_total else ""
        self.stream.write(f"\r[{bar:<20}] {files}{self.records} bản ghi · {rate:.1f} trang/s · ETA {eta} ")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.update(force=True)
            self.stream.write("\n")
            self.stream.flush()


# ---------------------------------------------------------------------------------------------
# the pipeline


@dataclass
class _Pending:
    page: RawPage
    sha: str
    store: str
    store_key: str
    store_offset: int | None
    store_length: int | None
    key: tuple[str | None, str]


class Ingestor:
    """Owns the archive, catalog, index writer, parser pool and report of one run."""

    def __init__(self, data_dir: Path | str, *, jobs: int | None = None, batch: int = 64,
                 commit_every: int = 1000, commit_seconds: float = 300.0, limits: Limits = DEFAULT_LIMITS,
                 progress: Progress | None = None, sink_factory: Callable[[Path], object] | None = None,
                 warc_info: dict[str, str] | None = None, max_warc: int | None = None) -> None:
        self.data = Path(data_dir)
        self.data.mkdir(parents=True, exist_ok=True)
        self.jobs = jobs or os.cpu_count() or 1
        self.batch = batch
        self.commit_every = commit_every
        self.commit_seconds = commit_seconds
        self.limits = limits
        self.progress = progress or Progress(enabled=False)
        kw = {"info": warc_info}
        if max_warc:
            kw["max_warc"] = max_warc
        self.archive = Archive(self.data, **kw)
        self.catalog = Catalog(self.data / "catalog.sqlite")
        if sink_factory is None:
            from index.writer import IndexWriterSink

            sink_factory = IndexWriterSink
        self.sink = sink_factory(self.data)
        self.report = ErrorReport(self.data)
        self.attachments = Registry(self.data)
        self.router = BatchRouter(self.jobs)  # attachments to isolated extraction workers
        self.summary = Summary(report_path=self.report.path)
        self.parser_version = parser_version()
        self._pool = None
        self._since_commit = 0
        self._last_commit = time.monotonic()
        self._inflight: dict[tuple[str | None, str], list[tuple[str | None, str, int | None]]] = {}
        self._checkpoints: dict[str, tuple[Unit, int, bool]] = {}
        self._t0 = time.monotonic()
        self.revisits = RevisitIndex(resolver=self._resolve_from_catalog)

    # -- plumbing -------------------------------------------------------------------------

    @property
    def pool(self):
        if self._pool is None:
            if self.jobs <= 1:
                self._pool = _Serial()
            else:
                self._pool = multiprocessing.get_context("spawn").Pool(self.jobs)
        return self._pool

    def fail(self, err: SourceError) -> None:
        self.summary.failed[err.stage] += 1
        self.summary.example("failed", err.url or (f"{err.source}@{err.offset}" if err.offset is not None
                                                   else err.source), err.message)
        self.report.write(err)

    def _resolve_from_catalog(self, refers_id: str | None, url: str | None, digest: str | None) -> bytes | None:
        cap = (self.catalog.by_record_id(refers_id) if refers_id else None) or \
            (self.catalog.by_hash(url, digest) if digest else None)
        if cap is None or not cap.store:
            return None
        page = self.archive.load(cap.store, cap.store_key, cap.store_offset)
        return page.payload if page else None

    def commit(self, force: bool = False) -> None:
        due = force or self._since_commit >= self.commit_every or \
            time.monotonic() - self._last_commit >= self.commit_seconds
        if not due:
            return
        self.sink.commit()
        self.attachments.commit()
        when = now_iso()
        for source, (unit, resume, done) in self._checkpoints.items():
            self.catalog.set_checkpoint(source, size=unit.size, mtime=unit.mtime, resume=resume, done=done,
                                        when=when)
        self._checkpoints.clear()
        self.catalog.commit()
        self._since_commit = 0
        self._last_commit = time.monotonic()

    def close(self) -> Summary:
        try:
            self.attachments.flush(self._add_indexed)  # attachments whose parents grew this run
            self.commit(force=True)
        finally:
            if self._pool is not None:
                self._pool.close()
                self._pool.join()
            self.router.close()
            self.sink.close()
            self.attachments.close()
            self.catalog.close()
            self.archive.close()
            self.report.close()
            self.progress.done()
        self.summary.seconds = time.monotonic() - self._t0
        return self.summary

    def __enter__(self) -> Ingestor:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc and exc[0] is not None and self._pool is not None and not isinstance(self._pool, _Serial):
            self._pool.terminate()
            self._pool = _Serial()
        self.close()

    # -- the core -------------------------------------------------------------------------

    def _admit(self, page: RawPage, store: str, written: Written | None = None) -> _Pending | None:
        """Catalog check and archiving; None when this exact capture is already known."""
        self.summary.read += 1
        self.progress.records += 1
        if page.record_type == "revisit":
            self.summary.revisits += 1
        sha = page.sha256
        key = (page.url, sha)
        date_entry = (page.date, page.source, page.offset)
        if key in self._inflight:
            self._inflight[key].append(date_entry)
            self.summary.unchanged += 1
            return None
        known = self.catalog.find(page.url, sha)
        if known is not None:
            self.catalog.add_date(known.id, *date_entry)
            self.summary.unchanged += 1
            return None
        superseded = False
        if page.url and page.date:
            newest = self.catalog.newest_date(page.url)
            superseded = bool(newest and _comparable(page.date) < _comparable(newest))
        if written is not None:
            store_key, store_offset, store_length = written.file, written.offset, written.length
        else:
            store, store_key, store_offset, store_length = "blob", self.archive.blobs.put(page.payload, sha), None, None
        self._inflight[key] = []
        pend = _Pending(page, sha, store, store_key, store_offset, store_length, key)
        if superseded:
            # an older capture than the indexed one: archived and catalogued, not indexed
            self._finish(pend, ("skip", "đã có bản thu mới hơn (superseded by a newer capture)"))
            return None
        same = self.attachments.duplicate(page.url, sha, attachment_format(page.payload[:8192], page.url, page.path,
                                                                           page.content_type) is not None)
        if same is not None:  # this file was extracted before (another URL): index it once
            self._finish(pend, ("doc", same))
            return None
        return pend

    def _finish(self, pend: _Pending, result: tuple[str, object]) -> object | None:
        page = pend.page
        kind, value = result
        doc = None
        outcome, reason = "failed", None
        if page.status is not None and not (200 <= page.status < 300) and page.record_type != "revisit":
            outcome, reason = "skipped", f"http-{page.status}"
            self.summary.skipped[reason] += 1
        elif kind == "doc":
            doc = value
            try:
                outcome = self.sink.add(self.attachments.prepare(doc, pend.sha))
            except Exception as exc:  # noqa: BLE001 - reported, the batch continues
                outcome, reason = "failed", f"{type(exc).__name__}: {exc}"
                self.fail(SourceError(page.source, page.offset, page.url, "index", reason))
                doc = None
            else:
                if outcome == "indexed":
                    self.summary.indexed += 1
                elif outcome == "updated":
                    self.summary.updated += 1
                else:
                    self.summary.unchanged += 1
        elif kind == "skip":
            outcome, reason = "skipped", str(value)
            self.summary.skipped[_reason_key(reason)] += 1
            self.summary.example("skipped", page.url or page.path or page.source, reason)
        else:
            reason = str(value)
            self.fail(SourceError(page.source, page.offset, page.url, "parse", reason))
        cap = Capture(url=page.url, sha256=pend.sha, doc_id=getattr(doc, "id", None), crawl_date=page.date,
                      imported=now_iso(), status_code=page.status, content_type_served=page.content_type,
                      charset=charset_of(page.content_type) or getattr(getattr(doc, "source", None), "encoding",
                                                                       None),
                      hash=page.warc_digest or page.sha1_digest, content_length=len(page.payload),
                      record_type=page.record_type, record_id=page.record_id, refers_to=page.refers_to,
                      source_file_path=page.source, source_file_offset=page.offset, store=pend.store,
                      store_key=pend.store_key, store_offset=pend.store_offset, store_length=pend.store_length,
                      http_headers=json.dumps(page.headers, ensure_ascii=False) if page.headers else None,
                      parser_version=self.parser_version, outcome=outcome, reason=reason)
        cid = self.catalog.add(cap)
        for entry in self._inflight.pop(pend.key, []):
            self.catalog.add_date(cid, *entry)
        self._since_commit += 1
        return doc

    def _add_indexed(self, doc) -> None:
        """Re-index one document outside a capture (an attachment whose parents changed)."""
        try:
            self.sink.add(doc)
        except Exception as exc:  # noqa: BLE001 - reported, the run finishes
            self.fail(SourceError(doc.url or "", None, doc.url, "index", f"{type(exc).__name__}: {exc}"))

    def _jobs_of(self, batch: list[_Pending]) -> list[tuple[bytes, str | None, str | None, str | None]]:
        return [(p.page.payload, p.page.url, p.page.path, p.page.content_type) for p in batch]

    def process(self, items: Iterable[RawPage | SourceError], *,
                on_batch_done: Callable[[RawPage], None] | None = None) -> None:
        """Admit, parse (pool, double-buffered) and index a stream of pages."""
        pending_batch: list[_Pending] = []
        last_page: RawPage | None = None
        inflight = None  # (batch, async result, last page of the batch)

        def drain(flight) -> None:
            batch, res, last = flight
            for pend, result in zip(batch, res.get(), strict=True):
                self._finish(pend, result)
            if on_batch_done is not None and last is not None:
                on_batch_done(last)
            self.commit()
            self.progress.update()

        def submit(batch: list[_Pending], last: RawPage | None):
            return (batch, self.router.map_async(self.pool, _parse_one, self._jobs_of(batch)), last)

        for item in items:
            if isinstance(item, SourceError):
                self.fail(item)
                continue
            last_page = item
            pend = self._admit(item, "blob")
            if pend is not None:
                pending_batch.append(pend)
            if len(pending_batch) >= self.batch:
                nxt = submit(pending_batch, last_page)
                if inflight is not None:
                    drain(inflight)
                inflight, pending_batch = nxt, []
            elif pend is None and inflight is None and on_batch_done is not None and not pending_batch:
                on_batch_done(item)  # nothing outstanding: the checkpoint may move
        if inflight is not None:
            drain(inflight)
        if pending_batch or last_page is not None:
            drain(submit(pending_batch, last_page))

    # -- inputs ---------------------------------------------------------------------------

    def import_paths(self, paths: Iterable[Path | str], *, base_url: str | None = None) -> Summary:
        units, errors = expand_inputs(paths)
        for err in errors:
            self.fail(err)
        self.progress.files_total = len(units)
        self.progress.bytes_total = sum(u.size for u in units)
        k = 0
        while k < len(units):
            if units[k].kind == "file":  # a run of single-page files is one stream of batches
                end = k
                while end < len(units) and units[end].kind == "file":
                    end += 1
                self._import_files(units[k:end], base_url)
                k = end
            else:
                self._import_unit(units[k], base_url)
                k += 1
        return self.summary

    def _resume_point(self, unit: Unit, source: str) -> int | None:
        """Where to start reading ``unit``: its checkpoint's offset, 0, or None when an earlier run
        finished it (same size and mtime; counted, not read again)."""
        cp = self.catalog.checkpoint(source)
        if cp is None or cp["size"] != unit.size or cp["mtime"] != unit.mtime:
            return 0
        if cp["done"]:
            self.summary.files_skipped += 1
            self._advance(unit, done=True)
            return None
        return cp["resume"] or 0

    def _import_files(self, group: list[Unit], base_url: str | None) -> None:
        """Single-page files, read as one stream so parsing is batched and overlaps indexing.

        Fed one at a time, each page waited for its own round trip to a parser process: with
        two parsers a folder imported slower than with none. A file is checkpointed as done
        once the batch holding its page (or a later one) has been indexed.
        """
        order: dict[str, int] = {}
        todo: deque[tuple[Unit, str, int]] = deque()

        def stream() -> Iterator[RawPage | SourceError]:
            for unit in group:
                source = str(unit.path.resolve())
                if self._resume_point(unit, source) is None:
                    continue
                order[source] = len(order)
                todo.append((unit, source, order[source]))
                items = iter_unit(unit, base_url=base_url, limits=self.limits, start=0, revisits=self.revisits)
                yield from _with_source(items, unit, source)

        def finish(upto: int | None) -> None:
            while todo and (upto is None or todo[0][2] <= upto):
                unit, source, _ = todo.popleft()
                self._checkpoints[source] = (unit, 0, True)
                self._advance(unit, done=True)

        self.process(stream(), on_batch_done=lambda page: finish(order.get(page.source, -1)))
        finish(None)
        self.commit()

    def _import_unit(self, unit: Unit, base_url: str | None) -> None:
        """An archive (WARC, zip, tar): its records in batches, checkpointed by offset."""
        source = str(unit.path.resolve())
        start = self._resume_point(unit, source)
        if start is None:
            return
        items = iter_unit(unit, base_url=base_url, limits=self.limits, start=start, revisits=self.revisits)
        base_bytes = self.progress.bytes_done

        def moved(page: RawPage) -> None:
            if page.next_offset is not None:
                self._checkpoints[source] = (unit, page.next_offset, False)
                if unit.kind == "warc":
                    self.progress.bytes_done = base_bytes + min(page.next_offset, unit.size)

        self.process(_with_source(items, unit, source), on_batch_done=moved)
        self._checkpoints[source] = (unit, 0, True)
        self._advance(unit, done=True, base=base_bytes)
        self.commit()

    def _advance(self, unit: Unit, done: bool, base: int | None = None) -> None:
        self.progress.files_done += 1
        self.progress.bytes_done = (base if base is not None else self.progress.bytes_done) + unit.size
        self.progress.update()

    # -- fetched pages (crawl, URL lists, sitemaps) ---------------------------------------

    def store_fetch(self, result: FetchResult) -> tuple[RawPage | None, Written | None]:
        """Write a fetch to the WARC archive; the final response as a page, or None."""
        if not result.hops:
            return None, None
        revisit_of = None
        final = result.hops[-1]
        url = result.final_url or result.url
        if result.ok and not result.not_modified:
            known = self.catalog.find(url, hashlib.sha256(result.payload).hexdigest())
            raw_digest = RawPage(url, final.body).sha1_digest
            if known is not None and known.record_id and known.hash == raw_digest:
                revisit_of = (raw_digest, known.record_id, url, known.crawl_date or "")
        written = self.archive.warcs.write_fetch(result, revisit_of=revisit_of)
        if not written or result.error or result.not_modified:
            return None, None
        resp = written[-1]
        page = result.to_raw_page()
        page.source, page.offset, page.length = resp.file, resp.offset, resp.length
        page.record_id, page.record_type = resp.record_id, resp.record_type
        if revisit_of is not None:
            page.refers_to = revisit_of[1]
        page.date = resp.date
        if result.hops[-1].body == page.payload:
            page.warc_digest = resp.payload_digest
        return page, resp

    def on_fetch(self, result: FetchResult, depth: int = 0) -> object | None:
        """Crawler callback: archive, parse in-process (the crawl is network-bound), index."""
        page, written = self.store_fetch(result)
        if result.not_modified:
            self.summary.read += 1
            self.summary.unchanged += 1
            return self._stored_copy(result)
        if page is None:
            if result.error and result.stage != "robots":
                self.summary.read += 1
                self.fail(SourceError(result.url, None, result.url, result.stage, result.error))
            elif result.stage == "robots":
                self.summary.skipped["robots.txt"] += 1
            return None
        pend = self._admit(page, "warc", written)
        etag, lm = result.header("ETag"), result.header("Last-Modified")
        if pend is None:
            return None
        doc = self._finish(pend, _parse_one(self._jobs_of([pend])[0]))
        cap = self.catalog.latest(page.url) if page.url else None
        if cap is not None and (etag or lm):
            self.catalog.set_validators(page.url, etag, lm, cap.id)
        self.progress.update()
        return doc

    def _stored_copy(self, result: FetchResult) -> object | None:
        """A 304 answer: the archived payload stands in, so the crawl can still follow its links."""
        _, _, cid = self.catalog.validators(result.url)
        cap = self.catalog.get(cid) if cid is not None else None
        stored = self.archive.load(cap.store, cap.store_key, cap.store_offset) if cap and cap.store else None
        if stored is None:
            return None
        result.payload = stored.payload
        result.content_type = result.content_type or cap.content_type_served
        kind, value = _parse_one((stored.payload, result.url, None, cap.content_type_served))
        return value if kind == "doc" else None

    def validators(self, url: str) -> tuple[str | None, str | None]:
        etag, lm, _ = self.catalog.validators(url)
        return etag, lm


def _with_source(items: Iterator[RawPage | SourceError], unit: Unit, source: str) -> Iterator[RawPage | SourceError]:
    """Pages and errors of one unit with the resolved source path (stable checkpoint key)."""
    for item in items:
        if isinstance(item, RawPage) and unit.kind == "file":
            item.source = source
        elif isinstance(item, RawPage) and item.source == str(unit.path):
            item.source = source
        elif isinstance(item, SourceError) and item.source == str(unit.path):
            item.source = source
        yield item


def _comparable(date: str) -> str:
    """ISO dates from WARC (``…Z``, maybe fractional) and files compare as text once trimmed."""
    return date.replace("Z", "").replace("+00:00", "")[:19]


def _reason_key(reason: str) -> str:
    """Group skip reasons for the summary: the English part in parentheses when there is one."""
    if "(" in reason and reason.rstrip().endswith(")"):
        return reason[reason.rfind("(") + 1:-1].strip() or reason
    return reason[:80]


# ---------------------------------------------------------------------------------------------
# rebuilding the index from the archive alone


def reindex(data_dir: Path | str, *, jobs: int | None = None, batch: int = 64, progress: Progress | None = None,
            sink_factory: Callable[[Path], object] | None = None) -> Summary:
    """Rebuild ``<data>/index`` from the archive and catalog only (no network, no inputs).

    The new index is built beside the old one (``<data>/.reindex/index``) while the old one stays
    searchable and write-locked; only a complete rebuild replaces it, so a crash leaves the old
    index in place.
    """
    import shutil

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
    registry = Registry(data)
    router = BatchRouter(jobs or os.cpu_count() or 1)
    sink = sink_factory(tmp)
    version = parser_version()
    pool = _Serial() if (jobs or os.cpu_count() or 1) <= 1 else \
        multiprocessing.get_context("spawn").Pool(jobs or os.cpu_count())
    try:
        caps = list(catalog.latest_per_url())
        progress.files_total = 0
        progress.bytes_total = len(caps)

        def run_batch(chunk: list[tuple[Capture, RawPage]]) -> None:
            # attachments extracted by the current code are not extracted (or OCRed) again
            reuse = [registry.stored_current(c.sha256) if attachment_format(p.payload[:8192], c.url, p.path,
                                                                            c.content_type_served) else None
                     for c, p in chunk]
            jobs_ = [(p.payload, c.url, p.path, c.content_type_served) for (c, p), r in zip(chunk, reuse, strict=True)
                     if r is None]
            parsed = iter(router.map_async(pool, _parse_one, jobs_).get())
            results = [("doc", r) if r is not None else next(parsed) for r in reuse]
            for (cap, _page), (kind, value) in zip(chunk, results, strict=True):
                summary.read += 1
                outcome, reason = "failed", None
                if kind == "doc":
                    outcome = sink.add(registry.prepare(value, cap.sha256))
                    summary.indexed += 1
                elif kind == "skip":
                    outcome, reason = "skipped", str(value)
                    summary.skipped[_reason_key(reason)] += 1
                else:
                    reason = str(value)
                    summary.failed["parse"] += 1
                    report.write(SourceError(cap.source_file_path or "", cap.source_file_offset, cap.url,
                                             "parse", reason))
                catalog.db.execute("UPDATE captures SET outcome = ?, reason = ?, parser_version = ? WHERE id = ?",
                                   (outcome, reason, version, cap.id))
            progress.records = progress.bytes_done = summary.read
            progress.update()

        chunk: list[tuple[Capture, RawPage]] = []
        for cap in caps:
            try:
                page = archive.load(cap.store or "", cap.store_key or "", cap.store_offset)
            except OSError as exc:
                page = None
                msg = str(exc)
            else:
                msg = "bản lưu không đọc được (stored copy unreadable)"
            if page is None:
                summary.failed["store"] += 1
                report.write(SourceError(cap.store_key or "", cap.store_offset, cap.url, "store", msg))
                continue
            page.path = cap.url and cap.url.rsplit("/", 1)[-1] or None
            chunk.append((cap, page))
            if len(chunk) >= batch:
                run_batch(chunk)
                chunk = []
        if chunk:
            run_batch(chunk)
        registry.flush(sink.add)
        sink.close()
        live.close()
        old = data / "index.old"
        shutil.rmtree(old, ignore_errors=True)
        if (data / "index").exists():
            os.replace(data / "index", old)
        os.replace(tmp / "index", data / "index")
        catalog.commit()
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
    finally:
        pool.close()
        pool.join()
        router.close()
        registry.close()
        catalog.close()
        archive.close()
        report.close()
        progress.done()
    summary.seconds = time.monotonic() - t0
    return summary
