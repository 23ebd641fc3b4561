"""The check of the schedules a corpus names: errors for unknown ones, warnings for hours at
odds with each other, and the refusal of an application outside reception by `run`."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from cli import app
from engine.verify import check_corpus
from tests.verify.build_data import schedules_yaml, step
from tests.verify.specgen import regulation_yaml, standard_yaml, text, write_pair

runner = CliRunner()

def _office(**changes: Any) -> dict[str, Any]:
    """The office's hours with some keys changed (a new dict: YAML writes no aliases)."""
    return copy.deepcopy({**OFFICE, **changes})


OFFICE: dict[str, Any] = {
    "title": text("Бөлім"), "week": "five_day", "hours": "09:00-18:00",
    "breaks": ["13:00-14:00"], "source": "тест"}


def _corpus(where: Path, schedules: dict[str, Any], channels: dict[str, dict[str, Any]],
            actors: dict[str, str | None] | None = None) -> Path:
    processes = {name: [step("register", "10 min"), step("issue", "30 min", ends="result")]
                 for name in channels}
    write_pair(where, standard_yaml("service", channels),
               regulation_yaml("reg", "service", processes, actors=actors))
    (where / "schedules").mkdir()
    (where / "schedules" / "offices.yaml").write_text(schedules_yaml(schedules), encoding="utf-8")
    return where


def _findings(where: Path) -> list[str]:
    return [str(f).replace(f"{where}/", "") for f in check_corpus([where]).findings]


def test_an_unknown_reception_schedule_is_an_error_and_nothing_is_timed(tmp_path: Path) -> None:
    where = _corpus(tmp_path, {"office": _office()},
                    {"provider_office": {"term": "1 wd", "schedule": "office",
                                         "reception": "ofice"}})
    report = check_corpus([where])
    assert [f.message for f in report.findings] == [
        'unknown schedule "ofice" of the calendar (hint: did you mean "office"?)']
    assert report.verdicts == []


def test_reception_outside_the_working_hours_of_the_channel_warns(tmp_path: Path) -> None:
    desk = _office(hours="08:00-19:00", breaks=[], title=text("Қабылдау"))
    where = _corpus(tmp_path, {"office": _office(), "desk": desk},
                    {"provider_office": {"term": "1 wd", "schedule": "office",
                                         "reception": "desk"}})
    assert _findings(where) == [
        "standards/service.yaml:28:3: warning: channels.provider_office.reception: the reception "
        '"desk" takes applications on Mondays 08:00-19:00, but the schedule "office" works '
        "09:00-18:00 then (hint: reception lies inside the working hours; check the two clauses "
        "of the text, or name a schedule whose hours hold the reception)"]


def test_a_first_step_whose_actor_closes_before_reception_warns(tmp_path: Path) -> None:
    early = _office(hours="09:00-17:00", title=text("Маман"))
    where = _corpus(tmp_path, {"office": _office(), "clerk_hours": early},
                    {"provider_office": {"term": "1 wd", "schedule": "office"}},
                    actors={"clerk": "clerk_hours"})
    messages = _findings(where)
    assert messages[-1] == (
        "regulations/service.yaml:19:3: warning: actors[id=clerk].schedule: channel "
        '"provider_office" takes applications on Mondays until 18:00, but "register", its first '
        'step, is done by "clerk" on "clerk_hours", whose day ends at 17:00: an application '
        "received later can only be started the next working day (hint: check the hours of the "
        "actor, or accept the wait)")


def test_one_office_with_two_sets_of_hours_in_one_standard_warns(tmp_path: Path) -> None:
    one = _office(office="district")
    other = _office(office="district", breaks=["12:30-14:00"])
    where = _corpus(tmp_path, {"one": one, "other": other},
                    {"provider_office": {"term": "1 wd", "schedule": "one"},
                     "gov_corp": {"term": "1 wd", "schedule": "other"}})
    messages = _findings(where)
    assert any('"service" uses two schedules of office "district" with different hours: '
               '"other" (09:00-12:30, 14:00-18:00,' in m for m in messages), messages
    assert any("warning: schedules.other.office: office \"district\" works" in m
               for m in messages), messages


def test_run_refuses_an_application_outside_reception(tmp_path: Path) -> None:
    wednesday = _office(reception={"hours": "09:00-13:00", "weekdays": ["wed"]})
    where = _corpus(tmp_path, {"wednesday": wednesday},
                    {"provider_office": {"term": "1 wd", "schedule": "wednesday"}})
    thursday = runner.invoke(app, ["run", "service", "--specs", str(where), "--channel",
                                   "provider_office", "--received", "2018-11-29T10:00:00+06:00"])
    assert thursday.exit_code == 2  # the moment given is not one the office receives at
    assert ('channel "provider_office" of service "service": received Thu 2018-11-29 10:00, '
            'outside the reception hours of "wednesday" (Wednesdays 09:00-13:00); the next '
            "reception opens Wed 2018-12-05 09:00") in thursday.output
    wednesday_run = runner.invoke(app, ["run", "service", "--specs", str(where), "--channel",
                                        "provider_office", "--received",
                                        "2018-11-28T10:00:00+06:00"])
    assert wednesday_run.exit_code == 0, wednesday_run.output


def test_the_receipt_of_a_wednesday_office_prints_its_days(tmp_path: Path) -> None:
    wednesday = _office(reception={"hours": "09:00-13:00", "weekdays": ["wed"]})
    where = _corpus(tmp_path, {"wednesday": wednesday},
                    {"provider_office": {"term": "1 wd", "schedule": "wednesday"}})
    out = tmp_path / "out"
    done = runner.invoke(app, ["render", "service", "--specs", str(where), "--doc", "passport",
                               "--out", str(out)])
    assert done.exit_code == 0, done.output
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "сәрсенбі 09:00-13:00" in html
    assert "по средам 09:00-13:00" in html
    assert yaml.safe_load((where / "schedules" / "offices.yaml").read_text())["kind"] == \
        "schedules"
