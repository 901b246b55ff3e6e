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
