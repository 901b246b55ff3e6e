"""How keys typed by people are compared, corrected and grouped: normalised spelling, did-you-mean suggestions and
the class a workload's measurements are pooled in."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["normalise", "suggest", "workload_class"]


def normalise(key: str) -> str:
    """``key`` lowercased, with runs of spaces and underscores as one hyphen (``"H100 SXM"`` -> ``"h100-sxm"``)."""
    return re.sub(r"[\s_]+", "-", str(key).strip().lower())


def suggest(key: str, choices: Iterable[str], limit: int = 5) -> list[str]:
    """The valid keys closest to ``key`` (rapidfuzz similarity >= 50), best first."""
    from rapidfuzz import process

    return [c for c, score, _ in process.extract(key, list(choices), limit=limit) if score >= 50]


def workload_class(workload: str) -> str:
    """The class a workload's power measurements are pooled in: "training" (pretraining and finetuning: a training
    step's power is set by the model and its batch, not by whether the weights started from a checkpoint),
    "inference", or "any" (a statistic over every workload, e.g. a fleet's mean)."""
    return workload if workload in ("inference", "any") else "training"
