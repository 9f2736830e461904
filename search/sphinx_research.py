"""Concordance, trends and did-you-mean on the SphinxQL backend: what the cluster counts and
fetches, so that :mod:`search.kwic`, :mod:`search.trends` and :mod:`search.suggest` run the same
code as on the Whoosh backend.

Why this split: the Whoosh backend answers these from a local view (posting sets, a bucket table
per generation, the ``sugg`` field); a cluster has no such view, but it can do the parts that need
the whole collection, and tracuu does the rest exactly as before:

* **Concordance**: the cluster gives the ids of the pages the search matches (the count) and of
  those that may hold an occurrence (the pattern's adjacent pairs as B words, single words as F
  or — accents exact — E words, the same narrowing :func:`search.kwic._may_hold` does with
  posting sets), with their publication time for the date order; the stored documents are then
  read by id a batch at a time and :func:`search.kwic_text.find_in_text` lines them up.
* **Trends**: one ``GROUP BY year`` (or ``month``, yyyymm in Vietnam time, written by
  :mod:`search.sphinx_writer`) per term with the term's MATCH and the filters, and one without a
  MATCH for the denominators — all in one batch, so a chart is one round trip.
* **Did-you-mean**: :func:`search.suggest.restore_accents` reads spellings and their frequencies
  from a view; :class:`SampleView` gives it those of a sample of the pages matching the folded
  words (the re-ranked candidates a search has already fetched, or the pages holding any of the
  words when the query found few), counted as the ``sugg`` field counts them
  (:func:`index.schema.suggest_terms`: syllables of the whole page, pairs of title and summary).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from types import SimpleNamespace

from index import analysis
from index.analysis import fold_term, is_accented
from index.schema import _fold
from search import sphinx_match as sm
from search import sphinx_rank as sr
from search.cache import ByteLRU, weights_bytes
from search.model import QueryError
from search.postings import SUGG_BUDGET

#: candidate pages read for did-you-mean statistics (pairs: title and summary of each)
SAMPLE = 100
#: of those, the pages whose whole text is scanned for spellings of single syllables (their
#: frequencies are the cluster's; the sample only has to hold the common spellings)
SPELLING_SAMPLE = 30
#: ids of a concordance read at most (a concordance is cut at search.kwic.MAX_LINES lines anyway)
MAX_KWIC_DOCS = 1_000_000
#: stored documents read per statement
FETCH_BATCH = 200


def may_hold_text(pats, exact_accents: bool) -> str:
    """MATCH text of the pages that can hold an occurrence of any pattern ('' = any page)."""
    alts = []
    for pat in pats:
        parts = [f"(@(title_b,body_b) {sm.token(f'{a.folded}_{b.folded}')})"
                 for a, b in zip(pat, pat[1:], strict=False) if not (a.prefix or b.prefix)]
        for st in pat:
            if st.prefix or (parts and not exact_accents):
                continue
            if exact_accents and st.exact != st.folded:  # the engine's E fields hold accented words only
                parts.append(f"(@(title_e,body_e) {sm.token(st.exact)})")
            else:
                parts.append(f"(@(title_f,body_f) {sm.token(st.folded)})")
        if not parts:
            return ""
        alts.append("(" + " ".join(parts) + ")")
    return "(" + " | ".join(dict.fromkeys(alts)) + ")" if alts else ""


def kwic_documents(backend, kreq, pats) -> tuple[int, list[int]]:
    """``(pages the search matches, ids of those that may hold an occurrence in date order)``;
    undated pages last, as on the Whoosh backend."""
    dist = backend.dist
    _parsed, _compiled, match, from_query = backend._compile(kreq.search.q)
    filters = backend._filters(kreq.search, from_query)
    hold = may_hold_text(pats, kreq.exact_accents)
    sets = backend._run_complete(
        f"SELECT id FROM {dist} WHERE {backend._where(match, filters)} LIMIT 1 OPTION ranker=none; SHOW META; "
        f"SELECT id FROM {dist} WHERE {backend._where(f'{match} {hold}'.strip(), filters)} LIMIT 1 "
        "OPTION ranker=none; SHOW META")
    total = _total(sets[1])
    holding = min(_total(sets[3]), MAX_KWIC_DOCS)
    if not holding:
        return total, []
    rows = backend.db.run(
        f"SELECT id, published FROM {dist} WHERE {backend._where(f'{match} {hold}'.strip(), filters)} "
        f"LIMIT 0,{holding} OPTION ranker=none, max_matches={holding}")[0]
    from search.sphinxql import NO_DATE

    rows.sort(key=lambda r: (int(r[1]) == NO_DATE, int(r[1]), int(r[0])))
    return total, [int(r[0]) for r in rows]


def kwic_stored(backend, ids: list[int]) -> list[tuple[str, dict]]:
    """``(doc_id, stored document)`` of engine ids, in the order given."""
    out: dict[int, tuple[str, dict]] = {}
    for k in range(0, len(ids), FETCH_BATCH):
        part = ids[k:k + FETCH_BATCH]
        rows = backend.db.run(f"SELECT id, doc_key, doc FROM {backend.dist} WHERE id IN "
                              f"({','.join(str(i) for i in part)}) LIMIT {len(part)} "
                              f"OPTION ranker=none, max_matches={max(20, len(part))}")[0]
        for nid, key, doc in rows:
            out[int(nid)] = (str(key), json.loads(doc) if doc else {})
    return [out[i] for i in ids if i in out]


def _total(meta_rows) -> int:
    for name, value in meta_rows:
        if name == "total_found":
            return int(value)
    return 0


def _label(by: str, value: int) -> str | None:
    if not value:
        return None
    return str(value) if by == "year" else f"{value // 100:04d}-{value % 100:02d}"


def trend_counts(backend, treq) -> tuple[Counter, list[Counter], list[str]]:
    """``(pages per period under the filters, matching pages per period for each term, missing
    shards)``; the period ``None`` counts undated pages."""
    dist, attr = backend.dist, treq.by
    group = (f" GROUP BY {attr} ORDER BY {attr} ASC LIMIT 5000 OPTION ranker=none, max_matches=5000; SHOW META")
    base_filters = backend._filters(treq.filters, [])
    sql = [f"SELECT {attr} AS g, COUNT(*) AS c FROM {dist} WHERE {backend._where('', base_filters)}{group}"]
    for term in treq.terms:
        _parsed, _compiled, match, from_query = backend._compile(term)
        filters = backend._filters(treq.filters, from_query)
        sql.append(f"SELECT {attr} AS g, COUNT(*) AS c FROM {dist} WHERE {backend._where(match, filters)}{group}")
    sets = backend._run_complete("; ".join(sql))
    from search.sphinxql import dict_meta, missing_agents

    counts = [Counter({_label(attr, int(g)): int(c) for g, c in sets[i]}) for i in range(0, len(sets), 2)]
    missing = sorted({a for i in range(1, len(sets), 2) for a in missing_agents(dict_meta(sets[i]).get("warning", []))})
    return counts[0], counts[1:], missing


class SampleView:
    """The part of a :class:`search.postings.View` that :func:`search.suggest.restore_accents`
    reads (``reader.schema``, ``sugg_cache``, ``expand``, ``df``). The spellings come from a
    sample of pages that ``load()`` returns as ``(doc_key, stored JSON)``, read only when a
    spelling is asked for; a pair's frequency is its count in the sample (pairs are only in pages
    that match the query, which the sample holds), a syllable's is the cluster-wide document
    frequency of its E words (an unaccented spelling, which the engine's E fields do not hold:
    its F word's count less those of its accented spellings)."""

    def __init__(self, backend, load: Callable[[], list[tuple[str, str]]], words: list[str]) -> None:
        self.reader = SimpleNamespace(schema=("sugg",))
        self.sugg_cache: ByteLRU[str, dict[str, float]] = ByteLRU(SUGG_BUDGET, weights_bytes)  # one query's
        self._backend = backend
        self._load = load
        self._words = [_fold(w) for w in words]
        self._folded = set(self._words)
        self._terms: Counter[str] | None = None
        self._variants: dict[str, set[str]] = {}

    def _build(self) -> Counter[str]:
        if self._terms is None:
            from search.kwic_text import Step, _matches, _regex, doc_texts

            scan = FoldedScan.for_words(self._folded, list(zip(self._words, self._words[1:], strict=False)))
            if scan is None:  # letters the folding table cannot map one to one: kwic's regexes
                rxs = [_regex((Step(f, f),)) for f in self._folded]
                pairs = [_regex((Step(a, a), Step(b, b))) for a, b in zip(self._words, self._words[1:], strict=False)]
            exact: dict[str, list[str]] = {}  # matched text → its E terms (pages repeat their words)

            def spell(text: str) -> list[str]:
                got = exact.get(text)
                if got is None:
                    lists = analysis.term_lists(text)
                    # a pair only across a plain space, as index.schema.suggest_terms lists it
                    got = exact[text] = (list(lists.exact) if len(lists.exact) < 2 or lists.seps[1] == " "
                                         else [])
                return got

            terms: Counter[str] = Counter()
            for n, (_key, text) in enumerate(self._load()):
                doc = json.loads(text) if text else {}
                mine = set()
                # spellings of the query's syllables and adjacent pairs: the concordance's regex
                # (every case and accent of each letter, at C speed) finds them; only the words
                # found are analysed. Pairs come from the title and summary, as in the sugg field.
                for field, value in doc_texts(doc):
                    head = field in ("title", "summary")
                    if scan is not None:
                        singles, twos = scan.spans(value, n < SPELLING_SAMPLE or head, head)
                    else:
                        singles = ([m.group() for rx in rxs for m in _matches(rx, value)]
                                   if n < SPELLING_SAMPLE or head else [])
                        twos = [m.group() for rx in pairs for m in _matches(rx, value)] if head else []
                    for found in singles:
                        for e in spell(found):
                            f = _fold(e)
                            if f in self._folded:
                                mine.add(f"{f}|{e}")
                                self._variants.setdefault(fold_term(e), set()).add(e)
                    for found in twos:
                        words = spell(found)
                        if len(words) == 2:
                            mine.add(f"{_fold(words[0])}_{_fold(words[1])}|{words[0]} {words[1]}")
                terms.update(mine)
            wanted = [(f"{part}_f", fterm) for fterm in self._variants for part in ("title", "body")]
            wanted += [(f"{part}_e", e) for vs in self._variants.values() for e in vs if is_accented(e)
                       for part in ("title", "body")]
            b = self._backend
            sr.ensure_df(b.db, b.dist, b.stats_cache, wanted)
            self._terms = terms
        return self._terms

    def expand(self, fieldname: str, prefix: str, limit: int = 50) -> list[str]:
        terms = self._build()
        return sorted((t for t in terms if t.startswith(prefix)), key=lambda t: -terms[t])[:limit]

    def df(self, fieldname: str, term: str) -> int:
        self._build()
        if fieldname == "sugg":
            return self._terms[term]  # type: ignore[index]
        stats = self._backend.stats_cache
        if is_accented(term):
            return stats.df(fieldname, term)
        part = fieldname.partition("_")[0]
        fterm = fold_term(term)
        return max(0, stats.df(f"{part}_f", fterm) - sum(stats.df(fieldname, v) for v in
                                                         self._variants.get(fterm, ()) if is_accented(v)))


class FoldedScan:
    """The spans :func:`search.kwic_text._regex` patterns of single syllables and adjacent pairs
    find in a text, found instead in the text folded letter by letter (one character for one,
    through kwic's own letter classes), so the patterns are plain ASCII: compiling kwic's
    regexes (a class of every accented form, both cases, per letter) cost ~3 ms per word, more
    than the whole search, and a distinct query compiles new ones. Same spans, same order per
    pattern; the caller reads the original text at them."""

    _table: object = None  # numpy array: code point → folded code point (identity elsewhere)

    def __init__(self, single: re.Pattern[str] | None, pairs: list[re.Pattern[str]]) -> None:
        self.single, self.pairs = single, pairs

    @classmethod
    def fold(cls, text: str) -> str:
        """``text`` with every letter of kwic's classes replaced by its folded letter (same
        length). Through a numpy table: ``str.translate`` looks each character up in a dict,
        ~50 ns a character, more than the rest of the scan."""
        import numpy as np

        table = cls._table
        if table is None:
            from search.kwic_text import _letter_classes

            pairs = {ord(ch): ord(f) for f, chars in _letter_classes().items() for ch in chars}
            table = np.arange(max(pairs) + 1, dtype=np.uint32)
            for src, dst in pairs.items():
                table[src] = dst
            cls._table = table
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        low = codes < len(table)
        out = codes.copy()
        out[low] = table[codes[low]]
        return out.tobytes().decode("utf-32-le", "surrogatepass")

    @classmethod
    def for_words(cls, folded: set[str], pairs: list[tuple[str, str]]) -> FoldedScan | None:
        from search.kwic_text import _SEP, _W

        def pat(word: str) -> str | None:
            if any(ord(c) > 0x7F for c in word):
                return None  # a letter outside the table's ASCII targets: kwic's regex
            body = re.escape(word)
            return body[:-1] + "[iy]" if word.endswith("i") else body  # final y folds to i

        singles = [pat(w) for w in sorted(folded)]
        twos = [(pat(a), pat(b)) for a, b in pairs]
        if any(p is None for p in singles) or any(a is None or b is None for a, b in twos):
            return None
        single = re.compile(f"(?:{'|'.join(singles)})(?!{_W})") if singles else None
        return cls(single, [re.compile(f"(?:{a}{_SEP}{b})(?!{_W})") for a, b in twos])

    def spans(self, text: str, singles: bool, pairs: bool) -> tuple[list[str], list[str]]:
        from search.kwic_text import _matches

        if not (singles or pairs):
            return [], []
        folded = self.fold(text)
        one = ([text[m.start():m.end()] for m in _matches(self.single, folded)]
               if singles and self.single is not None else [])
        two = [text[m.start():m.end()] for rx in self.pairs for m in _matches(rx, folded)] if pairs else []
        return one, two


def suggestion_sample(backend, parsed, candidates: list[tuple[str, str]], total: int) -> list[tuple[str, str]]:
    """The pages whose spellings did-you-mean counts: the search's own candidates when it found
    enough, else the pages holding any of the query's words (folded)."""
    if total >= 10 and len(candidates) >= min(total, SAMPLE):
        return candidates[:SAMPLE]
    words = [s.folded for u in parsed.units for s in u.syllables]
    if not words:
        return candidates
    joined = " ".join(sm.token(w) for w in words)
    # few pages hold all the words (or the page held few candidates): pages holding any of them
    text = f'@(title_f,body_f) "{joined}"/1' if total < 10 else f"@(title_f,body_f) {joined}"
    try:
        rows = backend.db.run(f"SELECT doc_key, doc FROM {backend.dist} WHERE MATCH({sm.quote(text)}) AND listing=0 "
                              f"LIMIT {SAMPLE} OPTION max_matches={SAMPLE}")[0]
    except QueryError:
        return candidates
    return [(str(k), str(d or "")) for k, d in rows]


def may_suggest(parsed, total: int) -> bool:
    """Whether :func:`search.suggest.did_you_mean` will ask for spellings (and so read the
    sample) — its own conditions — so that the search reads the sample's pages in the same
    round trip as the hits' pages."""
    from search.suggest import SUGGEST_BELOW

    if not parsed.is_plain:
        return False
    sylls = [s for u in parsed.units for s in u.syllables]
    if not sylls or len(sylls) > 12:
        return False
    accented = [is_accented(s.exact) for s in sylls]
    return not (all(accented) or (any(accented) and total >= SUGGEST_BELOW))
