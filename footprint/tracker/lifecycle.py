"""A measured run in the life cycle: the bridge from the ledger to the life-cycle model.

The tracker records energy only. Here a run becomes part of a system: a ``[[training]]`` phase with
``run = "RUN_ID"`` takes its IT energy from the ledger (:func:`measured_energy`, called by the use stage),
and :func:`run_estimate` builds the one-phase system "this run on this hardware" so that
:func:`footprint.estimate` gives its operational impacts, its amortised share of the embodied impacts,
water and materials. :func:`operational` gives the use-stage carbon and water of an energy in a region when
no hardware is known.
"""

from __future__ import annotations

from ..errors import SpecError, UnknownKeyError
from .ledger import COMPONENTS, Ledger, iso

__all__ = ["measured_energy", "measured_runs", "operational", "spec_with_run", "run_estimate"]


def measured_energy(run_id: str, ledger=None) -> dict:
    """IT energy [kWh] and duration [h] of a run in the ledger.

    Parameters
    ----------
    run_id : str
        An id or a unique prefix of one.
    ledger : str, Path or Ledger, optional
        Default: ``$FOOTPRINT_LEDGER`` or ``./.footprint/ledger.db``.

    Returns
    -------
    dict
        ``id``, ``energy_kwh`` (cpu + gpu + ram), ``duration_h``, ``status``, ``ledger``, ``note`` (a
        sentence when the run is not finished, else ""), ``methods`` (how each component was measured) and
        ``gpu_method``.

    Raises
    ------
    UnknownKeyError
        No run has this id in the ledger (the message names the id and the ledger).
    """
    led = ledger if isinstance(ledger, Ledger) else Ledger(ledger)
    rec = led.get(run_id)
    note = ""
    if rec.status != "finished":
        what = {"running": "is still running: its energy so far is used",
                "lost": "was lost (its recorder stopped without ending it): the energy up to its last checkpoint is used",
                "failed": "failed: the energy it used until then is counted",
                "interrupted": "was interrupted: the energy it used until then is counted"}.get(rec.status, rec.status)
        note = f"run {rec.id} {what}"
    methods = ", ".join(f"{c} {rec.data.get(f'{c}_method')}" for c in COMPONENTS if rec.data.get(f"{c}_method"))
    return {"id": rec.id, "energy_kwh": rec.energy_kwh, "duration_h": float(rec.duration_s or 0.0) / 3600.0,
            "status": rec.status, "ledger": str(led.path), "note": note, "methods": methods,
            "gpu_method": rec.data.get("gpu_method")}


def operational(energy_kwh: float, region: str, registry=None) -> dict:
    """Carbon [kgCO2e] and water [L] of ``energy_kwh`` of IT energy drawn in ``region``, no data center known.

    gwp = E x grid intensity; water = E x electricity water intensity (off-site, at the power plants).
    PUE 1 and no on-site cooling water are assumed (a workstation or an unknown site); give a system spec for
    a data center's PUE and WUE.

    Returns
    -------
    dict: ``gwp_kgco2e``, ``water_l``, ``grid_kgco2e_per_kwh``, ``water_l_per_kwh``, ``grid_factor``,
    ``water_factor`` (factor ids), ``notes``.
    """
    from ..registry import load_factors

    reg = registry or load_factors()
    g = reg.grid_intensity(region)
    w = reg.electricity_water_intensity(region)
    return {
        "gwp_kgco2e": energy_kwh * g.value, "water_l": energy_kwh * w.value,
        "grid_kgco2e_per_kwh": g.value, "water_l_per_kwh": w.value,
        "grid_factor": g.factor_id, "water_factor": w.factor_id,
        "notes": [n for n in (g.note, w.note) if n],
    }


def _find_run_phase(sp, run_id: str, ledger):
    led = ledger if isinstance(ledger, Ledger) else Ledger(ledger)
    full = led.resolve_id(run_id)
    for ph in sp.training:
        if ph.run is not None and (ph.run == full or (full.startswith(ph.run) and led.resolve_id(ph.run) == full)):
            return ph, full
    return None, full


def spec_with_run(spec, run_id: str, phase: str | None = None, ledger=None):
    """The one-phase system "this run on this hardware", as a :class:`~footprint.spec.SystemSpec`.

    The phase is the spec's training phase whose ``run`` is ``run_id``; else the phase named ``phase``
    with its time and power replaced by the run; else, when the spec has one fleet, a new phase on it.
    Only that phase's fleet and data center are kept, so the embodied impacts are those allocated to the
    run's reserved time.
    """
    from ..spec import load_spec, parse_spec
    from .region import spec_phase

    sp = parse_spec(spec) if not isinstance(spec, (str,)) and not hasattr(spec, "__fspath__") else load_spec(spec)
    ph, full = _find_run_phase(sp, run_id, ledger)
    if ph is None:
        if phase is not None:
            base = spec_phase(sp, phase)
            if base not in sp.training:
                raise SpecError(f"phase {phase!r} is an inference phase; a measured run replaces a training phase")
            d = base.model_dump(exclude_none=True)
            for k in ("device_hours", "hours", "accelerator_power_w", "power_w", "energy_kwh"):
                d.pop(k, None)
            d["run"] = full
        elif len(sp.fleets) == 1:
            d = {"name": f"run {full}", "run": full}
        else:
            raise SpecError(f"the spec {sp.name!r} has several fleets and no training phase with run = {full!r}; "
                            "give --phase NAME (the phase the run belongs to)")
    else:
        d = ph.model_dump(exclude_none=True)
    fleet = d.get("fleet") or next(iter(sp.fleets))  # a phase without fleet is valid only with one fleet
    d["fleet"] = fleet
    dc_key, _ = sp.datacenter_of(fleet)
    fl = sp.fleets[fleet].model_dump(exclude_none=True)
    fl["datacenter"] = dc_key
    return parse_spec({
        "name": f"{sp.name}: run {full}",
        "datacenters": {dc_key: sp.datacenters[dc_key].model_dump(exclude_none=True)},
        "fleets": {fleet: fl},
        "training": [d],
    })


def run_estimate(run_id: str, spec, phase: str | None = None, ledger=None, samples: int = 0, seed: int | None = None):
    """The life-cycle footprint of one measured run on the hardware of ``spec`` (an :class:`~footprint.Estimate`).

    Use stage: the measured IT energy x PUE x grid (and water); embodied stages: the fleet's impacts x the
    run's reserved accelerator-hours / (lifetime x utilisation).
    """
    from ..impacts import estimate
    from .ledger import using_ledger

    led = ledger if isinstance(ledger, Ledger) else Ledger(ledger)
    with using_ledger(led.path):
        one = spec_with_run(spec, run_id, phase=phase, ledger=led)
        return estimate(one, samples=samples, seed=seed)


def measured_runs(spec, ledger=None):
    """What was measured, and how, for the training phases of ``spec`` that take their energy from a run.

    Returns
    -------
    pandas.DataFrame
        One row per (phase, component): ``phase``, ``run_id``, ``name``, ``status``, ``started``,
        ``ended`` (ISO 8601 UTC), ``component`` (cpu, gpu, ram), ``energy_kwh`` [kWh of IT energy],
        ``method`` (energy counter, RAPL, TDP model, constant, power sampling, none). Empty (same columns)
        when no phase has a run.

    Raises
    ------
    UnknownKeyError
        A phase names a run that is not in the ledger.
    """
    import pandas as pd

    from ..spec import load_spec, parse_spec

    sp = parse_spec(spec) if not isinstance(spec, str) and not hasattr(spec, "__fspath__") else load_spec(spec)
    led = ledger if isinstance(ledger, Ledger) else Ledger(ledger)
    cols = ["phase", "run_id", "name", "status", "started", "ended", "component", "energy_kwh", "method"]
    recs = []
    for ph in sp.training:
        if ph.run is None:
            continue
        try:
            r = led.get(ph.run)
        except UnknownKeyError as exc:
            raise SpecError(f"training.{ph.name}.run: {exc}") from None
        for c in COMPONENTS:
            recs.append({"phase": ph.name, "run_id": r.id, "name": r.name, "status": r.status,
                         "started": iso(r.started), "ended": iso(r.ended), "component": c,
                         "energy_kwh": float(r.data.get(f"{c}_kwh") or 0.0), "method": r.data.get(f"{c}_method")})
    return pd.DataFrame.from_records(recs, columns=cols)
