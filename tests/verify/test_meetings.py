"""Steps that wait for a meeting, verified from the meeting's rule: the key facts literally.

The golden reports are in data/meeting-*/ (test_cases.py); here the worst cases are worked
by hand on the calendar, so a regenerated golden file cannot hide a wrong bound.
"""

from __future__ import annotations

import io
import json

import pytest

from commands.check import run_check
from engine.verify import Verdict, check_corpus, write_report


def _verdict(case: str) -> Verdict:
    (verdict,) = check_corpus([case]).verdicts
    return verdict


pytestmark = pytest.mark.usefixtures("in_data")


def test_last_working_friday_skips_republic_day_and_waits_for_november() -> None:
    verdict = _verdict("meeting-monthly")
    assert verdict.status == "exceeded"
    assert verdict.worst is not None
    # Friday 25 October 2024 is Republic Day, so Friday 18 October is October's last working
    # Friday; a case ready after that day's opening waits for Friday 29 November, then 1 wd
    # (Monday 2 December) and 1 wd (Tuesday 3): one day past the term of 30 wd.
    assert str(verdict.worst.received) == "2024-10-18 17:29:00+05:00"
    commission = verdict.worst.timeline[1]
    assert (commission.step, str(commission.end)) == ("commission", "2024-12-02 18:30:00+05:00")
    assert str(verdict.worst.steps_end) == "2024-12-03 18:30:00+05:00"
    assert str(verdict.overrun) == "1 wd"
    assert "the last working Friday of each month" in verdict.message()


def test_every_tuesday_skips_two_tuesdays_off_in_may_2018() -> None:
    verdict = _verdict("meeting-weekly")
    assert verdict.worst is not None
    # Tuesday 1 May 2018 is a holiday and Tuesday 8 May a day off by transfer: ready on
    # Tuesday 24 April after the opening, the next meeting is Tuesday 15 May.
    assert str(verdict.worst.received) == "2018-04-24 17:29:00+06:00"  # UTC+6 until 2024
    assert str(verdict.worst.timeline[1].end) == "2018-05-16 18:30:00+06:00"
    assert verdict.worst.takes == "14 wd to 18:30"


def test_a_list_of_dates_is_checked_on_the_receipts_that_reach_one() -> None:
    verdict = _verdict("meeting-dates")
    assert verdict.status == "ok"
    assert verdict.worst is not None
    assert str(verdict.worst.received) == "2026-06-26 17:29:00+05:00"  # next: 31 July
    assert any("none after 2026-12-25" in a for a in verdict.assumptions)


def test_at_least_once_a_month_takes_the_longest_gap_and_says_so() -> None:
    verdict = _verdict("meeting-at-least-monthly")
    assert verdict.status == "exceeded"
    assert verdict.worst is not None
    # Friday 1 November 2024, November's first working day: its meeting may be held that
    # morning, December's on Tuesday 31 December; then 1 wd to Sunday 5 January 2025 (worked
    # by transfer) and 1 wd to Monday 6.
    assert str(verdict.worst.received) == "2024-11-01 17:29:00+05:00"
    assert str(verdict.worst.steps_end) == "2025-01-06 18:30:00+05:00"
    assert any(a.startswith("assumed: step commission") and "only a frequency" in a
               for a in verdict.assumptions)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_the_frequency_assumption_is_printed_in_every_report(fmt: str) -> None:
    out = io.StringIO()
    write_report(check_corpus(["meeting-at-least-monthly"]), fmt, out)
    text = out.getvalue()
    assert "the text gives only a frequency (at least once a month)" in text
    if fmt == "sarif":
        results = json.loads(text)["runs"][0]["results"]
        assert {r["ruleId"]: r["level"] for r in results}["meeting"] == "note"
    if fmt == "json":
        paths = json.loads(text)["paths"]
        assert "only a frequency" in paths[0]["assumptions"][0]


def test_a_meeting_date_outside_the_calendar_is_located_and_the_rest_verified() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_check(["meeting-date-outside"], "text", out, err) == 1
    assert ("meeting-date-outside/regulations/service.yaml:46:9: processes.provider_office"
            "[id=commission].waits_for.dates[1]: meeting date 2031-01-31 is outside the "
            "calendar's years 2008-2027") in out.getvalue()
    assert _verdict("meeting-date-outside").status == "ok"
