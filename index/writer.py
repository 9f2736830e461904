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
from index.parallel import adopt_segments, check_segment_schema
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
    Whoosh 3's file layout, but only readable where tracuu's codec and formats import (they are
    pickled into the index: index/whoosh_compat.py)."""
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
        #: key → (hash, place) of documents added since the last commit (the committed ones are in
        #: the index); place is None for this writer's own buffer, else (segment folder, docnum) of a
        #: document written by a :class:`index.parallel.SegmentBuilder`
        self._session: dict[str, tuple[str, tuple[str, int] | None]] = {}
        #: segment folders registered with :meth:`adopt`, adopted at the next commit
        self._built: list[Path] = []
        #: segment folder → its docnums to delete when adopted (unchanged or superseded documents)
        self._drops: dict[str, set[int]] = {}
        #: committed documents deleted by this writer since its last commit
        self._deleted = 0
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
        """Make everything added so far durable and visible to searchers: this writer's own
        documents, the segments registered with :meth:`adopt` (with their dropped documents
        deleted) and deletions of replaced documents, in one new table of contents."""
        if self._writer is None:
            return
        adopted = [str(f) for f in self._built]
        if self._built:
            adopt_segments(self._writer, self._built, self._drops)
        if self._pending or self._built or self._deleted:
            try:
                self._writer.commit()
            except BaseException:
                # e.g. a full disk mid-commit: the last committed generation stays the index;
                # drop this writer so a later close() does not try the broken one again
                writer, self._writer, self._pending = self._writer, None, 0
                self._deleted, self._built = 0, []
                with contextlib.suppress(Exception):
                    writer.cancel()
                self._close_reader()
                raise
            checksums.record(index_dir(self.data_dir))
            log.debug("committed %d documents and %d segments to %s", self._pending, len(adopted),
                      index_dir(self.data_dir))
        else:
            self._writer.cancel()
        self._writer = None
        self._pending = 0
        self._deleted = 0
        self._built = []
        for folder in adopted:
            self._drops.pop(folder, None)
        self._close_reader()
        # documents in segments not yet adopted (still being written) stay in the session
        self._session = {k: v for k, v in self._session.items() if v[1] is not None and v[1][0] not in adopted}
        self._sugg_seen.clear()

    def close(self) -> None:
        self.commit()

    def cancel(self) -> None:
        """Drop everything not committed (documents, registered segments, deletions) and release
        the index: the committed index stays as it was."""
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self._built = []
        self._drops.clear()
        self._session.clear()
        self._sugg_seen.clear()
        self._pending = self._deleted = 0
        self._close_reader()

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
        previous = self._previous(key, digest)
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
        self._session[key] = (digest, None)
        self._pending += 1
        self.counts[result] += 1
        if self._pending >= self.batch_size:
            self.commit()
        return result

    def _previous(self, key: str, digest: str) -> str | None:
        """The hash of the document the index will hold under ``key`` before this one (None when
        new). A different earlier version in a built segment is dropped from it; one buffered in
        this writer is committed first (Whoosh cannot delete a buffered document), so that
        ``update_document``/``delete_by_term`` replace it."""
        if self._writer is None:
            self._open_writer()
        entry = self._session.get(key)
        if entry is not None:
            previous, place = entry
            if previous == digest:
                return previous
            if place is None:
                self.commit()
                self._open_writer()
            else:
                self._drops.setdefault(place[0], set()).add(place[1])
                return previous
        return self._committed_hash(key)

    def claim(self, key: str, digest: str, folder: Path | str, docnum: int) -> AddResult:
        """The outcome of a document that a :class:`index.parallel.SegmentBuilder` wrote as
        ``docnum`` of the segment in ``folder`` (registered later with :meth:`adopt`): decided
        exactly as :meth:`add` decides it. An unchanged document is dropped from that segment
        when it is adopted; a replaced one is deleted from the index or from its own segment."""
        folder = str(folder)
        entry = self._session.get(key)
        previous = self._previous(key, digest)
        assert self._writer is not None
        if previous == digest:
            self._drops.setdefault(folder, set()).add(docnum)
            result: AddResult = "unchanged"
        else:
            if previous is not None and (entry is None or entry[1] is None):  # the committed copy
                self._deleted += self._writer.delete_by_term("url", key)
            result = "indexed" if previous is None else "updated"
            self._session[key] = (digest, (folder, docnum))
        self.counts[result] += 1
        return result

    @property
    def schema(self):
        """The index's own schema (an index written before a format change keeps its formats):
        segments written elsewhere for it must use this one."""
        return self._ix.schema

    def drop(self, folder: Path | str, docnum: int) -> None:
        """Leave document ``docnum`` of a built segment out of the index (e.g. an error page)."""
        self._drops.setdefault(str(folder), set()).add(docnum)

    def adopt(self, folder: Path | str | None) -> None:
        """Register a finished segment folder (:meth:`index.parallel.SegmentBuilder.finish`)
        whose documents were claimed (:meth:`claim`): it joins the index at the next :meth:`commit`."""
        if folder is not None:
            if self._writer is None:
                self._open_writer()
            check_segment_schema(self._ix.schema, folder)
            self._built.append(Path(folder))

    def adopt_index(self, folder: Path | str) -> dict[str, int]:
        """Claim every document of a segment folder written elsewhere (e.g. by a Spark
        partition) from its stored keys and hash column, and register it; returns the counts."""
        from whoosh import index as wi

        counts = {"indexed": 0, "unchanged": 0, "updated": 0}
        check_segment_schema(self._ix.schema, folder)
        ix = wi.open_dir(str(folder))
        with ix.reader() as reader:
            hashes = reader.column_reader("hash")
            for docnum, stored in reader.iter_docs():
                digest = hashes[docnum]
                digest = digest.decode("utf-8") if isinstance(digest, bytes) else digest
                counts[self.claim(stored["url"], digest, folder, docnum)] += 1
        ix.close()
        self.adopt(folder)
        return counts

    def optimize(self) -> None:
        """Merge all segments into one (after a bulk ingest; searches get faster). Nothing to do
        for an index already in one segment without deleted documents."""
        self.commit()
        with self._ix.reader() as reader:
            if len(list(reader.leaf_readers())) <= 1 and not reader.has_deletions():
                return
        try:
            writer = _new_writer(self._ix, self.limitmb)
        except LockError as exc:
            raise IndexLocked(_locked_message(index_dir(self.data_dir))) from exc
        writer.commit(optimize=True)
        checksums.record(index_dir(self.data_dir))


def index_size_bytes(data_dir: Path | str) -> int:
    path = index_dir(data_dir)
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file()) if path.exists() else 0


