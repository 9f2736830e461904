"""Flask search UI and JSON API."""
