"""The costs no other tool shows: rock moved, the supply-chain risk of the metals and the hidden labour of the data,
each on hand-computed cases from the cited rows."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli

from footprint import estimate, load_factors
from footprint.errors import SpecError

REG = load_factors()
BASE = {"name": "costs", "datacenters": {"dc": {"region": "FR", "pue": 1.1, "grid_kgco2e_per_kwh": 0.05}},
        "fleets": {"f": {"accelerator": "nvidia-h100-sxm5-80gb", "accelerators": 8, "lifetime_years": 5,
                         "utilization": 1.0}},
        "training": [{"name": "t", "device_hours": 1000, "accelerator_power_w": 700}]}


def g(fid):
    return REG.get(fid).value


def with_annotation(**ph):
    return {**BASE, "annotation": [{"name": "a", **ph}]}


def test_rock_moved_is_metal_mass_times_its_rock_to_metal_ratio():
    est = estimate(BASE)
    mats = est.materials.set_index("material")
    expected = 0.0
    for m, r in mats.iterrows():
        row = REG.find_or_none("rock", "rock_to_metal_ratio", material=m)
        if row is None:
            assert r.rock_kg is None or r.rock_kg != r.rock_kg  # no ratio: not reported, not zero
            continue
        assert r.rock_kg == pytest.approx(r.kg * row.value)
        expected += r.kg * row.value
    t = est.total.set_index("criterion")
    assert t.loc["rock", "value"] == pytest.approx(expected) and t.loc["rock", "unit"] == "kg"
    rock_rows = est.results[est.results.criterion == "rock"]
    assert set(rock_rows.stage) == {"extraction"}  # rock is moved to mine the metals, nowhere else
    assert mats.loc["copper", "rock_kg"] == pytest.approx(mats.loc["copper", "kg"] * g("rock.copper.rock_to_metal_ratio"))


def test_rock_has_the_embodied_allocation():
    half = estimate({**BASE, "fleets": {"f": {**BASE["fleets"]["f"], "utilization": 0.5}}})
    full = estimate(BASE)
    r = lambda e: e.total.set_index("criterion").loc["rock", "value"]  # noqa: E731
    assert r(half) == pytest.approx(2 * r(full))  # items held = hours / (lifetime x utilisation)


def test_risk_share_is_the_flagged_producers_share():
    est = estimate(BASE)
    risk = est.risk.set_index(["material", "scheme"])
    share = lambda m, c: REG.get(f"prod.{m}.mine.{c.lower()}").value  # noqa: E731
    # tantalum, Dodd-Frank 1502: DR Congo and its neighbours among the producers (CD, RW, BI here)
    flagged = [f.keys["country"] for f in REG.rows("material_risk")
               if f.keys["material"] == "tantalum" and f.keys["scheme"] == "dodd_frank_1502"]
    producers = {f.keys["country"]: f.value for f in REG.rows("material_producers")
                 if f.keys["material"] == "tantalum" and f.keys["stage"] == "mine"}
    want = sum(producers.get(c, 0.0) for c in flagged)
    row = risk.loc[("tantalum", "dodd_frank_1502")]
    assert row.flagged_share == pytest.approx(want) and want > 0.5
    assert row.flagged_share == pytest.approx(share("tantalum", "CD") + share("tantalum", "RW") + share("tantalum", "BI"))
    assert row.flagged_kg == pytest.approx(row.kg * row.flagged_share)
    assert "not a probability" not in row.statement and "of this hardware's tantalum" in row.statement
    doc = json.loads(est.to_json())
    assert {r["scheme"] for r in doc["risk"]} >= {"dodd_frank_1502", "eu_cahra", "ilab_child_labor"}


def test_cobalt_of_a_cpu_server_on_the_child_and_forced_labour_lists():
    est = estimate({**BASE, "fleets": {"f": {"node": "cpu-server-2s", "nodes": 1}},
                    "training": [{"name": "t", "hours": 100, "power_w": 500}]})
    risk = est.risk.set_index(["material", "scheme"])
    if "cobalt" in est.materials.material.values:
        flagged = {f.keys["country"] for f in REG.rows("material_risk")
                   if f.keys["material"] == "cobalt" and f.keys["scheme"] == "ilab_forced_labor"}
        assert "CD" in flagged
        assert risk.loc[("cobalt", "ilab_forced_labor")].flagged_share >= g("prod.cobalt.mine.cd")


def test_labour_ledger_by_hand_kenya():
    """1.4 M toxic-passage labels in Kenya at USD 1.66/h (the TIME-reported rate)."""
    est = estimate(with_annotation(items=1.4e6, task="text-classification-passage", country="KE", pay_per_hour=1.66))
    r = est.labor.iloc[0]
    t = g("labor.text-classification-passage.ke.seconds_per_item")  # 162 s
    hours = 1.4e6 * t / 3600
    assert r.worker_hours == pytest.approx(hours)  # no redundancy or review row for this task
    u = g("labor.crowd-microtask.unpaid_share")  # 25% unpaid time (ILO 2021), the default
    assert r.pay_usd_per_hour == pytest.approx(1.66 * (1 - u))
    assert r.local_currency == "KES" and r.pay_local_per_hour == pytest.approx(1.66 * (1 - u) * g("fx.ke.exchange_rate"))
    assert r.pay_ppp_per_hour == pytest.approx(r.pay_local_per_hour / g("ppp.ke.ppp_private_consumption"))
    minimum = g("wage.ke.month.minimum_wage") / g("wage.ke.month.hours_basis")
    assert r.minimum_wage_per_hour == pytest.approx(minimum)
    assert r.ratio_to_minimum == pytest.approx(r.pay_local_per_hour / minimum)
    assert r.health_flags and "Nairobi" in r.health_flags[0]
    assert any("unpaid share" in n for n in r.notes)
    assert "labor.crowd-microtask.unpaid_share" in set(est.assumptions.factor_id)


def test_labour_per_item_with_redundancy_review_and_client_price():
    est = estimate(with_annotation(items=1e5, task="bounding-box", country="US", pay_per_item=0.05, redundancy=2,
                                   unpaid_share=0.2, client_price_per_item=0.5))
    r = est.labor.iloc[0]
    f = g("labor.bounding-box.qa_share")  # review time / total time in the table: / labelling time = f / (1 - f)
    hours = 1e5 * g("labor.bounding-box.seconds_per_item") * 2 * (1 + f / (1 - f)) / 3600
    assert r.worker_hours == pytest.approx(hours)
    pay = 0.05 * 1e5 * 2
    assert r.pay_usd_per_hour == pytest.approx(pay / (hours / 0.8))
    assert r.ratio_to_minimum == pytest.approx(r.pay_usd_per_hour / g("wage.us.hour.minimum_wage"))
    assert r.value_share == pytest.approx(pay / (0.5 * 1e5))


def test_currency_code_case_does_not_matter():
    a = estimate(with_annotation(items=1e3, seconds_per_item=60, country="KE", pay_per_item=10, currency="kes"))
    b = estimate(with_annotation(items=1e3, seconds_per_item=60, country="ke", pay_per_item=10, currency="KES"))
    assert a.labor.iloc[0].pay_local_per_hour == pytest.approx(b.labor.iloc[0].pay_local_per_hour)


def test_labour_without_a_legal_minimum_says_so():
    est = estimate(with_annotation(items=1e4, seconds_per_item=60, country="UG", pay_per_item=200, currency="UGX",
                                   unpaid_share=0.0))
    r = est.labor.iloc[0]
    assert r.pay_local_per_hour == pytest.approx(200 * 60) and r.local_currency == "UGX"
    assert r.pay_usd_per_hour == pytest.approx(200 * 60 / g("fx.ug.exchange_rate"))
    assert r.ratio_to_minimum is None or r.ratio_to_minimum != r.ratio_to_minimum
    assert any("no statutory minimum" in n for n in r.notes)


@pytest.mark.parametrize("ph, words", [
    ({"items": 10, "task": "preference-comparison", "country": "KE", "pay_per_item": 0.1},
     ["preference-comparison", "seconds_per_item", "s per word"]),
    ({"items": 10, "task": "labelling-things", "country": "KE", "pay_per_item": 0.1}, ["annotation.a.task", "bounding-box"]),
    ({"items": 10, "seconds_per_item": 5, "country": "KE", "pay_per_item": 0.1, "pay_per_hour": 2},
     ["pay_per_item or pay_per_hour"]),
    ({"items": 10, "seconds_per_item": 5, "country": "KE"}, ["pay_per_item or pay_per_hour"]),
    ({"items": 10, "seconds_per_item": 5, "country": "KE", "pay_per_item": 0.1, "currency": "EUR"},
     ["annotation.a.currency", "KES"]),
    ({"items": -1, "seconds_per_item": 5, "country": "KE", "pay_per_item": 0.1}, ["annotation[0].items"]),
    ({"items": 10, "seconds_per_item": 5, "country": "KE", "pay_per_item": 0.1, "unpaid_share": 1.0},
     ["annotation[0].unpaid_share", "at most 0.95"]),
    ({"items": 10, "country": "KE", "pay_per_item": 0.1}, ["task", "seconds_per_item"]),
    ({"items": 10, "seconds_per_item": 5, "country": "zz", "pay_per_item": 0.1}, ["annotation.a.country", "ISO 3166-1"]),
])
def test_bad_annotation_fails_naming_the_field(ph, words):
    with pytest.raises(SpecError) as exc:
        estimate(with_annotation(**ph))
    for w in words:
        assert w in str(exc.value), (w, str(exc.value))


def test_cli_shows_the_costs_and_refuses_bad_annotation(tmp_path):
    spec = tmp_path / "s.toml"
    spec.write_text('name = "c"\n[datacenters.dc]\nregion = "FR"\n[fleets.f]\naccelerator = "nvidia-h100-sxm5-80gb"\n'
                    'accelerators = 8\n[[training]]\nname = "t"\ndevice_hours = 100\naccelerator_power_w = 700\n'
                    '[[annotation]]\nname = "labels"\nitems = 1e5\ntask = "bounding-box"\ncountry = "PH"\n'
                    'pay_per_item = 0.02\n')
    r = run_cli("estimate", spec, "-n", "500")
    assert r.returncode == 0, r.stderr
    assert "hidden labour" in r.stdout and "supply-chain risk" in r.stdout and "rock" in r.stdout
    r = run_cli("estimate", spec, "--json", "-n", "200")
    doc = json.loads(r.stdout)
    assert doc["labor"][0]["phase"] == "labels" and doc["risk"] and "rock" in doc["total"]
    out = tmp_path / "r.md"
    assert run_cli("report", spec, "-f", "md", "-o", out, "-n", "200").returncode == 0
    md = out.read_text()
    assert "## Hidden labour" in md and "## Supply-chain risk of the metals" in md and "rock moved" in md
    spec.write_text(spec.read_text().replace('task = "bounding-box"', 'task = "preference-comparison"'))
    r = run_cli("estimate", spec)
    assert r.returncode == 2 and "seconds_per_item" in r.stderr and "Traceback" not in r.stderr
