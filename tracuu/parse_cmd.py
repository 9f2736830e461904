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
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ingest import mirror
from ingest.parse import MAX_BYTES, SkipPage, parse_page

if TYPE_CHECKING:
    from ingest.document import Document
    from ingest.explain import Explain

logger = logging.getLogger(__name__)

PROG = "tracuu parse"

#: Below this many files one process parses everything: starting workers would cost more.
MIN_FILES_FOR_POOL = 16
#: Files handed to the pool at a time (results stay bounded even when attachments are slow).
WINDOW = 512


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
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="số tiến trình phân tích (parser processes; default = number of cores available, 1 for fewer than "
             f"{MIN_FILES_FOR_POOL} files; output order does not change)",
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
    if args.jobs is not None and args.jobs < 1:
        raise _Usage("--jobs phải lớn hơn 0 (must be at least 1)")


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


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, e.g. inside a container), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


#: What every file of a run shares: set once per process (``_init_worker`` in pool workers).
_OPTS: dict = {}


def _init_worker(opts: dict) -> None:
    _OPTS.clear()
    _OPTS.update(opts)


def _page(path: Path, rel: str | None) -> tuple:
    """One file, as far as a parser process takes it: ``("out", text, warning)``, ``("problem",
    reason)`` or ``("attachment",)`` (extracted by the main process, whose isolated extraction
    workers a daemonic pool process may not start)."""
    opts = _OPTS
    try:
        data = _read(path, opts["max_bytes"])
        # The one mapping `tracuu ingest` uses too (same URL, same document id).
        url = opts["url"] or mirror.file_url(path, rel, opts["base_url"], data)
        if _attachment_format(data, url, path) is not None:
            return ("attachment",)
        trace = None
        if opts["explain"]:
            from ingest.explain import Explain

            trace = Explain()
        doc = parse_page(data, url=url, path=display(path), max_bytes=opts["max_bytes"], trace=trace)
    except SkipPage as exc:
        return ("problem", f"bỏ qua: {exc.reason}")
    except OSError as exc:
        return ("problem", _os_reason(exc))
    except Exception as exc:  # one bad page must not stop a whole mirror
        logger.debug("parse failed: %s", path, exc_info=True)
        return ("problem", f"lỗi phân tích (parse error): {type(exc).__name__}: {exc}")
    return _output(path, doc, trace)


def _attachment_format(data: bytes, url: str | None, path: Path) -> str | None:
    """``pdf``, ``docx``… for an attachment file (by name or magic bytes), else None."""
    from index.attachdocs import attachment_format

    return attachment_format(data, url, str(path), None)


def _attachment(path: Path, rel: str | None) -> tuple:
    """An attachment file extracted as `tracuu ingest` extracts it: same URL, same id."""
    from index.attachextract import extract_document

    opts = _OPTS
    try:
        data = _read(path, opts["max_bytes"])
        url = opts["url"] or mirror.file_url(path, rel, opts["base_url"], data)
        kind = _attachment_format(data, url, path)
        status, value = extract_document(data, url, str(path), None, kind)
    except SkipPage as exc:
        return ("problem", f"bỏ qua: {exc.reason}")
    except OSError as exc:
        return ("problem", _os_reason(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a whole mirror
        logger.debug("extraction failed: %s", path, exc_info=True)
        return ("problem", f"lỗi phân tích (parse error): {type(exc).__name__}: {exc}")
    if status != "doc":
        return ("problem", str(value))
    doc = value
    doc.source.path = display(path)
    return _output(path, doc, None)  # the page rules of --explain do not apply to an extracted file


def _output(path: Path, doc: Document, trace: Explain | None) -> tuple:
    """``("out", what to write, warning line or None)`` in the run's format."""
    from ingest.decode import is_lossy

    warning = None
    lossy = [r for r in doc.source.repairs if is_lossy(r)]
    if lossy:
        # Parsed, but some bytes could not be decoded: say so once, without failing the run.
        warning = (f"{PROG}: {display(path)}: cảnh báo: byte không giải mã được đã thay bằng U+FFFD "
                   f"(undecodable bytes replaced: {', '.join(lossy)})")
    fmt = _OPTS["fmt"]
    if fmt == "text":  # --explain without --format: a report a person reads
        return ("out", _explain_text(path, doc, trace), warning)
    record = doc.to_dict()
    if trace is not None:
        record["explain"] = trace.to_dict(doc)
    if fmt == "jsonl":
        return ("out", json.dumps(record, ensure_ascii=False) + "\n", warning)
    if _OPTS["single"]:
        return ("out", json.dumps(record, ensure_ascii=False, indent=2) + "\n", warning)
    return ("out", record, warning)  # one element of the JSON array written at the end


def _page_chunk(files: list[tuple[Path, str | None]]) -> list[tuple]:
    return [_page(path, rel) for path, rel in files]


def _results(files: list[tuple[Path, str | None]], jobs: int) -> Iterator[tuple]:
    """Each file's result, in input order; pages parsed by ``jobs`` processes when jobs > 1."""
    if jobs <= 1:
        for path, rel in files:
            res = _page(path, rel)
            yield _attachment(path, rel) if res[0] == "attachment" else res
        return
    import multiprocessing

    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(dict(_OPTS),)) as pool:
        for start in range(0, len(files), WINDOW):
            window = files[start:start + WINDOW]
            # a few chunks per worker: little messaging, and the last chunks still spread evenly
            size = max(1, min(16, len(window) // (jobs * 4)))
            chunks = [window[i:i + size] for i in range(0, len(window), size)]
            pending = pool.imap(_page_chunk, chunks)
            for chunk, results in zip(chunks, pending, strict=True):
                for (path, rel), res in zip(chunk, results, strict=True):
                    yield _attachment(path, rel) if res[0] == "attachment" else res


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
    _init_worker({"max_bytes": max_bytes, "url": args.url, "base_url": args.base_url, "explain": args.explain,
                  "fmt": fmt, "single": single})

    # Walk first (problems met while walking keep their place among the files' lines), then parse.
    problems: list[tuple[str, str]] = []
    items: list[tuple[str, str] | tuple[Path, str | None]] = []
    files: list[tuple[Path, str | None]] = []
    for path, rel in _jobs(args, problems):
        items.extend(problems)
        problems.clear()
        items.append((path, rel))
        files.append((path, rel))
    items.extend(problems)
    jobs = args.jobs or (available_cores() if len(files) >= MIN_FILES_FOR_POOL else 1)
    jobs = min(jobs, max(1, len(files)))

    failed = 0
    collected: list[dict] = []
    results = _results(files, jobs)
    for item in items:
        if isinstance(item[0], str):  # a problem met while walking
            name, reason = item
            print(f"{PROG}: {display(name)}: {_one_line(reason)}", file=sys.stderr)
            failed += 1
            continue
        path = item[0]
        res = next(results)
        if res[0] == "problem":
            print(f"{PROG}: {display(path)}: {_one_line(res[1])}", file=sys.stderr)
            failed += 1
            continue
        _, out, warning = res
        if warning:
            print(warning, file=sys.stderr)
        if isinstance(out, dict):
            collected.append(out)
        else:
            sys.stdout.write(out)
    results.close()
    if fmt == "json" and not single:
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
    return 1 if failed else 0
