"""The life-cycle model: published training runs reproduced, each stage checked by arithmetic."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from footprint import estimate
from footprint.units import HOURS_PER_YEAR

DATA = Path(__file__).parent / "data"
EXAMPLE = Path(__file__).parent.parent / "examples" / "llm.toml"
CASES = list(csv.DictReader((DATA / "published_training_runs.csv").open()))

HARDWARE = {  # the accelerator of each case (only the embodied share depends on it)
    "P100": "nvidia-p100-sxm2-16gb", "V100": "nvidia-v100-sxm2-32gb", "TPU v2": "google-tpu-v2-chip-16gb",
    "TPU v3": "google-tpu-v3-chip-32gb", "A100": "nvidia-a100-sxm4-80gb",
}


def _case_spec(c):
    acc = next(v for k, v in HARDWARE.items() if c["hardware"].startswith(k))
    n = int(c["n_devices"]) if c["n_devices"] else 2048
    dh = float(c["device_hours"])
    phase = {"name": "train"}
    if c["power_scope"] == "whole system":  # the whole machine's draw over the wall-clock time
        phase.update(hours=dh / n, power_w=float(c["avg_power_w"]))
    else:  # per accelerator, host share included by the source
        phase.update(device_hours=dh, accelerator_power_w=float(c["avg_power_w"]))
    return {
        "name": c["case_id"],
        "datacenters": {"dc": {"region": "US", "pue": float(c["pue"]), "grid_kgco2e_per_kwh": float(c["grid_kgco2e_per_kwh"])}},
        "fleets": {"f": {"accelerator": acc, "accelerators": n}},
        "training": [phase],
    }


@pytest.mark.parametrize("case", CASES, ids=[c["case_id"] for c in CASES])
def test_published_training_runs(case):
    est = estimate(_case_spec(case))
    use = est.results[est.results.stage == "use"]
    energy_kwh = use[use.criterion == "energy"].value.sum()
    gwp_kg = use[use.criterion == "gwp"].value.sum()
    assert energy_kwh == pytest.approx(float(case["energy_kwh"]), rel=0.02)
    assert gwp_kg == pytest.approx(float(case["published_tco2e"]) * 1000, rel=0.02)


BASE = {
    "name": "arithmetic",
    "datacenters": {"dc": {"region": "FR", "pue": 1.1, "wue_l_per_kwh": 0.5, "grid_kgco2e_per_kwh": 0.4,
                           "electricity_water_l_per_kwh": 3.0}},
    "fleets": {"f": {"accelerator": "nvidia-a100-sxm4-80gb", "accelerators": 8, "lifetime_years": 5,
                     "utilization": 1.0}},
    "training": [{"name": "t", "hours": 10, "accelerator_power_w": 400}],
}


def _sum(est, **where):
    df = est.results
    for k, v in where.items():
        df = df[df[k] == v]
    return df.value.sum()


def test_use_stage_arithmetic():
    est = estimate(BASE)
    it_kwh = 8 * 10 * 400 / 1000
    assert _sum(est, stage="use", criterion="energy") == pytest.approx(it_kwh * 1.1)
    assert _sum(est, stage="use", criterion="gwp") == pytest.approx(it_kwh * 1.1 * 0.4)
    assert _sum(est, stage="use", criterion="water") == pytest.approx(it_kwh * 0.5 + it_kwh * 1.1 * 3.0)
    reg = __import__("footprint").load_factors()
    assert _sum(est, stage="use", criterion="pe") == pytest.approx(it_kwh * 1.1 * reg.get("elec.fr.pe").value)


def test_repeats_and_measured_energy():
    spec = {**BASE, "training": [{"name": "t", "hours": 10, "energy_kwh": 50.0, "repeats": 3}]}
    est = estimate(spec)
    assert _sum(est, stage="use", criterion="energy") == pytest.approx(50.0 * 3 * 1.1)


def test_embodied_allocation_with_overrides():
    spec = {**BASE, "fleets": {"f": {**BASE["fleets"]["f"], "embodied_kgco2e_per_accelerator": 1000.0,
                                      "embodied_kgco2e_per_node": 2000.0}}}
    est = estimate(spec)
    life_h = 5 * HOURS_PER_YEAR * 1.0
    device_h = 8 * 10
    acc = _sum(est, component="f.accelerators", criterion="gwp", stage="manufacture") + _sum(
        est, component="f.accelerators", criterion="gwp", stage="extraction")
    assert acc == pytest.approx(1000.0 * device_h / life_h)
    node = _sum(est, component="f.nodes", criterion="gwp", stage="manufacture") + _sum(
        est, component="f.nodes", criterion="gwp", stage="extraction")
    assert node == pytest.approx(2000.0 * (device_h / 8) / life_h)
    # utilisation 0.5 doubles the embodied share
    half = {**spec, "fleets": {"f": {**spec["fleets"]["f"], "utilization": 0.5}}}
    est2 = estimate(half)
    assert _sum(est2, stage="manufacture", criterion="gwp") == pytest.approx(2 * _sum(est, stage="manufacture", criterion="gwp"))


def _wafer_cm2_per_good_die(registry, area_mm2, node):
    """Dies per wafer (de Vries 2005) and a negative-binomial yield, written out by hand."""
    import math

    g = lambda fid: registry.get(fid).value
    wafer, edge, kerf = g("mfg.wafer.wafer_diameter"), g("mfg.wafer.edge_exclusion"), g("mfg.wafer.kerf")
    d0, alpha = g(f"mfg.logic_die.{node}nm.defect_density"), g("mfg.logic_die.yield_clustering_alpha")
    d, s = wafer - 2 * edge, (math.sqrt(area_mm2) + kerf) ** 2
    dpw = math.pi * (d / 2) ** 2 / s - math.pi * d / math.sqrt(2 * s)
    y = (1 + area_mm2 / 100 * d0 / alpha) ** -alpha
    return math.pi * (wafer / 2) ** 2 / 100 / (dpw * y)


def test_large_dies_take_the_wafer_their_yield_needs(registry):
    """An 814 mm2 H100 die takes about 21 cm2 of wafer per good die (59 dies per wafer, 57% yield), not 9.3."""
    w = _wafer_cm2_per_good_die(registry, 814, 4)
    assert 19 < w < 24
    small = _wafer_cm2_per_good_die(registry, 100, 4)
    assert small / 1.0 < 1.3  # a 1 cm2 die: close to its own area (edge loss and yield of a few percent)


def test_manufacture_bottom_up_arithmetic(registry):
    """One A100 SXM4 80GB held for its whole life: cradle-to-gate = dies (wafer area per good die x the factor per
    cm2 of wafer) + HBM (k x DRAM per GB) + package + board + heatsink."""
    spec = {**BASE, "training": [{"name": "t", "device_hours": 5 * HOURS_PER_YEAR, "accelerator_power_w": 400}]}
    spec["fleets"] = {"f": {**BASE["fleets"]["f"], "accelerators": 1, "embodied_kgco2e_per_node": 0.0}}
    est = estimate(spec)
    g = lambda fid: registry.get(fid).value
    die = _wafer_cm2_per_good_die(registry, g("accel.nvidia-a100-sxm4-80gb.die_area"), 7)
    c2g = (die * g("mfg.logic_die.7nm.gwp") * g("mfg.logic_die.7nm.yield")
           + 80 * g("mfg.hbm.dram_multiple") * g("mfg.dram.gwp") + g("mfg.accelerator_package.gwp")
           + g("mass.accelerator_module.board_area") * g("mfg.accelerator_board.gwp")
           + g("mass.accelerator_module.heatsink") * g("mfg.heatsink.gwp"))
    got = _sum(est, component="f.accelerators", criterion="gwp", stage="manufacture") + _sum(
        est, component="f.accelerators", criterion="gwp", stage="extraction")
    assert got == pytest.approx(c2g, rel=1e-9)


def test_extraction_transport_end_of_life_arithmetic(registry):
    life_h = 5 * HOURS_PER_YEAR
    spec = {**BASE, "training": [{"name": "t", "device_hours": life_h, "accelerator_power_w": 400}]}
    spec["fleets"] = {"f": {**BASE["fleets"]["f"], "accelerators": 8}}
    est = estimate(spec)
    def gold_kg(item):  # sum over components: mass [kg] x gold content [g/kg] / 1000
        content = {c.keys["component"]: c.value for c in registry.rows("material_content") if c.keys["material"] == "gold"}
        return sum(f.value * content.get(f.keys["component"], 0.0)
                   for f in registry.rows("component_mass") if f.keys["item"] == item and f.quantity == "mass") / 1000

    # 8 accelerator lifetimes (x 1/8 of the time each) and one DGX-A100 host
    expected = (8 * gold_kg("accelerator_module") + gold_kg("gpu_server_8x")) / 8
    mats = est.materials.set_index("material")
    assert mats.loc["gold", "kg"] == pytest.approx(expected, rel=1e-9)
    g = lambda fid: registry.get(fid).value
    # the modules travel inside their DGX A100 (its own mass), Taiwan -> Europe (FR)
    mass = g("transport.item.dgx-a100.shipped_mass") * g("transport.packaging.mass_factor")
    f = g("transport.air_share.gpu_server")
    tkm = (f * g("transport.route.tw-eu.air.distance") * g("transport.air.gwp")
           + (1 - f) * g("transport.route.tw-eu.sea.distance") * g("transport.sea.gwp")
           + g("transport.route.tw-eu.road.distance") * g("transport.road.gwp"))
    held = (life_h / 8) / life_h  # the host node is held for device-hours / 8 of its 5-year life
    assert _sum(est, component="f.nodes", stage="transport") == pytest.approx(mass / 1000 * tkm * held)
    assert _sum(est, component="f.accelerators", stage="transport") == 0.0
    assert _sum(est, component="f.accelerators", stage="end_of_life") == 0.0
    c = g("eol.europe.collection_rate")
    eol = g("transport.item.dgx-a100.shipped_mass") * (c * g("eol.treatment.recycling.gwp")
                                                        + (1 - c) * g("eol.treatment.landfill.gwp"))
    assert _sum(est, component="f.nodes", stage="end_of_life") == pytest.approx(eol * held)


def test_no_long_haul_leg_in_the_assembly_region_and_rf_as_an_option(registry):
    spec = {**BASE, "datacenters": {"dc": {**BASE["datacenters"]["dc"], "region": "TW"}}}
    g = lambda fid: registry.get(fid).value
    tw = _sum(estimate(spec), component="f.nodes", stage="transport")
    mass = g("transport.item.dgx-a100.shipped_mass") * g("transport.packaging.mass_factor")
    held = 8 * 10 / 8 / (5 * HOURS_PER_YEAR)
    assert tw == pytest.approx(mass / 1000 * g("transport.route.tw-tw.road.distance") * g("transport.road.gwp") * held)
    fr = _sum(estimate(BASE), component="f.nodes", stage="transport")
    rf = _sum(estimate({**BASE, "air_radiative_forcing": True}), component="f.nodes", stage="transport")
    f = g("transport.air_share.gpu_server")
    extra = mass / 1000 * f * g("transport.route.tw-eu.air.distance") * (g("transport.air.gwp_rf") - g("transport.air.gwp"))
    assert rf - fr == pytest.approx(extra * held)


def test_metal_recovered_at_end_of_life(registry):
    """recovered [kg] = content [kg] x e-waste collection rate of the region x the metal's recycling rate."""
    est = estimate(BASE)  # a data center in FR: the Europe collection rate
    mats = est.materials.set_index("material")
    g = lambda fid: registry.get(fid).value
    c = g("eol.europe.collection_rate")
    assert mats.loc["gold", "recovered_kg"] == pytest.approx(mats.loc["gold", "kg"] * c * g("eol.gold.recycling_rate"))
    assert mats.loc["tantalum", "recovered_kg"] == pytest.approx(
        mats.loc["tantalum", "kg"] * c * g("eol.tantalum.recycling_rate"))
    no_rate = [m for m in mats.index if registry.find_or_none("end_of_life", "recycling_rate", material=m) is None]
    assert no_rate and mats.loc[no_rate, "recovered_kg"].isna().all()


def test_assembly_region_sets_the_route(registry):
    g = lambda fid: registry.get(fid).value
    mass = g("transport.item.dgx-a100.shipped_mass") * g("transport.packaging.mass_factor")
    held = 8 * 10 / 8 / (5 * HOURS_PER_YEAR)
    spec = lambda region, origin: {**BASE, "datacenters": {"dc": {**BASE["datacenters"]["dc"], "region": region}},
                                   "fleets": {"f": {**BASE["fleets"]["f"], "assembled_in": origin}}}
    # Mexico -> a US data center: a road-only route, and a note that the parts' leg from Taiwan is left out
    est = estimate(spec("US-TX", "MX"))
    road = mass / 1000 * g("transport.route.mx-us-east.road.distance") * g("transport.road.gwp") * held
    assert _sum(est, component="f.nodes", stage="transport") == pytest.approx(road)
    assert any("parts' leg" in n for n in est.notes)
    # China -> Europe: the cn-eu route
    est = estimate(spec("FR", "CN"))
    f = g("transport.air_share.gpu_server")
    tkm = (f * g("transport.route.cn-eu.air.distance") * g("transport.air.gwp")
           + (1 - f) * g("transport.route.cn-eu.sea.distance") * g("transport.sea.gwp")
           + g("transport.route.cn-eu.road.distance") * g("transport.road.gwp"))
    assert _sum(est, component="f.nodes", stage="transport") == pytest.approx(mass / 1000 * tkm * held)
    with pytest.raises(Exception, match=r"assembled_in = 'XX'.*CN, MX, TW"):
        estimate(spec("FR", "XX"))


def test_power_model_takes_the_pooled_measured_share(registry):
    """Without power: IT energy = device-hours x TDP x the pooled share of the accelerator's measured runs; the H100
    family has a host-inclusive measurement, so the whole IT power is one component."""
    from footprint.model.power import estimate_share

    spec = {**BASE, "training": [{"name": "t", "device_hours": 1000}]}
    spec["fleets"] = {"f": {**BASE["fleets"]["f"], "accelerator": "nvidia-h100-sxm5-80gb", "node": "dgx-h100",
                            "nodes": 1}}
    del spec["fleets"]["f"]["accelerators"]
    est = estimate(spec, samples=20000, seed=3)
    share = estimate_share(registry, "nvidia-h100-sxm5-80gb", "pretraining")
    assert share.scope == "system" and share.level == "family"
    # the median is the random-effects mean of the family's studies (tests/test_power_model.py pins the arithmetic):
    # it lies between the geometric means of its studies' host-inclusive training measurements
    by_study: dict = {}
    for f in registry.rows("power_draw"):
        if f.quantity == "system_power_share" and f.keys["accelerator_family"] == "nvidia-h100" \
                and f.keys["workload"] in ("pretraining", "finetuning"):
            by_study.setdefault(f.keys["study"], []).append(math.log(f.value))
    assert sorted(by_study) == ["mlperf-t40-smc", "mlperf-t41-dell", "newkirk2025"]
    means = [math.exp(sum(v) / len(v)) for v in by_study.values()]
    assert min(means) < share.median < max(means)
    it_kwh = 1000 * 700 * share.median / 1000
    assert _sum(est, stage="use", component="f.it", criterion="energy") == pytest.approx(it_kwh * 1.1)
    row = est.results.query("stage == 'use' and component == 'f.it' and criterion == 'energy'").iloc[0]
    # the 90% range is the pooled share's (a lognormal through its 5th and 95th percentiles)
    assert row.p5 == pytest.approx(1000 * 700 * share.low / 1000 * 1.1, rel=0.01)
    assert row.p95 == pytest.approx(1000 * 700 * share.high / 1000 * 1.1, rel=0.01)
    assert "accel.nvidia-h100-sxm5-80gb.tdp" in set(est.assumptions.factor_id)


def test_inference_idle_and_reserved_time(registry):
    from footprint.model.power import estimate_share

    spec = {**BASE, "training": [], "inference": [{"name": "s", "requests": 1e6, "energy_wh_per_request": 1.0, "days": 20}]}
    est = estimate(spec)
    g = lambda fid: registry.get(fid).value
    share = estimate_share(registry, "nvidia-a100-sxm4-80gb", "inference")
    host_w = 400 * g("power.host.dgx-a100.share")
    active_w = 400 * share.median + (host_w if share.scope == "accelerator" else 0.0)
    busy_h = 1e6 * 1.0 / active_w
    idle_h = 8 * 20 * 24 - busy_h
    idle_kwh = idle_h * (400 * g("use.accelerator.idle.nvidia-a100.idle_power_share")
                         + host_w * g("use.server.idle.idle_power_share")) / 1000
    assert _sum(est, stage="use", criterion="energy") == pytest.approx((1e6 * 1.0 / 1000 + idle_kwh) * 1.1)


def test_monte_carlo_reproducible_and_vectorised():
    a = estimate(EXAMPLE, samples=5000, seed=7)
    b = estimate(EXAMPLE, samples=5000, seed=7)
    c = estimate(EXAMPLE, samples=5000, seed=8)
    assert a.total.equals(b.total)
    assert not a.total.equals(c.total)
    gwp = a.total.set_index("criterion").loc["gwp"]
    assert gwp.p5 < gwp.p50 < gwp.p95
    assert a.draws["gwp"].shape == (5000,)


def test_chunked_percentiles_match_exact(monkeypatch):
    import footprint.model.montecarlo as imp

    exact = estimate(EXAMPLE, samples=40000, seed=11).total.set_index("criterion")
    monkeypatch.setattr(imp, "CHUNK", 10000)
    chunked = estimate(EXAMPLE, samples=40000, seed=11).total.set_index("criterion")
    for c in ("gwp", "water"):
        for q in ("p5", "p50", "p95"):
            assert chunked.loc[c, q] == pytest.approx(exact.loc[c, q], rel=3e-2)  # two samples of 40k draws


def test_histogram_quantiles_equal_exact_ones():
    from footprint.model.montecarlo import Quantiles as _Quantiles

    x = np.random.default_rng(0).lognormal(3, 0.5, 400_000)
    parts = np.split(x, 4)
    q = _Quantiles(parts[0])
    for part in parts[1:]:
        q.add(part.astype(np.float32))
    exact = np.percentile(x, (5, 50, 95))
    span = x[:100_000].max() - x[:100_000].min()
    for got, want in zip(q.percentiles(), exact):
        assert abs(got - want) <= 3 * span / _Quantiles.BINS  # resolution: 3 x (range / bins)


def test_sensitivity_ranks_the_grid_first_for_a_use_dominated_system():
    spec = {**BASE, "datacenters": {"dc": {"region": "PL"}}}
    est = estimate(spec, sensitivity=True, sensitivity_samples=256, seed=1)
    top = est.sensitivity[est.sensitivity.criterion == "gwp"].iloc[0]
    assert top.factor_id == "grid.pl"
    assert 0.2 < top.total_order <= 1.2


def test_json_contract():
    import json

    d = json.loads(estimate(EXAMPLE, samples=1000, seed=1).to_json())
    assert set(d["total"]) == {"gwp", "energy", "water", "adpe", "pe", "rock"}
    assert set(d["total"]["gwp"]) == {"value", "p5", "p50", "p95", "unit"}
    row = d["results"][0]
    assert set(row) == {"stage", "phase", "component", "criterion", "value", "p5", "p95", "unit"}
    assert all(r["phase"] == "" for r in d["results"] if r["stage"] != "use")
    assert {"material", "kg", "main_producers"} <= set(d["materials"][0])
    a = d["assumptions"][0]
    assert {"factor_id", "value", "unit", "source", "fallback_level"} <= set(a)


@pytest.mark.parametrize("dist,value,low,high", [
    ("lognormal", 2.0, 0.5, 8.0), ("triangular", 3.0, 1.0, 10.0), ("uniform", 1.0, 0.0, 2.0),
    ("normal", 5.0, 2.0, 8.0), ("normal", 1.0, 0.0, 3.0),  # the last one truncated at zero
])
def test_table_draws_follow_the_distribution(dist, value, low, high):
    """Inverse-CDF draws on 65,536 levels reproduce the scipy distribution used for Sobol indices."""
    from footprint.uncertainty import Param

    p = Param("x", value, low, high, dist, {})
    x = p.draw(np.random.default_rng(0), 400_000)
    ref = p.scipy()
    assert x.dtype == np.float32 and x.min() >= 0
    got = np.percentile(x, (5, 50, 95))
    want = ref.ppf((0.05, 0.5, 0.95))
    # sampling error of a quantile at 400k draws is ~0.2% of the spread; the level grid adds < 1e-5
    assert got == pytest.approx(want, rel=0.01, abs=0.01 * (high - low))
    assert x.mean() == pytest.approx(ref.mean(), rel=0.01)
    if dist == "lognormal":  # low/high are the 5th/95th percentiles
        assert np.mean(x < low) == pytest.approx(0.05, abs=0.003)
        assert np.mean(x > high) == pytest.approx(0.05, abs=0.003)


def test_monte_carlo_does_not_depend_on_threads(monkeypatch):
    import footprint.model.montecarlo as imp

    monkeypatch.setattr(imp, "CHUNK", 4096)
    monkeypatch.setattr(imp, "THREADS", 1)
    one = estimate(EXAMPLE, samples=20_000, seed=5)
    monkeypatch.setattr(imp, "THREADS", 2)
    two = estimate(EXAMPLE, samples=20_000, seed=5)
    assert one.total.equals(two.total) and one.results.equals(two.results)


def test_cpu_fleet_uses_server_service_hours(registry):
    """A fleet of CPU nodes amortises over the server rows of hardware_use.csv, not the accelerator's: one
    service-hours factor (lifetime x utilisation) when the spec gives neither, the product when it gives them."""
    spec = {"name": "cpu", "datacenters": {"dc": {"region": "FR", "pue": 1.2}},
            "fleets": {"f": {"node": "cpu-server-2s", "nodes": 4}},
            "training": [{"name": "t", "hours": 100, "power_w": 2000}]}
    hours = registry.get("use.server.service_hours")
    default = estimate(spec)
    assert hours.factor_id in set(default.assumptions.factor_id)
    assert "use.accelerator.service_hours" not in set(default.assumptions.factor_id)
    spec["fleets"]["f"].update(lifetime_years=hours.value / HOURS_PER_YEAR, utilization=1.0)
    explicit = estimate(spec)
    spec["fleets"]["f"].update(lifetime_years=hours.value / HOURS_PER_YEAR / 2)
    half = estimate(spec)
    emb = lambda e: _sum(e, component="f.nodes", criterion="gwp")
    assert emb(default) == pytest.approx(emb(explicit))
    assert emb(half) == pytest.approx(2 * emb(default))  # half the life: twice the share
    only_life = {**spec, "fleets": {"f": {"node": "cpu-server-2s", "nodes": 4, "lifetime_years": 4.0}}}
    ids = set(estimate(only_life).assumptions.factor_id)
    assert "use.server.utilization" in ids and "use.server.service_hours" not in ids


def test_water_flows_split_the_water_total():
    est = estimate(BASE, samples=2000, seed=4)
    w = est.water.set_index("flow")
    it_kwh = 8 * 400 * 10 / 1000  # 32 kWh of IT energy
    assert w.loc["onsite_cooling", "value"] == pytest.approx(it_kwh * 0.5)  # x WUE
    assert w.loc["offsite_electricity", "value"] == pytest.approx(it_kwh * 1.1 * 3.0)  # x PUE x EWIF
    assert w.loc["chip_fabrication", "value"] == pytest.approx(_sum(est, stage="manufacture", criterion="water"))
    assert w.loc["metal_extraction", "value"] == pytest.approx(_sum(est, stage="extraction", criterion="water"))
    total = est.total.set_index("criterion").loc["water", "value"]
    assert w.value.sum() == pytest.approx(total)
    # user-given WUE/PUE/EWIF: the use flows carry no uncertainty; the fab water does
    assert w.loc["onsite_cooling", "p5"] == pytest.approx(w.loc["onsite_cooling", "p95"])
    assert w.loc["chip_fabrication", "p5"] < w.loc["chip_fabrication", "p95"]


@pytest.mark.parametrize("spec", [
    EXAMPLE,
    # embodied-dominated: a short inference service on a large reserved fleet, in a low-carbon grid
    {"name": "idle", "datacenters": {"dc": {"region": "SE"}},
     "fleets": {"f": {"node": "dgx-h100", "nodes": 4}},
     "inference": [{"name": "s", "requests": 1e4, "energy_wh_per_request": 0.3, "days": 30}]},
    {"name": "cpu", "datacenters": {"dc": {"region": "US-CA"}},
     "fleets": {"f": {"node": "cpu-server-2s", "nodes": 10, "lifetime_years": 4}},
     "training": [{"name": "t", "hours": 100, "power_w": 400}]},
    {"name": "tpu", "datacenters": {"dc": {"region": "gcp:europe-west4"}},
     "fleets": {"f": {"node": "google-tpu-v5p-host", "nodes": 16, "utilization": 0.6}},
     "training": [{"name": "t", "device_hours": 5e4}]},
], ids=["llm.toml", "embodied-dominated", "cpu-fleet", "tpu"])
def test_every_total_point_and_median_lie_in_their_range(spec):
    """The range rule: a total's headline (the Monte Carlo median) and its point (every factor at its value) lie
    inside its own 90% interval."""
    t = estimate(spec, samples=20_000, seed=3).total
    t = t[t.value > 0]
    assert ((t.p5 <= t.p50) & (t.p50 <= t.p95)).all()
    outside = t[(t.value < t.p5) | (t.value > t.p95)]
    assert outside.empty, outside[["criterion", "value", "p5", "p95"]]
