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

Kind = Literal["article", "listing", "other"]


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

    @property
    def id(self) -> str:
        """Stable short id used in URLs (``/doc/<id>``): derived from the URL, else the payload digest."""
        return doc_id(self.url or f"sha256:{self.source.sha256}")

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    def to_dict(self) -> dict[str, Any]:
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
        )

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))
