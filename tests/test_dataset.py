"""The corpus as a dataset: ``tracuu export --format parquet|jsonl --out DIR`` over a real ingest
of the bundled WARC, read back through pandas and DuckDB, field by field, with the datasheet
checked against the documents themselves."""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path

import pytest

from ingest.document import iso, parse_iso
from tests.conftest import REPO, run_tracuu

pd = pytest.importorskip("pandas")
duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

WARC = REPO / "tracuu" / "samples" / "samples.warc.gz"


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("dataset") / "data"
    r = run_tracuu("ingest", str(WARC), "--data", str(d))
    assert r.returncode == 0, r.stderr
    return d


@pytest.fixture(scope="module")
def stored(data) -> dict[str, dict]:
    """Every stored record of the index by id (what the export must reproduce)."""
    from whoosh import index as wi

    with wi.open_dir(str(data / "index")).searcher() as s:
        return {f["id"]: json.loads(f["doc"]) for f in s.all_stored_fields()}


@pytest.fixture(scope="module")
def captures(data) -> dict[str, tuple]:
    from index.catalog import Catalog

    with Catalog(data / "catalog.sqlite") as cat:
        return {c.url: (c.crawl_date, c.hash, c.sha256) for c in cat.latest_per_url()}


def _export(data: Path, out: Path, fmt: str, *query: str) -> Path:
    r = run_tracuu("export", *query, "--format", fmt, "--out", str(out) + ("/" if fmt == "jsonl" else ""),
                   "--data", str(data))
    assert r.returncode == 0, r.stderr
    return out


def plain(value):
    """pandas/DuckDB values → the record's JSON shapes (arrays → lists, timestamps → ISO, NaN → None)."""
    if value is None:
        return None
    if hasattr(value, "tolist") and not isinstance(value, str | bytes):
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime) or type(value).__name__ == "Timestamp":
        return None if pd.isna(value) else iso(value.to_pydatetime() if hasattr(value, "to_pydatetime") else value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def assert_same_record(row: dict, original: dict, cap: tuple | None) -> None:
    for key, want in original.items():
        got = row.get(key)
        if key in ("published", "updated"):
            assert parse_iso(got) == parse_iso(want), key
        elif key in ("related", "latest"):
            assert [{**i, "published": parse_iso(i["published"])} for i in got or []] == \
                   [{**i, "published": parse_iso(i["published"])} for i in want], key
        elif want in ([], None):
            assert got in ([], None), key
        else:
            assert got == want, key
    if cap:
        assert parse_iso(row["capture_time"]) == parse_iso(cap[0]).astimezone(parse_iso(row["capture_time"]).tzinfo) \
            if cap[0] else row["capture_time"] is None
        assert (row["payload_digest"], row["payload_sha256"]) == (cap[1], cap[2])


def test_parquet_round_trip_through_pandas_and_duckdb(data, stored, captures, tmp_path):
    out = _export(data, tmp_path / "pq", "parquet")
    df = pd.read_parquet(out / "data")
    assert len(df) == len(stored)
    for rec in df.to_dict(orient="records"):
        row = {k: plain(v) for k, v in rec.items()}
        row["site"] = str(rec["site"])
        original = stored[row["id"]]
        assert_same_record(row, original, captures.get(original["url"]))
    con = duckdb.connect()
    con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
    rel = con.sql(f"SELECT * FROM read_parquet('{out}/data/*/*.parquet', hive_partitioning = true)")
    cols = rel.columns
    rows = [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
    assert len(rows) == len(stored)
    for r in rows:
        row = {k: plain(v) for k, v in r.items()}
        original = stored[row["id"]]
        assert_same_record(row, original, captures.get(original["url"]))


def test_parquet_is_partitioned_by_site(data, stored, tmp_path):
    import pyarrow.parquet as pq

    out = _export(data, tmp_path / "pq", "parquet")
    parts = sorted(p.name for p in (out / "data").iterdir())
    sites = sorted({d["site"] for d in stored.values()})
    assert parts == [f"site={s}" for s in sites]
    for s in sites:
        ids = set(pq.read_table(out / "data" / f"site={s}" / "part-0.parquet").column("id").to_pylist())
        assert ids == {i for i, d in stored.items() if d["site"] == s}


def test_datasheet_is_accurate(data, stored, tmp_path):
    out = _export(data, tmp_path / "pq", "parquet")
    sheet = json.loads((out / "datasheet.json").read_text(encoding="utf-8"))
    assert sheet["documents"] == len(stored)
    by_site: dict[str, int] = {}
    for d in stored.values():
        by_site[d["site"]] = by_site.get(d["site"], 0) + 1
    assert sheet["sites"] == dict(sorted(by_site.items()))
    dates = [parse_iso(d["published"]) for d in stored.values() if d.get("published")]
    assert parse_iso(sheet["published_min"]) == min(dates)
    assert parse_iso(sheet["published_max"]) == max(dates)
    assert sheet["undated"] == len(stored) - len(dates)
    kinds: dict[str, int] = {}
    for d in stored.values():  # the samples' home page is kind "other" since issue 9 item 3
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    assert sheet["kinds"] == kinds and kinds["article"] == 39
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert f"**{len(stored)}**" in readme and iso(min(dates)) in readme and iso(max(dates)) in readme
    assert 'data_files: "data/site=*/*.parquet"' in readme
    for name in ("body", "published", "capture_time", "payload_digest", "attachments"):
        assert f"`{name}`" in readme
    for site, n in by_site.items():
        assert f"| {site} | {n} |" in readme


def test_jsonl_dataset_round_trip(data, stored, captures, tmp_path):
    out = _export(data, tmp_path / "js", "jsonl")
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "datasheet.json", "documents.jsonl"]
    lines = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(stored) and len({tuple(x) for x in lines}) == 1  # the same keys on every line
    for row in lines:
        original = stored[row["id"]]
        assert_same_record(row, original, captures.get(original["url"]))
    df = pd.read_json(out / "documents.jsonl", lines=True, dtype=False)
    assert sorted(df["id"]) == sorted(stored)
    n = duckdb.sql(f"SELECT count(*), count(DISTINCT site) FROM read_json_auto('{out}/documents.jsonl')").fetchall()[0]
    assert n == (len(stored), len({d["site"] for d in stored.values()}))
    assert 'data_files: "documents.jsonl"' in (out / "README.md").read_text(encoding="utf-8")


def test_query_export_holds_the_search_results(data, tmp_path):
    out = _export(data, tmp_path / "q", "parquet", "cải cách hành chính")
    r = run_tracuu("search", "cải cách hành chính", "--limit", "100", "--json", "--data", str(data))
    ids = {h["id"] for h in json.loads(r.stdout)["hits"]}
    assert set(pd.read_parquet(out / "data")["id"]) == ids and ids
    sheet = json.loads((out / "datasheet.json").read_text(encoding="utf-8"))
    assert sheet["documents"] == len(ids) and sheet["query"] == "cải cách hành chính"


def test_unknown_fields_are_kept(tmp_path):
    """Fields the record type does not know (another branch's attachment metadata) survive as JSON."""
    from index.dataset import Capture, write_dataset

    doc = {"url": "https://a.gov.vn/f.pdf", "site": "a.gov.vn", "kind": "attachment", "title": "Tệp",
           "body": "Nội dung tệp đính kèm", "parents": [{"url": "https://a.gov.vn/p.html", "title": "Trang"}],
           "attachment": {"format": "pdf", "number": "15/2020/NĐ-CP", "page_starts": [0, 10]}}
    write_dataset(tmp_path / "x", "parquet", [("abc", doc, Capture())], {"title": "t"})
    row = pd.read_parquet(tmp_path / "x" / "data").to_dict(orient="records")[0]
    kept = {}
    for key in ("parents", "attachment"):
        if key in row:  # the record type knows it: a typed column
            kept[key] = plain(row[key])
    kept.update(json.loads(row["extra_json"]) if isinstance(row["extra_json"], str) else {})
    assert kept["parents"][0]["url"] == "https://a.gov.vn/p.html"
    assert kept["attachment"]["number"] == "15/2020/NĐ-CP" and row["body"] == "Nội dung tệp đính kèm"


def test_bad_output_and_the_old_jsonl_listing(data, tmp_path):
    r = run_tracuu("export", "--format", "parquet", "--data", str(data))
    assert r.returncode == 2 and "--out" in r.stderr.decode()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x.txt").write_text("x")
    r = run_tracuu("export", "--format", "parquet", "--out", str(busy), "--data", str(data))
    assert r.returncode == 2 and "không trống" in r.stderr.decode()
    r = run_tracuu("export", "--format", "jsonl", "--out", str(tmp_path / "list.jsonl"), "--data", str(data))
    assert r.returncode == 0
    first = json.loads((tmp_path / "list.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert set(first) == {"url", "title", "published", "site", "category", "hash", "crawl_date", "id"}
