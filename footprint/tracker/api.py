"""``footprint.track()``: measure a block of Python code, a function, or a training loop.

::

    with footprint.track(name="finetune", region="FR") as run:
        train()
    run.id, run.energy_kwh, run.status

    @footprint.track(name="epoch", region="FR")
    def epoch(): ...

The decorator measures a call of a plain function, the iteration of a generator function (from the first
``next()`` to its end or ``close()``), the awaiting of an ``async def`` function and the iteration of an async
generator. A ``track()`` started while another one measures this process (nested blocks, a decorated function
called inside a block, two threads or tasks) records its own run, with a note naming the outer run, and takes its
energy from the outer run's meter over its span: the machine is not measured twice, and the inner run's energy
is part of the outer one's.

Measurement never raises into the measured code: a missing region, a meter that cannot start or a ledger
that cannot be written are recorded on the run (``run.problems``) and reported once on stderr. Exceptions
of the measured code pass through unchanged, and end the run as ``failed`` (``interrupted`` for
KeyboardInterrupt). In a distributed job only local rank 0 measures (``local_rank=``, else ``LOCAL_RANK``,
``OMPI_COMM_WORLD_LOCAL_RANK``, ``SLURM_LOCALID``); on the other ranks the run does nothing and says so
(``run.measuring`` is False). Each host's run carries the job id (``job=``, else the launcher's: :mod:`.identity`) and
the host (``host=``), so that the ledger merges them into one job; with ``torch.distributed`` initialised and
``gather=True``, the hosts' energies are gathered to rank 0 at the end (:mod:`.gather`) and logged there. ``total_epochs=`` with
``run.epoch_end()`` predicts the run's energy from its first epochs (:mod:`.prediction`).
"""

from __future__ import annotations

import atexit
import functools
import inspect
import os
import sys
import threading
import time
import weakref

from .handle import Run
from .prediction import DEFAULT_AFTER, EpochPredictor
from .session import Recording, SharedMeter, stderr_warn

__all__ = ["track", "Tracking", "Run"]

_open: "weakref.WeakSet[Tracking]" = weakref.WeakSet()
_owners: list = []  # the Trackings of this process that measure with a meter of their own, in start order
_open_lock = threading.Lock()


def _outer_recording() -> Recording | None:
    """The recording whose meter measures this process now (the earliest still running), if any."""
    with _open_lock:
        for t in _owners:
            if t.rec is not None and t.rec.ended is None:
                return t.rec
    return None


class Tracking:
    """A measurement that can be used as a context manager, a decorator, or started and stopped by hand.

    Parameters: see :func:`track`.
    """

    def __init__(self, name=None, region=None, system=None, phase=None, interval_s=10.0, ledger=None,
                 local_rank=None, scope="machine", quiet=False, kind="track", warn=stderr_warn, job=None, host=None,
                 total_epochs=None, predict_after=DEFAULT_AFTER, gather=True):
        self.kw = dict(name=name, region=region, system=system, phase=phase, interval_s=interval_s, ledger=ledger,
                       local_rank=local_rank, scope=scope, quiet=quiet, kind=kind, warn=warn, job=job, host=host,
                       total_epochs=total_epochs, predict_after=predict_after, gather=gather)
        self.rec: Recording | None = None
        self.run: Run | None = None
        self._gathered = False

    # --- start / stop by hand (the callbacks use these) --------------------------------------------

    def start(self, local_rank: int | None = None, rank_source: str | None = None, total_epochs=None,
              epochs_source: str = "total_epochs") -> Run:
        """Start measuring (never raises); return the run handle.

        ``local_rank`` (with ``rank_source``, how it was found) overrides the option and the environment;
        ``total_epochs`` (named ``epochs_source`` in a problem) is used when the option gives none.
        """
        k = self.kw
        problems: list[str] = []
        lr, src, parent, job, host, predictor = 0, "unknown", None, None, None, None
        try:
            from .identity import host_name, job_id, local_rank as rank_of
            from .supervisor import RUN_ENV

            lr, src = rank_of(local_rank if local_rank is not None else k["local_rank"])
            job, _, bad_job = job_id(k["job"])
            host, _, bad_host = host_name(k["host"])
            problems += [p for p in (bad_job, bad_host) if p]
            if local_rank is not None and rank_source:
                src = rank_source if lr == local_rank else f"{rank_source}: {src}"
            outer = os.environ.get(RUN_ENV, "").strip()
            if outer:  # inside `footprint run`: the supervisor measures this machine already
                msg = f"measured by footprint run {outer} (this process runs under it): not measured twice"
                self.run = Run(None, lr, src, [msg], outer_run=outer, job=job, host=host)
                return self.run
            if lr != 0:
                self.run = Run(None, lr, src, [f"local rank {lr} ({src}): not measuring; local rank 0 measures this machine"],
                               job=job, host=host)
                return self.run
            region = region_src = None
            try:
                from .region import resolve_region

                region, region_src = resolve_region(k["region"], k["system"], k["phase"], option="region=")
            except Exception as exc:
                problems.append(f"{exc}; the energy is measured, its carbon and water are not computed "
                                f"(give region= or FOOTPRINT_REGION)")
            meta = {"region": region, "region_source": region_src, "local_rank": lr, "rank_source": src,
                    "system": str(k["system"]) if k["system"] is not None and not hasattr(k["system"], "model_dump") else None,
                    "phase": k["phase"], "command": list(sys.argv) or None, "job": job, "host": host}
            outer, factory, since = _outer_recording(), None, time.time()
            if outer is not None:  # nested: the outer run's meter measures this span too
                parent = outer.id
                factory = lambda: SharedMeter(outer, since)  # noqa: E731
                problems.append(f"inside run {outer.id} of this process (a track() within a track()): its energy is "
                                "that run's meter over this span, and is part of that run's energy; the machine is "
                                "not measured twice")
            self.rec = Recording(name=k["name"], kind=k["kind"], ledger=k["ledger"], interval_s=k["interval_s"],
                                 scope=k["scope"], meta=meta, warn=k["warn"], meter_factory=factory)
            for p in problems:
                self.rec.problem(p)
            given = k["total_epochs"] is not None
            predictor = EpochPredictor(self.rec, k["total_epochs"] if given else total_epochs, k["predict_after"],
                                       quiet=k["quiet"], source="total_epochs" if given else epochs_source)
            self.rec.start(since)
            with _open_lock:
                _open.add(self)
                if factory is None:
                    _owners.append(self)
        except Exception as exc:  # never into user code
            problems.append(f"measurement could not start ({type(exc).__name__}: {exc})")
            k["warn"](problems[-1])
            self.rec = None
        self.run = Run(self.rec, lr, src, problems, parent=parent, predictor=predictor if self.rec else None,
                       job=job, host=host)
        return self.run

    def stop(self, status: str = "finished", error: BaseException | None = None) -> Run | None:
        """End the run with ``status`` (never raises). Ending twice does nothing. When the run finished in an
        initialised ``torch.distributed`` job, every rank then gathers the hosts' energies to rank 0 (``gather=False``:
        not; a run that failed does not wait for the others)."""
        rec = self.rec
        if rec is None:
            if status == "finished":
                self._gather(None)
            return self.run
        if rec.ended is not None:
            return self.run
        try:
            if error is not None:
                rec.problem(f"the measured code raised {type(error).__name__}: {error}", warn_key=f"raised-{id(error)}")
            rec.stop(status)
            with _open_lock:
                _open.discard(self)
                if self in _owners:
                    _owners.remove(self)
            if not self.kw["quiet"]:
                parts = ", ".join(f"{c} {rec.energy_kwh[c] * 1000:.4g} Wh ({rec.methods.get(c)})" for c in ("cpu", "gpu", "ram"))
                stderr_warn(f"run {rec.id} {status}: {rec.total_kwh * 1000:.4g} Wh IT energy ({parts}); ledger {rec.ledger.path}")
        except Exception as exc:  # pragma: no cover
            stderr_warn(f"could not end the run ({type(exc).__name__}: {exc})")
        if status == "finished":
            self._gather(rec)
        return self.run

    def _gather(self, rec: Recording | None) -> None:
        """Every rank, once: the hosts' energies to global rank 0, which logs the job's total (never raises)."""
        if self._gathered or not self.kw["gather"] or self.run is None:
            return
        self._gathered = True
        try:
            from . import gather

            if gather.distributed() is None:
                return
            mine = None if rec is None else {"host": rec.row.get("host"), "run": rec.id, "energy_kwh": dict(rec.energy_kwh)}
            total, problem = gather.gather_job(mine, gather.GATHER_TIMEOUT_S, self.run.job)
            if problem and rec is not None:
                rec.problem(problem)
                rec.ledger.write(rec.snapshot(), ())
            if total and total["runs"]:
                self.run.job_total = total
                if not self.kw["quiet"]:
                    each = ", ".join(f"{h} {e * 1000:.4g} Wh" for h, e in zip(total["hosts"], total["per_host_kwh"]))
                    stderr_warn(f"job {self.run.job or '(no job id)'}: {len(total['runs'])} hosts, "
                                f"{total['energy_kwh']['total'] * 1000:.4g} Wh IT energy in total ({each}), gathered "
                                "at the end; the ledger holds each host's run")
        except Exception as exc:  # never into the training
            stderr_warn(f"could not gather the job's energy ({type(exc).__name__}: {exc})")

    # --- context manager ----------------------------------------------------------------------------

    def __enter__(self) -> Run:
        return self.start()

    def __exit__(self, et, ev, tb) -> bool:
        self.stop(*status_of(ev))
        return False  # exceptions of the measured code pass through

    # --- decorator ----------------------------------------------------------------------------------

    def __call__(self, fn):
        """Decorate ``fn``: each call (each iteration of a generator, each await of a coroutine) is one run."""
        if not callable(fn):
            raise TypeError("track(...) decorates a function")
        kw = {**self.kw, "name": self.kw["name"] or getattr(fn, "__qualname__", None)}

        if inspect.isasyncgenfunction(fn):
            def wrapper(*args, **kwargs):
                return _measured_async_gen(Tracking(**kw), fn(*args, **kwargs))
        elif inspect.iscoroutinefunction(fn):
            async def wrapper(*args, **kwargs):
                with Tracking(**kw):
                    return await fn(*args, **kwargs)
        elif inspect.isgeneratorfunction(fn):
            def wrapper(*args, **kwargs):
                with Tracking(**kw):  # entered at the first next(): measured over the iteration
                    return (yield from fn(*args, **kwargs))
        else:
            def wrapper(*args, **kwargs):
                with Tracking(**kw):
                    return fn(*args, **kwargs)

        return functools.wraps(fn)(wrapper)


async def _measured_async_gen(tracking: Tracking, agen):
    """Iterate the async generator ``agen`` inside ``tracking``, passing values sent and exceptions thrown in."""
    with tracking:
        try:
            item = await agen.__anext__()
            while True:
                try:
                    sent = yield item
                except GeneratorExit:
                    await agen.aclose()
                    raise
                except BaseException as exc:  # athrow() into the wrapper: into the measured generator
                    item = await agen.athrow(exc)
                else:
                    item = await agen.asend(sent)
        except StopAsyncIteration:
            return


def status_of(exc: BaseException | None) -> tuple[str, BaseException | None]:
    """The status a run ends with when the measured code ended with ``exc`` (None: normally)."""
    if exc is None or isinstance(exc, GeneratorExit):  # GeneratorExit: the consumer stopped iterating early
        return "finished", None
    aio = sys.modules.get("asyncio")  # a cancelled task was stopped, as Ctrl-C stops a script
    if isinstance(exc, KeyboardInterrupt) or (aio is not None and isinstance(exc, aio.CancelledError)):
        return "interrupted", exc
    if isinstance(exc, SystemExit):
        return ("finished", None) if exc.code in (None, 0) else ("failed", exc)
    return "failed", exc


def track(name=None, *, region=None, system=None, phase=None, interval_s: float = 10.0, ledger=None,
          local_rank: int | None = None, scope: str = "machine", quiet: bool = False, job: str | None = None,
          host: str | None = None, total_epochs: int | None = None, predict_after: int = DEFAULT_AFTER,
          gather: bool = False) -> Tracking:
    """Measure the energy of a block or function into the ledger.

    Parameters
    ----------
    name : str, optional
        A label (default: the decorated function's name). ``@track`` without arguments works too.
    region : str, optional
        Where the electricity comes from (else the spec's data center, else ``FOOTPRINT_REGION``); without
        one the energy is still measured and the run says its carbon cannot be computed.
    system, phase : optional
        A system spec (path, dict or SystemSpec) and the phase the run belongs to (gives the region).
    interval_s : float
        Seconds between checkpoints [s], from 0.05 to 3600 (default 10); another value (NaN, inf, 0, negative) is
        recorded as a problem of the run and 10 s is used.
    ledger : str or Path, optional
        Default ``$FOOTPRINT_LEDGER``, else ``./.footprint/ledger.db``; a directory (or a path ending with ``/``) is
        a ledger directory of one file per host (:mod:`.ledgerdir`).
    local_rank : int, optional
        This process's rank on its machine (default ``LOCAL_RANK``, ``OMPI_COMM_WORLD_LOCAL_RANK``, ``SLURM_LOCALID``,
        0); only 0 measures.
    scope : {"machine", "process"}
        What the CPU and RAM models cover.
    quiet : bool
        No one-line summary on stderr at the end (nor the prediction's line, nor the job's total).
    job, host : str, optional
        The job id the hosts of a multi-node job share (default: ``$FOOTPRINT_JOB``, ``TORCHELASTIC_RUN_ID``,
        ``SLURM_JOB_ID``, Open MPI's, ``PBS_JOBID``) and this host's name (default ``$FOOTPRINT_HOST``, the host name).
    total_epochs, predict_after : int, optional
        The epochs the training runs, and after how many (default 2) ``run.epoch_end()`` predicts the whole run's
        energy (:mod:`.prediction`).
    gather : bool
        With ``torch.distributed`` initialised, gather the hosts' energies to rank 0 at the end (off by default:
        every rank must then end its ``track()``, and a rank that does not costs the others
        :data:`.gather.GATHER_TIMEOUT_S`; the Lightning and Hugging Face callbacks, which run on every rank, gather by
        default).

    Returns
    -------
    Tracking
        A context manager (``as run`` gives a :class:`Run`) and a decorator.
    """
    if callable(name) and not isinstance(name, str):  # @track without parentheses
        return Tracking()(name)
    return Tracking(name=name, region=region, system=system, phase=phase, interval_s=interval_s, ledger=ledger,
                    local_rank=local_rank, scope=scope, quiet=quiet, job=job, host=host, total_epochs=total_epochs,
                    predict_after=predict_after, gather=gather)


@atexit.register
def _end_open_runs() -> None:
    """Runs still open when the interpreter exits (an uncaught exception, a callback that never saw the end)."""
    with _open_lock:
        left = list(_open)
    for t in left:
        exc = getattr(sys, "last_value", None)
        if exc is not None:
            t.stop("failed", exc)
        else:
            if t.rec is not None:
                t.rec.problem("the process exited before the run was ended")
            t.stop("failed")
