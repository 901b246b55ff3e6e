"""Text from users and files, made safe to show: :func:`printable`."""

from __future__ import annotations

__all__ = ["printable"]


def printable(text) -> str:
    """``text`` with every control character (escape sequences, carriage returns, newlines, bells ...) written as a
    Python escape (``\\x1b``, ``\\r``), so that it can neither drive a terminal nor split a line or a table row."""
    s = "" if text is None else str(text)
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in s)
