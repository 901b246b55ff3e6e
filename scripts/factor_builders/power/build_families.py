#!/usr/bin/env python3
"""Write factors/accelerator_families.csv: the family, architecture generation and vendor of every accelerator.

Run from the repository root: ``python scripts/factor_builders/power/build_families.py``. The power model pools
measured power shares by family (the chip: nvidia-a100 for every A100 card), then by generation (the vendor's
architecture: nvidia-ampere), then by vendor, then over all accelerators; this table is the ladder.
"""

from __future__ import annotations

import csv
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
OUT = os.path.join(ROOT, "factors", "accelerator_families.csv")

#: generation -> (source, url) of the vendor's architecture document
SOURCES = {
    "nvidia-pascal": ("NVIDIA, Tesla P100 whitepaper (Pascal GP100 architecture), 2016",
                      "https://images.nvidia.com/content/pdf/tesla/whitepaper/pascal-architecture-whitepaper.pdf"),
    "nvidia-volta": ("NVIDIA, Tesla V100 GPU architecture whitepaper (Volta), 2017",
                     "https://images.nvidia.com/content/volta-architecture/pdf/volta-architecture-whitepaper.pdf"),
    "nvidia-turing": ("NVIDIA, Turing GPU architecture whitepaper, 2018",
                      "https://images.nvidia.com/aem-dam/en-zz/Solutions/design-visualization/technologies/turing-architecture/NVIDIA-Turing-Architecture-Whitepaper.pdf"),
    "nvidia-ampere": ("NVIDIA, A100 Tensor Core GPU architecture whitepaper (Ampere GA100; GA102 for A10/A10G/A40), 2020",
                      "https://images.nvidia.com/aem-dam/en-zz/Solutions/data-center/nvidia-ampere-architecture-whitepaper.pdf"),
    "nvidia-ada": ("NVIDIA, Ada Lovelace GPU architecture whitepaper (AD102/AD104), 2022",
                   "https://images.nvidia.com/aem-dam/Solutions/Data-Center/l4/nvidia-ada-gpu-architecture-whitepaper-v2.1.pdf"),
    "nvidia-hopper": ("NVIDIA, H100 Tensor Core GPU architecture whitepaper (Hopper GH100; H200 is GH100 with HBM3e), 2022",
                      "https://resources.nvidia.com/en-us-tensor-core/gtc22-whitepaper-hopper"),
    "nvidia-blackwell": ("NVIDIA, Blackwell architecture technical brief (B100/B200), 2024",
                         "https://resources.nvidia.com/en-us-blackwell-architecture"),
    "google-tpu-v2v3": ("Norrie et al., The design process for Google's training chips: TPUv2 and TPUv3, IEEE Micro 41(2), 2021",
                        "doi:10.1109/MM.2021.3058217"),
    "google-tpu-v4": ("Jouppi et al., TPU v4: an optically reconfigurable supercomputer for machine learning, ISCA 2023",
                      "doi:10.1145/3579371.3589350"),
    "google-tpu-v5": ("Google Cloud, TPU v5e and TPU v5p system architecture (Cloud TPU documentation)",
                      "https://cloud.google.com/tpu/docs/system-architecture-tpu-vm"),
    "google-tpu-v6": ("Google Cloud, TPU v6e (Trillium) system architecture (Cloud TPU documentation)",
                      "https://cloud.google.com/tpu/docs/v6e"),
    "amd-cdna2": ("AMD, CDNA 2 architecture whitepaper (Instinct MI200 series: MI210, MI250, MI250X), 2021",
                  "https://www.amd.com/content/dam/amd/en/documents/instinct-business-docs/white-papers/amd-cdna2-white-paper.pdf"),
    "amd-cdna3": ("AMD, CDNA 3 architecture whitepaper (Instinct MI300 series: MI300X, MI325X), 2023",
                  "https://www.amd.com/content/dam/amd/en/documents/instinct-tech-docs/white-papers/amd-cdna-3-white-paper.pdf"),
    "intel-gaudi": ("Intel, Gaudi 2 and Gaudi 3 AI accelerator white papers (Habana Gaudi architecture), 2022-2024",
                    "https://www.intel.com/content/www/us/en/products/details/processors/ai-accelerators/gaudi.html"),
}

#: accelerator id prefix -> (family, generation); the first matching prefix wins
FAMILIES = [
    ("nvidia-p100", "nvidia-p100", "nvidia-pascal"), ("nvidia-v100", "nvidia-v100", "nvidia-volta"),
    ("nvidia-t4", "nvidia-t4", "nvidia-turing"), ("nvidia-a100", "nvidia-a100", "nvidia-ampere"),
    ("nvidia-a10g", "nvidia-a10g", "nvidia-ampere"), ("nvidia-a10-", "nvidia-a10", "nvidia-ampere"),
    ("nvidia-a30", "nvidia-a30", "nvidia-ampere"), ("nvidia-a40", "nvidia-a40", "nvidia-ampere"),
    ("nvidia-l40s", "nvidia-l40s", "nvidia-ada"), ("nvidia-l40", "nvidia-l40", "nvidia-ada"),
    ("nvidia-l4-", "nvidia-l4", "nvidia-ada"), ("nvidia-h100", "nvidia-h100", "nvidia-hopper"),
    ("nvidia-h200", "nvidia-h200", "nvidia-hopper"), ("nvidia-b100", "nvidia-b100", "nvidia-blackwell"),
    ("nvidia-b200", "nvidia-b200", "nvidia-blackwell"), ("google-tpu-v2", "google-tpu-v2", "google-tpu-v2v3"),
    ("google-tpu-v3", "google-tpu-v3", "google-tpu-v2v3"), ("google-tpu-v4", "google-tpu-v4", "google-tpu-v4"),
    ("google-tpu-v5e", "google-tpu-v5e", "google-tpu-v5"), ("google-tpu-v5p", "google-tpu-v5p", "google-tpu-v5"),
    ("google-tpu-v6e", "google-tpu-v6e", "google-tpu-v6"), ("amd-mi210", "amd-mi210", "amd-cdna2"),
    ("amd-mi250x", "amd-mi250x", "amd-cdna2"), ("amd-mi250", "amd-mi250", "amd-cdna2"),
    ("amd-mi300x", "amd-mi300x", "amd-cdna3"), ("amd-mi325x", "amd-mi325x", "amd-cdna3"),
    ("intel-gaudi2", "intel-gaudi2", "intel-gaudi"), ("intel-gaudi3", "intel-gaudi3", "intel-gaudi"),
]

HEADER = ["factor_id", "quantity", "accelerator", "family", "generation", "vendor", "value", "unit", "low", "high",
          "distribution", "year", "source", "url", "license", "notes"]


def main() -> None:
    with open(os.path.join(ROOT, "factors", "accelerators.csv"), encoding="utf-8", newline="") as fh:
        ids = sorted({r["accelerator"] for r in csv.DictReader(fh)})
    rows = []
    for acc in ids:
        family, gen = next((f, g) for p, f, g in FAMILIES if acc.startswith(p))
        source, url = SOURCES[gen]
        rows.append([f"family.{acc}", "member", acc, family, gen, acc.split("-")[0], 1, "fraction", 1, 1, "constant",
                     2024, source, url, "proprietary (facts)",
                     f"{acc} is a {family} chip of the {gen} architecture. The power model pools measured power "
                     f"shares of the family, then of the generation, then of the vendor ({acc.split('-')[0]}), then "
                     "of all accelerators, and says which level it used."])
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} accelerators")


if __name__ == "__main__":
    main()
