"""The WARC pipeline as an Apache Spark job: Parquet derivatives and, optionally, a tracuu index.

Run it with ``tracuu spark-ingest`` (local mode, or it prints the ``spark-submit`` line), or hand
this file to ``spark-submit`` directly (``spark-submit index/spark_job.py INPUT... --out DIR``).

How the work is split, and why (three Spark jobs; whole documents never leave their task):

1. **Parse**: one task per split of a WARC file (:func:`index.warc_tasks.warc_splits`: a large
   ``.warc.gz`` is cut at record boundaries into pieces of about equal size, so a few files of
   unequal size still keep every core busy to the end). A task streams its records with warcio
   and parses each page with ``tracuu ingest``'s own parser function; every record becomes a
   capture row (its Document as JSON, plus the small facts the decisions need: key, content
   hash, attachment links) or an error row. The rows stay persisted where they were made.
2. **Decide**: the driver collects the rows *without* their documents and replays
   ``tracuu ingest``'s decisions in input order (:func:`index.warc_decide.decide`): captures
   deduplicated by URL and payload digest (earliest kept, every crawl date listed), superseded
   captures, the document kept per index key, attachments' parents. Revisits whose original is
   in another split or file are resolved first against the whole collection (a small job that
   reads just those originals).
3. **Write**: each task of the persisted rows writes its kept documents (parents applied) as
   ``documents/`` and ``links/`` Parquet files partitioned by site and, with ``--index``, as one
   index segment (:func:`index.parallel.write_segment`); the driver writes the small
   ``domains/`` and ``errors/`` tables, the datasheets (:mod:`index.derivatives`), adopts the
   segments into ``<out>/data`` (each document claimed from the key and digest its task
   returned) and writes the catalog: a data directory ``tracuu serve --data <out>/data`` opens
   as is. Segments are written under ``<out>``, so ``--index`` needs an output folder every
   executor can write (local mode, or a shared mount on a cluster).

The driver logs each phase's wall and CPU time (``summary["timings"]``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
from pathlib import Path

# spark-submit runs this file as a script: make the project importable from its checkout too
if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index import derivatives  # noqa: E402
from index.warc_decide import decide  # noqa: E402
from index.warc_tasks import (  # noqa: E402
    is_remote,
    list_inputs,
    local_dir,
    meta_of,
    original_keys,
    resolve_revisit,
    revisit_wants,
    warc_splits,
    warc_task,
)

log = logging.getLogger(__name__)

#: Spark settings for one machine: no UI, loopback only, Python workers reused between tasks
#: (each would otherwise import the parser again), room in the driver's JVM for the persisted
#: documents (they spill to disk beyond it).
LOCAL_CONF = {
    "spark.ui.enabled": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.shuffle.partitions": "4",
    "spark.driver.memory": "2g",
    "spark.python.worker.reuse": "true",
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.showConsoleProgress": "false",
}


def spark_session(master: str = "local[2]", app: str = "tracuu-spark-ingest"):
    """A SparkSession for ``master`` with :data:`LOCAL_CONF` (executors run this interpreter)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName(app)
    for key, value in LOCAL_CONF.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


class _Clock:
    """Wall and CPU time of the driver's phases (the executors' CPU shows in the benchmark)."""

    def __init__(self) -> None:
        import time

        self._time = time
        self.marks: dict[str, tuple[float, float]] = {}
        self._last = (time.perf_counter(), time.process_time())

    def mark(self, phase: str) -> None:
        now = (self._time.perf_counter(), self._time.process_time())
        self.marks[phase] = (round(now[0] - self._last[0], 2), round(now[1] - self._last[1], 2))
        log.info("%s: %.1f s wall, %.1f s driver CPU", phase, *self.marks[phase])
        self._last = now


def _resolve_revisits(sc, meta: list[dict]):
    """Revisits whose original is in another split or WARC file: the originals are located in
    the collected rows and each revisit's task reads its original's record and parses it.
    Returns the persisted RDD of the resolved rows (None when there are none) and their rows
    without documents."""
    pending = [r for r in meta if r["type"] == "revisit"]
    if not pending:
        return None, []
    wants = {k for r in pending for k in revisit_wants(r)}
    found: dict[tuple, tuple] = {}
    for r in meta:
        if r["type"] == "capture":
            for k in original_keys(r):
                if k in wants and (k not in found or r["order"] < found[k][2]):
                    found[k] = (r["source"], r["offset"], r["order"])
    locations = {k: v[:2] for k, v in found.items()}
    n = max(1, min(len(pending) // 50 + 1, sc.defaultParallelism * 4))
    rdd = sc.parallelize(pending, n).map(lambda r: resolve_revisit(r, locations))
    rdd = rdd.persist(_storage())
    return rdd, rdd.map(meta_of).collect()


def _storage():
    from pyspark import StorageLevel

    return StorageLevel.MEMORY_AND_DISK


def run(spark, inputs: list[str], out: str, *, build_index: bool = False, partitions: int | None = None,
        split_bytes: int | None = None) -> dict:
    """The whole job on ``spark``; returns the summary (also written to ``<out>/summary.json``).

    ``partitions``: tasks that write the derivatives and index segments (default: the cores);
    ``split_bytes``: the size WARC files are split at (default: :func:`index.warc_tasks.warc_splits`).
    """
    from collections import Counter

    sc = spark.sparkContext
    clock = _Clock()
    files, input_errors = list_inputs(inputs)
    if build_index and is_remote(out):
        raise ValueError("--index cần --out là thư mục mà mọi executor ghi được (local or shared mount)")
    derivatives.clear(out)
    splits = warc_splits(files, sc.defaultParallelism, split_bytes)
    clock.mark("split")
    rows = sc.parallelize(splits, max(1, len(splits))).flatMap(warc_task).persist(_storage())
    meta = rows.map(meta_of).collect()
    clock.mark("parse")
    resolved, more = _resolve_revisits(sc, meta)
    meta = [r for r in meta if r["type"] != "revisit"] + more
    payload = rows.union(resolved) if resolved is not None else rows
    decisions = decide(meta + input_errors)
    clock.mark("decide")
    kept = sc.broadcast(decisions.kept)
    root = local_dir(out) / "_segments"
    if build_index:
        shutil.rmtree(root, ignore_errors=True)
    n = partitions or sc.defaultParallelism
    parts = payload.coalesce(max(1, min(n, payload.getNumPartitions()))).mapPartitionsWithIndex(
        derivatives.partition_task(out, kept, str(root) if build_index else None)).collect()
    clock.mark("write documents, links, segments")
    per_site: dict[str, Counter] = {"documents": Counter(), "links": Counter()}
    link_kinds: Counter = Counter()
    for part in parts:
        per_site["documents"].update(part["documents"])
        per_site["links"].update(part["links"])
        link_kinds.update(part["link_kinds"])
    per_site.update({k: Counter(v) for k, v in
                     derivatives.write_driver_tables(out, decisions.captures, decisions.errors).items()})
    summary = derivatives.finish(out, per_site, link_kinds, files)
    clock.mark("domains, errors, datasheets")
    if build_index:
        summary["index"] = derivatives.build_data_dir(local_dir(out) / "data", parts, decisions.captures)
        shutil.rmtree(root, ignore_errors=True)
        clock.mark("index adopt + catalog")
    rows.unpersist()
    if resolved is not None:
        resolved.unpersist()
    kept.destroy()
    summary["timings"] = clock.marks
    derivatives.write_text(out, "summary.json", json.dumps(summary, ensure_ascii=False, indent=1))
    return summary


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="spark_job.py", description="tracuu: WARC → Parquet derivatives (+ index)")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True)
    p.add_argument("--index", action="store_true")
    p.add_argument("--partitions", type=int, default=None)
    p.add_argument("--split-mb", type=float, default=None)
    p.add_argument("--master", default=None, help="for local runs (spark-submit passes its own)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``spark-submit``: exit 1 when any record failed, as ``tracuu ingest``."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.master:
        spark = spark_session(args.master)
    else:
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.appName("tracuu-spark-ingest").getOrCreate()
    try:
        summary = run(spark, args.inputs, args.out, build_index=args.index, partitions=args.partitions,
                      split_bytes=int(args.split_mb * (1 << 20)) if args.split_mb else None)
    finally:
        spark.stop()
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if summary.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
