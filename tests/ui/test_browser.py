"""The search UI in real Chromium: mouse and keyboard journeys, phone layout, XSS, accessibility."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import REPO

ARTIFACTS = REPO / "test-artifacts"

pytestmark = pytest.mark.ui

QUERY = "cai cach hanh chinh"
ACCENTED = {"cải", "cách", "hành", "chính"}


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def marked_words(page) -> set[str]:
    return {w.lower() for t in page.locator("#results mark").all_inner_texts() for w in t.split()}


def test_search_narrow_open_follow_and_come_back(ui_page, live_server, shot):
    page = ui_page
    page.goto(live_server + "/")
    page.get_by_label("Từ khóa").fill(QUERY)
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.locator("#count")).to_contain_text("kết quả cho «cai cach hanh chinh»")
    assert marked_words(page) & ACCENTED, "accentless query should highlight the accented words"
    shot(page, "search-desktop")

    year_link = page.locator("section[aria-labelledby=facet-year] a").first
    year = year_link.locator(".facet-label").inner_text()
    year_link.click()
    expect(page.locator(".chips")).to_contain_text(f"Năm: {year}")
    assert query_of(page.url)["year"] == [year]
    expect(page.locator("section[aria-labelledby=facet-year] li.selected")).to_have_count(1)

    title = page.locator("#results .result-title a").first
    title_text = title.inner_text()
    title.click()
    expect(page.locator("h1")).to_have_text(title_text)
    shot(page, "document-desktop")

    related = page.locator("#related a[href^='/doc/']").first
    related_id = related.get_attribute("href").split("/doc/")[1].split("?")[0]
    related.click()
    page.wait_for_url(re.compile(f"/doc/{related_id}"))
    expect(page.locator("h1")).not_to_have_text(title_text)
    page.get_by_role("link", name=re.compile("Quay lại kết quả tìm kiếm")).click()
    page.wait_for_url(re.compile(r"/\?q="))
    assert query_of(page.url) == {"q": [QUERY], "year": [year]}
    expect(page.get_by_label("Từ khóa")).to_have_value(QUERY)
    expect(page.locator(".chips")).to_contain_text(f"Năm: {year}")

    page.get_by_role("link", name="Xóa tất cả").click()
    page.wait_for_url(re.compile(r"/\?q=[^&]*$"))
    assert query_of(page.url) == {"q": [QUERY]}


def _tab_until(page, predicate: str, limit: int = 120) -> None:
    """Press Tab until ``predicate`` (a JS expression over ``el``) holds for the focused element."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate}); }})()"):
            return
    raise AssertionError(f"never reached an element matching {predicate}")


def _focus_is_visible(page) -> bool:
    return page.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; })()""")


def test_the_same_with_the_keyboard_alone(ui_page, live_server, shot):
    page = ui_page
    page.goto(live_server + "/")
    assert not page.locator(".jump-filters").is_visible()  # desktop: filters are beside the results
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    _tab_until(page, "el.id === 'q'")
    page.keyboard.type(QUERY)
    page.keyboard.press("Enter")
    expect(page.locator("#count")).to_contain_text("kết quả")

    _tab_until(page, "el.closest('section[aria-labelledby=facet-site]') && el.tagName === 'A'")
    assert _focus_is_visible(page)
    site = page.evaluate("document.activeElement.querySelector('.facet-label').textContent")
    page.keyboard.press("Enter")
    expect(page.locator(".chips")).to_contain_text(f"Trang nguồn: {site}")

    _tab_until(page, "el.closest('.result-title')")
    shot(page, "keyboard-focus-result")
    page.keyboard.press("Enter")
    expect(page.locator("article.doc h1")).to_be_visible()

    _tab_until(page, "el.closest('#related') && el.getAttribute('href').startsWith('/doc/')")
    related_id = page.evaluate("document.activeElement.getAttribute('href')").split("/doc/")[1].split("?")[0]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"/doc/{related_id}"))

    _tab_until(page, "el.closest('.back')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/\?q="))
    assert query_of(page.url) == {"q": [QUERY], "site": [site]}
    expect(page.locator("#q")).to_have_value(QUERY)


def test_phone_viewport(chromium, live_server, shot):
    context = chromium.new_context(locale="vi-VN", viewport={"width": 390, "height": 844},
                                   is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(live_server + "/?q=" + QUERY.replace(" ", "+"))
        expect(page.locator("#count")).to_contain_text("kết quả")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"page scrolls sideways on a phone by {overflow}px"
        # The search box and the first result are on the first screen; facets come after results.
        box = page.locator("#q").bounding_box()
        assert box and box["width"] > 250
        results_y = page.locator("#results").bounding_box()["y"]
        facets_y = page.locator(".facets").bounding_box()["y"]
        assert results_y < facets_y
        shot(page, "search-phone")
        page.get_by_role("link", name="Lọc kết quả ↓").click()
        expect(page.locator("#filters")).to_be_in_viewport()
        page.locator("#results .result-title a").first.click()
        expect(page.locator("article.doc h1")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
        shot(page, "document-phone")
    finally:
        context.close()


def test_xss_in_an_indexed_page_and_in_the_query(ui_page, live_server, shot):
    page = ui_page
    page.goto(live_server + "/?q=thong+bao+khan")
    first = page.locator("#results .result-title a").first
    expect(first).to_contain_text("<script>")  # shown as text
    first.click()
    expect(page.locator("h1")).to_contain_text('<script>window.__xss="title"</script>')
    expect(page.locator(".body")).to_contain_text("<script>")
    assert page.locator("a[href^='javascript:']").count() == 0
    shot(page, "xss-document")
    assert page.evaluate("window.__xss") is None

    probe = '"><script>window.__xss="q"</script><img src=x onerror="window.__xss=1">'
    page.goto(live_server + "/?q=" + probe.replace('"', "%22").replace("<", "%3C").replace(">", "%3E")
              .replace("=", "%3D").replace(" ", "+"))
    expect(page.locator("#q")).to_have_value(probe)
    expect(page.locator("#count")).to_contain_text(probe)
    assert page.evaluate("window.__xss") is None
    assert page.locator("img[src=x]").count() == 0
    assert page.dialogs == []
    shot(page, "xss-query")


def _serious(page, name: str) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(violations, ensure_ascii=False, indent=1))
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in violations if v["impact"] in ("serious", "critical")]


def test_accessibility_of_search_and_document_pages(ui_page, live_server):
    page = ui_page
    page.goto(live_server + "/")
    assert _serious(page, "start") == []
    page.goto(live_server + "/?q=cai+cach&year=2018")
    assert _serious(page, "search") == []
    page.goto(live_server + "/?q=khong+co+tu+nay+xyzxyz")
    assert _serious(page, "no-results") == []
    resp = page.goto(live_server + "/?q=cai+cach&per_page=999")
    assert resp.status == 400
    expect(page.locator(".problems")).to_contain_text("per_page")
    assert _serious(page, "error") == []
    page.goto(live_server + "/?q=cai+cach")
    page.locator("#results .result-title a").first.click()
    expect(page.locator("article.doc h1")).to_be_visible()
    assert _serious(page, "document") == []
