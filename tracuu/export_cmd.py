"""``tracuu export [QUERY] --format jsonl|csv|warc [--out FILE] [--data DIR]``.

Every document of a result set — every indexed document when there is no query — as JSON lines
or CSV (url, title, published, site, category, payload digest, capture date, id), or the raw
captures of those URLs as one WARC file (SolrWayback's "export result as WARC"): all captures of
each URL, our own WARC records copied byte for byte, imported ones rebuilt from the archive.
Streams row by row, so memory stays flat whatever the size of the result.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from tracuu.config import data_dir

PROG = "tracuu export"
FIELDS = ["url", "title", "published", "site", "category", "hash", "crawl_date", "id"]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export",
        help="xuất kết quả tìm kiếm hoặc toàn bộ tài liệu: JSONL, CSV, WARC (export documents or captures)",
        description="Xuất mọi tài liệu của một truy vấn (hoặc tất cả khi không có truy vấn) dạng JSON lines, CSV, "
                    "hoặc các bản thu gốc dạng WARC. Export a result set (all documents without a query).",
    )
    p.add_argument("query", nargs="?", default="", metavar="QUERY", help="truy vấn tìm kiếm (search query)")
    p.add_argument("--format", choices=("jsonl", "csv", "warc", "parquet"), default="jsonl",
                   help="định dạng (format) [jsonl]; parquet, hoặc jsonl với --out là thư mục, xuất bộ dữ liệu đầy đủ "
                        "kèm README (parquet, or jsonl to a directory: the full dataset with a datasheet)")
    p.add_argument("--out", help="tệp ra, mặc định stdout; thư mục cho parquet hoặc jsonl đầy đủ (kết thúc bằng /) "
                                 "(output file, default stdout; a directory for the dataset)")
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.set_defaults(func=run)


def _rows(data: Path, query: str, catalog) -> Iterator[dict[str, object]]:
    """One dict per document: from the search when there is a query, else from the whole index."""
    if query:
        from search.model import SearchRequest
        from search.searcher import Searcher

        with Searcher(data) as searcher:
            for hit in searcher.iter_results(SearchRequest(q=query, facets=False, highlight=False)):
                cap = catalog.latest(hit.url) if hit.url else None
                yield {"url": hit.url, "title": hit.title,
                       "published": hit.published.isoformat() if hit.published else None,
                       "site": hit.site, "category": list(hit.category), "hash": cap.hash if cap else None,
                       "crawl_date": cap.crawl_date if cap else None, "id": hit.id}
        return
    from whoosh import index as wi

    ix = wi.open_dir(str(data / "index"))
    with ix.searcher() as s:
        for fields in s.all_stored_fields():
            doc = json.loads(fields["doc"]) if isinstance(fields.get("doc"), str) else {}
            url = fields.get("url") or doc.get("url")
            cap = catalog.latest(url) if url else None
            yield {"url": url, "title": doc.get("title"), "published": doc.get("published"),
                   "site": doc.get("site"), "category": doc.get("category") or [],
                   "hash": cap.hash if cap else None, "crawl_date": cap.crawl_date if cap else None,
                   "id": fields.get("id")}


def run(args: argparse.Namespace) -> int:
    from index.catalog import Catalog
    from index.store import Archive, WarcExporter

    data = data_dir(args.data)
    if not (data / "index").exists() or not (data / "catalog.sqlite").exists():
        print(f"{PROG}: {data} chưa có chỉ mục/danh mục; hãy chạy tracuu ingest trước (nothing imported)",
              file=sys.stderr)
        return 1
    if args.format == "parquet" or (args.format == "jsonl" and args.out and
                                    (args.out.endswith(("/", "\\")) or Path(args.out).is_dir())):
        from tracuu.dataset_export import export_dataset

        return export_dataset(data, args.query, args.format, args.out, PROG)
    binary = args.format == "warc"
    with contextlib.ExitStack() as stack:
        if args.out:
            out = stack.enter_context(open(args.out, "wb") if binary else
                                      open(args.out, "w", encoding="utf-8", newline=""))
        else:
            out = sys.stdout.buffer if binary else sys.stdout
        catalog = stack.enter_context(Catalog(data / "catalog.sqlite"))
        try:
            rows = _rows(data, args.query, catalog)
            n = 0
            if args.format == "jsonl":
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n += 1
            elif args.format == "csv":
                w = csv.DictWriter(out, fieldnames=FIELDS)
                w.writeheader()
                for row in rows:
                    w.writerow({**row, "category": " > ".join(row["category"] or [])})
                    n += 1
            else:
                archive = Archive(data)
                exporter = WarcExporter(out, archive, {"description": f"tracuu export {args.query!r}".strip()})
                for row in rows:
                    n += 1
                    for cap in catalog.captures_of(row["url"]) if row["url"] else []:
                        exporter.write(cap)
        except ValueError as exc:  # search.model.QueryError is a ValueError with a Vietnamese message
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 2
    print(f"{PROG}: {n} tài liệu (documents)" + (f" → {args.out}" if args.out else ""), file=sys.stderr)
    return 0
