"""A measured run in progress: reads the meter every interval and checkpoints it to the ledger.

:class:`Recording` is shared by the supervisor (``footprint run``), :func:`footprint.track` and the training
callbacks. A background thread builds the meter (so that the caller never waits for the hardware probe),
then every ``interval_s`` reads the energy since the previous checkpoint and writes the run row and one
sample row in a single transaction. When the ledger cannot be written (read-only, disk full, locked for
long) it warns once, keeps the unwritten samples in memory, retries at each checkpoint and at the end, and
records on the run that it did so. If the ledger is still unwritable at the end, the run is written as JSON
next to the ledger or in the temporary directory (whole or not at all: :func:`footprint.files.write_atomic`), and
the message says where. A meter reading that is not a finite energy >= 0 counts as 0 for its interval and is noted.

A run recorded inside another run of this process (``track()`` within ``track()``) does not build a second meter:
its :class:`SharedMeter` reads the outer run's meter over its own span (:meth:`Recording.total_at`).

Nothing here raises into the measured program: every problem becomes a line of ``problems``.
"""

from __future__ import annotations

import json
import math
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from ..errors import FootprintError
from ..files import write_atomic
from .ledger import COMPONENTS, Ledger, LedgerError, new_run_id
from ..text import printable
from .records import DEFAULT_INTERVAL_S, check_interval

__all__ = ["Recording", "SharedMeter", "stderr_warn", "FIRST_WRITE_WAIT_S"]

#: How long [s] the first write of a run may wait for a locked ledger before the run starts without it.
FIRST_WRITE_WAIT_S = 0.1


def stderr_warn(msg: str) -> None:
    """Print ``footprint: msg`` on stderr, control characters escaped (never raises)."""
    try:
        sys.stderr.write(f"footprint: {printable(msg)}\n")
        sys.stderr.flush()
    except Exception:
        pass


def _pid_started() -> float | None:
    try:
        import psutil

        return psutil.Process().create_time()
    except Exception:
        return None


class Recording:
    """One run being measured.

    Parameters
    ----------
    name : str, optional
        A label for people (several runs may share it).
    kind : str
        ``run`` (supervisor), ``track`` (Python), ``callback`` (training callbacks).
    ledger : str or Path or Ledger, optional
        Where to write (default: ``$FOOTPRINT_LEDGER`` or ``./.footprint/ledger.db``).
    interval_s : float
        Seconds between checkpoints [s], from 0.05 to 3600; another value is noted on the run and 10 s used.
    meta : dict
        Other columns of the run row (region, region_source, system, phase, command, local_rank ...).
    meter_factory : callable, optional
        Builds the meter (default: :class:`~.engine.Meter` with ``scope``); for tests.
    warn : callable(str)
        Where warnings go (default: stderr, once per kind of problem).
    """

    def __init__(self, name: str | None = None, kind: str = "track", ledger=None, interval_s: float = 10.0,
                 scope: str = "machine", meta: dict | None = None, meter_factory: Callable | None = None,
                 warn: Callable[[str], None] = stderr_warn, final_write_s: float = 10.0, run_id: str | None = None):
        # short lock waits: a checkpoint that cannot write keeps its samples and retries next interval
        self.ledger = ledger if isinstance(ledger, Ledger) else Ledger(ledger, busy_timeout_s=2.0, retries=3)
        self.interval_s, bad_interval = check_interval(interval_s)
        self.scope = scope
        self.warn = warn
        self.final_write_s = final_write_s
        self._meter_factory = meter_factory
        self.id = run_id or new_run_id()
        self.name = name
        self.problems: list[str] = []
        self._warned: set[str] = set()
        self.meter = None
        self.energy_kwh = {c: 0.0 for c in COMPONENTS}
        self.methods = {c: None for c in COMPONENTS}
        self.details: dict = {}
        self.status = "running"
        self.exit_status: int | None = None
        self.started: float | None = None
        self.ended: float | None = None
        self.last_checkpoint: float | None = None
        self._pending: list[dict] = []  # samples not yet in the ledger
        self._seq = 0
        self._ledger_ok = True
        self._ledger_down_since: float | None = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._t_mono: float | None = None
        self._meter_ready: float | None = None
        self.fallback_file: Path | None = None
        self.row = {
            "id": self.id, "name": name, "status": "running", "kind": kind, "interval_s": self.interval_s,
            "host": socket.gethostname(), "pid": os.getpid(), "pid_started": None, "scope": scope,
            "source": None,
        }
        self.row.update(meta or {})
        self.watch: Callable[[], bool] | None = None  # returns False when the measured work ended abnormally
        self.on_watch_failed: Callable[[], None] | None = None
        if bad_interval:
            self.problem(f"{bad_interval}; used the default {DEFAULT_INTERVAL_S:g} s")

    # --- problems ----------------------------------------------------------------------------------

    def problem(self, msg: str, warn_key: str | None = None) -> None:
        """Record a problem on the run; warn about it once per ``warn_key`` (default: the message)."""
        with self._lock:
            if msg not in self.problems:
                self.problems.append(msg)
        key = warn_key or msg
        if key not in self._warned:
            self._warned.add(key)
            self.warn(msg)

    # --- life cycle --------------------------------------------------------------------------------

    def begin(self, started: float | None = None) -> "Recording":
        """Record the run's start: its row is written to the ledger at once (one short attempt: a locked or
        unwritable ledger costs at most :data:`FIRST_WRITE_WAIT_S` and the row waits in memory), so that a run
        killed in its first second is in the ledger. ``started``: POSIX time the measured work begins (default now)."""
        if self.started is not None:
            return self
        self.started = time.time() if started is None else started
        self._t_mono = time.monotonic() - (time.time() - self.started)
        self.row["pid_started"] = _pid_started()
        from .. import __version__

        self.row["source"] = f"footprint {__version__}"
        self.last_checkpoint = self.started
        quick = Ledger(self.ledger.path, busy_timeout_s=FIRST_WRITE_WAIT_S, retries=1, directory=self.ledger.is_dir)
        with self._lock:
            self._checkpoint(final=False, sample=False, ledger=quick)
        return self

    def start(self, started: float | None = None) -> "Recording":
        """Start measuring: :meth:`begin` (if not done yet), then the thread that builds the meter and checkpoints
        every ``interval_s``."""
        self.begin(started)
        self._thread = threading.Thread(target=self._loop, name=f"footprint-{self.id}", daemon=True)
        self._thread.start()
        return self

    def _build_meter(self) -> None:
        try:
            if self._meter_factory is not None:
                self.meter = self._meter_factory()
            else:
                from .engine import Meter

                self.meter = Meter(scope=self.scope, children_from_start=self.row.get("kind") == "run")
            self._meter_ready = time.time()
            self.methods.update(self.meter.methods)
            self.details = dict(self.meter.details)
            hw = getattr(self.meter, "hardware", None)
            self.row["hardware"] = {"description": hw.to_dict() if hasattr(hw, "to_dict") else None,
                                    "methods": self.details}
            for p in getattr(self.meter, "problems", []):
                self.problem(p)
        except Exception as exc:
            self.meter = None
            self.problem(f"measurement could not start ({type(exc).__name__}: {exc}); the run records its time only")
        finally:
            self._ready.set()

    def _loop(self) -> None:
        self._build_meter()
        # first checkpoint right away: the run exists in the ledger from its first second
        with self._lock:
            if not self._stop.is_set():
                self._checkpoint(final=False, sample=False)
        while not self._stop.wait(self.interval_s):
            try:
                with self._lock:
                    if self._stop.is_set():
                        break
                    self._checkpoint(final=False)
                if self.watch is not None and not self.watch():
                    if self.on_watch_failed is not None:
                        self.on_watch_failed()
                    break
            except Exception as exc:  # never let the thread die silently
                self.problem(f"checkpoint failed ({type(exc).__name__}: {exc})")

    def _sample(self, until: float | None = None) -> None:
        """Read the meter and append one sample covering [previous checkpoint, ``until`` (default now)]."""
        now = time.time() if until is None else until
        t0 = self.last_checkpoint or self.started
        s = {"run_id": self.id, "seq": self._seq, "t_start": t0, "t_end": now}
        if self.meter is not None:
            first = self._seq == 0
            reading = self.meter.read(elapsed_s=now - t0)  # power-based components: mean power x the sample's span
            for c in COMPONENTS:
                e, p = reading.get(c, (0.0, 0.0))
                if not (_reading_ok(e) and (p is None or _reading_ok(p))):
                    if f"bad-reading-{c}" not in self._warned:  # noted once per component, with the first value
                        self.problem(f"{c}: the meter read {e!r} kWh ({p!r} W), not a finite energy >= 0; such "
                                     "readings count as 0 for their interval", warn_key=f"bad-reading-{c}")
                    e, p = 0.0, 0.0
                comp = getattr(self.meter, "components", {}).get(c)
                if first and getattr(comp, "counter", False) and self._meter_ready and now > self._meter_ready:
                    # a counter starts when the meter is built, after the work began: extrapolate the gap
                    e *= (now - t0) / max(now - self._meter_ready, 1e-3)
                s[f"{c}_kwh"], s[f"{c}_w"] = e, p
                self.energy_kwh[c] += e
            for p in getattr(self.meter, "problems", []):
                self.problem(p)
        else:
            for c in COMPONENTS:
                s[f"{c}_kwh"], s[f"{c}_w"] = 0.0, None
        self._seq += 1
        self._pending.append(s)
        self.last_checkpoint = now

    def total_at(self, t: float) -> dict:
        """Energy [kWh] per component this run's meter has read up to POSIX time ``t`` [s] (what a run recorded
        inside this one reads, :class:`SharedMeter`). When ``t`` is past the last reading, the meter is read now and
        ``t`` is interpolated within that reading (constant power over it); before the last reading, or once the run
        has ended, the total so far is given."""
        self._ready.wait(timeout=30)  # the meter is built in the background
        with self._lock:
            before = dict(self.energy_kwh)
            t0 = self.last_checkpoint or self.started or t
            now = time.time()
            if self.ended is not None or self.meter is None or t <= t0 or now <= t0:
                return before
            self._sample(until=now)
            share = min((t - t0) / (now - t0), 1.0)
            return {c: before[c] + (self.energy_kwh[c] - before[c]) * share for c in COMPONENTS}

    def read_now(self, wait_s: float = 2.0) -> dict | None:
        """Energy [kWh] per component up to now (the meter read now; the sample is written at the next checkpoint);
        None when the meter is not built, or a checkpoint waiting for the ledger holds the recorder, for ``wait_s``
        [s], or the run has ended. An epoch's end reads it (:mod:`.prediction`) on the training's thread."""
        if not self._ready.wait(timeout=wait_s) or not self._lock.acquire(timeout=wait_s):
            return None
        try:
            if self.ended is not None or self.meter is None:
                return None
            self._sample()
            return dict(self.energy_kwh)
        finally:
            self._lock.release()

    def snapshot(self) -> dict:
        """The run row as it stands now."""
        row = dict(self.row)
        now = self.last_checkpoint or self.started or time.time()
        row.update({
            "status": self.status, "started": self.started, "ended": self.ended,
            "last_checkpoint": self.last_checkpoint or self.started,
            "duration_s": ((self.ended or now) - self.started) if self.started else 0.0,
            "exit_status": self.exit_status, "problems": list(self.problems) or None,
        })
        for c in COMPONENTS:
            row[f"{c}_kwh"] = self.energy_kwh[c]
            row[f"{c}_method"] = self.methods.get(c)
        return row

    def _checkpoint(self, final: bool, sample: bool = True, ledger: Ledger | None = None) -> bool:
        """Sample (unless ``sample`` is False) and try to write; keep the samples in memory on failure."""
        if sample:
            self._sample()
        elif self.last_checkpoint is None:
            self.last_checkpoint = self.started
        row = self.snapshot()
        try:
            (ledger or self.ledger).write(row, self._pending)
        except (LedgerError, OSError) as exc:
            self._last_transient = bool(getattr(exc, "transient", False))
            if self._ledger_ok:
                self._ledger_ok = False
                self._ledger_down_since = time.time()
                self.problem(f"cannot write the ledger ({exc}); measuring on in memory and writing when it "
                             "can, at the latest at the end", warn_key="ledger")
            self._last_ledger_error = str(exc)
            return False
        self._pending = []
        if not self._ledger_ok:
            self._ledger_ok = True
            note = (f"the ledger was unwritable for {time.time() - self._ledger_down_since:.0f} s; "
                    "the checkpoints of that time were kept in memory and written afterwards")
            with self._lock:
                self.problems = [p for p in self.problems if not p.startswith("cannot write the ledger")]
                self.problems.append(note)
            self.warn(note)
            try:
                self.ledger.write(self.snapshot(), ())
            except (LedgerError, OSError):
                pass
        return True

    def stop(self, status: str, exit_status: int | None = None, ended: float | None = None) -> None:
        """End the run: last reading up to ``ended`` (POSIX time the measured work ended, default now),
        final status, final write (retried until ``final_write_s`` after this call). Never raises."""
        t_end = time.time() if ended is None else float(ended)
        deadline_base = time.monotonic()
        try:
            self._stop.set()
            if self._thread is not None and self._thread is not threading.current_thread():
                self._ready.wait(timeout=30)
                self._thread.join(timeout=self.interval_s + 30)
            with self._lock:
                if self.ended is not None:
                    return
                self.status = status
                self.exit_status = exit_status
                # a checkpoint blocked by the ledger must not stretch the run past the end of the work
                if self.last_checkpoint is None or self.last_checkpoint < t_end:
                    self._sample(until=t_end)
                self.ended = max(t_end, self.last_checkpoint or t_end)
                ok = self._checkpoint(final=True, sample=False)
                # wait for a lock to be released; a missing directory or a read-only file gets one more try
                wait_s = self.final_write_s if getattr(self, "_last_transient", False) else 0.5
                deadline = deadline_base + wait_s
                while not ok and time.monotonic() < deadline:
                    time.sleep(0.2)
                    ok = self._checkpoint(final=True, sample=False)
                if not ok:
                    self._write_fallback()
        except Exception as exc:  # pragma: no cover - last resort
            stderr_warn(f"could not finish the measurement ({type(exc).__name__}: {exc})")

    def _write_fallback(self) -> None:
        data = {"run": self.snapshot(), "samples": self._pending, "ledger": str(self.ledger.path),
                "error": getattr(self, "_last_ledger_error", "")}
        text = json.dumps(data, indent=1, allow_nan=False)  # readings are finite: checked when read
        for d in (self.ledger.fallback_dir, Path(tempfile.gettempdir())):
            try:  # whole or not at all: a full disk leaves no empty or truncated file
                self.fallback_file = write_atomic(d / f"footprint-run-{self.id}.json", text)
                break
            except (FootprintError, OSError):
                continue
        where = f"saved in {self.fallback_file} (`footprint runs import {self.fallback_file}` adds it to a ledger)" \
            if self.fallback_file else "lost: no directory was writable"
        self.problem(f"the ledger {self.ledger.path} could not be written, even at the end; the run is {where}",
                     warn_key="ledger-final")

    @property
    def total_kwh(self) -> float:
        return float(sum(self.energy_kwh.values()))


def _reading_ok(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) and x >= 0


class SharedMeter:
    """The meter of a run recorded inside another run of this process (a ``track()`` within a ``track()``): the
    energy [kWh] that the outer run's meter reads over this run's span, from ``since`` (POSIX time [s]). The machine
    is measured once; the outer run's own total is unchanged (its readings are only cut at this run's ends)."""

    def __init__(self, outer: Recording, since: float):
        self.outer = outer
        self._last = outer.total_at(since)
        self.methods = dict(outer.methods)
        self.details = {c: f"read from the meter of run {outer.id}, which this run is inside" for c in COMPONENTS}
        self.hardware = getattr(outer.meter, "hardware", None)
        self.components: dict = {}
        self.problems: list[str] = []
        if outer.meter is None:
            self.problems.append(f"run {outer.id}, which this run is inside, has no meter: no energy is counted")

    def read(self, elapsed_s: float | None = None) -> dict:
        """Energy [kWh] and mean power [W] per component since the previous read, from the outer run's meter."""
        total = self.outer.total_at(time.time())
        if self.outer.ended is not None and not self.problems:
            self.problems.append(f"run {self.outer.id}, which this run is inside, ended first: the energy after its "
                                 "end is not counted")
        out = {}
        for c in COMPONENTS:
            e = max(total[c] - self._last[c], 0.0)
            out[c] = (e, e * 3.6e6 / elapsed_s if elapsed_s else 0.0)
        self._last = total
        return out
