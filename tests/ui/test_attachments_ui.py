"""In real Chromium: an attachment hit shows its type, number and PDF page, and leads to that page
of the attachment's document page; "Chỉ văn bản đính kèm" keeps only attachments."""

from __future__ import annotations

import threading
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.samples_index import import_samples


@pytest.fixture(scope="module")
def samples_server(tmp_path_factory):
    from werkzeug.serving import make_server

    from web import create_app

    data = import_samples(tmp_path_factory.mktemp("ui-att"))
    app = create_app({"DATA": str(data), "TESTING": True})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def test_attachment_hit_with_its_pdf_page(ui_page, samples_server, shot):
    page = ui_page
    page.goto(samples_server + "/")
    page.fill("#q", "số hóa hồ sơ lưu trữ")
    page.press("#q", "Enter")
    hit = page.locator("li.result-attachment").first
    hit.wait_for()
    assert "412/BC-UBND" in hit.inner_text()
    assert hit.locator(".badge.format").first.inner_text() == "PDF"
    ref = hit.locator("a.pdf-page-ref")
    assert ref.inner_text() == "Trang 2"
    assert hit.locator("mark").count() >= 2
    shot(page, "attachment-hit")

    ref.click()
    page.wait_for_url("**/doc/**#trang-2")
    assert page.locator("h1").inner_text().startswith("Báo cáo 412/BC-UBND")
    second = page.locator("section#trang-2")
    assert "TỒN TẠI, HẠN CHẾ" in second.inner_text()
    # the browser scrolled to the PDF's second page
    top = page.evaluate("document.getElementById('trang-2').getBoundingClientRect().top")
    assert -2 <= top < 300  # sub-pixel scroll offsets
    assert page.locator("table.meta-table").inner_text().count("412/BC-UBND") == 1
    download = page.locator("p.download a")
    assert download.get_attribute("href").endswith("/tep")
    shot(page, "attachment-document")

    # back on the search page, only attachments
    page.go_back()
    page.check('input[name="kind"][value="attachment"]')
    page.press("#q", "Enter")
    page.wait_for_url("**kind=attachment**")
    assert parse_qs(urlsplit(page.url).query)["kind"] == ["attachment"]
    results = page.locator("li.result")
    assert results.count() >= 1 and results.count() == page.locator("li.result-attachment").count()
    assert page.dialogs == []
