"""Each structural error and each deadline verdict on a small spec of data/.

Every case folder holds the spec pair and its exact expected reports:
`expected.txt` (the text report of `reglament check <case>`) and `paths.txt`
(every path's verdict); `pytest tests/verify --regen-golden` rewrites them (review
the diff). The specs themselves are written by `build_data.py`. The tests below
also state the key facts literally, so a regenerated golden file cannot hide a
wrong verdict.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pendulum
import pytest

from commands.check import run_check
from engine.calendar import Calendar
from engine.process import check_structure, compile_regulation, enumerate_paths
from engine.process.paths import MAX_PATHS, MAX_STEP_VISITS, _paths, _Walk
from engine.spec import Duration, Location, Outcome, Regulation, Standard
from engine.verify import CheckReport, Verdict, check_corpus, verify_channel
from tests.verify.build_data import CASES as SPECS
from tests.verify.build_data import office
from tests.verify.model_builders import Plan, StepPlan, T, build
from tests.verify.specgen import regulation_yaml, standard_yaml, write_pair
from tests.verify.verifykit import DATA, golden

#: case -> (exit code, exit code with --strict)
CASES: dict[str, tuple[int, int]] = {
    "unreachable": (1, 1),
    "no-end": (1, 1),
    "decision-same-target": (1, 1),
    "unbounded-cycle": (1, 1),
    "bounded-cycle": (0, 0),
    "refusal-without-ground": (1, 1),
    "refusal-unknown-ground": (1, 1),
    "minutes-fit-exactly": (0, 0),
    "minutes-exceed-by-one": (1, 1),
    "working-days-exceed": (1, 1),
    "mixed-units": (1, 1),
    "near-holiday": (1, 1),
    "gov-corp-acceptance-excluded": (0, 0),
    "gov-corp-acceptance-counted": (1, 1),
    "gov-corp-legal-week": (0, 0),
    "gov-corp-six-day-by-text": (1, 1),
    "untimed-step": (0, 1),
    "unbounded-step": (0, 1),
    "acknowledged": (0, 0),
    "acknowledged-beyond": (1, 1),
    "stale-acknowledgement": (0, 1),
    "depends": (0, 1),
    "depends-civil": (1, 1),
    "depends-elapsed": (0, 0),
    "before-calendar": (1, 1),
    "in-2009": (1, 1),
    "provisional-year": (1, 1),
    "system-steps": (0, 0),
    "system-steps-assumed": (1, 1),
    "wednesday-reception": (0, 0),
    "short-saturday": (0, 0),
    "months-term": (1, 1),
    "banking-days-step": (1, 1),
    "outcome-time": (1, 1),
    "meeting-monthly": (1, 1),
    "meeting-weekly": (1, 1),
    "meeting-at-least-monthly": (1, 1),
    "meeting-dates": (0, 0),
    "meeting-date-outside": (1, 1),
}


def _run(case: str, *extra: str, strict: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_check([case, *extra], "text", out, err, strict=strict)
    return code, out.getvalue(), err.getvalue()


def _report(case: str) -> CheckReport:
    return check_corpus([case])


def _verdicts(case: str) -> list[Verdict]:
    return _report(case).verdicts


def _messages(case: str) -> list[str]:
    return [f.message for f in _report(case).findings]


def test_every_case_folder_is_listed() -> None:
    assert sorted(p.name for p in DATA.iterdir() if p.is_dir()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.usefixtures("in_data")
def test_text_report_is_exactly_the_golden_one(case: str, regen_golden: bool) -> None:
    code, out, err = _run(case)
    assert err == ""
    assert out == golden(DATA / case / "expected.txt", out, regen_golden)
    assert code == CASES[case][0]


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.usefixtures("in_data")
def test_strict_exit_code(case: str) -> None:
    assert _run(case, strict=True)[0] == CASES[case][1]


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.usefixtures("in_data")
def test_path_verdicts_are_exactly_the_golden_ones(case: str, regen_golden: bool) -> None:
    lines = "".join(f"{v.channel} [{v.status}]: {v.message()}\n" for v in _verdicts(case))
    assert lines == golden(DATA / case / "paths.txt", lines, regen_golden)


# --- structural errors: the messages, literally ---------------------------------------------


@pytest.mark.usefixtures("in_data")
def test_unreachable_step() -> None:
    report = _report("unreachable")
    assert [str(f) for f in report.findings] == [
        "unreachable/regulations/service.yaml:41:5: processes.provider_office[id=orphan]: "
        'step "orphan" is unreachable from the start (hint: no step or outcome leads to it; '
        "add a `next` or an outcome, or remove it)"]
    assert report.verdicts == []  # a broken graph is not timed


@pytest.mark.usefixtures("in_data")
def test_loop_without_exit_never_reaches_an_end() -> None:
    findings = _report("no-end").findings
    assert [(f.code, f.breadcrumb) for f in findings] == [
        ("cycle", "processes.provider_office[id=correct]"),
        ("no-end", "processes.provider_office[id=correct]"),
        ("no-end", "processes.provider_office[id=recheck]"),
    ]
    assert findings[0].message.startswith("loop correct → recheck → correct has no bound")
    assert findings[2].message.startswith('step "recheck" never reaches an end')


@pytest.mark.usefixtures("in_data")
def test_decision_whose_outcomes_all_lead_to_one_step() -> None:
    assert _messages("decision-same-target") == [
        'decision "review" has outcomes that all lead to "issue" (hint: a decision needs at '
        "least two distinct outcomes; make it a task)"]


@pytest.mark.usefixtures("in_data")
def test_return_for_correction_without_bound() -> None:
    assert _messages("unbounded-cycle") == [
        "loop register → review → register has no bound (hint: give the outcome that returns "
        "to an earlier step `max_repeats: N`)"]


@pytest.mark.usefixtures("in_data")
def test_return_for_correction_with_max_repeats_2_takes_the_loop_0_1_2_times() -> None:
    report = _report("bounded-cycle")
    assert report.findings == []
    assert [v.path.describe() for v in report.verdicts] == [
        "register → review[accept] → issue",
        "register → review[correct] → register → review[accept] → issue",
        "register → review[correct] → register → review[correct] → register → review[accept] → issue",
    ]
    assert [v.status for v in report.verdicts] == ["ok", "ok", "ok"]
    # 3×(5+10)+5 = 50 min: the longest path is the one taking the loop twice.
    assert report.verdicts[2].plain_sum is None  # minutes on a term in working days
    assert report.verdicts[2].worst is not None
    assert report.verdicts[2].worst.takes == "0 wd (the day of receipt) to 18:19"


@pytest.mark.usefixtures("in_data")
def test_refusal_citing_no_ground_is_caught() -> None:
    assert [str(f) for f in _report("refusal-without-ground").findings] == [
        "refusal-without-ground/regulations/service.yaml:51:13: "
        "processes.provider_office[id=review].outcomes[id=refuse].ends: a refusal must cite "
        '"refusal_grounds" of the standard (hint: e.g. refusal_grounds: [requirements_not_met])']


@pytest.mark.usefixtures("in_data")
def test_refusal_citing_an_undefined_ground_is_reported_once() -> None:
    assert [str(f) for f in _report("refusal-unknown-ground").findings] == [
        "refusal-unknown-ground/regulations/service.yaml:53:9: "
        "processes.provider_office[id=review].outcomes[id=refuse].refusal_grounds[0]: unknown "
        'refusal ground "court_ban" of standard "service" (hint: defined: requirements_not_met)']


# --- deadline verdicts ----------------------------------------------------------------------


@pytest.mark.usefixtures("in_data")
def test_minutes_that_fit_exactly_show_the_plain_sum() -> None:
    verdicts = _verdicts("minutes-fit-exactly")
    assert [(v.path.ending, v.status, v.plain_sum) for v in verdicts] == [
        ("refusal", "ok", "5+5+10 min = 20 min ≤ 30 min"),
        ("result", "ok", "5+5+10+5+5 min = 30 min ≤ 30 min"),
    ]
    worst = verdicts[1].worst
    assert worst is not None
    assert worst.margin == dt.timedelta(0)  # the tightest receipt uses the whole term
    assert worst.takes == "30 min"


@pytest.mark.usefixtures("in_data")
def test_minutes_that_exceed_by_one() -> None:
    verdicts = _verdicts("minutes-exceed-by-one")
    assert [(v.path.ending, v.status) for v in verdicts] == [("refusal", "ok"), ("result", "exceeded")]
    assert verdicts[1].message() == (
        "path register → assign → review[accept] → issue → hand_over takes up to 31 min; "
        "term 30 min; 5+5+10+5+6 min = 31 min > 30 min; exceeded when received 2015-07-27 12:30: "
        "steps end 2015-07-27 14:01, term ends 2015-07-27 13:00")


@pytest.mark.usefixtures("in_data")
def test_one_plus_one_working_day_on_a_one_day_term(calendar: Calendar) -> None:
    (verdict,) = _verdicts("working-days-exceed")
    assert verdict.status == "exceeded"
    assert verdict.plain_sum == "1+1 wd = 2 wd > 1 wd"
    worst = verdict.worst
    assert worst is not None
    assert worst.received == pendulum.datetime(2016, 3, 17, 17, 29, tz="Asia/Almaty")
    assert worst.steps_end == pendulum.datetime(2016, 3, 24, 18, 30, tz="Asia/Almaty")
    assert worst.term_end == pendulum.datetime(2016, 3, 18, 18, 30, tz="Asia/Almaty")
    assert " (before Nauryz 2016-03-21)" in verdict.message()
    # the counterexample is a real one, on the scalar calendar
    assert calendar.due(calendar.due(worst.received, "1 wd", "provider"), "1 wd", "provider") \
        == worst.steps_end
    assert calendar.due(worst.received, "1 wd", "provider") == worst.term_end
    assert [(e.step, e.start, e.end) for e in worst.timeline] == [
        ("review", worst.received, worst.term_end), ("issue", worst.term_end, worst.steps_end)]


@pytest.mark.usefixtures("in_data")
def test_mixed_units_have_no_plain_sum_and_take_days_and_hours() -> None:
    (verdict,) = _verdicts("mixed-units")
    assert verdict.plain_sum is None
    assert verdict.message() == (
        "path review → issue takes up to 2 wd to 11:00; term 1 wd; exceeded when received "
        "2016-03-17 17:29 (before Nauryz 2016-03-21): steps end 2016-03-24 11:00, "
        "term ends 2016-03-18 18:30 [under both readings of its day limits]")


def _latest_receipts(calendar: Calendar, schedule: str, close: dt.time) -> list[pendulum.DateTime]:
    """The last reception minute of every working day of the verifier's range, scalar."""
    out = []
    day = dt.date(calendar.years[0], 1, 1)
    while day <= dt.date(2026, 11, 30):
        if calendar.day_info(day, schedule).working:
            out.append(pendulum.datetime(day.year, day.month, day.day, close.hour, close.minute,
                                         tz="Asia/Almaty"))
        day += dt.timedelta(days=1)
    return out


@pytest.mark.usefixtures("in_data")
def test_term_that_only_fails_near_a_holiday(calendar: Calendar) -> None:
    """2 h + 1 wd on a term of 4 cd fits every ordinary week; Nauryz breaks it (worst in 2017,
    when a worked Saturday, 18 March, precedes a moved day off and Nauryz)."""
    (verdict,) = _verdicts("near-holiday")
    assert verdict.message() == (
        "path register → issue takes up to 7 cd to 18:30; term 4 cd; exceeded when received "
        "2017-03-18 17:29 (before a moved day off 2017-03-20, Nauryz 2017-03-21): steps end "
        "2017-03-27 18:30, term ends 2017-03-24 18:30 [under both readings of its day limits]")
    # An independent brute force over the last reception minute of every day.
    slack = {}
    for received in _latest_receipts(calendar, "provider", dt.time(17, 29)):
        steps = calendar.due(calendar.due(received, "2 h", "provider"), "1 wd", "provider")
        slack[received] = (calendar.due(received, "4 cd", "provider") - steps).total_seconds()
    worst = min(slack, key=lambda r: (slack[r], r))
    assert verdict.worst is not None
    assert worst == verdict.worst.received
    assert slack[worst] == verdict.worst.margin.total_seconds()
    # ... and an ordinary week fits: Monday to Friday of 2024-02-05.
    ordinary = [r for r in slack if dt.date(2024, 2, 5) <= r.date() <= dt.date(2024, 2, 9)]
    assert len(ordinary) == 5
    assert all(slack[r] >= 0 for r in ordinary)
    failing = sorted(r.date() for r in slack if slack[r] < 0)
    # every failing receipt day is within a week before a day off that is not a weekend
    for day in failing:
        ahead = [day + dt.timedelta(days=k) for k in range(1, 8)]
        assert any(calendar.day_info(d, "provider").holidays
                   or calendar.day_info(d, "provider").moved_from is not None for d in ahead), day


@pytest.mark.usefixtures("in_data")
def test_gov_corp_acceptance_day_excluded_makes_it_fit() -> None:
    (excluded,) = _verdicts("gov-corp-acceptance-excluded")
    (counted,) = _verdicts("gov-corp-acceptance-counted")
    assert excluded.status == "ok"
    assert counted.status == "exceeded"
    assert counted.message() == (
        "path register → issue takes up to 4 cd to 20:00; term 3 cd; exceeded when received "
        "2015-08-29 19:59 (before Constitution Day 2015-08-30): steps end 2015-09-02 20:00, "
        "term ends 2015-09-01 20:00 [under both readings of its day limits; the term's days "
        "count on the five-day week of the production calendar, the steps on the six-day week "
        "of their actors]")
    assert excluded.worst is not None
    assert excluded.worst.margin == dt.timedelta(0)


@pytest.mark.usefixtures("in_data")
def test_untimed_steps_give_one_warning_per_channel() -> None:
    code, _, _ = _run("untimed-step")
    assert code == 0
    warnings = list(_report("untimed-step").findings)
    assert [(f.severity, f.code, f.breadcrumb) for f in warnings] == [
        ("warning", "unverifiable", "processes.provider_office"),
        ("warning", "unverifiable", "processes.gov_corp"),
    ]
    assert warnings[0].message == (
        "2 of 2 path(s) cannot be verified against the term 30 min: step(s) review have no "
        "time limit in the text (hint: add the limits the text gives, or `unbounded:` with the "
        "reason)")
    assert warnings[1].message.startswith(
        "1 of 1 path(s) cannot be verified against the term 1 wd: step(s) forward, register ")
    assert _run("untimed-step", strict=True)[0] == 1


@pytest.mark.usefixtures("in_data")
def test_a_step_unbounded_by_the_text_is_reported_as_such() -> None:
    (verdict,) = _verdicts("unbounded-step")
    assert (verdict.status, verdict.unbounded) == ("unverifiable", ("commission",))
    assert verdict.message() == (
        "path register → commission → issue cannot be verified against the term 15 wd: "
        "step(s) commission have no time limit (commission unbounded by the text)")
    (finding,) = _report("unbounded-step").findings
    assert (finding.severity, finding.code) == ("warning", "unverifiable")
    assert finding.message == (
        "1 of 1 path(s) cannot be verified against the term 15 wd: commission is unbounded by "
        "the text (Комиссия отырысына дейін / До заседания комиссии) (hint: acknowledge the "
        "finding with a reference until the text sets a limit)")


@pytest.mark.usefixtures("in_data")
def test_acknowledged_deadline_passes_and_is_marked() -> None:
    code, out, _ = _run("acknowledged")
    assert code == 0
    (finding,) = _report("acknowledged").findings
    assert finding.severity == "acknowledged"
    assert finding.code == "deadline"
    assert finding.message.endswith(
        "[acknowledged up to 1 wd: Өзгерту күтілуде / Өзгерту күтілуде; tracked in ISSUE-12]")
    assert ("acknowledged: processes.provider_office: path review → issue takes up to 2 wd "
            "to 18:30") in out
    assert "0 error(s), 0 warning(s), 1 acknowledged\n" in out


@pytest.mark.usefixtures("in_data")
def test_stale_acknowledgement_is_a_warning() -> None:
    (finding,) = _report("stale-acknowledgement").findings
    assert (finding.severity, finding.code, finding.breadcrumb) == (
        "warning", "stale-acknowledgement", "acknowledgements[0]")
    assert finding.message == (
        'stale acknowledgement: no deadline finding on channel "provider_office" any more '
        "(hint: remove it; the regulation now passes this check)")
    assert _run("stale-acknowledgement")[0] == 0
    assert _run("stale-acknowledgement", strict=True)[0] == 1


def test_receipt_windows_end_at_the_last_reception_minute(calendar: Calendar) -> None:
    from engine.verify import receipt_windows
    windows = receipt_windows(calendar, "provider")
    days, instants = windows.latest_per_day(10)
    latest = [pendulum.from_timestamp(int(s), tz="Asia/Almaty") for s in instants]
    assert all(t.time() == dt.time(17, 29) for t in latest)
    assert np.all(np.diff(days) > 0)


# --- acknowledgements: scope and redundancy ------------------------------------------------


def _acknowledged_run(tmp_path: Path, case: str, acks: list[dict[str, object]]) -> CheckReport:
    channels, processes, _ = SPECS[case]
    write_pair(tmp_path / case, standard_yaml("service", channels),
               regulation_yaml("reg", "service", processes, acknowledgements=acks))
    return check_corpus([tmp_path / case])


def _ack(check: str, channel: str, reference: str, path_end: str | None = None,
         accepts: str | None = "1 wd") -> dict[str, object]:
    ack: dict[str, object] = {"check": check, "channel": channel,
                              "reason": {"kk": "Күтілуде", "ru": "Ожидается"},
                              "reference": reference}
    if path_end:
        ack["path_end"] = path_end
    if accepts and check != "unverifiable":
        ack["accepts"] = accepts
    return ack


def test_unverifiable_acknowledged_by_the_end_of_one_of_its_paths(tmp_path: Path) -> None:
    report = _acknowledged_run(tmp_path, "untimed-step", [
        _ack("unverifiable", "provider_office", "X-1"),
        _ack("unverifiable", "gov_corp", "X-2", path_end="issue")])
    assert [(f.severity, f.code, f.breadcrumb) for f in report.findings] == [
        ("acknowledged", "unverifiable", "processes.provider_office"),
        ("acknowledged", "unverifiable", "processes.gov_corp"),
    ]
    assert report.findings[1].message.endswith("[acknowledged: Күтілуде / Ожидается; tracked in X-2]")
    assert not report.failed(strict=True)


def test_an_acknowledgement_for_another_path_end_does_not_hide_the_finding(tmp_path: Path) -> None:
    report = _acknowledged_run(tmp_path, "working-days-exceed", [
        _ack("deadline", "provider_office", "X-1", path_end="review")])
    assert [(f.severity, f.code) for f in report.findings] == [
        ("error", "deadline"), ("warning", "stale-acknowledgement")]
    assert report.findings[1].message == (
        'stale acknowledgement: no deadline finding on channel "provider_office" ending at review '
        "any more (hint: remove it; the regulation now passes this check)")


def test_two_acknowledgements_of_one_finding_are_neither_stale(tmp_path: Path) -> None:
    report = _acknowledged_run(tmp_path, "working-days-exceed", [
        _ack("deadline", "provider_office", "X-1"),
        _ack("deadline", "provider_office", "X-2", path_end="issue")])
    assert [(f.severity, f.code) for f in report.findings] == [("acknowledged", "deadline")]
    assert report.findings[0].message.endswith("tracked in X-1]")


def test_paths_beyond_the_budget_are_an_error_and_none_is_verified(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`bounded-cycle` has 3 paths; with a budget of 2 none is timed, and the check says why
    (it verified the first 10,000 and warned before: issue 15)."""
    monkeypatch.setattr("engine.process.paths.MAX_PATHS", 2)
    write_pair(tmp_path / "c", standard_yaml("service", SPECS["bounded-cycle"][0]),
               regulation_yaml("reg", "service", SPECS["bounded-cycle"][1]))
    report = check_corpus([tmp_path / "c"])
    assert report.verdicts == []
    (finding,) = report.findings
    assert (finding.severity, finding.code, finding.breadcrumb) == (
        "error", "budget", "processes.provider_office")
    assert finding.message == (
        "the paths of this channel exceed the verifier's budget: more than 2 paths (the longest "
        "seen has 7 steps); none of them was verified against the term (hint: lower the "
        "max_repeats of the outcomes that return to earlier steps, or split the process; the "
        "budget is 2 paths and 100,000 steps walked per channel, docs/authoring.md, "
        '"Limits")')
    monkeypatch.setattr("engine.process.paths.MAX_PATHS", 3)
    assert check_corpus([tmp_path / "c"]).findings == []


def _returning_loops(decisions: int, repeats: int) -> list[dict[str, object]]:
    """`decisions` checks in a row, each able to send the case back to the start `repeats`
    times: the shape that made a check grow without bound (issue 15)."""
    steps: list[dict[str, object]] = [{"id": "register", "duration": "5 min"}]
    for i in range(decisions):
        after = f"check{i + 1}" if i + 1 < decisions else "issue"
        steps.append({"id": f"check{i}", "kind": "decision", "duration": "5 min", "outcomes": [
            {"id": "ok", "label": {"kk": "Иә", "ru": "Да"}, "next": after},
            {"id": "back", "label": {"kk": "Жоқ", "ru": "Нет"}, "next": "register",
             "max_repeats": repeats}]})
    steps.append({"id": "issue", "duration": "5 min", "ends": "result"})
    return steps


@pytest.mark.parametrize(("decisions", "repeats"), [(2, 20), (8, 100)])
def test_returning_loops_are_refused_after_bounded_work(tmp_path: Path, decisions: int,
                                                         repeats: int) -> None:
    """8 decisions returning 100 times each ran past 600 s and 4.6 GB: now the enumeration
    stops within the budget and the channel is reported, with the returning outcome's line."""
    write_pair(tmp_path / "c", standard_yaml("service", office("1 wd")),
               regulation_yaml("reg", "service",
                               {"provider_office": _returning_loops(decisions, repeats)}))
    report = check_corpus([tmp_path / "c"])
    assert report.verdicts == []
    (finding,) = report.findings
    assert finding.code == "budget"
    lines = Path(finding.location.path).read_text(encoding="utf-8").splitlines()
    assert "id: back" in lines[finding.location.line - 1]  # the first outcome that returns
    (compiled,) = report.compiled
    walk = _Walk()
    produced = sum(1 for _ in _paths(compiled.graphs["provider_office"], MAX_PATHS + 1, walk))
    assert produced <= MAX_PATHS + 1
    assert walk.stopped or produced > MAX_PATHS
    assert walk.visits < 2 * MAX_STEP_VISITS  # the budget, and at most one path's steps more


# --- the structural checks on their own (the loader catches these first in a spec) --------


def _decision_plan() -> Plan:
    return Plan("provider", Duration(30, "min"),
                (StepPlan(Duration(5, "min"), None), StepPlan(Duration(5, "min"), None)),
                decision_at=0)


def test_structure_refusal_without_ground_and_unknown_actor() -> None:
    regulation, standard = build(_decision_plan())
    first, second = regulation.processes["provider_office"]
    refuse = replace(first.outcomes[1], refusal_grounds=())
    broken = (replace(first, outcomes=(first.outcomes[0], refuse)), replace(second, actor="ghost"))
    regulation = replace(regulation, processes={"provider_office": broken})
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    assert [(str(f.location), f.breadcrumb, f.message, f.code) for f in check_structure(graph)] == [
        ("regulations/random.yaml:10:5", "processes.provider_office[id=s0]",
         "this refusal cites no refusal ground (hint: add refusal_grounds from the standard)",
         "refusal"),
        ("regulations/random.yaml:11:5", "processes.provider_office[id=s1]",
         'actor "ghost" is not defined in regulation "random-reg"', "actor"),
    ]


def test_structure_of_a_valid_graph_is_clean_and_paths_end_as_declared() -> None:
    regulation, standard = build(_decision_plan())
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    assert check_structure(graph) == []
    assert [(p.describe(), p.ending) for p in enumerate_paths(graph)] == [
        ("s0[refuse]", "refusal"), ("s0[accept] → s1", "result")]


def _review_with(*outcomes: Outcome) -> tuple[Regulation, Standard]:
    regulation, standard = build(_decision_plan())
    first, second = regulation.processes["provider_office"]
    return replace(regulation, processes={"provider_office": (
        replace(first, outcomes=outcomes), second)}), standard


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_unbounded_return_is_not_hidden_by_a_bounded_one_to_the_same_step(
        order: tuple[int, int]) -> None:
    """Two outcomes returning to one step share a graph edge; neither may hide the other."""
    at = Location("regulations/random.yaml", 10, 5)
    returns = [Outcome("correct", T, at, next="s0", max_repeats=2),
               Outcome("again", T, at, next="s0")]
    regulation, standard = _review_with(Outcome("accept", T, at, next="s1"),
                                        *(returns[i] for i in order))
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    assert graph.edges["s0", "s0"]["max_repeats"] is None
    assert [f.message for f in check_structure(graph)] == [
        "loop s0 → s0 has no bound (hint: give the outcome that returns to an earlier step "
        "`max_repeats: N`)"]


def test_outcomes_to_the_same_place_merge_grounds_and_bounds() -> None:
    at = Location("regulations/random.yaml", 10, 5)
    regulation, standard = _review_with(
        Outcome("accept", T, at, next="s1"),
        Outcome("correct", T, at, next="s0", max_repeats=1),
        Outcome("resubmit", T, at, next="s0", max_repeats=1),
        Outcome("unreliable", T, at, ends="refusal", refusal_grounds=("unreliable_documents",)),
        Outcome("unmet", T, at, ends="refusal", refusal_grounds=("requirements_not_met",)))
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    loop = graph.edges["s0", "s0"]
    assert (loop["outcome"], loop["outcomes"], loop["max_repeats"]) == (
        "correct", ("correct", "resubmit"), 2)
    refusal = graph.edges["s0", "end:refusal"]
    assert refusal["outcomes"] == ("unreliable", "unmet")
    assert refusal["refusal_grounds"] == ("unreliable_documents", "requirements_not_met")
    # the standard defines only requirements_not_met: the other ground is still checked
    assert [f.message for f in check_structure(graph)] == [
        'refusal ground "unreliable_documents" is not defined by standard "random"']
    # the loop may be taken 0, 1 or 2 times (one bound per returning outcome)
    assert sorted(p.outcomes.count("correct") for p in enumerate_paths(graph)
                  if p.ending == "result") == [0, 1, 2]


def test_a_path_ending_after_the_channel_closes_says_so(calendar: Calendar) -> None:
    """1 wd at the State Corporation (open until 20:00) on a provider's 1 wd term (18:30)."""
    plan = Plan("provider", Duration(1, "wd"), (StepPlan(Duration(1, "wd"), "gov_corp"),))
    regulation, standard = build(plan)
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    (verdict,) = verify_channel(graph, calendar)
    assert verdict.status == "exceeded"
    assert verdict.worst is not None
    assert verdict.worst.takes == "1 wd to 20:00"
    assert verdict.worst.steps_end - verdict.worst.term_end == dt.timedelta(hours=1, minutes=30)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.usefixtures("in_data")
def test_every_counterexample_is_received_while_the_regulation_is_in_force(case: str) -> None:
    report = _report(case)
    for compiled in report.compiled:
        start = max(compiled.regulation.valid_from, compiled.standard.valid_from)
        ends = [d for d in (compiled.regulation.valid_to, compiled.standard.valid_to) if d]
        for verdict in report.verdicts:
            if verdict.regulation == compiled.regulation.id and verdict.worst is not None:
                received = verdict.worst.received.date()
                assert start <= received
                assert all(received <= end for end in ends)


@pytest.mark.usefixtures("in_data")
def test_a_regulation_in_force_before_the_calendar_is_an_error_naming_the_years(
        calendar: Calendar) -> None:
    """A silent pass on years the calendar lacks was a defect: it is an error now, which
    names the years needed and the years covered."""
    (compiled,) = _report("working-days-exceed").compiled
    regulation = replace(compiled.regulation, valid_from=dt.date(2003, 1, 1),
                         valid_to=dt.date(2005, 6, 30))
    standard = replace(compiled.standard, valid_from=dt.date(2003, 1, 1))
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    (verdict,) = verify_channel(graph, calendar)
    first, last = calendar.years
    assert verdict.status == "uncovered"
    assert verdict.reason == (
        f"the calendar covers {first}-{last} and the specs are in force from 2003-01-01 to "
        "2005-06-30: it needs the years 2003-2005 (hint: add them to the calendar, with the "
        'transfers of days off decreed for each; docs/calendar.md, "Adding a year")')
    report = _report("before-calendar")
    assert [(f.severity, f.code) for f in report.findings] == [("error", "calendar")]


@pytest.mark.usefixtures("in_data")
def test_a_regulation_partly_before_the_calendar_is_an_error_too(calendar: Calendar) -> None:
    """In force from before the calendar's first year: the receipts before it would go
    unverified, so the check refuses rather than verifying the covered years alone."""
    (compiled,) = _report("working-days-exceed").compiled
    first, _ = calendar.years
    regulation = replace(compiled.regulation, valid_from=dt.date(first - 2, 3, 1), valid_to=None)
    standard = replace(compiled.standard, valid_from=dt.date(first - 2, 3, 1))
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    (verdict,) = verify_channel(graph, calendar)
    assert verdict.status == "uncovered"
    assert f"it needs the years {first - 2}-{first - 1} " in verdict.reason


@pytest.mark.usefixtures("in_data")
def test_a_path_late_even_with_its_unlimited_steps_at_zero_is_exceeded(
        calendar: Calendar) -> None:
    """register 2 h, commission (no limit), issue 1 wd against a term of 1 wd: the steps
    with a limit alone end after the term on a receipt late in the day."""
    (compiled,) = _report("unbounded-step").compiled
    channel = next(iter(compiled.standard.channels.values()))
    standard = replace(compiled.standard, channels={
        channel.id: replace(channel, term=Duration(1, "wd"))})
    steps = tuple(replace(step, duration=Duration(2, "h")) if step.id == "register" else step
                  for step in compiled.regulation.processes[channel.id])
    regulation = replace(compiled.regulation,
                         processes={**compiled.regulation.processes, channel.id: steps})
    graph = compile_regulation(regulation, standard).graphs[channel.id]
    (verdict,) = verify_channel(graph, calendar)
    assert (verdict.status, verdict.unbounded) == ("exceeded", ("commission",))
    worst = verdict.worst
    assert worst is not None
    assert worst.steps_end > worst.term_end
    assert "exceeds its term even if step(s) commission, with no time limit, took no time: " \
        "takes at least 2 wd" in verdict.message()
    assert "; term 1 wd; exceeded when received " in verdict.message()
    # with the real term of 15 wd the lower bound fits, so the path stays unverifiable
    (unbounded,) = _verdicts("unbounded-step")
    assert unbounded.status == "unverifiable"


# --- issue 16: a term in months, a step in banking days ---------------------------------------


@pytest.mark.usefixtures("in_data")
def test_a_term_of_one_month_is_checked_on_every_day_of_receipt() -> None:
    (verdict,) = _verdicts("months-term")
    assert verdict.status == "exceeded"
    assert verdict.worst is not None
    # Friday 26 February 2027 + 1 month = Friday 26 March; 15 wd then 1 wd from it cross
    # 8 March, 15 March (Constitution Day from 2027) and Nauryz: Monday 29 March.
    assert verdict.worst.received.isoformat() == "2027-02-26T17:29:00+05:00"
    assert verdict.worst.term_end.isoformat() == "2027-03-26T18:30:00+05:00"
    assert verdict.worst.steps_end.isoformat() == "2027-03-29T18:30:00+05:00"
    # A month late by days is told in calendar days: 1 cd from Friday 26 March ends, the
    # Saturday being no working day, at Monday's close.
    assert verdict.overrun == Duration(1, "cd")
    report = _json("months-term")
    (path,) = report["paths"]
    assert (path["term"], path["status"], path["overrun"]) == ("1 mo", "exceeded", "1 cd")
    assert path["worst"]["takes"] == "2 mo to 18:30"


@pytest.mark.usefixtures("in_data")
def test_five_banking_days_skip_the_transferred_working_saturday() -> None:
    (verdict,) = _verdicts("banking-days-step")
    assert verdict.status == "exceeded"
    assert verdict.worst is not None
    # Thursday 3 March 2016: Saturday 5 March is worked by transfer for Monday 7 March, a
    # working day of the term but not a banking day, so the 5 bd end on Monday 14 March
    # while 5 wd would end on Friday 11 March.
    assert verdict.worst.received.isoformat() == "2016-03-03T17:29:00+06:00"
    credit = verdict.worst.timeline[0]
    assert (credit.step, str(credit.duration)) == ("credit_payment", "5 bd")
    assert credit.end.isoformat() == "2016-03-14T18:30:00+06:00"
    assert verdict.worst.term_end.isoformat() == "2016-03-18T18:30:00+06:00"
    assert verdict.overrun == Duration(1, "wd")
    (path,) = _json("banking-days-step")["paths"]
    assert (path["term"], path["status"], path["overrun"]) == ("10 wd", "exceeded", "1 wd")
    assert path["worst"]["takes"] == "11 wd to 18:30"


def _json(case: str) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    assert run_check([case], "json", out, err) == 1
    report: dict[str, Any] = json.loads(out.getvalue())
    return report
