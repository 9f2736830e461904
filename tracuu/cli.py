"""The ``tracuu`` command: one sub-command per module, each a thin shell over the library.

Exit status everywhere: 0 when everything was processed, 1 when any item was skipped or failed,
2 for usage errors (argparse's own convention). Bulk imports count non-pages (images, DOCX) in a
mirror or WARC as skipped without failing; see README.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from tracuu import __version__


def _command_modules() -> list[str]:
    """Every ``tracuu/*_cmd.py`` module, in the order a user meets them (then alphabetical)."""
    import pkgutil

    import tracuu

    found = {m.name for m in pkgutil.iter_modules(tracuu.__path__) if m.name.endswith("_cmd")}
    order = ["parse_cmd", "ingest_cmd", "crawl_cmd", "search_cmd", "serve_cmd", "export_cmd"]
    return [m for m in order if m in found] + sorted(found - set(order))


#: Sub-command modules; each exposes ``register(subparsers)`` which sets ``func`` on its parser.
COMMANDS: list[str] = _command_modules()


def _command_of(argv: Sequence[str]) -> str | None:
    """The ``X_cmd`` module of the sub-command named in ``argv``, when it is one by that name.

    Why: importing every command module (Flask, Whoosh, the index…) before running one cost
    ``tracuu parse`` a tenth of a second per process; only ``tracuu --help`` needs them all.
    """
    for arg in argv:
        if arg.startswith("-"):
            if arg in ("-h", "--help", "--version"):
                return None
            continue
        module = f"{arg}_cmd"
        return module if module in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; ``only`` registers that one command module (see ``_command_of``)."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="tracuu",
        description="Tra cứu: thu thập, phân tích và tìm kiếm trang cổng thông tin tiếng Việt.",
    )
    parser.add_argument("--version", action="version", version=f"tracuu {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="ghi log chi tiết hơn")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only:
        importlib.import_module(f"tracuu.{only}").register(subparsers)
        if only[:-4] in subparsers.choices:
            return parser
        return build_parser()  # a module named unlike its command: register them all
    for name in COMMANDS:
        importlib.import_module(f"tracuu.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_of(argv))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose > 1 else logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("tracuu: đã dừng (interrupted)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
