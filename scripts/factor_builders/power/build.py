"""Build the per-measurement power tables from the hand transcription measurements.csv.

Run from the repository root:

    python scripts/factor_builders/power/build.py

Reads
    scripts/factor_builders/power/measurements.csv  one row per published measurement (a run, a
                                                    published set of runs, a fleet statistic, a
                                                    host/accelerator split), each with its citation
    factors/accelerators.csv                        the TDP every share is computed with (checked)
    factors/power_draw.csv                          the host rows, carried over unchanged
Writes
    factors/power_draw.csv          factor-table schema, ONE ROW PER MEASURED measurement (power_basis ==
                                    measured) plus host rows (the host rows of the previous table are carried over)
    tests/data/measured_runs.csv    calibration ground truth (benchmarks/calibration.py): every transcribed run,
                                    marked ground_truth / no_device_hours / proxy / do_not_use

No pooling is done here: a row's low/high is the published spread of that one measurement (or
constant when none is published). The family ranges are built downstream from these rows.
The output is deterministic (same inputs give the same bytes).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path("scripts/factor_builders/power")
MEASUREMENTS = HERE / "measurements.csv"
ACCELERATORS = Path("factors/accelerators.csv")
OLD_POWER = Path("factors/power_draw.csv")
OUT_POWER = Path("factors/power_draw.csv")
OUT_RUNS = Path("tests/data/measured_runs.csv")

POWER_SCOPES = {"accelerator", "host_inclusive_per_accelerator", "whole_system"}
POWER_BASES = {"measured", "measured_proxy", "tdp_assumed", "assumed"}
WORKLOADS = {"pretraining", "finetuning", "inference", "any"}
ENERGY_SCOPES = {"", "it", "facility"}
KINDS = {"run", "benchmark_set", "fleet_statistic", "node_summary", "host_split", "deployment"}
HOST_QUANTITIES = {"host_power_share", "host_energy_ratio", "host_power"}

POWER_HEADER = ["factor_id", "quantity", "accelerator_family", "workload", "node", "n_runs", "measurement", "study",
                "value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes"]
RUNS_HEADER = ["run", "study", "citation", "accelerator", "n_devices", "device_hours", "workload", "provider", "region",
               "energy_kwh", "energy_scope", "pue_published", "power_scope", "power_basis", "calibration_use", "notes"]

SCOPE_TEXT = {
    "accelerator": "accelerator only (no host, no PUE)",
    "host_inclusive_per_accelerator": "per accelerator INCLUDING its share of the host (CPU, memory, network, fans; no PUE)",
    "whole_system": "whole system divided by the number of accelerators (host counted once per system; no PUE)",
}
#: How far a row's power x device-hours (x its published PUE, for facility energy) may be from its printed energy:
#: the sources round both to 2-3 figures.
ENERGY_TOLERANCE = 0.02
USE_ORDER = {"ground_truth": 0, "no_device_hours": 1, "proxy_power_other_hardware": 2, "deployment_average": 3}


def fail(msg: str) -> None:
    sys.exit(f"build.py: {msg}")


def num(s: str) -> float | None:
    return float(s) if s.strip() else None


def fmt(x: float, digits: int = 4) -> str:
    """A plain decimal with at most `digits` decimals and no trailing zeros."""
    s = f"{round(x, digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_tdps() -> dict[str, float]:
    return {r["accelerator"]: float(r["value"]) for r in read_csv(ACCELERATORS) if r["quantity"] == "tdp"}


def per_accelerator_w(r: dict[str, str]) -> float | None:
    w = num(r["avg_power_w"])
    if w is None:
        return None
    if r["power_scope"] == "whole_system":
        n = num(r["n_devices"])
        if not n:
            fail(f"{r['measurement']}: whole_system power needs n_devices")
        return w / n
    return w


def check(rows: list[dict[str, str]], tdps: dict[str, float]) -> None:
    seen = set()
    for r in rows:
        m = r["measurement"]
        if m in seen:
            fail(f"duplicate measurement id {m}")
        if not r["study"]:
            fail(f"{m}: every measurement names its study (runs of one study share its site, meters and habits)")
        seen.add(m)
        for col, allowed in (("kind", KINDS), ("power_scope", POWER_SCOPES), ("power_basis", POWER_BASES),
                             ("workload", WORKLOADS), ("energy_scope", ENERGY_SCOPES)):
            if r[col] not in allowed:
                fail(f"{m}: {col}={r[col]!r} not in {sorted(allowed)}")
        acc = r["accelerator"]
        if acc:
            if acc not in tdps:
                fail(f"{m}: accelerator {acc} is not in {ACCELERATORS}")
            if not acc.startswith(r["accelerator_family"] + "-"):
                fail(f"{m}: accelerator {acc} is not in family {r['accelerator_family']}")
            if r["tdp_w_used"] and float(r["tdp_w_used"]) != tdps[acc]:
                fail(f"{m}: tdp_w_used {r['tdp_w_used']} != {ACCELERATORS} TDP {tdps[acc]}")
        if r["share"]:
            w, tdp = per_accelerator_w(r), num(r["tdp_w_used"])
            if w is None or tdp is None:
                fail(f"{m}: a share needs avg_power_w and tdp_w_used")
            if abs(w / tdp - float(r["share"])) > 6e-4 and r["kind"] != "benchmark_set":
                fail(f"{m}: share {r['share']} != {w:.2f} W / {tdp} W")
            lo, hi = num(r["share_low"]), num(r["share_high"])
            if lo is not None and hi is not None and not lo <= float(r["share"]) <= hi:
                fail(f"{m}: share outside [share_low, share_high]")
        w = per_accelerator_w(r)
        if r["power_basis"] == "measured" and w is not None and r["energy_kwh"] and r["device_hours"]:
            pue = float(r["pue_published"]) if r["energy_scope"] == "facility" and r["pue_published"] else 1.0
            derived = w * float(r["device_hours"]) * pue / 1000
            if abs(derived / float(r["energy_kwh"]) - 1) > ENERGY_TOLERANCE:
                fail(f"{m}: avg_power_w x device_hours{' x PUE' if pue != 1 else ''} = {derived:.4g} kWh, not the "
                     f"energy_kwh {r['energy_kwh']} (more than {ENERGY_TOLERANCE:.0%} apart)")
        if r["spread_distribution"] and not (r["share_low"] and r["share_high"]):
            fail(f"{m}: spread_distribution needs share_low and share_high")
        if r["kind"] == "host_split" and not (r["avg_power_w"] and r["host_power_w"] and r["node"]):
            fail(f"{m}: a host_split needs avg_power_w, host_power_w and node")


def measurement_row(r: dict[str, str]) -> dict[str, str]:
    host = r["power_scope"] != "accelerator"
    quantity, suffix = ("system_power_share", "system_share") if host else ("power_share", "share")
    value = float(r["share"])
    if r["spread_distribution"]:
        low, high, dist = float(r["share_low"]), float(r["share_high"]), r["spread_distribution"]
        rng = (f"Range: {dist}, low/high = {fmt(low)}/{fmt(high)} = the published spread of this measurement set "
               "(see below).")
    else:
        low = high = value
        dist = "constant"
        rng = ("Range: constant, because this one measurement has no published spread; the family spread is "
               "formed downstream from the per-measurement rows.")
    w = per_accelerator_w(r)
    facts = [f"{fmt(w, 2)} W per accelerator / {fmt(float(r['tdp_w_used']), 1)} W TDP of {r['accelerator']}"]
    if r["n_devices"]:
        facts.append(f"{r['n_devices']} devices")
    if r["device_hours"]:
        facts.append(f"{r['device_hours']} device-hours")
    if r["provider"]:
        facts.append(f"provider {r['provider']}")
    if r["region"]:
        facts.append(f"region {r['region']}")
    notes = (f"MEASURED ({r['source_access']}). Scope: {SCOPE_TEXT[r['power_scope']]}. " + "; ".join(facts) + ". "
             + rng + " " + r["notes"])
    return {
        "factor_id": f"power.{r['accelerator_family']}.{r['workload']}.{r['measurement']}.{suffix}",
        "quantity": quantity, "accelerator_family": r["accelerator_family"], "workload": r["workload"],
        "node": r["node"], "n_runs": r["n_runs"], "measurement": r["measurement"], "study": r["study"],
        "value": fmt(value),
        "unit": "ratio", "low": fmt(low), "high": fmt(high), "distribution": dist, "year": r["year"],
        "source": f"{r['citation']}, {r['table_or_page']}", "url": r["url"], "license": r["license"], "notes": notes,
    }


def host_split_row(r: dict[str, str]) -> dict[str, str]:
    acc_w, host_w = float(r["avg_power_w"]), float(r["host_power_w"])
    v = fmt(host_w / acc_w)
    return {
        "factor_id": f"power.host.{r['node']}.energy_ratio", "quantity": "host_energy_ratio",
        "accelerator_family": r["accelerator_family"], "workload": r["workload"], "node": r["node"],
        "n_runs": r["n_runs"], "measurement": r["measurement"], "study": r["study"], "value": v, "unit": "ratio",
        "low": v, "high": v,
        "distribution": "constant", "year": r["year"], "source": f"{r['citation']}, {r['table_or_page']}",
        "url": r["url"], "license": r["license"],
        "notes": (f"MEASURED ({r['source_access']}). Host energy / actual accelerator energy (not TDP) = "
                  f"{fmt(host_w, 1)} W / {fmt(acc_w, 1)} W. Range: constant (one measurement, no published spread). "
                  + r["notes"]),
    }


def carried_host_rows(new_ids: set[str]) -> list[dict[str, str]]:
    out = []
    for r in read_csv(OLD_POWER):
        if r["quantity"] not in HOST_QUANTITIES or r["factor_id"] in new_ids:
            continue
        row = {k: r.get(k, "") for k in POWER_HEADER}
        row["measurement"] = r.get("measurement", "")
        row["study"] = r.get("study", "")
        out.append(row)
    return out


def run_row(r: dict[str, str]) -> tuple[int, dict[str, str]]:
    energy, scope = r["energy_kwh"], r["energy_scope"]
    notes = f"[{r['kind']}; source: {r['source_access']}] "
    w = per_accelerator_w(r)
    if not energy and w is not None and r["device_hours"] and r["power_basis"] == "measured":
        energy = fmt(w * float(r["device_hours"]) / 1000, 1)
        scope = "it"
        notes += (f"energy_kwh DERIVED = {fmt(w, 2)} W per accelerator x {r['device_hours']} device-hours "
                  "(no PUE; the source prints no energy). ")
    use = r["calibration_use"]
    if not use:
        if r["power_basis"] in ("tdp_assumed", "assumed"):
            use = "do_not_use_assumed_power"
        elif r["power_basis"] == "measured_proxy":
            use = "proxy_power_other_hardware"
        elif r["device_hours"] and energy:
            use = "ground_truth"
        else:
            use = "no_device_hours"
    row = {
        "run": r["measurement"], "study": r["study"], "citation": f"{r['citation']}, {r['table_or_page']}",
        "accelerator": r["accelerator"],
        "n_devices": r["n_devices"], "device_hours": r["device_hours"], "workload": r["workload"],
        "provider": r["provider"], "region": r["region"], "energy_kwh": energy, "energy_scope": scope,
        "pue_published": r["pue_published"], "power_scope": r["power_scope"], "power_basis": r["power_basis"],
        "calibration_use": use, "notes": notes + r["notes"],
    }
    return USE_ORDER.get(use, 3), row


def write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    rows = read_csv(MEASUREMENTS)
    check(rows, load_tdps())

    power = [measurement_row(r) for r in rows
             if r["power_basis"] == "measured" and r["share"] and r["kind"] not in ("host_split", "deployment")]
    hosts = [host_split_row(r) for r in rows if r["kind"] == "host_split" and r["power_basis"] == "measured"]
    power += carried_host_rows({h["factor_id"] for h in hosts}) + hosts
    ids = [p["factor_id"] for p in power]
    if len(ids) != len(set(ids)):
        fail("duplicate factor_id in output")
    write(OUT_POWER, POWER_HEADER, power)

    runs = sorted((run_row(r) for r in rows if r["kind"] in ("run", "deployment")), key=lambda t: t[0])
    write(OUT_RUNS, RUNS_HEADER, [r for _, r in runs])
    print(f"wrote {OUT_POWER} ({len(power)} rows) and {OUT_RUNS} ({len(runs)} runs)")


if __name__ == "__main__":
    main()
