"""What every ``footprint`` command shares: consoles, number and text formatting, the progress bar, output paths
and the ``--ledger`` help.

Every number a table shows carries its unit in its column header; every text that comes from a user or a file is
shown with its control characters escaped, so that nothing typed in a spec or a run name can drive the terminal.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from ..errors import FootprintError
from ..text import printable

__all__ = ["console", "err", "fmt", "safe", "col", "GRID_BASIS_HELP", "check_basis", "Progress", "progress_bar", "check_output", "LEDGER_HELP",
           "LEDGER_READ_HELP", "check_ledger", "PROGRESS_FROM_SAMPLES", "print_lines"]

#: Help of the ``--ledger`` option of the commands that record or read runs.
LEDGER_HELP = "The ledger (SQLite). Default: $FOOTPRINT_LEDGER, else ./.footprint/ledger.db."

#: Help of ``--ledger`` on the commands that read the runs named by ``run = "ID"`` (estimate, report, compare).
LEDGER_READ_HELP = ("The run ledger that training phases with run = \"ID\" read (default: $FOOTPRINT_LEDGER, "
                    "else ./.footprint/ledger.db).")

def check_ledger(path: str | None) -> str | None:
    """``--ledger`` checked: None (the default ledger) or a path that is not blank."""
    if path is not None and not path.strip():
        raise FootprintError("--ledger '' is not a path: give a ledger file, or a ledger directory (ending with /) for "
                             "a multi-node job")
    return path


#: Help of ``--grid-basis``.
GRID_BASIS_HELP = ("lifecycle (default: every stage of generating the electricity, what a life cycle needs) or direct "
                   "(combustion only, GHG Protocol location-based scope 2); overrides each data center's grid_basis.")


def check_basis(value: str | None) -> str | None:
    """``--grid-basis`` checked: None, lifecycle or direct."""
    if value is not None and value not in ("lifecycle", "direct"):
        raise FootprintError(f"--grid-basis {value!r} is not a basis; give lifecycle or direct")
    return value


#: Draws from which a Monte Carlo run takes more than about a second (about 0.7 s per 1,000,000 on 2 cores).
PROGRESS_FROM_SAMPLES = 1_000_000


def console():
    """A console on stdout; wide when stdout is not a terminal (tables are read by programs and people)."""
    from rich.console import Console

    return Console(soft_wrap=False) if sys.stdout.isatty() else Console(soft_wrap=False, width=200)


def err():
    """A console on stderr."""
    from rich.console import Console

    return Console(stderr=True)


def fmt(x) -> str:
    """A number with 4 significant digits; "" for None or NaN."""
    if x is None:
        return ""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return safe(x)
    return "" if math.isnan(v) else f"{v:.4g}"


def safe(text) -> str:
    """``text`` for a terminal: control characters (escape sequences, carriage returns, bells ...) written as
    ``\\xNN`` escapes, and rich markup escaped."""
    from rich.markup import escape

    return escape(printable(text))


def col(name: str, unit: str | None = None) -> str:
    """A column header with its unit, ``"name [unit]"``, escaped for rich (which would read ``[unit]`` as markup)."""
    from rich.markup import escape

    return escape(f"{name} [{unit}]" if unit else name)


def print_lines(con, lines) -> None:
    """Print lines as they are (no markup, no highlighting)."""
    for line in lines:
        con.print(line, markup=False, highlight=False)


class Progress:
    """A rich progress bar on stderr for long Monte Carlo runs: call it with (done, total); close it at the end."""

    def __init__(self, total: int, label: str = "Monte Carlo"):
        from rich.progress import Progress as Bar

        self.bar = Bar(console=err(), transient=True)
        self.task = self.bar.add_task(label, total=total)
        self.bar.start()

    def __call__(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        self.bar.stop()


def progress_bar(total: int, work: int) -> Progress | None:
    """A progress bar on a terminal when ``work`` [draws] takes more than about a second, else None."""
    return Progress(total) if work >= PROGRESS_FROM_SAMPLES and sys.stderr.isatty() else None


def check_output(path: Path | None, option: str) -> Path | None:
    """Check, before any work, that ``path`` can be written: a non-empty name in a directory that exists and is
    writable, not a directory itself. Raises :class:`FootprintError` naming the option."""
    import os

    if path is None:
        return None
    text = str(path)
    if not text.strip() or text.endswith(("/", os.sep)):
        raise FootprintError(f"{option} {text!r} is not a file name; give the path of a file to write")
    p = Path(path)
    if p.is_dir():
        raise FootprintError(f"{option} {text!r} is a directory; give the path of a file to write")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise FootprintError(f"cannot write {text!r}: directory {str(p.parent)!r} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise FootprintError(f"cannot write {text!r}: {'the file' if p.exists() else 'its directory'} is not writable")
    return p
