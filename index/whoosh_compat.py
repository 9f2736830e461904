"""Every private name of whoosh-reloaded that tracuu relies on, in one place.

Why: tracuu's writer, codec and searcher reach below Whoosh's public API for speed (reading term
infos, posting blocks and column files directly, writing whole terms). Those names can change
between Whoosh releases without notice; keeping them behind this module means an upgrade is
checked here, against the note below, instead of across index/ and search/.

Checked against: whoosh-reloaded 2.7.5 (the version setup.cfg pins).

What search/ relies on (section "used by search/" below; search/postings.py is the only caller):
``W3LeafMatcher``'s decoded block (``_read_ids``, ``_read_weights``, ``_ids``, ``_weights``, ``_i``,
``_next_block``), ``FilterMatcher``'s deleted set (``_exclude``, ``_ids``, ``child``), and the
per-document length column (``_perdoc._cached_reader``, ``_lenfield``, ``LENGTHS_COLUMN``, the
column reader's ``_dbfile``/``_basepos``/``_count``). Both helpers fall back to the public API
when those are absent, so only speed depends on them.
"""

from __future__ import annotations

# --- used by index/ (writer, segment, codec, pipeline) ---------------------------------------


def toc_segments(ix) -> list:
    """The segment objects listed in an index's current table of contents (``FileIndex._read_toc``)."""
    return list(ix._read_toc().segments)


def setup_doc_offsets(writer) -> None:
    """Recompute a ``SegmentWriter``'s document offsets after segments were appended to its
    ``segments`` list (``_setup_doc_offsets``; deletions by docnum rely on them)."""
    writer._setup_doc_offsets()

# --- used by search/ (postings, matching, ranking, facets, suggestions) ----------------------
# Everything search/ needs from below Whoosh's public API, as two functions. Each falls back to
# the public (slower) API when the structures are not what 2.7.5 builds, so a Whoosh upgrade
# that renames them costs speed, never results.
from array import array  # noqa: E402

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield  # noqa: E402
from whoosh.matching.wrappers import FilterMatcher  # noqa: E402


def read_leaf_postings(m) -> tuple[array, array]:
    """All ``(docnums, weights)`` of one segment's posting matcher, as arrays, deleted documents
    removed (docnums are the segment's own, not offset).

    Why private names: stepping a matcher costs several Python calls per posting; Whoosh's
    ``W3LeafMatcher`` decodes a whole block into ``_ids``/``_weights`` anyway, so we take the
    block (``_read_ids``, ``_read_weights``, ``_i``, ``_next_block``). A segment with deletions
    wraps it in a ``FilterMatcher`` whose ``_ids`` are the deleted docnums (``_exclude``).
    """
    deleted: frozenset[int] | None = None
    if isinstance(m, FilterMatcher) and m._exclude:  # deletions in this segment
        deleted = frozenset(m._ids)
        m = m.child
    ids: array = array("i")
    ws: array = array("f")
    if isinstance(m, W3LeafMatcher):
        while m.is_active():
            if m._ids is None:
                m._read_ids()
            if m._weights is None:
                m._read_weights()
            i = m._i
            ids.extend(m._ids[i:] if i else m._ids)
            ws.extend(m._weights[i:] if i else m._weights)
            m._next_block()
    else:  # inlined terms (index.codec) and anything else: the public matcher API
        while m.is_active():
            ids.append(m.id())
            ws.append(m.weight())
            m.next()
    if deleted:
        keep = [k for k, d in enumerate(ids) if d not in deleted]
        ids = array("i", (ids[k] for k in keep))
        ws = array("f", (ws[k] for k in keep))
    return ids, ws


def length_bytes(leaf, fieldname: str) -> bytes | None:
    """One segment's field-length column as raw bytes (one ``length_to_byte`` code a document),
    or None when the codec keeps lengths some other way (then use ``doc_field_length``).

    Why private names: 40k ``doc_field_length`` calls cost ~40 ms; the column is one read of
    ``_perdoc._cached_reader(...)``'s ``_dbfile`` at ``_basepos`` for ``_count`` bytes.
    """
    try:
        col = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    except AttributeError:
        return None
    if col is None:
        return b""
    return bytes(col._dbfile.get(col._basepos, col._count))
