"""Many commands at once: an analyst's batch in memory, and a backlog imported into a journal.

Run from anywhere:

    python examples/batch_cases.py [SPECS_DIR] [JOURNAL]

SPECS_DIR defaults to the project's specs/ (school admission under the Aktobe regulation,
in force 2018-07-31 to 2020-02-17); JOURNAL defaults to a new file in a temporary directory.
docs/library.md ("Many commands at once") explains every step.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections import Counter
from pathlib import Path

from engine.calendar import default_calendar, localize
from engine.cases import CaseBook, Command, Complete, Executor, Journal, Open, instant, run_batch, run_one_by_one
from engine.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]
APPLICANT = "860306300458"  # a valid ИИН (check digit 8)
#: The provider-office walk of a school admission: (step, outcome, minutes after receipt).
WALK = (("register", None, 4), ("assign", None, 12), ("review", "accept", 15),
        ("sign_receipt", None, 20), ("issue_receipt", None, 24))


def backlog(days: int) -> list[Command]:
    """Applications of the first `days` days of March 2019, one an hour of each working day
    (not weekends nor 8 March) from 10:00 to 17:00 but not at 13:00 and 14:00 (the office
    receives 09:00-13:00 and 14:30-17:30, seed 004, and takes no application outside), walked
    to a result (every fifth one slowly: its steps take hours, not minutes), and one mistake."""
    commands: list[Command] = []
    for day in range(1, days + 1):
        if dt.date(2019, 3, day).weekday() >= 5 or day == 8:
            continue
        for hour in (10, 11, 12, 15, 16, 17):
            case_id = f"2019-03-{day:02d}-{hour}"
            received = localize(dt.datetime(2019, 3, day, hour, 0))
            slow = 60 if hour % 5 == 0 else 1
            commands.append(Open(case_id, "school-admission", "provider_office", received,
                                 APPLICANT, ("application",), command_id=f"{case_id}:open"))
            commands.extend(Complete(case_id, step, received + dt.timedelta(minutes=minutes * slow),
                                     "clerk-1", outcome, command_id=f"{case_id}:{step}")
                            for step, outcome, minutes in WALK)
    commands.append(Complete("2019-03-01-10", "review", localize(dt.datetime(2019, 3, 2, 9, 0)),
                             "clerk-1", "accept"))  # the case has ended: rejected
    return commands


def main(specs: Path, journal_path: Path) -> None:
    executor = Executor(load_corpus([specs]), default_calendar())
    commands = backlog(days=20)

    # An analyst's batch in memory: the same events and states as one by one, faster.
    result = run_batch(executor, commands)
    print(f"{len(commands)} commands, accepted {sum(a.accepted for a in result.applied)}")
    print(f"rejected: {[a.error for a in result.applied if not a.accepted]}")
    statuses = Counter(s.status for s in result.states.values())
    met = Counter(s.met_term for s in result.states.values())
    print(f"cases: {dict(statuses)}, met the term: {met[True]}, missed it: {met[False]}")
    case = result.states["2019-03-11-15"]
    print(f"2019-03-11-15: term ends {instant(case.due).format('YYYY-MM-DD HH:mm')}, "
          f"late steps {[r.step for r in case.history if r.late]}")
    print(f"the same as one by one: {result == run_one_by_one(executor, commands)}")

    # The same backlog imported into a journal: one transaction for all of it.
    with Journal(journal_path) as journal:
        book = CaseBook(executor, journal)
        applied = book.apply_many(commands)
        print(f"journal: {len(journal.cases())} cases, "
              f"{sum(len(a.events) for a in applied)} events written")
        again = book.apply_many(commands)  # the import retried after a lost answer
        print(f"retried: {sum(a.repeated for a in again)} already applied, "
              f"{sum(len(a.events) for a in again)} events written")


if __name__ == "__main__":
    specs = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "specs"
    if len(sys.argv) > 2:
        main(specs, Path(sys.argv[2]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(specs, Path(tmp) / "backlog.db")
