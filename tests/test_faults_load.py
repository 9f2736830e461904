"""Searching while an import commits (issue 14, item 2): 8 clients query ``tracuu serve`` while
``tracuu ingest`` adds 2,000 pages in commits of 100. Every request must answer 200 within 2 s
(the client's timeout: a stuck request is an error, this is not a benchmark; on a machine
whose cores other work already oversubscribes twice over, up to 1 % past 2 s are reported as a
warning instead), the total of each
query must never go down between a client's successive requests (a reader never sees a commit
half-applied or an older generation after a newer one), and the final document set is the
undisturbed import's. Re-run when the index writer changes (parallel writers).
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.conftest import REPO
from tests.faultkit import HOST, doc_set, ingest, undisturbed

PAGES = 2000
COMMIT = 100
CLIENTS = 8
QUERIES = ["hồ sơ một cửa", "chuyen doi so", "\"tuyển dụng\"", "thiên tai sạt lở", "học bổng"]


def start_server(data: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "tracuu", "serve", "--data", str(data), "--port", "0",
                             "--threads", "8", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if "http://" in line:
            return proc, line[line.index("http://"):].split()[0].rstrip("/")
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"server did not start: {proc.stderr.read() if proc.stderr else ''}")


class Client(threading.Thread):
    def __init__(self, base: str, seed: int, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.seed = seed
        self.stop = stop
        self.requests = 0
        self.errors: list[str] = []
        self.backwards: list[str] = []
        self.totals: dict[str, int] = {}

    def run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=2.0)
        i = self.seed
        while not self.stop.is_set():
            q = QUERIES[i % len(QUERIES)]
            i += 1
            try:
                conn.request("GET", "/api/v1/search?" + urlencode({"q": q}))
                resp = conn.getresponse()
                body = resp.read()
                if resp.status != 200:
                    self.errors.append(f"{q}: HTTP {resp.status} {body[:200]!r}")
                    continue
                total = json.loads(body)["total"]
            except (OSError, http.client.HTTPException, ValueError) as exc:
                self.errors.append(f"{q}: {type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=2.0)
                continue
            finally:
                self.requests += 1
            if total < self.totals.get(q, 0):
                self.backwards.append(f"{q}: {self.totals[q]} → {total}")
            self.totals[q] = total
        conn.close()


@pytest.mark.slow  # a 2,000-page generated portal, imported twice
def test_eight_clients_search_while_2000_pages_commit(tmp_path: Path):
    src, docs = undisturbed(PAGES, COMMIT)
    load = os.getloadavg()[0]
    data = tmp_path / "data"
    first = tmp_path / "first"
    (first / HOST / "tin-tuc").mkdir(parents=True)
    for p in sorted((src / HOST / "tin-tuc").iterdir())[:50]:
        shutil.copy(p, first / HOST / "tin-tuc" / p.name)
    assert ingest(data, first).returncode == 0
    server, base = start_server(data, "--workers", "2")
    stop = threading.Event()
    clients = [Client(base, seed, stop) for seed in range(CLIENTS)]
    try:
        for c in clients:
            c.start()
        imp = subprocess.Popen([sys.executable, "-m", "tracuu", "ingest", "--data", str(data), str(src),
                                "--commit-every", str(COMMIT)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
        stdout, stderr = imp.communicate(timeout=900)
        time.sleep(1.0)  # a last round of searches on the final commit
    finally:
        stop.set()
        for c in clients:
            c.join(timeout=10)
        server.terminate()
        server.wait(timeout=10)
    assert imp.returncode == 0, (stdout + stderr).decode(errors="replace")
    errors = [e for c in clients for e in c.errors]
    backwards = [b for c in clients for b in c.backwards]
    requests = sum(c.requests for c in clients)
    assert requests >= 8 * 5, f"only {requests} requests during the import"
    failed = [e for e in errors if "timed out" not in e]
    timeouts = len(errors) - len(failed)
    assert not failed, f"{len(failed)} of {requests} requests failed: {failed[:5]}"
    cores = os.cpu_count() or 1
    if load > 2 * cores and timeouts <= requests // 100:
        # Other work already kept every core busy twice over (a shared machine): a search's CPU
        # time stretches several-fold there, so a rare request past 2 s says nothing about
        # tracuu. Said, not hidden; anything more, or any HTTP error, still fails.
        warnings.warn(f"{timeouts} of {requests} requests over 2 s on a machine with load {load:.1f} "
                      f"on {cores} cores", stacklevel=1)
    else:
        assert timeouts == 0, f"{timeouts} of {requests} requests took over 2 s (load {load:.1f}): {errors[:5]}"
    assert not backwards, f"totals went down: {backwards[:5]}"
    assert doc_set(data) == docs
    # the clients saw the import land: the last total of a broad query counts every page
    assert max(c.totals.get("chuyen doi so", 0) for c in clients) > 100
