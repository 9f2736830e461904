"""``tracuu serve`` and ``tracuu demo``: run the web UI and JSON API with waitress.

``serve`` serves an existing data directory; ``demo`` ingests the bundled sample pages
(``tracuu/samples/``) through the very same ``tracuu ingest`` command into a temporary data
directory, then serves that. Both bind to 127.0.0.1 unless ``--host`` says otherwise (a search
index of government pages is not something to expose by accident) and print the URL to open.
``--port 0`` picks a free port; the printed URL has the real one.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import webbrowser
from pathlib import Path

from tracuu.config import data_dir

SAMPLES = Path(__file__).resolve().parent / "samples"


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser(
        "serve", help="chạy giao diện web và JSON API (waitress)",
        description="Phục vụ giao diện tìm kiếm và JSON API trên một thư mục dữ liệu đã có chỉ mục.",
    )
    _common(serve)
    serve.add_argument("--data", help="thư mục dữ liệu (mặc định: $TRACUU_DATA hoặc ./tracuu-data)")
    serve.add_argument("--threads", type=int, default=8, help="số luồng phục vụ mỗi tiến trình (mặc định 8)")
    serve.add_argument("--workers", type=int, default=None,
                       help="số tiến trình phục vụ chung một cổng (mặc định: số lõi CPU được dùng, "
                            f"hiện là {available_cores()})")
    serve.add_argument("--rate-limit", metavar="N/s",
                       help="giới hạn số yêu cầu mỗi máy khách, ví dụ 5/s hoặc 120/min; vượt thì trả 429 "
                            "(per-client rate limit)")
    serve.add_argument("--time-budget", type=float, metavar="S",
                       help="thời gian tối đa để tính một truy vấn, giây (query time budget) [2]")
    serve.set_defaults(func=run_serve)

    demo = subparsers.add_parser(
        "demo", help="nạp các trang mẫu vào thư mục tạm rồi phục vụ",
        description="Nạp các trang mẫu đi kèm (tracuu/samples) vào một thư mục dữ liệu tạm và phục vụ chúng.",
    )
    _common(demo)
    demo.add_argument("--samples", default=str(SAMPLES), help="thư mục trang mẫu (mặc định: tracuu/samples)")
    demo.add_argument("--no-browser", action="store_true", help="không mở trình duyệt")
    demo.add_argument("--keep", action="store_true", help="giữ lại thư mục dữ liệu tạm khi dừng")
    demo.add_argument("--workers", type=int, default=None,
                      help=f"số tiến trình phục vụ (mặc định: số lõi CPU được dùng, hiện là {available_cores()})")
    demo.set_defaults(func=run_demo)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1",
                   help="địa chỉ lắng nghe (mặc định 127.0.0.1; dùng 0.0.0.0 để mở ra mạng)")
    p.add_argument("--port", type=int, default=8080, help="cổng (mặc định 8080; 0 = cổng trống bất kỳ)")
    p.add_argument("--backend", metavar="URL",
                   help="sphinxql://host:port[,host:port…]: tìm trên cụm Sphinx/Manticore (env TRACUU_BACKEND)")


def available_cores() -> int:
    """CPU cores this process may run on (its affinity mask, e.g. under taskset or a container's
    cpuset), not the machine's total."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def default_workers() -> int:
    """Worker processes when ``--workers`` is not given: one per available core, because
    searching is CPU-bound Python (the GIL lets one process use one core)."""
    return available_cores()


def _serve(data: Path, host: str, port: int, threads: int = 8, on_ready=None, workers: int | None = None) -> int:
    from waitress import create_server

    from search.backend import backend_spec
    from web import create_app

    # with a cluster (--backend / TRACUU_BACKEND) the data directory holds no Whoosh index
    if not backend_spec() and not (data / "index").is_dir():
        print(f"tracuu: chưa có chỉ mục trong {data}; hãy chạy `tracuu ingest ... --data {data}` trước "
              "(no index in data directory)", file=sys.stderr)
        return 1
    if workers is None:
        workers = default_workers()
    if workers < 1 or threads < 1:
        print("tracuu: --workers và --threads phải ≥ 1 (must be at least 1)", file=sys.stderr)
        return 2
    # "Task queue depth is N" only says that all threads are busy; not something a user can act on.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    try:
        sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as exc:
        print(f"tracuu: không mở được cổng {host}:{port}: {exc.strerror or exc} (cannot bind)", file=sys.stderr)
        return 1
    # Searching is CPU-bound Python, so threads share one core (the GIL). Extra worker processes,
    # forked *before* the app opens the index (Whoosh file handles must not be shared), accept on
    # the same listening socket and let the kernel spread connections over the cores.
    ready_r, ready_w = os.pipe()
    children = _fork_workers(workers - 1)
    app = create_app({"DATA": str(data)})
    _warm(app)
    server = create_server(app, sockets=[sock], threads=threads, ident="tracuu")
    if children is None:
        os.close(ready_r)
        os.write(ready_w, b".")  # warm: the parent may start accepting now
        os.close(ready_w)
    else:
        os.close(ready_w)
        _wait_ready(ready_r, len(children))
    if children is None:  # a worker process: serve until the parent stops us
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            os._exit(0)
    if children:
        # SIGTERM (service managers, `kill`) must take the workers down too, not orphan them.
        signal.signal(signal.SIGTERM, _raise_interrupt)
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{sock.getsockname()[1]}/"
    print(f"tracuu: đang phục vụ {data} tại {url}  (Ctrl+C để dừng)", flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("tracuu: chú ý: máy chủ đang mở cho các máy khác trong mạng (listening beyond localhost)",
              file=sys.stderr)
    if on_ready:
        on_ready(url)
    try:
        server.run()
    except KeyboardInterrupt:
        print("tracuu: đã dừng", file=sys.stderr)
    finally:
        for pid in children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
        server.close()
        app.extensions["tracuu.searchers"].close()
    return 0


def _warm(app) -> None:
    """Open the index (and its facet tables) in this process before serving, so the first
    visitors do not wait for it; connections that arrive meanwhile wait in the socket's backlog.
    A failure here is not fatal: the first request reports it (503) and retries."""
    try:
        with app.extensions["tracuu.searchers"].searcher() as s:
            s.stats()
    except Exception as exc:  # noqa: BLE001 - reported again, with its page, on the first request
        logging.getLogger(__name__).warning("could not open the index before serving: %s", exc)


def _wait_ready(fd: int, n: int, timeout: float = 120.0) -> None:
    """Wait (a bounded time) until the ``n`` worker processes have opened the index. The first
    process to accept takes every connection waiting in the backlog, and keep-alive clients stay
    where they landed: if the parent started while the workers were still opening the index, it
    served every client alone on one core while the others sat idle."""
    import select

    got, deadline = 0, time.monotonic() + timeout
    try:
        while got < n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                break
            chunk = os.read(fd, n)
            if not chunk:  # every worker closed its end (one died before warming): go on
                break
            got += len(chunk)
    finally:
        os.close(fd)


def _raise_interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def _fork_workers(n: int) -> list[int] | None:
    """Fork ``n`` worker processes; returns their pids in the parent and None in a worker."""
    pids: list[int] = []
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl+C for everyone
            return None
        pids.append(pid)
    return pids


def _use_backend(args: argparse.Namespace) -> None:
    """``--backend`` reaches the app (and every worker process) as TRACUU_BACKEND."""
    if getattr(args, "backend", None):
        os.environ["TRACUU_BACKEND"] = args.backend


def run_serve(args: argparse.Namespace) -> int:
    _use_backend(args)
    # web/guard.py reads these like any TRACUU_* setting (create_app takes the environment)
    if args.rate_limit:
        from web.guard import parse_rate

        try:
            parse_rate(args.rate_limit)
        except ValueError as exc:
            print(f"tracuu serve: {exc}", file=sys.stderr)
            return 2
        os.environ["TRACUU_RATE_LIMIT"] = json.dumps(args.rate_limit)
    if args.time_budget is not None:
        os.environ["TRACUU_SEARCH_TIME_BUDGET"] = str(args.time_budget)
    return _serve(data_dir(args.data), args.host, args.port, args.threads, workers=args.workers)



def run_demo(args: argparse.Namespace) -> int:
    from tracuu.cli import main as cli_main

    _use_backend(args)
    samples = Path(args.samples)
    if not samples.is_dir() or not any(samples.iterdir()):
        print(f"tracuu: không thấy trang mẫu trong {samples} (no sample pages)", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="tracuu-demo-"))
    try:
        print(f"tracuu: nạp trang mẫu từ {samples} vào {tmp} …", flush=True)
        # The same code path as `tracuu ingest`: the demo is what a user would get by hand.
        rc = cli_main(["ingest", "--data", str(tmp), *sample_pages(samples)])
        if rc not in (0, 1):
            print(f"tracuu: nạp trang mẫu thất bại (ingest exit status {rc})", file=sys.stderr)
            return rc
        if rc == 1:
            print("tracuu: một số trang mẫu bị bỏ qua (see messages above); vẫn tiếp tục", file=sys.stderr)
        open_browser = not args.no_browser and _has_display()
        return _serve(tmp, args.host, args.port, workers=args.workers,
                      on_ready=(lambda url: threading.Timer(0.5, webbrowser.open, [url]).start())
                      if open_browser else None)
    finally:
        if args.keep:
            print(f"tracuu: giữ thư mục dữ liệu {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def sample_pages(samples: Path) -> list[str]:
    """The pages ``manifest.json`` marks for ingesting and its attachment documents (not its images,
    placeholder files or the seed's duplicate text dump); the whole folder when there is no manifest."""
    manifest = samples / "manifest.json"
    if not manifest.exists():
        return [str(samples)]
    try:
        pages = json.loads(manifest.read_text(encoding="utf-8"))["pages"]
        files = [samples / p["file"] for p in pages if p.get("ingest", True)]
        # the Word, PDF, scan and spreadsheet attachments (tracuu/samples/_attachments.py)
        files += [samples / a["file"] for a in json.loads(manifest.read_text(encoding="utf-8")).get("assets", [])
                  if a.get("attachment")]
    except (ValueError, KeyError, TypeError) as exc:
        print(f"tracuu: {manifest} không đọc được ({exc}); nạp cả thư mục (unreadable manifest)", file=sys.stderr)
        return [str(samples)]
    return [str(f) for f in files]


def _has_display() -> bool:
    """Only open a browser where one can appear (not a console browser inside our terminal)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
