"""`reglament test`: run scenario files; report each mismatch; return an exit code."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from engine.scenarios import RunReport, ScenarioResult, find_scenario_files, run_paths
from engine.spec import SpecError
from engine.support.json_text import dumps_indented

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "FORMATS", "run_test"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
FORMATS = ("text", "json")
_MARK = {"passed": "passed", "failed": "FAILED", "error": "ERROR "}


def run_test(paths: Sequence[str], fmt: str, out: TextIO, err: TextIO, *,
             specs: str | None = None) -> int:
    """Run the scenarios below `paths` and write the report; return the exit code.

    0 when every scenario passed, 1 on any mismatch or scenario that could not run,
    2 on usage errors (unknown format, missing path, no scenario file found).
    """
    if fmt not in FORMATS:
        err.write(f"reglament test: unknown format {fmt!r} (choose {', '.join(FORMATS)})\n")
        return EXIT_USAGE
    missing = [p for p in [*paths, *([specs] if specs else [])] if not Path(p).exists()]
    if missing:
        err.write(f"reglament test: no such file or directory: {', '.join(missing)}\n")
        return EXIT_USAGE
    if specs is not None and not Path(specs).is_dir():
        err.write(f"reglament test: --specs must be a directory of specs, got {specs}\n")
        return EXIT_USAGE
    if not any(True for _ in find_scenario_files(paths)):
        err.write(f"reglament test: no scenario files in {', '.join(paths)} (hint: scenario "
                  "files are the .yaml files in a directory named scenarios/)\n")
        return EXIT_USAGE
    started = time.perf_counter()
    report = run_paths(paths, specs=specs)
    seconds = time.perf_counter() - started
    if fmt == "json":
        out.write(dumps_indented(_json(report)))
        out.write("\n")
    else:
        _text(report, seconds, out)
    return EXIT_OK if report.ok else EXIT_FAILED


def _text(report: RunReport, seconds: float, out: TextIO) -> None:
    for file in report.files:
        out.write(f"{file.path}\n")
        for error in file.errors:
            out.write(f"  ERROR   {error}\n")
        for result in file.results:
            out.write(f"  {_MARK[result.status]}  {result.name}\n")
            for line in result.report().splitlines():
                out.write(f"    {line}\n")
    counts = report.counts()
    total = len(report.results)
    broken = sum(1 for f in report.files if f.errors)
    files = f"{len(report.files)} file(s)" + (f", {broken} not run" if broken else "")
    out.write(f"{total} scenario(s) in {files}: {counts['passed']} passed, "
              f"{counts['failed']} failed, {counts['error']} error(s) ({seconds:.1f} s)\n")


def _error(error: SpecError) -> dict[str, Any]:
    return {"location": str(error.location), "path": error.location.path,
            "line": error.location.line, "col": error.location.col,
            "breadcrumb": error.breadcrumb, "message": error.message}


def _result(result: ScenarioResult) -> dict[str, Any]:
    return {
        "name": result.name, "status": result.status, "line": result.location.line,
        "errors": [_error(e) for e in result.errors],
        "mismatches": [{"location": str(m.location), "line": m.location.line,
                        "col": m.location.col, "key": m.key, "expected": m.expected,
                        "actual": m.actual} for m in result.mismatches],
    }


def _json(report: RunReport) -> dict[str, Any]:
    return {
        "files": [{"path": f.path, "errors": [_error(e) for e in f.errors],
                   "scenarios": [_result(r) for r in f.results]} for f in report.files],
        "summary": {**report.counts(), "scenarios": len(report.results),
                    "files": len(report.files)},
    }
