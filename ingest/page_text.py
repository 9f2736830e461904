"""Stage 1 of page extraction: walking the parsed tree for text.

Every other stage reads text through these helpers, so they decide once what counts as text (no
scripts, comments, form controls), how it is cleaned (``clean``: NFC, invisibles, whitespace) and how
a subtree splits into paragraph blocks (``blocks``). The walkers are iterative, never recursive:
pages nested thousands of levels deep must not crash the parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import SplitResult, urlsplit

from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from ingest.cssindex import CssIndex
from ingest.textfix import normalize_unicode

WS = re.compile(r"\s+")
SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "head", "title", "meta", "link",
                       "svg", "object", "embed", "select", "option", "button", "input", "textarea", "video",
                       "audio", "map"})
BLOCK = frozenset({"p", "div", "li", "ul", "ol", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "h1", "h2",
                   "h3", "h4", "h5", "h6", "blockquote", "section", "article", "figure", "figcaption", "header",
                   "footer", "dl", "dt", "dd", "pre", "center", "main", "aside", "nav", "address", "hr", "form",
                   "fieldset", "caption"})
EMPH = frozenset({"i", "em", "b", "strong"})


def split_url(url: str) -> SplitResult | None:
    """``urlsplit`` that answers None for malformed URLs (``http://[::1``) instead of raising."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018  (validates the netloc: raises on a bad IPv6 literal)
        return parts
    except ValueError:
        return None


def clean(text: str) -> str:
    """``normalize_unicode`` (NFC, invisibles, NBSP, homoglyphs), whitespace collapsed: every text
    that leaves the parser goes through here."""
    if not text:
        return ""
    if not text.isascii():
        text = normalize_unicode(text)
    return WS.sub(" ", text).strip()


@lru_cache(maxsize=256)
def joined(selectors: tuple[str, ...]) -> str:
    """Several selectors as one comma list (order of results: document order)."""
    return ", ".join(dict.fromkeys(s for s in selectors if s))


def split_sel(sel: str) -> tuple[str, str | None]:
    """``"css@attr"`` → ``("css", "attr")``; a plain selector → ``(sel, None)``."""
    if "@" in sel and not sel.endswith("]"):
        css, attr = sel.rsplit("@", 1)
        return css, attr
    return sel, None


def first(ix: CssIndex, root: Tag, selectors: Iterable[str]) -> Tag | None:
    """The first element matched by the first selector that matches anything."""
    for sel in selectors:
        el = ix.select_one(root, split_sel(sel)[0])
        if el is not None:
            return el
    return None


def first_value(ix: CssIndex, root: Tag, selectors: Iterable[str]) -> tuple[str, Tag | None]:
    """Text (or attribute value for ``SEL@attr``) of the first selector that yields non-empty text."""
    for sel in selectors:
        css, attr = split_sel(sel)
        for el in ix.select(root, css, limit=3):
            value = el.get(attr) if attr else raw(el)
            if isinstance(value, list):
                value = " ".join(value)
            value = clean(value or "")
            if value:
                return value, el
    return "", None


def iter_strings(root: Tag, skip: set[int] | None = None) -> Iterator[NavigableString]:
    """Text nodes under ``root`` in document order, without scripts, comments or skipped subtrees."""
    stack: list = [iter(root.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, SKIP_STRINGS):
                yield node
        elif node.name not in SKIP_TAGS and (skip is None or id(node) not in skip):
            stack.append(iter(node.contents))


def raw(el: Tag) -> str:
    """The text of an element, words separated by a space (``get_text(" ")`` without its overhead)."""
    contents = el.contents
    if len(contents) == 1 and type(contents[0]) is NavigableString:
        return contents[0]
    return " ".join(iter_strings(el))


def text(el: Tag | None, skip: set[int] | None = None) -> str:
    """Cleaned text of an element (empty for None), skipping the subtrees whose ids are in ``skip``."""
    if el is None:
        return ""
    return clean(" ".join(iter_strings(el, skip)))


def is_descendant(node: Tag | NavigableString, ancestor: Tag) -> bool:
    p = node.parent
    while p is not None:
        if p is ancestor:
            return True
        p = p.parent
    return False


# --------------------------------------------------------------------------- paragraph blocks
@dataclass
class Block:
    """One paragraph-to-be: its text plus what the text came with (images, links, emphasis)."""

    parts: list[str] = field(default_factory=list)
    images: list[Tag] = field(default_factory=list)
    links: list[Tag] = field(default_factory=list)
    link_chars: int = 0
    emph_chars: int = 0
    chars: int = 0
    centered: bool = False
    text: str = ""


def is_centered(tag: Tag) -> bool:
    if (tag.get("align") or "").lower() == "center":
        return True
    style = tag.get("style")
    return bool(style) and "center" in style.replace(" ", "").lower()


def blocks(root: Tag, skip: set[int]) -> list[Block]:
    """Split ``root`` into paragraph blocks: block elements and ``<br>`` end a paragraph."""
    out: list[Block] = []
    cur = Block()

    def flush() -> None:
        nonlocal cur
        text = clean("".join(cur.parts))
        if text or cur.images:
            cur.text = text
            out.append(cur)
        centered = cur.centered if not (text or cur.images) else False
        cur = Block(centered=centered)

    # stack of (iterator, tag, is_block, is_emph, is_link)
    stack: list[tuple[Iterator, Tag | None, bool, bool, bool]] = [(iter(root.contents), None, False, False, False)]
    emph = link = 0
    while stack:
        it, tag, is_block, is_emph, is_link = stack[-1]
        node = next(it, None)
        if node is None:
            stack.pop()
            if is_block:
                flush()
            emph -= is_emph
            link -= is_link
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, SKIP_STRINGS):
                continue
            s = str(node)
            cur.parts.append(s)
            n = len(s.strip())
            cur.chars += n
            if emph:
                cur.emph_chars += n
            if link:
                cur.link_chars += n
            continue
        name = node.name
        if name in SKIP_TAGS or id(node) in skip:
            continue
        if name == "br":
            flush()
            continue
        if name == "img":
            cur.images.append(node)
            continue
        blk = name in BLOCK
        if blk:
            flush()
            if name in ("p", "div", "td", "center") and is_centered(node):
                cur.centered = True
        e = name in EMPH
        a = name == "a" and node.has_attr("href")
        if a:
            cur.links.append(node)
        emph += e
        link += a
        stack.append((iter(node.contents), node, blk, e, a))
    flush()
    return out
