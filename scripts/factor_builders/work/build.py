"""Build the work-estimation tables of issue #14 (helper "work").

Writes, under scripts/factor_builders/work/out/:

- accelerator_flops.csv      rows to add to factors/accelerators.csv: dense peak FLOP/s per precision
                             (quantity peak_flops_<precision>, unit FLOP/s) and memory_bandwidth (GB/s)
- mfu.csv                    factor table: model FLOPs utilisation reported by training runs (mfu) and the
                             effective utilisation implied by their published device-hours (effective_mfu)
- published_device_hours.csv validation set (wide, not a factor table): runs whose parameters, tokens,
                             hardware and device-hours are all published, with the effective MFU they imply
- inference_throughput.csv   factor table: measured LLM serving throughput per accelerator [tokens/s],
                             energy per output token [kWh/unit, unit = one token] and the batch-efficiency
                             ratio (achieved throughput / weight-streaming roofline)

Run from the repository root:  python scripts/factor_builders/work/build.py
The script needs no network and no other file: every figure is transcribed below with its citation,
and every derived figure is computed here, with the arithmetic stated in the row's notes. Output is
deterministic (byte-identical on every run).
"""
from __future__ import annotations

import csv
import decimal
import io
import math
import os
import statistics

OUT = os.path.join("scripts", "factor_builders", "work", "out")
TAIL = ["value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes"]
FAIR = "fair-use (facts from publication)"
PROJ_URL = "factors/README.md#work-estimates-mfucsv-and-inference_throughputcsv"
PROJ_LIC = "Apache-2.0 (footprint project estimate)"
PROP = "proprietary (facts)"
T = 1e12  # TFLOP/s -> FLOP/s


def num(x: float) -> str:
    """A plain number: integers without a decimal point, others with up to 6 significant digits."""
    if x == 0:
        return "0"
    if float(x).is_integer() and abs(x) < 1e21:
        return str(int(x))
    s = f"{x:.6g}"
    if "e" in s:  # expand small/large exponents into a plain decimal (exactly, via Decimal)
        s = format(decimal.Decimal(s), "f")
        if "." in s:
            s = s.rstrip("0").rstrip(".")
    return s


def write(name: str, header: list[str], rows: list[list]) -> None:
    os.makedirs(OUT, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())


# =====================================================================================================
# 1. Peak dense FLOP/s and memory bandwidth per accelerator (ids of factors/accelerators.csv)
# =====================================================================================================
# Source keys -> (citation, url, year, licence). The first nine repeat the citations of the same
# accelerators in factors/accelerators.csv (same documents, other numbers of them).
SRC = {
    "v100": ("NVIDIA Tesla V100 GPU datasheet (Volta), 2020",
             "https://images.nvidia.com/content/technologies/volta/pdf/volta-v100-datasheet-update-us-1165301-r5.pdf", 2020, PROP),
    "p100": ("NVIDIA Tesla P100 datasheet, 2016",
             "https://images.nvidia.com/content/tesla/pdf/nvidia-tesla-p100-datasheet.pdf", 2016, PROP),
    "a100": ("NVIDIA A100 Tensor Core GPU datasheet, 2021 (table 'Technical Specifications'; figures with an asterisk are with sparsity)",
             "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf", 2021, PROP),
    "h100": ("NVIDIA H100 Tensor Core GPU datasheet, 2023 (table 'Technical Specifications': '* With sparsity', dense = half)",
             "https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet", 2023, PROP),
    "h200": ("NVIDIA H200 Tensor Core GPU product page and datasheet, 2024 ('* With sparsity', dense = half)",
             "https://www.nvidia.com/en-us/data-center/h200/", 2024, PROP),
    "hgx": ("NVIDIA HGX platform specifications (HGX B200 / HGX B100), 2024 (per-GPU tensor figures are with sparsity, dense = half)",
            "https://www.nvidia.com/en-us/data-center/hgx/", 2024, PROP),
    "t4": ("NVIDIA T4 Tensor Core GPU datasheet, 2019",
           "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/tesla-t4/t4-tensor-core-datasheet-951643.pdf", 2019, PROP),
    "l4": ("NVIDIA L4 Tensor Core GPU datasheet, 2023 ('* Shown with sparsity', dense = half)",
           "https://resources.nvidia.com/en-us-data-center-overview/l4-gpu-datasheet", 2023, PROP),
    "l40s": ("NVIDIA L40S GPU datasheet, 2023 ('* With sparsity', dense = half)",
             "https://resources.nvidia.com/en-us-l40s/l40s-datasheet-28413", 2023, PROP),
    "l40": ("NVIDIA L40 GPU datasheet, 2022 ('* With sparsity', dense = half)",
            "https://images.nvidia.com/content/Solutions/data-center/vgpu-L40-datasheet.pdf", 2022, PROP),
    "a10": ("NVIDIA A10 Tensor Core GPU datasheet, 2021 ('* With sparsity', dense = half)",
            "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a10/pdf/a10-datasheet.pdf", 2021, PROP),
    "a40": ("NVIDIA A40 GPU Accelerator datasheet, 2021 ('* With sparsity', dense = half)",
            "https://images.nvidia.com/content/Solutions/data-center/a40/nvidia-a40-datasheet.pdf", 2021, PROP),
    "a30": ("NVIDIA A30 Tensor Core GPU datasheet, 2021 ('* With sparsity', dense = half)",
            "https://www.nvidia.com/content/dam/en-zz/Solutions/data-center/products/a30-gpu/pdf/a30-datasheet.pdf", 2021, PROP),
    "mi250x": ("AMD Instinct MI250X accelerator specifications (peak theoretical, dense)",
               "https://www.amd.com/en/products/accelerators/instinct/mi200/mi250x.html", 2021, PROP),
    "mi250": ("AMD Instinct MI250 accelerator specifications (peak theoretical, dense)",
              "https://www.amd.com/en/products/accelerators/instinct/mi200/mi250.html", 2021, PROP),
    "mi210": ("AMD Instinct MI210 accelerator specifications (peak theoretical, dense)",
              "https://www.amd.com/en/products/accelerators/instinct/mi200/mi210.html", 2022, PROP),
    "mi300x": ("AMD Instinct MI300X accelerator specifications / data sheet (peak theoretical; AMD prints dense figures and, separately, 'with structured sparsity' at twice the value)",
               "https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html", 2023, PROP),
    "mi325x": ("AMD Instinct MI325X accelerator specifications (peak theoretical, dense)",
               "https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html", 2024, PROP),
    "tpuv2": ("Google Cloud TPU: Cloud TPU v2 device = 4 chips, 180 teraflops (as quoted in Packt, 'Deep Learning with TensorFlow and Keras', 3rd ed., ch. 15, and in Elektroniknet 'Chip-Innovation treibt KI-Revolution' (45 TFLOPS per TPUv2 chip))",
              "https://cloud.google.com/tpu/docs/v2", 2018, FAIR),
    "tpuv3": ("Google Cloud TPU documentation, 'TPU v3' (system architecture table: peak compute per chip 123 teraflops bf16; HBM2 32 GiB, 900 GBps)",
              "https://cloud.google.com/tpu/docs/v3", 2024, "CC-BY-4.0"),
    "tpuv4": ("Google Cloud TPU documentation, 'TPU v4' (peak compute per chip 275 teraflops bf16 or int8; HBM2 32 GiB, 1200 GBps)",
              "https://cloud.google.com/tpu/docs/v4", 2024, "CC-BY-4.0"),
    "tpuv5e": ("Google Cloud TPU documentation, 'TPU v5e' (peak compute per chip 197 TFLOPs bf16, 393 TOPs int8; HBM2 16 GB, 819 GBps)",
               "https://cloud.google.com/tpu/docs/v5e", 2024, "CC-BY-4.0"),
    "tpuv5p": ("Google Cloud TPU documentation, 'TPU v5p' (peak compute per chip 459 TFLOPs bf16; HBM2e 95 GB, 2765 GBps)",
               "https://cloud.google.com/tpu/docs/v5p", 2024, "CC-BY-4.0"),
    "tpuv6e": ("Google Cloud TPU documentation, 'TPU v6e' (peak compute per chip 918 TFLOPs bf16, 1836 TOPs int8; HBM 32 GB, 1638 GBps)",
               "https://cloud.google.com/tpu/docs/v6e", 2025, "CC-BY-4.0"),
    "gaudi": ("Kaplan (Intel), 'Intel Gaudi 3 AI Accelerator: Architected for Gen AI Training and Inference', Hot Chips 2024, slides 'Gaudi Product Generations' and 'Intel Gaudi 3 Spec' (seen via a reproduction of the deck)",
              "https://www.intel.com/content/www/us/en/content-details/817486/intel-gaudi-3-ai-accelerator-white-paper.html", 2024, PROP),
}

HALF = "dense = half of the datasheet's with-sparsity figure ({s} {u})"


def sp(s, u="TFLOPS"):
    return HALF.format(s=s, u=u)


# (accelerator id, vendor, source key, [(precision, dense TFLOP/s, note)], bandwidth GB/s or None,
#  bandwidth spec: None for constant, or (low, high, distribution, note))
ACCEL = [
    ("nvidia-v100-sxm2-16gb", "nvidia", "v100",
     [("fp32", 15.7, "SXM2 FP32 (CUDA cores)"),
      ("fp16", 125, "SXM2 'Tensor Performance' (FP16 in, FP32 accumulate); V100 has no bf16/tf32 tensor path and no sparsity")],
     900, None),
    ("nvidia-v100-sxm2-32gb", "nvidia", "v100",
     [("fp32", 15.7, "SXM2 FP32 (CUDA cores)"),
      ("fp16", 125, "SXM2 'Tensor Performance'; no bf16/tf32 tensor path")], 900, None),
    ("nvidia-v100-pcie-16gb", "nvidia", "v100",
     [("fp32", 14, "PCIe FP32"), ("fp16", 112, "PCIe 'Tensor Performance'; no bf16/tf32 tensor path")], 900, None),
    ("nvidia-v100-pcie-32gb", "nvidia", "v100",
     [("fp32", 14, "PCIe FP32"), ("fp16", 112, "PCIe 'Tensor Performance'; no bf16/tf32 tensor path")], 900, None),
    ("nvidia-p100-sxm2-16gb", "nvidia", "p100",
     [("fp32", 10.6, "SXM2 (NVLink) single precision"), ("fp16", 21.2, "SXM2 half precision (no tensor cores)")], 732, None),
    ("nvidia-p100-pcie-16gb", "nvidia", "p100",
     [("fp32", 9.3, "PCIe single precision"), ("fp16", 18.7, "PCIe half precision (no tensor cores)")], 732, None),
]
for _id, _bw in (("nvidia-a100-sxm4-40gb", 1555), ("nvidia-a100-sxm4-80gb", 2039), ("nvidia-a100-sxm4-80gb-500w", 2039),
                 ("nvidia-a100-pcie-40gb", 1555), ("nvidia-a100-pcie-80gb", 1935)):
    ACCEL.append((_id, "nvidia", "a100",
                  [("fp32", 19.5, "FP32 (CUDA cores); same peak for SXM4 and PCIe, 40 and 80 GB"),
                   ("tf32", 156, sp("312")), ("bf16", 312, sp("624")), ("fp16", 312, sp("624")),
                   ("int8", 624, sp("1,248", "TOPS") + "; unit FLOP/s holds integer ops/s")],
                  _bw, None))
ACCEL += [
    ("nvidia-h100-sxm5-80gb", "nvidia", "h100",
     [("fp32", 67, "FP32 (CUDA cores)"), ("tf32", 494.5, sp("989")), ("bf16", 989.5, sp("1,979")),
      ("fp16", 989.5, sp("1,979")), ("fp8", 1979, sp("3,958")), ("int8", 1979, sp("3,958", "TOPS") + "; integer ops/s")],
     3350, None),
    ("nvidia-h100-pcie-80gb", "nvidia", "h100",
     [("fp32", 51, "FP32 (CUDA cores)"), ("tf32", 378, sp("756")), ("bf16", 756.5, sp("1,513")),
      ("fp16", 756.5, sp("1,513")), ("fp8", 1513, sp("3,026")), ("int8", 1513, sp("3,026", "TOPS") + "; integer ops/s")],
     2000, None),
    ("nvidia-h100-nvl-94gb", "nvidia", "h100",
     [("fp32", 60, "FP32 per GPU (94 GB H100 NVL column of the 2023 datasheet revision)"),
      ("tf32", 417.5, sp("835")), ("bf16", 835.5, sp("1,671")), ("fp16", 835.5, sp("1,671")),
      ("fp8", 1670.5, sp("3,341")), ("int8", 1670.5, sp("3,341", "TOPS") + "; integer ops/s")],
     3900, None),
    ("nvidia-h200-sxm5-141gb", "nvidia", "h200",
     [("fp32", 67, "FP32; same GH100 compute as H100 SXM"), ("tf32", 494.5, sp("989")), ("bf16", 989.5, sp("1,979")),
      ("fp16", 989.5, sp("1,979")), ("fp8", 1979, sp("3,958")), ("int8", 1979, sp("3,958", "TOPS") + "; integer ops/s")],
     4800, None),
    ("nvidia-h200-nvl-141gb", "nvidia", "h200",
     [("fp32", 60, "FP32 (H200 NVL column)"), ("tf32", 417.5, sp("835")), ("bf16", 835.5, sp("1,671")),
      ("fp16", 835.5, sp("1,671")), ("fp8", 1670.5, sp("3,341")), ("int8", 1670.5, sp("3,341", "TOPS") + "; integer ops/s")],
     4800, None),
    ("nvidia-b200-sxm6-180gb", "nvidia", "hgx",
     [("fp32", 75, "HGX B200 individual-GPU FP32 (no sparsity)"), ("tf32", 1100, sp("2.2 P")),
      ("bf16", 2250, sp("4.5 P")), ("fp16", 2250, sp("4.5 P")), ("fp8", 4500, sp("9 P") + "; FP6 same"),
      ("int8", 4500, sp("9 P", "OPS") + "; integer ops/s"), ("fp4", 9000, sp("18 P"))],
     7700, (7700, 8000, "triangular",
            "HGX B200 page: 7.7 TB/s per GPU (mode and low); the DGX B200 user guide's 64 TB/s per 8 GPUs gives 8.0 TB/s (high)")),
    ("nvidia-b100-sxm6-192gb", "nvidia", "hgx",
     [("fp32", 60, "HGX B100 8-GPU total 480 TFLOPS / 8 (secondary reproduction of the 2024 HGX B100 table; B100 has since been removed from NVIDIA's page)"),
      ("tf32", 875, sp("1.75 P") + "; HGX B100 8-GPU total 14 PFLOPS / 8"),
      ("bf16", 1750, sp("3.5 P") + "; HGX B100 8-GPU total 28 PFLOPS / 8"),
      ("fp16", 1750, sp("3.5 P")), ("fp8", 3500, sp("7 P") + "; HGX B100 8-GPU total 56 PFLOPS / 8"),
      ("int8", 3500, sp("7 P", "OPS") + "; integer ops/s"), ("fp4", 7000, sp("14 P"))],
     8000, (7700, 8000, "triangular",
            "HGX B100 8-GPU 'up to 64 TB/s' = 8.0 TB/s per GPU (mode, high); third-party databases list 7.7 TB/s as for B200 (low)")),
    ("nvidia-t4-pcie-16gb", "nvidia", "t4",
     [("fp32", 8.1, "single precision"), ("fp16", 65, "mixed precision FP16/FP32 tensor (Turing has no sparsity)"),
      ("int8", 130, "INT8 TOPS; integer ops/s")], 320, None),
    ("nvidia-l4-pcie-24gb", "nvidia", "l4",
     [("fp32", 30.3, "FP32"), ("tf32", 60, sp("120")), ("bf16", 121, sp("242")), ("fp16", 121, sp("242")),
      ("fp8", 242.5, sp("485")), ("int8", 242.5, sp("485", "TOPS") + "; integer ops/s")], 300, None),
    ("nvidia-l40s-pcie-48gb", "nvidia", "l40s",
     [("fp32", 91.6, "FP32"), ("tf32", 183, sp("366")), ("bf16", 362.05, "datasheet dense figure (733 with sparsity)"),
      ("fp16", 362.05, "datasheet dense figure (733 with sparsity)"), ("fp8", 733, sp("1,466")),
      ("int8", 733, sp("1,466", "TOPS") + "; integer ops/s")], 864, None),
    ("nvidia-l40-pcie-48gb", "nvidia", "l40",
     [("fp32", 90.5, "FP32"), ("tf32", 90.5, sp("181")), ("bf16", 181.05, "datasheet dense figure (362.1 with sparsity)"),
      ("fp16", 181.05, "datasheet dense figure (362.1 with sparsity)"), ("fp8", 362, sp("724")),
      ("int8", 362, sp("724", "TOPS") + "; integer ops/s")], 864, None),
    ("nvidia-a10-pcie-24gb", "nvidia", "a10",
     [("fp32", 31.2, "FP32"), ("tf32", 62.5, sp("125")), ("bf16", 125, sp("250")), ("fp16", 125, sp("250")),
      ("int8", 250, sp("500", "TOPS") + "; integer ops/s")], 600, None),
    ("nvidia-a40-pcie-48gb", "nvidia", "a40",
     [("fp32", 37.4, "FP32 (non-tensor)"), ("tf32", 74.8, "datasheet dense figure (149.6 with sparsity)"),
      ("bf16", 149.7, "datasheet dense figure (299.4 with sparsity)"), ("fp16", 149.7, "datasheet dense figure, FP16 with FP16 accumulate (299.4 with sparsity)"),
      ("int8", 299.3, "datasheet dense figure (598.6 with sparsity); integer ops/s")], 696, None),
    ("nvidia-a30-pcie-24gb", "nvidia", "a30",
     [("fp32", 10.3, "FP32"), ("tf32", 82, sp("165")), ("bf16", 165, sp("330")), ("fp16", 165, sp("330")),
      ("int8", 330, sp("661", "TOPS") + "; integer ops/s")], 933, None),
    ("amd-mi250x-oam-128gb", "amd", "mi250x",
     [("fp32", 47.9, "vector FP32; matrix FP32 (MFMA) peak is 95.7 TFLOPS"), ("fp16", 383, "matrix FP16"),
      ("bf16", 383, "matrix bf16"), ("int8", 383, "matrix INT8 TOPS; integer ops/s")], 3276.8, None),
    ("amd-mi250-oam-128gb", "amd", "mi250",
     [("fp32", 45.3, "vector FP32; matrix FP32 peak is 90.5 TFLOPS"), ("fp16", 362.1, "matrix FP16"),
      ("bf16", 362.1, "matrix bf16"), ("int8", 362.1, "matrix INT8 TOPS; integer ops/s")], 3276.8, None),
    ("amd-mi210-pcie-64gb", "amd", "mi210",
     [("fp32", 22.6, "vector FP32; matrix FP32 peak is 45.3 TFLOPS"), ("fp16", 181, "matrix FP16"),
      ("bf16", 181, "matrix bf16"), ("int8", 181, "matrix INT8 TOPS; integer ops/s")], 1638.4, None),
    ("amd-mi300x-oam-192gb", "amd", "mi300x",
     [("fp32", 163.4, "FP32 vector and matrix"), ("tf32", 653.7, "matrix TF32 (1,307.4 with sparsity)"),
      ("bf16", 1307.4, "matrix bf16 (2,614.9 with sparsity)"), ("fp16", 1307.4, "matrix FP16 (2,614.9 with sparsity)"),
      ("fp8", 2614.9, "matrix FP8 (5,229.8 with sparsity)"), ("int8", 2614.9, "matrix INT8 TOPS (5,229.8 with sparsity); integer ops/s")],
     5300, None),
    ("amd-mi325x-oam-256gb", "amd", "mi325x",
     [("fp32", 163.4, "FP32; same CDNA 3 compute die configuration and peaks as MI300X"), ("tf32", 653.7, "matrix TF32"),
      ("bf16", 1307.4, "matrix bf16"), ("fp16", 1307.4, "matrix FP16"), ("fp8", 2614.9, "matrix FP8"),
      ("int8", 2614.9, "matrix INT8 TOPS; integer ops/s")], 6000, None),
    ("google-tpu-v2-chip-16gb", "google", "tpuv2",
     [("bf16", 45, "180 teraflops per 4-chip Cloud TPU v2 device / 4 (Jouppi et al. 2021 print 46); TPUs have no sparsity mode")],
     None, None),
    ("google-tpu-v3-chip-32gb", "google", "tpuv3", [("bf16", 123, "peak compute per chip (bf16)")], 900, None),
    ("google-tpu-v4-chip-32gb", "google", "tpuv4",
     [("bf16", 275, "peak compute per chip (bf16 or int8)"), ("int8", 275, "peak per chip (bf16 or int8); integer ops/s")], 1200, None),
    ("google-tpu-v5e-chip-16gb", "google", "tpuv5e",
     [("bf16", 197, "peak compute per chip (bf16)"), ("int8", 393, "peak per chip (Int8) TOPs; integer ops/s")],
     819, (819, 859, "triangular",
           "the v5e page prints 819 GBps in one version and '800 GiBps' (= 859 GB/s) in another; mode and low 819, high 859")),
    ("google-tpu-v5p-chip-95gb", "google", "tpuv5p", [("bf16", 459, "peak compute per chip (bf16)")], 2765, None),
    ("google-tpu-v6e-chip-32gb", "google", "tpuv6e",
     [("bf16", 918, "peak compute per chip (bf16)"), ("int8", 1836, "peak per chip (Int8) TOPs; integer ops/s")], 1638, None),
    ("intel-gaudi2-oam-96gb", "intel", "gaudi",
     [("bf16", 432, "Peak Compute (BF16), Gaudi 2 column of the product-generations slide (MME matrix engines)")], 2460, None),
    ("intel-gaudi3-oam-128gb", "intel", "gaudi",
     [("bf16", 1835, "BF16 matrix TFLOPs (the vector units add only 28.7 TFLOPS BF16)"), ("fp8", 1835, "FP8 matrix TFLOPs")],
     3670, None),
]

# Figures that could not be re-read through the search tool in this session (recalled from the cited
# datasheet); every other figure was seen in a copy or faithful reproduction of the cited document.
UNVERIFIED = {
    ("nvidia-v100-sxm2-16gb", "fp32"), ("nvidia-v100-sxm2-32gb", "fp32"),
    ("nvidia-v100-pcie-16gb", "fp32"), ("nvidia-v100-pcie-16gb", "fp16"), ("nvidia-v100-pcie-32gb", "fp32"),
    ("nvidia-v100-pcie-32gb", "fp16"), ("nvidia-p100-pcie-16gb", "fp32"), ("nvidia-p100-pcie-16gb", "fp16"),
    ("nvidia-p100-sxm2-16gb", "fp16"),
    ("nvidia-h100-pcie-80gb", "tf32"),
    ("nvidia-h100-nvl-94gb", "fp32"), ("nvidia-h100-nvl-94gb", "tf32"), ("nvidia-h100-nvl-94gb", "bf16"),
    ("nvidia-h100-nvl-94gb", "fp16"), ("nvidia-h100-nvl-94gb", "fp8"), ("nvidia-h100-nvl-94gb", "int8"),
    ("nvidia-h200-nvl-141gb", "fp32"), ("nvidia-h200-nvl-141gb", "tf32"), ("nvidia-h200-nvl-141gb", "bf16"),
    ("nvidia-h200-nvl-141gb", "fp16"), ("nvidia-h200-nvl-141gb", "fp8"), ("nvidia-h200-nvl-141gb", "int8"),
    ("nvidia-a30-pcie-24gb", "fp32"), ("nvidia-a30-pcie-24gb", "tf32"), ("nvidia-a30-pcie-24gb", "bf16"),
    ("nvidia-a30-pcie-24gb", "fp16"), ("nvidia-a30-pcie-24gb", "int8"),
    ("nvidia-a10-pcie-24gb", "tf32"), ("nvidia-a10-pcie-24gb", "bf16"), ("nvidia-a10-pcie-24gb", "fp16"),
    ("nvidia-a10-pcie-24gb", "int8"),
    ("amd-mi325x-oam-256gb", "fp32"), ("amd-mi325x-oam-256gb", "tf32"), ("amd-mi325x-oam-256gb", "bf16"),
    ("amd-mi325x-oam-256gb", "fp16"), ("amd-mi325x-oam-256gb", "fp8"), ("amd-mi325x-oam-256gb", "int8"),
    ("amd-mi300x-oam-192gb", "tf32"), ("amd-mi300x-oam-192gb", "int8"),
}
UNVERIFIED_BW = {"nvidia-v100-pcie-16gb", "nvidia-v100-pcie-32gb", "nvidia-v100-sxm2-16gb", "nvidia-v100-sxm2-32gb",
                 "nvidia-p100-pcie-16gb", "nvidia-p100-sxm2-16gb", "nvidia-h100-nvl-94gb", "nvidia-h200-nvl-141gb",
                 "nvidia-a30-pcie-24gb", "nvidia-a100-pcie-80gb"}
SECONDARY = {"nvidia-b100-sxm6-192gb", "google-tpu-v2-chip-16gb", "intel-gaudi2-oam-96gb", "intel-gaudi3-oam-128gb"}

# The recalled figures above, checked on 2026-12-01 against stored copies of the vendors' tables (no figure
# disagreed): where each accelerator's figures were found. Primary: the vendor's own text.
CHECKED = {
    "nvidia-v100": "a transcription of the cited V100 datasheet table (GitHub cx2a/Guts, 01_warmup/README.md; secondary)",
    "nvidia-p100": "reproductions of the cited P100 datasheet table (e.g. UAB Cheaha GPU docs; secondary)",
    "nvidia-a100-pcie-80gb": "a transcription of the A100 80GB datasheet table (GitHub cx2a/Guts; secondary)",
    "nvidia-h100-pcie-80gb": ("an NVIDIA partner's copy of NVIDIA's 2022 H100 table (HPC Tech: 756 TFLOPS TF32 with "
                              "sparsity, half without; secondary). The current datasheet has no PCIe column"),
    "nvidia-h100-nvl-94gb": "copies of NVIDIA's H100 table, NVL column (secondary; some sources give 3,938 GB/s)",
    "nvidia-h200-nvl-141gb": ("NVIDIA's H200 product page as crawled 2026-07-05 (primary); one secondary note says the "
                              "NVL datasheet gives 4.2 TB/s bandwidth, not seen"),
    "nvidia-a10-pcie-24gb": "copies of NVIDIA's A10 table (secondary)",
    "nvidia-a30-pcie-24gb": ("copies of NVIDIA's A30 product-page figures (secondary; TF32 only as its sparse 165, "
                             "whose half NVIDIA prints as 82)"),
    "amd-mi300x-oam-192gb": "AMD's ROCm documentation (ROCm/ROCm docs/conceptual/gpu-arch/mi300.md; primary)",
    "amd-mi325x-oam-256gb": ("an AMD ROCm blog post (BF16, FP8, INT8; vendor-written) and a third-party table (FP32, "
                             "TF32, FP16; secondary)"),
}


def checked_flag(acc: str) -> str:
    """The note of a figure first recalled, then checked against a copy of the cited table."""
    where = CHECKED.get(acc) or next((v for k, v in CHECKED.items() if acc.startswith(k + "-")), None)
    if where is None:
        return " NOT RE-READ in this session: recalled from the cited datasheet; verify before relying on it."
    return f" First recalled from the cited datasheet; checked on 2026-12-01 against {where}: the figure agrees."


def peak(acc: str, prec: str) -> float:
    """Dense peak [FLOP/s] of an accelerator at a precision, from ACCEL."""
    for a, _v, _s, precs, _bw, _spec in ACCEL:
        if a == acc:
            for p, tf, _n in precs:
                if p == prec:
                    return float(round(tf * T))
    raise KeyError((acc, prec))


def bandwidth(acc: str) -> float:
    for a, _v, _s, _p, bw, _spec in ACCEL:
        if a == acc:
            return bw
    raise KeyError(acc)


def accelerator_rows() -> list[list]:
    rows = []
    for acc, vendor, skey, precs, bw, bwspec in ACCEL:
        src, url, year, lic = SRC[skey]
        for prec, tf, note in precs:
            v = float(round(tf * T))
            flag = ""
            if (acc, prec) in UNVERIFIED:
                flag = checked_flag(acc)
            elif acc in SECONDARY:
                flag = " Seen only through a secondary reproduction of the cited document."
            notes = (f"Peak DENSE {prec.upper()} throughput {num(tf)} T(FL)OP/s = {num(v)} FLOP/s: {note}. "
                     "Exact vendor specification (constant); boost-clock theoretical peak, not sustained." + flag)
            rows.append([f"accel.{acc}.peak_flops_{prec}", f"peak_flops_{prec}", acc, vendor, "", num(v), "FLOP/s",
                         num(v), num(v), "constant", year, src, url, lic, notes])
        if bw is None:
            continue
        flag = ""
        if acc in UNVERIFIED_BW:
            flag = checked_flag(acc)
        elif acc in SECONDARY:
            flag = " Seen only through a secondary reproduction of the cited document."
        if bwspec is None:
            lo = hi = bw
            dist = "constant"
            extra = "Peak memory bandwidth from the vendor specification (exact fact, constant)."
        else:
            lo, hi, dist, why = bwspec
            extra = f"Peak memory bandwidth; range: {why}."
        rows.append([f"accel.{acc}.memory_bandwidth", "memory_bandwidth", acc, vendor, "", num(bw), "GB/s",
                     num(lo), num(hi), dist, year, src, url, lic,
                     extra + " 1 GB/s = 1e9 bytes/s (decimal, as vendors print TB/s)." + flag])
    return rows


# =====================================================================================================
# 2 and 3. Published training runs: reported MFU and the effective MFU implied by device-hours
# =====================================================================================================
S = {
    "llama1": ("Touvron et al. 2023, LLaMA: Open and Efficient Foundation Language Models (arXiv:2302.13971), Table 2 (params, tokens), Sec. 2.4 (380 tokens/s/GPU on 2048 A100-80GB), Table 15 (GPU-hours)",
               "https://arxiv.org/abs/2302.13971", 2023, FAIR),
    "llama2": ("Touvron et al. 2023, Llama 2: Open Foundation and Fine-Tuned Chat Models (arXiv:2307.09288), Table 1 (tokens) and Table 2 (GPU-hours, A100-80GB)",
               "https://arxiv.org/abs/2307.09288", 2023, "Llama 2 Community License (facts from paper/model card)"),
    "llama3": ("Meta 2024, Meta Llama 3 model card (meta-llama/llama3 MODEL_CARD.md), Carbon Footprint table (H100-80GB GPU-hours)",
               "https://github.com/meta-llama/llama3/blob/main/MODEL_CARD.md", 2024, "Meta Llama 3 Community License (facts from model card)"),
    "llama31": ("Meta 2024, Llama 3.1 model card (meta-llama/llama-models models/llama3_1/MODEL_CARD.md), Training Energy Use table (H100-80GB GPU-hours)",
                "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md", 2024, "Llama 3.1 Community License (facts from model card)"),
    "llama3paper": ("Llama Team 2024, The Llama 3 Herd of Models (arXiv:2407.21783), Sec. 3.3.2 Table 4 (405B scaling configurations: GPUs, TP/CP/PP/DP, TFLOPs/GPU, BF16 MFU) and Sec. 3.3 (15.6T tokens, up to 16K H100)",
                    "https://arxiv.org/abs/2407.21783", 2024, FAIR),
    "llama32": ("Meta 2024, Llama 3.2 model card (meta-llama/llama-models models/llama3_2/MODEL_CARD.md), Training Energy Use table",
                "https://github.com/meta-llama/llama-models/blob/main/models/llama3_2/MODEL_CARD.md", 2024, "Llama 3.2 Community License (facts from model card)"),
    "llama4": ("Meta 2025, Llama 4 model card (meta-llama/llama-models models/llama4/MODEL_CARD.md), Training Energy Use table and model table (17B active parameters)",
               "https://github.com/meta-llama/llama-models/blob/main/models/llama4/MODEL_CARD.md", 2025, "Llama 4 Community License (facts from model card)"),
    "opt": ("Zhang et al. 2022, OPT: Open Pre-trained Transformer Language Models (arXiv:2205.01068), Sec. 2.4 (992 80GB A100, up to 147 TFLOP/s per GPU, ~180B tokens); GPU-hours 809,472 = 992 GPUs x 34 days from Touvron et al. 2023 (LLaMA) Table 15",
            "https://arxiv.org/abs/2205.01068", 2022, FAIR),
    "bloom": ("BigScience Workshop 2022, BLOOM: A 176B-Parameter Open-Access Multilingual Language Model (arXiv:2211.05100), Sec. 3 (384 A100 80GB, 366B tokens); GPU-hours 1,082,990 from Luccioni, Viguier, Ligozat 2023, JMLR 24(253) Table 1; throughput 'about 150 TFLOPs' from the BigScience 176B training page",
              "https://arxiv.org/abs/2211.05100", 2022, FAIR),
    "bloom_page": ("BigScience 2022, 'BigScience 176B Model' training page (engineering side: 384 A100 80GB, training throughput about 150 TFLOPs)",
                   "https://bigscience.notion.site/BigScience-176B-Model-ad073ca07cdf479398d5f95d88e218c4", 2022, FAIR),
    "gopher": ("Rae et al. 2021, Scaling Language Models: Methods, Analysis & Insights from Training Gopher (arXiv:2112.11446), Table 1, Sec. 3, App. F (4096 TPUv3 chips, 920 h)",
               "https://arxiv.org/abs/2112.11446", 2021, FAIR),
    "palm": ("Chowdhery et al. 2022, PaLM: Scaling Language Modeling with Pathways (arXiv:2204.02311), JMLR 24(240), Sec. 4 / Table 3 (MFU 46.2%, HFU 57.8%) and App. B (6144 TPU v4 chips x 1200 h + 3072 x 336 h)",
             "https://arxiv.org/abs/2204.02311", 2022, FAIR),
    "palm_t3": ("Chowdhery et al. 2022, PaLM (arXiv:2204.02311), Table 3 (model FLOPs utilization of GPT-3, Gopher, Megatron-Turing NLG and PaLM)",
                "https://arxiv.org/abs/2204.02311", 2022, FAIR),
    "gpt3": ("Brown et al. 2020, Language Models are Few-Shot Learners (arXiv:2005.14165), Table D.1 (3.14e23 FLOPs, 300B tokens); device-hours = Patterson et al. 2021 (arXiv:2104.10350) Table 4 estimate, 10,000 V100 x 14.8 days",
             "https://arxiv.org/abs/2104.10350", 2021, FAIR),
    "megascale": ("Jiang et al. 2024, MegaScale: Scaling Large Language Model Training to More Than 10,000 GPUs, NSDI 2024 (arXiv:2402.15627), abstract and Sec. 6 (175B model, 12,288 GPUs, 55.2% MFU, 1.34x Megatron-LM)",
                  "https://arxiv.org/abs/2402.15627", 2024, FAIR),
    "narayanan": ("Narayanan et al. 2021, Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM, SC21 (arXiv:2104.04473): 1T-parameter GPT on 3072 A100 at 502 PFLOP/s (163 TFLOP/s per GPU, 52% of peak)",
                  "https://arxiv.org/abs/2104.04473", 2021, FAIR),
    "starcoder": ("Li et al. 2023, StarCoder: may the source be with you! (arXiv:2305.06161), TMLR 2023, Sec. 5 (1T tokens, 512 A100 80GB) and Sec. 5.7 (320,256 GPU-hours)",
                  "https://arxiv.org/abs/2305.06161", 2023, FAIR),
    "falcon": ("Almazrouei et al. 2023, The Falcon Series of Open Language Models (arXiv:2311.16867), Table 1 (180B, 3,500B tokens, up to 4,096 A100 40GB); ~7,000,000 GPU-hours from Hugging Face / TII 2023, 'Spread Your Wings: Falcon 180B is here'",
               "https://huggingface.co/blog/falcon-180b", 2023, FAIR),
    "deepseek": ("DeepSeek-AI 2024, DeepSeek-V3 Technical Report (arXiv:2412.19437), Table 1 (pre-training 2,664K, context extension 119K, post-training 5K, total 2,788K H800 GPU-hours) and Sec. 1/3 (671B total, 37B activated parameters, 14.8T tokens, 2048 H800, FP8 mixed precision)",
                 "https://arxiv.org/abs/2412.19437", 2024, FAIR),
}

# Run table: run id -> dict. parameters/active are counts; tokens; device_hours [h]; n_devices (None when
# not published); accelerator id; family; precision of the training matmuls; source key; published FLOPs
# (None when not published); notes.
RUNS = [
    dict(run="llama-7b", model="LLaMA-7B", params=6.7e9, active=6.7e9, tokens=1.0e12, dh=82432, n=None,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="bf16", src="llama1", flops=None,
         notes="GPU-hours from Table 15 are Meta's own (A100-80GB). Precision: mixed precision on A100, taken as the 312 TFLOP/s bf16/fp16 dense peak (the paper does not print the dtype)."),
    dict(run="llama-13b", model="LLaMA-13B", params=13.0e9, active=13.0e9, tokens=1.0e12, dh=135168, n=None,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="bf16", src="llama1", flops=None, notes="As LLaMA-7B."),
    dict(run="llama-33b", model="LLaMA-33B", params=32.5e9, active=32.5e9, tokens=1.4e12, dh=530432, n=None,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="bf16", src="llama1", flops=None, notes="As LLaMA-7B."),
    dict(run="llama-65b", model="LLaMA-65B", params=65.2e9, active=65.2e9, tokens=1.4e12, dh=1022362, n=2048,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="bf16", src="llama1", flops=None,
         notes="2048 GPUs, ~21 days: the GPU-hours are consistent with the stated 380 tokens/s/GPU (1.4e12 / 380 / 3600 = 1.02M h), so this row is NOT an independent measurement of restarts."),
    dict(run="llama-2-7b", model="Llama 2 7B", params=7e9, active=7e9, tokens=2e12, dh=184320, n=None,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="bf16", src="llama2", flops=None,
         notes="Nominal 7B (6.74B actual: effective MFU would be 4% lower). RSC cluster capped GPUs at 400 W, production cluster at 350 W, which lowers the achievable clock."),
    dict(run="llama-2-13b", model="Llama 2 13B", params=13e9, active=13e9, tokens=2e12, dh=368640, n=None,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="bf16", src="llama2", flops=None, notes="As Llama 2 7B."),
    dict(run="llama-2-34b", model="Llama 2 34B (not released)", params=34e9, active=34e9, tokens=2e12, dh=1038336, n=None,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="bf16", src="llama2", flops=None, notes="Listed in Table 2; the model was not released."),
    dict(run="llama-2-70b", model="Llama 2 70B", params=70e9, active=70e9, tokens=2e12, dh=1720320, n=None,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="bf16", src="llama2", flops=None, notes="As Llama 2 7B."),
    dict(run="llama-3-8b", model="Llama 3 8B", params=8e9, active=8e9, tokens=15e12, dh=1.3e6, n=None,
         acc="nvidia-h100-sxm5-80gb", fam="nvidia-h100", prec="bf16", src="llama3", flops=None,
         notes="'15T+' tokens (lower bound: effective MFU is a lower bound too). 8K context: attention FLOPs (not in 6ND) are relatively large for a small model. Likely includes experimental/ablation time."),
    dict(run="llama-3-70b", model="Llama 3 70B", params=70e9, active=70e9, tokens=15e12, dh=6.4e6, n=None,
         acc="nvidia-h100-sxm5-80gb", fam="nvidia-h100", prec="bf16", src="llama3", flops=None, notes="'15T+' tokens (lower bound)."),
    dict(run="llama-3.1-8b", model="Llama 3.1 8B", params=8e9, active=8e9, tokens=15e12, dh=1.46e6, n=None,
         acc="nvidia-h100-sxm5-80gb", fam="nvidia-h100", prec="bf16", src="llama31", flops=None,
         notes="'~15T' tokens; GPU-hours include long-context stages (128K), whose attention FLOPs 6ND omits."),
    dict(run="llama-3.1-70b", model="Llama 3.1 70B", params=70e9, active=70e9, tokens=15e12, dh=7.0e6, n=None,
         acc="nvidia-h100-sxm5-80gb", fam="nvidia-h100", prec="bf16", src="llama31", flops=None, notes="As Llama 3.1 8B."),
    dict(run="llama-3.1-405b", model="Llama 3.1 405B", params=405e9, active=405e9, tokens=15.6e12, dh=30.84e6, n=16384,
         acc="nvidia-h100-sxm5-80gb", fam="nvidia-h100", prec="bf16", src="llama31", flops=3.8e25,
         notes="Tokens 15.6T and FLOPs 3.8e25 from the Llama 3 Herd paper (arXiv:2407.21783, Sec. 3.3 / scaling-law section); 16,384 GPUs at peak. BF16 training."),
    dict(run="llama-3.2-1b", model="Llama 3.2 1B", params=1.23e9, active=1.23e9, tokens=9e12, dh=370000, n=None,
         acc="nvidia-h100-sxm5-80gb", fam="nvidia-h100", prec="bf16", src="llama32", flops=None,
         notes="'up to 9T' tokens; trained with pruning and logit distillation from Llama 3.1 8B/70B, whose teacher FLOPs are not in 6ND: an outlier, do not use for defaults."),
    dict(run="llama-3.2-3b", model="Llama 3.2 3B", params=3.21e9, active=3.21e9, tokens=9e12, dh=460000, n=None,
         acc="nvidia-h100-sxm5-80gb", fam="nvidia-h100", prec="bf16", src="llama32", flops=None, notes="As Llama 3.2 1B (outlier)."),
    dict(run="llama-4-scout", model="Llama 4 Scout (MoE, 16 experts)", params=109e9, active=17e9, tokens=40e12, dh=5.0e6, n=None,
         acc="nvidia-h100-sxm5-80gb", fam="nvidia-h100", prec="bf16", src="llama4", flops=None,
         notes="MoE: 6ND uses the 17B active parameters. '~40T' multimodal tokens. Meta states Llama 4 pre-training used FP8; against the FP8 dense peak the effective MFU is half the value given here (computed against BF16 for comparability)."),
    dict(run="llama-4-maverick", model="Llama 4 Maverick (MoE, 128 experts)", params=400e9, active=17e9, tokens=22e12, dh=2.38e6, n=None,
         acc="nvidia-h100-sxm5-80gb", fam="nvidia-h100", prec="bf16", src="llama4", flops=None,
         notes="MoE, 17B active; '~22T' tokens; co-distilled from Llama 4 Behemoth (teacher FLOPs not counted). FP8 caveat as Scout."),
    dict(run="opt-175b", model="OPT-175B", params=175e9, active=175e9, tokens=180e9, dh=809472, n=992,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="fp16", src="opt", flops=None,
         notes="FP16 weights with dynamic loss scaling. Device-hours are Meta's estimate (992 GPUs x 34 days, LLaMA Table 15), so they include the many restarts documented in the OPT logbook."),
    dict(run="bloom-176b", model="BLOOM-176B", params=176.247e9, active=176.247e9, tokens=366e9, dh=1082990, n=384,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="bf16", src="bloom", flops=None,
         notes="366B tokens seen (341B unique + 25B repeated); 1,082,990 GPU-hours over ~3.5 months on Jean Zay (includes restarts)."),
    dict(run="gopher-280b", model="Gopher", params=280e9, active=280e9, tokens=300e9, dh=3768320, n=4096,
         acc="google-tpu-v3-chip-32gb", fam="google-tpu-v3", prec="bf16", src="gopher", flops=None,
         notes="Device-hours derived: 4096 TPUv3 chips x 920 h (App. F)."),
    dict(run="palm-540b", model="PaLM 540B", params=540.35e9, active=540.35e9, tokens=780e9, dh=8404992, n=6144,
         acc="google-tpu-v4-chip-32gb", fam="google-tpu-v4", prec="bf16", src="palm", flops=None,
         notes="Device-hours derived: 6144 chips x 1200 h + 3072 chips x 336 h (incl. downtime and repeated steps)."),
    dict(run="gpt-3-175b", model="GPT-3 175B", params=175e9, active=175e9, tokens=300e9, dh=3552000, n=10000,
         acc="nvidia-v100-sxm2-32gb", fam="nvidia-v100", prec="fp16", src="gpt3", flops=3.14e23,
         notes="ESTIMATED device-hours: Patterson et al. 2021's figure for OpenAI's run (10,000 V100 x 14.8 days), not published by OpenAI; V100 memory variant unknown (peak is the same for SXM2 16/32 GB)."),
    dict(run="starcoderbase-15b", model="StarCoderBase 15.5B", params=15.5e9, active=15.5e9, tokens=1e12, dh=320256, n=512,
         acc="nvidia-a100-sxm4-80gb", fam="nvidia-a100", prec="bf16", src="starcoder", flops=None,
         notes="8K context: attention FLOPs, omitted from 6ND, add +13% (Kaplan et al. 2020 count, 6 x n_layer x n_ctx x d_model per token: 6 x 40 x 8192 x 6144) to +26% (PaLM's count, twice that), so the effective MFU is biased low."),
    dict(run="falcon-180b", model="Falcon-180B", params=180e9, active=180e9, tokens=3.5e12, dh=7.0e6, n=4096,
         acc="nvidia-a100-sxm4-40gb", fam="nvidia-a100", prec="bf16", src="falcon", flops=None,
         notes="'~7,000,000 GPU hours' has one significant figure (6.5-7.5M plausible: effective MFU 0.45-0.52). AWS SageMaker p4d (A100 40GB SXM4)."),
    dict(run="deepseek-v3", model="DeepSeek-V3 (MoE)", params=671e9, active=37e9, tokens=14.8e12, dh=2.664e6, n=2048,
         acc="nvidia-h800-sxm5-80gb", fam="nvidia-h100", prec="bf16", src="deepseek", flops=None,
         notes="Pre-training only (2,664K of 2,788K H800 GPU-hours). H800 is NOT in factors/accelerators.csv: it is the export variant of the H100 SXM with reduced NVLink/FP64 and, as far as published, the same dense tensor peaks (989.5 TFLOP/s BF16, 1979 FP8) - stated assumption. Trained in FP8 mixed precision: against the FP8 peak the effective MFU is half the value here. 6ND excludes MLA attention and the multi-token-prediction module."),
]

# H800 dense BF16 peak: assumed equal to the H100 SXM (see the deepseek-v3 notes).
EXTRA_PEAK = {("nvidia-h800-sxm5-80gb", "bf16"): 989.5 * T}


def run_peak(r: dict) -> float:
    return EXTRA_PEAK.get((r["acc"], r["prec"])) or peak(r["acc"], r["prec"])


def flops_6nd(r: dict) -> float:
    return 6.0 * r["active"] * r["tokens"]


def eff_mfu(r: dict) -> float:
    return flops_6nd(r) / (r["dh"] * 3600.0 * run_peak(r))


def scale_of(n) -> tuple[str, str]:
    if n is None:
        return "unpublished", "unk"
    return (">=1k devices", "ge1k") if n >= 1000 else ("<1k devices", "lt1k")


# Reported MFU (or hardware utilisation where that is what the source gives). Each: run, family,
# n_devices, accelerator, value, low, high, distribution, source key, notes.
REPORTED = [
    ("palm-540b", "google-tpu-v4", 6144, 0.462, 0.462, 0.462, "constant", "palm",
     "MFU as defined by PaLM (observed tokens/s x model FLOPs per token incl. attention, over peak bf16; no rematerialisation). HFU (with rematerialisation) 57.8%. Measured during training, excludes restarts."),
    ("gopher-280b", "google-tpu-v3", 4096, 0.325, 0.325, 0.325, "constant", "palm_t3",
     "Gopher MFU as computed by the PaLM authors (Table 3: 'Gopher 280B 4096 TPU v3 32.5%'). First recalled; checked on 2026-12-01 against two transcriptions of PaLM Table 3 (secondary): the figure agrees."),
    ("gpt-3-175b", "nvidia-v100", 10000, 0.213, 0.213, 0.213, "constant", "palm_t3",
     "GPT-3 MFU as computed by the PaLM authors (Table 3) on V100. First recalled; checked on 2026-12-01 against two transcriptions of PaLM Table 3 (secondary): the figure agrees. Table 3 gives no device count for GPT-3: the 10,000 V100s are Patterson et al. 2021's (arXiv:2104.10350, Table 4)."),
    ("mt-nlg-530b", "nvidia-a100", 2240, 0.302, 0.302, 0.302, "constant", "palm_t3",
     "Megatron-Turing NLG 530B on 2240 A100 as computed by the PaLM authors (Table 3). First recalled; checked on 2026-12-01 against two transcriptions of PaLM Table 3 (secondary): the figure agrees."),
    ("llama-3.1-405b-8k-gpus", "nvidia-h100", 8192, 0.43, 0.43, 0.43, "constant", "llama3paper",
     "BF16 MFU, 8,192 GPUs, TP8 CP1 PP16, 16M tokens/batch, 430 TFLOPs/GPU (Table 4). Table seen via a reproduction (Balaji, SC'24 slide, as transcribed by G. Lockwood)."),
    ("llama-3.1-405b", "nvidia-h100", 16384, 0.41, 0.38, 0.43, "uniform",
     "llama3paper",
     "Main 16,384-GPU pre-training configuration: 400 TFLOPs/GPU = 41% BF16 MFU; range: the paper's 38% (16K GPUs with CP16 for 131K-token sequences, 380 TFLOPs/GPU) to 43% (8K GPUs). One system boundary (measured step throughput, restarts excluded)."),
    ("megascale-175b", "nvidia-a100", 12288, 0.552, 0.552, 0.552, "constant", "megascale",
     "MegaScale (ByteDance) 175B model on 12,288 GPUs, 55.2% MFU; a production system benchmark over a training window, not a full published run. GPU model: Ampere-generation per the paper (A100 peak assumed). The 55.2% on 12,288 GPUs was checked on 2026-12-01 against reproductions of the paper's abstract (secondary)."),
    ("llama-65b", "nvidia-a100", 2048, 0.4765, 0.4765, 0.4765, "constant", "llama1",
     "DERIVED: 6 x 65.2e9 x 380 tokens/s/GPU / 312e12 = 0.4765 (6ND model FLOPs, attention excluded; the paper gives throughput, not MFU)."),
    ("opt-175b", "nvidia-a100", 992, 0.471, 0.471, 0.471, "constant", "opt",
     "DERIVED: 'up to 147 TFLOP/s per GPU' / 312 = 0.471 (an upper bound: peak sustained throughput, FP16). Whether metaseq counted recomputation is not stated. Seen via a secondary summary of the paper."),
    ("bloom-176b", "nvidia-a100", 384, 0.42, 0.36, 0.48, "uniform", "bloom_page",
     "DERIVED: 'about 150 TFLOPs' / 312 = 0.48. Megatron-DeepSpeed reports hardware FLOPs including activation recomputation; with full recomputation model FLOPs are 3/4 of that (0.36). Range = these two readings of one figure (uniform), value = midpoint."),
    ("megatron-1t-benchmark", "nvidia-a100", 3072, 0.52, 0.52, 0.52, "constant", "narayanan",
     "Benchmark (not trained to convergence): 163 TFLOP/s per A100 = 52% of peak, FLOPs counted WITH activation recomputation (hardware FLOPs utilisation). Seen via a secondary summary."),
]


def published_rows() -> list[list]:
    header = ["run", "model", "parameters", "active_parameters", "tokens", "flops", "flops_6nd", "accelerator",
              "n_devices", "device_hours", "precision", "peak_flops_per_device", "effective_mfu", "source", "url", "notes"]
    rows = []
    for r in RUNS:
        src, url, _y, _l = S[r["src"]]
        rows.append([r["run"], r["model"], num(r["params"]), num(r["active"]), num(r["tokens"]),
                     num(r["flops"]) if r["flops"] else "", num(flops_6nd(r)), r["acc"],
                     num(r["n"]) if r["n"] else "", num(r["dh"]), r["prec"], num(run_peak(r)),
                     f"{eff_mfu(r):.4f}", src, url,
                     r["notes"] + " effective_mfu = 6 x active_parameters x tokens / (device_hours x 3600 x peak_flops_per_device); attention FLOPs excluded."])
    return header, rows


def mfu_rows() -> list[list]:
    rows = []
    for run, fam, n, v, lo, hi, dist, skey, notes in REPORTED:
        scale, slug = scale_of(n)
        src, url, year, lic = S[skey]
        rows.append([f"mfu.{fam}.{slug}.{run}.mfu", "mfu", fam, scale, run, num(v), "fraction", num(lo), num(hi), dist,
                     year, src, url, lic, f"{n:,} devices. " + notes])
    for r in RUNS:
        scale, slug = scale_of(r["n"])
        src, url, year, lic = S[r["src"]]
        e = eff_mfu(r)
        notes = (f"DERIVED effective MFU = 6 x {num(r['active'])} x {num(r['tokens'])} / ({num(r['dh'])} h x 3600 x "
                 f"{num(run_peak(r))} FLOP/s) = {e:.4f}. Counts every published device-hour (restarts, evaluation, "
                 "checkpointing, stragglers) and only 6ND model FLOPs (attention and recomputation excluded). "
                 "Exact arithmetic on published figures (constant). " + r["notes"])
        rows.append([f"mfu.{r['fam']}.{slug}.{r['run']}.effective_mfu", "effective_mfu", r["fam"], scale, r["run"],
                     f"{e:.4f}", "fraction", f"{e:.4f}", f"{e:.4f}", "constant", year, src, url, lic, notes])
    # ---- defaults -------------------------------------------------------------------------------
    base = [r for r in RUNS if r["run"] not in DEFAULT_EXCLUDE]
    vals = sorted(eff_mfu(r) for r in base)
    q = statistics.quantiles(vals, n=20, method="inclusive")  # 5% steps
    p05, p50, p95 = q[0], statistics.median(vals), q[-1]
    lo, hi = round(p05, 2), round(p95, 2)
    mid = round((lo + hi) / 2, 3)
    runs_txt = ", ".join(f"{r['run']} {eff_mfu(r):.2f}" for r in sorted(base, key=eff_mfu))
    rows.append(["mfu.any.any.default.effective_mfu", "effective_mfu", "any", "any", "default", num(mid), "fraction",
                 num(lo), num(hi), "normal", 2025,
                 "footprint project estimate from the 25 published runs of the work validation set (published_device_hours.csv, built by scripts/factor_builders/work/build.py; sources per run there)",
                 PROJ_URL, PROJ_LIC,
                 f"RECOMMENDED DEFAULT for device-hours = FLOPs / (peak x effective_mfu x 3600) when a training phase gives its work. "
                 f"5th/95th percentiles of the effective MFU of {len(base)} published runs (one basis: 6ND model FLOPs over ALL published "
                 f"device-hours at the training dtype's dense peak): {p05:.3f} / {p95:.3f}, rounded to {lo} / {hi}. Normal, not lognormal, "
                 f"because the sample is symmetric to slightly left-skewed: empirical median {p50:.3f} vs mean of the bounds {mid} "
                 f"(a lognormal through the same percentiles would put its median at {math.sqrt(lo * hi):.3f}, below most runs). "
                 f"Runs: {runs_txt}. Excluded: {', '.join(sorted(DEFAULT_EXCLUDE))} (distillation from larger teachers). "
                 "Judgement: runs of different years, hardware and software are pooled; A100-era runs sit higher than H100-era runs "
                 "(see the family rows)."])
    mvals = sorted(v for _r, _f, _n, v, _l, _h, _d, _s, _no in REPORTED)
    mlo, mhi, mmode = min(mvals), max(mvals), statistics.median(mvals)
    rows.append(["mfu.any.any.default.mfu", "mfu", "any", "any", "default", num(mmode), "fraction", num(mlo), num(mhi),
                 "triangular", 2025,
                 "footprint project estimate from the reported MFU rows of this table (sources per row)",
                 PROJ_URL, PROJ_LIC,
                 f"Step-time MFU as reported by training papers (restarts excluded), for users who give the MFU of a healthy run. "
                 f"Triangular: bounds = min/max, mode = median of {len(mvals)} reported values ({', '.join(f'{v:.3f}' for v in mvals)}); "
                 "judgement: the sample is small and selected for success. Multiply by an availability factor (published "
                 "effective/reported ratios 0.44-1.0, see the README) to get effective MFU."])
    # family defaults from the effective MFU of each family's runs (min, median, max; triangular)
    for fam in ("nvidia-a100", "nvidia-h100"):
        fv = sorted(eff_mfu(r) for r in base if r["fam"] == fam)
        names = ", ".join(f"{r['run']} {eff_mfu(r):.2f}" for r in sorted(base, key=eff_mfu) if r["fam"] == fam)
        rows.append([f"mfu.{fam}.any.default.effective_mfu", "effective_mfu", fam, "any", "default",
                     f"{statistics.median(fv):.3f}", "fraction", f"{min(fv):.3f}", f"{max(fv):.3f}", "triangular", 2025,
                     "footprint project estimate from the 25 published runs of the work validation set (published_device_hours.csv, built by scripts/factor_builders/work/build.py; sources per run there)",
                     PROJ_URL, PROJ_LIC,
                     f"Family default: triangular, mode = median, bounds = min/max of the effective MFU of {len(fv)} published {fam} runs "
                     f"(same basis as the global default): {names}."])
    return rows


DEFAULT_EXCLUDE = {"llama-3.2-1b", "llama-3.2-3b"}


# =====================================================================================================
# 4. Inference: measured throughput, energy per token, batch efficiency
# =====================================================================================================
MLPERF_SRC = ("MLCommons 2024, MLPerf Inference v4.1 Datacenter results, closed division (results repository "
              "mlcommons/inference_results_v4.1, files closed/<submitter>/results/<system>/<benchmark>/<scenario>/performance/run_1/mlperf_log_summary.txt "
              "and systems/<system>.json; power from .../performance/run_1/spl.txt)")
MLPERF_URL = "https://github.com/mlcommons/inference_results_v4.1"
MLPERF_LIC = "Apache-2.0"
MLE_SRC = ("Chung et al. 2025, The ML.ENERGY Benchmark: Toward Automated Inference Energy Measurement and Optimization, "
           "NeurIPS Datasets & Benchmarks 2025 (arXiv:2505.06371); ML.ENERGY Leaderboard v3 data (ml-energy/leaderboard "
           "public/data/models/<model>__<task>.json, last_updated 2026-02-16)")
MLE_URL = "https://ml.energy/leaderboard"
ORACLE_SRC = ("Oracle Cloud Infrastructure blog 2024, 'Serving Llama 3.1 405B model with AMD MI300X GPUs' (vLLM "
              "benchmark_latency.py, input 128 / output 128 tokens, BM.GPU.MI300X.8, Llama 3.1 405B FP8, all 8 GPUs)")
ORACLE_URL = "https://blogs.oracle.com/cloud-infrastructure/serving-llama-31-405b-model-with-amd-mi300x-gpus"

# MLPerf v4.1 Llama 2 70B (OpenOrca; 'Tokens per second' = generated output tokens per second of the
# whole system) and Mixtral 8x7B. Each: accelerator id, model key, params, active, precision,
# scenario, reference submitter/system, system tokens/s, n accelerators, [other submitters' tokens/s of
# the same accelerator and count], status, TP per replica, system power [W] (MaxQ only).
MLPERF = [
    ("nvidia-h200-sxm5-141gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-offline", "NVIDIA H200-SXM-141GBx8_TRT", 31302.7, 8,
     [32124.3, 31263.8, 31917, 31973.7], "available", 1, None),
    ("nvidia-h200-sxm5-141gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-server", "NVIDIA H200-SXM-141GBx8_TRT", 29228.22, 8,
     [29739.88, 29715.28, 30068.50, 30438.66], "available", 1, None),
    ("nvidia-h200-sxm5-141gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-offline-maxq", "NVIDIA H200-SXM-141GBx8_TRT_MaxQ", 25262.1, 8,
     [], "available", 1, 6153.0),
    ("nvidia-h200-sxm5-141gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-server-maxq", "NVIDIA H200-SXM-141GBx8_TRT_MaxQ", 23113.14, 8,
     [], "available", 1, 6280.2),
    ("nvidia-h100-sxm5-80gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-offline", "NVIDIA DGX-H100_H100-SXM-80GBx8_TRT", 24524.9, 8,
     [24323.6, 24086.7, 24133.7, 24528.3], "available", 2, None),
    ("nvidia-h100-sxm5-80gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-server", "NVIDIA DGX-H100_H100-SXM-80GBx8_TRT", 21605.79, 8,
     [20605.31, 21589.17, 21588.35, 23132.81], "available", 2, None),
    ("nvidia-b200-sxm6-180gb", "llama-2-70b", 70e9, 70e9, "fp4", "mlperf-offline", "NVIDIA B200-SXM-180GBx1_TRT", 11264.4, 1,
     [], "preview", 1, None),
    ("nvidia-b200-sxm6-180gb", "llama-2-70b", 70e9, 70e9, "fp4", "mlperf-server", "NVIDIA B200-SXM-180GBx1_TRT", 10755.59, 1,
     [], "preview", 1, None),
    ("nvidia-h100-nvl-94gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-offline", "Lenovo SR675_V3_8xH100_NVL_TRT", 15875.8, 8,
     [(8858.78, 4), (6673.95, 4)], "available", 2, None),
    ("nvidia-h100-nvl-94gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-server", "Lenovo SR675_V3_8xH100_NVL_TRT", 13074.68, 8,
     [(6927.80, 4), (5788.29, 4)], "available", 2, None),
    ("nvidia-h100-pcie-80gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-offline", "ASUSTeK ESC8000A_E12_H100x8_TRT", 9281.5, 8,
     [], "available", 2, None),
    ("nvidia-h100-pcie-80gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-server", "ASUSTeK ESC8000A_E12_H100x8_TRT", 8094.27, 8,
     [], "available", 2, None),
    ("nvidia-l40s-pcie-48gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-offline", "Fujitsu CDI_L40Sx8_TRT", 3717.74, 8,
     [], "available", None, None),
    ("nvidia-l40s-pcie-48gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-server", "Fujitsu CDI_L40Sx8_TRT", 3218.55, 8,
     [], "available", None, None),
    ("amd-mi300x-oam-192gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-offline", "AMD 8xMI300X_2xEPYC-9374F (vLLM 0.4.3+rocm614)", 23514.8, 8,
     [22677.6, (3062.72, 1)], "available", 1, None),
    ("amd-mi300x-oam-192gb", "llama-2-70b", 70e9, 70e9, "fp8", "mlperf-server", "AMD 8xMI300X_2xEPYC-9374F (vLLM 0.4.3+rocm614)", 21028.23, 8,
     [19886.10, (2520.27, 1)], "available", 1, None),
    ("nvidia-h100-sxm5-80gb", "mixtral-8x7b", 46.7e9, 12.9e9, "fp8", "mlperf-offline", "NVIDIA DGX-H100_H100-SXM-80GBx8_TRT", 52415.9, 8,
     [52524.4, 52395.1, (26824.4, 4), (26641.6, 4)], "available", None, None),
    ("nvidia-h100-sxm5-80gb", "mixtral-8x7b", 46.7e9, 12.9e9, "fp8", "mlperf-server", "NVIDIA DGX-H100_H100-SXM-80GBx8_TRT", 50795.57, 8,
     [50798.81, 50798.49, (25706.98, 4), (25358.45, 4)], "available", None, None),
    ("nvidia-h200-sxm5-141gb", "mixtral-8x7b", 46.7e9, 12.9e9, "fp8", "mlperf-offline", "NVIDIA H200-SXM-141GBx8_TRT", 59022.3, 8,
     [59334.8], "available", None, None),
    ("nvidia-h200-sxm5-141gb", "mixtral-8x7b", 46.7e9, 12.9e9, "fp8", "mlperf-server", "NVIDIA H200-SXM-141GBx8_TRT", 57177.20, 8,
     [57174.12], "available", None, None),
    ("nvidia-h200-sxm5-141gb", "mixtral-8x7b", 46.7e9, 12.9e9, "fp8", "mlperf-offline-maxq", "NVIDIA H200-SXM-141GBx8_TRT_MaxQ", 48987.9, 8,
     [], "available", None, 6154.8),
    ("nvidia-h200-sxm5-141gb", "mixtral-8x7b", 46.7e9, 12.9e9, "fp8", "mlperf-server-maxq", "NVIDIA H200-SXM-141GBx8_TRT_MaxQ", 45496.95, 8,
     [], "available", None, 6174.9),
]

# ML.ENERGY Leaderboard v3 (vLLM; GPU energy only). Each: model id, task, total B params, active B params,
# weight precision, GPU, n GPUs, max_num_seqs, average batch size, output tokens/s (all GPUs), J per output
# token, average GPU power [W] (all GPUs), median inter-token latency [ms], tensor parallel, expert parallel.
MLENERGY = [
    ("meta-llama/Llama-3.1-8B-Instruct", "lm-arena-chat", 8.0, 8.0, "bf16", "B200", 1, 8, 7.958, 1637.3, 0.3905, 639.4, 4.574, 1, 1),
    ("meta-llama/Llama-3.1-8B-Instruct", "lm-arena-chat", 8.0, 8.0, "bf16", "B200", 1, 64, 63.8, 5589.3, 0.1103, 616.5, 8.997, 1, 1),
    ("meta-llama/Llama-3.1-8B-Instruct", "lm-arena-chat", 8.0, 8.0, "bf16", "B200", 1, 256, 255.2, 7664.1, 0.07048, 540.2, 31.69, 1, 1),
    ("meta-llama/Llama-3.1-8B-Instruct", "lm-arena-chat", 8.0, 8.0, "bf16", "H100", 1, 8, 7.978, 1069.6, 0.4548, 486.4, 7.316, 1, 1),
    ("meta-llama/Llama-3.1-8B-Instruct", "lm-arena-chat", 8.0, 8.0, "bf16", "H100", 1, 64, 63.92, 5147.2, 0.1186, 610.3, 11.5, 1, 1),
    ("meta-llama/Llama-3.1-8B-Instruct", "lm-arena-chat", 8.0, 8.0, "bf16", "H100", 1, 256, 255.2, 9009.6, 0.07664, 690.5, 26.13, 1, 1),
    ("meta-llama/Llama-3.1-70B-Instruct", "lm-arena-chat", 70.0, 70.0, "bf16", "B200", 2, 8, 7.981, 475.73, 3.569, 1698, 16.36, 2, 1),
    ("meta-llama/Llama-3.1-70B-Instruct", "lm-arena-chat", 70.0, 70.0, "bf16", "B200", 2, 64, 63.77, 2597.8, 0.6971, 1811, 21.75, 2, 1),
    ("meta-llama/Llama-3.1-70B-Instruct", "lm-arena-chat", 70.0, 70.0, "bf16", "B200", 2, 256, 255.3, 5372.4, 0.3614, 1942, 35.84, 2, 1),
    ("meta-llama/Llama-3.1-70B-Instruct", "lm-arena-chat", 70.0, 70.0, "bf16", "H100", 4, 8, 7.987, 469.69, 3.759, 1765, 16.57, 4, 1),
    ("meta-llama/Llama-3.1-70B-Instruct", "lm-arena-chat", 70.0, 70.0, "bf16", "H100", 4, 64, 63.79, 2510.5, 0.7972, 2002, 22.43, 4, 1),
    ("meta-llama/Llama-3.1-70B-Instruct", "lm-arena-chat", 70.0, 70.0, "bf16", "H100", 4, 256, 255.3, 4915.1, 0.479, 2354, 39.84, 4, 1),
    ("meta-llama/Llama-3.1-405B-Instruct-FP8", "lm-arena-chat", 405.0, 405.0, "fp8", "B200", 4, 8, 7.973, 265.78, 12.99, 3451, 29.2, 4, 1),
    ("meta-llama/Llama-3.1-405B-Instruct-FP8", "lm-arena-chat", 405.0, 405.0, "fp8", "B200", 4, 64, 63.86, 1434.6, 2.561, 3674, 38.19, 4, 1),
    ("meta-llama/Llama-3.1-405B-Instruct-FP8", "lm-arena-chat", 405.0, 405.0, "fp8", "B200", 4, 256, 255.4, 2878.1, 1.354, 3898, 63.41, 4, 1),
    ("meta-llama/Llama-3.1-405B-Instruct-FP8", "lm-arena-chat", 405.0, 405.0, "fp8", "H100", 8, 8, 7.981, 233.31, 13.97, 3260, 33.2, 8, 1),
    ("meta-llama/Llama-3.1-405B-Instruct-FP8", "lm-arena-chat", 405.0, 405.0, "fp8", "H100", 8, 64, 63.86, 1350.2, 3.082, 4162, 39.32, 8, 1),
    ("meta-llama/Llama-3.1-405B-Instruct-FP8", "lm-arena-chat", 405.0, 405.0, "fp8", "H100", 8, 256, 255.2, 2363.4, 2.063, 4875, 66.9, 8, 1),
    ("Qwen/Qwen3-235B-A22B-Instruct-2507", "lm-arena-chat", 235.0, 22.0, "bf16", "H100", 8, 8, 7.991, 387.87, 7.293, 2829, 20.24, 1, 8),
    ("Qwen/Qwen3-235B-A22B-Instruct-2507", "lm-arena-chat", 235.0, 22.0, "bf16", "H100", 8, 64, 63.93, 1547.5, 2.394, 3705, 40.34, 1, 8),
    ("Qwen/Qwen3-235B-A22B-Instruct-2507", "lm-arena-chat", 235.0, 22.0, "bf16", "H100", 8, 256, 228.5, 3695.8, 1.093, 4038, 55.48, 1, 8),
    ("openai/gpt-oss-120b", "gpqa", 117.0, 5.0, "mxfp4", "B200", 1, 8, 7.992, 1358, 0.4859, 659.8, 5.454, 1, 1),
    ("openai/gpt-oss-120b", "gpqa", 117.0, 5.0, "mxfp4", "B200", 1, 64, 64, 4220.2, 0.1806, 762.3, 13.95, 1, 1),
    ("openai/gpt-oss-120b", "gpqa", 117.0, 5.0, "mxfp4", "B200", 1, 256, 255.8, 11889, 0.08008, 952.1, 20.72, 1, 1),
    ("openai/gpt-oss-120b", "gpqa", 117.0, 5.0, "mxfp4", "H100", 2, 8, 7.997, 1105.2, 0.7819, 864.2, 7.177, 2, 1),
    ("openai/gpt-oss-120b", "gpqa", 117.0, 5.0, "mxfp4", "H100", 2, 64, 63.93, 3906.2, 0.298, 1164, 16.04, 2, 1),
    ("openai/gpt-oss-120b", "gpqa", 117.0, 5.0, "mxfp4", "H100", 2, 256, 255.8, 8222.6, 0.1506, 1238, 30.52, 2, 1),
    ("deepseek-ai/DeepSeek-V3.1", "lm-arena-chat", 671.0, 37.0, "fp8", "B200", 8, 8, 7.992, 449.92, 8.566, 3854, 16.84, 1, 8),
    ("deepseek-ai/DeepSeek-V3.1", "lm-arena-chat", 671.0, 37.0, "fp8", "B200", 8, 64, 63.94, 1776.1, 2.92, 5186, 32.59, 1, 8),
    ("deepseek-ai/DeepSeek-V3.1", "lm-arena-chat", 671.0, 37.0, "fp8", "B200", 8, 256, 255.7, 4534, 1.309, 5935, 48.59, 1, 8),
]
MLE_GPU = {"H100": "nvidia-h100-sxm5-80gb", "B200": "nvidia-b200-sxm6-180gb"}

# Oracle / vLLM on 8x MI300X, Llama 3.1 405B FP8: (batch size, output tokens/s of all 8 GPUs, latency s)
ORACLE = [(1, 36, 3.530), (8, 258, 3.974), (32, 798, 5.130), (256, 1846, 17.750)]

BYTES = {"bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "fp4": 0.5}
J_PER_KWH = 3.6e6


def slug(s: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in s.lower())
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def inference_rows() -> list[list]:
    rows = []

    def add(acc, model, params, prec, scen, qty, value, unit, lo, hi, dist, year, src, url, lic, notes):
        fid = f"infer.{acc}.{slug(model)}.{prec}.{slug(scen)}.{qty}"
        vendor_ok = acc  # accelerator ids are those of factors/accelerators.csv
        rows.append([fid, qty, vendor_ok, model, num(params), prec, scen, num(value), unit, num(lo), num(hi), dist,
                     year, src, url, lic, notes])

    # ---- MLPerf v4.1 -----------------------------------------------------------------------------
    for acc, model, params, active, prec, scen, system, tps, n, others, status, tp, power in MLPERF:
        per = tps / n
        alts = [(o, 8) if not isinstance(o, tuple) else o for o in others]
        per_alts = [o / k for o, k in alts]
        bench = "Llama 2 70B (llama2-70b-99, OpenOrca, max 1,024 input/output tokens; offline = throughput, server = Poisson arrivals with TTFT <= 2 s and TPOT <= 200 ms)" \
            if model == "llama-2-70b" else \
            "Mixtral 8x7B (MoE, 46.7B total / 12.9B active; mixtral-8x7b task mix OpenOrca/GSM8K/MBXP; offline or server scenario)"
        prec_note = {"fp8": "FP8 weights (TensorRT-LLM/vLLM post-training quantisation per the submission's measurements JSON: 'quantization'; NVIDIA's build uses --qformat fp8 --kv_cache_dtype fp8)",
                     "fp4": "FP4 per NVIDIA's v4.1 announcement; the results repository only says 'fp16' weights with 'quantization' and holds no B200 config, so the precision is NOT verified here"}[prec]
        if acc == "amd-mi300x-oam-192gb":
            prec_note = "FP8 weights (measurements JSON weight_data_types 'fp8'), vLLM 0.4.3 on ROCm 6.1.2"
        if per_alts:
            lo, hi = min([per] + per_alts), max([per] + per_alts)
            dist = "triangular"
            rng = (f"range: min-max per accelerator over {len(per_alts) + 1} closed-division submissions of this accelerator and scenario "
                   f"({', '.join(f'{x:.1f}' for x in sorted([per] + per_alts))} tokens/s per accelerator; systems with other accelerator counts "
                   "divided by their own count), mode = the reference submission")
        else:
            lo = hi = per
            dist = "constant"
            rng = "single submission of this accelerator and scenario (constant; other software stacks or later rounds differ)"
        notes = (f"{bench}. System {system} ({status}), {n} accelerator(s): {num(tps)} generated tokens/s in total, "
                 f"per accelerator {per:.1f}. {prec_note}. {rng}.")
        add(acc, model, params, prec, scen, "tokens_per_second", round(per, 1), "tokens/s", round(lo, 1), round(hi, 1), dist, 2024,
            MLPERF_SRC, MLPERF_URL, MLPERF_LIC, notes)
        if power is not None:
            e = power / tps
            add(acc, model, params, prec, scen, "energy_per_token", e / J_PER_KWH, "kWh/unit", e / J_PER_KWH, e / J_PER_KWH,
                "constant", 2024, MLPERF_SRC, MLPERF_URL, MLPERF_LIC,
                f"Energy per generated token of the WHOLE SYSTEM at the wall (8 GPUs + 2 host CPUs, fans; no PUE) = average AC power / "
                f"throughput = {power:.1f} W / {num(tps)} tokens/s = {e:.4f} J = {e / J_PER_KWH:.4g} kWh per token (unit = one token). "
                "DERIVED by footprint: mean of the 1 Hz analyser samples (spl.txt) between the power_begin and power_end marks of "
                "mlperf_log_detail.txt; MLCommons' own published power figure may differ slightly. MaxQ = power-optimised configuration "
                "(lower clocks), so its throughput is below the MaxP row.")
        if tp is not None and model == "llama-2-70b" and prec in BYTES:
            wbytes = params * BYTES[prec] / 1e9  # GB of weights
            roof = bandwidth(acc) / wbytes  # tokens/s per accelerator at batch 1, weights-only bound (TP spreads both)
            ratio = per / roof
            add(acc, model, params, prec, scen, "batch_efficiency", ratio, "ratio", ratio, ratio, "constant", 2024,
                MLPERF_SRC, MLPERF_URL, MLPERF_LIC,
                f"DERIVED batch-efficiency factor = achieved tokens/s per accelerator / weight-streaming roofline per accelerator = "
                f"{per:.1f} / ({num(bandwidth(acc))} GB/s / {wbytes:.0f} GB of {prec} weights = {roof:.1f} tokens/s) = {ratio:.1f}. "
                "The roofline is the batch-1 decode bound (every weight byte read once per token; KV cache ignored); tensor parallelism "
                f"(TP{tp} here) divides both weights and bandwidth, so the per-accelerator bound is unchanged. Offline/server batches "
                "are hundreds of sequences, hence a factor >> 1. Nominal 70e9 parameters (69.0e9 actual).")

    # ---- ML.ENERGY --------------------------------------------------------------------------------
    for (mid, task, ptot, pact, prec, gpu, n, mns, avgb, tps, jtok, pw, itl, tp, ep) in MLENERGY:
        acc = MLE_GPU[gpu]
        model = mid.split("/")[1]
        scen = f"batch-{mns}"
        per = tps / n
        cond = (f"vLLM, task {task}, max_num_seqs {mns} (average running batch {avgb}), {n}x {gpu} "
                f"(TP{tp}, EP{ep}), weights {prec}, {ptot:g}B total / {pact:g}B active parameters; median inter-token latency {itl} ms")
        add(acc, model, ptot * 1e9, prec, scen, "tokens_per_second", round(per, 2), "tokens/s", round(per, 2), round(per, 2),
            "constant", 2025, MLE_SRC, MLE_URL, FAIR,
            f"Measured output tokens/s per GPU = {num(tps)} / {n} GPUs. {cond}. One measured configuration (constant); throughput "
            "depends strongly on batch size, prompt/response lengths and software version.")
        add(acc, model, ptot * 1e9, prec, scen, "energy_per_token", jtok / J_PER_KWH, "kWh/unit", jtok / J_PER_KWH, jtok / J_PER_KWH,
            "constant", 2025, MLE_SRC, MLE_URL, FAIR,
            f"Measured GPU energy per output token {jtok} J = {jtok / J_PER_KWH:.4g} kWh (unit = one token; all {n} GPUs, average "
            f"GPU power {pw} W in total). GPU energy only: host CPU/DRAM/network and PUE are NOT included (EcoLogits adds them "
            f"separately). {cond}.")
        if pact == ptot and prec in BYTES:
            wbytes = ptot * BYTES[prec]  # GB
            roof = n * bandwidth(acc) / wbytes
            ratio = tps / roof
            add(acc, model, ptot * 1e9, prec, scen, "batch_efficiency", ratio, "ratio", ratio, ratio, "constant", 2025,
                MLE_SRC, MLE_URL, FAIR,
                f"DERIVED batch-efficiency factor = {num(tps)} tokens/s / ({n} x {num(bandwidth(acc))} GB/s / {wbytes:g} GB weights = "
                f"{roof:.1f} tokens/s) = {ratio:.2f}; per running sequence {ratio / avgb:.2f} of the weight-streaming roofline. "
                f"Cross-check: ideal weight-read time per step {wbytes / (n * bandwidth(acc)) * 1000:.1f} ms vs measured median "
                f"inter-token latency {itl} ms. {cond}.")

    # ---- Oracle MI300X ------------------------------------------------------------------------------
    acc = "amd-mi300x-oam-192gb"
    wbytes = 405.0
    roof = 8 * bandwidth(acc) / wbytes
    for b, tps, lat in ORACLE:
        per = tps / 8
        scen = f"batch-{b}"
        cond = (f"vLLM offline benchmark_latency, batch {b}, input 128 / output 128 tokens, average latency {lat} s, "
                "Llama 3.1 405B FP8 over 8x MI300X (OCI BM.GPU.MI300X.8)")
        add(acc, "Llama-3.1-405B-FP8", 405e9, "fp8", scen, "tokens_per_second", per, "tokens/s", per, per, "constant", 2024,
            ORACLE_SRC, ORACLE_URL, FAIR,
            f"Measured output tokens/s per GPU = {tps} / 8. {cond}. Vendor-partner blog (single configuration, constant).")
        ratio = tps / roof
        add(acc, "Llama-3.1-405B-FP8", 405e9, "fp8", scen, "batch_efficiency", ratio, "ratio", ratio, ratio, "constant", 2024,
            ORACLE_SRC, ORACLE_URL, FAIR,
            f"DERIVED batch-efficiency factor = {tps} / (8 x {num(bandwidth(acc))} GB/s / 405 GB = {roof:.1f} tokens/s) = {ratio:.3f}"
            f"{' (per sequence ' + format(ratio / b, '.2f') + ')' if b > 1 else ''}. At batch 1 this is the achieved fraction of the "
            f"memory-bandwidth roofline. Latency includes the 128-token prefill. {cond}.")
    return rows


def main() -> None:
    acc_header = ["factor_id", "quantity", "accelerator", "vendor", "memory_type"] + TAIL
    write("accelerator_flops.csv", acc_header, accelerator_rows())
    mfu_header = ["factor_id", "quantity", "accelerator_family", "scale", "run"] + TAIL
    write("mfu.csv", mfu_header, mfu_rows())
    h, rows = published_rows()
    write("published_device_hours.csv", h, rows)
    inf_header = ["factor_id", "quantity", "accelerator", "model", "parameters", "precision", "batch_or_scenario"] + TAIL
    write("inference_throughput.csv", inf_header, inference_rows())


if __name__ == "__main__":
    main()
