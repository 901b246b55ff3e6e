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

__all__ = ["Datacenter", "Fleet", "Training", "Inference", "SystemSpec", "PowerSource", "load_spec", "parse_spec", "as_spec"]


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


PositiveFloat = Annotated[float, Field(gt=0, allow_inf_nan=False)]
NonNegFloat = Annotated[float, Field(ge=0, allow_inf_nan=False)]
PositiveInt = Annotated[int, Field(gt=0)]


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

    region: str = Field(min_length=1)
    provider: str | None = None
    pue: Annotated[float, Field(ge=1, le=5, allow_inf_nan=False)] | None = None
    wue_l_per_kwh: NonNegFloat | None = None
    grid_kgco2e_per_kwh: NonNegFloat | None = None
    electricity_water_l_per_kwh: NonNegFloat | None = None
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
    accelerators: PositiveInt | None = None
    node: str | None = None
    nodes: PositiveInt | None = None
    accelerators_per_node: PositiveInt | None = None
    lifetime_years: Annotated[float, Field(gt=0, le=30, allow_inf_nan=False)] | None = None
    utilization: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)] | None = None
    embodied_kgco2e_per_accelerator: NonNegFloat | None = None
    embodied_kgco2e_per_node: NonNegFloat | None = None
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

    name: str = Field(min_length=1)
    fleet: str | None = None
    device_hours: PositiveFloat | None = None
    hours: PositiveFloat | None = None
    accelerator_power_w: PositiveFloat | None = None
    power_w: PositiveFloat | None = None
    energy_kwh: NonNegFloat | None = None
    repeats: PositiveInt = 1
    workload: Literal["pretraining", "finetuning"] = "pretraining"
    parameters: PositiveFloat | None = None
    tokens: PositiveFloat | None = None
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

    name: str = Field(min_length=1)
    fleet: str | None = None
    requests: NonNegFloat
    energy_wh_per_request: NonNegFloat | None = None
    tokens_per_request: PositiveFloat | None = None
    tokens_per_second_per_accelerator: PositiveFloat | None = None
    days: PositiveFloat | None = None
    accelerators: PositiveInt | None = None

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

    name: str = Field(min_length=1)
    datacenters: dict[str, Datacenter] = Field(min_length=1)
    fleets: dict[str, Fleet] = Field(min_length=1)
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
        given = e.get("input")
        shown = "" if typ in ("missing", "extra_forbidden") or isinstance(given, (dict, list)) else f" (got {given!r})"
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
