"""Resolve a data center of the spec: its operator, PUE, WUE and the grid it draws from.

Each parameter is the spec's value when given (a constant), else the table's factor: PUE and on-site WUE of the
operator (datacenters.csv; a region ``provider:name`` names its operator, else the industry average), the grid
intensity and electricity water intensity of the region (with the registry's region fallback), and the primary
energy and abiotic depletion per kWh of its electricity (electricity_impacts.csv).
"""

from __future__ import annotations

from ..errors import SpecError, UnknownKeyError
from .system import Site, field_name, from_factor, given

__all__ = ["resolve_site"]


def _operator(reg, dc, where: str) -> str:
    """The operator whose PUE and WUE apply: the spec's ``provider``, else the cloud of a cloud region, else the
    industry average."""
    if dc.provider is not None:
        if ":" in dc.region:
            cloud = _cloud_of(reg, dc.region.split(":")[0])
            given = _cloud_of(reg, dc.provider)
            if cloud and given != cloud:
                raise SpecError(f"{where}.provider = {dc.provider!r} does not operate the cloud region {dc.region!r} "
                                f"(operated by {cloud}); leave provider out, or give a region of {dc.provider}")
        return dc.provider
    if ":" in dc.region:
        try:
            return reg.provider(dc.region.split(":")[0])[0]
        except UnknownKeyError:
            pass
    return "industry-average"


def _cloud_of(reg, name: str) -> str:
    """The cloud key of a provider name or alias ("" for an operator without cloud regions or an unknown name)."""
    try:
        return reg.provider(name)[1]
    except UnknownKeyError:
        return ""


def resolve_site(spec, reg, key: str, note, grid_basis: str | None = None) -> Site:
    """The :class:`Site` of ``spec.datacenters[key]``; ``note(text)`` records a fallback. The grid intensity is on
    ``grid_basis`` when given (a command's ``--grid-basis``), else the data center's ``grid_basis``, else life-cycle.

    Raises
    ------
    SpecError
        An unknown region or operator, naming the field.
    """
    dc = spec.datacenters[key]
    where = f"datacenters.{key}"
    try:
        location = reg.location_of(dc.region)
    except UnknownKeyError as exc:
        raise SpecError(f"{where}.region: {exc}") from None
    provider = _operator(reg, dc, where)
    params, sources = {}, {}
    for q, name, unit in (("pue", "pue", "ratio"), ("wue", "wue_l_per_kwh", "L/kWh")):
        value = getattr(dc, name)
        if value is not None:
            params[q], sources[q] = given(field_name("datacenters", key, name), value, unit), "spec"
            continue
        try:
            fac = reg.datacenter(provider, q)
            sources[q] = f"provider default ({fac.factor_id})"
        except UnknownKeyError as exc:
            if dc.provider is not None and exc.kind == "data-center provider" and q == "pue":
                raise SpecError(f"{where}.provider: {exc}") from None
            fac = reg.datacenter("industry-average", q)
            note(f"{where}: no {q} for provider {provider!r}; used the industry average ({fac.factor_id})")
            sources[q] = f"industry average ({fac.factor_id}; no {q} for {provider})"
        params[q] = from_factor(fac)
    basis = grid_basis or dc.grid_basis or "lifecycle"
    grid = lambda region: reg.grid_intensity(region, basis)
    for q, name, unit, lookup in (("grid", "grid_kgco2e_per_kwh", "kgCO2e/kWh", grid),
                                  ("ewif", "electricity_water_l_per_kwh", "L/kWh", reg.electricity_water_intensity)):
        value = getattr(dc, name)
        if value is not None:
            params[q], sources[q] = given(field_name("datacenters", key, name), value, unit), "spec"
            continue
        fac = lookup(dc.region)
        if fac.note:
            note(f"{where}: {fac.note}")
        on = f"{fac.keys.get('basis')}, {fac.keys.get('accounting') or 'generation'}-based; " if q == "grid" else ""
        params[q], sources[q] = from_factor(fac), f"region {dc.region} ({on}{fac.factor_id})"
    if "electricity_impacts" in reg.tables:
        for q in ("pe", "adpe"):
            fac = reg.regional("electricity_impacts", q, dc.region)
            if fac.note:
                note(f"{where}: {fac.note}")
            params[q] = from_factor(fac)
    return Site(key=key, region=dc.region, location=location.upper(), provider=provider, sources=sources,
                grid_basis=basis if dc.grid_kgco2e_per_kwh is None else "as given", **params)
