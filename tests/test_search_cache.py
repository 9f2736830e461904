"""The searcher's caches stay within byte budgets, and a generation a commit replaced is released
(issue 14, acceptance 4: a 10-minute soak with imports must not grow the server's memory).

Found by bench/soak.py: caches bounded by a number of entries hold as much memory as the entries
happen to be large, and a replaced index view was only freed when nothing referenced it any more.
"""

from __future__ import annotations

import os
from array import array

import pytest

from search import postings
from search.cache import ByteLRU, arrays_bytes, set_bytes
from search.model import SearchRequest
from search.searcher import Searcher
from tests.webcorpus import make_docs


def test_byte_lru_keeps_its_budget_and_drops_the_least_recently_used():
    cache: ByteLRU[str, str] = ByteLRU(budget=1000, size=len)
    for k in "abcd":
        cache.put(k, "x" * 100)  # 100 + 120 bytes of entry overhead each
    assert len(cache) == 4 and cache.nbytes == 880
    assert cache.get("a") == "x" * 100  # a is now the most recent: b goes first
    cache.put("e", "x" * 100)
    assert "b" not in cache and "a" in cache and cache.nbytes <= 1000
    assert cache.evictions == 1 and cache.hits == 1
    assert cache.get("b") is None and cache.misses == 1
    big = "y" * 5000
    assert cache.put("big", big) is big  # returned, but larger than the whole budget: not kept
    assert "big" not in cache and cache.nbytes <= 1000
    cache.put("a", "z" * 10)  # replacing an entry accounts for the old one
    assert cache.nbytes == sum(n for _v, n in cache._data.values())
    cache.put("k", "", nbytes=700)  # a caller's own estimate (a large key, say)
    assert cache.nbytes <= 1000 and "k" in cache
    cache.clear()
    assert len(cache) == 0 and cache.nbytes == 0


def test_size_estimates_grow_with_the_values():
    small, large = frozenset(range(300, 310)), frozenset(range(300, 30_300))
    assert set_bytes(large) > 1000 * set_bytes(small) / 10
    assert set_bytes(large) >= 28 * 30_000
    ids = array("i", range(10_000))
    assert arrays_bytes((ids, array("f", range(10_000)))) >= 80_000


@pytest.fixture()
def index_dir(tmp_path):
    from index.writer import IndexWriterSink

    with IndexWriterSink(tmp_path, batch_size=20) as sink:
        for d in make_docs(120):
            sink.add(d)
    return tmp_path


QUERIES = ["cải cách hành chính", "cai cach", "chuyển đổi số", "tuyển dụng công chức", "thiên tai",
           "thu tuc hanh chinh", "công tác", "hội nghị", "đất đai", "nhiệm vụ", "bộ máy"]


def test_view_caches_stay_within_their_budgets(index_dir, monkeypatch):
    monkeypatch.setattr(postings, "POSTINGS_BUDGET", 4000)
    monkeypatch.setattr(postings, "SETS_BUDGET", 6000)
    monkeypatch.setattr(postings, "STORED_BUDGET", 20_000)
    monkeypatch.setattr(postings, "SUGG_BUDGET", 3000)
    with Searcher(index_dir) as s:
        for q in QUERIES:
            s.search(SearchRequest(q=q, per_page=20))
        with s.snapshot() as view:
            stats = view.cache_stats()
    for name in ("postings", "sets", "stored", "suggestions"):
        assert stats[name]["bytes"] <= stats[name]["budget"], (name, stats[name])
    # the budgets were small enough to matter: the searches went on working by evicting
    assert stats["postings"]["evictions"] > 0 and stats["sets"]["evictions"] > 0
    assert stats["stored"]["evictions"] > 0


def _open_index_files(index_path) -> set[str]:
    """Index files this process has mapped or open (search.storage maps Whoosh's hash-table
    dictionaries and reads the rest through descriptors); a deleted one ends in "(deleted)"."""
    prefix = str(index_path)
    with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
        found = {ln.split(None, 5)[-1].strip() for ln in fh if prefix in ln}
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile (the listing's own descriptor)
            continue
        if target.startswith(prefix):
            found.add(target)
    return found


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs Linux /proc to see maps and descriptors")
def test_a_commit_releases_the_old_generation_at_once(index_dir):
    from index.writer import IndexWriterSink

    with Searcher(index_dir) as s:
        for q in QUERIES:
            s.search(SearchRequest(q=q))
        with s.snapshot() as old:
            assert old.cache_stats()["postings"]["entries"] > 0
        before = _open_index_files(index_dir / "index")
        assert before and not any(f.endswith("(deleted)") for f in before)
        with IndexWriterSink(index_dir) as sink:
            for d in make_docs(130)[120:]:
                sink.add(d)
            sink.optimize()  # every old segment merged away and deleted
        assert s.search(SearchRequest(q="công tác", per_page=1)).total == 130
        with s.snapshot() as new:
            assert new is not old
        assert old.retired and old.searcher.is_closed
        assert all(st["entries"] == 0 for k, st in old.cache_stats().items() if k != "df")
        after = _open_index_files(index_dir / "index")
        assert not any(f.endswith("(deleted)") for f in after), "a merged-away segment is still open"


def test_an_export_stream_keeps_its_generation_open_until_it_ends(index_dir):
    from index.writer import IndexWriterSink

    with Searcher(index_dir) as s:
        stream = s.iter_results(SearchRequest(q="công tác", facets=False, highlight=False))
        rows = iter(stream)
        first = [next(rows) for _ in range(5)]
        with s.snapshot() as old:
            pass
        with IndexWriterSink(index_dir) as sink:
            sink.add(make_docs(121)[120])
            sink.optimize()
        assert s.search(SearchRequest(q="công tác", per_page=1)).total == 121  # the view is replaced
        assert old.retired and not old.searcher.is_closed  # the stream still reads from it
        rest = list(rows)
        assert len(first) + len(rest) == len(stream) == 120
        assert len({h.id for h in first + rest}) == 120
        assert old.searcher.is_closed  # released when the stream ended


def test_searches_running_while_commits_retire_views_never_meet_a_closed_reader(index_dir):
    """Every way the web reads the searcher (search, suggestions, stats, document pages, export
    streams) keeps working while commits and merges retire the views under it."""
    import threading

    from index.writer import IndexWriterSink

    docs = make_docs(160)
    failures: list[BaseException] = []
    stop = threading.Event()
    with Searcher(index_dir) as s:

        def reader(k: int) -> None:
            try:
                while not stop.is_set():
                    q = QUERIES[k % len(QUERIES)]
                    res = s.search(SearchRequest(q=q, per_page=5))
                    for h in res.hits[:2]:
                        assert s.get(h.id) is not None
                    s.suggest(q[:4])
                    s.stats()
                    if k % 2:
                        assert len(list(s.iter_results(SearchRequest(q="công tác", facets=False)))) >= 120
            except BaseException as exc:  # noqa: BLE001 - reported by the test thread
                failures.append(exc)

        threads = [threading.Thread(target=reader, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        try:
            for i in range(4):
                with IndexWriterSink(index_dir) as sink:
                    for d in docs[120 + 10 * i:130 + 10 * i]:
                        sink.add(d)
                    if i % 2:
                        sink.optimize()
        finally:
            stop.set()
            for t in threads:
                t.join()
        assert not failures, failures[0]
        assert s.search(SearchRequest(q="công tác", per_page=1)).total == 160
        assert s.health.as_dict()["status"] == "ok", s.health.as_dict()


def test_concordances_of_a_replaced_generation_are_dropped_and_the_rest_fit_the_budget(index_dir, monkeypatch):
    from index.writer import IndexWriterSink
    from search import kwic

    def conc(s, q):
        return kwic.concordance(s, kwic.KwicRequest(SearchRequest(q=q)))

    with kwic._CACHE_LOCK:
        kwic._CACHE.clear()
        kwic._SIZES.clear()
    with Searcher(index_dir) as s:
        assert conc(s, "cải cách").lines and conc(s, "thiên tai").lines
        assert len(kwic._CACHE) == 2
        with IndexWriterSink(index_dir) as sink:
            sink.add(make_docs(121)[120])
        conc(s, "hội nghị")  # first use of the new generation: the old one's two are gone
        assert len(kwic._CACHE) == 1 and set(kwic._SIZES) == set(kwic._CACHE)
        one = next(iter(kwic._SIZES.values()))
        assert one > 300 * len(conc(s, "hội nghị").lines)
        monkeypatch.setattr(kwic, "CACHE_BUDGET", int(one * 2.5))
        for q in ("công tác", "tuyển dụng", "đất đai", "nhiệm vụ"):
            conc(s, q)
        assert sum(kwic._SIZES.values()) <= kwic.CACHE_BUDGET
        assert 1 <= len(kwic._CACHE) < 5


def test_rate_limiter_table_stays_bounded_when_every_client_is_active():
    from web.guard import RateLimiter

    lim = RateLimiter(1.0, max_clients=1000)
    for i in range(5000):  # 5,000 addresses within a second: none idle, none forgotten as idle
        lim.take(f"10.0.{i // 256}.{i % 256}", now=i / 5000)
        assert len(lim._buckets) <= 1001
    assert lim.take("10.0.19.135", now=1.0) > 0  # the latest client is remembered: still limited
    assert "10.0.0.0" not in lim._buckets  # the longest unseen ones were forgotten
