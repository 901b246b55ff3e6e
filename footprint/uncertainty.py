"""Distributions of factors, vectorised sampling, percentiles and variance-based sensitivity.

Every factor has a distribution built from its table row (``value``, ``low``, ``high``,
``distribution``): ``low``/``high`` are the 5th/95th percentiles of a normal or lognormal, and the
bounds of a uniform or triangular (whose mode is ``value``). A model function receives a *parameter
source* (:class:`PointSource`, :class:`DrawSource`, :class:`MatrixSource`) and asks it for each
factor: the point source answers floats, the others numpy arrays with one element per draw, so the
same arithmetic gives the point estimate and the Monte Carlo draws (no loop over draws).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Param", "PointSource", "DrawSource", "MatrixSource", "Z95"]

#: The 95th percentile of the standard normal: low/high of a normal or lognormal sit at -/+ Z95 sigma.
Z95 = 1.6448536269514722


@dataclass(frozen=True)
class Param:
    """One uncertain input of the model.

    ``name`` is the factor id (or ``spec:<field path>`` for a value the user gave, which is constant).
    ``info`` holds the provenance shown in the assumptions (source, unit, fallback level ...).
    """

    name: str
    value: float
    low: float
    high: float
    distribution: str
    info: dict[str, Any]

    @property
    def uncertain(self) -> bool:
        return self.distribution != "constant" and self.high > self.low

    def lognormal_params(self) -> tuple[float, float]:
        mu = (math.log(self.low) + math.log(self.high)) / 2
        sigma = (math.log(self.high) - math.log(self.low)) / (2 * Z95)
        return mu, sigma

    def scipy(self):
        """The frozen scipy.stats distribution (for Sobol sensitivity)."""
        from scipy import stats

        lo, hi, v = self.low, self.high, self.value
        d = self.distribution
        if d == "uniform":
            return stats.uniform(loc=lo, scale=hi - lo)
        if d == "triangular":
            return stats.triang(c=(v - lo) / (hi - lo), loc=lo, scale=hi - lo)
        if d == "normal":
            sd = (hi - lo) / (2 * Z95)
            return stats.truncnorm(a=(0 - v) / sd, b=np.inf, loc=v, scale=sd)
        if d == "lognormal":
            mu, sigma = self.lognormal_params()
            return stats.lognorm(s=sigma, scale=math.exp(mu))
        raise ValueError(f"no distribution for constant parameter {self.name}")

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent draws [same unit as value]."""
        lo, hi, v = self.low, self.high, self.value
        d = self.distribution
        if d == "uniform":
            return rng.uniform(lo, hi, n)
        if d == "triangular":
            return rng.triangular(lo, v, hi, n)
        if d == "normal":
            # truncated at zero: physical quantities are non-negative
            return np.maximum(rng.normal(v, (hi - lo) / (2 * Z95), n), 0.0)
        if d == "lognormal":
            mu, sigma = self.lognormal_params()
            return rng.lognormal(mu, sigma, n)
        return np.full(n, v)


class PointSource:
    """Answers each parameter with its point value (the table's ``value``) and records it."""

    def __init__(self) -> None:
        self.params: dict[str, Param] = {}

    def __call__(self, p: Param):
        self.params.setdefault(p.name, p)
        return self._value(self.params[p.name])

    def _value(self, p: Param):
        return p.value


class DrawSource(PointSource):
    """Answers each uncertain parameter with ``n`` random draws (the same array each time it is asked)."""

    def __init__(self, n: int, rng: np.random.Generator):
        super().__init__()
        self.n, self.rng = n, rng
        self._cache: dict[str, np.ndarray] = {}

    def _value(self, p: Param):
        if not p.uncertain:
            return p.value
        if p.name not in self._cache:
            self._cache[p.name] = p.draw(self.rng, self.n)
        return self._cache[p.name]


class MatrixSource(PointSource):
    """Answers the parameters named in ``names`` with the rows of ``matrix`` (shape d x n); the others
    with their point value. Used by :func:`scipy.stats.sobol_indices`."""

    def __init__(self, names: list[str], matrix: np.ndarray):
        super().__init__()
        self._rows = {name: matrix[i] for i, name in enumerate(names)}

    def _value(self, p: Param):
        return self._rows.get(p.name, p.value)

