"""Who measures: the job a run belongs to, the host it runs on, and the process's rank on that host.

A multi-node training job is measured as one job: on each host, local rank 0 records one run, and every run carries
the job id and the host name, so that the ledger's readers can merge the hosts' runs into the job
(:mod:`.jobs`).

- **Job id** (:func:`job_id`): ``--job ID`` / ``track(job=...)``, else ``$FOOTPRINT_JOB``, else the launcher's or the
  scheduler's id, in this order: ``TORCHELASTIC_RUN_ID`` (torchrun; its default ``none`` is not an id),
  ``SLURM_JOB_ID``, ``OMPI_MCA_orte_ess_jobid`` (Open MPI up to 4), ``PMIX_NAMESPACE`` (Open MPI 5, PRRTE),
  ``PBS_JOBID``; else none (the run is a job of its own).
- **Host** (:func:`host_name`): ``--host NAME`` / ``track(host=...)``, else ``$FOOTPRINT_HOST``, else the machine's
  host name. The override is for containers whose host names repeat, and for tests.
- **Local rank** (:func:`local_rank`): ``--local-rank`` / ``track(local_rank=...)``, else ``LOCAL_RANK`` (torchrun,
  accelerate, DeepSpeed), else ``OMPI_COMM_WORLD_LOCAL_RANK`` (mpirun), else ``SLURM_LOCALID`` (srun). srun starting
  torchrun sets ``SLURM_LOCALID=0`` in every child torchrun starts, so ``LOCAL_RANK`` wins. Only local rank 0 measures.
"""

from __future__ import annotations

import os
import socket

from ..errors import FootprintError

__all__ = ["JOB_ENV", "HOST_ENV", "JOB_VARS", "RANK_VARS", "MAX_JOB_ID", "MAX_HOST", "job_id", "host_name",
           "local_rank", "check_job", "check_host"]

JOB_ENV, HOST_ENV = "FOOTPRINT_JOB", "FOOTPRINT_HOST"
#: The environment variables a job id is read from, in order (after the option and ``$FOOTPRINT_JOB``).
JOB_VARS = ("TORCHELASTIC_RUN_ID", "SLURM_JOB_ID", "OMPI_MCA_orte_ess_jobid", "PMIX_NAMESPACE", "PBS_JOBID")
#: The environment variables a local rank is read from, in order (after the option).
RANK_VARS = ("LOCAL_RANK", "OMPI_COMM_WORLD_LOCAL_RANK", "SLURM_LOCALID")
#: Longest job id and host name [characters] (a run id has at most 128 too).
MAX_JOB_ID, MAX_HOST = 128, 255
_NOT_AN_ID = {"", "none"}  # torchrun's --rdzv-id default is "none"


def _bad_text(value, what: str, limit: int) -> str | None:
    """What is wrong with a job id or a host name (None when it is good)."""
    if not isinstance(value, str):
        return f"{what} must be a text, got {value!r}"
    s = value.strip()
    if not s:
        return f"{what} must not be empty, got {value!r}"
    if len(s) > limit:
        return f"{what} {s[:40]!r}... is {len(s)} characters long: give at most {limit}"
    if any(not (c.isprintable() or c == " ") for c in s):
        return f"{what} {s!r} holds control characters: give printable text"
    return None


def _checked(value, option: str, limit: int, what: str, instead: str) -> str:
    """``value`` stripped, or a :class:`FootprintError` naming ``option``, what it is and what leaving it out does."""
    bad = _bad_text(value, option, limit)
    if bad:
        raise FootprintError(f"{bad} ({what}); or leave {option} out to {instead}")
    return value.strip()


def check_job(value, option: str = "--job") -> str:
    """A job id from the command line, checked; raises :class:`FootprintError` naming ``option``."""
    return _checked(value, option, MAX_JOB_ID, "the id the hosts of one job share, e.g. $SLURM_JOB_ID",
                    "read it from the launcher")


def check_host(value, option: str = "--host") -> str:
    """A host name from the command line, checked; raises :class:`FootprintError` naming ``option``."""
    return _checked(value, option, MAX_HOST, "a name for this machine within the job", "use the host name")


def _explicit(value: str | None, what: str, limit: int, instead: str) -> tuple[str | None, str | None]:
    """(the explicit ``value`` stripped, None) when it is good; (None, the problem and ``instead``) when it is not;
    (None, None) when none was given."""
    if value is None:
        return None, None
    problem = _bad_text(value, what, limit)
    return (value.strip(), None) if problem is None else (None, f"{problem}; {instead}")


def job_id(explicit: str | None = None, environ=None) -> tuple[str | None, str, str | None]:
    """``(job id or None, where it came from, problem or None)``.

    ``explicit`` wins (an invalid one is a problem and the environment is read instead); else ``$FOOTPRINT_JOB``, else
    the first of :data:`JOB_VARS` that is set (``TORCHELASTIC_RUN_ID=none`` is not an id); else None.
    """
    env = os.environ if environ is None else environ
    given, problem = _explicit(explicit, "job", MAX_JOB_ID, "the job id was read from the environment instead")
    if given is not None:
        return given, "explicit option", None
    for var in (JOB_ENV, *JOB_VARS):
        value = env.get(var, "").strip()
        if value.lower() in _NOT_AN_ID:
            continue
        if _bad_text(value, var, MAX_JOB_ID) is None:
            return value, var, problem
    return None, "no job id (a run of its own)", problem


def host_name(explicit: str | None = None, environ=None) -> tuple[str, str, str | None]:
    """``(host name, where it came from, problem or None)``: ``explicit``, else ``$FOOTPRINT_HOST``, else the machine's
    host name. An invalid one is a problem, and the next source is used."""
    env = os.environ if environ is None else environ
    given, problem = _explicit(explicit, "host", MAX_HOST, "the machine's host name was used")
    if given is not None:
        return given, "explicit option", None
    value = env.get(HOST_ENV)
    if value is not None and value.strip():
        if _bad_text(value, HOST_ENV, MAX_HOST) is None:
            return value.strip(), HOST_ENV, problem
        problem = (problem or "") + f"{'; ' if problem else ''}{HOST_ENV}={value!r} is not a host name; used the " \
                                    "machine's host name"
    return socket.gethostname(), "host name", problem


def local_rank(explicit: int | None = None, environ=None) -> tuple[int, str]:
    """This process's rank on its machine and where it came from.

    ``explicit`` wins; else the first of :data:`RANK_VARS` that is set; else 0 ("single process"). Only local rank 0
    measures: the machine's energy is counted once. A negative rank (``-1`` is how Hugging Face says "not
    distributed") or one that is not an integer is measured as rank 0, and the source says so; the command line
    refuses a negative ``--local-rank`` before this.
    """
    env = os.environ if environ is None else environ
    found = [(explicit, "explicit option")] if explicit is not None else [
        (env.get(var, "").strip(), var) for var in RANK_VARS]
    for value, where in found:
        if value == "":
            continue
        shown = where if explicit is not None else f"{where}={value}"
        try:
            n = int(value)
            if isinstance(value, float) and n != value:
                raise ValueError
        except (TypeError, ValueError, OverflowError):
            return 0, f"{shown if explicit is None else f'local rank {value!r}'} is not a number: measured as rank 0"
        if n < 0:
            return 0, f"{shown if explicit is None else f'local rank {n}'} (negative: not distributed): measured as rank 0"
        return n, shown
    return 0, "no LOCAL_RANK, OMPI_COMM_WORLD_LOCAL_RANK or SLURM_LOCALID: single process"
