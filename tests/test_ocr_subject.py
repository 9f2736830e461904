"""The subject (trích yếu) of a scanned document read a second time (ingest/attachments/ocr.py):
where the block is found on the page, and how the second reading is weighed against the first.

The page is drawn with Pillow and Noto Serif (Debian fonts-noto-core) at 300 dpi, like a scan of an
ND 30 first page: number and date, the type name in capitals, the subject in bold under it, the body.
"""

from __future__ import annotations

import time

import pytest
from PIL import Image, ImageDraw

from ingest.attachments import ocr_available
from ingest.attachments.layout import Seg
from ingest.attachments.ocr import _reread_subject, _subject_block, _tesseract, _tsv_words
from tests.test_deseal import MM, _font

SUBJECT = ["Về việc tăng cường công tác phòng chống", "dịch bệnh trên địa bàn tỉnh"]


def _seg(x0, top, x1, text, h=40):
    return Seg(x0, top, x1, top + h, text)


def test_subject_block_under_the_type_name():
    segs = [_seg(100, 100, 900, "ỦY BAN NHÂN DÂN"), _seg(1300, 100, 2300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            _seg(100, 200, 700, "Số: 12/KH-UBND"), _seg(1300, 200, 2300, "Gia Lai, ngày 3 tháng 5 năm 2021"),
            _seg(1000, 400, 1480, "KẾ HOẠCH"),
            _seg(600, 460, 1880, SUBJECT[0]), _seg(850, 515, 1630, SUBJECT[1]),
            _seg(300, 620, 2300, "Căn cứ Luật Phòng, chống bệnh truyền nhiễm năm 2007;")]
    assert [s.text for s in _subject_block(segs, 3508)] == SUBJECT


def test_subject_block_of_a_cong_van_stays_in_its_column():
    segs = [_seg(100, 200, 700, "Số: 12/UBND-VP"), _seg(1300, 200, 2300, "Gia Lai, ngày 3 tháng 5 năm 2021"),
            _seg(80, 255, 760, "V/v tăng cường công tác"), _seg(1300, 255, 2300, "dòng của cột bên phải"),
            _seg(120, 310, 720, "phòng chống dịch bệnh"),
            _seg(700, 450, 1800, "Kính gửi: Các sở, ban, ngành")]
    assert [s.text for s in _subject_block(segs, 3508)] == ["V/v tăng cường công tác", "phòng chống dịch bệnh"]


def test_no_subject_block_on_a_page_of_body_text():
    segs = [_seg(300, 200 + 60 * k, 2300, f"Điều {k}. Nội dung của điều khoản thứ {k}") for k in range(1, 8)]
    assert _subject_block(segs, 3508) == []


def first_page() -> Image.Image:
    w, h = int(210 * MM), int(297 * MM)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    reg, bold = _font(False, 13), _font(True, 13)
    d.text((int(25 * MM), int(20 * MM)), "Số: 12/KH-UBND", font=reg, fill=0)
    d.text((int(110 * MM), int(20 * MM)), "Gia Lai, ngày 3 tháng 5 năm 2021", font=reg, fill=0)
    for k, (text, font) in enumerate([("KẾ HOẠCH", bold), *((s, bold) for s in SUBJECT)]):
        tw = d.textlength(text, font=font)
        d.text(((w - tw) / 2, int((40 + 7 * k) * MM)), text, font=font, fill=0)
    d.text((int(30 * MM), int(70 * MM)), "Căn cứ Luật Phòng, chống bệnh truyền nhiễm năm 2007;", font=reg, fill=0)
    return img


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with Vietnamese data not installed")
def test_second_reading_wins_only_where_tesseract_is_surer():
    img = first_page()
    deadline = time.monotonic() + 300
    words = _tsv_words(_tesseract(img, 3, "tsv", 300))
    texts = [w[5] for w in words]
    assert "chống" in texts and "dịch" in texts, texts
    # a slip of the page reading, as OCR makes one: a wrong letter Tesseract was unsure of, and one it was sure of
    unsure, sure = texts.index("chống"), texts.index("dịch")
    words[unsure] = (*words[unsure][:5], "chổng", 20.0)
    words[sure] = (*words[sure][:5], "địch", 99.0)
    again = [w[5] for w in _reread_subject(img, words, deadline)]
    assert again[unsure] == "chống"
    assert again[sure] == "địch"                 # the page reading was surer: kept
    body = [k for k, w in enumerate(words) if w[2] > 65 * MM]
    assert body and all(again[k] == words[k][5] for k in body)     # outside the block nothing changes
