"""Hostile and oversized attachment files, generated at test time (tests/test_attachments_bad.py).

Each builder writes the smallest honest example of a failure seen on portals or in the wild.
"""

from __future__ import annotations

import io
import zipfile
import zlib


def minimal_pdf(page_streams: list[bytes], shared_stream: bytes | None = None, compress: bool = False) -> bytes:
    """A valid PDF (Helvetica, one content stream per page, or one stream shared by every page)."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = add(b"")                      # filled below
    kids = []
    shared = None
    if shared_stream is not None:
        data = zlib.compress(shared_stream, 9) if compress else shared_stream
        shared = add(b"<< /Length %d%s >>\nstream\n" % (len(data), b" /Filter /FlateDecode" if compress else b"")
                     + data + b"\nendstream")
    for stream in page_streams:
        if shared is None:
            data = zlib.compress(stream, 9) if compress else stream
            cid = add(b"<< /Length %d%s >>\nstream\n" % (len(data), b" /Filter /FlateDecode" if compress else b"")
                      + data + b"\nendstream")
        else:
            cid = shared
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>"
                        b" /Contents %d 0 R >>" % (pages_id, font, cid)))
    objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref))
    return out.getvalue()


def text_page(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 770 Td (" + text.encode("latin-1") + b") Tj ET"


def many_pages_pdf(n: int) -> bytes:
    return minimal_pdf([text_page(f"Trang so {i + 1}") for i in range(n)])


def broken_xref(pdf: bytes) -> bytes:
    """Every xref offset and startxref wrong, as after a bad FTP transfer or a careless edit."""
    head, _, tail = pdf.rpartition(b"xref\n")
    tail = tail.replace(b" 00000 n ", b" 00000 n ").replace(b"startxref\n", b"startxref\n9")
    lines = tail.split(b"\n")
    lines = [b"%010d 00000 n " % (int(x[:10]) + 7) if x.endswith(b" n ") else x for x in lines]
    return head + b"xref\n" + b"\n".join(lines)


def slow_pdf(pages: int = 400, ops: int = 60_000) -> bytes:
    """Small file, huge work: every page shares one compressed stream of ``ops`` text operators."""
    stream = b"BT /F1 1 Tf " + b"1 0 Td (ab) Tj " * ops + b"ET"
    return minimal_pdf([b""] * pages, shared_stream=stream, compress=True)


def zip_bomb_docx(size: int) -> bytes:
    """A DOCX whose document.xml inflates to ``size`` bytes of nothing (a few hundred KB packed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                     b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def million_rows_xlsx(rows: int = 1_000_000) -> bytes:
    """An XLSX written the way export scripts write them: one sheet, ``rows`` rows of two cells."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                   '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} {rel}><sheets><sheet name="Du_lieu" '
                   'sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0"?><worksheet {ns}><dimension ref="A1:B{rows}"/><sheetData>'.encode())
            block = []
            for r in range(1, rows + 1):
                block.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Hồ sơ</t></is></c>'
                             f'<c r="B{r}"><v>{r}</v></c></row>')
                if len(block) == 20_000:
                    fh.write("".join(block).encode())
                    block = []
            fh.write("".join(block).encode() + b"</sheetData></worksheet>")
    return buf.getvalue()
