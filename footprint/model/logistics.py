"""Transport and end of life of an item: from the assembly region to the data center, and to e-waste treatment.

Transport per item [kgCO2e] (factors/transport.csv, on the ISO 14083 / GLEC basis: well-to-wheel, without radiative
forcing unless the spec asks for it):

    shipped mass [kg] x packaging [ratio] / 1000 x (f x d_air x EF_air + (1 - f) x d_sea x EF_sea + d_road x EF_road)

with f the item's air share [fraction] (a range: AI servers are flown more than other servers, in an unknown share),
the distances [km] of the route from the assembly region (Taiwan unless the fleet says ``assembled_in``: China and
Mexico have routes too) to the data center's destination group (region_groups.csv) and the mode factors
[kgCO2e/t-km]. A data center in the assembly region, or at the end of a road-only route (Mexico -> US), has no
long-haul leg.
Accelerator modules (SXM, OAM) travel inside their server: the server's shipped mass includes them and they are not
shipped or disposed of again. End of life = shipped mass x (collection rate x recycling + (1 - rate) x landfill)
[kgCO2e/kg], with the e-waste collection rate of the data center's region (Global E-waste Monitor regions).
"""

from __future__ import annotations

from ..registry import FrozenDict
from .system import Term, from_factor

__all__ = ["ASSEMBLY_REGION", "assembly_regions", "transport_terms", "end_of_life_params", "recycling_rates", "shipped_mass",
           "air_share_item"]

#: Where AI servers and accelerator modules are assembled (the routes' origin in transport.csv).
ASSEMBLY_REGION = "tw"

#: The route to a country without a shipping destination group (with a note).
DEFAULT_DESTINATION = "us-west"


def air_share_item(kind: str, with_accelerators: bool) -> str:
    """The item key of transport.csv's air share: GPU/AI servers, CPU servers, accelerator cards or modules."""
    if kind in ("accelerator_module", "accelerator_card_pcie"):
        return kind
    return "gpu_server" if with_accelerators else "cpu_server"


def shipped_mass(reg, hardware_id: str, kind: str):
    """The shipped mass [kg] of an item: its archetype's own row (a DGX A100 is not a DGX H100) or its class's."""
    fac = reg.find_or_none("transport", "shipped_mass", item=hardware_id) or reg.find("transport", "shipped_mass", item=kind)
    return from_factor(fac)


def assembly_regions(reg) -> tuple:
    """The assembly regions transport.csv has routes from (``tw``, ``cn``, ``mx`` ...)."""
    return tuple(sorted({f.keys["origin"] for f in reg.rows("transport") if f.quantity == "distance"}))


def transport_terms(reg, mass, share_item: str, location: str, note, radiative_forcing: bool = False,
                    origin: str = ASSEMBLY_REGION) -> tuple:
    """Transport terms of one item [kgCO2e] from the assembly region ``origin`` to a data center at ``location``."""
    dest = reg.group_of(location, "shipping_destination")
    if dest is None:
        note(f"transport: no shipping destination group for {reg.country_of(location)} in region_groups.csv; used "
             f"the route to {DEFAULT_DESTINATION}")
        dest = DEFAULT_DESTINATION
    find = lambda q, **k: from_factor(reg.find("transport", q, **k))
    pack = find("packaging_factor")
    if reg.find_or_none("transport", "distance", origin=origin, destination=dest, mode="road") is None:
        note(f"transport: no route from {origin} to {dest} in transport.csv; used the route from {ASSEMBLY_REGION}")
        origin = ASSEMBLY_REGION
    road = Term((mass, pack, find("distance", origin=origin, destination=dest, mode="road"),
                 find("gwp", mode="road")), 1e-3, "road")
    if dest == origin or reg.find_or_none("transport", "distance", origin=origin, destination=dest, mode="sea") is None:
        return (road,)  # no long-haul leg: inside the assembly region, or a road-only route (Mexico -> US)
    f = find("air_share", item=share_item)
    air_factor = find("gwp_rf" if radiative_forcing else "gwp", mode="air")
    d_air = find("distance", origin=origin, destination=dest, mode="air")
    d_sea, ef_sea = find("distance", origin=origin, destination=dest, mode="sea"), find("gwp", mode="sea")
    return (Term((mass, pack, f, d_air, air_factor), 1e-3, "air"), Term((mass, pack, d_sea, ef_sea), 1e-3, "sea"),
            Term((mass, pack, f, d_sea, ef_sea), -1e-3, "sea"), road)


def end_of_life_params(reg, location: str, note) -> tuple:
    """E-waste collection rate [fraction] of the data center's region, recycling and landfill [kgCO2e/kg]."""
    region = reg.group_of(location, "gem_region")
    rate = reg.find_or_none("end_of_life", "collection_rate", region=region) if region else None
    if rate is None:
        note(f"end of life: no e-waste collection rate for {reg.country_of(location)}; used the world rate")
        rate = reg.find("end_of_life", "collection_rate", region="world")
    return (from_factor(rate), from_factor(reg.find("end_of_life", "gwp", treatment="recycling")),
            from_factor(reg.find("end_of_life", "gwp", treatment="landfill")))


def recycling_rates(reg, metals) -> FrozenDict:
    """{metal: Param} of the share of each metal recovered from collected e-waste [fraction]: the metal's global
    end-of-life recycling rate (UNEP IRP 2011, all end uses) stands in for it (a judgement: recovery from e-waste is
    usually lower). Metals without a row are left out (their recovery is not reported)."""
    out = {}
    for m in metals:
        fac = reg.find_or_none("end_of_life", "recycling_rate", material=m)
        if fac is not None:
            out[m] = from_factor(fac)
    return FrozenDict(out)
