"""CssIndex must select exactly what soupsieve selects (same elements, same order), for every
selector of the family table, from the whole page, from <body> and from inner containers."""

from __future__ import annotations

import soupsieve
from bs4 import BeautifulSoup

from ingest.cssindex import CssIndex
from ingest.decode import decode_page
from ingest.families import COMMON_NOISE, FAMILIES, GENERIC
from ingest.htmlparse import _FRAME, _split_sel
from tests.conftest import FIXTURES

FIELDS = ("article", "title", "date", "updated", "summary", "body", "breadcrumb", "related", "latest",
          "attachments", "captions", "noise")
EXTRA = ("a[href]", "img", "h1", "meta[property='og:title']", "[id$=lblTieuDe]", "[class*=SAPO i]",
         "div > p", "td.tool, .zalo-share-button", "p:not(.x)", "[data-analytics-asset-title]", "#missing",
         "table.tbl_tinkhac a", "li.asset-title a[href]")


def _selectors() -> list[str]:
    sels = {_FRAME, *COMMON_NOISE, *EXTRA}
    for fam in (*FAMILIES, GENERIC):
        for name in FIELDS:
            sels.update(_split_sel(s)[0] for s in getattr(fam, name))
    return sorted(sels)


def _pages() -> list[str]:
    files = sorted((FIXTURES / "portal" / "sites").rglob("*"))
    pages = [decode_page(f.read_bytes()).text for f in files if f.is_file()]
    pages += [f.read_text(encoding="utf-8") for f in sorted((FIXTURES / "html").glob("*.html"))]
    return pages


def test_index_matches_soupsieve() -> None:
    selectors = _selectors()
    pages = _pages()
    assert len(pages) >= 15 and len(selectors) > 150
    checked = 0
    for html in pages:
        soup = BeautifulSoup(html, "lxml")
        ix = CssIndex(soup)
        roots = [soup, soup.body] + soupsieve.select("div, td, table", soup, limit=6)
        for root in roots:
            for sel in selectors:
                got = ix.select(root, sel)
                want = soupsieve.select(sel, root)
                assert [id(e) for e in got] == [id(e) for e in want], (sel, root.name)
                one = ix.select_one(root, sel)
                assert one is (want[0] if want else None)
                checked += 1
    assert checked > 10_000


def test_within_uses_document_ranges() -> None:
    soup = BeautifulSoup("<div id=a><p id=b>x<span id=c>y</span></p></div><p id=d>z</p>", "lxml")
    ix = CssIndex(soup)
    a, b, c, d = (soup.find(id=k) for k in "abcd")
    assert ix.within(c, a) and ix.within(b, a) and ix.within(c.string, b)
    assert not ix.within(a, a) and not ix.within(d, a) and not ix.within(a, c)


def test_indexing_soup_collects_what_a_walk_finds() -> None:
    """IndexingSoup builds the same tree as BeautifulSoup and records every element and short text
    node in document order, so its index equals one built by walking the tree."""
    from bs4.element import NavigableString, Tag

    from ingest.cssindex import IndexingSoup

    for html in _pages():
        plain = BeautifulSoup(html, "lxml")
        soup = IndexingSoup(html, "lxml")
        assert str(soup) == str(plain)
        walked = [el for el in soup.descendants if isinstance(el, Tag)]
        assert soup.parsed_tags == walked and all(a is b for a, b in zip(soup.parsed_tags, walked, strict=True))
        shorts = [s for s in soup.descendants if type(s) is NavigableString and len(s) <= 200]
        assert all(a is b for a, b in zip(soup.short_strings, shorts, strict=True))
        assert len(soup.short_strings) == len(shorts)
        ix, ix_plain = CssIndex(soup), CssIndex(plain)
        for kind in ("id", "class", "tag"):
            assert {k: len(v) for k, v in ix.maps[kind].items()} == {k: len(v) for k, v in ix_plain.maps[kind].items()}


def test_links_in_equals_find_all() -> None:
    for html in _pages()[:8]:
        soup = BeautifulSoup(html, "lxml")
        ix = CssIndex(soup)
        for root in soupsieve.select("div, td, ul, li, p", soup, limit=40):
            assert ix.links_in(root) == root.find_all("a", href=True)
            assert ix.links_in(root, limit=2) == root.find_all("a", href=True, limit=2)
