"""Scenario comparison speed: N scenarios of the example system (region x accelerator x lifetime x utilisation).

    python benchmarks/bench_compare.py [--samples S]

Prints the wall time of footprint.compare for 10,000 scenarios (10 regions x 4 accelerators x 10 lifetimes
x 25 utilisations: 40 structural groups, each evaluated in one vectorised inventory pass), and, for
reference, the time of evaluating scenarios one by one with footprint.estimate (measured on 40, scaled).
"""

from __future__ import annotations

import argparse
import itertools
import resource
import time
from pathlib import Path

import numpy as np

import footprint
from footprint.scenarios import scenario_specs

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "llm.toml"
REGIONS = ["FR", "PL", "US-VA", "DE", "SE", "IN", "CN", "BR", "aws:us-east-1", "gcp:europe-west1"]
ACCELERATORS = ["nvidia-a100-sxm4-80gb", "nvidia-h100-sxm5-80gb", "nvidia-v100-sxm2-32gb", "amd-mi300x"]
LIFETIMES = [float(x) for x in np.linspace(3, 7.5, 10)]
UTILISATIONS = [float(round(x, 4)) for x in np.linspace(0.4, 0.95, 25)]


def variants():
    return [{"datacenters.main.region": r, "fleets.gpus.accelerator": a, "fleets.gpus.lifetime_years": life,
             "fleets.gpus.utilization": u}
            for r, a, life, u in itertools.product(REGIONS, ACCELERATORS, LIFETIMES, UTILISATIONS)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=0, help="Monte Carlo draws per scenario")
    args = ap.parse_args()
    v = variants()
    footprint.load_factors()
    footprint.compare(EXAMPLE, v[:2])  # warm up (imports, caches)
    t = time.perf_counter()
    df, _ = footprint.compare(EXAMPLE, v, samples=args.samples, seed=1, figure=False)
    dt = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"compare: {len(v):,} scenarios, {args.samples} draws each: {dt:.2f} s "
          f"({dt / len(v) * 1e3:.3f} ms per scenario), {len(df):,} rows, peak {peak:.0f} MiB")
    # one by one with the full estimate, on a sample of 40 scenarios
    sample = v[:: len(v) // 40][:40]
    t = time.perf_counter()
    for _, sp in scenario_specs(EXAMPLE, sample):
        footprint.estimate(sp, samples=args.samples, seed=1)
    one = (time.perf_counter() - t) / len(sample)
    print(f"one by one (footprint.estimate): {one * 1e3:.1f} ms per scenario -> {one * len(v):.0f} s for {len(v):,}")


if __name__ == "__main__":
    main()
