"""Concordance (KWIC) over generated pages, through the real index, searcher, web app and CLI.

The expected occurrences are counted independently of search.kwic's regex path: by sliding over
the analyser's own syllables of each text (index.analysis.syllable_spans), so a regex that misses
a spelling, a wrong boundary or a lost occurrence fails here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from index import analysis
from ingest.document import VN_TZ, Document, Source
from search import kwic
from search.model import SearchRequest
from search.searcher import Searcher
from tests.conftest import run_tracuu
from tests.webcorpus import build_index, make_docs
from web import create_app

SPELLINGS = ["Hòa Bình", "hòa bình", "Hoà Bình", "HÒA BÌNH", "hoa binh", "hóa bình"]
#: words put left of "Hòa Bình" in the sort documents, in Vietnamese dictionary order
DICT_ORDER = ["a", "ă", "âm", "da", "dà", "dả", "dã", "dá", "dạ", "dai", "đa", "Đà", "đả", "đá", "đạ",
              "e", "ê", "o", "ô", "ơ", "u", "ư", "y"]


def _doc(i: int, title: str, body: str, year: int = 2020, site: str = "kwic.gov.vn") -> Document:
    url = f"https://{site}/bai-{i}.html"
    payload = f"{url}\n{title}\n{body}".encode()
    return Document(url=url, site=site, kind="article", title=title,
                    published=datetime(year, 1 + i % 12, 1 + i % 27, 8, 0, tzinfo=VN_TZ), body=body,
                    source=Source(path=f"kwic/{i}.html", bytes=len(payload), sha256=hashlib.sha256(payload).hexdigest()))


def kwic_docs() -> list[Document]:
    docs = []
    # one document per spelling, each occurring twice, with different neighbours
    for i, sp in enumerate(SPELLINGS):
        body = (f"Đoàn công tác tỉnh {sp} đến thăm xã biên giới.\n\nBuổi làm việc với đại diện {sp}, "
                f"ngày {i + 1} tháng mười, kết thúc lúc mười giờ.")
        docs.append(_doc(i, f"Tin số {i}", body, year=2015 + i))
    # exact contexts: numbered syllables around one occurrence, at the start and end of a text
    docs.append(_doc(20, "Ngữ cảnh", "một hai ba bốn năm sáu bảy tám chín mười Hòa Bình mười một mười hai mười ba "
                                     "mười bốn mười lăm mười sáu mười bảy"))
    docs.append(_doc(21, "Đầu văn bản", "Hòa Bình đứng đầu văn bản này. Cuối cùng là hòa bình"))
    # dictionary order of the word left of the match (and right of it)
    for j, w in enumerate(reversed(DICT_ORDER)):
        docs.append(_doc(40 + j, f"Thứ tự {j}", f"Câu mẫu: {w} Hòa Bình {w} kết thúc."))
    # NFD text (combining marks) goes through the analyser path
    nfd = unicodedata.normalize("NFD", "Báo cáo của tỉnh Hòa Bình về cải cách hành chính")
    docs.append(_doc(90, "Văn bản NFD", nfd))
    # words split by punctuation are not the phrase; a hyphen is
    docs.append(_doc(91, "Dấu câu", "Xã Hòa. Bình minh lên; vùng Hòa-Bình cũ"))
    return docs


@pytest.fixture(scope="module")
def kdata(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("kwic"), kwic_docs())


@pytest.fixture(scope="module")
def searcher(kdata):
    with Searcher(kdata) as s:
        yield s


@pytest.fixture(scope="module")
def client(kdata):
    return create_app({"DATA": str(kdata), "TESTING": True}).test_client()


def expected_occurrences(text: str, words: list[str], exact: bool = False) -> list[str]:
    """Surface spellings of every occurrence of ``words`` by sliding over the analyser's
    syllables; adjacent syllables must be separated by spaces or one hyphen."""
    toks = analysis.syllable_spans(text)
    want = [analysis.analyze(w)[0] for w in words]
    out = []
    for i in range(len(toks) - len(want) + 1):
        win = toks[i:i + len(want)]
        if all((t.exact == w.exact) if exact else (t.folded == w.folded) for t, w in zip(win, want, strict=True)) and \
                all(text[a.end:b.start].strip(" -") == "" and text[a.end:b.start].count("-") <= 1
                    for a, b in zip(win, win[1:], strict=False)):
            out.append(" ".join(text[win[0].start:win[-1].end].split()))
    return out


def conc(searcher, q, **kw) -> kwic.Concordance:
    return kwic.concordance(searcher, kwic.KwicRequest(SearchRequest(q=q), **kw))


def test_every_occurrence_is_found(searcher):
    c = conc(searcher, "hoa binh")
    body_lines = [ln for ln in c.lines if ln.field == "body"]
    expected = []
    for d in kwic_docs():
        expected += expected_occurrences(d.body, ["hoa", "binh"])
    assert sorted(ln.match for ln in body_lines) == sorted(expected)
    assert len(body_lines) == 2 * len(SPELLINGS) + 1 + 2 + len(DICT_ORDER) + 1 + 1
    counts = dict(c.spellings)
    assert counts["Hoà Bình"] == 2 and counts["hóa bình"] == 2 and counts["hoa binh"] == 2
    assert counts["Hòa-Bình"] == 1  # a hyphen joins; "Hòa. Bình" does not
    assert not any("Hòa. Bình" in ln.match for ln in c.lines)


def test_contexts_are_exact(searcher):
    c = conc(searcher, '"hòa bình"', context=5)
    line = next(ln for ln in c.lines if ln.title == "Ngữ cảnh")
    assert (line.left, line.match, line.right) == ("sáu bảy tám chín mười", "Hòa Bình", "mười một mười hai mười")
    first, last = (ln for ln in c.lines if ln.title == "Đầu văn bản" and ln.field == "body")
    assert (first.left, first.match, first.right) == ("", "Hòa Bình", "đứng đầu văn bản này")
    assert (last.left, last.right) == ("bản này. Cuối cùng là", "")
    punct = next(ln for ln in c.lines if ln.title.startswith("Tin số 0") and ln.field == "body")
    assert punct.left == "Đoàn công tác tỉnh" and punct.right == "đến thăm xã biên giới"
    nfd = next(ln for ln in c.lines if ln.title == "Văn bản NFD")
    assert unicodedata.normalize("NFC", nfd.left) == "Báo cáo của tỉnh"
    assert unicodedata.normalize("NFC", nfd.right) == "về cải cách hành chính"


def test_sort_left_and_right_follow_the_dictionary(searcher):
    for sort, attr in (("left", "left_words"), ("right", "right_words")):
        c = conc(searcher, "hòa bình", sort=sort)
        sample = [getattr(ln, attr)[0] for ln in c.lines if ln.title.startswith("Thứ tự")]
        assert sample == DICT_ORDER, sort


def test_dictionary_key():
    words = ["đá", "da", "Đa", "dạ", "dà", "ă", "a", "ơ", "o", "hoà", "hòa", "hoa", "hóa"]
    assert sorted(words, key=kwic.syllable_key) == ["a", "ă", "da", "dà", "dạ", "Đa", "đá", "hoa", "hoà", "hòa",
                                                     "hóa", "o", "ơ"]
    assert kwic.syllable_key("hoà") == kwic.syllable_key("hòa")  # tone placement does not matter


def test_date_sort_is_chronological(searcher):
    c = conc(searcher, "hòa bình", sort="date")
    dates = [ln.published for ln in c.lines]
    assert dates == sorted(dates)


def test_exact_accents_keeps_the_spelling_typed(searcher):
    c = conc(searcher, "Hòa Bình", exact_accents=True)
    assert {sp for sp, _n in c.spellings} == {"Hòa Bình", "hòa bình", "Hoà Bình", "HÒA BÌNH", "Hòa-Bình"}
    c = conc(searcher, "hoa binh", exact_accents=True)
    assert [sp for sp, _n in c.spellings] == ["hoa binh"]
    c = conc(searcher, "hóa bình", exact_accents=True)
    assert dict(c.spellings) == {"hóa bình": 2}


def test_html_and_json_agree(client):
    for qs in ("q=hoa+binh", "q=hoa+binh&sort=left&context=4", "q=hoa+binh&sort=right&per_page=7&page=2"):
        api = client.get("/api/v1/kwic?" + qs)
        assert api.status_code == 200
        data = api.get_json()
        html = client.get("/kwic?" + qs)
        assert html.status_code == 200
        soup = BeautifulSoup(html.get_data(as_text=True), "html.parser")
        rows = [(tr.select_one("td.left").get_text(), tr.select_one("td.match").get_text(),
                 tr.select_one("td.right").get_text()) for tr in soup.select("#kwic tbody tr")]
        assert rows == [(ln["left"], ln["match"], ln["right"]) for ln in data["lines"]]
        assert str(data["total_lines"]) in soup.select_one("#kwic-count").get_text()
        spellings = [li.select_one(".spelling").get_text() for li in soup.select(".spellings li")]
        assert spellings == [s["spelling"] for s in data["spellings"]]


def test_first_page_streams_then_counts(client):
    kwic._CACHE.clear()
    html = client.get("/kwic?q=hoa+binh&context=3&per_page=5").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    count = soup.select_one("#kwic-count")
    assert "đang đếm" in count.get_text() and count["data-counts"].startswith("/api/v1/kwic?")
    rows = [(tr.select_one("td.left").get_text(), tr.select_one("td.match").get_text(),
             tr.select_one("td.right").get_text()) for tr in soup.select("#kwic tbody tr")]
    data = client.get("/api/v1/kwic?q=hoa+binh&context=3&per_page=5").get_json()
    assert rows == [(ln["left"], ln["match"], ln["right"]) for ln in data["lines"]]
    counts = client.get(count["data-counts"]).get_json()
    assert counts["total_lines"] == data["total_lines"] and counts["spellings"] == data["spellings"]
    again = BeautifulSoup(client.get("/kwic?q=hoa+binh&context=3&per_page=5").get_data(as_text=True), "html.parser")
    assert f"{data['total_lines']} lần xuất hiện" in again.select_one("#kwic-count").get_text()
    page2 = client.get("/kwic?q=hoa+binh&context=3&per_page=5&page=2")
    assert page2.status_code == 200


def test_cli_formats_agree_with_the_api(client, kdata):
    api = client.get("/api/v1/kwic?q=hoa+binh&per_page=500&sort=left").get_json()
    r = run_tracuu("kwic", "hoa", "binh", "--sort", "left", "--format", "jsonl", "--data", str(kdata))
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [(x["left"], x["match"], x["right"]) for x in lines] == \
        [(x["left"], x["match"], x["right"]) for x in api["lines"]]
    r = run_tracuu("kwic", "hoa", "binh", "--format", "csv", "--data", str(kdata))
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode())))
    assert len(rows) == api["total_lines"]
    r = run_tracuu("kwic", "hoa", "binh", "--data", str(kdata))
    assert r.returncode == 0 and "[Hòa Bình]" in r.stdout.decode() and "Cách viết" in r.stdout.decode()


@pytest.mark.parametrize("args,needle", [
    (["--context", "10000"], "context"), (["--sort", "middle"], "sort"), (["--context", "0"], "context")])
def test_cli_bad_input(kdata, args, needle):
    r = run_tracuu("kwic", "hoa", *args, "--data", str(kdata))
    assert r.returncode == 2 and needle in r.stderr.decode()


@pytest.mark.parametrize("qs,param", [
    ("q=", "q"), ("q=hoa&context=10000", "context"), ("q=hoa&sort=middle", "sort"), ("q=hoa&exact=2", "exact"),
    ("q=hoa&page=999", "page"), ("q=hoa&bogus=1", "bogus"), ("q=hoa&year=19x0", "year")])
def test_api_bad_input_is_problem_json(client, qs, param):
    r = client.get("/api/v1/kwic?" + qs)
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert param in [e["param"] for e in r.get_json()["errors"]]
    html = client.get("/kwic?" + qs)
    assert html.status_code in (200, 400)  # /kwic without q is the empty form
    if html.status_code == 400:
        assert "Tham số không hợp lệ" in html.get_data(as_text=True)


def test_a_year_without_documents_is_an_empty_answer(client):
    r = client.get("/api/v1/kwic?q=hoa+binh&year=1999")
    assert r.status_code == 200 and r.get_json()["total_lines"] == 0
    html = client.get("/kwic?q=hoa+binh&year=1999").get_data(as_text=True)
    assert "Không tìm thấy lần xuất hiện nào" in html


# --- a 1,000-hit query: the CSV download is complete --------------------------------------------

@pytest.fixture(scope="module")
def big(tmp_path_factory):
    docs = make_docs(1000)
    return docs, build_index(tmp_path_factory.mktemp("kwic1000"), docs)


def test_a_1000_document_concordance_csv_is_complete(big):
    docs, data = big
    expected = 0
    for d in docs:
        texts = [d.title, d.summary or "", d.body, *[i.caption or "" for i in d.images],
                 *[a.title for a in d.attachments]]
        expected += sum(len(expected_occurrences(t, ["công", "tác"])) for t in texts)
    client = create_app({"DATA": str(data), "TESTING": True}).test_client()
    for sort in ("date", "left"):
        r = client.get(f"/kwic.csv?q=c%C3%B4ng+t%C3%A1c&sort={sort}")
        assert r.status_code == 200
        rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
        assert len(rows) == expected >= 1000
        assert len({row["doc_id"] for row in rows}) == 1000
        assert all(row["match"].lower() == "công tác" for row in rows)
    jl = client.get("/kwic.jsonl?q=cong+tac").get_data(as_text=True).splitlines()
    assert len(jl) == expected


def test_matches_start_at_word_boundaries_and_overlaps_are_not_lost():
    from search.query import parse

    pats = kwic.patterns(parse('"an an"'))
    found = kwic.find_in_text("ban an an; Ban An An nữa", pats, 2)
    assert [(o.start, o.match) for o in found] == [(4, "an an"), (15, "An An")]
    assert kwic.find_in_text("hoabinh và xhoa binh", kwic.patterns(parse("hoa binh")), 2) == []


def test_a_new_commit_is_seen(tmp_path):
    from index.writer import IndexWriterSink

    data = build_index(tmp_path / "d", [_doc(1, "Một", "Tỉnh Hòa Bình có núi.")])
    with Searcher(data) as s:
        assert len(conc(s, "hoa binh").lines) == 1
        with IndexWriterSink(data) as sink:
            sink.add(_doc(2, "Hai", "Hòa Bình và hòa bình."))
        assert len(conc(s, "hoa binh").lines) == 3
