"""Scoring extracted attachments against portalgen's ``attachments.jsonl`` truth.

Used by tests/test_attachments_accuracy.py and bench/attachments.py; runnable on its own to score a
whole generated site: ``python tests/attachment_scoring.py OUTDIR [--ocr-sample N] [--jobs J]``.

* paragraph F1 (DOCX, XLSX, text PDF): the truth's body paragraphs against the extracted lines of
  the body region (after the subject/addressee, before ``Nơi nhận``; table rows, which carry tabs,
  and the table caption are left out on both sides). Paragraphs compare whitespace-collapsed.
* word F1 (scans): word multisets of the whole printed document, truth rebuilt from its fields.
* metadata: number, type, issue date, issuer, subject and signer equal to the truth.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

META_FIELDS = ("number", "doc_type", "issued", "issuer", "subject", "signer")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def body_region(lines: list[str], rec: dict) -> list[str]:
    """Extracted lines between the subject (or the last addressee line) and ``Nơi nhận``."""
    subj = norm(rec["subject"])
    start = 0
    for i, line in enumerate(lines[:60]):
        if norm(line).endswith(subj) and subj:
            start = i + 1
            break
    for i in range(start, min(len(lines), start + 12)):
        if norm(lines[i]).startswith("Kính gửi"):
            start = i + 1
            while start < len(lines) and norm(lines[start]).startswith("- "):
                start += 1
            break
    end = len(lines)
    for i in range(len(lines) - 1, start - 1, -1):
        if norm(lines[i]).startswith("Nơi nhận"):
            end = i
            break
    caption = norm(rec["table"]["caption"]) if rec.get("table") else None
    return [norm(x) for x in lines[start:end] if x.strip() and "\t" not in x and norm(x) != caption]


def paragraph_counts(text: str, rec: dict) -> tuple[int, int, int]:
    """(matched, extracted, truth) paragraph counts for one document."""
    got = Counter(body_region(text.split("\n"), rec))
    want = Counter(norm(p) for p in rec["body"] if norm(p))
    return sum((got & want).values()), sum(got.values()), sum(want.values())


_WORD_RE = re.compile(r"\w+")


def _words(text: str) -> Counter:
    out = Counter()
    for w in _WORD_RE.findall(unicodedata.normalize("NFC", text)):
        out[w.lstrip("0") or "0" if w.isdigit() else w] += 1
    return out


def truth_words(rec: dict) -> Counter:
    parts = [rec.get("issuer_parent") or "", rec["issuer"], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc", "Số: " + rec["number"]]
    y, m, d = rec["issued"].split("-")
    parts.append(f"{rec['place']}, ngày {d} tháng {m} năm {y}")
    if rec["doc_type"] != "Công văn":
        parts.append(rec["doc_type"].upper())
    parts.append(rec["subject"])
    if rec["addressee"]:
        parts.append("Kính gửi: " + " ".join(rec["addressee"]))
    parts.extend(rec["body"])
    if rec.get("table"):
        t = rec["table"]
        parts.append(t["caption"])
        parts.extend(" ".join(r) for r in [t["header"], *t["rows"]])
    parts.append("Nơi nhận:")
    parts.extend(rec["recipients"])
    parts.extend(rec["signer_title"])
    parts.append(rec["signer"])
    return _words(" ".join(parts))


def word_counts(text: str, rec: dict) -> tuple[int, int, int]:
    got, want = _words(text), truth_words(rec)
    return sum((got & want).values()), sum(got.values()), sum(want.values())


def f1(matched: int, got: int, want: int) -> float:
    p = matched / got if got else 0.0
    r = matched / want if want else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def meta_hits(meta, rec: dict) -> dict[str, bool]:
    d = meta.to_dict() if meta is not None else {}
    return {k: (d.get(k) or None) == (norm(rec[k]) if isinstance(rec[k], str) else rec[k]) for k in META_FIELDS}


def kind(rec: dict) -> str:
    return "scan" if rec.get("scanned") else rec["ext"]


def load(out: Path) -> list[dict]:
    with open(out / "attachments.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def score(out: Path, recs: list[dict], extract_fn, show_misses: bool = False) -> dict[str, dict]:
    """Per kind: paragraph or word (matched, got, want) sums, F1 and metadata hit rates."""
    acc: dict[str, dict] = {}
    for rec in recs:
        k = kind(rec)
        res = extract_fn((out / rec["file"]).read_bytes(), rec["file"])
        a = acc.setdefault(k, {"n": 0, "counts": [0, 0, 0], "meta": Counter()})
        a["n"] += 1
        counts = word_counts(res.text, rec) if k == "scan" else paragraph_counts(res.text, rec)
        a["counts"] = [x + y for x, y in zip(a["counts"], counts, strict=False)]
        hits = meta_hits(res.meta, rec)
        a["meta"].update(f for f, ok in hits.items() if ok)
        if show_misses:
            for f, ok in hits.items():
                if not ok:
                    got = res.meta.to_dict().get(f) if res.meta else None
                    print(f"MISS {k} {f}: {got!r} != {rec[f]!r}  ({rec['file']})")
    for a in acc.values():
        a["f1"] = f1(*a["counts"])
        a["meta_rate"] = {f: a["meta"][f] / a["n"] for f in META_FIELDS}
    return acc


if __name__ == "__main__":
    import argparse

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ingest.attachments import extract

    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--kinds", default="docx,pdf,xlsx,scan")
    ap.add_argument("--sample", type=int, default=0, help="at most N documents per kind")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    recs = [r for r in load(args.out) if kind(r) in args.kinds.split(",")]
    if args.sample:
        per: dict[str, list] = {}
        for r in recs:
            per.setdefault(kind(r), []).append(r)
        recs = [r for v in per.values() for r in v[:args.sample]]
    res = score(args.out, recs, lambda d, n: extract(d, n, jobs=args.jobs), args.misses)
    for k, a in sorted(res.items()):
        print(f"{k:5} n={a['n']:4} F1={a['f1']:.4f} counts={a['counts']} "
              + " ".join(f"{f}={v:.3f}" for f, v in a["meta_rate"].items()))
