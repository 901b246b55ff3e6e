"""Checking the values an import reads (:mod:`.imports`): the one place a number from a file is validated.

Every check raises :class:`RunImportError` with where the value is (``file:line`` or the file), its column, the value
and what is valid. Bounds: energies 0 to :data:`MAX_KWH` kWh per component (more than any run draws: a year of
100,000 accelerators at 1 kW is 9e8 kWh), durations 0 to :data:`MAX_S` s (31 years), emissions 0 to :data:`MAX_KG`
kg, POSIX times 0 to :data:`MAX_POSIX_S` s (the end of year 9999); all finite: ``nan``, ``inf`` and ``1e400`` (which a
64-bit float reads as infinite) are refused. Ids have at most :data:`MAX_ID` characters, texts :data:`MAX_TEXT`.
"""

from __future__ import annotations

import math

from ..errors import FootprintError

__all__ = ["RunImportError", "number", "text", "integer", "shown", "REQUIRED", "MAX_KWH", "MAX_S", "MAX_KG", "MAX_W",
           "MAX_POSIX_S", "MAX_ID", "MAX_TEXT"]

MAX_KWH, MAX_S, MAX_KG, MAX_W = 1e10, 1e9, 1e12, 1e9
MAX_POSIX_S = 253402300799.0  # 9999-12-31T23:59:59Z
MAX_ID, MAX_TEXT = 128, 4096
#: ``empty=REQUIRED``: an empty value is an error, not a default.
REQUIRED = object()


class RunImportError(FootprintError):
    """A file given to ``footprint runs import`` cannot be imported (the message names the file, the line and the
    column, the value and what is valid); nothing was written to the ledger."""


def shown(value) -> str:
    """``value`` for a message: its repr (control characters escaped), cut to 60 characters with its length."""
    s = repr(value if not isinstance(value, str) or len(value) <= 60 else value[:57] + "...")
    return s if not isinstance(value, str) or len(value) <= 60 else f"{s} ({len(value)} characters)"


def number(value, where: str, column: str, unit: str = "kWh", limit: float = MAX_KWH, empty=0.0):
    """An imported number, checked: finite, from 0 to ``limit`` [``unit``]. An empty text or None gives ``empty``.

    Raises
    ------
    RunImportError
        Naming ``where`` (``file:line`` or the file), the column, the value and what is valid.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if empty is REQUIRED:
            raise RunImportError(f"{where} [{column}] is missing: give a finite number of {unit} from 0 to {limit:g}; "
                                 "nothing was imported")
        return empty
    x, why = None, "not a number"
    if isinstance(value, str):
        try:
            x = float(value.strip())
        except ValueError:
            pass
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            x = float(value)
        except OverflowError:
            x = math.inf
    if x is not None:
        why = "not finite" if not math.isfinite(x) else "negative" if x < 0 else f"above {limit:g}" if x > limit else ""
    if why:
        raise RunImportError(f"{where} [{column}] is {shown(value)}, {why}: give a finite number of {unit} from 0 to "
                             f"{limit:g}; nothing was imported (fix the value in the file)")
    return x


def text(value, where: str, column: str, limit: int = MAX_TEXT) -> str | None:
    """An imported text (None for an empty one), at most ``limit`` characters."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise RunImportError(f"{where} [{column}] is {shown(value)}, not a text; nothing was imported")
    s = value.strip()
    if len(s) > limit:
        raise RunImportError(f"{where} [{column}] is {len(s)} characters long: at most {limit}; nothing was imported")
    return s or None


def integer(value, where: str, column: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RunImportError(f"{where} [{column}] is {shown(value)}: give an integer from {low} to {high}, or null; "
                             "nothing was imported")
    return value
