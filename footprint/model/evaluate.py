"""Evaluate a resolved system: pure arithmetic on the values of its parameters.

``v`` is a *parameter source*: ``v(param)`` returns the parameter's value, a float for the point estimate or a numpy
array of Monte Carlo draws (:mod:`footprint.uncertainty`). The same functions give both. The equations
(DESIGN.md; Li et al. 2023, "Making AI less thirsty", arXiv:2304.03271, for water):

- use: energy at the meter [kWh] = IT energy x PUE; gwp [kgCO2e] = energy x grid intensity; water [L] =
  IT energy x WUE (on-site cooling) + energy x electricity water intensity (off-site); pe [MJ] and adpe [kgSbeq] =
  energy x factor per kWh;
- embodied: items held = reserved hours / (lifetime [year] x 8766 h/year x utilisation); extraction = metals [kg] x
  impacts per kg; manufacture = max(cradle-to-gate - extraction, 0) for gwp, pe and adpe (the published
  cradle-to-gate factors include the materials), the fab water for water; transport and end of life (gwp).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..spec import PowerSource
from .system import EMBODIED_CRITERIA, Fleet, InferencePhase, Site, System, Term, TrainingPhase

__all__ = ["Row", "evaluate", "term", "terms", "point", "use_rows", "training_it_kwh", "inference_it_kwh", "busy_parts",
           "busy_hours", "item_embodied", "embodied_rows"]

#: The water flow of each embodied stage (:data:`~footprint.model.system.WATER_FLOWS`).
_WATER_FLOW = {"extraction": "metal_extraction", "manufacture": "chip_fabrication"}


@dataclass
class Row:
    """One line of the inventory: ``value`` [the criterion's unit] of a stage, phase and component; ``flow`` names
    the physical flow of a water row."""

    stage: str
    phase: str
    component: str
    criterion: str
    value: Any
    flow: str = ""


def point(p) -> float:
    """The point source: a parameter's value (clipped at its physical bound, where it has one)."""
    return p.bounded[0]


def term(t: Term, v):
    """The value of one term: ``t.scale x v(p1) x v(p2) x ...`` (or a :class:`WaferTerm`'s)."""
    return t.value(v)


def terms(ts, v):
    """The sum of terms (0.0 for none)."""
    out = 0.0
    for t in ts:
        out = out + t.value(v)
    return out


def use_rows(site: Site, v, phase: str, component: str, it_kwh, grid_ratio: float = 1.0) -> list[Row]:
    """Use-stage rows of ``it_kwh`` [kWh of IT energy] in ``site``; ``grid_ratio`` scales the grid intensity (the
    hourly intensity a measured run met over the annual one)."""
    meter = it_kwh * v(site.pue)
    rows = [Row("use", phase, component, "energy", meter),
            Row("use", phase, component, "gwp", meter * v(site.grid) * grid_ratio),
            Row("use", phase, component, "water", it_kwh * v(site.wue), flow="onsite_cooling"),
            Row("use", phase, component, "water", meter * v(site.ewif), flow="offsite_electricity")]
    for q in ("pe", "adpe"):
        if getattr(site, q) is not None:
            rows.append(Row("use", phase, component, q, meter * v(getattr(site, q))))
    return rows


def training_it_kwh(ph: TrainingPhase, v) -> tuple[dict, Any]:
    """IT energy per component [kWh] of a training phase, and its reserved device-hours [h] (all repeats).

    measured run / energy_kwh: E x repeats; accelerator_power_w: device-hours x repeats x P / 1000; power_w:
    wall hours x repeats x P / 1000; power model: device-hours x repeats x (accelerator W, host W) / 1000.
    """
    fleet, r = ph.fleet, ph.repeats
    dh = term(ph.device_hours, v)
    if ph.power in (PowerSource.MEASURED_RUN, PowerSource.MEASURED_ENERGY):
        parts = {f"{fleet}.it": term(ph.energy_kwh, v) * r}
    elif ph.power is PowerSource.ACCELERATOR_POWER:
        parts = {f"{fleet}.accelerators": dh * r * term(ph.power_w, v) / 1000.0}
    elif ph.power is PowerSource.FLEET_POWER:
        parts = {f"{fleet}.it": term(ph.wall_hours, v) * r * term(ph.power_w, v) / 1000.0}
    else:
        parts = busy_parts(ph.model, v, fleet, dh * r)
    return parts, dh * r


def busy_parts(model, v, fleet: str, busy_h) -> dict:
    """IT energy [kWh] of ``busy_h`` accelerator-hours under a power model: the host-inclusive power as one ``it``
    component, or the accelerators and their host apart: busy hours x W / 1000."""
    if model.scope == "system":
        return {f"{fleet}.it": busy_h * terms(model.accelerator, v) / 1000.0}
    parts = {f"{fleet}.accelerators": busy_h * terms(model.accelerator, v) / 1000.0}
    if model.host:
        parts[f"{fleet}.host"] = busy_h * terms(model.host, v) / 1000.0
    return parts


def busy_hours(ph: InferencePhase, v):
    """Busy accelerator-hours [h] of a serving phase: requests x Wh per request / busy power, or requests x
    busy accelerator-seconds per request / 3600."""
    requests = v(ph.requests)
    if ph.power is PowerSource.REQUEST_ENERGY:
        return requests * v(ph.energy_per_request) / (terms(ph.model.accelerator, v) + terms(ph.model.host, v))
    return requests * terms(ph.busy_seconds, v) / 3600.0


def inference_it_kwh(ph: InferencePhase, v) -> tuple[dict, Any]:
    """IT energy per component [kWh] of a serving phase and its reserved accelerator-hours [h].

    Busy: requests x Wh per request, or busy hours x busy power. Reserved for ``days``: accelerators x days x 24;
    idle hours = reserved - busy draw TDP x idle share per accelerator and the host's power x the server idle share.
    """
    fleet = ph.fleet
    busy = busy_hours(ph, v)
    if ph.power is PowerSource.REQUEST_ENERGY:
        parts = {f"{fleet}.it": v(ph.requests) * v(ph.energy_per_request) / 1000.0}
    else:
        parts = busy_parts(ph.model, v, fleet, busy)
    if ph.days is None:
        return parts, busy
    reserved = ph.accelerators * v(ph.days) * 24.0
    idle = np.maximum(reserved - busy, 0.0)
    acc, host = f"{fleet}.accelerators", f"{fleet}.host"
    parts[acc] = parts.get(acc, 0.0) + idle * v(ph.tdp) * v(ph.idle_accelerator) / 1000.0
    parts[host] = parts.get(host, 0.0) + idle * terms(ph.model.idle_host, v) * v(ph.idle_server) / 1000.0
    return parts, reserved


def item_embodied(item, v) -> tuple[dict, dict]:
    """{stage: {criterion: value per item}} and {metal: kg per item} of one accelerator or host node."""
    c2g = {c: terms(ts, v) for c, ts in item.cradle_to_gate.items()}
    if item.gwp_override is not None:
        c2g["gwp"] = v(item.gwp_override)
    mats = {m: terms(ts, v) for m, ts in item.materials.items()}
    ext: dict = {}
    for m, kg in mats.items():
        for c, f in item.material_factors[m].items():
            ext[c] = ext.get(c, 0.0) + kg * v(f)
    manu = {c: (c2g.get(c, 0.0) if c == "water" else np.maximum(c2g.get(c, 0.0) - ext.get(c, 0.0), 0.0))
            for c in EMBODIED_CRITERIA}
    if item.shipped_mass is None:  # shipped and disposed of inside its server
        eol = 0.0
    else:
        mass, rate = v(item.shipped_mass), v(item.collection_rate)
        eol = mass * (rate * v(item.recycling) + (1 - rate) * v(item.landfill))
    return {"extraction": ext, "manufacture": manu, "transport": {"gwp": terms(item.transport, v)},
            "end_of_life": {"gwp": eol}}, mats


def embodied_rows(fleet: Fleet, v, reserved: dict, metal_fates: bool = True) -> tuple[list[Row], dict]:
    """Embodied rows of a fleet, allocated by ``reserved`` {"accelerators": h, "nodes": h}, and its allocated metals
    {(metal, fate): kg}: items held = reserved hours / service hours (lifetime x 8766 x utilisation); fate
    ``"content"`` is the metal in the hardware, ``"recovered"`` = content x e-waste collection rate x the metal's
    recycling rate (what comes back at end of life), ``"rock"`` = content x its rock-to-metal ratio [kg of rock]
    (``metal_fates=False``: the content only, for evaluations whose callers read no recovered mass or rock per metal:
    the Monte Carlo draws, comparisons, sensitivity)."""
    life_h = term(fleet.service_hours, v)
    rows: list[Row] = []
    materials: dict = {}
    for item in fleet.items:
        held = reserved[item.which] / life_h
        per_item, mats = item_embodied(item, v)
        comp = f"{fleet.name}.{item.which}"
        for stage, crits in per_item.items():
            for c, value in crits.items():
                rows.append(Row(stage, "", comp, c, value * held, flow=_WATER_FLOW.get(stage, "") if c == "water" else ""))
        for m, kg in mats.items():
            _add(materials, (m, "content"), kg * held)
            if not metal_fates:
                continue
            if m in item.recycling_rates:
                _add(materials, (m, "recovered"), kg * held * v(item.collection_rate) * v(item.recycling_rates[m]))
            if "rock" in item.material_factors[m]:
                _add(materials, (m, "rock"), kg * held * v(item.material_factors[m]["rock"]))
    return rows, materials


def _add(d: dict, key, value) -> None:
    d[key] = d[key] + value if key in d else value


def evaluate(system: System, v, metal_fates: bool = True) -> tuple[list[Row], dict]:
    """The inventory rows and the allocated metals {(metal, fate): kg} (:func:`embodied_rows`) of ``system`` under
    the parameter source ``v``."""
    rows: list[Row] = []
    reserved = {name: {"accelerators": 0.0, "nodes": 0.0} for name in system.fleets}
    for ph in system.phases:
        fleet = system.fleets[ph.fleet]
        site = system.sites[fleet.site]
        parts, hours = (training_it_kwh if ph.kind == "training" else inference_it_kwh)(ph, v)
        for comp, it_kwh in parts.items():
            rows += use_rows(site, v, ph.name, comp, it_kwh, getattr(ph, "grid_ratio", 1.0))
        share = reserved[fleet.name]
        share["accelerators"] = share["accelerators"] + hours
        share["nodes"] = share["nodes"] + hours / fleet.per_node
    materials: dict = {}
    for fleet in system.fleets.values():
        emb, mats = embodied_rows(fleet, v, reserved[fleet.name], metal_fates)
        rows += emb
        for key, kg in mats.items():
            _add(materials, key, kg)
    return rows, materials
