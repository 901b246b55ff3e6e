"""The self-contained HTML report.

One document: plotly.js is embedded once in the head (no CDN, no network), each figure is a ``div``
and one ``Plotly.newPlot`` call whose JSON has ``<``, ``>`` and ``&`` written as ``\\u003c`` ... so that no
string can close the script element. Every text that comes from the user or a table is passed through
``html.escape``.
"""

from __future__ import annotations

import json

from .. import __version__
from . import data
from .figures import esc
from .fmt import num, scaled

__all__ = ["render_html", "figure_script"]

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.8em;margin:.2em 0} h2{margin-top:1.6em;border-bottom:2px solid #dde2ea;padding-bottom:.2em}
.meta{color:#5a6372} .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px}
.card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card .v{font-size:1.6em;font-weight:600} .card .r,.card .l{color:#5a6372;font-size:.9em}
.plot{background:#fff;border-radius:8px;margin:12px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
table{border-collapse:collapse;background:#fff;font-size:.86em;margin:8px 0;width:100%}
th,td{border:1px solid #dde2ea;padding:3px 6px;text-align:left;vertical-align:top} td.n{text-align:right;white-space:nowrap}
th{background:#eef1f5} details{margin:8px 0} .note{color:#5a6372;font-size:.9em}
"""


def figure_script(div_id: str, fig) -> str:
    """A ``div`` and the script that draws ``fig`` in it (JSON with ``<``, ``>``, ``&`` escaped)."""
    payload = fig.to_json()
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    safe_id = esc(div_id)
    return (f'<div class="plot" id="{safe_id}"></div>\n<script>(function(){{var f={payload};'
            f'Plotly.newPlot({json.dumps(div_id)},f.data,f.layout||{{}},'
            '{"responsive":true,"displaylogo":false});})();</script>')


def _text(v) -> str:
    if v is None or v != v:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _table(df, columns: list[tuple[str, str]], numeric: set[str] = frozenset(), limit: int | None = None) -> str:
    """An HTML table of ``df``: columns as (column, header); numeric columns formatted with :func:`num`."""
    if df is None or not len(df):
        return '<p class="note">None.</p>'
    head = "".join(f"<th>{esc(h)}</th>" for _, h in columns)
    rows = []
    for rec in (df.head(limit) if limit else df).to_dict(orient="records"):
        cells = []
        for col, _ in columns:
            v = rec.get(col, "")
            if col in numeric:
                cells.append(f'<td class="n">{esc(num(v))}</td>')
            else:
                cells.append(f"<td>{esc(_text(v))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cards(rep) -> str:
    """One card per criterion: the median of the draws with its 90% range (the point estimate, every factor at its
    central value, beside it); without draws, the point estimate."""
    out = []
    ranged = rep.estimate.samples > 0
    for r in rep.tables["headline"].itertuples():
        head = r.p50 if ranged else r.value
        v, unit = scaled(head, r.unit)
        lo, _ = scaled(r.p5, r.unit, head)
        hi, _ = scaled(r.p95, r.unit, head)
        pt, _ = scaled(r.value, r.unit, head)
        rng = (f"median; 90% range {esc(num(lo))} to {esc(num(hi))}; point estimate {esc(num(pt))}" if ranged
               else "point estimate (no draws)")
        out.append(f'<div class="card headline" data-criterion="{esc(r.criterion)}" data-value="{float(r.value)!r}" '
                   f'data-p50="{float(r.p50)!r}" data-p5="{float(r.p5)!r}" data-p95="{float(r.p95)!r}">'
                   f'<div class="l">{esc(r.label)}</div><div class="v">{esc(num(v))} {esc(unit)}</div>'
                   f'<div class="r">{rng}</div></div>')
    return '<div class="cards">' + "".join(out) + "</div>"


def _equivalents(rep) -> str:
    eq = rep.tables["equivalents"]
    if eq is None or not len(eq):
        return ""
    items = []
    for r in eq.itertuples():
        items.append(f'<li data-factor="{esc(r.factor_id)}"><b>{esc(num(r.count))}</b> x {esc(r.item.replace("-", " "))} '
                     f'({esc(r.criterion)}; {esc(num(r.per_item))} {esc(r.unit)}) -- source: '
                     f'<a href="{esc(r.url)}">{esc(r.source)}</a> ({esc(r.license)})</li>')
    return "<h3>Everyday equivalents (point values)</h3><ul>" + "".join(items) + "</ul>"


def _stage_table(rep) -> str:
    m = rep.tables["stages"]
    units = rep.estimate.total.set_index("criterion")["unit"].to_dict()
    df = m.reset_index()
    cols = [("stage", "stage")] + [(c, f"{c} [{units.get(c, '')}]") for c in m.columns]
    return _table(df, cols, numeric=set(m.columns))


def _measured(rep) -> str:
    mr = rep.tables["measured_runs"]
    if not len(mr):
        return ('<p class="note">No training phase of this spec refers to a measured run (<code>run = "RUN_ID"</code>); '
                "every use phase is estimated from the spec.</p>")
    cols = [(c, c) for c in ("phase", "run_id", "name", "status", "started", "ended", "component", "energy_kwh", "method")
            if c in mr.columns]
    return ("<p>Measured: the IT energy of these runs (method: how it was measured). Estimated: everything else "
            "(PUE, grid, water and the embodied stages).</p>" + _table(mr, cols, numeric={"energy_kwh"}))


def render_html(rep) -> str:
    """The report as one HTML document (string)."""
    from plotly.offline import get_plotlyjs

    est = rep.estimate
    figs = rep.figures()
    fig_html = {k: figure_script(f"fig-{k}", f) for k, f in figs.items()}
    t = rep.tables
    name = esc(rep.name)
    meta = (f"footprint {esc(__version__)} -- {est.samples:,} Monte Carlo draws"
            + (f", seed {est.seed}" if est.seed is not None else "") + f" -- {len(est.assumptions)} factors and inputs")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{name}: lifecycle report</title>",
        f"<style>{_CSS}</style>",
        f'<script type="text/javascript">{get_plotlyjs()}</script>',
        "</head><body><main>",
        f'<h1 id="system-name">{name}</h1>',
        f'<p class="meta">Life-cycle footprint: extraction, manufacture, transport, use, end of life. {meta}</p>',
        '<section id="headline"><h2>Totals</h2>', _cards(rep), _equivalents(rep),
        '<p class="note">With Monte Carlo draws the headline is their median and the 90% range their 5th-95th '
        "percentiles; the point estimate (each factor at its central value) is given beside them.</p>",
        *[f'<p class="note outside-range">{esc(t)}.</p>' for t in data.outside_range(rep.estimate.total)],
        "</section>",
        '<section id="stages"><h2>Life-cycle stages</h2>', fig_html["stages"], _stage_table(rep), "</section>",
        '<section id="use-inputs"><h2>Use stage: where the inputs came from</h2>',
        _table(t["use_inputs"], [("of", "of"), ("input", "input"), ("value", "value"), ("unit", "unit"),
                                 ("source", "from")], numeric={"value"}), "</section>",
        '<section id="carbon-flow"><h2>Carbon flow</h2>', fig_html["sankey"], "</section>",
    ]
    if "timeline" in fig_html:
        parts += ['<section id="timeline"><h2>Use phases over time</h2>', fig_html["timeline"],
                  '<p class="note">Training phases one after the other from day 0, then serving over its days.</p></section>']
    parts += ['<section id="materials"><h2>Materials</h2>', fig_html.get("materials", ""),
              _table(t["materials"], [("material", "metal"), ("kg", "kg"), ("p5", "p5"), ("p95", "p95"),
                                      ("recovered_kg", "recovered at end of life [kg]"),
                                      ("rock_kg", "rock moved to mine it [kg]"), ("producers", "main producing countries (mine share)"),
                                      ("gwp_kgco2e", "gwp of producing it [kgCO2e]"), ("water_l", "water [L]"),
                                      ("adpe_kgsbeq", "adpe [kgSbeq]")],
                     numeric={"kg", "p5", "p95", "recovered_kg", "rock_kg", "gwp_kgco2e", "water_l", "adpe_kgsbeq"}),
              '<p class="note">Rock moved: ore and waste rock per kg of metal (rock-to-metal ratios, Nassar et al. '
              '2022), not tailings (no source separates them).</p>',
              "</section>",
              '<section id="risk"><h2>Supply-chain risk of the metals</h2>',
              '<p class="note">The share of each metal of this hardware that comes, on the world mine production mix '
              '(USGS Mineral Commodity Summaries 2025), from countries a list names: the US Department of Labor\'s list '
              'of goods produced by child or forced labour (2024), the Dodd-Frank section 1502 countries, the EU\'s '
              'indicative list of conflict-affected and high-risk areas. It is not a probability that abuse occurred, '
              'and a country not on a list is not therefore safe.</p>',
              fig_html.get("risk", ""),
              _table(t["risk"], [("material", "metal"), ("scheme", "list"), ("kg", "kg in the hardware"),
                                 ("flagged_pct", "share from listed countries [%]"),
                                 ("countries", "listed producers (world mine shares)")],
                     numeric={"kg", "flagged_pct"}),
              "</section>",
              *([] if not len(t["labor"]) else [
                  '<section id="labor"><h2>Hidden labour</h2>',
                  '<p class="note">The people who label, rank, transcribe and moderate the data: worker-hours and '
                  'effective pay after unpaid time (median and 90% range), in USD, local currency and PPP international '
                  'dollars, against the legal minimum wage. Health findings are cited, not computed.</p>',
                  _table(t["labor"], [("phase", "work"), ("task", "task"), ("country", "country"),
                                      ("hours", "worker-hours [h]"), ("usd", "pay [USD/h]"), ("local", "pay [local/h]"),
                                      ("ppp", "pay [PPP intl$/h]"), ("minimum", "minimum wage [local/h]"),
                                      ("ratio", "ratio to the minimum"), ("value_pct", "share of the client price [%]"),
                                      ("flags", "health findings and notes")]),
                  "</section>"]),
              *([] if t.get("sci") is None else [
                  '<section id="sci"><h2>Software Carbon Intensity</h2>',
                  '<p class="note">SCI = (O + M) per R (Green Software Foundation, ISO/IEC 21031:2024): O the '
                  'operational emissions (energy x location-based grid intensity), M the amortised embodied share, R '
                  'the functional units. Consumer boundary: operating the model (the serving phases); provider: '
                  'training through deployment.</p>',
                  _table(t["sci"], [("boundary", "boundary"), ("units", "R"), ("unit", "unit"),
                                    ("operational_g", "O per unit [gCO2e]"), ("embodied_g", "M per unit [gCO2e]"),
                                    ("sci_g", "SCI [gCO2e per unit]"), ("sci_p5_g", "p5"), ("sci_p95_g", "p95")],
                         numeric={"units", "operational_g", "embodied_g", "sci_g", "sci_p5_g", "sci_p95_g"}),
                  "</section>"]),
              '<section id="water"><h2>Water</h2>', fig_html["water"],
              _table(t["water"], [("label", "where"), ("water_l", "water [L]"), ("p5", "p5"), ("p95", "p95"),
                                  ("share", "share")], numeric={"water_l", "p5", "p95", "share"}),
              '<p class="note">On-site = IT energy x WUE; off-site = energy at the meter x electricity water intensity; '
              "chip fabrication = fab water of the dies; mining = producing the metals.</p></section>",
              '<section id="uncertainty"><h2>Uncertainty</h2>']
    tot = est.total
    parts.append(_table(tot, [("criterion", "criterion"), ("value", "point"), ("p5", "p5"), ("p50", "p50"), ("p95", "p95"),
                              ("unit", "unit")], numeric={"value", "p5", "p50", "p95"}))
    parts += [fig_html.get("distribution", '<p class="note">Point estimate only: run with --samples N for ranges.</p>'),
              fig_html.get("drivers", "")]
    if t["drivers"] is not None and len(t["drivers"]):
        parts.append(_table(t["drivers"], [("factor_id", "factor"), ("total_order", "total-order index"),
                                           ("first_order", "first-order index")], numeric={"total_order", "first_order"}))
    parts += ["</section>", '<section id="measured-runs"><h2>Measured runs</h2>', _measured(rep), "</section>"]
    if t["placement"] is not None:
        parts += ['<section id="placement"><h2>Training beside published runs</h2>', fig_html.get("placement", ""),
                  _table(t["placement"], [("source", "source"), ("run", "run"), ("phase", "phase"), ("parameters", "parameters"), ("tokens", "tokens"), ("energy_kwh", "energy [kWh]"), ("co2e_kg", "co2e [kgCO2e]"), ("energy_pj_per_parameter_token", "pJ per parameter-token"), ("citation", "source of the figures")],
                         numeric={"parameters", "tokens", "energy_kwh", "co2e_kg", "energy_pj_per_parameter_token"}),
                  "</section>"]
    if est.notes:
        parts += ['<section id="notes"><h2>Notes</h2><ul>'] + [f"<li>{esc(n)}</li>" for n in est.notes] + ["</ul></section>"]
    parts += ['<section id="assumptions"><h2>Assumptions and sources</h2>',
              f'<details open><summary>{len(t["assumptions"])} factors and user inputs</summary>',
              _table(t["assumptions"], [("factor_id", "factor"), ("value", "value"), ("unit", "unit"), ("low", "low"),
                                        ("high", "high"), ("distribution", "distribution"), ("source", "source"),
                                        ("year", "year"), ("license", "licence"), ("fallback_level", "fallback")],
                     numeric={"value", "low", "high"}),
              "</details></section>", "</main></body></html>"]
    return "\n".join(parts)


def scenario_html(name: str, fig, df) -> str:
    """A self-contained HTML page with the scenario comparison figure and its table."""
    from plotly.offline import get_plotlyjs

    cols = [(c, c) for c in df.columns]
    numeric = {c for c in df.columns if df[c].dtype.kind in "fi"}
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(name)}: scenarios</title>", f"<style>{_CSS}</style>",
        f'<script type="text/javascript">{get_plotlyjs()}</script>', "</head><body><main>",
        f"<h1>{esc(name)}: {df['scenario'].nunique():,} scenarios</h1>", figure_script("fig-compare", fig),
        f"<details><summary>table ({len(df):,} rows)</summary>", _table(df, cols, numeric=numeric, limit=5000), "</details>",
        "</main></body></html>"])
