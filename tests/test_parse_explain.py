"""Issue 9, item 5: ``tracuu parse --explain`` — which rule produced each field, and the candidates.

A generic page (no family) written here carries a date in three places (visible, meta, JSON-LD), a
body among sidebars and a "Tin liên quan" block, so every kind of candidate shows up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.explain import Explain
from ingest.htmlparse import extract_html
from tests.conftest import FIXTURES, run_tracuu

PARA = ("Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2024, "
        "đánh giá kết quả đạt được và đề ra nhiệm vụ trọng tâm cho năm 2025 trên địa bàn toàn tỉnh.")
PAGE = (
    "<html><head><title>Hội nghị tổng kết cải cách hành chính năm 2024 - Sở Nội vụ</title>"
    "<meta property='article:published_time' content='2024-12-27T10:15:42+07:00'>"
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-12-27T10:15:42+07:00",'
    ' "dateModified": "2024-12-28T08:00:00+07:00"}</script></head><body>'
    "<div class='menu'><a href='/'>Trang chủ</a> &gt; <a href='/tin-tuc'>Tin tức</a></div>"
    "<div class='main'><h1>Hội nghị tổng kết cải cách hành chính năm 2024</h1>"
    "<p class='ngay'>Ngày đăng: 27/12/2024 10:15</p>"
    f"<div class='noi-dung'><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p>"
    "<p>Xem chi tiết <a href='/upload/2000066/20241227/bao-cao_ab12c.pdf'>tại đây</a>.</p></div></div>"
    "<div class='lien-quan'><h3>Tin liên quan</h3><ul>"
    + "".join(f"<li><a href='/tin-tuc/bai-{i}.html'>Bài viết liên quan số {i} về cải cách</a> (0{i}/12/2024)</li>"
              for i in range(1, 4))
    + "</ul></div><div class='footer'><p>Sở Nội vụ tỉnh</p></div></body></html>"
)
URL = "https://snv.example.gov.vn/tin-tuc/hoi-nghi-tong-ket.html"


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    f = tmp_path / "hoi-nghi-tong-ket.html"
    f.write_text(PAGE, encoding="utf-8")
    return f


def test_explain_object_names_rules_and_candidates() -> None:
    trace = Explain()
    doc = extract_html(PAGE, URL, trace=trace)
    ex = trace.to_dict(doc)
    assert list(ex)[:4] == ["family", "title", "published", "updated"]
    assert ex["family"]["value"] == "generic" and "generic" in ex["family"]["rule"]
    assert {c["name"] for c in ex["family"]["candidates"]} >= {"aspnet_vi", "wordpress"}
    pub = ex["published"]
    assert pub["value"] == "2024-12-27T10:15:42+07:00" == doc.published.isoformat()
    sources = {(c["source"], c["precision"], c["visible"]) for c in pub["candidates"]}
    assert ("text:near-title", "minute", True) in sources
    assert ("meta:article:published_time", "second", False) in sources
    assert ("json-ld:datePublished", "second", False) in sources
    assert ("attachment-url:upload-path", "day", False) in sources
    assert pub["rule"] == f"arbitration: {doc.source.published_from}"
    assert ex["updated"]["value"] == "2024-12-28T08:00:00+07:00"
    assert doc.source.updated_from == "json-ld:dateModified"
    body = ex["body"]
    assert body["rule"] == "generic: densest text block" and body["container"] == "div.noi-dung"
    assert body["candidates"][0]["score"] >= body["candidates"][-1]["score"]
    related = ex["related"]
    assert related["candidates"][0]["heading"] == "Tin liên quan" and related["candidates"][0]["items"] == 3
    assert ex["kind"]["value"] == "article" and ex["kind"]["rule"].startswith("structure")
    assert ex["latest"]["rule"].startswith("không tìm thấy")


def test_family_page_names_the_family_selector() -> None:
    html = (FIXTURES / "html" / "vcc_baochinhphu.html").read_text(encoding="utf-8")
    trace = Explain()
    doc = extract_html(html, "https://baochinhphu.vn/thu-tuong-chu-tri-phien-hop-102241129123739455.htm", trace=trace)
    ex = trace.to_dict(doc)
    assert ex["family"]["value"] == "vcc_news"
    assert ex["title"]["rule"] == "vcc_news: title selector"
    assert ex["body"]["rule"] == "vcc_news: body selector"
    assert ex["published"]["rule"] == "arbitration: url:vcc-id"
    assert any(c["source"] == "vcc_news:div.detail-time" for c in ex["published"]["candidates"])


def test_cli_plain_text_by_default(page_file: Path) -> None:
    proc = run_tracuu("parse", "--explain", "--url", URL, str(page_file))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert not out.lstrip().startswith("{")
    assert f"== {page_file}" in out and f"url: {URL}" in out
    assert "published: 2024-12-27T10:15:42+07:00" in out
    assert "quy tắc (rule): arbitration: meta:article:published_time" in out
    assert "source=json-ld:datePublished" in out and "precision=minute" in out
    assert "container=div.noi-dung" in out and "score=" in out
    assert "heading=Tin liên quan" in out
    assert "source.published_from: meta:article:published_time" in out


def test_cli_json_has_an_explain_object(page_file: Path) -> None:
    proc = run_tracuu("parse", "--explain", "--format", "json", "--url", URL, str(page_file))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["title"] == "Hội nghị tổng kết cải cách hành chính năm 2024"
    assert doc["source"]["published_from"] == "meta:article:published_time"
    assert doc["explain"]["published"]["value"] == doc["published"]
    assert {"family", "title", "published", "body", "kind", "related", "attachments"} <= set(doc["explain"])


def test_cli_jsonl_folder_and_no_explain_without_the_flag(tmp_path: Path, page_file: Path) -> None:
    (tmp_path / "ban-sao.txt").write_text("Tiêu đề văn bản\n\n" + PARA + "\n", encoding="utf-8")
    proc = run_tracuu("parse", "--explain", "--format", "jsonl", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert len(lines) == 2 and all("explain" in d for d in lines)
    dump = next(d for d in lines if d["source"]["path"].endswith(".txt"))
    assert dump["explain"]["family"]["rule"].startswith("text dump")
    plain = json.loads(run_tracuu("parse", str(page_file)).stdout)
    assert "explain" not in plain
