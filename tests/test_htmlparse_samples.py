"""The bundled sample mirror (tracuu/samples, real-layout pages of six portals incl. Liferay 7 and
Tân Dân) against its manifest, with the family table and with the generic fallback alone.

List items on SharePoint/Tân Dân pages print only the day (``(20/06/2023)``), so list dates are
compared to the day there; the manifest keeps the full time the portal's database holds.
"""

from __future__ import annotations

import json

import pytest

from ingest.decode import decode_page
from ingest.document import parse_iso
from ingest.htmlparse import extract_html
from tests.conftest import REPO
from tests.portal_scoring import para_f1

SAMPLES = REPO / "tracuu" / "samples"
MANIFEST = SAMPLES / "manifest.json"


def _articles() -> list[dict]:
    if not MANIFEST.exists():
        return []
    pages = json.loads(MANIFEST.read_text(encoding="utf-8"))["pages"]
    return [p for p in pages if p.get("ingest", True) and p["kind"] == "article"
            and p["file"].endswith((".aspx", ".html", ".htm"))]


ARTICLES = _articles()


@pytest.mark.skipif(not ARTICLES, reason="no bundled samples")
@pytest.mark.parametrize("mode", [None, "generic"], ids=["families", "generic-only"])
def test_sample_articles(mode: str | None) -> None:
    problems: list[str] = []
    f1s: list[float] = []
    for page in ARTICLES:
        html = decode_page((SAMPLES / page["file"]).read_bytes()).text
        doc = extract_html(html, url=page["url"], family=mode)
        name = page["file"]
        if doc.kind != "article":
            problems.append(f"{name}: kind {doc.kind}")
        if doc.title != page["title"]:
            problems.append(f"{name}: title {doc.title!r}")
        if doc.published != parse_iso(page["published"]):
            problems.append(f"{name}: published {doc.published}")
        if doc.category != page["category"]:
            problems.append(f"{name}: category {doc.category}")
        if "body" in page:
            f1s.append(para_f1(doc.paragraphs, page["body"]))
        for role in ("related", "latest"):
            got = [(i.title, i.url, i.published.date() if i.published else None) for i in getattr(doc, role)]
            want = [(i["title"], i["url"], parse_iso(i["published"]).date()) for i in page.get(role) or []]
            if got != want:
                problems.append(f"{name}: {role} {got} != {want}")
        got_att = {(a.title, a.url) for a in doc.attachments}
        for att in page.get("attachments") or []:
            if (att["title"], att["url"]) not in got_att:
                problems.append(f"{name}: attachment {att} not in {got_att}")
        if mode is None and doc.summary != page.get("summary"):
            problems.append(f"{name}: summary {doc.summary!r}")
    assert not problems, "\n".join(problems)
    assert not f1s or sum(f1s) / len(f1s) >= 0.98
