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
that is already right — Vietnamese, English, code, French names — is never touched (there is nothing
invalid to remove, or no reading removes it), and VISCII text is not "repaired" as TCVN3 (that reading
still leaves ``nghợa``). Legacy readings are only tried on text made of characters that legacy bytes
read as Latin-1/cp1252 can produce: a real ``ộ`` proves the text is (partly) right Unicode.

Two passes: the whole text first (a garbled page or query), then, for pages that mix a correct Unicode
shell with a garbled body, each segment between tags and line breaks that holds a suspicious character.
Both functions return ASCII text, and text without suspicious characters, at once: they run on every
page and every query. HTML character references are left to the HTML layer (bs4, ``html.unescape``), so
nothing is unescaped twice.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

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
_K_NUCLEI = frozenset("aăâeêioôơuư")  # coda k in Central Highlands names: Đắk Lắk, Đăk Glei
_HOMOGLYPHS = {0x00F0: "đ", 0x0256: "đ"}  # after lower(): Ð→ð, Ɖ→ɖ; normalize_unicode maps them
_Y_ONSETS = frozenset({"", "h", "k", "l", "m", "n", "s", "t", "v"})  # lý, kỹ, mỹ, sỹ, ty, vy; not chy


def _rhyme_ok(onset: str, rhyme: str) -> bool:
    if onset == "qu":
        return rhyme in _QU_Y_RHYMES or (rhyme in _RHYMES and rhyme[0] not in "uưo")
    if onset == "gi":  # gi + a = già, gi + êng = giếng (the i is shared)
        return rhyme in _RHYMES or ("i" + rhyme) in _RHYMES
    if rhyme not in _RHYMES and not (rhyme[-1] == "k" and rhyme[:-1] in _K_NUCLEI):
        return False
    first = rhyme[0]
    if onset in ("c", "ng", "g") and first in _FRONT:
        return onset == "g" and first == "i"  # gì, gìn
    if onset in ("gh", "ngh") and first not in _FRONT:
        return False  # (k before a/o/u is kept: Bắc Kạn, Kông, Krông are real names)
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


_ACRONYM_LETTERS = str.maketrans("ĐƠƯĂÂÊÔ", "DOUAAEO")


@lru_cache(maxsize=65536)
def _word_class(word: str) -> int:
    """1: a non-ASCII Vietnamese syllable; -1: a non-ASCII word that is not one; 0: neutral (ASCII words,
    numbers and symbols — every candidate decoding leaves those alike)."""
    if word.isascii():
        return 0
    if is_vietnamese_syllable(word):
        return 1
    if len(word) == 1 or (word.isupper() and word.translate(_ACRONYM_LETTERS).isascii()):
        return 0  # acronyms (NĐ, QĐ, HĐND, NSƯT) and lone letters (đ for đồng)
    if any(c.isdigit() for c in word) or not any(c.isalpha() for c in word):
        return 0
    return -1


def _score(text: str, max_bad: int | None = None) -> _Score:
    """Count good and bad words; stop early once there are more than ``max_bad`` bad ones."""
    good = bad = 0
    for word in _WORD_SPLIT_RE.split(text):
        cls = _word_class(word)
        if cls > 0:
            good += 1
        elif cls < 0:
            bad += 1
            if max_bad is not None and bad > max_bad:
                break
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
# Latin-1 symbols and non-Vietnamese Latin-1 letters, C1 controls, cp1252's extra letters and symbols
# (not NBSP and the soft hyphen, which are common in correct pages and normalize_unicode's business).
_SUSPECT_CHARS = "".join(
    c for c in (chr(i) for i in range(0x01, 0x100))
    if not c.isascii() and c not in _VN_LETTERS and c not in "\u00a0\u00ad"
) + "ŒœŠšŸŽžƒˆ˜‚„†‡‰‹›€™" + "".join(chr(i) for i in (2, 5, 6, 0x14, 0x19, 0x1E))
# One character class: a single class scans ~6x faster than an alternation over a 2 KB page.
_SUSPECT_RE = re.compile("[" + re.escape(_SUSPECT_CHARS) + "]")
# windows-1258 tone bytes read as Latin-1 right after a vowel (``Côòng``, ``hoÌa``), when no other
# suspicious character is there; correct text has this only in rare words (giò, Đoòng) and is then
# merely scored, not changed.
_CP1258_TONE_RE = re.compile("[\u00cc\u00ec\u00d2\u00f2]")
_CP1258_PAIR_RE = re.compile("[\u00cc\u00ec\u00d2\u00f2](?<=[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY].)")
_FTFY_NAMES = {"sloppy-windows-1252": "mojibake-utf8-cp1252", "windows-1252": "mojibake-utf8-cp1252",
               "latin-1": "mojibake-utf8-latin1", "iso-8859-1": "mojibake-utf8-latin1"}
# UTF-8 lead byte (shown as Â..ô) followed by a continuation byte (shown as a Latin-1 symbol, a C1 control
# or a cp1252 extra): "á»", "Ã²", "Ä‘". Without one, the mojibake candidates are not even tried.
_MOJIBAKE_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _ftfy_mojibake(text: str) -> tuple[str, list[str]] | None:
    """UTF-8 read as cp1252/Latin-1, once or more, also inside otherwise correct text (via ftfy)."""
    import ftfy  # imported when first needed: it costs ~70 ms of every `tracuu search` start-up

    fixed, explanation = ftfy.fix_encoding_and_explain(text)
    if fixed == text or not explanation:
        return None
    names = [_FTFY_NAMES.get(step.parameter, f"mojibake-utf8-{step.parameter}")
             for step in explanation if step.action == "encode"]
    if not names:  # fixed piecewise inside correct text ("decode_inconsistent_utf8")
        names = ["mojibake-utf8-cp1252"]
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


# Legacy bytes read as Latin-1 or cp1252 can only give these characters; text with any other non-ASCII
# character (ộ, ử, đ as real Unicode) is at least partly right, and re-reading it as TCVN3 would turn
# "thông" into "thụng". Such text only gets the mojibake candidates; its garbled segments get pass 2.
_BEYOND_8BIT_RE = re.compile(
    "[^\u0000-\u00ff" + re.escape("".join(sorted({chr(c) for c in _SLOPPY_ENCODE if c > 0xFF}))) + "]"
)


def _chars_for(lo: int, hi: int) -> str:
    return re.escape("".join(sorted({c for b in range(lo, hi + 1) for c in _seen_as(b)})))


_CONT = _chars_for(0x80, 0xBF)
# One UTF-8 sequence as a Latin-1/cp1252 reader shows it: lead byte, then its continuation bytes.
_UTF8_SEQ_RE = re.compile(
    f"[{_chars_for(0xC2, 0xDF)}][{_CONT}]|[{_chars_for(0xE0, 0xEF)}][{_CONT}]{{2}}"
    f"|[{_chars_for(0xF0, 0xF4)}][{_CONT}]{{3}}"
)


def _piecewise_mojibake(text: str) -> tuple[str, list[str]] | None:
    """Decode each mojibake sequence on its own: for garbled words left inside otherwise correct text
    (ftfy leaves ``Ä‘`` alone because ‘ is also a real quotation mark)."""
    cp1252 = False

    def sub(m: re.Match[str]) -> str:
        nonlocal cp1252
        seq = m.group(0)
        try:
            fixed = seq.translate(_SLOPPY_ENCODE).encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return seq
        cp1252 = cp1252 or any(ord(c) in _CP1252_ONLY for c in seq)
        return fixed

    fixed = _UTF8_SEQ_RE.sub(sub, text)
    if fixed == text:
        return None
    return fixed, ["mojibake-utf8-cp1252" if cp1252 else "mojibake-utf8-latin1"]


def _best_repair(nfc: str, orig: _Score, legacy: bool) -> tuple[str, list[str]] | None:
    """The best candidate decoding of ``nfc`` if it is clearly better than ``orig``, else None.

    "Clearly better": at most half the invalid words and more valid ones. Candidates are scored with an
    early exit as soon as they are worse than that (wrong decodings fail within a few words).
    """
    limit = orig.bad // 2
    best: tuple[_Score, str, list[str]] | None = None

    def consider(cand: str, names: list[str]) -> None:
        nonlocal best, limit
        score = _score(cand, limit)
        if score.bad > limit or score.good <= orig.good:
            return
        if best is None or (score.bad, -score.good) < (best[0].bad, -best[0].good):
            best = (score, cand, names)
            limit = score.bad  # later candidates only matter if they are at least as good

    if legacy and _BEYOND_8BIT_RE.search(nfc) is None:
        for name, table in _TABLES.items():
            cand = unicodedata.normalize("NFC", nfc.translate(table))
            if cand != nfc:
                consider(cand, [name])
    if _MOJIBAKE_RE.search(nfc) is not None:
        for moji in (_whole_mojibake(nfc), _piecewise_mojibake(nfc)):
            if moji is not None:
                consider(unicodedata.normalize("NFC", moji[0]), moji[1])
        if best is None or best[0].bad > 0:  # ftfy also fixes mojibake inside correct text, but is slower
            moji = _ftfy_mojibake(nfc)
            if moji is not None:
                consider(unicodedata.normalize("NFC", moji[0]), moji[1])
    return (best[1], best[2]) if best is not None else None


# Segments for the second pass: text between tags and line breaks (a Unicode page shell around a
# legacy-encoded body, one garbled paragraph in a correct page, a garbled attribute value).
_SEGMENT_END_RE = re.compile(r"[<>\n]")


def _suspect_hits(text: str) -> list[int]:
    """Sorted positions of the characters that make ``text`` suspicious (see _SUSPECT_RE)."""
    hits = [m.start() for m in _SUSPECT_RE.finditer(text)]
    if _CP1258_TONE_RE.search(text) is not None:
        hits += [m.start() for m in _CP1258_PAIR_RE.finditer(text)]
        hits.sort()
    return hits


def _suspect_segments(text: str, hits: list[int]) -> list[tuple[int, int]]:
    """Spans of the segments that hold a suspicious character, in order, each once."""
    spans: list[tuple[int, int]] = []
    last_end = -1
    for pos in hits:
        if pos < last_end:
            continue
        start = max(text.rfind("<", 0, pos), text.rfind(">", 0, pos), text.rfind("\n", 0, pos)) + 1
        m = _SEGMENT_END_RE.search(text, pos)
        end = m.start() if m is not None else len(text)
        spans.append((start, end))
        last_end = end
    return spans


def _merge_names(names: list[str], new: list[str]) -> None:
    """Add ``new`` repair names, keeping per-layer repeats (double mojibake) but not per-segment ones."""
    for name in set(new):
        missing = new.count(name) - names.count(name)
        names.extend([name] * missing)


def _repair_encoding(text: str) -> tuple[str, list[str]]:
    nfc = unicodedata.normalize("NFC", text)
    hits = _suspect_hits(nfc)
    # Pass 1, the whole text, when it is short or densely suspicious (a garbled page or query). A long
    # page with a few stray symbols (® » ©) goes straight to pass 2, which looks only around them.
    if len(nfc) < 2000 or len(hits) * 100 >= len(nfc):
        orig = _score(nfc)
        if orig.bad == 0:
            return text, []  # nothing invalid to repair: correct text is never rewritten
        # Legacy tables re-read every Latin-1 letter, so on text that is mostly valid Vietnamese they
        # can only do harm: skip them there (pass 2 still looks at the garbled parts).
        whole = _best_repair(nfc, orig, legacy=orig.bad * 10 >= orig.good)
        if whole is not None:
            fixed, names = whole
            fixed = unicodedata.normalize("NFC", fixed)
            rest, more = _repair_segments(fixed, _suspect_hits(fixed))  # leftovers of a partial fix
            _merge_names(names, more)
            return rest, names
    if hits:
        fixed, names = _repair_segments(nfc, hits)
        if names:
            return fixed, names
    return text, []


def _repair_segments(nfc: str, hits: list[int]) -> tuple[str, list[str]]:
    """Pass 2: repair segment by segment, only the segments that hold a suspicious character."""
    names: list[str] = []
    pieces: list[str] = []
    done = 0
    for start, end in _suspect_segments(nfc, hits):
        seg = nfc[start:end]
        if len(seg) == len(nfc):
            continue  # the whole text: pass 1 has decided
        seg_score = _score(seg)
        if seg_score.bad == 0:
            continue
        fixed = _best_repair(seg, seg_score, legacy=True)
        if fixed is None:
            continue
        pieces.append(nfc[done:start])
        pieces.append(fixed[0])
        done = end
        _merge_names(names, fixed[1])
    if not names:
        return nfc, []
    pieces.append(nfc[done:])
    return "".join(pieces), names


def repair_text(text: str) -> tuple[str, list[str]]:
    """Repair mojibake and legacy Vietnamese encodings, then NFC; return the text and the repairs applied.

    Repair names: ``mojibake-utf8-cp1252`` / ``mojibake-utf8-latin1`` (once per layer),
    ``cp1258-as-latin1``, ``legacy-tcvn3``, ``legacy-vni``, ``legacy-viscii``, ``unicode-nfc``.
    Character references (``&#7879;``) are the HTML layer's business and are left as they are, so text
    that has been unescaped once is never unescaped twice.
    """
    if text.isascii():
        return text, []
    repairs: list[str] = []
    if _SUSPECT_RE.search(text) is not None or (
            _CP1258_TONE_RE.search(text) is not None and _CP1258_PAIR_RE.search(text) is not None):
        text, repairs = _repair_encoding(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        repairs.append("unicode-nfc")
    return text, repairs
