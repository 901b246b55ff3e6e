"""Estimate a system: resolve it once, evaluate its point values, then its Monte Carlo draws and (optionally) the
Sobol indices of its totals."""

from __future__ import annotations

import numpy as np

from ..errors import SpecError
from ..uncertainty import PointSource
from .evaluate import evaluate
from .montecarlo import KEEP_DRAWS, aggregate, simulate
from .resolve import resolve
from .labour import labour_params, labour_table
from .results import Estimate, assumptions_frame, build_tables, use_inputs
from .risk import risk_table
from .sensitivity import COLUMNS, sobol

__all__ = ["estimate_system", "point_values", "SUMS"]

#: The kinds of sums whose first draws an estimate keeps (:attr:`Estimate.kept_draws`).
SUMS = ("total", "stage", "phase", "component")


def point_values(system):
    """The point value of every quantity of :func:`~footprint.model.montecarlo.aggregate`, and the parameters used
    (in the order the evaluation asked for them)."""
    src = PointSource()
    rows, mats = evaluate(system, src)
    return aggregate(rows, mats), list(src.params.values())


def draws_model(system):
    """The Monte Carlo model of a system for :func:`~footprint.model.montecarlo.simulate`: the quantities of one
    chunk of draws as float32 arrays (those that depend on no uncertain parameter are left out)."""

    def model(src):
        rows, mats = evaluate(system, src, metal_fates=False)  # recovered mass and rock per metal: point values
        return {key: np.broadcast_to(np.asarray(v, dtype=np.float32), (src.n,))
                for key, v in aggregate(rows, mats).items() if np.ndim(v)}

    return model


def estimate_system(spec, registry, samples: int = 0, seed=None, sensitivity: bool = False,
                    sensitivity_samples: int = 1024, progress=None, runs=None, grid_basis=None) -> Estimate:
    """The :class:`Estimate` of a validated spec (see :func:`footprint.estimate`); ``runs`` are the measured runs
    the spec names, read beforehand (plain data)."""
    import pandas as pd

    if samples < 0:
        raise SpecError(f"samples must be >= 0, got {samples}")
    system = resolve(spec, registry, runs, grid_basis)
    point, params = point_values(system)
    quants, kept = {}, {}
    if samples:
        quants, kept = simulate(draws_model(system), samples, seed, progress, keep=lambda k: k[0] in SUMS)
    _check_finite(point, quants)
    t = build_tables(point, quants, registry)
    draws = {}
    if samples:
        for c in t["total"].criterion:
            key = ("total", c)
            if key in kept:
                draws[c] = kept[key].astype(np.float64)
            else:  # a total without uncertain factors: its draws are its value
                draws[c] = np.full(min(samples, KEEP_DRAWS), float(point.get(key, 0.0)))
    sens = (sobol(system, params, sensitivity_samples, seed) if sensitivity else pd.DataFrame(columns=COLUMNS))
    return Estimate(spec.name, t["results"], t["total"], t["materials"],
                    assumptions_frame(params + labour_params(spec, registry)), sens,
                    list(system.notes), samples, seed, draws, spec, t["water"], system, t["by_stage"], t["by_phase"],
                    t["by_component"], kept, use_inputs(system), risk_table(t["materials"], registry),
                    labour_table(spec, registry, samples, seed))


def _check_finite(point: dict, quants: dict) -> None:
    """Every total footprint outputs is finite (the spec's bounds keep it so; this is the last guard): else a
    SpecError naming the total."""
    for key, v in point.items():
        if key[0] == "total" and not np.isfinite(v):
            raise SpecError(f"the {key[1]} total is not finite ({v}); an input is too large for the model: check the "
                            "spec's largest quantities against the README's input bounds")
    for key, q in quants.items():
        if key[0] == "total" and not np.all(np.isfinite(q.exact)):
            raise SpecError(f"the {key[1]} total's Monte Carlo draws are not finite; an input is too large for the "
                            "model: check the spec's largest quantities against the README's input bounds")
