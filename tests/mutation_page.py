"""What the mutation harness (tests/mutations.py) knows about a page: the truth record, finders
that locate the title, body paragraphs, date lines, list items, headings and the breadcrumb by
their content (never by class names, which m1 renames), and the date forms m4 prints.
"""

from __future__ import annotations

import copy
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

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
        """(anchor, truth item) for the ``role`` list, the anchors outside the body.

        An article linked from both lists (the newest related item is often also the oldest of
        "Tin mới nhất") has two anchors; each item takes the first one after the list's previous
        item, so one list's anchors never borrow the other list's (whose item box would then grow
        to the whole column and strip the article's own date)."""
        items = self.rec.get(role) or []
        out: list[tuple[Tag, dict]] = []
        links = self.body.find_all("a", href=True)
        used: set[int] = set()
        last = -1
        for item in items:
            matches = [k for k, a in enumerate(links) if id(a) not in used
                       and self.abs(a["href"]) == item["url"] and norm(a.get_text(" ")) == norm(item["title"])]
            if not matches:
                continue
            k = next((k for k in matches if k > last), matches[0])
            out.append((links[k], item))
            used.add(id(links[k]))
            last = k
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
