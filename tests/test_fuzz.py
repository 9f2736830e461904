"""Property-based tests of tracuu's four hostile-input surfaces (issue 14, item 4).

* the query parser and searcher: any Unicode string gives a result or a QueryError with a
  message, never another exception;
* the date parsers (page dates and the search filters): any string;
* the HTML parser on mutated portal pages (the bundled samples with flipped, cut, duplicated or
  injected bytes): a Document or a SkipPage with a reason;
* the WARC reader on byte-mutated records, gzipped or not: pages or SourceError items.

Hangs: each example runs under hypothesis's deadline, set at 10 s as a guard against a parser
that never returns (a real example takes milliseconds; this is not a speed test). bench/fuzz.py
runs the same targets over 100,000+ inputs.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_targets import (
    date_target,
    html_target,
    mutate,
    query_target,
    seed_pages,
    seed_records,
    warc_target,
)


def guarded(n: int) -> settings:
    return settings(max_examples=n, deadline=timedelta(seconds=10), database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: Query syntax pieces, so generated strings hit the parser's operators as well as random text.
SYNTAX = st.sampled_from(['"', "(", ")", "+", "-", "*", "AND", "OR", "NOT", "title:", "site:", "category:",
                          "hòa", "hoa", "bình", "đ", "Đ", "nghị định 15/2020/NĐ-CP", "\u0301", "\u200b", " ",
                          "&amp;", "Ã¡", "ß", "İ", "\U0001F600", "\x00", "\\", ":"])


@guarded(300)
@given(st.one_of(st.text(max_size=300), st.lists(st.one_of(SYNTAX, st.text(max_size=8)), max_size=40).map("".join)))
def test_any_query_string_gives_a_result_or_a_clear_error(q):
    query_target(q)


DATE_BITS = st.sampled_from(["/", "-", ".", " ", "ngày", "tháng", "năm", "lúc", "SA", "CH", "GMT+7", "T", "Z",
                             ":", "2020", "31", "02", "13", "0", "99999", "Thứ Hai,", "10/2020", "2020-10-05"])


@guarded(300)
@given(st.one_of(st.text(max_size=120), st.lists(st.one_of(DATE_BITS, st.text(max_size=4)), max_size=30).map("".join)))
def test_any_date_string_parses_or_is_refused_clearly(text):
    date_target(text)


@guarded(120)
@given(st.integers(min_value=0, max_value=len(seed_pages()) - 1), st.randoms(use_true_random=False))
def test_mutated_portal_pages_parse_or_are_skipped_with_a_reason(i, rnd):
    url, data = seed_pages()[i]
    html_target(mutate(data, random.Random(rnd.random())), url if rnd.random() < 0.8 else None)


@guarded(150)
@given(st.integers(min_value=0, max_value=len(seed_records()) - 1), st.randoms(use_true_random=False), st.booleans())
def test_byte_mutated_warc_records_give_pages_or_errors(tmp_path_factory, i, rnd, compress):
    tmp = Path(tmp_path_factory.mktemp("warcfuzz", numbered=True))
    records = seed_records()
    record = mutate(records[i], random.Random(rnd.random()))
    # sometimes a good record after the damaged one: the reader must resync and still find it
    if rnd.random() < 0.5:
        record += records[(i + 1) % len(records)]
    warc_target(record, compress, tmp)
