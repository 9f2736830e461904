"""Acceptance 2 of issue 2: extraction accuracy on portalgen sites, scored against truth.jsonl.

Three runs of the same checks:
- the generated ``portal_400`` site (portalgen ``--pages 400 --seed 1``, every family; skips
  without ../shared), through ``ingest.parse.parse_page`` (bytes → Document, as the CLI does);
- the committed fixture set in tests/fixtures/portal (2 articles + 1 listing per family, a home
  page; cp1258, NFD, entities, NBSP, empty paragraphs, ``<br>`` runs, inline styles), so the checks
  run without ../shared;
- both again with the family table switched off (``family="generic"``), which proves the generic
  fallback alone finds title, date, body and lists on layouts it was never told about.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.portal_scoring import Score, load_truth, score

PORTAL_FIXTURES = FIXTURES / "portal"


def _assert_acceptance(sc: Score, *, full: bool = True) -> None:
    detail = "\n".join(sc.failures[:20])
    assert sc.articles > 0
    assert sc.title_rate >= 0.995, f"{sc.summary_line()}\n{detail}"
    assert sc.published_rate >= 0.995, f"{sc.summary_line()}\n{detail}"
    assert sc.body_f1 >= 0.98, f"{sc.summary_line()}\n{detail}"
    assert not sc.frame_in_body, sc.frame_in_body[:10]
    assert sc.item_recall >= 0.98, f"{sc.summary_line()}\n{detail}"
    assert sc.att_ok == sc.att_want, f"{sc.summary_line()}\n{detail}"
    assert not sc.non_article_as_article, sc.non_article_as_article
    if full:  # fields beyond the acceptance numbers: breadcrumb, sapo, images with captions
        assert sc.category_ok == sc.articles, detail
        assert sc.summary_ok == sc.articles, detail
        assert sc.images_ok == sc.images_want, detail


def test_committed_fixtures_cover_every_family_and_noise() -> None:
    recs = load_truth(PORTAL_FIXTURES)
    families = {r["family"] for r in recs}
    assert families == {"aspnet_vi", "liferay62", "sharepoint_ministry", "wordpress"}
    noise = {tag for r in recs for tag in r.get("noise") or []}
    assert {"cp1258", "nfd", "entities", "nbsp", "empty_p", "br_runs", "inline_style"} <= noise
    assert {r["kind"] for r in recs} == {"article", "listing", "home"}


@pytest.mark.parametrize("family", [None, "generic"], ids=["families", "generic-only"])
def test_committed_fixtures_accuracy(family: str | None) -> None:
    sc = score(load_truth(PORTAL_FIXTURES), PORTAL_FIXTURES, family=family)
    _assert_acceptance(sc)
    assert sc.body_f1 == 1.0 and sc.item_recall == 1.0, sc.summary_line()


def test_portal_400_accuracy(portal_400: Path) -> None:
    sc = score(load_truth(portal_400), portal_400)
    print(sc.summary_line())
    assert sc.articles == 400 and sc.non_articles > 0
    _assert_acceptance(sc)


def test_portal_400_generic_fallback(portal_400: Path) -> None:
    """Same site, family table off: the heuristics alone must meet the acceptance numbers."""
    sc = score(load_truth(portal_400), portal_400, family="generic")
    print(sc.summary_line())
    _assert_acceptance(sc)
