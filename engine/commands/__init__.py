"""One module per CLI verb; each exposes a function returning an exit code."""
