"""Trends speed: ``/api/v1/trends`` for 5 terms over the full-corpus index (goal ≤ 300 ms),
against the baseline of asking the search for each term and period (what a client without
trends would do), measured in the same process.

The headline is the **cold** request (issue 12 acceptance 2): the first ``/api/v1/trends`` a
freshly created app meets right after it opened the index (period columns and the terms'
postings not read yet), for each of ``--by year`` and ``month`` with an app of its own, as wall
and CPU time (on the shared, loaded machine the wall mostly measures the other processes).
Warm = median of ``--repeat`` later requests.

    python bench/trends.py [--data DIR] [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

TERMS = ["chuyển đổi số", "chính phủ điện tử", "cải cách hành chính", '"biến đổi khí hậu"', "covid"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TRACUU_DATA", "tracuu-data"),
                    help="data directory with the full-corpus index (env TRACUU_DATA)")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    from search.model import SearchRequest
    from web import create_app

    cold_lines = []
    opened_ms = []
    for by in ("year", "month"):
        app = create_app({"DATA": args.data, "TESTING": True})
        client = app.test_client()
        t0 = time.perf_counter()
        client.get("/api/v1/stats")  # open the index (what any first request pays): "cold" is trends' own
        opened_ms.append((time.perf_counter() - t0) * 1000)
        url = "/api/v1/trends?" + urlencode([("q", t) for t in TERMS] + [("by", by)])
        t0, c0 = time.perf_counter(), time.process_time()
        r = client.get(url)
        cold, cold_cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
        assert r.status_code == 200, r.get_data(as_text=True)
        data = r.get_json()
        cold_lines.append((by, cold, cold_cpu))
        warm = []
        warm_cpu = []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(url)
            warm.append((time.perf_counter() - t0) * 1000)
            warm_cpu.append((time.process_time() - c0) * 1000)
        periods = data["periods"]
        # baseline: one search per term and period (year filter or from/to month), totals only
        with app.extensions["tracuu.searchers"].searcher() as s:
            t0 = time.perf_counter()
            checked = 0
            for k, term in enumerate(TERMS):
                for i, per in enumerate(periods):
                    if by == "year":
                        req = SearchRequest(q=term, year=[int(per)], per_page=1, facets=False, highlight=False)
                    else:
                        mm = f"{per[5:]}/{per[:4]}"
                        req = SearchRequest(q=term, date_from=mm, date_to=mm, per_page=1, facets=False,
                                            highlight=False)
                    total = s.search(req).total
                    assert total == data["series"][k]["counts"][i], (term, per)
                    checked += 1
            base_ms = (time.perf_counter() - t0) * 1000
        w = statistics.median(warm)
        print(f"by {by:<5}: {len(periods):>3} periods × {len(TERMS)} terms; /api/v1/trends cold {cold:7.1f} ms "
              f"(CPU {cold_cpu:6.1f} ms), warm p50 {w:6.1f} ms (CPU {statistics.median(warm_cpu):6.1f}, max wall "
              f"{max(warm):6.1f}); baseline {checked} searches {base_ms:8.1f} ms "
              f"(×{base_ms / w:.0f} slower than warm trends; every count equal)")
    print(f"index: {args.data}; opened in {', '.join(f'{o:.0f}' for o in opened_ms)} ms; terms: {TERMS}; "
          f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    worst = max(c for _b, c, _u in cold_lines)
    worst_cpu = max(u for _b, _c, u in cold_lines)
    print("COLD (first request after opening the index): " + "; ".join(
        f"by {b} {c:.0f} ms wall / {u:.0f} ms CPU" for b, c, u in cold_lines)
        + f"; goal ≤ 300 ms: {'met' if worst <= 300 else 'NOT met'} by wall, "
        f"{'met' if worst_cpu <= 300 else 'NOT met'} by CPU time")


if __name__ == "__main__":
    main()
