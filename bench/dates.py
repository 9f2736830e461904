"""Benchmark: ingest.dates and ingest.textfix against the generic tools they replace, in one run.

Usage: python bench/dates.py [--rounds 5]

* ``parse_datetime`` against ``dateutil.parser.parse(fuzzy=True, dayfirst=True)`` on every input of
  tests/fixtures/date_cases.tsv: microseconds per call and rows right (dateutil's misses are the
  reason the module exists: SA/CH read as zones, GMT+7 as UTC-7, "năm 2018" as a date).
* ``repair_text`` against ``ftfy.fix_encoding`` on correct Vietnamese text (the common case: both
  must leave it alone, and it runs on every page and query), and on the garbled rows of the design
  doc's test table (which only repair_text recovers).

Calls are interleaved (one of ours, one of theirs) so both sides see the same load on a shared machine.
Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import ftfy  # noqa: E402
from dateutil import parser as du_parser  # noqa: E402

from ingest.dates import parse_datetime  # noqa: E402
from ingest.document import VN_TZ, iso  # noqa: E402
from ingest.textfix import repair_text  # noqa: E402

CLEAN = [
    "Kết quả thực hiện công tác cải cách hành chính tỉnh Lai Châu năm 2018",
    "Năm 2018, Tỉnh ủy, HĐND, UBND tỉnh đã tập trung lãnh đạo, chỉ đạo các cấp, các ngành thực hiện "
    "đồng bộ các nhiệm vụ cải cách hành chính; Ủy ban nhân dân tỉnh ban hành kế hoạch © 2018 » Tin tức",
    "Hoà Bình, thuỷ lợi, khoẻ — “Cổng thông tin điện tử” tỉnh Đắk Lắk, 25°C",
]
GARBLED = [
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Cµng hòa xã hµi chü nghîa Vi®t Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Côòng hoÌa xaÞ hôòi chuÒ nghiÞa Viêòt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Cá»™ng hÃ²a xÃ£ há»™i chá»§ nghÄ©a Viá»‡t Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
]


def _dateutil(text: str):
    warnings.simplefilter("ignore")  # dateutil warns about the "time zones" SA and CH on every call
    try:
        dt = du_parser.parse(text, fuzzy=True, dayfirst=True)
    except (ValueError, OverflowError):
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=VN_TZ)


def _race(inputs: list[str], ours, theirs, rounds: int) -> tuple[float, float]:
    """Seconds per call for each side, interleaved call by call."""
    t_ours = t_theirs = 0.0
    for _ in range(rounds):
        for text in inputs:
            t0 = time.perf_counter()
            ours(text)
            t1 = time.perf_counter()
            theirs(text)
            t2 = time.perf_counter()
            t_ours += t1 - t0
            t_theirs += t2 - t1
    n = rounds * len(inputs)
    return t_ours / n, t_theirs / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    with open(REPO / "tests" / "fixtures" / "date_cases.tsv", encoding="utf-8", newline="") as fh:
        rows = [(r["input"], r["expected"]) for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]
    inputs = [text for text, _ in rows]
    ours, theirs = _race(inputs, parse_datetime, _dateutil, args.rounds * 20)
    right_ours = sum((iso(parse_datetime(t)) or "none") == e for t, e in rows)
    right_theirs = sum((iso(_dateutil(t)) or "none") == e for t, e in rows)
    print(f"parse_datetime: {ours * 1e6:.1f} µs/call, {right_ours}/{len(rows)} rows right")
    print(f"dateutil fuzzy: {theirs * 1e6:.1f} µs/call, {right_theirs}/{len(rows)} rows right")
    print(f"speed ratio (dateutil / ours): {theirs / ours:.1f}x")
    net = "(Ngày đăng :21/12/2018 9:26:09 SA)"
    ours, theirs = _race([net], parse_datetime, _dateutil, args.rounds * 2000)
    print(f".NET form {net!r}: ours {ours * 1e6:.1f} µs, dateutil {theirs * 1e6:.1f} µs "
          f"(ratio {theirs / ours:.1f}x)")

    ours, theirs = _race(CLEAN, repair_text, ftfy.fix_encoding, args.rounds * 200)
    unchanged = all(repair_text(t) == (t, []) for t in CLEAN)
    print(f"correct text: repair_text {ours * 1e6:.1f} µs/call (unchanged: {unchanged}), "
          f"ftfy.fix_encoding {theirs * 1e6:.1f} µs/call, ratio {theirs / ours:.1f}x")
    ours, theirs = _race([g for g, _ in GARBLED], repair_text, ftfy.fix_encoding, args.rounds * 20)
    fixed_ours = sum(repair_text(g)[0] == want for g, want in GARBLED)
    fixed_theirs = sum(ftfy.fix_encoding(g) == want for g, want in GARBLED)
    print(f"garbled rows 64-69: repair_text {ours * 1e6:.0f} µs/call, {fixed_ours}/{len(GARBLED)} recovered; "
          f"ftfy.fix_encoding {theirs * 1e6:.0f} µs/call, {fixed_theirs}/{len(GARBLED)} recovered")


if __name__ == "__main__":
    main()
