"""``tracuu reindex [--data DIR] [--jobs N]``: rebuild the index from the archive alone.

For when the parser or the analyzer changed, or to bring an index written by an older tracuu to
the current, smaller format: every URL's newest capture is read back from ``<data>/archive``
(blobs and our WARC files) as listed in ``<data>/catalog.sqlite``, parsed again and indexed —
``--jobs`` processes parse and index, each writing segments of the new index — into a fresh
index that replaces the old one only when complete. No network, and the original input files
are not needed.
"""

from __future__ import annotations

import argparse
import sys

from tracuu.config import data_dir

PROG = "tracuu reindex"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "reindex",
        help="dựng lại chỉ mục từ kho lưu trữ, không cần mạng (rebuild the index from the archive)",
        description="Đọc lại bản lưu mới nhất của mỗi URL trong kho lưu trữ, phân tích và lập chỉ mục lại. "
                    "Rebuild the index from the archived captures only (no network, no original inputs).",
    )
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.add_argument("--backend", metavar="URL",
                   help="sphinxql://host:port[,host:port…]: ghi vào cụm Sphinx/Manticore (env TRACUU_BACKEND)")
    p.add_argument("--jobs", type=int, default=None,
                   help="số tiến trình phân tích và lập chỉ mục (parser/indexer processes) [cores]")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from index.pipeline import Progress, reindex
    from index.writer import IndexLocked
    from search.model import QueryError

    data = data_dir(args.data)
    try:
        from search.backend import sink_factory

        summary = reindex(data, jobs=args.jobs, progress=Progress(), sink_factory=sink_factory(args.backend))
    except (IndexLocked, QueryError) as exc:  # QueryError: a cluster that does not answer
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    print(summary.text())
    return 1 if summary.failures else 0
