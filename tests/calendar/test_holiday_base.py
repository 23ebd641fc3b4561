"""The holiday base read through the country's own module gives the package's public answer.

`engine.calendar.data.country_class` runs the holidays package's module of one country on
its own, not the `holidays.countries` package that imports all of them (issue 19); the base
must be what `holidays.country_holidays` gives, year by year.
"""

from __future__ import annotations

import re
import subprocess
import sys

import holidays
import pytest

from engine.calendar.data import country_class, package_base

_SUBSTITUTED = re.compile(r"^Day off \(substituted from ")


def _public(country: str, years: list[int]) -> dict[object, list[str]]:
    table = holidays.country_holidays(country, years=years, observed=False, language="en_US",
                                      islamic_show_estimated=False)
    base = {}
    for day in sorted(table):
        names = [name for name in table.get_list(day) if not _SUBSTITUTED.match(name)]
        if names:
            base[day] = names
    return base


def test_the_base_is_the_public_one_every_year() -> None:
    years = list(range(1991, 2051))
    assert country_class("KZ") is not None
    assert package_base("KZ", years) == _public("KZ", years)


@pytest.mark.parametrize("code", ["KZ", "KAZ"])
def test_the_class_is_the_one_the_package_s_codes_name(code: str) -> None:
    # The package names each country by its class and makes its codes aliases of it.
    public = type(holidays.country_holidays(code))
    assert country_class(code).__name__ in {c.__name__ for c in public.__mro__}


def test_a_country_the_package_does_not_know_falls_back_to_its_answer() -> None:
    assert country_class("XX") is None
    with pytest.raises(NotImplementedError):
        package_base("XX", [2024])


def test_the_base_does_not_import_every_country() -> None:
    script = ("import sys\n"
              "from engine.calendar.data import package_base\n"
              "assert package_base('KZ', [2024])\n"
              "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]"
