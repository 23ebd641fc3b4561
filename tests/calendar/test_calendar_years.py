"""The covered years 2008-2027: counts, transfers, the holidays as the law stood each year,
and 2027 as a provisional year. Sources: kz.yaml and docs/calendar.md, "Sources of each year"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine.calendar import Calendar, load_calendar
from engine.spec import SpecErrors

D = dt.date

#: What the data gives, five-day week (`provider`) and six-day week (`gov_corp`).
COUNTS = {
    2008: (250, 302), 2009: (249, 301), 2010: (247, 299), 2011: (247, 300), 2012: (247, 298),
    2013: (246, 297), 2014: (245, 297), 2015: (245, 297), 2016: (245, 298), 2017: (245, 296),
    2018: (246, 298), 2019: (246, 298), 2020: (246, 298), 2021: (245, 297), 2022: (246, 298),
    2023: (246, 297), 2024: (249, 301), 2025: (246, 298), 2026: (246, 298), 2027: (247, 299),
}

#: The published five-day counts (kz.yaml `official_counts`, each cited there). None was
#: found for 2008-2015, 2017, 2022, 2023, 2026 and (provisional) 2027.
PUBLISHED = {2016: 245, 2018: 246, 2019: 246, 2020: 246, 2021: 245, 2024: 249, 2025: 246}

#: The transfers of 2008-2014, (worked, off), with the act.
TRANSFERS_2008_2014 = [
    (D(2008, 5, 4), D(2008, 5, 2)),  # decree No. 364 of 2008 (adilet P080000364_)
    (D(2008, 12, 13), D(2008, 12, 15)),  # decision of November 2008 (qppstudio.net)
    (D(2009, 12, 20), D(2009, 12, 18)),  # decree No. 1936 of 26 November 2009
    (D(2010, 1, 10), D(2010, 1, 8)),  # decree No. 2216 of 2009
    (D(2010, 7, 3), D(2010, 7, 5)),  # decree No. 637 of 2010
    (D(2011, 3, 5), D(2011, 3, 7)),  # decree No. 167 of 2011
    (D(2011, 8, 27), D(2011, 8, 29)),  # decree No. 948 of 2011 (23 August 2011)
    (D(2012, 3, 11), D(2012, 3, 9)),  # decree No. 268 of 2012
    (D(2012, 4, 28), D(2012, 4, 30)),  # decree No. 458 of 2012
    (D(2012, 12, 29), D(2012, 12, 31)),  # decree No. 1538 of 2012
    (D(2013, 5, 4), D(2013, 5, 10)),  # decree No. 345 of 2013
    (D(2013, 10, 12), D(2013, 10, 14)),  # decree No. 1068 of 2013
    (D(2013, 12, 28), D(2014, 1, 3)),  # decree No. 1322 of 2013, across the new year
    (D(2014, 5, 4), D(2014, 5, 2)), (D(2014, 5, 11), D(2014, 5, 8)),  # decree No. 365 of 2014
]

KURBAN_AIT = {2008: D(2008, 12, 8), 2009: D(2009, 11, 27), 2010: D(2010, 11, 16),
              2011: D(2011, 11, 6), 2012: D(2012, 10, 26), 2013: D(2013, 10, 15),
              2014: D(2014, 10, 4), 2027: D(2027, 5, 16)}


def test_covered_years_and_the_provisional_one(calendar: Calendar) -> None:
    assert calendar.covered_years() == (2008, 2027)
    assert calendar.provisional_years() == frozenset({2027})
    assert 2026 not in calendar.provisional_years()
    years = {y.year: y for y in calendar.data.years}
    assert sorted(years) == list(range(2008, 2028))
    assert years[2027].provisional
    assert not years[2026].provisional
    assert years[2027].transfers == ()
    assert years[2027].official_counts == {}


@pytest.mark.parametrize("year", sorted(COUNTS))
def test_counts_of_every_covered_year(calendar: Calendar, year: int) -> None:
    five, six = COUNTS[year]
    assert calendar.working_days(year, "provider") == five
    assert calendar.working_days(year, "gov_corp") == six


def test_published_counts_are_the_data(calendar: Calendar) -> None:
    published = {y.year: y.official_counts["five_day"] for y in calendar.data.years
                 if "five_day" in y.official_counts}
    assert published == PUBLISHED
    for year, count in published.items():
        assert calendar.working_days(year) == count
    # The one published six-day count (Labour Ministry production calendar for 2021).
    assert {y.year: c for y in calendar.data.years
            for w, c in y.official_counts.items() if w == "six_day"} == {2021: 297}


def test_counts_of_2008_and_2014_by_hand(calendar: Calendar) -> None:
    # 2008: 262 weekdays - 14 weekday days off (1, 2, 7 Jan; 10 Mar from Saturday 8; 24 Mar
    # from Saturday 22 (Nauryz, one day); 1, 2 May (transfer), 9 May; 1 Sep from Saturday
    # 30 Aug; 27 Oct from Saturday 25 (Republic Day); 8 Dec (Kurban Ait); 15 Dec (transfer),
    # 16, 17 Dec) + 2 worked rest days (Sunday 4 May, Saturday 13 Dec) = 250.
    assert calendar.working_days(2008) == 250
    # 2014: 261 weekdays - 18 weekday days off (1, 2, 3 (transfer), 7 Jan; 10 Mar; 21, 24,
    # 25 Mar; 1, 2, 7, 8, 9 May; 7 Jul; 1 Sep; 1, 16, 17 Dec) + 2 worked Sundays (4, 11 May)
    # = 245; Saturday 28 Dec 2013, worked for 3 Jan 2014, counts in 2013.
    assert calendar.working_days(2014) == 245


def test_the_transfers_of_2008_2014_are_those_of_the_data(calendar: Calendar) -> None:
    assert sorted((t.worked, t.off) for t in calendar.data.transfers
                  if t.off.year <= 2014) == sorted(TRANSFERS_2008_2014)


@pytest.mark.parametrize(("worked", "off"), TRANSFERS_2008_2014)
def test_each_transfer_as_decreed(calendar: Calendar, worked: dt.date, off: dt.date) -> None:
    five = calendar.days("five_day")
    assert (five.is_working(worked), five.info(worked).kind) == (True, "transfer_worked")
    assert (five.is_working(off), five.info(off).kind) == (False, "transfer_off")
    assert five.info(off).moved_from == worked
    # Decreed for the five-day week only: the six-day week keeps its own days.
    six = calendar.days("six_day")
    assert six.is_working(off)
    assert six.is_working(worked) == (worked.weekday() == 5)


def test_the_transfer_across_the_new_year_2014(calendar: Calendar) -> None:
    five = calendar.days("five_day")
    assert [five.is_working(D(2013, 12, d)) for d in (27, 28, 29, 30, 31)] == [
        True, True, False, True, True]
    assert [d for d in range(1, 8) if not five.is_working(D(2014, 1, d))] == [1, 2, 3, 4, 5, 7]
    (transfer,) = [t for t in calendar.data.transfers if t.off == D(2014, 1, 3)]
    assert "No. 1322 of 2013" in transfer.source
    (year,) = [y for y in calendar.data.years if transfer in y.transfers]
    assert year.year == 2014


@pytest.mark.parametrize("year", range(2008, 2015))
def test_nauryz_one_day_until_2009_three_days_from_2010(calendar: Calendar, year: int) -> None:
    nauryz = [d.date.day for d in calendar.data.holiday_dates
              if d.holiday == "nauryz" and d.date.year == year]
    assert nauryz == ([22] if year < 2010 else [21, 22, 23])
    table = calendar.days("five_day")
    assert all(table.info(D(year, 3, d)).kind == "holiday" for d in nauryz)


def test_nauryz_on_a_weekend_moves_its_days_off(calendar: Calendar) -> None:
    five = calendar.days("five_day")
    # 2008: 22 March a Saturday, Monday 24 March off; 2009: a Sunday, Monday 23 March off.
    assert five.info(D(2008, 3, 24)).moved_from == D(2008, 3, 22)
    assert five.info(D(2009, 3, 23)).moved_from == D(2009, 3, 22)
    # 2010: 21 March a Sunday; 22-23 are holidays themselves, so Wednesday 24 March is off.
    assert five.info(D(2010, 3, 24)).moved_from == D(2010, 3, 21)
    assert five.is_working(D(2010, 3, 25))


def test_holidays_as_the_law_stood(calendar: Calendar) -> None:
    five = calendar.days("five_day")
    # Republic Day (25 October) until 2008: Saturday 25 October 2008 gives Monday 27 October.
    assert five.info(D(2008, 10, 25)).holidays == ("republic_day",)
    assert five.info(D(2008, 10, 27)).moved_from == D(2008, 10, 25)
    assert five.info(D(2010, 10, 25)).kind == "working"
    # Capital Day (6 July) from 2009: Monday 6 July 2009; 7 July 2008 is a working day here
    # (uncertain: see kz.yaml at 2008).
    assert five.info(D(2009, 7, 6)).holidays == ("capital_day",)
    assert five.is_working(D(2008, 7, 7))
    # First President Day from 2012: Saturday 1 Dec 2012 gives Monday 3 December.
    assert five.info(D(2012, 12, 3)).moved_from == D(2012, 12, 1)
    assert five.info(D(2011, 12, 1)).kind == "working"
    # Defender of the Fatherland Day from 2013.
    assert five.info(D(2013, 5, 7)).holidays == ("defender_day",)
    assert five.info(D(2012, 5, 7)).kind == "working"
    # Independence Day two days: 16 Dec 2012 (Sunday) moves past the 17th to Tuesday 18th.
    assert five.info(D(2012, 12, 18)).moved_from == D(2012, 12, 16)


@pytest.mark.parametrize("year", sorted(KURBAN_AIT))
def test_kurban_ait_and_no_move_off_a_rest_day(calendar: Calendar, year: int) -> None:
    day = KURBAN_AIT[year]
    five = calendar.days("five_day")
    assert five.info(day).holidays == ("kurban_ait",)
    assert [d.date for d in calendar.data.holiday_dates
            if d.holiday == "kurban_ait" and d.date.year == year] == [day]
    if day.weekday() >= 5:  # 6 Nov 2011, 4 Oct 2014, 16 May 2027: no day off is moved
        monday = day + dt.timedelta(days=7 - day.weekday())
        assert five.info(monday).kind == "working"


def test_constitution_day_30_august_2026_15_march_2027(calendar: Calendar) -> None:
    five, six = calendar.days("five_day"), calendar.days("six_day")
    # 2026: the Labour Ministry keeps 30 August (a Sunday): Monday 31 August off on both weeks.
    assert five.info(D(2026, 8, 30)).holidays == ("constitution_day",)
    assert five.info(D(2026, 8, 31)).moved_from == D(2026, 8, 30)
    assert six.info(D(2026, 8, 31)).moved_from == D(2026, 8, 30)
    assert five.info(D(2026, 3, 16)).kind == "working"
    # 2027 (provisional): 15 March (a Monday), and 30 August (a Monday) a working day.
    assert five.info(D(2027, 3, 15)).holidays == ("constitution_day",)
    assert five.info(D(2027, 8, 30)).kind == "working"
    assert [d.date for d in calendar.data.holiday_dates
            if d.holiday == "constitution_day" and d.date.year >= 2025] == [
        D(2025, 8, 30), D(2026, 8, 30), D(2027, 3, 15)]


def test_2027_follows_the_law_alone(calendar: Calendar) -> None:
    five = calendar.days("five_day")
    # 2 Jan (Sat) -> Mon 4 Jan; 21 Mar (Sun) -> Wed 24 Mar; 1 May (Sat) -> Mon 3 May;
    # 9 May (Sun) -> Mon 10 May; 25 Oct (Mon) Republic Day.
    moved = {D(2027, 1, 4): D(2027, 1, 2), D(2027, 3, 24): D(2027, 3, 21),
             D(2027, 5, 3): D(2027, 5, 1), D(2027, 5, 10): D(2027, 5, 9)}
    for day, holiday in moved.items():
        assert five.info(day).moved_from == holiday
    assert five.info(D(2027, 10, 25)).holidays == ("republic_day",)
    days = [D(2027, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    assert not [d for d in days if five.info(d).kind.startswith("transfer")]


def _broken(tmp_path: Path, text: str, old: str, new: str) -> Path:
    assert text.count(old) == 1, old
    path = tmp_path / "kz.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _errors(path: Path) -> list[str]:
    with pytest.raises(SpecErrors) as caught:
        load_calendar(path)
    return [str(e) for e in caught.value.errors]


def test_a_transfer_may_cross_the_new_year_by_one_day_only(tmp_path: Path,
                                                           spec_text: str) -> None:
    path = _broken(tmp_path, spec_text, 'worked: "2013-12-28"', 'worked: "2012-12-22"')
    assert any("years[6].transfers[0].worked: 2012-12-22 is not in 2014 (hint: a transfer lies "
               "in its year; only one of its days may lie in the adjacent year" in m
               for m in _errors(path))


def test_a_transfer_outside_the_covered_years_is_an_error(tmp_path: Path,
                                                          spec_text: str) -> None:
    path = _broken(tmp_path, spec_text, '''      - worked: "2008-05-04"
        off: "2008-05-02"''', '''      - worked: "2007-12-29"
        off: "2008-01-03"''')
    assert any("2007-12-29 is outside the covered years 2008-2027 (hint: add 2007 under "
               "years:)" in m for m in _errors(path))


def test_provisional_must_be_a_boolean(tmp_path: Path, spec_text: str) -> None:
    path = _broken(tmp_path, spec_text, "provisional: true", "provisional: maybe")
    assert any("provisional" in m for m in _errors(path))


def test_a_year_is_not_provisional_by_default(tmp_path: Path, spec_text: str) -> None:
    path = _broken(tmp_path, spec_text, "    provisional: true\n", "")
    assert load_calendar(path).provisional_years() == frozenset()
