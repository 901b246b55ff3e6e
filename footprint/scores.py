"""Scores and exchange formats of an estimate: the SCI per functional unit (:mod:`footprint.model.sci`) and an
Impact Framework manifest of a system's phases (:mod:`footprint.ifmanifest`).

Per-phase embodied emissions (for the manifest): the embodied rows of a fleet are linear in the hours its phases
reserve (items held = reserved hours / service hours), so a phase's share is the fleet's embodied x the phase's
reserved accelerator-hours / the fleet's (training: device-hours x repeats; serving: accelerators x days x 24 when
reserved, else its busy hours).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

__all__ = ["sci", "phase_embodied_kg", "estimate_manifest", "MANIFEST_START"]

#: The nominal start of a system's first phase in a manifest (a spec has no dates; IF needs timestamps).
MANIFEST_START = datetime(2025, 1, 1, tzinfo=timezone.utc)


def sci(spec, unit_text: str, provider_est, samples: int = 0, seed=None, ledger=None, grid_basis=None):
    """The SCI table (:func:`footprint.model.sci.sci_table`) of ``spec`` for ``unit_text`` (``request``,
    ``1k-tokens``, ``training-token`` or ``UNIT=COUNT``), given its full estimate (the provider boundary)."""
    from .lifecycle import estimate
    from .model.sci import consumer_spec, parse_unit, sci_table
    from .spec import as_spec

    sp = as_spec(spec)
    unit, count = parse_unit(unit_text)
    cons = consumer_spec(sp)
    consumer_est = (estimate(cons, samples=samples, seed=seed, ledger=ledger, grid_basis=grid_basis)
                    if cons is not None and unit != "training-token" else None)
    return sci_table(sp, unit, count, provider_est, consumer_est)


def _reserved_h(ph) -> float:
    """The accelerator-hours a phase reserves (point): what the model allocates the embodied share by."""
    from .model.evaluate import inference_it_kwh, point, training_it_kwh

    return float((training_it_kwh if ph.kind == "training" else inference_it_kwh)(ph, point)[1])


def phase_embodied_kg(est) -> dict:
    """{phase name: embodied kgCO2e}: each fleet's embodied emissions split by the hours its phases reserve."""
    system = est.system
    emb = est.results[(est.results.stage != "use") & (est.results.criterion == "gwp")]
    by_fleet = {name: float(emb[emb.component.str.startswith(f"{name}.")].value.sum()) for name in system.fleets}
    hours = {ph.name: (ph.fleet, _reserved_h(ph)) for ph in system.phases}
    total = {f: sum(h for fl, h in hours.values() if fl == f) for f in system.fleets}
    return {name: (by_fleet[f] * h / total[f] if total[f] else 0.0) for name, (f, h) in hours.items()}


def estimate_manifest(est) -> dict:
    """An Impact Framework manifest of an estimate: one child per phase, one observation each (phases one after
    the other from :data:`MANIFEST_START`: the time line of the report), with energy [kWh at the meter],
    carbon-operational and carbon-embodied [gCO2e] and water [L] of the use stage (point values)."""
    from .ifmanifest import manifest

    r = est.results
    use = r[r.stage == "use"]
    emb = phase_embodied_kg(est)
    children, t = {}, MANIFEST_START
    for ph in est.system.phases:
        days = ph.wall_days if ph.kind == "training" else (ph.days_value or 0.0)
        if ph.kind == "inference" and not days:
            days = _reserved_h(ph) / 24.0 / max(ph.accelerators, 1)
        dur = max(int(round(days * 86400)), 1)
        u = use[use.phase == ph.name]
        val = lambda c: float(u[u.criterion == c].value.sum())  # noqa: E731
        children[f"{ph.kind}/{ph.name}"] = [{
            "timestamp": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "duration": dur, "energy": val("energy"),
            "carbon-operational": val("gwp") * 1000.0, "carbon-embodied": emb.get(ph.name, 0.0) * 1000.0,
            "water": val("water")}]
        if ph.kind == "training":
            t = t + timedelta(seconds=dur)
    return manifest(est.name, f"footprint estimate of {est.name}: one child per phase (use stage energy, "
                              "operational and amortised embodied carbon, water)", children)
