"""A system's life cycle, with its measured runs: the only bridge between the tracker's ledger and the model.

A ``[[training]]`` phase with ``run = "RUN_ID"`` takes its IT energy from a run the tracker measured, or with ``run =
"JOB_ID"`` from the runs of a multi-node job's hosts, summed (its duration the longest host's, its node count the
number of hosts).
:func:`read_runs` reads the runs a spec names, once, before any evaluation, and hands them to the model as plain
:class:`~footprint.model.MeasuredRun` data; the ledger is an argument (``ledger=``: a path or a
:class:`~footprint.tracker.ledger.Ledger`; default ``$FOOTPRINT_LEDGER``, else ``./.footprint/ledger.db``), never
global state. :func:`estimate` is :func:`footprint.estimate`; :func:`run_estimate` builds the one-phase system "this
run on this hardware"; :func:`operational` gives the carbon and water of an energy in a region when no hardware is
known.
"""

from __future__ import annotations

from .errors import SpecError, UnknownKeyError
from .model import Estimate, MeasuredRun, estimate_system
from .model.results import measured_runs_frame
from .spec import as_spec, parse_spec
from .tracker.jobs import Job, find
from .tracker.ledger import COMPONENTS, Ledger, iso

__all__ = ["estimate", "read_runs", "measured_runs", "spec_with_run", "run_estimate", "operational"]

_STATUS_NOTES = {
    "running": "is still running: its energy so far is used",
    "lost": "was lost (its recorder stopped without ending it): the energy up to its last checkpoint is used",
    "failed": "failed: the energy it used until then is counted",
    "interrupted": "was interrupted: the energy it used until then is counted",
}


def _ledger(ledger) -> Ledger:
    return ledger if isinstance(ledger, Ledger) else Ledger(ledger)


def _intervals(records) -> tuple:
    """The checkpoint intervals [(t_start, t_end [s], IT energy [kWh])] of runs read with their samples, for the
    hourly intensity they met."""
    return tuple((float(smp["t_start"]), float(smp["t_end"]), sum(float(smp.get(f"{c}_kwh") or 0.0) for c in COMPONENTS))
                 for rec in records for smp in rec.samples)


def _measured(rec, led: Ledger) -> MeasuredRun:
    """The MeasuredRun of a run read with its samples, or of a job (:class:`~footprint.tracker.jobs.Job`): its energy
    summed over the hosts, its duration the longest host's, ``nodes`` its number of hosts. A run without a job id has
    ``nodes`` None (as before jobs: the model counts the whole fleet for it); one host's run of a job has ``nodes``
    1."""
    if isinstance(rec, Job):
        return _measured_job(rec, led)
    d = rec.data
    note = "" if rec.status == "finished" else f"run {rec.id} {_STATUS_NOTES.get(rec.status, rec.status)}"
    return MeasuredRun(
        id=rec.id, energy_kwh=rec.energy_kwh, duration_h=float(rec.duration_s or 0.0) / 3600.0, status=rec.status,
        ledger=str(led.path), name=d.get("name"), started=iso(d.get("started")), ended=iso(d.get("ended")),
        components={c: float(d.get(f"{c}_kwh") or 0.0) for c in COMPONENTS},
        methods={c: d.get(f"{c}_method") for c in COMPONENTS}, note=note, nodes=1 if d.get("job") else None,
        intervals=_intervals([rec]))


def _measured_job(job: Job, led: Ledger) -> MeasuredRun:
    notes = [f"job {job.id}: {h} {_STATUS_NOTES.get(s, s)}" for s in ("running", "lost", "failed", "interrupted")
             for h in job.hosts_with(s)]
    return MeasuredRun(
        id=job.id, energy_kwh=job.energy_kwh, duration_h=job.duration_s / 3600.0, status=job.status,
        ledger=str(led.path), name=job.name, started=iso(job.started), ended=iso(job.ended),
        components=job.components, methods=job.methods(),
        note="; ".join(notes) + (f" ({job.nodes} hosts)" if notes else ""), nodes=job.nodes,
        intervals=_intervals(led.get(r.id, samples=True) for r in job.runs))


def _full_id(led: Ledger, ident: str) -> str:
    """The full id of the job or run ``ident`` names (:func:`~footprint.tracker.jobs.find`)."""
    return find(led, ident).id


def read_runs(spec, ledger=None) -> dict[str, MeasuredRun]:
    """The runs the training phases of ``spec`` name, read from the ledger once: {id as written: MeasuredRun}.

    The ledger is not opened when no phase names a run.

    Raises
    ------
    SpecError
        A phase names a run that the ledger does not hold (the message names the field, the id and the ledger).
    """
    sp = as_spec(spec)
    wanted = [ph for ph in sp.training if ph.run is not None]
    if not wanted:
        return {}
    led = _ledger(ledger)
    out: dict[str, MeasuredRun] = {}
    for ph in wanted:
        if ph.run in out:
            continue
        try:
            out[ph.run] = _measured(find(led, ph.run, samples=True), led)
        except UnknownKeyError as exc:
            raise SpecError(f"training.{ph.name}.run: {exc}") from None
    return out


def estimate(spec, samples: int = 0, seed: int | None = None, registry=None, sensitivity: bool = False,
             sensitivity_samples: int = 1024, progress=None, ledger=None, grid_basis: str | None = None) -> Estimate:
    """Estimate the footprint of a system end to end.

    Parameters
    ----------
    spec : SystemSpec, dict, or path of a TOML file
    samples : int
        Monte Carlo draws (0: point estimate only; p5/p95 then equal the value).
    seed : int, optional
        Seed of the random generator; the same seed gives the same draws.
    registry : FactorRegistry, optional
        Default: the shipped tables (:func:`footprint.load_factors`).
    sensitivity : bool
        Rank the uncertain factors by their Sobol total-order index [share of variance] of each criterion's total.
    sensitivity_samples : int
        Base sample size of the Sobol estimator.
    progress : callable(done, total), optional
        Called after each Monte Carlo chunk.
    ledger : str, Path or Ledger, optional
        Where the runs named by ``run = "ID"`` are read (default ``$FOOTPRINT_LEDGER``, else
        ``./.footprint/ledger.db``); not opened when no phase names a run.
    grid_basis : {"lifecycle", "direct"}, optional
        The basis of every data center's grid intensity: life-cycle (the default, what a life cycle needs) or direct
        (combustion only, GHG Protocol location-based scope 2); default each data center's ``grid_basis``.

    Returns
    -------
    Estimate
    """
    from .registry import load_factors

    sp = as_spec(spec)
    runs = read_runs(sp, ledger)
    return estimate_system(sp, registry or load_factors(), samples, seed, sensitivity, sensitivity_samples, progress,
                           runs, grid_basis)


def measured_runs(spec, ledger=None):
    """What was measured, and how, for the training phases of ``spec`` that take their energy from a run.

    Returns
    -------
    pandas.DataFrame
        One row per (phase, component): ``phase``, ``run_id``, ``name``, ``status``, ``started``, ``ended`` (ISO
        8601 UTC), ``component`` (cpu, gpu, ram), ``energy_kwh`` [kWh of IT energy], ``method`` (energy counter,
        RAPL, TDP model, constant, power sampling, none). Empty (same columns) when no phase has a run.
    """
    sp = as_spec(spec)
    runs = read_runs(sp, ledger)
    return measured_runs_frame([(ph.name, runs[ph.run]) for ph in sp.training if ph.run is not None])


def _find_run_phase(sp, full: str, led: Ledger):
    for ph in sp.training:
        if ph.run is not None and (ph.run == full or (full.startswith(ph.run) and _full_id(led, ph.run) == full)):
            return ph
    return None


def spec_with_run(spec, run_id: str, phase: str | None = None, ledger=None):
    """The one-phase system "this run on this hardware", as a :class:`~footprint.spec.SystemSpec`.

    The phase is the spec's training phase whose ``run`` is ``run_id``; else the phase named ``phase`` with its time
    and power replaced by the run; else, when the spec has one fleet, a new phase on it. Only that phase's fleet and
    data center are kept, so the embodied impacts are those allocated to the run's reserved time.
    """
    sp = as_spec(spec)
    led = _ledger(ledger)
    full = _full_id(led, run_id)
    ph = _find_run_phase(sp, full, led)
    if ph is not None:
        d = ph.model_dump(exclude_none=True)
    elif phase is not None:
        base = next((p for p in sp.training if p.name == phase), None)
        if base is None:
            kind = "an inference phase" if any(p.name == phase for p in sp.inference) else "not a phase of the spec"
            names = ", ".join(p.name for p in sp.training) or "none"
            raise SpecError(f"phase {phase!r} is {kind}; a measured run replaces a training phase (training phases: {names})")
        d = base.model_dump(exclude_none=True)
        for k in ("device_hours", "hours", "accelerator_power_w", "power_w", "energy_kwh"):
            d.pop(k, None)
        d["run"] = full
    elif len(sp.fleets) == 1:
        d = {"name": f"run {full}", "run": full}
    else:
        raise SpecError(f"the spec {sp.name!r} has several fleets and no training phase with run = {full!r}; "
                        "give --phase NAME (the phase the run belongs to)")
    fleet = d.get("fleet") or next(iter(sp.fleets))
    d["fleet"] = fleet
    dc_key, _ = sp.datacenter_of(fleet)
    fl = sp.fleets[fleet].model_dump(exclude_none=True)
    fl["datacenter"] = dc_key
    return parse_spec({"name": f"{sp.name}: run {full}",
                       "datacenters": {dc_key: sp.datacenters[dc_key].model_dump(exclude_none=True)},
                       "fleets": {fleet: fl}, "training": [d]})


def run_estimate(run_id: str, spec, phase: str | None = None, ledger=None, samples: int = 0,
                 seed: int | None = None) -> Estimate:
    """The life-cycle footprint of one measured run on the hardware of ``spec``.

    Use stage: the measured IT energy x PUE x grid (and water); embodied stages: the fleet's impacts x the run's
    reserved accelerator-hours / (lifetime x utilisation).
    """
    led = _ledger(ledger)
    return estimate(spec_with_run(spec, run_id, phase=phase, ledger=led), samples=samples, seed=seed, ledger=led)


def operational(energy_kwh: float, region: str, registry=None) -> dict:
    """Carbon [kgCO2e] and water [L] of ``energy_kwh`` of IT energy drawn in ``region``, no data center known.

    gwp = E x grid intensity; water = E x electricity water intensity (off-site, at the power plants). PUE 1 and no
    on-site cooling water are assumed (a workstation or an unknown site); give a system spec for a data center's PUE
    and WUE.

    Returns
    -------
    dict: ``gwp_kgco2e``, ``water_l``, ``grid_kgco2e_per_kwh``, ``water_l_per_kwh``, ``grid_factor``,
    ``water_factor`` (factor ids), ``notes``.
    """
    from .registry import load_factors

    reg = registry or load_factors()
    g, w = reg.grid_intensity(region), reg.electricity_water_intensity(region)
    return {"gwp_kgco2e": energy_kwh * g.value, "water_l": energy_kwh * w.value, "grid_kgco2e_per_kwh": g.value,
            "water_l_per_kwh": w.value, "grid_factor": g.factor_id, "water_factor": w.factor_id,
            "notes": [n for n in (g.note, w.note) if n]}
