"""Slurm host lists: ``nid[001002,001004-001006],gpu-a012`` <-> node names (zero padding kept)."""

from __future__ import annotations

import re

__all__ = ["expand", "count"]

_PART = re.compile(r"([^,\[\]]+)(?:\[([^\]]*)\])?(?:,|$)")
_EMPTY = ("", "None assigned", "(null)", "None")


def _ranges(body: str):
    for item in body.split(","):
        a, _, b = item.partition("-")
        if not a.isdigit() or (b and not b.isdigit()):
            raise ValueError(f"bad range {item!r}")
        lo, hi = int(a), int(b or a)
        if hi < lo:
            raise ValueError(f"bad range {item!r}")
        yield a, lo, hi


def _parts(text: str):
    text = text.strip()
    if text in _EMPTY:
        return
    pos = 0
    while pos < len(text):
        m = _PART.match(text, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"not a host list: {text!r}")
        yield m.group(1), m.group(2)
        pos = m.end()


def expand(text: str) -> list[str]:
    """The node names of a host list; ``None assigned`` (a pending job) -> ``[]``. Raises ValueError when it is not
    a host list."""
    out: list[str] = []
    for prefix, body in _parts(text):
        if body is None:
            out.append(prefix)
            continue
        for a, lo, hi in _ranges(body):
            out += [f"{prefix}{n:0{len(a)}d}" for n in range(lo, hi + 1)]
    return out


def count(text: str) -> int:
    """How many nodes a host list names (without building the names)."""
    n = 0
    for _, body in _parts(text):
        n += 1 if body is None else sum(hi - lo + 1 for _, lo, hi in _ranges(body))
    return n
