"""``tracuu search QUERY [...] [--json]`` and ``tracuu search --batch FILE --json``.

Human output lists the hits with a highlighted snippet (bold on a terminal), the facet counts and
the did-you-mean suggestion; ``--json`` prints the contract's JSON object (one line). ``--batch``
reads one query per line (UTF-8) and writes one JSON line per query, in order; a query that
fails prints ``{"query": …, "error": …}`` on its line so the output stays aligned with the input.
Exit status: 0, 1 if any query failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys

from tracuu.config import data_dir
from tracuu.filters import add_filter_options, filter_values

PROG = "tracuu search"
_MARK = re.compile(r"</?mark>")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "search",
        help="tìm kiếm trong chỉ mục (search the index)",
        description="Tìm kiếm tài liệu đã lập chỉ mục (có dấu hoặc không dấu). Search indexed documents.",
    )
    p.add_argument("query", nargs="*", metavar="QUERY", help="câu truy vấn (query words)")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="số kết quả mỗi trang (default 10)")
    p.add_argument("--page", type=int, default=1, metavar="P", help="trang kết quả (default 1)")
    add_filter_options(p)
    p.add_argument("--sort", choices=["relevance", "newest", "oldest"], default="relevance")
    p.add_argument("--json", action="store_true", help="in JSON (one line per query)")
    p.add_argument("--batch", metavar="FILE", help="mỗi dòng một truy vấn ('-' = stdin); dùng với --json")
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.add_argument("--backend", metavar="URL",
                   help="sphinxql://host:port[,host:port…]: tìm trên cụm Sphinx/Manticore (env TRACUU_BACKEND)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from search.backend import open_backend
    from search.model import IndexDamaged, QueryError, SearchRequest

    if args.batch and args.query:
        print(f"{PROG}: dùng QUERY hoặc --batch, không dùng cả hai (give a query or --batch, not both)",
              file=sys.stderr)
        return 2
    if args.batch and not args.json:
        print(f"{PROG}: --batch cần --json (--batch requires --json)", file=sys.stderr)
        return 2

    def request(q: str) -> SearchRequest:
        return SearchRequest(q=q, **filter_values(args), sort=args.sort,
                             page=args.page, per_page=args.limit)

    try:
        searcher = open_backend(data_dir(args.data), args.backend)
    except QueryError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    failed = 0
    with searcher:
        if args.batch:
            try:
                stream = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8", errors="replace")  # noqa: SIM115
            except OSError as exc:
                print(f"{PROG}: không mở được {args.batch}: {exc.strerror} (cannot open)", file=sys.stderr)
                return 1
            with stream:
                for line in stream:
                    q = line.rstrip("\r\n")
                    try:
                        out = searcher.search(request(q)).to_json()
                    except (QueryError, IndexDamaged) as exc:
                        failed += 1
                        out = {"query": q, "error": str(exc)}
                    print(json.dumps(out, ensure_ascii=False), flush=False)
            sys.stdout.flush()
            return 1 if failed else 0
        q = " ".join(args.query)
        try:
            result = searcher.search(request(q))
        except (QueryError, IndexDamaged) as exc:
            if args.json:
                print(json.dumps({"query": q, "error": str(exc)}, ensure_ascii=False))
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            _print_human(result, sys.stdout.isatty())
        if result.partial:
            print(f"{PROG}: kết quả chưa đầy đủ: không có phân vùng {', '.join(result.missing_shards)} "
                  "(partial results: shards missing)", file=sys.stderr)
            return 1
    return 0


def _text(fragment: str, tty: bool) -> str:
    if tty:
        fragment = fragment.replace("<mark>", "\x1b[1m").replace("</mark>", "\x1b[0m")
    else:
        fragment = _MARK.sub("", fragment)
    return html.unescape(fragment)


def _print_human(result, tty: bool) -> None:
    req = result.request
    first = (req.page - 1) * req.per_page + 1
    if result.suggestion:
        print(f"Có phải bạn muốn tìm: {result.suggestion}")
    if not result.total:
        print(f"Không tìm thấy kết quả nào ({result.took_ms:.1f} ms).")
        return
    last = first + len(result.hits) - 1
    print(f"{result.total} kết quả ({result.took_ms:.1f} ms); {first}–{last}:")
    for i, hit in enumerate(result.hits, first):
        print(f"\n{i}. {_text(hit.title_html, tty)}")
        meta = [hit.url or "(không có URL)"]
        if hit.published:
            meta.append(hit.published.strftime("%d/%m/%Y %H:%M"))
        if hit.category:
            meta.append(" > ".join(hit.category))
        print("   " + " · ".join(meta))
        if hit.snippet:
            print("   " + _text(hit.snippet, tty).replace("\n", " "))
    for name, label in (("site", "Trang"), ("category", "Chuyên mục"), ("year", "Năm")):
        values = result.facets.get(name) or []
        if values:
            shown = ", ".join(f"{v} ({n})" for v, n in values[:8])
            more = f", … (+{len(values) - 8})" if len(values) > 8 else ""
            print(f"\n{label}: {shown}{more}")
