"""search.highlight.chain_positions: relative positions that keep exactly the adjacency of the
syllables a full tokenisation (folded_tokens) gives, which is what the contiguity bonus reads."""

from __future__ import annotations

import random

import pytest

from search import highlight
from search.ranking import _longest_run


def _reference(text: str, lookup: dict[str, str]) -> list[tuple[int, str]]:
    """Token index and F form of every looked-up syllable, from a full tokenisation."""
    folded = highlight.folded_text(text)
    tokens = highlight._SYLLABLE.findall(folded)
    return [(i, lookup[t]) for i, t in enumerate(tokens) if t in lookup]


def _adjacent(found: list[tuple[int, str]]) -> list[bool]:
    return [b[0] - a[0] == 1 for a, b in zip(found, found[1:], strict=False)]


TEXTS = [
    "Cải cách hành chính tỉnh Quảng Trị: cải cách, hành chính và chính sách",
    "Quý I năm 2020 — quy hoạch_ký kết; Quý, Quy, quý-quy (kỳ họp) kì họp",
    "Hành chính công 24h_cải cách.hành chính...CẢI CÁCH HÀNH CHÍNH",
    "",
    "không có gì ở đây",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("words", [("cai", "cach", "hanh", "chinh"), ("qui", "hoach", "ki", "hop"), ("nam", "2020")])
def test_same_adjacency_as_full_tokenisation(text, words):
    lookup = highlight.chain_lookup(frozenset(words))
    got = highlight.chain_positions(text, lookup)
    want = _reference(text, lookup)
    assert [t for _p, t in got] == [t for _p, t in want]
    assert _adjacent(got) == _adjacent(want)


def test_random_texts_give_the_same_runs():
    rng = random.Random(11)
    vocab = ["cải", "cách", "hành", "chính", "của", "tỉnh", "quý", "quy", "kỳ", "_", ",", " ", "  ", "-", "2020",
             "Cải", "CÁCH", "x"]
    chain = ["cai", "cach", "hanh", "chinh", "cua", "qui"]
    lookup = highlight.chain_lookup(frozenset(chain))
    for _ in range(300):
        text = "".join(rng.choice(vocab) + rng.choice([" ", "", ".", " "]) for _ in range(rng.randint(0, 40)))
        got = highlight.chain_positions(text, lookup)
        want = _reference(text, lookup)
        assert [t for _p, t in got] == [t for _p, t in want], text
        assert _adjacent(got) == _adjacent(want), text
        for ps in (got, want):
            assert all(b[0] > a[0] for a, b in zip(ps, ps[1:], strict=False))
        runs = [_longest_run([{p for p, t in ps if t == w} for w in chain]) for ps in (got, want)]
        assert runs[0] == runs[1], text


def test_combining_marks_take_the_analyzer_path():
    assert highlight.chain_positions("ca\u0309i ca\u0301ch", highlight.chain_lookup(frozenset(["cai"]))) is None


def test_a_marker_pattern_matching_more_words_gives_the_same_positions():
    """The marker's regex (more terms, prefixes) serves the chain too: extra matches are skipped
    and keep the chain's syllables on either side of them apart."""
    chain = ["cai", "cach", "hanh", "chinh"]
    lookup = highlight.chain_lookup(frozenset(chain))
    marker = highlight.Marker(frozenset([*chain, "cua", "tinh"]), ("qu",), ())
    pattern = highlight.chain_pattern(marker, frozenset(lookup))
    assert pattern is highlight._pattern(marker)
    rng = random.Random(5)
    vocab = ["cải", "cách", "hành", "chính", "của", "tỉnh", "quý", "quảng", "cai", "x", "_", ","]
    for _ in range(300):
        text = " ".join(rng.choice(vocab) for _ in range(rng.randint(0, 30)))
        got = highlight.chain_positions(text, lookup, pattern)
        want = _reference(text, lookup)
        assert [t for _p, t in got] == [t for _p, t in want], text
        assert _adjacent(got) == _adjacent(want), text


def test_a_marker_without_the_chain_words_is_not_used():
    lookup = highlight.chain_lookup(frozenset(["cai", "cach", "hanh"]))
    marker = highlight.Marker(frozenset(["cai"]))
    assert highlight.chain_pattern(marker, frozenset(lookup)) is not highlight._pattern(marker)
    assert highlight.chain_pattern(None, frozenset(lookup)).fullmatch("hanh")
