"""The whole check of a corpus: load, resolve schedules, compile, verify.

`check_corpus` is what `reglament check` runs: every finding is a located
`SpecError` (loader, structure, deadline), and the verdicts of every path are
kept for `--explain` and machine-readable reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from engine.calendar import Calendar, CalendarError, calendar_source, default_calendar
from engine.calendar.authored import with_schedules
from engine.calendar.spec import build_calendar_data
from engine.corpus.lookup import CorpusResult
from engine.corpus.reading import check_paths
from engine.process.compile import CompiledRegulation, compile_regulation
from engine.spec.errors import Location, SpecError, SpecErrors
from engine.spec.loader import read_document
from engine.spec.model import Regulation
from engine.support.pickle_store import one_run
from engine.verify.cache import Pair, PairResult, VerdictCache
from engine.verify.findings import Finding, acknowledge
from engine.verify.focus import focus_scope
from engine.verify.horizon import calendar_end_warnings
from engine.verify.parallel import check_pairs
from engine.verify.proof import Verdict
from engine.verify.schedule_checks import schedule_findings
from engine.verify.waits import meeting_findings

__all__ = ["CheckReport", "check_corpus"]


@dataclass
class CheckReport:
    """Everything a check found, in a stable order."""

    result: CorpusResult
    findings: list[SpecError]
    verdicts: list[Verdict] = field(default_factory=list)
    #: Every regulation with each version of its standard in force during it, in order.
    pairs: list[Pair] = field(default_factory=list)
    #: The pairs compiled so far (a pair the cache answered is compiled when asked for).
    compiled_pairs: dict[tuple[int, int], CompiledRegulation] = field(default_factory=dict,
                                                                      repr=False)
    #: The verdict cache the check used (with its hits and misses), if any.
    cache: VerdictCache | None = None
    #: The calendar the paths were verified on (None when it could not be read).
    calendar: Calendar | None = None

    def compile_pair(self, pair: Pair) -> CompiledRegulation:
        """The pair compiled (once)."""
        key = (id(pair.regulation), id(pair.standard))
        if key not in self.compiled_pairs:
            self.compiled_pairs[key] = compile_regulation(pair.regulation, pair.standard)
        return self.compiled_pairs[key]

    @property
    def compiled(self) -> list[CompiledRegulation]:
        """Every pair, compiled."""
        return [self.compile_pair(pair) for pair in self.pairs]

    def failed(self, *, strict: bool = False) -> bool:
        """True when an error (or, with `strict`, a warning) was found."""
        return any(f.severity == "error" or (strict and f.severity == "warning")
                   for f in self.findings)


def _calendar(result: CorpusResult) -> tuple[Calendar | None, Path | None, list[SpecError]]:
    """The calendar the specs are checked on (the one among the checked files, else the
    default), the file it was read from, and its errors."""
    calendar_files = [f for f in result.files if _is_calendar(f)]
    try:
        if len(calendar_files) == 1:
            source = Path(calendar_files[0])
            base = Calendar(build_calendar_data(read_document(source)))
        else:
            base, source = default_calendar(), calendar_source()
        calendar, errors = with_schedules(base, result.corpus.schedule_sets)
        return calendar, source, errors
    except SpecErrors as errors:
        return None, None, list(errors.errors)
    except CalendarError as error:
        return None, None, [SpecError(Location(calendar_files[0] if calendar_files
                                               else "calendar"), "", str(error), "calendar")]


def _is_calendar(path: str) -> bool:
    return Path(path).parent.name == "calendars"


def check_corpus(paths: Iterable[str | Path], *, jobs: int = 1,
                 cache_dir: str | Path | None = None,
                 focus: Iterable[str | Path] | None = None) -> CheckReport:
    """Load, compile and verify every spec below `paths`.

    Files are read and regulations verified on up to `jobs` processes (0: one per usable
    core); with a `cache_dir`, the verdicts of regulations verified before on the same
    files, calendar and engine are taken from it (`engine.support.pickle_store`). The report is
    the same either way. With `focus` (files among those read), only the regulations whose
    findings concern them (`engine.verify.focus.focus_scope`) are compiled and verified: what
    `focus_report` keeps of the report is the same, for less work.
    """
    with one_run():
        return _check_corpus(paths, jobs, cache_dir, focus)


def _check_corpus(paths: Iterable[str | Path], jobs: int, cache_dir: str | Path | None,
                  focus: Iterable[str | Path] | None) -> CheckReport:
    result = check_paths(paths, jobs=jobs, cache_dir=cache_dir)
    report = CheckReport(result, list(result.errors))
    calendar, calendar_file, errors = _calendar(result)
    if calendar is None or any(e.severity == "error" for e in errors):
        report.findings.extend(e for e in errors if e not in report.findings)
        report.findings.sort()
        return report
    report.findings.extend(errors)
    report.calendar = calendar
    schedule_problems = schedule_findings(result, calendar)
    report.findings.extend(schedule_problems)
    # A spec naming a schedule the calendar lacks is reported; its paths are not timed.
    unscheduled = {f.location.path for f in schedule_problems if f.severity == "error"}
    report.findings.extend(meeting_findings(result.corpus.regulations, calendar))
    corpus = result.corpus
    report.findings.extend(calendar_end_warnings([*corpus.standards, *corpus.regulations],
                                                 calendar))
    pairs: list[Pair] = []
    scope = focus_scope(result, focus) if focus is not None else None
    for regulation in corpus.regulations:
        # Each version of the standard in force during the regulation is a pair of its own,
        # verified on the days both are in force: a term changed by a later version of the
        # standard is held against the same steps from the day it applies.
        for standard in corpus.standards_during(regulation):
            if {standard.path, regulation.path} & unscheduled:
                continue  # reported above
            if scope is not None and Path(regulation.path).resolve() not in scope:
                continue  # about other files: `focus_report` would leave it out
            pairs.append(Pair(regulation, standard))
    cache = None
    if cache_dir is not None and calendar_file is not None:
        cache = VerdictCache(cache_dir, calendar_file,
                             [s.path for s in corpus.schedule_sets])
    report.cache = cache
    report.pairs = pairs
    results = _pair_results(pairs, report, calendar, jobs, cache)
    # The verdicts of one regulation against every version of its standard are
    # acknowledged together: an acknowledgement is stale only when no pair needs it.
    by_regulation: dict[int, tuple[Regulation, list[Finding]]] = {}
    for pair, found in zip(pairs, results, strict=True):
        report.findings.extend(found.structural)
        if found.structural:
            continue
        report.findings.extend(found.counter)
        report.verdicts.extend(found.verdicts)
        entry = by_regulation.setdefault(id(pair.regulation), (pair.regulation, []))
        entry[1].extend(found.findings)
        report.findings.extend(found.budget)
    for regulation, findings in by_regulation.values():
        report.findings.extend(acknowledge(regulation, findings))
    report.findings = sorted(set(report.findings))
    return report


def _pair_results(pairs: list[Pair], report: CheckReport, calendar: Calendar, jobs: int,
                  cache: VerdictCache | None) -> list[PairResult]:
    """What each pair gives: from the cache when its files, the calendar and the engine are
    those of a run before; else compiled, checked and verified (on up to `jobs` processes,
    `check_pairs`) and kept in the cache."""
    keys = [cache.key(pair) if cache is not None else None for pair in pairs]
    results: list[PairResult | None] = [
        cache.get(key) if cache is not None and key is not None else None for key in keys]
    missing = [index for index, found in enumerate(results) if found is None]
    checked = check_pairs([pairs[index] for index in missing], calendar, jobs,
                          compile_pair=report.compile_pair)
    for index, found in zip(missing, checked, strict=True):
        results[index] = found
        key = keys[index]
        if cache is not None and key is not None:
            cache.put(key, found)
    return [found for found in results if found is not None]
