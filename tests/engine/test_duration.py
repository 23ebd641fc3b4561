"""Durations with an explicit unit, and the messages for everything else."""

from __future__ import annotations

import re

import pytest

from engine.spec import DURATION_PATTERN, UNITS, Duration, DurationError, parse_duration


@pytest.mark.parametrize(("text", "amount", "unit"), [
    ("15 min", 15, "min"), ("2 h", 2, "h"), ("12 wd", 12, "wd"), ("30 cd", 30, "cd"),
    ("0 min", 0, "min"), ("999999 cd", 999999, "cd"), ("5 bd", 5, "bd"), ("1 mo", 1, "mo"),
])
def test_valid_durations(text: str, amount: int, unit: str) -> None:
    duration = parse_duration(text)
    assert duration == Duration(amount, unit)  # type: ignore[arg-type]
    assert str(duration) == text


@pytest.mark.parametrize(("text", "message"), [
    ("15 minutes", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got '
                   '"15 minutes" (hint: write "15 min")'),
    ("2 hours", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got "2 hours" '
                '(hint: write "2 h")'),
    ("12 рабочих дней", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got '
                        '"12 рабочих дней" (hint: write "12 wd")'),
    ("10 күнтізбелік күн", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got '
                           '"10 күнтізбелік күн" (hint: write "10 cd")'),
    ("1 day", '"day" is ambiguous (hint: write "1 wd" for working days or "1 cd" for calendar '
              "days)"),
    ("3 days", '"days" is ambiguous (hint: write "3 wd" for working days or "3 cd" for calendar '
               "days)"),
    ("5 күн", '"күн" is ambiguous (hint: write "5 wd" for working days or "5 cd" for calendar '
              "days)"),
    ("15min", 'expected a duration like "15 min", got "15min" (hint: write "15 min", with one '
              "space between the amount and the unit)"),
    ("015 min", 'expected a duration like "15 min", got "015 min" (hint: write "15 min", with no '
                "leading zeros)"),
    ("15  min", 'expected a duration like "15 min", got "15  min" (hint: write "15 min", with one '
                "space between the amount and the unit)"),
    ("15 MIN ", 'expected a duration like "15 min", got "15 MIN " (hint: write "15 min", with '
                "nothing before or after it and the unit in small letters)"),
    ("15 weeks", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got "15 weeks" '
                 "(hint: the unit must be one of min, h, wd, cd, bd, mo)"),
    ("fifteen min", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got '
                    '"fifteen min" (hint: write the amount in digits, a space, then one of min, '
                    "h, wd, cd, bd, mo)"),
    ("", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got "" (hint: write the '
         "amount in digits, a space, then one of min, h, wd, cd, bd, mo)"),
    ("5 банковских дней", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got '
                          '"5 банковских дней" (hint: write "5 bd")'),
    ("5 банк күні", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got '
                    '"5 банк күні" (hint: write "5 bd")'),
    ("1 месяц", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got "1 месяц" '
                '(hint: write "1 mo")'),
    ("1 ай", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got "1 ай" '
             '(hint: write "1 mo")'),
    ("2 months", 'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got "2 months" '
                 '(hint: write "2 mo")'),
])
def test_invalid_durations_explain_themselves(text: str, message: str) -> None:
    with pytest.raises(DurationError) as raised:
        parse_duration(text)
    assert str(raised.value) == message


@pytest.mark.parametrize("text", ["1.5 h", "-1 h", "1000000 cd", "15 MIN", " 15 min"])
def test_other_forms_are_refused(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


def test_minutes_of_time_units() -> None:
    assert parse_duration("15 min").minutes == 15
    assert parse_duration("2 h").minutes == 120
    with pytest.raises(DurationError, match="counted in days"):
        _ = parse_duration("2 wd").minutes


def test_day_based_units() -> None:
    assert [parse_duration(f"1 {u}").is_day_based for u in UNITS] == [
        False, False, True, True, True, True]
    with pytest.raises(DurationError, match="counted in days"):
        _ = parse_duration("1 mo").minutes


def test_durations_are_ordered_records() -> None:
    assert Duration(5, "min") < Duration(15, "min")
    assert len({parse_duration("5 min"), Duration(5, "min")}) == 1


@pytest.mark.parametrize("text", ["15 min", "2 h", "12 wd", "30 cd", "0 h", "15min", "015 min",
                                  "1 day", "1.5 h", "-1 h", "1000000 cd", "15 MIN", "", "h"])
def test_schema_pattern_and_parser_agree(text: str) -> None:
    # the JSON Schema validator matches patterns with re.search
    try:
        parse_duration(text)
        parsed = True
    except DurationError:
        parsed = False
    assert (re.search(DURATION_PATTERN, text) is not None) == parsed
