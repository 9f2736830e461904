"""Attachments as documents of their own: recognising them, extracting them, and their parents.

A portal's report is usually the PDF or Word file attached to a news page, not the page. So a
payload that is an attachment (by extension, served type or magic bytes) is not parsed as HTML
but extracted (:mod:`ingest.attachments`, in an isolated worker with time and memory limits) into
a ``Document`` with ``kind == "attachment"``, its administrative metadata, its PDF page
boundaries and the list of pages that link it (``parents``).

Why a registry (``<data>/attachments.sqlite``) beside the catalog:

* **Once per digest.** One file linked from ten pages, or found under two URLs, is extracted and
  indexed once: a payload whose SHA-256 is already registered only adds its URL as an alias.
* **Parents in any order.** A folder import may read the file before or after the pages that link
  it. Pages record their links here; an attachment takes its parents from them when indexed, and
  an attachment whose parent set grew later is re-indexed once at the end of the run (``flush``).
* **No second extraction.** The extracted record is kept, so ``tracuu reindex`` and ``tracuu ocr``
  do not OCR every scan again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ingest.attachlinks import ATTACHMENT_EXT, container_url
from ingest.document import VN_TZ, AttachmentInfo, Document, Parent, Source

log = logging.getLogger(__name__)


_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
}
#: Content types for the download of the archived file, by format.
CONTENT_TYPES = {v: k for k, v in _TYPES.items() if k != "text/rtf"}

#: Vietnamese names of the formats (UI and summaries).
FORMAT_LABELS = {"pdf": "PDF", "doc": "Word (.doc)", "docx": "Word", "xls": "Excel (.xls)", "xlsx": "Excel",
                 "odt": "OpenDocument văn bản", "ods": "OpenDocument bảng tính", "rtf": "RTF"}


def extension(name: str | None) -> str:
    """The lower-cased extension of a file name or URL path (``""`` when none)."""
    if not name:
        return ""
    path = urlsplit(name).path if "://" in name else name
    last = unquote(path).rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def attachment_format(payload: bytes, url: str | None, path: str | None, content_type: str | None) -> str | None:
    """The attachment format of a payload (``pdf``, ``docx``, …) or None when it is not one.

    The name decides first (a ``.pdf`` that turns out to be an HTML error page must fail as a
    PDF, with a clear message, not be indexed as a page); then the served type; then magic bytes
    for names without an extension.
    """
    for name in (path, url):
        ext = extension(name)
        if ext in ATTACHMENT_EXT:
            return ext
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in _TYPES:
        return _TYPES[ctype]
    if extension(path) or extension(url):
        return None
    head = payload[:8]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        window = payload[:4096]
        if b"word/" in window:
            return "docx"
        if b"xl/" in window:
            return "xlsx"
    return None


def file_name(url: str | None, path: str | None, fmt: str) -> str:
    """A download name for the file: the last URL segment, else the path's, else ``tep.<fmt>``."""
    for name in (url, path):
        if name:
            last = unquote(urlsplit(name).path if "://" in name else name).replace("\\", "/").rsplit("/", 1)[-1]
            if last:
                return last
    return f"tep.{fmt}"


def extractor_version() -> str:
    """Digest of the extraction code: a stored extraction is reused only while it is unchanged."""
    root = Path(__file__).resolve().parent.parent / "ingest"
    h = hashlib.sha1()
    for p in sorted([*root.glob("attachments/*.py"), root / "admindoc.py"]):
        if p.exists():
            h.update(p.name.encode() + b"\0" + p.read_bytes())
    return "x-" + h.hexdigest()[:12]


# ---------------------------------------------------------------------------------------------
# extraction (runs in the parser worker processes)


def _ocr_enabled() -> bool:
    """``TRACUU_OCR=0`` (``tracuu ingest --no-ocr``) records scans as "cần OCR" for ``tracuu ocr``."""
    return os.environ.get("TRACUU_OCR", "1") not in ("0", "no", "false")


_POOL = None
_POOL_JOBS = 1


def _extractor(jobs: int = 1):
    """This process's isolated extraction workers (:class:`ingest.attachments.ExtractPool`), kept
    between files: ``extract_isolated`` would start a worker per file, which cost more than the
    extraction of a typical DOCX. A worker that was killed (time or memory limit) is replaced."""
    global _POOL, _POOL_JOBS
    if _POOL is None or jobs > _POOL_JOBS:
        import atexit

        from ingest.attachments import ExtractPool

        if _POOL is not None:
            _POOL.close()
        _POOL, _POOL_JOBS = ExtractPool(jobs), jobs
        atexit.register(_POOL.close)
    return _POOL


class _Merged:
    """``.get()`` of a batch whose pages went to the parser pool and attachments to threads."""

    def __init__(self, n: int, page_idx: list[int], page_res, futures: dict[int, object]) -> None:
        self.n, self.page_idx, self.page_res, self.futures = n, page_idx, page_res, futures

    def get(self) -> list:
        out: list = [None] * self.n
        if self.page_res is not None:
            for i, value in zip(self.page_idx, self.page_res.get(), strict=True):
                out[i] = value
        for i, fut in self.futures.items():
            out[i] = fut.result()
        return out


class BatchRouter:
    """Sends a batch's pages to the parser pool and its attachments to isolated extraction workers
    driven from this process's threads.

    Why: parser pool workers are daemonic processes, which may not start the worker processes that
    isolate an extraction; and an attachment (OCR above all) takes far longer than a page, so it
    should not hold a parser process either. Results come back in input order, as ``map_async``'s.
    """

    def __init__(self, jobs: int) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.jobs = max(1, jobs)
        self.threads = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="attach")

    def map_async(self, pool, fn, jobs: list[tuple[bytes, str | None, str | None, str | None]]):
        fmts = [attachment_format(j[0][:8192], j[1], j[2], j[3]) for j in jobs]
        if not any(fmts):
            return pool.map_async(fn, jobs, chunksize=4)
        if pool is None:
            assert all(fmts), "pages need a parser pool"
        page_idx = [i for i, f in enumerate(fmts) if f is None]
        page_res = pool.map_async(fn, [jobs[i] for i in page_idx], chunksize=4) if page_idx else None
        _extractor(self.jobs)
        futures = {i: self.threads.submit(extract_document, *jobs[i], f) for i, f in enumerate(fmts) if f}
        return _Merged(len(jobs), page_idx, page_res, futures)

    def close(self) -> None:
        self.threads.shutdown(wait=True)


def extract_document(payload: bytes, url: str | None, path: str | None, content_type: str | None,
                     fmt: str, *, ocr: bool | None = None, jobs: int = 1) -> tuple[str, object]:
    """``("doc", Document)`` for an attachment, or ``("fail", message)``.

    Runs in an isolated worker (:func:`_extractor`, the ``extract_isolated`` machinery): a file
    that hangs the extractor or eats memory is stopped and reported, and only that file is lost.
    """
    from ingest.attachments import AttachmentError

    name = file_name(url, path, fmt)
    try:
        ext = _extractor().run(payload, name, content_type, ocr=_ocr_enabled() if ocr is None else ocr, jobs=jobs)
    except AttachmentError as exc:
        return ("fail", f"tệp đính kèm {name}: {exc}")
    except Exception as exc:  # noqa: BLE001 - one hostile file must not stop the batch
        return ("fail", f"tệp đính kèm {name}: lỗi trích xuất (extraction failed): {type(exc).__name__}: {exc}")
    return ("doc", build_document(ext, payload, url, name, content_type, fmt))


def build_document(ext, payload: bytes, url: str | None, name: str, content_type: str | None, fmt: str) -> Document:
    """The attachment's Document from an ``Extracted`` record (body = pages joined, offsets kept)."""
    fmt = getattr(ext, "format", None) or fmt
    pages = [p.strip() for p in (getattr(ext, "pages", None) or [])] if fmt == "pdf" else []
    starts: list[int] = []
    if pages:
        body_parts: list[str] = []
        pos = 0
        for text in pages:
            starts.append(pos)
            body_parts.append(text)
            pos += len(text) + 2
        body = "\n\n".join(body_parts)
    else:
        body = (ext.text or "").strip()
    meta = getattr(ext, "meta", None)
    info = AttachmentInfo(format=fmt, filename=name, content_type=content_type,
                          size=len(payload), urls=[url] if url else [], page_starts=starts,
                          needs_ocr=bool(getattr(ext, "needs_ocr", False)),
                          ocr_pages=list(getattr(ext, "ocr_pages", None) or []),
                          warnings=list(getattr(ext, "warnings", None) or []))
    published = None
    if meta is not None:
        info.number = _s(getattr(meta, "number", None))
        info.doc_type = _s(getattr(meta, "doc_type", None))
        info.issuer = _s(getattr(meta, "issuer", None))
        info.place = _s(getattr(meta, "place", None))
        info.subject = _s(getattr(meta, "subject", None))
        info.signer = _s(getattr(meta, "signer", None))
        info.issuer_parent = _s(getattr(meta, "issuer_parent", None))
        issued = getattr(meta, "issued", None) or getattr(meta, "issue_date", None)
        if isinstance(issued, datetime):
            issued = issued.date()
        if isinstance(issued, date):
            info.issued = issued.isoformat()
            published = datetime(issued.year, issued.month, issued.day, tzinfo=VN_TZ)
    return Document(url=url, site=(urlsplit(url).hostname or None) if url else None, kind="attachment",
                    title=attachment_title(info), published=published, body=body,
                    source=Source(path=name, bytes=len(payload), sha256=hashlib.sha256(payload).hexdigest()),
                    attachment=info)


def _s(value) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def attachment_title(info: AttachmentInfo, link_title: str | None = None) -> str:
    """``Thông báo 583/TB-SNV: Về việc …`` from the metadata; else the link text, else the file name."""
    head = " ".join(x for x in (info.doc_type, info.number) if x)
    if head and info.subject:
        return f"{head}: {info.subject}"
    if head and link_title:
        return f"{head}: {link_title}" if info.number and info.number not in link_title else link_title
    return head or info.subject or link_title or info.filename or "Tệp đính kèm"


# ---------------------------------------------------------------------------------------------
# the registry: digests, aliases and parent links


def _norm(url: str | None) -> str | None:
    if not url:
        return None
    from ingest.crawl import normalize_url

    return normalize_url(url) or url


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
        row = self.db.execute("SELECT sha256 FROM aliases WHERE url = ?", (_norm(url),)).fetchone()
        return row[0] if row else None

    def doc_id_for_url(self, url: str) -> str | None:
        row = self.db.execute("SELECT f.doc_id FROM aliases a JOIN files f ON f.sha256 = a.sha256 "
                              "WHERE a.url = ?", (_norm(url),)).fetchone()
        return row[0] if row else None

    def parents(self, urls: Iterable[str]) -> list[Parent]:
        """The pages linking any of ``urls`` (for a member of a ``.zip`` bundle: the bundle's)."""
        urls = list(urls)
        urls += [c for c in map(container_url, urls) if c]
        keys = sorted({u for u in (_norm(x) for x in urls) if u})
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

    def prepare(self, doc: Document, sha256: str) -> Document:
        """Called for every document about to be indexed: attachments get their parents and are
        registered; pages record the attachments they link (and mark those for re-indexing)."""
        if doc.kind == "attachment":
            known = self.stored(sha256)
            if known is not None and known.url != doc.url:
                # the same file under a second URL, extracted in the same batch: one document
                return self.duplicate(doc.url, sha256, True) or doc
            return self._register(doc, sha256)
        if doc.url and doc.attachments:
            self._record_links(doc)
        return doc

    def _register(self, doc: Document, sha256: str) -> Document:
        info = doc.attachment or AttachmentInfo()
        doc.attachment = info
        if doc.url and doc.url not in info.urls:
            info.urls.insert(0, doc.url)
        for u in info.urls:
            self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (_norm(u), sha256))
        self._set_parents(doc)
        self.db.execute("INSERT INTO files (sha256, doc_id, doc, version, needs_ocr, dirty) VALUES (?, ?, ?, ?, ?, 0) "
                        "ON CONFLICT(sha256) DO UPDATE SET doc_id = excluded.doc_id, doc = excluded.doc, "
                        "needs_ocr = excluded.needs_ocr, dirty = 0",
                        (sha256, doc.id, doc.to_json(), self.version, int(info.needs_ocr)))
        return doc

    def _set_parents(self, doc: Document) -> None:
        info = doc.attachment
        assert info is not None
        doc.parents = self.parents(info.urls)
        link = next((p.link_title for p in doc.parents if p.link_title), None)
        doc.title = attachment_title(info, link)
        if doc.site is None and doc.parents:
            doc.site = urlsplit(doc.parents[0].url).hostname

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
            target = _norm(urljoin(page_url, url))
            if not target:
                continue
            self._seq += 1
            self.db.execute("INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?)",
                            (page_url, target, page_title, title, self._seq))
            # the file at that URL, or the members of a .zip bundle there (``…/x.zip!/a.pdf``)
            self.db.execute("UPDATE files SET dirty = 1 WHERE sha256 IN (SELECT sha256 FROM aliases WHERE url = ? "
                            "OR substr(url, 1, ?) = ?)", (target, len(target) + 2, target + "!/"))

    def flush(self, add) -> int:
        """Re-index (``add(doc)``) every attachment whose parents changed since it was indexed."""
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

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def index_fields(doc: Document) -> dict[str, str]:
    """Extra index fields of an attachment: facet values and parent URLs (see index.schema)."""
    info = doc.attachment
    if doc.kind != "attachment" or info is None:
        return {}
    out: dict[str, str] = {"format": info.format or ""}
    if info.doc_type:
        out["doctype"] = info.doc_type
    if info.issuer:
        out["issuer"] = info.issuer
    parents = [p for p in (_norm(p.url) for p in doc.parents) if p]
    if parents:
        out["parents"] = "\n".join(parents)
    return out


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

