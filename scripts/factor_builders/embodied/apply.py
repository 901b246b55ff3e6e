#!/usr/bin/env python3
"""Apply the staged embodied tables (issue #12) to factors/, deterministically.

Run from the repository root after ``python scripts/factor_builders/embodied/build.py``:

    python scripts/factor_builders/embodied/apply.py

- factors/transport.csv is replaced by out/transport.csv (freight factors without radiative forcing by default, air
  shares per item, routes from the assembly region to destination groups, per-archetype shipped masses);
- factors/manufacture.csv gets out/manufacture_rows.csv upserted by factor_id (defect densities, wafer geometry,
  the HBM multiple of DRAM, memory densities, one memory-die ADPe); the per-GB HBM, GDDR and DRAM ADPe rows are
  removed (the model derives them: HBM = k x DRAM; GDDR is DRAM; memory ADPe = density x memory-die ADPe);
- factors/materials.csv gets out/materials_bounds.csv upserted (Nuss & Eckelman 2014 bounds, neodymium as metal);
- every row of out/reparameterise.csv without a replacement row is re-parameterised in place (value = the median
  the sampler uses), its reason appended to the notes.
Running it twice gives the same files.
"""

from __future__ import annotations

import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
FACTORS = os.path.join(ROOT, "factors")
STAGED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from csvio import read, write  # noqa: E402  (scripts/factor_builders/csvio.py)

REMOVED = {"mfg.hbm.gwp", "mfg.hbm.pe", "mfg.hbm.adpe", "mfg.gddr.gwp", "mfg.gddr.pe", "mfg.gddr.adpe",
           "mfg.gddr.memory_density", "mfg.dram.adpe"}


def upsert(table: str, staged: str, remove=frozenset()) -> None:
    header, rows = read(os.path.join(FACTORS, table))
    _, new = read(os.path.join(STAGED, staged))
    by_id = {r["factor_id"]: r for r in new}
    out, seen = [], set()
    for r in rows:
        if r["factor_id"] in remove:
            continue
        out.append(by_id.get(r["factor_id"], r))
        seen.add(r["factor_id"])
    out += [r for r in new if r["factor_id"] not in seen and r["factor_id"] not in remove]
    write(os.path.join(FACTORS, table), header, out)


def reparameterise() -> None:
    _, changes = read(os.path.join(STAGED, "reparameterise.csv"))
    by_table: dict = {}
    for c in changes:
        if not c["replacement_row"]:
            by_table.setdefault(c["table"], {})[c["factor_id"]] = c
    for table, rows_by_id in by_table.items():
        path = os.path.join(FACTORS, f"{table}.csv")
        header, rows = read(path)
        for r in rows:
            c = rows_by_id.get(r["factor_id"])
            if c is None or r["value"] == c["new_value"] and r["distribution"] == c["new_distribution"]:
                continue
            r.update(value=c["new_value"], low=c["new_low"], high=c["new_high"], distribution=c["new_distribution"])
            r["notes"] = (r["notes"] + " " if r["notes"] else "") + "Re-parameterised (issue #12): " + c["reason"]
        write(path, header, rows)


#: Board areas of accelerators (the accelerator board factor of manufacture.csv is per cm2): the form factors'
#: published dimensions.
BOARD_AREAS = [
    {"factor_id": "mass.accelerator_module.board_area", "quantity": "board_area", "item": "accelerator_module",
     "component": "pcb", "value": "168.3", "unit": "cm2", "low": "140", "high": "200", "distribution": "triangular",
     "year": "2021", "source": "Open Compute Project, OCP Accelerator Module (OAM) Base Specification v1.1, module "
     "outline 102 mm x 165 mm", "url": "https://www.opencompute.org/documents/ocp-accelerator-module-design-"
     "specification-v1p1-final-20200205-pdf", "license": "OCP specification (facts)",
     "notes": "Board area of an accelerator module: the OAM outline 10.2 x 16.5 cm = 168.3 cm2. NVIDIA publishes no "
     "SXM board dimensions; range 140-200 cm2 (judgement: SXM boards are of the same class)."},
    {"factor_id": "mass.accelerator_card_pcie.board_area", "quantity": "board_area", "item": "accelerator_card_pcie",
     "component": "pcb", "value": "254.1", "unit": "cm2", "low": "186.3", "high": "346.8", "distribution": "lognormal",
     "year": "2017", "source": "PCI-SIG, PCI Express Card Electromechanical Specification 4.0: full-height half-length "
     "card 111.15 x 167.65 mm, full-height full-length 111.15 x 312 mm", "url": "https://pcisig.com/specifications",
     "license": "PCI-SIG specification (facts)",
     "notes": "Board area of a PCIe accelerator card, lognormal between the full-height half-length (186.3 cm2) and "
     "full-length (346.8 cm2) outlines as its 5th and 95th percentiles; median 254.1 cm2."},
]


def psu_rows() -> list[dict]:
    """Per-PSU primary energy and ADPe (the model counts PSUs per unit): the per-kg figures of manufacture.csv x the
    default PSU mass, 2.99 kg (1-5 kg), as for the per-unit gwp row."""
    _, rows = read(os.path.join(FACTORS, "manufacture.csv"))
    by_id = {r["factor_id"]: r for r in rows}
    out = []
    for crit, unit in (("pe", "MJ/unit"), ("adpe", "kgSbeq/unit")):
        per_kg = by_id[f"mfg.psu.{crit}_per_kg"]
        v = float(per_kg["value"])
        out.append({**per_kg, "factor_id": f"mfg.psu.{crit}", "quantity": crit, "value": f"{v * 2.99:.6g}",
                    "unit": unit, "low": f"{v * 1.0:.6g}", "high": f"{v * 5.0:.6g}",
                    "notes": f"Per PSU: {v:g} per kg x default 2.99 kg; range from Boavizta archetype mass bounds 1-5 kg "
                             f"(the per-kg range is not compounded)."})
    return out


def add_rows(table: str, rows: list[dict]) -> None:
    header, old = read(os.path.join(FACTORS, table))
    ids = {r["factor_id"] for r in rows}
    write(os.path.join(FACTORS, table), header, [r for r in old if r["factor_id"] not in ids] + rows)


def main() -> None:
    header, rows = read(os.path.join(STAGED, "transport.csv"))
    write(os.path.join(FACTORS, "transport.csv"), header, rows)
    upsert("manufacture.csv", "manufacture_rows.csv", REMOVED)
    upsert("materials.csv", "materials_bounds.csv")
    reparameterise()
    add_rows("component_mass.csv", BOARD_AREAS)
    add_rows("manufacture.csv", psu_rows())


if __name__ == "__main__":
    main()
