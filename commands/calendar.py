"""`reglament calendar workdays|show` and `reglament due`: thin commands over engine.calendar.

Each `run_*` function does the work and returns an exit code: 0 on success, 1 when
the calendar cannot answer (a year it does not cover, a broken calendar spec),
2 for bad input (an unknown schedule, a garbled or naive instant, a bad duration).
Errors are one line on stderr, never a traceback. The typer functions only parse
options; cli.py names them in `ELSEWHERE` (imported when `calendar` or `due` runs):

    "calendar": "commands.calendar:calendar_app",
    "due": "commands.calendar:due_command",
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, TextIO

import typer

from commands.calendar_json import show_data, workdays_data
from commands.workspace import specs_dir
from engine.calendar import (
    DEFAULT_SCHEDULE,
    ENV_VAR,
    LEGAL_WEEK,
    Calendar,
    CalendarError,
    NoBankingDays,
    NoCalendarData,
    UnknownSchedule,
    load_calendar,
    parse_instant,
    read_schedule_set,
    render_year,
    with_schedules,
)
from engine.corpus import iter_spec_files
from engine.spec import DurationError, SpecErrors, parse_duration, read_document
from engine.spec.yamlsource import MAX_BYTES
from engine.support.bounded_read import FileRefused, read_regular_file
from engine.support.json_text import dumps_indented

__all__ = ["calendar_app", "due_command", "run_due", "run_show", "run_workdays"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class Language(StrEnum):
    kk = "kk"
    ru = "ru"


def _calendar(calendars: str | None, err: TextIO, command: str,
              specs: str | None = None) -> Calendar | None:
    """The calendar, with the `kind: schedules` files below `specs` (default: the specs
    directory, when there is one) joined to it."""
    try:
        return _with_schedules(load_calendar(calendars), specs)
    except SpecErrors as exc:
        for error in exc.errors:
            err.write(f"{error}\n")
        err.write(f"reglament {command}: the calendar spec has {len(exc.errors)} error(s)\n")
    except CalendarError as exc:
        err.write(f"reglament {command}: {exc}\n")
    return None


def _with_schedules(calendar: Calendar, specs: str | None) -> Calendar:
    where = specs_dir(specs)
    if not where.exists():
        if specs is not None:
            raise CalendarError(f"no specs directory or file at {where} (hint: pass --specs DIR)")
        return calendar
    sets, errors = [], []
    for path in iter_spec_files([where]):
        try:  # only a file that can be a `kind: schedules` one is read whole and checked
            if b"schedules" not in read_regular_file(str(path), MAX_BYTES):
                continue
        except FileRefused:
            continue
        document = read_document(path)
        if document.kind != "schedules":
            continue
        errors.extend(document.blocking)
        if not document.blocking:
            found, problems = read_schedule_set(document)
            errors.extend(e for e in problems if e.severity == "error")
            sets.append(found)
    joined, problems = with_schedules(calendar, sets) if not errors else (calendar, [])
    errors.extend(e for e in problems if e.severity == "error")
    if errors:
        raise SpecErrors(errors)
    return joined


def _fail(err: TextIO, command: str, exc: Exception) -> int:
    err.write(f"reglament {command}: {exc}\n")
    if isinstance(exc, NoCalendarData | NoBankingDays) or not isinstance(
            exc, CalendarError | DurationError):
        return EXIT_FAILED
    return EXIT_USAGE


def _dump(data: object, out: TextIO) -> None:
    out.write(dumps_indented(data))
    out.write("\n")


def run_workdays(year: int, schedule: str, calendars: str | None,
                 out: TextIO, err: TextIO, specs: str | None = None, *,
                 as_json: bool = False) -> int:
    """Print the number of working days of `year` on the schedule's week (as JSON with what
    it rests on, with `as_json`)."""
    calendar = _calendar(calendars, err, "calendar workdays", specs)
    if calendar is None:
        return EXIT_FAILED
    try:
        if as_json:
            _dump(workdays_data(calendar, year, schedule), out)
        else:
            out.write(f"{calendar.working_days(year, schedule)}\n")
    except CalendarError as exc:
        return _fail(err, "calendar workdays", exc)
    return EXIT_OK


def run_show(year: int, schedule: str, lang: str, calendars: str | None,
             out: TextIO, err: TextIO, specs: str | None = None, *,
             as_json: bool = False) -> int:
    """Print the month grid of `year` with holidays and transfers, in kk or ru (every day
    as JSON, its notes in both languages, with `as_json`)."""
    calendar = _calendar(calendars, err, "calendar show", specs)
    if calendar is None:
        return EXIT_FAILED
    try:
        if as_json:
            _dump(show_data(calendar, year, schedule), out)
        else:
            out.write(render_year(calendar, year, schedule, lang))
    except CalendarError as exc:
        return _fail(err, "calendar show", exc)
    return EXIT_OK


def run_due(start: str, duration: str, schedule: str, *, as_json: bool,
            exclude_acceptance_day: bool, calendars: str | None,
            out: TextIO, err: TextIO, specs: str | None = None, week: str | None = None) -> int:
    """Print the due instant of a term of `duration` starting at `start`: on the schedule's
    own days (a step's limit), or with `week`, a term whose days count on that week (a
    standard's term in days counts the legal five-day week, `Calendar.term_schedule`)."""
    try:
        term = parse_duration(duration)
    except DurationError as exc:
        return _fail(err, "due", exc)
    calendar = _calendar(calendars, err, "due", specs)
    if calendar is None:
        return EXIT_FAILED
    try:
        instant = parse_instant(start, calendar.timezone)
        chosen = calendar.schedule(schedule)
        counted = calendar.term_schedule(schedule, term, week) if week else schedule
        received = calendar.receive(instant, schedule)
        due = calendar.due(instant, term, counted, exclude_acceptance_day=exclude_acceptance_day)
    except (CalendarError, UnknownSchedule) as exc:
        return _fail(err, "due", exc)
    note = calendar.provisional_note(instant.date(), due.date())
    own_week = calendar.schedule(chosen.counting).week
    if week is None and term.is_day_based and own_week not in (None, LEGAL_WEEK):
        err.write(f"reglament due: note: counted on the {own_week} week of \"{schedule}\", as a "
                  f"step's limit is; a standard's term in days counts the {LEGAL_WEEK} week "
                  f"(add --week {LEGAL_WEEK}; docs/calendar.md, \"Which calendar counts a "
                  "term\")\n")
    if not as_json:
        out.write(f"{due.isoformat()}\n")
        if note:
            err.write(f"reglament due: note: {note}\n")
        return EXIT_OK
    _dump({
        "provisional": note or None,
        "counts_on": calendar.schedule(counted).counting,
        "due": due.isoformat(),
        "duration": str(term),
        "exclude_acceptance_day": exclude_acceptance_day,
        "from": instant.isoformat(),
        "received": received.isoformat(),
        "schedule": chosen.id,
        "timezone": calendar.timezone,
    }, out)
    return EXIT_OK


calendar_app = typer.Typer(
    help="The working-time calendar of Kazakhstan: working days, month grids.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_Schedule = Annotated[str, typer.Option("--schedule", help="Named schedule (provider, "
                                        "provider_0900_1800, gov_corp, portal).")]
_Specs = Annotated[str | None, typer.Option(
    "--specs", help="Directory of specs whose `kind: schedules` files add schedules; default "
    "$REGLAMENT_SPECS or the project's specs/.", show_default=False)]
_Calendars = Annotated[str | None, typer.Option(
    "--calendars", help=f"Directory (or file) of the calendar spec; default ${ENV_VAR} or "
    "the project's specs/calendars.", show_default=False)]
_Json = Annotated[bool, typer.Option("--json", help="Print JSON with sorted keys.")]


@calendar_app.command("workdays")
def workdays_command(
    year: Annotated[int, typer.Argument(help="The year, e.g. 2025.")],
    schedule: _Schedule = DEFAULT_SCHEDULE,
    calendars: _Calendars = None,
    specs: _Specs = None,
    as_json: _Json = False,
) -> None:
    """Print the number of working days in YEAR (five-day provider week by default)."""
    raise typer.Exit(run_workdays(year, schedule, calendars, sys.stdout, sys.stderr, specs,
                                  as_json=as_json))


@calendar_app.command("show")
def show_command(
    year: Annotated[int, typer.Argument(help="The year, e.g. 2025.")],
    lang: Annotated[Language, typer.Option("--lang", help="Language of the names.")] = Language.kk,
    schedule: _Schedule = DEFAULT_SCHEDULE,
    calendars: _Calendars = None,
    specs: _Specs = None,
    as_json: _Json = False,
) -> None:
    """Print the month grid of YEAR, marking holidays and transferred days."""
    raise typer.Exit(run_show(year, schedule, lang.value, calendars, sys.stdout, sys.stderr,
                              specs, as_json=as_json))


def due_command(
    start: Annotated[str, typer.Option("--from", help="ISO 8601 instant with its UTC offset, "
                                       "e.g. 2024-05-03T10:00:00+05:00.", show_default=False)],
    add: Annotated[str, typer.Option("--add", help='The term: "15 min", "2 h", "12 wd", "30 cd".',
                                     show_default=False)],
    schedule: _Schedule = DEFAULT_SCHEDULE,
    as_json: _Json = False,
    exclude_acceptance_day: Annotated[bool, typer.Option(
        "--exclude-acceptance-day",
        help="Art. 20(1): count from the first working day after the day of acceptance.")] = False,
    calendars: _Calendars = None,
    specs: _Specs = None,
    week: Annotated[str | None, typer.Option(
        "--week", help="Count the days of the term on this week, as a standard's term is "
        "(five_day: the legal week); default: the schedule's own week, as a step's limit is.",
        show_default=False)] = None,
) -> None:
    """Print the instant a term ends: --from START --add DURATION on --schedule."""
    raise typer.Exit(run_due(start, add, schedule, as_json=as_json,
                             exclude_acceptance_day=exclude_acceptance_day,
                             calendars=calendars, out=sys.stdout, err=sys.stderr, specs=specs,
                             week=week))
