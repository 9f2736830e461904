"""Score extracted Documents against portalgen's ``truth.jsonl`` (acceptance 2 of issue 2).

Shared by tests/test_portal_accuracy.py (generated 400-page sites and the committed fixtures) so
both compute the numbers the same way.

List dates are compared at the precision the page shows: sharepoint_ministry list items print
only the day (`(21/12/2018)`), so for them the item matches when the day matches; everywhere else
the full time must match to the second.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.document import Document, parse_iso

#: families whose list items show the date without the time
DAY_ONLY_LISTS = {"sharepoint_ministry", "tandan_sharepoint"}
#: words that only the page frame (footer, menus, counters) contains
FRAME_MARKERS = ("Chịu trách nhiệm chính", "Lượt truy cập", "LƯỢT TRUY CẬP", "Số lượt truy cập", "Về đầu trang",
                 "Chia sẻ Facebook", "In bài viết", "Trở về", "DANH MỤC TIN", "CHUYÊN MỤC", "Tin mới nhất",
                 "Tin liên quan", "Bài viết liên quan", "Bài viết mới", "Hotline:", "Lượt xem", "lượt xem",
                 "Tài liệu đính kèm", "Ghi rõ nguồn")


def decode_page(data: bytes) -> str:
    """Bytes to text with the product's decoder (BOM, meta charset, cp1258, NFC, mojibake repair)."""
    from ingest.decode import decode_page as _decode

    return _decode(data).text


def extract_bytes(data: bytes, url: str, family: str | None = None) -> Document:
    """``parse_page`` as the CLI runs it; with ``family`` forced, decode + ``extract_html``."""
    if family is None:
        from ingest.parse import parse_page

        return parse_page(data, url=url)
    from ingest.htmlparse import extract_html

    return extract_html(decode_page(data), url=url, family=family)


def _norm(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").split())


def para_f1(got: list[str], want: list[str]) -> float:
    g = [_norm(p) for p in got if _norm(p)]
    w = [_norm(p) for p in want if _norm(p)]
    if not g and not w:
        return 1.0
    if not g or not w:
        return 0.0
    pool = list(w)
    tp = 0
    for p in g:
        if p in pool:
            pool.remove(p)
            tp += 1
    prec, rec = tp / len(g), tp / len(w)
    return 0.0 if tp == 0 else 2 * prec * rec / (prec + rec)


@dataclass
class Score:
    articles: int = 0
    non_articles: int = 0
    title_ok: int = 0
    published_ok: int = 0
    f1_sum: float = 0.0
    frame_in_body: list[str] = field(default_factory=list)
    items_want: int = 0
    items_ok: int = 0
    att_want: int = 0
    att_ok: int = 0
    non_article_as_article: list[str] = field(default_factory=list)
    category_ok: int = 0
    summary_ok: int = 0
    images_want: int = 0
    images_ok: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def title_rate(self) -> float:
        return self.title_ok / max(self.articles, 1)

    @property
    def published_rate(self) -> float:
        return self.published_ok / max(self.articles, 1)

    @property
    def body_f1(self) -> float:
        return self.f1_sum / max(self.articles, 1)

    @property
    def item_recall(self) -> float:
        return self.items_ok / max(self.items_want, 1)

    @property
    def attachment_recall(self) -> float:
        return self.att_ok / max(self.att_want, 1)

    def summary_line(self) -> str:
        return (f"articles={self.articles} title={self.title_rate:.4f} published={self.published_rate:.4f} "
                f"body_f1={self.body_f1:.4f} items={self.item_recall:.4f} ({self.items_ok}/{self.items_want}) "
                f"attachments={self.attachment_recall:.4f} ({self.att_ok}/{self.att_want}) "
                f"category={self.category_ok}/{self.articles} summary={self.summary_ok}/{self.articles} "
                f"images={self.images_ok}/{self.images_want} frame_in_body={len(self.frame_in_body)} "
                f"non_articles={self.non_articles} misclassified={len(self.non_article_as_article)}")


def _item_match(got, want: dict, day_only: bool) -> bool:
    if _norm(got.title) != _norm(want["title"]) or got.url != want["url"]:
        return False
    wdt = parse_iso(want["published"])
    if got.published is None or wdt is None:
        return got.published is None and wdt is None
    if day_only:
        return got.published.date() == wdt.date()
    return got.published == wdt


def score(records: Iterable[dict], root: Path, family: str | None = None) -> Score:
    """Extract every page of ``records`` (truth lines, files relative to ``root``) and score it."""
    sc = Score()
    for rec in records:
        data = (root / rec["file"]).read_bytes()
        doc = extract_bytes(data, rec["url"], family=family)
        if rec["kind"] != "article":
            sc.non_articles += 1
            if doc.kind == "article":
                sc.non_article_as_article.append(rec["file"])
            continue
        sc.articles += 1
        fname = rec["file"]
        if _norm(doc.title) == _norm(rec["title"]):
            sc.title_ok += 1
        else:
            sc.failures.append(f"title {fname}: {doc.title!r} != {rec['title']!r}")
        if doc.published == parse_iso(rec["published"]):
            sc.published_ok += 1
        else:
            sc.failures.append(f"published {fname}: {doc.published} != {rec['published']}")
        f1 = para_f1(doc.paragraphs, rec["body"])
        sc.f1_sum += f1
        if f1 < 0.999:
            sc.failures.append(f"body {fname}: f1={f1:.3f}")
        for marker in FRAME_MARKERS:
            if marker in doc.body and not any(marker in p for p in rec["body"]):
                sc.frame_in_body.append(f"{fname}: {marker}")
        if doc.category == rec["category"]:
            sc.category_ok += 1
        else:
            sc.failures.append(f"category {fname}: {doc.category} != {rec['category']}")
        if _norm(doc.summary) == _norm(rec.get("summary")):
            sc.summary_ok += 1
        else:
            sc.failures.append(f"summary {fname}: {doc.summary!r} != {rec.get('summary')!r}")
        for img in rec.get("images") or []:
            sc.images_want += 1
            if any(i.url == img["url"] and _norm(i.caption) == _norm(img["caption"]) for i in doc.images):
                sc.images_ok += 1
            else:
                sc.failures.append(f"image {fname}: {img} not in {doc.images}")
        day_only = rec["family"] in DAY_ONLY_LISTS
        for role in ("related", "latest"):
            got = getattr(doc, role)
            for want in rec.get(role) or []:
                sc.items_want += 1
                if any(_item_match(g, want, day_only) for g in got):
                    sc.items_ok += 1
                else:
                    sc.failures.append(f"{role} {fname}: {want} not in {[g.to_dict() for g in got][:6]}")
        for att in rec.get("attachments") or []:
            sc.att_want += 1
            if any(a.url == att["url"] and _norm(a.title) == _norm(att["title"]) for a in doc.attachments):
                sc.att_ok += 1
            else:
                sc.failures.append(f"attachment {fname}: {att} not in {doc.attachments}")
    return sc


def load_truth(root: Path) -> list[dict]:
    with open(root / "truth.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
