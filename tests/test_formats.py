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


ODD_TEXTS = [
    TEXT, "", "   ", "a_b c_d hòa_bình", "\u0301abc def", "Hoà bình, ổn định. Tiếp\n\ntheo", "x " * 300,
    "so\u00adft hy\u00adphen, NFD: Hoa\u0300 bi\u0300nh", "Điều 5 khoản a; Luật số 59/2020/QH14 (sửa đổi)",
]


def test_index_postings_equal_field_index():
    """The segment writer's fast path (parallel lists) gives what ``field.index`` gives, for
    texts on the C-speed path and on the general one (underscores, leading marks, empty)."""
    from whoosh.fields import TEXT as WTEXT

    for analyzer in (exact_analyzer(), folded_analyzer(), bigram_analyzer()):
        for fmt in (CountedFrequency(field_boost=1.0), CountedPositions(field_boost=1.0),
                    CountedPositions(field_boost=1.5)):
            field = WTEXT(analyzer=analyzer)
            field.format = fmt
            for text in ODD_TEXTS:
                got = fmt.index_postings(text, analyzer)
                if got is None:  # bigram positions are not list indexes: field.index is used
                    assert isinstance(fmt, CountedPositions) and analyzer == bigram_analyzer()
                    continue
                terms, weights, values, length = got
                got = sorted(zip(terms, weights, values, strict=True))
                want = sorted((t, w, v) for t, _f, w, v in field.index(text))
                assert got == want, (text, analyzer)
                assert length == sum(f for _t, f, _w, _v in field.index(text))


def test_index_postings_declines_what_it_cannot_count():
    assert CountedFrequency().index_postings(["hoa", "binh"], folded_analyzer()) is None
    from whoosh.analysis import StandardAnalyzer
    assert CountedPositions().index_postings("hoa binh", StandardAnalyzer()) is None


def test_compact_formats_carry_what_whoosh_formats_carry():
    """CountedWeights: Whoosh's frequency as the weight, no value bytes; CompactPositions: the
    same positions and frequencies as ``Positions``, decoded by its own decoders, in fewer bytes."""
    from index.formats import CompactPositions, CountedWeights

    for analyzer in (exact_analyzer(), folded_analyzer(), bigram_analyzer()):
        want = {w: (n, wt) for w, n, wt, _v in Frequency(field_boost=1.0).word_values(TEXT, analyzer, mode="index")}
        got = CountedWeights(field_boost=1.0).word_values(TEXT, analyzer, mode="index")
        assert {w: (n, wt) for w, n, wt, _v in got} == want and all(v == b"" for *_x, v in got)
        fmt, ref = CompactPositions(field_boost=2.0), Positions(field_boost=2.0)
        want_pos = {w: (n, wt, ref.decode_positions(v)) for w, n, wt, v in ref.word_values(TEXT, analyzer,
                                                                                         mode="index")}
        got_pos = fmt.word_values(TEXT, analyzer, mode="index")
        assert {w: (n, wt, fmt.decode_positions(v)) for w, n, wt, v in got_pos} == want_pos
        assert all(fmt.decode_frequency(v) == n and fmt.decode_weight(v) == 2.0 * n for _w, n, _wt, v in got_pos)
        assert sum(len(v) for *_x, v in got_pos) * 3 < sum(len(v) for *_x, v in ref.word_values(TEXT, analyzer))
    big = [0, 5, 200, 70_000, 3_000_000]  # varints of several bytes
    assert CompactPositions().decode_positions(CompactPositions().encode(big)) == big
    assert CompactPositions().decode_frequency(CompactPositions().encode(big)) == 5


def test_compact_index_postings_equal_field_index():
    from whoosh.fields import TEXT as WTEXT

    from index.formats import CompactPositions, CountedWeights

    for analyzer in (exact_analyzer(), folded_analyzer(), bigram_analyzer()):
        for fmt in (CountedWeights(field_boost=1.0), CompactPositions(field_boost=1.0)):
            field = WTEXT(analyzer=analyzer)
            field.format = fmt
            for text in ODD_TEXTS:
                fast = fmt.index_postings(text, analyzer)
                if fast is None:
                    continue
                terms, weights, values, length = fast
                slow = sorted((t, w, v) for t, _n, w, v in field.index(text))
                assert sorted(zip(terms, weights, values, strict=True)) == slow
                assert length == sum(n for _t, n, _w, _v in field.index(text))
