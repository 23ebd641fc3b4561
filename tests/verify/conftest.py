"""Fixtures of the verifier tests: the data folder, the calendar, golden files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from engine.calendar import Calendar, default_calendar

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
#: `REGLAMENT_REGEN_GOLDEN=1 pytest tests/verify` rewrites the expected reports of data/.
REGEN = os.environ.get("REGLAMENT_REGEN_GOLDEN") == "1"

if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@pytest.fixture(scope="session")
def calendar() -> Calendar:
    """The project's calendar (specs/calendars/kz.yaml), loaded once."""
    return default_calendar()


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from data/, so that reports name files as `<case>/regulations/service.yaml`."""
    monkeypatch.chdir(DATA)
    return DATA


def golden(path: Path, actual: str) -> str:
    """The expected text of `path`; with REGLAMENT_REGEN_GOLDEN=1, first write `actual` there."""
    if REGEN:
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")
