"""The WARC pipeline as an Apache Spark job: Parquet derivatives and, optionally, a tracuu index.

Run it with ``tracuu spark-ingest`` (local mode, or it prints the ``spark-submit`` line), or hand
this file to ``spark-submit`` directly (``spark-submit index/spark_job.py INPUT... --out DIR``).

How the work is split, and why:

1. **One task per WARC file** (:func:`index.warc_tasks.warc_task`): a WARC is a stream of gzip
   members that warcio reads front to back, and a revisit's original is usually in the same
   file, so a file is the natural unit (archives write ~1 GB files: thousands of tasks). Every
   record becomes a capture row (its parse result included: parsing is the expensive part and
   happens here, by ``tracuu ingest``'s own parser function) or an error row.
2. **Deduplication across the collection**: capture rows are reduced by (URL, payload sha256)
   (the first in input order kept, every crawl date listed), then grouped by URL to replay
   ``tracuu ingest``'s superseded rule, then by index key to decide indexed / updated /
   unchanged (:func:`index.warc_tasks.resolve_url`, :func:`~index.warc_tasks.resolve_key`).
   The result is what one machine gives for the same files in the same order.
3. **Derivatives** written by Spark's Parquet writer, partitioned by site
   (:mod:`index.derivatives`), each with its datasheet.
4. With ``--index``, **each partition of the documents writes an index segment** with
   :func:`index.parallel.write_segment` (the parallel writers' API), and the driver adopts every
   segment into ``<out>/data`` (:meth:`index.writer.IndexWriterSink.adopt_index`) and writes the
   catalog: a data directory ``tracuu serve --data <out>/data`` opens as is. Segments are written
   under ``<out>``, so ``--index`` needs an output folder every executor can write (local mode, or
   a shared mount on a cluster).
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
from index.warc_tasks import (  # noqa: E402
    attachment_urls,
    is_remote,
    list_inputs,
    local_dir,
    merge_captures,
    original_keys,
    page_links,
    resolve_key,
    resolve_revisit,
    resolve_url,
    revisit_wants,
    warc_task,
    with_parents,
)

log = logging.getLogger(__name__)

#: Spark settings for one machine: no UI, loopback only, few shuffle partitions (the shuffles
#: carry capture rows, small next to the parsing).
LOCAL_CONF = {
    "spark.ui.enabled": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
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


def _content_hash_of_json(text: str) -> str:
    from index.schema import content_hash
    from ingest.document import Document

    return content_hash(Document.from_json(text))


def _doc_key_of_json(text: str) -> str:
    data = json.loads(text)
    return data.get("url") or f"sha256:{(data.get('source') or {}).get('sha256', '')}"


def _by_url(rows):
    return resolve_url(list(rows))


def _by_key(rows):
    return resolve_key(list(rows), _content_hash_of_json)


def _segment_task(root: str):
    def build(index: int, rows):
        from index.parallel import write_segment
        from ingest.document import Document

        folder, _ = write_segment((Document.from_json(r["value"]) for r in rows), Path(root) / f"part-{index:05d}")
        return [str(folder)] if folder else []
    return build


def _cross_file_revisits(sc, records):
    """Revisits whose original is in another WARC file, resolved against the whole collection
    (None when there are none): the originals' locations are found with one pass over the
    capture rows, then each revisit reads its original's record and is parsed."""
    pending = records.filter(lambda r: r["type"] == "revisit").cache()
    if pending.isEmpty():
        pending.unpersist()
        return None
    wants = sc.broadcast(set(pending.flatMap(revisit_wants).collect()))
    found = (records.filter(lambda r: r["type"] == "capture")
             .flatMap(lambda r: [(k, (r["source"], r["offset"], r["order"])) for k in original_keys(r)
                                 if k in wants.value])
             .reduceByKey(lambda a, b: a if a[2] <= b[2] else b).collect())
    locations = sc.broadcast({k: v[:2] for k, v in found})
    return pending.map(lambda r: resolve_revisit(r, locations.value))


def _is_attachment(row: dict) -> bool:
    return json.loads(row["value"]).get("kind") == "attachment"


def _with_parents(decided, kept):
    """``kept`` with every attachment document's parents (and the title, summary and site that
    follow from them), as ``tracuu ingest``'s attachment registry gives them: the pages whose
    last parsed capture links the file, in input order (a join of the pages' links with the
    attachments' URLs, so nothing is collected on the driver)."""
    links = (decided.filter(lambda r: r["result"] == "doc" and r["url"]).map(lambda r: (r["url"], r))
             .reduceByKey(lambda a, b: a if a["order"] >= b["order"] else b).values().flatMap(page_links))
    atts = kept.filter(_is_attachment).map(lambda r: (tuple(r["order"]), r))
    found = (atts.flatMap(lambda kv: [(u, kv[0]) for u in attachment_urls(kv[1])]).join(links)
             .map(lambda kv: kv[1]).groupByKey())
    done = atts.leftOuterJoin(found).map(lambda kv: with_parents(kv[1][0], list(kv[1][1] or [])))
    return kept.filter(lambda r: not _is_attachment(r)).union(done)


def run(spark, inputs: list[str], out: str, *, build_index: bool = False, partitions: int | None = None) -> dict:
    """The whole job on ``spark``; returns the summary (also written to ``<out>/summary.json``)."""
    sc = spark.sparkContext
    files, input_errors = list_inputs(inputs)
    if build_index and is_remote(out):
        raise ValueError("--index cần --out là thư mục mà mọi executor ghi được (local or shared mount)")
    records = sc.parallelize(list(enumerate(files)), max(1, len(files))).flatMap(warc_task).cache()
    resolved = _cross_file_revisits(sc, records)
    rows = records.filter(lambda r: r["type"] != "revisit")
    rows = rows.union(resolved) if resolved is not None else rows
    captures = (rows.filter(lambda r: r["type"] == "capture")
                .map(lambda r: ((r["url"], r["sha256"]), r)).reduceByKey(merge_captures).values()
                .map(lambda r: (r["url"] or f"sha256:{r['sha256']}", r)).groupByKey().flatMap(lambda kv: _by_url(kv[1])))
    captures = captures.cache()
    parsed = captures.filter(lambda r: r["result"] == "doc" and r["outcome"] == "indexed")
    decided = parsed.map(lambda r: (_doc_key_of_json(r["value"]), r)).groupByKey().flatMap(lambda kv: _by_key(kv[1]))
    others = captures.filter(lambda r: not (r["result"] == "doc" and r["outcome"] == "indexed"))
    all_captures = decided.union(others).cache()
    kept = _with_parents(decided, all_captures.filter(lambda r: r.get("keep"))).cache()
    errors = rows.filter(lambda r: r["type"] == "error").union(
        all_captures.filter(lambda r: r["outcome"] == "failed").map(derivatives.parse_error_row))
    if input_errors:
        errors = errors.union(sc.parallelize(input_errors, 1))
    summary = derivatives.write_all(spark, out, kept=kept, captures=all_captures, errors=errors, inputs=files)
    if build_index:
        root = local_dir(out) / "_segments"
        shutil.rmtree(root, ignore_errors=True)
        n = partitions or max(1, min(sc.defaultParallelism * 2, kept.count() // 500 + 1))
        folders = kept.repartition(n).mapPartitionsWithIndex(_segment_task(str(root))).collect()
        summary["index"] = derivatives.build_data_dir(local_dir(out) / "data", sorted(folders),
                                                      all_captures.sortBy(lambda r: r["order"]).toLocalIterator())
        shutil.rmtree(root, ignore_errors=True)
    records.unpersist()
    all_captures.unpersist()
    captures.unpersist()
    kept.unpersist()
    derivatives.write_text(out, "summary.json", json.dumps(summary, ensure_ascii=False, indent=1))
    return summary


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="spark_job.py", description="tracuu: WARC → Parquet derivatives (+ index)")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True)
    p.add_argument("--index", action="store_true")
    p.add_argument("--partitions", type=int, default=None)
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
        summary = run(spark, args.inputs, args.out, build_index=args.index, partitions=args.partitions)
    finally:
        spark.stop()
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if summary.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
