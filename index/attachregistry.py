"""The attachment registry (``<data>/attachments.sqlite``): digests, URL aliases, and parent links.

Why a registry beside the catalog:

* **Once per digest.** One file linked from ten pages, or found under two URLs, is extracted and
  indexed once: a payload whose SHA-256 is already registered only adds its URL as an alias.
* **Parents in any order.** A folder import may read the file before or after the pages that link
  it. Pages record their links here; an attachment takes its parents from them when indexed, and
  an attachment whose parent set grew later is re-indexed once at the end of the run (``flush``).
* **No second extraction.** The extracted record is kept, so ``tracuu reindex`` and ``tracuu ocr``
  do not OCR every scan again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from index.attachdocs import attachment_title, extractor_version, norm_url
from ingest.attachlinks import container_url
from ingest.document import AttachmentInfo, Document, Parent


class Registry:
    """``<data>/attachments.sqlite``: which file (digest) each attachment URL is, its extracted
    record, and which pages link which attachment URLs."""

    def __init__(self, data_dir: Path | str) -> None:
        self.path = Path(data_dir) / "attachments.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript("""
            CREATE TABLE IF NOT EXISTS files (
                sha256 TEXT PRIMARY KEY,
                doc_id TEXT NOT NULL,
                doc TEXT NOT NULL,            -- the Document JSON as last indexed
                version TEXT,                 -- extractor_version() of the extraction
                needs_ocr INTEGER NOT NULL DEFAULT 0,
                dirty INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX IF NOT EXISTS files_doc ON files(doc_id);
            CREATE TABLE IF NOT EXISTS aliases (url TEXT PRIMARY KEY, sha256 TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS aliases_sha ON aliases(sha256);
            CREATE TABLE IF NOT EXISTS links (
                page_url TEXT NOT NULL, att_url TEXT NOT NULL,
                page_title TEXT, link_title TEXT, seq INTEGER,
                PRIMARY KEY (page_url, att_url)
            );
            CREATE INDEX IF NOT EXISTS links_att ON links(att_url);
        """)
        self._seq = (self.db.execute("SELECT MAX(seq) FROM links").fetchone()[0] or 0)
        self.version = extractor_version()

    # -- look-ups ----------------------------------------------------------------------------
    def stored(self, sha256: str) -> Document | None:
        row = self.db.execute("SELECT doc FROM files WHERE sha256 = ?", (sha256,)).fetchone()
        return Document.from_json(row[0]) if row else None

    def stored_current(self, sha256: str) -> Document | None:
        """The stored record when it was extracted by the current code (reindex reuses it)."""
        row = self.db.execute("SELECT doc, version FROM files WHERE sha256 = ?", (sha256,)).fetchone()
        return Document.from_json(row[0]) if row and row[1] == self.version else None

    def sha_of(self, url: str) -> str | None:
        row = self.db.execute("SELECT sha256 FROM aliases WHERE url = ?", (norm_url(url),)).fetchone()
        return row[0] if row else None

    def doc_id_for_url(self, url: str) -> str | None:
        row = self.db.execute("SELECT f.doc_id FROM aliases a JOIN files f ON f.sha256 = a.sha256 "
                              "WHERE a.url = ?", (norm_url(url),)).fetchone()
        return row[0] if row else None

    def parents(self, urls: Iterable[str]) -> list[Parent]:
        """The pages linking any of ``urls`` (for a member of a ``.zip`` bundle: the bundle's)."""
        urls = list(urls)
        urls += [c for c in map(container_url, urls) if c]
        keys = sorted({u for u in (norm_url(x) for x in urls) if u})
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(f"SELECT page_url, page_title, link_title, MIN(seq) FROM links "
                               f"WHERE att_url IN ({marks}) GROUP BY page_url ORDER BY MIN(seq)", keys)
        return [Parent(url=u, title=t or "", link_title=lt or "") for u, t, lt, _s in rows]

    def needing_ocr(self) -> list[tuple[str, str]]:
        """``(sha256, doc_id)`` of the attachments recorded "cần OCR"."""
        return list(self.db.execute("SELECT sha256, doc_id FROM files WHERE needs_ocr = 1 ORDER BY rowid"))

    def counts(self) -> dict[str, int]:
        files, ocr = self.db.execute("SELECT COUNT(*), COALESCE(SUM(needs_ocr), 0) FROM files").fetchone()
        return {"files": files, "needs_ocr": ocr,
                "urls": self.db.execute("SELECT COUNT(*) FROM aliases").fetchone()[0],
                "links": self.db.execute("SELECT COUNT(*) FROM links").fetchone()[0]}

    # -- updates -----------------------------------------------------------------------------
    def duplicate(self, url: str | None, sha256: str, is_attachment: bool) -> Document | None:
        """The stored attachment when this payload was extracted before (the caller indexes the
        returned record, which now lists ``url`` too, instead of extracting again)."""
        if not is_attachment:
            return None
        doc = self.stored(sha256)
        if doc is None:
            return None
        if url and doc.attachment is not None and url not in doc.attachment.urls:
            doc.attachment.urls.append(url)
        return doc

    def prepare(self, doc: Document, sha256: str, defer: bool = False) -> Document:
        """Called for every document about to be indexed: attachments get their parents and are
        registered; pages record the attachments they link (and mark those for re-indexing).

        With ``defer`` the attachment is registered as still to be indexed (``dirty``) and the
        caller leaves it to :meth:`flush` at the end of the run: pages read later in the run add
        parents to it, and indexing it now would index it again then (Whoosh keeps the replaced
        copy as a deleted document that BM25 still counts until a merge). The flag is committed
        with the index, so a run killed before its end leaves the file for the next run's flush.
        """
        if doc.kind == "attachment":
            known = self.stored(sha256)
            if known is not None and known.url != doc.url:
                # the same file under a second URL, extracted in the same batch: one document
                same = self.duplicate(doc.url, sha256, True) or doc
                return self._register(same, sha256, defer) if defer else same
            return self._register(doc, sha256, defer)
        if doc.url and doc.attachments:
            self._record_links(doc)
        return doc

    def _register(self, doc: Document, sha256: str, dirty: bool = False) -> Document:
        info = doc.attachment or AttachmentInfo()
        doc.attachment = info
        if doc.url and doc.url not in info.urls:
            info.urls.insert(0, doc.url)
        for u in info.urls:
            self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (norm_url(u), sha256))
        self._set_parents(doc)
        self.db.execute("INSERT INTO files (sha256, doc_id, doc, version, needs_ocr, dirty) VALUES (?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT(sha256) DO UPDATE SET doc_id = excluded.doc_id, doc = excluded.doc, "
                        "needs_ocr = excluded.needs_ocr, dirty = excluded.dirty",
                        (sha256, doc.id, doc.to_json(), self.version, int(info.needs_ocr), int(dirty)))
        return doc

    def _set_parents(self, doc: Document) -> None:
        assert doc.attachment is not None
        parents_applied(doc, self.parents(doc.attachment.urls))

    def _record_links(self, page: Document) -> None:
        self.record_links(page.url, page.title, [(a.title, a.url) for a in page.attachments])

    def record_links(self, page_url: str | None, page_title: str, links: list[tuple[str, str]]) -> None:
        """Which attachment URLs a page links (``(link title, url)``), replacing what it linked
        before; attachments already registered are marked for re-indexing with this parent."""
        from urllib.parse import urljoin

        if not page_url or page_url.startswith("sha256:"):
            return
        self.db.execute("DELETE FROM links WHERE page_url = ?", (page_url,))
        for title, url in links:
            target = norm_url(urljoin(page_url, url))
            if not target:
                continue
            self._seq += 1
            self.db.execute("INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?)",
                            (page_url, target, page_title, title, self._seq))
            # the file at that URL, or the members of a .zip bundle there (``…/x.zip!/a.pdf``)
            self.db.execute("UPDATE files SET dirty = 1 WHERE sha256 IN (SELECT sha256 FROM aliases WHERE url = ? "
                            "OR substr(url, 1, ?) = ?)", (target, len(target) + 2, target + "!/"))

    def flush(self, add) -> int:
        """(Re-)index (``add(doc)``) every attachment whose parents changed since it was indexed
        or whose indexing was deferred (:meth:`prepare`), each once, with all its parents."""
        n = 0
        for sha, text in list(self.db.execute("SELECT sha256, doc FROM files WHERE dirty = 1")):
            doc = Document.from_json(text)
            self._set_parents(doc)
            add(doc)  # the index answers "unchanged" when nothing it shows changed
            n += 1
            self.db.execute("UPDATE files SET doc = ?, dirty = 0 WHERE sha256 = ?", (doc.to_json(), sha))
        return n

    def replace(self, sha256: str, doc: Document) -> Document:
        """Store a re-extracted record (``tracuu ocr``), parents recomputed."""
        return self._register(doc, sha256)

    def commit(self) -> None:
        self.db.commit()

    def rollback(self) -> None:
        """Forget what was registered since the last commit: the index did not take those
        documents (an aborted run), so the next run must extract and index them again — and an
        open write transaction left behind would lock the registry for that next run."""
        self.db.rollback()

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def parents_applied(doc: Document, parents: list[Parent]) -> None:
    """Set an attachment's ``parents`` and what follows from them (title, summary, site): shared
    with the Spark job (:func:`index.warc_tasks.with_parents`), which computes the same parents
    without a registry."""
    info = doc.attachment
    assert info is not None
    doc.parents = parents
    link = next((p.link_title for p in doc.parents if p.link_title), None)
    doc.title = attachment_title(info, link)
    # how the linking pages name the file ("Báo cáo số 792/BC-UBND", "tại đây" excepted): searchable
    # in the attachment too, e.g. the number of a scan that OCR misread
    names = list(dict.fromkeys(p.link_title.strip() for p in doc.parents
                               if p.link_title and len(p.link_title.split()) >= 3))
    doc.summary = "; ".join(names) or None
    if doc.site is None and doc.parents:
        doc.site = urlsplit(doc.parents[0].url).hostname


def summary_line(data_dir: Path | str) -> str | None:
    """One summary line about attachments (how many, how many wait for OCR), or None."""
    path = Path(data_dir) / "attachments.sqlite"
    if not path.exists():
        return None
    reg = Registry(data_dir)
    try:
        c = reg.counts()
    finally:
        reg.close()
    if not c["files"]:
        return None
    line = f"  tệp đính kèm (attachments): {c['files']} tệp, {c['urls']} địa chỉ, {c['links']} liên kết từ trang"
    if c["needs_ocr"]:
        line += f"; {c['needs_ocr']} tệp cần OCR (chạy `tracuu ocr`)"
    return line

