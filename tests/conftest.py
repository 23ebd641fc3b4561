"""Shared fixtures and options of the test suite.

Golden files (expected output kept beside the input, e.g. `tests/data/invalid/*.expected`)
are compared exactly. When a message is changed on purpose, regenerate them and review the
diff before committing:

    pytest tests/engine/test_invalid.py --regen-golden
    git diff tests/data/invalid/

With `--regen-golden` the golden tests rewrite their files instead of comparing (and pass).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"
DATA = ROOT / "tests" / "data"
INVALID = DATA / "invalid"
#: The reference specs the loader is built around; other specs come and go.
REFERENCE_STANDARD = SPECS / "standards" / "preschool-queue.yaml"
REFERENCE_REGULATION = SPECS / "regulations" / "aktobe" / "school-admission.yaml"

#: "Today" for every check the tests run (and the subprocesses they start): the warnings
#: before the calendar's end depend on it, and golden reports must not change with the date.
#: tests/verify/test_horizon.py moves it on purpose.
TODAY = "2026-12-07"
os.environ["REGLAMENT_TODAY"] = TODAY

#: Scenario files (`specs/**/scenarios/*.yaml`) are test items too (docs/scenarios.md).
pytest_plugins = ["engine.scenarios.pytest_plugin"]


def pytest_configure(config: pytest.Config) -> None:
    """The README's `pytest` (run on the testpaths) runs the corpus scenarios in specs/ too."""
    if config.args_source == pytest.Config.ArgsSource.TESTPATHS and str(SPECS) not in config.args:
        config.args.append(str(SPECS))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden", action="store_true", default=False,
        help="rewrite golden files (tests/data/invalid/*.expected) from the current output "
             "instead of comparing; review `git diff` before committing",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run should rewrite golden files rather than compare with them."""
    return bool(request.config.getoption("--regen-golden"))
