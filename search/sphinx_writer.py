"""Writing documents to a SphinxQL cluster: the ingest pipeline's sink for ``--backend sphinxql://``.

A distributed index takes no inserts, so the writer reads the cluster's layout from the head's
``DESCRIBE tracuu`` (``host:apiport|host:apiport:shard<k>`` per shard; each node's SphinxQL
port is its API port + 1, see :mod:`search.sphinx_cluster`) and sends each document to
``shard<id mod N>`` on every mirror of that shard (Sphinx 2.2 does not replicate; every mirror
gets the same REPLACE). ``REPLACE`` by id makes an update; a re-import of an unchanged document
is recognised by its content hash (read from the shard) and written nowhere. Rows are batched
(``batch_size`` per shard) and flushed on commit/close, so a kill -9 loses at most one batch,
which the resumable ingest writes again.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

from index import analysis
from index.schema import body_text, category_paths, content_hash
from ingest.document import Document
from ingest.page_kind import looks_home
from search import sphinx_match as sm
from search.sphinx_rank import docnum_length, title_terms_text
from search.sphinxql import DIST, NO_DATE, Connections, QueryError, epoch, numeric_id, parse_spec

log = logging.getLogger(__name__)

_AGENT = re.compile(r"^(?P<mirrors>.+):(?P<index>shard\d+)$")


def document_row(doc: Document, digest: str | None = None) -> dict[str, object]:
    """The engine row of a document: pre-analysed token texts and filter attributes."""
    title, body = doc.title or "", body_text(doc)
    row: dict[str, object] = {"id": numeric_id(doc.id)}
    for prefix, text in (("title", title), ("body", body)):
        lists = analysis.term_lists(text)
        bigrams = analysis.bigram_list(lists)
        row[f"{prefix}_e"] = sm.tokens_text([e for e, f in zip(lists.exact, lists.folded, strict=True) if e != f])
        row[f"{prefix}_f"] = sm.tokens_text(lists.folded)
        row[f"{prefix}_b"] = sm.tokens_text(bigrams)
        if prefix == "title":
            # the title's own terms, so that re-ranking can tell a word's title hits from its
            # body hits (the engine reports one count per word) without analysing the page
            row["title_terms"] = title_terms_text(list(lists.exact), list(lists.folded), bigrams)
    row["docnum"] = " ".join([sm.ANY_DOC, sm.tokens_text(analysis.docnums(f"{title}\n{body}"))])
    # the length of Whoosh's docnum field (accented and folded forms), which BM25 divides by
    row["docnum_n"] = docnum_length(f"{title}\n{body}")
    site = unicodedata.normalize("NFC", doc.site.strip()) if doc.site else ""
    paths = category_paths(doc.category)
    skeys, ckeys = sm.site_keys(site), [sm.key_crc(p) for p in paths]
    row.update(site=site, site_keys=skeys, cats="\n".join(paths), cat_keys=ckeys, keys=sm.key_words(skeys, ckeys),
               listing=1 if doc.kind == "listing" or is_home(doc) else 0,
               doc_key=doc.id, hash=digest or content_hash(doc), doc=doc.to_json(), indexed=int(time.time()))
    if doc.published is not None:
        from index.schema import VN_TZ

        local = doc.published if doc.published.tzinfo is None else doc.published.astimezone(VN_TZ)
        row.update(published=epoch(doc.published), year=local.year, month=local.year * 100 + local.month)
    else:
        row.update(published=NO_DATE, year=0, month=0)
    return row


def is_home(doc: Document) -> bool:
    """A portal's home page (kind ``other`` at a home URL): kept, but no search result, as in
    Whoosh (search/postings.py ``View._home_pages``)."""
    return doc.kind == "other" and looks_home(doc.url)


def _value(v: object) -> str:
    if isinstance(v, list):
        return "(" + ",".join(str(int(x)) for x in v) + ")"
    if isinstance(v, int):
        return str(v)
    return sm.quote(str(v))


COLUMNS = ("id", "title_e", "title_f", "title_b", "body_e", "body_f", "body_b", "docnum", "keys", "year", "month",
           "listing", "docnum_n",
           "published", "indexed", "site_keys", "cat_keys", "doc_key", "hash", "site", "cats", "doc", "title_terms")


class SphinxWriterSink:
    """The pipeline's sink (``add``/``commit``/``close``/``counts``) writing to a cluster."""

    def __init__(self, spec: str, data_dir: Path | str | None = None, *, batch_size: int = 200) -> None:
        self.spec = spec
        self.batch_size = batch_size
        self.counts: Counter[str] = Counter()
        head = Connections(parse_spec(spec))
        self.shards = self._layout(head)
        head.close()
        # per shard, the rows not yet sent (by numeric id: a later add of the same document in the
        # batch replaces its row) and, per id, (hash on the shard, hash of the pending row)
        self._pending: list[dict[int, str]] = [{} for _ in self.shards]
        self._hashes: list[dict[int, tuple[str | None, str]]] = [{} for _ in self.shards]

    @staticmethod
    def _layout(head: Connections) -> list[Connections]:
        rows = head.run(f"DESCRIBE {DIST}")[0]
        # Sphinx 2.2 lists each mirror on its own row (``h:p:shard0``, ``remote_1_mirror_2``);
        # Manticore may list ``h:p|h:p:shard0`` on one.
        found: dict[int, list[tuple[str, int]]] = {}
        for agent, kind in rows:
            m = _AGENT.match(str(agent))
            if not str(kind).startswith("remote") or not m:
                continue
            mirrors = found.setdefault(int(m.group("index")[5:]), [])
            for addr in m.group("mirrors").split("|"):
                host, _, port = addr.rpartition(":")
                if (host, int(port) + 1) not in mirrors:
                    mirrors.append((host, int(port) + 1))
        if not found or sorted(found) != list(range(len(found))):
            raise QueryError(f"Cụm {DIST} không có danh sách shard0…shardN hợp lệ ({rows}) (bad cluster layout)")
        return [MirrorSet(found[k]) for k in range(len(found))]

    def _shard(self, nid: int) -> int:
        return nid % len(self.shards)

    def _stored_hash(self, k: int, nid: int) -> str | None:
        rows = self.shards[k].first(f"SELECT hash FROM shard{k} WHERE id={nid}")
        return str(rows[0][0]) if rows else None

    def add(self, doc: Document) -> str:
        """Queue ``doc`` unless the cluster already shows it. A document added twice before a flush
        (an attachment indexed before its linking pages, then again with its parents at the end of
        the run) is compared with its pending row, not the shard's older copy: otherwise the second
        add would look "unchanged" against the shard and the stale first row would be written."""
        digest = content_hash(doc)
        nid = numeric_id(doc.id)
        k = self._shard(nid)
        if nid in self._hashes[k]:
            on_shard, previous = self._hashes[k][nid]
        else:
            on_shard = previous = self._stored_hash(k, nid)
        if previous == digest:
            self.counts["unchanged"] += 1
            return "unchanged"
        if on_shard == digest:  # back to what the shard holds: nothing to write after all
            del self._pending[k][nid], self._hashes[k][nid]
            self.counts["unchanged"] += 1
            return "unchanged"
        row = document_row(doc, digest)
        self._pending[k][nid] = "(" + ",".join(_value(row[c]) for c in COLUMNS) + ")"
        self._hashes[k][nid] = (on_shard, digest)
        result = "indexed" if previous is None else "updated"
        self.counts[result] += 1
        if len(self._pending[k]) >= self.batch_size:
            self._flush(k)
        return result

    def delete(self, doc_id: str) -> None:
        nid = numeric_id(doc_id)
        k = self._shard(nid)
        self._flush(k)
        self.shards[k].every(f"DELETE FROM shard{k} WHERE id={nid}")

    def _flush(self, k: int) -> None:
        rows = list(self._pending[k].values())
        if rows:
            self.shards[k].every(f"REPLACE INTO shard{k} ({','.join(COLUMNS)}) VALUES " + ",".join(rows))
            self._pending[k] = {}
            self._hashes[k] = {}

    def commit(self) -> None:
        for k in range(len(self.shards)):
            self._flush(k)

    def close(self) -> None:
        self.commit()
        for s in self.shards:
            s.close()

    def optimize(self) -> None:
        self.commit()

    def __enter__(self) -> SphinxWriterSink:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class MirrorSet:
    """The nodes holding one shard: reads from the first that answers, writes to all of them."""

    def __init__(self, nodes: list[tuple[str, int]]) -> None:
        self.nodes = [Connections([n]) for n in nodes]

    def first(self, sql: str) -> list[tuple]:
        err: Exception | None = None
        for c in self.nodes:
            try:
                return c.run(sql)[0]
            except QueryError as exc:
                err = exc
            except Exception as exc:  # noqa: BLE001 - a dead mirror: try the next one
                err = exc
        raise QueryError(f"Không shard nào trả lời: {err} (shard unreachable)")

    def every(self, sql: str) -> None:
        """Write to every mirror; a mirror that is down fails the write (it would go stale)."""
        for c in self.nodes:
            try:
                c.run(sql)
            except QueryError:
                raise
            except Exception as exc:  # noqa: BLE001 - pymysql's errors, named for the user
                raise QueryError(f"Ghi vào {c.heads[0][0]}:{c.heads[0][1]} thất bại: {exc} "
                                 "(mirror write failed)") from exc

    def close(self) -> None:
        for c in self.nodes:
            c.close()
