"""Runs as the ledger stores them: :class:`RunRecord`, the effective status of a run (``lost`` derived on
reading), time formatting, the default ledger path and run ids."""

from __future__ import annotations

import math
import os
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = ["COMPONENTS", "STATUSES", "DEFAULT_LEDGER", "RunRecord", "default_ledger_path", "effective_status",
           "stale_after_s", "iso", "new_run_id", "finite", "check_interval", "MIN_INTERVAL_S",
           "MAX_INTERVAL_S", "DEFAULT_INTERVAL_S"]

COMPONENTS = ("cpu", "gpu", "ram")
STATUSES = ("running", "finished", "failed", "interrupted", "lost")
DEFAULT_LEDGER = Path(".footprint") / "ledger.db"

#: The checkpoint intervals [s] a run accepts: from 20 checkpoints a second (each is one ledger transaction) to one an
#: hour (a run is declared lost after 3 missed intervals); 10 s by default.
MIN_INTERVAL_S, MAX_INTERVAL_S, DEFAULT_INTERVAL_S = 0.05, 3600.0, 10.0


def check_interval(value, option: str = "interval_s") -> tuple[float, str | None]:
    """``(value [s], None)`` for a valid checkpoint interval, else ``(DEFAULT_INTERVAL_S, what is wrong)``: a number
    of seconds from :data:`MIN_INTERVAL_S` to :data:`MAX_INTERVAL_S` (NaN, infinities, 0, negatives and non-numbers
    are not). ``option`` names the value in the message (``--interval`` or ``interval_s``)."""
    try:
        x = float(value)
        ok = not isinstance(value, bool) and math.isfinite(x) and MIN_INTERVAL_S <= x <= MAX_INTERVAL_S
    except (TypeError, ValueError, OverflowError):
        ok = False
    if ok:
        return x, None
    return DEFAULT_INTERVAL_S, (f"{option} must be a number of seconds > 0, got {value!r}: give one from "
                                f"{MIN_INTERVAL_S:g} to {MAX_INTERVAL_S:g} s (default {DEFAULT_INTERVAL_S:g})")


def default_ledger_path(explicit: str | os.PathLike | None = None) -> Path:
    """The ledger to use: ``explicit``, else ``$FOOTPRINT_LEDGER``, else ``./.footprint/ledger.db``."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("FOOTPRINT_LEDGER")
    if env:
        return Path(env).expanduser()
    return DEFAULT_LEDGER


def finite(x):
    """``x`` when it is a finite number (or not a number at all), else None: what the ledger hands out never holds a
    NaN or an infinity (a ledger written by an older footprint may)."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def iso(t: float | None) -> str | None:
    """POSIX time [s] -> ISO 8601 UTC string with seconds (``None``, and a time no calendar holds, give ``None``)."""
    try:
        return datetime.fromtimestamp(float(t), tz=timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def stale_after_s(interval_s: float | None) -> float:
    """Age [s] of the last checkpoint after which a ``running`` run counts as lost.

    ``max(3 x interval, interval + 60 s)``: three missed checkpoints, and at least a minute of slack for a
    busy machine or a ledger locked for a while.
    """
    i = float(interval_s or 10.0)
    return max(3.0 * i, i + 60.0)


def _process_alive(pid: int | None, pid_started: float | None) -> bool | None:
    """True/False when this host can tell whether the process ``pid`` started at ``pid_started`` lives."""
    if not pid:
        return None
    try:
        import psutil

        p = psutil.Process(int(pid))
        if pid_started is not None and abs(p.create_time() - float(pid_started)) > 1.0:
            return False  # the pid was reused by another process
        return p.status() != psutil.STATUS_ZOMBIE
    except ImportError:  # pragma: no cover - psutil comes with codecarbon
        return None
    except Exception:  # NoSuchProcess, AccessDenied ...
        return False


def effective_status(row: dict, now: float | None = None) -> str:
    """The status to show: the stored one, or ``lost`` for a ``running`` run nobody checkpoints any more."""
    status = row.get("status")
    if status != "running":
        return status
    now = time.time() if now is None else now
    if row.get("host") == socket.gethostname():
        alive = _process_alive(row.get("pid"), row.get("pid_started"))
        if alive is False:
            return "lost"
    last = row.get("last_checkpoint") or row.get("started") or 0.0
    if now - last > stale_after_s(row.get("interval_s")):
        return "lost"
    return "running"


@dataclass
class RunRecord:
    """A run as stored in the ledger (the ``runs`` row) plus its samples when asked for.

    Energies are IT energy [kWh] per component; ``status`` is the effective status (``lost`` derived).
    """

    data: dict
    samples: list[dict] = field(default_factory=list)

    def __getattr__(self, k: str) -> Any:
        try:
            return self.data[k]
        except KeyError:
            raise AttributeError(k) from None

    @property
    def energy_kwh(self) -> float:
        """Total IT energy [kWh]: cpu + gpu + ram."""
        return float(sum(self.data.get(f"{c}_kwh") or 0.0 for c in COMPONENTS))

    def to_dict(self) -> dict:
        """The export contract: id, name, status, started, ended (ISO), exit_status, energy_kwh per
        component and in total, methods, and the rest of the row. A number that is not finite (only a ledger
        written by an older footprint can hold one) is None: the contract is valid JSON."""
        energy = {c: finite(float(self.data.get(f"{c}_kwh") or 0.0)) for c in COMPONENTS}
        d = {k: finite(v) for k, v in self.data.items()}
        out = {
            "id": d["id"], "name": d.get("name"), "status": d["status"], "started": iso(d.get("started")),
            "ended": iso(d.get("ended")), "exit_status": d.get("exit_status"),
            "duration_s": d.get("duration_s"),
            "energy_kwh": {**energy, "total": finite(self.energy_kwh) if None not in energy.values() else None},
            "method": {c: d.get(f"{c}_method") for c in COMPONENTS},
        }
        for k in ("job", "kind", "region", "region_source", "system", "phase", "host", "pid", "local_rank",
                  "rank_source", "scope", "interval_s", "command", "hardware", "problems", "source", "prediction"):
            out[k] = d.get(k)
        out["last_checkpoint"] = iso(d.get("last_checkpoint"))
        return out


def new_run_id() -> str:
    """A new run id: 12 hexadecimal digits (random; a prefix is enough to name a run)."""
    return os.urandom(6).hex()
