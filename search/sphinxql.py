"""The distributed backend: searching and writing a Sphinx 2.2 / Manticore cluster over SphinxQL.

Why it looks like this:

* The same parser and compiler as the Whoosh backend (:mod:`search.query`) produce the match
  tree; :mod:`search.sphinx_match` writes it as MATCH() text over tokens tracuu analysed itself.
* Scores must not depend on which shard holds a document, and each shard only knows its own
  document frequencies. The ranker is therefore an expression of per-document factors only —
  per field, the query words it holds (``word_count``), their longest run in query order
  (``lcs``), a match at the field's start — weighted by field (exact spelling over folded,
  title over body, adjacent pairs): no IDF, so a page scores the same on any shard. That only
  selects candidates: relevance order comes from :mod:`search.sphinx_rank` (tracuu's own
  ranking over cluster-wide document frequencies and field lengths), as on the Whoosh backend.
* Every query is followed by ``SHOW META`` in the same batch; its warnings (and ``SHOW
  WARNINGS`` of facet queries) name the agents that did not answer in time. The result is then
  marked ``partial`` with the missing shards; a mirror that answers in its twin's place
  leaves no warning, so nothing is marked.
* Facets are GROUP BY queries, each without its own filter (as the Whoosh facets count);
  highlights are made by tracuu's highlighter from the stored document.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

from ingest.document import Document
from search import hits as hits_mod
from search import ranking
from search import sphinx_match as sm
from search import sphinx_rank as sr
from search import sphinx_research as research
from search.dates import date_range
from search.facets import facet_key
from search.limits import Limits
from search.model import QueryError, SearchRequest, SearchResult
from search.query import compile_query, parse
from search.suggest import completion_query, did_you_mean

log = logging.getLogger(__name__)

DIST = "tracuu"
#: published value of documents without a date (below any real date, excluded by date filters)
NO_DATE = -(2 ** 62)
RANKER = ("sum((4*word_count+3*lcs+2*(min_hit_pos==1)+exact_hit)*user_weight)")
_AGENT_RE = re.compile(r"agent ([^\s:]+:\d+)")
EXPORT_BATCH = 500
#: statements in one batch (searchd's max_batch_queries)
MAX_BATCH = 32
#: default of SphinxQLBackend.stats_ttl (seconds)
STATS_TTL = 1.0


class BackendUnavailable(QueryError):
    """No node of the cluster answered."""


def parse_spec(spec: str) -> list[tuple[str, int]]:
    """``sphinxql://h:p[,h:p…]`` → ``[(h, p), …]`` (SphinxQL addresses of the head nodes)."""
    if not spec.startswith("sphinxql://"):
        raise QueryError(f"backend không hợp lệ: {spec!r}; dùng sphinxql://host:port[,host:port…] "
                         "(unknown backend)")
    out = []
    for part in spec[len("sphinxql://"):].strip("/").split(","):
        host, _, port = part.strip().rpartition(":")
        if not host or not port.isdigit():
            raise QueryError(f"địa chỉ không hợp lệ trong {spec!r}: {part!r} (need host:port)")
        out.append((host, int(port)))
    return out


def numeric_id(doc_id: str) -> int:
    """The engine's 63-bit document id of a tracuu document id (stable; shard = id mod N)."""
    return int.from_bytes(hashlib.sha1(doc_id.encode("utf-8")).digest()[:8], "big") >> 2 or 1


def epoch(dt: datetime) -> int:
    from index.schema import utc_naive

    return int((utc_naive(dt) - datetime(1970, 1, 1)).total_seconds())


class Connections:
    """One connection per thread to the first head node that answers (then the next ones)."""

    def __init__(self, heads: list[tuple[str, int]], timeout: float = 5.0) -> None:
        self.heads = heads
        self.timeout = timeout
        self._local = threading.local()

    def _connect(self):
        import pymysql

        errors = []
        for host, port in self.heads:
            try:
                return pymysql.connect(host=host, port=port, autocommit=True, charset="utf8",
                                       connect_timeout=self.timeout, read_timeout=self.timeout * 4,
                                       client_flag=pymysql.constants.CLIENT.MULTI_STATEMENTS)
            except pymysql.err.OperationalError as exc:
                errors.append(f"{host}:{port}: {exc.args[-1]}")
        raise BackendUnavailable("Không kết nối được cụm tìm kiếm (" + "; ".join(errors) + ") (cluster unreachable)")

    def run(self, sql: str) -> list[list[tuple]]:
        """Every result set of a (multi-statement) batch; reconnects once on a broken link."""
        import pymysql

        for attempt in (0, 1):
            conn = getattr(self._local, "conn", None) or self._connect()
            self._local.conn = conn
            try:
                with conn.cursor() as cur:
                    cur.execute(sql)
                    sets = [list(cur.fetchall())]
                    while cur.nextset():
                        sets.append(list(cur.fetchall()))
                return sets
            except pymysql.err.OperationalError:
                self._local.conn = None
                if attempt:
                    raise
            except pymysql.err.ProgrammingError as exc:
                raise QueryError(f"Cụm tìm kiếm từ chối truy vấn: {exc.args[-1]} (engine refused the query)") from exc
        raise AssertionError("unreachable")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def missing_agents(warnings: list[str]) -> list[str]:
    return sorted({m.group(1) for w in warnings for m in _AGENT_RE.finditer(w)})


class SphinxQLBackend:
    """The search side of the backend interface (:class:`search.backend.SearchBackend`)."""

    name = "sphinxql"
    dist = DIST

    def __init__(self, spec: str, limits: Limits | None = None) -> None:
        self.spec = spec
        self.limits = limits or Limits.from_env()
        self.db = Connections(parse_spec(spec))
        #: cluster-wide document frequencies and field lengths for re-ranking (search.sphinx_rank)
        self.stats_cache = sr.Statistics()
        #: seconds a search reuses the cluster statistics (collection size, field lengths, the
        #: write generation) before reading them again: a write shows in scores within this
        self.stats_ttl = STATS_TTL
        #: agent address → its shard's number of mirrors (from DESCRIBE; warnings name agents)
        self.mirrors = self._mirrors()

    def _mirrors(self) -> dict[str, int]:
        rows = self.db.run(f"DESCRIBE {DIST}")[0]  # fails now, naming the nodes, if none answers
        shards: dict[str, list[str]] = {}
        for agent, kind in rows:
            if str(kind).startswith("remote"):
                for addr in str(agent).rpartition(":")[0].split("|"):
                    shards.setdefault(str(agent).rpartition(":")[2], []).append(addr)
        return {a: len(addrs) for addrs in shards.values() for a in addrs}

    def _run_complete(self, sql: str) -> list[list[tuple]]:
        """Run a batch; when agents that have a mirror did not answer, run it once more: the
        engine has marked them as failing (``ha_strategy = noerrors``), so the mirrors answer
        in their place and the page is complete. A shard without a live mirror stays missing
        and the result says so."""
        sets = self.db.run(sql)
        for _retry in range(3):  # the engine's mirror statistics may lag a moment (busy machine)
            missing = missing_agents(dict_meta(sets[1]).get("warning", []) if len(sets) > 1 else [])
            if not missing or not all(self.mirrors.get(a, 1) > 1 for a in missing):
                break
            sets = self.db.run(sql)
        return sets

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SphinxQLBackend:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- building queries ------------------------------------------------------------------
    def _where(self, match: str, filters: list[tuple[str, str]], skip: str | None = None) -> str:
        parts = [f"MATCH({sm.quote(match)})"] if match else []
        parts += [clause for dim, clause in filters if dim != skip]
        parts.append("listing=0")
        return " AND ".join(parts)

    @staticmethod
    def _filters(req: SearchRequest, from_query: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []

        def keys(dim: str, values: list[str]) -> str:
            negate = dim.startswith("-")
            dim = dim.lstrip("-")
            attr = "site_keys" if dim == "site" else "cat_keys"
            ks = sm.facet_keys(dim, values)
            return f"{attr} {'NOT IN' if negate else 'IN'} ({','.join(str(k) for k in ks)})"

        for dim, values in from_query:
            out.append(("query", keys(dim, values)))
        if req.site:
            out.append(("site", keys("site", req.site)))
        if req.category:
            out.append(("category", keys("category", req.category)))
        if req.year:
            out.append(("year", f"year IN ({','.join(str(int(y)) for y in req.year)})"))
        if req.date_from or req.date_to:
            start, end = date_range(req.date_from, req.date_to)
            lo = epoch(start) if start else NO_DATE + 1
            hi = epoch(end) if end else 2 ** 62
            out.append(("date", f"published>={lo} AND published<={hi}"))
        return out

    @staticmethod
    def _options(max_matches: int) -> str:
        weights = ", ".join(f"{f}={w}" for f, w in sm.FIELD_WEIGHTS.items())
        return (f" OPTION ranker=expr({sm.quote(RANKER)}), field_weights=({weights}), "
                f"max_matches={max(max_matches, 20)}")

    @staticmethod
    def _order(sort: str) -> str:
        if sort == "newest":
            return "published DESC, w DESC"
        if sort == "oldest":
            return "published ASC, w DESC"
        return "w DESC, published DESC"

    def _compile(self, q: str):
        parsed = parse(q, self.limits.max_query_chars)
        asked: list[str] = []
        compiled = compile_query(parsed, lambda _pairs, _limit: [], lambda t: asked.append(t) or False)
        if asked:
            # A long query: as in the Whoosh backend, syllables in over 5 % of the pages neither
            # count towards the required share nor get body terms; their df is the cluster's.
            # One round trip: the statistics (unless read a moment ago) and the missing counts.
            terms = [("body_f", t) for t in asked]
            head = [] if self.stats_cache.is_fresh(self.stats_ttl) else [sr.Statistics.STATS_SQL.format(dist=DIST)]
            part = self.stats_cache.missing(terms)[:MAX_BATCH - len(head)]
            if head or part:
                sets = self.db.run("; ".join(head + [sr.df_sql(DIST, f, t) for f, t in part]))
                if head:
                    self.stats_cache.update(sets.pop(0)[0])
                self.stats_cache.store({ft: int(s[0][0]) if s else 0 for ft, s in zip(part, sets, strict=True)})
            sr.ensure_df(self.db, DIST, self.stats_cache, terms)  # the rest, or all after a new generation
            compiled = compile_query(parsed, lambda _pairs, _limit: [], self.stats_cache.is_common)
        from_query: list[tuple[str, list[str]]] = []
        match = sm.match_text(compiled, from_query)
        return parsed, compiled, match, from_query

    # -- searching ----------------------------------------------------------------------------
    def search(self, req: SearchRequest) -> SearchResult:
        t0 = time.perf_counter()
        self.limits.check(req)
        parsed, compiled, match, from_query = self._compile(req.q)
        filters = self._filters(req, from_query)
        rerank = req.sort == "relevance" and compiled.score is not None and bool(match)
        words = sr.counted_words(compiled) if rerank else None
        if words is not None:
            return self._search_counted(req, t0, parsed, compiled, words, filters)
        start = (req.page - 1) * req.per_page
        where = self._where(match, filters)
        offset, size = (0, max(sr.RERANK_DEPTH, start + req.per_page)) if rerank else (start, req.per_page)
        sql = [f"SELECT id, WEIGHT() AS w, doc_key, doc FROM {DIST} WHERE {where} ORDER BY "
               f"{self._order(req.sort)} LIMIT {offset},{size}{self._options(offset + size)}",
               "SHOW META"]
        if req.facets:
            sql += self._facet_sql(match, filters)
        if rerank:
            sql.append(sr.Statistics.STATS_SQL.format(dist=DIST))
        sets = self._run_complete("; ".join(sql))
        rows, meta = sets[0], dict_meta(sets[1])
        warnings = meta.get("warning", [])
        marker = hits_mod.marker_for(compiled)
        if rerank:
            self.stats_cache.update(sets[-1][0])
            sets = sets[:-1]
            scored = sr.rerank(self.db, DIST, self.stats_cache, compiled, [(str(key), str(doc or "")) for _id, _w, key, doc in rows],
                                  start + req.per_page)[start:]
            hits = [hits_mod.hit_from(rows[d][2], _json(rows[d][3]), score, compiled, req.highlight, marker)
                    for d, score in scored]
        else:
            hits = [hits_mod.hit_from(key, _json(doc), float(w), compiled, req.highlight, marker)
                    for _id, w, key, doc in rows]
        facets = _facets(sets[2:]) if req.facets else {}
        missing = missing_agents(warnings)
        total = int((meta.get("total_found") or ["0"])[0])
        candidates = [(str(r[2]), str(r[3] or "")) for r in rows]
        return self._result(req, parsed, candidates, total, hits, facets, missing, t0)

    def _result(self, req: SearchRequest, parsed, candidates: list[tuple[str, str]], total: int, hits: list,
                facets: dict, missing: list[str], t0: float) -> SearchResult:
        """The result of either ranking path, with did-you-mean run by the same code as on Whoosh
        over the spellings of a sample of matching pages (read only when the query may get one)."""
        view = research.SampleView(self, lambda: research.suggestion_sample(self, parsed, candidates, total),
                                   [s.exact for u in parsed.units for s in u.syllables])
        suggestion = did_you_mean(view, parsed, total)  # type: ignore[arg-type]
        took = (time.perf_counter() - t0) * 1000
        return SearchResult(request=req, total=total, took_ms=took, hits=hits, facets=facets,
                            suggestion=suggestion, partial=bool(missing), missing_shards=missing)

    def _facet_sql(self, match: str, filters: list[tuple[str, str]]) -> list[str]:
        out = []
        for dim, attr in (("site", "site"), ("category", "cat_keys"), ("year", "year")):
            w = self._where(match, filters, skip=dim)
            sel = "GROUPBY() AS g, cats" if dim == "category" else f"{attr} AS g"
            out.append(f"SELECT {sel}, COUNT(*) AS c FROM {DIST} WHERE {w} GROUP BY {attr} "
                       f"ORDER BY c DESC LIMIT 1000 OPTION max_matches=1000, ranker=none")
        return out

    def _search_counted(self, req: SearchRequest, t0: float, parsed, compiled, words: list[str],
                        filters: list[tuple[str, str]]) -> SearchResult:
        """Relevance search re-ranked from the engine's per-word counts (search.sphinx_rank):
        one batch (results with their counts, meta, facets, statistics, the document
        frequencies not cached yet), then one read of the stored pages the ranking and the
        page shown need."""
        start = (req.page - 1) * req.per_page
        base = sm.translate(compiled.match, [])
        match = sr.counted_match(compiled, words, base)
        where = self._where(match, filters)
        size = max(sr.RERANK_DEPTH, start + req.per_page)
        sql = [f"SELECT id, WEIGHT() AS w, doc_key, {sr.PACKED_COLUMNS} FROM {DIST} WHERE {where} "
               f"ORDER BY {self._order(req.sort)} LIMIT 0,{size}{self._options(size)}", "SHOW META"]
        if req.facets:
            # the tree alone: the counted words never narrow the match, and cost time to match
            sql += self._facet_sql(base, filters)
        read_stats = not self.stats_cache.is_fresh(self.stats_ttl)
        if read_stats:
            sql.append(sr.Statistics.STATS_SQL.format(dist=DIST))
        terms = [(f, t) for f, t, _b in ranking.scoring_terms(compiled.score)]
        missing_df = self.stats_cache.missing(terms)
        room = max(0, MAX_BATCH - len(sql))
        if len(missing_df) > room:  # a long query: the rest first, in batches of their own
            sr.ensure_df(self.db, DIST, self.stats_cache, missing_df[room:])
            missing_df = missing_df[:room]
        n_main = len(sql)
        sql += [sr.df_sql(DIST, f, t) for f, t in missing_df]
        sets = self._run_complete("; ".join(sql))
        rows, meta = sets[0], dict_meta(sets[1])
        if read_stats:
            self.stats_cache.update(sets[n_main - 1][0])
        self.stats_cache.store({ft: int(s[0][0]) if s else 0
                                for ft, s in zip(missing_df, sets[n_main:], strict=True)})
        sr.ensure_df(self.db, DIST, self.stats_cache, terms)  # none, unless a new generation emptied the cache
        facets = _facets(sets[2:n_main - int(read_stats)]) if req.facets else {}

        def fetch(indexes: list[int]) -> dict[int, tuple[str, str]]:
            if not indexes:
                return {}
            by_id = {int(rows[d][0]): d for d in indexes}
            got = self.db.run(f"SELECT id, doc_key, doc FROM {DIST} WHERE id IN ({','.join(map(str, by_id))}) "
                              f"LIMIT {len(by_id)} OPTION max_matches={max(len(by_id), 20)}")[0]
            return {by_id[int(i)]: (str(k), str(d or "")) for i, k, d in got}

        total = int((meta.get("total_found") or ["0"])[0])
        # did-you-mean's sample is the first candidates when the search found enough of them
        # (research.suggestion_sample); read with the pages the ranking reads, in one round trip
        sample_n = (min(research.SAMPLE, len(rows))
                    if total >= 10 and research.may_suggest(parsed, total) else 0)
        scored, docs = sr.rerank_counted(self.stats_cache, compiled, words, [r[3:8] for r in rows],
                                         start + req.per_page, fetch, range(sample_n))
        scored = scored[start:]
        need = [d for d in [*(d for d, _s in scored), *range(sample_n)] if d not in docs]
        docs.update(fetch(list(dict.fromkeys(need))))
        marker = hits_mod.marker_for(compiled)
        hits = [hits_mod.hit_from(docs[d][0] if d in docs else str(rows[d][2]), _json(docs.get(d, ("", ""))[1]),
                                  score, compiled, req.highlight, marker) for d, score in scored]
        missing = missing_agents(meta.get("warning", []))
        candidates = [docs[d] for d in range(sample_n) if d in docs]
        return self._result(req, parsed, candidates, total, hits, facets, missing, t0)

    def iter_results(self, req: SearchRequest, limit: int | None = None) -> SphinxStream:
        self.limits.check(req)
        _parsed, compiled, match, from_query = self._compile(req.q)
        where = self._where(match, self._filters(req, from_query))
        meta = dict_meta(self.db.run(f"SELECT id FROM {DIST} WHERE {where} LIMIT 1; SHOW META")[1])
        total = int((meta.get("total_found") or ["0"])[0])
        n = total if limit is None else min(limit, total)
        rerank = req.sort == "relevance" and compiled.score is not None and bool(match)
        return SphinxStream(self, compiled, where, self._order(req.sort), n, total, req.highlight, rerank)

    def get(self, doc_id: str) -> Document | None:
        rows = self.db.run(f"SELECT doc FROM {DIST} WHERE id={numeric_id(doc_id)}")[0]
        return Document.from_json(rows[0][0]) if rows else None

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        parsed = completion_query(prefix)
        if parsed is None:
            return []
        compiled = compile_query(parsed, lambda _p, _l: [], None)
        match = sm.match_text(compiled, [])
        rows = self.db.run(f"SELECT id, WEIGHT() AS w, doc FROM {DIST} WHERE {self._where(match, [])} "
                           f"ORDER BY w DESC LIMIT {limit * 3}{self._options(limit * 3)}")[0]
        out: list[str] = []
        seen: set[str] = set()
        for _id, _w, doc in rows:
            title = _json(doc).get("title") or ""
            if title and facet_key(title) not in seen:
                seen.add(facet_key(title))
                out.append(title)
        return out[:limit]

    def stats(self) -> dict:
        sets = self.db.run(
            f"SELECT listing, COUNT(*) AS c FROM {DIST} GROUP BY listing; SHOW META; "
            f"SELECT site AS g, COUNT(*) AS c FROM {DIST} WHERE listing=0 GROUP BY site ORDER BY c DESC "
            "LIMIT 1000 OPTION max_matches=1000; "
            f"SELECT GROUPBY() AS g, cats, COUNT(*) AS c FROM {DIST} WHERE listing=0 GROUP BY cat_keys "
            "ORDER BY c DESC LIMIT 1000 OPTION max_matches=1000; "
            f"SELECT year AS g, COUNT(*) AS c FROM {DIST} WHERE listing=0 GROUP BY year "
            "ORDER BY c DESC LIMIT 1000 OPTION max_matches=1000; "
            f"SELECT indexed FROM {DIST} ORDER BY indexed DESC LIMIT 1")
        last = int(sets[5][0][0]) if sets[5] else None
        by_kind = {int(k): int(c) for k, c in sets[0]}
        missing = missing_agents(dict_meta(sets[1]).get("warning", []))
        facets = _facets(sets[2:5])
        return {"documents": sum(by_kind.values()), "searchable": by_kind.get(0, 0),
                "listings": by_kind.get(1, 0), "sites": facets["site"], "categories": facets["category"],
                "years": facets["year"], "last_indexed": datetime.fromtimestamp(last, UTC).astimezone().isoformat(timespec="seconds") if last else None, "backend": self.spec,
                "health": {"status": "partial" if missing else "ok", "missing_shards": missing,
                           "problems": []}}

    # -- research tools (search.kwic, search.trends through search.sphinx_research) -----------
    def generation(self) -> tuple:
        """A key that changes with every write (caches of concordances are per generation)."""
        return tuple(self.db.run(sr.Statistics.STATS_SQL.format(dist=DIST))[0][0])

    def kwic_documents(self, kreq, pats) -> tuple[int, list[int]]:
        return research.kwic_documents(self, kreq, pats)

    def kwic_stored(self, ids: list[int]) -> list[tuple[str, dict]]:
        return research.kwic_stored(self, ids)

    def trend_counts(self, treq):
        return research.trend_counts(self, treq)


class SphinxStream:
    """Export rows in rank order, read ``EXPORT_BATCH`` at a time (``total`` known up front)."""

    def __init__(self, backend: SphinxQLBackend, compiled, where: str, order: str, n: int, total: int,
                 highlight: bool, rerank: bool = False) -> None:
        self._b, self._compiled, self._where, self._order = backend, compiled, where, order
        self._n, self.total, self._hl, self._rerank = n, total, highlight, rerank

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator:
        marker = hits_mod.marker_for(self._compiled)
        first = 0
        if self._rerank and self._n:
            # the head in the same order as search() gives it, the rest in the engine's order
            first = min(self._n, sr.RERANK_DEPTH)
            rows = self._b.db.run(
                f"SELECT id, WEIGHT() AS w, doc_key, doc FROM {DIST} WHERE {self._where} ORDER BY {self._order} "
                f"LIMIT 0,{sr.RERANK_DEPTH}{self._b._options(sr.RERANK_DEPTH)}; "
                + sr.Statistics.STATS_SQL.format(dist=DIST))
            self._b.stats_cache.update(rows[1][0])
            head = rows[0]
            scored = sr.rerank(self._b.db, DIST, self._b.stats_cache, self._compiled, [(str(k), str(doc or "")) for _i, _w, k, doc in head], len(head))
            for d, score in scored[:first]:
                yield hits_mod.hit_from(head[d][2], _json(head[d][3]), score, self._compiled, self._hl, marker)
        for off in range(first, self._n, EXPORT_BATCH):
            size = min(EXPORT_BATCH, self._n - off)
            rows = self._b.db.run(
                f"SELECT id, WEIGHT() AS w, doc_key, doc FROM {DIST} WHERE {self._where} ORDER BY {self._order} "
                f"LIMIT {off},{size}{self._b._options(off + size)}")[0]
            for _id, w, key, doc in rows:
                yield hits_mod.hit_from(key, _json(doc), float(w), self._compiled, self._hl, marker)


def _json(text) -> dict:
    import json

    return json.loads(text) if text else {}


def dict_meta(rows: list[tuple]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(str(row[0]), []).append(str(row[1]))
    return out


def _facets(sets: list[list[tuple]]) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    site, cats, years = (sets + [[], [], []])[:3]
    out["site"] = sorted(((str(g), int(c)) for g, c in site if g), key=lambda vc: (-vc[1], vc[0]))
    counts: dict[str, int] = {}
    for g, paths, c in cats:
        for path in (paths or "").split("\n"):
            if path and sm.key_crc(path) == int(g):
                counts[path] = counts.get(path, 0) + int(c)
                break
    out["category"] = sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))
    out["year"] = sorted(((str(g), int(c)) for g, c in years if int(g)), key=lambda vc: vc[0], reverse=True)
    return out


__all__ = ["SphinxQLBackend", "BackendUnavailable", "parse_spec", "numeric_id", "UTC"]
