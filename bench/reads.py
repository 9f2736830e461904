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
"""

from __future__ import annotations

import argparse
import statistics
import sys
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


def one_round(data: Path, queries: list[str], mapped: bool) -> tuple[list[float], float]:
    """CPU ms of each query on a new searcher, and the file-backed MB it added."""
    from search import storage
    from search.model import QueryError, SearchRequest
    from search.searcher import Searcher

    original = storage._probed_in_place
    if mapped:
        storage._probed_in_place = lambda path: True  # every file a MappedFile: the way before
    try:
        before = file_backed_mb()
        searcher = Searcher(data)
        cpu = []
        for q in queries:
            c = time.process_time()
            try:
                searcher.search(SearchRequest(q=q, per_page=10, facets=True, highlight=True))
            except QueryError:
                continue
            cpu.append((time.process_time() - c) * 1000)
        added = file_backed_mb() - before
        searcher.close()
    finally:
        storage._probed_in_place = original
    return cpu, added


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    from bench.search import dev_queries

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="a data directory with an index")
    ap.add_argument("--rounds", type=int, default=3, help="counted rounds of each mode [3]")
    args = ap.parse_args()
    queries = dev_queries()
    got: dict[bool, list[float]] = {False: [], True: []}
    rss: dict[bool, list[float]] = {False: [], True: []}
    for r in range(args.rounds + 1):
        for mapped in ((False, True) if r % 2 else (True, False)):
            cpu, added = one_round(args.data, queries, mapped)
            if r:
                got[mapped] += cpu
                rss[mapped].append(added)
    print(f"index {args.data}: {len(queries)} distinct queries × {args.rounds} rounds, each on a new searcher; "
          "CPU time per query")
    print("| index read through | p50 ms | p95 ms | mean ms | file-backed RSS added, MB |")
    print("|---|---|---|---|---|")
    for mapped, label in ((True, "memory maps (before)"), (False, "pread (search/storage.py)")):
        v = got[mapped]
        print(f"| {label} | {statistics.median(v):.2f} | {pct(v, 95):.2f} | {statistics.mean(v):.2f} | "
              f"{statistics.median(rss[mapped]):.1f} |")
    a, b = got[True], got[False]
    print(f"pread / maps: p50 {statistics.median(b) / statistics.median(a):.2f}, p95 {pct(b, 95) / pct(a, 95):.2f}, "
          f"mean {statistics.mean(b) / statistics.mean(a):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
