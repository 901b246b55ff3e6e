import csv, math
HDR = ["factor_id","quantity","mode","leg","item","value","unit","low","high","distribution","year","source","url","license","notes"]
rows = []
def r4(x): return float(f"{x:.6g}")
def add(fid, q, mode, leg, item, v, unit, lo, hi, dist, year, src, url, lic, notes):
    rows.append([fid, q, mode, leg, item, r4(v), unit, r4(lo), r4(hi), dist, year, src, url, lic, notes])
DESNZ = "UK DESNZ Greenhouse gas reporting: conversion factors 2025, flat file, 'Freighting goods' and 'WTT- delivery vehs & freight' (values as loaded from the flat file in public repo scope3emissiontest-oss/JulesProject backend SQL)"
DESNZ_URL = "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025"
OGL = "OGL-3.0 (UK Open Government Licence)"
GLEC = "Smart Freight Centre, GLEC Framework v3.0 (2023), Table 1 air transport default intensity (freighter, >1500 km, TTW, RP1678 method), as listed by Climatiq"
GLEC_URL = "https://www.smartfreightcentre.org/en/our-programs/emissions-accounting/global-logistics-emissions-council/"
# air
add("transport.air.gwp", "gwp", "air", "", "", 0.89939+0.13516, "kgCO2e/t-km", 0.498, 1.134, "triangular", 2025,
    DESNZ + "; low bound " + GLEC + "; high bound NZ Ministry for the Environment 2020 international long-haul air freight with RF 1.134 (via Climatiq)", DESNZ_URL, OGL,
    "Long-haul freight flight, WTW incl. radiative forcing: DESNZ 2025 direct with RF 0.89939 + WTT 0.13516 = 1.0346 kgCO2e/t-km. DESNZ applies an 8% distance uplift inside the factor, so use great-circle distances. "
    "Range: low GLEC v3 freighter TTW without RF 0.498; high NZ MfE 2020 long-haul with RF 1.134. Without RF see transport.air.gwp_no_rf.")
add("transport.air.gwp_no_rf", "gwp_no_rf", "air", "", "", 0.5313+0.13516, "kgCO2e/t-km", 0.498, 0.75, "triangular", 2025,
    DESNZ + "; low bound " + GLEC, DESNZ_URL, OGL,
    "Long-haul freight flight, WTW without radiative forcing: DESNZ 2025 direct 0.5313 + WTT 0.13516 = 0.6665 kgCO2e/t-km (GLEC/ISO 14083 basis excludes RF). Low: GLEC v3 freighter TTW 0.498; high +12% (stated assumption for belly-freight/short sectors).")
add("transport.sea.gwp", "gwp", "sea", "", "", 0.01612+0.00365, "kgCO2e/t-km", 0.01266+0.00287, 0.0325+0.00737, "triangular", 2025,
    DESNZ, DESNZ_URL, OGL,
    "Container ship, average, WTW: 0.01612 + WTT 0.00365 = 0.01977 kgCO2e/t-km. Range: DESNZ container-ship size classes 8000+ TEU (0.01266+0.00287) to 1000-1999 TEU (0.0325+0.00737).")
add("transport.road.gwp", "gwp", "road", "", "", 0.10163+0.02359, "kgCO2e/t-km", 0.07431+0.01757, 0.12226+0.02886, "triangular", 2025,
    DESNZ, DESNZ_URL, OGL,
    "HGV (all diesel), all HGVs, average laden, WTW: 0.10163 + WTT 0.02359 = 0.1252 kgCO2e/t-km. Range: 100% laden (0.07431+0.01757) to 50% laden (0.12226+0.02886). Vans/part loads for last-mile parcels are several times higher (DESNZ vans average 0.63 t-km TTW).")
add("transport.rail.gwp", "gwp", "rail", "", "", 0.02779+0.00691, "kgCO2e/t-km", 0.02779, 0.045, "triangular", 2025,
    DESNZ, DESNZ_URL, OGL,
    "Freight train (UK mix), WTW: 0.02779 + WTT 0.00691 = 0.0347 kgCO2e/t-km. Range: low = TTW only; high +30% for diesel-heavy networks (stated assumption).")
# great-circle distances
R = 6371.0
def gc(a, b):
    (la1, lo1), (la2, lo2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = math.sin((la2-la1)/2)**2 + math.cos(la1)*math.cos(la2)*math.sin((lo2-lo1)/2)**2
    return 2*R*math.asin(math.sqrt(h))
P = {"TPE": (25.0777, 121.2328), "LAX": (33.9425, -118.4081), "IAD": (38.9445, -77.4558), "AMS": (52.3086, 4.7639),
     "SZX": (22.6393, 113.8107), "HSINCHU": (24.7800, 121.0100), "TAOYUAN": (24.9930, 121.3010),
     "KHH_PORT": (22.6100, 120.2800), "LA_PORT": (33.7300, -118.2600), "RTM_PORT": (51.9500, 4.1400)}
coords = lambda k: f"{k} ({P[k][0]}, {P[k][1]})"
HAV = "Great-circle distance computed with the haversine formula, mean Earth radius 6371 km"
def leg(legname, mode, a, b, lo_f, hi_f, extra, src=HAV, url="https://en.wikipedia.org/wiki/Haversine_formula", lic="CC0-1.0 (computed)", value=None, year=2025, dist="triangular"):
    d = gc(P[a], P[b]) if value is None else value
    add(f"transport.leg.{legname}.{mode}.distance", "distance", mode, legname, "", d, "km", d*lo_f, d*hi_f, dist, year, src, url, lic,
        f"{coords(a)} -> {coords(b)} (decimal degrees; airport reference points / approximate site or port coordinates). " + extra)
leg("fab-to-assembly-tw", "road", "HSINCHU", "TAOYUAN", 1.0, 1.6, "Hsinchu Science Park (TSMC) to Taoyuan assembly/test sites. Value = great-circle; road routing typically adds 20-60% (range up to x1.6, stated assumption).")
leg("fab-to-assembly-cn", "air", "TPE", "SZX", 1.0, 1.15, "Taiwan to Shenzhen (board/server assembly) by air; great-circle, range +15% for routing. DESNZ air factors already include an 8% uplift.")
leg("fab-to-assembly-cn", "sea", "KHH_PORT", "SZX", 1.0, 1.5, "Kaohsiung port to Shenzhen (Yantian/Shekou; SZX airport coordinates used as proxy) by sea; great-circle is a lower bound, range up to x1.5 for coastal routing (stated assumption).")
leg("assembly-to-datacenter-us", "air", "TPE", "LAX", 0.85, 1.15, "Taipei Taoyuan to Los Angeles; range +-15% for routing and destination.")
leg("assembly-to-datacenter-us-east", "air", "TPE", "IAD", 0.85, 1.15, "Taipei Taoyuan to Washington Dulles (Ashburn, VA data-center cluster); range +-15%.")
leg("assembly-to-datacenter-eu", "air", "TPE", "AMS", 0.85, 1.15, "Taipei Taoyuan to Amsterdam Schiphol; range +-15%.")
leg("assembly-to-datacenter-us", "sea", "KHH_PORT", "LA_PORT", 1.0, 1.3, "Kaohsiung port to Port of Los Angeles; transpacific sailing roughly follows the great circle; range up to +30% for routing and port calls (stated assumption).")
leg("assembly-to-datacenter-eu", "sea", "KHH_PORT", "RTM_PORT", 0.85, 1.15,
    "Kaohsiung to Rotterdam by sea via Suez: value is Boavizta's default GPU sea distance 19,000 km (great-circle would be ~9,400 km, far shorter than any sea route); range +-15% (Suez vs Cape routing can add more).",
    src="Boavizta boaviztapi GPU archetype default transport_boat 19000 km (data/archetypes/components/gpu.csv, from the ADEME/Tide & Hubblo GPU LCA)", url="https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/data/archetypes/components/gpu.csv", lic="AGPL-3.0 (boaviztapi repository; facts carried over)", value=19000.0, year=2026)
P["ANY"] = (0.0, 0.0)
rows.append(["transport.leg.last-mile.road.distance", "distance", "road", "last-mile", "", 1000.0, "km", 50.0, 2000.0, "triangular", 2026,
    "Boavizta boaviztapi GPU archetype default transport_truck 1000 km (data/archetypes/components/gpu.csv)", "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/data/archetypes/components/gpu.csv",
    "AGPL-3.0 (boaviztapi repository; facts carried over)", "Port/airport to data center by truck. Value: Boavizta default 1000 km; range 50-2000 km (stated assumption: data center near the gateway vs cross-continent haul)."])
# shipped masses
add("transport.item.accelerator_module.shipped_mass", "shipped_mass", "", "", "accelerator_module", 1.69, "kg/unit", 1.56, 3.0, "triangular", 2026,
    "ADEME/Tide & Hubblo GPU teardown data via boaviztapi data/crowdsourcing/gpu_specs.csv (NVIDIA H100 SXM 80GB mass 1.69 kg; A100 SXM4 40GB 1.56 kg)", "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/data/crowdsourcing/gpu_specs.csv",
    "AGPL-3.0 (boaviztapi repository; facts carried over)",
    "Bare SXM module with heatsink (no packaged weight published). Value = H100 SXM 1.69 kg; low A100 SXM4 1.56 kg; high 3.0 kg allows for retail/tray packaging (stated assumption). Usually shipped installed in an HGX baseboard/server: then use gpu_server_8x.")
add("transport.item.accelerator_card_pcie.shipped_mass", "shipped_mass", "", "", "accelerator_card_pcie", 1.23, "kg/unit", 0.142, 2.5, "triangular", 2026,
    "ADEME/Tide & Hubblo GPU teardown data via boaviztapi data/crowdsourcing/gpu_specs.csv (NVIDIA A100 PCIe 40GB 1.23 kg; L4 0.142 kg)", "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/data/crowdsourcing/gpu_specs.csv",
    "AGPL-3.0 (boaviztapi repository; facts carried over)",
    "Bare dual-slot PCIe card. Value A100 PCIe 1.23 kg; low L4 (single-slot low-profile) 0.142 kg; high 2.5 kg for a boxed dual-slot card (stated assumption; packaged weights not published).")
add("transport.item.gpu_server_8x.shipped_mass", "shipped_mass", "", "", "gpu_server_8x", 130.45, "kg/unit", 123.2, 170.0, "triangular", 2023,
    "NVIDIA DGX H100/H200 User Guide, Table 2 Mechanical Specifications: system weight 287.6 lbs (130.45 kg) max", "https://docs.nvidia.com/dgx/dgxh100-user-guide/introduction-to-dgxh100.html",
    "proprietary (facts)",
    "Unpackaged maximum system weight of an 8-GPU DGX H100. Low 123.2 kg (271.5 lb, figure reported for DGX H100 by secondary sources); high 170 kg adds ~30% for the shipping crate (stated assumption; packaged weight not verified).")
add("transport.item.cpu_server_2s.shipped_mass", "shipped_mass", "", "", "cpu_server_2s", 27.0, "kg/unit", 18.0, 36.0, "triangular", 2024,
    "Estimate (no spec sheet verified in this session); typical 1U-2U two-socket rack servers (e.g. Dell PowerEdge R740/R750 class, HPE ProLiant DL380 class) list maximum weights of roughly 20-30 kg",
    "https://corporate.delltechnologies.com/content/dam/digitalassets/active/en/unauth/data-sheets/products/servers/lca_poweredge_r740.pdf", "proprietary (facts)",
    "ESTIMATE with a wide range: 27 kg central for a fully populated 2U 2-socket server, 18-36 kg (1U light to 2U full plus packaging). Replace with the spec-sheet weight of the actual model; URL: Dell R740 LCA (the server ACT models), for the model-specific figure.")
with open("factors/transport.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(HDR); w.writerows(rows)
print(len(rows))
for r in rows: print(r[0], r[5], r[7], r[8])
