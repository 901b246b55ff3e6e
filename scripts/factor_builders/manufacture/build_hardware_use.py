import csv
import os
HDR = ["factor_id","quantity","hardware","workload","accelerator_family","value","unit","low","high",
       "distribution","year","source","url","license","notes"]
FU = "fair-use (facts from publication)"
rows = []
def r(fid, q, hw, wl, fam, v, unit, lo, hi, dist, yr, src, url, lic, notes):
    rows.append([fid, q, hw, wl, fam, v, unit, lo, hi, dist, yr, src, url, lic, notes])

LIFE_SPREAD = ("Tool/paper assumptions: EcoLogits 0.11.3 package code 3 y and EcoLogits methodology 5 y; "
    "Morrison et al. 2025 (OLMo, arXiv:2503.05804, Sec. 4.1) 4 y for 8xH100 servers; "
    "LLMCarbon (Faiz et al., ICLR 2024) repository data 5 y; Luccioni et al. 2022 (BLOOM, arXiv:2211.02001) 6 y "
    "(Boavizta e-footprint's BLOOM-derived GPUServer default lifespan is also 6 y). "
    "Accounting lives for servers (not accelerators specifically): Microsoft 6 y (from 4, FY2023), Alphabet 6 y "
    "(from 4, 2023), Amazon 6 y (2024) then 5 y for a subset of servers from 2025 citing the pace of AI/ML, Meta 5.5 y (2025).")

r("use.accelerator.lifetime","lifetime","accelerator","","",5,"year",3,6,"triangular",2025,
  "Spread of published AI-hardware LCA assumptions: LLMCarbon (Faiz et al., ICLR 2024) 5 y; EcoLogits 3 y / 5 y; "
  "Morrison et al. 2025 (OLMo) 4 y; Luccioni et al. 2022 (BLOOM) 6 y",
  "https://arxiv.org/abs/2309.14393", FU,
  "Triangular: low 3 (EcoLogits 0.11.3 package), mode 5 (LLMCarbon, EcoLogits methodology), high 6 (BLOOM; "
  "hyperscaler server depreciation lives). " + LIFE_SPREAD +
  " Depreciation lives are accounting estimates, not measured physical service lives; AI accelerators may be retired "
  "earlier for economic obsolescence (Amazon's 2025 cut), hence mode 5 rather than 6.")

r("use.server.lifetime","lifetime","server","","",5.5,"year",4,6,"triangular",2025,
  "Hyperscaler server depreciation lives: Microsoft FY2022 Q4 earnings call (server and network equipment 4 -> 6 years, "
  "July 2022); Alphabet 10-K 2020 (servers 3 -> 4 y) and 10-K 2022 (4 -> 6 y from 2023); Amazon 10-K 2021 (4 -> 5 y from 2022), "
  "10-K 2023 (5 -> 6 y from 2024), 10-K 2024 (subset of servers 6 -> 5 y from 2025, citing AI/ML); Meta 10-K 2024 "
  "(servers and network assets 5.5 y from 2025)",
  "https://www.microsoft.com/en-us/investor/events/fy-2022/earnings-fy-2022-q4", "proprietary (facts)",
  "Triangular: low 4 (pre-2022 hyperscaler schedules; Cloud Carbon Footprint rack-server lifespan 4 y), mode 5.5 "
  "(Meta 2025; midpoint of Amazon's 5 y for AI servers and Microsoft/Alphabet 6 y), high 6 (Microsoft, Alphabet, "
  "Amazon 2024). Filings: SEC EDGAR, CIK 0000789019 (Microsoft), 0001652044 (Alphabet), 0001018724 (Amazon), "
  "0001326801 (Meta). Accounting useful lives, not measured service lives. Effective years and the Meta 5.5 y "
  "figure are as reported in the companies' filings/earnings releases; not re-read from the filings text in this session.")

UTIL_NOTES = ("Definition: share of the lifetime the hardware is reserved/allocated (the denominator of the embodied "
    "allocation), NOT SM/compute utilisation. Mode 0.85 = Luccioni et al. 2022 (BLOOM) use rate for the Jean Zay "
    "cluster, the one published allocation-type figure found. Range: triangular 0.4-0.95, stated assumption. "
    "High 0.95: dedicated training clusters run near full reservation. Low 0.4: multi-tenant GPU clusters report "
    "queueing, fragmentation and idle allocated GPUs (Jeon et al., USENIX ATC 2019, Microsoft Philly; Hu et al., "
    "SC21, SenseTime Helios; Weng et al., NSDI 2022, Alibaba PAI) but no allocation rate from these was verified "
    "in this session. Measured compute (SM) utilisation of allocated GPUs is far lower and is not this quantity: "
    "e.g. the Alibaba PAI v2020 trace (6,742 GPUs) gives a per-instance mean GPU utilisation of 10.5% and median "
    "1.5% (third-party analysis of the released trace). BLOOM's 85% is a cluster use rate, reported by Luccioni "
    "et al.; the figure was not re-read from the paper text in this session.")

for hw in ("accelerator", "server"):  # every fleet is one of the two (no "default" class)
    r(f"use.{hw}.utilization","utilization",hw,"","",0.85,"fraction",0.4,0.95,"triangular",2022,
      "Luccioni, Viguier & Ligozat 2022, Estimating the Carbon Footprint of BLOOM, a 176B Parameter Language Model "
      "(arXiv:2211.02001; JMLR 24(253) 2023), embodied-emissions section: 85% use rate",
      "https://arxiv.org/abs/2211.02001", FU,
      UTIL_NOTES + (" Server hosts of accelerators are reserved together with them, so the same default applies."
                    if hw == "server" else ""))

r("use.accelerator.idle.default.idle_power_share","idle_power_share","accelerator","idle","default",0.12,"ratio",0.06,0.25,
  "triangular",2025,
  "Derived from: Luccioni et al. 2022 (BLOOM) GPU idle power 50 W for A100 (400 W TDP), as used by Boavizta e-footprint "
  "GPUServer defaults; Vadari et al. 2026 'The Model Parking Tax' (arXiv:2605.23918): a loaded CUDA context adds "
  "26-50 W over bare idle on H100/A100 (HBM), 66 W on L40S; Morrison et al. 2025 (OLMo): H100 power drops to "
  "about 100 W (~15% of 700 W TDP) during checkpointing",
  "https://arxiv.org/abs/2211.02001", FU,
  "Idle accelerator board power / TDP for a reserved but non-computing GPU (inference fleets keep models loaded). "
  "Mode 0.12 ~ A100 50/400 W. Low 0.06: bare idle without a CUDA context on a high-TDP part (stated assumption). "
  "High 0.25: idle with a loaded context on lower-TDP parts (context adds 26-66 W, Vadari et al.). Range is a "
  "stated assumption bracketing these readings, not a statistical interval. nvidia-smi samples only part of the "
  "runtime on A100/H100 (Yang et al. SC24, arXiv:2312.02741), so short readings are uncertain.")

r("use.accelerator.idle.nvidia-a100.idle_power_share","idle_power_share","accelerator","idle","nvidia-a100",0.125,"ratio",
  0.08,0.2,"triangular",2022,
  "Luccioni et al. 2022 (Estimating the Carbon Footprint of BLOOM, arXiv:2211.02001): A100 GPU idle power 50 W, via "
  "Boavizta e-footprint efootprint/core/hardware/gpu_server.py (gpu_idle_power default 50 W/GPU, gpu_power 400 W/GPU)",
  "https://arxiv.org/abs/2211.02001", FU,
  "50 W / 400 W TDP (A100 SXM) = 0.125. Range triangular 0.08-0.2: stated assumption; low ~ bare idle of about "
  "32 W, high adds the 26-50 W CUDA-context step reported by Vadari et al. 2026 (arXiv:2605.23918). The 50 W "
  "figure is taken from e-footprint's BLOOM-sourced default, not re-read from the paper text. Checked on 2026-12-01: "
  "e-footprint's source for it is titled 'Estimating the Carbon Footprint of BLOOM' (the carbon paper, as its other "
  "defaults from that source: 150 kg per GPU, 2,500 kg per server, 1.08M GPU-hours) but links arXiv:2211.05100, the "
  "BLOOM model paper; the 50 W was found in neither paper's text here.")

r("use.accelerator.idle.nvidia-h100.idle_power_share","idle_power_share","accelerator","idle","nvidia-h100",0.14,"ratio",
  0.08,0.2,"triangular",2025,
  "Morrison et al. 2025, Holistically Evaluating the Environmental Impact of Creating Language Models (ICLR 2025, "
  "arXiv:2503.05804), Sec. 4.3 / Fig. 2: H100 power falls to just over 100 W during checkpointing (TDP 700 W)",
  "https://arxiv.org/abs/2503.05804", FU,
  "100 W / 700 W = 0.14: a low-activity floor with the training context loaded, used as a proxy for idle-with-"
  "context; true bare idle is lower. Range triangular 0.08-0.2, stated assumption (low: bare idle ~55-60 W; high: "
  "idle with context + HBM3 refresh). Figure read from a third-party summary of the paper, not the paper itself.")

r("use.server.idle.idle_power_share","idle_power_share","server","idle","",0.27,"ratio",0.15,0.4,"triangular",2024,
  "SPECpower_ssj2008 published results (active-idle vs 100% load power of 2-socket x86 servers); trends analysed in "
  "Troepgen, Schoene, Ilsche & Hackenberg 2024, '16 Years of SPEC Power: An Analysis of x86 Energy Efficiency Trends' "
  "(IEEE CLUSTER Workshops 2024, doi:10.1109/CLUSTERWorkshops61563.2024.00020) and Ryckbosch et al. 2011 "
  "'Trends in Server Energy Proportionality' (IEEE Computer 44(9))",
  "https://arxiv.org/abs/2411.07062", FU,
  "Host (CPU, memory, fans, NICs; excluding accelerators) idle power / max power. Mode 0.27 and bounds 0.15-0.40: "
  "stated range for recent 2-socket SPECpower results (idle ~20-35% of full load), widened to 0.15-0.40 for "
  "configuration spread; not re-derived from individual result files in this session. Update by computing "
  "active-idle/100%-load power over recent 2-socket results at https://www.spec.org/power_ssj2008/results/.")

# Fleet accounting (footprint fleet report): the power of allocated memory and the share of TDP an allocated CPU
# core draws, for jobs whose energy is modelled.
r("use.memory.power_per_gb", "power_per_gb", "memory", "", "", 0.3725, "W/GB", 0.19, 0.56, "triangular", 2017,
  "Karyakin & Salem 2017, An analysis of memory power consumption in database systems (DaMoN '17), 0.3725 W/GB as "
  "used by Green Algorithms (Lannelongue, Grealey & Inouye 2021, Adv. Sci. 8:2100707)",
  "https://doi.org/10.1145/3076113.3076117", FU,
  "Power of allocated DRAM per GB. Range +/-50% (0.19-0.56): a judgement (DIMM generation, load), not published.")
r("use.cpu.usage_factor", "usage_factor", "cpu", "", "", 1.0, "ratio", 1.0, 1.0, "constant", 2021,
  "Green Algorithms (Lannelongue, Grealey & Inouye 2021, Adv. Sci. 8:2100707): usage factor 1 when the CPU "
  "efficiency of a job is not known", "https://doi.org/10.1002/advs.202100707", "CC-BY-4.0",
  "Share of its TDP an allocated CPU core draws: TDP per core x allocated cores, an upper bound of a job's CPU power.")


def service_hours(kind, life, util):
    """Service hours [h] = lifetime [year] x 8766 h/year x utilisation, as ONE factor: the embodied share divides by
    it, and two triangulars with modes near their upper bounds make the product of the modes (37,256 h for
    accelerators) sit near the 90th percentile of the product. The percentiles are the product's, computed from
    2,000,000 draws of the two rows (seed 12345; rounded to 10 h); normal: the product is nearly symmetric."""
    import numpy as np

    rng = np.random.default_rng(12345)
    h = rng.triangular(*life, 2_000_000) * rng.triangular(*util, 2_000_000) * 8766
    p5, p50, p95 = (float(round(x, -1)) for x in np.percentile(h, (5, 50, 95)))
    r(f"use.{kind}.service_hours", "service_hours", kind, "", "", p50, "h", p5, p95, "normal", 2025,
      f"Derived: use.{kind}.lifetime x 8766 h/year x use.{kind}.utilization (this table)",
      "factors/README.md#hardware_usecsv-hardware-lifetime-utilisation-and-idle-power", "Apache-2.0 (footprint project)",
      f"Lifetime triangular{life} years x utilisation triangular{util}: the product's median {p50:,.0f} h and 5th-95th "
      f"percentiles {p5:,.0f}-{p95:,.0f} h (2,000,000 draws, seed 12345, rounded to 10 h; the product of the modes, "
      f"{life[1] * util[1] * 8766:,.0f} h, is not its median). Used when the spec gives neither lifetime_years nor "
      "utilization; with one of them, the model multiplies it by the other row.")


service_hours("accelerator", (3, 5, 6), (0.4, 0.85, 0.95))
service_hours("server", (4, 5.5, 6), (0.4, 0.85, 0.95))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "factors", "hardware_use.csv"),
          "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, quoting=csv.QUOTE_MINIMAL)
    w.writerow(HDR); w.writerows(rows)
print(len(rows), "rows")
