"""A long-running searcher sees each commit exactly once, merges included (issue 14, item 2).

whoosh-reloaded 2.7.5's ``Searcher.refresh()`` keeps merged-away segments in the refreshed reader
(every merged document counted twice) and shares readers it then closes (``ReaderClosed`` on the
next document look-up); index/refresh.py reopens instead. Found by bench/soak.py.
"""

from __future__ import annotations

from search.model import SearchRequest
from search.searcher import Searcher
from tests.webcorpus import make_docs


def test_searcher_totals_and_documents_stay_right_across_commits_and_merges(tmp_path):
    from index.writer import IndexWriterSink

    docs = make_docs(60)
    with IndexWriterSink(tmp_path, batch_size=10) as sink:  # six segments
        for d in docs[:30]:
            sink.add(d)
    with Searcher(tmp_path) as s:
        everything = SearchRequest(q="", per_page=1, facets=False, highlight=False)
        assert s.search(everything).total == 30
        assert s.get(docs[0].id) is not None  # the document reader is open too
        with IndexWriterSink(tmp_path, batch_size=10) as sink:
            for d in docs[30:]:
                sink.add(d)
            sink.optimize()  # every segment merged into one
        assert s.search(everything).total == 60
        assert s.stats()["documents"] == 60
        for d in (docs[0], docs[45]):
            got = s.get(d.id)
            assert got is not None and got.title == d.title
        with IndexWriterSink(tmp_path) as sink:
            sink.add(make_docs(61)[60])
        assert s.search(everything).total == 61
        assert s.get(docs[1].id) is not None
