"""``tracuu reindex`` keeps attachments: rebuilt from the archive with their parents, and the stored
extraction reused (a scan is not OCRed a second time)."""

from __future__ import annotations

import json

from tests.conftest import run_tracuu
from tests.samples_index import MANIFEST, SAMPLES


def test_reindex_keeps_attachments_and_their_parents(tmp_path, monkeypatch):
    from index.attachregistry import Registry

    data = tmp_path / "data"
    res = run_tracuu("ingest", str(SAMPLES / MANIFEST["warc"]["file"]), "--data", str(data), "--jobs", "2",
                     "--no-ocr", timeout=600)
    assert res.returncode == 0, res.stderr.decode()

    def attachments() -> dict[str, list[str]]:
        out = json.loads(run_tracuu("search", "--json", "--data", str(data), "--limit", "50").stdout)
        got = {}
        for h in out["hits"]:
            if h["kind"] == "attachment":
                got[h["url"]] = sorted(p["url"] for p in h["attachment"]["parents"])
        return got

    before = attachments()
    assert len(before) == 4 and all(before.values())
    calls = []
    import index.attachextract as ad

    monkeypatch.setattr(ad, "extract_document", lambda *a, **k: calls.append(a) or ("fail", "extracted again"))
    from index.reindex import reindex

    summary = reindex(data, jobs=2)
    assert summary.failures == 0 and calls == []  # every attachment came from the registry
    assert attachments() == before
    reg = Registry(data)
    try:
        assert reg.counts()["files"] == 4 and reg.counts()["needs_ocr"] == 1
    finally:
        reg.close()
