"""Speed of the Vietnamese analyzers against stock Whoosh, measured in the same run.

Why: issue 3 requires tracuu indexing at >= 0.7x the speed of a stock Whoosh index
(StandardAnalyzer on one text field) although tracuu analyses each text for 3-4 fields (E, F, B,
D). This prints (1) raw analyzer throughput (tokens/s) and (2) Whoosh indexing docs/s of the two
schemas over the same articles, and their ratio.

    python bench/analysis.py [--docs 2000] [--corpus ../shared/corpus/articles.jsonl.gz]

Times are CPU seconds of this process (time.process_time), not wall time: the machine is shared,
and CPU time keeps the ratios stable while other jobs run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

# This folder holds bench/index.py, which must not shadow the ``index`` package: use the repo root.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from whoosh.analysis import StandardAnalyzer  # noqa: E402
from whoosh.fields import ID, STORED, TEXT, Schema  # noqa: E402
from whoosh.index import create_in  # noqa: E402

from index import analysis as va  # noqa: E402
from index.codec import fast_codec  # noqa: E402
from index.schema import _text as _schema_text  # noqa: E402
from index.segment import GroupedSegmentWriter  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "articles.jsonl.gz"


def load(path: Path, n: int) -> list[dict]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))
            if len(out) >= n:
                break
    return out


def analyzer_throughput(texts: list[str]) -> None:
    def run(label: str, analyzers) -> float:
        t0 = time.process_time()
        n = 0
        for text in texts:
            for a in analyzers:
                for _t in a(text, positions=True, chars=True, mode="index"):
                    n += 1
        dt = time.process_time() - t0
        print(f"  {label:<38} {n:>9} tokens  {dt:6.2f} s  {n / dt:>10,.0f} tokens/s")
        return dt

    print("analyzer throughput (positions+chars, one pass over the texts):")
    base = run("stock StandardAnalyzer", [StandardAnalyzer()])
    va._forms.cache_clear()
    va._RECENT.clear()
    cold = run("tracuu E (cold syllable cache)", [va.exact_analyzer()])
    va._RECENT.clear()
    warm = run("tracuu E (warm cache)", [va.exact_analyzer()])
    va._RECENT.clear()
    efb = run("tracuu E+F+B+D (shared token list)", [va.exact_analyzer(), va.folded_analyzer(),
                                                      va.bigram_analyzer(), va.docnum_analyzer()])
    print(f"  ratio stock/E cold {base / cold:.2f}, stock/E warm {base / warm:.2f}, "
          f"stock/(E+F+B+D) {base / efb:.2f}")


def index_speed(docs: list[dict], limitmb: int, rounds: int) -> None:
    """Index the same articles with three schemas, interleaved over ``rounds`` to damp machine noise."""
    def text_fields(**kw) -> dict:
        return {name: TEXT(analyzer=a, phrase=name.endswith(("_e", "_f", "_x"))) for name, a in kw.items()}

    stored = {"url": ID(stored=True, unique=True), "title": STORED(), "text": STORED()}
    separate = Schema(**stored, **text_fields(
        title_e=va.exact_analyzer(), title_f=va.folded_analyzer(), title_b=va.bigram_analyzer(),
        body_e=va.exact_analyzer(), body_f=va.folded_analyzer(), body_b=va.bigram_analyzer(),
        docnum=va.docnum_analyzer()))

    # the schema's own field types (E without positions, counted formats) for tracuu's writer
    counted = Schema(**stored, **{name: _schema_text(a, phrase=name.endswith("_f")) for name, a in {
        "title_e": va.exact_analyzer(), "title_f": va.folded_analyzer(), "title_b": va.bigram_analyzer(),
        "body_e": va.exact_analyzer(), "body_f": va.folded_analyzer(), "body_b": va.bigram_analyzer()}.items()},
        docnum=TEXT(analyzer=va.docnum_analyzer()))

    capped = Schema(**stored, **text_fields(
        title_e=va.exact_analyzer(), title_f=va.folded_analyzer(), title_b=va.bigram_analyzer(),
        body_e=va.exact_analyzer(), body_f=va.folded_analyzer(), body_b=va.bigram_analyzer(limit=200),
        docnum=va.docnum_analyzer()))

    def separate_fields(d, title, body):
        return {"title_e": title, "title_f": title, "title_b": title, "body_e": body, "body_f": body,
                "body_b": body, "docnum": f"{title}\n{body}"}

    layouts = {
        "stock StandardAnalyzer, 1 text field": (
            Schema(**stored, body=TEXT(analyzer=StandardAnalyzer())),
            lambda d, title, body: {"body": f"{title}\n\n{body}"}, None),
        "tracuu E+F+B (title, body) + D": (separate, separate_fields, None),
        "  same, fast_codec()": (separate, separate_fields, fast_codec),
        "  body bigrams capped at 200, fast_codec()": (capped, separate_fields, fast_codec),
        "  E+F+D only (no bigram fields), fast_codec()": (
            separate, lambda d, t, b: {k: v for k, v in separate_fields(d, t, b).items() if not k.endswith("_b")},
            fast_codec),
        "  schema formats + grouped writer (tracuu's)": (counted, separate_fields, "grouped"),
    }

    def build(schema: Schema, fields, codec) -> float:
        with tempfile.TemporaryDirectory() as tmp:
            ix = create_in(tmp, schema)
            t0 = time.process_time()
            if codec == "grouped":
                w = GroupedSegmentWriter(ix, limitmb=limitmb, codec=fast_codec())
            else:
                w = ix.writer(limitmb=limitmb, **({"codec": codec()} if codec else {}))
            for d in docs:
                body = f"{d.get('sapo') or ''}\n\n{d['body']}"
                w.add_document(url=d["url"], title=d["title"], text=body, **fields(d, d["title"], body))
            w.commit()
            return time.process_time() - t0

    times: dict[str, float] = {name: 0.0 for name in layouts}
    for _ in range(rounds):
        for name, (schema, fields, codec) in layouts.items():
            times[name] += build(schema, fields, codec)
    n = len(docs) * rounds
    base = next(iter(times.values()))
    print(f"Whoosh indexing, {len(docs)} articles x {rounds} rounds, limitmb={limitmb}:")
    for name, t in times.items():
        print(f"  {name:<44} {n / t:8.1f} docs/s   ratio to stock {base / t:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--skip-index", action="store_true")
    ap.add_argument("--limitmb", type=int, default=256)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    docs = load(args.corpus, args.docs)
    texts = [f"{d['title']}\n\n{d.get('sapo') or ''}\n\n{d['body']}" for d in docs]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(docs)} articles, {mb:.1f} MB of text")
    analyzer_throughput(texts)
    if not args.skip_index:
        index_speed(docs, args.limitmb, args.rounds)


if __name__ == "__main__":
    main()
