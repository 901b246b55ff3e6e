import csv
HEADER_BASE = ["factor_id", "quantity"]
TAIL = ["value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes"]
VENDOR = "proprietary (facts)"
PAPER = "fair-use (facts from publication)"

def fmt(x):
    if x is None or x == "":
        return ""
    x = float(x)
    if x == int(x):
        return str(int(x))
    return repr(round(x, 6))

def write(path, keycols, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(HEADER_BASE + keycols + TAIL)
        for r in rows:
            w.writerow([r["factor_id"], r["quantity"]] + [r.get(k, "") for k in keycols] +
                       [fmt(r["value"]), r["unit"], fmt(r["low"]), fmt(r["high"]), r["distribution"],
                        str(r["year"]), r["source"], r["url"], r["license"], r.get("notes", "")])
