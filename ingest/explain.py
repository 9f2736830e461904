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

    def note(self, name: str, rule: str, value: Any = None, **details: Any) -> None:
        """The rule that produced field ``name`` (the last note wins: later stages refine earlier ones)."""
        ft = self._field(name)
        ft.rule = rule
        if value is not None:
            ft.value = value
        ft.details.update(details)

    def candidate(self, name: str, **info: Any) -> None:
        """One candidate considered for field ``name`` (a date with its source, a body block with its score)."""
        self._field(name).candidates.append(info)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in sorted(self.fields, key=lambda n: (FIELDS.index(n) if n in FIELDS else len(FIELDS), n)):
            ft = self.fields[name]
            entry: dict[str, Any] = {"rule": ft.rule}
            if ft.value is not None:
                entry["value"] = ft.value
            entry.update(ft.details)
            if ft.candidates:
                entry["candidates"] = ft.candidates
            out[name] = entry
        return out

    def to_text(self) -> str:
        """Plain text: one block per field, candidates indented below their field."""
        lines: list[str] = []
        for name, entry in self.to_dict().items():
            head = f"{name}: {entry['rule'] or '-'}"
            extras = {k: v for k, v in entry.items() if k not in ("rule", "candidates")}
            if extras:
                head += "  (" + ", ".join(f"{k}={_short(v)}" for k, v in extras.items()) + ")"
            lines.append(head)
            for cand in entry.get("candidates", []):
                lines.append("    - " + ", ".join(f"{k}={_short(v)}" for k, v in cand.items()))
        return "\n".join(lines)


def _short(value: Any, limit: int = 90) -> str:
    s = value if isinstance(value, str) else repr(value)
    return s if len(s) <= limit else s[: limit - 1] + "…"
