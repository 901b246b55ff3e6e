"""Fleet accounting, Kepler inputs (issue #15): counters with resets, overlapping RAPL zones, pods and their
containers, Kepler 0.7 names, one scrape without time."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from footprint.fleet import import_jobs
from footprint.fleet.errors import JobFileError

DATA = Path(__file__).resolve().parent / "data" / "fleet"
POD = "5f0e6a7c-1111-4c2b-9d3e-aaaaaaaaaaaa"
DONE = "7a1b2c3d-2222-4e5f-8a9b-bbbbbbbbbbbb"


def pods(path) -> dict:
    df = pq.read_table(path).to_pandas()
    df = df.astype(object).where(df.notna(), None)
    return {r["job_id"]: r for r in df.to_dict(orient="records")}


def test_range_query_increase_with_a_counter_reset(tmp_path):
    s = import_jobs([DATA / "kepler_range.csv"], tmp_path / "k.parquet", partition="k8s")
    assert s.inputs[0].format == "kepler"
    p = pods(s.path)
    # package: 5 one-minute steps of 9078 J, and the 9020 J read after the restart (it counts from 0)
    cpu = 5 * 9078 + 9020
    gpu = 3 * 78120 + 41960 + 2 * 78120
    assert p[POD]["energy_j"] == pytest.approx(cpu + gpu)
    assert p[POD]["elapsed_s"] == 360 and p[POD]["state"] == "ACTIVE" and p[POD]["account"] == "team-nlp"
    assert p[POD]["partition"] == "k8s" and p[POD]["energy_scope"] == "job" and p[POD]["node_list"] == "gpu-node-07"
    assert p[DONE]["energy_j"] == 0 and p[DONE]["state"] == "COMPLETED"  # terminated: constant over the window
    assert "active energy" in p[POD]["energy_source"]


def test_one_scrape_gives_the_counters_and_no_run_time(tmp_path):
    s = import_jobs([DATA / "kepler_scrape.txt"], tmp_path / "k.parquet")
    p = pods(s.path)
    # pod-level package + dram + gpu (the container series are not added a second time)
    assert p[POD]["energy_j"] == pytest.approx(3.6131715e07 + 2.891865e06 + 2.86312e08)
    assert p[DONE]["energy_j"] == pytest.approx(3.802245e06 + 2.97014e05 + 2.9381e07)
    assert p[POD]["start"] is None and p[POD]["elapsed_s"] == 0
    assert any("no run time" in n for n in s.inputs[0].notes)


def test_kepler_07_names_sum_containers_dynamic_and_idle(tmp_path):
    p = pods(import_jobs([DATA / "kepler_scrape_v07.txt"], tmp_path / "k.parquet").path)
    assert list(p) == ["team-nlp/llm-ft-0"]
    assert p["team-nlp/llm-ft-0"]["energy_j"] == pytest.approx(
        2.9911204e07 + 1.1557633e07 + 2.401552e06 + 8.72611e05 + 2.86312e08 + 4.857187e07)


def test_not_a_kepler_file(tmp_path):
    f = tmp_path / "k.csv"
    f.write_text("timestamp,metric,value\n1,kepler_node_cpu_joules_total,3\n")
    with pytest.raises(JobFileError, match="no pod energy counter"):
        import_jobs([f], tmp_path / "o.parquet")
    g = tmp_path / "k2.csv"
    g.write_text("timestamp,metric,pod_id,value\n1,kepler_pod_cpu_joules_total,a,oops\n")
    with pytest.raises(JobFileError, match="value is not a number"):
        import_jobs([g], tmp_path / "o.parquet")
    assert not (tmp_path / "o.parquet").exists()


def test_pods_in_a_report(tmp_path):
    from footprint.fleet import fleet_report

    jobs = import_jobs([DATA / "kepler_range.csv"], tmp_path / "k.parquet", partition="k8s").path
    spec = {"name": "k8s", "datacenters": {"dc": {"region": "US-CA"}},
            "fleets": {"nodes": {"accelerator": "nvidia-h100-sxm5-80gb", "accelerators": 8, "partitions": ["k8s"]}}}
    rep = fleet_report(jobs, spec, samples=0)
    t = rep.total
    assert t["measured_jobs"] == 1 and t["it_measured_kwh"] == pytest.approx((5 * 9078 + 9020 + 432560) / 3.6e6)
    assert t["no_allocation_jobs"] == 2 and t["gwp_embodied_kg"] == 0
    assert any("no CPU or GPU allocated" in n for n in rep.notes)
