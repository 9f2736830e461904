"""Fast CSS selection over a BeautifulSoup tree, for the many family selectors tried per page.

Why: soupsieve's ``select`` walks the whole tree for every selector; a family table tries ~50
selectors per page, which made selection cost far more than parsing. Here the tree is indexed once
(by id, class, tag name and attribute name, in document order); a selector's right-most compound
gives the few candidate elements, and soupsieve's ``match`` (which checks the full selector,
ancestors included) confirms each one. Results are identical to ``soupsieve.select``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import soupsieve
from bs4 import BeautifulSoup
from bs4.element import Tag

_ID = re.compile(r"#([\w-]+)")
_CLASS = re.compile(r"\.([\w-]+)")
_TAG = re.compile(r"^([a-zA-Z][\w-]*)")
_ATTR = re.compile(r"^\[([\w-]+)")


def _split_top(text: str, seps: str) -> list[str]:
    """Split on any char of ``seps`` that is outside brackets/parentheses/quotes."""
    out, buf, depth, quote = [], [], 0, ""
    for ch in text:
        if quote:
            buf.append(ch)
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
        elif ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif ch in seps and depth == 0:
            out.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    out.append("".join(buf))
    return [p for p in (s.strip() for s in out) if p]


def _strip_brackets(text: str) -> str:
    return re.sub(r"\[[^\]]*\]|\([^)]*\)", "", text)


_SIMPLE = re.compile(r"^([a-zA-Z][\w-]*)?(?:([#.])([\w-]+))?"
                     r"(?:\[([\w-]+)(?:([$^*]?=)['\"]?([^'\"\]\s]+)['\"]?(\s+i)?)?\])?$")


@lru_cache(maxsize=1024)
def _plan(selector: str) -> tuple[soupsieve.SoupSieve, tuple[tuple[str, str], ...] | None, tuple | None]:
    """The compiled selector, one index key per comma part (None: no usable key) and, when every
    part is one compound like ``tag``, ``.class``, ``#id``, ``tag.class`` or ``tag[attr$=value i]``,
    the equivalent plain tests that replace soupsieve's slower ``match``."""
    keys: list[tuple[str, str]] = []
    simple: list[tuple] | None = []
    for part in _split_top(selector, ","):
        m = _SIMPLE.match(part)
        if m and (m.group(1) or m.group(2) or m.group(4)) and simple is not None:
            tag, kind, value, attr, op, aval, icase = m.groups()
            if icase and aval:
                aval = aval.lower()
            simple.append((tag.lower() if tag else None, kind, value, attr, op, aval, bool(icase)))
        else:
            simple = None
        last = _split_top(part.replace(">", " ").replace("+", " ").replace("~", " "), " \t\n")[-1]
        bare = _strip_brackets(last)
        m = _ID.search(bare)
        if m:
            keys.append(("id", m.group(1)))
            continue
        m = _CLASS.search(bare)
        if m:
            keys.append(("class", m.group(1)))
            continue
        m = _TAG.match(bare)
        if m and m.group(1) != "*":
            keys.append(("tag", m.group(1).lower()))
            continue
        m = _ATTR.match(last)
        if m:
            keys.append(("attr", m.group(1).lower()))
            continue
        return soupsieve.compile(selector), None, None
    return soupsieve.compile(selector), tuple(keys), tuple(simple) if simple else None


class CssIndex:
    """Index of one parsed page; ``select``/``select_one`` behave like soupsieve's."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self.pos: dict[int, int] = {}
        self.maps: dict[str, defaultdict[str, list[Tag]]] = {
            "id": defaultdict(list), "class": defaultdict(list), "tag": defaultdict(list), "attr": defaultdict(list)}
        by_id, by_class, by_tag, by_attr = (self.maps[k] for k in ("id", "class", "tag", "attr"))
        n = 0
        for el in soup.descendants:
            if not isinstance(el, Tag):
                continue
            self.pos[id(el)] = n
            n += 1
            by_tag[el.name].append(el)
            attrs = el.attrs
            if attrs:
                for k, v in attrs.items():
                    by_attr[k].append(el)
                    if k == "id":
                        by_id[v].append(el)
                    elif k == "class":
                        for c in v if isinstance(v, list) else v.split():
                            by_class[c].append(el)

    def _candidates(self, keys: tuple[tuple[str, str], ...]) -> list[Tag]:
        if len(keys) == 1:
            kind, value = keys[0]
            return self.maps[kind].get(value, [])
        seen: dict[int, Tag] = {}
        for kind, value in keys:
            for el in self.maps[kind].get(value, ()):
                seen[id(el)] = el
        return sorted(seen.values(), key=lambda e: self.pos.get(id(e), 0))

    def select(self, root: Tag, selector: str, limit: int = 0) -> list[Tag]:
        css, keys, simple = _plan(selector)
        if keys is None:
            return css.select(root, limit=limit)
        whole = root is self.soup or root.parent is None or root.name == "html"
        out: list[Tag] = []
        for el in self._candidates(keys):
            if el is root or (not whole and not _within(el, root)):
                continue
            if (_simple_match(el, simple) if simple else css.match(el)):
                out.append(el)
                if limit and len(out) >= limit:
                    break
        return out

    def select_one(self, root: Tag, selector: str) -> Tag | None:
        found = self.select(root, selector, limit=1)
        return found[0] if found else None


def _simple_match(el: Tag, tests: tuple) -> bool:
    for tag, kind, value, attr, op, aval, icase in tests:
        if tag and el.name != tag:
            continue
        if kind == "#" and el.get("id") != value:
            continue
        if kind == "." and value not in (el.get("class") or ()):
            continue
        if attr:
            have = el.get(attr)
            if have is None:
                continue
            if op:
                if isinstance(have, list):
                    have = " ".join(have)
                if icase:
                    have = have.lower()
                if op == "=" and have != aval or op == "$=" and not have.endswith(aval) or \
                        op == "^=" and not have.startswith(aval) or op == "*=" and aval not in have:
                    continue
        return True
    return False


def _within(el: Tag, root: Tag) -> bool:
    p = el.parent
    while p is not None:
        if p is root:
            return True
        p = p.parent
    return False
