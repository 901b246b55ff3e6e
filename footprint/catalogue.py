"""The catalogue of published training runs (factors/training_runs.csv) as one row per run."""

from __future__ import annotations

from .registry import FactorRegistry, load_factors

__all__ = ["training_runs", "place_training"]

#: Joules per kilowatt-hour [J/kWh].
J_PER_KWH = 3.6e6

#: A published run is "of a similar size" when its parameter count is within this factor of the system's.
SIMILAR_SIZE_FACTOR = 10.0

#: Column names (unit-suffixed) of the catalogue's quantities.
COLUMNS = {
    "parameters": "parameters", "tokens": "tokens", "n_devices": "n_devices", "device_hours": "device_hours_h",
    "train_time": "train_time_h", "avg_power": "avg_power_w", "pue": "pue", "grid_intensity": "grid_kgco2e_per_kwh",
    "energy": "energy_kwh", "co2e": "co2e_kg", "co2e_lifecycle": "co2e_lifecycle_kg", "wue_offsite": "wue_offsite_l_per_kwh",
    "water": "water_l",
}


def training_runs(registry: FactorRegistry | None = None):
    """Published training runs, one row per run [pandas DataFrame].

    Columns: run, model, organisation, hardware, citation_table, consistency (consistent / inconsistent /
    unknown: whether the source's own figures reproduce each other), power_basis (measured / measured_proxy /
    tdp_assumed / assumed / none: whether the published power is a measurement; a TDP taken as the draw is not ground
    truth for power), the published quantities with
    their units in the names (``energy_kwh``, ``co2e_kg``, ``device_hours_h`` ...), and ``source``.
    A quantity the source does not publish is NaN.
    """
    import pandas as pd

    reg = registry or load_factors()
    runs: dict[str, dict] = {}
    for f in reg.rows("training_runs"):
        rec = runs.setdefault(f.keys["run"], {
            "run": f.keys["run"], "model": f.keys.get("model", ""), "organisation": f.keys.get("organisation", ""),
            "hardware": f.keys.get("hardware", ""), "citation_table": f.keys.get("citation_table", ""),
            "consistency": f.keys.get("consistency", ""), "power_basis": f.keys.get("power_basis", ""),
            "source": f.source,
        })
        rec[COLUMNS.get(f.quantity, f.quantity)] = f.value
    cols = ["run", "model", "organisation", "hardware", "citation_table", "consistency", "power_basis", *COLUMNS.values(),
            "source"]
    df = pd.DataFrame.from_records(list(runs.values()))
    return df.reindex(columns=[c for c in cols if c in df.columns])


def energy_pj_per_parameter_token(energy_kwh, parameters, tokens):
    """Training energy per parameter and token [pJ].

    ``energy_kwh x 3.6e6 J/kWh / (parameters x tokens) x 1e12 pJ/J``. Training compute is close to
    6 FLOP per parameter and token (Kaplan et al. 2020, "Scaling laws for neural language models",
    sec. 2.1), so this normalises a run's energy by its size and puts models of different sizes on one
    scale: the lower, the more FLOP per joule the run got out of its hardware and data center.
    """
    return energy_kwh * J_PER_KWH / (parameters * tokens) * 1e12


def place_training(est_or_spec, registry: FactorRegistry | None = None):
    """The system's training phases beside the published runs of the catalogue [pandas DataFrame].

    One row per training phase of the system that gives ``parameters`` and ``tokens``
    (``source == "this system"``), then one row per published run with an energy or a CO2e figure
    (``source == "published"``). Columns:

    source, run, phase, model, hardware, parameters, tokens,
    energy_kwh [kWh at the meter, PUE included, one run: a phase with ``repeats`` is divided by them;
    for published runs the scope the source gives], energy_p5_kwh, energy_p95_kwh (the 5th and 95th percentiles of
    the phase's summed draws),
    co2e_kg [kgCO2e, use stage only], co2e_p5_kg, co2e_p95_kg,
    energy_pj_per_parameter_token [pJ] (:func:`energy_pj_per_parameter_token`),
    size_ratio [published parameters / the system's largest phase's parameters],
    similar_size [parameters within a factor of :data:`SIMILAR_SIZE_FACTOR`], consistency, citation.

    Parameters
    ----------
    est_or_spec : Estimate, or a system spec (SystemSpec, dict, TOML path), which is then estimated
        (point estimate).
    """
    import numpy as np
    import pandas as pd

    from .lifecycle import estimate
    from .model import Estimate

    reg = registry or load_factors()
    est = est_or_spec if isinstance(est_or_spec, Estimate) else estimate(est_or_spec, registry=reg)
    if est.spec is None:
        raise ValueError("this Estimate does not carry its spec; pass the spec instead")
    by_phase = est.by_phase.set_index(["phase", "criterion"])
    recs = []
    for ph in est.spec.training:
        if ph.parameters is None or ph.tokens is None:
            continue
        # the phase's sums and their percentiles from the phase's own summed draws, per run (/ repeats)
        e = by_phase.loc[(ph.name, "energy"), ["value", "p5", "p95"]] / ph.repeats
        g = by_phase.loc[(ph.name, "gwp"), ["value", "p5", "p95"]] / ph.repeats
        fl = est.spec.fleets[est.spec.fleet_of(ph)]
        recs.append(dict(source="this system", run=est.name, phase=ph.name, model=est.name,
                         hardware=fl.accelerator or fl.node or "", parameters=ph.parameters, tokens=ph.tokens,
                         energy_kwh=e["value"], energy_p5_kwh=e["p5"], energy_p95_kwh=e["p95"],
                         co2e_kg=g["value"], co2e_p5_kg=g["p5"], co2e_p95_kg=g["p95"],
                         consistency="", citation="system spec"))
    runs = training_runs(reg)
    runs = runs[runs.energy_kwh.notna() | runs.co2e_kg.notna()]
    for r in runs.itertuples():
        recs.append(dict(source="published", run=r.run, phase="", model=r.model, hardware=r.hardware,
                         parameters=r.parameters, tokens=r.tokens, energy_kwh=r.energy_kwh,
                         energy_p5_kwh=np.nan, energy_p95_kwh=np.nan, co2e_kg=r.co2e_kg,
                         co2e_p5_kg=np.nan, co2e_p95_kg=np.nan, consistency=r.consistency,
                         citation=f"{r.source} ({r.citation_table})" if r.citation_table else r.source))
    df = pd.DataFrame.from_records(recs)
    df["energy_pj_per_parameter_token"] = energy_pj_per_parameter_token(df.energy_kwh, df.parameters, df.tokens)
    mine = df.loc[df.source == "this system", "parameters"]
    ref = float(mine.max()) if len(mine) else np.nan
    df["size_ratio"] = df.parameters / ref
    df["similar_size"] = (df.size_ratio >= 1 / SIMILAR_SIZE_FACTOR) & (df.size_ratio <= SIMILAR_SIZE_FACTOR)
    cols = ["source", "run", "phase", "model", "hardware", "parameters", "tokens", "energy_kwh", "energy_p5_kwh",
            "energy_p95_kwh", "co2e_kg", "co2e_p5_kg", "co2e_p95_kg", "energy_pj_per_parameter_token",
            "size_ratio", "similar_size", "consistency", "citation"]
    return df[cols]
