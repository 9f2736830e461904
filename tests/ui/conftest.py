"""Browser-test fixtures: a small real index, the app in a thread on 127.0.0.1, Debian's Chromium.

Playwright drives ``/usr/bin/chromium`` through ``executable_path`` (never ``playwright install``).
Without Chromium the tests skip, unless ``TRACUU_REQUIRE_BROWSER=1`` (CI), where they fail.
Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import hashlib
import os
import threading
from datetime import datetime
from pathlib import Path

import pytest

from ingest.document import VN_TZ, Document, LinkItem, Source
from tests.conftest import REPO
from tests.webcorpus import build_index, make_docs, url_for_doc

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "test-artifacts"

XSS_TITLE = 'Thông báo khẩn <script>window.__xss="title"</script><img src=x onerror="window.__xss=\'img\'">'
XSS_BODY = ('Nội dung thông báo khẩn có mã độc <script>window.__xss="body"</script> và '
            '<a href="javascript:window.__xss=\'link\'">liên kết</a>.')


def xss_doc() -> Document:
    payload = (XSS_TITLE + XSS_BODY).encode()
    return Document(
        url="https://hostile.gov.vn/thong-bao-khan.html", site="hostile.gov.vn", kind="article",
        title=XSS_TITLE, published=datetime(2021, 3, 4, 8, 30, tzinfo=VN_TZ),
        category=["Thông báo", "<b>Chuyên mục</b>"], summary="<i>tóm tắt</i>", body=XSS_BODY,
        related=[LinkItem("<script>x</script> liên quan", "javascript:alert(1)", None),
                 LinkItem("Bài thường", url_for_doc("cchc.laichau.gov.vn", 0), None)],
        source=Source(path="hostile/thong-bao-khan.html", bytes=len(payload),
                      sha256=hashlib.sha256(payload).hexdigest(), encoding="utf-8"),
    )


@pytest.fixture(scope="session")
def ui_data(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("ui-index"), make_docs(60) + [xss_doc()])


@pytest.fixture(scope="session")
def live_server(ui_data):
    from werkzeug.serving import make_server

    from web import create_app

    app = create_app({"DATA": str(ui_data), "TESTING": True})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("TRACUU_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is required (TRACUU_REQUIRE_BROWSER=1): apt-get install chromium")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def ui_page(chromium):
    context = chromium.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
