from __future__ import annotations

import shutil
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
