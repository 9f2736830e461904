"""Sources, fetching and crawling, page parsing: everything that turns bytes into ``Document`` records.

ingest never imports ``index``, ``search`` or ``web``: it hands documents to a sink.
"""
