"""``footprint estimate SPEC``: a system's life-cycle footprint as tables (or JSON), and the tables shared with the
commands that print an estimate."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Optional

import typer

from .costs import print_labor, print_risk, print_sci
from .common import (GRID_BASIS_HELP, LEDGER_READ_HELP, check_basis, check_output, col, console, fmt, print_lines,
                     progress_bar, safe)

__all__ = ["estimate_cmd", "print_estimate", "print_training_comparison", "print_use_inputs", "pivot_table"]


def estimate_cmd(
    spec: Path = typer.Argument(..., help="A TOML system spec (see examples/)."),
    samples: int = typer.Option(0, "--samples", "-n", min=0, max=100_000_000,
                                help="Monte Carlo draws (0: point estimate)."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, help="Random seed for reproducible draws."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    sensitivity: bool = typer.Option(False, "--sensitivity", help="Rank factors by Sobol total-order index."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_READ_HELP),
    grid_basis: Optional[str] = typer.Option(None, "--grid-basis", help=GRID_BASIS_HELP),
    sci_unit: Optional[str] = typer.Option(None, "--sci", metavar="UNIT",
                                           help="Software Carbon Intensity per functional unit: request, 1k-tokens, "
                                                "training-token, or UNIT=COUNT (image=2e6)."),
    if_manifest: Optional[Path] = typer.Option(None, "--if-manifest", metavar="FILE",
                                               help="Also write an Impact Framework manifest of the phases (YAML)."),
) -> None:
    """Estimate a system's footprint over its life cycle: stages x criteria, with 90% ranges."""
    from ..files import write_atomic
    from ..ifmanifest import to_yaml
    from ..lifecycle import estimate
    from ..model.sci import parse_unit
    from ..scores import estimate_manifest, sci

    check_output(if_manifest, "--if-manifest")
    if sci_unit is not None:
        parse_unit(sci_unit)  # a bad unit fails before any work
    bar = progress_bar(samples, samples) if not json_out else None
    try:
        est = estimate(spec, samples=samples, seed=seed, sensitivity=sensitivity, progress=bar, ledger=ledger,
                       grid_basis=check_basis(grid_basis))
    finally:
        if bar is not None:
            bar.close()
    table = sci(spec, sci_unit, est, samples, seed, ledger, check_basis(grid_basis)) if sci_unit is not None else None
    if if_manifest is not None:
        write_atomic(if_manifest, to_yaml(estimate_manifest(est)) + "\n")
    if json_out:
        doc = est.to_dict()
        if table is not None:
            doc["sci"] = [{k: v for k, v in rec.items()} for rec in table.to_dict(orient="records")]
        import json

        typer.echo(json.dumps(doc, indent=2, allow_nan=False))
        return
    print_estimate(est)
    if table is not None:
        print_sci(table)
    if if_manifest is not None:
        console().print(f"Impact Framework manifest written to {safe(if_manifest)}", markup=False)


def pivot_table(df, index: str, title: str, units: dict):
    """A rich table of ``df`` (criterion, value, ``index``) with one column per criterion, unit in the header."""
    from rich.table import Table

    piv = df.groupby([index, "criterion"], sort=False)["value"].sum().unstack("criterion")
    t = Table(index, *[col(c, units.get(c, "")) for c in piv.columns], title=title)
    for key, row in piv.iterrows():
        t.add_row(safe(key), *[fmt(v) for v in row.values])
    return t


def print_estimate(est) -> None:
    """The tables of an estimate: totals with their range, stages, use phases, drivers, placement and notes."""
    from rich.table import Table

    con = console()
    ranged = est.samples > 0
    units = est.total.set_index("criterion")["unit"].to_dict()
    cols = ["criterion", "median", "p5", "p95", "point estimate", "unit"] if ranged else ["criterion", "point estimate",
                                                                                         "unit"]
    t = Table(*cols, title=f"{safe(est.name)}: life-cycle footprint"
              + (f" ({est.samples:,} draws; median and 90% range)" if ranged else " (point estimate)"))
    for r in est.total.itertuples():
        t.add_row(r.criterion, *([fmt(r.p50), fmt(r.p5), fmt(r.p95)] if ranged else []), fmt(r.value), r.unit)
    con.print(t)
    con.print(pivot_table(est.results, "stage", "by stage", units))
    use = est.results[est.results.stage == "use"]
    if len(use):
        con.print(pivot_table(use, "phase", "use stage by phase", units))
    if len(est.sensitivity):
        s = est.sensitivity[est.sensitivity.criterion == "gwp"].head(10)
        t4 = Table("factor", col("total-order", "share of variance"), col("first-order", "share of variance"),
                   title="what drives the gwp range (Sobol)")
        for r in s.itertuples():
            t4.add_row(safe(r.factor_id), f"{r.total_order:.2f}", f"{r.first_order:.2f}")
        con.print(t4)
    print_use_inputs(est)
    print_risk(est)
    print_labor(est)
    print_training_comparison(est)
    print_lines(con, (f"note: {safe(n)}" for n in est.notes))


def print_use_inputs(est) -> None:
    """One line per input of the use stage: its value and where it came from (spec, provider, region, model)."""
    from rich.table import Table

    t = Table("of", "input", "value", "unit", "from", title="use stage: where the inputs came from")
    for r in est.use_inputs.itertuples():
        t.add_row(safe(r.of), r.input, fmt(r.value), r.unit, safe(r.source))
    console().print(t)


def print_training_comparison(est, limit: int = 8) -> None:
    """The system's training phases beside the published runs closest in size (energy per parameter-token)."""
    from rich.table import Table

    from ..catalogue import place_training

    if not any(p.parameters is not None and p.tokens is not None for p in est.spec.training):
        return
    df = place_training(est)
    mine = df[df.source == "this system"]
    pub = df[(df.source == "published") & df.similar_size & df.energy_pj_per_parameter_token.notna()].copy()
    pub["distance"] = pub.size_ratio.map(lambda r: abs(math.log(r)))
    pub = pub.sort_values("distance").head(limit)
    t = Table("run", "parameters", "tokens", col("energy", "kWh"), col("co2e", "tCO2e"), col("energy per parameter-token", "pJ"),
              "source", title="training beside published runs of a similar size (0.1x-10x parameters)")
    for r in mine.itertuples():
        rng = f" ({fmt(r.energy_p5_kwh)}-{fmt(r.energy_p95_kwh)})" if est.samples else ""
        t.add_row(f"{safe(r.phase)} (this system)", fmt(r.parameters), fmt(r.tokens), fmt(r.energy_kwh) + rng,
                  fmt(r.co2e_kg / 1000), fmt(r.energy_pj_per_parameter_token), "system spec")
    for r in pub.itertuples():
        t.add_row(safe(r.run) + (" (inconsistent in source)" if r.consistency == "inconsistent" else ""),
                  fmt(r.parameters), fmt(r.tokens), fmt(r.energy_kwh), fmt(r.co2e_kg / 1000) if r.co2e_kg == r.co2e_kg else "",
                  fmt(r.energy_pj_per_parameter_token), safe(r.citation[:60]))
    console().print(t)
