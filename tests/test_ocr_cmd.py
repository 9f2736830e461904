"""``tracuu ocr``: an import without OCR records the scan "cần OCR" (indexed by its metadata and
link), and the command fills its text in later from the archive, with no network and no inputs."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import run_tracuu
from tests.samples_index import MANIFEST, SAMPLES

SCAN = next(a for a in MANIFEST["assets"] if a.get("attachment", {}).get("scanned"))


def test_scan_recorded_then_ocred_later(tmp_path):
    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed")
    data = tmp_path / "data"
    warc = SAMPLES / MANIFEST["warc"]["file"]
    res = run_tracuu("ingest", str(warc), "--data", str(data), "--jobs", "1", "--no-ocr", timeout=600)
    out = res.stdout.decode()
    assert res.returncode == 0, res.stderr.decode()
    assert "1 tệp cần OCR" in out and "tracuu ocr" in out
    res = run_tracuu("search", "312/QĐ-UBND", "--json", "--data", str(data))
    hits = json.loads(res.stdout)["hits"]
    assert hits and hits[0]["url"] == SCAN["url"] and hits[0]["attachment"]["needs_ocr"]
    # the scan's words are not searchable yet
    words = "danh mục 214 thủ tục hành chính tiếp nhận tại Bộ phận Một cửa cấp huyện"
    res = run_tracuu("search", words, "--json", "--data", str(data), "--limit", "3")
    assert SCAN["url"] not in [h["url"] for h in json.loads(res.stdout)["hits"]]

    res = run_tracuu("ocr", "--data", str(data), timeout=600)
    assert res.returncode == 0, res.stdout.decode() + res.stderr.decode()
    assert "đã OCR và lập chỉ mục lại (filled in): 1" in res.stdout.decode()
    res = run_tracuu("search", words, "--json", "--data", str(data), "--limit", "3")
    hit = json.loads(res.stdout)["hits"][0]
    assert hit["url"] == SCAN["url"] and not hit["attachment"]["needs_ocr"]
    assert hit["attachment"]["parents"]  # still knows the page that links it
    res = run_tracuu("ocr", "--data", str(data))
    assert res.returncode == 0 and "(attachments needing OCR): 0" in res.stdout.decode()
