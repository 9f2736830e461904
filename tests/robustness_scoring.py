"""Score the parser on mutated pages (issue 9 item 4), shared by tests/test_robustness.py and
bench/robustness.py so both count the same way.

Per page: title exact and publication time exact (articles; the expected time is the record the
mutation returned, e.g. at the precision a re-printed form keeps), body paragraph F1, list items
(title, URL and time at the page's precision: day-only families compare the day) as recall over
the expected items, the breadcrumb category exactly, and kind (article → ``article``, listing → ``listing``, home → ``other``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.document import parse_iso
from tests.mutations import APPLIES, mutate, norm
from tests.portal_scoring import DAY_ONLY_LISTS, _item_match, decode_page, para_f1

CLASSES = ("none", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "all")
EXPECTED_KIND = {"article": "article", "listing": "listing", "home": "other"}


@dataclass
class ClassScore:
    name: str
    pages: int = 0
    applied: int = 0
    articles: int = 0
    title_ok: int = 0
    published_ok: int = 0
    f1_sum: float = 0.0
    items_want: int = 0
    items_ok: int = 0
    kind_ok: int = 0
    category_ok: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def title(self) -> float:
        return self.title_ok / max(self.articles, 1)

    @property
    def published(self) -> float:
        return self.published_ok / max(self.articles, 1)

    @property
    def body_f1(self) -> float:
        return self.f1_sum / max(self.articles, 1)

    @property
    def lists(self) -> float:
        return self.items_ok / max(self.items_want, 1) if self.items_want else 1.0

    @property
    def category(self) -> float:
        return self.category_ok / max(self.articles, 1)

    @property
    def kind(self) -> float:
        return self.kind_ok / max(self.pages, 1)

    def row(self) -> str:
        if not self.articles:  # listings only (m8): article fields do not apply
            return (f"{self.name:<5} {self.pages:>5} {self.applied:>7} {'—':>7} {'—':>9} {'—':>7} {'—':>7} "
                    f"{'':<12} {self.kind:>7.2%} {'—':>8}")
        return (f"{self.name:<5} {self.pages:>5} {self.applied:>7} {self.title:>7.2%} {self.published:>9.2%} "
                f"{self.body_f1:>7.4f} {self.lists:>7.4f} {f'({self.items_ok}/{self.items_want})':<12} {self.kind:>7.2%} "
                f"{self.category:>8.2%}")

    def as_dict(self) -> dict:
        return {"class": self.name, "pages": self.pages, "applied": self.applied, "title": self.title,
                "published": self.published, "body_f1": self.body_f1, "lists": self.lists,
                "items": [self.items_ok, self.items_want], "kind": self.kind, "category": self.category}


HEADER = f"{'class':<5} {'pages':>5} {'applied':>7} {'title':>7} {'published':>9} {'body F1':>7} {'lists':>7}" \
         f" {'(items)':<12} {'kind':>7} {'category':>8}"


def extract(html: str, url: str):
    from ingest.parse import parse_page

    return parse_page(html.encode("utf-8"), url=url)


def score_class(records: Iterable[dict], root: Path, cls: str, seed: int = 1,
                articles: dict[str, dict] | None = None) -> ClassScore:
    """Mutate every page of ``records`` the ``cls`` way (``none`` = unchanged) and score it;
    ``articles`` (url → truth record, default: those of ``records``) gives m8 its teaser texts."""
    records = list(records)
    if articles is None:
        articles = {r["url"]: r for r in records if r["kind"] == "article"}
    sc = ClassScore(cls)
    for i, rec in enumerate(records):
        if cls not in ("none", "all") and rec["kind"] not in APPLIES.get(cls, {rec["kind"]}):
            continue
        html = decode_page((root / rec["file"]).read_bytes())
        if cls == "none":
            want, applied = rec, True
        else:
            m = mutate(html, rec, cls, i, seed=seed, articles=articles)
            html, want, applied = m.html, m.record, m.applied
        sc.pages += 1
        sc.applied += applied
        _score_page(sc, extract(html, rec["url"]), want)
    return sc


def _score_page(sc: ClassScore, doc, want: dict) -> None:
    fname = want["file"]
    if doc.kind == EXPECTED_KIND[want["kind"]]:
        sc.kind_ok += 1
    else:
        sc.failures.append(f"kind {fname}: {doc.kind} != {want['kind']}")
    if want["kind"] != "article":
        return
    sc.articles += 1
    if norm(doc.title) == norm(want["title"]):
        sc.title_ok += 1
    else:
        sc.failures.append(f"title {fname}: {doc.title!r} != {want['title']!r}")
    if doc.published == parse_iso(want["published"]):
        sc.published_ok += 1
    else:
        sc.failures.append(f"published {fname}: {doc.published} != {want['published']}"
                           + (f" (form {want['_form']})" if "_form" in want else ""))
    if [norm(c) for c in doc.category] == [norm(c) for c in want.get("category") or []]:
        sc.category_ok += 1
    else:
        sc.failures.append(f"category {fname}: {doc.category} != {want.get('category')}")
    f1 = para_f1(doc.paragraphs, want["body"])
    sc.f1_sum += f1
    if f1 < 0.999:
        sc.failures.append(f"body {fname}: f1={f1:.3f}")
    day_only = want["family"] in DAY_ONLY_LISTS
    for role in ("related", "latest"):
        got = getattr(doc, role)
        for item in want.get(role) or []:
            sc.items_want += 1
            if any(_item_match(g, item, day_only) for g in got):
                sc.items_ok += 1
            else:
                sc.failures.append(f"{role} {fname}: {item} not in {[g.to_dict() for g in got][:4]}")
