"""End-to-end index + search on small in-test corpora: the query rows (35, 44, 47, 50–63, 71) of
../shared/design/vietnamese-analysis.md section (b), filters, facets, dates, sorting, paging,
highlights, did-you-mean, hostile queries and the document/stats/suggest API."""

from __future__ import annotations

from datetime import datetime

import pytest

from index.writer import IndexWriterSink
from ingest.document import VN_TZ, Document
from search.model import QueryError, SearchRequest
from search.searcher import Searcher

CORPUS = [
    # key, title, body, site, category, published
    ("hoabinh1", "Ủy ban nhân dân tỉnh Hòa Bình họp phiên thường kỳ",
     "UBND tỉnh Hòa Bình tổ chức phiên họp thường kỳ tháng 10.", "hoabinh.gov.vn", ["Tin tức", "Sự kiện"], 2020),
    ("hoabinh2", "Uỷ ban nhân dân tỉnh Hoà Bình công bố quy hoạch",
     "Tỉnh Hoà Bình công bố quy hoạch vùng.", "hoabinh.gov.vn", ["Tin tức"], 2021),
    ("hoa", "Hoa Bình nở rộ mùa xuân", "Loài hoa tên Bình nở vào mùa xuân ở vùng cao.", "hoa.vn", ["Đời sống"], 2019),
    ("binhhoa", "Xã Bình Hòa đón chuẩn nông thôn mới", "Người dân xã Bình Hòa phấn khởi.", "hoa.vn",
     ["Đời sống"], 2018),
    ("duong", "Đường giao thông nông thôn được nâng cấp", "Con đường liên xã dài 5 km.", "gt.gov.vn",
     ["Giao thông"], 2017),
    ("duong2", "Dương lịch và âm lịch", "Cách tính ngày dương lịch.", "gt.gov.vn", ["Giao thông"], 2016),
    ("duong3", "Đương nhiệm và mãn nhiệm", "Chức danh đương nhiệm.", "gt.gov.vn", ["Giao thông"], 2015),
    ("nd15", "Nghị định 15/2020/NĐ-CP về xử phạt vi phạm hành chính",
     "Chính phủ ban hành Nghị định 15/2020/NĐ-CP quy định xử phạt.", "vbpl.vn", ["Văn bản", "Nghị định"], 2020),
    ("nd15x", "Thông báo năm 2020 số 15", "Có 15 điểm cần lưu ý trong năm 2020, nd và cp là viết tắt.",
     "vbpl.vn", ["Văn bản"], 2020),
    ("quochieu", "Cộng hòa Xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc.", "vbpl.vn",
     ["Văn bản"], 2022),
    ("dieu5", "Luật số 59/2020/QH14", "Điều 5 quy định năm 2024 không thu phí đối với hộ nghèo.", "vbpl.vn",
     ["Văn bản", "Luật"], 2024),
    ("thue", "Thuế và phí năm 2023", "Quy định về thuế và phí.", "mof.gov.vn", ["Tài chính"], 2023),
    ("thueonly", "Thuế thu nhập cá nhân", "Hướng dẫn quyết toán thuế.", "mof.gov.vn", ["Tài chính"], 2023),
    ("phionly", "Phí trước bạ", "Mức phí trước bạ mới.", "mof.gov.vn", ["Tài chính"], 2022),
    ("hoang", "Hoàng Văn Thụ và Huỳnh Thúc Kháng", "Tên đường phố Hoàng Văn Thụ, Huỳnh Thúc Kháng.",
     "hn.gov.vn", ["Đời sống"], 2014),
    ("hoach", "Kế hoạch cải cách hành chính", "Kế hoạch năm về cải cách hành chính, hóa đơn điện tử.",
     "hn.gov.vn", ["Cải cách hành chính"], 2013),
    ("uyban", "Ủy ban nhân dân", "Ủy ban nhân dân các cấp.", "hn.gov.vn", ["Chính quyền"], 2012),
    ("uyban2", "Ban nhân sự ủy thác", "Ủy thác cho ban nhân sự, dân số.", "hn.gov.vn", ["Chính quyền"], 2012),
    ("xaydung", "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
     "Hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ gồm các giấy tờ sau.", "xd.gov.vn",
     ["Thủ tục hành chính"], 2021),
    ("xaydung2", "Cấp giấy phép xây dựng nhà ở", "Thủ tục cấp giấy phép xây dựng nhà ở tại đô thị.", "xd.gov.vn",
     ["Thủ tục hành chính"], 2020),
    ("html", "Cảnh báo <script>alert(1)</script> & lừa đảo", "Đừng bấm <b>liên kết</b> lạ & giả mạo.",
     "an.gov.vn", ["Cảnh báo"], 2025),
    ("nfd", "Vie\u0302\u0323t Nam hội nhập", "Vie\u0302\u0323t Nam hội nhập quốc tế sâu rộng.", "an.gov.vn",
     ["Cảnh báo"], 2011),
    ("nodate", "Trang giới thiệu không có ngày", "Giới thiệu chung về cơ quan.", "an.gov.vn", [], None),
    ("listing", "Danh sách tin Hòa Bình", "Hòa Bình Hòa Bình Hòa Bình", "hoabinh.gov.vn", ["Tin tức"], 2020),
]
URL = {key: f"https://{site}/{key}" for key, _t, _b, site, _c, _y in CORPUS}


def corpus_docs() -> list[Document]:
    out = []
    for i, (key, title, body, site, cat, year) in enumerate(CORPUS):
        published = datetime(year, 1 + i % 12, 10, 9, 0, tzinfo=VN_TZ) if year else None
        out.append(Document(url=URL[key], site=site, kind="listing" if key == "listing" else "article",
                            title=title, body=body, category=cat, published=published))
    return out


@pytest.fixture(scope="module", params=["whoosh", "sphinxql"])
def searcher(request, tmp_path_factory):
    """The same corpus in the embedded Whoosh index and in a 2-shard Sphinx cluster: the tests
    below run on both backends (the ones marked whoosh_only test what only Whoosh offers)."""
    if request.param == "sphinxql":
        from search.sphinx_writer import SphinxWriterSink
        from search.sphinxql import SphinxQLBackend

        cluster = request.getfixturevalue("sphinx_cluster")
        cluster.clear()
        with SphinxWriterSink(cluster.spec) as sink:
            for doc in corpus_docs():
                sink.add(doc)
        s = SphinxQLBackend(cluster.spec)
        yield s
        s.close()
        return
    data = tmp_path_factory.mktemp("search") / "data"
    with IndexWriterSink(data) as sink:
        for doc in corpus_docs():
            sink.add(doc)
    s = Searcher(data)
    yield s
    s.close()


def whoosh_only(searcher) -> None:
    if getattr(searcher, "name", "whoosh") != "whoosh":
        pytest.skip("Whoosh backend only (did-you-mean statistics)")


def urls(searcher, q: str, **kw) -> list[str]:
    res = searcher.search(SearchRequest(q=q, per_page=50, **kw))
    return [h.url for h in res.hits]


def keys(searcher, q: str, **kw) -> list[str]:
    back = {v: k for k, v in URL.items()}
    return [back[u] for u in urls(searcher, q, **kw)]


# -- design table rows ----------------------------------------------------------------------------
def test_row35_tone_variants_match_each_other(searcher):
    found = keys(searcher, "hòa")
    assert {"hoabinh1", "hoabinh2"} <= set(found)
    assert found.index("hoabinh1") < found.index("hoa") and found.index("hoabinh2") < found.index("hoa")


def test_row44_no_stoplist_and_phrase_dieu_5(searcher):
    for q in ("Điều 5", '"Điều 5"', "năm 2024", "không thu phí", "Luật số 59/2020/QH14"):
        assert keys(searcher, q)[0] == "dieu5", q


def test_row47_document_number_query_ranks_its_document_first(searcher):
    found = keys(searcher, "15/2020/ND-CP")
    assert found[0] == "nd15"
    assert keys(searcher, "15/2020/NĐ-CP")[0] == "nd15"


def test_row50_phrase_across_word_boundary(searcher):
    assert keys(searcher, '"hội chủ"') == ["quochieu"]


def test_row51_single_syllable_of_a_compound(searcher):
    found = keys(searcher, "việt")
    assert found[0] in {"quochieu", "nfd"} and {"quochieu", "nfd"} <= set(found)


def test_row52_phrase_with_tone_variant_not_reversed(searcher):
    found = keys(searcher, '"hòa bình"')
    assert {"hoabinh1", "hoabinh2"} <= set(found)
    assert "binhhoa" not in found
    assert "hoa" not in found  # quoted accented words match exactly


def test_row53_accentless_query_matches_all_spellings(searcher):
    found = set(keys(searcher, "hoa binh"))
    assert {"hoabinh1", "hoabinh2", "hoa"} <= found


def test_row54_exact_accents_rank_first(searcher):
    found = keys(searcher, "Hòa Bình")
    assert found.index("hoabinh1") < found.index("hoa")
    assert found.index("hoabinh2") < found.index("hoa")


def test_row55_minimal_pairs(searcher):
    found = keys(searcher, "đường")
    assert found[0] == "duong"
    assert {"duong2", "duong3"} <= set(found[1:])  # folded matches come after the exact one


def test_row56_partially_accented_query(searcher):
    assert keys(searcher, "ủy ban nhan dan")[0] == "uyban"


def test_row57_accented_prefix_any_case(searcher):
    for q in ("hòa*", "HÒA*"):
        found = set(keys(searcher, q))
        assert {"hoabinh1", "hoabinh2", "quochieu"} <= found, q
        assert "hoa" not in found and "hoach" not in found


def test_row57b_prefix_of_unfinished_syllable_tries_both_placements(searcher):
    assert "hoang" in keys(searcher, "hoà*")
    assert "hoang" in keys(searcher, "huỳ*")


def test_row58_unaccented_prefix(searcher):
    found = set(keys(searcher, "hoa*"))
    assert {"hoabinh1", "hoabinh2", "hoa", "hoach", "hoang"} <= found


def test_row59_exclusion(searcher):
    found = set(keys(searcher, 'ủy ban -"nhân dân"'))
    assert "uyban" not in found and "hoabinh1" not in found
    assert "uyban2" in found


def test_row60_english_operators(searcher):
    assert set(keys(searcher, "thuế AND phí")) == {"thue"}
    assert {"thue", "thueonly", "phionly"} <= set(keys(searcher, "thuế OR phí"))
    assert "thueonly" not in keys(searcher, "thuế NOT thu nhập")


def test_row61_vietnamese_capitals_stay_words(searcher):
    # KHÔNG is a word, not NOT: the doc containing "không thu phí" is found
    assert keys(searcher, "KHÔNG thu phí")[0] == "dieu5"
    # VÀ is a word too: "thuế VÀ phí" needs "và", so the doc without it is not required
    assert keys(searcher, "thuế VÀ phí")[0] == "thue"
    assert "thueonly" not in keys(searcher, "thuế VÀ phí")


def test_row62_long_query_does_not_require_every_word(searcher):
    found = keys(searcher, "thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ")
    assert found[0] == "xaydung"
    assert "xaydung2" in found  # lacks "riêng lẻ" but is still returned


def test_row63_did_you_mean_restores_accents(searcher):
    res = searcher.search(SearchRequest(q="ubnd tinh hoa binh"))
    assert res.suggestion == "ubnd tỉnh hòa bình"
    assert searcher.search(SearchRequest(q="Hòa Bình")).suggestion is None


def test_row71_highlight_offsets_on_nfd_text(searcher):
    hit = next(h for h in searcher.search(SearchRequest(q="việt", per_page=50)).hits if h.url == URL["nfd"])
    assert "<mark>Vie\u0302\u0323t</mark> Nam" in hit.snippet


# -- highlights ----------------------------------------------------------------------------------
def test_accentless_query_marks_accented_words_and_escapes_html(searcher):
    res = searcher.search(SearchRequest(q="lua dao"))
    hit = res.hits[0]
    assert hit.url == URL["html"]
    assert "<mark>lừa</mark> <mark>đảo</mark>" in hit.title_html
    assert "&lt;script&gt;" in hit.title_html and "<script>" not in hit.title_html
    assert "&lt;b&gt;" in hit.snippet and "<b>" not in hit.snippet
    res = searcher.search(SearchRequest(q="gia mao"))
    assert "<mark>giả</mark> <mark>mạo</mark>" in res.hits[0].snippet


def test_highlight_off_gives_plain_escaped_text(searcher):
    res = searcher.search(SearchRequest(q="lua dao", highlight=False))
    assert "<mark>" not in res.hits[0].snippet and "<mark>" not in res.hits[0].title_html


# -- filters, facets, dates, sorting, paging -----------------------------------------------------
def test_listing_pages_are_not_results(searcher):
    assert URL["listing"] not in urls(searcher, "Hòa Bình")
    st = searcher.stats()
    assert st["documents"] == len(CORPUS) and st["searchable"] == len(CORPUS) - 1 and st["listings"] == 1


def test_site_filter_and_facets_without_own_filter(searcher):
    res = searcher.search(SearchRequest(q="hoa binh", site=["hoabinh.gov.vn"]))
    assert {h.site for h in res.hits} == {"hoabinh.gov.vn"}
    sites = dict(res.facets["site"])
    assert sites["hoabinh.gov.vn"] == 2 and sites["hoa.vn"] >= 1  # other sites still counted
    years = dict(res.facets["year"])
    assert set(years) == {"2020", "2021"}  # year facet respects the site filter


def test_site_filter_matches_parent_domain(searcher):
    assert set(keys(searcher, "", site=["gov.vn"])) >= {"duong", "hoabinh1"}


def test_category_filter_by_parent_matches_children(searcher):
    found = set(keys(searcher, "", category=["Văn bản"]))
    assert {"nd15", "nd15x", "quochieu", "dieu5"} == found
    assert set(keys(searcher, "", category=["Văn bản/Nghị định"])) == {"nd15"}
    assert set(keys(searcher, "", category=["văn bản > nghị định"])) == {"nd15"}
    res = searcher.search(SearchRequest(q="", category=["Văn bản"]))
    cats = dict(res.facets["category"])
    assert cats["Văn bản"] == 4 and cats["Văn bản/Nghị định"] == 1 and cats["Giao thông"] == 3


def test_year_filter_and_query_syntax_filters(searcher):
    assert set(keys(searcher, "", year=[2023])) == {"thue", "thueonly"}
    assert set(keys(searcher, "site:mof.gov.vn phí")) == {"thue", "phionly"}
    assert set(keys(searcher, 'category:"Tài chính" -site:nothing.vn thuế')) == {"thue", "thueonly"}
    assert set(keys(searcher, "title:thuế")) == {"thue", "thueonly"}


def test_date_range_periods(searcher):
    assert set(keys(searcher, "", date_from="2023", date_to="2023")) == {"thue", "thueonly"}
    in_2020 = set(keys(searcher, "", date_from="01/2020", date_to="12/2020"))
    assert in_2020 == set(keys(searcher, "", year=[2020]))
    one = keys(searcher, "", date_from="2020-01-01", date_to="2021-12-31")
    assert set(one) == set(keys(searcher, "", year=[2020, 2021]))
    assert "nodate" not in keys(searcher, "", date_from="2000")
    with pytest.raises(QueryError, match="Không hiểu ngày"):
        searcher.search(SearchRequest(date_from="tháng mười"))
    with pytest.raises(QueryError, match="from is after to"):
        searcher.search(SearchRequest(date_from="2022", date_to="2020"))


def test_day_precision_date_filter(searcher):
    thue = searcher.get(searcher.search(SearchRequest(q="title:\"thuế và phí\"")).hits[0].id)
    day = thue.published.strftime("%d/%m/%Y")
    assert "thue" in keys(searcher, "", date_from=day, date_to=day)


def test_sorting_newest_oldest(searcher):
    newest = searcher.search(SearchRequest(q="", sort="newest", per_page=50)).hits
    dates = [h.published for h in newest if h.published]
    assert dates == sorted(dates, reverse=True)
    assert newest[-1].published is None  # undated last
    oldest = searcher.search(SearchRequest(q="", sort="oldest", per_page=50)).hits
    assert [h.published for h in oldest if h.published] == sorted(dates)


def test_pagination_is_consistent(searcher):
    full = urls(searcher, "", sort="newest")
    pages = []
    for p in (1, 2, 3):
        res = searcher.search(SearchRequest(q="", sort="newest", page=p, per_page=8))
        assert res.total == len(full)
        pages += [h.url for h in res.hits]
    assert pages == full


def test_iter_results_for_export(searcher):
    assert [h.url for h in searcher.iter_results(SearchRequest(q="hoa binh"))] == urls(searcher, "hoa binh")
    assert len(list(searcher.iter_results(SearchRequest(q=""), limit=3))) == 3


# -- hostile input -------------------------------------------------------------------------------
HOSTILE = ['"unbalanced', 'a "b', "AND", "OR OR", "NOT", "+", "-", "- - -", "x" * 5000, "ab " * 1500,
           "thuế\x00\x07\x1b[31m phí", "*", "**", "a*", "nosuchfield:thuế", "title:", "site:", ":::", "((()))",
           '"" ""', "\u200b\u200b", "🙂", "hòa* -hòa*", "-thuế", "NOT thuế", "thuế AND", "OR thuế",
           "\ud800", "1/0/x", "title:\"\"", "*hòa"]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_give_result_or_clear_error(searcher, q):
    try:
        res = searcher.search(SearchRequest(q=q))
    except QueryError as exc:
        assert str(exc) and "(" in str(exc)  # Vietnamese message with English gloss
    else:
        assert res.total >= 0


def test_specific_hostile_messages(searcher):
    with pytest.raises(QueryError, match="quá dài"):
        searcher.search(SearchRequest(q="x" * 5000))
    with pytest.raises(QueryError, match=r"Dấu \*"):
        searcher.search(SearchRequest(q="*"))
    assert set(keys(searcher, "nosuchfield:thuế")) == set(keys(searcher, "thuế"))
    assert keys(searcher, "thuế\x00\x07 phí") == keys(searcher, "thuế phí")
    assert set(keys(searcher, '"thuế và')) == set(keys(searcher, "thuế và"))
    with pytest.raises(QueryError, match="sắp xếp"):
        searcher.search(SearchRequest(q="x", sort="random"))
    with pytest.raises(QueryError, match="Số trang"):
        searcher.search(SearchRequest(q="x", page=0))


# -- documents, stats, completions ---------------------------------------------------------------
def test_get_returns_the_whole_document(searcher):
    hit = searcher.search(SearchRequest(q="15/2020/NĐ-CP")).hits[0]
    doc = searcher.get(hit.id)
    assert doc is not None and doc.url == URL["nd15"] and doc.category == ["Văn bản", "Nghị định"]
    assert searcher.get("0000000000000000") is None


def test_stats(searcher):
    st = searcher.stats()
    assert st["documents"] == len(CORPUS)
    assert dict(st["sites"])["vbpl.vn"] == 4
    assert dict(st["years"])["2020"] == 4
    assert st["last_indexed"]


def test_suggest_completes_titles(searcher):
    out = searcher.suggest("uy ban nhan d")
    assert "Ủy ban nhân dân" in out
    assert searcher.suggest("") == [] and searcher.suggest("*") == []


def test_took_ms_and_json_shape(searcher):
    res = searcher.search(SearchRequest(q="hoa binh"))
    data = res.to_json()
    assert set(data) >= {"query", "total", "took_ms", "hits", "facets", "suggestion"}
    assert set(data["hits"][0]) >= {"url", "title", "published", "site", "category", "score", "snippet"}
    assert data["facets"]["site"][0] == [res.facets["site"][0][0], res.facets["site"][0][1]]
    assert data["took_ms"] >= 0


def test_searcher_sees_new_commits(tmp_path):
    data = tmp_path / "d"
    with IndexWriterSink(data) as sink:
        sink.add(Document(url="https://x.vn/1", site="x.vn", kind="article", title="Một", body="một"))
    s = Searcher(data)
    assert s.search(SearchRequest(q="hai")).total == 0
    with IndexWriterSink(data) as sink:
        sink.add(Document(url="https://x.vn/2", site="x.vn", kind="article", title="Hai", body="hai"))
    assert s.search(SearchRequest(q="hai")).total == 1
    s.close()


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(QueryError, match="Chưa có chỉ mục"):
        Searcher(tmp_path / "nothing")


def test_updated_documents_leave_no_ghosts_across_segments(tmp_path):
    data = tmp_path / "d"

    def doc(i: int, body: str) -> Document:
        return Document(url=f"https://x.vn/{i}", site="x.vn", kind="article", title=f"Bài {i}", body=body)

    with IndexWriterSink(data) as sink:
        for i in range(3):
            sink.add(doc(i, "hồ sơ cũ về đất đai"))
    with IndexWriterSink(data) as sink:  # a second segment; doc 1 deleted from the first
        assert sink.add(doc(1, "hồ sơ mới về thuế")) == "updated"
    s = Searcher(data)
    try:
        assert sorted(h.url for h in s.search(SearchRequest(q="dat dai")).hits) == [
            "https://x.vn/0", "https://x.vn/2"]
        res = s.search(SearchRequest(q="hồ sơ"))
        assert res.total == 3 and len({h.url for h in res.hits}) == 3
        assert all(h.score > 0 for h in res.hits)
        assert [h.url for h in s.search(SearchRequest(q="thuế")).hits] == ["https://x.vn/1"]
    finally:
        s.close()


def test_snippet_comes_from_captions_and_attachments_too(tmp_path):
    from ingest.document import Attachment, Image

    data = tmp_path / "d"
    with IndexWriterSink(data) as sink:
        sink.add(Document(url="https://x.vn/c", site="x.vn", kind="article", title="Hội nghị",
                          body="Nội dung không liên quan.\n\nĐoạn thứ hai.",
                          images=[Image("https://x.vn/a.jpg", "Lãnh đạo Cải cách hành chính tỉnh phát biểu")],
                          attachments=[Attachment("Quyết định số 35/QĐ-UBND", "https://x.vn/qd.docx")]))
    s = Searcher(data)
    try:
        hit = s.search(SearchRequest(q="cai cach hanh chinh")).hits[0]
        assert "<mark>Cải</mark> <mark>cách</mark> <mark>hành</mark> <mark>chính</mark>" in hit.snippet
        assert "\n" not in hit.snippet
        hit = s.search(SearchRequest(q="35/QĐ-UBND")).hits[0]
        assert "<mark>35</mark>" in hit.snippet
    finally:
        s.close()


@pytest.mark.parametrize("req", [
    SearchRequest(q=""), SearchRequest(q="hoa binh", site=["hoabinh.gov.vn"]),
    SearchRequest(q="", category=["Văn bản"]), SearchRequest(q="thuế", year=[2023]), SearchRequest(q="nothingatall"),
])
def test_facet_counts_by_arrays_equal_the_set_counts(searcher, req, monkeypatch):
    """Large match sets are counted with numpy (search.facets.ARRAY_COUNT_MIN): same counts, same
    order as the set intersections."""
    whoosh_only(searcher)
    from search import facets

    monkeypatch.setattr(facets, "ARRAY_COUNT_MIN", 10**9)
    by_sets = searcher.search(req).facets
    monkeypatch.setattr(facets, "ARRAY_COUNT_MIN", 1)
    assert searcher.search(req).facets == by_sets
