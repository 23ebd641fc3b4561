"""`check --explain`: the critical path of each channel and its worst-case timeline, in
every format the check's report has.

`explain(report, spec)` picks the verdicts of a regulation (by id or file) or of every
regulation of a service (by the standard's id) and gives, per regulation and channel, the
path with the least margin (`Explanation`). `write_explanation` writes them as text for
people, JSON for scripts, SARIF results, JUnit test cases or GitHub annotations (notices; a
late path is an error). The margin is told as everywhere (`engine.calendar.margins`): in
words in the term's unit; JSON keeps the number (`margin_minutes`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from engine.calendar import Calendar
from engine.calendar.margins import margin_words
from engine.corpus import Corpus
from engine.support.json_text import dumps_indented
from engine.verify.checker import CheckReport
from engine.verify.reports import (
    TOOL,
    VERSION,
    escape_data,
    escape_property,
    file_uri,
    xml_attribute,
    xml_text,
)
from engine.verify.verdict import Verdict

__all__ = ["EXPLAIN_FORMATS", "Explanation", "explain", "write_explanation"]

_SHOWN = "YYYY-MM-DD ddd HH:mm"


@dataclass(frozen=True)
class Explanation:
    """One channel of one regulation: its critical path (None when no path can be timed),
    the margin of its worst case in words and in working minutes, and all its verdicts."""

    regulation: str
    channel: str
    verdicts: tuple[Verdict, ...]
    critical: Verdict | None
    margin: str = ""
    margin_minutes: int | None = None

    @property
    def late(self) -> bool:
        return self.critical is not None and self.critical.overrun is not None


def explain(report: CheckReport, spec: str) -> list[Explanation] | None:
    """The explanations of `spec`: a regulation id or file, or a service (standard) id whose
    regulations are all explained. None when no verified regulation matches."""
    corpus = report.result.corpus
    of_service = {r.id for r in corpus.regulations if r.standard == spec}
    chosen = [v for v in report.verdicts
              if v.regulation == spec or v.regulation in of_service
              or Path(v.location.path) == Path(spec)]
    if not chosen:
        return None
    groups: dict[tuple[str, str], list[Verdict]] = {}
    for verdict in chosen:
        groups.setdefault((verdict.regulation, verdict.channel), []).append(verdict)
    return [_explanation(report, corpus, key, verdicts)
            for key, verdicts in sorted(groups.items())]


def _explanation(report: CheckReport, corpus: Corpus, key: tuple[str, str],
                 verdicts: list[Verdict]) -> Explanation:
    timed = [v for v in verdicts if v.worst is not None]
    if not timed:
        return Explanation(*key, tuple(verdicts), None)
    critical = min(timed, key=lambda v: v.worst.margin if v.worst else 0)
    worst = critical.worst
    assert worst is not None
    assert report.calendar is not None
    calendar = report.calendar
    schedule = _term_schedule(calendar, corpus, critical)
    finished, due = worst.steps_end, worst.term_end
    late = finished > due
    minutes = calendar.elapsed(*((due, finished) if late else (finished, due)),
                               schedule).working_minutes
    words = margin_words(calendar, finished, due, schedule, critical.term.unit)
    return Explanation(*key, tuple(verdicts), critical, words, -minutes if late else minutes)


def _term_schedule(calendar: Calendar, corpus: Corpus, verdict: Verdict) -> str:
    """The schedule the verdict's term counts on (the channel's, or the legal week)."""
    for regulation in corpus.regulation_versions(verdict.regulation):
        for standard in reversed(corpus.standard_versions(regulation.standard)):
            channel = standard.channels.get(verdict.channel)
            if channel is not None:
                return calendar.term_schedule(channel.schedule, verdict.term,
                                              verdict.term_week or None)
    return calendar.term_schedule(verdict.channel, verdict.term, verdict.term_week or None)


def _lines(item: Explanation) -> list[str]:
    """An explanation as the text report prints it."""
    if item.critical is None:
        return [f"{item.channel}: no path can be timed",
                *(f"  {verdict.message()}" for verdict in item.verdicts)]
    critical = item.critical
    worst = critical.worst
    assert worst is not None
    lines = [f"{item.channel}: critical path {critical.path.describe()} "
             f"({critical.status}; term {critical.term}, takes up to {worst.takes})"]
    step_width = max([len("term ends"), *(len(e.step) for e in worst.timeline)]) + 2
    actor_width = max([0, *(len(e.actor) for e in worst.timeline)]) + 2
    lines.append(f"  {'received':<{step_width + actor_width + 8}}  {worst.received.format(_SHOWN)}")
    lines.extend(f"  {entry.step:<{step_width}}{entry.actor:<{actor_width}}"
                 f"{entry.duration!s:>8}  {entry.start.format(_SHOWN)} → "
                 f"{entry.end.format(_SHOWN)}" for entry in worst.timeline)
    reading = " under the civil reading" if critical.status == "depends" else ""
    lines.append(f"  {'term ends':<{step_width + actor_width + 8}}  "
                 f"{worst.term_end.format(_SHOWN)}  ({item.margin}{reading})")
    if critical.status == "depends" and critical.elapsed_worst is not None:
        fits = critical.elapsed_worst
        lines.append(f"  under the elapsed reading it fits: tightest receipt "
                     f"{fits.received.format(_SHOWN)}, steps end {fits.steps_end.format(_SHOWN)}, "
                     f"term ends {fits.term_end.format(_SHOWN)}")
    lines.extend(f"  {note}" for note in critical.assumptions)
    return lines


def _text(items: list[Explanation], out: TextIO) -> None:
    regulations = {item.regulation for item in items}
    for item in items:
        head = f"{item.regulation} " if len(regulations) > 1 else ""
        lines = _lines(item)
        out.write(f"{head}{lines[0]}\n")
        out.writelines(f"{line}\n" for line in lines[1:])


def _json(items: list[Explanation], out: TextIO) -> None:
    payload = {"explain": [_item_json(item) for item in items]}
    out.write(dumps_indented(payload))
    out.write("\n")


def _item_json(item: Explanation) -> dict[str, Any]:
    critical = item.critical
    data: dict[str, Any] = {"regulation": item.regulation, "channel": item.channel,
                            "file": item.verdicts[0].location.path, "critical": None,
                            "untimed": [v.message() for v in item.verdicts]
                            if critical is None else []}
    if critical is None or critical.worst is None:
        return data
    worst = critical.worst
    data["critical"] = {
        "path": list(critical.path.steps), "outcomes": list(critical.path.outcomes),
        "ending": critical.path.ending, "status": critical.status, "term": str(critical.term),
        "takes": worst.takes, "received": worst.received.isoformat(),
        "steps_end": worst.steps_end.isoformat(), "term_end": worst.term_end.isoformat(),
        "margin_minutes": item.margin_minutes,
        "overrun": None if critical.overrun is None else str(critical.overrun),
        "timeline": [{"step": e.step, "actor": e.actor, "duration": str(e.duration),
                      "start": e.start.isoformat(), "end": e.end.isoformat()}
                     for e in worst.timeline],
        "assumptions": list(critical.assumptions)}
    return data


def _title(item: Explanation) -> str:
    return f"{item.regulation} {item.channel}"


def _sarif(items: list[Explanation], out: TextIO) -> None:
    results = [{
        "ruleId": "explain", "level": "error" if item.late else "note",
        "message": {"text": "\n".join(_lines(item))},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": file_uri(item.verdicts[0].location.path)},
            "region": {"startLine": max(item.verdicts[0].location.line, 1),
                       "startColumn": max(item.verdicts[0].location.col, 1)}}}],
    } for item in items]
    payload = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
               "runs": [{"tool": {"driver": {
                   "name": TOOL, "version": VERSION, "informationUri": "https://reglament.kz",
                   "rules": [{"id": "explain", "shortDescription": {
                       "text": "The critical path of a channel on its worst-case receipt."}}]}},
                   "results": results}]}
    out.write(dumps_indented(payload))
    out.write("\n")


def _junit(items: list[Explanation], out: TextIO) -> None:
    failed = sum(1 for item in items if item.late)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuites name="reglament explain" tests="{len(items)}" failures="{failed}">\n')
    out.write(f'  <testsuite name="explain" tests="{len(items)}" failures="{failed}">\n')
    for item in items:
        body = xml_text("\n".join(_lines(item)))
        out.write(f"    <testcase classname={quoteattr(item.regulation)} "
                  f"name={xml_attribute(item.channel)}>\n")
        if item.late:
            out.write(f'      <failure type="deadline" message={xml_attribute(item.margin)}>'
                      f"{body}</failure>\n")
        else:
            out.write(f"      <system-out>{body}</system-out>\n")
        out.write("    </testcase>\n")
    out.write("  </testsuite>\n</testsuites>\n")


def _github(items: list[Explanation], out: TextIO) -> None:
    for item in items:
        where = item.verdicts[0].location
        level = "error" if item.late else "notice"
        out.write(f"::{level} file={escape_property(where.path)},line={max(where.line, 1)},"
                  f"col={max(where.col, 1)},"
                  f"title={escape_property(f'reglament explain {_title(item)}')}::"
                  f"{escape_data(chr(10).join(_lines(item)))}\n")


EXPLAIN_FORMATS: dict[str, Callable[[list[Explanation], TextIO], None]] = {
    "text": _text, "json": _json, "sarif": _sarif, "junit": _junit, "github": _github,
}


def write_explanation(items: list[Explanation], fmt: str, out: TextIO) -> None:
    """Write the explanations in one of the check's formats (`EXPLAIN_FORMATS`)."""
    EXPLAIN_FORMATS[fmt](items, out)
