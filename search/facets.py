"""Facets: the site, category and year of every document, as filters and as counts.

Why tables of sets: a facet dimension has few values (tens of sites, hundreds of categories, a
few dozen years), each read once per index generation from the index's own lexicon. Filtering is
then a set intersection, and counting a facet is an intersection of the match set with every
filter *except the facet's own*, so choosing a site still shows the other sites' counts. Whoosh's
``groupedby`` would score every match (4× slower, whoosh.md pitfall 8).

Public surface: :class:`FacetTables` (``docs``, ``counts``, ``totals``), :func:`intersect`,
:func:`facet_key`, :data:`DIMENSIONS`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np

from index.schema import CATEGORY_SEP
from index.whoosh_compat import read_leaf_postings
from search.health import Health, reading

#: above this many matched documents a dimension is counted with numpy (one mask of the matched
#: documents, each value's documents as an index array into it): the set intersections cost a
#: hash probe per document of the smaller side per value, ~4 probes per matched document over
#: the dimensions, 3–8 ms of a common query on the 39k-page index; below it they are cheaper
#: than building the mask
ARRAY_COUNT_MIN = 2000

#: the facet dimensions, in the order the UI shows them (``doctype``, ``issuer`` and ``format``
#: are attachments' document type, issuing body and file format)
DIMENSIONS = ("site", "category", "year", "doctype", "issuer", "format")


def facet_key(value: str) -> str:
    """How facet values are compared: NFC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def intersect(base, sets: Iterable[frozenset[int]]):
    """``base`` ∩ every set of ``sets``, smallest first (stops as soon as it is empty)."""
    out = base
    for s in sorted(sets, key=len):
        out = (out & s) if len(out) <= len(s) else (s & out)
        if not out:
            break
    return out


class _Tables(dict):
    """``{dimension: {value: documents}}``, each dimension read when first asked for (a trend
    by year needs only ``year``; opening the index reads none)."""

    def __init__(self, reader, health: Health) -> None:
        super().__init__()
        self._reader = reader
        self._health = health

    def __missing__(self, dimension: str) -> dict[str, frozenset[int]]:
        if dimension not in DIMENSIONS:
            raise KeyError(dimension)
        got = self[dimension] = FacetTables._table(self._reader, dimension, self._health)
        return got


class FacetTables:
    """``{dimension: {value: documents}}`` of one index generation, read lazily."""

    def __init__(self, reader, health: Health) -> None:
        self.tables: dict[str, dict[str, frozenset[int]]] = _Tables(reader, health)
        self._lower: dict[str, dict[str, list[str]]] = {}
        self._doc_count = reader.doc_count_all()
        #: per dimension, each value's documents as a sorted int32 array (built on first use)
        self._arrays: dict[str, list[tuple[str, np.ndarray]]] = {}

    def _value_arrays(self, dimension: str) -> list[tuple[str, np.ndarray]]:
        got = self._arrays.get(dimension)
        if got is None:
            got = self._arrays[dimension] = [
                (value, np.fromiter(docs, dtype=np.int32, count=len(docs)))
                for value, docs in self.tables[dimension].items()]
        return got

    @staticmethod
    def _table(reader, fieldname: str, health: Health) -> dict[str, frozenset[int]]:
        """Read segment by segment, so a damaged segment is named (search.health); each value's
        postings as arrays (:func:`index.whoosh_compat.read_leaf_postings`: stepping Whoosh's
        ``all_ids`` costs a few Python calls per document, 40 ms a dimension over 39k pages)."""
        found: dict[str, list[int]] = {}
        if fieldname not in reader.schema:
            return {}
        for leaf, base in reader.leaf_readers():
            with reading(health, leaf, f"facet {fieldname}"):
                for btext in leaf.lexicon(fieldname):
                    value = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                    ids, _weights = read_leaf_postings(leaf.postings(fieldname, value))
                    if base:
                        ids = map(base.__add__, ids)
                    found.setdefault(value, []).extend(ids)
        return {value: frozenset(ids) for value, ids in sorted(found.items()) if ids}

    def __getitem__(self, dimension: str) -> dict[str, frozenset[int]]:
        return self.tables[dimension]

    def _lowered(self, dimension: str) -> dict[str, list[str]]:
        low = self._lower.get(dimension)
        if low is None:
            low = {}
            for value in self.tables[dimension]:
                low.setdefault(facet_key(value), []).append(value)
            self._lower[dimension] = low
        return low

    def docs(self, dimension: str, values: Iterable[str]) -> frozenset[int]:
        """Documents having any of ``values`` (as a user types them: any case; a category path
        ``Tin tức/Trong tỉnh`` or ``Tin tức > Trong tỉnh``; a site also matches its subdomains)."""
        table = self.tables[dimension]
        lowered = self._lowered(dimension)
        sets: list[frozenset[int]] = []
        for raw in values:
            v = facet_key(raw)
            if dimension == "category":
                v = facet_key(CATEGORY_SEP.join(p.strip() for p in v.replace(" > ", "/").split("/")))
            for actual in lowered.get(v, []):
                sets.append(table[actual])
            if dimension == "site" and v:
                # "bacninh.gov.vn" also matches "cchc.bacninh.gov.vn"
                sets += [table[s] for k, ss in lowered.items() if k.endswith("." + v) for s in ss]
        return frozenset().union(*sets) if sets else frozenset()

    def counts(self, matched, filters: Mapping[str, frozenset[int]]) -> dict[str, list[tuple[str, int]]]:
        """Per dimension, ``[(value, count)]`` of ``matched`` narrowed by every filter but the
        dimension's own; years newest first, the others by count then name."""
        out: dict[str, list[tuple[str, int]]] = {}
        mask = mask_of = None  # the matched documents as a mask, shared by dimensions with the same base
        for dim in DIMENSIONS:
            base = intersect(matched, [s for k, s in filters.items() if k != dim])
            counts = []
            if base and len(base) >= ARRAY_COUNT_MIN and self.tables[dim]:
                if mask is None or mask_of is not base:
                    mask = np.zeros(self._doc_count, dtype=np.bool_)
                    mask[np.fromiter(base, dtype=np.int64, count=len(base))] = True
                    mask_of = base
                for value, docs in self._value_arrays(dim):
                    n = int(np.count_nonzero(mask[docs]))
                    if n:
                        counts.append((value, n))
            elif base:
                for value, docs in self.tables[dim].items():
                    n = len(base & docs) if len(base) > len(docs) else len(docs & base)
                    if n:
                        counts.append((value, n))
            if dim == "year":
                counts.sort(key=lambda vc: vc[0], reverse=True)
            else:
                counts.sort(key=lambda vc: (-vc[1], vc[0]))
            out[dim] = counts
        return out

    def totals(self, dimension: str, among: frozenset[int]) -> list[tuple[str, int]]:
        """``[(value, count)]`` over ``among`` (the searchable documents), by count then name."""
        c = [(v, len(d & among)) for v, d in self.tables[dimension].items()]
        return sorted([vc for vc in c if vc[1]], key=lambda vc: (-vc[1], vc[0]))
