"""The catalogue of published training runs."""

from __future__ import annotations

import os

import pytest
from helpers import run_cli

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
    r = run_cli("factors", "runs")
    assert r.returncode == 0 and "llama-7b" in r.stdout and "published training runs" in r.stdout


SMALL = {
    "name": "tiny",
    "datacenters": {"dc": {"region": "FR", "pue": 1.5, "grid_kgco2e_per_kwh": 0.5}},
    "fleets": {"f": {"accelerator": "nvidia-a100-sxm4-80gb", "accelerators": 8}},
    "training": [{"name": "pt", "energy_kwh": 1000, "repeats": 3, "parameters": 1e9, "tokens": 1e11},
                 {"name": "no-size", "device_hours": 10, "energy_kwh": 5}],
}


def test_place_training_arithmetic():
    from footprint.catalogue import place_training

    df = place_training(SMALL)
    mine = df[df.source == "this system"]
    assert list(mine.phase) == ["pt"]  # a phase without parameters/tokens is not placed
    r = mine.iloc[0]
    # one run: 1000 kWh IT x PUE 1.5 = 1500 kWh at the meter (the 3 repeats are divided out)
    assert r.energy_kwh == pytest.approx(1000 * 1.5)
    assert r.co2e_kg == pytest.approx(1000 * 1.5 * 0.5)
    assert r.energy_pj_per_parameter_token == pytest.approx(1500 * 3.6e6 / (1e9 * 1e11) * 1e12)  # 54 pJ
    pub = df[df.source == "published"].set_index("run")
    # LLaMA-7B: 36 MWh / (6.7e9 parameters x 1e12 tokens) = 19.3 pJ
    assert pub.loc["llama-7b", "energy_pj_per_parameter_token"] == pytest.approx(36000 * 3.6e6 / 6.7e21 * 1e12)
    assert pub.loc["llama-7b", "size_ratio"] == pytest.approx(6.7)
    assert pub.loc["llama-7b", "similar_size"] and not pub.loc["gpt-3-175b", "similar_size"]  # 175x: not similar
    assert pub.citation.str.len().min() > 0


def test_estimate_cli_places_training(tmp_path):
    r = run_cli("estimate", "examples/llm.toml", cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert r.returncode == 0, r.stderr
    assert "training beside published runs" in r.stdout
    line = next(ln for ln in r.stdout.splitlines() if "pretraining (this system)" in ln)
    assert "6.7e+09" in line and "1e+12" in line
    assert any("llama-7b " in ln and "19.34" in ln for ln in r.stdout.splitlines())


def test_runs_compare_cli(tmp_path):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    r = run_cli("runs", "compare", "examples/llm.toml", cwd=root)
    assert r.returncode == 0, r.stderr
    mine = next(ln for ln in r.stdout.splitlines() if "pretraining (this system)" in ln)
    import footprint

    u = footprint.estimate(os.path.join(root, "examples", "llm.toml")).use_inputs.set_index(["of", "input"]).value
    pue = u[("datacenters.main", "PUE")]
    watts, device_hours = u[("training.pretraining", "power per accelerator")], u[("training.pretraining", "device-hours")]
    kwh = device_hours * watts / 1000 * pue  # the work's device-hours x the power model's watts x PUE
    assert f"{kwh * 3.6e6 / (6.7e9 * 1e12) * 1e12:.4g}" in mine  # pJ per parameter-token
    bare = tmp_path / "bare.toml"
    bare.write_text('name = "b"\n[datacenters.d]\nregion = "FR"\n[fleets.f]\naccelerator = "nvidia-a100-sxm4-80gb"\n'
                    'accelerators = 8\n[[training]]\nname = "t"\ndevice_hours = 10\n')
    r = run_cli("runs", "compare", bare, cwd=tmp_path)
    assert r.returncode == 2 and "no [[training]] phase gives parameters and tokens" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / ".footprint").exists()


def test_placed_range_comes_from_the_phase_summed_draws():
    """A phase's energy range is the percentile of its components' summed draws, not the sum of their percentiles."""
    import numpy as np

    import footprint
    from footprint.catalogue import place_training

    spec = {**SMALL, "training": [{"name": "pt", "parameters": 1e9, "tokens": 1e11}]}
    est = footprint.estimate(spec, samples=4000, seed=2)  # one chunk: exact percentiles
    row = place_training(est).query("source == 'this system'").iloc[0]
    draws = est.kept_draws[("phase", "pt", "energy")]
    assert row.energy_p5_kwh == pytest.approx(np.percentile(draws.astype(float), 5), rel=1e-6)
    assert row.energy_p95_kwh == pytest.approx(np.percentile(draws.astype(float), 95), rel=1e-6)
    rows = est.results.query("stage == 'use' and phase == 'pt' and criterion == 'energy'")
    assert len(rows) == 2  # the accelerators and their host: two uncertain shares
    assert row.energy_p5_kwh > rows.p5.sum() and row.energy_p95_kwh < rows.p95.sum()


def test_the_catalogue_says_whose_power_was_measured():
    from footprint import training_runs

    df = training_runs().set_index("run")
    assert df.loc["t5-11b", "power_basis"] == "measured" and df.loc["palm-540b", "power_basis"] == "measured"
    for run in ("llama-7b", "llama-2-70b", "llama-3.1-405b", "bloom-176b"):  # the TDP taken as the draw
        assert df.loc[run, "power_basis"] == "tdp_assumed", run
    assert set(df.power_basis) <= {"measured", "measured_proxy", "tdp_assumed", "assumed", "none"}
