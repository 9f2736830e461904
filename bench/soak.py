"""Soak: a mixed search load and imports together for a fixed time (issue 14, item 6).

    python bench/soak.py [--duration 600] [--warmup 120] [--pages 2000] [--clients 8] [--workers N] [--data DIR]

Builds a portal of ``--pages`` generated pages (tests/faultkit.py) and imports it, starts
``tracuu serve`` on it, then runs ``--clients`` keep-alive clients (API searches, search pages
with filters, document pages, suggestions) while ``tracuu ingest`` re-imports the same URLs round
after round, ``--update-share`` of them (default 10 %) with new content: a site being recrawled,
where most old articles do not change. The index keeps its live size; on disk it grows by the
deleted copies of updated pages until Whoosh merges them (the report shows both).

The imports start with the load, so the warm-up includes commits and reopened searchers: it
lasts ``--warmup`` seconds (default 120) and at least ``--warmup-rounds`` finished import rounds
(default 3), because the process-wide caches (word folds, highlight patterns) and the allocator
settle over the first few index generations (measured in-process: +8 % over the first three,
then ~1 % a generation and falling). The start figures are then those of a server in its steady
state. Then ``--duration`` seconds (default 600) are measured. Prints requests, errors,
p50/p95/p99, imports done, and every process's memory (server and its workers, the import and
its parser pool).

How memory is counted (Linux ``/proc/PID/smaps_rollup``), sampled every ``--sample`` seconds:

* **private memory**: the anonymous memory of the server's processes (Python objects, caches,
  malloc heaps), summed as PSS so pages a forked worker still shares with its parent count once.
  This is what the server itself allocates;
* **file-backed**: resident pages of mapped files: the Python interpreter and its libraries.
  The index is read with ``pread`` (search/storage.py), so its pages stay in the kernel's page
  cache without being counted here; through memory maps they were, and this part grew with the
  index on disk (38 → 52 MB in 10 minutes while imports grew the index 10 → 19 MB). The index
  files still mapped (Whoosh's hash-table term dictionaries of indexes written before
  index/termdict.py) and those of them already deleted by a merge are counted per sample;
* **RSS** = both, as ``ps`` shows it: what issue 14's goal is about.

Growth = (median of the samples in the last minute) / (median of the samples in the first minute
after the warm-up) - 1: medians, because one sample can fall on the moment a reopened searcher
and the one it replaces are both alive. Goal (issue 14): 0 errors, failed imports 0, server RSS
growth ≤ 10 % (private memory's growth is shown beside it). A request over ``--timeout`` seconds
(default 10) is an error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.faultkit import HOST, TOPICS, page_html, write_portal  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def write_round(out: Path, pages: int, rnd: int, share: float) -> Path:
    """Round ``rnd`` of the portal: round 0's pages, ``share`` of them rewritten for this round."""
    base = write_portal(out, pages, seed=0)
    pick = random.Random(f"round-{rnd}")
    for i in range(pages):
        if pick.random() < share:
            html = page_html(i, random.Random(f"{rnd}-{i}"))
            (base / HOST / "tin-tuc" / f"bai-{i:05d}.html").write_text(html, encoding="utf-8")
    return base


def tracuu(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tracuu", *args], env=ENV, **kw)


def start_server(data: Path, threads: int, workers: int | None) -> tuple[subprocess.Popen, str]:
    extra = ["--workers", str(workers)] if workers else []
    proc = tracuu("serve", "--data", str(data), "--port", "0", "--threads", str(threads), *extra,
                  stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
    assert proc.stdout is not None
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("bench/soak.py: the server did not start")
        if "http://" in line:
            return proc, line[line.index("http://"):].split()[0].rstrip("/")


def smaps(pid: int, index_dir: Path | None = None) -> dict[str, float]:
    """Memory of one process from ``/proc/PID/smaps_rollup`` and ``/proc/PID/maps`` (Linux), MB:

    * ``rss``: everything resident (what ``ps`` shows);
    * ``anon``: anonymous memory (Python objects, caches, malloc heaps): memory the process
      really holds, which the kernel can only swap (``pss_anon``: the same, with pages shared with
      a forked worker split between them);
    * ``file``: resident pages of mapped files (libraries and the memory-mapped index):
      page cache, shared with every other process and reclaimable at any time;
    * ``index_maps`` / ``deleted_maps``: index files mapped, and those among them already deleted
      by a merge (a searcher that was not released keeps them alive); ``fds``: open descriptors.
    """
    out = {"rss": 0.0, "anon": 0.0, "pss_anon": 0.0, "file": 0.0, "index_maps": 0, "deleted_maps": 0, "fds": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            fields = {k: int(v.split()[0]) for k, v in (ln.split(":", 1) for ln in fh if ":" in ln and "kB" in ln)}
        out["rss"] = fields.get("Rss", 0) / 1024
        out["anon"] = fields.get("Anonymous", 0) / 1024
        out["pss_anon"] = fields.get("Pss_Anon", fields.get("Anonymous", 0)) / 1024
        out["file"] = out["rss"] - out["anon"]
        if index_dir is not None:
            prefix = str(index_dir)
            seen = set()
            with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as fh:
                for ln in fh:
                    if prefix in ln:
                        seen.add(ln.split(None, 5)[-1].strip())
            out["index_maps"] = len(seen)
            out["deleted_maps"] = sum(1 for name in seen if name.endswith("(deleted)"))
        out["fds"] = len(os.listdir(f"/proc/{pid}/fd"))
    except (OSError, ValueError):
        pass
    return out


def rss_tree(pid: int, role: str) -> list[tuple[str, int, float]]:
    """(role, pid, RSS MB) of a process and its descendants."""
    out = []
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return out
    for i, p in enumerate(procs):
        try:
            out.append((role if i == 0 else f"{role} child", p.pid, p.memory_info().rss / 2**20))
        except psutil.NoSuchProcess:
            pass
    return out


class Client(threading.Thread):
    def __init__(self, base: str, seed: int, stop: threading.Event, timeout: float, measuring: threading.Event):
        super().__init__(daemon=True)
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.rng = random.Random(seed)
        self.stop, self.timeout, self.measuring = stop, timeout, measuring
        self.lat: list[float] = []
        self.errors: Counter[str] = Counter()
        self.doc_ids: list[str] = []

    def request(self) -> tuple[str, str]:
        rng = self.rng
        topic = rng.choice(TOPICS)
        q = " ".join(rng.sample(topic, 2))
        if rng.random() < 0.3:
            q = q.replace("đ", "d")  # some accentless typing
        r = rng.random()
        if r < 0.35:
            return "api", "/api/v1/search?" + urlencode({"q": q})
        if r < 0.65:
            return "page", "/?" + urlencode({"q": q})
        if r < 0.75:
            return "filtered", "/?" + urlencode({"q": q, "year": rng.randint(2015, 2025), "sort": "newest"})
        if r < 0.90 and self.doc_ids:
            return "doc", "/doc/" + rng.choice(self.doc_ids)
        return "suggest", "/api/v1/suggest?q=" + quote(q[:5])

    def run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        while not self.stop.is_set():
            kind, path = self.request()
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                if resp.status != 200:
                    if self.measuring.is_set():
                        self.errors[f"{kind} HTTP {resp.status}{problem_type(body)}"] += 1
                    continue
                if kind == "api" and len(self.doc_ids) < 200:
                    self.doc_ids += [h["id"] for h in json.loads(body)["hits"]]
            except (OSError, http.client.HTTPException, ValueError) as exc:
                if self.measuring.is_set():
                    self.errors[f"{kind} {type(exc).__name__}"] += 1
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                continue
            if self.measuring.is_set():
                self.lat.append((time.perf_counter() - t0) * 1000)
        conn.close()


def problem_type(body: bytes) -> str:
    """`` (type)`` of an RFC 9457 problem answer, so the error counts say which refusal it was."""
    try:
        got = json.loads(body)
    except ValueError:
        return ""
    return f" ({got.get('type') or got.get('title')})" if isinstance(got, dict) else ""


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def physical_docs(data: Path) -> int:
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(data / "index"))
    try:
        return ix.doc_count_all()
    finally:
        ix.close()


def memory_rows(pid: int, role: str) -> list[tuple[str, int, dict[str, float]]]:
    """(role, pid, :func:`smaps`) of a process and its descendants, now."""
    return [(r, p, smaps(p)) for r, p, _mb in rss_tree(pid, role)]


def show_rss(label: str, rows: list[tuple[str, int, dict[str, float]]]) -> None:
    print(f"processes at {label} (RSS / anonymous / file-backed MB):")
    for role, pid, m in rows:
        print(f"  {role:14s} pid {pid:7d}  {m['rss']:7.1f} / {m['anon']:6.1f} / {m['file']:6.1f}")


def server_sample(pid: int, index: Path) -> dict[str, float]:
    """The server's processes summed: ``rss``, ``private`` (anonymous PSS), ``file``, and the
    index files mapped, deleted ones still mapped, open descriptors; with the index's size."""
    out = {"rss": 0.0, "private": 0.0, "file": 0.0, "index_maps": 0, "deleted_maps": 0, "fds": 0}
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return out
    for p in procs:
        m = smaps(p.pid, index)
        for k in ("rss", "file", "index_maps", "deleted_maps", "fds"):
            out[k] += m[k]
        out["private"] += m["pss_anon"]
    try:
        out["index_mb"] = sum(f.stat().st_size for f in index.iterdir() if f.is_file()) / 2**20
    except OSError:
        out["index_mb"] = float("nan")
    return out


def median(values: list[float]) -> float:
    return pct(values, 50)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=600.0, help="seconds measured [600]")
    ap.add_argument("--warmup", type=float, default=120.0,
                    help="seconds of load and imports before the start figures (caches fill, searchers reopen) [120]")
    ap.add_argument("--warmup-rounds", type=int, default=3,
                    help="import rounds that must have finished before the start figures, too [3]")
    ap.add_argument("--sample", type=float, default=10.0, help="seconds between memory samples [10]")
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--update-share", type=float, default=0.1,
                    help="share of the pages each import round changes [0.1]")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--workers", type=int, default=None, help="`tracuu serve --workers` (default: its own)")
    ap.add_argument("--timeout", type=float, default=10.0, help="a request slower than this is an error [10]")
    ap.add_argument("--data", help="work directory (default: a temporary one, removed at the end)")
    args = ap.parse_args()
    work = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="tracuu-soak-"))
    data = work / "data"
    index = data / "index"
    t_setup = time.monotonic()
    first = write_portal(work / "round-0", args.pages, seed=0)
    subprocess.run([sys.executable, "-m", "tracuu", "ingest", "--data", str(data), str(first)], env=ENV,
                   check=True, stdout=subprocess.DEVNULL)
    print(f"soak: {args.pages} pages imported in {time.monotonic() - t_setup:.0f} s; {args.clients} clients, "
          f"≥ {args.warmup:.0f} s / {args.warmup_rounds} import rounds warm-up + {args.duration:.0f} s measured",
          flush=True)
    server, base = start_server(data, args.threads, args.workers)
    stop, measuring, imports_stop = threading.Event(), threading.Event(), threading.Event()
    clients = [Client(base, seed, stop, args.timeout, measuring) for seed in range(args.clients)]
    imports: list[tuple[int, float, int, bool]] = []  # (round, seconds, exit status, in the measured time)
    import_rss: list[tuple[str, int, dict[str, float]]] = []
    current: list[subprocess.Popen] = []

    def run_imports() -> None:
        rnd = 0
        while not imports_stop.is_set():
            rnd += 1
            src = write_round(work / f"round-{rnd}", args.pages, rnd, args.update_share)
            started = time.monotonic()
            with open(work / f"import-{rnd}.log", "w+b") as log:
                imp = tracuu("ingest", "--data", str(data), str(src), stdout=log, stderr=subprocess.STDOUT)
                current[:] = [imp]
                while imp.poll() is None:
                    if not import_rss and time.monotonic() - started > 3:
                        import_rss.extend(memory_rows(imp.pid, "import"))
                    time.sleep(0.5)
                imports.append((rnd, time.monotonic() - started, imp.returncode, measuring.is_set()))
                if imp.returncode != 0:
                    log.seek(0)
                    print(f"import round {rnd} exited {imp.returncode}:\n"
                          + log.read().decode("utf-8", "replace")[-2000:], flush=True)
            shutil.rmtree(src, ignore_errors=True)

    samples: list[tuple[float, dict[str, float]]] = []
    importer = threading.Thread(target=run_imports, daemon=True)
    try:
        for c in clients:
            c.start()
        importer.start()
        warm_until = time.monotonic() + args.warmup
        while time.monotonic() < warm_until or (len(imports) < args.warmup_rounds and importer.is_alive()):
            time.sleep(0.5)
        print(f"warm-up done: {time.monotonic() - warm_until + args.warmup:.0f} s, {len(imports)} import rounds",
              flush=True)
        rows_start = memory_rows(server.pid, "server")
        measuring.set()
        t0 = time.monotonic()
        while (now := time.monotonic()) < t0 + args.duration:
            samples.append((now - t0, server_sample(server.pid, index)))
            time.sleep(min(args.sample, max(0.0, t0 + args.duration - time.monotonic())))
        samples.append((time.monotonic() - t0, server_sample(server.pid, index)))
        rows_end = memory_rows(server.pid, "server") + (memory_rows(current[0].pid, "import") if current else [])
        elapsed = time.monotonic() - t0
        measuring.clear()
        imports_stop.set()
        importer.join()  # the round under way finishes (a killed import would only test recovery)
    finally:
        stop.set()
        imports_stop.set()
        for c in clients:
            c.join(timeout=30)
        for imp in current:
            if imp.poll() is None:
                imp.terminate()
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    lat = [ms for c in clients for ms in c.lat]
    errors: Counter[str] = Counter()
    for c in clients:
        errors.update(c.errors)
    n_err = sum(errors.values())
    print(f"requests {len(lat) + n_err}  ({(len(lat) + n_err) / elapsed:.1f} req/s)  errors {n_err}  "
          f"p50 {pct(lat, 50):.0f} ms  p95 {pct(lat, 95):.0f} ms  p99 {pct(lat, 99):.0f} ms  max {max(lat or [0]):.0f} ms")
    for k, v in errors.most_common():
        print(f"  error {k}: {v}")
    failed_imports = [r for r in imports if r[2] != 0]
    measured = [r for r in imports if r[3]]
    print(f"imports {len(imports)} rounds of {args.pages} pages ({args.update_share:.0%} changed each; "
          f"{len(measured)} ended in the measured time), {sum(r[1] for r in imports) / max(len(imports), 1):.0f} s "
          f"each, {len(failed_imports)} failed")
    show_rss("the start of the measured time", rows_start + import_rss)
    show_rss("the end of the measured time", rows_end)
    print("server each minute (RSS = private + file-backed MB; index files mapped / deleted ones; "
          "descriptors; index on disk):")
    for minute in range(int(args.duration // 60) + 1):
        near = min(samples, key=lambda ts: abs(ts[0] - 60 * minute))
        t, m = near
        print(f"  {t / 60:4.1f} min  RSS {m['rss']:6.1f} = {m['private']:6.1f} + {m['file']:6.1f}  "
              f"maps {m['index_maps']:3.0f}/{m['deleted_maps']:.0f}  fds {m['fds']:3.0f}  index {m['index_mb']:5.1f} MB")
    window = min(60.0, args.duration / 4)
    first = [m for t, m in samples if t <= window]
    last = [m for t, m in samples if t >= elapsed - window]
    growth: dict[str, tuple[float, float, float]] = {}
    for key in ("private", "rss", "file", "index_mb"):
        a, b = median([m[key] for m in first]), median([m[key] for m in last])
        growth[key] = (a, b, (b - a) / a * 100 if a else float("nan"))
    peak = max(m["private"] for _, m in samples)
    print(f"index: {physical_docs(data)} documents stored at the end (deleted copies included until merged); "
          f"on disk {growth['index_mb'][0]:.1f} → {growth['index_mb'][1]:.1f} MB ({growth['index_mb'][2]:+.1f} %)")
    print(f"growth = median of the last {window:.0f} s / median of the first {window:.0f} s of the measured time "
          f"({len(first)} and {len(last)} samples), server processes summed:")
    a, b, g = growth["private"]
    print(f"  private (anonymous) memory {a:.1f} MB → {b:.1f} MB ({g:+.1f} %), peak {peak:.1f} MB")
    print(f"  file-backed (libraries, mapped index files if any) {growth['file'][0]:.1f} MB → "
          f"{growth['file'][1]:.1f} MB ({growth['file'][2]:+.1f} %)")
    print(f"  RSS {growth['rss'][0]:.1f} MB → {growth['rss'][1]:.1f} MB ({growth['rss'][2]:+.1f} %)")
    ok = n_err == 0 and not failed_imports and growth["rss"][2] <= 10
    print(f"goal (0 errors, 0 failed imports, server RSS growth ≤ 10 %): {'met' if ok else 'NOT met'}"
          f"; private-memory growth ≤ 10 % too: {'yes' if g <= 10 else 'no'}")
    if not args.data:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
