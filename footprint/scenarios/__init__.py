"""Variants of a system and their comparison: :func:`compare` (the evaluation, :mod:`.compare`), dotted paths and
``--vary`` options (:mod:`.paths`), the figure (:mod:`.figure`)."""

from __future__ import annotations

from .compare import compare
from .figure import compare_figure, scenario_hours
from .paths import parse_vary, resolve_path, scenario_specs

__all__ = ["compare", "parse_vary", "scenario_specs", "resolve_path", "compare_figure", "scenario_hours"]
