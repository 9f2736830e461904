"""Writing Documents into the Whoosh index: one writer per data directory, idempotent re-ingestion.

Why it works this way:

* Whoosh allows one writer per index across processes (a file lock). We take the lock when the
  sink opens and keep it until ``close()``, so a second ``tracuu ingest`` fails at once with a
  clear Vietnamese message (:class:`IndexLocked`) instead of interleaving half-written segments.
  A SIGKILLed writer releases its ``fcntl`` lock, and uncommitted segments are never referenced
  by the table of contents, so the index is never left corrupt.
* Re-ingesting the same pages is cheap: each page's content hash lives in a sortable column
  (``hash``); an identical page is ``unchanged`` and is not rewritten, a different one is
  ``updated`` (replaced by its URL key), a new one is ``indexed``.
* Posting blocks are written uncompressed (:func:`_new_writer`), and segments are left as separate
  files (``compound=False``): Whoosh opens a compound segment by copying each of its sub-files
  into memory (``BytesIO`` over the mmap), which cost a searcher 1 GB of RAM on a 39k-page index.
* Commits happen every ``batch_size`` documents so a long ingest makes durable progress and memory
  stays bounded (Whoosh's ``limitmb`` is not a cap; whoosh.md pitfall 6).
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from types import TracebackType
from typing import Literal

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.writing import SegmentWriter

from index import checksums
from index.codec import fast_codec
from index.schema import build_schema, content_hash, doc_key, document_fields
from index.segment import GroupedSegmentWriter
from ingest.document import Document

log = logging.getLogger(__name__)

AddResult = Literal["indexed", "unchanged", "updated"]

INDEX_SUBDIR = "index"


class IndexLocked(RuntimeError):
    """Another process is writing this index."""


def index_dir(data_dir: Path | str) -> Path:
    return Path(data_dir) / INDEX_SUBDIR


def open_or_create(data_dir: Path | str) -> whoosh_index.Index:
    """Open ``<data>/index``, creating an empty index (and the directories) on first use."""
    path = index_dir(data_dir)
    path.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(path)):
        return whoosh_index.open_dir(str(path))
    try:
        return whoosh_index.create_in(str(path), build_schema())
    except LockError as exc:  # pragma: no cover - a racing creator; same message as below
        raise IndexLocked(_locked_message(path)) from exc


def _new_writer(ix: whoosh_index.Index, limitmb: int) -> SegmentWriter:
    """A writer with :func:`index.codec.fast_codec` (no zlib on posting blocks: most of our terms
    are bigrams with one short posting list, where compression costs more than it saves; rare
    terms' postings inlined in the term dictionary) and :mod:`index.segment`'s writer (postings
    handed over as lists, sorted once per commit, merges read a term at a time).
    Same on-disk format: any Whoosh 2.7 reads it."""
    return GroupedSegmentWriter(ix, limitmb=limitmb, codec=fast_codec(), compound=False)


def _locked_message(path: Path) -> str:
    return (
        f"Chỉ mục {path} đang được một tiến trình khác ghi (ví dụ một lệnh `tracuu ingest` khác). "
        "Hãy đợi tiến trình đó kết thúc rồi chạy lại; chỉ mục không bị thay đổi. "
        "(index is locked by another writer)"
    )


class IndexWriterSink:
    """Adds Documents to ``<data_dir>/index``.

    ``add`` returns ``"indexed"``, ``"unchanged"`` or ``"updated"``. Use as a context manager, or
    call ``commit()``/``close()``. Raises :class:`IndexLocked` when another writer holds the index.
    """

    def __init__(self, data_dir: Path | str, *, batch_size: int = 5000, limitmb: int = 128) -> None:
        self.data_dir = Path(data_dir)
        self.batch_size = batch_size
        self.limitmb = limitmb
        self._ix = open_or_create(self.data_dir)
        self._writer: SegmentWriter | None = None
        self._pending = 0
        #: key → hash of documents added since the last commit (the committed ones are in the index).
        self._session: dict[str, str] = {}
        #: syllables already listed in the ``sugg`` field of the segment being written
        self._sugg_seen: set[str] = set()
        self._hash_reader = None
        self._reader = None
        self.counts: dict[str, int] = {"indexed": 0, "unchanged": 0, "updated": 0}
        self._open_writer()

    # -- lifecycle -------------------------------------------------------------------------------
    def _open_writer(self) -> None:
        try:
            self._writer = _new_writer(self._ix, self.limitmb)
        except LockError as exc:
            raise IndexLocked(_locked_message(index_dir(self.data_dir))) from exc
        # The committed index as of now: used to find existing keys and their hashes.
        self._reader = self._ix.reader()
        self._hash_reader = self._reader.column_reader("hash") if self._reader.doc_count_all() else None

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
            self._hash_reader = None

    def commit(self) -> None:
        """Make everything added so far durable and visible to searchers."""
        if self._writer is None:
            return
        if self._pending:
            try:
                self._writer.commit()
            except BaseException:
                # e.g. a full disk mid-commit: the last committed generation stays the index;
                # drop this writer so a later close() does not try the broken one again
                writer, self._writer, self._pending = self._writer, None, 0
                with contextlib.suppress(Exception):
                    writer.cancel()
                self._close_reader()
                raise
            checksums.record(index_dir(self.data_dir))
            log.debug("committed %d documents to %s", self._pending, index_dir(self.data_dir))
        else:
            self._writer.cancel()
        self._writer = None
        self._pending = 0
        self._close_reader()
        self._session.clear()
        self._sugg_seen.clear()

    def close(self) -> None:
        self.commit()

    def __enter__(self) -> IndexWriterSink:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        # Commit even after an error or Ctrl-C: every document added so far is whole and valid,
        # and an archivist's long ingest should not lose its finished part.
        self.close()

    # -- adding ----------------------------------------------------------------------------------
    def _committed_hash(self, key: str) -> str | None:
        if self._reader is None or self._hash_reader is None:
            return None
        docnum = self._reader.first_id("url", key) if self._reader.doc_frequency("url", key) else None
        if docnum is None:
            return None
        value = self._hash_reader[docnum]
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        return value or None

    def add(self, doc: Document) -> AddResult:
        """Index ``doc`` unless an identical copy (same URL key and content hash) is already there."""
        if self._writer is None:
            self._open_writer()
        assert self._writer is not None
        key = doc_key(doc)
        digest = content_hash(doc)
        previous = self._session.get(key)
        if previous is not None and previous != digest:
            # Whoosh's update_document cannot delete a document buffered in the same writer:
            # commit first so the replacement really replaces it.
            self.commit()
            self._open_writer()
            previous = None
        if previous is None:
            previous = self._committed_hash(key)
        if previous == digest:
            result: AddResult = "unchanged"
            self.counts[result] += 1
            return result
        fields = document_fields(doc, digest, self._sugg_seen)
        if previous is None:
            self._writer.add_document(**fields)
            result = "indexed"
        else:
            self._writer.update_document(**fields)
            result = "updated"
        self._session[key] = digest
        self._pending += 1
        self.counts[result] += 1
        if self._pending >= self.batch_size:
            self.commit()
        return result

    def optimize(self) -> None:
        """Merge all segments into one (after a bulk ingest; searches get faster)."""
        self.commit()
        try:
            writer = _new_writer(self._ix, self.limitmb)
        except LockError as exc:
            raise IndexLocked(_locked_message(index_dir(self.data_dir))) from exc
        writer.commit(optimize=True)
        checksums.record(index_dir(self.data_dir))


def index_size_bytes(data_dir: Path | str) -> int:
    path = index_dir(data_dir)
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file()) if path.exists() else 0


