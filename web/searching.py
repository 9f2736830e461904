"""Sharing :class:`search.Searcher` objects between request threads.

Waitress serves from a fixed set of threads while werkzeug's test server starts one thread per
request, so neither "one searcher per thread" nor "one per request" fits both: the first leaks
searchers under werkzeug, the second reopens the index on every request. A small pool does: a
request borrows an idle searcher (or opens one) and gives it back afterwards. Streaming exports
keep theirs until the last row is written.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.searcher import Searcher


log = logging.getLogger(__name__)


class IndexMissing(RuntimeError):
    """The data directory holds no index yet (nothing has been ingested)."""


class SearcherPool:
    def __init__(self, data_dir: Path, max_idle: int = 8) -> None:
        self.data_dir = Path(data_dir)
        self._idle: queue.LifoQueue[Searcher] = queue.LifoQueue(maxsize=max_idle)
        self._lock = threading.Lock()
        self._opened = 0

    def _open(self) -> Searcher:
        if not (self.data_dir / "index").is_dir():
            raise IndexMissing(f"chưa có chỉ mục trong {self.data_dir} (no index; run `tracuu ingest` first)")
        with self._lock:
            self._opened += 1
        log.debug("opening searcher #%d on %s", self._opened, self.data_dir)
        from search.searcher import Searcher  # imported late: Whoosh loads only when searching

        return Searcher(self.data_dir)

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        try:
            s = self._idle.get_nowait()
        except queue.Empty:
            s = self._open()
        try:
            yield s
        finally:
            try:
                self._idle.put_nowait(s)
            except queue.Full:
                s.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
