"""decode_page: order of evidence (BOM, HTTP, meta, detection), NFC, entities, damaged bytes, repairs."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from ingest.decode import Decoded, charset_from_markup, decode_page, is_lossy

VI = "Kết quả thực hiện công tác cải cách hành chính tỉnh Lai Châu năm 2018: người dân được phục vụ tốt hơn."
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Encode like a windows-1258 editor: precomposed where the code page has it, else base + tone mark."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
            out.append((base + "".join(c for c in nfd if c in TONES)).encode("cp1258"))
    return b"".join(out)


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"


def test_cp1258_helper_really_decomposes():
    raw = cp1258(VI)
    assert not unicodedata.is_normalized("NFC", raw.decode("cp1258"))


def test_plain_utf8_is_untouched():
    html = page(VI, '<meta charset="utf-8">')
    d = decode_page(html.encode("utf-8"))
    assert isinstance(d, Decoded)
    assert d == Decoded(html, "utf-8", [])


def test_undeclared_utf8_and_ascii():
    assert decode_page(page(VI).encode()).text == page(VI)
    d = decode_page(b"<p>plain ascii</p>")
    assert (d.text, d.encoding, d.repairs) == ("<p>plain ascii</p>", "utf-8", [])


@pytest.mark.parametrize("bom, codec, label", [
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
])
def test_bom_wins_and_is_stripped(bom, codec, label):
    html = page(VI, '<meta charset="windows-1258">')  # the BOM overrides a wrong meta
    d = decode_page(bom + html.encode(codec), "text/html; charset=iso-8859-1")
    assert d.text == html
    assert d.encoding == label


@pytest.mark.parametrize("where", ["http", "meta", "http-equiv", "xml"])
def test_declared_windows_1258_becomes_nfc(where):
    head = {
        "http": "",
        "meta": '<meta charset="windows-1258">',
        "http-equiv": '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">',
        "xml": "",
    }[where]
    html = page(VI, head)
    data = cp1258(html)
    if where == "xml":
        data = b'<?xml version="1.0" encoding="windows-1258"?>\n' + data
    d = decode_page(data, "text/html; charset=windows-1258" if where == "http" else None)
    assert VI in d.text
    assert unicodedata.is_normalized("NFC", d.text)
    assert d.encoding == "windows-1258"
    assert d.repairs == ["nfc-from-windows-1258"]


def test_http_charset_beats_meta():
    html = page(VI, '<meta charset="windows-1258">')
    d = decode_page(html.encode("utf-8"), "text/html; charset=UTF-8")
    assert d.text == html and d.encoding == "utf-8" and d.repairs == []


def test_undeclared_windows_1258_is_detected():
    body = " ".join([VI] * 6)
    d = decode_page(cp1258(page(body)))
    assert body in d.text
    assert d.encoding == "windows-1258"
    assert "charset-detected:windows-1258" in d.repairs
    assert "nfc-from-windows-1258" in d.repairs


def test_declared_utf8_but_really_windows_1258():
    body = " ".join([VI] * 6)
    d = decode_page(cp1258(page(body, '<meta charset="utf-8">')))
    assert body in d.text
    assert d.repairs[0] == "declared-charset-wrong:utf-8"
    assert d.encoding == "windows-1258"


def test_latin1_declaration_on_utf8_page_is_ignored():
    html = page(VI, '<meta http-equiv="content-type" content="text/html; charset=ISO-8859-1">')
    d = decode_page(html.encode("utf-8"))
    assert d.text == html
    assert d.repairs == ["declared-charset-ignored:ISO-8859-1->utf-8"]


def test_windows_1258_declaration_on_utf8_page_is_ignored():
    html = page(VI, '<meta charset="windows-1258">')
    d = decode_page(html.encode("utf-8"))
    assert d.text == html
    assert d.repairs == ["declared-charset-ignored:windows-1258->utf-8"]


def test_nfd_utf8_becomes_nfc():
    nfd = unicodedata.normalize("NFD", VI)
    assert nfd != VI
    d = decode_page(page(nfd).encode("utf-8"))
    assert d.text == page(VI)
    assert d.repairs == ["nfc"]


def test_entities_survive_decoding():
    html = page("B&#7897; ph&#x1ED5;n&nbsp;&amp;lt; &quot;x&quot; &#xED; &Agrave;", '<meta charset="utf-8">')
    d = decode_page(html.encode("utf-8"))
    assert d.text == html
    assert d.repairs == []


def test_invalid_utf8_bytes_replaced_and_recorded():
    html = page(VI + " \xffX " + VI, '<meta charset="utf-8">')
    data = html.encode("utf-8").replace("\xffX".encode(), b"\xff\xe1\xbbX")  # stray byte + truncated sequence
    d = decode_page(data)
    assert d.encoding == "utf-8"
    assert d.text.count(VI) == 2  # the rest of the page is intact
    assert "\ufffd" in d.text
    assert d.repairs == ["invalid-utf8-replaced:2"]
    assert all(is_lossy(r) for r in d.repairs)


def test_unknown_charset_label_is_ignored():
    html = page(VI, '<meta charset="x-no-such-charset">')
    d = decode_page(html.encode("utf-8"))
    assert d.text == html
    assert d.repairs == ["unknown-charset-ignored:x-no-such-charset"]


def test_utf7_is_never_honoured():
    html = page("+ADw-script+AD4-", '<meta charset="utf-7">')
    d = decode_page(html.encode("ascii"))
    assert d.text == html


def test_meta_charset_scan_finds_late_meta():
    data = b"<html><head><script>" + b"x" * 9000 + b"</script><meta charset='windows-1258'>"
    assert charset_from_markup(data) == "windows-1258"


def test_mojibake_is_repaired_and_recorded():
    # UTF-8 read as cp1252 and saved again as UTF-8 (the tintaynguyen.com case). Windows maps the
    # five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) to the same C1 code points.
    mojibake = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in VI.encode("utf-8")
    )
    assert mojibake != VI and "\x9d" in mojibake
    html = page(mojibake, '<meta charset="utf-8">')
    d = decode_page(html.encode("utf-8"))
    assert VI in d.text
    assert d.repairs, "the mojibake repair must be recorded"
    assert any("mojibake" in r for r in d.repairs)
    assert not any(is_lossy(r) for r in d.repairs)


def test_correct_text_is_not_repaired():
    d = decode_page(page(VI + " Ông Vừ A Tiến; Đà Nẵng; Thừa Thiên Huế; ĐỒNG THÁP; ©; “quote”").encode())
    assert d.repairs == []


@pytest.mark.parametrize("text, suspect", [
    (VI + " giò chả, gì, quì, hòa › Tin tức © 2024 « » · 25°C", False),
    ("Káº¿t quáº£", True),            # UTF-8 read as cp1252
    ("Vieät Nam", True),             # VNI read as cp1252
    ("Th\u00f4\u00f2ng tin", True),   # windows-1258 tone byte read as latin-1 after a vowel
    ("K\u00b8t qu\u00b6", True),      # TCVN3 symbols
])
def test_repair_is_only_tried_on_suspect_text(monkeypatch, text, suspect):
    import ingest.decode as decode

    calls = []
    monkeypatch.setattr(decode, "repair_text", lambda t: (calls.append(t), (t, []))[1])
    d = decode_page(page(text).encode("utf-8"))
    assert bool(calls) == suspect
    assert d.text == page(text)
