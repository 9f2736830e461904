"""Word (DOCX) and OpenDocument text/spreadsheet (ODT, ODS) read straight from their XML.

Reading the XML directly (lxml, entities off) instead of through python-docx/odfpy gives everything a
reader sees in one pass: body, tables, text boxes, content controls, headers, footers and notes, in
document order, and it lets the zip guard bound what is inflated. Tables with borders become one line
per row with tab-separated cells; borderless tables (the ND 30 header and signature blocks are laid
out with them) are read cell by cell, one paragraph per line, like body text.
"""

from __future__ import annotations

import re

from lxml import etree

from ingest.attachments.errors import BrokenFileError
from ingest.attachments.model import Extracted, Limits
from ingest.attachments.zipguard import open_zip, read_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
_DIGITS_RE = re.compile(r"^[\s\d\-–—/]*$")


def parse_xml(data: bytes, part: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise BrokenFileError(f"XML của «{part}» hỏng (malformed XML): {exc}") from None


def _clean(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------- DOCX
class _DocxReader:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.boxes: list[str] = []

    def para_text(self, p: etree._Element) -> str:
        parts: list[str] = []

        def walk(el: etree._Element) -> None:
            for ch in el:
                tag = ch.tag
                if not isinstance(tag, str) or tag == MC_FALLBACK:
                    continue
                if tag == W + "t":
                    parts.append(ch.text or "")
                elif tag in (W + "tab", W + "br", W + "cr"):
                    parts.append(" ")
                elif tag == W + "noBreakHyphen":
                    parts.append("-")
                elif tag == W + "txbxContent":          # a text box: its own paragraphs, after this one
                    sub = _DocxReader()
                    sub.block(ch)
                    self.boxes.extend(sub.out + sub.boxes)
                elif tag in (W + "del", W + "moveFrom", W + "instrText", W + "delText"):
                    continue
                else:
                    walk(ch)
        walk(p)
        return _clean("".join(parts))

    def block(self, el: etree._Element) -> None:
        for ch in el:
            tag = ch.tag
            if tag == W + "p":
                t = self.para_text(ch)
                if t:
                    self.out.append(t)
                if self.boxes:
                    self.out.extend(self.boxes)
                    self.boxes = []
            elif tag == W + "tbl":
                self.table(ch)
            elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins", W + "moveTo"):
                self.block(ch)

    def table(self, tbl: etree._Element) -> None:
        ruled = _bordered(tbl)
        for tr in tbl.iterchildren(W + "tr"):
            cells = []
            tcs = []
            for ch in tr:
                if ch.tag == W + "tc":
                    tcs.append(ch)
                elif ch.tag == W + "sdt":                   # a content control around cells
                    tcs.extend(ch.findall(f"{W}sdtContent/{W}tc"))
            for tc in tcs:
                sub = _DocxReader()
                sub.block(tc)
                cells.append(sub.out)
            if ruled and len(cells) > 1:
                line = "\t".join(" ".join(c) for c in cells)
                if line.strip("\t "):
                    self.out.append(line.strip("\t"))
            else:
                for c in cells:
                    self.out.extend(c)


def _bordered(tbl: etree._Element) -> bool:
    pr = tbl.find(W + "tblPr")
    if pr is None:
        return False
    borders = pr.find(W + "tblBorders")
    if borders is not None:
        vals = [b.get(W + "val", "") for b in borders]
        return any(v not in ("nil", "none", "") for v in vals)
    style = pr.find(W + "tblStyle")
    return style is not None and "grid" in (style.get(W + "val") or "").lower()


def _core_props(zf) -> dict[str, str]:
    raw = read_member(zf, "docProps/core.xml", missing_ok=True)
    if not raw:
        return {}
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError:
        return {}
    out = {}
    for el in root:
        name = etree.QName(el).localname
        if name in ("title", "creator", "created", "modified", "subject") and (el.text or "").strip():
            out[name] = el.text.strip()
    return out


def extract_docx(data: bytes, limits: Limits) -> Extracted:
    zf = open_zip(data, limits.max_unzipped)
    with zf:
        names = zf.namelist()
        body = parse_xml(read_member(zf, "word/document.xml"), "word/document.xml")
        reader = _DocxReader()
        b = body.find(W + "body")
        reader.block(b if b is not None else body)
        paras = reader.out
        extra_head: list[str] = []
        extra_tail: list[str] = []
        for name in sorted(names):
            kind = re.fullmatch(r"word/(header|footer|footnotes|endnotes)\d*\.xml", name)
            if not kind:
                continue
            sub = _DocxReader()
            root = parse_xml(read_member(zf, name), name)
            if kind.group(1) in ("footnotes", "endnotes"):
                for note in root:
                    if note.get(W + "type") in (None, "normal"):
                        sub.block(note)
            else:
                sub.block(root)
            lines = [t for t in sub.out if not _DIGITS_RE.match(t) and t not in paras]
            (extra_head if kind.group(1) == "header" else extra_tail).extend(lines)
        seen: set[str] = set()
        head = [t for t in extra_head if not (t in seen or seen.add(t))]
        tail = [t for t in extra_tail if not (t in seen or seen.add(t))]
        result = Extracted(format="docx", pages=["\n".join(head + paras + tail)])
        result.properties = _core_props(zf)
        return result


# -------------------------------------------------------------------------------------------- ODF
T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TB = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"


def _odf_text(el: etree._Element) -> str:
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        if e.text:
            parts.append(e.text)
        for ch in e:
            tag = ch.tag
            if tag == T + "s":
                parts.append(" " * int(ch.get(T + "c", "1") or 1))
            elif tag in (T + "tab", T + "line-break"):
                parts.append(" ")
            elif tag in (T + "note", OFFICE + "annotation"):
                pass
            else:
                walk(ch)
            if ch.tail:
                parts.append(ch.tail)
    walk(el)
    return _clean("".join(parts))


def _odf_block(el: etree._Element, out: list[str]) -> None:
    for ch in el:
        tag = ch.tag
        if tag in (T + "p", T + "h"):
            t = _odf_text(ch)
            if t:
                out.append(t)
        elif tag == TB + "table":
            for row in ch.iter(TB + "table-row"):
                cells = []
                for cell in row.iterchildren(TB + "table-cell", TB + "covered-table-cell"):
                    sub: list[str] = []
                    _odf_block(cell, sub)
                    cells.append(" ".join(sub))
                line = "\t".join(cells).strip("\t")
                if line.strip():
                    out.append(line)
        elif isinstance(tag, str) and not tag.startswith(TB):
            _odf_block(ch, out)


def extract_odt(data: bytes, limits: Limits) -> Extracted:
    zf = open_zip(data, limits.max_unzipped)
    with zf:
        root = parse_xml(read_member(zf, "content.xml"), "content.xml")
        paras: list[str] = []
        body = root.find(f"{OFFICE}body/{OFFICE}text")
        _odf_block(body if body is not None else root, paras)
        head: list[str] = []
        styles = read_member(zf, "styles.xml", missing_ok=True)
        if styles:
            for part in parse_xml(styles, "styles.xml").iter(STYLE + "header", STYLE + "footer"):
                sub: list[str] = []
                _odf_block(part, sub)
                head.extend(t for t in sub if not _DIGITS_RE.match(t) and t not in paras and t not in head)
        return Extracted(format="odt", pages=["\n".join(head + paras)])


def extract_ods(data: bytes, limits: Limits) -> Extracted:
    """Sheets of an ODS, each under a ``## name`` heading; repeated empty rows/cells cost nothing."""
    zf = open_zip(data, limits.max_unzipped)
    with zf:
        root = parse_xml(read_member(zf, "content.xml"), "content.xml")
    sheets: list[str] = []
    rows_read = 0
    capped = False
    for table in root.iter(TB + "table"):
        lines = [f"## {table.get(TB + 'name') or 'Sheet'}"]
        for row in table.iter(TB + "table-row"):
            cells: list[str] = []
            for cell in row.iterchildren(TB + "table-cell", TB + "covered-table-cell"):
                sub: list[str] = []
                _odf_block(cell, sub)
                text = " ".join(sub)
                rep = min(int(cell.get(TB + "number-columns-repeated", "1") or 1), 1 if not text else 64)
                cells.extend([text] * rep)
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            rep = min(int(row.get(TB + "number-rows-repeated", "1") or 1), 1_000)
            for _ in range(rep):
                if rows_read >= limits.max_rows:
                    capped = True
                    break
                lines.append("\t".join(cells) if sum(1 for c in cells if c) > 1 else next(c for c in cells if c))
                rows_read += 1
            if capped:
                break
        sheets.append("\n".join(lines))
        if capped:
            break
    result = Extracted(format="ods", pages=["\n".join(sheets)])
    if capped:
        result.warnings.append(f"Chỉ đọc {limits.max_rows:,} dòng đầu của bảng tính; phần còn lại bị bỏ qua "
                               f"(row cap of {limits.max_rows:,} reached)".replace(",", "."))
    return result
