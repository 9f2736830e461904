"""Streaming sources: real WARC/zip/tar files, hand-damaged copies, URL lists and sitemaps."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest.sources import (
    Limits,
    RawPage,
    SourceError,
    iter_path,
    iter_sitemap,
    iter_url_list,
    iter_warc,
    parse_sitemap,
    url_for_path,
)

HTML = "<html><head><title>Tin {n}</title></head><body><p>Nội dung {n}</p></body></html>"


def write_warc(path: Path, pages: list[tuple[str, bytes]], *, revisit_of: int | None = None,
               wget_brackets: bool = False) -> list[str]:
    """A small gzip WARC with response records (and optionally one revisit); returns record ids."""
    ids = []
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True, warc_version="1.1")
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            if wget_brackets:
                rec.rec_headers.replace_header("WARC-Target-URI", f"<{url}>")
            ids.append(rec.rec_headers.get_header("WARC-Record-ID"))
            w.write_record(rec)
        if revisit_of is not None:
            url, body = pages[revisit_of]
            first = ids[revisit_of]
            digest = "sha1:" + __import__("base64").b32encode(__import__("hashlib").sha1(body).digest()).decode()
            rev = w.create_revisit_record(url, digest, url, "2020-01-01T00:00:00Z",
                                          http_headers=StatusAndHeaders("304 Not Modified", [],
                                                                        protocol="HTTP/1.1"))
            rev.rec_headers.add_header("WARC-Refers-To", first)
            w.write_record(rev)
    return ids


def pages_of(items):
    return [i for i in items if isinstance(i, RawPage)]


def errors_of(items):
    return [i for i in items if isinstance(i, SourceError)]


def sample_pages(n: int) -> list[tuple[str, bytes]]:
    return [(f"https://a.gov.vn/tin/{i}.aspx", HTML.format(n=i).encode()) for i in range(n)]


def test_url_for_path_mirror_rules():
    assert url_for_path("index.html", "https://a.gov.vn") == "https://a.gov.vn/"
    assert url_for_path("2018/12/21/x/index.html", "https://a.gov.vn/") == "https://a.gov.vn/2018/12/21/x/"
    assert url_for_path("a.gov.vn/tin/1.aspx", "https://a.gov.vn/") == "https://a.gov.vn/tin/1.aspx"
    assert url_for_path("tin/1.aspx", None) is None


def test_warc_response_revisit_and_wget_uris(tmp_path):
    pages = sample_pages(3)
    ids = write_warc(tmp_path / "a.warc.gz", pages, revisit_of=1, wget_brackets=True)
    items = list(iter_warc(tmp_path / "a.warc.gz"))
    assert errors_of(items) == []
    got = pages_of(items)
    assert [p.url for p in got] == [u for u, _ in pages] + [pages[1][0]]
    assert got[0].payload == pages[0][1] and got[0].status == 200
    assert got[0].record_id == ids[0] and got[0].warc_digest == got[0].sha1_digest
    rev = got[-1]
    assert rev.record_type == "revisit" and rev.refers_to == ids[1]
    assert rev.payload == pages[1][1]
    assert rev.status == 304 and rev.content_type.startswith("text/html")
    # offsets are real: resuming from the second record's offset gives the rest
    rest = pages_of(iter_warc(tmp_path / "a.warc.gz", start=got[1].offset))
    assert [p.url for p in rest][:2] == [pages[1][0], pages[2][0]]


def test_revisit_without_original_is_reported(tmp_path):
    pages = sample_pages(2)
    write_warc(tmp_path / "a.warc.gz", pages, revisit_of=1)
    first = pages_of(iter_warc(tmp_path / "a.warc.gz"))
    # start after the original: the revisit cannot be resolved from this file alone
    items = list(iter_warc(tmp_path / "a.warc.gz", start=first[1].next_offset))
    errs = errors_of(items)
    assert len(errs) == 1 and "revisit" in errs[0].message and errs[0].stage == "warc"


def test_truncated_warc_reads_up_to_damage(tmp_path):
    pages = sample_pages(6)
    write_warc(tmp_path / "a.warc.gz", pages)
    data = (tmp_path / "a.warc.gz").read_bytes()
    full = pages_of(iter_warc(tmp_path / "a.warc.gz"))
    cut = full[4].offset + 40  # inside the fifth response
    (tmp_path / "t.warc.gz").write_bytes(data[:cut])
    items = list(iter_warc(tmp_path / "t.warc.gz"))
    assert [p.url for p in pages_of(items)] == [u for u, _ in pages[:4]]
    errs = errors_of(items)
    assert len(errs) == 1 and errs[0].offset == full[4].offset


def test_garbage_record_in_middle_is_skipped_and_reading_resumes(tmp_path):
    pages = sample_pages(6)
    write_warc(tmp_path / "a.warc.gz", pages)
    data = (tmp_path / "a.warc.gz").read_bytes()
    full = pages_of(iter_warc(tmp_path / "a.warc.gz"))
    m = full[3].offset
    for name, damaged in {
        "junk": data[:m] + b"GARBAGE GARBAGE\r\n" * 20 + data[m:],
        "gzjunk": data[:m] + gzip.compress(b"WARC/1.1\r\nbroken\r\n\r\n") + data[m:],
        "overwritten": data[:full[2].offset + 30] + b"\0" * 40 + data[full[2].offset + 70:],
    }.items():
        (tmp_path / f"{name}.warc.gz").write_bytes(damaged)
        items = list(iter_warc(tmp_path / f"{name}.warc.gz"))
        urls = [p.url for p in pages_of(items)]
        errs = errors_of(items)
        assert len(errs) >= 1, name
        assert "damaged record" in errs[0].message
        if name == "overwritten":
            assert urls == [u for i, (u, _) in enumerate(pages) if i != 2], name
        else:
            assert urls == [u for u, _ in pages], name


def test_oversized_record_is_reported_not_loaded(tmp_path):
    pages = sample_pages(2) + [("https://a.gov.vn/big", b"x" * 3_000_000)] + sample_pages(4)[3:]
    write_warc(tmp_path / "a.warc.gz", pages)
    items = list(iter_warc(tmp_path / "a.warc.gz", limits=Limits(max_payload=1_000_000)))
    assert [p.url for p in pages_of(items)] == [pages[0][0], pages[1][0], pages[3][0]]
    (err,) = errors_of(items)
    assert err.url == "https://a.gov.vn/big" and "too large" in err.message


def test_portalgen_warc_matches_files(portal_400):
    warcs = sorted((portal_400 / "warc").glob("*.warc.gz"))
    host = warcs[0].name[: -len(".warc.gz")]
    items = list(iter_warc(warcs[0]))
    assert errors_of(items) == []
    got = pages_of(items)
    site = portal_400 / "sites" / host
    files = [p for p in site.rglob("*") if p.is_file()]
    assert len(got) == len(files)
    by_url = {p.url: p for p in got}
    dir_pages = pages_of(iter_path(site, base_url=f"https://{host}/"))
    assert {p.url for p in dir_pages} == set(by_url)
    for p in dir_pages:
        assert by_url[p.url].payload == p.payload


def test_zip_and_tar_guards(tmp_path):
    zpath = tmp_path / "s.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.gov.vn/index.html", HTML.format(n=0))
        zf.writestr("a.gov.vn/tin/1.aspx", HTML.format(n=1))
        zf.writestr("../evil.html", "x")
        zf.writestr("/etc/passwd", "x")
        zf.writestr("bomb.html", b"\0" * 20_000_000)
    items = list(iter_path(zpath, base_url="https://a.gov.vn/"))
    assert [p.url for p in pages_of(items)] == ["https://a.gov.vn/", "https://a.gov.vn/tin/1.aspx"]
    msgs = [e.message for e in errors_of(items)]
    assert len(msgs) == 3
    assert any("'..'" in m for m in msgs) and any("absolute" in m for m in msgs)
    assert any("zip bomb" in m for m in msgs)

    tpath = tmp_path / "s.tar.gz"
    with tarfile.open(tpath, "w:gz") as tf:
        for name, data in [("index.html", HTML.format(n=0).encode()), ("../up.html", b"x"),
                           ("/abs.html", b"x"), ("tin/2.aspx", HTML.format(n=2).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("link.html")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tf.addfile(link)
    items = list(iter_path(tpath, base_url="https://a.gov.vn/"))
    assert [p.url for p in pages_of(items)] == ["https://a.gov.vn/", "https://a.gov.vn/tin/2.aspx"]
    assert len(errors_of(items)) == 3
    # a truncated tar.gz: members up to the damage, then one error
    data = tpath.read_bytes()
    (tmp_path / "cut.tar.gz").write_bytes(data[: len(data) // 2])
    items = list(iter_path(tmp_path / "cut.tar.gz"))
    assert errors_of(items) and errors_of(items)[-1].stage == "tar"


def test_url_list_reports_bad_lines():
    lines = ["# list", "https://a.gov.vn/x", "", "ftp://a.gov.vn/f", "javascript:alert(1)",
             "http://", "https://a.gov.vn/ bad", "http://b.gov.vn:99999/", "HTTP://c.gov.vn/ok"]
    out = list(iter_url_list(lines, "urls.txt"))
    assert [u for u in out if isinstance(u, str)] == ["https://a.gov.vn/x", "HTTP://c.gov.vn/ok"]
    errs = [e for e in out if isinstance(e, SourceError)]
    assert [e.offset for e in errs] == [4, 5, 6, 7, 8]
    assert all(e.stage == "urls" and e.url for e in errs)


def test_sitemap_index_and_html_sitemap():
    docs = {
        "https://a.gov.vn/sitemap_index.xml": b"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://a.gov.vn/s1.xml</loc></sitemap>
<sitemap><loc>https://a.gov.vn/s2.xml.gz</loc></sitemap>
<sitemap><loc>https://a.gov.vn/s3.xml</loc></sitemap></sitemapindex>""",
        "https://a.gov.vn/s1.xml": b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://a.gov.vn/1</loc><lastmod>2020-01-01</lastmod></url><url><loc>/2</loc></url></urlset>""",
        "https://a.gov.vn/s2.xml.gz": gzip.compress(
            b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>https://a.gov.vn/3</loc></url></urlset>"),
        "https://a.gov.vn/s3.xml": b"<!DOCTYPE html><html><body>Sitemap</body></html>",
    }

    def get(url):
        return docs[url]

    out = list(iter_sitemap("https://a.gov.vn/sitemap_index.xml", get))
    assert [u for u in out if isinstance(u, str)] == ["https://a.gov.vn/1", "https://a.gov.vn/2", "https://a.gov.vn/3"]
    (err,) = [e for e in out if isinstance(e, SourceError)]
    assert err.url == "https://a.gov.vn/s3.xml" and "HTML" in err.message
    missing = list(iter_sitemap("https://a.gov.vn/nope.xml", get))
    assert isinstance(missing[0], SourceError) and missing[0].stage == "sitemap"
    with pytest.raises(ValueError):
        parse_sitemap(b"<?xml version='1.0'?><rss></rss>")


def test_portalgen_sitemap_lists_articles(portal_400):
    sm = next((portal_400 / "sites").glob("*/sitemap.xml"))
    parsed = parse_sitemap(sm.read_bytes())
    assert parsed.kind == "urlset" and len(parsed.entries) >= 50


def test_arc_gz_records_are_read_as_responses(tmp_path):
    def rec(header: bytes, body: bytes) -> bytes:
        return gzip.compress(header + b"\n" + body + b"\n")

    desc = b"1 0 tracuu-test\nURL IP-address Archive-date Content-type Archive-length\n"
    data = rec(b"filedesc://t.arc 0.0.0.0 20200101000000 text/plain %d" % len(desc), desc)
    bodies = []
    for i in range(2):
        html = HTML.format(n=i).encode()
        bodies.append(html)
        http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(html)
        data += rec(b"http://a.gov.vn/%d.html 1.2.3.4 2020010100000%d text/html %d" % (i, i, len(http + html)),
                    http + html)
    (tmp_path / "t.arc.gz").write_bytes(data)
    items = list(iter_path(tmp_path / "t.arc.gz"))
    assert errors_of(items) == []
    got = pages_of(items)
    assert [(p.url, p.status, p.date, p.payload) for p in got] == [
        ("http://a.gov.vn/0.html", 200, "2020-01-01T00:00:00Z", bodies[0]),
        ("http://a.gov.vn/1.html", 200, "2020-01-01T00:00:01Z", bodies[1])]


def test_httrack_comment_gives_the_real_url_of_a_renamed_page(tmp_path):
    from ingest.sources import httrack_url, iter_directory

    host = tmp_path / "snv.quangtri.gov.vn" / "-"
    host.mkdir(parents=True)
    page = b"<html>\n<!-- Mirrored from snv.quangtri.gov.vn/-/2218840-cong-bo by HTTrack Website Copier/3.x -->\n"
    (host / "2218840-cong-bo.html").write_bytes(page + b"<p>x</p></html>")
    (host / "plain.html").write_bytes(b"<html><p>no comment</p></html>")
    urls = sorted(item.url for item in iter_directory(tmp_path))
    assert urls == ["https://snv.quangtri.gov.vn/-/2218840-cong-bo", "https://snv.quangtri.gov.vn/-/plain.html"]
    # a comment naming another host than the mirror's is not trusted
    assert httrack_url(b"<!-- Mirrored from evil.example/x by HTTrack -->", "https://a.gov.vn/x.html") \
        == "https://a.gov.vn/x.html"
    assert httrack_url(b"<!-- Mirrored from a.gov.vn/x by HTTrack -->", None) == "https://a.gov.vn/x"
