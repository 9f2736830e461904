"""The search side of index/whoosh_compat reads exactly what Whoosh's public matcher API reads:
every posting and weight of every term, across segments, with deletions, and the term
frequencies at chosen documents."""

from __future__ import annotations

import pickle
import random
from collections import Counter

import pytest
from whoosh import index as whoosh_index

from index.whoosh_compat import read_leaf_postings, weights_at
from search.storage import open_index
from tests.webcorpus import build_index, make_docs

FIELDS = ("body_f", "body_e", "body_b", "title_f", "site")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    docs = make_docs(400)
    data = tmp_path_factory.mktemp("compat")
    build_index(data, docs[:250])
    build_index(data, docs[250:])  # a second segment
    ix = whoosh_index.open_dir(str(data / "index"))
    w = ix.writer()
    for doc in docs[::7]:  # deletions in both segments
        w.delete_by_term("id", doc.id)
    w.commit(merge=False)  # keep the segments as they are
    return data


def _public(m) -> tuple[list[int], list[float]]:
    ids, ws = [], []
    while m.is_active():
        ids.append(m.id())
        ws.append(m.weight())
        m.next()
    return ids, ws


def _terms(reader, field: str) -> list[str]:
    out = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(field)]
    rng = random.Random(5)
    return out if len(out) <= 120 else rng.sample(out, 120)


@pytest.mark.parametrize("mapped", [False, True])
def test_postings_equal_the_public_api(data, mapped):
    ix = open_index(data / "index") if mapped else whoosh_index.open_dir(str(data / "index"))
    with ix.reader() as reader:
        leaves = list(reader.leaf_readers())
        assert len(leaves) >= 2 and any(leaf.has_deletions() for leaf, _b in leaves)
        checked = 0
        for field in FIELDS:
            for term in _terms(reader, field):
                for leaf, _base in leaves:
                    if not leaf.doc_frequency(field, term):
                        continue
                    ids, ws = read_leaf_postings(leaf.postings(field, term))
                    assert (list(ids), [round(w, 4) for w in ws]) == \
                        tuple([round(w, 4) for w in x] if i else x
                              for i, x in enumerate(_public(leaf.postings(field, term)))), (field, term)
                    checked += 1
        assert checked > 300


def test_weights_at_equal_skipping(data):
    ix = open_index(data / "index")
    rng = random.Random(11)
    with ix.reader() as reader:
        for field in ("body_f", "title_f"):
            for term in _terms(reader, field)[:60]:
                for leaf, _base in reader.leaf_readers():
                    if not leaf.doc_frequency(field, term):
                        continue
                    ids, ws = _public(leaf.postings(field, term))
                    live = [d for d in range(leaf.doc_count_all()) if not leaf.is_deleted(d)]
                    wanted = sorted(set(rng.sample(ids, min(3, len(ids))) + rng.sample(live, min(5, len(live)))))
                    expected = {d: w for d, w in zip(ids, ws, strict=True) if d in wanted}
                    assert weights_at(leaf.postings(field, term), wanted) == pytest.approx(expected), (field, term)


# --- the block-head fast path (index.whoosh_compat._BLOCK_HEAD) ------------------------------


def _block_bytes(m) -> list[bytes]:
    """The (decompressed) data bytes of every posting block of a ``W3LeafMatcher`` (none for
    inlined postings)."""
    import zlib

    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching.wrappers import FilterMatcher

    m = m.child if isinstance(m, FilterMatcher) else m
    if not isinstance(m, W3LeafMatcher):
        return []
    out = []
    while m.is_active():
        b = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
        out.append(zlib.decompress(b) if m._compression else b)
        m._next_block()
    return out


def test_current_writer_blocks_cut_exactly(data):
    """Every block the current writer writes (protocol 3, int weights, E/B/D without values, F
    varint positions) is parsed by the block-head regex to exactly its ids and weights (the
    reader unpickles protocol-3 blocks whole, being faster there, but the regex must not
    mis-cut them if used)."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching.wrappers import FilterMatcher

    from index.formats import CompactPositions, CountedWeights
    from index.whoosh_compat import _BLOCK_HEAD

    ix = open_index(data / "index")
    assert isinstance(ix.schema["body_f"].format, CompactPositions)
    assert isinstance(ix.schema["body_b"].format, CountedWeights)
    protocols: set[int] = set()
    int_weights = 0
    with ix.reader() as reader:
        for field in FIELDS:
            for term in reader.lexicon(field):
                for leaf, _base in reader.leaf_readers():
                    if not leaf.doc_frequency(field, term):
                        continue
                    m = leaf.postings(field, term)
                    m = m.child if isinstance(m, FilterMatcher) else m
                    if not isinstance(m, W3LeafMatcher):
                        continue  # inlined
                    for b in _block_bytes(m):
                        head = _BLOCK_HEAD.match(b)
                        assert head, (field, term, b[:40])
                        ids, ws = pickle.loads(b[:head.end()] + b"\x86.")
                        assert (ids, ws) == pickle.loads(b)[:2]
                        protocols.add(b[1])
                        int_weights += isinstance(ws, tuple) and type(ws[0]) is int
    assert protocols == {3}
    assert int_weights  # whole frequencies were written as ints


@pytest.mark.parametrize("protocol", [2, 3])
def test_block_head_cuts_every_layout_exactly(protocol):
    """Ids of every opcode size, 1–3 and longer tuples, each weights form (None, one float,
    floats, ints), each values form (None, bytes, empty, repeated bytes): the head unpickles to
    the block's ids and weights, in both protocols."""
    from index.whoosh_compat import _BLOCK_HEAD

    rng = random.Random(protocol)
    shared = b"\x01\x05"
    for n in (1, 2, 3, 4, 7, 128):
        ids = tuple(rng.choice((0, 1, 200, 256, 65535, 65536, 1 << 30)) for _ in range(n))
        for weights in (None, 2.0, tuple(rng.random() * 3 for _ in ids), tuple(rng.randint(1, 300) for _ in ids),
                        tuple(rng.choice((1, 70000)) for _ in ids)):
            for values in (None, tuple(bytes([1, rng.randint(0, 255)]) for _ in ids), (), (shared,) * n):
                b = pickle.dumps((ids, weights, values), protocol)
                head = _BLOCK_HEAD.match(b)
                assert head, (ids, weights, values)
                assert pickle.loads(b[:head.end()] + b"\x86.") == (ids, weights), (ids, weights, values)


def test_old_and_new_blocks_in_one_index(tmp_path):
    """An index with a segment written by Whoosh's own codec (protocol 2, float weights) and one
    by tracuu's (protocol 3, int weights, compact positions), with deletions: the fast readers
    give what the public matcher API gives, in both segments."""
    from whoosh import fields
    from whoosh.codec.whoosh3 import W3Codec

    from index.codec import fast_codec
    from index.formats import CompactPositions, CountedWeights
    from index.whoosh_compat import _BLOCK_HEAD

    schema = fields.Schema(id=fields.ID(stored=True, unique=True), f=fields.TEXT(), e=fields.TEXT())
    schema["f"].format = CompactPositions(field_boost=1.0)
    schema["e"].format = CountedWeights(field_boost=1.0)
    rng = random.Random(3)
    words = [f"w{i}" for i in range(30)]
    ix = whoosh_index.create_in(str(tmp_path), schema)
    for seg, codec in enumerate((W3Codec(), fast_codec())):
        codec._blocklimit = 16  # many blocks, short last ones
        w = ix.writer(codec=codec)
        for d in range(300):
            text = " ".join(rng.choice(words[: 5 + d % 25]) for _ in range(rng.randint(1, 40)))
            w.add_document(id=f"{seg}-{d}", f=text, e=text)
        w.commit(merge=False)
    w = ix.writer()
    for d in range(0, 300, 9):
        w.delete_by_term("id", f"0-{d}")
        w.delete_by_term("id", f"1-{d + 4}")
    w.commit(merge=False)
    rng = random.Random(4)
    protocols: Counter[int] = Counter()
    short = 0
    with ix.reader() as reader:
        leaves = list(reader.leaf_readers())
        assert len(leaves) == 2 and all(leaf.has_deletions() for leaf, _b in leaves)
        for field in ("f", "e"):
            for term in words:
                for leaf, _base in leaves:
                    if not leaf.doc_frequency(field, term):
                        continue
                    pub_ids, pub_ws = _public(leaf.postings(field, term))
                    ids, ws = read_leaf_postings(leaf.postings(field, term))
                    assert (list(ids), list(ws)) == (pub_ids, pub_ws), (field, term)
                    for b in _block_bytes(leaf.postings(field, term)):  # the fast path was taken
                        assert _BLOCK_HEAD.match(b), (field, term)
                        protocols[b[1]] += 1
                        short += len(pickle.loads(b)[0]) <= 3
                    wanted = sorted(set(rng.sample(pub_ids, min(4, len(pub_ids)))))
                    assert weights_at(leaf.postings(field, term), wanted) == \
                        {d: w for d, w in zip(pub_ids, pub_ws, strict=True) if d in wanted}
    assert protocols[2] > 10 and protocols[3] > 10 and short  # both writers' blocks, short ones too
