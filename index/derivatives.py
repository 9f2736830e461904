"""Parquet derivatives of a collection (documents, links, domains, errors), their datasheets, and
the tracuu data directory built from a Spark run.

Why these four, in Parquet, partitioned by site: they are what web-archive researchers query after
a cluster run (the Archives Unleashed Toolkit's and ArchiveSpark's derivatives: full text with
provenance, the link graph, per-domain statistics, and the failures). Parquet is what Spark,
DuckDB, pandas and R all read; partitioning by site lets a study of one portal read one folder.
The Parquet files are written with pyarrow inside the Spark tasks that hold the documents
(``documents/site=<host>/part-<task>.parquet``, Hive-style partitions that Spark, DuckDB and
pyarrow read as one table), not by Spark's DataFrame writer: converting every row from Python to
the JVM and back cost more than writing it. Every derivative folder gets ``_DATASHEET.md`` (what each column means, how the rows were made,
the row counts) and ``_datasheet.json`` (the same counts, machine-readable), so a table shared
without its run still says what it is.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

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


def document_record(row: dict, doc: dict) -> dict:
    """The ``documents/`` row of a kept capture (``doc``: its Document as a dict)."""
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


def link_records(doc: dict) -> list[dict]:
    """Every link of one indexed page (``doc``: its Document as a dict): related, latest,
    attachments, the links of the body text (``body_links``), and the breadcrumb levels."""
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


def _arrow_schema(name: str):
    import pyarrow as pa

    types = {"string": pa.string(), "array<string>": pa.list_(pa.string()), "bigint": pa.int64(),
             "int": pa.int32()}
    return pa.schema([(c, types[t]) for c, t, _ in TABLES[name][1] if c != "site"])


def clear(out: str) -> None:
    """Remove the four tables of an earlier run in ``out`` (a run replaces them, as Spark's
    ``overwrite`` mode did): files left from a run with other inputs would join the tables."""
    import shutil

    for name in TABLES:
        if is_remote(out):
            from pyarrow import fs

            filesystem, path = fs.FileSystem.from_uri(out.rstrip("/") + "/" + name)
            if filesystem.get_file_info(path).type != fs.FileType.NotFound:
                filesystem.delete_dir(path)
        else:
            shutil.rmtree(local_dir(out) / name, ignore_errors=True)


def write_rows(out: str, name: str, rows: list[dict], part: str) -> dict[str, int]:
    """``rows`` of table ``name`` as one Parquet file per site (``<out>/<name>/site=<host>/
    part-<part>.parquet``, local or on any pyarrow file system); returns rows per site."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    by_site: dict[str, list[dict]] = {}
    for r in rows:
        by_site.setdefault(r["site"], []).append(r)
    schema = _arrow_schema(name)
    for site, items in by_site.items():
        table = pa.Table.from_pylist(items, schema=schema)
        rel = f"{name}/site={quote(site, safe='.-_')}/part-{part}.parquet"
        if is_remote(out):
            from pyarrow import fs

            filesystem, path = fs.FileSystem.from_uri(out.rstrip("/") + "/" + rel)
            filesystem.create_dir(path.rsplit("/", 1)[0])
            pq.write_table(table, path, filesystem=filesystem)
        else:
            target = local_dir(out) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, str(target))
    return {site: len(items) for site, items in by_site.items()}


def partition_task(out: str, kept, segments: str | None):
    """The function a Spark task runs over its rows (a ``mapPartitionsWithIndex`` function):
    the kept documents (``kept``: a broadcast of :attr:`index.warc_decide.Decisions.kept`) with
    their attachment parents applied, written as ``documents/`` and ``links/`` rows and, when
    ``segments`` is a folder, as one index segment (:func:`index.parallel.write_segment`).
    Yields one summary: rows per site of each table, link kinds, the segment and its documents."""
    def run(index: int, rows):
        from index.parallel import write_segment
        from index.warc_tasks import with_parents
        from ingest.document import Document

        decided = kept.value
        docs, links, objects = [], [], []
        for row in rows:
            if row["type"] != "capture" or row["result"] != "doc":
                continue
            decision = decided.get(tuple(row["order"]))
            if decision is None:
                continue
            row = {**row, "dates": decision["dates"]}
            if decision["parents"] is not None:
                row["value"], doc = with_parents(row["value"], decision["parents"])
            else:
                doc = Document.from_json(row["value"]) if segments else None
            data = json.loads(row["value"])
            docs.append(document_record(row, data))
            links.extend(link_records(data))
            if segments:
                objects.append(doc)
        part = f"{index:05d}"
        result = {"documents": write_rows(out, "documents", docs, part),
                  "links": write_rows(out, "links", links, part),
                  "link_kinds": dict(Counter(r["kind"] for r in links)), "segment": None, "added": []}
        if segments and objects:
            folder, added = write_segment(objects, Path(segments) / f"part-{part}")
            result["segment"], result["added"] = (str(folder) if folder else None), added
        yield result
    return run


def write_driver_tables(out: str, captures: list[dict], errors: list[dict]) -> dict[str, dict[str, int]]:
    """``domains/`` (summed from every capture row) and ``errors/``: small, written by the driver."""
    sums: Counter = Counter()
    for row in captures:
        for key, (records, caps, docs) in domain_counts(row):
            sums[key + ("records",)] += records
            sums[key + ("captures",)] += caps
            sums[key + ("documents",)] += docs
    domains = [{"site": host, "year": year, "records": sums[(host, year, "records")],
                "captures": sums[(host, year, "captures")], "documents": sums[(host, year, "documents")]}
               for host, year in sorted({k[:2] for k in sums})]
    errs = [{**{k: r[k] for k in ("source", "offset", "url", "stage", "message")}, "site": _host(r["url"])}
            for r in sorted(errors, key=lambda r: (r["order"], r["message"]))]
    return {"domains": write_rows(out, "domains", domains, "00000"),
            "errors": write_rows(out, "errors", errs, "00000")}


def finish(out: str, per_site: dict[str, Counter], link_kinds: Counter, inputs: list[str]) -> dict:
    """The datasheets of the four tables (counts summed from the tasks' and the driver's
    summaries) and the run's summary."""
    summary: dict = {"inputs": len(inputs), "tables": {}}
    for name in TABLES:
        counts = dict(per_site.get(name) or {})
        if not is_remote(out):
            (local_dir(out) / name).mkdir(parents=True, exist_ok=True)
        extra = {"per_kind": dict(sorted(link_kinds.items()))} if name == "links" else {}
        write_datasheet(out, name, counts, inputs, extra)
        summary["tables"][name] = sum(counts.values())
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


def build_data_dir(data: Path, parts: list[dict], captures: list[dict]) -> dict:
    """Adopt the tasks' segments into ``data``'s index (each document claimed from the keys and
    digests the task returned, so nothing is read back), then write its catalog (every capture
    in input order, crawl dates listed, provenance pointing at the WARC records)."""
    from index.catalog import Capture, Catalog
    from index.pipeline import parser_version
    from index.report import now_iso
    from index.writer import IndexWriterSink

    data.mkdir(parents=True, exist_ok=True)
    counts: Counter = Counter()
    segments = 0
    with IndexWriterSink(data) as sink:
        for part in sorted((p for p in parts if p["segment"]), key=lambda p: p["segment"]):
            for docnum, key, digest in part["added"]:
                counts[sink.claim(key, digest, part["segment"], docnum)] += 1
            sink.adopt(part["segment"])
            segments += 1
        sink.commit()
    version, when = parser_version(), now_iso()
    n = 0
    with Catalog(data / "catalog.sqlite") as catalog:
        for r in captures:
            doc_id = r.get("doc_id") if r["result"] == "doc" else None
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
    return {"segments": segments, "captures": n, **{k: counts[k] for k in ("indexed", "unchanged", "updated")}}


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
