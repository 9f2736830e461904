"""A faster Whoosh codec for tracuu's many-field Vietnamese index.

Why: each page is indexed as exact, folded and bigram fields, and the bigram fields have a huge
vocabulary of rare terms (1,000 articles: ~118,000 distinct bigrams vs ~10,000 syllables). With
the default codec every term, even one seen in a single document, gets its own posting block:
header, pickle, zlib, block info. That per-term cost, not the analyzers, dominates indexing time.

Whoosh's codec can store the postings of rare terms *inline* in the term dictionary, but in
whoosh-reloaded 2.7.5 the writer calls ``W3TermInfo.set_inline`` while the class only defines
``set_inlined`` (the reader side, ``is_inlined``/``inlined_postings``, is complete). We add the
missing alias — nothing else changes — and enable inlining for terms in fewer than
``INLINE_LIMIT`` documents; zlib compression of posting blocks is switched off (faster writes
and reads, somewhat larger postings file). Indexes written this way are read by any Whoosh 2.7
without this module; segments merged later by a default-codec writer are simply re-encoded.

Use: ``ix.writer(codec=fast_codec(), limitmb=...)``. bench/analysis.py measures the effect.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec, W3TermInfo

#: Terms with fewer postings than this are stored inline in the term dictionary.
INLINE_LIMIT = 8


def _enable_inlining() -> None:
    """Give W3TermInfo the method name the postings writer calls (whoosh-reloaded 2.7.5 bug)."""
    if not hasattr(W3TermInfo, "set_inline"):
        W3TermInfo.set_inline = W3TermInfo.set_inlined


def fast_codec(inline_limit: int = INLINE_LIMIT, compression: int = 0) -> W3Codec:
    """A ``W3Codec`` that inlines rare terms' postings and skips zlib on posting blocks."""
    _enable_inlining()
    return W3Codec(inlinelimit=inline_limit, compression=compression)
