"""Extraction of each format from the committed fixtures (tests/fixtures/attachments, written for
the project by make_fixtures.py): text, tables, headers/footers, OCR and the ND 30 metadata."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ingest.attachments import Extracted, Limits, extract, extract_many, ocr_available

FIX = Path(__file__).resolve().parent / "fixtures" / "attachments"
DOC = json.loads((FIX / "expected.json").read_text(encoding="utf-8"))


def _read(name: str, **kw) -> Extracted:
    return extract((FIX / name).read_bytes(), name, **kw)


def _check_meta(res: Extracted, signer: bool = True) -> None:
    m = res.meta
    assert m.number == DOC["number"] and m.number_key == "583/tb-snv"
    assert m.doc_type == DOC["doc_type"]
    assert m.issued == dt.date(2018, 7, 16) and m.place == DOC["place"]
    assert m.issuer == DOC["issuer"] and m.issuer_parent == DOC["issuer_parent"]
    assert m.subject == DOC["subject"]
    assert m.subject_plain == DOC["subject"].removeprefix("Về việc ")
    if signer:
        assert m.signer == DOC["signer"] and m.signer_title == DOC["signer_title"]


def test_docx_body_tables_header_footer_and_meta():
    res = _read("thong_bao.docx")
    lines = res.text.split("\n")
    assert res.format == "docx" and len(res.pages) == 1
    for p in DOC["body"]:
        assert p in lines
    assert "STT\tĐơn vị\tSố hồ sơ tiếp nhận\tTỷ lệ đúng hạn (%)" in lines       # bordered table: tab rows
    assert "1\tHuyện Tam Đường\t1.225\t96,5" in lines
    assert lines[0] == "Sở Nội vụ tỉnh Lai Châu - Văn bản điện tử"                 # header first
    assert lines[-1] == "Địa chỉ: phường Đông Phong, thành phố Lai Châu"           # footer last
    assert res.properties["title"] == "Thông báo 583/TB-SNV"
    _check_meta(res)


def test_text_pdf_paragraphs_columns_and_meta():
    res = _read("thong_bao.pdf")
    assert res.format == "pdf" and res.page_count == 1 and not res.needs_ocr and res.ocr_pages == []
    lines = res.text.split("\n")
    for p in DOC["body"]:
        assert p in lines                      # wrapped lines joined back into paragraphs
    # the two header columns are read one after the other, not interleaved
    assert lines.index("UBND TỈNH LAI CHÂU") + 1 == lines.index("SỞ NỘI VỤ")
    assert "1\tHuyện Tam Đường\t1.225\t96,5" in lines
    _check_meta(res)


def test_scanned_pdf_without_ocr_is_marked():
    res = _read("thong_bao_scan.pdf", ocr=False)
    assert res.needs_ocr and res.pages == [""] and res.ocr_pages == []
    assert any("Cần OCR" in w and "trang 1" in w for w in res.warnings)


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with Vietnamese data not installed")
def test_scanned_pdf_ocr():
    res = _read("thong_bao_scan.pdf", jobs=2)
    assert res.ocr_pages == [1] and not res.needs_ocr
    text = res.text
    assert "Số: 583/TB-SNV" in text and "Lai Châu, ngày 16 tháng 7 năm 2018" in text
    words = set(" ".join(DOC["body"]).split())
    found = set(text.split())
    assert len(words & found) / len(words) > 0.9
    _check_meta(res, signer=False)


def test_xlsx_vi_vn_numbers_and_meta():
    res = _read("thong_ke.xlsx")
    lines = res.text.split("\n")
    assert lines[0] == "## Bieu_01"
    assert "1\tHuyện Tam Đường\t1.225\t96,5" in lines and "2\tHuyện Phong Thổ\t2.048\t98,2" in lines
    m = res.meta
    assert (m.number, m.issuer, m.issuer_parent, m.doc_type, m.signer) == (
        DOC["number"], DOC["issuer"], DOC["issuer_parent"], "Báo cáo", DOC["signer"])


def test_odt_and_ods():
    odt = _read("thong_bao.odt")
    assert odt.format == "odt" and DOC["body"][3] in odt.text.split("\n")
    _check_meta(odt)
    ods = _read("thong_ke.ods")
    assert ods.format == "ods"
    assert ods.text.split("\n")[:3] == ["## Quý II", "STT\tĐơn vị\tSố hồ sơ tiếp nhận\tTỷ lệ đúng hạn (%)",
                                         "1\tHuyện Tam Đường\t1.225\t96,5"]


def test_rtf_unicode_escapes():
    res = _read("thong_bao.rtf")
    assert res.format == "rtf" and DOC["body"][0] in res.text.split("\n")
    assert res.meta.number == DOC["number"] and res.meta.issued == dt.date(2018, 7, 16)


def test_legacy_tcvn3_text_is_repaired():
    # a DOCX typed with the .VnTime (TCVN3) font: the XML holds the font's code points
    import io

    from docx import Document

    doc = Document()
    doc.add_paragraph("Së: 583/TB-SNV")
    doc.add_paragraph("Th«ng b¸o vÒ viÖc tæ chøc héi nghÞ tËp huÊn c¶i c¸ch hµnh chÝnh")
    buf = io.BytesIO()
    doc.save(buf)
    res = extract(buf.getvalue(), "cu.docx")
    assert "Thông báo về việc tổ chức hội nghị tập huấn cải cách hành chính" in res.text
    assert "legacy-tcvn3" in res.repairs and any("TCVN3" in w for w in res.warnings)


def test_to_dict_and_pool():
    items = [((FIX / n).read_bytes(), n, None) for n in ("thong_bao.docx", "thong_bao.pdf", "thong_ke.xlsx")]
    items.append(("<html><title>Lỗi</title></html>".encode(), "x.pdf", None))
    out = list(extract_many(items, jobs=2, limits=Limits(seconds=30)))
    assert [getattr(r, "format", None) for r in out[:3]] == ["docx", "pdf", "xlsx"]
    assert out[3].code == "mismatched-type"
    d = out[0].to_dict()
    assert d["meta"]["issued"] == "2018-07-16" and json.dumps(d, ensure_ascii=False)


def test_xls_formats_and_dates():
    res = _read("thong_ke.xls")
    lines = res.text.split("\n")
    assert res.format == "xls" and lines[0] == "## Bieu_02"
    assert "1\tHuyện Tam Đường\t1.225\t96,5" in lines and "Ngày lập\t16/07/2018" in lines
    assert res.meta.number == DOC["number"] and res.meta.issued == dt.date(2018, 7, 16)


def test_legacy_doc_needs_a_real_word_file():
    # antiword refuses what is not Word 97+; the message names both tools' answers
    from ingest.attachments import BrokenFileError

    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le") + b"\0" * 2000
    with pytest.raises(BrokenFileError) as err:
        extract(fake, "cu.doc")
    assert "antiword" in str(err.value) or "catdoc" in str(err.value)


def test_without_tesseract_the_scan_is_recorded_as_needing_ocr(tmp_path):
    # a real run with no tesseract on PATH, as on a machine without tesseract-ocr installed
    import os
    import subprocess
    import sys

    code = ("import json, sys; from ingest.attachments import extract; "
            "r = extract(open(sys.argv[1], 'rb').read(), 'scan.pdf'); "
            "print(json.dumps({'needs_ocr': r.needs_ocr, 'warnings': r.warnings}, ensure_ascii=False))")
    env = {**os.environ, "PATH": str(tmp_path), "PYTHONPATH": str(FIX.parent.parent.parent)}
    out = subprocess.run([sys.executable, "-c", code, str(FIX / "thong_bao_scan.pdf")], env=env,
                         capture_output=True, check=True, text=True)
    res = json.loads(out.stdout)
    assert res["needs_ocr"] is True
    assert any("Cần OCR" in w and "chưa cài Tesseract" in w for w in res["warnings"])
