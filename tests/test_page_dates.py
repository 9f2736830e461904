"""Issue 9, item 1: date arbitration — every candidate source, disagreements, list-item times from ids.

Each page is written here for the purpose (generic layout: no family is detected), with the date in
exactly the places a test names, so the source recorded in ``source.published_from`` is checkable.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from ingest.document import VN_TZ
from ingest.htmlparse import extract_html
from ingest.page_dates import Candidate, agrees, arbitrate, url_candidates

BODY = "".join(
    f"<p>Đoạn văn thứ {i} của bài viết nói về công tác cải cách hành chính trên địa bàn tỉnh trong năm qua, "
    f"với nhiều kết quả đáng ghi nhận và các nhiệm vụ trọng tâm cho giai đoạn tới.</p>" for i in range(1, 5))
TITLE = "Hội nghị tổng kết công tác cải cách hành chính năm 2018"


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN_TZ)


def page(*, head: str = "", before: str = "", header: str = "", after: str = "", lists: str = "") -> str:
    return (f"<html><head><title>{TITLE} - Cổng thông tin</title>{head}</head><body>"
            f"<div class='menu'><a href='/'>Trang chủ</a> <a href='/tin-tuc'>Tin tức</a></div>{before}"
            f"<div class='main'><div class='head'><h1>{TITLE}</h1>{header}</div>"
            f"<div class='content'>{BODY}</div>{after}</div>{lists}"
            f"<div class='footer'><p>Cổng thông tin điện tử tỉnh</p></div></body></html>")


def parse(html: str, url: str | None = "https://so.gov.vn/tin-tuc/hoi-nghi.html"):
    doc = extract_html(html, url, family="generic")
    assert doc.kind == "article", doc
    return doc


# --------------------------------------------------------------------------- every source alone
@pytest.mark.parametrize(
    ("kw", "expected", "source"),
    [
        (dict(header="<p class='date'>Ngày đăng: 21/12/2018 09:26</p>"), vn(2018, 12, 21, 9, 26), "text:near-title"),
        (dict(before="<div class='bar'><span>Ngày đăng: 21/12/2018 09:26</span></div>"), vn(2018, 12, 21, 9, 26), "text:label"),
        (dict(header="<span style='display: none;'>21/12/2018 9:26:09 SA</span>"), vn(2018, 12, 21, 9, 26, 9),
         "hidden:near-title"),
        (dict(header="<span hidden>21/12/2018 9:26:09 SA</span>"), vn(2018, 12, 21, 9, 26, 9), "hidden:near-title"),
        (dict(header="<time datetime='2018-12-21T09:26:09+07:00'></time>"), vn(2018, 12, 21, 9, 26, 9),
         "time[datetime]"),
        (dict(head="<meta property='article:published_time' content='2018-12-21T02:26:09Z'>"),
         vn(2018, 12, 21, 9, 26, 9), "meta:article:published_time"),
        (dict(head="<meta name='dc.date' content='2018-12-21'>"), vn(2018, 12, 21), "meta:dc.date"),
        (dict(head="<meta name='pubdate' content='2018-12-21T09:26:00+07:00'>"), vn(2018, 12, 21, 9, 26),
         "meta:pubdate"),
        (dict(head="<meta itemprop='datePublished' content='2018-12-21T09:26'>"), vn(2018, 12, 21, 9, 26),
         "meta:datePublished"),
        (dict(head='<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
                   '[{"@type": "NewsArticle", "headline": "x", "datePublished": "2018-12-21T09:26:09+07:00"}]}'
                   '</script>'), vn(2018, 12, 21, 9, 26, 9), "json-ld:datePublished"),
        (dict(header="<span class='icon-clock' title='21/12/2018 09:26'></span>"), vn(2018, 12, 21, 9, 26),
         "attr:title"),
        (dict(header="<div class='info' data-date='2018-12-21T09:26:09'></div>"), vn(2018, 12, 21, 9, 26, 9),
         "attr:data-date"),
    ],
    ids=["near-title", "label", "display-none", "hidden-attr", "time-datetime", "meta-article", "meta-dc-date",
         "meta-pubdate", "meta-itemprop", "json-ld", "title-attr", "data-attr"],
)
def test_each_source_alone(kw: dict, expected: datetime, source: str) -> None:
    doc = parse(page(**kw))
    assert doc.published == expected
    assert doc.source.published_from == source


@pytest.mark.parametrize(
    ("url", "expected", "source"),
    [
        ("https://baochinhphu.vn/thu-tuong-chu-tri-hop-102241129123739455.htm", vn(2024, 11, 29, 12, 37, 39),
         "url:vcc-id"),
        ("https://dienbien.gov.vn/portal/Pages/2021-3-5/Hoi-nghi-tong-ket-abc123.aspx", vn(2021, 3, 5),
         "url:portal-pages"),
        ("https://tintaynguyen.com/2021/08/02/hoi-nghi-tong-ket/", vn(2021, 8, 2), "url:date-path"),
    ],
)
def test_timestamps_in_the_url(url: str, expected: datetime, source: str) -> None:
    doc = parse(page(), url=url)
    assert doc.published == expected
    assert doc.source.published_from == source


def test_upload_path_of_an_attachment() -> None:
    att = "<p>Xem chi tiết <a href='/upload/2005517/20181221/QD-123_30f7a.pdf'>tại đây</a>.</p>"
    doc = parse(page(after=att))
    assert doc.published == vn(2018, 12, 21)
    assert doc.source.published_from == "attachment-url:upload-path"


def test_no_candidate_no_date() -> None:
    doc = extract_html(page(), "https://so.gov.vn/tin-tuc/hoi-nghi.html", family="generic")
    assert doc.published is None and doc.source.published_from is None


# --------------------------------------------------------------------------- arbitration
def test_visible_day_refined_by_a_precise_meta_of_the_same_day() -> None:
    doc = parse(page(head="<meta property='article:published_time' content='2018-12-21T09:26:09+07:00'>",
                     header="<p>Ngày đăng: 21/12/2018</p>"))
    assert doc.published == vn(2018, 12, 21, 9, 26, 9)
    assert doc.source.published_from == "meta:article:published_time"


def test_visible_minute_refined_by_hidden_seconds() -> None:
    doc = parse(page(header="<p>Ngày đăng: 21/12/2018 09:26</p>"
                            "<span style='display:none'>21/12/2018 9:26:09 SA</span>"))
    assert doc.published == vn(2018, 12, 21, 9, 26, 9)


def test_disagreement_on_the_day_the_visible_date_wins() -> None:
    doc = parse(page(head="<meta property='article:published_time' content='2019-01-05T08:00:00+07:00'>",
                     header="<p>Ngày đăng: 21/12/2018</p>"))
    assert doc.published == vn(2018, 12, 21)
    assert doc.source.published_from == "text:near-title"


def test_disagreement_on_the_minute_the_visible_date_wins() -> None:
    doc = parse(page(head='<script type="application/ld+json">{"datePublished": "2018-12-21T10:40:00+07:00"}'
                          '</script>', header="<p>Ngày đăng: 21/12/2018 09:26</p>"))
    assert doc.published == vn(2018, 12, 21, 9, 26)


def test_url_id_of_another_day_does_not_override_the_page() -> None:
    doc = parse(page(header="<p>Ngày đăng: 21/12/2018 09:26</p>"),
                url="https://baochinhphu.vn/bai-viet-102241129123739455.htm")
    assert doc.published == vn(2018, 12, 21, 9, 26)


def test_updated_from_metas_and_json_ld() -> None:
    doc = parse(page(head="<meta property='og:updated_time' content='2018-12-22T08:00:00+07:00'>",
                     header="<p>Ngày đăng: 21/12/2018 09:26</p>"))
    assert doc.updated == vn(2018, 12, 22, 8, 0)
    assert doc.source.updated_from == "meta:og:updated_time"
    doc = parse(page(head='<script type="application/ld+json">{"dateModified": "2018-12-23T08:00:00+07:00"}'
                          '</script>', header="<p>Ngày đăng: 21/12/2018 09:26</p>"))
    assert doc.updated == vn(2018, 12, 23, 8, 0) and doc.source.updated_from == "json-ld:dateModified"


def test_a_date_inside_a_linked_item_is_never_the_articles() -> None:
    teaser = "<div class='hot'><a href='/khac.html'>Tin khác rất dài về một chủ đề</a> <span>(01/01/2017)</span></div>"
    doc = parse(page(header=teaser + "<p>Ngày đăng: 21/12/2018</p>"))
    assert doc.published == vn(2018, 12, 21)


def test_agreement_rules() -> None:
    day = Candidate(vn(2018, 12, 21), "day", "a", True)
    minute = Candidate(vn(2018, 12, 21, 9, 26), "minute", "b")
    second = Candidate(vn(2018, 12, 21, 9, 26, 9), "second", "c")
    other_minute = Candidate(vn(2018, 12, 21, 9, 27), "minute", "d")
    assert agrees(day, second) and agrees(minute, second) and not agrees(minute, other_minute)
    assert arbitrate([day, minute, second]) is second
    assert arbitrate([minute, other_minute]) is minute
    assert arbitrate([]) is None


def test_url_candidates_reject_impossible_stamps() -> None:
    assert url_candidates("https://x.vn/a-102249929123739455.htm") == []  # month 99
    assert url_candidates(None) == []


# --------------------------------------------------------------------------- list items
def _lists(items: str) -> str:
    return f"<div class='side'><h3>Tin liên quan</h3><ul>{items}</ul></div>"


def test_list_item_times_from_ids_in_links() -> None:
    items = ("<li><a href='/chinh-phu-hop-chuyen-de-102241120081500321.htm'>Chính phủ họp chuyên đề pháp luật</a></li>"
             "<li><a href='/phien-hop-thang-10-102241102090000123.htm'>Phiên họp Chính phủ thường kỳ tháng 10</a>"
             " <span>(02/11/2024)</span></li>"
             "<li><a href='/tin-khong-so.htm'>Tin không có số định danh nào cả</a></li>")
    doc = parse(page(header="<p>Ngày đăng: 21/12/2018</p>", lists=_lists(items)))
    got = {i.title: i.published for i in doc.related}
    assert got["Chính phủ họp chuyên đề pháp luật"] == vn(2024, 11, 20, 8, 15)  # the id alone
    assert got["Phiên họp Chính phủ thường kỳ tháng 10"] == vn(2024, 11, 2, 9, 0)  # day refined by the id
    assert got["Tin không có số định danh nào cả"] is None  # never invented


def test_list_item_visible_day_wins_over_an_id_of_another_day() -> None:
    items = "<li><a href='/bai-102241120081500321.htm'>Bài viết có ngày khác trong mã số</a> (05/01/2019)</li>"
    doc = parse(page(header="<p>Ngày đăng: 21/12/2018</p>", lists=_lists(items)))
    assert doc.related[0].published == vn(2019, 1, 5)


def test_list_item_times_from_attributes() -> None:
    items = ("<li><a href='/a.html' title='29/09/2021 2:08:40 CH'>Kết quả cải cách hành chính quý III</a></li>"
             "<li data-id='102210930151854123'><a href='/b.html'>Hội nghị trực tuyến toàn quốc</a></li>"
             "<li><a href='/c.html' title='Hội nghị tổng kết'>Hội nghị tổng kết</a></li>")
    doc = parse(page(header="<p>Ngày đăng: 21/12/2018</p>", lists=_lists(items)))
    got = [i.published for i in doc.related]
    assert got == [vn(2021, 9, 29, 14, 8, 40), vn(2021, 9, 30, 15, 18, 54), None]


def test_list_item_time_in_a_sibling_title_attribute() -> None:
    items = ("<li><a href='/a.html'>Kết quả cải cách hành chính quý III</a> "
             "<span class='icon-time' title='29/09/2021 2:08:40 CH'></span></li>"
             "<li><a href='/b.html'>Hội nghị trực tuyến toàn quốc tháng 10</a> <span class='new'>mới</span></li>")
    doc = parse(page(header="<p>Ngày đăng: 21/12/2018</p>", lists=_lists(items)))
    assert [i.published for i in doc.related] == [vn(2021, 9, 29, 14, 8, 40), None]


# --------------------------------------------------------------------------- the date in one place only
def _only_in(html: str, want: datetime, where: str) -> str:
    """The page with every visible copy of its date removed and the date put back in ``where`` only."""
    import json as _json

    from bs4 import BeautifulSoup

    from ingest.dates import parse_datetime

    soup = BeautifulSoup(html, "lxml")
    for s in list(soup.find_all(string=True)):
        t = str(s).strip()
        if t and len(t) < 160 and s.parent.name not in ("script", "style") and s.find_parent("a") is None:
            dt = parse_datetime(t)
            if dt is not None and dt.date() == want.date():
                s.replace_with("")
    for el in soup.find_all(["time", "meta"]):
        if el.name == "time" or el.get("name") == "description" or "published" in str(el.get("property")):
            el.decompose()
    h1 = soup.find("h1")
    stamp = want.strftime("%d/%m/%Y %H:%M:%S")
    snippet = {
        "meta": f"<meta property='article:published_time' content='{want.isoformat()}'>",
        "time": f"<time datetime='{want.isoformat()}'></time>",
        "hidden": f"<span style='display:none'>{stamp}</span>",
        "title_attr": f"<span class='icon' title='{stamp}'></span>",
    }.get(where)
    if where == "jsonld":
        tag = soup.new_tag("script", type="application/ld+json")
        tag.string = _json.dumps({"@type": "NewsArticle", "datePublished": want.isoformat()})
        soup.head.append(tag)
    elif where == "meta":
        soup.head.append(BeautifulSoup(snippet, "lxml").meta)
    else:
        h1.insert_after(BeautifulSoup(snippet, "lxml").body.contents[0])
    return str(soup)


@pytest.mark.parametrize("where", ["meta", "time", "jsonld", "hidden", "title_attr"])
def test_fixture_articles_with_the_date_in_one_machine_place_only(where: str) -> None:
    from tests.conftest import FIXTURES
    from tests.portal_scoring import decode_page, load_truth

    root = FIXTURES / "portal"
    arts = [r for r in load_truth(root) if r["kind"] == "article"]
    assert len(arts) >= 8
    for rec in arts:
        want = datetime.fromisoformat(rec["published"])
        html = _only_in(decode_page((root / rec["file"]).read_bytes()), want, where)
        doc = extract_html(html, rec["url"])
        assert doc.published == want, (rec["file"], where, doc.source.published_from)
