"""What the tests of synthetic logs share: the executor on the project's specs, and a log of
some cases written in a format, read back as rows and truth."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

from commands.workspace import load_executor
from engine.audit import SyntheticRequest, generate, plan_of
from engine.audit.log_writers import Written, write_log
from engine.cases import Executor

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
#: A year in which the Aktobe regulations are in force (until 17 February 2020).
FIRST, LAST = dt.date(2019, 1, 1), dt.date(2019, 12, 31)
EVERY_FAULT = {"late": 0.05, "skip": 0.03, "repeat": 0.03, "order": 0.03, "slow": 0.03,
               "outcome": 0.03, "ground": 0.02, "term": 0.03, "holiday": 0.1, "reading": 0.03}


@cache
def executor() -> Executor:
    return load_executor(SPECS)


def write(tmp: Path, fmt: str, *, cases: int = 400, seed: int = 7,
          faults: dict[str, float] | None = None, name: str = "log",
          period: tuple[dt.date, dt.date] = (FIRST, LAST)) -> Written:
    """A synthetic log of `cases` cases of 2019 (or of `period`) written in `fmt` under `tmp`."""
    request = SyntheticRequest(cases, seed, period[0], period[1], (),
                               EVERY_FAULT if faults is None else faults)
    plan = plan_of(executor(), request)
    suffix = {"ocel": "json"}.get(fmt, fmt)
    return write_log(generate(executor(), request, plan), fmt, tmp / f"{name}.{suffix}", plan,
                     timezone=executor().calendar.timezone, map_id=f"synthetic-{seed}")


def truth(written: Written) -> tuple[list[dict[str, object]], dict[str, dict[str, object]]]:
    """The fault lines and, by case id, the case lines of a truth file."""
    faults, cases = [], {}
    for line in written.truth.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["kind"] == "case":
            cases[record["case_id"]] = record
        else:
            faults.append(record)
    return faults, cases
