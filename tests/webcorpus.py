"""Generated Documents for the web tests: varied sites, breadcrumbs, years, accents and links.

Written for the tests (no copied articles). Every document mentions "công tác" so one query
matches the whole corpus (the 1,000-hit export test); "cải cách hành chính" appears in a known
subset, with accents, so accentless queries must be folded and highlighted.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime
from pathlib import Path

from ingest.document import VN_TZ, Attachment, Document, Image, LinkItem, Source

SITES = ["cchc.laichau.gov.vn", "sotttt.tuyenquang.gov.vn", "snv.hagiang.gov.vn", "ubnd.camau.gov.vn"]
CATEGORIES = [
    ["Kết quả CCHC", "Báo cáo CCHC định kỳ"],
    ["Tin tức", "Tin trong tỉnh"],
    ["Văn bản", "Quyết định"],
    ["Thông báo"],
]
TOPICS = [
    ("Báo cáo kết quả cải cách hành chính quý {q} năm {y}",
     "Ủy ban nhân dân tỉnh đánh giá kết quả cải cách hành chính, tinh gọn bộ máy và giảm biên chế."),
    ("Hội nghị triển khai chuyển đổi số tại {site}",
     "Hội nghị bàn về chuyển đổi số, chính quyền điện tử và dịch vụ công trực tuyến mức độ 4."),
    ("Thông báo tuyển dụng công chức năm {y}",
     "Sở Nội vụ thông báo tuyển dụng công chức, viên chức; hồ sơ nộp trực tiếp tại bộ phận một cửa."),
    ("Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {y}",
     "Tăng cường phòng chống lũ quét, sạt lở đất; bảo đảm an toàn cho người dân vùng núi."),
    ("Quyết định công bố thủ tục hành chính lĩnh vực đất đai",
     "Công bố danh mục thủ tục hành chính mới ban hành, sửa đổi trong lĩnh vực đất đai và môi trường."),
]


def url_for_doc(site: str, i: int) -> str:
    return f"https://{site}/tin-tuc/bai-{i:05d}.html"


def make_docs(n: int, seed: int = 7, related_missing: bool = True) -> list[Document]:
    rng = random.Random(seed)
    docs: list[Document] = []
    for i in range(n):
        site = SITES[i % len(SITES)]
        topic_title, topic_body = TOPICS[i % len(TOPICS)]
        year = 2016 + (i * 7) % 9
        published = datetime(year, 1 + (i * 5) % 12, 1 + (i * 3) % 28, (i * 11) % 24, (i * 13) % 60,
                             tzinfo=VN_TZ)
        title = topic_title.format(q=["I", "II", "III", "IV"][i % 4], y=year, site=site) + f" (số {i})"
        body = "\n\n".join([
            topic_body,
            f"Trong công tác chỉ đạo, điều hành năm {year}, đơn vị đã hoàn thành {rng.randint(10, 99)} nhiệm vụ.",
            "Các sở, ban, ngành tiếp tục rà soát, đơn giản hóa thủ tục; công khai kết quả trên cổng thông tin.",
        ])
        url = url_for_doc(site, i)
        related = [LinkItem(f"Bài liên quan {j}", url_for_doc(SITES[j % len(SITES)], j),
                            datetime(2019, 1, 1 + j % 28, tzinfo=VN_TZ))
                   for j in ((i + 1) % n, (i + 2) % n)]
        if related_missing:
            related.append(LinkItem("Bài chưa được thu thập", f"https://{site}/khong-co/{i}.html", None))
        payload = f"{url}\n{title}\n{body}".encode()
        docs.append(Document(
            url=url, site=site, kind="article", title=title, published=published,
            category=list(CATEGORIES[i % len(CATEGORIES)]), summary=f"Tóm tắt: {topic_body[:60]}",
            body=body,
            images=[Image(f"https://{site}/anh/{i}.jpg", "Quang cảnh hội nghị")] if i % 3 == 0 else [],
            attachments=[Attachment("Báo cáo chi tiết.pdf", f"https://{site}/files/{i}.pdf")] if i % 4 == 0 else [],
            related=related,
            latest=[LinkItem("Tin mới nhất 0", url_for_doc(SITES[0], 0), None)],
            source=Source(path=f"mirror/{site}/bai-{i:05d}.html", bytes=len(payload),
                          sha256=hashlib.sha256(payload).hexdigest(), encoding="utf-8"),
        ))
    return docs


def build_index(data_dir: Path, docs: list[Document]) -> Path:
    from index.writer import IndexWriterSink

    with IndexWriterSink(data_dir) as sink:
        for doc in docs:
            sink.add(doc)
    return data_dir
