"""The ledger: an embedded SQLite database of measured runs.

One file (default ``./.footprint/ledger.db``; ``FOOTPRINT_LEDGER`` or an explicit path instead) holds two
tables: ``runs`` (one row per run: who, where, when, status, energy per component and the method that
measured it, the job and host it belongs to) and ``samples`` (one row per checkpoint interval of a run). The
database is in WAL mode so that readers never block writers, and every write is one short ``BEGIN IMMEDIATE``
transaction retried on contention, so several processes can write the same ledger at once without losing a row.
A ledger *directory* (:mod:`.ledgerdir`: a path that is a directory, or ends with ``/``) holds one such file per
host, for the hosts of multi-node jobs on a shared filesystem; reads merge its files.

The file carries a marker (``PRAGMA application_id``) and a schema version (``PRAGMA user_version``):
:mod:`.ledgerfile` recognises it, creates it, adopts a ledger made before the marker, migrates an older one,
refuses a newer one and any file that is not a ledger (which it leaves untouched). Reading (:meth:`Ledger.runs`,
:meth:`Ledger.get` ...) opens the file read-only and never creates it.

Times are stored as POSIX timestamps [s] and shown as ISO 8601 UTC strings. The status of a run is one of
``running``, ``finished``, ``failed``, ``interrupted``; ``lost`` is derived when the ledger is read: a
``running`` run whose recording process is known to be gone (same host, pid no longer alive) or whose last
checkpoint is older than :func:`stale_after_s` of its interval.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from ..errors import LedgerError, UnknownKeyError
from .ledgerdir import host_file, ledger_files, ledger_location
from .ledgerfile import (APPLICATION_ID, JSON_COLUMNS, MIGRATIONS, RUN_COLUMNS, SAMPLE_COLUMNS, SCHEMA_VERSION,
                         NotALedgerError, open_read, open_write)
from .records import (COMPONENTS, STATUSES, RunRecord, default_ledger_path, effective_status, iso, new_run_id,
                      stale_after_s)

__all__ = [
    "APPLICATION_ID",
    "COMPONENTS",
    "MIGRATIONS",
    "RUN_COLUMNS",
    "SAMPLE_COLUMNS",
    "SCHEMA_VERSION",
    "STATUSES",
    "LedgerError",
    "NotALedgerError",
    "Ledger",
    "RunRecord",
    "default_ledger_path",
    "effective_status",
    "stale_after_s",
    "iso",
    "new_run_id",
]

# an upsert, not INSERT OR REPLACE: REPLACE deletes the row first, and the cascade would take its samples
UPSERT_RUN = (f"INSERT INTO runs ({', '.join(RUN_COLUMNS)}) VALUES ({', '.join('?' * len(RUN_COLUMNS))}) "
              f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in RUN_COLUMNS[1:])}")
INSERT_SAMPLE = (f"INSERT INTO samples ({', '.join(SAMPLE_COLUMNS)}) VALUES ({', '.join('?' * len(SAMPLE_COLUMNS))}) "
                 "ON CONFLICT(run_id, seq) DO NOTHING")


def run_values(run: dict) -> tuple:
    """The values of a run row in :data:`RUN_COLUMNS` order, as the ledger stores them (JSON columns as text,
    energies [kWh] and duration [s] as floats, missing ones 0)."""
    row = {k: run.get(k) for k in RUN_COLUMNS}
    for k in JSON_COLUMNS:
        if row[k] is not None and not isinstance(row[k], str):
            row[k] = json.dumps(row[k])
    for c in COMPONENTS:
        row[f"{c}_kwh"] = float(row[f"{c}_kwh"] or 0.0)
    row["duration_s"] = float(row["duration_s"] or 0.0)
    return tuple(row[k] for k in RUN_COLUMNS)


def sample_values(s: dict) -> tuple:
    """The values of a sample row in :data:`SAMPLE_COLUMNS` order (missing energies 0)."""
    return tuple((s.get(k) or 0.0) if k.endswith("_kwh") else s.get(k) for k in SAMPLE_COLUMNS)


def _row_to_dict(cur, row) -> dict:
    d = {c[0]: v for c, v in zip(cur.description, row)}
    for k in JSON_COLUMNS:
        if k in d and isinstance(d[k], str):
            try:  # a NaN or Infinity a legacy row may hold reads as null: nothing downstream sees a non-finite number
                d[k] = json.loads(d[k], parse_constant=lambda _: None)
            except ValueError:
                pass
    return d


class Ledger:
    """A ledger file, or a ledger directory of one file per host (:mod:`.ledgerdir`). Every operation opens its own
    short-lived connection (safe across threads and processes); writes are retried on contention. Reads open the
    file (every file of a directory, merged) read-only.

    Parameters
    ----------
    path : str or Path, optional
        The SQLite file, or the directory (default: :func:`default_ledger_path`).
    busy_timeout_s : float
        How long [s] one attempt waits for a lock held by another writer.
    retries : int
        Attempts of a write before it fails with :class:`LedgerError`.
    directory : bool, optional
        Whether ``path`` is a ledger directory (default: when it is one, or ends with ``/``).
    """

    def __init__(self, path: str | os.PathLike | None = None, busy_timeout_s: float = 5.0, retries: int = 5,
                 directory: bool | None = None):
        self.path, is_dir = ledger_location(path)
        self.is_dir = is_dir if directory is None else bool(directory)
        self.busy_timeout_s = float(busy_timeout_s)
        self.retries = int(retries)
        self._local = threading.local()  # one cached write connection per thread and file

    def __repr__(self) -> str:
        return f"Ledger({str(self.path) + ('/' if self.is_dir else '')!r})"

    def file_for(self, host: str | None = None) -> Path:
        """The file a run of ``host`` (default: this machine's, ``$FOOTPRINT_HOST``) is written to: the ledger file,
        or that host's file in a ledger directory."""
        if not self.is_dir:
            return self.path
        if not host:
            from .identity import host_name

            host = host_name()[0]
        return host_file(self.path, str(host))

    def files(self) -> list[Path]:
        """The files a read merges: the ledger file, or every ledger file of the directory."""
        return ledger_files(self.path) if self.is_dir else [self.path]

    @property
    def fallback_dir(self) -> Path:
        """Where a run that cannot be written is saved as JSON first: beside the ledger file, or in the directory."""
        return self.path if self.is_dir else self.path.parent

    def _journal(self) -> str:
        return "delete" if self.is_dir else "wal"

    # --- the file ----------------------------------------------------------------------------------

    def check(self) -> None:
        """Raise now if the file at :attr:`path` (any file of a directory) exists and is not a ledger this footprint
        can read and write (:class:`NotALedgerError`, or :class:`LedgerError` for a newer schema); nothing is
        changed."""
        for f in self.files():
            conn = open_read(f, self.busy_timeout_s)
            if conn is not None:
                conn.close()

    def schema_version(self) -> int:
        """The schema version of the file (the highest of a directory's; 0 for a ledger that does not exist yet)."""
        versions = [0]
        for f in self.files():
            conn = open_read(f, self.busy_timeout_s)
            if conn is not None:
                try:
                    versions.append(conn.execute("PRAGMA user_version").fetchone()[0])
                finally:
                    conn.close()
        return max(versions)

    # --- writing -----------------------------------------------------------------------------------

    def write(self, run: dict, samples: Iterable[dict] = ()) -> None:
        """Insert or update the run row and add samples (already stored samples are kept), atomically.

        Raises
        ------
        LedgerError
            The ledger could not be written after ``retries`` attempts (read-only, full disk, locked), or the file
            is not a ledger (:class:`NotALedgerError`, not retried, the file untouched).
        """
        values = run_values(run)
        srows = [sample_values(s) for s in samples]
        target = self.file_for(run.get("host"))
        conns = self._conns()
        last: Exception | None = None
        for attempt in range(self.retries):
            conn = conns.get(target)
            if conn is None:
                try:
                    conn = conns[target] = open_write(target, self.busy_timeout_s, self._journal())
                except LedgerError as exc:
                    last = exc
                    if not exc.transient:
                        break
                    time.sleep(min(0.05 * 2 ** attempt, 1.0))
                    continue
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(UPSERT_RUN, values)
                if srows:
                    conn.executemany(INSERT_SAMPLE, srows)
                conn.execute("COMMIT")
                return
            except sqlite3.Error as exc:
                last = exc
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                self.close()  # a fresh connection next time (the file may have changed under us)
                msg = str(exc).lower()
                if "locked" in msg or "busy" in msg:
                    time.sleep(min(0.05 * 2 ** attempt, 1.0))
                    continue
                break
        if isinstance(last, LedgerError):
            raise last
        reason = getattr(last, "strerror", None) or str(last)
        transient = any(w in str(last).lower() for w in ("locked", "busy"))
        raise LedgerError(f"cannot write the ledger {target}: {reason}", transient=transient)

    def _conns(self) -> dict:
        conns = getattr(self._local, "conns", None)
        if conns is None:
            conns = self._local.conns = {}
        return conns

    @contextmanager
    def transaction(self, attach: dict | None = None, host: str | None = None):
        """One write transaction (``BEGIN IMMEDIATE``) on a connection of its own: committed when the block ends,
        rolled back when it raises, so that it writes all or nothing. ``attach`` ({schema name: path}) attaches
        other SQLite files to the connection first (an import reads its staged rows from one). In a ledger
        directory it writes the file of ``host`` (default: this machine's).

        Raises
        ------
        LedgerError
            The ledger cannot be written (the message says why; ``transient`` when it is locked).
        """
        target = self.file_for(host)
        conn = open_write(target, self.busy_timeout_s, self._journal())
        try:
            for name, path in (attach or {}).items():
                if not str(name).isidentifier():
                    raise ValueError(f"not a schema name: {name!r}")
                conn.execute(f"ATTACH DATABASE ? AS {name}", (str(path),))
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            transient = any(w in str(exc).lower() for w in ("locked", "busy"))
            raise LedgerError(f"cannot write the ledger {target}: {exc}", transient=transient) from None
        finally:
            conn.close()

    def close(self) -> None:
        """Close this thread's cached write connections (the next write opens a new one)."""
        conns = self._conns()
        for conn in list(conns.values()):
            try:
                conn.close()
            except sqlite3.Error:
                pass
        conns.clear()

    # --- reading (read-only: never creates or changes the file) ------------------------------------

    @contextmanager
    def _reading(self):
        """``query(sql, args) -> rows``, over the ledger file or over every file of a directory (rows concatenated)."""
        opened: list = []

        def query(sql: str, args: tuple = ()) -> list[dict]:
            out = []
            for path, conn in opened:
                try:
                    cur = conn.execute(sql, args)
                    out += [_row_to_dict(cur, r) for r in cur.fetchall()]
                except sqlite3.Error as exc:
                    raise LedgerError(f"cannot read the ledger {path}: {exc}") from None
            return out

        try:
            for path in self.files():
                conn = open_read(path, self.busy_timeout_s)
                if conn is not None:
                    opened.append((path, conn))
            yield query
        finally:
            for _, conn in opened:
                conn.close()

    def _read(self, sql: str, args: tuple = ()) -> list[dict]:
        with self._reading() as query:
            return query(sql, args)

    def runs(self, now: float | None = None) -> list[RunRecord]:
        """Every run, oldest first, with its effective status (none when the ledger does not exist)."""
        out = []
        for d in _one_per_id(self._read("SELECT * FROM runs ORDER BY started, id"), self.is_dir):
            d["status"] = effective_status(d, now)
            out.append(RunRecord(d))
        return out

    def resolve_id(self, run_id: str) -> str:
        """The full id of ``run_id`` (an id or a unique prefix of one).

        Raises
        ------
        UnknownKeyError
            No run (or several) has that id in this ledger; the message names the ledger.
        """
        with self._reading() as query:
            return self._resolve(query, run_id)

    def _resolve(self, query, run_id: str) -> str:
        rid = str(run_id).strip()
        if query("SELECT id FROM runs WHERE id = ?", (rid,)):
            return rid
        like = rid.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = query("SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY started", (like,)) if rid else []
        ids = list(dict.fromkeys(r["id"] for r in rows))  # a directory's files may repeat a run
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise UnknownKeyError("run", rid, ids[:5],
                                  hint=f"(the prefix matches {len(ids)} runs in the ledger {self.path}; give more of the id)")
        recent = [r["id"] for r in query("SELECT id FROM runs ORDER BY started DESC LIMIT 200")]
        from rapidfuzz import process

        sugg = [m[0] for m in process.extract(rid, recent, limit=3, score_cutoff=60)] if recent else []
        where = f"the ledger {self.path}" + ("" if self.path.exists() else " (which does not exist yet)")
        raise UnknownKeyError("run", rid, sugg,
                              hint=f"No run has this id in {where}; `footprint runs list` shows the runs, and "
                                   "--ledger or FOOTPRINT_LEDGER selects another ledger.")

    def get(self, run_id: str, samples: bool = False, now: float | None = None) -> RunRecord:
        """One run by id (or unique prefix), optionally with its samples (oldest first)."""
        with self._reading() as query:
            rid = self._resolve(query, run_id)
            d = _one_per_id(query("SELECT * FROM runs WHERE id = ?", (rid,)), self.is_dir)[0]
            d["status"] = effective_status(d, now)
            rec = RunRecord(d)
            if samples:
                rows = query("SELECT * FROM samples WHERE run_id = ? ORDER BY seq", (rid,))
                if self.is_dir:  # one sample per seq, should a run be in two files
                    rows = sorted({s["seq"]: s for s in rows}.values(), key=lambda s: s["seq"])
                rec.samples = rows
        return rec

    def count_samples(self, run_id: str | None = None) -> int:
        """Number of sample rows (of one run, or of all runs)."""
        if run_id is None:
            rows = self._read("SELECT COUNT(*) AS n FROM samples")
        else:
            rows = self._read("SELECT COUNT(*) AS n FROM samples WHERE run_id = ?", (run_id,))
        return int(sum(r["n"] for r in rows))


def _one_per_id(rows: list[dict], merged: bool) -> list[dict]:
    """The rows of a read, one per run id: the files of a directory may repeat a run (a file copied by hand); the copy
    checkpointed last is kept, in the order of the ``started`` time."""
    if not merged:
        return rows
    best: dict = {}
    for d in rows:
        have = best.get(d["id"])
        if have is None or (d.get("last_checkpoint") or 0) > (have.get("last_checkpoint") or 0):
            best[d["id"]] = d
    return sorted(best.values(), key=lambda d: (d.get("started") or 0, d["id"]))
