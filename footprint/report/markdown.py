r"""The Markdown report: tables for a pull request or a model card (no figures).

Every user string is a cell (``_cell``): HTML-escaped (GitHub renders inline HTML), Markdown's inline
markup characters backslash-escaped (``|`` would end a table cell, ``*``, ``_``, backticks, brackets ... would
format or link), and control characters (carriage returns, newlines, escape sequences) shown as ``\xNN``, so a
name can neither split a table row nor start a heading.
"""

from __future__ import annotations

import html

from .. import __version__
from ..text import printable
from . import data
from .fmt import num, scaled

__all__ = ["render_markdown"]


#: Markdown's inline markup characters, backslash-escaped in cells (links and images need "[", so "(" and "!" may stay).
_MARKUP = set("\\`*_{}[]|~")


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    text = "".join("\\" + c if c in _MARKUP else c for c in printable(v))
    return html.escape(text, quote=False)


def _md_table(df, columns: list[tuple[str, str]], numeric=frozenset(), limit: int | None = None) -> str:
    if df is None or not len(df):
        return "_None._\n"
    lines = ["| " + " | ".join(h for _, h in columns) + " |",
             "|" + "|".join("---:" if c in numeric else "---" for c, _ in columns) + "|"]
    for rec in (df.head(limit) if limit else df).to_dict(orient="records"):
        lines.append("| " + " | ".join(num(rec.get(c)) if c in numeric else _cell(rec.get(c)) for c, _ in columns) + " |")
    return "\n".join(lines) + "\n"


def render_markdown(rep) -> str:
    """The report as Markdown (string)."""
    est, t = rep.estimate, rep.tables
    out = [f"# {_cell(rep.name)}: lifecycle footprint", "",
           f"footprint {__version__}, {est.samples:,} Monte Carlo draws" + (f", seed {est.seed}" if est.seed is not None else "")
           + ". Headline = median of the draws, range = their 5th-95th percentiles, point estimate = every factor at "
           "its central value.", "", "## Totals", ""]
    ranged = est.samples > 0
    lines = ["| criterion | " + ("median | 90% range | point estimate" if ranged else "point estimate") + " | unit |",
             "|---|---:|" + ("---:|---:|" if ranged else "") + "---|"]
    for r in t["headline"].itertuples():
        head = r.p50 if ranged else r.value
        v, unit = scaled(head, r.unit)
        lo, _ = scaled(r.p5, r.unit, head)
        hi, _ = scaled(r.p95, r.unit, head)
        pt, _ = scaled(r.value, r.unit, head)
        lines.append(f"| {r.criterion} | {num(v)} | " + (f"{num(lo)} - {num(hi)} | {num(pt)} | " if ranged else "")
                     + f"{unit} |")
    out += lines + [""]
    out += [f"Note: {t_}." for t_ in data.outside_range(est.total)] + ([""] if data.outside_range(est.total) else [])
    eq = t["equivalents"]
    if eq is not None and len(eq):
        out += ["Everyday equivalents (point values):", ""]
        out += [f"- {num(r.count)} x {r.item.replace('-', ' ')} ({r.criterion}; source: [{_cell(r.source)}]({r.url}))"
                for r in eq.itertuples()]
        out.append("")
    units = est.total.set_index("criterion")["unit"].to_dict()
    m = t["stages"]
    out += ["## Life-cycle stages", "",
            _md_table(m.reset_index(), [("stage", "stage")] + [(c, f"{c} [{units.get(c, '')}]") for c in m.columns],
                      numeric=set(m.columns))]
    use = est.results[est.results.stage == "use"].pivot_table(index="phase", columns="criterion", values="value",
                                                             aggfunc="sum", fill_value=0.0)
    if len(use):
        cols = [c for c in ("gwp", "energy", "water") if c in use.columns]
        out += ["## Use phases", "", _md_table(use.reset_index(), [("phase", "phase")] + [(c, f"{c} [{units[c]}]") for c in cols],
                                               numeric=set(cols))]
    out += ["## Use stage: where the inputs came from", "",
            _md_table(t["use_inputs"], [("of", "of"), ("input", "input"), ("value", "value"), ("unit", "unit"),
                                        ("source", "from")], numeric={"value"})]
    out += ["## Water", "", _md_table(t["water"], [("label", "where"), ("water_l", "water [L]"), ("p5", "p5"),
                                                   ("p95", "p95"), ("share", "share")],
                                      numeric={"water_l", "p5", "p95", "share"})]
    out += ["## Materials", "", _md_table(t["materials"], [("material", "metal"), ("kg", "kg"),
                                                           ("recovered_kg", "recovered [kg]"), ("rock_kg", "rock moved [kg]"),
                                                           ("producers", "main producers"),
                                                           ("gwp_kgco2e", "gwp [kgCO2e]"), ("adpe_kgsbeq", "adpe [kgSbeq]")],
                                          numeric={"kg", "recovered_kg", "rock_kg", "gwp_kgco2e", "adpe_kgsbeq"}, limit=10)]
    if t.get("sci") is not None:
        out += ["## Software Carbon Intensity", "",
                "SCI = (O + M) per R (ISO/IEC 21031:2024); O location-based. Consumer boundary: the serving phases; "
                "provider: training through deployment.", "",
                _md_table(t["sci"], [("boundary", "boundary"), ("units", "R"), ("unit", "unit"),
                                     ("operational_g", "O per unit [gCO2e]"), ("embodied_g", "M per unit [gCO2e]"),
                                     ("sci_g", "SCI [gCO2e per unit]"), ("sci_p5_g", "p5"), ("sci_p95_g", "p95")],
                          numeric={"units", "operational_g", "embodied_g", "sci_g", "sci_p5_g", "sci_p95_g"})]
    if len(t["risk"]):
        out += ["## Supply-chain risk of the metals", "",
                "Share of each metal from countries a list names, on the world mine mix (USGS MCS 2025); not a "
                "probability that abuse occurred.", "",
                _md_table(t["risk"], [("material", "metal"), ("scheme", "list"), ("kg", "kg"),
                                      ("flagged_pct", "share from listed countries [%]"), ("countries", "listed producers")],
                          numeric={"kg", "flagged_pct"}, limit=15)]
    if len(t["labor"]):
        out += ["## Hidden labour", "",
                _md_table(t["labor"], [("phase", "work"), ("task", "task"), ("country", "country"),
                                       ("hours", "worker-hours [h]"), ("usd", "pay [USD/h]"), ("local", "pay [local/h]"),
                                       ("ppp", "pay [PPP intl$/h]"), ("minimum", "minimum wage [local/h]"),
                                       ("ratio", "ratio to the minimum"), ("flags", "health findings and notes")])]
    if t["drivers"] is not None and len(t["drivers"]):
        out += ["## What drives the carbon range", "",
                _md_table(t["drivers"], [("factor_id", "factor"), ("total_order", "Sobol total-order")], numeric={"total_order"})]
    mr = t["measured_runs"]
    if len(mr):
        cols = [(c, c) for c in ("phase", "run_id", "name", "energy_kwh", "method") if c in mr.columns]
        out += ["## Measured runs", "", _md_table(mr, cols, numeric={"energy_kwh"})]
    if t["placement"] is not None and len(t["placement"]):
        pl = t["placement"]
        out += ["## Training beside published runs", "",
                _md_table(pl, [("source", "source"), ("run", "run"), ("phase", "phase"), ("parameters", "parameters"), ("tokens", "tokens"), ("energy_kwh", "energy [kWh]"), ("co2e_kg", "co2e [kgCO2e]"), ("energy_pj_per_parameter_token", "pJ per parameter-token"), ("citation", "source of the figures")],
                          numeric={"parameters", "tokens", "energy_kwh", "co2e_kg", "energy_pj_per_parameter_token"})]
    if est.notes:
        out += ["## Notes", ""] + [f"- {_cell(n)}" for n in est.notes] + [""]
    out += ["## Assumptions and sources", "",
            f"<details><summary>{len(t['assumptions'])} factors and user inputs</summary>", "",
            _md_table(t["assumptions"], [("factor_id", "factor"), ("value", "value"), ("unit", "unit"), ("low", "low"),
                                         ("high", "high"), ("source", "source"), ("license", "licence")],
                      numeric={"value", "low", "high"}), "</details>", ""]
    return "\n".join(out)
