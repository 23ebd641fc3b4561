"""`reglament run SPEC`: one case simulated in memory, each step completed when it falls due."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cli import app
from tests.execute.test_case_cli import refused, sorted_json

DATA = Path(__file__).parent / "data"
REGULATION = DATA / "regulation.yaml"
runner = CliRunner()


def run(spec: str, *args: str, specs: Path | None = DATA) -> Result:
    return runner.invoke(app, ["run", spec, *args,
                               *(["--specs", str(specs)] if specs is not None else [])])


def timeline(spec: str, *args: str, specs: Path | None = DATA) -> Any:
    result = run(spec, *args, "--json", specs=specs)
    assert result.exit_code == 0, result.output
    return sorted_json(result.stdout)


def steps(case: Any) -> list[tuple[str, str, str, str | None]]:
    return [(s["step"], s["actor"], s["start"][11:16], s["due"] and s["due"][11:16])
            for s in case["steps"]]


OFFICE = ["--channel", "provider_office", "--received", "2024-03-20T17:00:00+05:00"]


def test_a_result_completes_every_step_at_its_due_instant() -> None:
    case = timeline("school-admission", *OFFICE, "--outcome", "review=accept")
    assert steps(case) == [("register", "executor", "17:00", "17:05"),
                           ("assign", "head", "17:05", "17:10"),
                           ("review", "executor", "17:10", "17:20"),
                           ("sign_receipt", "head", "17:20", "17:25"),
                           ("issue_receipt", "executor", "17:25", "17:30")]
    assert all(s["finish"] == s["due"] for s in case["steps"])
    assert (case["status"], case["due"], case["met_term"], case["margin_minutes"]) == (
        "result", "2024-03-20T17:30:00+05:00", True, 0)
    assert case["documents"] == ["application"]


def test_the_output_is_deterministic_and_the_same_for_a_regulation_id_and_file() -> None:
    by_service = run("school-admission", *OFFICE, "--outcome", "review=accept", "--json")
    by_id = run("aktobe-school-admission", *OFFICE, "--outcome", "review=accept", "--json")
    by_file = run(str(REGULATION), *OFFICE, "--outcome", "review=accept", "--json")
    again = run("school-admission", *OFFICE, "--outcome", "review=accept", "--json")
    assert by_service.stdout == by_id.stdout == by_file.stdout == again.stdout


def test_a_draft_file_stands_in_for_its_repealed_version_in_the_project_specs() -> None:
    # the project's copy of this regulation was repealed in 2020; the test copy is in force
    assert run("aktobe-school-admission", *OFFICE, specs=None).exit_code == 1
    case = timeline(str(REGULATION), *OFFICE, "--outcome", "review=accept", specs=None)
    assert case["regulation"] == {"id": "aktobe-school-admission", "valid_from": "2015-07-26",
                                  "scope": "regional", "implied": False, "label": None}
    assert case["status"] == "result"


def test_a_reasoned_refusal_cites_the_ground() -> None:
    case = timeline("school-admission", *OFFICE, "--outcome", "review=refuse", "--ground",
                    "unreliable_documents")
    assert [s["step"] for s in case["steps"]][-2:] == ["sign_refusal", "issue_refusal"]
    assert case["status"] == "refusal"
    assert case["refusal"]["ground"] == "unreliable_documents"
    assert case["refusal"]["statutory_number"] == 1
    assert case["refusal"]["title"]["kk"].startswith("көрсетілетін қызметті алушының")


def test_the_term_crosses_close_of_business_and_nauryz() -> None:
    case = timeline("school-admission", "--channel", "provider_office", "--received",
                    "2024-03-20T18:20:00+05:00", "--outcome", "review=accept")
    assert case["due"] == "2024-03-26T09:20:00+05:00"
    assert steps(case)[:3] == [("register", "executor", "18:20", "18:25"),
                               ("assign", "head", "18:25", "18:30"),
                               ("review", "executor", "18:30", "09:10")]
    assert case["steps"][2]["due"] == "2024-03-26T09:10:00+05:00"


def test_missing_documents_are_a_refusal_to_accept_naming_them() -> None:
    case = timeline("school-admission", "--channel", "portal", "--received",
                    "2024-03-23T23:40:00+05:00", "--documents", "")
    assert case["status"] == "refused_to_accept"
    assert case["refused_to_accept"]["missing"][0]["id"] == "eds_request"
    assert case["due"] is None
    text = run("school-admission", "--channel", "portal", "--received",
               "2024-03-23T23:40:00+05:00", "--documents", "").stdout
    assert "refused to accept (Law 88-V, art. 19): missing documents" in text
    assert "  eds_request: көрсетілетін қызметті алушының ЭЦҚ" in text


def test_a_portal_application_on_a_holiday_night_counts_from_the_next_working_morning() -> None:
    case = timeline("school-admission", "--channel", "portal", "--received",
                    "2024-03-23T23:40:00+05:00", "--outcome", "check_credentials=valid",
                    "--outcome", "check_signature=valid", "--outcome", "check_documents=compliant")
    assert case["due"] == "2024-03-26T09:30:00+05:00"
    assert case["status"] == "result"
    assert case["steps"][-1]["step"] == "deliver_result"


def test_human_output_is_bilingual_and_shows_the_timeline() -> None:
    result = run("school-admission", *OFFICE, "--outcome", "review=accept")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("case simulation: school-admission (2015-07-26), regulation "
                        "aktobe-school-admission (2015-07-26)")
    assert lines[1].startswith("  Бастауыш")
    assert lines[2].startswith("  Прием документов")
    assert "term ends  2024-03-20 Wed 17:30" in lines
    assert "  register       executor  2024-03-20 Wed 17:00  2024-03-20 Wed 17:05  " \
           "2024-03-20 Wed 17:05" in lines
    assert lines[-1] == "met the term with no time to spare"


def test_every_decision_without_an_outcome_is_named_at_once() -> None:
    """Issue 18: the portal's three checks were found one run at a time."""
    portal = ["--channel", "portal", "--received", "2019-05-14T10:00:00+06:00"]
    refused(run("aktobe-school-admission", *portal, specs=None), 2,
            'the portal process of "aktobe-school-admission" reaches 3 decisions without an '
            'outcome: "check_credentials" (one of invalid, valid), "check_signature" (one of '
            'invalid, valid), "check_documents" (one of compliant, violations) (hint: give one '
            "outcome each, --outcome check_credentials=invalid|valid --outcome "
            "check_signature=invalid|valid --outcome check_documents=compliant|violations)")
    # an outcome given prunes what it does not lead to: an invalid login ends the case
    result = run("aktobe-school-admission", *portal, "--outcome", "check_credentials=invalid",
                 specs=None)
    assert result.exit_code == 0, result.output
    refused(run("aktobe-school-admission", *portal, "--outcome", "check_credentials=valid",
                specs=None), 2, 'reaches 2 decisions without an outcome: "check_signature"')


@pytest.mark.parametrize(("args", "code", "message"), [
    (OFFICE, 2, 'the provider_office process of "aktobe-school-admission" reaches a decision '
                'without an outcome: "review" (one of accept, refuse) (hint: give one outcome '
                "each, --outcome review=accept|refuse)"),
    ([*OFFICE, "--outcome", "review=acept"], 2,
     'unknown outcome "acept" of step "review" (hint: did you mean "accept"?)'),
    ([*OFFICE, "--outcome", "revew=accept"], 2,
     '--outcome: no step "revew" in the provider_office process'),
    ([*OFFICE, "--outcome", "review"], 2, "--outcome: expected STEP=OUTCOME"),
    ([*OFFICE, "--outcome", "review=refuse"], 2,
     "this refusal must cite one of the grounds: requirements_not_met, unreliable_documents"),
    ([*OFFICE, "--outcome", "review=refuse", "--ground", "court_ban"], 2,
     "this refusal must cite one of the grounds"),
    (["--channel", "provider_office", "--received", "2024-03-20T17:00:00"], 2,
     "has no UTC offset"),
    ([*OFFICE, "--documents", "application,passport"], 2, 'unknown document "passport"'),
    ([*OFFICE, "--applicant", "123"], 2, "--applicant: ИИН/БИН '123': expected 12 digits"),
    (["--channel", "gov_corp", "--received", "2024-03-20T17:00:00+05:00"], 2,
     'channel "gov_corp" is not offered by "aktobe-school-admission"'),
    (["--channel", "provider_office", "--received", "2014-03-20T17:00:00+06:00"], 1,
     'service "school-admission" is not in force on 2014-03-20'),
])
def test_bad_input_is_one_clear_line(args: list[str], code: int, message: str) -> None:
    refused(run("school-admission", *args), code, message)


@pytest.mark.parametrize(("spec", "message"), [
    ("school-admision", 'no regulation or service "school-admision" in the specs (hint: did you '
                        'mean "school-admission"?)'),
    ("drafts/none.yaml", "no such file: drafts/none.yaml"),
])
def test_unknown_specs_are_named(spec: str, message: str) -> None:
    refused(run(spec, *OFFICE), 2, message)
