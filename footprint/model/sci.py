"""Software Carbon Intensity (Green Software Foundation; ISO/IEC 21031:2024) of a system per functional unit.

    SCI = (O + M) / R      [gCO2e per unit]

with O = E x I the operational emissions (energy at the meter x the location-based grid intensity: the use stage of
the estimate) and M the embodied emissions amortised to the work (extraction, manufacture, transport and end of life
of the hardware's share), R the count of functional units. Two boundaries (the SCI for AI guidance):

- ``consumer``: operating the model, the serving phases only (their energy, idle draw and the embodied share of the
  hardware they reserve);
- ``provider``: training through deployment, every phase of the spec.

R follows from the spec for ``request`` (the serving phases' requests), ``1k-tokens`` (their output tokens / 1000)
and ``training-token`` (the training phases' tokens x repeats; provider boundary only), or is given with the unit
(``image=2e6``). Ranges: the 5th-95th percentiles of the estimate's draws of O + M, over R.
"""

from __future__ import annotations

import math

from ..errors import SpecError

__all__ = ["SCI_UNITS", "SCI_COLUMNS", "parse_unit", "functional_units", "consumer_spec", "sci_table"]

#: Functional units the spec can count itself.
SCI_UNITS = ("request", "1k-tokens", "training-token")
SCI_COLUMNS = ["boundary", "phases", "unit", "units", "operational_g", "embodied_g", "sci_g", "sci_p5_g", "sci_p95_g",
               "statement"]
_EMBODIED = ("extraction", "manufacture", "transport", "end_of_life")


def parse_unit(text: str) -> tuple[str, float | None]:
    """``"request"`` -> ("request", None); ``"image=2e6"`` -> ("image", 2e6). A SpecError for a bad count."""
    unit, _, count = str(text).strip().partition("=")
    unit = unit.strip()
    if not unit:
        raise SpecError(f"--sci {text!r}: give a functional unit ({', '.join(SCI_UNITS)}) or UNIT=COUNT (image=2e6)")
    if not count:
        if unit not in SCI_UNITS:
            raise SpecError(f"--sci {unit!r}: the spec does not count this unit; give one of {', '.join(SCI_UNITS)}, "
                            f"or the count: --sci {unit}=N")
        return unit, None
    try:
        n = float(count)
    except ValueError:
        raise SpecError(f"--sci {text!r}: {count!r} is not a number; write UNIT=COUNT, e.g. image=2e6") from None
    if not math.isfinite(n) or n <= 0 or n > 1e21:
        raise SpecError(f"--sci {text!r}: the count must be a positive finite number at most 1e21")
    return unit, n


def functional_units(spec, unit: str, boundary: str) -> float | None:
    """R of ``unit`` counted from the spec (None when the spec does not count it in this boundary)."""
    if unit == "request":
        return sum(ph.requests for ph in spec.inference) or None
    if unit == "1k-tokens":
        tokens = [ph.requests * ph.tokens_per_request for ph in spec.inference if ph.tokens_per_request is not None]
        return sum(tokens) / 1000 if tokens else None
    if unit == "training-token":
        if boundary != "provider":
            return None
        return sum(ph.tokens * ph.repeats for ph in spec.training if ph.tokens is not None) or None
    return None


def consumer_spec(spec):
    """The spec of the consumer boundary: its serving phases only (None without any)."""
    if not spec.inference:
        return None
    return spec.model_copy(update={"training": [], "annotation": []})


def _o_m(est):
    st = est.by_stage[est.by_stage.criterion == "gwp"].set_index("stage")
    o = float(st.loc["use", "value"]) if "use" in st.index else 0.0
    m = sum(float(st.loc[s, "value"]) for s in _EMBODIED if s in st.index)
    t = est.total.set_index("criterion").loc["gwp"]
    return o, m, float(t.p5), float(t.p50), float(t.p95)


def sci_table(spec, unit: str, count: float | None, provider_est, consumer_est=None):
    """One row per boundary (consumer when the spec serves, provider): :data:`SCI_COLUMNS` [gCO2e]."""
    import pandas as pd

    recs = []
    for boundary, est in (("consumer", consumer_est), ("provider", provider_est)):
        if est is None:
            continue
        r = count if count is not None else functional_units(spec, unit, boundary)
        if not r:
            continue
        o, m, p5, p50, p95 = _o_m(est)
        phases = [p.name for p in est.spec.inference] + ([p.name for p in est.spec.training] if boundary == "provider" else [])
        head = p50 if est.samples else o + m
        recs.append(dict(boundary=boundary, phases=phases, unit=unit, units=r, operational_g=o * 1000 / r,
                         embodied_g=m * 1000 / r, sci_g=head * 1000 / r, sci_p5_g=p5 * 1000 / r, sci_p95_g=p95 * 1000 / r,
                         statement=f"SCI ({boundary} boundary: "
                                   + ("the serving phases" if boundary == "consumer" else "training through deployment")
                                   + f") = (O + M) / R = {head * 1000 / r:.4g} gCO2e per {unit}"))
    if not recs:
        raise SpecError(f"--sci {unit}: the spec gives no count of this unit"
                        + (" in its serving phases (1k-tokens needs tokens_per_request)" if unit in ("request", "1k-tokens")
                           else " in its training phases (training-token needs tokens)")
                        + f"; give the count: --sci {unit}=N")
    return pd.DataFrame.from_records(recs, columns=SCI_COLUMNS)
