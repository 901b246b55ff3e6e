"""The Software Carbon Intensity per functional unit and the Impact Framework manifest of an estimate (validated
with the Impact Framework's own if-run where it is installed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import run_cli

from footprint import estimate
from footprint.errors import SpecError
from footprint.ifmanifest import manifest, to_yaml
from footprint.scores import estimate_manifest, phase_embodied_kg, sci

ROOT = Path(__file__).resolve().parent.parent
SPEC = {"name": "served", "datacenters": {"dc": {"region": "FR", "pue": 1.2, "grid_kgco2e_per_kwh": 0.1}},
        "fleets": {"f": {"accelerator": "nvidia-h100-sxm5-80gb", "accelerators": 16, "lifetime_years": 5,
                         "utilization": 1.0}},
        "training": [{"name": "train", "device_hours": 5000, "accelerator_power_w": 700, "tokens": 2e11}],
        "inference": [{"name": "serve", "requests": 4e7, "energy_wh_per_request": 0.2, "days": 90, "accelerators": 8}]}


def stages(est):
    s = est.by_stage[est.by_stage.criterion == "gwp"].set_index("stage").value
    return float(s.get("use", 0.0)), float(sum(s.get(k, 0.0) for k in ("extraction", "manufacture", "transport", "end_of_life")))


def test_sci_per_request_by_hand_for_both_boundaries():
    full = estimate(SPEC)
    table = sci(SPEC, "request", full).set_index("boundary")
    o, m = stages(full)
    prov = table.loc["provider"]
    assert prov.units == 4e7
    assert prov.operational_g == pytest.approx(o * 1000 / 4e7) and prov.embodied_g == pytest.approx(m * 1000 / 4e7)
    assert prov.sci_g == pytest.approx((o + m) * 1000 / 4e7)  # no draws: the point
    serving_only = estimate({**SPEC, "training": []})
    o2, m2 = stages(serving_only)
    cons = table.loc["consumer"]
    assert cons.sci_g == pytest.approx((o2 + m2) * 1000 / 4e7) and cons.sci_g < prov.sci_g
    assert cons.phases == ["serve"] and set(prov.phases) == {"serve", "train"}
    assert "consumer boundary" in cons.statement


def test_sci_training_token_and_a_given_count():
    full = estimate(SPEC, samples=2000, seed=1)
    tt = sci(SPEC, "training-token", full)
    assert list(tt.boundary) == ["provider"]  # a training token has no consumer boundary
    t = full.total.set_index("criterion").loc["gwp"]
    assert tt.iloc[0].sci_g == pytest.approx(t.p50 * 1000 / 2e11)
    assert tt.iloc[0].sci_p5_g <= tt.iloc[0].sci_g <= tt.iloc[0].sci_p95_g
    img = sci(SPEC, "image=1e6", full).set_index("boundary")
    assert img.loc["provider"].units == 1e6


@pytest.mark.parametrize("unit, words", [("cats", ["does not count", "cats=N"]), ("image=-3", ["positive"]),
                                         ("image=lots", ["not a number"]), ("1k-tokens", ["tokens_per_request"])])
def test_bad_sci_units(unit, words):
    with pytest.raises(SpecError) as exc:
        sci(SPEC, unit, estimate(SPEC))
    for w in words:
        assert w in str(exc.value)


def test_phase_embodied_splits_each_fleet_by_reserved_hours():
    est = estimate(SPEC)
    split = phase_embodied_kg(est)
    _, m = stages(est)
    assert sum(split.values()) == pytest.approx(m)
    reserved = {"train": 5000.0, "serve": 8 * 90 * 24.0}
    assert split["serve"] / split["train"] == pytest.approx(reserved["serve"] / reserved["train"])


def test_estimate_manifest_holds_the_estimate():
    est = estimate(SPEC)
    doc = estimate_manifest(est)
    kids = doc["tree"]["children"]
    assert set(kids) == {"training/train", "inference/serve"}
    o = {k: v["inputs"][0] for k, v in kids.items()}
    assert sum(x["energy"] for x in o.values()) == pytest.approx(float(est.total.set_index("criterion").loc["energy", "value"]))
    carbon = sum(x["carbon-operational"] + x["carbon-embodied"] for x in o.values())
    assert carbon == pytest.approx(float(est.total.set_index("criterion").loc["gwp", "value"]) * 1000)
    meta = doc["initialize"]["plugins"]["sum-carbon"]["parameter-metadata"]["inputs"]
    assert all(meta[k]["aggregation-method"] == {"time": "sum", "component": "sum"} for k in ("energy", "water"))


def _if_run() -> str | None:
    for cand in (os.environ.get("FOOTPRINT_IF_RUN"), shutil.which("if-run"),
                 str(ROOT / ".ci" / "node" / "node_modules" / ".bin" / "if-run")):
        if cand and Path(cand).exists():
            return cand
    return None


@pytest.mark.skipif(_if_run() is None, reason="the Impact Framework (npm @grnsft/if, if-run) is not installed; "
                                              ".ci/run installs it into .ci/node")
def test_impact_framework_runs_the_manifest_and_sums_it(tmp_path):
    import yaml

    est = estimate(SPEC)
    path = tmp_path / "m.yml"
    path.write_text(to_yaml(estimate_manifest(est)) + "\n")
    out = tmp_path / "out"
    r = subprocess.run([_if_run(), "--manifest", str(path), "--output", str(out)], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    doc = yaml.safe_load((tmp_path / "out.yaml").read_text())
    agg = doc["tree"]["aggregated"]
    t = est.total.set_index("criterion")
    assert agg["energy"] == pytest.approx(float(t.loc["energy", "value"]), rel=1e-9)
    assert agg["carbon"] == pytest.approx(float(t.loc["gwp", "value"]) * 1000, rel=1e-9)
    # a manifest of two children with component energies: IF sums them (energy declared, not kept last)
    two = manifest("two", "x", {"a": [{"timestamp": "2025-01-01T00:00:00Z", "duration": 60, "cpu/energy": 0.25}],
                                "b": [{"timestamp": "2025-01-01T00:00:00Z", "duration": 60, "cpu/energy": 0.5}]})
    (tmp_path / "two.yml").write_text(to_yaml(two) + "\n")
    r = subprocess.run([_if_run(), "--manifest", str(tmp_path / "two.yml"), "--output", str(tmp_path / "two-out")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load((tmp_path / "two-out.yaml").read_text())["tree"]["aggregated"]["energy"] == pytest.approx(0.75)


def test_cli_sci_and_manifest(tmp_path):
    spec = tmp_path / "s.toml"
    spec.write_text('name = "s"\n[datacenters.dc]\nregion = "FR"\n[fleets.f]\naccelerator = "nvidia-h100-sxm5-80gb"\n'
                    'accelerators = 8\n[[inference]]\nname = "serve"\nrequests = 1e6\nenergy_wh_per_request = 0.3\n'
                    'days = 30\n')
    out = tmp_path / "m.yml"
    r = run_cli("estimate", spec, "--sci", "request", "--if-manifest", out, "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert {row["boundary"] for row in doc["sci"]} == {"consumer", "provider"} and out.read_text().startswith("name:")
    r = run_cli("estimate", spec, "--sci", "cats", "--if-manifest", tmp_path / "n.yml")
    assert r.returncode == 2 and "--sci" in r.stderr and not (tmp_path / "n.yml").exists()
    md = tmp_path / "r.md"
    assert run_cli("report", spec, "-f", "md", "-o", md, "-n", "200", "--sci", "request").returncode == 0
    assert "## Software Carbon Intensity" in md.read_text()
