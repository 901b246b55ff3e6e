import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import write, VENDOR, PAPER
GIB = 1.073741824
S = {
 'dgxa100': ("NVIDIA DGX A100 User Guide, Introduction to the DGX A100 System (component and mechanical/power specifications; 640 GB and 320 GB configurations)", 2021, "https://docs.nvidia.com/dgx/dgxa100-user-guide/introduction-to-dgxa100.html", VENDOR),
 'dgxh100': ("NVIDIA DGX H100/H200 User Guide, Introduction to NVIDIA DGX H100/H200 Systems (components, mechanical and power specifications)", 2024, "https://docs.nvidia.com/dgx/dgxh100-user-guide/introduction-to-dgxh100.html", VENDOR),
 'dgxb200': ("NVIDIA DGX B200 User Guide, Introduction to NVIDIA DGX B200 Systems (components, mechanical and power specifications)", 2025, "https://docs.nvidia.com/dgx/dgxb200-user-guide/introduction-to-dgxb200.html", VENDOR),
 'hgx': ("NVIDIA HGX platform page (8-GPU HGX H100 / H200 baseboards); host configuration assumed from the DGX H100/H200 reference design", 2024, "https://www.nvidia.com/en-us/data-center/hgx/", VENDOR),
 'boavizta': ("Boavizta boaviztapi server archetype (platform_compute_medium: 1 x 1000 GB SSD, 2 PSU) configured with 2x Xeon Gold 6338 and 384 GB RAM, as used for the reference-server anchor", 2024, "https://github.com/Boavizta/boaviztapi/blob/main/boaviztapi/data/archetypes/server.csv", "AGPL-3.0 (Boavizta boaviztapi data)"),
 'p4': ("AWS EC2 P4 instance page (p4d.24xlarge / p4de.24xlarge: 8x A100, 96 vCPU Intel Xeon Platinum 8275CL, 1152 GiB, 8 x 1000 GB NVMe SSD, 400 Gbps EFA)", 2024, "https://aws.amazon.com/ec2/instance-types/p4/", VENDOR),
 'p5': ("AWS EC2 P5 instance page (p5.48xlarge: 8x H100 80 GB, 192 vCPU 3rd Gen AMD EPYC 7R13, 2 TiB, 8 x 3.84 TB NVMe SSD)", 2024, "https://aws.amazon.com/ec2/instance-types/p5/", VENDOR),
 'gcp': ("Google Cloud Compute Engine documentation, Accelerator-optimized machine family (A2: a2-highgpu-8g 96 vCPU, 680 GB; A3: a3-highgpu-8g 208 vCPU, 1872 GB, 6000 GiB local SSD, Sapphire Rapids)", 2024, "https://cloud.google.com/compute/docs/accelerator-optimized-machines", "CC-BY-4.0"),
 'az_a100': ("Microsoft Azure documentation, ND A100 v4-series (Standard_ND96asr_v4: 96 vCPU AMD EPYC Rome, 900 GiB, 6000 GiB temp SSD, 8x A100 40 GB, 8 x 200 Gb HDR InfiniBand)", 2023, "https://learn.microsoft.com/en-us/azure/virtual-machines/nda100-v4-series", "CC-BY-4.0"),
 'az_h100': ("Microsoft Azure documentation, ND-H100-v5 size series (Standard_ND96isr_H100_v5: 96 vCPU Sapphire Rapids, 1900 GB, 28000 GiB temp NVMe, 8x H100, 8 x 400 Gb NDR InfiniBand)", 2024, "https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/gpu-accelerated/ndh100v5-series", "CC-BY-4.0"),
 'tpu_2023': ("Jouppi et al., 'TPU v4: An Optically Reconfigurable Supercomputer for Machine Learning with Hardware Support for Embeddings', ISCA 2023 (4 TPU v4 packages per host board)", 2023, "doi:10.1145/3579371.3589350", PAPER),
 'gcp_v6e': ("Google Cloud TPU documentation, TPU v6e system architecture (DRAM per host 1536 GiB, 8 chips per host)", 2025, "https://docs.cloud.google.com/tpu/docs/v6e", "CC-BY-4.0"),
 'gcp_v5p': ("Google Cloud TPU documentation, TPU v5p training: VM, host and slice properties (4 chips, 208 vCPUs, 448 GB RAM per host)", 2025, "https://docs.cloud.google.com/tpu/docs/v5p-training", "CC-BY-4.0"),
 'gcp_tpu': ("Google Cloud TPU documentation, system architecture (chips per host: v5e and v6e up to 8, v5p 4)", 2024, "https://cloud.google.com/tpu/docs/system-architecture-tpu-vm", "CC-BY-4.0"),
}
UNITS = dict(count="count", capacity="GB", max_power="W", mass="kg", rack_units="count")
rows = []; NODES = []
def r(node, kind, comp, q, v, src, notes="", dist="constant", low=None, high=None):
    name, year, url, lic = S[src]
    rows.append(dict(factor_id=f"node.{node}.{kind}.{q}", quantity=q, node=node, component_kind=kind, component=comp,
                     value=v, unit=UNITS[q], low=v if low is None else low, high=v if high is None else high,
                     distribution=dist, year=year, source=name, url=url, license=lic, notes=notes))
    if node not in NODES: NODES.append(node)

SSD_DGX = "2 x 1.92 TB NVMe M.2 (OS) + 8 x 3.84 TB NVMe U.2 (data) = 34.56 TB, decimal TB -> GB"
# DGX A100 640 GB
n = "dgx-a100"; s = 'dgxa100'
r(n, "accelerator", "nvidia-a100-sxm4-80gb", "count", 8, s, "DGX A100 640GB: 8x A100 SXM4 80 GB")
r(n, "cpu", "amd-epyc-7742", "count", 2, s, "2x AMD EPYC 7742, 64 cores each")
r(n, "ram", "", "capacity", 2048, s, "2 TB system memory (640 GB configuration); 2 TB = 2048 GB as stated (binary/decimal ambiguity < 5%)")
r(n, "ssd", "", "capacity", 34560, s, SSD_DGX + " (640 GB configuration)")
r(n, "ssd", "", "count", 10, s, "2 OS + 8 data NVMe drives")
r(n, "psu", "", "count", 6, s, "6 x 3 kW PSUs (3+3 redundancy)")
r(n, "nic", "", "count", 10, s, "8 single-port ConnectX-6 (HDR 200 Gb/s, cluster) + 2 dual-port ConnectX-6 (storage/in-band) in the 640 GB configuration")
r(n, "node", "", "max_power", 6500, s, "system power usage 6.5 kW max")
r(n, "node", "", "mass", 123.16, s, "system weight 271.5 lb = 123.16 kg")
r(n, "node", "", "rack_units", 6, s, "6U rackmount")
# DGX A100 320 GB
n = "dgx-a100-320gb"
r(n, "accelerator", "nvidia-a100-sxm4-40gb", "count", 8, s, "DGX A100 320GB: 8x A100 SXM4 40 GB")
r(n, "cpu", "amd-epyc-7742", "count", 2, s, "2x AMD EPYC 7742")
r(n, "ram", "", "capacity", 1024, s, "1 TB system memory (320 GB configuration)")
r(n, "ssd", "", "capacity", 19200, s, "2 x 1.92 TB NVMe M.2 (OS) + 4 x 3.84 TB NVMe U.2 (15 TB data) = 19.2 TB")
r(n, "ssd", "", "count", 6, s, "2 OS + 4 data NVMe drives")
r(n, "psu", "", "count", 6, s, "6 x 3 kW PSUs")
r(n, "nic", "", "count", 9, s, "8 single-port ConnectX-6 + 1 dual-port ConnectX-6 (320 GB configuration)")
r(n, "node", "", "max_power", 6500, s, "system power usage 6.5 kW max")
r(n, "node", "", "mass", 123.16, s, "system weight 271.5 lb = 123.16 kg (same chassis as 640 GB configuration)")
r(n, "node", "", "rack_units", 6, s, "6U rackmount")
# DGX H100 / H200
for n, acc in (("dgx-h100", "nvidia-h100-sxm5-80gb"), ("dgx-h200", "nvidia-h200-sxm5-141gb")):
    s = 'dgxh100'
    r(n, "accelerator", acc, "count", 8, s, f"8x {acc}")
    r(n, "cpu", "intel-xeon-platinum-8480c", "count", 2, s, "2x Intel Xeon Platinum 8480C, 56 cores each")
    r(n, "ram", "", "capacity", 2048, s, "2 TB system memory (32 DIMMs)")
    r(n, "ssd", "", "capacity", 34560, s, SSD_DGX)
    r(n, "ssd", "", "count", 10, s, "2 OS + 8 data NVMe drives")
    r(n, "psu", "", "count", 6, s, "6 x 3.3 kW PSUs (4+2 redundancy)")
    r(n, "nic", "", "count", 10, s, "8 single-port ConnectX-7 (4 OSFP cages, cluster) + 2 dual-port ConnectX-7 (storage/in-band)")
    r(n, "node", "", "max_power", 10200, s, "system power usage ~10.2 kW max")
    if n == "dgx-h100":
        r(n, "node", "", "mass", 130.45, s, "system weight 287.6 lb = 130.45 kg")
    r(n, "node", "", "rack_units", 8, s, "8U rackmount")
# DGX B200
n = "dgx-b200"; s = 'dgxb200'
r(n, "accelerator", "nvidia-b200-sxm6-180gb", "count", 8, s, "8x B200, 1,440 GB total GPU memory")
r(n, "cpu", "intel-xeon-platinum-8570", "count", 2, s, "2x Intel Xeon Platinum 8570, 56 cores each")
r(n, "ram", "", "capacity", 2048, s, "2 TB using 32 DIMMs (upgradable to 4 TB)")
r(n, "ssd", "", "capacity", 34560, s, SSD_DGX)
r(n, "ssd", "", "count", 10, s, "2 OS + 8 data NVMe drives")
r(n, "psu", "", "count", 6, s, "6 x 3.3 kW PSUs")
r(n, "nic", "", "count", 10, s, "8 single-port ConnectX-7 (4 OSFP) + 2 dual-port BlueField-3 DPUs")
r(n, "node", "", "max_power", 14300, s, "system power usage ~14.3 kW max")
r(n, "node", "", "mass", 142.4, s, "system weight 313.9 lb = 142.4 kg max")
r(n, "node", "", "rack_units", 10, s, "10U rackmount")
# generic HGX servers
for n, acc in (("hgx-h100", "nvidia-h100-sxm5-80gb"), ("hgx-h200", "nvidia-h200-sxm5-141gb")):
    s = 'hgx'
    r(n, "accelerator", acc, "count", 8, s, "8-GPU HGX baseboard")
    r(n, "cpu", "intel-xeon-platinum-8480-plus", "count", 2, s, "ASSUMPTION: generic OEM HGX server with 2 host CPUs; Sapphire Rapids 8480+ assumed as the typical host (AMD EPYC 9004 hosts are also common)")
    r(n, "ram", "", "capacity", 2048, s, "ASSUMPTION: 2 TB as in the DGX reference design; OEM configurations 1-4 TB (triangular 1024-4096)", "triangular", 1024, 4096)
    r(n, "ssd", "", "capacity", 30720, s, "ASSUMPTION: 8 x 3.84 TB NVMe data drives as in the DGX design; OEM configurations 2-16 drives (triangular 7680-61440)", "triangular", 7680, 61440)
    r(n, "psu", "", "count", 6, s, "ASSUMPTION: 6 PSUs as in DGX H100; OEM 8-GPU servers use 4-8 (triangular)", "triangular", 4, 8)
    r(n, "node", "", "max_power", 10200, s, "ASSUMPTION: DGX H100/H200 max system power (10.2 kW) used for a generic HGX server; range 8500-11000 W (uniform, stated assumption)", "uniform", 8500, 11000)
# Boavizta reference CPU server
n = "cpu-server-2s"; s = 'boavizta'
r(n, "cpu", "intel-xeon-gold-6338", "count", 2, s, "2-socket Ice Lake reference server")
r(n, "ram", "", "capacity", 384, s, "384 GB RAM (e.g. 12 x 32 GB)")
r(n, "ssd", "", "capacity", 1000, s, "Boavizta platform_compute_medium default 1 x 1000 GB SSD; archetype range 1-2 drives (triangular 1000-2000)", "triangular", 1000, 2000)
r(n, "ssd", "", "count", 1, s, "archetype default 1 (range 1-2)", "triangular", 1, 2)
r(n, "psu", "", "count", 2, s, "archetype default 2 PSUs (2.99 kg each, range 1-5 kg)")
# AWS
for n, acc in (("aws-p4d-24xlarge", "nvidia-a100-sxm4-40gb"), ("aws-p4de-24xlarge", "nvidia-a100-sxm4-80gb")):
    s = 'p4'
    r(n, "accelerator", acc, "count", 8, s, f"8x {acc}")
    r(n, "cpu", "intel-xeon-platinum-8275cl", "count", 2, s, "derived: 96 vCPU = 2 sockets x 24 cores x 2 threads (Xeon Platinum 8275CL has 24 cores)")
    r(n, "ram", "", "capacity", round(1152 * GIB, 2), s, "1152 GiB = 1236.95 GB (GiB -> GB x 1.073741824)")
    r(n, "ssd", "", "capacity", 8000, s, "8 x 1000 GB NVMe instance store")
    r(n, "ssd", "", "count", 8, s, "8 NVMe SSDs")
    r(n, "nic", "", "count", 4, s, "400 Gbps EFA = 4 x 100 Gbps network cards (as exposed to the instance)")
n = "aws-p5-48xlarge"; s = 'p5'
r(n, "accelerator", "nvidia-h100-sxm5-80gb", "count", 8, s, "8x H100 SXM 80 GB")
r(n, "cpu", "amd-epyc-7r13", "count", 2, s, "derived: 192 vCPU = 2 sockets x 48 cores x 2 threads (EPYC 7R13 has 48 cores)")
r(n, "ram", "", "capacity", round(2048 * GIB, 2), s, "2 TiB = 2048 GiB = 2199.02 GB")
r(n, "ssd", "", "capacity", 30720, s, "8 x 3.84 TB NVMe instance store = 30.72 TB")
r(n, "ssd", "", "count", 8, s, "8 NVMe SSDs")
# GCP
n = "gcp-a2-highgpu-8g"; s = 'gcp'
r(n, "accelerator", "nvidia-a100-sxm4-40gb", "count", 8, s, "8x A100 40 GB; host CPU is Intel Cascade Lake (96 vCPU, implies 2 sockets) but the SKU is not published, so no cpu row")
r(n, "ram", "", "capacity", 680, s, "680 GB as stated by Google (GB)")
n = "gcp-a3-highgpu-8g"
r(n, "accelerator", "nvidia-h100-sxm5-80gb", "count", 8, s, "8x H100 80 GB")
r(n, "cpu", "intel-xeon-platinum-8481c", "count", 2, s, "derived: 208 vCPU = 2 sockets x 52 exposed cores x 2 threads (8481C has 56 cores; some reserved for the host)")
r(n, "ram", "", "capacity", 1872, s, "1872 GB as stated by Google")
r(n, "ssd", "", "capacity", 6000, s, "bundled local SSD stated as 6000 (16 x 375); Google labels local SSD sizes in GB/GiB inconsistently - if GiB, 6442 GB (range 6000-6442, uniform)", "uniform", 6000, 6442.45)
# Azure
n = "azure-nd-a100-v4"; s = 'az_a100'
r(n, "accelerator", "nvidia-a100-sxm4-40gb", "count", 8, s, "8x A100 40 GB SXM (NVLink 3.0)")
r(n, "cpu", "amd-epyc-7v12", "count", 2, s, "derived: 96 vCPU = 96 physical 2nd-gen EPYC (Rome) cores exposed without SMT, on 2 sockets; EPYC 7V12 (64 cores) is the Azure-custom Rome part reported on these hosts (not named in the doc table)")
r(n, "ram", "", "capacity", round(900 * GIB, 2), s, "900 GiB = 966.37 GB")
r(n, "ssd", "", "capacity", round(6000 * GIB, 2), s, "6000 GiB temp NVMe = 6442.45 GB")
r(n, "nic", "", "count", 8, s, "8 x 200 Gb HDR InfiniBand (one per GPU)")
n = "azure-nd-h100-v5"; s = 'az_h100'
r(n, "accelerator", "nvidia-h100-sxm5-80gb", "count", 8, s, "8x H100 80 GB SXM")
r(n, "cpu", "intel-xeon-platinum-8480c", "count", 2, s, "derived: 96 vCPU exposed (no SMT) on 2 Sapphire Rapids sockets; Azure names 4th Gen Xeon Scalable, the 8480C SKU is as reported on these hosts")
r(n, "ram", "", "capacity", 1900, s, "1900 GB per current doc table (older revisions listed 1900 GiB = 2040 GB); range 1900-2040 (uniform)", "uniform", 1900, 2040.11)
r(n, "ssd", "", "capacity", round(28000 * GIB, 2), s, "28000 GiB temp NVMe = 30064.77 GB")
r(n, "nic", "", "count", 8, s, "8 x 400 Gb NDR InfiniBand (one per GPU)")
# TPU hosts
r("google-tpu-v4-host", "accelerator", "google-tpu-v4-chip-32gb", "count", 4, 'tpu_2023', "4 TPU v4 packages per host board (one Cloud TPU v4 VM)")
r("google-tpu-v5e-host", "accelerator", "google-tpu-v5e-chip-16gb", "count", 8, 'gcp_tpu', "largest single-host v5e VM (ct5lp-hightpu-8t) has 8 chips")
r("google-tpu-v5p-host", "accelerator", "google-tpu-v5p-chip-95gb", "count", 4, 'gcp_tpu', "4 chips per v5p host")
r("google-tpu-v6e-host", "accelerator", "google-tpu-v6e-chip-32gb", "count", 8, 'gcp_tpu', "largest single-host v6e VM (ct6e-standard-8t) has 8 chips")
# TPU host components: Google publishes host memory (v6e, v5p) and vCPUs (v5p), not the host's parts. Judgement:
# a TPU host is a 2-socket server (208 vCPU on v5p = 2 x 52 exposed cores x 2 threads, as on the a3-highgpu-8g host
# with 2 x Xeon Platinum 8481C), 2 PSUs, no HDD; hosts without a published memory take the v5p/v6e span.
TPU_CPU = "intel-xeon-platinum-8481c"
JUDGE = " Judgement (Google does not publish the host's parts): a 2-socket host like the a3-highgpu-8g's (2 x Xeon Platinum 8481C)."
for n, src in (("google-tpu-v4-host", "gcp_v5p"), ("google-tpu-v5e-host", "gcp_v5p"), ("google-tpu-v5p-host", "gcp_v5p"),
               ("google-tpu-v6e-host", "gcp_v6e")):
    r(n, "cpu", TPU_CPU, "count", 2, src, "2 CPU sockets per TPU host." + JUDGE, "triangular", 1, 2)
    r(n, "psu", "", "count", 2, src, "2 PSUs per host." + JUDGE, "triangular", 1, 4)
r("google-tpu-v6e-host", "ram", "", "capacity", round(1536 * GIB, 2), 'gcp_v6e', "DRAM per host 1536 GiB = 1649.27 GB")
r("google-tpu-v5p-host", "ram", "", "capacity", 448, 'gcp_v5p', "448 GB RAM per v5p host (VM, host and slice properties)")
for n in ("google-tpu-v4-host", "google-tpu-v5e-host"):
    r(n, "ram", "", "capacity", 448, 'gcp_v5p', "No published host memory found for this generation. Judgement: the v5p host's 448 GB, "
      "uniform between 384 GB and the v6e host's 1649 GB.", "uniform", 384, round(1536 * GIB, 2))
write("factors/nodes.csv", ["node", "component_kind", "component"], rows)
print(len(NODES), "nodes", len(rows), "rows")
