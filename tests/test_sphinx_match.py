"""The SphinxQL translation without an engine: token encoding and MATCH text of the query tree."""

from __future__ import annotations

from search import sphinx_match as sm
from search.query import compile_query, parse


def text(q: str) -> tuple[str, list]:
    filters: list = []
    return sm.match_text(compile_query(parse(q), lambda _p, _l: [], None), filters), filters


def test_tokens_are_ascii_words_and_keep_prefixes():
    assert sm.token("hoa") == "hoa" and sm.token("cong_hoa") == "cong_hoa"
    enc = sm.token("hòa")
    assert enc.startswith("_") and enc.isascii() and enc != sm.token("hoà")
    assert sm.token("hòan").startswith(sm.token("hòa"))  # prefix search survives the encoding
    assert sm.token("15/2020/nđ-cp").startswith("_") and sm.ANY_DOC != sm.token("all")


def test_phrase_exclusion_prefix_and_quorum():
    m, _ = text('"cải cách" -thuế hòa*')
    assert '@title_f "cai cach"' in m and '@body_f "cai cach"' in m
    assert "-(@(title_f,body_f) thue)" in m
    assert f"{sm.token('hòa')}*" in m
    q, _ = text("một hai ba bốn năm")
    assert '"mot hai ba bon nam"/3' in q


def test_site_and_category_become_filters_also_when_excluded():
    m, filters = text('site:hoabinh.gov.vn -category:"Tin tức" ủy ban')
    assert ("site", ["hoabinh.gov.vn"]) in filters and ("-category", ["Tin tức"]) in filters
    assert "site" not in m and "uy" in m
    only_not, _ = text("-thuế")
    assert only_not.startswith(f"(@docnum {sm.ANY_DOC} -")


def test_site_keys_cover_parent_domains():
    keys = sm.site_keys("cchc.BacNinh.gov.vn")
    assert sm.key_crc("bacninh.gov.vn") in keys and sm.key_crc("cchc.bacninh.gov.vn") in keys
