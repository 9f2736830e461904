"""The Whoosh schema of the tracuu index and the mapping from a ``Document`` to index fields.

Why it looks like this (see ../shared/design/vietnamese-analysis.md §A.2 and whoosh.md):

* Every text is indexed three ways: ``*_e`` (exact syllables, tone placement canonicalised),
  ``*_f`` (accent-folded, ``đ→d``) and ``*_b`` (folded syllable bigrams). Accented query words hit
  E (boosted) and F, unaccented ones only F, and adjacent words also hit B, so a phrase remembered
  without quotes ranks its page first without paying for Whoosh ``Phrase`` queries.
* ``title_*`` fields are separate from ``body_*`` so a title match can be boosted; ``body_*``
  holds the summary, the body, image captions and attachment titles (everything a reader sees).
* ``docnum`` (D) holds document numbers such as ``15/2020/nđ-cp`` (and their folded form).
* ``site``, ``category`` and ``year`` are exact, un-analysed terms: the searcher reads their
  lexicons once to build facet tables. ``category`` stores every prefix of the breadcrumb path
  (``A``, ``A/B``) so filtering by a parent also matches its children.
* ``published`` is a sortable DATETIME column (UTC, naive, as Whoosh expects), not indexed as terms.
* ``hash`` is a sortable column of the content hash so the writer can tell unchanged pages from
  changed ones without unpickling stored documents.
* ``sugg`` holds ``fold|exact`` terms for syllables and syllable pairs: the index's own statistics
  for the did-you-mean that restores accents (``tinh_hoa|tỉnh hòa``). Prefix expansion over
  ``tinh_hoa|`` lists every accented spelling with its document frequency; single syllables are
  listed once per segment and take their frequency from the E fields (:func:`suggest_terms`).
* ``doc`` stores the whole Document JSON, which is what the web's document page renders.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from whoosh import fields
from whoosh.analysis import RegexTokenizer, Token, Tokenizer
from whoosh.formats import Existence

from index import analysis
from index.attachdocs import index_fields as attachment_fields
from index.formats import CompactPositions, CountedWeights
from ingest.document import VN_TZ, Document

#: Separator between breadcrumb levels in category paths (request values use the same).
CATEGORY_SEP = "/"
#: Characters of a category label that would break the path syntax are replaced by this.
_CATEGORY_SEP_REPLACEMENT = "∕"  # U+2215 DIVISION SLASH, looks the same to a reader
#: Separates the title from the body in the ``sugg`` field value (a control char never in text).
SUGGEST_SEP = "\x1e"


def suggest_terms(title: str, summary: str, body: str, seen: set[str] | None = None) -> list[str]:
    """The ``sugg`` terms of one document: ``fold|exact`` for its syllables and
    ``fold_fold|exact exact`` for adjacent pairs of its title and summary.

    Pairs carry their own document frequency (the did-you-mean ranks spellings by it). Single
    syllables only need to be *listed*: their frequency is read from the E fields at search time.
    So with ``seen`` (the writer's set for the segment being written) a syllable is emitted only
    by the first document of the segment that has it: this cut the field from ~157,000 to ~10,000
    postings per 700 pages, a fifth of all postings the writer encoded.
    Body pairs would multiply the number of distinct terms (each costs Whoosh a posting list at
    commit) for little gain: the names people type without accents (``ubnd tinh hoa binh``) are in
    titles and summaries. Each part is analysed on its own, so pairs never span two parts; the
    body string is the one the E/F/B fields analyse, which hits the per-value term-list cache.
    """
    out: list[str] = []
    mine: set[str] = set()
    for index, text in enumerate((title, summary, body)):
        if not text:
            continue
        # the E terms of the writer's shared term lists (the body's are computed here first)
        lists = analysis.term_lists(text)
        exact = lists.exact
        words = set(exact)
        fresh = words - mine if seen is None else words - mine - seen
        out += [f"{_fold(word)}|{word}" for word in fresh]
        mine |= words
        if index == 2:
            continue
        seps = lists.seps
        for k in range(1, len(exact)):
            # pairs only across a plain space (not across punctuation or paragraphs)
            if seps[k] == " ":
                out.append(f"{_fold(exact[k - 1])}_{_fold(exact[k])}|{exact[k - 1]} {exact[k]}")
    if seen is not None:
        seen.update(mine)
    return out


class SuggestAnalyzer(Tokenizer):
    """Tokens of the ``sugg`` field: a list value is taken as ready terms (:func:`suggest_terms`);
    a string ``title SEP summary SEP body`` (:data:`SUGGEST_SEP`) is turned into them."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if isinstance(value, str):
            parts = value.split(SUGGEST_SEP)
            if len(parts) == 1:
                parts = ["", parts[0], ""]  # a lone text: syllables and pairs
            value = suggest_terms(*(parts + ["", "", ""])[:3])
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for term in value:
            token.text = term
            yield token


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    return analysis.fold(word)


def suggest_analyzer() -> SuggestAnalyzer:
    return SuggestAnalyzer()


def _category_field() -> fields.KEYWORD:
    """KEYWORD's own analyzer splits on spaces, but labels contain spaces: one term per line."""
    field = fields.KEYWORD(stored=False, scorable=False)
    field.analyzer = RegexTokenizer(r"[^\n]+")
    return field


def _column_only(field: fields.FieldType) -> fields.FieldType:
    """A field kept only as a sortable column: the searcher filters and sorts dates through the
    column, and Whoosh's date terms (several precisions per value: ~5 terms a page) were unused."""
    field.indexed = False
    return field


def _text(analyzer, phrase: bool) -> fields.TEXT:
    """A TEXT field with :mod:`index.formats`' compact formats: positions as varints (F), term
    frequencies as weights without value bytes (E, B, D) — what the searcher reads."""
    field = fields.TEXT(analyzer=analyzer, phrase=phrase)
    field.format = CompactPositions(field_boost=1.0) if phrase else CountedWeights(field_boost=1.0)
    return field


def build_schema() -> fields.Schema:
    """The schema; analyzers come from :mod:`index.analysis` (same code for documents and queries)."""
    e, f, b, d = (analysis.exact_analyzer(), analysis.folded_analyzer(),
                  analysis.bigram_analyzer(), analysis.docnum_analyzer())
    return fields.Schema(
        url=fields.ID(stored=True, unique=True),
        id=fields.ID(stored=True),
        site=fields.ID(stored=True),
        kind=fields.ID(stored=True),
        # attachments (index.attachdocs.index_fields): format, facets, and the linking pages
        format=fields.ID(),
        doctype=fields.ID(),
        issuer=fields.ID(),
        parents=_category_field(),
        category=_category_field(),
        year=fields.ID(),
        published=_column_only(fields.DATETIME(sortable=True)),
        hash=fields.ID(sortable=True),
        # E fields keep frequencies, not positions: phrases are checked on F positions
        title_e=_text(e, phrase=False),
        title_f=_text(f, phrase=True),
        title_b=_text(b, phrase=False),
        body_e=_text(e, phrase=False),
        body_f=_text(f, phrase=True),
        body_b=_text(b, phrase=False),
        docnum=_text(d, phrase=False),
        # scorable only so Whoosh keeps a length column: without one, its segment writer stats the
        # column file once per posting of the field
        sugg=fields.FieldType(format=Existence(), analyzer=suggest_analyzer(), scorable=True),
        doc=fields.STORED(),
    )


def category_label(label: str) -> str:
    label = unicodedata.normalize("NFC", " ".join(label.split()))
    return label.replace(CATEGORY_SEP, _CATEGORY_SEP_REPLACEMENT)


def category_paths(category: list[str]) -> list[str]:
    """``["A", "B"]`` → ``["A", "A/B"]``: every ancestor path, so a parent filter matches children."""
    paths: list[str] = []
    labels = [category_label(c) for c in category if c and c.strip()]
    for i in range(1, len(labels) + 1):
        paths.append(CATEGORY_SEP.join(labels[:i]))
    return paths


def category_path(category: list[str]) -> str:
    """The full breadcrumb path of a document (``"A/B"``), or ``""``."""
    paths = category_paths(category)
    return paths[-1] if paths else ""


def doc_key(doc: Document) -> str:
    """The unique key: the URL, or ``sha256:<digest>`` for pages without one (same rule as ``Document.id``)."""
    return doc.url or f"sha256:{doc.source.sha256}"


def content_hash(doc: Document) -> str:
    """Hash of what the index shows: the record without ``source`` (path/encoding may differ between
    two fetches of the same page, which must still count as unchanged)."""
    data = doc.to_dict()
    data.pop("source", None)
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:32]


def utc_naive(dt: datetime) -> datetime:
    """Whoosh DATETIME wants naive datetimes; tracuu stores them as UTC (naive = Vietnam time)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.astimezone(UTC).replace(tzinfo=None)


def body_text(doc: Document) -> str:
    """Everything of a page a reader sees besides the title, in reading order."""
    parts = [doc.summary or "", doc.body or ""]
    parts += [img.caption for img in doc.images if img.caption]
    parts += [a.title for a in doc.attachments if a.title]
    return "\n\n".join(p for p in parts if p)


def document_fields(doc: Document, digest: str | None = None, sugg_seen: set[str] | None = None) -> dict[str, Any]:
    """The keyword arguments for ``writer.add_document`` / ``update_document``; ``sugg_seen`` is
    the writer's set of syllables already listed in the segment (see :func:`suggest_terms`)."""
    body = body_text(doc)
    values: dict[str, Any] = {
        "url": doc_key(doc),
        "id": doc.id,
        "kind": doc.kind or "other",
        "hash": digest or content_hash(doc),
        "title_e": doc.title or "",
        "title_f": doc.title or "",
        "title_b": doc.title or "",
        "body_e": body,
        "body_f": body,
        "body_b": body,
        "docnum": f"{doc.title or ''}\n{body}",
        "sugg": suggest_terms(doc.title or "", doc.summary or "", body, sugg_seen),
        "doc": doc.to_json(),
    }
    values.update(attachment_fields(doc))
    if doc.site:
        values["site"] = unicodedata.normalize("NFC", doc.site.strip())
    paths = category_paths(doc.category)
    if paths:
        values["category"] = "\n".join(paths)
    if doc.published is not None:
        values["published"] = utc_naive(doc.published)
        local = doc.published if doc.published.tzinfo is None else doc.published.astimezone(VN_TZ)
        values["year"] = str(local.year)
    return values
