import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import write, VENDOR, PAPER

S = {
 'v100_ds': ("NVIDIA Tesla V100 GPU datasheet (Volta), 2020", 2020, "https://images.nvidia.com/content/technologies/volta/pdf/volta-v100-datasheet-update-us-1165301-r5.pdf", VENDOR),
 'volta_wp': ("NVIDIA Tesla V100 GPU Architecture whitepaper WP-08608-001, 2017 (GV100: 815 mm2, TSMC 12 nm FFN, four HBM2 stacks)", 2017, "https://images.nvidia.com/content/volta-architecture/pdf/volta-architecture-whitepaper.pdf", VENDOR),
 'p100_ds': ("NVIDIA Tesla P100 datasheet, 2016", 2016, "https://images.nvidia.com/content/tesla/pdf/nvidia-tesla-p100-datasheet.pdf", VENDOR),
 'pascal_wp': ("NVIDIA Tesla P100 whitepaper (Pascal GP100), 2016 (GP100: 610 mm2, TSMC 16 nm FinFET, four HBM2 stacks)", 2016, "https://images.nvidia.com/content/pdf/tesla/whitepaper/pascal-architecture-whitepaper.pdf", VENDOR),
 'a100_ds': ("NVIDIA A100 Tensor Core GPU datasheet, 2021", 2021, "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf", VENDOR),
 'ampere_wp': ("NVIDIA A100 Tensor Core GPU Architecture whitepaper, 2020 (GA100: 826 mm2, TSMC 7 nm N7, five active HBM2 stacks)", 2020, "https://images.nvidia.com/aem-dam/en-zz/Solutions/data-center/nvidia-ampere-architecture-whitepaper.pdf", VENDOR),
 'h100_ds': ("NVIDIA H100 Tensor Core GPU datasheet, 2023", 2023, "https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet", VENDOR),
 'hopper_wp': ("NVIDIA H100 Tensor Core GPU Architecture whitepaper, 2022 (GH100: 814 mm2, TSMC 4N, HBM3)", 2022, "https://resources.nvidia.com/en-us-tensor-core/gtc22-whitepaper-hopper", VENDOR),
 'h200_ds': ("NVIDIA H200 Tensor Core GPU product page and datasheet, 2024", 2024, "https://www.nvidia.com/en-us/data-center/h200/", VENDOR),
 'dgxb200': ("NVIDIA DGX B200 User Guide, Introduction (8x B200 GPUs, 1,440 GB total GPU memory), 2025", 2025, "https://docs.nvidia.com/dgx/dgxb200-user-guide/introduction-to-dgxb200.html", VENDOR),
 'bw_wp': ("NVIDIA Blackwell Architecture Technical Brief, 2024 (208 billion transistors, two reticle-limited dies, TSMC 4NP, HBM3e)", 2024, "https://resources.nvidia.com/en-us-blackwell-architecture", VENDOR),
 'hgx': ("NVIDIA HGX platform specifications (HGX B200 / HGX B100), 2024", 2024, "https://www.nvidia.com/en-us/data-center/hgx/", VENDOR),
 't4_ds': ("NVIDIA T4 Tensor Core GPU datasheet, 2019", 2019, "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/tesla-t4/t4-tensor-core-datasheet-951643.pdf", VENDOR),
 'turing_wp': ("NVIDIA Turing GPU Architecture whitepaper WP-09183-001, 2018 (TU104: 545 mm2, TSMC 12 nm FFN)", 2018, "https://images.nvidia.com/aem-dam/en-zz/Solutions/design-visualization/technologies/turing-architecture/NVIDIA-Turing-Architecture-Whitepaper.pdf", VENDOR),
 'l4_ds': ("NVIDIA L4 Tensor Core GPU datasheet, 2023", 2023, "https://resources.nvidia.com/en-us-data-center-overview/l4-gpu-datasheet", VENDOR),
 'ada_wp': ("NVIDIA Ada GPU Architecture whitepaper, 2023 (AD102: 608.5 mm2; AD104: 294.5 mm2; TSMC 4N)", 2023, "https://images.nvidia.com/aem-dam/Solutions/geforce/ada/nvidia-ada-gpu-architecture.pdf", VENDOR),
 'l40s_ds': ("NVIDIA L40S GPU datasheet, 2023", 2023, "https://resources.nvidia.com/en-us-l40s/l40s-datasheet-28413", VENDOR),
 'l40_ds': ("NVIDIA L40 GPU datasheet, 2022", 2022, "https://images.nvidia.com/content/Solutions/data-center/vgpu-L40-datasheet.pdf", VENDOR),
 'a10_ds': ("NVIDIA A10 Tensor Core GPU datasheet, 2021", 2021, "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a10/pdf/a10-datasheet.pdf", VENDOR),
 'a40_ds': ("NVIDIA A40 GPU Accelerator product brief PB-09976-001 and datasheet, 2021", 2021, "https://images.nvidia.com/content/Solutions/data-center/a40/nvidia-a40-datasheet.pdf", VENDOR),
 'a30_ds': ("NVIDIA A30 Tensor Core GPU datasheet, 2021", 2021, "https://www.nvidia.com/content/dam/en-zz/Solutions/data-center/products/a30-gpu/pdf/a30-datasheet.pdf", VENDOR),
 'ga102_wp': ("NVIDIA Ampere GA102 GPU Architecture whitepaper, 2020 (GA102: 628.4 mm2, Samsung 8 nm 8N)", 2020, "https://images.nvidia.com/aem-dam/en-zz/Solutions/geforce/ampere/pdf/NVIDIA-ampere-GA102-GPU-Architecture-Whitepaper-V1.pdf", VENDOR),
 'g5': ("AWS EC2 G5 instance page (NVIDIA A10G Tensor Core GPU, 24 GB, up to 8 per instance); A10G power limit 300 W as reported by nvidia-smi in the AWS GPU table of S. Prasanna (gist, 2022)", 2022, "https://aws.amazon.com/ec2/instance-types/g5/", VENDOR),
 'mi250x': ("AMD Instinct MI250X accelerator specifications", 2021, "https://www.amd.com/en/products/accelerators/instinct/mi200/mi250x.html", VENDOR),
 'mi250': ("AMD Instinct MI250 accelerator specifications", 2021, "https://www.amd.com/en/products/accelerators/instinct/mi200/mi250.html", VENDOR),
 'mi210': ("AMD Instinct MI210 accelerator specifications", 2022, "https://www.amd.com/en/products/accelerators/instinct/mi200/mi210.html", VENDOR),
 'mi300x': ("AMD Instinct MI300X accelerator specifications / data sheet", 2023, "https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html", VENDOR),
 'mi325x': ("AMD Instinct MI325X accelerator specifications", 2024, "https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html", VENDOR),
 'hc34_mi200': ("AMD, CDNA 2 / Instinct MI200 presentation, Hot Chips 34, 2022 (two GCDs, TSMC N6, 8 HBM2e stacks), as reported by TechPowerUp", 2022, "https://www.techpowerup.com/298100/amd-releases-its-cdna2-mi250x-aldebaran-hpc-gpu-block-diagram", PAPER),
 'toms_mi250x': ("Tom's Hardware, 'AMD Instinct MI250X pictured' (rough measurement: each GCD ~790 mm2), Nov 2021", 2021, "https://www.tomshardware.com/news/amd-instinct-mi250x-pictured", PAPER),
 'mi300_pkg': ("AMD Instinct MI300 packaging disclosures (AMD Advancing AI, Dec 2023; ServeTheHome coverage): 8 XCD on TSMC N5 stacked on 4 IOD on TSMC N6, 8 HBM3 stacks", 2023, "https://servethehome.com/amd-instinct-mi300x-gpu-and-mi300a-apus-launched-for-ai-era/3", PAPER),
 'tpu_2021': ("Jouppi et al., 'Ten Lessons From Three Generations Shaped Google's TPUv4i', ISCA 2021, Table 1", 2021, "doi:10.1109/ISCA52012.2021.00010", PAPER),
 'tpu_2023': ("Jouppi et al., 'TPU v4: An Optically Reconfigurable Supercomputer for Machine Learning with Hardware Support for Embeddings', ISCA 2023 (arXiv:2304.01433), Tables 1-2", 2023, "doi:10.1145/3579371.3589350", PAPER),
 'gcp_tpu': ("Google Cloud TPU documentation, system architecture pages for TPU v2/v3/v4/v5e/v5p/v6e", 2024, "https://cloud.google.com/tpu/docs/system-architecture-tpu-vm", "CC-BY-4.0"),
 'gaudi2': ("Intel Gaudi 2 AI accelerator white paper / product brief (HL-225H OAM: 600 W, 96 GB HBM2e, TSMC 7 nm), 2022", 2022, "https://www.intel.com/content/www/us/en/products/details/processors/ai-accelerators/gaudi2.html", VENDOR),
 'gaudi3': ("Intel Gaudi 3 AI Accelerator white paper, 2024 (HL-325L OAM: 900 W, 128 GB HBM2e in 8 stacks, two compute dies, TSMC 5 nm)", 2024, "https://www.intel.com/content/www/us/en/content-details/817486/intel-gaudi-3-ai-accelerator-white-paper.html", VENDOR),
 'oam': ("NVIDIA HGX / AMD Instinct platform / OCP OAM universal baseboard: 8 SXM or OAM modules per baseboard", 2024, "https://www.nvidia.com/en-us/data-center/hgx/", VENDOR),
 'assume': ("footprint project assumption (Google has not published this TPU figure; context from Google Cloud TPU documentation)", 2025, "https://cloud.google.com/tpu/docs/system-architecture-tpu-vm", "CC-BY-4.0"),
 'assume_g2': ("footprint project assumption (Intel has not published the Gaudi 2 die area; context from Intel Gaudi 2 product brief)", 2025, "https://www.intel.com/content/www/us/en/products/details/processors/ai-accelerators/gaudi2.html", VENDOR),
 'assume_g3': ("footprint project assumption (Intel has not published Gaudi 3 die areas; context from Intel Gaudi 3 white paper)", 2025, "https://www.intel.com/content/www/us/en/content-details/817486/intel-gaudi-3-ai-accelerator-white-paper.html", VENDOR),
}

rows = []
ACC = []

def F(v, src, notes="", dist="constant", low=None, high=None):
    return dict(v=v, src=src, notes=notes, dist=dist, low=low, high=high)

UNITS = dict(tdp="W", die_area="mm2", dies="count", process_node="nm", memory="GB", memory_stacks="count",
             release_year="year", accelerators_per_node="count", mass="kg", max_power_limit="W")
ORDER = ["tdp", "die_area", "dies", "process_node", "memory", "memory_stacks", "release_year", "accelerators_per_node", "mass",
         "max_power_limit"]

def add(aid, vendor, mtype, **q):
    ACC.append(aid)
    for qn in ORDER:
        if qn not in q:
            continue
        f = q[qn]
        name, year, url, lic = S[f["src"]]
        low = f["v"] if f["low"] is None else f["low"]
        high = f["v"] if f["high"] is None else f["high"]
        rows.append(dict(factor_id=f"accel.{aid}.{qn}", quantity=qn, accelerator=aid, vendor=vendor,
                         memory_type=mtype if qn == "memory" else "", value=f["v"], unit=UNITS[qn],
                         low=low, high=high, distribution=f["dist"], year=year, source=name, url=url,
                         license=lic, notes=f["notes"]))

SXM8 = "8 SXM/OAM modules per HGX/DGX-class baseboard"
PCIE = F(4, 'g5', "PCIe cards are installed 1-8 per server (e.g. AWS g5.12xlarge 4x, g5.48xlarge 8x); mode 4 assumed, range 1-8 (stated assumption)", "triangular", 1, 8)
TSMC4N = "TSMC 4N is a customised 5 nm-family node; recorded as 4"

# ---------------- NVIDIA ----------------
for mem, yr, yrn in ((16, 2017, "16 GB variant launched 2017"), (32, 2018, "32 GB variant launched 2018")):
    add(f"nvidia-v100-sxm2-{mem}gb", "nvidia", "HBM2",
        tdp=F(300, 'v100_ds', "max power, SXM2 module"),
        die_area=F(815, 'volta_wp', "GV100"), dies=F(1, 'volta_wp'),
        process_node=F(12, 'volta_wp', "TSMC 12 nm FFN (16 nm-family) recorded as 12"),
        memory=F(mem, 'v100_ds'), memory_stacks=F(4, 'volta_wp', f"{mem // 4} GB per stack"),
        release_year=F(yr, 'v100_ds', yrn), accelerators_per_node=F(8, 'oam', SXM8 + " (DGX-1/HGX-1, AWS p3.16xlarge)"))
    add(f"nvidia-v100-pcie-{mem}gb", "nvidia", "HBM2",
        tdp=F(250, 'v100_ds', "max power, PCIe card"),
        die_area=F(815, 'volta_wp', "GV100"), dies=F(1, 'volta_wp'),
        process_node=F(12, 'volta_wp', "TSMC 12 nm FFN recorded as 12"),
        memory=F(mem, 'v100_ds'), memory_stacks=F(4, 'volta_wp'),
        release_year=F(yr, 'v100_ds', yrn), accelerators_per_node=PCIE)

add("nvidia-p100-pcie-16gb", "nvidia", "HBM2",
    tdp=F(250, 'p100_ds', "max power, PCIe card"), die_area=F(610, 'pascal_wp', "GP100"), dies=F(1, 'pascal_wp'),
    process_node=F(16, 'pascal_wp', "TSMC 16 nm FinFET"), memory=F(16, 'p100_ds'), memory_stacks=F(4, 'pascal_wp'),
    release_year=F(2016, 'p100_ds'), accelerators_per_node=PCIE)
add("nvidia-p100-sxm2-16gb", "nvidia", "HBM2",
    tdp=F(300, 'p100_ds', "max power, SXM2 module"), die_area=F(610, 'pascal_wp', "GP100"), dies=F(1, 'pascal_wp'),
    process_node=F(16, 'pascal_wp', "TSMC 16 nm FinFET"), memory=F(16, 'p100_ds'), memory_stacks=F(4, 'pascal_wp'),
    release_year=F(2016, 'p100_ds'), accelerators_per_node=F(8, 'oam', SXM8 + " (DGX-1 with P100)"))

A100_STACKS = F(5, 'ampere_wp', "5 active HBM stacks (whitepaper); the package has 6 stack sites, one not enabled - whether the 6th is a disabled stack or a spacer is not published, so range 5-6 (uniform)", "uniform", 5, 6)
for form, mem, tdp, mt, yr, tnote, suffix in (
        ("sxm4", 40, 400, "HBM2", 2020, "max TDP, SXM4 module", ""),
        ("sxm4", 80, 400, "HBM2e", 2020, "max TDP, SXM4 module, standard configuration (the HGX A100 80GB custom-thermal SKU is catalogued apart at 500 W)", ""),
        ("sxm4", 80, 500, "HBM2e", 2020, "the HGX A100 80GB custom thermal solution (CTS) SKU: 'can support TDPs up to 500W' (datasheet footnote; the standard configuration is 400 W). Measured pre-training runs on such boards average 451-476 W (Tucano, power_draw.csv)", "-500w"),
        ("pcie", 40, 250, "HBM2", 2020, "max TDP, PCIe card", ""),
        ("pcie", 80, 300, "HBM2e", 2021, "max TDP, PCIe card", "")):
    add(f"nvidia-a100-{form}-{mem}gb{suffix}", "nvidia", mt,
        tdp=F(tdp, 'a100_ds', tnote), die_area=F(826, 'ampere_wp', "GA100"), dies=F(1, 'ampere_wp'),
        process_node=F(7, 'ampere_wp', "TSMC N7"), memory=F(mem, 'a100_ds'), memory_stacks=A100_STACKS,
        release_year=F(yr, 'a100_ds'),
        accelerators_per_node=F(8, 'oam', SXM8 + " (DGX A100, HGX A100, AWS p4d)") if form == "sxm4" else PCIE)

H_STACKS5 = F(5, 'hopper_wp', "5 active HBM stacks of 6 sites (80 GB = 5 x 16 GB); 6th site not enabled; range 5-6 (uniform)", "uniform", 5, 6)
add("nvidia-h100-sxm5-80gb", "nvidia", "HBM3",
    tdp=F(700, 'h100_ds', "max TDP, SXM5 (configurable up to 700 W)"), die_area=F(814, 'hopper_wp', "GH100"),
    dies=F(1, 'hopper_wp'), process_node=F(4, 'hopper_wp', TSMC4N), memory=F(80, 'h100_ds'),
    memory_stacks=H_STACKS5, release_year=F(2022, 'h100_ds'),
    accelerators_per_node=F(8, 'oam', SXM8 + " (DGX H100, HGX H100, AWS p5)"))
add("nvidia-h100-pcie-80gb", "nvidia", "HBM2e",
    tdp=F(350, 'h100_ds', "max TDP, PCIe card (configurable 300-350 W)"), die_area=F(814, 'hopper_wp', "GH100"),
    dies=F(1, 'hopper_wp'), process_node=F(4, 'hopper_wp', TSMC4N), memory=F(80, 'h100_ds'),
    memory_stacks=H_STACKS5, release_year=F(2022, 'h100_ds'), accelerators_per_node=PCIE)
add("nvidia-h100-nvl-94gb", "nvidia", "HBM3",
    tdp=F(400, 'h100_ds', "max TDP per card, configurable 350-400 W; sold as NVLink-bridged pairs"),
    die_area=F(814, 'hopper_wp', "GH100"), dies=F(1, 'hopper_wp'), process_node=F(4, 'hopper_wp', TSMC4N),
    memory=F(94, 'h100_ds', "94 GB usable of 6 x 16 GB = 96 GB physical"),
    memory_stacks=F(6, 'h100_ds', "all 6 stack sites active (94 GB usable)"), release_year=F(2023, 'h100_ds'),
    accelerators_per_node=F(4, 'h100_ds', "NVL cards in pairs; servers take 2-8 (stated assumption: mode 4)", "triangular", 2, 8))
add("nvidia-h200-sxm5-141gb", "nvidia", "HBM3e",
    tdp=F(700, 'h200_ds', "max TDP, SXM (configurable up to 700 W)"), die_area=F(814, 'hopper_wp', "GH100 die, same silicon as H100"),
    dies=F(1, 'hopper_wp'), process_node=F(4, 'hopper_wp', TSMC4N),
    memory=F(141, 'h200_ds', "141 GB usable of 6 x 24 GB = 144 GB physical"),
    memory_stacks=F(6, 'h200_ds', "6 x 24 GB HBM3e stacks (derived: 144 GB physical / 24 GB)"),
    release_year=F(2024, 'h200_ds'), accelerators_per_node=F(8, 'oam', SXM8 + " (DGX H200, HGX H200)"))
add("nvidia-h200-nvl-141gb", "nvidia", "HBM3e",
    tdp=F(600, 'h200_ds', "max TDP, up to 600 W configurable (PCIe NVL form factor)"),
    die_area=F(814, 'hopper_wp', "GH100 die"), dies=F(1, 'hopper_wp'), process_node=F(4, 'hopper_wp', TSMC4N),
    memory=F(141, 'h200_ds'), memory_stacks=F(6, 'h200_ds', "6 x 24 GB HBM3e (derived)"),
    release_year=F(2024, 'h200_ds'),
    accelerators_per_node=F(4, 'h200_ds', "NVL cards bridged in 2- or 4-way; servers take 2-8 (stated assumption: mode 4)", "triangular", 2, 8))
BW_DIE = F(1600, 'bw_wp', "ESTIMATE: NVIDIA publishes two reticle-limited dies (reticle limit 26x33 mm = 858 mm2) but no area; sum of both dies assumed ~2 x 800 mm2; range 1400-1716 (triangular; upper bound = 2 x reticle limit; third-party estimates as low as ~2 x 530 mm2 are inconsistent with the 'reticle-limited' statement)", "triangular", 1400, 1716)
add("nvidia-b200-sxm6-180gb", "nvidia", "HBM3e",
    tdp=F(1000, 'hgx', "HGX B200 max TDP per GPU 1000 W (MLPerf submissions list B200 TGP 1000 W)"),
    die_area=BW_DIE, dies=F(2, 'bw_wp', "two compute dies joined by 10 TB/s NV-HBI"),
    process_node=F(4, 'bw_wp', "TSMC 4NP (5 nm-family) recorded as 4"),
    memory=F(180, 'dgxb200', "DGX B200 user guide: 1,440 GB total for 8 GPUs = 180 GB usable per GPU; physical 8 x 24 GB = 192 GB (launch materials quoted 192 GB)"),
    memory_stacks=F(8, 'bw_wp', "8 HBM3e stacks (4 per die)"), release_year=F(2024, 'hgx', "announced March 2024, volume shipments late 2024 / 2025"),
    accelerators_per_node=F(8, 'dgxb200', SXM8 + " (DGX B200 / HGX B200)"))
add("nvidia-b100-sxm6-192gb", "nvidia", "HBM3e",
    tdp=F(700, 'hgx', "HGX B100 max TDP per GPU 700 W (drop-in for HGX H100 power envelope)"),
    die_area=BW_DIE, dies=F(2, 'bw_wp', "same two-die Blackwell silicon as B200"),
    process_node=F(4, 'bw_wp', "TSMC 4NP recorded as 4"),
    memory=F(192, 'hgx', "HGX B100 launch spec 8 x 192 GB; shipped volumes very limited"),
    memory_stacks=F(8, 'bw_wp', "8 HBM3e stacks"), release_year=F(2024, 'hgx'),
    accelerators_per_node=F(8, 'hgx', SXM8))

add("nvidia-t4-pcie-16gb", "nvidia", "GDDR6",
    tdp=F(70, 't4_ds', "max power, low-profile PCIe card"), die_area=F(545, 'turing_wp', "TU104"), dies=F(1, 'turing_wp'),
    process_node=F(12, 'turing_wp', "TSMC 12 nm FFN"), memory=F(16, 't4_ds'), release_year=F(2018, 't4_ds'),
    accelerators_per_node=PCIE)
add("nvidia-l4-pcie-24gb", "nvidia", "GDDR6",
    tdp=F(72, 'l4_ds', "max power, low-profile PCIe card"), die_area=F(294.5, 'ada_wp', "AD104"), dies=F(1, 'ada_wp'),
    process_node=F(4, 'ada_wp', TSMC4N), memory=F(24, 'l4_ds'), release_year=F(2023, 'l4_ds'),
    accelerators_per_node=F(8, 'l4_ds', "L4 servers commonly hold 8 (GCP g2-standard-96, AWS g6.48xlarge); range 1-8 (stated assumption)", "triangular", 1, 8))
add("nvidia-l40s-pcie-48gb", "nvidia", "GDDR6",
    tdp=F(350, 'l40s_ds', "max power"), die_area=F(608.5, 'ada_wp', "AD102"), dies=F(1, 'ada_wp'),
    process_node=F(4, 'ada_wp', TSMC4N), memory=F(48, 'l40s_ds', "GDDR6 with ECC"), release_year=F(2023, 'l40s_ds'),
    accelerators_per_node=PCIE)
add("nvidia-l40-pcie-48gb", "nvidia", "GDDR6",
    tdp=F(300, 'l40_ds', "max power"), die_area=F(608.5, 'ada_wp', "AD102"), dies=F(1, 'ada_wp'),
    process_node=F(4, 'ada_wp', TSMC4N), memory=F(48, 'l40_ds', "GDDR6 with ECC"), release_year=F(2022, 'l40_ds'),
    accelerators_per_node=PCIE)
add("nvidia-a10g-pcie-24gb", "nvidia", "GDDR6",
    tdp=F(300, 'g5', "NVIDIA publishes no A10G sheet (AWS-specific part); 300 W is the nvidia-smi power limit reported on AWS G5; range 150 (A10 board power) to 300 W (triangular)", "triangular", 150, 300),
    die_area=F(628.4, 'ga102_wp', "GA102 (A10G is a GA102 part, per AWS/NVIDIA)"), dies=F(1, 'ga102_wp'),
    process_node=F(8, 'ga102_wp', "Samsung 8N recorded as 8"), memory=F(24, 'g5'), release_year=F(2021, 'g5'),
    accelerators_per_node=F(8, 'g5', "AWS G5: 1, 4 or 8 A10G per instance; g5.48xlarge has 8 (range 1-8, triangular)", "triangular", 1, 8))
add("nvidia-a10-pcie-24gb", "nvidia", "GDDR6",
    tdp=F(150, 'a10_ds', "max power"), die_area=F(628.4, 'ga102_wp', "GA102"), dies=F(1, 'ga102_wp'),
    process_node=F(8, 'ga102_wp', "Samsung 8N recorded as 8"), memory=F(24, 'a10_ds'), release_year=F(2021, 'a10_ds'),
    accelerators_per_node=PCIE)
add("nvidia-a40-pcie-48gb", "nvidia", "GDDR6",
    tdp=F(300, 'a40_ds', "max power"), die_area=F(628.4, 'ga102_wp', "GA102"), dies=F(1, 'ga102_wp'),
    process_node=F(8, 'ga102_wp', "Samsung 8N recorded as 8"), memory=F(48, 'a40_ds', "GDDR6 with ECC"), release_year=F(2020, 'a40_ds'),
    accelerators_per_node=PCIE)
add("nvidia-a30-pcie-24gb", "nvidia", "HBM2",
    tdp=F(165, 'a30_ds', "max power"), die_area=F(826, 'ampere_wp', "GA100"), dies=F(1, 'ampere_wp'),
    process_node=F(7, 'ampere_wp', "TSMC N7"), memory=F(24, 'a30_ds'),
    memory_stacks=F(3, 'a30_ds', "3 active 8 GB stacks, derived from the 3072-bit memory bus (933 GB/s); physical stack sites on the GA100 package may be more (range 3-6, uniform)", "uniform", 3, 6),
    release_year=F(2021, 'a30_ds'), accelerators_per_node=PCIE)

# ---------------- AMD ----------------
MI200_DIE_NOTE = "ESTIMATE: AMD has not published the GCD area; Tom's Hardware measured ~790 mm2 per GCD from photos"
add("amd-mi250x-oam-128gb", "amd", "HBM2e",
    tdp=F(560, 'mi250x', "peak board power, OAM"),
    die_area=F(1580, 'toms_mi250x', MI200_DIE_NOTE + "; sum of 2 GCDs = 1580 mm2; range 1450-1700 (triangular, +-8%)", "triangular", 1450, 1700),
    dies=F(2, 'hc34_mi200', "two graphics compute dies (GCDs)"), process_node=F(6, 'hc34_mi200', "TSMC N6"),
    memory=F(128, 'mi250x'), memory_stacks=F(8, 'hc34_mi200', "4 per GCD"), release_year=F(2021, 'mi250x'),
    accelerators_per_node=F(8, 'oam', "8 OAM per universal baseboard in commercial servers; Frontier's HPE EX235a node has 4 MI250X (range 4-8, triangular)", "triangular", 4, 8))
add("amd-mi250-oam-128gb", "amd", "HBM2e",
    tdp=F(560, 'mi250', "peak board power, OAM"),
    die_area=F(1580, 'toms_mi250x', MI200_DIE_NOTE + "; same silicon as MI250X (fewer CUs enabled); sum of 2 GCDs; range 1450-1700", "triangular", 1450, 1700),
    dies=F(2, 'hc34_mi200'), process_node=F(6, 'hc34_mi200', "TSMC N6"),
    memory=F(128, 'mi250'), memory_stacks=F(8, 'hc34_mi200'), release_year=F(2021, 'mi250'),
    accelerators_per_node=F(8, 'oam', "8 OAM per universal baseboard (range 4-8, triangular)", "triangular", 4, 8))
add("amd-mi210-pcie-64gb", "amd", "HBM2e",
    tdp=F(300, 'mi210', "max board power, PCIe"),
    die_area=F(790, 'toms_mi250x', MI200_DIE_NOTE + "; one GCD; range 725-850 (triangular)", "triangular", 725, 850),
    dies=F(1, 'mi210'), process_node=F(6, 'hc34_mi200', "TSMC N6"), memory=F(64, 'mi210'),
    memory_stacks=F(4, 'mi210', "4096-bit HBM2e interface = 4 stacks"), release_year=F(2022, 'mi210'), accelerators_per_node=PCIE)
MI300_DIE = F(2400, 'mi300_pkg', "ESTIMATE, sum of 8 XCD (~115 mm2 each, N5) + 4 IOD (~370 mm2 each, N6) = 920 + 1480 mm2, figures reported from AMD's MI300 packaging disclosures; excludes the passive silicon interposer; range 2200-2600 (triangular)", "triangular", 2200, 2600)
add("amd-mi300x-oam-192gb", "amd", "HBM3",
    tdp=F(750, 'mi300x', "peak board power, OAM"), die_area=MI300_DIE,
    dies=F(12, 'mi300_pkg', "8 accelerator complex dies (XCD) + 4 I/O dies (IOD)"),
    process_node=F(5, 'mi300_pkg', "XCDs on TSMC N5 (~920 mm2), IODs on TSMC N6 (~1480 mm2); recorded as 5 - a per-area model should split the area between 5 and 6 nm"),
    memory=F(192, 'mi300x'), memory_stacks=F(8, 'mi300x', "8 x 24 GB HBM3"), release_year=F(2023, 'mi300x'),
    accelerators_per_node=F(8, 'oam', "8 OAM per AMD Instinct platform baseboard (e.g. Azure ND MI300X v5)"))
add("amd-mi325x-oam-256gb", "amd", "HBM3e",
    tdp=F(1000, 'mi325x', "peak board power, OAM"), die_area=MI300_DIE,
    dies=F(12, 'mi300_pkg', "same CDNA 3 silicon as MI300X: 8 XCD + 4 IOD"),
    process_node=F(5, 'mi300_pkg', "XCD TSMC N5, IOD TSMC N6; recorded as 5"),
    memory=F(256, 'mi325x'), memory_stacks=F(8, 'mi325x', "8 x 32 GB HBM3e"), release_year=F(2024, 'mi325x'),
    accelerators_per_node=F(8, 'oam', "8 OAM per AMD Instinct platform baseboard"))

# ---------------- Google TPU ----------------
add("google-tpu-v2-chip-16gb", "google", "HBM2",
    tdp=F(280, 'tpu_2021', "TDP per chip"),
    die_area=F(600, 'tpu_2021', "paper gives an upper bound only (<625 mm2); value assumed 600, range 550-625 (uniform, stated assumption)", "uniform", 550, 625),
    dies=F(1, 'tpu_2021'), process_node=F(16, 'tpu_2021', "16 nm"), memory=F(16, 'tpu_2021', "16 GiB HBM per chip (~17.2 GB; recorded 16)"),
    memory_stacks=F(4, 'tpu_2021', "ESTIMATE: stack count not stated; 2-4 stacks possible for 16 GiB / 700 GB/s; range 2-4 (uniform)", "uniform", 2, 4),
    release_year=F(2017, 'tpu_2021', "deployed 2017"),
    accelerators_per_node=F(4, 'gcp_tpu', "a v2-8 Cloud TPU host has 4 chips (8 TensorCores)"))
add("google-tpu-v3-chip-32gb", "google", "HBM2",
    tdp=F(450, 'tpu_2021', "TDP per chip"),
    die_area=F(650, 'tpu_2021', "paper gives an upper bound only (<700 mm2); value assumed 650, range 600-700 (uniform, stated assumption)", "uniform", 600, 700),
    dies=F(1, 'tpu_2021'), process_node=F(16, 'tpu_2021', "16 nm"), memory=F(32, 'tpu_2021', "32 GiB HBM per chip (recorded 32)"),
    memory_stacks=F(4, 'tpu_2021', "4 x 8 GiB stacks (inferred from capacity and package photos)"),
    release_year=F(2018, 'tpu_2021', "deployed 2018"),
    accelerators_per_node=F(4, 'gcp_tpu', "a v3-8 Cloud TPU host has 4 chips"))
add("google-tpu-v4-chip-32gb", "google", "HBM2",
    tdp=F(192, 'tpu_2023', "the paper publishes measured power rather than a TDP: max 192 W, mean 170 W per chip; 192 W recorded as the TDP equivalent"),
    die_area=F(560, 'tpu_2023', "paper gives an upper bound only (<600 mm2); value assumed 560, range 500-600 (uniform, stated assumption)", "uniform", 500, 600),
    dies=F(1, 'tpu_2023'), process_node=F(7, 'tpu_2023', "7 nm"), memory=F(32, 'tpu_2023', "32 GiB HBM2 per chip (recorded 32)"),
    memory_stacks=F(4, 'tpu_2023', "ASIC plus 4 HBM stacks per package (paper figure caption)"),
    release_year=F(2021, 'tpu_2023', "deployed internally 2020, Cloud GA 2021-2022"),
    accelerators_per_node=F(4, 'tpu_2023', "4 chips per host board/tray (paper; Cloud TPU v4 VM has 4 chips)"))
add("google-tpu-v5e-chip-16gb", "google", "HBM2e",
    tdp=F(200, 'assume', "ESTIMATE: Google publishes no v5e chip power; cost/efficiency-optimised part assumed in the v4/v4i class (175-192 W); range 150-300 W (uniform, project assumption)", "uniform", 150, 300),
    die_area=F(400, 'assume', "ESTIMATE: not published; range 300-550 mm2 (uniform, project assumption; single-TensorCore chip, smaller than v4)", "uniform", 300, 550),
    dies=F(1, 'assume', "single die assumed (not published)"),
    process_node=F(5, 'assume', "ESTIMATE: node not published by Google; range 4-7 nm (uniform, project assumption)", "uniform", 4, 7),
    memory=F(16, 'gcp_tpu', "16 GB HBM2 per chip, 819 GB/s (Google Cloud docs)"),
    memory_stacks=F(2, 'gcp_tpu', "ESTIMATE derived from 819 GB/s = 2 HBM2e stacks at 3.2 Gb/s; range 1-4 (uniform)", "uniform", 1, 4),
    release_year=F(2023, 'gcp_tpu'),
    accelerators_per_node=F(8, 'gcp_tpu', "v5e hosts have up to 8 chips (ct5lp-hightpu-8t); range 4-8 (uniform)", "uniform", 4, 8))
add("google-tpu-v5p-chip-95gb", "google", "HBM2e",
    tdp=F(450, 'assume', "ESTIMATE: not published; performance-tier chip assumed near TPU v3 TDP (450 W); range 300-600 W (uniform, project assumption)", "uniform", 300, 600),
    die_area=F(700, 'assume', "ESTIMATE: not published; range 550-858 mm2 (uniform; upper bound = reticle limit; project assumption)", "uniform", 550, 858),
    dies=F(1, 'assume', "single die assumed (not published)"),
    process_node=F(5, 'assume', "ESTIMATE: not published; range 4-7 nm (uniform, project assumption)", "uniform", 4, 7),
    memory=F(95, 'gcp_tpu', "95 GB HBM2e per chip, 2765 GB/s (Google Cloud docs)"),
    memory_stacks=F(6, 'gcp_tpu', "ESTIMATE derived from 95 GB (6 x 16 GB = 96 GB physical) and 2765 GB/s; range 4-8 (uniform)", "uniform", 4, 8),
    release_year=F(2023, 'gcp_tpu', "announced Dec 2023"),
    accelerators_per_node=F(4, 'gcp_tpu', "4 chips per v5p host"))
add("google-tpu-v6e-chip-32gb", "google", "HBM3",
    tdp=F(400, 'assume', "ESTIMATE: not published; Google states 4.7x v5e peak compute at +67% energy efficiency, implying several times v5e power; range 250-600 W (uniform, project assumption)", "uniform", 250, 600),
    die_area=F(650, 'assume', "ESTIMATE: not published; range 450-858 mm2 (uniform; upper bound = reticle limit; project assumption)", "uniform", 450, 858),
    dies=F(1, 'assume', "single die assumed (not published)"),
    process_node=F(4, 'assume', "ESTIMATE: not published; range 3-5 nm (uniform, project assumption)", "uniform", 3, 5),
    memory=F(32, 'gcp_tpu', "32 GB HBM per chip, 1640 GB/s (Google Cloud docs say HBM; HBM3 generation per third-party reports, unverified)"),
    memory_stacks=F(2, 'gcp_tpu', "ESTIMATE derived from 1640 GB/s = 2 HBM3 stacks at 6.4 Gb/s; range 1-4 (uniform)", "uniform", 1, 4),
    release_year=F(2024, 'gcp_tpu', "Trillium, GA Dec 2024"),
    accelerators_per_node=F(8, 'gcp_tpu', "v6e hosts have up to 8 chips (ct6e-standard-8t); range 4-8 (uniform)", "uniform", 4, 8))

# ---------------- Intel ----------------
add("intel-gaudi2-oam-96gb", "intel", "HBM2e",
    tdp=F(600, 'gaudi2', "max TDP, OAM (HL-225H)"),
    die_area=F(750, 'assume_g2', "ESTIMATE: Intel/Habana has not published the Gaudi 2 die area; range 600-858 mm2 (uniform; upper bound = reticle limit; project assumption)", "uniform", 600, 858),
    dies=F(1, 'gaudi2', "single compute die"), process_node=F(7, 'gaudi2', "TSMC 7 nm"),
    memory=F(96, 'gaudi2'), memory_stacks=F(6, 'gaudi2', "6 x 16 GB HBM2e"), release_year=F(2022, 'gaudi2'),
    accelerators_per_node=F(8, 'gaudi2', "8 OAM per HLBA-225 baseboard (e.g. AWS dl1/Supermicro Gaudi 2 servers)"))
add("intel-gaudi3-oam-128gb", "intel", "HBM2e",
    tdp=F(900, 'gaudi3', "max TDP, air-cooled OAM HL-325L (liquid-cooled HL-335 up to 1200 W)"),
    die_area=F(1400, 'assume_g3', "ESTIMATE: Intel has not published die areas; two compute dies, range 1100-1716 mm2 (uniform; upper bound = 2 x reticle limit; project assumption)", "uniform", 1100, 1716),
    dies=F(2, 'gaudi3', "two compute dies"), process_node=F(5, 'gaudi3', "TSMC 5 nm"),
    memory=F(128, 'gaudi3'), memory_stacks=F(8, 'gaudi3', "8 x 16 GB HBM2e"), release_year=F(2024, 'gaudi3'),
    accelerators_per_node=F(8, 'gaudi3', "8 OAM per HLB-325 universal baseboard"))

write("factors/accelerators.csv", ["accelerator", "vendor", "memory_type"], rows)
print(len(ACC), "accelerators", len(rows), "rows")
