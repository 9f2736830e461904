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


def _named_command(argv: Sequence[str]) -> str | None:
    """The sub-command module the command line names (``search`` → ``search_cmd``), if any.

    Why: registering every sub-command imports every ``*_cmd`` module and what they import at
    the top (the parser, the crawler, requests…): ~0.1 s of CPU that a ``tracuu search`` at a
    terminal pays before it opens the index (issue 11). Only top-level options (``-v``) may
    come before the command's name; anything else builds the whole parser."""
    for arg in argv:
        if arg in ("-v", "-vv", "-vvv", "--verbose"):
            continue
        if arg.startswith("-"):
            return None
        name = arg.replace("-", "_") + "_cmd"
        return name if name in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The ``tracuu`` parser: with ``argv``, only the sub-command it names is registered (when a
    module of that name exists and registers it); otherwise every sub-command."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="tracuu",
        description="Tra cứu: thu thập, phân tích và tìm kiếm trang cổng thông tin tiếng Việt.",
    )
    parser.add_argument("--version", action="version", version=f"tracuu {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="ghi log chi tiết hơn")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = _named_command(argv) if argv is not None else None
    if named is not None:
        importlib.import_module(f"tracuu.{named}").register(subparsers)
        wanted = next(a for a in argv if not a.startswith("-"))
        if wanted in subparsers.choices:
            return parser
        # the module registers its command under another name: register the others too
    for name in COMMANDS:
        if name != named:
            importlib.import_module(f"tracuu.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
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
