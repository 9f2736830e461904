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
* **Fast on few cores.** With ``--jobs N`` (N ≥ 2) N worker processes each parse batches of pages
  *and* index them into segments of their own (:mod:`index.parallel`); at each commit the main
  process, which holds the index lock, adopts those segments (Whoosh merges them like any
  segment) in the same step that commits the catalog and checkpoints. The main process reads
  the inputs, archives, catalogues and decides each document's outcome (new, updated, unchanged)
  in input order, so the result is the one a single writer gives. ``--jobs 1`` does everything
  in one process.
* **Honest reporting.** Every failure becomes one JSONL line (source, offset, URL, stage, message);
  a summary counts read, indexed, updated, unchanged, revisits, skipped and failed by reason.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from index.attachdocs import attachment_format
from index.attachextract import BatchRouter, extract_document
from index.attachregistry import Registry
from index.catalog import Capture, Catalog
from index.parallel import Batches, WriterPool, clear_leftovers
from index.report import ErrorReport, Progress, Summary, _reason_key, now_iso
from index.reserve import SpaceReserve
from index.store import Archive, Written
from ingest.attachlinks import bundle_members, is_bundle, with_bundles
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


def charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.lower() == "charset" and v:
            return v.strip().strip("\"'").lower()
    return None


# ---------------------------------------------------------------------------------------------
# parsing (in the worker processes, or in the main one with --jobs 1)


def _parse_one(job: tuple[bytes, str | None, str | None, str | None]):
    """Worker: ``("doc", Document)`` | ``("skip", reason)`` | ``("fail", message)``."""
    from ingest.parse import SkipPage, parse_page

    data, url, path, ctype = job[:4]
    fmt = attachment_format(data, url, path, ctype)
    if fmt is not None:  # a PDF/Word/Excel file: extracted in an isolated worker (index.attachdocs)
        return extract_document(data, url, path, ctype, fmt)
    try:
        return ("doc", parse_page(data, url=url, path=path, content_type=ctype))
    except SkipPage as exc:
        return ("skip", str(getattr(exc, "reason", None) or exc))
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the batch
        return ("fail", f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------------------------------------
# the pipeline


class _IndexFailure(Exception):
    """A writer process's message about a document it could not index."""


@dataclass
class _Pending:
    page: RawPage
    sha: str
    store: str
    store_key: str
    store_offset: int | None
    store_length: int | None
    key: tuple[str | None, str]
    to_blob: bool = False  # the payload is to be stored in the blob store by the writer process


#: A run that indexed at least this many documents ends with the index merged into one segment
#: (:meth:`Ingestor._optimize_if_bulk`; ``tracuu ingest --no-optimize`` skips it).
OPTIMIZE_AFTER = 10_000


class Ingestor:
    """Owns the archive, catalog, index writer, parser pool and report of one run."""

    def __init__(self, data_dir: Path | str, *, jobs: int | None = None, batch: int = 64,
                 commit_every: int = 1000, commit_seconds: float = 300.0, limits: Limits = DEFAULT_LIMITS,
                 progress: Progress | None = None, sink_factory: Callable[[Path], object] | None = None,
                 warc_info: dict[str, str] | None = None, max_warc: int | None = None,
                 optimize_after: int | None = OPTIMIZE_AFTER) -> None:
        self.data = Path(data_dir)
        self.optimize_after = optimize_after
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
        self.reserve = SpaceReserve(self.data)
        self.reserve.ensure()
        if sink_factory is None:
            from index.writer import IndexWriterSink

            sink_factory = IndexWriterSink
        self.sink = sink_factory(self.data)
        self.report = ErrorReport(self.data)
        self.attachments = Registry(self.data)
        self.router = BatchRouter(self.jobs)  # attachments to isolated extraction workers
        self.summary = Summary(report_path=self.report.path)
        self.parser_version = parser_version()
        self._writers: WriterPool | None = None
        segments = hasattr(self.sink, "claim")  # the Whoosh writer adopts segments; a cluster's does not
        if self.jobs > 1 and segments:
            clear_leftovers(self.data)  # segment folders of a killed run (the index lock is ours)
            self._writers = WriterPool(self.data, self.jobs, schema=getattr(self.sink, "schema", None))
        self._batches = Batches(self._writers, self._batch_done,
                                parsers=self.jobs if self.jobs > 1 and not segments else 1)
        self._committing = False
        self._since_commit = 0
        self._flush_at = 0
        self._last_commit = time.monotonic()
        self._inflight: dict[tuple[str | None, str], list[tuple[str | None, str, int | None]]] = {}
        #: attachment doc id → its captures of this run, indexed at the end (Registry.flush)
        self._deferred: dict[str, list[int]] = {}
        self._checkpoints: dict[str, tuple[Unit, int, bool]] = {}
        self._t0 = time.monotonic()
        self.revisits = RevisitIndex(resolver=self._resolve_from_catalog)

    # -- plumbing -------------------------------------------------------------------------

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
        """Commit the index and the catalog together when due (every ``commit_every`` pages or
        ``commit_seconds``) or when forced. With writer processes the commit happens once every
        batch sent before it is handled: forced, it waits for that; otherwise the workers go on
        with later batches meanwhile (:class:`index.parallel.Batches`)."""
        due = force or self._since_commit >= self.commit_every or \
            time.monotonic() - self._last_commit >= self.commit_seconds
        if not due or self._committing:
            return
        if force or not self._batches.flush_pending:
            self._flush_at = self._since_commit
            self._batches.request_flush(self._commit_now)
        if force:
            self._batches.drain()

    def _commit_now(self, folders: list[Path]) -> None:
        """Adopt the workers' segments, commit the index, then the captures and checkpoints of
        exactly the pages those segments hold (no later batch has been handled yet)."""
        self._committing = True
        try:
            for folder in folders:
                self.sink.adopt(folder)
            self.sink.commit()
            self.attachments.commit()
            when = now_iso()
            for source, (unit, resume, done) in self._checkpoints.items():
                self.catalog.set_checkpoint(source, size=unit.size, mtime=unit.mtime, resume=resume, done=done,
                                            when=when)
            self._checkpoints.clear()
            self.reserve.release_if_low()
            self.catalog.commit()
            self.reserve.ensure()  # the next index commit must again leave room for the catalog's
        finally:
            self._committing = False
        self._since_commit = max(0, self._since_commit - self._flush_at)
        self._last_commit = time.monotonic()

    def close(self) -> Summary:
        try:
            self._flush_attachments()  # attachments whose parents grew this run
            self.commit(force=True)
        except BaseException:
            # The index did not take the last batch (e.g. a full disk): its captures must not be
            # committed as indexed, or the next run would take them as done and never index them;
            # nor its attachments as registered (the next run would find them "already extracted").
            self.catalog.rollback()
            self.attachments.rollback()
            raise
        finally:
            self._batches.close()
            if self._writers is not None:
                self._writers.close()
            self.router.close()
            self.sink.close()
            self.attachments.close()
            self.catalog.close()
            self.archive.close()
            self.report.close()
            self.progress.done()
        self._optimize_if_bulk()
        self.summary.seconds = time.monotonic() - self._t0
        return self.summary

    def _optimize_if_bulk(self) -> None:
        """After a bulk import, merge the index into one segment (Whoosh's ``optimize``).

        Why: a search looks every query term up in every segment, and a bulk import leaves about
        as many segments as Whoosh's merge policy keeps (17 for the 39k-page corpus): a query the
        process had not seen cost p50 23 / p95 55 ms there, and 9.5 / 30 ms on the same index
        merged into one (bench/search.py --unique), for about 90 s of CPU once at the end of a
        6-minute import. Small imports skip it (the merge rewrites the whole index); a merge cut
        short (kill -9, full disk) leaves the committed segments as they were."""
        done = self.summary.indexed + self.summary.updated
        optimize = getattr(self.sink, "optimize", None)
        if self.optimize_after is None or done < self.optimize_after or optimize is None:
            return
        if self.progress.enabled:
            print(f"gộp chỉ mục thành một phân đoạn sau {done} tài liệu mới (merging the index into one "
                  "segment)…", file=self.progress.stream, flush=True)
        t0 = time.monotonic()
        try:
            optimize()
        except Exception as exc:  # noqa: BLE001 - the import is committed; only the merge failed
            log.warning("could not merge the index into one segment (searches stay correct, only slower): %s",
                        exc)
        else:
            log.info("index merged into one segment in %.0f s", time.monotonic() - t0)

    def __enter__(self) -> Ingestor:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc and exc[0] is not None and self._writers is not None:
            self._abort()
            return
        if exc and exc[0] is not None:
            self._batches.close(kill=True)
            self._batches = Batches(None, self._batch_done)
        self.close()

    def _abort(self) -> None:
        """After an error or Ctrl-C with writer processes: what they hold was never adopted, so
        nothing since the last commit is kept — not the index's pending deletions, not the
        catalog's rows — and the next run reads those pages again, exactly as after ``kill -9``."""
        try:
            self._writers.close(kill=True)
            self._writers = None
            self.sink.cancel()
            self.catalog.rollback()
            self.attachments.rollback()
        finally:
            self.router.close()
            self.attachments.close()
            self.catalog.close()
            self.archive.close()
            self.report.close()
            self.progress.done()
        self.summary.seconds = time.monotonic() - self._t0

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
        to_blob = False
        is_attachment = attachment_format(page.payload[:8192], page.url, page.path, page.content_type) is not None
        if written is not None:
            store_key, store_offset, store_length = written.file, written.offset, written.length
        elif self._writers is not None and not superseded and not is_attachment:
            # the writer process that parses the page stores it first (off the main process's path)
            store, store_key, store_offset, store_length, to_blob = "blob", sha, None, None, True
        else:
            store, store_key, store_offset, store_length = "blob", self.archive.blobs.put(page.payload, sha), None, None
        self._inflight[key] = []
        pend = _Pending(page, sha, store, store_key, store_offset, store_length, key, to_blob)
        if superseded:
            # an older capture than the indexed one: archived and catalogued, not indexed
            self._finish(pend, ("skip", "đã có bản thu mới hơn (superseded by a newer capture)"))
            return None
        same = self.attachments.duplicate(page.url, sha, is_attachment)
        if same is not None:  # this file was extracted before (another URL): index it once
            self._finish(pend, ("doc", same))
            return None
        return pend

    def _finish(self, pend: _Pending, result: tuple[str, object], folder: Path | None = None) -> object | None:
        """Record one page's outcome. ``result`` is the parser's (a Document, indexed here) or,
        from a writer process, ``(docnum, key, digest, id, encoding)`` of a document already in
        the segment of ``folder``: the sink claims it (decides new/updated/unchanged)."""
        page = pend.page
        kind, value = result
        doc = None
        doc_id = encoding = None
        deferred = False
        outcome, reason = "failed", None
        if page.status is not None and not (200 <= page.status < 300) and page.record_type != "revisit":
            outcome, reason = "skipped", f"http-{page.status}"
            self.summary.skipped[reason] += 1
            if kind == "doc" and folder is not None:  # indexed by the worker all the same: drop it
                self.sink.drop(folder, value[0])
        elif kind == "ifail":
            outcome, reason = "failed", str(value)
            self.fail(SourceError(page.source, page.offset, page.url, "index", reason))
        elif kind == "doc":
            try:
                if folder is not None:
                    docnum, key, digest, doc_id, encoding = value[:5]
                    outcome = self.sink.claim(key, digest, folder, docnum)
                    if len(value) > 5:  # the page's attachment links (index.parallel), for parents
                        self.attachments.record_links(key, *value[5])
                else:
                    # parents, links (index.attachdocs); an attachment is indexed once, at the end
                    # of the run (close), when every page linking it has been read
                    deferred = value.kind == "attachment"
                    doc = self.attachments.prepare(value, pend.sha, defer=deferred)
                    doc_id, encoding = doc.id, getattr(doc.source, "encoding", None)
                    outcome = "indexed" if deferred else self.sink.add(doc)
            except OSError:
                raise  # a full disk or an I/O error is not this page's fault: stop, commit nothing more
            except Exception as exc:  # noqa: BLE001 - reported, the batch continues
                outcome, reason = "failed", f"{type(exc).__name__}: {exc}"
                self.fail(SourceError(page.source, page.offset, page.url, "index", reason))
                doc = doc_id = None
            else:
                if deferred:  # counted, and its captures' outcome settled, when indexed (close)
                    pass
                elif outcome == "indexed":
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
        cap = Capture(url=page.url, sha256=pend.sha, doc_id=doc_id, crawl_date=page.date,
                      imported=now_iso(), status_code=page.status, content_type_served=page.content_type,
                      charset=charset_of(page.content_type) or encoding,
                      hash=page.warc_digest or page.sha1_digest, content_length=len(page.payload),
                      record_type=page.record_type, record_id=page.record_id, refers_to=page.refers_to,
                      source_file_path=page.source, source_file_offset=page.offset, store=pend.store,
                      store_key=pend.store_key, store_offset=pend.store_offset, store_length=pend.store_length,
                      http_headers=json.dumps(page.headers, ensure_ascii=False) if page.headers else None,
                      parser_version=self.parser_version, outcome=outcome, reason=reason)
        cid = self.catalog.add(cap)
        if deferred and outcome == "indexed":
            self._deferred.setdefault(doc_id, []).append(cid)
        for entry in self._inflight.pop(pend.key, []):
            self.catalog.add_date(cid, *entry)
        self._since_commit += 1
        return doc

    def _flush_attachments(self) -> None:
        """Index the attachments deferred to the end of the run (:meth:`Registry.flush`): in the
        writer processes when there are some (17,000 of them took minutes in this process while
        the writers waited), else here.

        With writer processes no commit happens until every one of them is claimed: the registry
        marks each attachment done as it is handed over, and that mark may only become durable
        in the commit that adopts the segment holding it (kill -9 then leaves them to be flushed
        again by the next run)."""
        if self._writers is None:
            self.attachments.flush(self._add_indexed)
            return
        pending: list = []

        def send() -> None:
            if pending:
                docs = list(pending)
                pending.clear()
                self._batches.submit_documents(docs, ("attachments", docs, None))

        def add(doc) -> None:
            pending.append(doc)
            if len(pending) >= self.batch:
                send()

        self._committing = True  # no commit before the last claim (see above)
        try:
            self.attachments.flush(add)
            send()
            self._batches.drain()
        finally:
            self._committing = False

    def _attachments_done(self, docs: list, results: list, folder: Path) -> None:
        """Attachments indexed by a writer process: each claimed as :meth:`_add_indexed` adds."""
        for doc, (kind, value) in zip(docs, results, strict=True):
            if kind == "doc":
                self._add_indexed(doc, (value[1], value[2], folder, value[0]))
            else:
                self._add_indexed(doc, failure=str(value))
        self.progress.update()

    def _add_indexed(self, doc, claim: tuple | None = None, failure: str | None = None) -> None:
        """Index an attachment at the end of the run (:meth:`Registry.flush`): one read this run
        (its captures get their outcome and are counted now) or one whose parents changed."""
        captures = self._deferred.pop(doc.id, None)
        try:
            if failure is not None:  # the writer process could not index it
                raise _IndexFailure(failure)
            outcome = self.sink.claim(*claim) if claim is not None else self.sink.add(doc)
        except Exception as exc:  # noqa: BLE001 - reported, the run finishes
            reason = str(exc) if isinstance(exc, _IndexFailure) else f"{type(exc).__name__}: {exc}"
            self.fail(SourceError(doc.url or "", None, doc.url, "index", reason))
            for cid in captures or ():
                self.catalog.set_outcome(cid, "failed", reason)
            return
        if captures is None:
            return
        if outcome == "indexed":
            self.summary.indexed += 1
        elif outcome == "updated":
            self.summary.updated += 1
        else:
            self.summary.unchanged += 1
        for cid in captures:
            if outcome != "indexed":
                self.catalog.set_outcome(cid, outcome)

    def _jobs_of(self, batch: list[_Pending]) -> list[tuple]:
        """Parser jobs ``(payload, url, path, content type[, (blob root, sha256)])``."""
        root = str(self.archive.blobs.root)
        return [(p.page.payload, p.page.url, p.page.path, p.page.content_type, (root, p.sha)) if p.to_blob else
                (p.page.payload, p.page.url, p.page.path, p.page.content_type) for p in batch]

    def _batch_done(self, context, results, folder: Path | None) -> None:
        """A batch came back (in submission order): record each page, move the checkpoint."""
        if context[0] == "attachments":
            self._attachments_done(context[1], results, folder)
            return
        batch, last, on_batch_done = context
        for pend, result in zip(batch, results, strict=True):
            self._finish(pend, result, folder)
        if on_batch_done is not None and last is not None:
            on_batch_done(last)
        self.commit()
        self.progress.update()

    def process(self, items: Iterable[RawPage | SourceError], *,
                on_batch_done: Callable[[RawPage], None] | None = None) -> None:
        """Admit, parse and index a stream of pages, in batches (in the writer processes, a few
        batches ahead, with ``--jobs`` ≥ 2)."""
        pending_batch: list[_Pending] = []
        attachments: list[_Pending] = []  # extracted here, in isolated workers (index.attachdocs)
        last_page: RawPage | None = None
        for item in with_bundles(items):  # a .zip bundle is followed by its attachment members
            if isinstance(item, SourceError):
                self.fail(item)
                continue
            last_page = item
            pend = self._admit(item, "blob")
            if pend is not None:
                if attachment_format(pend.page.payload[:8192], pend.page.url, pend.page.path, pend.page.content_type):
                    attachments.append(pend)
                else:
                    pending_batch.append(pend)
            if len(attachments) >= self.router.jobs * 4 or (attachments and len(pending_batch) >= self.batch):
                self._extract(attachments)  # before any later batch can move a checkpoint past them
                attachments = []
            if len(pending_batch) >= self.batch:
                self._batches.submit(self._jobs_of(pending_batch), (pending_batch, last_page, on_batch_done))
                pending_batch = []
            elif pend is None and not self._batches.flights and on_batch_done is not None and not pending_batch:
                on_batch_done(item)  # nothing outstanding: the checkpoint may move
        if attachments:
            self._extract(attachments)
        if pending_batch or last_page is not None:
            self._batches.submit(self._jobs_of(pending_batch), (pending_batch, last_page, on_batch_done))
        self._batches.drain()

    def _extract(self, batch: list[_Pending]) -> None:
        """Attachments, ``--jobs`` at a time, each in an isolated worker with time and memory
        limits (writer processes are daemonic and may not start those workers)."""
        results = self.router.map_async(None, _parse_one, self._jobs_of(batch)).get()
        for pend, result in zip(batch, results, strict=True):
            self._finish(pend, result)
        self.progress.update()

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
        if is_bundle(page.payload, page.url, page.path):  # a .zip of attachments: each member too
            self.process(bundle_members(page))
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


def reindex(*args, **kwargs) -> Summary:
    """:func:`index.reindex.reindex` (kept here for callers of the former single module)."""
    from index.reindex import reindex as run

    return run(*args, **kwargs)
