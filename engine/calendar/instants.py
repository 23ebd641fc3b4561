"""Instants: aware datetimes in, pendulum DateTimes in the calendar's zone out.

An instant without a UTC offset is refused: "2024-02-29 23:30" happened twice in
Almaty (the clocks went from UTC+6 to UTC+5 at midnight of 1 March 2024), so only
the caller can say which one is meant, with `localize(..., fold=0 or 1)`.
Internally instants are integer microseconds since the Unix epoch.

Examples:
    >>> localize(dt.datetime(2024, 5, 3, 10, 0)).isoformat()
    '2024-05-03T10:00:00+05:00'
    >>> localize(dt.datetime(2024, 2, 29, 23, 30), fold=0).isoformat()
    '2024-02-29T23:30:00+06:00'
    >>> localize(dt.datetime(2024, 2, 29, 23, 30))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    engine.calendar.errors.CalendarError: local time 2024-02-29 23:30:00 happened twice ...
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache

import numpy as np
import numpy.typing as npt
import pendulum

from engine.calendar.errors import CalendarError, NaiveInstantError

__all__ = [
    "DEFAULT_TIMEZONE",
    "from_micros",
    "local_micros",
    "local_micros_days",
    "localize",
    "noon_offsets",
    "offset_on",
    "parse_instant",
    "to_instant",
    "to_micros",
    "with_offset_hint",
]

#: The zone of every calendar of Kazakhstan's public services.
DEFAULT_TIMEZONE = "Asia/Almaty"
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_MICRO = 1_000_000


@cache
def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a folder
        raise CalendarError(f'unknown time zone "{name}"') from exc


@cache
def _pendulum_zone(name: str) -> pendulum.Timezone:
    return pendulum.timezone(name)


def _offset(value: dt.datetime) -> str:
    offset = value.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def localize(
    value: dt.datetime, tz: str = DEFAULT_TIMEZONE, *, fold: int | None = None
) -> pendulum.DateTime:
    """Read a naive local datetime as wall-clock time in `tz`.

    An aware datetime is only converted to `tz`. A local time that happened twice
    needs `fold` (0 = the first, 1 = the second); one that never happened is refused.

    Raises:
        CalendarError: for an ambiguous local time without `fold`, or a skipped one.
    """
    zone = _zone(tz)
    if value.tzinfo is not None and value.utcoffset() is not None:
        return to_instant(value, tz)
    first = value.replace(tzinfo=zone, fold=0)
    second = value.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        skipped = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != value
        if skipped:
            raise CalendarError(f"local time {value} never happened in {tz} (the clocks skipped it)")
        if fold is None:
            raise CalendarError(
                f"local time {value} happened twice in {tz} ({_offset(first)}, then "
                f"{_offset(second)}) (hint: pass fold=0 for the first or fold=1 for the second)"
            )
    chosen = second if fold == 1 else first
    return from_micros(to_micros(chosen), tz)


def offset_on(value: dt.datetime, tz: str = DEFAULT_TIMEZONE) -> str:
    """The UTC offset in force in `tz` at the local time `value` (its own offset ignored), as
    an ISO 8601 suffix: Almaty was at +06:00 until 1 March 2024 and is at +05:00 since.

    Examples:
        >>> offset_on(dt.datetime(2016, 3, 1, 10, 0)), offset_on(dt.datetime(2025, 3, 1, 10, 0))
        ('+06:00', '+05:00')
    """
    local = value.replace(tzinfo=None)
    try:
        offset = local.replace(tzinfo=_zone(tz)).utcoffset()
    except (OverflowError, ValueError):  # pragma: no cover - a date zoneinfo cannot place
        offset = None
    if offset is None:  # pragma: no cover - every zone gives an offset
        return "+05:00"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def with_offset_hint(value: dt.datetime, tz: str = DEFAULT_TIMEZONE) -> str:
    """The naive `value` written with the offset in force then, for a hint."""
    return f"{value.replace(tzinfo=None).isoformat()}{offset_on(value, tz)}"


def to_instant(value: dt.datetime, tz: str = DEFAULT_TIMEZONE) -> pendulum.DateTime:
    """An aware datetime as a pendulum DateTime in `tz`.

    Raises:
        NaiveInstantError: when `value` has no UTC offset.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveInstantError(
            f"instant {value.isoformat()} has no UTC offset (hint: write "
            f'"{with_offset_hint(value, tz)}" for local time in {tz}, or call localize() to '
            "read it as local time)"
        )
    return from_micros(to_micros(value), tz)


def to_micros(value: dt.datetime) -> int:
    """Microseconds since the Unix epoch of an aware datetime (exact, integer arithmetic).

    Examples:
        >>> to_micros(dt.datetime(1970, 1, 1, 6, tzinfo=dt.timezone(dt.timedelta(hours=6))))
        0
    """
    offset = value.utcoffset()
    if offset is None:
        to_instant(value)  # raises the explanation
        raise AssertionError("unreachable")
    seconds = ((value.toordinal() - _EPOCH_ORDINAL) * 86_400 + value.hour * 3600
               + value.minute * 60 + value.second - offset.days * 86_400 - offset.seconds)
    return seconds * _MICRO + value.microsecond - offset.microseconds


def from_micros(micros: int, tz: str = DEFAULT_TIMEZONE) -> pendulum.DateTime:
    """The instant `micros` microseconds after the Unix epoch, as a DateTime in `tz`."""
    seconds, rest = divmod(micros, _MICRO)
    local = dt.datetime.fromtimestamp(seconds, tz=_zone(tz))
    # Built directly: pendulum.instance() is ~20x slower, and due() is called millions of times.
    return pendulum.DateTime(local.year, local.month, local.day, local.hour, local.minute,
                             local.second, rest, tzinfo=_pendulum_zone(tz), fold=local.fold)


def local_micros(day: dt.date, minute: int, tz: str, *, fold: int) -> int:
    """The instant of local wall-clock `minute` (0..1440) of `day` in `tz`.

    Minute 1440 is midnight of the next day. `fold` picks the first (0) or second (1)
    occurrence of a local time that happened twice.
    """
    day = day + dt.timedelta(days=minute // 1440)
    minute %= 1440
    local = dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60,
                        tzinfo=_zone(tz), fold=fold)
    return to_micros(local)


def local_micros_days(first: dt.date, count: int, minute: int, tz: str, *,
                      fold: int) -> npt.NDArray[np.int64]:
    """`local_micros(first + i days, minute, tz, fold=fold)` for every i below `count`.

    One array operation for the days whose UTC offset is the same from the noon before
    to the noon after (every local time of such a day occurs once); the days around a
    change of offset go through `local_micros`, so the answer is exact on them too.
    """
    shift = minute // 1440
    offsets = noon_offsets(first + dt.timedelta(days=shift - 1), count + 2, tz)
    index = np.arange(count, dtype=np.int64)
    local = (first.toordinal() - _EPOCH_ORDINAL + shift + index) * 86_400 + minute % 1440 * 60
    micros: npt.NDArray[np.int64] = (local - offsets[1:-1]) * _MICRO
    changing = np.flatnonzero((offsets[1:-1] != offsets[:-2]) | (offsets[1:-1] != offsets[2:]))
    for at in changing.tolist():
        micros[at] = local_micros(first + dt.timedelta(days=at), minute, tz, fold=fold)
    return micros


def noon_offsets(first: dt.date, count: int, tz: str) -> npt.NDArray[np.int64]:
    """UTC offsets, in seconds, at local noon of `count` days from `first` (read-only).

    The days of every call in one zone are read once: each call's offsets are a slice of
    those of all the days asked for so far in that zone, widened when a call reaches
    further (the working-time index and the verifier ask for the same years, a day more or
    less at either end).
    """
    start, known = _NOON.get(tz, (first, _NONE))
    if first < start or (first - start).days + count > len(known):
        end = max(start + dt.timedelta(days=len(known)), first + dt.timedelta(days=count))
        start = min(start, first)
        known = _offsets_at_noon(start, (end - start).days, tz)
        _NOON[tz] = (start, known)
    at = (first - start).days
    offsets: npt.NDArray[np.int64] = known[at:at + count]
    return offsets


#: Per zone, the first day and the offsets at noon of the days read so far (read-only).
_NOON: dict[str, tuple[dt.date, npt.NDArray[np.int64]]] = {}
_NONE: npt.NDArray[np.int64] = np.empty(0, dtype=np.int64)
_NONE.flags.writeable = False  # what a zone not read yet answers for no days


def _offsets_at_noon(first: dt.date, count: int, tz: str) -> npt.NDArray[np.int64]:
    noon = dt.datetime.combine(first, dt.time(12), _zone(tz))
    day = dt.timedelta(days=1)
    offsets = np.empty(count, dtype=np.int64)
    for at in range(count):
        offset = noon.utcoffset()
        offsets[at] = int(offset.total_seconds()) if offset is not None else 0
        # An aware datetime plus a day is noon of the next day on the wall clock, which
        # `utcoffset` places in the zone.
        noon += day
    offsets.flags.writeable = False
    return offsets


def parse_instant(text: str, tz: str = DEFAULT_TIMEZONE) -> pendulum.DateTime:
    """Parse an ISO 8601 instant with a UTC offset, e.g. `2024-05-03T10:00:00+05:00`.

    Raises:
        NaiveInstantError: when the text has no offset.
        CalendarError: when it is not an ISO 8601 date and time.
    """
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CalendarError(
            'expected an ISO 8601 instant such as "2024-05-03T10:00:00+05:00", got '
            + (f'"{text}"' if len(text) <= 60 else f'"{text[:57]}..." ({len(text)} characters)')
        ) from None
    if value.tzinfo is None:
        raise NaiveInstantError(
            f'instant "{text}" has no UTC offset (hint: write "{with_offset_hint(value, tz)}" '
            f"for local time in {tz}, the offset in force on that date)"
        )
    return to_instant(value, tz)
