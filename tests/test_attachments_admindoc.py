"""ND 30 metadata parsing and document-number keys (ingest/admindoc/)."""

from __future__ import annotations

import datetime as dt

import pytest

from index.analysis import docnums
from ingest.admindoc import clean_ocr_subject, normalize_doc_number, parse_admin_meta


@pytest.mark.parametrize("typed", ["583/TB-SNV", "583/tb-snv", "583 TB SNV", "Số: 583/TB-SNV", "583/TB – SNV"])
def test_number_typed_any_way(typed):
    assert normalize_doc_number(typed) == "583/tb-snv"


@pytest.mark.parametrize("number", ["15/2020/NĐ-CP", "583/TB-SNV", "1234/UBND-KT", "12/NQ-HĐND", "01/2021/TT-BTC",
                                    "45/QĐ-UBND", "7/TTr-SNV"])
def test_keys_agree_with_the_index_d_field(number):
    # the search side looks numbers up in the D field; a key it cannot meet would be useless
    assert normalize_doc_number(number) == docnums(number)[0]
    assert normalize_doc_number(number.replace("Đ", "D")) == docnums(number)[0]


def test_not_numbers():
    assert normalize_doc_number("ngày 16 tháng 7") is None
    assert normalize_doc_number("2018") is None


CONG_VAN = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 1234/UBND-KT
V/v triển khai dịch vụ công trực tuyến mức độ 4
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Gia Lai, ngày 05 tháng 02 năm 2021
Kính gửi:
- Các sở, ban, ngành;
- UBND các huyện, thị xã, thành phố.
Thực hiện chỉ đạo của Chính phủ, Ủy ban nhân dân tỉnh đề nghị các đơn vị triển khai ngay./.
Nơi nhận:
- Như trên;
- Lưu: VT, KT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A"""


def test_cong_van_without_type_line():
    m = parse_admin_meta(CONG_VAN)
    assert m.doc_type == "Công văn" and m.number == "1234/UBND-KT"
    assert m.issuer == "ỦY BAN NHÂN DÂN TỈNH GIA LAI" and m.issuer_parent is None
    assert m.place == "Gia Lai" and m.issued == dt.date(2021, 2, 5)
    assert m.subject == "V/v triển khai dịch vụ công trực tuyến mức độ 4"
    assert m.subject_plain == "triển khai dịch vụ công trực tuyến mức độ 4"
    assert m.addressee == ["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"]
    assert m.signer == "Nguyễn Văn A" and m.signer_title == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_header_columns_on_one_line_as_ocr_may_give_them():
    text = ("UBND TỈNH LAI CHÂU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc\n"
            "Số: 583/TB-SNV Lai Châu, ngày 16 tháng 7 năm 2018\nTHÔNG BÁO\nVề việc tập huấn cải cách hành chính\n"
            "Nội dung.")
    m = parse_admin_meta(text)
    assert (m.issuer, m.issuer_parent, m.number, m.place) == ("SỞ NỘI VỤ", "UBND TỈNH LAI CHÂU", "583/TB-SNV",
                                                               "Lai Châu")
    assert m.doc_type == "Thông báo" and m.subject == "Về việc tập huấn cải cách hành chính"
    assert m.issued == dt.date(2018, 7, 16)


def test_type_from_number_when_no_type_line():
    m = parse_admin_meta("BỘ Y TẾ\nSố: 15/2020/NĐ-CP\nHà Nội, ngày 03 tháng 02 năm 2020\nNội dung")
    assert m.doc_type == "Nghị định" and m.number_key == "15/2020/nd-cp"


def test_plain_text_gives_empty_meta():
    m = parse_admin_meta("Một bài viết bình thường, không phải văn bản hành chính.")
    assert m.empty and m.to_dict()["issued"] is None


def test_ocr_misreads_of_the_number_are_put_right_from_the_page():
    text = ("UBND TỈNH THANH HÓA\n_\nSỞ KẾ HOẠCH VÀ ĐẦU TƯ\nSố:2/ÂH-SKHDT\nThanh Hóa, ngày 06 tháng 01 năm 2017\n"
            "KẾ HOẠCH\nTổ chức hội nghị tổng kết năm\nI. MỤC ĐÍCH, YÊU CẦU\n")
    assert parse_admin_meta(text, ocr=True).number == "2/KH-SKHĐT"
    assert parse_admin_meta(text).number == "2/ÂH-SKHDT"          # text layers are taken as printed
    m = parse_admin_meta("BỘ Y TẾ\nSố: 15/2020/ND-CP\nHà Nội, ngày 03 tháng 02 năm 2020\nx", ocr=True)
    assert m.number == "15/2020/NĐ-CP"
    m = parse_admin_meta("SỞ NỘI VỤ\nSố: 7HD-SNV\nLai Châu, ngày 03 tháng 02 năm 2020\nHƯỚNG DẪN\nx", ocr=True)
    assert m.number == "7/HD-SNV"


def test_signer_under_a_seal_with_specks_read_as_text():
    text = ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\n_\nB\nIÁM ĐỐC\n| Nguyễn A Giang -")
    m = parse_admin_meta(text)
    assert m.signer == "Nguyễn A Giang" and m.signer_title[0] == "KT. GIÁM ĐỐC"


def test_ocr_issuer_spelled_as_the_body_spells_it():
    text = ("BỘ LAO ĐỘNG -THƯƠNGBINH\nVÀ XÃ HỘI\nSố: 2702/BLĐĐTBXH-PC\n_VỊV thi sáng tác biểu trưng\n"
            "Hà Nội, ngày 05 tháng 3 năm 2019\nKính gửi: Các đơn vị.\n"
            "Đề nghị gửi về Bộ Lao động - Thương binh và Xã hội./.")
    m = parse_admin_meta(text, ocr=True)
    assert m.issuer == "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    assert m.number == "2702/BLĐTBXH-PC" and m.doc_type == "Công văn"
    assert m.subject == "V/v thi sáng tác biểu trưng"
    m = parse_admin_meta("SỞ CÔNG THƯƠNG\nSố: 43/TTTr-SCT\nKiên Giang, ngày 08 tháng 4 năm 2020\nTỜ TRÌNH\nx",
                         ocr=True)
    assert m.number == "43/TTr-SCT"


def test_ocr_issuer_from_body_starts_at_a_word():
    text = ("UBND TỈNH LAI CHÂU\nSỞ NỘI VỤ\nSố: 583/TB-SNV\nLai Châu, ngày 16 tháng 7 năm 2018\nTHÔNG BÁO\nVề việc x\n"
            "Thực hiện kế hoạch năm 2018, Sở Nội vụ thông báo như sau:")
    assert parse_admin_meta(text, ocr=True).issuer == "SỞ NỘI VỤ"


def test_ocr_subject_wrapped_over_lines():
    # a công văn's V/v block wrapped in its column, read line by line, up to "Kính gửi"
    text = ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1365/SKHĐT-TTr\tThanh Hóa, ngày 12 tháng "
            "10 năm 2021\nV/v chuẩn bị phiên họp thường kỳ\ncủa các phòng chuyên môn thuộc\nSở\n"
            "Kính gửi: Các phòng, đơn vị thuộc Sở.\nĐể chuẩn bị phiên họp, Sở đề nghị các phòng gửi báo cáo.")
    m = parse_admin_meta(text, ocr=True)
    assert m.subject == "V/v chuẩn bị phiên họp thường kỳ của các phòng chuyên môn thuộc Sở"
    # under a type line: an acronym wrapped alone still belongs to it, the body's heading does not
    text = ("BỘ Y TẾ\nSố: 164/TB-BYT\nHà Nội, ngày 25 tháng 4 năm 2017\nTHÔNG BÁO\n"
            "Về việc tổ chức hội nghị trực tuyến về phòng chống\nHIV\nI. NỘI DUNG\nHội nghị họp vào sáng thứ hai.")
    assert parse_admin_meta(text, ocr=True).subject == "Về việc tổ chức hội nghị trực tuyến về phòng chống HIV"
    text = text.replace("\nHIV\n", "\nKẾ HOẠCH NĂM TỚI CỦA BỘ\n")
    assert parse_admin_meta(text, ocr=True).subject == "Về việc tổ chức hội nghị trực tuyến về phòng chống"


def test_type_line_with_a_speck_keeps_the_subject_below():
    text = ("BỘ Y TẾ\nSố: 33/HD-BYT\nHà Nội, ngày 21 tháng 5 năm 2012\nHƯỚNG DẪN -\n"
            "Triển khai tiêm chủng mở rộng năm 2012\n1. Phạm vi, đối tượng\n")
    m = parse_admin_meta(text, ocr=True)
    assert m.doc_type == "Hướng dẫn" and m.subject == "Triển khai tiêm chủng mở rộng năm 2012"


@pytest.mark.parametrize(("got", "want"), [
    ("Về việc nâng cấp Android 7. 0 cho máy", "Về việc nâng cấp Android 7.0 cho máy"),
    ("Đoàn n Tùng, Hải Dương: điểm nhấn", "Đoàn Tùng, Hải Dương: điểm nhấn"),
    ("Tranh cướp! lộc không phù hợp", "Tranh cướp lộc không phù hợp"),
    ("Về việc giờ chị em chuộng mốt 'thả rông'\"", "Về việc giờ chị em chuộng mốt 'thả rông'"),
    ("Về việc phát động phong trào “Thi đua yêu nước”", "Về việc phát động phong trào “Thi đua yêu nước”"),
    ("Khẩn trương lên! Chống dịch", "Khẩn trương lên! Chống dịch"),
    ("Về việc cấp phép cho ở y tế", "Về việc cấp phép cho ở y tế"),
    ("V/v doanh nghiệp kinh doanh vàng -_ chuẩn bị sớm", "V/v doanh nghiệp kinh doanh vàng chuẩn bị sớm"),
    ("V/v dự đại hội thể thao mùa Đông .", "V/v dự đại hội thể thao mùa Đông"),
    ("Về việc sáp nhập phòng A - B", "Về việc sáp nhập phòng A - B"),
    ("'Có cô bạn gái thế này, chàng nào", "Có cô bạn gái thế này, chàng nào"),   # a speck before it
    ("'Khỉ đột' về rừng", "'Khỉ đột' về rừng"),                                   # a pair: kept
])
def test_ocr_specks_removed_from_a_subject(got, want):
    assert clean_ocr_subject(got) == want


@pytest.mark.parametrize(("got", "want"), [
    ("Lo Đức Giang", "Lò Đức Giang"),              # a tone mark lost under the seal
    ("Vữ Hồng Sơn", "Vừ Hồng Sơn"),                # a tone mark changed
    ("Dạng Thị Hùng", "Đặng Thị Hùng"),            # đ read as D
    ("Ñguyễn A Giang", "Nguyễn A Giang"),
    ("Trần Văn Mai", "Trần Văn Mai"),              # already a family name
    ("Xyz Văn Mai", "Xyz Văn Mai"),                # near none: left alone
])
def test_ocr_signer_family_name_put_right(got, want):
    from ingest.admindoc import fix_ocr_surname

    assert fix_ocr_surname(got) == want


@pytest.mark.parametrize(("got", "want"), [
    ("w@uyễn A Giang", "Nguyễn A Giang"),          # the ring cut the first letters
    ("N»uyến Văn Thành", "Nguyễn Văn Thành"),
    ("ừ Hữu Sơn", "ừ Hữu Sơn"),                    # too little left to tell Vừ from Từ
    ("Hữu Sơn", "Hữu Sơn"),                        # a whole word: not a cut one
])
def test_ocr_signer_cut_family_name(got, want):
    from ingest.admindoc import fix_cut_surname

    assert fix_cut_surname(got) == want


@pytest.mark.parametrize(("got", "want"), [
    ("SỞ KẾ HOẠCH VÀ ĐÂU TƯ", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"),
    ("BỘ LAO ĐỘNG -THƯƠNGBINH VÀ XÃ HỘI s.", "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
    ("BỘ LAO . ĐỘNG - THƯƠNG BÌNH VÀ XÃ HỘI", "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
    ("SỞ THÔNG TỈN VÀ TRUYỀN THÔNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
    ("UBND TỈNH QUẢNG BÌNH", "UBND TỈNH QUẢNG BÌNH"),   # a place name is not a body's field: kept
])
def test_ocr_body_name_spelled_as_printed(got, want):
    from ingest.admindoc import fix_ocr_body_name

    assert fix_ocr_body_name(got) == want


def test_ocr_signer_repairs_only_for_ocr_text():
    text = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nw@uyễn A Giang"
    assert parse_admin_meta(text, ocr=True).signer == "Nguyễn A Giang"
    assert parse_admin_meta(text.replace("w@uyễn", "Lo"), ocr=True).signer == "Lò A Giang"
    assert parse_admin_meta(text.replace("w@uyễn", "Lo")).signer == "Lo A Giang"   # a text layer is as printed
    assert parse_admin_meta(text.replace("w@uyễn", ". Hồ"), ocr=True).signer == "Hồ A Giang"   # a speck before it


def test_ocr_type_line_merged_with_the_subject():
    text = ("BỘ Y TẾ\nSố: 129/TB-BYT\nHà Nội, ngày 12 tháng 4 năm 2021\n"
            "'THÔNG BÁO 2025: Xuất khẩu tôm phải đạt 10 tỷ USD\nTại hội nghị ngành tôm, đại diện Bộ cho hay.")
    m = parse_admin_meta(text, ocr=True)
    assert m.doc_type == "Thông báo" and m.subject == "2025: Xuất khẩu tôm phải đạt 10 tỷ USD"
    assert parse_admin_meta(text).subject is None                  # a text layer does not merge lines


def test_issue_date_in_a_numeric_title_line_not_a_date_the_body_tells_of():
    """A short document whose title line carries its date ("… SỐ 2046/KH-BCT NGÀY 24/04/2017")
    and whose first paragraph tells of an old event: the date of the event is not the issue date
    (the full-corpus index had a plan "issued" in 1862, which stretched every trend to 164 years)."""
    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "KẾ HOẠCH SỐ 2046/KH-BCT NGÀY 24/04/2017\nV/v: Khảo sát di tích kiến trúc\n"
            "Công trình này được khởi dựng vào ngày 30 tháng 9 năm 1862, khi vùng đất còn hoang vắng.\n"
            "Nơi nhận: Như trên; Lưu: VT.")
    meta = parse_admin_meta(text)
    assert (meta.issued, meta.number, meta.doc_type, meta.place) == \
        (dt.date(2017, 4, 24), "2046/KH-BCT", "Kế hoạch", None)


@pytest.mark.parametrize("line", [
    "Sự kiện xảy ra vào ngày 6 tháng 2 năm 1958, khi chuyến bay gặp nạn.",  # inside a sentence
    "Hà Nội, ngày 6 tháng 2 năm 1858",                                        # before 1945
    "Hà Nội, ngày 6 tháng 2 năm 2999",                                        # the future
])
def test_dates_that_are_not_issue_dates(line):
    meta = parse_admin_meta("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nSố: 12/UBND-VP\n" + line + "\nV/v: Báo cáo")
    assert meta.issued is None


@pytest.mark.parametrize(("got", "want"), [
    ("vừ Hữu Sơn", "Vừ Hữu Sơn"),                  # the ring took the capital's top: read small
    ("VừNgọc Thành", "Vừ Ngọc Thành"),             # the space lost
    ("Vừữ Hồng Sơn", "Vừ Hồng Sơn"),               # a mark read twice
    ("Hbò A Dũng", "Hồ A Dũng"),                   # a speck read as a letter
    ("Yư Hữu Sơn", "Vừ Hữu Sơn"),                  # V and Y, its arms cut
    ("Hồ A Dũng ˆ", "Hồ A Dũng"),                  # a speck after the name
    ("Nguyễn Văn An", "Nguyễn Văn An"),            # already right: kept (not split inside a word)
    ("Lb Đức Giang", "Lb Đức Giang"),              # two letters: too little to tell
    ("KT. GIÁM ĐỐC", "KT. GIÁM ĐỐC"),              # not a name
])
def test_ocr_signer_line_read_as_a_name(got, want):
    from ingest.admindoc import fix_ocr_name_line

    assert fix_ocr_name_line(got) == want


def test_a_name_that_reads_as_vietnamese_scores_higher():
    from ingest.admindoc import name_score

    assert name_score("Vừ Hồng Sơn") > name_score("Vừ Rôöng Sơn") > name_score("Xyz Rôöng Sơn")
    assert name_score("Hồ Quang Tiến") > name_score("Tđ Quang Tiến")


def test_ocr_signer_under_a_misread_title():
    text = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nBỘ TPƯỞNG\nZ N\nTrần Văn Mai"
    assert parse_admin_meta(text, ocr=True).signer == "Trần Văn Mai"
    text = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nHIẾM ĐỐC '\nHo A Dũng"
    assert parse_admin_meta(text, ocr=True).signer == "Hồ A Dũng"


@pytest.mark.parametrize(("got", "want"), [
    ('tập hợp "chống lại” Tổng thống', 'tập hợp "chống lại" Tổng thống'),
    ("V/v “Binh đoàn sâu bướm” gây loạn", "V/v “Binh đoàn sâu bướm” gây loạn"),   # one style: kept
    ('x "a” và "b” y', 'x "a” và "b” y'),          # more than a pair: left alone
])
def test_ocr_subject_quote_pair_in_one_style(got, want):
    assert clean_ocr_subject(got) == want
