"""Long fuzzing run over tracuu's four hostile-input surfaces (issue 14, item 4).

    python bench/fuzz.py [--inputs 100000] [--seed 14] [--hang 10]

The targets are tests/fuzz_targets.py's (the hypothesis tests run them briefly in the suite):
query strings through the parser and a real searcher, date strings through both date parsers,
mutated portal pages through the HTML parser, byte-mutated WARC records (gzipped or not) through
the WARC reader. Inputs are generated here with a seeded random mutator (much faster per input than
hypothesis's engine, so 100,000 fit in minutes): random Unicode and query-syntax soup, date-piece
soup, and the bundled sample pages and WARC records with 1–8 random edits each (bit flips,
cuts, duplicated spans, injected markup, truncation, long runs of one token).

A *crash* is any exception a target lets escape; a *hang* is an input that has used ``--hang``
seconds of CPU (SIGPROF: on a shared machine, wall time also counts the time other processes
had the cores), or 6 × that in wall-clock time (SIGALRM, for an input stuck without computing). Each is printed with the input's repr (first 300 characters) and
saved under ``--out`` so it can be replayed. Prints inputs tried, crashes and hangs per target,
and inputs per second (noisy on a shared machine; the counts are what matters).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fuzz_targets import (  # noqa: E402
    date_target,
    html_target,
    mutate,
    query_target,
    seed_pages,
    seed_records,
    warc_target,
)

QUERY_BITS = ['"', "(", ")", "+", "-", "*", " AND ", " OR ", " NOT ", "title:", "site:", "category:", "year:",
              "hòa", "hoa", "bình", "đ", "Đ", "nghị định", "15/2020/NĐ-CP", "\u0301", "\u0300", "\u200b", " ",
              "&amp;", "&#7871;", "Ã¡", "Æ°", "ß", "İ", "ﬁ", "\U0001F600", "\x00", "\\", ":", "cải cách", "hành chính",
              "*" * 20, "a" * 300, "(" * 50, '"' * 31]
DATE_BITS = ["/", "-", ".", " ", "ngày", "tháng", "năm", "lúc", "SA", "CH", "GMT+7", "+07:00", "T", "Z", ":",
             "2020", "31", "02", "13", "0", "99999", "Thứ Hai,", "10/2020", "2020-10-05", "24:00", "1900", "9999",
             "0" * 40, "٣", "２０２０"]


def random_text(rng: random.Random, max_len: int) -> str:
    """Unicode from every plane, weighted toward Vietnamese letters, marks and ASCII."""
    out = []
    for _ in range(rng.randint(0, max_len)):
        r = rng.random()
        if r < 0.4:
            out.append(chr(rng.randint(0x20, 0x7E)))
        elif r < 0.6:
            out.append(chr(rng.choice([0xE0, 0xE1, 0x103, 0x111, 0x1B0, 0x1A1, 0x1EA1, 0x1EBF, 0x1EC7, 0x1EE9])))
        elif r < 0.7:
            out.append(chr(rng.randint(0x300, 0x36F)))
        elif r < 0.95:
            out.append(chr(rng.randint(0, 0x10FFFF)))
        else:
            out.append(rng.choice(["\n", "\t", "\r", "\x0b", "\u2028", "\ufeff"]))
    return "".join(out)


def soup(rng: random.Random, bits: list[str], max_parts: int) -> str:
    return "".join(rng.choice(bits) if rng.random() < 0.6 else random_text(rng, 6)
                   for _ in range(rng.randint(0, max_parts)))


class Hang(Exception):
    pass


def _alarm(*_: object) -> None:
    raise Hang


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=100_000, help="total inputs over the four targets")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--hang", type=float, default=10.0, help="seconds before an input counts as a hang")
    ap.add_argument("--out", default=str(REPO / "bench" / "fuzz-findings"), help="where failing inputs are saved")
    args = ap.parse_args()
    import logging

    logging.disable(logging.CRITICAL)
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - warcio prints a warning per damaged record
    rng = random.Random(args.seed)
    pages, records = seed_pages(), seed_records()
    tmp = Path(tempfile.mkdtemp(prefix="tracuu-fuzz-"))
    # share of the inputs per target: the cheap ones get more
    shares = {"query": 0.40, "date": 0.35, "html": 0.10, "warc": 0.15}
    plan = [(name, int(args.inputs * share + 0.5)) for name, share in shares.items()]

    def make(name: str):
        if name == "query":
            q = soup(rng, QUERY_BITS, 30) if rng.random() < 0.7 else random_text(rng, 300)
            return q, lambda: query_target(q)
        if name == "date":
            t = soup(rng, DATE_BITS, 20) if rng.random() < 0.7 else random_text(rng, 80)
            return t, lambda: date_target(t)
        if name == "html":
            url, data = rng.choice(pages)
            m = mutate(data, rng)
            u = url if rng.random() < 0.8 else None
            return m, lambda: html_target(m, u)
        i = rng.randrange(len(records))
        rec = mutate(records[i], rng)
        if rng.random() < 0.5:
            rec += records[(i + 1) % len(records)]
        gz = rng.random() < 0.5
        return rec, lambda: warc_target(rec, gz, tmp)

    query_target("khởi động")  # build the fuzz index before the clock starts
    signal.signal(signal.SIGALRM, _alarm)
    signal.signal(signal.SIGPROF, _alarm)
    totals = {"inputs": 0, "crashes": 0, "hangs": 0}
    out_dir = Path(args.out)
    print(f"bench/fuzz.py: {args.inputs} inputs, seed {args.seed}, hang after {args.hang:g} s of CPU "
          f"({args.hang * 6:g} s wall)")
    for name, n in plan:
        crashes = hangs = 0
        slowest = 0.0
        t0 = time.monotonic()
        for k in range(n):
            value, run = make(name)
            start = time.monotonic()
            signal.setitimer(signal.ITIMER_PROF, args.hang)
            signal.setitimer(signal.ITIMER_REAL, args.hang * 6)
            try:
                run()
            except Hang:
                hangs += 1
                _save(out_dir, name, "hang", k, value, "")
            except Exception:  # noqa: BLE001 - a crash is what we count
                crashes += 1
                _save(out_dir, name, "crash", k, value, traceback.format_exc())
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.setitimer(signal.ITIMER_REAL, 0)
            slowest = max(slowest, time.monotonic() - start)
        secs = time.monotonic() - t0
        totals["inputs"] += n
        totals["crashes"] += crashes
        totals["hangs"] += hangs
        print(f"  {name:6s} {n:7d} inputs  {crashes} crashes  {hangs} hangs  {n / secs:8.1f} inputs/s  "
              f"slowest {slowest * 1000:.0f} ms", flush=True)
    print(f"total  {totals['inputs']} inputs  {totals['crashes']} crashes  {totals['hangs']} hangs")
    return 1 if totals["crashes"] or totals["hangs"] else 0


def _save(out_dir: Path, target: str, kind: str, k: int, value, tb: str) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{target}-{kind}-{k}-{os.getpid()}"
    data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    path.with_suffix(".bin").write_bytes(data)
    if tb:
        path.with_suffix(".txt").write_text(tb, encoding="utf-8")
    print(f"    {kind}: {target} input {k} saved as {path}.bin: {value[:300]!r}", flush=True)
    if tb:
        print("      " + tb.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
