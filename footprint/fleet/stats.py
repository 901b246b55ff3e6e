"""What an import read, skipped and wrote: counts, the first bad line numbers, and notes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["ImportStats", "FIRST_BAD"]

#: How many bad line numbers an import keeps (and names in its message).
FIRST_BAD = 10


@dataclass
class ImportStats:
    """Counts of one input file: ``lines`` data lines read, ``jobs`` rows written, ``steps`` step lines skipped
    (their energy repeats the job's), ``unfinished`` skipped jobs by state, ``bad`` bad lines with the first
    :data:`FIRST_BAD` line numbers in ``bad_lines`` and their reasons in ``reasons``; ``notes`` what else was
    seen (host lists that do not match the node count, times read in a time zone ...)."""

    path: str
    format: str
    lines: int = 0
    jobs: int = 0
    steps: int = 0
    unfinished: Counter = field(default_factory=Counter)
    bad: int = 0
    bad_lines: list = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)
    notes: list = field(default_factory=list)

    def bad_line(self, line: int, reason: str) -> None:
        self.bad_rows([line], reason)

    def bad_rows(self, lines, reason: str) -> None:
        lines = [int(x) for x in lines]
        self.bad += len(lines)
        self.reasons[reason] += len(lines)
        self.bad_lines = sorted(set(self.bad_lines) | set(sorted(lines)[:FIRST_BAD]))[:FIRST_BAD]

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def bad_summary(self) -> str:
        """``3 bad lines (first: 12, 40, 41): 2 x ..., 1 x ...``"""
        first = ", ".join(str(n) for n in sorted(self.bad_lines))
        why = "; ".join(f"{n} x {r}" for r, n in self.reasons.most_common(4))
        return f"{self.bad:,} bad line(s) (first: {first}): {why}"

    def summary(self) -> str:
        """One line of what was read."""
        parts = [f"{self.path}: {self.jobs:,} job(s) from {self.lines:,} line(s) ({self.format})"]
        if self.steps:
            parts.append(f"{self.steps:,} step line(s) skipped (their energy repeats the job's)")
        if self.unfinished:
            parts.append("skipped unfinished jobs: " + ", ".join(f"{n:,} {s}" for s, n in sorted(self.unfinished.items())))
        if self.bad:
            parts.append("skipped " + self.bad_summary())
        return "; ".join(parts)
