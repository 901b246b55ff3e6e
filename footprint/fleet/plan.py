"""What every engine computes, as plain data: the per-partition attributes of the cluster (a :class:`Plan`), the
group keys and the sums an engine returns per group.

Per job (the same rules in :mod:`.engines.duck` (SQL) and :mod:`.engines.frame` (pandas, Dask)):

- ``h`` = elapsed [h]; ``n`` = max(nodes, 1); GPUs count only on a fleet with accelerators;
- ``exclusive`` as given, else the job took whole nodes: CPUs >= n x CPUs per node, or GPUs >= n x GPUs per node
  (CPUs per node: the larger of the node archetype's cores and the largest per-node allocation seen in the
  partition: Slurm counts hardware threads where it is configured to);
- the share of its nodes it reserved: 1 when exclusive, else max(CPUs / (n x CPUs per node), GPUs / (n x GPUs per
  node)), at most 1; ``node_h`` = n x h x share, ``acc_h`` = node_h x GPUs per node (the embodied share);
- measured: energy_j > 0, the job's own (scope ``job``, or ``node`` and exclusive), and at most the plausible
  power per node; then ``m`` = energy_j / 3.6e6 [kWh], else the power model's inputs: ``g`` = GPUs x h
  [GPU-h] (host included in the GPU's power), and for jobs without GPUs ``c`` = CPUs x h [core-h] and ``r`` = GB x
  h [GB-h];
- ``ratio``: the overlap-weighted hourly intensity ratio where the fleet's data center has hourly data (else 1);
  ``*w`` = each input x ratio; ``*fs`` and ``*pr`` = each input x the Flexible Start and Pause and Resume savings of
  the ratio (:mod:`.hourly`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .cluster import PLAUSIBLE_FACTOR
from .errors import FleetError
from ..hourly import HourlySeries, build_series

__all__ = ["BY", "INPUTS", "SUMS", "COUNTS", "COLUMNS_READ", "PREPASS_COLUMNS", "PartitionStats", "Plan", "make_plan"]

#: Keys a report can group by.
BY = ("user", "account", "partition", "month")

#: The power model's inputs per job and their weighted variants (see the module docstring).
INPUTS = ("m", "g", "c", "r")

#: Counts per group.
COUNTS = ("jobs", "measured_jobs", "implausible_jobs", "shared_energy_jobs", "hourly_jobs", "gpu_ignored_jobs",
          "no_allocation_jobs")

#: Every sum an engine returns per group: counts, hours, reserved node- and accelerator-hours, the inputs and their
#: hourly-weighted and what-if variants.
SUMS = COUNTS + ("elapsed_h", "gpu_h", "cpu_h", "node_h", "acc_h") + INPUTS + tuple(
    f"{i}{s}" for s in ("w", "fs", "pr") for i in INPUTS)

#: The job table's columns the engines read.
COLUMNS_READ = ("user", "account", "partition", "state", "submit", "start", "elapsed_s", "nodes", "cpus", "mem_mb",
                "gpus", "energy_j", "energy_scope", "exclusive")

#: The columns the first pass reads.
PREPASS_COLUMNS = ("partition", "nodes", "cpus", "start", "elapsed_s", "gpus", "gpu_type")


@dataclass
class PartitionStats:
    """What a first pass over the job table finds: per partition its jobs, the largest CPUs per node allocated, the
    first start and last end [s since 1970]; the GPU types seen per partition {(partition, type): jobs}."""

    jobs: dict = field(default_factory=dict)
    max_cpn: dict = field(default_factory=dict)
    t_min: float = math.inf
    t_max: float = -math.inf
    gpu_types: dict = field(default_factory=dict)

    def merge(self, other: "PartitionStats") -> None:
        for p, n in other.jobs.items():
            self.jobs[p] = self.jobs.get(p, 0) + n
        for p, c in other.max_cpn.items():
            self.max_cpn[p] = max(self.max_cpn.get(p, 0), c)
        self.t_min, self.t_max = min(self.t_min, other.t_min), max(self.t_max, other.t_max)
        for k, n in other.gpu_types.items():
            self.gpu_types[k] = self.gpu_types.get(k, 0) + n


@dataclass(frozen=True)
class Plan:
    """Per-partition attributes (arrays aligned with ``partitions``), the fleets, the hourly series and the keys."""

    partitions: tuple[str, ...]
    fleets: tuple[str, ...]
    fleet_idx: np.ndarray
    has_gpus: np.ndarray
    per_node: np.ndarray
    node_cpus: np.ndarray
    limit_w: np.ndarray
    zone_idx: np.ndarray
    series: HourlySeries | None
    window_h: int
    by: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The group keys of an engine's result: the ``by`` keys, the month, the fleet and the state class."""
        return tuple(k for k in self.by if k != "month") + ("month", "fleet", "state_class")

    @property
    def t0_h(self) -> int:
        return self.series.t0 if self.series is not None else 0

    def partition_table(self):
        """The attributes as an Arrow table (what DuckDB joins jobs with)."""
        import pyarrow as pa

        return pa.table({"partition": list(self.partitions), "fleet": [self.fleets[i] for i in self.fleet_idx],
                         "has_gpus": self.has_gpus, "per_node": self.per_node.astype(np.int64),
                         "node_cpus": self.node_cpus.astype(np.int64), "limit_w": self.limit_w,
                         "zone_idx": self.zone_idx.astype(np.int32)})


def make_plan(cluster, stats: PartitionStats, by=("user", "account", "partition", "month"), window_h: int = 24,
              max_node_w: float | None = None) -> tuple[Plan, list[str]]:
    """The plan of a report, and its notes. Raises :class:`FleetError` for a partition no fleet serves, an unknown
    group key or a negative window."""
    by = tuple(by)
    bad = [k for k in by if k not in BY]
    if bad:
        raise FleetError(f"--by {','.join(bad)}: not a key; group by any of {', '.join(BY)}")
    if window_h < 0 or window_h > 24 * 31:
        raise FleetError(f"--window {window_h}: give 0 to {24 * 31} hours")
    missing = [p for p in stats.jobs if p not in cluster.partitions]
    if missing:
        raise FleetError(cluster.unserved(missing))
    parts = tuple(sorted(stats.jobs))
    fleets = tuple(cluster.fleets)
    zones, zone_of = [], {}
    for f in cluster.fleets.values():
        if f.zone is not None and (f.zone.zone, f.zone.basis) not in zone_of:
            zone_of[(f.zone.zone, f.zone.basis)] = len(zones)
            zones.append(f.zone)
    notes = []
    info = [cluster.fleet_of(p) for p in parts]
    node_cpus = np.array([max(f.cores, stats.max_cpn.get(p, 0), 1) for p, f in zip(parts, info)], dtype=np.int64)
    for p, f, nc in zip(parts, info, node_cpus):
        seen = stats.max_cpn.get(p, 0)
        notes.append(f"partition {p}: fleet {f.name} ({f.fleet.accelerator or 'no accelerator'}, node {f.fleet.host}); "
                     f"a whole node is {nc} CPUs (archetype {f.cores} cores, largest allocation seen {seen} per node)"
                     + (f", {f.per_node} GPUs" if f.has_gpus else ""))
        for (pp, typ), n in stats.gpu_types.items():
            if pp == p and typ and f.has_gpus and not all(t.lower() in f.fleet.accelerator for t in typ.split(",")):
                notes.append(f"partition {p}: {n:,} job(s) allocated GPUs of type {typ!r}; fleet {f.name} holds "
                             f"{f.fleet.accelerator}: modelled as those")
    limit = np.array([max_node_w if max_node_w else PLAUSIBLE_FACTOR * f.nameplate_w for f in info], dtype=np.float64)
    series = None
    if zones and math.isfinite(stats.t_min):
        t0 = int(math.floor(stats.t_min / 3600.0))
        t1 = int(math.ceil(stats.t_max / 3600.0)) + window_h + 2
        series = build_series(zones, t0, t1)
    zidx = np.array([zone_of.get((f.zone.zone, f.zone.basis), -1) if f.zone is not None and series is not None else -1
                     for f in info], dtype=np.int32)
    plan = Plan(parts, fleets, np.array([fleets.index(f.name) for f in info], dtype=np.int64),
                np.array([f.has_gpus for f in info], dtype=bool), np.array([f.per_node for f in info], dtype=np.int64),
                node_cpus, limit, zidx, series, int(window_h), by)
    return plan, notes
