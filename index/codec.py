"""A faster Whoosh codec for tracuu's many-field Vietnamese index.

Why: each page is indexed as exact, folded and bigram fields, and the bigram fields have a huge
vocabulary of rare terms (1,000 articles: ~118,000 distinct bigrams vs ~10,000 syllables). With
the default codec every term, even one seen in a single document, gets its own posting block:
header, pickle, zlib, block info. That per-term cost, not the analyzers, dominates indexing time.

Whoosh's codec can store the postings of rare terms *inline* in the term dictionary, but in
whoosh-reloaded 2.7.5 the writer calls ``W3TermInfo.set_inline`` while the class only defines
``set_inlined`` (the reader side, ``is_inlined``/``inlined_postings``, is complete). We add the
missing alias — nothing else changes — and enable inlining for terms in fewer than
``INLINE_LIMIT`` documents; zlib compression of posting blocks is switched off (faster writes
and reads, somewhat larger postings file). Indexes written this way are read by any Whoosh 2.7
without this module; segments merged later by a default-codec writer are simply re-encoded.

Second, the field writer takes whole terms (:meth:`_FieldWriter.add_grouped`, fed by
:mod:`index.segment`) instead of single postings: Whoosh looked up the document's field length
once per *posting* through the file-backed length column (~14 µs each) and called its block
writer once per posting; here each field's lengths are read once, rare terms' term-info rows are
built directly, posting blocks are filled a block at a time, and term-dictionary rows and hash
tables are written in batches. The bytes are Whoosh's.

Use: ``GroupedSegmentWriter(ix, codec=fast_codec(), limitmb=...)`` (``ix.writer(codec=...)``
works too, through Whoosh's own pool). bench/index.py measures the effect.
The codec object is pickled into each segment, so ``index.codec.TracuuCodec`` must stay importable
under this name for reading indexes written with it.
"""

from __future__ import annotations

from array import array
from hashlib import md5
from itertools import repeat
from pickle import dumps

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter, _lengths, _pointer, md5_hash
from whoosh.matching import ListMatcher
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte

#: Terms with fewer postings than this are stored inline in the term dictionary.
INLINE_LIMIT = 8


def _enable_inlining() -> None:
    """Give W3TermInfo the method name the postings writer calls (whoosh-reloaded 2.7.5 bug)."""
    if not hasattr(W3TermInfo, "set_inline"):
        W3TermInfo.set_inline = W3TermInfo.set_inlined


def _field_lengths(lengths, fieldname: str, field) -> list[int] | None:
    """Every document's length in one field (Whoosh's length column, read once per field: the
    generic loop asked for it once per posting), or None when lengths are not kept."""
    if lengths is None or not field.scorable:
        return None
    dfl = lengths.doc_field_length
    return [dfl(d, fieldname, 0) for d in range(lengths.doc_count_all())]


class _TermsWriter(OrderedHashWriter):
    """The term dictionary's hash file with its hash tables written a table at a time (Whoosh
    writes each slot with its own call: 280,000 calls per 700 pages). Same slots, same bytes."""

    def _write_hashes(self) -> None:
        dbfile = self.dbfile
        null = (0, 0)
        for entries in self.buckets:
            pos = dbfile.tell()
            numslots = 2 * len(entries)
            self.directory.append((pos, numslots))
            hashtable = [null] * numslots
            for hashval, position in entries:
                slot = (hashval >> 8) % numslots
                while hashtable[slot] != null:
                    slot = (slot + 1) % numslots
                hashtable[slot] = (hashval, position)
            dbfile.write(b"".join([_pack_pointer(h, p) for h, p in hashtable]))


_pack_pointer = _pointer.pack


class _FieldWriter(W3FieldWriter):
    def __init__(self, codec, storage, segment) -> None:
        super().__init__(codec, storage, segment)
        self._tindex.__class__ = _TermsWriter  # same state, faster close()

    def add_postings(self, schema, lengths, items):
        """Whoosh's contract (sorted single postings, e.g. from a merge), regrouped by term for
        :meth:`add_grouped`."""
        self.add_grouped(schema, lengths, _group_postings(items))

    def add_grouped(self, schema, lengths, groups):
        """Write ``(fieldname, term bytes, [(term, docnum, weight, value), ...])`` groups, sorted
        by field then term, each with its postings in docnum order (:mod:`index.segment`).

        Field lengths are read once per field. A term in fewer than the inline limit of documents
        (most bigrams: two thirds of all terms) gets its term-info row built in one step
        (:func:`_inline_row`, the bytes ``W3TermInfo.to_bytes`` would write; a term seen once in
        one document has the same row as every other such term of that document, so those rows
        are memoised), skipping the block writer's per-term set-up; the others go through
        Whoosh's block writer (:meth:`_block_term`).
        """
        inline_limit = self._codec._inlinelimit
        rows = _RowWriter(self._tindex)
        add_row = rows.add
        singles: dict[tuple[int, float, bytes], bytes] = {}
        lastfn = None
        prefix = b""
        lens: list[int] | None = None
        for fieldname, btext, postings in groups:
            if fieldname != lastfn:
                if lastfn is not None:
                    self.finish_field()
                field = schema[fieldname]
                self.start_field(fieldname, field)
                prefix = pack_ushort(self._fieldid)
                lastfn = fieldname
                lens = _field_lengths(lengths, fieldname, field)
                singles = {}
            if postings[0][1] == -1:  # spelling-graph marker, ignored by Whoosh's own loop as well
                postings = [p for p in postings if p[1] != -1]
                if not postings:
                    continue
            n = len(postings)
            if n == 1:
                key = postings[0][1:]
                row = singles.get(key)
                if row is None:
                    if len(singles) > 4096:
                        singles.clear()
                    row = singles[key] = _inline_row(postings, lens)
                add_row(prefix + btext, row)
            elif n < inline_limit:
                add_row(prefix + btext, _inline_row(postings, lens))
            else:
                rows.flush()
                self._block_term(btext, postings, lens)
                rows.resync()
        rows.flush()
        if lastfn is not None:
            self.finish_field()

    def _block_term(self, btext, postings, lens: list[int] | None) -> None:
        """A term with its own posting blocks: Whoosh's block writer, its buffers filled a block
        at a time instead of one ``add_posting`` call per posting (same blocks, same bytes)."""
        self.start_term(btext)
        pw = self._postwriter
        limit = pw._blocklimit
        for i in range(0, len(postings), limit):
            if i:
                pw._write_block()
            chunk = postings[i:i + limit]
            ids = [p[1] for p in chunk]
            weights = [p[2] for p in chunk]
            lengths = [n for n in map(lens.__getitem__, ids) if n] if lens is not None else []
            pw._ids = array("I", ids)
            pw._weights = array("f", weights)
            pw._values = [p[3] for p in chunk if p[3]]
            pw._maxweight = max(0, max(weights))
            pw._minlength = min(lengths) if lengths else None
            pw._maxlength = max(lengths) if lengths else 0
        self.finish_term()


def _group_postings(items):
    """Sorted ``(fieldname, term, docnum, weight, value)`` postings → per-term groups."""
    lastfn = lasttext = None
    buf: list[tuple[bytes, int, float, bytes]] = []
    for fieldname, btext, docnum, weight, value in items:
        if btext != lasttext or fieldname != lastfn:
            if buf:
                yield lastfn, lasttext, buf
            lastfn, lasttext, buf = fieldname, btext, []
        buf.append((btext, docnum, weight, value))
    if buf:
        yield lastfn, lasttext, buf


_pack_terminfo = W3TermInfo._struct.pack


class _RowWriter:
    """``OrderedHashWriter.add`` (the term dictionary) for many rows: the same bytes, hash and
    index entries, but the file position is tracked here instead of asked of the file twice per
    term, rows are written in batches (:meth:`flush` before anything else writes to the file),
    and the md5 hash is taken from the digest's last four bytes (what Whoosh's ``md5_hash``
    computes through a hex string)."""

    def __init__(self, tindex) -> None:
        self.t = tindex
        self.pos = tindex.dbfile.tell()
        self.fast_hash = tindex.hashfn is md5_hash
        self.buf: list[bytes] = []

    def flush(self) -> None:
        if self.buf:
            self.t.dbfile.write(b"".join(self.buf))
            self.buf = []

    def resync(self) -> None:
        """After rows written by Whoosh's own ``add``."""
        self.pos = self.t.dbfile.tell()

    def add(self, key: bytes, value: bytes) -> None:
        t = self.t
        if key <= t.lastkey:
            raise ValueError(f"Keys must increase: {t.lastkey!r}..{key!r}")
        pos = self.pos
        t.index.append(pos)
        row = _lengths.pack(len(key), len(value)) + key + value
        buf = self.buf
        buf.append(row)
        if len(buf) >= 4096:
            self.flush()
        h = int.from_bytes(md5(key).digest()[12:], "big") if self.fast_hash else t.hashfn(key)
        t.buckets[h & 255].append((h, pos))
        t.lastkey = key
        self.pos = pos + len(row)


def _inline_row(posts: list[tuple[bytes, int, float, bytes]], lens: list[int] | None) -> bytes:
    """What ``W3TermInfo.to_bytes`` writes for postings inlined in the term dictionary (flags,
    total weight, document frequency, min/max length bytes, max weight, first/last id, then the
    pickled ``(ids, weights, values)``)."""
    ids = tuple(p[1] for p in posts)
    weights = tuple(p[2] for p in posts)
    values = tuple(p[3] for p in posts if p[3])
    total, maxweight = sum(weights), max(weights)
    found = [n for n in map(lens.__getitem__, ids) if n] if lens is not None else []
    lo = length_to_byte(min(found)) if found else 0
    hi = length_to_byte(max(found)) if found else 0
    return _pack_terminfo(True, total, len(ids), lo, hi, max(maxweight, 0), ids[0], ids[-1]) + \
        dumps((ids, weights, values), 2)


class _InlineMatcher(ListMatcher):
    """Matcher over inlined postings whose empty values are ``b""`` like block postings.

    Whoosh's ``ListMatcher`` answers ``""`` (str) for formats without values (``Existence``), which
    a segment merge then rejects (``vbytes=''``); block matchers give ``b""``.
    """

    def value(self):
        return super().value() if self._values else b""

    def all_items(self):
        if self._values:
            return super().all_items()
        return zip(self._ids, repeat(b""))


class TracuuCodec(W3Codec):
    """``W3Codec`` whose field writer takes whole terms, with working inlined postings (same
    on-disk format)."""

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return _InlineMatcher(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)


def fast_codec(inline_limit: int = INLINE_LIMIT, compression: int = 0) -> TracuuCodec:
    """A codec that inlines rare terms' postings, skips zlib, and memoises field lengths."""
    _enable_inlining()
    return TracuuCodec(inlinelimit=inline_limit, compression=compression)
