"""The coverage minimums of the factor tables (issue: foundation)."""

from __future__ import annotations

import pytest


def _keys(reg, table, key, quantity=None, **where):
    return {f.keys[key] for f in reg.rows(table)
            if (quantity is None or f.quantity == quantity) and all(f.keys.get(k) == v for k, v in where.items())}


def test_every_row_is_cited(registry):
    for f in registry:
        assert f.source and f.url and f.license and 1900 < f.year <= 2100, f.factor_id


def test_grid_coverage(registry):
    assert len(_keys(registry, "grid_intensity", "region", level="country")) >= 200
    subs = _keys(registry, "grid_intensity", "region", level="subdivision")
    us = {s for s in subs if s.startswith("US-")}
    assert len(us) == 51  # 50 states + DC
    assert {"CA-QC", "CA-ON", "CA-AB", "CA-BC"} <= {s for s in subs if s.startswith("CA-")}
    assert "WORLD" in _keys(registry, "grid_intensity", "region")
    providers = {}
    for f in registry.rows("cloud_regions"):
        providers.setdefault(f.keys["provider"], set()).add(f.keys["cloud_region"])
    assert sum(map(len, providers.values())) >= 60
    assert {"aws", "gcp", "azure"} <= set(providers)


def test_cloud_rows_copy_their_location(registry):
    """Every cloud row's value is its location's on the same basis (all providers: Google's own figure is a
    separate cross-check row, quantity published_grid_intensity)."""
    for f in registry.rows("cloud_regions"):
        if f.quantity == "grid_intensity":
            loc = registry.grid_intensity(f.keys["location"], f.keys["basis"])
            assert f.value == loc.value, f.factor_id


def test_water_and_datacenters(registry):
    assert "WORLD" in _keys(registry, "electricity_water", "region")
    assert len(_keys(registry, "electricity_water", "region")) >= 30
    for provider in ("aws", "google", "azure", "meta", "equinix", "industry-average", "on-premise", "hpc"):
        pue = registry.datacenter(provider, "pue")
        assert 1.0 <= pue.low < pue.high, provider
    for provider in ("aws", "google", "azure", "meta", "industry-average"):
        assert registry.datacenter(provider, "wue").high > registry.datacenter(provider, "wue").low


REQUIRED_ACCELERATORS = [
    "nvidia-v100-sxm2-32gb", "nvidia-v100-pcie-16gb", "nvidia-a100-sxm4-80gb", "nvidia-a100-pcie-40gb",
    "nvidia-h100-sxm5-80gb", "nvidia-h100-pcie-80gb", "nvidia-h200-sxm5-141gb", "nvidia-b200-sxm6-180gb",
    "nvidia-t4-pcie-16gb", "nvidia-l4-pcie-24gb", "nvidia-l40s-pcie-48gb", "nvidia-a10g-pcie-24gb",
    "amd-mi250x-oam-128gb", "amd-mi300x-oam-192gb", "google-tpu-v2-chip-16gb", "google-tpu-v3-chip-32gb",
    "google-tpu-v4-chip-32gb", "google-tpu-v5e-chip-16gb", "google-tpu-v5p-chip-95gb", "intel-gaudi2-oam-96gb",
]


def test_hardware_coverage(registry):
    accs = registry.ids("accelerators", "accelerator")
    assert len(accs) >= 30
    assert set(REQUIRED_ACCELERATORS) <= set(accs)
    for a in accs:
        hw = registry.accelerator(a)
        for q in ("tdp", "die_area", "process_node", "memory"):
            assert hw.get(q) is not None, (a, q)
        assert hw.attributes.get("memory_type"), a
    assert len(registry.ids("cpus", "cpu")) >= 10
    nodes = registry.ids("nodes", "node")
    assert len(nodes) >= 8
    assert {"dgx-a100", "dgx-h100", "hgx-h200", "cpu-server-2s", "aws-p4d-24xlarge", "aws-p5-48xlarge",
            "gcp-a2-highgpu-8g", "gcp-a3-highgpu-8g", "azure-nd-h100-v5"} <= set(nodes)


def test_manufacture_coverage(registry):
    nodes = {float(n) for n in _keys(registry, "manufacture", "process_node", "gwp", component="logic_die")}
    assert {28, 20, 16, 14, 12, 10, 8, 7, 5, 4, 3} <= nodes
    assert len(_keys(registry, "manufacture", "process_node", "yield", component="logic_die")) >= 11
    comps = _keys(registry, "manufacture", "component", "gwp")
    assert {"dram", "nand", "mainboard", "chassis", "assembly", "psu"} <= comps
    assert "hbm" in _keys(registry, "manufacture", "component", "dram_multiple")  # HBM = k x DRAM per GB
    for q in ("adpe", "pe", "water"):
        assert _keys(registry, "manufacture", "component", q), q


MATERIALS = ["gold", "silver", "palladium", "copper", "cobalt", "tantalum", "tin", "tungsten", "gallium",
             "indium", "neodymium", "dysprosium", "aluminium", "silicon"]


def test_materials_coverage(registry):
    mats = _keys(registry, "materials", "material", "gwp")
    assert len(mats) >= 12 and set(MATERIALS) <= mats
    for q in ("pe", "adpe"):
        assert set(MATERIALS) <= _keys(registry, "materials", "material", q), q
    assert _keys(registry, "materials", "material", "water")
    assert set(MATERIALS) <= _keys(registry, "material_content", "material", "content")
    producers = _keys(registry, "material_producers", "material", "share")
    assert set(MATERIALS) <= producers
    # shares of one material and stage add up to 1
    sums = {}
    for f in registry.rows("material_producers"):
        k = (f.keys["material"], f.keys["stage"])
        sums[k] = sums.get(k, 0) + f.value
    for k, s in sums.items():
        assert s == pytest.approx(1.0, abs=0.02), k


def test_transport_and_end_of_life(registry):
    assert {"air", "sea", "road", "rail"} <= _keys(registry, "transport", "mode", "gwp")
    assert _keys(registry, "transport", "leg", "distance")
    assert "world" in _keys(registry, "end_of_life", "region", "collection_rate")
    assert set(MATERIALS) <= _keys(registry, "end_of_life", "material", "recycling_rate")
    assert {"recycling", "landfill"} <= _keys(registry, "end_of_life", "treatment", "gwp")
