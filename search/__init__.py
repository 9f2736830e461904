"""Query parsing, searching, facets, highlights and suggestions over the tracuu index."""
