"""Layout robustness: extraction quality on portalgen pages whose markup was mutated (issue 9 item 4).

Usage: python bench/robustness.py [--pages 400] [--seed 1] [--classes none,m1,...,all] [--json]
       [--fixtures] [--failures N]

Renders the four families' portalgen site (``--pages``, ``--seed``), then for each mutation class of
:mod:`tests.mutations` (each alone, then ``all`` together) rewrites every page it applies to and
parses it as ``tracuu parse`` does (``ingest.parse.parse_page``). Prints one row per class: pages
scored, pages the mutation could apply to, title and published exact, body paragraph F1,
related/latest item recall (title, URL and time at the page's precision), kind right, and the
breadcrumb category. ``none`` is the unmutated baseline, measured in the same run. Goals
(issue 9 acceptance 1): title/published ≥ 99 %, body F1 ≥ 0.97, lists ≥ 0.97, kind ≥ 99 %.
``--fixtures`` runs the committed fixtures instead (tests/fixtures/portal and the news CMS ones),
so it works without ../shared. Quality, not speed: nothing here is timed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import make_portal  # noqa: E402
from tests.portal_scoring import load_truth  # noqa: E402
from tests.robustness_scoring import CLASSES, HEADER, score_class  # noqa: E402

FIXTURE_SETS = (REPO / "tests" / "fixtures" / "portal", REPO / "tests" / "fixtures" / "news")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--classes", default=",".join(CLASSES))
    ap.add_argument("--fixtures", action="store_true", help="score the committed fixtures instead")
    ap.add_argument("--json", action="store_true", help="one JSON object per class")
    ap.add_argument("--failures", type=int, default=0, help="print up to N failures per class")
    ap.add_argument("--out", type=Path, help="where to render the portal (default: a temporary folder)")
    args = ap.parse_args(argv)
    classes = [c for c in args.classes.split(",") if c]
    unknown = [c for c in classes if c not in CLASSES]
    if unknown:
        ap.error(f"unknown classes: {', '.join(unknown)} (known: {', '.join(CLASSES)})")

    with tempfile.TemporaryDirectory() as tmp:
        if args.fixtures:
            sets = [(root, load_truth(root)) for root in FIXTURE_SETS if (root / "truth.jsonl").exists()]
            label = "committed fixtures"
        else:
            root = make_portal(args.out or Path(tmp) / "portal", args.pages, args.seed)
            sets = [(root, load_truth(root))]
            label = f"portalgen --pages {args.pages} --seed {args.seed}"
        if not args.json:
            print(f"# {label}: {sum(len(r) for _, r in sets)} pages; goals: title/published >= 99 %, "
                  "body F1 >= 0.97, lists >= 0.97, kind >= 99 %")
            print(HEADER)
        for cls in classes:
            total = None
            for root, recs in sets:
                sc = score_class(recs, root, cls, seed=int(args.seed) if args.seed.isdigit() else 1)
                total = sc if total is None else _add(total, sc)
            assert total is not None
            if args.json:
                print(json.dumps(total.as_dict()))
            else:
                print(total.row(), flush=True)
                if args.failures:
                    kinds = Counter(f.split()[0] for f in total.failures)
                    print("      failures:", dict(kinds))
                    for f in total.failures[:args.failures]:
                        print("       ", f[:240])
    return 0


def _add(a, b):
    for name in ("pages", "applied", "articles", "title_ok", "published_ok", "f1_sum", "items_want", "items_ok",
                 "kind_ok", "category_ok"):
        setattr(a, name, getattr(a, name) + getattr(b, name))
    a.failures += b.failures
    return a


if __name__ == "__main__":
    raise SystemExit(main())
