"""``footprint run [OPTIONS] -- CMD``: run a command and measure the machine while it runs; the end-of-run summary
adds the run's carbon and water (and, with ``--system SPEC``, its life cycle on that hardware)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import FootprintError
from .common import LEDGER_HELP, check_ledger

__all__ = ["run_cmd", "lifecycle_lines", "describe_run", "format_mass"]

CONTEXT = {"allow_extra_args": True, "ignore_unknown_options": True, "allow_interspersed_args": False}
MAX_LOCAL_RANK = 65535


def format_mass(kg: float) -> str:
    """A mass of CO2e [kg] in g or kg, 4 significant digits."""
    return f"{kg * 1000:.4g} gCO2e" if abs(kg) < 1 else f"{kg:.4g} kgCO2e"


def lifecycle_lines(est) -> list[str]:
    """Operational, amortised embodied, water and materials of a one-run estimate, as summary lines."""
    from ..tracker.supervisor import format_energy

    res = est.results
    gwp, water = res[res.criterion == "gwp"], res[res.criterion == "water"]
    use_kg, emb_kg = float(gwp[gwp.stage == "use"].value.sum()), float(gwp[gwp.stage != "use"].value.sum())
    w_use, w_emb = float(water[water.stage == "use"].value.sum()), float(water[water.stage != "use"].value.sum())
    meter = float(res[(res.criterion == "energy") & (res.stage == "use")].value.sum())
    out = [f"  life cycle of this run on {est.name.split(': run')[0]!r}:",
           f"    operational   {format_mass(use_kg)} ({format_energy(meter)} at the meter, PUE included)",
           f"    embodied      {format_mass(emb_kg)} (amortised share of making, shipping and disposing of the hardware)",
           f"    water         {w_use + w_emb:.4g} L ({w_use:.4g} L operational, {w_emb:.4g} L embodied)"]
    mats = est.materials.head(4)
    if len(mats):
        out.append("    materials     " + ", ".join(f"{m.material} {m.kg * 1000:.3g} g" for m in mats.itertuples()))
    return out


def describe_run(system=None, phase=None):
    """The summary lines a finished recording gets: its life cycle on ``system`` (phase ``phase``), else its carbon
    and water in the run's region at PUE 1."""

    def describe(rec) -> list[str]:
        from ..lifecycle import operational, run_estimate

        if system is not None:
            return lifecycle_lines(run_estimate(rec.id, system, phase=phase, ledger=rec.ledger))
        region = rec.row.get("region")
        if not region:
            return []
        op = operational(rec.total_kwh, region)
        return [f"  {format_mass(op['gwp_kgco2e'])}, water {op['water_l']:.4g} L in {region} "
                f"(grid {op['grid_kgco2e_per_kwh'] * 1000:.4g} gCO2e/kWh, {op['water_l_per_kwh']:.3g} L/kWh at the power "
                "plants; PUE 1 assumed: give --system SPEC --phase PHASE for a data center and the embodied share)"]

    return describe


def run_cmd(
    ctx: typer.Context,
    name: Optional[str] = typer.Option(None, "--name", help="A label for the run (default: the command)."),
    region: Optional[str] = typer.Option(None, "--region", help="Where the electricity comes from: FR, US-CA, "
                                         "aws:us-east-1 ... (else the spec's data center, else $FOOTPRINT_REGION)."),
    system: Optional[Path] = typer.Option(None, "--system", help="A TOML system spec: the region of the phase's data "
                                          "center, and the run's life cycle on that hardware."),
    phase: Optional[str] = typer.Option(None, "--phase", help="The spec's training phase this run belongs to."),
    interval: float = typer.Option(10.0, "--interval", help="Seconds between checkpoints to the ledger (0.05 to 3600)."),
    ledger: Optional[str] = typer.Option(None, "--ledger", help=LEDGER_HELP + " A directory (or a path ending "
                                         "with /) holds one file per host: give it to every host of a multi-node job."),
    local_rank: Optional[int] = typer.Option(None, "--local-rank", help="This process's rank on the machine, 0 to "
                                             f"{MAX_LOCAL_RANK} (default: $LOCAL_RANK, $OMPI_COMM_WORLD_LOCAL_RANK, "
                                             "$SLURM_LOCALID, 0); only rank 0 measures."),
    job: Optional[str] = typer.Option(None, "--job", help="The job id the hosts of a multi-node job share (default: "
                                      "$FOOTPRINT_JOB, $TORCHELASTIC_RUN_ID, $SLURM_JOB_ID, Open MPI's, $PBS_JOBID)."),
    host: Optional[str] = typer.Option(None, "--host", help="This host's name in the job (default: $FOOTPRINT_HOST, "
                                       "else the host name): for containers whose host names repeat."),
    scope: str = typer.Option("machine", "--scope", help="machine (whole machine) or process (the command's process "
                              "tree) for the CPU and RAM models."),
) -> None:
    """Run CMD and measure the machine while it runs: footprint run [OPTIONS] -- CMD [ARGS...]

    Exits with CMD's status (128+N when it died of signal N); SIGINT, SIGTERM and SIGHUP are forwarded; CMD's output
    is untouched; a summary goes to stderr at the end. In a multi-node job, run it on every host with the same --job
    (or the launcher's id) and --ledger DIR/ on a shared filesystem: `footprint runs show JOB` adds the hosts up.
    """
    from ..tracker.supervisor import supervise

    if scope not in ("machine", "process"):
        raise FootprintError(f"--scope must be machine or process, got {scope!r}")
    if local_rank is not None and not 0 <= local_rank <= MAX_LOCAL_RANK:
        raise FootprintError(f"--local-rank {local_rank} is not a local rank: give an integer from 0 to {MAX_LOCAL_RANK} "
                             "(this process's rank on its machine), or leave it out to read $LOCAL_RANK or $SLURM_LOCALID")
    if system is not None:
        from ..spec import spec_file

        spec_file(system)
    if phase is not None and system is None:
        raise FootprintError("--phase needs --system SPEC (the spec that defines the phase)")
    check_ledger(ledger)
    # --interval, --job and --host are checked by supervise, before the command starts
    raise typer.Exit(supervise(list(ctx.args), name=name, region=region, system=system, phase=phase,
                               interval_s=interval, ledger=ledger, rank=local_rank, scope=scope,
                               describe=describe_run(system, phase), job=job, host=host))
