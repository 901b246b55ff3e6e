"""Fleets of hardware and their embodied stages: extraction, manufacture, transport, end of life.

Per item (one accelerator, one host node without its accelerators):

- cradle-to-gate [criterion per item] = bottom-up sum of components (manufacture.csv):
  logic dies ``area_cm2 x factor(node)`` (per cm2 of good die), memory ``GB x factor(type)``,
  package, board ``area_cm2 x factor``, heatsink ``kg x factor``; for nodes: CPUs, DRAM, SSD, HDD,
  PSUs, mainboard, chassis, assembly. A spec's ``embodied_kgco2e_per_*`` replaces the gwp sum.
- extraction = metals in the item (component_mass.csv x material_content.csv) x cradle-to-gate impacts
  of producing each metal (materials.csv).
- manufacture = cradle-to-gate - extraction for gwp, pe and adpe (the published cradle-to-gate factors
  already include the materials; the extraction stage makes that share visible), floored at 0;
  water = fabrication water of the dies (extraction water is added on top).
- transport = shipped mass [t] x sum over legs (distance [km] x mode factor [kgCO2e/t-km]).
- end of life = shipped mass [kg] x (collection rate x recycling impact + (1 - rate) x landfill impact).

Allocation to the system: items held = reserved hours / (lifetime [year] x 8766 h/year x utilisation).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..errors import SpecError, UnknownKeyError
from ..registry import Hardware
from ..units import HOURS_PER_YEAR
from . import Row

EMBODIED_CRITERIA = ("gwp", "pe", "adpe", "water")

#: The water flow of each embodied stage (see inventory.WATER_FLOWS).
_WATER_FLOW = {"extraction": "metal_extraction", "manufacture": "chip_fabrication"}

# Coarse continent of a country, for the e-waste collection rates of end_of_life.csv (Global E-waste
# Monitor regions). Countries not listed use the world rate (a recorded fallback).
_CONTINENT = {
    "europe": "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE GB NO CH IS",
    "americas": "US CA MX BR AR CL CO PE UY",
    "asia": "CN JP KR IN SG TW ID MY TH VN HK IL AE SA QA BH PH",
    "oceania": "AU NZ",
    "africa": "ZA NG EG KE MA",
}
_EU_LEG = set(_CONTINENT["europe"].split())


@dataclass
class Fleet:
    """A fleet resolved against the tables."""

    name: str
    datacenter: str
    region: str
    accelerator: Hardware | None
    host: Hardware
    per_node: int
    n_accelerators: int
    n_nodes: int
    spec: object
    dc: object
    notes: list[str] = field(default_factory=list)


def resolve_fleet(ctx, spec, name: str) -> Fleet:
    """Resolve a spec fleet: accelerator, host node archetype, counts."""
    f = spec.fleets[name]
    dc_key, dc = spec.datacenter_of(name)
    reg = ctx.reg
    node = _lookup(f"fleets.{name}.node", reg.node, f.node)
    acc = _lookup(f"fleets.{name}.accelerator", reg.accelerator, f.accelerator)
    ctx.note(node.note if node else "")
    ctx.note(acc.note if acc else "")
    node_accs = [(cid, fac) for kind, cid, q, fac in (node.components if node else ()) if kind == "accelerator" and q == "count"]
    if acc is None and node_accs:
        acc = reg.accelerator(node_accs[0][0])
    per_node = f.accelerators_per_node
    if per_node is None:
        if node_accs:
            per_node = int(node_accs[0][1].value)
        elif acc is not None and acc.get("accelerators_per_node"):
            per_node = int(acc["accelerators_per_node"].value)
            ctx.note(f"fleets.{name}: {per_node} accelerators per node ({acc['accelerators_per_node'].factor_id})")
        else:
            per_node = 1
    if node is None:
        node = _default_host(ctx, acc, name)
    if f.nodes is not None:
        n_nodes = f.nodes
        n_acc = n_nodes * per_node if acc is not None else 0
    else:
        n_acc = f.accelerators
        n_nodes = math.ceil(n_acc / per_node)
    if acc is None:
        per_node, n_acc = 1, 0
    code = _lookup(f"datacenters.{dc_key}.region", reg.location_of, dc.region)
    return Fleet(name, dc_key, code.upper(), acc, node, per_node, n_acc, n_nodes, f, dc)


def _lookup(where: str, fn, key):
    """Look a hardware key up; an unknown or ambiguous key becomes a SpecError naming the field."""
    if key is None:
        return None
    try:
        return fn(key)
    except UnknownKeyError as exc:
        raise SpecError(f"{where}: {exc}") from None


def _default_host(ctx, acc: Hardware | None, fleet: str) -> Hardware:
    """The host node of an accelerator given without a node: the archetype built around the same
    accelerator, else the generic 2-socket server (a recorded assumption)."""
    reg = ctx.reg
    if acc is not None:
        matches = sorted({f.keys["node"] for f in reg.rows("nodes")
                          if f.keys.get("component_kind") == "accelerator" and f.keys.get("component") == acc.id})
        if matches:
            pick = next((m for m in matches if m.startswith(("dgx", "hgx"))), matches[0])
            ctx.note(f"fleets.{fleet}: host node modelled as the {pick} archetype (set node = ... to choose)")
            return reg.node(pick)
    ctx.note(f"fleets.{fleet}: host node modelled as the generic cpu-server-2s archetype (set node = ... to choose)")
    return reg.node("cpu-server-2s")


# ----------------------------------------------------------------------------- helpers


def _mfg(ctx, component: str, quantity: str, **keys):
    """A manufacture factor, or None when the table does not publish it (then the term is omitted)."""
    try:
        return ctx.f(ctx.reg.find("manufacture", quantity, component=component, **keys))
    except UnknownKeyError:
        return None


def _die_node(ctx, node_nm: float) -> str:
    nodes = sorted({float(f.keys["process_node"]) for f in ctx.reg.rows("manufacture")
                    if f.keys.get("component") == "logic_die" and f.quantity == "gwp"})
    best = min(nodes, key=lambda n: (abs(n - node_nm), n))
    if best != node_nm:
        ctx.note(f"logic die at {node_nm:g} nm: used the {best:g} nm factors (nearest node in manufacture.csv)")
    return f"{best:g}"


def _logic_die(ctx, area_mm2, node_nm: float) -> dict:
    """Impacts of logic dies of ``area_mm2`` [mm2] at ``node_nm``: area/100 [cm2] x factor per cm2."""
    node = _die_node(ctx, node_nm)
    out = {}
    for c in EMBODIED_CRITERIA:
        v = _mfg(ctx, "logic_die", c, process_node=node)
        if v is not None:
            out[c] = area_mm2 / 100.0 * v
    return out


def _add(total: dict, part: dict, times=1.0) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0.0) + v * times


def _per_unit(ctx, component: str, times=1.0) -> dict:
    out = {}
    for c in ("gwp", "pe", "adpe"):
        v = _mfg(ctx, component, c)
        if v is not None:
            out[c] = v * times
    return out


def _memory_component(memory_type: str) -> str:
    t = memory_type.upper()
    return "hbm" if t.startswith("HBM") else "gddr" if t.startswith("GDDR") else "dram"


def item_kind(acc: Hardware) -> str:
    """The material/transport item class of an accelerator: a PCIe card or a module (SXM, OAM, chip)."""
    return "accelerator_card_pcie" if any(t in acc.id.split("-") for t in ("pcie", "nvl")) else "accelerator_module"


def accelerator_cradle_to_gate(ctx, acc: Hardware) -> dict:
    """Cradle-to-gate impacts of one accelerator [per criterion, per accelerator], bottom-up."""
    out: dict = {}
    area = ctx.f(acc["die_area"])
    _add(out, _logic_die(ctx, area, acc["process_node"].value))
    mem = acc.get("memory")
    if mem is not None:
        comp = _memory_component(acc.attributes.get("memory_type", ""))
        gb = ctx.f(mem)
        for c in ("gwp", "pe", "adpe"):
            v = _mfg(ctx, comp, c)
            if v is not None:
                out[c] = out.get(c, 0.0) + gb * v
    _add(out, _per_unit(ctx, "accelerator_package"))
    board = acc.get("board_area")
    board_cm2 = ctx.f(board) if board is not None else _component_mass_or_none(ctx, item_kind(acc), "board_area")
    if board_cm2 is not None:
        for c in ("gwp", "pe", "adpe"):
            v = _mfg(ctx, "accelerator_board", c)
            if v is not None:
                out[c] = out.get(c, 0.0) + board_cm2 * v
    hs_kg = _component_mass_or_none(ctx, item_kind(acc), "heatsink")
    if hs_kg is not None:
        for c in ("gwp", "pe", "adpe"):
            v = _mfg(ctx, "heatsink", c)
            if v is not None:
                out[c] = out.get(c, 0.0) + hs_kg * v
    return out


def _component_mass_or_none(ctx, item: str, component: str):
    try:
        return ctx.f(ctx.reg.find("component_mass", "mass", item=item, component=component))
    except UnknownKeyError:
        return None


def node_cradle_to_gate(ctx, node: Hardware) -> dict:
    """Cradle-to-gate impacts of one node without its accelerators [per criterion, per node]."""
    out: dict = {}
    comps = {}
    for kind, cid, q, fac in node.components:
        comps.setdefault(kind, []).append((cid, q, fac))
    for cid, q, fac in comps.get("cpu", []):
        if q != "count":
            continue
        cpu = ctx.reg.cpu(cid)
        n = ctx.f(fac)
        _add(out, _logic_die(ctx, ctx.f(cpu["die_area"]), cpu["process_node"].value), n)
        _add(out, _per_unit(ctx, "cpu_package"), n)
    for kind, comp in (("ram", "dram"), ("ssd", "nand")):
        for cid, q, fac in comps.get(kind, []):
            if q == "capacity":
                gb = ctx.f(fac)
                for c in ("gwp", "pe", "adpe"):
                    v = _mfg(ctx, comp, c)
                    if v is not None:
                        out[c] = out.get(c, 0.0) + gb * v
            elif q == "count" and kind == "ssd":
                v = _mfg(ctx, "nand", "gwp_unit")
                if v is not None:
                    out["gwp"] = out.get("gwp", 0.0) + ctx.f(fac) * v
    for cid, q, fac in comps.get("hdd", []):
        if q == "count":
            _add(out, _per_unit(ctx, "hdd"), ctx.f(fac))
    psus = [fac for cid, q, fac in comps.get("psu", []) if q == "count"]
    if psus:
        _add(out, _per_unit(ctx, "psu"), ctx.f(psus[0]))
    for part in ("mainboard", "chassis", "assembly"):
        _add(out, _per_unit(ctx, part))
    return out


def item_materials(ctx, item: str) -> dict:
    """Metals in one item [kg per item]: sum over components of mass [kg] x content [g/kg] / 1000."""
    reg = ctx.reg
    masses = [f for f in reg.rows("component_mass") if f.keys.get("item") == item and f.quantity == "mass"]
    if not masses:
        raise SpecError(f"component_mass.csv has no masses for item {item!r}")
    content = {}
    for f in reg.rows("material_content"):
        if f.quantity == "content":
            content.setdefault(f.keys["component"], []).append(f)
    out: dict = {}
    for m in masses:
        kg = None
        for c in content.get(m.keys["component"], []):
            kg = ctx.f(m) if kg is None else kg
            out[c.keys["material"]] = out.get(c.keys["material"], 0.0) + kg * ctx.f(c) / 1000.0
    return out


def materials_impacts(ctx, materials: dict) -> dict:
    """Cradle-to-gate impacts of producing the metals [per criterion]: sum of kg x factor per kg."""
    out: dict = {}
    for mat, kg in materials.items():
        for c in EMBODIED_CRITERIA:
            try:
                v = ctx.f(ctx.reg.find("materials", c, material=mat))
            except UnknownKeyError:
                continue
            out[c] = out.get(c, 0.0) + kg * v
    return out


def _country(region: str) -> str:
    return region.split(":")[0].upper().split("-")[0]


def transport_gwp(ctx, item: str, region: str):
    """Transport of one item [kgCO2e]: shipped mass [kg] / 1000 x sum(distance [km] x factor [kgCO2e/t-km])."""
    reg = ctx.reg
    mass = ctx.f(reg.find("transport", "shipped_mass", item=item))
    country = _country(region)
    dest = "eu" if country in _EU_LEG else "us"
    if country not in _EU_LEG and country != "US":
        ctx.note(f"transport: no shipping leg to {country} in transport.csv; used the assembly-to-datacenter-us leg")
    legs = [("fab-to-assembly-tw", "road"), (f"assembly-to-datacenter-{dest}", "air"), ("last-mile", "road")]
    tkm_factor = 0.0
    for leg, mode in legs:
        d = ctx.f(reg.find("transport", "distance", leg=leg, mode=mode))
        tkm_factor = tkm_factor + d * ctx.f(reg.find("transport", "gwp", mode=mode))
    return mass / 1000.0 * tkm_factor, mass


def end_of_life_gwp(ctx, mass_kg, region: str):
    """End of life of ``mass_kg`` of e-waste [kgCO2e]: mass x (c x recycling + (1 - c) x landfill)."""
    reg = ctx.reg
    country = _country(region)
    cont = next((k for k, v in _CONTINENT.items() if country in v.split()), None)
    try:
        rate_f = reg.find("end_of_life", "collection_rate", region=cont) if cont else None
    except UnknownKeyError:
        rate_f = None
    if rate_f is None:
        rate_f = reg.find("end_of_life", "collection_rate", region="world")
        ctx.note(f"end of life: no e-waste collection rate for {country}; used the world rate")
    c = ctx.f(rate_f)
    rec = ctx.f(reg.find("end_of_life", "gwp", treatment="recycling"))
    land = ctx.f(reg.find("end_of_life", "gwp", treatment="landfill"))
    return mass_kg * (c * rec + (1 - c) * land)


def _lifetime_utilization(ctx, fl: Fleet):
    """Service life [year] and utilisation [fraction] of a fleet's hardware: the spec's values, else
    hardware_use.csv's rows for accelerators (a GPU node's host is retired with its accelerators) or,
    for a fleet of CPU nodes, for servers."""
    f = fl.spec
    kind = "accelerator" if fl.accelerator is not None else "server"
    if f.lifetime_years is not None:
        life = ctx.user(f"fleets.{fl.name}.lifetime_years", f.lifetime_years, "year")
    else:
        life = ctx.f(ctx.reg.find("hardware_use", "lifetime", hardware=kind))
    if f.utilization is not None:
        util = ctx.user(f"fleets.{fl.name}.utilization", f.utilization, "fraction")
    else:
        util = ctx.f(ctx.reg.find("hardware_use", "utilization", hardware=kind))
    return life, util


def item_embodied(ctx, fl: Fleet, which: str) -> tuple[dict, dict]:
    """Per-item embodied impacts {stage: {criterion: value}} and materials {material: kg} of one
    accelerator (``which="accelerators"``) or one host node (``"nodes"``)."""
    f = fl.spec
    if which == "accelerators":
        hw, item = fl.accelerator, item_kind(fl.accelerator)
        c2g = accelerator_cradle_to_gate(ctx, hw)
        override = f.embodied_kgco2e_per_accelerator
        field_ = "embodied_kgco2e_per_accelerator"
    else:
        hw = fl.host
        has_acc = any(k == "accelerator" for k, *_ in hw.components)
        item = "gpu_server_8x" if has_acc else "cpu_server_2s"
        c2g = node_cradle_to_gate(ctx, hw)
        override = f.embodied_kgco2e_per_node
        field_ = "embodied_kgco2e_per_node"
    if override is not None:
        c2g["gwp"] = ctx.user(f"fleets.{fl.name}.{field_}", override, "kgCO2e")
    mats = item_materials(ctx, item)
    ext = materials_impacts(ctx, mats)
    manu = {}
    for c in EMBODIED_CRITERIA:
        total, e = c2g.get(c, 0.0), ext.get(c, 0.0)
        manu[c] = total if c == "water" else np.maximum(total - e, 0.0)
    tr, mass = transport_gwp(ctx, item, fl.region)
    eol = end_of_life_gwp(ctx, mass, fl.region)
    return {"extraction": ext, "manufacture": manu, "transport": {"gwp": tr}, "end_of_life": {"gwp": eol}}, mats


def embodied(ctx, fl: Fleet, reserved: dict) -> tuple[list[Row], dict]:
    """Embodied rows of a fleet, allocated by reserved hours; and its allocated materials [kg]."""
    life, util = _lifetime_utilization(ctx, fl)
    life_h = life * HOURS_PER_YEAR * util
    rows: list[Row] = []
    materials: dict = {}
    for which in ("accelerators", "nodes"):
        if which == "accelerators" and fl.accelerator is None:
            continue
        items = reserved[which] / life_h  # item-lifetimes held by the system
        per_item, mats = item_embodied(ctx, fl, which)
        comp = f"{fl.name}.{which}"
        for stage, crits in per_item.items():
            for c, v in crits.items():
                flow = _WATER_FLOW.get(stage, "") if c == "water" else ""
                rows.append(Row(stage, "", comp, c, v * items, flow=flow))
        for m, kg in mats.items():
            materials[m] = materials.get(m, 0.0) + kg * items
    return rows, materials
