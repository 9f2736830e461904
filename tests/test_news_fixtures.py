"""Vietnamese news CMSs as families (issue 9 item 8, acceptance 7).

tests/fixtures/news holds an article, a listing and a home page in the markup of four news CMSs
(VnExpress, Dân trí, Báo Chính phủ/VCCorp, the ``article__``/``cms-body`` CMS of Nhân Dân, Tiền
Phong and provincial papers), written for the project, with their expectations in truth.jsonl
(portalgen's shape, so the mutation harness runs on them too: tests/test_robustness.py). List
items carry what these CMSs put inside and next to links: comment counters in a second link,
``mới``/``HOT`` badges, icon elements, zero-width characters; the expected item titles are the
link's own words.
"""

from __future__ import annotations

import pytest

from ingest.document import parse_iso
from ingest.families import BY_NAME, detect_family
from ingest.itemtitle import decoration, item_title
from ingest.parse import parse_page
from tests.conftest import FIXTURES
from tests.portal_scoring import load_truth, para_f1

NEWS = FIXTURES / "news"
RECORDS = load_truth(NEWS)


def test_every_news_cms_has_article_listing_and_home():
    by_family: dict[str, set[str]] = {}
    for r in RECORDS:
        by_family.setdefault(r["family"], set()).add(r["kind"])
    assert by_family == {f: {"article", "listing", "home"} for f in ("vnexpress", "dantri", "vcc_news", "cms_story")}
    assert all(f in BY_NAME for f in by_family)


@pytest.mark.parametrize("rec", [r for r in RECORDS if r["kind"] == "article"], ids=lambda r: r["family"])
def test_article(rec):
    html = (NEWS / rec["file"]).read_bytes()
    assert detect_family(html.decode("utf-8"), rec["url"]).name == rec["family"]
    doc = parse_page(html, url=rec["url"])
    assert doc.kind == "article"
    assert doc.title == rec["title"]
    assert doc.published == parse_iso(rec["published"])
    assert doc.category == rec["category"]
    assert doc.summary == rec["summary"]
    assert para_f1(doc.paragraphs, rec["body"]) == 1.0, doc.paragraphs
    assert [(i.url, i.caption) for i in doc.images] == [(i["url"], i["caption"]) for i in rec["images"]]
    for role in ("related", "latest"):
        got = [(i.title, i.url, i.published) for i in getattr(doc, role)]
        want = [(i["title"], i["url"], parse_iso(i["published"])) for i in rec[role]]
        assert got == want, role


@pytest.mark.parametrize("rec", [r for r in RECORDS if r["kind"] != "article"],
                         ids=lambda r: f"{r['family']}-{r['kind']}")
def test_listing_and_home_are_not_articles(rec):
    doc = parse_page((NEWS / rec["file"]).read_bytes(), url=rec["url"])
    assert doc.kind != "article"
    if rec["kind"] == "listing":  # even the VnExpress/Nhân Dân top story with a long summary
        assert doc.kind == "listing"
        assert doc.published is None and not doc.body


def _links(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").find_all("a")


@pytest.mark.parametrize("html, title, date", [
    ('<a href="/a">Sở Xây dựng họp báo</a><a href="/a#box_comment"><svg></svg><span>107</span></a>',
     "Sở Xây dựng họp báo", None),
    ('<a href="/a"><span class="icon-new">Mới</span>Thông báo tuyển dụng</a>', "Thông báo tuyển dụng", None),
    ('<a href="/a">Thông báo <b>HOT</b></a>', "Thông báo", None),
    ('<a href="/a"><i class="fa fa-camera">\uf030</i> Ảnh hội nghị</a>', "Ảnh hội nghị", None),
    ('<a href="/a">Kế\u200b hoạch năm <span class="date">(24/08/2022)</span><span class="new-icon"></span></a>',
     "Kế hoạch năm", "(24/08/2022)"),
    ('<a href="/a">Hội nghị trực tuyến (30/09/2021 3:18:54 CH)</a>', "Hội nghị trực tuyến", "30/09/2021 3:18:54 CH"),
    # words that are part of the title stay: a number in the text, a bracketed year, "mới" inside a phrase
    ('<a href="/a">Nghị định 107 về xuất khẩu gạo</a>', "Nghị định 107 về xuất khẩu gạo", None),
    ('<a href="/a">Chính sách mới về thuế <span>(2024)</span></a>', "Chính sách mới về thuế (2024)", None),
])
def test_item_titles_are_the_links_own_words(html, title, date):
    links = _links(html)
    assert item_title(links) == (title, date)


def test_decorations():
    assert decoration("  HOT ") == "badge" and decoration("1.234") == "counter" and decoration("(12)") == "counter"
    assert decoration("10:05 24/05/2021") == "date" and decoration("2 giờ trước") == "date"
    assert decoration("Năm 2024") is None and decoration("Tin mới nhất trong ngày") is None
