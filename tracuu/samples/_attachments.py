"""Write the sample attachments `tracuu demo` extracts: a Word file, a text PDF, a scanned PDF and a
spreadsheet, shaped like Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP).

``_build.py`` calls :func:`apply` (so ``python tracuu/samples/_build.py`` writes everything): it
replaces four minimal attachment files with real documents, adds the spreadsheet that a Điện Biên
page links, records them in ``manifest.json`` (``"attachment"`` entries of ``assets``) and appends
them to ``samples.warc.gz`` as HTTP responses, so the demo's one WARC holds pages and attachments.

Everything in these documents was written for tracuu: the numbers, names, figures and signers are
invented (the agencies exist). Needs python-docx, fpdf2, openpyxl, Pillow and Noto Serif
(Debian ``fonts-noto-core``). Output is deterministic for the same library versions.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import re
import uuid
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/noto")
WARC_FILE = "samples.warc.gz"

DOCX = "cchc.laichau.gov.vn/Upload/Files/2019/01/quyet_dinh_so_35_qd_ubnd_ngay_07_01_2019.docx"
PDF = "cchc.laichau.gov.vn/Upload/Files/2018/12/bao_cao_so_412_bc_ubnd_ngay_20_12_2018_cua_ubnd.pdf"
SCAN = "dienbien.gov.vn/portal/VanBan/2022/quyet_dinh_so_312_qd_ubnd_ngay_24_02_2022.pdf"
XLSX = "dienbien.gov.vn/portal/VanBan/2022/danh_muc_thu_tuc_hanh_chinh_kem_theo.xlsx"

TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

# --------------------------------------------------------------------------- the texts
QD35 = {
    "left": ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"], "number": "Số: 35/QĐ-UBND",
    "date": "Lai Châu, ngày 07 tháng 01 năm 2019", "type": "QUYẾT ĐỊNH",
    "subject": "Về việc ban hành Kế hoạch cải cách hành chính tỉnh Lai Châu năm 2019",
    "body": ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
             "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
             "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 09/TTr-SNV ngày 03 tháng 01 năm 2019.",
             "QUYẾT ĐỊNH:",
             "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch CCHC của tỉnh năm 2019, gồm sáu nhóm nhiệm vụ: "
             "thể chế, thủ tục, bộ máy, công vụ, tài chính công và chính quyền điện tử.",
             "Điều 2. Các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố xây dựng kế hoạch của đơn vị "
             "trước ngày 25 tháng 01 năm 2019, gửi Sở Nội vụ tổng hợp.",
             "Điều 3. Quyết định này có hiệu lực kể từ ngày ký./."],
    "signer": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Lò Văn Thịnh"],
}
BC412 = {
    "left": ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"], "number": "Số: 412/BC-UBND",
    "date": "Lai Châu, ngày 20 tháng 12 năm 2018", "type": "BÁO CÁO",
    "subject": "Kết quả thực hiện công tác CCHC năm 2018 và nhiệm vụ năm 2019",
    "pages": [
        ["I. KẾT QUẢ ĐẠT ĐƯỢC",
         "1. Công tác chỉ đạo, điều hành: Ủy ban nhân dân tỉnh ban hành 14 văn bản chỉ đạo, tổ chức 6 đợt "
         "kiểm tra tại 22 cơ quan, đơn vị; các thiếu sót được chấn chỉnh ngay sau kiểm tra.",
         "2. Thủ tục hành chính: rà soát 1.126 thủ tục, đề nghị đơn giản hóa 48 thủ tục; Trung tâm Phục vụ "
         "hành chính công tiếp nhận 31.402 hồ sơ, trả đúng hạn 98,7%.",
         "3. Tổ chức bộ máy: giảm 7 phòng chuyên môn và 36 đầu mối đơn vị sự nghiệp công lập."],
        ["II. TỒN TẠI, HẠN CHẾ",
         "Một số đơn vị chưa cập nhật kịp thời tình hình giải quyết hồ sơ trên phần mềm một cửa điện tử; "
         "tỷ lệ hồ sơ trực tuyến mức độ 3, 4 còn thấp ở vùng cao biên giới.",
         "III. NHIỆM VỤ NĂM 2019",
         "Đẩy mạnh dịch vụ công trực tuyến, số hóa hồ sơ lưu trữ, nâng chỉ số hài lòng của người dân "
         "lên trên 85%./."]],
    "signer": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Đỗ Ngọc An"],
}
QD312 = {
    "left": ["ỦY BAN NHÂN DÂN", "TỈNH ĐIỆN BIÊN"], "number": "Số: 312/QĐ-UBND",
    "date": "Điện Biên, ngày 24 tháng 02 năm 2022", "type": "QUYẾT ĐỊNH",
    "subject": "Về việc công bố danh mục thủ tục hành chính thực hiện tại Bộ phận Một cửa",
    "body": ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN",
             "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ;",
             "QUYẾT ĐỊNH:",
             "Điều 1. Công bố kèm theo Quyết định này danh mục 214 thủ tục hành chính tiếp nhận tại Bộ phận "
             "Một cửa cấp huyện.",
             "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./."],
    "signer": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Lò Văn Tiến"],
}
DANH_MUC = {
    "title": ["ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN", "Số: 27/BC-UBND", "Điện Biên, ngày 24 tháng 02 năm 2022",
              "BÁO CÁO", "Danh mục thủ tục hành chính thực hiện tại Bộ phận Một cửa cấp huyện"],
    "header": ["STT", "Lĩnh vực", "Số thủ tục", "Tỷ lệ trực tuyến (%)"],
    "rows": [[1, "Hộ tịch", 38, 62.5], [2, "Đất đai", 41, 35.0], [3, "Xây dựng", 17, 47.1],
             [4, "Lao động - Thương binh và Xã hội", 29, 51.7], [5, "Giáo dục và Đào tạo", 12, 83.3]],
}


# --------------------------------------------------------------------------- writers
def make_docx(doc: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = Document()
    d.core_properties.author = "UBND tỉnh Lai Châu"
    import datetime as _dt

    d.core_properties.created = d.core_properties.modified = _dt.datetime(2019, 1, 7, 8, 0, 0)
    style = d.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "\n".join(doc["left"])
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = doc["number"]
    table.cell(1, 1).text = doc["date"]
    for text in (doc["type"], doc["subject"]):
        p = d.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in doc["body"]:
        d.add_paragraph(text)
    sign = d.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, NC."
    sign.cell(0, 1).text = "\n".join(doc["signer"])
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed member timestamps, so a rebuild is byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2019, 1, 7, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time: pin it
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2019-01-07T08:00:00Z", data)
            dst.writestr(fixed, data)
    return out.getvalue()


def _pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(__import__("datetime").datetime(2018, 12, 20, 8, 0, 0))
    pdf.add_font("NotoSerif", "", str(FONT_DIR / "NotoSerif-Regular.ttf"))
    pdf.add_font("NotoSerif", "B", str(FONT_DIR / "NotoSerif-Bold.ttf"))
    pdf.set_margins(25, 20, 20)
    return pdf


def _header(pdf, doc: dict) -> None:
    pdf.set_font("NotoSerif", "B", 12)
    y = pdf.get_y()
    pdf.multi_cell(70, 6, "\n".join(doc["left"]), align="C")
    pdf.set_xy(95, y)
    pdf.multi_cell(95, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", align="C")
    pdf.set_font("NotoSerif", "", 12)
    y = pdf.get_y() + 2
    pdf.set_xy(25, y)
    pdf.cell(70, 6, doc["number"], align="C")
    pdf.set_xy(95, y)
    pdf.cell(95, 6, doc["date"], align="C")
    pdf.ln(12)
    pdf.set_font("NotoSerif", "B", 13)
    pdf.cell(0, 7, doc["type"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, doc["subject"], align="C")
    pdf.ln(4)
    pdf.set_font("NotoSerif", "", 12)


def _signer(pdf, doc: dict) -> None:
    pdf.ln(6)
    pdf.set_x(110)
    pdf.set_font("NotoSerif", "B", 12)
    pdf.multi_cell(80, 6, "\n".join(doc["signer"]), align="C")


def make_text_pdf(doc: dict) -> bytes:
    pdf = _pdf()
    for n, paras in enumerate(doc["pages"]):
        pdf.add_page()
        if n == 0:
            _header(pdf, doc)
        else:
            pdf.set_font("NotoSerif", "", 11)
            pdf.cell(0, 6, str(n + 1), align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("NotoSerif", "", 12)
        for text in paras:
            pdf.multi_cell(0, 6.5, text, align="J")
            pdf.ln(2)
    _signer(pdf, doc)
    return bytes(pdf.output())


def make_scan_pdf(doc: dict) -> bytes:
    """The page drawn with Pillow at 150 dpi in greyscale, slightly rotated, embedded as an image
    only: no text layer, so it needs OCR (``tracuu ocr`` when Tesseract is missing)."""
    from PIL import Image, ImageDraw, ImageFont

    dpi = 150
    w, h = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (w, h), 250)
    draw = ImageDraw.Draw(img)
    reg = ImageFont.truetype(str(FONT_DIR / "NotoSerif-Regular.ttf"), 25)
    bold = ImageFont.truetype(str(FONT_DIR / "NotoSerif-Bold.ttf"), 25)

    def centred(text: str, x0: int, x1: int, y: int, font) -> None:
        tw = draw.textlength(text, font=font)
        draw.text((x0 + (x1 - x0 - tw) / 2, y), text, font=font, fill=20)

    y = 120
    for i, line in enumerate(doc["left"]):
        centred(line, 100, 560, y + i * 36, bold)
    centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 560, w - 60, y, bold)
    centred("Độc lập - Tự do - Hạnh phúc", 560, w - 60, y + 36, bold)
    centred(doc["number"], 100, 560, y + 100, reg)
    centred(doc["date"], 560, w - 60, y + 100, reg)
    y += 200
    centred(doc["type"], 0, w, y, bold)
    y += 40
    centred(doc["subject"], 0, w, y, bold)
    y += 80
    for para in doc["body"]:
        words, line = para.split(), ""
        for word in words:
            trial = f"{line} {word}".strip()
            if draw.textlength(trial, font=reg) > w - 260:
                draw.text((150, y), line, font=reg, fill=25)
                y, line = y + 36, word
            else:
                line = trial
        draw.text((150, y), line, font=reg, fill=25)
        y += 50
    for i, line in enumerate(doc["signer"]):
        centred(line, 620, w - 80, y + 30 + i * 36, bold)
    img = img.rotate(0.4, fillcolor=250, resample=Image.BICUBIC)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(__import__("datetime").datetime(2022, 2, 24, 8, 0, 0))
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def make_xlsx(sheet: dict) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh mục"
    for line in sheet["title"]:
        ws.append([line])
    ws.append([])
    ws.append(sheet["header"])
    for row in sheet["rows"]:
        ws.append(row)
        ws.cell(ws.max_row, 4).number_format = "0.0"
    wb.properties.creator = "UBND tỉnh Điện Biên"
    import datetime as _dt

    wb.properties.created = wb.properties.modified = _dt.datetime(2022, 2, 24, 8, 0, 0)
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


# --------------------------------------------------------------------------- manifest and WARC
def _sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def _record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return gzip.compress(head.encode("utf-8") + block + b"\r\n\r\n", compresslevel=9, mtime=0)


def apply(files: dict[str, bytes], manifest: dict) -> None:
    """Add the four documents to ``_build.build()``'s output: their files, their manifest entries
    (``assets`` with an ``attachment`` note, the linking page's ``exists``) and one HTTP response
    record each at the end of the WARC."""
    docs = {DOCX: make_docx(QD35), PDF: make_text_pdf(BC412), SCAN: make_scan_pdf(QD312), XLSX: make_xlsx(DANH_MUC)}
    by_file = {a["file"]: a for a in manifest["assets"]}
    entries = []
    for rel, data in docs.items():
        files[rel] = data
        url = f"https://{rel}"
        page = next(p for p in manifest["pages"] if any(a["url"].split("?")[0] == url for a in p["attachments"]))
        for a in page["attachments"]:
            if a["url"].split("?")[0] == url:
                a["exists"] = True
        ext = rel.rsplit(".", 1)[-1]
        entry = by_file.get(rel) or {"file": rel, "url": url, "content_type": TYPES[ext], "of": page["url"]}
        entry["attachment"] = {"format": ext, "scanned": rel == SCAN, "sha256": hashlib.sha256(data).hexdigest()}
        by_file[rel] = entry
        entries.append(entry)
    manifest["assets"] = sorted(by_file.values(), key=lambda a: a["file"])

    ns = uuid.UUID("6f1d5c1e-3a43-5b7e-9c11-747261637575")
    info_id = f"<urn:uuid:{uuid.uuid5(ns, 'warcinfo')}>"
    out = [files[WARC_FILE]]
    for e in sorted(entries, key=lambda e: e["url"]):
        payload = docs[e["file"]]
        http = ["HTTP/1.1 200 OK", "Date: Sun, 15 Jun 2025 01:00:00 GMT", f"Content-Type: {e['content_type']}",
                f"Content-Length: {len(payload)}"]
        block = ("\r\n".join(http) + "\r\n\r\n").encode("latin-1") + payload
        out.append(_record([
            ("WARC-Type", "response"), ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(ns, e['url'])}>"),
            ("WARC-Date", "2025-06-15T01:00:00Z"), ("WARC-Target-URI", e["url"]), ("WARC-Warcinfo-ID", info_id),
            ("WARC-Payload-Digest", _sha1_b32(payload)), ("WARC-Block-Digest", _sha1_b32(block)),
            ("Content-Type", "application/http;msgtype=response")], block))
    files[WARC_FILE] = b"".join(out)
    manifest["warc"]["attachments"] = len(entries)
    manifest["warc"]["about"] = ("every page with ingest=true as an HTTP 200 response record with its URL, then the "
                                 "assets marked 'attachment' (Word, text PDF, scanned PDF, spreadsheet; "
                                 "_attachments.py); the input for `tracuu demo` (the folder also holds README.md "
                                 "and the seed text dump)")


if __name__ == "__main__":
    import runpy

    runpy.run_path(str(HERE / "_build.py"), run_name="__main__")
