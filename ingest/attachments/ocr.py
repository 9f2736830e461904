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
import shutil
import subprocess
from functools import lru_cache

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


def ocr_png(png: bytes, width: int, height: int, timeout: float) -> PageLayout:
    """OCR one page image (PNG bytes) into paragraphs."""
    ok, why = tesseract_status()
    if not ok:
        raise ToolMissingError(why)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run(["tesseract", "stdin", "stdout", "-l", OCR_LANG, "--psm", "3", "tsv"],
                              input=png, capture_output=True, timeout=max(1.0, timeout), env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise TimeLimitError("OCR một trang quá thời gian (OCR of a page timed out)") from exc
    if proc.returncode != 0:
        log.warning("tesseract failed: %s", proc.stderr.decode("utf-8", "replace")[-300:])
        return PageLayout([])
    return layout_page(_words_to_segs(proc.stdout.decode("utf-8", "replace")), float(width), float(height))
