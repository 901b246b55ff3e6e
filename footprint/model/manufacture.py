"""What making one item is made of: its cradle-to-gate terms per criterion, and the metals it contains.

Per accelerator (factors/manufacture.csv, accelerators.csv, component_mass.csv):

- logic dies: the wafer area each good die takes (dies per wafer with edge loss, negative-binomial yield with the
  process node's defect density: :class:`~footprint.model.system.WaferTerm`) x the impact per cm2 of wafer;
- memory [GB]: DRAM's per-GB gwp and primary energy, times the HBM multiple for HBM (HBM takes about three times the
  wafer of DDR5 per bit); ADPe from one source for every memory: die area per GB x the memory-die ADPe per cm2;
- package, board (board area x factor per cm2), heatsink (mass x factor per kg).

Per node without its accelerators: CPUs (dies as above, package), DRAM, SSD, HDD, PSUs, mainboard, chassis,
assembly. Metals in an item: component masses [kg] x metal contents [g/kg] / 1000, with the cradle-to-gate impacts
of producing each metal [per kg] (materials.csv), and the rock moved to mine it [kg/kg] (rock.csv).
"""

from __future__ import annotations

import functools

from ..errors import SpecError
from ..registry import FrozenDict
from .system import EMBODIED_CRITERIA, Term, WaferTerm, from_factor

__all__ = ["accelerator_cradle_to_gate", "node_cradle_to_gate", "logic_die_terms", "memory_terms", "item_materials",
           "memory_component", "item_kind"]


def item_kind(accelerator_id: str) -> str:
    """The material and transport class of an accelerator: a PCIe card, or a module (SXM, OAM, chip)."""
    return "accelerator_card_pcie" if any(t in accelerator_id.split("-") for t in ("pcie", "nvl")) else "accelerator_module"


def memory_component(memory_type: str) -> str:
    """The memory class of a memory type: ``hbm``, or ``dram`` (DDR, LPDDR and GDDR are all DRAM dies)."""
    return "hbm" if memory_type.upper().startswith("HBM") else "dram"


def _mfg(reg, component: str, quantity: str, **keys):
    """A manufacture factor as a Param, or None when the table does not publish it (the term is left out)."""
    fac = reg.find_or_none("manufacture", quantity, component=component, **keys)
    return from_factor(fac) if fac is not None else None


def logic_die_terms(reg, area_mm2, dies: float, node_nm: float, note, count=None) -> dict:
    """{criterion: WaferTerm} of ``dies`` equal logic dies of ``area_mm2`` [mm2 in all, a Param] at ``node_nm``,
    per item (x ``count`` [a Param] of them, e.g. CPUs per node). Factors of the nearest process node of
    manufacture.csv (a note when it is not the die's own)."""
    node = reg.nearest_process_node(node_nm, "gwp")
    if float(node) != node_nm:
        note(f"logic die at {node_nm:g} nm: used the {node} nm factors (nearest node in manufacture.csv)")
    geometry = dict(defect_density=_mfg(reg, "logic_die", "defect_density",
                                        process_node=reg.nearest_process_node(node_nm, "defect_density")),
                    alpha=_mfg(reg, "logic_die", "yield_clustering_alpha"),
                    wafer_mm=_mfg(reg, "wafer", "wafer_diameter"), edge_mm=_mfg(reg, "wafer", "edge_exclusion"),
                    kerf_mm=_mfg(reg, "wafer", "kerf"), per_good_die_yield=_mfg(reg, "logic_die", "yield", process_node=node))
    out = {}
    for c in EMBODIED_CRITERIA:
        f = _mfg(reg, "logic_die", c, process_node=node)
        if f is not None:
            out[c] = WaferTerm(area=area_mm2, dies=float(max(dies, 1)), factor=f, count=count, **geometry)
    return out


def memory_terms(reg, gb, memory: str) -> dict:
    """{criterion: Term} of ``gb`` [GB, a Param] of memory of class ``memory`` (``hbm`` or ``dram``):
    gwp, pe = GB x DRAM's factor per GB (x the HBM multiple for HBM); adpe = GB x die area per GB [mm2/GB] / 100 x
    the memory-die ADPe [kgSbeq/cm2]."""
    out = {}
    k = (_mfg(reg, "hbm", "dram_multiple"),) if memory == "hbm" else ()
    for c in ("gwp", "pe"):
        f = _mfg(reg, "dram", c)
        if f is not None:
            out[c] = Term((gb, *k, f), 1.0, "memory")
    density, adpe = _mfg(reg, memory, "memory_density"), _mfg(reg, "memory_die", "adpe")
    if density is not None and adpe is not None:
        out["adpe"] = Term((gb, density, adpe), 0.01, "memory")
    return out


def _per_unit(reg, component: str, count=None, criteria=("gwp", "pe", "adpe")) -> dict:
    out = {}
    for c in criteria:
        f = _mfg(reg, component, c)
        if f is not None:
            out[c] = Term(((count,) if count else ()) + (f,), 1.0, component)
    return out


def _per_amount(reg, component: str, amount, part: str, criteria=("gwp", "pe", "adpe")) -> dict:
    out = {}
    for c in criteria:
        f = _mfg(reg, component, c)
        if f is not None:
            out[c] = Term((amount, f), 1.0, part)
    return out


def _collect(*parts: dict) -> dict:
    out: dict = {}
    for part in parts:
        for c, t in part.items():
            out.setdefault(c, []).append(t)
    return {c: tuple(ts) for c, ts in out.items()}


def _component(reg, item: str, quantity: str, component: str):
    fac = reg.find_or_none("component_mass", quantity, item=item, component=component)
    return from_factor(fac) if fac is not None else None


def accelerator_cradle_to_gate(reg, acc, note) -> dict:
    """{criterion: terms} of making one accelerator, bottom-up: dies, memory, package, board, heatsink."""
    kind = item_kind(acc.id)
    dies = acc["dies"].value if acc.get("dies") is not None else 1
    parts = [logic_die_terms(reg, from_factor(acc["die_area"]), dies, acc["process_node"].value, note)]
    if acc.get("memory") is not None:
        parts.append(memory_terms(reg, from_factor(acc["memory"]), memory_component(acc.attributes.get("memory_type", ""))))
    parts.append(_per_unit(reg, "accelerator_package"))
    board = from_factor(acc["board_area"]) if acc.get("board_area") else _component(reg, kind, "board_area", "pcb")
    if board is not None:
        parts.append(_per_amount(reg, "accelerator_board", board, "board"))
    heatsink = _component(reg, kind, "mass", "heatsink")
    if heatsink is not None:
        parts.append(_per_amount(reg, "heatsink", heatsink, "heatsink"))
    return _collect(*parts)


def node_cradle_to_gate(reg, node, note) -> dict:
    """{criterion: terms} of making one node without its accelerators: CPUs, DRAM, SSD, HDD, PSUs, mainboard,
    chassis, assembly."""
    comps: dict = {}
    for kind, cid, q, fac in node.components:
        comps.setdefault(kind, []).append((cid, q, fac))
    parts = []
    for cid, q, fac in comps.get("cpu", []):
        if q == "count":
            cpu = reg.cpu(cid)
            n = from_factor(fac)
            dies = cpu["dies"].value if cpu.get("dies") is not None else 1
            parts.append(logic_die_terms(reg, from_factor(cpu["die_area"]), dies, cpu["process_node"].value, note, n))
            parts.append(_per_unit(reg, "cpu_package", n))
    for cid, q, fac in comps.get("ram", []):
        if q == "capacity":
            parts.append(memory_terms(reg, from_factor(fac), "dram"))
    for cid, q, fac in comps.get("ssd", []):
        if q == "capacity":
            parts.append(_per_amount(reg, "nand", from_factor(fac), "ssd"))
        elif q == "count":
            parts.append(_per_amount(reg, "nand", from_factor(fac), "ssd", criteria=("gwp_unit",)))
    for cid, q, fac in comps.get("hdd", []):
        if q == "count":
            parts.append(_per_unit(reg, "hdd", from_factor(fac)))
    psus = [fac for cid, q, fac in comps.get("psu", []) if q == "count"]
    if psus:
        parts.append(_per_unit(reg, "psu", from_factor(psus[0])))
    for part in ("mainboard", "chassis", "assembly"):
        parts.append(_per_unit(reg, part))
    out = _collect(*parts)
    if "gwp_unit" in out:  # an SSD's per-unit gwp adds to the gwp
        out["gwp"] = out.get("gwp", ()) + out.pop("gwp_unit")
    return out


@functools.lru_cache(maxsize=64)
def item_materials(reg, item: str) -> tuple[dict, dict]:
    """Metals in one item: {metal: terms [kg per item]} (mass [kg] x content [g/kg] / 1000, summed over the
    components) and {metal: {criterion: Param per kg}} of producing them, as read-only mappings. They depend only on
    the tables and the item class, so they are read once per registry (a comparison resolves many systems)."""
    masses = [f for f in reg.rows("component_mass") if f.keys.get("item") == item and f.quantity == "mass"]
    if not masses:
        raise SpecError(f"component_mass.csv has no masses for item {item!r}")
    content: dict = {}
    for f in reg.rows("material_content"):
        if f.quantity == "content":
            content.setdefault(f.keys["component"], []).append(f)
    kg: dict = {}
    for m in masses:
        for c in content.get(m.keys["component"], []):
            kg.setdefault(c.keys["material"], []).append(Term((from_factor(m), from_factor(c)), 1e-3, m.keys["component"]))
    factors = {mat: {c: from_factor(f) for c in EMBODIED_CRITERIA
                     if (f := reg.find_or_none("materials", c, material=mat)) is not None} for mat in kg}
    for mat, crits in factors.items():  # rock moved per kg of metal: the extraction stage only
        rock = reg.find_or_none("rock", "rock_to_metal_ratio", material=mat) if "rock" in reg.tables else None
        if rock is not None:
            crits["rock"] = from_factor(rock)
    return (FrozenDict({m: tuple(t) for m, t in kg.items()}),
            FrozenDict({m: FrozenDict(crits) for m, crits in factors.items()}))
