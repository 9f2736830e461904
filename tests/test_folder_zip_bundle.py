"""A ``.zip`` inside a folder mirror: the bundle a page links is an attachment, a zip of pages an archive.

A page offers "Tải hồ sơ (.zip)"; the mirror holds that zip next to the page. Its PDF/DOCX members
are attachments whose parent is the page (as when a crawl fetches it), not pages of their own. A zip
holding pages found in a folder, and any zip named on the command line, is still imported as an
archive of pages.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ingest.sources import RawPage, is_document_bundle, iter_directory
from tests.conftest import run_tracuu
from tests.test_import_bad_attachments import HOST, good_docx, index_docs, page_html


def _zip(members: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _page(title: str) -> str:
    return (f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>"
            f"<h1>{title}</h1><div class=\"content\"><p>Ngày đăng: 02/03/2019 08:00</p><p>Nội dung {title.lower()} "
            "được đăng trên cổng thông tin của sở để người dân và doanh nghiệp cùng theo dõi.</p></div></body></html>")


def _mirror(tmp_path: Path) -> Path:
    root = tmp_path / "src" / HOST
    (root / "tin").mkdir(parents=True)
    (root / "upload").mkdir()
    (root / "tin" / "2.html").write_bytes(page_html([("/upload/ho-so.zip", "Tải hồ sơ (.zip)")]))
    (root / "upload" / "ho-so.zip").write_bytes(_zip({"ho-so/tb-583.docx": good_docx(),
                                                       "ho-so/doc-truoc.txt": "không phải tệp đính kèm"}))
    (root / "luu-tru.zip").write_bytes(_zip({"cu/1.html": _page("Tin lưu trữ một"),
                                             "cu/2.html": _page("Tin lưu trữ hai")}))
    return root


def test_only_document_zips_are_bundles(tmp_path):
    root = _mirror(tmp_path)
    assert is_document_bundle(root / "upload" / "ho-so.zip")
    assert not is_document_bundle(root / "luu-tru.zip")
    (tmp_path / "hong.zip").write_bytes(b"PK\x03\x04 not a zip")
    assert not is_document_bundle(tmp_path / "hong.zip")          # the archive reader reports it
    items = [i for i in iter_directory(root.parent) if isinstance(i, RawPage)]
    paths = sorted(Path(i.path).name for i in items)
    assert "ho-so.zip" in paths                                   # the bundle comes as one file
    assert "1.html" in paths and "2.html" in paths                 # the zip of pages was opened


def test_folder_import_makes_a_linked_zip_the_pages_attachment(tmp_path):
    root = _mirror(tmp_path)
    data = tmp_path / "data"
    res = run_tracuu("ingest", str(root.parent), "--data", str(data), "--no-ocr", timeout=600)
    assert res.returncode == 0, res.stdout.decode() + res.stderr.decode()
    docs = index_docs(data)
    (att,) = [d for d in docs if d["kind"] == "attachment"]
    assert att["url"].endswith("/upload/ho-so.zip!/ho-so/tb-583.docx")
    assert att["attachment"]["number"] == "583/TB-SNV"
    assert [p["url"].rsplit("/", 2)[-2:] for p in att["parents"]] == [["tin", "2.html"]]
    titles = {d.get("title") for d in docs if d["kind"] != "attachment"}
    assert {"Tin lưu trữ một", "Tin lưu trữ hai"} <= titles       # pages inside a zip of pages


def test_a_zip_named_on_the_command_line_stays_an_archive(tmp_path):
    root = _mirror(tmp_path)
    data = tmp_path / "data"
    res = run_tracuu("ingest", str(root / "upload" / "ho-so.zip"), "--data", str(data), "--no-ocr", timeout=600)
    assert res.returncode == 0, res.stdout.decode() + res.stderr.decode()
    docs = index_docs(data)
    assert [d["kind"] for d in docs] == ["attachment"]            # the member, imported from the archive
    assert docs[0]["attachment"]["number"] == "583/TB-SNV"
