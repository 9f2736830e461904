"""Attachment extraction speed and text quality, against baselines run in the same process.

    python bench/attachments.py [--out DIR] [--pdfs 60] [--docx 100] [--scans 4]

DIR is a portalgen site made with ``--attachments rich`` (made in a temporary folder from ../shared
when not given). Prints, for text PDFs, pages/s and word F1 against the truth for pdftotext
(poppler-utils, the baseline: a C++ program run once per file), tracuu's extractor (pypdfium2 +
layout), raw pypdfium2 text, pdfminer.six and pypdf; the paragraph F1 of tracuu's text; DOCX files/s;
and OCR pages/s with --jobs 1 and 2. The machine is shared: figures are noisy, ratios less so.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.attachments import extract  # noqa: E402
from tests.attachment_scoring import f1, kind, load, paragraph_counts, word_counts  # noqa: E402


def _pdftotext(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-q", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def _pdfium_raw(data: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    out = []
    for page in doc:
        tp = page.get_textpage()
        out.append(tp.get_text_range())
        tp.close()
        page.close()
    doc.close()
    return "\n".join(out)


def _pdfminer(data: bytes) -> str:
    import io

    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def _pypdf(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def _time(fn, files) -> tuple[float, list[str]]:
    t = time.perf_counter()
    texts = [fn(d) for d, _ in files]
    return time.perf_counter() - t, texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path)
    ap.add_argument("--pdfs", type=int, default=60)
    ap.add_argument("--docx", type=int, default=100)
    ap.add_argument("--scans", type=int, default=4, help="scanned documents to OCR (each with jobs 1 and 2)")
    args = ap.parse_args()
    out = args.out
    if out is None:
        out = Path(tempfile.mkdtemp(prefix="bench-att-"))
        shared = Path(__file__).resolve().parent.parent.parent / "shared"
        subprocess.run([sys.executable, str(shared / "portalgen" / "make_portal.py"), "--corpus",
                        str(shared / "corpus" / "articles.jsonl.gz"), "--out", str(out), "--pages", "400", "--seed",
                        "1", "--attachments", "rich"], check=True, capture_output=True)
    recs = load(out)
    pdfs = [r for r in recs if kind(r) == "pdf"][: args.pdfs]
    files = [((out / r["file"]).read_bytes(), r) for r in pdfs]
    pages = sum(r["pages"] for r in pdfs)
    print(f"text PDFs: {len(pdfs)} files, {pages} pages")
    print(f"{'extractor':24} {'pages/s':>8} {'× pdftotext':>11} {'word F1':>8} {'para F1':>8}")
    base = None
    for name, fn in (("pdftotext (baseline)", _pdftotext),
                     ("tracuu (pypdfium2+layout)", lambda d: extract(d, "x.pdf", ocr=False).text),
                     ("pypdfium2 raw", _pdfium_raw), ("pypdf", _pypdf), ("pdfminer.six", _pdfminer)):
        secs, texts = _time(fn, files)
        counts = [0, 0, 0]
        pcounts = [0, 0, 0]
        for text, (_, rec) in zip(texts, files, strict=True):
            counts = [a + b for a, b in zip(counts, word_counts(text, rec), strict=True)]
            pcounts = [a + b for a, b in zip(pcounts, paragraph_counts(text, rec), strict=True)]
        rate = pages / secs
        base = base or rate
        print(f"{name:24} {rate:8.1f} {rate / base:11.2f} {f1(*counts):8.4f} {f1(*pcounts):8.4f}")
    docx = [(out / r["file"]).read_bytes() for r in recs if kind(r) == "docx"][: args.docx]
    t = time.perf_counter()
    for d in docx:
        extract(d, "x.docx")
    print(f"DOCX: {len(docx) / (time.perf_counter() - t):.1f} files/s ({len(docx)} files)")
    scans = [r for r in recs if kind(r) == "scan"][: args.scans]
    if scans:
        npages = sum(r["pages"] for r in scans)
        for jobs in (1, 2):
            t = time.perf_counter()
            for r in scans:
                extract((out / r["file"]).read_bytes(), r["file"], jobs=jobs)
            secs = time.perf_counter() - t
            print(f"OCR --jobs {jobs}: {npages / secs:.2f} pages/s ({npages} pages, {secs:.1f} s)")


if __name__ == "__main__":
    main()
