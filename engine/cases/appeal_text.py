"""A case's complaints as data and as text, for `case_data`/`render_case` and the overdue list.

Each complaint shows the seven columns of the complaints appendix of the provider's report
(seed 000: complainant, substance, body, date examined, document, decision, revision), its
filing and due instants, and the dated rule that set the term with its source in kk and ru
(`engine.cases.complaint_rules`). Every text from the journal goes through `for_terminal`.
"""

from __future__ import annotations

from typing import Any, TextIO

from engine.calendar.instants import from_micros
from engine.cases.appeals import AppealRecord
from engine.cases.case_graphs import CaseGraphs
from engine.cases.complaint_rules import complaint_rules
from engine.cases.state import CaseState
from engine.cases.terminal import for_terminal as _t
from engine.spec.model import Text

__all__ = ["BODY_TITLES", "DECISION_TITLES", "LATE_APPEAL", "appeals_data", "render_appeals"]

_SHOWN = "YYYY-MM-DD ddd HH:mm"
#: The bodies that examine complaints, in kk and ru.
BODY_TITLES = {
    "provider": Text("Көрсетілетін қызметті беруші", "Услугодатель"),
    "state_corporation": Text("Мемлекеттік корпорация", "Государственная корпорация"),
    "quality_agency": Text("Мемлекеттік қызметтер көрсету сапасын бағалау және бақылау жөніндегі "
                           "уәкілетті орган", "Уполномоченный орган по оценке и контролю за "
                           "качеством оказания государственных услуг"),
}
DECISION_TITLES = {
    "satisfied": Text("қанағаттандырылды", "удовлетворена"),
    "partly_satisfied": Text("ішінара қанағаттандырылды", "удовлетворена частично"),
    "rejected": Text("қанағаттандырудан бас тартылды", "отказано в удовлетворении"),
}
#: What the overdue list says of a complaint undecided past its due instant.
LATE_APPEAL = Text("шағым мерзімінде қаралмады", "жалоба не рассмотрена в срок",
                   "complaint not decided in its term")


def _iso(micros: int | None, executor: CaseGraphs) -> str | None:
    return None if micros is None else from_micros(micros, executor.calendar.timezone).isoformat()


def _shown(micros: int | None, executor: CaseGraphs) -> str:
    if micros is None:
        return "-"
    return from_micros(micros, executor.calendar.timezone).format(_SHOWN)


def _source(record: AppealRecord) -> dict[str, str] | None:
    rule = complaint_rules().rules.get(record.rule)
    return None if rule is None else {"kk": rule.source.kk, "ru": rule.source.ru,
                                      "en": rule.source.get("en")}


def appeals_data(executor: CaseGraphs, state: CaseState) -> list[dict[str, Any]]:
    """The complaints of a case as plain data, in the order they were filed."""
    return [{"appeal": r.appeal, "body": r.body, "complainant": r.complainant,
             "substance": r.substance, "filed": _iso(r.filed, executor),
             "due": _iso(r.due, executor), "extended_days": r.extended_days,
             "decision": r.decision, "document": r.document, "examined_by": r.examined_by,
             "decided": _iso(r.decided, executor), "revision": r.revision, "late": r.late,
             "rule": {"id": r.rule, "source": _source(r)}} for r in state.appeals]


def render_appeals(executor: CaseGraphs, state: CaseState, out: TextIO) -> None:
    """Write the complaints of a case for a terminal (nothing when it has none)."""
    if not state.appeals:
        return
    out.write("complaints (шағымдар / жалобы)\n")
    for r in state.appeals:
        body = BODY_TITLES[r.body]
        out.write(f"  {_t(r.appeal)}: {_t(r.body)} ({body.kk} / {body.ru}); filed "
                  f"{_shown(r.filed, executor)}, due {_shown(r.due, executor)}"
                  f"{f' (extended by {r.extended_days} wd)' if r.extended_days else ''}\n")
        out.write(f"    complainant {_t(r.complainant)}; substance: {_t(r.substance)}\n")
        if r.decision is not None:
            decision = DECISION_TITLES.get(r.decision)
            words = f" ({decision.kk} / {decision.ru})" if decision else ""
            out.write(f"    decided {_shown(r.decided, executor)}{' (late)' if r.late else ''}: "
                      f"{_t(r.decision)}{words}, document {_t(r.document or '')}, examined by "
                      f"{_t(r.examined_by or '')}\n")
        else:
            out.write("    not decided yet\n")
        if r.revision is not None:
            out.write(f"    revision: {_t(r.revision)}\n")
        source = _source(r)
        out.write(f"    rule {_t(r.rule)}\n")
        if source is not None:
            out.write(f"      {source['kk']}\n      {source['ru']}\n")
