"""The two things every source yields: a :class:`RawPage` (one capture's bytes and provenance) or a
:class:`SourceError` (one reportable failure), and the :class:`Limits` that cap what one input may cost.

They live apart from the readers (:mod:`ingest.sources`, :mod:`ingest.warcread`,
:mod:`ingest.urllists`, :mod:`ingest.fetch`) so that each reader depends on these records only, not
on the others.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field


@dataclass
class RawPage:
    """The bytes of one capture plus everything known about where and when they were captured."""

    url: str | None
    payload: bytes
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    status: int | None = None
    date: str | None = None  # capture (WARC-Date / fetch) or import time, ISO 8601 UTC
    source: str = ""  # file the bytes were read from (archive path for members)
    offset: int | None = None  # byte offset of the WARC record, member index in zip/tar
    length: int | None = None  # length of the record in the source file, when known
    record_id: str | None = None
    warc_digest: str | None = None  # WARC-Payload-Digest as written by the producer
    record_type: str = "file"  # response | resource | revisit | file | member | fetch
    refers_to: str | None = None  # revisit: record id or URL of the original
    path: str | None = None  # file or member name, a hint for content sniffing
    next_offset: int | None = None  # where to resume after this record (checkpointing)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.payload).hexdigest()

    @property
    def sha1_digest(self) -> str:
        """``sha1:BASE32`` payload digest, the form WARC and CDX tools use."""
        return "sha1:" + base64.b32encode(hashlib.sha1(self.payload).digest()).decode("ascii")

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None


@dataclass
class SourceError:
    """One reportable failure: one line of the JSONL error report."""

    source: str
    offset: int | None
    url: str | None
    stage: str  # read | warc | zip | tar | urls | sitemap | fetch | robots | parse | index | store
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "offset": self.offset, "url": self.url,
                "stage": self.stage, "message": self.message}


Item = RawPage | SourceError


@dataclass
class Limits:
    """Caps that keep one hostile or broken input from exhausting memory or disk."""

    max_payload: int = 50 * 1024 * 1024  # one page / member / record payload
    max_ratio: float = 200.0  # zip: uncompressed/compressed, beyond which a member is a bomb
    max_total: int = 20 * 1024 * 1024 * 1024  # zip/tar: total uncompressed bytes per archive
    max_sitemap_depth: int = 3


DEFAULT_LIMITS = Limits()
