"""End-to-end import benchmark: a portalgen corpus rendered as WARC, ``tracuu ingest --jobs 1`` vs ``--jobs 2``.

    python bench/import.py                 # the whole corpus (38,085 articles by default)
    python bench/import.py --pages 2000    # a quicker run

For each job count the real command runs in a fresh data directory (archive, catalog, index):
wall time, records/s, documents/s and peak RSS (the ingest process alone and its whole process
tree, parser workers included, sampled with psutil). The baseline, measured in the same run, is
the bare loop with no archive, no catalog and no pool — ``iter_warc`` → ``parse_page`` →
``IndexWriterSink`` in one process — so the ratios show what the pool buys and what keeping every
byte costs. Goal (issue 4): the whole corpus in ≤ 15 min and ≤ 1 GB RSS on the 2-core machine.
"""

from __future__ import annotations

import argparse
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
    import psutil

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "tracuu", "ingest", str(warc_dir), "--data", str(data),
                             "--jobs", str(jobs)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peak_main = peak_tree = 0
    while proc.poll() is None:
        try:
            main = ps.memory_info().rss
            tree = main + sum(c.memory_info().rss for c in ps.children(recursive=True))
        except psutil.Error:
            break
        peak_main, peak_tree = max(peak_main, main), max(peak_tree, tree)
        time.sleep(0.2)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    text = out.decode()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}): {err.decode()[-2000:]}")

    def number(label: str) -> int:
        m = re.search(label + r"[^\n]*?: (\d+)", text)
        return int(m.group(1)) if m else 0

    read = int(re.search(r"Đã đọc (\d+)", text).group(1))
    return {"wall": wall, "read": read, "indexed": number(r"\(indexed\)"), "failed": number(r"\(failed\)"),
            "rss_main": peak_main / 2**20, "rss_tree": peak_tree / 2**20}


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
    ap.add_argument("--corpus", type=Path, help="an already rendered portalgen corpus (with warc/ and "
                    "truth.jsonl), e.g. /work/corpus/full, instead of rendering one")
    args = ap.parse_args()
    portal = args.corpus or render(args.out / f"import-{args.pages}-{args.seed}", args.pages, args.seed)
    warcs = portal / "warc"
    size = sum(p.stat().st_size for p in warcs.glob("*.warc.gz"))
    with open(portal / "truth.jsonl", encoding="utf-8") as fh:  # portalgen stops when the corpus runs out
        articles = sum(1 for line in fh if '"kind": "article"' in line or '"kind":"article"' in line)
    print(f"input: {len(list(warcs.glob('*.warc.gz')))} WARC files, {size / 2**20:.1f} MB, {articles} articles")
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="tracuu-bench-import-") as tmp:
        if not args.no_baseline:
            results["bare loop (baseline)"] = bare_loop(warcs, Path(tmp) / "bare")
        for jobs in (1, 2):
            results[f"tracuu ingest --jobs {jobs}"] = run_ingest(warcs, Path(tmp) / f"j{jobs}", jobs)
            data_mb = sum(p.stat().st_size for p in (Path(tmp) / f"j{jobs}").rglob("*") if p.is_file()) / 2**20
            results[f"tracuu ingest --jobs {jobs}"]["data_mb"] = data_mb
    print(f"{'run':28} {'wall s':>8} {'records':>8} {'rec/s':>7} {'docs':>7} {'docs/s':>7} "
          f"{'RSS MB':>7} {'tree MB':>8} {'data MB':>8}")
    for name, r in results.items():
        print(f"{name:28} {r['wall']:8.1f} {r['read']:8d} {r['read'] / r['wall']:7.1f} {r['indexed']:7d} "
              f"{r['indexed'] / r['wall']:7.1f} {r['rss_main']:7.0f} {r['rss_tree']:8.0f} {r.get('data_mb', 0):8.0f}")
    j1, j2 = results["tracuu ingest --jobs 1"], results["tracuu ingest --jobs 2"]
    print(f"speed-up --jobs 2 / --jobs 1: {j1['wall'] / j2['wall']:.2f}x")
    if "bare loop (baseline)" in results:
        bare = results["bare loop (baseline)"]
        print(f"ratio to the bare loop (wall): --jobs 1 {j1['wall'] / bare['wall']:.2f}, "
              f"--jobs 2 {j2['wall'] / bare['wall']:.2f}")
    best = min(j1["wall"], j2["wall"])
    if articles < FULL:
        print(f"extrapolated to {FULL} articles (best run): {best * FULL / articles / 60:.1f} min (goal ≤ 15 min)")
    else:
        print(f"whole corpus (best run): {best / 60:.1f} min (goal ≤ 15 min)")


if __name__ == "__main__":
    main()
