"""The `footprint` command: factor browsing and validation, version, exit statuses."""

from __future__ import annotations

import csv
import subprocess
import sys

import footprint
from helpers import run_cli


def run(*args, cwd=None):
    return run_cli(*args, cwd=cwd)


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"footprint {footprint.__version__}"


def test_the_installed_command_runs_in_its_own_process():
    """The entry points (``python -m footprint.cli`` and the ``footprint`` script) and exit status 2 of a real process."""
    r = subprocess.run([sys.executable, "-m", "footprint.cli", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == f"footprint {footprint.__version__}"
    r = subprocess.run([sys.executable, "-m", "footprint.cli", "factors", "show", "grid.frr"], capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.startswith("error: unknown factor id 'grid.frr'") and "Traceback" not in r.stderr


def test_factors_list_and_show(registry):
    r = run("factors", "list", "--table", "datacenters")
    assert r.returncode == 0 and "dc.google.pue" in r.stdout
    r = run("factors", "show", "grid.fr")
    f = registry.get("grid.fr")
    assert r.returncode == 0 and "grid.fr" in r.stdout and f"{f.value:.4g}" in r.stdout and "CC-BY-4.0" in r.stdout


def test_unknown_id_exit_2_with_suggestion_no_traceback():
    r = run("factors", "show", "grid.frr")
    assert r.returncode == 2
    assert "grid.fr" in r.stderr and "Traceback" not in r.stderr


def test_validate_ok_and_broken(factors_copy):
    r = run("factors", "validate")
    assert r.returncode == 0 and r.stdout.startswith("OK:")
    path = factors_copy / "datacenters.csv"
    rows = list(csv.reader(path.open()))
    rows[2][rows[0].index("unit")] = "furlongs"
    with path.open("w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    r = run("factors", "validate", str(factors_copy))
    assert r.returncode == 1
    assert "datacenters.csv:3 [unit]" in r.stderr and "Traceback" not in r.stderr


def test_validate_missing_directory(tmp_path):
    r = run("factors", "validate", str(tmp_path / "nope"))
    assert r.returncode == 2 and "not a directory" in r.stderr
