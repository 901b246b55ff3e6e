"""Plotly figures of a lifecycle report.

Each function takes the tables of :mod:`footprint.report.data` and returns a ``plotly.graph_objects.Figure``.
Every label that can come from the user (system, phase, fleet and run names) is passed through
:func:`esc` (``html.escape``): plotly renders titles, labels and hover text as a small subset of HTML,
and shows the escaped entities as the literal characters.
"""

from __future__ import annotations

import html

import numpy as np

from ..units import CRITERIA

__all__ = ["esc", "stages_figure", "sankey_figure", "timeline_figure", "materials_figure", "risk_figure", "water_figure",
           "distribution_figure", "drivers_figure", "placement_figure"]

#: One colour per life-cycle stage (colour-blind safe, Okabe-Ito).
STAGE_COLOURS = {"extraction": "#E69F00", "manufacture": "#56B4E9", "transport": "#009E73", "use": "#0072B2",
                 "end_of_life": "#CC79A7"}

_LAYOUT = dict(template="plotly_white", margin=dict(l=60, r=30, t=60, b=50), height=420)


def esc(text) -> str:
    """``html.escape`` of any value shown in a figure (quotes included)."""
    return html.escape(str(text), quote=True)


def _go():
    import plotly.graph_objects as go

    return go


def stages_figure(matrix):
    """Stacked bars: each criterion's total split by life-cycle stage [% of the criterion's total];
    the hover gives the absolute value [criterion's unit]."""
    go = _go()
    crits = list(matrix.columns)
    totals = matrix.sum(axis=0).replace(0, np.nan)
    fig = go.Figure()
    for stage, row in matrix.iterrows():
        share = (row / totals * 100).fillna(0.0)
        fig.add_bar(name=esc(stage), x=[esc(c) for c in crits], y=share.values.tolist(),
                    marker_color=STAGE_COLOURS.get(stage),
                    customdata=[[float(v), CRITERIA.get(c, "")] for v, c in zip(row.values, crits)],
                    hovertemplate="%{x}: %{y:.1f}% (%{customdata[0]:.4g} %{customdata[1]})<extra>" + esc(stage) + "</extra>")
    fig.update_layout(barmode="stack", title="Life-cycle stages of each criterion", yaxis_title="% of the criterion's total",
                      legend_title="stage", **_LAYOUT)
    return fig


def sankey_figure(links, unit: str = "kgCO2e"):
    """Sankey of a criterion from components to stages to the total."""
    go = _go()
    labels = list(dict.fromkeys([*links["source"], *links["target"]]))
    index = {name: i for i, name in enumerate(labels)}
    colours = [STAGE_COLOURS.get(name, "#999999") for name in labels]
    fig = go.Figure(go.Sankey(
        valueformat=".4g", valuesuffix=f" {unit}",
        node=dict(label=[esc(x) for x in labels], color=colours, pad=18, thickness=16),
        link=dict(source=[index[s] for s in links["source"]], target=[index[t] for t in links["target"]],
                  value=links["value"].astype(float).tolist()),
    ))
    fig.update_layout(title=f"Where the carbon comes from [{unit}]: components -> stages -> total", **_LAYOUT)
    return fig


def timeline_figure(timeline):
    """Cumulative use-stage gwp of each phase over time [tCO2e], stacked areas."""
    go = _go()
    fig = go.Figure()
    for phase, df in timeline.groupby("phase", sort=False):
        fig.add_scatter(x=df["day"].tolist(), y=(df["gwp_kgco2e"] / 1000.0).tolist(), name=esc(phase),
                        mode="lines", stackgroup="use",
                        hovertemplate="day %{x:.0f}: %{y:.4g} tCO2e<extra>" + esc(phase) + "</extra>")
    fig.update_layout(title="Use phases over time (cumulative carbon)", xaxis_title="day", yaxis_title="tCO2e",
                      legend_title="phase", **_LAYOUT)
    return fig


def risk_figure(risk):
    """Share of each metal's mass from countries a risk scheme names [%] (the report's risk table), one bar per metal
    and scheme."""
    go = _go()
    fig = go.Figure()
    colours = {"ilab_child_labor": "#D55E00", "ilab_forced_labor": "#CC79A7", "dodd_frank_1502": "#0072B2",
               "eu_cahra": "#009E73"}
    for scheme, d in risk.groupby("scheme", sort=True):
        fig.add_bar(name=esc(scheme), x=[esc(m) for m in d["material"]], y=d["flagged_pct"].tolist(),
                    marker_color=colours.get(scheme, "#999999"), customdata=[[esc(t)] for t in d["statement"]],
                    hovertemplate="%{customdata[0]}<extra></extra>")
    fig.update_layout(title="Share of each metal from countries on a risk list (world mine mix) [%]", barmode="group",
                      yaxis_title="% of the metal's mass", yaxis_range=[0, 100], **_LAYOUT)
    return fig


def materials_figure(mats):
    """Metals allocated to the system [kg], log scale, with their 90% range."""
    go = _go()
    df = mats[mats["kg"] > 0]
    fig = go.Figure(go.Bar(
        x=[esc(m) for m in df["material"]], y=df["kg"].tolist(),
        error_y=dict(type="data", symmetric=False, array=(df["p95"] - df["kg"]).clip(lower=0).tolist(),
                     arrayminus=(df["kg"] - df["p5"]).clip(lower=0).tolist()),
        customdata=[[esc(p)] for p in df["producers"]],
        hovertemplate="%{x}: %{y:.3g} kg<br>main producers: %{customdata[0]}<extra></extra>",
        marker_color="#8c6d31"))
    fig.update_layout(title="Metals in the hardware allocated to the system [kg]", yaxis_type="log", yaxis_title="kg",
                      **_LAYOUT)
    return fig


def water_figure(split):
    """Water consumed by where it is consumed [m3]."""
    go = _go()
    err = {}
    if "p5" in split.columns:
        err = dict(error_y=dict(type="data", symmetric=False,
                                array=((split["p95"] - split["water_l"]).clip(lower=0) / 1000.0).tolist(),
                                arrayminus=((split["water_l"] - split["p5"]).clip(lower=0) / 1000.0).tolist()))
    fig = go.Figure(go.Bar(
        x=[esc(x) for x in split["label"]], y=(split["water_l"] / 1000.0).tolist(), **err,
        text=[f"{s * 100:.1f}%" for s in split["share"]], textposition="auto",
        marker_color=["#56B4E9", "#0072B2", "#009E73", "#E69F00"][: len(split)],
        hovertemplate="%{x}: %{y:.4g} m3<extra></extra>"))
    fig.update_layout(title="Water: on site, at the power plants, in the fabs and mines [m3]", yaxis_title="m3", **_LAYOUT)
    return fig


def distribution_figure(draws: dict, total):
    """Histogram of the Monte Carlo draws of the gwp total [tCO2e], with the point value and the 90% range."""
    go = _go()
    x = np.asarray(draws["gwp"], dtype=float) / 1000.0
    row = total.set_index("criterion").loc["gwp"]
    fig = go.Figure(go.Histogram(x=x.tolist(), nbinsx=60, marker_color="#0072B2", name="draws",
                                 hovertemplate="%{x} tCO2e: %{y} draws<extra></extra>"))
    for v, name, dash in ((row["value"], "point estimate", "solid"), (row["p5"], "p5", "dash"), (row["p95"], "p95", "dash")):
        fig.add_vline(x=float(v) / 1000.0, line_dash=dash, line_color="#D55E00", annotation_text=name)
    fig.update_layout(title=f"Distribution of the carbon total ({len(x):,} draws) [tCO2e]", xaxis_title="tCO2e",
                      yaxis_title="draws", showlegend=False, **_LAYOUT)
    return fig


def drivers_figure(df, criterion: str = "gwp"):
    """Sobol total-order index of the factors that drive a criterion's range [share of variance]."""
    go = _go()
    d = df.iloc[::-1]
    fig = go.Figure(go.Bar(x=d["total_order"].tolist(), y=[esc(f) for f in d["factor_id"]], orientation="h",
                           marker_color="#CC79A7", hovertemplate="%{y}: %{x:.2f}<extra></extra>"))
    fig.update_layout(title=f"What drives the {criterion} range (Sobol total-order index)", xaxis_title="share of variance",
                      **{**_LAYOUT, "margin": dict(l=260, r=30, t=60, b=50)})
    return fig


def placement_figure(df):
    """Training phases beside published runs: energy per parameter-token [pJ] vs carbon [tCO2e], log-log.

    ``df`` is :func:`footprint.catalogue.place_training`'s table (source, run, phase,
    energy_pj_per_parameter_token, co2e_kg and, for this system, co2e_p5_kg / co2e_p95_kg).
    """
    go = _go()
    d = df[df["energy_pj_per_parameter_token"].notna() & df["co2e_kg"].notna() & (df["co2e_kg"] > 0)]
    fig = go.Figure()
    pub = d[d["source"] != "this system"]
    fig.add_scatter(x=pub["energy_pj_per_parameter_token"].astype(float).tolist(),
                    y=(pub["co2e_kg"].astype(float) / 1000.0).tolist(), mode="markers", name="published runs",
                    text=[esc(n) for n in pub["run"]], marker=dict(size=9, color="#999999"),
                    hovertemplate="%{text}<br>%{x:.3g} pJ per parameter-token<br>%{y:.4g} tCO2e<extra></extra>")
    ours = d[d["source"] == "this system"]
    y = ours["co2e_kg"].astype(float) / 1000.0
    err = {}
    if "co2e_p5_kg" in ours.columns:
        err = dict(error_y=dict(type="data", symmetric=False,
                                array=(ours["co2e_p95_kg"].astype(float) / 1000.0 - y).clip(lower=0).tolist(),
                                arrayminus=(y - ours["co2e_p5_kg"].astype(float) / 1000.0).clip(lower=0).tolist()))
    fig.add_scatter(x=ours["energy_pj_per_parameter_token"].astype(float).tolist(), y=y.tolist(), mode="markers",
                    name="this system", text=[esc(n) for n in ours["phase"]],
                    marker=dict(size=15, color="#D55E00", symbol="diamond"), **err,
                    hovertemplate="%{text} (this system)<br>%{x:.3g} pJ per parameter-token<br>%{y:.4g} tCO2e<extra></extra>")
    fig.update_layout(title="Training beside published runs", xaxis_type="log", yaxis_type="log",
                      xaxis_title="energy per parameter-token [pJ]", yaxis_title="carbon of the run [tCO2e]", **_LAYOUT)
    return fig
