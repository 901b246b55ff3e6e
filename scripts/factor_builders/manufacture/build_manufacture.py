import csv, math
HDR = ["factor_id","quantity","component","process_node","value","unit","low","high","distribution","year","source","url","license","notes"]
rows = []
def add(fid, q, comp, node, v, unit, lo, hi, dist, year, src, url, lic, notes):
    r = lambda x: float(f"{x:.6g}")
    rows.append([fid, q, comp, "" if node is None else node, r(v), unit, r(lo), r(hi), dist, year, src, url, lic, notes])

ACT_SRC = "Gupta et al., ACT: Designing Sustainable Computer Systems with an Architectural Carbon Modeling Tool, ISCA 2022; facebookresearch/ACT v2 data (act/models/logic/epa.yaml, gpa_95.yaml, gpa_99.yaml, materials.yaml; carbon_intensity/location_2022.yaml, location_2023.yaml; DEFAULT_FAB_YIELD in act/core/common.py)"
ACT_URL = "doi:10.1145/3470496.3527408"
LLMC = {16:1.0, 12:1.2, 7:1.6, 4:1.8}
LLMC_SRC = "Faiz et al., LLMCarbon: Modeling the end-to-end carbon footprint of large language models, ICLR 2024 (arXiv:2309.14393); repository data SotaroKaneda/MLCarbon data/hardware.csv"
IMEC = {28:0.91, 20:0.91, 14:0.97, 10:1.09, 7:1.44, 5:1.54, 3:1.75}
EPA = {28:0.90, 20:1.20, 14:1.20, 10:1.475, 8:1.52, 7:2.15, 5:2.75, 3:3.25}
GPA95 = {28:175, 20:190, 14:200, 10:240, 8:240, 7:350, 5:430, 3:470}
GPA99 = {28:100, 20:110, 14:125, 10:150, 8:150, 7:200, 5:225, 3:275}
MPA = 500.0
Y = 0.875
CI_TW22, CI_TW23, CI_IS = 583.0, 642.0, 28.0
ADEME_DIE = 4.2592  # kgCO2e/cm2 of effective die area (0.042592 kg/mm2)
MAP = {28:28, 20:20, 16:14, 14:14, 12:14, 10:10, 8:8, 7:7, 5:5, 4:5, 3:3}
def cpa(n, ci, gpa, y=Y):
    return (ci*EPA[n] + gpa + MPA)/y/1000.0
# mask counts (Elgamal et al. 2025, Fig. 5, as transcribed) -> used only as relative scaling to the 7nm count
MASKS = {28:31, 20:34, 16:35, 10:44, 7:65, 5:59, 3:72}
MASKMAP = {28:28, 20:20, 16:16, 14:16, 12:16, 10:10, 8:10, 7:7, 5:5, 4:5, 3:3}
WATER_PER_LAYER = 137.3; WAFER_CM2 = math.pi*15**2; LAYERS_7 = 87
PEF = 2.5; PEF_LO = 2.1
BOAV_DIE_PE = 26.5  # MJ/cm2 (0.265 MJ/mm2)
BOAV_DIE_ADP = 5.87e-7  # kgSbeq/cm2 (5.87e-9 per mm2)
ADEME_DIE_ADP = 1.555e-6
BOAV_SRC = "Boavizta boaviztapi data/factors.yml (commit 15878f0, 2026)"
BOAV_URL = "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/data/factors.yml"
BOAV_LIC = "AGPL-3.0 (boaviztapi repository; facts carried over)"
ADEME_SRC = "Lees-Perasso, Ekchajzer, Roussilhe, De Latour, Analyses de cycle de vie de GPU pour l'intelligence artificielle (ADEME / Tide & Hubblo parametric GPU model, 2026; cf. Falk et al. 2025 arXiv:2509.00093) via boaviztapi data/factors.yml gpu.* (PR #440)"
ADEME_URL = "https://librairie.ademe.fr/economie-circulaire-et-dechets/9357-11153-life-cycle-assessments-of-gpus-for-artificial-intelligence.html"

for node in [28, 20, 16, 14, 12, 10, 8, 7, 5, 4, 3]:
    a = MAP[node]
    mapped = "" if a == node else f" ACT has no {node}nm entry: the {a}nm values are used ({node}nm is a {a}nm-class process, e.g. TSMC N{node} belongs to the N{a} family); stated mapping."
    v = cpa(a, CI_TW22, (GPA95[a]+GPA99[a])/2)
    lo_act = cpa(a, CI_IS, GPA99[a]); hi_act = cpa(a, CI_TW23, GPA95[a])
    cands_lo = [lo_act]; others = []
    if node in LLMC: cands_lo.append(LLMC[node]); others.append(f"LLMCarbon {LLMC[node]}")
    if node in IMEC: cands_lo.append(IMEC[node]); others.append(f"imec.netzero {IMEC[node]}")
    hi = hi_act
    if node <= 7: hi = max(hi, ADEME_DIE); others.append(f"ADEME/Boavizta GPU-die factor {ADEME_DIE} per cm2 of effective area")
    lo = min(cands_lo)
    add(f"mfg.logic_die.{node}nm.gwp", "gwp", "logic_die", node, v, "kgCO2e/cm2", lo, hi, "triangular", 2025,
        ACT_SRC + (("; range also from " + LLMC_SRC + "; imec.netzero carbon-per-area as packaged in ACT (act/models/logic/imec-netzero-cpa.yaml)") if others else ""),
        ACT_URL, "MIT (ACT data); fair-use (facts from publication)",
        f"Per cm2 of GOOD die. ACT default: (Taiwan grid 583 g/kWh x EPA {EPA[a]} kWh/cm2 + GPA(97% abatement, mean of 95%/99% files) {(GPA95[a]+GPA99[a])/2:g} g/cm2 + MPA 500 g/cm2) / yield 0.875 = {v:.3f} kg/cm2. "
        f"Range: low = min(ACT with Iceland fab grid 28 g/kWh and 99% abatement = {lo_act:.3f}" + ("; " + "; ".join(o for o in others if not o.startswith('ADEME')) if any(not o.startswith('ADEME') for o in others) else "") +
        f"), high = max(ACT with Taiwan 2023 grid 642 g/kWh and 95% abatement = {hi_act:.3f}" + ("; ADEME/Boavizta parametric GPU-die factor 4.26 kg/cm2 of effective wafer area (derived from A100-class 7nm dies)" if node <= 7 else "") + "). imec.netzero values are ACT's packaged copy (file comment says per wafer; magnitude fits per cm2)." + mapped)
    add(f"mfg.logic_die.{node}nm.fab_energy", "fab_energy", "logic_die", node, EPA[a], "kWh/cm2", EPA[a]*0.8, EPA[a]*1.2, "triangular", 2022,
        ACT_SRC, ACT_URL, "MIT (ACT data); fair-use (facts from publication)",
        "Fab electricity per cm2 of PROCESSED wafer area (ACT EPA, Table 1 of the ACT paper), before yield; divide by yield for per good die. Range: +-20% (no published range; stated assumption)." + mapped)
    add(f"mfg.logic_die.{node}nm.yield", "yield", "logic_die", node, Y, "fraction", 0.5, 0.95, "triangular", 2022,
        ACT_SRC, ACT_URL, "MIT (ACT data)",
        "ACT DEFAULT_FAB_YIELD 0.875 (node-independent default). Range 0.5-0.95: 0.5 is the low-yield case used in ACT-based analyses (multiplies per-good-die impacts by 1.75); 0.95 a mature-process upper bound (stated assumption). Large reticle-size dies have lower yield.")
    pe = EPA[a]*3.6*PEF/Y; pe_lo = EPA[a]*3.6*PEF_LO/Y
    add(f"mfg.logic_die.{node}nm.pe", "pe", "logic_die", node, pe, "MJ/cm2", pe_lo, max(BOAV_DIE_PE, pe*1.3), "triangular", 2022,
        ACT_SRC + "; primary-energy factor 2.5 (EU Energy Efficiency Directive 2012/27/EU Annex IV default) and 2.1 (Directive (EU) 2023/1791); high bound " + BOAV_SRC + " cpu.pe.die_impact 0.265 MJ/mm2",
        ACT_URL, "MIT (ACT data); fair-use (facts from publication); AGPL-3.0 (Boavizta data)",
        f"Fab electricity only: EPA {EPA[a]} kWh/cm2 x 3.6 MJ/kWh x PEF 2.5 / yield 0.875 = {pe:.2f} MJ/cm2 of good die (excludes gases/materials energy). Low: PEF 2.1. High: max(Boavizta all-inclusive die factor 26.5 MJ/cm2, +30%)." + mapped)
    add(f"mfg.logic_die.{node}nm.adpe", "adpe", "logic_die", node, ADEME_DIE_ADP, "kgSbeq/cm2", BOAV_DIE_ADP, ADEME_DIE_ADP, "uniform", 2026,
        ADEME_SRC + "; low bound " + BOAV_SRC + " cpu.adp.die_impact", ADEME_URL, BOAV_LIC,
        "Node-independent in both sources. Value: ADEME/Boavizta GPU-die factor 1.555e-8 kgSbeq/mm2 (per cm2 of effective die area incl. wafer losses). Low: Boavizta CPU-die factor 5.87e-9 kgSbeq/mm2. Range: the two sources.")
    m = MASKS[MASKMAP[node]]
    layers = LAYERS_7 * m / MASKS[7]
    w = WATER_PER_LAYER*layers/WAFER_CM2/Y
    if node == 7:
        wnote = (f"137.3 L per 12-inch-equivalent wafer per mask layer (TSMC 2022 ESG report) x 87 mask layers (7nm; 3D InCites 2021) = {137.3*87:.0f} L per 300 mm wafer; / 706.9 cm2 = {137.3*87/WAFER_CM2:.2f} L/cm2 of wafer; / yield 0.875 = {w:.2f} L/cm2 of good die. "
                 "Range +-30% (stated assumption: layer count and fab water efficiency vary).")
        lo, hi = w*0.7, w*1.3
    else:
        wnote = (f"Estimate: 7nm arithmetic (137.3 L/wafer/layer x 87 layers / 706.9 cm2 / 0.875) scaled by lithography-mask count relative to 7nm from Elgamal et al. 2025 Fig. 5 ({MASKMAP[node]}nm: {m} vs 7nm: 65 masks) -> {layers:.0f} equivalent layers; "
                 f"{137.3:.1f} x {layers:.1f} / 706.9 / 0.875 = {w:.2f} L/cm2 of good die. Range +-35% (stated assumption: relative mask counts are a proxy; counts transcribed from a figure).")
        if MASKMAP[node] != node: wnote += f" No mask count for {node}nm: {MASKMAP[node]}nm-class count used."
        lo, hi = w*0.65, w*1.35
    add(f"mfg.logic_die.{node}nm.water", "water", "logic_die", node, w, "L/cm2", lo, hi, "triangular", 2022,
        "TSMC 2022 Sustainability (ESG) Report: 137.3 L per 12-inch-equivalent wafer mask layer, as cited by Li et al. 2023 'Making AI Less Thirsty' (arXiv:2304.03271) and Scope3 methodology; 87 mask layers at 7nm: 3D InCites 2021 'Sustainability in the semiconductor fab and sub-fab'" + ("" if node == 7 else "; node scaling: Elgamal, Mahmoud, Wei, Brooks, Hills, Modeling PFAS in Semiconductor Manufacturing, arXiv:2505.06727 (2025) Fig. 5"),
        "https://esg.tsmc.com/en-US/file/public/e-all_2022.pdf", "fair-use (facts from publication)", wnote)

# ---------------- memory -----------------
ACT_MEM_SRC = "ACT v2 data (act/models/dram/dram_hynix.yaml, act/models/ssd/*.yaml, act/models/hdd/*.yaml; SK hynix / Seagate / WD disclosures), Gupta et al. ISCA 2022"
ram_mean = 1.2444; ram_min, ram_max = 0.625, 2.375
add("mfg.dram.gwp", "gwp", "dram", None, 0.4, "kgCO2e/GB", 0.065, 1.77*1.1, "lognormal", 2024,
    LLMC_SRC + "; range " + ACT_MEM_SRC + "; " + BOAV_SRC + " ram.gwp.die_impact 2.20 kg/cm2 with crowdsourcing/ram_manufacture.csv densities",
    "https://arxiv.org/abs/2309.14393", "Apache-2.0 (LLMCarbon data); MIT (ACT data); AGPL-3.0 (Boavizta data)",
    "Memory dies only (no DIMM PCB; see gwp_module). Value: LLMCarbon 0.4 kg/GB (Micron 18nm), which sits near the geometric middle of the tools. Low: ACT DDR4 10nm-class 65 g/GB (74 g/GB after ACT's /0.875 yield). "
    "High: Boavizta 2.20 kgCO2e/cm2 / mean density 1.244 GB/cm2 = 1.77 kg/GB, +10%. Spread between tools is ~30x; DDR5 has no separate published per-GB figure.")
add("mfg.dram.gwp_module", "gwp_module", "dram", None, 5.22, "kgCO2e/unit", 2.6, 7.8, "triangular", 2021,
    "Umweltbundesamt Green Cloud Computing (Gröger et al. 2021) via " + BOAV_SRC + " ram.gwp.impact", BOAV_URL, BOAV_LIC,
    "Per DIMM module: packaging, PCB and assembly beyond the memory dies (Boavizta adds this constant per RAM module). Range +-50% (stated assumption; no published range).")
add("mfg.dram.pe", "pe", "dram", None, 27.3/ram_mean, "MJ/GB", 27.3/ram_max, 27.3/ram_min, "triangular", 2021,
    BOAV_SRC + " ram.pe.die_impact 27.3 MJ/cm2 / crowdsourcing/ram_manufacture.csv density", BOAV_URL, BOAV_LIC,
    "27.3 MJ per cm2 of die / mean density 1.244 GB/cm2 = 21.9 MJ/GB; range from min/max density 2.375 and 0.625 GB/cm2 (Samsung/SK hynix/Micron 18-30nm DRAM). Boavizta basis (higher than ACT/LLMCarbon basis for GWP).")
add("mfg.dram.adpe", "adpe", "dram", None, 6.3e-5/ram_mean, "kgSbeq/GB", 6.3e-5/ram_max, 6.3e-5/ram_min, "triangular", 2021,
    BOAV_SRC + " ram.adp.die_impact 6.3e-5 kgSbeq/cm2 / density", BOAV_URL, BOAV_LIC,
    "6.3e-5 kgSbeq per cm2 of die / mean density 1.244 GB/cm2; range from min/max density. Add per-module 1.69e-3 kgSbeq (Boavizta ram.adp.impact) per DIMM.")
add("mfg.dram.memory_density", "memory_density", "dram", None, 100/ram_mean, "mm2/GB", 100/ram_max, 100/ram_min, "triangular", 2021,
    BOAV_SRC.replace("factors.yml", "crowdsourcing/ram_manufacture.csv"), "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/data/crowdsourcing/ram_manufacture.csv", BOAV_LIC,
    "mm2 of DRAM die per GB = 100 / density (GB/cm2); mean of 11 entries 1.244 GB/cm2 -> 80.4 mm2/GB; min/max 0.625 and 2.375 GB/cm2 (30nm-18nm class; recent 1z/1a-nm DDR5 dies are denser, so the low end is more representative today).")
hbm_c = 0.4*1.5
add("mfg.hbm.gwp", "gwp", "hbm", None, hbm_c, "kgCO2e/GB", 0.065*1.1, 5.38, "lognormal", 2026,
    "Derived: LLMCarbon DRAM 0.4 kg/GB x stacking overhead 1.5 (assumption); high bound " + ADEME_SRC + " vram factor 0.18379 kg/mm2 with 15.5 mm2/GB and wafer-loss effective area; low bound ACT DDR4",
    "https://arxiv.org/abs/2309.14393", "Apache-2.0 (LLMCarbon data); AGPL-3.0 (Boavizta data); MIT (ACT data)",
    "ESTIMATE: no published per-GB HBM figure found (SK hynix/Samsung reports give no per-GB product footprint). HBM = DRAM dies + base logic die + TSVs + stacking yield loss; value = 0.4 x 1.5 = 0.6 kg/GB (stated overhead assumption). "
    "High: ADEME/Boavizta parametric VRAM model for an 80 GB/6-stack H100: 0.18379 kg/mm2 x effective area 390.5 mm2 per 206.7 mm2 die x 6 / 80 GB = 5.38 kg/GB. Low: ACT DDR4 65 g/GB x 1.1.")
add("mfg.hbm.memory_density", "memory_density", "hbm", None, 15.5, "mm2/GB", 10.9, 20.2, "triangular", 2026,
    ADEME_SRC + "; boaviztapi models/component/gpu.py VRAM_DIE_SURFACE_PER_GB", BOAV_URL, BOAV_LIC,
    "15.5 mm2 of VRAM die area per GB (average of GPUs studied in the ADEME model, applied to GDDR and HBM). Range +-30% (stated assumption).")
add("mfg.hbm.pe", "pe", "hbm", None, 2.452*15.5, "MJ/GB", 2.452*15.5*0.5, 2.452*15.5*1.89, "triangular", 2026,
    ADEME_SRC + " vram.pe 2.452 MJ/mm2", ADEME_URL, BOAV_LIC,
    "2.452 MJ/mm2 x 15.5 mm2/GB = 38.0 MJ/GB (nominal die area, no wafer-loss adjustment). High x1.89 = effective-area factor for a 207 mm2 HBM die (390.5/206.7); low -50% (stated assumption).")
add("mfg.hbm.adpe", "adpe", "hbm", None, 5.0731e-9*15.5, "kgSbeq/GB", 5.0731e-9*15.5*0.5, 5.0731e-9*15.5*1.89, "triangular", 2026,
    ADEME_SRC + " vram.adp 5.0731e-9 kgSbeq/mm2", ADEME_URL, BOAV_LIC,
    "5.0731e-9 kgSbeq/mm2 x 15.5 mm2/GB. Range as for mfg.hbm.pe.")
add("mfg.gddr.gwp", "gwp", "gddr", None, 0.18379*15.5, "kgCO2e/GB", 0.4, 3.88, "triangular", 2026,
    ADEME_SRC + " vram.gwp 0.18379 kgCO2e/mm2; low bound " + LLMC_SRC, ADEME_URL, BOAV_LIC,
    "0.18379 kg/mm2 x 15.5 mm2/GB = 2.85 kg/GB (nominal die area). High: with wafer-loss effective area for a 31 mm2 GDDR die (NVIDIA L4 case) = 3.88 kg/GB. Low: LLMCarbon generic DRAM 0.4 kg/GB. The ADEME VRAM factor is far above ACT/LLMCarbon per-GB DRAM figures; treat as upper-side.")
add("mfg.gddr.memory_density", "memory_density", "gddr", None, 15.5, "mm2/GB", 10.9, 20.2, "triangular", 2026,
    ADEME_SRC + "; boaviztapi models/component/gpu.py VRAM_DIE_SURFACE_PER_GB", BOAV_URL, BOAV_LIC, "As mfg.hbm.memory_density (one value for all VRAM). Range +-30% (stated assumption).")
add("mfg.gddr.pe", "pe", "gddr", None, 2.452*15.5, "MJ/GB", 2.452*15.5*0.5, 2.452*15.5*1.36, "triangular", 2026,
    ADEME_SRC + " vram.pe 2.452 MJ/mm2", ADEME_URL, BOAV_LIC, "2.452 MJ/mm2 x 15.5 mm2/GB; high x1.36 effective-area factor for a 31 mm2 die; low -50% (stated assumption).")
add("mfg.gddr.adpe", "adpe", "gddr", None, 5.0731e-9*15.5, "kgSbeq/GB", 5.0731e-9*15.5*0.5, 5.0731e-9*15.5*1.36, "triangular", 2026,
    ADEME_SRC + " vram.adp 5.0731e-9 kgSbeq/mm2", ADEME_URL, BOAV_LIC, "As mfg.gddr.pe.")
ssd_mean, ssd_min, ssd_max = 54.88, 16.4, 128.0
add("mfg.nand.gwp", "gwp", "nand", None, 0.018, "kgCO2e/GB", 0.0064, 0.045, "lognormal", 2024,
    LLMC_SRC + "; range " + ACT_MEM_SRC + "; " + BOAV_SRC + " ssd.gwp.die_impact 2.20 kg/cm2 with crowdsourcing/ssd_manufacture.csv densities",
    "https://arxiv.org/abs/2309.14393", "Apache-2.0 (LLMCarbon data); MIT (ACT data); AGPL-3.0 (Boavizta data)",
    "Flash dies only (add gwp_unit per SSD). Value: LLMCarbon SSD 0.018 kg/GB (0.024 in older versions). Low: ACT nand_tlc_1z 5.6 g/GB / 0.875 = 6.4 g/GB. High: Boavizta 2.20 kg/cm2 / mean density 54.9 GB/cm2 = 0.040 kg/GB (+10%); ACT nand_30nm 31 g/GB is within.")
add("mfg.nand.gwp_unit", "gwp_unit", "nand", None, 6.34, "kgCO2e/unit", 3.2, 9.5, "triangular", 2021,
    "Umweltbundesamt Green Cloud Computing (Gröger et al. 2021) via " + BOAV_SRC + " ssd.gwp.impact", BOAV_URL, BOAV_LIC,
    "Per SSD: controller, PCB, casing, assembly beyond the flash dies. Range +-50% (stated assumption).")
add("mfg.nand.pe", "pe", "nand", None, 27.3/ssd_mean, "MJ/GB", 27.3/ssd_max, 27.3/ssd_min, "triangular", 2021,
    BOAV_SRC + " ssd.pe.die_impact 27.3 MJ/cm2 / crowdsourcing/ssd_manufacture.csv density", BOAV_URL, BOAV_LIC,
    "27.3 MJ/cm2 / mean 54.9 GB/cm2 (19 3D-NAND entries, 32-128 layers); range from min/max density 128 and 16.4 GB/cm2. Add 73.98 MJ per SSD (ssd.pe.impact).")
add("mfg.nand.adpe", "adpe", "nand", None, 6.3e-5/ssd_mean, "kgSbeq/GB", 6.3e-5/ssd_max, 6.3e-5/ssd_min, "triangular", 2021,
    BOAV_SRC + " ssd.adp.die_impact 6.3e-5 kgSbeq/cm2 / density", BOAV_URL, BOAV_LIC,
    "As mfg.nand.pe; add 5.63e-4 kgSbeq per SSD (ssd.adp.impact).")
add("mfg.hdd.gwp", "gwp", "hdd", None, 31.11, "kgCO2e/unit", 20.0, 45.0, "triangular", 2021,
    "Umweltbundesamt Green Cloud Computing (Gröger et al. 2021) via " + BOAV_SRC + " hdd.gwp.impact; cross-check ACT hdd_enterprise.yaml 1.1-20.5 g/GB",
    BOAV_URL, BOAV_LIC,
    "Per HDD (Boavizta constant). ACT per-GB figures for Seagate enterprise drives: 1.14-20.46 g/GB (e.g. 16 TB Exos X16 at 1.334 g/GB = 21 kg). Range 20-45 kg: stated assumption spanning ACT's high-capacity drives and +45%.")
add("mfg.hdd.pe", "pe", "hdd", None, 276.0, "MJ/unit", 138.0, 414.0, "triangular", 2021, BOAV_SRC + " hdd.pe.impact", BOAV_URL, BOAV_LIC, "Per HDD. Range +-50% (stated assumption).")
add("mfg.hdd.adpe", "adpe", "hdd", None, 2.5e-4, "kgSbeq/unit", 1.25e-4, 3.75e-4, "triangular", 2021, BOAV_SRC + " hdd.adp.impact", BOAV_URL, BOAV_LIC, "Per HDD. Range +-50% (stated assumption).")
# ---------------- packages, boards, server parts -----------------
add("mfg.cpu_package.gwp", "gwp", "cpu_package", None, 9.14, "kgCO2e/unit", 0.15, 13.7, "triangular", 2021,
    BOAV_SRC + " cpu.gwp.impact (per CPU, beyond die area); low bound ACT CARBON_PER_IC_PACKAGE 150 g (act/core/common.py)", BOAV_URL, BOAV_LIC,
    "Per CPU: packaging, substrate, heat spreader beyond the die (die area handled by logic_die rows). ACT's generic IC-package constant 0.15 kg is the low bound; high +50% (stated assumption).")
add("mfg.cpu_package.pe", "pe", "cpu_package", None, 156.0, "MJ/unit", 78.0, 234.0, "triangular", 2021, BOAV_SRC + " cpu.pe.impact", BOAV_URL, BOAV_LIC, "Per CPU. Range +-50% (stated assumption).")
add("mfg.cpu_package.adpe", "adpe", "cpu_package", None, 0.0204, "kgSbeq/unit", 0.0102, 0.0306, "triangular", 2021, BOAV_SRC + " cpu.adp.impact", BOAV_URL, BOAV_LIC, "Per CPU. Range +-50% (stated assumption).")
add("mfg.accelerator_package.gwp", "gwp", "accelerator_package", None, 9.14, "kgCO2e/unit", 0.15, 18.3, "triangular", 2021,
    BOAV_SRC + " cpu.gwp.impact used as analogue; low bound ACT CARBON_PER_IC_PACKAGE 150 g", BOAV_URL, BOAV_LIC,
    "ESTIMATE by analogy: no published per-package figure for accelerator packaging/CoWoS found. Value = Boavizta per-CPU package constant; high x2 for larger organic substrates (stated assumption). "
    "The CoWoS silicon interposer (e.g. ~2,500 mm2 passive Si for H100-class parts) is NOT included: model it as logic_die area at the oldest node (28nm rows; interposers are 65nm-class passive silicon, so that overstates per cm2).")
add("mfg.accelerator_board.gwp", "gwp", "accelerator_board", None, 0.032549, "kgCO2e/cm2", 0.016, 0.065, "lognormal", 2026,
    ADEME_SRC + " pwb.gwp 3.2549e-2 per cm2", ADEME_URL, BOAV_LIC,
    "Per cm2 of populated printed wiring board (PCB + passives/VRM components) of a GPU card/module, e.g. H100 SXM 296 cm2 -> 9.6 kg. Range x0.5-x2 (stated assumption). ACT's bare-PCB model (0.41-0.91 kg/m2, i.e. <1e-4 kg/cm2) excludes mounted components and is not comparable.")
add("mfg.accelerator_board.pe", "pe", "accelerator_board", None, 0.82969, "MJ/cm2", 0.415, 1.66, "lognormal", 2026, ADEME_SRC + " pwb.pe", ADEME_URL, BOAV_LIC, "Per cm2 of populated board. Range x0.5-x2 (stated assumption).")
add("mfg.accelerator_board.adpe", "adpe", "accelerator_board", None, 1.2707e-5, "kgSbeq/cm2", 6.35e-6, 2.54e-5, "lognormal", 2026, ADEME_SRC + " pwb.adp", ADEME_URL, BOAV_LIC, "Per cm2 of populated board. Range x0.5-x2 (stated assumption).")
add("mfg.heatsink.gwp", "gwp", "heatsink", None, 5.7412, "kgCO2e/kg", 2.87, 8.61, "triangular", 2026, ADEME_SRC + " heatsink.gwp (per kg of heatsink)", ADEME_URL, BOAV_LIC,
    "Per kg of GPU heatsink (H100 SXM heatsink 0.90 kg in the ADEME data). Range +-50% (stated assumption).")
add("mfg.heatsink.pe", "pe", "heatsink", None, 92.287, "MJ/kg", 46.1, 138.4, "triangular", 2026, ADEME_SRC + " heatsink.pe", ADEME_URL, BOAV_LIC, "Per kg. Range +-50% (stated assumption).")
add("mfg.heatsink.adpe", "adpe", "heatsink", None, 1.8669e-3, "kgSbeq/kg", 9.33e-4, 2.80e-3, "triangular", 2026, ADEME_SRC + " heatsink.adp", ADEME_URL, BOAV_LIC, "Per kg. Range +-50% (stated assumption).")
for comp, key, g, p, a, extra in [("mainboard", "motherboard", 66.1, 836.0, 3.69e-3, "Per server motherboard."),
                                  ("chassis", "case (rack)", 150.0, 2200.0, 0.0202, "Per rack server case."),
                                  ("assembly", "assembly", 6.68, 68.6, 1.41e-6, "Per server (final assembly).")]:
    src = "Umweltbundesamt Green Cloud Computing (Gröger et al. 2021, texte 94/2021) via " + BOAV_SRC + f" {key}"
    add(f"mfg.{comp}.gwp", "gwp", comp, None, g, "kgCO2e/unit", g*0.5, g*1.5, "triangular", 2021, src, BOAV_URL, BOAV_LIC, extra + " Range +-50% (stated assumption; Boavizta gives no range).")
    add(f"mfg.{comp}.pe", "pe", comp, None, p, "MJ/unit", p*0.5, p*1.5, "triangular", 2021, src, BOAV_URL, BOAV_LIC, extra + " Range +-50% (stated assumption).")
    add(f"mfg.{comp}.adpe", "adpe", comp, None, a, "kgSbeq/unit", a*0.5, a*1.5, "triangular", 2021, src, BOAV_URL, BOAV_LIC, extra + " Range +-50% (stated assumption).")
psrc = "Umweltbundesamt Green Cloud Computing (Gröger et al. 2021) via " + BOAV_SRC + " power_supply; default mass archetypes/components/power_supply.csv 2.99 kg (1-5)"
add("mfg.psu.gwp_per_kg", "gwp_per_kg", "psu", None, 24.3, "kgCO2e/kg", 12.15, 36.45, "triangular", 2021, psrc, BOAV_URL, BOAV_LIC, "Per kg of PSU. Range +-50% (stated assumption).")
add("mfg.psu.gwp", "gwp", "psu", None, 24.3*2.99, "kgCO2e/unit", 24.3*1.0, 24.3*5.0, "triangular", 2021, psrc, BOAV_URL, BOAV_LIC, "Per PSU: 24.3 kg/kg x default 2.99 kg = 72.7 kg; range from Boavizta archetype mass bounds 1-5 kg.")
add("mfg.psu.pe_per_kg", "pe_per_kg", "psu", None, 352.0, "MJ/kg", 176.0, 528.0, "triangular", 2021, psrc, BOAV_URL, BOAV_LIC, "Per kg of PSU. Range +-50% (stated assumption).")
add("mfg.psu.adpe_per_kg", "adpe_per_kg", "psu", None, 8.3e-3, "kgSbeq/kg", 4.15e-3, 1.245e-2, "triangular", 2021, psrc, BOAV_URL, BOAV_LIC, "Per kg of PSU. Range +-50% (stated assumption).")

with open("factors/manufacture.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, quoting=csv.QUOTE_MINIMAL); w.writerow(HDR); w.writerows(rows)
print(len(rows), "rows")
