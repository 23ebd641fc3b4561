"""The examples in the calendar's docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["engine.calendar", "engine.calendar.core", "engine.calendar.data",
           "engine.calendar.days", "engine.calendar.errors", "engine.calendar.instants",
           "engine.calendar.model"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
