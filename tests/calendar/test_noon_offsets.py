"""The UTC offsets at local noon, read once per zone, are each day's own in any order of calls.

`engine.calendar.instants.noon_offsets` keeps the offsets of every day asked for in a zone
and answers later calls with a slice, reading further days when a call reaches beyond them
(issue 19: the index and the verifier asked for the same twenty years three times).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar.instants import noon_offsets

ZONES = ["Asia/Almaty", "Asia/Aqtobe", "Europe/Berlin", "America/Sao_Paulo", "Africa/Casablanca",
         "Australia/Lord_Howe", "Pacific/Apia"]


def _day_by_day(first: dt.date, count: int, tz: str) -> list[int]:
    zone = zoneinfo.ZoneInfo(tz)
    out = []
    for at in range(count):
        offset = dt.datetime.combine(first + dt.timedelta(days=at), dt.time(12), zone).utcoffset()
        out.append(int(offset.total_seconds()) if offset is not None else 0)
    return out


calls = st.lists(st.tuples(st.dates(dt.date(1990, 1, 1), dt.date(2045, 1, 1)),
                           st.integers(0, 800), st.sampled_from(ZONES)), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(calls=calls)
def test_each_call_gets_the_offsets_of_its_own_days(calls: list[tuple[dt.date, int, str]]) -> None:
    for first, count, tz in calls:
        offsets = noon_offsets(first, count, tz)
        assert offsets.tolist() == _day_by_day(first, count, tz)
        assert not offsets.flags.writeable


def test_no_days_of_a_zone_not_read_yet_are_read_only_too() -> None:
    assert not noon_offsets(dt.date(2017, 1, 25), 0, "America/Cuiaba").flags.writeable


def test_the_day_almaty_moved_to_utc_5() -> None:
    offsets = noon_offsets(dt.date(2024, 2, 28), 3, "Asia/Almaty").tolist()
    assert offsets == [6 * 3600, 6 * 3600, 5 * 3600]
