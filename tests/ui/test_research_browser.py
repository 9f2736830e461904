"""Trends chart, search timeline and concordance in real Chromium: the chart renders with an
accessible name, a point opens the matching search, the timeline narrows to a year."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.ui


def test_trends_chart_renders_and_a_point_opens_the_search(ui_page, live_server, shot):
    page = ui_page
    page.goto(live_server + "/trends")
    page.get_by_label("Từ khóa 1").fill("cải cách hành chính")
    page.get_by_label("Từ khóa 2").fill("chuyen doi so")
    page.get_by_role("button", name="Vẽ biểu đồ").click()
    chart = page.get_by_role("img", name=re.compile("Biểu đồ xu hướng"))
    expect(chart).to_be_visible()
    expect(page.locator("svg#trends-chart path.trend-line")).to_have_count(2)
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 150
    expect(page.get_by_role("table", name=re.compile("Số văn bản khớp"))).to_be_visible()
    shot(page, "trends-desktop")

    # the last series is drawn on top (points of equal value overlap)
    point = page.locator("svg#trends-chart g.series").last.locator("a.trend-point").nth(2)
    period = point.get_attribute("data-period")
    title = point.locator("title").text_content()
    count = int(re.search(r": (\d+) văn bản", title).group(1))
    point.locator("circle").click()
    page.wait_for_url(re.compile(r"/\?q="))
    q = parse_qs(urlsplit(page.url).query)
    assert q["q"] == ["chuyen doi so"] and q["year"] == [period]
    expect(page.locator("#count")).to_contain_text(f"Tìm thấy {count} kết quả")


def test_search_timeline_narrows_to_a_year(ui_page, live_server):
    page = ui_page
    page.goto(live_server + "/?q=cong+tac")
    timeline = page.get_by_role("navigation", name="Kết quả theo năm")
    expect(timeline).to_be_visible()
    bar = timeline.locator("a.timeline-bar").nth(1)
    label = bar.get_attribute("aria-label")
    year, count = re.match(r"Năm (\d{4}): ([\d.]+) kết quả", label).groups()
    bar.locator("rect").click()
    page.wait_for_url(re.compile("year=" + year))
    expect(page.locator(".chips")).to_contain_text(f"Năm: {year}")
    expect(page.locator("#count")).to_contain_text(f"Tìm thấy {count} kết quả")


def test_concordance_page_lines_up_the_matches(ui_page, live_server, shot):
    page = ui_page
    page.goto(live_server + "/kwic")
    page.get_by_label("Từ hoặc cụm từ").fill("cai cach")
    page.get_by_role("button", name="Xem ngữ cảnh").click()
    # the first page comes from the stream; the totals and spellings are filled in when counted
    expect(page.locator("#kwic-count")).to_have_text(re.compile(r"^\s*\d+ lần xuất hiện trong \d+ văn bản"))
    expect(page.locator("#spellings li")).to_have_count(1)
    matches = page.locator("#kwic td.match")
    assert matches.count() > 5
    assert {m.lower() for m in matches.all_inner_texts()} == {"cải cách"}
    # the match column is aligned: every match cell starts at the same x
    xs = {round(matches.nth(i).bounding_box()["x"]) for i in range(min(5, matches.count()))}
    assert len(xs) == 1
    shot(page, "kwic-desktop")
