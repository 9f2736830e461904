"""The layout gaps the mutation harness found (issue 9 acceptance 1), each as a page written here
for the purpose, so a regression names its cause instead of moving a percentage in
tests/test_robustness.py: a date only in a ``title=`` attribute of the row after the title;
listings whose first teaser is long, behind wrappers, undated, or only four long; ``<br>``-run
paragraph blocks split by wrappers; a breadcrumb list when a sidebar listing the page comes first;
and the harness keeping each list's anchors to itself.
"""

from __future__ import annotations

import random

import pytest

from ingest.htmlparse import extract_html
from tests.mutation_page import Page

LONG = ("Sáng nay, tại trụ sở Ủy ban nhân dân tỉnh, lãnh đạo tỉnh đã chủ trì hội nghị trực tuyến với các huyện, "
        "thành phố để đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội trong quý vừa qua. ")
PARA = "Đoạn văn của bài viết nói về kết quả thực hiện nhiệm vụ của sở trong năm, với số liệu và đánh giá cụ thể."


def aspnet_article(date_row: str) -> str:
    """An ASP.NET table layout: title row, date row, body row (what portalgen's aspnet_vi prints)."""
    body = "".join(f"<p><span>{PARA}</span> <span>({i})</span></p>" for i in range(16))  # a real body: > 40 tags
    return ("<html><head><title>Hội nghị tổng kết - Sở Kế hoạch</title></head><body><table><tr><td class='left'>"
            "<a href='/a.aspx'>» Tin tức</a><br/><a href='/b.aspx'>» Đầu tư</a></td><td class='center'>"
            "<table class='detail'><tr><td><h1><span>Hội nghị tổng kết công tác năm 2023</span></h1></td></tr>"
            f"<tr><td>{date_row}</td></tr><tr><td><div>{body}</div></td></tr></table></td></tr></table></body></html>")


@pytest.mark.parametrize("family", [None, "generic"])
def test_date_only_in_a_title_attribute_of_the_row_after_the_title(family: str | None) -> None:
    doc = extract_html(aspnet_article('<span title="11/04/2012 00:42:15">Ngày đăng</span>'),
                       "https://skhdt.example.gov.vn/tin-tuc/hoi-nghi-1617955.aspx", family=family)
    assert doc.kind == "article"
    assert doc.published is not None and doc.published.isoformat() == "2012-04-11T00:42:15+07:00"
    assert doc.source.published_from == "attr:title"
    # a title= that is no date (a tooltip) gives nothing
    doc = extract_html(aspnet_article('<span title="In bài viết">In</span>'),
                       "https://skhdt.example.gov.vn/tin-tuc/hoi-nghi-1617955.aspx", family=family)
    assert doc.published is None


def teaser(i: int, summary: str, date: str, wrap: int = 0) -> str:
    inner = (f"<div class='item'><div class='t'><h3><a href='/tin-tuc/bai-{i}.html'>Tiêu đề bài viết số {i} về "
             f"hoạt động của sở trong tuần</a></h3></div>{date}<div class='sum'><p>{summary}</p></div></div>")
    for k in range(wrap):
        inner = f"<div class='w{i}{k}'>{inner}</div>"
    return inner


def listing(items: str, side: str = "") -> str:
    return ("<html><head><title>Tin hoạt động - Sở Nội vụ</title></head><body>"
            "<div class='nav'><a href='/'>Trang chủ</a> &gt; <a href='/tin-tuc.html'>Tin tức</a></div>"
            f"<div class='main'><h1>Tin hoạt động</h1>{items}</div>{side}</body></html>")


@pytest.mark.parametrize("wrap", [0, 2])
@pytest.mark.parametrize("dated", [True, False])
def test_listing_whose_first_teaser_is_long(wrap: int, dated: bool) -> None:
    """Wrappers around every block (m2) put the teaser's link far below the column; news CMS
    listings print no times: the teasers' like make still makes a column."""
    items = "".join(teaser(i, LONG * (9 if i == 1 else 1),
                           f"<span class='d'>0{i}/03/2019 08:0{i}</span>" if dated else "", wrap) for i in range(1, 8))
    doc = extract_html(listing(items), "https://snv.example.gov.vn/tin-tuc/tin-hoat-dong.html")
    assert doc.kind == "listing", (wrap, dated)


def test_four_teasers_beside_a_sidebar_whose_first_item_is_long_are_no_article() -> None:
    items = "".join(f"<article><h2><a href='/2016/0{i}/10/bai-{i}/'>Tiêu đề bài viết số {i} về công nghệ thông "
                    f"tin</a></h2><time datetime='2016-0{i}-10T11:17:30+07:00'>10/0{i}/2016</time>"
                    f"<div class='entry-summary'><p>{LONG[:150]}</p></div></article>"
                    for i in range(1, 5))
    side = ("<aside><h2>Bài viết mới</h2><ul>" + "".join(
        f"<li><a href='/2025/12/1{i}/moi-{i}/'>Bài viết mới số {i} của sở thông tin</a> <time "
        f"datetime='2025-12-1{i}T14:10:06+07:00'>1{i}/12/2025</time>{'<p>' + LONG * 8 + '</p>' if i == 1 else ''}</li>"
        for i in range(1, 6)) + "</ul></aside>")
    doc = extract_html(listing(items, side), "https://sotttt.example.gov.vn/category/cong-nghe/page/2/")
    assert doc.kind != "article"


def test_article_body_of_br_runs_split_by_wrappers_is_whole() -> None:
    """Paragraphs merged into ``<br><br>`` blocks (m7), each block in a wrapper of its own (m2)."""
    runs = ["<br/><br/>".join(f"{PARA} [{k}.{j}]" for j in range(3)) for k in range(3)]
    blocks = "".join(f"<div class='x{k}'><p>{r}</p></div><div class='sp{k}'><p><br/></p></div>" for k, r in enumerate(runs))
    html = ("<html><head><title>Bài viết - Sở</title></head><body><div class='col'>"
            "<h1>Kết quả thực hiện nhiệm vụ năm 2023</h1><div>Ngày đăng: 05/01/2024 08:15</div>"
            f"<div class='body'>{blocks}</div></div><div class='side'><a href='/x'>Liên hệ</a></div></body></html>")
    doc = extract_html(html, "https://s.example.gov.vn/tin-tuc/ket-qua.html", family="generic")
    assert len(doc.paragraphs) == 9 and doc.paragraphs[0].endswith("[0.0]") and doc.paragraphs[-1].endswith("[2.2]")


def test_single_br_run_body_does_not_take_in_the_column() -> None:
    """One ``<br>``-run block in the article's column is the body: not the sapo, the source line,
    the attachment box or the id around it."""
    run = "<br/><br/>".join(f"{PARA} [{j}]" for j in range(6))
    html = ("<html><head><title>Bài viết - Bộ</title></head><body><div class='col'>"
            "<div><h1>Kết quả thực hiện nhiệm vụ năm 2023</h1></div><div><span>2 July 2012</span></div>"
            f"<div><strong>{LONG}</strong></div><div><div>{run}</div></div><div>Nguồn: Bộ Lao động</div>"
            "<div><span>Tài liệu đính kèm:</span><br/><a href='/f/qd-1254.pdf'>Quyết định số 1254/QĐ</a><br/></div>"
            "<div>1073726</div></div></body></html>")
    doc = extract_html(html, "https://b.example.gov.vn/vn/tin-tuc/10/1073726/bai.aspx", family="generic")
    assert [p[-3:] for p in doc.paragraphs] == [f"[{j}]" for j in range(6)]


def test_breadcrumb_list_after_a_sidebar_that_lists_the_page() -> None:
    """The title's element is the headline, not the sidebar link to the page itself that comes first."""
    title = "Trung Quốc thử nghiệm tiêm kích mới"
    side = "".join(f"<li><a href='/tin/{i}.aspx'>Tin mới nhất số {i} của sở kế hoạch</a></li>" for i in range(4))
    html = (f"<html><head><title>{title}</title></head><body><div class='s'><ul>{side}"
            f"<li><a href='/xtdt/tq-1618428.aspx'>{title}</a></li></ul></div><div class='m'>"
            "<ol><li><a href='/'>Trang chủ</a></li><li><a href='/xtdt.aspx'>Xúc tiến đầu tư</a></li></ol>"
            f"<h1><span>{title}</span></h1><div>Ngày đăng: 22/08/2025 18:24</div>"
            + "".join(f"<p>{PARA} ({i})</p>" for i in range(4)) + "</div></body></html>")
    doc = extract_html(html, "https://skhdt.example.gov.vn/xtdt/tq-1618428.aspx", family="generic")
    assert doc.category == ["Xúc tiến đầu tư"]


def test_harness_keeps_each_lists_anchors() -> None:
    """An article linked from both lists: the latest list's item is its own anchor, not the
    related list's (whose item box would swallow the column and the article's date)."""
    html = ("<html><body><div class='c'><h1>Bài</h1><span>(Ngày đăng : 27/09/2025)</span>"
            "<div class='rel'><b>Tin liên quan</b><div><a href='/x/1.aspx'>Bài liên quan số một</a></div>"
            "<div><a href='/x/2.aspx'>Bài liên quan số hai</a></div></div></div>"
            "<div class='new'><b>Tin mới nhất</b><div><a href='/x/3.aspx'>Bài mới số ba</a></div>"
            "<div><a href='/x/1.aspx'>Bài liên quan số một</a></div></div></body></html>")
    rec = {"url": "https://h.example.gov.vn/x/0.aspx", "kind": "article", "related": [
        {"title": "Bài liên quan số một", "url": "https://h.example.gov.vn/x/1.aspx"},
        {"title": "Bài liên quan số hai", "url": "https://h.example.gov.vn/x/2.aspx"}], "latest": [
        {"title": "Bài mới số ba", "url": "https://h.example.gov.vn/x/3.aspx"},
        {"title": "Bài liên quan số một", "url": "https://h.example.gov.vn/x/1.aspx"}]}
    page = Page(html, rec, random.Random(1))
    latest = [a for a, _ in page.item_links("latest")]
    assert all(a.find_parent(class_="new") is not None for a in latest)
    assert all(a.find_parent(class_="rel") is not None for a, _ in page.item_links("related"))
