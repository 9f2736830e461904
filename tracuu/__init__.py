"""tracuu ("tra cứu": to look up): ingest and search Vietnamese government portal pages.

This package is the command line and its configuration only; the work is done by ``ingest``,
``index``, ``search`` and ``web``.
"""

__version__ = "0.1.0"
