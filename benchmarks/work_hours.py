"""Device-hours from the work against published device-hours, leave-one-out (issue #14).

For each published run of tests/data/published_device_hours.csv (parameters, tokens, hardware and GPU-hours from
the papers and model cards cited there), the device-hours footprint predicts from the work alone,
6 x N_active x D / (peak dense FLOP/s x effective MFU x 3600), with the effective MFU pooled from the *other*
published runs (the run's own row left out), and whether the published hours fall inside p5-p95.

    python benchmarks/work_hours.py            # a Markdown table and the summary line (README "Phases given by
                                               # their work")
"""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import footprint
from footprint.model.work import mfu_estimate

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "published_device_hours.csv"
#: Distillation runs: their published hours leave out the teacher model's FLOPs (not in mfu.csv; reported apart).
DISTILLED = {"llama-3.2-1b", "llama-3.2-3b"}


def main() -> None:
    reg = footprint.load_factors()
    rows = list(csv.DictReader(DATA.open()))
    print("| run | accelerator | published [h] | predicted [h] (p5-p95) | inside |")
    print("|---|---|---:|---:|---|")
    inside, ratios, n = 0, [], 0
    for r in rows:
        acc = r["accelerator"].replace("h800", "h100")  # DeepSeek-V3's H800: the H100 SXM peak
        peak = reg.accelerator(acc)[f"peak_flops_{r['precision']}"].value
        flops = 6 * float(r["active_parameters"]) * float(r["tokens"])
        mfu = mfu_estimate(reg, acc, exclude=[r["run"]])
        value, low, high = mfu.bounded  # as the model draws it: truncated below an MFU of 1
        point, lo, hi = (flops / (peak * m * 3600) for m in (value, high, low))
        pub = float(r["device_hours"])
        ok = lo <= pub <= hi
        label = r["run"] + (" (distilled)" if r["run"] in DISTILLED else "")
        print(f"| {label} | {acc} | {pub:,.0f} | {point:,.0f} ({lo:,.0f}-{hi:,.0f}) | {'yes' if ok else 'no'} |")
        if r["run"] not in DISTILLED:
            n += 1
            inside += ok
            ratios.append(hi / lo)
    print(f"\n{inside} of {n} published runs (distilled runs apart) inside p5-p95 ({inside / n:.0%}); "
          f"median p95/p5 {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
