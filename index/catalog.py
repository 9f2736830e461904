"""The SQLite catalog of captures: provenance, idempotence and resumption state.

One row per *distinct* capture (a URL with a given payload): where its bytes came from (source
file and offset, record id and type, capture date), what the server said (status, content type,
charset), what it is (payload digests), where our copy is (blob or WARC record), and what became of
it (parser version, outcome). Identical payloads seen again under the same URL add a date to
``crawl_dates`` instead of a new capture, which is how re-imports stay idempotent while archivists
still see every crawl date. Field names follow webarchive-discovery where one exists.

``checkpoints`` hold, per input file, the offset to resume from (WARC byte offset, zip/tar member
index) and whether it is done, so a run killed with ``kill -9`` continues where it stopped.
WAL mode keeps readers (the web UI) unblocked while an import writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS captures (
    id INTEGER PRIMARY KEY,
    url TEXT,
    doc_id TEXT,
    crawl_date TEXT,          -- capture time (WARC-Date, fetch time) or file time
    imported TEXT,            -- when tracuu catalogued it
    status_code INTEGER,
    content_type_served TEXT,
    charset TEXT,
    hash TEXT,                -- payload digest, sha1:BASE32 (WARC/CDX convention)
    sha256 TEXT NOT NULL,     -- of the payload as parsed; the blob address
    content_length INTEGER,
    record_type TEXT,         -- response | resource | revisit | file | member | fetch
    record_id TEXT,           -- warc_key_id
    refers_to TEXT,
    source_file_path TEXT,
    source_file_offset INTEGER,
    store TEXT,               -- blob | warc
    store_key TEXT,           -- sha256 (blob) or WARC path
    store_offset INTEGER,
    store_length INTEGER,
    http_headers TEXT,        -- JSON [[name, value], ...] as served
    parser_version TEXT,
    outcome TEXT,             -- indexed | updated | unchanged | skipped | failed
    reason TEXT
);
CREATE INDEX IF NOT EXISTS captures_url ON captures(url, sha256);
CREATE INDEX IF NOT EXISTS captures_sha ON captures(sha256);
CREATE INDEX IF NOT EXISTS captures_hash ON captures(hash);
CREATE INDEX IF NOT EXISTS captures_rid ON captures(record_id);
CREATE TABLE IF NOT EXISTS crawl_dates (
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    crawl_date TEXT,
    source_file_path TEXT,
    source_file_offset INTEGER,
    UNIQUE (capture_id, crawl_date, source_file_path, source_file_offset)
);
CREATE TABLE IF NOT EXISTS checkpoints (
    source TEXT PRIMARY KEY,
    size INTEGER,
    mtime REAL,
    resume INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    updated TEXT
);
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    capture_id INTEGER
);
"""


@dataclass
class Capture:
    url: str | None
    sha256: str
    doc_id: str | None = None
    crawl_date: str | None = None
    imported: str | None = None
    status_code: int | None = None
    content_type_served: str | None = None
    charset: str | None = None
    hash: str | None = None
    content_length: int | None = None
    record_type: str | None = None
    record_id: str | None = None
    refers_to: str | None = None
    source_file_path: str | None = None
    source_file_offset: int | None = None
    store: str | None = None
    store_key: str | None = None
    store_offset: int | None = None
    store_length: int | None = None
    http_headers: str | None = None
    parser_version: str | None = None
    outcome: str | None = None
    reason: str | None = None
    id: int | None = None


_COLS = [f.name for f in fields(Capture) if f.name != "id"]


class Catalog:
    """Thin, explicit wrapper over sqlite3; callers decide when to commit (with the index)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.commit()

    # -- captures -------------------------------------------------------------------------

    def add(self, cap: Capture) -> int:
        values = [getattr(cap, c) for c in _COLS]
        cur = self.db.execute(f"INSERT INTO captures ({', '.join(_COLS)}) VALUES ({', '.join('?' * len(_COLS))})",
                              values)
        cap.id = cur.lastrowid
        if cap.crawl_date or cap.source_file_path:
            self.add_date(cap.id, cap.crawl_date, cap.source_file_path, cap.source_file_offset)
        return cap.id

    def add_date(self, capture_id: int, date: str | None, source: str | None, offset: int | None) -> None:
        self.db.execute("INSERT OR IGNORE INTO crawl_dates VALUES (?, ?, ?, ?)",
                        (capture_id, date, source, offset))

    def set_outcome(self, capture_id: int, outcome: str, reason: str | None = None) -> None:
        self.db.execute("UPDATE captures SET outcome = ?, reason = ? WHERE id = ?", (outcome, reason, capture_id))

    def find(self, url: str | None, sha256: str) -> Capture | None:
        """The capture of this exact payload under this URL (None URL matches None)."""
        row = self.db.execute("SELECT * FROM captures WHERE url IS ? AND sha256 = ? ORDER BY id LIMIT 1",
                              (url, sha256)).fetchone()
        return _row(row)

    def get(self, capture_id: int) -> Capture | None:
        return _row(self.db.execute("SELECT * FROM captures WHERE id = ?", (capture_id,)).fetchone())

    def newest_date(self, url: str) -> str | None:
        """The newest capture date among this URL's indexed captures."""
        row = self.db.execute("SELECT MAX(crawl_date) FROM captures WHERE url = ? AND "
                              "outcome IN ('indexed', 'updated', 'unchanged')", (url,)).fetchone()
        return row[0] if row else None

    def latest(self, url: str) -> Capture | None:
        row = self.db.execute("SELECT * FROM captures WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)).fetchone()
        return _row(row)

    def by_record_id(self, record_id: str) -> Capture | None:
        return _row(self.db.execute("SELECT * FROM captures WHERE record_id = ? LIMIT 1", (record_id,)).fetchone())

    def by_hash(self, url: str | None, digest: str) -> Capture | None:
        row = self.db.execute("SELECT * FROM captures WHERE hash = ? ORDER BY (url IS ?) DESC, id LIMIT 1",
                              (digest, url)).fetchone()
        return _row(row)

    def captures_of(self, url: str) -> list[Capture]:
        rows = self.db.execute("SELECT * FROM captures WHERE url = ? ORDER BY crawl_date, id", (url,))
        return [c for c in map(_row, rows) if c]

    def crawl_dates(self, capture_id: int) -> list[str]:
        rows = self.db.execute("SELECT crawl_date FROM crawl_dates WHERE capture_id = ? ORDER BY crawl_date",
                               (capture_id,))
        return [r[0] for r in rows]

    def current(self) -> Iterator[Capture]:
        """The newest parseable capture of every URL (what the index should hold), in URL order."""
        rows = self.db.execute(
            "SELECT * FROM captures WHERE id IN (SELECT MAX(id) FROM captures "
            "WHERE outcome IN ('indexed', 'updated', 'unchanged') GROUP BY COALESCE(url, sha256)) ORDER BY url")
        for row in rows:
            cap = _row(row)
            if cap:
                yield cap

    def latest_per_url(self, indexed_only: bool = False) -> Iterator[Capture]:
        """The newest successful capture of every URL (file imports without URL: per payload).

        Newest by capture date, then by import order. ``indexed_only`` keeps captures whose
        document is in the index; otherwise every 2xx (or status-less) capture is a candidate, so
        a reindex can pick up pages an older parser skipped.
        """
        cond = "outcome IN ('indexed', 'updated', 'unchanged')" if indexed_only else \
            "(status_code IS NULL OR (status_code BETWEEN 200 AND 299)) AND store IS NOT NULL"
        rows = self.db.execute(
            f"SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY COALESCE(url, 'sha256:' || sha256) "
            f"ORDER BY crawl_date DESC, id DESC) AS rn FROM captures WHERE {cond}) WHERE rn = 1 ORDER BY url, id")
        for row in rows:
            yield Capture(**{k: row[k] for k in row.keys() if k != "rn"})

    def count(self, where: str = "1", *args: object) -> int:
        return self.db.execute(f"SELECT COUNT(*) FROM captures WHERE {where}", args).fetchone()[0]

    # -- checkpoints ----------------------------------------------------------------------

    def checkpoint(self, source: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM checkpoints WHERE source = ?", (source,)).fetchone()

    def set_checkpoint(self, source: str, *, size: int | None, mtime: float | None, resume: int,
                       done: bool, when: str) -> None:
        self.db.execute(
            "INSERT INTO checkpoints (source, size, mtime, resume, done, updated) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(source) DO UPDATE SET size=excluded.size, mtime=excluded.mtime, "
            "resume=excluded.resume, done=excluded.done, updated=excluded.updated",
            (source, size, mtime, resume, int(done), when))

    # -- validators for conditional re-fetch ----------------------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None, int | None]:
        row = self.db.execute("SELECT etag, last_modified, capture_id FROM validators WHERE url = ?",
                              (url,)).fetchone()
        return (row[0], row[1], row[2]) if row else (None, None, None)

    def set_validators(self, url: str, etag: str | None, last_modified: str | None, capture_id: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO validators VALUES (?, ?, ?, ?)",
                        (url, etag, last_modified, capture_id))

    # -- transactions ---------------------------------------------------------------------

    def commit(self) -> None:
        self.db.commit()

    def rollback(self) -> None:
        self.db.rollback()

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _row(row: sqlite3.Row | None) -> Capture | None:
    if row is None:
        return None
    return Capture(**{k: row[k] for k in row.keys()})


def capture_dict(cap: Capture) -> dict[str, object]:
    return asdict(cap)
