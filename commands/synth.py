"""`reglament synth`: a synthetic event log from the specs, with injected faults.

Writes the log (CSV, Parquet, XES or OCEL 2.0 JSON) at `--out`, its mapping file
(`<name>.map.yaml`, `kind: audit_map`) and its known truth (`<name>.truth.jsonl`: one line
per fault the audit must find, one per case with its term's verdict) beside it, and prints
what it wrote (docs/audit.md, "Synthetic logs and known truth"). `run_synth` returns
0, 1 when the specs cannot be loaded or the calendar does not cover the cases, 2 on bad
options (a date, a fault rate, a service not in force).
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from commands.workspace import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CommandError, load_executor
from engine.audit import FaultError, SyntheticRequest, generate, parse_faults, plan_of
from engine.audit.log_writers import write_log
from engine.calendar import CalendarError
from engine.cases import ExecutionError

__all__ = ["LogFormat", "run_synth", "synth_command"]

#: The most cases one run generates (30 million events are about 4.5 million cases).
MAX_CASES = 50_000_000


class LogFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xes = "xes"
    ocel = "ocel"


def _day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f'{option}: expected a date like 2019-03-01, got "{text}"',
                           EXIT_USAGE) from None


def run_synth(*, specs: str | None, services: list[str], cases: int, seed: int,
                     first: str, last: str, faults: str | None, fmt: str, out: str,
                     stdout: TextIO, err: TextIO) -> int:
    """Generate and write the log, its mapping and its truth; the exit code."""
    try:
        start, end = _day(first, "--from"), _day(last, "--to")
        if end < start:
            raise CommandError(f"--to {end} is before --from {start}", EXIT_USAGE)
        if not 1 <= cases <= MAX_CASES:
            raise CommandError(f"--cases: expected 1 to {MAX_CASES:,}, got {cases}", EXIT_USAGE)
        try:
            rates = parse_faults(faults)
        except FaultError as error:
            raise CommandError(str(error), EXIT_USAGE) from None
        target = Path(out)
        try:  # --out makes the directories it needs, as every command's does
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"--out: cannot make the directory {target.parent}: "
                               f"{error.strerror or error}", EXIT_USAGE) from None
        executor = load_executor(specs)
        request = SyntheticRequest(cases, seed, start, end, tuple(services), rates)
        try:
            plan = plan_of(executor, request)
            written = write_log(generate(executor, request, plan), fmt, target, plan,
                                timezone=executor.calendar.timezone,
                                map_id=f"synthetic-{seed}")
        except ExecutionError as error:
            raise CommandError(str(error), EXIT_USAGE) from None
        except (CalendarError, ValueError) as error:
            raise CommandError(str(error), EXIT_FAILED) from None
        except OSError as error:
            raise CommandError(f"--out: cannot write {target}: {error.strerror or error}",
                               EXIT_FAILED) from None
    except CommandError as error:
        return error.report("synth", err)
    stdout.write(f"log:     {written.log} ({written.cases:,} cases, {written.events:,} events)\n"
                 f"mapping: {written.mapping}\ntruth:   {written.truth}\n")
    kinds = {k: v for k, v in sorted(written.kinds.items()) if k != "case"}
    holidays = written.holidays
    stdout.write("faults:  " + (", ".join(f"{k} {v:,}" for k, v in kinds.items()) or "none")
                 + (f"; cases over a holiday, on time: {holidays:,}" if holidays else "") + "\n")
    return EXIT_OK


def synth_command(
    out: Annotated[str, typer.Option("--out", help="The log to write; the mapping file "
                                     "(NAME.map.yaml) and the truth (NAME.truth.jsonl) go beside "
                                     "it.", show_default=False)],
    first: Annotated[str, typer.Option("--from", help="First day of receipt, e.g. 2019-01-01.",
                                       show_default=False)],
    last: Annotated[str, typer.Option("--to", help="Last day of receipt, e.g. 2019-12-31.",
                                      show_default=False)],
    cases: Annotated[int, typer.Option("--cases", help="How many cases.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same bytes.")] = 0,
    services: Annotated[list[str] | None, typer.Option(
        "--service", help="A service (standard id); repeat for several. Default: every service "
        "with a regulation in force during the period.", show_default=False)] = None,
    faults: Annotated[str | None, typer.Option(
        "--faults", help="Shares of cases with each fault: late, skip, repeat, order, slow, "
        "outcome, ground, term, holiday, reading, e.g. late=0.05,skip=0.01.", show_default=False)] = None,
    fmt: Annotated[LogFormat, typer.Option("--format", help="The log's format.")] = LogFormat.csv,
    specs: Annotated[str | None, typer.Option("--specs", help="The specs directory.",
                                              show_default=False)] = None,
) -> None:
    """Write a synthetic event log from the specs, with injected faults and their known truth."""
    raise typer.Exit(run_synth(specs=specs, services=services or [], cases=cases,
                                      seed=seed, first=first, last=last, faults=faults,
                                      fmt=fmt.value, out=out, stdout=sys.stdout, err=sys.stderr))
