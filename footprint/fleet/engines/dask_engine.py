"""The Dask engine: dask.dataframe partitions of the job table on a dask.distributed cluster, each summed per group
by :func:`.frame.job_sums` (the pandas engine's function), the partial sums reduced on the workers in a tree. A partition is a row group
of the job table (``footprint fleet import`` writes row groups of at most 250,000 jobs).

``scheduler="tcp://HOST:8786"`` connects to a running cluster (e.g. one started on Slurm by dask-jobqueue): its
workers read the job table themselves, so give a path they can all read (a shared file system), and install
footprint on them. Without a scheduler an in-process LocalCluster runs on this machine.
"""

from __future__ import annotations

from ..errors import FleetError
from ..plan import COLUMNS_READ, PREPASS_COLUMNS, PartitionStats
from .frame import job_sums, partition_stats

__all__ = ["run"]


def _client(scheduler):
    try:
        from distributed import Client
    except ImportError:
        raise FleetError("--engine dask needs dask and distributed: pip install 'footprint[dask]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise FleetError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None
    return Client(processes=False, dashboard_address=None)


def _combine(keys, *frames):
    """The sums of several partial results, per group."""
    import pandas as pd

    return pd.concat(frames, ignore_index=True).groupby(keys, sort=False).sum().reset_index()


def run(path, make_plan, scheduler: str | None = None, client=None, split_every: int = 8):
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:
        raise FleetError("--engine dask needs dask and distributed: pip install 'footprint[dask]'") from None
    own = client is None
    client = client or _client(scheduler)
    try:
        cols = sorted(set(COLUMNS_READ) | set(PREPASS_COLUMNS))
        ddf = dd.read_parquet(str(path), columns=cols, split_row_groups=True)  # a partition per row group
        parts = ddf.to_delayed()
        stats = PartitionStats()
        for s in client.compute([dask.delayed(partition_stats)(d) for d in parts], sync=True):
            stats.merge(s)
        plan = make_plan(stats)
        keys = list(plan.keys)
        shared = dask.delayed(client.scatter(plan, broadcast=True))
        sums = [dask.delayed(job_sums)(d, shared) for d in parts]
        while len(sums) > 1:  # a tree of partial sums, reduced on the workers
            sums = [dask.delayed(_combine)(keys, *sums[i:i + split_every]) for i in range(0, len(sums), split_every)]
        df = client.compute(sums[0], sync=True)
        if len(parts) == 1:
            df = _combine(keys, df)
    finally:
        if own:
            client.close()
    df["month"] = df["month"].astype("int64")
    return plan, df
