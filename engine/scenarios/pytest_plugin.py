"""pytest collects scenario files: one test item per scenario, the mismatch report on failure.

Register it with `pytest_plugins = ["engine.scenarios.pytest_plugin"]` in a conftest (the project's
`tests/conftest.py` does) or `pytest -p engine.scenarios.pytest_plugin`. Every `.yaml` file pytest
walks directly inside a directory named `scenarios` becomes a file of items named after its
scenarios; a file that cannot be read becomes one failing item with its located errors,
so the rest of the run goes on. The corpus and calendar are loaded once per session.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.scenarios.suite import (
    Scenario,
    ScenarioResult,
    ScenarioRunner,
    is_scenario_path,
    read_scenario_file,
)

__all__ = ["ScenarioFileItems", "ScenarioItem", "pytest_collect_file"]

_RUNNER = pytest.StashKey[ScenarioRunner]()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A scenario file (a YAML file directly in a directory named `scenarios`) as a collector."""
    if not is_scenario_path(file_path):
        return None
    collector: ScenarioFileItems = ScenarioFileItems.from_parent(parent, path=file_path)
    return collector


def _runner(config: pytest.Config) -> ScenarioRunner:
    if _RUNNER not in config.stash:
        config.stash[_RUNNER] = ScenarioRunner()
    return config.stash[_RUNNER]


class ScenarioFailed(Exception):
    """A scenario that did not pass, carrying its result."""

    def __init__(self, report: str) -> None:
        super().__init__(report)
        self.report = report


class ScenarioFileItems(pytest.File):
    """The scenarios of one file."""

    def collect(self) -> Iterator[pytest.Item]:
        scenario_file = read_scenario_file(self.path)
        if scenario_file.errors:
            report = "\n".join(str(e) for e in scenario_file.errors)
            yield _BrokenFile.from_parent(self, name="(file)", report=report)
            return
        for scenario in scenario_file.scenarios:
            yield ScenarioItem.from_parent(self, name=scenario.name, scenario=scenario)


class ScenarioItem(pytest.Item):
    """One scenario: passes when the engine meets every expectation."""

    def __init__(self, *, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.result: ScenarioResult | None = None

    def runtest(self) -> None:
        self.result = _runner(self.config).run(self.scenario)
        if not self.result.passed:
            verdict = "could not run" if self.result.status == "error" else "failed"
            raise ScenarioFailed(f'scenario "{self.scenario.name}" {verdict}:\n'
                                 f"{self.result.report()}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailed):
            return excinfo.value.report
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.scenario.location.line - 1, f"scenario: {self.scenario.name}"


class _BrokenFile(pytest.Item):
    """A scenario file that cannot be read: fails with its located errors."""

    def __init__(self, *, report: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.report = report

    def runtest(self) -> None:
        raise ScenarioFailed(f"scenario file {self.path} cannot be read:\n{self.report}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailed):
            return excinfo.value.report
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, "scenario file"
