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
    return hit.to_json()


def result_dict(result: SearchResult) -> dict[str, Any]:
    """``SearchResult.to_json()`` (what ``tracuu search --json`` prints) plus the page count."""
    body = result.to_json()
    per_page = result.request.per_page
    body["pages"] = -(-result.total // per_page) if per_page else 0
    return body
