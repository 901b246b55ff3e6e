"""Measuring real runs: the supervisor (``footprint run``), :func:`track`, training callbacks, the ledger.

Flow (DESIGN.md): the meter (:mod:`.engine`, codecarbon underneath) measures IT energy per component and
the method used; a recording (:mod:`.session`) checkpoints it to the SQLite ledger (:mod:`.ledger`) every
interval. The tracker knows nothing of the life-cycle model and imports nothing from it:
:mod:`footprint.lifecycle` reads measured runs from the ledger and hands them to the model as plain data.

Importing this package is cheap: codecarbon, pandas and the callbacks' libraries load on first use.
"""

from __future__ import annotations

__all__ = ["track", "Tracking", "Run", "Ledger", "FootprintTrainerCallback", "FootprintLightningCallback"]

_LAZY = {
    "track": ".api", "Tracking": ".api", "Run": ".api",
    "Ledger": ".ledger",
    "FootprintTrainerCallback": ".callbacks", "FootprintLightningCallback": ".callbacks",
}


def __getattr__(name: str):
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'footprint.tracker' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(mod, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
