"""The corpus as a dataset: Parquet partitioned by site, or one JSON Lines file, each with a
README datasheet (fields, counts, date range, sources, how it was made) next to the data.

Why the schema is derived from :class:`ingest.document.Document`'s type hints: every field of the
record is exported, typed (timestamps as timestamps, lists as lists, images/attachments/related
lists as lists of structs), and a field added to the record later (attachment documents'
``parents`` and ``attachment`` metadata, say) is exported without touching this module. Keys a
stored record has that the record type does not know are kept, as JSON, in ``extra_json``.

Each row also carries the catalog's view of the page: the capture time (``capture_time``), the
payload digest (``payload_digest``, ``sha1:BASE32`` as in WARC/CDX) and the payload's SHA-256.

Written a batch at a time (one ``ParquetWriter`` per site partition), so memory stays flat for
the whole 39k-page corpus. Needs ``pyarrow`` (the ``dataset`` extra) for Parquet only.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import types
import typing
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ingest.document import VN_TZ, Document, iso, parse_iso

log = logging.getLogger(__name__)

#: columns added to the record's own fields
EXTRA_COLUMNS = {
    "id": "mã văn bản trong tracuu (16 chữ số hex của SHA-1 URL) — document id (/doc/<id>)",
    "capture_time": "thời điểm thu thập bản mới nhất (WARC-Date/thời điểm tải/thời gian tệp) — capture time",
    "payload_digest": "băm nội dung bản thu (sha1:BASE32, như WARC/CDX) — payload digest",
    "payload_sha256": "SHA-256 của nội dung bản thu — payload SHA-256",
    "extra_json": "các trường khác của bản ghi (JSON), nếu có — any other stored keys, as JSON",
}
FIELD_NOTES = {
    "url": "địa chỉ gốc của trang — original URL",
    "site": "tên miền trang nguồn (cột phân vùng Parquet) — source host (the Parquet partition key)",
    "kind": "loại: article, listing, other, attachment — record kind",
    "title": "tiêu đề — title",
    "published": "ngày đăng (múi giờ +07:00) — publication time",
    "updated": "ngày cập nhật — update time",
    "category": "đường dẫn chuyên mục (breadcrumb) — category path",
    "summary": "tóm tắt (sapo) — lead",
    "body": "nội dung văn bản (đoạn cách nhau bằng dòng trống) — body text, paragraphs separated by a blank line",
    "images": "ảnh và chú thích — images with captions",
    "attachments": "tệp đính kèm được liên kết (tiêu đề, URL) — linked attachments",
    "related": "danh sách «Tin liên quan» — related links",
    "latest": "danh sách «Tin mới nhất» — latest links",
    "source": "nguồn bytes: đường dẫn, kích thước, SHA-256, mã hóa, sửa lỗi — where the bytes came from",
    "parents": "các trang liên kết tới tệp đính kèm — pages linking this attachment",
    "attachment": "siêu dữ liệu tệp đính kèm (định dạng, số/ký hiệu, cơ quan ban hành…) — attachment metadata",
}
PARQUET_TZ = "+07:00"
BATCH_ROWS = 1000


# -------------------------------------------------------------------------------------------
# Types: Python type hints → Arrow types (imported lazily: pyarrow is an optional extra)
# -------------------------------------------------------------------------------------------
def _unwrap(tp: Any) -> Any:
    """``X | None`` → ``X``."""
    args = typing.get_args(tp)
    if (typing.get_origin(tp) in (typing.Union, types.UnionType)) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0] if len(rest) == 1 else str
    return tp


def _arrow_type(tp: Any):
    import pyarrow as pa

    tp = _unwrap(tp)
    origin = typing.get_origin(tp)
    if tp is str or origin is typing.Literal:
        return pa.string()
    if tp is bool:
        return pa.bool_()
    if tp is int:
        return pa.int64()
    if tp is float:
        return pa.float64()
    if tp is datetime:
        return pa.timestamp("us", tz=PARQUET_TZ)
    if origin is list:
        (item,) = typing.get_args(tp) or (str,)
        return pa.list_(_arrow_type(item))
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return pa.struct([pa.field(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(tp)])
    return None  # anything else travels as JSON text


def _record_hints() -> dict[str, Any]:
    return typing.get_type_hints(Document)


def schema():
    """The Arrow schema of an exported document (``site`` is the partition key, not in files)."""
    import pyarrow as pa

    fields = [pa.field("id", pa.string())]
    for name, tp in _record_hints().items():
        if name == "site":
            continue
        at = _arrow_type(tp)
        fields.append(pa.field(name, at if at is not None else pa.string(),
                               metadata={"encoding": "json"} if at is None else None))
    fields += [pa.field("capture_time", pa.timestamp("us", tz=PARQUET_TZ)), pa.field("payload_digest", pa.string()),
               pa.field("payload_sha256", pa.string()), pa.field("extra_json", pa.string())]
    return pa.schema(fields)


def _convert(value: Any, tp: Any) -> Any:
    """A stored JSON value → what Arrow expects for the field's type (ISO text → datetime…)."""
    if value is None:
        return None
    tp = _unwrap(tp)
    origin = typing.get_origin(tp)
    if tp is datetime:
        return parse_iso(value) if isinstance(value, str) else value
    if origin is list:
        (item,) = typing.get_args(tp) or (str,)
        return [_convert(v, item) for v in value]
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return {f.name: _convert(value.get(f.name), hints[f.name]) for f in dataclasses.fields(tp)}
    if _arrow_type(tp) is None:
        return json.dumps(value, ensure_ascii=False)
    return value


# -------------------------------------------------------------------------------------------
# Rows and statistics
# -------------------------------------------------------------------------------------------
@dataclasses.dataclass
class Capture:
    """What the catalog knows of a document's latest capture."""

    time: str | None = None
    digest: str | None = None
    sha256: str | None = None


def _capture_dt(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(VN_TZ)


@dataclasses.dataclass
class Stats:
    """Counts the datasheet reports, gathered while writing."""

    documents: int = 0
    sites: Counter = dataclasses.field(default_factory=Counter)
    kinds: Counter = dataclasses.field(default_factory=Counter)
    published_min: datetime | None = None
    published_max: datetime | None = None
    undated: int = 0
    captured_min: datetime | None = None
    captured_max: datetime | None = None
    without_capture: int = 0
    with_attachments: int = 0

    def add(self, doc: dict, cap: Capture) -> None:
        self.documents += 1
        self.sites[doc.get("site") or ""] += 1
        self.kinds[doc.get("kind") or "other"] += 1
        pub = parse_iso(doc.get("published"))
        if pub is None:
            self.undated += 1
        else:
            self.published_min = min(self.published_min or pub, pub)
            self.published_max = max(self.published_max or pub, pub)
        ct = _capture_dt(cap.time)
        if ct is None:
            self.without_capture += 1
        else:
            self.captured_min = min(self.captured_min or ct, ct)
            self.captured_max = max(self.captured_max or ct, ct)
        if doc.get("attachments"):
            self.with_attachments += 1

    def as_dict(self) -> dict:
        return {"documents": self.documents, "sites": dict(sorted(self.sites.items())),
                "kinds": dict(sorted(self.kinds.items())), "published_min": iso(self.published_min),
                "published_max": iso(self.published_max), "undated": self.undated,
                "captured_min": iso(self.captured_min), "captured_max": iso(self.captured_max),
                "without_capture": self.without_capture, "with_attachments": self.with_attachments}


def parquet_row(doc_id: str, doc: dict, cap: Capture) -> dict:
    hints = _record_hints()
    row: dict[str, Any] = {"id": doc_id}
    for name, tp in hints.items():
        if name != "site":
            row[name] = _convert(doc.get(name), tp)
    row["capture_time"] = _capture_dt(cap.time)
    row["payload_digest"] = cap.digest
    row["payload_sha256"] = cap.sha256
    extra = {k: v for k, v in doc.items() if k not in hints}
    row["extra_json"] = json.dumps(extra, ensure_ascii=False) if extra else None
    return row


def jsonl_row(doc_id: str, doc: dict, cap: Capture) -> dict:
    """A JSON line: every field as the record's own JSON has it (ISO dates), same keys on every
    line (absent fields as null/empty), so Hugging Face ``datasets`` infers one schema."""
    hints = _record_hints()
    row: dict[str, Any] = {"id": doc_id}
    for name, tp in hints.items():
        value = doc.get(name)
        if value is None and typing.get_origin(_unwrap(tp)) is list:
            value = []
        row[name] = value
    ct = _capture_dt(cap.time)
    row["capture_time"] = iso(ct)
    row["payload_digest"] = cap.digest
    row["payload_sha256"] = cap.sha256
    extra = {k: v for k, v in doc.items() if k not in hints}
    row["extra_json"] = json.dumps(extra, ensure_ascii=False) if extra else None
    return row


# -------------------------------------------------------------------------------------------
# Writers
# -------------------------------------------------------------------------------------------
class DatasetWriter:
    """``add(doc_id, stored_dict, capture)`` per document, then ``close(meta)`` writes the README
    datasheet and ``datasheet.json``. ``fmt`` is ``parquet`` (one directory per site) or
    ``jsonl`` (``documents.jsonl``)."""

    def __init__(self, out_dir: Path | str, fmt: str) -> None:
        if fmt not in ("parquet", "jsonl"):
            raise ValueError(f"unknown dataset format {fmt!r}")
        self.out = Path(out_dir)
        self.fmt = fmt
        self.out.mkdir(parents=True, exist_ok=True)
        self.stats = Stats()
        self._buffers: dict[str, list[dict]] = {}
        self._writers: dict[str, Any] = {}
        self._jsonl = open(self.out / "documents.jsonl", "w", encoding="utf-8") if fmt == "jsonl" else None  # noqa: SIM115
        self._schema = schema() if fmt == "parquet" else None

    def add(self, doc_id: str, doc: dict, cap: Capture) -> None:
        self.stats.add(doc, cap)
        if self._jsonl is not None:
            self._jsonl.write(json.dumps(jsonl_row(doc_id, doc, cap), ensure_ascii=False) + "\n")
            return
        site = doc.get("site") or ""
        buf = self._buffers.setdefault(site, [])
        buf.append(parquet_row(doc_id, doc, cap))
        if len(buf) >= BATCH_ROWS:
            self._flush(site)

    def _flush(self, site: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self._buffers.get(site)
        if not rows:
            return
        writer = self._writers.get(site)
        if writer is None:
            part = self.out / "data" / f"site={quote(site, safe='') if site else '__HIVE_DEFAULT_PARTITION__'}"
            part.mkdir(parents=True, exist_ok=True)
            writer = self._writers[site] = pq.ParquetWriter(str(part / "part-0.parquet"), self._schema,
                                                            compression="zstd")
        writer.write_table(pa.Table.from_pylist(rows, schema=self._schema))
        self._buffers[site] = []

    def close(self, meta: dict) -> dict:
        """Finish the files and write the datasheet; returns the datasheet's data."""
        if self._jsonl is not None:
            self._jsonl.close()
        for site in list(self._buffers):
            self._flush(site)
        for w in self._writers.values():
            w.close()
        sheet = {"format": self.fmt, **meta, **self.stats.as_dict(), "fields": self.field_list()}
        (self.out / "datasheet.json").write_text(json.dumps(sheet, ensure_ascii=False, indent=2) + "\n",
                                                 encoding="utf-8")
        (self.out / "README.md").write_text(datasheet_markdown(sheet), encoding="utf-8")
        return sheet

    def field_list(self) -> list[dict[str, str]]:
        hints = _record_hints()
        out = [{"name": "id", "type": "string", "description": EXTRA_COLUMNS["id"]}]
        for name, tp in hints.items():
            at = _arrow_type(tp)
            typ = str(at) if at is not None else "string (JSON)"
            if self.fmt == "jsonl" and at is not None and "timestamp" in typ:
                typ = "string (ISO 8601, +07:00)"
            out.append({"name": name, "type": typ, "description": FIELD_NOTES.get(name, "")})
        for name in ("capture_time", "payload_digest", "payload_sha256", "extra_json"):
            typ = "timestamp[us, tz=+07:00]" if name == "capture_time" and self.fmt == "parquet" else "string"
            out.append({"name": name, "type": typ, "description": EXTRA_COLUMNS[name]})
        return out


def write_dataset(out_dir: Path | str, fmt: str, rows: Iterable[tuple[str, dict, Capture]], meta: dict) -> dict:
    """Write every ``(doc_id, stored dict, capture)`` of ``rows``; returns the datasheet data."""
    w = DatasetWriter(out_dir, fmt)
    for doc_id, doc, cap in rows:
        w.add(doc_id, doc, cap)
    return w.close(meta)


def datasheet_markdown(s: dict) -> str:
    """The README next to the data: a Hugging Face dataset card (YAML header) and a datasheet."""
    data_files = "data/site=*/*.parquet" if s["format"] == "parquet" else "documents.jsonl"
    lines = [
        "---", "language:", "- vi", f"pretty_name: {json.dumps(s.get('title') or 'tracuu export', ensure_ascii=False)}",
        "configs:", "- config_name: default", f"  data_files: \"{data_files}\"", "---", "",
        f"# {s.get('title') or 'tracuu export'}", "",
        "Văn bản trang cổng thông tin do tracuu thu thập, phân tích và xuất ra. Documents of Vietnamese "
        "government portal pages as tracuu ingested and parsed them.", "",
        "## Cách tạo (how it was made)", "",
        f"- Lệnh (command): `{s.get('command', '')}`",
        f"- Truy vấn (query): {('`' + s['query'] + '`') if s.get('query') else 'không có — toàn bộ chỉ mục (none: every indexed document)'}",
        f"- Thời điểm xuất (exported at): {s.get('created', '')}",
        f"- Phiên bản (tracuu version): {s.get('tracuu_version', '')}",
        f"- Dữ liệu nguồn (data directory): `{s.get('data_dir', '')}`",
        "- Các trang được thu thập (tệp, bản sao HTTrack, WARC, thu thập trực tuyến), phân tích bằng "
        "beautifulsoup4 theo các họ CMS (ingest/families.py) thành bản ghi Document; thời điểm thu thập "
        "và mã băm nội dung lấy từ danh mục bản thu (catalog.sqlite).", "",
        "## Số lượng (counts)", "",
        f"- Văn bản (documents): **{s['documents']}**",
        f"- Có tệp đính kèm (with linked attachments): {s['with_attachments']}",
        f"- Không có ngày đăng (undated): {s['undated']}",
        f"- Không có bản thu trong danh mục (without a catalog capture): {s['without_capture']}",
        "- Theo loại (by kind): " + ", ".join(f"{k}: {v}" for k, v in s["kinds"].items()), "",
        "## Khoảng thời gian (date range)", "",
        f"- Ngày đăng (published): {s['published_min'] or '–'} → {s['published_max'] or '–'}",
        f"- Thu thập (captured): {s['captured_min'] or '–'} → {s['captured_max'] or '–'}", "",
        "## Nguồn (sources)", "", "| trang nguồn (site) | văn bản |", "|---|---:|",
    ]
    lines += [f"| {site or '(không rõ)'} | {n} |" for site, n in sorted(s["sites"].items(), key=lambda kv: -kv[1])]
    lines += ["", "## Trường (fields)", "", "| tên | kiểu | ý nghĩa |", "|---|---|---|"]
    lines += [f"| `{f['name']}` | {f['type']} | {f['description']} |" for f in s["fields"]]
    if s["format"] == "parquet":
        lines += ["", "## Tệp (files)", "",
                  "Parquet (zstd) trong `data/`, phân vùng kiểu Hive theo trang nguồn: "
                  "`data/site=<host>/part-0.parquet`; cột `site` nằm trong tên thư mục. Partitioned by site, "
                  "Hive style, under `data/`.", "",
                  "```python", "import pandas as pd", "df = pd.read_parquet(\"data\")  # cột site: category",
                  "```", "", "```sql",
                  "SELECT site, count(*) FROM read_parquet('data/*/*.parquet', hive_partitioning = true) "
                  "GROUP BY site;", "```"]
    else:
        lines += ["", "## Tệp (files)", "",
                  "`documents.jsonl`: một văn bản mỗi dòng, ngày theo ISO 8601 (+07:00). One document per line.", "",
                  "```python", "from datasets import load_dataset",
                  "ds = load_dataset(\"json\", data_files=\"documents.jsonl\")", "```"]
    lines += ["", "## Lưu ý (caveats)", "",
              "Nội dung thuộc các cơ quan đăng tải; bản chính thức là trang gốc (cột `url`). Văn bản được "
              "trích xuất tự động nên có thể sót hoặc thừa phần giao diện. The text belongs to its publishers; "
              "the original page is authoritative; extraction is automatic.", ""]
    return "\n".join(lines)
