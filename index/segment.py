"""Whoosh's segment writer with cheaper postings: per-field lists filled at C speed, merges read
a term at a time.

Why: Whoosh's ``SegmentWriter`` turns every posting into a 5-tuple ``(field, term, docnum, weight,
value)``, feeds it to a ``PostingPool`` (one method call and a size estimate each), sorts them all
at commit, and the field writer regroups the sorted stream term by term. tracuu's seven analysed
fields make ~840 postings per page (590,000 per 700 pages, four times stock Whoosh's), so that
per-posting machinery was a quarter of indexing time. Here:

* each field of each document arrives as parallel lists from :mod:`index.formats` and is appended
  to the field's flat list with ``zip`` (no Python code per posting); the tuples hold only
  atomic values, so the garbage collector untracks them (a list per term made every full
  collection walk the whole pool: 10 % of indexing time);
* at commit each field's list is sorted by term (a stable sort: postings stay in docnum order)
  and handed term by term to :meth:`index.codec._FieldWriter.add_grouped`;
* merging segments (:meth:`GroupedSegmentWriter.add_reader`) walks their term dictionaries side
  by side when the new segment is written, a term at a time, instead of stepping Whoosh's
  per-posting generators (~20 µs a posting) or sorting every posting again; a term of one
  segment keeps its term-dictionary row (ids shifted), and memory stays at one term's postings.

Memory stays bounded like Whoosh's pool: past ``limitmb`` the pool writes its postings, sorted, to
an anonymous temporary file (a *run*); at commit the runs and the last part are merged term by
term (``heapq.merge`` keeps equal terms in run order, which is docnum order). The segment files
hold exactly the postings Whoosh's writer would write (tests/test_codec.py compares them).
"""

from __future__ import annotations

import gc
import heapq
import os
import pickle
import tempfile
from collections.abc import Iterator
from itertools import groupby, repeat
from operator import itemgetter
from typing import IO, Any

from whoosh.formats import Existence, Frequency
from whoosh.writing import SegmentWriter

from index import termdict
from index import whoosh_compat as wc
from index.formats import Memo

#: Posting = (term bytes, docnum, weight, value bytes); a group = (field name, term bytes, postings).
Posting = tuple[bytes, int, float, bytes]
Group = tuple[str, bytes, list[Posting]]
_Columns = tuple[list[bytes], list[int], list[float], list[bytes]]
_TERM = itemgetter(0)

#: Memory per posting counted against ``limitmb``: four list slots (32 B) plus a share of the
#: objects not shared between postings (positions values, terms seen once). tracemalloc over 1,160
#: portal pages put the whole writer's growth at ~70 B a posting, so ``limitmb`` is exceeded by
#: about half, as with Whoosh's own pool (whoosh.md: "limitmb is not a memory cap").
_POSTING_BYTES = 48
#: ... and per merged posting (its docnum is a new int object; positions values are new bytes).
_MERGED_POSTING_BYTES = 80


#: weights and frequency values read back from a segment → one shared object each
_shared = Memo(lambda value: value, limit=65536).__getitem__

#: Postings per pickled chunk of a run: reading the runs back holds one chunk of each at a time
#: (chunks of 20,000 *terms* held most of a run's common syllables: peak 940 MB to merge 5,600
#: pages at limitmb=16; 139 MB with these chunks).
_RUN_CHUNK = 4096


class GroupedPool:
    """Postings of the segment being written, kept per field (see the module docstring)."""

    def __init__(self, tempdir: str | None = None, limitmb: int = 128) -> None:
        self.tempdir = tempdir
        self.limit = limitmb * 1024 * 1024
        self.size = 0
        #: field name → four parallel lists (term bytes, docnums, weights, values), in arrival
        #: (docnum) order: 32 bytes a posting, a third of what a tuple per posting takes
        self.fields: dict[str, _Columns] = {}
        self.runs: list[IO[bytes]] = []

    def _columns(self, fieldname: str) -> _Columns:
        cols = self.fields.get(fieldname)
        if cols is None:
            cols = self.fields[fieldname] = ([], [], [], [])
        return cols

    def _grew(self, postings: int, each: int = _POSTING_BYTES) -> None:
        self.size += postings * each
        if self.size > self.limit:
            self.save()

    # -- adding ----------------------------------------------------------------------------------
    def add(self, item: tuple[str, bytes, int, float, bytes]) -> None:
        """One posting ``(field, term, docnum, weight, value)``: Whoosh's pool interface (merges)."""
        terms, docs, weights, values = self._columns(item[0])
        terms.append(item[1])
        docs.append(item[2])
        weights.append(item[3])
        values.append(item[4])
        self._grew(1)

    def add_field(self, fieldname: str, docnum: int, items, fieldboost: float) -> int:
        """All postings of one field of one document (``field.index(value)`` items ``(term bytes,
        freq, weight, value)``); returns the field length (sum of frequencies)."""
        items = list(items)
        weights = [w * fieldboost for _t, _f, w, _v in items] if fieldboost != 1.0 else [i[2] for i in items]
        self.add_lists(fieldname, docnum, [i[0] for i in items], weights, [i[3] for i in items], 0)
        return sum(map(itemgetter(1), items))

    def add_term(self, fieldname: str, tbytes: bytes, ids, weights, values, shared_values: bool = False) -> None:
        """All postings of one term of a merged segment (docnums already renumbered). Weights,
        and values when ``shared_values`` (frequencies: a few distinct small values), are mapped
        to shared objects: read back from a segment each would be a new object (~60 bytes)."""
        cols = self._columns(fieldname)
        cols[0].extend(repeat(tbytes, len(ids)))
        cols[1].extend(ids)
        cols[2].extend(map(_shared, weights))
        cols[3].extend(map(_shared, values) if shared_values else values)
        self._grew(len(ids), _MERGED_POSTING_BYTES)

    def add_lists(self, fieldname: str, docnum: int, terms: list[bytes], weights: list[float],
                  values: list[bytes], length: int) -> int:
        """One field of one document as parallel lists (the formats' fast path, appended at C
        speed). Returns ``length``."""
        cols = self._columns(fieldname)
        cols[0].extend(terms)
        cols[1].extend(repeat(docnum, len(terms)))
        cols[2].extend(weights)
        cols[3].extend(values)
        self._grew(len(terms))
        return length

    # -- runs ------------------------------------------------------------------------------------
    def _sorted_groups(self) -> Iterator[Group]:
        """The pool's postings grouped by term, fields and terms in byte order (the sort is
        stable, so each term's postings stay in docnum order)."""
        fields, self.fields = self.fields, {}
        self.size = 0
        for fieldname in sorted(fields):
            postings = sorted(zip(*fields.pop(fieldname), strict=True), key=_TERM)
            for tbytes, group in groupby(postings, _TERM):
                yield fieldname, tbytes, list(group)

    def save(self) -> None:
        """Write the pool's terms, sorted, to a new run file and empty it."""
        if not self.fields:
            return
        f = tempfile.TemporaryFile(prefix="tracuu-run-", dir=self.tempdir)
        chunk: list[Group] = []
        held = 0
        for fieldname, tbytes, postings in self._sorted_groups():
            # a long posting list is cut into pieces; iter_groups joins consecutive equal terms
            for i in range(0, len(postings), _RUN_CHUNK):
                piece = postings[i:i + _RUN_CHUNK]
                chunk.append((fieldname, tbytes, piece))
                held += len(piece)
                if held >= _RUN_CHUNK:
                    pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
                    chunk = []
                    held = 0
        if chunk:
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.flush()
        self.runs.append(f)
        self.size = 0

    @staticmethod
    def _read_run(f: IO[bytes]) -> Iterator[Group]:
        f.seek(0)
        while True:
            try:
                chunk = pickle.load(f)
            except EOFError:
                return
            yield from chunk

    def iter_groups(self) -> Iterator[Group]:
        """Every (field, term, postings) of the segment, sorted by field then term bytes."""
        if not self.runs:
            yield from self._sorted_groups()
            return
        sources = [self._read_run(f) for f in self.runs] + [self._sorted_groups()]
        merged = heapq.merge(*sources, key=lambda g: (g[0], g[1]))
        pending: Group | None = None
        for group in merged:
            if pending is not None and pending[0] == group[0] and pending[1] == group[1]:
                pending[2].extend(group[2])
            else:
                if pending is not None:
                    yield pending
                pending = group
        if pending is not None:
            yield pending

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """Whoosh's pool interface: single postings, sorted."""
        for fieldname, tbytes, postings in self.iter_groups():
            for _t, docnum, weight, vbytes in postings:
                yield fieldname, tbytes, docnum, weight, vbytes

    def cleanup(self) -> None:
        for f in self.runs:
            f.close()
        self.runs = []
        self.fields = {}


def _read_term(terms, fieldname: str, tbytes: bytes, row: bytes, format_):
    """``(ids, weights, values)`` of one term of a segment from its term-info row: inlined
    there, or read from its posting blocks a block at a time. Empty values are ``b""``."""
    inlined = termdict.row_postings(row)  # Whoosh's pickled row or index/termdict's varints
    if inlined is not None:
        ids, weights, values = inlined
        if not values:  # a format without values (Existence)
            values = [b""] * len(ids)
        elif len(values) != len(ids):  # some values empty: no reader can pair them with postings
            raise ValueError(f"term {fieldname}:{tbytes!r}: {len(values)} values for {len(ids)} postings")
        return ids, weights, values
    return wc.read_block_postings(terms, fieldname, tbytes, row, format_)


_FIELD_TERM = itemgetter(0, 1)


def _tagged(groups: Iterator[tuple[str, bytes, Any]], k: int, wanted: dict | None) -> Iterator[tuple]:
    """``(field, term, k, payload)`` for :func:`heapq.merge` (``k`` tells the sources apart, so
    payloads are never compared), only fields in ``wanted`` when given."""
    if wanted is None:
        return ((f, t, k, p) for f, t, p in groups)
    return ((f, t, k, p) for f, t, p in groups if f in wanted)


class _Stream:
    """A segment merged by :class:`GroupedSegmentWriter`: its reader (kept open until the new
    segment is written), term dictionary, first docnum in the new segment and, when it has
    deletions, the map of its live documents to their new numbers."""

    __slots__ = ("reader", "terms", "base", "docmap", "formats", "shared_values")

    def __init__(self, reader, terms, base: int, docmap: dict[int, int] | None, formats: dict) -> None:
        self.reader, self.terms, self.base, self.docmap, self.formats = reader, terms, base, docmap, formats
        self.shared_values = {name: isinstance(f, (Existence, Frequency)) for name, f in formats.items()}

    def postings(self, fieldname: str, tbytes: bytes, row: bytes) -> tuple[list, list, list] | None:
        """``(ids, weights, values)`` of one term renumbered for the new segment (None when
        every document of it was deleted)."""
        ids, weights, values = _read_term(self.terms, fieldname, tbytes, row, self.formats[fieldname])
        docmap = self.docmap
        if docmap is not None:  # deletions: keep the live documents, renumbered
            keep = [k for k, d in enumerate(ids) if d in docmap]
            if not keep:
                return None
            return [docmap[ids[k]] for k in keep], [weights[k] for k in keep], [values[k] for k in keep]
        base = self.base
        return ([base + d for d in ids] if base else list(ids)), weights, values

    def close(self) -> None:
        self.reader.close()


class GroupedSegmentWriter(SegmentWriter):
    """``SegmentWriter`` using :class:`GroupedPool`; same arguments (``limitmb``, ``codec``, ...).

    The codec's field writer must offer ``add_grouped`` (:class:`index.codec.TracuuCodec` does).
    """

    def __init__(self, ix, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        folder = getattr(self.storage, "folder", None)
        self.pool = GroupedPool(folder if folder and os.path.isdir(folder) else None, limitmb)
        #: segments being merged, their postings read when the new segment is written
        self._streams: list[_Stream] = []

    def add_document(self, **fields: Any) -> None:
        """Whoosh's ``add_document`` with each field's postings handed to the pool in one call.

        Spelling sub-fields and term vectors are not used by tracuu's schema and are refused
        rather than silently dropped.
        """
        self._check_state()
        if self._streams:
            self._materialize_streams()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_field = self.pool.add_field
        add_lists = self.pool.add_lists
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)

        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                if field.separate_spelling() or field.vector:
                    raise ValueError(f"field {fieldname!r}: spelling/vector fields are not supported here")
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    fast = getattr(field.format, "index_postings", None)
                    got = fast(value, field.analyzer) if fast is not None and fieldboost == 1.0 else None
                    if got is not None:
                        length = add_lists(fieldname, docnum, *got)
                    else:
                        length = add_field(fieldname, docnum, field.index(value), fieldboost)
                    if not field.scorable:
                        length = 0
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def add_reader(self, reader) -> None:
        """Merge a segment (Whoosh's merge policy calls this at commit): stored fields and
        columns as Whoosh does; postings streamed when the new segment is written.

        Whoosh's own ``add_reader`` steps a matcher posting by posting through a chain of
        generators (~20 µs a posting), and reading every posting into the pool meant sorting
        the whole index again (and spilling it to temporary runs) although each segment's terms
        are already sorted. Here the segment only joins :attr:`_streams`, on a reader of its own
        (the merge policy closes the one it passes); :meth:`_merged_groups` then walks every
        merged segment's term dictionary side by side, a term at a time, and a term found in one
        segment only — most bigrams — keeps its term-dictionary row, its document numbers shifted
        (:func:`index.termdict.shift_inline`), without decoding a posting. Other readers than a
        Whoosh 3 segment take Whoosh's path.
        """
        terms = wc.segment_terms(reader)
        if terms is None:
            super().add_reader(reader)
            return
        self._check_state()
        basedoc = self.docnum
        names = {name for name in reader.indexed_field_names() if name in self.schema}
        docmap = self.write_per_doc(set(self.schema.names()) | names, reader)
        own = wc.reopen_segment_reader(self, reader)
        own_terms = wc.segment_terms(own)
        formats = {name: self.schema[name].format for name in names}
        self._streams.append(_Stream(own, own_terms, basedoc, docmap, formats))
        self._added = True

    def _materialize_streams(self) -> None:
        """Read the postings of the segments waiting in :attr:`_streams` into the pool (before
        documents are added after a merged segment: pool and streams must not interleave)."""
        streams, self._streams = self._streams, []
        add_term = self.pool.add_term
        for st in streams:
            for fieldname, tbytes, row in wc.scan_terms(st.terms):
                format_ = st.formats.get(fieldname)
                if format_ is None:
                    continue
                got = st.postings(fieldname, tbytes, row)
                if got is not None:
                    add_term(fieldname, tbytes, *got, isinstance(format_, (Existence, Frequency)))
            st.close()

    def _merged_groups(self) -> Iterator[tuple[str, bytes, Any]]:
        """The pool's groups and every streamed segment's terms in (field, term) order, equal
        terms joined in docnum order (the pool's documents first, then the segments as added).
        A group's postings are a list of ``(term, docnum, weight, value)``, or a ready term-info
        row (bytes) for a term of one segment inlined in its dictionary."""
        streams = self._streams
        sources: list[Iterator] = []
        if self.pool.fields or self.pool.runs:
            sources.append(_tagged(self.pool.iter_groups(), 0, None))
        for k, st in enumerate(streams, 1):
            sources.append(_tagged(wc.scan_terms(st.terms), k, st.formats))
        for (fieldname, tbytes), items in groupby(heapq.merge(*sources), _FIELD_TERM):
            group = list(items)
            if len(group) == 1:
                k, payload = group[0][2], group[0][3]
                if not k:
                    yield fieldname, tbytes, payload
                    continue
                st = streams[k - 1]
                if st.docmap is None and payload[0] >= termdict.INLINE:
                    yield fieldname, tbytes, termdict.shift_inline(payload, st.base)
                    continue
            parts = [(i[2], i[3]) for i in group]
            postings: list[Posting] = []
            for k, payload in parts:
                if not k:
                    postings.extend(payload)
                    continue
                st = streams[k - 1]
                got = st.postings(fieldname, tbytes, payload)
                if got is not None:
                    ids, weights, values = got
                    # one object per distinct weight (and frequency value): a value repeated in
                    # a posting block is then pickled once (a memo reference), as in a new segment
                    values = map(_shared, values) if st.shared_values[fieldname] else values
                    postings.extend(zip(repeat(tbytes), ids, map(_shared, weights), values))
            if postings:
                yield fieldname, tbytes, postings

    def _close_segment(self) -> None:
        super()._close_segment()
        for st in self._streams:
            st.close()
        self._streams = []

    def _flush_segment(self) -> None:
        """Write the postings. The garbage collector is paused meanwhile: reading runs back and
        grouping allocate millions of tuples and lists (no reference cycles), and every
        collection they trigger would walk the whole pool (0.5 s of a 5 s commit)."""
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        paused = gc.isenabled()
        gc.disable()
        try:
            groups = self._merged_groups() if self._streams else self.pool.iter_groups()
            self.fieldwriter.add_grouped(self.schema, pdr, groups)
        finally:
            if paused:
                gc.enable()
        self.fieldwriter.close()
        if pdr:
            pdr.close()
