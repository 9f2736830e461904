"""Every private name of whoosh-reloaded that tracuu relies on, in one place.

Why: tracuu's writer, codec and searcher reach below Whoosh's public API for speed (reading term
infos, posting blocks and column files directly, writing whole terms). Those names can change
between Whoosh releases without notice; keeping them behind this module means an upgrade is
checked here, against the note below, instead of across index/ and search/.

Checked against: whoosh-reloaded 2.7.5 (the version setup.cfg pins), CPython 3.11 and 3.12.
:func:`check` asserts that every name listed below exists (tests/test_whoosh_compat.py runs it),
so an upgrade that renames one fails a test rather than a user's import.

**Indexes are not plain Whoosh indexes.** Each segment's table of contents pickles the codec
object (:class:`index.codec.TracuuCodec`) and the schema pickles the field formats
(:mod:`index.formats`) and analyzers (:mod:`index.analysis`, :mod:`index.schema`); reading an
index therefore imports those classes by name, and the index can only be opened where this
package is importable. The *bytes* of the term dictionary and posting files are Whoosh 3's
layout (rows, hash tables, blocks: Whoosh's readers decode them through ``pickle.loads``), but
the values of the F fields are :class:`index.formats.CompactPositions` varints, which only that
format decodes. Renaming or moving any of those classes breaks every existing index: keep an
alias. An index written before a format change keeps its pickled formats and still opens;
``tracuu reindex`` rewrites it in the current format.

What index/ relies on (section "used by index/"; callers: index/codec.py, index/segment.py,
index/writer.py, index/parallel.py, index/fieldstats.py):

* Term dictionary (``whoosh.filedb.filetables``): records are ``_lengths`` (``!ii``: key length,
  value length) + key + value, hash tables of ``_pointer`` slots (``!Iq``), an ordered position
  index; ``OrderedHashWriter``'s state (``dbfile``, ``index``, ``buckets``, ``directory``,
  ``lastkey``, ``hashfn``) and ``_write_hashes`` (overridden to write a table at a time);
  ``md5_hash`` as the default hash. Reading: ``W3TermsReader._tindex`` (``dbfile``,
  ``startofdata``, ``endofdata``), ``_fieldunmap``, ``_codec``, ``_postfile``.
* Term infos (``whoosh.codec.whoosh3.W3TermInfo``): ``_struct`` (``!BfIBBfII``: flags, total
  weight, doc frequency, min/max length bytes, max weight, first/last id), then either the
  pickled ``(ids, weights, values)`` of inlined postings or a long offset and an int length.
  2.7.5's writer calls ``set_inline`` while the class defines ``set_inlined``: :func:`enable_inlining`
  adds the alias. ``from_bytes`` reads the length as a 1-tuple (:func:`postings_extent` decodes it).
* Field writer (``W3FieldWriter``): ``_tindex`` (its class is swapped to :class:`FastTermsWriter`,
  same state), ``_fieldid``, ``_postwriter``, ``start_field``/``finish_field``/``start_term``/
  ``finish_term``; the codec's ``_blocklimit``, ``_compression``, ``_inlinelimit``.
* Posting blocks (``W3PostingsWriter``): the buffers ``_ids``, ``_weights``, ``_values``,
  ``_maxweight``, ``_minlength``, ``_maxlength``, ``_blocklimit``, and ``_write_block`` (replaced
  by :class:`CompactPostingsWriter` with the same layout: block length int, pickled info tuple,
  pickled ``(ids, weights, values)``), ``_blockcount``, ``_postfile``, ``_terminfo``,
  ``_new_block``, ``_mini_ids``/``_mini_weights``/``_mini_values``, ``_compression``;
  ``WHOOSH3_HEADER_MAGIC``. Reading (merges): ``W3LeafMatcher._read_ids``/``_read_weights``/
  ``_read_values``, ``_ids``/``_weights``/``_values``, ``_next_block``; a block's weights may be
  ints (whole frequencies) — Whoosh only does arithmetic with them.
* Segment writer (``whoosh.writing.SegmentWriter``, subclassed by
  :class:`index.segment.GroupedSegmentWriter`): ``_check_state``, ``_doc_boost``,
  ``_field_boost``, ``_check_fields``, ``_added``, ``docnum``, ``perdocwriter``, ``fieldwriter``,
  ``pool``, ``write_per_doc``, ``per_document_reader``, ``_flush_segment``, ``segments`` and
  ``_setup_doc_offsets`` (segments adopted from other processes, :mod:`index.parallel`);
  readers' ``_terms`` and ``deleted_docs_set``. ``FileIndex._read_toc`` gives a folder's segments.
* Term dictionary of ``terms_format`` 2 (:mod:`index.termdict`): :func:`use_block_terms_writer`
  replaces the field writer's ``_tindex`` (after Whoosh's constructor wrote its 13-byte header)
  and shares its ``_fieldmap``; the field writer's ``finish_term`` then calls ``_tindex.add``
  for terms with posting blocks as before. Reading goes through the codec's public
  ``terms_reader`` hook; index/termdict.py builds term infos with ``W3TermInfo``'s public
  constructor and ``set_inlined`` and implements Whoosh's public ``TermsReader`` interface (a
  missing term is ``KeyError`` for ``frequency``/``doc_frequency``, as ``SegmentReader`` expects).
* Files: ``clean_files`` removes any segment file not listed in the newest table of contents,
  which is why writer processes write into folders of their own (:mod:`index.parallel`).

What search/ relies on (section "used by search/" below; search/postings.py is the only caller):
``W3LeafMatcher``'s block (``_read_data``, ``_data``, ``_byteids``, ``_read_weights``, ``_ids``,
``_weights``, ``_i``, ``_next_block``), ``FilterMatcher``'s deleted set (``_exclude``, ``_ids``,
``child``), and the per-document length column (``_perdoc._cached_reader``, ``_lenfield``,
``LENGTHS_COLUMN``, the column reader's ``_dbfile``/``_basepos``/``_count``); inlined postings
``ListMatcher`` lists (``_ids``, ``_weights``, ``_all_weights``, ``_i``); the term dictionary's
hash tables and ordered position index for :class:`TermLookup` (``W3TermsReader._tindex``,
``_fieldmap``, ``_codec``, ``_postfile``; ``OrderedHashReader.tables``, ``hashfn``,
``endofdata``, ``extras["indextype"]``, ``indexbase``, ``indexsize``, ``indexlen``; the term
info's doc-frequency offset), ``NumericColumn.Reader``'s ``_typecode``/``_count``/``_default``/
``_fixedlen`` (:func:`numeric_column`), and ``VarBytesColumn.Reader._read_offsets_and_lengths``,
replaced by an equivalent (:func:`speed_up_stored_offsets`). Every helper falls back to the
public API when those are absent, so only speed depends on them. search/storage.py
opens the index (memory maps for hash tables, positional reads for the rest) through public
classes only (``FileStorage``, ``StructFile``).
"""

from __future__ import annotations

# --- used by index/ (writer, segment, codec, parallel, fieldstats) ----------------------------
from collections.abc import Callable, Iterator  # noqa: E402
from hashlib import md5  # noqa: E402
from itertools import repeat  # noqa: E402
from pickle import dumps  # noqa: E402
from zlib import compress  # noqa: E402

from whoosh.codec.whoosh3 import (  # noqa: E402
    WHOOSH3_HEADER_MAGIC,
    W3PostingsWriter,
    W3TermInfo,
    W3TermsReader,
)
from whoosh.filedb.filetables import OrderedHashWriter, _lengths, _pointer, md5_hash  # noqa: E402
from whoosh.matching import ListMatcher  # noqa: E402
from whoosh.util.numeric import length_to_byte  # noqa: E402
from whoosh.writing import SegmentWriter  # noqa: E402

#: a term-dictionary record's header: key length, value length (``filetables._lengths``, ``!ii``)
ROW_HEADER_STRUCT = _lengths
ROW_HEADER = _lengths.size
#: the fixed part of a term-info row (flags, weight, doc frequency, lengths, max weight, ids)
TERMINFO_STRUCT = W3TermInfo._struct
TERMINFO_SIZE = W3TermInfo._struct.size
#: bytes per term outside its row: two hash-table slots and one position-index entry
TERM_TABLE_BYTES = 2 * _pointer.size + 4
_pack_pointer = _pointer.pack


def check() -> None:
    """Raise AttributeError naming the first relied-on name this Whoosh lacks."""
    from whoosh.codec.whoosh3 import W3FieldWriter, W3LeafMatcher
    from whoosh.index import FileIndex

    needed = {
        W3TermInfo: ("_struct", "set_inlined", "from_bytes"),
        W3TermsReader: ("__init__",),
        W3FieldWriter: ("start_field", "finish_field", "start_term", "finish_term"),
        W3PostingsWriter: ("_write_block", "_new_block", "_mini_ids", "_mini_weights", "_mini_values"),
        W3LeafMatcher: ("_read_ids", "_read_weights", "_read_values", "_next_block"),
        OrderedHashWriter: ("_write_hashes", "add"),
        SegmentWriter: ("_check_state", "_doc_boost", "_field_boost", "_check_fields", "write_per_doc",
                        "per_document_reader", "_flush_segment", "_setup_doc_offsets"),
        FileIndex: ("_read_toc",),
    }
    for cls, names in needed.items():
        for name in names:
            if not hasattr(cls, name):
                raise AttributeError(f"whoosh: {cls.__name__}.{name} is gone (index/whoosh_compat.py)")


def enable_inlining() -> None:
    """Give W3TermInfo the method name the postings writer calls (whoosh-reloaded 2.7.5 bug)."""
    if not hasattr(W3TermInfo, "set_inline"):
        W3TermInfo.set_inline = W3TermInfo.set_inlined


def toc_segments(ix) -> list:
    """The segment objects listed in an index's current table of contents."""
    return list(ix._read_toc().segments)


def setup_doc_offsets(writer) -> None:
    """Recompute a ``SegmentWriter``'s document offsets after segments were appended to its
    ``segments`` list (deletions by docnum rely on them)."""
    writer._setup_doc_offsets()


def segment_terms(reader):
    """A segment reader's Whoosh 3 term dictionary (Whoosh's hash file or tracuu's blocks,
    :mod:`index.termdict`), or None (another codec: use the public API)."""
    from index.termdict import BlockTermsReader

    terms = getattr(reader, "_terms", None)
    ok = isinstance(terms, (W3TermsReader, BlockTermsReader))
    return terms if ok and hasattr(reader, "deleted_docs_set") else None


def reopen_segment_reader(writer, reader):
    """A new reader of ``reader``'s segment (with its deletions): a merge streams a segment's
    postings after Whoosh's merge policy has closed the reader it passed."""
    from whoosh.reading import SegmentReader

    return SegmentReader(writer.storage, writer.schema, reader.segment())


def postings_extent(row: bytes) -> tuple[int, int]:
    """(offset, length) in the postings file of a term with its own blocks: after the fixed
    part, a long offset and an int length (``W3TermInfo.from_bytes`` reads the length as a
    1-tuple in whoosh-reloaded 2.7.5, so it is decoded here)."""
    size = TERMINFO_SIZE
    return int.from_bytes(row[size:size + 8], "big", signed=True), int.from_bytes(row[size + 8:size + 12], "big")


def scan_terms(terms: W3TermsReader, window: int = 1 << 22) -> Iterator[tuple[str, bytes, bytes]]:
    """``(field name, term bytes, term-info row)`` of every term of a segment, in file order.

    Whoosh's ``items()`` makes three file reads and a term-info object (unpickling inlined
    postings) per term; this reads the dictionary's records a window at a time. A block
    dictionary (:mod:`index.termdict`) gives its rows itself."""
    rows = getattr(terms, "rows", None)
    if rows is not None:
        yield from rows()
        return
    table = terms._tindex
    dbfile = table.dbfile
    unmap = terms._fieldunmap
    head = _lengths.size
    unpack = _lengths.unpack_from
    pos, eod = table.startofdata, table.endofdata
    while pos < eod:
        buf = dbfile.get(pos, min(window, eod - pos))
        off, n = 0, len(buf)
        while off + head <= n:
            keylen, datalen = unpack(buf, off)
            end = off + head + keylen + datalen
            if end > n:
                break
            key = off + head
            yield unmap[(buf[key] << 8) | buf[key + 1]], buf[key + 2:key + keylen], buf[key + keylen:end]
            off = end
        if off == 0:  # one record longer than the window
            if window >= eod - pos:
                raise ValueError(f"truncated term dictionary record at byte {pos}")
            window *= 2
        pos += off


def read_block_postings(terms: W3TermsReader, fieldname: str, tbytes: bytes, row: bytes, format_):
    """``(ids, weights, values)`` of a term with its own posting blocks, a block at a time
    (empty values as ``b""``)."""
    info = W3TermInfo.from_bytes(row)  # a row with blocks: Whoosh's layout in either dictionary
    m = terms._codec.postings_reader(terms._postfile, info, format_, term=(fieldname, tbytes))
    ids, weights, values = [], [], []
    while m.is_active():
        m._read_ids()
        m._read_weights()
        m._read_values()
        ids.extend(m._ids)
        weights.extend(m._weights)
        values.extend([v or b"" for v in m._values])
        m._next_block()
    return ids, weights, values


class FastTermsWriter(OrderedHashWriter):
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


def use_fast_terms_writer(field_writer) -> None:
    """Swap the field writer's term dictionary to :class:`FastTermsWriter` (same state)."""
    field_writer._tindex.__class__ = FastTermsWriter


def use_block_terms_writer(field_writer, cls) -> None:
    """Replace the field writer's term dictionary (Whoosh's ``OrderedHashWriter``, which has only
    written its 13-byte header) by ``cls(dbfile)`` on the same file, sharing the field map."""
    old = field_writer._tindex
    new = cls(old.dbfile)
    new.extras["fieldmap"] = field_writer._fieldmap
    field_writer._tindex = new


def term_dictionary(field_writer):
    return field_writer._tindex


def field_id(field_writer) -> int:
    """The number of the field being written (the first two bytes of its term keys)."""
    return field_writer._fieldid


def inline_limit(codec) -> int:
    return codec._inlinelimit


class TermRowWriter:
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


def block_limit(field_writer) -> int:
    return field_writer._postwriter._blocklimit


def fill_block(field_writer, ids, weights, values, lengths: list[int]) -> None:
    """Put one block's postings into the block writer's buffers (what ``add_posting`` would
    build one posting at a time); ``next_block`` writes it."""
    from array import array as _array

    pw = field_writer._postwriter
    pw._ids = _array("I", ids)
    pw._weights = _array("f", weights)
    pw._values = [v for v in values if v]
    pw._maxweight = max(0, max(weights))
    pw._minlength = min(lengths) if lengths else None
    pw._maxlength = max(lengths) if lengths else 0


def next_block(field_writer) -> None:
    field_writer._postwriter._write_block()


class CompactPostingsWriter(W3PostingsWriter):
    """Whoosh's block writer with the block data pickled with ``protocol`` and its weights
    passed through ``weights`` (see :mod:`index.codec`): Whoosh's layout, read by its reader."""

    protocol = 2
    weights: Callable | None = None

    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        weights = self._mini_weights()
        if isinstance(weights, tuple) and self.weights is not None:
            weights = self.weights(weights)
        databytes = dumps((self._mini_ids(), weights, self._mini_values()), self.protocol)
        comp = self._compression
        if comp:
            databytes = compress(databytes, comp)
        ids = self._ids
        infobytes = dumps((len(ids), ids[-1], self._maxweight, comp, length_to_byte(self._minlength),
                           length_to_byte(self._maxlength)), 2)
        blocklength = len(infobytes) + len(databytes)
        postfile = self._postfile
        postfile.write_int(-blocklength if last else blocklength)
        postfile.write(infobytes)
        postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class InlineMatcher(ListMatcher):
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


def compact_postings_writer(codec, dbfile, byteids: bool, protocol: int, weights: Callable):
    """A :class:`CompactPostingsWriter` with ``codec``'s block size, compression, inline limit."""
    pw = CompactPostingsWriter(dbfile, blocklimit=codec._blocklimit, byteids=byteids,
                               compression=codec._compression, inlinelimit=codec._inlinelimit)
    pw.protocol = protocol
    pw.weights = weights
    return pw


# --- used by search/ (postings, matching, ranking, facets, suggestions) ----------------------
import pickle  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import zlib  # noqa: E402

# Everything search/ needs from below Whoosh's public API. Each helper falls back to
# the public (slower) API when the structures are not what 2.7.5 builds, so a Whoosh upgrade
# that renames them costs speed, never results.
from array import array  # noqa: E402
from bisect import bisect_left  # noqa: E402
from itertools import accumulate  # noqa: E402
from itertools import compress as _select  # noqa: E402
from operator import not_  # noqa: E402

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield  # noqa: E402
from whoosh.matching.wrappers import FilterMatcher  # noqa: E402


def read_leaf_postings(m, deleted: frozenset[int] | None = None) -> tuple[array, array]:
    """All ``(docnums, weights)`` of one segment's posting matcher, as arrays, deleted documents
    removed (docnums are the segment's own, not offset).

    Why private names: stepping a matcher costs several Python calls per posting; Whoosh's
    ``W3LeafMatcher`` keeps a whole block as one unpickled tuple (``_read_data``/``_data``: ids
    delta-encoded unless ``_byteids``, then weights), so we take the block and decode its ids
    with ``itertools.accumulate`` (``_read_ids`` does it with a Python generator), then move on
    with ``_next_block``. A segment with deletions
    wraps it in a ``FilterMatcher`` whose ``_ids`` are the deleted docnums (``_exclude``); a
    caller holding the bare matcher passes the segment's ``deleted`` set instead (building the
    ``FilterMatcher`` decodes the first block the slow way to find its first live document).
    """
    if isinstance(m, FilterMatcher) and m._exclude:  # deletions in this segment
        deleted = m._ids if isinstance(m._ids, frozenset) else frozenset(m._ids)
        m = m.child
    ids: array = array("i")
    ws: array = array("f")
    if isinstance(m, W3LeafMatcher):
        while m.is_active():
            i = m._i
            block_ids, block_ws = _decode_block(m)
            ids.extend(block_ids[i:] if i else block_ids)
            ws.extend(block_ws[i:] if i else block_ws)
            m._next_block()
    elif isinstance(m, ListMatcher):  # inlined terms (index.codec): the lists are at hand
        i = m._i
        block_ids = m._ids[i:] if i else m._ids
        ids = array("i", block_ids)
        if m._all_weights:
            ws = array("f", [m._all_weights]) * len(ids)
        elif m._weights:
            ws = array("f", m._weights[i:] if i else m._weights)
        else:
            ws = array("f", [1.0]) * len(ids)
    else:  # anything else: the public matcher API
        while m.is_active():
            ids.append(m.id())
            ws.append(m.weight())
            m.next()
    if deleted and not deleted.isdisjoint(ids):  # C-level checks: most lists hold none
        live = list(map(not_, map(deleted.__contains__, ids)))
        ids = array("i", _select(ids, live))
        ws = array("f", _select(ws, live))
    return ids, ws


#: one pickled number: an int (K: 1 byte, M: 2, J: 4 signed) or a float (G: 8-byte double)
_NUM = rb"(?:K.|M..|J....|G.{8})"
#: one pickled tuple of numbers as protocols 2 and 3 write it: ``(`` MARK numbers ``t``, or 1–3
#: numbers and TUPLE1/2/3 (``\x85``–``\x87``), or ``)`` (empty, not memoised); then its memo
#: (BINPUT ``q``).
_NUM_TUPLE = rb"(?:\(" + _NUM + rb"*t|" + _NUM + rb"{1,3}[\x85-\x87])q.|\)"
#: the head of a posting block's pickled ``(ids, weights, values)`` tuple: Whoosh 2.7 writes
#: protocol 2, tracuu's codec (index.codec) protocol 3; ids are a tuple of ints, weights None
#: (all 1), one float, or a tuple of floats (Whoosh) or ints (tracuu: whole frequencies).
#: Parsed opcode by opcode, so a match ends exactly before the values. Used for protocol 2 only
#: (:func:`_block_ids_weights` says why); it parses protocol 3 too, which the tests check.
_BLOCK_HEAD = re.compile(rb"\x80[\x02\x03](?:" + _NUM_TUPLE + rb")(?:" + _NUM_TUPLE + rb"|N|G.{8})", re.S)


def _decode_block(m) -> tuple:
    """``(docnums, weights)`` of a ``W3LeafMatcher``'s current block (segment docnums)."""
    if m._ids is not None or m._data is not None:  # the matcher decoded this block already
        if m._ids is None:
            m._read_ids()
        if m._weights is None:
            m._read_weights()
        return m._ids, m._weights
    raw, weights = _block_ids_weights(m)
    # ids are delta-encoded unless ``_byteids``: decode at C speed (``_read_ids`` runs a Python
    # generator per posting)
    block_ids = raw if m._byteids else array("i", accumulate(raw))
    n = len(block_ids)
    if weights is None:
        return block_ids, array("f", [1.0]) * n
    if isinstance(weights, float):
        return block_ids, array("f", [weights]) * n
    return block_ids, weights


def weights_at(m, wanted: list[int]) -> dict[int, float]:
    """Weights (term frequencies) of one segment's posting matcher at a few documents
    (``wanted``: sorted segment docnums, none of them deleted), as ``{docnum: weight}``.

    Why private names: Whoosh's ``skip_to`` decodes every block it lands on whole (positions
    included); here blocks are passed by their header's ``_maxid`` and only the ones holding a
    wanted document are decoded, without their positions (:func:`_decode_block`).
    """
    if isinstance(m, FilterMatcher):
        m = m.child
    out: dict[int, float] = {}
    k = 0
    if not isinstance(m, W3LeafMatcher):
        for local in wanted:
            if not m.is_active():
                break
            if m.id() < local:
                m.skip_to(local)
                if not m.is_active():
                    break
            if m.id() == local:
                out[local] = m.weight()
        return out
    while m.is_active() and k < len(wanted):
        if m._maxid < wanted[k]:
            m._next_block()
            continue
        block_ids, block_ws = _decode_block(m)
        while k < len(wanted) and wanted[k] <= m._maxid:
            j = bisect_left(block_ids, wanted[k])
            if j < len(block_ids) and block_ids[j] == wanted[k]:
                out[wanted[k]] = block_ws[j]
            k += 1
        m._next_block()
    return out


def _block_ids_weights(m) -> tuple:
    """``(raw ids, weights)`` of the matcher's current block without unpickling its values.

    Why: the values are the positions, one bytes object per posting. Protocol 2 (Whoosh's
    writer, older indexes) pickles each as a ``_codecs.encode`` call; unpickling them is most of
    decoding such a block, so its head (ids and weights) is cut at the exact opcode boundary
    (:data:`_BLOCK_HEAD`) and unpickled alone. Protocol 3 (tracuu's writer) pickles them as
    plain bytes and E/B/D blocks have no values at all: there one ``pickle.loads`` of the whole
    block is faster than matching the head (measured on a 2,000-page index: 0.4–2.4 µs a block
    whole against 1.0–2.5 µs cut), so it is unpickled whole; so is any layout the regex misses.
    """
    b = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
    if m._compression:
        b = zlib.decompress(b)
    head = _BLOCK_HEAD.match(b) if b[1:2] == b"\x02" else None
    data = pickle.loads(b[:head.end()] + b"\x86.") if head else pickle.loads(b)
    return data[0], data[1]


def length_bytes(leaf, fieldname: str) -> bytes | None:
    """One segment's field-length column as raw bytes (one ``length_to_byte`` code a document),
    or None when the codec keeps lengths some other way (then use ``doc_field_length``).

    Why private names: 40k ``doc_field_length`` calls cost ~40 ms; the column is one read of
    ``_perdoc._cached_reader(...)``'s ``_dbfile`` at ``_basepos`` for ``_count`` bytes.
    """
    try:
        col = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    except AttributeError:
        return None
    if col is None:
        return b""
    return bytes(col._dbfile.get(col._basepos, col._count))


def numeric_column(col, doccount: int) -> list[int] | None:
    """Every value of one segment's fixed-width numeric column reader (``NumericColumn.Reader``,
    e.g. the ``published`` column) as a list, from one slice of the file; None when the reader
    is another kind (then read it value by value).

    Why private names: ``col[i]`` is a ``get`` + ``struct.unpack`` per document; the column is
    ``_count`` big-endian values of ``_typecode`` at ``_basepos`` of ``_dbfile``, and documents
    past ``_count`` have ``_default`` (Whoosh's writer stops at the last non-default value)."""
    from whoosh.columns import NumericColumn

    if type(col) is not NumericColumn.Reader:
        return None
    try:
        code, count, default = col._typecode, col._count, col._default
        raw = col._dbfile.get(col._basepos, count * col._fixedlen)
        values = array(code)
        if values.itemsize != col._fixedlen:
            return None
        values.frombytes(raw)
    except (AttributeError, ValueError):
        return None
    if len(values) != count:
        return None
    if sys.byteorder == "little":
        values.byteswap()
    out = values.tolist()[:doccount]
    return out + [default] * (doccount - len(out))


class TermLookup:
    """Term-dictionary look-ups over every segment of a reader, the key hashed once.

    Why private names: Whoosh looks a term up segment by segment, and each segment reader
    encodes the key, hashes it with md5 and walks its hash table through several layers of
    Python calls (``doc_frequency`` → ``_range_for_key`` → ``ranges_for_key``); a query's
    document frequencies (compiling, candidate selection, scoring, did-you-mean) are thousands
    of such look-ups over 9–11 segments. Here the key's bytes and md5 hash are computed once per
    field number and each segment's table (``OrderedHashReader``: ``tables`` of
    ``(position, slots)``, slots ``!Iq`` = hash, record position; records ``!ii`` key and value
    lengths + key + value) is probed straight in its memory map (search/storage.py).

    Segments with tracuu's block dictionary (:mod:`index.termdict`, no hash table: ``dbmap`` is
    None in their entry) are looked up through it, a bisect and a cached block, however its
    file is read (search/storage.py reads it with ``pread``, not a map).

    ``usable`` is False when any segment is neither a block dictionary nor Whoosh 3's md5 hash
    table over a memory map: then callers use the public API (same answers, slower).
    """

    def __init__(self, reader) -> None:
        from index.termdict import BlockTermsReader

        self.segments: list[tuple] = []
        self.usable = True
        for leaf, _base in reader.leaf_readers():
            terms = segment_terms(leaf)
            if isinstance(terms, BlockTermsReader):  # read through its own get(): mapped or not
                self.segments.append((None, None, terms._fieldmap, terms, leaf))
                continue
            table = getattr(terms, "_tindex", None)
            dbmap = getattr(getattr(table, "dbfile", None), "_map", None)
            if (terms is None or type(table) is not _OrderedHashReader or table.hashfn is not md5_hash
                    or not isinstance(dbmap, mmap.mmap) or len(getattr(table, "tables", ())) != 256):
                self.usable = False
                self.segments = []
                return
            self.segments.append((dbmap, table.tables, terms._fieldmap, terms, leaf))

    def find(self, k: int, fieldname: str, tbytes: bytes, keys: dict) -> tuple[int, int] | None:
        """``(value position, value length)`` of the term's row in segment ``k``, or None.
        ``keys`` caches the key bytes and hash per field number across the segments of one
        term (pass the same dict for all of them)."""
        dbmap, tables, fieldmap = self.segments[k][:3]
        if dbmap is None:
            raise TypeError(f"segment {k} has a block term dictionary (index.termdict): no hash-table row")
        fid = fieldmap.get(fieldname)
        if fid is None:
            return None
        kh = keys.get(fid)
        if kh is None:
            key = _pack_ushort(fid) + tbytes
            kh = keys[fid] = (key, int.from_bytes(md5(key).digest()[12:], "big"))
        key, keyhash = kh
        tablestart, numslots = tables[keyhash & 255]
        if not numslots:
            return None
        slotpos = tablestart + ((keyhash >> 8) % numslots) * _PTR_SIZE
        tableend = tablestart + numslots * _PTR_SIZE
        klen = len(key)
        for _ in range(numslots):
            slothash, itempos = _PTR_UNPACK(dbmap, slotpos)
            if not itempos:
                return None
            if slothash == keyhash:
                keylen, datalen = _LEN_UNPACK(dbmap, itempos)
                start = itempos + ROW_HEADER
                if keylen == klen and dbmap[start:start + keylen] == key:
                    return start + keylen, datalen
            slotpos += _PTR_SIZE
            if slotpos == tableend:
                slotpos = tablestart
        return None

    def doc_frequency(self, fieldname: str, tbytes: bytes) -> int:
        """Documents holding the term in all segments (deleted ones included, as Whoosh's)."""
        from index.termdict import doc_frequency

        keys: dict = {}
        total = 0
        for k, seg in enumerate(self.segments):
            if seg[0] is None:  # a block dictionary
                row = seg[3].row_of(fieldname, tbytes)
                total += doc_frequency(row) if row is not None else 0
                continue
            got = self.find(k, fieldname, tbytes, keys)
            if got is not None:
                total += _DF_UNPACK(seg[0], got[0] + _DF_OFFSET)[0]
        return total

    def deleted(self, k: int) -> frozenset[int]:
        """Segment ``k``'s deleted document numbers (empty without deletions)."""
        return self.segments[k][4].deleted_docs_set

    def matcher(self, k: int, fieldname: str, tbytes: bytes, format_, keys: dict, filtered: bool = True):
        """Segment ``k``'s posting matcher of the term (None when it lacks the term): what
        ``SegmentReader.postings`` builds (the codec's reader, deletions filtered out; with
        ``filtered=False`` the bare reader, for :func:`read_leaf_postings` with :meth:`deleted`)."""
        dbmap, _tables, _fieldmap, terms, leaf = self.segments[k]
        if dbmap is None:  # a block dictionary
            from index.termdict import term_info

            row = terms.row_of(fieldname, tbytes)
            if row is None:
                return None
            info = term_info(row)
        else:
            got = self.find(k, fieldname, tbytes, keys)
            if got is None:
                return None
            pos, length = got
            info = W3TermInfo.from_bytes(dbmap[pos:pos + length])
        m = terms._codec.postings_reader(terms._postfile, info, format_, term=(fieldname, tbytes))
        deleted = leaf.deleted_docs_set if filtered else None
        if deleted:
            m = FilterMatcher(m, deleted, exclude=True)
        return m


    def expand(self, fieldname: str, prefix: bytes, limit: int) -> list[bytes]:
        """The first ``limit`` terms of a field starting with ``prefix``, in lexicon (byte)
        order, over all segments: what ``reader.expand_prefix`` yields, without merging 9–11
        segment iterators term by term (each step of each a few Python calls). Each segment's
        first ``limit`` matching terms hold the overall first ``limit``."""
        found: set[bytes] = set()
        for dbmap, _tables, fieldmap, terms, _leaf in self.segments:
            fid = fieldmap.get(fieldname)
            if fid is None:
                continue
            if dbmap is None:  # a block dictionary: its terms in order from the prefix
                n = 0
                for fn, t in terms.terms_from(fieldname, prefix):
                    if fn != fieldname or not t.startswith(prefix) or n >= limit:
                        break
                    found.add(t)
                    n += 1
                continue
            table = terms._tindex
            key = _pack_ushort(fid) + prefix
            pos = _closest_key_pos(table, dbmap, key)
            if pos is None:
                continue
            eod = table.endofdata
            n = 0
            while pos < eod and n < limit:
                keylen, datalen = _LEN_UNPACK(dbmap, pos)
                start = pos + ROW_HEADER
                k = dbmap[start:start + keylen]
                if not k.startswith(key):
                    break
                found.add(k[2:])
                n += 1
                pos = start + keylen + datalen
        return sorted(found)[:limit]


def _closest_key_pos(table, dbmap, key: bytes) -> int | None:
    """``OrderedHashReader.closest_key_pos`` (position of the first key ≥ ``key``, None past the
    end) with the position index and keys read straight from the memory map."""
    code = table.extras.get("indextype")
    if code not in _INDEX_UNPACK:
        return table.closest_key_pos(key)
    unpack_pos = _INDEX_UNPACK[code]
    base, size = table.indexbase, table.indexsize
    lo, hi = 0, table.indexlen
    while lo < hi:
        mid = (lo + hi) // 2
        pos = unpack_pos(dbmap, base + mid * size)[0]
        keylen = _UINT_UNPACK(dbmap, pos)[0]
        start = pos + ROW_HEADER
        if dbmap[start:start + keylen] < key:
            lo = mid + 1
        else:
            hi = mid
    if lo == table.indexlen:
        return None
    return unpack_pos(dbmap, base + lo * size)[0]


import mmap  # noqa: E402
import struct  # noqa: E402

from whoosh.filedb.filetables import OrderedHashReader as _OrderedHashReader  # noqa: E402

_pack_ushort = struct.Struct("!H").pack
_PTR_SIZE = _pointer.size
_PTR_UNPACK = _pointer.unpack_from
_LEN_UNPACK = _lengths.unpack_from
#: a term-info row's document frequency: after the flags byte and the total weight float
_DF_OFFSET = 1 + 4
_DF_UNPACK = struct.Struct("!I").unpack_from
_UINT_UNPACK = struct.Struct("!I").unpack_from
#: the ordered position index's number types (``OrderedHashWriter`` picks the smallest)
_INDEX_UNPACK = {c: struct.Struct("!" + c).unpack_from for c in ("B", "H", "i", "I", "q")}


def _varbytes_offsets_and_lengths(self) -> None:
    """``VarBytesColumn.Reader._read_offsets_and_lengths`` of whoosh-reloaded 2.7.5 with the
    offsets summed by ``itertools.accumulate`` instead of a Python loop appending one offset a
    document (Whoosh's writer stores only lengths for small columns, e.g. the stored fields)."""
    dbfile = self._dbfile
    lastbyte = self._basepos + self._length - 1
    doccount = self._doccount
    lens_code = chr(dbfile.get_byte(lastbyte))
    offsets = None
    if lens_code == "X":
        self.had_stored_offsets = True
        lens_code = chr(dbfile.get_byte(lastbyte - 2))
        offsets_code = chr(dbfile.get_byte(lastbyte - 1))
        offsetstart = (lastbyte - 2) - doccount * struct.calcsize(offsets_code)
        offsets = dbfile.get_array(offsetstart, offsets_code, doccount)
        lastbyte = offsetstart
    lenstart = lastbyte - struct.calcsize(lens_code) * doccount
    lengths = dbfile.get_array(lenstart, lens_code, doccount)
    if offsets is None:
        offsets = array("L", accumulate(lengths, initial=0))
        offsets.pop()
    self._offsets = offsets
    self._lengths = lengths


_ORIGINAL_VARBYTES_OFFSETS = None


def speed_up_stored_offsets() -> None:
    """Let every variable-length column reader (the stored fields of each segment: the first
    stored document read from a segment builds its offsets, 2–4 ms a segment of 2–4k documents
    in Whoosh's loop) use :func:`_varbytes_offsets_and_lengths`: same offsets, same lengths.
    Installed once, only over the 2.7.5 method it was written against."""
    global _ORIGINAL_VARBYTES_OFFSETS
    from whoosh.columns import VarBytesColumn

    current = VarBytesColumn.Reader.__dict__.get("_read_offsets_and_lengths")
    if current is None or current is _varbytes_offsets_and_lengths:
        return
    if "had_stored_offsets" not in current.__code__.co_names:  # not the method this mirrors
        return
    _ORIGINAL_VARBYTES_OFFSETS = current
    VarBytesColumn.Reader._read_offsets_and_lengths = _varbytes_offsets_and_lengths
