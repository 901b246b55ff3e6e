"""Writing output files whole or not at all.

:func:`write_all` writes each text to a temporary file beside its target, then renames every one over its target;
when any write fails, the temporary files are removed and no target is touched (a rename within one directory is
atomic on POSIX and Windows). :func:`write_atomic` is the case of one file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import FootprintError

__all__ = ["write_atomic", "write_all"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_all(outputs: dict) -> list[Path]:
    """Write ``{path: text or bytes}``: all files or none. Returns the paths written.

    Raises
    ------
    FootprintError
        A directory that does not exist or cannot be written (nothing is written then).
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs.items():
            p = Path(path)
            if not p.parent.is_dir():
                raise FootprintError(f"cannot write {str(p)!r}: directory {str(p.parent)!r} does not exist")
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
            except OSError as exc:
                raise FootprintError(f"cannot write {str(p)!r}: {exc.strerror or exc}") from None
            staged.append((tmp, p))
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data.encode("utf-8") if isinstance(data, str) else data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(tmp, 0o666 & ~_umask())
            except OSError as exc:
                raise FootprintError(f"cannot write {str(p)!r}: {exc.strerror or exc}") from None
        for tmp, p in staged:
            os.replace(tmp, p)
    except BaseException:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    return [p for _, p in staged]


def write_atomic(path, data) -> Path:
    """Write ``data`` (text or bytes) to ``path`` through a temporary file renamed over it."""
    return write_all({path: data})[0]
