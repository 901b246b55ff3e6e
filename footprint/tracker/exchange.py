"""Runs in and out of the ledger: export to CSV / JSON / Parquet, import CodeCarbon's emissions.csv.

Export: one record per run (per host run of a multi-node job, with its ``job`` and ``host``). JSON is a list of run
objects (:meth:`~.ledger.RunRecord.to_dict`: id, job, name, status, started, ended, exit_status, energy_kwh per
component and total, method per component, prediction ...). CSV and Parquet are flat: the same fields with
``cpu_kwh``, ``gpu_kwh``, ``ram_kwh``, ``energy_kwh`` (total), ``cpu_method`` ... and ``predicted_energy_kwh`` ...
columns. Parquet needs the optional pyarrow (``pip install 'footprint[parquet]'``). ``if-manifest`` is an Impact
Framework manifest (:mod:`.ifexport`), YAML.

Export reads the ledger read-only; a ledger that does not exist is an error (a mistyped path must not export an
empty list). The JSON never holds NaN or Infinity (``allow_nan=False``: :meth:`RunRecord.to_dict` turns a
non-finite number an older ledger may hold into null). A file is written whole or not at all
(:func:`footprint.files.write_atomic`).

Import (:mod:`.imports`, re-exported here): each row of CodeCarbon's ``emissions.csv`` becomes a ``finished`` run
of kind ``import`` whose id is CodeCarbon's ``run_id`` (importing the same file twice adds nothing). CodeCarbon's
file does not say how each component was measured, so the method reads ``unknown (CodeCarbon import)``; its region
may come from an IP lookup, and the run's problems say so.
"""

from __future__ import annotations

import csv
import io
import json
import shlex
from pathlib import Path

from ..errors import FootprintError, LedgerError
from ..files import write_atomic
from .imports import CODECARBON_REQUIRED, ImportResult, RunImportError, import_file, import_files
from .ledger import COMPONENTS, Ledger

__all__ = ["export_runs", "import_file", "import_files", "import_codecarbon", "flat_record", "FORMATS", "ImportResult",
           "RunImportError", "CODECARBON_REQUIRED"]

FORMATS = ("csv", "json", "parquet", "if-manifest")
#: The columns of the CSV and Parquet exports (one row per host run; ``job`` groups the runs of a multi-node job).
FLAT_COLUMNS = ["id", "job", "host", "name", "status", "kind", "started", "ended", "duration_s", "exit_status",
                "cpu_kwh", "gpu_kwh", "ram_kwh", "energy_kwh", "cpu_method", "gpu_method", "ram_method",
                "region", "region_source", "system", "phase", "pid", "local_rank", "rank_source", "scope",
                "interval_s", "last_checkpoint", "command", "problems", "source", "total_epochs",
                "predicted_after_epochs", "predicted_energy_kwh", "predicted_low_kwh", "predicted_high_kwh"]


def flat_record(d: dict) -> dict:
    """A run object (``RunRecord.to_dict()``) as one flat row."""
    out = {k: d.get(k) for k in FLAT_COLUMNS}
    for c in COMPONENTS:
        out[f"{c}_kwh"] = d["energy_kwh"][c]
        out[f"{c}_method"] = d["method"][c]
    out["energy_kwh"] = d["energy_kwh"]["total"]
    cmd, probs = d.get("command"), d.get("problems")
    out["command"] = shlex.join(map(str, cmd)) if isinstance(cmd, list) else cmd
    out["problems"] = " | ".join(map(str, probs)) if isinstance(probs, list) and probs else (probs or None)
    pred = d.get("prediction")
    if isinstance(pred, dict):
        out.update({f"predicted_{k}": pred.get(k) for k in ("energy_kwh", "low_kwh", "high_kwh")})
        out["predicted_after_epochs"], out["total_epochs"] = pred.get("after_epochs"), pred.get("total_epochs")
    return out


def export_runs(ledger=None, fmt: str = "csv", output: str | Path | None = None) -> str | None:
    """Export every run of the ledger; return the text when ``output`` is None, else write the file.

    Raises
    ------
    FootprintError
        Unknown format; parquet without pyarrow or without ``output``.
    LedgerError
        No ledger at that path, or a file that is not a ledger.
    """
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise FootprintError(f"unknown export format {fmt!r}; give one of: {', '.join(FORMATS)}")
    led = ledger if isinstance(ledger, Ledger) else Ledger(ledger)
    if not led.path.exists():
        raise LedgerError(f"no ledger at {led.path}: nothing to export; give --ledger PATH (or FOOTPRINT_LEDGER) of an "
                          "existing ledger")
    if fmt == "if-manifest":
        from ..ifmanifest import to_yaml
        from .ifexport import if_manifest

        text = to_yaml(if_manifest(led)) + "\n"
        if output is None:
            return text
        write_atomic(output, text)
        return None
    objs = [r.to_dict() for r in led.runs()]
    if fmt == "json":
        text = json.dumps(objs, indent=2, allow_nan=False)
    elif fmt == "csv":
        buf = io.StringIO()
        # CRLF (RFC 4180): the writer then quotes a field holding a lone carriage return, which a reader takes for a line end
        w = csv.DictWriter(buf, fieldnames=FLAT_COLUMNS, lineterminator="\r\n")
        w.writeheader()
        for o in objs:
            w.writerow(flat_record(o))
        text = buf.getvalue()
    else:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise FootprintError("parquet export needs pyarrow, which is not installed: pip install pyarrow "
                                 "(or pip install 'footprint[parquet]'), or export --format csv|json") from None
        if output is None:
            raise FootprintError("parquet is binary: give -o FILE.parquet")
        import pandas as pd

        buf = io.BytesIO()
        pd.DataFrame.from_records([flat_record(o) for o in objs], columns=FLAT_COLUMNS).to_parquet(buf, index=False)
        write_atomic(output, buf.getvalue())
        return None
    if output is None:
        return text
    write_atomic(output, text)
    return None


def import_codecarbon(path: str | Path, ledger=None) -> list[str]:
    """Import CodeCarbon's emissions.csv (:func:`.imports.import_file`); return the ids of the new runs."""
    return import_file(path, ledger)
