"""A factor with its provenance, and a piece of hardware as the tables describe it. Both are immutable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import UnknownKeyError

__all__ = ["Factor", "Hardware", "FrozenDict"]


class FrozenDict(dict):
    """A dict that cannot be changed (a factor's key columns, a hardware's factors), so that a looked-up
    factor never alters the registry's cache."""

    def _readonly(self, *args, **kwargs):
        raise TypeError("the keys of a factor are read-only; use dataclasses.replace() for a changed factor")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _readonly  # type: ignore

    def __reduce__(self):
        return (FrozenDict, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


@dataclass(frozen=True)
class Factor:
    """One factor and its provenance.

    ``fallback_level`` says how it was found: ``"exact"`` for a direct lookup, or for region lookups the
    level used (``"cloud_region"``, ``"subdivision"``, ``"country"``, ``"world"``). ``note`` explains a
    fallback or an alias that was resolved; it is empty when the key was found as given.
    """

    factor_id: str
    table: str
    quantity: str
    keys: Mapping[str, str]
    value: float
    unit: str
    low: float
    high: float
    distribution: str
    year: int
    source: str
    url: str
    license: str
    notes: str = ""
    fallback_level: str = "exact"
    note: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.keys, FrozenDict):
            object.__setattr__(self, "keys", FrozenDict(self.keys))

    @property
    def is_fallback(self) -> bool:
        """True when the lookup did not find the key as given (a recorded, visible assumption)."""
        return bool(self.note)

    def provenance(self) -> dict[str, Any]:
        """A JSON-ready dict: id, value, unit, range, distribution, source, year, licence, fallback."""
        return {
            "factor_id": self.factor_id, "value": self.value, "unit": self.unit, "low": self.low,
            "high": self.high, "distribution": self.distribution, "source": self.source, "year": self.year,
            "url": self.url, "license": self.license, "fallback_level": self.fallback_level, "note": self.note,
        }


@dataclass(frozen=True)
class Hardware:
    """An accelerator, CPU or node from the hardware tables.

    ``factors`` maps a quantity (``tdp``, ``die_area``, ``memory`` ...) to its :class:`Factor`;
    ``components`` (nodes only) lists ``(component_kind, component_id, quantity, Factor)``.
    """

    kind: str
    id: str
    factors: Mapping[str, Factor]
    attributes: Mapping[str, str] = field(default_factory=FrozenDict)
    components: tuple[tuple[str, str, str, Factor], ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "factors", FrozenDict(self.factors))
        object.__setattr__(self, "attributes", FrozenDict(self.attributes))

    def get(self, quantity: str) -> Factor | None:
        return self.factors.get(quantity)

    def __getitem__(self, quantity: str) -> Factor:
        try:
            return self.factors[quantity]
        except KeyError:
            raise UnknownKeyError(f"quantity of {self.kind} {self.id}", quantity, sorted(self.factors)) from None
