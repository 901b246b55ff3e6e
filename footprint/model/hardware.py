"""Resolve a fleet of the spec: its accelerator, host node, counts, service life, and the embodied description of
one accelerator and one host node (what their extraction, manufacture, transport and end of life are made of).

Per item, cradle-to-gate [per criterion] = the sum of its components' terms (manufacture.csv):
logic dies ``area [mm2] / 100 x factor(node) [per cm2]``, memory ``GB x factor(type)``, package, board
``area [cm2] x factor``, heatsink ``kg x factor``; for nodes, CPUs, DRAM, SSD, HDD, PSUs, mainboard, chassis and
assembly. Metals in the item = component masses (component_mass.csv) x metal contents [g/kg] (material_content.csv)
/ 1000, each with the cradle-to-gate impacts of producing the metal per kg (materials.csv). Transport = shipped mass
[kg] / 1000 x sum over legs of distance [km] x mode factor [kgCO2e/t-km]; end of life uses the e-waste collection
rate of the data center's region (end_of_life.csv, region_groups.csv).
"""

from __future__ import annotations

import math

from ..errors import SpecError, UnknownKeyError
from .system import EMBODIED_CRITERIA, Fleet, Item, Term, field_name, from_factor, given

__all__ = ["resolve_fleet", "accelerator_item", "node_item", "logic_die_terms", "memory_component", "item_kind"]


def _lookup(where: str, fn, key):
    """A hardware lookup; an unknown or ambiguous key becomes a SpecError naming the field."""
    if key is None:
        return None
    try:
        return fn(key)
    except UnknownKeyError as exc:
        raise SpecError(f"{where}: {exc}") from None


def _mfg(reg, component: str, quantity: str, **keys):
    """The manufacture factor as a Param, or None when the table does not publish it (the term is left out)."""
    fac = reg.find_or_none("manufacture", quantity, component=component, **keys)
    return from_factor(fac) if fac is not None else None


def item_kind(accelerator_id: str) -> str:
    """The material and transport class of an accelerator: a PCIe card, or a module (SXM, OAM, chip)."""
    return "accelerator_card_pcie" if any(t in accelerator_id.split("-") for t in ("pcie", "nvl")) else "accelerator_module"


def memory_component(memory_type: str) -> str:
    """The manufacture component of a memory type: ``hbm``, ``gddr`` or ``dram``."""
    t = memory_type.upper()
    return "hbm" if t.startswith("HBM") else "gddr" if t.startswith("GDDR") else "dram"


def logic_die_terms(reg, area: Term, node_nm: float, note, count: Term | None = None) -> dict:
    """{criterion: Term} of logic dies of ``area`` [mm2] at ``node_nm``: area / 100 [cm2] x factor per cm2 of good
    die, at the nearest process node of manufacture.csv (a note when it is not the die's own)."""
    nodes = sorted({float(f.keys["process_node"]) for f in reg.rows("manufacture")
                    if f.keys.get("component") == "logic_die" and f.quantity == "gwp"})
    best = min(nodes, key=lambda n: (abs(n - node_nm), n))
    if best != node_nm:
        note(f"logic die at {node_nm:g} nm: used the {best:g} nm factors (nearest node in manufacture.csv)")
    out = {}
    for c in EMBODIED_CRITERIA:
        f = _mfg(reg, "logic_die", c, process_node=f"{best:g}")
        if f is not None:
            params = (count.params if count else ()) + area.params + (f,)
            out[c] = Term(params, area.scale / 100.0 * (count.scale if count else 1.0), "logic die")
    return out


def _per_unit(reg, component: str, count: Term | None = None, criteria=("gwp", "pe", "adpe")) -> dict:
    out = {}
    for c in criteria:
        f = _mfg(reg, component, c)
        if f is not None:
            out[c] = Term((count.params if count else ()) + (f,), count.scale if count else 1.0, component)
    return out


def _per_amount(reg, component: str, amount: Term, part: str, criteria=("gwp", "pe", "adpe")) -> dict:
    out = {}
    for c in criteria:
        f = _mfg(reg, component, c)
        if f is not None:
            out[c] = Term(amount.params + (f,), amount.scale, part)
    return out


def _collect(*parts: dict) -> dict:
    out: dict = {}
    for part in parts:
        for c, t in part.items():
            out.setdefault(c, []).append(t)
    return {c: tuple(ts) for c, ts in out.items()}


def _mass(reg, item: str, component: str):
    fac = reg.find_or_none("component_mass", "mass", item=item, component=component)
    return Term((from_factor(fac),)) if fac is not None else None


def accelerator_cradle_to_gate(reg, acc, note) -> dict:
    """{criterion: terms} of making one accelerator, bottom-up: dies, memory, package, board, heatsink."""
    kind = item_kind(acc.id)
    parts = [logic_die_terms(reg, Term((from_factor(acc["die_area"]),)), acc["process_node"].value, note)]
    if acc.get("memory") is not None:
        gb = Term((from_factor(acc["memory"]),))
        parts.append(_per_amount(reg, memory_component(acc.attributes.get("memory_type", "")), gb, "memory"))
    parts.append(_per_unit(reg, "accelerator_package"))
    board = Term((from_factor(acc["board_area"]),)) if acc.get("board_area") else _mass(reg, kind, "board_area")
    if board is not None:
        parts.append(_per_amount(reg, "accelerator_board", board, "board"))
    heatsink = _mass(reg, kind, "heatsink")
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
            n = Term((from_factor(fac),))
            parts.append(logic_die_terms(reg, Term((from_factor(cpu["die_area"]),)), cpu["process_node"].value, note, n))
            parts.append(_per_unit(reg, "cpu_package", n))
    for kind, comp in (("ram", "dram"), ("ssd", "nand")):
        for cid, q, fac in comps.get(kind, []):
            if q == "capacity":
                parts.append(_per_amount(reg, comp, Term((from_factor(fac),)), kind))
            elif q == "count" and kind == "ssd":
                parts.append(_per_amount(reg, "nand", Term((from_factor(fac),)), "ssd", criteria=("gwp_unit",)))
    for cid, q, fac in comps.get("hdd", []):
        if q == "count":
            parts.append(_per_unit(reg, "hdd", Term((from_factor(fac),))))
    psus = [fac for cid, q, fac in comps.get("psu", []) if q == "count"]
    if psus:
        parts.append(_per_unit(reg, "psu", Term((from_factor(psus[0]),))))
    for part in ("mainboard", "chassis", "assembly"):
        parts.append(_per_unit(reg, part))
    out = _collect(*parts)
    if "gwp_unit" in out:  # an SSD's per-unit gwp adds to the gwp
        out["gwp"] = out.get("gwp", ()) + out.pop("gwp_unit")
    return out


def item_materials(reg, item: str) -> tuple[dict, dict]:
    """Metals in one item: {metal: terms [kg per item]} (mass [kg] x content [g/kg] / 1000, summed over the
    components) and {metal: {criterion: Param per kg}} of producing them."""
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
    factors = {}
    for mat in kg:
        factors[mat] = {c: from_factor(f) for c in EMBODIED_CRITERIA
                        if (f := reg.find_or_none("materials", c, material=mat)) is not None}
    return {m: tuple(t) for m, t in kg.items()}, factors


def _transport(reg, item: str, location: str, note) -> tuple[tuple[Term, ...], object]:
    """Transport terms of one item [kgCO2e] and its shipped mass [kg]: the legs fab -> assembly (road), assembly ->
    the data center's shipping destination (air), last mile (road)."""
    mass = from_factor(reg.find("transport", "shipped_mass", item=item))
    dest = reg.group_of(location, "shipping_destination")
    if dest is None:
        note(f"transport: no shipping leg to {reg.country_of(location)} in transport.csv; used the "
             "assembly-to-datacenter-us leg")
        dest = "us"
    terms = []
    for leg, mode in (("fab-to-assembly-tw", "road"), (f"assembly-to-datacenter-{dest}", "air"), ("last-mile", "road")):
        d = from_factor(reg.find("transport", "distance", leg=leg, mode=mode))
        terms.append(Term((mass, d, from_factor(reg.find("transport", "gwp", mode=mode))), 1e-3, leg))
    return tuple(terms), mass


def _end_of_life(reg, location: str, note):
    region = reg.group_of(location, "gem_region")
    rate = reg.find_or_none("end_of_life", "collection_rate", region=region) if region else None
    if rate is None:
        note(f"end of life: no e-waste collection rate for {reg.country_of(location)}; used the world rate")
        rate = reg.find("end_of_life", "collection_rate", region="world")
    return (from_factor(rate), from_factor(reg.find("end_of_life", "gwp", treatment="recycling")),
            from_factor(reg.find("end_of_life", "gwp", treatment="landfill")))


def _item(reg, which, kind, hw_id, c2g, override, location, note) -> Item:
    mats, factors = item_materials(reg, kind)
    transport, mass = _transport(reg, kind, location, note)
    rate, rec, land = _end_of_life(reg, location, note)
    return Item(which, kind, hw_id, c2g, override, mats, factors, transport, mass, rate, rec, land)


def accelerator_item(reg, acc, location: str, note, override=None) -> Item:
    """The embodied description of one accelerator in a data center at ``location``."""
    return _item(reg, "accelerators", item_kind(acc.id), acc.id, accelerator_cradle_to_gate(reg, acc, note), override,
                 location, note)


def node_item(reg, node, location: str, note, override=None) -> Item:
    """The embodied description of one host node (without its accelerators) at ``location``."""
    kind = "gpu_server_8x" if any(k == "accelerator" for k, *_ in node.components) else "cpu_server_2s"
    return _item(reg, "nodes", kind, node.id, node_cradle_to_gate(reg, node, note), override, location, note)


def resolve_fleet(spec, reg, name: str, note) -> Fleet:
    """The :class:`Fleet` ``spec.fleets[name]``: accelerator, host node archetype, counts, lifetime and utilisation
    (the spec's, else hardware_use.csv's accelerator rows, or server rows for a fleet of CPU nodes)."""
    f = spec.fleets[name]
    dc_key, dc = spec.datacenter_of(name)
    where = f"fleets.{name}"
    node = _lookup(f"{where}.node", reg.node, f.node)
    acc = _lookup(f"{where}.accelerator", reg.accelerator, f.accelerator)
    for hw in (node, acc):
        if hw is not None and hw.note:
            note(hw.note)
    node_accs = [(cid, fac) for kind, cid, q, fac in (node.components if node else ()) if kind == "accelerator" and q == "count"]
    if acc is None and node_accs:
        acc = reg.accelerator(node_accs[0][0])
    per_node = f.accelerators_per_node
    if per_node is None:
        if node_accs:
            per_node = int(node_accs[0][1].value)
        elif acc is not None and acc.get("accelerators_per_node"):
            per_node = int(acc["accelerators_per_node"].value)
            note(f"{where}: {per_node} accelerators per node ({acc['accelerators_per_node'].factor_id})")
        else:
            per_node = 1
    if node is None:
        host = reg.reference_host(acc.id) if acc is not None else None
        note(f"{where}: host node modelled as the {host or 'generic cpu-server-2s'} archetype (set node = ... to choose)")
        node = reg.node(host or "cpu-server-2s")
    if f.nodes is not None:
        n_nodes = f.nodes
        n_acc = n_nodes * per_node if acc is not None else 0
    else:
        n_acc = f.accelerators
        n_nodes = math.ceil(n_acc / per_node)
    if acc is None:
        per_node, n_acc = 1, 0
    location = _lookup(f"datacenters.{dc_key}.region", reg.location_of, dc.region).upper()
    kind = "accelerator" if acc is not None else "server"
    life = (given(field_name("fleets", name, "lifetime_years"), f.lifetime_years, "year") if f.lifetime_years is not None
            else from_factor(reg.find("hardware_use", "lifetime", hardware=kind)))
    util = (given(field_name("fleets", name, "utilization"), f.utilization, "fraction") if f.utilization is not None
            else from_factor(reg.find("hardware_use", "utilization", hardware=kind)))
    over = lambda field: (given(field_name("fleets", name, field), getattr(f, field), "kgCO2e")
                          if getattr(f, field) is not None else None)
    items = []
    if acc is not None:
        items.append(accelerator_item(reg, acc, location, note, over("embodied_kgco2e_per_accelerator")))
    items.append(node_item(reg, node, location, note, over("embodied_kgco2e_per_node")))
    return Fleet(name, dc_key, acc.id if acc else None, node.id, per_node, n_acc, n_nodes, life, util, tuple(items))
