"""Tests for ingest.textfix: rows 1–13, 45 and 64–72 of the Vietnamese-analysis test table, plus the
no-false-repair cases (correct Vietnamese, English, code, other Latin languages are never rewritten)."""

from __future__ import annotations

import unicodedata

import pytest

from ingest.textfix import is_vietnamese_syllable, normalize_unicode, repair_text

SENTENCE = "Cộng hòa xã hội chủ nghĩa Việt Nam"
UBND = "Ủy ban nhân dân tỉnh Đồng Nai"


def _sloppy_cp1252(data: bytes) -> str:
    """What a cp1252 reader (browser-style: undefined bytes kept as C1 controls) shows for ``data``."""
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


# --- normalize_unicode: rows 1-13 of the design table -------------------------------------------------

@pytest.mark.parametrize(
    ("row", "text", "expected"),
    [
        (1, "Vie\u0302\u0323t Nam", "Việt Nam"),
        (2, "Vie\u0323\u0302t", "Việt"),
        (3, "Vi\u00ea\u0323t", "Việt"),
        (4, "a\u0341n", "án"),
        (4, "a\u0340n", "àn"),
        (5, "ＮĐ－ＣＰ", "NĐ-CP"),
        (6, "Ng\u00adhị định", "Nghị định"),
        (7, "Việ\u200bt Nam", "Việt Nam"),
        (7, "\ufeffViệt\u200c\u200d\u2060 Nam", "Việt Nam"),
        (8, "Hà\u00a0Nội", "Hà Nội"),
        (8, "Hà\u202fNội\u3000x\u2007y", "Hà Nội x y"),
        (9, "Ðà Nẵng", "Đà Nẵng"),
        (10, "ðại hội", "đại hội"),
        (10, "\u0189\u0256", "Đđ"),
        (11, "Đường", "Đường"),
        (12, "Đặng", "Đặng"),
        (13, "ĐỘC LẬP", "ĐỘC LẬP"),
        (0, "ﬁle ﬂow", "file flow"),
    ],
)
def test_normalize_unicode_rows(row: int, text: str, expected: str) -> None:
    assert normalize_unicode(text) == expected


@pytest.mark.parametrize("text", ["plain ascii", SENTENCE, "… ½ µ ™ “quoted” – dash", "25°C ± 2"])
def test_normalize_unicode_keeps_correct_text(text: str) -> None:
    assert normalize_unicode(text) == text


def test_normalize_unicode_is_idempotent() -> None:
    messy = "Ðà\u00a0Nẵng Vie\u0323\u0302t\u200b ＮĐ－ＣＰ"
    once = normalize_unicode(messy)
    assert normalize_unicode(once) == once
    assert unicodedata.is_normalized("NFC", once)


# --- repair_text: rows 45, 64-69 ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("row", "text", "expected", "repair"),
    [
        (45, "Vi&#7879;t Nam", "Việt Nam", "html-entities"),
        (45, "Vi&#x1EC7;t Nam &ecirc;", "Việt Nam ê", "html-entities"),
        (64, "Céng hßa x· héi chñ nghÜa ViÖt Nam", SENTENCE, "legacy-tcvn3"),
        (65, "nh©n d©n tØnh §ång Nai", "nhân dân tỉnh Đồng Nai", "legacy-tcvn3"),
        (66, "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", SENTENCE, "legacy-vni"),
        (66, "UÛy ban nhaân daân tænh Ñoàng Nai", UBND, "legacy-vni"),
        (67, "Cµng hòa xã hµi chü nghîa Vi®t Nam", SENTENCE, "legacy-viscii"),
        (68, "Côòng hoÌa xaÞ hôòi chuÒ nghiÞa Viêòt Nam", SENTENCE, "cp1258-as-latin1"),
        (69, "Cá»™ng hÃ²a xÃ£ há»™i chá»§ nghÄ©a Viá»‡t Nam", SENTENCE, "mojibake-utf8-cp1252"),
    ],
)
def test_repair_rows(row: int, text: str, expected: str, repair: str) -> None:
    fixed, repairs = repair_text(text)
    assert fixed == expected
    assert repair in repairs


def test_viscii_is_not_repaired_as_tcvn3() -> None:
    # Row 67: read as TCVN3 this gives "Càng hũa xã hài chỹ nghợa Viđt Nam" — well-formed-looking but wrong.
    fixed, repairs = repair_text("Cµng hòa xã hµi chü nghîa Vi®t Nam")
    assert repairs == ["legacy-viscii"]
    assert "Càng" not in fixed


@pytest.mark.parametrize("text", [SENTENCE, UBND, "Bộ Y tế: Hà Nội, Đà Nẵng, Huế, Thừa Thiên Huế",
                                  "ĐẢNG CỘNG SẢN VIỆT NAM – Hoà Bình, thuỷ lợi, khuỷu, quốc, giếng, nghiêng"])
def test_utf8_mojibake_round_trips(text: str) -> None:
    once = _sloppy_cp1252(text.encode("utf-8"))
    twice = _sloppy_cp1252(once.encode("utf-8"))
    latin1 = text.encode("utf-8").decode("latin-1")
    assert repair_text(once) == (text, ["mojibake-utf8-cp1252"])
    fixed, repairs = repair_text(twice)
    assert fixed == text and len(repairs) == 2
    fixed, repairs = repair_text(latin1)
    assert fixed == text and repairs and all(r.startswith("mojibake-utf8-") for r in repairs)


def test_short_mojibake_query() -> None:
    # A pasted one-word query; ftfy alone leaves this one as it is.
    assert repair_text("Cá»™ng") == ("Cộng", ["mojibake-utf8-cp1252"])
    assert repair_text("Ä‘á»“ng")[0] == "đồng"


def test_tcvn3_and_vni_round_trip_long_text() -> None:
    from ingest.legacy_charsets import TCVN3, VNI

    text = "Ủy ban nhân dân tỉnh Lai Châu ban hành kế hoạch cải cách hành chính năm 2018 của tỉnh"
    inverse = {v: chr(k) for k, v in TCVN3.items()}
    tcvn3 = "".join(inverse.get(c, c) for c in text.lower())
    assert repair_text(tcvn3) == (text.lower(), ["legacy-tcvn3"])
    # VNI: base letter + diacritic bytes (built from the table, decomposed text → VNI bytes)
    marks = {v: chr(k) for k, v in VNI.items() if k >= 0xE0 or k == 0xD1}
    letters = {"ơ": "ô", "ư": "ö", "đ": "ñ", "Đ": "Ñ"}
    out = []
    for ch in text:
        if ch in letters or ch in ("í", "ì", "ỉ", "ĩ", "ị", "ỵ"):
            out.append(letters.get(ch) or marks[ch])
            continue
        d = unicodedata.normalize("NFD", ch)
        base, rest = d[0], d[1:]
        if base in "ou" and "\u031b" in rest:
            base, rest = letters["ơ" if base == "o" else "ư"], rest.replace("\u031b", "")
        out.append(base + (marks[rest] if rest else ""))
    vni = "".join(out)
    assert vni != text
    fixed, repairs = repair_text(vni)
    assert (fixed, repairs) == (text, ["legacy-vni"])


# --- row 70: no false repair -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "The quick brown fox",
        SENTENCE,
        UBND,
        "Hà Nội: 25°C, độ ẩm 80% « tin » ±2 — © 2020 Cổng thông tin điện tử",
        "Société Générale à Paris, café Müller, Ségolène Royal, São Paulo, Ñandú",
        "def f(x): return x ** 2  # naïve façade © ® ™",
        "x = a &amp; b; // &lt;br&gt; &nbsp;",
        "Giá: 1.500.000đ – ưu đãi ½ giá, µg/m³",
        "Hoà Bình, thuỷ lợi, khoẻ, tuỳ, Uỷ ban, quý, già, gì, giếng, nghiêng, khuya, khuỷu, người",
        "Nghị định 15/2020/NĐ-CP; Quyết định 1234/QĐ-TTg",
        "Đắk Lắk, Đắk Nông, Kon Tum, Ê Đê, Hmông",
        "Ðà Nẵng",  # homoglyph: normalize_unicode's job, not an encoding repair
    ],
)
def test_no_false_repair(text: str) -> None:
    fixed, repairs = repair_text(text)
    assert fixed == text
    assert repairs == []


def test_ascii_fast_path() -> None:
    text = "plain ASCII text, no entities"
    fixed, repairs = repair_text(text)
    assert fixed is text and repairs == []


def test_nfd_text_is_composed_and_recorded() -> None:
    fixed, repairs = repair_text(unicodedata.normalize("NFD", SENTENCE))
    assert fixed == SENTENCE
    assert repairs == ["unicode-nfc"]


def test_windows_1258_decoded_text_is_composed() -> None:
    # Bytes decoded correctly as cp1258 are decomposed; repair_text only has to compose them.
    tones = "\u0300\u0301\u0303\u0309\u0323"
    pieces = []
    for ch in SENTENCE:  # windows-1258 has the base vowels (â ê ô ơ ư ă) precomposed, tones as marks
        d = unicodedata.normalize("NFD", ch)
        pieces.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
                      + "".join(c for c in d if c in tones))
    decoded = "".join(pieces).encode("cp1258").decode("cp1258")
    assert decoded != SENTENCE
    assert repair_text(decoded) == (SENTENCE, ["unicode-nfc"])


# --- rows 71/72: offsets are computed on the repaired, NFC text --------------------------------------

def test_repaired_text_is_nfc_so_offsets_align() -> None:
    nfd = unicodedata.normalize("NFD", "Tin Việt Nam")
    fixed, _ = repair_text(nfd)
    start = fixed.index("Việt")
    assert fixed[start:start + 4] == "Việt"
    tcvn3, _ = repair_text("Uû ban nh©n d©n tØnh")
    start = tcvn3.index("nhân dân")
    assert tcvn3[start:start + len("nhân dân")] == "nhân dân"


# --- the syllable checker behind the scoring -----------------------------------------------------------

@pytest.mark.parametrize("word", ["cộng", "hòa", "hoà", "nghĩa", "việt", "giếng", "gì", "quốc", "quý", "khuỷu",
                                  "người", "được", "Ủy", "uỷ", "thuyền", "kỹ", "lý", "yêu", "oạch", "ĐỒNG"])
def test_valid_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["nghợa", "viđt", "chỹ", "héi", "hßa", "café", "kà", "ngé", "cì", "hátt",
                                  "hàt", "müller", "ng", "hòà"])
def test_invalid_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)
