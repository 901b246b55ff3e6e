"""``footprint fleet report``: the footprint of a job table on a cluster, per group, with ranges.

:func:`fleet_report` resolves the cluster spec (:mod:`.cluster`), runs an engine over the job table (:mod:`.engines`:
sums per user, account, partition, month, fleet and state class), and evaluates the footprint of every roll-up the
report shows (:func:`.energy.evaluate_groups`): the total, the groups of ``by``, each month, each state class
(completed, failed, cancelled, other) and each fleet. The result is a :class:`FleetReport`: tables (pandas), notes,
the factors used, and writers for HTML, CSV and Parquet (all files or none).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..model.results import assumptions_frame
from .energy import GROUP_RANGED, MAX_GROUP_SAMPLES, QUANTITIES, coefficient_draws, evaluate_groups
from .errors import FleetError
from .schema import STATE_CLASSES

__all__ = ["FleetReport", "fleet_report", "DEFAULT_SAMPLES"]

#: Monte Carlo draws of a fleet report.
DEFAULT_SAMPLES = 2_000


def _month_label(m) -> str:
    m = int(m)
    return f"{m // 100:04d}-{m % 100:02d}" if m > 0 else "unknown"


@dataclass
class FleetReport:
    """A fleet report: ``tables`` {name: DataFrame} (``total``, ``groups``, ``months``, ``states``, ``fleets``,
    ``sources``, ``hourly``, ``whatifs``, ``assumptions``), ``notes``, and how it was made."""

    name: str
    jobs: str
    engine: str
    by: tuple
    samples: int
    seed: int | None
    window_h: int
    tables: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    @property
    def total(self) -> pd.Series:
        return self.tables["total"].iloc[0]

    def value(self, quantity: str) -> float:
        """The point value of a quantity of the total (``gwp_kg``, ``energy_kwh`` ...)."""
        return float(self.total[quantity])

    def headline(self) -> pd.DataFrame:
        """One row per quantity of the total: value, p5, p50, p95, unit, what it is."""
        t = self.total
        rows = []
        for k, unit, what in QUANTITIES:
            rows.append({"quantity": k, "value": float(t[k]), "p5": float(t.get(f"{k}_p5", np.nan)),
                         "p50": float(t.get(f"{k}_p50", np.nan)), "p95": float(t.get(f"{k}_p95", np.nan)),
                         "unit": unit, "what": what})
        return pd.DataFrame(rows)

    def html(self) -> str:
        from .html import render

        return render(self)

    def to_parquet_bytes(self, table: str = "groups") -> bytes:
        import pyarrow as pa
        import pyarrow.parquet as pq

        sink = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pandas(self.tables[table], preserve_index=False), sink, compression="zstd")
        return sink.getvalue().to_pybytes()

    def write(self, html=None, csv=None, parquet=None) -> list[Path]:
        """Write the HTML report, the group table as CSV and as Parquet: every file given, or none."""
        from ..files import write_all

        out = {}
        if html is not None:
            out[html] = self.html()
        if csv is not None:
            out[csv] = self.tables["groups"].to_csv(index=False, lineterminator="\n")
        if parquet is not None:
            out[parquet] = self.to_parquet_bytes()
        return write_all(out) if out else []


def _label_months(df: pd.DataFrame) -> pd.DataFrame:
    """Months as yyyy-mm, counts as integers."""
    from .plan import COUNTS

    df = df.copy()
    if "month" in df:
        df["month"] = df["month"].map(_month_label)
    for c in COUNTS:
        if c in df:
            df[c] = df[c].round().astype("int64")
    return df


def _check_finite(tables: dict) -> None:
    for name, df in tables.items():
        num = df.select_dtypes("number")
        bad = ~np.isfinite(num.to_numpy(dtype="float64"))
        if bad.any():
            col = num.columns[np.flatnonzero(bad.any(axis=0))[0]]
            raise FleetError(f"the {name} table has a value that is not finite in {col}: the job table holds values out "
                             "of range (check elapsed_s, cpus, energy_j)")


def _sources(total: pd.Series) -> pd.DataFrame:
    """Measured and modelled IT energy: jobs, kWh, share, and the modelled energy by component."""
    modelled = float(total["it_gpu_kwh"] + total["it_cpu_kwh"] + total["it_memory_kwh"])
    it = max(float(total["it_kwh"]), 1e-300)
    return pd.DataFrame([
        {"energy": "measured", "jobs": float(total["measured_jobs"]), "it_kwh": float(total["it_measured_kwh"]),
         "share": float(total["it_measured_kwh"]) / it, "gpu_kwh": 0.0, "cpu_kwh": 0.0, "memory_kwh": 0.0},
        {"energy": "modelled", "jobs": float(total["jobs"] - total["measured_jobs"]), "it_kwh": modelled,
         "share": modelled / it, "gpu_kwh": float(total["it_gpu_kwh"]), "cpu_kwh": float(total["it_cpu_kwh"]),
         "memory_kwh": float(total["it_memory_kwh"])}])


def _hourly(cluster, fleets: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for r in fleets.itertuples():
        info = cluster.fleets[r.fleet]
        z = info.zone
        use = float(r.gwp_use_kg)
        annual = float(r.gwp_use_annual_kg)
        rows.append({"fleet": r.fleet, "region": info.site.region, "zone": z.zone if z else "",
                     "kind": f"{z.kind} (month x hour profile)" if z else "annual only",
                     "confidence": z.confidence if z else "", "jobs": r.jobs, "hourly_jobs": r.hourly_jobs,
                     "annual_jobs": r.jobs - r.hourly_jobs, "annual_kgco2e_per_kwh": float(info.site.grid.value),
                     "met_kgco2e_per_kwh": float(info.site.grid.value) * (use / annual if annual > 0 else 1.0),
                     "gwp_use_kg": use, "gwp_use_annual_kg": annual})
    return pd.DataFrame(rows)


def _whatifs(total: pd.Series, window_h: int) -> pd.DataFrame:
    rows = []
    for key, label in (("fs", f"Flexible Start (each job started up to {window_h} h later)"),
                       ("pr", f"Pause and Resume (each job paused in the {window_h} dirtiest hours of its window)")):
        k = f"{key}_saving_kg"
        rows.append({"what_if": label, "saving_kg": float(total[k]), "p5": float(total.get(f"{k}_p5", total[k])),
                     "p95": float(total.get(f"{k}_p95", total[k])),
                     "share_of_use": float(total[k]) / max(float(total["gwp_use_kg"]), 1e-300),
                     "bound": "upper bound (Dodge et al. 2022): perfect knowledge of the hours, no queueing"})
    return pd.DataFrame(rows)


#: The columns of the fleet report's factor table (the estimate's assumptions table, fewer columns).
ASSUMPTION_COLUMNS = ["factor_id", "value", "low", "high", "distribution", "unit", "source", "license", "fallback_level"]


def _count_notes(total: pd.Series, window_h: int) -> list[str]:
    out = []
    if total["implausible_jobs"]:
        out.append(f"{int(total['implausible_jobs']):,} job(s) reported a measured energy above the plausible power per "
                   "node: the measurement was set aside and the job modelled")
    if total["shared_energy_jobs"]:
        out.append(f"{int(total['shared_energy_jobs']):,} job(s) with node-level measured energy did not hold their nodes "
                   "alone: their measurement (the node's, shared) was set aside and the job modelled")
    if total["gpu_ignored_jobs"]:
        out.append(f"{int(total['gpu_ignored_jobs']):,} job(s) allocated GPUs in a partition whose fleet has no "
                   "accelerator: their GPUs were not counted")
    if total["no_allocation_jobs"]:
        out.append(f"{int(total['no_allocation_jobs']):,} job(s) with no CPU or GPU allocated (e.g. Kepler pods): no "
                   "modelled energy and no embodied share")
    out.append(f"{int(total['hourly_jobs']):,} of {int(total['jobs']):,} job(s) used hourly (modelled) intensity, the "
               "others the annual factor of their data center")
    if window_h:
        out.append(f"what-ifs over a {window_h} h window, at hour granularity, for the jobs with hourly intensity only")
    return out


def fleet_report(jobs, system, by=("user", "account", "partition", "month"), engine: str = "duckdb",
                 scheduler: str | None = None, samples: int = DEFAULT_SAMPLES, seed: int | None = 1,
                 window_h: int = 24, grid_basis: str | None = None, max_node_w: float | None = None,
                 registry=None, client=None) -> FleetReport:
    """The fleet report of the job table ``jobs`` (Parquet, from :func:`~footprint.fleet.import_jobs`) on the
    cluster spec ``system`` (path, dict or SystemSpec).

    ``by`` the group keys (user, account, partition, month); ``engine`` duckdb, pandas or dask (``scheduler``: a
    Dask scheduler address; ``client``: a dask.distributed Client); ``samples`` Monte Carlo draws (0: point values);
    ``samples`` at most :data:`~footprint.fleet.energy.MAX_GROUP_SAMPLES` (every draw kept, one chunk of the Monte
    Carlo engine); ``window_h`` the what-ifs' window [h] (0: none); ``grid_basis`` lifecycle or direct; ``max_node_w`` the plausible
    measured power per node [W] (default: 2 x the nameplate of a node of the fleet).

    Raises
    ------
    FootprintError
        A job table that is not one, a spec that is not valid, a partition no fleet serves (naming it and the
        fleets), an option out of range.
    """
    from .cluster import load_cluster
    from .engines import run_engine
    from .plan import make_plan
    from .tables import check_job_table

    if scheduler and engine != "dask":
        raise FleetError(f"--scheduler {scheduler} is a Dask scheduler: give it with --engine dask")
    if samples < 0 or samples > MAX_GROUP_SAMPLES:
        raise FleetError(f"--samples {samples}: give 0 (point values) to {MAX_GROUP_SAMPLES:,} draws")
    path = check_job_table(jobs)
    cluster = load_cluster(system, registry, grid_basis=grid_basis)
    plan_notes: list[str] = []

    def planner(stats):
        plan, notes = make_plan(cluster, stats, by=by, window_h=window_h, max_node_w=max_node_w)
        plan_notes.extend(notes)
        return plan

    plan, sums = run_engine(engine, path, planner, scheduler=scheduler, client=client)
    if not len(sums):
        raise FleetError(f"{path}: the job table holds no job")
    keys = [k for k in plan.by]
    draws = coefficient_draws(cluster, samples, seed) if samples else None
    tables = {}
    tables["total"], params = evaluate_groups(cluster, sums, [], draws)
    tables["groups"], _ = evaluate_groups(cluster, sums, keys, draws, GROUP_RANGED) if keys else (tables["total"], None)
    for name, key in (("months", "month"), ("states", "state_class"), ("fleets", "fleet")):
        tables[name], _ = evaluate_groups(cluster, sums, [key], draws)
    tables = {k: _label_months(v) for k, v in tables.items()}
    tables["months"] = tables["months"].sort_values("month").reset_index(drop=True)
    order = {s: i for i, s in enumerate(STATE_CLASSES)}
    tables["states"] = tables["states"].sort_values("state_class", key=lambda c: c.map(order)).reset_index(drop=True)
    order = {f: i for i, f in enumerate(cluster.fleets)}
    tables["fleets"] = tables["fleets"].sort_values("fleet", key=lambda c: c.map(order)).reset_index(drop=True)
    if keys:  # largest first; ties in key order (the same order whatever the engine)
        g = tables["groups"].sort_values(keys, kind="stable")
        tables["groups"] = g.sort_values("gwp_kg", ascending=False, kind="stable").reset_index(drop=True)
    total = tables["total"].iloc[0]
    tables["sources"] = _sources(total)
    tables["hourly"] = _hourly(cluster, tables["fleets"])
    tables["whatifs"] = _whatifs(total, plan.window_h)
    _check_finite({k: v for k, v in tables.items()})
    tables["assumptions"] = assumptions_frame(params.values())[ASSUMPTION_COLUMNS]
    notes = list(cluster.notes) + plan_notes + _count_notes(total, plan.window_h)
    return FleetReport(cluster.name, str(path), engine, tuple(keys), samples, seed, plan.window_h, tables, notes)
