"""The footprint of groups of jobs from their sums (:data:`~footprint.fleet.plan.SUMS`), with the model's own
functions, for point values and Monte Carlo draws alike.

A group's footprint is linear in its sums, so it is evaluated once per group (not per job), as a function of the few
uncertain factors of each fleet: for each fleet, IT energy [kWh] = measured kWh + the power model's
(:func:`footprint.model.evaluate.busy_parts` of its GPU-hours; CPU-hours x TDP per core x usage; GB-hours x W/GB, see
:mod:`.cluster`) / 1000; the use stage of that energy at the fleet's data center
(:func:`footprint.model.evaluate.use_rows`: x PUE, x grid intensity, water on site and at the power plants), its
carbon from the hourly-weighted energy (the annual intensity x each job's overlap-weighted ratio); the embodied share
of the node- and accelerator-hours reserved (:func:`footprint.model.evaluate.embodied_rows`: items held = hours /
(lifetime x 8766 x utilisation), every stage). Draws come from :func:`footprint.model.montecarlo.simulate`, one
column per group: the percentiles of a group are those of its own summed draws. Since every quantity is linear in
the sums, the engine draws what one unit of each sum adds (:func:`coefficient_draws`, once per report) and a group's
draws are those times its sums (a matrix product).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


__all__ = ["QUANTITIES", "GROUP_RANGED", "quantities", "coefficient_draws", "evaluate_groups", "MAX_GROUP_SAMPLES"]

#: The quantities of a group: (name, unit, what).
QUANTITIES = (
    ("gwp_kg", "kgCO2e", "carbon, life cycle: use + embodied share"),
    ("gwp_use_kg", "kgCO2e", "carbon of the electricity (hourly intensity where available)"),
    ("gwp_use_annual_kg", "kgCO2e", "carbon of the electricity with the annual intensity only"),
    ("gwp_embodied_kg", "kgCO2e", "embodied share of the hardware reserved (extraction, manufacture, transport, end of life)"),
    ("energy_kwh", "kWh", "energy at the meter (IT energy x PUE)"),
    ("it_kwh", "kWh", "IT energy"),
    ("it_measured_kwh", "kWh", "IT energy measured"),
    ("it_gpu_kwh", "kWh", "IT energy modelled: GPUs and their host share"),
    ("it_cpu_kwh", "kWh", "IT energy modelled: CPUs"),
    ("it_memory_kwh", "kWh", "IT energy modelled: memory"),
    ("water_l", "L", "water consumed: on site, at the power plants, in making the hardware"),
    ("water_embodied_l", "L", "water of making the hardware (share)"),
    ("pe_mj", "MJ", "primary energy"),
    ("adpe_kgsbeq", "kgSbeq", "abiotic depletion"),
    ("fs_saving_kg", "kgCO2e", "Flexible Start: carbon saved had each job started up to N hours later (upper bound)"),
    ("pr_saving_kg", "kgCO2e", "Pause and Resume: carbon saved had each job paused in the N dirtiest hours (upper bound)"),
)

#: The most Monte Carlo draws of a fleet report (one chunk of the engine, every draw kept: exact percentiles).
MAX_GROUP_SAMPLES = 16_384

#: The quantities whose ranges the (possibly long) table of groups gives; the other tables give every range.
GROUP_RANGED = ("gwp_kg", "gwp_use_kg", "gwp_embodied_kg", "energy_kwh", "it_kwh", "water_l")

_USE = {"energy": "energy_kwh", "gwp": "gwp_use_annual_kg", "water": "water_l", "pe": "pe_mj", "adpe": "adpe_kgsbeq"}
_EMB = {"gwp": "gwp_embodied_kg", "water": "water_embodied_l", "pe": "pe_mj", "adpe": "adpe_kgsbeq"}


def _it(info, vv, m, g, c, r) -> dict:
    """IT energy [kWh] of a fleet's inputs: measured, GPUs (the power model), CPUs, memory."""
    from ..model.evaluate import busy_parts

    parts = {"it_measured_kwh": m, "it_gpu_kwh": 0.0, "it_cpu_kwh": 0.0,
             "it_memory_kwh": r * vv(info.memory_power) / 1000.0}
    if info.power is not None:
        parts["it_gpu_kwh"] = sum(busy_parts(info.power, vv, info.name, g).values())
    if info.cpu_tdp is not None:
        parts["it_cpu_kwh"] = c * vv(info.cpu_tdp) * (info.cpu_count / info.cores) * vv(info.cpu_usage) / 1000.0
    return parts


def _gwp(info, vv, it) -> object:
    from ..model.evaluate import use_rows

    return sum(row.value for row in use_rows(info.site, vv, "fleet", info.name, it) if row.criterion == "gwp")


def quantities(cluster, sums: dict, v) -> dict:
    """The :data:`QUANTITIES` of groups from ``sums`` {fleet: {sum: array over the groups}} under the parameter
    source ``v`` (a point source: arrays over the groups; a draw source: draws x groups)."""
    from ..model.evaluate import embodied_rows, use_rows

    n = getattr(v, "n", None)
    vv = (lambda p: (x[:, None] if isinstance(x := v(p), np.ndarray) and x.ndim == 1 else x)) if n else v
    out: dict = {}

    def add(key, x):
        out[key] = out[key] + x if key in out else x

    size = 0
    for name, s in sums.items():
        info = cluster.fleets[name]
        size = len(s["m"])
        parts = _it(info, vv, s["m"], s["g"], s["c"], s["r"])
        it = sum(parts.values())
        for k, x in parts.items():
            add(k, x)
        add("it_kwh", it)
        for row in use_rows(info.site, vv, "fleet", name, it):
            if row.criterion in _USE:
                add(_USE[row.criterion], row.value)
        add("gwp_use_kg", _gwp(info, vv, sum(_it(info, vv, s["mw"], s["gw"], s["cw"], s["rw"]).values())))
        add("fs_saving_kg", _gwp(info, vv, sum(_it(info, vv, s["mfs"], s["gfs"], s["cfs"], s["rfs"]).values())))
        add("pr_saving_kg", _gwp(info, vv, sum(_it(info, vv, s["mpr"], s["gpr"], s["cpr"], s["rpr"]).values())))
        rows, _ = embodied_rows(info.fleet, vv, {"accelerators": s["acc_h"], "nodes": s["node_h"]})
        for row in rows:
            if row.criterion in _EMB:
                add(_EMB[row.criterion], row.value)
            if row.criterion == "water":
                add("water_l", row.value)
    out["gwp_kg"] = out.get("gwp_use_kg", 0.0) + out.get("gwp_embodied_kg", 0.0)
    shape = (n, size) if n else (size,)
    return {k: np.broadcast_to(np.asarray(out.get(k, 0.0), dtype=np.float64), shape) for k, _, _ in QUANTITIES}


def _sums(cluster, df: pd.DataFrame, keys: list[str], index) -> dict:
    """{fleet: {sum: array aligned with ``index``}} of an engine's result rolled up by ``keys``, fleets in the
    spec's order (so that a seed gives the same draws whatever the engine's row order)."""
    from .plan import SUMS

    out = {}
    for fleet in cluster.fleets:
        part = df[df["fleet"] == fleet]
        if not len(part):
            continue
        g = part.groupby(keys, sort=False)[list(SUMS)].sum() if keys else part[list(SUMS)].sum().to_frame().T
        if keys:
            g = g.reindex(index, fill_value=0.0)
        out[fleet] = {s: g[s].to_numpy(dtype=np.float64) for s in SUMS}
    return out


def coefficient_draws(cluster, samples: int, seed=None) -> dict:
    """Monte Carlo draws of what one unit of each sum of each fleet adds to each quantity: {quantity: draws x
    (fleets x sums)} [float32], from :func:`footprint.model.montecarlo.simulate` (one chunk: at most
    :data:`MAX_GROUP_SAMPLES` draws). Every quantity is linear in the sums (the use stage in the energy, the embodied
    share in the hours reserved), so the draws of any group are these draws times its sums."""
    from ..model.montecarlo import simulate
    from .plan import SUMS

    n_sums = len(SUMS)
    fleets = list(cluster.fleets)
    eye = np.eye(len(fleets) * n_sums)
    unit = {f: {s: eye[i * n_sums + j] for j, s in enumerate(SUMS)} for i, f in enumerate(fleets)}
    _, drawn = simulate(lambda source: quantities(cluster, unit, source), min(samples, MAX_GROUP_SAMPLES), seed,
                        keep=lambda key: True)
    return drawn


def _matrix(cluster, sums: dict, size: int) -> np.ndarray:
    """The sums of a roll-up as a (fleets x sums, groups) matrix, in the order of :func:`coefficient_draws`."""
    from .plan import SUMS

    x = np.zeros((len(cluster.fleets) * len(SUMS), size))
    for i, f in enumerate(cluster.fleets):
        for j, s in enumerate(SUMS):
            if f in sums:
                x[i * len(SUMS) + j] = sums[f][s]
    return x


def evaluate_groups(cluster, df: pd.DataFrame, keys: list[str], draws: dict | None = None, ranged=None):
    """One row per group of ``keys`` (none: the total): its counts and sums, the point value of each quantity, and
    with ``draws`` (:func:`coefficient_draws`) the p5, p50 and p95 of the quantities in ``ranged`` (default all).
    Returns (table, the parameters used)."""
    from ..uncertainty import PointSource
    from .plan import SUMS

    if keys:
        index = df.groupby(keys, sort=False).size().index
        table = df.groupby(keys, sort=False)[list(SUMS)].sum().reindex(index).reset_index()
    else:
        index = pd.RangeIndex(1)
        table = df[list(SUMS)].sum().to_frame().T.reset_index(drop=True)
    sums = _sums(cluster, df, keys, index)
    src = PointSource()
    point = quantities(cluster, sums, src)
    for k, _, _ in QUANTITIES:
        table[k] = point[k]
    if draws and len(table):
        x = _matrix(cluster, sums, len(table))
        step = max(1, int(5e7 // (len(next(iter(draws.values()))) * 4)))
        for k in ranged or [q for q, _, _ in QUANTITIES]:
            ct = np.asarray(draws[k], dtype=np.float64).T
            out = np.empty((3, len(table)))
            for a in range(0, len(table), step):  # groups x draws, contiguous per group: a fast partition
                g = (x[:, a:a + step].T @ ct).astype(np.float32)
                out[:, a:a + step] = np.percentile(g, (5, 50, 95), axis=1)
            for i, p in enumerate(("p5", "p50", "p95")):
                table[f"{k}_{p}"] = out[i]
    return table, src.params
