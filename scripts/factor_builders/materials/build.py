import csv, os
OUT = "factors"
os.makedirs(OUT, exist_ok=True)

NE_SRC = ("Nuss P., Eckelman M.J. (2014) Life Cycle Assessment of Metals: A Scientific Synthesis, PLOS ONE 9(7):e101298, "
          "Supporting Information S1 Table S38 'TOTAL' rows (GLO, 2008 supply mix)")
NE_URL = "doi:10.1371/journal.pone.0101298"
NE_LIC = "CC-BY-4.0"
NE_XCHECK = ("Transcribed values cross-checked against 3 independent public transcriptions of the same table "
             "(a metals.py table citing Nuss & Eckelman; an mcp/constants.py citing Table S38; a catalyst-LCA test asserting Pt 12500/243000).")

CML_SRC = ("CML-IA v4.8 (2016) / van Oers et al. 2002 abiotic depletion potential, elements, ultimate reserves (as used in EF 3.0/3.1); "
           "values from the ecoinvent 3.9 LCIA implementation shipped in bw2io 0.9.17 (bw2io/data/lcia/lcia_39_ecoinvent.zip), "
           "methods 'CML v4.8 2016' and 'EF v3.1' | material resources: metals/minerals | ADP elements (ultimate reserves)")
CML_URL = "https://www.universiteitleiden.nl/en/research/research-output/science/cml-ia-characterisation-factors"
CML_LIC = "fair-use (facts from publication); data via bw2io (BSD-3-Clause)"

USGS24 = ("U.S. Geological Survey, Mineral Commodity Summaries 2024 (2023 estimated production)", "doi:10.3133/mcs2024")
USGS25 = ("U.S. Geological Survey, Mineral Commodity Summaries 2025 (2024 estimated production)", "doi:10.3133/mcs2025")
USGS_LIC = "public-domain (US gov)"

HEADER_BASE = ["factor_id", "quantity"]
TAIL = ["value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes"]

def write(name, keys, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL)
        w.writerow(HEADER_BASE + keys + TAIL)
        for r in rows:
            w.writerow([r["factor_id"], r["quantity"]] + [r.get(k, "") for k in keys] +
                       [fmt(r["value"]), r["unit"], fmt(r["low"]), fmt(r["high"]), r["distribution"],
                        r["year"], r["source"], r["url"], r["license"], r["notes"]])
    print(name, len(rows))

def fmt(x):
    if isinstance(x, str):
        return x
    if x == 0:
        return "0"
    if abs(x) < 1e-3 or abs(x) >= 1e7:
        return "%.6g" % x
    return ("%.6f" % x).rstrip("0").rstrip(".")

# ---------------------------------------------------------------- materials.csv
# Nuss & Eckelman 2014: (GWP kgCO2e/kg, CED MJ/kg)
NE = {
    "gold": (12500, 208000), "silver": (196, 3280), "palladium": (3880, 72700), "platinum": (12500, 243000),
    "copper": (2.8, 53.7), "cobalt": (8.3, 128), "tantalum": (260, 4360), "tin": (17.1, 310),
    "tungsten": (12.6, 133), "gallium": (205, 8030), "indium": (102, 1720), "neodymium": (17.6, 344),
    "dysprosium": (57.6, 1170), "aluminium": (8.2, 131), "iron": (1.5, 23.1), "nickel": (6.5, 111),
    "lead": (1.3, 18.9),
}
MINOR = {"gold", "silver", "palladium", "platinum", "cobalt", "tantalum", "tungsten", "gallium", "indium",
         "neodymium", "dysprosium", "tin"}
# ADPe kgSbeq/kg: (CML v4.8 2016 full precision, EF v3.1 rounded)
ADP = {
    "gold": (52.04250371, 52), "silver": (1.183978618, 1.18), "palladium": (0.5706016, 0.571),
    "platinum": (2.216820008, 2.22), "copper": (0.001365923, 0.00137), "cobalt": (1.56882e-05, 1.57e-05),
    "tantalum": (4.05816e-05, 4.06e-05), "tin": (0.016229792, 0.0162), "tungsten": (0.004518138, 0.00452),
    "gallium": (1.45748e-07, 1.46e-07), "indium": (0.006888901, 0.00689), "aluminium": (1.09433e-09, 1.09e-09),
    "silicon": (1.40205e-11, 1.4e-11), "iron": (5.24473e-08, 5.24e-08), "nickel": (6.52943e-05, 6.53e-05),
    "lead": (0.006338267, 0.00634),
}
rows = []
def mrow(mat, q, value, unit, low, high, dist, year, src, url, lic, notes):
    rows.append(dict(factor_id=f"mat.{mat}.{q}", quantity=q, material=mat, value=value, unit=unit, low=low,
                     high=high, distribution=dist, year=year, source=src, url=url, license=lic, notes=notes))

for mat, (gwp, ced) in NE.items():
    f = 2.0 if mat in MINOR else 1.5
    rng = (f"range: lognormal, 5th/95th = value/{f:g} and value*{f:g} (stated assumption: Nuss & Eckelman show results for "
           f"co-produced metals shift strongly with the allocation rule; no per-metal confidence interval transcribed)")
    if mat == "gold":
        mrow(mat, "gwp", gwp, "kgCO2e/kg", 9000, 18000, "triangular", 2014, NE_SRC + "; Norgate T., Haque N. (2012) "
             "Using life cycle assessment to evaluate some environmental impacts of gold production, J. Cleaner Production 29-30:53-63",
             NE_URL + " ; doi:10.1016/j.jclepro.2012.01.042", NE_LIC + "; fair-use (facts from publication)",
             "mode = Nuss & Eckelman 12500; high = Norgate & Haque 2012 ~18 tCO2e/kg (value as quoted in project reference notes); "
             "low 9000 = stated assumption (-28%). Primary production, global mix. " + NE_XCHECK)
        mrow(mat, "pe", ced, "MJ/kg", 180000, 240000, "triangular", 2014, NE_SRC + "; Norgate & Haque 2012",
             NE_URL + " ; doi:10.1016/j.jclepro.2012.01.042", NE_LIC + "; fair-use (facts from publication)",
             "Cumulative energy demand. mode = Nuss & Eckelman 208000 MJ/kg; Norgate & Haque 2012 ~200 GJ/kg (as quoted in "
             "project reference notes); bounds 180000-240000 = stated assumption around the two sources.")
        continue
    if mat == "copper":
        mrow(mat, "gwp", gwp, "kgCO2e/kg", 1.0, 9.0, "triangular", 2014, NE_SRC + "; Northey S., Haque N., Mudd G. (2013) "
             "Using sustainability reporting to assess the environmental footprint of copper mining, J. Cleaner Production 40:118-128",
             NE_URL + " ; doi:10.1016/j.jclepro.2012.09.027", NE_LIC + "; fair-use (facts from publication)",
             "mode = Nuss & Eckelman 2.8; bounds = Northey et al. 2013 range across reporting mines 1-9 tCO2e/t Cu "
             "(their average 2.6). " + NE_XCHECK)
        mrow(mat, "pe", ced, "MJ/kg", 30, 90, "triangular", 2014, NE_SRC, NE_URL, NE_LIC,
             "Cumulative energy demand. mode = Nuss & Eckelman; bounds = stated assumption. Northey et al. 2013 report 10-70 GJ/t "
             "(avg 22.2) of final energy at mine/plant level, which excludes upstream primary-energy conversion.")
        continue
    if mat == "aluminium":
        mrow(mat, "gwp", gwp, "kgCO2e/kg", 6.0, 20.0, "triangular", 2014, NE_SRC, NE_URL, NE_LIC,
             "Nuss & Eckelman 'TOTAL' for aluminium reflects the 2008 supply mix (includes a recycled share); purely primary "
             "smelting with coal-heavy power (today's Chinese-dominated mix) is higher, ~16-17 kgCO2e/kg (industry figures, not "
             "verified here), hence the skewed upper bound (stated assumption). " + NE_XCHECK)
        mrow(mat, "pe", ced, "MJ/kg", 100, 220, "triangular", 2014, NE_SRC, NE_URL, NE_LIC,
             "Cumulative energy demand; bounds stated assumption (see gwp note on supply mix).")
        continue
    mrow(mat, "gwp", gwp, "kgCO2e/kg", gwp / f, gwp * f, "lognormal", 2014, NE_SRC, NE_URL, NE_LIC,
         "Cradle-to-gate, primary production, global mix (2008). " + rng + ". " + NE_XCHECK)
    mrow(mat, "pe", ced, "MJ/kg", ced / f, ced * f, "lognormal", 2014, NE_SRC, NE_URL, NE_LIC,
         "Cumulative energy demand (CED), cradle-to-gate, primary production. " + rng + ".")

# silicon: not covered by Nuss & Eckelman (metalloid) -> derived estimate
mrow("silicon", "gwp", 11, "kgCO2e/kg", 5, 17, "triangular", 2021,
     "Estimate built from: direct process CO2 of carbothermic MG-Si production ~5 t CO2/t Si (Norwegian industry figure, tu.no 2021; "
     "Kero, Grådahl, Tranell 2016 'Emissions from MG-Si/FeSi production - a summary') + furnace electricity ~11-13 kWh/kg "
     "(ecoinvent 'silicon production, metallurgical grade' after Jungbluth, Stucki, Frischknecht 2009) x grid intensity 0-0.9 kgCO2e/kWh",
     "doi:10.1007/s40831-021-00429-0", "fair-use (facts from publication)",
     "ESTIMATE, not a published single figure: metallurgical-grade silicon (98-99%), not electronic-grade polysilicon or wafers "
     "(those are far higher and belong in the chip-manufacturing tables). low = hydro-powered (Norway) ~5, high = coal grid ~5+12*0.95, "
     "mode ~ world mix dominated by China. The J. Sustain. Metall. 2021 paper at the doi above discusses how the growth of "
     "coal-powered Chinese production raised the carbon footprint of primary aluminium and silicon.")
mrow("silicon", "pe", 150, "MJ/kg", 80, 250, "triangular", 2009,
     "Estimate: ~11-13 kWh/kg furnace electricity (ecoinvent MG-Si dataset after Jungbluth et al. 2009) converted to primary energy "
     "(x2.5-3.5) + carbon reductants/electrodes (~30-60 MJ/kg)",
     "https://www.globallcadataaccess.org/silicon-production-metallurgical-grade-upr-ecoinvent-36-undefined-0",
     "fair-use (facts from publication)",
     "ESTIMATE (derived, stated assumptions in source column); metallurgical-grade silicon only; wide bounds.")

# water (only where a published per-kg figure was found)
mrow("gold", "water", 260000, "L/kg", 130000, 520000, "lognormal", 2012,
     "Norgate T., Haque N. (2012) Using life cycle assessment to evaluate some environmental impacts of gold production, "
     "J. Cleaner Production 29-30:53-63 (~260 m3/kg Au)", "doi:10.1016/j.jclepro.2012.01.042", "fair-use (facts from publication)",
     "Life-cycle water CONSUMPTION (cradle-to-gate, incl. water embodied in energy/reagents), 260 m3/kg = 260000 L/kg, as quoted "
     "in the project reference notes (not re-read from the paper here). Range: x/2 (stated assumption; site water use varies widely "
     "with ore grade and climate).")
mrow("copper", "water", 70.4, "L/kg", 5, 350, "triangular", 2013,
     "Northey S., Haque N., Mudd G. (2013) Using sustainability reporting to assess the environmental footprint of copper mining, "
     "J. Cleaner Production 40:118-128", "doi:10.1016/j.jclepro.2012.09.027", "fair-use (facts from publication)",
     "Water footprint reported by copper mines/operations: average 70.4 kL/t Cu = 70.4 L/kg; 'from several kilolitres up to 350 kL/t' "
     "(bounds). Mostly site water consumption/withdrawal as reported in sustainability reports (definitions vary between "
     "companies); excludes upstream supply chain. CSIRO (2014) life-cycle figure ~1600 L per 19 kg Cu (~84 L/kg) is consistent.")
for pgm in ("palladium", "platinum"):
    mrow(pgm, "water", 201000, "L/kg", 76000, 400000, "triangular", 2015,
         "Haggard E.L., Sheridan C.M., Harding K.G. (2015) Quantification of water usage at a South African platinum processing "
         "plant, Water SA 41(2)", "doi:10.4314/wsa.v41i2.14", "CC-BY-4.0",
         "Direct water footprint (Water Footprint Network method, blue+green+grey) of 2 concentrators + smelter + tailings dam: "
         "201 m3 per kg PGM (one site, 2012-13). Per kg of combined PGM, applied to " + pgm + " without allocation between "
         "Pt/Pd/Rh (stated assumption). low = the 76 m3/kg of the first concentrator alone; high = x2 (stated assumption). "
         "Mine-site dewatering and upstream energy excluded.")

for mat, (cml, ef) in ADP.items():
    mrow(mat, "adpe", cml, "kgSbeq/kg", min(cml, ef), max(cml, ef), "constant" if cml == ef else "uniform", 2016,
         CML_SRC, CML_URL, CML_LIC,
         f"Characterisation factor (definitional, no statistical uncertainty). CML v4.8 2016 = {cml:.6g}; EF v3.1 (rounded) = {ef:.6g}; "
         "low/high span the two implementations' rounding only.")
for mat, v in (("neodymium", 5.51e-4), ("dysprosium", 2.13e-6)):
    mrow(mat, "adpe", v, "kgSbeq/kg", v / 100, v * 10, "uniform", 2016,
         "CML-IA v4.8 (2016) ADP elements, ultimate reserves (van Oers et al. 2002) - value as commonly quoted (UNVERIFIED in this session)",
         CML_URL, "fair-use (facts from publication)",
         "UNVERIFIED: rare-earth elements are absent from the ecoinvent 3.9 CML/EF implementation checked (bw2io 0.9.17), and no "
         "primary copy of the CML-IA spreadsheet was reachable. A back-of-envelope check with the ADP formula (production / crustal "
         "content^2 relative to Sb) gives values 1-2 orders of magnitude lower for Nd, so the range is deliberately very wide and "
         "skewed low. Replace with the CML-IA spreadsheet value when available.")
write("materials.csv", ["material"], rows)

# ---------------------------------------------------------------- material_content.csv
TEMPRO_SRC = ("TEMPRO project (Total Energy Management for Professional Data Centers, BMWi 6th Energy Research Programme): laboratory "
              "analysis of server electronic boards, as reported by datacentersustainability.org 'Data centers and critical raw materials'")
TEMPRO_URL = "https://datacentersustainability.org/data-centers-and-critical-raw-materials/"
HF_SRC = ("Hintemann R., Fichter K. et al., 'Beyond energy: material stock in data centers' (German data-centre equipment stock 2008: "
          "11,600 t circuit boards containing 1.8 t Au, 7.5 t Ag, 0.8 t Pd)")
HF_URL = "https://discovery.researcher.life/article/beyond-energy/6f6f57bb72a03930aba410e9a61faa73"
SUM_SRC = ("Sum E.Y.L. (1991) The recovery of metals from electronic scrap, JOM 43(4):53-61 - classic e-scrap board composition "
           "(Cu 20%, Sn 4%, Ni 2%, Pb 2%, Ag 0.2%, Au 0.1%, Pd 0.005%), as reproduced on public pages")
SUM_URL = "doi:10.1007/BF03220549"
EST = "engineering estimate (no published breakdown found)"
FU = "fair-use (facts from publication)"
crows = []
def c(comp, mat, value, low, high, dist, year, src, url, lic, notes):
    crows.append(dict(factor_id=f"content.{comp}.{mat}", quantity="content", component=comp, material=mat, value=value,
                      unit="g/kg", low=low, high=high, distribution=dist, year=year, source=src, url=url, license=lic, notes=notes))

# pcb: server motherboards / accelerator boards incl. mounted parts
c("pcb", "gold", 0.3, 0.15, 0.855, "triangular", 2008, TEMPRO_SRC + "; " + HF_SRC, TEMPRO_URL + " ; " + HF_URL, FU,
  "high = TEMPRO RAM/CPU boards 855 g/t (highest-grade server boards); low = German DC board stock average 1.8 t/11,600 t = 155 g/t; "
  "mode 300 g/t = stated assumption for high-density server/accelerator boards (Sum 1991 e-scrap 0.1% = 1000 g/t is an older, "
  "higher-grade upper outlier).")
c("pcb", "silver", 0.8, 0.5, 1.8, "triangular", 2008, TEMPRO_SRC + "; " + HF_SRC, TEMPRO_URL + " ; " + HF_URL, FU,
  "high = TEMPRO drive boards 1802 g/t (highest Ag among server boards); low ~ German DC board stock average 7.5/11,600 = 647 g/t "
  "(rounded to 0.5); mode stated assumption.")
c("pcb", "palladium", 0.05, 0.02, 0.11, "triangular", 2008, TEMPRO_SRC + "; " + HF_SRC, TEMPRO_URL + " ; " + HF_URL, FU,
  "TEMPRO motherboards 36 g/t (highest Pd among their server board types); German DC board stock average 0.8/11,600 = 69 g/t; "
  "Sum 1991 50 g/t. high 110 g/t = stated upper bound (x1.6 of the stock average).")
c("pcb", "copper", 200, 100, 270, "triangular", 1991, SUM_SRC, SUM_URL, FU,
  "Sum 1991: 20% Cu. Bounds: stated assumption spanning published board analyses (~10-27% Cu; a Boliden Rönnskär analysis of phone "
  "boards quoted at 268 kg/t). Multilayer server/accelerator boards with heavy power planes sit in the upper half.")
c("pcb", "tin", 30, 15, 45, "triangular", 1991, SUM_SRC, SUM_URL, FU, "Sum 1991: 4% Sn (solder). Mode 3% and bounds stated assumption.")
c("pcb", "nickel", 10, 3, 25, "triangular", 1991, SUM_SRC, SUM_URL, FU, "Sum 1991: 2% Ni. Mode/bounds stated assumption.")
c("pcb", "lead", 2, 0, 20, "triangular", 1991, SUM_SRC, SUM_URL, FU,
  "Sum 1991: 2% Pb (tin-lead solder era). Current boards are largely lead-free (RoHS), so mode 0.2% is a stated assumption; "
  "upper bound keeps legacy/exempted server solder.")
c("pcb", "iron", 50, 20, 80, "triangular", 2006, EST + "; order of magnitude from PC-board compositions (~5-7% Fe) in recycling literature",
  "", "n/a (estimate)", "Steel screws/brackets/shields/connector shells. ESTIMATE.")
c("pcb", "aluminium", 30, 10, 70, "triangular", 2006, EST + "; order of magnitude from PC-board compositions (~2-7% Al) in recycling literature",
  "", "n/a (estimate)", "ESTIMATE; excludes separate heatsinks (see component heatsink).")
c("pcb", "tantalum", 1.5, 0.3, 5, "triangular", 2015, EST + "; Ta in boards comes from tantalum capacitors (TEMPRO lists Ta among critical "
  "metals in server boards without a public figure)", TEMPRO_URL, "n/a (estimate)",
  "ESTIMATE: accelerator/server VRMs use many polymer-Ta capacitors; 0.03-0.5% Ta of board mass assumed.")
c("pcb", "gallium", 0.01, 0.001, 0.05, "triangular", 2015, EST + "; TEMPRO reports Ga in server boards in varying amounts (no figure published)",
  TEMPRO_URL, "n/a (estimate)", "ESTIMATE: GaAs/GaN parts (RF, LEDs, some power stages). Wide range.")
c("pcb", "indium", 0.01, 0.001, 0.05, "triangular", 2015, EST + "; TEMPRO reports In in server boards in varying amounts (no figure published)",
  TEMPRO_URL, "n/a (estimate)", "ESTIMATE: In in solders/ITO/InP parts. Wide range.")
c("pcb", "tungsten", 0.05, 0.005, 0.3, "triangular", 2015, EST + "; TEMPRO reports W in server boards (no figure published)",
  TEMPRO_URL, "n/a (estimate)", "ESTIMATE: W in vias/plugs of ICs, resistors. Wide range.")
c("pcb", "cobalt", 0.1, 0.01, 0.5, "triangular", 2015, EST, "", "n/a (estimate)",
  "ESTIMATE: Co in IC interconnect liners, magnetic components, coin-cell battery excluded. Wide range.")

# ic_package
ICN = ("ESTIMATE for large flip-chip packages (CPU/GPU/switch): die + organic substrate + solder bumps/balls + Ni-plated Cu lid. "
       "No published mass-fraction breakdown found; ranges deliberately wide.")
for mat, v, lo, hi, extra in [
    ("copper", 400, 150, 650, "Cu lid/stiffener + substrate Cu layers dominate when a lid is present."),
    ("silicon", 100, 30, 250, "die (+ Si interposer for 2.5D/HBM packages)."),
    ("tin", 20, 5, 50, "solder bumps and BGA balls (SnAgCu)."),
    ("silver", 1, 0.2, 5, "SAC solder."),
    ("nickel", 10, 2, 30, "Ni plating on lid, ENIG/ENEPIG finishes."),
    ("gold", 0.5, 0.05, 2, "ENIG/ENEPIG finish, some wire bonds (older/low-end packages higher)."),
    ("palladium", 0.05, 0.005, 0.3, "ENEPIG finish."),
    ("indium", 2, 0, 10, "indium or In-alloy solder thermal interface between die and lid (used in some CPUs/accelerators)."),
    ("aluminium", 5, 0, 30, "on-die Al pads/lines, some stiffeners."),
    ("tungsten", 0.05, 0.005, 0.3, "W contacts/vias in the die."),
    ("cobalt", 0.01, 0.001, 0.1, "Co liners/caps in advanced-node interconnects."),
    ("tantalum", 0.01, 0.001, 0.1, "Ta/TaN barrier layers in Cu interconnect."),
]:
    c("ic_package", mat, v, lo, hi, "triangular", 2024, EST, "", "n/a (estimate)", ICN + " " + extra)

# heatsink
c("heatsink", "copper", 600, 200, 950, "triangular", 2024, EST, "", "n/a (estimate)",
  "ESTIMATE: accelerator heatsinks are Cu vapour-chamber/Cu base with Cu or Al fins; CPU heatsinks Cu base + Al fins. "
  "Boavizta models heatsink mass but not its alloy split.")
c("heatsink", "aluminium", 350, 30, 780, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: complement of copper (fins/frames).")
c("heatsink", "nickel", 5, 1, 15, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: Ni plating of Cu bases.")
# chassis
c("chassis", "iron", 900, 700, 980, "triangular", 2024, EST, "", "n/a (estimate)",
  "ESTIMATE: galvanised/stainless steel sheet chassis; remainder plastics, Al handles/rails.")
c("chassis", "aluminium", 50, 0, 250, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: Al parts (bezels, handles, some trays).")
c("chassis", "copper", 5, 0, 20, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: grounding straps, small parts.")
c("chassis", "nickel", 20, 0, 90, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: Ni in stainless steel parts (8-10% Ni in 304) if used.")
# psu
PSUN = ("ESTIMATE: server PSU = steel housing (~35%) + populated PCB (~25%) + Cu windings/busbars (~15%) + Al heatsinks (~10%) + fan/plastics. "
        "No published composition found.")
for mat, v, lo, hi in [("iron", 350, 200, 500), ("copper", 150, 80, 250), ("aluminium", 100, 30, 200), ("tin", 8, 3, 15),
                       ("gold", 0.05, 0.01, 0.2), ("silver", 0.2, 0.05, 0.5), ("palladium", 0.01, 0.002, 0.03),
                       ("nickel", 3, 1, 10), ("tantalum", 0.1, 0, 1), ("gallium", 0.005, 0, 0.05)]:
    c("psu", mat, v, lo, hi, "triangular", 2024, EST, "", "n/a (estimate)", PSUN + (
        " Ga: GaN power stages appear in newer high-efficiency PSUs." if mat == "gallium" else ""))
# fan
FANN = "ESTIMATE: server fan = plastic housing/impeller + BLDC motor (Cu winding, steel laminations, magnet) + small PCB."
for mat, v, lo, hi, extra in [
    ("copper", 100, 50, 200, ""), ("iron", 200, 100, 350, ""), ("aluminium", 50, 0, 200, " (Al frames in some high-power fans)"),
    ("neodymium", 10, 0, 40, " Magnet: bonded NdFeB (Nd ~ 20-30% of magnet) in many high-speed server fans; ferrite in others -> low bound 0."),
    ("dysprosium", 0.2, 0, 2, " Dy only in sintered NdFeB grades; bonded magnets mostly Dy-free."),
    ("cobalt", 0.2, 0, 2, " Co in some NdFeB grades."),
    ("tin", 2, 0.5, 5, ""), ("gold", 0.01, 0, 0.05, "")]:
    c("fan", mat, v, lo, hi, "triangular", 2024, EST, "", "n/a (estimate)", FANN + extra)
# cable
c("cable", "copper", 450, 250, 700, "triangular", 2024, EST, "", "n/a (estimate)",
  "ESTIMATE: power cords and copper DAC/internal harnesses (PVC/PE jacket remainder). Optical cables contain far less Cu.")
c("cable", "tin", 5, 0, 20, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: tinned conductors/solder.")
c("cable", "gold", 0.02, 0, 0.1, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: gold-plated connector contacts.")
c("cable", "iron", 30, 0, 100, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: connector shells/latches.")
# hdd (3.5-inch, ~0.65 kg)
SPR = ("Sprecher B., Kleijn R., Kramer G.J. (2014) Recycling potential of neodymium: the case of computer hard disk drives, "
       "Environ. Sci. Technol. 48(16):9506-9513")
c("hdd", "neodymium", 6, 3, 10, "triangular", 2014, SPR, "doi:10.1021/es501572z", FU,
  "~16 g NdFeB per HDD (figure as given in the project brief; not re-read from the paper here) x ~25% Nd (Nd+Pr ~30% of NdFeB) "
  "/ ~0.65 kg per 3.5-inch HDD = ~6 g/kg. Bounds: 2.5-inch drives/smaller magnets to heavier VCM magnets (stated assumption).")
c("hdd", "dysprosium", 0.3, 0.05, 1, "triangular", 2014, SPR, "doi:10.1021/es501572z", FU,
  "16 g NdFeB x 0.5-4% Dy / 0.65 kg (HDD magnets use low-Dy grades; stated assumption on Dy share).")
c("hdd", "aluminium", 500, 350, 650, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: die-cast Al base/cover and Al platters (glass in 2.5-inch).")
c("hdd", "iron", 200, 100, 300, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: steel VCM yokes, screws, magnet Fe (NdFeB ~65% Fe).")
c("hdd", "copper", 30, 10, 60, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: motor/VCM coils, PCB.")
c("hdd", "cobalt", 0.05, 0.005, 0.3, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: CoCrPt recording layers, Co in magnets.")
c("hdd", "platinum", 0.02, 0.002, 0.1, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: Pt in CoCrPt recording layers.")
c("hdd", "silver", 0.09, 0.03, 0.2, "triangular", 2008, TEMPRO_SRC, TEMPRO_URL, FU,
  "TEMPRO drive boards 1802 g Ag/t x drive board share of HDD mass ~5% (stated assumption) = ~0.09 g/kg.")
c("hdd", "gold", 0.03, 0.005, 0.1, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: board and connector plating.")
c("hdd", "nickel", 5, 1, 15, "triangular", 2024, EST, "", "n/a (estimate)", "ESTIMATE: NiP platter underlayer, Ni plating of magnets.")
# ssd (enterprise U.2/E3 with Al case; M.2 has no case)
SSDN = "ESTIMATE: enterprise SSD = Al enclosure (U.2/E3; absent for M.2) + PCB with NAND/DRAM/controller packages."
for mat, v, lo, hi in [("aluminium", 500, 0, 700), ("copper", 80, 40, 200), ("silicon", 20, 5, 60), ("tin", 10, 3, 25),
                       ("gold", 0.3, 0.1, 0.9), ("silver", 0.5, 0.1, 1.5), ("palladium", 0.05, 0.01, 0.15), ("nickel", 5, 1, 15)]:
    c("ssd", mat, v, lo, hi, "triangular", 2024, EST, "", "n/a (estimate)", SSDN)
# dram_module
c("dram_module", "gold", 0.855, 0.3, 1.2, "triangular", 2008, TEMPRO_SRC, TEMPRO_URL, FU,
  "TEMPRO: RAM and CPU boards 855 g Au/t of boards (gold-plated edge fingers). Bounds stated assumption.")
for mat, v, lo, hi, n in [("copper", 200, 100, 300, "ESTIMATE: multilayer PCB."), ("silicon", 50, 20, 100, "ESTIMATE: DRAM dies."),
                          ("tin", 20, 10, 40, "ESTIMATE: solder."), ("silver", 0.5, 0.2, 1.5, "ESTIMATE: SAC solder."),
                          ("palladium", 0.05, 0.01, 0.15, "ESTIMATE: MLCC electrodes/finishes."), ("nickel", 5, 1, 15, "ESTIMATE: Ni under Au plating.")]:
    c("dram_module", mat, v, lo, hi, "triangular", 2024, EST, "", "n/a (estimate)", n + " Registered DIMM incl. heat-spreader if any.")
write("material_content.csv", ["component", "material"], crows)

# ---------------------------------------------------------------- component_mass.csv
BOA_SRC = ("Boavizta boaviztapi data/crowdsourcing/gpu_specs.csv (masses of NVIDIA A100 PCIe 40GB, A100 SXM4 40GB, H100 SXM 80GB: "
           "total / heatsink / casing) and docs/Explanations/components/gpu.md (pwb_weight example 0.2 kg)")
BOA_URL = "https://github.com/Boavizta/boaviztapi"
BOA_LIC = "AGPL-3.0 (Boavizta data; figures carried as facts)"
DGX_SRC = "NVIDIA DGX H100 datasheet: system weight 130.45 kg (287.6 lb), 8x H100 SXM5, 6 PSUs, 2 TB DDR5, 2x 1.92 TB M.2 + 8x 3.84 TB U.2 NVMe"
DGX_URL = "https://www.nvidia.com/en-us/data-center/dgx-h100/"
mrows = []
def m(item, comp, value, low, high, dist, year, src, url, lic, notes):
    mrows.append(dict(factor_id=f"mass.{item}.{comp}", quantity="mass", item=item, component=comp, value=value, unit="kg/unit",
                      low=low, high=high, distribution=dist, year=year, source=src, url=url, license=lic, notes=notes))

# accelerator_module (SXM/OAM incl. heatsink)
m("accelerator_module", "heatsink", 0.90, 0.6, 1.6, "triangular", 2024, BOA_SRC, BOA_URL, BOA_LIC,
  "Boavizta H100 SXM 80GB heatsink 0.90077 kg (mode); A100 SXM4 1.25 kg. Bounds stated assumption (air-cooled HGX H100/H200/B200 "
  "heatsinks can be larger; liquid cold plates smaller).")
m("accelerator_module", "pcb", 0.55, 0.2, 0.7, "triangular", 2024, BOA_SRC + "; " + EST, BOA_URL, BOA_LIC,
  "Boavizta H100 SXM: total 1.69 kg = heatsink 0.90 + 'casing' 0.79 kg; the 0.79 kg non-heatsink part is split here into module "
  "board incl. VRM/passives (~0.55) + ic_package (~0.12) + bolster/stiffener (~0.12) - split is an ESTIMATE. Low 0.2 = Boavizta "
  "pwb_weight example.")
m("accelerator_module", "ic_package", 0.12, 0.06, 0.2, "triangular", 2024, EST, "", "n/a (estimate)",
  "ESTIMATE: GPU/accelerator package (die + HBM stacks + interposer + substrate, lidless or lidded). No published mass.")
m("accelerator_module", "chassis", 0.12, 0.05, 0.25, "triangular", 2024, EST, "", "n/a (estimate)",
  "ESTIMATE: metal bolster plate/stiffener/frame of the module (mapped to component class chassis = structural metal).")

# accelerator_card_pcie
m("accelerator_card_pcie", "heatsink", 0.61, 0.43, 0.9, "triangular", 2024, BOA_SRC, BOA_URL, BOA_LIC,
  "Boavizta A100 PCIe 40GB heatsink 0.609 kg (mode); RTX A4500 0.714; GTX 1080 Ti 0.427; upper bound stated assumption for "
  "H100/H200 NVL-class cards.")
m("accelerator_card_pcie", "chassis", 0.39, 0.2, 0.79, "triangular", 2024, BOA_SRC, BOA_URL, BOA_LIC,
  "Boavizta A100 PCIe casing/shroud + bracket 0.387 kg (mode); bounds from the other Boavizta entries (0.20-0.79).")
m("accelerator_card_pcie", "pcb", 0.17, 0.1, 0.35, "triangular", 2024, BOA_SRC + "; " + EST, BOA_URL, BOA_LIC,
  "A100 PCIe total 1.23 kg - heatsink 0.609 - casing 0.387 = 0.234 kg for board + package; board share ~0.17 is an ESTIMATE. "
  "Card totals ~1.2-1.7 kg per spec sheets.")
m("accelerator_card_pcie", "ic_package", 0.07, 0.04, 0.15, "triangular", 2024, EST, "", "n/a (estimate)",
  "ESTIMATE: remainder of the 0.234 kg board+package mass of the Boavizta A100 PCIe entry.")

# gpu_server_8x (without accelerator modules), DGX H100-class
G = "gpu_server_8x"
GN = (" DGX H100 total 130.45 kg minus 8 x 1.69 kg modules (Boavizta H100 SXM) = ~117 kg to distribute; the split below is an "
      "ESTIMATE (no published teardown found) and leaves ~3-10 kg of plastics/air ducts/misc unassigned.")
m(G, "chassis", 72, 50, 85, "triangular", 2023, DGX_SRC + "; " + EST, DGX_URL, "proprietary (facts)",
  "ESTIMATE: 8U steel chassis, trays, rails, midplane frames." + GN)
m(G, "psu", 18, 12, 24, "triangular", 2023, DGX_SRC + "; Boavizta power_supply archetype unit_weight 2.99 kg (min 1, max 5)",
  DGX_URL + " ; " + BOA_URL, "proprietary (facts); AGPL-3.0 (Boavizta data)",
  "6 PSUs (3.3 kW class) x ~3 kg (Boavizta default 2.99 kg/unit); bounds 6 x 2-4 kg (stated assumption)." + GN)
m(G, "fan", 5, 3, 10, "triangular", 2023, EST, "", "n/a (estimate)", "ESTIMATE: ~12-16 high-power fan modules x 0.3-0.6 kg." + GN)
m(G, "pcb", 10, 6, 16, "triangular", 2023, EST, "", "n/a (estimate)",
  "ESTIMATE: HGX baseboard (NVSwitch, connectors), CPU motherboard, PCIe switch boards, 8-10 NIC cards, riser/mid-plane boards." + GN)
m(G, "heatsink", 3, 2, 6, "triangular", 2023, EST, "", "n/a (estimate)", "ESTIMATE: 2 CPU + 4 NVSwitch + PCIe-switch/NIC heatsinks." + GN)
m(G, "ic_package", 0.8, 0.4, 1.5, "triangular", 2023, EST, "", "n/a (estimate)",
  "ESTIMATE: 2 CPU packages, 4 NVSwitch, PCIe switches, NIC ASICs, BMC etc. (excluding the 8 accelerator packages)." + GN)
m(G, "dram_module", 1.1, 0.8, 1.6, "triangular", 2023, DGX_SRC + "; " + EST, DGX_URL, "proprietary (facts)",
  "2 TB system memory = 32 x 64 GB RDIMM (configuration from datasheet) x ~35 g each (ESTIMATE)." + GN)
m(G, "ssd", 1.3, 0.8, 2.0, "triangular", 2023, DGX_SRC + "; " + EST, DGX_URL, "proprietary (facts)",
  "8 x U.2 NVMe (~0.15 kg each, ESTIMATE) + 2 x M.2 (~0.01 kg)." + GN)
m(G, "cable", 3, 1.5, 6, "triangular", 2023, EST, "", "n/a (estimate)", "ESTIMATE: internal power/signal harnesses; external power cords excluded." + GN)
m(G, "hdd", 0, 0, 0, "constant", 2023, DGX_SRC, DGX_URL, "proprietary (facts)", "No HDDs in the DGX H100 configuration.")

# cpu_server_2s (2U, 2-socket)
S = "cpu_server_2s"
SN = (" Typical 2U 2-socket rack server ~20-30 kg fully configured (e.g. Dell PowerEdge R740 spec: up to ~28.6 kg); split is an "
      "ESTIMATE unless stated.")
m(S, "chassis", 15, 10, 20, "triangular", 2019, EST, "", "n/a (estimate)", "ESTIMATE: steel chassis, drive cages, rails excluded." + SN)
m(S, "psu", 6, 2, 10, "triangular", 2024, "Boavizta server archetypes: POWER_SUPPLY.units 2, unit_weight 2.99 kg (min 1, max 5)",
  BOA_URL, BOA_LIC, "2 x 2.99 kg (Boavizta default); bounds 2 x 1 to 2 x 5 kg (Boavizta min/max).")
m(S, "fan", 1.2, 0.6, 2.4, "triangular", 2019, EST, "", "n/a (estimate)", "ESTIMATE: 4-8 fans x 0.15-0.3 kg." + SN)
m(S, "pcb", 2.5, 1.5, 4, "triangular", 2019, EST, "", "n/a (estimate)", "ESTIMATE: motherboard, risers, backplane, NIC/RAID cards." + SN)
m(S, "heatsink", 1.0, 0.6, 2, "triangular", 2019, EST, "", "n/a (estimate)", "ESTIMATE: 2 CPU heatsinks (2U) + VRM/chipset sinks." + SN)
m(S, "ic_package", 0.2, 0.1, 0.3, "triangular", 2019, EST, "", "n/a (estimate)", "ESTIMATE: 2 CPU packages (with IHS) + chipset/BMC/NIC packages." + SN)
m(S, "dram_module", 0.56, 0.14, 1.12, "triangular", 2019, EST, "", "n/a (estimate)",
  "ESTIMATE: 16 RDIMMs x ~35 g (bounds 4-32 DIMMs). Boavizta generic platforms use 4-10 RAM units.")
m(S, "ssd", 0.3, 0.05, 1.2, "triangular", 2019, EST, "", "n/a (estimate)", "ESTIMATE: 1-8 SSDs (2.5-inch ~0.15 kg, M.2 ~0.01 kg).")
m(S, "hdd", 0.7, 0, 5.6, "triangular", 2019, EST, "", "n/a (estimate)", "ESTIMATE: 0-8 x 3.5-inch HDD (~0.7 kg each); compute nodes often have none.")
m(S, "cable", 0.5, 0.2, 1.5, "triangular", 2019, EST, "", "n/a (estimate)", "ESTIMATE: internal cables; power cords excluded.")
write("component_mass.csv", ["item", "component"], mrows)

# ---------------------------------------------------------------- material_producers.csv
prows = []
def producers(material, stage, year, src, url, world, entries, note, rel=0.05, other_rel=0.25):
    """entries: list of (ISO2, tonnage, confirmed:boolean). shares = tonnage/world."""
    tot = 0.0
    for iso, t, conf in entries:
        s = t / world
        tot += s
        r = rel if conf else 0.2
        lo, hi = max(0.0, s * (1 - r)), min(1.0, s * (1 + r))
        prows.append(dict(factor_id=f"prod.{material}.{stage}.{iso.lower()}", quantity="share", material=material, country=iso,
                          stage=stage, value=round(s, 4), unit="fraction", low=round(lo, 4), high=round(hi, 4), distribution="uniform",
                          year=year, source=src, url=url, license=USGS_LIC,
                          notes=f"share = {t:g} / world {world:g} = {s:.4f}. " + ("USGS estimate ('e'): range +-%d%% relative (stated)." % (rel*100)
                                if conf else "Tonnage transcribed from the USGS table but not re-checked against the PDF in this session: range +-20% relative.")
                                + " " + note))
    o = 1 - tot
    prows.append(dict(factor_id=f"prod.{material}.{stage}.other", quantity="share", material=material, country="OTHER", stage=stage,
                      value=round(o, 4), unit="fraction", low=round(max(0, o * (1 - other_rel)), 4), high=round(min(1, o * (1 + other_rel)), 4),
                      distribution="uniform", year=year, source=src, url=url, license=USGS_LIC,
                      notes=f"OTHER = 1 - sum of listed countries = {o:.4f}. " + note))

s24, u24 = USGS24; s25, u25 = USGS25
producers("cobalt", "mine", 2023, s24 + ", Cobalt", u24, 230000,
          [("CD", 170000, False), ("ID", 17000, False), ("RU", 8800, False), ("AU", 4600, False)],
          "Units: t Co content. World 2023 total 230,000 t confirmed by secondary quotes of USGS; DRC share ~74%.")
producers("tantalum", "mine", 2023, s24 + ", Tantalum (secondary quote: DRC 980 t = 41% of world)", u24, 2390,
          [("CD", 980, False), ("RW", 480, False), ("BR", 360, False), ("NG", 200, False)],
          "Units: t Ta content. World total back-calculated from the quoted DRC 41% share; other tonnages approximate. "
          "Rwandan output is known to include material originating in DRC.")
producers("tungsten", "mine", 2024, s25 + ", Tungsten", u25, 81000,
          [("CN", 67000, True), ("VN", 3400, False), ("RU", 2000, False), ("KP", 1700, False)],
          "Units: t W content. China 67,000 t and world 81,000 t (2024) confirmed by a secondary quote of USGS MCS 2025.")
producers("gallium", "refinery", 2024, s25 + ", Gallium (primary low-purity production)", u25, 760,
          [("CN", 750, False), ("RU", 5, False), ("JP", 3, False), ("KR", 2, False)],
          "Units: t Ga, primary (low-purity) refinery production; China ~98-99%.")
producers("indium", "refinery", 2023, s24 + ", Indium (refinery production)", u24, 1000,
          [("CN", 650, False), ("KR", 180, False), ("JP", 65, False), ("CA", 55, False)],
          "Units: t In. Approximate transcription; China ~55-70% depending on edition (project brief: ~55-60%).", other_rel=0.5)
for ree in ("neodymium", "dysprosium"):
    extra = (" Dysprosium specifically: heavy rare earths come mostly from ion-adsorption clays in southern China and Myanmar, so Dy "
             "mine shares of MM (and CN) are likely higher than these total-REO shares; treat as proxy." if ree == "dysprosium" else
             " Nd share assumed equal to total-REO share (proxy).")
    producers(ree, "mine", 2024, s25 + ", Rare earths (mine production, t REO); cross-checked against a public transcription of the MCS 2025 table",
              u25, 390000, [("CN", 270000, True), ("US", 45000, True), ("MM", 31000, True), ("AU", 13000, True), ("TH", 13000, True)],
              "Units: t rare-earth oxide equivalent, all REEs together." + extra, rel=0.05 if ree == "neodymium" else 0.3, other_rel=0.3)
    prows.append(dict(factor_id=f"prod.{ree}.refinery.cn", quantity="share", material=ree, country="CN", stage="refinery",
                      value=0.9, unit="fraction", low=0.85, high=0.95, distribution="uniform", year=2023,
                      source="IEA Global Critical Minerals Outlook 2024 (China ~90% of rare-earth refining/separation)",
                      url="https://www.iea.org/reports/global-critical-minerals-outlook-2024", license="CC-BY-4.0",
                      notes="Share of rare-earth separation/refining (all REEs). Value as commonly quoted from IEA 2024; range +-5 points (stated)."))
    prows.append(dict(factor_id=f"prod.{ree}.refinery.other", quantity="share", material=ree, country="OTHER", stage="refinery",
                      value=0.1, unit="fraction", low=0.05, high=0.15, distribution="uniform", year=2023,
                      source="IEA Global Critical Minerals Outlook 2024", url="https://www.iea.org/reports/global-critical-minerals-outlook-2024",
                      license="CC-BY-4.0", notes="OTHER = 1 - China share (Malaysia, Japan, Estonia, others)."))
producers("gold", "mine", 2024, s25 + ", Gold", u25, 3300,
          [("CN", 380, False), ("RU", 310, False), ("AU", 290, False), ("CA", 200, False), ("US", 160, False)],
          "Units: t Au. Highly dispersed production; OTHER is the majority.", other_rel=0.1)
producers("palladium", "mine", 2024, s25 + ", Platinum-group metals (palladium; secondary quote: Russia 75,000 kg, South Africa 72,000 kg)", u25, 190000,
          [("RU", 75000, True), ("ZA", 72000, True), ("CA", 16000, False), ("ZW", 15000, False), ("US", 8000, False)],
          "Units: kg Pd. World total 190,000 kg approximate (not re-checked); the RU/ZA tonnages are confirmed.", other_rel=0.5)
producers("silicon", "refinery", 2024, s25 + ", Silicon (ferrosilicon + silicon metal, Si content)", u25, 9000,
          [("CN", 6600, False), ("RU", 530, False), ("BR", 400, False), ("US", 310, False), ("NO", 290, False)],
          "Units: kt Si content, smelter (stage 'refinery' = smelter) production; China ~70-80%.")
producers("aluminium", "refinery", 2024, s25 + ", Aluminum (primary smelter production)", u25, 72000,
          [("CN", 43000, False), ("IN", 4200, False), ("RU", 3800, False), ("CA", 3300, False), ("AE", 2700, False)],
          "Units: kt primary aluminium (stage 'refinery' = smelter).")
producers("tin", "mine", 2023, s24 + ", Tin (secondary quotes: China 68,000 t, Burma 54,000 t, Indonesia 52,000 t)", u24, 300000,
          [("CN", 68000, True), ("MM", 54000, True), ("ID", 52000, True), ("PE", 32000, False)],
          "Units: t Sn. World total ~300,000 t approximate (not re-checked): range of listed shares widened accordingly.", rel=0.1)
producers("copper", "mine", 2024, s25 + ", Copper", u25, 23000,
          [("CL", 5300, False), ("CD", 3300, False), ("PE", 2600, False), ("CN", 1800, False), ("US", 1100, False)],
          "Units: kt Cu content.")
producers("silver", "mine", 2024, s25 + ", Silver", u25, 25000,
          [("MX", 6300, False), ("CN", 3300, False), ("PE", 3100, False), ("BO", 1300, False), ("PL", 1300, False)],
          "Units: t Ag.")
producers("nickel", "mine", 2024, s25 + ", Nickel", u25, 3700,
          [("ID", 2200, False), ("PH", 330, False), ("RU", 210, False), ("CA", 190, False), ("CN", 120, False)],
          "Units: kt Ni content.")
write("material_producers.csv", ["material", "country", "stage"], prows)
