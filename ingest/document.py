"""The one record type that flows from parsing through indexing to the web UI.

Every stage of tracuu speaks ``Document``: the parser produces it, the index stores it, the search
layer and the web views read it back. Its JSON form (``to_json``) is a public contract that other
tools rely on, so field names and the date format (ISO 8601 with the +07:00 offset) never change
silently; ``from_json`` reads exactly what ``to_json`` writes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

#: Vietnamese portals publish in Asia/Ho_Chi_Minh, which has had no DST since 1975: a fixed +07:00.
VN_TZ = timezone(timedelta(hours=7), "+07:00")

Kind = Literal["article", "listing", "other", "attachment"]


def iso(dt: datetime | None) -> str | None:
    """Serialise a datetime as ISO 8601 in Vietnam time (``2018-12-21T09:26:09+07:00``)."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.astimezone(VN_TZ).isoformat(timespec="seconds")


def parse_iso(value: str | None) -> datetime | None:
    """Read back what :func:`iso` wrote (naive values are taken as Vietnam time)."""
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.astimezone(VN_TZ)


def doc_id(key: str) -> str:
    """The document id for a URL (16 hex digits of its SHA-1): short, stable, URL-safe."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class Image:
    url: str
    caption: str | None = None


@dataclass
class Attachment:
    title: str
    url: str


@dataclass
class Parent:
    """A page that links an attachment: its URL, title and the link text it shows."""

    url: str
    title: str = ""
    link_title: str = ""


@dataclass
class AttachmentInfo:
    """What an attachment document (``kind == "attachment"``) knows beyond a page's fields.

    The administrative metadata (Nghị định 30/2020/NĐ-CP: số, loại, cơ quan ban hành, nơi và ngày
    ban hành, trích yếu, người ký) is what staff search and filter by; ``page_starts`` keeps the
    PDF page boundaries inside ``Document.body`` so a snippet can say which page it is on;
    ``urls`` lists every address the same file (one digest) was found at.
    """

    format: str = ""
    filename: str = ""
    content_type: str | None = None
    size: int = 0
    urls: list[str] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)
    needs_ocr: bool = False
    ocr_pages: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None  # the line above a department: UBND TỈNH LAI CHÂU
    place: str | None = None
    issued: str | None = None  # ISO date
    subject: str | None = None
    signer: str | None = None

    def page_of(self, offset: int) -> int | None:
        """The 1-based PDF page holding character ``offset`` of the body (None without pages)."""
        if not self.page_starts:
            return None
        from bisect import bisect_right

        return max(1, bisect_right(self.page_starts, offset))


@dataclass
class BodyLink:
    """A link inside the body text: its absolute URL and anchor text (the link graph's edges)."""

    title: str
    url: str


@dataclass
class LinkItem:
    """One entry of a "Tin liên quan" / "Tin mới nhất" list."""

    title: str
    url: str | None
    published: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url, "published": iso(self.published)}


@dataclass
class Source:
    """Where the page bytes came from and what was done to decode them."""

    path: str | None = None
    bytes: int = 0
    sha256: str = ""
    encoding: str | None = None
    repairs: list[str] = field(default_factory=list)
    #: where the chosen publication / update time was read (``"meta:article:published_time"``,
    #: ``"text:near-title"``, ``"url:vcc-id"`` …; see ingest.page_dates)
    published_from: str | None = None
    updated_from: str | None = None


@dataclass
class Document:
    url: str | None
    site: str | None
    kind: Kind
    title: str
    published: datetime | None = None
    updated: datetime | None = None
    category: list[str] = field(default_factory=list)
    summary: str | None = None
    body: str = ""
    images: list[Image] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    related: list[LinkItem] = field(default_factory=list)
    latest: list[LinkItem] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    #: attachments only: the pages linking this file, and its extraction and metadata
    parents: list[Parent] = field(default_factory=list)
    attachment: AttachmentInfo | None = None
    #: links inside the body text, attachments excepted (only in the JSON when there are some)
    body_links: list[BodyLink] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Stable short id used in URLs (``/doc/<id>``): derived from the URL, else the payload digest."""
        return doc_id(self.url or f"sha256:{self.source.sha256}")

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    def to_dict(self) -> dict[str, Any]:
        out = self._page_dict()
        # only when present: a page without body links keeps its JSON (and content hash)
        if self.body_links:
            out["body_links"] = [asdict(link) for link in self.body_links]
        # only attachments carry these keys: a page's JSON (and its content hash) is unchanged
        if self.kind == "attachment" or self.parents or self.attachment is not None:
            out["parents"] = [asdict(p) for p in self.parents]
            out["attachment"] = asdict(self.attachment) if self.attachment is not None else None
        return out

    @property
    def pages(self) -> list[str]:
        """The body split at PDF page boundaries (one item for non-paged files and pages)."""
        starts = self.attachment.page_starts if self.attachment is not None else []
        if not starts:
            return [self.body] if self.body else []
        bounds = [*starts, len(self.body)]
        return [self.body[bounds[i]:bounds[i + 1]].strip() for i in range(len(starts))]

    def _page_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "site": self.site,
            "kind": self.kind,
            "title": self.title,
            "published": iso(self.published),
            "updated": iso(self.updated),
            "category": list(self.category),
            "summary": self.summary,
            "body": self.body,
            "images": [asdict(i) for i in self.images],
            "attachments": [asdict(a) for a in self.attachments],
            "related": [item.to_dict() for item in self.related],
            "latest": [item.to_dict() for item in self.latest],
            "source": asdict(self.source),
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        def items(key: str) -> list[LinkItem]:
            return [
                LinkItem(i["title"], i.get("url"), parse_iso(i.get("published")))
                for i in data.get(key) or []
            ]

        return cls(
            url=data.get("url"),
            site=data.get("site"),
            kind=data.get("kind", "other"),
            title=data.get("title", ""),
            published=parse_iso(data.get("published")),
            updated=parse_iso(data.get("updated")),
            category=list(data.get("category") or []),
            summary=data.get("summary"),
            body=data.get("body", ""),
            images=[Image(i["url"], i.get("caption")) for i in data.get("images") or []],
            attachments=[Attachment(a["title"], a["url"]) for a in data.get("attachments") or []],
            related=items("related"),
            latest=items("latest"),
            source=Source(**(data.get("source") or {})),
            parents=[Parent(**p) for p in data.get("parents") or []],
            attachment=AttachmentInfo(**data["attachment"]) if data.get("attachment") else None,
            body_links=[BodyLink(b["title"], b["url"]) for b in data.get("body_links") or []],
        )

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))
