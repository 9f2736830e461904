"""Extraction in worker processes with hard limits, so a hostile file cannot hang or sink an import.

PDFium, lxml and openpyxl run C code that no Python-level timeout can interrupt, and a crafted file
can make them loop or allocate without bound. Each worker is a separate process in its own process
group (so the ``tesseract``/``antiword`` programs it starts die with it) whose address space is capped
with ``RLIMIT_AS`` at what it uses after start-up plus ``Limits.memory_mb``; the parent waits at most
``Limits.seconds`` (plus a grace second) for an answer and otherwise kills the whole group and starts
a fresh worker. Workers come from a forkserver, so starting one costs a fork, not a fresh interpreter,
and the parent's threads are never forked.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import resource
import signal
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from ingest.attachments.errors import AttachmentError, BrokenFileError, MemoryLimitError, TimeLimitError
from ingest.attachments.model import Extracted, Limits

log = logging.getLogger(__name__)

_GRACE = 2.0
_CTX: Any = None


def _context():
    global _CTX
    if _CTX is None:
        try:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["ingest.attachments.core", "ingest.attachments.pdf",
                                        "ingest.attachments.office", "lxml.etree"])
        except ValueError:                   # no forkserver on this platform
            ctx = mp.get_context("spawn")
        _CTX = ctx
    return _CTX


def _vm_size() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _worker_main(conn, memory_mb: int) -> None:
    """Serve extraction requests until the pipe closes; the limits hold for the worker's life."""
    os.setsid()                              # own process group: killing it kills tesseract too
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ingest.attachments.core import extract  # noqa: PLC0415 - loaded in the worker

    limit = _vm_size() + memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError) as exc:
        log.warning("cannot set RLIMIT_AS: %s", exc)
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        if req is None:
            return
        data, name, ctype, limits, ocr, jobs = req
        try:
            res: tuple = ("ok", extract(data, name, ctype, limits=limits, ocr=ocr, jobs=jobs))
        except AttachmentError as exc:
            res = ("err", exc)
        except MemoryError:
            res = ("err", MemoryLimitError(f"> {memory_mb} MB"))
        except Exception as exc:             # noqa: BLE001 - a library bug on a bad file: report it, go on
            res = ("err", BrokenFileError(f"{type(exc).__name__}: {exc}"))
        del req, data
        try:
            conn.send(res)
        except MemoryError:
            conn.send(("err", MemoryLimitError(f"> {memory_mb} MB")))


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, memory_mb: int) -> None:
        ctx = _context()
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.memory_mb = memory_mb

    def run(self, data: bytes, name: str, ctype: str | None, limits: Limits, ocr: bool, jobs: int) -> Extracted:
        try:
            self.conn.send((data, name, ctype, limits, ocr, jobs))
        except (BrokenPipeError, OSError):
            self.kill()
            raise BrokenFileError("tiến trình trích xuất đã dừng (the extraction worker died)") from None
        if not self.conn.poll(limits.seconds + _GRACE):
            self.kill()
            raise TimeLimitError(f"quá {limits.seconds:g} giây, đã dừng tiến trình trích xuất "
                                 f"(over {limits.seconds:g} s, worker killed)")
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError):
            code = self.proc.exitcode
            self.kill()
            if code is not None and code < 0 and -code in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT):
                raise MemoryLimitError(f"tiến trình bị dừng bởi tín hiệu {-code} (worker died, signal {-code})") \
                    from None
            raise BrokenFileError("tiến trình trích xuất đã dừng bất thường (the extraction worker crashed)") \
                from None
        if status == "ok":
            return value
        raise value

    @property
    def alive(self) -> bool:
        return self.proc.is_alive()

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def close(self) -> None:
        try:
            self.conn.send(None)
            self.proc.join(2)
        except (BrokenPipeError, OSError):
            pass
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


class ExtractPool:
    """``jobs`` isolated workers; a worker that was killed is replaced for the next file.

    Use as a context manager; ``run`` is thread-safe (each call borrows one worker).
    """

    def __init__(self, jobs: int = 1, limits: Limits | None = None, ocr: bool = True, ocr_jobs: int = 1) -> None:
        self.jobs = max(1, jobs)
        self.limits = limits or Limits()
        self.ocr, self.ocr_jobs = ocr, max(1, ocr_jobs)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._all: list[_Worker] = []
        self._slots = threading.Semaphore(self.jobs)
        self._lock = threading.Lock()

    def __enter__(self) -> ExtractPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _borrow(self) -> _Worker:
        try:
            while True:
                w = self._idle.get_nowait()
                if w.alive:
                    return w
        except queue.Empty:
            pass
        w = _Worker(self.limits.memory_mb)
        with self._lock:
            self._all.append(w)
        return w

    def run(self, data: bytes, name: str, content_type: str | None = None, *, limits: Limits | None = None,
            ocr: bool | None = None, jobs: int | None = None) -> Extracted:
        with self._slots:
            w = self._borrow()
            try:
                return w.run(data, name, content_type, limits or self.limits,
                             self.ocr if ocr is None else ocr, jobs or self.ocr_jobs)
            finally:
                if w.alive:
                    self._idle.put(w)

    def map(self, items: Iterable[tuple[bytes, str, str | None]]) -> Iterator[Extracted | AttachmentError]:
        """Results in input order: an ``Extracted`` or the ``AttachmentError`` raised for that item."""
        from concurrent.futures import ThreadPoolExecutor

        def one(item):
            data, name, ctype = item
            try:
                return self.run(data, name, ctype)
            except AttachmentError as exc:
                return exc
        with ThreadPoolExecutor(max_workers=self.jobs) as ex:
            yield from ex.map(one, items)

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            w.close()


def extract_isolated(data: bytes, name: str, content_type: str | None = None, *, limits: Limits | None = None,
                     ocr: bool = True, jobs: int = 1) -> Extracted:
    """``extract`` in a fresh worker process: at most ``limits.seconds`` and ``limits.memory_mb``."""
    limits = limits or Limits()
    w = _Worker(limits.memory_mb)
    try:
        return w.run(data, name, content_type, limits, ocr, jobs)
    finally:
        if w.alive:
            w.close()


def extract_many(items: Iterable[tuple[bytes, str, str | None]], *, limits: Limits | None = None,
                 ocr: bool = True, jobs: int = 1) -> Iterator[Extracted | AttachmentError]:
    """Extract many files in ``jobs`` isolated workers; results (or errors) in input order."""
    with ExtractPool(jobs, limits, ocr) as pool:
        yield from pool.map(items)
