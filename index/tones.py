"""Vietnamese syllable structure: tone-placement canonicalisation, accent folding, i/y folding.

Why a syllable parser and not string replacement: the two tone-placement styles (traditional
``hòa``/``thủy`` and reformed ``hoà``/``thuỷ``) differ only in *open* syllables whose rhyme is
``oa``/``oe``/``uy``; naive ``oà→òa`` replacement corrupts closed syllables (``hoàn→hòan``,
``suýt→súyt``). So each syllable is split into onset + nucleus + coda, its single tone mark is
lifted off and put back where the traditional rules say (design doc §3.3). The same procedure
repairs mistyped marks (``baỏ→bảo``, ``lựơng→lượng``, ``nghịêm→nghiệm``, ``đaị→đại``).
Anything that does not parse as a Vietnamese syllable (``café``, ``email``, ``Đắk``, or typos such
as ``trưóc`` whose toneless base is itself malformed — checked with the same syllable rules as the
legacy-encoding repair, ``ingest.textfix.is_vietnamese_syllable``) is left alone.

Every function here works on one lowercase NFC token and is cached: Vietnamese has only a few
thousand distinct syllables, so after warm-up the analyzers pay one dict lookup per token.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ingest.textfix import is_vietnamese_syllable

# Tone marks (combining): huyền, sắc, ngã, hỏi, nặng.
TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
VOWELS = frozenset("aăâeêioôơuưy")
MARKED_VOWELS = frozenset("ăâêôơư")
CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
_ONSETS_2 = frozenset({"ng", "nh", "ch", "gh", "kh", "ph", "th", "tr"})
_ONSETS_1 = frozenset("bcdđghklmnprstvx")
# i/y fold (F field only, design doc §3.4): whole rhyme is i/y after one of these onsets.
IY_ONSETS = frozenset({"b", "h", "k", "l", "m", "n", "s", "t", "v", "x", "qu", "th"})

# precomposed toned vowel -> (base vowel, tone mark); (base, tone) -> precomposed vowel
_SPLIT: dict[str, tuple[str, str]] = {}
_JOIN: dict[tuple[str, str], str] = {}
for _base in VOWELS:
    _SPLIT[_base] = (_base, "")
    for _tone in TONES:
        _ch = unicodedata.normalize("NFC", _base + _tone)
        if len(_ch) == 1:
            _SPLIT[_ch] = (_base, _tone)
            _JOIN[(_base, _tone)] = _ch
del _base, _tone, _ch


def _parse(base: str) -> tuple[int, int, str] | None:
    """Split a toneless lowercase syllable into (nucleus start, nucleus end, coda), or None."""
    n = len(base)
    if n == 0:
        return None
    if base.startswith("ngh"):
        i = 3
    elif base[:2] in _ONSETS_2:
        i = 2
    elif base[:2] in ("gi", "qu") and n > 2 and base[2] in VOWELS:
        # `gi`/`qu`: the i/u belongs to the onset when another vowel follows (già, quý).
        i = 2
    elif base[0] in _ONSETS_1:
        i = 1
    else:
        i = 0
    j = i
    while j < n and base[j] in VOWELS:
        j += 1
    if not 1 <= j - i <= 3:
        return None
    coda = base[j:]
    if coda not in CODAS:
        return None
    return i, j, coda


def tone_position(base: str) -> int | None:
    """Index in the toneless syllable ``base`` where the traditional style puts the tone mark."""
    parsed = _parse(base)
    if parsed is None:
        return None
    i, j, coda = parsed
    for k in range(j - 1, i - 1, -1):
        if base[k] in MARKED_VOWELS:
            return k  # ươ→ơ, iê→ê, uô→ô, ưu→ư …: the last vowel with a quality mark
    if coda:
        return j - 1  # closed syllable: last vowel (hoàn, suýt, huỳnh)
    if j - i == 3:
        return i + 1  # three vowels, open: middle one (ngoài, khuỷu)
    return i  # open: first vowel (hòa, thủy, mái, của)


def split_tone(s: str) -> tuple[str, str, int] | None:
    """(toneless base, tone mark, index of the toned letter) of a lowercase NFC token.

    The tone is ``""`` (index -1) when there is none; None when there is more than one.
    """
    tone = ""
    tpos = -1
    chars = list(s)
    for k, ch in enumerate(chars):
        sp = _SPLIT.get(ch)
        if sp is not None and sp[1]:
            if tone:
                return None
            chars[k], tone = sp
            tpos = k
    return "".join(chars), tone, tpos


@lru_cache(maxsize=1 << 16)
def canon_lower(s: str) -> str:
    """Canonical (traditional) tone placement of one lowercase NFC token; unchanged if not a syllable."""
    if s.isascii():
        return s
    parts = split_tone(s)
    if parts is None:
        return s
    base, tone, tpos = parts
    if not tone:
        return s
    pos = tone_position(base)
    if pos is None or pos == tpos or not is_vietnamese_syllable(base):
        # Not a well-formed syllable (typo with a missing mark, run-together words, foreign word):
        # moving its tone would only trade one wrong spelling for another (`trưóc`, `đâyảnh`).
        return s
    return base[:pos] + _JOIN[(base[pos], tone)] + base[pos + 1:]


def canon_syllable(s: str) -> str:
    """Canonical tone placement of one syllable, keeping its letter case (``Hoà→Hòa``, ``hoàn``)."""
    s = unicodedata.normalize("NFC", s)
    low = s.lower()
    out = canon_lower(low)
    if out == low:
        return s
    if s == low or len(out) != len(s):
        return out
    return "".join(o.upper() if c.isupper() else o for c, o in zip(s, out, strict=True))


def tone_variants(s: str) -> set[str]:
    """Every placement of the tone of a lowercase syllable *prefix* over its nucleus vowels.

    For an unfinished syllable the coda may still be coming (``hoà`` → ``hoàng``), so a prefix
    query must try all placements the finished word could have (design doc row 57b).
    """
    out = {s}
    parts = split_tone(s)
    if not parts or not parts[1]:
        return out
    base, tone, _ = parts
    parsed = _parse(base)
    if parsed is None:
        return out
    i, j, _coda = parsed
    marked = [k for k in range(i, j) if base[k] in MARKED_VOWELS]
    for k in marked or range(i, j):
        out.add(base[:k] + _JOIN[(base[k], tone)] + base[k + 1:])
    return out


@lru_cache(maxsize=1 << 16)
def fold_lower(s: str) -> str:
    """Strip every mark of a lowercase token and map ``đ→d`` (``đặng→dang``)."""
    if s.isascii():
        return s
    d = unicodedata.normalize("NFD", s)
    return "".join(c for c in d if not unicodedata.combining(c)).replace("đ", "d")


def iy_fold(f: str) -> str:
    """Fold ``y→i`` in a folded syllable whose whole rhyme is ``y`` (``quy→qui``, ``ky→ki``).

    Never touches ``ay`` (tay ≠ tai), ``uy`` (tuy), or onset-less ``y`` (Bộ Y tế).
    """
    if len(f) >= 2 and f[-1] == "y" and f[:-1] in IY_ONSETS:
        return f[:-1] + "i"
    return f
