"""Parallel index writers: segments written in other processes (or machines), adopted by the one
index writer.

Why: one Whoosh writer per index (a file lock) used to do all the indexing of an import — about
two thirds of its time — while more cores only sped up parsing. Whoosh indexes are lists of
immutable segments, and merging segments is how Whoosh grows an index anyway; so any number of
processes can each write *segments* into folders of their own, and the process holding the index
lock adopts them: moves their files into the index folder and lists them in the next table of
contents, where Whoosh's merge policy merges them like any segment.

The API (also for the Spark job that builds segments in parallel partitions):

* :class:`SegmentBuilder` (``folder``) — ``add(doc)`` analyses and buffers one
  :class:`~ingest.document.Document` and returns ``(docnum, key, digest)`` (its number in the
  segment, its unique key — the URL — and its content hash); ``finish()`` writes the segment
  into ``folder`` (a complete one-segment Whoosh index, nothing else touched) and returns the
  folder, or None when nothing was added. It takes no lock: ``folder`` must be its own.
* :func:`write_segment` (``docs``, ``folder``) — the same for an iterator of Documents, e.g. one
  Spark partition: returns ``(folder or None, [(docnum, key, digest), ...])``.
* :meth:`index.writer.IndexWriterSink.claim` (``key``, ``digest``, ``folder``, ``docnum``) —
  in the process that holds the index (``IndexWriterSink(data_dir)``): decides ``indexed`` /
  ``updated`` / ``unchanged`` exactly as ``sink.add`` would, in the order claims are made (the
  newest version of a URL wins; an unchanged copy is dropped from its segment, a replaced one is
  deleted from the index or from its own segment). :meth:`~index.writer.IndexWriterSink.adopt`
  (``folder``) registers the finished folder; ``sink.commit()`` moves every registered segment
  into the index, applies the drops, and writes one table of contents (merging small segments).
  :meth:`~index.writer.IndexWriterSink.adopt_index` (``folder``) claims and registers a folder
  written elsewhere in one call, reading each document's key and hash back from the segment.
* :class:`WriterPool` — what ``tracuu ingest --jobs N`` / ``tracuu reindex --jobs N`` use: N
  processes that each parse batches of pages *and* add the documents to their own
  :class:`SegmentBuilder`; ``flush()`` makes every worker finish its segment (each folder is
  then adopted and committed together with the catalog and checkpoints, so ``kill -9``
  keeps its guarantees: a segment joins the index only through the commit that also records its
  captures; folders left by a killed run are removed when the next run opens the index). The
  same processes index Documents made elsewhere (``submit(docs, "docs")``: the attachments an
  import indexes at its end), so that work is spread over them too.

Folders live under ``<data>/.segments`` (same file system as the index, so adopting is a rename).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from ingest.document import Document

log = logging.getLogger(__name__)

#: Sub-folder of a data directory where workers write their segments.
SEGMENTS_SUBDIR = ".segments"
#: The pool size of a worker's segment writer: a worker's segment holds one commit interval's share
#: of pages (500 by default), so it rarely spills; kept low so N workers stay well under 1 GB.
WORKER_LIMITMB = 48


class SegmentBuilder:
    """Writes Documents as one segment into ``folder`` (see the module docstring)."""

    def __init__(self, folder: Path | str, *, limitmb: int = WORKER_LIMITMB, schema=None) -> None:
        """``schema``: the schema of the index the segment is for (an index written before a
        format change keeps its own); default the current one."""
        from index.schema import build_schema
        from index.writer import _new_writer

        self.folder = Path(folder)
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self._ix = whoosh_index.create_in(str(self.folder), schema if schema is not None else build_schema())
        self._writer = _new_writer(self._ix, limitmb)
        self._sugg_seen: set[str] = set()
        self.count = 0

    def add(self, doc: Document) -> tuple[int, str, str]:
        """Analyse and buffer ``doc``; ``(docnum in the segment, key, content hash)``."""
        from index.schema import content_hash, doc_key, document_fields

        key, digest = doc_key(doc), content_hash(doc)
        docnum = self._writer.docnum
        self._writer.add_document(**document_fields(doc, digest, self._sugg_seen))
        self.count += 1
        return docnum, key, digest

    def finish(self) -> Path | None:
        """Write the segment; the folder, or None (and no folder) when nothing was added."""
        if not self.count:
            self._writer.cancel()
            shutil.rmtree(self.folder, ignore_errors=True)
            return None
        self._writer.commit(merge=False)
        return self.folder

    def cancel(self) -> None:
        self._writer.cancel()
        shutil.rmtree(self.folder, ignore_errors=True)


def write_segment(docs: Iterable[Document], folder: Path | str, *, limitmb: int = WORKER_LIMITMB,
                  schema=None) -> tuple[Path | None, list[tuple[int, str, str]]]:
    """Every Document of ``docs`` as one segment in ``folder``: ``(folder or None, [(docnum, key,
    digest), ...])``. A Spark partition calls this; the driver adopts the folders."""
    builder = SegmentBuilder(folder, limitmb=limitmb, schema=schema)
    try:
        added = [builder.add(doc) for doc in docs]
    except BaseException:
        builder.cancel()
        raise
    return builder.finish(), added


def adopt_segments(writer, folders: Iterable[Path], drops: dict[str, set[int]]) -> int:
    """Move the segments of each folder into ``writer``'s index and append them to its segment
    list (the writer holds the index lock; its ``commit()`` then writes them into the table of
    contents). ``drops`` maps a folder to docnums deleted on the way. Returns documents adopted.

    The files are renamed before the table of contents that lists them is written: killed in
    between, they are unreferenced files that Whoosh's next commit removes.
    """
    from index import whoosh_compat

    storage_dir = Path(writer.storage.folder)
    adopted = 0
    for folder in folders:
        folder = Path(folder)
        ix = whoosh_index.open_dir(str(folder))
        segments = whoosh_compat.toc_segments(ix)
        gone = drops.get(str(folder), set())
        for seg in segments:
            for docnum in gone:
                seg.delete_document(docnum)
            live = seg.doc_count_all() - seg.deleted_count()
            if live <= 0:
                continue
            prefix = seg.segment_id() + "."
            for name in os.listdir(folder):
                if name.startswith(prefix):
                    try:
                        os.replace(folder / name, storage_dir / name)
                    except OSError:  # another file system (a folder written elsewhere)
                        shutil.move(str(folder / name), str(storage_dir / name))
            writer.segments.append(seg)
            adopted += live
        ix.close()
        shutil.rmtree(folder, ignore_errors=True)
    whoosh_compat.setup_doc_offsets(writer)
    return adopted


def schema_mismatch(ours, theirs) -> str | None:
    """Why a segment written with schema ``theirs`` cannot join an index of schema ``ours``
    (a field missing, or written in another format or by another analyzer), or None."""
    for name in ours.names():
        if name not in theirs:
            return f"field {name} missing"
        a, b = ours[name], theirs[name]
        if type(a.format) is not type(b.format) or type(getattr(a, "analyzer", None)) is not \
                type(getattr(b, "analyzer", None)) or a.stored != b.stored:
            return f"field {name}: {type(b.format).__name__} instead of {type(a.format).__name__}"
    extra = [n for n in theirs.names() if n not in ours]
    return f"unknown fields {extra}" if extra else None


def check_segment_schema(schema, folder: Path | str) -> None:
    """Refuse (ValueError) a segment folder written with another schema than ``schema``."""
    ix = whoosh_index.open_dir(str(folder))
    try:
        problem = schema_mismatch(schema, ix.schema)
    finally:
        ix.close()
    if problem:
        raise ValueError(f"phân đoạn {folder} không khớp lược đồ của chỉ mục (segment schema differs: "
                         f"{problem}); hãy dựng lại phân đoạn với lược đồ của chỉ mục hoặc chạy `tracuu reindex`")


def clear_leftovers(data_dir: Path | str) -> None:
    """Remove segment folders of an earlier run that was killed (never adopted: their pages were
    not committed to the catalog either, so they are read again)."""
    shutil.rmtree(Path(data_dir) / SEGMENTS_SUBDIR, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# worker processes


#: blob store per root, in a writer process
_BLOBS: dict[str, Any] = {}


def _parse_and_add(builder: SegmentBuilder, job) -> tuple[str, Any]:
    """One page: ``("doc", (docnum, key, digest, doc id, encoding))`` | ``("skip", reason)`` |
    ``("fail", message)`` (parsing) | ``("ifail", message)`` (indexing)."""
    from index.pipeline import _parse_one

    if len(job) > 4:  # archive the payload before parsing it, as the main process would
        from index.store import BlobStore

        root, sha = job[4]
        store = _BLOBS.get(root)
        if store is None:
            store = _BLOBS[root] = BlobStore(root)
        store.put(job[0], sha)
    kind, value = _parse_one(job)
    if kind != "doc":
        return kind, value
    try:
        docnum, key, digest = builder.add(value)
    except OSError:
        raise  # a full disk or an I/O error is not this page's fault: the whole import stops
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return "ifail", f"{type(exc).__name__}: {exc}"
    links = (value.title, [(a.title, a.url) for a in value.attachments])  # parents (index.attachdocs)
    return "doc", (docnum, key, digest, value.id, getattr(value.source, "encoding", None), links)


def _add_document(builder: SegmentBuilder, doc: Document) -> tuple[str, Any]:
    """One Document made elsewhere (an attachment at the end of a run): ``("doc", (docnum, key,
    digest))`` | ``("ifail", message)``."""
    try:
        return "doc", builder.add(doc)
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return "ifail", f"{type(exc).__name__}: {exc}"


def _worker(conn, limitmb: int, schema) -> None:
    """A worker's loop: ``("batch", folder, jobs)`` or ``("docs", folder, documents)`` →
    results; ``("flush",)`` → folder | None."""
    builder: SegmentBuilder | None = None
    try:
        while True:
            try:
                msg = conn.recv()
            except EOFError:  # the main process is gone
                break
            try:
                if msg[0] in ("batch", "docs"):
                    if builder is None or builder.folder != Path(msg[1]):
                        builder = SegmentBuilder(msg[1], limitmb=limitmb, schema=schema)
                    if msg[0] == "batch":
                        conn.send(("ok", [_parse_and_add(builder, job) for job in msg[2]]))
                    else:
                        conn.send(("ok", [_add_document(builder, doc) for doc in msg[2]]))
                elif msg[0] == "flush":
                    folder = builder.finish() if builder is not None else None
                    builder = None
                    conn.send(("ok", str(folder) if folder else None))
                else:
                    break
            except OSError as exc:  # e.g. a full disk: raised again as an OSError in the main process
                conn.send(("oserror", (exc.errno, exc.strerror or str(exc), traceback.format_exc())))
            except Exception:  # noqa: BLE001 - reported to the main process, which stops
                conn.send(("error", traceback.format_exc()))
    finally:
        if builder is not None:
            builder.cancel()
        conn.close()


class WorkerError(RuntimeError):
    """A writer process failed or died."""


class WriterPool:
    """N processes that parse and index batches into segments of their own (module docstring).

    Batches go to the worker with the fewest outstanding; each worker answers in order, and
    :meth:`results` hands a batch's results back once it is done. ``flush`` returns every
    worker's finished folder (after all batches sent before it).
    """

    def __init__(self, data_dir: Path | str, jobs: int, *, limitmb: int = WORKER_LIMITMB, schema=None) -> None:
        self.root = Path(data_dir) / SEGMENTS_SUBDIR
        self.jobs = jobs
        self.limitmb = limitmb
        self.schema = schema
        self.conns: list = []
        self.procs: list = []
        self.outstanding = [0] * jobs
        self.generation = [0] * jobs

    def _start(self) -> None:
        """Start the processes on first use (an import of URLs only never needs them)."""
        if self.procs:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        ctx = multiprocessing.get_context("spawn")
        for _ in range(self.jobs):
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_worker, args=(child, self.limitmb, self.schema), daemon=True)
            proc.start()
            child.close()
            self.conns.append(parent)
            self.procs.append(proc)

    def folder(self, worker: int) -> Path:
        return self.root / f"{os.getpid()}-w{worker}-{self.generation[worker]}"

    def submit(self, jobs: list, kind: str = "batch") -> tuple[int, Path]:
        """Send a batch to the least busy worker: ``(worker, segment folder it is written to)``.
        ``kind`` "docs": ``jobs`` are Documents to index as they are (no parsing)."""
        self._start()
        worker = min(range(self.jobs), key=self.outstanding.__getitem__)
        folder = self.folder(worker)
        self.conns[worker].send((kind, str(folder), jobs))
        self.outstanding[worker] += 1
        return worker, folder

    def _recv(self, worker: int):
        try:
            status, value = self.conns[worker].recv()
        except (EOFError, OSError) as exc:
            code = self.procs[worker].exitcode
            raise WorkerError(f"tiến trình ghi chỉ mục {worker} đã dừng (writer process died, exit {code})") from exc
        if status == "oserror":
            # an OSError with its errno, so a full disk in a writer process is reported as one
            # (the ``tracuu ingest`` message, exit code) rather than as a crash with a traceback
            errno_, strerror, tb = value
            log.debug("writer process %d:\n%s", worker, tb)
            raise OSError(errno_, f"tiến trình ghi chỉ mục {worker}: {strerror} (writer process)")
        if status != "ok":
            raise WorkerError(f"tiến trình ghi chỉ mục {worker} lỗi (writer process failed):\n{value}")
        return value

    def result(self, worker: int) -> list[tuple[str, Any]]:
        """The results of ``worker``'s oldest outstanding batch (waits for it)."""
        value = self._recv(worker)
        self.outstanding[worker] -= 1
        return value

    def send_flush(self) -> None:
        """Ask every worker to finish its segment once the batches sent so far are done; later
        batches go to new folders (the finished ones wait for the main process to adopt them)."""
        for worker, conn in enumerate(self.conns):
            conn.send(("flush",))
            self.generation[worker] += 1

    def flushed(self) -> list[Path]:
        """The folders of the flush sent earlier (call once every batch sent before it was
        collected with :meth:`result`)."""
        folders = []
        for worker in range(len(self.conns)):
            value = self._recv(worker)
            if value:
                folders.append(Path(value))
        return folders

    def flush(self) -> list[Path]:
        """Every worker finishes its segment; the folders written (no batch may be outstanding)."""
        assert not any(self.outstanding), "collect every batch's results before flushing"
        self.send_flush()
        return self.flushed()

    def close(self, kill: bool = False) -> None:
        for conn, proc in zip(self.conns, self.procs, strict=True):
            if kill:
                proc.kill()
            else:
                try:
                    conn.send(("stop",))
                except OSError:
                    pass
        for conn, proc in zip(self.conns, self.procs, strict=True):
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
                proc.join()
            conn.close()
        shutil.rmtree(self.root, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# batches in flight


class Batches:
    """Batches of pages to parse and index, results handed to ``on_done`` in submission order.

    With a :class:`WriterPool` each batch is parsed and indexed by a worker (at most
    ``per_worker`` batches queued per worker, so workers never wait for the main process); the
    results then carry ``(docnum, key, digest, id, encoding)`` and the batch's segment folder.
    Without one, pages are parsed here and the results carry Documents (folder None).

    A flush (:meth:`request_flush`) is a flight like a batch: the workers finish their segments
    after the batches sent before it and go on with the next ones, while the main process, once
    it has handled every earlier batch, adopts the segments and commits (``on_flushed``).
    """

    def __init__(self, writers: WriterPool | None, on_done, *, per_worker: int = 3, parsers: int = 1) -> None:
        """``parsers`` > 1 without ``writers``: a sink that cannot adopt segments (a search
        cluster's writer) still gets its pages parsed by that many processes, double-buffered."""
        self.writers = writers
        self.on_done = on_done
        self.pool = None
        if writers is None and parsers > 1:
            self.pool = multiprocessing.get_context("spawn").Pool(parsers)
        self.limit = per_worker * (writers.jobs if writers else 1) if self.pool is None else 2
        #: ("batch", worker, folder, context) | ("flush", None, None, on_flushed), oldest first
        self.flights: list[tuple[str, int | None, Path | None, Any]] = []
        self.flush_pending = False

    def submit(self, jobs: list, context: Any) -> None:
        from index.pipeline import _parse_one

        if self.pool is not None:
            self.flights.append(("parsed", None, None, (context, self.pool.map_async(_parse_one, jobs, chunksize=4))))
            while len(self.flights) >= self.limit:
                self._next()
            return
        if self.writers is None:
            self.on_done(context, [_parse_one(job) for job in jobs], None)
            return
        worker, folder = self.writers.submit(jobs)
        self.flights.append(("batch", worker, folder, context))
        while len(self.flights) >= self.limit:
            self._next()

    def submit_documents(self, docs: list, context: Any) -> None:
        """Documents already made (attachments at the end of a run) to the writer processes, a
        batch like :meth:`submit`'s: ``on_done(context, [("doc", (docnum, key, digest)) |
        ("ifail", message), ...], folder)`` in submission order."""
        assert self.writers is not None, "documents go to writer processes only"
        worker, folder = self.writers.submit(docs, "docs")
        self.flights.append(("batch", worker, folder, context))
        while len(self.flights) >= self.limit:
            self._next()

    def request_flush(self, on_flushed) -> None:
        """``on_flushed(folders)`` once every batch submitted so far has been handled."""
        if self.writers is None or not self.writers.procs:  # nothing to adopt: after the batches
            if self.flights:
                self.flights.append(("flush", None, None, on_flushed))
                self.flush_pending = True
            else:
                on_flushed([])
            return
        self.writers.send_flush()
        self.flush_pending = True
        self.flights.append(("flush", None, None, on_flushed))

    def _next(self) -> None:
        kind, worker, folder, context = self.flights.pop(0)
        if kind == "batch":
            self.on_done(context, self.writers.result(worker), folder)
        elif kind == "parsed":
            self.on_done(context[0], context[1].get(), None)
        else:
            folders = self.writers.flushed() if self.writers is not None and self.writers.procs else []
            self.flush_pending = any(f[0] == "flush" for f in self.flights)
            context(folders)

    def drain(self) -> None:
        """Wait for every batch and flush in flight (``on_done`` may submit or drain again)."""
        while self.flights:
            self._next()

    def close(self, kill: bool = False) -> None:
        """Stop the parser pool, if any (the writer pool is closed by its owner)."""
        if self.pool is not None:
            if kill:
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()
            self.pool = None

    def flush(self) -> list[Path]:
        """Drain, then every worker's finished segment folder (empty without workers)."""
        got: list[Path] = []
        self.request_flush(got.extend)
        self.drain()
        return got
