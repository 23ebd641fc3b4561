"""Reports of a check for people and for CI: text, JSON, SARIF 2.1.0, JUnit XML, GitHub.

Every format is deterministic: findings sorted by file, line, column; keys sorted;
no timestamps.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Any, TextIO
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from engine.calendar import LEGAL_WEEK, Calendar
from engine.spec.errors import SpecError
from engine.support.json_text import dumps_indented
from engine.verify.checker import CheckReport
from engine.verify.worst_case import Worst

__all__ = ["FORMATS", "TOOL", "VERSION", "escape_data", "escape_property", "file_uri",
           "write_report", "xml_attribute", "xml_text"]

TOOL = "reglament"
try:
    VERSION = package_version("reglament")
except PackageNotFoundError:  # pragma: no cover - a checkout never installed
    VERSION = "0+unknown"
#: The SGR colours of the text report on a terminal: errors red, warnings yellow.
_COLOURS = {"error": "31", "warning": "33"}
_RULES = {
    "deadline": "A path of a channel takes longer than the standard's term.",
    "depends": "A path fits its term under one reading of its steps' day limits and exceeds it "
               "under the other.",
    "calendar": "A path cannot be verified: the calendar lacks the years its specs are in force.",
    "unverifiable": "A path cannot be verified: a step has no time limit.",
    "budget": "A channel's paths exceed the verifier's budget: none of them was verified.",
    "lookalike": "A Cyrillic word contains a Latin look-alike letter.",
    "reference": "A reference to an undefined id (actor, step, standard, schedule...).",
    "missing-translation": "A text lacks its Kazakh or Russian version.",
    "unknown-key": "A key the format does not define.",
    "schedule": "A schedule at odds with another: reception outside the working hours, a first "
                "step whose actor closes before reception does, one office with two sets of hours.",
}


def _counts(report: CheckReport) -> tuple[int, int]:
    errors = sum(1 for f in report.findings if f.severity == "error")
    warnings = sum(1 for f in report.findings if f.severity == "warning")
    return errors, warnings


def _text(report: CheckReport, out: TextIO, *, colour: bool = False) -> None:
    by_file: dict[str, list[SpecError]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.location.path, []).append(finding)
    for path in sorted(by_file):
        out.write(f"{path}\n")
        for finding in by_file[path]:
            code = _COLOURS.get(finding.severity) if colour else None
            out.write(f"  \x1b[{code}m{finding}\x1b[0m\n" if code else f"  {finding}\n")
    corpus = report.result.corpus
    errors, warnings = _counts(report)
    status = [v.status for v in report.verdicts]
    if report.verdicts and report.calendar is not None:
        out.write(f"{rules(report.calendar)}\n")
    out.write(f"{len(report.result.files)} file(s): {len(corpus.standards)} standard(s), "
              f"{len(corpus.regulations)} regulation(s); {len(status)} path(s): "
              f"{status.count('ok')} fit their term, {status.count('exceeded')} exceed it, "
              + (f"{status.count('depends')} depend on the reading of their day limits, "
                 if "depends" in status else "")
              + f"{status.count('unverifiable')} cannot be timed"
              + (f", {status.count('uncovered')} lie outside the calendar"
                 if "uncovered" in status else "")
              + f"; {errors} error(s), {warnings} warning(s), "
              f"{sum(1 for f in report.findings if f.severity == 'acknowledged')} acknowledged\n")


def rules(calendar: Calendar) -> str:
    """The calendar and the counting rules every verdict of a check rests on, in one line."""
    first, last = calendar.years
    provisional = sorted(calendar.provisional_years())
    note = (f", {', '.join(map(str, provisional))} provisional (no transfer order yet)"
            if provisional else "")
    return (f"verified on the calendar {calendar.data.id} ({first}-{last}{note}; "
            f"{calendar.timezone}): a term in days counts the working days of the "
            f"{LEGAL_WEEK.replace('_', '-')} week of the production calendar unless its standard "
            "names another; a step limited in working days is checked under the civil and the "
            "elapsed reading unless its regulation fixes one (docs/calendar.md)")


def _finding_json(finding: SpecError) -> dict[str, Any]:
    return {"path": finding.location.path, "line": finding.location.line,
            "column": finding.location.col, "breadcrumb": finding.breadcrumb,
            "message": finding.message, "code": finding.code, "severity": finding.severity}


def _json(report: CheckReport, out: TextIO) -> None:
    errors, warnings = _counts(report)
    payload = {
        "files": report.result.files,
        "findings": [_finding_json(f) for f in report.findings],
        "ok": errors == 0,
        "paths": [
            {"regulation": v.regulation, "channel": v.channel, "path": list(v.path.steps),
             "outcomes": list(v.path.outcomes), "ending": v.path.ending, "term": str(v.term),
             "status": v.status, "plain_sum": v.plain_sum, "reason": v.reason or None,
             "reading": v.reading, "term_week": v.term_week or None,
             "step_weeks": list(v.step_weeks), "assumptions": list(v.assumptions),
             "overrun": None if v.overrun is None else str(v.overrun),
             "worst": _worst_json(v.worst), "elapsed_worst": _worst_json(v.elapsed_worst)}
            for v in report.verdicts
        ],
        "calendar": None if report.calendar is None else {
            "id": report.calendar.data.id, "years": list(report.calendar.years),
            "provisional": sorted(report.calendar.provisional_years()),
            "timezone": report.calendar.timezone, "term_week": LEGAL_WEEK,
            "rules": rules(report.calendar)},
        "summary": {"standards": len(report.result.corpus.standards),
                    "regulations": len(report.result.corpus.regulations),
                    "errors": errors, "warnings": warnings},
    }
    out.write(dumps_indented(payload))
    out.write("\n")


def _worst_json(worst: Worst | None) -> dict[str, str] | None:
    if worst is None:
        return None
    return {"received": worst.received.isoformat(), "steps_end": worst.steps_end.isoformat(),
            "term_end": worst.term_end.isoformat(), "takes": worst.takes}


def file_uri(path: str) -> str:
    """A file path as the relative URI reference SARIF requires (`specs/%D0%B0.yaml`)."""
    return quote(path.replace("\\", "/"))


def _sarif(report: CheckReport, out: TextIO) -> None:
    codes = sorted({f.code for f in report.findings})
    results: list[dict[str, Any]] = [{
        "ruleId": f.code,
        "level": {"error": "error", "warning": "warning"}.get(f.severity, "note"),
        "message": {"text": f"{f.breadcrumb}: {f.message}" if f.breadcrumb else f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": file_uri(f.location.path)},
            "region": {"startLine": max(f.location.line, 1),
                       "startColumn": max(f.location.col, 1)}}}],
    } for f in report.findings]
    for result, finding in zip(results, report.findings, strict=True):
        if finding.severity == "acknowledged":
            # SARIF's own word for a finding accepted in the source: code scanning shows
            # it as suppressed instead of as an open alert.
            why = re.split(r" \[acknowledged(?: up to [^:\]]+)?: ", finding.message)[-1]
            result["suppressions"] = [{"kind": "inSource",
                                       "justification": why.removesuffix("]") or "acknowledged"}]
    payload = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL, "version": VERSION,
                "informationUri": "https://reglament.kz",
                "rules": [{"id": code, "shortDescription": {"text": _RULES.get(code, code)}}
                          for code in codes],
            }},
            "results": results,
        }],
    }
    out.write(dumps_indented(payload))
    out.write("\n")


#: Characters XML 1.0 does not allow (C0 controls but tab, newline, carriage return; the
#: surrogates; U+FFFE/U+FFFF), e.g. from a double-quoted YAML key "a\x0b".
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Control characters a workflow command or a terminal would act on.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")


def _visible(pattern: re.Pattern[str], text: str) -> str:
    """`text` with each character `pattern` matches written as a `\\xNN` escape."""
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def xml_text(text: str) -> str:
    return escape(_visible(_NOT_XML, text))


def xml_attribute(text: str) -> str:
    return quoteattr(_visible(_NOT_XML, text))


def _junit(report: CheckReport, out: TextIO, *, strict: bool = False) -> None:
    """One test case per checked file; a file with errors has one `<failure>` listing them all.

    Warnings and acknowledged findings go to the case's `<system-out>`, after the failure
    (the order the JUnit schema requires); the counts are of cases, never of findings.
    With `strict` (`--strict`, where warnings fail the run) warnings are failures too.
    """
    failing = {"error", "warning"} if strict else {"error"}
    by_file: dict[str, list[SpecError]] = {path: [] for path in report.result.files}
    for finding in report.findings:
        by_file.setdefault(finding.location.path, []).append(finding)
    failed = sum(1 for fs in by_file.values() if any(f.severity in failing for f in fs))
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuites name="reglament check" tests="{len(by_file)}" failures="{failed}">\n')
    out.write(f'  <testsuite name="specs" tests="{len(by_file)}" failures="{failed}">\n')
    for path in sorted(by_file):
        findings = by_file[path]
        errors = [f for f in findings if f.severity in failing]
        others = [f for f in findings if f.severity not in failing]
        out.write(f"    <testcase classname={quoteattr('specs')} name={xml_attribute(path)}>\n")
        if errors:
            noun = "errors" if all(f.severity == "error" for f in errors) else "findings"
            summary = errors[0].message if len(errors) == 1 else f"{len(errors)} {noun}"
            body = "\n".join(str(f) for f in errors)
            out.write(f"      <failure type={xml_attribute(errors[0].code)} "
                      f"message={xml_attribute(summary[:200])}>{xml_text(body)}</failure>\n")
        if others:
            body = "\n".join(str(f) for f in others)
            out.write(f"      <system-out>{xml_text(body)}</system-out>\n")
        out.write("    </testcase>\n")
    out.write("  </testsuite>\n</testsuites>\n")


def escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _visible(_CONTROL, escaped)


def escape_property(text: str) -> str:
    """A workflow command's property value: `,` and `:` would end it early."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(report: CheckReport, out: TextIO) -> None:
    for f in report.findings:
        level = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
        message = escape_data(f"{f.breadcrumb}: {f.message}" if f.breadcrumb else f.message)
        out.write(f"::{level} file={escape_property(f.location.path)},"
                  f"line={max(f.location.line, 1)},col={max(f.location.col, 1)},"
                  f"title={escape_property(f'reglament {f.code}')}::{message}\n")
    errors, warnings = _counts(report)
    out.write(f"reglament: {errors} error(s), {warnings} warning(s)\n")


FORMATS: dict[str, Callable[[CheckReport, TextIO], None]] = {
    "text": _text, "json": _json, "sarif": _sarif, "junit": _junit, "github": _github,
}


def write_report(report: CheckReport, fmt: str, out: TextIO, *, strict: bool = False,
                 colour: bool = False) -> None:
    """Write the report in one of `FORMATS`; `strict` makes JUnit fail warnings, as the run does;
    `colour` paints the text report's errors red and warnings yellow (for a terminal)."""
    if fmt == "text":
        _text(report, out, colour=colour)
        return
    if fmt == "junit":
        _junit(report, out, strict=strict)
        return
    FORMATS[fmt](report, out)
