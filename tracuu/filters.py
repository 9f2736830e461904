"""The filter options that ``tracuu search``, ``kwic`` and ``trends`` share.

Why: the three commands filter the same way (site, category, year, date range) and the web reads
the same parameters; one definition keeps their names, types and help text from drifting apart.
"""

from __future__ import annotations

import argparse


def add_filter_options(p: argparse.ArgumentParser) -> None:
    """``--site``, ``--category``, ``--year`` (each repeatable), ``--from`` and ``--to``."""
    p.add_argument("--site", action="append", default=[], metavar="S", help="lọc theo trang web (repeatable)")
    p.add_argument("--category", action="append", default=[], metavar="C",
                   help="lọc theo chuyên mục, ví dụ \"Tin tức/Sự kiện\" (repeatable)")
    p.add_argument("--year", action="append", type=int, default=[], metavar="Y", help="lọc theo năm (repeatable)")
    p.add_argument("--from", dest="date_from", metavar="D", help="từ ngày: 2020, 10/2020, 05/10/2020, ISO")
    p.add_argument("--to", dest="date_to", metavar="D", help="đến ngày: 2020, 10/2020, 05/10/2020, ISO")


def filter_values(args: argparse.Namespace) -> dict:
    """The parsed filters as keyword arguments of ``search.model.SearchRequest``."""
    return {"site": args.site, "category": args.category, "year": args.year,
            "date_from": args.date_from, "date_to": args.date_to}
