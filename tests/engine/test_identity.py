"""ИИН / БИН validation: check digit (both weight passes), date parts, clear errors."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.spec import IdentifierError, check_digit, parse_identifier


def _with_check(first_eleven: str) -> str:
    digit = check_digit(first_eleven)
    assert digit is not None
    return first_eleven + str(digit)


def test_a_valid_iin_gives_its_birth_date_and_kind() -> None:
    identifier = parse_identifier("860306300458")
    assert identifier.kind == "iin"
    assert identifier.birth_date == dt.date(1986, 3, 6)


def test_the_second_weights_decide_when_the_first_sum_leaves_ten() -> None:
    # 0000000000 + 1 at position 10: first pass 10*1 = 10 (mod 11) -> second pass 1*1 = 1
    assert check_digit("00000000010") == 1
    # first pass sum 10 and second pass sum 10 too: no check digit can be valid
    first = "00000000100"  # weight 9 -> 9; not 10
    assert check_digit(first) == 9


def test_a_number_whose_both_sums_leave_ten_is_refused() -> None:
    # position 10 digit 1 gives 10 on the first pass; position 8 digit 1 (second weight 10) too
    digits = None
    for candidate in range(10**5):
        text = f"{candidate:011d}"
        if check_digit(text) is None:
            digits = text
            break
    assert digits is not None
    with pytest.raises(IdentifierError, match="no check digit can make it valid"):
        parse_identifier(digits + "0")


@pytest.mark.parametrize(("text", "message"), [
    ("86030630045", "expected 12 digits, got 11 character(s)"),
    ("8603 0630 0458", "expected 12 digits"),
    ("86030630045х", "expected 12 digits"),
    ("860306300456", "check digit is 6, expected 8"),
])
def test_invalid_numbers_say_why(text: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=re.escape(message)):
        parse_identifier(text)


def test_a_bin_is_recognised_by_its_registration_month_and_entity_digit() -> None:
    identifier = parse_identifier(_with_check("99074000068"))
    assert identifier.kind == "bin"
    assert identifier.birth_date is None


def test_a_date_part_that_is_neither_birth_nor_registration_is_refused() -> None:
    with pytest.raises(IdentifierError, match="is not a date of birth"):
        parse_identifier(_with_check("86133070045"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_only_the_computed_check_digit_is_accepted(first_eleven: str) -> None:
    expected = check_digit(first_eleven)
    for last in "0123456789":
        problem = ""
        try:
            parse_identifier(first_eleven + last)
        except IdentifierError as error:
            problem = str(error)
        if problem:
            assert expected is None or int(last) != expected or "date" in problem
        else:
            assert expected is not None
            assert int(last) == expected
