"""A year of applications as columns: how many cases meet their term, which are late.

Run from anywhere:

    python examples/cohort_cases.py [SPECS_DIR]

SPECS_DIR defaults to the project's specs/: school admission under the Aktobe regulation,
which was in force for the whole of 2019. docs/library.md ("A cohort by columns") explains every step.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np

from engine.calendar import default_calendar, localize, to_micros
from engine.cases import STATUSES, Cohort, Executor, instant, run_cohort, run_one_by_one
from engine.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]
APPLICANT = "860306300458"  # a valid ИИН (check digit 8)
#: The provider-office walk of a school admission: (step, outcome, minutes after receipt).
WALK = (("register", None, 4), ("assign", None, 12), ("review", "accept", 15),
        ("sign_receipt", None, 20), ("issue_receipt", None, 24))
MINUTE = 60_000_000


def applications(year: int) -> Cohort:
    """One application an hour, 10:00 to 17:00 but not at 13:00 and 14:00 (the office
    receives 09:00-13:00 and 14:30-17:30, seed 004, and takes no application outside), on every weekday of `year` (a
    holiday's are refused at opening: the office is closed); on every seventh the clerk
    takes hours, not minutes; the last day's cases are still open at the end of the year."""
    case_ids, received, rows, steps, at, outcomes = [], [], [], [], [], []
    day = dt.date(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5:
            for hour in (10, 11, 12, 15, 16, 17):
                row = len(case_ids)
                case_ids.append(f"{day.isoformat()}-{hour}")
                moment = to_micros(localize(dt.datetime(day.year, day.month, day.day, hour)))
                received.append(moment)
                slow = 60 if row % 7 == 0 else 1
                walk = WALK[:2] if day.month == 12 and day.day == 31 else WALK
                for step, outcome, minutes in walk:
                    rows.append(row)
                    steps.append(step)
                    at.append(moment + minutes * slow * MINUTE)
                    outcomes.append(outcome)
        day += dt.timedelta(days=1)
    count = len(case_ids)
    return Cohort("school-admission", "provider_office", case_ids,
                  np.array(received, dtype=np.int64), [APPLICANT] * count,
                  [("application",)] * count, np.array(rows, dtype=np.int64), steps,
                  np.array(at, dtype=np.int64), ["clerk-1"] * len(steps), outcomes,
                  [None] * len(steps))


def main(specs: Path) -> None:
    executor = Executor(load_corpus([specs]), default_calendar())
    cohort = applications(2019)
    result = run_cohort(executor, cohort)
    print(f"{len(cohort)} cases, {len(cohort.action_case)} actions, "
          f"rejected {len(result.action_errors)}")
    print(f"statuses: {result.counts()}")
    met, ended = int(result.met_term().sum()), int((result.status >= 2).sum())
    print(f"met the term: {met}, missed it: {ended - met}")
    end = to_micros(localize(dt.datetime(2019, 12, 31, 18, 0)))
    print(f"late on 2019-12-31 18:00: {int(result.overdue(end).sum())} of "
          f"{int((result.status == STATUSES.index('open')).sum())} open cases")
    row = cohort.case_ids.index("2019-03-11-15")
    case = result.state(row)
    assert case is not None
    print(f"2019-03-11-15: {case.status}, term ends "
          f"{instant(case.due).format('YYYY-MM-DD HH:mm')}, late steps "
          f"{[r.step for r in case.history if r.late]}")
    print(f"counted by columns: {int(result.fast.sum())} of {len(cohort)} cases")
    first = cohort.commands(range(100))
    print(f"the same as one by one (first 100 cases): "
          f"{result.applied()[:len(first)] == run_one_by_one(executor, first).applied}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "specs")
