"""``tracuu stats [--site S] [--json] [--data DIR]``: per-site extraction quality of an index.

Tells an archivist after an import whether each portal was understood: per site, documents,
articles, listings, the shares of articles with a publication time, a time of day, a category,
related/latest lists and attachments, the median body length, duplicate titles and bodies, empty
bodies; a site whose shares look wrong is flagged with a sentence saying what to run next
(``tracuu parse --explain URL``). The figures come from :mod:`search.sitestats`, the same as the
web ``/stats`` page and ``/api/v1/stats``. Exit status: 0; 1 when there is no index or the site
asked for is not in it; 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys

from tracuu.config import data_dir

PROG = "tracuu stats"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "stats",
        help="chất lượng trích xuất theo từng trang nguồn (per-site extraction quality)",
        description="Thống kê chất lượng trích xuất của từng trang nguồn trong chỉ mục và cảnh báo trang nguồn "
                    "có vẻ bị hiểu sai mẫu. Per-site extraction quality, with warnings for misread templates.",
    )
    p.add_argument("--site", metavar="S", help="chỉ một trang nguồn, ví dụ sotttt.gialai.gov.vn (one site only)")
    p.add_argument("--json", action="store_true", help='in JSON: {"sites": [...]} (print JSON)')
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.set_defaults(func=run)


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def run(args: argparse.Namespace) -> int:
    from index.writer import index_dir
    from search.sitestats import for_data

    data = data_dir(args.data)
    if not index_dir(data).exists() or not any(index_dir(data).glob("_MAIN_*.toc")):
        print(f"{PROG}: chưa có chỉ mục trong {index_dir(data)}; hãy chạy `tracuu ingest` trước (no index yet)",
              file=sys.stderr)
        return 1
    sites = for_data(data)
    if args.site:
        wanted = args.site.strip().lower()
        sites = [q for q in sites if q.site.lower() == wanted]
        if not sites:
            print(f"{PROG}: không có trang nguồn «{args.site}» trong chỉ mục (no such site)", file=sys.stderr)
            return 1
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    if args.json:
        print(json.dumps({"sites": [q.to_dict() for q in sites]}, ensure_ascii=False))
        return 0
    header = (f"{'trang nguồn (site)':<32} {'tài liệu':>8} {'bài':>6} {'d.sách':>6} {'có ngày':>7} {'có giờ':>6} "
              f"{'c.mục':>6} {'liên q.':>7} {'mới':>5} {'đ.kèm':>6} {'thân ~':>6} {'trùng tựa':>9} "
              f"{'trùng thân':>10} {'rỗng':>5}")
    print(header)
    for q in sites:
        print(f"{(q.site or '(không rõ)'):<32} {q.documents:>8} {q.articles:>6} {q.listings:>6} {_pct(q.with_time):>7} "
              f"{_pct(q.with_time_of_day):>6} {_pct(q.with_category):>6} {_pct(q.with_related):>7} "
              f"{_pct(q.with_latest):>5} {_pct(q.with_attachments):>6} {q.median_body_chars:>6} "
              f"{_pct(q.duplicate_titles):>9} {_pct(q.duplicate_bodies):>10} {q.empty_bodies:>5}")
    flagged = [(q, f) for q in sites for f in q.flags]
    if flagged:
        print()
        print("Cảnh báo (warnings):")
        for _q, f in flagged:
            print(f"  ⚠ {f.message}")
    else:
        print()
        print("Không có cảnh báo: các tỷ lệ đều bình thường (no warnings).")
    return 0
