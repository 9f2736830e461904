"""Repairs of OCR misreads in ND 30 metadata, made from the rest of the page: the number's symbol
checked against the issuer's initials and the printed type, the issuer spelled as the body spells
it, and specks OCR adds to a subject."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from ingest.admindoc.text import DOC_TYPES, _edit1, _fold
from ingest.textfix import is_vietnamese_syllable

if TYPE_CHECKING:
    from ingest.admindoc import AdminMeta


_TYPE_ABBR = {name: abbr for abbr, name in reversed(list(DOC_TYPES.items()))}
_PRINTED_ABBR = {"TTR": "TTr", "QYĐ": "QyĐ", "CTR": "CTr", "TTH": "TTh"}     # as ND 30 prints them
_SAFE_MARKS = {"QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "NQLT": "NQLT"}
_ABBR_SKIP = {"va", "v", "cua"}


def initials(name: str) -> str:
    """ND 30 abbreviation of a body's name: ``SỞ KẾ HOẠCH VÀ ĐẦU TƯ`` → ``SKHĐT`` (``và`` left out)."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if _fold(w) not in _ABBR_SKIP]
    return "".join(w[0].upper() for w in words)


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


_OCR_DECIMAL_RE = re.compile(r"(?<=\d)([.,]) (?=\d)")
_LONE_CONSONANT_RE = re.compile(r"(?<=\s)[bcdđghklmnpqrstvx](?=\s)")
_RULE_SPECK_RE = re.compile(r"^[-~|]*_[-_~|]*$")     # an underline read between words: "-_"
_GLUED_BANG_RE = re.compile(r"(?<=[^\W\d_])!(?= [a-zà-ỹđ])")


def _same_style_quotes(text: str) -> str:
    """A pair of double quotes OCR read in two styles (``"chống lại”``) put in the style of the opening
    one: a writer types a pair with one key, straight or curly; a subject with more or fewer than two
    double quotes is left alone."""
    pos = [k for k, c in enumerate(text) if c in '"“”']
    if len(pos) != 2:
        return text
    a, b = text[pos[0]], text[pos[1]]
    if (a == '"') == (b == '"'):
        return text
    close = '"' if a == '"' else "”"
    return text[:pos[1]] + close + text[pos[1] + 1:]


def clean_ocr_subject(subject: str) -> str:
    """Specks OCR adds to a subject: a space after a decimal point (``7. 0``), a lone lower-case
    consonant (no Vietnamese word is one), an ``!`` glued to a word the sentence goes on after, an
    underline between words (``-_``), a full stop after the last word, an unbalanced quote at either
    end (a speck before the first word reads as one), a pair of double quotes read in two styles."""
    s = _OCR_DECIMAL_RE.sub(r"\1", subject)
    s = _LONE_CONSONANT_RE.sub("", s)
    s = _GLUED_BANG_RE.sub("", s)
    s = " ".join(w for w in s.split() if not (_RULE_SPECK_RE.match(w)))
    s = re.sub(r" [.,]$", "", s)                      # a speck after the last word: no subject ends so
    s = _same_style_quotes(s)
    for q in ('"', "'", "”", "“"):
        if s.endswith(q) and (s.count(q) % 2 == 1 if q in "\"'" else s.count("“") != s.count("”")):
            s = s[:-1].rstrip()
        if s.startswith(q) and (s.count(q) % 2 == 1 if q in "\"'" else s.count("“") != s.count("”")):
            s = s[1:].lstrip()
    return s


# Vietnamese family names, the most common first (Kinh, then those of the northern and central
# highland peoples that officials of those provinces bear): a closed list against which OCR's reading
# of the first word of a signer's name, which the seal ring crosses, can be checked.
SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Lâm", "Trương", "Đào", "Đoàn", "Vương", "Trịnh", "Mai", "Cao", "Lưu", "Hà", "Tạ",
    "Tô", "Châu", "Quách", "Lương", "Thái", "Từ", "Kiều", "Tăng", "Khương", "La", "Lại", "Phùng", "Văn",
    "Triệu", "Nông", "Lục", "Hứa", "Mạc", "Tống", "Thân", "Chu", "Doãn", "Khổng", "Đàm", "Âu", "Giang",
    "Mẫn", "Nghiêm", "Ninh", "Quan", "Tôn", "Ông", "Diệp", "Hầu", "Kim", "Lạc", "Lã", "Lò", "Vừ", "Giàng",
    "Sùng", "Mùa", "Thào", "Lầu", "Hờ", "Quàng", "Cầm", "Lường", "Tòng", "Điêu", "Sầm", "Vi", "Bế", "Ma",
    "Y", "Ksor", "Rmah", "Siu", "Nay", "Rơ", "Bạch", "Bành", "Biện", "Cù", "Cung", "Dư",
    "Đàng", "Đậu", "Giáp", "Hàn", "Hạ", "Khúc", "Khuất", "Lạng", "Lữ", "Mã", "Nhữ", "Ôn", "Phó", "Phí",
    "Quang", "Sơn", "Tiêu", "Trình", "Ứng", "Vy", "Xa",
)

_TONES_RE = re.compile("[\u0300\u0301\u0303\u0309\u0323]")     # grave, acute, tilde, hook, dot below


def _toneless(word: str) -> str:
    """``Vừ`` → ``Vư``: tone marks off, the letters' own marks (ư ơ ô â ă đ) kept."""
    return unicodedata.normalize("NFC", _TONES_RE.sub("", unicodedata.normalize("NFD", word))).lower()


_BY_TONELESS: dict[str, str] = {}
_BY_FOLDED: dict[str, str] = {}
for _name in SURNAMES:
    _BY_TONELESS.setdefault(_toneless(_name), _name)
    _BY_FOLDED.setdefault(_fold(_name), _name)


def fix_ocr_surname(name: str) -> str:
    """A signer's name whose first word OCR misread, put right against the family names: a tone
    mark lost or changed (``Lo`` → ``Lò``, ``Vữ`` → ``Vừ``), then any mark (``Dạng`` → ``Đặng``,
    ``Ñguyễn`` → ``Nguyễn``). A first word that is a family name, or near none, is left alone."""
    words = name.split()
    if len(words) < 2 or words[0] in SURNAMES:
        return name
    first = words[0]
    fixed = _BY_TONELESS.get(_toneless(first)) or _BY_FOLDED.get(_fold(first))
    return " ".join([fixed, *words[1:]]) if fixed else name


# Fields and kinds of the bodies that issue documents (ministries, departments, councils), as their
# names print them: OCR of a bold capitals header misplaces marks (ĐÂU TƯ, THƯƠNG BỈNH, THÔNG TỈN),
# and a phrase of these, equal once folded, is put back as printed.
BODY_PHRASES = (
    "KẾ HOẠCH VÀ ĐẦU TƯ", "THÔNG TIN VÀ TRUYỀN THÔNG", "LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "TÀI CHÍNH", "NỘI VỤ",
    "TƯ PHÁP", "CÔNG THƯƠNG", "Y TẾ", "GIÁO DỤC VÀ ĐÀO TẠO", "XÂY DỰNG", "GIAO THÔNG VẬN TẢI",
    "NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "TÀI NGUYÊN VÀ MÔI TRƯỜNG",
    "KHOA HỌC VÀ CÔNG NGHỆ", "VĂN HÓA, THỂ THAO VÀ DU LỊCH", "VĂN HÓA VÀ THỂ THAO", "NGOẠI VỤ", "DÂN TỘC",
    "DÂN TỘC VÀ TÔN GIÁO", "QUỐC PHÒNG", "CÔNG AN", "NGOẠI GIAO", "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM",
    "KHO BẠC NHÀ NƯỚC", "BẢO HIỂM XÃ HỘI", "THANH TRA", "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "VĂN PHÒNG",
    "CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ", "TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "CHI CỤC", "TỔNG CỤC",
    "CỤC", "SỞ", "BỘ", "BAN", "PHÒNG", "TRUNG TÂM", "PHỤC VỤ HÀNH CHÍNH CÔNG", "BAN QUẢN LÝ",
)
_PHRASES = sorted(((tuple(_fold(w) for w in p.split()), p.split()) for p in BODY_PHRASES), key=lambda x: -len(x[0]))
_SPECK_RE = re.compile(r"^(?:[^\w-]+|[a-zà-ỹđ][\wà-ỹđ]?[.,]?)$")


def fix_ocr_body_name(name: str) -> str:
    """A capitals body name from OCR with specks dropped (a lone ``.``, a short lower-case scrap
    such as ``s.``) and the phrases of ``BODY_PHRASES`` spelled as printed when OCR moved a mark."""
    words = [w for w in name.split() if not _SPECK_RE.match(w)]
    letters = ["".join(c for c in _fold(w) if c.isalnum()) for w in words]
    out: list[str] = []
    i = 0
    while i < len(words):
        for key, printed in _PHRASES:
            # letters compared without spaces: OCR also runs words together (-THƯƠNGBINH)
            m = next((m for m in range(1, len(key) + 2) if i + m <= len(words) and letters[i] and
                      "".join(letters[i:i + m]) == "".join(key).replace("-", "")), 0)
            if m:
                out.extend(printed)
                i += m
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def fix_cut_surname(line: str) -> str:
    """A signer's line whose first word the seal ring cut (``w@uyễn A Giang``): the letters left
    at the word's end, three or more, that end exactly one family name, tone marks aside, give it
    back (``Nguyễn A Giang``). Other lines are returned as they are."""
    words = line.split()
    if len(words) < 2 or words[0] in SURNAMES:
        return line
    m = re.search(r"[^\W\d_]+$", words[0])
    tail = m.group().lower() if m else ""
    if len(tail) < 3 or m.start() == 0 and words[0][0].isupper():
        return line
    found = {s for s in SURNAMES if _toneless(s).endswith(_toneless(tail)) and len(s) > len(tail)}
    return " ".join([found.pop(), *words[1:]]) if len(found) == 1 else line


def _split_glued(text: str) -> str:
    """Words OCR ran together split where a lower-case letter meets a capital and a lower-case letter
    (``VừNgọc`` → ``Vừ Ngọc``). (A character class such as ``[A-ZÀ-Ỹ]`` would not do: the Latin
    Extended Additional block interleaves capitals and small letters.)"""
    out = []
    for k, c in enumerate(text):
        if 0 < k < len(text) - 1 and c.isupper() and text[k - 1].islower() and text[k + 1].islower():
            out.append(" ")
        out.append(c)
    return "".join(out)


# capitals OCR takes for one another in a bold serif name, the seal ring or signature crossing them
_CAPITAL_CONFUSIONS = {"Y": "V", "V": "Y"}


def _surname_of(word: str) -> str | None:
    """The family name a misread first word stands for, when exactly one fits: the word itself,
    its tone marks changed or lost, its capital cut off by the ring (``vừ``), one letter too many
    (``Vừữ``, ``Hbò``) or a capital OCR confuses (``Yư`` → ``Vừ``)."""
    if word in SURNAMES:
        return word
    word = word.strip(".,;:'\"`")
    if not word or not word[0].isalpha():
        return None
    cap = word[0].upper() + word[1:]
    if cap in SURNAMES:
        return cap

    def look(w: str) -> str | None:
        return _BY_TONELESS.get(_toneless(w)) or _BY_FOLDED.get(_fold(w))

    direct = look(cap)
    if direct:
        return direct
    cands = {look(cap[:k] + cap[k + 1:]) for k in range(len(cap)) if len(cap) > 2}
    if cap[0] in _CAPITAL_CONFUSIONS:
        cands.add(look(_CAPITAL_CONFUSIONS[cap[0]] + cap[1:]))
    cands.discard(None)
    return cands.pop() if len(cands) == 1 else None


def fix_ocr_name_line(line: str) -> str:
    """A line of the signer block as OCR read it, made into the name it stands for when it is one.

    Words run together are split (``VừNgọc Thành``), and a first word that is not a family name is
    checked against them (``_surname_of``) when the rest of the line is capitalised words: the seal
    ring crosses the name, and it is the first word's capital and marks that suffer. Then the cut
    family name of ``fix_cut_surname``. Lines that are not a name come back as they were.
    """
    words = line.split()
    while words and not any(unicodedata.category(c) in ("Lu", "Ll") for c in words[-1]):   # "Hồ A Dũng ˆ"
        words.pop()
    s = _split_glued(" ".join(words).strip(" .,;:'`\"|_~-"))
    words = s.split()
    if 2 <= len(words) <= 5 and words[0] not in SURNAMES and all(w[:1].isupper() for w in words[1:]) \
            and all(w.isalpha() for w in words[1:]):
        fixed = _surname_of(words[0])
        if fixed:
            return " ".join([fixed, *words[1:]])
    return fix_cut_surname(s)


def name_score(name: str) -> int:
    """How much a signer's name as read looks like a Vietnamese name: a known family name first, and
    every word a Vietnamese syllable (a misread mark usually makes one that is not, ``Rôöng``)."""
    words = name.split()
    if not 2 <= len(words) <= 6:
        return -10
    score = 2 if words[0] in SURNAMES else 0
    for w in words:
        score += 1 if is_vietnamese_syllable(w) or w in SURNAMES else -2
    return score
