"""How keys typed by people are compared and corrected: normalised spelling and did-you-mean suggestions."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["normalise", "suggest"]


def normalise(key: str) -> str:
    """``key`` lowercased, with runs of spaces and underscores as one hyphen (``"H100 SXM"`` -> ``"h100-sxm"``)."""
    return re.sub(r"[\s_]+", "-", str(key).strip().lower())


def suggest(key: str, choices: Iterable[str], limit: int = 5) -> list[str]:
    """The valid keys closest to ``key`` (rapidfuzz similarity >= 50), best first."""
    from rapidfuzz import process

    return [c for c, score, _ in process.extract(key, list(choices), limit=limit) if score >= 50]
