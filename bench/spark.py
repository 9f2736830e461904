"""Spark benchmark: ``tracuu spark-ingest --index`` in ``local[1]`` and ``local[2]`` against
``tracuu ingest --jobs 2`` on the same WARC files, in one run.

    python bench/spark.py                                   # the full corpus as WARC
    python bench/spark.py --records 800                     # the first 800 records of each WARC
    python bench/spark.py --warcs 2 --records 2000          # two files, 2000 records each

Each run is the real command in a fresh output folder (Spark: derivatives + index + catalog;
ingest: archive + catalog + index), timed wall-clock from process start (JVM start-up included:
a cluster pays it once per job, so it is part of Spark's overhead). ``--records N`` copies the
first N records of each WARC, gzip member by gzip member, into a temporary folder, so the
files stay real WARCs and the work still splits one task per file.

Goals (issue 13, acceptance 3): ``local[2]`` ≥ 1.6× faster than ``local[1]`` (the work
spreads), and ``local[2]`` within 1.3× of ``tracuu ingest --jobs 2`` (Spark's overhead is
bounded). On a shared, loaded machine wall times are noisy: the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

REPO = _HERE.parent
DEFAULT_WARCS = Path("/work/corpus/full/warc")


def sample(src: Path, dst: Path, records: int) -> None:
    """The first ``records`` response/resource/revisit records of ``src`` (with any records in
    between), copied byte for byte."""
    from warcio.archiveiterator import ArchiveIterator

    kept = 0
    end = 0
    with open(src, "rb") as fh:
        it = ArchiveIterator(fh)
        for rec in it:
            rec.content_stream().read()
            end = it.get_record_offset() + it.get_record_length()
            if rec.rec_type in ("response", "resource", "revisit"):
                kept += 1
                if kept >= records:
                    break
    with open(src, "rb") as fh, open(dst, "wb") as out:
        out.write(fh.read(end))


def timed(cmd: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SPARK_LOCAL_IP": "127.0.0.1"}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    print("   ", (proc.stdout.strip().splitlines() or [""])[-1][:160])
    return wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_WARCS, help="folder of WARC files")
    ap.add_argument("--warcs", type=int, default=None, help="only the first N files (sorted)")
    ap.add_argument("--records", type=int, default=None, help="only the first N records of each file")
    ap.add_argument("--keep", action="store_true", help="keep the output folders")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.iterdir() if p.name.endswith((".warc.gz", ".warc", ".arc.gz")))
    files = files[: args.warcs] if args.warcs else files
    if not files:
        sys.exit(f"no WARC files in {args.corpus}")
    work = Path(tempfile.mkdtemp(prefix="tracuu-bench-spark-"))
    try:
        inputs = work / "warc"
        inputs.mkdir()
        for f in files:
            if args.records:
                sample(f, inputs / f.name, args.records)
            else:
                shutil.copy(f, inputs / f.name)
        size = sum(p.stat().st_size for p in inputs.iterdir())
        print(f"{len(files)} WARC files, {size / 1e6:.0f} MB, records per file: {args.records or 'all'}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        py = sys.executable
        walls = {}
        for name, cmd in (
            ("spark local[1]", [py, "-m", "tracuu", "spark-ingest", str(inputs), "--out", str(work / "s1"),
                                "--index", "--master", "local[1]"]),
            ("spark local[2]", [py, "-m", "tracuu", "spark-ingest", str(inputs), "--out", str(work / "s2"),
                                "--index", "--master", "local[2]"]),
            ("tracuu ingest --jobs 2", [py, "-m", "tracuu", "ingest", str(inputs), "--data", str(work / "d2"),
                                        "--jobs", "2"]),
        ):
            print(f"{name} …")
            walls[name] = timed(cmd)
            print(f"  {name}: {walls[name]:.1f} s (load {os.getloadavg()[0]:.1f})")
        s1, s2, ing = walls["spark local[1]"], walls["spark local[2]"], walls["tracuu ingest --jobs 2"]
        print(f"\nlocal[2] speed-up over local[1]: {s1 / s2:.2f}× (goal ≥ 1.6×)")
        print(f"local[2] / tracuu ingest --jobs 2 wall time: {s2 / ing:.2f}× (goal ≤ 1.3×)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
