"""The Dask plumbing of `reglament audit --dask` with no audit: the cost Dask adds.

    python benchmarks/audit_plumbing.py LOG [--workers 2]

On a local cluster of `--workers` single-threaded worker processes: the log read in blocks by
the audit's readers, shuffled on the case id's hash into partitions of whole cases, put back
in the order of reading and made pyarrow tables (`engine.audit.on_dask.log_frame` and
`map_whole_cases`), where a function that only counts rows and cases stands for the audit.
Prints one JSON object: partitions, rows, cases, and how many cases were split between two
partitions (none must be).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def count_cases(table: Any, context: None) -> tuple[int, Any]:
    """The rows of a partition and its distinct case ids (as an Arrow array)."""
    import pyarrow.compute as pc
    return table.num_rows, pc.unique(table["case_id"])


def main(argv: list[str] | None = None) -> int:
    from engine.audit import COLUMNS
    from engine.audit.dask_cluster import DaskTarget, dask_client
    from engine.audit.on_dask import log_frame, map_whole_cases
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("log", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    with dask_client(DaskTarget(workers=args.workers)) as client:
        frame = log_frame([args.log], dict(COLUMNS), "Asia/Almaty")
        parts = map_whole_cases(client, frame, count_cases, None)
    cases = sum(len(ids) for _, ids in parts)
    distinct = len({value for _, ids in parts for value in ids.to_pylist()})
    print(json.dumps({"partitions": len(parts), "rows": sum(n for n, _ in parts),
                      "cases": cases, "split_cases": cases - distinct}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
