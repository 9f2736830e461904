"""Concordance, trends, did-you-mean and ``site:`` inside OR on a real 2-shard searchd cluster
give what the Whoosh backend gives for the same pages (search/sphinx_research.py): the same
concordance lines and counts, the same counts per year and per month (Vietnam-time month
boundaries included), the same suggestions, the same pages for facet words under OR; and the web
API and the CLI answer through ``--backend`` as through the data directory."""

from __future__ import annotations

import dataclasses
import json

import pytest

from search import kwic, trends
from search.model import SearchRequest
from search.searcher import Searcher
from tests.conftest import run_tracuu
from tests.test_kwic import kwic_docs
from tests.test_trends import TERMS, boundary_docs
from tests.webcorpus import build_index, make_docs
from web import create_app


def corpus():
    return make_docs(240) + boundary_docs() + kwic_docs()


@pytest.fixture(scope="module")
def both(sphinx_cluster, tmp_path_factory):
    from search.sphinx_writer import SphinxWriterSink
    from search.sphinxql import SphinxQLBackend

    sphinx_cluster.clear()
    with SphinxWriterSink(sphinx_cluster.spec) as sink:
        for doc in corpus():
            sink.add(doc)
    data = build_index(tmp_path_factory.mktemp("research") / "data", corpus())
    whoosh, sphinx = Searcher(data), SphinxQLBackend(sphinx_cluster.spec)
    yield whoosh, sphinx, data, sphinx_cluster.spec
    whoosh.close()
    sphinx.close()


def _lines(conc: kwic.Concordance) -> list[tuple]:
    return sorted((ln.doc_id, ln.field, ln.offset, ln.left, ln.match, ln.right) for ln in conc.lines)


KWIC = [
    kwic.KwicRequest(SearchRequest(q="hòa bình")),
    kwic.KwicRequest(SearchRequest(q="hoa binh"), context=3),
    kwic.KwicRequest(SearchRequest(q="Hòa Bình"), exact_accents=True),
    kwic.KwicRequest(SearchRequest(q='"cải cách hành chính"', year=[2019, 2020])),
    kwic.KwicRequest(SearchRequest(q="tuyển*", site=["ubnd.camau.gov.vn"])),
    kwic.KwicRequest(SearchRequest(q="chuyen doi so -thiên"), sort="left"),
]


@pytest.mark.parametrize("kreq", KWIC, ids=lambda k: k.search.q)
def test_concordance_is_the_same_on_both_backends(both, kreq):
    whoosh, sphinx, _data, _spec = both
    want, got = kwic.concordance(whoosh, kreq), kwic.concordance(sphinx, kreq)
    assert want.lines and _lines(got) == _lines(want)
    assert (got.documents, got.documents_with_lines, got.spellings) == (
        want.documents, want.documents_with_lines, want.spellings)
    if kreq.sort == "date":  # chronological on both (ties may differ in order: compare dates)
        assert [ln.published for ln in got.lines] == [ln.published for ln in want.lines]


def test_concordance_cache_follows_writes(both, sphinx_cluster):
    from ingest.document import Document
    from search.sphinx_writer import SphinxWriterSink

    _whoosh, sphinx, _data, spec = both
    kreq = kwic.KwicRequest(SearchRequest(q="sóc nâu"))
    assert kwic.concordance(sphinx, kreq).lines == []
    doc = Document(url="https://kwic.gov.vn/soc-nau.html", site="kwic.gov.vn", kind="article",
                   title="Loài sóc nâu", body="Rừng có nhiều sóc nâu sinh sống.")
    with SphinxWriterSink(spec) as sink:
        sink.add(doc)
    try:
        assert len(kwic.concordance(sphinx, kreq).lines) == 2
    finally:
        with SphinxWriterSink(spec) as sink:
            sink.delete(doc.id)


@pytest.mark.parametrize("by", ["year", "month"])
@pytest.mark.parametrize("filters", [SearchRequest(), SearchRequest(site=["ubnd.camau.gov.vn"]),
                                     SearchRequest(date_from="01/2019", date_to="06/2019")])
def test_trends_are_the_same_on_both_backends(both, by, filters):
    whoosh, sphinx, _data, _spec = both
    treq = trends.TrendsRequest(tuple(TERMS), filters, by=by)
    want, got = trends.trends(whoosh, treq), trends.trends(sphinx, treq)
    assert want.periods and got.periods == want.periods and got.base == want.base
    assert [dataclasses.astuple(s) for s in got.series] == [dataclasses.astuple(s) for s in want.series]
    assert got.notes == want.notes


@pytest.mark.parametrize("q", ["hoa binh", "cai cach hanh chinh", "tuyen dung cong chuc", "chuyen doi so",
                               "thien tai", "ranh gioi thang", "hòa binh"])
def test_did_you_mean_is_the_same_on_both_backends(both, q):
    whoosh, sphinx, _data, _spec = both
    want = whoosh.search(SearchRequest(q=q)).suggestion
    assert sphinx.search(SearchRequest(q=q)).suggestion == want


def test_did_you_mean_is_offered_on_the_cluster(both):
    _whoosh, sphinx, _data, _spec = both
    assert sphinx.search(SearchRequest(q="cai cach hanh chinh")).suggestion == "cải cách hành chính"


@pytest.mark.parametrize("q", ["site:ubnd.camau.gov.vn OR hòa bình", "(site:ubnd.camau.gov.vn thiên tai) OR chuyển đổi số",
                               "site:kwic.gov.vn OR site:ubnd.camau.gov.vn", "tuyển dụng -(site:ubnd.camau.gov.vn OR hòa bình)",
                               "site:gov.vn OR thiên tai"])
def test_site_inside_or_finds_the_same_pages(both, q):
    whoosh, sphinx, _data, _spec = both

    def ids(s) -> set[str]:
        return {h.id for h in s.iter_results(SearchRequest(q=q, sort="newest"))}

    want = ids(whoosh)
    assert want and ids(sphinx) == want
    assert sphinx.search(SearchRequest(q=q)).total == len(want)


def test_web_api_kwic_and_trends_through_the_cluster(both):
    _whoosh, _sphinx, data, spec = both
    answers = []
    for backend in (None, spec):
        client = create_app({"DATA": str(data), "TESTING": True, "BACKEND": backend}).test_client()
        k = client.get("/api/v1/kwic?q=h%C3%B2a+b%C3%ACnh&per_page=500")
        t = client.get("/api/v1/trends?" + "&".join(f"q={t}" for t in TERMS[:2]) + "&by=month")
        page = client.get("/trends?q=thi%C3%AAn+tai")
        assert k.status_code == t.status_code == page.status_code == 200, (k.data[:300], t.data[:300])
        kj, tj = k.get_json(), t.get_json()
        answers.append((sorted(json.dumps(ln, sort_keys=True) for ln in kj["lines"]), kj["documents"],
                        tj["periods"], tj["series"]))
    assert answers[0] == answers[1]


def test_cli_kwic_and_trends_take_the_backend(both):
    _whoosh, _sphinx, data, spec = both
    outs = []
    for extra in ([], ["--backend", spec]):
        k = run_tracuu("kwic", "hòa bình", "--format", "jsonl", "--data", str(data), *extra)
        t = run_tracuu("trends", "thiên tai", "chuyển đổi số", "--format", "json", "--data", str(data), *extra)
        assert k.returncode == t.returncode == 0, (k.stderr, t.stderr)
        outs.append((sorted(k.stdout.decode().splitlines()), json.loads(t.stdout)))
    assert outs[0][0] and outs[0] == outs[1]
