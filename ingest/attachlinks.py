"""Which attachments of a fetched page a crawl collects.

A Vietnamese portal's report is the file a news page links ("File đính kèm", "tại đây"). The
crawler fetches those files like pages (same politeness, robots.txt, size cap, WARC), but only:

* files with an attachment extension (``.pdf .doc .docx .xls .xlsx .odt .ods .rtf``, and
  ``.zip`` bundles of them), from the parsed page's attachment list and from its links;
* on the page's own host or on a host the page itself loads resources from (upload and CDN
  hosts: ``<img src>``, ``<script src>``, ``<link href>``, ``<iframe src>``, ``<source src>``),
  so a page cannot send the crawler anywhere it likes;
* at most ``max_per_page`` of them per page (the rest are counted, not fetched).

Private addresses are refused separately, by :mod:`ingest.netguard`, at fetch time.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

#: extensions of files extracted as attachments (index.attachdocs uses the same list)
ATTACHMENT_EXT = ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf")
#: bundles whose attachment members are extracted
BUNDLE_EXT = ("zip",)
DEFAULT_MAX_PER_PAGE = 20


@dataclass
class AttachmentLink:
    url: str
    title: str


def url_extension(url: str) -> str:
    from urllib.parse import unquote

    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return ""
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def is_attachment_url(url: str) -> bool:
    return url_extension(url) in ATTACHMENT_EXT + BUNDLE_EXT


def resource_hosts(html: bytes, base_url: str) -> set[str]:
    """Hosts (``netloc``) the page loads its own resources from: its upload and CDN hosts."""
    from lxml import etree
    from lxml import html as lhtml

    try:
        root = lhtml.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return set()
    hosts: set[str] = set()
    for tag, attr in (("img", "src"), ("script", "src"), ("link", "href"), ("iframe", "src"),
                      ("source", "src"), ("embed", "src"), ("object", "data")):
        for el in root.iter(tag):
            value = el.get(attr)
            if not value or value.startswith("data:"):
                continue
            try:
                netloc = urlsplit(urljoin(base_url, value.strip())).netloc.lower()
            except ValueError:
                continue
            if netloc:
                hosts.add(netloc)
    return hosts


def collect(html: bytes, page_url: str, doc: object | None = None, links=None, *,
            max_per_page: int = DEFAULT_MAX_PER_PAGE) -> tuple[list[AttachmentLink], int]:
    """``(attachments to fetch, how many more were over the per-page cap)`` for one page.

    ``doc`` is the parsed page (its ``attachments`` list, which the CMS families find even when
    the link text is "tại đây"); ``links`` the page's :class:`ingest.crawl.Link` list when the
    caller has it already.
    """
    from ingest.crawl import extract_links, normalize_url

    allowed = {urlsplit(page_url).netloc.lower()} | resource_hosts(html, page_url)
    found: dict[str, str] = {}
    candidates: list[tuple[str, str]] = []
    for att in getattr(doc, "attachments", None) or []:
        if getattr(att, "url", None):
            candidates.append((urljoin(page_url, att.url), getattr(att, "title", "") or ""))
    for link in links if links is not None else extract_links(html, page_url):
        candidates.append((link.url, link.text))
    for raw, title in candidates:
        url = normalize_url(raw)
        if url is None or not is_attachment_url(url) or urlsplit(url).netloc.lower() not in allowed:
            continue
        if url not in found or (title and not found[url]):
            found[url] = title
    items = [AttachmentLink(u, t) for u, t in found.items()]
    return items[:max_per_page], max(0, len(items) - max_per_page)


# --------------------------------------------------------------------------------------------
# .zip bundles of attachments


#: separates a bundle's URL from a member's name in the member's URL (``…/ho-so.zip!/qd-12.pdf``,
#: the JAR-URL convention): unlike a fragment it survives URL normalisation, so each member is a
#: document of its own whose parents are the bundle's parents
MEMBER_SEP = "!/"


def is_bundle(payload: bytes, url: str | None, path: str | None) -> bool:
    """A ``.zip`` (by name and magic bytes) that is not an Office/ODF file."""
    name = path or url or ""
    return url_extension(name) in BUNDLE_EXT and payload[:4] == b"PK\x03\x04"


def container_url(url: str) -> str | None:
    """The bundle URL of a member URL (``…/x.zip!/a.pdf`` → ``…/x.zip``), else None."""
    return url.split(MEMBER_SEP, 1)[0] if MEMBER_SEP in url else None


def bundle_members(page, *, max_member: int = 50 * 1024 * 1024, max_ratio: float = 200.0,
                   max_total: int = 1024 * 1024 * 1024, max_members: int = 200):
    """The attachment members of a fetched or archived ``.zip`` as pages of their own
    (``RawPage`` | ``SourceError``), guarded like any zip input: member size, compression ratio
    (bombs), total size, member count, unsafe names; anything else in the bundle is ignored."""
    import io
    import zipfile

    from ingest.sources import RawPage, SourceError, _unsafe_member

    src = page.source or page.url or ""
    try:
        zf = zipfile.ZipFile(io.BytesIO(page.payload))
    except (zipfile.BadZipFile, OSError) as exc:
        yield SourceError(src, page.offset, page.url, "zip", f"tệp nén đính kèm hỏng (bad zip attachment): {exc}")
        return
    total = count = 0
    with zf:
        for info in zf.infolist():
            name = info.filename
            if info.is_dir() or url_extension(name) not in ATTACHMENT_EXT:
                continue
            url = f"{page.url}{MEMBER_SEP}{name}" if page.url else None
            why = _unsafe_member(name)
            if why:
                yield SourceError(src, page.offset, url, "zip", f"bỏ qua thành phần '{name}': {why}")
                continue
            count += 1
            if count > max_members:
                yield SourceError(src, page.offset, page.url, "zip",
                                  f"tệp nén có hơn {max_members} tệp đính kèm; phần còn lại bỏ qua (too many members)")
                return
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > max_member or (info.file_size > 1024 * 1024 and ratio > max_ratio) \
                    or total + info.file_size > max_total:
                yield SourceError(src, page.offset, url, "zip",
                                  f"thành phần '{name}' quá lớn hoặc nghi là bom zip: {info.file_size} byte, nén "
                                  f"{ratio:.0f}:1 (member too large / zip bomb suspected)")
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(max_member + 1)
            except (OSError, zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
                yield SourceError(src, page.offset, url, "zip", f"không giải nén được '{name}': {exc}")
                continue
            if len(data) > max_member:
                yield SourceError(src, page.offset, url, "zip", f"thành phần '{name}' vượt giới hạn khi giải nén")
                continue
            total += len(data)
            yield RawPage(url=url, payload=data, date=page.date, source=src, offset=page.offset, path=name,
                          record_type="member")


def with_bundles(items):
    """A page stream with each ``.zip`` bundle followed by its attachment members."""
    from ingest.sources import RawPage

    for item in items:
        yield item
        if isinstance(item, RawPage) and is_bundle(item.payload, item.url, item.path):
            yield from bundle_members(item)
