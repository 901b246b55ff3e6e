"""The ledger: an embedded SQLite database of measured runs.

One file (default ``./.footprint/ledger.db``; ``FOOTPRINT_LEDGER`` or an explicit path instead) holds two
tables: ``runs`` (one row per run: who, where, when, status, energy per component and the method that
measured it) and ``samples`` (one row per checkpoint interval of a run). The database is in WAL mode so
that readers never block writers, and every write is one short ``BEGIN IMMEDIATE`` transaction retried on
contention, so several processes can write the same ledger at once without losing a row.

The schema carries a version (``PRAGMA user_version``); opening a ledger written by an older footprint
applies the missing migrations in order, and a ledger written by a newer footprint is refused with a
message that says so.

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
from typing import Iterable

from ..errors import LedgerError, UnknownKeyError
from .records import (COMPONENTS, STATUSES, RunRecord, default_ledger_path, effective_status, iso, new_run_id,
                      stale_after_s)

__all__ = [
    "COMPONENTS",
    "SCHEMA_VERSION",
    "STATUSES",
    "LedgerError",
    "Ledger",
    "RunRecord",
    "default_ledger_path",
    "effective_status",
    "stale_after_s",
    "iso",
    "new_run_id",
]


# Each entry upgrades the schema by one version; entry i takes a ledger from version i to i + 1.
MIGRATIONS: list[str] = [
    # 0 -> 1: the first schema
    """
    CREATE TABLE IF NOT EXISTS runs (
        id TEXT PRIMARY KEY,
        name TEXT,
        status TEXT NOT NULL,
        kind TEXT NOT NULL,
        started REAL NOT NULL,
        ended REAL,
        last_checkpoint REAL,
        interval_s REAL,
        duration_s REAL NOT NULL DEFAULT 0,
        exit_status INTEGER,
        command TEXT,
        region TEXT,
        region_source TEXT,
        system TEXT,
        phase TEXT,
        host TEXT,
        pid INTEGER,
        pid_started REAL,
        local_rank INTEGER,
        rank_source TEXT,
        scope TEXT,
        cpu_kwh REAL NOT NULL DEFAULT 0,
        gpu_kwh REAL NOT NULL DEFAULT 0,
        ram_kwh REAL NOT NULL DEFAULT 0,
        cpu_method TEXT,
        gpu_method TEXT,
        ram_method TEXT,
        hardware TEXT,
        problems TEXT,
        source TEXT
    );
    CREATE TABLE IF NOT EXISTS samples (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        t_start REAL NOT NULL,
        t_end REAL NOT NULL,
        cpu_kwh REAL NOT NULL DEFAULT 0,
        gpu_kwh REAL NOT NULL DEFAULT 0,
        ram_kwh REAL NOT NULL DEFAULT 0,
        cpu_w REAL,
        gpu_w REAL,
        ram_w REAL,
        PRIMARY KEY (run_id, seq)
    );
    CREATE INDEX IF NOT EXISTS runs_started ON runs(started);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

RUN_COLUMNS = (
    "id", "name", "status", "kind", "started", "ended", "last_checkpoint", "interval_s", "duration_s",
    "exit_status", "command", "region", "region_source", "system", "phase", "host", "pid", "pid_started",
    "local_rank", "rank_source", "scope", "cpu_kwh", "gpu_kwh", "ram_kwh", "cpu_method", "gpu_method",
    "ram_method", "hardware", "problems", "source",
)
SAMPLE_COLUMNS = ("run_id", "seq", "t_start", "t_end", "cpu_kwh", "gpu_kwh", "ram_kwh", "cpu_w", "gpu_w", "ram_w")
_JSON_COLUMNS = ("command", "hardware", "problems")
# an upsert, not INSERT OR REPLACE: REPLACE deletes the row first, and the cascade would take its samples
_UPSERT_RUN = (f"INSERT INTO runs ({', '.join(RUN_COLUMNS)}) VALUES ({', '.join('?' * len(RUN_COLUMNS))}) "
               f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in RUN_COLUMNS[1:])}")




def _row_to_dict(cur, row) -> dict:
    d = {c[0]: v for c, v in zip(cur.description, row)}
    for k in _JSON_COLUMNS:
        if k in d and isinstance(d[k], str):
            try:
                d[k] = json.loads(d[k])
            except ValueError:
                pass
    return d


class Ledger:
    """A ledger file. Every operation opens its own short-lived connection (safe across threads and
    processes); writes are retried on contention.

    Parameters
    ----------
    path : str or Path, optional
        The SQLite file (default: :func:`default_ledger_path`).
    busy_timeout_s : float
        How long [s] one attempt waits for a lock held by another writer.
    retries : int
        Attempts of a write before it fails with :class:`LedgerError`.
    """

    def __init__(self, path: str | os.PathLike | None = None, busy_timeout_s: float = 5.0, retries: int = 5):
        self.path = default_ledger_path(path)
        self.busy_timeout_s = float(busy_timeout_s)
        self.retries = int(retries)
        self._migrated = False
        self._local = threading.local()  # one cached write connection per thread

    def __repr__(self) -> str:
        return f"Ledger({str(self.path)!r})"

    # --- connections -------------------------------------------------------------------------------

    def _connect(self, create: bool) -> sqlite3.Connection:
        if not create and not self.path.exists():
            raise FileNotFoundError(self.path)
        if create:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LedgerError(f"cannot create the directory of the ledger {self.path}: {exc.strerror or exc}") from None
        try:
            conn = sqlite3.connect(str(self.path), timeout=self.busy_timeout_s, isolation_level=None)
        except sqlite3.Error as exc:
            raise LedgerError(f"cannot open the ledger {self.path}: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_s * 1000)}")
            if not self._migrated:
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode != "wal" and create:
                    conn.execute("PRAGMA journal_mode = WAL")
                self._migrate(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            conn.close()
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise LedgerError(f"{self.path} is not a footprint ledger (SQLite says: {exc}); "
                                  "give another path with --ledger or FOOTPRINT_LEDGER") from None
            raise
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LedgerError(
                f"the ledger {self.path} has schema version {version}, newer than this footprint knows "
                f"({SCHEMA_VERSION}); upgrade footprint to read it")
        if version < SCHEMA_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
                for v in range(version, SCHEMA_VERSION):
                    for stmt in MIGRATIONS[v].split(";"):
                        if stmt.strip():
                            conn.execute(stmt)
                    conn.execute(f"PRAGMA user_version = {v + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        self._migrated = True

    def schema_version(self) -> int:
        """The schema version of the file (0 for a ledger that does not exist yet)."""
        if not self.path.exists():
            return 0
        conn = sqlite3.connect(str(self.path), timeout=self.busy_timeout_s)
        try:
            return conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()

    # --- writing -----------------------------------------------------------------------------------

    def write(self, run: dict, samples: Iterable[dict] = ()) -> None:
        """Insert or update the run row and add samples (already stored samples are kept), atomically.

        Raises
        ------
        LedgerError
            The ledger could not be written after ``retries`` attempts (read-only, full disk, locked).
        """
        row = {k: run.get(k) for k in RUN_COLUMNS}
        for k in _JSON_COLUMNS:
            if row[k] is not None and not isinstance(row[k], str):
                row[k] = json.dumps(row[k])
        for c in COMPONENTS:
            row[f"{c}_kwh"] = float(row[f"{c}_kwh"] or 0.0)
        row["duration_s"] = float(row["duration_s"] or 0.0)
        srows = [tuple((s.get(k) or 0.0) if k.endswith("_kwh") else s.get(k) for k in SAMPLE_COLUMNS) for s in samples]
        last: Exception | None = None
        for attempt in range(self.retries):
            conn = getattr(self._local, "conn", None)
            if conn is None:
                try:
                    conn = self._local.conn = self._connect(create=True)
                except LedgerError as exc:
                    last = exc
                    break
                except sqlite3.Error as exc:
                    last = exc
                    time.sleep(min(0.05 * 2 ** attempt, 1.0))
                    continue
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(_UPSERT_RUN, tuple(row[k] for k in RUN_COLUMNS))
                if srows:
                    conn.executemany(
                        f"INSERT INTO samples ({', '.join(SAMPLE_COLUMNS)}) VALUES ({', '.join('?' * len(SAMPLE_COLUMNS))}) "
                        "ON CONFLICT(run_id, seq) DO NOTHING",
                        srows,
                    )
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
        reason = getattr(last, "strerror", None) or str(last)
        if isinstance(last, LedgerError):
            raise last
        transient = any(w in str(last).lower() for w in ("locked", "busy"))
        raise LedgerError(f"cannot write the ledger {self.path}: {reason}", transient=transient)

    def close(self) -> None:
        """Close this thread's cached write connection (the next write opens a new one)."""
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass

    # --- reading -----------------------------------------------------------------------------------

    def _read(self, sql: str, args: tuple = ()) -> list[dict]:
        try:
            conn = self._connect(create=False)
        except FileNotFoundError:
            return []
        try:
            cur = conn.execute(sql, args)
            return [_row_to_dict(cur, r) for r in cur.fetchall()]
        except sqlite3.Error as exc:
            raise LedgerError(f"cannot read the ledger {self.path}: {exc}") from None
        finally:
            conn.close()

    def runs(self, now: float | None = None) -> list[RunRecord]:
        """Every run, oldest first, with its effective status."""
        out = []
        for d in self._read("SELECT * FROM runs ORDER BY started, id"):
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
        rid = str(run_id).strip()
        exact = self._read("SELECT id FROM runs WHERE id = ?", (rid,))
        if exact:
            return rid
        like = rid.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._read("SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY started", (like,)) if rid else []
        if len(rows) == 1:
            return rows[0]["id"]
        if len(rows) > 1:
            raise UnknownKeyError("run", rid, [r["id"] for r in rows[:5]],
                                  hint=f"(the prefix matches {len(rows)} runs in the ledger {self.path}; give more of the id)")
        recent = [r["id"] for r in self._read("SELECT id FROM runs ORDER BY started DESC LIMIT 200")]
        from rapidfuzz import process

        sugg = [m[0] for m in process.extract(rid, recent, limit=3, score_cutoff=60)] if recent else []
        where = f"the ledger {self.path}" + ("" if self.path.exists() else " (which does not exist yet)")
        raise UnknownKeyError("run", rid, sugg,
                              hint=f"No run has this id in {where}; `footprint runs list` shows the runs, and "
                                   "--ledger or FOOTPRINT_LEDGER selects another ledger.")

    def get(self, run_id: str, samples: bool = False, now: float | None = None) -> RunRecord:
        """One run by id (or unique prefix), optionally with its samples (oldest first)."""
        rid = self.resolve_id(run_id)
        d = self._read("SELECT * FROM runs WHERE id = ?", (rid,))[0]
        d["status"] = effective_status(d, now)
        rec = RunRecord(d)
        if samples:
            rec.samples = self._read("SELECT * FROM samples WHERE run_id = ? ORDER BY seq", (rid,))
        return rec

    def count_samples(self, run_id: str | None = None) -> int:
        """Number of sample rows (of one run, or of all runs)."""
        if run_id is None:
            rows = self._read("SELECT COUNT(*) AS n FROM samples")
        else:
            rows = self._read("SELECT COUNT(*) AS n FROM samples WHERE run_id = ?", (run_id,))
        return int(rows[0]["n"]) if rows else 0
