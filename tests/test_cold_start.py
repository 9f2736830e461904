"""What a process pays before its first search (issue 11: `tracuu search` as a whole process).

Speed itself is measured by bench/search.py; these tests pin the causes: a `tracuu search`
command line registers only its own sub-command, and the search side imports neither the web
stack nor the crawler's HTTP client."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tracuu import cli

ROOT = Path(__file__).resolve().parents[1]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         cwd=ROOT, capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT)})
    return set(out.stdout.split())


def test_search_command_line_registers_only_search() -> None:
    parser = cli.build_parser(["search", "hòa bình"])
    sub = next(a for a in parser._actions if a.dest == "command")
    assert list(sub.choices) == ["search"]
    args = parser.parse_args(["-v", "search", "hòa bình", "--limit", "3"])
    assert args.command == "search" and args.limit == 3


def test_other_command_lines_register_every_command() -> None:
    for argv in ([], ["--help"], ["nosuch"], ["spark-ingest", "x"]):
        parser = cli.build_parser(argv)
        sub = next(a for a in parser._actions if a.dest == "command")
        assert {"search", "ingest", "serve", "trends", "kwic"} <= set(sub.choices), argv
    assert "spark-ingest" in next(a for a in cli.build_parser(["spark-ingest"])._actions
                                  if a.dest == "command").choices


def test_search_path_imports_no_web_or_http_client() -> None:
    loaded = _modules_after("from tracuu import cli\ncli.build_parser(['search', 'q'])\n"
                            "import tracuu.search_cmd, search.searcher, search.backend")
    assert "search.searcher" in loaded
    for heavy in ("flask", "werkzeug", "requests", "urllib3", "pyarrow", "ingest.crawl", "ingest.parse"):
        assert heavy not in loaded, heavy
