"""Kepler (Kubernetes) energy counters -> one row of the job table per pod.

Two inputs (scripts/factor_builders/fleet/kepler_format.md):

- a CSV flattening of a Prometheus range query, one row per (timestamp, series):
  ``timestamp,metric,<labels...>,value`` (timestamp in Unix seconds, value the raw counter in joules);
- the Prometheus text exposition of a scrape (``name{labels} value [timestamp_ms]``).

Rules:

- counters, not gauges: a pod's energy over the window is the sum of each series' increases, a drop being a
  counter reset (a Kepler restart) after which the new value counts from 0; a series sampled once (a scrape
  without time) gives its value, the energy since the counter began, and no run time;
- Kepler 0.10+ ``kepler_pod_{cpu,gpu}_joules_total`` (labels ``pod_id``, ``pod_name``, ``pod_namespace``,
  ``zone``, ``state``): the ``package`` and ``dram`` zones (zones overlap: ``core`` and ``uncore`` are inside
  ``package``; ``psys`` only when there is no ``package``);
- Kepler 0.7-0.9 ``kepler_container_{package,dram,gpu}_joules_total`` (labels ``pod_name``,
  ``container_namespace``, ``mode`` dynamic / idle) summed over a pod's containers, used only for pods without
  pod-level series;
- ``running`` and ``terminated`` series of one pod are different series: each adds its own increase;
- Kepler gives workloads their *active* energy only (idle energy stays with the node): the energy is the pod's own
  (scope ``job``), and the report says so.

A pod becomes a job: ``job_id`` the pod uid (else namespace/name), ``account`` its namespace, ``partition`` the
``--partition`` given on import (a Kubernetes cluster has none), ``state`` ``COMPLETED`` for a pod last seen
terminated, ``ACTIVE`` for one still running at the end of the window (counted, not skipped: the window's energy is
real), start / end its first and last sample.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .convert import to_batch
from .errors import JobFileError
from .stats import ImportStats

__all__ = ["read_kepler", "looks_like_kepler", "parse_exposition"]

_LINE = re.compile(r"^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+(-?\d+))?\s*$")
_LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')
_POD = re.compile(r"^kepler_pod_(cpu|gpu)_joules_total$")
_LEGACY = re.compile(r"^kepler_container_(package|dram|gpu)_joules_total$")
_CPU_ZONES = ("package", "dram")


def looks_like_kepler(first_line: str) -> bool:
    """Whether a file's first line starts a Kepler CSV export or a Prometheus exposition."""
    s = first_line.strip()
    return s.startswith(("# HELP", "# TYPE", "kepler_")) or (s.startswith("timestamp,") and ",metric," in s + ",")


def parse_exposition(path) -> pd.DataFrame:
    """Long frame of a text exposition: metric, labels as columns, value, timestamp [s] (NaN without one)."""
    recs = []
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        for no, line in enumerate(fh, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = _LINE.match(line)
            if m is None:
                raise JobFileError(path, f"line {no} is not a Prometheus sample (name{{labels}} value)", [no], 1)
            try:
                value = float(m.group(3))
            except ValueError:
                raise JobFileError(path, f"line {no}: {m.group(3)!r} is not a number", [no], 1) from None
            rec = dict(_LABEL.findall(m.group(2) or ""))
            rec.update(metric=m.group(1), value=value,
                       timestamp=float(m.group(4)) / 1000.0 if m.group(4) else np.nan)
            recs.append(rec)
    return pd.DataFrame.from_records(recs)


def _read_csv(path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not {"timestamp", "metric", "value"} <= set(df.columns):
        raise JobFileError(path, "a Kepler CSV export needs the columns timestamp, metric, value and the series' labels")
    for col in ("timestamp", "value"):
        v = pd.to_numeric(df[col], errors="coerce")
        bad = np.flatnonzero(v.isna().to_numpy() | ~np.isfinite(v.fillna(0).to_numpy()))
        if len(bad):
            lines = (bad + 2).tolist()
            raise JobFileError(path, f"{len(bad)} line(s) whose {col} is not a number (first: "
                                     f"{', '.join(map(str, lines[:10]))})", lines[:10], len(bad))
        df[col] = v.astype("float64")
    return df


def _increase(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per series: its increase over the window (resets handled), first and last time, last state."""
    df = df.sort_values(keys + ["timestamp"], kind="stable")
    grp = df.groupby(keys, sort=False, dropna=False)
    delta = grp["value"].diff()
    step = np.where(delta.isna(), 0.0, np.where(delta >= 0, delta, df["value"]))
    df = df.assign(step=step)
    single = grp["value"].transform("size") == 1
    timeless = df["timestamp"].isna()
    df.loc[single & timeless, "step"] = df.loc[single & timeless, "value"]
    return df


def read_kepler(path, stats: ImportStats, partition: str = "kubernetes") -> list:
    """One record batch of pods (see the module docstring); counts go to ``stats``."""
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        first = fh.readline()
    df = _read_csv(path) if first.startswith("timestamp,") else parse_exposition(path)
    stats.lines = len(df)
    if not len(df):
        raise JobFileError(path, "no Kepler sample in the file")
    for col in ("pod_id", "pod_name", "pod_namespace", "container_namespace", "zone", "state", "mode", "node_name",
                "instance", "source"):
        if col not in df:
            df[col] = ""
        df[col] = df[col].fillna("").astype(str)
    pod = df["metric"].str.match(_POD.pattern).to_numpy()
    legacy = df["metric"].str.match(_LEGACY.pattern).to_numpy()
    kind = np.where(pod, df["metric"].str.extract(_POD.pattern)[0], df["metric"].str.extract(_LEGACY.pattern)[0])
    df = df.assign(kind=kind)
    df["namespace"] = np.where(df["pod_namespace"] != "", df["pod_namespace"], df["container_namespace"])
    df["pod"] = np.where(df["pod_id"] != "", df["pod_id"], df["namespace"] + "/" + df["pod_name"])
    zone = df["zone"].where(df["kind"] == "cpu", "")
    has_package = df.assign(pk=zone == "package").groupby("pod")["pk"].transform("any").to_numpy()
    use_zone = ((df["kind"] != "cpu") | zone.isin(_CPU_ZONES) | ((zone == "psys") & ~has_package)).to_numpy()
    df = df[(pod & use_zone) | legacy].copy()
    if not len(df):
        raise JobFileError(path, "no pod energy counter (kepler_pod_cpu_joules_total, kepler_pod_gpu_joules_total, "
                                 "or the 0.7 kepler_container_{package,dram,gpu}_joules_total)")
    df["level"] = np.where(df["metric"].str.startswith("kepler_pod_"), "pod", "container")
    has_pod = df.groupby("pod")["level"].transform(lambda s: (s == "pod").any())
    df = df[(df["level"] == "pod") | ~has_pod]
    keys = [c for c in df.columns if c not in ("timestamp", "value", "kind", "namespace", "pod", "level")]
    df = _increase(df, keys)
    g = df.groupby("pod", sort=True)
    t0, t1 = g["timestamp"].min(), g["timestamp"].max()
    last = df.sort_values("timestamp").groupby("pod")["state"].last()
    energy = g["step"].sum()
    parts = g["kind"].agg(lambda s: "+".join(sorted(set(s))))
    src = g["source"].agg(lambda s: ",".join(sorted(set(s) - {""})))
    nodes = g.apply(lambda x: ",".join(sorted(set(x["node_name"].replace("", np.nan).dropna())
                                              | set(x["instance"].replace("", np.nan).dropna()))),
                    include_groups=False)
    idx = energy.index
    start = pd.to_datetime(t0, unit="s", utc=True)
    end = pd.to_datetime(t1, unit="s", utc=True)
    elapsed = np.nan_to_num((t1 - t0).to_numpy(), nan=0.0).astype("int64")
    if g["timestamp"].count().eq(0).any():
        stats.note("a scrape without timestamps gives each pod's energy since its counter began, but no run time: "
                   "no hourly intensity and no embodied share for those pods (export a range query as CSV)")
    n_nodes = nodes.map(lambda s: len(s.split(",")) if s else 1).to_numpy()
    state = np.where(last.reindex(idx).to_numpy() == "running", "ACTIVE", "COMPLETED")
    namespace = g["namespace"].first()
    cols = {
        "job_id": pd.Series(idx, dtype="object"), "account": namespace.replace("", None).reset_index(drop=True),
        "partition": pd.Series([partition] * len(idx), dtype="object"), "state": state,
        "start": start.reset_index(drop=True), "end": end.reset_index(drop=True), "elapsed_s": elapsed,
        "nodes": n_nodes.astype("int32"), "node_list": nodes.replace("", None).reset_index(drop=True),
        "cpus": np.zeros(len(idx), dtype="int32"), "gpus": np.zeros(len(idx), dtype="int32"),
        "energy_j": energy.to_numpy(dtype="float64"),
        "energy_source": ("kepler " + parts + np.where(src != "", " (" + src + ")", "") +
                          " active energy").reset_index(drop=True),
        "energy_scope": np.full(len(idx), "job", dtype=object),
    }
    stats.jobs = len(idx)
    stats.note("Kepler attributes only active energy to pods (idle energy stays with the node)")
    return [to_batch(cols)]
