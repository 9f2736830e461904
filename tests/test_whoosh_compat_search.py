"""The search side of index/whoosh_compat reads exactly what Whoosh's public matcher API reads:
every posting and weight of every term, across segments, with deletions, and the term
frequencies at chosen documents."""

from __future__ import annotations

import random

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
