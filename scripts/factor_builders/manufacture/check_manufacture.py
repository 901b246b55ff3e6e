import csv, sys, glob, os
UNITS = set("""kgCO2e/kWh L/kWh ratio fraction W mm2 cm2 nm GB count year h kg g km kWh
kgCO2e/cm2 kWh/cm2 L/cm2 MJ/cm2 kgSbeq/cm2 kgCO2e/GB MJ/GB L/GB kgSbeq/GB mm2/GB
kgCO2e/unit MJ/unit L/unit kgSbeq/unit kg/unit g/unit kWh/unit kgCO2e/kg MJ/kg L/kg kgSbeq/kg g/kg kWh/kg
kgCO2e/t-km L/m3 kgCO2e L MJ kgSbeq""".split())
DISTS = {"constant","uniform","triangular","normal","lognormal"}
KEYS = {"manufacture.csv": ["component","process_node"], "transport.csv": ["mode","leg","item"], "end_of_life.csv": ["region","material","treatment"]}
import re
errs = []; ids = {}
for fn, keys in KEYS.items():
    p = f"factors/{fn}"
    exp = ["factor_id","quantity"] + keys + ["value","unit","low","high","distribution","year","source","url","license","notes"]
    with open(p, newline="", encoding="utf-8") as f:
        rd = csv.reader(f); hdr = next(rd)
        if hdr != exp: errs.append(f"{fn}: header {hdr}")
        n = 0
        for i, row in enumerate(rd, 2):
            n += 1
            if len(row) != len(exp): errs.append(f"{fn}:{i} has {len(row)} cells"); continue
            r = dict(zip(exp, row)); fid = r["factor_id"]
            if not re.fullmatch(r"[a-z0-9._-]+", fid): errs.append(f"{fn}:{i} bad id {fid}")
            if fid in ids: errs.append(f"{fn}:{i} duplicate id {fid} (also {ids[fid]})")
            ids[fid] = fn
            try: v, lo, hi = float(r["value"]), float(r["low"]), float(r["high"])
            except ValueError: errs.append(f"{fn}:{i} non-float"); continue
            if not (lo <= v <= hi): errs.append(f"{fn}:{i} {fid} not low<=value<=high")
            if min(v, lo, hi) < 0: errs.append(f"{fn}:{i} negative")
            if r["unit"] not in UNITS: errs.append(f"{fn}:{i} unit {r['unit']}")
            if r["distribution"] not in DISTS: errs.append(f"{fn}:{i} dist")
            if r["distribution"] == "lognormal" and lo <= 0: errs.append(f"{fn}:{i} lognormal low<=0")
            if r["distribution"] == "constant" and not (lo == v == hi): errs.append(f"{fn}:{i} constant range")
            if r["unit"] == "fraction" and not (0 <= lo and hi <= 1): errs.append(f"{fn}:{i} fraction out of [0,1]")
            if not re.fullmatch(r"\d{4}", r["year"]): errs.append(f"{fn}:{i} year")
            for c in ("source","url","license","notes","quantity"):
                if not r[c].strip(): errs.append(f"{fn}:{i} empty {c}")
            if fn == "manufacture.csv":
                if (r["component"] == "logic_die") != bool(r["process_node"]): errs.append(f"{fn}:{i} process_node rule")
                if r["process_node"]: float(r["process_node"])
                if not fid.startswith("mfg."): errs.append(f"{fn}:{i} prefix")
            if fn == "transport.csv" and not fid.startswith("transport."): errs.append(f"{fn}:{i} prefix")
            if fn == "end_of_life.csv" and not fid.startswith("eol."): errs.append(f"{fn}:{i} prefix")
    print(fn, n, "rows")
# uniqueness against other tables already in factors/
for p in glob.glob("factors/*.csv"):
    if os.path.basename(p) in KEYS: continue
    with open(p, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("factor_id") in ids: errs.append(f"id {row['factor_id']} clashes with {p}")
# coverage
rows = {fn: list(csv.DictReader(open(f"factors/{fn}", encoding="utf-8"))) for fn in KEYS}
m = rows["manufacture.csv"]
nodes = {int(r["process_node"]) for r in m if r["component"] == "logic_die" and r["quantity"] == "gwp"}
need_nodes = {28,20,16,14,12,10,8,7,5,4,3}
print("logic_die gwp nodes:", sorted(nodes), "missing:", sorted(need_nodes - nodes))
for q in ("gwp","fab_energy","yield","pe","adpe","water"):
    print(f"  logic_die {q}: {sum(1 for r in m if r['component']=='logic_die' and r['quantity']==q)} nodes")
comps = ["logic_die","dram","hbm","gddr","nand","hdd","cpu_package","accelerator_package","accelerator_board","mainboard","psu","chassis","assembly","heatsink"]
for c in comps:
    qs = sorted({r["quantity"] for r in m if r["component"] == c})
    print(f"  {c}: {qs}")
    if not any(q.startswith("gwp") for q in qs): errs.append(f"component {c} has no gwp")
t = rows["transport.csv"]
print("transport gwp modes:", sorted(r["mode"] for r in t if r["quantity"] == "gwp"))
print("legs:", [(r["leg"], r["mode"]) for r in t if r["quantity"] == "distance"])
print("items:", [r["item"] for r in t if r["quantity"] == "shipped_mass"])
e = rows["end_of_life.csv"]
print("collection_rate regions:", [r["region"] for r in e if r["quantity"] == "collection_rate"])
mats = {r["material"] for r in e if r["quantity"] == "recycling_rate"}
need = {"gold","silver","palladium","copper","cobalt","tantalum","tin","tungsten","gallium","indium","neodymium","dysprosium","aluminium","silicon"}
print("recycling_rate materials:", len(mats), "missing:", sorted(need - mats))
print("treatments:", [(r["treatment"], r["quantity"]) for r in e if r["treatment"]])
print("ERRORS:" if errs else "OK: no errors"); [print(" ", x) for x in errs]
sys.exit(1 if errs else 0)
