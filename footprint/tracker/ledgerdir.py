"""A ledger directory: one ledger file per host, for the hosts of multi-node jobs on a shared filesystem.

SQLite's locking is not safe on network filesystems (NFS, Lustre, GPFS ...), so the hosts of a job never write one
file: each host writes its own ``DIR/HOST.db`` (a ledger with its marker, like any other; written with a rollback
journal, since WAL's shared memory does not reach readers on other hosts), and every read merges the files of the
directory. A file is written by the processes of one host only; readers on any host open it read-only.

The ledger is a directory when its path (``--ledger``, ``FOOTPRINT_LEDGER``) is an existing directory, or ends with
``/`` (so that the first writer creates it). Any other path is a single ledger file, as before.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..errors import LedgerError
from .records import DEFAULT_LEDGER

__all__ = ["ledger_location", "host_file", "ledger_files", "SUFFIX"]

SUFFIX = ".db"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def ledger_location(explicit: str | os.PathLike | None = None) -> tuple[Path, bool]:
    """``(path, is a directory)`` of the ledger: ``explicit``, else ``$FOOTPRINT_LEDGER``, else
    ``./.footprint/ledger.db``; a directory when the path is one, or ends with ``/`` and is not a file."""
    raw = os.fspath(explicit) if explicit else os.environ.get("FOOTPRINT_LEDGER") or ""
    if not raw:
        return DEFAULT_LEDGER, False
    path = Path(raw).expanduser()
    slash = raw.endswith(("/", os.sep))
    return path, path.is_dir() or (slash and not path.is_file())


def host_file(directory: Path, host: str) -> Path:
    """The ledger file of ``host`` in the ledger directory: ``HOST.db``, with the characters a file name should not
    hold replaced by ``_`` and, when any was (or the name is long), 8 hex digits of the name's SHA-256 added, so that
    two hosts never share a file."""
    name = _UNSAFE.sub("_", host).lstrip(".")[:100]
    if name != host or not name:
        name = f"{name}-{hashlib.sha256(host.encode('utf-8')).hexdigest()[:8]}"
    return directory / f"{name}{SUFFIX}"


def ledger_files(directory: Path) -> list[Path]:
    """The ledger files of a ledger directory, by name (none when it does not exist). Hidden files, temporary files
    and SQLite's ``-journal``, ``-wal``, ``-shm`` files are not ledgers.

    Raises
    ------
    LedgerError
        The directory cannot be listed.
    """
    try:
        entries = sorted(directory.iterdir())
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise LedgerError(f"the ledger directory {directory} is a file; give the path of a directory (ending with /) "
                          "or of a ledger file with --ledger") from None
    except OSError as exc:
        raise LedgerError(f"cannot list the ledger directory {directory}: {exc.strerror or exc}") from None
    return [p for p in entries if p.suffix == SUFFIX and not p.name.startswith(".") and p.is_file()]
