"""Reporting of an import or reindex run: the summary, the JSONL error report, the progress bar.

Why a module of its own: the import pipeline (:mod:`index.pipeline`), the rebuild
(:mod:`index.reindex`) and ``tracuu check`` report the same way, and each reads in one sitting.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest.sources import SourceError


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _reason_key(reason: str) -> str:
    """Group skip reasons for the summary: the English part in parentheses when there is one."""
    if "(" in reason and reason.rstrip().endswith(")"):
        return reason[reason.rfind("(") + 1:-1].strip() or reason
    return reason[:80]




@dataclass
class Summary:
    read: int = 0
    indexed: int = 0
    updated: int = 0
    unchanged: int = 0
    revisits: int = 0
    files_skipped: int = 0  # whole inputs already imported (checkpoint done)
    skipped: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    report_path: Path | None = None
    seconds: float = 0.0
    examples: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, item, reason), first few

    def example(self, kind: str, item: str | None, reason: str, limit: int = 20) -> None:
        if sum(1 for k, _, _ in self.examples if k == kind) < limit:
            self.examples.append((kind, item or "?", reason))

    @property
    def failures(self) -> int:
        return sum(self.failed.values())

    def to_dict(self) -> dict[str, object]:
        return {"read": self.read, "indexed": self.indexed, "updated": self.updated,
                "unchanged": self.unchanged, "revisits": self.revisits, "files_skipped": self.files_skipped,
                "skipped": dict(self.skipped), "failed": dict(self.failed),
                "error_report": str(self.report_path) if self.report_path else None,
                "seconds": round(self.seconds, 2)}

    def text(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        lines = [f"Đã đọc {self.read} trang/bản ghi (read) trong {self.seconds:.1f} s ({rate:.1f} trang/s)",
                 f"  lập chỉ mục mới (indexed): {self.indexed}",
                 f"  cập nhật (updated): {self.updated}",
                 f"  không đổi (unchanged): {self.unchanged}",
                 f"  revisit: {self.revisits}"]
        if self.files_skipped:
            lines.append(f"  tệp đã nhập trước đó, bỏ qua (inputs already imported): {self.files_skipped}")
        lines.append(f"  bỏ qua (skipped): {sum(self.skipped.values())}")
        lines += [f"    {k}: {v}" for k, v in self.skipped.most_common()]
        lines.append(f"  lỗi (failed): {self.failures}")
        lines += [f"    {k}: {v}" for k, v in self.failed.most_common()]
        if self.report_path and self.failures:
            lines.append(f"Báo cáo lỗi (error report): {self.report_path}")
        return "\n".join(lines)


class ErrorReport:
    """JSONL, one line per failure, created lazily under ``<data>/reports/``."""

    def __init__(self, data_dir: Path) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = data_dir / "reports" / f"errors-{stamp}-{os.getpid()}.jsonl"
        self._fh = None

    def write(self, err: SourceError) -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a", encoding="utf-8")
        self._fh.write(json.dumps({**err.to_dict(), "time": now_iso()}, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


class Progress:
    """A one-line progress bar on a terminal (files, records, pages/s, ETA by bytes)."""

    def __init__(self, enabled: bool | None = None, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.start = time.monotonic()
        self._last = 0.0
        self.files_total = self.files_done = 0
        self.bytes_total = self.bytes_done = 0
        self.records = 0

    def update(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.25:
            return
        self._last = now
        elapsed = max(now - self.start, 1e-6)
        rate = self.records / elapsed
        eta = "--:--"
        if self.bytes_total and self.bytes_done:
            remaining = elapsed * (self.bytes_total - self.bytes_done) / self.bytes_done
            eta = f"{int(remaining // 60):02d}:{int(remaining % 60):02d}"
        frac = self.bytes_done / self.bytes_total if self.bytes_total else 0.0
        bar = "#" * int(frac * 20)
        files = f"tệp {self.files_done}/{self.files_total} · " if self.files_total else ""
        self.stream.write(f"\r[{bar:<20}] {files}{self.records} bản ghi · {rate:.1f} trang/s · ETA {eta} ")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.update(force=True)
            self.stream.write("\n")
            self.stream.flush()
