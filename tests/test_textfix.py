"""Tests for ingest.textfix: rows 1–13, 45 and 64–72 of the Vietnamese-analysis test table, plus the
no-false-repair cases (correct Vietnamese, English, code, other Latin languages are never rewritten)."""

from __future__ import annotations

import gzip
import html
import itertools
import json
import unicodedata

import pytest

from ingest.legacy_charsets import TCVN3, VISCII, VNI
from ingest.textfix import is_vietnamese_syllable, normalize_unicode, repair_text
from tests.conftest import shared_path

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


def test_row_45_entities_are_left_to_the_html_layer() -> None:
    # Row 45 (Vi&#7879;t Nam): bs4 or html.unescape decode references; repair_text must not unescape a
    # second time (text "&amp;#7879;" is literally "&#7879;" after one unescape).
    assert repair_text("Vi&#7879;t Nam") == ("Vi&#7879;t Nam", [])
    assert normalize_unicode(html.unescape("Vi&#7879;t Nam &ecirc;")) == "Việt Nam ê"


def test_mixed_page_repairs_only_the_legacy_part() -> None:
    # A Unicode page shell around a TCVN3 body (the design doc's common case), as HTML source.
    page = ("<html><head><title>Cổng thông tin điện tử tỉnh Lai Châu</title></head><body>\n"
            "<div class=menu>Trang chủ » Tin tức » Sự kiện</div>\n"
            "<p><font face=\".VnTime\">Céng hßa x· héi chñ nghÜa ViÖt Nam</font></p>\n"
            "<p>Cập nhật: 21/12/2018 © Sở Thông tin và Truyền thông</p></body></html>")
    fixed, repairs = repair_text(page)
    assert repairs == ["legacy-tcvn3"]
    assert f">{SENTENCE}<" in fixed
    assert fixed.replace(SENTENCE, "Céng hßa x· héi chñ nghÜa ViÖt Nam") == page


def test_one_mojibake_paragraph_in_a_correct_page() -> None:
    bad = _sloppy_cp1252(UBND.encode("utf-8"))
    page = f"<p>{SENTENCE}</p>\n<p>{bad}</p>\n<p>Hà Nội, Đà Nẵng — © 2020</p>"
    fixed, repairs = repair_text(page)
    assert fixed == f"<p>{SENTENCE}</p>\n<p>{UBND}</p>\n<p>Hà Nội, Đà Nẵng — © 2020</p>"
    assert repairs == ["mojibake-utf8-cp1252"]


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


# --- encoders used to make legacy text from correct text (the inverse of the repair tables) -------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _to_tcvn3(text: str) -> str:
    """TCVN3 bytes as a Latin-1 reader shows them; TCVN3 has no toned capitals, so lower-case first."""
    inverse = {v: k for k, v in TCVN3.items()}
    data = bytes(inverse.get(c, ord(c) if c.isascii() else 0x3F) for c in text.lower())
    return _sloppy_cp1252(data)


def _to_viscii(text: str) -> str:
    inverse = {v: k for k, v in VISCII.items()}
    out = []
    for c in text:
        if c in inverse:
            out.append(inverse[c])
        elif ord(c) < 0x100 and ord(c) not in VISCII:
            out.append(ord(c))
        else:
            out.append(0x3F)
    return bytes(out).decode("latin-1")


def _to_vni(text: str) -> str:
    lower = {v: chr(k) for k, v in VNI.items() if k >= 0xE0 or k == 0xD1}
    upper = {v: chr(k) for k, v in VNI.items() if 0xC0 <= k < 0xE0}
    horn = {"o": "ô", "u": "ö", "O": "Ô", "U": "Ö"}  # VNI writes ơ/ư as the bytes shown as ô/ö
    out = []
    for ch in text:
        if ch in "ơưđƠƯĐíìỉĩịỵÍÌỈĨỊỴ":
            out.append(lower.get(ch) or upper[ch])
            continue
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0], d[1:]
        if not marks or not base.isascii():
            out.append(ch if ch.isascii() else "?")
            continue
        if "\u031b" in marks:
            base, marks = horn[base], marks.replace("\u031b", "")
        table = upper if base.isupper() else lower
        out.append(base + (table.get(marks) or table.get(marks[::-1], "") if marks else ""))
    return "".join(out)


def _to_cp1258_as_latin1(text: str) -> str:
    pieces = []
    for ch in text:  # windows-1258 has the base vowels (â ê ô ơ ư ă) precomposed, tones as marks
        d = unicodedata.normalize("NFD", ch)
        pieces.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
                      + "".join(c for c in d if c in _TONES))
    return "".join(pieces).encode("cp1258", errors="replace").decode("latin-1")


LONG = ("Ủy ban nhân dân tỉnh Lai Châu ban hành kế hoạch cải cách hành chính năm 2018 của tỉnh, "
        "Sở Nội vụ hướng dẫn các cơ quan, đơn vị thực hiện; người dân được hỗ trợ trực tuyến.")


@pytest.mark.parametrize(
    ("encode", "expected", "repair"),
    [
        (_to_tcvn3, LONG.lower(), "legacy-tcvn3"),
        (_to_vni, LONG, "legacy-vni"),
        (_to_viscii, LONG, "legacy-viscii"),
        (_to_cp1258_as_latin1, LONG, "cp1258-as-latin1"),
    ],
)
def test_legacy_round_trip_long_text(encode, expected: str, repair: str) -> None:
    garbled = encode(LONG)
    assert garbled != expected
    assert repair_text(garbled) == (expected, [repair])


def _representable(text: str, encode) -> str:
    """``text`` with the characters that ``encode`` cannot carry replaced by "?" (as the encoders do)."""
    return "".join(c if encode(c) != "?" or c == "?" else "?" for c in text)


def test_corpus_round_trip_and_no_false_repair() -> None:
    """Real article text (../shared; skipped without it) is never changed as it is, and comes back exactly
    from every legacy encoding and from UTF-8 mojibake."""
    path = shared_path("corpus", "articles.jsonl.gz")
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, 25):
            rec = json.loads(line)
            text = " ".join(str(rec.get(k) or "") for k in ("title", "sapo", "body"))[:1500]
            texts.append(unicodedata.normalize("NFC", text))
    for text in texts:
        assert repair_text(text) == (text, [])
        assert repair_text(_sloppy_cp1252(text.encode("utf-8"))) == (text, ["mojibake-utf8-cp1252"])
        lower = text.lower()
        assert repair_text(_to_tcvn3(text)) == (_representable(lower, _to_tcvn3), ["legacy-tcvn3"])
        assert repair_text(_to_viscii(text)) == (_representable(text, _to_viscii), ["legacy-viscii"])
        assert repair_text(_to_vni(text)) == (_representable(text, _to_vni), ["legacy-vni"])
        assert repair_text(_to_cp1258_as_latin1(text)) == (_representable(text, _to_cp1258_as_latin1),
                                                            ["cp1258-as-latin1"])


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
        # short foreign words, one per line: the segment pass must not "repair" them either
        "Müller\nPharisäer\nKöln\nÑandú\nSão Paulo\nZürich\nBesançon\nFrançais\nnaïve\nØresund",
        "Åland\nÞór\nœuvre\nStraße\nčeský\nGdańsk\nÎle-de-France\nEspaña\nJosé\nMontréal",
        "<p>Trang chủ » Tin tức</p>\n<p>Gặp gỡ HLV Müller tại Zürich</p>\n<p>© 2020 Báo điện tử</p>",
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
                                  "người", "được", "Ủy", "uỷ", "thuyền", "kỹ", "lý", "yêu", "oạch", "ĐỒNG",
                                  "Đắk", "Lắk", "Kạn", "Kông"])
def test_valid_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["nghợa", "viđt", "chỹ", "héi", "hßa", "café", "ghà", "ngé", "cì", "hátt",
                                  "hàt", "müller", "ng", "hòà"])
def test_invalid_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


def test_double_latin1_mojibake() -> None:
    twice = SENTENCE.encode("utf-8").decode("latin-1").encode("utf-8").decode("latin-1")
    fixed, repairs = repair_text(twice)
    assert fixed == SENTENCE
    assert len(repairs) == 2 and all(r.startswith("mojibake-utf8-") for r in repairs)


@pytest.mark.parametrize("text", [
    "Céng hßa x· héi chñ nghÜa ViÖt Nam", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    "Cµng hòa xã hµi chü nghîa Vi®t Nam", "Côòng hoÌa xaÞ hôòi chuÒ nghiÞa Viêòt Nam",
    "Cá»™ng hÃ²a xÃ£ há»™i chá»§ nghÄ©a Viá»‡t Nam"])
def test_repair_is_idempotent(text: str) -> None:
    fixed, repairs = repair_text(text)
    assert repairs
    assert repair_text(fixed) == (fixed, [])


def test_mojibake_paragraph_with_d_stroke_is_fully_repaired() -> None:
    # đ is "Ä‘" in mojibake; ftfy leaves it because ‘ is also a real quotation mark.
    para = "Đề nghị các đơn vị đăng ký đầy đủ, đúng hạn; điều chỉnh đề án đã được duyệt."
    page = f"<p>{SENTENCE}</p>\n<p>{_sloppy_cp1252(para.encode('utf-8'))}</p>\n<p>{UBND}</p>"
    fixed, repairs = repair_text(page)
    assert fixed == f"<p>{SENTENCE}</p>\n<p>{para}</p>\n<p>{UBND}</p>"
    assert repairs == ["mojibake-utf8-cp1252"]


def test_random_8bit_text_never_raises() -> None:
    import random

    rng = random.Random(1258)
    alphabet = [chr(c) for c in range(0x20, 0x100)] + list("ộệủĩđĐ\u0300\u0301\u0323<>\n™‘’“”€")
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80)))
        fixed, repairs = repair_text(text)
        assert unicodedata.is_normalized("NFC", fixed)
        assert isinstance(repairs, list)
        assert unicodedata.is_normalized("NFC", normalize_unicode(text))
