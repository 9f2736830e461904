"""The one :class:`search.Searcher` an app shares between its request threads.

The searcher is thread-safe (it serialises on its own lock, because Whoosh searchers are not) and
keeps per-index-generation caches (facet tables, posting sets), so one shared instance is both
correct and fastest: a second instance would only duplicate the caches, and the GIL would not let
two searches run in parallel anyway. It is opened on first use, so the app starts (and can say
"no index yet") before anything has been ingested, and it picks up new commits by itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from search.limits import Limits
from search.model import QueryError

if TYPE_CHECKING:
    from search.searcher import Searcher

log = logging.getLogger(__name__)


class IndexMissing(RuntimeError):
    """The data directory holds no index yet (nothing has been ingested)."""


class SearcherPool:
    """Lazily opened shared searcher; ``with pool.searcher() as s`` borrows it."""

    def __init__(self, data_dir: Path, limits: Limits | None = None, backend: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        #: ``sphinxql://…`` for a distributed backend (search.backend), None for the data dir's index
        self.backend = backend
        #: the app's request limits, handed to the searcher so both refuse exactly the same
        self.limits = limits or Limits()
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None

    def _open(self) -> Searcher:
        from search import searcher as searcher_mod  # imported late: Whoosh loads only when searching
        from search.backend import backend_spec, open_backend

        if backend_spec(self.backend):
            return open_backend(self.data_dir, self.backend, self.limits)  # type: ignore[return-value]
        if not (self.data_dir / "index").is_dir():
            raise IndexMissing(f"chưa có chỉ mục trong {self.data_dir}; hãy chạy `tracuu ingest ĐƯỜNG_DẪN "
                               f"--data {self.data_dir}` trước (no index yet)")
        try:
            return searcher_mod.Searcher(self.data_dir, limits=self.limits)
        except QueryError as exc:  # the searcher's own "no index" error
            if type(exc).__name__ == "IndexMissing":
                raise IndexMissing(str(exc)) from exc
            raise

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        s = self._searcher
        if s is None:
            with self._lock:
                if self._searcher is None:
                    log.debug("opening searcher on %s", self.data_dir)
                    self._searcher = self._open()
                s = self._searcher
        yield s

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
