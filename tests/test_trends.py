"""Trends over a real index of generated pages: counts equal the search's own totals for the same
period filter, the normalised values, the SVG (one path per term), table, CSV and JSON agree, the
CLI prints the same numbers, and bad input gets clear messages."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from ingest.document import VN_TZ, Document, Source
from search import trends
from search.model import SearchRequest
from search.searcher import Searcher
from tests.conftest import run_tracuu
from tests.webcorpus import build_index, make_docs
from web import create_app

TERMS = ["cải cách hành chính", "chuyen doi so", '"thủ tục hành chính"', "tuyển dụng OR thiên tai"]


def boundary_docs() -> list[Document]:
    """Pages published around month ends in Vietnam time (some are the previous day in UTC)."""
    out = []
    stamps = [(2019, 3, 31, 23, 30), (2019, 4, 1, 0, 30), (2019, 4, 1, 6, 59), (2019, 4, 1, 7, 0),
              (2019, 4, 9, 12, 0), (2019, 3, 22, 12, 0), (2019, 4, 30, 23, 59), (2019, 5, 1, 0, 0)]
    for i, (y, mo, d, h, mi) in enumerate(stamps):
        url = f"https://ranhgioi.gov.vn/bai-{i}.html"
        out.append(Document(url=url, site="ubnd.camau.gov.vn", kind="article", title=f"Ranh giới tháng {i}",
                            published=datetime(y, mo, d, h, mi, tzinfo=VN_TZ),
                            body="Tuyển dụng công chức và cải cách hành chính.",
                            source=Source(path=f"rg/{i}.html", bytes=1, sha256=f"{i:064d}")))
    return out


@pytest.fixture(scope="module")
def tdata(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("trends"), make_docs(240) + boundary_docs())


@pytest.fixture(scope="module")
def searcher(tdata):
    with Searcher(tdata) as s:
        yield s


@pytest.fixture(scope="module")
def client(tdata):
    return create_app({"DATA": str(tdata), "TESTING": True}).test_client()


def test_year_counts_equal_search_totals(searcher):
    t = trends.trends(searcher, trends.TrendsRequest(tuple(TERMS), by="year"))
    assert t.periods == [str(y) for y in range(2016, 2025)]
    for i, period in enumerate(t.periods):
        base = searcher.search(SearchRequest(q="", year=[int(period)], per_page=1)).total
        assert t.base[i] == base
        for s in t.series:
            total = searcher.search(SearchRequest(q=s.term, year=[int(period)], per_page=1)).total
            assert s.counts[i] == total, (s.term, period)
            assert s.per_1000[i] == pytest.approx(round(1000 * total / base, 3))
    for s in t.series:
        assert s.total == searcher.search(SearchRequest(q=s.term, per_page=1)).total


def test_month_counts_equal_search_totals_with_the_month_filter(searcher):
    t = trends.trends(searcher, trends.TrendsRequest(("cải cách hành chính", "tuyen dung"), by="month",
                                                     filters=SearchRequest(site=["ubnd.camau.gov.vn"])))
    assert t.periods[0] <= t.periods[-1] and len(t.periods) > 12
    nonzero = 0
    for i, period in enumerate(t.periods):
        f = trends.period_filter(period)
        base = searcher.search(SearchRequest(q="", site=["ubnd.camau.gov.vn"], date_from=f["from"],
                                             date_to=f["to"], per_page=1)).total
        assert t.base[i] == base, period
        for s in t.series:
            total = searcher.search(SearchRequest(q=s.term, site=["ubnd.camau.gov.vn"], date_from=f["from"],
                                                  date_to=f["to"], per_page=1)).total
            assert s.counts[i] == total, (s.term, period)
            nonzero += bool(total)
            assert s.per_1000[i] == (None if base == 0 else pytest.approx(round(1000 * total / base, 3)))
    assert nonzero > 5


def _svg_and_table(html: str):
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one("svg#trends-chart"), soup.select_one("table#trends-table")


def test_chart_table_csv_and_json_agree(client):
    qs = "&".join("q=" + t.replace(" ", "+").replace('"', "%22") for t in TERMS)
    data = client.get("/api/v1/trends?" + qs).get_json()
    html = client.get("/trends?" + qs).get_data(as_text=True)
    svg, table = _svg_and_table(html)
    assert svg is not None and svg.get("role") == "img" and svg.get("aria-labelledby")
    assert len(svg.select("path.trend-line")) == len(TERMS)
    # every point links to the search for its term and period
    first_series = svg.select("g.series")[0]
    hrefs = [a.get("href") for a in first_series.select("a.trend-point")]
    assert hrefs == [u for u, r in zip(data["series"][0]["search_urls"], data["series"][0]["per_1000"], strict=True)
                     if r is not None]
    body_rows = table.select("tbody tr")
    assert [r.th.get_text() for r in body_rows] == data["periods"]
    for i, row in enumerate(body_rows):
        cells = [td.get_text() for td in row.select("td")]
        assert int(cells[0]) == data["documents_in_period"][i]
        for k, s in enumerate(data["series"]):
            assert int(cells[1 + 2 * k]) == s["counts"][i]
            rel = s["per_1000"][i]
            assert cells[2 + 2 * k] == ("–" if rel is None else str(rel))
    rows = list(csv.DictReader(io.StringIO(client.get("/trends.csv?" + qs).get_data(as_text=True))))
    assert len(rows) == len(TERMS) * len(data["periods"])
    for row in rows:
        s = next(x for x in data["series"] if x["term"] == row["term"])
        i = data["periods"].index(row["period"])
        assert int(row["count"]) == s["counts"][i]
        assert int(row["documents_in_period"]) == data["documents_in_period"][i]
        assert (float(row["per_1000"]) if row["per_1000"] else None) == s["per_1000"][i]
        assert row["search_url"] == s["search_urls"][i]


def test_point_links_open_the_matching_search(client):
    data = client.get("/api/v1/trends?q=c%E1%BA%A3i+c%C3%A1ch&by=month").get_json()
    s = data["series"][0]
    checked = 0
    for url, count in zip(s["search_urls"], s["counts"], strict=True):
        if count:
            api = client.get(url.replace("/?", "/api/v1/search?", 1)).get_json()
            assert api["total"] == count
            checked += 1
            if checked > 6:
                break
    assert checked


def test_cli_prints_the_same_numbers(client, tdata):
    data = client.get("/api/v1/trends?q=c%E1%BA%A3i+c%C3%A1ch&q=tuyen+dung&by=month").get_json()
    r = run_tracuu("trends", "cải cách", "tuyen dung", "--by", "month", "--format", "json", "--data", str(tdata))
    assert r.returncode == 0, r.stderr
    cli = json.loads(r.stdout)
    assert cli["periods"] == data["periods"]
    assert [s["counts"] for s in cli["series"]] == [s["counts"] for s in data["series"]]
    assert [s["per_1000"] for s in cli["series"]] == [s["per_1000"] for s in data["series"]]
    r = run_tracuu("trends", "cải cách", "--format", "csv", "--data", str(tdata))
    assert r.returncode == 0 and r.stdout.decode().startswith("term,period,count")
    r = run_tracuu("trends", "cải cách", "--data", str(tdata))
    assert r.returncode == 0 and "2016" in r.stdout.decode()


@pytest.mark.parametrize("qs,param", [
    ("", "q"), ("q=", "q"), ("q=a&q=b&q=c&q=d&q=e&q=f", "q"), ("q=a&by=week", "by"),
    ("q=a&measure=x", "measure"), ("q=a&year=20x0", "year"), ("q=a&bogus=1", "bogus")])
def test_bad_input_is_problem_json(client, qs, param):
    r = client.get("/api/v1/trends?" + qs)
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert param in [e["param"] for e in r.get_json()["errors"]]


def test_a_year_without_documents_says_so(client, tdata):
    r = client.get("/api/v1/trends?q=c%E1%BA%A3i+c%C3%A1ch&year=1999")
    assert r.status_code == 200
    data = r.get_json()
    assert data["periods"] == [] and data["notes"] and "bộ lọc" in data["notes"][0]
    html = client.get("/trends?q=c%E1%BA%A3i+c%C3%A1ch&year=1999")
    assert html.status_code == 200 and "Không có văn bản" in html.get_data(as_text=True)
    r = run_tracuu("trends", "cải cách", "a", "b", "c", "d", "e", "--data", str(tdata))
    assert r.returncode == 2 and "Tối đa 5" in r.stderr.decode()


def test_search_page_timeline_narrows_to_a_year(client):
    html = client.get("/?q=c%E1%BA%A3i+c%C3%A1ch").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    bars = soup.select("nav.timeline a.timeline-bar")
    assert len(bars) == 9
    bar = bars[3]
    assert "year=2019" in bar["href"]
    narrowed = client.get("/api/v1/search" + bar["href"]).get_json()
    assert narrowed["total"] == int(bar.select_one("title").get_text().split(": ")[1].split()[0])
    assert all(h["published"].startswith("2019") for h in narrowed["hits"])
