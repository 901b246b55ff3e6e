"""Monte Carlo speed and memory of the example system (all stages, all criteria).

Run: python benchmarks/bench_montecarlo.py [DRAWS ...]   (default: 0 100000 1000000)
Prints, per size, the wall time of the first Monte Carlo run of the process (cold: it builds the
inverse-CDF tables of the factors) and of a second one (warm), the CPU time of the warm run (all
threads), and the peak resident memory of the process [MiB]. Run each size in a fresh process (as
below) to see its own peak memory:

    for n in 100000 1000000 10000000; do python benchmarks/bench_montecarlo.py $n; done
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from footprint import estimate, load_factors
from footprint.model.montecarlo import THREADS

SPEC = Path(__file__).resolve().parent.parent / "examples" / "llm.toml"


def main(sizes):
    reg = load_factors()
    estimate(SPEC, registry=reg)  # warm up: imports, table load
    for n in sizes:
        t = time.perf_counter()
        est = estimate(SPEC, samples=n, seed=1, registry=reg)
        cold = time.perf_counter() - t
        t, c = time.perf_counter(), time.process_time()
        est = estimate(SPEC, samples=n, seed=1, registry=reg)
        warm, cpu = time.perf_counter() - t, time.process_time() - c
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        n_unc = int((est.assumptions.distribution != "constant").sum())
        print(f"draws={n:>10,}  wall cold={cold:6.2f} s  warm={warm:6.2f} s  cpu={cpu:6.2f} s  "
              f"threads={THREADS}  peak_rss={rss:6.0f} MiB  uncertain_factors={n_unc}  "
              f"gwp p50={est.total.set_index('criterion').loc['gwp', 'p50']:.4g} kgCO2e")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [0, 100_000, 1_000_000])
