"""Write the spec pairs of `data/` (run once; the YAML is committed and reviewed).

    python tests/verify/build_data.py

Each case is a folder `data/<case>/` with `standards/service.yaml` and
`regulations/service.yaml`. The expected reports next to them are written by the
tests themselves with `pytest tests/verify --regen-golden` (see test_cases.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import yaml

from tests.verify.specgen import regulation_yaml, standard_yaml, text, write_pair

DATA = Path(__file__).resolve().parent / "data"
GROUND = ["requirements_not_met"]


def step(ident: str, duration: str | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": ident}
    if duration is not None:
        out["duration"] = duration
    out.update(extra)
    return out


def outcome(ident: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "label": text("Нәтиже"), **extra}


def decision(ident: str, duration: str | None, *outcomes: dict[str, Any]) -> dict[str, Any]:
    return step(ident, duration, kind="decision", outcomes=list(outcomes))


def commission(duration: str | None, **rule: Any) -> dict[str, Any]:
    """A step that waits for the commission's meeting by `rule`, then takes `duration`."""
    waits = {"meeting": {"kk": "Комиссия отырысы", "ru": "Заседание комиссии"}, **rule,
             "source": "тест: «комиссия отырысы»"}
    return step("commission", duration, waits_for=waits)


def office(term: str, **extra: Any) -> dict[str, dict[str, Any]]:
    return {"provider_office": {"term": term, "schedule": "provider", **extra}}


def review(duration: str | None = "10 min") -> dict[str, Any]:
    """A decision that accepts (to `issue`) or refuses with a ground."""
    return decision("review", duration, outcome("accept", next="issue"),
                    outcome("refuse", ends="refusal", refusal_grounds=GROUND))


CASES: dict[str, tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]],
                       list[dict[str, Any]]]] = {
    # --- structural errors -------------------------------------------------------------
    "unreachable": (office("30 min"), {"provider_office": [
        step("register", "5 min"), step("issue", "5 min", ends="result"),
        step("orphan", "5 min", ends="result")]}, []),
    "no-end": (office("30 min"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "5 min", outcome("accept", next="issue"),
                 outcome("correct", next="correct")),
        step("issue", "5 min", ends="result"),
        step("correct", "5 min", next="recheck"),
        step("recheck", "5 min", next="correct")]}, []),
    "decision-same-target": (office("30 min"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "10 min", outcome("accept", next="issue"),
                 outcome("also", next="issue")),
        step("issue", "5 min", ends="result")]}, []),
    "unbounded-cycle": (office("1 wd"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "10 min", outcome("accept", next="issue"),
                 outcome("correct", next="register")),
        step("issue", "5 min", ends="result")]}, []),
    "bounded-cycle": (office("1 wd"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "10 min", outcome("accept", next="issue"),
                 outcome("correct", next="register", max_repeats=2)),
        step("issue", "5 min", ends="result")]}, []),
    "refusal-without-ground": (office("30 min"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "10 min", outcome("accept", next="issue"),
                 outcome("refuse", ends="refusal")),
        step("issue", "5 min", ends="result")]}, []),
    "refusal-unknown-ground": (office("30 min"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "10 min", outcome("accept", next="issue"),
                 outcome("refuse", ends="refusal", refusal_grounds=["court_ban"])),
        step("issue", "5 min", ends="result")]}, []),
    # --- deadline verdicts -------------------------------------------------------------
    "minutes-fit-exactly": (office("30 min"), {"provider_office": [
        step("register", "5 min"), step("assign", "5 min"), review(),
        step("issue", "5 min"), step("hand_over", "5 min", ends="result")]}, []),
    "minutes-exceed-by-one": (office("30 min"), {"provider_office": [
        step("register", "5 min"), step("assign", "5 min"), review(),
        step("issue", "5 min"), step("hand_over", "6 min", ends="result")]}, []),
    "working-days-exceed": (office("1 wd"), {"provider_office": [
        step("review", "1 wd"), step("issue", "1 wd", ends="result")]}, []),
    "mixed-units": (office("1 wd"), {"provider_office": [
        step("review", "1 wd"), step("issue", "2 h", ends="result")]}, []),
    "near-holiday": (office("4 cd"), {"provider_office": [
        step("register", "2 h"), step("issue", "1 wd", ends="result")]}, []),
    "gov-corp-acceptance-excluded": (
        {"gov_corp": {"term": "3 cd", "schedule": "gov_corp", "acceptance_day_excluded": True}},
        {"gov_corp": [step("register", "2 h"), step("issue", "1 wd", ends="result")]}, []),
    "gov-corp-acceptance-counted": (
        {"gov_corp": {"term": "3 cd", "schedule": "gov_corp"}},
        {"gov_corp": [step("register", "2 h"), step("issue", "1 wd", ends="result")]}, []),
    "untimed-step": (
        {"provider_office": {"term": "30 min", "schedule": "provider"},
         "gov_corp": {"term": "1 wd", "schedule": "gov_corp"}},
        {"provider_office": [step("register", "5 min"), review(None),
                             step("issue", "5 min", ends="result")],
         "gov_corp": [step("register"), step("forward"), step("issue", "1 h", ends="result")]},
        []),
    "unbounded-step": (office("15 wd"), {"provider_office": [
        step("register", "5 min"),
        step("commission", None, unbounded={"kk": "Комиссия отырысына дейін",
                                            "ru": "До заседания комиссии"}),
        step("issue", "1 wd", ends="result")]}, []),
    "acknowledged": (office("1 wd"), {"provider_office": [
        step("review", "1 wd"), step("issue", "1 wd", ends="result")]},
        [{"check": "deadline", "channel": "provider_office", "path_end": "issue",
          "accepts": "1 wd", "reason": text("Өзгерту күтілуде"), "reference": "ISSUE-12"}]),
    # The same acknowledgement on a path now a day later: the overrun it accepts is exceeded.
    "acknowledged-beyond": (office("1 wd"), {"provider_office": [
        step("review", "2 wd"), step("issue", "1 wd", ends="result")]},
        [{"check": "deadline", "channel": "provider_office", "path_end": "issue",
          "accepts": "1 wd", "reason": text("Өзгерту күтілуде"), "reference": "ISSUE-12"}]),
    # 1 wd, then 10 min, against 1 wd: civil, the day step ends at the close of the next
    # working day and the last 10 min spill into the day after; elapsed, a receipt at
    # 17:29 (reception closes at 17:30) ends the day step at 17:29 the next day, 17:39 in all.
    "depends": (office("1 wd"), {"provider_office": [
        step("review", "1 wd"), step("issue", "10 min", ends="result")]}, []),
    # The refusal's documents are returned within 2 wd of the decision (a time limit of the
    # outcome itself): the refusal path takes 1 + 2 wd against a term of 2 wd and exceeds it;
    # the result path, 1 + 1 wd, fits.
    "outcome-time": (office("2 wd"), {"provider_office": [
        decision("review", "1 wd", outcome("accept", next="issue"),
                 outcome("refuse", ends="refusal", refusal_grounds=GROUND, duration="2 wd",
                         source="тест: «құжаттар 2 жұмыс күні ішінде қайтарылады»")),
        step("issue", "1 wd", ends="result")]}, []),
    # --- steps that wait for a meeting (docs/calendar.md, "Steps that wait for a meeting")
    # The commission meets on the last working Friday of each month; its decision is drawn up
    # within 1 wd after the meeting; the result is issued within 1 wd.
    "meeting-monthly": (office("30 wd"), {"provider_office": [
        step("register", "5 min"), commission("1 wd", monthly={"nth": "last", "weekday": "fri"}),
        step("issue", "1 wd", ends="result")]}, []),
    # Every Tuesday, a Tuesday off skipped (the default): fits 10 wd on every receipt.
    "meeting-weekly": (office("10 wd"), {"provider_office": [
        step("register", "5 min"), commission("1 wd", every=["tue"]),
        step("issue", "1 wd", ends="result")]}, []),
    # Only "at least once a month": the longest wait that allows, against 30 wd.
    "meeting-at-least-monthly": (office("30 wd"), {"provider_office": [
        step("register", "5 min"), commission("1 wd", at_least="once_a_month"),
        step("issue", "1 wd", ends="result")]}, []),
    "stale-acknowledgement": (office("2 wd"), {"provider_office": [
        step("review", "1 wd"), step("issue", "1 wd", ends="result")]},
        [{"check": "deadline", "channel": "provider_office",
          "reason": text("Өзгерту күтілуде"), "reference": "ISSUE-12"}]),
    # A term of 1 month (issue 16): 15 wd and 1 wd of steps fit a month, except where
    # holidays crowd it (a month from a day in late April takes in 1, 7, 9 May).
    "months-term": (office("1 mo"), {"provider_office": [
        step("register", "10 min"), step("review", "15 wd"),
        step("issue", "1 wd", ends="result")]}, []),
    # "Within five banking days to credit the payment" (issue 16), then 5 wd, against 10 wd:
    # as many days as the term, except when a rest day worked by transfer (not a banking
    # day) falls among the five.
    "banking-days-step": (office("10 wd"), {"provider_office": [
        step("credit_payment", "5 bd"), step("issue", "5 wd", ends="result")]}, []),
}


# A State Corporation channel whose provider works the five-day week: 10 min at the counter,
# then 3 wd at the provider, against 4 wd. On the legal five-day week the term and the
# provider's days are the same days; counted on the State Corporation's six-day week (a text
# that says so), its Saturdays make the term a day shorter than the provider's work. In force
# 2021-2024, years without a worked Sunday (on which the State Corporation is closed while
# the term's day passes: docs/findings.md, finding 2).
BASES = {"gov-corp": (
    {"gov_corp": {"term": "4 wd", "schedule": "gov_corp"}},
    {"gov_corp": [step("accept", "10 min", actor="operator"),
                  step("prepare", "3 wd", ends="result")]}, [])}
# The commission's meetings listed for 2026 (the last working Friday of each month; 30 August
# is a Sunday, so no date moves), in force in 2026 only: receipts after 25 December reach none.
_MEETINGS_2026 = ["2026-01-30", "2026-02-27", "2026-03-27", "2026-04-24", "2026-05-29",
                  "2026-06-26", "2026-07-31", "2026-08-28", "2026-09-25", "2026-10-30",
                  "2026-11-27", "2026-12-25"]
BASES["meeting-dates"] = (office("30 wd"), {"provider_office": [
    step("register", "5 min"), commission("1 wd", dates=_MEETINGS_2026),
    step("issue", "1 wd", ends="result")]}, [])
BASES["meeting-date-outside"] = (office("30 wd"), {"provider_office": [
    step("register", "5 min"), commission("1 wd", dates=["2026-01-30", "2031-01-31"]),
    step("issue", "1 wd", ends="result")]}, [])
_2026 = {"valid_from": "2026-01-01", "valid_to": "2026-12-31"}
_GOV_CORP_ACTORS = {"actors": [
    {"id": "operator", "kind": "person", "title": text("Оператор"), "schedule": "gov_corp"},
    {"id": "clerk", "kind": "person", "title": text("Маман"), "schedule": "provider"}]}
_2021_2024 = {"valid_from": "2021-01-01", "valid_to": "2024-12-31"}
#: Cases that need more than channels, steps and acknowledgements: (standard's extra keys,
#: regulation's extra keys) on top of another case.
EXTRA: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {
    "depends-civil": ("depends", {}, {"day_limits": {
        "reading": "civil", "source": "тест: «келесі жұмыс күнінің соңына дейін»"}}),
    "depends-elapsed": ("depends", {}, {"day_limits": {
        "reading": "elapsed", "source": "тест: «түскен сәттен бастап»"}}),
    # In force from 2000: years no calendar here covers.
    "before-calendar": ("working-days-exceed", {"valid_from": "2000-01-01"},
                        {"valid_from": "2000-01-01", "valid_to": "2001-12-31"}),
    # The 2008 silent pass: a term of 1 wd, stages of 1 wd + 1 wd, in force in 2009.
    "in-2009": ("working-days-exceed", {"valid_from": "2009-01-01"},
                {"valid_from": "2009-01-01", "valid_to": "2009-12-31"}),
    # In force from 2027 only: every figure rests on a provisional year.
    "provisional-year": ("working-days-exceed", {"valid_from": "2027-01-01"},
                         {"valid_from": "2027-01-01"}),
    "gov-corp-legal-week": ("gov-corp", {"valid_from": "2021-01-01"},
                            {**_GOV_CORP_ACTORS, **_2021_2024}),
    "gov-corp-six-day-by-text": ("gov-corp", {"valid_from": "2021-01-01", "channels": {"gov_corp": {
        "term": "4 wd", "schedule": "gov_corp", "source": "тест",
        "term_counted_on": {"week": "six_day", "source": "тест: «Мемлекеттік корпорацияның "
                                                         "жұмыс күндерімен»"}}}},
                                 {**_GOV_CORP_ACTORS, **_2021_2024}),
    "meeting-dates": ("meeting-dates", {"valid_from": "2026-01-01"}, _2026),
    # A listed date in 2031, after the calendar's years: a located error.
    "meeting-date-outside": ("meeting-date-outside", {"valid_from": "2026-01-01"}, _2026),
    # The portal's checks of an information system with no limit in the text.
    "system-steps": ("system-steps", {}, {"actors": [
        {"id": "clerk", "kind": "person", "title": text("Маман")},
        {"id": "portal", "kind": "system", "title": text("Портал")}]}),
    "system-steps-assumed": ("system-steps", {}, {"actors": [
        {"id": "clerk", "kind": "person", "title": text("Маман")},
        {"id": "portal", "kind": "system", "title": text("Портал"),
         "assumed_limit": {"duration": "1 h", "source": "тест: SLA"}}]}),
}
CASES["system-steps"] = (
    {"portal": {"term": "2 h", "schedule": "portal"}},
    {"portal": [step("check_signature", None, actor="portal"),
                step("register", "30 min"), step("issue", "1 h", ends="result")]}, [])


#: Offices with schedules of their own, in a `kind: schedules` file beside the pair
#: (docs/calendar.md, "Writing a schedule"): (the schedules, channels, steps).
SCHEDULED: dict[str, tuple[dict[str, Any], dict[str, dict[str, Any]],
                           dict[str, list[dict[str, Any]]]]] = {
    # Documents accepted on Wednesdays only, 09:00-13:00: only Wednesday mornings are
    # moments of receipt; the worst is 12:59, whose steps run into Thursday.
    "wednesday-reception": (
        {"wednesday_reception": {
            "title": text("Сәрсенбі"), "week": "five_day", "hours": "09:00-18:00",
            "breaks": ["13:00-14:00"], "reception": {"hours": "09:00-13:00", "weekdays": ["wed"]},
            "source": "тест: «құжаттар тек сәрсенбі күндері қабылданады»"}},
        {"provider_office": {"term": "1 wd", "schedule": "wednesday_reception"}},
        {"provider_office": [step("register", "10 min"), step("review", "4 h"),
                             step("issue", "30 min", ends="result")]}),
    # A State Corporation office open Monday to Friday 09:00-20:00 and Saturday 09:00-14:00:
    # three hours of steps received in the last minute of a Saturday end on Monday.
    "short-saturday": (
        {"cso_short_saturday": {
            "title": text("Сенбі"), "week": "six_day", "hours": "09:00-20:00",
            "days": {"sat": "09:00-14:00"}, "source": "тест: «сенбі 09:00-14:00»"}},
        {"gov_corp": {"term": "1 wd", "schedule": "cso_short_saturday"}},
        {"gov_corp": [step("accept", "15 min"), step("prepare", "2 h"),
                      step("issue", "45 min", ends="result")]}),
}


def schedules_yaml(schedules: dict[str, Any]) -> str:
    """A `kind: schedules` file with the given schedules."""
    data = {"kind": "schedules", "id": "offices", "title": text("Кестелер"),
            "schedules": schedules}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def main() -> None:
    for name, (schedules, channels, processes) in SCHEDULED.items():
        folder = write_pair(DATA / name, standard_yaml("service", channels),
                            regulation_yaml(f"reg-{name}", "service", processes))
        (folder / "schedules").mkdir(exist_ok=True)
        (folder / "schedules" / "offices.yaml").write_text(schedules_yaml(schedules),
                                                           encoding="utf-8")
    for name, (channels, processes, acks) in CASES.items():
        write_pair(DATA / name, standard_yaml("service", channels),
                   regulation_yaml(f"reg-{name}", "service", processes,
                                   acknowledgements=acks or None))
    for name, (base, standard_extra, regulation_extra) in EXTRA.items():
        channels, processes, acks = CASES[base] if base in CASES else BASES[base]
        write_pair(DATA / name, standard_yaml("service", channels, extra=standard_extra),
                   regulation_yaml(f"reg-{name}", "service", processes,
                                   acknowledgements=acks or None, extra=regulation_extra))


if __name__ == "__main__":
    main()
