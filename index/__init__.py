"""Vietnamese analysis, the Whoosh schema and writer, the raw-page store and the catalog."""
