"""CMS families of Vietnamese government portals, described as data.

Why data and not code: portals come in a handful of CMS families (see
``shared/design/portal-markup.md``), and each family differs only in *where* things are (class
names, ids, date strings), not in *what* a parser must do with them. Keeping the "where" in one
table lets a new family be added by writing one entry, keeps ``htmlparse`` free of per-site
branches, and lets every family share the same generic fallback when a selector finds nothing.

Selector strings are CSS (soupsieve); ``"SELECTOR@attr"`` means "the value of ``attr`` on the
first element matching SELECTOR" instead of its text. Lists of selectors are tried in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Family:
    """Where one CMS family keeps each part of a page.

    ``detect`` hints are literal substrings of the raw HTML, alternatives separated by ``|`` (plain
    substring tests: no tree walk, no regex backtracking); ``detect_url`` are regexes on the URL.
    A family is chosen when ``min_hits`` of them match. ``article`` selectors mark a detail page:
    when a family matches but none of them is present, the page is a listing or other page.
    """

    name: str
    label: str
    detect: tuple[str, ...] = ()
    detect_url: tuple[str, ...] = ()
    min_hits: int = 1
    article: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    breadcrumb: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    latest: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    noise: tuple[str, ...] = ()
    #: regexes deleted from a date string before ``parse_datetime`` (view counters, separators)
    date_strip: tuple[str, ...] = ()
    date_notes: str = ""
    #: pattern of the site's own suffix/prefix in ``<title>`` (``"Site - Title"`` or ``"Title - Site"``)
    title_sep: str = r"\s+[-|–]\s+"
    _hints: tuple[tuple[str, ...], ...] = field(default=(), repr=False, compare=False)
    _compiled_url: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _compiled_strip: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hints", tuple(tuple(h.split("|")) for h in self.detect))
        object.__setattr__(self, "_compiled_url", tuple(re.compile(p, re.I) for p in self.detect_url))
        object.__setattr__(self, "_compiled_strip", tuple(re.compile(p, re.I) for p in self.date_strip))

    def score(self, html: str, url: str | None, need: int = 0) -> int:
        """How many detection hints match (0 = not this family).

        Each missing hint costs a scan of the whole page, so scoring stops (returning 0) as soon as
        ``max(need, min_hits)`` hits can no longer be reached.
        """
        hits = sum(1 for rx in self._compiled_url if rx.search(url)) if url else 0
        need = max(need, self.min_hits)
        left = len(self._hints)
        for alts in self._hints:
            left -= 1
            if any(a in html for a in alts):
                hits += 1
            elif hits + left < need:
                return 0
        return hits

    def clean_date(self, text: str) -> str:
        for rx in self._compiled_strip:
            text = rx.sub(" ", text)
        return text


# Noise common to every family: share widgets, print/back tools, counters, comments, forms.
COMMON_NOISE: tuple[str, ...] = (
    ".social-share", ".zalo-share-button", ".fb-like", ".fb-share-button", ".addthis_toolbox",
    ".taglib-social-bookmarks", ".post-views", ".tool", ".print", ".share", ".sharing",
)

# Headings that introduce link lists (issue 2). Compared after lower-casing and stripping ":".
RELATED_HEADINGS: tuple[str, ...] = (
    "tin liên quan", "các tin khác", "bài viết liên quan", "tin khác", "các tin đã đưa",
    "tin cùng chuyên mục", "tin bài liên quan", "xem thêm", "các tin liên quan", "bài liên quan",
)
LATEST_HEADINGS: tuple[str, ...] = ("tin mới nhất", "tin mới", "bài viết mới", "bài mới nhất", "tin mới cập nhật")

# Attachment detection (issue 2): by extension, or by the words of the link text. A ``/`` may follow
# the extension: Liferay serves documents as ``/documents/<group>/<folder>/<name.pdf>/<uuid>``.
ATTACHMENT_EXT = re.compile(r"\.(pdf|docx?|xlsx?|zip|rar|pptx?|7z)(?:$|[?#/])", re.I)
ATTACHMENT_TEXT = re.compile(r"^\s*(tại đây|tải về|tải xuống|file đính kèm|tệp đính kèm|download|xem file|tải file)\b",
                             re.I)

# ---- Page vocabulary shared by every family (what the generic stages look for in text and markup).
#: labels that open a breadcrumb trail; the labels after them are the category
HOME_WORDS: frozenset[str] = frozenset({"trang chủ", "trang chu", "home", "trang nhất", "homepage"})
#: a breadcrumb piece that is only a separator (``>``, ``»``, ``|`` …)
TRAIL_SEPARATOR = re.compile(r"^[\s>»›/|\\\-–—:→⇒•·.,]*$")
#: separators that make a short element with a "Trang chủ" link a breadcrumb trail
TRAIL_SEP = re.compile(r"\s(>|»|›|/|→)\s|-->")
#: short body lines that are page furniture, not text (counters, share/print tools, tag labels)
NOISE_LINE = re.compile(
    r"^(l(ượ|uo)t xem|lượt truy cập|số lượt truy cập|chia sẻ|in bài viết|trở về|quay lại|"
    r"tags?\s*:|từ khóa\s*:|bản in|gửi email|view count|(tài liệu|tệp tin|tệp|file|văn bản) đính kèm\s*:?\s*$)", re.I)
#: a body block that is only a dateline: "(Thứ hai, 19/04/2021 15:17)", "Ngày đăng: 21/12/2018"
DATELINE = re.compile(r"^[\s(]*(ngày đăng|đăng ngày|cập nhật|thứ|chủ nhật|t[2-7]\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
                      r"\d{1,2}:\d\d|\d{4}-\d\d-\d\d)", re.I)
#: how image captions start ("Ảnh: …", "(Ảnh minh họa)")
CAPTION_START = re.compile(r"^\(?\s*(ảnh|anh|hình|photo|nguồn ảnh)\b|^\(.*\)$", re.I)
#: labels of a publication date anywhere on the page
DATE_LABEL = re.compile(r"(ngày đăng|đăng ngày|ngày cập nhật|cập nhật|thời gian đăng|ngày xuất bản|đăng lúc)", re.I)
#: labels of a last-modified date
UPDATED_LABEL = re.compile(r"(cập nhật|ngày sửa|sửa đổi lần cuối)", re.I)
#: a site address printed in the footer (``www.cchc.laichau.gov.vn``) when the page has no URL
WWW_HOST = re.compile(r"(?<![\w.@/-])(?:https?://)?www\.((?:[a-z0-9-]+\.)+(?:vn|com|net|org))\b", re.I)
#: Liferay's inline ``Liferay.ThemeDisplay.getLayoutURL`` (the page's canonical URL)
LIFERAY_LAYOUT_URL = re.compile(r'getLayoutURL:\s*function\(\)\s*\{\s*return\s*"([^"]+)"')
#: SharePoint's ``_spPageContextInfo.webAbsoluteUrl`` (the site's base URL)
SHAREPOINT_WEB_URL = re.compile(r'webAbsoluteUrl:\s*"([^"]+)"')
#: URL paths of a site's home page
HOME_PATH = re.compile(r"^/?(index\.(html?|aspx|php|jsp)|default\.aspx|trang-chu(\.\w+)?)?$", re.I)
#: page frame (never the body): footers, menus, banners, sidebars, breadcrumbs
FRAME_SELECTOR = ("footer, nav, header, aside, [class*=footer i], [id*=footer i], [class*=menu i], [id*=menu i], "
                  "[class*=banner i], [class*=copyright i], [class*=sidebar i], [id*=sidebar i], "
                  "[class*=breadcrumb i]")
#: generic noise inside a body container, on top of COMMON_NOISE and the family's own
FRAME_NOISE: tuple[str, ...] = ("footer", "nav", "aside", ".breadcrumb", ".breadcrumbs")

# ---- Publication times that portals encode outside the visible text (portal-markup.md).
#: (source name, regex whose group 1 holds the stamp, strptime format, precision) for URLs and CMS ids
URL_TIMESTAMPS: tuple[tuple[str, str, str, str], ...] = (
    # Báo Chính phủ / VCCorp: the 18-digit id ``115|241129123739|455`` holds yyMMddHHmmss
    ("url:vcc-id", r"-\d{3}(\d{12})\d{3}\.htm", "%y%m%d%H%M%S", "second"),
    # SharePoint "Tân Dân": /portal/Pages/2021-3-5/<Slug>.aspx
    ("url:portal-pages", r"/portal/Pages/(\d{4}-\d{1,2}-\d{1,2})/", "%Y-%m-%d", "day"),
    # upload/<siteId> CMS: /upload/2005517/20260423/<file> (the upload day)
    ("url:upload-path", r"/upload/\d+/(\d{8})/", "%Y%m%d", "day"),
    # WordPress-style permalinks: /2021/08/02/<slug>/
    ("url:date-path", r"/((?:19|20)\d\d/[01]\d/[0-3]\d)/", "%Y/%m/%d", "day"),
)
#: attributes of a list item's link that hold a CMS id encoding its time (VCCorp ``data-id``)
ID_ATTRIBUTES: tuple[str, ...] = ("data-id", "data-newsid")
#: meta names/properties/itemprops (lower case) that carry the publication or update time
META_DATES: dict[str, str] = {
    "article:published_time": "published", "og:published_time": "published", "og:article:published_time":
    "published", "datepublished": "published", "pubdate": "published", "publishdate": "published",
    "publish-date": "published", "publish_date": "published", "dc.date": "published",
    "dc.date.issued": "published", "dc.date.created": "published", "dcterms.date": "published",
    "dcterms.issued": "published", "dcterms.created": "published", "date": "published",
    "article.published": "published", "sailthru.date": "published", "parsely-pub-date": "published",
    "article:modified_time": "updated", "og:updated_time": "updated", "datemodified": "updated",
    "dc.date.modified": "updated", "dcterms.modified": "updated", "last-modified": "updated",
    "article.updated": "updated",
}
#: JSON-LD keys for the same
JSONLD_DATES: dict[str, str] = {"datePublished": "published", "dateCreated": "published",
                                "uploadDate": "published", "dateModified": "updated"}
#: ``data-*`` attributes that hold a date next to the title
DATE_ATTRIBUTES: tuple[str, ...] = ("title", "data-date", "data-time", "data-published", "data-publish-date",
                                    "data-pubdate", "data-created", "data-datetime", "data-timestamp")
#: labels of a last-modified time printed on the page (``Cập nhật`` alone usually means publication)
UPDATED_TEXT_LABEL = re.compile(r"(cập nhật lần cuối|ngày sửa|sửa đổi lần cuối|last modified|last updated)", re.I)
#: classes that hide an element (with ``style="display:none"`` and the ``hidden`` attribute)
HIDDEN_CLASSES: frozenset[str] = frozenset({"hidden", "hide", "d-none", "invisible", "sr-only", "visually-hidden",
                                            "hide-accessible"})

FAMILIES: tuple[Family, ...] = (
    Family(
        name="aspnet_vi",
        label="ASP.NET WebForms (vi-VN culture) / BizWeb module CMS",
        detect=('id="__VIEWSTATE"', "ctl00_ContentPlaceHolder1|cphMain_ctl00_|BodyContent_ctl00_",
                "tbl_newsdetail|NewsDetailContainer|newsDetail_Title|lblNgayDang"),
        detect_url=(r"\.aspx(?:$|\?)",),
        min_hits=2,
        article=("table.tbl_newsdetail", "[id$=lblNgayDang]", ".NewsDetailContainer", "h1.newsDetail_Title",
                 "#divNewsDetails", "[id$=_newsTitle]"),
        title=("[id$=lblTieuDe]", "h1.tieude", "h1.newsDetail_Title", "[id$=_newsTitle]"),
        date=("[id$=lblNgayDang]", "table.tbl_newsdetail .ngaydang", "span.newsDetail_Date", "[id$=_lblDate]"),
        summary=("[id$=lblTomTat]", ".newsDetail_Brief", "[id$=_newsContent]"),
        body=("div.noidung", "[id$=divNoiDung]", "div.newsDetail_Content", "#divNewsDetails"),
        breadcrumb=("td.navpath", ".navpath", ".breadcrumb"),
        related=("table.tbl_tinkhac",),
        latest=(),
        attachments=("[id$=divNoiDung]", "div.noidung", "div.newsDetail_Content"),
        captions=(),
        noise=("td.tool",),
        date_notes="Detail `(Ngày đăng :21/12/2018 9:26:09 SA)`; lists `Title(29/09/2021 2:08:40 CH)` "
                   "(no space before `(`). vi-VN `h:mm:ss tt`: SA = AM, CH = PM, 12:xx SA = 00:xx. BizWeb "
                   "detail `27-08-2014 04:03 CH` in a hidden span (still in the DOM).",
    ),
    Family(
        name="liferay62",
        label="Liferay 6.2 CE asset publisher",
        detect=("Liferay.ThemeDisplay|Liferay.Util", "asset-full-content|asset-bounddary|portlet-asset-publisher",
                "assetPublishDate|dd_chuyenmuc"),
        detect_url=(r"/-/view_content/", r"/-/asset_publisher/"),
        min_hits=2,
        article=(".asset-full-content", ".title-detail", "#p_p_id_CmsViewChiTietBaiViet_WAR_CmsViewEcoITportlet_"),
        title=(".asset-full-content .title-news h1", ".title-news h1", ".title-detail h1",
               ".asset-full-content h1", ".header-title"),
        date=(".asset-full-content > .assetPublishDate", ".asset-full-content .assetPublishDate", ".block_timer"),
        summary=(".asset-full-content .sapo", "p#change_font_size"),
        body=(".asset-full-content .journal-content-article", ".journal-content-article", ".content-detail",
              ".detail-content", "#contentnews"),
        breadcrumb=(".dd_chuyenmuc", ".breadcrumb"),
        related=(".other-news",),
        latest=("ul.tin-moi",),
        attachments=(".file-dinh-kem", ".asset-full-content .journal-content-article"),
        captions=(),
        noise=(".sapo", ".file-dinh-kem", ".asset-metadata"),
        date_strip=(r"l(ượ|uo)t xem\s*:?\s*\d[\d.,]*", r"view count\s*:?\s*\d[\d.,]*", r"\|\s*$"),
        date_notes="Detail ` Ngày đăng 21/07/2022 | 10:00 AM | Lượt xem: N` (English AM/PM, view counter in the "
                   "same node); lists ` 21/07/2022 | 10:00 AM `; home ` (24/08/2022) `. Footer mixes UTF-8 "
                   "and numeric character references.",
    ),
    Family(
        name="liferay7",
        label="Liferay 7 / DXP (ncov.moh.gov.vn, moh.gov.vn)",
        detect=("data-analytics-asset-", "text-ngayxam-page|hide-accessible", "journal-content-article"),
        detect_url=(r"/web/guest/-/",),
        min_hits=2,
        article=("[data-analytics-asset-title]", ".text-ngayxam-page"),
        title=(".journal-content-article@data-analytics-asset-title", "h2.hide-accessible", ".contentDetail h3"),
        date=(".text-ngayxam-page", "meta[name=description]@content", ".contentDetail p.date"),
        summary=(".journal-content-article p.text-justify strong.text-muted", ".sapo strong", ".sapo"),
        body=(".journal-content-article",),
        breadcrumb=(".breadcrumb",),
        related=(),
        latest=(),
        attachments=(".journal-content-article",),
        noise=(".text-ngayxam-page", "strong.text-muted", ".embed-responsive"),
        date_notes="Detail `(Thứ hai, 19/04/2021 15:17)` (Vietnamese weekday, 24 h) also copied into "
                   "meta[name=description]; lists `Monday, 24/05/2021, 22:38` (English weekday when lang=en-US); "
                   "timeline `18:05 24/05/2021`. 'Tin đọc nhiều' is a popularity list, not related.",
    ),
    Family(
        name="sharepoint_ministry",
        label="SharePoint ministry CMS (Around_News / divArticleDescription)",
        detect=("Microsoft SharePoint|_spPageContextInfo|SPWebPartManager", "divArticleDescription|Around_News",
                "News_Time_Post|H3_iTem_ListNews|pnTinLienQuan"),
        min_hits=2,
        article=("#divArticleDescription2", "#divArticleDescription3", "h1.News_Detail_Title", ".Around_News_Content"),
        title=("#divArticleDescription3 h1", "h1.News_Detail_Title", "#divArticleDescription3"),
        date=("span.News_Time_Post", ".News_Time"),
        summary=("#divArticleDescription1", ".Around_News_Sapo"),
        body=("#divArticleDescription2", ".Around_News_Content", "[id$=_RichHtmlField]", ".ms-rtestate-field"),
        breadcrumb=(".breadcrumb", ".BreadCrumb"),
        related=("[id$=pnTinLienQuan]", ".Around_News_Other"),
        latest=(),
        attachments=(".News_Attach", "#divArticleDescription2"),
        captions=("td.image_desc",),
        noise=("table.image", "[id$=pnHide]", "[id$=pnNguontin]"),
        date_strip=(r"l(ượ|uo)t xem\s*:?\s*\d[\d.,]*", r"\|\s*$"),
        date_notes="Detail `span.News_Time_Post` `Ngày đăng: 21/12/2018 09:26 | Lượt xem: N` (some sites "
                   "`Thứ …, dd/MM/yyyy …`); list items `(21/12/2018)` carry the day only.",
    ),
    Family(
        name="tandan_sharepoint",
        label="SharePoint 'Tân Dân' provincial portal (/portal/Pages/)",
        detect=("tandan-", "Microsoft SharePoint|ctl00_PlaceHolderMain|_spPageContextInfo"),
        detect_url=(r"/portal/Pages/",),
        min_hits=2,
        article=(".tandan-p-article-news-title", ".tandan-p-article-main"),
        title=(".tandan-p-article-news-title",),
        date=(".tandan-span-date-publish",),
        summary=(".tandan-p-article-news-summary",),
        body=(".tandan-p-article-main", ".tandan-p-article-news-content", ".article-contents", ".ms-rtestate-field"),
        breadcrumb=(".tandan-breadcrumb", ".breadcrumb"),
        related=(".tandan-div-article-other",),
        latest=(),
        attachments=(".tandan-div-file-attach", ".tandan-p-article-main", ".tandan-div-article-attach"),
        noise=(".td-tags",),
        date_notes="Date `.tandan-span-date-publish`, text starts with `Đăng ngày` (time format unverified; "
                   "vi-VN SA/CH likely). Related block header `p.tandan-p-article-other` = 'Các tin khác'.",
    ),
    Family(
        name="vcc_news",
        label="Báo Chính phủ / VCCorp-style CMS (chinhphu.vn, baochinhphu.vn, mst.gov.vn)",
        detect=('data-linktype="newsdetail"|box-link-title', "detail-time|detail-sapo|afcbc-body|detail-content",
                "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ|chinhphu.vn|baochinhphu.vn"),
        detect_url=(r"-\d{18}\.htm$",),
        min_hits=2,
        article=(".detail-content", ".detail-title", "h1.detail-title", ".article-body"),
        title=("h1.detail-title", ".detail-title", ".article-header h1", "h1"),
        date=("div.detail-time", ".detail-time", ".article-header p", "p.meta"),
        summary=(".detail-sapo", "h2.detail-sapo", ".article-header .sapo"),
        body=("div.detail-content.afcbc-body", ".detail-content", ".article-body.cmscontents", ".article-body"),
        breadcrumb=(".detail-cate", ".breadcrumb"),
        related=(".detail-related", ".box-related", ".related-news"),
        latest=(),
        attachments=(".detail-content",),
        captions=(".PhotoCMS_Caption", "figcaption"),
        noise=(".VCSortableInPreviewMode .PhotoCMS_Caption", ".detail-author", ".box-relate-inline"),
        date_notes="Detail `div.detail-time` `dd/MM/yyyy HH:mm`; the 18-digit id in the URL encodes "
                   "yyMMddHHmmss; `span.time` on the home page is a video duration, not a date.",
    ),
    Family(
        name="upload_cms",
        label="'upload/<siteId>' portal CMS (moit.gov.vn 2021+, laichau.gov.vn)",
        detect=("/upload/", 'class="article-title"|class="article-content"'),
        min_hits=2,
        article=(".article-content",),
        title=("h1.article-title", ".article-detail h1", "h1"),
        date=(".article-date", ".post-date", ".article-meta .date", ".date"),
        summary=(".article-sapo", ".article-summary", ".sapo"),
        body=(".article-content",),
        breadcrumb=(".breadcrumb",),
        related=(".article-related", ".related-news"),
        latest=(),
        attachments=(".article-content", ".article-attachments"),
        date_notes="Date format not captured; attachments `/upload/<siteId>/<yyyymmdd>/<name>_<5hex>.<ext>`.",
    ),
    Family(
        name="ministry_other",
        label="Other ministry platforms (moha, moet, mic, monre, mard, moj, BHXH …)",
        detect=('id="news_details"|id="show_content"|id="news-detail"|id="divArticleContent"|id="layoutBanTin"|'
                'id="txtTitle"|id="contenttin"',),
        article=("#news_details", "#show_content", "#news-detail", "#divArticleContent", "#layoutBanTin",
                 "#txtTitle", "#contenttin"),
        title=("#news-title", "#news_content h1", "#txtTitle", "#layoutBanTin h1", "#news_details h1"),
        date=("#publish-date", "#txtDateString", "div.content-news > div > span", ".date"),
        summary=("#show_description", "#news-des", "#divArticleDescription", "#idTomTat"),
        body=("#show_content", "#news-detail", "#divArticleContent", "#layoutBanTin", "#contenttin",
              "#region-content div.plain"),
        breadcrumb=(".breadcrumb",),
        attachments=("#show_content", "#news-detail", "#divArticleContent"),
        date_notes="One line each in portal-markup.md §8; dates follow vi-VN or dd/MM/yyyy.",
    ),
    Family(
        name="wordpress",
        label="WordPress (+Yoast) and news sites",
        detect=("/wp-content/|/wp-includes/", "Yoast SEO|entry-content|entry-title", "article:published_time"),
        min_hits=2,
        article=("body.single-post", "body.single", "article .entry-content", "meta[property='og:type'][content=article]"),
        title=("h1.entry-title", "article h1", "meta[property='og:title']@content"),
        date=("meta[property='article:published_time']@content", "article time[datetime]@datetime",
              ".entry-header time[datetime]@datetime", "time.entry-date@datetime"),
        updated=("meta[property='article:modified_time']@content", "time.updated@datetime"),
        summary=(".entry-summary", ".sapo", "p.description"),
        body=("article .entry-content", ".entry-content", ".td-post-content", ".post-content"),
        breadcrumb=("nav.breadcrumbs", ".breadcrumbs", "#breadcrumbs", ".breadcrumb", ".rank-math-breadcrumb"),
        related=(".related-posts", ".jp-relatedposts", ".yarpp-related", ".related"),
        latest=(".widget_recent_entries",),
        attachments=(".entry-content",),
        captions=("figcaption", ".wp-caption-text"),
        noise=(".wp-block-file", "figure", ".wp-caption", ".sharedaddy", ".post-views", ".entry-footer"),
        date_notes="`<time class=timeago datetime=2021-08-02T18:47:47+07:00>02/08/2021 lúc 18:47</time>`; "
                   "article:published_time meta. The breadcrumb ends with the article title. Some saved "
                   "pages are double-encoded UTF-8 (repaired by the decoder).",
    ),
)

BY_NAME: dict[str, Family] = {f.name: f for f in FAMILIES}

#: The generic fallback: no detection, heuristics only (see htmlparse).
GENERIC = Family(
    name="generic",
    label="Unknown layout (generic heuristics)",
    title=("h1",),
    date=("meta[property='article:published_time']@content", "meta[itemprop=datePublished]@content"),
    updated=("meta[property='article:modified_time']@content", "meta[itemprop=dateModified]@content"),
    summary=("[class*=sapo i]", "[id*=sapo i]", "[class*=tomtat i]", "[class*=summary i]", "[id*=summary i]",
             "[class*=lead i]", "p.description"),
    breadcrumb=(".breadcrumb", ".breadcrumbs", "#breadcrumb", "nav[aria-label=breadcrumb]", ".navpath"),
    attachments=("[class*=attach i]", "[class*=dinh-kem i]", "[class*=dinhkem i]", "[class*=file-kem i]"),
    captions=("figcaption", "[class*=caption i]", "[class*=image_desc i]", "[class*=img_desc i]",
              "[class*=image-desc i]"),
    noise=("figure figcaption",),
    date_strip=(r"l(ượ|uo)t xem\s*:?\s*\d[\d.,]*",),
)


def detect_family(html: str, url: str | None = None) -> Family:
    """The best-matching family for a page, or :data:`GENERIC`.

    Only the first 200 kB are scanned: every hint lives in the head or the page frame.
    """
    head = html[:200_000]
    best, best_hits = GENERIC, 0
    for fam in FAMILIES:
        hits = fam.score(head, url, need=best_hits + 1)
        if hits >= fam.min_hits and hits > best_hits:
            best, best_hits = fam, hits
    return best


# --------------------------------------------------------------------------------------------
# Vietnamese news CMSs (issue 9 item 8): national and provincial newspapers and Báo Chính phủ.
# Portals copy their layouts and researchers' material lives there. Appended here as data; the
# markup was learnt from public crawler code and saved pages (class names only; see the fixtures
# in tests/fixtures/news, written for the project).
NEWS_FAMILIES: tuple[Family, ...] = (
    Family(
        name="vnexpress",
        label="VnExpress CMS (FPT Online: vnexpress.net and its sections)",
        detect=("fck_detail|title-detail", "vnecdn.net|count_cmt|box_comment_vne|title-news", "page-detail|pubdate"),
        min_hits=2,
        article=("article.fck_detail", "h1.title-detail"),
        title=("h1.title-detail",),
        date=("span.date", "meta[name=pubdate]@content", "meta[itemprop=datePublished]@content"),
        summary=("p.description",),
        body=("article.fck_detail",),
        breadcrumb=("ul.breadcrumb",),
        related=(".box-tinlienquanv2", ".box_tinlienquan"),
        latest=(".box-news-latest",),
        captions=(".fck_detail figcaption", "p.Image"),
        noise=(".fck_detail p[style*='text-align:right']", "p.author_mail", ".box-tag",
               ".count_cmt", ".box-ads", ".banner-ads"),
        date_notes="Detail `span.date` `Thứ năm, 17/9/2026, 07:31 (GMT+7)` (day and month not zero-padded), also "
                   "meta[name=pubdate]; teasers `article.item-news h3.title-news a` followed by a comment counter "
                   "link `a.count_cmt` to `…#box_comment_vne`; the location stamp opens the sapo.",
    ),
    Family(
        name="dantri",
        label="Dân trí CMS (dantri.com.vn, 2021+ 'singular' and older 'dt-news' templates)",
        detect=("singular-content|dt-news__content", "title-page detail|singular-sapo|dt-news__sapo",
                "author-time|dt-news__time|dt-breadcrumb"),
        min_hits=2,
        article=("div.singular-content", ".dt-news__content"),
        title=("h1.title-page", "h1.dt-news__title"),
        date=("time.author-time@datetime", "time.author-time", ".dt-news__time"),
        summary=("h2.singular-sapo", ".singular-sapo", ".dt-news__sapo"),
        body=("div.singular-content", ".dt-news__content"),
        breadcrumb=("ul.dt-breadcrumb", ".dt-breadcrumb"),
        related=("section.article-related", ".article-related"),
        latest=(".news-latest",),
        captions=("figcaption",),
        noise=(".singular-sign", ".tags-wrap", ".author-wrap"),
        date_notes="Detail `<time class=author-time datetime='2024-02-12 08:27'>Thứ hai, 12/02/2024 - 08:27</time>`; "
                   "sapo starts `(Dân trí) -`; list items `article.article-item h3.article-title a` with an icon "
                   "element inside the link.",
    ),
    Family(
        name="cms_story",
        label="'article__/cms-body' news CMS (Nhân Dân, Tiền Phong, Giáo dục & Thời đại, provincial papers)",
        detect=("cms-body|cms-desc|cms-title|cms-link", "article__body|article__sapo|story__heading"),
        min_hits=2,
        article=(".article__body", "h1.article__title"),
        title=("h1.article__title", "h1.cms-title"),
        date=(".article__meta time@datetime", "meta[property='article:published_time']@content",
              ".article__meta time", ".article__meta .time"),
        summary=(".article__sapo", ".cms-desc"),
        body=(".article__body", ".cms-body"),
        breadcrumb=(".breadcrumbs", ".breadcrumb", ".article__breadcrumb"),
        related=("section.related", ".article__related", ".more-news"),
        latest=(".box-latest",),
        captions=("figcaption", "td.caption"),
        noise=(".article__author", ".article__tag", ".article__meta"),
        date_notes="Detail `time.time` in `.article__meta` (`Thứ Ba, 05-03-2024, 14:10`) and "
                   "article:published_time; teasers `article.story h2|h3.story__heading a.cms-link` with "
                   "`time.story__time` `dd/MM/yyyy HH:mm`; badges (`mới`) inside the link.",
    ),
)
FAMILIES = FAMILIES + NEWS_FAMILIES
BY_NAME.update({f.name: f for f in NEWS_FAMILIES})
# Báo Chính phủ / VCCorp bodies end with a tag-link footer inside the content block.
BY_NAME["vcc_news"] = _vcc = replace(BY_NAME["vcc_news"], noise=BY_NAME["vcc_news"].noise + (".link-content-footer",))
FAMILIES = tuple(_vcc if f.name == "vcc_news" else f for f in FAMILIES)
