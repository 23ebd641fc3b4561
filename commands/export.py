"""`reglament export SPEC --format cpsv-jsonld --out PATH`: standards in an EU vocabulary.

SPEC is a standard file (it stands in for the versions of that standard in the specs
directory), a standard id in the specs directory (`--specs`, `$REGLAMENT_SPECS` or the
project's `specs/`), or a directory of specs: then every standard in it is written.
Each standard is exported with the regulations of the same specs that implement it and
with the opening hours of the project's calendar (renderers/exports/cpsv.py).

`--out -` (the default) prints one document; `--out FILE` writes one; `--out DIR` (an
existing directory or a path ending in `/`, or a new one when SPEC is a directory or names
several versions) receives one file per standard, `<id>.jsonld`, or `<id>.<valid_from>.jsonld` when the
specs hold several versions of it. `run_export` returns the exit code: 0 when written, 2 on a usage error
(no such file or id, a spec of another kind, several documents for `--out -`), 1 when
the specs have errors, the calendar cannot be loaded or a file cannot be written (whole or
not at all: `commands.output`). Missing directories of `--out` are created and each path
written is printed, one per line, as every command that writes files does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from commands.output import names_directory, write_output
from commands.workspace import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    load_executor,
    load_specs,
    read_spec_file,
)
from engine.calendar import CalendarData, CalendarError, default_calendar
from engine.corpus import Corpus
from engine.spec import Regulation, SpecErrors, Standard, did_you_mean
from renderers.exports.cpsv import cpsv_text, export_cpsv

__all__ = ["ExportFormat", "export_command", "run_export"]


class ExportFormat(StrEnum):
    """The formats `reglament export` writes."""

    cpsv_jsonld = "cpsv-jsonld"


_Renderer = Callable[[Standard, Sequence[Regulation], CalendarData], str]


def _cpsv(standard: Standard, regulations: Sequence[Regulation], calendar: CalendarData) -> str:
    return cpsv_text(export_cpsv(standard, regulations, calendar=calendar))


#: What each format writes, and the suffix of its files.
RENDERERS: dict[ExportFormat, tuple[_Renderer, str]] = {
    ExportFormat.cpsv_jsonld: (_cpsv, ".jsonld"),
}


def _from_directory(directory: Path) -> tuple[Corpus, CalendarData]:
    corpus = load_specs([directory], f"the specs in {directory}")
    try:
        return corpus, corpus.calendar_for(default_calendar()).data
    except CalendarError as error:
        raise CommandError(str(error), EXIT_FAILED) from None
    except SpecErrors as errors:
        raise CommandError("\n".join(str(e) for e in errors.errors), EXIT_FAILED) from None


def _standards(spec: str, specs: str | None) -> tuple[Corpus, list[Standard], CalendarData, bool]:
    """The corpus, the standards SPEC names, the calendar, and whether SPEC is a directory."""
    path = Path(spec)
    if path.is_dir():
        corpus, calendar = _from_directory(path)
        if not corpus.standards:
            raise CommandError(f"no standard in {spec} (hint: standards are the YAML files with "
                               "`kind: standard`)", EXIT_USAGE)
        return corpus, sorted(corpus.standards, key=lambda s: (s.id, s.valid_from)), calendar, True
    if path.suffix in (".yaml", ".yml") or path.is_file():
        document = read_spec_file(spec, ("standard",),
                                  "give a standard file, a standard id or a directory of specs")
        spec = str(document.data["id"])
        executor = load_executor(specs, draft=document, only={spec})
        start = str(document.data["valid_from"])
        found = [s for s in executor.corpus.standard_versions(spec)
                 if s.valid_from.isoformat() == start]
        return executor.corpus, found, executor.calendar.data, False
    executor = load_executor(specs, only={spec})
    corpus = executor.corpus
    found = corpus.standard_versions(spec)
    if not found:
        regulation = next(iter(corpus.regulation_versions(spec)), None)
        hint = (f'"{spec}" is a regulation; export its standard "{regulation.standard}"'
                if regulation else did_you_mean(spec, {s.id for s in corpus.standards}))
        raise CommandError(f'no standard "{spec}" in the specs (hint: {hint})', EXIT_USAGE)
    return corpus, found, executor.calendar.data, False


def _file_names(standards: Sequence[Standard], suffix: str) -> list[str]:
    counts: dict[str, int] = {}
    for standard in standards:
        counts[standard.id] = counts.get(standard.id, 0) + 1
    return [f"{s.id}{suffix}" if counts[s.id] == 1 else f"{s.id}.{s.valid_from}{suffix}"
            for s in standards]


def _targets(out: str, names: list[str], directory_spec: bool) -> list[Path]:
    """Where each document goes: into a directory (`--out DIR`, or for a directory SPEC or
    several documents) or to one file. Missing directories are created by `write_output`."""
    path = Path(out)
    if names_directory(out):
        return [path / name for name in names]
    if directory_spec or len(names) > 1:
        if path.exists():
            raise CommandError(f"--out: {out} is a file; {len(names)} documents need a directory",
                               EXIT_USAGE)
        return [path / name for name in names]
    return [path]


def run_export(spec: str, fmt: str, out: str, *, specs: str | None, stdout: TextIO,
               err: TextIO) -> int:
    """Export the standards SPEC names in `fmt` to `out`; return the exit code."""
    try:
        render, suffix = RENDERERS[ExportFormat(fmt)]
        corpus, standards, calendar, directory_spec = _standards(spec, specs)
        names = _file_names(standards, suffix)
        texts = [render(s, _implementing(corpus, s), calendar) for s in standards]
        if out == "-":
            if len(texts) > 1:
                raise CommandError(f"--out -: {len(texts)} documents cannot "
                                   "go to one stream (hint: give --out DIR)", EXIT_USAGE)
            stdout.write(texts[0])
            return EXIT_OK
        for target, text in zip(_targets(out, names, directory_spec), texts, strict=True):
            write_output(target, text, stdout)
    except CommandError as error:
        return error.report("export", err)
    return EXIT_OK


def _implementing(corpus: Corpus, standard: Standard) -> list[Regulation]:
    """The regulations of the corpus that implement this version of the standard."""
    return [r for r in corpus.regulations_for(standard.id) if corpus.standard_of(r) == standard]


def export_command(
    spec: Annotated[str, typer.Argument(help="A standard file, a standard id, or a directory of "
                                        "specs (every standard in it).", show_default=False)],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="What to write.")]
    = ExportFormat.cpsv_jsonld,
    out: Annotated[str, typer.Option("--out", help='A file, a directory (one file per '
                                     'standard), or "-" for standard output.')] = "-",
    specs: Annotated[str | None, typer.Option(
        "--specs", help="Directory of the specs; default $REGLAMENT_SPECS or the project's specs/.",
        show_default=False)] = None,
) -> None:
    """Export standards as CPSV-AP 3.2.0 JSON-LD (the EU public-service vocabulary)."""
    raise typer.Exit(run_export(spec, fmt.value, out, specs=specs, stdout=sys.stdout,
                                err=sys.stderr))

