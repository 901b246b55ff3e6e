"""The resolved description of a system: what :func:`~footprint.model.resolve.resolve` returns and
:func:`~footprint.model.evaluate.evaluate` computes with.

Every type here is frozen. Every number the arithmetic needs is a :class:`~footprint.uncertainty.Param` (a factor
with its distribution and provenance, a value the user gave, or a measured value), so that one evaluation gives the
point estimate and another the Monte Carlo draws. A quantity that is a product of factors is a :class:`Term`
(``scale x p1 x p2 x ...``); a sum of such products is a tuple of terms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..registry import Factor, FrozenDict
from ..spec import PowerSource
from ..uncertainty import Param

__all__ = [
    "STAGES", "WATER_FLOWS", "EMBODIED_CRITERIA", "Term", "WaferTerm", "MeasuredRun", "Site", "Item", "Fleet", "PowerModel",
    "TrainingPhase", "InferencePhase", "System", "from_factor", "given", "measured", "field_name", "PowerSource",
]

#: Life-cycle stages, in order.
STAGES = ("extraction", "manufacture", "transport", "use", "end_of_life")

#: Where the water is consumed [L]: on-site cooling (IT energy x WUE), off-site at the power plants (energy at the
#: meter x electricity water intensity), in chip fabrication (fab water of the dies), in mining and refining metals.
WATER_FLOWS = ("onsite_cooling", "offsite_electricity", "chip_fabrication", "metal_extraction")

#: Criteria of the embodied stages (transport and end of life: gwp only).
EMBODIED_CRITERIA = ("gwp", "pe", "adpe", "water")


def field_name(section: str, key: str, field: str) -> str:
    """The name of the parameter a spec field becomes: ``<section>.<key>.<field>``, where ``key`` is the data center
    or fleet key, or the phase's name (``training.pretraining.device_hours``). Scenarios find a field's parameter
    by this name."""
    return f"{section}.{key}.{field}"


def from_factor(fac: Factor) -> Param:
    """The model input of a table factor: its value, range and distribution, with its provenance."""
    info = {"factor_id": fac.factor_id, "unit": fac.unit, "source": fac.source, "year": fac.year,
            "license": fac.license, "url": fac.url, "fallback_level": fac.fallback_level, "note": fac.note,
            "kind": "factor"}
    return Param(fac.factor_id, fac.value, fac.low, fac.high, fac.distribution, info)


def given(name: str, value: float, unit: str) -> Param:
    """A value the user gave in the spec (constant), named by its field path (``datacenters.main.pue``)."""
    info = {"factor_id": name, "unit": unit, "source": "system spec (user input)", "year": None, "license": "",
            "url": "", "fallback_level": "user", "note": "", "kind": "user"}
    return Param(name, float(value), float(value), float(value), "constant", info)


def measured(name: str, value: float, unit: str, source: str) -> Param:
    """A measured value (constant), e.g. the IT energy of a run in the tracker's ledger."""
    info = {"factor_id": name, "unit": unit, "source": source, "year": None, "license": "", "url": "",
            "fallback_level": "measured", "note": "", "kind": "measured"}
    return Param(name, float(value), float(value), float(value), "constant", info)


@dataclass(frozen=True)
class Term:
    """``scale x params[0] x params[1] x ... / divisors[0] / ...`` [the unit of the quantity it is a term of];
    ``part`` names what it counts (``logic die``, ``memory``, ``psu`` ...). A negative scale subtracts
    (``(1 - f) x a = a - f x a``). Divisors are strictly positive parameters (a rate, a utilisation)."""

    params: tuple[Param, ...]
    scale: float = 1.0
    part: str = ""
    divisors: tuple[Param, ...] = ()

    def value(self, v):
        out = self.scale
        for p in self.params:
            out = out * v(p)
        for p in self.divisors:
            out = out / v(p)
        return out


@dataclass(frozen=True)
class WaferTerm:
    """Impacts of ``dies`` equal logic dies sharing ``area`` [mm2 in all] from the wafer area they take, yield
    included (``a`` = area / dies, one die):

    - dies per wafer (de Vries 2005, "Investigation of gross die per wafer formulas", IEEE Trans. Semicond. Manuf.
      18(1):136): DPW = pi (d/2)^2 / S - pi d / sqrt(2 S), with d the wafer diameter less twice the edge exclusion
      [mm] and S = (sqrt(a) + kerf)^2 [mm2];
    - yield, negative binomial (Stapper 1983): Y = (1 + a [cm2] x D0 [1/cm2] / alpha)^-alpha;
    - wafer area per good die [cm2] = pi (wafer / 2)^2 / 100 / (DPW x Y);
    - impact = dies x wafer area per good die x factor x ``per_good_die_yield``: the table's factors are ACT's
      impacts per cm2 of good die at ACT's yield (Gupta et al. 2022), so x that yield gives the impact per cm2 of
      wafer processed.
    """

    area: Param
    dies: float
    defect_density: Param
    alpha: Param
    wafer_mm: Param
    edge_mm: Param
    kerf_mm: Param
    factor: Param
    per_good_die_yield: Param
    part: str = "logic die"
    count: Param | None = None

    @property
    def params(self) -> tuple[Param, ...]:
        return tuple(p for p in (self.count, self.area, self.defect_density, self.alpha, self.wafer_mm, self.edge_mm,
                                 self.kerf_mm, self.factor, self.per_good_die_yield) if p is not None)

    def wafer_cm2_per_good_die(self, v):
        import numpy as np

        a = v(self.area) / self.dies
        d = v(self.wafer_mm) - 2 * v(self.edge_mm)
        s = (np.sqrt(a) + v(self.kerf_mm)) ** 2
        dpw = np.maximum(np.pi * (d / 2) ** 2 / s - np.pi * d / np.sqrt(2 * s), 1.0)
        alpha = v(self.alpha)
        y = (1 + a / 100 * v(self.defect_density) / alpha) ** -alpha
        return np.pi * (v(self.wafer_mm) / 2) ** 2 / 100 / (dpw * y)

    def value(self, v):
        out = self.dies * self.wafer_cm2_per_good_die(v) * v(self.factor) * v(self.per_good_die_yield)
        return out * v(self.count) if self.count is not None else out


@dataclass(frozen=True)
class MeasuredRun:
    """A run read from the tracker's ledger, as plain data (the model never opens the ledger).

    ``energy_kwh`` [kWh] IT energy (cpu + gpu + ram), ``duration_h`` [h], ``components`` {component: kWh},
    ``methods`` {component: how it was measured}; ``note`` says why an unfinished run is used as it is;
    ``nodes`` the hosts of a job; ``intervals`` its checkpoint intervals [(t_start [s, UTC epoch], t_end [s],
    IT energy [kWh])], for the hourly grid intensity they met.
    """

    id: str
    energy_kwh: float
    duration_h: float
    status: str
    ledger: str
    name: str | None = None
    started: str | None = None
    ended: str | None = None
    components: Mapping[str, float] = field(default_factory=FrozenDict)
    methods: Mapping[str, str | None] = field(default_factory=FrozenDict)
    note: str = ""
    nodes: int | None = None
    intervals: tuple = ()

    @property
    def source(self) -> str:
        """The provenance written on the values taken from this run."""
        how = ", ".join(f"{c} {m}" for c, m in self.methods.items() if m)
        return f"measured run {self.id} ({self.status}; ledger {self.ledger})" + (f"; {how}" if how else "")


@dataclass(frozen=True)
class Site:
    """A data center: PUE [ratio], on-site WUE [L/kWh], grid intensity [kgCO2e/kWh] on ``grid_basis``, electricity
    water intensity [L/kWh], primary energy [MJ/kWh] and abiotic depletion [kgSbeq/kWh] of its electricity;
    ``sources`` says where PUE, WUE, grid and water intensity came from (spec, provider default, region)."""

    key: str
    region: str
    location: str
    provider: str
    pue: Param
    wue: Param
    grid: Param
    ewif: Param
    pe: Param | None = None
    adpe: Param | None = None
    sources: Mapping[str, str] = field(default_factory=FrozenDict)
    grid_basis: str = "lifecycle"


@dataclass(frozen=True)
class Item:
    """One accelerator (``which="accelerators"``) or one host node without its accelerators (``"nodes"``).

    ``cradle_to_gate`` {criterion: terms per item}, ``gwp_override`` the spec's per-item embodied gwp,
    ``materials`` {metal: terms [kg per item]}, ``material_factors`` {metal: {criterion: Param per kg}},
    ``transport`` terms [kgCO2e per item], ``shipped_mass`` [kg] (None: shipped and disposed of inside its server),
    end of life: e-waste ``collection_rate`` [fraction], ``recycling`` and ``landfill`` [kgCO2e/kg], and
    ``recycling_rates`` {metal: Param}: the share of a metal recovered from collected e-waste [fraction].
    """

    which: str
    kind: str
    hardware: str
    cradle_to_gate: Mapping[str, tuple[Any, ...]]
    gwp_override: Param | None
    materials: Mapping[str, tuple[Term, ...]]
    material_factors: Mapping[str, Mapping[str, Param]]
    transport: tuple[Term, ...]
    shipped_mass: Param | None
    collection_rate: Param
    recycling: Param
    landfill: Param
    recycling_rates: Mapping[str, Param] = field(default_factory=FrozenDict)


@dataclass(frozen=True)
class Fleet:
    """Identical accelerators (or nodes) held by the system: counts, the hours of use over a service life
    (``service_hours`` [h] = lifetime [year] x 8766 h/year x utilisation [fraction], as a term) and the embodied
    description of one accelerator and one host node."""

    name: str
    site: str
    accelerator: str | None
    host: str
    per_node: int
    n_accelerators: int
    n_nodes: int
    service_hours: Term
    items: tuple[Item, ...]

    @property
    def units(self) -> int:
        """What a device-hour counts: accelerators, or nodes for a fleet without accelerators."""
        return self.n_accelerators if self.accelerator is not None else self.n_nodes


@dataclass(frozen=True)
class PowerModel:
    """Average power while busy [W per accelerator] (sums of terms): with ``scope="system"`` ``accelerator`` is the
    host-inclusive power and ``host`` is empty; with ``scope="accelerator"`` they are the accelerator's and its share
    of the host's. ``idle_host`` [W per accelerator] is the host power idle time is counted on; ``share`` the pooled
    estimate behind it (:class:`~footprint.model.power.ShareEstimate`)."""

    scope: str
    accelerator: tuple[Term, ...]
    host: tuple[Term, ...] = ()
    idle_host: tuple[Term, ...] = ()
    share: Any = None


@dataclass(frozen=True)
class TrainingPhase:
    """A training phase: its work (``device_hours`` and ``wall_hours`` of one repeat [h], as terms), where its IT
    energy comes from (``power``) with the inputs that source needs, ``repeats``, and its wall-clock duration
    ``wall_days`` [day, all repeats, point value] for time lines."""

    name: str
    fleet: str
    power: PowerSource
    repeats: int
    device_hours: Term
    wall_hours: Term
    wall_days: float
    energy_kwh: Term | None = None
    power_w: Term | None = None
    model: PowerModel | None = None
    run: MeasuredRun | None = None
    parameters: float | None = None
    tokens: float | None = None
    grid_ratio: float = 1.0  # the hourly intensity a measured run met / the annual (hourly.energy_weighted_ratio)
    kind: str = "training"


@dataclass(frozen=True)
class InferencePhase:
    """A serving phase: ``requests`` and either ``energy_per_request`` [Wh] or ``busy_seconds`` (terms of the busy
    accelerator-seconds of one request: output tokens / tokens per second, or the modelled decode and prefill of
    :mod:`footprint.model.work`); reserved for ``days`` [day] on ``accelerators`` when given (idle draw
    at ``tdp`` x ``idle_accelerator`` and host x ``idle_server``)."""

    name: str
    fleet: str
    power: PowerSource
    accelerators: int
    requests: Param
    model: PowerModel
    energy_per_request: Param | None = None
    busy_seconds: tuple[Term, ...] = ()
    days: Param | None = None
    tdp: Param | None = None
    idle_accelerator: Param | None = None
    idle_server: Param | None = None
    days_value: float | None = None
    kind: str = "inference"


@dataclass(frozen=True)
class System:
    """A system resolved against the tables: data centers, fleets, phases in spec order (training first), the
    measured runs read for it, and the notes of every alias resolved and fallback used."""

    name: str
    sites: Mapping[str, Site]
    fleets: Mapping[str, Fleet]
    phases: tuple[Any, ...]
    notes: tuple[str, ...] = ()

    @property
    def training(self) -> tuple[TrainingPhase, ...]:
        return tuple(p for p in self.phases if p.kind == "training")

    @property
    def inference(self) -> tuple[InferencePhase, ...]:
        return tuple(p for p in self.phases if p.kind == "inference")

    @property
    def runs(self) -> tuple[tuple[str, MeasuredRun], ...]:
        """(phase name, run) of every training phase that takes its energy from a measured run."""
        return tuple((p.name, p.run) for p in self.training if p.run is not None)
