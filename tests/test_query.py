"""Query parsing and compiling without an index, and the date-period parser."""

from __future__ import annotations

from datetime import datetime

import pytest

from ingest.document import VN_TZ
from search import query as Q
from search.dates import date_range, period
from search.model import QueryError


def kinds(q: str) -> list[tuple[str, str, str]]:
    return [(u.kind, u.mode, u.raw) for u in Q.parse(q).units]


def no_expansion(pairs, limit):
    return []


def test_words_phrases_and_modifiers():
    assert kinds('ủy ban +nhân -"dân tộc"') == [
        ("word", "", "ủy"), ("word", "", "ban"), ("word", "+", "nhân"), ("phrase", "-", "dân tộc")]


def test_english_operators_only_in_capitals():
    p = Q.parse("thuế OR phí")
    assert len(p.alternatives) == 2
    p = Q.parse("thuế or phí")
    assert len(p.alternatives) == 1 and [u.raw for u in p.units] == ["thuế", "or", "phí"]
    assert kinds("thuế AND phí") == [("word", "+", "thuế"), ("word", "+", "phí")]
    assert kinds("thuế NOT phí") == [("word", "", "thuế"), ("word", "-", "phí")]


def test_vietnamese_capitals_are_words():
    assert kinds("KHÔNG thu phí") == [("word", "", "KHÔNG"), ("word", "", "thu"), ("word", "", "phí")]
    assert [u.raw for u in Q.parse("thuế VÀ phí HOẶC lệ phí").units] == ["thuế", "VÀ", "phí", "HOẶC", "lệ", "phí"]


def test_lone_operators_are_ignored_with_a_note():
    p = Q.parse("thuế AND")
    assert kinds("thuế AND") == [("word", "", "thuế")] and p.notes
    assert kinds("OR thuế") == [("word", "", "thuế")]
    with pytest.raises(QueryError, match="không có từ nào"):
        Q.parse("AND OR NOT")


def test_unbalanced_quote_reads_the_rest_as_words():
    assert kinds('"hòa bình') == [("word", "", "hòa"), ("word", "", "bình")]
    assert kinds('"a b" "c') == [("phrase", "", "a b"), ("word", "", "c")]


def test_smart_quotes_are_quotes():
    assert kinds("“hòa bình”") == [("phrase", "", "hòa bình")]


def test_fields():
    assert kinds("title:thuế site:mof.gov.vn category:\"Tài chính\"") == [
        ("word", "", "thuế"), ("site", "", "mof.gov.vn"), ("category", "", "Tài chính")]
    assert Q.parse("title:thuế").units[0].groups == ("title",)
    p = Q.parse("nosuch:thuế")
    assert kinds("nosuch:thuế") == [("word", "", "thuế")] and "không tồn tại" in p.notes[0]
    assert Q.parse("TITLE:thuế").units[0].groups == ("title",)


def test_prefixes():
    u = Q.parse("hoà*").units[0]
    assert u.kind == "prefix" and set(u.prefixes_e) == {"hoà", "hòa"}
    u = Q.parse("HUỲ*").units[0]
    assert set(u.prefixes_e) >= {"huỳ", "hùy"}
    u = Q.parse("hoa*").units[0]
    assert u.prefixes_f == ["hoa"] and not u.prefixes_e
    assert Q.parse("a*").units[0].kind == "word"  # too short to expand
    with pytest.raises(QueryError, match=r"Dấu \*"):
        Q.parse("*")
    with pytest.raises(QueryError):
        Q.parse("* ** ***")


def test_document_numbers_are_units():
    u = Q.parse("15/2020/ND-CP").units[0]
    assert u.kind == "docnum" and u.docnums == ["15/2020/nd-cp"]
    assert [s.folded for s in u.syllables] == ["15", "2020", "nd", "cp"]


def test_hostile_lengths_and_control_characters():
    with pytest.raises(QueryError, match="quá dài"):
        Q.parse("x" * 5000)
    assert [u.raw for u in Q.parse("thuế\x00\x1b phí\x07").units] == ["thuế", "phí"]
    p = Q.parse(" ".join(f"từ{i}" for i in range(60)))
    assert len(p.units) == Q.MAX_UNITS and p.notes


def test_short_queries_require_every_word_long_ones_a_share():
    c = Q.compile_query(Q.parse("cải cách hành"), no_expansion)
    assert isinstance(c.match, Q.AllOf) and len(c.match.parts) == 3
    c = Q.compile_query(Q.parse("thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ"), no_expansion)
    (atleast,) = [p for p in ([c.match] if not isinstance(c.match, Q.AllOf) else c.match.parts)
                  if isinstance(p, Q.AtLeast)]
    assert atleast.count == 7 and len(atleast.parts) == 11  # 60 % of 11 words, rounded up


def test_scoring_query_fields_follow_accents():
    c = Q.compile_query(Q.parse("ủy ban"), no_expansion)
    terms = {(t.fieldname, t.text) for t in c.score.children() if hasattr(t, "fieldname")}
    assert ("body_e", "ủy") in terms and ("body_f", "uy") in terms
    assert ("body_f", "ban") in terms and ("body_e", "ban") not in terms
    assert ("body_b", "uy_ban") in terms and ("title_b", "uy_ban") in terms
    assert c.bigrams == ["uy_ban"] and c.chains == [["uy", "ban"]]


def test_excluded_words_are_not_scored_or_highlighted():
    c = Q.compile_query(Q.parse('ủy ban -"nhân dân"'), no_expansion)
    assert isinstance(c.match, Q.Without)
    assert "nhan" not in c.highlight_terms and {"uy", "ban"} <= c.highlight_terms


def test_empty_query_matches_everything():
    c = Q.compile_query(Q.parse(""), no_expansion)
    assert isinstance(c.match, Q.Everything) and c.score is None


# -- dates ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,start,end", [
    ("2020", datetime(2020, 1, 1), datetime(2020, 12, 31, 23, 59, 59, 999999)),
    ("10/2020", datetime(2020, 10, 1), datetime(2020, 10, 31, 23, 59, 59, 999999)),
    ("02/2024", datetime(2024, 2, 1), datetime(2024, 2, 29, 23, 59, 59, 999999)),
    ("05/10/2020", datetime(2020, 10, 5), datetime(2020, 10, 5, 23, 59, 59, 999999)),
    ("5-10-2020", datetime(2020, 10, 5), datetime(2020, 10, 5, 23, 59, 59, 999999)),
    ("2020-10-05", datetime(2020, 10, 5), datetime(2020, 10, 5, 23, 59, 59, 999999)),
    ("2020-10", datetime(2020, 10, 1), datetime(2020, 10, 31, 23, 59, 59, 999999)),
    ("ngày 05/10/2020", datetime(2020, 10, 5), datetime(2020, 10, 5, 23, 59, 59, 999999)),
])
def test_date_periods(text, start, end):
    assert period(text) == (start.replace(tzinfo=VN_TZ), end.replace(tzinfo=VN_TZ))


def test_iso_instant_and_range():
    s, e = period("2020-10-05T10:00:00+00:00")
    assert s == e == datetime(2020, 10, 5, 17, 0, tzinfo=VN_TZ)
    start, end = date_range("2019", "2020")
    assert start == datetime(2019, 1, 1, tzinfo=VN_TZ) and end.year == 2020 and end.month == 12
    assert date_range(None, "") == (None, None)


@pytest.mark.parametrize("bad", ["abc", "31/02/2020", "13/2020", "2020/13/01", "  "])
def test_bad_dates_are_clear_errors(bad):
    with pytest.raises(QueryError, match="Không hiểu ngày"):
        period(bad)


def test_long_queries_take_common_words_as_present():
    common = {"cua", "va", "cac", "co", "the", "la"}.__contains__
    # 6 words, 3 common: 60 % of 6 = 4 words needed, 3 come free, 1 of the 3 rarer words must match
    c = Q.compile_query(Q.parse("thủ tục của và các cấp"), no_expansion, common)
    assert isinstance(c.match, Q.AtLeast) and c.match.count == 1 and len(c.match.parts) == 3
    # common words get no body/title syllable terms, only the pairs around them
    fields = {(t.fieldname, t.text) for t in c.score.children()}
    assert ("body_f", "cua") not in fields and ("body_b", "tuc_cua") in fields
    # all common: half of the adjacent pairs decide
    c = Q.compile_query(Q.parse("của và các có thể là"), no_expansion, common)
    assert isinstance(c.match, Q.AtLeast) and c.match.count == 3 and len(c.match.parts) == 5
    assert all(isinstance(p, Q.TermsAny) and p.terms[0][0] == "title_b" for p in c.match.parts)
    # short queries are unaffected: every word required
    c = Q.compile_query(Q.parse("của và các"), no_expansion, common)
    assert isinstance(c.match, Q.AllOf) and len(c.match.parts) == 3
