"""OCR of page images with Tesseract and its Vietnamese data (Debian ``tesseract-ocr-vie``).

Tesseract runs as a program, one page per call, ``OMP_THREAD_LIMIT=1`` so that ``jobs`` pages in
parallel use ``jobs`` cores and no more. Its TSV output (word boxes) goes through the same layout
code as PDF text runs: Tesseract's own reading order merges the two header columns into one line.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import shutil
import subprocess
import time
from functools import lru_cache

from PIL import Image

from ingest.attachments.errors import TimeLimitError, ToolMissingError
from ingest.attachments.layout import PageLayout, Seg, layout_page

log = logging.getLogger(__name__)

OCR_LANG = "vie"


@lru_cache(maxsize=1)
def tesseract_status() -> tuple[bool, str]:
    """(usable, why not): Tesseract on PATH and its Vietnamese data installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False, ("chưa cài Tesseract (apt-get install tesseract-ocr tesseract-ocr-vie) "
                       "(Tesseract is not installed)")
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"không chạy được Tesseract (cannot run Tesseract): {exc}"
    langs = (out.stdout + out.stderr).decode("utf-8", "replace").split()
    if OCR_LANG not in langs:
        return False, ("Tesseract thiếu dữ liệu tiếng Việt (apt-get install tesseract-ocr-vie) "
                       "(Tesseract lacks the Vietnamese language data)")
    return True, ""


def ocr_available() -> bool:
    return tesseract_status()[0]


#: one word of Tesseract's TSV: (line key, left, top, right, bottom, text, confidence)
Word = tuple[tuple[int, int, int, int], int, int, int, int, str, float]


def _tsv_words(tsv: str) -> list[Word]:
    """The words of Tesseract's TSV output with their boxes and confidences, in its order."""
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            conf = float(row.get("conf") or -1)
            key = (int(row["page_num"]), int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
            left, top, w, h = int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"])
        except (KeyError, ValueError):
            continue
        if conf < 0:
            continue
        words.append((key, left, top, left + w, top + h, text, conf))
    return words


def _words_to_segs(tsv: str | list[Word]) -> list[Seg]:
    """Tesseract TSV (or its words) → line segments, each line cut where the gap between words is column-wide."""
    lines: dict[tuple[int, int, int, int], list[tuple[int, int, int, int, str]]] = {}
    for key, left, top, right, bottom, text, _ in (_tsv_words(tsv) if isinstance(tsv, str) else tsv):
        lines.setdefault(key, []).append((left, top, right, bottom, text))
    segs: list[Seg] = []
    for words in lines.values():
        words.sort()
        hs = sorted(b - t for _, t, _, b, _ in words)
        lh = hs[len(hs) // 2] if hs else 10
        cur = list(words[0])
        for w in words[1:]:
            if w[0] - cur[2] > 1.6 * lh:
                segs.append(Seg(cur[0], cur[1], cur[2], cur[3], cur[4]))
                cur = list(w)
            else:
                cur = [cur[0], min(cur[1], w[1]), w[2], max(cur[3], w[3]), cur[4] + " " + w[4]]
        segs.append(Seg(cur[0], cur[1], cur[2], cur[3], cur[4]))
    return segs


def _tesseract(img, psm: int, fmt: str, timeout: float) -> str:
    buf = io.BytesIO()
    img.save(buf, "PPM")                     # PGM/PBM: nothing to compress, Tesseract reads it from stdin
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    cmd = ["tesseract", "stdin", "stdout", "-l", OCR_LANG, "--psm", str(psm)] + ([fmt] if fmt else [])
    try:
        proc = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, timeout=max(1.0, timeout), env=env,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        raise TimeLimitError("OCR một trang quá thời gian (OCR of a page timed out)") from exc
    if proc.returncode != 0:
        log.warning("tesseract failed: %s", proc.stderr.decode("utf-8", "replace")[-300:])
        return ""
    return proc.stdout.decode("utf-8", "replace")


_RECIPIENTS_RE = re.compile(r"^[\s_~|.,'\"-]*N[oơ0]i\s*nh[aậ]n", re.IGNORECASE)    # specks before it: "_Nơi nhận"


def _name_quality(lines: list[str]) -> int | None:
    """The best ``name_score`` of the lines that read as a signer's name once OCR slips are put
    right, None when none does."""
    from ingest.admindoc import fix_ocr_name_line, looks_like_name, name_score

    scores = [name_score(n) for n in (fix_ocr_name_line(x) for x in lines) if looks_like_name(n)]
    return max(scores) if scores else None


def _signature_block(img, segs: list[Seg], deadline: float) -> tuple[list[str], tuple[float, float] | None, int | None]:
    """Lines of the signer block OCRed again on their own, the corner they cover, and how well the
    name among them reads (``_name_quality``).

    A seal stamped over the signature turns that corner into "picture" for Tesseract's page
    segmentation, so the signer's title and name vanish or come out mangled. On a page with
    ``Nơi nhận``, the right part from there down is OCRed again: lighter seal ink (greyscale scans)
    thresholded away, a black seal ring (black-and-white scans) taken off by ``deseal``, then read
    as sparse text and as one uniform block, unless the first reading already gives a name that is a
    known family name followed by Vietnamese syllables; the better reading of the name wins.
    """
    import numpy as np

    from ingest.admindoc import strip_junk
    from ingest.attachments.deseal import remove_rings

    w, h = img.size
    anchor = next((s for s in segs if _RECIPIENTS_RE.match(s.text)), None)
    if anchor is None:
        return [], None, None
    top = max(0, int(anchor.top - 2 * anchor.h))
    bottom = min(h, top + int(0.4 * h))
    crop = img.crop((w // 2, top, w, bottom)).convert("L")
    grey = np.asarray(crop)
    dpi = w / 8.27                                          # A4 width in inches; the ring search needs mm
    cleaned, rings = remove_rings(grey, dpi)
    binary = Image.fromarray(np.where(cleaned < 120, 0, 255).astype(np.uint8))
    best: tuple[int, list[str]] | None = None
    for psm in ((11, 6) if rings else (6,)):
        text = _tesseract(binary, psm, "", deadline - time.monotonic())
        lines = [t for t in (strip_junk(" ".join(x.split())) for x in text.split("\n")) if t]
        q = _name_quality(lines)
        if q is not None and (best is None or q > best[0]):
            best = (q, lines)
        if best is not None and best[0] >= _WELL_READ:
            break
    if best is None:
        return [], (top, bottom), None
    return best[1], (top, bottom), best[0]


#: ``name_score`` of a two-word name that is a family name and syllables: no second reading needed
_WELL_READ = 4


#: the subject block is read again at this many times the page image's resolution
_SUBJECT_SCALE = 3
#: a word of that second reading replaces the page's only where Tesseract is this much surer of it
_SUBJECT_MARGIN = 5.0


def _subject_block(segs: list[Seg], height: float) -> list[Seg]:
    """The segments of the subject (trích yếu) in the upper part of a page: a ``V/v`` block and the
    lines wrapped under it, or the lines under the document type's name; [] when there is none."""
    from ingest.admindoc.header import _type_of_line, _type_opening
    from ingest.admindoc.text import _ADDRESSEE_RE, _BODY_START_RE, _VV_OCR_RE, _fold

    order = sorted((s for s in segs if s.top < 0.6 * height), key=lambda s: (s.top, s.x0))
    block: list[Seg] = []
    for k, s in enumerate(order):
        if _VV_OCR_RE.match(_fold(s.text)) or _type_opening(s.text):
            block = [s]
        elif _type_of_line(s.text):
            below = [t for t in order[k + 1:] if t.top > s.mid and t.x0 < s.x1 and t.x1 > s.x0]
            if below and below[0].top - s.bottom < 2 * s.h:
                block = [below[0]]
        if block:
            rest = order[order.index(block[0]) + 1:]
            break
    else:
        return []
    lo, hi = block[0].x0 - block[0].h, block[0].x1 + block[0].h
    for t in rest:
        if t.top - block[-1].bottom > block[-1].h or len(block) >= 4:
            break
        ft = _fold(t.text)
        if t.x0 < lo or t.x1 > hi or t.top < block[-1].mid:
            continue
        if _BODY_START_RE.match(ft) or _ADDRESSEE_RE.match(ft):
            break
        block.append(t)
    return block


def _box_overlap(a: Word, b: Word) -> float:
    """Intersection of two word boxes over the larger of their areas."""
    w = min(a[3], b[3]) - max(a[1], b[1])
    h = min(a[4], b[4]) - max(a[2], b[2])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / max((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2]), 1)


def _reread_subject(img, words: list[Word], deadline: float) -> list[Word]:
    """``words`` with the subject's words read again where Tesseract is surer of the second reading.

    The subject is a line or three of bold type, and Tesseract reading the whole page misreads a
    letter there now and then (nhẵn → nhãn, Chi → Chỉ, khỉ → khi, C → €): each such slip makes the
    subject wrong, and no rule on the text can tell it from a real word. The block alone, enlarged
    ``_SUBJECT_SCALE`` times and read as one uniform block, is read better on the whole but not
    everywhere, so it is used word by word: a word of the second reading over the same place
    replaces the first one only when its confidence is higher by ``_SUBJECT_MARGIN``. One Tesseract
    call on one small crop per document (the block is found on its first page only, as a rule): about
    0.4 s of CPU, against 1.4 s for each page (+14 % on the 72 generated scans of rich_400).
    """
    block = _subject_block(_words_to_segs(words), float(img.height))
    if not block:
        return words
    pad = int(0.5 * block[0].h)
    x0, top = max(0, int(min(s.x0 for s in block)) - 2 * pad), max(0, int(min(s.top for s in block)) - pad)
    x1, bottom = min(img.width, int(max(s.x1 for s in block)) + 2 * pad), min(img.height, int(max(s.bottom for s in block)) + pad)
    k = _SUBJECT_SCALE
    crop = img.crop((x0, top, x1, bottom)).convert("L")
    crop = crop.resize((crop.width * k, crop.height * k), Image.LANCZOS)
    again = [(key, x0 + a // k, top + b // k, x0 + c // k, top + d // k, text, conf)
             for key, a, b, c, d, text, conf in _tsv_words(_tesseract(crop, 6, "tsv", deadline - time.monotonic()))]
    out: list[Word] = []
    for w in words:
        cx, cy = (w[1] + w[3]) / 2, (w[2] + w[4]) / 2
        if x0 <= cx <= x1 and top <= cy <= bottom and again:
            best = max(again, key=lambda a: _box_overlap(w, a))
            if _box_overlap(w, best) >= 0.5 and best[6] > w[6] + _SUBJECT_MARGIN and best[5] != w[5]:
                log.debug("subject word %r read again as %r (%.0f → %.0f)", w[5], best[5], w[6], best[6])
                w = (*w[:5], best[5], best[6])
        out.append(w)
    return out


def ocr_page(img, deadline: float) -> PageLayout:
    """OCR one page image (PIL, greyscale or bilevel) into paragraphs."""
    ok, why = tesseract_status()
    if not ok:
        raise ToolMissingError(why)
    words = _tsv_words(_tesseract(img, 3, "tsv", deadline - time.monotonic()))
    segs = _words_to_segs(_reread_subject(img, words, deadline))
    extra, corner, q = _signature_block(img, segs, deadline)
    if corner is not None and q is not None:
        top, bottom = corner
        inside = [s for s in segs if s.x0 >= img.width * 0.45 and s.top >= top and s.bottom <= bottom]
        page_q = _name_quality([s.text for s in inside])
        if page_q is None or q >= page_q:             # the block read alone wins ties: no seal in its way
            segs = [s for s in segs if s not in inside]
        else:
            extra = []
    else:
        extra = []
    lay = layout_page(segs, float(img.width), float(img.height))
    lay.paragraphs.extend(extra)
    return lay
