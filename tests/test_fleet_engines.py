"""Fleet accounting, engines (issue #15): DuckDB (default), pandas and Dask (dask.dataframe on a dask.distributed
LocalCluster) give the same sums per group and the same report, to floating-point tolerance."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from footprint.fleet import fleet_report
from footprint.fleet.cluster import load_cluster
from footprint.fleet.engines import run_engine
from footprint.fleet.plan import SUMS, make_plan
from footprint.fleet.synthetic import write_jobs

DATA = Path(__file__).resolve().parent / "data" / "fleet"

pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword")  # inside dask (pandas 3.1)

CLUSTER = {
    "name": "synthetic",
    "datacenters": {"east": {"region": "aws:us-east-1"}, "fr": {"region": "FR"}},
    "fleets": {"gpu": {"datacenter": "east", "accelerator": "nvidia-h100-sxm5-80gb", "accelerators": 64,
                       "accelerators_per_node": 4},
               "cpu": {"datacenter": "fr", "node": "cpu-server-2s", "nodes": 100}},
}


@pytest.fixture(scope="module")
def jobs(tmp_path_factory):
    path = tmp_path_factory.mktemp("eng") / "jobs.parquet"
    write_jobs(path, 6000, seed=7, batch=1500)  # 4 row groups: 4 Dask partitions, 4 pandas batches of 1500
    return path


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def sums(engine, path, client=None, **kw):
    cluster = load_cluster(CLUSTER)
    plan, df = run_engine(engine, path, lambda st: make_plan(cluster, st, **kw)[0], client=client)
    keys = list(plan.keys)
    return df.sort_values(keys).reset_index(drop=True), keys


def test_duckdb_pandas_and_dask_give_the_same_sums(jobs, client):
    duck, keys = sums("duckdb", jobs)
    pand, _ = sums("pandas", jobs)
    dask, _ = sums("dask", jobs, client=client)
    assert len(duck) > 100 and duck["jobs"].sum() == 6000
    for other in (pand, dask):
        assert other[keys].astype(str).equals(duck[keys].astype(str))
        np.testing.assert_allclose(other[list(SUMS)].to_numpy(float), duck[list(SUMS)].to_numpy(float),
                                   rtol=1e-9, atol=1e-9)
    # the synthetic year exercises every branch: measured, shared, hourly (us-east-1 -> PJM), annual (FR)
    t = duck[list(SUMS)].sum()
    assert t["measured_jobs"] > 0 and t["shared_energy_jobs"] == 0 and 0 < t["hourly_jobs"] < 6000
    assert t["mfs"] > 0 and t["gpr"] > 0 and t["c"] > 0 and t["g"] > 0


def test_pandas_batches_do_not_change_the_sums(jobs):
    from footprint.fleet.engines import local

    cluster = load_cluster(CLUSTER)
    planner = lambda st: make_plan(cluster, st)[0]
    plan, a = local.run(jobs, planner, batch_rows=500)
    _, b = local.run(jobs, planner, batch_rows=100_000)
    keys = list(plan.keys)
    a, b = a.sort_values(keys).reset_index(drop=True), b.sort_values(keys).reset_index(drop=True)
    np.testing.assert_allclose(a[list(SUMS)].to_numpy(float), b[list(SUMS)].to_numpy(float), rtol=1e-9)


def test_the_reports_agree_across_engines(client, tmp_path):
    from footprint.fleet import import_jobs

    path = import_jobs([DATA / "sacct_sample.txt"], tmp_path / "j.parquet", tz="Europe/Zurich").path
    reps = {e: fleet_report(path, DATA / "cluster.toml", engine=e, samples=300, seed=5, client=client)
            for e in ("duckdb", "pandas", "dask")}
    base = reps["duckdb"].tables
    for e in ("pandas", "dask"):
        for name in ("total", "months", "states", "fleets"):
            a, b = base[name], reps[e].tables[name]
            num = [c for c in a.columns if a[c].dtype.kind in "fi"]
            np.testing.assert_allclose(b[num].to_numpy(float), a[num].to_numpy(float), rtol=1e-9, err_msg=f"{e} {name}")
        g = reps[e].tables["groups"].sort_values(["user", "account", "partition", "month"]).reset_index(drop=True)
        h = base["groups"].sort_values(["user", "account", "partition", "month"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(g, h, check_exact=False, rtol=1e-9)
