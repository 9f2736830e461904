"""Text repair shared by the page decoder and the query parser: mojibake, legacy encodings, Unicode forms.

Why: old Vietnamese government pages reach us as UTF-8 read as cp1252 (``Cá»™ng hÃ²a``, sometimes twice),
windows-1258 read as Latin-1 (``Côòng hoÌa``), or text typed in the legacy font encodings TCVN3/ABC
(``Céng hßa``), VNI (``Coäng hoøa``) and VISCII (``Cµng hòa``) — none of which a charset detector can
see, because they are valid Latin-1. Users paste the same garbage into the search box. Left alone it is
unsearchable, so :func:`repair_text` turns it back into Vietnamese and names what it did, so archivists
can audit the repair.

How a repair is chosen: every candidate decoding is scored by how many of its non-ASCII words are valid
Vietnamese syllables (onset + rhyme + tone rules, so ``nghợa`` or ``Viđt`` do not count). A candidate
replaces the text only when it removes at least half of the invalid words and adds valid ones, so text
that is already right — Vietnamese, English, code, French names — is never touched (it has nothing
invalid to remove), and VISCII text is not "repaired" as TCVN3 (that reading still leaves ``nghợa``).
Both functions return ASCII text and text without suspicious characters at once, because they run on
every page and every query.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import ftfy

from ingest.legacy_charsets import TCVN3, VISCII, VNI

__all__ = ["normalize_unicode", "repair_text", "is_vietnamese_syllable"]

# --------------------------------------------------------------------------------------------------
# normalize_unicode

_NORMALIZE_MAP: dict[int, str | None] = {
    # invisibles that split syllables under \w+ (soft hyphen, ZWSP, ZWNJ, ZWJ, word joiner, BOM)
    0x00AD: None, 0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None, 0xFEFF: None,
    # no-break and other fixed-width spaces
    0x00A0: " ", 0x2007: " ", 0x202F: " ", 0x3000: " ",
    # homoglyphs of Đ/đ: Icelandic eth, African D
    0x00D0: "Đ", 0x00F0: "đ", 0x0189: "Đ", 0x0256: "đ",
    # deprecated tone marks (NFC maps them too; doing it here keeps the fast path honest)
    0x0340: "\u0300", 0x0341: "\u0301",
}
# The NFKC-safe part of NFKC: full-width ASCII (ＮĐ－ＣＰ) and Latin ligatures from PDF extraction. Full
# NFKC would also turn "…" into "...", "½" into "1⁄2" and µ into Greek mu in stored text.
for _cp in [*range(0xFF01, 0xFF5F), *range(0xFB00, 0xFB07)]:
    _NORMALIZE_MAP[_cp] = unicodedata.normalize("NFKC", chr(_cp))
_NORMALIZE_CHARS_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _NORMALIZE_MAP) + "]")


def normalize_unicode(text: str) -> str:
    """NFC, invisibles removed, NBSP-like spaces → space, Ð/ð → Đ/đ, full-width forms → ASCII."""
    if text.isascii():
        return text
    if _NORMALIZE_CHARS_RE.search(text) is not None:
        text = text.translate(_NORMALIZE_MAP)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


# --------------------------------------------------------------------------------------------------
# Vietnamese syllable validity (the scoring function)

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_STOP_TONES = frozenset("\u0301\u0323")  # syllables ending in c, ch, p, t only take sắc or nặng
_RHYMES = frozenset("""
a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e ec em en eng eo ep et ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oen oeo oet oi om on
ong oong ooc op ot ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc uê uêch uênh ui um un ung uơ uôc uôi uôm uôn uông uôt up ut uy uya uych uyên
uyêt uynh uyt uyu ư ưa ưc ưi ưm ưn ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu
y yêm yên yêng yêt yêu
""".split())
_QU_Y_RHYMES = frozenset({"y", "yên", "yêt", "ynh", "yt", "yêu", "ych", "ya"})
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_FRONT = ("i", "e", "ê", "y")
_HOMOGLYPHS = {0x00F0: "đ", 0x0256: "đ"}  # after lower(): Ð→ð, Ɖ→ɖ; normalize_unicode maps them
_Y_ONSETS = frozenset({"", "h", "k", "l", "m", "n", "s", "t", "v"})  # lý, kỹ, mỹ, sỹ, ty, vy; not chy


def _rhyme_ok(onset: str, rhyme: str) -> bool:
    if onset == "qu":
        return rhyme in _QU_Y_RHYMES or (rhyme in _RHYMES and rhyme[0] not in "uưo")
    if onset == "gi":  # gi + a = già, gi + êng = giếng (the i is shared)
        return rhyme in _RHYMES or ("i" + rhyme) in _RHYMES
    if rhyme not in _RHYMES:
        return False
    first = rhyme[0]
    if onset in ("c", "ng", "g") and first in _FRONT:
        return onset == "g" and first == "i"  # gì, gìn
    if onset in ("k", "gh", "ngh") and first not in _FRONT:
        return False
    if first == "y":
        return onset in _Y_ONSETS if len(rhyme) == 1 else onset == ""
    return True


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(token: str) -> bool:
    """Whether ``token`` (one word, any case, NFC or NFD) is a well-formed Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", token.lower().translate(_HOMOGLYPHS))
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if not base.isalpha():
        return False
    for onset in _ONSETS:
        if base.startswith(onset):
            rhyme = base[len(onset):]
            if not rhyme or not _rhyme_ok(onset, rhyme):
                continue
            if tones and rhyme.endswith(("c", "ch", "p", "t")) and tones[0] not in _STOP_TONES:
                continue
            return True
    return False


class _Score(NamedTuple):
    good: int  # non-ASCII words that are Vietnamese syllables
    bad: int  # non-ASCII words that are not


# Split on spaces, ASCII punctuation and typographic punctuation, but keep every other non-ASCII
# character inside its word: mojibake symbols (» ™ ²) and legacy bytes (§ · ©) must make the word bad.
_WORD_SPLIT_RE = re.compile(r"[\s!-/:-@\[-`{-~\u2013\u2014\u2018-\u201f\u2026\u2022]+")


def _score(text: str) -> _Score:
    good = bad = 0
    for word in _WORD_SPLIT_RE.split(text):
        if not word or word.isascii():
            continue
        if is_vietnamese_syllable(word):
            good += 1
        elif any(c.isalpha() for c in word) and not any(c.isdigit() for c in word):
            bad += 1
    return _Score(good, bad)


# --------------------------------------------------------------------------------------------------
# Candidate decodings

def _seen_as(byte: int) -> set[str]:
    """How a byte shows up when the page was read as Latin-1 or as cp1252 (both happen)."""
    chars = {chr(byte)}
    try:
        chars.add(bytes([byte]).decode("cp1252"))
    except UnicodeDecodeError:
        pass
    return chars


def _char_table(byte_table: dict[int, str]) -> dict[int, str]:
    table: dict[int, str] = {}
    for byte, target in byte_table.items():
        for seen in _seen_as(byte):
            table[ord(seen)] = target
    return table


def _cp1258_table() -> dict[int, str]:
    table = {}
    for byte in range(0x80, 0x100):
        try:
            target = bytes([byte]).decode("cp1258")
        except UnicodeDecodeError:
            continue
        table[byte] = target
    return _char_table(table)


_TABLES: dict[str, dict[int, str]] = {
    "legacy-tcvn3": _char_table(TCVN3),
    "legacy-vni": _char_table(VNI),
    "legacy-viscii": _char_table(VISCII),
    "cp1258-as-latin1": _cp1258_table(),
}

_VN_LETTERS = frozenset("àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ")
_TYPOGRAPHY = "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022"
# Characters that correct Vietnamese text rarely contains but every kind of mojibake and legacy text does:
# Latin-1 symbols and non-Vietnamese Latin-1 letters, C1 controls, cp1252's extra letters and symbols.
_SUSPECT_CHARS = "".join(
    c for c in (chr(i) for i in range(0x01, 0x100)) if not c.isascii() and c not in _VN_LETTERS
) + "ŒœŠšŸŽžƒˆ˜‚„†‡‰‹›€™" + "".join(chr(i) for i in (2, 5, 6, 0x14, 0x19, 0x1E))
_SUSPECT_RE = re.compile(
    "[" + re.escape(_SUSPECT_CHARS) + "]"
    # windows-1258 tone bytes read as Latin-1 after a vowel: ôò, oÌ (correct text has no vowel + ò/ì)
    + "|[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY][\u00cc\u00ec\u00d2\u00f2\u00de]"
    + "|&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z]{2,8});"
)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z]{2,8});")
_FTFY_NAMES = {"sloppy-windows-1252": "mojibake-utf8-cp1252", "windows-1252": "mojibake-utf8-cp1252",
               "latin-1": "mojibake-utf8-latin1", "iso-8859-1": "mojibake-utf8-latin1"}


def _unescape_letters(text: str) -> tuple[str, bool]:
    """Decode character references that stand for letters (``Vi&#7879;t``), leave ``&amp;`` & co alone."""
    changed = False

    def sub(m: re.Match[str]) -> str:
        nonlocal changed
        value = html.unescape(m.group(0))
        if value != m.group(0) and value.isalpha():
            changed = True
            return value
        return m.group(0)

    return _ENTITY_RE.sub(sub, text), changed


def _ftfy_mojibake(text: str) -> tuple[str, list[str]] | None:
    """UTF-8 read as cp1252/Latin-1, once or more, also inside otherwise correct text (via ftfy)."""
    fixed, explanation = ftfy.fix_encoding_and_explain(text)
    if fixed == text or not explanation:
        return None
    names = [_FTFY_NAMES.get(step.parameter, f"mojibake-utf8-{step.parameter}")
             for step in explanation if step.action == "encode"]
    return fixed, names


# Latin-1 and cp1252 characters back to the bytes they were decoded from ("sloppy": the five bytes
# cp1252 leaves undefined come through as C1 controls, as browsers show them).
_SLOPPY_ENCODE = {ord(c): chr(b) for b in range(0x80, 0x100) for c in _seen_as(b)}
_CP1252_ONLY = frozenset(c for c in _SLOPPY_ENCODE if c > 0xFF)


def _whole_mojibake(text: str) -> tuple[str, list[str]] | None:
    """Undo whole-string UTF-8 mojibake layer by layer: short strings (a pasted query ``Cá»™ng``) that
    ftfy's heuristics leave alone."""
    names: list[str] = []
    for _ in range(3):
        latin = text.translate(_SLOPPY_ENCODE)
        try:
            fixed = latin.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
        if fixed == text:
            break
        cp1252 = any(ord(c) in _CP1252_ONLY for c in text)
        names.append("mojibake-utf8-cp1252" if cp1252 else "mojibake-utf8-latin1")
        text = fixed
    return (text, names) if names else None


def _better(cand: _Score, orig: _Score) -> bool:
    return cand.bad * 2 <= orig.bad and cand.good > orig.good


def repair_text(text: str) -> tuple[str, list[str]]:
    """Repair mojibake and legacy Vietnamese encodings, then NFC; return the text and the repairs applied.

    Repair names: ``html-entities``, ``mojibake-utf8-cp1252`` / ``mojibake-utf8-latin1`` (once per layer),
    ``cp1258-as-latin1``, ``legacy-tcvn3``, ``legacy-vni``, ``legacy-viscii``, ``unicode-nfc``.
    """
    if text.isascii() and "&" not in text:
        return text, []
    repairs: list[str] = []
    if _SUSPECT_RE.search(text) is not None:
        if "&" in text:
            text, changed = _unescape_letters(text)
            if changed:
                repairs.append("html-entities")
        text, legacy = _repair_encoding(text)
        repairs += legacy
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        repairs.append("unicode-nfc")
    return text, repairs


def _repair_encoding(text: str) -> tuple[str, list[str]]:
    nfc = unicodedata.normalize("NFC", text)
    orig = _score(nfc)
    if orig.bad == 0:
        return text, []  # nothing invalid to repair: correct text is never rewritten
    best: tuple[_Score, str, list[str]] | None = None
    for moji in (_ftfy_mojibake(text), _whole_mojibake(text)):
        if moji is not None:
            fixed = unicodedata.normalize("NFC", moji[0])
            score = _score(fixed)
            if best is None or (score.bad, -score.good) < (best[0].bad, -best[0].good):
                best = (score, fixed, moji[1])
    for name, table in _TABLES.items():
        cand = unicodedata.normalize("NFC", nfc.translate(table))
        if cand == nfc:
            continue
        score = _score(cand)
        if best is None or (score.bad, -score.good) < (best[0].bad, -best[0].good):
            best = (score, cand, [name])
    if best is not None and _better(best[0], orig):
        return best[1], best[2]
    return text, []
