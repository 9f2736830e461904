"""The raw-page store: the data directory *is* the archive.

Two kinds of storage under ``<data>/archive/``:

* ``warc/tracuu-<time>-<seq>.warc.gz`` — every HTTP exchange our own fetcher made, as WARC/1.1
  written by warcio (``gzip=True``: one gzip member per record, so any record can be read by
  seeking to its offset). Each file starts with a ``warcinfo`` record naming tracuu and the crawl
  settings (robots policy, delays, User-Agent); then ``request`` + ``response`` pairs with
  ``WARC-Date``, ``WARC-IP-Address``, full HTTP headers and payload/block digests; unchanged
  re-fetches become ``revisit`` records (identical-payload-digest profile). Files rotate at
  ``max_size``; a new run never appends to an old file, so a ``kill -9`` can at worst leave a
  truncated tail on the file being written, never damage earlier records.
* ``blobs/ab/cd/<sha256>.gz`` — the original bytes of pages imported from files, zip/tar members
  and other people's WARCs, content-addressed (identical bytes stored once), written atomically.

Together with the catalog (:mod:`index.catalog`) this is enough to rebuild the index with no
network and no access to the original inputs (``tracuu reindex``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest.fetch import FetchResult, Hop
from ingest.sources import RawPage, read_record_at

log = logging.getLogger(__name__)

DEFAULT_MAX_WARC = 1024 * 1024 * 1024  # about 1 GB, like wget --warc-max-size habits


def archive_dir(data_dir: Path | str) -> Path:
    return Path(data_dir) / "archive"


class BlobStore:
    """Content-addressed original bytes (gzip-compressed on disk)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._dirs: set[Path] = set()  # folders known to exist (a mkdir per blob was a third of put)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / f"{sha256}.gz"

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store ``data`` once; returns its sha256. Atomic: a crash never leaves a partial blob."""
        digest = sha256 or hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if target.exists():
            return digest
        if target.parent not in self._dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(target.parent)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(gzip.compress(data, compresslevel=6, mtime=0))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, sha256: str) -> bytes:
        data = gzip.decompress(self.path(sha256).read_bytes())
        if hashlib.sha256(data).hexdigest() != sha256:
            raise OSError(f"blob {sha256} bị hỏng: sai mã băm (corrupt blob)")
        return data


@dataclass
class Written:
    """Where a record landed, for the catalog."""

    record_type: str
    url: str
    file: str
    offset: int
    length: int
    record_id: str
    payload_digest: str | None
    date: str


def _warc_date(iso: str | None) -> str:
    return iso or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcStore:
    """Rotating WARC/1.1 writer for our own fetches."""

    def __init__(self, root: Path | str, *, max_size: int = DEFAULT_MAX_WARC,
                 info: dict[str, str] | None = None, prefix: str = "tracuu") -> None:
        self.root = Path(root)
        self.max_size = max_size
        self.info = dict(info or {})
        self.prefix = prefix
        self._fh: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None
        self._path: Path | None = None
        self._seq = 0
        self._stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")

    # -- files ----------------------------------------------------------------------------

    def _open(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        while True:
            self._seq += 1
            path = self.root / f"{self.prefix}-{self._stamp}-{os.getpid()}-{self._seq:05d}.warc.gz"
            if not path.exists():
                break
        self._path = path
        self._fh = open(path, "xb")
        self._writer = WARCWriter(self._fh, gzip=True, warc_version="1.1")
        info = {"software": "tracuu", "format": "WARC File Format 1.1",
                "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                **self.info}
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, info))
        self._fh.flush()

    def _ensure(self) -> WARCWriter:
        if self._writer is None or (self._fh is not None and self._fh.tell() >= self.max_size):
            self.close()
            self._open()
        assert self._writer is not None
        return self._writer

    def _write(self, record, kind: str, url: str) -> Written:
        assert self._fh is not None and self._path is not None and self._writer is not None
        start = self._fh.tell()
        self._writer.write_record(record)
        self._fh.flush()
        h = record.rec_headers
        return Written(kind, url, str(self._path), start, self._fh.tell() - start,
                       h.get_header("WARC-Record-ID"), h.get_header("WARC-Payload-Digest"),
                       h.get_header("WARC-Date"))

    # -- records --------------------------------------------------------------------------

    def _pair(self, hop: Hop) -> tuple[Written, Written]:
        w = self._ensure()
        date = _warc_date(hop.date)
        extra = {"WARC-Date": date}
        if hop.ip:
            extra["WARC-IP-Address"] = hop.ip
        status_line = f"{hop.status} {hop.reason}".strip()
        resp = w.create_warc_record(hop.url, "response", payload=io.BytesIO(hop.body), length=len(hop.body),
                                    http_headers=StatusAndHeaders(status_line, list(hop.headers),
                                                                  protocol=hop.http_version),
                                    warc_headers_dict=dict(extra))
        req = w.create_warc_record(hop.url, "request", payload=io.BytesIO(b""), length=0,
                                   http_headers=StatusAndHeaders(hop.request_line, list(hop.request_headers),
                                                                 is_http_request=True),
                                   warc_headers_dict=dict(extra))
        req.rec_headers.add_header("WARC-Concurrent-To", resp.rec_headers.get_header("WARC-Record-ID"))
        wrote_req = self._write(req, "request", hop.url)
        wrote_resp = self._write(resp, "response", hop.url)
        return wrote_req, wrote_resp

    def write_fetch(self, result: FetchResult, revisit_of: tuple[str, str, str, str] | None = None) -> list[Written]:
        """All hops of one fetch (redirects included); the last record is the page's response.

        ``revisit_of`` = (payload digest, record id, URL, date) of an earlier capture with the same
        payload: the final hop is then written as request + ``revisit`` (headers only), the way
        wget ``--warc-dedup`` and Heritrix's deduplicator do.
        """
        out: list[Written] = []
        for i, hop in enumerate(result.hops):
            if revisit_of is not None and i == len(result.hops) - 1:
                out.extend(self._request_revisit(hop, *revisit_of))
            else:
                out.extend(self._pair(hop))
        return out

    def _request_revisit(self, hop: Hop, digest: str, refers_id: str, refers_url: str,
                         refers_date: str) -> tuple[Written, Written]:
        w = self._ensure()
        rev = self._revisit_record(hop, digest, refers_id, refers_url, refers_date)
        req = w.create_warc_record(hop.url, "request", payload=io.BytesIO(b""), length=0,
                                   http_headers=StatusAndHeaders(hop.request_line, list(hop.request_headers),
                                                                 is_http_request=True),
                                   warc_headers_dict={"WARC-Date": _warc_date(hop.date)})
        req.rec_headers.add_header("WARC-Concurrent-To", rev.rec_headers.get_header("WARC-Record-ID"))
        return self._write(req, "request", hop.url), self._write(rev, "revisit", hop.url)

    def _revisit_record(self, hop: Hop, digest: str, refers_to_id: str, refers_to_url: str,
                        refers_to_date: str):
        w = self._ensure()
        extra = {"WARC-Date": _warc_date(hop.date), "WARC-Refers-To": refers_to_id}
        if hop.ip:
            extra["WARC-IP-Address"] = hop.ip
        return w.create_revisit_record(hop.url, digest, refers_to_url, refers_to_date,
                                       http_headers=StatusAndHeaders(f"{hop.status} {hop.reason}".strip(),
                                                                     list(hop.headers),
                                                                     protocol=hop.http_version),
                                       warc_headers_dict=extra)

    def write_revisit(self, hop: Hop, digest: str, refers_to_id: str, refers_to_url: str,
                      refers_to_date: str) -> Written:
        """An unchanged re-fetch: headers only, pointing at the original capture."""
        rec = self._revisit_record(hop, digest, refers_to_id, refers_to_url, refers_to_date)
        return self._write(rec, "revisit", hop.url)

    @property
    def current(self) -> Path | None:
        return self._path

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        self._fh = self._writer = None

    def __enter__(self) -> WarcStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Archive:
    """The data directory's archive: blobs for imported bytes, WARCs for fetched exchanges."""

    def __init__(self, data_dir: Path | str, *, max_warc: int = DEFAULT_MAX_WARC,
                 info: dict[str, str] | None = None) -> None:
        self.dir = archive_dir(data_dir)
        self.blobs = BlobStore(self.dir / "blobs")
        self._warc_args = (self.dir / "warc", max_warc, info)
        self._warcs: WarcStore | None = None

    @property
    def warcs(self) -> WarcStore:
        if self._warcs is None:
            root, max_size, info = self._warc_args
            self._warcs = WarcStore(root, max_size=max_size, info=info)
        return self._warcs

    def load(self, store: str, key: str, offset: int | None = None) -> RawPage | None:
        """The stored bytes of a capture (``store`` is ``blob`` or ``warc``) as a RawPage."""
        if store == "blob":
            return RawPage(url=None, payload=self.blobs.get(key), source=str(self.blobs.path(key)))
        if store == "warc" and offset is not None:
            page, _ = read_record_at(key, offset)
            return page
        return None

    def close(self) -> None:
        if self._warcs is not None:
            self._warcs.close()


# ---------------------------------------------------------------------------------------------
# export


class WarcExporter:
    """Writes captures to one WARC stream: our own records byte for byte, imported ones rebuilt.

    A capture fetched by tracuu is copied as the exact gzip member we wrote (digests, IP, dates
    untouched). An imported capture is rebuilt from its blob: a ``response`` record with the HTTP
    status and headers it was served with (content and transfer encodings removed, since the blob
    holds the decoded payload), or a ``resource`` record for plain files; an extension header
    ``WARC-Tracuu-Source`` names the original file and offset.
    """

    def __init__(self, out, archive: Archive, info: dict[str, str] | None = None) -> None:
        self.out = out
        self.archive = archive
        self.writer = WARCWriter(out, gzip=True, warc_version="1.1")
        self.writer.write_record(self.writer.create_warcinfo_record("export.warc.gz", {
            "software": "tracuu", "format": "WARC File Format 1.1", **(info or {})}))
        self.count = 0

    def write(self, cap) -> bool:
        if cap.store == "warc" and cap.store_key and cap.store_offset is not None and cap.store_length:
            with open(cap.store_key, "rb") as fh:
                fh.seek(cap.store_offset)
                self.out.write(fh.read(cap.store_length))
            self.count += 1
            return True
        if cap.store != "blob" or not cap.store_key:
            return False
        import json
        from http import HTTPStatus

        payload = self.archive.blobs.get(cap.store_key)
        extra = {"WARC-Date": _warc_date(_iso_z(cap.crawl_date))}
        if cap.source_file_path:
            extra["WARC-Tracuu-Source"] = f"{cap.source_file_path}#{cap.source_file_offset or 0}"
        uri = cap.url or f"urn:sha256:{cap.sha256}"
        if cap.http_headers:
            drop = {"content-encoding", "transfer-encoding", "content-length"}
            headers = [(k, v) for k, v in json.loads(cap.http_headers) if k.lower() not in drop]
            headers.append(("Content-Length", str(len(payload))))
            status = cap.status_code or 200
            try:
                phrase = HTTPStatus(status).phrase
            except ValueError:
                phrase = ""
            rec = self.writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), length=len(payload),
                http_headers=StatusAndHeaders(f"{status} {phrase}".strip(), headers, protocol="HTTP/1.1"),
                warc_headers_dict=extra)
        else:
            import mimetypes

            ctype = cap.content_type_served or mimetypes.guess_type(cap.url or "")[0] or "application/octet-stream"
            rec = self.writer.create_warc_record(uri, "resource", payload=io.BytesIO(payload), length=len(payload),
                                                 warc_content_type=ctype, warc_headers_dict=extra)
        self.writer.write_record(rec)
        self.count += 1
        return True


def _iso_z(date: str | None) -> str | None:
    """WARC-Date wants UTC ``…Z``; file times and WARC dates are stored that way already."""
    if not date:
        return None
    return date if date.endswith("Z") else date.replace("+00:00", "Z")
