"""The strict base of the spec's tables and the bounds of the numbers a system spec may give (README "Input bounds"): far above any real system, low enough
that every product the model forms stays finite, in the float32 Monte Carlo draws too."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["BOUNDS", "LOWER_BOUNDS", "NAME_MAX", "Name", "StrictModel", "bounded_float", "bounded_int"]


class StrictModel(BaseModel):
    """The base of every spec table: unknown keys are errors, no type coercion, whitespace stripped."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True, validate_assignment=True)

#: The largest value each quantity of a spec may take, its unit and why: far above any real system, low enough that
#: every product the model forms stays finite (in the float32 Monte Carlo draws too). README "Input bounds".
BOUNDS = {
    "hours": (1e10, "h", "ten billion hours: a million machines for over a thousand years"),
    "device_hours": (1e10, "h", "ten billion accelerator-hours: a million accelerators for over a thousand years"),
    "accelerator_power_w": (1e5, "W", "100 kW per accelerator: a hundred times any accelerator with its host share"),
    "power_w": (1e10, "W", "10 GW: several of the largest data-center campuses together"),
    "energy_kwh": (1e12, "kWh", "1,000 TWh: more than twice the world's data centers in a year"),
    "repeats": (1e6, "count", "a million repeats of one phase"),
    "parameters": (1e16, "count", "ten quadrillion parameters"),
    "tokens": (1e17, "count", "a hundred quadrillion tokens"),
    "active_parameters": (1e16, "count", "ten quadrillion parameters"),
    "flops": (1e32, "FLOP", "a billion times the largest training runs of 2025"),
    "mfu": (1, "fraction", "every peak FLOP used"),
    "input_tokens_per_request": (1e9, "count", "a billion tokens per request"),
    "batch_size": (65536, "count", "65,536 sequences decoded together"),
    "items": (1e13, "count", "ten trillion labelled items"),
    "seconds_per_item": (1e6, "s", "eleven days on one item"),
    "redundancy": (1000, "count", "a thousand workers per item"),
    "qa_share": (10, "ratio", "review ten times as long as the labelling"),
    "pay_per_item": (1e6, "currency unit", "a million per item"),
    "pay_per_hour": (1e7, "currency unit", "ten million an hour"),
    "client_price_per_item": (1e7, "currency unit", "ten million per item"),
    "unpaid_share": (0.95, "fraction", "19 unpaid hours per paid hour"),
    "requests": (1e18, "count", "a billion requests a second for thirty years"),
    "energy_wh_per_request": (1e6, "Wh", "1 MWh per request"),
    "tokens_per_request": (1e9, "count", "a billion tokens per request"),
    "tokens_per_second_per_accelerator": (1e8, "tokens/s", "a hundred million tokens a second per accelerator"),
    "days": (36525, "day", "a hundred years"),
    "accelerators": (1e8, "count", "a hundred million accelerators"),
    "nodes": (1e7, "count", "ten million nodes"),
    "accelerators_per_node": (1024, "count", "1,024 accelerators per node"),
    "embodied_kgco2e_per_accelerator": (1e6, "kgCO2e", "1,000 t per accelerator"),
    "embodied_kgco2e_per_node": (1e7, "kgCO2e", "10,000 t per node"),
    "lifetime_years": (30, "year", "thirty years of service"),
    "pue": (5, "ratio", "a PUE of 5: far above any operating data center"),
    "wue_l_per_kwh": (100, "L/kWh", "100 L per kWh: fifty times the thirstiest evaporative cooling"),
    "grid_kgco2e_per_kwh": (5, "kgCO2e/kWh", "5 kg per kWh: four times a lignite plant"),
    "electricity_water_l_per_kwh": (1000, "L/kWh", "1,000 L per kWh: above any hydro reservoir's evaporation"),
}

#: Quantities in a denominator: the smallest value each may take, its unit and why (below it one number overflows).
LOWER_BOUNDS = {
    "lifetime_years": (0.01, "year", "3.7 days of service"),
    "utilization": (0.001, "fraction", "hardware in use 0.1% of its life"),
    "tokens_per_second_per_accelerator": (0.001, "tokens/s", "a token every 17 minutes"),
    "mfu": (0.01, "fraction", "1% of the peak FLOP/s used"),
}

#: The longest name (of a system, data center, fleet or phase) a spec may give.
NAME_MAX = 200


def bounded_float(field: str, gt=None, ge=None):
    """A finite float field at most :data:`BOUNDS` [field] (and ``gt`` / ``ge`` below)."""
    return Annotated[float, Field(gt=gt, ge=ge, le=BOUNDS[field][0], allow_inf_nan=False)]


def bounded_int(field: str):
    """A positive integer field at most :data:`BOUNDS` [field]."""
    return Annotated[int, Field(gt=0, le=int(BOUNDS[field][0]))]


#: A name of a system, data center, fleet or phase.
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]
