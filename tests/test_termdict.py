"""index.termdict: the compact term dictionary round-trips rows and term infos exactly, refuses a
damaged file clearly, and indexes written before it (Whoosh's hash file) still open, search and
merge with new segments."""

from __future__ import annotations

import random

import pytest
from whoosh.filedb.filestore import RamStorage

from index import termdict
from index.termdict import BlockTermsReader, BlockTermsWriter, decode_inline, encode_inline, row_postings


def test_inline_rows_round_trip() -> None:
    rng = random.Random(7)
    for _ in range(500):
        n = rng.randint(1, 9)
        ids = sorted(rng.sample(range(0, 3_000_000), n))
        weights = [rng.choice([1, 2, 3, 200, 70_000]) for _ in ids]
        values = [bytes(rng.randrange(256) for _ in range(rng.randint(0, 300))) for _ in ids] if rng.random() < .5 else []
        lo, hi = rng.randrange(256), rng.randrange(256)
        row = encode_inline(ids, [float(w) for w in weights], values, lo, hi)
        assert row is not None
        assert decode_inline(row) == (tuple(ids), tuple(weights), tuple(values), lo, hi)
        assert row_postings(row) == (tuple(ids), tuple(weights), tuple(values))
        ti = termdict.term_info(row)
        assert (ti.doc_frequency(), ti.weight(), ti.max_weight(), ti.min_id(), ti.max_id()) == \
            (n, sum(weights), max(weights), ids[0], ids[-1])
        assert ti.is_inlined()
    # a term seen once, once: 6 bytes (Whoosh's struct and pickle took ~45)
    assert len(encode_inline([5], [1.0], [], 3, 3)) == 6
    assert encode_inline([1, 2], [1.5, 1.0], [], 0, 0) is None  # not whole: the caller pickles
    with pytest.raises(ValueError, match="1 values for 2 postings"):
        encode_inline([1, 2], [1, 1], [b"x"], 0, 0)


def test_small_rows_and_shifted_rows() -> None:
    """Rows whose ids and weights are all one-byte varints (decoded by slicing) and rows shifted
    for a merge (:func:`termdict.shift_inline`) give what encoding the postings gives."""
    rng = random.Random(11)
    for _ in range(2000):
        n = rng.randint(1, 7)
        ids = sorted(rng.sample(range(0, rng.choice([120, 5000, 3_000_000])), n))
        weights = [rng.choice([1, 2, 3, 127, 128, 70_000]) for _ in ids]
        values = [bytes(rng.randrange(256) for _ in range(rng.choice([1, 2, 127, 128, 300]))) for _ in ids] \
            if rng.random() < .5 else []
        row = encode_inline(ids, weights, values, 4, 9)
        assert decode_inline(row) == (tuple(ids), tuple(weights), tuple(values), 4, 9)
        base = rng.choice([0, 1, 100, 127, 128, 20_000, 5_000_000])
        shifted = termdict.shift_inline(row, base)
        assert shifted == encode_inline([base + d for d in ids], weights, values, 4, 9)
        assert decode_inline(shifted) == (tuple(base + d for d in ids), tuple(weights), tuple(values), 4, 9)


def _dictionary(rows: dict[bytes, bytes], block_bytes: int) -> BlockTermsReader:
    st = RamStorage()
    w = BlockTermsWriter(st.create_file("t.trm"), block_bytes=block_bytes)
    w.extras["fieldmap"] = {"a": 0, "b": 1}
    for k in sorted(rows):
        w.add(k, rows[k])
    with pytest.raises(ValueError, match="Keys must increase"):
        w.add(b"\x00\x00", b"")
    w.close()
    return BlockTermsReader(None, st.open_file("t.trm"), st.file_length("t.trm"), st.create_file("p"))


@pytest.mark.parametrize("block_bytes", [1, 64, 4096])
def test_block_dictionary_round_trip(block_bytes: int) -> None:
    rng = random.Random(block_bytes)
    rows: dict[bytes, bytes] = {}
    for _ in range(2000):
        field = rng.choice([b"\x00\x00", b"\x00\x01"])
        term = "".join(rng.choice("abcđươ_ ") for _ in range(rng.randint(1, 12))).encode()
        rows[field + term] = bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
    rows[b"\x00\x01big"] = b"v" * 70_000  # a value past 16-bit lengths
    r = _dictionary(rows, block_bytes)
    for k, v in rows.items():
        assert r._row(k) == v
        assert (r._keydecoder(k)) in r
    assert r._row(b"\x00\x00") is None and r._row(b"\x00\x02zz") is None and r._row(b"") is None
    assert [("a" if k[1] == 0 else "b", k[2:], v) for k, v in sorted(rows.items())] == list(r.rows())
    got = [t for f, t in r.terms_from("b", b"ab")]
    want = sorted(k[2:] for k in rows if k[:2] == b"\x00\x01" and k[2:] >= b"ab")
    assert got == want
    assert list(r.terms()) == [r._keydecoder(k) for k in sorted(rows)]
    assert sorted(r.indexed_field_names()) == ["a", "b"]
    with pytest.raises(KeyError):
        r.doc_frequency("a", b"\xff")


def test_damaged_dictionary_is_a_clear_error() -> None:
    st = RamStorage()
    w = BlockTermsWriter(st.create_file("t.trm"))
    w.extras["fieldmap"] = {"a": 0}
    w.add(b"\x00\x00x", b"")
    w.close()
    data = st.open_file("t.trm").read()
    f = st.create_file("cut.trm")
    f.write(data[:-5])
    f.close()
    with pytest.raises(ValueError, match="term dictionary"):
        BlockTermsReader(None, st.open_file("cut.trm"), len(data) - 5, None)


def test_compact_dictionary_is_smaller(tmp_path) -> None:
    """The same documents (three text fields, no stored text), both dictionaries: the segment
    with the block dictionary is less than half the bytes (measured: 2.46 → 0.83 MB)."""
    from index.codec import fast_codec
    from tests.test_codec import _build, _texts

    texts = _texts()
    sizes = {}
    for fmt in (1, 2):
        path = tmp_path / str(fmt)
        _build(path, texts, fast_codec(terms_format=fmt), grouped_mb=64)
        sizes[fmt] = sum(p.stat().st_size for p in path.iterdir())
    assert sizes[2] * 2 < sizes[1]


def test_old_index_opens_searches_and_merges(tmp_path, monkeypatch) -> None:
    """An index written with Whoosh's hash-file dictionary (before issue 11) is searched as it
    was, takes new documents in the compact format beside it, and an optimize (a merge of both)
    leaves one compact segment with the same results."""
    from index import writer as writer_mod
    from index.codec import fast_codec
    from index.writer import IndexWriterSink, index_dir
    from ingest.document import Document, Source
    from search.model import SearchRequest
    from search.searcher import Searcher

    def doc(i: int, title: str) -> Document:
        return Document(url=f"https://a.gov.vn/tin/{i}.html", site="a.gov.vn", kind="article", title=title,
                        body=f"Nội dung số {i} về {title.lower()}.", source=Source(path=f"{i}.html", bytes=1,
                                                                                   sha256=f"{i:064d}"))

    titles = ["Ủy ban nhân dân tỉnh Hòa Bình họp", "Kế hoạch cải cách hành chính 2024",
              "Quyết định 15/2020/NĐ-CP xử phạt", "Hội nghị chuyển đổi số"]
    monkeypatch.setattr(writer_mod, "fast_codec", lambda: fast_codec(terms_format=1))
    with IndexWriterSink(tmp_path) as sink:
        for i, t in enumerate(titles):
            sink.add(doc(i, t))
    monkeypatch.undo()

    def formats() -> list[int]:
        from whoosh import index as wi

        from index.whoosh_compat import toc_segments

        ix = wi.open_dir(str(index_dir(tmp_path)))
        try:
            return sorted(getattr(s.codec(), "terms_format", 1) for s in toc_segments(ix))
        finally:
            ix.close()

    def top(q: str) -> list[str]:
        s = Searcher(tmp_path)
        try:
            return [h.url for h in s.search(SearchRequest(q=q, per_page=10)).hits]
        finally:
            s.close()

    assert formats() == [1]
    assert top("hoa binh")[0].endswith("/0.html")
    with IndexWriterSink(tmp_path) as sink:
        sink.add(doc(4, "Tỉnh Hòa Bình phát động chuyển đổi số"))
    assert formats() == [1, 2]
    from index.whoosh_compat import TermLookup
    from search.storage import open_index

    with open_index(index_dir(tmp_path)).reader() as r:  # the search side's look-ups, both kinds
        lookup = TermLookup(r)
        assert lookup.usable and [s[0] is None for s in lookup.segments] == [False, True]
        # the hash table is probed in its memory map, the block dictionary read with pread
        from search.storage import MappedFile, PreadFile

        assert [type(s[3]._tindex.dbfile if s[0] is not None else s[3]._dbfile) for s in lookup.segments] \
            == [MappedFile, PreadFile]
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(str(index_dir(tmp_path))).reader() as plain:  # a hash table, no map
        assert not TermLookup(plain).usable
    with open_index(index_dir(tmp_path)).reader() as r:
        lookup = TermLookup(r)
        for field in ("title_f", "body_b", "sugg"):
            for term in [*list(r.lexicon(field))[:40], b"khong_co"]:
                assert lookup.doc_frequency(field, term) == r.doc_frequency(field, term), (field, term)
            assert lookup.expand(field, b"h", 50) == list(r.expand_prefix(field, "h"))[:50]
    before = {q: top(q) for q in ("hoa binh", "chuyển đổi số", "15/2020/nđ-cp", "cải cách hành chính")}
    assert set(before["hoa binh"][:2]) == {"https://a.gov.vn/tin/0.html", "https://a.gov.vn/tin/4.html"}
    with IndexWriterSink(tmp_path) as sink:
        sink.optimize()
    assert formats() == [2]
    assert {q: top(q) for q in before} == before
