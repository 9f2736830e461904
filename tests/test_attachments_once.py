"""``tracuu ingest`` indexes each attachment once per run, with every page that links it.

Before: an attachment was indexed when extracted and again at the end of the run once later
pages had added parents; Whoosh kept the first copy as a deleted document, which BM25 counted
(document count, field lengths) until a merge. Here a PDF is linked from three pages read before
and after it, so its parents grow twice during the run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.attachment_files import minimal_pdf, text_page
from tests.conftest import run_tracuu

BASE = "https://snv.example.gov.vn/"


def _page(title: str, n: int) -> bytes:
    body = " ".join(f"Đoạn thứ {k} về cải cách hành chính của tỉnh, kế hoạch năm {2020 + k}." for k in range(n))
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><article><h1>{title}</h1>'
            f'<p>{body}</p><p><a href="files/bao-cao.pdf">Báo cáo số 12/BC-UBND về cải cách hành chính</a>'
            f"</p></article></body></html>").encode()


def _site(root: Path) -> Path:
    (root / "files").mkdir(parents=True)
    # file order: a page, the PDF, two more pages linking it
    (root / "a-trang.html").write_bytes(_page("Trang một về báo cáo cải cách", 8))
    (root / "files" / "bao-cao.pdf").write_bytes(minimal_pdf([text_page("Bao cao cai cach hanh chinh nam 2024")]))
    (root / "m-trang.html").write_bytes(_page("Trang hai nhắc lại báo cáo", 9))
    (root / "z-trang.html").write_bytes(_page("Trang ba cũng đính kèm báo cáo", 10))
    return root


def _index_state(data: Path) -> tuple[int, int, dict[str, list[str]]]:
    from whoosh import index as wi

    ix = wi.open_dir(str(data / "index"))
    try:
        with ix.searcher() as s:
            parents = {}
            for f in s.all_stored_fields():
                d = json.loads(f["doc"])
                if d["kind"] == "attachment":
                    parents[d["url"]] = sorted(p["url"] for p in d["parents"])
            return s.doc_count(), s.doc_count_all(), parents
    finally:
        ix.close()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_attachment_indexed_once_with_all_parents(tmp_path, jobs) -> None:
    site = _site(tmp_path / "site")
    data = tmp_path / "data"
    res = run_tracuu("ingest", str(site), "--base-url", BASE, "--data", str(data), "--jobs", jobs, "--no-ocr")
    assert res.returncode == 0, res.stderr.decode()
    live, total, parents = _index_state(data)
    assert (live, total) == (4, 4)  # no deleted copy left for BM25 to count
    assert parents == {BASE + "files/bao-cao.pdf": [BASE + p for p in ("a-trang.html", "m-trang.html",
                                                                       "z-trang.html")]}
    out = res.stdout.decode()
    assert "(indexed): 4" in out  # the attachment counted once, with the three pages

    import sqlite3

    db = sqlite3.connect(data / "catalog.sqlite")
    try:
        outcomes = dict(db.execute("SELECT url, outcome FROM captures"))
    finally:
        db.close()
    assert outcomes[BASE + "files/bao-cao.pdf"] == "indexed"

    # a second run over the same files changes nothing and deletes nothing
    res = run_tracuu("ingest", str(site), "--base-url", BASE, "--data", str(data), "--jobs", jobs, "--no-ocr")
    assert res.returncode == 0, res.stderr.decode()
    assert _index_state(data)[:2] == (4, 4)


def test_deferred_attachment_survives_a_killed_run(tmp_path) -> None:
    """The registry keeps the attachment marked "to index" with the committed catalog: a run that
    ends before its flush (here: the flush fails as a kill would skip it) leaves it to the next."""
    from index import pipeline
    from index.attachregistry import Registry

    site = _site(tmp_path / "site")
    data = tmp_path / "data"
    real = Registry.flush
    Registry.flush = lambda self, add: 0  # the run "dies" before its end-of-run flush
    try:
        with pipeline.Ingestor(data, jobs=1) as ing:
            ing.import_paths([site], base_url=BASE)
    finally:
        Registry.flush = real
    assert _index_state(data)[2] == {}
    from index.check import check

    assert check(data).of("doc-missing") == []  # pending (registry), not missing
    with pipeline.Ingestor(data, jobs=1) as ing:
        ing.import_paths([site], base_url=BASE)
    live, total, parents = _index_state(data)
    assert (live, total) == (4, 4) and len(parents[BASE + "files/bao-cao.pdf"]) == 3
