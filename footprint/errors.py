"""The error hierarchy of footprint.

Every error the library raises on purpose is a :class:`FootprintError`. Messages name the bad value,
say what is valid and how to fix it. The command line turns any ``FootprintError`` into one short
message on stderr and exit status 2, without a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "FootprintError",
    "FactorTableError",
    "UnknownKeyError",
    "AmbiguousKeyError",
    "SpecError",
    "LedgerError",
]


class FootprintError(Exception):
    """Base class of every error footprint raises on purpose."""


class FactorTableError(FootprintError):
    """A factor table (a CSV in ``factors/``) breaks the schema.

    Attributes
    ----------
    problems : list of (file, row, column, message)
        ``row`` is the 1-based line number in the file (the header is line 1); ``column`` is the
        column name, or ``""`` when the problem concerns the whole file.
    """

    def __init__(self, problems: Sequence[tuple[str, int, str, str]]):
        self.problems = list(problems)
        shown = "\n".join(f"  {f}:{r} [{c}] {m}" for f, r, c, m in self.problems[:20])
        more = f"\n  ... and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        super().__init__(
            f"{len(self.problems)} problem(s) in the factor tables:\n{shown}{more}\n"
            "Fix the rows named above (schema: factors/README.md)."
        )


class UnknownKeyError(FootprintError, KeyError):
    """A key (factor id, region, accelerator, node, provider ...) that no table holds.

    Attributes
    ----------
    kind : str
        What was looked up, e.g. ``"accelerator"``.
    key : str
        The value given.
    suggestions : list of str
        The closest valid keys, best first.
    """

    def __init__(self, kind: str, key: str, suggestions: Sequence[str] = (), hint: str = ""):
        self.kind, self.key, self.suggestions = kind, key, list(suggestions)
        msg = f"unknown {kind} {key!r}"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        if hint:
            msg += f" {hint}"
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.args[0]


class AmbiguousKeyError(UnknownKeyError):
    """A short name that matches several keys (e.g. ``"a100"``); the message lists the choices."""

    def __init__(self, kind: str, key: str, choices: Sequence[str]):
        self.choices = list(choices)
        FootprintError.__init__(
            self,
            f"{kind} {key!r} is ambiguous: it matches " + ", ".join(repr(c) for c in self.choices)
            + ". Give one of these ids.",
        )
        self.kind, self.key, self.suggestions = kind, key, self.choices


class SpecError(FootprintError, ValueError):
    """A system description (TOML, dict or models) that is invalid: the message names the field."""


class LedgerError(FootprintError):
    """The ledger cannot be opened, read or written (the message names the file and the reason).

    ``transient`` is True when waiting may help (another process holds the lock).
    """

    def __init__(self, msg: str, transient: bool = False):
        super().__init__(msg)
        self.transient = transient
