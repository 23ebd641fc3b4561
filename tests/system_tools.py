"""The programs the tests run: found on PATH, or a failure naming the set-up command.

A test never skips because a program is missing: `python3 tools/setup_tests.py` (README
command (b)) installs every one of them, and `tests/tools/test_setup_tests.py` holds the
suite to that.
"""

from __future__ import annotations

import shutil

import pytest

from tools.setup_tests import SETUP_COMMAND

__all__ = ["MISSING_HINT", "tool"]

MISSING_HINT = f"hint: run `{SETUP_COMMAND}`, which installs what the tests use (README command (b))"


def tool(command: str, what: str) -> str:
    """The path of `command`, or a test failure naming `what` it is and the set-up command."""
    found = shutil.which(command)
    if found is None:
        pytest.fail(f"{what} is not installed: no `{command}` on PATH ({MISSING_HINT})", pytrace=False)
    return found
