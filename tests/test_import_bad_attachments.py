"""Hostile and broken attachments at the import level, and attachment URLs on private addresses.

Each bad file must cost only itself: one clear line in the JSONL error report naming it, the page
that links it and every other attachment still indexed, the import finishing, and exit status 1.
The files are made here (python-docx, pypdf), written for the project.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_tracuu
from tests.httpsite import SiteServer

HOST = "sotest.gov.vn"


def good_docx() -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "SỞ NỘI VỤ", "Số: 583/TB-SNV", "Lai Châu, ngày 16 tháng 7 năm 2018",
                 "THÔNG BÁO", "Về việc tuyển dụng viên chức năm 2018",
                 "Sở Nội vụ thông báo kỳ xét tuyển viên chức sự nghiệp giáo dục của tỉnh.", "GIÁM ĐỐC",
                 "Trần Văn Bình"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    w = pypdf.PdfWriter()
    w.add_blank_page(width=595, height=842)
    w.encrypt(user_password="matkhau", owner_password="matkhau")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def zip_bomb_docx() -> bytes:
    """A DOCX whose document.xml inflates to 400 MB of zeros (a few hundred KB on disk)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(400):
                fh.write(block)
    return buf.getvalue()


BAD = {
    "loi-404.pdf": b"<!DOCTYPE html><html><head><title>404</title></head><body>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y"
                   b"</body></html>",
    "cat-ngang.docx": None,  # filled in: a truncated DOCX
    "khoa.pdf": None,  # encrypted PDF
    "bom.docx": None,  # zip bomb
    "that-ra-rtf.doc": b"{\\rtf1\\ansi T\\u224?i li\\u7879?u RTF \\u273?\\u7863?t t\\u234?n .doc}",
}


def page_html(links: list[tuple[str, str]], extra: str = "") -> bytes:
    items = "".join(f'<li><a href="{href}">{title}</a></li>' for href, title in links)
    return (f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Thông báo tuyển dụng</title>"
            f"</head><body>{extra}<h1>Thông báo tuyển dụng viên chức năm 2018</h1><div class=\"content\">"
            "<p>Ngày đăng: 16/07/2018 09:00</p><p>Sở Nội vụ thông báo tuyển dụng viên chức năm 2018; hồ sơ nhận "
            "tại bộ phận một cửa của sở trong giờ hành chính các ngày làm việc.</p>"
            f"<p>File đính kèm:</p><ul>{items}</ul></div></body></html>").encode()


@pytest.fixture(scope="module")
def mirror(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad") / HOST
    files = dict(BAD)
    good = good_docx()
    files["cat-ngang.docx"] = good[: len(good) // 2]
    files["khoa.pdf"] = encrypted_pdf()
    files["bom.docx"] = zip_bomb_docx()
    files["tb-583.docx"] = good
    (root / "upload").mkdir(parents=True)
    for name, data in files.items():
        (root / "upload" / name).write_bytes(data)
    links = [(f"/upload/{n}", f"Tệp {n}") for n in sorted(files)]
    (root / "tin").mkdir()
    (root / "tin" / "tuyen-dung-2018.html").write_bytes(page_html(links))
    return root


def index_docs(data: Path) -> list[dict]:
    from whoosh import index as wi

    ix = wi.open_dir(str(data / "index"))
    with ix.searcher() as s:
        return [json.loads(f["doc"]) for f in s.all_stored_fields()]


def test_each_bad_attachment_costs_only_itself(mirror, tmp_path):
    data = tmp_path / "data"
    res = run_tracuu("ingest", str(mirror.parent), "--data", str(data), "--jobs", "2", "--no-ocr", timeout=900)
    out, err = res.stdout.decode(), res.stderr.decode()
    assert res.returncode == 1, out + err  # something was skipped: the exit status says so
    report = next((data / "reports").glob("errors-*.jsonl"))
    lines = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
    by_name = {}
    for line in lines:
        name = (line["url"] or "").rsplit("/", 1)[-1]
        assert name not in by_name, f"two report lines for {name}"
        by_name[name] = line["message"]
    bad = {"loi-404.pdf", "cat-ngang.docx", "khoa.pdf", "bom.docx"}
    assert set(by_name) == bad, lines
    for name in bad:
        assert name in by_name[name]  # the line names the file …
    assert "HTML" in by_name["loi-404.pdf"] or "html" in by_name["loi-404.pdf"].lower()
    assert "mật khẩu" in by_name["khoa.pdf"].lower() or "encrypt" in by_name["khoa.pdf"].lower()
    assert "bom" in by_name["bom.docx"].lower() or "zip" in by_name["bom.docx"].lower()
    docs = index_docs(data)
    page = next(d for d in docs if d["kind"] != "attachment")
    assert page["title"].startswith("Thông báo tuyển dụng")
    atts = {d["url"].rsplit("/", 1)[-1]: d for d in docs if d["kind"] == "attachment"}
    assert set(atts) == {"tb-583.docx", "that-ra-rtf.doc"}  # a .doc that is really RTF is read as RTF
    good = atts["tb-583.docx"]
    assert good["attachment"]["number"] == "583/TB-SNV" and good["attachment"]["doc_type"] == "Thông báo"
    assert [p["url"] for p in good["parents"]] == [page["url"]]
    assert "Tài liệu RTF" in atts["that-ra-rtf.doc"]["body"]


def test_number_search_however_it_is_typed(mirror, tmp_path):
    from index.pipeline import Ingestor
    from search.model import SearchRequest
    from search.searcher import Searcher

    data = tmp_path / "data"
    with Ingestor(data, jobs=1) as ing:
        ing.import_paths([mirror.parent])
    with Searcher(data) as s:
        for q in ("583/TB-SNV", "583/tb-snv", "583 TB SNV", "số 583 tb-snv"):
            hits = s.search(SearchRequest(q=q)).hits
            assert hits and hits[0].kind == "attachment" and hits[0].attachment["number"] == "583/TB-SNV", q
            assert hits[0].attachment["parents"][0]["title"].startswith("Thông báo tuyển dụng")
        # the page is found by its own words and shows its matching attachment under it
        res = s.search(SearchRequest(q="tuyển dụng viên chức", kind="page"))
        assert res.hits and res.hits[0].kind == "page"
        assert [a["number"] for a in res.hits[0].attachments] == ["583/TB-SNV"]
        assert s.search(SearchRequest(q="583/TB-SNV", kind="page")).total == 0
        facets = s.search(SearchRequest(q="tuyển dụng")).facets
        assert ("Thông báo", 1) in facets["doctype"] and ("2018", 2) in facets["year"]
        assert s.search(SearchRequest(q="tuyển dụng", doctype=["thông báo"])).total == 1


def test_attachment_on_a_private_address_is_refused_unless_allowed(tmp_path):
    """A page on the crawled host links a file on another loopback host it loads images from:
    refused with one report line, nothing requested from that host; fetched with --allow-private."""
    inner = SiteServer()
    inner.routes["/noi-bo/bi-mat.docx"] = (200, {"Content-Type": "application/octet-stream"}, good_docx())
    with inner:
        other = inner.url.replace("127.0.0.1", "localhost")
        site = SiteServer()
        html = page_html([(f"{other}/noi-bo/bi-mat.docx", "Tài liệu nội bộ")],
                         extra=f'<img src="{other}/logo.png" alt="">')
        site.routes["/tin/1.html"] = (200, {"Content-Type": "text/html; charset=utf-8"}, html)
        with site:
            for allow, data in ((False, tmp_path / "strict"), (True, tmp_path / "allowed")):
                args = ["crawl", site.url + "/tin/1.html", "--follow", "none", "--delay", "0", "--data", str(data)]
                res = run_tracuu(*args, *(["--allow-private"] if allow else []), timeout=300)
                err = res.stderr.decode()
                asked = [p for p in inner.paths() if "bi-mat" in p]
                if not allow:
                    assert res.returncode == 1, err
                    assert asked == []
                    report = next((data / "reports").glob("errors-*.jsonl")).read_text(encoding="utf-8")
                    (line,) = [json.loads(x) for x in report.splitlines()]
                    assert line["url"].endswith("/noi-bo/bi-mat.docx") and "loopback" in line["message"]
                    assert any(d["kind"] != "attachment" for d in index_docs(data))  # the page is indexed
                else:
                    assert res.returncode == 0, err
                    assert len(asked) == 1
                    assert any(d["kind"] == "attachment" for d in index_docs(data))


def test_a_zip_bundle_of_attachments_is_opened(tmp_path):
    """A page links a .zip of documents: each attachment inside is a document of its own whose
    parent is the page; what is not an attachment inside is ignored."""
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("ho-so/tb-583.docx", good_docx())
        z.writestr("ho-so/doc-truoc.txt", "không phải tệp đính kèm")
    site = SiteServer()
    site.routes["/tin/2.html"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                                  page_html([("/upload/ho-so.zip", "Tải hồ sơ (.zip)")]))
    site.routes["/upload/ho-so.zip"] = (200, {"Content-Type": "application/zip"}, bundle.getvalue())
    data = tmp_path / "data"
    with site:
        res = run_tracuu("crawl", site.url + "/tin/2.html", "--follow", "none", "--delay", "0", "--data", str(data),
                         timeout=300)
    assert res.returncode == 0, res.stderr.decode()
    docs = index_docs(data)
    (att,) = [d for d in docs if d["kind"] == "attachment"]
    assert att["url"] == site.url + "/upload/ho-so.zip!/ho-so/tb-583.docx"
    assert att["attachment"]["number"] == "583/TB-SNV"
    assert [p["url"] for p in att["parents"]] == [site.url + "/tin/2.html"]
