import csv, re, math, collections
UNITS = set("""kgCO2e/kWh L/kWh ratio fraction W mm2 cm2 nm GB count year h kg g km kWh kgCO2e/cm2 kWh/cm2 L/cm2 MJ/cm2 kgSbeq/cm2
kgCO2e/GB MJ/GB L/GB kgSbeq/GB mm2/GB kgCO2e/unit MJ/unit L/unit kgSbeq/unit kg/unit g/unit kWh/unit kgCO2e/kg MJ/kg L/kg kgSbeq/kg g/kg kWh/kg
kgCO2e/t-km L/m3 kgCO2e L MJ kgSbeq""".split())
DISTS = {"constant","uniform","triangular","normal","lognormal"}
TABLES = {"grid_intensity.csv": ["region","level","region_name"], "cloud_regions.csv": ["provider","cloud_region","location"],
          "electricity_water.csv": ["region","level","region_name"], "datacenters.csv": ["provider","scope"]}
ids = set(); errs = []; data = {}
for fn, keys in TABLES.items():
    cols = ["factor_id","quantity"] + keys + ["value","unit","low","high","distribution","year","source","url","license","notes"]
    with open(f"factors/{fn}", newline="", encoding="utf-8") as f:
        rd = csv.reader(f); hdr = next(rd)
        if hdr != cols: errs.append(f"{fn}: header {hdr}")
        rows = []
        for i, r in enumerate(rd, 2):
            if len(r) != len(cols): errs.append(f"{fn}:{i} has {len(r)} cells"); continue
            d = dict(zip(cols, r)); rows.append(d)
            fid = d["factor_id"]
            if not re.fullmatch(r"[a-z0-9._-]+", fid): errs.append(f"{fn}:{i} bad id {fid}")
            if fid in ids: errs.append(f"{fn}:{i} duplicate {fid}")
            ids.add(fid)
            try: v, lo, hi = float(d["value"]), float(d["low"]), float(d["high"])
            except ValueError: errs.append(f"{fn}:{i} non-float"); continue
            if any(math.isnan(x) or x < 0 for x in (v, lo, hi)): errs.append(f"{fn}:{i} negative/nan")
            if not lo <= v <= hi: errs.append(f"{fn}:{i} {fid} low<=value<=high fails")
            if d["unit"] not in UNITS: errs.append(f"{fn}:{i} unit {d['unit']}")
            if d["unit"] == "fraction" and not (0 <= lo and hi <= 1): errs.append(f"{fn}:{i} fraction out of [0,1]")
            if d["distribution"] not in DISTS: errs.append(f"{fn}:{i} dist")
            if d["distribution"] == "lognormal" and lo <= 0: errs.append(f"{fn}:{i} lognormal low<=0")
            if d["distribution"] == "constant" and not lo == v == hi: errs.append(f"{fn}:{i} constant range")
            if not re.fullmatch(r"\d{4}", d["year"]): errs.append(f"{fn}:{i} year")
            for k in ("source","url","license","quantity"):
                if not d[k].strip(): errs.append(f"{fn}:{i} empty {k}")
        data[fn] = rows
grid = {r["region"]: r for r in data["grid_intensity.csv"]}
for r in data["cloud_regions.csv"]:
    if r["location"] not in grid: errs.append(f"cloud {r['factor_id']} location {r['location']} missing")
    elif r["provider"] in ("aws","azure") and r["value"] != grid[r["location"]]["value"]: errs.append(f"cloud {r['factor_id']} value != location")
for r in data["electricity_water.csv"]:
    if r["region"] not in grid: errs.append(f"ewif {r['region']} not a grid region code")
lv = collections.Counter(r["level"] for r in data["grid_intensity.csv"])
us = [r for r in data["grid_intensity.csv"] if r["region"].startswith("US-")]
ca = [r for r in data["grid_intensity.csv"] if r["region"].startswith("CA-")]
cn = [r for r in data["grid_intensity.csv"] if r["region"].startswith("CN-")]
pc = collections.Counter(r["provider"] for r in data["cloud_regions.csv"])
print("errors:", len(errs)); [print(" ", e) for e in errs[:30]]
print({fn: len(rows) for fn, rows in data.items()})
print("grid levels", dict(lv), "US subdivisions", len(us), "CA", len(ca), "CN", len(cn))
print("cloud providers", dict(pc))
print("ewif", collections.Counter(r["level"] for r in data["electricity_water.csv"]))
print("dc", [(r["provider"], r["quantity"], r["value"]) for r in data["datacenters.csv"]])
assert not errs
assert lv["country"] >= 200 and len(us) == 51 and lv["world"] == 1 and len(ca) == 13
assert sum(pc.values()) >= 60 and all(pc[p] >= 20 for p in ("aws","gcp","azure"))
print("OK")
