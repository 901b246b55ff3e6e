"""The catalogue of published training runs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from footprint import training_runs


def test_catalogue_has_cited_runs_with_values():
    df = training_runs()
    assert len(df) >= 25 and df.run.is_unique
    assert df.source.str.len().min() > 0
    llama = df.set_index("run").loc["llama-7b"]
    # Touvron et al. 2023 Table 15: 82,432 GPU-hours x 400 W x PUE 1.1 = 36 MWh; x 0.385 = 14 tCO2e
    assert llama.device_hours_h == 82432 and llama.energy_kwh == 36000 and llama.co2e_kg == 14000
    assert llama.energy_kwh == pytest.approx(82432 * 400 * 1.1 / 1000, rel=0.01)
    assert set(df.consistency) <= {"consistent", "inconsistent", "unknown"}
    assert (df.consistency == "inconsistent").sum() >= 1


def test_consistent_runs_add_up():
    df = training_runs()
    ok = df[(df.consistency == "consistent") & df.energy_kwh.notna() & df.grid_kgco2e_per_kwh.notna() & (df.co2e_kg > 0)]
    assert len(ok) >= 10
    for r in ok.itertuples():
        # sources publish energy at the meter (PUE included) or IT energy (then x PUE)
        pue = r.pue if r.pue == r.pue else 1.0
        candidates = [r.energy_kwh * r.grid_kgco2e_per_kwh, r.energy_kwh * pue * r.grid_kgco2e_per_kwh]
        assert min(abs(c / r.co2e_kg - 1) for c in candidates) < 0.035, r.run


def test_cli_runs():
    r = subprocess.run([sys.executable, "-m", "footprint.cli", "factors", "runs"], capture_output=True, text=True,
                       env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 0 and "llama-7b" in r.stdout and "published training runs" in r.stdout
