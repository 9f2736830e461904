"""``tracuu export [QUERY] --format parquet --out DIR`` (and ``--format jsonl --out DIR/``): the
documents of a result set (every indexed document without a query) as a dataset with its
datasheet, written by :mod:`index.dataset`. The search picks the documents; the catalog adds each
one's latest capture time and payload digest.
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from ingest.document import VN_TZ


def _rows(data: Path, query: str, catalog) -> Iterator[tuple[str, dict, object]]:
    from index.dataset import Capture

    def capture(url: str | None) -> Capture:
        cap = catalog.latest(url) if url else None
        return Capture(cap.crawl_date, cap.hash, cap.sha256) if cap else Capture()

    if query:
        from search.model import SearchRequest
        from search.searcher import Searcher

        with Searcher(data) as searcher:
            for hit in searcher.iter_results(SearchRequest(q=query, sort="oldest", facets=False, highlight=False)):
                doc = searcher.get(hit.id)
                if doc is not None:
                    yield hit.id, doc.to_dict(), capture(doc.url)
        return
    from whoosh import index as wi

    ix = wi.open_dir(str(data / "index"))
    with ix.searcher() as s:
        for fields in s.all_stored_fields():
            doc = json.loads(fields["doc"]) if isinstance(fields.get("doc"), str) else {}
            yield fields.get("id") or "", doc, capture(fields.get("url") or doc.get("url"))


def export_dataset(data: Path, query: str, fmt: str, out: str | None, prog: str) -> int:
    from index.catalog import Catalog
    from index.dataset import write_dataset
    from tracuu import __version__

    if not out:
        print(f"{prog}: --format {fmt} cần --out THƯ_MỤC (a dataset is written to a directory)", file=sys.stderr)
        return 2
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        print(f"{prog}: {out_dir} đã là một tệp; hãy chọn thư mục (--out must be a directory)", file=sys.stderr)
        return 2
    if out_dir.is_dir() and any(out_dir.iterdir()):
        print(f"{prog}: thư mục {out_dir} không trống; hãy chọn thư mục mới (output directory not empty)",
              file=sys.stderr)
        return 2
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            print(f"{prog}: cần pyarrow: pip install 'tracuu[dataset]' (pyarrow is required for Parquet)",
                  file=sys.stderr)
            return 2
    meta = {"title": f"tracuu: {query}" if query else "tracuu: toàn bộ chỉ mục",
            "command": "tracuu export " + " ".join(shlex.quote(a) for a in sys.argv[2:]) if len(sys.argv) > 2
            else f"tracuu export --format {fmt}",
            "query": query, "created": datetime.now(VN_TZ).isoformat(timespec="seconds"),
            "tracuu_version": __version__, "data_dir": str(data), "out": str(out_dir)}
    try:
        with Catalog(data / "catalog.sqlite") as catalog:
            sheet = write_dataset(out_dir, fmt, _rows(data, query, catalog), meta)
    except ValueError as exc:  # QueryError: a query that cannot run
        print(f"{prog}: {exc}", file=sys.stderr)
        return 2
    print(f"{prog}: {sheet['documents']} tài liệu (documents), {len(sheet['sites'])} trang nguồn → {out_dir}",
          file=sys.stderr)
    return 0
