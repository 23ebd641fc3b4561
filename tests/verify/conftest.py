"""Fixtures of the verifier tests: the calendar, and running from data/."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.calendar import Calendar, default_calendar
from tests.verify.verifykit import DATA


@pytest.fixture(scope="session")
def calendar() -> Calendar:
    """The project's calendar (specs/calendars/kz.yaml), loaded once."""
    return default_calendar()


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from data/, so that reports name files as `<case>/regulations/service.yaml`."""
    monkeypatch.chdir(DATA)
    return DATA
