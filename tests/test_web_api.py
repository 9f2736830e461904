"""The web app over a real 1,000-document index: page ↔ API agreement, problems, export, feed.

The index is built once per session from generated Documents through the real IndexWriterSink and
searched by the real Searcher, so these tests fail if any layer disagrees with another.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.webcorpus import SITES, build_index, make_docs
from web import create_app

N_DOCS = 1000


RECORD_ID = "<urn:uuid:0f6a1d2e-0000-4000-8000-000000000001>"


@pytest.fixture(scope="session")
def data_1000(tmp_path_factory):
    from index.catalog import Capture, Catalog

    docs = make_docs(N_DOCS)
    data = build_index(tmp_path_factory.mktemp("web1000"), docs)
    with Catalog(data / "catalog.sqlite") as cat:  # provenance for the first document only
        first = docs[0]
        cid = cat.add(Capture(url=first.url, sha256=first.source.sha256, doc_id=first.id,
                              crawl_date="2024-05-01T10:00:00+07:00", imported="2026-11-28T11:00:00+07:00",
                              status_code=200, record_type="response", record_id=RECORD_ID,
                              source_file_path="crawl-1.warc.gz", source_file_offset=1234, store="warc",
                              store_key="archive/tracuu-1.warc.gz", store_offset=99, hash="sha1:ABCDEF",
                              outcome="indexed"))
        cat.add_date(cid, "2024-06-01T10:00:00+07:00", "crawl-2.warc.gz", 77)
        cat.commit()
    return data


@pytest.fixture(scope="session")
def web_cluster(tmp_path_factory):
    """A 2-shard searchd cluster holding the same 1,000 documents (its own, so the search tests'
    session cluster can be cleared and reloaded independently)."""
    from search.sphinx_writer import SphinxWriterSink
    from tests.sphinx_cluster import Cluster

    cluster = Cluster(tmp_path_factory.mktemp("websphinx"), shards=2)
    with SphinxWriterSink(cluster.spec) as sink:
        for doc in make_docs(N_DOCS):
            sink.add(doc)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session", params=["whoosh", "sphinxql"])
def app(request, data_1000):
    """The app over the embedded index, and over the cluster (same documents): one suite."""
    backend = request.getfixturevalue("web_cluster").spec if request.param == "sphinxql" else None
    return create_app({"DATA": str(data_1000), "TESTING": True, "BACKEND": backend})


@pytest.fixture
def client(app):
    return app.test_client()


def page_ids(html: str) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    return [re.search(r"/doc/([0-9a-f]{16})", a["href"]).group(1)
            for a in soup.select("#results .result-title a")]


def page_total(html: str) -> int:
    text = BeautifulSoup(html, "lxml").select_one("#count").get_text(" ", strip=True)
    m = re.search(r"([\d.]+)", text)
    return int(m.group(1).replace(".", "")) if m else 0


QUERIES = [
    "q=cai+cach+hanh+chinh",
    "q=c%E1%BA%A3i+c%C3%A1ch+h%C3%A0nh+ch%C3%ADnh",  # cải cách hành chính
    "q=cong+tac&site=" + SITES[1],
    "q=cong+tac&category=V%C4%83n+b%E1%BA%A3n%2FQuy%E1%BA%BFt+%C4%91%E1%BB%8Bnh",
    "q=cong+tac&year=2018&year=2020",
    "q=tuyen+dung&from=2018&to=06%2F2021",
    "q=chuyen+doi+so&sort=newest",
    "q=chuyen+doi+so&sort=oldest&page=2",
    "q=cong+tac&per_page=25&page=3",
    "",
    "sort=oldest&site=" + SITES[0],
    "q=%22thi%C3%AAn+tai%22",
]


@pytest.mark.parametrize("qs", QUERIES)
def test_page_and_api_give_the_same_results(client, qs):
    page = client.get("/?" + qs)
    api = client.get("/api/v1/search?" + qs)
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    assert api.status_code == 200, api.get_data(as_text=True)[:500]
    body = api.get_json()
    html = page.get_data(as_text=True)
    assert page_ids(html) == [h["id"] for h in body["hits"]]
    assert page_total(html) == body["total"]
    assert body["hits"], f"expected hits for {qs!r}"
    # Facet counts on the page are the API's facet counts.
    soup = BeautifulSoup(html, "lxml")
    for name, values in body["facets"].items():
        shown = {li.select_one("a")["data-value"]:
                 int(li.select_one(".count").contents[0].replace(".", ""))
                 for li in soup.select(f"section[aria-labelledby=facet-{name}] li")}
        assert shown == {str(v): c for v, c in values}


def test_filters_really_filter(client):
    body = client.get(f"/api/v1/search?q=cong+tac&site={SITES[2]}&year=2019&per_page=100").get_json()
    assert body["total"] > 0
    assert all(h["site"] == SITES[2] and h["published"].startswith("2019") for h in body["hits"])
    newest = client.get("/api/v1/search?q=cong+tac&sort=newest&per_page=50").get_json()["hits"]
    dates = [h["published"] for h in newest]
    assert dates == sorted(dates, reverse=True)


def test_accentless_query_highlights_accented_words(client):
    html = client.get("/?q=cai+cach+hanh+chinh").get_data(as_text=True)
    marks = [m.get_text() for m in BeautifulSoup(html, "lxml").select("#results mark")]
    assert marks and any(m in ("cải", "cách", "hành", "chính", "cải cách hành chính") for m in marks)


BAD = [
    ("nope=1", "nope"),
    ("per_page=1000", "per_page"),
    ("page=abc", "page"),
    ("q=" + "a" * 300, "q"),
    ("from=32%2F13%2F2020", "from"),
    ("from=2021&to=2019", "to"),
    ("sort=best", "sort"),
    ("year=20x", "year"),
    ("q=a&q=b", "q"),
    ("page=5000", "page"),
]


@pytest.mark.parametrize("qs,param", BAD)
def test_bad_parameters_are_problem_details(client, qs, param):
    resp = client.get("/api/v1/search?" + qs)
    assert resp.status_code == 400
    assert resp.mimetype == "application/problem+json"
    body = json.loads(resp.get_data(as_text=True))
    assert body["status"] == 400 and body["title"] and body["detail"]
    assert param in [e["param"] for e in body["errors"]]
    # The HTML page refuses the same URL with a readable message naming the parameter.
    page = client.get("/?" + qs)
    assert page.status_code == 400
    assert param in page.get_data(as_text=True)
    # And so does the export.
    assert client.get("/export.csv?" + qs).status_code == 400


def test_problem_details_for_missing_things(client):
    for url in ("/api/v1/doc/0123456789abcdef", "/api/v1/nothing-here", "/api/v1/doc/xyz"):
        resp = client.get(url)
        assert resp.status_code == 404, url
        assert resp.mimetype == "application/problem+json"
    assert client.get("/api/v1/stats?x=1").status_code == 400
    assert client.get("/api/v1/suggest?q=a&limit=500").status_code == 400
    assert client.get("/doc/0123456789abcdef").status_code == 404


def _csv_rows(resp) -> list[list[str]]:
    text = resp.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_export_returns_every_result_of_a_1000_hit_search(client):
    total = client.get("/api/v1/search?q=cong+tac&per_page=1").get_json()["total"]
    assert total == N_DOCS
    resp = client.get("/export.csv?q=cong+tac")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.headers["X-Export-Truncated"] == "false"
    assert "attachment" in resp.headers["Content-Disposition"]
    rows = _csv_rows(resp)
    assert rows[0][:3] == ["rank", "id", "title"]
    ids = [r[1] for r in rows[1:]]
    assert len(ids) == N_DOCS == len(set(ids))
    lines = client.get("/export.jsonl?q=cong+tac").get_data(as_text=True).splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids


def test_export_matches_the_filtered_search(client):
    qs = f"q=cong+tac&site={SITES[3]}&from=2018&to=2020&sort=oldest"
    paged = []
    page = 1
    while True:
        body = client.get(f"/api/v1/search?{qs}&per_page=100&page={page}").get_json()
        paged += [h["id"] for h in body["hits"]]
        if "next" not in body["links"]:
            break
        page += 1
    assert len(paged) == body["total"] > 0
    rows = _csv_rows(client.get("/export.csv?" + qs))
    assert [r[1] for r in rows[1:]] == paged


def test_export_cap_is_announced(data_1000):
    capped = create_app({"DATA": str(data_1000), "EXPORT_MAX_ROWS": 100}).test_client()
    resp = capped.get("/export.csv?q=cong+tac")
    assert resp.headers["X-Export-Truncated"] == "true"
    assert resp.headers["X-Total-Count"] == str(N_DOCS)
    rows = _csv_rows(resp)
    assert len(rows) == 1 + 100 + 1 and rows[-1][0].startswith("# Đã cắt")
    lines = capped.get("/export.jsonl?q=cong+tac").get_data(as_text=True).splitlines()
    assert len(lines) == 101 and json.loads(lines[-1])["truncated"] is True
    assert "sẽ bị cắt" in capped.get("/?q=cong+tac").get_data(as_text=True)


def test_atom_feed_is_newest_first(client):
    resp = client.get("/feed.atom?q=tuyen+dung")
    assert resp.status_code == 200 and resp.mimetype == "application/atom+xml"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(resp.get_data())
    entries = root.findall("a:entry", ns)
    assert entries
    published = [e.findtext("a:published", namespaces=ns) for e in entries]
    assert published == sorted(published, reverse=True)
    link = entries[0].find("a:link[@rel='alternate']", ns).get("href")
    assert client.get(urlsplit(link).path).status_code == 200


def test_document_page_and_api(client):
    hit = client.get("/api/v1/search?q=cai+cach+hanh+chinh&per_page=1").get_json()["hits"][0]
    doc = client.get(f"/api/v1/doc/{hit['id']}").get_json()
    assert doc["title"] == hit["title"] and doc["source"]["sha256"]
    html = client.get(f"/doc/{hit['id']}?back=q%3Dcai%2Bcach%2Bhanh%2Bchinh%26year%3D2018").get_data(as_text=True)
    soup = BeautifulSoup(html, "lxml")
    assert soup.h1.get_text() == doc["title"]
    back = soup.select_one(".back a")["href"]
    assert parse_qs(urlsplit(back).query) == {"q": ["cai cach hanh chinh"], "year": ["2018"]}
    related = soup.select("#related a")
    local = [a["href"] for a in related if a["href"].startswith("/doc/")]
    external = [a["href"] for a in related if a["href"].startswith("https://")]
    assert len(local) == 2 and external, "indexed related pages link locally, others to the original"
    assert all("back=" in href for href in local)
    assert doc["source"]["sha256"] in html
    # A bad back parameter is ignored, not an error.
    assert client.get(f"/doc/{hit['id']}?back=per_page%3D9999").status_code == 200


def test_document_provenance_from_the_catalog(client):
    from tests.webcorpus import make_docs as docs_of

    first = docs_of(1)[0]
    doc = client.get(f"/api/v1/doc/{first.id}").get_json()
    assert doc["captures"][0]["record_id"] == RECORD_ID
    assert len(doc["captures"][0]["crawl_dates"]) == 2
    html = client.get(f"/doc/{first.id}").get_data(as_text=True)
    for text in (RECORD_ID.replace("<", "&lt;").replace(">", "&gt;"), "crawl-1.warc.gz @ 1234",
                 "2024-05-01T10:00:00+07:00", "2024-06-01T10:00:00+07:00", first.source.sha256):
        assert text in html
    other = make_docs(2)[1]
    assert client.get(f"/api/v1/doc/{other.id}").get_json()["captures"] == []


def test_stats_and_suggest(client):
    stats = client.get("/api/v1/stats").get_json()
    assert stats["documents"] == N_DOCS
    sugg = client.get("/api/v1/suggest?q=bao+cao").get_json()
    assert isinstance(sugg["suggestions"], list)


def test_security_headers_and_escaping(client):
    resp = client.get("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    for url in ("/", "/api/v1/search?q=x", "/api/v1/nope", "/export.csv?q=zzz"):
        r = client.get(url)
        assert "default-src 'self'" in r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"]
    assert client.get("/api/v1/stats").headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/").headers


def test_app_requires_a_data_dir(monkeypatch):
    monkeypatch.delenv("TRACUU_DATA", raising=False)
    with pytest.raises(RuntimeError, match="TRACUU_DATA"):
        create_app()


def test_config_from_environment(monkeypatch, data_1000):
    monkeypatch.setenv("TRACUU_DATA", str(data_1000))
    monkeypatch.setenv("TRACUU_MAX_PER_PAGE", "5")
    app = create_app()
    assert app.config["DATA"] == str(data_1000) and not app.debug
    assert app.test_client().get("/api/v1/search?per_page=6").status_code == 400


def test_missing_index_is_a_clear_error(tmp_path):
    c = create_app({"DATA": str(tmp_path)}).test_client()
    resp = c.get("/api/v1/search?q=x")
    assert resp.status_code == 503 and "tracuu ingest" in resp.get_json()["detail"]
    assert c.get("/").status_code == 503


def test_did_you_mean_and_no_results_help(client):
    body = client.get("/api/v1/search?q=tuyen+dung").get_json()
    html = client.get("/?q=tuyen+dung").get_data(as_text=True)
    assert body["suggestion"] == "tuyển dụng"  # the searcher offers the accented form
    link = BeautifulSoup(html, "lxml").select_one(".did-you-mean a")
    assert link.get_text(strip=True) == body["suggestion"]
    assert parse_qs(urlsplit(link["href"]).query)["q"] == [body["suggestion"]]
    empty = client.get("/?q=xyzxyz+qqqq&year=2019").get_data(as_text=True)
    soup = BeautifulSoup(empty, "lxml")
    assert "Không tìm thấy kết quả nào" in soup.select_one("#count").get_text()
    assert soup.select_one(".no-results") is not None
    assert soup.select_one(".no-results a")["href"] == "?q=xyzxyz+qqqq"  # "remove all filters" help


def test_pagination_links_walk_the_whole_result(client):
    seen: list[str] = []
    url = "/?q=chuyen+doi+so&per_page=50"
    while url:
        soup = BeautifulSoup(client.get(url).get_data(as_text=True), "lxml")
        seen += page_ids(str(soup))
        nxt = soup.select_one(".pagination a[rel=next]")
        url = "/" + nxt["href"] if nxt else None
    total = client.get("/api/v1/search?q=chuyen+doi+so").get_json()["total"]
    assert len(seen) == len(set(seen)) == total
