"""A measured run in the life cycle: `run = "ID"` in a training phase, measured_runs(), runs show --system."""

from __future__ import annotations


import pytest
from helpers import run_cli

import footprint
from footprint.errors import SpecError
from footprint.tracker.ledger import Ledger
from footprint.lifecycle import measured_runs, run_estimate, spec_with_run

# a run of 2 h measured on the machine: 1 kWh cpu, 10 kWh gpu, 0.5 kWh ram
RUN = {"id": "5eed00000001", "name": "finetune", "status": "finished", "kind": "run", "started": 1_750_000_000.0,
       "ended": 1_750_007_200.0, "last_checkpoint": 1_750_007_200.0, "duration_s": 7200.0, "interval_s": 10.0,
       "cpu_kwh": 1.0, "gpu_kwh": 10.0, "ram_kwh": 0.5, "cpu_method": "RAPL", "gpu_method": "energy counter",
       "ram_method": "constant", "exit_status": 0, "region": "FR"}
E_IT = 11.5


@pytest.fixture()
def ledger(tmp_path, monkeypatch):
    path = tmp_path / "ledger.db"
    monkeypatch.setenv("FOOTPRINT_LEDGER", str(path))
    led = Ledger(path)
    led.write(RUN, [])
    led.write({**RUN, "id": "1ost00000002", "status": "running", "host": "elsewhere", "ended": None,
               "last_checkpoint": 1_750_000_600.0}, [])
    return led


def spec(**training):
    return {
        "name": "lab",
        "datacenters": {"dc": {"region": "FR", "pue": 1.25, "wue_l_per_kwh": 0.5, "grid_kgco2e_per_kwh": 0.4,
                               "electricity_water_l_per_kwh": 2.0}},
        "fleets": {"node": {"accelerator": "nvidia-a100-sxm4-80gb", "accelerators": 8}},
        "training": [{"name": "finetune", **training}],
    }


def use(est, criterion):
    r = est.results
    return float(r[(r.stage == "use") & (r.criterion == criterion)].value.sum())


def test_spec_run_field_validation():
    ok = footprint.parse_spec(spec(run="5eed00000001"))
    assert ok.training[0].run == "5eed00000001" and ok.training[0].hours is None
    with pytest.raises(SpecError, match=r"run = '5eed' gives the measured energy: remove accelerator_power_w"):
        footprint.parse_spec(spec(run="5eed", accelerator_power_w=300))
    with pytest.raises(SpecError, match="remove energy_kwh"):
        footprint.parse_spec(spec(run="5eed", energy_kwh=3))
    with pytest.raises(SpecError, match="give device_hours"):
        footprint.parse_spec(spec())  # without run, time is still required


def test_estimate_uses_the_measured_energy(ledger):
    est = footprint.estimate(spec(run="5eed00000001"))
    assert use(est, "energy") == pytest.approx(E_IT * 1.25)
    assert use(est, "gwp") == pytest.approx(E_IT * 1.25 * 0.4)
    assert use(est, "water") == pytest.approx(E_IT * 0.5 + E_IT * 1.25 * 2.0)
    # device-hours derived from the measured duration x 8 accelerators: the same embodied share as 16 h given
    given = footprint.estimate(spec(device_hours=2.0 * 8, energy_kwh=E_IT))
    emb = lambda e: e.results[e.results.stage != "use"].groupby("criterion").value.sum()
    assert emb(est).to_dict() == pytest.approx(emb(given).to_dict())
    assert emb(est)["gwp"] > 0
    # explicit time still wins for the embodied share; repeats multiply the energy
    est2 = footprint.estimate(spec(run="5eed", hours=4.0, repeats=2))
    assert use(est2, "energy") == pytest.approx(2 * E_IT * 1.25)
    ids = set(est.assumptions.factor_id)
    assert "training.finetune.run[5eed00000001].energy_kwh" in ids
    a = est.assumptions.set_index("factor_id").loc["training.finetune.run[5eed00000001].energy_kwh"]
    assert a.fallback_level == "measured" and a.value == pytest.approx(E_IT)
    assert a.source.startswith("measured run 5eed00000001 (finished; ledger ") and str(ledger.path) in a.source


def test_unknown_run_names_id_and_ledger(ledger):
    with pytest.raises(SpecError) as ei:
        footprint.estimate(spec(run="deadbeef"))
    msg = str(ei.value)
    assert "training.finetune.run" in msg and "'deadbeef'" in msg and str(ledger.path) in msg


def test_a_run_without_gpu_on_a_gpu_fleet_is_noted(ledger):
    ledger.write({**RUN, "id": "c0de00000003", "gpu_kwh": 0.0, "gpu_method": "none"}, [])
    est = footprint.estimate(spec(run="c0de00000003"))
    assert any("measured no GPU" in n and "nvidia-a100-sxm4-80gb" in n for n in est.notes)
    assert not any("measured no GPU" in n for n in footprint.estimate(spec(run="5eed00000001")).notes)


def test_unfinished_run_is_used_with_a_note(ledger):
    est = footprint.estimate(spec(run="1ost"))
    assert any("lost" in n and "last checkpoint" in n for n in est.notes)


def test_measured_runs_dataframe(ledger):
    df = measured_runs(spec(run="5eed"))
    assert list(df.columns) == ["phase", "run_id", "name", "status", "started", "ended", "component", "energy_kwh", "method"]
    assert list(df.component) == ["cpu", "gpu", "ram"] and set(df.phase) == {"finetune"}
    assert dict(zip(df.component, df.energy_kwh)) == {"cpu": 1.0, "gpu": 10.0, "ram": 0.5}
    assert dict(zip(df.component, df.method)) == {"cpu": "RAPL", "gpu": "energy counter", "ram": "constant"}
    assert df.started.iloc[0] == "2025-06-15T15:06:40Z" and df.run_id.iloc[0] == "5eed00000001"
    assert measured_runs(spec(device_hours=1)).empty


def test_run_estimate_builds_a_one_run_system(ledger):
    full = {**spec(device_hours=100, accelerator_power_w=300),
            "inference": [{"name": "serve", "requests": 1e6, "energy_wh_per_request": 1, "days": 30}]}
    one = spec_with_run(full, "5eed", phase="finetune")
    assert [p.name for p in one.training] == ["finetune"] and not one.inference
    assert one.training[0].run == "5eed00000001" and one.training[0].device_hours is None
    est = run_estimate("5eed", full, phase="finetune")
    assert use(est, "energy") == pytest.approx(E_IT * 1.25)
    assert len(est.materials) > 0
    # one fleet, no phase with the run: a phase is made for it
    est2 = run_estimate("5eed", spec(device_hours=5))
    assert use(est2, "gwp") == pytest.approx(E_IT * 1.25 * 0.4)


def test_runs_show_with_system(ledger, tmp_path):
    p = tmp_path / "lab.toml"
    p.write_text(
        'name = "lab"\n[datacenters.dc]\nregion = "FR"\npue = 1.25\ngrid_kgco2e_per_kwh = 0.4\n'
        '[fleets.node]\naccelerator = "nvidia-a100-sxm4-80gb"\naccelerators = 8\n'
        '[[training]]\nname = "finetune"\nrun = "5eed00000001"\n')
    r = run_cli("runs", "show", "5eed", "--system", p)
    assert r.returncode == 0, r.stderr
    for word in ("operational", "embodied", "water", "materials", "manufacture"):
        assert word in r.stdout
    assert f"{E_IT * 1.25 * 0.4 * 1000:.4g} gCO2e" in r.stdout or f"{E_IT * 1.25 * 0.4:.4g} kgCO2e" in r.stdout


def test_ledger_option_reaches_every_monte_carlo_chunk(tmp_path, monkeypatch):
    """`--ledger PATH` (no FOOTPRINT_LEDGER): the run is read once, before the estimate, and its energy is in the
    point estimate and in every Monte Carlo chunk; `footprint report --ledger` too."""
    import json

    monkeypatch.delenv("FOOTPRINT_LEDGER", raising=False)
    path = tmp_path / "elsewhere.db"
    Ledger(path).write(RUN, [])
    toml = tmp_path / "lab.toml"
    toml.write_text('name = "lab"\n[datacenters.dc]\nregion = "FR"\npue = 1.25\ngrid_kgco2e_per_kwh = 0.4\n'
                    '[fleets.node]\naccelerator = "nvidia-a100-sxm4-80gb"\naccelerators = 8\n'
                    '[[training]]\nname = "finetune"\nrun = "5eed00000001"\n')
    r = run_cli("estimate", toml, "--samples", "40000", "--seed", "1", "--json", "--ledger", path, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = [x for x in json.loads(r.stdout)["results"] if x["stage"] == "use" and x["criterion"] == "energy"]
    assert sum(x["value"] for x in rows) == pytest.approx(E_IT * 1.25)
    assert sum(x["p5"] for x in rows) == pytest.approx(E_IT * 1.25) == sum(x["p95"] for x in rows)  # measured, PUE given
    r = run_cli("report", toml, "--samples", "500", "--no-sensitivity", "--format", "md", "--ledger", path, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "5eed00000001" in r.stdout and "energy counter" in r.stdout
    r = run_cli("estimate", toml, cwd=tmp_path)
    assert r.returncode == 2 and "5eed00000001" in r.stderr  # without --ledger: ./.footprint/ledger.db has no such run
    assert not (tmp_path / ".footprint").exists()


def test_runs_are_read_once_before_the_estimate(ledger, monkeypatch):
    """The ledger is read once per run a spec names, however many Monte Carlo chunks there are; the model gets the
    energy as data, so a run still running cannot give different energies to different chunks."""
    import footprint.model.montecarlo as mc
    from footprint.tracker.ledger import Ledger

    calls = []
    real = Ledger.get
    monkeypatch.setattr(Ledger, "get", lambda self, *a, **k: calls.append(a) or real(self, *a, **k))
    monkeypatch.setattr(mc, "CHUNK", 4096)
    est = footprint.estimate({**spec(run="1ost"), "training": [{"name": "a", "run": "1ost"}, {"name": "b", "run": "5eed"},
                                                              {"name": "c", "run": "1ost"}]}, samples=40_000, seed=1)
    # per run: one read, its record with its checkpoint intervals (for the hourly intensity), before any draw
    assert len(calls) == 2 and {a[0][:4] for a in calls} == {"1ost", "5eed"}
    assert use(est, "energy") == pytest.approx((2 * E_IT + E_IT) * 1.25)


def test_a_measured_run_meets_the_hourly_intensity_of_its_hours(ledger):
    """A run in California (CISO's modelled month x hour profile): its use-stage carbon is its energy x PUE x the
    annual grid intensity x the energy-weighted ratio of the hours its checkpoints covered."""
    import csv
    from datetime import datetime, timezone

    from footprint.hourly import hourly_dir

    t0 = datetime(2025, 6, 15, 20, 0, tzinfo=timezone.utc).timestamp()  # 20:00-22:00 UTC in June
    samples = [{"run_id": "ca1100000009", "seq": 0, "t_start": t0, "t_end": t0 + 3600, "cpu_kwh": 1.0,
                "gpu_kwh": 3.0, "ram_kwh": 0.0},
               {"run_id": "ca1100000009", "seq": 1, "t_start": t0 + 3600, "t_end": t0 + 7200, "cpu_kwh": 1.0,
                "gpu_kwh": 7.0, "ram_kwh": 0.0}]
    ledger.write({**RUN, "id": "ca1100000009", "started": t0, "ended": t0 + 7200, "last_checkpoint": t0 + 7200,
                  "cpu_kwh": 2.0, "gpu_kwh": 10.0, "ram_kwh": 0.0, "region": "US-CA"}, samples)
    cells = {(int(r["month"]), int(r["hour_utc"])): float(r["ratio_to_annual_mean"])
             for r in csv.DictReader((hourly_dir() / "profiles_eia930_2022.csv").open())
             if r["zone"] == "CISO" and r["basis"] == "lifecycle"}
    ratio = (4.0 * cells[(6, 20)] + 8.0 * cells[(6, 21)]) / 12.0
    site = {"dc": {"region": "US-CA", "pue": 1.0}}
    est = footprint.estimate({**spec(run="ca11"), "datacenters": site})
    grid = footprint.load_factors().grid_intensity("US-CA").value
    use = est.results.query("stage == 'use' and criterion == 'gwp'").value.sum()
    assert use == pytest.approx(12.0 * grid * ratio)
    assert any("met" in n and "CISO" in n for n in est.notes)
    # where the grid intensity is given, or the region has no hourly data, the annual factor and a note
    plain = footprint.estimate({**spec(run="ca11"), "datacenters": {"dc": {"region": "FR", "pue": 1.0}}})
    fr = footprint.load_factors().grid_intensity("FR").value
    assert plain.results.query("stage == 'use' and criterion == 'gwp'").value.sum() == pytest.approx(12.0 * fr)
