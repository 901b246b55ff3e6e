"""The glossary of units.

Names in footprint carry their unit as a suffix (``energy_kwh``, ``power_w``, ``duration_h``,
``grid_kgco2e_per_kwh``, ``water_l``). Factor tables use the closed vocabulary :data:`UNITS`; a unit
outside it is a validation error.
"""

from __future__ import annotations

__all__ = ["UNITS", "FRACTION_UNITS", "CRITERIA", "HOURS_PER_YEAR", "LB_PER_KG"]

#: The closed vocabulary of units allowed in ``factors/*.csv``.
UNITS: frozenset[str] = frozenset(
    """
    kgCO2e/kWh L/kWh MJ/kWh kgSbeq/kWh ratio fraction W mm2 cm2 nm GB count year h kg g km kWh
    kgCO2e/cm2 kWh/cm2 L/cm2 MJ/cm2 kgSbeq/cm2
    kgCO2e/GB MJ/GB L/GB kgSbeq/GB mm2/GB
    kgCO2e/unit MJ/unit L/unit kgSbeq/unit kg/unit g/unit kWh/unit
    kgCO2e/kg MJ/kg L/kg kgSbeq/kg g/kg kWh/kg
    kgCO2e/t-km L/m3
    kgCO2e L MJ kgSbeq
    s FLOP/s GB/s tokens/s 1/cm2 mm kg/kg W/GB
    USD USD/h USD/unit intl$/h LCU/month LCU/h LCU/USD LCU/intl$ h/month s/unit
    """.split()
)

#: Units whose values must lie in [0, 1].
FRACTION_UNITS: frozenset[str] = frozenset({"fraction"})

#: Impact criteria of the life-cycle model and their units.
CRITERIA: dict[str, str] = {
    "gwp": "kgCO2e",  # global warming potential, 100 years
    "energy": "kWh",  # final energy at the meter, PUE included
    "water": "L",  # water consumed
    "adpe": "kgSbeq",  # abiotic depletion potential, elements (CML, ultimate reserves)
    "pe": "MJ",  # primary energy
    "rock": "kg",  # ore and waste rock moved to mine the metals (rock-to-metal ratios; not tailings)
}

#: Hours in a (Julian) year [h/year]: 365.25 x 24.
HOURS_PER_YEAR: float = 8766.0

#: Pounds per kilogram [lb/kg] (exact: 1 lb = 0.45359237 kg).
LB_PER_KG: float = 1 / 0.45359237
