"""Posting formats of the E/F/B fields: Whoosh's, with a cheaper ``word_values``.

Why: Whoosh's ``Frequency``/``Positions`` count each token through a chain of generators and
``defaultdict`` updates; tracuu runs them over every token of every page for six text fields.
These subclasses count with ``collections.Counter`` (or one dict of position lists) and return a
list; ``index_postings`` goes further for the segment writer (:mod:`index.segment`): it takes the
analyzer's plain term list (:func:`index.analysis.term_lists`, no Token objects) and returns
parallel lists of terms, weights and values built with ``map``. The postings are exactly
Whoosh's (same ``encode``, same decoding on read); this module must stay importable, since the
format objects are pickled into the index's schema. The compact formats at the end
(:class:`CountedWeights`, :class:`CompactPositions`) are what new indexes use; the others stay
for indexes written before them.

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
from whoosh.formats import Existence, Frequency, Positions
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


# ---------------------------------------------------------------------------------------------
# compact formats (issue 11: the index was 3.5 times its pages)


class CountedWeights(Existence):
    """The term frequency kept as the posting's *weight* only, with no value bytes (E, B and D).

    Why: the searcher scores with weights (BM25F over ``weight()``) and never decodes a
    frequency value for these fields; Whoosh's ``Frequency`` stored the same number again as a
    4-byte value per posting (a quarter of the B fields' postings). ``Existence`` is the Whoosh
    format without values; weights are written per posting as for any format.
    """

    def index_postings(self, value, analyzer):
        """Like :meth:`CountedFrequency.index_postings`, with empty values."""
        terms = _term_list(value, analyzer)
        if terms is None:
            return None
        counts = Counter(terms)
        return (list(map(_utf8, counts)), list(map(_weight_of(self.field_boost), counts.values())),
                [b""] * len(counts), len(terms))

    def word_values(self, value, analyzer, **kwargs):
        kwargs["boosts"] = True
        if isinstance(value, str):
            words = [t.text for t in analyzer(value, **kwargs) if not t.stopped]
        else:
            words = list(value)
        fb = self.field_boost
        return [(w, n, n * fb, b"") for w, n in Counter(words).items()]

    def decode_weight(self, valuestring):  # pragma: no cover - weights are read from postings
        return self.field_boost


def _varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


_VARINTS = tuple(_varint(n) for n in range(1 << 14))


def _varints(numbers) -> bytes:
    table = _VARINTS
    try:
        return b"".join([table[n] for n in numbers])
    except IndexError:
        return b"".join(map(_varint, numbers))


def _unvarints(data: bytes) -> list[int]:
    out: list[int] = []
    n = shift = 0
    for byte in data:
        n |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            out.append(n)
            n = shift = 0
    return out


@lru_cache(maxsize=1 << 14)
def _one_compact_position(pos: int) -> bytes:
    return _VARINTS[1] + _varint(pos)


class CompactPositions(Positions):
    """``Positions`` with each value as varints — count, then position deltas — instead of a
    4-byte count and a pickled list (13 bytes for one position; here 2). Same decoders
    (``decode_frequency``/``weight``/``positions``), so ``value_as("positions")`` works as before."""

    def encode(self, poslist):
        deltas = [poslist[0]] + [b - a for a, b in zip(poslist, poslist[1:], strict=False)]
        return _varints([len(poslist)] + deltas)

    def decode_frequency(self, valuestring):
        return _unvarints(valuestring[:3])[0] if valuestring else 0

    def decode_weight(self, v):
        return self.decode_frequency(v) * self.field_boost

    def decode_positions(self, valuestring):
        numbers = _unvarints(valuestring)
        out, pos = [], 0
        for delta in numbers[1:]:
            pos += delta
            out.append(pos)
        return out

    def index_postings(self, value, analyzer):
        """Like :meth:`CountedPositions.index_postings`, values encoded compactly."""
        terms = _term_list(value, analyzer, positions=True)
        if terms is None:
            return None
        poses: defaultdict[str, list[int]] = defaultdict(list)
        deque(map(list.append, map(poses.__getitem__, terms), count()), maxlen=0)
        one = _one_compact_position
        encode = self.encode
        plists = list(poses.values())
        values = [one(pl[0]) if len(pl) == 1 else encode(pl) for pl in plists]
        return (list(map(_utf8, poses)), list(map(_weight_of(self.field_boost), map(len, plists))),
                values, len(terms))

    def word_values(self, value, analyzer, **kwargs):
        kwargs["positions"] = True
        kwargs["boosts"] = True
        poses: dict[str, list[int]] = {}
        if isinstance(value, str):
            tokens = ((t.text, t.pos) for t in analyzer(value, **kwargs) if not t.stopped)
        else:
            tokens = ((w, i) for i, w in enumerate(value))
        for text, pos in tokens:
            poses.setdefault(text, []).append(pos)
        fb = self.field_boost
        return [(w, len(pl), len(pl) * fb, self.encode(pl)) for w, pl in poses.items()]
