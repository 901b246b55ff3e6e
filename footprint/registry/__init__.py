"""Load and validate the factor tables; look factors up with their provenance.

The tables are the CSV files of ``factors/`` (shipped inside the package as ``footprint/_factors``). Each row is one
factor: ``factor_id, quantity, <key columns>, value, unit, low, high, distribution, year, source, url, license,
notes`` (schema: ``factors/README.md``). :func:`load_factors` validates every table (:mod:`.schema`) and returns a
:class:`FactorRegistry` (:mod:`.core`, with the region and hardware lookups of :mod:`.regions` and
:mod:`.hardware`); every lookup returns a :class:`Factor`, which carries its value with its source, range and the
fallback level used to find it.
"""

from __future__ import annotations

from .core import FactorRegistry, default_factors_dir, load_factors
from .factor import Factor, FrozenDict, Hardware
from .regions import REGION_LEVELS
from .schema import DISTRIBUTIONS, HEAD, TAIL, validate_dir

__all__ = ["Factor", "Hardware", "FrozenDict", "FactorRegistry", "load_factors", "default_factors_dir",
           "validate_dir", "HEAD", "TAIL", "DISTRIBUTIONS", "REGION_LEVELS"]
