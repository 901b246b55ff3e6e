"""From a system spec to impacts per stage, phase, component and criterion, with uncertainty.

:func:`estimate` runs the inventory once with point values, then (``samples > 0``) with Monte Carlo
draws of every uncertain factor, in chunks of at most :data:`CHUNK` draws so that memory stays
bounded. Percentiles are exact up to one chunk; beyond it they come from a fine histogram
(:class:`_Quantiles`, resolution 1/20000 of the range seen in the first chunk).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import SpecError
from .inventory import STAGES, build
from .registry import FactorRegistry, load_factors
from .spec import SystemSpec, load_spec, parse_spec
from .uncertainty import DrawSource, MatrixSource, PointSource
from .units import CRITERIA

__all__ = ["Estimate", "estimate", "CHUNK"]

#: Largest number of draws evaluated at once [draws].
CHUNK = 250_000


class _Quantiles:
    """p5/p50/p95 of a stream of draws: exact while one chunk, histogram-merged beyond."""

    BINS = 20_000

    def __init__(self):
        self.exact: np.ndarray | None = None
        self.hist: np.ndarray | None = None
        self.lo = self.hi = 0.0

    def add(self, x: np.ndarray) -> None:
        if self.exact is None and self.hist is None:
            self.exact = x
            return
        if self.hist is None:
            first = self.exact
            span = float(first.max() - first.min()) or max(abs(float(first.max())), 1e-12)
            self.lo, self.hi = float(first.min()) - span, float(first.max()) + span
            self.hist = np.zeros(self.BINS, dtype=np.int64)
            self._bin(first)
            self.exact = None
        self._bin(x)

    def _bin(self, x: np.ndarray) -> None:
        idx = ((x - self.lo) / (self.hi - self.lo) * self.BINS).astype(np.int64)
        np.clip(idx, 0, self.BINS - 1, out=idx)
        self.hist += np.bincount(idx, minlength=self.BINS)

    def percentiles(self, q=(5, 50, 95)) -> tuple[float, ...]:
        if self.hist is None:
            return tuple(float(v) for v in np.percentile(self.exact, q))
        cum = np.cumsum(self.hist) / self.hist.sum()
        edges = np.linspace(self.lo, self.hi, self.BINS + 1)
        out = []
        for p in q:
            i = int(np.searchsorted(cum, p / 100.0))
            prev = cum[i - 1] if i > 0 else 0.0
            frac = (p / 100.0 - prev) / max(cum[i] - prev, 1e-300)
            out.append(float(edges[i] + frac * (edges[i + 1] - edges[i])))
        return tuple(out)


@dataclass
class Estimate:
    """The footprint of a system.

    Attributes (pandas DataFrames)
    ------------------------------
    results : stage, phase, component, criterion, value, p5, p95, unit
    total : criterion, value, p5, p50, p95, unit
    materials : material, kg, p5, p95, main_producers
    assumptions : factor_id, value, unit, low, high, distribution, source, year, license, fallback_level, note
    sensitivity : criterion, factor_id, first_order, total_order (empty unless asked for)
    notes : list of str -- aliases resolved and fallbacks used
    draws : dict criterion -> numpy array, the first (at most 100,000) Monte Carlo draws of the total
    spec : the validated SystemSpec that was estimated
    """

    name: str
    results: Any
    total: Any
    materials: Any
    assumptions: Any
    sensitivity: Any
    notes: list[str]
    samples: int
    seed: int | None
    draws: dict = field(default_factory=dict, repr=False)
    spec: SystemSpec | None = field(default=None, repr=False)

    def to_dict(self) -> dict:
        """The JSON contract: total, results, materials, assumptions (+ notes, samples, sensitivity)."""
        def clean(v):
            if isinstance(v, float) and not math.isfinite(v):
                return None
            return v

        total = {r.criterion: {k: clean(getattr(r, k)) for k in ("value", "p5", "p50", "p95", "unit")}
                 for r in self.total.itertuples()}
        recs = lambda df: [{k: clean(v) for k, v in rec.items()} for rec in df.to_dict(orient="records")]
        return {
            "name": self.name,
            "samples": self.samples,
            "seed": self.seed,
            "total": total,
            "results": recs(self.results),
            "materials": recs(self.materials),
            "assumptions": recs(self.assumptions),
            "sensitivity": recs(self.sensitivity),
            "notes": list(self.notes),
        }

    def to_json(self, **kw) -> str:
        return json.dumps(self.to_dict(), **kw)


def _aggregate(rows) -> dict:
    out: dict = {}
    for r in rows:
        key = (r.stage, r.phase, r.component, r.criterion)
        out[key] = out[key] + r.value if key in out else r.value
    return out


def _spec(spec) -> SystemSpec:
    if isinstance(spec, SystemSpec):
        return spec
    if isinstance(spec, dict):
        return parse_spec(spec)
    return load_spec(spec)


def estimate(
    spec: SystemSpec | dict | str,
    samples: int = 0,
    seed: int | None = None,
    registry: FactorRegistry | None = None,
    sensitivity: bool = False,
    sensitivity_samples: int = 1024,
    progress=None,
) -> Estimate:
    """Estimate the footprint of a system end to end.

    Parameters
    ----------
    spec : SystemSpec, dict, or path of a TOML file
    samples : int
        Monte Carlo draws (0: point estimate only; p5/p95 then equal the value).
    seed : int, optional
        Seed of the random generator; the same seed gives the same draws.
    sensitivity : bool
        Rank the uncertain factors by their Sobol total-order index [share of variance] of each
        criterion's total (``scipy.stats.sobol_indices``, Saltelli 2010 estimator).
    progress : callable(done, total), optional
        Called after each Monte Carlo chunk.

    Returns
    -------
    Estimate
    """
    import pandas as pd

    sp = _spec(spec)
    if samples < 0:
        raise SpecError(f"samples must be >= 0, got {samples}")
    reg = registry or load_factors()
    rows, mats, ctx, _ = build(sp, reg)
    point = _aggregate(rows)
    point_mats = dict(mats)
    params = ctx.source.params

    quants: dict = {}
    tot_q: dict = {}
    mat_q: dict = {}
    draws_total: dict = {}
    if samples:
        rng = np.random.default_rng(seed)
        done = 0
        while done < samples:
            n = min(CHUNK, samples - done)
            src = DrawSource(n, rng)
            r2, m2, _, _ = build(sp, reg, src)
            agg = _aggregate(r2)
            totals: dict = {}
            for key, v in agg.items():
                arr = np.broadcast_to(np.asarray(v, dtype=float), (n,))
                quants.setdefault(key, _Quantiles()).add(arr)
                totals[key[3]] = totals.get(key[3], 0.0) + arr
            for c, arr in totals.items():
                tot_q.setdefault(c, _Quantiles()).add(np.broadcast_to(arr, (n,)))
                if done == 0:
                    draws_total[c] = np.asarray(arr)[: min(n, 100_000)].copy()
            for m, v in m2.items():
                mat_q.setdefault(m, _Quantiles()).add(np.broadcast_to(np.asarray(v, dtype=float), (n,)))
            done += n
            if progress:
                progress(done, samples)

    def pct(qs, key, value):
        if key in qs:
            return qs[key].percentiles()
        return (value, value, value)

    recs = []
    for key, v in point.items():
        p5, _, p95 = pct(quants, key, float(v))
        stage, phase, comp, crit = key
        recs.append(dict(stage=stage, phase=phase, component=comp, criterion=crit, value=float(v),
                         p5=p5, p95=p95, unit=CRITERIA[crit]))
    order = {s: i for i, s in enumerate(STAGES)}
    results = pd.DataFrame.from_records(recs, columns=["stage", "phase", "component", "criterion", "value", "p5", "p95", "unit"])
    if len(results):
        results = results.sort_values(["stage", "phase", "component", "criterion"], key=lambda s: s.map(order) if s.name == "stage" else s).reset_index(drop=True)

    trecs = []
    for c, unit in CRITERIA.items():
        v = float(sum(float(val) for key, val in point.items() if key[3] == c))
        p5, p50, p95 = pct(tot_q, c, v)
        trecs.append(dict(criterion=c, value=v, p5=p5, p50=p50, p95=p95, unit=unit))
    total = pd.DataFrame.from_records(trecs)

    mrecs = []
    for m, kg in sorted(point_mats.items(), key=lambda kv: -float(kv[1])):
        p5, _, p95 = pct(mat_q, m, float(kg))
        mrecs.append(dict(material=m, kg=float(kg), p5=p5, p95=p95, main_producers=_producers(reg, m)))
    materials = pd.DataFrame.from_records(mrecs, columns=["material", "kg", "p5", "p95", "main_producers"])

    arecs = []
    for p in params.values():
        i = p.info
        arecs.append(dict(factor_id=p.name, value=p.value, unit=i["unit"], low=p.low, high=p.high,
                          distribution=p.distribution, source=i["source"], year=i["year"], license=i["license"],
                          url=i["url"], fallback_level=i["fallback_level"], note=i["note"]))
    assumptions = pd.DataFrame.from_records(arecs)

    sens = _sensitivity(sp, reg, params, sensitivity_samples, seed) if sensitivity else pd.DataFrame(
        columns=["criterion", "factor_id", "first_order", "total_order"])
    return Estimate(sp.name, results, total, materials, assumptions, sens, list(ctx.notes), samples, seed, draws_total, sp)


def _producers(reg: FactorRegistry, material: str) -> list[dict]:
    if "material_producers" not in reg.tables:
        return []
    rows = [f for f in reg.rows("material_producers") if f.keys.get("material") == material]
    stages = {f.keys.get("stage") for f in rows}
    stage = "mine" if "mine" in stages else (sorted(stages)[0] if stages else None)
    picked = sorted((f for f in rows if f.keys.get("stage") == stage and f.keys.get("country") != "OTHER"),
                    key=lambda f: -f.value)
    return [{"country": f.keys["country"], "share": f.value, "stage": stage, "year": f.year} for f in picked[:3]]


def _sensitivity(sp, reg, params, n: int, seed):
    """Sobol first- and total-order indices of each criterion's total against the uncertain factors."""
    import pandas as pd
    from scipy.stats import sobol_indices

    uncertain = [p for p in params.values() if p.uncertain]
    names = [p.name for p in uncertain]
    crits = list(CRITERIA)
    if not uncertain:
        return pd.DataFrame(columns=["criterion", "factor_id", "first_order", "total_order"])

    def func(x):
        rows, _, _, _ = build(sp, reg, MatrixSource(names, x))
        out = np.zeros((len(crits), x.shape[1]))
        for r in rows:
            out[crits.index(r.criterion)] += np.broadcast_to(np.asarray(r.value, dtype=float), (x.shape[1],))
        return out

    n2 = 1 << max(int(math.log2(max(n, 64))), 6)
    res = sobol_indices(func=func, n=n2, dists=[p.scipy() for p in uncertain], rng=np.random.default_rng(seed))
    recs = []
    for ci, c in enumerate(crits):
        for pi, name in enumerate(names):
            s1, st = float(res.first_order[ci, pi]), float(res.total_order[ci, pi])
            if np.isfinite(st):
                recs.append(dict(criterion=c, factor_id=name, first_order=s1, total_order=st))
    df = pd.DataFrame.from_records(recs)
    if len(df):
        df = df.sort_values(["criterion", "total_order"], ascending=[True, False]).reset_index(drop=True)
    return df
