"""`reglament check`: load, compile and verify specs; report; return an exit code.

A file given (not a directory) is checked with the other specs of its spec root
(`engine.corpus.spec_root`: the nearest directory above it holding a `.reglament-root` file or
named `specs`), and the report keeps what concerns the files given (`engine.verify.focus`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from commands.style import progress, use_colour
from engine.corpus import iter_spec_files, spec_root
from engine.spec import did_you_mean
from engine.support import CACHE_DIR
from engine.support.pickle_store import one_run
from engine.verify import FORMATS, CheckReport, check_corpus, explain, write_explanation, write_report
from engine.verify.focus import focus_report
from engine.verify.run_cache import RunCache

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "cache_dir_problem", "run_check",
           "with_spec_roots"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def _explainable(report: CheckReport, spec: str) -> str:
    """A hint naming what `--explain` could be given: a regulation id or a service id."""
    verified = {v.regulation for v in report.verdicts}
    services = {r.standard for r in report.result.corpus.regulations if r.id in verified}
    if not verified:
        return "no regulation among the checked specs could be verified; give a regulation id, " \
               "a regulation file or a service id"
    return did_you_mean(spec, verified | services)


def cache_dir_problem(cache_dir: str) -> str | None:
    """Why `cache_dir` cannot hold the cache, in one line with a hint, or None when it can.

    An empty path would put the cache in the working directory, and a path at or below a
    file would leave every entry unwritten without a word: both are refused.
    """
    hint = f"(hint: give a directory to keep the cache in, e.g. --cache-dir {CACHE_DIR})"
    if not cache_dir.strip():
        return f"--cache-dir {cache_dir!r} names no directory {hint}"
    probe = Path(cache_dir)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        noun = "a file" if probe.is_file() else "a device, pipe or socket"
        if probe == Path(cache_dir):
            return f"--cache-dir {cache_dir!r} is {noun}, not a directory {hint}"
        return (f"--cache-dir {cache_dir!r} lies below {str(probe)!r}, which is {noun}, "
                f"not a directory {hint}")
    return None


def with_spec_roots(paths: Sequence[str]) -> tuple[list[str], list[str] | None]:
    """What to read for `paths`, and the files to report on (None: all that is read).

    Each file given in a spec root is read with the whole root; a directory inside a root
    read anyway is not read twice; a file in no root is read alone.
    """
    files = [p for p in paths if not Path(p).is_dir()]
    roots = {f: spec_root(f) for f in files}
    if not any(roots.values()):
        return list(paths), None
    whole = list(dict.fromkeys(str(r) for r in roots.values() if r is not None))
    inside = [Path(r).resolve() for r in whole]
    read = [*whole]
    for path in paths:
        if roots.get(path) is None and not any(Path(path).resolve().is_relative_to(r) for r in inside):
            read.append(path)
    named = [*files, *(str(f) for f in iter_spec_files([p for p in paths if Path(p).is_dir()]))]
    return read, named


def run_check(paths: Sequence[str], fmt: str, out: TextIO, err: TextIO, *,
              strict: bool = False, explain_spec: str | None = None, jobs: int = 0,
              cache_dir: str | None = None) -> int:
    """Check the specs below `paths` and write the report; return the exit code.

    `jobs` processes verify the regulations (0: one per usable core). With a `cache_dir`, a
    run on the very same files and options writes the report kept by the run before
    (`engine.verify.run_cache`); otherwise files as read and each pair's findings and
    verdicts are taken from it where their bytes are unchanged, and kept for the next run.
    """
    if fmt not in FORMATS:
        err.write(f"reglament check: unknown format {fmt!r} (choose {', '.join(FORMATS)})\n")
        return EXIT_USAGE
    if jobs < 0:
        err.write(f"reglament check: --jobs must be 0 (one per core) or more, got {jobs}\n")
        return EXIT_USAGE
    if cache_dir is not None:
        problem = cache_dir_problem(cache_dir)
        if problem is not None:
            err.write(f"reglament check: {problem}\n")
            return EXIT_USAGE
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        err.write(f"reglament check: no such file or directory: {', '.join(missing)}\n")
        return EXIT_USAGE
    with one_run():
        return _run_check(paths, fmt, out, err, strict=strict, explain_spec=explain_spec,
                          jobs=jobs, cache_dir=cache_dir)


def _run_check(paths: Sequence[str], fmt: str, out: TextIO, err: TextIO, *, strict: bool,
               explain_spec: str | None, jobs: int, cache_dir: str | None) -> int:
    """`run_check` once the arguments are known to be sound."""
    read, named = with_spec_roots(paths)
    colour = use_colour(out)
    runs = RunCache(cache_dir) if cache_dir is not None else None
    key = runs.key(read, [*paths, fmt, strict, explain_spec, colour, named]) \
        if runs is not None else None
    if runs is not None and key is not None:
        found = runs.get(key)
        if found is not None:  # the very same files and options as a run before
            out.write(found[1])
            return found[0]
    written = io.StringIO() if key is not None else out
    code = _check_and_report(paths, read, named, fmt, written, err, strict=strict,
                             explain_spec=explain_spec, jobs=jobs, cache_dir=cache_dir,
                             colour=colour)
    if runs is not None and key is not None and isinstance(written, io.StringIO):
        text = written.getvalue()
        if code != EXIT_USAGE:
            runs.put(key, code, text)
        out.write(text)
    return code


def _check_and_report(paths: Sequence[str], read: list[str], named: list[str] | None,
                      fmt: str, out: TextIO, err: TextIO, *, strict: bool,
                      explain_spec: str | None, jobs: int, cache_dir: str | None,
                      colour: bool) -> int:
    """Check what `with_spec_roots` said to read, write the report; return the exit code."""
    with progress(f"reglament check {' '.join(paths)}", err):
        report = check_corpus(read, jobs=jobs, cache_dir=cache_dir, focus=named)
    if report.result.corpus.others.get("audit_map") and report.result.corpus.standards:
        # mapping files held to the specs read with them, as `reglament audit` holds them;
        # imported only then (the audit's modules bring pyarrow, a cost `check` does not pay)
        from engine.audit.mapping_checks import mapping_file_errors
        report.findings = sorted({*report.findings,
                                  *mapping_file_errors(report.result.files, report.result.corpus)})
    if named is not None:
        report = focus_report(report, named)
    if not report.result.files:
        err.write(f"reglament check: no .yaml files found in {', '.join(paths)}\n")
        return EXIT_USAGE
    if explain_spec is not None:
        explained = explain(report, explain_spec)
        if explained is None:
            err.write(f"reglament check: --explain: no verified regulation or service "
                      f"{explain_spec!r} among the checked specs (hint: "
                      f"{_explainable(report, explain_spec)})\n")
            return EXIT_USAGE
        write_explanation(explained, fmt, out)
    else:
        write_report(report, fmt, out, strict=strict, colour=colour)
    return EXIT_FINDINGS if report.failed(strict=strict) else EXIT_OK
