"""The one Monte Carlo engine of footprint: estimate, compare and the catalogue's ranges all come from it.

:func:`simulate` evaluates a model on ``samples`` draws in chunks of at most :data:`CHUNK` draws, on :data:`THREADS`
threads. Chunk ``i`` draws from its own generator spawned from ``numpy.random.SeedSequence(seed)``, and chunk sizes
depend on the number of draws only, so a seed gives the same result whatever the number of threads. The model
returns, per chunk, a dict of named quantities (arrays of the chunk's draws, optionally with a trailing axis of
scenarios); percentiles are exact within the first chunk and come from a fine histogram beyond it
(:class:`Quantiles`), so memory stays bounded. Sums (a phase, a component, a stage, the total) are quantities of
their own, computed from summed draws in each chunk (:func:`aggregate`): the percentiles of a sum are never sums of
percentiles.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import numpy as np

from ..uncertainty import DrawSource

__all__ = ["CHUNK", "MIN_CHUNK", "THREADS", "KEEP_DRAWS", "Quantiles", "simulate", "aggregate", "chunk_sizes"]

#: Draws evaluated at once [draws]: small enough for one chunk's arrays to stay in cache, large enough for numpy
#: to amortise Python's overhead (an evaluation costs a few ms of Python).
CHUNK = 131_072

#: Smallest chunk when a run is split so that every thread has work [draws].
MIN_CHUNK = 16_384

#: Threads that evaluate chunks in parallel (numpy releases the GIL in its array loops).
THREADS = max(1, min(4, os.cpu_count() or 1))

#: Draws kept of each sum (totals, phases, components, stages) for figures and sums of sums [draws].
KEEP_DRAWS = 100_000


class Quantiles:
    """p5/p50/p95 of a stream of draws along axis 0 (any trailing shape, e.g. scenarios): exact within the first
    chunk; past it, a histogram per column spanning the first chunk's range widened by that range on each side, in
    :data:`BINS` bins (resolution 3 x range / 20,000). Draws outside it count in the end bins, which moves no
    percentile between the 0.1st and the 99.9th."""

    BINS = 20_000

    def __init__(self, first: np.ndarray):
        self.exact = np.asarray(first, dtype=np.float64)
        fmin, fmax = self.exact.min(axis=0), self.exact.max(axis=0)
        span = fmax - fmin
        span = np.where(span > 0, span, np.maximum(np.abs(fmax), 1e-12))
        self.lo, self.hi = fmin - span, fmax + span
        self.hist: np.ndarray | None = None

    def counts(self, x: np.ndarray) -> np.ndarray:
        """Histogram counts of ``x`` [int64, (*trailing shape, BINS)]: bin = (x - lo) / width, computed in float32
        (an error of 0.002 bin at most) and clipped to the end bins."""
        scale = self.BINS / (self.hi - self.lo)
        if np.ndim(self.lo) == 0:  # a stream of scalars: one histogram
            idx = np.multiply(x, np.float32(scale), dtype=np.float32)
            idx -= np.float32(self.lo * scale)
            np.clip(idx, 0, self.BINS - 1, out=idx)
            return np.bincount(idx.astype(np.intp), minlength=self.BINS)
        idx = np.multiply(x, scale.astype(np.float32), dtype=np.float32)
        idx -= (self.lo * scale).astype(np.float32)
        np.clip(idx, 0, self.BINS - 1, out=idx)
        cols = self.lo.size
        flat = idx.astype(np.intp).reshape(len(idx), cols) + np.arange(cols) * self.BINS
        return np.bincount(flat.ravel(), minlength=cols * self.BINS).reshape(*self.lo.shape, self.BINS)

    def add(self, x: np.ndarray) -> None:
        self.add_counts(self.counts(x))

    def add_counts(self, c: np.ndarray) -> None:
        if self.hist is None:
            self.hist = self.counts(self.exact.astype(np.float32))
        self.hist += c

    def percentiles(self, q=(5, 50, 95)) -> tuple:
        """The percentiles ``q`` [the quantity's unit]: floats for a stream of scalars, arrays for columns."""
        if self.hist is None:
            out = np.percentile(self.exact, q, axis=0)
        else:
            hist = self.hist.reshape(-1, self.BINS)
            cum = np.cumsum(hist, axis=1) / hist.sum(axis=1, keepdims=True)
            lo, hi = np.ravel(self.lo), np.ravel(self.hi)
            width = (hi - lo) / self.BINS
            out = np.empty((len(q), len(lo)))
            for k, p in enumerate(q):
                f = p / 100.0
                i = np.minimum((cum < f).sum(axis=1), self.BINS - 1)  # numpy.searchsorted(row, f) per row
                prev = np.where(i > 0, cum[np.arange(len(lo)), i - 1], 0.0)
                frac = (f - prev) / np.maximum(cum[np.arange(len(lo)), i] - prev, 1e-300)
                out[k] = lo + (i + frac) * width
            out = out.reshape(len(q), *np.shape(self.lo))
        return tuple(float(x) if np.ndim(x) == 0 else x for x in out)


def chunk_sizes(samples: int) -> list[int]:
    """The chunk sizes of ``samples`` draws: a quarter of the draws each, between MIN_CHUNK and CHUNK."""
    size = min(CHUNK, max(MIN_CHUNK, -(-samples // 4)))
    return [min(size, samples - i) for i in range(0, samples, size)]


def simulate(model: Callable[[DrawSource], dict], samples: int, seed=None, progress=None,
             keep: Callable[[tuple], bool] = lambda key: False, source=DrawSource) -> tuple[dict, dict]:
    """Percentiles of every quantity ``model`` returns, over ``samples`` draws.

    Parameters
    ----------
    model : callable(DrawSource) -> {key: array}
        Evaluates the model with a source of ``n`` draws per uncertain parameter; each array has the chunk's draws
        on axis 0. A quantity that depends on no uncertain parameter may be left out (its percentiles are its value).
    samples : int
        Number of draws (> 0).
    seed : int, optional
    progress : callable(done, total), optional
        Called after each chunk.
    keep : callable(key) -> bool
        Which quantities keep their first :data:`KEEP_DRAWS` draws (float32).
    source : callable(n, rng) -> DrawSource
        Builds each chunk's parameter source (default :class:`~footprint.uncertainty.DrawSource`; scenarios add an
        axis of scenario values to it).

    Returns
    -------
    ({key: Quantiles}, {key: kept draws})
    """
    from concurrent.futures import ThreadPoolExecutor

    sizes = chunk_sizes(samples)
    rngs = [np.random.Generator(np.random.PCG64(s)) for s in np.random.SeedSequence(seed).spawn(len(sizes))]
    quants: dict = {}
    ready = threading.Event()  # set once the first chunk has fixed the histogram ranges

    def work(i):
        arrays = model(source(sizes[i], rngs[i]))
        if i == 0:
            return arrays
        ready.wait()
        return {key: quants[key].counts(arr) for key, arr in arrays.items() if key in quants}

    drawn: dict = {}
    done = 0
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        pending: list = []
        nxt = 0
        try:
            while nxt < len(sizes) or pending:
                while nxt < len(sizes) and len(pending) < THREADS + 1:
                    pending.append((nxt, pool.submit(work, nxt)))
                    nxt += 1
                i, fut = pending.pop(0)
                if i == 0:
                    for key, arr in fut.result().items():
                        quants[key] = Quantiles(arr)
                        if keep(key):
                            drawn[key] = np.array(arr[:KEEP_DRAWS], dtype=np.float32)
                    ready.set()
                else:
                    for key, c in fut.result().items():
                        quants[key].add_counts(c)
                done += sizes[i]
                if progress:
                    progress(done, samples)
        finally:
            ready.set()  # never leave a worker waiting (e.g. when the first chunk raised)
    return quants, drawn


def aggregate(rows, materials) -> dict:
    """The quantities footprint reports, from one evaluation (point values or draws alike):

    ``("row", stage, phase, component, criterion)``, ``("total", criterion)``, ``("stage", stage, criterion)``,
    ``("phase", phase, criterion)`` (use stage), ``("component", component, criterion)`` (all stages),
    ``("water", flow)``, ``("material", metal)`` (content) and ``("recovered", metal)`` (back at end of life), ``("rock", metal)`` (rock moved to mine it):
    each the sum of the rows it names.
    """
    out: dict = {}

    def add(key, v):
        out[key] = out[key] + v if key in out else v

    for r in rows:
        add(("row", r.stage, r.phase, r.component, r.criterion), r.value)
        add(("total", r.criterion), r.value)
        add(("stage", r.stage, r.criterion), r.value)
        add(("component", r.component, r.criterion), r.value)
        if r.stage == "use":
            add(("phase", r.phase, r.criterion), r.value)
        if r.criterion == "water" and r.flow:
            add(("water", r.flow), r.value)
    for (m, fate), kg in materials.items():
        add(("material" if fate == "content" else fate, m), kg)
    return out
