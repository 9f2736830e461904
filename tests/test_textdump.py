"""Text-dump parsing: the seed page's exact expected values (issue 2, acceptance 1) and the heuristics."""

from __future__ import annotations

from datetime import datetime

import pytest

from ingest.document import VN_TZ, iso
from ingest.textdump import extract_text, split_breadcrumb
from tests.conftest import FIXTURES

SEED = FIXTURES / "seed" / "000_421f44de57733f7b.txt"

RELATED = [
    ("Kết quả thực hiện công tác cải cách hành chính Quý III năm 2021 của tỉnh Lai Châu", "2021-09-29T14:08:40+07:00"),
    ("Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2021 tại tỉnh Lai Châu", "2021-06-23T14:28:16+07:00"),
    ("Kết quả thực hiện công tác cải cách hành của chính tỉnh Lai Châu năm 2020", "2020-12-13T16:55:00+07:00"),
    ("Kết quả thực hiện công tác cải cách hành của chính tỉnh Lai Châu quý III năm 2020", "2020-09-14T14:29:52+07:00"),
    ("Kết quả thực hiện công tác cải cách hành của chính tỉnh Lai Châu 06 tháng đầu năm 2020", "2020-06-12T10:56:35+07:00"),
]
LATEST = [
    ("Lai Châu xếp hạng 50/63 tỉnh, thành phố trực thuộc Trung ương về chuyển đổi số cấp tỉnh năm 2020",
     "2021-10-20T08:13:45+07:00"),
    ("Hội nghị trực tuyến triển khai xây dựng Đề án phân cấp trong giải quyết thủ tục hành chính",
     "2021-09-30T15:18:54+07:00"),
    ("Ứng dụng VssID - Bảo hiểm xã hội số: Tiện lợi, công khai, minh bạch thông tin", "2021-09-26T15:50:01+07:00"),
    ('Trao giải Cuộc thi "tìm hiểu cải cách hành chính và văn hóa công sở" năm 2021', "2021-09-26T10:00:09+07:00"),
    ("Kết quả thực hiện công tác cải cách hành chính Quý III năm 2021 của tỉnh Lai Châu", "2021-09-29T14:08:40+07:00"),
]


@pytest.fixture(scope="module")
def seed_doc():
    return extract_text(SEED.read_text(encoding="utf-8"))


def test_seed_header(seed_doc):
    assert seed_doc.kind == "article"
    assert seed_doc.title == "Kết quả thực hiện công tác cải cách hành chính tỉnh Lai Châu năm 2018"
    assert seed_doc.published == datetime(2018, 12, 21, 9, 26, 9, tzinfo=VN_TZ)
    assert iso(seed_doc.published) == "2018-12-21T09:26:09+07:00"
    assert seed_doc.updated is None
    assert seed_doc.category == ["Kết quả CCHC", "Báo cáo CCHC định kỳ"]
    assert " ".join(seed_doc.category) == "Kết quả CCHC Báo cáo CCHC định kỳ"
    assert seed_doc.site == "cchc.laichau.gov.vn"
    assert seed_doc.url is None
    assert seed_doc.summary is None


def test_seed_body_is_exactly_the_eight_paragraphs(seed_doc):
    paras = seed_doc.paragraphs
    assert len(paras) == 8
    assert paras[0].startswith("Năm 2018, Tỉnh ủy, HĐND tỉnh, UBND tỉnh quan tâm chỉ đạo sát sao")
    assert paras[0].endswith("được thực hiện nghiêm túc, đầy đủ, kịp thời theo quy định của pháp luật.")
    assert paras[1].startswith("Nguyên nhân khách quan dẫn đến hạn chế")
    assert paras[3] == ("Để khắc phục những hạn chế, năm 2019, UBND tỉnh xác định một số nhiệm vụ "
                        "trọng tâm cẩn đẩy mạnh thực hiện:")
    assert [p.split(",")[0] for p in paras[4:]] == ["Một là", "Hai là", "Ba là", "Bốn là"]
    assert paras[-1].endswith("nâng cao chất lượng giải quyết thủ tục hành chính cho cá nhân, tổ chức.")
    assert seed_doc.body == "\n\n".join(paras)
    # Every paragraph is a line of the original file, verbatim.
    source_lines = set(SEED.read_text(encoding="utf-8").splitlines())
    assert all(p in source_lines for p in paras)


@pytest.mark.parametrize("junk", [
    "Trang chủ", "Ngày đăng", "Ảnh minh họa", "Xem chi tiết", "Tin liên quan", "Tin mới nhất",
    "TRANG THÔNG TIN", "Chịu trách nhiệm", "Vừ A Tiến", "02133 876 650", "cchc@laichau.gov.vn",
    "www.", "VssID", "29/09/2021", "Báo cáo CCHC định kỳ",
])
def test_seed_body_has_no_breadcrumb_caption_list_or_footer_text(seed_doc, junk):
    assert junk not in seed_doc.body
    assert junk not in seed_doc.title


def test_seed_lists_exact(seed_doc):
    assert [(i.title, iso(i.published), i.url) for i in seed_doc.related] == [(t, p, None) for t, p in RELATED]
    assert [(i.title, iso(i.published), i.url) for i in seed_doc.latest] == [(t, p, None) for t, p in LATEST]


def test_seed_json_roundtrip(seed_doc):
    from ingest.document import Document

    again = Document.from_json(seed_doc.to_json())
    assert again.to_dict() == seed_doc.to_dict()
    assert again.related[0].published.isoformat() == "2021-09-29T14:08:40+07:00"


def test_given_url_sets_url_and_site():
    doc = extract_text(SEED.read_text(encoding="utf-8"), url="https://www.cchc.laichau.gov.vn/a.aspx")
    assert doc.url == "https://www.cchc.laichau.gov.vn/a.aspx"
    assert doc.site == "cchc.laichau.gov.vn"


@pytest.mark.parametrize("rest, title, expected", [
    ("Kết quả CCHC Báo cáo CCHC định kỳ", None, ["Kết quả CCHC", "Báo cáo CCHC định kỳ"]),
    ("Tin tức > Hoạt động của Sở", None, ["Tin tức", "Hoạt động của Sở"]),
    ("» Văn bản » Quyết định", None, ["Văn bản", "Quyết định"]),
    ("Công nghệ thông tin -->", None, ["Công nghệ thông tin"]),
    ("Tin tức Lai Châu Hoạt động", None, ["Tin tức", "Lai Châu Hoạt động"]),
    ("Tin tức Sự kiện Bài một", "Bài một", ["Tin tức", "Sự kiện"]),
    ("", None, []),
])
def test_split_breadcrumb(rest, title, expected):
    assert split_breadcrumb(rest, title) == expected


def test_generic_dump_without_breadcrumb_or_footer():
    text = (
        "Hội nghị tổng kết năm\n"
        "Cập nhật lúc 08:30 ngày 05/01/2021\n"
        "\n"
        "Sáng nay đã diễn ra hội nghị.\n"
        "(Ảnh: Văn phòng)\n"
        "Hội nghị thống nhất các nhiệm vụ.\n"
        "Tin khác:\n"
        "Một tin khác (04/01/2021 4:05:06 CH)\n"
        "Tin không có ngày\n"
        "Bản quyền thuộc về Sở, https://sotttt.example.gov.vn\n"
    )
    doc = extract_text(text)
    assert doc.title == "Hội nghị tổng kết năm"
    assert doc.published is None and doc.updated is not None
    assert doc.updated.year == 2021
    assert doc.paragraphs == ["Sáng nay đã diễn ra hội nghị.", "Hội nghị thống nhất các nhiệm vụ."]
    assert [(i.title, iso(i.published)) for i in doc.related] == [
        ("Một tin khác", "2021-01-04T16:05:06+07:00"), ("Tin không có ngày", None)]
    assert doc.site == "sotttt.example.gov.vn"
    assert doc.category == []


def test_dump_with_only_lists_is_a_listing():
    doc = extract_text("Trang chủ Tin tức\n\nTin mới nhất\nBài A(01/02/2020 1:02:03 SA)\nBài B(02/02/2020 12:00:00 SA)\n")
    assert doc.kind == "listing"
    assert doc.body == ""
    assert [iso(i.published) for i in doc.latest] == ["2020-02-01T01:02:03+07:00", "2020-02-02T00:00:00+07:00"]


@pytest.mark.parametrize("line, is_date", [
    ("(Thứ hai, 19/04/2021 15:17)", True),
    ("21/12/2018 9:26:09 SA", True),
    ("Ngày 15/3/2021, UBND tỉnh đã tổ chức hội nghị.", False),
])
def test_bare_date_line_is_not_prose(line, is_date):
    doc = extract_text(f"Tiêu đề\n{line}\nĐoạn một của bài.\n")
    assert doc.title == "Tiêu đề"
    assert (doc.published is not None) == is_date
    assert (line in doc.body) != is_date


def test_category_page_dump_is_a_listing():
    text = (
        "Trang chủ Tin tức Hoạt động\n\nHoạt động\n\n"
        "Bài một(01/02/2020 1:02:03 CH)\nTóm tắt bài một.\n"
        "Bài hai(31/01/2020 9:00:00 SA)\nBài ba (30/01/2020 12:30:00 SA)\nBài bốn(29/01/2020 8:00:00 SA)\n"
        "Tin mới nhất\nBài năm(02/02/2020 2:00:00 CH)\n"
    )
    doc = extract_text(text)
    assert doc.kind == "listing"
    assert doc.body == ""
    assert [(i.title, iso(i.published)) for i in doc.latest] == [
        ("Bài một", "2020-02-01T13:02:03+07:00"), ("Bài hai", "2020-01-31T09:00:00+07:00"),
        ("Bài ba", "2020-01-30T00:30:00+07:00"), ("Bài bốn", "2020-01-29T08:00:00+07:00"),
        ("Bài năm", "2020-02-02T14:00:00+07:00"),
    ]


def test_article_quoting_a_few_dated_titles_stays_an_article(seed_doc):
    text = SEED.read_text(encoding="utf-8").replace(
        "Xem chi tiết", "Văn bản A(01/01/2019 1:00:00 SA)\n\nVăn bản B(02/01/2019 1:00:00 SA)\n\nXem chi tiết")
    doc = extract_text(text)
    assert doc.kind == "article" and len(doc.paragraphs) == 10


def test_date_above_the_title():
    doc = extract_text("Trang chủ Tin tức\n(Ngày đăng :21/12/2018 9:26:09 SA)\nTiêu đề sau ngày\n\nĐoạn một.\n")
    assert doc.title == "Tiêu đề sau ngày"
    assert iso(doc.published) == "2018-12-21T09:26:09+07:00"
    assert doc.paragraphs == ["Đoạn một."]
    assert doc.category == ["Tin tức"]
