"""A small journal of 2019 on the bundled specs, built through the library (a CaseBook).

Hand-worked figures (period 2019, provider kostanay-district-education):
- school-admission, provider office: c01 met (steps a minute each), c02 missed (review
  done 40 min after receipt; term 30 min), c03 reasoned refusal on requirements_not_met
  (in time), c05 refused to accept (no application: Law 88-V, art. 19);
- school-admission, portal: c04 opened in June, left open (its step past due at the end);
- externat-permission, State Corporation: c06 opened in September, left open;
- c07: received on 2018-12-28, outside the period.
So 6 cases: provider 4, portal 1, State Corporation 1; months March 1 (c01), April 1,
May 2 (c03, c05), June 1, September 1.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from engine.calendar import default_calendar, localize
from engine.cases import CaseBook, Executor, Journal
from engine.corpus import load_corpus

SPECS = Path(__file__).resolve().parents[2] / "specs"
IIN = "860306300458"


@cache
def executor() -> Executor:
    return Executor(load_corpus([SPECS]), default_calendar())


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return localize(dt.datetime(year, month, day, hour, minute))


def _walk(book: CaseBook, case: str, start: dt.datetime, minutes: list[int],
          refuse: bool = False) -> None:
    steps = [("register", None), ("assign", None),
             ("review", "refuse" if refuse else "accept")]
    steps += [("sign_refusal", None), ("issue_refusal", None)] if refuse else [
        ("sign_receipt", None), ("issue_receipt", None)]
    for (step, outcome), minute in zip(steps, minutes, strict=True):
        ground = "requirements_not_met" if refuse and step == "issue_refusal" else None
        book.complete(case, step, at=start + dt.timedelta(minutes=minute), by="clerk",
                      outcome=outcome, ground=ground)


def build(path: Path) -> Path:
    """Write the journal at `path` and return it."""
    book = CaseBook(executor(), Journal(path))
    start = _at(2019, 3, 12, 10)
    book.open("c01", "school-admission", "provider_office", start, IIN, ["application"])
    _walk(book, "c01", start, [1, 2, 3, 4, 5])
    start = _at(2019, 4, 2, 10)
    book.open("c02", "school-admission", "provider_office", start, IIN, ["application"])
    _walk(book, "c02", start, [1, 2, 40, 41, 42])
    start = _at(2019, 5, 14, 11)
    book.open("c03", "school-admission", "provider_office", start, IIN, ["application"])
    _walk(book, "c03", start, [1, 2, 3, 4, 5], refuse=True)
    book.open("c04", "school-admission", "portal", _at(2019, 6, 3, 10), IIN, ["eds_request"])
    book.open("c05", "school-admission", "provider_office", _at(2019, 5, 15, 10), IIN, [])
    book.open("c06", "externat-permission", "gov_corp", _at(2019, 9, 10, 10), IIN,
              ["application"])
    book.open("c07", "school-admission", "provider_office", _at(2018, 12, 28, 10), IIN,
              ["application"])
    book.journal.close()
    return path
