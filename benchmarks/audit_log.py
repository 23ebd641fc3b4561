"""A plain event log of the bundled regulations, fast at tens of millions of events: the
stand-in of benchmarks/bench_audit.py while the synthetic generator (issue 22, item 4) is not
in this tree.

Every case walks one path of its regulation's channel (`engine.process.enumerate_paths`),
chosen at random, each step completed some working hours after the one before; no fault is
injected. The log is the canonical one of docs/audit.md (`case_id`, `activity`, `timestamp`,
`resource`, `service`, `channel`, `outcome`, `ground`), written as Parquet in chunks of cases,
each chunk's events in order of time (so a case's events may lie in two row groups), with the
mapping file (`kind: audit_map`) that names the log's activities as the regulation's steps.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from engine import load_corpus
from engine.process import compile_regulation, enumerate_paths

__all__ = ["ROUTES", "write_log"]

#: The services and channels of the log: (regulation id, channel).
ROUTES = (("aktobe-externat-permission", "gov_corp"), ("aktobe-externat-permission", "portal"),
          ("aktobe-school-admission", "provider_office"), ("aktobe-school-admission", "portal"),
          ("aktobe-education-document-duplicates", "provider_office"))
RECEIPT = "Приём заявления"
CASES_PER_CHUNK = 200_000
_START = int(dt.datetime(2024, 1, 10, 3, 0, tzinfo=dt.UTC).timestamp() * 1e6)
_HOUR = 3_600_000_000


def _walks(specs: list[Path]) -> tuple[list[tuple[str, str, str, tuple[str, ...],
                                                    tuple[str | None, ...]]], dict[str, Any]]:
    """Every (standard, regulation, channel, steps, outcomes) of the routes, and the mapping."""
    corpus = load_corpus(specs)
    by_id = {r.id: r for r in corpus.regulations}
    walks, services = [], {}
    for regulation_id, channel in ROUTES:
        regulation = by_id[regulation_id]
        graph = compile_regulation(regulation, corpus.standard_of(regulation)).graphs[channel]
        steps = {step.id for step in regulation.processes[channel]}
        for path in enumerate_paths(graph):
            kept = [(s, o) for s, o in zip(path.steps, path.outcomes, strict=True) if s in steps]
            walks.append((regulation.standard, regulation_id, channel,
                          tuple(s for s, _ in kept), tuple(o for _, o in kept)))
        service = services.setdefault(regulation.standard, {
            "names": [f"Услуга {regulation.standard}"], "channels": {},
            "activities": {RECEIPT: "received"}})
        service["channels"][channel] = [f"Канал {channel}"]
        service["activities"].update({f"Этап {s}": s for s in sorted(steps)})
    mapping = {"kind": "audit_map", "id": "bench-audit", "timezone": "Asia/Almaty",
               "services": services}
    return walks, mapping


def write_log(path: Path, events: int, specs: list[Path], seed: int = 0) -> Path:
    """Write about `events` events (whole cases) to `path` (Parquet) and the mapping beside it
    (`<stem>.map.yaml`); the mapping's path."""
    walks, mapping = _walks(specs)
    rng = np.random.default_rng(seed)
    lengths = np.array([len(w[3]) + 1 for w in walks])
    cases = int(events / lengths.mean()) + 1
    schema = pa.schema([("case_id", pa.string()), ("activity", pa.string()),
                        ("timestamp", pa.timestamp("us", tz="UTC")), ("resource", pa.string()),
                        ("service", pa.string()), ("channel", pa.string()),
                        ("outcome", pa.string()), ("ground", pa.string())])
    activity = [[RECEIPT, *(f"Этап {s}" for s in w[3])] for w in walks]
    outcome = [["", *(o or "" for o in w[4])] for w in walks]
    written = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for first in range(0, cases, CASES_PER_CHUNK):
            n = min(CASES_PER_CHUNK, cases - first)
            chosen = rng.integers(0, len(walks), n)
            size = lengths[chosen]
            case = np.repeat(np.arange(first, first + n), size)
            place = np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)
            walk = np.repeat(chosen, size)
            start = _START + (first + np.arange(n)) * (_HOUR // 4)
            gaps = rng.integers(1, 30, size.sum()) * _HOUR
            gaps[place == 0] = 0
            stamp = np.repeat(start, size) + _cumulative(gaps, size)
            order = np.argsort(stamp, kind="stable")
            rows = {"case_id": [f"case-{c:09d}" for c in case[order]],
                    "activity": [activity[w][p] for w, p in zip(walk[order], place[order],
                                                                 strict=True)],
                    "timestamp": pa.array(stamp[order]).cast(pa.timestamp("us", tz="UTC")),
                    "resource": [f"officer-{r}" for r in rng.integers(0, 40, len(case))],
                    "service": [mapping["services"][walks[w][0]]["names"][0]
                                for w in walk[order]],
                    "channel": [f"Канал {walks[w][2]}" for w in walk[order]],
                    "outcome": [outcome[w][p] for w, p in zip(walk[order], place[order],
                                                              strict=True)],
                    "ground": [""] * len(case)}
            writer.write_table(pa.table(rows, schema=schema), row_group_size=256_000)
            written += len(case)
            if written >= events:
                break
    target = path.with_name(path.stem + ".map.yaml")
    target.write_text(yaml.safe_dump(mapping, allow_unicode=True, sort_keys=True),
                      encoding="utf-8")
    return target


def _cumulative(gaps: np.ndarray, size: np.ndarray) -> np.ndarray:
    """The running sum of `gaps` within each case (runs of `size`)."""
    total = np.cumsum(gaps)
    ends = np.cumsum(size)
    before = np.repeat(np.concatenate(([0], total[ends[:-1] - 1])), size)
    return total - before
