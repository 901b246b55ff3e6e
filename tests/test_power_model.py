"""The calibrated power model: pooled measured shares, the family ladder, leave-one-out, and the calibration of its
ranges against measured runs (benchmarks/calibration.py)."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import t as student

from footprint import estimate, load_factors
from footprint.model.pooling import PRIOR_RUNS, pool
from footprint.model.power import estimate_share

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["factor_id", "quantity", "accelerator_family", "workload", "node", "n_runs", "measurement", "value", "unit",
          "low", "high", "distribution", "year", "source", "url", "license", "notes"]


def _row(fid, quantity, family, workload, measurement, value, node=""):
    return [fid, quantity, family, workload, node, 1, measurement, value, "ratio", value, value, "constant", 2025,
            "test measurement", "https://example.org", "CC0", ""]


def _registry(directory, rows, header=HEADER):
    """The factor tables of ``directory`` with power_draw.csv made of ``rows``."""
    with (directory / "power_draw.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return load_factors(directory)


@pytest.fixture()
def toy(factors_copy):
    """A power_draw.csv of five measurements: A100 accelerator-only 0.5, 0.6, 0.7 (pretraining); V100 host-inclusive
    0.9 and 1.1 (pretraining); and the default host row."""
    rows = [_row("p.a1", "power_share", "nvidia-a100", "pretraining", "a1", 0.5),
            _row("p.a2", "power_share", "nvidia-a100", "pretraining", "a2", 0.6),
            _row("p.a3", "power_share", "nvidia-a100", "pretraining", "a3", 0.7),
            _row("p.v1", "system_power_share", "nvidia-v100", "pretraining", "v1", 0.9),
            _row("p.v2", "system_power_share", "nvidia-v100", "pretraining", "v2", 1.1),
            _row("power.host.default.share", "host_power_share", "default", "any", "", 0.45, node="default")]
    return _registry(factors_copy, rows)


def _var(xs):
    m = sum(xs) / len(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)


def test_family_share_by_hand(toy):
    a = [math.log(x) for x in (0.5, 0.6, 0.7)]
    v = [math.log(x) for x in (0.9, 1.1)]
    s02 = (_var(a) + _var(v)) / 2  # the median of the two families' variances
    n = 3
    s2 = (PRIOR_RUNS * s02 + (n - 1) * _var(a)) / (PRIOR_RUNS + n - 1)
    half = student.ppf(0.95, PRIOR_RUNS + n - 1) * math.sqrt(s2 * (1 + 1 / n))
    est = estimate_share(toy, "nvidia-a100-sxm4-80gb", "pretraining")
    assert (est.scope, est.level, est.group) == ("accelerator", "family", "nvidia-a100")
    assert est.median == pytest.approx(math.exp(sum(a) / 3))  # the geometric mean, 0.594
    assert est.low == pytest.approx(math.exp(sum(a) / 3 - half)) and est.high == pytest.approx(math.exp(sum(a) / 3 + half))
    # leaving a measurement out pools the other two
    loo = estimate_share(toy, "nvidia-a100-sxm4-80gb", "pretraining", exclude={"a1"})
    assert loo.median == pytest.approx(math.sqrt(0.6 * 0.7)) and loo.measurements == ("a2", "a3")


def test_ladder_goes_down_to_the_generation_then_the_vendor(toy):
    # the A100 40 GB is of the nvidia-a100 family: its own rows
    assert estimate_share(toy, "nvidia-a100-pcie-40gb", "pretraining").level == "family"
    # the A10 has no rows: its generation (Ampere) has the A100's, accelerator-only
    a10 = estimate_share(toy, "nvidia-a10-pcie-24gb", "pretraining")
    assert (a10.level, a10.group, a10.scope) == ("generation", "nvidia-ampere", "accelerator")
    # an H100 (Hopper) has neither: the vendor level, where host-inclusive rows (the V100's) come first
    h100 = estimate_share(toy, "nvidia-h100-sxm5-80gb", "pretraining")
    assert (h100.level, h100.group, h100.scope) == ("vendor", "nvidia", "system")
    assert h100.median == pytest.approx(math.sqrt(0.9 * 1.1))
    # a TPU: nothing from Google, so every accelerator (system first)
    assert estimate_share(toy, "google-tpu-v5p-chip-95gb", "pretraining").level == "all"
    # fine-tuning and pre-training are one class: the family's training rows
    ft = estimate_share(toy, "nvidia-a100-sxm4-80gb", "finetuning")
    assert (ft.level, ft.workload) == ("family", "training")
    assert ft.median == pytest.approx(estimate_share(toy, "nvidia-a100-sxm4-80gb", "pretraining").median)
    with pytest.raises(Exception, match="no measured power share for inference"):
        estimate_share(toy, "nvidia-a100-sxm4-80gb", "inference")


def test_finetuning_and_pretraining_rows_pool_together(factors_copy):
    """A family measured once pre-training (0.5) and once fine-tuning (0.8): either workload pools both, the
    geometric mean sqrt(0.5 x 0.8); an inference row stays out of the training pool."""
    rows = [_row("p.a1", "power_share", "nvidia-a100", "pretraining", "a1", 0.5),
            _row("p.a2", "power_share", "nvidia-a100", "finetuning", "a2", 0.8),
            _row("p.a3", "power_share", "nvidia-a100", "inference", "a3", 0.3),
            _row("power.host.default.share", "host_power_share", "default", "any", "", 0.45, node="default")]
    reg = _registry(factors_copy, rows)
    for wl in ("pretraining", "finetuning"):
        est = estimate_share(reg, "nvidia-a100-sxm4-80gb", wl)
        assert est.measurements == ("a1", "a2") and est.median == pytest.approx(math.sqrt(0.5 * 0.8))
    assert estimate_share(reg, "nvidia-a100-sxm4-80gb", "inference").median == pytest.approx(0.3)


def test_studies_by_hand(factors_copy):
    """Runs nested in studies: A100 measured by study A (0.5, 0.55) and study B (0.9), V100 by C (0.6, 0.65) and
    D (0.95). s0^2 is the median within-study variance, tau^2 the between-study variance pooled over both families,
    and the A100's share is the random-effects mean of its two studies with a predictive scale that adds tau^2."""
    header = HEADER[:7] + ["study"] + HEADER[7:]
    rows = [("p.a1", "nvidia-a100", "A", 0.5), ("p.a2", "nvidia-a100", "A", 0.55), ("p.a3", "nvidia-a100", "B", 0.9),
            ("p.v1", "nvidia-v100", "C", 0.6), ("p.v2", "nvidia-v100", "C", 0.65), ("p.v3", "nvidia-v100", "D", 0.95)]
    with_study = lambda r, study: r[:7] + [study] + r[7:]  # noqa: E731
    table = [with_study(_row(fid, "system_power_share", fam, "pretraining", fid, v), study)
             for fid, fam, study, v in rows]
    table.append(with_study(_row("power.host.default.share", "host_power_share", "default", "any", "", 0.45,
                                 node="default"), ""))
    reg = _registry(factors_copy, table, header)
    ln = math.log
    a, b, c, d = [ln(0.5), ln(0.55)], [ln(0.9)], [ln(0.6), ln(0.65)], [ln(0.95)]
    s02 = (_var(a) + _var(c)) / 2  # the median of the two within-study variances
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    moment = lambda s1, s2: (mean(s1) - mean(s2)) ** 2 / 2 - (s02 / len(s1) + s02 / len(s2)) / 2  # noqa: E731
    tau2 = max((moment(a, b) + moment(c, d)) / 2, 0.0)
    assert tau2 > 0.01  # the studies disagree far more than their runs do
    ss_w = sum((x - mean(a)) ** 2 for x in a)
    s2 = (PRIOR_RUNS * s02 + ss_w) / (PRIOR_RUNS + 3 - 2)
    wa, wb = 1 / (tau2 + s2 / 2), 1 / (tau2 + s2)
    mu = (wa * mean(a) + wb * mean(b)) / (wa + wb)
    # Student's t on the within-study variance's degrees of freedom: prior runs + 3 runs - 2 studies
    half = student.ppf(0.95, PRIOR_RUNS + 3 - 2) * math.sqrt(tau2 + s2 + 1 / (wa + wb))
    est = estimate_share(reg, "nvidia-a100-sxm4-80gb", "pretraining")
    assert est.median == pytest.approx(math.exp(mu))
    assert (est.low, est.high) == (pytest.approx(math.exp(mu - half)), pytest.approx(math.exp(mu + half)))
    # the spread between studies, not between runs, sets the range
    assert tau2 > s2 and est.high / est.low > 2.5


def test_an_accelerator_alone_never_averages_past_its_power_limit(factors_copy):
    """Accelerator-only measurements 0.3 and 0.9 of TDP: the pooled lognormal's 95th percentile passes 1, which no
    accelerator can average (the driver holds it to its power limit, the TDP); the share is censored there, its
    median and 5th percentile unchanged. Host-inclusive shares are not bounded."""
    rows = [_row("p.a1", "power_share", "nvidia-a100", "pretraining", "a1", 0.3),
            _row("p.a2", "power_share", "nvidia-a100", "pretraining", "a2", 0.9),
            _row("p.v1", "system_power_share", "nvidia-v100", "pretraining", "v1", 0.9),
            _row("p.v2", "system_power_share", "nvidia-v100", "pretraining", "v2", 1.6),
            _row("power.host.default.share", "host_power_share", "default", "any", "", 0.45, node="default")]
    reg = _registry(factors_copy, rows)
    est = estimate_share(reg, "nvidia-a100-sxm4-40gb", "pretraining")
    assert est.median == pytest.approx(math.sqrt(0.3 * 0.9)) and est.uncensored_high > 1.0 and est.high == 1.0
    assert "(the power limit)" in est.describe() and est.limit_factor is None
    # a SKU whose boards ship with a higher power limit (accelerators.csv max_power_limit, here 500 W on 400 W)
    with (factors_copy / "accelerators.csv").open("a", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(
            ["accel.nvidia-a100-sxm4-80gb.max_power_limit", "max_power_limit", "nvidia-a100-sxm4-80gb", "nvidia", "",
             500, "W", 500, 500, "constant", 2021, "test row", "https://example.org", "CC0", ""])
    reg = load_factors(factors_copy)
    cts = estimate_share(reg, "nvidia-a100-sxm4-80gb", "pretraining")
    assert cts.high == pytest.approx(min(cts.uncensored_high, 1.25)) and cts.uncensored_high > 1.25
    assert cts.limit_factor == "accel.nvidia-a100-sxm4-80gb.max_power_limit"
    assert estimate_share(reg, "nvidia-v100-sxm2-32gb", "pretraining").high > 1.5  # host included: no bound
    from footprint.model.power import power_model

    fleet = type("F", (), {"accelerator": "nvidia-a100-sxm4-40gb", "host": "dgx-a100"})()
    pm = power_model(reg, fleet, "pretraining", lambda note: None)
    share = next(p for p in pm.accelerator[0].params if p.name.endswith("_share"))
    table = share.table()
    assert share.upper == 1.0 and float(table.max()) == pytest.approx(1.0)  # no draw passes the power limit
    assert float(table[len(table) // 2]) == pytest.approx(est.median, rel=1e-3)  # the median is kept
    assert float(share.scipy().ppf(0.999)) == pytest.approx(1.0)  # the Sobol sampler sees the same bound
    # two SKUs of the family in one system: each share parameter keeps its own bound
    cts_pm = power_model(reg, type("F", (), {"accelerator": "nvidia-a100-sxm4-80gb", "host": "dgx-a100"})(),
                         "pretraining", lambda note: None)
    cts_share = next(p for p in cts_pm.accelerator[0].params if p.name.endswith("nvidia-a100-sxm4-80gb"))
    assert cts_share.name != share.name and cts_share.upper == pytest.approx(1.25)


def test_a_family_measured_above_its_power_limit_stays_at_the_limit(factors_copy):
    """Accelerator-only shares 1.1 and 1.3 (boards run above their catalogued TDP): the point value, the median and
    every draw stay at the power limit, so the estimate's point lies inside its own range."""
    rows = [_row("p.a1", "power_share", "nvidia-a100", "pretraining", "a1", 1.1),
            _row("p.a2", "power_share", "nvidia-a100", "pretraining", "a2", 1.3),
            _row("power.host.default.share", "host_power_share", "default", "any", "", 0.45, node="default")]
    reg = _registry(factors_copy, rows)
    est = estimate_share(reg, "nvidia-a100-sxm4-40gb", "pretraining")
    assert est.median == est.high == 1.0 and est.low <= est.median
    spec = {"name": "a", "datacenters": {"dc": {"region": "FR", "pue": 1.0}},
            "fleets": {"f": {"accelerator": "nvidia-a100-sxm4-40gb", "accelerators": 1}},
            "training": [{"name": "t", "device_hours": 1000}]}
    row = estimate(spec, samples=20000, seed=1, registry=reg).results.query(
        "stage == 'use' and component == 'f.accelerators' and criterion == 'energy'").iloc[0]
    assert row.value == pytest.approx(1000 * 400 / 1000)  # device-hours x TDP x 1.0
    assert row.p5 <= row.value <= row.p95 == pytest.approx(400, rel=1e-4)


def test_single_run_studies_take_the_prior_degrees_of_freedom():
    """Four studies of one run each (k = n = 4): s^2 is the prior s0^2 (no within-study deviations), the studies
    weigh alike, and the t has df = PRIOR_RUNS, however many single-run studies there are."""
    xs = [math.log(v) for v in (0.6, 0.7, 0.8, 0.9)]
    s02, tau2 = 0.01, 0.02
    p = pool({"f": xs}, "family", "f", s02, 0.0, tau2, {"f": ["A", "B", "C", "D"]})
    mean = sum(xs) / 4
    var_mean = (tau2 + s02) / 4  # 1 / sum of four weights 1 / (tau^2 + s0^2)
    half = student.ppf(0.95, PRIOR_RUNS) * math.sqrt(tau2 + s02 + var_mean)
    assert (p.median, p.low, p.high) == (pytest.approx(math.exp(mean)), pytest.approx(math.exp(mean - half)),
                                         pytest.approx(math.exp(mean + half)))


def test_identical_measurements_without_prior_spread_give_a_finite_share():
    """Two identical log values and no prior or between-study variance: a (vanishingly narrow) finite interval."""
    p = pool({"f": [math.log(0.5), math.log(0.5)]}, "family", "f", 0.0, 0.0)
    assert p.median == pytest.approx(0.5) and p.low <= p.median <= p.high and math.isfinite(p.high)


def test_a_generation_sibling_takes_the_spread_between_siblings(factors_copy):
    """The H200 has no rows; its generation (Hopper) has the H100's (0.9, 1.0). Its range takes the spread between
    sibling families of one generation, here Ampere's A100 (0.5, 0.6) and A40 (0.8), not the spread of every family
    of every vendor (the V100's 2.0 is another generation)."""
    rows = [_row("p.a1", "power_share", "nvidia-a100", "pretraining", "a1", 0.5),
            _row("p.a2", "power_share", "nvidia-a100", "pretraining", "a2", 0.6),
            _row("p.a3", "power_share", "nvidia-a40", "pretraining", "a3", 0.8),
            _row("p.h1", "power_share", "nvidia-h100", "pretraining", "h1", 0.9),
            _row("p.h2", "power_share", "nvidia-h100", "pretraining", "h2", 1.0),
            _row("p.v1", "power_share", "nvidia-v100", "pretraining", "v1", 0.2),
            _row("power.host.default.share", "host_power_share", "default", "any", "", 0.45, node="default")]
    reg = _registry(factors_copy, rows)
    ln = math.log
    a100, a40, h100 = [ln(0.5), ln(0.6)], [ln(0.8)], [ln(0.9), ln(1.0)]
    s02 = (_var(a100) + _var(h100)) / 2  # the median of the within-family variances
    means = [sum(a100) / 2, a40[0]]
    sb2 = max(_var(means) - (s02 / 2 + s02 / 1) / 2, 0.0)  # Ampere's two siblings
    centre = sum(h100) / 2
    half = student.ppf(0.95, PRIOR_RUNS + 1 - 1) * math.sqrt((s02 + sb2) * (1 + 1 / 1))
    est = estimate_share(reg, "nvidia-h200-sxm5-141gb", "pretraining")
    assert (est.level, est.group) == ("generation", "nvidia-hopper")
    assert est.median == pytest.approx(math.exp(centre))
    assert est.low == pytest.approx(math.exp(centre - half))


def test_lower_levels_are_wider(toy):
    fam = estimate_share(toy, "nvidia-a100-sxm4-80gb", "pretraining")
    gen = estimate_share(toy, "nvidia-a10-pcie-24gb", "pretraining")
    assert gen.median == pytest.approx(fam.median)
    assert gen.high / gen.low > fam.high / fam.low


def test_estimate_uses_the_ladder_and_says_so(toy):
    spec = {"name": "a10", "datacenters": {"dc": {"region": "FR", "pue": 1.0}},
            "fleets": {"f": {"accelerator": "nvidia-a10-pcie-24gb", "accelerators": 4}},
            "training": [{"name": "t", "device_hours": 100}]}
    est = estimate(spec, registry=toy)
    share = estimate_share(toy, "nvidia-a10-pcie-24gb", "pretraining")
    tdp = toy.accelerator("nvidia-a10-pcie-24gb")["tdp"].value
    use = est.results.query("stage == 'use' and criterion == 'energy'").set_index("component").value
    assert use["f.accelerators"] == pytest.approx(100 * tdp * share.median / 1000)
    assert use["f.host"] == pytest.approx(100 * tdp * 0.45 / 1000)  # accelerator-only share: + the host row
    assert any("nvidia-ampere" in n and "generation level" in n for n in est.notes)
    inputs = est.use_inputs.query("input == 'power per accelerator'").set_index("of").loc["training.t"]
    assert inputs.value == pytest.approx(tdp * (share.median + 0.45)) and "generation level" in inputs.source


def _calibration():
    import importlib.util

    spec = importlib.util.spec_from_file_location("calibration", ROOT / "benchmarks" / "calibration.py")
    cal = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cal)
    return cal


def test_calibration_leave_one_out():
    """benchmarks/calibration.py: the measured runs of tests/data estimated without their own measurement. The
    README reports its figures; this pins them against regressions (74 of 78 inside p5-p95, median p95/p5 2.15 when
    written)."""
    summary = _calibration().main(["--samples", "2000"])
    assert summary["runs"] >= 78
    assert summary["inside"] >= 0.9
    assert summary["median_ratio"] <= 2.5
    assert abs(summary["median_error"]) <= 0.15
    # whole trainings and segments apart (38/38 and 36/40 when written); every run is inside, below or above
    whole, seg = summary["whole trainings"], summary["segments, epochs and profiling windows"]
    inside = round(summary["inside"] * summary["runs"])
    assert whole[1] + seg[1] == summary["runs"] and whole[0] + seg[0] == inside
    assert inside + summary["below_p5"] + summary["above_p95"] == summary["runs"]
    assert whole[0] / whole[1] >= 0.9


def test_calibration_leave_one_study_out():
    """Each run estimated without any measurement of its study (a user's cluster is a study the tables have not
    seen): 71 of 78 inside p5-p95, median p95/p5 2.27 when written; every study's runs are left out together."""
    cal = _calibration()
    reg = load_factors()
    run = next(r for r in cal.ground_truth() if r["study"] == "mlperf-t40-smc")
    left = {f.keys.get("study") for f in cal.without(reg, run, "source") if f.table == "power_draw"}
    assert "mlperf-t40-smc" not in left and "mlperf-t41-dell" in left
    summary = cal.main(["--samples", "2000", "--leave-out", "source"])
    assert summary["inside"] >= 0.88 and summary["median_ratio"] <= 2.5


_logs = st.lists(st.tuples(st.floats(-3.0, 1.0), st.sampled_from("ABCD")), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(_logs, st.floats(0.0, 0.5), st.floats(1e-4, 0.5))
def test_pooled_intervals_are_finite_and_ordered(values, tau2, s02):
    """Any measurements, in any studies: a finite interval around the median, never narrower than one study alone
    (tau^2 only widens), and with one study and tau^2 = 0 the plain normal-inverse-chi-square interval."""
    xs = [x for x, _ in values]
    studies = {"f": [s for _, s in values]}
    p = pool({"f": xs}, "family", "f", s02, 0.0, tau2, studies)
    assert all(math.isfinite(v) for v in (p.low, p.median, p.high)) and p.low < p.median < p.high
    flat = pool({"f": xs}, "family", "f", s02, 0.0, 0.0, studies)
    assert p.high / p.low >= flat.high / flat.low * (1 - 1e-9)
    one = pool({"f": xs}, "family", "f", s02, 0.0)
    n = len(xs)
    s2 = (PRIOR_RUNS * s02 + (n - 1) * (_var(xs) if n > 1 else 0.0)) / (PRIOR_RUNS + n - 1)
    half = student.ppf(0.95, PRIOR_RUNS + n - 1) * math.sqrt(s2 * (1 + 1 / n))
    assert one.median == pytest.approx(math.exp(sum(xs) / n))
    assert one.high == pytest.approx(math.exp(sum(xs) / n + half))
