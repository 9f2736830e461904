"""Layout mutations for the robustness harness (issue 9 item 4): same content, unfamiliar markup.

Each mutation class rewrites a portalgen page (or a committed fixture with a truth record) so its
markup no longer looks like the family the parser knows, while the content stays that of
``truth.jsonl``; it returns the record the parser should now produce (only m3/m4/m5 change what
is expected: a date printed at a lower precision, a list item whose time was removed). Classes:

- ``m1`` every ``class``/``id`` renamed to random tokens (one token per name and page);
- ``m2`` an extra ``div`` around every block, and the sidebar/main column order swapped;
- ``m3`` the article date only in a ``meta``, only in ``<time datetime>``, only in JSON-LD, only
  in a ``display:none`` span, or only in a ``title`` attribute (one variant per page, in turn);
- ``m4`` the date re-printed in one of :data:`DATE_FORMS` (the forms of date_cases.tsv and of
  issue 9 item 2), expected at that form's precision;
- ``m5`` list headings replaced by synonyms rendered as ``h2``/``h3``/``p>strong``/``div.title``;
  item times in a sibling span, in parentheses, in a ``title`` attribute, or absent;
- ``m6`` the breadcrumb as ``ol``, ``ul``, ``>``- or ``»``-separated text;
- ``m7`` body paragraphs as ``div``s, or as one block of ``<br><br>`` runs;
- ``m8`` listings whose first teaser carries a long summary.

A mutation that finds nothing to change on a page says so (``applied`` False), so the harness can
report how much of each class really ran instead of scoring untouched pages.
"""


from __future__ import annotations

import json
import random
from collections.abc import Callable
from urllib.parse import urlsplit

from bs4 import Tag

from ingest.document import parse_iso
from tests.mutation_page import (  # noqa: F401  (DATE_FORMS, Mutated, norm: re-exported for the tests)
    _DATE_RE,
    _NO_WRAP_PARENTS,
    BLOCKS,
    DATE_FORMS,
    LATEST_SYNONYMS,
    RELATED_SYNONYMS,
    Mutated,
    Page,
    _heading_of,
    _item_box,
    _plain,
    _precision,
    norm,
    truncate,
    url_time,
)

# ----------------------------------------------------------------------------------------------
# the mutation classes


def m1_rename(page: Page, i: int) -> bool:
    names: dict[str, str] = {}
    changed = False
    for el in page.soup.find_all(True):
        if el.get("class"):
            el["class"] = [names.setdefault(c, page.token()) for c in el["class"]]
            changed = True
        if el.get("id"):
            el["id"] = names.setdefault("#" + el["id"], page.token())
            changed = True
    return changed


def _swap_columns(page: Page) -> bool:
    """Reverse the columns around the main one: the main column is the lowest element holding
    both the title and the body (never a row inside the article), a sidebar a sibling of it that
    is mostly links."""
    paras = page.body_paragraphs()
    if not paras and page.rec.get("body"):  # paragraphs already merged into <br> runs (m7)
        head = norm(page.rec["body"][0])[:40]
        s = page.body.find(string=lambda t: head in norm(t))
        paras = [s.parent] if s is not None and s.parent is not None else []
    title = page.title_el()
    start = paras[0] if paras else title
    if start is None:
        return False
    if title is not None and paras:
        above_para = {id(a) for a in paras[0].parents}
        start = next((a for a in [title, *title.parents] if id(a) in above_para), start)
    for anc in [start, *start.parents]:
        parent = anc.parent
        if parent is None or anc.name in ("body", "html"):
            return False
        kids = [c for c in parent.children if isinstance(c, Tag)]
        side = [c for c in kids if c is not anc and len(c.find_all("a", href=True)) >= 4
                and len(norm(c.get_text(" "))) > 100 and _link_share(c) > 0.5]
        if side:
            nodes = list(parent.contents)
            for n in nodes:
                n.extract()
            for n in reversed(nodes):
                parent.append(n)
            return True
    return False


def _link_share(el: Tag) -> float:
    text = len(norm(el.get_text(" ")))
    return sum(len(norm(a.get_text(" "))) for a in el.find_all("a")) / max(text, 1)


def m2_wrap(page: Page, i: int) -> bool:
    swapped = _swap_columns(page)
    n = 0
    for el in list(page.body.find_all(BLOCKS)):
        if el.parent is not None and el.parent.name not in _NO_WRAP_PARENTS:
            el.wrap(page.soup.new_tag("div", attrs={"class": page.token()}))
            n += 1
    return swapped and n > 0


def _clear_dates(page: Page) -> list[Tag]:
    """Remove every trace of the publication date (visible lines, <time>, metas, JSON-LD);
    returns placeholders left where the visible ones were."""
    marks = []
    for el in page.date_elements():
        mark = page.soup.new_tag("span")
        el.replace_with(mark)
        marks.append(mark)
    day = (page.rec.get("published") or "")[:10]
    for m in page.soup.find_all("meta"):
        if day and day in (m.get("content") or ""):
            m.decompose()
    for s in page.soup.find_all("script", type="application/ld+json"):
        if day and day in s.get_text():
            s.decompose()
    return marks


def _head(page: Page) -> Tag:
    if page.soup.head is None:
        page.soup.html.insert(0, page.soup.new_tag("head"))
    return page.soup.head


def m3_hidden_date(page: Page, i: int) -> bool:
    iso = page.rec.get("published")
    if not iso or page.rec["kind"] != "article":
        return False
    marks = _clear_dates(page)
    if not marks:
        return False
    dt = parse_iso(iso)
    variant = i % 5
    mark = marks[0]
    if variant == 0:
        _head(page).append(page.soup.new_tag("meta", attrs={"property": "article:published_time", "content": iso}))
    elif variant == 1:
        mark.replace_with(page.soup.new_tag("time", attrs={"datetime": iso}))
    elif variant == 2:
        script = page.soup.new_tag("script", attrs={"type": "application/ld+json"})
        script.string = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                                    "headline": page.rec.get("title"), "datePublished": iso})
        _head(page).append(script)
    elif variant == 3:
        span = page.soup.new_tag("span", attrs={"style": "display: none;"})
        span.string = _plain(dt, _precision(iso))
        mark.replace_with(span)
    else:
        span = page.soup.new_tag("span", attrs={"title": _plain(dt, _precision(iso))})
        span.string = "Ngày đăng"
        mark.replace_with(span)
    return True


def m4_date_forms(page: Page, i: int) -> bool:
    iso = page.rec.get("published")
    if not iso or page.rec["kind"] != "article":
        return False
    marks = _clear_dates(page)
    if not marks:
        return False
    render, precision = DATE_FORMS[i % len(DATE_FORMS)]
    dt = parse_iso(iso)
    keep = min(precision, _precision(iso), key="dms".index)
    span = page.soup.new_tag("span")
    span.string = render(dt)
    marks[0].replace_with(span)
    page.rec["published"] = truncate(iso, keep)
    page.rec["_form"] = i % len(DATE_FORMS)
    return True


def m5_lists(page: Page, i: int) -> bool:
    applied = False
    day_only = page.rec.get("family") in ("sharepoint_ministry", "tandan_sharepoint")
    for r, role in enumerate(("related", "latest")):
        pairs = page.item_links(role)
        if not pairs:
            continue
        anchors = [a for a, _ in pairs]
        heading = _heading_of(page, anchors)
        if heading is not None:
            words = (RELATED_SYNONYMS if role == "related" else LATEST_SYNONYMS)[(i + r) % 5]
            style = (i + r) % 4
            if style == 0:
                new = page.soup.new_tag("h2")
                new.string = words
            elif style == 1:
                new = page.soup.new_tag("h3")
                new.string = words
            elif style == 2:
                new = page.soup.new_tag("p")
                strong = page.soup.new_tag("strong")
                strong.string = words
                new.append(strong)
            else:
                new = page.soup.new_tag("div", attrs={"class": "title"})
                new.string = words
            heading.replace_with(new)
            applied = True
        variant = (i // 4 + r) % 4
        for a, item in pairs:
            box = _item_box(a, anchors)
            for t in box.find_all("time"):
                t.decompose()
            for s in list(box.find_all(string=True)):
                if s.find_parent("a") is a or s.parent is a:
                    continue
                if _DATE_RE.search(s):
                    s.replace_with(_DATE_RE.sub(" ", s))
            if a.get("title") and _DATE_RE.search(a["title"]):
                del a["title"]
            iso = item.get("published")
            if iso is None:
                continue
            text = _plain(parse_iso(iso), "d" if day_only else _precision(iso))
            if variant == 0:
                span = page.soup.new_tag("span")
                span.string = text
                a.insert_after(span)
                a.insert_after(" ")
            elif variant == 1:
                a.insert_after(f" ({text})")
            elif variant == 2:
                a["title"] = text
            else:
                item["published"] = url_time(item.get("url"))
        for item in page.rec.get(role) or []:
            if variant == 3:  # no time printed: what the link itself encodes still counts
                item["published"] = url_time(item.get("url"))
        applied = True
    return applied


def m6_breadcrumb(page: Page, i: int) -> bool:
    bc = page.breadcrumb()
    if bc is None:
        return False
    links = {norm(a.get_text(" ")): a.get("href") for a in bc.find_all("a", href=True)}
    labels = ["Trang chủ", *page.rec["category"]]
    variant = i % 4
    if variant in (0, 1):
        new = page.soup.new_tag("ol" if variant == 0 else "ul", attrs={"class": page.token()})
        for label in labels:
            li = page.soup.new_tag("li")
            href = links.get(norm(label)) or ("/" if label == "Trang chủ" else None)
            if href:
                a = page.soup.new_tag("a", href=href)
                a.string = label
                li.append(a)
            else:
                li.string = label
            new.append(li)
    else:
        sep = " > " if variant == 2 else " » "
        new = page.soup.new_tag("div", attrs={"class": page.token()})
        for k, label in enumerate(labels):
            if k:
                new.append(sep)
            href = links.get(norm(label)) or ("/" if label == "Trang chủ" else None)
            if href:
                a = page.soup.new_tag("a", href=href)
                a.string = label
                new.append(a)
            else:
                new.append(label)
    if bc.name in ("td", "th"):  # a table cell keeps its place; the trail goes inside it
        bc.clear()
        bc.append(new)
    else:
        bc.replace_with(new)
    return True


def m7_body_blocks(page: Page, i: int) -> bool:
    paras = page.body_paragraphs()
    if not paras:
        return False
    if i % 2 == 0:
        for p in paras:
            p.name = "div"
            p.attrs = {}
        return True
    # one block, paragraphs separated by <br><br> runs (only paragraphs that are siblings)
    groups: list[list[Tag]] = []
    for p in paras:
        if groups and p.parent is groups[-1][-1].parent and p.find_previous_sibling(True) is groups[-1][-1]:
            groups[-1].append(p)
        else:
            groups.append([p])
    done = False
    for group in groups:
        if len(group) < 2:
            continue
        block = page.soup.new_tag("div")
        group[0].insert_before(block)
        for k, p in enumerate(group):
            if k:
                block.append(page.soup.new_tag("br"))
                block.append(page.soup.new_tag("br"))
            for child in list(p.contents):
                block.append(child.extract())
            p.decompose()
        done = True
    return done


def m8_long_teaser(page: Page, i: int, articles: dict[str, dict] | None = None) -> bool:
    if page.rec["kind"] != "listing":
        return False
    host = urlsplit(page.rec["url"]).hostname

    known = set(articles or ())

    def teaser_url(el: Tag, only_known: bool = False) -> str | None:
        """A teaser links to an article: to a known one when the truth knows them (a breadcrumb
        or menu link sharing the teasers' column is no teaser), else any long on-site link."""
        for a in el.find_all("a", href=True):
            url = page.abs(a["href"])
            if url and urlsplit(url).hostname == host and len(norm(a.get_text(" "))) > 15 \
                    and (not only_known or url in known):
                return url
        return None

    best: tuple[int, Tag | None, bool] = (0, None, False)
    for only_known in ((True, False) if known else (False,)):
        for el in page.body.find_all(True):
            n = sum(1 for c in el.children if isinstance(c, Tag) and teaser_url(c, only_known))
            if n > best[0]:
                best = (n, el, only_known)
        if best[0] >= 3:
            break
    if best[1] is None or best[0] < 3:
        return False
    first = next(c for c in best[1].children if isinstance(c, Tag) and teaser_url(c, best[2]))
    source = (articles or {}).get(teaser_url(first) or "") or next(iter((articles or {}).values()), None)
    text = ""
    for p in (source or {}).get("body") or ["Nội dung tóm tắt của bài viết được đăng trên cổng thông tin."]:
        text = (text + " " + p).strip()
        if len(text) > 900:
            break
    while len(text) < 600:
        text = f"{text} {text}"
    summary = page.soup.new_tag("p")
    summary.string = text.strip()
    first.append(summary)
    return True


MUTATIONS: dict[str, Callable[..., bool]] = {
    "m1": m1_rename, "m2": m2_wrap, "m3": m3_hidden_date, "m4": m4_date_forms, "m5": m5_lists,
    "m6": m6_breadcrumb, "m7": m7_body_blocks, "m8": m8_long_teaser,
}
#: what each class can apply to (m8 only to listings; dates only to articles)
APPLIES = {"m3": {"article"}, "m4": {"article"}, "m5": {"article"}, "m6": {"article"}, "m7": {"article"},
           "m8": {"listing"}}
#: order for "all": content finders first, the renaming and wrapping last; m3 or m4 by page
ALL_ORDER = ("m8", "m5", "m6", "m7", "m3|m4", "m2", "m1")


def mutate(html: str, record: dict, cls: str, i: int, seed: int = 1,
           articles: dict[str, dict] | None = None) -> Mutated:
    """Apply class ``cls`` (``m1``…``m8`` or ``all``) to page number ``i``."""
    page = Page(html, record, random.Random(f"{seed}:{cls}:{i}:{urlsplit(record['url']).path}"))
    if cls == "all":
        results = []
        for step in ALL_ORDER:
            name = step.split("|")[i % 2] if "|" in step else step
            if record["kind"] not in APPLIES.get(name, {record["kind"]}):
                continue
            results.append(_run(name, page, i, articles))
        applied = any(results)
    else:
        applied = _run(cls, page, i, articles)
    return Mutated(page.html(), page.rec, applied)


def _run(name: str, page: Page, i: int, articles: dict[str, dict] | None) -> bool:
    if name == "m8":
        return m8_long_teaser(page, i, articles)
    return MUTATIONS[name](page, i)
