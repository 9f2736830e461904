"""Spark benchmark: ``tracuu spark-ingest --index`` in ``local[1]`` and ``local[2]`` against
``tracuu ingest --jobs 2`` on the same WARC files, in one run.

    python bench/spark.py --warc-dir /path/to/warc          # e.g. the full corpus as WARC
    python bench/spark.py --warc-dir DIR --records 600      # the first 600 records of each WARC
    python bench/spark.py                                   # portalgen renders --pages 2400 as WARC
    python bench/spark.py --pages 800 --only spark2,ingest2

Each run is the real command in a fresh output folder (Spark: derivatives + index + catalog;
ingest: archive + catalog + index), timed wall-clock from process start (JVM start-up included:
a cluster pays it once per job, so it is part of Spark's overhead). Besides the wall time each
run's CPU time (user + sys of the whole process tree: the JVM, Spark's Python workers, the
parser processes) is sampled with psutil: on a shared machine wall times are inflated by other
load, CPU time much less, so both are printed. ``--records N`` copies the first N records of
each WARC, gzip member by gzip member, into a temporary folder, so the files stay real WARCs.

Goals (issue 13, acceptance 3): ``local[2]`` ≥ 1.6× faster than ``local[1]`` (the work
spreads), and ``local[2]`` within 1.3× of ``tracuu ingest --jobs 2`` (Spark's overhead is
bounded). The load average is printed with each figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

REPO = _HERE.parent


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


class TreeCPU:
    """CPU seconds (user + sys) of a process and all its descendants, sampled every 0.1 s:
    a descendant that ends between two samples loses at most its last 0.1 s (Spark's JVM and
    Python workers live for the whole run)."""

    def __init__(self, pid: int) -> None:
        import psutil

        self._psutil = psutil
        self.root = psutil.Process(pid)
        self.seen: dict[tuple[int, float], float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except self._psutil.Error:
            return
        for p in procs:
            try:
                t = p.cpu_times()
                self.seen[(p.pid, p.create_time())] = t.user + t.system
            except self._psutil.Error:
                continue

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(0.1)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return sum(self.seen.values())


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process tree) of one command."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "SPARK_LOCAL_IP": "127.0.0.1"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    cpu = TreeCPU(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    cpu_s = cpu.stop()
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    for line in out.strip().splitlines()[-3:]:
        print("   ", line[:200])
    return wall, cpu_s


def warc_files(args: argparse.Namespace, work: Path) -> list[Path]:
    """The WARCs to read: ``--warc-dir``'s, else a portalgen render made (and kept) here."""
    if args.warc_dir is None:
        from bench.common import make_portal

        root = make_portal(args.cache / f"portal-{args.pages}", args.pages, "bench-spark", extra=("--warc",))
        folder = root / "warc"
    else:
        folder = args.warc_dir
    files = sorted(p for p in folder.iterdir() if p.name.endswith((".warc.gz", ".warc", ".arc.gz")))
    return files[: args.warcs] if args.warcs else files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warc-dir", type=Path, default=None,
                    help="folder of WARC files (default: portalgen renders --pages pages as WARC)")
    ap.add_argument("--pages", type=int, default=2400, help="portalgen pages without --warc-dir")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "tracuu-bench",
                    help="where the portalgen render is kept between runs")
    ap.add_argument("--warcs", type=int, default=None, help="only the first N files (sorted)")
    ap.add_argument("--records", type=int, default=None, help="only the first N records of each file")
    ap.add_argument("--only", default="spark1,spark2,ingest2", help="runs to make (comma-separated)")
    ap.add_argument("--keep", action="store_true", help="keep the output folders")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tracuu-bench-spark-"))
    try:
        files = warc_files(args, work)
        if not files:
            sys.exit(f"no WARC files in {args.warc_dir}")
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
        runs = {
            "spark1": ("spark local[1]", [py, "-m", "tracuu", "spark-ingest", str(inputs), "--out", str(work / "s1"),
                                          "--index", "--master", "local[1]"]),
            "spark2": ("spark local[2]", [py, "-m", "tracuu", "spark-ingest", str(inputs), "--out", str(work / "s2"),
                                          "--index", "--master", "local[2]"]),
            # --no-optimize: the same work as Spark's --index, which leaves the tasks' segments as
            # they are; ingest's default final merge into one segment (~2 min on the full corpus)
            # would otherwise be counted against ingest alone and flatter the ratio
            "ingest2": ("tracuu ingest --jobs 2 --no-optimize", [py, "-m", "tracuu", "ingest", str(inputs), "--data",
                                                                 str(work / "d2"), "--jobs", "2", "--no-optimize"]),
        }
        walls, cpus = {}, {}
        for key in args.only.split(","):
            name, cmd = runs[key]
            print(f"{name} …", flush=True)
            walls[key], cpus[key] = timed(cmd)
            print(f"  {name}: wall {walls[key]:.1f} s, CPU {cpus[key]:.1f} s "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
            summary = work / key.replace("spark", "s") / "summary.json"
            if key.startswith("spark") and summary.exists():
                phases = json.loads(summary.read_text()).get("timings", {})
                print("    driver phases (wall s, driver CPU s):",
                      ", ".join(f"{k} {w:.1f}/{c:.1f}" for k, (w, c) in phases.items()), flush=True)
        print()
        if "spark1" in walls and "spark2" in walls:
            print(f"local[2] speed-up over local[1]: {walls['spark1'] / walls['spark2']:.2f}× wall "
                  f"(goal ≥ 1.6×); CPU local[1] {cpus['spark1']:.1f} s, local[2] {cpus['spark2']:.1f} s")
        if "spark2" in walls and "ingest2" in walls:
            print(f"local[2] / tracuu ingest --jobs 2 wall time: {walls['spark2'] / walls['ingest2']:.2f}× "
                  f"(goal ≤ 1.3×); CPU {cpus['spark2'] / cpus['ingest2']:.2f}× "
                  f"({cpus['spark2']:.1f} s / {cpus['ingest2']:.1f} s)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
