"""`reglament run SPEC`: simulate one case in memory and print its timeline.

SPEC is a regulation file (it stands in for the versions of that regulation in the
specs directory, so a draft can be tried before it is approved), a regulation id or
a service id. Every step is completed at its due instant (at its start when it has
no time limit), taking the outcome given with `--outcome step=outcome` at each
decision. `run_simulation` returns an exit code: 0 when the case ran to its end
(whatever the end: result, refusal, refusal to accept), 2 when the command line is
incomplete or wrong (a decision without an outcome, an unknown step or outcome, a
refusal without a ground), 1 when the specs cannot be loaded or the service is not in
force on the day of receipt.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, TextIO

import networkx as nx
import pendulum
import typer

from commands.workspace import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    check_opening,
    load_executor,
    parse_applicant,
    parse_moment,
    read_spec_file,
    split_list,
)
from engine.calendar import CalendarError
from engine.cases import (
    SAMPLE_APPLICANT,
    CaseState,
    ExecutionError,
    Executor,
    case_data,
    dump_json,
    render_case,
    simulate,
)
from engine.cases.graph_places import moves_of
from engine.process import START
from engine.spec import did_you_mean

__all__ = ["ApplicantOption", "DocumentsOption", "GroundOption", "OutcomeOption", "SpecsOption",
           "parse_outcomes", "resolve_spec", "run_command", "run_simulation", "simulate_case",
           "simulate_resolved", "undecided"]


def parse_outcomes(items: Sequence[str]) -> dict[str, list[str]]:
    """`["review=accept", "check=valid"]` as `{"review": ["accept"], "check": ["valid"]}`.

    A step given twice takes its outcomes in order (for a step the case comes back to).
    """
    outcomes: dict[str, list[str]] = {}
    for item in items:
        step, sep, outcome = item.partition("=")
        if not sep or not step.strip() or not outcome.strip():
            raise CommandError(f'--outcome: expected STEP=OUTCOME, e.g. "review=accept", got '
                               f'"{item}"', EXIT_USAGE)
        outcomes.setdefault(step.strip(), []).append(outcome.strip())
    return outcomes


def resolve_spec(spec: str, specs: str | None) -> tuple[Executor, str, str | None]:
    """The executor and the (service, regulation) SPEC names: a regulation or standard file
    (standing in for its versions in the specs), a regulation id or a service id.

    Raises:
        CommandError: no such file or name (2), a file with errors or specs with errors (1).
    """
    path = Path(spec)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        document = read_spec_file(spec, ("regulation", "standard"),
                                  "give a regulation file, a regulation id or a service id")
        name = str(document.data["id"])
        executor = load_executor(specs, draft=document, only={name})
        return executor, name, name if document.kind == "regulation" else None
    executor = load_executor(specs, only={spec})
    if executor.corpus.regulation_versions(spec):
        return executor, spec, spec
    if executor.corpus.standard_versions(spec):
        return executor, spec, None
    known = {r.id for r in executor.corpus.regulations} | {s.id for s in executor.corpus.standards}
    raise CommandError(f'no regulation or service "{spec}" in the specs '
                       f"(hint: {did_you_mean(spec, known)})", EXIT_USAGE)


def _check_steps(executor: Executor, service: str, regulation: str | None, channel: str,
                 outcomes: dict[str, list[str]], day: dt.date) -> None:
    """Every step named by --outcome exists in the channel's process."""
    _, chosen = executor.resolve(service, day, regulation)
    steps = {s.id for s in chosen.processes.get(channel, ())}
    for step in outcomes:
        if step not in steps:
            raise CommandError(f'--outcome: no step "{step}" in the {channel} process of '
                               f'"{chosen.id}" (hint: {did_you_mean(step, steps)})', EXIT_USAGE)


def undecided(graph: nx.DiGraph, outcomes: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """The decisions a case on `graph` may reach without an outcome given: each with the
    outcomes it offers, in the order the process reaches them.

    The walk follows the outcomes given (and a step's default outcome); from a decision
    without one it follows every outcome, so that a single run names every decision the
    case could need, not only the first.
    """
    missing: list[tuple[str, list[str]]] = []
    seen = {START}
    queue = [START]
    while queue:
        node = queue.pop(0)
        moves = moves_of(graph, node)
        step = graph.nodes[node].get("step")
        chosen = outcomes.get(node) or (
            [step.default_outcome] if step is not None and step.default_outcome else [])
        if moves.offered and not chosen:
            missing.append((node, moves.offered))
        for target, offered, _, _ in moves.edges:
            if moves.offered and chosen and not set(offered) & set(chosen):
                continue
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return missing


def _check_decisions(executor: Executor, service: str, regulation: str | None, channel: str,
                     outcomes: dict[str, list[str]], day: dt.date) -> None:
    """Raise naming every decision the case may reach without an outcome, if there is one."""
    standard, chosen = executor.resolve(service, day, regulation)
    missing = undecided(executor.graph(standard, chosen, channel), outcomes)
    if not missing:
        return
    named = ", ".join(f'"{step}" (one of {", ".join(offered)})' for step, offered in missing)
    example = " ".join(f"--outcome {step}={'|'.join(offered)}" for step, offered in missing)
    noun = "a decision" if len(missing) == 1 else f"{len(missing)} decisions"
    raise CommandError(f"the {channel} process of \"{chosen.id}\" reaches {noun} without an "
                       f"outcome: {named} (hint: give one outcome each, {example})", EXIT_USAGE)


def simulate_case(spec: str, channel: str, received: str, documents: str | None,
                  outcome_items: Sequence[str], ground: str | None, applicant: str | None, *,
                  specs: str | None, opening_only: bool = False) -> tuple[Executor, CaseState]:
    """The case `reglament run` simulates from its options (all strings, as typed).

    With `opening_only`, the state right after the application is received (accepted or
    refused to accept), without walking the steps (no decision needs its outcome).

    Raises:
        CommandError: as `run_simulation` reports it (2 for the command line, 1 otherwise).
    """
    moment = parse_moment(received, "--received")
    applicant_id = parse_applicant(applicant) if applicant else SAMPLE_APPLICANT
    outcomes = parse_outcomes(outcome_items)
    executor, service, regulation = resolve_spec(spec, specs)
    return executor, simulate_resolved(executor, service, regulation, channel, moment, documents,
                                       outcomes, ground, applicant_id, opening_only=opening_only)


def simulate_resolved(executor: Executor, service: str, regulation: str | None, channel: str,
                      moment: pendulum.DateTime, documents: str | None,
                      outcomes: dict[str, list[str]], ground: str | None, applicant: str, *,
                      opening_only: bool = False) -> CaseState:
    """`simulate_case` once SPEC is resolved and the moment and applicant are parsed."""
    submitted = None if documents is None else split_list(documents)
    check_opening(executor, service, regulation, channel, moment, applicant, submitted or [])
    day = moment.in_timezone(executor.calendar.timezone).date()
    _check_steps(executor, service, regulation, channel, outcomes, day)
    try:
        if opening_only:
            if submitted is None:
                standard, _ = executor.resolve(service, day, regulation)
                submitted = [d.id for d in standard.required_documents(channel)]
            return executor.replay(executor.open("simulation", service, channel, moment,
                                                 applicant, submitted, regulation=regulation))
        return simulate(executor, service, channel, moment, documents=submitted,
                        outcomes=outcomes, ground=ground, applicant=applicant,
                        regulation=regulation)
    except ExecutionError as error:
        if not opening_only:  # a decision reached without an outcome: name all of them
            _check_decisions(executor, service, regulation, channel, outcomes, day)
        raise CommandError(str(error), EXIT_USAGE) from None
    except CalendarError as error:
        raise CommandError(str(error), EXIT_FAILED) from None


def run_simulation(spec: str, channel: str, received: str, documents: str | None,
                   outcome_items: Sequence[str], ground: str | None, applicant: str | None, *,
                   specs: str | None, as_json: bool, out: TextIO, err: TextIO) -> int:
    """Simulate one case of SPEC and print its timeline; return the exit code."""
    try:
        executor, state = simulate_case(spec, channel, received, documents, outcome_items,
                                        ground, applicant, specs=specs)
        if as_json:
            dump_json(case_data(executor, state), out)
        else:
            render_case(executor, state, out)
    except CommandError as error:
        return error.report("run", err)
    return EXIT_OK


DocumentsOption = Annotated[str | None, typer.Option(
    "--documents", help='Ids of the documents submitted, comma-separated ("" for none); '
    "default: every document the channel requires.", show_default=False)]
OutcomeOption = Annotated[list[str] | None, typer.Option(
    "--outcome", help="STEP=OUTCOME for a decision; repeat for each decision (and again for "
    "a step the case comes back to).", show_default=False)]
GroundOption = Annotated[str | None, typer.Option(
    "--ground", help="The ground cited if the case ends in a reasoned refusal.",
    show_default=False)]
ApplicantOption = Annotated[str | None, typer.Option(
    "--applicant", help=f"The applicant's ИИН or БИН; default {SAMPLE_APPLICANT}.",
    show_default=False)]
SpecsOption = Annotated[str | None, typer.Option(
    "--specs", help="Directory of the specs; default $REGLAMENT_SPECS or the project's specs/.",
    show_default=False)]


def run_command(
    spec: Annotated[str, typer.Argument(help="A regulation file, a regulation id or a service id.",
                                        show_default=False)],
    channel: Annotated[str, typer.Option("--channel", help="provider_office, gov_corp, portal...",
                                         show_default=False)],
    received: Annotated[str, typer.Option("--received", help="The moment of receipt, ISO 8601 "
                                          "with its UTC offset.", show_default=False)],
    documents: DocumentsOption = None,
    outcome: OutcomeOption = None,
    ground: GroundOption = None,
    applicant: ApplicantOption = None,
    specs: SpecsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON with sorted keys.")] = False,
) -> None:
    """Simulate one case, each step completed when due, and print its timeline."""
    raise typer.Exit(run_simulation(spec, channel, received, documents, outcome or [], ground,
                                    applicant, specs=specs, as_json=as_json, out=sys.stdout,
                                    err=sys.stderr))
