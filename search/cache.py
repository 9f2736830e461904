"""Least-recently-used caches bounded by the memory their values hold, not by how many there are.

Why bytes: a server runs for months. A cache bounded by a count of entries holds a few kilobytes
when the entries are short posting lists and hundreds of megabytes when they are the long lists of
common syllables, so its memory depends on what users happened to type; a soak (bench/soak.py)
then shows the resident memory creeping up as the caches fill with bigger and bigger entries.
With a byte budget each cache has a ceiling that can be stated (and tested), whatever the traffic.

Sizes are estimates (what ``sys.getsizeof`` sees plus the objects a value is known to hold); they
only need to be proportional to the truth and never zero. The estimators for the value types the
searcher caches are here too.
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

#: bytes of a Python int object above the small-int cache (CPython: 28 for values < 2**30)
INT_BYTES = 28
#: bytes of a dict/OrderedDict slot and the key tuple it holds, roughly
ENTRY_OVERHEAD = 120


class ByteLRU(Generic[K, V]):
    """A mapping that drops its least recently used entries when the estimated bytes of its values
    pass ``budget``. Thread-safe. One entry larger than the whole budget is not kept at all.

    ``hits``, ``misses`` and ``evictions`` count since creation (shown by benchmarks)."""

    def __init__(self, budget: int, size: Callable[[V], int]) -> None:
        self.budget = budget
        self._size = size
        self._data: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.nbytes = 0
        self.hits = self.misses = self.evictions = 0

    def get(self, key: K) -> V | None:
        with self._lock:
            got = self._data.get(key)
            if got is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return got[0]

    def put(self, key: K, value: V, nbytes: int | None = None) -> V:
        """Keep ``value`` (unless it alone exceeds the budget) and return it; ``nbytes`` overrides
        the size estimate (e.g. when the key itself is large)."""
        n = max(1, self._size(value) if nbytes is None else nbytes) + ENTRY_OVERHEAD
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self.nbytes -= old[1]
            if n > self.budget:
                return value
            self._data[key] = (value, n)
            self.nbytes += n
            while self.nbytes > self.budget and self._data:
                _k, (_v, m) = self._data.popitem(last=False)
                self.nbytes -= m
                self.evictions += 1
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.nbytes = 0

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    def stats(self) -> dict[str, int]:
        return {"entries": len(self._data), "bytes": self.nbytes, "budget": self.budget,
                "hits": self.hits, "misses": self.misses, "evictions": self.evictions}


# -- size estimators for what the searcher caches ------------------------------------------
def set_bytes(docs: frozenset[int]) -> int:
    """A set of document numbers: its hash table and an int object per member."""
    return sys.getsizeof(docs) + INT_BYTES * len(docs)


def arrays_bytes(pair: tuple[array, array]) -> int:
    """``(docnums, frequencies)`` arrays: their buffers."""
    return sum(sys.getsizeof(a) for a in pair)


def text_bytes(text: str | None) -> int:
    return sys.getsizeof(text) if text is not None else 16


def stored_bytes(item: tuple[str, dict]) -> int:
    """A parsed stored document: about three times its JSON text (keys, strings, dicts)."""
    doc_id, doc = item
    return sys.getsizeof(doc_id) + 3 * sum(len(v) if isinstance(v, str) else 64 for v in doc.values()) + 512


def weights_bytes(weights: dict[str, float]) -> int:
    """A ``{spelling: weight}`` dict of the did-you-mean statistics."""
    return sys.getsizeof(weights) + sum(sys.getsizeof(k) + 24 for k in weights)


_libc_trim: Callable[[int], int] | None | bool = None


def trim_heap() -> None:
    """Give the C heap's free pages back to the operating system (glibc's ``malloc_trim``).

    Why: when a commit retires an index view, its caches (megabytes of arrays, sets and dicts)
    are freed to the allocator, which keeps the pages: the process's resident memory stays at its
    peak and creeps up with each generation. Measured on a 2,000-page index: ~3 MB of 50 given
    back per retired view, in 1–12 ms. A no-op where the C library has no ``malloc_trim``."""
    global _libc_trim
    if _libc_trim is None:
        try:
            import ctypes
            import ctypes.util

            _libc_trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _libc_trim = False
    if _libc_trim:
        _libc_trim(0)  # type: ignore[operator]
