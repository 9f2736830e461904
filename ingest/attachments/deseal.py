"""Seal rings taken off a scanned page before OCR, and coloured ink dropped from colour scans.

A Vietnamese administrative document is stamped with the issuer's round seal (con dấu, 30–45 mm
across) over the signature, so the ring crosses the signer's title and name. On a colour scan the
seal is red and the signature often blue: printed text is black, so every strongly coloured pixel is
dropped (``drop_colour_ink``). On a greyscale scan the seal ink is lighter than the text and
thresholding leaves it out. On a black-and-white scan the ring is as black as the letters, and
Tesseract reads it as part of them or as a picture ("Ñguyễn", or the name lost). ``remove_rings``
finds such rings (a coarse Hough transform, then a check that most of the circle is inked) and
whitens them, except where a letter's stroke crosses the ring (ink meets both edges of the ring
within about its width), so the strokes of letters under the ring are not cut through. (Filling
the ring's width there as well made blots that OCR read worse; measured on generated scans.)
"""

from __future__ import annotations

import logging
import math

import numpy as np

log = logging.getLogger(__name__)

SEAL_DIAMETER_MM = (26.0, 50.0)     # round seals of bodies and units (Nghị định 99/2016: 32–42 mm), margins
_COARSE_DPI = 40.0                   # the Hough transform runs at this resolution
_MIN_INKED = 0.55                    # share of a ring's circumference that must be dark


def drop_colour_ink(rgb) -> np.ndarray:
    """Grey levels of an RGB page with strongly coloured pixels (red seal, blue signature) made white."""
    a = np.asarray(rgb.convert("RGB"), dtype=np.int16)
    grey = (a[..., 0] * 299 + a[..., 1] * 587 + a[..., 2] * 114) // 1000
    chroma = a.max(axis=2) - a.min(axis=2)
    grey[chroma > 80] = 255
    return grey.astype(np.uint8)


def _coarse(dark: np.ndarray, f: int) -> np.ndarray:
    h, w = dark.shape[0] // f * f, dark.shape[1] // f * f
    return dark[:h, :w].reshape(h // f, f, w // f, f).any(axis=(1, 3))


def _profile(dark: np.ndarray, cy: float, cx: float, radii: np.ndarray, n_ang: int) -> np.ndarray:
    """Share of dark pixels on each circle of ``radii`` around (cy, cx) (off-page points count light)."""
    ang = np.linspace(0, 2 * math.pi, n_ang, endpoint=False)
    ys = np.rint(cy + radii[:, None] * np.sin(ang)[None, :]).astype(np.int64)
    xs = np.rint(cx + radii[:, None] * np.cos(ang)[None, :]).astype(np.int64)
    inside = (ys >= 0) & (ys < dark.shape[0]) & (xs >= 0) & (xs < dark.shape[1])
    hit = np.zeros(ys.shape, dtype=bool)
    hit[inside] = dark[ys[inside], xs[inside]]
    return hit.mean(axis=1)


def find_rings(dark: np.ndarray, dpi: float, max_rings: int = 2) -> list[tuple[float, float, list[tuple[float, float]]]]:
    """Seal rings in a dark-pixel mask: (centre y, centre x, [(inner radius, outer radius), …])."""
    f = max(1, int(round(dpi / _COARSE_DPI)))
    small = _coarse(dark, f)
    ys, xs = np.nonzero(small)
    if len(ys) == 0 or len(ys) > 400_000:
        return []
    px_mm = dpi / f / 25.4
    r_lo, r_hi = SEAL_DIAMETER_MM[0] / 2 * px_mm, SEAL_DIAMETER_MM[1] / 2 * px_mm
    radii = np.arange(math.floor(r_lo), math.ceil(r_hi) + 1, dtype=np.float64)
    ang = np.linspace(0, 2 * math.pi, 48, endpoint=False)
    dy, dx = np.sin(ang), np.cos(ang)
    hs, ws = small.shape
    best: list[tuple[float, int, int, float]] = []
    for r in radii:
        cy = np.rint(ys[:, None] + r * dy[None, :]).astype(np.int64).ravel()
        cx = np.rint(xs[:, None] + r * dx[None, :]).astype(np.int64).ravel()
        ok = (cy >= 0) & (cy < hs) & (cx >= 0) & (cx < ws)
        acc = np.bincount(cy[ok] * ws + cx[ok], minlength=hs * ws)
        k = int(acc.argmax())
        best.append((acc[k] / len(ang), k // ws, k % ws, r))
    best.sort(reverse=True)
    rings: list[tuple[float, float, list[tuple[float, float]]]] = []
    for score, by, bx, r in best[:6]:
        if score < 0.5 or any(math.hypot(by * f - cy, bx * f - cx) < r * f for cy, cx, _ in rings):
            continue
        found = _refine(dark, by * f + f / 2, bx * f + f / 2, r * f, f)
        if found:
            rings.append(found)
            if len(rings) >= max_rings:
                break
    return rings


def _refine(dark: np.ndarray, cy: float, cx: float, r: float, f: int):
    """Centre and ring bands at full resolution around a coarse candidate, None when not a ring."""
    radii = np.arange(max(2.0, 0.55 * r), 1.2 * r + 2 * f, 1.0)
    n_ang = max(180, int(2 * math.pi * r / 3))
    best = None
    for step, span, c0 in ((max(1, f // 2), f, None), (1, max(1, f // 2), True)):
        if c0 is not None and best is not None:
            cy, cx = best[1], best[2]
        for oy in range(-span, span + 1, step):
            for ox in range(-span, span + 1, step):
                prof = _profile(dark, cy + oy, cx + ox, radii, n_ang)
                k = int(prof.argmax())
                if best is None or prof[k] > best[0]:
                    best = (prof[k], cy + oy, cx + ox, prof)
    if best is None or best[0] < _MIN_INKED:
        return None
    _, cy, cx, prof = best
    # a band: radii inked on a quarter of the circle or more, holding at least one full circle of ink
    # in all (a thin inner ring spreads over a few radii; a text line crossing is far below a quarter)
    bands: list[tuple[float, float]] = []
    k = 0
    while k < len(prof):
        if prof[k] >= 0.25:
            j = k
            while j + 1 < len(prof) and prof[j + 1] >= 0.25:
                j += 1
            if prof[k:j + 1].sum() >= 0.8:
                bands.append((radii[k] - 2.0, radii[j] + 2.0))
            k = j + 1
        else:
            k += 1
    return (cy, cx, bands) if bands else None


def _edge_ink(dark: np.ndarray, cy: float, cx: float, r: float, direction: int, n: int) -> np.ndarray:
    """Per angle step: is there ink within 3 px beyond radius ``r`` (inwards or outwards)?"""
    ang = np.arange(n) * (2 * math.pi / n)
    hit = np.zeros(n, dtype=bool)
    h, w = dark.shape
    for k in (1, 2, 3):
        rad = r + direction * k
        ys = np.rint(cy + rad * np.sin(ang)).astype(np.int64)
        xs = np.rint(cx + rad * np.cos(ang)).astype(np.int64)
        ok = (ys >= 0) & (ys < h) & (xs >= 0) & (xs < w)
        hit[ok] |= dark[ys[ok], xs[ok]]
    return hit


def _spread(flags: np.ndarray, reach: int) -> np.ndarray:
    """``flags`` widened by ``reach`` steps each way, around the circle."""
    out = flags.copy()
    for k in range(1, reach + 1):
        out |= np.roll(flags, k) | np.roll(flags, -k)
    return out


def remove_rings(grey: np.ndarray, dpi: float, threshold: int = 128) -> tuple[np.ndarray, int]:
    """``grey`` with seal rings whitened where no letter crosses them, and the number of rings found."""
    dark = grey < threshold
    rings = find_rings(dark, dpi)
    if not rings:
        return grey, 0
    out = grey.copy()
    h, w = grey.shape
    for cy, cx, bands in rings:
        r_max = max(b for _, b in bands) + 1
        y0, y1 = max(0, int(cy - r_max)), min(h, int(cy + r_max) + 1)
        x0, x1 = max(0, int(cx - r_max)), min(w, int(cx + r_max) + 1)
        yy, xx = np.mgrid[y0:y1, x0:x1]
        d = np.hypot(yy - cy, xx - cx)
        theta = np.arctan2(yy - cy, xx - cx)
        for a, b in bands:
            n = max(90, int(2 * math.pi * b))                  # one angle step ≈ one pixel of arc
            inner = _edge_ink(dark, cy, cx, a, -1, n)
            outer = _edge_ink(dark, cy, cx, b, 1, n)
            # a stroke crosses the ring where ink meets both of its edges within about the band's width
            reach = max(1, int(round((b - a) * 0.6)))
            crossing = _spread(inner, reach) & _spread(outer, reach)
            sel = (d >= a) & (d <= b)
            idx = (np.rint((theta[sel] % (2 * math.pi)) / (2 * math.pi) * n).astype(np.int64)) % n
            keep = crossing[idx]
            out[yy[sel][~keep], xx[sel][~keep]] = 255
    log.debug("removed %d seal ring(s)", len(rings))
    return out, len(rings)
