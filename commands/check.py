"""`reglament check`: load, compile and verify specs; report; return an exit code.

A file given (not a directory) is checked with the other specs of its spec root
(`engine.corpus.spec_root`: the nearest directory above it holding a `.reglament-root` file or
named `specs`), and the report keeps what concerns the files given (`engine.verify.focus`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from engine.corpus import iter_spec_files, spec_root
from engine.support import CACHE_DIR
from engine.verify import FORMATS, CheckReport, Verdict, check_corpus, write_report
from engine.verify.focus import focus_report

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "cache_dir_problem", "explain", "run_check", "with_spec_roots"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def explain(report: CheckReport, spec: str, out: TextIO) -> bool:
    """Print the critical path of each channel of `spec` and its worst-case timeline.

    `spec` is a regulation id or file path. Returns False when it is not found.
    """
    chosen = [v for v in report.verdicts
              if v.regulation == spec or Path(v.location.path) == Path(spec)]
    if not chosen:
        return False
    by_channel: dict[str, list[Verdict]] = {}
    for verdict in chosen:
        by_channel.setdefault(verdict.channel, []).append(verdict)
    for channel, verdicts in sorted(by_channel.items()):
        timed = [v for v in verdicts if v.worst is not None]
        if not timed:
            out.write(f"{channel}: no path can be timed\n")
            for verdict in verdicts:
                out.write(f"  {verdict.message()}\n")
            continue
        critical = min(timed, key=lambda v: v.worst.margin if v.worst else 0)
        worst = critical.worst
        assert worst is not None
        out.write(f"{channel}: critical path {critical.path.describe()} "
                  f"({critical.status}; term {critical.term}, takes up to {worst.takes})\n")
        step_width = max([len("term ends"), *(len(e.step) for e in worst.timeline)]) + 2
        actor_width = max([0, *(len(e.actor) for e in worst.timeline)]) + 2
        out.write(f"  {'received':<{step_width + actor_width + 8}}  "
                  f"{worst.received.format('YYYY-MM-DD ddd HH:mm')}\n")
        for entry in worst.timeline:
            out.write(f"  {entry.step:<{step_width}}{entry.actor:<{actor_width}}"
                      f"{entry.duration!s:>8}  "
                      f"{entry.start.format('YYYY-MM-DD ddd HH:mm')} → "
                      f"{entry.end.format('YYYY-MM-DD ddd HH:mm')}\n")
        out.write(f"  {'term ends':<{step_width + actor_width + 8}}  "
                  f"{worst.term_end.format('YYYY-MM-DD ddd HH:mm')}  ({_margin(critical)})\n")
        if critical.status == "depends" and critical.elapsed_worst is not None:
            fits = critical.elapsed_worst
            out.write(f"  under the elapsed reading it fits: tightest receipt "
                      f"{fits.received.format('YYYY-MM-DD ddd HH:mm')}, steps end "
                      f"{fits.steps_end.format('YYYY-MM-DD ddd HH:mm')}, term ends "
                      f"{fits.term_end.format('YYYY-MM-DD ddd HH:mm')}\n")
        for note in critical.assumptions:
            out.write(f"  {note}\n")
    return True


def _margin(verdict: Verdict) -> str:
    """How the worst case stands against the term, in the term's unit."""
    if verdict.overrun is not None:
        reading = " under the civil reading" if verdict.status == "depends" else ""
        return f"late by {verdict.overrun}{reading}"
    return "in time"


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

    `jobs` processes verify the regulations (0: one per usable core); verdicts are kept in
    and taken from `cache_dir` when one is given.
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
    read, named = with_spec_roots(paths)
    report = check_corpus(read, jobs=jobs, cache_dir=cache_dir)
    if named is not None:
        report = focus_report(report, named)
    if not report.result.files:
        err.write(f"reglament check: no .yaml files found in {', '.join(paths)}\n")
        return EXIT_USAGE
    if explain_spec is not None:
        if not explain(report, explain_spec, out):
            err.write(f"reglament check: --explain: no verified regulation {explain_spec!r} "
                      "among the checked specs\n")
            return EXIT_USAGE
    else:
        write_report(report, fmt, out, strict=strict)
    return EXIT_FINDINGS if report.failed(strict=strict) else EXIT_OK
