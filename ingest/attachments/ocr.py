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


def _words_to_segs(tsv: str) -> list[Seg]:
    """Tesseract TSV → line segments, each line cut where the gap between words is column-wide."""
    lines: dict[tuple[int, int, int, int], list[tuple[int, int, int, int, str]]] = {}
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
        lines.setdefault(key, []).append((left, top, left + w, top + h, text))
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


def ocr_page(img, deadline: float) -> PageLayout:
    """OCR one page image (PIL, greyscale or bilevel) into paragraphs."""
    ok, why = tesseract_status()
    if not ok:
        raise ToolMissingError(why)
    tsv = _tesseract(img, 3, "tsv", deadline - time.monotonic())
    segs = _words_to_segs(tsv)
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
