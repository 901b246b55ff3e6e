"""The result of an estimate: :class:`Estimate`, its tables and its JSON contract.

Tables are built from the point values of the quantities :func:`~footprint.model.montecarlo.aggregate` names and,
with draws, from their percentiles: a row, a stage, a phase, a component and a total each carry the percentiles of
their own summed draws.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from ..units import CRITERIA
from .risk import producer_shares
from .system import STAGES, WATER_FLOWS

__all__ = ["Estimate", "build_tables", "measured_runs_frame", "MEASURED_RUN_COLUMNS", "use_inputs", "USE_INPUT_COLUMNS"]

MEASURED_RUN_COLUMNS = ["phase", "run_id", "name", "status", "started", "ended", "component", "energy_kwh", "method"]


@dataclass
class Estimate:
    """The footprint of a system.

    Attributes (pandas DataFrames)
    ------------------------------
    results : stage, phase, component, criterion, value, p5, p95, unit
    total : criterion, value, p5, p50, p95, unit
    by_stage, by_phase, by_component : stage (phase, component), criterion, value, p5, p50, p95, unit -- the sums of
        the results rows of each stage, of each use phase, of each component, with the percentiles of their summed draws
    materials : material, kg, p5, p95, recovered_kg (point; None without a recycling rate), rock_kg (point: rock moved
        to mine it; None without a rock-to-metal ratio), main_producers
    water : flow, value, p5, p50, p95, unit -- water [L] by where it is consumed: onsite_cooling (IT energy x WUE),
        offsite_electricity (energy at the meter x electricity water intensity), chip_fabrication, metal_extraction;
        the flows add up to the water total
    assumptions : factor_id, value, unit, low, high, distribution, source, year, license, url, fallback_level, note
    sensitivity : criterion, factor_id, first_order, total_order (empty unless asked for)
    use_inputs : of, input, value, unit, source -- where the use stage's PUE, WUE, grid intensity (and its basis),
        electricity water intensity and each phase's power came from (:func:`use_inputs`)
    risk : material, scheme, kg, flagged_share, flagged_kg, countries, stage, statement -- the share of each metal's
        mass from countries a risk scheme names (:mod:`footprint.model.risk`)
    labor : one row per ``[[annotation]]`` phase: worker-hours and effective pay (:mod:`footprint.model.labour`)

    Other attributes: ``notes`` (aliases resolved and fallbacks used), ``samples``, ``seed``, ``draws``
    ({criterion: the first draws, at most 100,000, of the total}), ``kept_draws`` ({("phase" | "component" |
    "stage" | "total", ...): the first draws of each sum, float32}), ``spec`` (the validated SystemSpec) and
    ``system`` (its resolved description, :class:`~footprint.model.system.System`).
    """

    name: str
    results: Any
    total: Any
    materials: Any
    assumptions: Any
    sensitivity: Any
    notes: list[str]
    samples: int
    seed: int | None
    draws: dict = field(default_factory=dict, repr=False)
    spec: Any = field(default=None, repr=False)
    water: Any = None
    system: Any = field(default=None, repr=False)
    by_stage: Any = None
    by_phase: Any = None
    by_component: Any = None
    kept_draws: dict = field(default_factory=dict, repr=False)
    use_inputs: Any = None
    risk: Any = None
    labor: Any = None

    def to_dict(self) -> dict:
        """The JSON contract: name, samples, seed, total, results, materials, assumptions, sensitivity,
        water_flows, use_inputs, risk, labor, notes."""
        def clean(v):
            return None if isinstance(v, float) and not math.isfinite(v) else v

        total = {r.criterion: {k: clean(getattr(r, k)) for k in ("value", "p5", "p50", "p95", "unit")}
                 for r in self.total.itertuples()}
        recs = lambda df: [{k: clean(v) for k, v in rec.items()} for rec in df.to_dict(orient="records")]
        return {"name": self.name, "samples": self.samples, "seed": self.seed, "total": total,
                "results": recs(self.results), "materials": recs(self.materials), "assumptions": recs(self.assumptions),
                "sensitivity": recs(self.sensitivity), "water_flows": recs(self.water) if self.water is not None else [],
                "use_inputs": recs(self.use_inputs) if self.use_inputs is not None else [],
                "risk": recs(self.risk) if self.risk is not None else [],
                "labor": recs(self.labor) if self.labor is not None else [], "notes": list(self.notes)}

    def to_json(self, **kw) -> str:
        return json.dumps(self.to_dict(), allow_nan=False, **kw)


def producers(registry, material: str) -> list[dict]:
    """The three largest producing countries of a metal (material_producers.csv; mine stage first)."""
    stage, rows = producer_shares(registry, material)
    picked = sorted((f for c, f in rows.items() if c != "OTHER"), key=lambda f: -f.value)
    return [{"country": f.keys["country"], "share": f.value, "stage": stage, "year": f.year} for f in picked[:3]]


def build_tables(point: dict, quants: dict, registry) -> dict:
    """The DataFrames of an estimate from the point value of each quantity and, with draws, its
    :class:`~footprint.model.montecarlo.Quantiles`. A quantity without quantiles has p5 = p50 = p95 = value."""
    import pandas as pd

    def pct(key, value):
        return quants[key].percentiles() if key in quants else (value, value, value)

    def frame(kind: str, label: str):
        recs = []
        for key, v in point.items():
            if key[0] == kind:
                p5, p50, p95 = pct(key, float(v))
                recs.append({label: key[1], "criterion": key[2], "value": float(v), "p5": p5, "p50": p50, "p95": p95,
                             "unit": CRITERIA[key[2]]})
        return pd.DataFrame.from_records(recs, columns=[label, "criterion", "value", "p5", "p50", "p95", "unit"])

    recs = []
    for key, v in point.items():
        if key[0] == "row":
            p5, _, p95 = pct(key, float(v))
            _, stage, phase, comp, crit = key
            recs.append(dict(stage=stage, phase=phase, component=comp, criterion=crit, value=float(v), p5=p5, p95=p95,
                             unit=CRITERIA[crit]))
    order = {s: i for i, s in enumerate(STAGES)}
    results = pd.DataFrame.from_records(recs, columns=["stage", "phase", "component", "criterion", "value", "p5", "p95", "unit"])
    if len(results):
        results = results.sort_values(["stage", "phase", "component", "criterion"],
                                      key=lambda s: s.map(order) if s.name == "stage" else s).reset_index(drop=True)
    trecs = []
    for c, unit in CRITERIA.items():
        v = float(point.get(("total", c), 0.0))
        p5, p50, p95 = pct(("total", c), v)
        trecs.append(dict(criterion=c, value=v, p5=p5, p50=p50, p95=p95, unit=unit))
    mrecs = []
    mats = sorted(((k[1], float(v)) for k, v in point.items() if k[0] == "material"), key=lambda kv: -kv[1])
    for m, kg in mats:
        p5, _, p95 = pct(("material", m), kg)
        rec, rock = point.get(("recovered", m)), point.get(("rock", m))
        mrecs.append(dict(material=m, kg=kg, p5=p5, p95=p95, recovered_kg=float(rec) if rec is not None else None,
                          rock_kg=float(rock) if rock is not None else None, main_producers=producers(registry, m)))
    wrecs = []
    for flow in WATER_FLOWS:
        v = float(point.get(("water", flow), 0.0))
        p5, p50, p95 = pct(("water", flow), v)
        wrecs.append(dict(flow=flow, value=v, p5=p5, p50=p50, p95=p95, unit=CRITERIA["water"]))
    return {
        "results": results,
        "total": pd.DataFrame.from_records(trecs),
        "materials": pd.DataFrame.from_records(mrecs, columns=["material", "kg", "p5", "p95", "recovered_kg",
                                                             "rock_kg", "main_producers"]),
        "water": pd.DataFrame.from_records(wrecs, columns=["flow", "value", "p5", "p50", "p95", "unit"]),
        "by_stage": frame("stage", "stage"), "by_phase": frame("phase", "phase"),
        "by_component": frame("component", "component"),
    }


def assumptions_frame(params):
    """Every parameter an evaluation used, with its provenance."""
    import pandas as pd

    recs = []
    for p in params:
        i = p.info
        bound = p.bound_note
        value, low, high = p.bounded
        recs.append(dict(factor_id=p.name, value=value, unit=i["unit"], low=low, high=high, distribution=p.distribution,
                         source=i["source"], year=i["year"], license=i["license"], url=i["url"],
                         fallback_level=i["fallback_level"], note="; ".join(x for x in (i["note"], bound) if x)))
    return pd.DataFrame.from_records(recs, columns=["factor_id", "value", "unit", "low", "high", "distribution", "source",
                                                    "year", "license", "url", "fallback_level", "note"])


def measured_runs_frame(runs):
    """What was measured, and how: one row per (phase, component) of ``runs`` [(phase, MeasuredRun)] with
    :data:`MEASURED_RUN_COLUMNS` (energy_kwh [kWh of IT energy])."""
    import pandas as pd

    recs = [{"phase": phase, "run_id": r.id, "name": r.name, "status": r.status, "started": r.started,
             "ended": r.ended, "component": c, "energy_kwh": float(kwh), "method": r.methods.get(c)}
            for phase, r in runs for c, kwh in r.components.items()]
    return pd.DataFrame.from_records(recs, columns=MEASURED_RUN_COLUMNS)


USE_INPUT_COLUMNS = ["of", "input", "value", "unit", "source"]


def _power_source(ph) -> tuple[float | None, str]:
    """Average power per accelerator [W] of a phase (point value; None when the energy is given) and its source."""
    from ..spec import PowerSource
    from .evaluate import point, terms

    if ph.kind == "inference" and ph.power is PowerSource.REQUEST_ENERGY:
        return None, f"energy per request given in the spec ({ph.energy_per_request.value:g} Wh)"
    if ph.kind == "training" and ph.power is PowerSource.MEASURED_RUN:
        return None, f"measured run {ph.run.id} ({ph.run.energy_kwh:.4g} kWh IT energy)"
    if ph.kind == "training" and ph.power is PowerSource.MEASURED_ENERGY:
        return None, f"IT energy given in the spec ({ph.energy_kwh.params[0].value:g} kWh)"
    if ph.kind == "training" and ph.power is PowerSource.ACCELERATOR_POWER:
        return ph.power_w.params[0].value, "accelerator_power_w given in the spec"
    if ph.kind == "training" and ph.power is PowerSource.FLEET_POWER:
        return None, f"power_w given in the spec ({ph.power_w.params[0].value:g} W for the fleet)"
    m = ph.model
    w = float(terms(m.accelerator, point) + terms(m.host, point))
    host = f" + host {m.host[0].params[0].name}" if m.host else ""
    return w, f"power model: TDP x {m.share.describe()}{host}"


def use_inputs(system):
    """Where the use stage's inputs came from: one row per data center input (PUE, WUE, grid intensity and its basis,
    electricity water intensity) and per phase (average power per accelerator). Columns: of, input, value, unit,
    source (the spec, the provider's default, the region's row, a measured run or the power model)."""
    import pandas as pd

    recs = []
    for key, site in system.sites.items():
        for q, unit in (("pue", "ratio"), ("wue", "L/kWh"), ("grid", "kgCO2e/kWh"), ("ewif", "L/kWh")):
            p = getattr(site, q)
            label = {"pue": "PUE", "wue": "on-site WUE", "grid": f"grid intensity ({site.grid_basis})",
                     "ewif": "electricity water intensity"}[q]
            recs.append(dict(of=f"datacenters.{key}", input=label, value=p.value, unit=unit,
                             source=site.sources.get(q, p.info.get("source", ""))))
    for ph in system.phases:
        w, src = _power_source(ph)
        recs.append(dict(of=f"{ph.kind}.{ph.name}", input="power per accelerator", value=w, unit="W", source=src))
        hours, src = _hours_source(ph)
        if hours is not None:
            recs.append(dict(of=f"{ph.kind}.{ph.name}", input="device-hours", value=hours, unit="h", source=src))
    return pd.DataFrame.from_records(recs, columns=USE_INPUT_COLUMNS)


def _hours_source(ph) -> tuple[float | None, str]:
    """Busy accelerator-hours of a phase, all repeats (point value; None for a serving phase given its energy per
    request), and where they come from."""
    from ..spec import PowerSource
    from .evaluate import busy_hours, point, term

    if ph.kind == "inference":
        if ph.power is PowerSource.REQUEST_ENERGY:
            return None, ""
        parts = ", ".join(t.part for t in ph.busy_seconds)
        how = ("tokens / tokens_per_second_per_accelerator given in the spec" if ph.power is PowerSource.THROUGHPUT
               else f"modelled throughput ({parts}; {', '.join(p.name for t in ph.busy_seconds for p in t.divisors)})")
        return float(busy_hours(ph, point)), how
    hours = float(term(ph.device_hours, point)) * ph.repeats
    if ph.device_hours.part == "work":
        d = ph.device_hours
        return hours, (f"work: {' x '.join(p.name for p in d.params)} / ({' x '.join(p.name for p in d.divisors)})"
                       + (" x 6" if len(d.params) == 2 else "") + " / 3600")
    return hours, "device_hours or hours given in the spec" if ph.run is None or ph.device_hours.params[0].info.get(
        "kind") == "user" else f"measured run {ph.run.id}'s duration"
