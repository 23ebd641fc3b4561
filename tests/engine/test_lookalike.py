"""Latin look-alike letters inside Cyrillic words, found with their exact position."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.spec import LOOKALIKES, Lookalike, find_lookalikes


@pytest.mark.parametrize("text", [
    "Мектепке дейінгі балалар ұйымдарына жіберу",
    "www.egov.kz",
    "EDS, IIN and BIN",
    "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы",
    "ЖСН/БСН және пароль, ЭЦҚ",
    "2-қосымшаға сәйкес 5 (бес) минут",
    "веб-порталы www.egov.kz арқылы",
    "",
])
def test_clean_texts_have_no_findings(text: str) -> None:
    assert find_lookalikes(text) == []


def test_latin_e_in_a_kazakh_word() -> None:
    assert find_lookalikes("білім кeңсе www.egov.kz") == [
        Lookalike(word="кeңсе", index=7, letter="e", meant="е", offset=1)]


def test_latin_i_in_a_kazakh_word_is_reported_per_letter() -> None:
    found = find_lookalikes("бiлiм")
    assert [(f.index, f.offset, f.letter, f.meant) for f in found] == [
        (1, 1, "i", "і"), (3, 3, "i", "і")]


def test_schwa_u0259_is_not_the_cyrillic_letter() -> None:
    (found,) = find_lookalikes("сəйкес")
    assert (found.letter, found.meant, found.offset) == ("\u0259", "ә", 1)
    assert found.describe() == ('word "сəйкес" mixes Cyrillic with the Latin letter "ə" (U+0259) '
                                '(hint: type the Cyrillic "ә" instead)')


def test_capital_letters_at_the_start_of_a_word() -> None:
    (found,) = find_lookalikes("Министр Oблыс")
    assert (found.word, found.index, found.letter, found.meant) == ("Oблыс", 8, "O", "О")


def test_a_latin_letter_without_cyrillic_twin_gets_a_general_hint() -> None:
    (found,) = find_lookalikes("мектеz")
    assert found.meant == "?"
    assert found.describe().endswith("(hint: use only Cyrillic letters inside a Cyrillic word)")


def test_a_word_ends_at_digits_hyphens_and_punctuation() -> None:
    found = find_lookalikes("2-қосымшa, веб-пoрталы")
    assert [(f.word, f.letter) for f in found] == [("қосымшa", "a"), ("пoрталы", "o")]


def test_every_lookalike_maps_latin_to_cyrillic() -> None:
    for latin, cyrillic in LOOKALIKES.items():
        assert not ("\u0400" <= latin <= "\u052f"), latin
        assert "\u0400" <= cyrillic <= "\u04ff", cyrillic


def _word_by_word(text: str) -> list[tuple[str, int, str]]:
    """The definition, applied to every word: foreign letters of words with a Cyrillic one."""
    found = []
    for match in re.finditer(r"[^\W\d_]+", text):
        word = match.group()
        if any("\u0400" <= c <= "\u052f" for c in word):
            found += [(word, match.start() + i, c) for i, c in enumerate(word)
                      if not "\u0400" <= c <= "\u052f"]
    return found


@given(st.text(alphabet=st.sampled_from("абвгдеәіңқөұүһ АБВ aceiopxyhəƏ123_-.ñé\u0500\u052f\u0530ß")))
def test_the_quick_rejection_finds_what_a_word_by_word_scan_finds(text: str) -> None:
    assert [(f.word, f.index, f.letter) for f in find_lookalikes(text)] == _word_by_word(text)
