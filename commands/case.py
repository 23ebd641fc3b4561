"""`reglament case open|act|refuse|show|overdue|apply`: cases kept in a journal file.

Each `run_*` function does the work and returns an exit code: 0 on success, 2 when
the command line is wrong (an unreadable or naive instant, an invalid ИИН, a blank
case id, a value not in UTF-8, a service, channel or document the specs do not
define, no journal at the path), 1 when the engine or the journal refuses (an action
that does not fit the case, a closed case, a service not in force, a file that is not
a journal or of a newer format, a read-only or damaged journal, a row that cannot be
replayed). Errors are one line on stderr and nothing is written. `show` and `overdue`
open the journal read-only and print every text of the journal through
`engine.cases.for_terminal`. The typer functions only parse options; cli.py names
`case_app` in `ELSEWHERE`, imported when `case` runs.
`case apply` (many commands from JSON Lines, group commit) is in `case_apply`; the verbs of
complaints (`case appeal`, `appeal-extend`, `appeal-decide`, `appeal-revise`) in `case_appeals`.
"""

from __future__ import annotations

import sys
from typing import Annotated, TextIO

import typer

from commands.case_appeals import register as register_appeals
from commands.case_apply import apply_command
from commands.case_common import act_on_case, retry_note, service_of, write_case
from commands.journals import book_call, open_journal, print_whole
from commands.workspace import (
    EXIT_OK,
    CommandError,
    check_opening,
    check_texts,
    load_executor,
    parse_applicant,
    parse_case_id,
    parse_moment,
    require_specs_dir,
    split_list,
)
from engine.calendar import to_micros
from engine.cases import (
    CaseBook,
    dump_json,
    overdue_data,
    render_overdue,
)

__all__ = ["case_app", "run_case_act", "run_case_open", "run_case_overdue", "run_case_refuse",
           "run_case_show"]

def run_case_open(db: str, case_id: str, service: str | None, regulation: str | None,
                  channel: str, received: str, applicant: str, documents: str | None, *,
                  command_id: str | None, specs: str | None, as_json: bool,
                  out: TextIO, err: TextIO) -> int:
    """Open a case in the journal (or record the refusal to accept it); print it."""
    try:
        if (service is None) == (regulation is None):
            raise CommandError("give either --service or --regulation", 2)
        case_id = parse_case_id(case_id)
        check_texts({"--service": service, "--regulation": regulation, "--channel": channel,
                     "--documents": documents, "--command-id": command_id})
        moment = parse_moment(received, "--received")
        applicant_id = parse_applicant(applicant)
        submitted = split_list(documents)
        name = service or regulation or ""
        executor = load_executor(specs, only={name})
        check_opening(executor, name, regulation, channel, moment, applicant_id, submitted)
        with open_journal(db, create=True, writing=True) as journal:
            book = CaseBook(executor, journal)
            note = retry_note(book, case_id, command_id or f"{case_id}:open")
            state = book_call(book, lambda: book.open(
                case_id, name, channel, moment, applicant_id, submitted,
                regulation=regulation, command_id=command_id))
            write_case(book, state, out, as_json=as_json, note=note)
    except CommandError as error:
        return error.report("case open", err)
    return EXIT_OK


def run_case_act(db: str, case_id: str, step: str, outcome: str | None, ground: str | None,
                 at: str, by: str, *, command_id: str | None, specs: str | None,
                 as_json: bool, out: TextIO, err: TextIO) -> int:
    """Complete the active step of a case (with its outcome at a decision); print the case."""
    return act_on_case("case act", db, case_id, at, specs, as_json, command_id, out, err,
                lambda book, moment: book.complete(case_id, step, at=moment, by=by,
                                                   outcome=outcome, ground=ground,
                                                   command_id=command_id),
                {"--step": step, "--outcome": outcome, "--ground": ground, "--by": by})


def run_case_refuse(db: str, case_id: str, ground: str, at: str, by: str, *,
                    command_id: str | None, specs: str | None, as_json: bool,
                    out: TextIO, err: TextIO) -> int:
    """Refuse the service with a ground of the standard (a reasoned refusal); print the case."""
    return act_on_case("case refuse", db, case_id, at, specs, as_json, command_id, out, err,
                lambda book, moment: book.refuse(case_id, ground, at=moment, by=by,
                                                 command_id=command_id),
                {"--ground": ground, "--by": by})


def run_case_show(db: str, case_id: str, *, specs: str | None, as_json: bool,
                  out: TextIO, err: TextIO) -> int:
    """Print a case: status, timeline, overall due, ending, met term and margin."""
    try:
        parse_case_id(case_id)
        require_specs_dir(specs)
        with open_journal(db, create=False, writing=False) as journal:
            executor = load_executor(specs, only=service_of(journal, case_id))
            book = CaseBook(executor, journal)
            state = book_call(book, lambda: book.state(case_id))
            write_case(book, state, out, as_json=as_json)
    except CommandError as error:
        return error.report("case show", err)
    return EXIT_OK


def run_case_overdue(db: str, at: str, *, specs: str | None, as_json: bool,
                     out: TextIO, err: TextIO) -> int:
    """Print the late steps (and their responsible actors) and late terms of every case."""
    try:
        moment = parse_moment(at, "--at")
        executor = load_executor(specs)
        with open_journal(db, create=False, writing=False) as journal:
            book = CaseBook(executor, journal)
            late = book_call(book, lambda: book.overdue(moment))
            states = book_call(book, lambda: {case_id: book.state(case_id)
                                               for case_id, _ in late})
            micros = to_micros(moment)
            print_whole(book, out, lambda text: dump_json(overdue_data(executor, micros, late, states),
                                                     text) if as_json else
                   render_overdue(executor, micros, late, states, text))
    except CommandError as error:
        return error.report("case overdue", err)
    return EXIT_OK


case_app = typer.Typer(
    help="Cases kept in a journal (an SQLite file): open, act, refuse, show, overdue, apply, "
    "and complaints: appeal, appeal-extend, appeal-decide, appeal-revise.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_Db = Annotated[str, typer.Option("--db", help="The journal (SQLite file); `case open` creates "
                                  "it when missing.", show_default=False)]
_Case = Annotated[str, typer.Option("--case", help="The case id.", show_default=False)]
_At = Annotated[str, typer.Option("--at", help="ISO 8601 instant with its UTC offset, e.g. "
                                  "2024-05-03T10:00:00+05:00.", show_default=False)]
_By = Annotated[str, typer.Option("--by", help="Who acted (a person or system id).",
                                  show_default=False)]
_CommandId = Annotated[str | None, typer.Option(
    "--command-id", help="Id of this command: a retried command with the same id applies once.",
    show_default=False)]
_Specs = Annotated[str | None, typer.Option(
    "--specs", help="Directory of the specs; default $REGLAMENT_SPECS or the project's specs/.",
    show_default=False)]
_Json = Annotated[bool, typer.Option("--json", help="Print JSON with sorted keys.")]


@case_app.command("open")
def open_command(
    db: _Db,
    case_id: _Case,
    channel: Annotated[str, typer.Option("--channel", help="provider_office, gov_corp, portal...",
                                         show_default=False)],
    received: Annotated[str, typer.Option("--received", help="The moment of receipt, ISO 8601 "
                                          "with its UTC offset.", show_default=False)],
    applicant: Annotated[str, typer.Option("--applicant", help="The applicant's ИИН or БИН.",
                                           show_default=False)],
    service: Annotated[str | None, typer.Option("--service", help="The service (standard id); "
                                                "its regulation in force is used.",
                                                show_default=False)] = None,
    regulation: Annotated[str | None, typer.Option("--regulation", help="The regulation id, "
                                                   "instead of --service.",
                                                   show_default=False)] = None,
    documents: Annotated[str | None, typer.Option("--documents", help="Ids of the documents "
                                                  "submitted, comma-separated.",
                                                  show_default=False)] = None,
    command_id: _CommandId = None,
    specs: _Specs = None,
    as_json: _Json = False,
) -> None:
    """Open a case (refused to accept when required documents are missing)."""
    raise typer.Exit(run_case_open(db, case_id, service, regulation, channel, received, applicant,
                                   documents, command_id=command_id, specs=specs,
                                   as_json=as_json, out=sys.stdout, err=sys.stderr))


@case_app.command("act")
def act_command(
    db: _Db,
    case_id: _Case,
    step: Annotated[str, typer.Option("--step", help="The active step being completed.",
                                      show_default=False)],
    at: _At,
    by: _By,
    outcome: Annotated[str | None, typer.Option("--outcome", help="The outcome, at a decision.",
                                                show_default=False)] = None,
    ground: Annotated[str | None, typer.Option("--ground", help="The refusal ground, when the "
                                               "step ends in a reasoned refusal.",
                                               show_default=False)] = None,
    command_id: _CommandId = None,
    specs: _Specs = None,
    as_json: _Json = False,
) -> None:
    """Complete the active step of a case."""
    raise typer.Exit(run_case_act(db, case_id, step, outcome, ground, at, by,
                                  command_id=command_id, specs=specs, as_json=as_json,
                                  out=sys.stdout, err=sys.stderr))


@case_app.command("refuse")
def refuse_command(
    db: _Db,
    case_id: _Case,
    ground: Annotated[str, typer.Option("--ground", help="A refusal ground of the standard.",
                                        show_default=False)],
    at: _At,
    by: _By,
    command_id: _CommandId = None,
    specs: _Specs = None,
    as_json: _Json = False,
) -> None:
    """Refuse the service at the active step, citing a ground (a reasoned refusal)."""
    raise typer.Exit(run_case_refuse(db, case_id, ground, at, by, command_id=command_id, specs=specs,
                                     as_json=as_json, out=sys.stdout, err=sys.stderr))


@case_app.command("show")
def show_command(db: _Db, case_id: _Case, specs: _Specs = None, as_json: _Json = False) -> None:
    """Print a case: status, timeline, due instants, ending, met term and margin."""
    raise typer.Exit(run_case_show(db, case_id, specs=specs, as_json=as_json, out=sys.stdout,
                                   err=sys.stderr))


@case_app.command("overdue")
def overdue_command(db: _Db, at: _At, specs: _Specs = None, as_json: _Json = False) -> None:
    """List the late steps with the actor responsible, and late terms, of every open case."""
    raise typer.Exit(run_case_overdue(db, at, specs=specs, as_json=as_json, out=sys.stdout,
                                      err=sys.stderr))


case_app.command("apply")(apply_command)
register_appeals(case_app)
