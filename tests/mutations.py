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

import copy
import json
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from ingest.document import parse_iso

BLOCKS = ("div", "p", "table", "ul", "ol", "h1", "h2", "h3", "h4", "section", "article", "aside", "nav",
          "header", "footer", "main", "form")
_NO_WRAP_PARENTS = {"table", "tbody", "thead", "tfoot", "tr", "ul", "ol", "dl", "select", "head", "html"}
RELATED_SYNONYMS = ("Tin liên quan", "Bài viết liên quan", "Tin cùng chuyên mục", "Các tin liên quan",
                    "Tin bài liên quan")
LATEST_SYNONYMS = ("Tin mới nhất", "Tin mới", "Bài mới nhất", "Tin mới cập nhật", "Bài viết mới")
_HEADING_WORDS = {h.lower() for h in RELATED_SYNONYMS + LATEST_SYNONYMS} | {
    "tin khác", "các tin khác", "các tin đã đưa", "bài liên quan", "xem thêm", "tin đọc nhiều"}
_DATE_RE = re.compile(r"\(?\s*\d{1,2}[/-]\d{1,2}[/-]\d{2,4}(?:\s*(?:lúc|\||-|,)?\s*\d{1,2}[:h]\d{2}(?::\d{2})?"
                      r"(?:\s*(?:SA|CH|AM|PM))?)?\s*\)?", re.I)
_WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")


@dataclass
class Mutated:
    html: str
    record: dict
    applied: bool


def norm(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").split())


# ----------------------------------------------------------------------------------------------
# date forms (m4): each renders a datetime and says the precision it keeps


def _h12(dt: datetime, vi: bool = True) -> tuple[int, str]:
    h = dt.hour % 12 or 12
    am = dt.hour < 12
    return h, ("SA" if am else "CH") if vi else ("AM" if am else "PM")


def _f(fmt: Callable[[datetime], str], precision: str) -> tuple[Callable[[datetime], str], str]:
    return fmt, precision


#: (render, precision) pairs: precision ``s``, ``m`` or ``d`` (what the printed form keeps).
DATE_FORMS: list[tuple[Callable[[datetime], str], str]] = [
    _f(lambda d: f"(Ngày đăng :{d:%d/%m/%Y} {_h12(d)[0]}:{d:%M:%S} {_h12(d)[1]})", "s"),
    _f(lambda d: f"{d:%d/%m/%Y} {_h12(d)[0]}:{d:%M:%S} {_h12(d)[1]}", "s"),
    _f(lambda d: f"{d:%d/%m/%Y} {_h12(d)[0]}:{d:%M} {_h12(d)[1].lower()}", "m"),
    _f(lambda d: f"{d:%d/%m/%Y}\u00a0{_h12(d)[0]}:{d:%M:%S}\u00a0{_h12(d)[1]}", "s"),
    _f(lambda d: f"Ngày cập nhật: {d:%d/%m/%Y} {_h12(d)[0]}:{d:%M:%S} {_h12(d)[1]}", "s"),
    _f(lambda d: f"{d:%d/%m/%Y} {_h12(d)[0]}:{d:%M:%S} {_h12(d)[1]} (GMT+7)", "s"),
    _f(lambda d: f"{d:%d/%m/%Y} {d:%H:%M}", "m"),
    _f(lambda d: f"{d:%d/%m/%Y} {d:%H:%M:%S}", "s"),
    _f(lambda d: f"{d:%d/%m/%Y} - {d:%H:%M}", "m"),
    _f(lambda d: f"{_WEEKDAYS[d.weekday()]}, {d:%d/%m/%Y} - {d:%H:%M}", "m"),
    _f(lambda d: f"{_WEEKDAYS[d.weekday()]}, {d:%d/%m/%Y}, {d:%H:%M} (GMT+7)", "m"),
    _f(lambda d: f"T{d.weekday() + 2 if d.weekday() < 6 else 'CN'}, {d:%d/%m/%Y} {d:%H:%M}", "m"),
    _f(lambda d: f"Cập nhật lúc {d:%H:%M} ngày {d:%d/%m/%Y}", "m"),
    _f(lambda d: f"{d:%H:%M} {d:%d/%m/%Y}", "m"),
    _f(lambda d: f"{d.hour}h{d:%M} ngày {d:%d/%m/%Y}", "m"),
    _f(lambda d: f"{d:%d-%m-%Y}", "d"),
    _f(lambda d: f"{d.day}/{d.month}/{d.year}", "d"),
    _f(lambda d: f"{d:%d/%m/%y}", "d"),
    _f(lambda d: f"Ngày {d:%d} tháng {d:%m} năm {d.year}", "d"),
    _f(lambda d: f"{d.day} tháng {d.month}, {d.year}", "d"),
    _f(lambda d: f"{_WEEKDAYS[d.weekday()]}, {d.day} tháng {d.month}, {d.year}", "d"),
    _f(lambda d: f"Ngày đăng: {d:%d-%m-%Y}", "d"),
    _f(lambda d: f"{d:%d/%m/%Y} {d:%H:%M} (UTC+07:00)", "m"),
    _f(lambda d: f"{d:%Y-%m-%d} {d:%H:%M:%S}", "s"),
    _f(lambda d: d.isoformat(), "s"),
    # issue 9 item 2: English months and weekdays, lúc, |, -, 2-digit hours with AM/PM
    _f(lambda d: f"{d:%d}-{_MONTHS_EN[d.month - 1][:3]}-{d.year}", "d"),
    _f(lambda d: f"{_MONTHS_EN[d.month - 1][:3]} {d.day}, {d.year}", "d"),
    _f(lambda d: f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}", "d"),
    _f(lambda d: f"{_WEEKDAYS_EN[d.weekday()]}, {d:%d/%m/%Y}, {d:%H:%M}", "m"),
    _f(lambda d: f"{d:%d/%m/%Y} lúc {d:%H:%M}", "m"),
    _f(lambda d: f"{d:%d/%m/%Y} | {d:%H:%M}", "m"),
    _f(lambda d: f"{d:%d/%m/%Y} | {_h12(d, False)[0]:02d}:{d:%M} {_h12(d, False)[1]}", "m"),
    _f(lambda d: f"{d:%d/%m/%Y} {_h12(d)[0]:02d}:{d:%M}:{d:%S} {_h12(d)[1]}", "s"),
    _f(lambda d: f"{d:%d-%m-%Y} {d:%H:%M}", "m"),
]


def truncate(iso: str | None, precision: str) -> str | None:
    dt = parse_iso(iso)
    if dt is None:
        return None
    if precision == "d":
        dt = dt.replace(hour=0, minute=0, second=0)
    elif precision == "m":
        dt = dt.replace(second=0)
    return dt.isoformat()


def _plain(dt: datetime, precision: str) -> str:
    """``dd/MM/yyyy[ HH:mm[:ss]]`` at ``precision`` (list items, hidden spans, title attributes)."""
    if precision == "d":
        return f"{dt:%d/%m/%Y}"
    return f"{dt:%d/%m/%Y %H:%M}" if precision == "m" else f"{dt:%d/%m/%Y %H:%M:%S}"


_URL_DAY = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/")
_URL_VCC = re.compile(r"-\d{3}(\d{12})\d{3}\.htm")


def url_time(url: str | None) -> str | None:
    """The time a link's URL encodes (a WordPress ``/yyyy/mm/dd/`` permalink: the day; a VCCorp
    18-digit id: ``yyMMddHHmmss``), which a parser may rightly use when no time is printed."""
    if not url:
        return None
    m = _URL_VCC.search(url)
    if m:
        d = m.group(1)
        return f"20{d[:2]}-{d[2:4]}-{d[4:6]}T{d[6:8]}:{d[8:10]}:{d[10:12]}+07:00"
    m = _URL_DAY.search(url)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}T00:00:00+07:00" if m else None


def _precision(iso: str) -> str:
    dt = parse_iso(iso)
    return "s" if dt and dt.second else "m" if dt and (dt.hour or dt.minute) else "d"


# ----------------------------------------------------------------------------------------------
# finding things by their content


class Page:
    """A soup plus the truth record, with finders that use content, never class names."""

    def __init__(self, html: str, record: dict, rng: random.Random) -> None:
        self.soup = BeautifulSoup(html, "html.parser")
        self.rec = copy.deepcopy(record)
        self.rng = rng
        self.body = self.soup.body or self.soup

    def token(self) -> str:
        return "x" + "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(7))

    def html(self) -> str:
        for m in self.soup.find_all("meta"):
            if m.get("charset") or (m.get("http-equiv") or "").lower() == "content-type":
                m.decompose()
        head = self.soup.head
        if head is not None:
            head.insert(0, self.soup.new_tag("meta", attrs={"charset": "utf-8"}))
        return str(self.soup)

    def abs(self, href: str | None) -> str | None:
        return urljoin(self.rec["url"], href) if href else None

    def title_el(self) -> Tag | None:
        want = norm(self.rec.get("title"))
        best = None
        for el in self.body.find_all(["h1", "h2", "h3", "div", "span", "p", "td"]):
            if norm(el.get_text(" ")) == want and el.find_parent("a") is None and el.name != "a":
                best = el  # the innermost (found last in document order among nested equals)
                if el.name in ("h1", "h2", "h3"):
                    return el
        return best

    def body_paragraphs(self) -> list[Tag]:
        """Elements whose text is one truth body paragraph, in page order."""
        want = {norm(p) for p in self.rec.get("body") or []}
        out: list[Tag] = []
        for el in self.body.find_all(["p", "div"]):
            if norm(el.get_text(" ")) in want and not any(p in out for p in el.parents):
                if not el.find(["p", "div"], recursive=True) or el.name == "p":
                    out.append(el)
        return out

    def item_links(self, role: str) -> list[tuple[Tag, dict]]:
        """(anchor, truth item) for the ``role`` list, the anchors outside the body."""
        items = self.rec.get(role) or []
        out = []
        used: set[int] = set()
        for item in items:
            for a in self.body.find_all("a", href=True):
                if id(a) in used:
                    continue
                if self.abs(a["href"]) == item["url"] and norm(a.get_text(" ")) == norm(item["title"]):
                    out.append((a, item))
                    used.add(id(a))
                    break
        return out

    def date_elements(self) -> list[Tag]:
        """Short elements outside links and lists that print the article's publication day."""
        dt = parse_iso(self.rec.get("published"))
        if dt is None:
            return []
        days = (f"{dt:%d/%m/%Y}", f"{dt.day}/{dt.month}/{dt.year}", f"{dt:%d-%m-%Y}")
        found: list[Tag] = []
        for s in self.body.find_all(string=True):
            if not any(d in s for d in days) or isinstance(s.parent, Tag) and s.parent.name in ("script", "style"):
                continue
            el = s.parent
            if el is None or el.find_parent("a") is not None or el.name == "a":
                continue
            while el.parent is not None and el.name in ("b", "strong", "em", "i", "small") and \
                    len(norm(el.parent.get_text(" "))) < 120:
                el = el.parent
            if len(norm(el.get_text(" "))) > 120 or el.find("a") is not None or _in_item(el):
                continue
            if el not in found:
                found.append(el)
        for t in self.body.find_all("time", datetime=True):
            if t.find_parent("a") is None and (t["datetime"] or "")[:10] == dt.date().isoformat() and \
                    t.find_parent("li") is None and t not in found:
                found.append(t)
        return found

    def breadcrumb(self) -> Tag | None:
        cats = [norm(c) for c in self.rec.get("category") or []]
        if not cats:
            return None
        best = None
        best_home = None  # a trail that includes its "Trang chủ" link wins over a part of it
        for el in self.body.find_all(["div", "td", "p", "nav", "ul", "ol", "span"]):
            words = [norm(s) for s in el.stripped_strings]
            words = [w for w in words if w and not re.fullmatch(r"[>»/|›\-–]+|-->", w)]
            home = bool(words) and words[0].lower() == "trang chủ"
            if home:
                words = words[1:]
            if words == cats:
                if home:
                    best_home = el if best_home is None or len(str(el)) < len(str(best_home)) else best_home
                else:
                    best = el if best is None or len(str(el)) < len(str(best)) else best
        return best_home or best


def _in_item(el: Tag) -> bool:
    """True inside one linked list item: the nearest ancestor (three levels at most) holding
    title-like links (not files, not share buttons) holds one target."""
    for depth, anc in enumerate(el.parents):
        if depth > 3:
            return False
        links = [a for a in anc.find_all("a", href=True)
                 if not _FILE.search(a["href"]) and len(norm(a.get_text(" "))) >= 20]
        if links:
            return len({a["href"] for a in links}) == 1
    return False


_FILE = re.compile(r"\.(pdf|docx?|xlsx?|zip|rar)\b|/documents/", re.I)


def _heading_of(page: Page, anchors: list[Tag]) -> Tag | None:
    """The element holding the heading of the list whose items are ``anchors``."""
    first = anchors[0]
    lca = first
    for anc in [first, *first.parents]:
        if all(a is anc or anc in a.parents for a in anchors):
            lca = anc
            break
    scope = lca
    for _ in range(3):
        cands = []
        for s in scope.find_all(string=True):
            text = norm(s).rstrip(":").strip().lower()
            if text in _HEADING_WORDS and s.find_parent("a") is None:
                cands.append(s)
        before = [s for s in cands if _before(s, first)]
        if before:
            el = before[-1].parent
            while el.parent is not None and norm(el.parent.get_text(" ")) == norm(el.get_text(" ")) and \
                    el.parent is not scope:
                el = el.parent
            return el
        if scope.parent is None:
            break
        scope = scope.parent
    return None


def _before(a, b) -> bool:
    for el in a.next_elements:
        if el is b:
            return True
    return False


def _item_box(anchor: Tag, others: list[Tag]) -> Tag:
    """The largest ancestor of ``anchor`` holding no other list anchor (the item's own element)."""
    box: Tag = anchor
    for anc in anchor.parents:
        if any(o is not anchor and anc in o.parents for o in others) or anc.name in ("body", "html"):
            break
        box = anc
    return box


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

    def teaser_url(el: Tag) -> str | None:
        for a in el.find_all("a", href=True):
            url = page.abs(a["href"])
            if url and urlsplit(url).hostname == host and len(norm(a.get_text(" "))) > 15:
                return url
        return None

    best: tuple[int, Tag | None] = (0, None)
    for el in page.body.find_all(True):
        n = sum(1 for c in el.children if isinstance(c, Tag) and teaser_url(c))
        if n > best[0]:
            best = (n, el)
    if best[1] is None or best[0] < 3:
        return False
    first = next(c for c in best[1].children if isinstance(c, Tag) and teaser_url(c))
    known = (articles or {}).get(teaser_url(first) or "") or next(iter((articles or {}).values()), None)
    text = ""
    for p in (known or {}).get("body") or ["Nội dung tóm tắt của bài viết được đăng trên cổng thông tin."]:
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
