"""Allow ``python -m tracuu`` (used by tests so they run against the checkout)."""

from tracuu.cli import main

raise SystemExit(main())
