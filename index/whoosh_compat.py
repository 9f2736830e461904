"""Every private name of whoosh-reloaded that tracuu relies on, in one place.

Why: tracuu's writer, codec and searcher reach below Whoosh's public API for speed (reading term
infos, posting blocks and column files directly, writing whole terms). Those names can change
between Whoosh releases without notice; keeping them behind this module means an upgrade is
checked here, against the note below, instead of across index/ and search/.

Checked against: whoosh-reloaded 2.7.5 (the version setup.cfg pins).

What search/ relies on (section "used by search/" below; search/postings.py is the only caller):
``W3LeafMatcher``'s block (``_read_data``, ``_data``, ``_byteids``, ``_read_weights``, ``_ids``,
``_weights``, ``_i``, ``_next_block``), ``FilterMatcher``'s deleted set (``_exclude``, ``_ids``,
``child``), and the per-document length column (``_perdoc._cached_reader``, ``_lenfield``,
``LENGTHS_COLUMN``, the column reader's ``_dbfile``/``_basepos``/``_count``). Both helpers fall
back to the public API when those are absent, so only speed depends on them. search/storage.py
memory-maps the index through public classes only (``FileStorage``, ``StructFile``).
"""

from __future__ import annotations

import pickle
import re
import zlib

# --- used by index/ (writer, segment, codec, pipeline) ---------------------------------------


def toc_segments(ix) -> list:
    """The segment objects listed in an index's current table of contents (``FileIndex._read_toc``)."""
    return list(ix._read_toc().segments)


def setup_doc_offsets(writer) -> None:
    """Recompute a ``SegmentWriter``'s document offsets after segments were appended to its
    ``segments`` list (``_setup_doc_offsets``; deletions by docnum rely on them)."""
    writer._setup_doc_offsets()

# --- used by search/ (postings, matching, ranking, facets, suggestions) ----------------------
# Everything search/ needs from below Whoosh's public API. Each helper falls back to
# the public (slower) API when the structures are not what 2.7.5 builds, so a Whoosh upgrade
# that renames them costs speed, never results.
from array import array  # noqa: E402
from bisect import bisect_left  # noqa: E402
from itertools import accumulate  # noqa: E402

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield  # noqa: E402
from whoosh.matching.wrappers import FilterMatcher  # noqa: E402


def read_leaf_postings(m) -> tuple[array, array]:
    """All ``(docnums, weights)`` of one segment's posting matcher, as arrays, deleted documents
    removed (docnums are the segment's own, not offset).

    Why private names: stepping a matcher costs several Python calls per posting; Whoosh's
    ``W3LeafMatcher`` keeps a whole block as one unpickled tuple (``_read_data``/``_data``: ids
    delta-encoded unless ``_byteids``, then weights), so we take the block and decode its ids
    with ``itertools.accumulate`` (``_read_ids`` does it with a Python generator), then move on
    with ``_next_block``. A segment with deletions
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
            i = m._i
            block_ids, block_ws = _decode_block(m)
            ids.extend(block_ids[i:] if i else block_ids)
            ws.extend(block_ws[i:] if i else block_ws)
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


#: the head of a posting block's pickled ``(ids, weights, values)`` tuple as Whoosh 2.7 writes
#: it (protocol 2): a tuple of ints (K/M/J opcodes), memo 0, then a tuple of floats (G), None
#: (all weights 1) or one float, memo 1. Parsed opcode by opcode, so a match is exact.
_BLOCK_HEAD = re.compile(rb"\x80\x02\((?:K.|M..|J....)*tq\x00(?:\((?:G.{8})*tq\x01|N|G.{8})", re.S)


def _decode_block(m) -> tuple:
    """``(docnums, weights)`` of a ``W3LeafMatcher``'s current block (segment docnums)."""
    if m._ids is not None or m._data is not None:  # the matcher decoded this block already
        if m._ids is None:
            m._read_ids()
        if m._weights is None:
            m._read_weights()
        return m._ids, m._weights
    raw, weights = _block_ids_weights(m)
    # ids are delta-encoded unless ``_byteids``: decode at C speed (``_read_ids`` runs a Python
    # generator per posting)
    block_ids = raw if m._byteids else array("i", accumulate(raw))
    n = len(block_ids)
    if weights is None:
        return block_ids, array("f", [1.0]) * n
    if isinstance(weights, float):
        return block_ids, array("f", [weights]) * n
    return block_ids, weights


def weights_at(m, wanted: list[int]) -> dict[int, float]:
    """Weights (term frequencies) of one segment's posting matcher at a few documents
    (``wanted``: sorted segment docnums, none of them deleted), as ``{docnum: weight}``.

    Why private names: Whoosh's ``skip_to`` decodes every block it lands on whole (positions
    included); here blocks are passed by their header's ``_maxid`` and only the ones holding a
    wanted document are decoded, without their positions (:func:`_decode_block`).
    """
    if isinstance(m, FilterMatcher):
        m = m.child
    out: dict[int, float] = {}
    k = 0
    if not isinstance(m, W3LeafMatcher):
        for local in wanted:
            if not m.is_active():
                break
            if m.id() < local:
                m.skip_to(local)
                if not m.is_active():
                    break
            if m.id() == local:
                out[local] = m.weight()
        return out
    while m.is_active() and k < len(wanted):
        if m._maxid < wanted[k]:
            m._next_block()
            continue
        block_ids, block_ws = _decode_block(m)
        while k < len(wanted) and wanted[k] <= m._maxid:
            j = bisect_left(block_ids, wanted[k])
            if j < len(block_ids) and block_ids[j] == wanted[k]:
                out[wanted[k]] = block_ws[j]
            k += 1
        m._next_block()
    return out


def _block_ids_weights(m) -> tuple:
    """``(raw ids, weights)`` of the matcher's current block without unpickling its values.

    Why: the values are the positions, one bytes object per posting, which protocol 2 pickles
    as a ``_codecs.encode`` call each; unpickling them is two thirds of decoding a block and
    sets of documents or term frequencies never need them. The head (ids and weights) is cut
    at the exact opcode boundary and unpickled alone; any other layout is unpickled whole.
    """
    b = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
    if m._compression:
        b = zlib.decompress(b)
    head = _BLOCK_HEAD.match(b)
    data = pickle.loads(b[:head.end()] + b"\x86.") if head else pickle.loads(b)
    return data[0], data[1]


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
