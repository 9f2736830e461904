"""Known-item search quality: tracuu vs SQLite FTS5 vs stock Whoosh, in one run.

Builds a portalgen corpus (``--pages 2000 --seed dev`` over the four families), parses it once,
indexes the same documents three ways and runs ../shared/cases/dev_queries.tsv (one right answer
per query). Prints MRR@10, success@1 and zero-result rate per query type and overall.

    python bench/quality.py [--workdir DIR] [--pages 2000] [--seed dev] [--show-misses]

With ``--attachments`` the corpus is rendered with ``--attachments rich`` and imported through
the real pipeline (attachments extracted, scans OCRed), the queries default to
../shared/cases/dev_attachment_queries.tsv (answers are attachments), and the peers index the
very documents tracuu indexed (pages and extracted attachments), read back from its index:

    python bench/quality.py --attachments [--jobs 2] [--reuse-index]
    python bench/quality.py --only-tracuu --backend sphinxql     # + a local 2-shard searchd cluster

``--backend sphinxql`` starts two local ``searchd`` shards (search.sphinx_cluster), writes the
same documents to them and adds a ``sphinxql`` column beside the Whoosh backend's (same run);
``--backend sphinxql://host:port,…`` loads them into a running cluster instead.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

# This folder must not shadow the ``index`` package: import the repo root instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench.common import (  # noqa: E402
    SHARED,
    fts5_index,
    fts5_search,
    import_site,
    indexed_documents,
    make_portal,
    parse_site,
    stock_whoosh_index,
    stock_whoosh_search,
    tracuu_index,
)


def load_queries(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [(r["type"], r["query"], r["answer_url"]) for r in csv.DictReader(fh, delimiter="\t")]


def evaluate(run, queries) -> dict[str, dict[str, float]]:
    per: dict[str, list[tuple[float, int, int]]] = defaultdict(list)
    misses = []
    for qtype, q, answer in queries:
        urls = run(q)
        rr = 0.0
        for rank, u in enumerate(urls[:10], 1):
            if u == answer:
                rr = 1.0 / rank
                break
        per[qtype].append((rr, int(bool(urls) and urls[0] == answer), int(not urls)))
        per["ALL"].append(per[qtype][-1])
        if rr < 1:
            misses.append((qtype, q, rr, urls[:3], answer))
    out = {}
    for t, rows in per.items():
        n = len(rows)
        out[t] = {"mrr": sum(r[0] for r in rows) / n, "s1": sum(r[1] for r in rows) / n,
                  "zero": sum(r[2] for r in rows) / n, "n": n}
    return out, misses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "tracuu-bench-quality")
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--seed", default="dev")
    ap.add_argument("--queries", type=Path, default=SHARED / "cases" / "dev_queries.tsv")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--only-tracuu", action="store_true", help="skip the peers (for tuning)")
    ap.add_argument("--reuse-index", action="store_true", help="keep the tracuu index of a previous run")
    ap.add_argument("--attachments", action="store_true",
                    help="rich attachments, imported by the pipeline; attachment known-item queries")
    ap.add_argument("--jobs", type=int, default=2, help="parser/extraction processes for --attachments [2]")
    ap.add_argument("--backend", help="also measure the SphinxQL backend: 'sphinxql' (local cluster) or a URL")
    args = ap.parse_args()

    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    if args.attachments:
        if args.queries == SHARED / "cases" / "dev_queries.tsv":
            args.queries = SHARED / "cases" / "dev_attachment_queries.tsv"
        site = make_portal(work / f"portal-{args.pages}-{args.seed}-rich", args.pages, args.seed,
                           extra=("--attachments", "rich"))
        data = work / "tracuu-data-rich"
    else:
        site = make_portal(work / f"portal-{args.pages}-{args.seed}", args.pages, args.seed)
        data = work / "tracuu-data"
    reuse = args.reuse_index and (data / "index").exists()
    docs: list = []
    if args.attachments:
        if not reuse:
            shutil.rmtree(data, ignore_errors=True)
            seconds, summary = import_site(site, data, jobs=args.jobs)
            print(f"tracuu import (pages + attachments, extraction and OCR): {seconds:.1f} s")
            print(summary.text())
        docs = indexed_documents(data)
        print(f"corpus: {len(docs)} documents ({sum(d.kind == 'attachment' for d in docs)} attachments)")
        reuse = True
    elif not (reuse and args.only_tracuu):
        docs, parse_s, skipped = parse_site(site)
        print(f"corpus: {len(docs)} pages parsed in {parse_s:.1f} s "
              f"({sum(d.kind != 'listing' for d in docs)} non-listing, {skipped} non-pages skipped)")
    articles = [d for d in docs if d.kind != "listing"]

    from search.model import SearchRequest
    from search.searcher import Searcher

    if not reuse:
        shutil.rmtree(data, ignore_errors=True)
        t = tracuu_index(docs, data)
        print(f"tracuu index: {t:.1f} s")
    searcher = Searcher(data)

    def tracuu_run(q: str) -> list[str]:
        try:
            res = searcher.search(SearchRequest(q=q, per_page=10, facets=False, highlight=False))
        except ValueError:
            return []
        return [h.url for h in res.hits]

    systems = {"tracuu": tracuu_run}
    if not args.only_tracuu:
        fts = work / "fts5.sqlite"
        print(f"fts5 index: {fts5_index(articles, fts):.1f} s")
        systems["fts5"] = fts5_search(fts)
        wpath = work / "stock-whoosh"
        shutil.rmtree(wpath, ignore_errors=True)
        print(f"stock whoosh index: {stock_whoosh_index(articles, wpath):.1f} s")
        systems["whoosh"] = stock_whoosh_search(wpath)

    cluster = None
    if args.backend:
        if not docs:
            docs, _s, _k = parse_site(site)
        cluster, spec = sphinx_backend(args.backend, work, docs)
        from search.sphinxql import SphinxQLBackend

        backend = SphinxQLBackend(spec)

        def sphinx_run(q: str) -> list[str]:
            try:
                res = backend.search(SearchRequest(q=q, per_page=10, facets=False, highlight=False))
            except ValueError:
                return []
            return [h.url for h in res.hits]

        systems["sphinxql"] = sphinx_run

    try:
        return report(args, systems)
    finally:  # also on Ctrl-C: no searchd left running
        if cluster:
            from search import sphinx_cluster as sc

            for n in (n for m in cluster for n in m):
                sc.stop(n)


def report(args, systems) -> int:
    queries = load_queries(args.queries)
    results = {}
    for name, run in systems.items():
        t0 = time.perf_counter()
        results[name], misses = evaluate(run, queries)
        print(f"{name}: {len(queries)} queries in {time.perf_counter() - t0:.1f} s")
        if args.show_misses and name == "tracuu":
            for m in misses:
                print("  MISS", m)
    types = sorted(t for t in results["tracuu"] if t != "ALL") + ["ALL"]
    names = list(systems)
    print()
    print("| type | n | " + " | ".join(f"{n} MRR@10 | {n} S@1 | {n} zero" for n in names) + " |")
    print("|---|---|" + "---|" * (3 * len(names)))
    for t in types:
        row = [t, str(results["tracuu"][t]["n"])]
        for n in names:
            r = results[n][t]
            row += [f"{r['mrr']:.3f}", f"{r['s1']:.3f}", f"{r['zero']:.3f}"]
        print("| " + " | ".join(row) + " |")
    if len(names) > 1:
        ahead = all(results["tracuu"][t]["mrr"] > max(results[n][t]["mrr"] for n in names[1:]) for t in types)
        print(f"\ntracuu ahead of every peer on every type: {ahead}; "
              f"overall MRR@10 {results['tracuu']['ALL']['mrr']:.3f} (goal ≥ 0.95)")
    if "sphinxql" in results:
        gaps = {t: results["sphinxql"][t]["mrr"] - results["tracuu"][t]["mrr"] for t in types}
        print("sphinxql − whoosh MRR@10 per type: " + ", ".join(f"{t} {g:+.3f}" for t, g in gaps.items())
              + f"; within 0.01 on every type: {all(abs(g) <= 0.01 for g in gaps.values())}")
    return 0


def sphinx_backend(choice: str, work: Path, docs: list):
    """``(local nodes or None, spec)`` of a cluster holding ``docs``."""
    from search import sphinx_cluster as sc
    from search.sphinx_writer import SphinxWriterSink

    nodes = None
    spec = choice
    if choice == "sphinxql":
        base = work / "sphinx"
        shutil.rmtree(base, ignore_errors=True)
        nodes = sc.layout(base, 2, 1)
        for n in sc.write_configs(nodes):
            sc.start(n)
        spec = sc.spec_for(nodes)
    t0 = time.perf_counter()
    with SphinxWriterSink(spec) as sink:
        for d in docs:
            sink.add(d)
    print(f"sphinxql cluster ({spec}): {len(docs)} documents written in {time.perf_counter() - t0:.1f} s")
    return nodes, spec


if __name__ == "__main__":
    raise SystemExit(main())
