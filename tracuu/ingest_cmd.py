"""``tracuu ingest [PATH...] [--base-url URL] [--urls FILE] [--sitemap URL] [--jobs N] [--data DIR]``.

Bulk import for archivists: files and folders (HTTrack/wget mirrors: ``--base-url``, or folders
named like hosts), zip and tar(.gz), WARC/ARC (``.warc``, ``.warc.gz``, ``.arc.gz``), URL lists and
sitemaps (fetched politely, archived as WARC). Every payload is kept in ``<data>/archive`` and
catalogued (``<data>/catalog.sqlite``) before it is parsed and indexed by ``--jobs`` writer
processes, each into index segments of its own that join the index at every commit
(:mod:`index.pipeline`, :mod:`index.parallel`). Re-importing adds nothing; a changed page updates
its document and keeps both captures; after an interruption (even ``kill -9``) the same command
continues. A progress bar runs on a terminal; at the end a summary counts read, indexed, updated,
unchanged, revisits, skipped and failed by reason, and failures are listed one per line in a JSONL
report under ``<data>/reports/`` (path printed). Exit status 1 when anything failed (pages that are
not pages, such as images, are *skipped*, not failed).

:func:`iter_pages` (``(path, url, bytes)`` per file) stays for the benchmarks' simple file walk.
"""

from __future__ import annotations

import argparse
import sqlite3
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ingest import mirror
from tracuu.config import data_dir

PROG = "tracuu ingest"
_SHOW_SKIPS = 20


class Unreadable:
    """Stands in for the bytes of an entry that could not be read."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def register(subparsers: argparse._SubParsersAction) -> None:
    from tracuu.crawl_cmd import add_fetch_options

    p = subparsers.add_parser(
        "ingest",
        help="nhập và lập chỉ mục trang đã lưu, WARC, zip/tar, danh sách URL, sitemap (bulk import)",
        description="Nhập tệp/thư mục (bản sao HTTrack), zip/tar, WARC/ARC, danh sách URL và sitemap: lưu mọi byte "
                    "vào kho lưu trữ, phân tích và lập chỉ mục. Chạy lại cùng lệnh sau khi bị dừng để tiếp tục. "
                    "Import files, mirrors, zip/tar, WARC/ARC, URL lists and sitemaps; archive, parse and index; "
                    "re-run the same command to resume.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="tệp, thư mục, .zip, .tar(.gz), .warc(.gz), .arc.gz (files, folders, archives)")
    p.add_argument("--documents", metavar="DIR", action="append", default=[],
                   help="lập chỉ mục dữ liệu phái sinh documents/ của `tracuu spark-ingest` làm ở nơi khác "
                        "(index a Spark run's documents/ derivative)")
    p.add_argument("--base-url", help="URL gốc của thư mục/zip: URL = gốc + đường dẫn tương đối (mirror root URL)")
    p.add_argument("--urls", metavar="FILE", action="append", default=[],
                   help="tệp danh sách URL, mỗi dòng một URL (URL list file; fetched politely)")
    p.add_argument("--sitemap", metavar="URL", action="append", default=[],
                   help="sitemap hoặc chỉ mục sitemap (sitemap or sitemap index URL)")
    p.add_argument("--jobs", type=int, default=None,
                   help="số tiến trình phân tích và lập chỉ mục (parser/indexer processes; default = number of "
                        "cores; 1 = everything in this process)")
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.add_argument("--backend", metavar="URL",
                   help="sphinxql://host:port[,host:port…]: ghi vào cụm Sphinx/Manticore (env TRACUU_BACKEND)")
    # 5,000: each commit adopts the writer processes' segments and runs Whoosh's merge policy in
    # this process, serially; at 1,000 the merges took half of this process's time on a WARC of
    # 18k records (56.6 → 28.6 s CPU, 139 → 105 s wall with --jobs 2) and it became the bottleneck.
    # Commits also come every 5 minutes at the latest (Ingestor.commit_seconds).
    p.add_argument("--commit-every", type=int, default=5000,
                   help="ghi bền chỉ mục và danh mục sau mỗi N bản ghi, và ít nhất 5 phút một lần (commit every "
                        "N records and at least every 5 minutes; an interrupted run redoes at most that) [5000]")
    p.add_argument("--no-optimize", action="store_true",
                   help="không gộp chỉ mục thành một phân đoạn sau một lần nhập lớn (skip merging the index "
                        "into one segment after a run that indexed 10,000 documents or more; searches are "
                        "then slower until Whoosh merges them)")
    add_fetch_options(p)
    p.set_defaults(func=run)


# -- walking ------------------------------------------------------------------------------------
def collect_files(paths: list[str]) -> list[tuple[Path, str | None]]:
    """(file, path relative to the folder given, or None for a file given directly), in the order
    of :func:`ingest.mirror.walk`; missing paths are kept so they can be reported."""
    out: list[tuple[Path, str | None]] = []
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            out.extend(mirror.walk(root))
        else:
            out.append((root, None))
    return out


def iter_pages(paths: list[str], base_url: str | None = None,
               files: list[tuple[Path, str | None]] | None = None
               ) -> Iterator[tuple[str, str | None, bytes | Unreadable]]:
    """Yield ``(path, url, bytes)`` for every file under ``paths`` (``Unreadable`` instead of bytes
    for entries that cannot be read, so the caller can report them by name). URLs are those
    ``tracuu ingest`` and ``tracuu parse`` give (:mod:`ingest.mirror`)."""
    for path, rel in files if files is not None else collect_files(paths):
        url = mirror.file_url(path, rel, base_url)
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
        yield str(path), mirror.httrack_url(data, url), data


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
    from index.pipeline import OPTIMIZE_AFTER, Ingestor
    from index.pipeline import Progress as ImportProgress
    from index.writer import IndexLocked
    from search.model import QueryError

    if not (args.paths or args.urls or args.sitemap or args.documents):
        print(f"{PROG}: cần ít nhất một PATH, --urls, --sitemap hoặc --documents (nothing to import)",
              file=sys.stderr)
        return 2
    data = data_dir(args.data)
    if args.no_ocr:
        import os

        os.environ["TRACUU_OCR"] = "0"  # read by the extraction workers (index.attachdocs)
    if args.documents and not (args.paths or args.urls or args.sitemap):
        return _import_documents(data, args.documents)
    cfg = None
    info = None
    if args.urls or args.sitemap:
        from tracuu.crawl_cmd import fetch_config, warc_info

        cfg = fetch_config(args)
        info = warc_info(cfg, args, "ingest " + " ".join([*args.urls, *args.sitemap]))
    try:
        from search.backend import sink_factory

        ing = Ingestor(data, jobs=args.jobs, progress=ImportProgress(), warc_info=info, max_warc=args.warc_max_size,
                       commit_every=max(1, args.commit_every), sink_factory=sink_factory(args.backend),
                       optimize_after=None if args.no_optimize else OPTIMIZE_AFTER)
    except (IndexLocked, QueryError) as exc:  # QueryError: a cluster that does not answer
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    interrupted = False
    try:
        with ing:
            if args.paths:
                ing.import_paths(args.paths, base_url=args.base_url)
            if cfg is not None:
                _import_urls(ing, cfg, args, data)
    except KeyboardInterrupt:
        interrupted = True
    except (OSError, sqlite3.OperationalError) as exc:  # a full disk, a failing disk
        from tracuu.check_cmd import disk_error_message

        print(f"{PROG}: {disk_error_message(exc, data)}", file=sys.stderr)
        print(ing.summary.text())
        return 1
    summary = ing.summary
    _print_examples(summary, args.verbose)
    print(summary.text())
    from index.attachregistry import summary_line

    if line := summary_line(data):
        print(line)
    print(f"Dữ liệu (data): {data}")
    if interrupted:
        print(f"{PROG}: đã dừng; phần đã xử lý được lưu, chạy lại cùng lệnh để tiếp tục (interrupted; re-run to "
              "resume)", file=sys.stderr)
        return 130
    if args.documents and _import_documents(data, args.documents):
        return 1
    return 1 if summary.failures else 0


def _import_documents(data: Path, folders: list[str]) -> int:
    """``--documents DIR``: a Spark run's ``documents/`` derivative indexed here (no parsing)."""
    from index.derivatives import import_documents
    from index.writer import IndexLocked

    try:
        counts, problems = import_documents(data, folders)
    except IndexLocked as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    for line in problems:
        print(f"lỗi {line}", file=sys.stderr)
    print(f"Tài liệu (documents): {counts['indexed']} mới, {counts['updated']} cập nhật, "
          f"{counts['unchanged']} không đổi, {len(problems)} lỗi")
    print(f"Dữ liệu (data): {data}")
    return 1 if problems else 0


def _import_urls(ing, cfg, args: argparse.Namespace, data: Path) -> None:
    """URL lists and sitemaps: a crawl that follows no links, resumable through its frontier."""
    import hashlib

    from ingest.crawl import Crawler, Frontier
    from ingest.fetch import Fetcher, FetchError
    from ingest.sources import SourceError, iter_sitemap, read_url_list

    key = hashlib.sha1("\n".join([*(str(Path(u).resolve()) for u in args.urls), *args.sitemap]).encode())
    frontier = Frontier(data / "crawl" / f"ingest-{key.hexdigest()[:12]}.sqlite")
    with Fetcher(cfg) as fetcher:
        crawler = Crawler(fetcher, frontier, follow="none", on_result=ing.on_fetch, validators=ing.validators,
                          commit_every=10, before_commit=lambda: ing.commit(force=True),
                          attachments=args.max_attachments > 0, max_attachments=max(args.max_attachments, 0))
        cfg.address_check.trust(args.sitemap)

        def get_sitemap(url: str) -> bytes:
            res = fetcher.fetch(url)
            ing.store_fetch(res)  # sitemaps are kept in the WARC archive too
            if not res.ok:
                raise FetchError(res.error or f"HTTP {res.status}")
            return res.payload

        urls: list[str] = []
        for source in args.urls:
            for item in read_url_list(source):
                if isinstance(item, SourceError):
                    ing.fail(item)
                else:
                    urls.append(item)
        for sitemap in args.sitemap:
            for item in iter_sitemap(sitemap, get_sitemap):
                if isinstance(item, SourceError):
                    ing.fail(item)
                else:
                    urls.append(item)
        cfg.address_check.trust(urls)  # listed by the operator; what pages link is checked
        for bad in crawler.seed(urls):
            ing.fail(SourceError("urls", None, bad, "urls", "URL không hợp lệ (invalid URL)"))
        try:
            stats = crawler.run()
        finally:
            frontier.close()
    print(f"Tải (fetch): {stats.fetched} trang, lỗi {stats.failed}, robots.txt cấm {stats.robots}")


def _print_examples(summary, verbose: int) -> None:
    for kind, item, reason in summary.examples:
        if kind == "failed" or verbose:
            label = "lỗi" if kind == "failed" else "bỏ qua"
            print(f"{label} {item}: {reason}", file=sys.stderr)
