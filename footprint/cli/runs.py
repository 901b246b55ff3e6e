"""``footprint runs list|show|export|import|compare``: the ledger of measured runs.

``list``, ``show`` and ``export`` open the ledger read-only (they work on a read-only file or directory and never
create a ledger); every text that comes from the ledger or a file is shown with its control characters escaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import FootprintError
from .common import LEDGER_HELP, col, console, fmt, print_lines, safe
from .estimate import pivot_table, print_training_comparison
from .run import lifecycle_lines

__all__ = ["app"]

app = typer.Typer(help="The ledger of measured runs: list, show, export, import; compare a system's training with "
                  "published runs.", no_args_is_help=True)


@app.command("list")
def runs_list(
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
    last: int = typer.Option(50, "--last", "-n", min=1, max=1_000_000, help="Show the last N runs."),
) -> None:
    """The runs of the ledger, newest last: id, name, status, start, duration, energy and how it was measured."""
    from rich.table import Table

    from ..tracker.ledger import Ledger, iso

    led = Ledger(ledger)
    runs = led.runs()
    if not runs:
        typer.echo(f"no runs in {safe(led.path)}" + ("" if led.path.exists() else " (it does not exist yet)"))
        return
    t = Table(title=f"{len(runs)} runs in {safe(led.path)}" + (f" (last {last})" if len(runs) > last else ""))
    for c in ("id", "status", "started (UTC)", col("duration", "s"), col("energy", "kWh"), "cpu / gpu / ram method",
              "region"):
        t.add_column(c, no_wrap=True)
    t.add_column("name", overflow="ellipsis", no_wrap=True, max_width=40)
    for r in runs[-last:]:
        t.add_row(safe(r.id), safe(r.status), iso(r.started) or "", _seconds(r.duration_s), fmt(r.energy_kwh),
                  " / ".join(safe(r.data.get(f"{c}_method") or "-") for c in ("cpu", "gpu", "ram")), safe(r.region or ""),
                  safe(r.name or ""))
    console().print(t)


def _seconds(v) -> str:
    """A duration [s] with one decimal (a value a legacy ledger holds that is not a number: escaped as it is)."""
    try:
        return f"{float(v or 0):.1f}"
    except (TypeError, ValueError):
        return safe(v)


def _show_record(con, rec) -> None:
    from rich.table import Table

    from ..tracker.ledger import iso

    d = rec.data
    t = Table(show_header=False, title=f"run {safe(rec.id)}")
    for k, v in [("name", d.get("name")), ("status", rec.status), ("kind", d.get("kind")),
                 ("started (UTC)", iso(d.get("started"))), ("ended (UTC)", iso(d.get("ended"))),
                 ("last checkpoint", iso(d.get("last_checkpoint"))), ("duration", f"{_seconds(d.get('duration_s'))} s"),
                 ("exit status", d.get("exit_status")),
                 ("command", " ".join(map(str, d["command"])) if isinstance(d.get("command"), list) else d.get("command")),
                 ("region", f"{d.get('region')} ({d.get('region_source')})" if d.get("region") else None),
                 ("host / pid", f"{d.get('host')} / {d.get('pid')}"),
                 ("local rank", f"{d.get('local_rank')} ({d.get('rank_source')})" if d.get("rank_source") else None),
                 ("scope", d.get("scope")), ("checkpoints", f"{len(rec.samples)} (every {d.get('interval_s')} s)"),
                 ("source", d.get("source"))]:
        if v is not None:
            t.add_row(k, safe(v))
    con.print(t)
    details = ((d.get("hardware") or {}).get("methods") or {}) if isinstance(d.get("hardware"), dict) else {}
    e = Table("component", col("energy", "kWh"), "method", "how", title="IT energy")
    for c in ("cpu", "gpu", "ram"):
        e.add_row(c, fmt(d.get(f"{c}_kwh") or 0.0), safe(d.get(f"{c}_method") or "-"), safe(details.get(c, "")))
    e.add_row("total", fmt(rec.energy_kwh), "", "")
    con.print(e)


@app.command("show")
def runs_show(
    run_id: str = typer.Argument(..., help="A run id (or a unique prefix)."),
    system: Optional[Path] = typer.Option(None, "--system", help="A system spec: show the run's life cycle on its "
                                          "hardware (operational, amortised embodied, water, materials)."),
    phase: Optional[str] = typer.Option(None, "--phase", help="The spec's training phase the run belongs to (when no "
                                        "phase has run = ID)."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print the run as JSON."),
) -> None:
    """One run: status, times, energy per component and method, problems; with --system its life cycle."""
    import json

    from ..lifecycle import operational, run_estimate
    from ..tracker.ledger import Ledger

    if system is not None and not system.is_file():
        raise FootprintError(f"spec file {str(system)!r} does not exist; give the path of a TOML system spec")
    led = Ledger(ledger)
    rec = led.get(run_id, samples=True)
    est = run_estimate(rec.id, system, phase=phase, ledger=led) if system is not None else None
    if json_out:
        d = rec.to_dict()
        d["samples"] = len(rec.samples)
        if est is not None:
            d["life_cycle"] = est.to_dict()
        typer.echo(json.dumps(d, indent=2, allow_nan=False))
        return
    con = console()
    _show_record(con, rec)
    d = rec.data
    if d.get("region") and est is None:
        try:
            op = operational(rec.energy_kwh, d["region"])
            con.print(f"operational (PUE 1, no on-site water): {op['gwp_kgco2e']:.4g} kgCO2e, water {op['water_l']:.4g} L "
                      f"(grid {op['grid_kgco2e_per_kwh']:.4g} kgCO2e/kWh [{op['grid_factor']}], "
                      f"{op['water_l_per_kwh']:.3g} L/kWh [{op['water_factor']}])", markup=False, highlight=False)
        except FootprintError as exc:
            con.print(f"impacts not computed: {safe(exc)}")
    print_lines(con, (f"note: {safe(p)}" for p in d.get("problems") or []))
    if est is None:
        return
    print_lines(con, lifecycle_lines(est))
    units = est.total.set_index("criterion")["unit"].to_dict()
    con.print(pivot_table(est.results, "stage", f"{safe(est.name)}: by stage", units))
    if len(est.materials):
        from rich.table import Table

        t3 = Table("material", col("mass", "kg"), "main producers", title="materials (amortised to this run)")
        for m in est.materials.head(10).itertuples():
            prod = ", ".join(f"{p.get('country')} {p.get('share', 0):.0%}" for p in (m.main_producers or [])[:3])
            t3.add_row(m.material, fmt(m.kg), prod[:50])
        con.print(t3)
    print_lines(con, (f"note: {safe(n)}" for n in est.notes))


@app.command("export")
def runs_export(
    fmt_: str = typer.Option("csv", "--format", "-f", help="csv, json or parquet (parquet needs pyarrow)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (default: stdout; parquet needs -o)."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
) -> None:
    """Export every run: one row (csv, parquet) or object (json) per run."""
    from ..tracker.exchange import export_runs
    from .common import check_output

    check_output(output, "--output")
    data = export_runs(ledger, fmt_, output)
    if output is None:
        typer.echo(data, nl=False)


@app.command("import")
def runs_import(
    paths: list[Path] = typer.Argument(..., help="CodeCarbon emissions.csv files, and footprint-run-ID.json files "
                                       "left by an unwritable ledger."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
) -> None:
    """Add runs measured elsewhere to the ledger: every file is checked first, then all their runs are written in one
    transaction, or none (importing the same file twice adds nothing new)."""
    from ..tracker.exchange import import_files

    typer.echo(safe(import_files(paths, ledger).summary()))


@app.command("compare")
def runs_compare(
    spec: Path = typer.Argument(..., help="A system spec whose [[training]] phases give parameters and tokens "
                                "(and, for a measured run, run = \"ID\")."),
    samples: int = typer.Option(0, "--samples", "-n", min=0, max=100_000_000,
                                help="Monte Carlo draws for the range of this system's runs."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, help="Random seed."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
) -> None:
    """A system's training runs beside published runs of a similar size (energy per parameter-token, tCO2e)."""
    from ..lifecycle import estimate
    from ..spec import as_spec

    sp = as_spec(spec)
    if not any(ph.parameters is not None and ph.tokens is not None for ph in sp.training):
        raise FootprintError(f"{spec}: no [[training]] phase gives parameters and tokens; add e.g. parameters = 7e9 "
                             "and tokens = 2e12 to a phase to place it beside published runs")
    print_training_comparison(estimate(sp, samples=samples, seed=seed, ledger=ledger))
