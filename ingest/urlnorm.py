"""URL normalisation for deduplication, in a module of its own.

Why apart from :mod:`ingest.crawl`: searching needs it too (a page's attachments are found by
its normalised URL, :mod:`search.attachments`), and importing the crawler pulls in ``requests``
and the fetcher, ~0.1 s of every ``tracuu search`` start-up (issue 11).
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit


def normalize_url(url: str, base: str | None = None) -> str | None:
    """A canonical form of an http(s) URL for deduplication, or None when it is not one."""
    try:
        joined = urljoin(base, url.strip()) if base else url.strip()
        parts = urlsplit(joined)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            return None
        host = parts.hostname.lower().rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = parts.path or "/"
    trailing = path.endswith("/")
    path = posixpath.normpath(path)
    if path == ".":
        path = "/"
    if trailing and not path.endswith("/"):
        path += "/"
    if not path.startswith("/"):
        path = "/" + path
    path = path.replace("//", "/")
    # one canonical percent-encoding: decode what needs no encoding, encode what does
    path = quote(unquote(path), safe="/-._~!$&'()*+,;=:@")
    return urlunsplit((scheme, host, path, parts.query, ""))
