"""Where a run draws its electricity: from the user, never from the network.

The region of a measured run comes, in this order, from an explicit option (``--region`` / ``region=``),
from a system spec (the data center of the fleet that runs the given phase), or from ``FOOTPRINT_REGION``.
There is no IP geolocation and no silent world average: without a region, :func:`resolve_region` raises an
error that says how to give one. The region is checked against the factor registry (ISO country or
subdivision, or a cloud region such as ``aws:us-east-1``).
"""

from __future__ import annotations

import os

from ..errors import FootprintError, SpecError, UnknownKeyError

__all__ = ["resolve_region", "spec_phase", "NO_REGION"]

NO_REGION = ("no region: footprint never guesses it from the network. Give --region R (an ISO country or "
             "subdivision such as FR or US-CA, or a cloud region such as aws:us-east-1), or --system SPEC "
             "--phase PHASE (the phase's data center), or set FOOTPRINT_REGION")


def spec_phase(spec, phase: str | None):
    """The training (or inference) phase named ``phase`` of a spec; the only training phase when None."""
    phases = list(spec.training) + list(spec.inference)
    if phase is None:
        if len(spec.training) == 1:
            return spec.training[0]
        names = ", ".join(p.name for p in phases)
        raise SpecError(f"the spec {spec.name!r} has several phases ({names}); give --phase NAME")
    for p in phases:
        if p.name == phase:
            return p
    names = ", ".join(repr(p.name) for p in phases)
    raise SpecError(f"the spec {spec.name!r} has no phase {phase!r}; its phases: {names}")


def resolve_region(region: str | None = None, system=None, phase: str | None = None,
                   option: str = "--region", validate: bool = True) -> tuple[str, str]:
    """The region of a run and where it came from.

    Parameters
    ----------
    region : str, optional
        Given explicitly (wins).
    system : SystemSpec, dict or path, optional
        A system spec; with ``phase``, the region of the data center of that phase's fleet.
    option : str
        How the explicit region is called in messages (``--region`` or ``region=``).
    validate : bool
        Check the region against the factor registry.

    Returns
    -------
    (region, source) : (str, str)

    Raises
    ------
    FootprintError
        No region anywhere, or one the registry does not know (with suggestions).
    """
    src = None
    if region:
        region, src = str(region).strip(), option
    elif system is not None:
        from ..spec import load_spec, parse_spec

        sp = parse_spec(system) if not isinstance(system, (str, os.PathLike)) else load_spec(system)
        ph = spec_phase(sp, phase)
        fleet = sp.fleet_of(ph)
        key, dc = sp.datacenter_of(fleet)
        region, src = dc.region, f"system spec {sp.name!r}: datacenters.{key}.region (phase {ph.name!r})"
    elif os.environ.get("FOOTPRINT_REGION", "").strip():
        region, src = os.environ["FOOTPRINT_REGION"].strip(), "FOOTPRINT_REGION"
    if not region:
        raise FootprintError(NO_REGION)
    if validate:
        from ..registry import load_factors

        try:
            load_factors().grid_intensity(region)
        except UnknownKeyError as exc:
            raise FootprintError(f"{exc} (region from {src}). The regions are the rows of factors/grid_intensity.csv "
                                 "(`footprint factors list --table grid_intensity`)") from None
    return region, src
