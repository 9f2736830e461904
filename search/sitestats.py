"""Per-site extraction quality (issue 9 item 6): did the parser understand each portal?

After a bulk import an archivist cannot read 40,000 records to see whether a portal's template was
understood. The symptoms of a misread template are statistical, though: most articles without a
publication time (the date sits where no rule looks), one date on a third of the articles (a date
from the page frame taken for every article's), many identical bodies (the frame taken for the
body). This module counts, per site, from the documents stored in the index: documents, articles,
listings; the shares of articles with a publication time, a time of day, a category, related and
latest lists, attachments; the median body length; duplicate-title and duplicate-body shares; empty
bodies. A site whose shares look wrong gets a flag: a Vietnamese sentence saying what is wrong and
which command to run next (``tracuu parse --explain URL`` on one affected page).

Used by ``tracuu stats``, the web ``/stats`` page and ``/api/v1/stats`` (key ``sites``).
"""

from __future__ import annotations

import json
import statistics
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: thresholds of the flags (issue 9 item 6) and the fewest articles a share is judged on
NO_TIME_SHARE = 0.20
SAME_DAY_SHARE = 0.30
DUP_BODY_SHARE = 0.10
EMPTY_BODY_SHARE = 0.10
MIN_ARTICLES = 5
MIN_ARTICLES_SAME_DAY = 10


@dataclass
class Flag:
    """One suspicious share: a code for scripts, a sentence for people, a page to look at."""

    code: str  # no_time | same_day | dup_body | empty_body
    share: float
    message: str
    sample_url: str | None


@dataclass
class SiteQuality:
    site: str
    documents: int = 0
    articles: int = 0
    listings: int = 0
    other: int = 0
    with_time: float = 0.0  # share of articles with a publication time
    with_time_of_day: float = 0.0  # … whose time is more than a day (not 00:00:00)
    with_category: float = 0.0
    with_related: float = 0.0
    with_latest: float = 0.0
    with_attachments: float = 0.0
    median_body_chars: int = 0
    duplicate_titles: float = 0.0  # share of articles whose title another article of the site has
    duplicate_bodies: float = 0.0  # … whose (non-empty) body another article has, character for character
    empty_bodies: int = 0
    top_day: str | None = None  # the most frequent publication day and its share of the articles
    top_day_share: float = 0.0
    flags: list[Flag] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _pct(x: float) -> str:
    return f"{x * 100:.0f} %".replace(".", ",")


def _explain(url: str | None) -> str:
    return f"Chạy `tracuu parse --explain {url}`" if url else "Chạy `tracuu parse --explain URL` trên một trang như vậy"


def quality(site: str, docs: list[dict]) -> SiteQuality:
    """The figures and flags of one site from its documents (``Document.to_dict()`` shapes)."""
    q = SiteQuality(site=site, documents=len(docs))
    kinds = Counter(d.get("kind") or "other" for d in docs)
    q.listings = kinds["listing"]
    arts = [d for d in docs if d.get("kind") == "article"]
    q.articles = len(arts)
    q.other = q.documents - q.articles - q.listings
    if not arts:
        return q
    n = len(arts)

    def share(pred) -> float:
        return sum(1 for d in arts if pred(d)) / n

    q.with_time = share(lambda d: bool(d.get("published")))
    q.with_time_of_day = share(lambda d: bool(d.get("published")) and d["published"][11:19] not in ("", "00:00:00"))
    q.with_category = share(lambda d: bool(d.get("category")))
    q.with_related = share(lambda d: bool(d.get("related")))
    q.with_latest = share(lambda d: bool(d.get("latest")))
    q.with_attachments = share(lambda d: bool(d.get("attachments")))
    bodies = [(d.get("body") or "").strip() for d in arts]
    q.median_body_chars = int(statistics.median(len(b) for b in bodies))
    q.empty_bodies = sum(1 for b in bodies if not b)
    titles = Counter(" ".join((d.get("title") or "").casefold().split()) for d in arts)
    q.duplicate_titles = sum(c for t, c in titles.items() if t and c > 1) / n
    body_count = Counter(b for b in bodies if b)
    q.duplicate_bodies = sum(c for c in body_count.values() if c > 1) / n
    days = Counter(d["published"][:10] for d in arts if d.get("published"))
    if days:
        q.top_day, top = days.most_common(1)[0]
        q.top_day_share = top / n
    _flag(q, arts, bodies, body_count)
    return q


def _flag(q: SiteQuality, arts: list[dict], bodies: list[str], body_count: Counter) -> None:
    n = len(arts)
    if n >= MIN_ARTICLES and 1 - q.with_time > NO_TIME_SHARE:
        sample = next((d.get("url") for d in arts if not d.get("published")), None)
        q.flags.append(Flag("no_time", 1 - q.with_time,
                            f"{_pct(1 - q.with_time)} bài viết của {q.site} không có thời điểm đăng: mẫu trang "
                            f"có thể đặt ngày ở chỗ bộ phân tích chưa biết. {_explain(sample)} để xem các ngày "
                            "đã xét và vì sao không chọn được.", sample))
    if n >= MIN_ARTICLES_SAME_DAY and q.top_day and q.top_day_share > SAME_DAY_SHARE:
        sample = next((d.get("url") for d in arts if (d.get("published") or "")[:10] == q.top_day), None)
        y, m, dd = q.top_day.split("-")
        q.flags.append(Flag("same_day", q.top_day_share,
                            f"{_pct(q.top_day_share)} bài viết của {q.site} cùng mang ngày {dd}/{m}/{y}: có thể "
                            f"ngày này thuộc khung trang (đầu trang, chân trang, cột bên) chứ không phải của bài. "
                            f"{_explain(sample)} để xem ngày được lấy từ đâu.", sample))
    if n >= MIN_ARTICLES and q.duplicate_bodies > DUP_BODY_SHARE:
        sample = next((d.get("url") for d, b in zip(arts, bodies, strict=True) if b and body_count[b] > 1), None)
        q.flags.append(Flag("dup_body", q.duplicate_bodies,
                            f"{_pct(q.duplicate_bodies)} bài viết của {q.site} có phần thân giống hệt bài khác: có "
                            f"thể khung trang bị lấy làm nội dung. {_explain(sample)} để xem khối nội dung được "
                            "chọn.", sample))
    if n >= MIN_ARTICLES and q.empty_bodies / n > EMPTY_BODY_SHARE:
        sample = next((d.get("url") for d, b in zip(arts, bodies, strict=True) if not b), None)
        q.flags.append(Flag("empty_body", q.empty_bodies / n,
                            f"{_pct(q.empty_bodies / n)} bài viết của {q.site} không có phần thân. "
                            f"{_explain(sample)} để xem vì sao không tìm thấy nội dung.", sample))


def compute(docs: Iterable[dict]) -> list[SiteQuality]:
    """Quality per site, sites with the most documents first (documents without a site: ``""``)."""
    by_site: dict[str, list[dict]] = {}
    for d in docs:
        by_site.setdefault(d.get("site") or "", []).append(d)
    out = [quality(site, ds) for site, ds in by_site.items()]
    return sorted(out, key=lambda q: (-q.documents, q.site))


def stored_documents(data_dir: Path | str) -> Iterable[dict]:
    """Every document stored in ``<data>/index`` (the JSON the index keeps), listings included."""
    from whoosh import index as whoosh_index

    from index.writer import index_dir

    path = index_dir(Path(data_dir))
    if not whoosh_index.exists_in(str(path)):
        return
    ix = whoosh_index.open_dir(str(path))
    with ix.searcher() as s:
        for fields in s.all_stored_fields():
            doc = fields.get("doc")
            if isinstance(doc, str) and doc.startswith("{"):
                yield json.loads(doc)


_cache: dict[str, tuple[tuple, list[SiteQuality]]] = {}
_cache_lock = threading.Lock()


def for_data(data_dir: Path | str) -> list[SiteQuality]:
    """:func:`compute` over the index of ``data_dir``, cached until the index changes (a TOC file
    is written on every commit), so the web page does not re-read 40,000 records per request."""
    from index.writer import index_dir

    path = index_dir(Path(data_dir))
    tocs = sorted(path.glob("_MAIN_*.toc")) if path.exists() else []
    key = tuple((p.name, p.stat().st_mtime_ns) for p in tocs)
    with _cache_lock:
        hit = _cache.get(str(path))
        if hit and hit[0] == key:
            return hit[1]
    result = compute(stored_documents(data_dir))
    with _cache_lock:
        _cache[str(path)] = (key, result)
    return result
