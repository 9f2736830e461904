"""A compact term dictionary: sorted rows in zlib-compressed blocks, with compact term infos.

Why (issue 11, item 4): Whoosh keeps each term as a row of its ``OrderedHashWriter`` file — an
8-byte row header, the key, a 23-byte term-info struct and, for terms in few documents, their
postings pickled — plus two 12-byte hash-table slots and a 4-byte position entry. tracuu's
bigram and ``sugg`` fields have hundreds of thousands of terms, most in one document, so the
term dictionary was ~90 bytes a term and 60 % of the index (2,295 pages: 26.5 of 44.1 MB;
index/fieldstats.py). Here:

* Rows (key, value) are kept in sorted blocks of about :data:`BLOCK_BYTES`, each stored as
  zlib(key lengths, value lengths, keys, values). Sorted keys share long prefixes, which zlib
  folds; the lengths are two small arrays. A sparse index (each block's first key and offset)
  is read when the segment opens; a look-up is a bisect there, one block decoded (cached) and a
  bisect in it.
* A term in fewer documents than the codec's inline limit keeps its postings in its row as
  varints (:func:`encode_inline`: count, length bytes, id deltas, whole weights, values): ~6
  bytes for a term seen once, where the term-info struct and a pickle took ~45. Totals, maxima
  and first/last ids are derived from the postings. Terms with posting blocks keep Whoosh's
  term-info bytes (``W3TermInfo.to_bytes``), and postings whose weights are not whole numbers
  fall back to Whoosh's pickled inline row: :func:`term_info` reads all three.

File layout (``.trm``): Whoosh's 13-byte hash-file header (written by the field writer's
constructor, unused), :data:`MAGIC`, the blocks, then zlib(pickle(first keys, block offsets,
extras)) and a trailer of that index's offset (8 bytes, big-endian) and :data:`MAGIC`. The
field map (name → number, the keys' first two bytes) is in the extras, as in Whoosh's file.

Only segments whose codec says so (``TracuuCodec.terms_format == 2``) are written and read this
way; older segments keep Whoosh's hash file and are read as before.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import accumulate

from whoosh.codec.base import TermsReader
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.reading import TermNotFound
from whoosh.system import pack_ushort, unpack_ushort
from whoosh.util.numeric import byte_to_length

from index.whoosh_compat import TERMINFO_SIZE

MAGIC = b"TRD1"
#: uncompressed bytes of rows per block: larger blocks compress better, smaller ones decode
#: faster on a look-up. Measured on a 2,295-page segment's 283,000 terms (CPU time of a look-up
#: in a block not yet decoded / dictionary bytes): 512 B 14 µs / 4.89 MB, 1 KB 19 µs / 4.37 MB,
#: 2 KB 32 µs / 4.02 MB, 4 KB 51 µs / 3.79 MB (Whoosh's hash file: 26.5 MB).
BLOCK_BYTES = 1024
#: zlib level of the blocks (level 6 and 9 differ by < 1 % here; 6 writes twice as fast)
LEVEL = 6
#: first byte of a compact inline row without values / with values (Whoosh writes 0 or 1)
INLINE = 2
INLINE_VALUES = 3
_TRAILER = 12
_LITTLE = array("H", [1]).tobytes()[0] == 1
_CACHE = 512


# --- rows -------------------------------------------------------------------------------------


def _varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """The varint :func:`_varint` wrote at ``pos``, and the position after it."""
    n = shift = 0
    while True:
        b = data[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        if not b & 0x80:
            return n, pos
        shift += 7


def encode_inline(ids, weights, values, minlen: int, maxlen: int) -> bytes | None:
    """A compact inline row, or None when a weight is not a whole number (the caller writes
    Whoosh's pickled row then). ``minlen``/``maxlen`` are Whoosh's length bytes (0-255)."""
    out = bytearray((INLINE_VALUES if values else INLINE, minlen, maxlen))
    _varint(len(ids), out)
    last = 0
    for d in ids:
        _varint(d - last, out)
        last = d
    for w in weights:
        if type(w) is not int:
            if not w.is_integer() or w < 0:
                return None
            w = int(w)
        _varint(w, out)
    if values:
        if len(values) != len(ids):
            raise ValueError(f"{len(values)} values for {len(ids)} postings")
        for v in values:
            _varint(len(v), out)
            out += v
    return bytes(out)


def decode_inline(row: bytes) -> tuple[tuple, tuple, tuple, int, int]:
    """``(ids, weights, values, minlen byte, maxlen byte)`` of a compact inline row; values are
    ``()`` for a format without them."""
    count = row[3]
    if count and count < 0x80 and max(row[4:4 + 2 * count]) < 0x80:
        # every id delta and weight one byte (a term seen in a few documents): sliced at C speed
        ids = tuple(accumulate(row[4:4 + count]))
        weights = tuple(row[4 + count:4 + 2 * count])
        if row[0] == INLINE:
            return ids, weights, (), row[1], row[2]
        return ids, weights, _inline_values(row, 4 + 2 * count, count), row[1], row[2]
    pos = 3
    numbers: list[int] = []
    n = shift = 0
    # the count, then ids and weights: 1 + 2 × count varints
    want = None
    end = len(row)
    while pos < end:
        b = row[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        if b & 0x80:
            shift += 7
            continue
        numbers.append(n)
        n = shift = 0
        if want is None:
            want = 1 + 2 * numbers[0]
        if len(numbers) == want:
            break
    count = numbers[0]
    ids = tuple(accumulate(numbers[1:1 + count]))
    weights = tuple(numbers[1 + count:])
    values: tuple = ()
    if row[0] == INLINE_VALUES:
        values = _inline_values(row, pos, count)
    return ids, weights, values, row[1], row[2]


def _inline_values(row: bytes, pos: int, count: int) -> tuple[bytes, ...]:
    """The ``count`` length-prefixed posting values of an inline row from ``pos`` (a one-byte
    length, the common case, is read without the varint loop)."""
    vals = []
    for _ in range(count):
        n = row[pos]
        if n < 0x80:
            pos += 1
        else:
            n, pos = _read_varint(row, pos)
        vals.append(row[pos:pos + n])
        pos += n
    return tuple(vals)


def shift_inline(row: bytes, base: int) -> bytes:
    """A compact inline row with every document number raised by ``base`` (a segment merged
    behind ``base`` documents). Only the first id is absolute (the rest are deltas), and weights,
    values and the length bytes stay as they are, so only that varint is rewritten: a merge
    copies the rows of terms found in one segment without decoding their postings."""
    if not base:
        return row
    pos = 3
    while row[pos] & 0x80:  # the count
        pos += 1
    start = pos + 1
    first, pos = _read_varint(row, start)
    out = bytearray(row[:start])
    _varint(first + base, out)
    out += row[pos:]
    return bytes(out)


def row_postings(row: bytes) -> tuple | None:
    """``(ids, weights, values)`` of a row with inlined postings (either layout), or None when
    the term has posting blocks."""
    flag = row[0]
    if flag >= INLINE:
        ids, weights, values, _lo, _hi = decode_inline(row)
        return ids, weights, values
    if flag:
        return pickle.loads(row[TERMINFO_SIZE:])
    return None


def doc_frequency(row: bytes) -> int:
    """A row's document frequency, read without building its term info."""
    if row[0] < INLINE:
        return int.from_bytes(row[5:9], "big")  # after the flags byte and the total weight float
    n = shift = 0
    pos = 3
    while True:
        b = row[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        if not b & 0x80:
            return n
        shift += 7


def term_info(row: bytes) -> W3TermInfo:
    """The term info of a row: compact inline, Whoosh's pickled inline, or Whoosh's block row."""
    if row[0] < INLINE:
        return W3TermInfo.from_bytes(row)
    ids, weights, values, lo, hi = decode_inline(row)
    ti = W3TermInfo(float(sum(weights)), len(ids), byte_to_length(lo), byte_to_length(hi),
                    float(max(weights)), ids[0], ids[-1])
    ti.set_inlined(ids, weights, values)
    return ti


# --- writing ----------------------------------------------------------------------------------


def _lengths(items: list[bytes]) -> tuple[str, bytes]:
    lens = array("H")
    try:
        lens.extend(map(len, items))
    except OverflowError:
        lens = array("I", map(len, items))
    if _LITTLE:
        lens.byteswap()  # big-endian on disk
    return lens.typecode, lens.tobytes()



class BlockTermsWriter:
    """What ``W3FieldWriter`` asks of its ``OrderedHashWriter`` — ``add(key, value)`` in key
    order, ``extras``, ``lastkey``, ``dbfile``, ``close()`` — writing :mod:`index.termdict`'s
    blocks instead."""

    def __init__(self, dbfile, block_bytes: int = BLOCK_BYTES) -> None:
        self.dbfile = dbfile
        self.extras: dict = {}
        self.lastkey = b""
        self.block_bytes = block_bytes
        self._keys: list[bytes] = []
        self._values: list[bytes] = []
        self._size = 0
        self._firsts: list[bytes] = []
        self._offsets: list[int] = []
        dbfile.write(MAGIC)

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        self._keys.append(key)
        self._values.append(value)
        self.lastkey = key
        self._size += len(key) + len(value)
        if self._size >= self.block_bytes:
            self._flush()

    def _flush(self) -> None:
        keys, values = self._keys, self._values
        if not keys:
            return
        kt, kl = _lengths(keys)
        vt, vl = _lengths(values)
        head = bytes((ord(kt), ord(vt))) + len(keys).to_bytes(4, "big")
        data = zlib.compress(head + kl + vl + b"".join(keys) + b"".join(values), LEVEL)
        self._firsts.append(keys[0])
        self._offsets.append(self.dbfile.tell())
        self.dbfile.write(data)
        self._keys, self._values, self._size = [], [], 0

    def close(self) -> int:
        self._flush()
        dbfile = self.dbfile
        where = dbfile.tell()
        dbfile.write(zlib.compress(pickle.dumps((self._firsts, self._offsets, self.extras), 4), LEVEL))
        dbfile.write(where.to_bytes(8, "big") + MAGIC)
        end = dbfile.tell()
        dbfile.close()
        return end


# --- reading ----------------------------------------------------------------------------------


def _decode_block(data: bytes) -> tuple[list[bytes], bytes, list[int]]:
    """``(keys, raw block, value offsets)``: values are cut from the raw block only when asked
    for (a look-up needs one), keys at C speed (``map`` of slices)."""
    raw = zlib.decompress(data)
    kt, vt = chr(raw[0]), chr(raw[1])
    n = int.from_bytes(raw[2:6], "big")
    pos = 6
    lens = []
    for tc in (kt, vt):
        a = array(tc)
        size = a.itemsize * n
        a.frombytes(raw[pos:pos + size])
        if _LITTLE:
            a.byteswap()
        lens.append(a)
        pos += size
    kends = list(accumulate(lens[0], initial=pos))
    keys = list(map(raw.__getitem__, map(slice, kends, kends[1:])))
    return keys, raw, list(accumulate(lens[1], initial=kends[-1]))


def _values(block: tuple[list[bytes], bytes, list[int]]) -> list[bytes]:
    _keys, raw, vends = block
    return list(map(raw.__getitem__, map(slice, vends, vends[1:])))


class BlockTermsReader(TermsReader):
    """Whoosh's ``TermsReader`` interface over a :class:`BlockTermsWriter` file (the methods Whoosh's segment
    reader calls). Decoded blocks are cached per reader (at most :data:`_CACHE`)."""

    def __init__(self, codec, dbfile, length: int, postfile) -> None:
        self._codec = codec
        self._dbfile = dbfile
        self._postfile = postfile
        tail = dbfile.get(length - _TRAILER, _TRAILER)
        if tail[8:] != MAGIC:
            raise ValueError("term dictionary: no block index at the end (cut or not written by tracuu)")
        where = int.from_bytes(tail[:8], "big")
        self._firsts, offsets, extras = pickle.loads(zlib.decompress(dbfile.get(where, length - _TRAILER - where)))
        self._extents = list(zip(offsets, [*offsets[1:], where], strict=True))
        self._fieldmap = extras["fieldmap"]
        self._fieldunmap = [None] * len(self._fieldmap)
        for name, num in self._fieldmap.items():
            self._fieldunmap[num] = name
        self._cache: dict[int, tuple[list[bytes], bytes, list[int]]] = {}

    def _keycoder(self, fieldname: str, tbytes: bytes) -> bytes:
        return pack_ushort(self._fieldmap.get(fieldname, 65535)) + tbytes

    def _keydecoder(self, key: bytes) -> tuple[str, bytes]:
        return self._fieldunmap[unpack_ushort(key[:2])[0]], key[2:]

    # blocks
    def _block(self, i: int) -> tuple[list[bytes], bytes, list[int]]:
        got = self._cache.get(i)
        if got is None:
            start, end = self._extents[i]
            got = _decode_block(self._dbfile.get(start, end - start))
            if len(self._cache) >= _CACHE:
                self._cache.clear()
            self._cache[i] = got
        return got

    def _row(self, key: bytes) -> bytes | None:
        i = bisect_right(self._firsts, key) - 1
        if i < 0:
            return None
        keys, raw, vends = self._block(i)
        j = bisect_left(keys, key)
        return raw[vends[j]:vends[j + 1]] if j < len(keys) and keys[j] == key else None

    def _rows_from(self, key: bytes) -> Iterator[tuple[bytes, bytes]]:
        i = max(0, bisect_right(self._firsts, key) - 1)
        for b in range(i, len(self._extents)):
            block = self._block(b) if b == i else _decode_block(self._raw(b))
            keys = block[0]
            j = bisect_left(keys, key) if b == i else 0
            yield from zip(keys[j:], _values(block)[j:], strict=True)

    def _raw(self, i: int) -> bytes:
        start, end = self._extents[i]
        return self._dbfile.get(start, end - start)

    def rows(self) -> Iterator[tuple[str, bytes, bytes]]:
        """``(field name, term bytes, row)`` of every term in order (merges, index/fieldstats)."""
        unmap = self._fieldunmap
        for i in range(len(self._extents)):
            block = _decode_block(self._raw(i))
            for k, v in zip(block[0], _values(block), strict=True):
                yield unmap[(k[0] << 8) | k[1]], k[2:], v

    def block_sizes(self) -> Iterator[tuple[int, list[bytes], list[bytes]]]:
        """``(compressed bytes, keys, rows)`` per block (index/fieldstats)."""
        for i, (start, end) in enumerate(self._extents):
            block = _decode_block(self._raw(i))
            yield end - start, block[0], _values(block)

    def row_of(self, fieldname: str, tbytes: bytes) -> bytes | None:
        """The term's row, or None (:class:`index.whoosh_compat.TermLookup`)."""
        fid = self._fieldmap.get(fieldname)
        return None if fid is None else self._row(pack_ushort(fid) + tbytes)

    # the TermsReader interface
    def __contains__(self, term) -> bool:
        return self._row(self._keycoder(*term)) is not None

    def terms(self):
        dec = self._keydecoder
        return (dec(k) for k, _v in self._rows_from(b""))

    def terms_from(self, fieldname, prefix):
        dec = self._keydecoder
        return (dec(k) for k, _v in self._rows_from(self._keycoder(fieldname, prefix)))

    def items(self):
        dec = self._keydecoder
        return ((dec(k), term_info(v)) for k, v in self._rows_from(b""))

    def items_from(self, fieldname, prefix):
        dec = self._keydecoder
        return ((dec(k), term_info(v)) for k, v in self._rows_from(self._keycoder(fieldname, prefix)))

    def term_info(self, fieldname, tbytes):
        row = self._row(self._keycoder(fieldname, tbytes))
        if row is None:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return term_info(row)

    def _info(self, fieldname, tbytes) -> W3TermInfo:
        """The term info, or KeyError (what Whoosh's segment reader expects of these two)."""
        row = self._row(self._keycoder(fieldname, tbytes))
        if row is None:
            raise KeyError(tbytes)
        return term_info(row)

    def frequency(self, fieldname, tbytes):
        return self._info(fieldname, tbytes).weight()

    def doc_frequency(self, fieldname, tbytes):
        return self._info(fieldname, tbytes).doc_frequency()

    def indexed_field_names(self):
        return self._fieldmap.keys()

    def matcher(self, fieldname, tbytes, format_, scorer=None):
        ti = self.term_info(fieldname, tbytes)
        return self._codec.postings_reader(self._postfile, ti, format_, term=(fieldname, tbytes), scorer=scorer)

    def cursor(self, fieldname, fieldobj):
        raise NotImplementedError("tracuu's block term dictionary has no Whoosh cursor: use terms_from")

    def close(self) -> None:
        self._cache.clear()
        self._dbfile.close()
        self._postfile.close()


def key_of(field_id: int, tbytes: bytes) -> bytes:
    return pack_ushort(field_id) + tbytes
