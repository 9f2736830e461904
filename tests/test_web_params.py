"""The shared query-parameter model: parsing, refusing with reasons, and building URLs back."""

from __future__ import annotations

from datetime import UTC
from urllib.parse import parse_qsl

import pytest
from werkzeug.datastructures import MultiDict

from web.formatting import http_url, marked, vn_datetime
from web.params import Limits, ParamError, parse_search_args, to_args, toggle, without_filters


def parse(qs: str, **kw):
    return parse_search_args(MultiDict(parse_qsl(qs, keep_blank_values=True)), **kw)


def test_defaults_and_empty_form_fields():
    req = parse("q=&from=&to=&site=")
    assert req.q == "" and req.sort == "newest" and req.page == 1 and req.per_page == 10
    assert req.site == [] and req.date_from is None
    assert parse("q=abc").sort == "relevance"


def test_full_request_round_trips():
    qs = "q=c%E1%BA%A3i+c%C3%A1ch&site=a.gov.vn&site=b.gov.vn&category=T%C3%ADn+t%E1%BB%A9c&year=2020&from=2019&to=10%2F2020&sort=newest&page=3&per_page=20"
    req = parse(qs)
    assert req.q == "cải cách" and req.site == ["a.gov.vn", "b.gov.vn"] and req.year == [2020]
    assert req.date_from == "2019" and req.date_to == "10/2020" and req.sort == "newest"
    assert (req.page, req.per_page) == (3, 20)
    again = parse_search_args(MultiDict(to_args(req)))
    assert again == req


def test_nfd_query_becomes_nfc():
    assert parse("q=ho%CC%80a+bi%CC%80nh").q == "hòa bình"


def test_all_problems_reported_at_once():
    with pytest.raises(ParamError) as info:
        parse("x=1&per_page=0&sort=up&year=abc")
    assert {p.param for p in info.value.problems} == {"x", "per_page", "sort", "year"}


def test_limits_are_configurable():
    with pytest.raises(ParamError, match="tối đa 5"):
        parse("q=abcdef", limits=Limits(max_query_chars=5))


@pytest.mark.parametrize("text", ["2020", "10/2020", "2/2024", "05/10/2020", "2020-10-05"])
def test_date_forms_accepted(text):
    assert parse(f"from={text}").date_from == text


@pytest.mark.parametrize("text", ["31/02/2020", "13/2020", "hôm qua", "2020/10/05x"])
def test_bad_dates_name_the_parameter(text):
    with pytest.raises(ParamError) as info:
        parse(f"to={text}")
    assert [p.param for p in info.value.problems] == ["to"]


def test_reversed_range():
    with pytest.raises(ParamError, match="date range is reversed"):
        parse("from=10%2F2020&to=09%2F2020")
    assert parse("from=10%2F2020&to=10%2F2020").date_to == "10/2020"


def test_toggle_and_clear():
    req = parse("q=x&year=2020&site=a&page=4")
    assert dict(parse_qsl(toggle(req, "year", "2020")[1:])) == {"q": "x", "site": "a"}
    assert "year=2019" in toggle(req, "year", 2019) and "page" not in toggle(req, "year", 2019)
    assert without_filters(req) == "?q=x"


def test_marked_lets_only_mark_through():
    assert marked("a <mark>b</mark> &lt;c&gt;") == "a <mark>b</mark> &lt;c&gt;"
    assert "<script>" not in marked("<mark>x</mark><script>alert(1)</script>")
    assert marked("<mark>open") == "<mark>open</mark>"


def test_links_only_for_http():
    assert http_url("javascript:alert(1)") is None and http_url("data:text/html,x") is None
    assert http_url("https://a.gov.vn/x") == "https://a.gov.vn/x"


def test_vietnamese_time_format():
    from datetime import datetime

    assert vn_datetime(datetime(2018, 12, 21, 2, 26, tzinfo=UTC)) == "21/12/2018 09:26"
