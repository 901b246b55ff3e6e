"""The ledger file: its schema, its marker, and the two ways of opening it (read-only, or for writing).

A footprint ledger is an SQLite database that says so: ``PRAGMA application_id`` is :data:`APPLICATION_ID` (the
ASCII of ``FTPR``) and ``PRAGMA user_version`` its schema version, both set in the transaction that creates its
tables. Any existing file is recognised before it is used, and only ever *read* while it is:

- an empty file, or an SQLite database with no table and no marker: a new ledger (written: created; read: no runs);
- the marker: a ledger (written: migrated to :data:`SCHEMA_VERSION` if older; a newer one is refused);
- no marker (application_id 0) but the ``runs`` and ``samples`` tables of footprint: a ledger made before the marker
  existed. Opened for writing it is adopted (the marker is set, in the same transaction as any migration); opened
  read-only it is read as it is;
- anything else (not SQLite, another program's application_id, or other tables): :class:`NotALedgerError`, and the
  file is left exactly as it was.

:func:`open_read` is the one place the ledger is opened for reading: an SQLite URI with ``mode=ro``, so that a ledger
in a read-only directory or a read-only file can be read and reading never creates a file. (A WAL database in a
read-only directory without its ``-wal`` and ``-shm`` files cannot be opened ``mode=ro``; nobody can be writing it
then, and it is opened ``immutable=1``.) :func:`open_write` opens it for writing and brings it to the current schema.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from ..errors import LedgerError

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "MIGRATIONS", "RUN_COLUMNS", "SAMPLE_COLUMNS", "JSON_COLUMNS",
           "NotALedgerError", "open_read", "open_write", "not_a_ledger"]

#: ``PRAGMA application_id`` of a footprint ledger: the bytes of "FTPR" as a big-endian 32-bit integer (0x46545052).
APPLICATION_ID = int.from_bytes(b"FTPR", "big")
_MAGIC = b"SQLite format 3\x00"

# Each entry upgrades the schema by one version; entry i takes a ledger from version i to i + 1.
MIGRATIONS: list[str] = [
    # 0 -> 1: the first schema
    """
    CREATE TABLE IF NOT EXISTS runs (
        id TEXT PRIMARY KEY, name TEXT, status TEXT NOT NULL, kind TEXT NOT NULL, started REAL NOT NULL,
        ended REAL, last_checkpoint REAL, interval_s REAL, duration_s REAL NOT NULL DEFAULT 0, exit_status INTEGER,
        command TEXT, region TEXT, region_source TEXT, system TEXT, phase TEXT, host TEXT, pid INTEGER,
        pid_started REAL, local_rank INTEGER, rank_source TEXT, scope TEXT,
        cpu_kwh REAL NOT NULL DEFAULT 0, gpu_kwh REAL NOT NULL DEFAULT 0, ram_kwh REAL NOT NULL DEFAULT 0,
        cpu_method TEXT, gpu_method TEXT, ram_method TEXT, hardware TEXT, problems TEXT, source TEXT
    );
    CREATE TABLE IF NOT EXISTS samples (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        t_start REAL NOT NULL, t_end REAL NOT NULL,
        cpu_kwh REAL NOT NULL DEFAULT 0, gpu_kwh REAL NOT NULL DEFAULT 0, ram_kwh REAL NOT NULL DEFAULT 0,
        cpu_w REAL, gpu_w REAL, ram_w REAL,
        PRIMARY KEY (run_id, seq)
    );
    CREATE INDEX IF NOT EXISTS runs_started ON runs(started);
    """,
    # 1 -> 2: the job a run belongs to (the hosts of a multi-node job share it), and the prediction made from its
    # first epochs (JSON)
    """
    ALTER TABLE runs ADD COLUMN job TEXT;
    ALTER TABLE runs ADD COLUMN prediction TEXT;
    CREATE INDEX IF NOT EXISTS runs_job ON runs(job);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

RUN_COLUMNS = (
    "id", "name", "status", "kind", "started", "ended", "last_checkpoint", "interval_s", "duration_s",
    "exit_status", "command", "region", "region_source", "system", "phase", "host", "pid", "pid_started",
    "local_rank", "rank_source", "scope", "cpu_kwh", "gpu_kwh", "ram_kwh", "cpu_method", "gpu_method",
    "ram_method", "hardware", "problems", "source", "job", "prediction",
)
SAMPLE_COLUMNS = ("run_id", "seq", "t_start", "t_end", "cpu_kwh", "gpu_kwh", "ram_kwh", "cpu_w", "gpu_w", "ram_w")
#: Columns that hold JSON text (a list or an object).
JSON_COLUMNS = ("command", "hardware", "problems", "prediction")
# what a ledger made before the marker has: enough to tell it from another program's tables called runs
_LEGACY_COLUMNS = {"id", "status", "kind", "started", "cpu_kwh", "gpu_kwh", "ram_kwh"}


class NotALedgerError(LedgerError):
    """The file at the ledger path is not a footprint ledger (not SQLite, or another program's database); it was
    not changed."""


def not_a_ledger(path, what: str) -> NotALedgerError:
    """The error for a file that is not a footprint ledger: the path, what it is, and how to fix it."""
    return NotALedgerError(
        f"{path} is not a footprint ledger ({what}); it was left unchanged. Pass --ledger PATH (or set "
        "FOOTPRINT_LEDGER) to a footprint ledger, or to a new path to start one")


def _newer(path, version: int) -> LedgerError:
    return LedgerError(f"the ledger {path} has schema version {version}, newer than this footprint knows "
                       f"({SCHEMA_VERSION}); upgrade footprint to read it")


def _empty_file(path: Path) -> bool:
    """True for an empty file; raises for a directory, an unreadable file or a file that is not SQLite."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_MAGIC))
    except IsADirectoryError:
        raise LedgerError(f"the ledger {path} is a directory; give the path of a ledger file with --ledger") from None
    except OSError as exc:
        raise LedgerError(f"cannot read the ledger {path}: {exc.strerror or exc}") from None
    if head and head != _MAGIC:
        raise not_a_ledger(path, "not an SQLite database")
    return not head


def _state(conn: sqlite3.Connection, path) -> tuple[str, int]:
    """("new" | "legacy" | "ours", schema version) of an open database; raises when it is not a ledger of ours."""
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app not in (0, APPLICATION_ID):
        raise not_a_ledger(path, f"an SQLite database of another program, application_id {app & 0xFFFFFFFF:#010x}")
    if app == APPLICATION_ID:
        kind = "ours"
    else:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and version == 0:
            return "new", 0
        cols = {r[1] for r in conn.execute("PRAGMA table_info(runs)")}
        if not ({"runs", "samples"} <= tables and _LEGACY_COLUMNS <= cols):
            shown = ", ".join(sorted(tables)[:5]) or "none"
            raise not_a_ledger(path, f"an SQLite database without the ledger's tables; it has: {shown}")
        kind = "legacy"
    if version > SCHEMA_VERSION:
        raise _newer(path, version)
    return kind, version


def _sqlite_failure(path, exc: sqlite3.Error, doing: str) -> LedgerError:
    msg = str(exc)
    if "not a database" in msg or "malformed" in msg:
        return not_a_ledger(path, f"SQLite says: {msg}")
    transient = "locked" in msg.lower() or "busy" in msg.lower()
    return LedgerError(f"cannot {doing} the ledger {path}: {msg}", transient=transient)


def open_read(path: str | os.PathLike, busy_timeout_s: float = 5.0) -> sqlite3.Connection | None:
    """A read-only connection to the ledger at ``path``, or None when there is nothing to read (no file, an empty
    file, an empty database). Never creates, changes or adopts the file.

    Raises
    ------
    NotALedgerError
        The file is not a footprint ledger.
    LedgerError
        It cannot be read (a directory, permissions, a newer schema).
    """
    p = Path(path)
    if not os.path.lexists(p) or _empty_file(p):
        return None
    uri = p.absolute().as_uri() + "?mode=ro"
    wal = Path(f"{p}-wal")
    for attempt in (uri, uri + "&immutable=1"):
        conn = None
        try:
            conn = sqlite3.connect(attempt, uri=True, timeout=busy_timeout_s, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
            kind, _ = _state(conn, p)
            if kind == "new":
                conn.close()
                return None
            return conn
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            code = getattr(exc, "sqlite_errorname", "")
            journal = Path(f"{p}-journal")
            if code == "SQLITE_READONLY_ROLLBACK" or (not code and journal.exists() and journal.stat().st_size):
                return _rolled_back_copy(p, busy_timeout_s)
            readonly_dir = code in ("SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN") or "readonly" in str(exc)
            if attempt == uri and readonly_dir:
                if not wal.exists() or wal.stat().st_size == 0:
                    continue  # a WAL ledger in a read-only directory: nobody can be writing it
                raise LedgerError(f"cannot read the ledger {p}: its directory is read-only and {wal} holds writes not "
                                  "yet merged into it; make the directory writable for one footprint command that "
                                  "writes, or copy both files to a writable directory") from None
            raise _sqlite_failure(p, exc, "read") from None
        except BaseException:
            if conn is not None:
                conn.close()
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def _rolled_back_copy(p: Path, busy_timeout_s: float) -> sqlite3.Connection | None:
    """A connection to a private copy of the ledger ``p`` whose rollback journal is hot (a writer was killed inside a
    transaction): the copy is rolled back when first read, so the reader sees the last committed state, and ``p`` and
    its journal are left as they are (the next writer rolls them back)."""
    tmp = Path(tempfile.mkdtemp(prefix="footprint-read-"))
    conn = None
    try:
        copy = tmp / p.name
        shutil.copyfile(p, copy)
        shutil.copyfile(f"{p}-journal", f"{copy}-journal")
        conn = sqlite3.connect(str(copy), timeout=busy_timeout_s, isolation_level=None)
        kind, _ = _state(conn, p)  # the first read rolls the copy back
        if kind == "new":
            conn.close()
            return None
        return conn  # the copy is removed below; the open connection keeps reading it (POSIX)
    except OSError as exc:
        if conn is not None:
            conn.close()
        raise LedgerError(f"cannot read the ledger {p}: it holds a write cut short ({p}-journal), and a copy to read it "
                          f"from could not be made in {tempfile.gettempdir()} ({exc.strerror or exc}); set TMPDIR to a "
                          "writable directory") from None
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise _sqlite_failure(p, exc, "read") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def open_write(path: str | os.PathLike, busy_timeout_s: float = 5.0, journal: str = "wal") -> sqlite3.Connection:
    """A connection for writing to the ledger at ``path``: created (with its marker and schema) when new, adopted
    when it predates the marker, migrated when older; in WAL mode (``journal="wal"``), or with a rollback journal
    (``journal="delete"``: the per-host files of a ledger directory on a shared filesystem, where WAL's shared
    memory does not reach the readers on other hosts). An existing file is recognised read-only first, so a file that
    is not a ledger is never opened for writing.

    Raises
    ------
    NotALedgerError, LedgerError
    """
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerError(f"cannot create the directory of the ledger {p}: {exc.strerror or exc}") from None
    probe = open_read(p, busy_timeout_s)
    if probe is not None:
        probe.close()
    try:
        conn = sqlite3.connect(str(p), timeout=busy_timeout_s, isolation_level=None)
    except sqlite3.Error as exc:
        raise LedgerError(f"cannot open the ledger {p}: {exc}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        kind, version = _state(conn, p)
        if kind != "ours" or version < SCHEMA_VERSION:
            _initialise(conn, p)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != journal:
            try:
                conn.execute(f"PRAGMA journal_mode = {'WAL' if journal == 'wal' else 'DELETE'}")
            except sqlite3.OperationalError:  # another connection holds it open in WAL mode: keep that for now
                if journal == "wal":
                    raise
        conn.execute(f"PRAGMA synchronous = {'NORMAL' if journal == 'wal' else 'FULL'}")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise _sqlite_failure(p, exc, "write") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _initialise(conn: sqlite3.Connection, path: Path) -> None:
    """Create, adopt or migrate, in one transaction (another process may be doing the same: decided again inside)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        _, version = _state(conn, path)
        for v in range(version, SCHEMA_VERSION):
            for stmt in MIGRATIONS[v].split(";"):
                if stmt.strip():
                    conn.execute(stmt)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
