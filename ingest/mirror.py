"""One mirror walker: which files of a saved site are pages, and which URL each file stands for.

``tracuu parse``, ``tracuu ingest`` and the benchmarks all read mirrors (HTTrack, wget, portalgen
``sites/<host>/``). They used to walk them and map paths to URLs in three places that disagreed —
a host folder kept in the URL by one and dropped by another, percent-encoded names encoded twice
— so the same file got two URLs and hence two document ids. Everything a mirror means lives here:

* :func:`walk`: files under a folder in sorted relative-path order, without hidden entries and
  HTTrack's bookkeeping (``hts-cache/``, ``hts-log.txt``, ``backblue.gif`` …);
* :func:`url_for`: a relative path (plus the full path, to find a folder named like a host) →
  URL, with ``index.html`` standing for its folder, a leading host folder dropped, each segment
  percent-encoded once (an existing ``%XX`` escape is kept, a bare ``%`` becomes ``%25``, names
  that are not UTF-8 keep their exact bytes);
* :func:`httrack_url`: the URL HTTrack recorded in its ``Mirrored from`` comment, when it agrees
  with the mirror's host (HTTrack renames what it saves, so the comment is the better witness).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urljoin, urlsplit

#: Not site content: HTTrack bookkeeping folders and files (hidden entries are skipped too).
SKIP_DIRS = frozenset({"hts-cache", "hts-tmp"})
SKIP_FILES = frozenset({"hts-log.txt", "hts-err.txt", "hts-ioinfo.txt", "hts-stats.txt", "hts-nohup.out",
                        "cookies.txt", "backblue.gif", "fade.gif"})
#: File names that stand for their folder's URL (``a/index.html`` ↔ ``https://host/a/``).
INDEX_NAMES = frozenset({"index.html", "index.htm"})
#: A folder named like a host (HTTrack ``<project>/<host>/…``, portalgen ``sites/<host>/…``).
HOST_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
#: Characters left as they are in a path segment (RFC 3986 pchar minus ``%``, handled apart).
_SAFE = "-._~!$&'()*+,;=:@"
_ESCAPE = re.compile(rb"%[0-9A-Fa-f]{2}")


def is_skipped(name: str, folder: bool = False) -> bool:
    """True for hidden entries and HTTrack bookkeeping, which are not pages of the mirrored site."""
    if name.startswith("."):
        return True
    return name in SKIP_DIRS if folder else name in SKIP_FILES


def walk(root: Path, onerror: Callable[[OSError], None] | None = None) -> list[tuple[Path, str]]:
    """Files under ``root`` as ``(path, POSIX path relative to root)``, sorted by that path.

    Symbolic links to folders are not followed (no loops); links to files are listed and left to
    the caller's policy. Sorting by the relative path gives every command the same order.
    """
    found: list[tuple[Path, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not is_skipped(d, folder=True))
        for name in filenames:
            if is_skipped(name):
                continue
            path = Path(dirpath, name)
            found.append((path, path.relative_to(root).as_posix()))
    found.sort(key=lambda item: item[1])
    return found


def relative_name(path: Path) -> str:
    """The relative path of a file given directly (not inside a walked folder): relative to the
    current directory when it is below it, else just its name."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.name


def _segment(part: str) -> str:
    """One path segment percent-encoded once: ``%XX`` kept, everything else quoted from its bytes."""
    raw = part.encode("utf-8", "surrogateescape")
    out: list[str] = []
    pos = 0
    for m in _ESCAPE.finditer(raw):
        out.append(quote(raw[pos:m.start()], safe=_SAFE))
        out.append(m.group(0).decode("ascii").upper())
        pos = m.end()
    out.append(quote(raw[pos:], safe=_SAFE))
    return "".join(out)


def _parts(path: str) -> list[str]:
    return [p for p in PurePosixPath(path.replace("\\", "/")).parts if p not in ("", ".", "/")]


def url_for(rel: str, base_url: str | None = None, full: str | Path | None = None) -> str | None:
    """The URL a mirror file stands for.

    With ``base_url``: the base joined with ``rel`` (a first folder named like the base's host is
    dropped, so a mirror walked above or inside its host folder maps the same). Without: the last
    folder of ``full`` (or ``rel``) named like a host gives ``https://<host>/`` and the rest of
    the path; no such folder, no URL (``None``).
    """
    if not base_url:
        parts = _parts(str(full if full is not None else rel))
        hosts = [i for i, part in enumerate(parts[:-1]) if HOST_RE.match(part.lower())]
        if not hosts:
            return None
        base_url = f"https://{parts[hosts[-1]].lower()}/"
        parts = parts[hosts[-1] + 1:]
    else:
        parts = _parts(rel)
        host = urlsplit(base_url).hostname or ""
        if parts[:-1] and host and parts[0].lower() == host.lower():
            parts = parts[1:]
    base = base_url if base_url.endswith("/") else base_url + "/"
    folder = bool(parts) and parts[-1].lower() in INDEX_NAMES
    if folder:
        parts = parts[:-1]
    tail = "/".join(_segment(p) for p in parts)
    if folder and tail:
        tail += "/"
    return urljoin(base, "./" + tail) if tail else base


_HTTRACK_RE = re.compile(rb"<!--\s*Mirrored from\s+(\S+)\s+by HTTrack", re.I)


def httrack_url(payload: bytes, derived: str | None) -> str | None:
    """The URL an HTTrack page says it was mirrored from, when it agrees with the mirror's host.

    HTTrack renames what it saves (``/-/123-slug`` becomes ``-/123-slug.html``, query strings turn
    into hashes), so the file path alone gives the wrong URL; its ``<!-- Mirrored from host/path by
    HTTrack … -->`` comment near the top keeps the real one. The scheme is not in the comment: it
    comes from the derived URL (https by default).
    """
    m = _HTTRACK_RE.search(payload[:4096])
    if not m:
        return derived
    try:
        target = m.group(1).decode("utf-8")
    except UnicodeDecodeError:
        return derived
    scheme = urlsplit(derived).scheme if derived else "https"
    url = target if "://" in target else f"{scheme}://{target}"
    host = (urlsplit(url).hostname or "").lower()
    if not host or (derived and host != (urlsplit(derived).hostname or "").lower()):
        return derived
    return url


def file_url(path: Path, rel: str | None, base_url: str | None, payload: bytes | None = None) -> str | None:
    """The URL of one mirror file: ``rel`` inside a walked folder (``None`` for a file given
    directly), refined by an HTTrack comment in ``payload`` when there is one."""
    derived = url_for(rel if rel is not None else relative_name(path), base_url, path)
    return httrack_url(payload, derived) if payload is not None else derived
