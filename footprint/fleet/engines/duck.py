"""The DuckDB engine (the default): the per-job rules of :mod:`footprint.fleet.plan` in SQL over the Parquet job
table, streamed and aggregated out of core by DuckDB embedded; the hourly intensity is a join with the zones' hourly
running sums, the what-ifs a vectorised (Arrow) function of :class:`~footprint.hourly.HourlySeries`."""

from __future__ import annotations

import numpy as np

from ..plan import PartitionStats, Plan, SUMS
from ..schema import CANCELLED_STATES, FAILED_STATES

__all__ = ["connect", "partition_stats", "job_sums"]


def connect(threads: int | None = None, memory_limit: str | None = None):
    """A DuckDB connection in UTC (so that months are UTC months)."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET preserve_insertion_order = false")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit:
        con.execute("SET memory_limit = ?", [memory_limit])
    return con


def _source(path) -> str:
    quote = lambda p: "'" + str(p).replace("'", "''") + "'"
    return f"read_parquet({quote(path)})"


def partition_stats(con, path) -> PartitionStats:
    """The first pass (:class:`~footprint.fleet.plan.PartitionStats`)."""
    src = _source(path)
    st = PartitionStats()
    rows = con.execute(f"""
        SELECT partition, count(*), max(ceil(cpus / greatest(nodes, 1))), min(epoch(start)),
               max(epoch(start) + elapsed_s)
        FROM {src} GROUP BY partition""").fetchall()
    for p, n, cpn, t0, t1 in rows:
        st.jobs[p] = int(n)
        st.max_cpn[p] = int(cpn or 0)
        if t0 is not None:
            st.t_min, st.t_max = min(st.t_min, float(t0)), max(st.t_max, float(t1))
    for p, t, n in con.execute(f"SELECT partition, coalesce(gpu_type, ''), count(*) FROM {src} WHERE gpus > 0 "
                               "GROUP BY ALL").fetchall():
        st.gpu_types[(p, t)] = int(n)
    return st


def _in(states) -> str:
    return "(" + ", ".join("'" + s + "'" for s in sorted(states)) + ")"


def _register_whatif(con, plan: Plan) -> None:
    import pyarrow as pa

    series, window = plan.series, plan.window_h

    def whatif(z, s, h):
        fs, pr = series.whatif(z.to_numpy(zero_copy_only=False).astype(np.int64),
                               s.to_numpy(zero_copy_only=False), h.to_numpy(zero_copy_only=False), window)
        return pa.StructArray.from_arrays([pa.array(fs), pa.array(pr)], names=["fs", "pr"])

    con.create_function("fleet_whatif", whatif, ["INTEGER", "DOUBLE", "DOUBLE"], "STRUCT(fs DOUBLE, pr DOUBLE)",
                        type="arrow", side_effects=False)


def job_sums(con, path, plan: Plan):
    """The sums of :data:`~footprint.fleet.plan.SUMS` per group of ``plan.keys`` (a pandas DataFrame)."""
    con.register("fleet_parts", plan.partition_table())
    hourly = plan.series is not None
    t0 = float(plan.t0_h) * 3600.0
    if hourly:
        con.register("fleet_hours", plan.series.table())
        _register_whatif(con, plan)
        ratio = """CASE WHEN e.hourly THEN CASE WHEN e.h > 0
                         THEN ((he.cum + (e.s_h + e.h - floor(e.s_h + e.h)) * he.r) - (hs.cum + (e.s_h - floor(e.s_h)) * hs.r)) / e.h
                         ELSE hs.r END ELSE 1.0 END"""
        joins = """LEFT JOIN fleet_hours hs ON hs.zone_idx = e.zone_idx AND hs.hi = CAST(floor(e.s_h) AS BIGINT)
                   LEFT JOIN fleet_hours he ON he.zone_idx = e.zone_idx AND he.hi = CAST(floor(e.s_h + e.h) AS BIGINT)"""
        whatif = ("CASE WHEN e.hourly AND {w} > 0 THEN fleet_whatif(e.zone_idx, e.s_h, e.h) ELSE {{'fs': 0.0, 'pr': 0.0}} END"
                  .format(w=plan.window_h))
    else:
        ratio, joins, whatif = "1.0", "", "{'fs': 0.0, 'pr': 0.0}"
    keys = []
    for k in plan.keys:
        if k == "month":
            keys.append("CASE WHEN j.start IS NOT NULL THEN year(j.start) * 100 + month(j.start) "
                        "WHEN j.submit IS NOT NULL THEN year(j.submit) * 100 + month(j.submit) ELSE 0 END AS month")
        elif k == "fleet":
            keys.append("p.fleet AS fleet")
        elif k == "state_class":
            keys.append(f"""CASE WHEN j.state = 'COMPLETED' THEN 'completed' WHEN j.state IN {_in(FAILED_STATES)}
                            THEN 'failed' WHEN j.state IN {_in(CANCELLED_STATES)} THEN 'cancelled' ELSE 'other' END
                            AS state_class""")
        else:
            keys.append(f"coalesce(CAST(j.\"{k}\" AS VARCHAR), '') AS \"{k}\"")
    klist = ", ".join(f'"{k}"' for k in plan.keys)
    sums = ", ".join(f'sum("{s}") AS "{s}"' for s in SUMS)
    sql = f"""
    WITH j AS (
        SELECT {", ".join(keys)},
               j.elapsed_s / 3600.0 AS h, CAST(j.elapsed_s AS DOUBLE) AS elapsed,
               CAST(greatest(j.nodes, 1) AS DOUBLE) AS n, CAST(j.cpus AS DOUBLE) AS cpus,
               coalesce(j.mem_mb, 0) / 1024.0 AS mem_gb, CAST(j.gpus AS DOUBLE) AS raw_gpus,
               CASE WHEN p.has_gpus THEN CAST(j.gpus AS DOUBLE) ELSE 0.0 END AS gpus, p.has_gpus,
               CAST(p.per_node AS DOUBLE) AS per_node, CAST(p.node_cpus AS DOUBLE) AS node_cpus, p.limit_w,
               p.zone_idx, coalesce(j.energy_j, 0.0) AS energy, j.energy_scope, j.exclusive,
               (epoch(j.start) - {t0!r}) / 3600.0 AS s_h0
        FROM {_source(path)} j JOIN fleet_parts p ON p.partition = j.partition
    ), k AS (
        SELECT *, coalesce(exclusive, cpus >= n * node_cpus OR (per_node > 0 AND gpus >= n * per_node)) AS excl,
               zone_idx >= 0 AND s_h0 IS NOT NULL AND {str(hourly).upper()} AS hourly, coalesce(s_h0, 0.0) AS s_h
        FROM j
    ), e AS (
        SELECT *,
               CASE WHEN excl THEN 1.0 ELSE least(1.0, greatest(cpus / (n * node_cpus),
                    CASE WHEN per_node > 0 THEN gpus / (n * per_node) ELSE 0.0 END)) END AS share,
               energy > 0 AND (energy_scope = 'job' OR excl) AS own,
               elapsed <= 0 OR energy / CASE WHEN elapsed > 0 THEN elapsed * n ELSE 1.0 END <= limit_w AS plausible
        FROM k
    ), f AS (
        SELECT e.*, coalesce(own AND plausible, false) AS measured,
               coalesce(own, false) AND NOT coalesce(plausible, true) AS implausible,
               {ratio} AS ratio, {whatif} AS wi
        FROM e {joins}
    ), g AS (
        SELECT *,
               CASE WHEN measured THEN energy / 3.6e6 ELSE 0.0 END AS m,
               CASE WHEN measured THEN 0.0 ELSE gpus * h END AS g,
               CASE WHEN NOT measured AND gpus = 0 THEN cpus * h ELSE 0.0 END AS c,
               CASE WHEN NOT measured AND gpus = 0 THEN mem_gb * h ELSE 0.0 END AS r,
               n * h * share AS node_h
        FROM f
    ), x AS (
        SELECT {klist},
               1.0 AS jobs, CAST(measured AS DOUBLE) AS measured_jobs, CAST(implausible AS DOUBLE) AS implausible_jobs,
               CAST(energy > 0 AND NOT coalesce(own, false) AS DOUBLE) AS shared_energy_jobs,
               CAST(hourly AS DOUBLE) AS hourly_jobs,
               CAST(raw_gpus > 0 AND NOT has_gpus AS DOUBLE) AS gpu_ignored_jobs,
               CAST(cpus <= 0 AND gpus <= 0 AND h > 0 AS DOUBLE) AS no_allocation_jobs,
               h AS elapsed_h, gpus * h AS gpu_h, cpus * h AS cpu_h, node_h, node_h * per_node AS acc_h,
               m, g, c, r,
               m * ratio AS mw, g * ratio AS gw, c * ratio AS cw, r * ratio AS rw,
               m * wi.fs AS mfs, g * wi.fs AS gfs, c * wi.fs AS cfs, r * wi.fs AS rfs,
               m * wi.pr AS mpr, g * wi.pr AS gpr, c * wi.pr AS cpr, r * wi.pr AS rpr
        FROM g
    )
    SELECT {klist}, {sums} FROM x GROUP BY {klist}
    """
    df = con.execute(sql).df()
    df["month"] = df["month"].astype("int64")
    return df
