"""Concordance (KWIC) speed over the full-corpus index: a ~1,000-document query's whole
concordance, and the first UI page, against baselines measured in the same process.

Baselines: the search page for the same query (one page of 10 with facets and highlights, as
the UI asks), and the obvious concordance (tokenise every matching text with the analyser and
slide over its syllables). Goals (issue 12): full concordance ≤ 2 s, first UI page ≤ 200 ms.
The machine is shared: figures are medians of ``--repeat`` runs and still noisy.

    python bench/kwic.py [--data DIR] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

CANDIDATES = ['"xuất khẩu"', '"đất đai"', '"nông thôn"', '"bảo hiểm"', '"biển đông"', '"hòa bình"',
              '"giáo dục"', '"doanh nghiệp nhỏ"', '"thủ tướng"', '"bộ trưởng"', '"chính phủ"', '"quốc hội"',
              '"công an"', '"bệnh viện"', '"học sinh"', '"nhà đầu tư"', '"thị trường"', '"ngân hàng"']


def median_ms(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), out


def naive_concordance(searcher, q: str, context: int = 8) -> int:
    """The obvious way: every matching document's texts through the analyser, window by window."""
    from index import analysis
    from search import kwic, matching
    from search.facets import intersect
    from search.model import SearchRequest
    from search.query import compile_query, parse

    req = SearchRequest(q=q)
    with searcher.snapshot() as view:
        parsed = parse(q)
        pats = kwic.patterns(parsed)
        compiled = compile_query(parsed, view.prefix_expander, view.is_common)
        docs = intersect(matching.match(view, compiled.match), matching.request_filters(view, req).values())
        n = 0
        for d in sorted(docs):
            _id, doc = view.stored(d)
            for _f, text in kwic.doc_texts(doc):
                toks = analysis.syllable_spans(text)
                for pat in pats:
                    k = len(pat)
                    for i in range(len(toks) - k + 1):
                        if all(t.folded == s.folded for t, s in zip(toks[i:i + k], pat, strict=True)):
                            _left = text[toks[max(0, i - context)].start:toks[i].start]
                            n += 1
        return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TRACUU_DATA", "tracuu-data"),
                    help="data directory with the full-corpus index (env TRACUU_DATA)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--queries", type=int, default=3, help="how many queries nearest 1,000 documents")
    args = ap.parse_args()

    from search import kwic
    from search.model import SearchRequest
    from web import create_app

    app = create_app({"DATA": args.data, "TESTING": True})
    client = app.test_client()
    with app.extensions["tracuu.searchers"].searcher() as searcher:
        docs_total = searcher.stats()["searchable"]
        sized = sorted((abs(searcher.search(SearchRequest(q=q, per_page=1, facets=False)).total - 1000), q)
                        for q in CANDIDATES)[:args.queries]
        print(f"index: {args.data} ({docs_total} searchable documents); median of {args.repeat} runs; shared "
              "2-core machine, noisy")
        print(f"{'query':<16} {'docs':>5} {'lines':>6} {'search ms':>9} {'naive ms':>9} {'full ms':>8} "
              f"{'1st page ms':>11} {'api ms':>7} {'full/naive':>10}")
        for _d, q in sized:
            req = SearchRequest(q=q)
            kreq = kwic.KwicRequest(req)
            kwic.concordance(searcher, kreq)  # warm the posting caches once (searches do too)
            search_ms, res = median_ms(lambda q=q: searcher.search(SearchRequest(q=q)), args.repeat)

            def full(kreq=kreq):
                kwic._CACHE.clear()
                return kwic.concordance(searcher, kreq)

            full_ms, conc = median_ms(full, args.repeat)
            naive_ms, n_naive = median_ms(lambda q=q: naive_concordance(searcher, q), max(1, args.repeat // 2))

            def first_page(q=q, kreq=kreq):
                kwic._CACHE.clear()
                r = client.get("/kwic?q=" + quote(q))
                assert r.status_code == 200, r.status_code
                return r

            page_times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                first_page()
                page_times.append((time.perf_counter() - t0) * 1000)
                kwic.concordance(searcher, kreq)  # let the background count finish before the next run
            page_ms = statistics.median(page_times)

            def api(q=q):
                kwic._CACHE.clear()
                return client.get("/api/v1/kwic?q=" + quote(q))

            api_ms, _r = median_ms(api, args.repeat)
            print(f"{q:<16} {conc.documents:>5} {len(conc.lines):>6} {search_ms:>9.1f} {naive_ms:>9.1f} "
                  f"{full_ms:>8.1f} {page_ms:>11.1f} {api_ms:>7.1f} {full_ms / naive_ms:>10.2f}")
            if n_naive < len(conc.lines) * 0.9:
                print(f"  note: naive baseline found {n_naive} lines (titles/other fields differ)")


if __name__ == "__main__":
    main()
