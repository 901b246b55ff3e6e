"""The job's total in the training script's own log: the hosts' energies gathered to global rank 0 at the end.

When ``torch.distributed`` is initialised, every rank of the job calls :func:`gather_job` when its ``track()`` (or its
callback) ends: local rank 0 of each host brings the energy its run measured, the other ranks bring nothing, and
global rank 0 logs the job's total (one ``footprint:`` line) and hands it back. The ledger stays the record (``footprint
runs show JOB`` merges the hosts' runs); this is only the script's view.

It must never fail or hang the training: it runs on a gloo group of its own (whatever the training's backend: NCCL
needs a device per rank, and its timeouts may abort the process), created with a timeout (default
:data:`GATHER_TIMEOUT_S`), so that a rank that never comes costs the others that timeout, and every error is caught
and returned as a problem. torch is never imported here: a process that has not imported ``torch.distributed`` is not
distributed.
"""

from __future__ import annotations

import sys
from datetime import timedelta

__all__ = ["GATHER_TIMEOUT_S", "distributed", "gather_job", "job_total"]

#: How long [s] the ranks wait for each other at the end (a rank that never calls costs the others this).
GATHER_TIMEOUT_S = 30.0


def distributed():
    """``torch.distributed`` when it is imported, available and initialised (with more than one rank), else None."""
    dist = sys.modules.get("torch.distributed")
    try:
        if dist is not None and dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1:
            return dist
    except Exception:
        pass
    return None


def job_total(parts: list) -> dict:
    """The job's total from the gathered parts (None for ranks that did not measure): IT energy [kWh] per component
    and in total, summed over the hosts' runs; the hosts, their runs and each one's IT energy [kWh]."""
    runs = [p for p in parts if isinstance(p, dict)]
    energy = {c: sum(float(p["energy_kwh"].get(c) or 0.0) for p in runs) for c in ("cpu", "gpu", "ram")}
    return {"hosts": [p.get("host") for p in runs], "runs": [p.get("run") for p in runs],
            "per_host_kwh": [sum(float(v or 0.0) for v in p["energy_kwh"].values()) for p in runs],
            "energy_kwh": {**energy, "total": sum(energy.values())}, "ranks": len(parts)}


def gather_job(mine: dict | None, timeout_s: float = GATHER_TIMEOUT_S,
               job: str | None = None) -> tuple[dict | None, str | None]:
    """Gather every rank's ``mine`` (``{"host", "run", "energy_kwh": {component: kWh}}``, or None on a rank that did
    not measure) to global rank 0: ``(job total on rank 0 else None, problem or None)``. Never raises."""
    dist = distributed()
    if dist is None:
        return None, None
    group = None
    try:
        group = dist.new_group(backend="gloo", timeout=timedelta(seconds=float(timeout_s)))
        rank = dist.get_rank()
        parts = [None] * dist.get_world_size() if rank == 0 else None
        dist.gather_object(mine, parts, dst=0, group=group)
        return (job_total(parts) if rank == 0 else None), None
    except Exception as exc:  # a rank that never came, no gloo, a backend that refuses: the training goes on
        return None, (f"the hosts' energies could not be gathered to rank 0 ({type(exc).__name__}: {exc}); the ledger "
                      f"has every host's run: footprint runs show {job or 'JOB'}")
    finally:
        if group is not None:
            try:
                dist.destroy_process_group(group)
            except Exception:
                pass
