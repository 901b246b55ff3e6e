"""Resolve the training and inference phases of the spec: their work, where their IT energy comes from, and the
power model when the spec gives no power.

A phase without power takes the power model of :mod:`.power` (measured power shares of the accelerator's family,
pooled, with the ladder family -> generation -> vendor -> all). A phase given by its work takes its device-hours
(training) or its busy seconds per request (inference) from :mod:`.work`. Idle draw of a serving fleet reserved for ``days``
(hardware_use.csv): TDP x idle share per accelerator, host power x the server idle share.
"""

from __future__ import annotations

from ..errors import SpecError
from ..spec import PowerSource
from .evaluate import busy_hours, point
from .power import power_model
from .work import default_precision, replica_accelerators, request_seconds, training_device_hours
from .system import InferencePhase, MeasuredRun, Term, TrainingPhase, field_name, from_factor, given, measured

__all__ = ["resolve_training", "resolve_inference"]


def _idle_row(reg, hardware: str, acc_id: str | None = None):
    """Idle power share [ratio of TDP or of host power]: the accelerator's family row, else the default."""
    rows = [f for f in reg.rows("hardware_use") if f.quantity == "idle_power_share" and f.keys.get("hardware") == hardware]
    fam = lambda f: f.keys.get("accelerator_family", "")
    rows.sort(key=lambda f: 0 if acc_id is not None and fam(f) and (acc_id + "-").startswith(fam(f) + "-")
              else 1 if fam(f) in ("", "default") else 2)
    if not rows:
        raise SpecError(f"hardware_use.csv has no idle_power_share for {hardware}")
    return rows[0]


def _run_units(fleet, run, where, note) -> int:
    """The accelerators (or nodes, for a fleet without accelerators) a measured job held: its nodes x the fleet's
    accelerators per node, at most the fleet."""
    want = run.nodes * (fleet.per_node if fleet.accelerator is not None else 1)
    if want > fleet.units:
        note(f"{where}: run {run.id} ran on {run.nodes} nodes, more than fleet {fleet.name!r} holds "
             f"({fleet.n_nodes}): the whole fleet is counted")
        return fleet.units
    return want


def _hourly_ratio(reg, site, run, where, note) -> float:
    """The hourly intensity a measured run's checkpoint intervals met / the annual (1 where the data center's zone
    has no hourly data, or the run no intervals), with a note either way."""
    from ..hourly import energy_weighted_ratio, zone_of

    if site is None or not run.intervals:
        return 1.0
    zone, why = zone_of(site, reg)
    if zone is None:
        note(f"{where}: {why.split(': ', 1)[-1]} for run {run.id}")
        return 1.0
    ratio = energy_weighted_ratio(zone, run.intervals)
    if ratio is None:
        return 1.0
    note(f"{where}: run {run.id}'s checkpoint intervals met {ratio:.3f} x the annual grid intensity "
         f"(hourly, {zone.describe()}; energy-weighted over {len(run.intervals)} intervals)")
    return ratio


def resolve_training(spec, reg, ph, fleet, runs: dict, note, site=None) -> TrainingPhase:
    """The :class:`TrainingPhase` of a spec phase on its resolved ``fleet`` (at ``site``, for the hourly intensity
    of a measured run); ``runs`` maps the ``run`` ids the spec names to the :class:`MeasuredRun` read for them."""
    where = f"training.{ph.name}"
    units = fleet.units
    run: MeasuredRun | None = None
    if ph.power_source is PowerSource.MEASURED_RUN:
        run = runs.get(ph.run)
        if run is None:
            raise SpecError(f"{where}.run: run {ph.run!r} was not read from a ledger; estimate the spec with "
                            "footprint.estimate(spec, ledger=...) so that its measured runs are read first")
        if run.note:
            note(f"{where}: {run.note}")
        if fleet.accelerator is not None and run.methods.get("gpu") == "none":
            note(f"{where}: run {run.id} measured no GPU, but fleet {fleet.name!r} holds {fleet.accelerator}: "
                 "the measured energy may not be this fleet's (measure on the machines of the fleet)")
    if ph.by_work and run is None:
        if fleet.accelerator is None:
            raise SpecError(f"{where}: fleet {fleet.name!r} has no accelerator to do the work; give hours or device_hours")
        device_hours = training_device_hours(reg, ph, reg.accelerator(fleet.accelerator), note)
        wall_hours = Term(device_hours.params, device_hours.scale / units, "work", device_hours.divisors)
    elif ph.device_hours is not None:
        dh = given(field_name("training", ph.name, "device_hours"), ph.device_hours, "h")
        device_hours, wall_hours = Term((dh,)), Term((dh,), 1.0 / units)
    else:
        if ph.hours is None:  # a measured run without time: its measured duration x the fleet's units
            wall = measured(f"{where}.run[{run.id}].duration_h", run.duration_h, "h", run.source)
        else:
            wall = given(field_name("training", ph.name, "hours"), ph.hours, "h")
        if run is not None and run.nodes is not None:  # a job: the nodes it ran on, not the whole fleet
            units = _run_units(fleet, run, where, note)
        device_hours, wall_hours = Term((wall,), float(units)), Term((wall,))
    energy = power = model = None
    if run is not None:
        energy = Term((measured(f"{where}.run[{run.id}].energy_kwh", run.energy_kwh, "kWh", run.source),))
    elif ph.power_source is PowerSource.MEASURED_ENERGY:
        energy = Term((given(field_name("training", ph.name, "energy_kwh"), ph.energy_kwh, "kWh"),))
    elif ph.power_source in (PowerSource.ACCELERATOR_POWER, PowerSource.FLEET_POWER):
        field = ph.power_source.value
        power = Term((given(field_name("training", ph.name, field), getattr(ph, field), "W"),))
    else:
        if fleet.accelerator is None:
            raise SpecError(f"{where}: fleet {fleet.name!r} has no accelerator for the power model; give power_w or energy_kwh")
        model = power_model(reg, fleet, ph.workload, note)
    wall_days = float(wall_hours.value(point)) * ph.repeats / 24.0
    ratio = _hourly_ratio(reg, site, run, where, note) if run is not None else 1.0
    return TrainingPhase(ph.name, fleet.name, ph.power_source, ph.repeats, device_hours, wall_hours, wall_days,
                         energy, power, model, run, ph.parameters, ph.tokens, ratio)


def resolve_inference(spec, reg, ph, fleet, note) -> InferencePhase:
    """The :class:`InferencePhase` of a spec phase on its resolved ``fleet``."""
    where = f"inference.{ph.name}"
    if fleet.accelerator is None:
        raise SpecError(f"{where}: fleet {fleet.name!r} has no accelerator; inference phases need one")
    n = ph.accelerators or fleet.n_accelerators
    if n > fleet.n_accelerators:
        raise SpecError(f"{where}.accelerators: {n} is more than fleet {fleet.name!r} holds ({fleet.n_accelerators})")
    model = power_model(reg, fleet, "inference", note)
    kw = dict(requests=given(field_name("inference", ph.name, "requests"), ph.requests, "count"), model=model)
    if ph.power_source is PowerSource.REQUEST_ENERGY:
        kw["energy_per_request"] = given(field_name("inference", ph.name, "energy_wh_per_request"),
                                         ph.energy_wh_per_request, "Wh")
    elif ph.power_source is PowerSource.THROUGHPUT:
        tokens = given(field_name("inference", ph.name, "tokens_per_request"), ph.tokens_per_request, "count")
        tps = given(field_name("inference", ph.name, "tokens_per_second_per_accelerator"),
                    ph.tokens_per_second_per_accelerator, "tokens/s")
        kw["busy_seconds"] = (Term((tokens,), 1.0, "decode", (tps,)),)
    else:
        acc = reg.accelerator(fleet.accelerator)
        precision = default_precision(acc, ph.precision, where, lambda text: None)
        need = replica_accelerators(ph.parameters, precision, acc["memory"].value)
        if need > n:
            raise SpecError(f"{where}: a {ph.parameters:.3g}-parameter model at {precision} needs {need} "
                            f"{acc.id} per replica (1.2 x weights / {acc['memory'].value:g} GB, to a power of two) "
                            f"but the phase has {n}; raise accelerators or lower the precision")
        note(f"{where}: one replica of the model takes {need} accelerator(s) (1.2 x weights at {precision})")
        kw["busy_seconds"] = request_seconds(reg, ph, acc, note)
    if ph.days is not None:
        acc = reg.accelerator(fleet.accelerator)
        kw.update(days=given(field_name("inference", ph.name, "days"), ph.days, "day"), days_value=float(ph.days),
                  idle_accelerator=from_factor(_idle_row(reg, "accelerator", acc.id)),
                  idle_server=from_factor(_idle_row(reg, "server")), tdp=from_factor(acc["tdp"]))
    out = InferencePhase(ph.name, fleet.name, ph.power_source, n, **kw)
    if ph.days is not None:
        busy, reserved = float(busy_hours(out, point)), n * float(ph.days) * 24.0
        if busy > reserved * 1.0000001:
            raise SpecError(f"{where}: the work needs {busy:,.0f} accelerator-hours but {n} accelerators over "
                            f"{ph.days:g} days hold {reserved:,.0f}; raise days or accelerators")
    return out
