"""Fleet accounting at scale (issue #15): a year of synthetic jobs reported by each engine, and a sacct export
imported in bounded memory.

    python benchmarks/bench_fleet.py [--jobs 10000000] [--sacct-lines 10000000] [--engines duckdb,pandas,dask]
                                     [--dir DIR] [--threads 2] [--skip-import]

Each measurement runs in its own process (so that its peak resident memory is its own), on the job table written
once by footprint.fleet.synthetic.write_jobs:

- report, annual intensity: the cluster's data centers have no hourly data (FR, DE);
- report, hourly: the GPU fleet in aws:us-east-1 (zone PJM): every GPU job is joined with the hourly ratios,
  overlap-weighted, and its Flexible Start and Pause and Resume savings computed (24 h window);
- import: a sacct -P export of about N lines (each job with its .batch and .extern steps), streamed.

The report times include the Monte Carlo ranges of every table (2,000 draws). Figures go in docs/fleet.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ANNUAL = {"name": "bench annual",
          "datacenters": {"fr": {"region": "FR"}, "de": {"region": "DE"}},
          "fleets": {"gpu": {"datacenter": "fr", "accelerator": "nvidia-h100-sxm5-80gb", "accelerators": 512,
                             "accelerators_per_node": 4},
                     "cpu": {"datacenter": "de", "node": "cpu-server-2s", "nodes": 2000}}}
HOURLY = {"name": "bench hourly",
          "datacenters": {"east": {"region": "aws:us-east-1"}, "tx": {"region": "US-TX"}},
          "fleets": {"gpu": {"datacenter": "east", "accelerator": "nvidia-h100-sxm5-80gb", "accelerators": 512,
                             "accelerators_per_node": 4},
                     "cpu": {"datacenter": "tx", "node": "cpu-server-2s", "nodes": 2000}}}


def _child(args) -> None:
    """One measurement in this process; prints a JSON line."""
    import resource

    if args.what == "import":
        from footprint.fleet import import_jobs

        t = time.perf_counter()
        s = import_jobs([args.input], args.output, tz="UTC")
        out = {"rows": s.rows, "lines": s.inputs[0].lines}
    else:
        from footprint.fleet import fleet_report

        spec = ANNUAL if args.what == "annual" else HOURLY
        os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
        t = time.perf_counter()
        kw = {}
        if args.engine == "dask":
            from distributed import Client, LocalCluster

            cluster = LocalCluster(n_workers=1, threads_per_worker=args.threads, processes=False,
                                   dashboard_address=None)
            kw["client"] = Client(cluster)
        rep = fleet_report(args.input, spec, engine=args.engine, samples=2000, seed=1, **kw)
        out = {"jobs": int(rep.total["jobs"]), "hourly_jobs": int(rep.total["hourly_jobs"]),
               "gwp_t": rep.value("gwp_kg") / 1e3, "groups": len(rep.tables["groups"])}
    out["seconds"] = round(time.perf_counter() - t, 2)
    out["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out))


def _run(what: str, **kw) -> dict:
    cmd = [sys.executable, __file__, "--child", what] + [f"--{k.replace('_', '-')}={v}" for k, v in kw.items()]
    r = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if r.returncode:
        raise SystemExit(r.stderr[-3000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--input")
    ap.add_argument("--output")
    ap.add_argument("--engine", default="duckdb")
    ap.add_argument("--jobs", type=int, default=10_000_000)
    ap.add_argument("--sacct-lines", type=int, default=10_000_000)
    ap.add_argument("--engines", default="duckdb,pandas")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dir")
    ap.add_argument("--skip-import", action="store_true")
    args = ap.parse_args()
    if args.child:
        args.what = args.child
        _child(args)
        return
    from footprint.fleet.synthetic import write_jobs, write_sacct

    work = Path(args.dir or tempfile.mkdtemp(prefix="bench-fleet-"))
    work.mkdir(parents=True, exist_ok=True)
    jobs = work / f"jobs-{args.jobs}.parquet"
    if not jobs.exists():
        t = time.perf_counter()
        write_jobs(jobs, args.jobs, seed=1)
        print(f"wrote {args.jobs:,} synthetic jobs ({jobs.stat().st_size / 2**20:.0f} MiB) in "
              f"{time.perf_counter() - t:.1f} s")
    print("| engine | report | jobs | seconds | peak memory |\n|---|---|---|---|---|")
    for engine in args.engines.split(","):
        for what in ("annual", "hourly"):
            r = _run(what, input=jobs, engine=engine, threads=args.threads)
            print(f"| {engine} | {what} | {r['jobs']:,} ({r['hourly_jobs']:,} hourly) | {r['seconds']} | "
                  f"{r['peak_mib']:,} MiB |", flush=True)
    if not args.skip_import:
        sacct = work / f"sacct-{args.sacct_lines}.txt"
        if not sacct.exists():
            t = time.perf_counter()
            n = write_sacct(sacct, args.sacct_lines, seed=2)
            print(f"wrote a sacct export of {args.sacct_lines:,} lines ({n:,} jobs, {sacct.stat().st_size / 2**20:.0f} "
                  f"MiB) in {time.perf_counter() - t:.1f} s")
        r = _run("import", input=sacct, output=work / "imported.parquet")
        print(f"import: {r['lines']:,} lines -> {r['rows']:,} jobs in {r['seconds']} s, peak {r['peak_mib']:,} MiB")


if __name__ == "__main__":
    main()
