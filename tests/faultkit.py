"""Helpers for the fault tests: a generated portal, the document set of a data directory, and
runs of the real ``tracuu`` command (as a subprocess, so the tests hold whatever the writer
does inside).

The pages are written here (seeded, deterministic): an ASP.NET-like news portal on one
``.gov.vn`` host with titles, dates in ``dd/mm/yyyy``, a breadcrumb and a few paragraphs drawn
from a small Vietnamese vocabulary, so every page is an article the parser keeps.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

from tests.conftest import REPO, run_tracuu

HOST = "sonv.thuthu.gov.vn"
#: words every page uses, and one topic's words per page, so a query matches a realistic share of
#: the pages (a handful of topics), not all of them
COMMON = ("ủy ban nhân dân, tỉnh, huyện, xã, phường, kế hoạch, báo cáo, quý, năm, triển khai, thực hiện, "
          "nâng cao, chất lượng, người dân, doanh nghiệp, kết quả").split(", ")
TOPICS = [
    "cải cách hành chính, thủ tục, hồ sơ, một cửa, liên thông, giải quyết, đúng hạn, trễ hạn".split(", "),
    "chuyển đổi số, phần mềm, cổng thông tin, điện tử, chữ ký số, số hóa, dữ liệu, nền tảng".split(", "),
    "công chức, viên chức, tuyển dụng, đào tạo, bồi dưỡng, thi tuyển, biên chế, vị trí việc làm".split(", "),
    "phòng chống, thiên tai, mưa lũ, sạt lở, cứu hộ, di dời, khắc phục, hồ chứa".split(", "),
    "nông thôn mới, nông nghiệp, hợp tác xã, giống cây, chăn nuôi, thủy lợi, tiêu thụ, nông sản".split(", "),
    "giáo dục, trường học, học sinh, giáo viên, kỳ thi, tốt nghiệp, sách giáo khoa, học bổng".split(", "),
    "y tế, bệnh viện, tiêm chủng, dịch bệnh, khám chữa bệnh, bảo hiểm y tế, trạm y tế, thuốc".split(", "),
    "an toàn thông tin, mã độc, tấn công mạng, sao lưu, giám sát, sự cố, bảo mật, tường lửa".split(", "),
    "khảo sát, hài lòng, hội nghị, sơ kết, tổng kết, tiếp công dân, khiếu nại, tố cáo".split(", "),
    "quyết định, công văn, hướng dẫn, thông báo, lịch làm việc, nghị định, thông tư, chỉ thị".split(", "),
]
CATEGORIES = [("Tin tức", "Trong tỉnh"), ("Tin tức", "Trong nước"), ("Văn bản", "Chỉ đạo điều hành"),
              ("Cải cách hành chính", "Kết quả")]


def page_html(i: int, rng: random.Random) -> str:
    topic = TOPICS[i % len(TOPICS)]

    def word() -> str:
        return rng.choice(topic) if rng.random() < 0.4 else rng.choice(COMMON)

    words = [rng.choice(topic)] + [word() for _ in range(rng.randint(4, 8))]
    title = f"{words[0].capitalize()} {' '.join(words[1:])} số {i}"
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2025)
    cat = CATEGORIES[i % len(CATEGORIES)]
    paras = []
    for _ in range(rng.randint(3, 6)):
        sent = " ".join(word() for _ in range(rng.randint(25, 60)))
        paras.append(f"<p>{sent.capitalize()}; văn bản số {rng.randint(1, 999)}/{year}/QĐ-UBND.</p>")
    body = "\n".join(paras)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title} - Sở Nội vụ tỉnh Thu Thủ</title></head>
<body><div class="header"><a href="/">Cổng thông tin điện tử Sở Nội vụ</a></div>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/c/{i % 4}">{cat[0]}</a> &gt; <span>{cat[1]}</span></div>
<div class="article"><h1 class="title">{title}</h1>
<div class="date">Ngày đăng: {day:02d}/{month:02d}/{year}</div>
<div class="content">{body}</div></div>
<div class="footer">Bản quyền thuộc Sở Nội vụ tỉnh Thu Thủ</div></body></html>
"""


def write_portal(out: Path, pages: int, seed: int = 14) -> Path:
    """``pages`` articles under ``out/<HOST>/tin-tuc/`` (the folder name gives their URLs)."""
    rng = random.Random(seed)
    root = out / HOST / "tin-tuc"
    root.mkdir(parents=True, exist_ok=True)
    for i in range(pages):
        (root / f"bai-{i:05d}.html").write_text(page_html(i, rng), encoding="utf-8")
    return out


def doc_set(data: Path) -> dict[str, str]:
    """``{url: digest of the stored document without its source}`` of the index in ``data``."""
    code = (
        "import sys, json, hashlib\n"
        "from whoosh import index\n"
        "ix = index.open_dir(sys.argv[1])\n"
        "out = {}\n"
        "with ix.searcher() as s:\n"
        "    for f in s.all_stored_fields():\n"
        "        d = json.loads(f['doc']); d.pop('source', None)\n"
        "        out[f['url']] = hashlib.sha1(json.dumps(d, sort_keys=True).encode()).hexdigest()\n"
        "print(json.dumps(out))\n")
    res = subprocess.run([sys.executable, "-c", code, str(data / "index")], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
    return json.loads(res.stdout)


def ingest(data: Path, src: Path, *extra: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return run_tracuu("ingest", "--data", str(data), str(src), *extra, timeout=timeout)


def check(data: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_tracuu("check", "--data", str(data), *extra)


def out(res: subprocess.CompletedProcess) -> str:
    return res.stdout.decode("utf-8", "replace") + res.stderr.decode("utf-8", "replace")


_CACHE = Path(os.environ.get("TMPDIR", "/tmp")) / f"tracuu-faults-{os.getpid()}"


@cache
def undisturbed(pages: int, commit_every: int) -> tuple[Path, dict[str, str]]:
    """A generated portal of ``pages`` pages and the document set an undisturbed import gives it
    (computed once per test session)."""
    base = _CACHE / f"p{pages}-c{commit_every}"
    shutil.rmtree(base, ignore_errors=True)
    src = write_portal(base / "src", pages)
    res = ingest(base / "data", src, "--commit-every", str(commit_every))
    assert res.returncode == 0, out(res)
    docs = doc_set(base / "data")
    assert len(docs) == pages, f"{len(docs)} documents from {pages} pages"
    return src, docs


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def run_patched(data: Path, src: Path, patch: str, *extra: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """``tracuu ingest`` with ``patch`` (Python source) run first in the same process: how a test
    places a ``kill -9`` at an exact point (a merge, a catalog commit) of a real import."""
    code = (f"{patch}\nimport sys\nfrom tracuu.cli import main\n"
            f"sys.exit(main(['ingest', '--data', {str(data)!r}, {str(src)!r}, *{list(extra)!r}]))\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()
