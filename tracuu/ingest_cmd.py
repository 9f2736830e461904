"""``tracuu ingest PATH... [--base-url URL] [--data DIR]``: parse saved pages and index them.

Each file is parsed (``ingest.parse.parse_page``) and added to ``<data>/index`` through
``index.writer.IndexWriterSink``; unchanged pages are recognised by their content hash and not
rewritten, changed ones replace the old version. On a terminal a progress bar on stderr shows
pages, pages/s and ETA; at the end one summary line counts indexed, updated, unchanged and
skipped pages (with reasons). Exit status 1 if anything was skipped, 0 otherwise.

The file walking is deliberately one small function (:func:`iter_pages`, yielding
``(path, url, bytes)``) so richer sources (WARC, zip, crawls) can replace it.
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tracuu.config import data_dir

PROG = "tracuu ingest"
#: Not site content: HTTrack bookkeeping and hidden folders.
_SKIP_DIRS = {"hts-cache", "hts-tmp"}
_SKIP_FILES = {"hts-log.txt", "hts-err.txt", "hts-ioinfo.txt", "hts-stats.txt", "backblue.gif", "fade.gif",
               "cookies.txt"}
_INDEX_NAMES = {"index.html", "index.htm"}
_HOST_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
_SHOW_SKIPS = 20


class Unreadable:
    """Stands in for the bytes of an entry that could not be read."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "ingest",
        help="phân tích và lập chỉ mục trang đã lưu (parse and index saved pages)",
        description="Phân tích tệp/thư mục trang đã lưu và đưa vào chỉ mục tìm kiếm. "
                    "Parse saved pages (files, folders, mirrors) and index them.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="tệp hoặc thư mục (files or directories)")
    p.add_argument("--base-url", help="URL gốc của thư mục: URL = gốc + đường dẫn tương đối (mirror root URL)")
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.set_defaults(func=run)


# -- walking ------------------------------------------------------------------------------------
def _url_for(path: Path, root: Path, base_url: str | None) -> str | None:
    """``--base-url`` + path relative to the root given; or, in a mirror whose folders are host
    names (HTTrack, portalgen ``sites/<host>/``), ``https://<host>/<rest>``."""
    try:
        rel = path.relative_to(root) if root != path else Path(path.name)
    except ValueError:
        rel = Path(path.name)
    parts = list(rel.parts)
    if base_url:
        tail = parts
    else:
        full = list(path.parts)
        hosts = [i for i, part in enumerate(full[:-1]) if _HOST_RE.match(part.lower())]
        if not hosts:
            return None
        i = hosts[-1]
        base_url = f"https://{full[i].lower()}/"
        tail = full[i + 1:]
    if tail and tail[-1].lower() in _INDEX_NAMES:
        tail = tail[:-1] + [""]
    return base_url.rstrip("/") + "/" + "/".join(tail)


def collect_files(paths: list[str]) -> list[tuple[Path, Path]]:
    """(file, root) pairs in sorted order; missing paths are kept so they can be reported."""
    out: list[tuple[Path, Path]] = []
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
                for name in sorted(filenames):
                    if name.startswith(".") or name in _SKIP_FILES:
                        continue
                    out.append((Path(dirpath) / name, root))
        else:
            out.append((root, root.parent if root.parent != root else root))
    return out


def iter_pages(paths: list[str], base_url: str | None = None,
               files: list[tuple[Path, Path]] | None = None) -> Iterator[tuple[str, str | None, bytes | Unreadable]]:
    """Yield ``(path, url, bytes)`` for every file under ``paths`` (``Unreadable`` instead of bytes
    for entries that cannot be read, so the caller can report them by name)."""
    for path, root in files if files is not None else collect_files(paths):
        url = _url_for(path, root, base_url)
        try:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):
                yield str(path), url, Unreadable("không phải tệp thường (not a regular file)")
                continue
            data = path.read_bytes()
        except FileNotFoundError:
            yield str(path), url, Unreadable("không tồn tại (no such file or directory)")
            continue
        except OSError as exc:
            yield str(path), url, Unreadable(f"không đọc được: {exc.strerror or exc} (cannot read)")
            continue
        yield str(path), url, data


# -- progress -----------------------------------------------------------------------------------
class Progress:
    """A one-line progress bar on stderr (only on a terminal): pages, pages/s, ETA."""

    def __init__(self, total: int, stream=sys.stderr) -> None:
        self.total = total
        self.stream = stream
        self.enabled = stream.isatty()
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-6)
        rate = done / elapsed
        eta = (self.total - done) / rate if rate > 0 else 0
        width = 24
        filled = int(width * done / self.total) if self.total else width
        bar = "█" * filled + "·" * (width - filled)
        self.stream.write(f"\r{bar} {done}/{self.total} trang  {rate:.1f} trang/s  ETA {_hms(eta)}  ")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _hms(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


# -- command ------------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> int:
    from index.writer import IndexLocked, IndexWriterSink
    from ingest.parse import SkipPage, parse_page

    data = data_dir(args.data)
    files = collect_files(args.paths)
    skipped: Counter[str] = Counter()
    shown = 0
    progress = Progress(len(files))
    t0 = time.monotonic()
    try:
        sink = IndexWriterSink(data)
    except IndexLocked as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    done = 0
    try:
        with sink:
            for path, url, payload in iter_pages(args.paths, args.base_url, files):
                done += 1
                reason: str | None = None
                if isinstance(payload, Unreadable):
                    reason = payload.reason
                else:
                    try:
                        doc = parse_page(payload, url=url, path=path)
                        sink.add(doc)
                    except SkipPage as exc:
                        reason = exc.reason
                    except Exception as exc:  # a parser bug must not stop a long ingest
                        reason = f"lỗi khi phân tích: {type(exc).__name__}: {exc} (parse error)"
                if reason is not None:
                    skipped[reason] += 1
                    if shown < _SHOW_SKIPS or args.verbose:
                        if progress.enabled:
                            sys.stderr.write("\r\x1b[K")
                        print(f"bỏ qua {path}: {reason}", file=sys.stderr)
                        shown += 1
                progress.update(done)
    except KeyboardInterrupt:
        progress.finish()
        print(f"{PROG}: đã dừng; {sum(sink.counts.values())} trang đã xử lý được lưu (interrupted)",
              file=sys.stderr)
        return 130
    progress.update(done, force=True)
    progress.finish()
    n_skipped = sum(skipped.values())
    if shown < n_skipped:
        print(f"… và {n_skipped - shown} tệp bị bỏ qua khác (dùng -v để xem tất cả)", file=sys.stderr)
    elapsed = time.monotonic() - t0
    c = sink.counts
    reasons = "; ".join(f"{r}: {n}" for r, n in skipped.most_common())
    line = (f"đã lập chỉ mục {c['indexed']}, cập nhật {c['updated']}, không đổi {c['unchanged']}, "
            f"bỏ qua {n_skipped}" + (f" ({reasons})" if reasons else "")
            + f" — {done} tệp trong {elapsed:.1f} s → {data}")
    print(line)
    return 1 if n_skipped else 0
