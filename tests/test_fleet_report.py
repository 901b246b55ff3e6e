"""Fleet accounting, report (issue #15): per-job rules written as arithmetic, the model's own functions for power,
use and embodied share, measured energy only where it is the job's own, failed and cancelled jobs, partitions no
fleet serves, bad input (one line, exit 2, nothing written), every number finite."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from footprint.cli import app
from footprint.errors import FootprintError
from footprint.fleet import fleet_report, import_jobs
from footprint.fleet.cluster import load_cluster
from footprint.model.evaluate import busy_parts, embodied_rows, point

DATA = Path(__file__).resolve().parent / "data" / "fleet"

#: A cluster whose data center has every use factor given (constants): the use stage is plain arithmetic.
ARITH = {
    "name": "arithmetic",
    "datacenters": {"dc": {"region": "FR", "pue": 1.25, "wue_l_per_kwh": 0.5, "grid_kgco2e_per_kwh": 0.1,
                           "electricity_water_l_per_kwh": 2.0}},
    "fleets": {"cpu": {"node": "cpu-server-2s", "nodes": 10, "lifetime_years": 5, "utilization": 0.5},
               "gpu": {"accelerator": "nvidia-h100-sxm5-80gb", "accelerators": 32, "accelerators_per_node": 8,
                       "lifetime_years": 4, "utilization": 1.0}},
}


@pytest.fixture(scope="module")
def csv_jobs(tmp_path_factory):
    return import_jobs([DATA / "jobs.csv"], tmp_path_factory.mktemp("r") / "jobs.parquet").path


@pytest.fixture(scope="module")
def sacct_jobs(tmp_path_factory):
    return import_jobs([DATA / "sacct_sample.txt"], tmp_path_factory.mktemp("s") / "jobs.parquet",
                       tz="Europe/Zurich").path


@pytest.fixture(scope="module")
def arith(csv_jobs):
    return fleet_report(csv_jobs, ARITH, samples=0)


def gpu_w():
    """W per GPU of the H100 fleet's power model (footprint.model.power), host share included."""
    c = load_cluster(ARITH)
    return sum(busy_parts(c.fleets["gpu"].power, point, "gpu", 1.0).values()) * 1000.0


def test_energy_is_measured_or_modelled_as_the_arithmetic_says(arith):
    t = arith.total
    cpu_w_per_core = 205 / 32  # intel-xeon-gold-6338 (cpu-server-2s): TDP 205 W, 32 cores (cpus.csv)
    reg = load_cluster(ARITH).registry
    assert reg.get("use.cpu.usage_factor").value == 1.0 and reg.get("use.memory.power_per_gb").value == 0.3725
    measured = 576e6 / 3.6e6  # g-1: exclusive, 2 nodes, 8 kW per node: plausible
    cpu = (64 * 2 + 16 * 0.5) * cpu_w_per_core / 1000  # c-1 (2 h, 64 cores), c-2 (0.5 h, 16 cores)
    mem = (64 * 2 + 16 * 0.5) * 0.3725 / 1000  # 64 GiB x 2 h, 16 GiB x 0.5 h
    gpu = 2 * 1.0 * gpu_w() / 1000  # g-2: 2 GPUs x 1 h, not measured
    assert t["it_measured_kwh"] == pytest.approx(measured)
    assert t["it_cpu_kwh"] == pytest.approx(cpu) and t["it_memory_kwh"] == pytest.approx(mem)
    assert t["it_gpu_kwh"] == pytest.approx(gpu)
    it = measured + cpu + mem + gpu
    assert t["it_kwh"] == pytest.approx(it)
    assert t["energy_kwh"] == pytest.approx(it * 1.25)
    assert t["gwp_use_kg"] == pytest.approx(it * 1.25 * 0.1) == pytest.approx(t["gwp_use_annual_kg"])
    assert t["water_l"] - t["water_embodied_l"] == pytest.approx(it * 0.5 + it * 1.25 * 2.0)
    assert t["hourly_jobs"] == 0  # FR, and the grid is given: annual intensity


def test_embodied_share_of_the_hours_reserved_is_the_models(arith):
    c = load_cluster(ARITH)
    t = arith.total
    # node-hours: c-1 whole node 2 h; c-2 a quarter of a node (16 of 64 CPUs) 0.5 h; g-1 2 nodes 10 h;
    # g-2 a quarter of a node (2 of 8 GPUs) 1 h
    cpu_nodes, gpu_nodes = 2 + 0.25 * 0.5, 2 * 10 + 0.25 * 1
    assert t["node_h"] == pytest.approx(cpu_nodes + gpu_nodes)
    assert t["acc_h"] == pytest.approx(gpu_nodes * 8)
    expect = 0.0
    for name, nodes, accs in (("cpu", cpu_nodes, 0.0), ("gpu", gpu_nodes, gpu_nodes * 8)):
        rows, _ = embodied_rows(c.fleets[name].fleet, point, {"accelerators": accs, "nodes": nodes})
        expect += sum(r.value for r in rows if r.criterion == "gwp")
    assert t["gwp_embodied_kg"] == pytest.approx(expect)
    assert t["gwp_kg"] == pytest.approx(t["gwp_use_kg"] + expect)


def test_failed_and_cancelled_jobs_are_kept_apart(arith):
    s = arith.tables["states"].set_index("state_class")
    assert s.loc["failed", "jobs"] == 1 and s.loc["cancelled", "jobs"] == 1 and s.loc["completed", "jobs"] == 2
    assert s["gwp_kg"].sum() == pytest.approx(arith.value("gwp_kg"))
    g = arith.tables["groups"]
    assert g["gwp_kg"].sum() == pytest.approx(arith.value("gwp_kg"))
    assert set(g["user"]) == {"ana", "ben"} and set(g["month"]) == {"2025-01", "2025-02"}


def test_measured_energy_only_for_exclusive_allocations(sacct_jobs):
    rep = fleet_report(sacct_jobs, DATA / "cluster.toml", samples=0)
    t = rep.total
    # exclusive: 4410021 (4 of 4 GPUs), 4410022 (1152 CPUs on 4 nodes of 288), 4410023, 4410152, 4410300+0/+1;
    # shared: the array tasks on cpu-b101 (16 CPUs), 4410154 (32 of 288 CPUs), 4410400 (1 of 4 GPUs)
    measured = [39802466, 7669873, 249506210, 2206, 149780817, 75185010]
    assert t["measured_jobs"] == len(measured) and t["shared_energy_jobs"] == 4
    assert t["it_measured_kwh"] == pytest.approx(sum(measured) / 3.6e6)
    src = rep.tables["sources"].set_index("energy")
    assert src.loc["measured", "it_kwh"] == pytest.approx(sum(measured) / 3.6e6)
    assert src["share"].sum() == pytest.approx(1.0)


def test_implausible_measured_energy_is_set_aside(sacct_jobs, tmp_path):
    rep = fleet_report(sacct_jobs, DATA / "cluster.toml", samples=0, max_node_w=700)
    # 4410023: 249.5 MJ over 43,203 s on 2 nodes = 2.9 kW per node > 700 W; 4410300+1 likewise
    assert rep.total["implausible_jobs"] >= 2
    assert any("plausible power" in n for n in rep.notes)


def test_a_partition_no_fleet_serves_is_an_error_naming_it_and_the_fleets(sacct_jobs):
    spec = {"name": "x", "datacenters": {"dc": {"region": "US-VA"}},
            "fleets": {"gpu": {"accelerator": "nvidia-h100-sxm5-80gb", "accelerators": 8}}}
    with pytest.raises(FootprintError) as e:
        fleet_report(sacct_jobs, spec, samples=0)
    msg = str(e.value)
    assert "'normal'" in msg and "'shared'" in msg and "gpu serves gpu" in msg and "partitions = [...]" in msg
    two = {"name": "x", "datacenters": {"dc": {"region": "US-VA"}},
           "fleets": {"a": {"node": "cpu-server-2s", "nodes": 1, "partitions": ["p"]},
                      "b": {"node": "cpu-server-2s", "nodes": 1, "partitions": ["p"]}}}
    with pytest.raises(FootprintError, match="partition 'p' is served by fleet 'a' too"):
        fleet_report(sacct_jobs, two, samples=0)


def test_ranges_and_every_number_finite(sacct_jobs):
    rep = fleet_report(sacct_jobs, DATA / "cluster.toml", samples=400, seed=3)
    for name, df in rep.tables.items():
        num = df.select_dtypes("number").to_numpy(dtype=float)
        assert np.isfinite(num).all(), name
    t = rep.total
    for q in ("gwp_kg", "energy_kwh", "water_l", "gwp_embodied_kg"):
        assert t[f"{q}_p5"] < t[f"{q}_p50"] < t[f"{q}_p95"], q
    assert t["it_measured_kwh_p5"] == pytest.approx(t["it_measured_kwh_p95"])  # measured energy is taken as it is
    g = rep.tables["groups"]
    assert (g["gwp_kg_p5"] <= g["gwp_kg_p95"]).all()
    w = rep.tables["whatifs"]
    assert (w["saving_kg"] >= 0).all() and (w["saving_kg"] <= t["gwp_use_kg"]).all()
    assert w["saving_kg"].iloc[1] >= w["saving_kg"].iloc[0] * 0.5  # pausing in the dirtiest hours saves as much


def test_the_report_says_which_jobs_used_hourly_intensity(sacct_jobs):
    rep = fleet_report(sacct_jobs, DATA / "cluster.toml", samples=0)
    h = rep.tables["hourly"].set_index("fleet")
    assert set(h["zone"]) == {"PJM"} and h["hourly_jobs"].sum() == 13  # 4410401 never started
    assert "modelled" in h.loc["gpu", "kind"]
    assert any("13 of 14 job(s) used hourly (modelled) intensity" in n for n in rep.notes)
    assert rep.value("gwp_use_kg") != pytest.approx(rep.value("gwp_use_annual_kg"), rel=1e-6)


def test_a_spec_with_phases_reads_the_same(sacct_jobs):
    import tomllib

    spec = tomllib.loads((DATA / "cluster.toml").read_text())
    a = fleet_report(sacct_jobs, spec, samples=0)
    spec["training"] = [{"name": "t", "fleet": "gpu", "device_hours": 10.0}]
    b = fleet_report(sacct_jobs, spec, samples=0)
    assert a.value("gwp_kg") == pytest.approx(b.value("gwp_kg"))


def test_html_csv_parquet_written_together(sacct_jobs, tmp_path):
    import pandas as pd

    out, csv, pq_ = tmp_path / "f.html", tmp_path / "f.csv", tmp_path / "f.parquet"
    r = CliRunner().invoke(app, ["fleet", "report", str(sacct_jobs), "--system", str(DATA / "cluster.toml"), "-o",
                                 str(out), "--csv", str(csv), "--parquet", str(pq_), "--samples", "200",
                                 "--by", "account,month"])
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert not re.search(r"<script[^>]+src=", text) and not re.search(r"<link[^>]+href=", text)
    assert text.count("Plotly.newPlot(") >= 6
    for section in ("totals", "months", "groups", "sources", "states", "hourly", "whatifs", "assumptions"):
        assert f'id="{section}"' in text
    g = pd.read_csv(csv)
    assert list(g.columns[:2]) == ["account", "month"] and g["jobs"].sum() == 14
    assert pd.read_parquet(pq_).shape == g.shape


def test_names_from_the_job_table_are_escaped(tmp_path):
    f = tmp_path / "j.csv"
    f.write_text("job_id,user,account,partition,state,start,elapsed_s,nodes,cpus,gpus\n"
                 '1,<script>alert(1)</script>,"<img src=x onerror=alert(2)>",cpu,COMPLETED,2025-01-01T00:00:00Z,'
                 "60,1,4,0\n")
    jobs = import_jobs([f], tmp_path / "j.parquet").path
    html = fleet_report(jobs, ARITH, samples=0).html()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html


def run_cli(*args):
    r = CliRunner().invoke(app, ["fleet", *map(str, args)])
    return r.exit_code, r.output


def test_bad_input_is_one_line_exit_2_and_nothing_written(sacct_jobs, tmp_path):
    out = tmp_path / "f.html"
    for args in ([tmp_path / "missing.parquet", "--system", DATA / "cluster.toml"],
                 [DATA / "jobs.csv", "--system", DATA / "cluster.toml"],
                 [sacct_jobs, "--system", tmp_path / "nope.toml"],
                 [sacct_jobs, "--system", DATA / "cluster.toml", "--by", "user,colour"],
                 [sacct_jobs, "--system", DATA / "cluster.toml", "--engine", "spark"],
                 [sacct_jobs, "--system", DATA / "cluster.toml", "--scheduler", "tcp://localhost:1"],
                 [sacct_jobs, "--system", DATA / "cluster.toml", "--grid-basis", "marginal"],
                 [sacct_jobs, "--system", DATA / "cluster.toml", "--csv", tmp_path / "no" / "f.csv"],
                 [sacct_jobs, "--system", DATA / "cluster.toml", "--csv", out]):
        code, output = run_cli("report", *args, "-o", out)
        assert code == 2, (args, output)
        assert len([ln for ln in output.splitlines() if ln.startswith("error:")]) == 1, output
        assert not out.exists()
    code, output = run_cli("report", sacct_jobs, "--system", DATA / "cluster.toml", "--window", "-1", "-o", out)
    assert code == 2 and "--window" in output  # typer's own check of the option's range
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_unserved_partition_from_the_cli(sacct_jobs, tmp_path):
    code, out = run_cli("report", sacct_jobs, "--system", Path(__file__).resolve().parent.parent / "examples" /
                        "llm.toml", "-o", tmp_path / "f.html")
    assert code == 2 and "served by no fleet" in out and "gpus serves gpus" in out
    assert not (tmp_path / "f.html").exists()


def test_point_total_is_the_sum_of_the_groups(sacct_jobs):
    rep = fleet_report(sacct_jobs, DATA / "cluster.toml", samples=0, by=("user",))
    for table in ("groups", "months", "fleets", "states"):
        df = rep.tables[table]
        for q in ("gwp_kg", "energy_kwh", "water_l", "fs_saving_kg"):
            assert math.isclose(df[q].sum(), rep.value(q), rel_tol=1e-9), (table, q)
