"""What each field costs on disk: bytes of an index attributed to its fields.

Why: the index was 3.5 times the size of the pages it indexes, and deciding what to cut needs
the bill per field (issue 11, item 4). Whoosh keeps a segment in a few files: the term
dictionary (``.trm``: per term a row — key, term info, and for rare terms the postings
themselves, inlined — plus its hash tables and position index), the postings file (``.pst``:
the posting blocks of frequent terms), the stored fields (``_stored.col``: one pickled dict per
document) and columns (``<field>.col``, ``_<field>_len.col``). Rows and blocks belong to one
field each; the hash tables and position index (16 + 4 bytes a term) are shared out by terms;
stored bytes are shared out by the pickled size of each field's values. The compact dictionary
(:mod:`index.termdict`, ``terms_format`` 2) is billed by block: a block's compressed bytes shared
out by its rows' raw bytes.

``python -m index.fieldstats DATA_DIR`` prints the table (bench/index.py ``--fields`` too).
"""

from __future__ import annotations

import pickle
import sys
from collections import Counter
from pathlib import Path

from whoosh import index as whoosh_index

from index import whoosh_compat
from index.termdict import INLINE, BlockTermsReader


def field_bytes(index_path: Path | str) -> dict[str, Counter]:
    """field → Counter of ``terms``, ``dict`` (term dictionary bytes), ``inline`` (of which
    inlined postings), ``postings`` (block bytes), ``stored``, ``columns``; plus the pseudo-field
    ``(all)`` with ``files`` (every file's bytes)."""
    path = Path(index_path)
    ix = whoosh_index.open_dir(str(path))
    out: dict[str, Counter] = {}
    total = Counter()
    total["files"] = sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    for seg in whoosh_compat.toc_segments(ix):
        from whoosh.reading import SegmentReader

        reader = SegmentReader(ix.storage, ix.schema, seg)
        try:
            terms = whoosh_compat.segment_terms(reader)
            if isinstance(terms, BlockTermsReader):
                _block_dictionary(terms, out)
            else:
                _hash_dictionary(terms, out)
            pickled: Counter = Counter()
            for _docnum, fields in reader.iter_docs():
                for name, value in fields.items():
                    pickled[name] += len(pickle.dumps(value, 2))
            # the stored column is compressed: its bytes are shared out by pickled size
            stored_file = path / f"{seg.segment_id()}._stored.col"
            actual = stored_file.stat().st_size if stored_file.exists() else 0
            whole = sum(pickled.values()) or 1
            for name, n in pickled.items():
                out.setdefault(name, Counter())["stored"] += actual * n // whole
        finally:
            reader.close()
        prefix = seg.segment_id() + "."
        for p in path.iterdir():
            name = p.name
            if name.startswith(prefix) and name.endswith(".col") and not name.endswith("_stored.col"):
                col = name[len(prefix):-4]
                col = col[1:-4] if col.startswith("_") and col.endswith("_len") else col
                out.setdefault(col, Counter())["columns"] += p.stat().st_size
    ix.close()
    out["(all)"] = total
    return out


def _hash_dictionary(terms, out: dict[str, Counter]) -> None:
    """Whoosh's hash file: each row, plus its share of hash tables and position index."""
    for fieldname, tbytes, row in whoosh_compat.scan_terms(terms):
        c = out.setdefault(fieldname, Counter())
        c["terms"] += 1
        c["dict"] += whoosh_compat.ROW_HEADER + 2 + len(tbytes) + len(row) + whoosh_compat.TERM_TABLE_BYTES
        if row[0]:
            c["inline"] += len(row) - whoosh_compat.TERMINFO_SIZE
        else:
            c["postings"] += whoosh_compat.postings_extent(row)[1]


def _block_dictionary(terms: BlockTermsReader, out: dict[str, Counter]) -> None:
    """index/termdict's blocks: a block's compressed bytes shared out by its rows' raw bytes
    (inline postings likewise, by the share of their bytes in the row)."""
    unmap = terms._fieldunmap
    for size, keys, rows in terms.block_sizes():
        raw = sum(map(len, keys)) + sum(map(len, rows)) or 1
        for key, row in zip(keys, rows, strict=True):
            c = out.setdefault(unmap[(key[0] << 8) | key[1]], Counter())
            c["terms"] += 1
            c["dict"] += size * (len(key) + len(row)) / raw
            if row[0] >= INLINE:
                c["inline"] += size * len(row) / raw
            elif row[0]:
                c["inline"] += size * (len(row) - whoosh_compat.TERMINFO_SIZE) / raw
            else:
                c["postings"] += whoosh_compat.postings_extent(row)[1]


def report(index_path: Path | str, html_bytes: int | None = None) -> str:
    stats = field_bytes(index_path)
    total = stats.pop("(all)")["files"]
    lines = [f"{'field':10} {'terms':>9} {'dict MB':>8} {'inline':>8} {'postings':>9} {'stored':>8} "
             f"{'columns':>8} {'total MB':>9}"]
    rows = []
    for name, c in stats.items():
        whole = c["dict"] + c["postings"] + c["stored"] + c["columns"]
        rows.append((whole, name, c))
    for whole, name, c in sorted(rows, reverse=True):
        lines.append(f"{name:10} {c['terms']:9d} {c['dict'] / 1e6:8.2f} {c['inline'] / 1e6:8.2f} "
                     f"{c['postings'] / 1e6:9.2f} {c['stored'] / 1e6:8.2f} {c['columns'] / 1e6:8.2f} "
                     f"{whole / 1e6:9.2f}")
    counted = sum(r[0] for r in rows)
    lines.append(f"attributed {counted / 1e6:.1f} MB of {total / 1e6:.1f} MB in the index folder")
    if html_bytes:
        lines.append(f"index / HTML pages: {total / html_bytes:.2f}x ({html_bytes / 1e6:.1f} MB of pages)")
    return "\n".join(lines)


if __name__ == "__main__":
    data = Path(sys.argv[1])
    print(report(data / "index" if (data / "index").is_dir() else data))
