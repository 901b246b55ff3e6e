"""``footprint report SPEC``: the lifecycle report of a system, one self-contained HTML file (or Markdown, JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import FootprintError
from .common import GRID_BASIS_HELP, check_basis, LEDGER_READ_HELP, check_output, progress_bar

__all__ = ["report_cmd"]


def report_cmd(
    spec: Path = typer.Argument(..., help="A TOML system spec (see examples/)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output file (default: report.html for html; "
                                          "stdout for md and json)."),
    samples: int = typer.Option(10_000, "--samples", "-n", min=0, max=100_000_000,
                                help="Monte Carlo draws for the ranges."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, help="Random seed for a reproducible report."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="html, md or json (default: from the output's "
                                      "suffix, else html)."),
    sensitivity: bool = typer.Option(True, "--sensitivity/--no-sensitivity", help="Rank the factors that drive "
                                     "the ranges (Sobol; about a second more)."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_READ_HELP),
    grid_basis: Optional[str] = typer.Option(None, "--grid-basis", help=GRID_BASIS_HELP),
    sci_unit: Optional[str] = typer.Option(None, "--sci", metavar="UNIT",
                                           help="Add the Software Carbon Intensity per functional unit: request, "
                                                "1k-tokens, training-token, or UNIT=COUNT."),
) -> None:
    """Lifecycle report of a system: one self-contained HTML file (or Markdown / JSON)."""
    from ..files import write_atomic
    from ..report.core import FORMATS, make_report

    if fmt is None:
        fmt = next((k for k, s in FORMATS.items() if output is not None and output.suffix.lower() == s), "html")
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise FootprintError(f"--format {fmt!r} is not a report format; valid: {', '.join(FORMATS)}")
    if output is None and fmt == "html":
        output = Path("report.html")
    check_output(output, "--output")
    check_basis(grid_basis)
    if sci_unit is not None:
        from ..model.sci import parse_unit

        parse_unit(sci_unit)
    bar = progress_bar(samples, samples)
    try:
        rep = make_report(spec, samples=samples, seed=seed, sensitivity=sensitivity, progress=bar, ledger=ledger,
                          grid_basis=grid_basis, sci_unit=sci_unit)
    finally:
        if bar is not None:
            bar.close()
    text = rep.render(fmt)
    if output is None:
        typer.echo(text)
        return
    path = write_atomic(output, text)
    typer.echo(f"{fmt} report of {rep.name!r} written to {path.resolve()}", err=True)
