"""The factor registry: the validated tables of ``factors/`` and the lookups that return :class:`Factor` objects.

Generic lookups (:meth:`FactorRegistry.get`, :meth:`~FactorRegistry.find`, :meth:`~FactorRegistry.rows`) live
here; regions (:mod:`.regions`) and hardware (:mod:`.hardware`) add their lookups as mixins that use only these
public methods. :func:`load_factors` caches a registry per directory and re-reads it when a table changes (the
cache key holds every table's modification time and size).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import FactorTableError, UnknownKeyError
from .factor import Factor
from .hardware import HardwareLookups
from .keys import suggest
from .reference import ReferenceLookups
from .regions import RegionLookups
from .schema import validate_dir

__all__ = ["FactorRegistry", "load_factors", "default_factors_dir"]


def default_factors_dir() -> Path:
    """The directory of the shipped tables: ``footprint/_factors`` in a wheel, ``factors/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_factors", here.parent / "factors"):
        if candidate.is_dir() and any(candidate.glob("*.csv")):
            return candidate
    raise FactorTableError([(str(here / "_factors"), 0, "", "no factor tables found; reinstall footprint")])


class FactorRegistry(RegionLookups, HardwareLookups, ReferenceLookups):
    """The validated factor tables, with lookups that return :class:`Factor` objects.

    Build it with :func:`load_factors`. Generic lookups: :meth:`get` (by factor id), :meth:`find` (by table,
    quantity and keys), :meth:`rows` (a table). Region lookups: :meth:`grid_intensity`,
    :meth:`electricity_water_intensity`, :meth:`regional`, :meth:`resolve_region`, :meth:`location_of`,
    :meth:`group_of`, :meth:`provider`. Hardware: :meth:`accelerator`, :meth:`cpu`, :meth:`node`,
    :meth:`reference_host`, :meth:`nearest_process_node`, :meth:`datacenter`. Reference rows: :meth:`reference_only`.
    """

    def __init__(self, factors: Iterable[Factor], keys: dict[str, list[str]], path: Path):
        self.path = Path(path)
        self.keys = {t: tuple(k) for t, k in keys.items()}
        self._by_id: dict[str, Factor] = {}
        self._by_table: dict[str, tuple[Factor, ...]] = {}
        tables: dict[str, list[Factor]] = {}
        for fac in factors:
            self._by_id[fac.factor_id] = fac
            tables.setdefault(fac.table, []).append(fac)
        self._by_table = {t: tuple(rows) for t, rows in tables.items()}
        self._index = {(f.table, f.quantity, *sorted((k, v) for k, v in f.keys.items() if v)): f
                       for f in self._by_id.values()}

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Factor]:
        return iter(self._by_id.values())

    def __contains__(self, factor_id: object) -> bool:
        return factor_id in self._by_id

    def __repr__(self) -> str:
        return f"FactorRegistry({len(self)} factors in {len(self._by_table)} tables from {str(self.path)!r})"

    @property
    def tables(self) -> list[str]:
        """Names of the loaded tables (file names without ``.csv``)."""
        return sorted(self._by_table)

    def rows(self, table: str) -> list[Factor]:
        """All factors of one table, in file order."""
        if table not in self._by_table:
            raise UnknownKeyError("factor table", table, suggest(table, self._by_table))
        return list(self._by_table[table])

    def get(self, factor_id: str) -> Factor:
        """The factor with this id; an unknown id raises :class:`UnknownKeyError` with suggestions."""
        try:
            return self._by_id[factor_id]
        except KeyError:
            raise UnknownKeyError("factor id", factor_id, suggest(factor_id, self._by_id),
                                  hint="List ids with `footprint factors list`.") from None

    def find(self, table: str, quantity: str, **keys: str) -> Factor:
        """The factor of ``table`` with this quantity and these key values (empty keys ignored).

        Raises :class:`UnknownKeyError` when no row, or more than one, matches.
        """
        want = (table, quantity, *sorted((k, v) for k, v in keys.items() if v))
        if want in self._index:
            return self._index[want]
        rows = self._by_table.get(table, ())
        candidates = [f for f in rows if f.quantity == quantity and all(f.keys.get(k) == v for k, v in keys.items() if v)]
        if len(candidates) == 1:
            return candidates[0]
        label = ", ".join(f"{k}={v}" for k, v in keys.items() if v)
        choices = sorted({f.factor_id for f in rows if f.quantity == quantity})
        raise UnknownKeyError(
            f"{table} {quantity}", label or "(no keys)", suggest(label, choices) if choices else [],
            hint="" if candidates else f"Valid keys are listed by `footprint factors list --table {table}`.")

    def find_or_none(self, table: str, quantity: str, **keys: str) -> Factor | None:
        """:meth:`find`, or None when the table publishes no such factor."""
        try:
            return self.find(table, quantity, **keys)
        except UnknownKeyError:
            return None

    def ids(self, table: str, key: str) -> list[str]:
        """The distinct values of one key column of a table (e.g. every accelerator id)."""
        return sorted({f.keys.get(key, "") for f in self.rows(table)} - {""})

    def frame(self, table: str | None = None):
        """A pandas DataFrame of one table (or of all tables, with a ``table`` column)."""
        import pandas as pd

        facs = self.rows(table) if table else list(self._by_id.values())
        recs = []
        for f in facs:
            rec = {"factor_id": f.factor_id, "table": f.table, "quantity": f.quantity, **f.keys}
            rec.update(value=f.value, unit=f.unit, low=f.low, high=f.high, distribution=f.distribution,
                       year=f.year, source=f.source, url=f.url, license=f.license, notes=f.notes)
            recs.append(rec)
        return pd.DataFrame.from_records(recs)


def _stamp(path: Path) -> tuple:
    """What identifies the state of a directory of tables: each table's name, modification time and size."""
    out = []
    for f in sorted(path.glob("*.csv")):
        try:
            st = f.stat()
            out.append((f.name, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((f.name, None, None))
    return tuple(out)


@functools.lru_cache(maxsize=8)
def _load(path: str, stamp: tuple) -> FactorRegistry:
    keys, factors, problems = validate_dir(Path(path))
    if problems:
        raise FactorTableError(problems)
    return FactorRegistry(factors, keys, Path(path))


def load_factors(path: str | Path | None = None) -> FactorRegistry:
    """Load and validate the factor tables.

    Parameters
    ----------
    path : str or Path, optional
        A directory of ``*.csv`` tables. Default: the tables shipped with the package.

    Returns
    -------
    FactorRegistry
        Cached per directory; a table edited since the last load (another modification time or size) is read
        again.

    Raises
    ------
    FactorTableError
        When any table breaks the schema; the error lists file, line and column of each problem.
    """
    p = Path(path) if path is not None else default_factors_dir()
    if not p.is_dir():
        raise FactorTableError([(str(p), 0, "", "is not a directory of factor tables")])
    p = p.resolve()
    return _load(str(p), _stamp(p))
