"""Render the bundled sample mirror (``tracuu/samples/<host>/...``) and its ``manifest.json``.

Why a generator: the sample pages imitate six CMS families, and every page repeats its site's
menus, footer and "Tin mới nhất" list, while related lists must point at other sample pages with
their exact dates. Keeping the article texts as data (``_texts.py``) and the markup as one template
per family keeps all of that consistent, and the manifest (what a parser should extract) is
written from the same data, so it cannot drift from the pages.

Run ``python tracuu/samples/_build.py`` after editing ``_texts.py``; the output is deterministic
(no clocks, no randomness) and is committed. The seed page's text dump
(``cchc.laichau.gov.vn/seed-ket-qua-cchc-2018.txt``) is an input, never rewritten.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import html.entities
import io
import json
import re
import struct
import sys
import unicodedata
import urllib.parse
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _attachments  # noqa: E402
from _texts import ARTICLES, SITES  # noqa: E402

SEED_TXT = "cchc.laichau.gov.vn/seed-ket-qua-cchc-2018.txt"
KEEP = {"README.md", "_build.py", "_texts.py", "_attachments.py", SEED_TXT}

VI_WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Families whose detail page shows minutes only: the expected published time has seconds = 0.
MINUTE_ONLY = {"liferay62", "liferay7", "sharepoint_ministry"}
# Families whose related/latest lists print the day only.
LR7_T = 1700000000000
DAY_ONLY_LISTS = {"sharepoint_ministry", "tandan"}


# --------------------------------------------------------------------------- text helpers
def esc(s: str) -> str:
    return html.escape(s, quote=False)


def attr(s: str) -> str:
    return html.escape(s, quote=True)


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c))


def slugify(s: str, n: int = 80) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(s).lower()).strip("-")
    if len(s) > n:   # cut at a word boundary, as most CMS slug generators do
        s = s[: n + 1].rsplit("-", 1)[0]
    return s


def ncr(s: str) -> str:
    """Numeric character references for non-ASCII characters (Liferay 6.2 footers do this)."""
    return "".join(f"&#{ord(c)};" if ord(c) > 127 else esc(c) for c in s)


def named_entities(s: str) -> str:
    """CKEditor-style body: named entities where HTML has one (``&agrave;``), text otherwise."""
    out = []
    for c in esc(s):
        name = html.entities.codepoint2name.get(ord(c)) if ord(c) > 127 else None
        out.append(f"&{name};" if name else c)
    return "".join(out)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_cp1258(text: str) -> bytes:
    """Encode like a legacy Windows page: base letters precomposed, tone marks as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = [c for c in parts if c in _TONES]
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + "".join(tones))
    return "".join(out).encode("cp1258", errors="xmlcharrefreplace")


# --------------------------------------------------------------------------- date strings
def dmy(dt: datetime, sep: str = "/") -> str:
    return f"{dt.day:02d}{sep}{dt.month:02d}{sep}{dt.year:04d}"


def h12(dt: datetime) -> int:
    return dt.hour % 12 or 12


def net_vi(dt: datetime) -> str:
    """.NET ``DateTime.ToString()`` under vi-VN: ``21/12/2018 9:26:09 SA`` (12:xx SA = 00:xx)."""
    return f"{dmy(dt)} {h12(dt)}:{dt.minute:02d}:{dt.second:02d} {'SA' if dt.hour < 12 else 'CH'}"


def en_ampm(dt: datetime) -> str:
    return f"{h12(dt):02d}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


def hhmm(dt: datetime) -> str:
    return f"{dt.hour:02d}:{dt.minute:02d}"


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"


def http_date(dt: datetime) -> str:
    return f"{EN_WEEKDAYS[dt.weekday()]}, {dt.day:02d} {EN_MONTHS[dt.month - 1]} {dt.year} {dt:%H:%M:%S} GMT"


# --------------------------------------------------------------------------- binary payloads
def png_bytes(seed: str, w: int = 12, h: int = 8) -> bytes:
    """A tiny valid RGB PNG whose colour comes from ``seed`` (stands in for a news photo)."""
    r, g, b = hashlib.sha1(seed.encode()).digest()[:3]
    raw = b"".join(b"\x00" + bytes((r, g, b)) * w for _ in range(h))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A one-page PDF 1.4 with a correct xref table; text is ASCII-folded (standard Helvetica)."""
    def pdf_str(s: str) -> str:
        s = fold(s).encode("ascii", "replace").decode()
        return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    ops = ["BT", "/F1 14 Tf", "50 780 Td", pdf_str(title) + " Tj", "/F1 10 Tf"]
    for line in lines:
        ops += ["0 -18 Td", pdf_str(line) + " Tj"]
    ops.append("ET")
    content = "\n".join(ops).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
            b" /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Title " + pdf_str(title).encode() + b" /Producer (tracuu samples) >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def docx_bytes(paras: list[str]) -> bytes:
    """A minimal valid DOCX (three parts), with fixed zip timestamps so the bytes are reproducible."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{esc(p)}</w:t></w:r></w:p>' for p in paras)
    parts = (
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
         + body + "<w:sectPr/></w:body></w:document>"),
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))
    return buf.getvalue()


# --------------------------------------------------------------------------- model
@dataclass
class Link:
    title: str
    url: str          # absolute URL
    path: str         # root-relative path as linked in the page
    dt: datetime


@dataclass
class Page:
    """One article with everything the templates and the manifest need."""

    a: dict
    site: dict
    path: str                     # URL path
    file: str                     # file path inside the mirror (HTTrack may differ from the URL path)
    dt: datetime
    cat: tuple[str, ...]
    related: list[Link] = field(default_factory=list)
    latest: list[Link] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    attachments: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"https://{self.site['host']}{self.path}"

    @property
    def title(self) -> str:
        return self.a["title"]

    def link(self) -> Link:
        return Link(self.title, self.url, self.path, self.dt)


def cat_slug(labels: tuple[str, ...]) -> str:
    return "/".join(slugify(x, 40) for x in labels)


def article_path(site: dict, a: dict, dt: datetime) -> tuple[str, str]:
    """(URL path, mirror file path) in the URL style of the site's family."""
    fam, aid = site["family"], a["id"]
    slug = a.get("slug") or slugify(a["title"], 70)
    cat = cat_slug(a["cat"])
    if fam == "aspnet_vi":
        p = a.get("path") or f"/{cat}/{slug}-{aid}.aspx"
        return p, p
    if fam == "liferay62":
        p = f"/{slugify(a['cat'][-1], 40)}/-/view_content/{aid}-{slug}.html"
        return p, p
    if fam == "sharepoint_ministry":
        p = f"/vn/tin-tuc/{site['cat_ids'][a['cat'][-1]]}/{aid}/{slug}.aspx"
        return p, p
    if fam == "wordpress":
        p = f"/{dt.year}/{dt.month:02d}/{dt.day:02d}/{slug}/"
        return p, p + "index.html"
    if fam == "liferay7":
        p = f"/-/{aid}-{slug}"
        return p, p + ".html"           # HTTrack adds .html to extension-less text/html URLs
    if fam == "tandan":
        camel = "-".join(w.capitalize() for w in slugify(a["title"], 60).split("-"))
        h = hashlib.md5(a["title"].encode()).hexdigest()[:6]
        p = f"/portal/Pages/{dt.year}-{dt.month}-{dt.day}/{camel}{h}.aspx"
        return p, p
    raise KeyError(fam)


def listing_path(site: dict, labels: tuple[str, ...]) -> tuple[str, str]:
    fam = site["family"]
    if fam == "aspnet_vi":
        p = f"/{cat_slug(labels)}.aspx"
        return p, p
    if fam == "liferay62":
        p = f"/{slugify(labels[-1], 40)}.html"
        return p, p
    if fam == "sharepoint_ministry":
        p = f"/vn/chuyen-muc/{site['cat_ids'][labels[-1]]}/{slugify(labels[-1], 40)}.aspx"
        return p, p
    if fam == "wordpress":
        p = f"/category/{cat_slug(labels)}/"
        return p, p + "index.html"
    if fam == "liferay7":
        p = f"/{slugify(labels[-1], 40)}"
        return p, p + ".html"
    if fam == "tandan":
        p = f"/portal/Pages/{slugify(labels[-1], 40)}.aspx"
        return p, p
    raise KeyError(fam)


def asset_path(site: dict, dt: datetime, stem: str, ext: str, aid: int) -> str:
    fam = site["family"]
    if fam == "aspnet_vi":
        folder = "Images" if ext in ("png", "jpg") else "Files"
        return f"/Upload/{folder}/{dt.year}/{dt.month:02d}/{stem}.{ext}"
    if fam == "liferay62":
        return f"/documents/10181/{site['group_id']}/{stem}.{ext}"
    if fam == "sharepoint_ministry":
        if ext in ("png", "jpg"):
            return f"/PublishingImages/{dt.year}/{dt.month:02d}/{stem}.{ext}"
        return f"/Lists/VanBan/Attachments/{aid}/{stem}.{ext}"
    if fam == "wordpress":
        return f"/wp-content/uploads/{dt.year}/{dt.month:02d}/{stem}.{ext}"
    if fam == "liferay7":
        return f"/documents/{site['group_id']}/{aid}/{stem}.{ext}"
    if fam == "tandan":
        if ext in ("png", "jpg"):
            return f"/portal/PublishingImages/{dt.year}/{stem}.{ext}"
        return f"/portal/VanBan/{dt.year}/{stem}.{ext}"
    raise KeyError(fam)


def vi_weekday(dt: datetime) -> str:
    return VI_WEEKDAYS[dt.weekday()]


# --------------------------------------------------------------------------- shared widgets
def httrack(site: dict, path: str, charset: str) -> str:
    when = datetime.strptime(site["mirrored"], "%Y-%m-%d %H:%M:%S")
    return (f"\n<!-- Mirrored from {site['host']}{path} by HTTrack Website Copier/3.x [XR&CO'2014], "
            f"{http_date(when)} -->\n<!-- Added by HTTrack --><meta http-equiv=\"content-type\" "
            f"content=\"text/html;charset={charset}\" /><!-- /Added by HTTrack -->\n")


def share(url: str, oaid: int) -> str:
    q = urllib.parse.quote(url, safe="")
    return (f'<div class="social-share"><span class="share-label">Chia sẻ:</span> <a class="btn-facebook" '
            f'target="_blank" rel="nofollow" href="https://www.facebook.com/sharer/sharer.php?u={q}">Facebook</a> '
            f'<div class="zalo-share-button" data-href="{attr(url)}" data-oaid="{oaid}" data-layout="2" '
            f'data-color="blue" data-customize="false"></div> <a class="btn-print" href="javascript:window.print();">'
            f"In bài</a></div>")


def gtag(host: str) -> str:
    gid = "G-" + hashlib.md5(host.encode()).hexdigest()[:8].upper()
    return (f'<script async src="https://www.googletagmanager.com/gtag/js?id={gid}"></script>\n'
            "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
            f" gtag('js', new Date()); gtag('config', '{gid}');</script>")


def body_html(p: Page, open_tag: str = "<p>", close_tag: str = "</p>") -> str:
    """Body paragraphs with the page's text style (plain, named entities or NFD marks)."""
    style = p.a.get("style")
    out = []
    for para in p.a["paras"]:
        if style == "entities":
            t = named_entities(para)
        elif style == "nfd":
            t = esc(unicodedata.normalize("NFD", para))
        else:
            t = esc(para)
        out.append(open_tag + t + close_tag)
    if p.a.get("raw_tail"):     # hand-written HTML (the XSS probe's link), not escaped on purpose
        out.append(p.a["raw_tail"])
    return "\n".join(out)


def image_block(p: Page, fmt: str) -> str:
    return "\n".join(fmt.format(src=im["path"], cap=esc(im["caption"])) for im in p.images)


# --------------------------------------------------------------------------- family: aspnet_vi
def aspnet_rel(items: list[Link], rpt: str, cls: str, gaps: set[int] = frozenset()) -> str:
    rows = []
    for k, q in enumerate(items):
        gap = " " if k in gaps else ""
        rows.append(f'<tr><td class="{cls}"><a id="ctl00_ContentPlaceHolder1_ctl00_{rpt}_ctl{k:02d}_hplTieuDe" '
                    f'href="{q.path}">{esc(q.title)}</a>{gap}<span class="ngaydang">({net_vi(q.dt)})</span></td></tr>')
    return "\n".join(rows)


def aspnet_article(p: Page) -> str:
    s = p.site
    mso = ('<p class="MsoNormal" style="margin-bottom:6.0pt;text-align:justify;text-indent:36.0pt">'
           '<span lang="VI" style="font-size:14.0pt">')
    img = image_block(p, '<p class="MsoNormal" align="center" style="text-align:center"><img width="480" '
                         'src="{src}" alt="" /></p>\n<p class="MsoNormal" align="center" style="text-align:center">'
                         '<i><span style="font-size:12.0pt">{cap}</span></i></p>')
    atts = []
    for i, a in enumerate(p.attachments):
        link = (f'Xem chi tiết <a href="{a["path"]}" title="{attr(a["title"])}">tại đây</a>.' if i == 0 else
                f'File đính kèm: <a href="{a["path"]}">{esc(a["title"])}</a>')
        atts.append(f'<p class="MsoNormal" style="text-align:justify;text-indent:36.0pt"><b><i>{link}</i></b></p>')
    related = ""
    if p.related:
        related = ('<tr><td>\n<table width="100%" cellpadding="2" cellspacing="0" class="tbl_tinkhac">\n'
                   '<tr><td class="title_tinkhac">Tin liên quan</td></tr>\n'
                   + aspnet_rel(p.related, "rptTinLienQuan", "tinkhac", p.a.get("gaps", set())) + "\n</table>\n</td></tr>")
    main = f"""<table width="100%" cellpadding="5" cellspacing="0" class="tbl_newsdetail">
<tr><td><h1 class="tieude"><span id="ctl00_ContentPlaceHolder1_ctl00_lblTieuDe">{esc(p.title)}</span></h1></td></tr>
<tr><td><span id="ctl00_ContentPlaceHolder1_ctl00_lblNgayDang" class="ngaydang">(Ngày đăng :{net_vi(p.dt)})</span></td></tr>
<tr><td>
<div id="ctl00_ContentPlaceHolder1_ctl00_divNoiDung" class="noidung">
{img}
{body_html(p, mso, "<o:p></o:p></span></p>")}
{chr(10).join(atts)}
</div>
</td></tr>
<tr><td align="right" class="tool">Lượt xem: {p.a["views"]} &nbsp; <a href="javascript:history.go(-1);">Trở về</a> {share(p.url, 5797)}</td></tr>
{related}
</table>"""
    return aspnet_shell(s, p.title, p.cat, main, p.path, p.latest)


def aspnet_shell(s: dict, title: str, crumbs: tuple[str, ...], main: str, path: str, latest: list[Link]) -> str:
    menu = " | ".join(['<a href="/" class="menu">TRANG CHỦ</a>'] + [
        f'<a href="{listing_path(s, (c,))[0]}" class="menu">{esc(c.upper())}</a>' for c in s["menu"]])
    cats = "<br />".join(f'<a href="{listing_path(s, c)[0]}">» {esc(c[-1])}</a>' for c in s["leaves"])
    nav = " &gt; ".join(['<a href="/">Trang chủ</a>'] + [
        f'<a href="{listing_path(s, crumbs[: i + 1])[0]}">{esc(c)}</a>' for i, c in enumerate(crumbs)])
    charset = s.get("charset_override") or "utf-8"
    vs = hashlib.sha256(f"{s['host']}|{title}".encode()).hexdigest()
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">{httrack(s, path, "@CHARSET@")}<head id="ctl00_Head1"><meta http-equiv="Content-Type" content="text/html; charset=@CHARSET@" /><title>
	{esc(s["short"])} - {esc(title)}
</title><link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" />
<meta name="keywords" content="{attr(s["keywords"])}" /><meta property="og:url" content="https://{s["host"]}{path}" /><meta property="og:title" content="{attr(title)}" /></head>
<body topmargin="0" leftmargin="0">
<form name="aspnetForm" method="post" action="{path}" id="aspnetForm">
<div><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUK{vs}" /></div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['aspnetForm'];
function __doPostBack(eventTarget, eventArgument) {{ theForm.__EVENTTARGET.value = eventTarget; theForm.submit(); }}
//]]>
</script>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="main">
<tr><td colspan="3"><img src="/images/banner.png" width="1000" height="150" alt="{attr(s["name"])}" /></td></tr>
<tr><td colspan="3" class="menutop" height="32">{menu}</td></tr>
<tr><td colspan="3" class="marquee"><marquee scrollamount="3">{esc(s["marquee"])}</marquee></td></tr>
<tr><td width="210" valign="top" class="leftcol"><table width="100%" cellpadding="0" cellspacing="0">
<tr><td class="boxtitle">DANH MỤC TIN</td></tr><tr><td class="boxcontent">{cats}</td></tr>
<tr><td class="boxtitle">HỖ TRỢ TRỰC TUYẾN</td></tr><tr><td class="boxcontent">Đường dây nóng: {s["phone"]}</td></tr></table></td>
<td width="560" valign="top" class="centercol"><!-- ContentPlaceHolder1 -->
<table width="100%" cellpadding="0" cellspacing="0"><tr><td class="navpath">{nav}</td></tr>
<tr><td>
{main}
</td></tr></table></td>
<td width="230" valign="top" class="rightcol"><table width="100%" cellpadding="0" cellspacing="0">
<tr><td class="boxtitle">Tin mới nhất</td></tr>
{aspnet_rel(latest, "rptTinMoi", "tinmoi", {1})}
<tr><td class="boxtitle">LƯỢT TRUY CẬP</td></tr><tr><td class="boxcontent">Đang trực tuyến: 17<br />Tổng lượt truy cập: {s["visits"]}</td></tr></table></td></tr>
<tr><td colspan="3" class="footer" align="center">
<table class="tblfooter" align="center"><tr><td colspan="2"><b>{esc(s["name"])}</b></td></tr>
<tr><td>Chịu trách nhiệm chính:<br />Trụ sở:<br />Email:</td>
<td>{esc(s["chief"])}<br />{esc(s["address"])}<br />- Số điện thoại: {s["phone"]}<br />{s["email"]}</td></tr></table>
www.{s["host"]}
</td></tr></table>
</form>
{gtag(s["host"])}
</body>
</html>
""".replace("@CHARSET@", charset)


def aspnet_listing(s: dict, labels: tuple[str, ...], items: list[Page], path: str, latest: list[Link]) -> str:
    rows = []
    for q in items:
        img = f'<img src="{q.images[0]["path"]}" width="120" alt="" />' if q.images else ""
        rows.append(f'<table width="100%" class="newsitem"><tr><td class="img" valign="top">{img}</td><td>'
                    f'<a class="title" href="{q.path}">{esc(q.title)}</a><span class="ngaydang">({net_vi(q.dt)})</span>'
                    f'<div class="tomtat">{esc(teaser(q))}</div></td></tr></table>')
    main = (f'<h1 class="category-title">{esc(labels[-1])}</h1>\n' + "\n".join(rows)
            + '\n<div class="paging"><span class="current">1</span> <a href="' + path.replace(".aspx", "/trang-2.aspx")
            + '">2</a> <a class="next" href="' + path.replace(".aspx", "/trang-2.aspx") + '">Trang sau</a></div>')
    return aspnet_shell(s, labels[-1], labels, main, path, latest)


# --------------------------------------------------------------------------- family: liferay62
def lr62_item(q: Link) -> str:
    return (f'<li class="asset-title"><a href="{q.path}">{esc(q.title)}</a><div class="assetPublishDate block_timer"> '
            f'{dmy(q.dt)} | {en_ampm(q.dt)} </div></li>')


def lr62_article(p: Page) -> str:
    s = p.site
    img = image_block(p, '<p style="text-align: center;"><img src="{src}" style="width: 600px;" /></p>'
                         '<p style="text-align: center;"><em>{cap}</em></p>')
    sapo = f'<div class="sapo"><strong>{esc(p.a["summary"])}</strong></div>' if p.a.get("summary") else ""
    att = "".join(f'<p><a href="{a["path"]}">{esc(a["title"])}</a></p>' for a in p.attachments)
    att = f'<div class="file-dinh-kem"><strong>Tài liệu đính kèm:</strong>{att}</div>' if att else ""
    inst = hashlib.md5(s["host"].encode()).hexdigest()[:4].upper()
    main = f"""<div class="portlet-boundary portlet-boundary_101_ portlet-static portlet-static-end portlet-borderless portlet-asset-publisher " id="p_p_id_101_INSTANCE_{inst}_"><div class="portlet-body"><div class="asset-full-content default-asset-publisher"><div class="title-news"><h1>{esc(p.title)}</h1></div>
<div class="assetPublishDate block_timer"> Ngày đăng {dmy(p.dt)} | {en_ampm(p.dt)} &nbsp;|&nbsp;Lượt xem: {p.a["views"]} </div>
<div class="asset-content"><div class="journal-content-article">
{sapo}
{img}
{body_html(p, '<p style="text-align: justify;">')}
{att}</div></div>
<div class="taglib-social-bookmarks">{share(p.url, 6113)}</div></div>
<div class="other-news"><h3 class="title-other">Tin liên quan</h3><ul>
{chr(10).join(lr62_item(q) for q in p.related)}
</ul></div></div></div>"""
    return lr62_shell(s, p.cat[-1], p.cat, main, p.path, p.latest)


def lr62_shell(s: dict, title: str, crumbs: tuple[str, ...], main: str, path: str, latest: list[Link]) -> str:
    menu = "".join(f'<li><a href="{listing_path(s, (c,))[0]}"><span>{esc(c)}</span></a></li>' for c in s["menu"])
    bc = " ".join(['<span class="trangchu"><a href="/">Trang chủ</a></span>'] + [
        f'<span class="arrow">--&gt;</span> <span class="tintuc"><a href="{listing_path(s, crumbs[: i + 1])[0]}">'
        f"{esc(c)}</a></span>" for i, c in enumerate(crumbs)])
    footer = (f'<h3>{esc(s["name"])}</h3> <p>Chịu trách nhiệm chính: {esc(s["chief"])}</p> <p>Địa chỉ: '
              f'{esc(s["address"])} - Điện thoại: {s["phone"]}</p> <p>{ncr("Bộ phận tiếp nhận và trả kết quả (Một cửa)")}: '
              f'{s["phone"]}; Email: {s["email"]}<br> ® Ghi rõ nguồn: “{ncr(s["fullname"])}” khi phát hành lại thông tin '
              "từ nguồn này.</p>")
    return f"""<!DOCTYPE html>
<html class="aui ltr" dir="ltr" lang="vi-VN">{httrack(s, path, "utf-8")}<head>
<title>{esc(title)} - {esc(s["short"])}</title>
<meta content="text/html; charset=UTF-8" http-equiv="content-type" />
<link href="/so4t-theme/images/favicon.ico" rel="Shortcut Icon" />
<script type="text/javascript">var themeDisplay = Liferay.ThemeDisplay = {{getLayoutURL: function() {{return "https://{s["host"]}{path}";}}, getLanguageId: function() {{return "vi_VN";}}, getPathThemeImages: function() {{return "/so4t-theme/images";}}, isSignedIn: function() {{return false;}}}}; Liferay.Portlet.list = ["101_INSTANCE_{hashlib.md5(s["host"].encode()).hexdigest()[:4].upper()}", "56", "73"];</script>
</head>
<body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">
<!-- so4t-theme: portal_normal.vm -->
<div id="wrapper"><header id="banner" role="banner"><div class="banner-title">{esc(s["name"])}</div>
<div class="date-today">Hôm nay: <span id="today"></span></div></header>
<nav class="sort-pages modify-pages navbar site-navigation" id="navigation"><ul class="nav"><li class="selected"><a href="/"><span>Trang chủ</span></a></li>{menu}</ul></nav>
<div id="main"><div class="so_4thn" id="main-content" role="main"><div class="portlet-layout row-fluid"><div class="portlet-column span9" id="column-1">
<div class="dd_chuyenmuc">{bc}</div>
{main}
</div>
<div class="portlet-column span3" id="column-2"><div class="portlet-boundary portlet-boundary_101_"><h2 class="portlet-title">Tin mới nhất</h2><ul class="tin-moi">
{chr(10).join(lr62_item(q) for q in latest)}
</ul></div><div class="thongke">Lượt truy cập: {s["visits"]}</div></div></div></div></div>
<div class="footer-wrapper"><div id="footer" class="clearfix"><p class="vetrang"><a style="color: #0D03E6;" href="#">| Về đầu trang |</a> <a href="/c/portal/login">Đăng nhập</a> |</p> <div class="footleft"> {footer} </div></div></div></div>
<script type="text/javascript">Liferay.Util.addInputFocus();</script>
{gtag(s["host"])}
</body>
</html>
"""


def lr62_listing(s: dict, labels: tuple[str, ...], items: list[Page], path: str, latest: list[Link]) -> str:
    rows = []
    for q in items:
        img = (f'<div class="asset-image"><a href="{q.path}"><img src="{q.images[0]["path"]}" alt=""/></a></div>'
               if q.images else "")
        rows.append(f'<div class="asset-bounddary"><div class="asset-abstract "><div class="asset-content normal-news">'
                    f'{img} <div class="asset-content-custom"> <h3 class="asset-title"> <a href="{q.path}">'
                    f'{esc(q.title)}</a> </h3> <div class="assetPublishDate block_timer"> {dmy(q.dt)} | {en_ampm(q.dt)} '
                    f'</div> <div class="asset-summary"> {esc(teaser(q))} </div> </div></div>'
                    f'<div class="asset-metadata"></div></div></div>')
    main = (f'<h1 class="category-title">{esc(labels[-1])}</h1>\n' + "\n".join(rows)
            + '\n<div class="lfr-pagination"><ul class="lfr-pagination-buttons pager"><li class="disabled">'
            '<a href="javascript:;">Đầu</a></li><li><a href="' + path.replace(".html", "/-/trang/2.html")
            + '">Tiếp</a></li></ul></div>')
    return lr62_shell(s, labels[-1], labels, main, path, latest)


def lr62_home(s: dict, pages: list[Page], latest: list[Link]) -> str:
    feat = "".join(f'<li><a href="{q.path}" data-summary="{attr(teaser(q))}">{esc(q.title)} <span class="date_content_asset">'
                   f" ({dmy(q.dt)}) </span><span class=\"new-icon\"></span></a></li>" for q in pages[:4])
    blocks = [f'<div class="tin-noi-bat"><h2 class="portlet-title">Tin nổi bật</h2><ul>{feat}</ul></div>']
    for c in s["menu"]:
        qs = [q for q in pages if q.cat[0] == c][:3]
        if qs:
            blocks.append(f'<div class="home-block"><h2 class="block-title"><a href="{listing_path(s, (c,))[0]}">'
                          f'{esc(c)}</a></h2><ul>' + "".join(lr62_item(q.link()) for q in qs) + "</ul></div>")
    return lr62_shell(s, "Trang chủ", (), "\n".join(blocks), "/", latest)


# --------------------------------------------------------------------------- family: sharepoint_ministry
def guid(*parts: object, sep: str = "_") -> str:
    h = hashlib.md5("|".join(str(x) for x in parts).encode()).hexdigest()
    return sep.join((h[:8], h[8:12], h[12:16], h[16:20], h[20:]))


def sp_item(q: Link) -> str:
    return f'<li class="H3_iTem_ListNews"><a href="{q.path}">{esc(q.title)}</a> <span class="Date_Other">({dmy(q.dt)})</span></li>'


def sp_article(p: Page) -> str:
    s = p.site
    g = guid(s["host"], "wp")
    img = image_block(p, '<table class="image" align="center" width="500"><tr><td><img src="{src}" width="500" alt="" />'
                         '</td></tr><tr><td class="image_desc">{cap}</td></tr></table>')
    att = "".join(f'<a href="{a["path"]}" class="News_Attach_Link">{esc(a["title"])}</a><br />' for a in p.attachments)
    att = f'<div class="News_Attach"><span>Tài liệu đính kèm:</span><br />{att}</div>\n' if att else ""
    ext = guid(s["host"], p.a["id"], sep="").upper()
    main = f"""<div id="ctl00_SPWebPartManager1_g_{g}_ctl00_pnChiTiet" class="Around_News">
<div id="divArticleDescription3" class="Around_News_Title"><h1 class="News_Detail_Title">{esc(p.title)}</h1></div>
<div class="News_Time"><span class="News_Time_Post">Ngày đăng: {dmy(p.dt)} {hhmm(p.dt)} | Lượt xem: {p.a["views"]}</span></div>
<div id="divArticleDescription1" class="Around_News_Sapo"><strong>{esc(p.a.get("summary") or "")}</strong></div>
<div id="divArticleDescription2" class="Around_News_Content">
{img}
<div class="ExternalClass{ext}">
{body_html(p, '<p class="MsoNormal" style="text-align: justify;">')}
</div>
</div>
<div id="ctl00_SPWebPartManager1_g_{g}_ctl00_pnNguontin" class="News_Source">Nguồn: {esc(p.a.get("source") or s["short"])}</div>
{att}<div id="ctl00_SPWebPartManager1_g_{g}_ctl00_pnHide" style="display:none">{p.a["id"]}</div>
{share(p.url, 4410)}
</div>
<div id="ctl00_m_g_{guid(s["host"], "rel")}_ctl00_pnTinLienQuan" class="Around_News_Other">
<div class="Title_Other">Tin liên quan</div>
<ul>
{chr(10).join(sp_item(q) for q in p.related)}
</ul></div>"""
    return sp_shell(s, p.title, p.cat, main, p.path, p.latest)


def sp_shell(s: dict, title: str, crumbs: tuple[str, ...], main: str, path: str, latest: list[Link]) -> str:
    menu = "".join(f'<li class="static"><a class="static menu-item ms-core-listMenu-item" href="{listing_path(s, (c,))[0]}">'
                   f'<span class="menu-item-text">{esc(c)}</span></a></li>' for c in s["menu"])
    bc = ' <span class="sep">›</span> '.join(['<a href="/">Trang chủ</a>'] + [
        f'<a href="{listing_path(s, crumbs[: i + 1])[0]}">{esc(c)}</a>' for i, c in enumerate(crumbs)])
    left = "".join(f'<li><a href="{listing_path(s, c)[0]}">{esc(c[-1])}</a></li>' for c in s["leaves"])
    digest = hashlib.sha256(f"{s['host']}|{title}".encode()).hexdigest().upper()
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi-VN" dir="ltr">{httrack(s, path, "utf-8")}<head>
<meta http-equiv="X-UA-Compatible" content="IE=10" />
<meta name="GENERATOR" content="Microsoft SharePoint" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<meta http-equiv="Expires" content="0" />
<link rel="canonical" href="https://{s["host"]}{path}" />
<title>
	{esc(title)}
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css" />
<script type="text/javascript">var _spPageContextInfo = {{webServerRelativeUrl: "\\u002fvn", webAbsoluteUrl: "https:\\u002f\\u002f{s["host"]}\\u002fvn", currentLanguage: 1066, currentUICultureName: "vi-VN", currentCultureName: "vi-VN"}};</script>
</head>
<body>
<form method="post" action="./default.aspx" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x{digest},01 Jun 2025 00:00:00 -0000" /></div>
<div id="s4-workspace" class="ms-core-overlay"><div id="s4-bodyContainer">
<div id="header" class="portal-header"><div class="banner"><a href="/"><img src="/Style%20Library/images/banner.png" alt="{attr(s["name"])}" /></a></div>
<div class="top-links"><a href="/en">English</a> | <a href="/vn/lien-he.aspx">Liên hệ</a> | <a href="/vn/so-do-cong.aspx">Sơ đồ cổng</a></div>
<div id="zz1_TopNavigationMenu" class="ms-core-listMenu-horizontalBox noindex"><ul class="root ms-core-listMenu-root static"><li class="static"><a class="static menu-item" href="/"><span class="menu-item-text">Trang chủ</span></a></li>{menu}</ul></div></div>
<div class="breadcrumb">{bc}</div>
<div id="contentRow"><div id="sideNavBox" class="ms-dialogHidden"><div class="box-left"><div class="box-title">CHUYÊN MỤC</div><ul class="left-menu">{left}</ul></div></div>
<div id="contentBox">
<!-- PlaceHolderMain -->
{main}
</div>
<div id="rightBox"><div class="box-right"><div class="box-title">Tin mới nhất</div><ul>
{chr(10).join(sp_item(q) for q in latest)}
</ul></div><div class="box-right">Số lượt truy cập: {s["visits"]}</div></div></div>
<div class="footer"><p><strong>{esc(s["name"])}</strong></p><p>Chịu trách nhiệm chính: {esc(s["chief"])}</p><p>Địa chỉ: {esc(s["address"])}</p><p>Điện thoại: {s["phone"]} - Email: {s["email"]}</p><p>{esc(s["license"])}. Ghi rõ nguồn "{esc(s["fullname"])}" khi phát hành lại thông tin từ website này.</p></div>
</div></div>
</form>
{gtag(s["host"])}
</body>
</html>
"""


# --------------------------------------------------------------------------- family: wordpress
def wp_time(dt: datetime) -> str:
    return f'<time class="timeago" datetime="{iso(dt)}">{dmy(dt)} lúc {hhmm(dt)}</time>'


def wp_item(q: Link) -> str:
    return f'<li><a href="{q.path}">{esc(q.title)}</a> {wp_time(q.dt)}</li>'


def wp_article(p: Page) -> str:
    s = p.site
    img = image_block(p, '<figure class="wp-block-image size-large"><img src="{src}" alt="" /><figcaption>{cap}'
                         "</figcaption></figure>")
    att = "".join(f'<div class="wp-block-file"><a href="{a["path"]}">{esc(a["title"])}</a><a href="{a["path"]}" '
                  'class="wp-block-file__button" download>Tải về</a></div>' for a in p.attachments)
    cpath = listing_path(s, p.cat)[0]
    main = f"""<article id="post-{p.a["id"]}" class="post-{p.a["id"]} post type-post status-publish format-standard hentry category-{slugify(p.cat[-1])}">
<header class="entry-header"><h1 class="entry-title">{esc(p.title)}</h1>
<p class="article-meta">{wp_time(p.dt)} <span class="byline">bởi <span class="author vcard">{esc(p.a.get("author", "Quản trị viên"))}</span></span> <span class="post-views">{p.a["views"]} lượt xem</span></p></header>
<div class="entry-content">
{img}
{body_html(p)}
{att}
</div>
<footer class="entry-footer"><span class="cat-links">Chuyên mục: <a href="{cpath}" rel="category tag">{esc(p.cat[-1])}</a></span></footer>
{share(p.url, 7021)}
</article>
<div class="related-posts"><h3 class="related-title">Bài viết liên quan</h3><ul>
{chr(10).join(wp_item(q) for q in p.related)}
</ul></div>"""
    meta = (f'<meta property="og:type" content="article" />\n<meta property="og:title" content="{attr(p.title)}" />\n'
            f'<meta property="og:description" content="{attr(teaser(p, 150))}" />\n'
            f'<meta property="article:published_time" content="{iso(p.dt)}" />\n')
    return wp_shell(s, p.title, p.cat, main, p.path, p.latest, meta, p.title)


def wp_shell(s: dict, title: str, crumbs: tuple[str, ...], main: str, path: str, latest: list[Link],
             meta: str = "", last: str | None = None) -> str:
    menu = "".join(f'<li class="menu-item menu-item-type-taxonomy"><a href="{listing_path(s, (c,))[0]}">{esc(c)}</a></li>'
                   for c in s["menu"])
    bc = " » ".join(['<a href="/">Trang chủ</a>'] + [
        f'<a href="{listing_path(s, crumbs[: i + 1])[0]}">{esc(c)}</a>' for i, c in enumerate(crumbs)])
    if last:
        bc += f' » <span class="breadcrumb_last" aria-current="page">{esc(last)}</span>'
    url = f"https://{s['host']}{path}"
    return f"""<!DOCTYPE html>
<html lang="vi">{httrack(s, path, "UTF-8")}<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{esc(title)} - {esc(s["short"])}</title>
<link rel="canonical" href="{url}" />
<meta property="og:locale" content="vi_VN" />
<meta property="og:url" content="{url}" />
<meta property="og:site_name" content="{attr(s["short"])}" />
{meta}<meta name="generator" content="WordPress 6.2.2" />
<link rel="stylesheet" id="wp-block-library-css" href="/wp-includes/css/dist/block-library/style.min.css" type="text/css" media="all" />
</head>
<body class="{"single single-post" if last else "archive category"}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#main">Chuyển đến nội dung</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/" rel="home">{esc(s["short"])}</a></p><p class="site-description">{esc(s["name"])}</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="/">Trang chủ</a></li>{menu}</ul></nav></header>
<div id="content" class="site-content">
<nav class="breadcrumbs" aria-label="breadcrumbs">{bc}</nav>
<main id="main" class="site-main">
{main}
</main>
<aside id="secondary" class="widget-area"><section id="search-2" class="widget widget_search"><form role="search" method="get" action="/"><label>Tìm kiếm: <input type="search" name="s" /></label></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2><ul>
{chr(10).join(wp_item(q) for q in latest)}
</ul></section><section class="widget widget_text"><h2 class="widget-title">Thống kê truy cập</h2><div class="textwidget">Tổng lượt truy cập: {s["visits"]}</div></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info"><p><strong>{esc(s["name"])}</strong></p><p>Chịu trách nhiệm chính: {esc(s["chief"])}</p><p>Địa chỉ: {esc(s["address"])}</p><p>Điện thoại: {s["phone"]} | Email: {s["email"]}</p></div></footer>
</div>
<script src="/wp-includes/js/wp-embed.min.js" id="wp-embed-js"></script>
{gtag(s["host"])}
</body>
</html>
"""


def wp_listing(s: dict, labels: tuple[str, ...], items: list[Page], path: str, latest: list[Link]) -> str:
    rows = []
    for q in items:
        img = f'<div class="post-thumbnail"><img src="{q.images[0]["path"]}" alt="" /></div>' if q.images else ""
        rows.append(f'<article class="post type-post status-publish format-standard hentry">{img}<h2 class="entry-title">'
                    f'<a href="{q.path}" rel="bookmark">{esc(q.title)}</a></h2><div class="entry-meta">{wp_time(q.dt)}'
                    f'</div><div class="entry-summary"><p>{esc(teaser(q))}</p></div></article>')
    main = (f'<header class="page-header"><h1 class="page-title">Chuyên mục: <span>{esc(labels[-1])}</span></h1></header>\n'
            + "\n".join(rows))
    return wp_shell(s, labels[-1], labels, main, path, latest)


# --------------------------------------------------------------------------- family: liferay7
def lr7_item(q: Link) -> str:
    return (f'<div class="media"><div class="media-body"><a class="text-black1" href="{q.path}">{esc(q.title)}</a>'
            f'<small class="text-muted d-block">{vi_weekday(q.dt)}, {dmy(q.dt)}, {hhmm(q.dt)}</small></div></div>')


def lr7_article(p: Page) -> str:
    s = p.site
    when = f"({vi_weekday(p.dt)}, {dmy(p.dt)} {hhmm(p.dt)})"
    img = image_block(p, '<figure class="text-center"><img class="img-fluid" src="{src}" alt="" />'
                         '<figcaption class="text-muted"><em>{cap}</em></figcaption></figure>')
    att = "".join(f'<li><a href="{a["path"]}" target="_blank">{esc(a["title"])}</a></li>'
                  for a in p.attachments)
    att = f'<div class="file-attach"><p><strong>Tệp đính kèm:</strong></p><ul>{att}</ul></div>' if att else ""
    aid = p.a["id"]
    main = f"""<h2 class="hide-accessible" role="heading" aria-level="1">{esc(p.title)}</h2>
<div class="journal-content-article " data-analytics-asset-id="{aid}" data-analytics-asset-title="{attr(p.title)}" data-analytics-asset-type="web-content">
<section><h3 class="title-detail">{esc(p.title)}</h3><span class="text-ngayxam-page">{when}</span>
<p class="text-justify"><strong class="text-muted">{esc(p.a.get("summary") or "")}</strong></p>
{img}
{body_html(p, '<p class="text-justify">')}
{att}
</section></div>
<div class="view-count text-right"><i class="icon-eye-open"></i> Lượt xem: {p.a["views"]}</div>
{share(p.url, 3318)}
<div class="tin-lien-quan"><h4 class="tle1">Tin liên quan</h4>
{chr(10).join(lr7_item(q) for q in p.related)}
</div>"""
    desc = f'<meta content="{attr(when)}" lang="vi-VN" name="description" />\n'
    return lr7_shell(s, p.title, p.cat, main, p.path, p.latest, desc)


def lr7_shell(s: dict, title: str, crumbs: tuple[str, ...], main: str, path: str, latest: list[Link],
              desc: str = "") -> str:
    menu = "".join(f'<li class="lfr-nav-item nav-item"><a class="nav-link" href="{listing_path(s, (c,))[0]}">'
                   f"<span>{esc(c)}</span></a></li>" for c in s["menu"])
    bc = "".join(['<li class="breadcrumb-item"><a class="breadcrumb-link" href="/">Trang chủ</a></li>'] + [
        f'<li class="breadcrumb-item"><a class="breadcrumb-link" href="{listing_path(s, crumbs[: i + 1])[0]}">{esc(c)}</a></li>'
        for i, c in enumerate(crumbs)])
    return f"""<!DOCTYPE html>
<html class="ltr" dir="ltr" lang="vi-VN">{httrack(s, path, "utf-8")}<head>
<title>{esc(title)} - {esc(s["short"])}</title>
<meta content="initial-scale=1.0, width=device-width" name="viewport" />
<meta content="text/html; charset=UTF-8" http-equiv="content-type" />
{desc}<link href="https://{s["host"]}{path}" rel="canonical" />
<link href="/o/snv-theme/images/favicon.ico" rel="icon" />
<script data-senna-track="permanent" src="/combo?browserId=chrome&amp;minifierType=js&amp;languageId=vi_VN" type="text/javascript"></script>
<script type="text/javascript">Liferay.ThemeDisplay = {{getLayoutURL: function() {{return "https://{s["host"]}{path}";}}, getLanguageId: function() {{return "vi_VN";}}, getScopeGroupId: function() {{return "{s["group_id"]}";}}}};</script>
</head>
<body class="controls-visible chrome yui3-skin-sam guest-site signed-out public-page site">
<nav aria-label="Liên kết nhanh" class="quick-access-nav" id="quickAccessNav"><a href="#main-content">Bỏ qua nội dung</a></nav>
<div class="d-flex flex-column min-vh-100"><header id="banner"><div class="container"><a class="logo" href="/"><img alt="{attr(s["name"])}" src="/o/snv-theme/images/logo.png" /></a><span class="site-name">{esc(s["name"])}</span></div>
<nav id="navigation" class="navbar navbar-expand-lg"><ul class="navbar-nav"><li class="lfr-nav-item nav-item"><a class="nav-link" href="/"><span>Trang chủ</span></a></li>{menu}</ul></nav></header>
<section id="content"><div class="container"><nav aria-label="Breadcrumb"><ol class="breadcrumb">{bc}</ol></nav>
<div class="row"><div class="col-md-8" id="main-content">
<div class="portlet-boundary portlet-boundary_com_liferay_journal_content_web_portlet_JournalContentPortlet_ portlet-journal-content">
{main}
</div></div>
<div class="col-md-4"><div class="tin-moi"><h4 class="tle1">Tin mới nhất</h4>
{chr(10).join(lr7_item(q) for q in latest)}
</div><div class="luot-truy-cap">Lượt truy cập: {s["visits"]}</div></div></div></div></section>
<footer id="footer" role="contentinfo"><div class="container"><p class="text-uppercase"><strong>{esc(s["name"])}</strong></p>
<p>Chịu trách nhiệm chính: {esc(s["chief"])}</p><p>Địa chỉ: {esc(s["address"])}</p><p>Điện thoại: {s["phone"]} - Email: {s["email"]}</p>
<p>Ghi rõ nguồn "{esc(s["fullname"])}" khi phát hành lại thông tin từ website này.</p></div></footer></div>
{gtag(s["host"])}
</body>
</html>
"""


# --------------------------------------------------------------------------- family: tandan (SharePoint provincial)
def td_item(q: Link) -> str:
    return (f'<li><a class="tandan-a-article-other" href="{q.path}">{esc(q.title)}</a> '
            f'<span class="tandan-span-date-other">({dmy(q.dt)})</span></li>')


def td_article(p: Page) -> str:
    s = p.site
    img = image_block(p, '<p style="text-align:center"><img src="{src}" alt="" style="width:520px" /></p>'
                         '<p style="text-align:center"><em>{cap}</em></p>')
    att = "".join(f'<p><a href="{a["path"]}">{esc(a["title"])}</a></p>' for a in p.attachments)
    att = f'<div class="tandan-div-file-attach"><p><b>Tệp tin đính kèm:</b></p>{att}</div>' if att else ""
    ext = guid(s["host"], p.a["id"], sep="").upper()
    g = guid(s["host"], "detail")
    tags = "".join(f'<a href="/portal/Pages/tag.aspx?tag={urllib.parse.quote(t)}">{esc(t)}</a> '
                   for t in p.a.get("tags", ()))
    main = f"""<div id="ctl00_PlaceHolderMain_g_{g}" class="tandan-div-article">
<p class="tandan-p-article-news-title">{esc(p.title)}</p>
<span class="tandan-span-date-publish">Đăng ngày {net_vi(p.dt)}</span>
<p class="tandan-p-article-news-summary">{esc(p.a.get("summary") or "")}</p>
<div class="tandan-p-article-main ms-rtestate-field"><div class="ExternalClass{ext}">
{img}
{body_html(p, '<p class="MsoNormal" style="text-align:justify">')}
{att}
</div></div>
<p class="tandan-p-article-author" style="text-align:right"><b>{esc(p.a.get("author", ""))}</b></p>
<div class="td-tags">Từ khóa: {tags}</div>
<div class="tandan-div-view-count">Số lượt xem: {p.a["views"]}</div>
{share(p.url, 2551)}
</div>
<div class="tandan-div-article-other"><p class="tandan-p-article-other">Các tin khác</p><ul>
{chr(10).join(td_item(q) for q in p.related)}
</ul></div>"""
    return td_shell(s, p.title, p.cat, main, p.path, p.latest)


def td_shell(s: dict, title: str, crumbs: tuple[str, ...], main: str, path: str, latest: list[Link]) -> str:
    menu = "".join(f'<li><a href="{listing_path(s, (c,))[0]}">{esc(c)}</a></li>' for c in s["menu"])
    left = "".join(f'<li><a href="{listing_path(s, c)[0]}">{esc(c[-1])}</a></li>' for c in s["leaves"])
    bc = " / ".join(['<a href="/">Trang chủ</a>'] + [
        f'<a href="{listing_path(s, crumbs[: i + 1])[0]}">{esc(c)}</a>' for i, c in enumerate(crumbs)])
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html dir="ltr" lang="vi-VN">{httrack(s, path, "utf-8")}<head>
<meta name="GENERATOR" content="Microsoft SharePoint" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<link rel="canonical" href="https://{s["host"]}{path}" />
<title>
	{esc(title)} - {esc(s["name"])}
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/TanDan/css/portal.css" />
</head>
<body>
<form method="post" action="{path}" id="aspnetForm">
<div id="s4-workspace"><div class="tandan-header"><a href="/"><img src="/_layouts/15/TanDan/images/banner.png" alt="{attr(s["name"])}" /></a></div>
<div class="tandan-menu-top"><ul class="TD-ul-menu-top"><li><a href="/">Trang chủ</a></li>{menu}</ul></div>
<div class="tandan-breadcrumb">{bc}</div>
<div class="tandan-container"><div class="tandan-left"><div class="TD-module-title">DANH MỤC</div><ul class="TD-ul-module-menu-left">{left}</ul></div>
<div class="tandan-center">
{main}
</div>
<div class="tandan-right"><div class="TD-module-title">TIN MỚI</div><ul class="tandan-ul-latest">
{chr(10).join(td_item(q) for q in latest)}
</ul><div class="TD-thong-ke">Tổng số lượt truy cập: {s["visits"]}</div></div></div>
<div class="tandan-footer"><p><b>{esc(s["name"])}</b></p><p>Cơ quan chủ quản: {esc(s["owner"])}</p><p>Chịu trách nhiệm chính: {esc(s["chief"])}</p><p>Địa chỉ: {esc(s["address"])} - Điện thoại: {s["phone"]} - Email: {s["email"]}</p><p>{esc(s["license"])}</p></div>
</div>
</form>
{gtag(s["host"])}
</body>
</html>
"""


# --------------------------------------------------------------------------- teaser, seed
def teaser(p: Page, n: int = 200) -> str:
    s = p.a.get("summary") or p.a["paras"][0]
    return s if len(s) <= n else s[:n].rsplit(" ", 1)[0] + "..."


SEED_ITEM = re.compile(r"^(?P<title>.*?)(?P<gap>\s?)\((?P<date>\d{2}/\d{2}/\d{4} \d{1,2}:\d{2}:\d{2} (?:SA|CH))\)$")


def parse_net_vi(s: str) -> datetime:
    dt = datetime.strptime(s[:-3], "%d/%m/%Y %I:%M:%S")
    return dt.replace(hour=dt.hour % 12 + (12 if s.endswith("CH") else 0))


def read_seed() -> dict:
    """Pull title, date, body paragraphs and both link lists out of the seed text dump."""
    lines = [x.strip() for x in (HERE / SEED_TXT).read_text("utf-8").splitlines()]
    title = lines[2]
    dt = parse_net_vi(re.search(r"\d{2}/\d{2}/\d{4} [\d:]+ (?:SA|CH)", lines[3]).group(0))
    start = lines.index("(Ảnh minh họa)") + 1
    end = [x.replace("\xa0", " ") for x in lines].index("Xem chi tiết tại đây.")   # the dump has an NBSP
    paras = [x for x in lines[start:end] if x]
    lists: dict[str, list[tuple[str, datetime, bool]]] = {"Tin liên quan": [], "Tin mới nhất": []}
    cur = None
    for x in lines[end + 1:]:
        if x in lists:
            cur = x
            continue
        m = SEED_ITEM.match(x)
        if cur and m:
            lists[cur].append((m["title"], parse_net_vi(m["date"]), bool(m["gap"])))
        elif cur and x:
            break
    return {"title": title, "dt": dt, "paras": paras, "related": lists["Tin liên quan"], "latest": lists["Tin mới nhất"]}


# --------------------------------------------------------------------------- WARC
WARC_FILE = "samples.warc.gz"
SERVER = {"aspnet_vi": ("Microsoft-IIS/8.5", "X-AspNet-Version: 4.0.30319", "X-Powered-By: ASP.NET"),
          "liferay62": ("Apache-Coyote/1.1", "Liferay-Portal: Liferay Portal Community Edition 6.2 CE GA6"),
          "sharepoint_ministry": ("Microsoft-IIS/8.5", "MicrosoftSharePointTeamServices: 15.0.0.4867"),
          "wordpress": ("nginx", "Link: <https://{host}/wp-json/>; rel=\"https://api.w.org/\""),
          "liferay7": ("Apache", "Liferay-Portal: Liferay Digital Experience Platform 7.2.10"),
          "tandan": ("Microsoft-IIS/10.0", "MicrosoftSharePointTeamServices: 16.0.0.5148")}


def _sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def _warc_record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return gzip.compress(head.encode("utf-8") + block + b"\r\n\r\n", compresslevel=9, mtime=0)


def warc_bytes(entries: list[dict], files: dict[str, bytes]) -> bytes:
    """One gzip member per record: warcinfo, then an HTTP 200 response for every page to ingest.

    Record ids are UUIDv5 of the URL and dates come from each site's mirror time, so the bytes are
    reproducible. The demo ingests this file: URLs, content types and charsets travel with the pages.
    """
    ns = uuid.UUID("6f1d5c1e-3a43-5b7e-9c11-747261637575")
    info_id = f"<urn:uuid:{uuid.uuid5(ns, 'warcinfo')}>"
    fields = (b"software: tracuu/samples/_build.py\r\nformat: WARC File Format 1.1\r\n"
              b"description: tracuu bundled sample pages (written for the project, see README.md)\r\n"
              b"isPartOf: tracuu-samples\r\n")
    out = [_warc_record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", info_id),
                         ("WARC-Date", "2025-06-15T00:00:00Z"), ("WARC-Filename", WARC_FILE),
                         ("Content-Type", "application/warc-fields")], fields)]
    seq: dict[str, int] = {}
    for e in entries:
        site = SITES[e["host"]]
        seq[e["host"]] = seq.get(e["host"], -1) + 1
        when = datetime.strptime(site["mirrored"], "%Y-%m-%d %H:%M:%S") + timedelta(seconds=seq[e["host"]])
        payload = files[e["file"]]
        server, *extra = SERVER[site["family"]]
        http = ["HTTP/1.1 200 OK", f"Date: {http_date(when)}", f"Server: {server}",
                *[x.format(host=e["host"]) for x in extra],
                f"Content-Type: text/html; charset={e['encoding']}", f"Content-Length: {len(payload)}"]
        block = ("\r\n".join(http) + "\r\n\r\n").encode("latin-1") + payload
        out.append(_warc_record([
            ("WARC-Type", "response"), ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(ns, e['url'])}>"),
            ("WARC-Date", when.strftime("%Y-%m-%dT%H:%M:%SZ")), ("WARC-Target-URI", e["url"]),
            ("WARC-Warcinfo-ID", info_id), ("WARC-Payload-Digest", _sha1_b32(payload)),
            ("WARC-Block-Digest", _sha1_b32(block)), ("Content-Type", "application/http;msgtype=response"),
        ], block))
    return b"".join(out)


# --------------------------------------------------------------------------- build
RENDER = {"aspnet_vi": aspnet_article, "liferay62": lr62_article, "sharepoint_ministry": sp_article,
          "wordpress": wp_article, "liferay7": lr7_article, "tandan": td_article}
LISTING = {"aspnet_vi": aspnet_listing, "liferay62": lr62_listing, "wordpress": wp_listing}


def list_iso(site: dict, dt: datetime) -> str:
    """A list item's time as the page shows it: SharePoint lists print the day only, ``(21/12/2018)``."""
    if site["family"] in DAY_ONLY_LISTS:
        dt = dt.replace(hour=0, minute=0, second=0)
    return iso(dt)


def parse_dt(s: str, family: str) -> datetime:
    dt = datetime.strptime(s, "%Y-%m-%d %H:%M:%S")
    return dt.replace(second=0) if family in MINUTE_ONLY else dt


def build() -> tuple[dict[str, bytes], dict]:
    files: dict[str, bytes] = {}
    manifest_pages: list[dict] = []
    assets: list[dict] = []
    seed = read_seed()
    pages: list[Page] = []
    for a in ARTICLES:
        site = SITES[a["host"]]
        if a.get("seed"):
            a = {**a, "title": seed["title"], "paras": seed["paras"]}
            dt = seed["dt"]
        else:
            dt = parse_dt(a["dt"], site["family"])
        path, file = article_path(site, a, dt)
        p = Page(a=a, site=site, path=path, file=f"{site['host']}{file}", dt=dt, cat=tuple(a["cat"]))
        for k, cap in enumerate(a.get("images", ())):
            stem = a.get("img_stem", f"anh-{a['id']}") + (f"-{k + 1}" if k else "")
            ipath = asset_path(site, dt, stem, "png", a["id"])
            p.images.append({"path": ipath, "url": f"https://{site['host']}{ipath}", "caption": cap})
            files[f"{site['host']}{ipath}"] = png_bytes(site["host"] + ipath)
            assets.append({"file": f"{site['host']}{ipath}", "url": f"https://{site['host']}{ipath}",
                           "content_type": "image/png", "of": p.url})
        for t, ext, exists in a.get("attachments", ()):
            stem = a.get("file_stem") or slugify(t, 50).replace("-", "_")
            fpath = asset_path(site, dt, stem, ext, a["id"])
            # Liferay links carry a cache-buster query; HTTrack saves the file without it
            apath = fpath + (f"?t={LR7_T}" if site["family"] == "liferay7" else "")
            p.attachments.append({"title": t, "path": apath, "url": f"https://{site['host']}{apath}", "exists": exists})
            if exists:
                data = (pdf_bytes(t, [fold(x)[:90] for x in a["paras"][:3]]) if ext == "pdf" else docx_bytes([t] + a["paras"]))
                files[f"{site['host']}{fpath}"] = data
                ctype = "application/pdf" if ext == "pdf" else \
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                assets.append({"file": f"{site['host']}{fpath}", "url": f"https://{site['host']}{apath}",
                               "content_type": ctype, "of": p.url})
        pages.append(p)

    by_host: dict[str, list[Page]] = {}
    for p in pages:
        by_host.setdefault(p.site["host"], []).append(p)
    local = {p.title: p for p in pages}
    offsite: dict[str, Link] = {}

    def seed_links(items: list[tuple[str, datetime, bool]], site: dict, cat: tuple[str, ...]) -> list[Link]:
        out = []
        for title, dt, _gap in items:
            if title in local:
                out.append(local[title].link())
            elif title in offsite:
                out.append(offsite[title])
            else:   # not in the mirror (HTTrack depth limit): link to the live site's URL shape
                a = {"id": site["offsite_ids"][title], "title": title, "cat": cat}
                path, _ = article_path(site, a, dt)
                offsite[title] = Link(title, f"https://{site['host']}{path}", path, dt)
                out.append(offsite[title])
        return out

    for p in pages:
        if p.a.get("seed"):
            p.related = seed_links(seed["related"], p.site, p.cat)
            p.a = {**p.a, "gaps": {k for k, it in enumerate(seed["related"]) if it[2]}}
    for host, hp in by_host.items():
        site = SITES[host]
        newest = sorted(hp, key=lambda q: q.dt, reverse=True)
        if site.get("latest_from_seed"):
            latest = seed_links(seed["latest"], site, ("Tin tức - Sự kiện",))
        else:
            latest = [q.link() for q in newest[:5]]
        for p in hp:
            p.latest = latest
            if p.a.get("seed"):
                continue
            same = sorted((q for q in hp if q is not p and q.cat == p.cat and not q.a.get("seed")),
                          key=lambda q: abs((q.dt - p.dt).total_seconds()))
            other = sorted((q for q in hp if q is not p and q.cat != p.cat and not q.a.get("seed")),
                           key=lambda q: abs((q.dt - p.dt).total_seconds()))
            rel = (same[:3] + other)[: p.a.get("n_related", 4)]
            p.related = [q.link() for q in sorted(rel, key=lambda q: q.dt, reverse=True)]

    for p in pages:
        site = p.site
        text = RENDER[site["family"]](p)
        enc = p.a.get("encoding", "utf-8")
        if enc == "windows-1258":
            text = text.replace("charset=utf-8", "charset=windows-1258")
            data = encode_cp1258(text)
        else:
            data = text.encode("utf-8")
        files[p.file] = data
        manifest_pages.append({
            "file": p.file, "url": p.url, "host": site["host"], "family": site["family"], "kind": "article",
            "encoding": enc, "ingest": True, "title": p.title, "published": iso(p.dt), "category": list(p.cat),
            "summary": p.a.get("summary"),
            "images": [{"url": im["url"], "caption": im["caption"]} for im in p.images],
            "attachments": [{"title": at["title"], "url": at["url"], "exists": at["exists"]} for at in p.attachments],
            "related": [{"title": q.title, "url": q.url, "published": list_iso(site, q.dt)} for q in p.related],
            "latest": [{"title": q.title, "url": q.url, "published": list_iso(site, q.dt)} for q in p.latest],
            "notes": p.a.get("notes", []),
        })
        if p.a.get("seed"):
            manifest_pages.append({
                "file": SEED_TXT, "url": p.url, "host": site["host"], "family": "text_dump", "kind": "article",
                "encoding": "utf-8", "ingest": False, "title": p.title, "published": iso(p.dt),
                "category": list(p.cat), "summary": None, "images": [], "attachments": [],
                "related": [{"title": t, "url": None, "published": iso(d)} for t, d, _ in seed["related"]],
                "latest": [{"title": t, "url": None, "published": iso(d)} for t, d, _ in seed["latest"]],
                "notes": ["the seed page as a browser text dump; the same article as the HTML rendering with "
                          "the same URL, so it is not ingested by the demo (one document per article)"],
            })

    for host, lists in ((h, s.get("listings", [])) for h, s in SITES.items()):
        site = SITES[host]
        if host not in by_host:
            continue
        hp = sorted(by_host[host], key=lambda q: q.dt, reverse=True)
        latest = by_host[host][0].latest
        for labels in lists:
            labels = tuple(labels)
            if labels == ():
                path, file = "/", "/index.html"
                text = lr62_home(site, hp, latest)
                title = "Trang chủ"
            else:
                path, file = listing_path(site, labels)
                items = [q for q in hp if q.cat[: len(labels)] == labels]
                text = LISTING[site["family"]](site, labels, items, path, latest)
                title = labels[-1]
            files[f"{host}{file}"] = text.encode("utf-8")
            manifest_pages.append({
                "file": f"{host}{file}", "url": f"https://{host}{path}", "host": host, "family": site["family"],
                "kind": "other" if labels == () else "listing",  # a home page is "other" (issue 9)
                "encoding": "utf-8", "ingest": True, "title": title, "published": None,
                "category": list(labels), "summary": None, "images": [], "attachments": [], "related": [],
                "latest": [{"title": q.title, "url": q.url, "published": list_iso(site, q.dt)} for q in latest],
                "notes": [],
            })

    to_ingest = sorted((m for m in manifest_pages if m["ingest"]), key=lambda m: (m["host"], m["kind"] == "article", m["url"]))
    files[WARC_FILE] = warc_bytes(to_ingest, files)
    manifest = {
        "format": "tracuu-samples/1",
        "warc": {"file": WARC_FILE, "records": len(to_ingest),
                 "about": "every page with ingest=true as an HTTP 200 response record with its URL; "
                          "the input for `tracuu demo` (the folder also holds README.md and the seed text dump)"},
        "about": "Sample pages bundled with tracuu (see README.md). Every page is listed under 'pages' with the "
                 "URL it was mirrored from and what a parser should extract; images and attachment files are "
                 "under 'assets'. 'ingest': false marks a file that duplicates another page (the seed text dump).",
        "pages": sorted(manifest_pages, key=lambda m: m["file"]),
        "assets": sorted(assets, key=lambda m: m["file"]),
    }
    _attachments.apply(files, manifest)  # real Word/PDF/scan/XLSX documents, appended to the WARC
    files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files, manifest


def main() -> int:
    files, manifest = build()
    for old in sorted(HERE.rglob("*"), reverse=True):
        rel = old.relative_to(HERE).as_posix()
        if old.is_file() and rel not in KEEP and rel not in files and "__pycache__" not in rel:
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    for rel, data in sorted(files.items()):
        out = HERE / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        if not out.exists() or out.read_bytes() != data:
            out.write_bytes(data)
    arts = [m for m in manifest["pages"] if m["kind"] == "article" and m["ingest"]]
    fams = sorted({m["family"] for m in arts})
    print(f"{len(manifest['pages'])} pages ({len(arts)} ingested articles), {len(manifest['assets'])} assets, "
          f"families: {', '.join(fams)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
