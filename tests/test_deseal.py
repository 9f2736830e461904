"""Seal rings off black-and-white scans before OCR (ingest/attachments/deseal.py), the signer block
read again under the seal (ingest/attachments/ocr.py), and colour ink dropped from colour scans.

The page is drawn here with Pillow and Noto Serif (Debian fonts-noto-core): a 300 dpi A4 page with
``Nơi nhận`` on the left and the signer block on the right, a round seal stamped over the signature
and crossing the title and the first letters of the name, then thresholded to black and white as an
office scanner's bilevel mode does.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest.admindoc import parse_admin_meta
from ingest.attachments import ocr_available
from ingest.attachments.deseal import drop_colour_ink, find_rings, remove_rings

FONT_DIR = Path("/usr/share/fonts/truetype/noto")
DPI = 300
MM = DPI / 25.4


def _font(bold: bool, size_pt: float) -> ImageFont.FreeTypeFont:
    path = FONT_DIR / ("NotoSerif-Bold.ttf" if bold else "NotoSerif-Regular.ttf")
    if not path.exists():
        pytest.skip("Noto Serif (fonts-noto-core) not installed")
    return ImageFont.truetype(str(path), int(size_pt / 72 * DPI))


def signed_page(ring: bool = True) -> tuple[Image.Image, tuple[float, float, float]]:
    """A bilevel last page of a document and its seal (centre x, centre y, radius) in pixels."""
    w, h = int(210 * MM), int(297 * MM)
    img = Image.new("L", (w, h), 250)
    d = ImageDraw.Draw(img)
    reg, bold = _font(False, 11), _font(True, 12)
    d.text((25 * MM, 40 * MM), "Nơi nhận:", font=_font(True, 11), fill=20, anchor="ls")
    for k, line in enumerate(["- Như trên;", "- Giám đốc Sở;", "- Lưu: VT, VP."]):
        d.text((25 * MM, (45 + 5 * k) * MM), line, font=reg, fill=20, anchor="ls")
    cx = 150 * MM
    for y, line in ((40, "KT. GIÁM ĐỐC"), (46, "PHÓ GIÁM ĐỐC"), (76, "Nguyễn Văn Thành")):
        d.text((cx, y * MM), line, font=bold, fill=20, anchor="ms")
    seal = (cx - 20 * MM, 60 * MM, 17.5 * MM)
    if ring:
        sx, sy, r = seal
        d.ellipse((sx - r, sy - r, sx + r, sy + r), outline=70, width=int(0.8 * MM))
        d.ellipse((sx - 0.85 * r, sy - 0.85 * r, sx + 0.85 * r, sy + 0.85 * r), outline=95, width=int(0.3 * MM))
    d.line([((135 + 5 * j) * MM, (60 + (-3) ** (j % 2)) * MM) for j in range(7)], fill=60, width=int(0.5 * MM))
    return img.point(lambda v: 0 if v < 135 else 255), seal


def test_the_seal_ring_is_found_where_it_was_stamped():
    img, (sx, sy, r) = signed_page()
    rings = find_rings(np.asarray(img) < 128, DPI)
    assert len(rings) == 1
    cy, cx, bands = rings[0]
    assert math.hypot(cy - sy, cx - sx) < 4
    assert any(a <= r - 0.4 * MM <= b for a, b in bands)                # the thick outer ring
    assert any(a <= 0.85 * r - 0.15 * MM <= b for a, b in bands)        # and the thin inner one


def test_a_page_of_text_has_no_ring():
    img, _ = signed_page(ring=False)
    assert find_rings(np.asarray(img) < 128, DPI) == []
    grey = np.asarray(img)
    out, n = remove_rings(grey, DPI)
    assert n == 0 and out is grey


def test_ring_removed_and_letters_under_it_kept():
    img, (sx, sy, r) = signed_page()
    grey = np.asarray(img)
    out, n = remove_rings(grey, DPI)
    assert n == 1
    # the ring's leftmost point, far from any letter, is white now
    y, x = int(sy), int(sx - r + 0.4 * MM)
    assert grey[y, x] < 128 and out[y, x] == 255
    # nothing outside the ring's annuli changed: the name's letters beyond the ring are whole
    name = (slice(int(70 * MM), int(78 * MM)), slice(int(sx + r + 1 * MM), int(190 * MM)))
    assert (out[name] == grey[name]).all() and (grey[name] < 128).any()


def test_colour_ink_dropped_black_text_kept():
    rgb = Image.new("RGB", (40, 10), (250, 250, 250))
    d = ImageDraw.Draw(rgb)
    d.rectangle((0, 0, 9, 9), fill=(200, 30, 40))        # red seal ink
    d.rectangle((10, 0, 19, 9), fill=(30, 40, 170))      # blue signature ink
    d.rectangle((20, 0, 29, 9), fill=(25, 25, 25))       # printed text
    grey = drop_colour_ink(rgb)
    assert (grey[:, :20] == 255).all() and (grey[:, 20:30] < 60).all()


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with Vietnamese data not installed")
def test_signer_read_under_a_black_seal_ring():
    from ingest.attachments.ocr import ocr_page

    img, _ = signed_page()
    lay = ocr_page(img, time.monotonic() + 300)
    meta = parse_admin_meta("\n".join(lay.paragraphs), ocr=True)
    assert meta.signer == "Nguyễn Văn Thành"
    assert meta.signer_title[0].replace(" ", "") == "KT.GIÁMĐỐC"
