"""Fixtures of the calendar tests: the project's calendar and a way to write instants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

from engine.calendar import Calendar, default_calendar, parse_instant

KZ_YAML = Path(__file__).resolve().parents[2] / "specs" / "calendars" / "kz.yaml"


@pytest.fixture(scope="session")
def calendar() -> Calendar:
    """The calendar of specs/calendars, loaded once."""
    return default_calendar()


@pytest.fixture(scope="session")
def at() -> Callable[[str], pendulum.DateTime]:
    """`at("2024-05-03T10:00+05:00")`: an instant from ISO text with its offset."""
    return parse_instant


@pytest.fixture
def spec_text() -> str:
    """The text of kz.yaml, to break on purpose."""
    return KZ_YAML.read_text(encoding="utf-8")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
