import csv, re, sys, glob, collections
UNITS = set("""kgCO2e/kWh L/kWh ratio fraction W mm2 cm2 nm GB count year h kg g km kWh
kgCO2e/cm2 kWh/cm2 L/cm2 MJ/cm2 kgSbeq/cm2 kgCO2e/GB MJ/GB L/GB kgSbeq/GB mm2/GB
kgCO2e/unit MJ/unit L/unit kgSbeq/unit kg/unit g/unit kWh/unit kgCO2e/kg MJ/kg L/kg kgSbeq/kg g/kg kWh/kg
kgCO2e/t-km L/m3 kgCO2e L MJ kgSbeq""".split())
DISTS = {"constant", "uniform", "triangular", "normal", "lognormal"}
KEYS = {"accelerators.csv": ["accelerator", "vendor", "memory_type"], "cpus.csv": ["cpu", "vendor"],
        "nodes.csv": ["node", "component_kind", "component"]}
TAIL = ["value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes"]
errs = []; ids = set(); data = {}
for fn, keys in KEYS.items():
    path = f"factors/{fn}"
    with open(path, newline="", encoding="utf-8") as f:
        rd = list(csv.reader(f))
    hdr = rd[0]
    if hdr != ["factor_id", "quantity"] + keys + TAIL: errs.append(f"{fn}: bad header {hdr}")
    recs = []
    for i, row in enumerate(rd[1:], 2):
        if len(row) != len(hdr): errs.append(f"{fn}:{i} has {len(row)} cols"); continue
        d = dict(zip(hdr, row)); recs.append(d)
        fid = d["factor_id"]
        if not re.fullmatch(r"[a-z0-9._-]+", fid): errs.append(f"{fn}:{i} bad id {fid}")
        if fid in ids: errs.append(f"{fn}:{i} dup id {fid}")
        ids.add(fid)
        try:
            v, lo, hi = float(d["value"]), float(d["low"]), float(d["high"])
        except ValueError:
            errs.append(f"{fn}:{i} non-float"); continue
        if not (lo <= v <= hi): errs.append(f"{fn}:{i} range {lo} {v} {hi}")
        if min(v, lo, hi) < 0: errs.append(f"{fn}:{i} negative")
        if d["unit"] not in UNITS: errs.append(f"{fn}:{i} unit {d['unit']}")
        if d["unit"] == "fraction" and not (0 <= lo and hi <= 1): errs.append(f"{fn}:{i} fraction")
        if d["distribution"] not in DISTS: errs.append(f"{fn}:{i} dist")
        if d["distribution"] == "constant" and not (lo == v == hi): errs.append(f"{fn}:{i} constant with range")
        if d["distribution"] != "constant" and lo == hi: errs.append(f"{fn}:{i} non-constant with zero range")
        if d["distribution"] == "lognormal" and lo <= 0: errs.append(f"{fn}:{i} lognormal low")
        if not re.fullmatch(r"\d{4}", d["year"]): errs.append(f"{fn}:{i} year")
        for c in ("source", "url", "license", "quantity"):
            if not d[c].strip(): errs.append(f"{fn}:{i} empty {c}")
        if not d["quantity"] in fid: errs.append(f"{fn}:{i} quantity not in id")
        if "estimate" in d["notes"].lower() and d["distribution"] == "constant" and d["quantity"] in ("die_area", "tdp"):
            errs.append(f"{fn}:{i} estimate given as constant")
    data[fn] = recs
acc = {d["accelerator"] for d in data["accelerators.csv"]}
cpu = {d["cpu"] for d in data["cpus.csv"]}
for d in data["accelerators.csv"]:
    if d["factor_id"] != f"accel.{d['accelerator']}.{d['quantity']}": errs.append("accel id pattern " + d["factor_id"])
    if (d["quantity"] == "memory") != bool(d["memory_type"]): errs.append("memory_type placement " + d["factor_id"])
    if d["vendor"] not in ("nvidia", "amd", "google", "intel"): errs.append("vendor " + d["factor_id"])
for d in data["cpus.csv"]:
    if d["factor_id"] != f"cpu.{d['cpu']}.{d['quantity']}": errs.append("cpu id pattern " + d["factor_id"])
for d in data["nodes.csv"]:
    if d["factor_id"] != f"node.{d['node']}.{d['component_kind']}.{d['quantity']}": errs.append("node id pattern " + d["factor_id"])
    k = d["component_kind"]
    if k not in ("accelerator", "cpu", "ram", "ssd", "hdd", "psu", "nic", "node"): errs.append("kind " + d["factor_id"])
    if k == "accelerator" and d["component"] not in acc: errs.append("missing accelerator " + d["component"])
    if k == "cpu" and d["component"] not in cpu: errs.append("missing cpu " + d["component"])
    if k not in ("accelerator", "cpu") and d["component"]: errs.append("component set on " + d["factor_id"])
# coverage
req_acc = ["tdp", "die_area", "dies", "process_node", "memory", "release_year", "accelerators_per_node"]
cov = collections.defaultdict(set)
for d in data["accelerators.csv"]: cov[d["accelerator"]].add(d["quantity"])
for a, qs in cov.items():
    miss = [q for q in req_acc if q not in qs]
    if miss: errs.append(f"accelerator {a} missing {miss}")
    if "memory_stacks" not in qs:
        mt = [d["memory_type"] for d in data["accelerators.csv"] if d["accelerator"] == a and d["memory_type"]][0]
        if mt.startswith("HBM"): errs.append(f"{a}: HBM without memory_stacks")
ccov = collections.defaultdict(set)
for d in data["cpus.csv"]: ccov[d["cpu"]].add(d["quantity"])
nodes = {d["node"] for d in data["nodes.csv"]}
print("accelerators:", len(acc), "(min 32) rows", len(data["accelerators.csv"]))
print("cpus:", len(cpu), "(min 15) rows", len(data["cpus.csv"]), "; without die_area:", [c for c, q in ccov.items() if "die_area" not in q])
print("nodes:", len(nodes), "(min 10) rows", len(data["nodes.csv"]))
print("accelerator rows by quantity:", dict(collections.Counter(d["quantity"] for d in data["accelerators.csv"])))
print("non-constant (estimated/ranged) rows:", {fn: sum(d["distribution"] != "constant" for d in r) for fn, r in data.items()})
# cross-table id uniqueness against any other tables present
for other in glob.glob("factors/*.csv"):
    if other.split("/")[-1] in KEYS: continue
    with open(other, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("factor_id") in ids: errs.append(f"id collision with {other}: {row['factor_id']}")
ok = len(acc) >= 32 and len(cpu) >= 15 and len(nodes) >= 10
print("ERRORS:" if errs else "OK: no errors", *errs[:50], sep="\n")
sys.exit(1 if errs or not ok else 0)
