"""From a system spec to impacts per stage, phase, component and criterion, with uncertainty.

:func:`estimate` runs the inventory once with point values, then (``samples > 0``) with Monte Carlo
draws of every uncertain factor, in chunks of at most :data:`CHUNK` draws evaluated by
:data:`THREADS` threads, so that memory stays bounded. Percentiles are exact up to one chunk; beyond it
they come from a fine histogram (:class:`_Quantiles`, resolution 3/20000 of the range seen in the
first chunk).
"""

from __future__ import annotations

import contextvars
import json
import math
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import SpecError
from .inventory import STAGES, WATER_FLOWS, build
from .registry import FactorRegistry, load_factors
from .spec import SystemSpec, load_spec, parse_spec
from .uncertainty import DrawSource, MatrixSource
from .units import CRITERIA

__all__ = ["Estimate", "estimate", "CHUNK"]

#: Draws evaluated at once [draws]: small enough for the arrays of one chunk to stay in cache,
#: large enough for numpy to amortise Python's overhead (a build costs about 4 ms of Python).
CHUNK = 131_072

#: Smallest chunk when a run is split so that every thread has work [draws]. Chunk sizes depend on
#: the number of draws only (a quarter of them, between MIN_CHUNK and CHUNK), never on the number of
#: threads, so that a seed gives the same result on every machine.
MIN_CHUNK = 16_384

#: Threads that evaluate chunks in parallel (numpy releases the GIL in its array loops).
THREADS = max(1, min(4, os.cpu_count() or 1))


class _Quantiles:
    """p5/p50/p95 of a stream of draws: exact within the first chunk; past it, a histogram.

    The histogram spans the first chunk's range widened by that range on each side, in :data:`BINS`
    bins (resolution 3 x range / 20,000); draws outside it count in the end bins, which moves no
    percentile between the 0.1st and the 99.9th.
    """

    BINS = 20_000

    def __init__(self, first: np.ndarray):
        self.exact = np.asarray(first, dtype=np.float64)
        fmin, fmax = float(self.exact.min()), float(self.exact.max())
        span = (fmax - fmin) or max(abs(fmax), 1e-12)
        self.lo, self.hi = fmin - span, fmax + span
        self.hist: np.ndarray | None = None

    def counts(self, x: np.ndarray) -> np.ndarray:
        """Histogram counts of ``x`` on this object's bins [int64, BINS]: bin = (x - lo) / width,
        computed in float32 (an error of 0.002 bin at most) and clipped to the end bins."""
        scale = self.BINS / (self.hi - self.lo)
        idx = np.multiply(x, np.float32(scale), dtype=np.float32)
        idx -= np.float32(self.lo * scale)
        np.clip(idx, 0, self.BINS - 1, out=idx)
        return np.bincount(idx.astype(np.intp), minlength=self.BINS)

    def add(self, x: np.ndarray) -> None:
        self.add_counts(self.counts(x))

    def add_counts(self, c: np.ndarray) -> None:
        if self.hist is None:
            self.hist = self.counts(self.exact)
        self.hist += c

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


def _chunk_arrays(sp, reg, n: int, rng: np.random.Generator) -> dict:
    """One chunk of ``n`` draws: {("row", stage, phase, component, criterion) | ("total", criterion) |
    ("material", name) | ("water", flow): float32 array of n draws}. A quantity that depends on no
    uncertain factor stays out (its percentiles are its value, exactly)."""
    rows, mats, _, _ = build(sp, reg, DrawSource(n, rng))
    out: dict = {}

    def put(key, v):
        if np.ndim(v):
            out[key] = np.broadcast_to(np.asarray(v, dtype=np.float32), (n,))

    for flow, v in _water_flows(rows).items():
        put(("water", flow), v)
    totals: dict = {}
    for key, v in _aggregate(rows).items():
        put(("row", *key), v)
        totals[key[3]] = totals[key[3]] + v if key[3] in totals else v
    for c, v in totals.items():
        put(("total", c), v)
    for m, v in mats.items():
        put(("material", m), v)
    return out


def _monte_carlo(sp, reg, samples: int, seed, progress=None) -> tuple[dict, dict]:
    """Percentiles of every row, total and material over ``samples`` draws, chunk by chunk.

    Chunk ``i`` draws from its own generator, spawned from ``SeedSequence(seed)``, so the result
    depends on the seed and :data:`CHUNK` only, not on the number of threads or their timing. The first
    chunk gives exact percentiles and the histogram ranges; the others are evaluated in parallel and
    binned by their own thread (after the first one has fixed the ranges). Memory holds at most
    ``THREADS + 1`` chunks.

    Returns ({key: _Quantiles}, {criterion: the first draws (at most 100,000) of the total})
    """
    import threading
    from concurrent.futures import ThreadPoolExecutor

    size = min(CHUNK, max(MIN_CHUNK, -(-samples // 4)))
    sizes = [min(size, samples - i) for i in range(0, samples, size)]
    rngs = [np.random.Generator(np.random.PCG64(s)) for s in np.random.SeedSequence(seed).spawn(len(sizes))]
    quants: dict = {}
    ready = threading.Event()  # set once the first chunk has fixed the histogram ranges

    def work(i):
        arrays = _chunk_arrays(sp, reg, sizes[i], rngs[i])
        if i == 0:
            return arrays
        ready.wait()
        return {key: quants[key].counts(arr) for key, arr in arrays.items() if key in quants}

    draws: dict = {}
    done = 0
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        pending = []
        nxt = 0
        try:
            while nxt < len(sizes) or pending:
                while nxt < len(sizes) and len(pending) < THREADS + 1:
                    # each chunk runs in a copy of this thread's context (e.g. the ledger of `--ledger`)
                    pending.append((nxt, pool.submit(contextvars.copy_context().run, work, nxt)))
                    nxt += 1
                i, fut = pending.pop(0)
                if i == 0:
                    for key, arr in fut.result().items():
                        quants[key] = _Quantiles(arr)
                        if key[0] == "total":
                            draws[key[1]] = np.array(arr[:100_000], dtype=np.float64)
                    ready.set()
                else:
                    for key, c in fut.result().items():
                        quants[key].add_counts(c)
                done += sizes[i]
                if progress:
                    progress(done, samples)
        finally:
            ready.set()  # never leave a worker waiting (e.g. when the first chunk raised)
    return quants, draws


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
    water : flow, value, p5, p50, p95, unit -- water [L] by where it is consumed: onsite_cooling (IT
        energy x WUE), offsite_electricity (energy at the meter x electricity water intensity),
        chip_fabrication, metal_extraction; the flows add up to the water total
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
    water: Any = None

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
            "water_flows": recs(self.water) if self.water is not None else [],
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


def _water_flows(rows) -> dict:
    """Water [L] summed by flow (on-site cooling, off-site electricity, chip fabrication, metal extraction)."""
    out: dict = {}
    for r in rows:
        if r.criterion == "water" and r.flow:
            out[r.flow] = out[r.flow] + r.value if r.flow in out else r.value
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
    point_water = _water_flows(rows)
    point_mats = dict(mats)
    params = ctx.source.params

    quants: dict = {}
    draws_total: dict = {}
    if samples:
        quants, draws_total = _monte_carlo(sp, reg, samples, seed, progress)

    def pct(qs, key, value):
        if key in qs:
            return qs[key].percentiles()
        return (value, value, value)

    recs = []
    for key, v in point.items():
        p5, _, p95 = pct(quants, ("row", *key), float(v))
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
        p5, p50, p95 = pct(quants, ("total", c), v)
        trecs.append(dict(criterion=c, value=v, p5=p5, p50=p50, p95=p95, unit=unit))
        if samples and c not in draws_total:  # a total without uncertain factors: its draws are its value
            draws_total[c] = np.full(min(samples, 100_000), v)
    total = pd.DataFrame.from_records(trecs)

    mrecs = []
    for m, kg in sorted(point_mats.items(), key=lambda kv: -float(kv[1])):
        p5, _, p95 = pct(quants, ("material", m), float(kg))
        mrecs.append(dict(material=m, kg=float(kg), p5=p5, p95=p95, main_producers=_producers(reg, m)))
    materials = pd.DataFrame.from_records(mrecs, columns=["material", "kg", "p5", "p95", "main_producers"])

    wrecs = []
    for flow in WATER_FLOWS:
        v = float(point_water.get(flow, 0.0))
        p5, p50, p95 = pct(quants, ("water", flow), v)
        wrecs.append(dict(flow=flow, value=v, p5=p5, p50=p50, p95=p95, unit=CRITERIA["water"]))
    water = pd.DataFrame.from_records(wrecs, columns=["flow", "value", "p5", "p50", "p95", "unit"])

    arecs = []
    for p in params.values():
        i = p.info
        arecs.append(dict(factor_id=p.name, value=p.value, unit=i["unit"], low=p.low, high=p.high,
                          distribution=p.distribution, source=i["source"], year=i["year"], license=i["license"],
                          url=i["url"], fallback_level=i["fallback_level"], note=i["note"]))
    assumptions = pd.DataFrame.from_records(arecs)

    sens = _sensitivity(sp, reg, params, sensitivity_samples, seed) if sensitivity else pd.DataFrame(
        columns=["criterion", "factor_id", "first_order", "total_order"])
    return Estimate(sp.name, results, total, materials, assumptions, sens, list(ctx.notes), samples, seed, draws_total, sp,
                    water)


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
