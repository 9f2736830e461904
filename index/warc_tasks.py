"""The per-WARC and per-collection steps of a distributed import, as plain Python functions.

Why a module of its own: the Spark job (:mod:`index.spark_job`) ships these functions to its
executors, and they must give exactly what ``tracuu ingest`` gives on one machine. So they reuse
its pieces rather than re-implementing them: records come from :func:`ingest.warcread.iter_warc`
(damage handling, revisits resolved within the file), pages are parsed by
:func:`index.pipeline._parse_one` (the function ``tracuu ingest``'s parser processes call; when
attachments are parsed there, they flow in here unchanged), and the decisions ``tracuu ingest``
takes in input order — a payload seen again under the same URL is one capture with one more crawl
date (the first in input order kept), a capture older than the URL's indexed one is superseded,
a non-2xx response is skipped, the index keeps the last document of a key — are replayed here
per key (:func:`resolve_url`), so they run as a Spark ``groupByKey`` over the whole collection.
Nothing here imports pyspark: it is tested, and usable, without it.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from index.pipeline import _comparable, _parse_one, charset_of
from ingest.sources import RawPage, RevisitIndex, SourceError, expand_inputs, iter_warc, kind_of

#: outcomes after which a capture's date counts as the URL's newest (as Catalog.newest_date)
INDEXED = ("indexed", "updated", "unchanged")


def is_remote(uri: str) -> bool:
    """``hdfs://``, ``s3a://``, ``gs://`` …: read through pyarrow's Hadoop-compatible file systems."""
    scheme = urlsplit(uri).scheme
    return len(scheme) > 1 and scheme != "file"


def list_inputs(inputs: Iterable[str]) -> tuple[list[str], list[dict]]:
    """The WARC/ARC files of ``inputs`` (files, folders, globs; local or remote) in the order
    ``tracuu ingest`` reads them (folders walked sorted), and error rows for what is not one."""
    files: list[str] = []
    errors: list[dict] = []
    for given in inputs:
        if is_remote(given):
            files.extend(_remote_files(given))
            continue
        given = given[7:] if given.startswith("file://") else given
        paths = sorted(glob.glob(given)) if glob.has_magic(given) else [given]
        if not paths:
            paths = [given]  # not found: expand_inputs reports it
        units, errs = expand_inputs(paths)
        errors.extend(error_row(e) for e in errs)
        for unit in units:
            if unit.kind == "warc":
                files.append(str(unit.path.resolve()))
            else:
                errors.append(error_row(SourceError(str(unit.path.resolve()), None, None, "read",
                                                    "không phải tệp WARC/ARC, bỏ qua (not a WARC/ARC file)")))
    return files, errors


def _remote_files(uri: str) -> list[str]:
    """WARC/ARC files under a remote URI (a file or a folder), sorted."""
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(uri)
    info = filesystem.get_file_info(path)
    prefix = uri[: len(uri) - len(path)] if uri.endswith(path) else uri.split(path)[0]
    if info.type == fs.FileType.File:
        return [uri]
    found = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
    return sorted(prefix + f.path for f in found if f.type == fs.FileType.File and kind_of(f.path) == "warc")


#: split sizes: a split is a few seconds of parsing at least, and at most what a cluster's
#: executor parses in a few minutes (a task retried after a failure redoes at most that)
MIN_SPLIT = 1 << 20
MAX_SPLIT = 256 << 20


def warc_splits(files: list[str], parallelism: int, split_bytes: int | None = None) -> list[tuple]:
    """The tasks of a run: ``(file_no, uri, start, end)``, the records of ``uri`` that start in
    ``[start, end)`` (``end`` None: to the end of the file).

    Why not one task per file: a collection is a few files of unequal size (one per site or per
    crawl), so on N cores the last file's task runs alone while the others idle. A local
    ``.warc.gz`` larger than about one split (the total divided into ``parallelism`` × 8 splits,
    bounded by :data:`MIN_SPLIT` and :data:`MAX_SPLIT`, or ``split_bytes``) is cut at gzip
    member starts (one record each) near equal byte offsets, so the tasks are of about equal
    size and the slowest ends soon after the others. Every record is read by exactly one task;
    the rows carry their absolute file offsets, so the order of input is unchanged. Remote
    files (copied to the executor to be read) and uncompressed or ARC files stay one task each.
    """
    sizes = [None if is_remote(f) else os.path.getsize(f) for f in files]
    if split_bytes is None:
        total = sum(s or 0 for s in sizes)
        split_bytes = min(max(total // max(1, parallelism * 8), MIN_SPLIT), MAX_SPLIT)
    out: list[tuple] = []
    for no, (uri, size) in enumerate(zip(files, sizes, strict=True)):
        if size is None or not uri.endswith(".warc.gz") or size < split_bytes * 1.5:
            out.append((no, uri, 0, None))
            continue
        n = round(size / split_bytes)
        bounds = [0]
        with open(uri, "rb") as fh:
            for k in range(1, n):
                b = _record_start(fh, size * k // n)
                if b is not None and b > bounds[-1]:
                    bounds.append(b)
        out += [(no, uri, a, b) for a, b in zip(bounds, [*bounds[1:], None], strict=True)]
    return out


def _record_start(fh, pos: int) -> int | None:
    """The first gzip member after ``pos`` that holds a WARC record (a member start is checked
    by inflating its first bytes: the magic bytes also occur inside compressed data)."""
    import zlib

    from ingest.warcread import _resync

    while True:
        cand = _resync(fh, pos, True)
        if cand is None:
            return None
        fh.seek(cand)
        try:
            head = zlib.decompressobj(31).decompress(fh.read(1 << 16), 16)
        except zlib.error:
            head = b""
        if head.startswith(b"WARC/"):
            return cand
        pos = cand


def _localise(uri: str) -> tuple[str, str | None]:
    """A local path for ``uri`` (remote files are copied to the task's temporary folder, since
    warcio and the damage resync need ``seek``) and the folder to remove afterwards."""
    if not is_remote(uri):
        return uri, None
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(uri)
    tmp = tempfile.mkdtemp(prefix="tracuu-warc-")
    local = os.path.join(tmp, os.path.basename(path))
    with filesystem.open_input_stream(path) as src, open(local, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return local, tmp


def error_row(err: SourceError, file_no: int = -1) -> dict:
    return {"type": "error", "source": err.source, "offset": err.offset, "url": err.url, "stage": err.stage,
            "message": err.message, "order": [file_no, err.offset if err.offset is not None else -1]}


def capture_row(page: RawPage, file_no: int, result: tuple[str, object] | None) -> dict:
    """One record as a capture row; ``result`` is the parser's, or None when not parsed."""
    kind, value = result if result is not None else ("dup", None)
    encoding = getattr(value.source, "encoding", None) if kind == "doc" else None
    row = {"type": "capture", "url": page.url, "sha256": page.sha256, "date": page.date,
            "source": page.source, "offset": page.offset, "length": page.length,
            "record_id": page.record_id, "record_type": page.record_type, "refers_to": page.refers_to,
            "status": page.status, "content_type": page.content_type,
            "charset": charset_of(page.content_type) or encoding,
            "hash": page.warc_digest or page.sha1_digest, "content_length": len(page.payload),
            "http_headers": json.dumps(page.headers, ensure_ascii=False) if page.headers else None,
            "result": kind, "value": value, "order": [file_no, page.offset or 0], "dates": []}
    if kind == "doc":
        set_document(row, value)
    return row


def set_document(row: dict, doc) -> None:
    """Put a parsed Document into a capture row: its JSON (``value``) and what the collection-wide
    decisions need of it (``doc_key``, ``doc_id``, content hash, attachment links and URLs), so
    the driver decides on small rows and the documents never travel there."""
    from index.schema import content_hash

    data = doc.to_dict()
    row["value"] = json.dumps(data, ensure_ascii=False)
    row["doc_key"] = doc.url or f"sha256:{doc.source.sha256}"
    row["doc_id"] = doc.id
    row["chash"] = content_hash(doc)
    row["is_attachment"] = data.get("kind") == "attachment"
    row["links"] = page_links(data, row["order"])
    row["att_urls"] = attachment_urls(data)


def meta_of(row: dict) -> dict:
    """A row without its document JSON: what the driver collects."""
    if row["type"] == "capture" and row["result"] == "doc":
        return {k: v for k, v in row.items() if k != "value"}
    return row


#: what the task's revisit resolver answers for an original outside the file: the revisit is
#: resolved against the whole collection later (:func:`resolve_revisit`)
_PENDING = b"\0tracuu: original in another WARC\0"


def _pending_resolver(refers_id: str | None, url: str | None, digest: str | None) -> bytes:
    return _PENDING


def warc_task(item: tuple) -> Iterator[dict]:
    """One Spark task: every record of one split of a WARC file (``(file_no, uri[, start, end])``,
    the records starting in ``[start, end)``: :func:`warc_splits`) as capture and error rows.

    The split is streamed once; revisits are resolved within it (the original's offset is kept,
    never its payload); a payload seen before under the same URL in this split is not parsed
    again. Non-2xx responses are not parsed (``tracuu ingest`` skips them as ``http-N``).
    """
    file_no, uri = item[0], item[1]
    start, end = (item[2], item[3]) if len(item) > 2 else (0, None)
    local, tmp = _localise(uri)
    seen: set[tuple[str | None, str]] = set()
    try:
        for rec in iter_warc(local, start=start, revisits=RevisitIndex(resolver=_pending_resolver)):
            if rec.offset is None and start > 0:
                continue  # file-level notes (".open") belong to the file's first split
            if end is not None and rec.offset is not None and rec.offset >= end:
                break  # the next split's
            if isinstance(rec, SourceError):
                rec.source = uri
                yield error_row(rec, file_no)
                continue
            rec.source = uri
            if rec.payload is _PENDING:
                yield {"type": "revisit", "row": capture_row(rec, file_no, None), "path": rec.path,
                       "refers_id": rec.refers_to if (rec.refers_to or "").startswith("<urn:") else None,
                       "refers_url": rec.url, "digest": rec.warc_digest}
                continue
            key = (rec.url, rec.sha256)
            if key in seen:
                yield capture_row(rec, file_no, None)
                continue
            seen.add(key)
            if rec.status is not None and not (200 <= rec.status < 300) and rec.record_type != "revisit":
                yield capture_row(rec, file_no, ("http", f"http-{rec.status}"))
                continue
            yield capture_row(rec, file_no, _parse_one((rec.payload, rec.url, rec.path, rec.content_type)))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def revisit_wants(rev: dict) -> list[tuple]:
    """The keys that would locate a pending revisit's original (record id, then URL + digest)."""
    out = []
    if rev["refers_id"]:
        out.append(("id", rev["refers_id"]))
    if rev["refers_url"] and rev["digest"]:
        out.append(("ud", rev["refers_url"], rev["digest"]))
    return out


def original_keys(row: dict) -> list[tuple]:
    """The keys under which a 2xx capture row can be an original (as ``RevisitIndex.add``)."""
    if row["record_type"] == "revisit" or row["status"] is None or row["status"] >= 300:
        return []
    out = [("id", row["record_id"])] if row["record_id"] else []
    if row["url"] and row["hash"] and row["hash"] != "":
        out.append(("ud", row["url"], row["hash"]))
    return out


def resolve_revisit(rev: dict, locations: dict) -> dict:
    """A revisit whose original is in another WARC: read the original's record (``locations``:
    key → (source, offset), from the whole collection) and parse it as the revisit's page; an
    error row, with ``tracuu ingest``'s message, when the original is nowhere."""
    import hashlib

    from ingest.sources import read_record_at

    row = dict(rev["row"])
    loc = next((locations[k] for k in map(tuple, revisit_wants(rev)) if k in locations), None)
    original = None
    if loc is not None:
        local, tmp = _localise(loc[0])
        try:
            original, _ = read_record_at(local, loc[1])
        finally:
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)
    if original is None:
        return error_row(SourceError(row["source"], row["offset"], row["url"], "warc",
                                     f"bản ghi revisit không tìm thấy bản gốc {rev['refers_id'] or rev['refers_url']}"
                                     " (revisit original not found)"), row["order"][0])
    payload = original.payload
    ctype = row["content_type"] or original.content_type
    row.update(sha256=hashlib.sha256(payload).hexdigest(), content_length=len(payload), content_type=ctype,
               status=row["status"] or 200)
    kind, value = _parse_one((payload, row["url"], rev["path"], ctype))
    row["result"], row["value"] = kind, value
    if kind == "doc":
        row["charset"] = row["charset"] or getattr(value.source, "encoding", None)
        set_document(row, value)
    return row


def merge_captures(a: dict, b: dict) -> dict:
    """Two records of one (URL, payload): the first in input order stays the capture, every
    record's date is listed (a ``reduceByKey`` function: associative and commutative)."""
    first, second = (a, b) if a["order"] <= b["order"] else (b, a)
    out = dict(first)
    out["dates"] = _dates(first) + _dates(second)
    return out


def _dates(row: dict) -> list:
    return row["dates"] or [[row["date"], row["source"], row["offset"], row["order"]]]


def resolve_url(captures: Iterable[dict]) -> list[dict]:
    """The captures of one URL, each with its ``outcome``/``reason``, as ``tracuu ingest``
    decides them in input order (the superseded rule of ``Ingestor._admit``, the outcomes of
    ``Ingestor._finish``). Documents are decided per key later (:func:`resolve_key`)."""
    rows = sorted(captures, key=lambda r: r["order"])
    newest: str | None = None
    for row in rows:
        row["dates"] = sorted(_dates(row), key=lambda d: d[3])[1:]  # the others: extra crawl dates
        if row["url"] and row["date"] and newest and _comparable(row["date"]) < _comparable(newest):
            row["outcome"], row["reason"] = "skipped", "đã có bản thu mới hơn (superseded by a newer capture)"
            row["result"], row["value"] = "superseded", None
            continue
        kind, value = row["result"], row.get("value")
        if kind == "doc":
            row["outcome"], row["reason"] = "indexed", None  # or updated/unchanged: resolve_key
        elif kind == "fail":
            row["outcome"], row["reason"] = "failed", value
        else:  # http, skip
            row["outcome"], row["reason"] = "skipped", value
        if row["outcome"] == "indexed" and row["date"]:
            newest = row["date"] if newest is None or row["date"] > newest else newest
    return rows


def resolve_key(captures: Iterable[dict]) -> list[dict]:
    """Captures whose documents share one index key (the URL, or the page's own): in input order
    the first is ``indexed``, a later different one ``updated`` (it replaces), an identical one
    ``unchanged``; the document last indexed or updated is the one kept (``keep`` True)."""
    rows = sorted(captures, key=lambda r: r["order"])
    previous = None
    for row in rows:
        digest = row["chash"]
        row["outcome"] = "indexed" if previous is None else "unchanged" if digest == previous[0] else "updated"
        row["keep"] = False
        previous = (digest, row)
    if previous is not None:  # the index holds the document last indexed or updated
        next(r for r in reversed(rows) if r["outcome"] != "unchanged")["keep"] = True
    return rows


def source_error_from(row: dict) -> SourceError:
    return SourceError(row["source"], row["offset"], row["url"], row["stage"], row["message"])


def local_dir(uri: str) -> Path:
    """A local folder for ``uri`` (``file://`` stripped); remote outputs go through Spark only."""
    return Path(uri[7:] if uri.startswith("file://") else uri)


# -- attachments' parents (what index.attachregistry.Registry gives ``tracuu ingest``) ----------


def page_links(data: dict, order: list) -> list[tuple]:
    """The attachment links of one parsed page (``data``: its Document as a dict), keyed by the
    linked URL (normalised as the registry stores it): ``(url, (order, i, page_url, page_title,
    link_title))``. The order stands for the registry's ``seq`` (a page records its links when
    ``tracuu ingest`` finishes it, in input order, each link after the one before)."""
    from urllib.parse import urljoin

    from index.attachdocs import norm_url

    page_url = data.get("url")
    if data.get("kind") == "attachment" or not page_url:
        return []
    out = []
    for i, link in enumerate(data.get("attachments") or []):
        target = norm_url(urljoin(page_url, link.get("url") or "")) if link.get("url") else None
        if target:
            out.append((target, (order, i, page_url, data.get("title") or "", link.get("title") or "")))
    return out


def attachment_urls(data: dict) -> list[str]:
    """The URLs under which an attachment document is looked up as a link target (its URLs,
    and for a member of a ``.zip`` bundle the bundle's), normalised; [] for pages."""
    from index.attachdocs import norm_url
    from ingest.attachlinks import container_url

    if data.get("kind") != "attachment":
        return []
    urls = list((data.get("attachment") or {}).get("urls") or [])
    if data.get("url") and data["url"] not in urls:
        urls.insert(0, data["url"])
    urls += [c for c in map(container_url, urls) if c]
    return sorted({u for u in map(norm_url, urls) if u})


def parents_of(links: Iterable[tuple]) -> list[dict]:
    """An attachment's parents from every page linking it, as the registry's ``_set_parents``
    orders them (in link order, each page once, with its first link's text)."""
    first: dict[str, tuple] = {}
    for order, i, page_url, page_title, link_title in links:
        key = (tuple(order), i)
        if page_url not in first or key < first[page_url][0]:
            first[page_url] = (key, page_title, link_title)
    return [{"url": u, "title": t or "", "link_title": lt or ""}
            for u, (_k, t, lt) in sorted(first.items(), key=lambda kv: kv[1][0])]


def with_parents(value: str, parents: list[dict]) -> tuple[str, object]:
    """An attachment's Document JSON with ``parents`` applied (title, summary and site follow
    from them: :func:`index.attachregistry.parents_applied`); returns (JSON, Document)."""
    from index.attachregistry import parents_applied
    from ingest.document import Document, Parent

    doc = Document.from_json(value)
    parents_applied(doc, [Parent(**p) for p in parents])
    return doc.to_json(), doc
