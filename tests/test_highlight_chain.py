"""search.highlight.chain_sequences: the runs of adjacent chain syllables a full tokenisation
(folded_tokens) gives, which is all the contiguity bonus reads; and the bonus itself against
a position-by-position reference over a whole tokenisation."""

from __future__ import annotations

import random

import pytest

from search import highlight
from search.ranking import _longest_run


def _reference(text: str, lookup: dict[str, str]) -> list[list[str]]:
    """Maximal runs (≥ 2) of consecutive tokens that are looked-up spellings, from a full
    tokenisation of the folded text."""
    tokens = highlight._SYLLABLE.findall(highlight.folded_text(text))
    return highlight.token_sequences([lookup.get(t, "\0") for t in tokens], set(lookup.values()))


def _chain_value(chain: list[str], tokens: list[str]) -> float:
    """The bonus the old way: every token's position, then the longest run in chain order."""
    positions = [{j for j, t in enumerate(tokens) if t == w} for w in chain]
    return ((_longest_run(positions) - 1) / (len(chain) - 1)) ** 2


TEXTS = [
    "Cải cách hành chính tỉnh Quảng Trị: cải cách, hành chính và chính sách",
    "Quý I năm 2020 — quy hoạch_ký kết; Quý, Quy, quý-quy (kỳ họp) kì họp",
    "Hành chính công 24h_cải cách.hành chính...CẢI CÁCH HÀNH CHÍNH",
    "",
    "không có gì ở đây",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("words", [("cai", "cach", "hanh", "chinh"), ("qui", "hoach", "ki", "hop"), ("nam", "2020")])
def test_same_sequences_as_full_tokenisation(text, words):
    lookup = highlight.chain_lookup(frozenset(words))
    assert highlight.chain_sequences(text, lookup) == _reference(text, lookup)


def test_random_texts_give_the_same_sequences_and_bonus():
    rng = random.Random(11)
    vocab = ["cải", "cách", "hành", "chính", "của", "tỉnh", "quý", "quy", "kỳ", "_", ",", " ", "  ", "-", "2020",
             "Cải", "CÁCH", "x", "cai1", "tinh"]
    chain = ["cai", "cach", "hanh", "chinh", "cua", "qui"]
    lookup = highlight.chain_lookup(frozenset(chain))
    for _ in range(400):
        text = "".join(rng.choice(vocab) + rng.choice([" ", "", ".", " "]) for _ in range(rng.randint(0, 40)))
        got = highlight.chain_sequences(text, lookup)
        assert got == _reference(text, lookup), text
        tokens = highlight.folded_tokens(text)
        for sub in (chain, chain[:3], ["cach", "hanh", "cai"], ["cua", "cua", "cua"]):
            best = max([_longest_run([{j for j, t in enumerate(s) if t == w} for w in sub]) for s in got], default=1)
            assert ((best - 1) / (len(sub) - 1)) ** 2 == _chain_value(sub, tokens), text


def test_token_sequences():
    assert highlight.token_sequences(["a", "b", "x", "a", "y", "b", "a"], {"a", "b"}) == [["a", "b"], ["b", "a"]]
    assert highlight.token_sequences([], {"a"}) == []


def test_combining_marks_take_the_analyzer_path():
    assert highlight.chain_sequences("ca\u0309i ca\u0301ch", highlight.chain_lookup(frozenset(["cai"]))) is None
