"""Indexing speed: tracuu's writer vs a stock Whoosh index of the same documents, in one run.

Both get the same parsed documents (parsing is shared, so it is timed separately) and the same
stored fields (url, id, site, kind, published, the Document JSON). Prints docs/s, the ratio
(goal ≥ 0.7× stock) and index sizes. ``--full`` also renders all corpus articles with portalgen
and runs ``tracuu ingest`` on them in a child process, reporting wall time and peak memory; the
index it leaves is what bench/search.py measures.

    python bench/index.py [--pages 1000] [--seed bench] [--rounds 3] [--full] [--workdir DIR]
    python bench/index.py --fields DATA [--portal PORTALGEN_DIR]     # bytes per field, ratio to HTML

Size (issue 11, acceptance 4: index ≤ 1.0× the HTML pages): the run ends with the bytes per field
of tracuu's index and its ratio to the corpus's HTML. 2,295 pages (bench/quality.py's corpus,
28.5 MB of HTML, one segment): 44.1 MB (1.55×) with Whoosh's hash-file term dictionary, 22.0 MB
(0.77×) with index/termdict.py's compressed blocks — body bigrams 19.5 → 5.5 MB, ``sugg`` 4.6 →
0.8 MB, the term dictionaries 26.5 → 4.3 MB in all; MRR@10 unchanged (0.995, every type equal).

What bounds tracuu's speed (profiled, 705 portal pages): Whoosh's pure-Python posting machinery,
a fixed cost per distinct term plus one per posting. tracuu has seven analysed fields (E/F/B for
title and body, D) and the ``sugg`` statistics: ~137,000 distinct terms (two thirds of them body
bigrams, mostly in one page each) and ~587,000 postings per 705 pages, against ~15,000 terms and
~145,000 postings for stock Whoosh's two fields. So the writer avoids Python code per posting:
term lists tokenised with ``findall``/``split`` and shared by E/F/B/``sugg``
(index/analysis.py ``term_lists``), postings counted and handed over as parallel lists
(index/formats.py ``index_postings``), appended to four flat lists per field and sorted once at
commit (index/segment.py; 32 B a posting, nothing for the garbage collector to walk), rare
terms' rows built directly and blocks filled a block at a time (index/codec.py), merges read a
term at a time. Earlier: uncompressed posting blocks, rare terms inlined, E fields without
positions, ``sugg`` syllables listed once per segment, ``published`` a column only. Ratio history:
0.28× (Whoosh's writer and codec) → ~0.5× (codec, formats) → 0.76–0.81× (grouped writer). Dropping
the bigram fields would cut the work by about two fifths but costs known-item MRR@10 0.995 → 0.94
on the dev queries (measured).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# This folder must not shadow the ``index`` package: import the repo root instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench.common import CORPUS, REPO, make_portal, parse_site, stock_whoosh_index, tracuu_index  # noqa: E402


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def html_bytes(portal: Path) -> int:
    """Bytes of a portalgen corpus's HTML pages (those its truth.jsonl lists, as bench/import.py)."""
    total = 0
    with open(portal / "truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            path = portal / json.loads(line)["file"]
            total += path.stat().st_size if path.exists() else 0
    return total


def count_articles() -> int:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        return sum(1 for _ in fh)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "tracuu-bench-index")
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", default="bench")
    ap.add_argument("--rounds", type=int, default=3, help="alternate stock and tracuu this many times")
    ap.add_argument("--full", action="store_true", help="also ingest every corpus article (slow)")
    ap.add_argument("--full-only", action="store_true", help="only the full-corpus ingest")
    ap.add_argument("--fields", type=Path, metavar="DATA",
                    help="only print what each field of DATA's index costs in bytes (index/fieldstats.py)")
    ap.add_argument("--portal", type=Path, help="with --fields: the portalgen corpus DATA holds, for the "
                    "index / HTML ratio (goal <= 1.0x)")
    args = ap.parse_args()
    from index.fieldstats import report

    if args.fields:
        data = args.fields
        print(report(data / "index" if (data / "index").is_dir() else data,
                     html_bytes(args.portal) if args.portal else None))
        return 0
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)

    if args.full_only:
        return full_corpus(work, args.seed)
    site = make_portal(work / f"portal-{args.pages}-{args.seed}", args.pages, args.seed)
    docs, parse_s, skipped = parse_site(site)
    n = len(docs)
    print(f"{n} documents parsed in {parse_s:.1f} s ({n / parse_s:.1f} docs/s; {skipped} non-pages skipped)")

    # Alternate the two writers for a few rounds and compare the best times: this machine's wall
    # clock varies by ±15 % from run to run (shared CPUs), more than the effects measured here.
    stock_dir = work / "stock"
    data = work / "tracuu-data"
    t_stocks: list[float] = []
    t_tracuus: list[float] = []
    for r in range(args.rounds):
        shutil.rmtree(stock_dir, ignore_errors=True)
        t_stocks.append(stock_whoosh_index(docs, stock_dir))
        shutil.rmtree(data, ignore_errors=True)
        t_tracuus.append(tracuu_index(docs, data))
        print(f"round {r + 1}: stock {t_stocks[-1]:.2f} s, tracuu {t_tracuus[-1]:.2f} s "
              f"(ratio {t_stocks[-1] / t_tracuus[-1]:.2f}×)", flush=True)
    t_stock, t_tracuu = min(t_stocks), min(t_tracuus)
    ratios = sorted(a / b for a, b in zip(t_stocks, t_tracuus, strict=True))
    s_stock, s_tracuu = dir_size(stock_dir), dir_size(data / "index")
    print()
    print(f"| index (best of {args.rounds}) | seconds | docs/s | index MB |")
    print("|---|---|---|---|")
    print(f"| stock Whoosh (StandardAnalyzer) | {t_stock:.2f} | {n / t_stock:.1f} | {s_stock / 1e6:.1f} |")
    print(f"| tracuu (E/F/B/D + sugg) | {t_tracuu:.2f} | {n / t_tracuu:.1f} | {s_tracuu / 1e6:.1f} |")
    print(f"\nspeed ratio tracuu/stock: {t_stock / t_tracuu:.2f}× best-of-{args.rounds} "
          f"(per-round median {ratios[len(ratios) // 2]:.2f}×; goal ≥ 0.7×); "
          f"size ratio {s_tracuu / s_stock:.2f}×; with parsing: tracuu ingest "
          f"{n / (parse_s + t_tracuu):.1f} docs/s")

    print(f"\nbytes per field of tracuu's index (one segment, {n} documents):")
    print(report(data / "index", html_bytes(site)) + " (goal <= 1.0x)")

    if args.full:
        full_corpus(work, args.seed)
    return 0


def full_corpus(work: Path, seed: str) -> int:
    """Render every corpus article with portalgen, then ``tracuu ingest`` it in a child process
    whose peak RSS is sampled with psutil (portalgen's own memory is not counted)."""
    import psutil

    total = count_articles()
    t0 = time.perf_counter()
    big = make_portal(work / f"portal-full-{seed}", total, seed)
    print(f"portalgen: {total} corpus lines rendered in {time.perf_counter() - t0:.0f} s", flush=True)
    full_data = work / "full-data"
    shutil.rmtree(full_data, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "tracuu", "ingest", str(big / "sites"), "--data", str(full_data)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, ps.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.5)
    wall = time.perf_counter() - t0
    lines = (proc.stdout.read() if proc.stdout else "").strip().splitlines()
    summary = "\n  ".join(lines[-14:]) if lines else f"exit {proc.returncode}"
    print(f"\nfull corpus: tracuu ingest {wall:.0f} s wall, peak RSS {peak / 2**20:.0f} MB, "
          f"index {dir_size(full_data / 'index') / 1e6:.0f} MB\n  {summary}")
    (work / "full-data.json").write_text(json.dumps({"data": str(full_data), "wall_s": wall,
                                                     "peak_mb": peak / 2**20, "summary": summary}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
