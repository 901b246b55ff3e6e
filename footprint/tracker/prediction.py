"""Predicting a run's energy from its first epochs (what Carbontracker does), so that a long training can be judged,
or stopped, early.

``track(total_epochs=N)`` (the callbacks read N from the trainer) and an epoch hook (``run.epoch_end()``, optionally
``run.epoch_start()``; the callbacks' epoch events) give the energy of each epoch: the meter's reading from the
epoch's start (``epoch_start()``, else the previous epoch's end, else the run's start) to its end. After
``predict_after`` epochs (default 2) the run predicts the IT energy [kWh] of the whole run::

    predicted = E_so_far + (N - k) x mean(epoch energies)
    range     = E_so_far + (N - k) x [min, max](epoch energies)

with ``E_so_far`` the run's energy up to the end of epoch ``k`` (its start-up included) and the range from the least
and the most energy an epoch has used so far (not a statistical interval: with 2 epochs a t-interval is about 13
times the spread). The prediction is logged once on stderr (a ``footprint:`` line, unless ``quiet``) and recorded on
the run (the ledger's ``prediction``, JSON), with every epoch's energy as the run goes on, so that ``footprint runs
show`` puts it beside the outcome. Carbon and water need the region's factors: the tracker predicts energy only, and
``runs show`` converts it.

Nothing here raises into the training: a ``total_epochs`` or ``predict_after`` that is not a whole number of epochs
is a problem recorded on the run, and no prediction is made.
"""

from __future__ import annotations

import math
import time

__all__ = ["DEFAULT_AFTER", "MAX_EPOCHS", "METHOD", "check_epochs", "EpochPredictor"]

DEFAULT_AFTER = 2
MAX_EPOCHS = 10 ** 9
#: How the prediction and its range are made (recorded with it).
METHOD = ("energy so far + remaining epochs x the mean energy of the epochs measured so far; range: x their least "
          "and their most")


def check_epochs(value, name: str = "total_epochs", low: int = 1) -> tuple[int | None, str | None]:
    """``(epochs, None)`` for a whole number of epochs from ``low`` to :data:`MAX_EPOCHS` (``3.0`` is 3), ``(None,
    None)`` for None, else ``(None, what is wrong)``."""
    if value is None:
        return None, None
    try:
        ok = not isinstance(value, bool) and math.isfinite(float(value)) and float(value) == int(value)
        n = int(value) if ok else None
    except (TypeError, ValueError, OverflowError):
        ok, n = False, None
    if ok and low <= n <= MAX_EPOCHS:
        return n, None
    return None, (f"{name} must be a whole number of epochs from {low} to {MAX_EPOCHS:g}, got {value!r}: give the "
                  "number of epochs the training runs; no prediction is made")


def _fmt(kwh: float) -> str:
    from .supervisor import format_energy

    return format_energy(kwh)


class EpochPredictor:
    """The epochs of one recording (:class:`~.session.Recording`) and the prediction made from them.

    Parameters
    ----------
    rec : Recording
        The run measured; its problems get what goes wrong, its row the prediction.
    total_epochs : int, optional
        The epochs the training runs (None: the epochs are recorded, no prediction is made).
    after : int
        The epochs measured before predicting (default :data:`DEFAULT_AFTER`).
    quiet : bool
        No stderr line for the prediction (it is still recorded).
    """

    def __init__(self, rec, total_epochs=None, after=DEFAULT_AFTER, quiet: bool = False, source: str = "total_epochs"):
        self.rec, self.quiet = rec, quiet
        self.total, bad = check_epochs(total_epochs, source)
        self.after, bad_after = check_epochs(after, "predict_after")
        for p in (bad, bad_after):
            if p:
                rec.problem(p)
        if self.after is None:
            self.total = None
        self.epochs = 0  # epoch ends seen
        self.epoch_kwh: list[float] = []  # energy [kWh] of each epoch measured
        self.prediction: dict | None = None
        self._mark: float | None = 0.0  # the run's energy [kWh] when the current epoch started (None: not known)

    def start(self) -> None:
        """An epoch starts: its energy counts from now (never raises)."""
        try:
            totals = self.rec.read_now()
            self._mark = None if totals is None else float(sum(totals.values()))
        except Exception as exc:  # pragma: no cover - never into the training
            self.rec.problem(f"epoch start not recorded ({type(exc).__name__}: {exc})", warn_key="epoch-start")

    def end(self) -> dict | None:
        """An epoch ends: record its energy; return the prediction when it is made now (never raises)."""
        try:
            return self._end()
        except Exception as exc:  # pragma: no cover - never into the training
            self.rec.problem(f"epoch end not recorded ({type(exc).__name__}: {exc})", warn_key="epoch-end")
            return None

    def _end(self) -> dict | None:
        self.epochs += 1
        totals = self.rec.read_now()
        if totals is None:
            self.rec.problem(f"the energy of epoch {self.epochs} could not be read (no meter yet, a checkpoint waiting "
                             "for the ledger, or the run ended); it is left out of the prediction",
                             warn_key="epoch-unread")
            self._mark = None
            return None
        so_far = float(sum(totals.values()))
        if self._mark is not None:
            self.epoch_kwh.append(max(so_far - self._mark, 0.0))
        self._mark = so_far
        if self.total is not None and self.epochs > self.total:
            self.rec.problem(f"epoch {self.epochs} ended, but total_epochs is {self.total}: the prediction was made for "
                             f"{self.total} epochs", warn_key="epochs-over")
        made = None
        if (self.prediction is None and self.total is not None and len(self.epoch_kwh) >= self.after
                and self.epochs < self.total):
            made = self.prediction = self._predict(so_far)
            if not self.quiet:
                self.rec.warn(self.line())
        self._record()
        return made

    def _predict(self, so_far: float) -> dict:
        e = self.epoch_kwh
        left = self.total - self.epochs
        mean = sum(e) / len(e)
        return {"total_epochs": self.total, "after_epochs": self.epochs, "epochs_measured": len(e),
                "energy_kwh": so_far + left * mean, "low_kwh": so_far + left * min(e),
                "high_kwh": so_far + left * max(e), "measured_kwh": so_far, "at": time.time(), "method": METHOD}

    def _record(self) -> None:
        row = dict(self.prediction or {"total_epochs": self.total})
        row.update({"epochs": self.epochs, "epoch_kwh": list(self.epoch_kwh)})
        self.rec.row["prediction"] = row

    def line(self) -> str:
        """The stderr line of the prediction."""
        p = self.prediction
        return (f"run {self.rec.id}: predicted IT energy of the whole run after {p['after_epochs']} of "
                f"{p['total_epochs']} epochs: {_fmt(p['energy_kwh'])} (range {_fmt(p['low_kwh'])} to "
                f"{_fmt(p['high_kwh'])}: the energy so far, {_fmt(p['measured_kwh'])}, + "
                f"{p['total_epochs'] - p['after_epochs']} epochs x the mean, least and most energy of an epoch so far)")
