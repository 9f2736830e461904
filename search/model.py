"""Request and result records of the search layer (a contract with the web slice).

Plain dataclasses so the CLI, the JSON API and the templates can all use them without Whoosh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ingest.document import iso

SORTS = ("relevance", "newest", "oldest")


class QueryError(ValueError):
    """A query or filter the searcher cannot run; the message is Vietnamese-first and names the
    offending part, so the CLI and the web can show it as is."""


class IndexDamaged(RuntimeError):
    """A segment of the index cannot be read, so results would be incomplete (search.health).

    Not a QueryError: the request was fine; the service answers 503 and the CLI exits 1."""

    def __init__(self, segment: str, what: str, error: BaseException | str) -> None:
        self.segment = segment
        self.what = what
        self.error = f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else error
        super().__init__(
            f"Chỉ mục bị hỏng: không đọc được phân đoạn {segment} ({what}: {self.error}). Kết quả sẽ "
            "thiếu nên tìm kiếm bị dừng; hãy chạy `tracuu reindex` để dựng lại chỉ mục từ kho lưu trữ. "
            "(index segment damaged)")


@dataclass
class SearchRequest:
    q: str = ""
    site: list[str] = field(default_factory=list)
    #: category paths ("Kết quả CCHC/Báo cáo CCHC định kỳ") or a prefix path of them
    category: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    #: user text: "2020", "10/2020", "05/10/2020", ISO
    date_from: str | None = None
    date_to: str | None = None
    #: attachments: document type (Quyết định, Báo cáo…), issuing body, file format (pdf, docx…)
    doctype: list[str] = field(default_factory=list)
    issuer: list[str] = field(default_factory=list)
    format: list[str] = field(default_factory=list)
    #: "attachment" (chỉ văn bản đính kèm) or "page"; None: both
    kind: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    facets: bool = True
    highlight: bool = True


@dataclass
class Hit:
    id: str
    url: str | None
    title: str
    published: datetime | None
    site: str | None
    category: list[str]
    score: float
    #: HTML-safe: escaped text with <mark>…</mark> around matched words
    snippet: str
    #: escaped title with <mark>
    title_html: str = ""
    #: "page" or "attachment"; an attachment's metadata, PDF page of the snippet and parent pages
    kind: str = "page"
    attachment: dict[str, Any] | None = None
    #: a page's own attachments that match the query too (search.attachments.nest)
    attachments: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": iso(self.published),
            "site": self.site,
            "category": list(self.category),
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "kind": self.kind,
            **({"attachment": self.attachment} if self.attachment is not None else {}),
            **({"attachments": self.attachments} if self.attachments else {}),
        }


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    took_ms: float
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None = None
    #: a distributed backend answered without some shards (their addresses in missing_shards)
    partial: bool = False
    missing_shards: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = {
            "query": self.request.q,
            "total": self.total,
            "took_ms": round(self.took_ms, 2),
            "page": self.request.page,
            "per_page": self.request.per_page,
            "hits": [h.to_json() for h in self.hits],
            "facets": {k: [[v, n] for v, n in vals] for k, vals in self.facets.items()},
            "suggestion": self.suggestion,
        }
        if self.partial:
            out["partial"] = True
            out["missing_shards"] = list(self.missing_shards)
        return out
