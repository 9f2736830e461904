"""Settings shared by the commands: where the data directory lives.

One rule everywhere (CLI, web, tests): ``--data DIR`` wins, then the ``TRACUU_DATA`` environment
variable, then ``./tracuu-data``.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA_DIR = "tracuu-data"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the data directory without creating it."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("TRACUU_DATA")
    if env:
        return Path(env)
    return Path(DEFAULT_DATA_DIR)
