"""Checksums of the index's segment files, recorded at commit, verified by ``tracuu check``.

Why: Whoosh keeps no checksums. A segment file cut short by a full disk or a bad copy, or with a
flipped block, opens fine and answers searches wrongly (or crashes a searcher later). Segment
files are written once and never changed (a merge writes a new segment and drops the old ones), so
a checksum taken right after the commit that wrote them stays valid for the file's life.

``<index>/CHECKSUMS.json`` maps each file name to ``[size, crc32]``. :func:`record` is called after
every commit (:mod:`index.writer`): it checksums only files it has not seen (each commit reads just
the new segment) and forgets files that are gone, and it is written atomically (temp file +
rename). A failure to record never fails the commit it follows: the documents are durable, and a
file without an entry is reported by ``tracuu check`` as unverified, not as damaged.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import zlib
from pathlib import Path

log = logging.getLogger(__name__)

MANIFEST = "CHECKSUMS.json"
#: Whoosh's own bookkeeping in the index folder: the lock and the tables of contents (rewritten
#: by each commit, and read whole on open, where damage shows at once).
_SKIP_PREFIXES = ("_", ".")
_SKIP_NAMES = {MANIFEST, "MAIN_WRITELOCK", "MAIN_READLOCK"}


def crc32_of(path: Path, chunk: int = 1 << 20) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            crc = zlib.crc32(block, crc)
    return crc


def segment_files(index_path: Path) -> list[Path]:
    """The files of the index folder that belong to segments (not the TOC, lock or manifest)."""
    return sorted(p for p in index_path.iterdir()
                  if p.is_file() and not p.name.startswith(_SKIP_PREFIXES) and p.name not in _SKIP_NAMES
                  and ".tmp" not in p.name)


def load(index_path: Path | str) -> dict[str, list[int]]:
    """The recorded ``{name: [size, crc32]}``; empty when there is none or it is unreadable."""
    try:
        data = json.loads((Path(index_path) / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): [int(v[0]), int(v[1])] for k, v in data.get("files", {}).items()}
    except (OSError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        return {}


def record(index_path: Path | str) -> None:
    """Add entries for new segment files and drop those of deleted ones (after a commit)."""
    path = Path(index_path)
    try:
        known = load(path)
        current = {p.name: p for p in segment_files(path)}
        files = {name: known[name] for name in current if name in known}
        for name, p in current.items():
            if name not in files:
                files[name] = [p.stat().st_size, crc32_of(p)]
        fd, tmp = tempfile.mkstemp(dir=path, prefix=".checksums-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"algorithm": "crc32", "files": files}, fh, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path / MANIFEST)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:  # e.g. a full disk: the commit itself stands
        log.warning("không ghi được mã kiểm tra của chỉ mục %s: %s (index checksums not recorded)", path, exc)


def verify(index_path: Path | str, names: list[str]) -> tuple[dict[str, str], list[str]]:
    """Check the named files: ``({name: problem}, [names without a recorded checksum])``."""
    path = Path(index_path)
    known = load(path)
    problems: dict[str, str] = {}
    unverified: list[str] = []
    for name in names:
        p = path / name
        if not p.exists():
            problems[name] = "thiếu tệp (missing file)"
            continue
        if name not in known:
            unverified.append(name)
            continue
        size, crc = known[name]
        actual = p.stat().st_size
        if actual != size:
            problems[name] = f"kích thước {actual} byte, đã ghi {size} byte (truncated or grown)"
        elif crc32_of(p) != crc:
            problems[name] = "sai mã kiểm tra CRC32 (checksum mismatch)"
    return problems, unverified
