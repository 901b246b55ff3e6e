"""Number formatting shared by the HTML and Markdown renderers."""

from __future__ import annotations

import math

__all__ = ["num", "scaled"]

#: Larger units for big totals: (unit, [(factor, larger unit), ...]) largest first.
_SCALES = {
    "kgCO2e": [(1e6, "ktCO2e"), (1e3, "tCO2e")],
    "kWh": [(1e6, "GWh"), (1e3, "MWh")],
    "L": [(1e6, "ML"), (1e3, "m3")],
    "MJ": [(1e6, "TJ"), (1e3, "GJ")],
}


def num(x, digits: int = 3) -> str:
    """A number with ``digits`` significant digits and thousands separators ("" for None/NaN)."""
    if x is None:
        return ""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return str(x)
    if not math.isfinite(v):
        return ""
    if v == 0:
        return "0"
    mag = math.floor(math.log10(abs(v)))
    if mag >= digits - 1 and abs(v) < 1e15:
        return f"{round(v, -(mag - digits + 1)):,.0f}"
    if abs(v) < 1e-3:
        return f"{v:.{digits - 1}e}"
    return f"{v:.{max(digits - 1 - mag, 0)}f}"


def scaled(value: float, unit: str, ref: float | None = None) -> tuple[float, str]:
    """``value`` [unit] in the largest unit that keeps ``ref`` (default: value) at or above 1."""
    r = abs(value if ref is None else ref)
    for factor, big in _SCALES.get(unit, []):
        if r >= factor:
            return value / factor, big
    return value, unit
