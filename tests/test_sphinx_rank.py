"""SphinxQL re-ranking (search/sphinx_rank.py) on a real 2-shard searchd cluster: the same pages
get the same order and scores as in the Whoosh index (cluster-wide df, field lengths, BM25F,
pair share, contiguity; common syllables of long queries), exports follow that order, and a
write starts a new generation of statistics."""

from __future__ import annotations

import pytest

from index.writer import IndexWriterSink
from ingest.document import Document
from search.model import SearchRequest
from search.searcher import Searcher

# Written for this test: every page holds the common words ("thông tin", "tỉnh"); few hold the
# rare ones ("kiểm lâm", "sâu róm"); some hold a phrase's words scattered, one holds it verbatim.
PAGES = [
    ("a", "Thông tin về rừng phòng hộ", "Tỉnh có thông tin mới. Lực lượng kiểm lâm tuần tra rừng phòng hộ đầu nguồn."),
    ("b", "Thông tin tỉnh tuần này", "Thông tin tỉnh: thông tin thời tiết, thông tin giá lúa, thông tin chợ phiên."),
    ("c", "Phòng trừ sâu róm hại thông", "Sâu róm phá rừng thông của tỉnh; kiểm tra lâm sản định kỳ."),
    ("d", "Hội nghị giao ban tỉnh", "Thông tin hội nghị: tuần tra kiểm soát, lâm nghiệp, rừng và phòng cháy."),
    ("e", "Tin vắn trong tỉnh", "Kiểm lâm phối hợp công an xã tuần tra rừng phòng hộ suốt mùa khô hanh."),
    ("f", "Mùa khô hanh", "Thông tin mùa khô: nguy cơ cháy rừng cao, tỉnh tăng cường tuần tra phòng cháy."),
    ("g", "Giá lúa hôm nay", "Thông tin giá lúa và giá phân bón trong tỉnh, chợ phiên cuối tuần."),
    ("h", "Đường giao thông nông thôn", "Tỉnh làm mới đường giao thông; thông tin về vốn và tiến độ."),
]
QUERIES = ["kiem lam tuan tra rung phong ho", "sâu róm", "thông tin kiểm lâm", "tuần tra rừng", "thông tin | kiểm lâm",
           "kiểm lâm", "giá lúa chợ phiên", "rung phong ho"]


def pages() -> list[Document]:
    return [Document(url=f"https://kiemlam.example.gov.vn/{k}", site="kiemlam.example.gov.vn", kind="article",
                     title=t, body=b) for k, t, b in PAGES]


@pytest.fixture(scope="module")
def both(sphinx_cluster, tmp_path_factory):
    from search.sphinx_writer import SphinxWriterSink
    from search.sphinxql import SphinxQLBackend

    sphinx_cluster.clear()
    with SphinxWriterSink(sphinx_cluster.spec) as sink:
        for doc in pages():
            sink.add(doc)
    data = tmp_path_factory.mktemp("rank") / "data"
    with IndexWriterSink(data) as sink:
        for doc in pages():
            sink.add(doc)
    whoosh, sphinx = Searcher(data), SphinxQLBackend(sphinx_cluster.spec)
    yield whoosh, sphinx, sphinx_cluster
    whoosh.close()
    sphinx.close()


@pytest.mark.parametrize("q", QUERIES)
def test_same_order_and_scores_as_whoosh(both, q):
    whoosh, sphinx, _cluster = both
    want = [(h.id, h.score) for h in whoosh.search(SearchRequest(q=q, facets=False)).hits]
    got = [(h.id, h.score) for h in sphinx.search(SearchRequest(q=q, facets=False)).hits]
    assert want and [i for i, _s in got] == [i for i, _s in want]
    assert [s for _i, s in got] == pytest.approx([s for _i, s in want], rel=1e-6)


def test_export_follows_the_reranked_order(both):
    _whoosh, sphinx, _cluster = both
    req = SearchRequest(q="thông tin kiểm lâm", facets=False)
    assert [h.id for h in sphinx.iter_results(req)] == [h.id for h in sphinx.search(req).hits]


def test_a_write_starts_a_new_generation_of_statistics(both):
    from search.sphinx_writer import SphinxWriterSink

    _whoosh, sphinx, cluster = both
    sphinx.stats_ttl = 0  # statistics are otherwise reused for a second (SphinxQLBackend.stats_ttl)
    before = sphinx.search(SearchRequest(q="sâu róm", facets=False)).hits[0]
    extra = Document(url="https://kiemlam.example.gov.vn/z", site="kiemlam.example.gov.vn", kind="article",
                     title="Sâu róm lại xuất hiện", body="Sâu róm xuất hiện ở ba xã.")
    with SphinxWriterSink(cluster.spec) as sink:
        sink.add(extra)
    try:
        after = next(h for h in sphinx.search(SearchRequest(q="sâu róm", facets=False)).hits if h.id == before.id)
        assert after.score < before.score  # "sâu róm" is less rare now: a new generation was read
    finally:
        with SphinxWriterSink(cluster.spec) as sink:
            sink.delete(extra.id)
