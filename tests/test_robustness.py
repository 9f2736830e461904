"""Layout robustness (issue 9 item 4): every mutation class on a fixture subset, with floors at the
level reached, so a class that regresses fails here. ``bench/robustness.py`` prints the full table
over ``--pages 400 --seed 1``.

The mutations themselves are checked too: a harness whose mutation silently does nothing would
score the unmutated page and could not fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.mutations import DATE_FORMS, mutate, norm
from tests.portal_scoring import decode_page, load_truth
from tests.robustness_scoring import CLASSES, score_class

FIXTURE_SETS = [FIXTURES / "portal", FIXTURES / "news"]

#: floors per class on the committed fixtures (portal + news CMSs, 25 pages): (title, published,
#: body F1, lists, kind, category). They are the levels reached (issue 9 acceptance 1 asks
#: 0.99/0.99/0.97/0.97/0.99 over portalgen's 400 pages, see bench/robustness.py); raise them as the
#: parser improves, never lower them to make a change pass. Home pages count as right only when
#: ``other`` (issue 9 item 3). What is left: breadcrumbs of news CMSs without a "Trang chủ" link
#: lose their category once classes are renamed (m1), as does a byline the CMS class marked (body
#: F1 0.98), and one news "Tin mới" list loses two items' times under m5.
FLOORS: dict[str, tuple[float, float, float, float, float, float]] = {
    "none": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "m1": (1.0, 1.0, 0.98, 1.0, 1.0, 0.66),
    "m2": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "m3": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "m4": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "m5": (1.0, 1.0, 1.0, 0.98, 1.0, 1.0),
    "m6": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "m7": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "m8": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "all": (1.0, 1.0, 0.98, 0.98, 1.0, 1.0),
}


def _sets():
    out = [(root, load_truth(root)) for root in FIXTURE_SETS if (root / "truth.jsonl").exists()]
    assert out, "committed fixtures missing"
    return out


@pytest.mark.parametrize("cls", CLASSES)
def test_class_does_not_regress(cls: str) -> None:
    total = None
    for root, recs in _sets():
        sc = score_class(recs, root, cls)
        if total is None:
            total = sc
        else:
            for name in ("pages", "applied", "articles", "title_ok", "published_ok", "f1_sum", "items_want",
                         "items_ok", "kind_ok", "category_ok"):
                setattr(total, name, getattr(total, name) + getattr(sc, name))
            total.failures += sc.failures
    assert total is not None and total.pages > 0
    floors = FLOORS[cls]
    got = (total.title, total.published, total.body_f1, total.lists, total.kind, total.category)
    if total.articles == 0:  # m8 runs on listings only: title/date/body/category do not apply
        got = (1.0, 1.0, 1.0, total.lists, total.kind, 1.0)
    detail = "\n".join(total.failures[:15])
    for name, value, floor in zip(("title", "published", "body_f1", "lists", "kind", "category"), got, floors, strict=True):
        assert value >= floor - 1e-9, f"{cls}: {name} {value:.4f} < {floor}\n{total.row()}\n{detail}"
    assert total.applied >= 0.7 * total.pages, f"{cls}: mutation applied to {total.applied}/{total.pages} pages"


def _article(family: str) -> tuple[Path, dict, str]:
    root = FIXTURES / "portal"
    rec = next(r for r in load_truth(root) if r["family"] == family and r["kind"] == "article")
    return root, rec, decode_page((root / rec["file"]).read_bytes())


def _visible(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for el in soup(["script", "style", "head"]):
        el.decompose()
    for el in soup.select('[style*="display: none"], [style*="display:none"]'):
        el.decompose()
    return norm(soup.get_text(" "))


@pytest.mark.parametrize("family", ["aspnet_vi", "liferay62", "sharepoint_ministry", "wordpress"])
def test_mutations_really_change_the_markup(family: str) -> None:
    _, rec, html = _article(family)
    old_classes = set(re.findall(r'class="([^"]+)"', html))
    m1 = mutate(html, rec, "m1", 0)
    assert m1.applied and not set(re.findall(r'class="([^"]+)"', m1.html)) & old_classes
    day = rec["published"][:10]
    d = f"{day[8:10]}/{day[5:7]}/{day[:4]}"
    for i in range(5):  # meta, time, JSON-LD, hidden span, title attribute: never visible text
        m3 = mutate(html, rec, "m3", i)
        assert m3.applied and d not in _visible(m3.html).split(" Tin ")[0], (family, i)
    m7 = mutate(html, rec, "m7", 0)
    assert m7.applied and len(re.findall(r"<p[ >]", m7.html)) < len(re.findall(r"<p[ >]", html))


def test_date_forms_cover_the_case_table_and_issue_forms() -> None:
    from datetime import datetime

    from ingest.document import VN_TZ

    dt = datetime(2021, 3, 5, 8, 15, 9, tzinfo=VN_TZ)
    rendered = [render(dt) for render, _ in DATE_FORMS]
    assert len(set(rendered)) == len(rendered) >= 30
    for needle in ("05-Mar-2021", "Mar 5, 2021", "5 March 2021", "Friday, 05/03/2021, 08:15", "05/03/2021 lúc 08:15",
                   "05/03/2021 | 08:15", "(Ngày đăng :05/03/2021 8:15:09 SA)", "8h15 ngày 05/03/2021"):
        assert needle in rendered, needle
    _, rec, html = _article("aspnet_vi")
    m4 = mutate(html, rec, "m4", 15)  # dd-MM-yyyy, day precision: expected time truncated
    assert m4.record["published"].endswith("T00:00:00+07:00")


#: floors on every 8th page of portalgen ``--pages 400 --seed 1`` (60 pages), the levels reached:
#: every class scores fully since the ``title=`` date row, long/undated first teasers behind
#: wrappers and split ``<br>``-run bodies are read (tests/test_robustness_cases.py has each case).
PORTAL_FLOORS: dict[str, tuple[float, float, float, float, float, float]] = {
    cls: (1.0, 1.0, 1.0, 1.0, 1.0, 1.0) for cls in CLASSES
}


@pytest.mark.parametrize("cls", CLASSES)
def test_class_on_generated_portal(cls: str, portal_400: Path) -> None:
    recs = load_truth(portal_400)
    articles = {r["url"]: r for r in recs if r["kind"] == "article"}
    sc = score_class(recs[::8], portal_400, cls, articles=articles)
    got = (sc.title, sc.published, sc.body_f1, sc.lists, sc.kind, sc.category)
    if sc.articles == 0:
        got = (1.0, 1.0, 1.0, sc.lists, sc.kind, 1.0)
    detail = "\n".join(sc.failures[:15])
    for name, value, floor in zip(("title", "published", "body_f1", "lists", "kind", "category"), got,
                                  PORTAL_FLOORS[cls], strict=True):
        assert value >= floor - 1e-9, f"{cls}: {name} {value:.4f} < {floor}\n{sc.row()}\n{detail}"
    assert sc.applied >= 0.7 * sc.pages
