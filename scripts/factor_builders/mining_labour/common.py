"""Shared helpers for the mining-and-labour staging tables (issue #16).

Run the builders from the repository root:
    python scripts/factor_builders/mining_labour/build.py
    python scripts/factor_builders/mining_labour/build_producers.py
They read and write only files under scripts/factor_builders/mining_labour/ and produce the same
bytes on every run (no dates, no network, fixed ordering).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

HERE = Path("scripts/factor_builders/mining_labour")
OUT = HERE / "out"
TAIL = ["value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes"]

#: z-scores used to turn quantiles into a lognormal 5-95% interval
Z95 = 1.6448536269514722  # 95th percentile of the standard normal
Z75 = 0.6744897501960817  # 75th percentile of the standard normal


def fmt(x) -> str:
    """A plain, stable number string: 10 significant digits, no exponent for ordinary magnitudes."""
    if isinstance(x, str):
        return x
    x = float(x)
    if x == 0:
        return "0"
    g = float(f"{x:.10g}")
    if g.is_integer() and abs(g) < 1e15:
        return str(int(g))
    s = f"{g:.10g}"
    if "e" in s:  # very small numbers: write them out
        s = f"{g:.12f}".rstrip("0").rstrip(".")
    return s


def write_table(name: str, keys: list[str], rows: list[dict]) -> None:
    """Write one factor table in the project schema (factor_id, quantity, <keys>, value ... notes)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    ids = set()
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["factor_id", "quantity"] + keys + TAIL)
        for r in rows:
            assert r["factor_id"] not in ids, r["factor_id"]
            ids.add(r["factor_id"])
            lo, v, hi = float(r["low"]), float(r["value"]), float(r["high"])
            assert lo <= v <= hi, (r["factor_id"], lo, v, hi)
            if r["distribution"] == "constant":
                assert lo == v == hi, r["factor_id"]
            w.writerow([r["factor_id"], r["quantity"]] + [r.get(k, "") for k in keys]
                       + [fmt(r["value"]), r["unit"], fmt(r["low"]), fmt(r["high"]), r["distribution"],
                          str(r["year"]), r["source"], r["url"], r["license"], r["notes"]])
    print(f"{path}: {len(rows)} rows")


def lognormal_from_iqr(q1: float, q3: float) -> float:
    """sigma of ln(X) for a lognormal whose 25th/75th percentiles are q1/q3."""
    return math.log(q3 / q1) / (2 * Z75)


def lognormal_90(median: float, sigma: float) -> tuple[float, float]:
    """5th and 95th percentiles of a lognormal with the given median and sigma (of ln X)."""
    f = math.exp(Z95 * sigma)
    return median / f, median * f
