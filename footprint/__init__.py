"""footprint: the ecological footprint of AI systems, end to end.

Cited emission-factor tables (mining, hardware manufacture, transport, data centers, training runs)
feed a life-cycle model that estimates the carbon, water and material cost of an AI system.

Public API (stable, what the README documents): :func:`load_factors`, :class:`FactorRegistry`, :class:`Factor`;
:func:`estimate` and :class:`Estimate`; :class:`SystemSpec`, :func:`load_spec`, :func:`parse_spec`; :func:`compare`;
:func:`make_report` and :class:`Report`; :func:`track`; :func:`training_runs`, :func:`place_training`; and the errors
of :mod:`footprint.errors`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import AmbiguousKeyError, FactorTableError, FootprintError, LedgerError, SpecError, UnknownKeyError

# The rest of the API is imported on first use (PEP 562): `import footprint`, the command line and the
# `footprint run` supervisor then start without loading numpy, pandas and pydantic (issue 4 asks the
# supervisor to start the measured command within 0.5 s). Add a public name here and to __all__.
_LAZY = {
    "place_training": ".catalogue", "training_runs": ".catalogue",
    "estimate": ".lifecycle", "Estimate": ".model",
    "Factor": ".registry", "FactorRegistry": ".registry", "load_factors": ".registry",
    "SystemSpec": ".spec", "load_spec": ".spec", "parse_spec": ".spec",
    "track": ".tracker",
    "compare": ".scenarios",
    "make_report": ".report", "Report": ".report",
}


def __getattr__(name: str):
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'footprint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(mod, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
    "make_report",
    "Report",
    "track",
    "FactorRegistry",
    "Factor",
    "FootprintError",
    "FactorTableError",
    "UnknownKeyError",
    "AmbiguousKeyError",
    "SpecError",
    "LedgerError",
]
