"""A cooperative time budget for evaluating a query.

Why: one expensive query (many wildcard expansions, a long phrase over common syllables) must not
pin a server thread, and the searcher's lock with it, for tens of seconds while other users wait.
Python threads cannot be interrupted from outside, so the searcher checks the clock itself
(:func:`check`) where it iterates over terms, candidates and pages, and gives up with
:class:`TimeBudgetExceeded` once the budget is spent. The web app sets a budget per request
(``TRACUU_SEARCH_TIME_BUDGET``, default 2 s, :mod:`web.guard`); the command line sets none.
The deadline lives in a context variable, so the searcher's signatures stay as they are. The
clock starts at the first check, i.e. when evaluation begins: time spent queueing for the
searcher behind other requests is load, not this query's cost, and must not fail it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token

from search.model import QueryError


class _Budget:
    __slots__ = ("seconds", "until")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.until: float | None = None


_deadline: ContextVar[_Budget | None] = ContextVar("tracuu_search_deadline", default=None)


class TimeBudgetExceeded(QueryError):
    """The query needed more than the time budget; the message says what to do about it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"Truy vấn cần hơn {seconds:g} giây để tính nên đã dừng. Hãy thu hẹp truy vấn: thêm từ, bớt dấu *, "
            "dùng cụm từ trong ngoặc kép hoặc bộ lọc trang/năm (query exceeded the time budget)")


def start(seconds: float | None) -> Token:
    """Begin a budget of ``seconds`` (None or ≤ 0: none) for this context; returns the reset token."""
    return _deadline.set(_Budget(seconds) if seconds and seconds > 0 else None)


def reset(token: Token) -> None:
    _deadline.reset(token)


@contextmanager
def budget(seconds: float | None) -> Iterator[None]:
    token = start(seconds)
    try:
        yield
    finally:
        reset(token)


def check() -> None:
    """Raise :class:`TimeBudgetExceeded` when the current budget is spent (cheap otherwise); the
    first call starts the clock."""
    b = _deadline.get()
    if b is None:
        return
    now = time.monotonic()
    if b.until is None:
        b.until = now + b.seconds
    elif now > b.until:
        raise TimeBudgetExceeded(b.seconds)
