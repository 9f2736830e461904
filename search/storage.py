"""Opening the index for searching with its files memory-mapped.

Why: every term look-up (document frequency, postings, prefix expansion) walks Whoosh's
on-disk hash and sorted-key tables with a ``seek`` + ``read`` pair per probe, once per segment;
an uncached query makes thousands of them. Over a memory-mapped file a probe is a slice of
memory: same bytes, no system calls, and the kernel's page cache is shared by every worker
process of ``tracuu serve``. Writers are untouched (they use Whoosh's own storage); a segment
file that a merge deletes stays readable through its mapping until the searcher moves on.
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


class _Empty:
    """Stands in for the map of an empty file."""

    def read(self, *_a) -> bytes:
        return b""

    def seek(self, *_a) -> int:
        return 0

    def tell(self) -> int:
        return 0


class MappedStorage(FileStorage):
    """Whoosh's file storage, read-only, opening every file as a :class:`MappedFile`."""

    def __init__(self, path: str) -> None:
        super().__init__(path, readonly=True)

    def open_file(self, name, **kwargs):
        kwargs.pop("mapped", None)
        return MappedFile(os.path.join(self.folder, name), name=name, **kwargs)


def open_index(path: Path):
    """The Whoosh index at ``path``, read through memory maps (Whoosh's own files, when the
    platform cannot map them)."""
    try:
        return MappedStorage(str(path)).open_index()
    except (OSError, ValueError) as exc:  # e.g. no mmap on this platform or file system
        log.warning("cannot memory-map the index (%s); reading it with plain file calls", exc)
        return whoosh_index.open_dir(str(path))
