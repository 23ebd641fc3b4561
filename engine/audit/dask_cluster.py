"""Where `reglament audit --dask` runs: a cluster of this machine or a scheduler's address.

`--dask local` starts a `distributed.LocalCluster` of one single-threaded worker process per
core, `--dask local:N` one of N workers; any other value is the address of a running
scheduler (`tcp://scheduler:8786`, `tls://...`, or `host:port`), to which a client connects.
Dask is an optional dependency (`pip install 'reglament[dask]'`): it is imported only here
and in `engine.audit.on_dask`, when a run asks for it, and its absence, a malformed address
or a scheduler that does not answer is a `DaskError` whose message is for people.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["CONNECT_TIMEOUT_S", "DaskError", "DaskTarget", "dask_client", "parse_dask_target"]

#: Seconds to wait for a scheduler to answer before giving up on its address.
CONNECT_TIMEOUT_S = 10
_LOCAL = re.compile(r"local(?::(?P<workers>\d+))?")
_ADDRESS = re.compile(r"(?:(?:tcp|tls|ucx|ws|wss)://)?[\w.\-\[\]:]+:\d+")
_INSTALL_HINT = "hint: pip install 'reglament[dask]' (dask and distributed of one version)"


class DaskError(Exception):
    """Dask cannot run the audit: not installed, a malformed address, no scheduler there."""


@dataclass(frozen=True)
class DaskTarget:
    """Where to run: `workers` local processes (`address` None), or a scheduler's address."""

    address: str | None = None
    workers: int = 0

    def __str__(self) -> str:
        return self.address or f"a local cluster of {self.workers} workers"


def parse_dask_target(value: str) -> DaskTarget:
    """Read the value of `--dask`.

    Raises:
        DaskError: neither `local`, `local:N` (N at least 1) nor an address with a port.

    Examples:
        >>> parse_dask_target("local:2")
        DaskTarget(address=None, workers=2)
        >>> parse_dask_target("tcp://scheduler:8786").address
        'tcp://scheduler:8786'
    """
    text = value.strip()
    local = _LOCAL.fullmatch(text)
    if local:
        workers = int(local["workers"]) if local["workers"] else (os.cpu_count() or 1)
        if workers < 1:
            raise DaskError(f"--dask {value}: a local cluster needs at least 1 worker")
        return DaskTarget(workers=workers)
    if _ADDRESS.fullmatch(text):
        return DaskTarget(address=text)
    raise DaskError(f"--dask {value!r}: expected local, local:N (N workers on this machine) or a "
                    "scheduler's address like tcp://scheduler:8786")


def _distributed() -> Any:
    try:
        import dask.dataframe  # noqa: F401  (the audit reads its partitions with it)
        import distributed
    except ImportError as error:
        raise DaskError(f"--dask needs dask[dataframe] and distributed, which do not import here "
                        f"({error}); {_INSTALL_HINT}") from None
    return distributed


@contextlib.contextmanager
def dask_client(target: DaskTarget, timeout_s: float = CONNECT_TIMEOUT_S) -> Iterator[Any]:
    """A `distributed.Client` of the target, closed (with its local cluster) on leaving; a
    scheduler's address must answer within `timeout_s`.

    A local cluster's workers are processes of one thread each (the audit holds the GIL in
    Python code between its array calls); its dashboard, if any, on a free port.

    Raises:
        DaskError: dask is not installed, or no scheduler answers at the address.
    """
    distributed = _distributed()
    if target.address is None:
        with distributed.LocalCluster(n_workers=target.workers, threads_per_worker=1,
                                      processes=True, dashboard_address=":0",
                                      silence_logs=logging.ERROR) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(target.address, timeout=f"{timeout_s}s")
    except (OSError, TimeoutError, ValueError) as error:
        raise DaskError(f"--dask {target.address}: no Dask scheduler answers there within "
                        f"{timeout_s:g} s ({type(error).__name__}: {error}); hint: start "
                        "one with `dask scheduler` and workers with `dask worker ADDRESS`, or use "
                        "--dask local:N") from None
    with client:
        yield client
