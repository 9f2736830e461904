"""search/storage.py: positional reads give exactly the bytes a memory map gives, and the index a
searcher opens is read without mapping it (its pages are then not counted in the process's RSS)."""

from __future__ import annotations

import os
import pickle
import random
import sys
from array import array

import pytest

from search import storage
from search.storage import READ_AHEAD, MappedFile, PreadFile, open_index


@pytest.fixture()
def blob(tmp_path):
    rng = random.Random(5)
    head = pickle.dumps((3, 1.5, None, "tiêu đề", b"x" * 40), -1)
    data = head + b"line one\nline two\n" + bytes(rng.getrandbits(8) for _ in range(3 * READ_AHEAD + 77))
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    return str(path), data, len(head)


def test_pread_file_reads_what_the_map_reads(blob):
    path, data, head = blob
    p, m = PreadFile(path), MappedFile(path)
    try:
        rng = random.Random(9)
        spots = [0, 1, READ_AHEAD - 3, READ_AHEAD, len(data) - 9, len(data) - 1, len(data), len(data) + 5]
        spots += [rng.randrange(len(data)) for _ in range(300)]
        for pos in spots:
            for n in (0, 1, 2, 4, 8, 100, READ_AHEAD - 1, READ_AHEAD + 3):
                assert p.get(pos, n) == m.get(pos, n) == data[pos:pos + n], (pos, n)
            if pos + 8 <= len(data):
                for name in ("get_uint", "get_int", "get_long", "get_ushort", "get_byte", "get_float"):
                    assert getattr(p, name)(pos) == getattr(m, name)(pos), (name, pos)
        assert list(p.get_array(head, "I", 50)) == list(m.get_array(head, "I", 50))
        # sequential reads: seek/read/tell, a pickle (read + readline), lines, the rest
        p.seek(0)
        assert p.read_pickle() == pickle.loads(data) and p.tell() == head
        assert p.file.readline() == b"line one\n" and p.file.readline(4) == b"line"
        p.seek(-10, os.SEEK_END)
        assert p.read() == data[-10:] and p.read(5) == b"" and p.tell() == len(data)
        p.seek(3)
        p.seek(4, os.SEEK_CUR)
        assert p.read(READ_AHEAD * 2) == data[7:7 + READ_AHEAD * 2]
        assert p.read_array("H", 3) == array("H", m.get_array(7 + READ_AHEAD * 2, "H", 3))
    finally:
        p.close()
        m.close()


def test_pread_file_keeps_reading_a_deleted_file_and_closes_its_descriptor(blob):
    """A merge deletes the files of the segments it merged; a searcher still on the generation
    before reads them through its open descriptor until it is closed (as through a map)."""
    path, data, _ = blob
    closed = []
    f = PreadFile(path, onclose=closed.append)
    fd = f.file.fd
    os.unlink(path)
    assert f.get(len(data) - 20, 20) == data[-20:]
    f.close()
    f.close()  # twice is harmless
    assert closed == [f]
    with pytest.raises(OSError):
        os.fstat(fd)


def test_empty_file(tmp_path):
    path = tmp_path / "empty"
    path.write_bytes(b"")
    f = PreadFile(str(path))
    assert f.get(0, 10) == b"" and f.read() == b"" and f.file.readline() == b""
    f.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps (Linux)")
def test_searcher_maps_no_file_of_a_block_dictionary_index(tmp_path):
    """An index written today (block term dictionaries) is searched without one of its files in
    the process's memory maps, with the same results as through Whoosh's own files."""
    from whoosh import index as whoosh_index

    from tests.webcorpus import build_index, make_docs

    build_index(tmp_path, make_docs(60))
    folder = str(tmp_path / "index")
    ix = open_index(tmp_path / "index")
    with ix.searcher() as s, whoosh_index.open_dir(folder).searcher() as plain:
        for field in ("title_f", "body_b", "sugg"):
            for term in list(plain.reader().lexicon(field))[:30]:
                assert list(s.reader().postings(field, term).all_ids()) == \
                    list(plain.reader().postings(field, term).all_ids())
        stored = [s.stored_fields(d) for d in range(s.doc_count_all())]
        assert stored == [plain.stored_fields(d) for d in range(plain.doc_count_all())]
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            mapped = [ln for ln in fh if folder in ln]
        assert mapped == []
        files = [f for leaf, _ in s.reader().leaf_readers() for f in (leaf._terms._dbfile, leaf._terms._postfile)]
        assert files and all(isinstance(f, PreadFile) for f in files)


def test_probed_in_place_only_for_hash_dictionaries(tmp_path):
    from index.termdict import MAGIC

    block = tmp_path / "a.trm"
    block.write_bytes(b"HSH3" + bytes(9) + MAGIC + b"rest")
    old = tmp_path / "b.trm"
    old.write_bytes(b"HSH3" + bytes(40))
    other = tmp_path / "c.pst"
    other.write_bytes(b"HSH3" + bytes(40))
    assert [storage._probed_in_place(str(p)) for p in (block, old, other)] == [False, True, False]
