"""A case as data and as text: its timeline, due instants and ending.

`case_data` and `overdue_data` give plain dicts ready for `json.dump(...,
sort_keys=True)`: instants are ISO 8601 with their offset, texts of the specs are
`{"kk": ..., "ru": ...}`. A case on the minimal process a standard implies says so in
each: its steps are not given by any text (`engine.process.implied`). `render_case` and
`render_overdue` write the same for a terminal, the specs' texts in Kazakh first, then
Russian; every text that comes from the journal (ids, the applicant, documents, steps,
grounds, the article) goes through `engine.cases.terminal.for_terminal`, so no escape
sequence reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from engine.calendar.instants import from_micros
from engine.calendar.margins import margin_words, minutes_words
from engine.cases.appeal_text import LATE_APPEAL, appeals_data, render_appeals
from engine.cases.executor import Executor, Overdue
from engine.cases.state import CaseState, StepRecord
from engine.cases.terminal import for_terminal as _t
from engine.process.implied import IMPLIED_LABEL, IMPLIED_NOTE, implied_standard
from engine.spec.model import BUILTIN_CHANNELS, Regulation, Standard, Text
from engine.support.json_text import dumps_indented

__all__ = ["case_data", "case_margin", "dump_json", "overdue_data", "render_case",
           "render_overdue", "specs_of"]

_SHOWN = "YYYY-MM-DD ddd HH:mm"
_STATUS = {"open": "open", "result": "result issued", "refusal": "refused (reasoned refusal)",
           "refused_to_accept": "refused to accept"}


def specs_of(executor: Executor, state: CaseState) -> tuple[Standard, Regulation]:
    """The versions of the standard and regulation a case was opened on."""
    standard = next(s for s in executor.corpus.standard_versions(state.standard)
                    if s.valid_from.isoformat() == state.standard_version)
    regulation = executor.regulation_version(state.regulation, state.regulation_version)
    assert regulation is not None, "the executor replayed the case on it"
    return standard, regulation


def dump_json(data: Any, out: TextIO) -> None:
    """Write `data` as indented JSON with sorted keys and real Cyrillic."""
    out.write(dumps_indented(data))
    out.write("\n")


def _iso(micros: int | None, executor: Executor) -> str | None:
    return None if micros is None else from_micros(micros, executor.calendar.timezone).isoformat()


def _shown(micros: int | None, executor: Executor) -> str:
    if micros is None:
        return "-"
    return from_micros(micros, executor.calendar.timezone).format(_SHOWN)


def _text(text: Text) -> dict[str, str]:
    return {"kk": text.kk, "ru": text.ru}


def _step_data(record: StepRecord, executor: Executor) -> dict[str, Any]:
    return {"step": record.step, "actor": record.actor, "by": record.by,
            "outcome": record.outcome, "start": _iso(record.started, executor),
            "due": _iso(record.due, executor), "finish": _iso(record.finished, executor),
            "late": record.late}


def case_data(executor: Executor, state: CaseState) -> dict[str, Any]:
    """A case as plain data: the application, its timeline, the active step and the ending."""
    standard, regulation = specs_of(executor, state)
    active = state.active
    refusal = None
    if state.status == "refusal" and state.ground is not None:
        ground = standard.ground(state.ground)
        refusal = {"ground": state.ground,
                   "title": _text(ground.title) if ground else None,
                   "statutory_number": ground.statutory_number if ground else None}
    refused_to_accept = None
    if state.status == "refused_to_accept":
        refused_to_accept = {"article": state.article, "missing": [
            {"id": d, "title": _text(doc.title) if (doc := standard.document(d)) else None}
            for d in state.missing]}
    return {
        "case": state.case_id,
        "service": {"id": state.standard, "valid_from": state.standard_version,
                    "title": _text(standard.title)},
        "regulation": _regulation_data(regulation, state),
        "channel": state.channel,
        "applicant": state.applicant,
        "documents": list(state.documents),
        "received": _iso(state.received, executor),
        "due": _iso(state.due, executor),
        "status": state.status,
        "steps": [_step_data(r, executor) for r in state.history],
        "active": None if active is None else {
            "step": active.step, "actor": active.actor, "start": _iso(active.started, executor),
            "due": _iso(active.due, executor)},
        "finished": _iso(state.finished, executor),
        "met_term": state.met_term,
        "margin_minutes": executor.margin_minutes(state),
        "refusal": refusal,
        "refused_to_accept": refused_to_accept,
        "provisional": _provisional(executor, state) or None,
        "appeals": appeals_data(executor, state),
    }


def _regulation_data(regulation: Regulation, state: CaseState) -> dict[str, Any]:
    """The regulation a case runs on: its id, version and scope, and, for the process a
    standard implies, the label of steps not given by any text (None otherwise)."""
    return {"id": state.regulation, "valid_from": state.regulation_version,
            "scope": regulation.scope, "implied": regulation.implied,
            "label": _label(IMPLIED_LABEL, IMPLIED_NOTE) if regulation.implied else None}


def _label(label: Text, note: Text) -> dict[str, str]:
    return {lang: f"{label.get(lang)}: {note.get(lang)}" for lang in ("en", "kk", "ru")}


def _provisional(executor: Executor, state: CaseState) -> str:
    """The note a case carries when one of its instants is in a provisional year."""
    instants = [state.received, state.due, state.finished,
                *(r.due for r in state.history), *(r.finished for r in state.history),
                state.active.due if state.active is not None else None]
    days = [from_micros(m, executor.calendar.timezone).date() for m in instants if m is not None]
    return executor.calendar.provisional_note(*days)


def render_case(executor: Executor, state: CaseState, out: TextIO) -> None:
    """Write a case for a terminal: header, timeline table, ending."""
    standard, regulation = specs_of(executor, state)
    channel = standard.channels.get(state.channel)
    channel_title = channel.title if channel else BUILTIN_CHANNELS.get(state.channel)
    scope = ", national" if regulation.scope == "national" and not regulation.implied else ""
    out.write(f"case {_t(state.case_id)}: {_t(standard.id)} ({standard.valid_from}), regulation "
              f"{_t(regulation.id)} ({regulation.valid_from}{scope})\n")
    out.write(f"  {standard.title.kk}\n  {standard.title.ru}\n")
    if regulation.implied:
        label = _label(IMPLIED_LABEL, IMPLIED_NOTE)
        out.write(f"steps      {label['en']}\n  {label['kk']}\n  {label['ru']}\n")
    out.write(f"channel    {_t(state.channel)}"
              f"{f': {channel_title.kk} / {channel_title.ru}' if channel_title else ''}\n")
    out.write(f"applicant  {_t(state.applicant)}; documents: "
              f"{', '.join(map(_t, state.documents)) or 'none'}\n")
    out.write(f"received   {_shown(state.received, executor)}\n")
    if state.due is not None:
        out.write(f"term ends  {_shown(state.due, executor)}\n")
    out.write(f"status     {_STATUS[state.status]}\n")
    rows = [(_t(r.step), _t(r.actor), _shown(r.started, executor), _shown(r.due, executor),
             _shown(r.finished, executor), "late" if r.late else "") for r in state.history]
    if state.active is not None:
        active = state.active
        rows.append((_t(active.step), _t(active.actor), _shown(active.started, executor),
                     _shown(active.due, executor), "(waiting)", ""))
    if rows:
        _table(out, ("step", "actor", "start", "due", "finish", ""), rows)
    _ending(executor, state, standard, out)
    render_appeals(executor, state, out)
    note = _provisional(executor, state)
    if note:
        out.write(f"note: {note}\n")


def _table(out: TextIO, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        out.write("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths,
                                                                            strict=True)).rstrip()
                  + "\n")


def _ending(executor: Executor, state: CaseState, standard: Standard, out: TextIO) -> None:
    if state.status == "refused_to_accept":
        if state.missing:
            out.write(f"refused to accept ({_t(state.article)}): missing documents\n")
        for document_id in state.missing:
            document = standard.document(document_id)
            out.write(f"  {_t(document_id)}: {document.title.kk} / {document.title.ru}\n"
                      if document else f"  {_t(document_id)}\n")
        return
    if state.status == "refusal" and state.ground is not None:
        ground = standard.ground(state.ground)
        number = f" (Law 88-V, art. 19-1 p. 2 ({ground.statutory_number}))" if (
            ground and ground.statutory_number) else ""
        out.write(f"ground     {_t(state.ground)}{number}\n")
        if ground is not None:
            out.write(f"  {ground.title.kk}\n  {ground.title.ru}\n")
    margin = case_margin(executor, state)
    if margin is not None:
        out.write(f"{margin}\n")


def case_margin(executor: Executor, state: CaseState) -> str | None:
    """How a finished case stands against its term, in words and in the term's unit
    (`engine.calendar.margins`); None while it is open or when it was refused to accept."""
    if state.met_term is None or state.finished is None or state.due is None:
        return None
    standard, _ = specs_of(executor, state)
    channel = standard.channels[state.channel]
    zone = executor.calendar.timezone
    return margin_words(executor.calendar, from_micros(state.finished, zone),
                        from_micros(state.due, zone),
                        executor.term_schedule(standard, state.channel), channel.term.unit)


def overdue_data(executor: Executor, at: int, late: Sequence[tuple[str, Overdue]],
                 states: Mapping[str, CaseState]) -> dict[str, Any]:
    """Late steps and terms at a moment, grouped by case (`states` by case id)."""
    cases: dict[str, list[dict[str, Any]]] = {}
    for case_id, item in late:
        cases.setdefault(case_id, []).append({
            "step": item.step, "actor": item.actor, "due": _iso(item.due, executor),
            "late_minutes": item.late_minutes, "appeal": item.appeal,
            "what": _text(LATE_APPEAL) if item.appeal is not None else None})
    return {"at": _iso(at, executor), "cases": [
        {"case": case_id, "service": states[case_id].standard,
         "channel": states[case_id].channel, "late": items,
         "implied": implied_standard(states[case_id].regulation) is not None}
        for case_id, items in sorted(cases.items())]}


def render_overdue(executor: Executor, at: int, late: Sequence[tuple[str, Overdue]],
                   states: Mapping[str, CaseState], out: TextIO) -> None:
    """Write late steps (with the responsible actor's title) and late terms, by case."""
    if not late:
        out.write(f"nothing is overdue at {_shown(at, executor)}\n")
        return
    last = None
    for case_id, item in late:
        state = states[case_id]
        if case_id != last:
            implied = " (steps not given by any text)" if implied_standard(state.regulation) else ""
            out.write(f"case {_t(case_id)}: {_t(state.standard)}, {_t(state.channel)}{implied}\n")
            last = case_id
        what = f"{_t(item.step)} ({_t(item.actor)})" if item.step else (
            f"complaint {_t(item.appeal)}" if item.appeal else "term of the service")
        out.write(f"  {what}: due {_shown(item.due, executor)}, "
                  f"late by {minutes_words(item.late_minutes)} of working time\n")
        if item.appeal is not None:
            out.write(f"    {LATE_APPEAL.kk} / {LATE_APPEAL.ru}\n")
        actor = specs_of(executor, state)[1].actor(item.actor) if item.actor else None
        if actor is not None:
            out.write(f"    {actor.title.kk} / {actor.title.ru}\n")
