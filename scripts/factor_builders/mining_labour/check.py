"""Check the staging tables of issue #16 against the project schema and their own rules.

Run from the repository root:  python scripts/factor_builders/mining_labour/check.py
1. Rebuilds every table twice and checks the bytes do not change (reproducibility).
2. Copies factors/ to a temporary directory, replaces material_producers.csv by the rebuilt one, adds
   rock, material_risk, labor, wages and ppp_fx, and runs the project's validator on it.
3. Table rules: shares of one material and stage add up to 1; every material of the old producers table
   is still covered; lognormal rows have value = sqrt(low x high) (within 1%); flags are constant 1.
Exit status 1 on any failure.
"""

from __future__ import annotations

import csv
import hashlib
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path("scripts/factor_builders/mining_labour")
OUT = HERE / "out"
TABLES = ["rock.csv", "material_risk.csv", "labor.csv", "wages.csv", "ppp_fx.csv", "material_producers.csv"]


def digest():
    return {t: hashlib.sha256((OUT / t).read_bytes()).hexdigest() for t in TABLES}


def rows(name):
    with (OUT / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def main() -> int:
    errs = []
    for _ in range(2):
        for script in ("build.py", "build_producers.py"):
            subprocess.run([sys.executable, str(HERE / script)], check=True, stdout=subprocess.DEVNULL)
        if _ == 0:
            first = digest()
    if digest() != first:
        errs.append("builders are not byte-for-byte reproducible")

    sys.path.insert(0, str(Path.cwd()))
    from footprint.registry import validate_dir

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for f in Path("factors").glob("*.csv"):
            shutil.copy(f, tmp / f.name)
        for t in TABLES:
            shutil.copy(OUT / t, tmp / t)
        _, factors, problems = validate_dir(tmp)
        for p in problems:
            errs.append("validator: " + " | ".join(str(x) for x in p))
        print(f"validator: {len(factors)} factors in {tmp.name}, {len(problems)} problems")

    old = {r["material"] for r in csv.DictReader(open("factors/material_producers.csv", newline="", encoding="utf-8"))}
    new = rows("material_producers.csv")
    if old - {r["material"] for r in new}:
        errs.append(f"materials dropped from material_producers: {sorted(old - {r['material'] for r in new})}")
    sums = {}
    for r in new:
        k = (r["material"], r["stage"])
        sums[k] = sums.get(k, 0) + float(r["value"])
    for k, s in sums.items():
        if abs(s - 1) > 0.002:
            errs.append(f"shares of {k} add up to {s:.4f}")
    for t in TABLES:
        for r in rows(t):
            if r["distribution"] == "lognormal":
                lo, v, hi = float(r["low"]), float(r["value"]), float(r["high"])
                if abs(math.sqrt(lo * hi) / v - 1) > 0.01:
                    errs.append(f"{t} {r['factor_id']}: value {v} is not the median sqrt(low x high)")
    for r in rows("material_risk.csv"):
        if not (r["value"] == r["low"] == r["high"] == "1" and r["distribution"] == "constant"):
            errs.append(f"material_risk {r['factor_id']} is not a constant 1 flag")
    for e in errs:
        print("FAIL", e)
    print("OK" if not errs else f"{len(errs)} problem(s)")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
