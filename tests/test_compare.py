"""Scenario comparison (issue #5): footprint.compare and `footprint compare`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers import run_cli

import footprint
from footprint.errors import SpecError
from footprint.scenarios import compare, parse_vary, scenario_specs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "llm.toml"

BASE = {
    "name": "two-regions",
    "datacenters": {"main": {"region": "FR", "pue": 1.2, "wue_l_per_kwh": 0.5, "grid_kgco2e_per_kwh": 0.1,
                             "electricity_water_l_per_kwh": 2.0}},
    "fleets": {"gpus": {"accelerator": "nvidia-h100-sxm5-80gb", "accelerators": 8, "lifetime_years": 4,
                        "utilization": 0.5}},
    "training": [{"name": "train", "device_hours": 800, "accelerator_power_w": 500}],
}


def gwp(df, scenario, column="value"):
    return df[(df.scenario == scenario) & (df.criterion == "gwp")][column].iloc[0]


def test_grid_override_scales_the_use_stage_by_hand():
    df, fig = compare(BASE, {"clean": {"datacenters.main.grid_kgco2e_per_kwh": 0.05},
                             "dirty": {"datacenters.main.grid_kgco2e_per_kwh": 0.8}})
    # use gwp = 800 h x 500 W / 1000 x PUE 1.2 x grid
    assert gwp(df, "clean", "use") == pytest.approx(800 * 500 / 1000 * 1.2 * 0.05)
    assert gwp(df, "dirty", "use") == pytest.approx(800 * 500 / 1000 * 1.2 * 0.8)
    assert gwp(df, "dirty", "use") / gwp(df, "clean", "use") == pytest.approx(0.8 / 0.05)
    # the embodied stages do not depend on the grid
    assert gwp(df, "dirty", "manufacture") == gwp(df, "clean", "manufacture") > 0
    assert len(df) == 2 * 6 and set(df.criterion) == {"gwp", "energy", "water", "adpe", "pe", "rock"}
    assert len(fig.data) == 4 and list(fig.data[0].y) == [gwp(df, "clean"), gwp(df, "dirty")]
    assert list(fig.data[3].y) == [800, 800]  # the busy accelerator-hours of each scenario


def test_lifetime_and_utilisation_scale_the_embodied_share():
    df, _ = compare(BASE, [{"fleets.gpus.lifetime_years": 4, "fleets.gpus.utilization": 0.5},
                           {"fleets.gpus.lifetime_years": 8, "fleets.gpus.utilization": 0.5},
                           {"fleets.gpus.lifetime_years": 4, "fleets.gpus.utilization": 1.0}], figure=False)
    names = list(dict.fromkeys(df.scenario))
    assert names[0] == "lifetime_years=4, utilization=0.5"
    m = [gwp(df, n, "manufacture") for n in names]
    assert m[1] == pytest.approx(m[0] / 2) and m[2] == pytest.approx(m[0] / 2)  # items held = h / (life x util)
    assert gwp(df, names[1], "use") == gwp(df, names[0], "use")


def test_every_scenario_equals_its_own_estimate():
    v = parse_vary(["datacenters.main.region=FR,PL,US-VA",
                    "fleets.gpus.accelerator=nvidia-a100-sxm4-80gb,nvidia-h100-sxm5-80gb",
                    "fleets.gpus.lifetime_years=3,5", "fleets.gpus.utilization=0.5,0.9"])
    assert len(v) == 24
    df, _ = compare(EXAMPLE, v, figure=False)
    for name, sp in scenario_specs(EXAMPLE, v)[::5]:
        est = footprint.estimate(sp)
        want = est.total.set_index("criterion")["value"]
        got = df[df.scenario == name].set_index("criterion")["value"]
        for c in want.index:
            assert got[c] == pytest.approx(want[c], rel=1e-12)
        r = est.results
        assert df[(df.scenario == name) & (df.criterion == "gwp")]["use"].iloc[0] == pytest.approx(
            r[(r.stage == "use") & (r.criterion == "gwp")].value.sum(), rel=1e-12)


def test_ranges_with_draws():
    df, fig = compare(BASE, {"a": {"datacenters.main.pue": 1.1}, "b": {"datacenters.main.pue": 1.5}}, samples=400, seed=3)
    for s in ("a", "b"):
        row = df[(df.scenario == s) & (df.criterion == "gwp")].iloc[0]
        assert row.p5 < row.p95 and row.p5 > 0
    # the use stage is deterministic here (every use input is given): its share moves the whole range up
    assert gwp(df, "b", "p5") - gwp(df, "a", "p5") == pytest.approx(800 * 500 / 1000 * 0.4 * 0.1, rel=1e-9)
    again, _ = compare(BASE, {"a": {"datacenters.main.pue": 1.1}, "b": {"datacenters.main.pue": 1.5}}, samples=400, seed=3)
    pd.testing.assert_frame_equal(df, again)
    assert fig.data[0].error_y.array is not None


def test_phase_by_name_or_index_and_numbers_parsed():
    v = parse_vary(["training.train.device_hours=400,800", "training.0.accelerator_power_w=250"])
    df, _ = compare(BASE, v, figure=False)
    assert df["training.train.device_hours"].tolist()[::6] == [400.0, 800.0]  # 6 criteria a scenario
    assert gwp(df, "device_hours=400, accelerator_power_w=250", "use") == pytest.approx(400 * 250 / 1000 * 1.2 * 0.1)


@pytest.mark.parametrize("variants, words", [
    ([{"datacenters.main.regio": "FR"}], ["datacenters.main.regio", "region"]),
    ([{"datacenters.nowhere.region": "FR"}], ["datacenters.nowhere", "main"]),
    ([{"fleets.gpus.utilization": "a lot"}], ["fleets.gpus.utilization", "not a number"]),
    ([{"fleets.gpus.utilization": 1.5}], ["utilization", "1.5"]),
    ([{"training.pretrain.hours": 3}], ["training.pretrain", "train"]),
    ([{"datacenters.main.region": "Atlantis"}], ["region", "Atlantis"]),
])
def test_bad_variants_name_the_path(variants, words):
    with pytest.raises(SpecError) as exc:
        compare(BASE, variants, figure=False)
    assert all(w in str(exc.value) for w in words), str(exc.value)


def run(*args, cwd=None):
    return run_cli(*args, cwd=cwd)


def test_cli_compare_cartesian_product(tmp_path):
    r = run("compare", str(EXAMPLE), "--vary", "datacenters.main.region=FR,PL,US-VA",
            "--vary", "fleets.gpus.accelerator=nvidia-a100-sxm4-80gb,nvidia-h100-sxm5-80gb",
            "--csv", "out.csv", "--html", "out.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(tmp_path / "out.csv")
    assert len(df) == 3 * 2 * 6 and df.scenario.nunique() == 6
    fr = footprint.estimate(scenario_specs(EXAMPLE, [{"datacenters.main.region": "FR",
                                                      "fleets.gpus.accelerator": "nvidia-a100-sxm4-80gb"}])[0][1])
    got = df[(df["datacenters.main.region"] == "FR") & (df["fleets.gpus.accelerator"] == "nvidia-a100-sxm4-80gb")
             & (df.criterion == "gwp")].value.iloc[0]
    assert got == pytest.approx(fr.total.set_index("criterion").loc["gwp", "value"], rel=1e-12)
    gwp = df[df.criterion == "gwp"]
    assert (gwp.p5 < gwp.p95).all()  # ranges by default (1,000 draws per scenario), not point values
    html = (tmp_path / "out.html").read_text()
    assert html.count("Plotly.newPlot(") == 1 and "6 scenarios" in html
    assert "6 scenarios" in r.stdout


def test_cli_compare_bad_path_exit_2(tmp_path):
    r = run("compare", str(EXAMPLE), "--vary", "fleets.gpus.acelerator=nvidia-a100-sxm4-80gb", "--csv", "o.csv", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "fleets.gpus.acelerator" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
    r = run("compare", str(EXAMPLE), "--vary", "datacenters.main.region", cwd=tmp_path)
    assert r.returncode == 2 and "PATH=V1,V2" in r.stderr


def test_progress_per_group():
    calls = []
    variants = [{"datacenters.main.region": r, "fleets.gpus.utilization": u} for r in ("FR", "PL") for u in (0.5, 0.9)]
    compare(BASE, variants, figure=False, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(2, 4), (4, 4)]  # two structural groups (regions), utilisation vectorised within each


def test_same_seed_same_ranges_in_estimate_and_compare():
    spec = {**BASE, "datacenters": {"main": {"region": "PL"}}, "training": [{"name": "train", "device_hours": 800}]}
    est = footprint.estimate(spec, samples=3000, seed=9).total.set_index("criterion")
    df, _ = compare(spec, {"as is": {}}, samples=3000, seed=9, figure=False)
    got = df.set_index("criterion")
    for c in ("gwp", "energy", "water", "adpe", "pe"):
        assert (got.loc[c, "p5"], got.loc[c, "p95"]) == (est.loc[c, "p5"], est.loc[c, "p95"]), c
    # a one-scenario comparison with an override is the estimate of the overridden spec
    df, _ = compare(spec, {"x": {"fleets.gpus.lifetime_years": 3}}, samples=3000, seed=9, figure=False)
    one = footprint.estimate(scenario_specs(spec, {"x": {"fleets.gpus.lifetime_years": 3}})[0][1], samples=3000,
                             seed=9).total.set_index("criterion")
    assert df.set_index("criterion").loc["gwp", "p95"] == one.loc["gwp", "p95"]
