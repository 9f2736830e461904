"""Repairs of OCR misreads in ND 30 metadata, made from the rest of the page: the number's symbol
checked against the issuer's initials and the printed type, the issuer spelled as the body spells
it, and specks OCR adds to a subject."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.admindoc.text import DOC_TYPES, _fold

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


_OCR_DECIMAL_RE = re.compile(r"(?<=\d)([.,]) (?=\d)")
_LONE_CONSONANT_RE = re.compile(r"(?<=\s)[bcdđghklmnpqrstvx](?=\s)")
_GLUED_BANG_RE = re.compile(r"(?<=[^\W\d_])!(?= [a-zà-ỹđ])")


def clean_ocr_subject(subject: str) -> str:
    """Specks OCR adds to a subject: a space after a decimal point (``7. 0``), a lone lower-case
    consonant (no Vietnamese word is one), an ``!`` glued to a word the sentence goes on after, an
    unbalanced quote at the end."""
    s = _OCR_DECIMAL_RE.sub(r"\1", subject)
    s = _LONE_CONSONANT_RE.sub("", s)
    s = _GLUED_BANG_RE.sub("", s)
    s = " ".join(s.split())
    for q in ('"', "'", "”", "“"):
        if s.endswith(q) and (s.count(q) % 2 == 1 if q in "\"'" else s.count("“") != s.count("”")):
            s = s[:-1].rstrip()
    return s
