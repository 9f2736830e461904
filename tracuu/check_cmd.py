"""``tracuu check [--repair] [--data DIR]``: is this data directory whole? (like ``fsck``)

Checks that every catalogued capture has its archived payload with the recorded digest, that the
index and the catalog list the same documents, and that the index's segment files open and match
the checksums recorded at commit (:mod:`index.check`). Prints each kind of problem with its count
and the items concerned; exit status 0 when nothing is wrong, 1 otherwise. ``--repair``
(:mod:`index.repair`) rebuilds the index from the archive and the catalog from the WARC files and
the index, names what cannot be rebuilt (payloads whose bytes are gone), then checks again.
Refused while another process writes the index: an import in flight is not damage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tracuu.config import data_dir

PROG = "tracuu check"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "check",
        help="kiểm tra tính toàn vẹn của thư mục dữ liệu, --repair để sửa (like fsck)",
        description="Kiểm tra danh mục, kho lưu trữ và chỉ mục có khớp nhau không; --repair dựng lại những gì "
                    "dựng lại được. Check that catalog, archive and index agree; --repair rebuilds what it can.",
    )
    p.add_argument("--data", help="thư mục dữ liệu (data directory; env TRACUU_DATA, default ./tracuu-data)")
    p.add_argument("--repair", action="store_true",
                   help="dựng lại chỉ mục từ kho lưu trữ và danh mục từ tệp WARC (rebuild what can be rebuilt)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON (machine-readable summary)")
    p.add_argument("--jobs", type=int, default=None, help="số tiến trình phân tích khi dựng lại (parser processes)")
    p.set_defaults(func=run)


def disk_error_message(exc: Exception, data: Path) -> str:
    """What an import that stopped on a disk error tells the user (full disk, quota, I/O)."""
    import errno

    if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or "full" in str(exc):
        what = f"hết chỗ trống trên đĩa chứa {data} (no space left on device)"
    else:
        what = f"lỗi ghi/đọc đĩa: {getattr(exc, 'strerror', None) or exc} ({getattr(exc, 'filename', None) or data})"
    return (f"{what}. Đã dừng nhập; mọi phần đã ghi bền trước đó vẫn nguyên vẹn. Giải phóng dung lượng rồi chạy "
            "lại đúng lệnh này để tiếp tục (stopped; what was committed is intact; free space and re-run the "
            "same command to resume).")


def _writer_running(data: Path) -> bool:
    """True while another process holds the index's write lock (an import, crawl or reindex)."""
    index = data / "index"
    if not (index / "MAIN_WRITELOCK").exists():
        return False
    from whoosh.filedb.filestore import FileStorage

    lock = FileStorage(str(index)).lock("MAIN_WRITELOCK")
    if not lock.acquire(False):
        return True
    lock.release()
    return False


def run(args: argparse.Namespace) -> int:
    from index.check import check

    data = data_dir(args.data)
    if not data.is_dir():
        print(f"{PROG}: không có thư mục dữ liệu {data} (no such data directory)", file=sys.stderr)
        return 1
    if _writer_running(data):
        print(f"{PROG}: một tiến trình khác đang ghi chỉ mục {data / 'index'} (ví dụ `tracuu ingest`); hãy chạy "
              "lại khi nó kết thúc (index is being written)", file=sys.stderr)
        return 1
    report = check(data, keep_stored=args.repair)
    if args.json and not args.repair:
        print(json.dumps({"ok": report.ok, "captures": report.captures, "documents": report.documents,
                          "segments": report.segments, "unverified_files": len(report.unverified),
                          "problems": report.counts(),
                          "items": [{"kind": f.kind, "item": f.item, "detail": f.detail} for f in report.findings]},
                         ensure_ascii=False))
        return 0 if report.ok else 1
    print(report.text())
    if report.ok or not args.repair:
        if not report.ok:
            print("Chạy `tracuu check --repair` để dựng lại những gì dựng lại được (run with --repair).")
        return 0 if report.ok else 1
    from index.repair import repair
    from index.writer import IndexLocked

    try:
        result = repair(data, report, jobs=args.jobs)
    except IndexLocked as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    print(result.text())
    after = check(data)
    print("Sau khi sửa (after repair):")
    print(after.text())
    return 0 if after.ok else 1
