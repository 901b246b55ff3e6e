"""Apply the staged work data (issue #14) to factors/: run from the repository root after build.py.

    python scripts/factor_builders/work/build.py    # stages scripts/factor_builders/work/out/
    python scripts/factor_builders/work/apply.py    # this script (idempotent)

- accelerator_flops.csv rows (peak dense FLOP/s per precision, memory bandwidth) replace or join accelerators.csv;
- mfu.csv becomes factors/mfu.csv without its "default" rows (the model pools the measured runs itself, so that a
  run can be left out of the pool that estimates it) and without the Llama 3.2 1B/3B rows, whose published hours
  leave out the teacher model's FLOPs of their distillation (their effective MFU, 0.05 and 0.11, is not a training
  MFU);
- inference_throughput.csv becomes factors/inference_throughput.csv, with the prefill MFU row added;
- published_device_hours.csv (the validation set, not a factor table) is copied to tests/data/.
"""

from __future__ import annotations

import os
import sys
import shutil

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
FACTORS = os.path.join(ROOT, "factors")
STAGED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from csvio import read, write  # noqa: E402  (scripts/factor_builders/csvio.py)

#: Effective-MFU rows left out of the table: distillation runs whose hours exclude the teacher's FLOPs.
DISTILLED = {"llama-3.2-1b", "llama-3.2-3b"}

PREFILL = {
    "factor_id": "infer.any.prefill.mfu", "quantity": "mfu", "accelerator": "any", "model": "any", "parameters": "",
    "precision": "any", "batch_or_scenario": "prefill", "value": "0.4", "unit": "fraction", "low": "0.2",
    "high": "0.6", "distribution": "triangular", "year": "2025",
    "source": "footprint project judgement from the training MFU rows of mfu.csv (reported step-time MFU 0.21-0.55, "
              "median 0.43): prefill is a dense forward pass over the prompt, compute-bound like a training step",
    "url": "factors/README.md#work-estimates-mfucsv-and-inference_throughputcsv", "license": "Apache-2.0 (footprint project)",
    "notes": "Model FLOPs utilisation of the prefill (prompt) pass: prefill time = input tokens x 2 x active "
             "parameters / (peak dense FLOP/s x this). A judgement, not a measurement: no published prefill MFU was "
             "found for the serving stacks of inference_throughput.csv."}


def main() -> None:
    header, rows = read(os.path.join(FACTORS, "accelerators.csv"))
    _, new = read(os.path.join(STAGED, "accelerator_flops.csv"))
    ids = {r["factor_id"] for r in new}
    write(os.path.join(FACTORS, "accelerators.csv"), header, [r for r in rows if r["factor_id"] not in ids] + new)
    header, rows = read(os.path.join(STAGED, "mfu.csv"))
    write(os.path.join(FACTORS, "mfu.csv"), header,
          [r for r in rows if r["run"] != "default" and r["run"] not in DISTILLED])
    header, rows = read(os.path.join(STAGED, "inference_throughput.csv"))
    write(os.path.join(FACTORS, "inference_throughput.csv"), header,
          [r for r in rows if r["factor_id"] != PREFILL["factor_id"]] + [PREFILL])
    shutil.copyfile(os.path.join(STAGED, "published_device_hours.csv"),
                    os.path.join(ROOT, "tests", "data", "published_device_hours.csv"))


if __name__ == "__main__":
    main()
