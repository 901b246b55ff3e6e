"""Reading and writing factor tables from the build scripts (rows as dicts, "\n" line ends, UTF-8), so that a
rebuilt table is byte for byte the same file."""

from __future__ import annotations

import csv
import io


def read(path):
    """(header, rows as dicts) of a CSV file."""
    with open(path, newline="", encoding="utf-8") as fh:
        r = csv.DictReader(fh)
        return r.fieldnames, list(r)


def write(path, header, rows):
    """Write ``rows`` (dicts; missing keys empty) under ``header``."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows({k: row.get(k, "") for k in header} for row in rows)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        fh.write(buf.getvalue())
