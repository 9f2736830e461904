"""Trends speed: ``/api/v1/trends`` for 5 terms over the full-corpus index (goal ≤ 300 ms),
against the baseline of asking the search for each term and period (what a client without
trends would do), measured in the same process. Cold = first request after the app opened
the index (bucket tables and postings read); warm = median of ``--repeat`` later requests.

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

    app = create_app({"DATA": args.data, "TESTING": True})
    client = app.test_client()
    t0 = time.perf_counter()
    client.get("/api/v1/stats")  # open the index (what any first request pays), so "cold" is trends' own
    print(f"index: {args.data}; opened in {(time.perf_counter() - t0) * 1000:.0f} ms; terms: {TERMS}; "
          "shared 2-core machine, noisy")
    for by in ("year", "month"):
        url = "/api/v1/trends?" + urlencode([("q", t) for t in TERMS] + [("by", by)])
        t0 = time.perf_counter()
        r = client.get(url)
        cold = (time.perf_counter() - t0) * 1000
        assert r.status_code == 200, r.get_data(as_text=True)
        data = r.get_json()
        warm = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            client.get(url)
            warm.append((time.perf_counter() - t0) * 1000)
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
        print(f"by {by:<5}: {len(periods):>3} periods × {len(TERMS)} terms; /api/v1/trends cold {cold:7.1f} ms, "
              f"warm p50 {w:6.1f} ms (max {max(warm):6.1f}); baseline {checked} searches {base_ms:8.1f} ms "
              f"(×{base_ms / w:.0f} slower than warm trends; every count equal)")


if __name__ == "__main__":
    main()
