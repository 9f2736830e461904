"""The fast reading paths of the search side (index.whoosh_compat.TermLookup, numeric_column;
search.postings.View's live documents and published column; search.facets' tables) give exactly
what Whoosh's public API gives: across segments, with deletions, for present, absent and
prefix terms."""

from __future__ import annotations

import random

import pytest
from whoosh import index as whoosh_index

from index.whoosh_compat import TermLookup, numeric_column
from search.facets import DIMENSIONS, FacetTables
from search.health import Health
from search.postings import MISSING_DATE, View
from search.storage import open_index
from tests.webcorpus import build_index, make_docs

FIELDS = ("body_f", "body_e", "body_b", "title_f", "title_e", "site", "sugg", "kind")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    docs = make_docs(300)
    for i, d in enumerate(docs[::5]):  # some pages without a publication time
        docs[i * 5] = d.__class__(**{**d.__dict__, "published": None})
    data = tmp_path_factory.mktemp("lookup")
    build_index(data, docs[:180])
    build_index(data, docs[180:])  # a second segment
    ix = whoosh_index.open_dir(str(data / "index"))
    w = ix.writer()
    for doc in docs[::9]:  # deletions in both segments
        w.delete_by_term("id", doc.id)
    w.commit(merge=False)
    return data


@pytest.fixture()
def reader(data):
    with open_index(data / "index").reader() as r:
        yield r


def _sample(reader, field: str, n: int = 80) -> list[str]:
    out = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(field)]
    return out if len(out) <= n else random.Random(3).sample(out, n)


def test_lookup_is_usable_over_block_dictionaries_however_read(data, reader):
    """Block dictionaries (index.termdict) are read through their own ``get``: the search side's
    positional reads (search.storage) and Whoosh's plain files give the same answers. (Whoosh's
    hash-table dictionaries need a map: tests/test_termdict.py's old-index test.)"""
    assert len(list(reader.leaf_readers())) >= 2
    assert TermLookup(reader).usable
    with whoosh_index.open_dir(str(data / "index")).reader() as plain:  # Whoosh's own files
        lookup = TermLookup(plain)
        assert lookup.usable
        for field in ("body_b", "title_f", "sugg"):
            for term in _sample(plain, field, 30) + ["khôngcótừnày"]:
                tb = plain.schema[field].to_bytes(term)
                assert lookup.doc_frequency(field, tb) == reader.doc_frequency(field, term), (field, term)


def test_doc_frequencies_equal_whoosh(reader):
    lookup = TermLookup(reader)
    checked = 0
    for field in FIELDS:
        for term in _sample(reader, field) + ["khôngcótừnày", "zz", ""]:
            tb = reader.schema[field].to_bytes(term)
            assert lookup.doc_frequency(field, tb) == reader.doc_frequency(field, term), (field, term)
            checked += 1
    assert checked > 300
    assert lookup.doc_frequency("no_such_field", b"x") == 0


def test_matchers_equal_segment_postings(reader):
    lookup = TermLookup(reader)
    leaves = list(reader.leaf_readers())
    for field in ("body_f", "title_e", "site", "kind"):
        fmt = reader.schema[field].format
        for term in _sample(reader, field, 40):
            tb = reader.schema[field].to_bytes(term)
            keys: dict = {}
            for k, (leaf, _base) in enumerate(leaves):
                m = lookup.matcher(k, field, tb, fmt, keys)
                if not leaf.doc_frequency(field, term):
                    assert m is None
                    continue
                assert list(m.all_ids()) == list(leaf.postings(field, term).all_ids()), (field, term)


def test_prefix_expansion_equals_whoosh(reader):
    lookup = TermLookup(reader)
    prefixes = {"", "a", "c", "ch", "th", "ng", "hoa|", "zz", "đ"}
    prefixes |= {t[:2] for t in _sample(reader, "body_f", 30)} | {t.split("|")[0] + "|" for t in _sample(reader, "sugg", 30)}
    for field in ("body_f", "body_e", "sugg", "title_b"):
        for prefix in sorted(prefixes):
            want = list(reader.expand_prefix(field, prefix))
            for limit in (1, 5, 50, 10_000):
                got = lookup.expand(field, reader.schema[field].to_bytes(prefix), limit)
                assert got == want[:limit], (field, prefix, limit)


def test_view_reads_equal_the_public_api(data):
    searcher = open_index(data / "index").searcher()
    reader = searcher.reader()
    view = View(searcher)
    n = reader.doc_count_all()
    assert view.all_docs == frozenset(reader.all_doc_ids()) - view.hidden
    col = reader.column_reader("published", translate=False)
    want = [col[i] for i in range(n)]
    assert view.pub == want and MISSING_DATE in want and len(set(want)) > 10
    for leaf, _base in reader.leaf_readers():
        leaf_col = leaf.column_reader("published", translate=False)
        assert numeric_column(leaf_col, leaf.doc_count_all()) == [leaf_col[i] for i in range(leaf.doc_count_all())]
    for field in ("body_f", "sugg"):
        for term in _sample(reader, field, 30):
            assert view.df(field, term) == reader.doc_frequency(field, term)
            ids = sorted(view.postings(field, term)[0])
            assert ids == sorted(d for d in reader.postings(field, term).all_ids())
        assert view.expand(field, "c", 7) == [t.decode() for t in list(reader.expand_prefix(field, "c"))[:7]]
    searcher.close()


def test_facet_tables_equal_the_public_api(reader):
    tables = FacetTables(reader, Health())
    for dim in DIMENSIONS:
        want: dict[str, set[int]] = {}
        if dim in reader.schema:
            for btext in reader.lexicon(dim):
                value = btext.decode("utf-8")
                ids = set(reader.postings(dim, value).all_ids())
                if ids:
                    want[value] = ids
        assert {v: set(d) for v, d in tables[dim].items()} == want, dim
    with pytest.raises(KeyError):
        tables["no_such_dimension"]


def test_stored_column_offsets_equal_whoosh(reader):
    from whoosh.codec.whoosh3 import STORED_COLUMN
    from whoosh.columns import VarBytesColumn

    import index.whoosh_compat as wc
    import search.postings  # noqa: F401  (installs the faster offsets)

    assert VarBytesColumn.Reader._read_offsets_and_lengths is wc._varbytes_offsets_and_lengths
    original = wc._ORIGINAL_VARBYTES_OFFSETS
    assert original is not None
    for leaf, _base in reader.leaf_readers():
        fast = leaf._perdoc.column_reader("_stored", STORED_COLUMN)
        inner = fast
        while not isinstance(inner, VarBytesColumn.Reader):  # Pickle → Compressed → VarBytes
            inner = inner._reader if hasattr(inner, "_reader") else inner._child
        offsets, lengths = list(inner._offsets), list(inner._lengths)
        original(inner)
        assert (list(inner._offsets), list(inner._lengths)) == (offsets, lengths)
        assert len(offsets) == leaf.doc_count_all() and offsets[0] == 0
        assert not inner.had_stored_offsets  # the summed path is the one tested
        assert all(fast[d] == leaf.stored_fields(d) for d in range(leaf.doc_count_all()))
