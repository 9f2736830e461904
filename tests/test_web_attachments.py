"""Attachments on the web: filters and facets, attachment hits with their PDF page, the attachment's
document page, and the download of the archived file (a download, never rendered)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from ingest.document import doc_id
from tests.samples_index import REPORT_PDF, SAMPLES, import_samples
from web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    data = import_samples(tmp_path_factory.mktemp("web-att"))
    app = create_app({"DATA": str(data), "TESTING": True})
    return app.test_client()


def test_api_attachment_hits_filters_and_facets(client):
    r = client.get("/api/v1/search?q=412/BC-UBND")
    assert r.status_code == 200
    first = r.get_json()["hits"][0]
    assert first["kind"] == "attachment" and first["url"] == REPORT_PDF["url"]
    att = first["attachment"]
    assert (att["number"], att["doc_type"], att["format"], att["pages"]) == ("412/BC-UBND", "Báo cáo", "pdf", 2)
    assert att["parents"] and att["parents"][0]["url"] == REPORT_PDF["of"]
    # a phrase from the PDF's second page: the hit says so
    hit = client.get("/api/v1/search?q=số+hóa+hồ+sơ+lưu+trữ&kind=attachment").get_json()["hits"][0]
    assert hit["url"] == REPORT_PDF["url"] and hit["attachment"]["page"] == 2 and "<mark>" in hit["snippet"]
    only = client.get("/api/v1/search?kind=attachment&per_page=20").get_json()
    assert only["total"] == 4 and {h["kind"] for h in only["hits"]} == {"attachment"}
    assert dict(only["facets"]["doctype"]) == {"Quyết định": 2, "Báo cáo": 2}
    assert {v for v, _n in only["facets"]["format"]} == {"pdf", "docx", "xlsx"}
    decisions = client.get("/api/v1/search?doctype=Quyết+định").get_json()
    assert decisions["total"] == 2
    pages = client.get("/api/v1/search?kind=page&per_page=1").get_json()
    assert pages["total"] > 30 and pages["hits"][0]["kind"] == "page"
    bad = client.get("/api/v1/search?kind=tep")
    assert bad.status_code == 400 and bad.headers["Content-Type"].startswith("application/problem+json")
    assert "kind" in bad.get_data(as_text=True)


def test_search_page_shows_the_pdf_page_and_the_parent(client):
    html = client.get("/?q=số+hóa+hồ+sơ+lưu+trữ").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    result = soup.select_one("li.result-attachment")
    assert result is not None
    assert "412/BC-UBND" in result.get_text() and "PDF" in result.select_one(".badge.format").get_text()
    ref = result.select_one("a.pdf-page-ref")
    assert ref.get_text() == "Trang 2" and ref["href"].endswith("#trang-2")
    assert "Đăng kèm trang" in result.select_one("p.parents").get_text()
    # the checkbox "Chỉ văn bản đính kèm" and its chip
    html = client.get("/?q=quyết+định&kind=attachment").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('input[name="kind"][value="attachment"]').has_attr("checked")
    assert all("result-attachment" in li["class"] for li in soup.select("li.result"))
    assert "Chỉ văn bản đính kèm" in soup.get_text()


def test_attachment_document_page(client):
    r = client.get(f"/doc/{doc_id(REPORT_PDF['url'])}")
    assert r.status_code == 200
    soup = BeautifulSoup(r.get_data(as_text=True), "html.parser")
    rows = {th.get_text(): td.get_text() for th, td in
            ((tr.th, tr.td) for tr in soup.select("table.meta-table tr"))}
    assert rows["Số, ký hiệu"] == "412/BC-UBND" and rows["Loại văn bản"] == "Báo cáo"
    assert rows["Ngày ban hành"] == "20/12/2018" and "LAI CHÂU" in rows["Cơ quan ban hành"]
    assert rows["Người ký"] == "Đỗ Ngọc An" and rows["Số trang"] == "2"
    pages = soup.select("section.pdf-page")
    assert [p["id"] for p in pages] == ["trang-1", "trang-2"]
    assert "TỒN TẠI, HẠN CHẾ" in pages[1].get_text()
    parents = soup.select("#parents li a")
    assert parents and parents[0]["href"].startswith(f"/doc/{doc_id(REPORT_PDF['of'])}")
    assert soup.select_one("p.download a")["href"] == f"/doc/{doc_id(REPORT_PDF['url'])}/tep"
    # the parent page links our archived copy
    page = BeautifulSoup(client.get(f"/doc/{doc_id(REPORT_PDF['of'])}").get_data(as_text=True), "html.parser")
    local = [a["href"] for a in page.select("ul.attachments a")]
    assert f"/doc/{doc_id(REPORT_PDF['url'])}" in local


def test_download_is_the_archived_file_as_an_attachment(client):
    r = client.get(f"/doc/{doc_id(REPORT_PDF['url'])}/tep")
    assert r.status_code == 200
    assert r.data == (SAMPLES / REPORT_PDF["file"]).read_bytes()
    assert r.headers["Content-Type"] == "application/pdf"
    disp = r.headers["Content-Disposition"]
    assert disp.startswith("attachment;") and 'filename="bao_cao_so_412_bc_ubnd_ngay_20_12_2018_cua_ubnd.pdf"' in disp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in r.headers["Content-Security-Policy"]
    # a page is not a file; an unknown id is a 404
    assert client.get(f"/doc/{doc_id(REPORT_PDF['of'])}/tep").status_code == 404
    assert client.get("/doc/0123456789abcdef/tep").status_code == 404


def test_markup_is_never_served_as_html():
    from web.attachments import content_type_for, disposition

    assert content_type_for("pdf", b"<!DOCTYPE html><html><script>alert(1)</script>") == "application/octet-stream"
    assert content_type_for("pdf", b"  <svg onload=alert(1)>") == "application/octet-stream"
    assert content_type_for("docx", b"PK\x03\x04...") == TYPES_DOCX
    d = disposition('Báo cáo "số" 12.pdf')
    assert d.startswith("attachment; filename=\"") and "filename*=UTF-8''B%C3%A1o" in d
    assert re.search(r'filename="[^"]*"', d).group(0).isascii()


TYPES_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
