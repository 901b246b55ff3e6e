"""``footprint compare SPEC --vary PATH=V1,V2 ...``: the base system beside each combination of values."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .common import GRID_BASIS_HELP, LEDGER_READ_HELP, check_basis, check_output, col, console, fmt, print_lines, progress_bar, safe

__all__ = ["compare_cmd", "print_compare"]


def compare_cmd(
    spec: Path = typer.Argument(..., help="The base TOML system spec."),
    vary: List[str] = typer.Option(..., "--vary", "-v", help="PATH=V1,V2,... a dotted path of the spec and its values "
                                   "(repeat: the scenarios are the cartesian product)."),
    samples: int = typer.Option(1000, "--samples", "-n", min=0, max=1_000_000,
                                help="Monte Carlo draws per scenario for p5/p95 (0: point values only)."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, help="Random seed."),
    csv_out: Optional[Path] = typer.Option(None, "--csv", help="Write the table (one row per scenario and criterion)."),
    html_out: Optional[Path] = typer.Option(None, "--html", help="Write the grouped-bar figure as a self-contained HTML."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_READ_HELP),
    grid_basis: Optional[str] = typer.Option(None, "--grid-basis", help=GRID_BASIS_HELP),
) -> None:
    """Compare scenarios: the base spec with each combination of --vary values."""
    from ..files import write_all
    from ..scenarios import compare, parse_vary
    from ..spec import as_spec

    base = as_spec(spec)
    variants = parse_vary(vary)
    check_output(csv_out, "--csv")
    check_output(html_out, "--html")
    check_basis(grid_basis)
    bar = progress_bar(len(variants), len(variants) * (samples + 10))
    try:
        df, fig = compare(base, variants, samples=samples, seed=seed, figure=html_out is not None, progress=bar,
                          ledger=ledger, grid_basis=grid_basis)
    finally:
        if bar is not None:
            bar.close()
    outputs = {}
    if csv_out is not None:
        outputs[csv_out] = df.to_csv(index=False)
    if html_out is not None:
        from ..report.html import scenario_html

        outputs[html_out] = scenario_html(base.name, fig, df)
    write_all(outputs)
    print_compare(df)
    implicit = df.attrs.get("implicit_changes", [])
    if implicit:
        console().print("inputs the variations changed without naming them:", markup=False)
        print_lines(console(), (f"  {safe(line)}" for line in implicit))


def print_compare(df) -> None:
    """One line per scenario (the first 50) and column per criterion, with units."""
    from rich.table import Table

    from ..scenarios import scenario_hours

    piv = df.pivot_table(index="scenario", columns="criterion", values="value", sort=False)
    crits = [c for c in ("gwp", "energy", "water", "adpe", "pe") if c in piv.columns]
    units = df.drop_duplicates("criterion").set_index("criterion")["unit"].to_dict()
    hours = scenario_hours(df)
    t = Table("scenario", *[col(c, units[c]) for c in crits], *([col("device-hours", "h")] if hours else []),
              title=f"{len(piv)} scenarios" + (" (first 50)" if len(piv) > 50 else ""))
    for name, row in piv.head(50).iterrows():
        t.add_row(safe(name), *[fmt(row[c]) for c in crits], *([fmt(hours.get(name, 0.0))] if hours else []))
    console().print(t)
