"""``footprint runs list|show|export|import|compare``: the ledger of measured runs.

``list``, ``show`` and ``export`` open the ledger read-only (they work on a read-only file or directory and never
create a ledger); every text that comes from the ledger or a file is shown with its control characters escaped.
A job is the runs of the hosts of one multi-node job (:mod:`footprint.tracker.jobs`): ``list`` shows one line per
job, ``show JOB`` the job (energy summed over the hosts, PUE, grid and embodied share applied once to the sum).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import FootprintError
from .common import LEDGER_HELP, check_ledger, col, console, fmt, print_lines, safe
from .estimate import pivot_table, print_training_comparison
from .run import lifecycle_lines

__all__ = ["app"]

app = typer.Typer(help="The ledger of measured runs: list, show, export, import; compare a system's training with "
                  "published runs.", no_args_is_help=True)

LEDGER_OPTION = LEDGER_HELP + " A directory (or a path ending with /) is a ledger of one file per host."


def _ledger(path: str | None):
    """The ledger of ``--ledger`` (text, so that a trailing / names a directory that does not exist yet)."""
    from ..tracker.ledger import Ledger

    return Ledger(check_ledger(path))


@app.command("list")
def runs_list(
    ledger: Optional[str] = typer.Option(None, "--ledger", help=LEDGER_OPTION),
    last: int = typer.Option(50, "--last", "-n", min=1, max=1_000_000, help="Show the last N jobs."),
) -> None:
    """The jobs of the ledger, newest last, one line each (a run without a job id is a job of its own): id, hosts,
    status, start, duration (the longest host's), energy (summed over the hosts) and how it was measured."""
    from rich.table import Table

    from ..tracker.jobs import group_jobs
    from ..tracker.ledger import iso

    led = _ledger(ledger)
    runs = led.runs()
    if not runs:
        typer.echo(f"no runs in {safe(led.path)}" + ("" if led.path.exists() else " (it does not exist yet)"))
        return
    jobs = group_jobs(runs)
    what = f"{len(runs)} runs" if len(jobs) == len(runs) else f"{len(jobs)} jobs ({len(runs)} runs)"
    t = Table(title=f"{what} in {safe(led.path)}" + (f" (last {last})" if len(jobs) > last else ""))
    for c in ("id", "hosts", "status", "started (UTC)", col("duration", "s"), col("energy", "kWh"),
              "cpu / gpu / ram method", "region"):
        t.add_column(c, no_wrap=True)
    t.add_column("name", overflow="ellipsis", no_wrap=True, max_width=40)
    for j in jobs[-last:]:
        methods = j.methods()
        t.add_row(safe(j.id), str(j.nodes), safe(j.status_text), iso(j.started) or "", _seconds(j.duration_s),
                  fmt(j.energy_kwh), " / ".join(safe(methods[c] or "-") for c in ("cpu", "gpu", "ram")),
                  safe(j.region or ("mixed" if len(j.regions()) > 1 else "")), safe(j.name or ""))
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


def _show_job(con, job, hosts: bool) -> None:
    from rich.table import Table

    from ..tracker.ledger import iso

    t = Table(show_header=False, title=f"job {safe(job.id)}")
    lost = job.hosts_with("lost")
    regions = [r for r in job.regions() if r]
    for k, v in [("name", job.name), ("status", job.status_text), ("nodes (hosts)", str(job.nodes)),
                 ("hosts", ", ".join(job.hosts[:8]) + (f" ... ({job.nodes})" if job.nodes > 8 else "")),
                 ("lost hosts", ", ".join(lost) + " (stopped checkpointing: their energy up to the last checkpoint "
                                                  "is counted)" if lost else None),
                 ("started (UTC)", iso(job.started)), ("ended (UTC)", iso(job.ended)),
                 ("duration", f"{_seconds(job.duration_s)} s (the longest host's)"),
                 ("runs", " ".join(r.id for r in job.runs[:8]) + (" ..." if len(job.runs) > 8 else "")),
                 ("region", ", ".join(regions) or None)]:
        if v is not None:
            t.add_row(k, safe(v))
    con.print(t)
    e = Table("component", col("energy", "kWh"), "method", title=f"IT energy, summed over {job.nodes} hosts")
    comp, methods = job.components, job.methods()
    for c in ("cpu", "gpu", "ram"):
        e.add_row(c, fmt(comp[c]), safe(methods[c] or "-"))
    e.add_row("total", fmt(job.energy_kwh), "")
    con.print(e)
    if hosts:
        h = Table("host", "runs", "status", col("duration", "s"), col("cpu", "kWh"), col("gpu", "kWh"), col("ram", "kWh"),
                  col("total", "kWh"), "last checkpoint (UTC)", title="per host")
        for row in job.host_rows():
            h.add_row(safe(row["host"]), safe(" ".join(row["runs"])), safe(row["status"]), _seconds(row["duration_s"]),
                      *(fmt(row[f"{c}_kwh"]) for c in ("cpu", "gpu", "ram", "energy")), row["last_checkpoint"] or "")
        con.print(h)


def _operational(energy_by_region: dict) -> dict | None:
    """Carbon [kgCO2e] and water [L] of IT energy per region at PUE 1, summed; None without a region (a region
    without factors raises)."""
    from ..lifecycle import operational

    if not energy_by_region or "" in energy_by_region:
        return None
    ops = [operational(e, r) for r, e in energy_by_region.items()]
    return {"gwp_kgco2e": sum(o["gwp_kgco2e"] for o in ops), "water_l": sum(o["water_l"] for o in ops), "ops": ops}


def _prediction_check(pred: dict | None, measured_kwh: float, per_kwh: dict) -> dict | None:
    """The prediction beside the outcome: predicted, low, high and measured IT energy [kWh] and, with ``per_kwh``
    ({label: (unit, amount per kWh of IT energy)}), the same in carbon and water; the measured energy's error."""
    if not isinstance(pred, dict) or "energy_kwh" not in pred:
        return None
    e = {k: float(pred[k]) for k in ("energy_kwh", "low_kwh", "high_kwh")}
    rows = {"IT energy": ("kWh", e["energy_kwh"], e["low_kwh"], e["high_kwh"], measured_kwh)}
    for label, (unit, f) in per_kwh.items():
        rows[label] = (unit, e["energy_kwh"] * f, e["low_kwh"] * f, e["high_kwh"] * f, measured_kwh * f)
    err = (measured_kwh - e["energy_kwh"]) / e["energy_kwh"] if e["energy_kwh"] > 0 else None
    return {"after_epochs": pred.get("after_epochs"), "total_epochs": pred.get("total_epochs"),
            "epochs": pred.get("epochs"), "method": pred.get("method"), "relative_error": err,
            "inside_range": e["low_kwh"] <= measured_kwh <= e["high_kwh"],
            "rows": {k: dict(zip(("unit", "predicted", "low", "high", "measured"), v)) for k, v in rows.items()}}


def _print_prediction(con, check: dict | None, pred) -> None:
    from rich.table import Table

    if check is None:
        if isinstance(pred, dict) and pred.get("total_epochs"):
            con.print(f"no prediction: {pred.get('epochs', 0)} of {pred['total_epochs']} epochs recorded (it is made "
                      "after predict_after epochs, default 2, when epochs remain)", markup=False, highlight=False)
        return
    t = Table("", "predicted", "low", "high", "measured",
              title=f"prediction after {check['after_epochs']} of {check['total_epochs']} epochs, and the outcome "
                    f"({check['epochs']} epochs ran)")
    for label, r in check["rows"].items():
        t.add_row(col(label, r["unit"]), *(fmt(r[k]) for k in ("predicted", "low", "high", "measured")))
    con.print(t)
    err = check["relative_error"]
    print_lines(con, [f"measured {'+' if (err or 0) >= 0 else ''}{(err or 0) * 100:.3g} % from the prediction, "
                      f"{'inside' if check['inside_range'] else 'outside'} its range ({check['method']})"])


@app.command("show")
def runs_show(
    run_id: str = typer.Argument(..., help="A job id, or a run id (or a unique prefix)."),
    system: Optional[Path] = typer.Option(None, "--system", help="A system spec: show the run's (the job's) life cycle "
                                          "on its hardware (operational, amortised embodied, water, materials)."),
    phase: Optional[str] = typer.Option(None, "--phase", help="The spec's training phase the run belongs to (when no "
                                        "phase has run = ID)."),
    ledger: Optional[str] = typer.Option(None, "--ledger", help=LEDGER_OPTION),
    json_out: bool = typer.Option(False, "--json", help="Print the run (the job) as JSON."),
    hosts: bool = typer.Option(False, "--hosts", help="A job: add one line per host."),
) -> None:
    """One job or run: status, times, energy per component and method (a job's summed over its hosts), problems, the
    prediction made from the first epochs beside the outcome; with --system the life cycle."""
    import json

    from ..lifecycle import run_estimate
    from ..spec import spec_file
    from ..tracker.jobs import Job, find

    if system is not None:
        spec_file(system)
    led = _ledger(ledger)
    found = find(led, run_id, samples=True)
    is_job = isinstance(found, Job)
    est = run_estimate(found.id, system, phase=phase, ledger=led) if system is not None else None
    energy = found.energy_kwh
    pred = found.prediction() if is_job else found.data.get("prediction")
    op, op_error = None, None
    if est is None:
        try:
            op = _operational(found.regions() if is_job else {found.data.get("region") or "": energy})
        except FootprintError as exc:
            op_error = exc
    per_kwh = {}
    if est is not None and energy > 0:
        r = est.results[est.results.stage == "use"]
        per_kwh = {"carbon, operational": ("kgCO2e", float(r[r.criterion == "gwp"].value.sum()) / energy),
                   "water, operational": ("L", float(r[r.criterion == "water"].value.sum()) / energy)}
    elif op is not None and energy > 0:
        per_kwh = {"carbon, operational (PUE 1)": ("kgCO2e", op["gwp_kgco2e"] / energy),
                   "water, operational (PUE 1)": ("L", op["water_l"] / energy)}
    check = _prediction_check(pred, energy, per_kwh)
    if json_out:
        d = found.to_dict()
        if not is_job:
            d["samples"] = len(found.samples)
        d["prediction_check"] = check
        if est is not None:
            d["life_cycle"] = est.to_dict()
        typer.echo(json.dumps(d, indent=2, allow_nan=False))
        return
    con = console()
    if is_job:
        _show_job(con, found, hosts)
        problems = found.problems
    else:
        _show_record(con, found)
        problems = found.data.get("problems") or []
        if found.data.get("job"):
            print_lines(con, [f"part of job {safe(found.data['job'])}: `footprint runs show {safe(found.data['job'])}` "
                              "shows the job (its hosts added up)"])
    if op is not None:
        o = op["ops"][0]
        factors = (f"grid {o['grid_kgco2e_per_kwh']:.4g} kgCO2e/kWh [{o['grid_factor']}], {o['water_l_per_kwh']:.3g} "
                   f"L/kWh [{o['water_factor']}]") if len(op["ops"]) == 1 else f"the grids of {len(op['ops'])} regions"
        con.print(f"operational (PUE 1, no on-site water): {op['gwp_kgco2e']:.4g} kgCO2e, water {op['water_l']:.4g} L "
                  f"({factors})", markup=False, highlight=False)
    elif op_error is not None:
        con.print(f"impacts not computed: {safe(op_error)}")
    _print_prediction(con, check, pred)
    print_lines(con, (f"note: {safe(p)}" for p in problems))
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
    fmt_: str = typer.Option("csv", "--format", "-f", help="csv, json, parquet (needs pyarrow) or if-manifest (an "
                             "Impact Framework manifest: one child per host run, an observation per checkpoint)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (default: stdout; parquet needs -o)."),
    ledger: Optional[str] = typer.Option(None, "--ledger", help=LEDGER_OPTION),
) -> None:
    """Export every run: one row (csv, parquet) or object (json) per run, a host's run of a multi-node job with its job
    id and host; or an Impact Framework manifest (if-manifest)."""
    from ..tracker.exchange import export_runs
    from .common import check_output

    check_output(output, "--output")
    data = export_runs(_ledger(ledger), fmt_, output)
    if output is None:
        typer.echo(data, nl=False)


@app.command("import")
def runs_import(
    paths: list[Path] = typer.Argument(..., help="CodeCarbon emissions.csv files, and footprint-run-ID.json files "
                                       "left by an unwritable ledger."),
    ledger: Optional[str] = typer.Option(None, "--ledger", help=LEDGER_OPTION),
) -> None:
    """Add runs measured elsewhere to the ledger: every file is checked first, then all their runs are written in one
    transaction, or none (importing the same file twice adds nothing new). Into a ledger directory, this host's file
    ($FOOTPRINT_HOST, else the host name) is written."""
    from ..tracker.exchange import import_files

    typer.echo(safe(import_files(paths, _ledger(ledger)).summary()))


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
