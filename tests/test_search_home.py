"""Home pages are kept but are not search results (issue 9 item 3 made them ``other``; they were
``listing`` before, hidden as listings are). A portal's home page has the portal's name as its title
and no text of its own: on a portalgen site it came in the top five for the portal's own words
("lao động", "Kiên Giang", "đầu tư"), above the articles. Other ``other`` pages (an introduction,
contacts) keep their text and stay searchable. Both backends: Whoosh and a Sphinx cluster.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from index.writer import IndexWriterSink
from ingest.document import VN_TZ, Document
from search.model import SearchRequest
from search.searcher import Searcher

SITE = "soldtbxh.hoabinh.gov.vn"
DOCS = [
    Document(url=f"https://{SITE}/", site=SITE, kind="other",
             title="Cổng thông tin điện tử Sở Lao động tỉnh Hòa Bình"),
    Document(url=f"https://{SITE}/Default.aspx", site=SITE, kind="other",
             title="Trang chủ - Sở Lao động tỉnh Hòa Bình"),
    Document(url=f"https://{SITE}/gioi-thieu/chuc-nang-nhiem-vu.html", site=SITE, kind="other",
             title="Chức năng, nhiệm vụ của Sở Lao động tỉnh Hòa Bình",
             body="Sở Lao động tỉnh Hòa Bình tham mưu cho Ủy ban nhân dân tỉnh về lao động, việc làm."),
    Document(url=f"https://{SITE}/tin-tuc.html", site=SITE, kind="listing",
             title="Tin tức - Sở Lao động tỉnh Hòa Bình", body="Lao động Hòa Bình lao động Hòa Bình"),
    Document(url=f"https://{SITE}/tin-tuc/thi-truong-lao-dong-2024.html", site=SITE, kind="article",
             title="Thị trường lao động tỉnh Hòa Bình năm 2024",
             body="Năm 2024, thị trường lao động tỉnh Hòa Bình ổn định, hơn 18 nghìn lao động có việc làm mới.",
             category=["Tin tức"], published=datetime(2024, 12, 20, 9, 0, tzinfo=VN_TZ)),
]
HIDDEN = {f"https://{SITE}/", f"https://{SITE}/Default.aspx", f"https://{SITE}/tin-tuc.html"}


@pytest.fixture(scope="module", params=["whoosh", "sphinxql"])
def searcher(request, tmp_path_factory):
    if request.param == "sphinxql":
        from search.sphinx_writer import SphinxWriterSink
        from search.sphinxql import SphinxQLBackend

        cluster = request.getfixturevalue("sphinx_cluster")
        cluster.clear()
        with SphinxWriterSink(cluster.spec) as sink:
            for doc in DOCS:
                sink.add(doc)
        s = SphinxQLBackend(cluster.spec)
        yield s
        s.close()
        return
    data = tmp_path_factory.mktemp("home") / "data"
    with IndexWriterSink(data) as sink:
        for doc in DOCS:
            sink.add(doc)
    s = Searcher(data)
    yield s
    s.close()


@pytest.mark.parametrize("q", ["lao động Hòa Bình", "cổng thông tin điện tử", "trang chủ", "sở lao động"])
def test_home_pages_are_not_results(searcher, q: str) -> None:
    got = {h.url for h in searcher.search(SearchRequest(q=q, per_page=50)).hits}
    assert not got & HIDDEN, (q, got)


def test_other_pages_with_text_stay_searchable(searcher) -> None:
    got = [h.url for h in searcher.search(SearchRequest(q="chức năng nhiệm vụ", per_page=50)).hits]
    assert got == [f"https://{SITE}/gioi-thieu/chuc-nang-nhiem-vu.html"]
    got = {h.url for h in searcher.search(SearchRequest(q="lao động Hòa Bình", per_page=50)).hits}
    assert got == {d.url for d in DOCS} - HIDDEN


def test_home_pages_counted_as_kept_not_searchable(searcher) -> None:
    st = searcher.stats()
    assert st["documents"] == len(DOCS) and st["searchable"] == len(DOCS) - len(HIDDEN)
    assert st["listings"] == len(HIDDEN)  # listing and home pages, kept in the archive
