"""Concordance (KWIC, key word in context): every occurrence of a query's words or phrase in the
documents the query matches, as ``left | match | right`` with N syllables of context each side.

Why built this way:

* The documents come from the search modules themselves (:mod:`search.query` parses and
  compiles, :mod:`search.matching` gives the set, the request's filters narrow it), so a
  concordance never shows a page that the same search would not find.
* Occurrences are found per text by one regular expression per pattern that accepts every case
  and accent variant of each folded letter (``hoa`` → ``[hH][oòóỏõọôồ…][aàá…]``): a scan at C speed,
  no tokenisation of whole bodies (tokenising 1,000 bodies in Python costs seconds). Each
  candidate is then checked with :mod:`index.analysis`'s own forms (F terms, and E terms for
  ``exact_accents``), so matching agrees with search's analysis, i/y folding and tone placement
  included. Texts with combining marks or invisible characters (NFD pages) take the analyser's
  token path, which is slower but handles every offset exactly.
* Contexts are counted in syllables as the analyser counts them and cut from the original text,
  whitespace runs (paragraph breaks) shown as one space.
* Sorting by the syllables left or right of the match uses the Vietnamese dictionary order
  (:func:`syllable_key`): letters first in the alphabet ``a ă â b c d đ e ê … o ô ơ … u ư``, case
  ignored, then the tone (none, huyền, hỏi, ngã, sắc, nặng). Sorting by date is chronological,
  undated documents last.

Public surface: :class:`KwicRequest`, :class:`Line`, :class:`Concordance`, :func:`concordance`,
:func:`iter_lines`, and from :mod:`search.kwic_text` (the text side, no index): :func:`patterns`,
:func:`find_in_text`, :func:`syllable_key`.
"""

from __future__ import annotations

import dataclasses
import itertools
import sys
import threading
import time
import unicodedata
import weakref
from collections import Counter, OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from ingest.document import iso, parse_iso
from search import matching
from search.facets import intersect
from search.kwic_text import (  # noqa: F401  (syllable_key: part of this module's public surface)
    Step,
    doc_texts,
    find_in_text,
    patterns,
    syllable_key,
    words_key,
)
from search.model import QueryError, SearchRequest
from search.postings import View
from search.query import ParsedQuery, compile_query, parse

SORTS = ("date", "left", "right")
DEFAULT_CONTEXT = 8
MAX_CONTEXT = 50
#: lines a sorted (left/right) concordance holds at most; the export says when it is cut
MAX_LINES = 200_000
#: documents read per turn of the searcher's lock
BATCH = 200
#: the first batch is small, so the first lines of a stream (a UI page) come quickly
FIRST_BATCH = 16
#: fields scanned, in the order the indexer joins them (title, then body_text's parts)
FIELDS = ("title", "summary", "body", "caption", "attachment")


@dataclass(frozen=True)
class KwicRequest:
    """What to look up: the search (query and filters; its sort and paging are ignored) and how
    to show it."""

    search: SearchRequest
    context: int = DEFAULT_CONTEXT
    sort: str = "date"
    exact_accents: bool = False

    def check(self) -> None:
        """Refuse what cannot be shown, with a message naming the part (QueryError)."""
        if not (self.search.q or "").strip():
            raise QueryError("Hãy nhập từ hoặc cụm từ cần xem ngữ cảnh (ví dụ: hòa bình). (empty query)")
        if not isinstance(self.context, int) or not 1 <= self.context <= MAX_CONTEXT:
            raise QueryError(f"Số âm tiết ngữ cảnh phải từ 1 đến {MAX_CONTEXT} (nhận được {self.context}). "
                             "(context out of range)")
        if self.sort not in SORTS:
            raise QueryError(f"Cách sắp xếp “{self.sort}” không hợp lệ; dùng một trong: {', '.join(SORTS)}. "
                             "(invalid sort)")


@dataclass
class Line:
    """One occurrence: its document, the field it is in, and the aligned texts."""

    doc_id: str
    url: str | None
    title: str
    published: datetime | None
    site: str | None
    field: str
    #: character offset of the match in the field's text
    offset: int
    left: str
    match: str
    right: str
    #: syllables left of the match, nearest first; right of it, nearest first (for sorting)
    left_words: tuple[str, ...] = ()
    right_words: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "url": self.url, "title": self.title, "published": iso(self.published),
                "site": self.site, "field": self.field, "offset": self.offset,
                "left": self.left, "match": self.match, "right": self.right}


@dataclass
class Concordance:
    request: KwicRequest
    lines: list[Line]
    #: documents the search matched, and how many of them hold at least one occurrence
    documents: int
    documents_with_lines: int
    #: ``[(surface spelling, count)]``, most frequent first
    spellings: list[tuple[str, int]]
    truncated: bool = False
    took_ms: float = 0.0
    notes: list[str] = field(default_factory=list)


# -------------------------------------------------------------------------------------------
# Over the index
# -------------------------------------------------------------------------------------------
def _patterns(parsed: ParsedQuery) -> list[tuple[Step, ...]]:
    pats = patterns(parsed)
    if not pats:
        raise QueryError("Truy vấn không có từ nào để xem ngữ cảnh (chỉ có bộ lọc hoặc từ bị loại trừ). "
                         "(no words to line up)")
    return pats


def _matched(view: View, kreq: KwicRequest, max_query_chars: int) -> tuple[int, list[int], list[tuple[Step, ...]]]:
    """``(documents the search matches, those that may hold an occurrence in date order, patterns)``."""
    parsed = parse(kreq.search.q, max_query_chars)
    pats = _patterns(parsed)
    compiled = compile_query(parsed, view.prefix_expander, view.is_common)
    final = intersect(matching.match(view, compiled.match),
                      matching.request_filters(view, kreq.search).values())
    holding = final & _may_hold(view, pats, kreq.exact_accents)
    pub = view.pub
    return len(final), sorted(holding, key=lambda d: (pub[d], d)), pats


def _may_hold(view: View, pats: list[tuple[Step, ...]], exact_accents: bool) -> frozenset[int]:
    """Documents that can hold an occurrence of some pattern, from the postings alone: every
    adjacent pair as a B term (pairs never span sentence punctuation, nor does a match), a single
    word as an F term, accented words' E terms when accents must be exact. Only these documents
    are read, which is what makes a concordance of a common-word query fast."""
    out: set[int] = set()
    for pat in pats:
        sets: list[frozenset[int]] = []
        for a, b in zip(pat, pat[1:], strict=False):
            if not (a.prefix or b.prefix):
                pair = f"{a.folded}_{b.folded}"
                sets.append(view.docs("title_b", pair) | view.docs("body_b", pair))
        for st in pat:
            if st.prefix:
                continue
            if not sets or exact_accents:
                fname, term = ("_e", st.exact) if exact_accents else ("_f", st.folded)
                sets.append(view.docs("title" + fname, term) | view.docs("body" + fname, term))
        if not sets:
            return view.all_docs
        out |= intersect(sets[0], sets[1:])
    return frozenset(out)


def _doc_lines(doc_id: str, doc: dict, pats, kreq: KwicRequest) -> list[Line]:
    published = parse_iso(doc.get("published"))
    out = []
    for fname, text in doc_texts(doc):
        for o in find_in_text(text, pats, kreq.context, kreq.exact_accents):
            out.append(Line(doc_id, doc.get("url"), doc.get("title") or "", published, doc.get("site"),
                            fname, o.start, o.left, o.match, o.right, o.left_words, o.right_words))
    return out


def iter_lines(searcher, kreq: KwicRequest, stats: dict | None = None) -> Iterator[Line]:
    """Lines in date order, streamed a batch of documents at a time (the searcher's lock is held
    only while a batch is read). ``stats``, when given, receives ``documents`` up front and
    ``documents_with_lines`` as it goes."""
    kreq.check()
    remote = getattr(searcher, "kwic_documents", None)
    if remote is not None:
        # a backend without a local view (search.sphinxql): it gives the ids in date order and
        # reads stored documents by id; the lines are found here, as below
        pats = _patterns(parse(kreq.search.q, searcher.limits.max_query_chars))
        total, docs = remote(kreq, pats)
        read = searcher.kwic_stored
    else:
        with searcher.snapshot() as view:
            total, docs, pats = _matched(view, kreq, searcher.limits.max_query_chars)

        def read(batch: list) -> list[tuple[str, dict]]:
            with searcher.snapshot() as view:
                return [view.stored(d) for d in batch]
    if stats is not None:
        stats["documents"] = total
        stats["documents_with_lines"] = 0
    i, size = 0, FIRST_BATCH
    while i < len(docs):
        batch = [_doc_lines(doc_id, doc, pats, kreq) for doc_id, doc in read(docs[i:i + size])]
        i, size = i + size, min(BATCH, size * 2)
        for lines in batch:
            if lines and stats is not None:
                stats["documents_with_lines"] += 1
            yield from lines


def sort_lines(lines: list[Line], sort: str) -> None:
    """Order lines in place: ``left``/``right`` by the context syllables nearest the match outward
    (dictionary order), then date; ``date`` keeps the stream's chronological order."""
    if sort == "left":
        lines.sort(key=lambda ln: words_key(ln.left_words))
    elif sort == "right":
        lines.sort(key=lambda ln: words_key(ln.right_words))


_CACHE: OrderedDict[tuple, dict[str, Concordance]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_INFLIGHT: dict[tuple, threading.Event] = {}
CACHE_SIZE = 16
#: estimated bytes of the cached concordances' lines: a concordance can hold MAX_LINES lines
#: (~1 kB each), so a count alone would let 16 of them take gigabytes
CACHE_BUDGET = 256 * 2**20
_SIZES: dict[tuple, int] = {}


def _concordance_bytes(conc: Concordance) -> int:
    """Its lines' strings and word tuples, plus a list slot for each sort order kept later."""
    return sum(sys.getsizeof(ln.left) + sys.getsizeof(ln.right) + sys.getsizeof(ln.match)
               + 80 * (len(ln.left_words) + len(ln.right_words)) + 300 for ln in conc.lines)


def _trim_cache() -> None:
    """Drop the concordances of index generations a commit has replaced (never asked for again),
    then the least recently used ones past ``CACHE_SIZE`` or ``CACHE_BUDGET`` (call with the lock)."""
    live = {gen for view, gen in list(_GENERATIONS.items()) if not view.retired}
    for key in [k for k in _CACHE if k[0] not in live]:
        del _CACHE[key]
        _SIZES.pop(key, None)
    while _CACHE and (len(_CACHE) > CACHE_SIZE or sum(_SIZES.values()) > CACHE_BUDGET):
        key, _entry = _CACHE.popitem(last=False)
        _SIZES.pop(key, None)


_GENERATIONS: weakref.WeakKeyDictionary[View, int] = weakref.WeakKeyDictionary()
_NEXT_GENERATION = itertools.count(1)


def _key(searcher, kreq: KwicRequest, max_lines: int) -> tuple:
    """Cache key: the index generation (a token per view; ``id()`` could be reused after a view
    is dropped) and everything that changes the lines, but not their order."""
    remote = getattr(searcher, "generation", None)
    if remote is not None:  # a cluster: its own write generation, and which cluster
        req = dataclasses.replace(kreq.search, page=1, per_page=1, sort="relevance")
        return (getattr(searcher, "spec", ""), remote(), repr(req), kreq.context, kreq.exact_accents, max_lines)
    with searcher.snapshot() as view:
        with _CACHE_LOCK:
            generation = _GENERATIONS.get(view)
            if generation is None:
                generation = _GENERATIONS[view] = next(_NEXT_GENERATION)
    req = dataclasses.replace(kreq.search, page=1, per_page=1, sort="relevance")
    return (generation, repr(req), kreq.context, kreq.exact_accents, max_lines)


def cached(searcher, kreq: KwicRequest, max_lines: int = MAX_LINES) -> Concordance | None:
    """The concordance if it is already computed (in any sort order), else None."""
    kreq.check()
    key = _key(searcher, kreq, max_lines)
    with _CACHE_LOCK:
        entry = _CACHE.get(key)
    return concordance(searcher, kreq, max_lines) if entry is not None else None


def first_lines(searcher, kreq: KwicRequest, n: int) -> tuple[list[Line], bool, int]:
    """The first ``n`` lines in date order, reading only as many documents as they need (what a
    first UI page shows while the whole concordance is counted): ``(lines, more, documents)``."""
    stats: dict = {}
    out: list[Line] = []
    more = False
    for line in iter_lines(searcher, kreq, stats):
        if len(out) >= n:
            more = True
            break
        out.append(line)
    return out, more, stats.get("documents", 0)


def start(searcher, kreq: KwicRequest, max_lines: int = MAX_LINES) -> None:
    """Compute the concordance in the background (no-op when cached or already running), so
    the counts are ready when the page asks for them."""
    key = _key(searcher, kreq, max_lines)
    with _CACHE_LOCK:
        if key in _CACHE or key in _INFLIGHT:
            return
    threading.Thread(target=concordance, args=(searcher, kreq, max_lines), daemon=True,
                     name="kwic-concordance").start()


def concordance(searcher, kreq: KwicRequest, max_lines: int = MAX_LINES) -> Concordance:
    """The whole concordance of a request, sorted. The last few are cached per index generation
    (the lines once, each sort order when first asked), so paging and re-sorting cost nothing."""
    t0 = time.perf_counter()
    kreq.check()
    key = _key(searcher, kreq, max_lines)
    mine = False
    running: threading.Event | None = None
    while True:
        with _CACHE_LOCK:
            entry = _CACHE.get(key)
            if entry is not None:
                _CACHE.move_to_end(key)
                got = entry.get(kreq.sort)
                if got is not None:
                    return got
                break
            running = _INFLIGHT.get(key)
            if running is None:
                running = _INFLIGHT[key] = threading.Event()
                mine = True
                break
        running.wait()  # another thread is computing the same lines: share its result
        if key not in _CACHE:  # it failed; compute here
            continue
    if entry is None:
        try:
            entry = {"date": _compute(searcher, kreq, max_lines)}
            size = _concordance_bytes(entry["date"])
            with _CACHE_LOCK:
                _CACHE[key] = entry
                _SIZES[key] = size + 3 * 8 * len(entry["date"].lines)  # and the other sort orders
                _trim_cache()
        finally:
            if mine and running is not None:
                with _CACHE_LOCK:
                    _INFLIGHT.pop(key, None)
                running.set()
    base = entry["date"]
    conc = base
    if kreq.sort != "date":
        lines = list(base.lines)
        sort_lines(lines, kreq.sort)
        conc = dataclasses.replace(base, request=kreq, lines=lines)
    conc = dataclasses.replace(conc, took_ms=(time.perf_counter() - t0) * 1000)
    with _CACHE_LOCK:
        entry[kreq.sort] = conc
    return conc


def _compute(searcher, kreq: KwicRequest, max_lines: int) -> Concordance:
    """Every line in date order, with the counts."""
    stats: dict = {}
    lines: list[Line] = []
    truncated = False
    for line in iter_lines(searcher, kreq, stats):
        if len(lines) >= max_lines:
            truncated = True
            break
        lines.append(line)
    # spellings as readers see them: an NFD page's "Hòa Bình" is the NFC one
    counts = Counter(unicodedata.normalize("NFC", ln.match) for ln in lines)
    spellings = sorted(counts.items(), key=lambda kv: (-kv[1], words_key(tuple(kv[0].split())), kv[0]))
    base = Concordance(dataclasses.replace(kreq, sort="date"), lines, stats.get("documents", 0),
                       stats.get("documents_with_lines", 0), spellings, truncated)
    return base
