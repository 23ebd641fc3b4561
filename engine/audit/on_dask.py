"""The audit on a Dask cluster: the single machine's per-partition function over `dask.dataframe`
partitions that each hold whole cases.

The log is read by Dask in blocks (`dd.read_parquet`, `dd.read_csv` with a block size), so the
events of one case may lie in several blocks, files or row groups. Before the audit the rows are
numbered in the order they were read (the block's number and the row's place in it) and
shuffled on the case id's hash (`DataFrame.shuffle(on=case)`, Dask's peer-to-peer shuffle on a
distributed cluster, which spills to the workers' disks): every case's events then sit in one
partition. Each partition, put back in the order of reading, becomes a `pyarrow.Table` of the
log's own schema and goes through the function the single machine runs
(`engine.audit.audit_partition`); the parts come back to the client, which merges them.

The context (the specs, the calendar and the mapping the function needs) is scattered to every
worker once (`Client.scatter(..., broadcast=True)`), not sent with each task.

Why a shuffle and not a layout on disk (`to_parquet(partition_on=...)`): a provider's export
is in whatever order its system wrote it, usually by time, so a layout by case would be a
rewrite of the whole log before every audit; the shuffle is that rewrite done once, in the
cluster's memory and spill space, as part of the run. A log already written with one case per
partition (the synthetic generator can) costs the shuffle one pass of moving rows that stay
put. Figures: docs/audit.md, "On a Dask cluster".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from engine.audit.dask_cluster import DaskError

__all__ = ["BLOCK_ROW", "CSV_BLOCKSIZE", "map_whole_cases", "read_log_blocks"]

C = TypeVar("C")
P = TypeVar("P")

#: The columns added to put a case's events back in the order they were read.
BLOCK_ROW = ("__block", "__row")
#: Bytes of CSV per block read by one task (some 200,000 events); a Parquet file is read a
#: row group per task.
CSV_BLOCKSIZE = 16 * 2**20


def _log_format(paths: Sequence[Path]) -> str:
    suffixes = {path.suffix.lower() for path in paths}
    if suffixes <= {".parquet", ".parq", ".pq"}:
        return "parquet"
    if suffixes <= {".csv"}:
        return "csv"
    raise DaskError(f"--dask reads CSV or Parquet logs, got {', '.join(sorted(map(str, paths)))}"
                    " (hint: audit XES and OCEL logs on one machine, without --dask)")


def _files(paths: Sequence[Path]) -> list[Path]:
    """The files of the paths, a directory standing for its files of the log's kind."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in (".csv", ".parquet", ".parq", ".pq")))
        elif path.is_file():
            found.append(path)
        else:
            raise DaskError(f"{path}: no such file or directory")
    if not found:
        raise DaskError(f"{', '.join(map(str, paths))}: no CSV or Parquet file there")
    return found


def read_log_blocks(paths: Sequence[Path], csv_blocksize: int = CSV_BLOCKSIZE
                    ) -> tuple[Any, pa.Schema]:
    """The log as a lazy `dask.dataframe.DataFrame` of its blocks, numbered in reading order,
    and the schema its partitions are given back as (a CSV's columns: strings).

    Raises:
        DaskError: not CSV or Parquet files, or none there.
    """
    import dask.dataframe as dd
    files = _files(paths)
    if _log_format(files) == "parquet":
        schema = pq.read_schema(files[0])
        frame = dd.read_parquet([str(p) for p in files], split_row_groups=True)
    else:
        frame = dd.read_csv([str(p) for p in files], blocksize=csv_blocksize, dtype="string",
                            keep_default_na=False, na_filter=False)
        schema = pa.schema([(name, pa.string()) for name in frame.columns])
    meta = frame._meta.assign(**{BLOCK_ROW[0]: pa.array([], pa.int64()).to_pandas(),
                                 BLOCK_ROW[1]: pa.array([], pa.int64()).to_pandas()})
    return frame.map_partitions(_number_rows, meta=meta), schema


def _number_rows(frame: Any, partition_info: dict[str, Any] | None = None) -> Any:
    """The block with its number and each row's place in it (the order of reading)."""
    import numpy as np
    block = partition_info["number"] if partition_info else 0
    return frame.assign(**{BLOCK_ROW[0]: np.full(len(frame), block, dtype=np.int64),
                           BLOCK_ROW[1]: np.arange(len(frame), dtype=np.int64)})


def _whole_cases(frame: Any, schema: pa.Schema) -> pa.Table:
    """A shuffled partition as the function takes it: back in the order of reading, without
    the numbering columns, as a table of the log's schema."""
    ordered = frame.sort_values(list(BLOCK_ROW), kind="stable").drop(columns=list(BLOCK_ROW))
    table = pa.Table.from_pandas(ordered, preserve_index=False)
    return table.select(schema.names).cast(schema)


def _run(frame: Any, schema: pa.Schema, function: Callable[[pa.Table, C], P], context: C) -> P:
    return function(_whole_cases(frame, schema), context)


def map_whole_cases(client: Any, paths: Sequence[Path], case_column: str,
                    function: Callable[[pa.Table, C], P], context: C, *,
                    partitions: int | None = None, csv_blocksize: int = CSV_BLOCKSIZE
                    ) -> list[P]:
    """Run `function(table, context)` on the cluster of `client` over partitions of the log
    that each hold whole cases; its results, one per partition, in the partitions' order.

    Args:
        client: a `distributed.Client` (`engine.audit.dask_cluster.dask_client`).
        paths: the log's CSV or Parquet files (or directories of them).
        case_column: the log's column of the case id: the rows are shuffled on its hash.
        function: what runs on each partition; importable by the workers (a module's function).
        context: its second argument, picklable: sent once to every worker.
        partitions: how many partitions to shuffle into (default: as many as blocks read).

    Raises:
        DaskError: the log cannot be read by Dask, or has no column `case_column`.
    """
    from dask.delayed import delayed
    frame, schema = read_log_blocks(paths, csv_blocksize)
    if case_column not in schema.names:
        raise DaskError(f"{paths[0]}: the log has no column {case_column!r} (its columns: "
                        f"{', '.join(schema.names)})")
    count = partitions or frame.npartitions
    shuffled = frame.shuffle(on=case_column, npartitions=count)
    [shared] = client.scatter([context], broadcast=True, hash=False)  # a list: not a dict of keys
    tasks = [delayed(_run, pure=True)(block, schema, function, shared)
             for block in shuffled.to_delayed()]
    futures = client.compute(tasks)
    try:
        return list(client.gather(futures))
    finally:
        client.cancel([*futures, shared])
