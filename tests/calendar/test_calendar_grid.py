"""The month grid behind `reglament calendar show`."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.calendar import Calendar, NoCalendarData, month_grids, render_year


def test_twelve_months_whose_counts_add_up(calendar: Calendar) -> None:
    grids = month_grids(calendar, 2024)
    assert [g.month for g in grids] == list(range(1, 13))
    assert sum(g.working_days for g in grids) == 249
    march = grids[2]
    assert [cell.date.day if cell else None for cell in march.weeks[0]] == [
        None, None, None, None, 1, 2, 3]
    assert [(d, text) for d, text in march.notes if d.day == 25] == [
        (dt.date(2024, 3, 25), "Наурыз мейрамы (демалыс 23.03.2024 бастап ауыстырылды)")]


def test_six_day_week_grid(calendar: Calendar) -> None:
    text = render_year(calendar, 2024, "gov_corp", "ru")
    may = text[text.index("Май 2024"):text.index("Июнь 2024")]
    # No transfer on the six-day week: Saturday 4 May is an ordinary working day.
    assert " 1*  2   3   4   5·" in may
    assert "жұмыс" not in text


def test_output_is_deterministic(calendar: Calendar) -> None:
    assert render_year(calendar, 2026, lang="kk") == render_year(calendar, 2026, lang="kk")


def test_uncovered_year(calendar: Calendar) -> None:
    with pytest.raises(NoCalendarData):
        render_year(calendar, 2028)
