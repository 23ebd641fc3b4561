"""The provider's report over a journal of 1,000,000 cases, against plain SQL in SQLite (issue 20).

    python benchmarks/bench_report.py [--cases N] [--cache-dir DIR] [--strict]

The journal is the Kostanay example (examples/kostanay/cohorts.py) scaled to N cases, made
through the cohort API (`CaseBook.import_cohort`) once and kept in DIR (default: a directory
under the system's temporary one) for the next runs. In the same run it times:

- the library: `engine.report.figures.provider_report` for 2016, every figure of the report
  (the cases that walked alike counted by columns, `engine.report.walks`); with `--strict`,
  also `provider_report(..., strict=True)`, every case read strictly and replayed one by one
  (the way before), and whether both give the same figures;
- the floor: the same aggregation as plain SQL on the same file — cases by service, by channel,
  by month and channel, ended cases by service and channel with their end instant (the met or
  missed split needs the term's end on the working-day calendar, which SQL cannot count: the
  floor leaves that work out, so it is a lower bound), refusals by ground;

and prints both times and their ratio (target: within 2x of the floor). Figures: docs/benchmarks.md,
"Provider's report (issue 20)".
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine.calendar import default_calendar  # noqa: E402
from engine.cases import Executor, Journal  # noqa: E402
from engine.corpus import load_corpus  # noqa: E402
from engine.report.figures import provider_report  # noqa: E402
from engine.report.period import parse_period  # noqa: E402
from examples.kostanay.cohorts import build_journal  # noqa: E402

SPECS = (ROOT / "specs", ROOT / "examples" / "kostanay" / "specs")
PROVIDER = "kostanay-district-education-2016"
#: Bump when the generator changes, so that a kept journal is not reused.
GENERATION = 1
#: Asia/Almaty was UTC+6 throughout 2016.
_LOCAL = "'+6 hours'"

FLOOR = {
    "by_service": "SELECT json_extract(payload, '$.service'), count(*) FROM events "
                  "WHERE kind = 'opened' AND at >= :start AND at < :end GROUP BY 1",
    "by_channel": "SELECT json_extract(payload, '$.channel'), count(*) FROM events "
                  "WHERE kind = 'opened' AND at >= :start AND at < :end GROUP BY 1",
    "by_month_and_channel": f"SELECT strftime('%Y-%m', at / 1000000, 'unixepoch', {_LOCAL}), "
                            "json_extract(payload, '$.channel'), count(*) FROM events "
                            "WHERE kind = 'opened' AND at >= :start AND at < :end GROUP BY 1, 2",
    "ended_by_service_and_channel": (
        "SELECT json_extract(o.payload, '$.service'), json_extract(o.payload, '$.channel'), "
        "count(*), sum(e.at - o.at) FROM events AS o JOIN events AS e ON e.case_id = o.case_id "
        "AND e.seq = (SELECT max(seq) FROM events WHERE case_id = o.case_id) "
        "WHERE o.kind = 'opened' AND o.at >= :start AND o.at < :end "
        "AND (e.kind IN ('acceptance_refused', 'refused') OR json_extract(e.payload, '$.step') "
        "IN ('issue', 'issue_refusal')) GROUP BY 1, 2"),
    "refusals_by_ground": (
        "SELECT json_extract(o.payload, '$.service'), e.kind, json_extract(e.payload, '$.ground'), "
        "count(*) FROM events AS o JOIN events AS e ON e.case_id = o.case_id "
        "WHERE o.kind = 'opened' AND o.at >= :start AND o.at < :end AND e.seq > 1 "
        "AND json_extract(e.payload, '$.ground') IS NOT NULL GROUP BY 1, 2, 3"),
}


def journal_of(cases: int, cache_dir: Path, executor: Executor) -> Path:
    """The example's journal of `cases` cases in `cache_dir`, made once (atomically renamed)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"kostanay-{cases}-g{GENERATION}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in cache_dir.glob(f"{partial.name}*"):
            leftover.unlink()
        build_journal(partial, executor, cases)
        partial.rename(path)
    return path


def floor(path: Path, start: int, end: int) -> dict[str, list[tuple[Any, ...]]]:
    """The aggregation as plain SQL (see the module's doc), each query's rows sorted."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {name: sorted(db.execute(sql, {"start": start, "end": end}).fetchall(), key=repr)
                for name, sql in FLOOR.items()}
    finally:
        db.close()


def run(cases: int, cache_dir: Path, strict: bool = False) -> dict[str, Any]:
    """Build (or reuse) the journal, time the report and the floor (and with `strict`, the
    strict way of counting, every case replayed one by one); what `main` prints."""
    executor = Executor(load_corpus(SPECS), default_calendar())
    started = time.perf_counter()
    path = journal_of(cases, cache_dir, executor)
    made = time.perf_counter() - started
    period = parse_period("2016")
    start, end = period.bounds(executor.calendar.timezone)
    started = time.perf_counter()
    with Journal(path, readonly=True) as journal:
        report = provider_report(journal, executor, PROVIDER, period)
    library = time.perf_counter() - started
    started = time.perf_counter()
    rows = floor(path, start, end)
    sql = time.perf_counter() - started
    found = {"cases": cases, "journal": str(path), "journal_seconds": made,
             "report_cases": report.cases, "channels": dict(report.channels),
             "library_seconds": library, "floor_seconds": sql,
             "floor_cases": sum(n for _, n in rows["by_service"]), "ratio": library / sql}
    if strict:
        started = time.perf_counter()
        with Journal(path, readonly=True) as journal:
            before = provider_report(journal, executor, PROVIDER, period, strict=True)
        found["strict_seconds"] = time.perf_counter() - started
        found["same_figures"] = before == report
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--cache-dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "reglament-bench-report")
    parser.add_argument("--strict", action="store_true",
                        help="also time provider_report(strict=True), the way before the columns")
    args = parser.parse_args(argv)
    found = run(args.cases, args.cache_dir, args.strict)
    print(f"journal: {found['journal']} ({found['cases']:,} cases; made or found in "
          f"{found['journal_seconds']:.2f} s)")
    print(f"report (library, provider_report): {found['library_seconds']:8.2f} s, "
          f"{found['report_cases']:,} cases, by channel {found['channels']}")
    print(f"floor (plain SQL in SQLite):       {found['floor_seconds']:8.2f} s, "
          f"{found['floor_cases']:,} cases")
    print(f"ratio report/floor: {found['ratio']:.2f}x (target: at most 2x)")
    if args.strict:
        print(f"report, strict=True (one by one):  {found['strict_seconds']:8.2f} s, "
              f"{found['strict_seconds'] / found['floor_seconds']:.2f}x the floor; the same "
              f"figures: {found['same_figures']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
