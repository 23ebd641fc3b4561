"""The text-width estimate is an upper bound for the font the diagrams ask for.

Checked against the advance widths in DejaVu Sans itself (read with fontTools), for
every character of the Kazakh, Russian and Latin alphabets, the punctuation of the
texts, and every character the specs use; and wrapping keeps every word and never
exceeds the width.
"""

from __future__ import annotations

import doctest
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

import renderers.diagrams.text_metrics
from renderers.diagrams.text_metrics import BOLD_FACTOR, char_em, text_width, wrap
from tests.diagrams.exports_graphs import SPECS

FONTS = Path("/usr/share/fonts/truetype/dejavu")
ALPHABETS = ("АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
             "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
             " .,:;!?()[]{}«»\"'“”’-–—/\\№%&@#*_+=<>…$")


@cache
def advances(bold: bool) -> dict[str, float]:
    """Advance width in ems of every character DejaVu Sans (or its bold) maps."""
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    assert path.is_file(), f"{path} is missing (hint: apt-get install fonts-dejavu-core, as .ci/run does)"
    font = TTFont(str(path))
    metrics, units = font["hmtx"], font["head"].unitsPerEm
    return {chr(code): metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}


def corpus_characters() -> set[str]:
    return {c for path in SPECS.rglob("*.yaml") for c in path.read_text(encoding="utf-8")
            if c.isprintable()}


@pytest.mark.parametrize("bold", [False, True])
def test_the_estimate_never_falls_short_of_the_font(bold: bool) -> None:
    real = advances(bold)
    factor = BOLD_FACTOR if bold else 1.0
    short = {c: (real[c], char_em(c) * factor) for c in set(ALPHABETS) | corpus_characters()
             if c in real and real[c] > char_em(c) * factor + 1e-9}
    assert short == {}


def test_the_estimate_is_not_wildly_generous() -> None:
    real = advances(False)
    text = "".join(sorted(corpus_characters() & set(real)))
    assert sum(char_em(c) for c in text) < 1.35 * sum(real[c] for c in text)


def test_wrap_keeps_every_word_within_the_width() -> None:
    text = ("Көрсетілетін қызметті берушінің жауапты орындаушысы құжаттардың толықтығын "
            "тексереді, Мемлекеттіккорпорациясыныңжинақтаушыбөлімі телнұсқа дайындайды")
    lines = wrap(text, 150, 11)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(text_width(line, 11) <= 150 for line in lines)
    assert wrap("", 150, 11) == ()


def test_doctests() -> None:
    assert doctest.testmod(renderers.diagrams.text_metrics).failed == 0
