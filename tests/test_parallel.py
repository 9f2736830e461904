"""Parallel index writers (index/parallel.py): segments written elsewhere, adopted by the one writer.

The outcome of every document must be the one a single writer gives (new, updated, unchanged in
claim order; the newest version of a URL wins), and the index must read back exactly the same
postings as one written by a single writer.
"""

from __future__ import annotations

import json
from pathlib import Path

from whoosh import index as whoosh_index

from index.parallel import SegmentBuilder, WriterPool, write_segment
from index.writer import IndexWriterSink, index_dir
from tests.test_index import make_doc


def stored(data: Path) -> dict[str, str]:
    """url → title of every live document."""
    ix = whoosh_index.open_dir(str(index_dir(data)))
    with ix.searcher() as s:
        return {f["url"]: json.loads(f["doc"])["title"] for f in s.all_stored_fields()}


def postings(data: Path) -> dict[tuple[str, bytes], list[tuple[str, int]]]:
    """(field, term) → sorted (url, frequency) of the live documents: comparable across layouts."""
    ix = whoosh_index.open_dir(str(index_dir(data)))
    out: dict[tuple[str, bytes], list[tuple[str, int]]] = {}
    with ix.searcher() as s:
        urls = {n: f["url"] for n, f in s.iter_docs()}
        for fieldname, tbytes in s.reader().all_terms():
            if fieldname in ("url", "id", "hash", "sugg"):
                continue
            m = s.reader().postings(fieldname, tbytes)
            items = []
            while m.is_active():
                if m.id() in urls:
                    items.append((urls[m.id()], int(m.weight())))
                m.next()
            if items:
                out[(fieldname, tbytes)] = sorted(items)
    return out


DOCS = [make_doc(f"https://a.gov.vn/{i}", f"Thông báo số {i} của Ủy ban nhân dân tỉnh",
                 f"Nội dung văn bản {i}: kế hoạch cải cách hành chính năm 202{i % 10}.") for i in range(30)]


def test_segments_written_apart_and_adopted_equal_one_writer(tmp_path):
    with IndexWriterSink(tmp_path / "one") as sink:
        for doc in DOCS:
            assert sink.add(doc) == "indexed"
    with IndexWriterSink(tmp_path / "par") as sink:
        for part in range(3):  # e.g. three Spark partitions
            folder, added = write_segment(DOCS[part::3], tmp_path / "parts" / f"p{part}")
            assert folder is not None and [n for n, _, _ in added] == list(range(len(DOCS[part::3])))
            counts = sink.adopt_index(folder)
            assert counts == {"indexed": len(DOCS[part::3]), "unchanged": 0, "updated": 0}
    assert stored(tmp_path / "par") == stored(tmp_path / "one")
    assert postings(tmp_path / "par") == postings(tmp_path / "one")
    assert not any((tmp_path / "parts").iterdir())  # the folders' files moved into the index


def test_claims_decide_like_a_single_writer(tmp_path):
    data = tmp_path / "d"
    with IndexWriterSink(data) as sink:
        sink.add(DOCS[0])
        sink.add(DOCS[1])
    changed = make_doc(DOCS[1].url, "Thông báo đã sửa", "Nội dung mới.")
    newer = make_doc(DOCS[2].url, "Bản mới nhất", "Nội dung mới nhất.")
    a, b = SegmentBuilder(tmp_path / "a"), SegmentBuilder(tmp_path / "b")
    placed = [(a, DOCS[0]), (a, changed), (b, DOCS[2]), (b, newer), (a, DOCS[3]), (b, DOCS[3])]
    claims = [(builder, builder.add(doc)) for builder, doc in placed]
    with IndexWriterSink(data) as sink:
        outcomes = [sink.claim(key, digest, builder.folder, docnum) for builder, (docnum, key, digest) in claims]
        assert outcomes == ["unchanged", "updated", "indexed", "updated", "indexed", "unchanged"]
        sink.adopt(a.finish())
        sink.adopt(b.finish())
    docs = stored(data)
    assert docs == {DOCS[0].url: DOCS[0].title, DOCS[1].url: "Thông báo đã sửa", DOCS[2].url: "Bản mới nhất",
                    DOCS[3].url: DOCS[3].title}
    ix = whoosh_index.open_dir(str(index_dir(data)))
    with ix.reader() as r:
        assert r.doc_count() == 4  # dropped copies are deleted, not live


def test_writer_pool_indexes_in_worker_processes(tmp_path):
    from tests.conftest import make_portal

    portal = make_portal(tmp_path / "portal", 8, "par", families="wordpress")
    pages = sorted((portal / "sites").rglob("*.html"))[:20]
    half = len(pages) // 2
    assert half >= 4
    pool = WriterPool(tmp_path / "d", 2)
    try:
        w1, f1 = pool.submit([(p.read_bytes(), f"https://x.gov.vn/{k}", p.name, "text/html") for k, p in
                              enumerate(pages[:half])])
        w2, f2 = pool.submit([(p.read_bytes(), f"https://x.gov.vn/{k + half}", p.name, "text/html") for k, p in
                              enumerate(pages[half:])])
        assert {w1, w2} == {0, 1} and f1 != f2
        results = pool.result(w1) + pool.result(w2)
        docs = [value for kind, value in results if kind == "doc"]
        assert docs and all(isinstance(v[0], int) and v[1].startswith("https://x.gov.vn/") for v in docs)
        folders = pool.flush()
        assert sorted(folders) == sorted({f1, f2}) and all((f / "_MAIN_1.toc").exists() for f in folders)
        with IndexWriterSink(tmp_path / "d") as sink:
            for (kind, value), folder in zip(results, [f1] * half + [f2] * (len(pages) - half), strict=True):
                if kind == "doc":
                    assert sink.claim(value[1], value[2], folder, value[0]) == "indexed"
            for folder in folders:
                sink.adopt(folder)
        assert len(stored(tmp_path / "d")) == len(docs)
    finally:
        pool.close()
    assert not (tmp_path / "d" / ".segments").exists()


def test_batches_sent_after_a_flush_go_to_new_folders(tmp_path):
    """The main process keeps sending batches while a flush is outstanding (it adopts the
    flushed segments later): those batches must not reuse, and so wipe, the flushed folder."""
    page = ("<html><head><title>Thông báo</title></head><body><article><h1>Thông báo</h1><p>"
            + "Nội dung văn bản hành chính. " * 20 + "</p></article></body></html>").encode()
    pool = WriterPool(tmp_path / "d", 1)
    try:
        _, first = pool.submit([(page, "https://x.gov.vn/1", "1.html", "text/html")])
        pool.send_flush()
        _, second = pool.submit([(page, "https://x.gov.vn/2", "2.html", "text/html")])
        assert second != first
        assert pool.result(0)[0][0] == "doc"
        assert pool.flushed() == [first]
        assert pool.result(0)[0][0] == "doc"
        assert (first / "_MAIN_1.toc").exists()
        assert pool.flush() == [second]
    finally:
        pool.close()


def test_segments_for_an_older_index_use_its_schema(tmp_path):
    """An index written before a format change keeps its formats: segments for it must be
    written with its schema, and a segment in another format is refused, not mixed in."""
    import pytest

    from index.formats import CountedPositions
    from index.schema import build_schema

    old = build_schema()
    for name in ("title_f", "body_f"):
        old[name].format = CountedPositions(field_boost=1.0)
    index_dir(tmp_path / "d").mkdir(parents=True)
    whoosh_index.create_in(str(index_dir(tmp_path / "d")), old)
    with IndexWriterSink(tmp_path / "d") as sink:
        assert isinstance(sink.schema["body_f"].format, CountedPositions)
        folder, _ = write_segment(DOCS[:3], tmp_path / "good", schema=sink.schema)
        sink.adopt_index(folder)
        wrong, _ = write_segment(DOCS[3:5], tmp_path / "wrong")
        with pytest.raises(ValueError, match="body_f"):
            sink.adopt_index(wrong)
    ix = whoosh_index.open_dir(str(index_dir(tmp_path / "d")))
    with ix.searcher() as s:
        m = s.reader().postings("title_f", "thong")
        assert s.doc_count() == 3 and m.value_as("positions") == [0]


def test_an_error_with_writer_processes_keeps_index_and_catalog_in_step(tmp_path):
    """An exception (or Ctrl-C) while writer processes hold unadopted segments: nothing since
    the last commit is kept, in the index or the catalog, so the next run redoes those pages."""
    import pytest

    from index.catalog import Catalog
    from index.pipeline import Ingestor
    from ingest.sources import RawPage, expand_inputs, iter_unit
    from tests.conftest import make_portal
    from tests.test_pipeline import index_docs

    portal = make_portal(tmp_path / "portal", 12, "abort", families="wordpress", warc=True)
    warc = next((portal / "warc").glob("*.warc.gz"))
    with Ingestor(tmp_path / "ref", jobs=1) as ing:
        ing.import_paths([warc])
    expected = index_docs(tmp_path / "ref")

    def broken():
        units, _ = expand_inputs([warc])
        for k, item in enumerate(iter_unit(units[0])):
            if k == 30:
                raise RuntimeError("disk on fire")
            if isinstance(item, RawPage):
                item.source = str(warc.resolve())
            yield item

    data = tmp_path / "d"
    with pytest.raises(RuntimeError), Ingestor(data, jobs=2, batch=4, commit_every=8) as ing:
        ing.process(broken())
    docs = index_docs(data)
    with Catalog(data / "catalog.sqlite") as cat:
        indexed = {url for (url,) in cat.db.execute(
            "SELECT url FROM captures WHERE outcome IN ('indexed', 'updated')")}
    assert indexed == set(docs)  # the catalog claims exactly what the index holds
    with Ingestor(data, jobs=2) as ing:
        ing.import_paths([warc])
    assert index_docs(data) == expected
