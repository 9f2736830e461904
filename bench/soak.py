"""Soak: a mixed search load and imports together for a fixed time (issue 14, item 6).

    python bench/soak.py [--duration 600] [--pages 2000] [--clients 8] [--workers N] [--data DIR]

Builds a portal of ``--pages`` generated pages (tests/faultkit.py) and imports it, starts
``tracuu serve`` on it, warms up for ``--warmup`` seconds, then for ``--duration`` seconds runs
``--clients`` keep-alive clients (API searches, search pages with filters, document pages,
suggestions) while ``tracuu ingest`` re-imports the same URLs round after round, ``--update-share``
of them (default 10 %) with new content: a site being recrawled, where most old articles do not
change. The index keeps its live size; it does grow by the deleted copies of updated pages until
Whoosh merges them, and the server's per-document arrays with it (the report shows both). Prints requests, errors, p50/p95/p99, imports done,
and the RSS of every process (server and its workers, the import and its parser pool) at the
start and the end, with the server's growth. Goal (issue 14): 0 errors, server RSS growth ≤ 10 %.
A request that takes over ``--timeout`` seconds (default 10) counts as an error.
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
                        self.errors[f"{kind} HTTP {resp.status}"] += 1
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


def show_rss(label: str, rows: list[tuple[str, int, float]]) -> None:
    print(f"RSS at {label}:")
    for role, pid, mb in rows:
        print(f"  {role:14s} pid {pid:7d}  {mb:7.1f} MB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=600.0, help="seconds of load + imports [600]")
    ap.add_argument("--warmup", type=float, default=60.0,
                    help="seconds of load before the start figures (the searcher's caches fill up) [60]")
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
    t_setup = time.monotonic()
    first = write_portal(work / "round-0", args.pages, seed=0)
    subprocess.run([sys.executable, "-m", "tracuu", "ingest", "--data", str(data), str(first)], env=ENV,
                   check=True, stdout=subprocess.DEVNULL)
    print(f"soak: {args.pages} pages imported in {time.monotonic() - t_setup:.0f} s; {args.clients} clients, "
          f"{args.duration:.0f} s", flush=True)
    server, base = start_server(data, args.threads, args.workers)
    stop, measuring = threading.Event(), threading.Event()
    clients = [Client(base, seed, stop, args.timeout, measuring) for seed in range(args.clients)]
    imports: list[tuple[int, float, int]] = []  # (round, seconds, exit status)
    imp: subprocess.Popen | None = None
    try:
        for c in clients:
            c.start()
        time.sleep(args.warmup)
        rss_start = rss_tree(server.pid, "server")
        measuring.set()
        t0 = time.monotonic()
        deadline = t0 + args.duration
        rnd = 0
        rss_import_start: list[tuple[str, int, float]] = []
        timeline: list[tuple[float, float]] = []  # (seconds, server tree RSS MB) every minute
        sampler_stop = threading.Event()

        def sample() -> None:
            while not sampler_stop.wait(60):
                timeline.append((time.monotonic() - t0, sum(mb for *_, mb in rss_tree(server.pid, "server"))))

        threading.Thread(target=sample, daemon=True).start()
        while time.monotonic() < deadline:
            rnd += 1
            src = write_round(work / f"round-{rnd}", args.pages, rnd, args.update_share)
            started = time.monotonic()
            log = open(work / f"import-{rnd}.log", "w+b")  # noqa: SIM115 - read back on failure
            imp = tracuu("ingest", "--data", str(data), str(src), stdout=log, stderr=subprocess.STDOUT)
            if not rss_import_start:
                time.sleep(3)
                rss_import_start = rss_tree(imp.pid, "import")
            while imp.poll() is None and time.monotonic() < deadline:
                time.sleep(0.5)
            if imp.poll() is None:  # time is up mid-import: measure it, then let it finish
                rss_end_import = rss_tree(imp.pid, "import")
                imp.wait()
            else:
                rss_end_import = []
            imports.append((rnd, time.monotonic() - started, imp.returncode))
            if imp.returncode != 0:
                log.seek(0)
                print(f"import round {rnd} exited {imp.returncode}:\n"
                      + log.read().decode("utf-8", "replace")[-2000:], flush=True)
            log.close()
            shutil.rmtree(src, ignore_errors=True)
        rss_end = rss_tree(server.pid, "server")
        sampler_stop.set()
        elapsed = time.monotonic() - t0
    finally:
        stop.set()
        for c in clients:
            c.join(timeout=30)
        if imp is not None and imp.poll() is None:
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
    print(f"imports {len(imports)} rounds of {args.pages} pages ({args.update_share:.0%} changed each), "
          f"{sum(s for _, s, _ in imports) / max(len(imports), 1):.0f} s each, {len(failed_imports)} failed")
    show_rss("start (after warm-up)", rss_start + rss_import_start)
    show_rss("end", rss_end + rss_end_import)
    print("server RSS each minute: " + ", ".join(f"{t / 60:.0f} min {mb:.1f} MB" for t, mb in timeline))
    print(f"index: {physical_docs(data)} documents stored (deleted ones included until merged), "
          f"{sum(p.stat().st_size for p in (data / 'index').iterdir()) / 2**20:.1f} MB")
    s0 = sum(mb for _, _, mb in rss_start)
    s1 = sum(mb for _, _, mb in rss_end)
    growth = (s1 - s0) / s0 * 100 if s0 else float("nan")
    print(f"server RSS {s0:.1f} MB → {s1:.1f} MB ({growth:+.1f} %)")
    ok = n_err == 0 and not failed_imports and growth <= 10
    print(f"goal (0 errors, server RSS growth ≤ 10 %): {'met' if ok else 'NOT met'}")
    if not args.data:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
