"""``tracuu kwic QUERY [filters] [--context N] [--sort left|right|date] [--exact-accents]
[--format text|csv|jsonl]``: every occurrence of a word or phrase in context (a concordance).

Text output aligns the matches in one column (left context right-aligned), then counts each
spelling found; CSV and JSON Lines print every line, streamed in date order (a left/right sort
is sorted whole first). Exit status: 0, 1 when the query or the index fails, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata

from tracuu.config import data_dir
from tracuu.filters import add_filter_options, filter_values

PROG = "tracuu kwic"
CSV_FIELDS = ["n", "left", "match", "right", "title", "published", "site", "field", "offset", "doc_id", "url"]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "kwic",
        help="xem mọi lần xuất hiện của từ trong ngữ cảnh (concordance, KWIC)",
        description="Mọi lần xuất hiện của từ hoặc cụm từ trong các văn bản khớp truy vấn, thẳng hàng "
                    "trái | từ khóa | phải. Key word in context over the documents a query matches.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="từ hoặc cụm từ (query; không dấu cũng được)")
    p.add_argument("--context", type=int, default=8, metavar="N", help="số âm tiết mỗi bên, 1–50 (default 8)")
    p.add_argument("--sort", default="date", metavar="left|right|date",
                   help="sắp xếp theo từ bên trái, bên phải (thứ tự từ điển) hoặc theo ngày (default date)")
    p.add_argument("--exact-accents", action="store_true", help="chỉ giữ đúng cách viết dấu đã gõ")
    p.add_argument("--format", choices=("text", "csv", "jsonl"), default="text", help="định dạng (default text)")
    add_filter_options(p)
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.add_argument("--backend", metavar="URL",
                   help="sphinxql://host:port[,host:port…]: dùng cụm Sphinx/Manticore (env TRACUU_BACKEND)")
    p.set_defaults(func=run)


def _width(text: str) -> int:
    """Display columns of a text (combining marks take none)."""
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


def _fit_left(text: str, width: int) -> str:
    while _width(text) > width:
        text = text[1:]
    return " " * (width - _width(text)) + text


def run(args: argparse.Namespace) -> int:
    from search import kwic
    from search.backend import open_backend
    from search.model import QueryError, SearchRequest

    kreq = kwic.KwicRequest(
        SearchRequest(q=" ".join(args.query), **filter_values(args)),
        context=args.context, sort=args.sort, exact_accents=args.exact_accents)
    try:
        kreq.check()
    except QueryError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    try:
        searcher = open_backend(data_dir(args.data), args.backend)
    except QueryError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    out = sys.stdout
    try:
        with searcher:
            if args.format == "text":
                conc = kwic.concordance(searcher, kreq)
                _print_text(conc, out)
                return 0
            stats: dict = {}
            if args.sort == "date":
                lines = kwic.iter_lines(searcher, kreq, stats)
            else:
                conc = kwic.concordance(searcher, kreq)
                lines = iter(conc.lines)
                stats["truncated"] = conc.truncated
            n = 0
            if args.format == "csv":
                w = csv.writer(out)
                w.writerow(CSV_FIELDS)
                for n, ln in enumerate(lines, 1):
                    w.writerow([n, ln.left, ln.match, ln.right, ln.title,
                                ln.published.isoformat() if ln.published else "", ln.site or "", ln.field,
                                ln.offset, ln.doc_id, ln.url or ""])
            else:
                for ln in lines:
                    out.write(json.dumps(ln.to_json(), ensure_ascii=False) + "\n")
                    n += 1
            if stats.get("truncated"):
                print(f"{PROG}: chỉ lấy {kwic.MAX_LINES} dòng đầu; dùng --sort date để lấy đủ (truncated)",
                      file=sys.stderr)
                return 1
            print(f"{PROG}: {n} dòng trong {stats.get('documents_with_lines', '?')} văn bản "
                  f"({stats.get('documents', '?')} văn bản khớp tìm kiếm)", file=sys.stderr)
    except QueryError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    return 0


def _print_text(conc, out) -> None:
    if not conc.lines:
        print(f"Không có lần xuất hiện nào ({conc.documents} văn bản khớp tìm kiếm).", file=out)
        return
    width = max(_width(ln.left) for ln in conc.lines)
    width = min(width, 70)
    for ln in conc.lines:
        date = ln.published.strftime("%d/%m/%Y") if ln.published else "          "
        print(f"{_fit_left(ln.left, width)}  [{ln.match}]  {ln.right}    · {date} {ln.title[:50]}", file=out)
    print(f"\n{len(conc.lines)} lần xuất hiện trong {conc.documents_with_lines} văn bản "
          f"({conc.documents} văn bản khớp tìm kiếm).", file=out)
    print("Cách viết: " + ", ".join(f"{sp} ({n})" for sp, n in conc.spellings), file=out)
