"""JSON shapes of hits and results, shared by the API, the JSON Lines export and the tests.

The shape follows the team contract (``{query, total, took_ms, hits, facets, suggestion}``, the
same as ``tracuu search --json``) with ``id``, ``page``, ``per_page`` and links added, so a script
can move from the CLI to the API without rewriting its parser.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ingest.document import iso
from search.model import Hit, SearchResult


def json_safe(value: Any) -> Any:
    """Datetimes as ISO 8601 (+07:00), sets/tuples as lists: ``stats()`` may hold any of them."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(v) for v in value]
    return value


def hit_dict(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "url": hit.url,
        "title": hit.title,
        "published": iso(hit.published),
        "site": hit.site,
        "category": list(hit.category),
        "score": round(float(hit.score), 4) if hit.score is not None else None,
        "snippet": hit.snippet,
    }


def facets_dict(facets: dict[str, list[tuple[Any, int]]]) -> dict[str, list[list[Any]]]:
    return {name: [[value, int(count)] for value, count in values] for name, values in facets.items()}


def result_dict(result: SearchResult) -> dict[str, Any]:
    req = result.request
    pages = -(-result.total // req.per_page) if req.per_page else 0
    return {
        "query": req.q,
        "total": result.total,
        "took_ms": round(float(result.took_ms), 2),
        "page": req.page,
        "per_page": req.per_page,
        "pages": pages,
        "hits": [hit_dict(h) for h in result.hits],
        "facets": facets_dict(result.facets or {}),
        "suggestion": result.suggestion,
    }
