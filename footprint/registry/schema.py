"""The schema of the factor tables and their validation, with a ``file:line [column]`` for each problem.

A table is a UTF-8 CSV file: ``factor_id, quantity, <key columns>, value, unit, low, high, distribution, year,
source, url, license, notes`` (``factors/README.md``). :func:`validate_dir` parses every ``*.csv`` of a directory and
returns the factors and the problems; a file that cannot be read as text (not UTF-8, a directory, a symlink loop,
no permission, a field beyond :data:`MAX_FIELD` characters) is a problem of that file, never a traceback.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

from ..units import FRACTION_UNITS, UNITS
from .factor import Factor, FrozenDict

__all__ = ["HEAD", "TAIL", "DISTRIBUTIONS", "MAX_FIELD", "MAX_FILE_BYTES", "REFERENCES", "validate_dir", "read_table"]

HEAD = ("factor_id", "quantity")
TAIL = ("value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes")
DISTRIBUTIONS = frozenset({"constant", "uniform", "triangular", "normal", "lognormal"})

#: The longest cell accepted [characters]: a citation with notes is a few thousand at most.
MAX_FIELD = 20_000

#: The largest table accepted [bytes] (the largest shipped table is about 0.3 MB).
MAX_FILE_BYTES = 50_000_000

#: Cross-table references checked on load: (table, column, target tables, target columns).
REFERENCES = (
    ("nodes", "component", ("accelerators", "cpus"), ("accelerator", "cpu")),
    ("cloud_regions", "location", ("grid_intensity",), ("region",)),
)

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_QUANTITY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def _finite(text: str) -> float | None:
    try:
        x = float(text)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def read_table(path: Path) -> tuple[list[list[str]] | None, str]:
    """The rows of one CSV file, or ``(None, reason)`` when it cannot be read as a UTF-8 CSV table."""
    try:
        if not path.is_file():
            return None, "is not a regular file (a directory, a broken link or a link loop)"
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, f"is larger than {MAX_FILE_BYTES:,} bytes; a factor table is far smaller"
        raw = path.read_bytes()
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, "starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}); save it as UTF-8"
    if "\x00" in text:
        return None, "holds a NUL character: it is not a text table"
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return None, f"is not a valid CSV file ({exc})"
    for i, row in enumerate(rows, start=1):
        for cell in row:
            if len(cell) > MAX_FIELD:
                return None, f"line {i} has a cell of {len(cell):,} characters (at most {MAX_FIELD:,})"
    return rows, ""


def _check_row(name: str, line: int, rec: dict, problems: list) -> tuple[float, float, float] | None:
    """Append the problems of one data row; return (value, low, high) when the row is valid."""
    before = len(problems)

    def bad(col: str, msg: str) -> None:
        problems.append((name, line, col, msg))

    if not _ID_RE.match(rec["factor_id"]):
        bad("factor_id", f"{rec['factor_id']!r} is not a valid id (lowercase [a-z0-9._-])")
    if not _QUANTITY_RE.match(rec["quantity"]):
        bad("quantity", f"{rec['quantity']!r} is not a snake_case quantity name")
    nums = {}
    for col in ("value", "low", "high"):
        nums[col] = _finite(rec[col])
        if nums[col] is None:
            bad(col, f"{rec[col][:40]!r} is not a finite number")
        elif nums[col] < 0:
            bad(col, f"{rec[col]} is negative; physical quantities are non-negative")
    unit, dist = rec["unit"], rec["distribution"]
    if unit not in UNITS:
        bad("unit", f"{unit[:40]!r} is not in the unit vocabulary ({', '.join(sorted(UNITS))})")
    if dist not in DISTRIBUTIONS:
        bad("distribution", f"{dist[:40]!r} is not one of {', '.join(sorted(DISTRIBUTIONS))}")
    v, lo, hi = nums["value"], nums["low"], nums["high"]
    if None not in (v, lo, hi):
        if not lo <= v <= hi:
            bad("low" if lo > v else "high", f"low <= value <= high does not hold ({lo} <= {v} <= {hi})")
        if unit in FRACTION_UNITS and hi > 1:
            bad("high", f"{hi} is above 1 for a fraction")
        if dist == "constant" and not lo == v == hi:
            bad("distribution", "a constant factor needs low == value == high")
        if dist == "lognormal" and lo <= 0:
            bad("low", "a lognormal factor needs low > 0")
        if dist in ("uniform", "triangular", "normal", "lognormal") and lo == hi:
            bad("distribution", f"{dist} needs low < high; use 'constant' for an exact value")
    year = rec["year"]
    if not (year.isdigit() and 1900 <= int(year) <= 2100):
        bad("year", f"{year[:20]!r} is not a 4-digit year")
    for col in ("source", "url", "license"):
        if not rec[col]:
            bad(col, f"{col} is empty: every factor must be cited")
    return (v, lo, hi) if len(problems) == before else None


def _parse_table(path: Path, problems: list) -> tuple[list[str], list[tuple[int, Factor]]]:
    """Parse one table, appending (file, line, column, message) problems; return its key columns and
    its valid rows with their line numbers."""
    name = path.name
    rows, why = read_table(path)
    if rows is None:
        problems.append((name, 1, "", why))
        return [], []
    if not rows:
        problems.append((name, 1, "", "empty file: expected a header row"))
        return [], []
    header = [h.strip() for h in rows[0]]
    missing = [col for col in HEAD + TAIL if col not in header]
    for col in missing:
        problems.append((name, 1, col, f"required column {col!r} is missing"))
    if missing:
        return [], []
    if tuple(header[:2]) != HEAD or tuple(header[-len(TAIL):]) != TAIL:
        problems.append((name, 1, "", f"columns must be {', '.join(HEAD)}, <keys>, {', '.join(TAIL)} in this order"))
        return [], []
    keys = header[2: len(header) - len(TAIL)]
    out: list[tuple[int, Factor]] = []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append((name, line, "", f"has {len(cells)} cells, the header has {len(header)}"))
            continue
        rec = dict(zip(header, (c.strip() for c in cells)))
        nums = _check_row(name, line, rec, problems)
        if nums is None:
            continue
        v, lo, hi = nums
        out.append((line, Factor(
            factor_id=rec["factor_id"], table=path.stem, quantity=rec["quantity"],
            keys=FrozenDict({k: rec[k] for k in keys}), value=v, unit=rec["unit"], low=lo, high=hi,
            distribution=rec["distribution"], year=int(rec["year"]), source=rec["source"], url=rec["url"],
            license=rec["license"], notes=rec["notes"],
        )))
    return keys, out


def validate_dir(path: Path) -> tuple[dict[str, list[str]], list[Factor], list]:
    """Parse and validate every ``*.csv`` in ``path``.

    Returns
    -------
    (keys per table, factors, problems) : each problem is ``(file, line, column, message)``; the line is 1-based
    (the header is line 1), the column "" for a problem of the whole file or row.
    """
    problems: list = []
    try:
        files = sorted(Path(path).glob("*.csv"))
    except OSError as exc:
        return {}, [], [(str(path), 0, "", f"cannot be listed ({exc.strerror or exc})")]
    if not files:
        problems.append((str(path), 0, "", "no *.csv factor tables in this directory"))
    keys: dict[str, list[str]] = {}
    parsed: list[tuple[str, int, Factor]] = []
    for f in files:
        k, rows = _parse_table(f, problems)
        keys[f.stem] = k
        parsed += [(f.name, line, fac) for line, fac in rows]
    seen: dict[str, str] = {}
    factors: list[Factor] = []
    where: dict[str, tuple[str, int]] = {}
    for fname, line, fac in parsed:
        if fac.factor_id in seen:
            problems.append((fname, line, "factor_id", f"duplicate id {fac.factor_id!r} (first in {seen[fac.factor_id]})"))
            continue
        seen[fac.factor_id] = f"{fname}:{line}"
        where[fac.factor_id] = (fname, line)
        factors.append(fac)
    by_table: dict[str, list[Factor]] = {}
    for fac in factors:
        by_table.setdefault(fac.table, []).append(fac)
    for table, column, targets, target_cols in REFERENCES:
        if table not in by_table or column not in keys.get(table, []):
            continue
        valid = {fac.keys.get(tc, "") for t, tc in zip(targets, target_cols) for fac in by_table.get(t, [])}
        for fac in by_table[table]:
            ref = fac.keys.get(column, "")
            if ref and ref not in valid:
                fname, line = where[fac.factor_id]
                problems.append((fname, line, column,
                                 f"{ref!r} is not defined in {' or '.join(t + '.csv' for t in targets)}"))
    return keys, factors, problems
