"""What the case commands share: where the specs are, the journal, instants, exit codes.

The specs directory is `--specs DIR` when given, else `$REGLAMENT_SPECS`, else the
project's `specs/` (found as `engine.calendar.loading` finds the calendar). Bad
input is reported by raising `CommandError`, which a command turns into one line on
stderr (after the located spec errors, if any) and its exit code: 2 when the
command line is wrong (an instant without an offset, an invalid ИИН, a name the
specs do not define), 1 when the engine or the journal refuses.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import pendulum

from engine.calendar import CalendarError, default_calendar, parse_instant
from engine.cases import ExecutionError, Executor, Journal, JournalError
from engine.corpus import Corpus, iter_spec_files, load_corpus
from engine.spec import Document, IdentifierError, SpecErrors, parse_identifier, read_document

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "SPECS_ENV_VAR",
    "CommandError",
    "check_opening",
    "journal_failure",
    "load_executor",
    "open_journal",
    "parse_applicant",
    "parse_moment",
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
        err.write(f"reglament {command}: {self}\n")
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


def load_specs(paths: Sequence[Path], what: str = "the specs") -> Corpus:
    """The corpus of `paths`, or a command error listing every located error (1)."""
    try:
        return load_corpus(paths)
    except SpecErrors as error:
        raise CommandError(f"{what} have {len(error.errors)} error(s) "
                           "(hint: reglament check shows them all)", EXIT_FAILED,
                           [str(e) for e in error.errors]) from None
    except CalendarError as error:
        raise CommandError(str(error), EXIT_FAILED) from None


def load_executor(specs: str | Path | None, draft: Document | None = None) -> Executor:
    """An executor on the specs directory and the default calendar.

    A `draft` spec (a file read with `read_spec_file`) outside the directory stands in for
    every version of the spec with its kind and id there (an analyst's edited copy of a
    regulation).

    Raises:
        CommandError: when the directory is missing (2) or a spec has errors (1).
    """
    where = specs_dir(specs)
    if not where.is_dir():
        raise CommandError(f"no specs directory at {where} "
                           f"(hint: pass --specs DIR or set {SPECS_ENV_VAR})", EXIT_USAGE)
    paths: list[Path] = [where]
    if draft is not None and not Path(draft.path).resolve().is_relative_to(where.resolve()):
        paths = [*_without(where, draft), Path(draft.path)]
    corpus = load_specs(paths)
    try:
        return Executor(corpus, default_calendar())
    except CalendarError as error:
        raise CommandError(str(error), EXIT_FAILED) from None


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


def open_journal(db: str, *, create: bool) -> Journal:
    """The journal at `db`; a new one only when `create` (so a typo reads nothing in).

    Raises:
        CommandError: 2 when there is no such file (and `create` is false) or no such
            directory; 1 when the file is not a journal or of a newer format.
    """
    path = Path(db)
    if not path.parent.is_dir():
        raise CommandError(f"--db: no directory {path.parent}", EXIT_USAGE)
    if not create and not path.exists():
        raise CommandError(f"--db: no journal at {path} "
                           "(hint: reglament case open --db PATH ... creates it)", EXIT_USAGE)
    try:
        return Journal(path)
    except JournalError as error:
        raise CommandError(str(error), EXIT_FAILED) from None


def journal_failure(error: JournalError | sqlite3.Error, journal: Journal) -> CommandError:
    """A failure of the journal while reading or appending, as a command error."""
    if isinstance(error, JournalError):
        return CommandError(str(error), EXIT_FAILED)
    return CommandError(f"{journal.path}: {error} (nothing was written)", EXIT_FAILED)
