"""The life-cycle model: resolve a spec once against the tables, then evaluate it with pure arithmetic.

- :mod:`.resolve` (with :mod:`.sites`, :mod:`.hardware`, :mod:`.phases`): spec + registry + measured runs (plain
  data) -> a frozen :class:`~.system.System`;
- :mod:`.evaluate`: System + a parameter source -> inventory rows and metals (point values and draws alike);
- :mod:`.montecarlo`: the one Monte Carlo engine; :mod:`.sensitivity`: Sobol indices;
- :mod:`.results` and :mod:`.estimate`: the :class:`~.results.Estimate` and its tables.

The model never opens the tracker's ledger: measured runs reach it as :class:`~.system.MeasuredRun` data, read by
:mod:`footprint.lifecycle`.
"""

from __future__ import annotations

from .estimate import estimate_system
from .evaluate import evaluate
from .resolve import resolve
from .results import Estimate
from .system import STAGES, WATER_FLOWS, MeasuredRun, System

__all__ = ["resolve", "evaluate", "estimate_system", "Estimate", "System", "MeasuredRun", "STAGES", "WATER_FLOWS"]
