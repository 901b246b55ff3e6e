"""The job table of fleet accounting: one row per scheduler job (or Kubernetes pod), one Arrow / Parquet schema.

Every importer (:mod:`.sacct`, :mod:`.kepler`, :mod:`.tables`) writes this schema and every engine reads it. Times
are UTC; energy is in joules; memory in MiB (Slurm's ``M``). A null means "not known" (never zero): a job whose
energy was not measured has ``energy_j`` null, not 0.

============== ====================== ========================================================================
column         type                   meaning
============== ====================== ========================================================================
job_id         string (required)      the scheduler's id (Slurm ``JobID``: ``1234``, array ``1234_7``,
                                      heterogeneous component ``1234+0``; Kepler: the pod uid)
user           string                 who ran it (Slurm ``User``; Kepler: null)
account        string                 the account charged (Slurm ``Account``; Kepler: the namespace)
partition      string (required)      the partition (a fleet of the cluster spec serves it)
state          string (required)      base state: ``COMPLETED``, ``FAILED``, ``CANCELLED``, ``TIMEOUT`` ...
cancelled_by   int64                  the uid of ``CANCELLED by <uid>``
submit         timestamp[s, UTC]      submission time
start          timestamp[s, UTC]      start time (null: never started)
end            timestamp[s, UTC]      end time as the scheduler printed it (the run time is ``elapsed_s``)
elapsed_s      int64 (required)       run time [s] (Slurm ``ElapsedRaw``: trust it over end - start)
nodes          int32 (required)       nodes allocated
node_list      string                 the compact host list (``nid[001002,001004-001006]``)
cpus           int32 (required)       CPUs allocated (as the scheduler counts them)
mem_mb         float64                memory allocated to the whole job [MiB]
gpus           int32 (required)       GPUs allocated (typed and untyped TRES counted once)
gpu_type       string                 GPU type(s) from the typed TRES (``h100``; several joined by ``,``)
energy_j       float64                measured IT energy [J] (null: not measured)
energy_source  string                 what measured it (``slurm ConsumedEnergyRaw``, ``kepler rapl-sysfs`` ...)
energy_scope   string                 ``node``: node counters, the job's own only when it held its nodes alone;
                                      ``job``: the job's own energy (Kepler per-pod)
exclusive      bool                   the job held its nodes alone (null: not known; the report then decides
                                      from the allocation)
============== ====================== ========================================================================
"""

from __future__ import annotations

__all__ = ["COLUMNS", "REQUIRED", "DOCS", "arrow_schema", "STATE_CLASSES", "state_class", "UNFINISHED",
           "FAILED_STATES", "CANCELLED_STATES"]

#: (column, arrow type name, required, meaning) in table order.
COLUMNS: tuple[tuple[str, str, bool, str], ...] = (
    ("job_id", "string", True, "the scheduler's job id"),
    ("user", "string", False, "who ran it"),
    ("account", "string", False, "the account charged"),
    ("partition", "string", True, "the partition (a fleet of the cluster spec serves it)"),
    ("state", "string", True, "base state (COMPLETED, FAILED, CANCELLED, TIMEOUT ...)"),
    ("cancelled_by", "int64", False, "uid of 'CANCELLED by <uid>'"),
    ("submit", "timestamp", False, "submission time [UTC]"),
    ("start", "timestamp", False, "start time [UTC] (null: never started)"),
    ("end", "timestamp", False, "end time as printed [UTC]"),
    ("elapsed_s", "int64", True, "run time [s]"),
    ("nodes", "int32", True, "nodes allocated"),
    ("node_list", "string", False, "compact host list"),
    ("cpus", "int32", True, "CPUs allocated"),
    ("mem_mb", "float64", False, "memory of the whole job [MiB]"),
    ("gpus", "int32", True, "GPUs allocated"),
    ("gpu_type", "string", False, "GPU type(s)"),
    ("energy_j", "float64", False, "measured IT energy [J] (null: not measured)"),
    ("energy_source", "string", False, "what measured the energy"),
    ("energy_scope", "string", False, "node (node counters) or job (the job's own)"),
    ("exclusive", "bool", False, "the job held its nodes alone (null: not known)"),
)

REQUIRED = tuple(c for c, _, req, _ in COLUMNS if req)
DOCS = {c: doc for c, _, _, doc in COLUMNS}

#: Slurm states of jobs that have not finished: skipped on import (with a count).
UNFINISHED = frozenset({"PENDING", "RUNNING", "SUSPENDED", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING",
                        "CONFIGURING", "COMPLETING", "STAGE_OUT", "SIGNALING", "RESV_DEL_HOLD", "SPECIAL_EXIT"})

#: States counted as failed jobs (the job did not complete its work).
FAILED_STATES = frozenset({"FAILED", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "TIMEOUT", "DEADLINE"})

#: States counted as cancelled jobs.
CANCELLED_STATES = frozenset({"CANCELLED", "PREEMPTED", "REVOKED"})

#: The classes of finished jobs the report keeps apart.
STATE_CLASSES = ("completed", "failed", "cancelled", "other")


def state_class(state: str) -> str:
    """``completed`` (COMPLETED), ``failed`` (:data:`FAILED_STATES`), ``cancelled`` (:data:`CANCELLED_STATES`) or
    ``other``."""
    s = (state or "").upper()
    if s == "COMPLETED":
        return "completed"
    if s in FAILED_STATES:
        return "failed"
    if s in CANCELLED_STATES:
        return "cancelled"
    return "other"


def arrow_schema():
    """The :class:`pyarrow.Schema` of the job table (timestamps in seconds, UTC)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "int32": pa.int32(), "float64": pa.float64(),
             "bool": pa.bool_(), "timestamp": pa.timestamp("s", tz="UTC")}
    meta = {f"doc:{c}": doc for c, doc in DOCS.items()}
    return pa.schema([pa.field(c, types[t], nullable=not req) for c, t, req, _ in COLUMNS],
                     metadata={**meta, "footprint:table": "fleet jobs v1"})
