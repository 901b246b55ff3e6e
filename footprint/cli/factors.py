"""``footprint factors ...``: browse, show and validate the cited factor tables; the embodied estimate of one
accelerator beside the published ones; the catalogue of published training runs."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import FootprintError
from .common import col, console, fmt, safe

__all__ = ["app"]

app = typer.Typer(help="Browse and validate the cited factor tables.", no_args_is_help=True)

PATH_HELP = "A directory of tables instead of the shipped ones."


@app.command("list")
def factors_list(
    table: Optional[str] = typer.Option(None, "--table", "-t", help="Only this table (e.g. accelerators)."),
    quantity: Optional[str] = typer.Option(None, "--quantity", "-q", help="Only this quantity (e.g. tdp)."),
    path: Optional[Path] = typer.Option(None, "--path", help=PATH_HELP),
) -> None:
    """List factors: id, value, unit, 90% range, source."""
    from rich.table import Table

    from ..registry import load_factors

    reg = load_factors(path)
    rows = reg.rows(table) if table else list(reg)
    if quantity:
        rows = [f for f in rows if f.quantity == quantity]
    t = Table("factor_id", "value", "unit", "range (5th-95th or bounds)", "year", "source", title=f"{len(rows)} factors")
    for f in rows:
        t.add_row(f.factor_id, fmt(f.value), f.unit, f"{fmt(f.low)}-{fmt(f.high)}", str(f.year), safe(f.source[:70]))
    console().print(t)


@app.command("show")
def factors_show(
    factor_id: str = typer.Argument(..., help="A factor id, e.g. grid.fr"),
    path: Optional[Path] = typer.Option(None, "--path", help=PATH_HELP),
) -> None:
    """Show one factor with its full provenance."""
    from rich.table import Table

    from ..registry import load_factors

    reg = load_factors(path)
    f = reg.get(factor_id)
    t = Table(show_header=False, title=f.factor_id)
    for k, v in [("table", f.table), ("quantity", f.quantity), *f.keys.items(), ("value", fmt(f.value)),
                 ("unit", f.unit), ("low", fmt(f.low)), ("high", fmt(f.high)), ("distribution", f.distribution),
                 ("year", str(f.year)), ("source", f.source), ("url", f.url), ("license", f.license), ("notes", f.notes)]:
        t.add_row(k, safe(v))
    why = reg.reference_only(f)
    if why:
        t.add_row("reference only", safe(why))
    console().print(t)


@app.command("validate")
def factors_validate(
    directory: Optional[Path] = typer.Argument(None, help="Directory of tables (default: the shipped tables)."),
) -> None:
    """Validate every table; exit 1 and list file:line [column] for each problem."""
    from ..registry import default_factors_dir, validate_dir

    d = directory if directory is not None else default_factors_dir()
    if not d.is_dir():
        raise FootprintError(f"{d} is not a directory; give a directory that holds factor tables (*.csv)")
    keys, factors, problems = validate_dir(d)
    if problems:
        for f, r, c, m in problems:
            typer.echo(f"{f}:{r} [{c}] {m}", err=True)
        typer.echo(f"{len(problems)} problem(s) in {d}", err=True)
        raise typer.Exit(1)
    console().print(f"OK: {len(factors)} factors in {len(keys)} tables ({d})", markup=False, highlight=False)


@app.command("embodied")
def factors_embodied(
    accelerator: str = typer.Argument(..., help="An accelerator id or alias, e.g. h100-sxm"),
    samples: int = typer.Option(20000, "--samples", "-n", min=0, max=10_000_000, help="Draws for the 90% range."),
    seed: Optional[int] = typer.Option(0, "--seed", min=0, help="Random seed."),
) -> None:
    """The project's estimate of making one accelerator beside the published ones, and what explains each gap."""
    from rich.table import Table

    from ..anchors import compare_embodied

    df, ours = compare_embodied(accelerator, samples=samples, seed=seed)
    con = console()
    t = Table("scope", col("ours", "kgCO2e"), col("90% range", "kgCO2e"),
              title=f"cradle-to-gate gwp of one {ours['_accelerator']} (footprint, bottom-up)")
    for scope in ("die_only", "die_memory", "card", "card_server_share"):
        o = ours[scope]
        t.add_row(scope, fmt(o["value"]), f"{fmt(o['p5'])}-{fmt(o['p95'])}" if "p5" in o else "")
    con.print(t)
    t2 = Table("tool", "scope", col("published", "kgCO2e"), col("ours", "kgCO2e"), "ratio", "in our range", "what explains the gap",
               title="published estimates", show_lines=True)
    for r in df.itertuples():
        t2.add_row(safe(r.tool), r.scope, fmt(r.published_kgco2e), fmt(r.ours_kgco2e), f"{r.ratio:.2f}",
                   "yes" if r.within_range else "no", safe(r.explanation))
    con.print(t2)
    if len(df):
        con.print(f"{int(df.within_range.sum())} of {len(df)} published figures lie within our 90% range "
                  f"(spread {df.published_kgco2e.min():.4g}-{df.published_kgco2e.max():.4g} kgCO2e).", markup=False)


@app.command("runs")
def factors_runs() -> None:
    """The catalogue of published training runs: hardware, energy, CO2e and whether the source adds up."""
    from rich.table import Table

    from ..catalogue import training_runs

    df = training_runs()
    t = Table("run", "hardware", col("device-hours", "h"), col("energy", "kWh"), col("co2e", "kg"), "consistency",
              "power", title=f"{len(df)} published training runs (power: measured, or assumed from the TDP)")
    for r in df.itertuples():
        t.add_row(safe(r.run), safe(str(r.hardware)[:40]), fmt(r.device_hours_h), fmt(r.energy_kwh), fmt(r.co2e_kg),
                  safe(r.consistency), safe(r.power_basis))
    console().print(t)


@app.command("summary")
def factors_summary(path: Optional[Path] = typer.Option(None, "--path", help=PATH_HELP)) -> None:
    """One line per table: rows, quantities, years and sources."""
    from rich.table import Table

    from ..registry import load_factors

    reg = load_factors(path)
    t = Table("table", "factors", "quantities", "years", "sources", title=f"{len(reg)} factors in {reg.path}")
    for name in reg.tables:
        rows = reg.rows(name)
        years = sorted({f.year for f in rows})
        t.add_row(name, str(len(rows)), ", ".join(sorted({f.quantity for f in rows}))[:60], f"{years[0]}-{years[-1]}",
                  str(len({f.source for f in rows})))
    console().print(t)
