"""Shared benchmark plumbing: portalgen sites, parsing them once, and peer indexes.

Benchmarks print figures for tracuu and for baselines measured in the same run (stock Whoosh
with ``StandardAnalyzer``, SQLite FTS5 with ``unicode61 remove_diacritics 2``), never timed
assertions.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TRACUU_SHARED", REPO.parent / "shared"))
PORTALGEN = SHARED / "portalgen" / "make_portal.py"
CORPUS = SHARED / "corpus" / "articles.jsonl.gz"
FAMILIES = "aspnet_vi,liferay62,sharepoint_ministry,wordpress"


def make_portal(out: Path, pages: int, seed: str, families: str = FAMILIES, reuse: bool = True,
                extra: tuple[str, ...] = ()) -> Path:
    """Render a portalgen site (kept and reused when ``out/truth.jsonl`` exists); ``extra``
    portalgen options, e.g. ``("--attachments", "rich")``."""
    if reuse and (out / "truth.jsonl").exists():
        return out
    if not PORTALGEN.exists() or not CORPUS.exists():
        raise SystemExit(f"../shared/portalgen or the corpus is missing ({SHARED})")
    cmd = [sys.executable, str(PORTALGEN), "--corpus", str(CORPUS), "--out", str(out), "--pages", str(pages),
           "--seed", seed, "--families", families, *extra]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return out


def parse_site(root: Path):
    """Parse every page under ``root/sites`` the way ``tracuu ingest`` does; returns
    (documents, seconds, skipped)."""
    from ingest.parse import SkipPage, parse_page
    from tracuu.ingest_cmd import Unreadable, iter_pages

    docs = []
    skipped = 0
    t0 = time.perf_counter()
    for path, url, data in iter_pages([str(root / "sites")]):
        if isinstance(data, Unreadable):
            skipped += 1
            continue
        try:
            docs.append(parse_page(data, url=url, path=path))
        except SkipPage:
            skipped += 1
    return docs, time.perf_counter() - t0, skipped


def tracuu_index(docs, data_dir: Path) -> float:
    from index.writer import IndexWriterSink

    t0 = time.perf_counter()
    with IndexWriterSink(data_dir, batch_size=100_000) as sink:
        for d in docs:
            sink.add(d)
    return time.perf_counter() - t0


def doc_text(d) -> str:
    from index.schema import body_text

    return body_text(d)


def stock_whoosh_index(docs, path: Path) -> float:
    """Stock Whoosh: StandardAnalyzer on title and body, the same stored fields as tracuu."""
    from whoosh import fields, index
    from whoosh.analysis import StandardAnalyzer

    path.mkdir(parents=True, exist_ok=True)
    schema = fields.Schema(url=fields.ID(stored=True, unique=True), id=fields.ID(stored=True),
                           site=fields.ID(stored=True), kind=fields.ID(stored=True),
                           title=fields.TEXT(analyzer=StandardAnalyzer()),
                           body=fields.TEXT(analyzer=StandardAnalyzer()),
                           published=fields.DATETIME(sortable=True), doc=fields.STORED())
    t0 = time.perf_counter()
    ix = index.create_in(str(path), schema)
    w = ix.writer(limitmb=128)
    from index.schema import utc_naive

    for d in docs:
        kw = dict(url=d.url or d.id, id=d.id, site=d.site or "", kind=d.kind, title=d.title or "",
                  body=doc_text(d), doc=d.to_json())
        if d.published:
            kw["published"] = utc_naive(d.published)
        w.add_document(**kw)
    w.commit()
    return time.perf_counter() - t0


def stock_whoosh_search(path: Path):
    from whoosh import index
    from whoosh.qparser import MultifieldParser

    ix = index.open_dir(str(path))
    searcher = ix.searcher()
    parser = MultifieldParser(["title", "body"], ix.schema)

    def run(q: str, limit: int = 10) -> list[str]:
        try:
            parsed = parser.parse(q)
        except Exception:
            return []
        return [h["url"] for h in searcher.search(parsed, limit=limit)]

    return run


def fts5_index(docs, path: Path) -> float:
    if path.exists():
        path.unlink()
    t0 = time.perf_counter()
    con = sqlite3.connect(str(path))
    con.execute("CREATE VIRTUAL TABLE t USING fts5(url UNINDEXED, title, body, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO t(url, title, body) VALUES (?, ?, ?)",
                    ((d.url or d.id, d.title or "", doc_text(d)) for d in docs))
    con.commit()
    con.close()
    return time.perf_counter() - t0


def fts5_search(path: Path):
    import re

    con = sqlite3.connect(str(path))

    def run(q: str, limit: int = 10) -> list[str]:
        words = [w for w in re.findall(r"\w+", q) if w]
        if not words:
            return []
        expr = " ".join('"' + w.replace('"', "") + '"' for w in words)
        sql = "SELECT url FROM t WHERE t MATCH ? ORDER BY bm25(t, 0, 10.0, 1.0) LIMIT ?"
        try:
            rows = con.execute(sql, (expr, limit)).fetchall()
            if not rows:  # a fair peer: fall back to OR when AND finds nothing
                rows = con.execute(sql, (" OR ".join(expr.split(" ")), limit)).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]

    return run


def import_site(root: Path, data_dir: Path, jobs: int = 2) -> tuple[float, object]:
    """Import ``root/sites`` through the real pipeline (pages *and* attachments, extracted and
    OCRed as ``tracuu ingest`` does); returns (seconds, summary)."""
    from index.pipeline import Ingestor

    t0 = time.perf_counter()
    with Ingestor(data_dir, jobs=jobs) as ing:
        ing.import_paths([root / "sites"])
    return time.perf_counter() - t0, ing.summary


def indexed_documents(data_dir: Path) -> list:
    """Every searchable document of a tracuu index (pages and attachments, listings left out),
    so peers index exactly the text tracuu extracted."""
    from whoosh import index

    from index.writer import index_dir
    from ingest.document import Document

    ix = index.open_dir(str(index_dir(data_dir)))
    with ix.searcher() as s:
        docs = [Document.from_json(f["doc"]) for f in s.all_stored_fields()]
    return [d for d in docs if d.kind != "listing"]
