"""The handle of a measured run: what ``with footprint.track(...) as run`` gives (:class:`Run`)."""

from __future__ import annotations

from .prediction import EpochPredictor
from .session import Recording

__all__ = ["Run"]


class Run:
    """The handle of a measured run (what ``with track(...) as run`` gives).

    Attributes
    ----------
    id : str or None
        The run's id in the ledger (None on a rank that does not measure).
    measuring : bool
        False on a local rank other than 0, and inside ``footprint run`` (``outer_run``: the id of the run
        that measures this process; the machine is not measured twice).
    local_rank : int, rank_source : str
        The rank and where it was read.
    status : str
        running, finished, failed or interrupted.
    energy_kwh : dict
        IT energy [kWh] per component (cpu, gpu, ram) so far.
    methods : dict
        How each component is measured.
    problems : list of str
    parent : str or None
        The id of the run of this process that this one is inside (a ``track()`` within a ``track()``), if any.
    job, host : str or None
        The job the run belongs to (None: a job of its own) and the host it is recorded for.
    job_total : dict or None
        On global rank 0 of an initialised ``torch.distributed`` job, after the end: the job's IT energy [kWh] per
        component and in total, gathered from the hosts (:func:`.gather.job_total`).
    """

    def __init__(self, rec: Recording | None, local_rank: int, rank_source: str, problems: list[str],
                 outer_run: str | None = None, parent: str | None = None, predictor: EpochPredictor | None = None,
                 job: str | None = None, host: str | None = None):
        self._rec = rec
        self.outer_run = outer_run  # the id of the `footprint run` that measures this process, if any
        self.parent = parent
        self.local_rank, self.rank_source = local_rank, rank_source
        self._problems = problems
        self._predictor = predictor
        self.job, self.host = job, host
        self.job_total: dict | None = None

    def epoch_start(self) -> None:
        """Mark the start of an epoch: its energy counts from here (else from the previous epoch's end)."""
        if self._predictor is not None:
            self._predictor.start()

    def epoch_end(self) -> dict | None:
        """Mark the end of an epoch; returns the prediction when it is made at this epoch (never raises)."""
        return self._predictor.end() if self._predictor is not None else None

    @property
    def prediction(self) -> dict | None:
        """The energy [kWh] predicted for the whole run (``energy_kwh``, ``low_kwh``, ``high_kwh``, after
        ``after_epochs`` of ``total_epochs``), once made (:mod:`.prediction`)."""
        return self._predictor.prediction if self._predictor is not None else None

    @property
    def measuring(self) -> bool:
        return self._rec is not None

    @property
    def id(self) -> str | None:
        return self._rec.id if self._rec else None

    @property
    def name(self) -> str | None:
        return self._rec.name if self._rec else None

    @property
    def status(self) -> str:
        return self._rec.status if self._rec else "not measured"

    @property
    def energy_kwh(self) -> dict:
        return dict(self._rec.energy_kwh) if self._rec else {}

    @property
    def total_kwh(self) -> float:
        """Total IT energy [kWh] so far."""
        return self._rec.total_kwh if self._rec else 0.0

    @property
    def methods(self) -> dict:
        return dict(self._rec.methods) if self._rec else {}

    @property
    def problems(self) -> list[str]:
        return list(self._rec.problems) if self._rec else list(self._problems)

    @property
    def ledger(self):
        return self._rec.ledger.path if self._rec else None

    def __repr__(self) -> str:
        if not self._rec and self.outer_run:
            return f"Run(not measured: footprint run {self.outer_run} measures this process)"
        if not self._rec:
            return f"Run(not measured: local rank {self.local_rank}, {self.rank_source})"
        return f"Run(id={self.id!r}, status={self.status!r}, energy_kwh={self.total_kwh:.6g})"
