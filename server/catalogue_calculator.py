"""The catalogue's due-date calculator: "if I apply now, when is the result due?".

A plain HTML form (GET: it works without JavaScript, and its answer has an address): the
channel, and the date and time of submission as `<input type="datetime-local">` sends it
(`2026-12-07T10:30`, wall-clock time in the calendar's zone; an ISO instant with its offset
is taken too). The answer is counted by `server.due_count.count_due`, the arithmetic of
`POST /due`, and worded: the due instant, then how it was counted (the channel, when the
application counts as received, the term, the schedule it counts on, the version of the
standard, a provisional year). Input that cannot be counted gives the form again with a
sentence saying why (status 400), never a traceback.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum

from engine import Standard
from engine.calendar import CalendarError, localize
from renderers.documents.labels import LABELS, WEEKDAYS
from renderers.documents.words import date_words, datetime_words, duration_text
from server.catalogue_words import say
from server.due_count import DueCount, DueRefused, count_due
from server.state import ServerState

__all__ = ["MAX_INPUT", "calculator_view", "input_value", "read_submitted"]

#: The longest value of a field taken (characters).
MAX_INPUT = 64


def input_value(instant: pendulum.DateTime) -> str:
    """An instant as `<input type="datetime-local">` shows it: `2026-12-07T09:00`."""
    return instant.strftime("%Y-%m-%dT%H:%M")


def read_submitted(text: str, zone: str) -> pendulum.DateTime | None:
    """The instant of the form's field: local time in `zone`, or an ISO instant with its offset
    (None when it is neither, or a local time that did not happen there).

    Examples:
        >>> read_submitted("2026-12-07T10:30", "Asia/Almaty").isoformat()
        '2026-12-07T10:30:00+05:00'
        >>> read_submitted("7 December", "Asia/Almaty") is None
        True
    """
    if not text or len(text) > MAX_INPUT:
        return None
    try:
        return localize(dt.datetime.fromisoformat(text), zone)
    except (ValueError, CalendarError):
        return None


def _refusal(refused: DueRefused, state: ServerState, lang: str, channel: str,
             submitted: pendulum.DateTime) -> str:
    if refused.reason == "unknown-channel":
        return say("unknown_channel", lang, channel)
    if refused.reason == "not-in-force":
        return say("not_in_force", lang, date_words(submitted.date(), lang))
    first, last = state.calendar.covered_years()
    return say("not_countable", lang, first, last)


def _answer(counted: DueCount, lang: str, schedule_title: str) -> dict[str, Any]:
    zone = counted.timezone

    def when(instant: pendulum.DateTime) -> str:
        return f"{datetime_words(instant, lang, zone=zone)} ({WEEKDAYS[instant.weekday()].get(lang)})"

    rules = [say("rule_channel", lang, counted.channel.title.get(lang)),
             say("rule_submitted", lang, when(counted.submitted))]
    if counted.received != counted.submitted:
        rules.append(say("rule_received", lang, when(counted.received)))
    rules.append(say("rule_term", lang, duration_text(counted.channel.term, lang)))
    rules.append(say("rule_counted_on", lang, schedule_title))
    if counted.channel.acceptance_day_excluded:
        rules.append(LABELS["acceptance_day_excluded"].get(lang))
    rules.append(say("rule_standard", lang, date_words(counted.standard.valid_from, lang)))
    rules += [say("rule_provisional", lang, year) for year in counted.provisional_years]
    return {"due": say("due", lang, when(counted.due)), "due_iso": counted.due.isoformat(),
            "rules": rules}


def calculator_view(state: ServerState, standard: Standard, lang: str, now: pendulum.DateTime,
                    channel: str | None, submitted: str | None) -> tuple[int, dict[str, Any]]:
    """The status and the calculator's view: the form (filled with `now` and the first channel
    when nothing was asked), and the answer or the message when something was."""
    channels = [(c.id, c.title.get(lang)) for c in standard.channels.values()]
    view: dict[str, Any] = {"channels": channels, "channel": channel or (channels[0][0] if
                            channels else ""), "submitted": input_value(now), "answer": None,
                            "message": None, "zone": state.calendar.timezone}
    if channel is None and submitted is None:
        return 200, view
    text = (submitted or "").strip()
    view["submitted"] = text[:MAX_INPUT]
    instant = now if submitted is None else read_submitted(text, state.calendar.timezone)
    if instant is None:
        view["message"] = say("bad_submitted", lang, text[:MAX_INPUT])
        return 400, view
    chosen = view["channel"][:MAX_INPUT]
    try:
        counted = count_due(state, standard.id, chosen, instant)
    except DueRefused as refused:
        view["message"] = _refusal(refused, state, lang, chosen, instant)
        return 400, view
    title = state.calendar.schedule(counted.counted_on).title.get(lang)
    view["answer"] = _answer(counted, lang, title)
    return 200, view
