"""Posting formats of the E/F/B fields: Whoosh's, with a cheaper ``word_values``.

Why: Whoosh's ``Frequency``/``Positions`` count each token through a chain of generators and
``defaultdict`` updates; tracuu runs them over every token of every page for six text fields.
These subclasses count with ``collections.Counter`` (or one dict of position lists) and return a
list. The postings and their encoded bytes are exactly Whoosh's (same ``encode``, same decoding
on read), so indexes are read by plain Whoosh too; only this module must stay importable, since
the format objects are pickled into the index's schema.

They assume every token has ``boost == 1.0`` (weight = frequency × field boost), which holds for
the analyzers of :mod:`index.analysis`; lists/tuples of pre-analysed terms go through Whoosh's
own path.
"""

from __future__ import annotations

from collections import Counter

from whoosh.compat import dumps
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

_PACKED = tuple(pack_uint(n) for n in range(256))


def _packed(n: int) -> bytes:
    return _PACKED[n] if n < 256 else pack_uint(n)


class CountedFrequency(Frequency):
    """``Frequency`` (term frequency per document), counted with a ``Counter``."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, str):
            return super().word_values(value, analyzer, **kwargs)
        kwargs["boosts"] = True
        counts = Counter([t.text for t in analyzer(value, **kwargs) if not t.stopped])
        fb = self.field_boost
        return [(w, n, n * fb, _packed(n)) for w, n in counts.items()]


class CountedPositions(Positions):
    """``Positions`` (positions per document, for phrase checks), collected in one dict."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        kwargs["positions"] = True
        kwargs["boosts"] = True
        poses: dict[str, list[int]] = {}
        get = poses.get
        for t in analyzer(value, **kwargs):
            if t.stopped:
                continue
            lst = get(t.text)
            if lst is None:
                poses[t.text] = [t.pos]
            else:
                lst.append(t.pos)
        fb = self.field_boost
        for w, poslist in poses.items():
            n = len(poslist)
            if n == 1:
                deltas = poslist
            else:
                deltas = [poslist[0]] + [b - a for a, b in zip(poslist, poslist[1:], strict=False)]
            yield (w, n, n * fb, _packed(n) + dumps(deltas, 2))
