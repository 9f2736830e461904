"""The bundled samples (tracuu/samples/samples.warc.gz: pages and their Word, PDF, scanned PDF and
spreadsheet attachments) imported through the real pipeline, for the web and browser tests."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO

SAMPLES = REPO / "tracuu" / "samples"
MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
#: the text PDF "Báo cáo số 412/BC-UBND" (two pages), attached to the seed page
REPORT_PDF = next(a for a in MANIFEST["assets"] if a.get("attachment") and "412" in a["file"])


def import_samples(data: Path) -> Path:
    from index.pipeline import Ingestor

    with Ingestor(data, jobs=1) as ing:
        ing.import_paths([SAMPLES / MANIFEST["warc"]["file"]])
    assert ing.summary.failures == 0, ing.summary.examples
    return data
