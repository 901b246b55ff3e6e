"""The notebooks (issue #5) run headless, top to bottom, against the installed package; a failing cell fails
the suite. Each runs in a temporary directory, so nothing is written into the repository (notebook 3's
ledger goes to a temporary directory too). The notebooks are committed without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_five_notebooks_are_there_without_outputs():
    assert [p.name for p in PATHS] == ["01_estimate_and_report.ipynb", "02_compare_scenarios.ipynb",
                                       "03_measured_run.ipynb", "04_making_an_accelerator.ipynb",
                                       "05_fleet_year.ipynb"]
    for p in PATHS:
        nb = nbformat.read(p, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{p.name} is committed with outputs"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, naming the cell, when a cell fails
    ran = [c for c in nb.cells if c.cell_type == "code"]
    assert ran and all(c.execution_count is not None for c in ran)
    errors = [o for c in ran for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
