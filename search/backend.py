"""One interface for every search backend, and the factory that picks one.

Why: the web, the API and the CLI must not know which engine answers. The embedded Whoosh
index (:class:`search.searcher.Searcher`, the default) and a distributed Sphinx/Manticore
cluster (:class:`search.sphinxql.SphinxQLBackend`) both satisfy :class:`SearchBackend`; writers
satisfy :class:`DocumentSink`. ``--backend sphinxql://host:port[,host:port…]`` or
``TRACUU_BACKEND`` selects the cluster; nothing (or ``whoosh``) keeps the data directory's index.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ingest.document import Document
from search.limits import Limits
from search.model import SearchRequest, SearchResult

ENV = "TRACUU_BACKEND"


@runtime_checkable
class SearchBackend(Protocol):
    """Searching (facets, highlights, paging), export streams, look-ups, completions, counts."""

    limits: Limits

    def search(self, req: SearchRequest) -> SearchResult: ...

    def iter_results(self, req: SearchRequest, limit: int | None = None) -> Iterable[Any]: ...

    def get(self, doc_id: str) -> Document | None: ...

    def suggest(self, prefix: str, limit: int = 10) -> list[str]: ...

    def stats(self) -> dict: ...

    def close(self) -> None: ...


@runtime_checkable
class RemoteResearch(Protocol):
    """What a backend without a local view (no ``snapshot()``) gives the research tools, so that
    :mod:`search.kwic`, :mod:`search.trends` and :mod:`search.suggest` run the same code on it:
    the concordance's matched-page count and the ids that may hold an occurrence (date order),
    stored documents by id, counts per period (``None``: undated) for the filters and each term,
    and a key that changes with every write (per-generation caches)."""

    def kwic_documents(self, kreq: Any, pats: list) -> tuple[int, list[int]]: ...

    def kwic_stored(self, ids: list[int]) -> list[tuple[str, dict]]: ...

    def trend_counts(self, treq: Any) -> tuple[Any, list[Any], list[str]]: ...

    def generation(self) -> tuple: ...


@runtime_checkable
class DocumentSink(Protocol):
    """Adding documents (``indexed``/``updated``/``unchanged``), committing, closing."""

    counts: Any

    def add(self, doc: Document) -> str: ...

    def commit(self) -> None: ...

    def close(self) -> None: ...


def backend_spec(explicit: str | None = None) -> str | None:
    """The chosen distributed backend (``sphinxql://…``), or None for the Whoosh index."""
    spec = (explicit or os.environ.get(ENV) or "").strip()
    return None if spec in ("", "whoosh") else spec


def open_backend(data_dir: Path | str, spec: str | None = None, limits: Limits | None = None) -> SearchBackend:
    """The searcher for a data directory (Whoosh) or for the cluster ``spec`` names."""
    spec = backend_spec(spec)
    if spec:
        from search.sphinxql import SphinxQLBackend

        return SphinxQLBackend(spec, limits=limits)
    from search.searcher import Searcher

    return Searcher(data_dir, limits=limits)


def sink_factory(spec: str | None = None):
    """The ingest pipeline's ``sink_factory`` for the chosen backend (None: the Whoosh writer)."""
    spec = backend_spec(spec)
    if not spec:
        return None
    from search.sphinx_writer import SphinxWriterSink

    return lambda data_dir: SphinxWriterSink(spec, data_dir)
