"""Runs measured elsewhere, into the ledger: CodeCarbon's ``emissions.csv`` and the ``footprint-run-ID.json`` files a
recording leaves when its ledger cannot be written.

All or nothing: every file is read and checked before anything is written, then the runs of all of them go into the
ledger in one transaction. Rows are streamed (the csv module over the file) into a staging SQLite file in the
temporary directory, so memory does not grow with the file; the ledger's write lock is held only while the staged
runs are copied into it. A file that fails a check is named with its line (and column), the value and what is valid.

Ids. A CodeCarbon row is the run of its ``run_id`` (several rows of one run_id: the one with the longest duration);
a row without a run_id gets ``cc-`` + 16 hexadecimal digits of the SHA-256 of its fields, so that rows of two files
never collide and a row imported again is recognised. A run already imported is skipped; a CodeCarbon run whose id
a run measured by footprint has is an error. A footprint-run JSON whose id is in the ledger is skipped when the
ledger holds the same run, completes the run when the ledger holds its beginning (same start, host and pid, still
``running`` there, not further along than the file), and is an error otherwise: a measured run is never replaced.

Bounds (:mod:`.checks`): energies 0 to 1e10 kWh per component, durations 0 to 1e9 s, emissions 0 to 1e12 kg, all
finite (no ``nan``, ``inf`` or ``1e400``); ids of at most 128 characters, text fields of at most 4096; CSV fields of
at most 131072 characters (the csv module's limit); UTF-8 text.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .checks import (MAX_ID, MAX_KG, MAX_KWH, MAX_POSIX_S, MAX_S, MAX_W, REQUIRED, RunImportError, integer, number,
                     shown, text)
from .ledger import COMPONENTS, INSERT_SAMPLE, RUN_COLUMNS, SAMPLE_COLUMNS, UPSERT_RUN, Ledger, run_values, sample_values
from .ledgerfile import open_read

__all__ = ["RunImportError", "ImportResult", "import_files", "import_file", "CODECARBON_REQUIRED"]

CODECARBON_REQUIRED = ("timestamp", "run_id", "duration", "cpu_energy", "gpu_energy", "ram_energy")
_CC_NUMBERS = {"emissions": ("kg", MAX_KG), "energy_consumed": ("kWh", MAX_KWH)}  # checked when the file has them
_CC_TEXTS = ("project_name", "experiment_id", "cloud_provider", "cloud_region", "country_iso_code", "codecarbon_version",
             "cpu_model", "cpu_count", "gpu_model", "gpu_count", "ram_total_size", "tracking_mode", "pue", "os")
_STATUSES = ("running", "finished", "failed", "interrupted")
_TEXTS = ("name", "region", "region_source", "system", "phase", "host", "rank_source", "scope", "cpu_method",
          "gpu_method", "ram_method", "source")
_STAGE_COLUMNS = RUN_COLUMNS + ("origin", "file", "line", "fidx")


# --- CodeCarbon's emissions.csv ----------------------------------------------------------------------

def _bad_utf8(path: Path) -> str:
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return f"{path}:{n}: not UTF-8 text (byte {raw[exc.start]:#04x} at column {exc.start + 1})"
    return f"{path}: not UTF-8 text"


def _csv_records(path: Path):
    """(line, header, fields) of each record of a CSV file, streamed; decoding and CSV errors name the line."""
    line = 1
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise RunImportError(f"{path} is empty: give CodeCarbon's emissions.csv (a header line, then a row "
                                     "per run)")
            header = [h.strip() for h in header]
            missing = [c for c in CODECARBON_REQUIRED if c not in header]
            if missing:
                found = ", ".join(shown(h) for h in header[:8]) or "nothing"
                raise RunImportError(f"{path} is not a CodeCarbon emissions.csv: no column {', '.join(missing)} "
                                     f"(found: {found}); nothing was imported")
            line = reader.line_num + 1
            for fields in reader:
                start, line = line, reader.line_num + 1
                if fields:
                    yield start, header, fields
    except UnicodeDecodeError:
        raise RunImportError(f"{_bad_utf8(path)}; save it as UTF-8 (CodeCarbon writes UTF-8); nothing was "
                             "imported") from None
    except csv.Error as exc:
        raise RunImportError(f"{path}:{line}: not a readable CSV record ({exc}); nothing was imported") from None


def _csv_run(path: Path, line: int, header: list, fields: list) -> dict:
    """The run of one CodeCarbon row, every value checked."""
    where = f"{path}:{line}"
    if len(fields) != len(header):
        raise RunImportError(f"{where}: the row has {len(fields)} fields and the header {len(header)}; fix or remove "
                             "the row (cut short, or a comma in an unquoted value); nothing was imported")
    row = dict(zip(header, fields))
    ts = row["timestamp"].strip()
    try:
        ended = datetime.fromisoformat(ts).timestamp()
    except (ValueError, OverflowError, OSError):
        raise RunImportError(f"{where} [timestamp] is not an ISO 8601 time ({shown(ts)}); give e.g. "
                             "2025-03-01T12:00:00; nothing was imported") from None
    dur = number(row["duration"], where, "duration", "seconds", MAX_S)
    if not 0 <= ended - dur <= MAX_POSIX_S:
        raise RunImportError(f"{where} [duration] is {shown(row['duration'])}: the run would start before 1970 ({dur:g} s "
                             f"before {ts}); give the run's duration in seconds; nothing was imported")
    energy = {c: number(row[f"{c}_energy"], where, f"{c}_energy") for c in COMPONENTS}
    checked = {k: number(row[k], where, k, unit, lim, None) for k, (unit, lim) in _CC_NUMBERS.items() if k in row}
    texts = {k: text(row.get(k), where, k) for k in _CC_TEXTS}
    rid = text(row["run_id"], where, "run_id", MAX_ID)
    if rid is None:  # no run_id: the row's own content names it, the same in any file
        digest = hashlib.sha256("\x1e".join(f"{k}\x1f{v}" for k, v in sorted(row.items())).encode("utf-8"))
        rid = "cc-" + digest.hexdigest()[:16]
    name = " / ".join(x for x in (texts["project_name"], texts["experiment_id"]) if x)
    prov, creg, iso3 = (texts["cloud_provider"] or "").lower(), texts["cloud_region"], texts["country_iso_code"]
    if prov and creg:
        region, src = f"{prov}:{creg}", "CodeCarbon emissions.csv (cloud_provider:cloud_region)"
    elif iso3:
        region, src = iso3, "CodeCarbon emissions.csv (country_iso_code; CodeCarbon may have guessed it from an IP lookup)"
    else:
        region, src = None, "CodeCarbon emissions.csv (no region)"
    hw = {k: v for k, v in texts.items()
          if v is not None and k not in ("project_name", "experiment_id", "cloud_provider", "cloud_region", "country_iso_code")}
    hw.update({k: v for k, v in checked.items() if v is not None})
    method = "unknown (CodeCarbon import)"
    version = texts["codecarbon_version"] or ""
    return {
        "id": rid, "name": name or None, "status": "finished", "kind": "import", "started": ended - dur,
        "ended": ended, "last_checkpoint": ended, "duration_s": dur, "region": region, "region_source": src,
        **{f"{c}_kwh": energy[c] for c in COMPONENTS}, **{f"{c}_method": method for c in COMPONENTS},
        "hardware": {"codecarbon": hw}, "scope": texts["tracking_mode"],
        "problems": [f"imported from {path.name} line {line}: CodeCarbon records no measurement method and keeps no "
                     "checkpoints; its region may come from an IP lookup"],
        "source": f"codecarbon {version} emissions.csv".replace("  ", " "),
    }


def _stage_csv(conn: sqlite3.Connection, path: Path, fidx: int) -> None:
    cols = ", ".join(_STAGE_COLUMNS)
    keep_longest = ", ".join(f"{c} = excluded.{c}" for c in _STAGE_COLUMNS[1:])
    conn.executemany(
        f"INSERT INTO runs ({cols}) VALUES ({', '.join('?' * len(_STAGE_COLUMNS))}) ON CONFLICT(id) DO UPDATE SET "
        f"{keep_longest} WHERE excluded.duration_s >= runs.duration_s AND runs.origin = 'csv'",
        (run_values(_csv_run(path, line, header, fields)) + ("csv", str(path), line, fidx)
         for line, header, fields in _csv_records(path)))


# --- footprint-run-ID.json ---------------------------------------------------------------------------

def _json_run(run, where: str) -> dict:
    if not isinstance(run, dict):
        raise RunImportError(f"{where} is not a footprint-run-*.json file: it needs a 'run' object with an 'id'")
    out = {k: text(run.get(k), where, f"run.{k}") for k in _TEXTS}
    out["id"] = text(run.get("id"), where, "run.id", MAX_ID)
    out["job"] = text(run.get("job"), where, "run.job", MAX_ID)
    out["kind"] = text(run.get("kind"), where, "run.kind", 32) or "track"
    if out["id"] is None:
        raise RunImportError(f"{where} is not a footprint-run-*.json file: its 'run' has no 'id'")
    if run.get("status") not in _STATUSES:
        raise RunImportError(f"{where} [run.status] is {shown(run.get('status'))}: give one of {', '.join(_STATUSES)}; "
                             "nothing was imported")
    out["status"] = run["status"]
    out["started"] = number(run.get("started"), where, "run.started", "seconds (POSIX time)", MAX_POSIX_S, REQUIRED)
    for k in ("ended", "last_checkpoint", "pid_started"):
        out[k] = number(run.get(k), where, f"run.{k}", "seconds (POSIX time)", MAX_POSIX_S, None)
    out["interval_s"] = number(run.get("interval_s"), where, "run.interval_s", "seconds", MAX_S, None)
    out["duration_s"] = number(run.get("duration_s"), where, "run.duration_s", "seconds", MAX_S)
    for c in COMPONENTS:
        out[f"{c}_kwh"] = number(run.get(f"{c}_kwh"), where, f"run.{c}_kwh")
    out["exit_status"] = integer(run.get("exit_status"), where, "run.exit_status", -(2 ** 31), 2 ** 31 - 1)
    out["pid"] = integer(run.get("pid"), where, "run.pid", 0, 2 ** 31 - 1)
    out["local_rank"] = integer(run.get("local_rank"), where, "run.local_rank", 0, 2 ** 31 - 1)
    for k in ("command", "problems"):
        v = run.get(k)
        if v is not None and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            raise RunImportError(f"{where} [run.{k}] is {shown(v)}: give a list of texts, or null; nothing was imported")
        out[k] = v
    for k in ("hardware", "prediction"):
        if run.get(k) is not None and not isinstance(run[k], dict):
            raise RunImportError(f"{where} [run.{k}] is {shown(run[k])}: give an object, or null")
        try:
            out[k] = None if run.get(k) is None else json.dumps(run[k], allow_nan=False)
        except ValueError:
            raise RunImportError(f"{where} [run.{k}] holds a number that is not finite; nothing was imported") from None
    return out


def _json_sample(s, rid: str, where: str, i: int) -> dict:
    col = f"samples[{i}]"
    if not isinstance(s, dict) or s.get("run_id", rid) != rid:
        raise RunImportError(f"{where} [{col}] is not a sample of run {rid!r}: give an object with seq, t_start, "
                             "t_end and the energies; nothing was imported")
    out = {"run_id": rid, "seq": integer(s.get("seq"), where, f"{col}.seq", 0, 2 ** 31 - 1)}
    if out["seq"] is None:
        raise RunImportError(f"{where} [{col}.seq] is missing: give the sample's number; nothing was imported")
    for k in ("t_start", "t_end"):
        out[k] = number(s.get(k), where, f"{col}.{k}", "seconds (POSIX time)", MAX_POSIX_S, REQUIRED)
    for c in COMPONENTS:
        out[f"{c}_kwh"] = number(s.get(f"{c}_kwh"), where, f"{col}.{c}_kwh")
        out[f"{c}_w"] = number(s.get(f"{c}_w"), where, f"{col}.{c}_w", "watts", MAX_W, None)
    return out


def _stage_json(conn: sqlite3.Connection, path: Path, fidx: int) -> None:
    raw = path.read_bytes()
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise RunImportError(f"{path}:{line}: not UTF-8 text (byte {raw[exc.start]:#04x}); a footprint-run-*.json "
                             "file is UTF-8 JSON; nothing was imported") from None
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise RunImportError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno}); a "
                             "footprint-run-*.json file is written whole by footprint: is it the right file?") from None
    except (ValueError, RecursionError) as exc:
        raise RunImportError(f"{path}: not valid JSON ({type(exc).__name__}: {exc})"[:300]) from None
    where = str(path)
    run = _json_run(data.get("run") if isinstance(data, dict) else None, where)
    samples = data.get("samples") or []
    if not isinstance(samples, list):
        raise RunImportError(f"{where} [samples] is {shown(samples)}: give a list of samples; nothing was imported")
    values = run_values(run) + ("json", str(path), 1, fidx)
    try:
        conn.execute(f"INSERT INTO runs ({', '.join(_STAGE_COLUMNS)}) VALUES ({', '.join('?' * len(values))})", values)
    except sqlite3.IntegrityError:
        other = conn.execute(f"SELECT {', '.join(RUN_COLUMNS)}, file FROM runs WHERE id = ?", (run["id"],)).fetchone()
        if tuple(other[:-1]) != run_values(run):
            raise RunImportError(f"{where}: run id {run['id']!r} is also in {other[-1]}, as another run; import these "
                                 "files into different ledgers (--ledger PATH); nothing was imported") from None
        return  # the same file, or a copy of it, given twice
    conn.executemany(INSERT_SAMPLE, (sample_values(_json_sample(s, run["id"], where, i)) for i, s in enumerate(samples)))


# --- staging and the one transaction -----------------------------------------------------------------

@dataclass
class ImportResult:
    """What an import did: runs ``imported`` (new), ``completed`` (a run the ledger held the beginning of), ``skipped``
    (already in the ledger), from ``files`` files into ``ledger``; ``ids`` of the new and completed runs when asked."""

    files: int
    imported: int = 0
    completed: int = 0
    skipped: int = 0
    ledger: Path | None = None
    ids: list = field(default_factory=list)

    def summary(self) -> str:
        """One line: ``imported N runs from M files, skipped K already imported (ledger: PATH)``."""
        n = lambda k, what: f"{k} {what}{'' if k == 1 else 's'}"  # noqa: E731
        done = f", completed {n(self.completed, 'run')} the ledger held in part" if self.completed else ""
        return (f"imported {n(self.imported, 'run')} from {n(self.files, 'file')}{done}, skipped {self.skipped} "
                f"already imported (ledger: {self.ledger})")


@contextmanager
def _staging():
    try:
        fd, path = tempfile.mkstemp(prefix="footprint-import-", suffix=".db")
        os.close(fd)
    except OSError as exc:
        raise RunImportError(f"cannot stage the import in {tempfile.gettempdir()}: {exc.strerror or exc}; set TMPDIR "
                             "to a writable directory") from None
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(f"CREATE TABLE runs (id TEXT PRIMARY KEY, {', '.join(_STAGE_COLUMNS[1:])})")
        conn.execute(f"CREATE TABLE samples ({', '.join(SAMPLE_COLUMNS)}, PRIMARY KEY (run_id, seq))")
        conn.execute("BEGIN")
        yield conn, path
    finally:
        conn.close()
        os.unlink(path)


def _dicts(cur) -> list[dict]:
    return [{c[0]: v for c, v in zip(cur.description, r)} for r in cur.fetchall()]


def _commit(led: Ledger, path: str, result: ImportResult, want_ids: bool) -> None:
    cols = ", ".join(RUN_COLUMNS)
    new = "origin = 'csv' AND NOT EXISTS (SELECT 1 FROM main.runs r WHERE r.id = s.id)"
    with led.transaction(attach={"stage": path}) as conn:
        clash = conn.execute("SELECT s.id, s.file, s.line, r.kind FROM stage.runs s JOIN main.runs r ON r.id = s.id "
                             "WHERE s.origin = 'csv' AND r.kind IS NOT 'import' ORDER BY s.fidx, s.line").fetchone()
        if clash:
            raise RunImportError(f"{clash[1]}:{clash[2]}: run id {clash[0]!r} is already in {led.path} as a run measured "
                                 f"by footprint ({clash[3]}); nothing was imported (edit the id in the file to import "
                                 "it as another run)")
        if want_ids:
            result.ids = [r[0] for r in conn.execute(f"SELECT id FROM stage.runs s WHERE {new} ORDER BY fidx, line")]
        staged = conn.execute("SELECT COUNT(*) FROM stage.runs WHERE origin = 'csv'").fetchone()[0]
        result.imported = conn.execute(f"INSERT INTO main.runs ({cols}) SELECT {cols} FROM stage.runs s WHERE {new}").rowcount
        result.skipped = staged - result.imported
        for run in _dicts(conn.execute("SELECT * FROM stage.runs WHERE origin = 'json' ORDER BY fidx")):
            values = tuple(run[c] for c in RUN_COLUMNS)
            have = _dicts(conn.execute("SELECT * FROM main.runs WHERE id = ?", (run["id"],)))
            if have and tuple(have[0][c] for c in RUN_COLUMNS) == values:
                result.skipped += 1
                continue
            if have and not _continues(have[0], run):
                h = have[0]
                raise RunImportError(f"{run['file']}: run id {run['id']!r} is already in {led.path} as another run "
                                     f"({h['kind']}, {h['status']}, host {h['host']!r}, pid {h['pid']}); a measured run "
                                     "is never replaced: nothing was imported (import the file into another ledger "
                                     "with --ledger PATH)")
            conn.execute(UPSERT_RUN, values)
            conn.execute(f"INSERT INTO main.samples ({', '.join(SAMPLE_COLUMNS)}) SELECT {', '.join(SAMPLE_COLUMNS)} "
                         "FROM stage.samples WHERE run_id = ? ON CONFLICT(run_id, seq) DO NOTHING", (run["id"],))
            if want_ids:
                result.ids.append(run["id"])
            if have:
                result.completed += 1
            else:
                result.imported += 1


def _continues(have: dict, run: dict) -> bool:
    """True when the file holds the later state of the run the ledger holds the beginning of."""
    same = all(have[k] == run[k] for k in ("started", "host", "pid", "kind"))
    return same and have["status"] == "running" and (run["last_checkpoint"] or 0) >= (have["last_checkpoint"] or 0)


def import_files(paths, ledger=None, want_ids: bool = False) -> ImportResult:
    """Import CodeCarbon emissions.csv files and footprint-run-*.json files (by their suffix) into the ledger, all or
    nothing: every file is checked first, then every run is written in one transaction.

    Raises
    ------
    RunImportError
        A file is missing or cannot be imported (nothing was written).
    LedgerError
        The ledger is not a ledger, or cannot be written (nothing was written).
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise RunImportError("give the files to import: CodeCarbon's emissions.csv or footprint-run-*.json files")
    for p in paths:
        if not p.is_file():
            what = "is a directory" if p.is_dir() else "does not exist"
            raise RunImportError(f"{str(p)!r} {what}; give CodeCarbon's emissions.csv or a footprint-run-*.json file")
    led = ledger if isinstance(ledger, Ledger) else Ledger(ledger)
    led.check()  # a file that is not a ledger is refused before any file is read
    result = ImportResult(files=len(paths), ledger=led.path)
    with _staging() as (conn, path):
        for i, p in enumerate(paths):
            try:
                (_stage_json if p.suffix.lower() == ".json" else _stage_csv)(conn, p, i)
            except OSError as exc:
                raise RunImportError(f"cannot read {p}: {exc.strerror or exc}; nothing was imported") from None
            except sqlite3.Error as exc:
                raise RunImportError(f"cannot stage {p} in {tempfile.gettempdir()}: {exc}; nothing was imported") from None
        conn.execute("COMMIT")
        if led.is_dir:
            _refuse_other_hosts(led, conn)
        _commit(led, path, result, want_ids)
    return result


def _refuse_other_hosts(led: Ledger, stage: sqlite3.Connection) -> None:
    """In a ledger directory an import writes this host's file: a run that another host's file holds is refused (it
    would be in two files), naming the file."""
    staged = {r[0]: r[1] for r in stage.execute("SELECT id, file FROM runs")}
    target = led.file_for()
    for f in led.files():
        conn = open_read(f, led.busy_timeout_s) if f != target else None
        if conn is None:
            continue
        try:
            clash = next((rid for (rid,) in conn.execute("SELECT id FROM runs") if rid in staged), None)
        finally:
            conn.close()
        if clash is not None:
            raise RunImportError(f"{staged[clash]}: run id {clash!r} is already in {f}, the file of another host of the "
                                 f"ledger directory {led.path}; nothing was imported (run the import with "
                                 f"FOOTPRINT_HOST set to that host, so that its own file is completed)")


def import_file(path, ledger=None) -> list[str]:
    """Import one file (see :func:`import_files`); return the ids of the runs it added or completed."""
    return import_files([path], ledger, want_ids=True).ids
