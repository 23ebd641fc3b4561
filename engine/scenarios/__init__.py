"""Scenario tests of specs: a scenario file read and validated (`files`; each of its
scenarios built and checked by `scenario`), run through the executor (`runner`) with
its expectations checked (`expect`); a suite of files (`suite`) and a pytest plugin
that collects them (`pytest_plugin`, not imported here: it needs pytest).

May import: `engine.spec`, `engine.calendar`, `engine.corpus`, `engine.process`,
`engine.cases`.
"""

from __future__ import annotations

from engine.scenarios.files import read_scenario_file
from engine.scenarios.runner import ScenarioResult
from engine.scenarios.scenario import Scenario
from engine.scenarios.suite import (
    FileReport, RunReport, ScenarioRunner, find_scenario_files, run_paths,
)

__all__ = [
    "FileReport", "RunReport", "Scenario", "ScenarioResult", "ScenarioRunner",
    "find_scenario_files", "read_scenario_file", "run_paths",
]
