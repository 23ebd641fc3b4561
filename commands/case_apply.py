"""`reglament case apply --db PATH FILE`: many commands from JSON Lines, with group commit.

FILE (or `-` for standard input) holds one command per line in the JSON form of
`engine.cases.commands` (blank lines are skipped). Lines are read `--batch-size` at a
time and each batch is applied by `CaseBook.apply_many` in one transaction; the result
of each command is printed once its batch is committed: `FILE:LINE: accepted ...`,
`rejected: <why>` or `already applied`, or with `--json` one JSON object per line.
A line that is not a command is reported on stderr as `FILE:LINE: <what> (hint: ...)`
and nothing is written for it; the lines around it are applied. That includes a line
that is not UTF-8, a value of the wrong type, a blank case id and a string that is not
valid Unicode (a lone surrogate such as `"\\ud800"`): each is that line's error, never
the batch's. Every line printed goes through `engine.cases.for_terminal`.

Exit codes: 0 every command accepted (or already applied); 1 at least one rejected,
or the journal refused (not a journal, a newer format, read-only, failing its integrity
check); 2 a line that is not a command, no such FILE, a `--batch-size` below 1, a
`--db` that names no file.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from commands.journals import journal_failure, open_journal
from commands.style import progress
from commands.workspace import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    load_executor,
)
from engine.cases import (
    OPS,
    Applied,
    CaseBook,
    Command,
    CommandFormatError,
    Complete,
    JournalError,
    command_key,
    for_terminal,
    parse_command,
)

__all__ = ["DEFAULT_BATCH_SIZE", "apply_command", "run_case_apply"]

#: Commands per transaction by default: large enough that the commit's fsync is shared by
#: many, small enough that the results come steadily.
DEFAULT_BATCH_SIZE = 1000


def run_case_apply(db: str, file: str, *, batch_size: int, specs: str | None, as_json: bool,
                   out: TextIO, err: TextIO, stdin: TextIO | None = None) -> int:
    """Apply the commands of a JSON Lines file to the journal in batches; print each result."""
    try:
        if batch_size < 1:
            raise CommandError(f"--batch-size: expected at least 1, got {batch_size}", EXIT_USAGE)
        name = "<stdin>" if file == "-" else file
        if file != "-" and not Path(file).is_file():
            raise CommandError(f"no such file: {file}", EXIT_USAGE)
        executor = load_executor(specs)
        counts = {"accepted": 0, "rejected": 0, "repeated": 0, "malformed": 0}
        with open_journal(db, create=True, writing=True) as journal, _lines(file, stdin) as lines:
            book = CaseBook(executor, journal)
            for batch in _batches(name, lines, batch_size, err, counts):
                try:
                    applied = book.apply_many([command for _, command in batch])
                except (JournalError, sqlite3.Error) as error:
                    raise journal_failure(error, journal) from None
                for (line, _), result in zip(batch, applied, strict=True):
                    counts[_verdict(result)] += 1
                    _write(name, line, result, out, as_json=as_json)
        if not as_json:
            out.write(f"{counts['accepted']} accepted, {counts['rejected']} rejected, "
                      f"{counts['repeated']} already applied, {counts['malformed']} not "
                      "commands\n")
    except CommandError as error:
        return error.report("case apply", err)
    if counts["malformed"]:
        return EXIT_USAGE
    return EXIT_FAILED if counts["rejected"] else EXIT_OK


@contextmanager
def _lines(file: str, stdin: TextIO | None) -> Iterator[TextIO]:
    """The lines of FILE or standard input, bytes that are not UTF-8 kept as lone surrogates
    (`_undecodable` reports them for their line)."""
    if file == "-":
        stream = stdin if stdin is not None else sys.stdin
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="surrogateescape")
        yield stream
        return
    with open(file, encoding="utf-8", errors="surrogateescape") as handle:
        yield handle


def _batches(name: str, lines: TextIO, size: int, err: TextIO,
             counts: dict[str, int]) -> Iterator[list[tuple[int, Command]]]:
    """The commands of the lines, `size` at a time, with their line numbers; a line that is
    not a command is reported and left out."""
    batch: list[tuple[int, Command]] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            command = parse_command(_decoded(text))
        except CommandFormatError as error:
            counts["malformed"] += 1
            err.write(for_terminal(f"{name}:{number}: {error}") + "\n")
            continue
        batch.append((number, command))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _decoded(text: str) -> object:
    if not text.isascii():
        for column, char in enumerate(text, start=1):
            if "\udc80" <= char <= "\udcff":
                raise CommandFormatError(f"not UTF-8: byte 0x{ord(char) - 0xdc00:02x} at column "
                                         f"{column} (hint: write the file in UTF-8)")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandFormatError(f"not JSON: {error.msg} at column {error.colno} (hint: one "
                                 'JSON object per line, e.g. {"op": "act", "case": ...})') from None


def _verdict(result: Applied) -> str:
    return "repeated" if result.repeated else ("accepted" if result.accepted else "rejected")


def _write(name: str, line: int, result: Applied, out: TextIO, *, as_json: bool) -> None:
    command = result.command
    op, verdict = OPS[type(command)], _verdict(result)
    if as_json:
        record: dict[str, Any] = {
            "line": line, "case": command.case_id, "op": op, "result": verdict,
            "command_id": result.events[0].command_id if result.events else command_key(command),
            "events": [{"seq": e.seq, "kind": e.kind} for e in result.events],
            "error": result.error}
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        return
    what = f"{op} {command.case_id}" + (f" {command.step}" if isinstance(command, Complete) else "")
    if verdict == "accepted":
        kinds = ", ".join(f"{e.seq} {e.kind}" for e in result.events)
        text = f"{name}:{line}: accepted {what}: {kinds}"
    elif verdict == "repeated":
        text = f"{name}:{line}: already applied {what}; the case is unchanged"
    else:
        text = f"{name}:{line}: rejected {what}: {result.error}"
    out.write(f"{for_terminal(text)}\n")


def apply_command(
    db: Annotated[str, typer.Option("--db", help="The journal (SQLite file); created when "
                                    "missing.", show_default=False)],
    file: Annotated[str, typer.Argument(metavar="FILE", help="JSON Lines of commands (docs/library.md, "
                                        "\"Many commands at once\"); - reads standard input.",
                                        show_default=False)],
    batch_size: Annotated[int, typer.Option("--batch-size", help="Commands per transaction.")]
    = DEFAULT_BATCH_SIZE,
    specs: Annotated[str | None, typer.Option(
        "--specs", help="Directory of the specs; default $REGLAMENT_SPECS or the project's specs/.",
        show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per command.")] = False,
) -> None:
    """Apply many commands (open, act, refuse) from JSON Lines, a batch per transaction."""
    with progress(f"reglament case apply {file}", sys.stderr, streaming=sys.stdout):
        code = run_case_apply(db, file, batch_size=batch_size, specs=specs, as_json=as_json,
                              out=sys.stdout, err=sys.stderr)
    raise typer.Exit(code)
