"""Calibration of the power model against measured runs, leave-one-out.

    python benchmarks/calibration.py [--samples N] [--seed S] [--leave-out run|source] [--holdout STUDIES]
                                     [--prior-runs K] [--nested] [--csv FILE] [--markdown FILE]

For every run of tests/data/measured_runs.csv whose energy was MEASURED (calibration_use = ground_truth), the run is
estimated as a user who knows only its hardware, device-hours, workload and provider would ask: no power, no PUE
(the provider's default PUE when the measured energy is at the facility; PUE 1 when it is IT energy), with the
run's own measurement removed from the power_draw.csv rows the model pools (leave-one-out). Runs measured on the
accelerators alone (GPU energy counters) or serving runs are compared with the pooled share of that scope:
device-hours x TDP x share. Prints one line per run, the runs inside by study, by kind (whole trainings; segments,
epochs and profiling windows: :data:`SEGMENT_STUDIES`) and how many fall below p5 and above p95, then the three
figures the README reports: the share of runs whose measured energy lies inside the estimate's p5-p95 (goal >= 90%),
the median p95/p5 (goal <= 2.5) and the median signed error of the median (estimate / measured - 1).
"""

from __future__ import annotations

import argparse
import csv
import statistics
from pathlib import Path

import numpy as np

import footprint
from footprint.model.evaluate import terms
from footprint.model.montecarlo import simulate
from footprint.model.power import estimate_share, power_model
from footprint.registry import FactorRegistry

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "measured_runs.csv"


#: Studies whose runs are benchmark segments, single epochs or profiling windows of minutes to an hour (MLPerf
#: Training power results, Zeus, Perseus), not whole trainings: the summary gives them apart. By study, so that two
#: runs count as whole that are not quite: Dodge et al.'s 6B transformer (8 days of a longer training) and Morrison
#: et al.'s development rows (aggregates of many runs).
SEGMENT_STUDIES = ("mlperf-", "you2023", "chung2024")


def is_segment(study: str) -> bool:
    return study.startswith(SEGMENT_STUDIES)


def ground_truth() -> list[dict]:
    with DATA.open(newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["calibration_use"] == "ground_truth"]


def without(reg, run: dict, leave_out: str = "run", holdout=()) -> FactorRegistry:
    """The registry without the rows of ``run``'s own measurement (``leave_out="run"``: leave-one-out) or of every
    measurement of its study (``"source"``: leave-one-study-out, as a user's own cluster is a study the tables have
    not seen), and without every measurement of the studies in ``holdout``."""
    drop = set(holdout) | ({run["study"]} if leave_out == "source" else set())
    keep = [f for f in reg if f.keys.get("measurement", "") != run["run"]
            and not (f.keys.get("measurement") and f.keys.get("study", "") in drop)]
    return FactorRegistry(keep, reg.keys, reg.path)


def estimate_run(reg, run: dict, samples: int, seed: int, leave_out: str = "run", holdout=()) -> dict:
    """p5, p50, p95 [kWh] of one run's energy on the scope of its measurement, and the path used, with the run's own
    measurement (or its whole study: ``leave_out="source"``; and the ``holdout`` studies) removed from the tables."""
    loo = without(reg, run, leave_out, holdout)
    dh = float(run["device_hours"])
    host_inclusive = run["power_scope"].startswith("host_inclusive")
    if host_inclusive and run["workload"] != "inference":
        provider = run["provider"] or "industry-average"
        dc = {"region": run["region"] or "US", "provider": provider}
        if run["energy_scope"] == "it":
            dc["pue"] = 1.0
        spec = {"name": run["run"], "datacenters": {"dc": dc},
                "fleets": {"f": {"accelerator": run["accelerator"], "accelerators": int(float(run["n_devices"] or 8))}},
                "training": [{"name": "t", "device_hours": dh, "workload": run["workload"]}]}
        est = footprint.estimate(spec, samples=samples, seed=seed, registry=loo)
        row = est.by_stage.set_index(["stage", "criterion"]).loc[("use", "energy")]
        return {"p5": row.p5, "p50": row.p50, "p95": row.p95, "path": f"estimate ({run['energy_scope']} energy)"}
    tdp = reg.accelerator(run["accelerator"])["tdp"].value
    if not host_inclusive:  # measured on the accelerators alone: the accelerator-only share
        share = estimate_share(loo, run["accelerator"], run["workload"], scope="accelerator")
        kwh = lambda s: dh * tdp * s / 1000
        return {"p5": kwh(share.low), "p50": kwh(share.median), "p95": kwh(share.high),
                "path": f"accelerator share ({share.level})"}
    # a serving run measured with its host: the model's busy power (host-inclusive share, or accelerator + host)
    host = loo.reference_host(run["accelerator"]) or "cpu-server-2s"
    fleet = type("F", (), {"accelerator": run["accelerator"], "host": host})()
    pm = power_model(loo, fleet, run["workload"], lambda note: None)
    model = lambda src: {"kwh": np.broadcast_to(np.asarray(dh * (terms(pm.accelerator, src) + terms(pm.host, src)) / 1000,
                                                           dtype=np.float32), (src.n,))}
    q, _ = simulate(model, samples, seed)
    p5, p50, p95 = q["kwh"].percentiles()
    return {"p5": p5, "p50": p50, "p95": p95, "path": f"busy power ({pm.scope}, {pm.share.level})"}


#: The PRIOR_RUNS grid the selection rule chooses from, and the coverage it asks for.
PRIOR_GRID = (1.0, 1.25, 1.5, 1.75, 2.0, 3.0, 4.0)
GOAL = 0.9


def coverage(reg, runs, prior: float, samples: int, seed: int) -> tuple[float, float]:
    """(share of ``runs`` inside their leave-one-out p5-p95, median p95/p5) with PRIOR_RUNS = ``prior``."""
    import footprint.model.pooling as pooling

    old, pooling.PRIOR_RUNS = pooling.PRIOR_RUNS, prior
    try:
        es = [(estimate_run(reg, r, samples, seed), float(r["energy_kwh"])) for r in runs]
    finally:
        pooling.PRIOR_RUNS = old
    return (sum(e["p5"] <= m <= e["p95"] for e, m in es) / len(es), statistics.median(e["p95"] / e["p5"] for e, _ in es))


def select_prior(reg, runs, samples: int, seed: int) -> float:
    """The selection rule, fixed before looking at the outer runs: the largest PRIOR_RUNS of :data:`PRIOR_GRID`
    (the narrowest ranges) whose leave-one-out coverage of ``runs`` is at least :data:`GOAL`; the smallest (the
    widest ranges) when none is."""
    ok = [p for p in PRIOR_GRID if coverage(reg, runs, p, samples, seed)[0] >= GOAL]
    return max(ok) if ok else min(PRIOR_GRID)


def nested(reg, runs, samples: int, seed: int) -> dict:
    """Nested leave-one-out of the selection of PRIOR_RUNS: for each run, the rule chooses PRIOR_RUNS on the other
    runs (each of them estimated without itself and without the held-out run), then the held-out run is estimated
    with that choice. What the shipped choice can be expected to do on a run it has not seen."""
    import footprint.model.pooling as pooling

    inside, ratios, chosen = 0, [], []
    for i, run in enumerate(runs):
        held = without(reg, run)
        p = select_prior(held, runs[:i] + runs[i + 1:], samples, seed)
        old, pooling.PRIOR_RUNS = pooling.PRIOR_RUNS, p
        try:
            e = estimate_run(reg, run, samples, seed)
        finally:
            pooling.PRIOR_RUNS = old
        inside += e["p5"] <= float(run["energy_kwh"]) <= e["p95"]
        ratios.append(e["p95"] / e["p5"])
        chosen.append(p)
    return {"inside": inside / len(runs), "median_ratio": statistics.median(ratios), "chosen": chosen}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--samples", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--csv", type=Path, default=None, help="write the per-run table here")
    ap.add_argument("--markdown", type=Path, default=None, help="write the per-run table here as Markdown")
    ap.add_argument("--prior-runs", type=float, default=None, help="the power model's PRIOR_RUNS (sensitivity)")
    ap.add_argument("--leave-out", choices=("run", "source"), default="run",
                    help="remove the run's own measurement (default) or every measurement of its study")
    ap.add_argument("--holdout", default="", help="comma-separated studies: estimate only their runs, with every "
                    "measurement of these studies removed (what the tables without them say of runs they never saw)")
    ap.add_argument("--nested", action="store_true", help="also the nested leave-one-out of the choice of PRIOR_RUNS "
                                                          "(about 20 minutes)")
    args = ap.parse_args(argv)
    if args.prior_runs is not None:
        import footprint.model.pooling as pooling

        pooling.PRIOR_RUNS = args.prior_runs
    reg = footprint.load_factors()
    rows = []
    holdout = {h for h in args.holdout.split(",") if h}
    runs = [r for r in ground_truth() if not holdout or r["study"] in holdout]
    if not runs:
        raise SystemExit(f"no ground-truth run of the studies {sorted(holdout)}")
    for run in runs:
        e = estimate_run(reg, run, args.samples, args.seed, args.leave_out, holdout)
        measured = float(run["energy_kwh"])
        rows.append({"run": run["run"], "study": run["study"], "accelerator": run["accelerator"], "workload": run["workload"],
                     "measured_kwh": measured, **e, "inside": e["p5"] <= measured <= e["p95"],
                     "ratio_p95_p5": e["p95"] / e["p5"], "error": e["p50"] / measured - 1})
    for r in rows:
        print(f"{r['run'][:34]:34} {r['accelerator'][:24]:24} measured {r['measured_kwh']:>12,.1f} kWh  "
              f"estimate {r['p50']:>12,.1f} ({r['p5']:,.1f}-{r['p95']:,.1f})  {'in ' if r['inside'] else 'OUT'}  "
              f"p95/p5 {r['ratio_p95_p5']:.2f}  error {r['error']:+.0%}  [{r['path']}]")
    summary = {"runs": len(rows), "leave_out": args.leave_out, "inside": sum(r["inside"] for r in rows) / len(rows),
               "median_ratio": statistics.median(r["ratio_p95_p5"] for r in rows),
               "median_error": statistics.median(r["error"] for r in rows)}
    by_study: dict = {}
    for r in rows:
        by_study.setdefault(r["study"], []).append(r["inside"])
    summary["by_study"] = {k: (sum(v), len(v)) for k, v in by_study.items()}
    print("\ninside p5-p95 by study: " + ", ".join(f"{k} {a}/{n}" for k, (a, n) in summary["by_study"].items()))
    for kind, rs in (("whole trainings", [r for r in rows if not is_segment(r["study"])]),
                     ("segments, epochs and profiling windows", [r for r in rows if is_segment(r["study"])])):
        if rs:
            summary[kind] = (sum(r["inside"] for r in rs), len(rs))
            print(f"{kind}: {sum(r['inside'] for r in rs)}/{len(rs)} inside")
    summary["below_p5"] = sum(r["measured_kwh"] < r["p5"] for r in rows)
    summary["above_p95"] = sum(r["measured_kwh"] > r["p95"] for r in rows)
    print(f"measured below p5: {summary['below_p5']}, above p95: {summary['above_p95']} (a calibrated 90% range: about "
          f"{0.05 * len(rows):.1f} each)")
    what = "leave-one-out" if args.leave_out == "run" else "leave-one-study-out"
    if holdout:
        what += f", studies {', '.join(sorted(holdout))} held out"
    print(f"{summary['runs']} measured runs, {what}: {summary['inside']:.0%} inside p5-p95 (goal >= 90%), "
          f"median p95/p5 {summary['median_ratio']:.2f} (goal <= 2.5), median signed error {summary['median_error']:+.1%}")
    if args.nested:
        n = nested(reg, ground_truth(), min(args.samples, 1000), args.seed)
        print(f"nested leave-one-out of the choice of PRIOR_RUNS (rule: the largest of {PRIOR_GRID} with >= "
              f"{GOAL:.0%} coverage on the other runs): {n['inside']:.0%} inside p5-p95, median p95/p5 "
              f"{n['median_ratio']:.2f}; chosen {sorted(set(n['chosen']))}")
        summary["nested"] = n
    if args.markdown:
        lines = ["| run | study | hardware | measured [kWh] | estimate, median (p5-p95) [kWh] | inside | p95/p5 | error | path |",
                 "|---|---|---|---|---|---|---|---|---|"]
        lines += [f"| {r['run']} | {r['study']} | {r['accelerator']} | {r['measured_kwh']:.4g} | {r['p50']:.4g} "
                  f"({r['p5']:.4g}-{r['p95']:.4g}) | {'yes' if r['inside'] else '**no**'} | {r['ratio_p95_p5']:.2f} | "
                  f"{r['error']:+.0%} | {r['path']} |" for r in rows]
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.csv:
        with args.csv.open("w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    return summary


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
