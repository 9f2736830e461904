"""How the searcher reads the index: memory maps vs positional reads, same process (issue 14).

    python bench/reads.py [--data DIR] [--rounds 3]

search/storage.py reads every index file except Whoosh's hash-table term dictionaries with
``os.pread`` instead of through a memory map, so that the pages a search touches are not counted
in the server's resident memory (bench/soak.py: with maps, the server's RSS grew with the index
on disk). This checks that cold queries do not pay for it: the distinct queries of
../shared/cases/dev_queries.tsv (bench/search.py --unique), each once on a freshly opened
searcher (its caches empty, as after every commit), with the index read as today (``pread``)
and with every file mapped (the way before), in alternating rounds in this one process. Prints
p50/p95 of CPU time per query for both and their ratios, and the file-backed resident memory
(``/proc/self/smaps_rollup``: ``Rss`` minus ``Anonymous``) the searcher's files added.

CPU time (``time.process_time``), not wall time: the machine is shared. The first round of
each mode warms the process-wide caches (word folds, highlight patterns) and is not counted.

``--busy N`` runs N threads of pure-Python work (what a server's other request threads do while
one searches: rendering pages, serialising JSON) beside the queries and reports the queries'
wall time too: a thread that makes a system call (``pread``) lets the others take the
interpreter lock, and may wait up to the switch interval (5 ms) to get it back, while a page
fault on a map keeps it. That is the cost positional reads could add under load.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))


def file_backed_mb() -> float:
    """Resident pages of mapped files in this process (MB)."""
    fields = {}
    with open("/proc/self/smaps_rollup", encoding="ascii") as fh:
        for ln in fh:
            if ":" in ln and "kB" in ln:
                k, v = ln.split(":", 1)
                fields[k] = int(v.split()[0])
    return (fields.get("Rss", 0) - fields.get("Anonymous", 0)) / 1024


def one_round(data: Path, queries: list[str], mapped: bool | None, wall: list[float] | None = None) -> tuple[list[float], float]:
    """CPU ms of each query on a new searcher (wall ms appended to ``wall``), and the
    file-backed MB it added."""
    from search import storage
    from search.model import QueryError, SearchRequest
    from search.searcher import Searcher

    original, map_blocks = storage._probed_in_place, storage.MAP_BLOCK_DICTIONARIES
    if mapped is True:
        storage._probed_in_place = lambda path: True  # every file a MappedFile: the way before
    elif mapped is None:
        storage.MAP_BLOCK_DICTIONARIES = True  # block dictionaries mapped, the rest read with pread
    try:
        before = file_backed_mb()
        searcher = Searcher(data)
        cpu = []
        for q in queries:
            c, t = time.thread_time(), time.perf_counter()
            try:
                searcher.search(SearchRequest(q=q, per_page=10, facets=True, highlight=True))
            except QueryError:
                continue
            cpu.append((time.thread_time() - c) * 1000)
            if wall is not None:
                wall.append((time.perf_counter() - t) * 1000)
        added = file_backed_mb() - before
        searcher.close()
    finally:
        storage._probed_in_place, storage.MAP_BLOCK_DICTIONARIES = original, map_blocks
    return cpu, added


def spin(stop: threading.Event) -> None:
    """Pure-Python work until ``stop``: holds the interpreter lock except at switch intervals."""
    n = 0
    while not stop.is_set():
        n = sum(i * i for i in range(2000)) + n % 7


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    from bench.search import dev_queries

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="a data directory with an index")
    ap.add_argument("--rounds", type=int, default=3, help="counted rounds of each mode [3]")
    ap.add_argument("--busy", type=int, default=0, help="threads of pure-Python work beside the queries [0]")
    args = ap.parse_args()
    queries = dev_queries()
    modes = (True, False, None)  # every file mapped (before), search/storage.py's choice, dictionaries mapped
    got: dict = {m: [] for m in modes}
    walls: dict = {m: [] for m in modes}
    rss: dict = {m: [] for m in modes}
    stop = threading.Event()
    busy = [threading.Thread(target=spin, args=(stop,), daemon=True) for _ in range(args.busy)]
    for b in busy:
        b.start()
    try:
        for r in range(args.rounds + 1):
            for mapped in (modes[::-1] if r % 2 else modes):
                wall: list[float] = []
                cpu, added = one_round(args.data, queries, mapped, wall)
                if r:
                    got[mapped] += cpu
                    walls[mapped] += wall
                    rss[mapped].append(added)
    finally:
        stop.set()
    print(f"index {args.data}: {len(queries)} distinct queries × {args.rounds} rounds, each on a new searcher; "
          f"CPU time of the querying thread per query; {args.busy} busy threads beside it")
    print("| index read through | p50 ms | p95 ms | mean ms | file-backed RSS added, MB | wall p50 ms | wall p95 ms |")
    print("|---|---|---|---|---|---|---|")
    labels = {True: "memory maps (before)", False: "pread (search/storage.py)",
              None: "term dictionaries mapped, the rest pread"}
    for mapped in modes:
        v, w = got[mapped], walls[mapped]
        print(f"| {labels[mapped]} | {statistics.median(v):.2f} | {pct(v, 95):.2f} | {statistics.mean(v):.2f} | "
              f"{statistics.median(rss[mapped]):.1f} | {statistics.median(w):.1f} | {pct(w, 95):.1f} |")
    a = got[True]
    for mapped in (False, None):
        b, wa, wb = got[mapped], walls[True], walls[mapped]
        print(f"{labels[mapped]} / maps: CPU p50 {statistics.median(b) / statistics.median(a):.2f}, "
              f"p95 {pct(b, 95) / pct(a, 95):.2f}, mean {statistics.mean(b) / statistics.mean(a):.2f}; "
              f"wall p50 {statistics.median(wb) / statistics.median(wa):.2f}, p95 {pct(wb, 95) / pct(wa, 95):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
