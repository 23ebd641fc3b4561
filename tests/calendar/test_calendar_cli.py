"""`reglament calendar workdays|show` and `reglament due`, through typer's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from commands.calendar import calendar_app, due_command

PROJECT = Path(__file__).resolve().parents[2]
app = typer.Typer()
app.add_typer(calendar_app, name="calendar")
app.command("due")(due_command)
runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("year", "schedule", "count"),
                         [("2024", "provider", "249"), ("2025", "provider", "246"),
                          ("2023", "provider", "246"), ("2024", "gov_corp", "301"),
                          ("2024", "portal", "249"), ("2015", "provider", "245"),
                          ("2020", "provider", "246"), ("2021", "gov_corp", "297")])
def test_workdays(year: str, schedule: str, count: str) -> None:
    assert run("calendar", "workdays", year, "--schedule", schedule) == (0, f"{count}\n", "")


def test_workdays_default_schedule() -> None:
    assert run("calendar", "workdays", "2025") == (0, "246\n", "")


@pytest.mark.parametrize("year", ["2031", "2007", "2028"])
def test_workdays_uncovered_year(year: str) -> None:
    code, out, err = run("calendar", "workdays", year)
    assert (code, out) == (1, "")
    assert err.startswith(f"reglament calendar workdays: no calendar data for {year} "
                          "(the calendar covers 2008-2027;")
    assert err.count("\n") == 1


def test_workdays_unknown_schedule() -> None:
    code, _, err = run("calendar", "workdays", "2024", "--schedule", "ofice")
    assert code == 2
    assert err == ('reglament calendar workdays: unknown schedule "ofice" (hint: one of gov_corp, '
                   "portal, provider, provider_0900_1800)\n")


def test_show_marks_transfers_and_names_holidays_in_russian() -> None:
    code, out, err = run("calendar", "show", "2024", "--lang", "ru")
    assert (code, err) == (0, "")
    may = out[out.index("Май 2024"):out.index("Июнь 2024")]
    assert " 1*  2   3   4!  5·" in may
    assert " 6   7*  8~  9* 10  11· 12·" in may
    assert "   8 Выходной день (перенесён с 04.05.2024)" in may
    assert "   9 День Победы" in may
    assert "рабочих дней: 249" in out


def test_show_marks_the_transfer_of_a_moved_day_off() -> None:
    # May 2020: Victory Day on Saturday 9 May; its day off (Monday 11) went to Friday 8 May.
    code, out, err = run("calendar", "show", "2020", "--lang", "ru")
    assert (code, err) == (0, "")
    may = out[out.index("Май 2020"):out.index("Июнь 2020")]
    assert " 4   5   6   7*  8~  9* 10·" in may
    assert "11! 12  13  14  15  16· 17·" in may
    assert "   8 Выходной день (перенесён с 11.05.2020)" in may
    assert "  11 Рабочий день (вместо выходного 08.05.2020)" in may


def test_show_defaults_to_kazakh() -> None:
    code, out, _ = run("calendar", "show", "2025")
    assert code == 0
    assert out.splitlines()[0] == "Қазақстан Республикасының жұмыс уақыты күнтізбесі — 2025"
    assert "   3 Демалыс күні (05.01.2025 бастап ауыстырылды)" in out
    assert " 5!" in out.split("Ақпан 2025")[0]


def test_show_rejects_an_unknown_language() -> None:
    code, _, err = run("calendar", "show", "2025", "--lang", "en")
    assert code == 2
    assert "'en' is not one of 'kk', 'ru'" in err


def test_due_text() -> None:
    code, out, err = run("due", "--from", "2024-05-03T10:00:00+05:00", "--add", "12 wd")
    assert (code, out, err) == (0, "2024-05-23T18:30:00+05:00\n", "")


def test_due_json_on_the_portal() -> None:
    code, out, _ = run("due", "--schedule", "portal", "--from", "2024-05-11T23:40:00+05:00",
                       "--add", "5 wd", "--json")
    assert code == 0
    assert json.loads(out) == {
        "counts_on": "provider",
        "due": "2024-05-20T18:30:00+05:00",
        "duration": "5 wd",
        "exclude_acceptance_day": False,
        "from": "2024-05-11T23:40:00+05:00",
        "provisional": None,
        "received": "2024-05-13T09:00:00+05:00",
        "schedule": "portal",
        "timezone": "Asia/Almaty",
    }
    assert list(json.loads(out)) == sorted(json.loads(out))


def test_due_on_a_provisional_year_says_so() -> None:
    """2027's transfer order is not published: the figure holds under the law's holidays."""
    code, out, err = run("due", "--from", "2027-03-19T10:00:00+05:00", "--add", "3 wd")
    assert (code, out) == (0, "2027-03-29T18:30:00+05:00\n")
    assert err == ("reglament due: note: 2027 is provisional in the calendar: the law's holidays "
                   "only, no transfer of days off decreed yet\n")


@pytest.mark.parametrize(("start", "term", "due"), [
    ("2022-03-04T10:00:00+06:00", "5 bd", "2022-03-15T18:30:00+06:00"),
    ("2024-01-31T10:00:00+06:00", "1 mo", "2024-02-29T18:30:00+06:00"),
])
def test_due_in_banking_days_and_months(start: str, term: str, due: str) -> None:
    assert run("due", "--from", start, "--add", term) == (0, f"{due}\n", "")


def test_due_in_banking_days_needs_them_in_the_calendar(tmp_path: Path) -> None:
    spec = (Path(__file__).resolve().parents[2] / "specs" / "calendars" / "kz.yaml").read_text(
        encoding="utf-8")
    (tmp_path / "kz.yaml").write_text(spec[:spec.index("\nbanking_days:")], encoding="utf-8")
    code, out, err = run("due", "--calendars", str(tmp_path), "--from",
                         "2022-03-04T10:00:00+06:00", "--add", "5 bd")
    assert (code, out) == (1, "")
    assert err == ('reglament due: the calendar defines no banking days (hint: add a '
                   'banking_days: section to the calendar spec, docs/calendar.md "Banking '
                   'days")\n')


def test_due_excluding_the_acceptance_day() -> None:
    args = ("due", "--schedule", "gov_corp", "--from", "2024-06-15T15:00:00+05:00", "--add", "2 h")
    assert run(*args)[1] == "2024-06-15T17:00:00+05:00\n"
    assert run(*args, "--exclude-acceptance-day")[1] == "2024-06-17T11:00:00+05:00\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--from", "2024-05-03T10:00:00+05:00", "--add", "1 day"), 2,
         'reglament due: "day" is ambiguous (hint: write "1 wd" for working days or "1 cd" for '
         "calendar days)\n"),
        (("--from", "2024-05-03T10:00", "--add", "1 wd"), 2,
         'reglament due: instant "2024-05-03T10:00" has no UTC offset (hint: write '
         '"2024-05-03T10:00:00+05:00" for local time in Asia/Almaty, the offset in force on '
         "that date)\n"),
        (("--from", "tomorrow", "--add", "1 wd"), 2,
         'reglament due: expected an ISO 8601 instant such as "2024-05-03T10:00:00+05:00", '
         'got "tomorrow"\n'),
        (("--from", "2031-05-05T10:00:00+05:00", "--add", "1 wd"), 1,
         "reglament due: no calendar data for 2031 (the calendar covers 2008-2027; hint: add the "
         "year to the calendar spec, see docs/calendar.md)\n"),
        (("--schedule", "cons", "--from", "2024-05-03T10:00:00+05:00", "--add", "1 wd"), 2,
         'reglament due: unknown schedule "cons" (hint: one of gov_corp, portal, provider, '
         "provider_0900_1800)\n"),
    ],
)
def test_due_bad_input(args: tuple[str, ...], code: int, message: str) -> None:
    assert run("due", *args) == (code, "", message)


def test_calendars_directory_option_and_environment(tmp_path: Path) -> None:
    code, _, err = run("calendar", "workdays", "2024", "--calendars", str(tmp_path))
    assert code == 1
    assert err == (f"reglament calendar workdays: expected one calendar spec (*.yaml) in {tmp_path}, "
                   "found none (hint: keep one kind: calendar file per directory)\n")
    code, _, err = run("calendar", "workdays", "2024", env={"REGLAMENT_CALENDARS": str(tmp_path)})
    assert code == 1
    assert str(tmp_path) in err
    spec = PROJECT / "specs" / "calendars" / "kz.yaml"
    assert run("calendar", "workdays", "2024", "--calendars", str(spec)) == (0, "249\n", "")


def test_broken_calendar_spec_lists_its_errors(tmp_path: Path) -> None:
    text = (PROJECT / "specs" / "calendars" / "kz.yaml").read_text(encoding="utf-8")
    (tmp_path / "kz.yaml").write_text(text.replace("working_days: 249", "working_days: 250"),
                                      encoding="utf-8")
    code, out, err = run("calendar", "workdays", "2024", "--calendars", str(tmp_path))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert "the data gives 249 working days" in lines[0]
    assert lines[0].startswith(str(tmp_path))
    assert lines[1] == "reglament calendar workdays: the calendar spec has 1 error(s)"


def test_a_real_process_run() -> None:
    script = ("import typer, sys; from commands.calendar import calendar_app; "
              "app = typer.Typer(); app.add_typer(calendar_app, name='calendar'); "
              "sys.argv = ['reglament', 'calendar', 'workdays', '2025']; app()")
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True,
                          text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "246\n", "")


def test_due_and_workdays_on_a_schedule_of_the_specs_own() -> None:
    specs = str(Path(__file__).resolve().parents[2] / "tests" / "data" / "reception")
    due = runner.invoke(app, ["due", "--specs", specs, "--schedule", "cso_short_saturday",
                              "--from", "2024-06-08T12:00:00+05:00", "--add", "2 h"])
    assert (due.exit_code, due.output) == (0, "2024-06-10T10:00:00+05:00\n")
    show = runner.invoke(app, ["calendar", "workdays", "2024", "--specs", specs,
                               "--schedule", "cso_short_saturday"])
    assert (show.exit_code, show.output) == (0, "301\n")
    unknown = runner.invoke(app, ["due", "--specs", specs, "--schedule", "cso_short_saturdy",
                                  "--from", "2024-06-08T12:00:00+05:00", "--add", "2 h"])
    assert unknown.exit_code == 2
    assert 'unknown schedule "cso_short_saturdy"' in unknown.output


def test_due_counts_a_standards_term_on_the_legal_week_with_week() -> None:
    """The State Corporation's 3 wd over Orthodox Christmas 2026, the acceptance day not
    counted: on its own six-day week (a step's limit) Saturday 10 January; as a standard's
    term, on the five-day week, Monday 12 January (the bundled teacher-attestation scenario)."""
    args = ["due", "--schedule", "gov_corp", "--from", "2026-01-06T19:30:00+05:00",
            "--add", "3 wd", "--exclude-acceptance-day"]
    own = runner.invoke(app, args)
    assert own.exit_code == 0
    assert own.stdout == "2026-01-10T20:00:00+05:00\n"
    assert "a standard's term in days counts the five_day week (add --week five_day" in own.stderr
    legal = runner.invoke(app, [*args, "--week", "five_day"])
    assert (legal.exit_code, legal.stdout, legal.stderr) == (0, "2026-01-12T20:00:00+05:00\n", "")
    unknown = runner.invoke(app, [*args, "--week", "fiveday"])
    assert unknown.exit_code == 2
    assert 'unknown week "fiveday"' in unknown.stderr


def test_workdays_json_is_the_same_count_with_what_it_rests_on() -> None:
    code, out, err = run("calendar", "workdays", "2024", "--schedule", "gov_corp", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data == {"calendar": "kz", "provisional": None, "schedule": "gov_corp",
                    "timezone": data["timezone"], "week": data["week"], "working_days": 301,
                    "year": 2024}
    assert list(data) == sorted(data)


def test_workdays_json_of_a_provisional_year_says_so() -> None:
    code, out, _ = run("calendar", "workdays", "2027", "--json")
    assert code == 0
    assert "2027 is provisional" in json.loads(out)["provisional"]


def test_show_json_lists_every_day_with_notes_kazakh_and_russian() -> None:
    code, out, err = run("calendar", "show", "2026", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    days = [day for month in data["months"] for day in month["days"]]
    assert len(days) == 365
    assert sum(day["working"] for day in days) == data["working_days"] == 246
    assert [month["working_days"] for month in data["months"]] == [
        sum(day["working"] for day in month["days"]) for month in data["months"]]
    independence = next(day for day in days if day["date"] == "2026-12-16")
    assert independence == {"date": "2026-12-16", "holidays": ["independence_day"],
                            "kind": "holiday", "moved_from": None, "working": False,
                            "note": {"kk": "Тәуелсіздік күні", "ru": "День Независимости"}}
    assert data["holidays"]["independence_day"] == {"kk": "Тәуелсіздік күні",
                                                    "ru": "День Независимости"}
    assert run("calendar", "show", "2026", "--json")[1] == out  # byte-identical


def test_show_json_of_an_uncovered_year_fails_as_the_text_does() -> None:
    assert run("calendar", "show", "2031", "--json") == run("calendar", "show", "2031")
