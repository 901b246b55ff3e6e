"""``footprint run -- CMD``: run a command, measure the machine while it runs, exit with its status.

The command starts first (its stdin, stdout and stderr are this process's, untouched); the meter is built
and the run checkpointed from a background thread. SIGINT, SIGTERM and SIGHUP are forwarded to the command
(SIGINT only when it did not already reach the command from the terminal: when the supervisor is in the
terminal's foreground process group, the terminal delivered Ctrl-C to the command too). The exit status is
the command's, or 128 + N when it died of signal N. The run ends ``finished`` (exit 0), ``interrupted`` (the
supervisor received a stop signal), or ``failed`` (any other non-zero exit or death by a signal). A summary
goes to stderr after the command ends.

If the supervisor itself is killed with SIGKILL, the command goes on and the run stays ``running`` in the
ledger with its checkpoints up to the last interval; it reads as ``lost``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time

from ..errors import FootprintError
from .identity import HOST_ENV, check_host, check_job, host_name, job_id, local_rank
from .ledger import new_run_id
from ..text import printable
from .records import check_interval
from .session import Recording, stderr_warn

__all__ = ["supervise", "local_rank", "exit_code", "summary_lines", "format_energy", "RUN_ENV"]

FORWARDED = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))
RUN_ENV = "FOOTPRINT_RUN_ID"  # set for the command: track() and the callbacks inside it do not measure twice


def exit_code(returncode: int) -> int:
    """A shell's exit status for a ``Popen.returncode``: N, or 128 + N when killed by signal N."""
    return 128 - returncode if returncode < 0 else returncode


def wait_handling_signals(proc: subprocess.Popen, poll_s: float = 0.1) -> int:
    """Wait for ``proc`` and return its return code, running this process's signal handlers at least every
    ``poll_s`` seconds [s] meanwhile.

    A process-directed signal may be delivered to any thread; when it lands on the meter's thread, a main
    thread blocked in ``waitpid`` is not woken, and Python runs the handler (which forwards the signal to
    the command) only after the command has ended on its own. Waiting in short slices returns to the
    interpreter, which runs the pending handler.
    """
    while True:
        try:
            return proc.wait(timeout=poll_s)
        except subprocess.TimeoutExpired:
            continue


def format_energy(kwh: float) -> str:
    """An energy [kWh] in Wh, kWh or MWh, 4 significant digits."""
    if kwh == 0:
        return "0 Wh"
    if kwh < 1:
        return f"{kwh * 1000:.4g} Wh"
    if kwh < 1000:
        return f"{kwh:.4g} kWh"
    return f"{kwh / 1000:.4g} MWh"


def summary_lines(rec: Recording, describe=None) -> list[str]:
    """The lines of the end-of-run summary: energy per component and method, then ``describe(rec)`` (the lines the
    caller adds, e.g. the run's carbon, water and embodied share), the problems and the ledger."""
    d = rec.snapshot()
    head = (f"footprint: run {rec.id} {('“' + rec.name + '”') if rec.name else ''} {rec.status}"
            f"{'' if rec.exit_status is None else f' (exit {rec.exit_status})'} after {d['duration_s']:.1f} s")
    lines = [" ".join(head.split())]
    for c in ("cpu", "gpu", "ram"):
        how = rec.details.get(c, "")
        lines.append(f"  {c:<4} {format_energy(rec.energy_kwh[c]):>12}  {rec.methods.get(c) or 'not measured'}"
                     + (f" ({how})" if how else ""))
    lines.append(f"  {'IT':<4} {format_energy(rec.total_kwh):>12}  total")
    if describe is not None:
        try:
            lines += describe(rec)
        except Exception as exc:  # the summary must not change the exit status
            lines.append(f"  (impacts not computed: {exc})")
    if rec.row.get("job"):
        lines.append(f"  job  {rec.row['job']}, host {rec.row.get('host')}: `footprint runs show {rec.row['job']}` "
                     "adds up the job's hosts")
    for p in rec.problems:
        lines.append(f"  note: {p}")
    lines.append(f"  ledger: {rec.ledger.path}" + ("" if not rec.fallback_file else f" (unwritable; saved in {rec.fallback_file})"))
    return [printable(line) for line in lines]  # names, commands and notes reach a terminal


def supervise(cmd: list[str], name: str | None = None, region: str | None = None, system=None,
              phase: str | None = None, interval_s: float = 10.0, ledger=None, rank: int | None = None,
              scope: str = "machine", describe=None, job: str | None = None, host: str | None = None) -> int:
    """Run ``cmd`` under measurement; return the exit status to exit with.

    ``job`` and ``host`` (default: the launcher's job id and ``$FOOTPRINT_HOST`` or the host name,
    :mod:`.identity`) key the run, so that the runs of a multi-node job's hosts merge into one job.

    ``describe(recording) -> lines`` adds lines to the end-of-run summary (the command line passes the run's life
    cycle: carbon, water, embodied share); it never changes the exit status.

    Raises
    ------
    FootprintError
        Before the command starts: no command, no region, an unknown region, an invalid spec or phase.
    """
    if not cmd:
        raise FootprintError("give the command to measure after --: footprint run [OPTIONS] -- CMD [ARGS...]")
    _, bad = check_interval(interval_s, "--interval")
    if bad:
        raise FootprintError(bad)
    if host is None and os.environ.get(HOST_ENV, "").strip():
        check_host(os.environ[HOST_ENV], HOST_ENV)
    job = job_id(check_job(job) if job is not None else None)[0]
    host = host_name(check_host(host) if host is not None else None)[0]
    lr, lr_src = local_rank(rank)
    if lr != 0:  # another process measures this machine: run the command as if we were not there
        stderr_warn(f"local rank {lr} ({lr_src}): not measuring, local rank 0 measures this machine")
        try:
            os.execvp(cmd[0], cmd)
        except OSError as exc:
            raise FootprintError(f"cannot run {cmd[0]!r}: {exc.strerror or exc}") from None
    from .region import resolve_region

    reg, reg_src = resolve_region(region, system, phase)
    received: list[tuple[int, bool]] = []
    holder: dict = {}

    def forward(signum, frame):
        proc = holder.get("proc")
        # (signal, forwarded): one that arrives before the command started is sent right after it starts
        received.append((signum, proc is not None))
        if proc is None:
            return
        if signum == signal.SIGINT:
            try:
                if os.isatty(0) and os.tcgetpgrp(0) == os.getpgrp():
                    return  # the terminal sent Ctrl-C to the whole foreground group, the command included
            except (OSError, AttributeError):  # no terminal; no process groups (Windows)
                pass
        try:
            proc.send_signal(signum)
        except (ProcessLookupError, OSError, ValueError):  # ValueError: a signal Windows cannot send (SIGINT)
            pass

    old = {s: signal.signal(s, forward) for s in FORWARDED}
    exe = shutil.which(cmd[0])
    if exe is None:
        for s, h in old.items():
            signal.signal(s, h)
        raise FootprintError(f"cannot run {cmd[0]!r}: no such command (not found on PATH, or not executable)")
    meta = {"command": list(cmd), "region": reg, "region_source": reg_src, "local_rank": lr,
            "rank_source": lr_src, "system": str(system) if system is not None else None, "phase": phase,
            "job": job, "host": host}
    run_id = new_run_id()
    rec = Recording(name=name or shlex.join(cmd)[:80], kind="run", ledger=ledger, interval_s=interval_s,
                    scope=scope, meta=meta, run_id=run_id)
    t0 = time.time()
    rec.begin(t0)  # the run's row is in the ledger before the command starts
    try:
        proc = subprocess.Popen(cmd, env={**os.environ, RUN_ENV: run_id})
    except OSError as exc:
        for s, h in old.items():
            signal.signal(s, h)
        rec.problem(f"the command could not be started: {exc.strerror or exc}")
        rec.stop("failed", 127)
        raise FootprintError(f"cannot run {cmd[0]!r}: {exc.strerror or exc}") from None
    holder["proc"] = proc
    # Python runs signal handlers between bytecodes of this thread: a handler that runs from here on sees
    # the command and forwards the signal itself (marked True), so each signal reaches the command once.
    for signum, forwarded in list(received):
        if not forwarded:
            proc.send_signal(signum)
    rec.start(t0)  # the meter is built in a thread while the command runs
    try:
        rc = wait_handling_signals(proc)
        t_end = time.time()  # the run ends with the command, however long the ledger makes us wait after
    finally:
        for s, h in old.items():
            signal.signal(s, h)
    code = exit_code(rc)
    status = "interrupted" if received else ("finished" if rc == 0 else "failed")
    rec.stop(status, code, ended=t_end)
    for line in summary_lines(rec, describe):
        try:
            sys.stderr.write(line + "\n")
        except Exception:
            pass
    sys.stderr.flush()
    return code
