"""The errors of fleet accounting: both are :class:`~footprint.errors.FootprintError`, so the command line reports
them as one line and exits with status 2 (nothing is written)."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import FootprintError

__all__ = ["JobFileError", "FleetError"]


class JobFileError(FootprintError):
    """An input file (sacct export, Kepler export, job table) that cannot be read as it is.

    ``path`` names the file; ``lines`` holds the first bad line numbers (1-based, the header is line 1) and ``count``
    how many lines are bad in all.
    """

    def __init__(self, path, msg: str, lines: Sequence[int] = (), count: int = 0):
        self.path, self.lines, self.count = str(path), list(lines), count
        super().__init__(f"{path}: {msg}")


class FleetError(FootprintError, ValueError):
    """A job table and a cluster spec that do not fit together (a partition no fleet serves, a table without the
    job table's columns, an option out of range); the message names what to change."""
