"""Text primitives of ND 30 parsing: folding, document types and numbers, header regexes, names.

Every anchor is matched on folded text (lower case, no marks, ``đ→d``, one character for one), so
OCR's misplaced marks and the casing of capitals headers do not matter.
"""

from __future__ import annotations

import re
import unicodedata

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
# "ngày 24 tháng 4 năm 2017" (ND 30) or "NGÀY 24/04/2017" (a title line such as "KẾ HOẠCH SỐ
# 2046/KH-BCT NGÀY 24/04/2017"), on folded text
_DATE_RE = re.compile(r"ngay\s*(\d{1,2})\s*(?:thang\s*|[/.-]\s*)(\d{1,2})\s*(?:nam\s*|[/.-]\s*)(\d{4})")
#: a place written before ", ngày …" is a name of a few words ("Hà Nội", "TP. Hồ Chí Minh"); more
#: words mean the date is inside a sentence of the body ("… bắt đầu vào ngày 30 tháng 9 năm 1862")
PLACE_MAX_WORDS = 6
#: the earliest plausible issue date of an administrative document of the Vietnamese state
EARLIEST_ISSUE_YEAR = 1945
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


def looks_like_name(line: str) -> bool:
    """A Vietnamese personal name as signed under a title: 2–6 capitalised syllables (Lò Văn Thành)."""
    cand = " ".join(line.split()).rstrip(" .,;-_|~").lstrip(" .,;'`\"")
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
