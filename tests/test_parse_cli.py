"""``tracuu parse`` and ``ingest.parse``: bad input (issue 2, acceptance 5), output formats, URLs.

Each bad input must give exactly one stderr line naming the file and the reason, the other files
must still be parsed, and the exit status must be 1 when anything was skipped or failed, 0
otherwise, 2 for usage errors. Tests run as root, where ``chmod 000`` does not stop reading, so
unreadable directory entries are simulated with a broken symbolic link, a FIFO (which must not be
opened: reading it would block) and, in-process, an ``open`` that raises PermissionError.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from ingest.parse import MAX_BYTES, SkipPage, nesting_depth, parse_page, sniff_kind, too_deep
from tests.conftest import FIXTURES, run_tracuu
from tracuu.parse_cmd import url_for

SEED = FIXTURES / "seed" / "000_421f44de57733f7b.txt"
SEED_TITLE = "Kết quả thực hiện công tác cải cách hành chính tỉnh Lai Châu năm 2018"
needs_html = pytest.mark.skipif(
    importlib.util.find_spec("ingest.htmlparse") is None, reason="ingest.htmlparse (helper phtml) not merged yet"
)


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")


def dump(title: str) -> str:
    """A variant of the seed text dump with another title."""
    return SEED.read_text(encoding="utf-8").replace(SEED_TITLE, title)


def stderr_lines(proc) -> list[str]:
    return [line for line in proc.stderr.decode("utf-8").splitlines() if line.strip()]


def jsonl(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]


# --- sniffing and parse_page --------------------------------------------------------------------


@pytest.mark.parametrize("data, path, ctype, expected", [
    (b"<!DOCTYPE html><html><body>x</body></html>", None, None, "html"),
    (b"\xef\xbb\xbf  <html><p>x</p></html>", None, None, "html"),
    (b"<div>a</div><p>b</p>", "a.aspx", None, "html"),
    (SEED.read_bytes(), "seed.txt", None, "text"),
    (b"just words", None, "text/plain; charset=utf-8", "text"),
    (b"", None, None, None),
    (b"  \n\t", None, None, None),
    (png_bytes(), "logo.aspx", "text/html", None),
    (b"%PDF-1.7\n...", None, None, None),
    (b"PK\x03\x04" + b"\x00" * 30, "van-ban.docx", None, None),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 30, "a.doc", None, None),
    (b"abc\x00\x01\x02def", None, None, None),
    (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", None, None, None),
    (b"body { color: red }", "site.css", None, None),
    (b'"""Build the samples."""\nimport os\n', "samples/_build.py", None, None),
    (b"<html></html>", None, "image/png", None),
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="x"><url/></urlset>', "sitemap.xml", None, None),
    (b"<rss version='2.0'><channel/></rss>", None, None, None),
    (b"User-agent: *\nDisallow: /admin\n", "site/robots.txt", None, None),
    (b'<?xml version="1.0"?>\n<!DOCTYPE html><html><body>x</body></html>', "a.xhtml", None, "html"),
])
def test_sniff_kind(data, path, ctype, expected):
    assert sniff_kind(data, path, ctype) == expected


def test_parse_page_text_dump_fills_source():
    data = SEED.read_bytes()
    doc = parse_page(data, path="seed.txt")
    assert doc.title == SEED_TITLE
    assert doc.source.path == "seed.txt"
    assert doc.source.bytes == len(data) == 8039
    assert doc.source.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.source.encoding == "utf-8"
    assert doc.source.repairs == []


def test_parse_page_url_wins_and_gives_site():
    doc = parse_page(SEED.read_bytes(), url="https://www.example.gov.vn/a.aspx")
    assert doc.url == "https://www.example.gov.vn/a.aspx"
    assert doc.site == "example.gov.vn"


@pytest.mark.parametrize("data, needle", [
    (b"", "empty file"),
    (png_bytes(), "PNG image"),
    (b"PK\x03\x04" + b"\x00" * 40, "ZIP"),
    (b"x" * (MAX_BYTES + 1), "file too large"),
    (b"Trang ch\xe1\xbb\xa7 Tin t\xe1\xbb\xa9c\n", "no article text"),
])
def test_parse_page_skips(data, needle):
    with pytest.raises(SkipPage) as info:
        parse_page(data)
    assert needle in info.value.reason
    assert isinstance(info.value, ValueError)
    assert "\n" not in info.value.reason


def test_size_limit_is_configurable():
    with pytest.raises(SkipPage, match="file too large"):
        parse_page(SEED.read_bytes(), max_bytes=1000)


def test_nesting_depth():
    assert nesting_depth("<html><body><div><p>a<p>b<br><img src=x><ul><li>1<li>2</ul></div></body></html>") == 4
    assert nesting_depth("<!-- <div><div> --><script>if (a<b) {}</script><div></div>") == 1
    assert nesting_depth("<div>" * 20000, stop_above=1000) == 1001
    assert nesting_depth("<div>" * 20000) == 20000
    assert too_deep("<div>" * 1001, 1000) and not too_deep("<div>" * 1000, 1000)
    assert not too_deep("<p>" * 5000 + "<br>" * 5000, 1000)


def test_deep_html_is_skipped_before_the_extractor():
    html = ("<html><body>" + "<div>" * 20000 + "<p>sâu</p>" + "</div>" * 20000 + "</body></html>").encode()
    with pytest.raises(SkipPage, match="nested too deeply"):
        parse_page(html)


@needs_html
def test_deep_html_within_a_raised_limit_does_not_crash():
    html = ("<html><head><title>Sâu</title></head><body>" + "<div>" * 20000 + "<p>Nội dung sâu.</p>"
            + "</div>" * 20000 + "</body></html>").encode()
    try:
        doc = parse_page(html, max_depth=10**6)
    except SkipPage as exc:  # a clear refusal is acceptable; a crash is not
        assert "nested too deeply" in exc.reason or "no article" in exc.reason
    else:
        assert doc.source.bytes == len(html)


# --- the CLI: bad input -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bad") / "site"
    (d / "tin-tuc").mkdir(parents=True)
    (d / "tin-tuc" / "bai-1.txt").write_text(dump("Bài một"), encoding="utf-8")
    (d / "tin-tuc" / "bai-2.txt").write_text(dump("Bài hai"), encoding="utf-8")
    (d / "empty.html").write_bytes(b"")
    (d / "logo.png").write_bytes(png_bytes())
    (d / "anh.aspx").write_bytes(png_bytes())
    with open(d / "big.html", "wb") as fh:  # 30 MB of real HTML
        fh.write("<html><head><title>Lớn</title></head><body>".encode())
        chunk = "<p>Đoạn văn rất dài của một trang rất lớn.</p>\n".encode() * 1000
        while fh.tell() < 30 * 1024 * 1024:
            fh.write(chunk)
        fh.write(b"</body></html>")
    (d / "deep.html").write_bytes(("<html><body>" + "<div>" * 20000 + "<p>x</p>" + "</div>" * 20000
                                   + "</body></html>").encode())
    (d / "no-article.txt").write_text("Trang chủ Tin tức\n\nTRANG THÔNG TIN ĐIỆN TỬ\nwww.example.gov.vn\n",
                                      encoding="utf-8")
    os.symlink(d / "does-not-exist.html", d / "broken-link.html")
    os.mkfifo(d / "pipe.html")
    return d


EXPECTED_BAD = {
    "empty.html": "empty file",
    "logo.png": "PNG image",
    "anh.aspx": "PNG image",
    "big.html": "file too large",
    "deep.html": "nested too deeply",
    "no-article.txt": "no article text",
    "broken-link.html": "broken symbolic link",
    "pipe.html": "not a regular file",
}


def test_directory_with_bad_files(bad_dir: Path):
    proc = run_tracuu("parse", str(bad_dir), timeout=120)
    assert proc.returncode == 1
    lines = stderr_lines(proc)
    assert len(lines) == len(EXPECTED_BAD), lines
    for name, reason in EXPECTED_BAD.items():
        mine = [line for line in lines if f"{bad_dir / name}:" in line]
        assert len(mine) == 1, (name, lines)
        assert reason in mine[0], (name, mine[0])
    docs = jsonl(proc)
    assert [d["title"] for d in docs] == ["Bài một", "Bài hai"]
    assert [d["source"]["path"] for d in docs] == [str(bad_dir / "tin-tuc" / "bai-1.txt"),
                                                   str(bad_dir / "tin-tuc" / "bai-2.txt")]


@pytest.mark.parametrize("name", sorted(EXPECTED_BAD))
def test_each_bad_file_alone(bad_dir: Path, name: str):
    good = bad_dir / "tin-tuc" / "bai-1.txt"
    proc = run_tracuu("parse", str(bad_dir / name), str(good), timeout=120)
    assert proc.returncode == 1
    lines = stderr_lines(proc)
    assert len(lines) == 1, lines
    assert str(bad_dir / name) in lines[0] and EXPECTED_BAD[name] in lines[0]
    assert [d["title"] for d in jsonl(proc)] == ["Bài một"]


def test_nonexistent_path_is_a_failure_not_a_usage_error(tmp_path: Path):
    proc = run_tracuu("parse", str(tmp_path / "nope.html"), str(SEED))
    assert proc.returncode == 1
    lines = stderr_lines(proc)
    assert len(lines) == 1 and "nope.html" in lines[0] and "no such file" in lines[0]
    assert [d["title"] for d in jsonl(proc)] == [SEED_TITLE]


def test_invalid_utf8_text_is_parsed_with_one_warning(tmp_path: Path):
    data = dump("Bài lỗi byte").encode("utf-8").replace("Năm 2018, Tỉnh ủy".encode(), b"N\xff 2018, T\xe1\xbb ")
    f = tmp_path / "hong.txt"
    f.write_bytes(data)
    proc = run_tracuu("parse", str(f))
    assert proc.returncode == 0
    lines = stderr_lines(proc)
    assert len(lines) == 1 and str(f) in lines[0] and "invalid-utf8-replaced:2" in lines[0]
    doc = json.loads(proc.stdout)
    assert doc["title"] == "Bài lỗi byte"
    assert doc["source"]["repairs"] == ["invalid-utf8-replaced:2"]
    assert doc["body"].startswith("N\ufffd 2018, T\ufffd ")
    assert len(doc["body"].split("\n\n")) == 8


@needs_html
def test_invalid_utf8_html_is_parsed_with_one_warning(tmp_path: Path):
    html = ('<html><head><meta charset="utf-8"><title>Trang lỗi</title></head><body><h1>Trang lỗi</h1>'
            '<p>Đoạn một có byte hỏng ở đây: X.</p><p>Đoạn hai vẫn đúng.</p></body></html>')
    f = tmp_path / "hong.html"
    f.write_bytes(html.encode("utf-8").replace(b"X.", b"\xff\xfe."))
    proc = run_tracuu("parse", str(f))
    assert proc.returncode == 0
    lines = stderr_lines(proc)
    assert len(lines) == 1 and str(f) in lines[0] and "invalid-utf8" in lines[0]
    doc = json.loads(proc.stdout)
    assert "Đoạn hai vẫn đúng." in doc["body"]
    assert doc["source"]["repairs"] == ["invalid-utf8-replaced:2"]


@needs_html
def test_html_page_without_article(tmp_path: Path):
    f = tmp_path / "trong.html"
    f.write_text("<html><head><script>var a = 1;</script><style>p{}</style></head><body><div></div></body></html>",
                 encoding="utf-8")
    proc = run_tracuu("parse", str(f), str(SEED))
    assert proc.returncode == 1
    lines = stderr_lines(proc)
    assert len(lines) == 1 and str(f) in lines[0] and "no article text" in lines[0]
    assert [d["title"] for d in jsonl(proc)] == [SEED_TITLE]


def test_permission_denied_in_process(tmp_path: Path, monkeypatch, capsys):
    import builtins

    import tracuu.parse_cmd as parse_cmd
    from tracuu.cli import main

    d = tmp_path / "perm"
    (d / "closed").mkdir(parents=True)
    shutil.copy(SEED, d / "a.txt")
    shutil.copy(SEED, d / "locked.txt")
    shutil.copy(SEED, d / "closed" / "b.txt")
    real_open = builtins.open
    real_scandir = os.scandir

    def fake_scandir(path="."):
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)

    def fake_open(path, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(parse_cmd, "open", fake_open, raising=False)
    assert main(["parse", str(d)]) == 1
    out, err = capsys.readouterr()
    lines = sorted(line for line in err.splitlines() if line.strip())
    assert len(lines) == 2, lines
    assert f"{d / 'closed'}: không có quyền đọc (permission denied)" in lines[0]
    assert f"{d / 'locked.txt'}: không có quyền đọc (permission denied)" in lines[1]
    assert [json.loads(line)["title"] for line in out.splitlines()] == [SEED_TITLE]


# --- the CLI: formats, order, URLs, usage -------------------------------------------------------

def test_one_file_prints_one_indented_object():
    proc = run_tracuu("parse", str(SEED))
    assert proc.returncode == 0 and proc.stderr == b""
    doc = json.loads(proc.stdout)
    assert doc["title"] == SEED_TITLE
    assert doc["published"] == "2018-12-21T09:26:09+07:00"
    assert doc["site"] == "cchc.laichau.gov.vn"
    assert doc["url"] is None
    assert list(doc) == ["url", "site", "kind", "title", "published", "updated", "category", "summary", "body",
                         "images", "attachments", "related", "latest", "source"]
    assert proc.stdout.decode().startswith("{\n  ")


def test_one_file_jsonl_and_url(tmp_path: Path):
    proc = run_tracuu("parse", str(SEED), "--format", "jsonl", "--url", "https://cchc.laichau.gov.vn/a.aspx")
    assert proc.returncode == 0
    (doc,) = jsonl(proc)
    assert doc["url"] == "https://cchc.laichau.gov.vn/a.aspx"


def test_directory_jsonl_in_sorted_path_order_with_base_url(tmp_path: Path):
    root = tmp_path / "mirror"
    for rel, title in [("b.txt", "B"), ("a/c.txt", "AC"), ("a.txt", "A"), ("tin-tuc/x y.txt", "XY"),
                       ("tin-tuc/index.html", "IDX"), (".git/ignored.txt", "HIDDEN"),
                       ("hts-cache/new.txt", "CACHE"), ("hts-log.txt", "LOG")]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(dump(title), encoding="utf-8")
    proc = run_tracuu("parse", str(root), "--base-url", "https://www.example.gov.vn/")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    docs = jsonl(proc)
    assert [(d["title"], d["url"]) for d in docs] == [
        ("A", "https://www.example.gov.vn/a.txt"),
        ("AC", "https://www.example.gov.vn/a/c.txt"),
        ("B", "https://www.example.gov.vn/b.txt"),
        ("IDX", "https://www.example.gov.vn/tin-tuc/"),
        ("XY", "https://www.example.gov.vn/tin-tuc/x%20y.txt"),
    ]
    assert {d["site"] for d in docs} == {"example.gov.vn"}


def test_several_paths_keep_argument_order(tmp_path: Path):
    (tmp_path / "z.txt").write_text(dump("Z"), encoding="utf-8")
    (tmp_path / "a.txt").write_text(dump("A"), encoding="utf-8")
    proc = run_tracuu("parse", str(tmp_path / "z.txt"), str(tmp_path / "a.txt"))
    assert [d["title"] for d in jsonl(proc)] == ["Z", "A"]
    proc = run_tracuu("parse", str(tmp_path / "z.txt"), str(tmp_path / "a.txt"), "--format", "json")
    assert [d["title"] for d in json.loads(proc.stdout)] == ["Z", "A"]


def test_base_url_for_a_file_is_relative_to_cwd(tmp_path: Path):
    (tmp_path / "tin-tuc").mkdir()
    (tmp_path / "tin-tuc" / "a.txt").write_text(dump("A"), encoding="utf-8")
    proc = run_tracuu("parse", "tin-tuc/a.txt", "--base-url", "https://host.gov.vn", cwd=tmp_path)
    assert json.loads(proc.stdout)["url"] == "https://host.gov.vn/tin-tuc/a.txt"


@pytest.mark.parametrize("base, rel, expected", [
    ("https://host/", "tin-tuc/a.aspx", "https://host/tin-tuc/a.aspx"),
    ("https://host", "tin-tuc/a.aspx", "https://host/tin-tuc/a.aspx"),
    ("https://host/sub/", "index.html", "https://host/sub/"),
    ("https://host/", "tin-tuc/index.htm", "https://host/tin-tuc/"),
    ("https://host/", "tin-tuc/Index.HTML", "https://host/tin-tuc/"),
    ("https://host/", "tin tức/a:b.html", "https://host/tin%20t%E1%BB%A9c/a:b.html"),
])
def test_url_for(base, rel, expected):
    assert url_for(base, rel) == expected


@pytest.mark.parametrize("args", [
    ["parse"],
    ["parse", str(SEED), "--format", "xml"],
    ["parse", str(SEED), "--url", "https://a/", "--base-url", "https://b/"],
    ["parse", str(SEED), str(SEED), "--url", "https://a/"],
    ["parse", str(FIXTURES), "--url", "https://a/"],
    ["parse", str(SEED), "--base-url", "ftp://host/"],
    ["parse", str(SEED), "--url", "not a url"],
    ["parse", str(SEED), "--max-size", "0"],
])
def test_usage_errors_exit_2(args):
    proc = run_tracuu(*args)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr.strip()


@needs_html
def test_portal_mirror_urls_match_truth(tmp_path: Path):
    """An HTTrack-style run over a generated site: every page gets exactly its real URL."""
    from tests.conftest import make_portal

    out = make_portal(tmp_path / "portal", 24, "7")
    truth = [json.loads(line) for line in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    host = truth[0]["host"]
    site = out / "sites" / host
    proc = run_tracuu("parse", str(site), "--base-url", f"https://{host}/", timeout=300)
    records = jsonl(proc)
    assert [d["source"]["path"] for d in records] == sorted(d["source"]["path"] for d in records)
    docs = [d for d in records if d["kind"] != "attachment"]
    expected = {r["url"]: r for r in truth if r["host"] == host}
    assert sorted(d["url"] for d in docs) == sorted(expected)
    for d in docs:
        r = expected[d["url"]]
        assert (d["kind"] == "article") == (r["kind"] == "article")
        if r["kind"] == "article":
            assert d["title"] == r["title"]
    # DOCX files are extracted as `tracuu ingest` extracts them: attachment records at their mirror URL.
    docx = sorted(p for p in site.rglob("*.docx"))
    attached = sorted((d["source"]["path"], d["url"]) for d in records if d["kind"] == "attachment")
    assert docx and attached == [(str(p), f"https://{host}/" + p.relative_to(site).as_posix()) for p in docx]
    # Images, robots.txt and sitemap.xml: one line each, and they make the exit status 1.
    non_pages = sorted(str(p) for p in site.rglob("*")
                       if p.is_file() and p.suffix.lower() not in {".html", ".aspx", ".docx"})
    lines = stderr_lines(proc)
    assert len(lines) == len(non_pages) > 0
    assert all("không phải trang" in line for line in lines)
    assert proc.returncode == 1


def test_file_name_that_is_not_utf8(tmp_path: Path):
    root = tmp_path / "m"
    root.mkdir()
    (Path(os.fsdecode(bytes(root) + b"/tin-\xff.txt"))).write_text(dump("Tên lạ"), encoding="utf-8")
    proc = run_tracuu("parse", str(root), "--base-url", "https://host.gov.vn/")
    assert proc.returncode == 0, proc.stderr
    (doc,) = jsonl(proc)
    assert doc["url"] == "https://host.gov.vn/tin-%FF.txt"
    assert doc["source"]["path"].endswith("tin-\\xff.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files; covered by test_permission_denied_in_process")
def test_chmod_000_file_and_directory(tmp_path: Path):
    root = tmp_path / "m"
    (root / "closed").mkdir(parents=True)
    shutil.copy(SEED, root / "a.txt")
    shutil.copy(SEED, root / "locked.txt")
    shutil.copy(SEED, root / "closed" / "b.txt")
    (root / "locked.txt").chmod(0)
    (root / "closed").chmod(0)
    try:
        proc = run_tracuu("parse", str(root))
    finally:
        (root / "closed").chmod(0o755)
    assert proc.returncode == 1
    lines = stderr_lines(proc)
    assert len(lines) == 2
    assert any("locked.txt" in line and "permission denied" in line for line in lines)
    assert any("closed" in line and "permission denied" in line for line in lines)
    assert [d["title"] for d in jsonl(proc)] == [SEED_TITLE]


def test_text_dump_saved_as_utf16_or_windows_1258():
    """Notepad's "Unicode" (UTF-16 with BOM) and "ANSI" on Vietnamese Windows (windows-1258)."""
    from tests.test_decode import cp1258

    text = SEED.read_text(encoding="utf-8")
    expected = parse_page(SEED.read_bytes())
    utf16 = parse_page(text.encode("utf-16"))
    assert utf16.source.encoding in ("utf-16-le", "utf-16-be")
    legacy = parse_page(cp1258(text.replace("\xa0", " ")))
    assert legacy.source.encoding == "windows-1258"
    assert "nfc-from-windows-1258" in legacy.source.repairs
    for doc in (utf16, legacy):
        assert (doc.title, doc.published, doc.category, doc.site) == (
            expected.title, expected.published, expected.category, expected.site)
        assert doc.paragraphs == expected.paragraphs
        assert [(i.title, i.published) for i in doc.related + doc.latest] == [
            (i.title, i.published) for i in expected.related + expected.latest]
