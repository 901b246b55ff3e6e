"""Variance-based sensitivity: which uncertain factors drive each total.

Sobol first- and total-order indices of each criterion's total against every uncertain parameter, with
:func:`scipy.stats.sobol_indices` (Saltelli et al. 2010 estimator, "Variance based sensitivity analysis of model
output", Comput. Phys. Commun. 181:259), over the same distributions as the Monte Carlo draws
(:meth:`footprint.uncertainty.Param.scipy`) and the same evaluation.
"""

from __future__ import annotations

import math

import numpy as np

from ..uncertainty import MatrixSource
from ..units import CRITERIA
from .evaluate import evaluate

__all__ = ["sobol", "COLUMNS"]

COLUMNS = ["criterion", "factor_id", "first_order", "total_order"]


def sobol(system, params, n: int = 1024, seed=None):
    """Sobol indices [share of variance] of each criterion's total (pandas DataFrame: criterion, factor_id,
    first_order, total_order; sorted by total order within each criterion).

    ``params``: the parameters of the system (uncertain ones are analysed); ``n``: base sample size (rounded down
    to a power of 2, at least 64).
    """
    import pandas as pd
    from scipy.stats import sobol_indices

    uncertain = [p for p in params if p.uncertain]
    if not uncertain:
        return pd.DataFrame(columns=COLUMNS)
    names = [p.name for p in uncertain]
    crits = list(CRITERIA)

    def func(x):
        rows, _ = evaluate(system, MatrixSource(names, x), metal_fates=False)
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
    df = pd.DataFrame.from_records(recs, columns=COLUMNS)
    if len(df):
        df = df.sort_values(["criterion", "total_order"], ascending=[True, False]).reset_index(drop=True)
    return df
