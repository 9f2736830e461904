"""index/whoosh_compat.py: every private Whoosh name tracuu relies on is still there."""

from __future__ import annotations

import pytest

from index import whoosh_compat


def test_every_relied_on_name_exists():
    whoosh_compat.check()


def test_check_names_a_missing_name(monkeypatch):
    from whoosh.index import FileIndex

    monkeypatch.delattr(FileIndex, "_read_toc")
    with pytest.raises(AttributeError, match="FileIndex._read_toc"):
        whoosh_compat.check()


def test_index_modules_use_no_private_whoosh_name_directly():
    """Only whoosh_compat imports Whoosh's private names (``from whoosh... import _x``)."""
    import re
    from pathlib import Path

    root = Path(whoosh_compat.__file__).parent
    for path in root.glob("*.py"):
        if path.name == "whoosh_compat.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"from whoosh[\w.]* import [^\n]*\b_[a-z]", text), path.name
