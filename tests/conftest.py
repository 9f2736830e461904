"""Shared fixtures: the checkout root, ../shared material, portalgen sites and the CLI runner.

Tests that need ../shared (the corpus, portalgen, the case tables) skip cleanly when it is absent;
small committed fixtures in tests/fixtures keep the same checks running without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("TRACUU_SHARED", REPO.parent / "shared"))
PORTALGEN = SHARED / "portalgen" / "make_portal.py"
CORPUS = SHARED / "corpus" / "articles.jsonl.gz"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not available ({path})")
    return path


def make_portal(out: Path, pages: int, seed: str, families: str | None = None, warc: bool = False,
                attachments: str | None = None) -> Path:
    """Render a portalgen site into ``out`` (skips when ../shared is absent); ``attachments="rich"``
    for real DOCX/PDF/scan/XLSX attachments (needs fpdf2, Pillow and the Noto fonts)."""
    shared_path("portalgen", "make_portal.py")
    shared_path("corpus", "articles.jsonl.gz")
    cmd = [sys.executable, str(PORTALGEN), "--corpus", str(CORPUS), "--out", str(out),
           "--pages", str(pages), "--seed", seed]
    if families:
        cmd += ["--families", families]
    if warc:
        cmd.append("--warc")
    if attachments:
        cmd += ["--attachments", attachments]
    subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    return out


@pytest.fixture(scope="session")
def portal_400(tmp_path_factory) -> Path:
    """portalgen ``--pages 400 --seed 1`` with every family and WARC files (about 1 s)."""
    return make_portal(tmp_path_factory.mktemp("portal400"), 400, "1", warc=True)


def run_tracuu(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
               input: bytes | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``python -m tracuu ARGS`` against this checkout; returns the completed process (bytes)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "tracuu", *args], cwd=cwd, env=full_env,
                          capture_output=True, input=input, timeout=timeout)


@pytest.fixture
def tracuu_cli():
    return run_tracuu


# Real searchd clusters (issue 15): the session fixture `sphinx_cluster` and the Cluster class.
from tests.sphinx_cluster import sphinx_cluster  # noqa: E402,F401
