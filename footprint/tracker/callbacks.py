"""Training callbacks: the Hugging Face ``Trainer`` and PyTorch Lightning, measured into the ledger.

::

    from footprint.tracker.callbacks import FootprintTrainerCallback
    trainer = Trainer(..., callbacks=[FootprintTrainerCallback(name="finetune", region="FR")])

    from footprint.tracker.callbacks import FootprintLightningCallback
    trainer = lightning.Trainer(..., callbacks=[FootprintLightningCallback(name="finetune", region="FR")])

This module imports without transformers or lightning installed. Each class is built on first access:
``FootprintTrainerCallback`` subclasses ``transformers.TrainerCallback`` when transformers is installed (a
plain class with the same events otherwise), ``FootprintLightningCallback`` subclasses
``lightning.pytorch.Callback`` (or ``pytorch_lightning.Callback``).

A run starts when training starts and ends when it ends, and also when training raises: CodeCarbon's own
Trainer callback writes nothing when training crashes. Lightning has an ``on_exception`` hook. The Trainer
has none, so at ``on_init_end`` the callback wraps that trainer's ``train`` method (the exception ends the
run as ``failed``, or ``interrupted`` for Ctrl-C, and is re-raised unchanged); when the callback was added
after the trainer was built, the recorder checks at every checkpoint that ``Trainer.train`` is still on the
training thread's stack and ends the run as ``failed`` when it is gone without ``on_train_end``. Only the
local main process measures (``args.local_process_index`` / ``trainer.local_rank``).

Each epoch's end (``on_epoch_end`` / ``on_train_epoch_end``, from its start: ``on_epoch_begin`` /
``on_train_epoch_start``) feeds the prediction of the run's energy from its first epochs (:mod:`.prediction`); the
number of epochs comes from the trainer (``TrainerState.num_train_epochs``, less the epochs a resumed training has
done; Lightning's ``Trainer.max_epochs``, when it is set) unless ``total_epochs=`` is given. At the end of a
``torch.distributed`` job, the hosts' energies are gathered to rank 0 and logged there (``gather=False``: not).
"""

from __future__ import annotations

import functools
import math
import sys
import threading

from .api import Tracking, status_of

__all__ = ["FootprintTrainerCallback", "FootprintLightningCallback", "trainer_callback_class",
           "lightning_callback_class"]


class _Measured:
    """What both callbacks share: a :class:`~.api.Tracking` per training, started and stopped by hooks."""

    def _fp_init(self, name=None, region=None, system=None, phase=None, interval_s=10.0, ledger=None,
                 scope="machine", quiet=False, **more):
        self._fp_kw = dict(name=name, region=region, system=system, phase=phase, interval_s=interval_s,
                           ledger=ledger, scope=scope, quiet=quiet, kind="callback", **more)
        self._fp_tracking: Tracking | None = None
        self.run = None

    def _fp_start(self, local_rank, rank_source=None, total_epochs=None, epochs_source="total_epochs"):
        if self._fp_tracking is not None and self._fp_tracking.rec is not None and self._fp_tracking.rec.ended is None:
            return self.run  # already measuring
        self._fp_tracking = Tracking(**self._fp_kw)
        self.run = self._fp_tracking.start(local_rank=local_rank, rank_source=rank_source, total_epochs=total_epochs,
                                           epochs_source=epochs_source)
        return self.run

    def _fp_stop(self, status, error=None):
        if self._fp_tracking is not None:
            self._fp_tracking.stop(status, error)

    def _fp_epoch(self, end: bool) -> None:
        try:
            if self.run is not None:
                self.run.epoch_end() if end else self.run.epoch_start()
        except Exception:  # never into the training
            pass


def _epochs_of(value, done=0.0):
    """The epochs a trainer will run from ``value`` (its epoch count) less ``done``, or None when it does not say
    (Lightning's -1: until max_steps)."""
    try:
        left = float(value) - float(done or 0.0)
        return math.ceil(left) if math.isfinite(left) and left > 0 else None
    except (TypeError, ValueError):
        return None


_MORE_DOC = """
    total_epochs, predict_after : int, optional
        The epochs the training runs (default: the trainer's) and after how many to predict the run's energy.
    job, host : str, optional
        The job id shared by the hosts of a multi-node job, and this host's name (:mod:`.identity`).
    gather : bool
        Gather the hosts' energies to rank 0 at the end of a ``torch.distributed`` job (:mod:`.gather`).
"""

def _stack_has(thread_id: int, frame) -> bool:
    f = sys._current_frames().get(thread_id)
    while f is not None:
        if f is frame:
            return True
        f = f.f_back
    return False


def _owner_frames(cb, limit: int = 12):
    """Frames above the caller whose ``self`` is a trainer holding ``cb`` (closest first)."""
    f = sys._getframe(2)
    for _ in range(limit):
        if f is None:
            return
        owner = f.f_locals.get("self")
        handler = getattr(owner, "callback_handler", None)
        if handler is not None and any(c is cb for c in getattr(handler, "callbacks", ())):
            yield f, owner
        f = f.f_back


class _TrainerEvents(_Measured):
    """The Hugging Face Trainer events (mixed into ``transformers.TrainerCallback`` when available)."""

    def __init__(self, name=None, region=None, system=None, phase=None, interval_s=10.0, ledger=None,
                 scope="machine", quiet=False, total_epochs=None, predict_after=2, job=None, host=None, gather=True):
        self._fp_init(name, region, system, phase, interval_s, ledger, scope, quiet, total_epochs=total_epochs,
                      predict_after=predict_after, job=job, host=host, gather=gather)
        self._fp_patched = False

    def on_init_end(self, args, state, control, **kwargs):
        try:
            for _, trainer in _owner_frames(self):
                self._fp_wrap_train(trainer)
                break
        except Exception:  # never into the training
            pass

    def _fp_wrap_train(self, trainer) -> None:
        orig = trainer.train
        cb = self

        @functools.wraps(orig)
        def train(*args, **kwargs):
            try:
                return orig(*args, **kwargs)
            except BaseException as exc:
                cb._fp_stop(*status_of(exc))
                raise

        trainer.train = train
        self._fp_patched = True

    def on_train_begin(self, args, state, control, **kwargs):
        lr = getattr(args, "local_process_index", None)
        epochs = getattr(state, "num_train_epochs", None) or getattr(args, "num_train_epochs", None)
        self._fp_start(lr, f"TrainingArguments.local_process_index={lr}", _epochs_of(epochs, getattr(state, "epoch", 0)),
                       "TrainerState.num_train_epochs")
        rec = self._fp_tracking.rec if self._fp_tracking else None
        if rec is not None and not self._fp_patched:
            try:  # watch Trainer.train on this thread's stack
                frame = None
                for f, _ in _owner_frames(self, limit=20):
                    if f.f_code.co_name == "train":
                        frame = f
                if frame is not None:
                    tid = threading.get_ident()
                    rec.watch = lambda: _stack_has(tid, frame)
                    rec.on_watch_failed = lambda: (rec.problem("training ended without on_train_end (it raised)"),
                                                   self._fp_stop("failed"))
            except Exception:
                pass
        return None

    def on_epoch_begin(self, args, state, control, **kwargs):
        self._fp_epoch(end=False)

    def on_epoch_end(self, args, state, control, **kwargs):
        self._fp_epoch(end=True)

    def on_train_end(self, args, state, control, **kwargs):
        self._fp_stop("finished")

    def __getattr__(self, name):  # the other Trainer events, when not subclassing TrainerCallback
        if name.startswith("on_"):
            return lambda *a, **k: None
        raise AttributeError(name)


class _LightningHooks(_Measured):
    """The PyTorch Lightning hooks (mixed into ``lightning.pytorch.Callback``)."""

    def __init__(self, name=None, region=None, system=None, phase=None, interval_s=10.0, ledger=None,
                 scope="machine", quiet=False, total_epochs=None, predict_after=2, job=None, host=None, gather=True):
        super().__init__()
        self._fp_init(name, region, system, phase, interval_s, ledger, scope, quiet, total_epochs=total_epochs,
                      predict_after=predict_after, job=job, host=host, gather=gather)

    def on_fit_start(self, trainer, pl_module):
        lr = getattr(trainer, "local_rank", None)
        done = getattr(trainer, "current_epoch", 0) or 0  # a training resumed from a checkpoint
        self._fp_start(lr, f"Trainer.local_rank={lr}", _epochs_of(getattr(trainer, "max_epochs", None), done),
                       "Trainer.max_epochs")

    def on_train_epoch_start(self, trainer, pl_module):
        self._fp_epoch(end=False)

    def on_train_epoch_end(self, trainer, pl_module):
        self._fp_epoch(end=True)

    def on_fit_end(self, trainer, pl_module):
        self._fp_stop("finished")

    def on_exception(self, trainer, pl_module, exception):
        self._fp_stop(*status_of(exception))


_classes: dict = {}


def trainer_callback_class():
    """The Hugging Face callback class (a ``transformers.TrainerCallback`` when transformers imports)."""
    if "hf" not in _classes:
        try:
            from transformers import TrainerCallback

            bases = (_TrainerEvents, TrainerCallback)
        except Exception:
            bases = (_TrainerEvents,)
        _classes["hf"] = type("FootprintTrainerCallback", bases, {"__module__": __name__,
                                                                  "__doc__": _TrainerEvents.__doc__ + _MORE_DOC})
    return _classes["hf"]


def lightning_callback_class(package: str | None = None):
    """The Lightning callback class, built on ``lightning.pytorch`` (else ``pytorch_lightning``), or ``package``."""
    key = f"pl:{package}"
    if key not in _classes:
        base = object
        for mod in ([package] if package else ["lightning.pytorch", "pytorch_lightning"]):
            try:
                base = __import__(mod, fromlist=["Callback"]).Callback
                break
            except Exception:
                continue
        _classes[key] = type("FootprintLightningCallback", (_LightningHooks, base),
                             {"__module__": __name__, "__doc__": _LightningHooks.__doc__ + _MORE_DOC})
    return _classes[key]


def __getattr__(name: str):
    if name == "FootprintTrainerCallback":
        return trainer_callback_class()
    if name == "FootprintLightningCallback":
        return lightning_callback_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
