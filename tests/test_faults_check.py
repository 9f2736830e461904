"""``tracuu check`` finds the damage a data directory can suffer, and ``--repair`` brings back
every document whose raw bytes still exist (issue 14, acceptance 2).

Each test imports the same generated portal as an undisturbed run, damages the copy (a truncated
segment file, a truncated catalog, a deleted archive file, a flipped byte), and compares the
document set after ``--repair`` with the undisturbed one. They drive the real command, so they
stay valid whatever the index writer does inside; re-run them when the writer changes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.faultkit import HOST, check, doc_set, ingest, out, undisturbed

PAGES = 240
COMMIT = 60


@pytest.fixture
def healthy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    src, docs = undisturbed(PAGES, COMMIT)
    data = tmp_path / "data"
    res = ingest(data, src, "--commit-every", str(COMMIT))
    assert res.returncode == 0, out(res)
    return data, docs


def _segment_files(data: Path, ext: str) -> list[Path]:
    return sorted((data / "index").glob(f"MAIN_*{ext}"), key=lambda p: p.stat().st_size, reverse=True)


def _blobs(data: Path) -> list[Path]:
    return sorted((data / "archive" / "blobs").glob("*/*/*.gz"))


def test_healthy_directory_prints_nothing_wrong_and_exits_0(healthy):
    data, docs = healthy
    res = check(data)
    text = out(res)
    assert res.returncode == 0, text
    assert "Không phát hiện lỗi nào" in text
    assert f"{len(docs)} tài liệu trong chỉ mục" in text
    assert "chưa có mã kiểm tra" not in text  # every segment file got its checksum at commit
    res = check(data, "--json")
    assert res.returncode == 0 and b'"ok": true' in res.stdout


def test_truncated_segment_file_is_named_and_repair_restores_every_document(healthy):
    data, docs = healthy
    victim = _segment_files(data, ".trm")[0]
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 3])
    res = check(data)
    text = out(res)
    assert res.returncode == 1, text
    assert "tệp phân đoạn chỉ mục hỏng" in text and victim.name in text
    res = check(data, "--repair")
    assert res.returncode == 0, out(res)
    assert doc_set(data) == docs
    assert check(data).returncode == 0


def test_flipped_byte_in_postings_is_a_checksum_mismatch(healthy):
    data, docs = healthy
    victim = _segment_files(data, ".pst")[0]
    raw = bytearray(victim.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    victim.write_bytes(bytes(raw))
    res = check(data)
    assert res.returncode == 1 and "sai mã kiểm tra" in out(res) and victim.name in out(res)
    assert check(data, "--repair").returncode == 0
    assert doc_set(data) == docs


def test_truncated_catalog_is_named_and_repair_rebuilds_it(healthy):
    data, docs = healthy
    cat = data / "catalog.sqlite"
    cat.write_bytes(cat.read_bytes()[: cat.stat().st_size // 2])
    res = check(data)
    text = out(res)
    assert res.returncode == 1, text
    assert "danh mục (catalog.sqlite) không đọc được" in text
    res = check(data, "--repair")
    text = out(res)
    assert res.returncode == 0, text
    assert "dựng lại danh mục" in text
    assert doc_set(data) == docs
    assert list((data / "damaged").glob("*/catalog.sqlite")), "the damaged catalog is kept aside"
    # the rebuilt catalog knows every page: importing the same folder again adds nothing
    src, _ = undisturbed(PAGES, COMMIT)
    res = ingest(data, src)
    assert res.returncode == 0, out(res)
    assert "lập chỉ mục mới (indexed): 0" in out(res)
    assert doc_set(data) == docs and check(data).returncode == 0


def test_deleted_archive_file_is_named_and_cannot_be_rebuilt_but_its_text_stays(healthy):
    data, docs = healthy
    victim = _blobs(data)[0]
    victim.unlink()
    res = check(data)
    text = out(res)
    assert res.returncode == 1, text
    assert "bản lưu của bản thu không còn trong kho" in text and victim.name[:-3] in text
    assert f"https://{HOST}/tin-tuc/" in text  # the page is named by its URL
    # the index is also damaged: the rebuild must keep the page whose bytes are gone
    trm = _segment_files(data, ".trm")[0]
    trm.write_bytes(trm.read_bytes()[:100])
    res = check(data, "--repair")
    text = out(res)
    assert res.returncode == 1, text  # the lost bytes are still lost, and said so
    assert "Không khôi phục được" in text and victim.name[:-3] in text
    assert doc_set(data) == docs  # every document: from the archive, or its text from the old index
    after = out(check(data))
    assert "tệp phân đoạn chỉ mục hỏng" not in after and "chưa có mã kiểm tra" not in after, after
    assert "Phát hiện 1 lỗi" in after and "(archived payload missing): 1" in after, after


def test_catalog_rows_come_back_from_our_warc_files(tmp_path):
    """Pages fetched by tracuu live in its own WARC files: a lost catalog is rebuilt from them."""
    from tests.faultkit import write_portal
    from tests.httpsite import SiteServer

    site = write_portal(tmp_path / "site", 30)
    with SiteServer(root=site / HOST) as server:
        urls = tmp_path / "urls.txt"
        urls.write_text("\n".join(f"{server.url}/tin-tuc/bai-{i:05d}.html" for i in range(30)) + "\n")
        data = tmp_path / "data"
        from tests.conftest import run_tracuu

        res = run_tracuu("ingest", "--data", str(data), "--urls", str(urls), "--delay", "0")
        assert res.returncode == 0, out(res)
    docs = doc_set(data)
    assert len(docs) == 30
    (data / "catalog.sqlite").unlink()
    shutil.rmtree(data / "index")
    res = check(data)
    assert res.returncode == 1 and "danh mục (catalog.sqlite) không đọc được" in out(res), out(res)
    res = check(data, "--repair")
    assert res.returncode == 0, out(res)
    assert "30 từ tệp WARC" in out(res)
    assert doc_set(data) == docs
