"""``kill -9`` during ``tracuu ingest``, three times, then the same command: same documents, no duplicates.

``--jobs 2`` runs two writer processes that parse and index into segments of their own, adopted
at each commit (index/parallel.py): a kill may leave half-written segment folders and segments
written but not yet adopted, none of which may reach the index or lose a page.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.catalog import Catalog
from tests.conftest import REPO, make_portal, run_tracuu
from tests.test_parallel import postings
from tests.test_pipeline import index_docs


@pytest.mark.slow
@pytest.mark.parametrize("source", ["warc", "folder"])
def test_sigkill_three_times_then_resume_gives_the_uninterrupted_result(tmp_path, source):
    """WARC records are checkpointed by offset; a folder's files (read as one batched stream)
    each once the batch holding their page is indexed."""
    portal = make_portal(tmp_path / "portal", 48, "resume", families="aspnet_vi,wordpress", warc=True)
    inputs = [str(portal / "warc")] if source == "warc" else [str(portal / "sites")]
    t0 = time.monotonic()
    ref = run_tracuu("ingest", *inputs, "--data", str(tmp_path / "ref"), "--jobs", "2", "--commit-every", "10")
    ref_seconds = time.monotonic() - t0
    assert ref.returncode == 0, ref.stderr.decode()
    expected = index_docs(tmp_path / "ref")
    assert len(expected) > 40

    data = tmp_path / "resumed"
    rng = random.Random(os.environ.get("TRACUU_KILL_SEED", "4"))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    kills = 0
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-m", "tracuu", "ingest", *inputs, "--data", str(data),
                                 "--jobs", "2", "--commit-every", "10"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(rng.uniform(0.15, 0.8) * ref_seconds)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the command and its parser processes
            kills += 1
        proc.wait(timeout=60)
    assert kills >= 1
    final = run_tracuu("ingest", *inputs, "--data", str(data), "--jobs", "2", "--commit-every", "10")
    assert final.returncode == 0, final.stderr.decode()
    assert index_docs(data) == expected  # the index opens, same URLs and titles
    assert postings(data) == postings(tmp_path / "ref")  # and the same terms for the same pages
    assert not (data / ".segments").exists()  # the killed runs' segment folders are gone
    from whoosh import index as wi

    ix = wi.open_dir(str(data / "index"))
    with ix.searcher() as s:
        assert s.doc_count() == len(expected)  # no duplicate documents
    with Catalog(data / "catalog.sqlite") as cat:
        dupes = cat.db.execute("SELECT url, sha256, COUNT(*) FROM captures GROUP BY url, sha256 "
                               "HAVING COUNT(*) > 1").fetchall()
        assert dupes == []
    with Catalog(tmp_path / "ref" / "catalog.sqlite") as ref_cat, Catalog(data / "catalog.sqlite") as cat:
        assert cat.count() == ref_cat.count()
    # a further run adds nothing, and reads no file again
    again = run_tracuu("ingest", *inputs, "--data", str(data), "--jobs", "1")
    assert again.returncode == 0 and "lập chỉ mục mới (indexed): 0" in again.stdout.decode()
    with Catalog(data / "catalog.sqlite") as cat:
        done = cat.db.execute("SELECT COUNT(*) FROM checkpoints WHERE done = 1").fetchone()[0]
    files = [f for i in inputs for f in Path(i).rglob("*") if f.is_file()]
    assert done == len(files) > 1  # every input file checkpointed as done
