"""Life-cycle inventory and impacts of a system, stage by stage.

:func:`build` turns a validated :class:`~footprint.spec.SystemSpec` and a
:class:`~footprint.registry.FactorRegistry` into rows ``(stage, phase, component, criterion, value)``
and a materials inventory ``{material: kg}``. Every factor is asked from a *parameter source*
(:mod:`footprint.uncertainty`): the same call gives the point estimate (floats) or the Monte Carlo draws
(numpy arrays, one element per draw).

Stages: ``extraction`` (mining and refining the metals), ``manufacture`` (dies, memory, boards, server
parts), ``transport``, ``use`` (one row group per phase), ``end_of_life``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..registry import Factor, FactorRegistry
from ..uncertainty import Param, PointSource

__all__ = ["Context", "Row", "build", "STAGES", "WATER_FLOWS"]

STAGES = ("extraction", "manufacture", "transport", "use", "end_of_life")

#: Where the water is consumed [L]: on-site cooling (IT energy x WUE), off-site at the power plants
#: (energy at the meter x electricity water intensity), in chip fabrication (fab water of the dies),
#: and in mining and refining the metals.
WATER_FLOWS = ("onsite_cooling", "offsite_electricity", "chip_fabrication", "metal_extraction")


@dataclass
class Row:
    """One line of the inventory: a value [unit of the criterion] for a stage, phase and component.

    ``flow`` names the physical flow behind a water row (:data:`WATER_FLOWS`); results sum over it.
    """

    stage: str
    phase: str
    component: str
    criterion: str
    value: Any  # float, or numpy array of draws
    flow: str = ""


@dataclass
class Context:
    """What every stage function needs: the registry and the parameter source.

    ``f(factor)`` returns the factor's value (float or draws) and records it as an assumption;
    ``user(name, value, unit)`` records a value the user gave (constant); ``measured(name, value, unit,
    source)`` a measured one.
    """

    reg: FactorRegistry
    source: PointSource
    notes: list[str] = field(default_factory=list)

    def f(self, fac: Factor):
        info = {
            "factor_id": fac.factor_id, "unit": fac.unit, "source": fac.source, "year": fac.year,
            "license": fac.license, "url": fac.url, "fallback_level": fac.fallback_level, "note": fac.note,
            "kind": "factor",
        }
        return self.source(Param(fac.factor_id, fac.value, fac.low, fac.high, fac.distribution, info))

    def user(self, name: str, value: float, unit: str):
        info = {"factor_id": name, "unit": unit, "source": "system spec (user input)", "year": None,
                "license": "", "url": "", "fallback_level": "user", "note": "", "kind": "user"}
        return self.source(Param(name, float(value), float(value), float(value), "constant", info))

    def measured(self, name: str, value: float, unit: str, source: str):
        """Record a measured value (constant), e.g. the IT energy of a run in the tracker's ledger."""
        info = {"factor_id": name, "unit": unit, "source": source, "year": None, "license": "", "url": "",
                "fallback_level": "measured", "note": "", "kind": "measured"}
        return self.source(Param(name, float(value), float(value), float(value), "constant", info))

    def note(self, text: str) -> None:
        if text and text not in self.notes:
            self.notes.append(text)


def build(spec, reg: FactorRegistry, source: PointSource | None = None):
    """Inventory rows and materials of ``spec``.

    Returns
    -------
    rows : list of Row
    materials : dict material -> kg (float or draws), allocated to the system
    ctx : Context (its source holds every parameter used; its notes the resolved aliases and fallbacks)
    """
    from . import hardware, use

    ctx = Context(reg, source or PointSource())
    fleets = {name: hardware.resolve_fleet(ctx, spec, name) for name in spec.fleets}
    rows: list[Row] = []
    materials: dict[str, Any] = {}
    shares: dict[str, dict[str, Any]] = {name: {"accelerators": 0.0, "nodes": 0.0} for name in fleets}
    for phase in spec.training:
        fname = spec.fleet_of(phase)
        phase_rows, reserved_h = use.training(ctx, spec, fleets[fname], phase)
        rows += phase_rows
        _add_share(shares[fname], fleets[fname], reserved_h)
    for phase in spec.inference:
        fname = spec.fleet_of(phase)
        phase_rows, reserved_h = use.inference(ctx, spec, fleets[fname], phase)
        rows += phase_rows
        _add_share(shares[fname], fleets[fname], reserved_h)
    for fname, fl in fleets.items():
        emb_rows, mats = hardware.embodied(ctx, fl, shares[fname])
        rows += emb_rows
        for m, kg in mats.items():
            materials[m] = materials.get(m, 0.0) + kg
    return rows, materials, ctx, fleets


def _add_share(share: dict, fleet, reserved_device_h) -> None:
    """Add a phase's reserved accelerator-hours [h] to the fleet's allocation (in item-lifetimes later)."""
    share["accelerators"] = share["accelerators"] + reserved_device_h
    share["nodes"] = share["nodes"] + reserved_device_h / fleet.per_node
