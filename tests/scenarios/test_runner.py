"""The scenario runner: a passing scenario, each kind of mismatch, each scenario error.

The specs are a copy of the Aktobe school-admission regulation kept in force
(`data/specs/`), so that scenarios run on the calendar years 2023-2026. Every expected
instant is computed by hand in the comments (provider: 09:00-13:00, 14:00-18:30).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from engine.scenarios import FileReport, ScenarioRunner, run_paths

DATA = Path(__file__).parent / "data"
SPECS = DATA / "specs"
CORPUS = Path(__file__).resolve().parents[2] / "specs"

# Wednesday 20 March 2024, 17:00 at the office: register 17:05, assign 17:10, review 17:20,
# sign_receipt 17:25, issue_receipt 17:30; the 30 min term ends at 17:30 too.
OFFICE = """\
- name: office
  regulation: aktobe-school-admission
  channel: provider_office
  received: 2024-03-20T17:00:00+05:00
  documents: [application]
  outcomes: {review: accept}
  expect:
"""


def run(tmp_path: Path, text: str, specs: Path = SPECS) -> FileReport:
    path = tmp_path / "scenarios" / "case.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return ScenarioRunner(specs).run_file(path)


def report(tmp_path: Path, text: str, specs: Path = SPECS) -> list[str]:
    """Every error and mismatch, with the scenario file's path made relative."""
    result = run(tmp_path, text, specs)
    lines = [str(e) for e in result.errors]
    for scenario in result.results:
        lines.extend(scenario.report().splitlines())
    return [line.replace(f"{tmp_path}/", "") for line in lines]


def test_the_example_scenarios_pass() -> None:
    result = run_paths([SPECS])
    assert [f.path for f in result.files] == [str(SPECS / "scenarios" / "school-admission.yaml")]
    assert [(r.name, r.status) for r in result.results] == [
        ("accepted at the office on a working afternoon", "passed"),
        ("refused at the office across Nauryz", "passed"),
        ("through the portal on a holiday night", "passed"),
        ("the portal refuses to accept a request without EDS", "passed"),
        ("a late registration is overdue, and so is the term", "passed"),
    ]
    assert result.ok
    assert result.counts() == {"passed": 5, "failed": 0, "error": 0}


def test_a_scenario_with_every_expectation_met_passes(tmp_path: Path) -> None:
    result = run(tmp_path, OFFICE + """\
    status: result
    due: 2024-03-20T17:30:00+05:00
    steps_due: {register: 2024-03-20T17:05:00+05:00, issue_receipt: 2024-03-20T17:30:00+05:00}
    path: [register, assign, review, sign_receipt, issue_receipt]
    results: [receipt]
    finished: 2024-03-20T17:30:00+05:00
    met_term: true
    margin: 0 min
    overdue:
      - {at: 2024-03-20T17:29:00+05:00, steps: [], term: false}
""")
    assert (result.errors, [r.status for r in result.results]) == ([], ["passed"])


@pytest.mark.parametrize(("line", "message"), [
    ("status: refusal", "8:13: expect.status: expected refusal, got result"),
    ("due: 2024-03-20T17:35:00+05:00",
     "8:10: expect.due: expected 2024-03-20T17:35:00+05:00, got 2024-03-20T17:30:00+05:00"),
    ("steps_due: {assign: 2024-03-20T17:15:00+05:00}",
     "8:25: expect.steps_due.assign: expected 2024-03-20T17:15:00+05:00, "
     "got 2024-03-20T17:10:00+05:00"),
    ("steps_due: {sign_refusal: 2024-03-20T17:25:00+05:00}",
     '8:31: expect.steps_due.sign_refusal: expected 2024-03-20T17:25:00+05:00, got the case '
     'never reached "sign_refusal" (path [register, assign, review, sign_receipt, '
     "issue_receipt])"),
    ("path: [register, review]", "8:11: expect.path: expected [register, review], "
     "got [register, assign, review, sign_receipt, issue_receipt]"),
    ("finished: 2024-03-20T17:31:00+05:00", "8:15: expect.finished: expected "
     "2024-03-20T17:31:00+05:00, got 2024-03-20T17:30:00+05:00"),
    ("results: [enrolment_order]",
     "8:14: expect.results: expected [enrolment_order], got [receipt]"),
    ("ground: requirements_not_met",
     "8:13: expect.ground: expected requirements_not_met, got no ground (status result)"),
    ("met_term: false", "8:15: expect.met_term: expected false, got true"),
    ("margin: +5 min", "8:13: expect.margin: expected +5 min, got +0 min (met the term with "
     "no time to spare)"),
    ("refused_to_accept: [application]", "8:24: expect.refused_to_accept: expected refused to "
     "accept for [application], got accepted (status result)"),
    ("article: Law 88-V, art. 19",
     '8:14: expect.article: expected "Law 88-V, art. 19", got no article (accepted)'),
    ("overdue: [{at: 2024-03-20T17:10:00+05:00, steps: [{step: register}]}]",
     "8:54: expect.overdue[0].steps: expected at 2024-03-20T17:10:00+05:00: register, "
     "got no late step"),
    ("overdue: [{at: 2024-03-20T17:31:00+05:00, steps: [], term: true}]",
     "8:64: expect.overdue[0].term: expected at 2024-03-20T17:31:00+05:00: the term late, "
     "got the term not late"),
    ("error: repealed", '8:12: expect.error: expected the engine to reject it with "repealed", '
     "got no error (status result)"),
])
def test_each_kind_of_mismatch_is_reported_at_its_expected_value(tmp_path: Path, line: str,
                                                                 message: str) -> None:
    assert report(tmp_path, OFFICE + f"    {line}\n") == [f"scenarios/case.yaml:{message}"]


def test_overdue_mismatches_name_the_step_its_actor_and_the_working_time(tmp_path: Path) -> None:
    # register completed at 17:40 instead of 17:05; at 17:35 it is 30 min late, the term 5 min
    lines = report(tmp_path, OFFICE + """\
    overdue:
      - at: 2024-03-20T17:35:00+05:00
        steps: [{step: register, actor: head, late: 25 min}]
        term: 10 min
  actions:
    - {complete: register, at: 2024-03-20T17:40:00+05:00}
""")
    assert lines == [
        "scenarios/case.yaml:10:16: expect.overdue[0].steps: expected at "
        "2024-03-20T17:35:00+05:00: register by head, 25 min late, got register by executor, "
        "30 min late",
        "scenarios/case.yaml:11:15: expect.overdue[0].term: expected at "
        "2024-03-20T17:35:00+05:00: the term late by 10 min, got the term late by 5 min",
    ]


def test_refusal_to_accept_lists_the_missing_documents_and_the_article(tmp_path: Path) -> None:
    lines = report(tmp_path, """\
    - name: nothing submitted
      service: school-admission
      channel: provider_office
      received: 2024-03-20T10:00:00+05:00
      documents: []
      expect:
        refused_to_accept: []
        article: Law 88-V, art. 20 p. 2
        due: 2024-03-20T10:30:00+05:00
    """)
    assert lines == [
        "scenarios/case.yaml:7:24: expect.refused_to_accept: expected refused to accept for "
        "[] (none), got refused to accept for [application]",
        'scenarios/case.yaml:8:14: expect.article: expected "Law 88-V, art. 20 p. 2", '
        'got "Law 88-V, art. 19"',
        "scenarios/case.yaml:9:10: expect.due: expected 2024-03-20T10:30:00+05:00, "
        "got none (refused to accept)",
    ]


def test_an_expected_engine_error_passes_and_a_different_one_is_a_mismatch(
        tmp_path: Path) -> None:
    scenario = """\
    - name: before the regulation
      service: school-admission
      channel: provider_office
      received: 2015-07-01T10:00:00+06:00
      documents: [application]
      expect:
        error: {}
    """
    assert report(tmp_path, scenario.format('"not in force on 2015-07-01"')) == []
    assert report(tmp_path, scenario.format("repealed")) == [
        'scenarios/case.yaml:7:12: expect.error: expected the engine to reject it with '
        '"repealed", got "service "school-admission" is not in force on 2015-07-01 '
        '(versions: 2015-07-26 to open end)"']


@pytest.mark.parametrize(("text", "message"), [
    # a decision reached without an outcome names the outcomes
    (OFFICE.replace("  outcomes: {review: accept}\n", "") + "    status: result\n",
     '1:3: step "review" is a decision: give its outcome, one of accept, refuse (hint: add '
     "`outcomes: {review: ...}` to the scenario)"),
    (OFFICE.replace("accept}", "refuse}") + "    status: refusal\n",
     '1:3: the refusal reached through "issue_refusal" must cite a ground '
     "(hint: add `ground:`, one of requirements_not_met, unreliable_documents)"),
    (OFFICE.replace("{review: accept}", "{reveiw: accept}") + "    status: result\n",
     '6:14: outcomes.reveiw: unknown step "reveiw" of channel "provider_office" of '
     '"aktobe-school-admission" (hint: did you mean "review"?)'),
    (OFFICE + "    status: result\n  actions:\n"
     "    - {complete: review, at: 2024-03-20T17:01:00+05:00}\n",
     '10:7: actions[0]: at 2024-03-20T17:01:00+05:00 the case waits on "register" '
     '(by executor, due 2024-03-20T17:05:00+05:00), not on "review"'),
    (OFFICE + "    status: result\n  actions:\n"
     "    - {refuse: unreliable_documents, at: 2024-03-20T18:00:00+05:00}\n",
     "10:7: actions[0]: the case had already ended (result) at 2024-03-20T17:30:00+05:00, "
     "before this action"),
    (OFFICE + "    status: result\n  actions:\n"
     "    - {refuse: no_consent, at: 2024-03-20T17:02:00+05:00}\n",
     '10:7: actions[0]: "no_consent" is not a refusal ground of service "school-admission" '
     "(hint: defined: requirements_not_met, unreliable_documents)"),
    (OFFICE.replace("[application]", "[aplication]") + "    status: result\n",
     '5:14: documents: unknown document "aplication" of service "school-admission" '
     '(hint: did you mean "application"?)'),
    (OFFICE.replace("2024-03-20", "2031-03-20") + "    status: result\n",
     "4:13: received: no calendar data for 2031"),
])
def test_a_scenario_that_cannot_run_is_an_error_at_its_cause(tmp_path: Path, text: str,
                                                             message: str) -> None:
    result = run(tmp_path, text)
    assert [r.status for r in result.results] == ["error"]
    lines = report(tmp_path, text)
    assert len(lines) == 1
    assert lines[0].startswith(f"scenarios/case.yaml:{message}")


def test_a_service_without_a_regulation_in_force_runs_on_its_standard(tmp_path: Path) -> None:
    # home schooling (2024): 2 wd from Friday 1 March 2024 -> Monday 4, Tuesday 5 March
    text = """\
    - name: home schooling
      service: home-schooling
      channel: provider_office
      received: 2024-03-01T10:00:00+05:00
      documents: [application]
      expect:
        status: open
        due: 2024-03-05T18:30:00+05:00
    """
    assert report(tmp_path, text, CORPUS) == []
    assert report(tmp_path, text + "    path: [register]\n", CORPUS) == [
        "scenarios/case.yaml:9:5: expect.path: expect.path needs the steps of a regulation, and "
        'no regulation of "home-schooling" is in force on 2024-03-01: the case runs on the '
        "standard alone (hint: check only status, refused_to_accept, article, due here, or name "
        "a regulation in force on that day)"]
