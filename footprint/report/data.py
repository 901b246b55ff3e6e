"""The tables of a lifecycle report, computed from a spec and its :class:`~footprint.impacts.Estimate`.

Pure functions: an estimate (and the spec, the registry) in, a pandas DataFrame or a dict out. The
figures (:mod:`footprint.report.figures`) and the renderers (HTML, Markdown) only lay these out.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..model import STAGES
from ..units import CRITERIA
from .fmt import num

__all__ = [
    "CRITERION_LABELS", "headline", "equivalents", "stage_matrix", "sankey_links", "use_timeline",
    "water_split", "materials_table", "risk_table", "labor_table", "drivers", "measured_runs", "training_placement", "assumptions_table",
]

#: Human-readable name of each criterion.
CRITERION_LABELS = {
    "gwp": "Carbon (global warming potential)",
    "energy": "Electricity at the meter",
    "water": "Water consumed",
    "adpe": "Abiotic depletion of elements",
    "pe": "Primary energy",
}

#: Labels of the water split (DESIGN.md: on-site cooling, off-site at the power plants, chip fabrication).
WATER_PARTS = {
    "onsite_cooling": "On-site cooling (data center WUE)",
    "offsite_electricity": "Off-site electricity generation",
    "chip_fabrication": "Chip fabrication",
    "metal_extraction": "Mining and refining the metals",
}


def headline(est) -> "Any":
    """Totals per criterion with their 90% range.

    Returns
    -------
    pandas.DataFrame
        criterion, label, value, p5, p50, p95, unit -- ``value`` is the point estimate [criterion's unit], p5/p50/p95
        the 5th/50th/95th percentiles of the Monte Carlo draws (equal to value without draws); the report's headline
        is p50 when there are draws.
    """
    df = est.total[["criterion", "value", "p5", "p50", "p95", "unit"]].copy()
    df.insert(1, "label", df["criterion"].map(CRITERION_LABELS).fillna(df["criterion"]))
    return df.reset_index(drop=True)


def equivalents(total, registry) -> "Any":
    """Everyday equivalents of the totals, from ``factors/equivalents.csv``.

    count [items] = total [criterion's unit] / value per item [criterion's unit per item].

    Returns
    -------
    pandas.DataFrame
        criterion, item, count, per_item, unit, factor_id, source, url, license
    """
    import pandas as pd

    cols = ["criterion", "item", "count", "per_item", "unit", "factor_id", "source", "url", "license"]
    if "equivalents" not in registry.tables:
        return pd.DataFrame(columns=cols)
    values = dict(zip(total["criterion"], total["value"]))
    recs = []
    for f in registry.rows("equivalents"):
        if f.quantity in values and f.value > 0:
            recs.append(dict(criterion=f.quantity, item=f.keys.get("item", ""), count=float(values[f.quantity]) / f.value,
                             per_item=f.value, unit=f.unit, factor_id=f.factor_id, source=f.source, url=f.url,
                             license=f.license))
    return pd.DataFrame.from_records(recs, columns=cols)


def stage_matrix(results) -> "Any":
    """Value of each stage for each criterion [criterion's unit]: a stages x criteria DataFrame (0 where a
    stage has no flow of that criterion), stages in life-cycle order."""
    piv = results.pivot_table(index="stage", columns="criterion", values="value", aggfunc="sum", fill_value=0.0)
    stages = [s for s in STAGES if s in piv.index] + [s for s in piv.index if s not in STAGES]
    crits = [c for c in CRITERIA if c in piv.columns]
    return piv.reindex(index=stages, columns=crits).fillna(0.0)


def sankey_links(results, criterion: str = "gwp") -> "Any":
    """Flows of one criterion from components to stages to the total [criterion's unit].

    Returns
    -------
    pandas.DataFrame
        source, target, value -- ``component -> stage`` links (summed over phases), then
        ``stage -> "total"``; zero flows are left out.
    """
    import pandas as pd

    df = results[results["criterion"] == criterion]
    a = df.groupby(["component", "stage"], sort=False)["value"].sum().reset_index()
    a.columns = ["source", "target", "value"]
    b = df.groupby("stage", sort=False)["value"].sum().reset_index()
    b.columns = ["source", "value"]
    b["target"] = "total"
    out = pd.concat([a, b[["source", "target", "value"]]], ignore_index=True)
    return out[out["value"] > 0].reset_index(drop=True)


def use_timeline(system, results, step_days: float = 1.0) -> "Any":
    """Cumulative use-stage gwp of each phase over time [kgCO2e], when the system serves for given days.

    Training phases run one after the other from day 0 over their wall-clock days (the resolved phases' own
    ``wall_days``); serving phases with ``days`` start when training ends and accrue linearly over their days.
    Serving phases without days are left out (their time is not known).

    Returns
    -------
    pandas.DataFrame
        day, phase, kind, gwp_kgco2e (cumulative) -- empty when no inference phase has ``days``.
    """
    import pandas as pd

    cols = ["day", "phase", "kind", "gwp_kgco2e"]
    served = [ph for ph in system.inference if ph.days_value is not None]
    if not served:
        return pd.DataFrame(columns=cols)
    use = results[(results["stage"] == "use") & (results["criterion"] == "gwp")]
    per_phase = use.groupby("phase")["value"].sum().to_dict()
    spans = []
    t = 0.0
    for ph in system.training:
        spans.append((ph.name, "training", t, t + ph.wall_days))
        t += ph.wall_days
    for ph in served:
        spans.append((ph.name, "inference", t, t + ph.days_value))
    end = max(s[3] for s in spans)
    grid = np.unique(np.concatenate([np.arange(0.0, end, step_days), [s[2] for s in spans], [s[3] for s in spans]]))
    recs = []
    for name, kind, t0, t1 in spans:
        total = float(per_phase.get(name, 0.0))
        frac = np.clip((grid - t0) / max(t1 - t0, 1e-12), 0.0, 1.0)
        recs += [dict(day=float(d), phase=name, kind=kind, gwp_kgco2e=total * float(x)) for d, x in zip(grid, frac)]
    return pd.DataFrame.from_records(recs, columns=cols)


def outside_range(total) -> list[str]:
    """Sentences for the criteria whose point estimate lies outside its own 90% range (skewed factors)."""
    out = []
    for r in total.itertuples():
        if r.p5 < r.p95 and not (r.p5 <= r.value <= r.p95):
            side = "below the 5th" if r.value < r.p5 else "above the 95th"
            out.append(f"{r.criterion}: the point estimate is {side} percentile of the draws (median {r.p50:.3g} "
                       f"{r.unit}): the factors that drive it have skewed ranges, their most likely value near one end")
    return out


def water_split(est) -> "Any":
    """Water consumed [L] by where it is consumed, with its 90% range (:attr:`Estimate.water`).

    - on-site cooling      = IT energy [kWh] x WUE [L/kWh]
    - off-site electricity = energy at the meter [kWh] x electricity water intensity [L/kWh] (Li et al. 2023)
    - chip fabrication     = the manufacture stage's water (fab water of the dies)
    - metal extraction     = the extraction stage's water (mining and refining the metals)

    The inventory tags every water row with its flow; the ranges come from the estimate's own Monte Carlo
    draws, and the four parts add up to the water total.

    Returns
    -------
    pandas.DataFrame
        part, label, water_l, p5, p95 [L], share (fraction of the total water, point values)
    """
    import pandas as pd

    total = float(est.water.value.sum())
    recs = [dict(part=r.flow, label=WATER_PARTS[r.flow], water_l=float(r.value), p5=float(r.p5), p95=float(r.p95),
                 share=float(r.value) / total if total else 0.0) for r in est.water.itertuples()]
    return pd.DataFrame.from_records(recs, columns=["part", "label", "water_l", "p5", "p95", "share"])


def materials_table(materials, registry) -> "Any":
    """Metals allocated to the system with their main producing countries and the impacts of producing them.

    impact [criterion's unit] = kg x cradle-to-gate factor per kg (materials.csv).

    Returns
    -------
    pandas.DataFrame
        material, kg, p5, p95, recovered_kg (back at end of life: kg x e-waste collection x recycling rate; NaN
        where the metal has no recycling rate), producers (e.g. "CD 74%, ID 7%"), gwp_kgco2e, water_l, adpe_kgsbeq,
        pe_mj
    """
    import pandas as pd

    recs = []
    per_kg = {}
    if "materials" in registry.tables:
        for f in registry.rows("materials"):
            per_kg[(f.keys.get("material"), f.quantity)] = f.value
    for r in materials.itertuples():
        prods = ", ".join(f"{p['country']} {p['share'] * 100:.0f}%" for p in (r.main_producers or []))
        got = getattr(r, "recovered_kg", None)
        rock = getattr(r, "rock_kg", None)
        rec = dict(material=r.material, kg=float(r.kg), p5=float(r.p5), p95=float(r.p95),
                   recovered_kg=float(got) if got is not None and got == got else float("nan"),
                   rock_kg=float(rock) if rock is not None and rock == rock else float("nan"), producers=prods)
        for q, col in (("gwp", "gwp_kgco2e"), ("water", "water_l"), ("adpe", "adpe_kgsbeq"), ("pe", "pe_mj")):
            f = per_kg.get((r.material, q))
            rec[col] = float(r.kg) * f if f is not None else float("nan")
        recs.append(rec)
    return pd.DataFrame.from_records(recs, columns=["material", "kg", "p5", "p95", "recovered_kg", "rock_kg", "producers", "gwp_kgco2e",
                                                    "water_l", "adpe_kgsbeq", "pe_mj"])


def risk_table(risk) -> "Any":
    """The flagged shares of the metals, largest flagged mass first: material, scheme, kg, flagged_share [%],
    countries ("CD 42%, RW 17%"), statement."""
    import pandas as pd

    cols = ["material", "scheme", "kg", "flagged_pct", "countries", "statement"]
    if risk is None or not len(risk):
        return pd.DataFrame(columns=cols)
    df = risk.sort_values("flagged_kg", ascending=False)
    return pd.DataFrame({"material": df["material"], "scheme": df["scheme"], "kg": df["kg"],
                         "flagged_pct": df["flagged_share"] * 100,
                         "countries": [", ".join(f"{c['country']} {c['share'] * 100:.0f}%" for c in cs) for cs in df["countries"]],
                         "statement": df["statement"]}, columns=cols).reset_index(drop=True)


def labor_table(labor) -> "Any":
    """The annotation phases with their ranges as text: phase, task, country, hours, usd, local, ppp, minimum,
    ratio, value_pct, flags (health findings and notes joined)."""
    import pandas as pd

    cols = ["phase", "task", "country", "hours", "usd", "local", "ppp", "minimum", "ratio", "value_pct", "flags"]
    if labor is None or not len(labor):
        return pd.DataFrame(columns=cols)
    ok = lambda v: v is not None and v == v  # noqa: E731
    rng = lambda v, lo, hi: f"{num(v)} ({num(lo)}-{num(hi)})" if ok(v) else ""  # noqa: E731
    recs = [dict(phase=r.phase, task=r.task, country=r.country,
                 hours=rng(r.worker_hours, r.worker_hours_p5, r.worker_hours_p95),
                 usd=rng(r.pay_usd_per_hour, r.pay_usd_per_hour_p5, r.pay_usd_per_hour_p95),
                 local=f"{num(r.pay_local_per_hour)} {r.local_currency}" if ok(r.pay_local_per_hour) else "",
                 ppp=num(r.pay_ppp_per_hour) if ok(r.pay_ppp_per_hour) else "",
                 minimum=f"{num(r.minimum_wage_per_hour)} ({r.minimum_wage_basis})" if ok(r.minimum_wage_per_hour)
                 else r.minimum_wage_basis,
                 ratio=rng(r.ratio_to_minimum, r.ratio_to_minimum_p5, r.ratio_to_minimum_p95),
                 value_pct=num(r.value_share * 100) if ok(r.value_share) else "",
                 flags="; ".join(list(r.health_flags) + list(r.notes))) for r in labor.itertuples()]
    return pd.DataFrame.from_records(recs, columns=cols)


def drivers(sensitivity, criterion: str = "gwp", top: int = 10) -> "Any":
    """The factors that drive a criterion's range: the ``top`` Sobol total-order indices [share of variance]."""
    if sensitivity is None or not len(sensitivity):
        return sensitivity
    df = sensitivity[sensitivity["criterion"] == criterion]
    return df.sort_values("total_order", ascending=False).head(top).reset_index(drop=True)


def measured_runs(system):
    """The measured runs the system's training phases fold in, read with the estimate (never from the ledger here).

    Returns a DataFrame (phase, run_id, name, status, started, ended, component, energy_kwh [kWh], method) -- empty
    when no training phase names a ``run``.
    """
    from ..model.results import measured_runs_frame

    return measured_runs_frame(system.runs)


def training_placement(est):
    """The training phases beside published runs (:func:`footprint.catalogue.place_training`), or None when no
    training phase gives ``parameters`` and ``tokens``.

    Returns
    -------
    pandas.DataFrame
        source ("this system" / "published"), run, phase, parameters, tokens, energy_kwh, co2e_kg (+ p5/p95 for this
        system), energy_pj_per_parameter_token, citation ...
    """
    from ..catalogue import place_training

    if not any(p.parameters is not None and p.tokens is not None for p in est.system.training):
        return None
    return place_training(est)


def assumptions_table(assumptions) -> "Any":
    """Every factor and user value the estimate used: factor_id, value, unit, low, high, distribution,
    source, year, license, url, fallback_level, note (sorted by factor id)."""
    if not len(assumptions):
        return assumptions
    return assumptions.sort_values("factor_id").reset_index(drop=True)
