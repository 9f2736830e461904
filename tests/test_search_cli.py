"""``tracuu search`` end to end (subprocess) over an index built by ``tracuu ingest`` from copies of
bundled sample pages; plus the writer lock as the ingest command reports it. (The ingest command's
own sources, summary and reports are tested with it.)"""

from __future__ import annotations

import json
import shutil

import pytest

from index.writer import IndexWriterSink
from tests.conftest import REPO, run_tracuu

SAMPLES = REPO / "tracuu" / "samples"
HOST = "mt.gov.vn"
FIRST = "https://mt.gov.vn/vn/tin-tuc/57/80967/cap-giay-phep-lai-xe-quoc-te-truc-tuyen-tren-cong-dich-vu-cong-quoc.aspx"


def out(p) -> str:
    return p.stdout.decode("utf-8")


def err(p) -> str:
    return p.stderr.decode("utf-8")


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    """A mirror folder: mt.gov.vn pages only (no images/attachments), so nothing is skipped."""
    src = SAMPLES / HOST
    if not src.exists():
        pytest.skip("bundled samples missing")
    root = tmp_path_factory.mktemp("mirror")
    for f in src.rglob("*.aspx"):
        dest = root / HOST / f.relative_to(src)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dest)
    return root


@pytest.fixture(scope="module")
def data(mirror, tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    p = run_tracuu("ingest", str(mirror), "--data", str(d))
    assert p.returncode == 0, err(p)
    assert "(indexed): 6" in out(p)
    return d


def test_env_data_dir_and_base_url(tmp_path, mirror):
    page = next(p for p in (mirror / HOST).rglob("*.aspx") if "/80967/" in p.as_posix())
    p = run_tracuu("ingest", str(page), "--base-url", "https://example.gov.vn/", env={"TRACUU_DATA": str(tmp_path)})
    assert p.returncode == 0, err(p)
    s = run_tracuu("search", "giấy phép lái xe quốc tế", "--json", env={"TRACUU_DATA": str(tmp_path)})
    hit = json.loads(out(s))["hits"][0]
    assert hit["url"] == f"https://example.gov.vn/{page.name}"


def test_second_writer_is_refused_clearly(tmp_path, mirror):
    d = tmp_path / "d"
    with IndexWriterSink(d):
        p = run_tracuu("ingest", str(mirror), "--data", str(d))
    assert p.returncode == 1
    assert "đang được một tiến trình khác ghi" in err(p)
    assert "Traceback" not in err(p)


def test_search_json_contract(data):
    p = run_tracuu("search", "giay phep lai xe quoc te", "--data", str(data), "--json", "--limit", "3")
    assert p.returncode == 0, err(p)
    res = json.loads(out(p))
    assert set(res) >= {"query", "total", "took_ms", "hits", "facets", "suggestion"}
    assert res["query"] == "giay phep lai xe quoc te"
    assert res["hits"][0]["url"] == FIRST
    assert set(res["hits"][0]) >= {"url", "title", "published", "site", "category", "score", "snippet"}
    assert "<mark>" in res["hits"][0]["snippet"]
    assert res["facets"]["site"] == [["mt.gov.vn", res["total"]]]
    assert len(res["hits"]) <= 3


def test_search_filters_and_sort(data):
    p = run_tracuu("search", "--data", str(data), "--json", "--sort", "oldest", "--from", "2019", "--to", "2022")
    res = json.loads(out(p))
    years = [h["published"][:4] for h in res["hits"]]
    assert years == sorted(years) and all("2019" <= y <= "2022" for y in years) and years
    p = run_tracuu("search", "--data", str(data), "--json", "--site", "nowhere.vn")
    assert json.loads(out(p))["total"] == 0


def test_search_human_output(data):
    p = run_tracuu("search", "giấy phép", "--data", str(data), "--limit", "2")
    assert p.returncode == 0
    text = out(p)
    assert "kết quả" in text and "1. " in text and "<mark>" not in text


def test_batch_one_json_line_per_query_in_order(tmp_path, data):
    queries = ["giấy phép lái xe", "*", "dich vu cong truc tuyen", ""]
    batch = tmp_path / "q.txt"
    batch.write_text("\n".join(queries) + "\n", encoding="utf-8")
    p = run_tracuu("search", "--batch", str(batch), "--json", "--data", str(data))
    lines = out(p).splitlines()
    assert len(lines) == len(queries)
    objs = [json.loads(line) for line in lines]
    assert [o["query"] for o in objs] == queries
    assert "error" in objs[1] and "Dấu *" in objs[1]["error"]
    assert objs[0]["total"] >= 1 and objs[3]["total"] == 6
    assert p.returncode == 1  # one query failed


def test_usage_and_data_errors(tmp_path, data):
    p = run_tracuu("search", "x", "--data", str(tmp_path / "none"))
    assert p.returncode == 1 and "Chưa có chỉ mục" in err(p)
    p = run_tracuu("search", "x", "--from", "tháng mười", "--data", str(data))
    assert p.returncode == 1 and "Không hiểu ngày" in err(p) and "Traceback" not in err(p)
    p = run_tracuu("search", "--batch", "q.txt", "--data", str(data))
    assert p.returncode == 2
