"""The costs no other tool shows, as terminal tables: rock moved and the supply-chain risk of the metals, and the
hidden labour of the data (``footprint estimate``)."""

from __future__ import annotations

from ..text import printable
from .common import col, console, fmt, safe

__all__ = ["print_risk", "print_labor", "print_sci"]


def print_risk(est, limit: int = 12) -> None:
    """The flagged shares of the metals (largest flagged mass first), with the rock moved to mine each metal."""
    from rich.table import Table

    if est.risk is None or not len(est.risk):
        return
    rock = est.materials.set_index("material")["rock_kg"].to_dict() if "rock_kg" in est.materials else {}
    t = Table("metal", col("in the hardware", "kg"), col("rock moved", "kg"), "scheme", "flagged share",
              "flagged producers (world mine shares)",
              title="supply-chain risk: share of each metal from countries a list names (on the world mine mix; "
                    "not a probability of abuse)")
    for r in est.risk.sort_values("flagged_kg", ascending=False).head(limit).itertuples():
        prods = ", ".join(f"{c['country']} {c['share']:.0%}" for c in r.countries[:4])
        t.add_row(safe(r.material), fmt(r.kg), fmt(rock.get(r.material)), r.scheme, f"{r.flagged_share:.0%}", prods)
    console().print(t)


def print_labor(est) -> None:
    """One line per annotation phase: worker-hours, effective pay per hour and its ratio to the minimum wage."""
    from rich.table import Table

    if est.labor is None or not len(est.labor):
        return
    t = Table("phase", "task", "country", col("worker-hours", "h"), col("pay", "USD/h"), "pay (local /h)",
              col("pay", "PPP intl$/h"), "minimum wage (local /h)", "ratio to minimum",
              title="the hidden labour of the data: effective pay after unpaid time (median, 90% range)")
    for r in est.labor.itertuples():
        rng = lambda v, lo, hi: "-" if v is None or v != v else f"{fmt(v)} ({fmt(lo)}-{fmt(hi)})"  # noqa: E731
        t.add_row(safe(r.phase), safe(r.task), r.country, rng(r.worker_hours, r.worker_hours_p5, r.worker_hours_p95),
                  rng(r.pay_usd_per_hour, r.pay_usd_per_hour_p5, r.pay_usd_per_hour_p95),
                  "-" if r.pay_local_per_hour is None else f"{fmt(r.pay_local_per_hour)} {r.local_currency}",
                  fmt(r.pay_ppp_per_hour) if r.pay_ppp_per_hour is not None else "-",
                  fmt(r.minimum_wage_per_hour) if r.minimum_wage_per_hour == r.minimum_wage_per_hour
                  and r.minimum_wage_per_hour is not None else "-",
                  rng(r.ratio_to_minimum, r.ratio_to_minimum_p5, r.ratio_to_minimum_p95))
    console().print(t)
    for r in est.labor.itertuples():
        for flag in r.health_flags:
            console().print(f"health ({printable(r.phase)}): {printable(flag)}", markup=False)
        for n in r.notes:
            console().print(f"note ({printable(r.phase)}): {printable(n)}", markup=False)


def print_sci(table) -> None:
    """The SCI per functional unit, per boundary: O and M per unit and the SCI with its range [gCO2e]."""
    from rich.table import Table

    unit = table.unit.iloc[0]
    t = Table("boundary", "phases", col("R", f"{unit}s"), col("O per unit", "gCO2e"), col("M per unit", "gCO2e"),
              col("SCI", f"gCO2e/{unit}"), "90% range",
              title=f"Software Carbon Intensity (ISO/IEC 21031): (O + M) per {unit}, O location-based")
    for r in table.itertuples():
        t.add_row(r.boundary, safe(", ".join(r.phases)), fmt(r.units), fmt(r.operational_g), fmt(r.embodied_g),
                  fmt(r.sci_g), f"{fmt(r.sci_p5_g)}-{fmt(r.sci_p95_g)}")
    console().print(t)
