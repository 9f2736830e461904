"""Bad attachments, each at the extraction level: a clear error (or a capped result with a warning),
never a hang, a crash of the caller or a silent empty text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.attachments import (
    BrokenFileError,
    EncryptedError,
    Limits,
    MismatchedTypeError,
    TimeLimitError,
    ZipBombError,
    extract,
    extract_isolated,
)
from tests.attachment_files import broken_xref, many_pages_pdf, million_rows_xlsx, slow_pdf, zip_bomb_docx

FIX = Path(__file__).resolve().parent / "fixtures" / "attachments"


def _encrypted_pdf(user_password: str) -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 20, "Bao cao so 12/BC-SNV")
    pdf.set_encryption(owner_password="chu-so-huu", user_password=user_password)
    return bytes(pdf.output())


def test_encrypted_pdf_is_refused_with_a_clear_message():
    with pytest.raises(EncryptedError) as err:
        extract(_encrypted_pdf("mat-khau"), "bao_cao.pdf")
    assert err.value.code == "encrypted"
    assert "mật khẩu" in str(err.value) and "password" in str(err.value)


def test_pdf_with_only_an_owner_password_is_read():
    res = extract(_encrypted_pdf(""), "bao_cao.pdf")
    assert "12/BC-SNV" in res.text


def test_pdf_with_broken_xref_is_repaired():
    res = extract(broken_xref(many_pages_pdf(3)), "hong.pdf")
    assert res.pages == ["Trang so 1", "Trang so 2", "Trang so 3"]


def test_pdf_that_is_garbage_after_its_header():
    with pytest.raises(BrokenFileError) as err:
        extract(b"%PDF-1.5\n" + bytes(range(256)) * 20, "rac.pdf")
    assert "hỏng" in str(err.value)


def test_truncated_docx():
    data = (FIX / "thong_bao.docx").read_bytes()
    with pytest.raises(BrokenFileError) as err:
        extract(data[: len(data) // 2], "thong_bao.docx")
    assert "cắt cụt" in str(err.value) and "truncated" in str(err.value)


def test_docx_zip_bomb():
    bomb = zip_bomb_docx(80 << 20)
    assert len(bomb) < 1 << 20
    with pytest.raises(ZipBombError) as err:
        extract(bomb, "bom.docx", limits=Limits(max_unzipped=64 << 20))
    assert "zip bomb" in str(err.value)


def test_2000_page_pdf_is_capped_and_the_rest_reported():
    res = extract(many_pages_pdf(2000), "dai.pdf", limits=Limits(max_pdf_pages=300))
    assert res.page_count == 2000 and len(res.pages) == 300
    assert res.pages[299] == "Trang so 300"
    assert any("1700 trang còn lại" in w and "301–2000" in w for w in res.warnings)


def test_million_row_xlsx_is_capped():
    res = extract(million_rows_xlsx(), "so_lieu.xlsx", limits=Limits(max_rows=5_000))
    lines = res.text.split("\n")
    assert lines[0] == "## Du_lieu" and lines[1] == "Hồ sơ\t1" and lines[-1] == "Hồ sơ\t5000"
    assert any("5.000 dòng" in w and "995.000" in w for w in res.warnings)


def test_html_error_page_served_as_pdf():
    page = "<!DOCTYPE html><html><head><title>404 - Không tìm thấy trang</title></head><body>Lỗi</body></html>"
    with pytest.raises(MismatchedTypeError) as err:
        extract(page.encode(), "bao_cao_quy_3.pdf", "application/pdf")
    msg = str(err.value)
    assert "HTML" in msg and "404 - Không tìm thấy trang" in msg and "PDF" in msg


def test_doc_that_is_really_rtf_is_read_as_rtf():
    res = extract((FIX / "thong_bao.rtf").read_bytes(), "thong_bao.doc", "application/msword")
    assert res.format == "rtf"
    assert "Số: 583/TB-SNV" in res.text
    assert any("thực chất là RTF" in w for w in res.warnings)


def test_hanging_file_is_stopped_and_the_worker_killed():
    with pytest.raises(TimeLimitError) as err:
        extract_isolated(slow_pdf(), "treo.pdf", limits=Limits(seconds=1.0))
    assert "quá 1 giây" in str(err.value)
    # the next file gets a fresh worker and is read normally
    res = extract_isolated((FIX / "thong_bao.pdf").read_bytes(), "thong_bao.pdf", limits=Limits(seconds=30))
    assert res.meta.number == "583/TB-SNV"


def test_empty_and_unknown_files():
    with pytest.raises(BrokenFileError):
        extract(b"", "rong.pdf")
    with pytest.raises(MismatchedTypeError) as err:
        extract(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "anh.pdf")
    assert "PNG" in str(err.value)


def test_errors_survive_the_worker_boundary():
    with pytest.raises(EncryptedError) as err:
        extract_isolated(_encrypted_pdf("x"), "bao_cao.pdf")
    assert err.value.code == "encrypted"


def test_memory_limit_in_the_worker():
    # the zip guard let it through (a generous max_unzipped), the worker's address-space cap does not
    bomb = zip_bomb_docx(300 << 20)
    from ingest.attachments import MemoryLimitError

    with pytest.raises(MemoryLimitError) as err:
        extract_isolated(bomb, "bom.docx", limits=Limits(max_unzipped=2 << 30, memory_mb=128, seconds=60))
    assert "bộ nhớ" in str(err.value)
