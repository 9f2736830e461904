"""``tracuu parse --jobs``: a pool of parser processes changes nothing a user sees but the time.

Same documents, same order, same stderr lines (skipped files, undecodable-bytes warnings, walk
problems in their place), same exit status, with one process and with several; ``--jobs 0`` is
a usage error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, run_tracuu


def _folder(tmp_path: Path) -> Path:
    """More files than MIN_FILES_FOR_POOL: every fixture page, a skipped image, a bad UTF-8 page."""
    d = tmp_path / "site"
    d.mkdir()
    pages = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix.lower() in (".html", ".htm", ".aspx"))
    for i, p in enumerate(pages):
        sub = d / f"s{i % 3}"
        sub.mkdir(exist_ok=True)
        shutil.copy(p, sub / f"{i:03d}-{p.name}")
    (d / "s1" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (d / "s2" / "bad.html").write_bytes("<html><body><p>Tin tức về cải cách hành chính ".encode() * 20
                                        + b"\xff\xfe mojibake</p></body></html>")
    (d / "empty.html").write_bytes(b"")
    assert len(pages) >= 20
    return d


def test_jobs_change_nothing_but_the_time(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    one = run_tracuu("parse", str(d), "--jobs", "1")
    two = run_tracuu("parse", str(d), "--jobs", "2")
    default = run_tracuu("parse", str(d))
    assert one.returncode == 1  # the image and the empty file are skipped
    assert one.stdout.count(b"\n") >= 20
    for other in (two, default):
        assert other.returncode == one.returncode
        assert other.stdout == one.stdout
        assert other.stderr == one.stderr
    err = one.stderr.decode()
    assert "logo.png" in err and "empty.html" in err and "U+FFFD" in err


def test_jobs_with_json_array_and_explain(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    for extra in (["--format", "json"], ["--explain"], ["--explain", "--format", "jsonl"]):
        one = run_tracuu("parse", str(d), "--jobs", "1", *extra)
        two = run_tracuu("parse", str(d), "--jobs", "2", *extra)
        assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr), extra


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    proc = run_tracuu("parse", str(FIXTURES / "seed"), "--jobs", "0")
    assert proc.returncode == 2 and b"--jobs" in proc.stderr
