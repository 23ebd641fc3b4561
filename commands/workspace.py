"""What the case commands share: where the specs are, the journal, instants, exit codes.

The specs directory is `--specs DIR` when given, else `$REGLAMENT_SPECS`, else the
project's `specs/` (found as `engine.calendar.loading` finds the calendar). Bad
input is reported by raising `CommandError`, which a command turns into one line on
stderr (after the located spec errors, if any) and its exit code: 2 when the
command line is wrong (an instant without an offset, an invalid ИИН, a name the
specs do not define, a blank case id, a value that is not UTF-8, a `--db` that names
no file), 1 when the engine or the journal refuses. The message goes through
`engine.cases.for_terminal`: what it quotes of the input cannot drive the terminal.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TextIO

import pendulum

from engine.calendar import CalendarError, default_calendar, parse_instant
from engine.cases import (
    ExecutionError,
    Executor,
    case_id_problem,
    for_terminal,
)
from engine.corpus import Corpus, iter_spec_files, load_corpus, load_corpus_for
from engine.spec import Document, IdentifierError, SpecErrors, parse_identifier, read_document

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "SPECS_ENV_VAR",
    "CommandError",
    "check_opening",
    "check_texts",
    "load_executor",
    "parse_applicant",
    "parse_case_id",
    "parse_moment",
    "require_specs_dir",
    "specs_dir",
    "split_list",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

#: Environment variable naming the specs directory the case commands load.
SPECS_ENV_VAR = "REGLAMENT_SPECS"


class CommandError(Exception):
    """Bad input or a refused action: the message, its exit code, located details first."""

    def __init__(self, message: str, code: int, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.details = tuple(details)

    def report(self, command: str, err: TextIO) -> int:
        """Write the details and the message on `err`; return the exit code."""
        for line in self.details:
            err.write(f"{line}\n")
        err.write(f"reglament {command}: {for_terminal(self)}\n")
        return self.code


def specs_dir(override: str | Path | None = None) -> Path:
    """Where the specs are: `override`, else `$REGLAMENT_SPECS`, else the project's `specs/`,
    else (an installed package without the project) `specs/` in the working directory."""
    if override is not None and str(override):
        return Path(override)
    if os.environ.get(SPECS_ENV_VAR):
        return Path(os.environ[SPECS_ENV_VAR])
    project = Path(__file__).resolve().parents[1] / "specs"
    return project if project.is_dir() else Path.cwd() / "specs"


def read_spec_file(spec: str, kinds: Sequence[str], hint: str) -> Document:
    """The spec file a command's SPEC names, read and checked alone.

    Raises:
        CommandError: no such file (2), a file with errors (1), a spec of another kind (2,
            with `hint`).
    """
    path = Path(spec)
    if not path.is_file():
        raise CommandError(f"no such file: {spec}", EXIT_USAGE)
    document = read_document(path)
    if document.blocking:
        raise CommandError(f"{spec} has {len(document.blocking)} error(s)", EXIT_FAILED,
                           [str(e) for e in document.blocking])
    if document.kind not in kinds:
        raise CommandError(f'{spec} is a "{document.kind}" spec (hint: {hint})', EXIT_USAGE)
    return document


def load_specs(paths: Sequence[Path], what: str = "the specs",
               only: Collection[str] = ()) -> Corpus:
    """The corpus of `paths`, or a command error listing every located error (1); with `only`,
    errors of files none of those services need are warnings on stderr (`load_corpus_for`)."""
    try:
        if not only:
            return load_corpus(paths)
        corpus, skipped = load_corpus_for(paths, only)
        sys.stderr.writelines(f"{warning}\n" for warning in skipped)
        if skipped:
            sys.stderr.write(f"reglament: {len({w.location.path for w in skipped})} file(s) with "
                             f"errors skipped, none of them needed by {', '.join(sorted(only))} "
                             "(hint: reglament check shows them all)\n")
        return corpus
    except SpecErrors as error:
        raise CommandError(f"{what} have {len(error.errors)} error(s) "
                           "(hint: reglament check shows them all)", EXIT_FAILED,
                           [str(e) for e in error.errors]) from None
    except CalendarError as error:
        raise CommandError(str(error), EXIT_FAILED) from None


def require_specs_dir(specs: str | Path | None) -> Path:
    """The specs directory, or a usage error when there is none."""
    where = specs_dir(specs)
    if not where.is_dir():
        raise CommandError(f"no specs directory at {where} "
                           f"(hint: pass --specs DIR or set {SPECS_ENV_VAR})", EXIT_USAGE)
    return where


def load_executor(specs: str | Path | Sequence[str | Path] | None, draft: Document | None = None,
                  only: Collection[str] = ()) -> Executor:
    """An executor on the specs directory (or several, one corpus: `reglament report --specs
    specs --specs examples/kostanay/specs`) and the default calendar.

    A `draft` spec (a file read with `read_spec_file`) outside the directory stands in for
    every version of the spec with its kind and id there (an analyst's edited copy of a
    regulation). With `only` (the services it works on), see `load_specs`.

    Raises:
        CommandError: when the directory is missing (2) or a spec has errors (1).
    """
    roots: list[str | Path | None] = (
        [specs] if specs is None or isinstance(specs, str | Path) else [*specs] or [None])
    where = require_specs_dir(roots[0])
    paths: list[Path] = [where, *(require_specs_dir(root) for root in roots[1:])]
    if draft is not None and not Path(draft.path).resolve().is_relative_to(where.resolve()):
        paths = [*_without(where, draft), Path(draft.path)]
    corpus = load_specs(paths, only=only)
    try:
        return Executor(corpus, default_calendar())
    except CalendarError as error:
        raise CommandError(str(error), EXIT_FAILED) from None
    except SpecErrors as errors:
        raise CommandError("\n".join(str(e) for e in errors.errors), EXIT_FAILED) from None


def _without(where: Path, draft: Document) -> list[Path]:
    """The spec files below `where` except those of the draft's kind and id."""
    same = (draft.kind, _spec_id(draft.parsed.data))
    kept = []
    for path in iter_spec_files([where]):
        other = read_document(path)
        if other.blocking or (other.kind, _spec_id(other.parsed.data)) != same:
            kept.append(path)
    return kept


def _spec_id(data: object) -> object:
    return data.get("id") if isinstance(data, dict) else None


def parse_moment(text: str, option: str) -> pendulum.DateTime:
    """An ISO 8601 instant with its offset, or a usage error naming the option."""
    try:
        return parse_instant(text)
    except CalendarError as error:
        raise CommandError(f"{option}: {error}", EXIT_USAGE) from None


def parse_applicant(text: str) -> str:
    """A valid ИИН or БИН, or a usage error."""
    try:
        return parse_identifier(text).value
    except IdentifierError as error:
        raise CommandError(f"--applicant: {error}", EXIT_USAGE) from None


def parse_case_id(text: str) -> str:
    """A case id (a non-blank string, UTF-8), or a usage error with the message JSON commands get."""
    check_texts({"--case": text})
    problem = case_id_problem(text)
    if problem is not None:
        raise CommandError(f"--case: {problem}", EXIT_USAGE)
    return text


def check_texts(options: dict[str, str | None]) -> None:
    """Refuse an option whose value is not UTF-8 (Python keeps such bytes as lone
    surrogates, which SQLite cannot store and a terminal cannot show).

    Raises:
        CommandError: naming the option and the first such byte (2).
    """
    for option, value in options.items():
        if value is None or value.isascii():
            continue
        for position, char in enumerate(value):
            if "\udc80" <= char <= "\udcff":
                raise CommandError(f"{option}: not valid UTF-8 (byte 0x{ord(char) - 0xdc00:02x} at "
                                   f"position {position}) (hint: give the value in UTF-8)",
                                   EXIT_USAGE)
            if "\ud800" <= char <= "\udfff":
                raise CommandError(f"{option}: not valid Unicode (a lone surrogate at position "
                                   f"{position})", EXIT_USAGE)


def split_list(text: str | None) -> list[str]:
    """`a, b,c` as `["a", "b", "c"]` (empty items dropped)."""
    return [item.strip() for item in (text or "").split(",") if item.strip()]


def check_opening(executor: Executor, service: str, regulation: str | None, channel: str,
                  received: dt.datetime, applicant: str, documents: Sequence[str]) -> None:
    """Validate an application without writing anything.

    Raises:
        CommandError: 2 for a name the specs do not define (service, regulation,
            channel, document), 1 for a service or regulation not in force that day.
    """
    name = regulation or service
    known = bool(executor.corpus.regulation_versions(name)) or (
        regulation is None and bool(executor.corpus.standard_versions(name)))
    day = pendulum.instance(received).in_timezone(executor.calendar.timezone).date()
    try:
        executor.resolve(service, day, regulation)
    except ExecutionError as error:
        raise CommandError(str(error), EXIT_FAILED if known else EXIT_USAGE) from None
    try:
        executor.open("check", service, channel, received, applicant, documents,
                      regulation=regulation)
    except ExecutionError as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    except CalendarError as error:
        raise CommandError(str(error), EXIT_FAILED) from None
