"""Staging data for the embodied model (issue #12): transport, large-die yield, memory, metal bounds,
re-parameterisation proposals and published embodied cases.

Run from the repository root:

    python scripts/factor_builders/embodied/build.py

It writes, under scripts/factor_builders/embodied/out/:
  transport.csv            full replacement for factors/transport.csv (factor-table schema)
  manufacture_rows.csv     new or changed rows for factors/manufacture.csv
  materials_bounds.csv     changed rows for factors/materials.csv (Nuss & Eckelman 2.5/97.5 % bounds)
  reparameterise.csv       rows of materials/manufacture/material_content/component_mass whose value is
                           far from the centre the sampler uses, with a proposed fix
  embodied_cases.csv       published embodied cases to test against (not to calibrate)

Every number is either transcribed from a cited source (named in the row) or computed here from such
numbers with the arithmetic written in the row's notes; judgements are labelled as such. The only input
read from disk is the current factors/*.csv (for reparameterise.csv). Output is deterministic.
"""

from __future__ import annotations

import csv
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
FACTORS = "factors"  # relative to the repository root (run from there)
TAIL = ["value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes"]
Z95 = 1.6448536269514722


def g(x: float) -> float:
    """Round to 6 significant digits (the precision written to the tables)."""
    return float(f"{x:.6g}")


def fmt(x) -> str:
    if isinstance(x, str):
        return x
    if x == 0:
        return "0"
    return repr(g(x))


def write(name: str, header: list[str], rows: list[list]) -> None:
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(c) if isinstance(c, float) else c for c in r])
    print(f"{name}: {len(rows)} rows")


def check_row(fid, value, low, high, dist, unit):
    """The factor-table rules this script must not break (a cheap local copy of the validator)."""
    assert low <= value <= high, (fid, low, value, high)
    if dist == "constant":
        assert low == value == high, fid
    else:
        assert low < high, fid
    if dist == "lognormal":
        assert low > 0, fid
        med = math.sqrt(low * high)
        assert abs(value / med - 1) < 0.011, (fid, value, med)
    if dist == "triangular":
        mean = (low + value + high) / 3
        assert value == 0 or abs(mean / value - 1) <= 0.15, (fid, value, mean)
    if unit == "fraction":
        assert high <= 1, fid


def lognormal_median(lo: float, hi: float) -> float:
    return g(math.sqrt(lo * hi))


# ============================================================================ sources
DESNZ = ("UK DESNZ, Greenhouse gas reporting: conversion factors 2025, flat file v1.0: 'Freighting goods' "
         "(direct CO2e per tonne.km) and 'WTT- delivery vehs & freight' rows (values as transcribed in the public "
         "repository scope3emissiontest-oss/JulesProject backend/insert_statements_part_*.sql, commit 0c3571d; "
         "primary flat file not re-read here)")
DESNZ_URL = "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025"
OGL = "OGL-3.0 (UK Open Government Licence)"
HAV = "Great-circle distance (haversine, mean Earth radius 6371 km) computed in scripts/factor_builders/embodied/build.py"
HAV_URL = "https://en.wikipedia.org/wiki/Haversine_formula"
CC0 = "CC0-1.0 (computed)"
JUDGE = "footprint project: judgement from the evidence listed in notes"
JUDGE_URL = "factors/README.md#engineering-estimates"
PROJ_LIC = "Apache-2.0 (footprint project estimate)"
NV_DGX_A100 = ("NVIDIA DGX A100 User Guide, Introduction to the NVIDIA DGX A100 System, mechanical specifications "
               "(system weight 271.5 lb)", "https://docs.nvidia.com/dgx/dgxa100-user-guide/introduction-to-dgxa100.html")
NV_DGX_H100 = ("NVIDIA DGX H100/H200 User Guide, Introduction to NVIDIA DGX H100/H200 Systems, mechanical "
               "specifications (system weight 287.6 lb)", "https://docs.nvidia.com/dgx/dgxh100-user-guide/introduction-to-dgxh100.html")
NV_DGX_B200 = ("NVIDIA DGX B200 User Guide, Introduction to NVIDIA DGX B200 Systems, mechanical specifications "
               "(system weight 313.9 lb)", "https://docs.nvidia.com/dgx/dgxb200-user-guide/introduction-to-dgxb200.html")
BOAVIZTA_EFD = ("Boavizta environmental-footprint-data, boavizta-data-us.csv (commit 61323eb, 2023), transcribing "
                "manufacturer product carbon footprints (HPE 2021 PCF data sheets; Dell 2019/2021 PowerEdge PCFs)")
BOAVIZTA_EFD_URL = "https://github.com/Boavizta/environmental-footprint-data"
EFD_LIC = "ODbL-1.0 / DbCL-1.0 (Boavizta dataset); proprietary (facts) for the vendor PCFs"
LB = 0.45359237

# HPE 2021 PCF data sheets via Boavizta environmental-footprint-data:
# name: (life-cycle total kgCO2e, use, manufacturing, transport, end-of-life shares of total, weight kg, title, doc id)
HPE = {
    "proliant-dl345-gen10-plus": (8370, 0.694, 0.299, 0.004, 0.002, 16.33, "ProLiant DL345 Gen10 Plus server", "a50005151enw"),
    "proliant-dl365-gen10-plus": (7980, 0.909, 0.085, 0.004, 0.002, 13.39, "ProLiant DL365 Gen10 Plus server", "a50005152enw"),
    "proliant-dl380-gen10": (4780, 0.883, 0.104, 0.007, 0.004, 19.5, "ProLiant DL380 Gen10 server", "a50004545enw"),
    "proliant-dl385-gen10": (5360, 0.862, 0.128, 0.005, 0.004, 23.6, "ProLiant DL385 Gen10 server", "a50002756enw"),
    "proliant-dl580-gen10": (15800, 0.962, 0.037, 0.002, 0.002, 28.12, "ProLiant DL580 Gen10 server", "a50005153enw"),
    "proliant-microserver-gen10-plus": (2500, 0.796, 0.186, 0.011, 0.004, 4.23, "ProLiant MicroServer Gen10 Plus", "a50005154enw"),
    "synergy-480-gen10": (6180, 0.769, 0.187, 0.034, 0.009, 8.16, "Synergy 480 Gen10 Compute Module", "a50005191enw"),
    "synergy-660-gen10": (21900, 0.95, 0.052, 0.002, 0.001, 13.75, "Synergy 660 Gen10 Compute Module", "a50005192enw"),
    "edgeline-el8000": (10100, 0.918, 0.075, 0.009, 0.002, 3.6, "Edgeline EL8000 Converged Edge System", "a50005090enw"),
}
RACK = ("proliant-dl345-gen10-plus", "proliant-dl365-gen10-plus", "proliant-dl380-gen10", "proliant-dl385-gen10",
        "proliant-dl580-gen10")


def hpe_url(title: str, doc: str) -> str:
    t = title.replace(" ", "%20")
    return ("https://www.hpe.com/psnow/downloadDoc/HPE%20product%20carbon%20footprint%20%E2%80%93%20HPE%20"
            f"{t}%20data%20sheet-{doc}.pdf")


def hpe_implied_air_share(air: float, sea: float, road: float) -> dict:
    """Air share f that reproduces each HPE rack server's PCF transport with this table's factors, on the route
    Taiwan -> Europe of the old table (sea 19,000 km, air 9,442 km, road 1,000 km) and the listed (bare) weight."""
    out = {}
    for name in RACK:
        tot, use, mfg, tr, eol, w, title, doc = HPE[name]
        t = tot * tr / (w / 1000.0)  # kgCO2e per tonne shipped
        s, a, r = 19000 * sea, 9442 * air, 1000 * road
        out[name] = (t - s - r) / (a - s)
    return out


# ============================================================================ 1. transport
# ---- geography (decimal degrees; airport reference points, container-terminal or strait positions,
#      approximate to ~0.1 degree; names are the usual codes)
P = {
    # airports
    "TPE": (25.0777, 121.2328), "SZX": (22.6393, 113.8107), "PVG": (31.1443, 121.8083),
    "NRT": (35.7720, 140.3929), "ICN": (37.4602, 126.4407), "SIN": (1.3644, 103.9915),
    "BOM": (19.0896, 72.8656), "KUL": (2.7456, 101.7099), "AMS": (52.3086, 4.7639),
    "LAX": (33.9425, -118.4081), "IAD": (38.9445, -77.4558), "SYD": (-33.9399, 151.1753),
    "DXB": (25.2532, 55.3657), "GRU": (-23.4356, -46.4731), "JNB": (-26.1392, 28.2460),
    "GDL": (20.5218, -103.3112),
    # container ports
    "KAOHSIUNG": (22.61, 120.28), "YANTIAN": (22.57, 114.27), "SHANGHAI_YANGSHAN": (30.63, 122.07),
    "TOKYO": (35.62, 139.79), "BUSAN": (35.10, 129.04), "SINGAPORE": (1.26, 103.84),
    "NHAVA_SHEVA": (18.95, 72.95), "PORT_KLANG": (3.00, 101.39), "ROTTERDAM": (51.95, 4.14),
    "LOS_ANGELES": (33.73, -118.26), "NORFOLK": (36.95, -76.33), "PORT_BOTANY": (-33.97, 151.22),
    "JEBEL_ALI": (25.01, 55.06), "SANTOS": (-23.98, -46.30), "DURBAN": (-29.87, 31.03),
    "MANZANILLO_MX": (19.05, -104.32),
    # sea-lane waypoints
    "TAIWAN_STRAIT": (24.5, 119.9), "SOUTH_OF_TAIWAN": (21.6, 120.6), "SINGAPORE_STRAIT": (1.20, 103.85),
    "MALACCA_NORTH": (6.0, 97.0), "DONDRA_HEAD": (5.8, 80.6), "CAPE_COMORIN_OFF": (7.5, 77.3),
    "KERALA_OFF": (10.0, 75.8), "HORMUZ": (26.4, 56.6), "BAB_EL_MANDEB": (12.6, 43.4),
    "SUEZ_SOUTH": (29.9, 32.55), "PORT_SAID": (31.3, 32.3), "GIBRALTAR": (35.95, -5.6),
    "CAPE_ST_VINCENT": (36.9, -9.3), "FINISTERRE": (43.2, -9.8), "USHANT": (48.5, -5.5),
    "DOVER_STRAIT": (51.0, 1.5), "SUNDA_STRAIT": (-6.0, 105.8), "CAPE_AGULHAS_OFF": (-35.2, 20.0),
    "DAKAR_OFF": (15.0, -18.5), "PANAMA_PACIFIC": (8.9, -79.5), "PANAMA_ATLANTIC": (9.35, -79.9),
    "WINDWARD_PASSAGE": (20.0, -73.8),
}


def gc(a, b) -> float:
    (la1, lo1), (la2, lo2) = [(math.radians(x), math.radians(y)) for x, y in (P[a], P[b])]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def path(points) -> float:
    return sum(gc(a, b) for a, b in zip(points, points[1:]))


SEA_DETOUR = 1.05  # coastal deviation / traffic separation along a waypoint path (stated assumption)
SEA_DETOUR_OPEN = 1.10  # great circle port-to-port without waypoints (stated assumption)

# origin: (airport, port, pre-carriage road low/high km [lognormal 5/95], description)
ORIGINS = {
    "tw": ("TPE", "KAOHSIUNG", (20.0, 180.0), "Taiwan final assembly (Taoyuan/Hsinchu/Tainan ODM sites) to the gateway"),
    "cn": ("SZX", "YANTIAN", (20.0, 180.0), "China final assembly (Shenzhen/Dongguan) to the gateway"),
    "mx": ("GDL", "MANZANILLO_MX", (0.0, 0.0), "Mexico final assembly (Guadalajara/Ciudad Juarez area)"),
}

# destination group: (airport, port, on-carriage road low/high km [lognormal 5/95], description)
DESTS = {
    "tw": ("TPE", "KAOHSIUNG", (20.0, 300.0), "Taiwan"),
    "cn": ("PVG", "SHANGHAI_YANGSHAN", (50.0, 1500.0), "China (Shanghai gateway; inland data centres up to ~1500 km)"),
    "jp": ("NRT", "TOKYO", (30.0, 330.0), "Japan (Tokyo gateway)"),
    "kr": ("ICN", "BUSAN", (30.0, 330.0), "South Korea (Incheon airport / Busan port; Seoul-area data centres)"),
    "sg": ("SIN", "SINGAPORE", (10.0, 60.0), "Singapore"),
    "in": ("BOM", "NHAVA_SHEVA", (50.0, 1500.0), "India (Mumbai gateway; Chennai/Hyderabad data centres 700-1300 km)"),
    "asia-other": ("KUL", "PORT_KLANG", (30.0, 600.0), "other Asia (Malaysia gateway as proxy: Kuala Lumpur/Johor)"),
    "eu": ("AMS", "ROTTERDAM", (100.0, 1500.0), "Europe (Amsterdam/Rotterdam gateway)"),
    "us-west": ("LAX", "LOS_ANGELES", (200.0, 1800.0), "US west (Los Angeles gateway; AZ/NV/OR data centres 450-1500 km)"),
    "us-east": ("IAD", "NORFOLK", (30.0, 800.0), "US east (Dulles airport / Norfolk port; Ashburn VA cluster)"),
    "oceania": ("SYD", "PORT_BOTANY", (20.0, 300.0), "Oceania (Sydney gateway)"),
    "middle-east": ("DXB", "JEBEL_ALI", (20.0, 600.0), "Middle East (Dubai gateway)"),
    "latin-america": ("GRU", "SANTOS", (30.0, 600.0), "Latin America (Sao Paulo gateway)"),
    "africa": ("JNB", "DURBAN", (30.0, 800.0), "Africa (Johannesburg; Durban port 570 km by road)"),
}

# Sea paths: waypoint lists (from the origin port). None = great circle x SEA_DETOUR_OPEN.
SUEZ = ["MALACCA_NORTH", "DONDRA_HEAD", "BAB_EL_MANDEB", "SUEZ_SOUTH", "PORT_SAID", "GIBRALTAR",
        "CAPE_ST_VINCENT", "FINISTERRE", "USHANT", "DOVER_STRAIT", "ROTTERDAM"]
CAPE = ["SUNDA_STRAIT", "CAPE_AGULHAS_OFF", "DAKAR_OFF", "FINISTERRE", "USHANT", "DOVER_STRAIT", "ROTTERDAM"]


def sea_points(origin_port: str, dest: str, via: str = "") -> list[str] | None:
    head = [origin_port]
    if origin_port == "KAOHSIUNG" and dest in ("cn", "kr"):
        head = [origin_port, "TAIWAN_STRAIT"]
    if dest == "eu":
        return [origin_port, "SINGAPORE_STRAIT"] + (SUEZ if via == "suez" else CAPE)
    if dest == "in":
        return [origin_port, "SINGAPORE_STRAIT", "MALACCA_NORTH", "DONDRA_HEAD", "CAPE_COMORIN_OFF", "KERALA_OFF", "NHAVA_SHEVA"]
    if dest == "middle-east":
        return [origin_port, "SINGAPORE_STRAIT", "MALACCA_NORTH", "DONDRA_HEAD", "HORMUZ", "JEBEL_ALI"]
    if dest == "asia-other":
        return [origin_port, "SINGAPORE_STRAIT", "PORT_KLANG"]
    if dest == "latin-america":
        return [origin_port, "SINGAPORE_STRAIT", "SUNDA_STRAIT", "CAPE_AGULHAS_OFF", "SANTOS"]
    if dest == "africa":
        return [origin_port, "SINGAPORE_STRAIT", "SUNDA_STRAIT", "DURBAN"]
    if dest == "us-east":
        start = [origin_port, "SOUTH_OF_TAIWAN"] if origin_port == "KAOHSIUNG" else [origin_port]
        return start + ["PANAMA_PACIFIC", "PANAMA_ATLANTIC", "WINDWARD_PASSAGE", "NORFOLK"]
    return None  # open-water great circle (us-west, jp, kr, cn, tw, sg, oceania) handled below


def transport_rows() -> list[list]:
    H = ["factor_id", "quantity", "mode", "origin", "destination", "leg", "item"] + TAIL
    rows: list[list] = []

    def add(fid, q, mode, origin, dest, leg, item, v, unit, lo, hi, dist, year, src, url, lic, notes):
        v, lo, hi = g(v), g(lo), g(hi)
        check_row(fid, v, lo, hi, dist, unit)
        rows.append([fid, q, mode, origin, dest, leg, item, v, unit, lo, hi, dist, year, src, url, lic, notes])

    # ---- freight factors (ISO 14083 / GLEC basis: well-to-wheel, no radiative forcing)
    air_lh, air_sh, air_lh_rf, air_sh_rf, air_wtt_lh, air_wtt_sh = 0.5313, 0.75539, 0.89939, 1.27835, 0.13516, 0.20515
    air = air_lh + air_wtt_lh
    add("transport.air.gwp", "gwp", "air", "", "", "", "", air, "kgCO2e/t-km", 0.75 * air, air_sh + air_wtt_sh,
        "triangular", 2025, DESNZ, DESNZ_URL, OGL,
        "DEFAULT air factor, well-to-wheel WITHOUT radiative forcing (the ISO 14083:2023 / GLEC Framework v3 basis, which "
        "reports non-CO2 aviation effects only separately): DESNZ 2025 'Freight flights, International, to/from non-UK' "
        "(= long-haul) without RF 0.5313 + WTT 0.13516 = 0.66646 kgCO2e/t-km. DESNZ recommends the international factor for "
        "flights not touching the UK, so intra-Asia sectors use it too. DESNZ air factors carry an 8% distance uplift: use "
        "great-circle distances. Range, one basis (WTW, no RF): high = DESNZ short-haul without RF 0.75539 + WTT 0.20515 = "
        "0.96054 (shorter sectors, smaller aircraft); low = 0.75 x value = 0.500 (judgement: modern widebody freighters and "
        "belly cargo at high load factor). The previous default (with RF, low bound from a TTW-only GLEC value) mixed "
        "boundaries. GLEC v3 default air intensities were not re-read for this row.")
    add("transport.air.gwp_rf", "gwp_rf", "air", "", "", "", "", air_lh_rf + air_wtt_lh, "kgCO2e/t-km",
        0.75 * (air_lh_rf + air_wtt_lh), air_sh_rf + air_wtt_sh, "triangular", 2025, DESNZ, DESNZ_URL, OGL,
        "Optional sensitivity, NOT the default: air freight well-to-wheel WITH radiative forcing (DESNZ multiplier 1.7 on the "
        "CO2 part): international/long-haul with RF 0.89939 + WTT 0.13516 = 1.03455 kgCO2e/t-km. Range on the same basis: "
        "high = short-haul with RF 1.27835 + WTT 0.20515 = 1.4835; low = 0.75 x value (judgement, as transport.air.gwp). "
        "Report it as a separate quantity or switch, never mixed with the no-RF factor.")
    sea = 0.01612 + 0.00365
    sea_lo = 0.01266 + 0.00287
    add("transport.sea.gwp", "gwp", "sea", "", "", "", "", sea, "kgCO2e/t-km", sea_lo, sea * sea / sea_lo,
        "lognormal", 2025, DESNZ, DESNZ_URL, OGL,
        "Container ship, average, well-to-wheel: DESNZ 2025 0.01612 + WTT 0.00365 = 0.01977 kgCO2e/t-km (median). 5th "
        "percentile = 8000+ TEU class 0.01266 + 0.00287 = 0.01553 (the deep-sea Asia-Europe/transpacific ships); 95th = "
        "0.01977^2/0.01553 = 0.02517 so that the median is the DESNZ average (close to the 2000-2999 TEU class "
        "0.02025 + 0.00459 = 0.02484). Short-sea feeders on intra-Asia legs (1000-1999 TEU: 0.0325 + 0.00737 = 0.03987) lie "
        "above this range; sea legs are small in every route, so one factor is kept.")
    road = 0.10163 + 0.02359
    add("transport.road.gwp", "gwp", "road", "", "", "", "", road, "kgCO2e/t-km", 0.07431 + 0.01757,
        0.12226 + 0.02886, "triangular", 2025, DESNZ, DESNZ_URL, OGL,
        "HGV (all diesel), all HGVs, average laden, well-to-wheel: 0.10163 + WTT 0.02359 = 0.12522 kgCO2e/t-km. Range "
        "(same basis): 100% laden 0.07431 + 0.01757 = 0.09188 to 50% laden 0.12226 + 0.02886 = 0.15112. Van-based "
        "last-mile deliveries are several times higher per t-km (DESNZ vans) and are not covered.")
    rail = 0.02779 + 0.00691
    add("transport.rail.gwp", "gwp", "rail", "", "", "", "", rail, "kgCO2e/t-km", 0.8 * rail, 1.3 * rail,
        "triangular", 2025, DESNZ, DESNZ_URL, OGL,
        "Freight train (UK mix), well-to-wheel: 0.02779 + WTT 0.00691 = 0.0347 kgCO2e/t-km. Range x0.8 to x1.3 "
        "(judgement: electric vs diesel-heavy networks), one WTW basis (the former low bound was TTW-only). No route "
        "below uses rail.")

    # ---- packaging
    add("transport.packaging.mass_factor", "packaging_factor", "", "", "", "", "", 1.25, "ratio", 1.10, 1.40,
        "triangular", 2025, JUDGE, JUDGE_URL, PROJ_LIC,
        "JUDGEMENT: shipped mass = system mass x this factor (crate, pallet, foam). No packaged (shipping) weight of a DGX/HGX "
        "system was found; an 8U GPU server is reported to ship in a wooden crate (secondary: supercluster.blog, DGX H100 "
        "unboxing). 1.10-1.40 spans a cardboard-and-pallet pack to a crated 8U server (+13 to +52 kg on 130 kg). Apply to "
        "transport only; end of life uses the system mass.")

    # ---- air shares
    fimp = hpe_implied_air_share(air, sea, road)
    shares = [HPE[n][3] / (HPE[n][2] + HPE[n][3] + HPE[n][4]) for n in RACK]
    SH_EVID = (f"Evidence: (1) published server PCFs put transport at {min(shares):.1%}-{max(shares):.1%} of embodied GWP "
               "for HPE ProLiant DL345/365/380/385/580 (HPE PCF data sheets 2021 via Boavizta environmental-footprint-data); "
               "inverting those shares with this table's factors (Taiwan -> Europe: sea 19,000 km, air 9,442 km, road "
               "1,000 km; PCF-listed bare weight) gives f = "
               + ", ".join(f"{fimp[n]:.2f}" for n in RACK) +
               " for DL345/365/380/385/580, an upper bound because PCF transport also carries inbound component legs; (2) the ADEME/Tide & Hubblo GPU LCA default flies no GPU card (plane 0 km, boat 19,000 km, "
               "truck 1,000 km; boaviztapi data/archetypes/components/gpu.csv); (3) freight forwarders report AI servers as a "
               "main driver of Taiwan air exports: 'most shipments currently being large AI servers' on Taiwan-US/Europe lanes "
               "(2024 trade press, via wikicockatiel.com), DB Schenker's head of airfreight: AI-server moves out of Taiwan "
               "'growing bonkers' (theloadstar.com), Morrison Express/Aevean: data-centre air cargo +42%, GPUs and "
               "accelerators +65% (in-supply.co.uk); (4) large volumes move by road from Mexican assembly (Foxconn, Wistron; "
               "Taiwan exports to Mexico +479% y/y, mostly GPUs, redplanx.com). No source quantifies the air share.")
    add("transport.air_share.gpu_server", "air_share", "", "", "", "", "gpu_server", 0.35, "fraction", 0.0, 0.70,
        "triangular", 2025, JUDGE, JUDGE_URL, PROJ_LIC,
        "JUDGEMENT: fraction of long-haul tonne-km of 8-GPU/AI servers (modules installed) flown rather than shipped, for "
        "routes from an Asian assembly region; transport = mass x [f x air + (1 - f) x sea + road]. Symmetric triangular "
        "0-0.70 so that value = mode = median = mean (the review's Tri(0, 0.2, 0.8) had its mean 67% above its mode). "
        "0 = all-sea practice of LCA defaults; 0.70 = most AI servers flown, as forwarders describe for 2024-25 peaks, but "
        "not all. " + SH_EVID)
    add("transport.air_share.cpu_server", "air_share", "", "", "", "", "cpu_server", 0.15, "fraction", 0.0, 0.30,
        "triangular", 2025, JUDGE, JUDGE_URL, PROJ_LIC,
        "JUDGEMENT, PCF-consistent: CPU-only rack servers. 0.30 = upper end of the f implied by HPE PCF transport shares "
        "(0.10-0.32, an upper bound, see evidence); 0 = the sea-only reading of Dell's R740 LCA (transport 0.06% US / "
        "0.03% EU of life-cycle GWP per Tailpipe's methodology page, secondary). Symmetric so value = median = mean. "
        + SH_EVID)
    add("transport.air_share.accelerator_module", "air_share", "", "", "", "", "accelerator_module", 0.80, "fraction",
        0.60, 1.0, "triangular", 2025, JUDGE, JUDGE_URL, PROJ_LIC,
        "JUDGEMENT: accelerator modules or 8-GPU baseboards shipped ON THEIR OWN to a server integrator (e.g. Taiwan -> "
        "Mexico or US assembly). High value per kg and 'GPUs and AI accelerators +65%' in data-centre air cargo (Morrison "
        "Express/Aevean via in-supply.co.uk) point to mostly air. Not used when modules ship inside the server (the "
        "default: then the server's share applies). " + SH_EVID)
    add("transport.air_share.accelerator_card_pcie", "air_share", "", "", "", "", "accelerator_card_pcie", 0.70,
        "fraction", 0.40, 1.0, "triangular", 2025, JUDGE, JUDGE_URL, PROJ_LIC,
        "JUDGEMENT: boxed PCIe accelerator cards shipped on their own (distribution/channel). Same evidence as "
        "accelerator_module, lower bound widened for palletised sea shipments. " + SH_EVID)

    # ---- routes
    def road_total(o, d):
        if o == d:  # domestic: on-carriage only, from the assembly site
            return DESTS[d][2]
        plo, phi = ORIGINS[o][2]
        dlo, dhi = DESTS[d][2]
        return (plo + dlo, phi + dhi)

    ROUTE_SRC = HAV + "; routing waypoints and detour factors as stated in notes"
    for o, (oair, oport, pre, odesc) in ORIGINS.items():
        dests = list(DESTS) if o != "mx" else []
        for d in dests:
            dair, dport, on, ddesc = DESTS[d]
            rid = f"{o}-{d}"
            if o != d:
                a = gc(oair, dair)
                add(f"transport.route.{rid}.air.distance", "distance", "air", o, d, "main", "", a, "km", 0.9 * a, 1.1 * a,
                    "triangular", 2025, HAV, HAV_URL, CC0,
                    f"Air leg {oair} {P[oair]} -> {dair} {P[dair]}: great circle {a:.0f} km ({odesc}; {ddesc}). Range "
                    "+-10% (judgement: other gateway airports of the group). No routing uplift: the DESNZ air factor "
                    "already includes one.")
                if d == "eu":
                    s_suez = path(sea_points(oport, d, "suez")) * SEA_DETOUR
                    s_cape = path(sea_points(oport, d, "cape")) * SEA_DETOUR
                    add(f"transport.route.{rid}.sea.distance", "distance", "sea", o, d, "main", "", s_cape, "km", s_suez,
                        1.05 * s_cape, "triangular", 2025, ROUTE_SRC, HAV_URL, CC0,
                        f"Sea leg {oport} -> ROTTERDAM. Value (mode) = Cape of Good Hope routing, the norm for Asia-Europe "
                        "container services since the Red Sea diversions of December 2023 (20cube.com June 2025: nearly all "
                        "Asia-Europe capacity via the Cape; Portcast Dec 2023: about +3,500 nmi); low = Suez routing "
                        f"({s_suez:.0f} km); high = Cape x1.05. Waypoint paths (great circles between waypoints, coordinates "
                        f"in build.py) x{SEA_DETOUR} coastal detour: Suez via Singapore Strait, Malacca, Dondra Head, "
                        "Bab-el-Mandeb, Suez, Gibraltar, Ushant, Dover; Cape via Singapore and Sunda Straits, Cape Agulhas, "
                        "off Dakar, Finisterre, Ushant, Dover. Cross-check: Boavizta/ADEME GPU default 19,000 km "
                        "(Taiwan-Europe).")
                else:
                    pts = sea_points(oport, d)
                    if oport == dport:
                        pts = None
                    if pts is None:
                        base = gc(oport, dport)
                        hops = [oport, dport]
                        if oport == "KAOHSIUNG" and d in ("cn", "kr"):
                            hops = [oport, "TAIWAN_STRAIT", dport]
                            base = path(hops)
                        s = base * SEA_DETOUR_OPEN
                        how = (f"great circle {' -> '.join(hops)} {base:.0f} km x{SEA_DETOUR_OPEN} (stated detour for "
                               "open-water routing without waypoints)")
                    else:
                        base = path(pts)
                        s = base * SEA_DETOUR
                        how = f"waypoint path {' -> '.join(pts)} {base:.0f} km x{SEA_DETOUR} coastal detour"
                    add(f"transport.route.{rid}.sea.distance", "distance", "sea", o, d, "main", "", s, "km", 0.95 * s,
                        1.15 * s, "triangular", 2025, ROUTE_SRC, HAV_URL, CC0,
                        f"Sea leg port to port, {how}. Range x0.95-x1.15 (judgement: port calls, weather routing).")
            lo, hi = road_total(o, d)
            v = lognormal_median(lo, hi)
            if o == d:
                note = (f"DOMESTIC route: the data centre is in the assembly region, so there is NO long-haul air or sea "
                        f"leg; road from the assembly site to the data centre, lognormal 5th-95th {lo:.0f}-{hi:.0f} km "
                        f"(judgement; {ddesc}).")
            else:
                note = (f"Road legs, sum of pre-carriage at origin ({pre[0]:.0f}-{pre[1]:.0f} km: {odesc}) and "
                        f"on-carriage at destination ({on[0]:.0f}-{on[1]:.0f} km: gateway to data centre, {ddesc}); "
                        "lognormal with 5th/95th = sum of the lows/highs, value = their geometric mean (judgement; "
                        "replaces the flat 1,000 km Boavizta default).")
            add(f"transport.route.{rid}.road.distance", "distance", "road", o, d, "road", "", v, "km", lo, hi,
                "lognormal", 2025, JUDGE, JUDGE_URL, PROJ_LIC, note)
    # Mexico: final assembly for the US by road; modules/boards reach Mexico from Taiwan
    for d, lo, hi, what in (("us-west", 700.0, 3500.0, "Ciudad Juarez -> Phoenix ~600 km to Guadalajara -> Oregon ~3,500 km"),
                            ("us-east", 2500.0, 3800.0, "Monterrey/Ciudad Juarez/Guadalajara -> Ashburn VA ~2,800-3,600 km")):
        add(f"transport.route.mx-{d}.road.distance", "distance", "road", "mx", d, "road", "", lognormal_median(lo, hi),
            "km", lo, hi, "lognormal", 2025, JUDGE, JUDGE_URL, PROJ_LIC,
            f"Mexico-assembled servers to US data centres go by truck: NO air or sea leg (f does not apply). Lognormal "
            f"5th-95th {lo:.0f}-{hi:.0f} km ({what}; judgement from road distances between those cities).")
    a = gc("TPE", "GDL")
    add("transport.route.tw-mx.air.distance", "distance", "air", "tw", "mx", "main", "accelerator_module", a, "km",
        0.9 * a, 1.1 * a, "triangular", 2025, HAV, HAV_URL, CC0,
        f"Modules/baseboards to Mexican server assembly: TPE {P['TPE']} -> GDL {P['GDL']} great circle {a:.0f} km; range "
        "+-10% (other Mexican airports, e.g. Ciudad Juarez via El Paso). Use with transport.air_share.accelerator_module.")
    s = gc("KAOHSIUNG", "MANZANILLO_MX") * SEA_DETOUR_OPEN
    add("transport.route.tw-mx.sea.distance", "distance", "sea", "tw", "mx", "main", "accelerator_module", s, "km",
        0.95 * s, 1.15 * s, "triangular", 2025, HAV, HAV_URL, CC0,
        f"KAOHSIUNG -> MANZANILLO (MX) great circle x{SEA_DETOUR_OPEN} (stated open-water detour); range x0.95-x1.15.")
    add("transport.route.tw-mx.road.distance", "distance", "road", "tw", "mx", "road", "accelerator_module",
        lognormal_median(50.0, 1800.0), "km", 50.0, 1800.0, "lognormal", 2025, JUDGE, JUDGE_URL, PROJ_LIC,
        "Road at both ends (Taiwan pre-carriage; GDL/Manzanillo -> Guadalajara or Ciudad Juarez plants, up to ~1,800 km); "
        "lognormal 5th-95th, judgement.")

    # ---- shipped masses (bare system; multiply by transport.packaging.mass_factor)
    def mass(item, v, lo, hi, dist, year, src, url, lic, notes):
        add(f"transport.item.{item}.shipped_mass", "shipped_mass", "", "", "", "", item, v, "kg/unit", lo, hi, dist,
            year, src, url, lic, notes)

    a100, h100, b200 = 271.5 * LB, 287.6 * LB, 313.9 * LB
    for item in ("dgx-a100", "dgx-a100-320gb"):
        mass(item, a100, a100, a100, "constant", 2021, NV_DGX_A100[0], NV_DGX_A100[1], "proprietary (facts)",
             "271.5 lb x 0.45359237 = 123.15 kg, unpackaged, the 8 A100 SXM4 modules included (modules ship inside the "
             "server: do not ship them again). Same chassis for the 320 GB configuration.")
    for item in ("dgx-h100", "dgx-h200"):
        mass(item, h100, h100, h100, "constant", 2024, NV_DGX_H100[0], NV_DGX_H100[1], "proprietary (facts)",
             "287.6 lb = 130.45 kg, unpackaged, 8 GPU modules included. The user guide covers DGX H100 and H200 with one "
             "mechanical table (nodes.csv has no dgx-h200 mass row yet). 271.5 lb is the DGX A100 weight, not the H100's.")
    mass("dgx-b200", b200, b200, b200, "constant", 2025, NV_DGX_B200[0], NV_DGX_B200[1], "proprietary (facts)",
         "313.9 lb = 142.38 kg, unpackaged, 8 B200 modules included.")
    for item, ref, refname in (("hgx-h100", h100, "DGX H100"), ("hgx-h200", h100, "DGX H100"),
                               ("aws-p5-48xlarge", h100, "DGX H100"), ("gcp-a3-highgpu-8g", h100, "DGX H100"),
                               ("azure-nd-h100-v5", h100, "DGX H100"),
                               ("aws-p4d-24xlarge", a100, "DGX A100"), ("aws-p4de-24xlarge", a100, "DGX A100"),
                               ("gcp-a2-highgpu-8g", a100, "DGX A100"), ("azure-nd-a100-v4", a100, "DGX A100")):
        mass(item, ref, 0.8 * ref, 1.2 * ref, "triangular", 2025,
             (NV_DGX_H100 if ref == h100 else NV_DGX_A100)[0] + "; used as proxy", (NV_DGX_H100 if ref == h100 else NV_DGX_A100)[1],
             "proprietary (facts); proxy is a project judgement",
             f"PROXY: no published weight for this 8-GPU OEM/cloud server; the {refname} weight is used, range +-20% "
             "(judgement for other 8-GPU HGX chassis). Modules included.")
    mass("cpu-server-2s", 26.3, 19.5, 33.1, "triangular", 2019, BOAVIZTA_EFD, BOAVIZTA_EFD_URL, EFD_LIC,
         "Weights listed with published 2-socket rack-server PCFs: Dell PowerEdge R740 26.3 kg (Dell 2019 PCF), HPE "
         "ProLiant DL380 Gen10 19.5 kg (HPE 2021 PCF), Dell R740xd 33.1 kg (Dell 2019 PCF). Value = R740 (the 2U 2-socket "
         "server behind the Boavizta archetype class), bounds = the other two (symmetric, so value = mean).")
    for item in ("google-tpu-v4-host", "google-tpu-v5e-host", "google-tpu-v5p-host", "google-tpu-v6e-host"):
        mass(item, lognormal_median(20.0, 80.0), 20.0, 80.0, "lognormal", 2025,
             "footprint project: engineering estimate (no published TPU host mass found)", JUDGE_URL, PROJ_LIC,
             "ESTIMATE: a 2-socket host chassis (19.5-33 kg for PCF-listed 2U servers) plus 4 (v4, v5p) or 8 (v5e, v6e) "
             "TPU boards with cold plates/heatsinks; lognormal 5th-95th 20-80 kg, median 40 kg. Replace when Google "
             "publishes a tray or host weight.")
    mass("gpu_server_8x", h100, 0.8 * h100, 1.2 * h100, "triangular", 2024, NV_DGX_H100[0] + "; used as generic default",
         NV_DGX_H100[1], "proprietary (facts)",
         "Generic 8-GPU server WITH its modules (the old row's 130.45 kg already included them; shipping 8 modules again "
         "double-counted 13.5 kg). Prefer the archetype rows above. Range +-20% (judgement).")
    mass("cpu_server_2s", 26.3, 19.5, 33.1, "triangular", 2019, BOAVIZTA_EFD, BOAVIZTA_EFD_URL, EFD_LIC,
         "As transport.item.cpu-server-2s.shipped_mass (generic key kept for the current model).")
    boav = ("ADEME/Tide & Hubblo GPU teardown data via boaviztapi data/crowdsourcing/gpu_specs.csv (commit 15878f0): "
            "H100 SXM 80GB 1.69 kg, A100 SXM4 40GB 1.56 kg, A100 PCIe 40GB 1.23 kg, L4 0.142 kg")
    boav_url = "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/data/crowdsourcing/gpu_specs.csv"
    mass("accelerator_module", 1.69, 1.56, 1.82, "triangular", 2026, boav, boav_url,
         "AGPL-3.0 (boaviztapi repository; facts carried over)",
         "Bare SXM module with heatsink, only when shipped on its own. Value H100 SXM 1.69 kg, low A100 SXM4 1.56 kg, high "
         "symmetric (judgement). Packaging via transport.packaging.mass_factor (the old high 3.0 kg mixed packaging in).")
    mass("accelerator_card_pcie", 1.23, 0.142, 2.318, "triangular", 2026, boav, boav_url,
         "AGPL-3.0 (boaviztapi repository; facts carried over)",
         "Bare PCIe card shipped on its own. Value A100 PCIe 1.23 kg; low L4 0.142 kg; high symmetric 2.318 kg "
         "(judgement: heavier dual/triple-slot cards), so value = mean.")
    hgx_src = ("NVIDIA HGX H100 and HGX B200 Product Carbon Footprint Summaries (ISO 14067, WSP review, 2025): product "
               "masses as transcribed in public repositories (24 kg HGX H100 baseboard, 32 kg HGX B200); primary PDFs not "
               "read here")
    mass("hgx-h100-baseboard", 24.0, 21.6, 26.4, "triangular", 2025, hgx_src,
         "https://images.nvidia.com/aem-dam/Solutions/documents/HGX-H100-PCF-Summary.pdf", "proprietary (facts)",
         "SECONDARY: 8-GPU HGX H100 baseboard (8 SXM modules, NVSwitch, thermal, PCB) as shipped to server integrators "
         "(e.g. Taiwan -> Mexico). Range +-10% (judgement: secondary transcription).")
    mass("hgx-b200-baseboard", 32.0, 28.8, 35.2, "triangular", 2025, hgx_src,
         "https://images.nvidia.com/aem-dam/Solutions/documents/HGX-B200-PCF-Summary.pdf", "proprietary (facts)",
         "SECONDARY: 8-GPU HGX B200 baseboard. Range +-10% (judgement: secondary transcription).")
    write("transport.csv", H, rows)
    return rows


# ============================================================================ 2-3. manufacture rows
def yield_checks():
    """Scope3's 29 H100 per wafer and Boavizta's effective area, against dies-per-wafer x yield."""
    A_nom = 814.0  # GH100 die, mm2 (accelerators.csv)

    def dpw(area_mm2, kerf=0.2, edge=3.0, d=300.0):
        s = (math.sqrt(area_mm2) + kerf) ** 2
        dd = d - 2 * edge
        return math.pi * (dd / 2) ** 2 / s - math.pi * dd / math.sqrt(2 * s), s

    n, s = dpw(A_nom)
    a_cm2 = s / 100.0
    good = 29.0
    y = good / n
    d0_poisson = -math.log(y) / a_cm2
    # negative binomial, alpha = 2: y = (1 + A D / 2)^-2  ->  D = 2 (y^-1/2 - 1) / A
    d0_nb2 = 2 * (y ** -0.5 - 1) / a_cm2
    # Boavizta: no edge exclusion, kerf 0.2, yield exp(-sqrt(A_cm2 * 0.1))
    n0, s0 = dpw(A_nom, edge=0.0)
    eff = s0 * (math.pi * 150 ** 2) / (n0 * s0) / math.exp(-math.sqrt(s0 / 100 * 0.1))
    out = {"gross": n, "yield": y, "d0_poisson": d0_poisson, "d0_nb2": d0_nb2, "boavizta_eff_mm2": eff,
           "boavizta_good_per_wafer": math.pi * 150 ** 2 / eff}
    for d0 in (0.08, 0.10):
        out[f"good_poisson_{d0}"] = n * math.exp(-a_cm2 * d0)
        out[f"good_nb2_{d0}"] = n * (1 + a_cm2 * d0 / 2) ** -2
    return out


def manufacture_rows() -> list[list]:
    H = ["factor_id", "quantity", "component", "process_node"] + TAIL
    rows: list[list] = []

    def add(fid, q, comp, node, v, unit, lo, hi, dist, year, src, url, lic, notes):
        v, lo, hi = g(v), g(lo), g(hi)
        check_row(fid, v, lo, hi, dist, unit)
        rows.append([fid, q, comp, node, v, unit, lo, hi, dist, year, src, url, lic, notes])

    yc = yield_checks()
    anand = ("Cutress I., 'Better Yield on 5nm than 7nm': TSMC Update on Defect Rates for N5, AnandTech, 25 Aug 2020 "
             "(TSMC Technology Symposium 2020 slides; N7 0.09 /cm2 three quarters after HVM, VLSI Symposium 2019)")
    anand_url = "https://www.anandtech.com/show/16028/better-yield-on-5nm-than-7nm-tsmc-update-on-defect-rates-for-n5"
    evertiq = ("evertiq, 17 May 2024: TSMC European Technology Symposium 2024, N3E defect density at levels similar to N5")
    check = (f"Check against Scope3's 29 H100 per 300 mm wafer (preview.methodology.scope3.com/nvidia_a100): gross dies "
             f"(814 mm2 + 0.2 mm kerf, 3 mm edge exclusion) = {yc['gross']:.1f}, so 29 good dies = yield "
             f"{yc['yield']:.3f}, i.e. D0 = {yc['d0_poisson']:.3f} /cm2 (Poisson) or {yc['d0_nb2']:.3f} (negative "
             f"binomial, alpha 2); at D0 0.08 this model gives {yc['good_poisson_0.08']:.1f} (Poisson) to "
             f"{yc['good_nb2_0.08']:.1f} (alpha 2) good dies. Boavizta (boaviztapi gpu.py: no edge exclusion, 0.2 mm kerf, "
             f"yield exp(-sqrt(A x 0.1))) gives an effective area of {yc['boavizta_eff_mm2']:.0f} mm2 per good die "
             f"({yc['boavizta_good_per_wafer']:.1f} good dies per wafer).")
    D0 = {  # node: (low, high, source, url, year, note)
        "28": (0.03, 0.12, anand, anand_url, 2020,
               "JUDGEMENT on a cited basis: TSMC states each node's D0 'leveling off to comparable levels as the prior "
               "nodes' after ramp (AnandTech 2020); no 28 nm figure was found. Mature planar node: lognormal 0.03-0.12."),
        "16": (0.04, 0.12, anand, anand_url, 2020,
               "JUDGEMENT on a cited basis: mature FinFET node; TSMC shows N7 levelling off at the level of earlier nodes "
               "(AnandTech 2020); no 16/12 nm number published. Lognormal 0.04-0.12."),
        "12": (0.04, 0.12, anand, anand_url, 2020, "As 16 nm (12FFC/12FFN are 16 nm-family processes)."),
        "7": (0.05, 0.16, anand, anand_url, 2020,
              "TSMC N7: 0.09 /cm2 three quarters after high-volume manufacturing (VLSI Symposium 2019, via AnandTech "
              "2020) = median; 5th 0.05 (mature level, cf. N5's projected ~0.06), 95th 0.16 (ramp-phase). A100 (826 mm2) "
              "was made at N7 from 2020."),
        "5": (0.05, 0.13, anand, anand_url, 2020,
              "TSMC N5: 0.10-0.11 /cm2 in Aug 2020 with '<0.10' expected in the next quarter and a projection read as "
              "~0.06 for 2H 2021 (TSMC Technology Symposium 2020 via AnandTech and SemiWiki). Median 0.08; lognormal "
              "0.05-0.13."),
        "4": (0.05, 0.13, anand, anand_url, 2020,
              "TSMC N4/4N is an N5-family process: N5 values. " + check),
        "3": (0.05, 0.15, evertiq + "; " + anand, "https://evertiq.com/news/55741", 2024,
              "TSMC N3E: defect density 'similar to' N5 (TSMC, European Technology Symposium 2024, via evertiq) ; N3 "
              "(first generation) was harder to yield, hence the wider high side. Lognormal 0.05-0.15."),
    }
    for node, (lo, hi, src, url, year, note) in D0.items():
        add(f"mfg.logic_die.{node}nm.defect_density", "defect_density", "logic_die", node, lognormal_median(lo, hi),
            "1/cm2", lo, hi, "lognormal", year, src, url, "fair-use (facts from publication)",
            "Random-defect density D0 for die yield Y = (1 + A x D0 / alpha)^-alpha (negative binomial; alpha = "
            "mfg.logic_die.yield_clustering_alpha; alpha -> infinity is Poisson exp(-A x D0), the low-yield bound). "
            "Replaces ACT's node-independent 0.875 yield for large dies. TSMC does not state which yield model its D0 "
            "refers to. " + note)
    add("mfg.logic_die.yield_clustering_alpha", "yield_clustering_alpha", "logic_die", "", 2.0, "ratio", 0.7, 5.714,
        "lognormal", 2025, "Negative binomial yield model (Stapper, IBM J. Res. Dev., 1970s-80s; textbook form "
                           "Y = (1 + A D0 / alpha)^-alpha); typical alpha 0.5-2 for mature processes per "
                           "chipfoundryservices.com 'Negative Binomial Yield Model' (secondary)",
        "https://www.chipfoundryservices.com/topic/negative-binomial-yield-model", "fair-use (facts from publication)",
        "JUDGEMENT on secondary sources: clustering parameter alpha, median 2 (lognormal 0.7-5.7). For an H100-size die "
        "at D0 0.08 the yield moves only from 0.52 (Poisson) to 0.57 (alpha 2) and 0.66 (alpha 0.5). Murphy's model "
        "Y = ((1 - exp(-A D0))/(A D0))^2 lies between. The primary Stapper papers were not re-read.")
    add("mfg.wafer.wafer_diameter", "wafer_diameter", "wafer", "", 300.0, "mm", 300.0, 300.0, "constant", 2024,
        "SEMI M1 300 mm wafer standard (diameter 300 mm), as used by Boavizta boaviztapi models/component/gpu.py "
        "(_WAFER_DIAMETER = 300) and Scope3", "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/models/component/gpu.py",
        "fair-use (facts from publication)", "All leading-edge logic and DRAM wafers are 300 mm.")
    add("mfg.wafer.edge_exclusion", "edge_exclusion", "wafer", "", 3.0, "mm", 2.0, 5.0, "triangular", 2024,
        "Die-per-wafer calculator documentation: edge exclusion 'typically 2-5 mm' (e.g. cal12.calculator.city gross-die "
        "calculator guide; citicalculator.com), secondary; Boavizta uses none",
        "https://cal12.calculator.city/?p=276226", "fair-use (facts from publication)",
        "JUDGEMENT on secondary sources: 3 mm mode (2-5 mm). Usable diameter = 300 - 2 x edge exclusion. Gross dies per "
        "wafer: N = pi (d/2)^2 / S - pi d / sqrt(2 S), S = (sqrt(A) + kerf)^2, d = usable diameter (the formula in "
        "Hennessy & Patterson, Computer Architecture: A Quantitative Approach, ch. 1, and in boaviztapi gpu.py). " + check)
    add("mfg.wafer.kerf", "kerf", "wafer", "", 0.2, "mm", 0.1, 0.3, "triangular", 2024,
        "Boavizta boaviztapi models/component/gpu.py _KERF = 0.2 mm (commit 15878f0)",
        "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/models/component/gpu.py",
        "AGPL-3.0 (boaviztapi repository; facts carried over)",
        "Scribe-line width added to each die edge. Range 0.1-0.3 mm is a judgement (no primary figure found).")

    # ---- memory
    micron = ("Micron Technology FQ1-2025 earnings call prepared remarks (Dec 2024): 'HBM3E consumes three times the "
              "amount of silicon compared to D5 to produce the same number of bits ... we expect the trade ratio to "
              "increase with HBM4, and then again with HBM4E when we expect it to exceed 4 to 1' (via TheFly/Business "
              "Insider); TrendForce (Avril Wu, 2024): HBM die 35-45% larger than DDR5 of the same process and capacity, "
              "yield incl. TSV packaging 20-30% lower (via flytronics-group.com)")
    micron_url = "https://markets.businessinsider.com/news/stocks/micron-sees-strong-ramp-of-hbm-throughout-2025-1034500104"
    lo_k = 1.35 * (1 / 0.8)  # TrendForce: area x1.35, yield x0.8
    add("mfg.hbm.dram_multiple", "dram_multiple", "hbm", "", lognormal_median(1.8, 3.6), "ratio", 1.8, 3.6,
        "lognormal", 2024, micron, micron_url, "fair-use (facts from publication)",
        "HBM per GB = k x DRAM (DDR5) per GB, for every wafer-driven criterion (gwp, pe, adpe, water); sample k "
        "independently of, and multiply it with, the DRAM draw. Median 2.55, lognormal 5th 1.8 / 95th 3.6. Low: "
        f"TrendForce's die-area x1.35-1.45 and yield 20-30% lower give {lo_k:.2f}-{1.45 / 0.7:.2f} before the base "
        "(logic) die; high: Micron's 3:1 wafer trade ratio for HBM3E plus ~20% for 12-high stacks and back-end "
        "TSV/bonding energy not in a wafer ratio (judgement). Not for HBM4/HBM4E (Micron: ratio rises, >4 for HBM4E). "
        "Seen only through secondary reports; transcripts not checked. Cross-check (test, not calibration): NVIDIA's "
        "HGX H100 PCF puts memory at 546 kgCO2e for 640 GB HBM3 = 0.85 kg/GB (secondary), inside k x mfg.dram.gwp's "
        "range. SK hynix's Carbon Trust-certified HBM footprints (Nov 2025) are not public.")
    # densities (GB/cm2 -> mm2/GB)
    d1z_lp = 12 / 8 / 0.4398  # Samsung D1z 12 Gb LPDDR5, 43.98 mm2
    d1a = 12 / 8 / 0.37  # 12 Gb D1a, ~37 mm2
    d1b = d1a * 1.35  # Micron: 1-beta >= 35% bit density over 1-alpha
    dens_src = ("Die sizes: Samsung D1z 12 Gb LPDDR5 43.98 mm2 (TechInsights via Signal Integrity Journal, quoted on "
                "SemiWiki by F. Chen 2023) and 12 Gb D1a dies ~37 mm2 (same SemiWiki post); Micron 1-beta press release "
                "(1 Nov 2022): '>35% bit density improvement', 16 Gb per die; TrendForce 2024 (HBM die 35-45% larger than "
                "DDR5, via flytronics-group.com)")
    dens_url = "https://semiwiki.com/forum/threads/3d-nand-hits-die-size-milestone-sk-hynix-238-layers.18163/latest"
    ddr5_lo, ddr5_hi = d1z_lp / 1.15, d1b
    lp_lo, lp_hi = d1z_lp, d1b
    hbm_lo, hbm_hi = ddr5_lo / 1.45, ddr5_hi / 1.35
    for fid, comp, lo_gbcm2, hi_gbcm2, note in (
        ("mfg.dram.memory_density", "dram", ddr5_lo, ddr5_hi,
         f"DDR5 dies, 1z to 1-beta class (servers 2022-2026). Density {ddr5_lo:.2f}-{ddr5_hi:.2f} GB/cm2 (5th-95th): "
         f"low = Samsung D1z LPDDR5 {d1z_lp:.2f} GB/cm2 / 1.15 (judgement: DDR5 on-die ECC and larger periphery, no "
         f"DDR5 die size found); high = 12 Gb D1a {d1a:.2f} GB/cm2 x 1.35 (Micron 1-beta) = {d1b:.2f}. Replaces 80.4 "
         "mm2/GB (1.24 GB/cm2, 30-18 nm parts of 2014-17): current DRAM is ~3x denser, so per-GB pe/adpe fall ~3x."),
        ("mfg.lpddr.memory_density", "lpddr", lp_lo, lp_hi,
         f"LPDDR5/5X dies (Grace, TPU hosts, phones), 1z to 1-beta: {lp_lo:.2f}-{lp_hi:.2f} GB/cm2 from the Samsung "
         "D1z 12 Gb die (43.98 mm2) to 1-beta (D1a x 1.35)."),
        ("mfg.hbm.memory_density", "hbm", hbm_lo, hbm_hi,
         f"HBM3/HBM3E core (DRAM) dies: DDR5 density / 1.35-1.45 (TrendForce die-size penalty) = {hbm_lo:.2f}-"
         f"{hbm_hi:.2f} GB/cm2; base die and TSV yield NOT included. Informational: for impacts use "
         "mfg.hbm.dram_multiple x the DRAM per-GB factors (k already contains area, yield and base die); do not combine "
         "both. Replaces ADEME's 15.5 mm2/GB (6.5 GB/cm2), denser than any DRAM die found."),
    ):
        lo_mm, hi_mm = 100.0 / hi_gbcm2, 100.0 / lo_gbcm2
        add(fid, "memory_density", comp, "", lognormal_median(lo_mm, hi_mm), "mm2/GB", lo_mm, hi_mm, "lognormal", 2024,
            dens_src, dens_url, "fair-use (facts from publication)",
            "mm2 of memory die per GB (= 100 / GB per cm2; the unit vocabulary has mm2/GB, not GB/cm2). " + note)
    ddr5_mm = (100.0 / ddr5_hi, 100.0 / ddr5_lo)
    ade = 5.0731e-7  # kgSbeq/cm2 (5.0731e-9 per mm2)
    ade_src = ("Lees-Perasso, Ekchajzer, Roussilhe, De Latour, Analyses de cycle de vie de GPU pour l'intelligence "
               "artificielle (ADEME / Tide & Hubblo, 2026) via boaviztapi data/factors.yml gpu vram.manufacture.adp "
               "5.0731e-9 kgSbeq/mm2 (commit 15878f0)")
    ade_url = "https://librairie.ademe.fr/economie-circulaire-et-dechets/9357-11153-life-cycle-assessments-of-gpus-for-artificial-intelligence.html"
    add("mfg.memory_die.adpe", "adpe", "memory_die", "", ade, "kgSbeq/cm2", ade / 2, ade * 2, "lognormal", 2026,
        ade_src, ade_url, "AGPL-3.0 (boaviztapi repository; facts carried over)",
        "ONE basis for memory ADPe, used for DRAM, LPDDR, GDDR and HBM (HBM via mfg.hbm.dram_multiple): 5.0731e-7 kgSbeq "
        "per cm2 of memory die (ADEME applies it per cm2 of effective wafer area incl. losses). It is of the same order as "
        "the logic-die factors (5.87e-7 Boavizta CPU die, 1.555e-6 ADEME GPU die, per cm2). Boavizta's RAM die factor "
        "6.3e-5 kgSbeq/cm2 (ram.adp.die_impact) is ~100x every other die factor and is dropped (likely includes "
        "packaging/gold); with it the old rows put DRAM 640x above HBM. Range x/2 (judgement).")
    # changed DRAM per-GB rows
    adpe_lo = ade / 2 * ddr5_mm[0] / 100.0
    adpe_hi = ade * 2 * ddr5_mm[1] / 100.0 * 1.4
    add("mfg.dram.adpe", "adpe", "dram", "", lognormal_median(adpe_lo, adpe_hi), "kgSbeq/GB", adpe_lo, adpe_hi,
        "lognormal", 2026, ade_src + "; density from mfg.dram.memory_density (this file)", ade_url,
        "AGPL-3.0 (boaviztapi repository; facts carried over)",
        f"CHANGED: mfg.memory_die.adpe x DDR5 cm2/GB. 5th = {ade/2:.3g} x {ddr5_mm[0]:.1f} mm2/GB; 95th = {ade*2:.3g} x "
        f"{ddr5_mm[1]:.1f} mm2/GB x 1.4 (Boavizta effective-area factor for a ~50 mm2 die, since the ADEME factor is per "
        "effective area). Replaces 5.06e-5 kgSbeq/GB (Boavizta RAM factor at 2014-17 densities), ~300x lower. Add the "
        "per-DIMM module ADPe as before.")
    pe_lo, pe_hi = 27.3 * ddr5_mm[0] / 100.0, 27.3 * ddr5_mm[1] / 100.0
    add("mfg.dram.pe", "pe", "dram", "", lognormal_median(pe_lo, pe_hi), "MJ/GB", pe_lo, pe_hi, "lognormal", 2021,
        "Boavizta boaviztapi data/factors.yml ram.pe.die_impact 27.3 MJ/cm2 (commit 15878f0); density from "
        "mfg.dram.memory_density (this file)", "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/data/factors.yml",
        "AGPL-3.0 (boaviztapi repository; facts carried over)",
        "CHANGED: 27.3 MJ per cm2 of DRAM die x DDR5 cm2/GB (5th-95th from the density range); was 21.9 MJ/GB at the "
        "2014-17 mean density. HBM: x mfg.hbm.dram_multiple.")
    add("mfg.dram.gwp", "gwp", "dram", "", lognormal_median(0.065, 0.60), "kgCO2e/GB", 0.065, 0.60, "lognormal", 2024,
        "Gupta et al. ACT (ISCA 2022) data act/models/dram/dram_hynix.yaml (SK hynix DDR4 10 nm-class 65 g/GB); Faiz et "
        "al. LLMCarbon (ICLR 2024) 0.4 kg/GB; Boavizta factors.yml ram.gwp.die_impact 2.20 kgCO2e/cm2 at the DDR5 density "
        "of mfg.dram.memory_density", "https://arxiv.org/abs/2309.14393",
        "MIT (ACT data); Apache-2.0 (LLMCarbon data); AGPL-3.0 (Boavizta data)",
        f"CHANGED: memory dies only, per GB of DDR5. 5th = ACT/SK hynix 0.065; 95th = Boavizta 2.20 kg/cm2 x "
        f"{ddr5_mm[1]:.1f} mm2/GB = {2.2*ddr5_mm[1]/100:.2f}, x1.1 = 0.60; value = median 0.197 (LLMCarbon's 0.4 lies "
        "inside). Was 0.4 with a 1.947 high bound computed at the 2014-17 density, while the sampler's median was 0.356. "
        "HBM per GB = mfg.hbm.dram_multiple x this (median ~0.50 kg/GB, 90% roughly 0.15-1.5).")
    write("manufacture_rows.csv", H, rows)
    return rows


# ============================================================================ 4. metals
NE_COMET = ("Nuss P., Eckelman M.J. (2014) Life Cycle Assessment of Metals: A Scientific Synthesis, PLOS ONE 9(7):e101298, "
            "Supporting Information S1 Table S38, per-element TOTAL rows with their 2.5%/97.5% bounds (global 2008 supply "
            "mix), as transcribed in hyunjin-kor/COMET backend/data/lca_factors.json (commit 4b32e71); the SI itself was not "
            "re-read here")
NE_URL = "doi:10.1371/journal.pone.0101298"
NE_LIC = "CC-BY-4.0"
# material: (gwp value, gwp 2.5%, gwp 97.5%, ced value, ced 2.5%, ced 97.5%, S38 process/form)
NE = {
    "gold": (12500, 10100, 15400, 208000, 165000, 263000, "Au TOTAL, weight-averaged supply mix"),
    "silver": (196, 164, 234, 3280, 2740, 3950, "Ag TOTAL, weight-averaged supply mix"),
    "palladium": (3880, 3090, 4860, 72700, 55500, 95500, "Pd TOTAL, primary (Bushveld + Noril'sk) + secondary"),
    "platinum": (12500, 9650, 16200, 243000, 178000, 326000, "Pt TOTAL, primary (Bushveld + Noril'sk) + secondary"),
    "copper": (2.8, 2.2, 3.5, 53.7, 42.1, 68.6, "Cu TOTAL, primary + secondary supply mix"),
    "cobalt": (8.3, 6.0, 11.5, 128, 93.2, 179, "Cobalt, at plant, GLO"),
    "tantalum": (260, 206, 331, 4360, 3460, 5570, "Tantalum powder, capacitor grade, at regional storage, GLO"),
    "tin": (17.1, 11.0, 26.8, 321, 201, 496, "Tin, at regional storage, RER"),
    "tungsten": (12.6, 9.6, 16.3, 133, 104, 173, "W TOTAL (ProBas + Idemat)"),
    "indium": (102, 78.8, 155, 1720, 1170, 2520, "Indium, at regional storage, RER"),
    "neodymium": (17.6, 13.8, 22.9, 344, 267, 437, "Neodymium oxide (Nd2O3), at plant, CN"),
    "aluminium": (8.2, 6.3, 10.7, 131, 97.4, 172, "Al TOTAL, primary + secondary"),
    "iron": (1.5, 1.4, 1.7, 23.1, 20.9, 25.5, "Pig iron, at plant, GLO (primary only)"),
    "nickel": (6.5, 5.9, 7.3, 111, 96.4, 129, "Ni TOTAL, primary + secondary"),
    "lead": (1.3, 1.1, 1.5, 18.9, 15.8, 23.5, "Pb TOTAL, primary + secondary"),
}
ND_OXIDE_PER_METAL = (2 * 144.242 + 3 * 15.999) / (2 * 144.242)  # kg Nd2O3 per kg Nd (IUPAC atomic masses)
DY_OXIDE_PER_METAL = (2 * 162.500 + 3 * 15.999) / (2 * 162.500)


def materials_rows() -> list[list]:
    H = ["factor_id", "quantity", "material"] + TAIL
    cur = {r["factor_id"]: r for r in csv.DictReader(open(os.path.join(FACTORS, "materials.csv"), encoding="utf-8"))}
    rows: list[list] = []

    def add(fid, q, mat, v, unit, lo, hi, dist, year, src, url, lic, notes):
        v, lo, hi = g(v), g(lo), g(hi)
        check_row(fid, v, lo, hi, dist, unit)
        rows.append([fid, q, mat, v, unit, lo, hi, dist, year, src, url, lic, notes])

    WIDEN = ("Range: N&E's 2.5%/97.5% bounds used as this table's 5%/95% (a ~19% wider 90% interval in log terms than "
             "refitting a lognormal: N&E's Monte Carlo covers ecoinvent data uncertainty of the 2008 mix only, not the "
             "allocation among co-products, which the paper shows moves results, nor change since 2008; judgement). Value "
             "= geometric mean of the bounds (the sampler's median)")
    for mat, (gv, glo, ghi, cv, clo, chi, form) in NE.items():
        for q, v, lo, hi, unit in (("gwp", gv, glo, ghi, "kgCO2e/kg"), ("pe", cv, clo, chi, "MJ/kg")):
            fid = f"mat.{mat}.{q}"
            old = cur.get(fid)
            med = math.sqrt(lo * hi)
            extra = ""
            if mat == "neodymium":
                k = ND_OXIDE_PER_METAL
                lo, hi, med = lo * k, hi * k, med * k
                extra = (f" RELABELLED: N&E's figure is for Nd2O3 at the plant (CN), not the metal. Per kg of Nd metal the "
                         f"oxide input alone is x{k:.4f} (stoichiometry, 2 x 144.242 + 3 x 15.999 over 2 x 144.242), applied "
                         "to value and bounds. NOT INCLUDED: the oxide-to-metal reduction (fluoride-melt electrolysis with "
                         "carbon anodes: electricity, anode CO2 of 0.23-0.46 kg per kg Nd by stoichiometry, and anode-effect "
                         "CF4/C2F6 emissions flagged by Schulze et al. 2018, doi:10.1007/s40831-018-0198-9); no cited "
                         "energy or emission figure for that step was found, so this row is a LOWER estimate of Nd metal.")
            if mat == "tin" and q == "pe":
                extra = (" RE-READ: 321 MJ/kg (201-496) in the only bounded transcription found; the current row's 310 "
                         "could not be confirmed (primary SI not reachable here).")
            if mat == "gold":
                extra = (" The previous high bound 18,000 (Norgate & Haque 2012, a different study) and the invented low "
                         "9,000 are dropped: one basis. N&H's ~18 tCO2e/kg primary-gold figure lies outside N&E's bounds "
                         "and is a sensitivity case." if q == "gwp" else
                         " The previous bounds 180,000-240,000 were a stated assumption around two sources.")
            if mat in ("copper", "aluminium") and q == "gwp":
                extra = (" Replaces bounds from another basis (copper: mine-site reported 1-9 t/t, Northey et al. 2013; "
                         "aluminium: a 20 kg/kg coal-powered primary-smelting high) with N&E's own bounds; the 2008 GLO mix "
                         "includes recycled metal, so today's coal-based primary aluminium (~16-17) is outside: model it as "
                         "a separate scenario, not as this range." if mat == "aluminium" else
                         " Replaces bounds from another basis (copper: mine-site reported 1-9 t/t, Northey et al. 2013) "
                         "with N&E's own bounds.")
            k = ND_OXIDE_PER_METAL if mat == "neodymium" else 1.0
            raw_lo, raw_hi = lo / k, hi / k
            notes = (f"Cradle-to-gate per kg, {form} (N&E S38). N&E TOTAL {v}; 2.5% {g(raw_lo)}, 97.5% {g(raw_hi)}. "
                     f"{WIDEN} ({g(med)}, {(med / (v * k) - 1) * 100:+.1f}% vs the TOTAL"
                     + (f" x{k:.4f}" if k != 1.0 else "") + "). "
                     f"Previous row: {old['value']} ({old['low']}-{old['high']}, {old['distribution']})." + extra)
            add(fid, q, mat, med, unit, lo, hi, "lognormal", 2014, NE_COMET, NE_URL, NE_LIC, notes)
    # dysprosium: no bounds found; the S38 row is very probably an oxide as well -> notes only
    for q, unit in (("gwp", "kgCO2e/kg"), ("pe", "MJ/kg")):
        fid = f"mat.dysprosium.{q}"
        old = cur[fid]
        v, lo, hi = float(old["value"]), float(old["low"]), float(old["high"])
        add(fid, q, "dysprosium", v, unit, lo, hi, old["distribution"], 2014,
            "Nuss P., Eckelman M.J. (2014) PLOS ONE 9(7):e101298, SI Table S38 (value as in the current row; no bounded "
            "transcription of the Dy row was found)", NE_URL, NE_LIC,
            "Numbers unchanged (value is the lognormal median). BASIS WARNING: every rare-earth row of S38 seen in the "
            "bounded transcription is an oxide at the plant (La2O3, CeO2, Pr6O11, Nd2O3, Sm2O3, Y2O3, 'at plant, CN'), so "
            f"this row is very probably Dy2O3; per kg of Dy metal the oxide alone is x{DY_OXIDE_PER_METAL:.4f} and the "
            "reduction step is missing (see mat.neodymium). Not verified: relabel when the SI is read. Range x/2 "
            "(stated assumption, no N&E bounds found).")
    write("materials_bounds.csv", H, rows)
    return rows


# ============================================================================ 5. re-parameterisation
def reparameterise_rows(mfg_new: list[list], mat_new: list[list]) -> list[list]:
    H = ["factor_id", "table", "old_value", "old_low", "old_high", "old_distribution", "sampler_centre_old",
         "deviation_old", "new_value", "new_low", "new_high", "new_distribution", "replacement_row", "reason"]
    staged = {r[0]: ("manufacture_rows.csv", r) for r in mfg_new}
    staged.update({r[0]: ("materials_bounds.csv", r) for r in mat_new})
    out: list[list] = []
    for table in ("materials", "manufacture", "material_content", "component_mass"):
        for r in csv.DictReader(open(os.path.join(FACTORS, f"{table}.csv"), encoding="utf-8")):
            fid, d = r["factor_id"], r["distribution"]
            v, lo, hi = float(r["value"]), float(r["low"]), float(r["high"])
            if d == "lognormal":
                centre = math.sqrt(lo * hi)
                dev = v / centre - 1
                far = abs(dev) > 0.05
                kind = "lognormal median"
            elif d == "triangular":
                centre = (lo + v + hi) / 3
                dev = centre / v - 1 if v else 0.0
                far = abs(dev) > 0.15
                kind = "triangular mean"
            else:
                continue
            if not far:
                continue
            base = [fid, table, v, lo, hi, d, g(centre), f"{kind} {dev:+.0%} vs value"]
            if fid in staged:
                f, s = staged[fid]
                if f == "manufacture_rows.csv":
                    nv, nl, nh, nd = s[4], s[6], s[7], s[8]
                else:
                    nv, nl, nh, nd = s[3], s[5], s[6], s[7]
                out.append(base + [nv, nl, nh, nd, f"{f}: {fid}",
                                   "Re-derived on one basis in the staged table (see its notes); value = sampler median."])
                continue
            prop = propose(table, fid, v, lo, hi, d, r)
            out.append(base + prop)
    write("reparameterise.csv", H, out)
    return out


def propose(table, fid, v, lo, hi, d, r):
    """Proposed (value, low, high, distribution, replacement, reason) for a row that is off-centre."""
    if fid in ("mat.neodymium.adpe", "mat.dysprosium.adpe"):
        m = lognormal_median(lo, hi)
        return [m, lo, hi, "lognormal", "",
                "value = median: the sampler ignores value for lognormals, so the point estimate was 3.16x its own MC "
                "median. The quoted CML-IA figure (unverified) then sits at ~p80; keep it in notes."]
    if fid == "mfg.nand.gwp":
        return [v, g(v * v / hi), hi, "lognormal", "",
                "Keep LLMCarbon 0.018 as the median: low moved from ACT 0.0064 to 0.018^2/0.045 = 0.0072 (ACT's figure now "
                "just below the 5th percentile)."]
    if fid.startswith("mfg.logic_die.") and fid.endswith(".pe"):
        return [v, g(v * 2.1 / 2.5), g(v * 1.3), "triangular", "",
                "Boundary mix: value and low are fab ELECTRICITY only (ACT EPA x PEF), the high 26.5 MJ/cm2 is Boavizta's "
                "ALL-INCLUSIVE die factor. One basis: low PEF 2.1, high +30% (judgement) -> mean within 5% of value. Model "
                "gases/materials energy as a separate term or switch the value to the all-inclusive basis."]
    if fid in ("mfg.logic_die.10nm.gwp", "mfg.logic_die.8nm.gwp"):
        return [v, lo, hi, d, "",
                "BORDERLINE (mean 16% below the mode): value = ACT default, bounds are real alternatives on the same "
                "per-good-die basis; no change proposed. Will move anyway when yield comes from D0 (manufacture_rows.csv)."]
    if fid == "mfg.gddr.gwp":
        return [g(0.197 * 1.1), 0.065, g(0.60 * 1.2), "lognormal", "manufacture_rows.csv: mfg.dram.gwp",
                "Boundary mix: value is the ADEME VRAM factor (0.184 kg/mm2, the factor behind the 5.4 kg/GB HBM "
                "artefact), low is LLMCarbon generic DRAM. GDDR dies are planar DRAM (no TSV, no base die): put GDDR on "
                "the DRAM basis x1.0-1.2 (judgement) -> median 0.217 kg/GB."]
    if fid in ("mfg.nand.pe", "mfg.nand.adpe"):
        if fid == "mfg.nand.pe":
            nl, nh = 27.3 / 180.0, 27.3 / 54.9
            return [lognormal_median(nl, nh), g(nl), g(nh), "lognormal", "",
                    "Density basis: 27.3 MJ/cm2 / density, 5th at SK hynix 238-layer 512 Gb die (35.58 mm2 = 180 GB/cm2; "
                    "TechInsights via SemiWiki, secondary), 95th at Boavizta's 19-entry mean 54.9 GB/cm2 (32-128 layers). "
                    "The old triangular mixed a 16.4 GB/cm2 (early 3D NAND) high bound."]
        nl, nh = 5.0731e-7 / 2 / 180.0, 5.0731e-7 * 2 / 54.9
        return [lognormal_median(nl, nh), g(nl), g(nh), "lognormal", "manufacture_rows.csv: mfg.memory_die.adpe",
                "Same single memory-die ADPe basis as DRAM/HBM (ADEME 5.07e-7 kgSbeq/cm2 x/2) over 54.9-180 GB/cm2; "
                "Boavizta's 6.3e-5/cm2 die factor dropped (see mfg.memory_die.adpe). Proposal, lead's call."]
    if fid == "mfg.cpu_package.gwp":
        return [v, g(v * 0.5), g(v * 1.5), "triangular", "",
                "Low bound from another scope (ACT's 0.15 kg generic IC package vs Boavizta's per-CPU package incl. "
                "substrate and heat spreader): use the +-50% stated assumption of the sibling Boavizta constants."]
    if fid == "mat.copper.water":
        return [v, g(v * v / hi), hi, "lognormal", "",
                "Northey et al. average 70.4 L/kg as median, their 350 L/kg maximum as 95th, low = 70.4^2/350 = 14.2 "
                "(their 'several kilolitres' minimum lies below the 5th percentile). Min-max of mines is not a 90% range."]
    if fid == "content.pcb.gold":
        m, h = 0.155, 0.855
        return [m, g(m * m / h), h, "lognormal", "",
                "Cited median: the only fleet average, 1.8 t Au in 11,600 t of boards = 0.155 g/kg (German data-centre "
                "material-stock study); 95th = TEMPRO's 0.855 g/kg for RAM/CPU boards (the richest boards; DIMMs have "
                "their own row). The 0.3 mode was an assumption."]
    if fid == "content.ssd.aluminium":
        return [350.0, 0.0, 700.0, "uniform", "",
                "Left-skewed (mean 20% below mode) and bimodal in reality: M.2 SSDs carry no aluminium case, U.2/2.5-inch "
                "SSDs are mostly case. Uniform 0-700 (value = median 350) until the item says which form factor."]
    # generic: keep the mode as the median, the stated upper bound as the 95th percentile
    nl = g(v * v / hi)
    src = r.get("source", "")
    est = "engineering estimate" in src or "footprint project" in src
    return [v, nl, hi, "lognormal", "",
            ("Skewed triangular with the mode near the low bound (the sampler's mean is far above the point). Keep the "
             "value as the MEDIAN and the upper bound as the 95th percentile: lognormal, low = value^2/high"
             + (f" ({nl:g}; was {lo:g})." if lo > 0 else f" ({nl:g}; was 0, impossible for a lognormal).")
             + (" Row is an engineering estimate: the shape, not the evidence, changes." if est else ""))]


# ============================================================================ 6. published cases
def cases_rows() -> list[list]:
    H = ["case_id", "item", "scope", "value", "unit", "transport_share", "eol_share", "share_basis", "year", "source",
         "url", "license", "notes"]
    rows: list[list] = []
    for name, (tot, use, mfg, tr, eol, w, title, doc) in HPE.items():
        emb = mfg + tr + eol
        rows.append([f"case.hpe.{name}", f"HPE {title}", "embodied = manufacturing + transport + end of life (4-year "
                     "life, EU use)", g(tot * emb), "kgCO2e/unit", g(tr / emb), g(eol / emb), "of embodied", 2021,
                     "HPE product carbon footprint data sheet (PAIA-based) via " + BOAVIZTA_EFD, hpe_url(title, doc),
                     EFD_LIC,
                     f"Life-cycle total {tot} kgCO2e; shares of total: use {use}, manufacturing {mfg}, transport {tr}, "
                     f"end of life {eol}; listed weight {w} kg. Transport share of embodied = {tr}/{g(emb)}. Test: a "
                     "CPU-server transport computed with this table's factors should land near this share."])
    dell = {  # name: (total, use, mfg, weight)
        "poweredge-r740": (8640, 0.843, 0.152, 26.3), "poweredge-r640": (7730, 0.830, 0.166, 26.3),
        "poweredge-r740xd": (9180, 0.852, 0.144, 33.1), "poweredge-c4140": (6800, 0.808, 0.183, 22.225),
        "poweredge-r940": (14100, 0.896, 0.098, 44.0), "poweredge-r7425": (11600, 0.884, 0.113, 33.4),
    }
    for name, (tot, use, mfg, w) in dell.items():
        resid = 1 - use - mfg
        rows.append([f"case.dell.{name}", f"Dell {name}", "embodied = life-cycle total x (1 - use share) (4-year life, EU "
                     "use)", g(tot * (1 - use)), "kgCO2e/unit", "", "", "", 2019,
                     "Dell PowerEdge product carbon footprint (2019) via " + BOAVIZTA_EFD,
                     f"https://i.dell.com/sites/csdocuments/CorpComm_Docs/en/carbon-footprint-{name}.pdf", EFD_LIC,
                     f"Life-cycle total {tot} kgCO2e; use {use}, manufacturing {mfg}; transport + end of life only as the "
                     f"residual {resid:.3f} of the total ({resid/(1-use):.1%} of embodied, includes rounding); weight {w} kg."
                     + (" GPU-dense 1U server (4 GPUs) but the PCF configuration's GPU content is not stated here."
                        if name == "poweredge-c4140" else "")])
    nv_h = "https://images.nvidia.com/aem-dam/Solutions/documents/HGX-H100-PCF-Summary.pdf"
    nv_b = "https://images.nvidia.com/aem-dam/Solutions/documents/HGX-B200-PCF-Summary.pdf"
    # consistency check against NVIDIA's 0.66 / 0.50 gCO2e per exaFLOP (developer blog): 4-year life, FP16 with sparsity
    s4 = 4 * 365.25 * 86400
    h_int = 1312e3 / (8 * 1.979e15 * s4 / 1e18)
    b_int = 2274e3 / (36e15 * s4 / 1e18)
    rows.append(["case.nvidia.hgx-h100-baseboard", "NVIDIA HGX H100 8-GPU baseboard (8x H100 SXM 80GB, 640 GB HBM3, "
                 "NVSwitch, thermal, PCB; 24 kg)", "cradle-to-gate (ISO 14067, WSP review); no use, no end of life, no "
                 "host server", 1312.0, "kgCO2e/unit", 0.004, "", "of cradle-to-gate (inbound transport)", 2025,
                 "NVIDIA HGX H100 Product Carbon Footprint Summary (2025), as transcribed in several public repositories; "
                 "primary PDF not read here", nv_h, "proprietary (facts)",
                 "SECONDARY. Component split (kgCO2e): memory 546, ICs 332, thermal 230, electromechanical 52, common 10.6, "
                 "PCB 9.0, interconnect 4.8, mechanical 7.4 (sum 1,191.8); the rest is assembly 8.6% and transport 0.4%. "
                 "Per GPU 164 kg; HBM3 546/640 = 0.85 kgCO2e/GB. Consistent with NVIDIA's blog figure 0.66 gCO2e/exaFLOP "
                 f"if FP16-with-sparsity (8 x 1,979 TFLOPS) over 4 years: {h_int:.3f} g/EFLOP (developer.nvidia.com/blog/?p=106112)."])
    rows.append(["case.nvidia.hgx-b200-baseboard", "NVIDIA HGX B200 8-GPU baseboard (8x B200, 1,440 GB HBM3E; 32 kg)",
                 "cradle-to-gate (ISO 14067)", 2274.0, "kgCO2e/unit", "", "", "", 2025,
                 "NVIDIA HGX B200 Product Carbon Footprint Summary (2025), as transcribed in public repositories; primary "
                 "PDF not read here", nv_b, "proprietary (facts)",
                 "SECONDARY. Per GPU 284 kg. Consistent with NVIDIA's 0.50 gCO2e/exaFLOP at 36 PFLOP/s (FP16 sparse, 8 "
                 f"GPUs) over 4 years: {b_int:.3f} g/EFLOP. Transport share not found."])
    tpu_src = ("Schneider I., Xu H., Benecke S., Patterson D., Huang K., Ranganathan P., Elsworth C. (2025) Life-Cycle "
               "Emissions of AI Hardware: A Cradle-To-Grave Approach and Generational Trends, arXiv:2502.01671 (Google), as "
               "restated in public research notes; the paper's tables were not read here")
    for chip, v in (("v4i", 386.0), ("v6e", 692.0), ("v5p", 1101.0)):
        rows.append([f"case.google.tpu-{chip}", f"Google TPU {chip} (per chip, with its share of host and rack)",
                     "manufacturing (first-party LCA, critically reviewed by Fraunhofer IZM)", v, "kgCO2e/unit", "", "", "",
                     2025, tpu_src, "https://arxiv.org/abs/2502.01671", "fair-use (facts from publication)",
                     "SECONDARY, unverified: per-TPU embodied figures as restated in one set of research notes (~386 v4i, "
                     "~692 v6e, ~1,101 v5p). Same notes: memory (HBM + host DRAM) ~38% of manufacturing emissions; "
                     "operational electricity ~70-90% of life-cycle, embodied <25%. EcoLogits' methodology cites the same "
                     "paper for TPU v6e as 323 kg per chip + 3,550 kg per 8-chip host (= 767 kg per chip with host share), "
                     "which does not match 692: read the paper's table before using either."])
    rows.append(["case.falk2025.a100-sxm4-40gb", "NVIDIA A100 SXM4 40GB", "cradle-to-gate, teardown LCA with elemental "
                 "analysis (ISO 14040/44, EF)", 127.6, "kgCO2e/unit", "", "", "", 2025,
                 "Falk et al. 2025, arXiv:2509.00093, as restated in public repositories; not read here",
                 "https://arxiv.org/abs/2509.00093", "fair-use (facts from publication)", "SECONDARY."])
    for acc, v in (("nvidia-a100-sxm4-40gb", 319), ("nvidia-h100-sxm5-80gb", 575), ("nvidia-b200-sxm6-180gb", 1415)):
        rows.append([f"case.boavizta.{acc}", acc, "card: cradle-to-gate + transport + end of life", float(v), "kgCO2e/unit",
                     "", "", "", 2025, "Boavizta boaviztapi 2.5.0 GPU model (ADEME/Hubblo methodology), computed with "
                     "the package; as in factors/embodied_anchors.csv", "https://github.com/Boavizta/boaviztapi",
                     "AGPL-3.0 (code); figures quoted as facts",
                     "Tool output, not a measurement: memory dominates via 0.184 kgCO2e/mm2 VRAM (H100: memory 431 kg). "
                     "Transport: boat 19,000 km + truck 1,000 km, plane 0 km (boaviztapi gpu archetype)."])
    rows.append(["case.chien2023.a100-server-share", "NVIDIA A100 (1/8 of an 8-GPU instance)", "server incl. GPU, per GPU",
                 318.0, "kgCO2e/unit", "", "", "", 2023, "Chien et al. 2023 (HotCarbon '23) via Scope3 methodology",
                 "doi:10.1145/3604930.3605705", "fair-use (facts from publication)",
                 "Estimate, not a PCF. Scope3's same page: 29 H100 per 300 mm wafer (used as a yield check)."])
    rows.append(["case.morrison2025.h100-server", "8x H100 server", "server incl. GPUs", 3700.0, "kgCO2e/unit", "", "",
                 "", 2025, "Morrison et al. 2025, Holistically Evaluating the Environmental Impact of Creating Language "
                 "Models (arXiv:2503.05804), as in factors/embodied_anchors.csv", "https://arxiv.org/abs/2503.05804",
                 "fair-use (facts from publication)", "Estimate (463 kg per GPU)."])
    write("embodied_cases.csv", H, rows)
    return rows


if __name__ == "__main__":
    transport_rows()
    mfg = manufacture_rows()
    mat = materials_rows()
    reparameterise_rows(mfg, mat)
    cases_rows()
