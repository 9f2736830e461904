"""``tracuu spark-ingest INPUT... --out DIR [--index] [--master local[N]] [--print-submit]``.

A thin shell over :mod:`index.spark_job`: runs the job in Spark's local mode on this machine, or
prints the ``spark-submit`` line that runs the same job file on a cluster (YARN, Kubernetes,
standalone), where the inputs may be ``hdfs://`` or ``s3a://`` URIs. Spark is an optional extra
(``pip install 'tracuu[spark]'``): without it the command says what to install.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from pathlib import Path

PROG = "tracuu spark-ingest"
JOB_FILE = Path(__file__).resolve().parent.parent / "index" / "spark_job.py"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "spark-ingest",
        help="xử lý WARC trên Apache Spark: dữ liệu phái sinh Parquet và chỉ mục (WARC → Parquet on Spark)",
        description="Đọc các tệp WARC/ARC bằng Apache Spark (một tác vụ cho mỗi tệp), ghi dữ liệu phái sinh "
                    "Parquet (documents/, links/, domains/, errors/) và, với --index, một thư mục dữ liệu tracuu "
                    "(<out>/data) mà `tracuu serve` mở được. Run the WARC pipeline on Spark.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="tệp, thư mục hoặc glob WARC/ARC; trên cụm: hdfs://, s3a://… (files, folders, globs)")
    p.add_argument("--out", required=True, help="thư mục kết quả (output folder or URI)")
    p.add_argument("--index", action="store_true",
                   help="dựng chỉ mục và danh mục trong <out>/data (build a tracuu data directory)")
    p.add_argument("--master", default=None,
                   help="Spark master khi chạy tại chỗ (local mode) [local[số lõi]]")
    p.add_argument("--partitions", type=int, default=None,
                   help="số phân đoạn chỉ mục song song (index segments written in parallel)")
    p.add_argument("--split-mb", type=float, default=None,
                   help="cắt tệp WARC .gz lớn thành phần khoảng N MB, mỗi phần một tác vụ "
                        "(split size; default: the input divided into 8 tasks per core)")
    p.add_argument("--print-submit", action="store_true",
                   help="chỉ in lệnh spark-submit để chạy trên cụm (print the spark-submit line)")
    p.set_defaults(func=run)


def submit_line(args: argparse.Namespace) -> str:
    """The spark-submit line for a cluster run of the same job (see README for YARN/Kubernetes)."""
    job = ["--out", args.out] + (["--index"] if args.index else []) + \
        (["--partitions", str(args.partitions)] if args.partitions else []) + \
        (["--split-mb", str(args.split_mb)] if args.split_mb else [])
    cmd = ["spark-submit", "--master", args.master or "yarn", "--deploy-mode", "cluster",
           "--conf", "spark.executor.memory=2g", "--conf", "spark.executor.cores=1",
           "--conf", "spark.task.maxFailures=2",
           "--archives", "tracuu-venv.tar.gz#environment",
           "--conf", "spark.pyspark.python=./environment/bin/python",
           str(JOB_FILE), *args.inputs, *job]
    return shlex.join(cmd)


def run(args: argparse.Namespace) -> int:
    if args.print_submit:
        print(submit_line(args))
        return 0
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print(f"{PROG}: cần cài Apache Spark cho Python: pip install 'tracuu[spark]' (và Java 17, ví dụ "
              "apt-get install openjdk-17-jre-headless). (pyspark is not installed)", file=sys.stderr)
        return 2
    from index.spark_job import run as run_job
    from index.spark_job import spark_session

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = spark_session(args.master or f"local[{os.cpu_count() or 1}]")
    try:
        summary = run_job(spark, args.inputs, args.out, build_index=args.index, partitions=args.partitions,
                          split_bytes=int(args.split_mb * (1 << 20)) if args.split_mb else None)
    except ValueError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    t = summary["tables"]
    print(f"{summary['inputs']} tệp WARC: {t['documents']} tài liệu, {t['links']} liên kết, {t['domains']} dòng "
          f"host×năm, {t['errors']} lỗi → {args.out}")
    if "index" in summary:
        print(f"chỉ mục: {json.dumps(summary['index'], ensure_ascii=False)} → {Path(args.out) / 'data'}")
    return 1 if t["errors"] else 0
