"""Check factors/training_runs.csv and factors/power_draw.csv against FACTOR_SCHEMA.md, and redo the
consistency arithmetic of training_runs.csv from the CSV values alone."""
import csv
import glob
import re
import sys
from collections import defaultdict

F = "factors"
UNITS = set("""kgCO2e/kWh L/kWh ratio fraction W mm2 cm2 nm GB count year h kg g km kWh
kgCO2e/cm2 kWh/cm2 L/cm2 MJ/cm2 kgSbeq/cm2 kgCO2e/GB MJ/GB L/GB kgSbeq/GB mm2/GB
kgCO2e/unit MJ/unit L/unit kgSbeq/unit kg/unit g/unit kWh/unit kgCO2e/kg MJ/kg L/kg kgSbeq/kg g/kg kWh/kg
kgCO2e/t-km L/m3 kgCO2e L MJ kgSbeq""".split())
DISTS = {"constant", "uniform", "triangular", "normal", "lognormal"}
KEYS = {
    "training_runs.csv": ["run", "model", "organisation", "hardware", "citation_table", "consistency"],
    "power_draw.csv": ["accelerator_family", "workload", "node", "n_runs"],
}
FAMILIES = {"nvidia-v100", "nvidia-p100", "nvidia-a100", "nvidia-h100", "nvidia-h200", "nvidia-t4", "nvidia-a10g",
            "nvidia-l4", "google-tpu-v2", "google-tpu-v3", "google-tpu-v4", "amd-mi250x", "amd-mi300x", "default"}
WORKLOADS = {"pretraining", "finetuning", "inference", "any"}
errors = []


def err(msg):
    errors.append(msg)


def check_schema(name):
    path = f"{F}/{name}"
    rows = list(csv.reader(open(path, encoding="utf-8")))
    header = rows[0]
    want = ["factor_id", "quantity"] + KEYS[name] + ["value", "unit", "low", "high", "distribution", "year", "source",
                                                      "url", "license", "notes"]
    if header != want:
        err(f"{name}: header {header} != {want}")
    out = []
    for i, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            err(f"{name}:{i} has {len(row)} cells")
            continue
        d = dict(zip(header, row))
        out.append(d)
        fid = d["factor_id"]
        if not re.fullmatch(r"[a-z0-9._-]+", fid):
            err(f"{name}:{i} bad factor_id {fid}")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", d["quantity"]):
            err(f"{name}:{i} quantity not snake_case")
        try:
            v, lo, hi = float(d["value"]), float(d["low"]), float(d["high"])
        except ValueError:
            err(f"{name}:{i} non-float value/low/high")
            continue
        if not (lo <= v <= hi):
            err(f"{name}:{i} {fid}: low<=value<=high fails")
        if min(v, lo, hi) < 0:
            err(f"{name}:{i} negative")
        if d["unit"] not in UNITS:
            err(f"{name}:{i} unit {d['unit']}")
        if d["unit"] == "fraction" and not (0 <= lo <= hi <= 1):
            err(f"{name}:{i} fraction outside [0,1]")
        if d["distribution"] not in DISTS:
            err(f"{name}:{i} distribution {d['distribution']}")
        if d["distribution"] == "constant" and not (lo == v == hi):
            err(f"{name}:{i} constant with a range")
        if d["distribution"] == "lognormal" and lo <= 0:
            err(f"{name}:{i} lognormal low<=0")
        if not re.fullmatch(r"\d{4}", d["year"]):
            err(f"{name}:{i} year")
        for k in ("source", "url", "license", "notes"):
            if not d[k].strip():
                err(f"{name}:{i} empty {k}")
        if ";" in d["value"] or "/" in d["value"]:
            err(f"{name}:{i} packed value cell")
    return out


runs = check_schema("training_runs.csv")
power = check_schema("power_draw.csv")

# factor_id unique across ALL tables in factors/
seen = {}
for path in sorted(glob.glob(f"{F}/*.csv")):
    try:
        for d in csv.DictReader(open(path, encoding="utf-8")):
            fid = d.get("factor_id")
            if fid is None:
                break
            if fid in seen:
                err(f"duplicate factor_id {fid} in {path} and {seen[fid]}")
            seen[fid] = path
    except Exception as e:  # other helpers' files may be mid-write
        print("note: could not read", path, e)

# ---- training_runs-specific checks ------------------------------------------------
UNIT_OF = {"parameters": "count", "tokens": "count", "n_devices": "count", "device_hours": "h", "train_time": "h",
           "avg_power": "W", "pue": "ratio", "grid_intensity": "kgCO2e/kWh", "energy": "kWh", "co2e": "kgCO2e",
           "co2e_lifecycle": "kgCO2e", "water": "L", "wue_offsite": "L/kWh"}
by_run = defaultdict(dict)
cons_of = defaultdict(set)
for d in runs:
    q = d["quantity"]
    if UNIT_OF.get(q) != d["unit"]:
        err(f"{d['factor_id']}: unit {d['unit']} for {q}")
    if d["factor_id"] != f"run.{d['run']}.{q}":
        err(f"{d['factor_id']}: id convention")
    if d["distribution"] != "constant":
        err(f"{d['factor_id']}: published values must be constant")
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", d["run"]):
        err(f"{d['run']}: run id not lowercase")
    if not d["citation_table"].strip():
        err(f"{d['factor_id']}: empty citation_table")
    if q in by_run[d["run"]]:
        err(f"{d['factor_id']}: duplicate quantity in run")
    by_run[d["run"]][q] = float(d["value"])
    cons_of[d["run"]].add(d["consistency"])
    if q == "avg_power" and "scope" not in d["notes"]:
        err(f"{d['factor_id']}: avg_power notes lack the power scope")
for rid, s in cons_of.items():
    if len(s) != 1 or not s <= {"consistent", "inconsistent", "unknown"}:
        err(f"{rid}: consistency values {s}")

# Independent re-implementation of the arithmetic.  Conventions (how each source defines its energy):
#   A: energy = whole-system power x wall hours x PUE   (Strubell; wall hours = device_hours / n_devices)
#   B: energy = device_hours x power x PUE; co2 = energy x grid        (Patterson, LLaMA Table 15)
#   C: energy = device_hours x power; co2 = energy x grid              (BLOOM dynamic energy, no PUE)
#   D: energy = device_hours x power; co2 = energy x PUE x grid        (Gopher, StarCoder)
#   E: energy = GPU energy; co2 = energy x PUE x grid; water = energy x PUE x WUE (OLMo papers)
#   F: co2 = device_hours x power x PUE x grid (PaLM, no energy printed)
CONV = {**{k: "A" for k in ["transformer-base", "transformer-big", "elmo", "bert-base", "evolved-transformer-nas-strubell"]},
        **{k: "B" for k in ["evolved-transformer-nas", "t5-11b", "meena", "gshard-600b", "switch-transformer", "gpt-3-175b",
                            "opt-175b-llama1-est", "bloom-176b-llama1-est", "llama-7b", "llama-13b", "llama-33b", "llama-65b"]},
        "bloom-176b": "C", "gopher": "D", "starcoderbase-15b": "D",
        **{k: "E" for k in ["olmo-7b-lumi", "olmo-7b-a100", "olmo-2-7b", "olmo-2-13b", "olmo-2-13b-morrison2025"]},
        "palm-540b": "F"}
TOL = 0.03


def rel(a, b):
    return 0.0 if a == b == 0 else abs(a - b) / abs(b)


summary = {}
for rid, v in by_run.items():
    c = CONV.get(rid)
    checks = []
    g = v.get
    if c == "A" and all(g(k) is not None for k in ("avg_power", "device_hours", "n_devices", "pue", "energy")):
        checks.append(("energy", v["avg_power"] * v["device_hours"] / v["n_devices"] * v["pue"] / 1e3, v["energy"]))
    if c == "B" and all(g(k) is not None for k in ("avg_power", "device_hours", "pue", "energy")):
        checks.append(("energy", v["avg_power"] * v["device_hours"] * v["pue"] / 1e3, v["energy"]))
    if c in ("C", "D") and all(g(k) is not None for k in ("avg_power", "device_hours", "energy")):
        checks.append(("energy", v["avg_power"] * v["device_hours"] / 1e3, v["energy"]))
    if c in ("A", "B", "C") and all(g(k) is not None for k in ("energy", "grid_intensity", "co2e")):
        checks.append(("co2e", v["energy"] * v["grid_intensity"], v["co2e"]))
    if c in ("D", "E") and all(g(k) is not None for k in ("energy", "pue", "grid_intensity", "co2e")):
        checks.append(("co2e", v["energy"] * v["pue"] * v["grid_intensity"], v["co2e"]))
    if c == "E" and all(g(k) is not None for k in ("energy", "pue", "wue_offsite", "water")):
        checks.append(("water", v["energy"] * v["pue"] * v["wue_offsite"], v["water"]))
    if c == "F" and all(g(k) is not None for k in ("avg_power", "device_hours", "pue", "grid_intensity", "co2e")):
        checks.append(("co2e", v["avg_power"] * v["device_hours"] / 1e3 * v["pue"] * v["grid_intensity"], v["co2e"]))
    expect = "unknown" if not checks else ("consistent" if all(rel(p, q) <= TOL for _, p, q in checks) else "inconsistent")
    got = next(iter(cons_of[rid]))
    if got != expect:
        err(f"{rid}: consistency column says {got}, arithmetic says {expect}")
    summary[rid] = (expect, checks)

# ---- power_draw-specific checks -------------------------------------------------
for d in power:
    if d["accelerator_family"] not in FAMILIES:
        err(f"{d['factor_id']}: family {d['accelerator_family']}")
    if d["workload"] not in WORKLOADS:
        err(f"{d['factor_id']}: workload {d['workload']}")
    if not re.fullmatch(r"\d+", d["n_runs"]):
        err(f"{d['factor_id']}: n_runs not an integer")
    if not d["factor_id"].startswith("power."):
        err(f"{d['factor_id']}: prefix")
    if d["quantity"] == "power_share" and d["factor_id"] != f"power.{d['accelerator_family']}.{d['workload']}.share":
        err(f"{d['factor_id']}: id convention")
    if d["quantity"] == "host_power_share" and d["factor_id"] != f"power.host.{d['node']}.share":
        err(f"{d['factor_id']}: host id convention")
for wl in ("pretraining", "finetuning", "inference"):
    if not any(d["accelerator_family"] == "default" and d["workload"] == wl and d["quantity"] == "power_share" for d in power):
        err(f"missing default power_share row for {wl}")
if not any(d["quantity"] == "host_power_share" and d["node"] == "default" for d in power):
    err("missing default host row")

# ---- report -------------------------------------------------------------------------
print(f"training_runs.csv: {len(runs)} rows, {len(by_run)} runs")
cnt = defaultdict(int)
for rid, (c, _) in summary.items():
    cnt[c] += 1
print("consistency:", dict(cnt))
qcount = defaultdict(int)
for d in runs:
    qcount[d["quantity"]] += 1
print("rows per quantity:", dict(sorted(qcount.items())))
for rid, (c, checks) in summary.items():
    if c == "inconsistent":
        print("INCONSISTENT", rid, [(n, round(p, 1), q, f"{(p - q) / q * 100:+.1f}%") for n, p, q in checks])
print(f"power_draw.csv: {len(power)} rows;", "quantities:",
      dict((q, sum(1 for d in power if d["quantity"] == q)) for q in sorted({d["quantity"] for d in power})))
print("families covered:", sorted({d["accelerator_family"] for d in power}))
if len(by_run) < 28:
    err(f"only {len(by_run)} runs (< 28)")
if errors:
    print("\n".join("ERROR " + e for e in errors))
    sys.exit(1)
print("ALL CHECKS PASSED")
