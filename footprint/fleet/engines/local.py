"""The pandas engine: the job table read in batches of rows (bounded memory), each batch summed per group by
:func:`.frame.job_sums`, the partial sums summed."""

from __future__ import annotations

import pandas as pd

from ..plan import COLUMNS_READ, PREPASS_COLUMNS, PartitionStats
from .frame import job_sums, partition_stats

__all__ = ["run", "BATCH_ROWS"]

#: Rows per batch.
BATCH_ROWS = 250_000


def run(path, make_plan, batch_rows: int = BATCH_ROWS):
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    stats = PartitionStats()
    for b in pf.iter_batches(columns=list(PREPASS_COLUMNS), batch_size=batch_rows):
        stats.merge(partition_stats(b.to_pandas()))
    plan = make_plan(stats)
    parts = [job_sums(b.to_pandas(), plan) for b in pf.iter_batches(columns=list(COLUMNS_READ), batch_size=batch_rows)]
    keys = list(plan.keys)
    df = pd.concat(parts, ignore_index=True).groupby(keys, sort=False).sum().reset_index()
    df["month"] = df["month"].astype("int64")
    return plan, df
