"""What ``tracuu parse --explain`` shows: for each field, the rule that produced it and the
candidates weighed.

Why a record of its own rather than log lines: a user facing a portal nobody described needs to see,
in one command, why a field came out as it did (which family selector or generic rule won, which
dates were found where and at what precision, which blocks competed for the body). The stages write
into an ``Explain`` only when one is attached to the page (``Page.trace``); normal parsing pays one
``is None`` test per stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.document import Document, iso

#: fields in the order they are printed
FIELDS = ("family", "title", "published", "updated", "category", "summary", "body", "kind", "related",
          "latest", "attachments")


@dataclass
class FieldTrace:
    rule: str = ""
    value: Any = None
    details: dict[str, Any] = field(default_factory=dict)
    candidates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Explain:
    fields: dict[str, FieldTrace] = field(default_factory=dict)

    def _field(self, name: str) -> FieldTrace:
        ft = self.fields.get(name)
        if ft is None:
            ft = self.fields[name] = FieldTrace()
        return ft

    def note(self, name: str, rule: str, /, value: Any = None, **details: Any) -> None:
        """The rule that produced field ``name`` (the last note wins: later stages refine earlier ones)."""
        ft = self._field(name)
        ft.rule = rule
        if value is not None:
            ft.value = value
        ft.details.update(details)

    def candidate(self, field_name: str, /, **info: Any) -> None:
        """One candidate considered for a field (a date with its source, a body block with its score)."""
        self._field(field_name).candidates.append(info)

    def to_dict(self, doc: Document | None = None) -> dict[str, Any]:
        """``{field: {"rule", "value"?, details…, "candidates"?}}`` in :data:`FIELDS` order; with ``doc``,
        every field is present (a field no stage noted says "none found") and carries its final value."""
        names = list(FIELDS) if doc is not None else []
        names += [n for n in self.fields if n not in names]
        names.sort(key=lambda n: (FIELDS.index(n) if n in FIELDS else len(FIELDS), n))
        out: dict[str, Any] = {}
        for name in names:
            ft = self.fields.get(name, FieldTrace(rule=NONE_FOUND))
            entry: dict[str, Any] = {"rule": ft.rule if ft.rule not in ("", "none") else NONE_FOUND}
            value = _doc_value(doc, name) if doc is not None else None
            if value is None:
                value = ft.value
            if value is not None:
                entry["value"] = value
            entry.update(ft.details)
            if ft.candidates:
                entry["candidates"] = ft.candidates
            out[name] = entry
        return out

    def to_text(self, doc: Document | None = None) -> str:
        """Plain text: one line per field (value, then the rule), candidates indented below it."""
        lines: list[str] = []
        for name, entry in self.to_dict(doc).items():
            value = entry.get("value")
            head = f"{name}: {_short(value) if value is not None else '—'}"
            lines.append(head)
            lines.append(f"    quy tắc (rule): {entry['rule']}")
            extras = {k: v for k, v in entry.items() if k not in ("rule", "value", "candidates")}
            if extras:
                lines.append("    " + ", ".join(f"{k}={_short(v)}" for k, v in extras.items()))
            cands = entry.get("candidates", [])
            if cands:
                lines.append(f"    ứng viên (candidates): {len(cands)}")
            for cand in cands[:20]:
                lines.append("      - " + ", ".join(f"{k}={_short(v)}" for k, v in cand.items()))
        return "\n".join(lines)


NONE_FOUND = "không tìm thấy (none found)"


def _doc_value(doc: Document, name: str) -> Any:
    """The field's final value as printed by --explain (lists and bodies summarised)."""
    if name == "published":
        return iso(doc.published)
    if name == "updated":
        return iso(doc.updated)
    if name in ("title", "kind", "category", "summary"):
        return getattr(doc, name) or None
    if name == "body":
        paras = doc.paragraphs
        return f"{len(paras)} đoạn (paragraphs), {len(doc.body)} ký tự (characters)" if paras else None
    if name in ("related", "latest"):
        items = getattr(doc, name)
        dated = sum(1 for i in items if i.published is not None)
        return f"{len(items)} mục (items), {dated} có thời gian (with a time)" if items else None
    if name == "attachments":
        return [a.url for a in doc.attachments] or None
    return None


def _short(value: Any, limit: int = 110) -> str:
    s = value if isinstance(value, str) else repr(value)
    return s if len(s) <= limit else s[: limit - 1] + "…"
