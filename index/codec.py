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
and reads, somewhat larger postings file).

Third, postings are pickled compactly (:data:`PICKLE_PROTOCOL`, whole weights as ints): Whoosh
pickles blocks and inlined postings with protocol 2, where every bytes value (a positions list)
costs a ~30-byte ``_codecs.encode`` call. Whoosh's readers unpickle either. With the formats of
:mod:`index.formats` this halved the index (bench: index/fieldstats.py).

Fourth (issue 11), the term dictionary is :mod:`index.termdict`'s: rows in zlib-compressed
sorted blocks, inlined postings as varints, instead of Whoosh's hash file (~90 bytes a term,
60 % of the index). Segments written before it keep Whoosh's file: the codec pickled in each
segment says which (``terms_format``), so old indexes open and merge with new segments.

These indexes are **not** readable without tracuu: the codec object is pickled into each
segment's table of contents and the formats into the schema (index/whoosh_compat.py's note).

Second, the field writer takes whole terms (:meth:`_FieldWriter.add_grouped`, fed by
:mod:`index.segment`) instead of single postings: Whoosh looked up the document's field length
once per *posting* through the file-backed length column (~14 µs each) and called its block
writer once per posting; here each field's lengths are read once, rare terms' term-info rows are
built directly, posting blocks are filled a block at a time, and term-dictionary rows and hash
tables are written in batches. The layout is Whoosh 3's.

Use: ``GroupedSegmentWriter(ix, codec=fast_codec(), limitmb=...)`` (``ix.writer(codec=...)``
works too, through Whoosh's own pool). bench/index.py measures the effect.
The codec object is pickled into each segment, so ``index.codec.TracuuCodec`` must stay importable
under this name for reading indexes written with it. Whoosh's private names it needs are in
:mod:`index.whoosh_compat`.
"""

from __future__ import annotations

from itertools import repeat
from pickle import dumps

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte

from index import termdict
from index import whoosh_compat as wc

#: Terms with fewer postings than this are stored inline in the term dictionary.
INLINE_LIMIT = 8
#: Pickle protocol of inlined postings and posting blocks. Whoosh writes protocol 2, where a
#: bytes value (a positions list) costs ~30 bytes of ``_codecs.encode`` call and a float 9;
#: protocol 3 writes bytes as bytes (2 + n) and is read by the same ``pickle.loads``.
PICKLE_PROTOCOL = 3


def compact_weights(weights):
    """Weights as ints when they all are whole numbers (term frequencies at boost 1.0: 2 bytes
    in a pickle instead of a 9-byte float); readers only do arithmetic with them."""
    if all(type(w) is int or w.is_integer() for w in weights):
        return tuple(map(int, weights))
    return tuple(weights)


def _field_lengths(lengths, fieldname: str, field) -> list[int] | None:
    """Every document's length in one field (Whoosh's length column, read once per field: the
    generic loop asked for it once per posting), or None when lengths are not kept."""
    if lengths is None or not field.scorable:
        return None
    dfl = lengths.doc_field_length
    return [dfl(d, fieldname, 0) for d in range(lengths.doc_count_all())]


class _FieldWriter(W3FieldWriter):
    def __init__(self, codec, storage, segment) -> None:
        super().__init__(codec, storage, segment)
        self._compact = getattr(codec, "terms_format", 1) >= 2
        if self._compact:  # index/termdict.py's blocks instead of Whoosh's hash file
            wc.use_block_terms_writer(self, termdict.BlockTermsWriter)
        else:
            wc.use_fast_terms_writer(self)  # same state, faster close()

    def add_postings(self, schema, lengths, items):
        """Whoosh's contract (sorted single postings, e.g. from a merge), regrouped by term for
        :meth:`add_grouped`."""
        self.add_grouped(schema, lengths, _group_postings(items))

    def add_grouped(self, schema, lengths, groups):
        """Write ``(fieldname, term bytes, [(term, docnum, weight, value), ...])`` groups, sorted
        by field then term, each with its postings in docnum order (:mod:`index.segment`); in
        place of the list, a merge may give a compact inline row ready to copy (bytes).

        Field lengths are read once per field. A term in fewer than the inline limit of documents
        (most bigrams: two thirds of all terms) gets its term-info row built in one step
        (:func:`_inline_row`, the bytes ``W3TermInfo.to_bytes`` would write; a term seen once in
        one document has the same row as every other such term of that document, so those rows
        are memoised), skipping the block writer's per-term set-up; the others go through
        Whoosh's block writer (:meth:`_block_term`).
        """
        inline_limit = wc.inline_limit(self._codec)
        compact = self._compact
        rows = _DirectRows(wc.term_dictionary(self)) if compact else wc.TermRowWriter(wc.term_dictionary(self))
        add_row = rows.add
        make_row = _compact_row if compact else _inline_row
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
                prefix = pack_ushort(wc.field_id(self))
                lastfn = fieldname
                lens = _field_lengths(lengths, fieldname, field)
                singles = {}
            if type(postings) is bytes:  # a merged term's ready row (index.segment._merged_groups)
                if compact:
                    add_row(prefix + btext, postings)
                    continue
                ids, weights, values, _lo, _hi = termdict.decode_inline(postings)
                postings = list(zip(repeat(btext), ids, weights, values or repeat(b""), strict=False))
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
                    row = singles[key] = make_row(postings, lens)
                add_row(prefix + btext, row)
            elif n < inline_limit:
                add_row(prefix + btext, make_row(postings, lens))
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
        limit = wc.block_limit(self)
        for i in range(0, len(postings), limit):
            if i:
                wc.next_block(self)
            chunk = postings[i:i + limit]
            ids = [p[1] for p in chunk]
            lengths = [n for n in map(lens.__getitem__, ids) if n] if lens is not None else []
            wc.fill_block(self, ids, [p[2] for p in chunk], [p[3] for p in chunk], lengths)
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


class _DirectRows:
    """Rows straight into a :class:`index.termdict.BlockTermsWriter` (it buffers them itself)."""

    def __init__(self, tindex) -> None:
        self.add = tindex.add

    def flush(self) -> None:
        pass

    def resync(self) -> None:
        pass


_pack_terminfo = wc.TERMINFO_STRUCT.pack


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
        dumps((ids, compact_weights(weights), values), PICKLE_PROTOCOL)


def _compact_row(posts: list[tuple[bytes, int, float, bytes]], lens: list[int] | None) -> bytes:
    """The inline row of :mod:`index.termdict` (varints), or Whoosh's when a weight is not whole."""
    ids = [p[1] for p in posts]
    found = [n for n in map(lens.__getitem__, ids) if n] if lens is not None else []
    lo = length_to_byte(min(found)) if found else 0
    hi = length_to_byte(max(found)) if found else 0
    row = termdict.encode_inline(ids, [p[2] for p in posts], [p[3] for p in posts if p[3]], lo, hi)
    return row if row is not None else _inline_row(posts, lens)


class TracuuCodec(W3Codec):
    """``W3Codec`` whose field writer takes whole terms, with working inlined postings and
    compactly pickled postings (read by Whoosh's own readers).

    ``terms_format`` 2 (set by :func:`fast_codec`; the object is pickled into each segment it
    writes) stores the term dictionary as :mod:`index.termdict`'s compressed blocks; segments
    written before it have no such attribute (1: Whoosh's hash file) and are read as before.
    """

    terms_format = 1

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def terms_reader(self, storage, segment):
        if getattr(self, "terms_format", 1) < 2:
            return super().terms_reader(storage, segment)
        name = segment.make_filename(self.TERMS_EXT)
        return termdict.BlockTermsReader(self, storage.open_file(name), storage.file_length(name),
                                         segment.open_file(storage, self.POSTS_EXT))

    def postings_writer(self, dbfile, byteids=False):
        return wc.compact_postings_writer(self, dbfile, byteids, PICKLE_PROTOCOL, compact_weights)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return wc.InlineMatcher(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)


def fast_codec(inline_limit: int = INLINE_LIMIT, compression: int = 0, terms_format: int = 2) -> TracuuCodec:
    """A codec that inlines rare terms' postings, skips zlib on posting blocks, and writes the
    compact term dictionary (``terms_format=1``: Whoosh's hash file, as before issue 11)."""
    wc.enable_inlining()
    codec = TracuuCodec(inlinelimit=inline_limit, compression=compression)
    codec.terms_format = terms_format
    return codec
