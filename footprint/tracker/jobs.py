"""Jobs: the runs of the hosts of one multi-node job, merged when the ledger is read.

A job is the runs that share a job id (:mod:`.identity`); a run without a job id is a job of its own. Reading only:
nothing here writes. A job's

- energy [kWh] is the sum over its runs, per component (IT energy at the meter of each host);
- duration [s] is the longest host's (a host's is the sum of its runs', should it have several, e.g. a restart);
- status is the most telling of its runs': ``running`` > ``failed`` > ``interrupted`` > ``lost`` > ``finished``,
  so a job whose hosts finished but one that stopped checkpointing reads ``lost``, and that host is named;
- node count is its number of hosts;
- prediction (:mod:`.prediction`) is the sum of its hosts' predictions, when every host made one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import UnknownKeyError
from .records import COMPONENTS, RunRecord, finite, iso

__all__ = ["Job", "group_jobs", "find", "STATUS_ORDER"]

#: Which status a job takes from its runs: the first that any run has.
STATUS_ORDER = ("running", "failed", "interrupted", "lost", "finished")


def _num(x) -> float:
    try:
        return float(x or 0.0)
    except (TypeError, ValueError):
        return 0.0


@dataclass
class Job:
    """The runs of one job (``has_job``: they share the job id ``id``; else ``id`` is the id of the one run)."""

    id: str
    runs: list[RunRecord] = field(default_factory=list)
    has_job: bool = True

    @property
    def hosts(self) -> list[str]:
        """The hosts, in the order their first runs started."""
        return list(dict.fromkeys(str(r.data.get("host") or "?") for r in self.runs))

    @property
    def nodes(self) -> int:
        """The number of hosts (nodes) the job ran on."""
        return len(self.hosts)

    def by_host(self) -> dict[str, list[RunRecord]]:
        out: dict[str, list[RunRecord]] = {}
        for r in self.runs:
            out.setdefault(str(r.data.get("host") or "?"), []).append(r)
        return out

    @property
    def components(self) -> dict[str, float]:
        """IT energy [kWh] per component, summed over the hosts."""
        return {c: sum(_num(r.data.get(f"{c}_kwh")) for r in self.runs) for c in COMPONENTS}

    @property
    def energy_kwh(self) -> float:
        """IT energy [kWh] of the job: every component of every host."""
        return float(sum(self.components.values()))

    @property
    def duration_s(self) -> float:
        """The longest host's duration [s]."""
        return max((sum(_num(r.data.get("duration_s")) for r in runs) for runs in self.by_host().values()), default=0.0)

    @property
    def status(self) -> str:
        have = {r.status for r in self.runs}
        return next((s for s in STATUS_ORDER if s in have), next(iter(have), "finished"))

    def hosts_with(self, status: str) -> list[str]:
        """The hosts with a run of ``status`` (e.g. the ``lost`` ones)."""
        return [h for h, runs in self.by_host().items() if any(r.status == status for r in runs)]

    @property
    def status_text(self) -> str:
        """The status, with how many hosts have it when not all do (``lost (1 of 3 hosts)``)."""
        s, n = self.status, self.nodes
        k = len(self.hosts_with(s))
        return s if n <= 1 or k == n else f"{s} ({k} of {n} hosts)"

    def methods(self) -> dict[str, str | None]:
        """How each component was measured: one method, or the hosts' methods joined (``RAPL, TDP model``)."""
        return {c: ", ".join(dict.fromkeys(str(r.data.get(f"{c}_method")) for r in self.runs
                                           if r.data.get(f"{c}_method"))) or None for c in COMPONENTS}

    @property
    def started(self):
        return min((r.data.get("started") for r in self.runs if r.data.get("started") is not None), default=None)

    @property
    def ended(self):
        """The last host's end [POSIX s], or None while a host has not ended."""
        ends = [r.data.get("ended") for r in self.runs]
        return None if not ends or any(e is None for e in ends) else max(ends)

    @property
    def last_checkpoint(self):
        return max((r.data.get("last_checkpoint") for r in self.runs if r.data.get("last_checkpoint")), default=None)

    @property
    def name(self) -> str | None:
        return next((r.data.get("name") for r in self.runs if r.data.get("name")), None)

    def regions(self) -> dict[str, float]:
        """IT energy [kWh] per region of the hosts (a run without a region under "")."""
        out: dict[str, float] = {}
        for r in self.runs:
            key = str(r.data.get("region") or "")
            out[key] = out.get(key, 0.0) + r.energy_kwh
        return out

    @property
    def region(self) -> str | None:
        """The region, when every host has the same one."""
        regs = set(self.regions())
        return regs.pop() if len(regs) == 1 and "" not in regs else None

    @property
    def problems(self) -> list[str]:
        """Every host's problems (prefixed with the host when the job has several)."""
        many = self.nodes > 1
        return [f"{r.data.get('host')}: {p}" if many else str(p) for r in self.runs for p in (r.data.get("problems") or [])]

    def prediction(self) -> dict | None:
        """The job's prediction: the sum of its hosts' (each host's run predicts its own energy), when every run made
        one; ``energy_kwh``, ``low_kwh``, ``high_kwh``, ``measured_kwh`` [kWh] and the epochs."""
        preds = [r.data.get("prediction") for r in self.runs]
        if not preds or not all(isinstance(p, dict) and "energy_kwh" in p for p in preds):
            return None
        out = {k: sum(_num(p.get(k)) for p in preds) for k in ("energy_kwh", "low_kwh", "high_kwh", "measured_kwh")}
        out.update({k: preds[0].get(k) for k in ("total_epochs", "after_epochs", "method")})
        out["epochs"] = max(int(_num(p.get("epochs"))) for p in preds)
        out["hosts"] = len(preds)
        return out

    def host_rows(self) -> list[dict]:
        """One row per host: ``host``, ``runs`` (ids), ``status``, ``duration_s``, energies [kWh] per component and
        ``energy_kwh``, ``last_checkpoint`` (ISO)."""
        rows = []
        for h, runs in self.by_host().items():
            sub = Job(self.id, runs, self.has_job)
            rows.append({"host": h, "runs": [r.id for r in runs], "status": sub.status, "duration_s": sub.duration_s,
                         **{f"{c}_kwh": v for c, v in sub.components.items()}, "energy_kwh": sub.energy_kwh,
                         "last_checkpoint": iso(sub.last_checkpoint)})
        return rows

    def to_dict(self) -> dict:
        """The job as JSON: id, nodes, hosts, status, times, duration, energy per component and total, methods, lost
        hosts, prediction, one row per host and every run (:meth:`RunRecord.to_dict`). Non-finite numbers are null."""
        comp = {c: finite(v) for c, v in self.components.items()}
        return {"job": self.id, "nodes": self.nodes, "hosts": self.hosts, "status": self.status,
                "started": iso(self.started), "ended": iso(self.ended), "duration_s": finite(self.duration_s),
                "energy_kwh": {**comp, "total": finite(self.energy_kwh) if None not in comp.values() else None},
                "method": self.methods(), "lost_hosts": self.hosts_with("lost"), "prediction": self.prediction(),
                "per_host": [{k: finite(v) for k, v in row.items()} for row in self.host_rows()],
                "runs": [r.to_dict() for r in self.runs]}


def group_jobs(runs: list[RunRecord]) -> list[Job]:
    """The jobs of ``runs`` (oldest first, as :meth:`Ledger.runs` gives them), in the order their first runs
    started."""
    jobs: dict[tuple, Job] = {}
    for r in runs:
        jid = r.data.get("job")
        key = ("job", str(jid)) if jid else ("run", r.id)
        if key not in jobs:
            jobs[key] = Job(str(jid) if jid else r.id, [], bool(jid))
        jobs[key].runs.append(r)
    return list(jobs.values())


def find(ledger, ident: str, samples: bool = False, now: float | None = None) -> Job | RunRecord:
    """The job or the run ``ident`` names: a job id; else a run id or a unique prefix of one (the run alone, even
    when it is one host of a job); else a unique prefix of a job id. ``samples``: with the samples of a run found.

    Raises
    ------
    UnknownKeyError
        Neither a job nor a run has that id (the message of the run lookup, naming the ledger).
    """
    key = str(ident).strip()
    runs = ledger.runs(now)
    jobs = [j for j in group_jobs(runs) if j.has_job]
    exact = [j for j in jobs if j.id == key]
    if exact:
        return exact[0]
    try:
        return ledger.get(key, samples=samples, now=now)
    except UnknownKeyError as exc:
        prefixed = [j for j in jobs if key and j.id.startswith(key)]
        if len(prefixed) == 1:
            return prefixed[0]
        if len(prefixed) > 1:
            raise UnknownKeyError("job", key, [j.id for j in prefixed[:5]],
                                  hint=f"(the prefix matches {len(prefixed)} jobs in the ledger {ledger.path}; give "
                                       "more of the id)") from None
        raise exc from None
