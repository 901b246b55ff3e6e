"""The use stage: electricity, carbon and water of each training and inference phase.

For each phase the IT energy ``E_it`` [kWh] comes from the spec (measured energy, average power x hours)
or from the power model (TDP [W] x measured power share [ratio], factors/power_draw.csv). Then
(DESIGN.md; Li et al. 2023 for water):

- energy at the meter [kWh]   = E_it x PUE
- gwp [kgCO2e]                = E_it x PUE x grid intensity [kgCO2e/kWh]
- water [L]                   = E_it x WUE [L/kWh] + E_it x PUE x electricity water intensity [L/kWh]
- pe [MJ], adpe [kg Sb eq]    = E_it x PUE x factor per kWh (electricity_impacts.csv)
"""

from __future__ import annotations

import numpy as np

from ..errors import SpecError, UnknownKeyError
from . import Row

_PROVIDERS = {"aws": "aws", "gcp": "google", "google": "google", "azure": "azure"}


def datacenter_params(ctx, spec, dc_key: str) -> dict:
    """PUE [ratio], WUE [L/kWh], grid [kgCO2e/kWh], EWIF [L/kWh], pe [MJ/kWh], adpe [kgSbeq/kWh]."""
    dc = spec.datacenters[dc_key]
    reg = ctx.reg
    where = f"datacenters.{dc_key}"
    try:
        reg.resolve_region(dc.region)
    except UnknownKeyError as exc:
        raise SpecError(f"{where}.region: {exc}") from None
    provider = dc.provider
    if provider is None:
        prefix = dc.region.split(":")[0].lower() if ":" in dc.region else ""
        provider = _PROVIDERS.get(prefix, "industry-average")
    out = {}
    for q, field_, unit in (("pue", "pue", "ratio"), ("wue", "wue_l_per_kwh", "L/kWh")):
        given = getattr(dc, field_)
        if given is not None:
            out[q] = ctx.user(f"{where}.{field_}", given, unit)
            continue
        try:
            fac = reg.datacenter(provider, q)
        except UnknownKeyError as exc:
            if dc.provider is not None and exc.kind == "data-center provider" and q == "pue":
                raise SpecError(f"{where}.provider: {exc}") from None
            fac = reg.datacenter("industry-average", q)
            ctx.note(f"{where}: no {q} for provider {provider!r}; used the industry average ({fac.factor_id})")
        out[q] = ctx.f(fac)
    if dc.grid_kgco2e_per_kwh is not None:
        out["grid"] = ctx.user(f"{where}.grid_kgco2e_per_kwh", dc.grid_kgco2e_per_kwh, "kgCO2e/kWh")
    else:
        fac = reg.grid_intensity(dc.region)
        ctx.note(fac.note and f"{where}: {fac.note}")
        out["grid"] = ctx.f(fac)
    if dc.electricity_water_l_per_kwh is not None:
        out["ewif"] = ctx.user(f"{where}.electricity_water_l_per_kwh", dc.electricity_water_l_per_kwh, "L/kWh")
    else:
        fac = reg.electricity_water_intensity(dc.region)
        ctx.note(fac.note and f"{where}: {fac.note}")
        out["ewif"] = ctx.f(fac)
    if "electricity_impacts" in reg.tables:
        for q in ("pe", "adpe"):
            fac = reg.regional("electricity_impacts", q, dc.region)
            ctx.note(fac.note and f"{where}: {fac.note}")
            out[q] = ctx.f(fac)
    return out


def use_rows(ctx, dcp: dict, phase: str, component: str, it_kwh) -> list[Row]:
    """Use-stage rows of ``it_kwh`` [kWh of IT energy] under data-center parameters ``dcp``.

    energy = IT x PUE [kWh at the meter]; gwp = energy x grid [kgCO2e]; water [L] in two flows:
    on-site cooling = IT x WUE, off-site electricity = energy x electricity water intensity (Li et al. 2023).
    """
    meter = it_kwh * dcp["pue"]
    rows = [
        Row("use", phase, component, "energy", meter),
        Row("use", phase, component, "gwp", meter * dcp["grid"]),
        Row("use", phase, component, "water", it_kwh * dcp["wue"], flow="onsite_cooling"),
        Row("use", phase, component, "water", meter * dcp["ewif"], flow="offsite_electricity"),
    ]
    for q in ("pe", "adpe"):
        if q in dcp:
            rows.append(Row("use", phase, component, q, meter * dcp[q]))
    return rows


def _family_rows(ctx, acc, quantity: str, workload: str):
    """The power_draw row for this accelerator's family and workload, falling back to the default row."""
    rows = [f for f in ctx.reg.rows("power_draw") if f.quantity == quantity]
    fams = sorted({f.keys.get("accelerator_family", "") for f in rows}, key=len, reverse=True)
    fam = next((fm for fm in fams if fm and fm != "default" and (acc.id + "-").startswith(fm + "-")), None)
    for family in ([fam] if fam else []) + ["default"]:
        for wl in (workload, "any"):
            hit = [f for f in rows if f.keys.get("accelerator_family") == family and f.keys.get("workload") == wl]
            if hit:
                if family == "default":
                    ctx.note(f"power model: no measured {workload} power share for {acc.id}; used the default row ({hit[0].factor_id})")
                return hit[0]
    raise SpecError(f"power_draw.csv has no {quantity} row for {workload}; give accelerator_power_w or power_w")


def power_model(ctx, fl, workload: str) -> tuple:
    """Average power per accelerator [W] and host power per accelerator [W].

    accelerator = TDP [W] x power share [ratio]; host = TDP [W] x host power share [ratio]
    (factors/power_draw.csv; the share's range is the spread of published measurements).
    """
    acc = fl.accelerator
    tdp = ctx.f(acc["tdp"])
    share = ctx.f(_family_rows(ctx, acc, "power_share", workload))
    host_rows = [f for f in ctx.reg.rows("power_draw") if f.quantity in ("host_power_share", "host_power")]
    by_node = {f.keys.get("node"): f for f in host_rows}
    hf = by_node.get(fl.host.id) or by_node.get("default")
    if hf is None:
        return tdp * share, 0.0
    if hf.keys.get("node") != fl.host.id:
        ctx.note(f"power model: no host power for {fl.host.id}; used the default row ({hf.factor_id})")
    host = ctx.f(hf) * (tdp if hf.quantity == "host_power_share" else 1.0)
    return tdp * share, host


def _run_source(run: dict) -> str:
    text = f"measured run {run['id']} ({run['status']}; ledger {run['ledger']})"
    return text + (f"; {run['methods']}" if run.get("methods") else "")


def training(ctx, spec, fl, ph) -> tuple[list[Row], object]:
    """Rows of a training phase and its reserved accelerator-hours [h] (for the embodied share)."""
    where = f"training.{ph.name}"
    dcp = datacenter_params(ctx, spec, fl.datacenter)
    units = fl.n_accelerators if fl.accelerator is not None else fl.n_nodes
    r = ph.repeats
    run = None
    if getattr(ph, "run", None) is not None:  # a measured run (footprint.tracker ledger) gives the IT energy
        from ..tracker.lifecycle import measured_energy

        try:
            run = measured_energy(ph.run)
        except UnknownKeyError as exc:
            raise SpecError(f"{where}.run: {exc}") from None
        ctx.note(run["note"] and f"{where}: {run['note']}")
        if fl.accelerator is not None and run.get("gpu_method") == "none":
            ctx.note(f"{where}: run {run['id']} measured no GPU, but fleet {fl.name!r} holds {fl.accelerator.id}: "
                     "the measured energy may not be this fleet's (measure on the machines of the fleet)")
    if ph.device_hours is not None:
        dh = ctx.user(f"{where}.device_hours", ph.device_hours, "h")
        wall = dh / units
    elif ph.hours is None and run is not None:  # measured duration x the fleet's units
        wall = ctx.measured(f"{where}.run[{run['id']}].duration_h", run["duration_h"], "h", _run_source(run))
        dh = wall * units
    else:
        wall = ctx.user(f"{where}.hours", ph.hours, "h")
        dh = wall * units
    if run is not None:
        parts = {f"{fl.name}.it": ctx.measured(f"{where}.run[{run['id']}].energy_kwh", run["energy_kwh"], "kWh",
                                               _run_source(run)) * r}
    elif ph.energy_kwh is not None:
        parts = {f"{fl.name}.it": ctx.user(f"{where}.energy_kwh", ph.energy_kwh, "kWh") * r}
    elif ph.accelerator_power_w is not None:
        parts = {f"{fl.name}.accelerators": dh * r * ctx.user(f"{where}.accelerator_power_w", ph.accelerator_power_w, "W") / 1000.0}
    elif ph.power_w is not None:
        parts = {f"{fl.name}.it": wall * r * ctx.user(f"{where}.power_w", ph.power_w, "W") / 1000.0}
    else:
        if fl.accelerator is None:
            raise SpecError(f"{where}: fleet {fl.name!r} has no accelerator for the power model; give power_w or energy_kwh")
        acc_w, host_w = power_model(ctx, fl, ph.workload)
        parts = {f"{fl.name}.accelerators": dh * r * acc_w / 1000.0}
        if not _is_zero(host_w):
            parts[f"{fl.name}.host"] = dh * r * host_w / 1000.0
    rows = [row for comp, e in parts.items() for row in use_rows(ctx, dcp, ph.name, comp, e)]
    return rows, dh * r


def _is_zero(x) -> bool:
    return isinstance(x, float) and x == 0.0


def inference(ctx, spec, fl, ph) -> tuple[list[Row], object]:
    """Rows of a serving phase and its reserved accelerator-hours [h].

    busy accelerator-hours: requests x tokens / (tokens/s) / 3600, or request energy / active power;
    reserved: accelerators x days x 24 (when ``days`` is given); idle = reserved - busy, drawing
    TDP x idle share per accelerator and host power x server idle share.
    """
    where = f"inference.{ph.name}"
    if fl.accelerator is None:
        raise SpecError(f"{where}: fleet {fl.name!r} has no accelerator; inference phases need one")
    n = ph.accelerators or fl.n_accelerators
    if n > fl.n_accelerators:
        raise SpecError(f"{where}.accelerators: {n} is more than fleet {fl.name!r} holds ({fl.n_accelerators})")
    dcp = datacenter_params(ctx, spec, fl.datacenter)
    acc_w, host_w = power_model(ctx, fl, "inference")
    requests = ctx.user(f"{where}.requests", ph.requests, "count")
    parts: dict = {}
    if ph.energy_wh_per_request is not None:
        e_busy = requests * ctx.user(f"{where}.energy_wh_per_request", ph.energy_wh_per_request, "Wh") / 1000.0
        busy_h = e_busy * 1000.0 / (acc_w + host_w)
        parts[f"{fl.name}.it"] = e_busy
    else:
        tokens = requests * ctx.user(f"{where}.tokens_per_request", ph.tokens_per_request, "count")
        busy_h = tokens / ctx.user(f"{where}.tokens_per_second_per_accelerator", ph.tokens_per_second_per_accelerator, "1/s") / 3600.0
        parts[f"{fl.name}.accelerators"] = busy_h * acc_w / 1000.0
        parts[f"{fl.name}.host"] = busy_h * host_w / 1000.0
    reserved = busy_h
    if ph.days is not None:
        reserved_h = n * ctx.user(f"{where}.days", ph.days, "day") * 24.0
        point_busy = float(np.mean(busy_h))
        if point_busy > float(np.mean(reserved_h)) * 1.0000001:
            raise SpecError(
                f"{where}: the work needs {point_busy:,.0f} accelerator-hours but {n} accelerators over "
                f"{ph.days:g} days hold {float(np.mean(reserved_h)):,.0f}; raise days or accelerators"
            )
        idle_h = np.maximum(reserved_h - busy_h, 0.0)
        idle_acc = ctx.f(_idle(ctx, "accelerator", fl.accelerator))
        idle_srv = ctx.f(_idle(ctx, "server"))
        tdp = ctx.f(fl.accelerator["tdp"])
        parts[f"{fl.name}.accelerators"] = parts.get(f"{fl.name}.accelerators", 0.0) + idle_h * tdp * idle_acc / 1000.0
        parts[f"{fl.name}.host"] = parts.get(f"{fl.name}.host", 0.0) + idle_h * host_w * idle_srv / 1000.0
        reserved = reserved_h
    rows = [row for comp, e in parts.items() for row in use_rows(ctx, dcp, ph.name, comp, e)]
    return rows, reserved


def _idle(ctx, hardware: str, acc=None):
    """Idle power share [ratio of TDP or of host power]: the accelerator's family row, else the default."""
    rows = [f for f in ctx.reg.rows("hardware_use") if f.quantity == "idle_power_share" and f.keys.get("hardware") == hardware]
    fam = lambda f: f.keys.get("accelerator_family", "")
    rows.sort(key=lambda f: 0 if acc is not None and fam(f) and (acc.id + "-").startswith(fam(f) + "-") else 1 if fam(f) in ("", "default") else 2)
    if not rows:
        raise SpecError(f"hardware_use.csv has no idle_power_share for {hardware}")
    return rows[0]
