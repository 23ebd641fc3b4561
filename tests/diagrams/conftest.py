"""Fixtures shared by the diagram tests."""

from __future__ import annotations

import pytest

from tests.diagrams.exports_npm import MERMAID, node_tools
from tests.system_tools import tool


@pytest.fixture(scope="module")
def mermaid_parser() -> object:
    # A missing node or npm fails the tests, naming the set-up command: never a skip.
    tool("node", "Node.js")
    tool("npm", "npm")
    return node_tools(MERMAID, "mermaid")
