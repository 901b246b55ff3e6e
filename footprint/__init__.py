"""footprint: the ecological footprint of AI systems, end to end.

Cited emission-factor tables (mining, hardware manufacture, transport, data centers, training runs)
feed a life-cycle model that estimates the carbon, water and material cost of an AI system.

Public API (stable): :func:`load_factors`, :class:`FactorRegistry`, :class:`Factor`; :func:`estimate`
and :class:`Estimate`; :class:`SystemSpec`, :func:`load_spec`, :func:`parse_spec`; and the errors of
:mod:`footprint.errors`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import AmbiguousKeyError, FactorTableError, FootprintError, SpecError, UnknownKeyError
from .catalogue import place_training, training_runs
from .impacts import Estimate, estimate
from .scenarios import compare
from .registry import Factor, FactorRegistry, load_factors
from .spec import SystemSpec, load_spec, parse_spec

try:
    __version__ = version("footprint")
except PackageNotFoundError:  # running from a checkout that was not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "__version__",
    "load_factors",
    "estimate",
    "Estimate",
    "SystemSpec",
    "load_spec",
    "parse_spec",
    "training_runs",
    "place_training",
    "compare",
    "FactorRegistry",
    "Factor",
    "FootprintError",
    "FactorTableError",
    "UnknownKeyError",
    "AmbiguousKeyError",
    "SpecError",
]
