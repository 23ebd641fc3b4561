"""The audit on a Dask cluster: the single machine's `audit_partition` over `dask.dataframe`
partitions that each hold whole cases.

1. The client cuts the log into blocks (`engine.audit.dask_blocks`: a Parquet file's row
   groups, a CSV file's runs of lines) and Dask's workers read them with the single machine's
   readers (`dd.from_map`): the same event rows, numbered by their place in the file, and the
   same findings of rows that cannot be taken. The events of one case may lie in many blocks.
2. The rows are numbered in the order of reading (the block, the row in it) and shuffled on
   the case id's hash (`DataFrame.shuffle(on="case_id")`; on a distributed cluster Dask's
   peer-to-peer shuffle, which spills to the workers' disks): every case's events then sit in
   one partition, and no partition holds more than its share of the log.
3. Each partition, put back in the order of reading, becomes a `pyarrow.Table` of
   `EVENT_SCHEMA` and goes through `audit_partition(table, context)`; the context is scattered
   to every worker once (`Client.scatter(..., broadcast=True)`), and each worker loads the
   specs and the calendar from it once (`AuditContext.engine`, cached per process).
4. The `AuditPart`s come back to the client and merge (`merge_parts`, in any order) into the
   part the single machine makes: the same report, byte for byte.

Why a shuffle, not a layout on disk (`to_parquet(partition_on=...)` by a hash of the case): a
provider's export is in the order its system wrote it, usually by time; a layout by case is a
rewrite of the whole log before each audit, and the shuffle is that rewrite, done once inside
the run, in the cluster's memory and spill space. Figures: docs/audit.md, "On a Dask cluster".
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa

from engine.audit.context import AuditContext
from engine.audit.dask_blocks import FINDING, Block, findings_of, plan_blocks, read_block
from engine.audit.dask_cluster import DaskError
from engine.audit.events import EVENT_SCHEMA, LogError
from engine.audit.logs import log_format
from engine.audit.part import CASE_SCHEMA, AuditPart, merge_parts
from engine.audit.partition import audit_partition

__all__ = ["BLOCK_BYTES", "NUMBERING", "audit_on_dask", "log_frame", "map_whole_cases", "refuse"]

C = TypeVar("C")
P = TypeVar("P")

#: The columns that put a case's events back in the order they were read.
NUMBERING = ("__block", "__row")
#: Bytes of CSV per block read by one task (some 150,000 events); Parquet: a row group each.
BLOCK_BYTES = 16 << 20
_KINDS = {".csv": "csv", ".parquet": "parquet", ".parq": "parquet", ".pq": "parquet",
          ".xes": "xes"}


def refuse(path: str | Path, kind: str) -> None:
    """Raise `DaskError` for a log Dask's workers cannot read in blocks: a compressed XES file
    (gzip cannot be entered in the middle) or OCEL (a JSON document whose events refer to
    objects anywhere in it)."""
    if kind == "xes" and str(path).lower().endswith(".gz"):
        raise DaskError(f"--dask cannot cut a compressed XES log into blocks: {path} (hint: "
                        "decompress it, gunzip -k LOG.xes.gz, and audit the .xes; or audit it "
                        "on one machine, without --dask)")
    if kind == "ocel":
        raise DaskError(f"--dask cannot cut an OCEL log into blocks: {path} (hint: convert it "
                        "to Parquet or CSV, a row per event, or audit it on one machine, "
                        "without --dask)")
    if kind not in _KINDS.values():
        raise DaskError(f"--dask reads CSV, Parquet or XES logs, got {path}")


def _files(paths: Sequence[Path]) -> list[tuple[Path, str]]:
    """Each file of the log and its kind; a directory stands for its CSV, Parquet and XES
    files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in _KINDS))
        elif path.is_file():
            found.append(path)
        else:
            raise DaskError(f"{path}: no such file or directory")
    if not found:
        raise DaskError(f"{', '.join(map(str, paths))}: no CSV, Parquet or XES file there")
    for path in found:
        try:
            kind = log_format(path)
        except LogError:
            kind = path.suffix
        refuse(path, kind)
    return [(p, _KINDS[p.suffix.lower()]) for p in found]


def _meta() -> Any:
    frame = EVENT_SCHEMA.empty_table().append_column(FINDING, pa.array([], pa.string()))
    return frame.to_pandas().assign(**{name: np.zeros(0, np.int64) for name in NUMBERING})


def _read(numbered: tuple[int, Block], columns: dict[str, str], zone: str) -> Any:
    """A block's rows as pandas, each numbered by (block, row): the order of reading."""
    number, block = numbered
    frame = read_block(block, columns, zone).to_pandas()
    return frame.assign(**{NUMBERING[0]: np.full(len(frame), number, np.int64),
                           NUMBERING[1]: np.arange(len(frame), dtype=np.int64)})


def log_frame(paths: Sequence[Path], columns: dict[str, str], zone: str,
              block_bytes: int = BLOCK_BYTES, split: bool = True) -> Any:
    """The log as a lazy `dask.dataframe.DataFrame`, a partition per block, in reading order
    (an XES file one block if not `split`).

    Raises:
        DaskError: not CSV, Parquet or XES files, or none there.
        LogError: a file cannot be read, or lacks a column the audit needs.
    """
    import dask.dataframe as dd
    blocks = [block for path, kind in _files(paths)
              for block in plan_blocks(path, kind, columns, block_bytes, split)]
    reading = functools.partial(_read, columns=columns, zone=zone)  # from_map keeps `columns`
    return dd.from_map(reading, list(enumerate(blocks)),  # type: ignore[no-untyped-call]
                       meta=_meta(), enforce_metadata=False, label="read-log-block")


def _in_reading_order(frame: Any) -> pa.Table:
    ordered = frame.sort_values(list(NUMBERING), kind="stable").drop(columns=list(NUMBERING))
    table = pa.Table.from_pandas(ordered, preserve_index=False)
    return table.select([*EVENT_SCHEMA.names, FINDING]).cast(
        EVENT_SCHEMA.append(pa.field(FINDING, pa.string())))


def _run(frame: Any, function: Callable[[pa.Table, C], P], context: C) -> P:
    return function(_in_reading_order(frame), context)


def _run_keyed(frame: Any, function: Callable[[pa.Table, C], P], context: C
               ) -> tuple[P, np.ndarray]:
    """`_run`, and the hashes of the partition's case ids (to check that no case is in two)."""
    import pandas as pd  # type: ignore[import-untyped]  # dask.dataframe's, no stubs
    cases = frame.loc[frame[FINDING].isna(), "case_id"].unique()
    return _run(frame, function, context), pd.util.hash_array(np.asarray(cases, dtype=object))


def map_whole_cases(client: Any, frame: Any, function: Callable[[pa.Table, C], P], context: C,
                    partitions: int | None = None, shuffle: bool = True) -> list[P]:
    """`function(table, context)` on each partition of whole cases of `frame` (`log_frame`),
    run by the workers of `client`; its results, one per partition.

    The table is in `EVENT_SCHEMA` and the order of reading, with the findings' rows
    (`dask_blocks.findings_of` parts them). `function` must be importable by the workers (a
    module's function); `context` is sent to each worker once. Not `shuffle`: each block is
    taken for a partition as it is, when no case id is in two of them (XES: a trace is a
    case), else shuffled after all.
    """
    from dask.delayed import delayed
    [shared] = client.scatter([context], broadcast=True, hash=False)  # a list: not a dict
    if shuffle:
        parts = frame.shuffle(on="case_id", npartitions=partitions or frame.npartitions)
        tasks = [delayed(_run, pure=True)(part, function, shared) for part in parts.to_delayed()]
    else:
        tasks = [delayed(_run_keyed, pure=True)(part, function, shared)
                 for part in frame.to_delayed()]
    futures = client.compute(tasks)
    try:
        done = list(client.gather(futures))
    finally:
        client.cancel([*futures, shared])
    if shuffle:
        return done
    keys = [key for _, key in done]
    if sum(map(len, keys)) == len(np.unique(np.concatenate(keys))):
        return [result for result, _ in done]
    # a case id in two blocks (two traces of one case, or files): the shuffle joins them
    return map_whole_cases(client, frame, function, context, partitions)


def audit_whole_cases(table: pa.Table, context: AuditContext, keep_cases: bool = True
                      ) -> AuditPart:
    """The audit of one partition: its cases by `audit_partition`, its findings' rows kept
    (and its cases' rows, unless not `keep_cases`: the report reads the summary)."""
    events, findings = findings_of(table)
    part = audit_partition(events, context)
    if findings:
        rows = AuditPart(CASE_SCHEMA.empty_table(), {}, {}, (), tuple(sorted(findings)),
                         len(findings), 0)
        part = merge_parts([part, rows], context.worst, context.row_findings)
    return part if keep_cases else part.without_cases()


def audit_on_dask(client: Any, paths: Sequence[Path], context: AuditContext,
                  partitions: int | None = None, block_bytes: int = BLOCK_BYTES, *,
                  keep_cases: bool = True) -> AuditPart:
    """The audit of a CSV, Parquet or XES log on the cluster of `client`: the part the single
    machine makes of it (see the module's doc).

    An XES log's blocks are runs of whole traces, audited without a shuffle. A block that does
    not parse (an ill-formed file, or a cut the planning's scan of bytes got wrong) makes the
    run read each XES file as one block, the single machine's reading: its result, or its
    error with its line.

    Raises:
        DaskError: the log is not CSV, Parquet or XES, or not there.
        LogError: it cannot be read, or lacks a column the audit needs.
    """
    columns, zone = dict(context.mapping.columns), context.timezone
    function = audit_whole_cases if keep_cases else \
        functools.partial(audit_whole_cases, keep_cases=False)  # rows stay on the workers
    xes = all(kind == "xes" for _, kind in _files(paths))
    frame = log_frame(paths, columns, zone, block_bytes)
    try:
        parts = map_whole_cases(client, frame, function, context, partitions, shuffle=not xes)
    except LogError:
        if not xes:
            raise
        frame = log_frame(paths, columns, zone, block_bytes, split=False)
        parts = map_whole_cases(client, frame, function, context, partitions, shuffle=False)
    return merge_parts(parts, context.worst, context.row_findings, keep_cases=keep_cases)
