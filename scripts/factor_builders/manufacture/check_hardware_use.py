import csv, glob, re, sys
UNITS = set("""kgCO2e/kWh L/kWh ratio fraction W mm2 cm2 nm GB count year h kg g km kWh kgCO2e/cm2 kWh/cm2 L/cm2 MJ/cm2 kgSbeq/cm2
kgCO2e/GB MJ/GB L/GB kgSbeq/GB mm2/GB kgCO2e/unit MJ/unit L/unit kgSbeq/unit kg/unit g/unit kWh/unit
kgCO2e/kg MJ/kg L/kg kgSbeq/kg g/kg kWh/kg kgCO2e/t-km L/m3 kgCO2e L MJ kgSbeq""".split())
HDR = ["factor_id","quantity","hardware","workload","accelerator_family","value","unit","low","high",
       "distribution","year","source","url","license","notes"]
DISTS = {"constant","uniform","triangular","normal","lognormal"}
errs = []
rows = list(csv.reader(open("factors/hardware_use.csv", encoding="utf-8")))
if rows[0] != HDR: errs.append(f"header {rows[0]}")
ids = set()
for i, row in enumerate(rows[1:], 2):
    if len(row) != len(HDR): errs.append(f"line {i}: {len(row)} cols"); continue
    d = dict(zip(HDR, row))
    if not re.fullmatch(r"[a-z0-9._-]+", d["factor_id"]): errs.append(f"line {i}: bad id")
    if d["factor_id"] in ids: errs.append(f"line {i}: dup id")
    ids.add(d["factor_id"])
    try: v, lo, hi = float(d["value"]), float(d["low"]), float(d["high"])
    except ValueError: errs.append(f"line {i}: non-float"); continue
    if not lo <= v <= hi: errs.append(f"line {i}: range")
    if min(v, lo, hi) < 0: errs.append(f"line {i}: negative")
    if d["unit"] not in UNITS: errs.append(f"line {i}: unit {d['unit']}")
    if d["unit"] == "fraction" and not (0 <= lo and hi <= 1): errs.append(f"line {i}: fraction")
    if d["distribution"] not in DISTS: errs.append(f"line {i}: dist")
    if d["distribution"] == "constant" and not lo == v == hi: errs.append(f"line {i}: constant range")
    if d["distribution"] == "lognormal" and lo <= 0: errs.append(f"line {i}: lognormal low")
    if not re.fullmatch(r"\d{4}", d["year"]): errs.append(f"line {i}: year")
    for k in ("source","url","license","quantity","hardware"):
        if not d[k].strip(): errs.append(f"line {i}: empty {k}")
    if d["workload"] not in ("", "idle"): errs.append(f"line {i}: workload")
    if d["hardware"] not in ("accelerator","server","default"): errs.append(f"line {i}: hardware")
    exp = ".".join(["use", d["hardware"]] + ([d["workload"]] if d["workload"] else []) +
                   ([d["accelerator_family"]] if d["accelerator_family"] else []) + [d["quantity"]])
    if d["factor_id"] != exp: errs.append(f"line {i}: id {d['factor_id']} != {exp}")
# uniqueness across all tables
for p in glob.glob("factors/*.csv"):
    if p.endswith("hardware_use.csv"): continue
    for row in list(csv.reader(open(p, encoding="utf-8")))[1:]:
        if row and row[0] in ids: errs.append(f"id clash with {p}: {row[0]}")
print(f"{len(rows)-1} rows checked;", "OK" if not errs else "\n".join(errs))
sys.exit(1 if errs else 0)
