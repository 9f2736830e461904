"""ingest/soupbuild.py builds the very tree ``IndexingSoup(html, "lxml")`` builds, node by node.

Every extraction stage reads that tree, so "the same tree" (classes, text, attributes with their
value types, every link, the IndexingSoup records) is what keeps parsing results identical while
the tree is built faster. Checked on every committed page fixture, on a portalgen site of every
family (when ../shared is present) and on markup written to hit each rule of bs4's builder.
"""

from __future__ import annotations

import pytest

from ingest.cssindex import CssIndex, IndexingSoup
from ingest.decode import decode_page
from ingest.soupbuild import _fast, parse_html
from tests.conftest import FIXTURES, make_portal
from tests.soup_compare import differences

HOSTILE = {
    "empty": "",
    "text only": "chỉ có chữ, không có thẻ",
    "bom": "\ufeff<html><body><p>BOM</p></body></html>",
    "whitespace runs": "<html> \n <body>\n\t<p> a </p>  <p>\r\n</p> <pre>  \n </pre><textarea>\n  </textarea>"
                       "<div>\x0c</div></body>\n</html>\n",
    "nested pre": "<pre> <pre>  x </pre>  </pre> <p>  </p>",
    "containers": "<script>var a = '<b>';</script><style> p {} </style><template><p> t </p></template>"
                  "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby><script><!-- c --></script>",
    "comments doctype pi": "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
                           "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><?php echo 1 ?>"
                           "<html><!-- đầu --><body><!----><p>x<!-- giữa -->y</p></body></html>",
    "multi-valued attributes": "<a class=' a  b\tc ' rel='nofollow noopener' rev=x href=/>l</a>"
                               "<td headers='h1 h2' class=''>c</td><form accept-charset='utf-8 latin1'></form>"
                               "<link rel='stylesheet alternate'><iframe sandbox='allow-scripts allow-forms'>"
                               "</iframe><output for='a b'></output><div accesskey='s x' dropzone='copy'>",
    "meta substitutions": "<meta charset='windows-1258'><meta http-equiv='Content-Type' "
                          "content='text/html; charset=utf-8'><meta name=x content=y>",
    "valueless and duplicate attributes": "<input disabled checked value><div id=a id=b class=x class=y>d</div>",
    "broken nesting": "<div><p>a<b>b<i>c</p>d</b>e</i></div></span></div><table><tr><td>1<td>2</table>"
                      "<ul><li>x<li>y</ul><p>p1<p>p2<br/>p3</br><img src=a.jpg></img>",
    "unknown tags and namespaces": "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
                                   "<use xlink:href='#i'/><title>t</title></svg><o:p>office</o:p><fb:like></fb:like>"
                                   "<custom-el data-x=1>c</custom-el><math><mi>x</mi></math>",
    "entities": "<p>&amp; &lt; &nbsp; &copy; &#7877; &#x1EC7; &bogus; & &#0; &#xD800;</p><p title='&quot;a&amp;b'>q</p>",
    "frames": "<frameset><frame src=a><noframes><p>no</p></noframes></frameset>",
    "head content in body": "<body><title>late</title><meta name=a content=b><p>x</p><head><p>h</p></head></body>",
    "control characters": "<p>a\x00b\x01c\x1fd\x7f\u200be\ufffd</p>",
    "deep nesting": "<div>" * 3000 + "sâu" + "</div>" * 3000,
    "xml declaration": "<?xml version='1.0' encoding='utf-8'?><html xmlns='http://www.w3.org/1999/xhtml'>"
                       "<body><p>xhtml</p></body></html>",
    "long strings": "<p>" + "chữ " * 100 + "</p><p>" + "x" * 201 + "</p><p>" + "y" * 200 + "</p>",
}


def _same(html: str) -> None:
    stock = IndexingSoup(html, "lxml")
    fast = parse_html(html)
    assert differences(stock, fast) == []
    # the selector index built from either tree lists the same elements
    a, b = CssIndex(stock), CssIndex(fast)
    for kind in ("id", "class", "tag"):
        assert {k: len(v) for k, v in a.maps[kind].items()} == {k: len(v) for k, v in b.maps[kind].items()}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markup(name: str) -> None:
    _same(HOSTILE[name])


def test_the_fast_builder_itself_takes_the_common_markup() -> None:
    """Not the fallback: the fast path must handle ordinary pages (else it would save nothing)."""
    for name in ("whitespace runs", "containers", "comments doctype pi", "multi-valued attributes",
                 "meta substitutions", "broken nesting", "entities", "deep nesting"):
        assert differences(IndexingSoup(HOSTILE[name], "lxml"), _fast(HOSTILE[name])) == [], name


def _fixture_pages() -> list:
    exts = {".html", ".htm", ".aspx"}
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix.lower() in exts)


@pytest.mark.parametrize("path", _fixture_pages(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_pages(path) -> None:
    _same(decode_page(path.read_bytes()).text)


def test_portalgen_pages(tmp_path) -> None:
    out = make_portal(tmp_path / "portal", 40, "soupbuild")
    pages = [p for p in (out / "sites").rglob("*") if p.suffix in (".html", ".aspx")]
    assert len(pages) >= 40
    for p in pages:
        html = decode_page(p.read_bytes()).text
        assert differences(IndexingSoup(html, "lxml"), _fast(html)) == [], p


def test_the_comparison_can_fail() -> None:
    """The node-by-node comparison notices a changed text, attribute, class value type or link."""
    html = "<div class='a b'><p>x</p><p>y</p></div>"
    a, b = IndexingSoup(html, "lxml"), parse_html(html)
    b.find_all("p")[1].string.replace_with("z")
    assert differences(a, b)
    b = parse_html(html)
    b.div["class"] = "a b"  # a plain string where bs4 builds an AttributeValueList
    assert differences(a, b)
    b = parse_html(html)
    b.find_all("p")[0].next_sibling = None
    assert differences(a, b)


def test_selector_index_built_while_parsing_equals_the_one_built_after() -> None:
    """CssIndex takes its maps from ingest.soupbuild: the same elements, in the same order."""
    for html in list(HOSTILE.values()) + [decode_page(p.read_bytes()).text for p in _fixture_pages()[:8]]:
        stock, fast = IndexingSoup(html, "lxml"), parse_html(html)
        a, b = CssIndex(stock), CssIndex(fast)
        pa, pb = _positions(stock), _positions(fast)
        for kind in ("id", "class", "tag"):
            assert {k: [pa[id(e)] for e in v] for k, v in a.maps[kind].items() if v} == \
                   {k: [pb[id(e)] for e in v] for k, v in b.maps[kind].items() if v}
        assert sorted(pa[k] for k in a.pos) == sorted(pb[k] for k in b.pos)
        assert all(a.pos[id(x)] == b.pos[id(y)] for x, y in zip(stock.parsed_tags, fast.parsed_tags, strict=True))


def _positions(soup) -> dict[int, int]:
    return {id(el): n for n, el in enumerate(soup.descendants)}
