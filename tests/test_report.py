"""The lifecycle report (issue #5): its numbers are the estimate's, its HTML is self-contained and escaped,
its Markdown and JSON forms, and the `footprint report` command."""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from helpers import run_cli

import footprint
from footprint.report import make_report
from footprint.report import data as D
from footprint.report.fmt import num

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "llm.toml"

EVIL = '<script>document.title="pwned";document.body.setAttribute("data-pwned","1")</script>'

#: A small system whose names are hostile, with two phases; point values are hand-computable.
def small_spec(name=EVIL, phase="<img src=x onerror=alert(1)>"):
    return {
        "name": name,
        "datacenters": {"dc": {"region": "FR", "pue": 1.2, "wue_l_per_kwh": 0.5, "grid_kgco2e_per_kwh": 0.1,
                               "electricity_water_l_per_kwh": 2.0}},
        "fleets": {"gpus": {"accelerator": "nvidia-h100-sxm5-80gb", "accelerators": 8}},
        "training": [{"name": phase, "device_hours": 800, "accelerator_power_w": 500}],
        "inference": [{"name": "serve & <b>bold</b>", "requests": 1e6, "energy_wh_per_request": 1.0, "days": 30}],
    }


@pytest.fixture(scope="module")
def rep():
    return make_report(EXAMPLE, samples=2000, seed=1, sensitivity_samples=64)


@pytest.fixture(scope="module")
def html(rep):
    return rep.to_html()


@pytest.fixture(scope="module")
def evil():
    return make_report(small_spec(), samples=500, seed=2, sensitivity=False)


def test_headline_is_the_estimate_total(rep, html):
    est = footprint.estimate(EXAMPLE, samples=2000, seed=1)
    want = est.total.set_index("criterion")
    got = rep.tables["headline"].set_index("criterion")
    for c in ("gwp", "energy", "water", "adpe", "pe"):
        assert got.loc[c, "value"] == want.loc[c, "value"]
        assert got.loc[c, "p5"] == want.loc[c, "p5"] and got.loc[c, "p95"] == want.loc[c, "p95"]
    m = re.search(r'data-criterion="gwp" data-value="([^"]+)"', html)
    assert float(m.group(1)) == want.loc["gwp", "value"]


def test_html_is_self_contained_with_plotly_once(rep, html):
    figs = rep.figures()
    assert list(figs) == ["stages", "sankey", "timeline", "materials", "risk", "water", "distribution", "drivers",
                          "placement"]
    assert html.count("Plotly.newPlot(") == 9
    assert html.count('<div class="plot" id="fig-') == 9
    assert html.count("<script") == 1 + 9  # plotly.js once, one call per figure
    assert len(re.findall(r"plotly\.js v\d", html)) == 1  # the library's banner: embedded exactly once
    assert not re.search(r"<script[^>]+src=", html) and not re.search(r"<link[^>]+href=", html)


def test_every_factor_is_in_the_assumptions(rep, html):
    a = rep.tables["assumptions"]
    assert len(a) == len(rep.estimate.assumptions) and a["factor_id"].is_unique
    assert "cloud.aws.us-east-1" in set(a["factor_id"])
    assert html.count("<tr>") >= len(a)
    row = a.set_index("factor_id").loc["cloud.aws.us-east-1"]
    assert row["license"] in html and "IPCC AR5" in row["source"] and "EIA 2023" in row["source"]  # life-cycle, from the mix


def test_equivalents_from_the_cited_table(rep, registry):
    eq = rep.tables["equivalents"].set_index("item")
    gwp = rep.estimate.total.set_index("criterion").loc["gwp", "value"]
    energy = rep.estimate.total.set_index("criterion").loc["energy", "value"]
    assert eq.loc["passenger-vehicle-year", "count"] == pytest.approx(gwp / 4600)
    assert eq.loc["us-household-year", "count"] == pytest.approx(energy / 10791)
    assert eq.loc["olympic-pool", "count"] == pytest.approx(rep.estimate.total.set_index("criterion").loc["water", "value"] / 2.5e6)
    assert registry.get("equiv.passenger-vehicle-year.gwp").url.startswith("https://www.epa.gov/")


def test_sankey_flows_add_up_to_the_total(rep):
    links = rep.tables["sankey"]
    gwp = rep.estimate.total.set_index("criterion").loc["gwp", "value"]
    assert links.loc[links.target == "total", "value"].sum() == pytest.approx(gwp, rel=1e-12)
    assert links.loc[links.target != "total", "value"].sum() == pytest.approx(gwp, rel=1e-12)
    assert set(links.loc[links.target == "total", "source"]) == {"extraction", "manufacture", "transport", "use", "end_of_life"}


def test_stage_matrix(rep):
    m = rep.tables["stages"]
    r = rep.estimate.results
    assert list(m.index) == ["extraction", "manufacture", "transport", "use", "end_of_life"]
    assert m.loc["use", "energy"] == pytest.approx(r[(r.stage == "use") & (r.criterion == "energy")].value.sum())
    assert m.loc["transport", "water"] == 0.0


def test_water_split_by_hand(evil):
    # small spec: IT energy of training = 800 h x 500 W = 400 kWh; serving = 1e6 x 1 Wh = 1000 kWh busy + idle
    r = evil.estimate.results
    use_energy = r[(r.stage == "use") & (r.criterion == "energy")].value.sum()  # at the meter, PUE 1.2
    w = evil.tables["water"].set_index("part")["water_l"]
    assert w["onsite_cooling"] == pytest.approx(use_energy / 1.2 * 0.5)
    assert w["offsite_electricity"] == pytest.approx(use_energy * 2.0)
    assert w["onsite_cooling"] + w["offsite_electricity"] == pytest.approx(r[(r.stage == "use") & (r.criterion == "water")].value.sum())
    assert w["chip_fabrication"] == pytest.approx(r[(r.stage == "manufacture") & (r.criterion == "water")].value.sum())
    assert w["metal_extraction"] == pytest.approx(r[(r.stage == "extraction") & (r.criterion == "water")].value.sum())
    split = evil.tables["water"].set_index("part")
    assert (split.p5 <= split.water_l * 1.5).all() and (split.p5 < split.p95).all()
    train = r[(r.stage == "use") & (r.criterion == "energy") & (r.phase == "<img src=x onerror=alert(1)>")].value.sum()
    assert train == pytest.approx(800 * 500 / 1000 * 1.2)


def test_timeline_phases_end_to_end(evil):
    t = evil.tables["timeline"]
    r = evil.estimate.results
    serve = r[(r.stage == "use") & (r.criterion == "gwp") & (r.phase == "serve & <b>bold</b>")].value.sum()
    assert t[t.phase == "serve & <b>bold</b>"].gwp_kgco2e.max() == pytest.approx(serve)
    # training: 800 device-hours on 8 accelerators = 100 h; then 30 days of serving
    assert t.day.max() == pytest.approx(100 / 24 + 30)
    first = t[t.phase == "serve & <b>bold</b>"].sort_values("day")
    assert first[first.day <= 100 / 24].gwp_kgco2e.max() == 0.0


def test_materials_mining_impacts(rep, registry):
    m = rep.tables["materials"].set_index("material")
    kg = m.loc["copper", "kg"]
    assert m.loc["copper", "gwp_kgco2e"] == pytest.approx(kg * registry.get("mat.copper.gwp").value)
    assert m.loc["copper", "producers"].startswith("CL ")


def test_user_strings_are_escaped(evil):
    html = evil.to_html()
    assert "<script>document.title" not in html
    assert "<img src=x" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;document.title=&quot;pwned&quot;" in html  # the name, shown as text
    # inside the figures' JSON no '<' survives: a name cannot close the script element
    for script in re.findall(r"<script>(.*?)</script>", html, flags=re.S):
        assert "<" not in script
    md = evil.to_markdown()
    assert "<script>" not in md and "<img" not in md and "&lt;script&gt;" in md


def test_markdown_and_json(rep):
    md = rep.to_markdown()
    gwp = rep.estimate.total.set_index("criterion").loc["gwp"]
    assert f"| gwp | {num(gwp['p50'] / 1000)} |" in md  # the headline is the median of the draws
    assert "## Assumptions and sources" in md and "## Water" in md and "## Training beside published runs" in md
    js = json.loads(rep.to_json())
    assert js == json.loads(rep.estimate.to_json())
    assert js["total"]["gwp"]["value"] == gwp["value"]
    assert set(js) >= {"total", "results", "materials", "assumptions", "sensitivity", "notes"}


def test_placement_beside_published_runs(rep):
    pl = rep.tables["placement"]
    mine = pl[pl.source == "this system"]
    assert list(mine.phase) == ["pretraining"]
    r = rep.estimate.results
    e = r[(r.stage == "use") & (r.phase == "pretraining") & (r.criterion == "energy")].value.sum()
    assert mine.energy_kwh.iloc[0] == pytest.approx(e)
    assert mine.energy_pj_per_parameter_token.iloc[0] == pytest.approx(e * 3.6e18 / (6.7e9 * 1e12))
    assert (pl.source == "published").sum() >= 10


def test_no_placement_without_parameters(evil):
    assert evil.tables["placement"] is None and "placement" not in evil.figures()


def test_measured_runs_section(evil):
    from footprint.model import MeasuredRun

    run = MeasuredRun("r-<1>", 1.25, 1.0, "finished", "l.db", name="tiny <run>", started="2026-11-29T10:00:00Z",
                      ended="2026-11-29T11:00:00Z", components={"gpu": 1.25}, methods={"gpu": "energy counter"})
    with_run = types.SimpleNamespace(runs=(("train", run),))
    runs = D.measured_runs(with_run)  # plain data handed over with the estimate: no ledger is opened here
    assert list(runs.run_id) == ["r-<1>"] and list(runs.energy_kwh) == [1.25] and list(runs.method) == ["energy counter"]
    without = types.SimpleNamespace(runs=())
    assert len(D.measured_runs(without)) == 0
    rep = footprint.report.Report(evil.spec, evil.estimate, {**evil.tables, "measured_runs": runs})
    html = rep.to_html()
    assert "energy counter" in html and "tiny &lt;run&gt;" in html and "tiny <run>" not in html


def run(*args, cwd=None):
    return run_cli(*args, cwd=cwd)


def test_cli_report_html(tmp_path):
    r = run("report", str(EXAMPLE), "--samples", "500", "--seed", "1", "--no-sensitivity", "-o", "out.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out.html"
    assert str(out.resolve()) in r.stderr
    text = out.read_text()
    assert text.startswith("<!DOCTYPE html>") and text.count("Plotly.newPlot(") == 8  # no sensitivity: no drivers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html"]


def test_cli_report_default_path_and_json(tmp_path):
    r = run("report", str(EXAMPLE), "--samples", "0", "--no-sensitivity", cwd=tmp_path)
    assert r.returncode == 0 and (tmp_path / "report.html").is_file()
    r = run("report", str(EXAMPLE), "--samples", "200", "--seed", "3", "--no-sensitivity", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0
    js = json.loads(r.stdout)
    est = footprint.estimate(EXAMPLE, samples=200, seed=3)
    assert js["total"]["gwp"]["value"] == est.total.set_index("criterion").loc["gwp", "value"]
    assert js["total"]["gwp"]["p95"] == pytest.approx(est.total.set_index("criterion").loc["gwp", "p95"], rel=1e-3)


@pytest.mark.parametrize("args, words", [
    (["--format", "pdf"], ["pdf", "html, md, json"]),
    (["-o", "missing/dir/r.html"], ["missing/dir"]),
])
def test_cli_report_bad_options_exit_2(tmp_path, args, words):
    r = run("report", str(EXAMPLE), "--samples", "0", "--no-sensitivity", *args, cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and all(w in r.stderr for w in words)
    assert list(tmp_path.iterdir()) == []


def test_cli_report_bad_spec_writes_nothing(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(EXAMPLE.read_text().replace("nvidia-a100-sxm4-80gb", "nvidia-a999"))
    r = run("report", str(bad), "--samples", "0", "-o", "r.html", cwd=tmp_path)
    assert r.returncode == 2 and "fleets.gpus.accelerator" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_write_is_atomic(tmp_path, evil, monkeypatch):
    target = tmp_path / "r.html"
    target.write_text("old")

    def boom(self, fmt="html"):
        raise RuntimeError("render failed")

    monkeypatch.setattr(type(evil), "render", boom)
    with pytest.raises(RuntimeError):
        evil.write(target)
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_sections_follow_the_spec():
    # no serving days, no draws, no sensitivity, no parameters: no timeline, distribution, drivers nor placement
    spec = small_spec(name="plain", phase="train")
    del spec["inference"][0]["days"]
    rep = make_report(spec, samples=0, sensitivity=False)
    assert list(rep.figures()) == ["stages", "sankey", "materials", "risk", "water"]
    html = rep.to_html()
    assert html.count("Plotly.newPlot(") == 5 and "point estimate (no draws)" in html
    assert 'id="labor"' not in html  # no annotation: no hidden-labour section
    h = rep.tables["headline"].set_index("criterion")
    assert (h.p5 == h.value).all() and (h.p95 == h.value).all()


def test_progress_bar_only_for_long_runs(monkeypatch):
    from footprint.cli import common

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert common.progress_bar(10_000, common.PROGRESS_FROM_SAMPLES - 1) is None  # under about a second: no bar
    bar = common.progress_bar(5_000_000, 5_000_000)
    try:
        assert isinstance(bar, common.Progress)
        bar(250_000, 5_000_000)
        assert bar.bar.tasks[0].completed == 250_000 and bar.bar.tasks[0].total == 5_000_000
    finally:
        bar.close()


def test_measured_run_from_the_tracker_end_to_end(tmp_path, monkeypatch):
    monkeypatch.setenv("FOOTPRINT_LEDGER", str(tmp_path / "ledger.db"))
    monkeypatch.chdir(tmp_path)
    with footprint.track(name="tiny <run>", region="FR", interval_s=0.2, quiet=True) as run:
        sum(i * i for i in range(200_000))
    spec = {"name": "measured", "datacenters": {"lab": {"region": "FR", "pue": 1.5}},
            "fleets": {"cpu": {"node": "cpu-server-2s", "nodes": 1}},
            "training": [{"name": "train", "run": run.id}]}
    rep = make_report(spec, samples=0, sensitivity=False)
    mr = rep.tables["measured_runs"]
    assert set(mr.run_id) == {run.id} and set(mr.component) == set(run.energy_kwh)
    assert mr.energy_kwh.sum() == pytest.approx(sum(run.energy_kwh.values()))
    r = rep.estimate.results
    assert r[(r.stage == "use") & (r.criterion == "energy")].value.sum() == pytest.approx(mr.energy_kwh.sum() * 1.5)
    html = rep.to_html()
    assert run.id in html and "tiny &lt;run&gt;" in html and "tiny <run>" not in html
    for method in set(mr.method.dropna()):
        assert method in html


def test_water_split_adds_up_to_the_water_total(rep):
    split = rep.tables["water"].set_index("part")
    total = rep.estimate.total.set_index("criterion").loc["water"]
    assert split.water_l.sum() == pytest.approx(total.value)
    assert split.share.sum() == pytest.approx(1.0)
    # ranges from the estimate's own draws: the table PUE, WUE and water intensities are uncertain
    assert (split.p5 <= split.p95).all() and split.loc["offsite_electricity", "p5"] < split.loc["offsite_electricity", "p95"]


def test_point_outside_its_range_is_said():
    total = pd.DataFrame([
        dict(criterion="adpe", value=1.9, p5=2.1, p50=3.4, p95=5.8, unit="kgSbeq"),
        dict(criterion="gwp", value=128.0, p5=108.0, p50=142.0, p95=189.0, unit="kgCO2e"),
        dict(criterion="energy", value=5.0, p5=5.0, p50=5.0, p95=5.0, unit="kWh"),  # no range: nothing to say
    ])
    said = D.outside_range(total)
    assert len(said) == 1 and said[0].startswith("adpe: the point estimate is below the 5th percentile")
    assert "median 3.4 kgSbeq" in said[0]


def test_report_of_a_measured_run_beside_a_serving_phase(tmp_path):
    """A training phase with run = "ID" and no hours, next to an [[inference]] phase with days: the report is
    written (html and md), and the time line takes the run's measured duration from the resolved phase."""
    from footprint.tracker.ledger import Ledger

    led = tmp_path / "l.db"
    Ledger(led).write({"id": "abc123def456", "status": "finished", "kind": "run", "started": 1.0e9,
                       "ended": 1.0e9 + 7200, "duration_s": 7200.0, "cpu_kwh": 1.0, "gpu_kwh": 10.0, "ram_kwh": 0.5}, ())
    spec = small_spec(name="measured", phase="train")
    spec["training"] = [{"name": "train", "run": "abc123"}]
    rep = make_report(spec, samples=200, seed=1, sensitivity=False, ledger=led)
    t = rep.tables["timeline"]
    assert t.day.max() == pytest.approx(2 / 24 + 30)  # 2 h measured, then 30 days of serving
    assert "abc123def456" in rep.to_html() and "abc123def456" in rep.to_markdown()
    toml = tmp_path / "s.toml"
    toml.write_text('name = "m"\n[datacenters.dc]\nregion = "FR"\n[fleets.gpus]\naccelerator = "nvidia-h100-sxm5-80gb"\n'
                    'accelerators = 8\n[[training]]\nname = "train"\nrun = "abc123"\n[[inference]]\nname = "serve"\n'
                    'requests = 1e6\nenergy_wh_per_request = 1.0\ndays = 30\n')
    for fmt in ("html", "md"):
        r = run("report", toml, "--samples", "100", "--no-sensitivity", "--format", fmt, "-o", f"r.{fmt}",
                "--ledger", led, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert (tmp_path / f"r.{fmt}").read_text().count("abc123def456") >= 1


def test_markdown_cells_cannot_split_rows_or_format():
    """A carriage return, a newline, a pipe, an escape sequence or Markdown markup in a name stays inside its cell."""
    phase = "a|b\rc\nd\x1b[31m*e*_f_`g`[h](i)"
    md = make_report(small_spec(name="n\r\n# heading", phase=phase), samples=0, sensitivity=False).to_markdown()
    row = next(line for line in md.splitlines() if line.startswith("| a\\|"))
    assert row.startswith("| a\\|b\\\\rc\\\\nd\\\\x1b\\[31m\\*e\\*\\_f\\_\\`g\\`\\[h\\](i) |")
    assert "\r" not in md and "\x1b" not in md
    assert not any(line.startswith("# heading") for line in md.splitlines())
    cells = row.replace("\\|", "").count("|")
    header = next(line for line in md.splitlines() if line.startswith("| phase"))
    assert cells == header.count("|")
