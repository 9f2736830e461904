"""``tracuu trends TERM... [--by month|year] [--format text|csv|json] [filters]``: how many
documents match each term per year or month, raw and per 1,000 documents of the period — the
same numbers as ``/trends`` and ``/api/v1/trends``.

Each TERM is one query (quote multi-word terms in the shell: ``tracuu trends "chuyển đổi số"
"chính phủ điện tử"``). Exit status: 0, 1 when a query or the index fails, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

from tracuu.config import data_dir
from tracuu.filters import add_filter_options, filter_values

PROG = "tracuu trends"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "trends",
        help="số văn bản khớp mỗi từ khóa theo năm/tháng (trends over time)",
        description="Số văn bản khớp mỗi từ khóa (tối đa 5) theo năm hoặc tháng, và trên 1.000 văn bản "
                    "của kỳ. Matching documents per period for up to 5 terms.",
    )
    p.add_argument("terms", nargs="+", metavar="TERM", help="từ khóa, mỗi đối số là một truy vấn (up to 5)")
    p.add_argument("--by", choices=("year", "month"), default="year", help="chia theo năm hoặc tháng (default year)")
    p.add_argument("--format", choices=("text", "csv", "json"), default="text", help="định dạng (default text)")
    add_filter_options(p)
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.add_argument("--backend", metavar="URL",
                   help="sphinxql://host:port[,host:port…]: dùng cụm Sphinx/Manticore (env TRACUU_BACKEND)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from search import trends
    from search.backend import open_backend
    from search.model import QueryError, SearchRequest

    treq = trends.TrendsRequest(tuple(args.terms), SearchRequest(**filter_values(args)),
        by=args.by)
    try:
        treq.check()
    except QueryError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    try:
        with open_backend(data_dir(args.data), args.backend) as searcher:
            t = trends.trends(searcher, treq)
    except QueryError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    for note in t.notes:
        print(f"{PROG}: {note}", file=sys.stderr)
    out = sys.stdout
    if args.format == "json":
        out.write(json.dumps({"terms": list(treq.terms), "by": treq.by, "periods": t.periods,
                              "documents_in_period": t.base,
                              "series": [{"term": s.term, "counts": s.counts, "per_1000": s.per_1000,
                                          "total": s.total, "undated": s.undated} for s in t.series]},
                             ensure_ascii=False) + "\n")
    elif args.format == "csv":
        w = csv.writer(out)
        w.writerow(["term", "period", "count", "documents_in_period", "per_1000"])
        for s in t.series:
            for per, c, b, r in zip(t.periods, s.counts, t.base, s.per_1000, strict=True):
                w.writerow([s.term, per, c, b, "" if r is None else r])
    else:
        head = ["kỳ", "văn bản"] + [f"{s.term[:24]} (số | ‰)" for s in t.series]
        widths = [max(8, len(h)) for h in head]
        print("  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)), file=out)
        for i, per in enumerate(t.periods):
            cells = [per, str(t.base[i])] + [
                f"{s.counts[i]} | {'–' if s.per_1000[i] is None else f'{s.per_1000[i]:.1f}'}" for s in t.series]
            print("  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)), file=out)
    return 0
