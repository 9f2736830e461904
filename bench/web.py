"""Bounded load test of ``tracuu serve``: N concurrent keep-alive clients for a fixed time.

    python bench/web.py --data DIR [--clients 8] [--duration 30] [--baseline 5]

Starts ``tracuu serve --data DIR --port 0`` on 127.0.0.1 (or uses ``--url`` of a running server),
warms up, then measures two phases with the same clients:

* baseline: the static stylesheet, i.e. waitress + Flask without any searching;
* mixed: search pages and API searches (accentless, accented, phrases, filters, sorts, page 2),
  document pages and suggestions, with queries from ../shared/cases/dev_queries.tsv when present.

Prints requests/s, p50/p95/p99 latency and errors per phase and per kind, and the mixed/baseline
ratios. Goal from issue 5 over the 38k index: ≥ 50 req/s, p95 ≤ 150 ms, 0 errors.

``--slow-clients 50`` adds A/B rounds: the mixed load undisturbed (A) and the same load while 50
connections send a request one byte every 0.1 s and never finish it (slowloris, B), ``--rounds``
times in the order A B B A A B B A… (``--round-seconds`` each), so a drift of the machine's load
hits both sides alike. The ratio is the attacked requests over the undisturbed ones in the same
total time (the per-round ratios are shown too, for their spread); the server's CPU seconds per
request in A and in B show what the attack itself costs, whatever else the machine runs. Goal
(issue 14): the normal clients keep ≥ 80 % of their undisturbed throughput, 0 errors.

``--unique`` measures what real traffic mostly is, queries the server has not seen: it starts
``tracuu serve`` with no options at all (worker processes and threads are the defaults a user
gets), and before anything else sends each distinct query of dev_queries.tsv exactly once,
alternately to ``/api/v1/search`` and to the search page ``/``, from 8 clients sharing one
queue (so no query is ever repeated and no cache is warm for it). Goal (issue 11): ≥ 60 req/s,
p95 ≤ 150 ms, 0 errors; the mixed phase then runs as usual (goal ≥ 120 req/s).

    python bench/web.py --data DIR --unique

``--backend sphinxql://host:port[,…]`` starts ``tracuu serve --backend …`` (the distributed
backend, issue 15; the cluster must hold the same documents): goal for ``--unique`` ≥ 100 req/s,
p95 ≤ 100 ms, 0 errors.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TRACUU_SHARED", REPO.parent / "shared"))
DEV_QUERIES = SHARED / "cases" / "dev_queries.tsv"
BUILTIN_QUERIES = [
    "cải cách hành chính", "cai cach hanh chinh", "chuyển đổi số", "chuyen doi so", "tuyển dụng công chức",
    "\"dịch vụ công trực tuyến\"", "phòng chống thiên tai", "ubnd tinh", "báo cáo quý III năm 2020",
    "hội nghị", "an toàn thông tin", "quyết định", "thu tuc hanh chinh", "giáo dục", "y tế", "nông thôn mới",
]


def load_queries(limit: int = 300) -> list[str]:
    queries = list(BUILTIN_QUERIES)
    if DEV_QUERIES.exists():
        with DEV_QUERIES.open(encoding="utf-8") as fh:
            queries += [row["query"] for row in csv.DictReader(fh, delimiter="\t") if row.get("query")][:limit]
    return queries


CORPUS = SHARED / "corpus" / "articles.jsonl.gz"


def build_corpus_index(data: Path, n: int) -> None:
    """Index the first ``n`` corpus articles as Documents (no HTML parsing) for a quick bench.

    The corpus has no sites or breadcrumbs; they are assigned round-robin so facets have work to
    do, and dates are spread over 2015-2024 where the article has none. The real 38k bench index
    comes from bench/index.py; this is for machines where it has not been built.
    """
    import gzip

    sys.path.insert(0, str(REPO))
    from index.writer import IndexWriterSink
    from ingest.document import VN_TZ, Document, Source, parse_iso

    sites = ["cchc.laichau.gov.vn", "sotttt.thaibinh.gov.vn", "mt.gov.vn", "hcc.hoabinh.gov.vn",
             "snv.quangtri.gov.vn", "dienbien.gov.vn"]
    cats = [["Tin tức", "Trong tỉnh"], ["Tin tức", "Trong nước"], ["Văn bản"], ["Thông báo"], ["Kết quả CCHC"]]
    from datetime import datetime, timedelta

    t0 = time.monotonic()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh, IndexWriterSink(data) as sink:
        for i, line in enumerate(fh):
            if i >= n:
                break
            a = json.loads(line)
            published = None
            if a.get("date"):
                try:
                    published = parse_iso(a["date"])
                except ValueError:
                    published = None
            published = published or datetime(2015, 1, 1, tzinfo=VN_TZ) + timedelta(hours=i * 23 % 87600)
            body = a.get("body") or ""
            sink.add(Document(url=a["url"], site=sites[i % len(sites)], kind="article", title=a.get("title") or "",
                              published=published, category=list(a.get("category") and [a["category"]]
                                                                  or cats[i % len(cats)]),
                              summary=a.get("sapo"), body=body,
                              source=Source(path=a["id"], bytes=len(body.encode()))))
    print(f"built {data} from {n} corpus articles in {time.monotonic() - t0:.0f} s", flush=True)


def start_server(data: str, threads: int | None, workers: int | None,
                 backend: str | None = None) -> tuple[subprocess.Popen, str]:
    """``tracuu serve`` on a free port; ``None`` options are left to the command's defaults."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "tracuu", "serve", "--data", data, "--port", "0"]
    if backend:
        cmd += ["--backend", backend]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=sys.stderr, text=True, env=env)
    deadline = time.monotonic() + 120
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if "http://" in line:
            return proc, line[line.index("http://"):].split()[0].rstrip("/")
    proc.kill()
    raise SystemExit("bench/web.py: the server did not start (see its messages above)")


class Client(threading.Thread):
    def __init__(self, base: str, make_request, stop_at: float, seed: int) -> None:
        super().__init__(daemon=True)
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.make_request = make_request
        self.stop_at = stop_at
        self.rng = random.Random(seed)
        self.samples: list[tuple[str, float, bool]] = []
        self.search_ms: list[float] = []  # the searcher's own took_ms, from API answers

    def run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        while time.monotonic() < self.stop_at:
            got = self.make_request(self.rng)
            if got is None:  # a finite phase (--unique) has run out of requests
                break
            kind, path = got
            t0 = time.perf_counter()
            ok = False
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                ok = resp.status == 200
                if ok and kind == "api":
                    self.search_ms.append(json.loads(body)["took_ms"])
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.samples.append((kind, (time.perf_counter() - t0) * 1000, ok))
        conn.close()


def unique_queries() -> list[str]:
    """Distinct dev_queries.tsv queries in file order (the built-in list without ../shared)."""
    seen: dict[str, None] = {}
    for q in load_queries(limit=10_000)[len(BUILTIN_QUERIES):] or BUILTIN_QUERIES:
        seen.setdefault(" ".join(q.split()), None)
    return list(seen)


def run_unique(base: str, queries: list[str], clients: int) -> dict:
    """Each query sent once (even positions to the API, odd ones to the page) by ``clients``
    threads taking requests from one queue; returns the same figures as :func:`run_phase`."""
    import queue as queue_mod

    todo: queue_mod.Queue[tuple[str, str]] = queue_mod.Queue()
    for i, q in enumerate(queries):
        if i % 2 == 0:
            todo.put(("api", "/api/v1/search?" + urlencode({"q": q})))
        else:
            todo.put(("page", "/?" + urlencode({"q": q})))

    def make(_rng: random.Random) -> tuple[str, str] | None:
        try:
            return todo.get_nowait()
        except queue_mod.Empty:
            return None

    return run_phase(base, make, clients, duration=3600.0)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def run_phase(base: str, make_request, clients: int, duration: float) -> dict:
    stop_at = time.monotonic() + duration
    threads = [Client(base, make_request, stop_at, seed) for seed in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    samples = [s for t in threads for s in t.samples]
    lat = [ms for _, ms, _ in samples]
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, ms, _ in samples:
        by_kind[kind].append(ms)
    search_ms = [ms for t in threads for ms in t.search_ms]
    return {
        "search_p50": pct(search_ms, 50), "search_p95": pct(search_ms, 95),
        "requests": len(samples), "rps": len(samples) / elapsed, "errors": sum(1 for *_, ok in samples if not ok),
        "p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99),
        "kinds": {k: (len(v), pct(v, 50), pct(v, 95)) for k, v in sorted(by_kind.items())},
    }


def get_json(base: str, path: str) -> dict:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return json.loads(body) if resp.status == 200 else {}


def mixed_requests(base: str, queries: list[str]):
    """Warm up and collect real document ids and facet values so every request is meaningful."""
    doc_ids: list[str] = []
    years: list[str] = []
    for q in queries[:20]:
        body = get_json(base, "/api/v1/search?" + urlencode({"q": q, "per_page": 20}))
        doc_ids += [h["id"] for h in body.get("hits", [])]
        years += [str(v) for v, _ in body.get("facets", {}).get("year", [])[:3]]
    doc_ids = doc_ids or ["0" * 16]
    years = years or ["2020"]

    def make(rng: random.Random) -> tuple[str, str]:
        q = rng.choice(queries)
        r = rng.random()
        if r < 0.40:
            return "page", "/?" + urlencode({"q": q})
        if r < 0.65:
            return "api", "/api/v1/search?" + urlencode({"q": q})
        if r < 0.75:
            return "filtered", "/?" + urlencode({"q": q, "year": rng.choice(years), "sort": "newest"})
        if r < 0.80:
            return "page2", "/api/v1/search?" + urlencode({"q": q, "page": 2})
        if r < 0.95:
            return "doc", "/doc/" + rng.choice(doc_ids)
        return "suggest", "/api/v1/suggest?q=" + quote(q[:6])

    return make


SLOW_INTERVAL = 0.1  # seconds between the bytes a slow client sends


def slow_clients(base: str, n: int, stop: threading.Event, sent: list[int]) -> None:
    """``n`` connections that trickle a request byte by byte and never complete it; a connection
    the server drops is opened again (the attack goes on for the whole phase)."""
    import socket

    parts = urlsplit(base)
    request = (b"GET /api/v1/search?q=hanh+chinh HTTP/1.1\r\nHost: x\r\nUser-Agent: slow\r\nX-Pad: "
               + b"p" * 4000)

    def connect():
        try:
            return socket.create_connection((parts.hostname, parts.port), timeout=5)
        except OSError:
            return None

    socks = [connect() for _ in range(n)]
    pos = [0] * n
    while not stop.is_set():
        for i in range(n):
            if socks[i] is None:
                socks[i], pos[i] = connect(), 0
                continue
            try:
                socks[i].send(request[pos[i]:pos[i] + 1])
                pos[i] = (pos[i] + 1) % len(request)
                sent[0] += 1
            except OSError:
                socks[i].close()
                socks[i] = None
        stop.wait(SLOW_INTERVAL)
    for s in socks:
        if s is not None:
            s.close()


def slow_client_phase(base: str, make, clients: int, duration: float, n_slow: int) -> dict:
    stop = threading.Event()
    sent = [0]
    attacker = threading.Thread(target=slow_clients, args=(base, n_slow, stop, sent), daemon=True)
    attacker.start()
    time.sleep(1.0)  # every slow connection open and trickling before the measurement
    try:
        result = run_phase(base, make, clients, duration)
    finally:
        stop.set()
        attacker.join(timeout=10)
    result["slow_bytes"] = sent[0]
    return result


def server_cpu(pid: int | None) -> float:
    """User + system CPU seconds of the server and its worker processes so far (0 without one)."""
    if pid is None:
        return 0.0
    try:
        import psutil
    except ImportError:  # the bench extra has it; without it the CPU column is left out
        return 0.0
    total = 0.0
    try:
        root = psutil.Process(pid)
        for p in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):
                t = p.cpu_times()
                total += t.user + t.system
    except psutil.NoSuchProcess:
        pass
    return total


def ab_rounds(base: str, make, clients: int, seconds: float, n_slow: int, rounds: int,
              server_pid: int | None) -> int:
    """Undisturbed (A) and attacked (B) phases interleaved A B B A A B B A…; prints each round,
    the pooled ratio and the goal line; returns 0 when the goal is met."""
    sides: dict[str, list[dict]] = {"A": [], "B": []}
    order = [side for i in range(rounds) for side in (("A", "B") if i % 2 == 0 else ("B", "A"))]
    print(f"slow-client rounds: {rounds} × (A undisturbed + B under {n_slow} slow connections), "
          f"{seconds:.0f} s each, order {' '.join(order)}")
    for i, side in enumerate(order):
        cpu0 = server_cpu(server_pid)
        if side == "A":
            r = run_phase(base, make, clients, seconds)
        else:
            r = slow_client_phase(base, make, clients, seconds, n_slow)
        r["cpu"] = server_cpu(server_pid) - cpu0
        sides[side].append(r)
        extra = f"  {r['slow_bytes']} slow bytes" if side == "B" else ""
        cpu = f"  server CPU {r['cpu'] / max(r['requests'], 1) * 1000:.1f} ms/req" if server_pid else ""
        print(f"  {i // 2 + 1:2d}{side} {r['requests']:6d} req  {r['rps']:7.1f} req/s  p95 {r['p95']:7.1f} ms  "
              f"errors {r['errors']}{cpu}{extra}", flush=True)
    a_req = sum(r["requests"] for r in sides["A"])
    b_req = sum(r["requests"] for r in sides["B"])
    a_rps = sum(r["rps"] for r in sides["A"]) / rounds
    b_rps = sum(r["rps"] for r in sides["B"]) / rounds
    ratio = b_rps / a_rps if a_rps else 0.0
    per_round = sorted(b["rps"] / a["rps"] for a, b in zip(sides["A"], sides["B"], strict=True) if a["rps"]) or [0.0]
    errors = sum(r["errors"] for r in sides["B"])
    print(f"undisturbed (A) {a_req} req, {a_rps:.1f} req/s; attacked (B) {b_req} req, {b_rps:.1f} req/s; "
          f"p95 A {pct([r['p95'] for r in sides['A']], 50):.0f} ms, B {pct([r['p95'] for r in sides['B']], 50):.0f} ms "
          "(median of rounds)")
    if server_pid:
        a_cpu = sum(r["cpu"] for r in sides["A"]) / max(a_req, 1) * 1000
        b_cpu = sum(r["cpu"] for r in sides["B"]) / max(b_req, 1) * 1000
        print(f"server CPU per request: A {a_cpu:.2f} ms, B {b_cpu:.2f} ms (ratio B/A {b_cpu / a_cpu:.3f}; "
              "what the slow connections cost the server, independent of the machine's other load)")
    print(f"ratio attacked/undisturbed throughput {ratio:.3f} (mean req/s of the B phases over the A "
          f"phases); per round min {per_round[0]:.3f} median {pct(per_round, 50):.3f} max {per_round[-1]:.3f}")
    ok = ratio >= 0.8 and errors == 0
    print(f"goal (≥ 0.80 of undisturbed throughput under {n_slow} slow clients, 0 errors): "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def report(name: str, r: dict) -> None:
    print(f"{name:9s} {r['requests']:6d} req  {r['rps']:7.1f} req/s  p50 {r['p50']:7.1f} ms  "
          f"p95 {r['p95']:7.1f} ms  p99 {r['p99']:7.1f} ms  errors {r['errors']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", help="data directory with an index (starts `tracuu serve` on it)")
    ap.add_argument("--url", help="benchmark an already running server instead")
    ap.add_argument("--backend", metavar="URL", help="sphinxql://…: start `tracuu serve --backend URL` (issue 15)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--baseline", type=float, default=5.0, help="seconds of static-file baseline")
    ap.add_argument("--threads", type=int, default=None,
                    help="`tracuu serve --threads` for the started server (default: the command's)")
    ap.add_argument("--workers", type=int, default=None,
                    help="`tracuu serve --workers` for the started server (default: the command's, one per core)")
    ap.add_argument("--unique", action="store_true",
                    help="first send each distinct dev query once to a freshly started server")
    ap.add_argument("--slow-clients", type=int, default=0, metavar="N",
                    help="also measure the mixed load under N slow (slowloris) connections, in A/B rounds")
    ap.add_argument("--rounds", type=int, default=4, help="A/B round pairs with --slow-clients [4]")
    ap.add_argument("--round-seconds", type=float, default=10.0, help="seconds of each A or B phase [10]")
    ap.add_argument("--build", type=int, metavar="N",
                    help="if --data has no index, first index N articles of ../shared/corpus into it")
    args = ap.parse_args()
    if not args.data and not args.url:
        ap.error("give --data DIR or --url URL")
    proc = None
    base = args.url.rstrip("/") if args.url else None
    if base is None:
        if args.build and not (Path(args.data) / "index").is_dir():
            if not CORPUS.exists():
                raise SystemExit(f"bench/web.py: {CORPUS} not available for --build")
            build_corpus_index(Path(args.data), args.build)
        proc, base = start_server(args.data, args.threads, args.workers, args.backend)
    try:
        stats = get_json(base, "/api/v1/stats")
        print(f"server {base}  documents {stats.get('documents')}  clients {args.clients}  "
              f"duration {args.duration:.0f} s  options: threads {args.threads or 'default'}, "
              f"workers {args.workers or 'default'}")
        unique = None
        if args.unique:
            uq = unique_queries()
            unique = run_unique(base, uq, args.clients)
            report("unique", unique)
            for kind, (n, p50, p95) in unique["kinds"].items():
                print(f"  {kind:9s} {n:6d} req  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
            print(f"  searcher took_ms in API answers: p50 {unique['search_p50']:.1f} ms  "
                  f"p95 {unique['search_p95']:.1f} ms")
            ok = unique["rps"] >= 60 and unique["p95"] <= 150 and unique["errors"] == 0
            print(f"unique goal ({len(uq)} distinct queries each once; ≥60 req/s, p95 ≤150 ms, 0 errors): "
                  f"{'met' if ok else 'NOT met'}")
            if args.backend:
                ok = unique["rps"] >= 100 and unique["p95"] <= 100 and unique["errors"] == 0
                print(f"distributed-backend goal ({args.backend}; ≥100 req/s, p95 ≤100 ms, 0 errors): "
                      f"{'met' if ok else 'NOT met'}")
        queries = load_queries()
        make = mixed_requests(base, queries)
        base_r = run_phase(base, lambda rng: ("static", "/static/style.css"), args.clients, args.baseline)
        mixed = run_phase(base, make, args.clients, args.duration)
        report("baseline", base_r)
        report("mixed", mixed)
        for kind, (n, p50, p95) in mixed["kinds"].items():
            print(f"  {kind:9s} {n:6d} req  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
        print(f"  searcher took_ms in API answers: p50 {mixed['search_p50']:.1f} ms  p95 {mixed['search_p95']:.1f} ms "
              "(the rest of a request's latency is queueing, HTTP and rendering)")
        print(f"ratio mixed/baseline: throughput {mixed['rps'] / base_r['rps']:.3f}  "
              f"p50 latency {mixed['p50'] / base_r['p50']:.1f}x")
        goal = mixed["rps"] >= 120 and mixed["p95"] <= 150 and mixed["errors"] == 0
        print(f"mixed goal (≥120 req/s, p95 ≤150 ms, 0 errors): {'met' if goal else 'NOT met'}")
        slow_status = 0
        if args.slow_clients:
            slow_status = ab_rounds(base, make, args.clients, args.round_seconds, args.slow_clients, args.rounds,
                                    proc.pid if proc is not None else None)
        errors = mixed["errors"] + (unique["errors"] if unique else 0)
        return 0 if errors == 0 and slow_status == 0 else 1
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    raise SystemExit(main())
