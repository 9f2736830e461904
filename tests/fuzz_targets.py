"""The four fuzz targets of issue 14 and their seed inputs, shared by the hypothesis tests
(tests/test_fuzz.py) and the long run (bench/fuzz.py).

Each target takes one input and returns normally when tracuu behaved: a result, or the *clear*
refusal that part of tracuu documents (a :class:`search.model.QueryError` with a message, a
:class:`ingest.parse.SkipPage`, a ``SourceError`` item from the WARC reader). Anything else that
escapes is a crash; not returning is a hang.
"""

from __future__ import annotations

import gzip
import json
import random
import tempfile
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tracuu" / "samples"


@cache
def seed_pages() -> list[tuple[str, bytes]]:
    """(url, bytes) of the bundled sample pages: one per CMS family and encoding."""
    manifest = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    return [(p["url"], (SAMPLES / p["file"]).read_bytes()) for p in manifest["pages"]
            if p.get("ingest", True) and p["file"].endswith((".html", ".htm", ".aspx"))]


@cache
def seed_records() -> list[bytes]:
    """The gzip members (one WARC record each) of the bundled samples.warc.gz, decompressed."""
    from warcio.archiveiterator import ArchiveIterator

    raw = (SAMPLES / "samples.warc.gz").read_bytes()
    offsets = []
    with open(SAMPLES / "samples.warc.gz", "rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            record.content_stream().read()
            offsets.append(it.get_record_offset())
    ends = offsets[1:] + [len(raw)]
    records = [gzip.decompress(raw[a:b]) for a, b in zip(offsets, ends, strict=True)]
    return [r for r in records if r.startswith(b"WARC/")]


# -- mutations --------------------------------------------------------------------------------

_TOKENS = [b"<", b">", b"</div>", b"<div class=\"", b"<table>", b"<td>", b"<!--", b"-->", b"<script>", b"&#",
           b"&amp", b"\xc3", b"\xe1\xba", b"\x00", b"\r\n", b"Ng\xc3\xa0y \xc4\x91\xc4\x83ng: ", b"31/02/2020",
           b"<meta charset=\"", b"windows-1258", b"<h1>", b"\"", b"'", b"\xff\xfe", b"<![CDATA[",
           b"Content-Length: 99999999\r\n", b"WARC-Type: revisit\r\n", b"\r\n\r\n", b"HTTP/1.1 200 OK\r\n",
           b"Transfer-Encoding: chunked\r\n", b"Content-Encoding: gzip\r\n", b"9" * 12]


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """A few random edits: flip, delete, duplicate or insert bytes or markup tokens, truncate."""
    buf = bytearray(data)
    for _ in range(rounds if rounds is not None else rng.randint(1, 8)):
        if not buf:
            buf += rng.choice(_TOKENS)
            continue
        op = rng.randrange(7)
        i = rng.randrange(len(buf))
        if op == 0:
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            del buf[i:i + rng.randint(1, 64)]
        elif op == 2:
            buf[i:i] = rng.choice(_TOKENS)
        elif op == 3:
            j = rng.randrange(len(buf))
            buf[i:i] = buf[j:j + rng.randint(1, 256)]
        elif op == 4:
            del buf[i:]
        elif op == 5:
            buf[i:i] = rng.choice(_TOKENS) * rng.randint(2, 200)  # deep nesting, long runs
        else:
            buf[i] = rng.randrange(256)
    return bytes(buf)


# -- targets ----------------------------------------------------------------------------------


@cache
def _searcher():
    """A real searcher over a small index built once (query strings go all the way through)."""
    from search.searcher import Searcher
    from tests.webcorpus import build_index, make_docs

    data = Path(tempfile.mkdtemp(prefix="tracuu-fuzz-"))
    build_index(data, make_docs(200))
    return Searcher(data)


def query_target(q: str) -> None:
    from search.model import QueryError, SearchRequest
    from search.query import parse

    try:
        parse(q)
        _searcher().search(SearchRequest(q=q, per_page=5))
    except QueryError as exc:
        assert str(exc).strip(), "a QueryError must say what is wrong"


def date_target(text: str) -> None:
    from ingest.dates import find_datetimes, parse_datetime
    from search.dates import date_range, period
    from search.model import QueryError

    parse_datetime(text)
    find_datetimes(text)
    try:
        period(text)
        date_range(text, None)
    except QueryError as exc:
        assert str(exc).strip()


def html_target(data: bytes, url: str | None = None) -> None:
    from ingest.parse import SkipPage, parse_page

    try:
        doc = parse_page(data, url=url, path="page.html")
    except SkipPage as exc:
        assert exc.reason.strip()
        return
    doc.to_json()  # the record serialises (no lone surrogates, no odd types)


def warc_target(record: bytes, compress: bool, tmpdir: Path) -> None:
    from ingest.sources import RawPage, SourceError, iter_path

    path = tmpdir / ("fuzz.warc.gz" if compress else "fuzz.warc")
    path.write_bytes(gzip.compress(record, mtime=0) if compress else record)
    for item in iter_path(path):
        assert isinstance(item, (RawPage, SourceError)), type(item)
        if isinstance(item, SourceError):
            assert item.message.strip()
