"""``tracuu cluster init|start|stop|check``: a Sphinx/Manticore cluster for ``--backend sphinxql://``.

``init DIR --shards N --mirrors M`` writes one ``searchd.conf`` per node (N shards × M mirrors,
Sphinx 2.2 ``agent = a|b:shardK`` lines) and ``cluster.json``, and prints the ``--backend``
value and the same layout as Manticore ``CREATE TABLE`` statements; ``start DIR`` runs the
local ``searchd`` processes for a try-out (each with its own pid, log and data under DIR) and
``stop DIR`` stops them by their pid files; ``check URL`` asks a running cluster which shards
answer and how many documents each holds; with ``--data DIR`` it also checks that every document
the data directory's catalog records as indexed is on the cluster (after a bulk import, or a
resumed one). Exit status 1 when a node is down or a document is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PROG = "tracuu cluster"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("cluster", help="cụm Sphinx/Manticore cho --backend sphinxql:// (distributed backend)",
                              description="Cấu hình, khởi động, dừng và kiểm tra một cụm searchd nhiều phân vùng.")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = sub.add_parser("init", help="viết cấu hình N phân vùng × M bản sao")
    init.add_argument("dir", help="thư mục của cụm")
    init.add_argument("--shards", type=int, default=2, help="số phân vùng (default 2)")
    init.add_argument("--mirrors", type=int, default=1, help="số bản sao mỗi phân vùng (default 1)")
    init.add_argument("--host", default="127.0.0.1", help="địa chỉ các nút (default 127.0.0.1)")
    init.add_argument("--port", type=int, default=None,
                      help="cổng API đầu tiên; mỗi nút dùng cặp cổng P (API), P+1 (SphinxQL) (default: cổng trống)")
    for name, helptext in (("start", "khởi động các searchd cục bộ"), ("stop", "dừng các searchd (theo pid)")):
        a = sub.add_parser(name, help=helptext)
        a.add_argument("dir", help="thư mục của cụm")
    chk = sub.add_parser("check", help="kiểm tra một cụm đang chạy")
    chk.add_argument("backend", help="sphinxql://host:port[,host:port…]")
    chk.add_argument("--data", help="thư mục dữ liệu: kiểm tra mọi tài liệu đã nhập có trên cụm "
                                    "(every catalogued document is on the cluster)")
    p.set_defaults(func=run)


def _load(base: Path):
    from search.sphinx_cluster import Node

    try:
        raw = json.loads((base / "cluster.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"{PROG}: không đọc được {base / 'cluster.json'} ({exc}); chạy `tracuu cluster init` trước") from exc
    return [[Node(n["shard"], n["mirror"], n["host"], n["api_port"], Path(n["root"])) for n in m] for m in raw["shards"]]


def run(args: argparse.Namespace) -> int:
    from search import sphinx_cluster as sc

    if args.action == "init":
        if args.shards < 1 or args.mirrors < 1:
            print(f"{PROG}: --shards và --mirrors phải ≥ 1", file=sys.stderr)
            return 2
        base = Path(args.dir).resolve()
        shards = sc.layout(base, args.shards, args.mirrors, args.host, args.port)
        sc.write_configs(shards)
        (base / "cluster.json").write_text(json.dumps({"shards": [[
            {"shard": n.shard, "mirror": n.mirror, "host": n.host, "api_port": n.api_port, "root": str(n.root)}
            for n in m] for m in shards]}, indent=1), encoding="utf-8")
        print(f"Đã viết cấu hình {args.shards} phân vùng × {args.mirrors} bản sao vào {base}")
        print(f"--backend {sc.spec_for(shards)}")
        print("\nManticore (RT mode):\n" + sc.manticore_sql(shards))
        return 0
    if args.action == "start":
        shards = _load(Path(args.dir))
        try:
            for n in (n for m in shards for n in m):
                print(f"shard{n.shard} bản {n.mirror}: pid {sc.start(n)}, {n.address}")
        except RuntimeError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
        print(f"--backend {sc.spec_for(shards)}")
        return 0
    if args.action == "stop":
        for n in (n for m in _load(Path(args.dir)) for n in m):
            sc.stop(n)
        return 0
    code = _check(args.backend)
    if getattr(args, "data", None):
        code = max(code, _check_documents(args.backend, Path(args.data)))
    return code


def _check_documents(spec: str, data: Path) -> int:
    """Every document of the catalog's current captures is on the cluster (by id)."""
    from index.catalog import Catalog
    from search.model import QueryError
    from search.sphinxql import DIST, Connections, numeric_id, parse_spec

    path = data / "catalog.sqlite"
    if not path.exists():
        print(f"{PROG}: không có danh mục {path} (no catalog)", file=sys.stderr)
        return 2
    with Catalog(path) as cat:
        ids = sorted({c.doc_id for c in cat.current() if c.doc_id})
    db = Connections(parse_spec(spec))
    missing: list[str] = []
    try:
        for k in range(0, len(ids), 500):
            part = {numeric_id(i): i for i in ids[k:k + 500]}
            rows = db.run(f"SELECT id FROM {DIST} WHERE id IN ({','.join(str(n) for n in part)}) "
                          f"LIMIT {len(part)} OPTION max_matches={max(20, len(part))}")[0]
            found = {int(r[0]) for r in rows}
            missing += [doc for n, doc in part.items() if n not in found]
    except QueryError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(f"{len(ids) - len(missing)}/{len(ids)} tài liệu của danh mục có trên cụm (catalogued documents on the cluster)")
    for doc in missing[:20]:
        print(f"  thiếu (missing): {doc}")
    return 1 if missing else 0


def _check(spec: str) -> int:
    from search.model import QueryError
    from search.sphinx_writer import SphinxWriterSink

    try:
        sink = SphinxWriterSink(spec)
    except QueryError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    down = 0
    for k, mirrors in enumerate(sink.shards):
        for conn in mirrors.nodes:
            host, port = conn.heads[0]
            try:
                n = conn.run(f"SELECT COUNT(*) FROM shard{k}")[0][0][0]
                print(f"shard{k} {host}:{port}: {n} tài liệu (documents)")
            except Exception as exc:  # noqa: BLE001 - any failure means the node is down for us
                down += 1
                print(f"shard{k} {host}:{port}: KHÔNG TRẢ LỜI (down): {exc}")
    sink.close()
    return 1 if down else 0
