"""Fast CSS selection over a BeautifulSoup tree, for the many family selectors tried per page.

Why: soupsieve's ``select`` walks the whole tree for every selector; a family table tries ~50
selectors per page, which made selection cost far more than parsing. Here the tree is indexed once
(by id, class and tag name, in document order); a selector's right-most compound
gives the few candidate elements, and soupsieve's ``match`` (which checks the full selector,
ancestors included) confirms each one. Results are identical to ``soupsieve.select``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache

import soupsieve
from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

_ID = re.compile(r"#([\w-]+)")
_CLASS = re.compile(r"\.([\w-]+)")
_TAG = re.compile(r"^([a-zA-Z][\w-]*)")
_ATTR_VALUE = re.compile(r"^\[([\w-]+)([$^*]?=)['\"]?([^'\"\]\s]+)['\"]?(\s+i)?\]$")


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


def _compound(text: str) -> tuple | None:
    m = _SIMPLE.match(text)
    if not m or not (m.group(1) or m.group(2) or m.group(4)):
        return None
    tag, kind, value, attr, op, aval, icase = m.groups()
    if icase and aval:
        aval = aval.lower()
    return (tag.lower() if tag else None, kind, value, attr, op, aval, bool(icase))


def _chain(part: str) -> tuple | None:
    """``div.a > p span`` as ((test(span), " "), (test(p), ">"), (test(div.a), None)), right to left."""
    bare = _strip_brackets(part)
    if any(c in bare for c in "+~:*()") or ">" in part.replace(">", "", bare.count(">")):
        return None
    tokens = _split_top(part.replace(">", " > "), " \t\n")
    compounds: list[tuple] = []
    combinator = " "
    for tok in reversed(tokens):
        if tok == ">":
            if not compounds or combinator == ">":
                return None
            combinator = ">"
            continue
        test = _compound(tok)
        if test is None:
            return None
        if compounds:
            compounds[-1] = (compounds[-1][0], combinator)
        compounds.append((test, None))
        combinator = " "
    return tuple(compounds) if compounds and combinator == " " else None


@lru_cache(maxsize=1024)
def _plan(selector: str) -> tuple[soupsieve.SoupSieve, tuple[tuple[str, str], ...] | None, tuple | None]:
    """The compiled selector, one index key per comma part (None: no usable key) and, when every
    part is a chain of compounds like ``tag``, ``.class``, ``#id``, ``tag.class`` or
    ``tag[attr$=value i]`` joined by descendant or ``>`` combinators, the equivalent plain tests
    that replace soupsieve's slower ``match``."""
    keys: list[tuple[str, str]] = []
    simple: list[tuple] | None = []
    for part in _split_top(selector, ","):
        chain = _chain(part)
        if chain is not None and simple is not None:
            simple.append(chain)
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
        m = _ATTR_VALUE.match(last)
        if m and (m.group(1).lower() == "id" or m.group(1).lower() == "class" and m.group(2) != "="):
            # class tokens hold no spaces, so a substring test on the token equals one on the attribute
            keys.append(("attrval", "|".join((m.group(1).lower(), m.group(2), m.group(3), m.group(4) or ""))))
            continue
        return soupsieve.compile(selector), None, None
    return soupsieve.compile(selector), tuple(keys), tuple(simple) if simple else None


class IndexingSoup(BeautifulSoup):
    """BeautifulSoup that records, while the tree builder runs, every element (in document order)
    and every short text node, so :class:`CssIndex` needs no second walk over the tree.

    ``pushTag`` and ``object_was_parsed`` are the hooks every bs4 tree builder calls for each start
    tag and each finished text node; the tree itself is built exactly as by ``BeautifulSoup``.
    """

    def reset(self) -> None:
        self.parsed_tags: list[Tag] = []
        self.short_strings: list[NavigableString] = []
        super().reset()
        self.parsed_tags.clear()  # reset() pushes the document object itself; it is no element

    def pushTag(self, tag: Tag) -> None:  # noqa: N802 (bs4's name)
        super().pushTag(tag)
        self.parsed_tags.append(tag)

    def object_was_parsed(self, o, parent=None, most_recent_element=None) -> None:  # noqa: ANN001
        super().object_was_parsed(o, parent, most_recent_element)
        if type(o) is NavigableString and len(o) <= 200:
            self.short_strings.append(o)


class CssIndex:
    """Index of one parsed page; ``select``/``select_one`` behave like soupsieve's."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self.pos: dict[int, int] = {}
        self.maps: dict[str, defaultdict[str, list[Tag]]] = {
            "id": defaultdict(list), "class": defaultdict(list), "tag": defaultdict(list)}
        by_id, by_class, by_tag = (self.maps[k] for k in ("id", "class", "tag"))
        self._attrval: dict[str, list[Tag]] = {}
        self._links: list[Tag] | None = None
        self._link_pos: list[int] = []
        #: short text nodes in document order (headings, labels): searched without walking the tree
        self.short_strings: list[NavigableString]
        if isinstance(soup, IndexingSoup):  # collected while parsing: no second walk over the tree
            tags = soup.parsed_tags
            self.short_strings = soup.short_strings
        else:
            tags = []
            self.short_strings = []
            for el in soup.descendants:
                if isinstance(el, Tag):
                    tags.append(el)
                elif type(el) is NavigableString and len(el) <= 200:
                    self.short_strings.append(el)
        built = getattr(soup, "index_maps", None)
        if built is not None:  # filled by ingest.soupbuild while it built the tree
            self.pos = built[0]
            self.maps = {"id": built[1], "class": built[2], "tag": built[3]}
            return
        pos = self.pos
        for n, el in enumerate(tags):
            pos[id(el)] = n  # document order of elements: a subtree is the range [pos(root), pos(last tag)]
            by_tag[el.name].append(el)
            attrs = el.attrs
            if attrs:
                v = attrs.get("id")
                if v:
                    by_id[v].append(el)
                v = attrs.get("class")
                if v:
                    for c in v if isinstance(v, list) else v.split():
                        by_class[c].append(el)

    def _lookup(self, kind: str, value: str) -> list[Tag]:
        if kind != "attrval":
            return self.maps[kind].get(value, [])
        # [id$=x], [class*=x i]: test the few distinct id/class values, not every element
        found = self._attrval.get(value)
        if found is None:
            attr, op, want, icase = value.split("|")
            if icase:
                want = want.lower()
            lists = []
            for have, els in self.maps[attr].items():
                h = have.lower() if icase else have
                if op == "=" and h == want or op == "$=" and h.endswith(want) or \
                        op == "^=" and h.startswith(want) or op == "*=" and want in h:
                    lists.append(els)
            if len(lists) == 1:
                found = lists[0]
            else:
                uniq = {id(e): e for els in lists for e in els}
                found = sorted(uniq.values(), key=lambda e: self.pos.get(id(e), 0))
            self._attrval[value] = found
        return found

    def _candidates(self, keys: tuple[tuple[str, str], ...]) -> list[Tag]:
        if len(keys) == 1:
            return self._lookup(*keys[0])
        seen: dict[int, Tag] = {}
        for kind, value in keys:
            for el in self._lookup(kind, value):
                seen[id(el)] = el
        return sorted(seen.values(), key=lambda e: self.pos.get(id(e), 0))

    def select(self, root: Tag, selector: str, limit: int = 0) -> list[Tag]:
        css, keys, simple = _plan(selector)
        if keys is None:
            return css.select(root, limit=limit)
        whole = root is self.soup or root.parent is None or root.name == "html"
        lo, hi = (-1, len(self.pos)) if whole else self.span(root)
        pos = self.pos
        out: list[Tag] = []
        for el in self._candidates(keys):
            if not lo < pos.get(id(el), -1) <= hi:
                continue
            if (_simple_match(el, simple) if simple else css.match(el)):
                out.append(el)
                if limit and len(out) >= limit:
                    break
        return out

    def span(self, root: Tag) -> tuple[int, int]:
        """Document positions of ``root`` and of the last element of its subtree."""
        last = root
        while True:
            for child in reversed(last.contents):
                if isinstance(child, Tag):
                    last = child
                    break
            else:
                break
        return self.pos.get(id(root), -1), self.pos.get(id(last), -1)

    def within(self, node: Tag | NavigableString, root: Tag) -> bool:
        """True when ``node`` is a proper descendant of ``root`` (O(depth of root's last branch))."""
        if not isinstance(node, Tag):
            node = node.parent
            if node is root:
                return True
            if node is None:
                return False
        lo, hi = self.span(root)
        p = self.pos.get(id(node))
        return p is not None and lo < p <= hi

    def links_in(self, root: Tag, limit: int = 0) -> list[Tag]:
        """``a[href]`` elements inside ``root`` in document order, found by bisection over positions."""
        if self._links is None:
            self._links = [a for a in self.maps["tag"].get("a", ()) if a.has_attr("href")]
            self._link_pos = [self.pos[id(a)] for a in self._links]
        lo, hi = self.span(root)
        start = bisect_right(self._link_pos, lo)
        end = bisect_right(self._link_pos, hi)
        if limit:
            end = min(end, start + limit)
        return self._links[start:end]

    def select_one(self, root: Tag, selector: str) -> Tag | None:
        found = self.select(root, selector, limit=1)
        return found[0] if found else None


def _simple_match(el: Tag, chains: tuple) -> bool:
    return any(_chain_match(el, chain, 0) for chain in chains)


def _chain_match(node: Tag, chain: tuple, i: int) -> bool:
    test, combinator = chain[i]
    if not _test(node, test):
        return False
    if combinator is None:
        return True
    parent = node.parent
    if combinator == ">":
        return parent is not None and parent.parent is not None and _chain_match(parent, chain, i + 1)
    while parent is not None and parent.parent is not None:  # the document itself is no element
        if _chain_match(parent, chain, i + 1):
            return True
        parent = parent.parent
    return False


def _test(el: Tag, test: tuple) -> bool:
    tag, kind, value, attr, op, aval, icase = test
    if tag and el.name != tag:
        return False
    if kind == "#" and el.get("id") != value:
        return False
    if kind == ".":
        classes = el.get("class") or ()
        if value not in (classes.split() if isinstance(classes, str) else classes):
            return False
    if attr:
        have = el.get(attr)
        if have is None:
            return False
        if op:
            if isinstance(have, list):
                have = " ".join(have)
            if icase:
                have = have.lower()
            if op == "=" and have != aval or op == "$=" and not have.endswith(aval) or \
                    op == "^=" and not have.startswith(aval) or op == "*=" and aval not in have:
                return False
    return True
