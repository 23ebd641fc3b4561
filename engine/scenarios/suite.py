"""Scenario tests of specs: find scenario files, run them, report each mismatch.

Analysts write concrete applications next to the specs, in `specs/**/scenarios/*.yaml`
(the format: docs/scenarios.md), and what the engine must give for each. A scenario
file tests the specs of its spec root (the nearest directory above it holding a
`.reglament-root` file or named `specs`; `engine.corpus.spec_root`), or the ones given; the
corpus and the calendar are loaded once per run.

Examples:
    >>> from engine.scenarios.suite import run_paths
    >>> report = run_paths(["specs/"])                       # doctest: +SKIP
    >>> report.ok, report.counts()                           # doctest: +SKIP
    (True, {'passed': 48, 'failed': 0, 'error': 0})
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from engine.calendar import Calendar, CalendarError, default_calendar
from engine.cases.executor import Executor
from engine.corpus.lookup import Corpus
from engine.corpus.reading import load_corpus
from engine.corpus.spec_root import ROOT_MARKER, spec_root
from engine.scenarios.expect import Mismatch
from engine.scenarios.files import (
    DEFAULT_APPLICANT,
    SCHEMA_PATH,
    Action,
    Scenario,
    ScenarioFile,
    read_scenario_file,
)
from engine.scenarios.runner import ScenarioResult, run_scenario
from engine.spec.errors import Location, SpecError, SpecErrors

__all__ = [
    "DEFAULT_APPLICANT",
    "SCHEMA_PATH",
    "Action",
    "FileReport",
    "Mismatch",
    "RunReport",
    "Scenario",
    "ScenarioFile",
    "ScenarioResult",
    "ScenarioRunner",
    "find_scenario_files",
    "is_scenario_path",
    "read_scenario_file",
    "run_paths",
    "specs_root",
]

_SUFFIXES = (".yaml", ".yml")
SCENARIOS_DIR = "scenarios"


def find_scenario_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Scenario files named or found below `paths`, in a stable order.

    A file given is taken as it is; below a directory, the YAML files directly inside
    a directory named `scenarios` (`specs/**/scenarios/*.yaml`) are scenario files, and
    no other. Anything but a directory is taken, a FIFO or a device too: the one reader
    refuses it with a located error (`engine.support.bounded_read`), where skipping it
    would be silent.
    """
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        for found in sorted(path.rglob("*")):
            if found.suffix in _SUFFIXES and not found.is_dir() and is_scenario_path(found):
                yield found


def is_scenario_path(path: str | Path) -> bool:
    """True for a YAML file directly inside a directory named `scenarios`."""
    found = Path(path)
    return found.suffix in _SUFFIXES and found.parent.name == SCENARIOS_DIR


def specs_root(path: str | Path) -> Path | None:
    """The specs a scenario file tests: its spec root (`engine.corpus.spec_root`: the nearest
    directory above it holding a `.reglament-root` file or named `specs`), absolute."""
    root = spec_root(path)
    return None if root is None else root.resolve()


@dataclass
class FileReport:
    """The results of one scenario file, or the errors that kept it from running."""

    path: str
    results: list[ScenarioResult] = field(default_factory=list)
    errors: list[SpecError] = field(default_factory=list)


@dataclass
class RunReport:
    """Every file of a run."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def results(self) -> list[ScenarioResult]:
        """The results of every scenario, in file order."""
        return [r for f in self.files for r in f.results]

    def counts(self) -> dict[str, int]:
        """How many scenarios passed, failed and could not run (a broken file counts once)."""
        counts = {"passed": 0, "failed": 0, "error": 0}
        for result in self.results:
            counts[result.status] += 1
        counts["error"] += sum(1 for f in self.files if f.errors)
        return counts

    @property
    def ok(self) -> bool:
        """True when every scenario passed and every file could run."""
        counts = self.counts()
        return counts["failed"] == 0 and counts["error"] == 0


class ScenarioRunner:
    """Runs scenarios, loading each corpus and the calendar once.

    Args:
        specs: the specs every scenario tests; by default the spec root of each scenario
            file (`specs_root`).
        calendar: the working-time calendar; by default the project's.
    """

    def __init__(self, specs: str | Path | None = None, calendar: Calendar | None = None) -> None:
        self.specs = Path(specs) if specs is not None else None
        self._calendar = calendar
        self._executors: dict[Path, Executor | list[SpecError]] = {}

    def executor_for(self, file: str | Path) -> Executor | list[SpecError]:
        """The executor on the specs `file` tests, or the errors that keep them from loading."""
        root = self.specs.resolve() if self.specs is not None else specs_root(file)
        if root is None:
            return [SpecError(Location(str(file), 1, 1), "", "cannot tell which specs this "
                              "scenario file tests (hint: keep scenario files under a directory "
                              f"named specs/ or holding a {ROOT_MARKER} file, or pass --specs DIR)",
                              "scenario")]
        if root not in self._executors:
            self._executors[root] = self._load(root)
        return self._executors[root]

    def _load(self, root: Path) -> Executor | list[SpecError]:
        try:
            corpus: Corpus = load_corpus([root])
            calendar = corpus.calendar_for(self._calendar or default_calendar())
        except SpecErrors as errors:
            first = errors.errors[0]
            more = f" and {len(errors.errors) - 1} more" if len(errors.errors) > 1 else ""
            return [SpecError(first.location, first.breadcrumb, f"{first.message} (the specs "
                              f"in {root} do not load: this{more}; hint: run `reglament check "
                              f"{root}`)", first.code)]
        except CalendarError as error:
            return [SpecError(Location(str(root), 0, 0), "", str(error), "calendar")]
        return Executor(corpus, calendar)

    def run_file(self, path: str | Path) -> FileReport:
        """Read and run one scenario file."""
        scenario_file = read_scenario_file(path)
        report = FileReport(scenario_file.path, errors=list(scenario_file.errors))
        if report.errors:
            return report
        executor = self.executor_for(path)
        if isinstance(executor, list):
            report.errors = executor
            return report
        report.results = [run_scenario(s, executor) for s in scenario_file.scenarios]
        return report

    def run(self, scenario: Scenario) -> ScenarioResult:
        """Run one scenario already read (see `read_scenario_file`)."""
        executor = self.executor_for(scenario.file)
        if isinstance(executor, list):
            return ScenarioResult(scenario.name, scenario.location, errors=tuple(executor))
        return run_scenario(scenario, executor)


def run_paths(paths: Iterable[str | Path], *, specs: str | Path | None = None,
              calendar: Calendar | None = None) -> RunReport:
    """Run every scenario file named or found below `paths`."""
    runner = ScenarioRunner(specs, calendar)
    return RunReport([runner.run_file(path) for path in find_scenario_files(paths)])
