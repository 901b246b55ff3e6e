"""``footprint fleet import|report``: fleet accounting of a cluster's scheduler jobs (footprint.fleet)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..errors import FootprintError
from .common import GRID_BASIS_HELP, check_basis, check_output, col, console, fmt, print_lines, safe

__all__ = ["app"]

app = typer.Typer(help="Fleet accounting: import scheduler jobs (Slurm sacct, Kepler, CSV, Parquet) into one job "
                  "table; report their footprint per user, account, partition and month.", no_args_is_help=True)


@app.command("import")
def fleet_import(
    files: List[Path] = typer.Argument(..., help="sacct -P exports, Kepler exports (CSV or text exposition), CSV or "
                                       "Parquet job tables."),
    output: Path = typer.Option(..., "--output", "-o", help="The Parquet job table to write (e.g. jobs.parquet)."),
    fmt_: Optional[str] = typer.Option(None, "--format", "-f", help="sacct, kepler, csv or parquet (default: each "
                                       "file's, from its suffix and first line)."),
    timezone: str = typer.Option("UTC", "--timezone", "--tz", help="Time zone of times printed without an offset "
                                 "(sacct prints the cluster's local time), e.g. Europe/Zurich."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Skip bad lines (counted, the first line numbers "
                                  "named) instead of refusing the file."),
    partition: str = typer.Option("kubernetes", "--partition", help="Partition of Kubernetes pods (Kepler inputs)."),
) -> None:
    """Import scheduler exports into one Parquet job table (written whole, or not at all).

    Slurm: sacct -a -P --noconvert --format JobID,User,Account,Partition,State,Submit,Start,End,ElapsedRaw,NNodes,
    NodeList,NCPUS,ReqMem,AllocTRES,ConsumedEnergyRaw
    """
    from ..fleet.importer import import_jobs

    check_output(output, "--output")
    summary = import_jobs(files, output, fmt=fmt_, tz=timezone, skip_bad=skip_bad, partition=partition)
    print_lines(console(), [safe(x) for x in summary.lines()])


def _by(text: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in text.split(",") if k.strip()) if text.strip() else ()


@app.command("report")
def fleet_report_cmd(
    jobs: Path = typer.Argument(..., help="A Parquet job table (footprint fleet import ... -o jobs.parquet)."),
    system: Path = typer.Option(..., "--system", help="The cluster: a system spec whose fleets serve partitions "
                                "(fleets.NAME.partitions = [...], default the fleet's own name)."),
    by: str = typer.Option("user,account,partition,month", "--by", help="Group keys, comma-separated: any of user, "
                           "account, partition, month."),
    engine: str = typer.Option("duckdb", "--engine", help="duckdb (default, out of core), pandas, or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="A Dask scheduler address (tcp://HOST:8786) "
                                            "for --engine dask (default: an in-process local cluster)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="The HTML report (default fleet.html unless "
                                          "--csv or --parquet is given)."),
    csv: Optional[Path] = typer.Option(None, "--csv", help="The group table as CSV."),
    parquet: Optional[Path] = typer.Option(None, "--parquet", help="The group table as Parquet."),
    samples: int = typer.Option(2000, "--samples", "-n", min=0, max=16_384, help="Monte Carlo draws for the "
                                "ranges (0: point values)."),
    seed: Optional[int] = typer.Option(1, "--seed", min=0, help="Random seed."),
    window: int = typer.Option(24, "--window", min=0, max=744, help="What-ifs: start each job up to N hours later "
                               "(Flexible Start) or pause it N hours (Pause and Resume); 0: none."),
    max_node_w: Optional[float] = typer.Option(None, "--max-node-w", min=1.0, help="Measured energy above this mean "
                                               "power per node [W] is set aside as implausible (default: 2 x the "
                                               "nameplate of a node of the fleet)."),
    grid_basis: Optional[str] = typer.Option(None, "--grid-basis", help=GRID_BASIS_HELP),
) -> None:
    """The footprint of a job table on a cluster: per group, with ranges, measured vs modelled energy, failed and
    cancelled jobs, hourly intensity where the region has it, and what-ifs of carbon-aware scheduling."""
    from ..fleet.report import fleet_report

    if output is None and csv is None and parquet is None:
        output = Path("fleet.html")
    for path, opt in ((output, "--output"), (csv, "--csv"), (parquet, "--parquet")):
        check_output(path, opt)
    given = [p.resolve() for p in (output, csv, parquet) if p is not None]
    if len(set(given)) < len(given):
        raise FootprintError("--output, --csv and --parquet name the same file; give each its own")
    check_basis(grid_basis)
    rep = fleet_report(jobs, system, by=_by(by), engine=engine, scheduler=scheduler, samples=samples, seed=seed,
                       window_h=window, grid_basis=grid_basis, max_node_w=max_node_w)
    written = rep.write(html=output, csv=csv, parquet=parquet)
    _print_summary(rep)
    for p in written:
        typer.echo(f"wrote {p.resolve()}", err=True)


def _print_summary(rep) -> None:
    from rich.table import Table

    con = console()
    t = Table(title=f"{safe(rep.name)}: {int(rep.total['jobs']):,} jobs ({safe(rep.engine)})")
    for c in ("quantity", "value", "p5", "p95", "unit"):
        t.add_column(c, no_wrap=True)
    for r in rep.headline().itertuples():
        if r.quantity in ("gwp_kg", "gwp_use_kg", "gwp_embodied_kg", "energy_kwh", "it_kwh", "it_measured_kwh",
                          "water_l", "fs_saving_kg", "pr_saving_kg"):
            t.add_row(r.quantity, fmt(r.value), fmt(r.p5), fmt(r.p95), r.unit)
    con.print(t)
    s = rep.tables["states"].set_index("state_class")
    t = Table("jobs that", "jobs", col("gwp", "kgCO2e"), col("IT energy", "kWh"), title="by state")
    for k, r in s.iterrows():
        t.add_row(safe(k), fmt(r["jobs"]), fmt(r["gwp_kg"]), fmt(r["it_kwh"]))
    con.print(t)
    print_lines(con, [safe(n) for n in rep.notes])
