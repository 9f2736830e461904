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
import unicodedata
from dataclasses import asdict, dataclass, field

# ND 30, Phụ lục III (abbreviations of document types), plus the legal documents of Luật 80/2015.
DOC_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế", "QYĐ": "Quy định",
    "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn", "CTR": "Chương trình", "KH": "Kế hoạch",
    "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTR": "Tờ trình",
    "HĐ": "Hợp đồng", "CĐ": "Công điện", "GN": "Bản ghi nhớ", "TTH": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền", "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "NP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi", "PC": "Phiếu chuyển", "PB": "Phiếu báo", "NĐ": "Nghị định", "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch", "NQLT": "Nghị quyết liên tịch", "L": "Luật", "PL": "Pháp lệnh",
    "LCT": "Lệnh", "QH": "Nghị quyết",
}
TYPE_NAMES = sorted({*DOC_TYPES.values(), "Công văn"}, key=len, reverse=True)

_MARK_RE = re.compile("[\u0300-\u036f]")


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d" if c == "đ" else "D"
    base = _MARK_RE.sub("", unicodedata.normalize("NFD", c))
    return base if len(base) == 1 else c


_FOLD_TABLE: dict[int, str] = {}


def fold_keep_length(text: str) -> str:
    """Lowercase, marks removed, ``đ→d``, one character for one (so positions map back)."""
    out = []
    for c in text:
        f = _FOLD_TABLE.get(ord(c))
        if f is None:
            f = _fold_char(c).lower()
            f = f if len(f) == 1 else c
            _FOLD_TABLE[ord(c)] = f
        out.append(f)
    return "".join(out)


def _fold(text: str) -> str:
    return fold_keep_length(unicodedata.normalize("NFC", text))


# ----------------------------------------------------------------------------------- numbers
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "－": "-", "／": "/", "\\": "/"})
_NUM_TOKEN_RE = re.compile(r"[a-z0-9]+")


def normalize_doc_number(text: str) -> str | None:
    """Search key of a document number however it is typed, in the D field's folded form.

    ``583/TB-SNV``, ``583/tb-snv``, ``583 TB SNV`` → ``583/tb-snv``; ``15/2020/NĐ-CP`` and
    ``15/2020/ND-CP`` → ``15/2020/nd-cp``. None when the text is not a number with a symbol.
    """
    t = _fold(unicodedata.normalize("NFKC", text).translate(_DASHES)).strip()
    t = re.sub(r"^(?:so|s[o6]\s*:)\s*:?\s*", "", t)          # a leading "Số:"
    toks = _NUM_TOKEN_RE.findall(t)
    if len(toks) < 2 or not toks[0].isdigit() or toks[1].isdigit() and len(toks) < 3:
        return None
    head = [toks[0]]
    rest = toks[1:]
    if rest[0].isdigit() and 2 <= len(rest[0]) <= 4:
        head.append(rest.pop(0))
    if not rest or not rest[0][0].isalpha():
        return None
    return "/".join(head) + "/" + "-".join(rest)


_NUMBER_LINE_RE = re.compile(r"^\s*s[o6oơ]\s*[:;.,]?\s*(?=\d)", re.IGNORECASE)
_NUMBER_RE = re.compile(r"(\d{1,6}(?:\s*/\s*\d{2,4})?\s*/\s*[A-Za-zÀ-ỹĐđ][\wÀ-ỹĐđ]*(?:\s*[-–]\s*[\wÀ-ỹĐđ]+)*)")

# OCR drops the slash now and then: "Số: 7HD-SKHĐT" is 7/HD-SKHĐT
_NUMBER_NOSLASH_RE = re.compile(r"(\d{1,6})([A-ZĐ][A-Za-zĐđ]*(?:\s*[-–]\s*[\wÀ-ỹĐđ]+)+)")

# --------------------------------------------------------------------------------- anchors
_MOTTO1_RE = re.compile(r"c[o0]ng\s*h[o0]a\s*x[a]\s*h[o0]i\s*ch[u]\s*ngh[i1l]a\s*v[i1l][e]t\s*nam")
_MOTTO2_RE = re.compile(r"d[o0]c\s*l[a]p\s*[-–—.,]?\s*t[u]\s*d[o0]\s*[-–—.,]?\s*h[a]nh\s*ph[u]c")
_DATE_RE = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_RECIPIENTS_RE = re.compile(r"^\s*n[o0]i\s*nh[a]n\s*[:;.]?")
_ADDRESSEE_RE = re.compile(r"^\s*k[i1l]nh\s*g[u]i\s*[:;.]?")
_SUBJECT_PREFIX_RE = re.compile(r"^\s*(?:v\s*/\s*v|ve\s+viec)\b\.?\s*:?\s*", re.IGNORECASE)
_VV_OCR_RE = re.compile(r"^\s*v\s*[/|\\il1]\s*v\b\.?\s*", re.IGNORECASE)     # on folded text: VỊV, V|v, V1v
_SIGN_PREFIX_RE = re.compile(r"^(?:tm|kt|tl|tuq|q|ktm)\s*[.,]\s*")
_TITLE_WORDS = ("chu tich", "giam doc", "truong", "pho", "bo truong", "thu truong", "chanh", "tong",
                "cuc truong", "vu truong", "chanh van phong", "truong ban", "bi thu", "thu ky", "ke toan")
_UNIT_HEADS = ("so ", "phong ", "cuc ", "chi cuc ", "vu ", "van phong ", "ban ", "trung tam ", "tong cuc ",
               "thanh tra ", "benh vien ", "truong ", "kho bac ", "dai ", "vien ", "hoi dong ", "ubnd ",
               "uy ban nhan dan ", "cong an ", "bo chi huy ", "chi nhanh ", "doi ", "tram ", "hat ")
_COLLECTIVE = ("uy ban nhan dan", "hoi dong nhan dan")
_NAME_RE = re.compile(r"^(?:[A-ZÀ-ỸĐ][a-zà-ỹđ]{0,6}\.?\s+){1,5}[A-ZÀ-ỸĐ][a-zà-ỹđ]{0,6}$")
_BODY_START_RE = re.compile(r"^(?:can cu|xet |theo de nghi|thuc hien|kinh gui|[ivx]+\.|\d+\.|dieu \d)")


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


def looks_like_name(line: str) -> bool:
    """A Vietnamese personal name as signed under a title: 2–6 capitalised syllables (Lò Văn Thành)."""
    cand = " ".join(line.split()).rstrip(" .,;-_|~")
    return bool(_NAME_RE.match(cand)) and not _is_upper_line(cand)


_JUNK_EDGE_RE = re.compile(r"^[\s_~|¬—=*•·]+(?=\S)|(?<=\S)[\s_~|¬—=*]+$")


def strip_junk(line: str) -> str:
    """A line without the rules, underlines and specks OCR reads as ``_``, ``~``, ``|`` at its ends;
    empty when nothing with at least two letters or digits is left."""
    t = _JUNK_EDGE_RE.sub("", line.strip())
    t = re.sub(r"\s+_+\s+", " ", t)
    t = re.sub(r"(?<=\s)_+(?=\w)|(?<=\w)_+(?=\s)", "", t)
    return t if sum(c.isalnum() for c in t) >= 2 else ""


def _is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _cut_anchors(line: str) -> list[tuple[str, str]]:
    """Split a header line into tagged pieces: ('motto'|'date'|'number'|'text', piece)."""
    folded = _fold(line)
    spans = []
    for kind, rx in (("motto", _MOTTO1_RE), ("motto", _MOTTO2_RE)):
        for m in rx.finditer(folded):
            spans.append((m.start(), m.end(), kind))
    m = re.search(r"\bs[o6]\s*[:;.,]?\s*(?=\d)", folded)
    if m:
        end = m.end()
        n = _NUMBER_RE.match(line, end) or _NUMBER_NOSLASH_RE.match(line, end)
        if n:
            spans.append((m.start(), n.end(), "number"))
    m = _DATE_RE.search(folded)
    if m:
        comma = line.rfind(",", 0, m.start())
        start = comma + 1 if comma >= 0 and m.start() - comma < 4 else m.start()
        # the place is the text before ", ngày" back to the previous anchor
        prev_end = max((e for s, e, _ in spans if e <= start), default=0)
        spans.append((prev_end, m.end(), "date"))
    spans.sort()
    out: list[tuple[str, str]] = []
    pos = 0
    for s, e, kind in spans:
        if s < pos:
            continue
        if line[pos:s].strip(" ,.;:-"):
            out.append(("text", line[pos:s].strip()))
        out.append((kind, line[s:e].strip()))
        pos = e
    if line[pos:].strip(" ,.;:-"):
        out.append(("text", line[pos:].strip()))
    return out


def _type_of_line(line: str) -> str | None:
    """``QUYẾT ĐỊNH`` → Quyết định (a caps line naming a type, not ``QUYẾT ĐỊNH:`` opening articles)."""
    if not _is_upper_line(line) or line.rstrip().endswith(":"):
        return None
    key = re.sub(r"[^a-z ]", "", _fold(line)).split()
    joined = " ".join(key)
    for name in TYPE_NAMES:
        f = _fold(name)
        if joined == f:
            return name
        if joined.startswith(f + " ") and len(key) <= len(f.split()) + 2:
            return name
    return None


def _type_from_number(number: str) -> str | None:
    sym = number.split("/")[-1]
    parts = [p.strip() for p in sym.split("-")]
    first = parts[0].upper()
    if first in DOC_TYPES:
        return DOC_TYPES[first]
    if len(parts) >= 2:                     # 1234/UBND-KT: agency-unit, the sign of a công văn
        return "Công văn"
    return None


def _parse_date(folded: str) -> dt.date | None:
    m = _DATE_RE.search(folded)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _issuer(lines: list[str]) -> tuple[str | None, str | None]:
    """(issuer, parent) from the left header block's lines."""
    lines = [" ".join(x.split()) for x in lines if x.strip()]
    if not lines:
        return None, None
    if len(lines) >= 2:
        f0, f1 = _fold(lines[0]), _fold(lines[1]) + " "
        if f0 not in _COLLECTIVE and any(f1.startswith(h) for h in _UNIT_HEADS):
            return " ".join(lines[1:]), lines[0]
    return " ".join(lines), None


def _strip_subject_prefix(subject: str) -> str:
    m = _SUBJECT_PREFIX_RE.match(_fold(subject))      # folding keeps positions: cut the original
    return subject[m.end():].strip() if m else subject.strip()


def _signer(lines: list[str]) -> tuple[str | None, list[str]]:
    """The signer's name (last person-name line after a caps title block) and the title lines."""
    start = 0
    for i, line in enumerate(lines):
        if _RECIPIENTS_RE.match(_fold(line)):
            start = i
    tail = lines[start:] if start else lines[-25:]
    for k in range(len(tail) - 1, -1, -1):
        cand = " ".join(tail[k].split()).rstrip(" .,;-_|~")
        if not looks_like_name(cand):
            continue
        titles: list[str] = []
        seen = 0
        for j in range(k - 1, -1, -1):
            t = " ".join(tail[j].split())
            ft = _fold(t)
            if sum(c.isalpha() for c in t) < 3:          # seal and signature specks read as text
                continue
            if t.startswith(("-", "+", "•")) or _RECIPIENTS_RE.match(ft):
                if titles:
                    break
                continue                              # recipients interleaved (spreadsheet rows)
            seen += 1
            if _is_upper_line(t) and (titles or _SIGN_PREFIX_RE.match(ft) or any(w in ft for w in _TITLE_WORDS)
                                      or ft.rstrip().endswith(("doc", "tich", "truong", "ban"))):
                titles.insert(0, t)
            elif titles or seen > 3:
                break
        if titles:
            return cand, titles
    return None, []


_TYPE_ABBR = {name: abbr for abbr, name in reversed(list(DOC_TYPES.items()))}
_PRINTED_ABBR = {"TTR": "TTr", "QYĐ": "QyĐ", "CTR": "CTr", "TTH": "TTh"}     # as ND 30 prints them
_SAFE_MARKS = {"QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "NQLT": "NQLT"}
_ABBR_SKIP = {"va", "v", "cua"}


def initials(name: str) -> str:
    """ND 30 abbreviation of a body's name: ``SỞ KẾ HOẠCH VÀ ĐẦU TƯ`` → ``SKHĐT`` (``và`` left out)."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if _fold(w) not in _ABBR_SKIP]
    return "".join(w[0].upper() for w in words)


def _edit1(a: str, b: str) -> bool:
    """At most one letter substituted, inserted or deleted."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _fix_ocr_number(number: str, meta: AdminMeta) -> str:
    """OCR misreads of a number's symbol put right from the rest of the page: the issuer's initials
    (``SKHDT`` → ``SKHĐT``), Đ in unambiguous abbreviations (``QD`` → ``QĐ``), and a type abbreviation
    one letter off the type printed in capitals (``ÂH`` → ``KH`` under ``KẾ HOẠCH``)."""
    head, _, sym = number.rpartition("/")
    if not head:
        return number
    parts = sym.split("-")
    org = initials(meta.issuer) if meta.issuer else ""
    want_type = _TYPE_ABBR.get(meta.doc_type or "", "")
    for k, part in enumerate(parts):
        up = part.upper()
        if org and up != org and (_fold(up) == _fold(org) or len(org) >= 4 and _edit1(_fold(up), _fold(org))):
            parts[k] = org
        elif up in _SAFE_MARKS:
            parts[k] = _SAFE_MARKS[up]
        elif k == 0 and want_type and up not in DOC_TYPES and _edit1(_fold(up), _fold(want_type)):
            parts[k] = _PRINTED_ABBR.get(want_type, want_type)
    return head + "/" + "-".join(parts)


def _letters(text: str) -> str:
    return "".join(c for c in _fold(text) if c.isalpha())


def _issuer_from_body(issuer: str, body: list[str]) -> str:
    """The issuer's name as the body spells it (``… của Sở Kế hoạch và Đầu tư``), in capitals.

    OCR reads lower-case body text better than the bold capitals of the header ('ĐÂUTƯ'); when the
    body names the same body, letter for letter once folded, that spelling is the better one.
    """
    key = _letters(issuer)
    if len(key) < 6:
        return issuer
    for line in body:
        if key[:3] not in _letters(line):
            continue
        words = list(re.finditer(r"\S+", line))
        for i in range(len(words)):
            if not key.startswith(_letters(words[i].group()) or "#"):
                continue
            acc = ""
            for j in range(i, len(words)):
                acc += _letters(words[j].group())
                if not key.startswith(acc):
                    break
                if acc == key:
                    found = line[words[i].start():words[j].end()].strip(" .,;:/()\"'“”")
                    return found.upper() if found.upper() != found else issuer
    return issuer


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
        if meta.issued and meta.number and i >= after_header - 1 and after_header:
            pass
    meta.issuer, meta.issuer_parent = _issuer(issuer_lines[:4])
    # the type line and the subject under it
    start = max(after_header, 1)
    for i in range(start, min(len(lines), start + 12)):
        t = _type_of_line(lines[i])
        if t:
            meta.doc_type = t
            rest = lines[i]
            folded = _fold(rest)
            tail = rest[len(_fold(t)):].strip() if folded.startswith(_fold(t)) else ""
            if tail and not _is_upper_line(tail):
                meta.subject = meta.subject or tail
            elif i + 1 < len(lines) and meta.subject is None:
                nxt = lines[i + 1]
                if not _BODY_START_RE.match(_fold(nxt)) and not _ADDRESSEE_RE.match(_fold(nxt)):
                    meta.subject = nxt
                    # a wrapped subject read line by line (OCR): its last line is shorter than the
                    # first, neither a heading nor the opening of the body
                    for cont in lines[i + 2:i + 4]:
                        fc = _fold(cont)
                        if len(cont) >= len(nxt) or _is_upper_line(cont) or _BODY_START_RE.match(fc) \
                                or _ADDRESSEE_RE.match(fc) or cont.rstrip().endswith((".", ":", ";")):
                            break
                        meta.subject += " " + cont
            break
    if meta.doc_type is None and meta.number:
        meta.doc_type = _type_from_number(meta.number)
    if meta.doc_type is None and meta.subject and re.match(r"^\s*v\s*/\s*v", meta.subject, re.IGNORECASE):
        meta.doc_type = "Công văn"
    if meta.subject:
        meta.subject = " ".join(meta.subject.split()).rstrip(" :;,_-~|")
        meta.subject_plain = _strip_subject_prefix(meta.subject)
    if meta.issuer and ocr:
        meta.issuer = _issuer_from_body(meta.issuer, [x for x in lines if not _is_upper_line(x)])
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
    meta.signer, meta.signer_title = _signer(lines)
    return meta
