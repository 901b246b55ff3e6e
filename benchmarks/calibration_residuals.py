"""The shape of the power model's misses: standardized residuals of the calibration runs, and two other intervals.

    python benchmarks/calibration_residuals.py [--samples N] [--seed S]

For every measured run of benchmarks/calibration.py, under leave-one-out and leave-one-study-out, the residual

    z = (ln measured - ln p50) / s,    s = ln(p95 / p5) / (2 x 1.645)

is how many log-scale units the measured energy lies from the estimate's median (a calibrated lognormal range gives
z standard normal: 5th and 95th percentiles -1.645 and +1.645). Prints z's 5th and 95th percentiles, then the
coverage and median p95/p5 of two intervals built from the residuals of the *other* studies (each run's own study
left out): split conformal (their empirical 5th-95th percentiles) and a skew-normal fitted to them (scipy). These
are the figures of docs/calibration.md's paragraph on which side the misses fall.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from pathlib import Path

import numpy as np
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parent))
import calibration  # noqa: E402  (benchmarks/calibration.py)

import footprint  # noqa: E402

Z95 = 1.6448536269514722


def residuals(reg, runs, leave_out: str, samples: int, seed: int) -> list[tuple[str, float, float]]:
    """[(study, z, s)] of every run (module docstring)."""
    out = []
    for run in runs:
        e = calibration.estimate_run(reg, run, samples, seed, leave_out)
        s = math.log(e["p95"] / e["p5"]) / (2 * Z95)
        out.append((run["study"], math.log(float(run["energy_kwh"]) / e["p50"]) / s, s))
    return out


def other_studies(rows, quantiles):
    """Coverage and median p95/p5 of the interval [q05, q95] x s, (q05, q95) = quantiles(z of the other studies)."""
    inside, widths = 0, []
    for study, z, s in rows:
        q05, q95 = quantiles(np.array([z2 for st2, z2, _ in rows if st2 != study]))
        inside += q05 <= z <= q95
        widths.append(math.exp((q95 - q05) * s))
    return inside / len(rows), statistics.median(widths)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--samples", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    reg, runs = footprint.load_factors(), calibration.ground_truth()
    conformal = lambda z: np.quantile(z, [0.05, 0.95])  # noqa: E731
    skew = lambda z: stats.skewnorm.ppf([0.05, 0.95], *stats.skewnorm.fit(z))  # noqa: E731
    out = {}
    for leave_out, label in (("run", "leave-one-out"), ("source", "leave-one-study-out")):
        rows = residuals(reg, runs, leave_out, args.samples, args.seed)
        q05, q95 = np.quantile([z for _, z, _ in rows], [0.05, 0.95])
        c, cw = other_studies(rows, conformal)
        k, kw = other_studies(rows, skew)
        out[leave_out] = {"z05": q05, "z95": q95, "conformal": (c, cw), "skewnormal": (k, kw)}
        print(f"{label}: z 5th/95th percentiles {q05:+.2f} / {q95:+.2f} (calibrated: -1.64 / +1.64); split conformal "
              f"{c:.0%} inside, median p95/p5 {cw:.2f}; skew-normal {k:.0%}, {kw:.2f}")
    return out


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
