"""Tests for ingest.dates: every row of the shared date-case table plus edge cases of our own."""

from __future__ import annotations

import csv
from datetime import datetime

import pytest

from ingest.dates import VnParserInfo, find_datetimes, parse_datetime, parse_datetime_precision
from ingest.document import VN_TZ, iso
from tests.conftest import FIXTURES


def _cases() -> list[tuple[str, str, str]]:
    with open(FIXTURES / "date_cases.tsv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["input"], row["expected"], row["note"]) for row in reader]


CASES = _cases()


def test_case_table_is_complete() -> None:
    # The fixture is a copy of ../shared/cases/date_cases.tsv (62 rows); a truncated copy must fail.
    assert len(CASES) >= 62
    assert any(exp == "none" for _, exp, _ in CASES)


@pytest.mark.parametrize(("text", "expected", "note"), CASES, ids=[f"row{i + 2}" for i in range(len(CASES))])
def test_date_case_table(text: str, expected: str, note: str) -> None:
    got = parse_datetime(text)
    if expected == "none":
        assert got is None, note
    else:
        assert got is not None, note
        assert iso(got) == expected, note
        assert got.utcoffset() == VN_TZ.utcoffset(None)


def test_nbsp_row_really_has_nbsp() -> None:
    assert any("\u00a0" in text for text, _, _ in CASES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 12-hour clock edge cases
        ("21/12/2018 12:00:00 CH", "2018-12-21T12:00:00+07:00"),
        ("21/12/2018 11:59:59 CH", "2018-12-21T23:59:59+07:00"),
        ("21/12/2018 12:59:59 SA", "2018-12-21T00:59:59+07:00"),
        ("21/12/2018 9:26 PM", "2018-12-21T21:26:00+07:00"),
        ("21/12/2018 9:26 p.m.", "2018-12-21T21:26:00+07:00"),
        ("21/12/2018 9:26 sáng", "2018-12-21T09:26:00+07:00"),
        ("21/12/2018 3:05 chiều", "2018-12-21T15:05:00+07:00"),
        # zones: GMT+7 is UTC+7 (not POSIX), others are converted to Vietnam time
        ("21/12/2018 09:26 GMT+07:00", "2018-12-21T09:26:00+07:00"),
        ("21/12/2018 02:26 GMT", "2018-12-21T09:26:00+07:00"),
        ("21/12/2018 02:26 (UTC)", "2018-12-21T09:26:00+07:00"),
        ("21/12/2018 10:26 GMT+8", "2018-12-21T09:26:00+07:00"),
        ("2018-12-21T09:26:09.123456+07:00", "2018-12-21T09:26:09+07:00"),
        ("2018-12-20T21:26:09-05:00", "2018-12-21T09:26:09+07:00"),
        ("2018-12-21T02:26Z", "2018-12-21T09:26:00+07:00"),
        # time spelled out
        ("lúc 9 giờ 26 phút ngày 21/12/2018", "2018-12-21T09:26:00+07:00"),
        ("21/12/2018 lúc 14h", "2018-12-21T14:00:00+07:00"),
        ("Cập nhật lúc 14h05 ngày 21/12/2018", "2018-12-21T14:05:00+07:00"),
        # other shapes
        ("21.12.2018 09:26", "2018-12-21T09:26:00+07:00"),
        ("ngày 2 tháng 9 năm 1945", "1945-09-02T00:00:00+07:00"),
        ("Ngày 21 tháng 12 năm 2018", "2018-12-21T00:00:00+07:00"),
        ("29/02/2020", "2020-02-29T00:00:00+07:00"),
        ("21/12/99", "1999-12-21T00:00:00+07:00"),
        ("1st March 2020", "2020-03-01T00:00:00+07:00"),
        ("Sept. 5, 2019", "2019-09-05T00:00:00+07:00"),
        ("Friday, 21st of December, 2018", "2018-12-21T00:00:00+07:00"),
        ("Posted on Friday the 21st of December in 2018", "2018-12-21T00:00:00+07:00"),
        ("Posted December the 21st, 2018", "2018-12-21T00:00:00+07:00"),
        # a name like "Tin 24h" before a date is not a clock time
        ("Tin 24h 21/12/2018", "2018-12-21T00:00:00+07:00"),
        # strings of the portal families in ../shared/design/portal-markup.md
        ("27-08-2014 04:03 CH", "2014-08-27T16:03:00+07:00"),
        (" 21/07/2022 | 10:00 AM ", "2022-07-21T10:00:00+07:00"),
        ("Ngày đăng 18/03/2019 | 04:01 PM \u00a0|\u00a0View count: 536", "2019-03-18T16:01:00+07:00"),
        ("(Thứ hai, 19/04/2021 15:17)", "2021-04-19T15:17:00+07:00"),
        ("Monday, 24/05/2021, 22:38", "2021-05-24T22:38:00+07:00"),
        ("18:05 24/05/2021", "2021-05-24T18:05:00+07:00"),
        ("Đăng ngày 21/12/2018", "2018-12-21T00:00:00+07:00"),
        ("02/08/2021 lúc 18:47", "2021-08-02T18:47:00+07:00"),
        ("09:26 - 21/12/2018", "2018-12-21T09:26:00+07:00"),
        ("15:17 Thứ Hai, 19/04/2021", "2021-04-19T15:17:00+07:00"),
        ("Số: 123/2018/QĐ-UBND ngày 21/12/2018", "2018-12-21T00:00:00+07:00"),
        # more shapes
        ("2018/12/21 09:26", "2018-12-21T09:26:00+07:00"),
        ("từ 8h00’ đến 11h00’ ngày 13/3/2017", "2017-03-13T11:00:00+07:00"),
        ("21 tháng Mười Hai, 2018", "2018-12-21T00:00:00+07:00"),
        ("ngày 10 tháng giêng năm 2019", "2019-01-10T00:00:00+07:00"),
        ("Fri, 21 Dec 2018 02:26:09 GMT", "2018-12-21T09:26:09+07:00"),
        ("Thu, 20 Dec 2018 19:26:09 -0700", "2018-12-21T09:26:09+07:00"),
        ("21/12/2018 09:26 - 10:30", "2018-12-21T09:26:00+07:00"),
        # the first of several dates
        ("Ngày ban hành: 10/02/2017 Ngày có hiệu lực: 01/03/2017", "2017-02-10T00:00:00+07:00"),
    ],
)
def test_more_forms(text: str, expected: str) -> None:
    got = parse_datetime(text)
    assert got is not None
    assert iso(got) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "31/02/2020",  # invalid day
        "29/02/2019",  # not a leap year
        "32/01/2020",
        "13/13/2020",  # neither day-first nor month-first
        "21/12/2018 24:00",  # no hour 24
        "21/12/2018 23:60",
        "21/12/2018 13:05 SA",  # hour 13 with a 12-hour designator
        "21/12/2018 0:61:00 CH",
        "2018-13-01",
        "2018-02-30T10:00:00",
        "1.2.18",  # version number, not a date
        "Số 15/2020/NĐ-CP",  # document number
        "Quyết định 01/2021/TT-BTC",
        "tháng 12 năm 2018",  # month and year only
        "năm 2018",
        "Quý III năm 2021",
        "2 giờ trước",
        "5 phút trước",
        "Lượt xem: 1254310",
        "09:26",
        "Điện thoại: 0213.3876.543",
        "December 2018",
        "May I help you?",
        "21/12/1850",  # outside the plausible range
        # English text with a month and numbers that are not a day
        "In May 2018, 12 people were hired",
        "March 2019 report, page 3",
        "Top 10 of June 2020",
        "The 2018 May festival drew 5 groups",
        "Mar 2019 (12)",
        "Ngày 21/7, tại Hà Nội",  # no year
        "/upload/2021/09/29/file_ab12.pdf",  # a path, not a date line
        "Số 01/12/2018/TT-BTC",
        "Giá 1.500.000 đồng",
    ],
)
def test_not_a_date(text: str) -> None:
    assert parse_datetime(text) is None


def test_find_datetimes_spans_list_items() -> None:
    text = ("Hội nghị trực tuyến (30/09/2021 3:18:54 CH) Kết quả CCHC năm 2018(29/09/2021 2:08:40 CH)"
            " Tin ngắn 20/10/2021")
    found = find_datetimes(text)
    assert [iso(dt) for dt, _, _ in found] == [
        "2021-09-30T15:18:54+07:00", "2021-09-29T14:08:40+07:00", "2021-10-20T00:00:00+07:00"]
    assert [text[s:e] for _, s, e in found] == [
        "30/09/2021 3:18:54 CH", "29/09/2021 2:08:40 CH", "20/10/2021"]


def test_find_datetimes_time_before_is_not_claimed_twice() -> None:
    text = "Bài A 21/12/2018 09:26 Bài B 22/12/2018"
    found = find_datetimes(text)
    assert [iso(dt) for dt, _, _ in found] == ["2018-12-21T09:26:00+07:00", "2018-12-22T00:00:00+07:00"]


def test_find_datetimes_span_includes_zone_and_time_before() -> None:
    text = "x 21/12/2018 09:26 (GMT+7) y"
    [(dt, s, e)] = find_datetimes(text)
    assert text[s:e] == "21/12/2018 09:26 (GMT+7)"
    text = "Cập nhật lúc 09:26 ngày 21/12/2018."
    [(dt, s, e)] = find_datetimes(text)
    assert text[s:e] == "09:26 ngày 21/12/2018"


def test_results_are_aware_and_in_vietnam_time() -> None:
    dt = parse_datetime("2018-12-21T02:26:09Z")
    assert dt == datetime(2018, 12, 21, 9, 26, 9, tzinfo=VN_TZ)
    assert dt is not None and dt.tzinfo is not None and dt.utcoffset() == VN_TZ.utcoffset(None)


def test_vn_parserinfo_reads_sa_ch_as_am_pm() -> None:
    # The parserinfo we hand dateutil must not take SA/CH for time-zone names.
    from dateutil import parser

    info = VnParserInfo()
    assert parser.parse("21/12/2018 9:26:09 CH", parserinfo=info) == datetime(2018, 12, 21, 21, 26, 9)
    assert parser.parse("03/04/2019 12:05 SA", parserinfo=info) == datetime(2019, 4, 3, 0, 5)


@pytest.mark.parametrize("text", [t for t, e, _ in CASES if e != "none"] + [
    "(21/12/2018 12:05:00 SA)", "(21/12/2018 12:05:00 CH)", "(12/21/2018 9:26:09 AM)", "21/12/2018 9:26 pm",
    "(31/02/2020 9:26:09 SA)", "21/12/2018 13:05:00 SA 22/12/2018"])
def test_fast_path_agrees_with_general_path(text: str) -> None:
    # parse_datetime short-cuts the .NET form; find_datetimes always takes the general path.
    found = find_datetimes(text)
    assert parse_datetime(text) == (found[0][0] if found else None)


def test_fixture_matches_shared_table() -> None:
    # The committed copy must not drift from ../shared/cases/date_cases.tsv (skipped without ../shared).
    from tests.conftest import shared_path

    shared = shared_path("cases", "date_cases.tsv")
    assert (FIXTURES / "date_cases.tsv").read_bytes() == shared.read_bytes()


def test_random_date_like_strings_never_raise() -> None:
    # Fuzz with a fixed seed: pieces of every supported form glued at random must give None or an aware
    # Vietnam-time datetime, never an exception (the parser calls this on every string of a page).
    import random

    rng = random.Random(20181221)
    pieces = ["21", "12", "2018", "/", "-", ".", ":", " ", "9", "26", "09", "SA", "CH", "AM", "PM", "h", "giờ",
              "ngày", "tháng", "năm", "thg", ",", "(", ")", "GMT", "UTC", "+7", "+07:00", "Z", "T", "lúc",
              "Thứ Hai", "December", "21st", "of", "the", "in", "0", "99", "31", "02", "2020", "24", "60",
              "\u00a0", "trước", "đêm", "trưa", "sáng", "Mười Hai", "Sept.", "+0700", "-0500"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        got = parse_datetime(text)
        assert got is None or got.utcoffset() == VN_TZ.utcoffset(None), text
        for dt, start, end in find_datetimes(text):
            assert 0 <= start < end <= len(text)
            assert dt.utcoffset() == VN_TZ.utcoffset(None)


def test_every_portalgen_family_format_round_trips() -> None:
    """The generator's own date printers (../shared/portalgen; skipped without it): every family's
    detail and list strings for 2,000 random datetimes, incl. 12:xx and 00:xx, parse back exactly."""
    import importlib.util
    import random

    from tests.conftest import shared_path

    spec = importlib.util.spec_from_file_location("portalgen_dates", shared_path("portalgen", "portalgen", "dates.py"))
    assert spec is not None and spec.loader is not None
    pg = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pg)
    families = ["aspnet_vi", "bizweb_aspnet", "liferay62", "liferay7", "sharepoint_ministry",
                "tandan_sharepoint", "wordpress", "vcc_news"]
    rng = random.Random(7)
    for _ in range(2000):
        family = rng.choice(families)
        dt = pg.random_datetime(rng, family)
        want = dt.replace(tzinfo=VN_TZ)
        # only the .NET form prints seconds on detail pages
        want_detail = want if family in ("aspnet_vi", "tandan_sharepoint") else want.replace(second=0)
        assert parse_datetime(pg.detail_date(family, dt)) == want_detail, (family, pg.detail_date(family, dt))
        text = pg.list_date(family, dt)
        got = parse_datetime("Tiêu đề bài viết " + text)
        if family in ("sharepoint_ministry", "tandan_sharepoint"):
            assert got == want.replace(hour=0, minute=0, second=0), (family, text)
        elif family in ("aspnet_vi", "bizweb_aspnet"):
            assert got == want, (family, text)
        else:
            assert got == want.replace(second=0), (family, text)


# --------------------------------------------------------------------------- issue 9, item 2: more forms
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English month names and abbreviations
        ("05-Mar-2019", "2019-03-05T00:00:00+07:00"),
        ("05-Mar-2019 10:15", "2019-03-05T10:15:00+07:00"),
        ("05/Mar/2019 10:15 PM", "2019-03-05T22:15:00+07:00"),
        ("5-March-2019", "2019-03-05T00:00:00+07:00"),
        ("Mar 5, 2019", "2019-03-05T00:00:00+07:00"),
        ("Mar. 5, 2019 08:15 PM", "2019-03-05T20:15:00+07:00"),
        ("5 March 2019", "2019-03-05T00:00:00+07:00"),
        ("5 Mar 2019 14:30", "2019-03-05T14:30:00+07:00"),
        ("Tuesday, March 5, 2019, 8:15 am", "2019-03-05T08:15:00+07:00"),
        # English weekdays before a numeric date
        ("Friday, 05/03/2021, 08:15", "2021-03-05T08:15:00+07:00"),
        ("Monday, 24/05/2021, 22:38", "2021-05-24T22:38:00+07:00"),
        # lúc, |, - between date and time (and time before the date)
        ("02/08/2021 lúc 18:47", "2021-08-02T18:47:00+07:00"),
        ("21/07/2022 | 10:00 AM", "2022-07-21T10:00:00+07:00"),
        ("Ngày đăng 18/03/2019 | 04:01 PM | View count: 536", "2019-03-18T16:01:00+07:00"),
        ("21/07/2022 - 10:00", "2022-07-21T10:00:00+07:00"),
        ("10:00 - 21/07/2022", "2022-07-21T10:00:00+07:00"),
        ("Thứ Sáu, 05/03/2021 - 08:15", "2021-03-05T08:15:00+07:00"),
        # two-digit hours with SA/CH/AM/PM
        ("21/12/2018 09:26:09 SA", "2018-12-21T09:26:09+07:00"),
        ("21/12/2018 02:08 CH", "2018-12-21T14:08:00+07:00"),
        ("21/12/2018 04:01 PM", "2018-12-21T16:01:00+07:00"),
        ("21/12/2018 12:05 AM", "2018-12-21T00:05:00+07:00"),
        # dd-MM-yyyy
        ("27-08-2014", "2014-08-27T00:00:00+07:00"),
        ("27-08-2014 04:03 CH", "2014-08-27T16:03:00+07:00"),
    ],
)
def test_issue9_forms(text: str, expected: str) -> None:
    got = parse_datetime(text)
    assert got is not None, text
    assert iso(got) == expected


@pytest.mark.parametrize(
    "text",
    [
        # phone numbers
        "0912.345.678", "0912 345 678", "(024) 3825 1234", "024.3825.1234", "Hotline: 1900-1234",
        # document numbers
        "15/2020/NĐ-CP", "Quyết định số 123/QĐ-UBND", "Công văn 05/03/UBND-KT", "Số 01/12/2018/TT-BTC",
        # version strings
        "v1.2.3", "version 2.10.2019", "v2.10.2019", "Phiên bản 1.2.2019", "1.0.2019",
        # English month without a day or a year
        "Mar-2019", "05-Mar", "12/2019",
    ],
)
def test_issue9_none_cases(text: str) -> None:
    assert parse_datetime(text) is None


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("2019-03-05", "day"),
        ("2019-03-05T08:15", "minute"),
        ("2019-03-05T08:15:00+07:00", "second"),
        ("21/12/2018 9:26:09 SA", "second"),
        ("(21/12/2018 9:26 SA)", "minute"),
        ("Ngày 21/12/2018", "day"),
        ("21/12/2018 9h", "hour"),
        ("21/07/2022 | 10:00 AM", "minute"),
        ("the 21st of December in 2018", "day"),
    ],
)
def test_precision(text: str, precision: str) -> None:
    found = parse_datetime_precision(text)
    assert found is not None and found[1] == precision
    assert found[0] == parse_datetime(text)
