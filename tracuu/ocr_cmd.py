"""``tracuu ocr [--data DIR] [--jobs N]``: OCR the attachments an import recorded "cần OCR".

Needs Tesseract with Vietnamese data (Debian: ``apt-get install tesseract-ocr tesseract-ocr-vie``).
Reads the files back from the archive, so no network and no original inputs are needed.
"""

from __future__ import annotations

import argparse
import sys

from tracuu.config import data_dir

PROG = "tracuu ocr"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "ocr",
        help="OCR các tệp đính kèm được ghi nhận \"cần OCR\" (OCR attachments recorded as needing it)",
        description="Nhận dạng chữ (Tesseract, tiếng Việt) cho các bản quét đã nhập mà chưa OCR, rồi lập chỉ mục lại. "
                    "OCR the scanned attachments an earlier import could not, then re-index them.",
    )
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.add_argument("--jobs", type=int, default=1, help="số tiến trình Tesseract song song (OCR processes) [1]")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from index.ocrfill import fill_ocr
    from index.pipeline import ErrorReport
    from index.writer import IndexLocked

    data = data_dir(args.data)
    if not (data / "attachments.sqlite").exists():
        print(f"{PROG}: chưa có tệp đính kèm nào trong {data} (no attachments imported)", file=sys.stderr)
        return 0
    report = ErrorReport(data)
    try:
        summary = fill_ocr(data, jobs=max(1, args.jobs), report=report)
    except IndexLocked as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    finally:
        report.close()
    print(summary.text())
    for name, msg in summary.failed[:20]:
        print(f"lỗi {name}: {msg}", file=sys.stderr)
    if summary.failed:
        print(f"Báo cáo lỗi (error report): {report.path}")
    return 1 if summary.failed or summary.still else 0
