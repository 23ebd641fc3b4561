"""Build the typed model from the plain data of a checked document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.spec.duration import Duration, parse_duration
from engine.spec.errors import Location
from engine.spec.meetings import Meeting, build_meeting
from engine.spec.model import (
    BUILTIN_CHANNELS,
    STATUTORY_GROUNDS,
    Acknowledgement,
    Act,
    Actor,
    Amendment,
    Appeal,
    Channel,
    Cost,
    Outcome,
    RefusalGround,
    Regulation,
    RequiredDocument,
    Result,
    Standard,
    Step,
    Text,
)
from engine.spec.yamlsource import Parsed

__all__ = ["build_regulation", "build_standard", "text"]

_STATUTE = "Law 88-V \"On public services\", art. 19-1 p. 2"


def text(data: dict[str, Any]) -> Text:
    """A `Text` from a `{kk, ru, en?, source?}` mapping."""
    source = data.get("source")
    english = data.get("en")
    sources: dict[str, str]
    if isinstance(source, str):  # the languages given, in this order (kk and ru always are)
        sources = {"kk": source, "ru": source} if "en" not in data else \
            {"kk": source, "ru": source, "en": source}
    else:
        sources = dict(source or {})
    return Text(data["kk"], data["ru"], english, sources)


def _text(data: dict[str, Any] | None) -> Text | None:
    return text(data) if data is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _duration(value: str | None) -> Duration | None:
    return parse_duration(value) if value else None


def _act(data: dict[str, Any]) -> Act:
    return Act(text(data["title"]), data["number"], dt.date.fromisoformat(data["date"]),
               data["source"], data.get("registration"), data.get("paragraph"))


def build_standard(parsed: Parsed) -> Standard:
    """The `Standard` of a checked standard document."""
    data = parsed.data
    loc = parsed.location
    channels = {
        name: Channel(
            id=name,
            title=text(c["title"]) if "title" in c else BUILTIN_CHANNELS[name],
            term=parse_duration(c["term"]),
            schedule=c["schedule"],
            source=c["source"],
            location=loc(("channels", name)),
            max_wait=_duration(c.get("max_wait")),
            max_service=_duration(c.get("max_service")),
            max_wait_result=_duration(c.get("max_wait_result")),
            reception=c.get("reception"),
            acceptance_day_excluded=bool(c.get("acceptance_day_excluded", False)),
            term_text=_text(c.get("term_text")),
            term_week=c.get("term_counted_on", {}).get("week"),
            term_week_source=c.get("term_counted_on", {}).get("source"),
        )
        for name, c in data["channels"].items()
    }
    documents = tuple(
        RequiredDocument(d["id"], text(d["title"]), d["source"], loc(("documents", i)),
                 tuple(d.get("channels", ())), d.get("provision", "submit"), d.get("copy"),
                 _text(d.get("condition")), d.get("template"), _text(d.get("from")))
        for i, d in enumerate(data["documents"])
    )
    results = tuple(
        Result(r["id"], text(r["title"]), r["source"], loc(("results", i)),
               tuple(r.get("form", ())), r.get("template"))
        for i, r in enumerate(data["results"])
    )
    grounds = []
    for i, g in enumerate(data["refusal_grounds"]):
        if "statutory" in g:
            number, title = STATUTORY_GROUNDS[g["statutory"]]
            citation = Text(f"«Мемлекеттік көрсетілетін қызметтер туралы» Заңның 19-1-бабы "
                            f"2-тармағының {number}) тармақшасы",
                            f"подпункт {number}) пункта 2 статьи 19-1 Закона «О государственных "
                            f"услугах»", f"{_STATUTE}({number})")
            grounds.append(RefusalGround(g["statutory"], title, citation,
                                         g.get("source", _STATUTE), loc(("refusal_grounds", i)),
                                         number))
        else:
            grounds.append(RefusalGround(g["id"], text(g["title"]), text(g["citation"]),
                                         g["source"], loc(("refusal_grounds", i))))
    appeal = data.get("appeal")
    return Standard(
        id=data["id"],
        register_code=data.get("register_code"),
        title=text(data["title"]),
        legal_basis=tuple(_act(a) for a in data["legal_basis"]),
        valid_from=dt.date.fromisoformat(data["valid_from"]),
        valid_to=_date(data.get("valid_to")),
        provider=text(data["provider"]["title"]),
        recipients=tuple(data["recipients"]),
        cost=_cost(data["cost"]),
        forms=tuple(data["forms"]),
        channels=channels,
        documents=documents,
        results=results,
        refusal_grounds=tuple(grounds),
        appeal=Appeal(text(appeal["text"]), appeal["source"],
                      _duration(appeal.get("provider_term")),
                      _duration(appeal.get("agency_term"))) if appeal else None,
        source=data["source"],
        path=parsed.path,
        key_locations={key: parsed.location((key,)) for key in data},
    )


def _cost(data: dict[str, Any]) -> Cost:
    amount = data.get("amount")
    unknown = amount == "unknown"
    return Cost(data["kind"], data["source"], None if unknown else amount,
                _text(data.get("basis")), unknown)


def _outcome(parsed: Parsed, path: tuple[str | int, ...], data: dict[str, Any]) -> Outcome:
    return Outcome(data["id"], text(data["label"]), parsed.location(path), data.get("next"),
                   data.get("ends"), tuple(data.get("refusal_grounds", ())),
                   data.get("max_repeats"), _duration(data.get("duration")),
                   _text(data.get("duration_text")), _text(data.get("action")),
                   data.get("actor"), data.get("source"))


def _meeting(parsed: Parsed, path: tuple[str | int, ...],
             data: dict[str, Any] | None) -> Meeting | None:
    if data is None:
        return None
    dates: tuple[Location, ...] = tuple(parsed.location((*path, "dates", i))
                                        for i in range(len(data.get("dates", ()))))
    return build_meeting(data, text(data["meeting"]), parsed.location(path), dates)


def _steps(parsed: Parsed, channel: str, items: list[dict[str, Any]]) -> tuple[Step, ...]:
    steps = []
    for i, s in enumerate(items):
        path = ("processes", channel, i)
        steps.append(Step(
            id=s["id"], kind=s.get("kind", "task"), actor=s["actor"], action=text(s["action"]),
            source=s["source"], location=parsed.location(path),
            duration=_duration(s.get("duration")), duration_text=_text(s.get("duration_text")),
            unbounded=_text(s.get("unbounded")), result=_text(s.get("result")),
            waits_for=_meeting(parsed, (*path, "waits_for"), s.get("waits_for")),
            number=s.get("number"), documents=tuple(s.get("documents", ())),
            results=tuple(s.get("results", ())), obtains=tuple(s.get("obtains", ())),
            next=s.get("next"), ends=s.get("ends"),
            refusal_grounds=tuple(s.get("refusal_grounds", ())),
            outcomes=tuple(_outcome(parsed, (*path, "outcomes", j), o)
                           for j, o in enumerate(s.get("outcomes", ()))),
            at_counter=bool(s.get("at_counter", False)),
        ))
    return tuple(steps)


def build_regulation(parsed: Parsed) -> Regulation:
    """The `Regulation` of a checked regulation document."""
    data = parsed.data
    repealed = data.get("repealed_by")
    return Regulation(
        id=data["id"],
        standard=data["standard"],
        title=text(data["title"]),
        region=_text(data.get("region")),
        approved_by=_act(data["approved_by"]),
        valid_from=dt.date.fromisoformat(data["valid_from"]),
        valid_to=_date(data.get("valid_to")),
        repealed_by=_act(repealed) if repealed else None,
        amendments=tuple(
            Amendment(dt.date.fromisoformat(a["date"]), _act(a["act"]), text(a["note"]),
                      a["source"], _date(a.get("effective")))
            for a in data.get("amendments", ())
        ),
        actors=tuple(
            Actor(a["id"], a["kind"], text(a["title"]), parsed.location(("actors", i)),
                  a.get("schedule"), a.get("source"),
                  _duration(a.get("assumed_limit", {}).get("duration")),
                  a.get("assumed_limit", {}).get("source"))
            for i, a in enumerate(data["actors"])
        ),
        processes={name: _steps(parsed, name, items) for name, items in data["processes"].items()},
        source=data["source"],
        path=parsed.path,
        key_locations={key: parsed.location((key,)) for key in data},
        acknowledgements=tuple(
            Acknowledgement(a["check"], a["channel"], text(a["reason"]), a["reference"],
                            parsed.location(("acknowledgements", i)), a.get("path_end"),
                            _duration(a.get("accepts")))
            for i, a in enumerate(data.get("acknowledgements", ()))
        ),
        day_reading=data.get("day_limits", {}).get("reading"),
        day_reading_source=data.get("day_limits", {}).get("source"),
        scope=data.get("scope", "regional"),
    )
