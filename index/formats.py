"""Posting formats of the E/F/B fields: Whoosh's, with a cheaper ``word_values``.

Why: Whoosh's ``Frequency``/``Positions`` count each token through a chain of generators and
``defaultdict`` updates; tracuu runs them over every token of every page for six text fields.
These subclasses count with ``collections.Counter`` (or one dict of position lists) and return a
list; ``index_postings`` goes further for the segment writer (:mod:`index.segment`): it takes the
analyzer's plain term list (:func:`index.analysis.term_lists`, no Token objects) and returns
parallel lists of terms, weights and values built with ``map``. The postings are exactly
Whoosh's (same ``encode``, same decoding on read), so indexes are read by plain Whoosh too; only
this module must stay importable, since the format objects are pickled into the index's schema.

They assume every token has ``boost == 1.0`` (weight = frequency × field boost), which holds for
the analyzers of :mod:`index.analysis`; lists/tuples of pre-analysed terms go through Whoosh's
own path.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from functools import lru_cache
from itertools import count
from operator import methodcaller

from whoosh.compat import dumps
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

_PACKED = tuple(pack_uint(n) for n in range(256))
_ONE_POS = _PACKED[1]


def _packed(n: int) -> bytes:
    return _PACKED[n] if n < 256 else pack_uint(n)


def _term_list(value, analyzer, positions: bool = False) -> list[str] | None:
    """The analyzer's terms in order, when it offers them (tracuu's E/F/B analyzers); with
    ``positions`` only if each term's position is its index in the list (not so for bigrams,
    whose positions skip phrase breaks)."""
    if isinstance(value, str) and (not positions or getattr(analyzer, "dense_positions", False)):
        term_list = getattr(analyzer, "term_list", None)
        if term_list is not None:
            return term_list(value)
    return None


class Memo(dict):
    """``key → fn(key)`` computed once and shared, looked up at C speed (``__getitem__``; only a
    miss runs Python). Emptied when it holds ``limit`` entries. The writer uses it to share one
    object per distinct term, weight or value among the postings that repeat them: the pool keeps
    a reference per posting, and sharing saves ~40 bytes a posting."""

    def __init__(self, fn, limit: int = 1 << 20) -> None:
        super().__init__()
        self.fn = fn
        self.limit = limit

    def __missing__(self, key):
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.fn(key)
        return value


#: term → its UTF-8 bytes, one bytes object per term
_utf8 = Memo(methodcaller("encode", "utf-8")).__getitem__
#: frequency → float(frequency), the weight of a posting at field boost 1.0
_unit_weight = Memo(float).__getitem__


def _weight_of(field_boost: float):
    """``n → n × field_boost`` as a float (a shared float for the usual boost 1.0)."""
    if field_boost == 1.0:
        return _unit_weight
    return lambda n: n * field_boost


@lru_cache(maxsize=1 << 14)
def _one_position(pos: int) -> bytes:
    """Encoded value of a term seen once, at ``pos`` (Whoosh's ``Positions.encode``)."""
    return _ONE_POS + dumps([pos], 2)


def _positions_value(poslist: list[int]) -> bytes:
    deltas = [poslist[0]] + [b - a for a, b in zip(poslist, poslist[1:], strict=False)]
    return _packed(len(poslist)) + dumps(deltas, 2)


class CountedFrequency(Frequency):
    """``Frequency`` (term frequency per document), counted with a ``Counter``."""

    def index_postings(self, value, analyzer):
        """The segment writer's fast path (:mod:`index.segment`): parallel lists ``(term bytes,
        weights, values)`` and the field length, or None when the analyzer has no term list
        (then ``field.index`` is used). Counted at C speed; the postings are what
        ``field.index`` would give."""
        terms = _term_list(value, analyzer)
        if terms is None:
            return None
        counts = Counter(terms)
        freqs = list(counts.values())
        return (list(map(_utf8, counts)), list(map(_weight_of(self.field_boost), freqs)),
                list(map(_packed, freqs)), len(terms))

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, str):
            return super().word_values(value, analyzer, **kwargs)
        kwargs["boosts"] = True
        counts = Counter([t.text for t in analyzer(value, **kwargs) if not t.stopped])
        fb = self.field_boost
        return [(w, n, n * fb, _packed(n)) for w, n in counts.items()]


class CountedPositions(Positions):
    """``Positions`` (positions per document, for phrase checks), collected in one dict."""

    def index_postings(self, value, analyzer):
        """Like :meth:`CountedFrequency.index_postings`, with each term's positions."""
        terms = _term_list(value, analyzer, positions=True)
        if terms is None:
            return None
        poses: defaultdict[str, list[int]] = defaultdict(list)
        deque(map(list.append, map(poses.__getitem__, terms), count()), maxlen=0)
        one = _one_position
        plists = list(poses.values())
        values = [one(pl[0]) if len(pl) == 1 else _positions_value(pl) for pl in plists]
        return (list(map(_utf8, poses)), list(map(_weight_of(self.field_boost), map(len, plists))),
                values, len(terms))

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
            yield (w, len(poslist), len(poslist) * fb, _positions_value(poslist))
