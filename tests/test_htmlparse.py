"""extract_html on layouts portalgen does not render, and on the HTML quirks real portals have.

The hand-written pages in tests/fixtures/html follow the snippets of shared/design/portal-markup.md
(BizWeb ASP.NET module CMS, Liferay 7 / ncov.moh.gov.vn, SharePoint "Tân Dân", Báo Chính phủ /
VCCorp, and a news site no family describes). Each is checked twice: with family detection, and
with the family table switched off (``family="generic"``), so the generic fallback is held to the
same expectations.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest

from ingest.document import VN_TZ
from ingest.families import BY_NAME, FAMILIES, detect_family
from ingest.htmlparse import extract_html
from tests.conftest import FIXTURES

HTML = FIXTURES / "html"


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN_TZ)


def load(name: str) -> str:
    return (HTML / name).read_text(encoding="utf-8")


CASES = {
    "bizweb_detail.html": dict(
        family="aspnet_vi",
        url="https://stp.example.gov.vn/tin-tuc/hoi-nghi-tong-ket-cong-tac-nam-2014-1234.aspx",
        site="stp.example.gov.vn",
        title="Hội nghị tổng kết công tác năm 2014",
        published=vn(2014, 8, 27, 16, 3),  # hidden span "27-08-2014 04:03 CH"
        category=["Tin tức"],
        summary=None,
        body_first="Sáng 27/8, Sở Tư pháp tổ chức hội nghị tổng kết",
        body_last="cho hơn 15.000 lượt người.",
        paragraphs=2,
        attachments=[("Báo cáo tổng kết công tác tư pháp năm 2014",
                      "https://stp.example.gov.vn/Uploads/files/bao-cao-tong-ket-2014.doc")],
        related=[("Tập huấn nghiệp vụ hộ tịch", "https://stp.example.gov.vn/tin-tuc/tap-huan-nghiep-vu-ho-tich-1200.aspx",
                  vn(2014, 8, 20, 9, 15)),
                 ("Kiểm tra công tác chứng thực",
                  "https://stp.example.gov.vn/tin-tuc/kiem-tra-cong-tac-chung-thuc-1180.aspx", vn(2014, 8, 12, 12, 30))],
        latest=[],
        images=[],
    ),
    "liferay7_ncov.html": dict(
        family="liferay7",
        url="https://ncov.moh.gov.vn/web/guest/-/6847426-3539",
        site="ncov.moh.gov.vn",
        title="Phản ứng thông thường sau tiêm vắc xin phòng COVID-19",
        published=vn(2021, 4, 19, 15, 17),
        category=[],
        summary=None,
        body_first="Sau khi tiêm vắc xin phòng COVID-19,",
        body_last="cần báo ngay cho cơ sở y tế gần nhất để được xử trí kịp thời.",
        paragraphs=3,
        attachments=[("Hướng dẫn theo dõi sức khỏe sau tiêm chủng",
                      "https://ncov.moh.gov.vn/documents/20182/6863405/Huong_dan_theo_doi_sau_tiem.pdf/0c6a5e1b"
                      "?t=1618822000")],
        related=[("Những ai không nên tiêm vắc xin phòng COVID-19?",
                  "https://ncov.moh.gov.vn/web/guest/-/6847426-3530", vn(2021, 5, 24, 22, 38)),
                 ("Tiêm vắc xin COVID-19 cho nhân viên y tế tuyến đầu",
                  "https://ncov.moh.gov.vn/web/guest/-/6847426-3521", vn(2021, 4, 16, 8, 5))],
        latest=[],
        images=[],
    ),
    "tandan_dienbien.html": dict(
        family="tandan_sharepoint",
        url=None,
        site="dienbien.gov.vn",
        title="UBND tỉnh ban hành Kế hoạch cải cách hành chính năm 2019",
        published=vn(2018, 12, 21, 9, 26, 9),
        category=["Tin tức - Sự kiện", "Tin trong tỉnh"],
        summary="Ngày 20/12, UBND tỉnh ban hành Kế hoạch số 4512/KH-UBND về cải cách hành chính năm 2019.",
        body_first="Kế hoạch xác định mục tiêu đẩy mạnh cải cách thủ tục hành chính,",
        body_last="xây dựng kế hoạch triển khai trước ngày 31/01/2019.",
        paragraphs=2,
        attachments=[("4512-KH-UBND.pdf", "https://dienbien.gov.vn/portal/VanBan/2018-12/4512-KH-UBND.pdf")],
        related=[("Hội nghị tổng kết công tác CCHC năm 2018",
                  "https://dienbien.gov.vn/portal/Pages/2018-12-20/Hoi-nghi-tong-ket-cong-tac-CCHC-a1b2.aspx",
                  vn(2018, 12, 20)),
                 ("Công bố chỉ số CCHC cấp tỉnh",
                  "https://dienbien.gov.vn/portal/Pages/2018-12-18/Cong-bo-chi-so-CCHC-cap-tinh-d4e5.aspx",
                  vn(2018, 12, 18))],
        latest=[],
        images=[],
    ),
    "vcc_baochinhphu.html": dict(
        family="vcc_news",
        url="https://baochinhphu.vn/thu-tuong-chu-tri-phien-hop-chinh-phu-thuong-ky-thang-11-102241129123739455.htm",
        site="baochinhphu.vn",
        title="Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 11",
        published=vn(2024, 11, 29, 12, 37, 39),  # the page prints 12:37; the id in its URL adds :39
        category=["Thời sự"],
        summary="(Chinhphu.vn) - Sáng 29/11, Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 11 năm 2024.",
        body_first="Phiên họp đánh giá tình hình kinh tế - xã hội tháng 11",
        body_last="chuẩn bị kỹ cho năm 2025.",
        paragraphs=3,
        attachments=[],
        related=[("Chính phủ họp chuyên đề pháp luật",
                  "https://baochinhphu.vn/chinh-phu-hop-chuyen-de-phap-luat-102241120081500321.htm",
                  vn(2024, 11, 20, 8, 15)),
                 ("Phiên họp Chính phủ thường kỳ tháng 10",
                  "https://baochinhphu.vn/phien-hop-thuong-ky-thang-10-102241102090000123.htm",
                  vn(2024, 11, 2, 9, 0))],
        latest=[("Thủ tướng tiếp Đại sứ", "https://baochinhphu.vn/thu-tuong-tiep-dai-su-102241129150000777.htm",
                 vn(2024, 11, 29, 15, 0))],
        images=[("https://bcp.cdnchinhphu.vn/2024/11/29/phien-hop.jpg", "Thủ tướng phát biểu tại phiên họp - Ảnh: VGP")],
    ),
    "news_generic.html": dict(
        family="generic",
        url=None,
        site=None,
        title="Bộ GD&ĐT công bố lịch thi tốt nghiệp THPT năm 2022",
        published=vn(2022, 1, 21, 9, 26),
        category=["Giáo dục", "Thi cử"],
        summary="GD&TĐ - Kỳ thi tốt nghiệp THPT năm 2022 sẽ diễn ra trong hai ngày 7 và 8/7.",
        body_first="Theo kế hoạch, thí sinh làm thủ tục dự thi vào ngày 6/7;",
        body_last="Minh An",
        paragraphs=5,  # the <br><br> run splits the third <p> into two paragraphs
        attachments=[],
        related=[("Đề thi tham khảo năm 2022 có gì mới?", "/thi-cu/de-thi-tham-khao-2022-post551234.html",
                  vn(2022, 1, 2, 16, 6)),
                 ("Lịch thi tốt nghiệp THPT năm 2021", "/thi-cu/lich-thi-2021-post541111.html", vn(2021, 3, 15, 8, 0))],
        latest=[("Trường học an toàn mùa dịch", "/giao-duc/truong-hoc-an-toan-post552000.html",
                 vn(2022, 1, 21, 10, 15))],
        images=[],
    ),
}

FOOTER_WORDS = ("Chịu trách nhiệm", "Ghi rõ nguồn", "Email:", "Tổng Biên tập", "Trưởng ban biên tập", "Tin đọc nhiều",
                "Từ khóa", "Trang chủ", "Đọc nhiều", "Tuyển sinh đầu cấp", "Họp báo Chính phủ", "03:25")


@pytest.mark.parametrize("name", sorted(CASES))
def test_family_detection(name: str) -> None:
    assert detect_family(load(name)).name == CASES[name]["family"]


@pytest.mark.parametrize("mode", [None, "generic"], ids=["families", "generic-only"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_hand_written_pages(name: str, mode: str | None) -> None:
    want = CASES[name]
    url = want["url"] if name.startswith("bizweb") else None  # the BizWeb page names no canonical URL
    doc = extract_html(load(name), url=url, family=mode)
    assert doc.kind == "article"
    assert doc.url == want["url"]
    assert doc.site == want["site"]
    assert doc.title == want["title"]
    assert doc.published == want["published"]
    assert doc.category == want["category"]
    assert doc.summary == want["summary"]
    paras = doc.paragraphs
    assert len(paras) == want["paragraphs"], paras
    assert paras[0].startswith(want["body_first"])
    assert paras[-1].endswith(want["body_last"])
    for word in FOOTER_WORDS:
        assert word not in doc.body, word
    assert "\n\n\n" not in doc.body and doc.body == doc.body.strip()
    assert [(a.title, a.url) for a in doc.attachments] == want["attachments"]
    assert [(i.title, i.url, i.published) for i in doc.related] == want["related"]
    assert [(i.title, i.url, i.published) for i in doc.latest] == want["latest"]
    assert [(i.url, i.caption) for i in doc.images] == want["images"]
    if want["summary"]:
        assert want["summary"] not in doc.body


def test_url_argument_wins_and_makes_links_absolute() -> None:
    doc = extract_html(load("news_generic.html"), url="https://www.giaoduc.net.vn/thi-cu/lich-thi-2022-post552001.html")
    assert doc.site == "giaoduc.net.vn"
    assert doc.related[0].url == "https://www.giaoduc.net.vn/thi-cu/de-thi-tham-khao-2022-post551234.html"


# --------------------------------------------------------------------------- HTML quirks
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} - Cổng thông tin điện tử huyện</title></head>
<body><div id="menu"><a href="/">Trang chủ</a> | <a href="/tin-tuc">Tin tức</a></div>
<table class="layout"><tr><td class="left">Liên kết website<br><a href="http://chinhphu.vn">Chính phủ</a></td>
<td class="center"><div class="path"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc">Tin tức</a></div>
<h1>{title}</h1>
<div class="content">{body}</div>
<div class="meta">Người viết: Phòng Văn hóa</div><div class="meta2">Ngày đăng: 05/03/2019 2:05:09 CH | Lượt xem: 99</div>
<table class="others"><tr><td class="head">TIN LIÊN QUAN</td></tr>
<tr><td><a href="/tin-tuc/hoi-nghi-1.aspx">Hội nghị triển khai nhiệm vụ năm 2019</a>(04/03/2019 12:30:00 SA)</td></tr>
<tr><td><a href="/tin-tuc/hoi-nghi-2.aspx">Tập huấn nghiệp vụ văn thư</a> (01/03/2019 12:15:00 CH)</td></tr></table>
</td></tr></table>
<div class="bottom">Chịu trách nhiệm chính: Chủ tịch UBND huyện. Điện thoại: 0213 3876 543</div></body></html>"""

TITLE = "Huyện tổ chức Ngày hội văn hóa các dân tộc năm 2019"


def test_unknown_table_layout_with_quirks() -> None:
    body = (
        "<p>&nbsp;</p>"
        "<p style=\"text-align:justify\"><span style=\"font-size:13pt\">Ng&agrave;y h&#7897;i di&#x1EC5;n ra "
        "trong hai ng&agrave;y v&#7899;i nhiều hoạt động văn hóa, thể thao truyền thống của đồng bào.</span></p>"
        "<p></p><p><br /></p>"
        "<p>" + unicodedata.normalize("NFD", "Đồng chí Phó Chủ tịch UBND huyện phát biểu khai mạc ngày hội.")
        + "<br /><br />\xa0Các đội tham gia đến từ mười lăm xã, thị trấn trên địa bàn huyện.<br /></p>"
        "<p style=\"text-align:center\"><img src=\"/Upload/anh-ngay-hoi.jpg\"></p>"
        "<p style=\"text-align:center\"><em>Các đại biểu tham quan gian trưng bày</em></p>"
        "<p>Kết thúc ngày hội, Ban tổ chức trao giải cho các đội đạt thành tích cao.</p>"
        "<p><strong>File đính kèm:</strong> <a href=\"/Upload/ke-hoach-to-chuc.docx\">Kế hoạch tổ chức ngày hội</a></p>"
        "<p>Lượt xem: 1234</p>"
    )
    doc = extract_html(PAGE.format(title=TITLE, body=body), url="https://vanhoa.example-huyen.gov.vn/tin-tuc/ngay-hoi.aspx")
    assert doc.kind == "article"
    assert doc.title == TITLE
    assert doc.published == vn(2019, 3, 5, 14, 5, 9)
    assert doc.category == ["Tin tức"]
    assert doc.paragraphs == [
        "Ngày hội diễn ra trong hai ngày với nhiều hoạt động văn hóa, thể thao truyền thống của đồng bào.",
        "Đồng chí Phó Chủ tịch UBND huyện phát biểu khai mạc ngày hội.",
        "Các đội tham gia đến từ mười lăm xã, thị trấn trên địa bàn huyện.",
        "Kết thúc ngày hội, Ban tổ chức trao giải cho các đội đạt thành tích cao.",
    ]
    assert unicodedata.is_normalized("NFC", doc.body) and "\xa0" not in doc.body
    assert [(i.url, i.caption) for i in doc.images] == [
        ("https://vanhoa.example-huyen.gov.vn/Upload/anh-ngay-hoi.jpg", "Các đại biểu tham quan gian trưng bày")]
    assert [(a.title, a.url) for a in doc.attachments] == [
        ("Kế hoạch tổ chức ngày hội", "https://vanhoa.example-huyen.gov.vn/Upload/ke-hoach-to-chuc.docx")]
    assert [(i.title, i.published) for i in doc.related] == [
        ("Hội nghị triển khai nhiệm vụ năm 2019", vn(2019, 3, 4, 0, 30)),
        ("Tập huấn nghiệp vụ văn thư", vn(2019, 3, 1, 12, 15)),
    ]
    assert doc.related[0].url == "https://vanhoa.example-huyen.gov.vn/tin-tuc/hoi-nghi-1.aspx"


def test_listing_and_home_pages_are_not_articles() -> None:
    items = "".join(
        f'<div class="item"><h3><a href="/tin-tuc/bai-{i}.html">Tiêu đề bài viết số {i} về hoạt động của sở</a></h3>'
        f'<span class="date">0{i}/03/2019 08:0{i}</span><p>Tóm tắt bài viết số {i}: nội dung ngắn giới thiệu hoạt động '
        f'của cơ quan trong tuần, các cuộc họp và văn bản mới ban hành.</p></div>'
        for i in range(1, 9))
    html = (f"<html><head><title>Tin tức - Sở Nội vụ</title></head><body><h1>Tin tức</h1>{items}"
            "<div class='footer'>Chịu trách nhiệm chính: Giám đốc Sở</div></body></html>")
    for url, kind in (("https://snv.example.gov.vn/tin-tuc.html", "listing"), ("https://snv.example.gov.vn/", "other")):
        doc = extract_html(html, url=url)
        assert doc.kind == kind, url  # a home page is "other" (issue 9), its teasers are not its text
        assert doc.published is None and doc.body == ""


def test_deeply_nested_html_does_not_crash() -> None:
    html = "<html><body>" + "<div>" * 5000 + "<p>Nội dung sâu</p>" + "</div>" * 5000 + "</body></html>"
    doc = extract_html(html)
    assert doc.kind in ("article", "listing", "other")


def test_wordpress_breadcrumb_drops_the_article_title() -> None:
    html = ("<html><head><link rel='canonical' href='https://www.example.vn/2020/01/02/bai-viet/'>"
            "<meta property='article:published_time' content='2020-01-02T08:30:00+07:00'>"
            "<link rel='stylesheet' href='/wp-content/themes/x/style.css'></head><body class='single single-post'>"
            "<nav class='breadcrumbs'><a href='/'>Trang chủ</a> » <a href='/category/tin/'>Tin tức</a> » "
            "<span class='breadcrumb_last'>Bài viết mẫu về cải cách hành chính</span></nav>"
            "<article><h1 class='entry-title'>Bài viết mẫu về cải cách hành chính</h1><div class='entry-content'>"
            "<p>Đoạn một của bài viết mẫu có đủ độ dài để được xem là nội dung chính của bài.</p>"
            "<p>Đoạn hai của bài viết mẫu.</p></div></article></body></html>")
    doc = extract_html(html)
    assert detect_family(html).name == "wordpress"
    assert doc.site == "example.vn"
    assert doc.category == ["Tin tức"]
    assert doc.published == vn(2020, 1, 2, 8, 30)
    assert doc.paragraphs == ["Đoạn một của bài viết mẫu có đủ độ dài để được xem là nội dung chính của bài.",
                              "Đoạn hai của bài viết mẫu."]


# --------------------------------------------------------------------------- the family table
def test_all_nine_families_are_described() -> None:
    names = {f.name for f in FAMILIES}
    assert names == {"aspnet_vi", "liferay62", "liferay7", "sharepoint_ministry", "tandan_sharepoint", "vcc_news",
                     "upload_cms", "ministry_other", "wordpress", "vnexpress", "dantri", "cms_story"}
    for fam in FAMILIES:
        assert fam.title and fam.date and fam.body and fam.detect and fam.date_notes, fam.name
        assert fam is BY_NAME[fam.name]


def test_every_selector_compiles() -> None:
    import soupsieve

    from ingest.families import COMMON_NOISE, GENERIC

    fields = ("article", "title", "date", "updated", "summary", "body", "breadcrumb", "related", "latest",
              "attachments", "captions", "noise")
    for fam in (*FAMILIES, GENERIC):
        for name in fields:
            for sel in getattr(fam, name):
                css = sel.rsplit("@", 1)[0] if "@" in sel and not sel.endswith("]") else sel
                soupsieve.compile(css)
    for sel in COMMON_NOISE:
        soupsieve.compile(sel)


def test_hostile_and_broken_markup_never_raises() -> None:
    """Malformed URLs, impossible dates, stray tags and random tag soup give a Document, never an error."""
    import random

    cases = ["", "   ", "<html></html>", "plain text only", "<", "<<<>>>", "\x00\x01\x02",
             '<html><head><link rel="canonical" href="http://[::1/x"></head><body><h1>Tiêu đề bài viết đủ dài</h1>'
             "<p>" + "Nội dung dài. " * 40 + '</p><a href="http://[bad">x</a><img src="http://[bad/a.jpg">'
             '<a href="/a.pdf">Tải về</a></body></html>',
             '<html><body><h1>T</h1><time datetime="9999-99-99">x</time><p>Ngày đăng: 99/99/9999 99:99</p></body></html>',
             '<meta property="og:url" content="https://www.x.gov.vn/a"><p>Ngày đăng: 31/02/2020</p>']
    rnd = random.Random(1)
    parts = ['<p>', '</p>', '<a href="/x">', '</a>', 'Tin liên quan', '<br>', '(12/12/2020 1:00:00 CH)', '<h1>',
             '</h1>', '<div class="sapo">', '</div>', '<table><tr><td>', 'chữ ', '<img src=x>', '&nbsp;',
             '<time datetime="2020-01-01">', '<a href="javascript:void(0)">', '<li>', 'Tin mới nhất']
    cases += ["".join(rnd.choice(parts) for _ in range(rnd.randint(0, 60))) for _ in range(200)]
    for html in cases:
        doc = extract_html(html)
        assert doc.kind in ("article", "listing", "other")
        doc.to_json()
    broken = extract_html(cases[7], url="https://www.x.gov.vn/tin/a.html")
    assert broken.site == "x.gov.vn" and broken.kind == "article"
    assert [a.url for a in broken.attachments] == ["https://www.x.gov.vn/a.pdf"]


def test_listing_category_is_its_own_trail() -> None:
    """A listing's breadcrumb ends with the listing itself, which is its category (an article's
    trailing self-title is dropped instead)."""
    html = ("<html><head><title>Dự án kêu gọi đầu tư</title></head><body>"
            "<div class='navpath'><a href='/'>Trang chủ</a> &gt; <a href='/xtdt.aspx'>Xúc tiến đầu tư</a> &gt; "
            "<a href='/xtdt/da.aspx'>Dự án kêu gọi đầu tư</a></div><h1>Dự án kêu gọi đầu tư</h1>"
            + "".join(f"<div><a href='/xtdt/da/bai-{i}.aspx'>Dự án số {i} kêu gọi nhà đầu tư trong nước</a>"
                      f"<span>(0{i}/05/2020 9:00:00 SA)</span></div>" for i in range(1, 8))
            + "</body></html>")
    doc = extract_html(html, url="https://skhdt.example.gov.vn/xtdt/da.aspx")
    assert doc.kind == "listing"
    assert doc.category == ["Xúc tiến đầu tư", "Dự án kêu gọi đầu tư"]


def test_site_from_footer_address_when_no_url() -> None:
    html = ("<html><body><h1>Tiêu đề bài viết kiểm thử trang</h1><p>" + "Nội dung bài viết. " * 30 + "</p>"
            "<div class='footer'>Email: banbientap@laichau.gov.vn<br>www.cchc.laichau.gov.vn</div></body></html>")
    assert extract_html(html).site == "cchc.laichau.gov.vn"
    assert extract_html(html, url="https://www.other.gov.vn/a.html").site == "other.gov.vn"


def test_decomposed_unicode_headings_and_link_words() -> None:
    """NFD text (decomposed tone marks) in list headings and attachment link words still counts."""
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    html = ("<html><body><h1>" + nfd("Thông báo lịch tiếp công dân tháng 5") + "</h1>"
            "<p>" + nfd("Ngày đăng: 02/05/2023 08:00") + "</p><div class='noidung'>"
            + "".join(f"<p>{nfd('Đoạn nội dung số')} {i} {nfd('của thông báo, đủ dài để là nội dung chính của một bài viết trên cổng thông tin.')}</p>"
                      for i in range(4))
            + "<p>" + nfd("Xem chi tiết") + " <a href='/files/lich-tiep?id=5'>" + nfd("tại đây") + "</a>.</p></div>"
            "<div><h3>" + nfd("Tin liên quan") + "</h3><ul><li><a href='/tb/4.html'>"
            + nfd("Lịch tiếp công dân tháng 4") + "</a> (03/04/2023)</li></ul></div></body></html>")
    doc = extract_html(html, url="https://ubnd.example.gov.vn/tb/5.html")
    assert doc.title == "Thông báo lịch tiếp công dân tháng 5"
    assert doc.published == vn(2023, 5, 2, 8, 0)
    assert [(i.title, i.published) for i in doc.related] == [("Lịch tiếp công dân tháng 4", vn(2023, 4, 3))]
    assert [a.url for a in doc.attachments] == ["https://ubnd.example.gov.vn/files/lich-tiep?id=5"]
    assert len(doc.paragraphs) == 4 and unicodedata.is_normalized("NFC", doc.body)


def test_article_date_never_comes_from_a_list_item() -> None:
    """A Liferay page whose article date node is missing must not take a "Tin mới nhất" timer."""
    html = ("<html><head><script>Liferay.ThemeDisplay = {};</script></head><body><div class='dd_chuyenmuc'>"
            "<span class='trangchu'><a href='/'>Trang chủ</a></span> --&gt; <span>Tin tức</span></div>"
            "<div class='asset-full-content'><div class='title-news'><h1>Bài viết không ghi ngày đăng</h1></div>"
            "<div class='journal-content-article'>" + "<p>Nội dung bài viết đủ dài cho một đoạn văn bản.</p>" * 5
            + "</div></div><h2 class='portlet-title'>Tin mới nhất</h2><ul class='tin-moi'><li class='asset-title'>"
            "<a href='/tin/-/view_content/1-a.html'>Tin khác mới hơn</a><div class='assetPublishDate block_timer'>"
            " 21/07/2022 | 10:00 AM </div></li></ul></body></html>")
    doc = extract_html(html, url="https://so.example.gov.vn/tin/-/view_content/2-b.html")
    assert detect_family(html).name == "liferay62"
    assert doc.kind == "article" and doc.published is None
    assert [(i.title, i.published) for i in doc.latest] == [("Tin khác mới hơn", vn(2022, 7, 21, 10, 0))]
