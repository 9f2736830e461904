"""index.codec and index.segment: inlined rare-term postings and the grouped segment writer must
search and score exactly like Whoosh's default codec and writer."""

from __future__ import annotations

import gzip
import json
import pickle

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.query import And, Or, Phrase, Prefix, Term

from index.analysis import (
    bigram_analyzer,
    bigrams,
    exact_analyzer,
    fold_syllables,
    folded_analyzer,
    syllables,
)
from index.codec import fast_codec
from index.segment import GroupedSegmentWriter
from tests.conftest import SHARED

HANDMADE = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam", "Ủy ban nhân dân tỉnh Hòa Bình", "Uỷ ban nhân dân tỉnh Hoà Bình",
    "Hoa Bình nở rộ", "Nghị định 15/2020/NĐ-CP về xử phạt", "Quyết định số 1234/QĐ-TTg",
    "Điều 5 khoản a của Luật số 59/2020/QH14", "Kế hoạch hóa gia đình, hoàng hôn",
] * 3  # repeated so some terms are inlined (df < 8) and some are not (df >= 8)


def _texts() -> list[str]:
    corpus = SHARED / "corpus" / "articles.jsonl.gz"
    texts = list(HANDMADE)
    if corpus.exists():
        with gzip.open(corpus, "rt", encoding="utf-8") as fh:
            for _, line in zip(range(60), fh, strict=False):
                d = json.loads(line)
                texts.append(f"{d['title']}\n\n{d['body'][:3000]}")
    return texts


def _build(path, texts, codec, grouped_mb: int | None = None):
    schema = Schema(id=ID(stored=True), e=TEXT(analyzer=exact_analyzer(), phrase=True),
                    f=TEXT(analyzer=folded_analyzer(), phrase=True), b=TEXT(analyzer=bigram_analyzer()))
    ix = FileStorage(str(path)).create().create_index(schema)
    if grouped_mb is not None:
        w = GroupedSegmentWriter(ix, limitmb=grouped_mb, codec=codec)
    else:
        w = ix.writer(codec=codec) if codec else ix.writer()
    for i, text in enumerate(texts):
        w.add_document(id=str(i), e=text, f=text, b=text)
    w.commit()
    return FileStorage(str(path)).open_index()


QUERIES = [
    Term("e", "hòa"), Term("f", "hoa"), Term("b", "hoa_binh"), Term("e", "nđ"),
    Phrase("e", syllables("hòa bình")), Phrase("f", fold_syllables("uy ban nhan dan")),
    Phrase("e", syllables("Điều 5")), And([Term("f", "viet"), Term("f", "nam")]),
    Or([Term("b", t) for t in bigrams("xã hội chủ nghĩa Việt Nam")]), Prefix("f", "ho"),
    Term("f", "nguoi"), Phrase("f", fold_syllables("thanh pho ho chi minh")),
]


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    texts = _texts()
    default = _build(tmp_path_factory.mktemp("default"), texts, None)
    fast = _build(tmp_path_factory.mktemp("fast"), texts, fast_codec())
    grouped = _build(tmp_path_factory.mktemp("grouped"), texts, fast_codec(), grouped_mb=128)
    # limitmb=0: the pool spills a sorted run to disk after every document, merged at commit
    spilled = _build(tmp_path_factory.mktemp("spilled"), texts, fast_codec(), grouped_mb=0)
    # the term dictionary as written before issue 11 (Whoosh's hash file): still read the same
    legacy = _build(tmp_path_factory.mktemp("legacy"), texts, fast_codec(terms_format=1), grouped_mb=128)
    return default, fast, grouped, spilled, legacy


OTHERS = ["fast", "grouped", "spilled", "legacy"]


@pytest.mark.parametrize("other", OTHERS)
@pytest.mark.parametrize("q", QUERIES, ids=[str(q) for q in QUERIES])
def test_same_hits_and_scores(indexes, q, other) -> None:
    default, fast = indexes[0], indexes[1 + OTHERS.index(other)]
    with default.searcher() as s1, fast.searcher() as s2:
        r1 = [(h["id"], round(h.score, 6)) for h in s1.search(q, limit=None)]
        r2 = [(h["id"], round(h.score, 6)) for h in s2.search(q, limit=None)]
    assert r1 == r2
    if q == Term("b", "hoa_binh"):
        assert len(r1) >= 6


def test_rare_terms_are_really_inlined(indexes) -> None:
    fast = indexes[1]
    with fast.reader() as r:
        rare = r.term_info("b", "binh_no")
        assert rare.is_inlined() and rare.doc_frequency() >= 3
        assert r.term_info("b", "uy_ban").doc_frequency() >= 6


@pytest.mark.parametrize("other", OTHERS)
def test_same_term_statistics_and_postings(indexes, other) -> None:
    """Every term's statistics and postings (inlined by the fast codec's own row writer or not,
    block terms filled a block at a time, postings grouped, spilled and merged by the grouped
    writer) are what Whoosh's codec and writer record."""
    default, fast = indexes[0], indexes[1 + OTHERS.index(other)]
    with default.reader() as r1, fast.reader() as r2:
        for field in ("e", "f", "b"):
            terms = list(r1.lexicon(field))
            assert terms == list(r2.lexicon(field))
            for t in terms:
                a, b = r1.term_info(field, t), r2.term_info(field, t)
                assert (a.weight(), a.doc_frequency(), a.min_length(), a.max_length(), a.max_weight(),
                        a.min_id(), a.max_id()) == (b.weight(), b.doc_frequency(), b.min_length(),
                                                    b.max_length(), b.max_weight(), b.min_id(), b.max_id())
                m1, m2 = r1.postings(field, t), r2.postings(field, t)
                assert list(m1.items_as("weight")) == list(m2.items_as("weight"))
                if field != "b":
                    m1, m2 = r1.postings(field, t), r2.postings(field, t)
                    assert list(m1.items_as("positions")) == list(m2.items_as("positions"))


@pytest.mark.parametrize("grouped", [False, True], ids=["whoosh-writer", "grouped-writer"])
def test_incremental_commits_updates_and_merges(tmp_path, grouped) -> None:
    """Segments written with fast_codec survive updates, merges (the grouped writer's pool takes
    merged segments' postings one by one) and a default-codec optimize."""
    schema = Schema(id=ID(stored=True, unique=True), e=TEXT(analyzer=exact_analyzer(), phrase=True),
                    b=TEXT(analyzer=bigram_analyzer()))
    ix = FileStorage(str(tmp_path)).create().create_index(schema)
    for batch in range(4):
        w = GroupedSegmentWriter(ix, codec=fast_codec()) if grouped else ix.writer(codec=fast_codec())
        for i, text in enumerate(HANDMADE[:8]):
            w.update_document(id=f"{batch % 2}-{i}", e=f"{text} đợt {batch}", b=text)
        w.commit()
    ix = FileStorage(str(tmp_path)).open_index()
    with ix.searcher() as s:
        assert s.doc_count() == 16
        assert {h["id"] for h in s.search(Phrase("e", syllables("hòa bình")), limit=None)} == {
            "0-1", "0-2", "1-1", "1-2"}
        assert len(s.search(Term("e", "3"), limit=None)) == 8  # the last batch replaced ids 1-*
    ix.optimize()  # default codec rewrites everything into one segment
    with FileStorage(str(tmp_path)).open_index().searcher() as s:
        assert s.doc_count() == 16
        assert len(s.search(Term("b", "hoa_binh"), limit=None)) == 6



def _items(m) -> list[tuple[int, float, bytes]]:
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value() or b""))
        m.next()
    return out


def _postings_by_id(ix) -> dict:
    """Every posting of the index keyed by stored id (docnums differ between merge histories)."""
    out: dict = {}
    with ix.reader() as r:
        id_of = {d: fields["id"] for d, fields in r.iter_docs()}
        for field, term in r.all_terms():
            postings = sorted((id_of[d], w, v) for d, w, v in _items(r.postings(field, term)))
            if postings:
                out[(field, term)] = postings
    return out


def test_grouped_merges_equal_whoosh_merges(tmp_path) -> None:
    """Segments merged by the grouped writer (postings read a block at a time, deleted documents
    dropped, docnums renumbered) hold exactly what Whoosh's own merge gives, also for a field
    without values (``Existence``, like ``sugg``)."""
    from whoosh.analysis import SpaceSeparatedTokenizer
    from whoosh.fields import FieldType
    from whoosh.formats import Existence

    def build(path, grouped: bool):
        schema = Schema(id=ID(stored=True, unique=True), e=TEXT(analyzer=exact_analyzer(), phrase=True),
                        b=TEXT(analyzer=bigram_analyzer()),
                        s=FieldType(format=Existence(), analyzer=SpaceSeparatedTokenizer(), scorable=True))
        ix = FileStorage(str(path)).create().create_index(schema)
        texts = _texts()
        for batch in range(5):
            w = GroupedSegmentWriter(ix, codec=fast_codec()) if grouped else ix.writer(codec=fast_codec())
            for i in range(12):  # overlapping ids between batches: updates (deletions)
                text = texts[(batch * 7 + i) % len(texts)]
                w.update_document(id=f"d{batch * 7 + i}", e=f"{text} đợt {batch}", b=text, s=f"x{i % 3} y{batch}")
            w.commit(optimize=batch == 2)  # merges segments holding documents deleted by updates
        return FileStorage(str(path)).open_index()

    whoosh_ix, grouped_ix = build(tmp_path / "w", False), build(tmp_path / "g", True)
    assert len(grouped_ix._segments()) == 3  # batches 0-2 merged
    want = _postings_by_id(whoosh_ix)
    assert want and _postings_by_id(grouped_ix) == want
    w = GroupedSegmentWriter(grouped_ix, codec=fast_codec())
    w.commit(optimize=True)
    optimized = FileStorage(str(tmp_path / "g")).open_index()
    assert len(optimized._segments()) == 1
    assert _postings_by_id(optimized) == want


def test_documents_added_after_a_merged_segment(tmp_path) -> None:
    """The grouped writer streams a merged segment's postings when it writes the new segment; a
    document added after ``add_reader`` first takes those postings into the pool (docnums stay
    in order), and the result equals Whoosh's writer doing the same."""
    from whoosh.reading import SegmentReader

    def build(path, grouped: bool):
        schema = Schema(id=ID(stored=True, unique=True), e=TEXT(analyzer=exact_analyzer(), phrase=True),
                        b=TEXT(analyzer=bigram_analyzer()))
        ix = FileStorage(str(path)).create().create_index(schema)
        texts = _texts()
        for batch in range(2):
            w = GroupedSegmentWriter(ix, codec=fast_codec()) if grouped else ix.writer(codec=fast_codec())
            for i in range(10):
                text = texts[(batch * 10 + i) % len(texts)]
                w.add_document(id=f"d{batch}-{i}", e=text, b=text)
            w.commit(merge=False)
        w = GroupedSegmentWriter(ix, codec=fast_codec()) if grouped else ix.writer(codec=fast_codec())
        w.add_document(id="first", e=texts[3], b=texts[3])
        segments = list(w.segments)
        for seg in segments:
            reader = SegmentReader(w.storage, w.schema, seg)
            w.add_reader(reader)
            reader.close()
        w.add_document(id="after", e=texts[4], b=texts[4])
        w.commit(mergetype=lambda writer, segs: [])
        return FileStorage(str(path)).open_index()

    want = _postings_by_id(build(tmp_path / "w", False))
    got_ix = build(tmp_path / "g", True)
    assert len(got_ix._segments()) == 1 and got_ix.doc_count() == 22
    assert want and _postings_by_id(got_ix) == want


def test_pool_runs_cut_long_lists_and_join_them() -> None:
    """A term with more postings than a run chunk is cut when spilled and joined on reading,
    in docnum order, across several runs and the in-memory part."""
    from index.segment import _RUN_CHUNK, GroupedPool

    pool = GroupedPool(limitmb=1)  # ~20,000 postings per run
    n = 8 * _RUN_CHUNK + 5
    for start in range(0, 4 * n, n):  # four batches of docnums, like four merged segments
        ids = list(range(start, start + n))
        pool.add_term("f", b"hoa", ids, [1.0] * n, [b"\x01"] * n)
        pool.add_term("f", b"binh", ids[:3], [2.0] * 3, [b"\x02"] * 3)
    assert len(pool.runs) >= 3
    groups = list(pool.iter_groups())
    assert [(g[0], g[1]) for g in groups] == [("f", b"binh"), ("f", b"hoa")]
    assert [p[1] for p in groups[1][2]] == list(range(4 * n))
    assert [p[1] for p in groups[0][2]] == [d for s in range(0, 4 * n, n) for d in (s, s + 1, s + 2)]
    pool.cleanup()


def test_grouped_writer_refuses_vector_fields_and_keeps_writing(tmp_path) -> None:
    """Term vectors are not written by the grouped writer: refused with a message, not dropped."""
    schema = Schema(id=ID(stored=True), v=TEXT(analyzer=exact_analyzer(), vector=True), e=TEXT())
    ix = FileStorage(str(tmp_path)).create().create_index(schema)
    w = GroupedSegmentWriter(ix, codec=fast_codec())
    with pytest.raises(ValueError, match="vector"):
        w.add_document(id="a", v="hòa bình")
    w.add_document(id="b", e="hoa binh")
    w.commit()
    with FileStorage(str(tmp_path)).open_index().searcher() as s:
        assert [h["id"] for h in s.search(Term("e", "hoa"))] == ["b"]


def test_merge_reader_rejects_damaged_term_data(indexes) -> None:
    """A term dictionary cut inside a record, or inlined postings whose values cannot be paired
    with them, give a clear error instead of wrong postings."""
    from whoosh.codec.whoosh3 import W3TermInfo

    from index.segment import _read_term
    from index.whoosh_compat import scan_terms as _scan_terms

    legacy = indexes[4]
    with legacy.reader() as r:
        terms = r._terms
        table = terms._tindex
        real_end = table.endofdata
        table.endofdata = table.startofdata + 7  # inside the first record
        try:
            with pytest.raises(ValueError, match="truncated term dictionary"):
                list(_scan_terms(terms, window=4))
        finally:
            table.endofdata = real_end
        assert len(list(_scan_terms(terms, window=64))) == len(list(r.all_terms()))  # small windows grow
        row = W3TermInfo._struct.pack(True, 2.0, 2, 0, 0, 1.0, 1, 2) + \
            pickle.dumps(((1, 2), (1.0, 1.0), (b"\x00\x00\x00\x01",)), 2)
        with pytest.raises(ValueError, match="1 values for 2 postings"):
            _read_term(terms, "e", b"x", row, None)
