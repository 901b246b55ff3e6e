"""The ``footprint`` command.

Exit statuses: 0 success; 1 a check that found problems (``factors validate``); 2 bad input (an unknown
id, a missing file, an invalid spec), reported as one message on stderr without a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .errors import FootprintError
from .tracker.ledger import LEDGER_READ_HELP, using_ledger

app = typer.Typer(
    name="footprint",
    help="Ecological footprint of AI systems: carbon, water and materials over the life cycle.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
factors_app = typer.Typer(help="Browse and validate the cited factor tables.", no_args_is_help=True)
app.add_typer(factors_app, name="factors")

out = Console(soft_wrap=False)
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"footprint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Ecological footprint of AI systems."""


def _fmt(x: float) -> str:
    return f"{x:.4g}"


@factors_app.command("list")
def factors_list(
    table: Optional[str] = typer.Option(None, "--table", "-t", help="Only this table (e.g. accelerators)."),
    quantity: Optional[str] = typer.Option(None, "--quantity", "-q", help="Only this quantity (e.g. tdp)."),
    path: Optional[Path] = typer.Option(None, "--path", help="A directory of tables instead of the shipped ones."),
) -> None:
    """List factors: id, value, unit, 90% range, source."""
    from .registry import load_factors

    reg = load_factors(path)
    rows = reg.rows(table) if table else list(reg)
    if quantity:
        rows = [f for f in rows if f.quantity == quantity]
    t = Table("factor_id", "value", "unit", "range", "year", "source", title=f"{len(rows)} factors")
    for f in rows:
        t.add_row(f.factor_id, _fmt(f.value), f.unit, f"{_fmt(f.low)}-{_fmt(f.high)}", str(f.year), f.source[:70])
    out.print(t)


@factors_app.command("show")
def factors_show(
    factor_id: str = typer.Argument(..., help="A factor id, e.g. grid.fr"),
    path: Optional[Path] = typer.Option(None, "--path", help="A directory of tables instead of the shipped ones."),
) -> None:
    """Show one factor with its full provenance."""
    from .registry import load_factors

    f = load_factors(path).get(factor_id)
    t = Table(show_header=False, title=f.factor_id)
    for k, v in [("table", f.table), ("quantity", f.quantity), *f.keys.items(),
                 ("value", _fmt(f.value)), ("unit", f.unit), ("low", _fmt(f.low)), ("high", _fmt(f.high)),
                 ("distribution", f.distribution), ("year", str(f.year)), ("source", f.source),
                 ("url", f.url), ("license", f.license), ("notes", f.notes)]:
        t.add_row(k, v)
    out.print(t)


@factors_app.command("validate")
def factors_validate(
    directory: Optional[Path] = typer.Argument(None, help="Directory of tables (default: the shipped tables)."),
) -> None:
    """Validate every table; exit 1 and list file:line [column] for each problem."""
    from .registry import default_factors_dir, validate_dir

    d = directory if directory is not None else default_factors_dir()
    if not d.is_dir():
        raise FootprintError(f"{d} is not a directory; give a directory that holds factor tables (*.csv)")
    keys, factors, problems = validate_dir(d)
    if problems:
        for f, r, c, m in problems:
            typer.echo(f"{f}:{r} [{c}] {m}", err=True)
        typer.echo(f"{len(problems)} problem(s) in {d}", err=True)
        raise typer.Exit(1)
    out.print(f"OK: {len(factors)} factors in {len(keys)} tables ({d})")


@factors_app.command("embodied")
def factors_embodied(
    accelerator: str = typer.Argument(..., help="An accelerator id or alias, e.g. h100-sxm"),
    samples: int = typer.Option(20000, "--samples", "-n", min=0, help="Draws for the 90% range."),
    seed: Optional[int] = typer.Option(0, "--seed", help="Random seed."),
) -> None:
    """The project's estimate of making one accelerator beside the published ones, and what explains each gap."""
    from .anchors import compare_embodied

    df, ours = compare_embodied(accelerator, samples=samples, seed=seed)
    t = Table("scope", "ours [kgCO2e]", "90% range", title=f"cradle-to-gate gwp of one {ours['_accelerator']} (footprint, bottom-up)")
    for scope in ("die_only", "die_memory", "card", "card_server_share"):
        o = ours[scope]
        t.add_row(scope, _fmt(o["value"]), f"{_fmt(o['p5'])}-{_fmt(o['p95'])}" if "p5" in o else "")
    out.print(t)
    t2 = Table("tool", "scope", "published", "ours", "ratio", "in our range", "what explains the gap",
               title="published estimates", show_lines=True)
    for r in df.itertuples():
        t2.add_row(r.tool, r.scope, _fmt(r.published_kgco2e), _fmt(r.ours_kgco2e), f"{r.ratio:.2f}",
                   "yes" if r.within_range else "no", r.explanation)
    out.print(t2)
    if len(df):
        out.print(f"{int(df.within_range.sum())} of {len(df)} published figures lie within our 90% range "
                  f"(spread {df.published_kgco2e.min():.4g}-{df.published_kgco2e.max():.4g} kgCO2e).")


@factors_app.command("runs")
def factors_runs() -> None:
    """The catalogue of published training runs: hardware, energy, CO2e and whether the source adds up."""
    from .catalogue import training_runs

    df = training_runs()
    t = Table("run", "hardware", "device-hours", "energy [kWh]", "co2e [kg]", "consistency", title=f"{len(df)} published training runs")
    for r in df.itertuples():
        f = lambda v: "" if v != v else _fmt(v)
        t.add_row(r.run, str(r.hardware)[:40], f(r.device_hours_h), f(r.energy_kwh), f(r.co2e_kg), r.consistency)
    out.print(t)


@factors_app.command("summary")
def factors_summary(
    path: Optional[Path] = typer.Option(None, "--path", help="A directory of tables instead of the shipped ones."),
) -> None:
    """One line per table: rows, quantities, years and sources."""
    from .registry import load_factors

    reg = load_factors(path)
    t = Table("table", "factors", "quantities", "years", "sources", title=f"{len(reg)} factors in {reg.path}")
    for name in reg.tables:
        rows = reg.rows(name)
        years = sorted({f.year for f in rows})
        t.add_row(name, str(len(rows)), ", ".join(sorted({f.quantity for f in rows}))[:60],
                  f"{years[0]}-{years[-1]}", str(len({f.source for f in rows})))
    out.print(t)


@app.command("estimate")
def estimate_cmd(
    spec: Path = typer.Argument(..., help="A TOML system spec (see examples/)."),
    samples: int = typer.Option(0, "--samples", "-n", min=0, help="Monte Carlo draws (0: point estimate)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed for reproducible draws."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    sensitivity: bool = typer.Option(False, "--sensitivity", help="Rank factors by Sobol total-order index."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_READ_HELP),
) -> None:
    """Estimate a system's footprint over its life cycle: stages x criteria, with 90% ranges."""
    from .impacts import estimate

    progress = _progress(samples) if samples >= 200_000 and not json_out else None
    try:
        with using_ledger(ledger):
            est = estimate(spec, samples=samples, seed=seed, sensitivity=sensitivity, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    if json_out:
        typer.echo(est.to_json(indent=2))
        return
    _print_estimate(est)


class _progress:
    """A rich progress bar on stderr for long Monte Carlo runs."""

    def __init__(self, total: int):
        from rich.progress import Progress

        self.bar = Progress(console=err, transient=True)
        self.task = self.bar.add_task("Monte Carlo", total=total)
        self.bar.start()

    def __call__(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        self.bar.stop()


def _print_estimate(est) -> None:
    ranged = est.samples > 0
    t = Table("criterion", "total", "unit", *(["p5", "p50", "p95"] if ranged else []),
              title=f"{est.name}: life-cycle footprint" + (f" ({est.samples:,} draws)" if ranged else " (point estimate)"))
    for r in est.total.itertuples():
        t.add_row(r.criterion, _fmt(r.value), r.unit, *([_fmt(r.p5), _fmt(r.p50), _fmt(r.p95)] if ranged else []))
    out.print(t)
    df = est.results
    piv = df.groupby(["stage", "criterion"], sort=False)["value"].sum().unstack("criterion")
    t2 = Table("stage", *[str(c) for c in piv.columns], title="by stage")
    for stage, row in piv.iterrows():
        t2.add_row(stage, *[_fmt(v) if v == v else "" for v in row.values])
    out.print(t2)
    use = df[df.stage == "use"].groupby(["phase", "criterion"], sort=False)["value"].sum().unstack("criterion")
    if len(use):
        t3 = Table("use phase", *[str(c) for c in use.columns], title="use stage by phase")
        for phase, row in use.iterrows():
            t3.add_row(phase, *[_fmt(v) if v == v else "" for v in row.values])
        out.print(t3)
    if len(est.sensitivity):
        s = est.sensitivity[est.sensitivity.criterion == "gwp"].head(10)
        t4 = Table("factor", "total-order", "first-order", title="what drives the gwp range (Sobol)")
        for r in s.itertuples():
            t4.add_row(r.factor_id, f"{r.total_order:.2f}", f"{r.first_order:.2f}")
        out.print(t4)
    _print_training_comparison(est)
    for n in est.notes:
        out.print(f"note: {n}", markup=False, highlight=False)


def _print_training_comparison(est, limit: int = 8) -> None:
    """The system's training phases beside the published runs closest in size (energy per parameter-token)."""
    import math

    from .catalogue import place_training

    if not any(p.parameters is not None and p.tokens is not None for p in est.spec.training):
        return
    df = place_training(est)
    mine = df[df.source == "this system"]
    pub = df[(df.source == "published") & df.similar_size & df.energy_pj_per_parameter_token.notna()].copy()
    pub["distance"] = pub.size_ratio.map(lambda r: abs(math.log(r)))
    pub = pub.sort_values("distance").head(limit)
    t = Table("run", "parameters", "tokens", "energy kWh", "tCO2e", "pJ / parameter-token", "source",
              title="training beside published runs of a similar size (0.1x-10x parameters)")
    for r in mine.itertuples():
        rng = f" ({_fmt(r.energy_p5_kwh)}-{_fmt(r.energy_p95_kwh)})" if est.samples else ""
        t.add_row(f"{r.phase} (this system)", _fmt(r.parameters), _fmt(r.tokens), _fmt(r.energy_kwh) + rng,
                  _fmt(r.co2e_kg / 1000), _fmt(r.energy_pj_per_parameter_token), "system spec")
    for r in pub.itertuples():
        t.add_row(r.run + (" (inconsistent in source)" if r.consistency == "inconsistent" else ""),
                  _fmt(r.parameters), _fmt(r.tokens), _fmt(r.energy_kwh),
                  _fmt(r.co2e_kg / 1000) if r.co2e_kg == r.co2e_kg else "", _fmt(r.energy_pj_per_parameter_token),
                  r.citation[:60])
    out.print(t)


# --- Commands defined in other modules register here, one line each: -----------------------------
# (tracker: `run`, `runs`; report: `report`, `compare`)
from .report.cli import register as _register_report; _register_report(app)  # noqa: E402,E702
from .tracker.cli import register as _register_tracker; _register_tracker(app)  # noqa: E402,E702


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; a FootprintError becomes one line on stderr and exit status 2."""
    try:
        app(args=argv, standalone_mode=True)
    except FootprintError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
