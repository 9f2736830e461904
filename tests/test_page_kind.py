"""Issue 9, item 3: page kind from structure, not from the family.

Pages written here for the purpose: listings whose first teaser carries a long summary (generic and
in Liferay 7 markup, whose list entries carry the same analytics attributes as an article), an
article beside long dated sidebars, and home pages.
"""

from __future__ import annotations

import pytest

from ingest.explain import Explain
from ingest.htmlparse import extract_html

SUMMARY = ("Sáng nay, tại trụ sở Ủy ban nhân dân tỉnh, lãnh đạo tỉnh đã chủ trì hội nghị trực tuyến với các huyện, "
           "thành phố để đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh "
           "và cải cách hành chính trong quý vừa qua, đồng thời bàn giải pháp cho các tháng cuối năm. ")


def teaser(i: int, summary: str, date_markup: str) -> str:
    return (f"<div class='item'><h3><a href='/tin-tuc/bai-viet-so-{i}.html'>Tiêu đề bài viết số {i} về hoạt động "
            f"của sở trong tuần</a></h3>{date_markup}<div class='tom-tat'><p>{summary}</p></div></div>")


def generic_listing(n: int = 8) -> str:
    items = "".join(teaser(i, SUMMARY * (6 if i == 1 else 1), f"<span class='ngay'>0{i}/03/2019 08:0{i}</span>")
                    for i in range(1, n + 1))
    return (f"<html><head><title>Tin hoạt động - Sở Nội vụ</title></head><body>"
            f"<div class='nav'><a href='/'>Trang chủ</a> &gt; <a href='/tin-tuc'>Tin tức</a></div>"
            f"<div class='main'><h1>Tin hoạt động</h1><div class='list'>{items}</div></div>"
            f"<div class='footer'>Chịu trách nhiệm chính: Giám đốc Sở</div></body></html>")


def test_listing_whose_first_teaser_has_a_long_summary() -> None:
    for family in (None, "generic"):
        doc = extract_html(generic_listing(), "https://snv.example.gov.vn/tin-tuc/tin-hoat-dong.html", family=family)
        assert doc.kind == "listing", family
        assert doc.body == "" and doc.published is None


def test_five_dated_teasers_make_a_column_four_do_not() -> None:
    url = "https://snv.example.gov.vn/tin-tuc/tin-hoat-dong.html"
    rules = {}
    for n in (4, 5):
        trace = Explain()
        extract_html(generic_listing(n), url, family="generic", trace=trace)
        rules[n] = trace.to_dict()["kind"]["rule"]
    assert rules[5] == "structure: main column of 5 dated teasers"
    assert not rules[4].startswith("structure: main column"), rules[4]


def liferay7_listing() -> str:
    items = "".join(
        f"<div class='media'><div class='journal-content-article' data-analytics-asset-id='72822{i}' "
        f"data-analytics-asset-title='Thông tin số {i} về tiêm chủng vắc xin' data-analytics-asset-type='web-content'>"
        f"<a class='text-tletin' href='/web/guest/-/68474{i}-thong-tin-so-{i}'>Thông tin số {i} về tiêm chủng vắc xin "
        f"phòng COVID-19</a><small class='text-muted'>Monday, 2{i}/05/2021, 22:3{i}</small>"
        f"<p>{SUMMARY * (5 if i == 1 else 1)}</p></div></div>" for i in range(1, 8))
    return ("<html lang='en-US'><head><title>Tin tức - Bộ Y tế</title></head><body>"
            "<div class='portlet-body'><h2 class='hide-accessible'>Tin tức</h2>"
            f"<div class='list-news'>{items}</div></div></body></html>")


def test_liferay7_news_list_is_a_listing_despite_article_markers() -> None:
    doc = extract_html(liferay7_listing(), "https://ncov.moh.gov.vn/tin-tuc")
    assert doc.kind == "listing"


def article_beside_sidebars() -> str:
    side = "".join(teaser(i, SUMMARY * 2, f"<span class='ngay'>1{i}/03/2019 10:0{i}</span>") for i in range(1, 10))
    body = "".join(f"<p>Đoạn {i}: {SUMMARY}</p>" for i in range(1, 4))
    return ("<html><head><title>Hội nghị giao ban quý I - Sở Nội vụ</title></head><body>"
            f"<div class='left'><h3>Tin nổi bật</h3>{side}</div>"
            "<div class='center'><h1>Hội nghị giao ban quý I năm 2019</h1><p class='date'>Ngày đăng: 21/03/2019 09:26</p>"
            f"<div class='noi-dung'>{body}</div></div>"
            f"<div class='right'><h3>Tin đọc nhiều</h3>{side.replace('bai-viet', 'doc-nhieu')}</div></body></html>")


@pytest.mark.parametrize("family", [None, "generic"])
def test_article_beside_long_dated_sidebars(family: str | None) -> None:
    doc = extract_html(article_beside_sidebars(), "https://snv.example.gov.vn/tin-tuc/hoi-nghi.html", family=family)
    assert doc.kind == "article"
    assert doc.title == "Hội nghị giao ban quý I năm 2019"
    assert doc.published is not None and doc.published.day == 21
    assert len(doc.paragraphs) == 3


@pytest.mark.parametrize("url", ["https://snv.example.gov.vn/", "https://snv.example.gov.vn/index.html",
                                 "https://snv.example.gov.vn/trang-chu.aspx", "https://snv.example.gov.vn/Default.aspx"])
def test_home_pages_are_other(url: str) -> None:
    doc = extract_html(generic_listing(), url)
    assert doc.kind == "other"
    assert doc.body == "" and doc.published is None and doc.images == []


def test_home_page_is_kept_by_parse_page() -> None:
    from ingest.parse import parse_page

    doc = parse_page(generic_listing().encode(), url="https://snv.example.gov.vn/")
    assert doc.kind == "other" and doc.title
