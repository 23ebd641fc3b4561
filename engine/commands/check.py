"""`reglament check`: load and check specs, report findings, return an exit code."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from engine.corpus import CorpusResult, check_paths
from engine.errors import SpecError

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "report_json", "report_text", "run_check"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def report_text(result: CorpusResult, out: TextIO) -> None:
    """A human report grouped by file, one located message per line."""
    by_file: dict[str, list[SpecError]] = {}
    for error in result.errors:
        by_file.setdefault(error.location.path, []).append(error)
    for path in sorted(by_file):
        out.write(f"{path}\n")
        for error in by_file[path]:
            out.write(f"  {error}\n")
    errors = sum(1 for e in result.errors if e.severity == "error")
    warnings = len(result.errors) - errors
    corpus = result.corpus
    out.write(f"{len(result.files)} file(s): {len(corpus.standards)} standard(s), "
              f"{len(corpus.regulations)} regulation(s), "
              f"{sum(len(v) for v in corpus.others.values())} other; "
              f"{errors} error(s), {warnings} warning(s)\n")


def report_json(result: CorpusResult, out: TextIO) -> None:
    """A machine-readable report with sorted keys."""
    payload = {
        "files": result.files,
        "findings": [
            {
                "path": e.location.path, "line": e.location.line, "column": e.location.col,
                "breadcrumb": e.breadcrumb, "message": e.message, "code": e.code,
                "severity": e.severity,
            }
            for e in result.errors
        ],
        "ok": result.ok,
        "summary": {
            "standards": len(result.corpus.standards),
            "regulations": len(result.corpus.regulations),
            "errors": sum(1 for e in result.errors if e.severity == "error"),
            "warnings": sum(1 for e in result.errors if e.severity == "warning"),
        },
    }
    json.dump(payload, out, ensure_ascii=False, indent=2, sort_keys=True)
    out.write("\n")


def run_check(paths: Sequence[str], fmt: str, out: TextIO, err: TextIO) -> int:
    """Check the specs below `paths` and write the report; return the exit code."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        err.write(f"reglament check: no such file or directory: {', '.join(missing)}\n")
        return EXIT_USAGE
    result = check_paths(paths)
    if not result.files:
        err.write(f"reglament check: no .yaml files found in {', '.join(paths)}\n")
        return EXIT_USAGE
    if fmt == "json":
        report_json(result, out)
    else:
        report_text(result, out)
    return EXIT_OK if result.ok else EXIT_FINDINGS
