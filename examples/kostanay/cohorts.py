"""A year (2016) of cases of the Kostanay district education department, from seed 000's figures.

Seed 000 (the department's report for 2016) gives: 15,900 services rendered; 14,462 on paper at
the provider, 1,247 through the portal, 191 through the State Corporation (section 4 2)); the
four most demanded services with their counts, 10,582 / 1,705 / 1,288 / 1,285 (section 1 3)).
`PLAN` splits those figures over services and channels the specs model in 2016 (the split of a
service between channels, and the 1,040 cases of the other services, are not in the seed: they
are this example's choice, documented in examples/kostanay/README.md). `cohorts(...)` turns the
plan into one `Cohort` per service and channel, deterministically (a fixed seed): receipt
moments on working days inside the offices' reception hours (the portal at any hour), each case
walked through the minimal process its standard implies (receive, render, issue), a few of them
late or ended in a reasoned refusal. `build_journal` imports them through
`CaseBook.import_cohort`. `total` scales the plan (the benchmark's 1,000,000 cases).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar, localize, to_micros
from engine.cases import CaseBook, Cohort, CohortResult, Executor, Journal
from engine.spec.identity import check_digit

__all__ = ["PLAN", "SEED", "TOTAL", "YEAR", "Planned", "build_journal", "cohorts", "scaled"]

Int64Array = npt.NDArray[np.int64]
YEAR = 2016
TOTAL = 15_900
SEED = 2016
MINUTE = 60_000_000
DAY = 86_400_000_000


class Planned(NamedTuple):
    """How many cases of a service came through a channel, and how its term is counted."""

    service: str
    channel: str
    count: int
    regulation: str | None  # None: the process `Executor.open` picks
    long_term: bool  # a term in working days (received 1 March to 30 November)


#: Seed 000's figures over the services and channels of the specs (README, "The split").
PLAN: tuple[Planned, ...] = (
    Planned("additional-education", "provider_office", 9_900, None, False),
    Planned("additional-education", "portal", 682, None, False),          # service 9: 10,582
    Planned("school-admission", "provider_office", 1_500, None, False),
    Planned("school-admission", "portal", 205, None, False),              # service 7: 1,705
    Planned("preschool-queue", "provider_office", 1_100, None, False),
    Planned("preschool-queue", "portal", 188, None, False),               # service 5: 1,288
    Planned("preschool-admission", "provider_office", 1_285, None, False),  # service 6: 1,285
    Planned("education-document-duplicates", "provider_office", 677, None, True),
    Planned("education-document-duplicates", "gov_corp", 100, None, True),  # service 19: 777
    Planned("externat-permission", "gov_corp", 91, "externat-permission.implied", True),
    Planned("externat-permission", "portal", 172, "externat-permission.implied", True),  # 11: 263
)

#: The office hours in which receipt moments fall (inside every reception window of the specs'
#: schedules: 09:00-13:00 and 14:30-17:30 at the latest opening and earliest closing).
_OFFICE_MINUTES = np.concatenate([np.arange(10 * 60, 12 * 60 + 30), np.arange(15 * 60, 17 * 60)])


def scaled(total: int) -> tuple[Planned, ...]:
    """`PLAN` scaled to `total` cases (largest remainders, ties in plan order).

    Examples:
        >>> [p.count for p in scaled(15_900)] == [p.count for p in PLAN]
        True
        >>> sum(p.count for p in scaled(1_000_000))
        1000000
    """
    exact = [p.count * total / TOTAL for p in PLAN]
    counts = [int(x) for x in exact]
    order = sorted(range(len(PLAN)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[:total - sum(counts)]:
        counts[i] += 1
    return tuple(p._replace(count=c) for p, c in zip(PLAN, counts, strict=True))


def cohorts(executor: Executor, total: int = TOTAL, seed: int = SEED) -> list[Cohort]:
    """One cohort per line of the plan scaled to `total`; the same for the same arguments."""
    rng = np.random.default_rng(seed)
    calendar = executor.calendar
    applicants = _applicants(2_000)
    made: list[Cohort] = []
    first = 0
    for planned in scaled(total):
        made.append(_cohort(executor, calendar, planned, first, rng, applicants))
        first += planned.count
    return made


def build_journal(path: Path, executor: Executor, total: int = TOTAL,
                  seed: int = SEED) -> list[CohortResult]:
    """Import the year's cohorts into a new journal at `path` (one transaction per cohort)."""
    with Journal(path) as journal:
        book = CaseBook(executor, journal)
        return [book.import_cohort(cohort) for cohort in cohorts(executor, total, seed)]


def _cohort(executor: Executor, calendar: Calendar, planned: Planned, first: int,
            rng: np.random.Generator, applicants: Sequence[str]) -> Cohort:
    n = planned.count
    start, end = (dt.date(YEAR, 3, 1), dt.date(YEAR, 11, 30)) if planned.long_term else (
        dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    days = [start + dt.timedelta(d) for d in range((end - start).days + 1)]
    if planned.channel != "portal":
        days = [d for d in days if calendar.is_working_day(d)]
    midnights = np.array([to_micros(localize(dt.datetime(d.year, d.month, d.day))) for d in days],
                         dtype=np.int64)
    day = rng.integers(0, len(days), n)
    if planned.channel == "portal":
        seconds = rng.integers(0, 86_400, n)
    else:
        seconds = _OFFICE_MINUTES[rng.integers(0, _OFFICE_MINUTES.size, n)] * 60 + rng.integers(0, 60, n)
    received: Int64Array = np.sort(midnights[day] + seconds.astype(np.int64) * 1_000_000)
    standard, _ = executor.resolve(planned.service, days[0], planned.regulation)
    documents = tuple(d.id for d in standard.required_documents(planned.channel))
    grounds = [g.id for g in standard.refusal_grounds]
    # The walk: receive and issue take no working time (the implied process gives them none:
    # done at once, or late); render within the term, 3 % late.
    receive = received
    late = rng.random(n) < 0.03
    if planned.long_term:  # 15 working days: about 21 calendar days
        render = receive + np.where(late, rng.integers(23, 30, n), rng.integers(1, 18, n)) * DAY
    else:  # 30 minutes
        render = receive + np.where(late, rng.integers(35, 90, n), rng.integers(5, 25, n)) * MINUTE
    issue = render
    refused = rng.random(n) < 0.015
    ground = rng.integers(0, max(len(grounds), 1), n)
    action_case = np.repeat(np.arange(n, dtype=np.int64), 3)
    at = np.stack([receive, render, issue], axis=1).reshape(-1).astype(np.int64)
    flags = refused.tolist()
    picks = ground.tolist()
    steps: list[str | None] = []
    outcomes: list[str | None] = []
    chosen: list[str | None] = []
    for refuse, pick in zip(flags, picks, strict=True):
        steps += ["receive", "render", "issue_refusal" if refuse else "issue"]
        outcomes += [None, "refused" if refuse else "granted", None]
        chosen += [None, None, grounds[pick] if refuse else None]
    desk = "provider" if planned.channel == "provider_office" else planned.channel
    by = [f"{desk}-{k % 3 + 1}" for k in range(3 * n)]
    picked = rng.integers(0, len(applicants), n).tolist()
    return Cohort(
        planned.service, planned.channel, [f"kst-{YEAR}-{first + k + 1:07d}" for k in range(n)],
        received, [applicants[k] for k in picked], [documents] * n, action_case, steps, at, by,
        outcomes, chosen, regulation=planned.regulation)


def _applicants(count: int) -> list[str]:
    """`count` valid ИИН of parents born 1975-1995 (the same every time)."""
    found: list[str] = []
    serial = 0
    while len(found) < count:
        serial += 1
        born = dt.date(1975, 1, 1) + dt.timedelta(days=(serial * 37) % 7300)
        first_eleven = f"{born:%y%m%d}{3 + serial % 2}{serial % 10_000:04d}"
        digit = check_digit(first_eleven)
        if digit is not None:
            found.append(f"{first_eleven}{digit}")
    return found
