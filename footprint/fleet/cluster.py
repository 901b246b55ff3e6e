"""The cluster of a fleet report: an ordinary system spec, resolved once by :func:`footprint.model.resolve`, and what
fleet accounting reads of it per fleet.

- Partitions: a fleet serves the partitions in its ``partitions = [...]``, else the partition of its own name;
  a partition served by two fleets is an error, and so is a job partition no fleet serves (:meth:`Cluster.fleet_of`).
- Power (when a job's energy was not measured), per fleet:

  * GPUs: the use-phase power model of the fleet's accelerator (:func:`footprint.model.power.power_model`,
    measured power shares of its family for ``pretraining``, host share included): GPU-hours x W per GPU;
  * CPUs (jobs without GPUs): TDP per core of the CPUs of the fleet's node archetype (factors/cpus.csv ``tdp`` /
    ``cores``) x a usage factor of 1 (hardware_use.csv ``use.cpu.usage_factor``; Green Algorithms' default when the CPU efficiency is not
    known: Lannelongue et al. 2021) x CPU-hours;
  * memory (jobs without GPUs): hardware_use.csv ``use.memory.power_per_gb`` W per GB allocated (Karyakin & Salem 2017, as Green
    Algorithms uses) x GB-hours.

- Plausible measured energy: at most :data:`PLAUSIBLE_FACTOR` x the nameplate power of a node of the fleet (its
  accelerators' TDP, its CPUs' TDP and its memory at that W per GB) per node; above it the measurement is
  set aside (counted) and the job modelled (CSCS: "sometimes, sacct will quietly report wrong energy values").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SpecError, UnknownKeyError
from ..uncertainty import Param
from .errors import FleetError
from ..hourly import Zone, zone_of

__all__ = ["PLAUSIBLE_FACTOR", "GPU_WORKLOAD", "FleetInfo", "Cluster", "load_cluster"]

#: The workload whose measured power shares model a GPU job's power (the fleet report's GPU jobs are mostly
#: training and simulation at high load; inference-only fleets draw less: an upper-side choice).
GPU_WORKLOAD = "pretraining"

#: A measured energy above this many times a node's nameplate power (per node) is set aside as implausible.
PLAUSIBLE_FACTOR = 2.0

_PLACEHOLDER = "fleet accounting"


@dataclass(frozen=True)
class FleetInfo:
    """What fleet accounting reads of one resolved fleet: the model's ``fleet`` and ``site``, its partitions, the
    GPU power model (None without accelerators), the CPUs of its node archetype (``cpu_tdp`` per CPU, ``cpus``
    per node, ``cores`` per node), its memory per node [GB], its nameplate power per node [W], its hourly ``zone``."""

    name: str
    index: int
    partitions: tuple[str, ...]
    fleet: object
    site: object
    power: object
    cpu_tdp: Param | None
    cpu_count: int
    cores: int
    mem_gb: float
    nameplate_w: float
    zone: Zone | None
    memory_power: Param  # [W/GB] of allocated memory (hardware_use.csv)
    cpu_usage: Param  # [ratio] of TDP an allocated core draws (hardware_use.csv)
    notes: tuple[str, ...] = ()

    @property
    def has_gpus(self) -> bool:
        return self.fleet.accelerator is not None

    @property
    def per_node(self) -> int:
        return self.fleet.per_node if self.has_gpus else 0


@dataclass(frozen=True)
class Cluster:
    """A resolved cluster: the model's ``system``, the registry, ``fleets`` by name, ``partitions`` {partition:
    fleet name}, and the notes of the resolution."""

    name: str
    system: object
    registry: object
    fleets: dict
    partitions: dict
    notes: tuple[str, ...] = field(default_factory=tuple)

    def fleet_of(self, partition: str) -> FleetInfo:
        """The fleet serving ``partition``; raises :class:`FleetError` naming it and the fleets."""
        name = self.partitions.get(partition)
        if name is None:
            raise FleetError(self.unserved([partition]))
        return self.fleets[name]

    def unserved(self, partitions) -> str:
        served = "; ".join(f"{n} serves {', '.join(f.partitions)}" for n, f in self.fleets.items())
        return (f"partition(s) {', '.join(repr(p) for p in sorted(partitions))} of the job table are served by no "
                f"fleet of the cluster spec ({served}); add them to a fleet's partitions = [...]")


def _spec(spec):
    """A validated SystemSpec; a spec without phases (a cluster needs none) gets a placeholder training phase of no
    energy, which fleet accounting never reads."""
    from ..spec import SystemSpec, parse_spec, read_toml

    if isinstance(spec, SystemSpec):
        return spec
    if not isinstance(spec, dict):
        spec = read_toml(spec, "cluster spec")
    data = dict(spec)
    if not data.get("training") and not data.get("inference") and isinstance(data.get("fleets"), dict) and data["fleets"]:
        data["training"] = [{"name": _PLACEHOLDER, "fleet": next(iter(data["fleets"])), "device_hours": 1.0,
                             "energy_kwh": 0.0}]
    return parse_spec(data)


def _cpus(reg, host: str, note) -> tuple[Param | None, int, int, float]:
    """(TDP of one CPU, CPUs per node, cores per node, memory per node [GB]) of a node archetype."""
    from ..model.system import from_factor

    node = reg.node(host)
    tdp, count, cores, mem = None, 0, 0, 0.0
    for kind, cid, q, fac in node.components:
        if kind == "cpu" and q == "count" and cid:
            try:
                cpu = reg.cpu(cid)
            except UnknownKeyError:
                note(f"node {host}: CPU {cid!r} is not in cpus.csv")
                continue
            if cpu.get("tdp") is None or cpu.get("cores") is None:
                note(f"node {host}: cpus.csv gives no tdp or cores for {cpu.id}")
                continue
            tdp, n = from_factor(cpu["tdp"]), int(fac.value)
            count += n
            cores += n * int(cpu["cores"].value)
        elif kind == "ram" and q == "capacity":
            mem += float(fac.value)
    return tdp, count, cores, mem


def load_cluster(spec, registry=None, grid_basis: str | None = None) -> Cluster:
    """Resolve a cluster spec (path, dict or SystemSpec) for fleet accounting.

    Raises
    ------
    SpecError
        An invalid spec, or a partition served by two fleets.
    """
    from ..model import resolve
    from ..model.power import power_model
    from ..model.system import from_factor
    from ..registry import load_factors

    reg = registry or load_factors()
    memory_power = from_factor(reg.find("hardware_use", "power_per_gb", hardware="memory"))
    cpu_usage = from_factor(reg.find("hardware_use", "usage_factor", hardware="cpu"))
    sp = _spec(spec)
    system = resolve(sp, reg, grid_basis=grid_basis)
    notes = [n for n in system.notes if _PLACEHOLDER not in n]

    def note(text: str) -> None:
        if text and text not in notes:
            notes.append(text)

    served: dict[str, str] = {}
    fleets = {}
    for i, (name, f) in enumerate(system.fleets.items()):
        parts = tuple(sp.fleets[name].partitions or [name])
        for p in parts:
            if p in served:
                raise SpecError(f"fleets.{name}.partitions: partition {p!r} is served by fleet {served[p]!r} too; a "
                                "partition belongs to one fleet")
            served[p] = name
        site = system.sites[f.site]
        power = power_model(reg, f, GPU_WORKLOAD, note) if f.accelerator is not None else None
        tdp, count, cores, mem = _cpus(reg, f.host, note)
        if tdp is None and f.accelerator is None:
            raise SpecError(f"fleets.{name}: its node archetype {f.host!r} names no CPU of cpus.csv: CPU jobs cannot be "
                            "modelled; set node = ... to an archetype with CPUs")
        acc_w = reg.accelerator(f.accelerator)["tdp"].value * f.per_node if f.accelerator else 0.0
        nameplate = acc_w + (tdp.value * count if tdp else 0.0) + mem * memory_power.value
        zone, why = zone_of(site, reg)
        note(why)
        fleets[name] = FleetInfo(name, i, parts, f, site, power, tdp, count, cores, mem, nameplate, zone,
                                 memory_power, cpu_usage)
    return Cluster(system.name, system, reg, fleets, served, tuple(notes))
