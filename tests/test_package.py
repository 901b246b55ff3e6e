"""The built wheel ships the factor tables; installed from it, the package loads them all."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        check=True, capture_output=True, text=True,
    )
    return next(out.glob("footprint-*.whl"))


@pytest.mark.slow
def test_wheel_contains_every_table(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    tables = sorted(p.name for p in (ROOT / "factors").glob("*.csv"))
    assert len(tables) >= 12
    for t in tables:
        assert f"footprint/_factors/{t}" in names, t
    assert "footprint/_factors/README.md" in names


@pytest.mark.slow
def test_installed_wheel_loads_every_table_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, text=True)
    code = (
        "import footprint, footprint.registry as r; reg = footprint.load_factors(); "
        "print(footprint.__file__); print(r.default_factors_dir()); print(len(reg.tables), len(reg))"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr
    mod, tables_dir, counts = res.stdout.strip().splitlines()
    assert mod.startswith(str(site)) and tables_dir == str(site / "footprint" / "_factors")
    n_tables, n_factors = map(int, counts.split())
    assert n_tables == len(list((ROOT / "factors").glob("*.csv")))
    assert n_factors > 1000
