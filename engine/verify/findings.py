"""What the verdicts of a regulation make of findings: late paths, paths that cannot be
timed or verified, channels over the verifier's budget, and the acknowledgements of the
regulation that accept some of them (or are stale).

`engine.verify.checker` collects these for every pair of a regulation and a version of its
standard; `verdict_findings` and `over_budget` depend on the pair alone (and are kept with
its verdicts by the cache), `acknowledge` on every pair of the regulation together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from engine.process import paths as path_search
from engine.process.compile import CompiledRegulation
from engine.spec.duration import Duration
from engine.spec.errors import SpecError
from engine.spec.model import Acknowledgement, Regulation
from engine.verify.verdict import Verdict

__all__ = ["Finding", "acknowledge", "over_budget", "verdict_findings"]

#: A finding with its channel, the last steps of the paths it is about, and its overrun.
Finding = tuple[SpecError, str, frozenset[str], Duration | None]


def acknowledge(regulation: Regulation, findings: list[Finding]) -> list[SpecError]:
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


def verdict_findings(verdicts: list[Verdict], regulation: Regulation) -> list[Finding]:
    """Late paths one by one (an error when late under every reading checked, a warning when
    it depends on the reading); paths that cannot be timed, one warning per channel; paths
    the calendar cannot verify, one error per channel.

    Each finding comes with its channel, the last steps of the paths it is about, and how
    late it is.
    """
    findings: list[Finding] = []
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


def over_budget(compiled: CompiledRegulation) -> list[SpecError]:
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
