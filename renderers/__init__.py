"""Renderers: documents and diagrams from compiled specs (Jinja)."""
