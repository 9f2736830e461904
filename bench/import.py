"""End-to-end import benchmark: a portalgen corpus rendered as WARC, ``tracuu ingest --jobs 1`` vs ``--jobs 2``.

    python bench/import.py                 # the whole corpus (38,085 articles by default)
    python bench/import.py --pages 2000    # a quicker run

For each job count the real command runs in a fresh data directory (archive, catalog, index):
wall time, records/s, documents/s and peak RSS (the ingest process alone and its whole process
tree, parser workers included, sampled with psutil). The baseline, measured in the same run, is
the bare loop with no archive, no catalog and no pool — ``iter_warc`` → ``parse_page`` →
``IndexWriterSink`` in one process — so the ratios show what the writer processes buy and what
keeping every byte costs. CPU seconds are the whole process tree's (``RUSAGE_CHILDREN``): on a
shared machine they say what wall time cannot.

    python bench/import.py --corpus /work/corpus/full --no-baseline           # the full render
    python bench/import.py --corpus DIR --warc a.warc.gz --jobs 1 2           # one site of it
    python bench/import.py --corpus DIR --no-baseline --keep DIR2             # keep the last run's data

Goals (issue 11, acceptance 3): the full corpus with ``--jobs 2`` in ≤ 5 min on the 2-core
machine, peak RSS of the process tree ≤ 1 GB, ``--jobs 2`` ≥ 1.6× faster than ``--jobs 1``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# This folder holds bench/index.py, which must not shadow the ``index`` package: use the repo root.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench.common import CORPUS, FAMILIES, PORTALGEN, REPO  # noqa: E402

FULL = 38085


def render(out: Path, pages: int, seed: str) -> Path:
    if (out / "warc").is_dir() and (out / "truth.jsonl").exists():
        return out
    if not PORTALGEN.exists() or not CORPUS.exists():
        raise SystemExit(f"../shared/portalgen or the corpus is missing ({PORTALGEN.parent.parent})")
    cmd = [sys.executable, str(PORTALGEN), "--corpus", str(CORPUS), "--out", str(out), "--pages", str(pages),
           "--seed", seed, "--families", FAMILIES, "--warc"]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(out / "sites", ignore_errors=True)  # only the WARCs are imported
    print(f"portalgen: {pages} articles rendered as WARC in {time.perf_counter() - t0:.0f} s")
    return out


def run_ingest(warc_dir: Path, data: Path, jobs: int) -> dict[str, float]:
    import resource

    import psutil

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "tracuu", "ingest", str(warc_dir), "--data", str(data),
                             "--jobs", str(jobs)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peak_main = peak_tree = 0
    cpu_of: dict[int, float] = {}  # last CPU seconds seen per process: main vs writer processes
    while proc.poll() is None:
        try:
            main = ps.memory_info().rss
            children = ps.children(recursive=True)
            tree = main + sum(c.memory_info().rss for c in children)
            for p in [ps, *children]:
                t = p.cpu_times()
                cpu_of[p.pid] = t.user + t.system
        except psutil.Error:
            continue
        peak_main, peak_tree = max(peak_main, main), max(peak_tree, tree)
        time.sleep(0.2)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the whole tree, workers included
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    text = out.decode()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}): {err.decode()[-2000:]}")

    def number(label: str) -> int:
        m = re.search(label + r"[^\n]*?: (\d+)", text)
        return int(m.group(1)) if m else 0

    read = int(re.search(r"Đã đọc (\d+)", text).group(1))
    return {"wall": wall, "read": read, "indexed": number(r"\(indexed\)"), "failed": number(r"\(failed\)"),
            "rss_main": peak_main / 2**20, "rss_tree": peak_tree / 2**20, "cpu": cpu,
            "cpu_main": cpu_of.get(proc.pid, 0.0), "cpu_workers": sum(v for k, v in cpu_of.items() if k != proc.pid)}


def bare_loop(warc_dir: Path, data: Path) -> dict[str, float]:
    """The baseline: parse and index every record in this process, nothing kept, no pool."""
    import psutil

    from index.writer import IndexWriterSink
    from ingest.parse import SkipPage, parse_page
    from ingest.sources import RawPage, iter_warc

    t0 = time.perf_counter()
    read = indexed = 0
    with IndexWriterSink(data) as sink:
        for warc in sorted(warc_dir.glob("*.warc.gz")):
            for item in iter_warc(warc):
                if not isinstance(item, RawPage):
                    continue
                read += 1
                try:
                    doc = parse_page(item.payload, url=item.url, path=item.path, content_type=item.content_type)
                except SkipPage:
                    continue
                indexed += sink.add(doc) == "indexed"
    return {"wall": time.perf_counter() - t0, "read": read, "indexed": indexed, "failed": 0,
            "rss_main": psutil.Process().memory_info().rss / 2**20, "rss_tree": float("nan")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=FULL, help=f"articles to render [{FULL}]")
    ap.add_argument("--seed", default="bench-import")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    ap.add_argument("--no-baseline", action="store_true", help="skip the bare in-process loop")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to run, in order [1 2]")
    ap.add_argument("--warc", nargs="+", help="only these WARC files of the corpus (names)")
    ap.add_argument("--corpus", type=Path, help="an already rendered portalgen corpus (with warc/ and "
                    "truth.jsonl), e.g. /work/corpus/full, instead of rendering one")
    ap.add_argument("--keep", type=Path, help="move the data directory of the last --jobs run here "
                    "(e.g. to benchmark searches over it afterwards) instead of deleting it")
    args = ap.parse_args()
    portal = args.corpus or render(args.out / f"import-{args.pages}-{args.seed}", args.pages, args.seed)
    warcs = portal / "warc"
    if args.warc:  # a subset: linked into a folder of its own
        subset = Path(tempfile.mkdtemp(prefix="tracuu-bench-warcs-"))
        for name in args.warc:
            (subset / name).symlink_to((warcs / name).resolve())
        warcs = subset
    names = sorted(p.name for p in warcs.glob("*.warc.gz"))
    size = sum(p.stat().st_size for p in warcs.glob("*.warc.gz"))
    hosts = {n.removesuffix(".warc.gz") for n in names}
    articles = html = 0
    with open(portal / "truth.jsonl", encoding="utf-8") as fh:  # portalgen stops when the corpus runs out
        for line in fh:
            rec = json.loads(line)
            if rec.get("host") not in hosts:
                continue
            articles += rec["kind"] == "article"
            path = portal / rec["file"]
            html += path.stat().st_size if path.exists() else 0
    print(f"input: {len(names)} WARC files, {size / 2**20:.1f} MB, {articles} articles"
          + (f", {html / 1e6:.1f} MB of HTML pages" if html else ""))
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="tracuu-bench-import-") as tmp:
        if not args.no_baseline:
            results["bare loop (baseline)"] = bare_loop(warcs, Path(tmp) / "bare")
        for jobs in args.jobs:
            r = results[f"tracuu ingest --jobs {jobs}"] = run_ingest(warcs, Path(tmp) / f"j{jobs}", jobs)
            r["data_mb"] = sum(p.stat().st_size for p in (Path(tmp) / f"j{jobs}").rglob("*") if p.is_file()) / 2**20
            r["index_bytes"] = sum(p.stat().st_size for p in (Path(tmp) / f"j{jobs}" / "index").iterdir()
                                   if p.is_file())
            print(f"  --jobs {jobs}: {r['wall']:.1f} s wall, {r['cpu']:.0f} s CPU (main process {r['cpu_main']:.0f} s, "
                  f"writer processes {r['cpu_workers']:.0f} s), tree {r['rss_tree']:.0f} MB", flush=True)
            if args.keep and jobs == args.jobs[-1]:
                shutil.rmtree(args.keep, ignore_errors=True)
                shutil.move(Path(tmp) / f"j{jobs}", args.keep)
            shutil.rmtree(Path(tmp) / f"j{jobs}", ignore_errors=True)
    print(f"{'run':28} {'wall s':>8} {'CPU s':>7} {'records':>8} {'rec/s':>7} {'docs':>7} {'docs/s':>7} "
          f"{'RSS MB':>7} {'tree MB':>8} {'data MB':>8} {'index MB':>9}")
    for name, r in results.items():
        print(f"{name:28} {r['wall']:8.1f} {r.get('cpu', float('nan')):7.0f} {r['read']:8d} "
              f"{r['read'] / r['wall']:7.1f} {r['indexed']:7d} {r['indexed'] / r['wall']:7.1f} {r['rss_main']:7.0f} "
              f"{r['rss_tree']:8.0f} {r.get('data_mb', 0):8.0f} {r.get('index_bytes', 0) / 1e6:9.1f}")
    runs = {jobs: results[f"tracuu ingest --jobs {jobs}"] for jobs in args.jobs}
    if html:
        for jobs, r in runs.items():
            print(f"index (--jobs {jobs}): {r['index_bytes'] / 1e6:.1f} MB = {r['index_bytes'] / html:.2f}x the "
                  f"HTML pages (goal <= 1.0x)")
    if 1 in runs and 2 in runs:
        print(f"speed-up --jobs 2 / --jobs 1 (wall): {runs[1]['wall'] / runs[2]['wall']:.2f}x (goal >= 1.6x)")
    if "bare loop (baseline)" in results and 1 in runs:
        bare = results["bare loop (baseline)"]
        print("ratio to the bare loop (wall): " + ", ".join(f"--jobs {j} {r['wall'] / bare['wall']:.2f}"
                                                         for j, r in runs.items()))
    best = min(r["wall"] for r in runs.values())
    scope = "whole corpus" if articles >= FULL or (args.corpus and not args.warc) else f"{articles} articles"
    print(f"{scope} (best run): {best / 60:.1f} min (goal for the full corpus with --jobs 2: <= 5 min)")


if __name__ == "__main__":
    main()
