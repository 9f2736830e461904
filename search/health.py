"""Index health: damaged segments are errors that are logged, counted and shown, never skipped.

Why: the posting reader used to swallow every exception per segment (``except Exception:
continue``), so a truncated or overwritten segment file silently removed its documents from
every result. Now only "this term or field is not in this segment" is normal; anything else
reading a segment is recorded here (segment, what was being read, the error), logged once as an
error, and the search that met it fails with :class:`IndexDamaged` (HTTP 503, CLI exit 1)
telling the user to run ``tracuu reindex``. ``/api/v1/stats`` shows :meth:`Health.as_dict`
under ``"health"``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from whoosh.reading import ReaderClosed, TermNotFound

from search.model import IndexDamaged

log = logging.getLogger(__name__)

#: how many distinct problems are kept (the first ones say what is wrong)
MAX_PROBLEMS = 50


class Health:
    """Problems met while reading the index, shared by every view of one searcher."""

    def __init__(self, fingerprint: Callable[[str], object] | None = None) -> None:
        self._lock = threading.Lock()
        self._problems: dict[tuple[str, str], dict[str, str]] = {}
        self.segments = 0
        #: what the files of a segment look like on disk (names, sizes, mtimes), taken when its
        #: damage is met: a change means they were replaced (a repair) and are worth reading again
        self._fingerprint = fingerprint
        self._seen: dict[str, object] = {}

    def record(self, exc: IndexDamaged) -> None:
        key = (exc.segment, exc.error)
        with self._lock:
            if key in self._problems or len(self._problems) >= MAX_PROBLEMS:
                return
            self._problems[key] = {"segment": exc.segment, "reading": exc.what, "error": exc.error,
                                   "seen": datetime.now(UTC).isoformat(timespec="seconds")}
            if self._fingerprint is not None and exc.segment not in self._seen:
                self._seen[exc.segment] = self._fingerprint(exc.segment)
        log.error("index segment %s damaged while reading %s: %s (run `tracuu reindex`)",
                  exc.segment, exc.what, exc.error)

    def clear(self) -> None:
        """Forget past problems (the index was reopened and read without them)."""
        with self._lock:
            self._problems.clear()
            self._seen.clear()

    def repaired(self) -> bool:
        """Whether the files of a segment met damaged have changed on disk since (e.g. restored
        from a copy in place, with the same names): the open view's state was read from the
        damaged bytes, so the searcher must open the index again instead of trusting it."""
        if self._fingerprint is None:
            return False
        with self._lock:
            seen = dict(self._seen)
        return any(self._fingerprint(segment) != before for segment, before in seen.items())

    @property
    def ok(self) -> bool:
        return not self._problems

    def as_dict(self) -> dict[str, object]:
        with self._lock:
            problems = list(self._problems.values())
        return {"status": "ok" if not problems else "damaged", "segments": self.segments,
                "problems": problems}


def segment_name(leaf) -> str:
    """A leaf reader's segment id (``MAIN_g5r7…``); "index" for a reader over all segments."""
    try:
        return str(leaf.segment().segment_id())
    except Exception:  # noqa: BLE001 - a multi-segment reader (or None) has no single segment
        return "index"


@contextmanager
def reading(health: Health, leaf, what: str) -> Iterator[None]:
    """Run a read of one segment; a missing term or field is normal (raised as ``TermNotFound``
    for the caller to handle), anything else is damage: recorded and raised as IndexDamaged."""
    try:
        yield
    except (TermNotFound, ReaderClosed, IndexDamaged):
        raise
    except Exception as exc:  # noqa: BLE001 - whatever Whoosh raises on a bad file is damage
        damaged = IndexDamaged(segment_name(leaf), what, exc)
        health.record(damaged)
        raise damaged from exc
