"""A scenario names the step an outcome's time limit stands for (`review.refuse`, from
tests/data/gaps) like any step: its due instant and its place on the path.

Monday 3 June 2024, 10:00 at the office (09:00-13:00, 14:00-18:30, UTC+5): register 10:15;
request_certificate 2 wd, to the close of Wednesday 5 June; review 1 wd, Thursday 6 June 18:30;
the return of the documents 1 wd, Friday 7 June 18:30; the 5 wd term ends Monday 10 June 18:30.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from engine.scenarios import ScenarioRunner
from tests.specdata import DATA

SCENARIO = """\
scenarios:
  - name: refused, the documents returned within a working day
    service: school-transport
    channel: provider_office
    received: 2024-06-03T10:00:00+05:00
    documents: [application]
    outcomes: {review: refuse}
    ground: requirements_not_met
    expect:
      status: refusal
      ground: requirements_not_met
      due: 2024-06-10T18:30:00+05:00
      steps_due:
        review: 2024-06-06T18:30:00+05:00
        review.refuse: 2024-06-07T18:30:00+05:00
      path: [register, request_certificate, review, review.refuse]
      finished: 2024-06-07T18:30:00+05:00
      met_term: true
"""


def test_a_scenario_expects_the_due_instant_of_an_outcomes_time(tmp_path: Path) -> None:
    path = tmp_path / "scenarios" / "school-transport.yaml"
    path.parent.mkdir()
    path.write_text(textwrap.dedent(SCENARIO), encoding="utf-8")
    result = ScenarioRunner(DATA / "gaps").run_file(path)
    assert result.errors == []
    assert [(r.name, r.status) for r in result.results] == [
        ("refused, the documents returned within a working day", "passed")]


def test_a_misspelt_outcome_step_is_named_with_the_steps_of_the_channel(tmp_path: Path) -> None:
    path = tmp_path / "scenarios" / "school-transport.yaml"
    path.parent.mkdir()
    path.write_text(SCENARIO.replace("        review.refuse: ", "        review.refus: "),
                    encoding="utf-8")
    result = ScenarioRunner(DATA / "gaps").run_file(path)
    (scenario,) = result.results
    assert scenario.status == "error"
    assert scenario.report() == (
        f"{path}:15:9: expect.steps_due.review.refus: unknown step \"review.refus\" of channel "
        '"provider_office" of "school-transport" (hint: did you mean "review.refuse"?)')
