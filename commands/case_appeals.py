"""`reglament case appeal|appeal-extend|appeal-decide|appeal-revise`: complaints about a case.

Each `run_*` function files, extends, decides or revises a complaint through `CaseBook` and
prints the case (with its complaints, their due instants and the rule that set them), with
the exit codes of the other `reglament case` verbs (commands/case.py): 0 done, 2 a wrong
command line, 1 what the engine or the journal refuses (an unknown case, body or decision,
an extension beyond the rule's maximum, a decision taken twice or before the filing).
`register` adds the verbs to `case_app`.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any, TextIO

import typer

from commands.case_common import act_on_case

__all__ = ["register", "run_case_appeal", "run_case_appeal_decide", "run_case_appeal_extend",
           "run_case_appeal_revise"]


def run_case_appeal(db: str, case_id: str, appeal: str, body: str, complainant: str,
                    substance: str, at: str, by: str, *, command_id: str | None,
                    specs: str | None, as_json: bool, out: TextIO, err: TextIO) -> int:
    """File a complaint about a case with a body; print the case."""
    return act_on_case("case appeal", db, case_id, at, specs, as_json, command_id, out, err,
                lambda book, moment: book.appeal(case_id, appeal, body, complainant, substance,
                                                 at=moment, by=by, command_id=command_id),
                {"--appeal": appeal, "--body": body, "--complainant": complainant,
                 "--substance": substance, "--by": by})


def run_case_appeal_extend(db: str, case_id: str, appeal: str, days: int, reason: str, at: str,
                           by: str, *, command_id: str | None, specs: str | None,
                           as_json: bool, out: TextIO, err: TextIO) -> int:
    """Extend the examination of a complaint by working days; print the case."""
    return act_on_case("case appeal-extend", db, case_id, at, specs, as_json, command_id, out, err,
                lambda book, moment: book.extend_appeal(case_id, appeal, days, reason, at=moment,
                                                        by=by, command_id=command_id),
                {"--appeal": appeal, "--reason": reason, "--by": by})


def run_case_appeal_decide(db: str, case_id: str, appeal: str, decision: str, document: str,
                           examined_by: str, at: str, by: str, *, command_id: str | None,
                           specs: str | None, as_json: bool, out: TextIO, err: TextIO) -> int:
    """Record the decision on a complaint; print the case."""
    return act_on_case("case appeal-decide", db, case_id, at, specs, as_json, command_id, out, err,
                lambda book, moment: book.decide_appeal(case_id, appeal, decision, document,
                                                        examined_by, at=moment, by=by,
                                                        command_id=command_id),
                {"--appeal": appeal, "--decision": decision, "--document": document,
                 "--examined-by": examined_by, "--by": by})


def run_case_appeal_revise(db: str, case_id: str, appeal: str, revision: str, at: str, by: str,
                           *, command_id: str | None, specs: str | None, as_json: bool,
                           out: TextIO, err: TextIO) -> int:
    """Record a revision of the decision on a complaint; print the case."""
    return act_on_case("case appeal-revise", db, case_id, at, specs, as_json, command_id, out, err,
                lambda book, moment: book.revise_appeal(case_id, appeal, revision, at=moment,
                                                        by=by, command_id=command_id),
                {"--appeal": appeal, "--revision": revision, "--by": by})


def _option(name: str, text: str) -> Any:  # what typer.Option gives
    return typer.Option(name, help=text, show_default=False)


_Db = Annotated[str, _option("--db", "The journal (SQLite file).")]
_Case = Annotated[str, _option("--case", "The case id.")]
_Appeal = Annotated[str, _option("--appeal", "The complaint's id (unique in its case).")]
_At = Annotated[str, _option("--at", "ISO 8601 instant with its UTC offset, e.g. "
                             "2024-05-03T10:00:00+05:00.")]
_By = Annotated[str, _option("--by", "Who recorded it (a person or system id).")]
_CommandId = Annotated[str | None, _option("--command-id", "Id of this command: a retried "
                                           "command with the same id applies once.")]
_Specs = Annotated[str | None, _option("--specs", "Directory of the specs; default "
                                       "$REGLAMENT_SPECS or the project's specs/.")]
_Json = Annotated[bool, typer.Option("--json", help="Print JSON with sorted keys.")]


def appeal_command(db: _Db, case_id: _Case, appeal: _Appeal,
                   body: Annotated[str, _option("--body", "provider, state_corporation or "
                                                "quality_agency.")],
                   complainant: Annotated[str, _option("--complainant", "Who complains.")],
                   substance: Annotated[str, _option("--substance", "What the complaint is about.")],
                   at: _At, by: _By, command_id: _CommandId = None, specs: _Specs = None,
                   as_json: _Json = False) -> None:
    """File a complaint about a case; its due instant follows the rule in force that day."""
    raise typer.Exit(run_case_appeal(db, case_id, appeal, body, complainant, substance, at, by,
                                     command_id=command_id, specs=specs, as_json=as_json,
                                     out=sys.stdout, err=sys.stderr))


def appeal_extend_command(db: _Db, case_id: _Case, appeal: _Appeal,
                          days: Annotated[int, _option("--days", "Working days to add.")],
                          reason: Annotated[str, _option("--reason", "Why it is extended.")],
                          at: _At, by: _By, command_id: _CommandId = None, specs: _Specs = None,
                          as_json: _Json = False) -> None:
    """Extend the examination of a complaint, within its rule's maximum."""
    raise typer.Exit(run_case_appeal_extend(db, case_id, appeal, days, reason, at, by,
                                            command_id=command_id, specs=specs, as_json=as_json,
                                            out=sys.stdout, err=sys.stderr))


def appeal_decide_command(db: _Db, case_id: _Case, appeal: _Appeal,
                          decision: Annotated[str, _option("--decision", "satisfied, "
                                                           "partly_satisfied or rejected.")],
                          document: Annotated[str, _option("--document", "Number of the "
                                                           "document of the decision.")],
                          examined_by: Annotated[str, _option("--examined-by", "The body or "
                                                              "official that examined it.")],
                          at: _At, by: _By, command_id: _CommandId = None, specs: _Specs = None,
                          as_json: _Json = False) -> None:
    """Record the decision on a complaint."""
    raise typer.Exit(run_case_appeal_decide(db, case_id, appeal, decision, document, examined_by,
                                            at, by, command_id=command_id, specs=specs,
                                            as_json=as_json, out=sys.stdout, err=sys.stderr))


def appeal_revise_command(db: _Db, case_id: _Case, appeal: _Appeal,
                          revision: Annotated[str, _option("--revision", "How the decision "
                                                           "was revised, and by whom.")],
                          at: _At, by: _By, command_id: _CommandId = None, specs: _Specs = None,
                          as_json: _Json = False) -> None:
    """Record a revision of the decision on a complaint."""
    raise typer.Exit(run_case_appeal_revise(db, case_id, appeal, revision, at, by,
                                            command_id=command_id, specs=specs, as_json=as_json,
                                            out=sys.stdout, err=sys.stderr))


def register(app: typer.Typer) -> None:
    """Add the complaint verbs to `reglament case`."""
    app.command("appeal")(appeal_command)
    app.command("appeal-extend")(appeal_extend_command)
    app.command("appeal-decide")(appeal_decide_command)
    app.command("appeal-revise")(appeal_revise_command)
