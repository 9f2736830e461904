"""Serving guarantees of the search layer (issue 11): exports stream without stalling other
searches, the web and the searcher agree on every limit, a damaged segment is reported."""

from __future__ import annotations

import logging
import shutil
import threading

import pytest

from search import matching
from search import searcher as searcher_mod
from search.limits import Limits
from search.model import IndexDamaged, QueryError, SearchRequest
from search.searcher import Searcher
from tests.conftest import run_tracuu
from tests.webcorpus import build_index, make_docs
from web import create_app

N_DOCS = 300


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("serving"), make_docs(N_DOCS))


@pytest.fixture
def searcher(data):
    s = Searcher(data)
    yield s
    s.close()


def _lock_is_free(s: Searcher) -> bool:
    """Whether another thread could take the searcher's lock right now (an RLock held by this
    thread would let this thread in, so ask from another one)."""
    got: list[bool] = []

    def probe() -> None:
        ok = s._lock.acquire(blocking=False)
        if ok:
            s._lock.release()
        got.append(ok)

    t = threading.Thread(target=probe)
    t.start()
    t.join()
    return got[0]


# -- exports --------------------------------------------------------------------------------------
def test_export_stream_holds_no_lock_while_suspended(searcher, monkeypatch):
    monkeypatch.setattr(searcher_mod, "EXPORT_BATCH", 7)
    req = SearchRequest(q="công tác", facets=False, highlight=False)
    expected = [h.id for h in searcher.search(SearchRequest(q="công tác", per_page=100)).hits]
    stream = searcher.iter_results(req)
    assert stream.total == N_DOCS and len(stream) == N_DOCS
    it = iter(stream)
    first = [next(it).id for _ in range(10)]  # suspended in the middle of the second batch
    assert _lock_is_free(searcher)
    # A search issued now, from another thread, completes while the export is suspended.
    done: list[int] = []
    t = threading.Thread(target=lambda: done.append(searcher.search(SearchRequest(q="chuyển đổi số")).total))
    t.start()
    t.join(60)  # liveness guard only: with the lock held the thread could never finish
    assert not t.is_alive() and done and done[0] > 0
    rest = [h.id for h in it]
    assert first + rest[:90] == expected
    assert len(first) + len(rest) == N_DOCS


def test_export_runs_the_match_once(data, monkeypatch):
    calls: list[object] = []
    real = matching.match

    def counting(view, spec):
        calls.append(spec)
        return real(view, spec)

    monkeypatch.setattr(matching, "match", counting)
    client = create_app({"DATA": str(data), "TESTING": True}).test_client()
    resp = client.get("/export.jsonl?q=c%C3%B4ng+t%C3%A1c")
    lines = resp.get_data(as_text=True).splitlines()
    assert resp.headers["X-Total-Count"] == str(N_DOCS) and len(lines) == N_DOCS
    assert len(calls) == 1


def test_export_limit_caps_rows_not_total(searcher):
    stream = searcher.iter_results(SearchRequest(q="công tác"), limit=5)
    assert stream.total == N_DOCS and len(list(stream)) == 5


# -- limits ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("config", [{}, {"MAX_PER_PAGE": 250, "MAX_DEPTH": 600, "MAX_QUERY_CHARS": 1500},
                                    {"MAX_PER_PAGE": 5, "MAX_DEPTH": 40}])
def test_web_and_searcher_accept_exactly_the_same_requests(data, config):
    app = create_app({"DATA": str(data), "TESTING": True, **config})
    client = app.test_client()
    limits: Limits = app.config["LIMITS"]
    with app.extensions["tracuu.searchers"].searcher() as s:
        assert s.limits == limits
    probes = []
    for per_page in (1, 5, 6, 10, 100, 101, 250, 251):
        last = limits.max_page(per_page)
        probes += [(per_page, 1), (per_page, last), (per_page, last + 1)]
    for per_page, page in probes:
        resp = client.get(f"/api/v1/search?q=c%C3%B4ng+t%C3%A1c&per_page={per_page}&page={page}")
        web_ok = resp.status_code == 200
        assert resp.status_code in (200, 400), (per_page, page, resp.get_json())
        if not web_ok:  # refused by the parameter check, never by the searcher ("invalid query")
            assert resp.get_json()["type"].endswith("invalid-parameter"), (per_page, page)
        searcher = Searcher(data, limits=limits)
        try:
            searcher.search(SearchRequest(q="công tác", per_page=per_page, page=page))
            search_ok = True
        except QueryError:
            search_ok = False
        finally:
            searcher.close()
        assert web_ok == search_ok, (config, per_page, page)
    long_q = "công tác " * (limits.max_query_chars // 9)
    assert client.get("/api/v1/search", query_string={"q": long_q[:limits.max_query_chars]}).status_code == 200
    assert client.get("/api/v1/search", query_string={"q": "x" * (limits.max_query_chars + 1)}).status_code == 400


def test_cli_reads_the_same_limits_as_the_web(monkeypatch, data):
    monkeypatch.setenv("TRACUU_MAX_PER_PAGE", "150")
    monkeypatch.setenv("TRACUU_MAX_DEPTH", "300")
    s = Searcher(data)
    try:
        assert s.limits == create_app({"DATA": str(data)}).config["LIMITS"]
        assert len(s.search(SearchRequest(q="công tác", per_page=150)).hits) == 150
        with pytest.raises(QueryError, match="invalid page"):
            s.search(SearchRequest(q="công tác", per_page=150, page=3))
    finally:
        s.close()
    monkeypatch.setenv("TRACUU_MAX_PER_PAGE", "lots")
    with pytest.raises(ValueError, match="TRACUU_MAX_PER_PAGE"):
        Limits.from_env()


# -- damaged segments -----------------------------------------------------------------------------
def _damaged_copy(data, tmp_path, start: float, end: float = 1.0):
    """A copy of the index whose postings file is cut at ``start`` (``end`` 1.0) or has the
    bytes from ``start`` to ``end`` (shares of its size) zeroed."""
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    pst = next((copy / "index").glob("*.pst"))
    size = pst.stat().st_size
    with pst.open("r+b") as fh:
        if end >= 1.0:
            fh.truncate(int(size * start))
        else:
            fh.seek(int(size * start))
            fh.write(b"\0" * int(size * (end - start)))
    return copy


def test_damaged_segment_is_reported_not_skipped(data, tmp_path, caplog):
    copy = _damaged_copy(data, tmp_path, 0.5)
    caplog.set_level(logging.ERROR, logger="search.health")
    s = Searcher(copy)  # opens: stats must still answer
    try:
        with pytest.raises(IndexDamaged, match="tracuu reindex"):
            s.search(SearchRequest(q="công tác"))
        health = s.stats()["health"]
        assert health["status"] == "damaged" and health["problems"]
        assert health["problems"][0]["segment"].startswith("MAIN_")
    finally:
        s.close()
    assert any("damaged" in r.getMessage() for r in caplog.records)

    client = create_app({"DATA": str(copy), "TESTING": True}).test_client()
    resp = client.get("/api/v1/search?q=c%C3%B4ng+t%C3%A1c")
    assert resp.status_code == 503 and resp.get_json()["type"].endswith("index-damaged")
    stats = client.get("/api/v1/stats")
    assert stats.status_code == 200 and stats.get_json()["health"]["status"] == "damaged"
    assert client.get("/?q=c%C3%B4ng+t%C3%A1c").status_code == 503

    proc = run_tracuu("search", "công tác", "--data", str(copy), timeout=120)
    assert proc.returncode == 1 and "tracuu reindex" in proc.stderr.decode()


def test_damage_met_by_one_query_fails_that_query(data, tmp_path):
    """Zero a stretch of the postings file: the index opens (the facet postings are intact) but
    some terms' blocks are gone. Every query has either its full results or an error."""
    whole = Searcher(data)
    queries = ["công tác", "chuyển đổi số", "tuyển dụng", "thiên tai", "đất đai", "hội nghị", "cải cách",
               "cong tac", "hoi nghi", "dat dai"]
    totals = {q: whole.search(SearchRequest(q=q)).total for q in queries}
    whole.close()
    failed = answered = 0
    for start, end in ((0.1, 0.3), (0.3, 0.6), (0.6, 0.8)):
        s = Searcher(_damaged_copy(data, tmp_path / str(start), start, end))
        try:
            for q in queries:
                try:
                    assert s.search(SearchRequest(q=q)).total == totals[q], (start, q)
                    answered += 1
                except IndexDamaged:
                    failed += 1
                    assert s.stats()["health"]["status"] == "damaged"
        finally:
            s.close()
    assert failed and answered  # both kinds happened: the test looked at partial damage


def test_repaired_index_heals_a_running_searcher(data, tmp_path):
    """After the damage is repaired on disk (what `tracuu reindex` does), the same searcher
    answers again and its health is ok: no restart needed."""
    copy = _damaged_copy(data, tmp_path, 0.5)
    s = Searcher(copy)
    try:
        with pytest.raises(IndexDamaged):
            s.search(SearchRequest(q="công tác"))
        shutil.copytree(data / "index", copy / "index", dirs_exist_ok=True)
        assert s.search(SearchRequest(q="công tác")).total == N_DOCS
        assert s.stats()["health"]["status"] == "ok"
    finally:
        s.close()


def test_healthy_index_says_so(searcher):
    health = searcher.stats()["health"]
    assert health == {"status": "ok", "segments": health["segments"], "problems": []}
    assert health["segments"] >= 1
