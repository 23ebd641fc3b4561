"""pm4py's token replay of an event log's control flow: the floor of benchmarks/bench_audit.py.

    benchmarks/.venv-pm4py/bin/python benchmarks/audit_pm4py.py --log LOG --plan PLAN.json
        [--max-events N]

Runs ONLY in the benchmark's own virtual environment (pm4py is AGPL-licensed: it is never a
dependency of the project, and this script imports nothing of the project). bench_audit.py
writes PLAN.json from the mapping file and the regulations' BPMN export:

    {"case": column, "activity": column, "timestamp": column, "service": column,
     "channel": column,
     "services": {log name of a service: standard id},
     "channels": {standard id: {log name of a channel: channel id}},
     "activities": {standard id: {log name of an activity: step id}},
     "nets": {standard id: {channel id: path of `reglament diagram --format bpmn`}}}

The log (Parquet or CSV) is read with pandas; each event's activity becomes its step id (the
receipt, which the BPMN draws as the start event, and activities the mapping does not name are
left out, and counted); the events are grouped by service and channel, and each group is put
in pm4py's format (`pm4py.format_dataframe`) and replayed (`pm4py.
conformance_diagnostics_token_based_replay`) on the Petri net of its channel's BPMN
(`pm4py.read_bpmn` + `pm4py.convert_to_petri_net`, each task's transition labelled with its
step id). With --max-events, only the first whole cases up to N events are replayed.

Prints one JSON object: events and cases replayed, those left out, seconds reading the log,
seconds formatting and seconds replaying, the mean fitness and how many traces fit.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import time
from pathlib import Path
from typing import Any

import pandas as pd

RECEIVED = "received"


def _quiet_import() -> Any:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import pm4py  # prints a banner on import
    return pm4py


def read_log(path: Path, plan: dict[str, Any]) -> pd.DataFrame:
    columns = [plan[role] for role in ("case", "activity", "timestamp", "service", "channel")]
    if path.suffix == ".csv":
        return pd.read_csv(path, usecols=columns, dtype=str, keep_default_na=False)
    return pd.read_parquet(path, columns=columns)


def first_cases(frame: pd.DataFrame, case: str, max_events: int) -> pd.DataFrame:
    """The events of the first cases (in order of their first event) up to `max_events`."""
    sizes = frame.groupby(case, sort=False).size()
    kept = sizes.index[(sizes.cumsum() <= max_events).to_numpy()]
    return frame[frame[case].isin(kept)]


def nets(pm4py: Any, plan: dict[str, Any]) -> dict[tuple[str, str], Any]:
    found = {}
    for standard, channels in plan["nets"].items():
        for channel, path in channels.items():
            net, initial, final = pm4py.convert_to_petri_net(pm4py.read_bpmn(path))
            for transition in net.transitions:
                if transition.label is not None:
                    transition.label = transition.name.removeprefix("Activity_")
            found[standard, channel] = (net, initial, final)
    return found


def replay(log: Path, plan: dict[str, Any], max_events: int | None) -> dict[str, Any]:
    pm4py = _quiet_import()
    started = time.perf_counter()
    frame = read_log(log, plan)
    total = len(frame)
    if max_events is not None and max_events < total:
        frame = first_cases(frame, plan["case"], max_events)
    read_s = time.perf_counter() - started
    case, activity, stamp = plan["case"], plan["activity"], plan["timestamp"]
    standard = frame[plan["service"]].map(plan["services"])
    channel = pd.Series([plan["channels"].get(s, {}).get(c) for s, c in
                         zip(standard, frame[plan["channel"]], strict=True)], index=frame.index)
    step = pd.Series([plan["activities"].get(s, {}).get(a) for s, a in
                      zip(standard, frame[activity], strict=True)], index=frame.index)
    keep = step.notna() & (step != RECEIVED) & channel.notna()
    events = pd.DataFrame({"case": frame[case], "step": step, "timestamp": frame[stamp],
                           "standard": standard, "channel": channel})[keep]
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True, format="ISO8601")
    models = nets(pm4py, plan)
    formatting = replaying = 0.0
    fitness: list[float] = []
    fit = 0
    for (service, way), group in events.groupby(["standard", "channel"], sort=True):
        if (service, way) not in models:
            continue
        net, initial, final = models[service, way]
        started = time.perf_counter()
        formatted = pm4py.format_dataframe(group.drop(columns=["standard", "channel"]),
                                           case_id="case", activity_key="step",
                                           timestamp_key="timestamp")
        formatting += time.perf_counter() - started
        started = time.perf_counter()
        traces = pm4py.conformance_diagnostics_token_based_replay(formatted, net, initial, final)
        replaying += time.perf_counter() - started
        fitness.extend(t["trace_fitness"] for t in traces)
        fit += sum(bool(t["trace_is_fit"]) for t in traces)
    return {"log_events": total, "events_given": len(frame), "events_replayed":
            len(events), "events_left_out": int(len(frame) - len(events)),
            "cases_replayed": len(fitness), "read_seconds": read_s,
            "format_seconds": formatting, "replay_seconds": replaying,
            "mean_fitness": sum(fitness) / len(fitness) if fitness else 0.0, "fit_traces": fit,
            "pm4py": pm4py.__version__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--plan", type=Path, required=True)
    parser.add_argument("--max-events", type=int, default=None)
    args = parser.parse_args(argv)
    plan = json.loads(args.plan.read_text(encoding="utf-8"))
    print(json.dumps(replay(args.log, plan, args.max_events), sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
