"""The ``footprint report`` and ``footprint compare`` commands (registered by :func:`register`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import FootprintError
from ..tracker.ledger import LEDGER_READ_HELP, using_ledger

__all__ = ["register"]

#: Draws from which a Monte Carlo run takes more than about a second (about 0.7 s per 1,000,000 on 2 cores).
PROGRESS_FROM_SAMPLES = 1_000_000


def _bar(total: int, work: int):
    """The estimate command's rich progress bar (on a terminal) when ``work`` [draws] passes about a second."""
    from ..cli import _progress

    return _progress(total) if work >= PROGRESS_FROM_SAMPLES and sys.stderr.isatty() else None


def report_cmd(
    spec: Path = typer.Argument(..., help="A TOML system spec (see examples/)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output file (default: report.html for html; "
                                          "stdout for md and json)."),
    samples: int = typer.Option(10_000, "--samples", "-n", min=0, help="Monte Carlo draws for the ranges."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed for a reproducible report."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="html, md or json (default: from the output's "
                                      "suffix, else html)."),
    sensitivity: bool = typer.Option(True, "--sensitivity/--no-sensitivity", help="Rank the factors that drive "
                                     "the ranges (Sobol; about a second more)."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_READ_HELP),
) -> None:
    """Lifecycle report of a system: one self-contained HTML file (or Markdown / JSON)."""
    from .core import FORMATS, make_report, write_atomic

    if fmt is None:
        fmt = next((k for k, s in FORMATS.items() if output is not None and output.suffix.lower() == s), "html")
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise FootprintError(f"--format {fmt!r} is not a report format; valid: {', '.join(FORMATS)}")
    if output is None and fmt == "html":
        output = Path("report.html")
    if output is not None and not output.parent.resolve().is_dir():
        raise FootprintError(f"cannot write {str(output)!r}: directory {str(output.parent)!r} does not exist")
    bar = _bar(samples, samples)
    try:
        with using_ledger(ledger):
            rep = make_report(spec, samples=samples, seed=seed, sensitivity=sensitivity, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    text = rep.render(fmt)
    if output is None:
        typer.echo(text)
        return
    path = write_atomic(output, text)
    typer.echo(f"{fmt} report of {rep.name!r} written to {path.resolve()}", err=True)


def compare_cmd(
    spec: Path = typer.Argument(..., help="The base TOML system spec."),
    vary: List[str] = typer.Option(..., "--vary", "-v", help="PATH=V1,V2,... a dotted path of the spec and its values "
                                   "(repeat: the scenarios are the cartesian product)."),
    samples: int = typer.Option(1000, "--samples", "-n", min=0, help="Monte Carlo draws per scenario for p5/p95 "
                                "(0: point values only)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed."),
    csv_out: Optional[Path] = typer.Option(None, "--csv", help="Write the table (one row per scenario and criterion)."),
    html_out: Optional[Path] = typer.Option(None, "--html", help="Write the grouped-bar figure as a self-contained HTML."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_READ_HELP),
) -> None:
    """Compare scenarios: the base spec with each combination of --vary values."""
    from ..impacts import _spec
    from ..scenarios import compare, parse_vary
    from .core import write_atomic

    base = _spec(spec)
    variants = parse_vary(vary)
    for p in (csv_out, html_out):
        if p is not None and not p.parent.resolve().is_dir():
            raise FootprintError(f"cannot write {str(p)!r}: directory {str(p.parent)!r} does not exist")
    bar = _bar(len(variants), len(variants) * (samples + 10))
    try:
        with using_ledger(ledger):
            df, fig = compare(base, variants, samples=samples, seed=seed, figure=html_out is not None, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if csv_out is not None:
        write_atomic(csv_out, df.to_csv(index=False))
    if html_out is not None:
        from .html import scenario_html

        write_atomic(html_out, scenario_html(base.name, fig, df))
    _print_compare(df)


def _print_compare(df) -> None:
    from rich.markup import escape
    from rich.table import Table

    from ..cli import _fmt, out

    piv = df.pivot_table(index="scenario", columns="criterion", values="value", sort=False)
    crits = [c for c in ("gwp", "energy", "water", "adpe", "pe") if c in piv.columns]
    units = df.drop_duplicates("criterion").set_index("criterion")["unit"].to_dict()
    shown = piv.head(50)
    t = Table("scenario", *[f"{c} [{units[c]}]" for c in crits],
              title=f"{len(piv)} scenarios" + (" (first 50)" if len(piv) > 50 else ""))
    for name, row in shown.iterrows():
        t.add_row(escape(str(name)), *[_fmt(row[c]) for c in crits])
    out.print(t)


def register(app: typer.Typer) -> None:
    """Add ``report`` and ``compare`` to the ``footprint`` command."""
    app.command("report")(report_cmd)
    app.command("compare")(compare_cmd)
