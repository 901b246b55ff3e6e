"""Load and validate the factor tables; look factors up with their provenance.

The tables are the CSV files of ``factors/`` (shipped inside the package). Each row is one factor:
``factor_id, quantity, <key columns>, value, unit, low, high, distribution, year, source, url,
license, notes`` (schema: ``factors/README.md``). :func:`load_factors` validates every table and returns
a :class:`FactorRegistry`; every lookup returns a :class:`Factor`, which carries the value together with
its source, range and the fallback level that was used to find it.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import AmbiguousKeyError, FactorTableError, UnknownKeyError
from .units import FRACTION_UNITS, UNITS

__all__ = ["Factor", "Hardware", "FactorRegistry", "load_factors", "default_factors_dir"]

HEAD = ("factor_id", "quantity")
TAIL = ("value", "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes")
DISTRIBUTIONS = frozenset({"constant", "uniform", "triangular", "normal", "lognormal"})
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_QUANTITY_RE = re.compile(r"^[a-z][a-z0-9_]*$")

#: Cross-table references checked on load: (table, column, target table, target column).
REFERENCES = (
    ("nodes", "component", ("accelerators", "cpus"), ("accelerator", "cpu")),
    ("cloud_regions", "location", ("grid_intensity",), ("region",)),
)

#: Fallback levels of region lookups, most specific first.
REGION_LEVELS = ("cloud_region", "subdivision", "country", "world")


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
    keys: dict[str, str]
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

    @property
    def is_fallback(self) -> bool:
        """True when the lookup did not find the key as given (a recorded, visible assumption)."""
        return bool(self.note)

    def provenance(self) -> dict[str, Any]:
        """A JSON-ready dict: id, value, unit, range, distribution, source, year, licence, fallback."""
        return {
            "factor_id": self.factor_id,
            "value": self.value,
            "unit": self.unit,
            "low": self.low,
            "high": self.high,
            "distribution": self.distribution,
            "source": self.source,
            "year": self.year,
            "url": self.url,
            "license": self.license,
            "fallback_level": self.fallback_level,
            "note": self.note,
        }


@dataclass(frozen=True)
class Hardware:
    """An accelerator, CPU or node from the hardware tables.

    ``factors`` maps a quantity (``tdp``, ``die_area``, ``memory`` ...) to its :class:`Factor`;
    ``components`` (nodes only) lists ``(component_kind, component_id, quantity, Factor)``.
    """

    kind: str
    id: str
    factors: dict[str, Factor]
    attributes: dict[str, str] = field(default_factory=dict)
    components: tuple[tuple[str, str, str, Factor], ...] = ()
    note: str = ""

    def get(self, quantity: str) -> Factor | None:
        return self.factors.get(quantity)

    def __getitem__(self, quantity: str) -> Factor:
        try:
            return self.factors[quantity]
        except KeyError:
            raise UnknownKeyError(
                f"quantity of {self.kind} {self.id}", quantity, sorted(self.factors)
            ) from None


def default_factors_dir() -> Path:
    """The directory of the shipped tables: ``footprint/_factors`` in a wheel, ``factors/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_factors", here.parent / "factors"):
        if candidate.is_dir() and any(candidate.glob("*.csv")):
            return candidate
    raise FactorTableError([(str(here / "_factors"), 0, "", "no factor tables found; reinstall footprint")])


# ----------------------------------------------------------------------------- parsing + validation


def _float(text: str) -> float | None:
    try:
        x = float(text)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def _parse_table(path: Path, problems: list) -> tuple[list[str], list[Factor]]:
    """Parse one CSV, appending (file, line, column, message) problems; return key columns and rows."""
    name = path.name
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        problems.append((name, 1, "", "empty file: expected a header row"))
        return [], []
    header = [h.strip() for h in rows[0]]
    for col in HEAD + TAIL:
        if col not in header:
            problems.append((name, 1, col, f"required column {col!r} is missing"))
    if any(p[0] == name for p in problems):
        return [], []
    if tuple(header[:2]) != HEAD or tuple(header[-len(TAIL):]) != TAIL:
        problems.append(
            (name, 1, "", f"columns must be {', '.join(HEAD)}, <keys>, {', '.join(TAIL)} in this order")
        )
        return [], []
    keys = header[2 : len(header) - len(TAIL)]
    table = path.stem
    out: list[Factor] = []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append((name, line, "", f"has {len(cells)} cells, the header has {len(header)}"))
            continue
        rec = dict(zip(header, (c.strip() for c in cells)))
        before = len(problems)

        def bad(col: str, msg: str) -> None:
            problems.append((name, line, col, msg))

        if not _ID_RE.match(rec["factor_id"]):
            bad("factor_id", f"{rec['factor_id']!r} is not a valid id (lowercase [a-z0-9._-])")
        if not _QUANTITY_RE.match(rec["quantity"]):
            bad("quantity", f"{rec['quantity']!r} is not a snake_case quantity name")
        nums = {}
        for col in ("value", "low", "high"):
            nums[col] = _float(rec[col])
            if nums[col] is None:
                bad(col, f"{rec[col]!r} is not a finite number")
            elif nums[col] < 0:
                bad(col, f"{rec[col]} is negative; physical quantities are non-negative")
        if rec["unit"] not in UNITS:
            bad("unit", f"{rec['unit']!r} is not in the unit vocabulary ({', '.join(sorted(UNITS))})")
        dist = rec["distribution"]
        if dist not in DISTRIBUTIONS:
            bad("distribution", f"{dist!r} is not one of {', '.join(sorted(DISTRIBUTIONS))}")
        v, lo, hi = nums["value"], nums["low"], nums["high"]
        if None not in (v, lo, hi):
            if not lo <= v <= hi:
                bad("low" if lo > v else "high", f"low <= value <= high does not hold ({lo} <= {v} <= {hi})")
            if rec["unit"] in FRACTION_UNITS and hi > 1:
                bad("high", f"{hi} is above 1 for a fraction")
            if dist == "constant" and not lo == v == hi:
                bad("distribution", "a constant factor needs low == value == high")
            if dist == "lognormal" and lo <= 0:
                bad("low", "a lognormal factor needs low > 0")
            if dist in ("uniform", "triangular", "normal", "lognormal") and lo == hi:
                bad("distribution", f"{dist} needs low < high; use 'constant' for an exact value")
        year = rec["year"]
        if not (year.isdigit() and 1900 <= int(year) <= 2100):
            bad("year", f"{year!r} is not a 4-digit year")
        for col in ("source", "url", "license"):
            if not rec[col]:
                bad(col, f"{col} is empty: every factor must be cited")
        if len(problems) == before:
            out.append(
                Factor(
                    factor_id=rec["factor_id"],
                    table=table,
                    quantity=rec["quantity"],
                    keys={k: rec[k] for k in keys},
                    value=v,
                    unit=rec["unit"],
                    low=lo,
                    high=hi,
                    distribution=dist,
                    year=int(year),
                    source=rec["source"],
                    url=rec["url"],
                    license=rec["license"],
                    notes=rec["notes"],
                )
            )
    return keys, out


def validate_dir(path: Path) -> tuple[dict[str, list[str]], list[Factor], list]:
    """Parse and validate every ``*.csv`` in ``path``; return (keys per table, factors, problems)."""
    problems: list = []
    files = sorted(Path(path).glob("*.csv"))
    if not files:
        problems.append((str(path), 0, "", "no *.csv factor tables in this directory"))
    keys: dict[str, list[str]] = {}
    factors: list[Factor] = []
    lines: dict[str, tuple[str, int]] = {}
    for f in files:
        k, rows = _parse_table(f, problems)
        keys[f.stem] = k
        factors.extend(rows)
    # unique ids across all tables: report the later occurrence with its line number
    seen: dict[str, str] = {}
    for f in files:
        with f.open(newline="", encoding="utf-8") as fh:
            for line, cells in enumerate(csv.reader(fh), start=1):
                if line == 1 or not cells or not cells[0].strip():
                    continue
                fid = cells[0].strip()
                if fid in seen:
                    problems.append((f.name, line, "factor_id", f"duplicate id {fid!r} (first in {seen[fid]})"))
                else:
                    seen[fid] = f"{f.name}:{line}"
                    lines[fid] = (f.name, line)
    by_table: dict[str, list[Factor]] = {}
    for fac in factors:
        by_table.setdefault(fac.table, []).append(fac)
    for table, column, targets, target_cols in REFERENCES:
        if table not in by_table or column not in keys.get(table, []):
            continue
        valid = {
            fac.keys.get(tc, "")
            for t, tc in zip(targets, target_cols)
            for fac in by_table.get(t, [])
        }
        for fac in by_table[table]:
            ref = fac.keys.get(column, "")
            if ref and ref not in valid:
                fname, line = lines.get(fac.factor_id, (f"{table}.csv", 0))
                problems.append(
                    (fname, line, column, f"{ref!r} is not defined in {' or '.join(t + '.csv' for t in targets)}")
                )
    return keys, factors, problems


# ----------------------------------------------------------------------------- registry


def _norm(key: str) -> str:
    return re.sub(r"[\s_]+", "-", key.strip().lower())


def _suggest(key: str, choices: Iterable[str], limit: int = 5) -> list[str]:
    from rapidfuzz import process

    return [c for c, score, _ in process.extract(key, list(choices), limit=limit) if score >= 50]


class FactorRegistry:
    """The validated factor tables, with lookups that return :class:`Factor` objects.

    Build it with :func:`load_factors`. Generic lookups: :meth:`get` (by factor id) and :meth:`find`
    (by table, quantity and keys). Domain lookups: :meth:`grid_intensity`,
    :meth:`electricity_water_intensity`, :meth:`datacenter`, :meth:`accelerator`, :meth:`cpu`,
    :meth:`node`, :meth:`material`.
    """

    def __init__(self, factors: Iterable[Factor], keys: dict[str, list[str]], path: Path):
        self.path = Path(path)
        self.keys = dict(keys)
        self._by_id: dict[str, Factor] = {}
        self._by_table: dict[str, list[Factor]] = {}
        for fac in factors:
            self._by_id[fac.factor_id] = fac
            self._by_table.setdefault(fac.table, []).append(fac)
        self._index: dict[tuple, Factor] = {}
        for fac in self._by_id.values():
            self._index[(fac.table, fac.quantity, *sorted((k, v) for k, v in fac.keys.items() if v))] = fac

    # -- generic --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Factor]:
        return iter(self._by_id.values())

    def __contains__(self, factor_id: object) -> bool:
        return factor_id in self._by_id

    @property
    def tables(self) -> list[str]:
        """Names of the loaded tables (file names without ``.csv``)."""
        return sorted(self._by_table)

    def rows(self, table: str) -> list[Factor]:
        """All factors of one table, in file order."""
        if table not in self._by_table:
            raise UnknownKeyError("factor table", table, _suggest(table, self._by_table))
        return list(self._by_table[table])

    def get(self, factor_id: str) -> Factor:
        """The factor with this id; an unknown id raises :class:`UnknownKeyError` with suggestions."""
        try:
            return self._by_id[factor_id]
        except KeyError:
            raise UnknownKeyError(
                "factor id", factor_id, _suggest(factor_id, self._by_id),
                hint="List ids with `footprint factors list`.",
            ) from None

    def find(self, table: str, quantity: str, **keys: str) -> Factor:
        """The factor of ``table`` with this quantity and these key values (empty keys ignored)."""
        want = (table, quantity, *sorted((k, v) for k, v in keys.items() if v))
        try:
            return self._index[want]
        except KeyError:
            pass
        candidates = [
            f for f in self._by_table.get(table, [])
            if f.quantity == quantity and all(f.keys.get(k) == v for k, v in keys.items() if v)
        ]
        if len(candidates) == 1:
            return candidates[0]
        label = ", ".join(f"{k}={v}" for k, v in keys.items() if v)
        choices = sorted({f.factor_id for f in self._by_table.get(table, []) if f.quantity == quantity})
        raise UnknownKeyError(
            f"{table} {quantity}", label or "(no keys)", _suggest(label, choices) if choices else [],
            hint="" if candidates else f"Valid keys are listed by `footprint factors list --table {table}`.",
        )

    def frame(self, table: str | None = None):
        """A pandas DataFrame of one table (or of all tables, with a ``table`` column)."""
        import pandas as pd

        facs = self.rows(table) if table else list(self._by_id.values())
        recs = []
        for f in facs:
            rec = {"factor_id": f.factor_id, "table": f.table, "quantity": f.quantity, **f.keys}
            rec.update(
                value=f.value, unit=f.unit, low=f.low, high=f.high, distribution=f.distribution,
                year=f.year, source=f.source, url=f.url, license=f.license, notes=f.notes,
            )
            recs.append(rec)
        return pd.DataFrame.from_records(recs)

    # -- regions ----------------------------------------------------------------------------------
    def _region_rows(self, table: str, quantity: str | None = None) -> dict[str, Factor]:
        return {f.keys["region"].upper(): f for f in self._by_table.get(table, [])
                if quantity is None or f.quantity == quantity}

    def _cloud_row(self, region: str) -> Factor:
        provider, _, name = region.partition(":")
        provider = {"google": "gcp", "gcloud": "gcp", "microsoft": "azure"}.get(provider.lower(), provider.lower())
        rows = [f for f in self._by_table.get("cloud_regions", []) if f.keys.get("provider") == provider]
        if not rows:
            providers = sorted({f.keys.get("provider", "") for f in self._by_table.get("cloud_regions", [])})
            raise UnknownKeyError("cloud provider", provider, providers,
                                  hint="Write a cloud region as provider:region, e.g. aws:us-east-1.")
        for f in rows:
            if f.keys.get("cloud_region", "").lower() == name.strip().lower():
                return f
        names = [f"{provider}:{f.keys['cloud_region']}" for f in rows]
        raise UnknownKeyError("cloud region", region, _suggest(region, names))

    def location_of(self, region: str) -> str:
        """The grid location (ISO country or subdivision code, e.g. ``US-VA``) of a region: a cloud
        region's ``location`` in cloud_regions.csv, else the normalised region code itself.
        Raises :class:`UnknownKeyError` for a region that does not exist."""
        level, code, _ = self.resolve_region(region)
        return self._cloud_row(code).keys["location"] if level == "cloud_region" else code

    def resolve_region(self, region: str) -> tuple[str, str, str]:
        """Normalise a region to ``(level, code, note)``.

        Accepts ``WORLD``, ISO 3166-1 alpha-2 or alpha-3 codes or country names (``FR``, ``FRA``,
        ``France``), ISO 3166-2 subdivisions (``US-CA``, ``CA-QC``) and cloud regions
        (``aws:us-east-1``, ``gcp:europe-west1``, ``azure:westeurope``). Cloud regions are returned with
        level ``cloud_region`` and code ``provider:region``. Raises :class:`UnknownKeyError` for a code
        that is not a region.
        """
        import pycountry

        text = str(region).strip()
        if not text:
            raise UnknownKeyError("region", text, hint="Give an ISO country (FR), US state (US-CA) or cloud region (aws:us-east-1).")
        if ":" in text:
            row = self._cloud_row(text)
            return "cloud_region", f"{row.keys['provider']}:{row.keys['cloud_region']}", ""
        up = text.upper()
        if up in ("WORLD", "GLOBAL", "WW"):
            return "world", "WORLD", ""
        if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", up):
            if pycountry.subdivisions.get(code=up) is None and up not in self._region_rows("grid_intensity"):
                raise UnknownKeyError("region", text, self._region_suggestions(text),
                                      hint="Subdivisions use ISO 3166-2 codes such as US-CA or CA-QC.")
            return "subdivision", up, ""
        try:
            country = pycountry.countries.lookup(text)
        except LookupError:
            raise UnknownKeyError(
                "region", text, self._region_suggestions(text),
                hint="Give an ISO 3166 country (FR or FRA), a subdivision (US-CA) or a cloud region (aws:us-east-1).",
            ) from None
        note = "" if up == country.alpha_2 else f"region {text!r} read as ISO country {country.alpha_2}"
        return "country", country.alpha_2, note

    def _region_suggestions(self, text: str) -> list[str]:
        codes = list(self._region_rows("grid_intensity"))
        codes += [f"{f.keys['provider']}:{f.keys['cloud_region']}" for f in self._by_table.get("cloud_regions", [])]
        return _suggest(text.upper() if ":" not in text else text, codes)

    def regional(self, table: str, quantity: str, region: str) -> Factor:
        """The ``quantity`` of ``region`` in a region-keyed table (e.g. ``electricity_impacts``, ``pe``),
        falling back cloud region -> subdivision -> country -> world, each fallback recorded."""
        return self._regional(table, region, f"{table} {quantity}", quantity)

    def _regional(self, table: str, region: str, label: str, quantity: str | None = None) -> Factor:
        """Look ``region`` up in a region-keyed table, falling back cloud -> subdivision -> country -> world."""
        level, code, note = self.resolve_region(region)
        rows = self._region_rows(table, quantity)
        if level == "cloud_region":
            cloud = self._cloud_row(code)
            if table == "grid_intensity":
                return replace(cloud, fallback_level="cloud_region", note=note)
            code, level = cloud.keys["location"].upper(), "subdivision" if "-" in cloud.keys["location"] else "country"
            note = f"cloud region {region} is located in {code}"
        chain = [code]
        if level == "subdivision":
            chain.append(code.split("-")[0])
        chain.append("WORLD")
        for i, c in enumerate(chain):
            if c in rows:
                used = "world" if c == "WORLD" else ("subdivision" if "-" in c else "country")
                if i > 0:
                    miss = chain[0]
                    note = "; ".join(
                        x for x in (note, f"no {label} for {miss}: used the {used} value ({c})") if x
                    )
                return replace(rows[c], fallback_level=used, note=note)
        raise UnknownKeyError(label, region, hint=f"the {table} table has no WORLD row to fall back to")

    def grid_intensity(self, region: str) -> Factor:
        """Location-based grid carbon intensity [kgCO2e/kWh] of ``region``.

        A cloud region returns its own row (``fallback_level="cloud_region"``); a subdivision missing from
        the table falls back to its country, a country missing falls back to the world average; each
        fallback is recorded in ``Factor.note``.
        """
        return self._regional("grid_intensity", region, "grid intensity")

    def electricity_water_intensity(self, region: str) -> Factor:
        """Water consumed per kWh of electricity generated in ``region`` [L/kWh] (EWIF), with fallback."""
        return self._regional("electricity_water", region, "electricity water intensity")

    # -- data centers -------------------------------------------------------------------------------
    def datacenter(self, provider: str, quantity: str) -> Factor:
        """PUE (``quantity="pue"``, [ratio]) or on-site WUE (``"wue"``, [L/kWh]) of a provider or archetype."""
        rows = [f for f in self._by_table.get("datacenters", []) if f.quantity == quantity]
        if not rows:
            raise UnknownKeyError("data-center quantity", quantity, ["pue", "wue"])
        p = _norm(provider)
        for f in rows:
            if f.keys.get("provider") == p:
                return f
        raise UnknownKeyError("data-center provider", provider, _suggest(p, sorted({f.keys["provider"] for f in rows})))

    # -- hardware ---------------------------------------------------------------------------------
    def _resolve_id(self, kind: str, key: str, ids: Iterable[str]) -> tuple[str, str]:
        """Resolve an id or an unambiguous short name to ``(id, note)``."""
        ids = sorted(set(ids))
        k = _norm(key)
        if k in ids:
            return k, ""
        tokens = [t for t in k.split("-") if t]
        if tokens:
            exact = [i for i in ids if set(tokens) <= set(i.split("-"))]
            pool = exact or [
                i for i in ids if all(any(p.startswith(t) for p in i.split("-")) for t in tokens)
            ]
            if len(pool) == 1:
                return pool[0], f"{kind} {key!r} resolved to {pool[0]!r}"
            if len(pool) > 1:
                raise AmbiguousKeyError(kind, key, pool)
        raise UnknownKeyError(kind, key, _suggest(k, ids), hint=f"List them with `footprint factors list --table {kind}s`.")

    def _hardware(self, kind: str, table: str, key: str) -> Hardware:
        rows = self._by_table.get(table, [])
        hid, note = self._resolve_id(kind, key, (f.keys[kind] for f in rows))
        mine = [f for f in rows if f.keys[kind] == hid]
        attrs = {k: v for f in mine for k, v in f.keys.items() if v and k != kind}
        return Hardware(kind, hid, {f.quantity: f for f in mine}, attrs, note=note)

    def accelerator(self, key: str) -> Hardware:
        """An accelerator by id (``nvidia-h100-sxm5-80gb``) or unambiguous alias (``h100-sxm``).

        Quantities: ``tdp`` [W], ``die_area`` [mm2], ``dies`` [count], ``process_node`` [nm], ``memory``
        [GB] (``attributes["memory_type"]``), and others where published. An ambiguous alias
        (``a100``) raises :class:`AmbiguousKeyError` listing the choices.
        """
        return self._hardware("accelerator", "accelerators", key)

    def cpu(self, key: str) -> Hardware:
        """A server CPU by id or unambiguous alias: ``tdp`` [W], ``cores``, ``die_area`` [mm2] ..."""
        return self._hardware("cpu", "cpus", key)

    def node(self, key: str) -> Hardware:
        """A node archetype: node-level factors plus its components (kind, id, quantity, factor)."""
        rows = self._by_table.get("nodes", [])
        nid, note = self._resolve_id("node", key, (f.keys["node"] for f in rows))
        mine = [f for f in rows if f.keys["node"] == nid]
        own = {f.quantity: f for f in mine if f.keys.get("component_kind") == "node"}
        comps = tuple(
            (f.keys["component_kind"], f.keys.get("component", ""), f.quantity, f)
            for f in mine if f.keys.get("component_kind") != "node"
        )
        return Hardware("node", nid, own, components=comps, note=note)

    def ids(self, table: str, key: str) -> list[str]:
        """The distinct values of one key column of a table (e.g. every accelerator id)."""
        return sorted({f.keys.get(key, "") for f in self.rows(table)} - {""})


@functools.lru_cache(maxsize=8)
def _load_cached(path: str) -> FactorRegistry:
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

    Raises
    ------
    FactorTableError
        When any table breaks the schema; the error lists file, line and column of each problem.
    """
    p = Path(path) if path is not None else default_factors_dir()
    if not p.is_dir():
        raise FactorTableError([(str(p), 0, "", "is not a directory of factor tables")])
    return _load_cached(str(p.resolve()))
