"""Tests of the renderers: words, documents, PDF."""
