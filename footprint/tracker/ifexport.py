"""``footprint runs export --format if-manifest``: the ledger's runs as an Impact Framework manifest
(:mod:`footprint.ifmanifest`), which IF's ``if-run`` computes and aggregates.

One child per host run, flat (IF adds the children up at the tree's level): a run without a job id is the child
``RUN_ID``; a run of a job is ``JOB/HOST`` (``JOB/HOST/RUN_ID`` when that host has several runs in the job, e.g. a
restart). Each checkpoint sample is one observation: ``timestamp`` (ISO 8601, UTC, the start of the sample),
``duration`` [s], ``cpu/energy``, ``gpu/energy``, ``memory/energy`` [kWh] (IT energy at the meter, no PUE); IF's
``Sum`` computes ``energy`` and aggregates it over time and up the tree. A run without samples (an imported
CodeCarbon run) is one observation of its totals over its duration.

IF's aggregation up the tree adds the children's observations index by index, so it needs children of one length:
a shorter child is padded at its end with observations of duration 0 and no energy, which add nothing. The tree's
``aggregated`` block is then the ledger's total; the tree's own ``outputs`` are sums per index, not per time.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone

from ..errors import LedgerError
from ..ifmanifest import manifest
from .jobs import group_jobs

__all__ = ["if_manifest", "child_names"]

_PARAMS = {"cpu": "cpu/energy", "gpu": "gpu/energy", "ram": "memory/energy"}


def _padded(children: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Every child as long as the longest, with observations of duration 0 and energy 0 at its end."""
    n = max((len(obs) for obs in children.values()), default=0)
    out = {}
    for name, obs in children.items():
        last = obs[-1]
        end = datetime.fromisoformat(last["timestamp"]).timestamp() + last["duration"]
        pad = {"timestamp": _timestamp(end), "duration": 0.0, **{p: 0.0 for p in _PARAMS.values()}}
        out[name] = obs + [dict(pad) for _ in range(n - len(obs))]
    return out


def _timestamp(t: float) -> str:
    return datetime.fromtimestamp(float(t), tz=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _energy(value, where: str) -> float:
    x = float(value or 0.0)
    if not math.isfinite(x):
        raise LedgerError(f"{where} holds an energy that is not finite ({x}); an Impact Framework manifest cannot hold "
                          "it: export --format json (which writes it as null)")
    return x


def _observations(rec) -> list[dict]:
    out = []
    for s in rec.samples:
        obs = {"timestamp": _timestamp(s["t_start"]), "duration": max(float(s["t_end"]) - float(s["t_start"]), 0.0)}
        obs.update({p: _energy(s.get(f"{c}_kwh"), f"run {rec.id} sample {s['seq']}") for c, p in _PARAMS.items()})
        out.append(obs)
    if not out:
        obs = {"timestamp": _timestamp(rec.data.get("started") or 0.0), "duration": float(rec.data.get("duration_s") or 0.0)}
        obs.update({p: _energy(rec.data.get(f"{c}_kwh"), f"run {rec.id}") for c, p in _PARAMS.items()})
        out.append(obs)
    return out


def child_names(runs) -> dict[str, str]:
    """{run id: child name}: ``RUN_ID`` for a run without a job, ``JOB/HOST`` (``JOB/HOST/RUN_ID`` when the host has
    several runs in the job)."""
    names = {}
    for job in group_jobs(runs):
        for host, host_runs in job.by_host().items():
            for r in host_runs:
                if not job.has_job:
                    names[r.id] = r.id
                else:
                    names[r.id] = f"{job.id}/{host}" + (f"/{r.id}" if len(host_runs) > 1 else "")
    return names


def if_manifest(led) -> dict:
    """The manifest of every run of the ledger ``led``, as a document for :func:`footprint.ifmanifest.to_yaml`."""
    runs = led.runs()
    names = child_names(runs)
    children = {names[r.id]: _observations(led.get(r.id, samples=True)) for r in runs}
    jobs = {r.data.get("job") for r in runs if r.data.get("job")}
    desc = (f"IT energy per checkpoint of the {len(runs)} runs ({len(jobs)} multi-host jobs) of the footprint ledger "
            f"{led.path}: one child per host run, JOB/HOST for the runs of a job; energies in kWh, no PUE")
    return manifest("footprint runs", desc, _padded(children))
