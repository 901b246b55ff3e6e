"""The catalogue of published training runs (factors/training_runs.csv) as one row per run."""

from __future__ import annotations

from .registry import FactorRegistry, load_factors

__all__ = ["training_runs"]

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
    unknown: whether the source's own figures reproduce each other), the published quantities with
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
            "consistency": f.keys.get("consistency", ""), "source": f.source,
        })
        rec[COLUMNS.get(f.quantity, f.quantity)] = f.value
    cols = ["run", "model", "organisation", "hardware", "citation_table", "consistency", *COLUMNS.values(), "source"]
    df = pd.DataFrame.from_records(list(runs.values()))
    return df.reindex(columns=[c for c in cols if c in df.columns])
