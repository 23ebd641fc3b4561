"""`reglament audit` on event logs of 10 and 30 million events, against pm4py's token replay,
on one machine and on two local Dask workers (issue 22).

    python benchmarks/bench_audit.py [--sizes 10M[,30M]] [--pm4py-events 1M] [--workers 2]
                                     [--cache-dir DIR] [--quick]

In one run, for each size: the log (Parquet) is generated once and kept in DIR, named by its
size, seed and generator, with its mapping file; then, each as a subprocess whose process tree's
memory is sampled (benchmarks/audit_runs.py):

- (f) the floor: the Parquet log read into Arrow and nothing else;
- (a) the single-machine audit: `reglament audit LOG --specs specs --map MAP --format json
  --jobs 1` (its own partitions, one per 250,000 events): wall time, events per second (the
  whole command: start-up, loading the specs, reading, writing the JSON), peak RSS of its
  largest process and PSS of all of them; (a2) the same with a forked process per core
  (`--jobs 0`, the default), and whether its JSON is the same bytes;
- (d0) the Dask plumbing alone on `--workers` local workers: the log read in blocks, shuffled
  on the case id's hash into partitions of whole cases, a function that only counts each
  partition's rows (`engine.audit.on_dask.map_whole_cases`): what Dask costs before any audit;
- (d) the same audit with `--dask local:N`: its time, memory, and whether its JSON is the
  same bytes as (a)'s;

and once, on the first size, (p) pm4py's token replay of the same log's control flow, in its
own virtual environment (benchmarks/.venv-pm4py, made on first use: pm4py is AGPL-licensed and
never a dependency of the project), on the Petri nets converted from the regulations' BPMN
export (`reglament diagram SERVICE --format bpmn`; benchmarks/audit_pm4py.py): on the whole
log (the default; about 9.6 GB of memory at 10M events), or with `--pm4py-events N` on the
first whole cases up to N events (a sample: its events per second stand for the whole log,
extrapolated per event, as the output says). Prints events per second of each, the
ratio (a)/(p) (target: at least 50x) and what the target asks in multiples of the floor (f),
(d)/(a), and peak memory by size (target: bounded).

`--quick` (the smoke test, tests/benchmarks/test_bench_audit.py): a log of a few thousand
events, every phase, no timing asserted. Figures: docs/benchmarks.md, "Audit of event logs".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from benchmarks.audit_runs import PM4PY, Measured, measure, pm4py_replay  # noqa: E402

SPECS = ROOT / "specs"
#: Bump when the generator or its request changes, so that a kept log is not reused.
GENERATION = 2
#: What the logs are generated as: cases received in these days (the Aktobe regulations in
#: force), with these shares of faults.
FIRST, LAST = dt.date(2018, 8, 1), dt.date(2019, 12, 20)
FAULTS = {"late": 0.05, "skip": 0.02, "repeat": 0.02, "order": 0.02, "slow": 0.02,
          "holiday": 0.02}
ZONE = "Asia/Almaty"
#: The day whose regulations pm4py's nets are drawn from (`reglament diagram --on`).
NETS_ON = "2019-06-01"
TARGET_RATIO = 50.0
_ROLES = {"case": "case_id", "activity": "activity", "timestamp": "timestamp",
          "service": "service", "channel": "channel"}


def parse_size(text: str) -> int:
    """`10M`, `30M`, `500k` or a plain number of events."""
    text = text.strip().upper()
    scale = {"K": 1_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("KM")) * scale)


def log_of(events: int, cache: Path, seed: int = 0) -> tuple[Path, Path, str]:
    """The synthetic log of about `events` events (whole cases, Parquet, a row group per
    100,000 cases) and its mapping file, made once by `engine.audit.generate` (written beside,
    then renamed) and kept in `cache`; the generator's words."""
    from engine.audit import CHUNK, SyntheticRequest, generate, plan_of
    from engine.audit.log_writers import write_log
    from engine.calendar import default_calendar
    from engine.cases import Executor
    from engine.corpus import load_corpus
    cache.mkdir(parents=True, exist_ok=True)
    log = cache / f"log-{events}-s{seed}-g{GENERATION}.parquet"
    mapping = log.with_name(log.stem + ".map.yaml")
    words = (f"engine.audit.generate, {FIRST}..{LAST}, faults "
             f"{','.join(f'{k}={v}' for k, v in FAULTS.items())}, seed {seed}")
    if log.exists() and mapping.exists():
        return log, mapping, words
    executor = Executor(load_corpus([SPECS]), default_calendar())
    probe = SyntheticRequest(CHUNK // 10, seed, FIRST, LAST, faults=FAULTS)
    plan = plan_of(executor, probe)
    per_case = sum(c.table.num_rows for c in generate(executor, probe, plan)) / probe.cases
    request = SyntheticRequest(max(1, round(events / per_case)), seed, FIRST, LAST, faults=FAULTS)
    partial = cache / f"partial-{log.name}"
    written = write_log(generate(executor, request, plan), "parquet", partial, plan,
                        timezone=ZONE, map_id="bench-audit")
    written.truth.unlink()
    written.mapping.rename(mapping)
    partial.rename(log)
    return log, mapping, words


def pm4py_plan(mapping_path: Path, work: Path) -> dict[str, Any]:
    """What audit_pm4py.py needs: the mapping's names, and each service's nets as BPMN files
    exported by `reglament diagram SERVICE --format bpmn`."""
    mapping = yaml.safe_load(mapping_path.read_text(encoding="utf-8"))
    columns = {**_ROLES, **mapping.get("columns", {})}
    services = mapping["services"]
    plan: dict[str, Any] = {role: columns[role] for role in _ROLES}
    plan["services"] = {name: s for s, v in services.items() for name in [s, *v.get("names", [])]}
    plan["channels"] = {s: {n: c for c, names in v.get("channels", {}).items()
                            for n in [c, *names]} for s, v in services.items()}
    plan["activities"] = {s: dict(v.get("activities", {})) for s, v in services.items()}
    plan["nets"] = {}
    for standard in sorted(services):
        target = work / "bpmn" / standard
        run = measure([sys.executable, "cli.py", "diagram", standard, "--format", "bpmn",
                       "--on", NETS_ON, "--specs", str(SPECS), "--out", f"{target}/"])
        if run.code != 0:
            raise RuntimeError(f"reglament diagram {standard} --format bpmn failed:\n{run.err}")
        plan["nets"][standard] = {p.name.split(".")[-2]: str(p)
                                  for p in sorted(target.glob("*.bpmn"))}
    return plan


def audit(log: Path, mapping: Path, out: Path, jobs: int,
          dask: str | None = None) -> Measured | None:
    """`reglament audit` as a subprocess (its own partitions, `jobs` processes, or on Dask),
    or None when this tree has no such verb yet."""
    if not (ROOT / "commands" / "audit.py").exists():
        return None
    out.unlink(missing_ok=True)
    command = [sys.executable, "cli.py", "audit", str(log), "--specs", str(SPECS), "--map",
               str(mapping), "--format", "json", "--out", str(out)]
    return measure([*command, "--dask", dask] if dask else [*command, "--jobs", str(jobs)])


def read_floor(log: Path) -> Measured:
    """(f): the log read into Arrow and nothing else — no audit can be faster than its input."""
    return measure([sys.executable, "-c", "import sys, pyarrow.parquet as pq; "
                    "print(pq.read_table(sys.argv[1]).num_rows)", str(log)])


def plumbing(log: Path, workers: int) -> Measured:
    """(d0): read, shuffle on the case and count rows per partition, on local workers."""
    return measure([sys.executable, str(ROOT / "benchmarks" / "audit_plumbing.py"), str(log),
                    "--workers", str(workers)])


def _rate(events: int, seconds: float) -> str:
    return f"{events / seconds:,.0f} events/s" if seconds > 0 else "n/a"


def _memory(run: Measured) -> str:
    return f"peak RSS {run.rss_mb:,.0f} MB (largest process), peak PSS {run.pss_mb:,.0f} MB (all)"


def _report(label: str, run: Measured | None, events: int, out: Path) -> float | None:
    if run is None:
        print(f"{label}: NOT RUN: this tree has no `reglament audit` (commands/audit.py)")
        return None
    if run.code not in (0, 1) or not out.exists():
        print(f"{label}: FAILED (exit {run.code}):\n{run.err}")
        return None
    print(f"{label}: {run.wall_s:.2f} s wall, {_rate(events, run.wall_s)}, {_memory(run)}")
    return events / run.wall_s


def run(sizes: list[int], cache: Path, pm4py_events: int | None, workers: int) -> dict[str, Any]:
    """Every phase for every size, printed as it goes; the figures."""
    found: dict[str, Any] = {"sizes": {}}
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; load average {Path('/proc/loadavg').read_text().split()[:3]}")
    with tempfile.TemporaryDirectory(prefix="reglament-bench-audit-") as scratch:
        work = Path(scratch)
        for index, events in enumerate(sizes):
            log, mapping, generator = log_of(events, cache)
            import pyarrow.parquet as pq
            rows = pq.ParquetFile(log).metadata.num_rows
            print(f"log: {log} ({rows:,} events, {log.stat().st_size / 2**20:,.0f} MB Parquet; "
                  f"generator: {generator})")
            floor = read_floor(log)
            found.setdefault("floor", rows / floor.wall_s)
            print(f"(f)  floor: the Parquet log read into Arrow, nothing else: "
                  f"{floor.wall_s:.2f} s, {_rate(rows, floor.wall_s)}, {_memory(floor)}")
            single = audit(log, mapping, work / "single.json", 1)
            one = _report("(a)  audit, one process (--jobs 1; partitions of 250,000 events)",
                          single, rows, work / "single.json")
            forked = audit(log, mapping, work / "forked.json", 0)
            both = _report("(a2) audit, a forked process per core (--jobs 0, the default)",
                           forked, rows, work / "forked.json")
            if one and both:
                same = (work / "single.json").read_bytes() == (work / "forked.json").read_bytes()
                print(f"     the same JSON bytes on both: {same}; ratio {both / one:.2f}x")
            dask = base = None
            if workers:
                dask, base = _on_dask(log, mapping, work, rows, workers, one)
            else:
                print("(d)  audit on Dask: NOT RUN (--workers 0)")
            found["sizes"][rows] = {"single": single, "forked": forked, "dask": dask,
                                    "plumbing": base}
            if index == 0:
                found["pm4py"] = _pm4py(log, mapping, work, rows, pm4py_events,
                                        max(one or 0, both or 0) or None, found["floor"])
    _memory_summary(found)
    return found


def _on_dask(log: Path, mapping: Path, work: Path, rows: int, workers: int,
             one: float | None) -> tuple[Measured | None, Measured]:
    """(d) the audit with `--dask local:N`, (d0) Dask's reading and shuffle alone."""
    dask = audit(log, mapping, work / "dask.json", 1, f"local:{workers}")
    spread = _report(f"(d)  audit, --dask local:{workers}", dask, rows, work / "dask.json")
    if one and spread:
        same = (work / "single.json").read_bytes() == (work / "dask.json").read_bytes()
        print(f"     the same JSON bytes on Dask as on one process: {same}")
    base = plumbing(log, workers)
    counted = json.loads(base.out.strip().splitlines()[-1]) if base.code == 0 else {}
    print(f"(d0) Dask plumbing alone on {workers} workers (read, shuffle on the case, "
          f"count): {base.wall_s:.2f} s wall, {_rate(rows, base.wall_s)}, "
          f"{counted.get('partitions', '?')} partitions of whole cases "
          f"({counted.get('rows', '?'):,} rows), {_memory(base)}")
    if one and spread:
        print(f"     ratio Dask/one process: {one / spread:.2f}x the time")
    return dask, base


def _pm4py(log: Path, mapping: Path, work: Path, rows: int, sample: int | None,
           one: float | None, floor: float) -> dict[str, Any]:
    replayed, result = pm4py_replay(log, pm4py_plan(mapping, work), work, sample)
    seconds = result["format_seconds"] + result["replay_seconds"]
    given = result["events_given"]
    rate = given / seconds
    what = "the whole log" if given == rows else \
        f"a sample: the first whole cases, {given:,} of {rows:,} events, extrapolated per event"
    print(f"(p)  pm4py {result['pm4py']} ({PM4PY}) token replay on {what}: "
          f"{result['events_replayed']:,} events replayed ({result['events_left_out']:,} "
          f"receipts and unmapped left out), {result['cases_replayed']:,} traces, mean fitness "
          f"{result['mean_fitness']:.3f}; format_dataframe + replay {seconds:.2f} s "
          f"(reading {result['read_seconds']:.2f} s not counted): {rate:,.0f} events/s of the "
          f"log; {_memory(replayed)}")
    if one:
        ratio = one / rate
        print(f"     ratio audit/pm4py: {ratio:.1f}x in events per second (target: at least "
              f"{TARGET_RATIO:.0f}x): {'met' if ratio >= TARGET_RATIO else 'NOT met'}")
        print(f"     the target needs {TARGET_RATIO * rate:,.0f} events/s: "
              f"{TARGET_RATIO * rate / floor:.2f}x the floor of reading the log alone "
              f"({floor:,.0f} events/s)")
    return {**result, "rate": rate}


def _memory_summary(found: dict[str, Any]) -> None:
    parts = []
    for rows, runs in found["sizes"].items():
        single = runs["single"]
        shown = f"{single.pss_mb:,.0f} MB" if single is not None else "n/a"
        forked = runs["forked"]
        shown += f" (forked: {forked.pss_mb:,.0f} MB)" if forked is not None else ""
        dask, base = runs["dask"], runs["plumbing"]
        spread = f"{dask.pss_mb:,.0f} MB" if dask is not None else "n/a"
        plumbed = f"{base.pss_mb:,.0f} MB" if base is not None else "n/a"
        parts.append(f"{rows:,} events: one process {shown}, Dask {spread}, Dask plumbing "
                     f"{plumbed}")
    print(f"peak PSS by size: {'; '.join(parts)} (target: bounded, not growing with the log)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10M", help="events per log, e.g. 10M,30M")
    parser.add_argument("--pm4py-events", default="all",
                        help="replay pm4py on the whole log ('all', the default) or on the "
                             "first whole cases up to this many events (a sample)")
    parser.add_argument("--workers", type=int, default=2,
                        help="local Dask workers (0: no Dask run)")
    parser.add_argument("--cache-dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "reglament-bench-audit")
    parser.add_argument("--quick", action="store_true", help="a log of a few thousand events")
    args = parser.parse_args(argv)
    sizes = [3_000] if args.quick else [parse_size(s) for s in args.sizes.split(",")]
    sample = None if args.quick or args.pm4py_events == "all" else parse_size(args.pm4py_events)
    run(sizes, args.cache_dir, sample, args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
