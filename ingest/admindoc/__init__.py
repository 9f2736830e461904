"""Metadata of Vietnamese administrative documents (format of Nghị định 30/2020/NĐ-CP).

An ND 30 document opens with two columns — the issuing body on the left (``UBND TỈNH LAI CHÂU`` over
``SỞ NỘI VỤ``), the national motto on the right — then ``Số: 583/TB-SNV`` and the place and date
(``Lai Châu, ngày 16 tháng 7 năm 2018``), the type in capitals (``THÔNG BÁO``; a công văn has none
and puts ``V/v …`` under its number), the subject (trích yếu), the body, and ends with ``Nơi nhận:``
and the signer block (``KT. GIÁM ĐỐC`` / ``PHÓ GIÁM ĐỐC`` / name). ``parse_admin_meta`` reads these
from extracted text, one paragraph per line as ``ingest.attachments`` gives it (DOCX, PDF layout or
OCR, where letters may be wrong: every anchor is matched on folded text, tolerant of spacing).

``normalize_doc_number`` gives the key numbers are searched by; it agrees with the D field of
``index.analysis`` (``docnums``), so ``583 TB SNV``, ``583/tb-snv`` and ``583/TB-SNV`` all meet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from ingest.admindoc.header import (
    _cut_anchors,
    _issuer,
    _parse_date,
    _signer,
    _strip_subject_prefix,
    _type_from_number,
    _type_of_line,
    _type_opening,
    _wrapped_lines,
)
from ingest.admindoc.ocrfix import (
    _fix_ocr_number,
    _issuer_from_body,
    clean_ocr_subject,
    fix_cut_surname,
    fix_ocr_body_name,
    fix_ocr_name_line,
    fix_ocr_surname,
    initials,
    name_score,
)
from ingest.admindoc.text import (
    _ADDRESSEE_RE,
    _BODY_START_RE,
    _NUMBER_NOSLASH_RE,
    _NUMBER_RE,
    _VV_OCR_RE,
    DOC_TYPES,
    TYPE_NAMES,
    _fold,
    _is_upper_line,
    fold_keep_length,
    looks_like_name,
    normalize_doc_number,
    strip_junk,
)

__all__ = ["DOC_TYPES", "TYPE_NAMES", "AdminMeta", "clean_ocr_subject", "fix_cut_surname", "fix_ocr_body_name",
           "fix_ocr_name_line", "fix_ocr_surname", "fold_keep_length", "initials", "looks_like_name",
           "name_score", "normalize_doc_number", "parse_admin_meta", "strip_junk"]


@dataclass
class AdminMeta:
    """What ND 30 puts around the body. Every field may be None when the text does not show it."""

    doc_type: str | None = None
    number: str | None = None               # as printed: 583/TB-SNV
    number_key: str | None = None           # normalize_doc_number(number): 583/tb-snv
    issuer: str | None = None               # SỞ NỘI VỤ / ỦY BAN NHÂN DÂN TỈNH GIA LAI
    issuer_parent: str | None = None        # UBND TỈNH LAI CHÂU above a department, else None
    place: str | None = None
    issued: dt.date | None = None
    subject: str | None = None              # trích yếu as printed (V/v …, Về việc …, or bare)
    subject_plain: str | None = None        # without the V/v / Về việc prefix
    addressee: list[str] = field(default_factory=list)
    signer_title: list[str] = field(default_factory=list)
    signer: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["issued"] = self.issued.isoformat() if self.issued else None
        return d

    @property
    def empty(self) -> bool:
        return not (self.number or self.issued or self.doc_type or self.issuer)


def parse_admin_meta(text: str, ocr: bool = False) -> AdminMeta:
    """ND 30 metadata from extracted text (one paragraph per line, table cells tab-separated).

    ``ocr``: the text comes from OCR, so the number's symbol is checked against the issuer and type.
    """
    lines = [strip_junk(x) for raw in text.split("\n") for x in raw.split("\t")]
    lines = [x for x in lines if x]
    meta = AdminMeta()
    if not lines:
        return meta
    head = lines[:40]
    issuer_lines: list[str] = []
    header_done = False
    after_header = 0
    subject_idx: int | None = None
    for i, line in enumerate(head):
        pieces = _cut_anchors(line)
        kinds = {k for k, _ in pieces}
        for kind, piece in pieces:
            if kind == "number" and meta.number is None:
                n = _NUMBER_RE.search(piece)
                if n:
                    meta.number = re.sub(r"\s+", "", n.group(1)).replace("–", "-")
                else:
                    n = _NUMBER_NOSLASH_RE.search(piece)
                    if n:
                        meta.number = n.group(1) + "/" + re.sub(r"\s+", "", n.group(2)).replace("–", "-")
                header_done = True
            elif kind == "date" and meta.issued is None:
                fp = _fold(piece)
                meta.issued = _parse_date(fp)
                m = re.search(r",?\s*ngay\s*\d", fp)
                place = piece[:m.start()].strip(" ,.;:") if m else ""
                meta.place = place or None
                after_header = i + 1
            elif kind == "text" and not header_done and meta.issued is None and "motto" not in kinds \
                    and _is_upper_line(piece) and not _type_of_line(piece):
                issuer_lines.append(piece)
            elif kind == "text" and not header_done and "motto" in kinds and _is_upper_line(piece):
                issuer_lines.append(piece)
            elif kind == "text" and header_done and subject_idx is None and _VV_OCR_RE.match(_fold(piece)):
                m = _VV_OCR_RE.match(_fold(piece))
                meta.subject = "V/v " + piece[m.end():].strip() if ocr else piece
                subject_idx = i
                if len(pieces) == 1:                  # a V/v block wrapped in its column
                    meta.subject += "".join(" " + x for x in _wrapped_lines(piece, lines[i + 1:i + 4]))
        if meta.issued and meta.number and i >= after_header - 1 and after_header:
            pass
    meta.issuer, meta.issuer_parent = _issuer(issuer_lines[:4])
    # the type line and the subject under it
    start = max(after_header, 1)
    for i in range(start, min(len(lines), start + 12)):
        t = _type_of_line(lines[i])
        opening = _type_opening(lines[i]) if ocr and not t else None
        if opening:
            meta.doc_type, tail = opening
            meta.subject = meta.subject or tail
            break
        if t:
            meta.doc_type = t
            rest = lines[i]
            folded = _fold(rest)
            tail = rest[len(_fold(t)):].strip() if folded.startswith(_fold(t)) else ""
            if strip_junk(tail) and not _is_upper_line(tail):
                meta.subject = meta.subject or tail
            elif i + 1 < len(lines) and meta.subject is None:
                nxt = lines[i + 1]
                if not _BODY_START_RE.match(_fold(nxt)) and not _ADDRESSEE_RE.match(_fold(nxt)):
                    meta.subject = " ".join([nxt, *_wrapped_lines(nxt, lines[i + 2:i + 4])])
            break
    if meta.doc_type is None and meta.number:
        meta.doc_type = _type_from_number(meta.number)
    if meta.doc_type is None and meta.subject and re.match(r"^\s*v\s*/\s*v", meta.subject, re.IGNORECASE):
        meta.doc_type = "Công văn"
    if meta.subject:
        meta.subject = " ".join(meta.subject.split()).rstrip(" :;,_-~|")
        if ocr:
            meta.subject = clean_ocr_subject(meta.subject)
        meta.subject_plain = _strip_subject_prefix(meta.subject)
    if meta.issuer and ocr:
        meta.issuer = _issuer_from_body(meta.issuer, [x for x in lines if not _is_upper_line(x)])
        meta.issuer = fix_ocr_body_name(meta.issuer)
        if meta.issuer_parent:
            meta.issuer_parent = fix_ocr_body_name(meta.issuer_parent)
    if meta.number and ocr:
        meta.number = _fix_ocr_number(meta.number, meta)
    if meta.number:
        meta.number_key = normalize_doc_number(meta.number)
    # Kính gửi
    for i, line in enumerate(lines[:60]):
        m = _ADDRESSEE_RE.match(_fold(line))
        if m:
            rest = line[m.end():].strip(" .;")
            if rest:
                meta.addressee = [rest]
            else:
                for nxt in lines[i + 1:i + 15]:
                    if not nxt.startswith(("-", "+", "•")):
                        break
                    meta.addressee.append(nxt.lstrip("-+• ").rstrip(" .;"))
            break
    meta.signer, meta.signer_title = _signer(lines, fix_ocr_name_line if ocr else None)
    if meta.signer and ocr:
        meta.signer = fix_ocr_surname(meta.signer)
    return meta
