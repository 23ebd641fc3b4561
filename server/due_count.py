"""When the result of an application is due: the one arithmetic of `POST /due` and of the
catalogue's calculator (`server.catalogue`), so that the page and the API cannot disagree.

`count_due` finds the version of the standard in force on the day the application was
received, the channel's term and the schedule it counts on, and counts; what stops it is a
`DueRefused` with the status and the problem type the API answers with, and a `reason` the
catalogue words in Kazakh and Russian.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pendulum

from engine import Standard
from engine.calendar import CalendarError, UnknownSchedule, to_instant
from engine.spec import Channel, did_you_mean
from server.state import ServerState

__all__ = ["DueCount", "DueRefused", "RefusalReason", "count_due"]

#: Why a due instant cannot be counted: the catalogue has a sentence for each.
RefusalReason = Literal["unknown-service", "not-in-force", "unknown-channel", "not-countable"]


class DueRefused(Exception):
    """An application whose due instant cannot be counted, as the API answers it."""

    def __init__(self, status: int, detail: str, reason: RefusalReason,
                 kind: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.reason, self.kind = status, detail, reason, kind


@dataclass(frozen=True)
class DueCount:
    """The steps of the arithmetic: what was counted, on what, and the due instant."""

    standard: Standard
    channel: Channel
    #: The instant the application was submitted, and when it counts as received (the next
    #: opening of the channel's schedule when it came outside working time).
    submitted: pendulum.DateTime
    received: pendulum.DateTime
    #: The schedule whose working time the term counts on (`Calendar.term_schedule`).
    counted_on: str
    due: pendulum.DateTime
    timezone: str
    #: The provisional years among the days of submission and due (no transfer order yet).
    provisional_years: tuple[int, ...]
    #: The calendar's note on them, in English, for the API ("" when none).
    provisional_note: str


def count_due(state: ServerState, service: str, channel: str, submitted: dt.datetime) -> DueCount:
    """The due instant of an application to `service` by `channel` submitted at `submitted`
    (an aware instant; `NaiveInstantError` for a naive one), on the version of the standard in force that day.

    Raises:
        DueRefused: an unknown service (404) or channel (404), no version in force that day
            (422), or a term the calendar cannot count (422: outside its years, for one).
    """
    chosen = state.calendar
    instant = to_instant(submitted, chosen.timezone)
    if not state.corpus.standard_versions(service):
        known = {s.id for s in state.corpus.standards}
        raise DueRefused(404, f"no service {service!r} (hint: {did_you_mean(service, known)})",
                         "unknown-service", "unknown-service")
    standard = state.corpus.standard_on(service, instant.date())
    if standard is None:
        raise DueRefused(422, f"no version of {service!r} is in force on "
                         f"{instant.date().isoformat()} (hint: GET /services/{service})",
                         "not-in-force")
    found = standard.channels.get(channel)
    if found is None:
        raise DueRefused(404, f"service {standard.id!r} has no channel {channel!r} "
                         f"(hint: {did_you_mean(channel, set(standard.channels))})",
                         "unknown-channel", "unknown-channel")
    try:
        counted = chosen.term_schedule(found.schedule, found.term, found.term_week)
        received = chosen.receive(instant, found.schedule)
        due_at = chosen.due(instant, found.term, counted,
                            exclude_acceptance_day=found.acceptance_day_excluded)
    except (CalendarError, UnknownSchedule) as exc:
        raise DueRefused(422, str(exc), "not-countable") from None
    years = tuple(sorted({instant.year, due_at.year} & chosen.provisional_years()))
    return DueCount(standard=standard, channel=found, submitted=instant, received=received,
                    counted_on=chosen.schedule(counted).counting, due=due_at,
                    timezone=chosen.timezone, provisional_years=years,
                    provisional_note=chosen.provisional_note(instant.date(), due_at.date()))
