"""Runs in and out of the ledger: export to CSV / JSON / Parquet, import CodeCarbon's emissions.csv.

Export: one record per run. JSON is a list of run objects (:meth:`~.ledger.RunRecord.to_dict`: id, name,
status, started, ended, exit_status, energy_kwh per component and total, method per component ...). CSV and
Parquet are flat: the same fields with ``cpu_kwh``, ``gpu_kwh``, ``ram_kwh``, ``energy_kwh`` (total) and
``cpu_method`` ... columns. Parquet needs the optional pyarrow (``pip install 'footprint[parquet]'``).

Import: each row of CodeCarbon's ``emissions.csv`` becomes a ``finished`` run of kind ``import`` whose id is
CodeCarbon's ``run_id`` (importing the same file twice adds nothing). CodeCarbon's file does not say how each
component was measured, so the method reads ``unknown (CodeCarbon import)``; its region may come from an IP
lookup, and the run's problems say so.
"""

from __future__ import annotations

import csv
import io
import json
import shlex
from datetime import datetime
from pathlib import Path

from ..errors import FootprintError
from .ledger import COMPONENTS, Ledger

__all__ = ["export_runs", "import_file", "flat_record", "FORMATS"]

FORMATS = ("csv", "json", "parquet")
FLAT_COLUMNS = ["id", "name", "status", "kind", "started", "ended", "duration_s", "exit_status",
                "cpu_kwh", "gpu_kwh", "ram_kwh", "energy_kwh", "cpu_method", "gpu_method", "ram_method",
                "region", "region_source", "system", "phase", "host", "pid", "local_rank", "rank_source", "scope",
                "interval_s", "last_checkpoint", "command", "problems", "source"]
CODECARBON_REQUIRED = ("timestamp", "run_id", "duration", "cpu_energy", "gpu_energy", "ram_energy")


def flat_record(d: dict) -> dict:
    """A run object (``RunRecord.to_dict()``) as one flat row."""
    out = {k: d.get(k) for k in FLAT_COLUMNS}
    for c in COMPONENTS:
        out[f"{c}_kwh"] = d["energy_kwh"][c]
        out[f"{c}_method"] = d["method"][c]
    out["energy_kwh"] = d["energy_kwh"]["total"]
    out["command"] = None if d.get("command") is None else shlex.join(d["command"])
    out["problems"] = None if not d.get("problems") else " | ".join(d["problems"])
    return out


def export_runs(ledger=None, fmt: str = "csv", output: str | Path | None = None) -> str | None:
    """Export every run of the ledger; return the text when ``output`` is None, else write the file.

    Raises
    ------
    FootprintError
        Unknown format; parquet without pyarrow or without ``output``.
    """
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise FootprintError(f"unknown export format {fmt!r}; give one of: {', '.join(FORMATS)}")
    led = Ledger(ledger)
    objs = [r.to_dict() for r in led.runs()]
    if fmt == "json":
        text = json.dumps(objs, indent=2)
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=FLAT_COLUMNS, lineterminator="\n")
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

        pd.DataFrame.from_records([flat_record(o) for o in objs], columns=FLAT_COLUMNS).to_parquet(output, index=False)
        return None
    if output is None:
        return text
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise FootprintError(f"cannot write {output}: {exc.strerror or exc}") from None
    return None


def _num(row: dict, k: str, line: int, path) -> float:
    v = (row.get(k) or "").strip()
    if v == "":
        return 0.0
    try:
        return float(v)
    except ValueError:
        raise FootprintError(f"{path}:{line} [{k}] is not a number ({v!r})") from None


def _cc_region(row: dict) -> tuple[str | None, str]:
    prov = (row.get("cloud_provider") or "").strip().lower()
    creg = (row.get("cloud_region") or "").strip()
    if prov and creg:
        return f"{prov}:{creg}", "CodeCarbon emissions.csv (cloud_provider:cloud_region)"
    iso3 = (row.get("country_iso_code") or "").strip()
    if iso3:
        return iso3, "CodeCarbon emissions.csv (country_iso_code; CodeCarbon may have guessed it from an IP lookup)"
    return None, "CodeCarbon emissions.csv (no region)"


def import_codecarbon(path: str | Path, ledger=None) -> list[str]:
    """Add the rows of CodeCarbon's emissions.csv to the ledger; return the run ids (one per CodeCarbon
    run_id: the row with the longest duration when a run has several). Every row is validated before any is
    written; runs already imported are skipped, and an id that a run measured by footprint has is an error."""
    p = Path(path)
    with p.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in CODECARBON_REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise FootprintError(f"{p} is not a CodeCarbon emissions.csv: no column {', '.join(missing)} "
                                 f"(found: {', '.join(reader.fieldnames or []) or 'nothing'})")
        rows: dict[str, tuple[int, dict]] = {}
        for i, row in enumerate(reader, start=2):
            rid = (row.get("run_id") or "").strip() or f"{p.stem}-{i}"
            dur = _num(row, "duration", i, p)
            if rid not in rows or dur >= _num(rows[rid][1], "duration", rows[rid][0], p):
                rows[rid] = (i, row)
    built = []
    for rid, (i, row) in rows.items():  # every row is checked before anything is written
        try:
            ended = datetime.fromisoformat(row["timestamp"].strip()).timestamp()
        except ValueError:
            raise FootprintError(f"{p}:{i} [timestamp] is not an ISO 8601 time ({row['timestamp']!r})") from None
        dur = _num(row, "duration", i, p)
        region, src = _cc_region(row)
        name = " / ".join(x for x in ((row.get("project_name") or "").strip(), (row.get("experiment_id") or "").strip()) if x)
        hw = {"codecarbon": {k: row.get(k) for k in ("codecarbon_version", "cpu_model", "cpu_count", "gpu_model",
                                                     "gpu_count", "ram_total_size", "tracking_mode", "emissions",
                                                     "energy_consumed", "pue", "os") if row.get(k) not in (None, "")}}
        method = "unknown (CodeCarbon import)"
        run = {
            "id": rid, "name": name or None, "status": "finished", "kind": "import", "started": ended - dur,
            "ended": ended, "last_checkpoint": ended, "duration_s": dur, "region": region, "region_source": src,
            "cpu_kwh": _num(row, "cpu_energy", i, p), "gpu_kwh": _num(row, "gpu_energy", i, p),
            "ram_kwh": _num(row, "ram_energy", i, p), "cpu_method": method, "gpu_method": method,
            "ram_method": method, "hardware": hw, "scope": row.get("tracking_mode") or None,
            "problems": [f"imported from {p.name} line {i}: CodeCarbon records no measurement method and keeps no "
                         "checkpoints; its region may come from an IP lookup"],
            "source": f"codecarbon {row.get('codecarbon_version', '')} emissions.csv".replace("  ", " "),
        }
        built.append(run)
    return _write_new(Ledger(ledger), built, p)


def _write_new(led: Ledger, runs: list[dict], path: Path) -> list[str]:
    """Write the runs whose id is not in the ledger yet; an id already imported is skipped, an id of a run
    measured here is an error (nothing is written). Returns the ids written."""
    have = {r.id: r for r in led.runs()} if led.path.exists() else {}
    clash = [r["id"] for r in runs if r["id"] in have and have[r["id"]].kind != "import"]
    if clash:
        raise FootprintError(f"{path}: run id {clash[0]!r} is already in {led.path} as a run measured by footprint; "
                             "nothing was imported (edit the id in the file to import it as another run)")
    ids = []
    for run in runs:
        if run["id"] not in have:
            led.write(run, ())
            ids.append(run["id"])
    return ids




def import_file(path: str | Path, ledger=None) -> list[str]:
    """Import CodeCarbon's emissions.csv, or a ``footprint-run-ID.json`` saved when a ledger was unwritable."""
    p = Path(path)
    if not p.is_file():
        raise FootprintError(f"{str(p)!r} does not exist; give CodeCarbon's emissions.csv or a footprint-run-*.json file")
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            run, samples = data["run"], data.get("samples", [])
            run["id"]
        except (ValueError, KeyError, TypeError):
            raise FootprintError(f"{p} is not a footprint-run-*.json file (needs 'run' with an 'id')") from None
        Ledger(ledger).write(run, samples)  # the later state of a run this ledger may hold in part: it replaces it
        return [run["id"]]
    return import_codecarbon(p, ledger)
