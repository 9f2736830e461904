"""The collection-wide decisions of a distributed import, taken on small rows.

Why on the driver, and on rows without their documents: ``tracuu ingest`` decides in input order
which capture of a URL counts (the first of a payload, crawl dates listed; older captures
superseded), which document of an index key is kept, and which pages are an attachment's
parents. These decisions need every capture's URL, digest, date, content hash and links, but
never its text. So the Spark tasks parse and keep the documents where they are (a persisted
RDD), the driver collects only these small rows (about 1 KB a capture, what it needs anyway to
write the catalog), decides here with :mod:`index.warc_tasks`' functions, and the tasks write the
kept documents as Parquet and index segments. Shuffling whole documents between stages, as
``groupByKey`` over full rows did, cost more than the parsing it followed.

Nothing here imports pyspark.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from index.warc_tasks import merge_captures, parents_of, resolve_key, resolve_url


@dataclass
class Decisions:
    """What the collection-wide pass decided."""

    #: every capture row (without documents) with its ``outcome``/``reason``/``keep``, input order
    captures: list[dict] = field(default_factory=list)
    #: ``(file_no, offset)`` of each kept document → its crawl dates (``dates`` of the capture row)
    #: and, for an attachment, its parents (a list, else None)
    kept: dict[tuple, dict] = field(default_factory=dict)
    #: error rows: unreadable records, and parse failures
    errors: list[dict] = field(default_factory=list)


def parse_error_row(row: dict) -> dict:
    return {"type": "error", "source": row["source"], "offset": row["offset"], "url": row["url"],
            "stage": "parse", "message": row["reason"], "order": row["order"]}


def decide(meta: list[dict]) -> Decisions:
    """``meta``: every capture and error row of the run (revisits already resolved), in any
    order. Replays ``tracuu ingest``'s decisions (see :mod:`index.warc_tasks`)."""
    out = Decisions()
    out.errors = [r for r in meta if r["type"] == "error"]
    merged: dict[tuple, dict] = {}
    for row in sorted((r for r in meta if r["type"] == "capture"), key=lambda r: r["order"]):
        key = (row["url"], row["sha256"])
        merged[key] = merge_captures(merged[key], row) if key in merged else row
    by_url: dict[str, list[dict]] = defaultdict(list)
    for row in merged.values():
        by_url[row["url"] or f"sha256:{row['sha256']}"].append(row)
    captures = [r for rows in by_url.values() for r in resolve_url(rows)]
    by_key: dict[str, list[dict]] = defaultdict(list)
    for row in captures:
        if row["result"] == "doc" and row["outcome"] == "indexed":
            by_key[row["doc_key"]].append(row)
    for rows in by_key.values():
        resolve_key(rows)
    captures.sort(key=lambda r: r["order"])
    out.captures = captures
    out.errors += [parse_error_row(r) for r in captures if r["outcome"] == "failed"]
    # an attachment's parents: the pages whose last parsed capture links the file
    last_page: dict[str, dict] = {}
    for row in captures:
        if row["result"] == "doc" and row["url"] and row["doc_key"] in by_key:
            last_page[row["url"]] = row  # input order: the last one stays
    links: dict[str, list[tuple]] = defaultdict(list)
    for row in last_page.values():
        for target, link in row.get("links") or []:
            links[target].append(tuple(link))
    for row in captures:
        if row.get("keep"):
            parents = None
            if row.get("is_attachment"):
                parents = parents_of(link for u in row.get("att_urls") or [] for link in links.get(u, []))
            out.kept[tuple(row["order"])] = {"dates": row["dates"], "parents": parents}
    return out
