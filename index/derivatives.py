"""Parquet derivatives of a collection (documents, links, domains, errors), their datasheets, and
the tracuu data directory built from a Spark run.

Why these four, in Parquet, partitioned by site: they are what web-archive researchers query after
a cluster run (the Archives Unleashed Toolkit's and ArchiveSpark's derivatives: full text with
provenance, the link graph, per-domain statistics, and the failures). Parquet is what Spark,
DuckDB, pandas and R all read; partitioning by site lets a study of one portal read one folder.
Every derivative folder gets ``_DATASHEET.md`` (what each column means, how the rows were made,
the row counts) and ``_datasheet.json`` (the same counts, machine-readable), so a table shared
without its run still says what it is.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from index.warc_tasks import is_remote, local_dir

#: name → (what it holds, [(column, Spark type, meaning)])
TABLES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "documents": ("Mỗi trang được lập chỉ mục một dòng (one row per indexed page): every Document field, "
                  "its capture and provenance", [
                      ("id", "string", "document id (/doc/<id>), from the URL"),
                      ("url", "string", "page URL"),
                      ("kind", "string", "article, listing, home or other"),
                      ("title", "string", "title"),
                      ("published", "string", "publication time, ISO 8601"),
                      ("updated", "string", "update time, ISO 8601"),
                      ("category", "array<string>", "breadcrumb, outermost first"),
                      ("summary", "string", "sapo / lead"),
                      ("body", "string", "body text, paragraphs separated by a blank line"),
                      ("images", "string", "JSON list of {url, caption}"),
                      ("attachments", "string", "JSON list of {title, url}"),
                      ("related", "string", "JSON list of {title, url, published}: 'Tin liên quan'"),
                      ("latest", "string", "JSON list of {title, url, published}: 'Tin mới nhất'"),
                      ("encoding", "string", "character encoding the page was decoded with"),
                      ("capture_time", "string", "WARC-Date of the capture indexed"),
                      ("crawl_dates", "array<string>", "every WARC-Date this payload was captured at"),
                      ("warc_file", "string", "WARC file of the capture"),
                      ("warc_offset", "bigint", "byte offset of its record"),
                      ("record_id", "string", "WARC-Record-ID"),
                      ("digest", "string", "payload digest (WARC-Payload-Digest, else sha1)"),
                      ("sha256", "string", "sha256 of the payload"),
                      ("document", "string", "the whole Document as JSON (what tracuu ingest --documents reads)"),
                      ("site", "string", "host (partition column)"),
                  ]),
    "links": ("Mỗi liên kết một dòng (one row per link of an indexed page)", [
        ("source_id", "string", "document id of the page holding the link"),
        ("source_url", "string", "URL of that page"),
        ("target_url", "string", "link target (null for breadcrumb levels without a link)"),
        ("anchor", "string", "anchor text"),
        ("kind", "string", "related, latest, body, attachment or breadcrumb"),
        ("position", "int", "order within its list, from 0"),
        ("site", "string", "host of the source page (partition column)"),
    ]),
    "domains": ("Số bản thu và tài liệu theo host và năm (captures and documents per host and year)", [
        ("year", "int", "year of the capture's WARC-Date"),
        ("records", "bigint", "WARC records read (every crawl date)"),
        ("captures", "bigint", "distinct (URL, payload) captures, as the catalog counts them"),
        ("documents", "bigint", "documents in the index"),
        ("site", "string", "host (partition column)"),
    ]),
    "errors": ("Mỗi bản ghi không đọc hoặc không phân tích được một dòng (every record that failed)", [
        ("source", "string", "WARC file"),
        ("offset", "bigint", "byte offset of the record, when known"),
        ("url", "string", "URL, when known"),
        ("stage", "string", "warc, read, parse or index"),
        ("message", "string", "reason (Vietnamese first)"),
        ("site", "string", "host of the URL, '_' when unknown (partition column)"),
    ]),
}


def _host(url: str | None) -> str:
    return (urlsplit(url).hostname or "_") if url else "_"


def parse_error_row(row: dict) -> dict:
    return {"type": "error", "source": row["source"], "offset": row["offset"], "url": row["url"],
            "stage": "parse", "message": row["reason"], "order": row["order"]}


def document_record(row: dict) -> dict:
    doc = json.loads(row["value"])
    dates = sorted({row["date"], *(d[0] for d in row["dates"])} - {None})
    return {"id": _doc_id(doc), "url": doc.get("url"), "kind": doc.get("kind"), "title": doc.get("title"),
            "published": doc.get("published"), "updated": doc.get("updated"), "category": doc.get("category") or [],
            "summary": doc.get("summary"), "body": doc.get("body"),
            **{k: json.dumps(doc.get(k) or [], ensure_ascii=False) for k in ("images", "attachments", "related", "latest")},
            "encoding": (doc.get("source") or {}).get("encoding"), "capture_time": row["date"], "crawl_dates": dates,
            "warc_file": row["source"], "warc_offset": row["offset"], "record_id": row["record_id"],
            "digest": row["hash"], "sha256": row["sha256"], "document": row["value"],
            "site": doc.get("site") or _host(doc.get("url"))}


def _doc_id(doc: dict) -> str:
    from ingest.document import doc_id

    return doc_id(doc.get("url") or f"sha256:{(doc.get('source') or {}).get('sha256', '')}")


def link_records(row: dict) -> list[dict]:
    """Every link of one indexed page: related, latest, attachments, body links (when the parser
    gives them: ``body_links``), and the breadcrumb levels."""
    doc = json.loads(row["value"])
    base = {"source_id": _doc_id(doc), "source_url": doc.get("url"), "site": doc.get("site") or _host(doc.get("url"))}
    out = []
    for kind, key in (("related", "related"), ("latest", "latest"), ("attachment", "attachments"),
                      ("body", "body_links")):
        for i, item in enumerate(doc.get(key) or []):
            out.append({**base, "target_url": item.get("url"), "anchor": item.get("title") or item.get("text"),
                        "kind": kind, "position": i})
    for i, level in enumerate(doc.get("category") or []):
        out.append({**base, "target_url": None, "anchor": level, "kind": "breadcrumb", "position": i})
    return out


def domain_counts(row: dict) -> list[tuple[tuple[str, int], tuple[int, int, int]]]:
    """((host, year), (records, captures, documents)) contributions of one capture row."""
    host = _host(row["url"])
    out = [((host, _year(row["date"])), (1, 1, 1 if row.get("keep") else 0))]
    out += [((host, _year(d[0])), (1, 0, 0)) for d in row["dates"]]
    return out


def _year(date: str | None) -> int:
    return int(date[:4]) if date and date[:4].isdigit() else 0


def _schema(name: str):
    from pyspark.sql.types import _parse_datatype_string

    cols = TABLES[name][1]
    return _parse_datatype_string("struct<" + ",".join(f"{c}:{t}" for c, t, _ in cols) + ">")


def _frame(spark, name: str, rdd):
    cols = [c for c, _, _ in TABLES[name][1]]
    return spark.createDataFrame(rdd.map(lambda r: tuple(r.get(c) for c in cols)), _schema(name))


def write_all(spark, out: str, *, kept, captures, errors, inputs: list[str]) -> dict:
    """Write the four derivatives and their datasheets; the run's summary."""
    domains = captures.flatMap(domain_counts).reduceByKey(lambda a, b: tuple(x + y for x, y in zip(a, b, strict=True))) \
        .map(lambda kv: {"site": kv[0][0], "year": kv[0][1], "records": kv[1][0], "captures": kv[1][1],
                         "documents": kv[1][2]})
    errs = errors.map(lambda r: {**{k: r[k] for k in ("source", "offset", "url", "stage", "message")},
                                 "site": _host(r["url"])})
    frames = {"documents": _frame(spark, "documents", kept.map(document_record)),
              "links": _frame(spark, "links", kept.flatMap(link_records)),
              "domains": _frame(spark, "domains", domains), "errors": _frame(spark, "errors", errs)}
    summary: dict = {"inputs": len(inputs), "tables": {}}
    for name, df in frames.items():
        target = out.rstrip("/") + "/" + name
        df.write.mode("overwrite").partitionBy("site").parquet(target)
        per_site = {r["site"]: r["count"] for r in df.groupBy("site").count().collect()}
        extra = {}
        if name == "links":
            extra["per_kind"] = {r["kind"]: r["count"] for r in df.groupBy("kind").count().collect()}
        write_datasheet(out, name, per_site, inputs, extra)
        summary["tables"][name] = sum(per_site.values())
    summary["documents"] = summary["tables"]["documents"]
    summary["errors"] = summary["tables"]["errors"]
    return summary


def write_datasheet(out: str, name: str, per_site: dict, inputs: list[str], extra: dict) -> None:
    from index.pipeline import parser_version
    from tracuu import __version__

    what, cols = TABLES[name]
    total = sum(per_site.values())
    meta = {"name": name, "description": what, "rows": total, "rows_per_site": dict(sorted(per_site.items())),
            "columns": [{"name": c, "type": t, "meaning": m} for c, t, m in cols],
            "partitioned_by": "site", "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "software": f"tracuu {__version__}", "parser_version": parser_version(),
            "inputs": len(inputs), "input_files": inputs[:1000], **extra}
    lines = [f"# Datasheet: {name}", "", what, "", f"- rows: {total}", f"- sites: {len(per_site)}",
             f"- made by: tracuu {__version__} (parser {meta['parser_version']}), {meta['created']}",
             f"- inputs: {len(inputs)} WARC/ARC files", "- format: Parquet, partitioned by `site` (Hive style)", "",
             "| column | type | meaning |", "|---|---|---|", *(f"| {c} | {t} | {m} |" for c, t, m in cols), "",
             "## Rows per site", "", "| site | rows |", "|---|---|",
             *(f"| {s} | {n} |" for s, n in sorted(per_site.items()))]
    if extra.get("per_kind"):
        lines += ["", "## Rows per kind", "", *(f"- {k}: {n}" for k, n in sorted(extra["per_kind"].items()))]
    write_text(out, f"{name}/_DATASHEET.md", "\n".join(lines) + "\n")
    write_text(out, f"{name}/_datasheet.json", json.dumps(meta, ensure_ascii=False, indent=1))


def write_text(out: str, rel: str, text: str) -> None:
    """A small text file under ``out`` (a local folder or any pyarrow file system URI)."""
    if is_remote(out):
        from pyarrow import fs

        filesystem, path = fs.FileSystem.from_uri(out.rstrip("/") + "/" + rel)
        with filesystem.open_output_stream(path) as fh:
            fh.write(text.encode("utf-8"))
        return
    target = local_dir(out) / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def build_data_dir(data: Path, folders: list[str], captures) -> dict:
    """Adopt the partitions' segments into ``data``'s index, then write its catalog (every capture
    in input order, crawl dates listed, provenance pointing at the WARC records)."""
    from index.catalog import Capture, Catalog
    from index.pipeline import parser_version
    from index.report import now_iso
    from index.writer import IndexWriterSink

    data.mkdir(parents=True, exist_ok=True)
    counts: Counter = Counter()
    with IndexWriterSink(data) as sink:
        for folder in folders:
            counts.update(sink.adopt_index(folder))
        sink.commit()
    version, when = parser_version(), now_iso()
    n = 0
    with Catalog(data / "catalog.sqlite") as catalog:
        for r in captures:
            doc_id = _doc_id(json.loads(r["value"])) if r["result"] == "doc" and r["value"] else None
            cid = catalog.add(Capture(
                url=r["url"], sha256=r["sha256"], doc_id=doc_id, crawl_date=r["date"], imported=when,
                status_code=r["status"], content_type_served=r["content_type"], charset=r["charset"], hash=r["hash"],
                content_length=r["content_length"], record_type=r["record_type"], record_id=r["record_id"],
                refers_to=r["refers_to"], source_file_path=r["source"], source_file_offset=r["offset"],
                store="warc", store_key=r["source"], store_offset=r["offset"], store_length=r["length"],
                http_headers=r["http_headers"], parser_version=version, outcome=r["outcome"], reason=r["reason"]))
            for d in r["dates"]:
                catalog.add_date(cid, d[0], d[1], d[2])
            n += 1
        catalog.commit()
    return {"segments": len(folders), "captures": n, **counts}


def import_documents(data: Path | str, folders: list[str]) -> tuple[Counter, list[str]]:
    """``tracuu ingest --documents DIR``: index the ``documents/`` derivative of a run made
    elsewhere (its ``document`` column) into ``data``, cataloguing each capture with its WARC
    provenance. Returns the outcome counts and one message per row that could not be read."""
    import pyarrow.dataset as ds

    from index.catalog import Capture, Catalog
    from index.pipeline import parser_version
    from index.report import now_iso
    from index.writer import IndexWriterSink
    from ingest.document import Document

    data = Path(data)
    data.mkdir(parents=True, exist_ok=True)
    counts: Counter = Counter()
    problems: list[str] = []
    version, when = parser_version(), now_iso()
    with IndexWriterSink(data) as sink, Catalog(data / "catalog.sqlite") as catalog:
        for folder in folders:
            root = Path(folder)
            root = root / "documents" if (root / "documents").is_dir() else root
            try:
                table = ds.dataset(str(root), format="parquet", partitioning="hive")
                batches = table.to_batches(columns=["document", "capture_time", "warc_file", "warc_offset",
                                                    "record_id", "digest", "sha256", "crawl_dates"])
            except Exception as exc:  # noqa: BLE001 - reported per input
                problems.append(f"{folder}: không đọc được dữ liệu phái sinh (cannot read documents/): {exc}")
                continue
            for batch in batches:
                for row in batch.to_pylist():
                    try:
                        doc = Document.from_json(row["document"])
                        outcome = sink.add(doc)
                    except Exception as exc:  # noqa: BLE001 - one bad row must not stop the import
                        problems.append(f"{folder} {row.get('warc_file')}@{row.get('warc_offset')}: {exc}")
                        counts["failed"] += 1
                        continue
                    counts[outcome] += 1
                    cid = catalog.add(Capture(
                        url=doc.url, sha256=row["sha256"] or doc.source.sha256, doc_id=doc.id,
                        crawl_date=row["capture_time"], imported=when, hash=row["digest"],
                        content_length=doc.source.bytes, record_id=row["record_id"],
                        source_file_path=row["warc_file"], source_file_offset=row["warc_offset"], store="warc",
                        store_key=row["warc_file"], store_offset=row["warc_offset"], parser_version=version,
                        outcome=outcome))
                    for date in row["crawl_dates"] or []:
                        if date != row["capture_time"]:
                            catalog.add_date(cid, date, row["warc_file"], None)
        sink.commit()
        catalog.commit()
    return counts, problems
