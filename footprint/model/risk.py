"""Supply-chain risk of the metals: the share of each metal's mass that comes from countries a risk scheme names.

For a metal m of the hardware and a scheme s (factors/material_risk.csv: one row per flagged material, country and
scheme), with p_c the share of the world's mine production of m from country c (factors/material_producers.csv,
USGS Mineral Commodity Summaries 2025; refining where no mine stage is given):

    flagged_share(m, s) = sum over the countries c flagged for m by s of p_c
    flagged_kg(m, s)    = the metal's allocated mass [kg] x flagged_share

The hardware's metal is taken to come from the world production mix (a judgement: a buyer's own sourcing is not
known). The share says how much of this hardware's cobalt comes, on that mix, from countries on a list; it is never
a probability that abuse occurred, and a country without a row is "not on the list", not "safe".
"""

from __future__ import annotations

__all__ = ["SCHEMES", "RISK_COLUMNS", "producer_shares", "risk_table", "describe"]

#: The schemes of material_risk.csv: what a flag means, written into the sentence the report shows.
SCHEMES = {
    "ilab_child_labor": "on the US Department of Labor's 2024 list of goods produced by child labour for {m}",
    "ilab_forced_labor": "on the US Department of Labor's 2024 list of goods produced by forced labour for {m}",
    "dodd_frank_1502": "covered by Dodd-Frank section 1502 (DR Congo and its neighbours) for {m}",
    "eu_cahra": "on the EU's indicative list of conflict-affected and high-risk areas (Regulation 2017/821; "
                "indicative, not binding) producing {m}",
}

RISK_COLUMNS = ["material", "scheme", "kg", "flagged_share", "flagged_kg", "countries", "stage", "statement"]


def producer_shares(registry, material: str) -> tuple[str | None, dict]:
    """(stage, {country: Factor of its share}) of a metal's world production: the mine stage where the table has it,
    else its first stage (refining); (None, {}) for a metal without rows or without the table."""
    if "material_producers" not in registry.tables:
        return None, {}
    rows = [f for f in registry.rows("material_producers") if f.keys.get("material") == material]
    stages = {f.keys.get("stage") for f in rows}
    stage = "mine" if "mine" in stages else (sorted(stages)[0] if stages else None)
    return stage, {f.keys["country"]: f for f in rows if f.keys.get("stage") == stage}


def describe(material: str, scheme: str, share: float) -> str:
    """The sentence a flagged share is shown as."""
    return (f"{share:.0%} of this hardware's {material} comes (on the world mine mix) from countries "
            + SCHEMES.get(scheme, scheme).format(m=material))


def risk_table(materials, registry):
    """One row per (metal of ``materials``, scheme flagging it): :data:`RISK_COLUMNS`. ``countries`` is a list of
    {"country", "share"} of the flagged producers, largest first. Empty (same columns) without the tables."""
    import pandas as pd

    if materials is None or not len(materials) or "material_risk" not in registry.tables \
            or "material_producers" not in registry.tables:
        return pd.DataFrame(columns=RISK_COLUMNS)
    flags: dict = {}
    for f in registry.rows("material_risk"):
        if f.quantity == "flag" and f.value > 0:
            flags.setdefault((f.keys["material"], f.keys["scheme"]), set()).add(f.keys["country"])
    recs = []
    for r in materials.itertuples():
        stage, rows = producer_shares(registry, r.material)
        shares = {c: f.value for c, f in rows.items()}
        for (mat, scheme), countries in sorted(flags.items()):
            if mat != r.material:
                continue
            hit = sorted(((c, shares[c]) for c in countries if shares.get(c)), key=lambda cs: -cs[1])
            share = sum(s for _, s in hit)
            recs.append(dict(material=mat, scheme=scheme, kg=float(r.kg), flagged_share=share,
                             flagged_kg=float(r.kg) * share, countries=[{"country": c, "share": s} for c, s in hit],
                             stage=stage, statement=describe(mat, scheme, share)))
    return pd.DataFrame.from_records(recs, columns=RISK_COLUMNS)
