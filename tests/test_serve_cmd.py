"""``tracuu serve`` and ``tracuu demo`` as a user runs them: a real waitress process on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO, run_tracuu
from tests.webcorpus import build_index, make_docs

SAMPLES = REPO / "tracuu" / "samples"


@contextmanager
def tracuu_server(*args: str, timeout: float = 300):
    """Start ``python -m tracuu ARGS``, yield the URL it prints, stop it afterwards."""
    proc = subprocess.Popen([sys.executable, "-m", "tracuu", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    try:
        url = None
        for line in proc.stdout:  # type: ignore[union-attr]
            if "http://" in line:
                url = line[line.index("http://"):].split()[0]
                break
        if url is None:
            raise AssertionError(f"server did not start: {proc.stderr.read()[-2000:]}")  # type: ignore[union-attr]
        yield url
    finally:
        watchdog.cancel()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.loads(resp.read())


def test_serve_refuses_a_data_dir_without_index(tmp_path):
    proc = run_tracuu("serve", "--data", str(tmp_path), "--port", "0", timeout=60)
    assert proc.returncode == 1
    assert "chưa có chỉ mục" in proc.stderr.decode()


def test_serve_binds_loopback_and_answers(tmp_path):
    build_index(tmp_path, make_docs(12))
    with tracuu_server("serve", "--data", str(tmp_path), "--port", "0") as url:
        assert url.startswith("http://127.0.0.1:")
        assert get_json(url + "api/v1/stats")["documents"] == 12
        body = get_json(url + "api/v1/search?q=cong+tac")
        assert body["total"] == 12
        with urllib.request.urlopen(url, timeout=30) as resp:
            assert resp.headers["Content-Security-Policy"] and b'lang="vi"' in resp.read()


def _worker_pids(url: str) -> set[int]:
    """Child processes of the server listening at ``url`` (Linux /proc)."""
    port = url.rstrip("/").rsplit(":", 1)[1]
    out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
    return {int(p.split("=")[1]) for p in out.replace(",", " ").split() if p.startswith("pid=")}


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc")
def test_serve_workers_share_the_port_and_stop_together(tmp_path):
    build_index(tmp_path, make_docs(12))
    with tracuu_server("serve", "--data", str(tmp_path), "--port", "0", "--workers", "2") as url:
        for i in range(12):  # every request answered, whichever process accepts it
            assert get_json(url + f"api/v1/search?q=cong+tac&page=1&per_page={i + 1}")["total"] == 12
        pids = _worker_pids(url)
        if not pids:
            pytest.skip("ss cannot show listening processes here")
        assert len(pids) == 2
    for pid in pids:  # SIGTERM to the parent stopped the worker too
        for _ in range(50):
            if not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]:
                break
            threading.Event().wait(0.1)
        else:
            raise AssertionError(f"worker {pid} still running")


def _samples_ready() -> bool:
    return SAMPLES.is_dir() and any(SAMPLES.rglob("*"))


@pytest.mark.skipif(not _samples_ready(), reason="tracuu/samples not on this branch yet")
def test_demo_serves_the_samples_and_finds_the_seed_page_first():
    with tracuu_server("demo", "--no-browser", "--port", "0") as url:
        body = get_json(url + "api/v1/search?q=cai+cach+hanh+chinh")
        assert body["total"] >= 1
        top = body["hits"][0]
        assert "cải cách hành chính" in top["title"].lower()
        assert "laichau" in (top["url"] or "") or "Lai Châu" in top["title"]
        stats = get_json(url + "api/v1/stats")
        assert stats["documents"] >= 30
        # the demo shows attachments: Word, text PDF, scanned PDF (OCRed when Tesseract is there), XLSX
        atts = get_json(url + "api/v1/search?kind=attachment&per_page=10")
        assert atts["total"] == 4
        assert {h["attachment"]["format"] for h in atts["hits"]} == {"docx", "pdf", "xlsx"}
        assert all(h["attachment"]["parents"] for h in atts["hits"])
        report = get_json(url + "api/v1/search?q=412%2FBC-UBND")["hits"][0]
        assert report["kind"] == "attachment" and report["attachment"]["number"] == "412/BC-UBND"


def test_demo_without_samples_is_a_clear_error(tmp_path: Path):
    proc = run_tracuu("demo", "--no-browser", "--samples", str(tmp_path / "none"), timeout=60)
    assert proc.returncode == 1 and "trang mẫu" in proc.stderr.decode()


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="needs Linux CPU affinity")
def test_serve_defaults_to_one_worker_per_available_core(tmp_path):
    build_index(tmp_path, make_docs(12))
    with tracuu_server("serve", "--data", str(tmp_path), "--port", "0") as url:
        for i in range(6):
            assert get_json(url + f"api/v1/search?q=cong+tac&per_page={i + 1}")["total"] == 12
        pids = _worker_pids(url)
        if not pids:
            pytest.skip("ss cannot show listening processes here")
        assert len(pids) == len(os.sched_getaffinity(0))
