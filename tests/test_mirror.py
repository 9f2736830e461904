"""One mirror walker (issue 9 item 7): ``tracuu parse`` and ``tracuu ingest`` give every mirror file
the same URL and document id, whether the mirror is laid out with or without its host folder."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from ingest.document import doc_id
from ingest.mirror import httrack_url, url_for, walk
from tests.conftest import make_portal, run_tracuu


@pytest.mark.parametrize("rel, base, expected", [
    ("tin-tuc/a.html", "https://a.gov.vn", "https://a.gov.vn/tin-tuc/a.html"),
    ("a.gov.vn/tin-tuc/a.html", "https://a.gov.vn/", "https://a.gov.vn/tin-tuc/a.html"),
    ("A.GOV.VN/tin-tuc/index.html", "https://a.gov.vn/", "https://a.gov.vn/tin-tuc/"),
    ("index.htm", "https://a.gov.vn/sub/", "https://a.gov.vn/sub/"),
    ("tin tức/bài 1.html", "https://a.gov.vn/", "https://a.gov.vn/tin%20t%E1%BB%A9c/b%C3%A0i%201.html"),
    # an escape saved in the name is kept (not encoded twice); a bare % is encoded once
    ("tin%20moi/x%2fy.html", "https://a.gov.vn/", "https://a.gov.vn/tin%20moi/x%2Fy.html"),
    ("giam 100%.html", "https://a.gov.vn/", "https://a.gov.vn/giam%20100%25.html"),
    ("a.gov.vn", "https://a.gov.vn/", "https://a.gov.vn/a.gov.vn"),  # a file named like the host stays
])
def test_url_for_with_base(rel, base, expected):
    assert url_for(rel, base) == expected


def test_url_for_from_host_folder():
    assert url_for("x/a.gov.vn/tin/1.html", None) == "https://a.gov.vn/tin/1.html"
    assert url_for("1.html", None, "/m/sites/B.gov.vn/tin/1.html") == "https://b.gov.vn/tin/1.html"
    assert url_for("tin/1.html", None, "/m/tin/1.html") is None
    assert url_for("a.gov.vn/index.html", None) == "https://a.gov.vn/"


def test_httrack_comment_wins_on_the_same_host_only():
    page = b"<html><!-- Mirrored from a.gov.vn/-/123-slug by HTTrack Website Copier/3.x -->"
    assert httrack_url(page, "https://a.gov.vn/-/123-slug.html") == "https://a.gov.vn/-/123-slug"
    assert httrack_url(page, "https://b.gov.vn/x.html") == "https://b.gov.vn/x.html"


def test_walk_skips_httrack_and_hidden_entries(tmp_path: Path):
    for rel in ["b/z.html", "a.html", "b/a/c.html", ".git/x", "hts-cache/new.zip", "hts-log.txt", ".hidden"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    assert [rel for _, rel in walk(tmp_path)] == ["a.html", "b/a/c.html", "b/z.html"]


def _parse_ids(*args: str) -> dict[str, str]:
    proc = run_tracuu("parse", *args, "--format", "jsonl", timeout=300)
    docs = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    return {d["source"]["path"]: (d["url"], doc_id(d["url"])) for d in docs}


def _ingest_ids(data: Path, *args: str) -> dict[str, tuple[str, str]]:
    proc = run_tracuu("ingest", *args, "--data", str(data), "--jobs", "1", timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    with sqlite3.connect(data / "catalog.sqlite") as db:
        rows = db.execute("SELECT url, doc_id, source_file_path FROM captures").fetchall()
    return {path: (url, did) for url, did, path in rows if did}


def _by_url(ids: dict[str, tuple[str, str]]) -> set[tuple[str, str]]:
    return set(ids.values())


def test_parse_and_ingest_agree_on_every_mirror_file(tmp_path: Path):
    out = make_portal(tmp_path / "portal", 8, "mirror", families="aspnet_vi")
    truth = [json.loads(line) for line in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    host = truth[0]["host"]
    site = out / "sites" / host
    article = next(r for r in truth if r["kind"] == "article")
    # names with spaces, Vietnamese letters, a saved %XX escape and a bare %
    extra = ["tin tức/bài viết 1.html", "tin%20moi/giam 100%.html"]
    for rel in extra:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(site / article["file"].split("/", 2)[-1], site / rel)

    with_host = tmp_path / "with-host"
    shutil.copytree(site, with_host / host)
    without_host = tmp_path / "without-host"
    shutil.copytree(site, without_host)
    base = f"https://{host}/"

    runs = {
        "parse, host folder": _parse_ids(str(with_host)),
        "parse, host folder, --base-url": _parse_ids(str(with_host), "--base-url", base),
        "parse, no host folder, --base-url": _parse_ids(str(without_host), "--base-url", base),
        "ingest, host folder": _ingest_ids(tmp_path / "d1", str(with_host)),
        "ingest, host folder, --base-url": _ingest_ids(tmp_path / "d2", str(with_host), "--base-url", base),
        "ingest, no host folder, --base-url": _ingest_ids(tmp_path / "d3", str(without_host), "--base-url", base),
    }
    expected = _by_url(runs["parse, host folder"])
    truth_urls = {r["url"] for r in truth if r["host"] == host}
    assert truth_urls <= {url for url, _ in expected}
    assert f"{base}tin%20t%E1%BB%A9c/b%C3%A0i%20vi%E1%BA%BFt%201.html" in {url for url, _ in expected}
    assert f"{base}tin%20moi/giam%20100%25.html" in {url for url, _ in expected}
    for name, ids in runs.items():
        assert _by_url(ids) == expected, name
    # file by file, too: the same file gets the same URL from both commands
    for layout, (p, i) in {"host": ("parse, host folder", "ingest, host folder"),
                           "flat": ("parse, no host folder, --base-url", "ingest, no host folder, --base-url")
                           }.items():
        parsed = {str(Path(k).resolve()): v for k, v in runs[p].items()}
        ingested = {str(Path(k).resolve()): v for k, v in runs[i].items()}
        assert parsed == ingested, layout
