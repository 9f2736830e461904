"""Node-by-node comparison of two BeautifulSoup trees (tests/test_soupbuild.py, bench checks).

Two trees are the same when, walking both in document order, every node has the same class, the
same text or name and attributes (value types included: ``AttributeValueList``,
``CharsetMetaAttributeValue``), the same links (parent, siblings, next/previous element, as
positions in that order) and the same remaining instance fields; and when ``IndexingSoup``'s
records (elements, short strings) list the same nodes.
"""

from __future__ import annotations

from bs4.element import Tag

_LINKS = ("parent", "next_element", "previous_element", "next_sibling", "previous_sibling")


def _nodes(soup: Tag) -> list:
    out = [soup]
    stack = [iter(soup.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        out.append(node)
        if isinstance(node, Tag):
            stack.append(iter(node.contents))
    return out


def _fields(node, pos: dict[int, int]) -> dict:
    out = {}
    for key, value in vars(node).items():
        if key in _LINKS:
            out[key] = None if value is None else pos.get(id(value), "outside")
        elif key == "contents":
            out[key] = [pos[id(c)] for c in value]
        elif key == "attrs":
            out[key] = [(k, type(v).__name__, v) for k, v in value.items()]
        elif key in ("builder", "markup", "parsed_tags", "short_strings", "tagStack", "currentTag",
                     "_most_recent_element", "open_tag_counter", "preserve_whitespace_tag_stack",
                     "string_container_stack", "current_data", "index_maps"):
            continue  # parser state, compared below where it matters
        else:
            out[key] = value
    return out


def differences(a: Tag, b: Tag, limit: int = 5) -> list[str]:
    """What differs between the trees ``a`` and ``b`` (empty when they are the same)."""
    na, nb = _nodes(a), _nodes(b)
    if len(na) != len(nb):
        return [f"{len(na)} nodes != {len(nb)} nodes"]
    pa = {id(n): i for i, n in enumerate(na)}
    pb = {id(n): i for i, n in enumerate(nb)}
    out: list[str] = []
    for i, (x, y) in enumerate(zip(na, nb, strict=True)):
        if type(x) is not type(y) or (not isinstance(x, Tag) and str(x) != str(y)):
            out.append(f"node {i}: {type(x).__name__} {str(x)[:40]!r} != {type(y).__name__} {str(y)[:40]!r}")
        else:
            fx, fy = _fields(x, pa), _fields(y, pb)
            if fx != fy:
                keys = sorted(k for k in fx.keys() | fy.keys() if fx.get(k, "missing") != fy.get(k, "missing"))
                out.append(f"node {i} ({getattr(x, 'name', type(x).__name__)}): fields differ: {keys}")
        if len(out) >= limit:
            return out
    for rec in ("parsed_tags", "short_strings"):
        ra, rb = getattr(a, rec, None), getattr(b, rec, None)
        if (ra is None) != (rb is None) or ra is not None and \
                [pa.get(id(n)) for n in ra] != [pb.get(id(n)) for n in rb]:
            out.append(f"{rec} differ")
    return out
