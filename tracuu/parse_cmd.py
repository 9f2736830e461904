"""``tracuu parse PATH... [--url URL] [--base-url URL] [--format json|jsonl]``.

Parses saved pages (single files, folders, HTTrack mirrors) into Document JSON on stdout, so that
the parser can be checked and scripted without building an index. Rules, from the issue:

- one file prints one JSON object (``--format json``, the default for one file); several paths or
  a directory print one object per line (``jsonl``), files in sorted path order (directories are
  walked recursively; ``--format json`` with several files prints one JSON array);
- ``--base-url https://host/`` makes each file's URL the base joined with its path relative to the
  directory given (``dir/tin-tuc/a.aspx`` → ``https://host/tin-tuc/a.aspx``; ``index.html``/
  ``index.htm`` stands for its folder's URL); for a file given directly the path is taken relative
  to the current directory (or just its name when outside it); a first folder named like the
  base's host is dropped. Without it, a folder named like a host (``sites/a.gov.vn/…``) gives
  ``https://a.gov.vn/…`` and an HTTrack ``Mirrored from`` comment gives the page's real URL:
  the mapping of :mod:`ingest.mirror`, shared with ``tracuu ingest`` (same URL, same id).
  ``--url`` sets the URL of a single file. Otherwise the URL comes from the page (canonical,
  og:url) or is null;
- every file that is skipped or fails gets exactly one line on stderr naming it and the reason,
  the other files are still parsed, and the exit status is 1 if anything was skipped or failed,
  0 otherwise, 2 for usage errors;
- attachment files (``.pdf .doc(x) .xls(x) .odt .ods .rtf``, by name or magic bytes) are
  extracted as ``tracuu ingest`` extracts them, in an isolated worker, into a Document with
  ``kind == "attachment"`` (same URL, same id as the index will hold); other non-page files are
  skipped with their reason;
- inside directories, hidden entries (``.git`` …), HTTrack's ``hts-cache/`` and its bookkeeping
  files (``hts-log.txt``, ``backblue.gif`` …) are not site content and are passed over silently;
  symbolic links to directories are not followed (no loops), links to files are;
- a page parsed only by replacing undecodable bytes (invalid UTF-8) is output with its repair
  recorded in ``source.repairs`` and one warning line on stderr; it does not change the exit status;
- only regular files are opened: a FIFO or device in a folder would otherwise block or stream
  forever, so it is reported as not a regular file;
- ``--explain`` says, for each field, which family selector or generic rule produced it and which
  candidates were weighed (dates with their source and precision, body containers with their
  scores, list blocks with their headings): plain text by default, an ``explain`` object in each
  record with ``--format json|jsonl``. A user facing a portal nobody described sees in one command
  why a field came out as it did.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from index.attachdocs import attachment_format
from index.attachextract import extract_document
from ingest import mirror
from ingest.decode import is_lossy
from ingest.document import Document
from ingest.explain import Explain
from ingest.parse import MAX_BYTES, SkipPage, parse_page

logger = logging.getLogger(__name__)

PROG = "tracuu parse"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "parse",
        help="phân tích trang đã lưu thành bản ghi JSON (parse saved pages into JSON documents)",
        description=(
            "Phân tích tệp HTML hoặc văn bản (tệp, thư mục, bản sao HTTrack) thành bản ghi JSON. "
            "Parse HTML or text pages (files, folders, HTTrack mirrors) into JSON documents."
        ),
        epilog=(
            "Mỗi tệp bị bỏ qua hoặc lỗi: một dòng trên stderr (one stderr line per skipped or failed "
            "file). Mã thoát (exit status): 0 = tất cả đã phân tích (all parsed), 1 = có tệp bị bỏ qua "
            "hoặc lỗi (something skipped or failed), 2 = sai cú pháp (usage error). Trong thư mục, tệp "
            "ẩn, hts-cache/ và tệp quản lý của HTTrack được bỏ qua không báo (hidden entries and "
            "HTTrack bookkeeping are passed over silently)."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="tệp hoặc thư mục (files or directories)")
    p.add_argument("--url", help="URL của trang khi chỉ có một tệp (the URL of a single file)")
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="URL gốc của bản sao: URL = gốc + đường dẫn tương đối (mirror root URL, e.g. https://host/)",
    )
    p.add_argument(
        "--format",
        choices=["json", "jsonl"],
        help="json: một đối tượng (mặc định cho một tệp); jsonl: mỗi dòng một đối tượng (default for several)",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="giải thích từng trường: quy tắc (họ CMS hay quy tắc chung) và các ứng viên đã xét; văn bản thuần, "
             "hoặc đối tượng 'explain' với --format json/jsonl (for each field, the family or generic rule that "
             "produced it and the candidates considered)",
    )
    p.add_argument(
        "--max-size",
        type=float,
        default=MAX_BYTES / (1024 * 1024),
        metavar="MB",
        help="bỏ qua tệp lớn hơn (skip larger files; default %(default)g MB)",
    )
    p.set_defaults(func=run)


class _Usage(Exception):
    """A usage error found after argparse (combinations of options); exit status 2."""


def _check_args(args: argparse.Namespace) -> None:
    if args.url and args.base_url:
        raise _Usage("--url và --base-url không dùng cùng nhau (--url and --base-url are exclusive)")
    if args.url and (len(args.paths) != 1 or Path(args.paths[0]).is_dir()):
        raise _Usage("--url chỉ dùng với một tệp (--url needs exactly one file)")
    for option, value in (("--url", args.url), ("--base-url", args.base_url)):
        if value:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise _Usage(f"{option} phải là URL http(s) tuyệt đối (must be an absolute http(s) URL): {value}")
    if args.max_size <= 0:
        raise _Usage("--max-size phải lớn hơn 0 (must be positive)")


def url_for(base_url: str, relative: str) -> str | None:
    """``base_url`` joined with a mirror-relative POSIX path (:func:`ingest.mirror.url_for`)."""
    return mirror.url_for(relative, base_url)


def _walk(root: Path, problems: list[tuple[str, str]]) -> list[tuple[Path, str]]:
    """Files under ``root`` as (path, POSIX path relative to root), sorted by that relative path."""

    def onerror(exc: OSError) -> None:
        problems.append((display(exc.filename or root), _os_reason(exc)))

    return mirror.walk(root, onerror)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "không có quyền đọc (permission denied)"
    if isinstance(exc, FileNotFoundError):
        if exc.filename and os.path.islink(exc.filename):
            return "liên kết tượng trưng hỏng (broken symbolic link)"
        return "không tồn tại (no such file or directory)"
    if isinstance(exc, IsADirectoryError):
        return "là thư mục (is a directory)"
    return f"không đọc được (cannot read: {exc.strerror or exc})"


def _read(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; raises OSError or SkipPage (not a regular file, too large)."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise SkipPage("không phải tệp thường (not a regular file: FIFO, socket or device)")
    if st.st_size > max_bytes:
        mb = 1024 * 1024
        raise SkipPage(
            f"tệp quá lớn: {st.st_size / mb:.1f} MB > giới hạn {max_bytes / mb:.1f} MB (file too large)"
        )
    with open(path, "rb") as fh:
        return fh.read(max_bytes + 1)


def _jobs(args: argparse.Namespace, problems: list[tuple[str, str]]) -> Iterator[tuple[Path, str | None]]:
    """(file, path relative to the folder walked or None) in output order; missing paths and
    unreadable folders go to ``problems``."""
    for arg in args.paths:
        root = Path(arg)
        if root.is_dir():
            yield from _walk(root, problems)
        elif root.exists() or root.is_symlink() or os.path.lexists(root):
            yield root, None
        else:
            problems.append((arg, "không tồn tại (no such file or directory)"))


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def display(path: Path | str) -> str:
    """A path as valid text: undecodable bytes of a file name become ``\\xNN`` instead of crashing."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _explain_text(path: Path, doc: Document, trace: Explain | None) -> str:
    """One file's --explain report: where it came from, then every field with its rule and candidates."""
    head = [f"== {display(path)}", f"url: {doc.url or '—'}"]
    if doc.source.published_from or doc.source.updated_from:
        head.append(f"source.published_from: {doc.source.published_from or '—'}; "
                    f"source.updated_from: {doc.source.updated_from or '—'}")
    body = trace.to_text(doc) if trace is not None else ""
    return "\n".join(head) + "\n" + body + "\n\n"


def run(args: argparse.Namespace) -> int:
    try:
        _check_args(args)
    except _Usage as exc:
        print(f"{PROG}: lỗi cú pháp (usage error): {exc}", file=sys.stderr)
        return 2
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    max_bytes = int(args.max_size * 1024 * 1024)
    single = len(args.paths) == 1 and not Path(args.paths[0]).is_dir()
    fmt = args.format or ("text" if args.explain else "json" if single else "jsonl")

    problems: list[tuple[str, str]] = []
    failed = 0
    collected: list[dict] = []

    def report() -> None:
        nonlocal failed
        for name, reason in problems:
            print(f"{PROG}: {display(name)}: {_one_line(reason)}", file=sys.stderr)
            failed += 1
        problems.clear()

    for path, rel in _jobs(args, problems):
        report()
        try:
            data = _read(path, max_bytes)
            # The one mapping `tracuu ingest` uses too (same URL, same document id).
            url = args.url or mirror.file_url(path, rel, args.base_url, data)
            trace = Explain() if args.explain else None
            kind = attachment_format(data, url, str(path), None)
            if kind is not None:
                # A PDF/Word/Excel file: `tracuu ingest` extracts it into an attachment Document
                # (same URL, same id), so parse shows that record too instead of skipping it.
                trace = None  # the page rules of --explain do not apply to an extracted file
                status, value = extract_document(data, url, str(path), None, kind)
                if status != "doc":
                    problems.append((display(path), str(value)))
                    continue
                doc = value
                doc.source.path = display(path)
            else:
                doc = parse_page(data, url=url, path=display(path), max_bytes=max_bytes, trace=trace)
        except SkipPage as exc:
            problems.append((display(path), f"bỏ qua: {exc.reason}"))
            continue
        except OSError as exc:
            problems.append((display(path), _os_reason(exc)))
            continue
        except Exception as exc:  # one bad page must not stop a whole mirror
            logger.debug("parse failed: %s", path, exc_info=True)
            problems.append((display(path), f"lỗi phân tích (parse error): {type(exc).__name__}: {exc}"))
            continue
        lossy = [r for r in doc.source.repairs if is_lossy(r)]
        if lossy:
            # Parsed, but some bytes could not be decoded: say so once, without failing the run.
            print(f"{PROG}: {display(path)}: cảnh báo: byte không giải mã được đã thay bằng U+FFFD "
                  f"(undecodable bytes replaced: {', '.join(lossy)})", file=sys.stderr)
        if fmt == "text":  # --explain without --format: a report a person reads
            sys.stdout.write(_explain_text(path, doc, trace))
            continue
        record = doc.to_dict()
        if trace is not None:
            record["explain"] = trace.to_dict(doc)
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif single:
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        else:
            collected.append(record)
    report()
    if fmt == "json" and not single:
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
    return 1 if failed else 0
