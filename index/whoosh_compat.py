"""Every private name of whoosh-reloaded that tracuu relies on, in one place.

Why: tracuu's writer, codec and searcher reach below Whoosh's public API for speed (reading term
infos, posting blocks and column files directly, writing whole terms). Those names can change
between Whoosh releases without notice; keeping them behind this module means an upgrade is
checked here, against the note below, instead of across index/ and search/.

Checked against: whoosh-reloaded 2.7.5 (the version setup.cfg pins).
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
