"""The system description: data centers, fleets of hardware, training and inference phases.

A spec comes from a TOML file (:func:`load_spec`), a dict (:func:`parse_spec`) or the pydantic models
below. Field names are a contract (examples, notebooks and user scripts rely on them). Unknown keys are
errors, quantities are checked for sign and finiteness, and cross references (a phase's fleet, a fleet's
data center) must exist. Every problem is raised as :class:`~footprint.errors.SpecError` naming the
field and what is valid.
"""

from __future__ import annotations

import enum
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import SpecError

__all__ = ["BOUNDS", "LOWER_BOUNDS", "NAME_MAX", "Datacenter", "Fleet", "Training", "Inference", "SystemSpec", "PowerSource", "load_spec", "parse_spec", "as_spec"]


class PowerSource(str, enum.Enum):
    """Where a phase's IT energy comes from, decided when the spec is validated.

    Training: ``MEASURED_RUN`` (``run = "ID"``: the ledger's measured energy), ``MEASURED_ENERGY``
    (``energy_kwh``), ``ACCELERATOR_POWER`` (``accelerator_power_w`` x device-hours), ``FLEET_POWER``
    (``power_w`` x wall-clock hours), ``POWER_MODEL`` (none of them: TDP x measured power shares).
    Inference: ``REQUEST_ENERGY`` (requests x ``energy_wh_per_request``) or ``THROUGHPUT`` (tokens / tokens per
    second x the power model).
    """

    MEASURED_RUN = "measured run"
    MEASURED_ENERGY = "energy_kwh"
    ACCELERATOR_POWER = "accelerator_power_w"
    FLEET_POWER = "power_w"
    POWER_MODEL = "power model"
    REQUEST_ENERGY = "energy_wh_per_request"
    THROUGHPUT = "tokens_per_second_per_accelerator"


#: The largest value each quantity of a spec may take, its unit and why: far above any real system, low enough that
#: every product the model forms stays finite (in the float32 Monte Carlo draws too). README "Input bounds".
BOUNDS = {
    "hours": (1e10, "h", "ten billion hours: a million machines for over a thousand years"),
    "device_hours": (1e10, "h", "ten billion accelerator-hours: a million accelerators for over a thousand years"),
    "accelerator_power_w": (1e5, "W", "100 kW per accelerator: a hundred times any accelerator with its host share"),
    "power_w": (1e10, "W", "10 GW: several of the largest data-center campuses together"),
    "energy_kwh": (1e12, "kWh", "1,000 TWh: more than twice the world's data centers in a year"),
    "repeats": (1e6, "count", "a million repeats of one phase"),
    "parameters": (1e16, "count", "ten quadrillion parameters"),
    "tokens": (1e17, "count", "a hundred quadrillion tokens"),
    "requests": (1e18, "count", "a billion requests a second for thirty years"),
    "energy_wh_per_request": (1e6, "Wh", "1 MWh per request"),
    "tokens_per_request": (1e9, "count", "a billion tokens per request"),
    "tokens_per_second_per_accelerator": (1e8, "tokens/s", "a hundred million tokens a second per accelerator"),
    "days": (36525, "day", "a hundred years"),
    "accelerators": (1e8, "count", "a hundred million accelerators"),
    "nodes": (1e7, "count", "ten million nodes"),
    "accelerators_per_node": (1024, "count", "1,024 accelerators per node"),
    "embodied_kgco2e_per_accelerator": (1e6, "kgCO2e", "1,000 t per accelerator"),
    "embodied_kgco2e_per_node": (1e7, "kgCO2e", "10,000 t per node"),
    "lifetime_years": (30, "year", "thirty years of service"),
    "pue": (5, "ratio", "a PUE of 5: far above any operating data center"),
    "wue_l_per_kwh": (100, "L/kWh", "100 L per kWh: fifty times the thirstiest evaporative cooling"),
    "grid_kgco2e_per_kwh": (5, "kgCO2e/kWh", "5 kg per kWh: four times a lignite plant"),
    "electricity_water_l_per_kwh": (1000, "L/kWh", "1,000 L per kWh: above any hydro reservoir's evaporation"),
}

#: Quantities in a denominator: the smallest value each may take, its unit and why (below it one number overflows).
LOWER_BOUNDS = {
    "lifetime_years": (0.01, "year", "3.7 days of service"),
    "utilization": (0.001, "fraction", "hardware in use 0.1% of its life"),
    "tokens_per_second_per_accelerator": (0.001, "tokens/s", "a token every 17 minutes"),
}

#: The longest name (of a system, data center, fleet or phase) a spec may give.
NAME_MAX = 200


def _float(field: str, gt=None, ge=None):
    return Annotated[float, Field(gt=gt, ge=ge, le=BOUNDS[field][0], allow_inf_nan=False)]


def _int(field: str):
    return Annotated[int, Field(gt=0, le=int(BOUNDS[field][0]))]


Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True, validate_assignment=True)


class Datacenter(_Model):
    """Where a fleet runs.

    ``region`` is an ISO 3166 country (``FR``/``FRA``), a subdivision (``US-CA``) or a cloud region
    (``aws:us-east-1``). ``provider`` selects the PUE/WUE defaults (``aws``, ``google``, ``azure``,
    ``meta``, ``equinix``, ``industry-average``, ``on-premise``, ``hpc``); it defaults to the cloud
    provider of a cloud region, else the industry average. Optional overrides replace the tables.
    ``grid_basis``: ``lifecycle`` (default: every stage of generating the electricity, what a life cycle needs) or
    ``direct`` (combustion only: GHG Protocol location-based scope 2 reporting).
    """

    region: Annotated[str, Field(min_length=1, max_length=100)]
    provider: str | None = None
    pue: _float("pue", ge=1) | None = None
    wue_l_per_kwh: _float("wue_l_per_kwh", ge=0) | None = None
    grid_kgco2e_per_kwh: _float("grid_kgco2e_per_kwh", ge=0) | None = None
    electricity_water_l_per_kwh: _float("electricity_water_l_per_kwh", ge=0) | None = None
    grid_basis: Literal["lifecycle", "direct"] | None = None


class Fleet(_Model):
    """A fleet of identical accelerators (or nodes) held by the system.

    Give ``accelerator`` + ``accelerators``, or ``node`` + ``nodes`` (the node archetype then defines the
    accelerator and how many per node). ``lifetime_years`` [year] and ``utilization`` [fraction of the
    lifetime in use] allocate the embodied impacts; ``embodied_kgco2e_per_accelerator`` and
    ``embodied_kgco2e_per_node`` [kgCO2e] replace the bottom-up extraction + manufacture gwp. ``partitions``: the
    scheduler partitions this fleet serves in fleet accounting (``footprint fleet report``; default: the partition of
    the fleet's own name). ``assembled_in``: where its servers are assembled and shipped from (``TW``, the default;
    ``CN``; ``MX``, where many servers for North America are assembled).
    """

    datacenter: str | None = None
    accelerator: str | None = None
    accelerators: _int("accelerators") | None = None
    node: str | None = None
    nodes: _int("nodes") | None = None
    accelerators_per_node: _int("accelerators_per_node") | None = None
    lifetime_years: _float("lifetime_years", ge=LOWER_BOUNDS["lifetime_years"][0]) | None = None
    utilization: Annotated[float, Field(ge=LOWER_BOUNDS["utilization"][0], le=1, allow_inf_nan=False)] | None = None
    embodied_kgco2e_per_accelerator: _float("embodied_kgco2e_per_accelerator", ge=0) | None = None
    embodied_kgco2e_per_node: _float("embodied_kgco2e_per_node", ge=0) | None = None
    partitions: list[Annotated[str, Field(min_length=1)]] | None = None
    assembled_in: Annotated[str, Field(min_length=2, max_length=16)] | None = None

    @model_validator(mode="after")
    def _count(self) -> "Fleet":
        if self.accelerators is not None and self.nodes is not None:
            raise ValueError("give either accelerators or nodes, not both")
        if self.accelerators is None and self.nodes is None:
            raise ValueError("give the fleet's size: accelerators = N, or node = \"...\" with nodes = N")
        if self.nodes is not None and self.node is None and self.accelerator is None:
            raise ValueError("nodes needs node = \"<archetype>\" (e.g. \"dgx-a100\") or an accelerator")
        if self.accelerators is not None and self.accelerator is None and self.node is None:
            raise ValueError("accelerators needs accelerator = \"<id>\" (e.g. \"nvidia-a100-sxm4-80gb\")")
        return self


class Training(_Model):
    """A training phase.

    Time: ``device_hours`` [h, accelerator-hours] or ``hours`` [h, wall clock; x accelerators of the fleet].
    Power (at most one): ``accelerator_power_w`` [W per accelerator, in the scope you measured; host power
    is not added], ``power_w`` [W, total IT power of the fleet], ``energy_kwh`` [kWh, measured IT energy;
    time then only allocates the embodied share]; none of them: the
    power model (TDP x measured power share + host share, factors/power_draw.csv) with its range.
    ``repeats`` multiplies the whole phase (e.g. 20 runs of a hyper-parameter search).
    ``parameters`` [count] and ``tokens`` [count, training tokens of one run] are optional descriptions
    of the model; with them the phase is placed beside published runs (energy per parameter-token).
    ``run`` [id of a run in the ledger, see ``footprint runs list``]: the IT energy is the energy measured
    by that run; power and energy fields are then errors, and time is optional (default: the run's
    measured duration x the fleet's accelerators, or nodes when the fleet has no accelerator).
    """

    name: Name
    fleet: str | None = None
    device_hours: _float("device_hours", gt=0) | None = None
    hours: _float("hours", gt=0) | None = None
    accelerator_power_w: _float("accelerator_power_w", gt=0) | None = None
    power_w: _float("power_w", gt=0) | None = None
    energy_kwh: _float("energy_kwh", ge=0) | None = None
    repeats: _int("repeats") = 1
    workload: Literal["pretraining", "finetuning"] = "pretraining"
    parameters: _float("parameters", gt=0) | None = None
    tokens: _float("tokens", gt=0) | None = None
    run: Annotated[str, Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> "Training":
        if self.device_hours is not None and self.hours is not None:
            raise ValueError("give hours (wall clock) or device_hours, not both")
        given = [k for k in ("accelerator_power_w", "power_w", "energy_kwh") if getattr(self, k) is not None]
        if self.run is not None:
            if given:
                raise ValueError(f"run = {self.run!r} gives the measured energy: remove {', '.join(given)}")
            return self
        if len(given) > 1:
            raise ValueError(f"give at most one of accelerator_power_w, power_w, energy_kwh (got {', '.join(given)})")
        if self.device_hours is None and self.hours is None:
            raise ValueError("give device_hours (accelerator-hours) or hours (wall clock)")
        return self

    @property
    def power_source(self) -> PowerSource:
        """Where this phase's IT energy comes from (:class:`PowerSource`)."""
        if self.run is not None:
            return PowerSource.MEASURED_RUN
        for name in ("energy_kwh", "accelerator_power_w", "power_w"):
            if getattr(self, name) is not None:
                return PowerSource(name)
        return PowerSource.POWER_MODEL


class Inference(_Model):
    """A serving phase.

    Work: ``requests`` x ``energy_wh_per_request`` [Wh], or ``requests`` x ``tokens_per_request`` /
    ``tokens_per_second_per_accelerator`` (busy accelerator-seconds x the inference power model).
    ``days`` [day]: the fleet is reserved for these days; its idle draw and its embodied share for the
    whole period count. Without ``days`` only the busy time counts. ``accelerators`` serves with part of
    the fleet (default: all of it).
    """

    name: Name
    fleet: str | None = None
    requests: _float("requests", ge=0)
    energy_wh_per_request: _float("energy_wh_per_request", ge=0) | None = None
    tokens_per_request: _float("tokens_per_request", gt=0) | None = None
    tokens_per_second_per_accelerator: _float("tokens_per_second_per_accelerator",
                                              ge=LOWER_BOUNDS["tokens_per_second_per_accelerator"][0]) | None = None
    days: _float("days", gt=0) | None = None
    accelerators: _int("accelerators") | None = None

    @model_validator(mode="after")
    def _work(self) -> "Inference":
        tok = (self.tokens_per_request, self.tokens_per_second_per_accelerator)
        if self.energy_wh_per_request is not None and any(t is not None for t in tok):
            raise ValueError("give energy_wh_per_request or tokens_per_request + tokens_per_second_per_accelerator, not both")
        if self.energy_wh_per_request is None and not all(t is not None for t in tok):
            raise ValueError("give energy_wh_per_request, or both tokens_per_request and tokens_per_second_per_accelerator")
        return self

    @property
    def power_source(self) -> PowerSource:
        """Where this phase's IT energy comes from (:class:`PowerSource`)."""
        return PowerSource.REQUEST_ENERGY if self.energy_wh_per_request is not None else PowerSource.THROUGHPUT


class SystemSpec(_Model):
    """A whole AI system: where it runs, what hardware it holds, how it trains and serves.

    ``air_radiative_forcing``: count air freight with radiative forcing (DESNZ's multiplier on aviation's CO2); the
    default is the ISO 14083 / GLEC basis without it.
    """

    name: Name
    datacenters: dict[Name, Datacenter] = Field(min_length=1)
    fleets: dict[Name, Fleet] = Field(min_length=1)
    training: list[Training] = Field(default_factory=list)
    inference: list[Inference] = Field(default_factory=list)
    air_radiative_forcing: bool = False

    @model_validator(mode="after")
    def _references(self) -> "SystemSpec":
        dcs, fleets = list(self.datacenters), list(self.fleets)
        for fname, fleet in self.fleets.items():
            if fleet.datacenter is None:
                if len(dcs) > 1:
                    raise ValueError(f"fleets.{fname}.datacenter is required when there are several data centers ({', '.join(dcs)})")
            elif fleet.datacenter not in self.datacenters:
                raise ValueError(f"fleets.{fname}.datacenter {fleet.datacenter!r} is not defined; defined: {', '.join(dcs)}")
        names: dict[str, str] = {}
        for kind, phases in (("training", self.training), ("inference", self.inference)):
            for i, ph in enumerate(phases):
                if ph.name in names:
                    raise ValueError(f"{kind}[{i}].name {ph.name!r} is used twice (also {names[ph.name]}); "
                                     "phase names must be unique across training and inference")
                names[ph.name] = f"{kind}[{i}]"
                if ph.fleet is None:
                    if len(fleets) > 1:
                        raise ValueError(f"{kind}[{i}].fleet is required when there are several fleets ({', '.join(fleets)})")
                elif ph.fleet not in self.fleets:
                    raise ValueError(f"{kind}[{i}].fleet {ph.fleet!r} is not defined; defined: {', '.join(fleets)}")
        if not self.training and not self.inference:
            raise ValueError("the system has no phase: add a [[training]] or an [[inference]] table")
        return self

    def datacenter_of(self, fleet: str) -> tuple[str, Datacenter]:
        f = self.fleets[fleet]
        key = f.datacenter or next(iter(self.datacenters))
        return key, self.datacenters[key]

    def fleet_of(self, phase: Training | Inference) -> str:
        return phase.fleet or next(iter(self.fleets))


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _format(exc: ValidationError) -> str:
    msgs = []
    for e in exc.errors():
        # drop pydantic's internal union/function tags from the location
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        where = _loc(loc)
        typ, msg = e["type"], e["msg"]
        if typ == "extra_forbidden":
            msg = "unknown field (check the spelling; see the spec reference in the README)"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        elif typ == "less_than_equal" and loc and loc[-1] in BOUNDS:
            limit, unit, why = BOUNDS[loc[-1]]
            msg = f"must be at most {limit:g} {unit} ({why}; README 'Input bounds')"
        elif typ == "greater_than_equal" and loc and loc[-1] in LOWER_BOUNDS:
            limit, unit, why = LOWER_BOUNDS[loc[-1]]
            msg = f"must be at least {limit:g} {unit} ({why}; README 'Input bounds')"
        given = e.get("input")
        text = repr(given)
        text = text if len(text) <= 60 else text[:40] + f"... ({len(text)} characters)"
        shown = "" if typ in ("missing", "extra_forbidden") or isinstance(given, (dict, list)) else f" (got {text})"
        msgs.append(f"{where}: {msg}{shown}" if where else f"{msg}{shown}")
    return "invalid system spec: " + "; ".join(msgs)


def parse_spec(data: dict | SystemSpec) -> SystemSpec:
    """Validate a dict (as read from TOML or JSON) into a :class:`SystemSpec`; raise SpecError."""
    if isinstance(data, SystemSpec):
        return data
    if not isinstance(data, dict):
        raise SpecError(f"a system spec is a table of fields, got {type(data).__name__}")
    try:
        return SystemSpec.model_validate(data)
    except ValidationError as exc:
        raise SpecError(_format(exc)) from None


def load_spec(path: str | Path) -> SystemSpec:
    """Read and validate a TOML system spec file."""
    p = Path(path)
    if not p.is_file():
        raise SpecError(f"spec file {str(p)!r} does not exist; give the path of a TOML system spec")
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SpecError(f"{p} is not a valid TOML file: {exc}") from None
    return parse_spec(data)


def as_spec(spec) -> SystemSpec:
    """A validated :class:`SystemSpec` from a SystemSpec, a dict, or the path of a TOML file."""
    if isinstance(spec, SystemSpec):
        return spec
    if isinstance(spec, dict):
        return parse_spec(spec)
    return load_spec(spec)
