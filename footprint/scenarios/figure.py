"""The figure of a comparison: grouped bars of each scenario's totals with their 90% range."""

from __future__ import annotations

from ..units import CRITERIA

__all__ = ["compare_figure", "scenario_hours"]


def scenario_hours(df):
    """{scenario: busy accelerator-hours [h] summed over its phases} from the ``device_hours[phase]`` columns of a
    comparison (empty when no phase has them)."""
    cols = [c for c in df.columns if c.startswith("device_hours[")]
    if not cols:
        return {}
    first = df.drop_duplicates("scenario").set_index("scenario")
    return first[cols].fillna(0.0).sum(axis=1).to_dict()


def compare_figure(df, criteria: tuple[str, ...] = ("gwp", "energy", "water"), max_scenarios: int = 60):
    """Grouped bars of each scenario's totals with their 90% range as error bars (one subplot per
    criterion; the first ``max_scenarios`` scenarios), and each scenario's busy accelerator-hours when the
    comparison has them (faster hardware: fewer hours, more embodied per hour)."""
    import html

    from plotly.subplots import make_subplots

    crits = [c for c in criteria if c in set(df["criterion"])]
    names = list(dict.fromkeys(df["scenario"]))[:max_scenarios]
    hours = scenario_hours(df)
    fig = make_subplots(rows=len(crits) + bool(hours), cols=1, shared_xaxes=True, vertical_spacing=0.06,
                        subplot_titles=[f"{c} [{CRITERIA[c]}]" for c in crits]
                        + (["busy accelerator-hours [h] (the work's device-hours on each scenario's hardware)"] if hours else []))
    colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9"]
    for k, c in enumerate(crits):
        d = df[(df["criterion"] == c) & (df["scenario"].isin(names))]
        fig.add_bar(row=k + 1, col=1, x=[html.escape(str(n)) for n in d["scenario"]], y=d["value"].tolist(),
                    name=c, marker_color=colours[k % len(colours)],
                    error_y=dict(type="data", symmetric=False, array=(d["p95"] - d["value"]).clip(lower=0).tolist(),
                                 arrayminus=(d["value"] - d["p5"]).clip(lower=0).tolist()),
                    hovertemplate="%{x}<br>%{y:.4g}<extra>" + c + "</extra>")
    if hours:
        fig.add_bar(row=len(crits) + 1, col=1, x=[html.escape(str(n)) for n in names], y=[hours[n] for n in names],
                    name="device-hours", marker_color="#999999", hovertemplate="%{x}<br>%{y:.4g} h<extra></extra>")
    fig.update_layout(template="plotly_white", height=280 * (len(crits) + bool(hours)) + 120, showlegend=False, barmode="group",
                      title="Scenarios: totals with their 90% range" if (df["p95"] > df["p5"]).any() else "Scenarios: totals")
    return fig
