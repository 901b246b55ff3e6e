import csv, math, sys, glob, os
UNITS = set("""kgCO2e/kWh L/kWh ratio fraction W mm2 cm2 nm GB count year h kg g km kWh kgCO2e/cm2 kWh/cm2 L/cm2 MJ/cm2 kgSbeq/cm2
kgCO2e/GB MJ/GB L/GB kgSbeq/GB mm2/GB kgCO2e/unit MJ/unit L/unit kgSbeq/unit kg/unit g/unit kWh/unit kgCO2e/kg MJ/kg L/kg kgSbeq/kg
g/kg kWh/kg kgCO2e/t-km L/m3 kgCO2e L MJ kgSbeq""".split())
DISTS = {"constant", "uniform", "triangular", "normal", "lognormal"}
TABLES = {"materials.csv": ["material"], "material_content.csv": ["component", "material"],
          "component_mass.csv": ["item", "component"], "material_producers.csv": ["material", "country", "stage"]}
COMPONENTS = {"pcb","ic_package","heatsink","chassis","psu","fan","cable","hdd","ssd","dram_module"}
ITEMS = {"accelerator_module","accelerator_card_pcie","gpu_server_8x","cpu_server_2s"}
REQ_MATS = {"gold","silver","palladium","copper","cobalt","tantalum","tin","tungsten","gallium","indium","neodymium","dysprosium","aluminium","silicon"}
errs = []; ids = set(); data = {}
import re
for t, keys in TABLES.items():
    path = os.path.join("factors", t)
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f); hdr = next(r)
        exp = ["factor_id","quantity"] + keys + ["value","unit","low","high","distribution","year","source","url","license","notes"]
        if hdr != exp: errs.append(f"{t}: header {hdr}")
        rows = []
        for i, row in enumerate(r, 2):
            if len(row) != len(exp): errs.append(f"{t}:{i} ncols {len(row)}"); continue
            d = dict(zip(exp, row)); rows.append(d)
            fid = d["factor_id"]
            if not re.fullmatch(r"[a-z0-9._-]+", fid): errs.append(f"{t}:{i} bad id {fid}")
            if fid in ids: errs.append(f"{t}:{i} dup id {fid}")
            ids.add(fid)
            try: v, lo, hi = float(d["value"]), float(d["low"]), float(d["high"])
            except ValueError: errs.append(f"{t}:{i} non-float"); continue
            if any(math.isnan(x) or x < 0 for x in (v, lo, hi)): errs.append(f"{t}:{i} negative/nan")
            if not (lo <= v <= hi): errs.append(f"{t}:{i} {fid} not low<=value<=high {lo} {v} {hi}")
            if d["unit"] not in UNITS: errs.append(f"{t}:{i} unit {d['unit']}")
            if d["distribution"] not in DISTS: errs.append(f"{t}:{i} dist")
            if d["distribution"] == "constant" and not (lo == v == hi): errs.append(f"{t}:{i} constant with range")
            if d["distribution"] == "lognormal" and lo <= 0: errs.append(f"{t}:{i} lognormal low<=0")
            if d["unit"] == "fraction" and not (0 <= lo and hi <= 1): errs.append(f"{t}:{i} fraction out of [0,1]")
            if not re.fullmatch(r"\d{4}", d["year"]): errs.append(f"{t}:{i} year")
            for k in ("source", "license"):
                if not d[k].strip(): errs.append(f"{t}:{i} empty {k}")
            if not d["url"].strip() and "estimate" not in d["source"].lower(): errs.append(f"{t}:{i} empty url for non-estimate")
            for k in keys:
                if not d[k]: errs.append(f"{t}:{i} empty key {k}")
            if d[k] != d[k].strip(): errs.append(f"{t}:{i} whitespace")
        data[t] = rows
# semantic checks
mats = {}
for d in data["materials.csv"]:
    mats.setdefault(d["material"], set()).add(d["quantity"])
    if d["factor_id"] != f"mat.{d['material']}.{d['quantity']}": errs.append("id convention " + d["factor_id"])
for d in data["material_content.csv"]:
    if d["component"] not in COMPONENTS: errs.append("component " + d["component"])
    if d["factor_id"] != f"content.{d['component']}.{d['material']}": errs.append("id " + d["factor_id"])
for d in data["component_mass.csv"]:
    if d["item"] not in ITEMS or d["component"] not in COMPONENTS: errs.append("mass keys " + d["factor_id"])
sums = {}
for d in data["material_producers.csv"]:
    if d["stage"] not in ("mine", "refinery"): errs.append("stage " + d["stage"])
    if not (re.fullmatch(r"[A-Z]{2}", d["country"]) or d["country"] == "OTHER"): errs.append("country " + d["country"])
    if d["factor_id"] != f"prod.{d['material']}.{d['stage']}.{d['country'].lower()}": errs.append("id " + d["factor_id"])
    sums[(d["material"], d["stage"])] = sums.get((d["material"], d["stage"]), 0) + float(d["value"])
for k, s in sums.items():
    if abs(s - 1) > 0.02: errs.append(f"shares {k} sum {s}")
# component content sums per component (modal values) must not exceed 1000 g/kg
csum = {}
for d in data["material_content.csv"]:
    csum[d["component"]] = csum.get(d["component"], 0) + float(d["value"])
for k, s in csum.items():
    if s > 1000: errs.append(f"content sum {k} {s}")
print("materials:", len(mats), sorted(mats))
print("  missing required:", sorted(REQ_MATS - set(mats)))
for q in ("gwp", "pe", "water", "adpe"):
    print(f"  {q}: {sum(q in v for v in mats.values())} materials")
print("content components:", len({d['component'] for d in data['material_content.csv']}), "/", len(COMPONENTS),
      "; rows", len(data['material_content.csv']), "; modal sums g/kg", {k: round(v) for k, v in csum.items()})
print("mass items:", sorted({d['item'] for d in data['component_mass.csv']}))
for it in ITEMS:
    print("   ", it, round(sum(float(d['value']) for d in data['component_mass.csv'] if d['item'] == it), 2), "kg")
print("producer (material,stage):", len(sums), sorted(sums))
print("producer materials:", len({m for m, s in sums}), "missing required:", sorted(REQ_MATS - {m for m, s in sums}))
print("rows:", {t: len(r) for t, r in data.items()}, "unique ids:", len(ids))
print("ERRORS:", len(errs)); [print(" ", e) for e in errs[:50]]
sys.exit(1 if errs else 0)
