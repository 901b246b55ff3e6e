"""The figure of a comparison: grouped bars of each scenario's totals with their 90% range."""

from __future__ import annotations

from ..units import CRITERIA

__all__ = ["compare_figure"]


def compare_figure(df, criteria: tuple[str, ...] = ("gwp", "energy", "water"), max_scenarios: int = 60):
    """Grouped bars of each scenario's totals with their 90% range as error bars (one subplot per
    criterion; the first ``max_scenarios`` scenarios)."""
    import html

    from plotly.subplots import make_subplots

    crits = [c for c in criteria if c in set(df["criterion"])]
    names = list(dict.fromkeys(df["scenario"]))[:max_scenarios]
    fig = make_subplots(rows=len(crits), cols=1, shared_xaxes=True, vertical_spacing=0.06,
                        subplot_titles=[f"{c} [{CRITERIA[c]}]" for c in crits])
    colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9"]
    for k, c in enumerate(crits):
        d = df[(df["criterion"] == c) & (df["scenario"].isin(names))]
        fig.add_bar(row=k + 1, col=1, x=[html.escape(str(n)) for n in d["scenario"]], y=d["value"].tolist(),
                    name=c, marker_color=colours[k % len(colours)],
                    error_y=dict(type="data", symmetric=False, array=(d["p95"] - d["value"]).clip(lower=0).tolist(),
                                 arrayminus=(d["value"] - d["p5"]).clip(lower=0).tolist()),
                    hovertemplate="%{x}<br>%{y:.4g}<extra>" + c + "</extra>")
    fig.update_layout(template="plotly_white", height=280 * len(crits) + 120, showlegend=False, barmode="group",
                      title="Scenarios: totals with their 90% range" if (df["p95"] > df["p5"]).any() else "Scenarios: totals")
    return fig
