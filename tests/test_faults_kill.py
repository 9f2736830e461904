"""``kill -9`` at the worst moments of an import, then the same command again (issue 14, item 2).

The kill is placed exactly by running the real ``tracuu ingest`` with a small patch applied first
in the same process (tests/faultkit.run_patched): the process SIGKILLs itself in the middle of a
segment merge, between the index commit and the catalog commit, or halfway through writing a
batch of catalog rows. Afterwards ``tracuu check`` may only report what a re-run fixes, the re-run
ends with exactly the undisturbed document set, and ``tracuu check`` is clean.

Re-run these when the index writer changes (parallel writers): the merge hook names the writer
method Whoosh calls to merge a segment, and the test fails loudly if the kill never happened.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faultkit import check, doc_set, ingest, out, run_patched, undisturbed

COMMIT = 60
pytestmark = pytest.mark.slow  # whole generated portals, imported twice per case

KILL_AT = """
import os, signal
_n = {{"calls": 0}}
def _kill_on(cls, name, nth, before=True):
    orig = getattr(cls, name)
    def wrapper(self, *a, **kw):
        _n["calls"] += 1
        if before and _n["calls"] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        result = orig(self, *a, **kw)
        if not before and _n["calls"] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(cls, name, wrapper)
{install}
"""

#: case → (patch, --commit-every, pages, extra options). Whoosh merges small segments only (fewer
#: documents than a Fibonacci bound): with one writer committing every 5 pages the merges come early
#: and often. Writer processes (the default --jobs) hand over segments of a whole batch, which the
#: bound seldom lets merge in 1,000 pages, so the merge case runs one writer; the other two cases
#: run with the writer processes.
CASES = {
    # the 3rd segment read into a merge: the merged segment is half-written
    "segment-merge": ("from index.segment import GroupedSegmentWriter as W\n"
                      "_kill_on(W, 'add_reader', 3, before=False)", 5, 1000, ("--jobs", "1")),
    # the index has committed this batch, the catalog has not
    "between-index-and-catalog-commit": ("from index.catalog import Catalog as C\n"
                                         "_kill_on(C, 'commit', 2)", 60, 400, ()),
    # catalog rows of a batch half written, the transaction open
    "catalog-rows-half-written": ("from index.catalog import Catalog as C\n"
                                  "_kill_on(C, 'add', 250)", 60, 400, ()),
}


@pytest.mark.parametrize("case", list(CASES))
def test_kill_9_then_rerun_gives_the_undisturbed_document_set(tmp_path: Path, case: str):
    patch, every, pages, extra = CASES[case]
    src, docs = undisturbed(pages, COMMIT)
    data = tmp_path / "data"
    res = run_patched(data, src, KILL_AT.format(install=patch), "--commit-every", str(every), *extra)
    assert res.returncode == -9, f"the kill point was never reached ({case}): {out(res)}"
    partial = doc_set(data)
    # with writer processes a commit can hold every page, or the kill can come before the first:
    # what matters is that what is there is right and the re-run completes it
    assert len(partial) <= pages
    assert all(docs[url] == digest for url, digest in partial.items())
    report = check(data)
    if case == "between-index-and-catalog-commit":
        # the one window a re-run has to close: pages indexed whose capture rows were not committed
        text = out(report)
        assert report.returncode == 0 or ("(indexed document without capture)" in text
                                          and "Phát hiện" in text and "segment" not in text), text
    else:
        assert report.returncode == 0, out(report)
    res = ingest(data, src, "--commit-every", str(every), *extra)
    assert res.returncode == 0, out(res)
    assert doc_set(data) == docs
    final = check(data)
    assert final.returncode == 0, out(final)
