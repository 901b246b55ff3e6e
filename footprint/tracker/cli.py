"""The tracker's commands: ``footprint run -- CMD`` and ``footprint runs list|show|export|import``.

:func:`register` adds them to the ``footprint`` app. Every command that reads or writes the ledger takes
``--ledger PATH`` (default ``$FOOTPRINT_LEDGER``, else ``./.footprint/ledger.db``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import FootprintError

__all__ = ["register"]

LEDGER_HELP = "The ledger (SQLite). Default: $FOOTPRINT_LEDGER, else ./.footprint/ledger.db."

runs_app = typer.Typer(help="The ledger of measured runs: list, show, export, import; compare a system's "
                       "training with published runs.", no_args_is_help=True)


def run_cmd(
    ctx: typer.Context,
    name: Optional[str] = typer.Option(None, "--name", help="A label for the run (default: the command)."),
    region: Optional[str] = typer.Option(None, "--region", help="Where the electricity comes from: FR, US-CA, aws:us-east-1 ... (else the spec's data center, else $FOOTPRINT_REGION)."),
    system: Optional[Path] = typer.Option(None, "--system", help="A TOML system spec: the region of the phase's data center, and the run's life cycle on that hardware."),
    phase: Optional[str] = typer.Option(None, "--phase", help="The spec's training phase this run belongs to."),
    interval: float = typer.Option(10.0, "--interval", help="Seconds between checkpoints to the ledger."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
    local_rank: Optional[int] = typer.Option(None, "--local-rank", help="This process's rank on the machine (default: $LOCAL_RANK, $SLURM_LOCALID, 0); only rank 0 measures."),
    scope: str = typer.Option("machine", "--scope", help="machine (whole machine) or process (the command's process tree) for the CPU and RAM models."),
) -> None:
    """Run CMD and measure the machine while it runs: footprint run [OPTIONS] -- CMD [ARGS...]

    Exits with CMD's status (128+N when it died of signal N); SIGINT, SIGTERM and SIGHUP are forwarded;
    CMD's output is untouched; a summary goes to stderr at the end.
    """
    from .supervisor import supervise

    if scope not in ("machine", "process"):
        raise FootprintError(f"--scope must be machine or process, got {scope!r}")
    if system is not None and not system.is_file():
        raise FootprintError(f"spec file {str(system)!r} does not exist; give the path of a TOML system spec")
    if phase is not None and system is None:
        raise FootprintError("--phase needs --system SPEC (the spec that defines the phase)")
    cmd = list(ctx.args)
    raise typer.Exit(supervise(cmd, name=name, region=region, system=system, phase=phase, interval_s=interval,
                               ledger=ledger, rank=local_rank, scope=scope))


def _console():
    """A console on stdout; wide when the output is not a terminal (tables are read by programs and people)."""
    import sys

    from rich.console import Console

    return Console(soft_wrap=False) if sys.stdout.isatty() else Console(soft_wrap=False, width=200)


def _fmt(x) -> str:
    return "" if x is None else f"{x:.4g}"


@runs_app.command("list")
def runs_list(
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
    last: int = typer.Option(50, "--last", "-n", min=1, help="Show the last N runs."),
) -> None:
    """The runs of the ledger, newest last: id, name, status, start, duration, energy and how it was measured."""
    from rich.table import Table

    from .ledger import Ledger, iso

    led = Ledger(ledger)
    runs = led.runs()
    if not runs:
        typer.echo(f"no runs in {led.path}" + ("" if led.path.exists() else " (it does not exist yet)"))
        return
    t = Table(title=f"{len(runs)} runs in {led.path}" + (f" (last {last})" if len(runs) > last else ""))
    for col in ("id", "status", "started (UTC)", "duration (s)", "energy (kWh)", "cpu / gpu / ram method", "region"):
        t.add_column(col, no_wrap=True)
    t.add_column("name", overflow="ellipsis", no_wrap=True, max_width=40)
    for r in runs[-last:]:
        t.add_row(r.id, r.status, iso(r.started), f"{r.duration_s or 0:.1f}", _fmt(r.energy_kwh),
                  " / ".join(str(r.data.get(f"{c}_method") or "-") for c in ("cpu", "gpu", "ram")), r.region or "",
                  r.name or "")
    _console().print(t)


@runs_app.command("show")
def runs_show(
    run_id: str = typer.Argument(..., help="A run id (or a unique prefix)."),
    system: Optional[Path] = typer.Option(None, "--system", help="A system spec: show the run's life cycle on its hardware (operational, amortised embodied, water, materials)."),
    phase: Optional[str] = typer.Option(None, "--phase", help="The spec's training phase the run belongs to (when no phase has run = ID)."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print the run as JSON."),
) -> None:
    """One run: status, times, energy per component and method, problems; with --system its life cycle."""
    import json

    from rich.table import Table

    from .ledger import Ledger, iso

    led = Ledger(ledger)
    rec = led.get(run_id, samples=True)
    if system is not None and not system.is_file():
        raise FootprintError(f"spec file {str(system)!r} does not exist; give the path of a TOML system spec")
    est = None
    if system is not None:
        from .lifecycle import run_estimate

        est = run_estimate(rec.id, system, phase=phase, ledger=led)
    if json_out:
        d = rec.to_dict()
        d["samples"] = len(rec.samples)
        if est is not None:
            d["life_cycle"] = est.to_dict()
        typer.echo(json.dumps(d, indent=2))
        return
    con = _console()
    t = Table(show_header=False, title=f"run {rec.id}")
    d = rec.data
    for k, v in [("name", d.get("name")), ("status", rec.status), ("kind", d.get("kind")),
                 ("started (UTC)", iso(d.get("started"))), ("ended (UTC)", iso(d.get("ended"))),
                 ("last checkpoint", iso(d.get("last_checkpoint"))), ("duration", f"{d.get('duration_s') or 0:.1f} s"),
                 ("exit status", d.get("exit_status")), ("command", " ".join(d.get("command") or []) or None),
                 ("region", f"{d.get('region')} ({d.get('region_source')})" if d.get("region") else None),
                 ("host / pid", f"{d.get('host')} / {d.get('pid')}"),
                 ("local rank", f"{d.get('local_rank')} ({d.get('rank_source')})" if d.get("rank_source") else None),
                 ("scope", d.get("scope")), ("checkpoints", f"{len(rec.samples)} (every {d.get('interval_s')} s)"),
                 ("source", d.get("source"))]:
        if v is not None:
            t.add_row(k, str(v))
    con.print(t)
    details = ((d.get("hardware") or {}).get("methods") or {}) if isinstance(d.get("hardware"), dict) else {}
    e = Table("component", "energy (kWh)", "method", "how", title="IT energy")
    for c in ("cpu", "gpu", "ram"):
        e.add_row(c, _fmt(d.get(f"{c}_kwh") or 0.0), str(d.get(f"{c}_method") or "-"), details.get(c, ""))
    e.add_row("total", _fmt(rec.energy_kwh), "", "")
    con.print(e)
    if d.get("region") and est is None:
        try:
            from .lifecycle import operational

            op = operational(rec.energy_kwh, d["region"])
            con.print(f"operational (PUE 1, no on-site water): {op['gwp_kgco2e']:.4g} kgCO2e, water {op['water_l']:.4g} L "
                      f"(grid {op['grid_kgco2e_per_kwh']:.4g} kgCO2e/kWh [{op['grid_factor']}], "
                      f"{op['water_l_per_kwh']:.3g} L/kWh [{op['water_factor']}])", markup=False, highlight=False)
        except FootprintError as exc:
            con.print(f"impacts not computed: {exc}", markup=False)
    for p in d.get("problems") or []:
        con.print(f"note: {p}", markup=False, highlight=False)
    if est is not None:
        from .supervisor import lifecycle_lines

        for line in lifecycle_lines(est):
            con.print(line, markup=False, highlight=False)
        piv = est.results.groupby(["stage", "criterion"], sort=False)["value"].sum().unstack("criterion")
        t2 = Table("stage", *[str(c) for c in piv.columns], title=f"{est.name}: by stage")
        for stage, row in piv.iterrows():
            t2.add_row(stage, *[_fmt(v) if v == v else "" for v in row.values])
        con.print(t2)
        if len(est.materials):
            t3 = Table("material", "kg", "main producers", title="materials (amortised to this run)")
            for m in est.materials.head(10).itertuples():
                prod = m.main_producers
                if isinstance(prod, list):
                    prod = ", ".join(f"{p.get('country')} {p.get('share', 0):.0%}" for p in prod[:3] if isinstance(p, dict))
                t3.add_row(m.material, _fmt(m.kg), str(prod or "")[:50])
            con.print(t3)
        for n in est.notes:
            con.print(f"note: {n}", markup=False, highlight=False)


@runs_app.command("export")
def runs_export(
    fmt: str = typer.Option("csv", "--format", "-f", help="csv, json or parquet (parquet needs pyarrow)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (default: stdout; parquet needs -o)."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
) -> None:
    """Export every run: one row (csv, parquet) or object (json) per run."""
    from .exchange import export_runs

    data = export_runs(ledger, fmt, output)
    if output is None:
        typer.echo(data, nl=False)


@runs_app.command("import")
def runs_import(
    path: Path = typer.Argument(..., help="CodeCarbon's emissions.csv, or a footprint-run-ID.json left by an unwritable ledger."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
) -> None:
    """Add runs measured elsewhere to the ledger (importing the same file twice adds nothing new)."""
    from .exchange import import_file

    ids = import_file(path, ledger)
    typer.echo(f"imported {len(ids)} new run(s) into {_ledger_path(ledger)}" + (f": {', '.join(ids)}" if ids else
                                                                                 " (its runs were imported before)"))


def _ledger_path(ledger) -> Path:
    from .ledger import default_ledger_path

    return default_ledger_path(ledger)


@runs_app.command("compare")
def runs_compare(
    spec: Path = typer.Argument(..., help="A system spec whose [[training]] phases give parameters and tokens "
                                "(and, for a measured run, run = \"ID\")."),
    samples: int = typer.Option(0, "--samples", "-n", min=0, help="Monte Carlo draws for the range of this system's runs."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help=LEDGER_HELP),
) -> None:
    """A system's training runs beside published runs of a similar size (energy per parameter-token, tCO2e)."""
    from ..cli import _print_training_comparison
    from ..errors import FootprintError
    from ..impacts import _spec, estimate
    from .ledger import using_ledger

    sp = _spec(spec)
    if not any(ph.parameters is not None and ph.tokens is not None for ph in sp.training):
        raise FootprintError(f"{spec}: no [[training]] phase gives parameters and tokens; add e.g. parameters = 7e9 "
                             "and tokens = 2e12 to a phase to place it beside published runs")
    with using_ledger(ledger):
        est = estimate(sp, samples=samples, seed=seed)
    _print_training_comparison(est)


def register(app: typer.Typer) -> None:
    """Add ``run`` and the ``runs`` group to the ``footprint`` app."""
    app.command("run", options_metavar="[OPTIONS] -- CMD [ARGS]...",
                context_settings={"allow_extra_args": True, "ignore_unknown_options": True,
                                  "allow_interspersed_args": False})(run_cmd)
    app.add_typer(runs_app, name="runs")
