"""Stage 2b of page extraction: publication and update times, by arbitration between candidates.

Why arbitration: a page usually says when it was published in several places at once (a labelled
line under the title, a ``display:none`` span, ``<time datetime>``, metas, JSON-LD, ``title=``
attributes, the URL or a CMS id), at different precisions, and on layouts nobody described the
first one found is not always the best. So every candidate is collected with its source and
precision, and the choice follows one rule:

* the *anchor* is the first visible labelled candidate (the family's date slot, a "Ngày đăng" line,
  a dateline by the title or atop the body); without one, the first machine-readable candidate
  (metas, JSON-LD, ``<time datetime>``, hidden elements, attributes); then a date merely mentioned
  in text by the title; then the URL;
* the winner is the most precise candidate that agrees with the anchor (same day; same minute when
  both carry minutes) — so a day-only "21/12/2018" is refined by a meta's 09:26:09, but a meta that
  names another day never overrides what the reader sees.

A date inside a linked item (a "Tin mới nhất" entry, a teaser) is never the article's. The winner's
source goes to ``Document.source.published_from`` / ``updated_from``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bs4.element import NavigableString, Tag

from ingest.cssindex import CssIndex
from ingest.dates import PRECISIONS
from ingest.document import VN_TZ
from ingest.families import (
    ATTACHMENT_EXT,
    DATE_ATTRIBUTES,
    DATE_LABEL,
    DATELINE,
    HIDDEN_CLASSES,
    JSONLD_DATES,
    META_DATES,
    UPDATED_TEXT_LABEL,
    URL_TIMESTAMPS,
)
from ingest.page import Page
from ingest.page_text import SKIP_STRINGS, is_descendant, iter_strings, raw, split_sel

if TYPE_CHECKING:
    from ingest.page_body import Body

_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_DIGIT = re.compile(r"[0-9]")
_DATE_ATTRS = frozenset(DATE_ATTRIBUTES)
_HIDING_ATTRS = frozenset({"style", "hidden", "class"})
_URL_RX = tuple((name, re.compile(rx, re.I), fmt, prec) for name, rx, fmt, prec in URL_TIMESTAMPS)
#: all of them at once: most URLs match none, and one search is cheaper than four
_URL_ANY = re.compile("|".join(f"(?:{rx})" for _name, rx, _fmt, _prec in URL_TIMESTAMPS), re.I)


@dataclass
class Candidate:
    """One publication-time candidate: value, how precise the page wrote it, and where."""

    dt: datetime
    precision: str
    source: str
    visible: bool = False
    #: 0 visible and labelled, 1 machine-readable, 2 visible but unlabelled (a date in a sentence), 3 URL
    trust: int = 1

    def describe(self) -> dict[str, object]:
        return {"value": self.dt.isoformat(), "precision": self.precision, "source": self.source,
                "visible": self.visible, "trust": self.trust}


def agrees(a: Candidate, b: Candidate) -> bool:
    """Same day; same hour when both carry hours; same minute when both carry minutes."""
    x, y = a.dt.astimezone(VN_TZ), b.dt.astimezone(VN_TZ)
    if x.date() != y.date():
        return False
    common = min(_RANK[a.precision], _RANK[b.precision])
    if common >= _RANK["hour"] and x.hour != y.hour:
        return False
    return not (common >= _RANK["minute"] and x.minute != y.minute)


def arbitrate(cands: list[Candidate]) -> Candidate | None:
    """The most precise candidate agreeing with the anchor (the first of the most trusted); see module doc."""
    if not cands:
        return None
    anchor = min(cands, key=lambda c: c.trust)
    best = anchor
    for c in cands:
        if _RANK[c.precision] > _RANK[best.precision] and agrees(c, anchor):
            best = c
    return best


def url_candidates(url: str | None, source_prefix: str = "") -> list[Candidate]:
    """Times encoded in a URL or CMS id (portal-markup.md): VCCorp ids, /portal/Pages/Y-M-D/, upload paths."""
    out: list[Candidate] = []
    if not url or _URL_ANY.search(url) is None:
        return out
    for name, rx, fmt, prec in _URL_RX:
        m = rx.search(url)
        if m is None:
            continue
        try:
            dt = datetime.strptime(m.group(1), fmt).replace(tzinfo=VN_TZ)
        except ValueError:
            continue
        if 1990 <= dt.year <= 2199:
            out.append(Candidate(dt, prec, source_prefix + name, trust=3))
    return out


def id_candidate(value: str | None, source: str) -> Candidate | None:
    """An 18-digit VCCorp id (``115241129123739455``) as its yyMMddHHmmss time."""
    if not value or len(value) != 18 or not value.isdigit():
        return None
    try:
        dt = datetime.strptime(value[3:15], "%y%m%d%H%M%S").replace(tzinfo=VN_TZ)
    except ValueError:
        return None
    return Candidate(dt, "second", source)


def in_link_item(node: NavigableString | Tag, ix: CssIndex, title_el: Tag | None = None) -> bool:
    """True when a string belongs to one linked item (a teaser's or a list entry's date): the first
    ancestor that holds a link holds links to a single target only and little text, and does not hold
    the page's title (then it is the article's own header or column)."""
    el = node.parent
    for _ in range(6):
        if el is None:
            return False
        links = [a for a in ix.links_in(el, limit=8) if not ATTACHMENT_EXT.search(a["href"])]
        if links:  # (a link to a file is the article's attachment, not an item's title)
            if len({a["href"] for a in links}) != 1:
                return False
            if all(_is_label_link(a) for a in links):  # a byline or category link is no item
                return False
            if title_el is not None and (title_el is el or ix.within(title_el, el)):
                return False
            return _text_length(el, ix) <= 1200  # an item is small; an article with one link in it is not
        el = el.parent
    return False


def _is_label_link(a: Tag) -> bool:
    """A byline, category or tag link ("Hoài Nam", "Chính sách mới"): a few words, not an item's
    title. News CMSs print the article's date next to such a link; it must not make the date look
    like a list item's (issue 9 item 8: Dân trí, Báo Chính phủ)."""
    text = raw(a)
    return len(text) < 25 and len(text.split()) < 4


def _text_length(el: Tag, ix: CssIndex) -> int:
    """Characters of text under ``el`` (cached on the index: the same columns are asked about often)."""
    cache = ix.__dict__.setdefault("_text_length", {})
    n = cache.get(id(el))
    if n is None:
        n = cache[id(el)] = sum(len(s) for s in iter_strings(el))
    return n


def is_hidden(el: Tag | None, levels: int = 6) -> bool:
    """Hidden by ``style="display:none"``/``visibility:hidden``, the ``hidden`` attribute or a hiding class."""
    for _ in range(levels):
        if el is None or el.name in ("body", "html", "[document]"):
            return False
        attrs = el.attrs
        if attrs:
            style = attrs.get("style")
            if style and ("none" in style or "hidden" in style):
                flat = style.replace(" ", "").lower()
                if "display:none" in flat or "visibility:hidden" in flat:
                    return True
            if "hidden" in attrs:
                return True
            classes = attrs.get("class")
            if classes and not HIDDEN_CLASSES.isdisjoint(classes):
                return True
        el = el.parent
    return False


class Dates:
    """The page's own times, computed once and only when asked (listings never need them)."""

    def __init__(self, page: Page, title_el: Tag | None, body: Body, attachment_urls: list[str]) -> None:
        self.page, self.title_el, self.body, self.attachment_urls = page, title_el, body, attachment_urls
        self._pub: Candidate | None = None
        self._pub_done = False
        self._machine: dict[str, list[Candidate]] | None = None

    # ---- candidates
    def _add(self, out: list[Candidate], text: str | None, source: str, visible: bool, trust: int | None = None) -> bool:
        if not text or not isinstance(text, str) or not text.strip():
            return False
        found = self.page.parse_date_precision(text)
        if found is None:
            return False
        out.append(Candidate(found[0], found[1], source, visible, (0 if visible else 1) if trust is None else trust))
        return True

    def _family(self, out: list[Candidate]) -> None:
        """The family's date selectors: the first that yields a date (as the family table orders them)."""
        page, fam = self.page, self.page.fam
        for sel in fam.date:
            css, attr = split_sel(sel)
            for el in page.ix.select(page.soup, css, limit=3):
                if el.name != "meta" and in_link_item(el, page.ix, self.title_el):
                    continue
                value = el.get(attr) if attr else raw(el)
                if el.name == "meta":
                    name = el.get("property") or el.get("name") or el.get("itemprop") or sel
                    src, vis = f"meta:{name}", False
                elif attr:
                    src, vis = f"{fam.name}:{sel}", False
                else:
                    hidden = is_hidden(el)
                    src, vis = f"{'hidden' if hidden else fam.name}:{css}", not hidden
                if self._add(out, value, src, vis):
                    return

    def _near_title(self, out: list[Candidate]) -> bool:
        """A date printed just after the title (its text, or a ``<time datetime>`` there)."""
        title_el, page = self.title_el, self.page
        if title_el is None:
            return False
        seen = 0
        mentioned = attr_seen = False
        for node in title_el.next_elements:
            if isinstance(node, NavigableString) and not isinstance(node, SKIP_STRINGS):
                if is_descendant(node, title_el):
                    continue
                s = node.strip()
                if not s:
                    continue
                seen += 1
                if seen > 12:
                    break
                if node.parent is not None and node.parent.name == "a":
                    continue
                if len(s) <= 120 and not in_link_item(node, page.ix, title_el):
                    hidden = is_hidden(node.parent)
                    labelled = len(s) <= 80 and (DATELINE.match(s) is not None or DATE_LABEL.search(s) is not None)
                    if hidden:
                        if self._add(out, s, "hidden:near-title", False):
                            return True
                    elif labelled or not mentioned:
                        # a date merely mentioned in a sentence is kept, but the walk goes on for a dateline
                        if self._add(out, s, "text:near-title", True, 0 if labelled else 2):
                            if labelled:
                                return True
                            mentioned = True
            elif isinstance(node, Tag) and node.name == "time" and node.get("datetime") \
                    and not in_link_item(node, page.ix, title_el):
                if self._add(out, node["datetime"], "time[datetime]", False):
                    return True
            elif isinstance(node, Tag) and node.name != "a" and node.attrs and not _DATE_ATTRS.isdisjoint(node.attrs) \
                    and not attr_seen:
                # a label whose date is only in an attribute (``<span title="11/04/2012 00:42">Ngày đăng</span>``)
                # in the row after the title: the header block around the title may not hold it (ASP.NET tables)
                for name in _DATE_ATTRS.intersection(node.attrs):
                    value = node.attrs[name]
                    if isinstance(value, str) and _DIGIT.search(value) and not is_descendant(node, title_el) \
                            and not in_link_item(node, page.ix, title_el) and self._add(out, value, f"attr:{name}", False):
                        attr_seen = True
                        break
        return False

    def _labelled(self, out: list[Candidate]) -> None:
        if DATE_LABEL.search(self.page.short_text()) is None:  # one scan of the page's labels instead of one a string
            return
        for s in [s for s in self.page.ix.short_strings if DATE_LABEL.search(s)][:20]:
            if s.parent is not None and s.parent.name == "a":
                continue
            text = s.parent.get_text(" ") if s.parent is not None and len(s.strip()) < 14 else str(s)
            hidden = is_hidden(s.parent)
            if self._add(out, text[:160], "hidden:label" if hidden else "text:label", not hidden):
                return

    def machine(self) -> dict[str, list[Candidate]]:
        """Candidates in metas and JSON-LD, by role (``published``/``updated``); computed once."""
        if self._machine is not None:
            return self._machine
        page = self.page
        found: dict[str, list[Candidate]] = {"published": [], "updated": []}
        for meta in page.ix.select(page.soup, "meta", limit=200):
            name = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
            role = META_DATES.get(name.lower()) if isinstance(name, str) else None
            if role:
                self._add(found[role], meta.get("content"), f"meta:{name}", False)
        for script in page.ix.select(page.soup, "script", limit=60):
            if (script.get("type") or "").lower() == "application/ld+json":
                for key, value in _jsonld_dates(script.string or ""):
                    self._add(found[JSONLD_DATES[key]], value, f"json-ld:{key}", False)
        self._machine = found
        return found

    def _hidden_and_urls(self, out: list[Candidate]) -> None:
        """The rest no reader sees: ``<time datetime>``, attributes by the title, URLs and upload paths."""
        page = self.page
        for t in page.ix.select(page.root, "time", limit=10):
            if t.get("datetime") and not in_link_item(t, page.ix, self.title_el):
                self._add(out, t["datetime"], "time[datetime]", False)
                break
        self._attributes(out)
        out.extend(url_candidates(page.url or page.given_url))
        for a_url in self.attachment_urls[:5]:
            out.extend(c for c in url_candidates(a_url, "attachment-") if c.source.endswith("upload-path"))

    def _attributes(self, out: list[Candidate]) -> None:
        """``title=``/``data-*`` dates and hidden elements' text in the title's header block."""
        title_el, page = self.title_el, self.page
        if title_el is None:
            return
        region = title_el
        for _ in range(3):  # the smallest ancestor around the title that holds a few more elements
            parent = region.parent
            if parent is None or parent is page.root:
                break
            lo, hi = page.ix.span(parent)
            if hi - lo > 40:
                break
            region = parent
        lo, hi = page.ix.span(region)
        tags = page.soup.parsed_tags[lo:hi + 1] if hasattr(page.soup, "parsed_tags") else []
        for el in tags:
            attrs = el.attrs
            if not attrs or el.name == "a":
                continue
            if el is not title_el and not _HIDING_ATTRS.isdisjoint(attrs) and is_hidden(el, levels=1) \
                    and len(el.contents) <= 3:
                self._add(out, raw(el)[:160], f"hidden:{el.name}", False)
            for name in _DATE_ATTRS.intersection(attrs):
                value = attrs[name]
                if isinstance(value, str) and _DIGIT.search(value) \
                        and not in_link_item(el, page.ix, title_el):
                    self._add(out, value, f"attr:{name}", False)

    # ---- answers
    def published_candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        self._family(out)
        if not self._near_title(out):
            self._labelled(out)
        if self.body.dateline is not None and self.body.dateline_text:
            self._add(out, self.body.dateline_text, "text:dateline", True)
        if out and out[0].trust == 0 and out[0].precision == "second" and self.page.trace is None:
            return out  # a visible labelled date to the second: nothing can refine it (explain lists all)
        out.extend(self.machine()["published"])
        self._hidden_and_urls(out)
        return out

    def published(self) -> datetime | None:
        if not self._pub_done:
            cands = self.published_candidates()
            self._pub = arbitrate(cands)
            self._pub_done = True
            if self.page.trace is not None:
                for c in cands:
                    self.page.trace.candidate("published", **c.describe())
                self.page.trace.note("published", f"arbitration: {self._pub.source}" if self._pub else "none",
                                     value=self._pub.dt.isoformat() if self._pub else None)
        return self._pub.dt if self._pub else None

    @property
    def published_from(self) -> str | None:
        return self._pub.source if self._pub else None

    def updated(self) -> Candidate | None:
        page, fam = self.page, self.page.fam
        cands: list[Candidate] = []
        for sel in fam.updated:
            css, attr = split_sel(sel)
            el = page.ix.select_one(page.soup, css)
            if el is not None:
                src = f"meta:{el.get('property') or el.get('name')}" if el.name == "meta" else f"{fam.name}:{sel}"
                self._add(cands, el.get(attr) if attr else raw(el), src, False)
        labels = [s for s in page.ix.short_strings if UPDATED_TEXT_LABEL.search(s)][:5] \
            if UPDATED_TEXT_LABEL.search(page.short_text()) else []
        for s in labels:
            if not in_link_item(s, page.ix, self.title_el):
                text = s.parent.get_text(" ") if s.parent is not None and len(s.strip()) < 24 else str(s)
                if self._add(cands, text[:160], "text:updated-label", not is_hidden(s.parent)):
                    break
        cands.extend(self.machine()["updated"])
        best = arbitrate(cands)
        if page.trace is not None:
            for c in cands:
                page.trace.candidate("updated", **c.describe())
            page.trace.note("updated", f"arbitration: {best.source}" if best else "none",
                            value=best.dt.isoformat() if best else None)
        return best


def _jsonld_dates(text: str) -> list[tuple[str, str]]:
    """(key, value) of every JSON-LD date key, depth-first; a broken block gives nothing."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    out: list[tuple[str, str]] = []
    stack = [data]
    while stack and len(out) < 8:
        node = stack.pop(0)
        if isinstance(node, dict):
            for key, value in node.items():
                if key in JSONLD_DATES and isinstance(value, str):
                    out.append((key, value))
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node[:20])
    return out
