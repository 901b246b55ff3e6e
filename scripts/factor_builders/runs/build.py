"""Build factors/training_runs.csv and factors/power_draw.csv (helper "runs").

Every number is a published figure quoted from the source named on its row, or a
derivation whose arithmetic is stated in the row's notes.
"""
import csv
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "factors")
FAIR = "fair-use (facts from publication)"
LLAMA2_LIC = "Llama 2 Community License (facts from model card)"
LLAMA3_LIC = "Meta Llama 3 Community License (facts from model card)"
LLAMA31_LIC = "Llama 3.1 Community License (facts from model card)"
LLAMA32_LIC = "Llama 3.2 Community License (facts from model card)"
LLAMA4_LIC = "Llama 4 Community License (facts from model card)"
CODELLAMA_LIC = "Llama 2 Community License (facts from Code Llama model card)"

UNITS = {
    "parameters": "count", "tokens": "count", "n_devices": "count", "device_hours": "h",
    "train_time": "h", "avg_power": "W", "pue": "ratio", "grid_intensity": "kgCO2e/kWh",
    "energy": "kWh", "co2e": "kgCO2e", "co2e_lifecycle": "kgCO2e", "water": "L",
    "wue_offsite": "L/kWh",
}

# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------
S = {
    "strubell": ("Strubell, Ganesh, McCallum 2019, Energy and Policy Considerations for Deep Learning in NLP, ACL 2019",
                 "https://arxiv.org/abs/1906.02243", 2019, FAIR),
    "patterson": ("Patterson et al. 2021, Carbon Emissions and Large Neural Network Training (arXiv:2104.10350)",
                  "https://arxiv.org/abs/2104.10350", 2021, FAIR),
    "llama1": ("Touvron et al. 2023, LLaMA: Open and Efficient Foundation Language Models (arXiv:2302.13971)",
               "https://arxiv.org/abs/2302.13971", 2023, FAIR),
    "llama2": ("Touvron et al. 2023, Llama 2: Open Foundation and Fine-Tuned Chat Models (arXiv:2307.09288) and Llama 2 model card (meta-llama/llama-models models/llama2/MODEL_CARD.md)",
               "https://arxiv.org/abs/2307.09288", 2023, LLAMA2_LIC),
    "llama3": ("Meta 2024, Meta Llama 3 model card (meta-llama/llama3 MODEL_CARD.md)",
               "https://github.com/meta-llama/llama3/blob/main/MODEL_CARD.md", 2024, LLAMA3_LIC),
    "llama31": ("Meta 2024, Llama 3.1 model card (meta-llama/llama-models models/llama3_1/MODEL_CARD.md)",
                "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md", 2024, LLAMA31_LIC),
    "llama3paper": ("Llama Team 2024, The Llama 3 Herd of Models (arXiv:2407.21783)",
                    "https://arxiv.org/abs/2407.21783", 2024, FAIR),
    "llama32": ("Meta 2024, Llama 3.2 model card (meta-llama/llama-models models/llama3_2/MODEL_CARD.md)",
                "https://github.com/meta-llama/llama-models/blob/main/models/llama3_2/MODEL_CARD.md", 2024, LLAMA32_LIC),
    "llama4": ("Meta 2025, Llama 4 model card (meta-llama/llama-models models/llama4/MODEL_CARD.md)",
               "https://github.com/meta-llama/llama-models/blob/main/models/llama4/MODEL_CARD.md", 2025, LLAMA4_LIC),
    "codellama": ("Meta 2023, Code Llama model card (Hugging Face codellama/CodeLlama-70b-Instruct-hf README, Carbon Footprint)",
                  "https://huggingface.co/codellama/CodeLlama-70b-Instruct-hf", 2024, CODELLAMA_LIC),
    "luccioni": ("Luccioni, Viguier, Ligozat 2022/2023, Estimating the Carbon Footprint of BLOOM, a 176B Parameter Language Model, JMLR 24(253) (arXiv:2211.02001)",
                 "https://arxiv.org/abs/2211.02001", 2022, FAIR),
    "bloompaper": ("BigScience Workshop 2022, BLOOM: A 176B-Parameter Open-Access Multilingual Language Model (arXiv:2211.05100)",
                   "https://arxiv.org/abs/2211.05100", 2022, FAIR),
    "olmo1": ("Groeneveld et al. 2024, OLMo: Accelerating the Science of Language Models, ACL 2024 (arXiv:2402.00838)",
              "https://arxiv.org/abs/2402.00838", 2024, FAIR),
    "olmo2": ("OLMo Team (Walsh et al.) 2025, 2 OLMo 2 Furious (arXiv:2501.00656)",
              "https://arxiv.org/abs/2501.00656", 2025, FAIR),
    "morrison": ("Morrison et al. 2025, Holistically Evaluating the Environmental Impact of Creating Language Models, ICLR 2025 (arXiv:2503.05804)",
                 "https://arxiv.org/abs/2503.05804", 2025, FAIR),
    "gopher": ("Rae et al. 2021, Scaling Language Models: Methods, Analysis & Insights from Training Gopher (arXiv:2112.11446)",
               "https://arxiv.org/abs/2112.11446", 2021, FAIR),
    "palm": ("Chowdhery et al. 2022, PaLM: Scaling Language Modeling with Pathways (arXiv:2204.02311), JMLR 2023",
             "https://arxiv.org/abs/2204.02311", 2022, FAIR),
    "starcoder": ("Li et al. 2023, StarCoder: may the source be with you! (arXiv:2305.06161), TMLR 2023",
                  "https://arxiv.org/abs/2305.06161", 2023, FAIR),
    "falconblog": ("Hugging Face / TII 2023, Spread Your Wings: Falcon 180B is here (Hugging Face blog)",
                   "https://huggingface.co/blog/falcon-180b", 2023, FAIR),
    "falconpaper": ("Almazrouei et al. 2023, The Falcon Series of Open Language Models (arXiv:2311.16867)",
                    "https://arxiv.org/abs/2311.16867", 2023, FAIR),
}

RUNS = []  # list of dicts: run, model, organisation, hardware, consistency(filled later), rows


def run(rid, model, org, hw, rows, note_all=""):
    RUNS.append(dict(run=rid, model=model, organisation=org, hardware=hw, rows=rows, note_all=note_all))


def r(q, value, src, table, notes=""):
    return dict(q=q, value=value, src=src, table=table, notes=notes)


# ---- Strubell et al. 2019, Table 3 ------------------------------------------
STR_NOTE = ("Strubell Table 3. avg_power is the WHOLE-SYSTEM draw (CPU + DRAM + all GPUs), scaled from the authors' "
            "own measurements; energy = avg_power x wall hours x PUE 1.58 (energy includes PUE); grid 0.954 lbs/kWh "
            "(US average, EPA) converted to 0.43273 kg/kWh; CO2e converted from lbs (x0.45359). Published values are "
            "rounded integers (up to ~1.5% rounding).")
for rid, model, hw, ndev, hours, watts, kwh, lbs, extra in [
    ("transformer-base", "Transformer (base), Vaswani et al. 2017", "NVIDIA P100 x8", 8, 12, 1415.78, 27, 26, ""),
    ("transformer-big", "Transformer (big), Vaswani et al. 2017", "NVIDIA P100 x8", 8, 84, 1515.43, 201, 192, ""),
    ("elmo", "ELMo, Peters et al. 2018", "NVIDIA P100 x3", 3, 336, 517.66, 275, 262,
     " Oddity: the paper's text says ELMo was trained on 3 NVIDIA GTX 1080 Ti GPUs, Table 3 lists P100x3."),
    ("bert-base", "BERT base, Devlin et al. 2019", "NVIDIA V100 x64", 64, 79, 12041.51, 1507, 1438, ""),
    ("evolved-transformer-nas-strubell", "Transformer (big) with neural architecture search (Evolved Transformer, So et al. 2019), Strubell's estimate",
     "NVIDIA P100 x8 (assumed by Strubell)", 8, 274120, 1515.43, 656347, 626155,
     " The source's own figures reproduce each other, but the run is an extrapolation: Patterson et al. 2021 report the real search ran on TPU v2 in a 0.431 kgCO2e/kWh datacenter and emitted ~3.2 tCO2e (~88x less; see run evolved-transformer-nas)."),
]:
    rows = [
        r("n_devices", ndev, "strubell", "Table 3"),
        r("train_time", hours, "strubell", "Table 3", "wall-clock hours"),
        r("device_hours", ndev * hours, "strubell", "Table 3", f"derived: {hours} h x {ndev} devices"),
        r("avg_power", watts, "strubell", "Table 3", "power scope: whole system (CPU + DRAM + GPUs), total for all devices, not per device"),
        r("pue", 1.58, "strubell", "Sec. 2 / Table 3", "Uptime Institute 2018 industry average used by the authors"),
        r("grid_intensity", 0.43273, "strubell", "Sec. 2 / Table 3", "0.954 lbs CO2e/kWh x 0.45359 kg/lb"),
        r("energy", kwh, "strubell", "Table 3", "kWh-PUE column (includes PUE)"),
        r("co2e", round(lbs * 0.45359237, 2), "strubell", "Table 3", f"published {lbs} lbs CO2e x 0.45359 kg/lb"),
    ]
    run(rid, model, "various (estimate by Strubell et al., UMass Amherst)", hw, rows, STR_NOTE + extra)

# ---- Patterson et al. 2021, Table 4 -------------------------------------------
PAT_NOTE = ("Patterson Table 4. avg_power is the MEASURED system average power per accelerator, including its share of "
            "host CPU, memory, network interface and fans; energy = device_hours x avg_power x PUE (includes PUE); "
            "grid intensity and CO2e are the paper's net (market-based) figures.")
for rid, model, org, hw, ndev, days, watts, pue, mwh, grid, tco2, params, extra in [
    ("evolved-transformer-nas", "Evolved Transformer neural architecture search (So et al. 2019)", "Google", "Google TPU v2 x200 (TDP 280 W)",
     200, 6.8, 208, 1.1, 7.5, 0.431, 3.2, None, ""),
    ("t5-11b", "T5 11B", "Google", "Google TPU v3 x512 (TDP 450 W)", 512, 20, 310, 1.12, 85.7, 0.545, 46.7, 11e9, ""),
    ("meena", "Meena 2.6B", "Google", "Google TPU v3 x1024 (TDP 450 W)", 1024, 30, 289, 1.09, 232, 0.415, 96.4, 2.6e9, ""),
    ("gshard-600b", "GShard-600B (MoE, 619B parameters)", "Google", "Google TPU v3 x1024 (TDP 450 W)", 1024, 3.1, 288, 1.09, 24.1, 0.177, 4.3, 619e9, ""),
    ("switch-transformer", "Switch Transformer (MoE, 1500B parameters)", "Google", "Google TPU v3 x1024 (TDP 450 W)", 1024, 27, 245, 1.10, 179, 0.33, 59.1, 1500e9,
     " The paper's text calls the Switch energy 'estimated' while the footnote says Google models were measured."),
    ("gpt-3-175b", "GPT-3 175B", "OpenAI (figures from Patterson et al., power/PUE measured by OpenAI)", "NVIDIA V100 x10000 (TDP 300 W)",
     10000, 14.8, 330, 1.10, 1287, 0.429, 552.1, 175e9,
     " The 10,000-GPU count is NVIDIA's suggestion adopted by the authors, not an OpenAI disclosure; avg_power 330 W exceeds the V100 TDP because it includes host share."),
]:
    dh = round(ndev * days * 24, 1)
    rows = [
        r("n_devices", ndev, "patterson", "Table 4"),
        r("train_time", round(days * 24, 1), "patterson", "Table 4", f"published {days} days x 24"),
        r("device_hours", dh, "patterson", "Table 4", f"derived: {ndev} chips x {days} days x 24"),
        r("avg_power", watts, "patterson", "Table 4", "power scope: per accelerator incl. host share (measured system average power per accelerator)"),
        r("pue", pue, "patterson", "Table 4"),
        r("grid_intensity", grid, "patterson", "Table 4", "net tCO2e/MWh converted to kgCO2e/kWh (same number)"),
        r("energy", mwh * 1000, "patterson", "Table 4", f"published {mwh} MWh"),
        r("co2e", round(tco2 * 1000, 1), "patterson", "Table 4", f"published {tco2} net tCO2e"),
    ]
    if params:
        rows.insert(0, r("parameters", params, "patterson", "Table 4"))
    run(rid, model, org, hw, rows, PAT_NOTE + extra)

# ---- LLaMA-1 paper Table 15 ----------------------------------------------------
L1_NOTE = ("LLaMA paper Table 15 (Meta's own recomputation, same formula for every row): energy = GPU-hours x 400 W x "
           "PUE 1.1 (includes PUE), CO2e = energy x 0.385 kgCO2e/kWh (US national average, stated in the text). 400 W "
           "is the A100 TDP, not a measurement.")
for rid, model, org, gh, mwh, tco2, params, toks, extra in [
    ("opt-175b-llama1-est", "OPT-175B (recomputed by Meta in the LLaMA paper)", "Meta AI", 809472, 356, 137, None, None,
     " GPU-hours are Meta's assumption (992 GPUs x 34 days); differs from the OPT paper's own footprint estimate."),
    ("bloom-176b-llama1-est", "BLOOM-176B (recomputed by Meta in the LLaMA paper)", "BigScience (recomputed by Meta AI)", 1082880, 475, 183, None, None,
     " Uses 1,082,880 GPU-hours, 110 h fewer than Luccioni et al.'s 1,082,990; energy 475 MWh vs Luccioni's 433 MWh (PUE and rounding)."),
    ("llama-7b", "LLaMA-7B", "Meta AI", 82432, 36, 14, 6.7e9, 1.0e12, ""),
    ("llama-13b", "LLaMA-13B", "Meta AI", 135168, 59, 23, 13.0e9, 1.0e12, ""),
    ("llama-33b", "LLaMA-33B", "Meta AI", 530432, 233, 90, 32.5e9, 1.4e12, ""),
    ("llama-65b", "LLaMA-65B", "Meta AI", 1022362, 449, 173, 65.2e9, 1.4e12, ""),
]:
    rows = []
    if params:
        rows.append(r("parameters", params, "llama1", "Table 2"))
        rows.append(r("tokens", toks, "llama1", "Table 2"))
    if rid == "llama-65b":
        rows.append(r("n_devices", 2048, "llama1", "Sec. 2.4", "2048 A100-80GB GPUs (380 tokens/s/GPU, ~21 days for 1.4T tokens)"))
    rows += [
        r("device_hours", gh, "llama1", "Table 15"),
        r("avg_power", 400, "llama1", "Table 15", "power scope: per accelerator; the A100-80GB TDP used as assumed draw, not measured"),
        r("pue", 1.1, "llama1", "Sec. 6.1 / Table 15"),
        r("grid_intensity", 0.385, "llama1", "Sec. 6.1 / Table 15", "US national average used for all rows"),
        r("energy", mwh * 1000, "llama1", "Table 15", f"published {mwh} MWh"),
        r("co2e", tco2 * 1000, "llama1", "Table 15", f"published {tco2} tCO2eq"),
    ]
    run(rid, model, org, "NVIDIA A100-80GB", rows, L1_NOTE + extra)

# ---- Llama 2 (paper Table 2 / model card) ---------------------------------------
L2_NOTE = ("Llama 2 paper Table 2 and model card: 'Power Consumption: peak power capacity per GPU device for the GPUs used "
           "adjusted for power usage efficiency'. The card also states 'TDP of 350-400W' and the paper says the RSC cluster "
           "capped GPUs at 400 W and the production cluster at 350 W, yet every row uses 400 W; with a PUE above 1 a "
           "PUE-adjusted 400 W would imply a device draw below 400 W, so the scope of the 400 W is ambiguous. Neither grid "
           "intensity nor energy is published, so the figures cannot be cross-checked (consistency unknown); the implied "
           "intensity co2e / (GPU-hours x 0.4 kW) is 0.4234-0.4235 kgCO2e/kWh for all three sizes.")
for rid, model, gh, tco2, params in [
    ("llama-2-7b", "Llama 2 7B", 184320, 31.22, 7e9),
    ("llama-2-13b", "Llama 2 13B", 368640, 62.44, 13e9),
    ("llama-2-70b", "Llama 2 70B", 1720320, 291.42, 70e9),
]:
    rows = [
        r("parameters", params, "llama2", "Table 1 / model card", "nominal size"),
        r("tokens", 2.0e12, "llama2", "Table 1 / model card"),
        r("device_hours", gh, "llama2", "Table 2 / model card"),
        r("avg_power", 400, "llama2", "Table 2 / model card", "power scope: per accelerator, 'peak power capacity adjusted for PUE' (a cap, not a measurement)"),
        r("co2e", round(tco2 * 1000, 1), "llama2", "Table 2 / model card", f"published {tco2} tCO2eq, 100% offset by Meta"),
    ]
    run(rid, model, "Meta AI", "NVIDIA A100-80GB (RSC 400 W cap, production 350 W cap)", rows, L2_NOTE)

# ---- Llama 3 / 3.1 / 3.2 / 4 model cards ----------------------------------------
META_NOTE = ("Model card: 'power consumption is the peak power capacity per GPU device used, adjusted for power usage "
             "efficiency' (700 W = H100 TDP). Emissions are location-based (market-based: 0). No grid intensity, PUE or "
             "energy is published, so consistency cannot be checked (unknown). Methodology pointer: Patterson et al. 2022 "
             "(arXiv:2204.05149).")


def meta_run(rid, model, src, table, gh, tco2, params, toks, tok_note, hw="NVIDIA H100-80GB (TDP 700 W)", extra_rows=(), extra=""):
    rows = [r("parameters", params, src, table, "nominal size")]
    if toks:
        rows.append(r("tokens", toks, src, table, tok_note))
    rows += list(extra_rows)
    rows += [
        r("device_hours", gh, src, table),
        r("avg_power", 700, src, table, "power scope: per accelerator, peak power capacity (TDP) 'adjusted for PUE' - not measured"),
        r("co2e", tco2 * 1000, src, table, f"published {tco2} tCO2eq, location-based"),
    ]
    implied = tco2 * 1000 / (gh * 0.7)
    run(rid, model, "Meta AI", hw, rows, META_NOTE + f" Implied intensity co2e/(GPU-hours x 0.7 kW) = {implied:.4f} kgCO2e/kWh." + extra)


meta_run("llama-3-8b", "Meta Llama 3 8B", "llama3", "Carbon Footprint table", 1.3e6, 390, 8e9, 15e12, "'15T+' (lower bound)")
meta_run("llama-3-70b", "Meta Llama 3 70B", "llama3", "Carbon Footprint table", 6.4e6, 1900, 70e9, 15e12, "'15T+' (lower bound)")
meta_run("llama-3.1-8b", "Llama 3.1 8B", "llama31", "Training Energy Use table", 1.46e6, 420, 8e9, 15e12, "'~15 trillion tokens'")
meta_run("llama-3.1-70b", "Llama 3.1 70B", "llama31", "Training Energy Use table", 7.0e6, 2040, 70e9, 15e12, "'~15 trillion tokens'",
         extra=" Llama 3.3 70B model card repeats the same 7.0M GPU-hours and 2,040 tCO2eq.")
meta_run("llama-3.1-405b", "Llama 3.1 405B", "llama31", "Training Energy Use table", 30.84e6, 8930, 405e9, 15.6e12,
         "15.6T tokens for the 405B pre-training (Llama 3 Herd paper; the card says ~15T)",
         extra_rows=[r("n_devices", 16384, "llama3paper", "Sec. 3.3", "'up to 16K H100 GPUs' (peak, not constant)")])
meta_run("llama-3.2-1b", "Llama 3.2 1B", "llama32", "Training Energy Use table", 370e3, 107, 1e9, 9e12, "'up to 9 trillion tokens' (upper bound)",
         extra=" A further 86k H100-hours of logit generation (distillation from Llama 3.1 8B/70B) is listed for 1B+3B together and not included here.")
meta_run("llama-3.2-3b", "Llama 3.2 3B", "llama32", "Training Energy Use table", 460e3, 133, 3e9, 9e12, "'up to 9 trillion tokens' (upper bound)",
         extra=" A further 86k H100-hours of logit generation (distillation) is listed for 1B+3B together and not included here.")
meta_run("llama-4-scout", "Llama 4 Scout (17B active, 109B total, MoE)", "llama4", "Training Energy Use table", 5.0e6, 1354, 109e9, 40e12, "'~40 trillion tokens' of multimodal data",
         extra=" parameters = total parameters (17B active).")
meta_run("llama-4-maverick", "Llama 4 Maverick (17B active, 400B total, MoE)", "llama4", "Training Energy Use table", 2.38e6, 645, 400e9, 22e12, "'~22 trillion tokens' of multimodal data",
         extra=" parameters = total parameters (17B active).")

run("code-llama-all", "Code Llama, all 12 models together (7B-70B; base, Python, Instruct)", "Meta AI", "NVIDIA A100-80GB (TDP 350-400 W)", [
    r("device_hours", 1.4e6, "codellama", "Carbon Footprint", "'1400K GPU hours' for all 12 models together"),
    r("co2e", 228550, "codellama", "Carbon Footprint", "published 228.55 tCO2eq, 100% offset"),
], "Aggregate of 12 models, not one run. Power given only as a TDP range (350-400 W); no energy, PUE or grid published, so consistency is unknown. Implied intensity at 400 W: 0.408 kgCO2e/kWh.")

# ---- BLOOM (Luccioni et al.) -----------------------------------------------------
run("bloom-176b", "BLOOM 176B (final training run)", "BigScience (Hugging Face et al.), Jean Zay / IDRIS", "NVIDIA A100 SXM4 80GB (TDP 400 W) x384", [
    r("parameters", 176.247e9, "bloompaper", "Table 3 (hyperparameters)", "176,247M"),
    r("tokens", 366e9, "bloompaper", "Sec. 3 / Table 3", "366B tokens seen (341B unique + 25B repeated)"),
    r("n_devices", 384, "bloompaper", "Sec. 3.4.1", "48 nodes x 8 A100 80GB"),
    r("train_time", 2837.7, "luccioni", "Table 1", "118 days 5 h 41 min = 2,837.7 h"),
    r("device_hours", 1082990, "luccioni", "Table 1"),
    r("avg_power", 400, "luccioni", "Table 1 / Sec. 4.2", "power scope: per accelerator; the A100 TDP is used as the draw (assumption, not measured)"),
    r("pue", 1.2, "luccioni", "Table 4", "PUE of Jean Zay used in the comparison table; NOT applied to the 433,196 kWh dynamic energy"),
    r("grid_intensity", 0.057, "luccioni", "Table 1", "French grid, 57 gCO2eq/kWh"),
    r("energy", 433196, "luccioni", "Table 1", "dynamic energy = 1,082,990 h x 0.4 kW; excludes PUE, idle and host"),
    r("co2e", 24690, "luccioni", "Sec. 4.2 / Table 1", "dynamic emissions 24.69 t (excludes PUE); Table 4 gives 30 t with PUE 1.2"),
    r("co2e_lifecycle", 50500, "luccioni", "Table 3", "50.5 t = dynamic 24.69 + idle 14.6 + embodied 11.2 t"),
], "Luccioni et al. Table 1. The GPU-hours x 400 W = 433,196 kWh identity holds exactly; CO2e = energy x 0.057 (no PUE). The paper's idle consumption (256,646 kWh, 14.6 t) and embodied (11.2 t) parts are only in co2e_lifecycle.")

# ---- OLMo 1 (Groeneveld et al. 2024, Table 6) ------------------------------------
OLMO1_NOTE = ("OLMo paper Table 6: energy is the GPU power consumption (GPU only, measured, before PUE); CO2e = energy x PUE x "
              "carbon intensity.")
run("olmo-7b-lumi", "OLMo 7B (LUMI run)", "Allen Institute for AI (AI2)", "AMD Instinct MI250X (LUMI supercomputer, CSC Finland)", [
    r("parameters", 7e9, "olmo1", "Table 1", "nominal size"),
    r("energy", 135000, "olmo1", "Table 6", "135 MWh GPU power consumption"),
    r("pue", 1.1, "olmo1", "Table 6"),
    r("grid_intensity", 0.0, "olmo1", "Table 6", "0.000* - LUMI runs on 100% renewable (hydro) electricity per the paper's footnote"),
    r("co2e", 0.0, "olmo1", "Table 6", "0* (renewable electricity)"),
], OLMO1_NOTE + " Zero by the market/contract choice of the site, not because energy was zero.")
run("olmo-7b-a100", "OLMo 7B (A100 run)", "Allen Institute for AI (AI2)", "NVIDIA A100-40GB (MosaicML cluster, 27 nodes x 8)", [
    r("parameters", 7e9, "olmo1", "Table 1", "nominal size"),
    r("n_devices", 216, "olmo1", "Sec. 3.4", "27 nodes x 8 A100-40GB"),
    r("energy", 104000, "olmo1", "Table 6", "104 MWh GPU power consumption"),
    r("pue", 1.1, "olmo1", "Table 6"),
    r("grid_intensity", 0.610, "olmo1", "Table 6"),
    r("co2e", 70000, "olmo1", "Table 6", "70 tCO2eq"),
], OLMO1_NOTE)

# ---- OLMo 2 (OLMo 2 paper Table 19) -----------------------------------------------
OLMO2_NOTE = ("OLMo 2 paper environmental table (PDF p.35): energy = total GPU power measured every 25 ms on one node and "
              "multiplied by the number of nodes (GPU only, before PUE); CO2e = energy x PUE x carbon intensity; water = "
              "energy x PUE x off-site WUE (on-site WUE 0, closed-loop cooling). Same figures as Morrison et al. 2025 "
              "(except the 13B energy, see olmo-2-13b-morrison2025).")
run("olmo-2-7b", "OLMo 2 7B (OLMo-2-1124-7B)", "Allen Institute for AI (AI2)", "NVIDIA H100-80GB (Jupiter cluster, Austin, Texas)", [
    r("parameters", 7.3e9, "olmo2", "Table 1", "7.30B (7,298,617,344 in the released weights)"),
    r("tokens", 4.05e12, "olmo2", "Sec. 2", "4.05 trillion tokens"),
    r("energy", 131000, "olmo2", "Table 19", "131 MWh total GPU power"),
    r("pue", 1.2, "olmo2", "Table 19"),
    r("grid_intensity", 0.332, "olmo2", "Table 19", "Austin Energy"),
    r("co2e", 52000, "olmo2", "Table 19", "52 tCO2eq"),
    r("wue_offsite", 1.29, "olmo2", "Table 19", "off-site water intensity of electricity (L/kWh)"),
    r("water", 202000, "olmo2", "Table 19", "202 kL"),
], OLMO2_NOTE + " Table values were read from copies of the table (a parsed table row and two summaries agree); re-read the PDF when updating.")
run("olmo-2-13b", "OLMo 2 13B (OLMo-2-1124-13B)", "Allen Institute for AI (AI2)", "NVIDIA H100-80GB (Augusta cluster, Google Cloud, Iowa)", [
    r("parameters", 13.7e9, "olmo2", "Table 1", "13.72B (13,716,198,400 in the released weights)"),
    r("tokens", 5.6e12, "olmo2", "Sec. 2", "5.6 trillion tokens"),
    r("energy", 257000, "olmo2", "Table 19", "257 MWh total GPU power"),
    r("pue", 1.12, "olmo2", "Table 19"),
    r("grid_intensity", 0.352, "olmo2", "Table 19", "Iowa"),
    r("co2e", 101000, "olmo2", "Table 19", "101 tCO2eq"),
    r("wue_offsite", 3.10, "olmo2", "Table 19", "off-site water intensity of electricity (L/kWh)"),
    r("water", 892000, "olmo2", "Table 19", "892 kL"),
], OLMO2_NOTE)
run("olmo-2-13b-morrison2025", "OLMo 2 13B, as reported in Morrison et al. 2025", "Allen Institute for AI (AI2)", "NVIDIA H100-80GB (Augusta cluster, Iowa)", [
    r("tokens", 5.6e12, "morrison", "Fig. 1 / Sec. 3.3"),
    r("energy", 230000, "morrison", "Table 2", "230 MWh"),
    r("pue", 1.12, "morrison", "Sec. 3.1", "Augusta"),
    r("grid_intensity", 0.352, "morrison", "Sec. 3.1", "Iowa"),
    r("co2e", 101000, "morrison", "Table 2", "101 tCO2eq"),
    r("wue_offsite", 3.10, "morrison", "Sec. 3.1"),
    r("water", 892000, "morrison", "Table 2", "892 kL"),
], "INCONSISTENT: with the paper's own equations (CO2e = P x PUE x CI, water = P x PUE x WUE) 230 MWh gives 90.7 tCO2e and "
   "799 kL, not the 101 t and 892 kL printed beside it (-10%); if 230 MWh already included PUE it would give 81 t. The "
   "OLMo 2 paper prints 257 MWh for the same run (257 x 1.12 x 0.352 = 101.3 t), so 230 MWh looks like a transcription "
   "error. Morrison Table 2 prints 157 MWh for OLMo 2 7B (= 131 MWh x PUE 1.2), so its energy column mixes scopes. "
   "Morrison also reports that H100 power during active training averages over 600 W (>85% of 700 W) and drops to ~100 W "
   "(~15%) during checkpointing.")

# ---- Gopher -------------------------------------------------------------------------
run("gopher", "Gopher 280B", "DeepMind", "Google TPU v3 x4096", [
    r("parameters", 280e9, "gopher", "Table 1"),
    r("tokens", 300e9, "gopher", "Sec. 3", "300 billion tokens"),
    r("n_devices", 4096, "gopher", "Table A27 / App. F", "4096 TPUv3 chips"),
    r("train_time", 920, "gopher", "App. F", "920 hours (Nov-Dec 2020, Georgia datacenter)"),
    r("device_hours", 3768320, "gopher", "App. F", "derived: 4096 chips x 920 h"),
    r("avg_power", 283, "gopher", "App. F", "power scope: per chip incl. host share; an average TPUv3 system power taken from Patterson et al. 2021 (not measured for this run)"),
    r("pue", 1.08, "gopher", "App. F"),
    r("grid_intensity", 0.330, "gopher", "App. F", "net tCO2e/MWh, October 2020"),
    r("energy", 1066000, "olmo1", "Table 6", "1,066 MWh before PUE, as tabulated by Groeneveld et al. 2024 Table 6 and Luccioni et al. 2022 Table 4 from Rae et al."),
    r("co2e", 380000, "gopher", "App. F", "380 net tCO2e (also in Groeneveld et al. 2024 Table 6)"),
], "Energy (before PUE) = device_hours x 283 W; CO2e = energy x PUE x grid. Luccioni et al. 2022 Table 4 lists 352 t without PUE and 380 t with PUE.")

# ---- PaLM -----------------------------------------------------------------------------
run("palm-540b", "PaLM 540B", "Google", "Google TPU v4 (6144 chips peak)", [
    r("parameters", 540.35e9, "palm", "Table 1"),
    r("tokens", 780e9, "palm", "Sec. 3", "780 billion tokens"),
    r("n_devices", 6144, "palm", "Sec. 4 / App. B", "peak chip count (two TPU v4 pods)"),
    r("device_hours", 8404992, "palm", "App. B", "derived: 6144 chips x 1200 h + 3072 chips x 336 h (incl. downtime and repeated steps)"),
    r("avg_power", 378.5, "palm", "App. B", "power scope: measured system power per TPU v4 chip (incl. host share)"),
    r("pue", 1.08, "palm", "App. B", "Oklahoma datacenter"),
    r("grid_intensity", 0.079, "palm", "App. B",
      "net 0.079 tCO2e/MWh (89% carbon-free energy). Recalled from App. B and not re-read through the search tool; together with the other three inputs it reproduces the published 271.43 t to 0.01%"),
    r("co2e", 271430, "palm", "App. B", "271.43 tCO2e (net). Same provenance note as grid_intensity"),
], "No energy total is printed in the stored copies used here: check chains device_hours x avg_power x PUE x grid = CO2e.")

# ---- StarCoder -------------------------------------------------------------------------
run("starcoderbase-15b", "StarCoderBase 15.5B", "BigCode (Hugging Face, ServiceNow)", "NVIDIA A100 80GB x512 (AWS, us-west-2)", [
    r("parameters", 15.5e9, "starcoder", "Table 11", "~15.5B"),
    r("tokens", 1.0e12, "starcoder", "Sec. 5", "1 trillion tokens (250k iterations x 4M tokens)"),
    r("n_devices", 512, "starcoder", "Sec. 5.6", "64 nodes x 8"),
    r("device_hours", 320256, "starcoder", "Sec. 5.7"),
    r("avg_power", 280, "starcoder", "Sec. 5.7", "power scope: per accelerator, assumed average draw (not measured)"),
    r("energy", 89671.68, "starcoder", "Sec. 5.7", "= 320,256 h x 0.28 kW (before PUE)"),
    r("pue", 1.2, "starcoder", "Sec. 5.7", "AWS average PUE. Recalled and not re-read through the search tool; reproduces the published 16.68 t within 0.05%"),
    r("grid_intensity", 0.15495, "starcoder", "Sec. 5.7", "us-west-2 carbon intensity. Same provenance note as pue"),
    r("co2e", 16680, "starcoder", "Sec. 5.7", "16.68 tCO2eq"),
], "Energy = device_hours x 280 W (no PUE); CO2e = energy x PUE x grid.")

# ---- Falcon 180B -------------------------------------------------------------------------
run("falcon-180b", "Falcon 180B", "Technology Innovation Institute (TII)", "NVIDIA A100 40GB (up to 4096, AWS SageMaker)", [
    r("parameters", 180e9, "falconpaper", "Table 1"),
    r("tokens", 3.5e12, "falconpaper", "Table 1", "3,500B tokens"),
    r("n_devices", 4096, "falconpaper", "Table 1", "up to 4,096 A100 40GB"),
    r("device_hours", 7.0e6, "falconblog", "blog text", "'~7,000,000 GPU hours' (one significant figure)"),
], "No power, energy or emissions published; consistency unknown.")

# ---------------------------------------------------------------------------
# Consistency arithmetic (same functions are re-implemented in the check script)
# ---------------------------------------------------------------------------
# conventions per run: how energy relates to device_hours x power, whether CO2 applies PUE on top of energy
CONV = {}
for rid in ["transformer-base", "transformer-big", "elmo", "bert-base", "evolved-transformer-nas-strubell"]:
    CONV[rid] = dict(energy="system_x_wall_x_pue", co2="energy_x_grid")
for rid in ["evolved-transformer-nas", "t5-11b", "meena", "gshard-600b", "switch-transformer", "gpt-3-175b",
            "opt-175b-llama1-est", "bloom-176b-llama1-est", "llama-7b", "llama-13b", "llama-33b", "llama-65b"]:
    CONV[rid] = dict(energy="dh_x_power_x_pue", co2="energy_x_grid")
CONV["bloom-176b"] = dict(energy="dh_x_power", co2="energy_x_grid")
CONV["gopher"] = dict(energy="dh_x_power", co2="energy_x_pue_x_grid")
CONV["starcoderbase-15b"] = dict(energy="dh_x_power", co2="energy_x_pue_x_grid")
for rid in ["olmo-7b-lumi", "olmo-7b-a100", "olmo-2-7b", "olmo-2-13b", "olmo-2-13b-morrison2025"]:
    CONV[rid] = dict(energy=None, co2="energy_x_pue_x_grid", water="energy_x_pue_x_wue")
CONV["palm-540b"] = dict(energy=None, co2="dh_x_power_x_pue_x_grid")


def consistency(rid, vals, tol=0.03):
    c = CONV.get(rid)
    if not c:
        return "unknown", []
    checks = []
    e = vals.get("energy")
    if c.get("energy") and all(k in vals for k in ("device_hours", "avg_power", "energy")):
        if c["energy"] == "system_x_wall_x_pue":
            pred = vals["avg_power"] * vals["device_hours"] / vals["n_devices"] * vals["pue"] / 1000
        elif c["energy"] == "dh_x_power_x_pue":
            pred = vals["device_hours"] * vals["avg_power"] * vals["pue"] / 1000
        else:
            pred = vals["device_hours"] * vals["avg_power"] / 1000
        checks.append(("energy", pred, e))
    if "co2e" in vals:
        if c["co2"] == "energy_x_grid" and e is not None and "grid_intensity" in vals:
            checks.append(("co2e", e * vals["grid_intensity"], vals["co2e"]))
        elif c["co2"] == "energy_x_pue_x_grid" and e is not None and "grid_intensity" in vals:
            checks.append(("co2e", e * vals["pue"] * vals["grid_intensity"], vals["co2e"]))
        elif c["co2"] == "dh_x_power_x_pue_x_grid":
            checks.append(("co2e", vals["device_hours"] * vals["avg_power"] / 1000 * vals["pue"] * vals["grid_intensity"], vals["co2e"]))
    if c.get("water") and "water" in vals and e is not None:
        checks.append(("water", e * vals["pue"] * vals["wue_offsite"], vals["water"]))
    if not checks:
        return "unknown", []
    ok = all((abs(p - pub) <= tol * pub) if pub else abs(p) < 1e-9 for _, p, pub in checks)
    return ("consistent" if ok else "inconsistent"), checks


#: How the power or energy each run publishes was obtained (tests/data/measured_runs.csv, the transcription of
#: scripts/factor_builders/power/measurements.csv): "measured" (a meter), "measured_proxy" (measured on other
#: hardware and applied to this run), "tdp_assumed" (the TDP or a power cap taken as the draw: not ground truth for
#: power), "assumed" (another assumed figure), "none" (no power or energy published).
POWER_BASIS = {
    **{r: "measured_proxy" for r in ("transformer-base", "transformer-big", "elmo", "bert-base",
                                     "evolved-transformer-nas-strubell")},
    **{r: "measured" for r in ("evolved-transformer-nas", "t5-11b", "meena", "gshard-600b", "switch-transformer",
                               "gpt-3-175b", "palm-540b", "olmo-7b-lumi", "olmo-7b-a100", "olmo-2-7b", "olmo-2-13b",
                               "olmo-2-13b-morrison2025")},
    **{r: "tdp_assumed" for r in ("opt-175b-llama1-est", "bloom-176b-llama1-est", "llama-7b", "llama-13b", "llama-33b",
                                  "llama-65b", "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b",
                                  "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "llama-3.2-1b", "llama-3.2-3b",
                                  "llama-4-scout", "llama-4-maverick", "code-llama-all", "bloom-176b")},
    "gopher": "assumed", "starcoderbase-15b": "assumed", "falcon-180b": "none",
}


def write_runs():
    header = ["factor_id", "quantity", "run", "model", "organisation", "hardware", "citation_table", "consistency",
              "power_basis", "value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes"]
    out = []
    summary = []
    for R in RUNS:
        vals = {x["q"]: float(x["value"]) for x in R["rows"]}
        cons, checks = consistency(R["run"], vals)
        chk_txt = "; ".join(f"check {n}: computed {p:,.1f} vs published {pub:,.1f} ({(p - pub) / pub * 100 if pub else 0:+.2f}%)"
                            for n, p, pub in checks)
        summary.append((R["run"], cons, chk_txt))
        for x in R["rows"]:
            src, url, year, lic = S[x["src"]]
            notes = x["notes"]
            run_note = R["note_all"] + (" Consistency arithmetic: " + chk_txt + "." if chk_txt else "")
            notes = (notes + ". " if notes else "") + "Run: " + run_note
            v = x["value"]
            out.append([f"run.{R['run']}.{x['q']}", x["q"], R["run"], R["model"], R["organisation"], R["hardware"],
                        x["table"], cons, POWER_BASIS[R["run"]], fmt(v), UNITS[x["q"]], fmt(v), fmt(v), "constant", year, src + (", " + x["table"] if x["table"] else ""),
                        url, lic, notes])
    with open(os.path.join(OUT, "training_runs.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(out)
    return summary


def fmt(v):
    v = float(v)
    if v == int(v) and abs(v) < 1e16:
        return str(int(v))
    return repr(round(v, 6))


# ---------------------------------------------------------------------------
# power_draw.csv
# ---------------------------------------------------------------------------
if __name__ == "__main__":
    summ = write_runs()
    for rid, cons, txt in summ:
        print(f"{rid:35s} {cons:13s} {txt}")
