from datetime import datetime

from ingest.document import VN_TZ, Attachment, Document, Image, LinkItem, Source, iso, parse_iso


def test_json_round_trip_keeps_every_field():
    doc = Document(
        url="https://cchc.laichau.gov.vn/a.aspx",
        site="cchc.laichau.gov.vn",
        kind="article",
        title="Kết quả",
        published=datetime(2018, 12, 21, 9, 26, 9, tzinfo=VN_TZ),
        category=["Kết quả CCHC", "Báo cáo CCHC định kỳ"],
        body="Một.\n\nHai.",
        images=[Image("https://x/a.jpg", "(Ảnh minh họa)")],
        attachments=[Attachment("Báo cáo", "https://x/a.pdf")],
        related=[LinkItem("Tin", "https://x/b", datetime(2021, 9, 29, 14, 8, 40, tzinfo=VN_TZ))],
        source=Source(path="a.html", bytes=10, sha256="ab", encoding="utf-8", repairs=["nfc"]),
    )
    data = doc.to_dict()
    assert data["published"] == "2018-12-21T09:26:09+07:00"
    assert data["related"][0]["published"] == "2021-09-29T14:08:40+07:00"
    assert list(data) == [
        "url", "site", "kind", "title", "published", "updated", "category", "summary", "body",
        "images", "attachments", "related", "latest", "source",
    ]
    assert Document.from_json(doc.to_json()) == doc
    assert doc.paragraphs == ["Một.", "Hai."]


def test_iso_converts_other_offsets_to_vietnam_time():
    assert iso(parse_iso("2018-12-21T02:26:09+00:00")) == "2018-12-21T09:26:09+07:00"
    assert iso(None) is None
