"""The engines of a fleet report: each reads the Parquet job table, makes a first pass (partitions, CPUs per node,
time range), builds the :class:`~footprint.fleet.plan.Plan` and returns the sums per group of
:data:`~footprint.fleet.plan.SUMS`. The three give the same sums (up to floating-point rounding):

- ``duckdb`` (default): SQL on DuckDB embedded, out of core, all cores of one machine (:mod:`.duck`);
- ``pandas``: the job table in batches of rows, each summed by :func:`.frame.job_sums` (:mod:`.local`);
- ``dask``: dask.dataframe partitions summed by the same function on a dask.distributed cluster
  (``scheduler="tcp://HOST:8786"``, else an in-process LocalCluster) (:mod:`.dask_engine`).
"""

from __future__ import annotations

__all__ = ["ENGINES", "run_engine"]

#: The engines, default first.
ENGINES = ("duckdb", "pandas", "dask")


def run_engine(engine: str, path, make_plan, scheduler: str | None = None, client=None):
    """``(plan, sums DataFrame)`` of ``engine`` on the job table at ``path``; ``make_plan(stats)`` builds the plan
    from the first pass."""
    from ..errors import FleetError

    if engine == "duckdb":
        from . import duck

        con = duck.connect()
        try:
            plan = make_plan(duck.partition_stats(con, path))
            return plan, duck.job_sums(con, path, plan)
        finally:
            con.close()
    if engine == "pandas":
        from .local import run

        return run(path, make_plan)
    if engine == "dask":
        from .dask_engine import run

        return run(path, make_plan, scheduler=scheduler, client=client)
    raise FleetError(f"--engine {engine!r} is not an engine; valid: {', '.join(ENGINES)}")
