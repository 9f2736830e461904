"""A ballast file that keeps room on the data disk for the catalog's last commit.

Why: the index and the catalog commit one after the other. When the disk fills up, the index
commit (large: whole segments) nearly always fails first and nothing is committed, which is
consistent. But should the index commit just fit and the catalog's small commit then find the disk
full, the index would hold pages the catalog does not know, until the import is re-run. The
ballast (``<data>/.space-reserve``, a few MB of real blocks) is released right before the
catalog commits whenever free space has run low, so that commit always has room; the next import
puts it back when there is space again. Filesystems reserve blocks for root the same way.

The ballast is put back after every commit, not only when an import starts, and needs only its
own size plus a little headroom to be created: on a small disk it is otherwise released at the
first commit and never returns, and the next run's index commit can then take the very room the
catalog's commit needed (an index listing pages the catalog has never heard of).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger(__name__)

NAME = ".space-reserve"
SIZE = 4 * 1024 * 1024
#: room left free after creating the ballast (the import must still be able to make progress)
HEADROOM = 1024 * 1024


class SpaceReserve:
    def __init__(self, data_dir: Path | str, size: int = SIZE) -> None:
        self.path = Path(data_dir) / NAME
        self.size = size

    def ensure(self) -> None:
        """Create the ballast if it is missing and the disk has room for it and some headroom
        (called when an import starts and after each commit, which may have released it)."""
        try:
            if self.path.exists() or shutil.disk_usage(self.path.parent).free < self.size + HEADROOM:
                return
            with open(self.path, "wb") as fh:
                block = b"\0" * (1 << 20)
                for _ in range(self.size // len(block)):
                    fh.write(block)  # written, not sparse: the blocks must really be taken
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            self.path.unlink(missing_ok=True)
            log.debug("no space reserve in %s: %s", self.path.parent, exc)

    def release_if_low(self) -> None:
        """Give the ballast's room back when less than its size is free."""
        try:
            if self.path.exists() and shutil.disk_usage(self.path.parent).free < self.size:
                self.path.unlink()
                log.warning("đĩa sắp đầy: đã dùng phần dự trữ %s để ghi danh mục (disk almost full)", self.path)
        except OSError as exc:  # pragma: no cover - nothing more to do
            log.debug("space reserve: %s", exc)
