"""Fixtures shared by the diagram tests."""

from __future__ import annotations

import pytest

from tests.diagrams.exports_npm import MERMAID, NpmUnavailable, node_tools


@pytest.fixture(scope="module")
def mermaid_parser() -> object:
    try:
        return node_tools(MERMAID, "mermaid")
    except NpmUnavailable as error:
        if "not installed" in str(error):
            pytest.skip(f"mermaid's parser needs node and npm: {error}")
        raise
