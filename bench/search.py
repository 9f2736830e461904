"""Search latency over the full-corpus index (bench/index.py --full): p50/p95 of ``took_ms``.

The query mix is drawn (seeded) from corpus titles and bodies: 1–8 syllable windows, typed
with accents, without accents, and as quoted phrases, plus a few short frequent words; every
query asks for the first page of 10 with facets and highlights, as the web UI does. Goal:
p95 ≤ 100 ms.

    python bench/search.py [--data DIR] [--queries 300] [--seed 7]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

# This folder must not shadow the ``index`` package: import the repo root instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench.common import CORPUS  # noqa: E402

FREQUENT = ["ubnd", "hà nội", "cải cách hành chính", "tinh", "năm 2020", "viet nam", "kinh te", "giáo dục",
            "covid", "dịch vụ công", "thu tuc", "bo y te"]


def make_queries(n: int, seed: int) -> list[tuple[str, str]]:
    from index import analysis

    rng = random.Random(seed)
    texts: list[str] = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 37:
                continue
            rec = json.loads(line)
            texts.append(rec.get("title") or "")
            body = rec.get("body") or ""
            if body:
                start = rng.randrange(max(1, len(body) - 400))
                texts.append(body[start:start + 400])
    out: list[tuple[str, str]] = []
    while len(out) < n:
        words = [w for w in rng.choice(texts).split() if analysis.analyze(w)]
        if not words:
            continue
        k = rng.randint(1, min(8, len(words)))
        i = rng.randrange(len(words) - k + 1)
        window = " ".join(words[i:i + k])
        kind = rng.choice(["accented", "accentless", "accentless", "phrase"])
        if kind == "accentless":
            q = analysis.fold(window)
        elif kind == "phrase":
            q = '"' + " ".join(words[i:i + min(k, 4)]) + '"'
        else:
            q = window
        out.append((f"{kind} {min(k, 8)}w" if kind != "phrase" else "phrase", q))
        if rng.random() < 0.05:
            out.append(("frequent", rng.choice(FREQUENT)))
    return out[:n]


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(tempfile.gettempdir()) / "tracuu-bench-index" / "full-data"
    ap.add_argument("--data", type=Path, default=default)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--slowest", type=int, default=0, help="print the N slowest queries")
    args = ap.parse_args()

    from search.model import QueryError, SearchRequest
    from search.searcher import Searcher

    t0 = time.perf_counter()
    searcher = Searcher(args.data)
    docs = searcher.stats()["documents"]
    print(f"index {args.data}: {docs} documents, opened in {time.perf_counter() - t0:.2f} s")
    queries = make_queries(args.queries + 10, args.seed)
    for _kind, q in queries[:10]:  # warm-up (imports, facet tables)
        try:
            searcher.search(SearchRequest(q=q))
        except QueryError:
            pass
    by_kind: dict[str, list[float]] = defaultdict(list)
    wall: list[float] = []
    slow: list[tuple[float, str, int]] = []
    for kind, q in queries[10:]:
        t = time.perf_counter()
        try:
            res = searcher.search(SearchRequest(q=q, per_page=10, facets=True, highlight=True))
        except QueryError:
            continue
        wall.append((time.perf_counter() - t) * 1000)
        by_kind[kind.split()[0] if kind != "frequent" else kind].append(res.took_ms)
        by_kind["ALL"].append(res.took_ms)
        slow.append((res.took_ms, q, res.total))
    print("\n| queries | n | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    for kind in sorted(k for k in by_kind if k != "ALL") + ["ALL"]:
        v = by_kind[kind]
        print(f"| {kind} | {len(v)} | {statistics.median(v):.1f} | {pct(v, 95):.1f} | {max(v):.1f} |")
    print(f"\nwall clock per query (incl. JSON-free Python overhead): p50 {statistics.median(wall):.1f} ms, "
          f"p95 {pct(wall, 95):.1f} ms; goal p95(took_ms) ≤ 100 ms: {pct(by_kind['ALL'], 95) <= 100}")
    import resource

    print(f"searcher process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
          "(posting caches included)")
    for ms, q, total in sorted(slow, reverse=True)[:args.slowest]:
        print(f"  {ms:7.1f} ms  {total:6d} hits  {q}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
