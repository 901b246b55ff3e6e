"""The fleet report as one self-contained HTML file: plotly.js embedded once (no network), each figure drawn by
:func:`footprint.report.html.figure_script` (its JSON escaped so that no string closes the script), every text from
the job table or the spec passed through ``html.escape``."""

from __future__ import annotations

import html

import numpy as np

from .. import __version__

__all__ = ["render", "figures"]

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px} h1{font-size:1.8em;margin:.2em 0}
h2{margin-top:1.6em;border-bottom:2px solid #dde2ea;padding-bottom:.2em} .meta,.note{color:#5a6372}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px}
.card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card .v{font-size:1.5em;font-weight:600} .card .r,.card .l{color:#5a6372;font-size:.9em}
.plot{background:#fff;border-radius:8px;margin:12px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
table{border-collapse:collapse;background:#fff;font-size:.85em;margin:8px 0;width:100%}
th,td{border:1px solid #dde2ea;padding:3px 6px;text-align:left;vertical-align:top} td.n{text-align:right;white-space:nowrap}
th{background:#eef1f5}
"""

_LAYOUT = dict(template="plotly_white", margin=dict(l=60, r=30, t=60, b=60), height=420)
_USE, _EMB = "#0072B2", "#E69F00"


def esc(x) -> str:
    return html.escape(str(x), quote=True)


def _num(x) -> str:
    from ..report.fmt import num

    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        return f"{int(x):,}"
    return num(x)


def _err(df, k, scale: float = 1.0):
    """Plotly error bars from the p5/p95 columns of quantity ``k`` around its point value (x ``scale``)."""
    if f"{k}_p5" not in df:
        return None
    return dict(type="data", symmetric=False, array=((df[f"{k}_p95"] - df[k]).clip(lower=0) * scale).tolist(),
                arrayminus=((df[k] - df[f"{k}_p5"]).clip(lower=0) * scale).tolist(), color="#444")


def _group_label(df, by) -> list[str]:
    return [" / ".join(esc(v) if v != "" else "(none)" for v in row) for row in df[list(by)].itertuples(index=False)]


def figures(rep) -> dict:
    """{name: plotly Figure} of a :class:`~footprint.fleet.report.FleetReport`."""
    import plotly.graph_objects as go

    t = rep.tables
    out = {}
    m = t["months"]
    fig = go.Figure()
    fig.add_bar(name="electricity", x=[esc(x) for x in m["month"]], y=(m["gwp_use_kg"] / 1e3).tolist(), marker_color=_USE)
    fig.add_bar(name="embodied share", x=[esc(x) for x in m["month"]], y=(m["gwp_embodied_kg"] / 1e3).tolist(),
                marker_color=_EMB)
    err = _err(m, "gwp_kg", 1e-3)
    if err:
        fig.add_scatter(name="total, 90% range", x=[esc(x) for x in m["month"]], y=(m["gwp_kg"] / 1e3).tolist(),
                        mode="markers", marker=dict(color="#222", size=7), error_y=err)
    fig.update_layout(barmode="stack", title="Carbon by month [tCO2e] (month of the job's start, UTC)",
                      yaxis_title="tCO2e", xaxis_type="category", **_LAYOUT)
    out["months"] = fig
    g = t["groups"].head(20).iloc[::-1]
    if len(rep.by):
        fig = go.Figure(go.Bar(x=(g["gwp_kg"] / 1e3).tolist(), y=_group_label(g, rep.by), orientation="h",
                               marker_color=_USE, error_x=_err(g, "gwp_kg", 1e-3)))
        fig.update_layout(title=f"Top groups by carbon [tCO2e] ({esc(', '.join(rep.by))})", xaxis_title="tCO2e",
                          **dict(_LAYOUT, height=max(420, 24 * len(g) + 120), margin=dict(l=260, r=30, t=60, b=50)))
        out["groups"] = fig
    s = t["sources"]
    labels = ["measured", "modelled: GPUs + host", "modelled: CPUs", "modelled: memory"]
    values = [float(s.loc[0, "it_kwh"]), float(s.loc[1, "gpu_kwh"]), float(s.loc[1, "cpu_kwh"]),
              float(s.loc[1, "memory_kwh"])]
    fig = go.Figure(go.Pie(labels=labels, values=values, hole=0.45, sort=False,
                           marker=dict(colors=["#009E73", "#0072B2", "#56B4E9", "#CC79A7"])))
    fig.update_layout(title="IT energy: measured and modelled [kWh]", **_LAYOUT)
    out["sources"] = fig
    st = t["states"]
    fig = go.Figure(go.Bar(x=[esc(x) for x in st["state_class"]], y=(st["gwp_kg"] / 1e3).tolist(), marker_color=_USE,
                           customdata=st["jobs"].tolist(), error_y=_err(st, "gwp_kg", 1e-3),
                           hovertemplate="%{x}: %{y:.4g} tCO2e, %{customdata:,} jobs<extra></extra>"))
    fig.update_layout(title="Carbon of completed, failed and cancelled jobs [tCO2e]", yaxis_title="tCO2e", **_LAYOUT)
    out["states"] = fig
    ratio = np.where(m["gwp_use_annual_kg"] > 0, m["gwp_use_kg"] / m["gwp_use_annual_kg"].where(
        m["gwp_use_annual_kg"] > 0, 1.0), 1.0)
    fig = go.Figure()
    fig.add_scatter(x=[esc(x) for x in m["month"]], y=ratio.tolist(), mode="lines+markers", name="intensity met",
                    customdata=m["hourly_jobs"].tolist(),
                    hovertemplate="%{x}: %{y:.3f} x the annual factor (%{customdata:,} jobs hourly)<extra></extra>")
    fig.add_hline(y=1.0, line_dash="dot", annotation_text="annual factor")
    fig.update_layout(title="Grid intensity the jobs met, relative to the annual factor (energy-weighted)",
                      yaxis_title="ratio to the annual intensity", xaxis_type="category", **_LAYOUT)
    out["hourly"] = fig
    w = t["whatifs"]
    fig = go.Figure(go.Bar(x=["Flexible Start", "Pause and Resume"], y=(w["saving_kg"] / 1e3).tolist(),
                           marker_color="#009E73", error_y=dict(type="data", symmetric=False,
                                                                array=((w["p95"] - w["saving_kg"]) / 1e3).fillna(0).clip(lower=0).tolist(),
                                                                arrayminus=((w["saving_kg"] - w["p5"]) / 1e3).fillna(0).clip(lower=0).tolist())))
    fig.update_layout(title=f"What carbon-aware scheduling could have saved, upper bounds [tCO2e] ({rep.window_h} h window)",
                      yaxis_title="tCO2e", **_LAYOUT)
    out["whatifs"] = fig
    return out


def _table(df, cols, numeric=(), limit=None) -> str:
    if df is None or not len(df):
        return '<p class="note">None.</p>'
    head = "".join(f"<th>{esc(h)}</th>" for _, h in cols)
    rows = []
    for rec in (df.head(limit) if limit else df).to_dict(orient="records"):
        cells = [f'<td class="n">{esc(_num(rec.get(c)))}</td>' if c in numeric else f"<td>{esc(rec.get(c, ''))}</td>"
                 for c, _ in cols]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cards(rep) -> str:
    t = rep.total
    share = float(t["it_measured_kwh"]) / max(float(t["it_kwh"]), 1e-300)
    items = [("Carbon, life cycle", "gwp_kg", "kgCO2e"), ("Energy at the meter", "energy_kwh", "kWh"),
             ("Water consumed", "water_l", "L"), ("Embodied share", "gwp_embodied_kg", "kgCO2e")]
    out = []
    for label, k, unit in items:
        rng = (f"90% range {esc(_num(t[f'{k}_p5']))} to {esc(_num(t[f'{k}_p95']))}" if f"{k}_p5" in t
               else "point estimate")
        out.append(f'<div class="card" data-quantity="{esc(k)}" data-value="{float(t[k])!r}"><div class="l">{esc(label)}'
                   f'</div><div class="v">{esc(_num(t[k]))} {esc(unit)}</div><div class="r">{rng}</div></div>')
    out.append(f'<div class="card"><div class="l">Jobs</div><div class="v">{esc(_num(t["jobs"]))}</div>'
               f'<div class="r">{share:.0%} of the IT energy measured</div></div>')
    return '<div class="cards">' + "".join(out) + "</div>"


def render(rep) -> str:
    """The report as one HTML document."""
    from plotly.offline import get_plotlyjs

    from ..report.html import figure_script

    figs = {k: figure_script(f"fig-{k}", f) for k, f in figures(rep).items()}
    t = dict(rep.tables)
    for name in ("months", "groups", "states"):
        df = t[name] = t[name].copy()
        df["gwp_range"] = (df["gwp_kg_p5"].map(_num) + " to " + df["gwp_kg_p95"].map(_num)) if "gwp_kg_p5" in df else ""
    qcols = [("gwp_kg", "carbon [kgCO2e]"), ("gwp_range", "90% range"), ("gwp_use_kg", "electricity [kgCO2e]"),
             ("gwp_embodied_kg", "embodied [kgCO2e]"), ("energy_kwh", "energy [kWh]"), ("water_l", "water [L]")]
    qnum = {"gwp_kg", "gwp_use_kg", "gwp_embodied_kg", "energy_kwh", "water_l"}
    head = rep.headline()
    meta = (f"footprint {esc(__version__)} -- engine {esc(rep.engine)} -- {int(rep.total['jobs']):,} jobs from "
            f"{esc(rep.jobs)} -- " + (f"{rep.samples:,} Monte Carlo draws, seed {esc(rep.seed)}" if rep.samples
                                      else "point values (no draws)"))
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(rep.name)}: fleet report</title>", f"<style>{_CSS}</style>",
        f'<script type="text/javascript">{get_plotlyjs()}</script>', "</head><body><main>",
        f'<h1 id="cluster-name">{esc(rep.name)}</h1>', f'<p class="meta">Fleet accounting. {meta}</p>',
        '<section id="totals"><h2>Totals</h2>', _cards(rep),
        _table(head, [("quantity", "quantity"), ("value", "point"), ("p5", "p5"), ("p50", "p50"), ("p95", "p95"),
                      ("unit", "unit"), ("what", "what")], numeric={"value", "p5", "p50", "p95"}),
        '<p class="note">Ranges: 90% intervals of Monte Carlo draws over the factors (power model, PUE, grid, water, '
        "embodied); measured energy is taken as measured.</p></section>",
        '<section id="months"><h2>By month</h2>', figs["months"],
        _table(t["months"], [("month", "month"), ("jobs", "jobs")] + qcols, numeric={"jobs"} | qnum),
        "</section>",
    ]
    if "groups" in figs:
        parts += ['<section id="groups"><h2>Top groups</h2>', figs["groups"],
                  _table(t["groups"], [(k, k) for k in rep.by] + [("jobs", "jobs"), ("measured_jobs", "measured")]
                         + qcols, numeric={"jobs", "measured_jobs"} | qnum, limit=50),
                  f'<p class="note">The 50 largest of {len(t["groups"]):,} groups; all of them in --csv / --parquet.</p>'
                  "</section>"]
    parts += [
        '<section id="sources"><h2>Measured and modelled energy</h2>', figs["sources"],
        _table(t["sources"], [(c, c) for c in t["sources"].columns], numeric=set(t["sources"].columns) - {"energy"}),
        "</section>",
        '<section id="states"><h2>Completed, failed and cancelled jobs</h2>', figs["states"],
        _table(t["states"], [("state_class", "jobs that"), ("jobs", "jobs")] + qcols,
               numeric={"jobs"} | qnum), "</section>",
        '<section id="hourly"><h2>Hourly grid intensity</h2>', figs["hourly"],
        _table(t["hourly"], [(c, c) for c in t["hourly"].columns],
               numeric={"jobs", "hourly_jobs", "annual_jobs", "annual_kgco2e_per_kwh", "met_kgco2e_per_kwh",
                        "gwp_use_kg", "gwp_use_annual_kg"}),
        '<p class="note">Hourly intensity is MODELLED: a month x UTC-hour profile of the zone (EIA-930 2022), scaling '
        "the data center's annual factor; jobs elsewhere use the annual factor.</p></section>",
        '<section id="whatifs"><h2>Carbon-aware scheduling: what could have been saved</h2>', figs["whatifs"],
        _table(t["whatifs"], [(c, c) for c in t["whatifs"].columns], numeric={"saving_kg", "p5", "p95", "share_of_use"}),
        "</section>",
        '<section id="notes"><h2>Notes</h2><ul>', *[f"<li>{esc(n)}</li>" for n in rep.notes], "</ul></section>",
        '<section id="assumptions"><h2>Factors and sources</h2>',
        _table(t["assumptions"], [(c, c) for c in t["assumptions"].columns], numeric={"value", "low", "high"}),
        "</section></main></body></html>",
    ]
    return "\n".join(parts)
