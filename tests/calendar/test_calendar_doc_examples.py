"""The worked examples of docs/calendar.md, "Counting a term", read from the page and checked.

Each row of the table whose term is one amount and unit (optionally "acceptance day excluded")
and whose start is one instant is counted with the calendar, and its due instant must be the
one the page prints, so that the page cannot drift from the engine.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from engine.calendar import Calendar, localize

DOC = Path(__file__).resolve().parents[2] / "docs" / "calendar.md"
_ROW = re.compile(
    r"^\| \w{3} (?P<start>\d{4}-\d\d-\d\d \d\d:\d\d)(?P<offset>[+-]\d\d:\d\d)? "
    r"\| (?P<term>\d+ (?:min|h|wd|cd|bd|mo))(?P<excluded>, acceptance day excluded)? "
    r"\| (?P<schedule>\w+) \| \**(?P<due>\d{4}-\d\d-\d\d \d\d:\d\d)(?P<due_offset>[+-]\d\d:\d\d)?\** \|")


def _examples() -> list[tuple[str, ...]]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("### Worked examples"):text.index("## Banking days")]
    rows = []
    for line in section.splitlines():
        match = _ROW.match(line)
        if match:
            rows.append((match["start"], match["offset"] or "", match["term"],
                         bool(match["excluded"]), match["schedule"], match["due"],
                         match["due_offset"] or ""))
    return rows


EXAMPLES = _examples()


def test_the_page_has_examples_of_every_unit() -> None:
    units = {term.split()[1] for _, _, term, *_ in EXAMPLES}
    assert units == {"min", "h", "wd", "cd", "bd", "mo"}


@pytest.mark.parametrize(("start", "offset", "term", "excluded", "schedule", "due", "due_offset"),
                         EXAMPLES)
def test_worked_example_of_the_page(calendar: Calendar, start: str, offset: str, term: str,
                                    excluded: bool, schedule: str, due: str,
                                    due_offset: str) -> None:
    local = dt.datetime.fromisoformat(start)
    instant = (dt.datetime.fromisoformat(start + offset) if offset
               else localize(local, fold=0))
    got = calendar.due(instant, term, schedule, exclude_acceptance_day=excluded)
    assert got.strftime("%Y-%m-%d %H:%M") == due
    if due_offset:
        assert got.isoformat().endswith(due_offset)
