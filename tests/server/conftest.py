"""The API on the bundled specs, read once for the module's tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from server import ServerState, create_app, load_state

SPECS = Path(__file__).resolve().parents[2] / "specs"


@pytest.fixture(scope="session")
def state() -> ServerState:
    return load_state(SPECS)


@pytest.fixture(scope="session")
def client(state: ServerState) -> Iterator[TestClient]:
    with TestClient(create_app(state), raise_server_exceptions=False) as test_client:
        yield test_client


TOKEN = "a-token-of-enough-length"
WRITE = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def journal_client(state: ServerState, tmp_path: Path) -> Iterator[TestClient]:
    """The API with a token and a new journal of its own."""
    writing = dataclasses.replace(state, token=TOKEN, db=tmp_path / "cases.db")
    with TestClient(create_app(writing), raise_server_exceptions=False) as test_client:
        yield test_client
