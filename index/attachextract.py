"""Extracting attachments in isolated worker processes, driven from the importing process.

Parser and writer pool processes are daemonic and may not start the workers that isolate an
extraction (each with its own time and memory limits, :mod:`ingest.attachments.isolate`); and an
attachment (OCR above all) takes far longer than a page, so it should not hold a parser either.
So attachments are extracted here, ``--jobs`` at a time, by persistent isolated workers.
"""

from __future__ import annotations

import os

from index.attachdocs import attachment_format, build_document, file_name


def _ocr_enabled() -> bool:
    """``TRACUU_OCR=0`` (``tracuu ingest --no-ocr``) records scans as "cần OCR" for ``tracuu ocr``."""
    return os.environ.get("TRACUU_OCR", "1") not in ("0", "no", "false")


_POOL = None
_POOL_JOBS = 1


def _extractor(jobs: int = 1):
    """This process's isolated extraction workers (:class:`ingest.attachments.ExtractPool`), kept
    between files: ``extract_isolated`` would start a worker per file, which cost more than the
    extraction of a typical DOCX. A worker that was killed (time or memory limit) is replaced."""
    global _POOL, _POOL_JOBS
    if _POOL is None or jobs > _POOL_JOBS:
        import atexit

        from ingest.attachments import ExtractPool

        if _POOL is not None:
            _POOL.close()
        _POOL, _POOL_JOBS = ExtractPool(jobs), jobs
        atexit.register(_POOL.close)
    return _POOL


class _Merged:
    """``.get()`` of a batch whose pages went to the parser pool and attachments to threads."""

    def __init__(self, n: int, page_idx: list[int], page_res, futures: dict[int, object]) -> None:
        self.n, self.page_idx, self.page_res, self.futures = n, page_idx, page_res, futures

    def get(self) -> list:
        out: list = [None] * self.n
        if self.page_res is not None:
            for i, value in zip(self.page_idx, self.page_res.get(), strict=True):
                out[i] = value
        for i, fut in self.futures.items():
            out[i] = fut.result()
        return out


class BatchRouter:
    """Sends a batch's pages to the parser pool and its attachments to isolated extraction workers
    driven from this process's threads.

    Why: parser pool workers are daemonic processes, which may not start the worker processes that
    isolate an extraction; and an attachment (OCR above all) takes far longer than a page, so it
    should not hold a parser process either. Results come back in input order, as ``map_async``'s.
    """

    def __init__(self, jobs: int) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.jobs = max(1, jobs)
        self.threads = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="attach")

    def map_async(self, pool, fn, jobs: list[tuple[bytes, str | None, str | None, str | None]]):
        fmts = [attachment_format(j[0][:8192], j[1], j[2], j[3]) for j in jobs]
        if not any(fmts):
            return pool.map_async(fn, jobs, chunksize=4)
        if pool is None:
            assert all(fmts), "pages need a parser pool"
        page_idx = [i for i, f in enumerate(fmts) if f is None]
        page_res = pool.map_async(fn, [jobs[i] for i in page_idx], chunksize=4) if page_idx else None
        _extractor(self.jobs)
        futures = {i: self.threads.submit(extract_document, *jobs[i], f) for i, f in enumerate(fmts) if f}
        return _Merged(len(jobs), page_idx, page_res, futures)

    def close(self) -> None:
        self.threads.shutdown(wait=True)


def extract_document(payload: bytes, url: str | None, path: str | None, content_type: str | None,
                     fmt: str, *, ocr: bool | None = None, jobs: int = 1) -> tuple[str, object]:
    """``("doc", Document)`` for an attachment, or ``("fail", message)``.

    Runs in an isolated worker (:func:`_extractor`, the ``extract_isolated`` machinery): a file
    that hangs the extractor or eats memory is stopped and reported, and only that file is lost.
    """
    from ingest.attachments import AttachmentError

    name = file_name(url, path, fmt)
    try:
        ext = _extractor().run(payload, name, content_type, ocr=_ocr_enabled() if ocr is None else ocr, jobs=jobs)
    except AttachmentError as exc:
        return ("fail", f"tệp đính kèm {name}: {exc}")
    except Exception as exc:  # noqa: BLE001 - one hostile file must not stop the batch
        return ("fail", f"tệp đính kèm {name}: lỗi trích xuất (extraction failed): {type(exc).__name__}: {exc}")
    return ("doc", build_document(ext, payload, url, name, content_type, fmt))


