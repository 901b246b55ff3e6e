"""Resolve a fleet of the spec: its accelerator, host node, counts, service life, and the embodied description of
one accelerator and one host node (what making, shipping and disposing of them is made of: :mod:`.manufacture`,
:mod:`.logistics`).

Allocation to the system (in :mod:`.evaluate`): items held = reserved hours / (lifetime [year] x 8766 h/year x
utilisation).
"""

from __future__ import annotations

import math

from ..errors import SpecError, UnknownKeyError
from .logistics import (ASSEMBLY_REGION, air_share_item, assembly_regions, end_of_life_params, recycling_rates,
                        shipped_mass, transport_terms)
from .manufacture import accelerator_cradle_to_gate, item_kind, item_materials, node_cradle_to_gate
from ..units import HOURS_PER_YEAR
from .system import Fleet, Item, Term, field_name, from_factor, given

__all__ = ["resolve_fleet", "accelerator_item", "node_item"]


def _lookup(where: str, fn, key):
    """A hardware lookup; an unknown or ambiguous key becomes a SpecError naming the field."""
    if key is None:
        return None
    try:
        return fn(key)
    except UnknownKeyError as exc:
        raise SpecError(f"{where}: {exc}") from None


def _check_bases(item: Item, note) -> None:
    """Say so where the metals' bottom-up extraction exceeds the published cradle-to-gate figure of a criterion:
    manufacture is then 0 and the item's total is its metals' (never a silent max of two bases)."""
    from .evaluate import item_embodied, point, terms

    per_item, _ = item_embodied(item, point)
    for c, ext in per_item["extraction"].items():
        c2g = float(terms(item.cradle_to_gate.get(c, ()), point)) if c != "gwp" or item.gwp_override is None \
            else item.gwp_override.value
        if c not in ("water", "rock") and float(ext) > c2g:
            note(f"{item.hardware}: the extraction {c} of its metals ({float(ext):.3g} per item, bottom-up from metal "
                 f"contents) exceeds its cradle-to-gate {c} ({c2g:.3g}, from the manufacture factors): manufacture "
                 f"counts 0 and the item's {c} is its metals' (two bases that do not agree; the larger is kept)")


def _item(reg, which, kind, hw_id, c2g, override, location, note, ship, with_accelerators, rf, origin) -> Item:
    item = _build_item(reg, which, kind, hw_id, c2g, override, location, note, ship, with_accelerators, rf, origin)
    _check_bases(item, note)
    return item


def _build_item(reg, which, kind, hw_id, c2g, override, location, note, ship, with_accelerators, rf, origin) -> Item:
    mats, factors = item_materials(reg, kind)
    rate, rec, land = end_of_life_params(reg, location, note)
    rr = recycling_rates(reg, mats)
    if not ship:  # travels and is disposed of inside its server
        return Item(which, kind, hw_id, c2g, override, mats, factors, (), None, rate, rec, land, rr)
    mass = shipped_mass(reg, hw_id, kind)
    transport = transport_terms(reg, mass, air_share_item(kind, with_accelerators), location, note, rf, origin)
    return Item(which, kind, hw_id, c2g, override, mats, factors, transport, mass, rate, rec, land, rr)


def accelerator_item(reg, acc, location: str, note, override=None, inside_server: bool = False,
                     radiative_forcing: bool = False, origin: str = ASSEMBLY_REGION) -> Item:
    """The embodied description of one accelerator assembled in ``origin`` and used in a data center at
    ``location``; a module ``inside_server`` is shipped and disposed of with its server."""
    kind = item_kind(acc.id)
    return _item(reg, "accelerators", kind, acc.id, accelerator_cradle_to_gate(reg, acc, note), override, location,
                 note, not inside_server, False, radiative_forcing, origin)


def node_item(reg, node, location: str, note, override=None, radiative_forcing: bool = False,
              origin: str = ASSEMBLY_REGION) -> Item:
    """The embodied description of one host node (its shipped mass includes the modules it holds)."""
    gpu = any(k == "accelerator" for k, *_ in node.components)
    kind = "gpu_server_8x" if gpu else "cpu_server_2s"
    return _item(reg, "nodes", kind, node.id, node_cradle_to_gate(reg, node, note), override, location, note, True,
                 gpu, radiative_forcing, origin)


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
    elif acc is not None and node_accs and acc.id != node_accs[0][0]:
        raise SpecError(f"{where}: node {node.id!r} holds {node_accs[0][0]}, not accelerator {acc.id!r}; give one of "
                        "the two (the node archetype defines its accelerator), or a node of that accelerator")
    per_node = f.accelerators_per_node
    if per_node is not None and node_accs and per_node != int(node_accs[0][1].value):
        raise SpecError(f"{where}.accelerators_per_node = {per_node}: node {node.id!r} holds "
                        f"{int(node_accs[0][1].value)}; leave accelerators_per_node out (the node defines it)")
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
    row = lambda q: from_factor(reg.find("hardware_use", q, hardware=kind))
    life = given(field_name("fleets", name, "lifetime_years"), f.lifetime_years, "year") if f.lifetime_years else None
    util = given(field_name("fleets", name, "utilization"), f.utilization, "fraction") if f.utilization else None
    if life is None and util is None:  # one factor: the product of two skewed rows is not the product of their modes
        service = Term((row("service_hours"),), 1.0, "service hours")
    else:
        service = Term((life or row("lifetime"), util or row("utilization")), HOURS_PER_YEAR, "service hours")
    over = lambda field: (given(field_name("fleets", name, field), getattr(f, field), "kgCO2e")
                          if getattr(f, field) is not None else None)
    rf = bool(getattr(spec, "air_radiative_forcing", False))
    origin = _assembly_region(reg, f.assembled_in, where)
    _assembly_note(origin, note)
    inside = (acc is not None and item_kind(acc.id) == "accelerator_module"
              and any(k == "accelerator" and cid == acc.id for k, cid, *_ in node.components))
    items = []
    if acc is not None:
        items.append(accelerator_item(reg, acc, location, note, over("embodied_kgco2e_per_accelerator"), inside, rf,
                                      origin))
    items.append(node_item(reg, node, location, note, over("embodied_kgco2e_per_node"), rf, origin))
    return Fleet(name, dc_key, acc.id if acc else None, node.id, per_node, n_acc, n_nodes, service, tuple(items))


def _assembly_region(reg, given_region: str | None, where: str) -> str:
    """The fleet's assembly region (``assembled_in``, a country code such as ``TW``, ``CN``, ``MX``) as a route
    origin of transport.csv; Taiwan when not given."""
    if given_region is None:
        return ASSEMBLY_REGION
    known = assembly_regions(reg)
    code = given_region.strip().lower()
    if code not in known:
        raise SpecError(f"{where}.assembled_in = {given_region!r}: transport.csv has routes from "
                        f"{', '.join(k.upper() for k in known)} only; give one of them (or leave it out for TW)")
    return code


def _assembly_note(origin: str, note) -> None:
    if origin != ASSEMBLY_REGION:
        note(f"transport: servers assembled in {origin.upper()} ship from there; the parts' leg from "
             f"{ASSEMBLY_REGION.upper()} to the plant is not counted (an underestimate of transport)")
