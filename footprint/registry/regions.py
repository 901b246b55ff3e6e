"""Region lookups: ISO countries and subdivisions, cloud regions, data center operators, region groups.

A region is written as an ISO 3166 country (``FR``, ``FRA``, ``France``), an ISO 3166-2 subdivision (``US-CA``) or a
cloud region ``provider:name`` (``aws:us-east-1``); operators and their aliases come from ``providers.csv`` and
region groups (e-waste regions, the EU, shipping destinations) from ``region_groups.csv``. Region-keyed factors fall
back cloud region -> subdivision -> country -> world, and every fallback is a note on the returned factor.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import UnknownKeyError
from .factor import Factor
from .keys import normalise, suggest

__all__ = ["RegionLookups", "REGION_LEVELS", "GRID_BASES"]

#: Fallback levels of region lookups, most specific first.
REGION_LEVELS = ("cloud_region", "subdivision", "country", "world")

#: Bases of grid intensities: ``lifecycle`` (every stage of generation: fuel supply, plant construction; what a life
#: cycle assessment needs; the default) or ``direct`` (combustion only: GHG Protocol location-based scope 2).
GRID_BASES = ("lifecycle", "direct")


class RegionLookups:
    """Region lookups of :class:`~footprint.registry.FactorRegistry` (a mixin: it uses ``rows`` and ``find``)."""

    # -- operators ----------------------------------------------------------------------------------
    def provider(self, name: str) -> tuple[str, str]:
        """The canonical operator id (a ``provider`` of datacenters.csv) and its cloud key (a ``provider`` of
        cloud_regions.csv, "" for an operator without cloud regions) of ``name`` or one of its aliases
        (``gcp`` -> ``("google", "gcp")``)."""
        key = normalise(name)
        rows = self.rows("providers") if "providers" in self.tables else []
        for f in rows:
            if f.keys.get("name") == key:
                return f.keys["provider"], f.keys.get("cloud", "")
        raise UnknownKeyError("data-center provider", name, suggest(key, sorted({f.keys["name"] for f in rows})),
                              hint="The operators are the rows of factors/providers.csv.")

    def cloud_region(self, region: str) -> Factor:
        """The cloud_regions.csv row of ``provider:name`` (``aws:us-east-1``, ``google:europe-west1``)."""
        prov, _, name = str(region).partition(":")
        try:
            _, cloud = self.provider(prov)
        except UnknownKeyError:
            cloud = normalise(prov)
        rows = [f for f in self.rows("cloud_regions") if f.keys.get("provider") == cloud]
        if not rows:
            clouds = sorted({f.keys.get("provider", "") for f in self.rows("cloud_regions")})
            raise UnknownKeyError("cloud provider", prov.strip().lower(), clouds,
                                  hint="Write a cloud region as provider:region, e.g. aws:us-east-1.")
        for f in rows:
            if f.keys.get("cloud_region", "").lower() == name.strip().lower():
                return f
        raise UnknownKeyError("cloud region", region, suggest(region, [f"{cloud}:{f.keys['cloud_region']}" for f in rows]))

    # -- regions ------------------------------------------------------------------------------------
    def _region_codes(self, table: str, quantity: str | None = None, basis: str | None = None) -> dict[str, Factor]:
        """{region code: row} of a region-keyed table; with ``basis``, only rows of that basis (tables without a basis
        column keep every row) and, where a region has both, the consumption-based row over the generation-based."""
        out: dict[str, Factor] = {}
        for f in self.rows(table):
            if quantity is not None and f.quantity != quantity:
                continue
            if basis is not None and f.keys.get("basis", basis) != basis:
                continue
            code = f.keys["region"].upper()
            if code not in out or (f.keys.get("accounting") == "consumption" != out[code].keys.get("accounting")):
                out[code] = f
        return out

    def resolve_region(self, region: str) -> tuple[str, str, str]:
        """Normalise a region to ``(level, code, note)``.

        Accepts ``WORLD``, ISO 3166-1 alpha-2 or alpha-3 codes or country names (``FR``, ``FRA``, ``France``),
        ISO 3166-2 subdivisions (``US-CA``, ``CA-QC``) and cloud regions (``aws:us-east-1``). Cloud regions come
        back with level ``cloud_region`` and code ``provider:region``. Raises :class:`UnknownKeyError` for a code
        that is not a region.
        """
        import pycountry

        text = str(region).strip()
        if not text:
            raise UnknownKeyError("region", text, hint="Give an ISO country (FR), US state (US-CA) or cloud region (aws:us-east-1).")
        if ":" in text:
            row = self.cloud_region(text)
            return "cloud_region", f"{row.keys['provider']}:{row.keys['cloud_region']}", ""
        up = text.upper()
        if up in ("WORLD", "GLOBAL", "WW"):
            return "world", "WORLD", ""
        if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", up):
            if pycountry.subdivisions.get(code=up) is None and up not in self._region_codes("grid_intensity"):
                raise UnknownKeyError("region", text, self.region_suggestions(text),
                                      hint="Subdivisions use ISO 3166-2 codes such as US-CA or CA-QC.")
            return "subdivision", up, ""
        try:
            country = pycountry.countries.lookup(text)
        except LookupError:
            raise UnknownKeyError(
                "region", text, self.region_suggestions(text),
                hint="Give an ISO 3166 country (FR or FRA), a subdivision (US-CA) or a cloud region (aws:us-east-1).",
            ) from None
        note = "" if up == country.alpha_2 else f"region {text!r} read as ISO country {country.alpha_2}"
        return "country", country.alpha_2, note

    def region_suggestions(self, text: str) -> list[str]:
        """The region codes closest to ``text`` (grid_intensity.csv regions and cloud regions)."""
        codes = list(self._region_codes("grid_intensity"))
        codes += [f"{f.keys['provider']}:{f.keys['cloud_region']}" for f in self.rows("cloud_regions")]
        return suggest(text.upper() if ":" not in text else text, codes)

    def location_of(self, region: str) -> str:
        """The grid location (ISO country or subdivision code, e.g. ``US-VA``) of a region: a cloud region's
        ``location`` in cloud_regions.csv, else the normalised region code itself. Raises
        :class:`UnknownKeyError` for a region that does not exist."""
        level, code, _ = self.resolve_region(region)
        return self.cloud_region(code).keys["location"] if level == "cloud_region" else code

    def country_of(self, region: str) -> str:
        """The ISO 3166-1 alpha-2 country of a region (``US`` for ``US-VA`` and ``aws:us-east-1``)."""
        return self.location_of(region).split("-")[0].upper()

    def group_of(self, region: str, kind: str) -> str | None:
        """The group of kind ``kind`` (``gem_region``, ``eu27``, ``shipping_destination``) that ``region``'s
        location (a subdivision such as ``US-VA`` first, then its country) belongs to in region_groups.csv, or None
        when neither belongs to one."""
        if region.upper() == "WORLD":
            return None
        location = self.location_of(region).upper()
        rows = {f.keys.get("region", "").upper(): f.keys["group"] for f in self.rows("region_groups")
                if f.keys.get("group_kind") == kind}
        return rows.get(location) or rows.get(location.split("-")[0])

    def regional(self, table: str, quantity: str | None, region: str, label: str | None = None,
                 basis: str | None = None) -> Factor:
        """The ``quantity`` of ``region`` in a region-keyed table (``electricity_impacts``, ``grid_intensity`` ...),
        falling back cloud region -> subdivision -> country -> world; each fallback is the returned factor's
        ``note`` and its level its ``fallback_level``. ``basis`` selects the rows of one basis where the table has a
        ``basis`` column."""
        label = label or f"{table} {quantity}"
        level, code, note = self.resolve_region(region)
        rows = self._region_codes(table, quantity, basis)
        if level == "cloud_region":
            cloud = self._cloud_grid(code, basis) if table == "grid_intensity" else None
            if cloud is not None:
                return replace(cloud, fallback_level="cloud_region", note=note)
            code = self.cloud_region(code).keys["location"].upper()
            level = "subdivision" if "-" in code else "country"
            note = f"cloud region {region} is located in {code}"
        chain = [code] + ([code.split("-")[0]] if level == "subdivision" else []) + ["WORLD"]
        for i, c in enumerate(chain):
            if c in rows:
                used = "world" if c == "WORLD" else ("subdivision" if "-" in c else "country")
                if i > 0:
                    note = "; ".join(x for x in (note, f"no {label} for {chain[0]}: used the {used} value ({c})") if x)
                return replace(rows[c], fallback_level=used, note=note)
        raise UnknownKeyError(label, region, hint=f"the {table} table has no WORLD row to fall back to")

    def _cloud_grid(self, code: str, basis: str | None) -> Factor | None:
        prov, _, name = code.partition(":")
        rows = [f for f in self.rows("cloud_regions") if f.quantity == "grid_intensity" and f.keys.get("provider") == prov
                and f.keys.get("cloud_region") == name and (basis is None or f.keys.get("basis", basis) == basis)]
        rows.sort(key=lambda f: f.keys.get("accounting") != "consumption")
        return rows[0] if rows else None

    def grid_intensity(self, region: str, basis: str = "lifecycle") -> Factor:
        """Location-based grid carbon intensity [kgCO2e/kWh] of ``region`` on ``basis`` (:data:`GRID_BASES`).

        A cloud region returns its own row (``fallback_level="cloud_region"``); a subdivision missing from the table
        falls back to its country, a country missing falls back to the world average. Where a region has a
        consumption-based row (it imports much of its power), that row wins over the generation-based one. Where
        neither the region nor its country has a ``direct`` row, the life-cycle row is returned and its note says so
        (a wider boundary, never silently). Every fallback is recorded in ``Factor.note``.
        """
        if basis not in GRID_BASES:
            raise UnknownKeyError("grid basis", basis, list(GRID_BASES),
                                  hint="lifecycle (the default: what a life cycle needs) or direct (combustion only, "
                                       "GHG Protocol location-based scope 2).")
        try:
            return self.regional("grid_intensity", "grid_intensity", region, "grid intensity", basis)
        except UnknownKeyError as exc:
            if basis != "direct" or exc.kind != "grid intensity":
                raise
        fac = self.regional("grid_intensity", "grid_intensity", region, "grid intensity", "lifecycle")
        return replace(fac, note="; ".join(x for x in (fac.note, f"no direct (combustion-only) grid intensity for "
                                                       f"{region}: used the life-cycle figure {fac.factor_id}") if x))

    def electricity_water_intensity(self, region: str) -> Factor:
        """Water consumed per kWh of electricity generated in ``region`` [L/kWh] (EWIF), with fallback."""
        return self.regional("electricity_water", None, region, "electricity water intensity")
