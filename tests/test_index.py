"""Schema and writer: keys, category paths, content hashes, unchanged/updated, the writer lock."""

from __future__ import annotations

from datetime import datetime

import pytest
from whoosh import index as whoosh_index

from index.schema import build_schema, category_paths, content_hash, doc_key, document_fields
from index.writer import IndexLocked, IndexWriterSink, index_dir
from ingest.document import VN_TZ, Attachment, Document, Source


def make_doc(url: str = "https://a.gov.vn/1", title: str = "Ủy ban nhân dân tỉnh Hoà Bình",
             body: str = "Nội dung.", **kw) -> Document:
    kw.setdefault("published", datetime(2020, 5, 1, 9, 0, tzinfo=VN_TZ))
    kw.setdefault("category", ["Tin tức", "Sự kiện"])
    return Document(url=url, site=kw.pop("site", "a.gov.vn"), kind=kw.pop("kind", "article"), title=title,
                    body=body, **kw)


def doc_count(data) -> int:
    ix = whoosh_index.open_dir(str(index_dir(data)))
    with ix.reader() as r:
        return r.doc_count()


def test_schema_has_contract_fields():
    schema = build_schema()
    for name in ("url", "id", "site", "kind", "category", "year", "published", "hash", "title_e", "title_f",
                 "title_b", "body_e", "body_f", "body_b", "docnum", "doc"):
        assert name in schema.names()
    assert schema["url"].unique


def test_category_paths_are_hierarchical_and_slash_safe():
    assert category_paths(["Kết quả CCHC", "Báo cáo CCHC định kỳ"]) == [
        "Kết quả CCHC", "Kết quả CCHC/Báo cáo CCHC định kỳ"]
    # a "/" inside a label must not create a fake level
    assert category_paths(["Văn bản/Chỉ đạo"]) == ["Văn bản∕Chỉ đạo"]
    assert category_paths(["  Tin   tức ", ""]) == ["Tin tức"]


def test_content_hash_ignores_source_but_not_content():
    a = make_doc()
    b = make_doc()
    b.source = Source(path="/elsewhere.html", bytes=10, sha256="x", encoding="cp1258")
    assert content_hash(a) == content_hash(b)
    c = make_doc(body="Nội dung khác.")
    assert content_hash(a) != content_hash(c)


def test_doc_key_falls_back_to_payload_digest():
    d = make_doc(url=None)
    d.source = Source(sha256="abc")
    assert doc_key(d) == "sha256:abc"


def test_document_fields_include_attachments_and_year_in_vietnam_time():
    d = make_doc(published=datetime(2020, 12, 31, 20, 0, tzinfo=VN_TZ),
                 attachments=[Attachment("Phụ lục kèm theo", "https://a.gov.vn/pl.docx")])
    f = document_fields(d)
    assert "Phụ lục kèm theo" in f["body_e"]
    assert f["year"] == "2020"  # 20:00 +07:00 is 13:00 UTC, still 2020 either way
    d2 = make_doc(published=datetime(2021, 1, 1, 3, 0, tzinfo=VN_TZ))  # 20:00 UTC on 31 Dec 2020
    assert document_fields(d2)["year"] == "2021"


def test_add_reports_indexed_unchanged_updated(tmp_path):
    data = tmp_path / "data"
    with IndexWriterSink(data) as sink:
        assert sink.add(make_doc()) == "indexed"
        assert sink.add(make_doc()) == "unchanged"  # same session
    with IndexWriterSink(data) as sink:
        assert sink.add(make_doc()) == "unchanged"  # committed copy
        assert sink.add(make_doc(body="Nội dung mới.")) == "updated"
        assert sink.counts == {"indexed": 0, "unchanged": 1, "updated": 1}
    assert doc_count(data) == 1


def test_changed_twice_in_one_session_keeps_one_document(tmp_path):
    data = tmp_path / "data"
    with IndexWriterSink(data) as sink:
        sink.add(make_doc(body="một"))
        assert sink.add(make_doc(body="hai")) == "updated"
        assert sink.add(make_doc(body="ba")) == "updated"
    assert doc_count(data) == 1


def test_batches_commit_as_they_go(tmp_path):
    data = tmp_path / "data"
    with IndexWriterSink(data, batch_size=2) as sink:
        for i in range(5):
            sink.add(make_doc(url=f"https://a.gov.vn/{i}"))
        # two batches are already durable before close
        assert doc_count(data) == 4
    assert doc_count(data) == 5


def test_second_writer_gets_clear_message_and_index_survives(tmp_path):
    data = tmp_path / "data"
    with IndexWriterSink(data) as first:
        first.add(make_doc())
        with pytest.raises(IndexLocked) as err:
            IndexWriterSink(data)
        msg = str(err.value)
        assert "đang được một tiến trình khác ghi" in msg and "locked" in msg
        first.add(make_doc(url="https://a.gov.vn/2"))
    assert doc_count(data) == 2
    with IndexWriterSink(data) as again:  # lock released on close
        assert again.add(make_doc(url="https://a.gov.vn/3")) == "indexed"
    assert doc_count(data) == 3


def test_context_manager_commits_finished_documents_after_an_error(tmp_path):
    data = tmp_path / "data"
    with pytest.raises(RuntimeError), IndexWriterSink(data) as sink:
        sink.add(make_doc())
        raise RuntimeError("parser exploded")
    assert doc_count(data) == 1


def test_segments_are_not_compound_files(tmp_path):
    # Whoosh copies every sub-file of a compound segment into RAM when a searcher opens it.
    data = tmp_path / "data"
    with IndexWriterSink(data) as sink:
        sink.add(make_doc())
    with IndexWriterSink(data) as sink:
        sink.add(make_doc(url="https://a.gov.vn/2"))
    files = [p.name for p in index_dir(data).iterdir()]
    assert not [f for f in files if f.endswith(".seg")], files
    assert [f for f in files if f.endswith(".pst")]


def test_suggest_terms_list_syllables_once_per_segment_and_pairs_from_title_and_summary():
    from index.schema import suggest_terms

    seen: set[str] = set()
    first = suggest_terms("Ủy ban tỉnh Hòa Bình", "", "Tỉnh Hoà Bình, hôm nay", seen)
    assert {"uy|ủy", "tinh|tỉnh", "hoa|hòa", "binh|bình", "hom|hôm", "nay|nay"} <= set(first)
    assert {"tinh_hoa|tỉnh hòa", "hoa_binh|hòa bình"} <= set(first)
    assert not any(t.startswith("hom_nay") for t in first)  # no pairs from the body
    second = suggest_terms("Tỉnh Hòa Bình", "", "", seen)
    assert second.count("tinh_hoa|tỉnh hòa") == 1 and "tinh|tỉnh" not in second  # pairs keep their df
    assert "tinh|tỉnh" in suggest_terms("Tỉnh Hòa Bình", "", "")  # without a segment set: all
