"""``tracuu crawl URL... [--max-pages N] [--max-depth D] [--delay S] [--follow related|site|none]``.

A polite, resumable crawl of the start hosts: every response goes to the WARC archive under
``<data>/archive/warc``, pages are parsed and indexed as they arrive. Stop it at any moment (even
``kill -9``) and run the same command again: it continues from its frontier.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys

from tracuu import __version__
from tracuu.config import data_dir

PROG = "tracuu crawl"


def add_fetch_options(p: argparse.ArgumentParser) -> None:
    """Politeness options shared by ``crawl`` and ``ingest --urls/--sitemap``."""
    p.add_argument("--delay", type=float, default=1.0,
                   help="giây tối thiểu giữa hai yêu cầu tới một máy chủ (min seconds between requests "
                        "to one host; robots.txt Crawl-delay wins when larger) [1.0]")
    p.add_argument("--contact", default=os.environ.get("TRACUU_CONTACT"),
                   help="liên hệ ghi trong User-Agent, ví dụ email (contact in the User-Agent; env TRACUU_CONTACT)")
    p.add_argument("--ignore-robots", action="store_true",
                   help="không tuân theo robots.txt (ignore robots.txt; recorded in the WARC warcinfo)")
    p.add_argument("--timeout", type=float, default=30.0, help="giây chờ đọc (read timeout) [30]")
    p.add_argument("--retries", type=int, default=3, help="số lần thử lại (retries on 5xx/errors) [3]")
    p.add_argument("--max-bytes", type=int, default=50 * 1024 * 1024,
                   help="kích thước phản hồi tối đa (max response bytes) [50 MB]")
    p.add_argument("--max-crawl-delay", type=float, default=30.0,
                   help="giới hạn trên của Crawl-delay (cap on a site's Crawl-delay) [30]")
    p.add_argument("--max-attachments", type=int, default=20,
                   help="số tệp đính kèm (PDF, Word, Excel…) tải tối đa mỗi trang; 0: không tải "
                        "(attachments fetched per page; 0 disables) [20]")
    p.add_argument("--allow-private", action="store_true",
                   help="cho phép tải địa chỉ loopback/mạng riêng/link-local mà trang trỏ tới "
                        "(allow private addresses reached from pages; tests)")
    p.add_argument("--no-ocr", action="store_true",
                   help="không OCR bản quét; ghi nhận \"cần OCR\" để chạy `tracuu ocr` sau "
                        "(do not OCR scans now; `tracuu ocr` fills them in later)")
    p.add_argument("--warc-max-size", type=int, default=1024 ** 3,
                   help="dung lượng mỗi tệp WARC trước khi xoay vòng (WARC rotation size) [1 GB]")


def fetch_config(args: argparse.Namespace):
    from ingest.fetch import FetchConfig, user_agent
    from ingest.netguard import AddressGuard

    if getattr(args, "no_ocr", False):
        os.environ["TRACUU_OCR"] = "0"  # read by the extraction workers (index.attachdocs)
    return FetchConfig(user_agent=user_agent(__version__, args.contact), read_timeout=args.timeout,
                       retries=args.retries, backoff=max(args.delay, 0.5), delay=args.delay,
                       max_bytes=args.max_bytes, obey_robots=not args.ignore_robots,
                       max_crawl_delay=args.max_crawl_delay,
                       address_check=AddressGuard(allow_private=getattr(args, "allow_private", False)))


def warc_info(cfg, args: argparse.Namespace, command: str) -> dict[str, str]:
    info = {"software": f"tracuu/{__version__}", **cfg.settings(), "tracuu-command": command}
    if args.contact:
        info["operator"] = args.contact
    if args.ignore_robots:
        info["robots"] = "ignore (operator override: --ignore-robots)"
    return info


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "crawl",
        help="thu thập lịch sự một cổng thông tin (polite, resumable crawl)",
        description="Thu thập trang từ các máy chủ bắt đầu, lưu mọi phản hồi vào WARC và lập chỉ mục. "
                    "Crawl the start hosts politely, archive every response as WARC and index pages.",
    )
    p.add_argument("urls", nargs="+", metavar="URL", help="URL bắt đầu (start URLs)")
    p.add_argument("--max-pages", type=int, default=None, help="số trang tối đa (max pages, all runs together)")
    p.add_argument("--max-depth", type=int, default=None, help="độ sâu liên kết tối đa (max link depth)")
    p.add_argument("--follow", choices=("related", "site", "none"), default="related",
                   help="related: chỉ Tin liên quan/Tin mới nhất và phân trang; site: mọi liên kết cùng máy chủ; "
                        "none: chỉ các URL đã cho [related]")
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.add_argument("--recrawl", action="store_true",
                   help="bắt đầu lại từ đầu (ETag/Last-Modified được dùng nên trang không đổi không tải lại) "
                        "(start this crawl over; unchanged pages answer 304 to conditional requests)")
    p.add_argument("--commit-every", type=int, default=10,
                   help="ghi bền sau mỗi N trang (commit every N pages; a kill loses at most N) [10]")
    add_fetch_options(p)
    p.set_defaults(func=run)


def frontier_path(data, urls: list[str], follow: str):
    """One frontier per (start URLs, follow mode): the same command continues the same crawl."""
    key = hashlib.sha1(("\n".join(sorted(urls)) + "\n" + follow).encode()).hexdigest()[:12]
    return data / "crawl" / f"frontier-{key}.sqlite"


def run(args: argparse.Namespace) -> int:
    from index.pipeline import Ingestor, Progress
    from index.writer import IndexLocked
    from ingest.crawl import Crawler, Frontier
    from ingest.fetch import Fetcher
    from ingest.sources import SourceError

    data = data_dir(args.data)
    cfg = fetch_config(args)
    if not args.contact:
        print(f"{PROG}: chưa đặt --contact; nên ghi email liên hệ vào User-Agent (no contact set)", file=sys.stderr)
    try:
        ing = Ingestor(data, jobs=1, commit_every=10 ** 9, commit_seconds=10 ** 9, progress=Progress(),
                       warc_info=warc_info(cfg, args, "crawl " + " ".join(args.urls)),
                       max_warc=args.warc_max_size)
    except IndexLocked as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    cfg.address_check.trust(args.urls)  # the hosts the operator named; links from pages are checked
    with ing, Fetcher(cfg) as fetcher:
        path = frontier_path(data, args.urls, args.follow)
        if args.recrawl:
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
        frontier = Frontier(path)
        try:
            crawler = Crawler(fetcher, frontier, follow=args.follow, max_pages=args.max_pages,
                              max_depth=args.max_depth, on_result=ing.on_fetch, validators=ing.validators,
                              commit_every=args.commit_every, before_commit=lambda: ing.commit(force=True),
                              attachments=args.max_attachments > 0, max_attachments=max(args.max_attachments, 0))
            for bad in crawler.seed(args.urls):
                ing.fail(SourceError("command line", None, bad, "urls",
                                     "URL bắt đầu không hợp lệ, cần http/https (invalid start URL)"))
            stats = crawler.run()
        finally:
            frontier.close()
    summary = ing.summary
    print(summary.text())
    from index.attachregistry import summary_line

    if line := summary_line(data):
        print(line)
    counts = f"đã tải {stats.fetched}, lỗi {stats.failed}, robots.txt cấm {stats.robots}, " \
             f"liên kết ra ngoài bỏ qua {stats.off_host}"
    print(f"Thu thập (crawl): {counts}; WARC: {data / 'archive' / 'warc'}")
    return 1 if summary.failures else 0
