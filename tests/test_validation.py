"""Validation of the factor tables: each kind of defect in a corrupted copy is caught with its
file, line and column."""

from __future__ import annotations

import csv

import pytest

from footprint import FactorTableError
from footprint.registry import TAIL, load_factors, validate_dir


def test_shipped_tables_are_valid(factors_copy):
    keys, factors, problems = validate_dir(factors_copy)
    assert problems == []
    assert len(factors) > 1000


def _rows(path):
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


def _corrupt(dirpath, table, column, value, line=2):
    """Set `column` of data line `line` (1-based file line) of `table` to `value`."""
    path = dirpath / f"{table}.csv"
    rows = _rows(path)
    rows[line - 1][rows[0].index(column)] = value
    _write(path, rows)


CASES = [
    # (table, column, bad value, words expected in the message)
    ("grid_intensity", "unit", "gCO2/kWh", "vocabulary"),
    ("grid_intensity", "value", "abc", "not a finite number"),
    ("grid_intensity", "value", "nan", "not a finite number"),
    ("grid_intensity", "value", "-0.3", "negative"),
    ("grid_intensity", "low", "99", "low <= value <= high"),
    ("grid_intensity", "distribution", "gaussian", "not one of"),
    ("grid_intensity", "source", "", "must be cited"),
    ("grid_intensity", "license", "", "must be cited"),
    ("grid_intensity", "url", "", "must be cited"),
    ("grid_intensity", "year", "23", "4-digit year"),
    ("grid_intensity", "factor_id", "Grid FR", "not a valid id"),
]


@pytest.mark.parametrize("table,column,bad,words", CASES)
def test_each_defect_names_file_line_and_column(factors_copy, table, column, bad, words):
    _corrupt(factors_copy, table, column, bad, line=5)
    with pytest.raises(FactorTableError) as exc:
        load_factors(factors_copy)
    problems = exc.value.problems
    assert {p[:2] for p in problems} == {(f"{table}.csv", 5)}  # only the corrupted row is reported
    f, line, col, msg = problems[0]
    assert (f, line, col) == (f"{table}.csv", 5, column)
    assert words in msg
    assert f"{table}.csv:5 [{column}]" in str(exc.value)


def test_fraction_above_one(factors_copy):
    path = factors_copy / "end_of_life.csv"
    rows = _rows(path)
    unit, hi = rows[0].index("unit"), rows[0].index("high")
    line = next(i for i, r in enumerate(rows) if i and r[unit] == "fraction") + 1
    rows[line - 1][hi] = "1.5"
    _write(path, rows)
    _, _, problems = validate_dir(factors_copy)
    assert ("end_of_life.csv", line, "high") in [p[:3] for p in problems]


def test_constant_needs_equal_bounds_and_lognormal_positive_low(factors_copy):
    path = factors_copy / "grid_intensity.csv"
    rows = _rows(path)
    h = rows[0]
    rows[2][h.index("distribution")] = "constant"  # line 3 has a range
    rows[3][h.index("distribution")] = "lognormal"
    rows[3][h.index("low")] = "0"
    _write(path, rows)
    _, _, problems = validate_dir(factors_copy)
    cols = {(p[1], p[2]) for p in problems}
    assert (3, "distribution") in cols
    assert (4, "low") in cols


def test_duplicate_id_across_tables(factors_copy):
    first_grid_id = _rows(factors_copy / "grid_intensity.csv")[1][0]
    _corrupt(factors_copy, "datacenters", "factor_id", first_grid_id, line=2)
    _, _, problems = validate_dir(factors_copy)
    dup = [p for p in problems if "duplicate id" in p[3]]
    assert len(dup) == 1 and dup[0][2] == "factor_id"
    assert {dup[0][0]} <= {"grid_intensity.csv", "datacenters.csv"}


def test_missing_required_column(factors_copy):
    path = factors_copy / "datacenters.csv"
    rows = _rows(path)
    i = rows[0].index("license")
    _write(path, [r[:i] + r[i + 1:] for r in rows])
    with pytest.raises(FactorTableError) as exc:
        load_factors(factors_copy)
    assert exc.value.problems[0][:3] == ("datacenters.csv", 1, "license")


def test_wrong_number_of_cells(factors_copy):
    path = factors_copy / "datacenters.csv"
    rows = _rows(path)
    rows[3] = rows[3][:-2]
    _write(path, rows)
    _, _, problems = validate_dir(factors_copy)
    assert [p[:2] for p in problems] == [("datacenters.csv", 4)]
    assert "cells" in problems[0][3]


def test_dangling_reference(factors_copy):
    path = factors_copy / "nodes.csv"
    rows = _rows(path)
    h = rows[0]
    line = next(i for i, r in enumerate(rows) if i and r[h.index("component_kind")] == "accelerator") + 1
    rows[line - 1][h.index("component")] = "nvidia-h999-sxm-1gb"
    _write(path, rows)
    _, _, problems = validate_dir(factors_copy)
    assert ("nodes.csv", line, "component") in [p[:3] for p in problems]


def test_columns_out_of_order(factors_copy):
    path = factors_copy / "datacenters.csv"
    rows = _rows(path)
    i, j = rows[0].index("low"), rows[0].index("high")
    for r in rows:
        r[i], r[j] = r[j], r[i]
    _write(path, rows)
    _, _, problems = validate_dir(factors_copy)
    assert problems[0][:3] == ("datacenters.csv", 1, "")


def test_schema_tail_is_the_design_contract():
    assert TAIL == ("value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes")
