"""Distributions of factors, vectorised sampling, percentiles and variance-based sensitivity.

Every factor has a distribution built from its table row (``value``, ``low``, ``high``,
``distribution``): ``low``/``high`` are the 5th/95th percentiles of a normal or lognormal, and the
bounds of a uniform or triangular (whose mode is ``value``). A parameter may also have a physical
``upper`` bound, of one of two kinds. Censored (an accelerator's average power cannot pass its power
limit, and runs do sit at it): its draws above the bound are set to it, so its quantiles below are
unchanged. Truncated (``truncate``: a model FLOPs utilisation cannot reach 1, and no run comes near):
the lognormal is conditioned below the bound, its quantile at probability p that of the untruncated
one at p x F(upper).
A model function receives a *parameter
source* (:class:`PointSource`, :class:`DrawSource`, :class:`MatrixSource`) and asks it for each
factor: the point source answers floats, the others numpy arrays with one element per draw, so the
same arithmetic gives the point estimate and the Monte Carlo draws (no loop over draws).

Monte Carlo draws are inverse-CDF draws on a grid of :data:`LEVELS` probabilities: each factor's
quantiles at ``(i + 0.5) / LEVELS`` are computed once (:meth:`Param.table`, float32), and a draw is the
quantile at a uniform random level ``i`` (16 random bits). This is exact inverse-transform sampling of
the distribution discretised to 65,536 equiprobable levels (the tails beyond probability 1/131,072 are
cut), at a fraction of the cost of numpy's own samplers (one table look-up per draw; float32 halves
the memory traffic of the model's arithmetic).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from statistics import NormalDist
from typing import Any

import numpy as np

__all__ = ["Param", "PointSource", "DrawSource", "MatrixSource", "Z95", "LEVELS", "levels"]

#: The 95th percentile of the standard normal: low/high of a normal or lognormal sit at -/+ Z95 sigma.
Z95 = 1.6448536269514722

#: Probability levels of the inverse-CDF tables of Monte Carlo draws [count] (16 random bits per draw).
LEVELS = 65_536


def _norm_ppf(p: np.ndarray) -> np.ndarray:
    """Standard normal quantiles at probabilities ``p`` (the standard library's inverse CDF, Wichura
    1988 AS241, accurate to 1e-15; avoids importing scipy.special, 0.13 s, on the Monte Carlo path)."""
    inv = NormalDist().inv_cdf
    return np.fromiter(map(inv, np.asarray(p, dtype=float).tolist()), dtype=float, count=np.size(p))


@lru_cache(maxsize=1)
def _grid() -> tuple[np.ndarray, np.ndarray]:
    """Probabilities ``(i + 0.5) / LEVELS`` and the standard normal quantiles at them."""
    u = (np.arange(LEVELS, dtype=np.float64) + 0.5) / LEVELS
    return u, _norm_ppf(u)


def _truncated_z(p, mu: float, sigma: float, upper: float):
    """Standard normal quantiles of a lognormal(mu, sigma) truncated at ``upper``, at probabilities ``p``:
    Phi^-1(p F), F = Phi((ln upper - mu) / sigma)."""
    f_upper = NormalDist().cdf((math.log(upper) - mu) / sigma)
    return _norm_ppf(np.asarray(p, dtype=float) * f_upper)


@lru_cache(maxsize=4096)
def _table(distribution: str, value: float, low: float, high: float, upper: float | None = None,
           truncate: bool = False) -> np.ndarray:
    """Quantiles of a distribution at the :data:`LEVELS` grid probabilities [float32, sorted], censored at
    ``upper`` when given (a lognormal: truncated there when ``truncate``)."""
    u, z = _grid()
    lo, hi, v = low, high, value
    if distribution == "uniform":
        q = lo + (hi - lo) * u
    elif distribution == "triangular":
        # inverse CDF of the triangular distribution with mode v on [lo, hi]
        c = (v - lo) / (hi - lo)
        q = np.where(u < c, lo + np.sqrt(u * (hi - lo) * (v - lo)), hi - np.sqrt((1 - u) * (hi - lo) * (hi - v)))
    elif distribution == "normal":
        # truncated at zero (physical quantities are non-negative): the normal's quantiles at
        # F0 + u (1 - F0), F0 = its probability below zero (the same distribution as :meth:`Param.scipy`)
        sd = (hi - lo) / (2 * Z95)
        f0 = NormalDist().cdf(-v / sd)
        q = v + sd * (z if f0 < 1e-12 else _norm_ppf(f0 + u * (1.0 - f0)))
    elif distribution == "lognormal":
        mu = (math.log(lo) + math.log(hi)) / 2
        sigma = (math.log(hi) - math.log(lo)) / (2 * Z95)
        q = np.exp(mu + sigma * (_truncated_z(u, mu, sigma, upper) if truncate else z))
    else:
        q = np.full(LEVELS, v)
    if upper is not None:
        q = np.minimum(q, upper)
    out = q.astype(np.float32)
    out.flags.writeable = False
    return out


def levels(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` independent uniform random levels in ``[0, LEVELS)`` [uint16]: the top bits of 16 random bits."""
    lv = rng.bit_generator.random_raw((n + 3) // 4).view(np.uint16)[:n]
    shift = 16 - (LEVELS.bit_length() - 1)
    if shift:
        lv >>= shift
    return lv


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
    upper: float | None = None  # a physical bound: draws above it are set to it (censored)
    truncate: bool = False  # a lognormal conditioned below ``upper`` instead (truncated)

    @property
    def truncated(self) -> bool:
        """Whether the draws are a lognormal truncated at ``upper`` (else censored there, or unbounded)."""
        return self.upper is not None and self.truncate and self.distribution == "lognormal"

    @cached_property
    def bounded(self) -> tuple[float, float, float]:
        """(point value, low, high) as the draws see them: clipped at ``upper`` when the parameter has one; a
        truncated lognormal's 5th and 95th percentiles (the point value kept below the latter). Computed once: the
        point source asks it of every parameter."""
        if self.upper is None:
            return self.value, self.low, self.high
        if self.truncated:
            mu, sigma = self.lognormal_params()
            low, high = (math.exp(mu + sigma * z) for z in _truncated_z([0.05, 0.95], mu, sigma, self.upper))
            return min(self.value, high), low, high
        return min(self.value, self.upper), min(self.low, self.upper), min(self.high, self.upper)

    @property
    def bound_note(self) -> str:
        """How the draws are bounded, for the assumptions tables ("" without a bound)."""
        if self.upper is None:
            return ""
        return f"{'truncated' if self.truncated else 'censored'} at {self.upper:.4g} (a physical bound)"

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
            base = stats.lognorm(s=sigma, scale=math.exp(mu))
            return base if self.upper is None else _Bounded(base, self.upper, self.truncated)
        raise ValueError(f"no distribution for constant parameter {self.name}")

    def table(self) -> np.ndarray:
        """The quantiles of the distribution at the :data:`LEVELS` grid probabilities [float32, same unit
        as value]. Normal: ``value + sd z`` with ``sd = (high - low) / (2 Z95)``, truncated at zero;
        lognormal: ``exp(mu + sigma z)``; triangular and uniform: their closed-form inverse CDF."""
        return _table(self.distribution, float(self.value), float(self.low), float(self.high),
                      None if self.upper is None else float(self.upper), self.truncated)

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent draws [float32, same unit as value]: the table at uniform random levels."""
        if not self.uncertain:
            return np.full(n, self.value, dtype=np.float32)
        return self.table().take(levels(rng, n), mode="wrap")  # levels < LEVELS: no bounds check needed


class _Bounded:
    """A scipy distribution censored (or, ``truncate``, truncated) at ``upper``: the quantile function Sobol
    sampling needs."""

    def __init__(self, base, upper: float, truncate: bool = False):
        self.base, self.upper, self.truncate = base, upper, truncate

    def ppf(self, q):
        if self.truncate:
            return self.base.ppf(np.asarray(q) * self.base.cdf(self.upper))
        return np.minimum(self.base.ppf(q), self.upper)


class PointSource:
    """Answers each parameter with its point value (the table's ``value``) and records it."""

    def __init__(self) -> None:
        self.params: dict[str, Param] = {}

    def __call__(self, p: Param):
        self.params.setdefault(p.name, p)
        return self._value(self.params[p.name])

    def _value(self, p: Param):
        return p.bounded[0]


class DrawSource(PointSource):
    """Answers each uncertain parameter with ``n`` random draws (the same array each time it is asked)."""

    def __init__(self, n: int, rng: np.random.Generator):
        super().__init__()
        self.n, self.rng = n, rng
        self._cache: dict[str, np.ndarray] = {}

    def _value(self, p: Param):
        if not p.uncertain:
            return p.bounded[0]
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
        return self._rows.get(p.name, p.bounded[0])

