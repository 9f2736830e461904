"""Per-site extraction quality (issue 9 item 6): ``search/sitestats.py``, ``tracuu stats``, ``/stats``
and ``/api/v1/stats``, on a healthy generated site and one whose template was broken on purpose
(the publication date removed from half its articles)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.sitestats import compute
from tests.conftest import make_portal, run_tracuu


def _doc(i: int, site: str = "a.gov.vn", **kw) -> dict:
    d = {"url": f"https://{site}/tin/{i}.html", "site": site, "kind": "article", "title": f"Bài số {i}",
         "published": f"2020-03-{1 + i % 28:02d}T08:{i % 60:02d}:00+07:00", "category": ["Tin tức"],
         "body": f"Nội dung riêng của bài số {i}. " * 10, "related": [{"title": "x", "url": "u"}],
         "latest": [], "attachments": []}
    d.update(kw)
    return d


def test_healthy_site_has_figures_and_no_flag():
    docs = [_doc(i) for i in range(40)] + [_doc(100 + i, kind="listing", body="") for i in range(3)]
    (q,) = compute(docs)
    assert (q.site, q.documents, q.articles, q.listings, q.other) == ("a.gov.vn", 43, 40, 3, 0)
    assert q.with_time == q.with_time_of_day == q.with_category == q.with_related == 1.0
    assert q.with_latest == q.with_attachments == 0.0
    assert q.duplicate_titles == q.duplicate_bodies == 0.0 and q.empty_bodies == 0
    assert q.median_body_chars > 200
    assert q.flags == []


def test_each_flag_with_a_sentence_and_a_page_to_explain():
    no_time = [_doc(i, published=None if i % 2 else _doc(i)["published"]) for i in range(20)]
    same_day = [_doc(i, site="b.gov.vn", published="2021-01-05T00:00:00+07:00" if i < 8 else _doc(i)["published"])
                for i in range(20)]
    dup = [_doc(i, site="c.gov.vn", body="Khung trang lặp lại." if i < 5 else _doc(i)["body"]) for i in range(20)]
    empty = [_doc(i, site="d.gov.vn", body="" if i < 4 else _doc(i)["body"]) for i in range(20)]
    by_site = {q.site: q for q in compute(no_time + same_day + dup + empty)}
    codes = {site: [f.code for f in q.flags] for site, q in by_site.items()}
    assert codes == {"a.gov.vn": ["no_time"], "b.gov.vn": ["same_day"], "c.gov.vn": ["dup_body"],
                     "d.gov.vn": ["empty_body"]}
    f = by_site["a.gov.vn"].flags[0]
    assert f.share == 0.5 and f.sample_url == "https://a.gov.vn/tin/1.html"
    assert "50 % bài viết" in f.message and "tracuu parse --explain https://a.gov.vn/tin/1.html" in f.message
    assert "05/01/2021" in by_site["b.gov.vn"].flags[0].message
    assert by_site["b.gov.vn"].with_time_of_day == 0.6
    assert by_site["c.gov.vn"].duplicate_bodies == 0.25
    # a few articles are not judged: 4 undated articles of 4 are no evidence of a broken template
    assert compute([_doc(i, published=None) for i in range(4)])[0].flags == []


def _break_dates(site: Path, truth: list[dict]) -> list[str]:
    """Remove the publication date from every second article of ``site`` (as a broken template would)."""
    import random

    from tests.mutations import Page, _clear_dates
    from tests.portal_scoring import decode_page

    broken = []
    arts = [r for r in truth if r["kind"] == "article" and (site.parent / r["host"]) == site]
    for r in arts[::2]:
        path = site.parent.parent / r["file"]
        page = Page(decode_page(path.read_bytes()), r, random.Random(0))
        assert _clear_dates(page), r["file"]
        path.write_text(page.html(), encoding="utf-8")
        broken.append(r["url"])
    return broken


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory) -> tuple[Path, str, str, list[str]]:
    tmp = tmp_path_factory.mktemp("sitestats")
    out = make_portal(tmp / "portal", 40, "stats", families="aspnet_vi,sharepoint_ministry")
    truth = [json.loads(line) for line in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    hosts = {r["family"]: r["host"] for r in truth}
    broken_host, healthy_host = hosts["aspnet_vi"], hosts["sharepoint_ministry"]
    broken = _break_dates(out / "sites" / broken_host, truth)
    data = tmp / "data"
    proc = run_tracuu("ingest", str(out / "sites"), "--data", str(data), "--jobs", "1", timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    return data, broken_host, healthy_host, broken


def test_cli_flags_the_broken_site_only(two_sites):
    data, broken_host, healthy_host, broken = two_sites
    proc = run_tracuu("stats", "--data", str(data), "--json")
    assert proc.returncode == 0, proc.stderr
    sites = {s["site"]: s for s in json.loads(proc.stdout)["sites"]}
    bad, good = sites[broken_host], sites[healthy_host]
    assert [f["code"] for f in bad["flags"]] == ["no_time"]
    assert bad["flags"][0]["sample_url"] in broken
    assert 0.4 <= 1 - bad["with_time"] <= 0.6
    assert good["flags"] == [] and good["with_time"] == 1.0 and good["articles"] > 10
    assert good["with_category"] == 1.0 and good["listings"] > 0

    text = run_tracuu("stats", "--data", str(data))
    out = text.stdout.decode("utf-8")
    assert text.returncode == 0 and broken_host in out and healthy_host in out
    assert "không có thời điểm đăng" in out and "tracuu parse --explain https://" in out

    one = run_tracuu("stats", "--data", str(data), "--site", healthy_host, "--json")
    assert [s["site"] for s in json.loads(one.stdout)["sites"]] == [healthy_host]
    missing = run_tracuu("stats", "--data", str(data), "--site", "khong-co.gov.vn")
    assert missing.returncode == 1 and "khong-co.gov.vn" in missing.stderr.decode("utf-8")
    empty = run_tracuu("stats", "--data", str(data.parent / "nothing"))
    assert empty.returncode == 1 and "tracuu ingest" in empty.stderr.decode("utf-8")


def test_web_page_and_json_twin(two_sites):
    from web import create_app

    data, broken_host, healthy_host, _ = two_sites
    client = create_app({"DATA": str(data), "TESTING": True}).test_client()
    api = client.get("/api/v1/stats").get_json()
    sites = {s["site"]: s for s in api["sites"]}
    assert api["documents"] == sum(s["documents"] for s in api["sites"])
    assert [f["code"] for f in sites[broken_host]["flags"]] == ["no_time"] and sites[healthy_host]["flags"] == []
    page = client.get("/stats")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "/api/v1/stats" in page.headers["Link"]
    assert f'data-site="{broken_host}" data-flag="no_time"' in html
    assert f'data-site="{healthy_host}"' not in html and healthy_host in html
    assert client.get("/stats?x=1").status_code == 400
