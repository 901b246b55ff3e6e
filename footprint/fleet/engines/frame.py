"""The per-job rules of :mod:`footprint.fleet.plan` on a pandas DataFrame: what the pandas engine applies to each
batch of the job table and the Dask engine to each partition."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..plan import PartitionStats, Plan, SUMS
from ..schema import CANCELLED_STATES, FAILED_STATES

__all__ = ["partition_stats", "job_sums", "result_meta"]


def _epoch_s(ts: pd.Series) -> np.ndarray:
    """Seconds since 1970 of a timestamp column (NaN where null), whatever its resolution."""
    if not str(ts.dtype).startswith("datetime64"):
        ts = pd.to_datetime(ts, utc=True)
    if getattr(ts.dt, "tz", None) is None:
        ts = ts.dt.tz_localize("UTC")
    ns = ts.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
    vals = ns.to_numpy(dtype="datetime64[ns]").astype("int64").astype("float64") / 1e9
    return np.where(ns.isna().to_numpy(), np.nan, vals)


def partition_stats(df: pd.DataFrame) -> PartitionStats:
    """The first pass over a batch (:class:`~footprint.fleet.plan.PartitionStats`)."""
    st = PartitionStats()
    part = df["partition"].astype(str)
    nodes = np.maximum(df["nodes"].to_numpy(dtype="int64"), 1)
    cpn = np.ceil(df["cpus"].to_numpy(dtype="float64") / nodes)
    g = pd.DataFrame({"p": part.to_numpy(), "cpn": cpn}).groupby("p", sort=False)["cpn"]
    st.jobs = g.size().astype(int).to_dict()
    st.max_cpn = g.max().astype(int).to_dict()
    start = _epoch_s(df["start"])
    end = start + df["elapsed_s"].to_numpy(dtype="float64")
    if np.isfinite(start).any():
        st.t_min, st.t_max = float(np.nanmin(start)), float(np.nanmax(end))
    gpu = df["gpus"].to_numpy() > 0
    if gpu.any():
        types = df["gpu_type"].astype("object").where(df["gpu_type"].notna(), "")
        t = pd.DataFrame({"p": part[gpu].to_numpy(), "t": types[gpu].to_numpy()})
        st.gpu_types = {(a, b): int(n) for (a, b), n in t.groupby(["p", "t"]).size().items()}
    return st


def _text(s: pd.Series) -> np.ndarray:
    """An object array of the strings of ``s``, "" where null (pandas, pyarrow and Dask string columns alike)."""
    return s.astype("object").where(s.notna(), "").astype(str).to_numpy(dtype=object)


def _state_class(state: pd.Series) -> np.ndarray:
    s = _text(state)
    return np.select([s == "COMPLETED", np.isin(s, list(FAILED_STATES)), np.isin(s, list(CANCELLED_STATES))],
                     ["completed", "failed", "cancelled"], "other")


def _month(df: pd.DataFrame) -> np.ndarray:
    """yyyymm of the start (else the submission) [UTC]; 0 when neither is known."""
    out = np.zeros(len(df), dtype=np.int64)
    for col in ("submit", "start"):  # start last: it wins
        if col not in df:
            continue
        ts = df[col]
        if not str(ts.dtype).startswith("datetime64"):
            ts = pd.to_datetime(ts, utc=True)
        ok = ts.notna().to_numpy()
        ym = (ts.dt.year * 100 + ts.dt.month).to_numpy(dtype="float64")
        out = np.where(ok, np.nan_to_num(ym).astype(np.int64), out)
    return out


def job_sums(df: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """The sums of :data:`~footprint.fleet.plan.SUMS` per group of ``plan.keys`` of a batch of jobs (keys as
    columns)."""
    p = pd.Categorical(df["partition"].astype(str), categories=list(plan.partitions)).codes.astype(np.int64)
    if (p < 0).any():
        raise ValueError("a partition is missing from the plan")  # the first pass makes this impossible
    has_gpus, per_node = plan.has_gpus[p], plan.per_node[p]
    node_cpus, limit, zone = plan.node_cpus[p].astype("float64"), plan.limit_w[p], plan.zone_idx[p]
    elapsed = df["elapsed_s"].to_numpy(dtype="float64")
    h = elapsed / 3600.0
    n = np.maximum(df["nodes"].to_numpy(dtype="float64"), 1.0)
    cpus = df["cpus"].to_numpy(dtype="float64")
    mem_gb = np.nan_to_num(pd.to_numeric(df["mem_mb"], errors="coerce").to_numpy(dtype="float64"), nan=0.0) / 1024.0
    raw_gpus = df["gpus"].to_numpy(dtype="float64")
    gpus = np.where(has_gpus, raw_gpus, 0.0)
    whole = (cpus >= n * node_cpus) | ((per_node > 0) & (gpus >= n * per_node))
    ex = df["exclusive"]
    known = ex.notna().to_numpy()
    excl = np.where(known, ex.astype("object").where(ex.notna(), False).astype(bool).to_numpy(), whole)
    gpu_share = np.where(per_node > 0, gpus / (n * np.maximum(per_node, 1)), 0.0)
    share = np.where(excl, 1.0, np.minimum(1.0, np.maximum(cpus / (n * node_cpus), gpu_share)))
    energy = pd.to_numeric(df["energy_j"], errors="coerce").to_numpy(dtype="float64")
    has_e = np.nan_to_num(energy, nan=0.0) > 0
    scope = _text(df["energy_scope"])
    own = has_e & ((scope == "job") | excl)
    plausible = (elapsed <= 0) | (np.nan_to_num(energy) / np.where(elapsed > 0, elapsed * n, 1.0) <= limit)
    measured = own & plausible
    m = np.where(measured, np.nan_to_num(energy) / 3.6e6, 0.0)
    g = np.where(measured, 0.0, gpus * h)
    cpu_only = ~measured & (gpus == 0)
    c = np.where(cpu_only, cpus * h, 0.0)
    r = np.where(cpu_only, mem_gb * h, 0.0)
    node_h = n * h * share
    out = {"jobs": np.ones(len(df)), "measured_jobs": measured * 1.0, "implausible_jobs": (own & ~plausible) * 1.0,
           "shared_energy_jobs": (has_e & ~own) * 1.0, "gpu_ignored_jobs": ((raw_gpus > 0) & ~has_gpus) * 1.0,
           "no_allocation_jobs": ((cpus <= 0) & (gpus <= 0) & (h > 0)) * 1.0,
           "elapsed_h": h, "gpu_h": gpus * h, "cpu_h": cpus * h, "node_h": node_h, "acc_h": node_h * per_node,
           "m": m, "g": g, "c": c, "r": r}
    start = _epoch_s(df["start"])
    hourly = (zone >= 0) & np.isfinite(start) & (plan.series is not None)
    out["hourly_jobs"] = hourly * 1.0
    if plan.series is not None and hourly.any():
        z = np.where(hourly, zone, -1)
        s_h = np.where(hourly, (np.nan_to_num(start) - plan.t0_h * 3600.0) / 3600.0, 0.0)
        ratio = plan.series.ratio(z, s_h, h)
        fs, pr = plan.series.whatif(z, s_h, h, plan.window_h)
    else:
        ratio, fs, pr = np.ones(len(df)), np.zeros(len(df)), np.zeros(len(df))
    for k, v in (("m", m), ("g", g), ("c", c), ("r", r)):
        out[f"{k}w"], out[f"{k}fs"], out[f"{k}pr"] = v * ratio, v * fs, v * pr
    keys = {}
    for k in plan.keys:
        if k == "month":
            keys[k] = _month(df)
        elif k == "fleet":
            keys[k] = np.asarray(plan.fleets, dtype=object)[plan.fleet_idx[p]]
        elif k == "state_class":
            keys[k] = _state_class(df["state"])
        else:
            keys[k] = _text(df[k])
    frame = pd.DataFrame({**keys, **{s: out[s] for s in SUMS}})
    return frame.groupby(list(plan.keys), sort=False, observed=True).sum().reset_index()


def result_meta(plan: Plan) -> pd.DataFrame:
    """An empty frame with the columns and dtypes of :func:`job_sums` (Dask's ``meta``)."""
    cols = {k: pd.Series(dtype="int64" if k == "month" else "object") for k in plan.keys}
    cols.update({s: pd.Series(dtype="float64") for s in SUMS})
    return pd.DataFrame(cols)

