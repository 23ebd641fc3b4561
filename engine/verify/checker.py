"""The whole check of a corpus: load, resolve schedules, compile, verify.

`check_corpus` is what `reglament check` runs: every finding is a located
`SpecError` (loader, structure, deadline), and the verdicts of every path are
kept for `--explain` and machine-readable reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from engine.calendar import Calendar, CalendarError, calendar_source, default_calendar
from engine.calendar.authored import with_schedules
from engine.calendar.spec import build_calendar_data
from engine.corpus.lookup import CorpusResult
from engine.corpus.reading import check_paths
from engine.process import paths as path_search
from engine.process.compile import CompiledRegulation, compile_regulation
from engine.process.counter import check_counter_time
from engine.process.structure import check_structure
from engine.spec.duration import Duration
from engine.spec.errors import Location, SpecError, SpecErrors
from engine.spec.loader import read_document
from engine.spec.model import Acknowledgement, Regulation
from engine.verify.cache import VerdictCache
from engine.verify.horizon import calendar_end_warnings
from engine.verify.parallel import verify_all
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
    compiled: list[CompiledRegulation] = field(default_factory=list)
    #: The verdict cache the check used (with its hits and misses), if any.
    cache: VerdictCache | None = None
    #: The calendar the paths were verified on (None when it could not be read).
    calendar: Calendar | None = None

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
                 cache_dir: str | Path | None = None) -> CheckReport:
    """Load, compile and verify every spec below `paths`.

    Files are read and regulations verified on up to `jobs` processes (0: one per usable
    core); with a `cache_dir`, the verdicts of regulations verified before on the same
    files, calendar and engine are taken from it (`engine.support.pickle_store`). The report is
    the same either way.
    """
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
    timed: list[CompiledRegulation] = []
    for regulation in corpus.regulations:
        # Each version of the standard in force during the regulation is a pair of its own,
        # verified on the days both are in force: a term changed by a later version of the
        # standard is held against the same steps from the day it applies.
        for standard in corpus.standards_during(regulation):
            if {standard.path, regulation.path} & unscheduled:
                continue  # reported above
            compiled = compile_regulation(regulation, standard)
            report.compiled.append(compiled)
            # Undefined references are the corpus check's, located at the value itself.
            structural = [f for graph in compiled.graphs.values()
                          for f in check_structure(graph) if f.code != "reference"]
            report.findings.extend(structural)
            if structural:
                continue
            for graph in compiled.graphs.values():
                report.findings.extend(check_counter_time(graph))
            timed.append(compiled)
    cache = None
    if cache_dir is not None and calendar_file is not None:
        cache = VerdictCache(cache_dir, calendar_file,
                             [s.path for s in corpus.schedule_sets])
    report.cache = cache
    # The verdicts of one regulation against every version of its standard are
    # acknowledged together: an acknowledgement is stale only when no pair needs it.
    by_regulation: dict[int, tuple[Regulation, list[_Finding]]] = {}
    for compiled, verdicts in zip(timed, verify_all(timed, calendar, jobs, cache), strict=True):
        regulation = compiled.regulation
        report.verdicts.extend(verdicts)
        entry = by_regulation.setdefault(id(regulation), (regulation, []))
        entry[1].extend(_verdict_findings(verdicts, regulation))
        report.findings.extend(_over_budget(compiled))
    for regulation, findings in by_regulation.values():
        report.findings.extend(_acknowledge(regulation, findings))
    report.findings = sorted(set(report.findings))
    return report


#: A finding with its channel, the last steps of the paths it is about, and its overrun.
_Finding = tuple[SpecError, str, frozenset[str], Duration | None]


def _acknowledge(regulation: Regulation, findings: list[_Finding]) -> list[SpecError]:
    """Mark findings the regulation acknowledges; report acknowledgements matching none.

    A finding comes with the last steps of the paths it is about; an acknowledgement with
    a `path_end` matches when that step is one of them. Every acknowledgement matching a
    finding counts as used (the first one's reason is shown). A late path is acknowledged
    only up to the overrun the acknowledgement `accepts`: a worse one is reported again.
    """
    out = []
    used: set[int] = set()
    for finding, channel, path_ends, overrun in findings:
        matches = [i for i, a in enumerate(regulation.acknowledgements)
                   if a.check == finding.code and a.channel == channel
                   and (a.path_end is None or a.path_end in path_ends)]
        if not matches:
            out.append(finding)
            continue
        used.update(matches)
        ack = regulation.acknowledgements[matches[0]]
        refused = _beyond(ack, overrun)
        if refused:
            out.append(replace(finding, message=f"{finding.message} [{refused}]"))
            continue
        out.append(replace(finding, severity="acknowledged",
                           message=f"{finding.message} [acknowledged"
                                   f"{f' up to {ack.accepts}' if ack.accepts else ''}: "
                                   f"{ack.reason}; tracked in {ack.reference}]"))
    for index, ack in enumerate(regulation.acknowledgements):
        if index not in used:
            scope = f" ending at {ack.path_end}" if ack.path_end else ""
            out.append(SpecError(ack.location, f"acknowledgements[{index}]",
                                 f"stale acknowledgement: no {ack.check} finding on channel "
                                 f'"{ack.channel}"{scope} any more (hint: remove it; the '
                                 "regulation now passes this check)", "stale-acknowledgement",
                                 "warning"))
    return out


def _beyond(ack: Acknowledgement, overrun: Duration | None) -> str:
    """Why an acknowledgement does not cover a late path's overrun ("" when it does)."""
    if overrun is None or ack.check not in ("deadline", "depends"):
        return ""
    if ack.accepts is None:
        return (f"not acknowledged: the acknowledgement at line {ack.location.line} does not "
                f"state the overrun it accepts (hint: add `accepts: {overrun}` if this overrun "
                "is the one accepted)")
    if ack.accepts.unit != overrun.unit:
        return (f"not acknowledged: the acknowledgement accepts {ack.accepts}, the term counts "
                f"in {overrun.unit} (hint: state the accepted overrun in {overrun.unit})")
    if overrun.amount > ack.accepts.amount:
        return (f"not acknowledged: late by {overrun}, more than the {ack.accepts} the "
                f"acknowledgement at line {ack.location.line} accepts")
    return ""


def _path_ends(verdicts: Iterable[Verdict]) -> frozenset[str]:
    return frozenset(v.path.steps[-1] for v in verdicts if v.path.steps)


def _verdict_findings(verdicts: list[Verdict], regulation: Regulation) -> list[_Finding]:
    """Late paths one by one (an error when late under every reading checked, a warning when
    it depends on the reading); paths that cannot be timed, one warning per channel; paths
    the calendar cannot verify, one error per channel.

    Each finding comes with its channel, the last steps of the paths it is about, and how
    late it is.
    """
    findings: list[_Finding] = []
    untimed: dict[str, list[Verdict]] = {}
    uncovered: dict[str, list[Verdict]] = {}
    for verdict in verdicts:
        crumb = f"processes.{verdict.channel}"
        if verdict.status == "exceeded":
            findings.append((SpecError(verdict.location, crumb, verdict.message(), "deadline"),
                             verdict.channel, _path_ends([verdict]), verdict.overrun))
        elif verdict.status == "depends":
            findings.append((SpecError(verdict.location, crumb, verdict.message(), "depends",
                                       "warning"), verdict.channel, _path_ends([verdict]),
                             verdict.overrun))
        elif verdict.status == "unverifiable":
            untimed.setdefault(verdict.channel, []).append(verdict)
        elif verdict.status == "uncovered":
            uncovered.setdefault(verdict.channel, []).append(verdict)
    for channel, group in uncovered.items():
        total = sum(1 for v in verdicts if v.channel == channel)
        findings.append((SpecError(group[0].location, f"processes.{channel}",
                                   f"{len(group)} of {total} path(s) cannot be verified against "
                                   f"the term {group[0].term}: {group[0].reason}", "calendar"),
                         channel, _path_ends(group), None))
    for channel, group in untimed.items():
        total = sum(1 for v in verdicts if v.channel == channel)
        steps = sorted({s for v in group for s in v.unbounded})
        reasons = sorted({v.reason for v in group if not v.unbounded})
        # Steps the author marked `unbounded:` are named with the reason they gave.
        stated = {s.id: s.unbounded for s in regulation.processes.get(channel, ())
                  if s.id in steps and s.unbounded is not None}
        missing = [s for s in steps if s not in stated]
        parts = [f"step(s) {', '.join(missing)} have no time limit in the text"] if missing else []
        parts += [f"{step} is unbounded by the text ({why})" for step, why in sorted(stated.items())]
        what = "; ".join(parts) if steps else "; ".join(reasons)
        hint = ("add the limits the text gives, or `unbounded:` with the reason"
                if missing or not steps else
                "acknowledge the finding with a reference until the text sets a limit")
        if "(hint:" not in what:
            what = f"{what} (hint: {hint})"
        findings.append((SpecError(group[0].location, f"processes.{channel}",
                                   f"{len(group)} of {total} path(s) cannot be verified against "
                                   f"the term {group[0].term}: {what}",
                                   "unverifiable", "warning"), channel, _path_ends(group), None))
    return findings


def _over_budget(compiled: CompiledRegulation) -> list[SpecError]:
    """A channel whose paths exceed the verifier's budget: an error, none of them timed."""
    findings = []
    for name, graph in compiled.graphs.items():
        why = path_search.over_budget(graph)
        if not why:
            continue
        steps = compiled.regulation.processes[name]
        returning = [o.location for s in steps for o in s.outcomes if o.max_repeats]
        location = (returning[0] if returning else steps[0].location if steps
                    else compiled.regulation.where("processes"))
        findings.append(SpecError(
            location, f"processes.{name}",
            f"the paths of this channel exceed the verifier's budget: {why}; none of them was "
            f"verified against the term (hint: lower the max_repeats of the outcomes that "
            f"return to earlier steps, or split the process; the budget is "
            f"{path_search.MAX_PATHS:,} paths and {path_search.MAX_STEP_VISITS:,} steps walked "
            'per channel, docs/authoring.md, "Limits")', "budget"))
    return findings
