"""index.formats gives exactly Whoosh's postings (terms, frequencies, weights, encoded values)."""

from whoosh.formats import Frequency, Positions

from index.analysis import bigram_analyzer, exact_analyzer, folded_analyzer
from index.formats import CountedFrequency, CountedPositions

TEXT = ("Ủy ban nhân dân tỉnh Hòa Bình. Uỷ ban nhân dân tỉnh Hoà Bình họp; ủy ban, ủy ban!\n\n"
        "Nghị định 15/2020/NĐ-CP về xử phạt — hòa bình, hoà bình, HÒA BÌNH.")


def _sorted(values):
    return sorted(values)


def test_counted_formats_equal_whoosh_formats():
    for analyzer in (exact_analyzer(), folded_analyzer(), bigram_analyzer()):
        for ours, theirs in ((CountedFrequency(field_boost=1.0), Frequency(field_boost=1.0)),
                             (CountedPositions(field_boost=2.0), Positions(field_boost=2.0))):
            got = _sorted(ours.word_values(TEXT, analyzer, mode="index"))
            want = _sorted(theirs.word_values(TEXT, analyzer, mode="index"))
            assert got == want and any(n > 1 for _w, n, _wt, _v in got)
            assert ours.decode_frequency(got[0][3]) == got[0][1]


def test_counted_formats_accept_pre_analysed_lists():
    terms = ["hoa", "binh", "hoa"]
    assert _sorted(CountedFrequency().word_values(terms, folded_analyzer())) == \
        _sorted(Frequency().word_values(terms, folded_analyzer()))
    assert _sorted(CountedPositions().word_values(terms, folded_analyzer())) == \
        _sorted(Positions().word_values(terms, folded_analyzer()))
