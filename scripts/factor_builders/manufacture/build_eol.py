import csv
HDR = ["factor_id","quantity","region","material","treatment","value","unit","low","high","distribution","year","source","url","license","notes"]
rows = []
def add(fid, q, region, mat, tr, v, unit, lo, hi, dist, year, src, url, lic, notes):
    f = lambda x: float(f"{x:.6g}")
    rows.append([fid, q, region, mat, tr, f(v), unit, f(lo), f(hi), dist, year, src, url, lic, notes])
GEM = "Baldé, Kuehr, Yamamoto et al., The Global E-waste Monitor 2024, ITU and UNITAR (2024)"
GEM_URL = "https://ewastemonitor.info/the-global-e-waste-monitor-2024/"
GEM_LIC = "fair-use (facts from publication)"
add("eol.world.collection_rate", "collection_rate", "world", "", "", 0.223, "fraction", 0.20, 0.25, "triangular", 2022, GEM, GEM_URL, GEM_LIC,
    "Share of e-waste generated in 2022 (62 Mt) documented as formally collected and recycled in an environmentally sound manner (13.8 Mt). Range +-10% relative (stated assumption: documentation gaps).")
add("eol.europe.collection_rate", "collection_rate", "europe", "", "", 0.428, "fraction", 0.39, 0.47, "triangular", 2022, GEM, GEM_URL, GEM_LIC,
    "Europe (whole continent, GEM regional aggregate) 2022: 42.8% of e-waste generated documented as formally collected and recycled (7.5 of 17.6 kg per capita). Used as the EU proxy (EU-27 Eurostat WEEE collection rates use a different denominator: average put-on-market of the 3 preceding years). Range +-10% relative (stated assumption).")
add("eol.asia.collection_rate", "collection_rate", "asia", "", "", 0.118, "fraction", 0.10, 0.14, "triangular", 2022, GEM, GEM_URL, GEM_LIC,
    "Asia 2022: about 12% documented formal collection and recycling (11.8% in the GEM 2024 regional summary; secondary sources round to 12%). Also the best available proxy for China (no country figure verified in this session). Range: stated assumption.")
add("eol.africa.collection_rate", "collection_rate", "africa", "", "", 0.007, "fraction", 0.0, 0.01, "triangular", 2022, GEM, GEM_URL, GEM_LIC,
    "Africa 2022: below 1% documented formal collection and recycling (0.7% in the GEM 2024 regional summary). Range 0-1%: the report's 'less than 1 per cent'.")
add("eol.americas.collection_rate", "collection_rate", "americas", "", "", 0.30, "fraction", 0.25, 0.35, "triangular", 2022, GEM, GEM_URL, GEM_LIC,
    "Americas 2022: 30% documented formal collection and recycling (GEM 2024 regional summary; value not re-checked against the PDF in this session, hence the wider +-5 points range). US proxy.")
add("eol.oceania.collection_rate", "collection_rate", "oceania", "", "", 0.414, "fraction", 0.36, 0.46, "triangular", 2022, GEM, GEM_URL, GEM_LIC,
    "Oceania 2022: 41.4% documented formal collection and recycling (GEM 2024 regional summary; not re-checked against the PDF in this session; range +-5 points).")
UNEP = "Graedel, Allwood, Birat et al., Recycling Rates of Metals: A Status Report, UNEP International Resource Panel (2011), Figure 'end-of-life recycling rates (EOL-RR) for sixty metals'"
UNEP_URL = "https://www.resourcepanel.org/reports/recycling-rates-metals"
BINS = {">50": (0.5, 1.0), "25-50": (0.25, 0.5), "10-25": (0.10, 0.25), "1-10": (0.01, 0.10), "<1": (0.0, 0.01)}
for mat, b, extra in [("gold", ">50", ""), ("silver", ">50", ""), ("palladium", ">50", ""), ("copper", ">50", ""), ("cobalt", ">50", ""),
                      ("tin", ">50", ""), ("aluminium", ">50", ""), ("iron", ">50", ""), ("tungsten", "10-25", ""),
                      ("tantalum", "<1", ""), ("gallium", "<1", ""), ("indium", "<1", ""), ("neodymium", "<1", " (rare earth element)"), ("dysprosium", "<1", " (rare earth element)")]:
    lo, hi = BINS[b]
    add(f"eol.{mat}.recycling_rate", "recycling_rate", "world", mat, "", (lo+hi)/2, "fraction", lo, hi, "uniform", 2011, UNEP, UNEP_URL, "fair-use (facts from publication)",
        f"Global end-of-life recycling rate (all end uses, not e-waste specific) in the UNEP IRP bin {b}%{extra}. Value = bin midpoint (not a point estimate); range = the bin. "
        + ("Recovery from WEEE is usually lower than the all-uses EOL-RR because of low collection (see collection_rate)." if b == ">50" else "Practically not recovered from e-waste."))
add("eol.silicon.recycling_rate", "recycling_rate", "world", "silicon", "", 0.0, "fraction", 0.0, 0.01, "uniform", 2020,
    "European Commission, Study on the EU's list of Critical Raw Materials (2020), silicon metal factsheet: end-of-life recycling input rate (EOL-RIR) 0%",
    "https://single-market-economy.ec.europa.eu/sectors/raw-materials/areas-specific-interest/critical-raw-materials_en", "CC-BY-4.0",
    "Silicon is not binned in the UNEP IRP 2011 figure; the EU CRM assessment reports 0% EOL-RIR for silicon metal (a different metric: share of secondary material in input). Figure as reported in the factsheet, not re-checked in this session. Chip silicon reports to slag in copper/precious-metal smelting. Range 0-1% (stated assumption).")
# treatment routes (per kg e-waste)
ADEME = "Lees-Perasso, Ekchajzer, Roussilhe, De Latour, Analyses de cycle de vie de GPU pour l'intelligence artificielle (ADEME / Tide & Hubblo, 2026) end_of_life factor per kg of graphics card, via boaviztapi data/factors.yml gpu.end_of_life (PR #440)"
ADEME_URL = "https://librairie.ademe.fr/economie-circulaire-et-dechets/9357-11153-life-cycle-assessments-of-gpus-for-artificial-intelligence.html"
BL = "AGPL-3.0 (boaviztapi repository; facts carried over)"
DESNZ = "UK DESNZ Greenhouse gas reporting: conversion factors 2025, 'Waste disposal' > 'Electrical items' > WEEE - mixed (values as loaded from the flat file in public repo scope3emissiontest-oss/JulesProject)"
DESNZ_URL = "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025"
add("eol.treatment.recycling.gwp", "gwp", "", "", "recycling", 1.5062, "kgCO2e/kg", 0.00468568, 2.26, "triangular", 2026, ADEME + "; low bound " + DESNZ + " open-loop recycling 4.68568 kgCO2e/t", ADEME_URL, BL,
    "Formal WEEE treatment (dismantling, shredding, smelting) per kg of equipment, no credits for recovered materials. Low: DESNZ 0.0047 kg/kg, which counts only collection/transport to the recycler (DESNZ allocates processing to the users of recycled material). High +50% (stated assumption).")
add("eol.treatment.recycling.pe", "pe", "", "", "recycling", 22.348, "MJ/kg", 11.2, 33.5, "triangular", 2026, ADEME, ADEME_URL, BL, "Per kg of graphics card treated. Range +-50% (stated assumption).")
add("eol.treatment.recycling.adpe", "adpe", "", "", "recycling", 3.714e-6, "kgSbeq/kg", 1.857e-6, 5.571e-6, "triangular", 2026, ADEME, ADEME_URL, BL, "Per kg treated; no avoided-burden credit. Range +-50% (stated assumption).")
add("eol.treatment.landfill.gwp", "gwp", "", "", "landfill", 0.00898311, "kgCO2e/kg", 0.0045, 0.0135, "triangular", 2025, DESNZ + " landfill 8.98311 kgCO2e/t", DESNZ_URL, "OGL-3.0 (UK Open Government Licence)",
    "8.98 kgCO2e per tonne of mixed WEEE landfilled = 0.00898 kg/kg (collection, transport and landfill operation; metals and most plastics do not degrade, so little landfill gas). Range +-50% (stated assumption).")
add("eol.treatment.incineration.gwp", "gwp", "", "", "incineration", 0.00468568, "kgCO2e/kg", 0.0023, 0.0070, "triangular", 2025, DESNZ + " combustion 4.68568 kgCO2e/t", DESNZ_URL, "OGL-3.0 (UK Open Government Licence)",
    "DESNZ 'combustion' (energy-from-waste) factor for mixed WEEE: 4.69 kgCO2e/t. DESNZ attributes combustion emissions to the energy recovered, so this covers transport only; the fossil CO2 from burning the plastic fraction is NOT included. Range +-50% (stated assumption).")
with open("factors/end_of_life.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(HDR); w.writerows(rows)
print(len(rows))
