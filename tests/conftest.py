from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from footprint.registry import default_factors_dir, load_factors

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def registry():
    return load_factors()


@pytest.fixture()
def factors_copy(tmp_path):
    """A writable copy of the shipped factor tables."""
    dst = tmp_path / "factors"
    shutil.copytree(default_factors_dir(), dst, ignore=shutil.ignore_patterns("*.md"))
    return dst


@pytest.fixture()
def ledger(tmp_path, monkeypatch, tmp_path_factory):
    """A fresh ledger that FOOTPRINT_LEDGER points to; no rank, region or run id from the environment."""
    from footprint.tracker.ledger import Ledger

    path = tmp_path / "ledger.db"
    monkeypatch.setenv("FOOTPRINT_LEDGER", str(path))
    monkeypatch.setenv("FOOTPRINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "fp-cache"))
    for k in ("FOOTPRINT_REGION", "LOCAL_RANK", "SLURM_LOCALID", "FOOTPRINT_RUN_ID"):
        monkeypatch.delenv(k, raising=False)
    return Ledger(path)


class FakeMeter:
    """A constant-power meter for the tracker's tests: energy [kWh] = power [W] x elapsed time [s] / 3.6e6."""

    def __init__(self, watts=(100.0, 300.0, 10.0), methods=("TDP model", "energy counter", "constant")):
        self.watts = dict(zip(("cpu", "gpu", "ram"), watts))
        self.methods = dict(zip(("cpu", "gpu", "ram"), methods))
        self.details = {k: "fake" for k in self.watts}
        self.components = {}
        self.problems = []
        self._last = time.monotonic()

    def read(self, elapsed_s=None):
        now = time.monotonic()
        dt = now - self._last if elapsed_s is None else elapsed_s
        self._last = now
        return {k: (w * dt / 3.6e6, w) for k, w in self.watts.items()}


@pytest.fixture()
def fake_meter():
    """The :class:`FakeMeter` class (pass it, or a partial of it, as a Recording's meter_factory)."""
    return FakeMeter


@pytest.fixture()
def fake_track_meter(monkeypatch):
    """``track()`` and the callbacks measure with :class:`FakeMeter` (100 W cpu, 300 W gpu, 10 W ram) instead of the
    machine; returns the list of the meters built (one per measuring run that builds its own)."""
    import footprint.tracker.engine as engine

    built = []

    def make(**kw):
        built.append(FakeMeter())
        return built[-1]

    monkeypatch.setattr(engine, "Meter", make)
    return built


class Unprivileged:
    """Runs a function where file permissions hold. As a user: directly. As root (which reads and writes through any
    chmod): in a forked child that drops to nobody first (modules it needs must be imported before; the child
    cannot read root's files). ``dir`` is a directory such a child can reach."""

    def __init__(self, root: Path):
        self.dir = root

    def call(self, fn):
        import os
        import pickle

        if os.geteuid() != 0:
            return fn()
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                os.close(r)
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
                try:
                    out = ("ok", fn())
                except BaseException as exc:
                    out = ("error", f"{type(exc).__name__}: {exc}")
                os.write(w, pickle.dumps(out))
            finally:
                os._exit(0)
        os.close(w)
        chunks = []
        while chunk := os.read(r, 1 << 16):
            chunks.append(chunk)
        os.close(r)
        os.waitpid(pid, 0)
        kind, value = pickle.loads(b"".join(chunks))
        if kind == "error":
            raise AssertionError(f"in the unprivileged process: {value}")
        return value


@pytest.fixture()
def unprivileged():
    """An :class:`Unprivileged` runner with a fresh directory that it can reach (removed afterwards)."""
    import os
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="fp-perm-"))
    root.chmod(0o755)
    yield Unprivileged(root)
    for d, dirs, files in os.walk(root):
        os.chmod(d, 0o755)
    shutil.rmtree(root, ignore_errors=True)


#: The environment a job id, a host or a local rank is read from (footprint.tracker.identity): a test never inherits
#: one from the machine it runs on (a CI job under Slurm, say).
JOB_ENV_VARS = ("FOOTPRINT_JOB", "FOOTPRINT_HOST", "TORCHELASTIC_RUN_ID", "SLURM_JOB_ID", "OMPI_MCA_orte_ess_jobid",
                "PMIX_NAMESPACE", "PBS_JOBID", "OMPI_COMM_WORLD_LOCAL_RANK")


@pytest.fixture(autouse=True)
def no_job_environment(monkeypatch):
    """No job id, host override or Open MPI local rank from the environment of the machine running the tests."""
    for k in JOB_ENV_VARS:
        monkeypatch.delenv(k, raising=False)


@pytest.fixture()
def ledger_dir(tmp_path, monkeypatch, tmp_path_factory):
    """A ledger directory (one file per host) that FOOTPRINT_LEDGER points to, not created yet (the path ends with
    /); no rank, region or run id from the environment. Returns the :class:`Ledger`."""
    from footprint.tracker.ledger import Ledger

    path = tmp_path / "ledger"
    monkeypatch.setenv("FOOTPRINT_LEDGER", f"{path}/")
    monkeypatch.setenv("FOOTPRINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "fp-cache"))
    for k in ("FOOTPRINT_REGION", "LOCAL_RANK", "SLURM_LOCALID", "FOOTPRINT_RUN_ID"):
        monkeypatch.delenv(k, raising=False)
    return Ledger(f"{path}/")
