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

from pydantic import Field, ValidationError, model_validator

from .bounds import BOUNDS, LOWER_BOUNDS, NAME_MAX, Name, StrictModel, bounded_float, bounded_int
from .labour_spec import Annotation
from .errors import SpecError

__all__ = ["BOUNDS", "LOWER_BOUNDS", "NAME_MAX", "Datacenter", "Fleet", "Training", "Inference", "Annotation", "SystemSpec", "PowerSource", "load_spec", "parse_spec", "as_spec", "read_toml", "spec_file"]


class PowerSource(str, enum.Enum):
    """Where a phase's IT energy comes from, decided when the spec is validated.

    Training: ``MEASURED_RUN`` (``run = "ID"``: the ledger's measured energy), ``MEASURED_ENERGY``
    (``energy_kwh``), ``ACCELERATOR_POWER`` (``accelerator_power_w`` x device-hours), ``FLEET_POWER``
    (``power_w`` x wall-clock hours), ``POWER_MODEL`` (none of them: TDP x measured power shares).
    Inference: ``REQUEST_ENERGY`` (requests x ``energy_wh_per_request``), ``THROUGHPUT`` (tokens / tokens per
    second x the power model) or ``MODELLED_THROUGHPUT`` (tokens / the throughput of the model's ``parameters`` on
    the accelerator, :mod:`footprint.model.work`, x the power model).
    """

    MEASURED_RUN = "measured run"
    MEASURED_ENERGY = "energy_kwh"
    ACCELERATOR_POWER = "accelerator_power_w"
    FLEET_POWER = "power_w"
    POWER_MODEL = "power model"
    REQUEST_ENERGY = "energy_wh_per_request"
    THROUGHPUT = "tokens_per_second_per_accelerator"
    MODELLED_THROUGHPUT = "parameters"




_Model = StrictModel


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
    pue: bounded_float("pue", ge=1) | None = None
    wue_l_per_kwh: bounded_float("wue_l_per_kwh", ge=0) | None = None
    grid_kgco2e_per_kwh: bounded_float("grid_kgco2e_per_kwh", ge=0) | None = None
    electricity_water_l_per_kwh: bounded_float("electricity_water_l_per_kwh", ge=0) | None = None
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
    accelerators: bounded_int("accelerators") | None = None
    node: str | None = None
    nodes: bounded_int("nodes") | None = None
    accelerators_per_node: bounded_int("accelerators_per_node") | None = None
    lifetime_years: bounded_float("lifetime_years", ge=LOWER_BOUNDS["lifetime_years"][0]) | None = None
    utilization: Annotated[float, Field(ge=LOWER_BOUNDS["utilization"][0], le=1, allow_inf_nan=False)] | None = None
    embodied_kgco2e_per_accelerator: bounded_float("embodied_kgco2e_per_accelerator", ge=0) | None = None
    embodied_kgco2e_per_node: bounded_float("embodied_kgco2e_per_node", ge=0) | None = None
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

    Time: ``device_hours`` [h, accelerator-hours] or ``hours`` [h, wall clock; x accelerators of the fleet], or the
    work instead: ``parameters`` + ``tokens`` (FLOPs = 6 x parameters x tokens; ``active_parameters`` for a mixture
    of experts) or ``flops`` [FLOP], at ``precision`` (bf16 by default) and ``mfu`` [fraction, model FLOPs
    utilisation; default: the effective MFU of published runs]: device-hours = FLOPs / (peak dense FLOP/s x MFU x
    3600) (:mod:`footprint.model.work`). Giving both the time and the work is an error.
    Power (at most one): ``accelerator_power_w`` [W per accelerator, in the scope you measured; host power
    is not added], ``power_w`` [W, total IT power of the fleet], ``energy_kwh`` [kWh, measured IT energy;
    time then only allocates the embodied share]; none of them: the
    power model (TDP x measured power share + host share, factors/power_draw.csv) with its range.
    ``repeats`` multiplies the whole phase (e.g. 20 runs of a hyper-parameter search).
    With ``parameters`` [count] and ``tokens`` [count, training tokens of one run] the phase is also placed beside
    published runs (energy per parameter-token); ``parameters`` alone describes the model.
    ``run`` [id of a run in the ledger, see ``footprint runs list``]: the IT energy is the energy measured
    by that run; power and energy fields are then errors, and time is optional (default: the run's
    measured duration x the fleet's accelerators, or nodes when the fleet has no accelerator).
    """

    name: Name
    fleet: str | None = None
    device_hours: bounded_float("device_hours", gt=0) | None = None
    hours: bounded_float("hours", gt=0) | None = None
    accelerator_power_w: bounded_float("accelerator_power_w", gt=0) | None = None
    power_w: bounded_float("power_w", gt=0) | None = None
    energy_kwh: bounded_float("energy_kwh", ge=0) | None = None
    repeats: bounded_int("repeats") = 1
    workload: Literal["pretraining", "finetuning"] = "pretraining"
    parameters: bounded_float("parameters", gt=0) | None = None
    tokens: bounded_float("tokens", gt=0) | None = None
    active_parameters: bounded_float("active_parameters", gt=0) | None = None
    flops: bounded_float("flops", gt=0) | None = None
    precision: Literal["bf16", "fp16", "fp8", "tf32", "fp32"] | None = None
    mfu: bounded_float("mfu", ge=LOWER_BOUNDS["mfu"][0]) | None = None
    run: Annotated[str, Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> "Training":
        if self.device_hours is not None and self.hours is not None:
            raise ValueError("give hours (wall clock) or device_hours, not both")
        if self.active_parameters is not None and self.parameters is not None and self.active_parameters > self.parameters:
            raise ValueError(f"active_parameters ({self.active_parameters:g}) is more than parameters ({self.parameters:g})")
        given = [k for k in ("accelerator_power_w", "power_w", "energy_kwh") if getattr(self, k) is not None]
        tuning = [k for k in ("flops", "mfu", "precision") if getattr(self, k) is not None]
        if self.run is not None:
            if given or tuning:
                raise ValueError(f"run = {self.run!r} gives the measured energy: remove {', '.join(given + tuning)}")
            return self
        if len(given) > 1:
            raise ValueError(f"give at most one of accelerator_power_w, power_w, energy_kwh (got {', '.join(given)})")
        time = [k for k in ("device_hours", "hours") if getattr(self, k) is not None]
        if time and self.by_work:
            work = "flops" if self.flops is not None else "parameters + tokens"
            raise ValueError(f"give the time ({time[0]}) or the work ({work}), not both: the work sets the "
                             "device-hours (FLOPs / (peak FLOP/s x MFU)); keep parameters without tokens to describe "
                             "the model only")
        if time and tuning:
            raise ValueError(f"{', '.join(tuning)} set(s) the device-hours of a phase given by its work; with "
                             f"{time[0]} remove {', '.join(tuning)}")
        if not time and not self.by_work:
            raise ValueError("give device_hours (accelerator-hours), hours (wall clock), or the work: parameters + "
                             "tokens (FLOPs = 6 x parameters x tokens), or flops")
        return self

    @property
    def by_work(self) -> bool:
        """Whether the device-hours follow from the work (``flops``, or ``parameters`` + ``tokens``)."""
        return self.flops is not None or (self.tokens is not None and
                                          (self.parameters is not None or self.active_parameters is not None))

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
    ``tokens_per_second_per_accelerator`` (busy accelerator-seconds x the inference power model), or
    ``tokens_per_request`` (output tokens) with the model's ``parameters`` (``active_parameters`` for a mixture of
    experts), optional ``input_tokens_per_request``, ``precision`` (bf16) and ``batch_size``: the throughput from
    measured serving runs or the memory roofline (:mod:`footprint.model.work`).
    ``days`` [day]: the fleet is reserved for these days; its idle draw and its embodied share for the
    whole period count. Without ``days`` only the busy time counts. ``accelerators`` serves with part of
    the fleet (default: all of it).
    """

    name: Name
    fleet: str | None = None
    requests: bounded_float("requests", ge=0)
    energy_wh_per_request: bounded_float("energy_wh_per_request", ge=0) | None = None
    tokens_per_request: bounded_float("tokens_per_request", gt=0) | None = None
    input_tokens_per_request: bounded_float("input_tokens_per_request", ge=0) | None = None
    parameters: bounded_float("parameters", gt=0) | None = None
    active_parameters: bounded_float("active_parameters", gt=0) | None = None
    precision: Literal["bf16", "fp16", "fp8", "fp4"] | None = None
    batch_size: bounded_int("batch_size") | None = None
    tokens_per_second_per_accelerator: bounded_float("tokens_per_second_per_accelerator",
                                              ge=LOWER_BOUNDS["tokens_per_second_per_accelerator"][0]) | None = None
    days: bounded_float("days", gt=0) | None = None
    accelerators: bounded_int("accelerators") | None = None

    @model_validator(mode="after")
    def _work(self) -> "Inference":
        tps, tokens = self.tokens_per_second_per_accelerator, self.tokens_per_request
        model = [k for k in ("parameters", "active_parameters", "input_tokens_per_request", "precision", "batch_size")
                 if getattr(self, k) is not None]
        if self.energy_wh_per_request is not None:
            if tokens is not None or tps is not None or model:
                extra = [k for k in ("tokens_per_request", "tokens_per_second_per_accelerator") if getattr(self, k) is not None]
                raise ValueError(f"give energy_wh_per_request or the tokens, not both (remove {', '.join(extra + model)})")
            return self
        if tokens is None:
            raise ValueError("give energy_wh_per_request, or tokens_per_request with tokens_per_second_per_accelerator "
                             "or with the model's parameters")
        if tps is not None and model:
            raise ValueError(f"tokens_per_second_per_accelerator sets the throughput: remove {', '.join(model)} (they "
                             "are for a throughput modelled from the parameters)")
        if tps is None and self.parameters is None:
            raise ValueError("give tokens_per_second_per_accelerator, or the model's parameters for a modelled "
                             "throughput")
        if self.active_parameters is not None and self.parameters is not None and self.active_parameters > self.parameters:
            raise ValueError(f"active_parameters ({self.active_parameters:g}) is more than parameters ({self.parameters:g})")
        return self

    @property
    def power_source(self) -> PowerSource:
        """Where this phase's IT energy comes from (:class:`PowerSource`)."""
        if self.energy_wh_per_request is not None:
            return PowerSource.REQUEST_ENERGY
        return PowerSource.THROUGHPUT if self.tokens_per_second_per_accelerator is not None else PowerSource.MODELLED_THROUGHPUT


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
    annotation: list[Annotation] = Field(default_factory=list)
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
        for i, ph in enumerate(self.annotation):
            if ph.name in names:
                raise ValueError(f"annotation[{i}].name {ph.name!r} is used twice (also {names[ph.name]})")
            names[ph.name] = f"annotation[{i}]"
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


def spec_file(path: str | Path, what: str = "spec file") -> Path:
    """``path`` as a Path when it is a file; a SpecError naming ``what`` when it does not exist or is a directory."""
    p = Path(path)
    kind = "system spec" if what == "spec file" else what.removesuffix(" file")
    if p.is_dir():
        raise SpecError(f"{what} {str(p)!r} is a directory; give the path of a TOML {kind}")
    if not p.is_file():
        raise SpecError(f"{what} {str(p)!r} does not exist; give the path of a TOML {kind}")
    return p


def read_toml(path: str | Path, what: str = "spec file") -> dict:
    """The table of a TOML file; a SpecError naming ``what`` when it does not exist, cannot be read or is not valid
    TOML."""
    p = spec_file(path, what)
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SpecError(f"{p} is not a valid TOML file: {exc}") from None
    except OSError as exc:
        raise SpecError(f"{what} {str(p)!r} cannot be read: {exc.strerror or exc}") from None


def load_spec(path: str | Path) -> SystemSpec:
    """Read and validate a TOML system spec file."""
    return parse_spec(read_toml(path))


def as_spec(spec) -> SystemSpec:
    """A validated :class:`SystemSpec` from a SystemSpec, a dict, or the path of a TOML file."""
    if isinstance(spec, SystemSpec):
        return spec
    if isinstance(spec, dict):
        return parse_spec(spec)
    return load_spec(spec)
