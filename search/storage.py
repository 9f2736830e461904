"""Opening the index for searching: positional reads (``pread``), memory maps where they pay.

Why two kinds of file:

* Whoosh's own term dictionary (an on-disk hash table, indexes written before
  :mod:`index.termdict`) is probed thousands of times per uncached query, a few bytes each:
  over a memory map (:class:`MappedFile`) a probe is a slice of memory, no system call.
  Those files stay mapped.
* Everything else — postings, stored fields, columns, tracuu's block term dictionary — is read
  in pieces of hundreds of bytes to kilobytes that the searcher decodes and caches itself
  (search.postings' byte-bounded caches, the block dictionary's decoded blocks). Read through a
  map, every page ever touched stays in the server's resident memory (RSS) for as long as the
  map lives, and that part grows with the index on disk: a 10-minute soak (bench/soak.py) whose
  imports grew the index 10 → 19 MB grew the server's file-backed RSS 38 → 52 MB while its
  private memory grew 6 %. :class:`PreadFile` reads the same bytes with ``os.pread`` (through
  a one-page read-ahead, so Whoosh's header-then-pickle reads cost one call): they come from
  the kernel's page cache as before, shared by every worker process, but nothing of the index
  is counted in a process's RSS. Cold queries cost the same CPU (bench/search.py --unique,
  bench/reads.py). The price: a read is a system call (~0.7 µs more than a slice of a map,
  ~140 a cold query) that releases the interpreter lock, so under load another request thread
  may run meanwhile and the searching thread waits to get the lock back (bench/reads.py
  --busy measures it; a page fault on a map keeps the lock).

Writers are untouched (they use Whoosh's own storage). A segment file that a merge deletes
stays readable through its open descriptor (or its mapping) until the searcher is closed.
"""

from __future__ import annotations

import logging
import mmap
import os
import struct
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

from index.termdict import MAGIC as BLOCK_TERMS_MAGIC

log = logging.getLogger(__name__)

_UINT = struct.Struct("!I")
_INT = struct.Struct("!i")
_LONG = struct.Struct("!q")
_USHORT = struct.Struct("!H")


class MappedFile(StructFile):
    """A read-only :class:`StructFile` over a memory map: ``get`` is a slice, ``seek``/``read``
    move over the map."""

    def __init__(self, path: str, name: str | None = None, onclose=None) -> None:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else None
        super().__init__(self._map if self._map is not None else _Empty(), name=name, onclose=onclose)
        self.is_real = False
        self._size = size

    def get(self, position: int, length: int) -> bytes:
        if self._map is None:
            return b""
        return self._map[position:position + length]

    # Whoosh's hash and sorted-key tables read fixed-size numbers with these: straight from the
    # map (same network byte order as whoosh.system's structs), one call instead of three.
    def get_uint(self, position: int) -> int:
        return _UINT.unpack_from(self._map, position)[0]

    def get_int(self, position: int) -> int:
        return _INT.unpack_from(self._map, position)[0]

    def get_long(self, position: int) -> int:
        return _LONG.unpack_from(self._map, position)[0]

    def get_ushort(self, position: int) -> int:
        return _USHORT.unpack_from(self._map, position)[0]

    def get_byte(self, position: int) -> int:
        return self._map[position]

    def close(self) -> None:
        if self.is_closed:
            return
        if self.onclose:
            self.onclose(self)
        if self._map is not None:
            try:
                self._map.close()
            except BufferError:  # a memoryview of it is still alive: leave it to the GC
                pass
        self.is_closed = True


#: bytes read ahead by a small sequential :class:`PreadFile` read (``read``, not ``get``):
#: Whoosh reads a posting block's length, then its pickled header (with several reads), then
#: its data, each a call of its own; with a page read ahead they are one system call. Larger
#: reads go straight to the caller.
READ_AHEAD = 4096


class _PositionalReader:
    """A read-only file object over a descriptor: ``read``/``readline``/``seek``/``tell`` (what
    Whoosh and ``pickle.load`` ask of a file) at a position of its own, and ``pread``, all with
    ``os.pread``; sequential reads go through a one-page read-ahead. Not thread-safe (one Whoosh
    reader uses it, under its searcher's lock), like the reader itself."""

    __slots__ = ("fd", "size", "pos", "_buf", "_start")

    def __init__(self, fd: int, size: int) -> None:
        self.fd = fd
        self.size = size
        self.pos = 0
        self._buf = b""
        self._start = 0

    def pread(self, position: int, length: int) -> bytes:
        """``length`` bytes at ``position`` (fewer at the end of the file): from the read-ahead
        page when they are in it, else one exact read (random reads, e.g. a stored document,
        are not followed by the next bytes: no read-ahead kept for them)."""
        off = position - self._start
        if off >= 0 and off + length <= len(self._buf):
            return self._buf[off:off + length]
        return os.pread(self.fd, length, position) if position >= 0 else b""

    def _ahead(self, position: int, length: int) -> bytes:
        """A sequential read: a small one reads the page from ``position`` ahead."""
        off = position - self._start
        if off >= 0 and off + length <= len(self._buf):
            return self._buf[off:off + length]
        if length >= READ_AHEAD:
            return os.pread(self.fd, length, position)
        self._buf = os.pread(self.fd, READ_AHEAD, position)
        self._start = position
        return self._buf[:length]

    def read(self, n: int | None = -1) -> bytes:
        if n is None or n < 0:
            n = max(0, self.size - self.pos)
        data = self._ahead(self.pos, n)
        self.pos += len(data)
        return data

    def readline(self, limit: int | None = -1) -> bytes:
        out = bytearray()
        while limit is None or limit < 0 or len(out) < limit:
            want = READ_AHEAD if limit is None or limit < 0 else min(READ_AHEAD, limit - len(out))
            chunk = self._ahead(self.pos, want)
            if not chunk:
                break
            end = chunk.find(b"\n")
            if end >= 0:
                chunk = chunk[:end + 1]
            out += chunk
            self.pos += len(chunk)
            if end >= 0:
                break
        return bytes(out)

    def seek(self, position: int, whence: int = os.SEEK_SET) -> int:
        if whence == os.SEEK_CUR:
            position += self.pos
        elif whence == os.SEEK_END:
            position += self.size
        if position < 0:
            raise ValueError(f"negative seek position {position}")
        self.pos = position
        return position

    def tell(self) -> int:
        return self.pos

    def release(self) -> None:
        self._buf = b""


class PreadFile(StructFile):
    """A read-only :class:`StructFile` reading with ``os.pread``: ``get`` is one positional
    read (or a slice of the read-ahead page), ``seek``/``read`` move a position of its own.
    Nothing is mapped, so what it reads is not part of the process's resident memory."""

    def __init__(self, path: str, name: str | None = None, onclose=None) -> None:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            size = os.fstat(fd).st_size
        except OSError:
            os.close(fd)
            raise
        self._reader = _PositionalReader(fd, size)
        super().__init__(self._reader, name=name, onclose=onclose)
        self.is_real = False  # Whoosh must not call fileno()/fromfile() on it
        self._size = size

    def get(self, position: int, length: int) -> bytes:
        return self._reader.pread(position, length)

    def get_uint(self, position: int) -> int:
        return _UINT.unpack(self._reader.pread(position, 4))[0]

    def get_int(self, position: int) -> int:
        return _INT.unpack(self._reader.pread(position, 4))[0]

    def get_long(self, position: int) -> int:
        return _LONG.unpack(self._reader.pread(position, 8))[0]

    def get_ushort(self, position: int) -> int:
        return _USHORT.unpack(self._reader.pread(position, 2))[0]

    def get_byte(self, position: int) -> int:
        return self._reader.pread(position, 1)[0]

    def close(self) -> None:
        if self.is_closed:
            return
        if self.onclose:
            self.onclose(self)
        self._reader.release()
        os.close(self._reader.fd)
        self.is_closed = True


#: bytes 13–17 of a tracuu block term dictionary (index.termdict.MAGIC after Whoosh's 13-byte
#: hash-file header)
_BLOCK_TERMS_AT = 13

#: whether tracuu's block term dictionaries are mapped too. No: a cold query reads ~110 of
#: their ~1 KB blocks, and through a map all of a dictionary ends up resident (a fifth of the
#: index: 17.6 of 77 MB over a 9,881-document index after 300 queries) and grows with it; with
#: pread each block is a system call (~0.7 µs more than a slice of a map; CPU time of cold queries
#: unchanged within noise, bench/reads.py). bench/reads.py measures both ways.
MAP_BLOCK_DICTIONARIES = False


def _probed_in_place(path: str) -> bool:
    """Whether the file is a term dictionary that stays memory-mapped: Whoosh's hash table
    (indexes written before index/termdict.py), probed a few bytes at a time, thousands of times
    a query, in its map (index.whoosh_compat.TermLookup)."""
    if not path.endswith(".trm"):
        return False
    if MAP_BLOCK_DICTIONARIES:
        return True
    try:
        with open(path, "rb") as fh:
            fh.seek(_BLOCK_TERMS_AT)
            return fh.read(len(BLOCK_TERMS_MAGIC)) != BLOCK_TERMS_MAGIC
    except OSError:
        return True  # let the map's own open report it


class _Empty:
    """Stands in for the map of an empty file."""

    def read(self, *_a) -> bytes:
        return b""

    def seek(self, *_a) -> int:
        return 0

    def tell(self) -> int:
        return 0


class MappedStorage(FileStorage):
    """Whoosh's file storage, read-only: hash-table term dictionaries as :class:`MappedFile`,
    every other file as :class:`PreadFile` (the module's docstring says why)."""

    def __init__(self, path: str) -> None:
        super().__init__(path, readonly=True)

    def open_file(self, name, **kwargs):
        kwargs.pop("mapped", None)
        path = os.path.join(self.folder, name)
        if _probed_in_place(path):
            return MappedFile(path, name=name, **kwargs)
        return PreadFile(path, name=name, **kwargs)


def open_index(path: Path):
    """The Whoosh index at ``path``, read through :class:`MappedStorage` (Whoosh's own files,
    when the platform cannot map them)."""
    try:
        return MappedStorage(str(path)).open_index()
    except (OSError, ValueError) as exc:  # e.g. no mmap on this platform or file system
        log.warning("cannot memory-map the index (%s); reading it with plain file calls", exc)
        return whoosh_index.open_dir(str(path))
