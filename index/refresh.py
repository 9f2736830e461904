"""Reopening a searcher after a commit, without Whoosh's ``Searcher.refresh()``.

Why: in whoosh-reloaded 2.7.5, ``Searcher.refresh()`` builds the new reader with
``FileIndex._reader(..., reuse=old_reader)``, which *adds the old reader's segments* to the new
generation's list. After a commit that merged segments, the refreshed searcher therefore holds
the merged segment and the segments merged into it: every merged document counts twice, in
totals and in results, until the process restarts (found by tests/test_faults_refresh.py: 3
documents, one optimize, 7 counted). And closing the old searcher after ``refresh()`` closes the
segment readers the new one shares, so the next look-up raises ``ReaderClosed``.

:func:`reopen` opens the latest generation afresh (each segment's files are memory-mapped, so this
costs little). The old searcher is closed only when the caller says no one else holds it (a
search view may still be in an export's hands between two batches; it is released with it).
"""

from __future__ import annotations

from whoosh.searching import Searcher


def reopen(ix, old: Searcher, close_old: bool = False) -> Searcher:
    """``old`` if it still shows the latest commit, else a new searcher."""
    if old.up_to_date():
        return old
    new = ix.searcher()
    if close_old:
        old.close()
    return new
