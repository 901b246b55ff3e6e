"""Pooled estimates from published measurements of accelerators (power shares, model FLOPs utilisation).

A quantity measured on some accelerators is estimated for another from a ladder of groups
(factors/accelerator_families.csv):

    exact family (nvidia-a100) -> architecture generation (nvidia-ampere) -> vendor (nvidia) -> all accelerators

and, at the first level that has measurements, a lognormal random-effects predictive interval for one new run. In
log space, with x = ln(value), and measurements grouped by the study they come from (runs of one study share its
site, meters and habits; a user's own cluster is a study the tables have not seen):

- family level (n measurements from k studies, n_s from study s, study means m_s):
  - within-study variance s^2 = (nu0 s0^2 + SS_w) / (nu0 + n - k), SS_w the sum of squared deviations from the
    study means, shrunk towards a prior s0^2: the median within-study variance over every study with two
    measurements or more (a typical run-to-run spread), counted as nu0 = :data:`PRIOR_RUNS` runs;
  - between-study variance tau^2 (the same for every family; :func:`between_study_variance`);
  - centre mu = sum(w_s m_s) / sum(w_s), w_s = 1 / (tau^2 + s^2 / n_s) (the random-effects mean);
  - scale sqrt(tau^2 + s^2 + 1 / sum(w_s)) (a new run of a new study, and the uncertainty of mu); df = nu0 + n - k,
    the degrees of freedom of s^2. tau^2 is not credited with its own (pooled over families, 11 in the shipped
    tables): it is one value for every family, and a family's studies may differ more (crediting them, as a
    Welch-Satterthwaite df would, narrows the ranges and leaves fewer runs of unseen studies inside:
    docs/calibration.md);
  with one study and tau^2 = 0 this is the normal-inverse-chi-square predictive interval: centre mean(x), scale
  s sqrt(1 + 1/n), df = nu0 + n - 1; when every study has one run (k = n), s^2 = s0^2 and df = nu0 however many
  studies there are (their spread enters through tau^2, not through s^2);
- lower levels (k families): centre the mean of the families' random-effects means, scale
  sqrt(s0^2 + s_b^2) sqrt(1 + 1/k), s_b^2 a between-family variance (method of moments, never below 0; it holds
  the study effects of single-study families): the caller's, e.g. that of sibling families of one generation
  for the generation level (:mod:`.power`); df = nu0 + k - 1;
- 90% interval: centre +/- t(0.95, df) x scale (Student's t: few measurements give wider ranges); the lognormal's
  median is exp(centre).

References: the random-effects predictive interval of meta-analysis (Higgins, Thompson & Spiegelhalter 2009,
J. R. Stat. Soc. A 172:137); three-level meta-analysis, runs nested in studies (Konstantopoulos 2011, Research
Synthesis Methods 2:61); the variance shrunk towards a pooled prior as in a normal-inverse-chi-square model.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..errors import SpecError

__all__ = ["PRIOR_RUNS", "LEVELS", "Pooled", "family_of", "ladder", "prior_variance", "between_variance",
           "between_study_variance", "pool"]

#: How many runs the prior within-study variance counts as, when a family's own variance is shrunk towards it:
#: enough to keep a family of one or two measurements from a range of zero width, little enough that a family's
#: own spread dominates once it has a few runs. Set at 2 before the calibration benchmark existed and not re-chosen
#: on its runs: a rule choosing it by leave-one-out coverage picks 4, whose ranges then cover far fewer runs of
#: studies they have not seen (benchmarks/calibration.py, docs/calibration.md).
PRIOR_RUNS = 2

#: The rungs of the ladder, most specific first.
LEVELS = ("family", "generation", "vendor", "all")


@dataclass(frozen=True)
class Pooled:
    """A pooled lognormal estimate: its median and 90% interval, the level and group it comes from."""

    level: str
    group: str
    median: float
    low: float
    high: float
    n: int  # measurements (family level) or families (lower levels) pooled


def _t95(df: float) -> float:
    from scipy.stats import t

    return float(t.ppf(0.95, max(df, 1.0)))


def family_of(reg, accelerator_id: str, hint: str) -> dict[str, str]:
    """{"family", "generation", "vendor"} of an accelerator (accelerator_families.csv); a SpecError ending with
    ``hint`` (what to give instead) when the accelerator has no row."""
    for f in reg.rows("accelerator_families"):
        if f.keys["accelerator"] == accelerator_id:
            return {k: f.keys[k] for k in ("family", "generation", "vendor")}
    raise SpecError(f"accelerator {accelerator_id!r} has no row in accelerator_families.csv; {hint}")


def ladder(reg, accelerator_id: str, hint: str) -> list[tuple[str, str, Callable[[str], bool]]]:
    """[(level, group, does a measurement of this family belong?)] for :data:`LEVELS`, most specific first
    (``hint``: see :func:`family_of`)."""
    fam = family_of(reg, accelerator_id, hint)
    members: dict[str, dict[str, set]] = {}
    for f in reg.rows("accelerator_families"):
        m = members.setdefault(f.keys["family"], {"generation": set(), "vendor": set()})
        m["generation"].add(f.keys["generation"])
        m["vendor"].add(f.keys["vendor"])
    of = lambda family, key: members.get(family, {}).get(key, set())  # noqa: E731
    return [("family", fam["family"], lambda family: family == fam["family"]),
            ("generation", fam["generation"], lambda family: fam["generation"] in of(family, "generation")),
            ("vendor", fam["vendor"], lambda family: fam["vendor"] in of(family, "vendor")),
            ("all", "all accelerators", lambda family: True)]


def _var(xs: Sequence[float]) -> float:
    m = sum(xs) / len(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)


def prior_variance(groups: Sequence[Sequence[float]], default: float = 0.1 ** 2) -> float:
    """s0^2: the median within-group variance of log values over the groups with two values or more."""
    within = sorted(_var(xs) for xs in groups if len(xs) > 1)
    if not within:
        return default
    mid = len(within) // 2
    return within[mid] if len(within) % 2 else (within[mid - 1] + within[mid]) / 2


def between_variance(families: Sequence[Sequence[float]], s02: float) -> float:
    """s_b^2: the variance of the family means less the within-family part (method of moments, never below 0);
    s0^2 when there are fewer than two families."""
    means = [sum(xs) / len(xs) for xs in families]
    if len(means) < 2:
        return s02
    return max(_var(means) - sum(s02 / len(xs) for xs in families) / len(families), 0.0)


def between_study_variance(families: Sequence[Mapping[str, Sequence[float]]], s02: float) -> float:
    """tau^2: the variance between the studies of one family, pooled over every family measured by two studies or
    more: per family, the variance of its study means less their within-study part (mean of s0^2 / n_s), weighted
    by k - 1 (method of moments); never below 0; 0 when no family has two studies."""
    num = den = 0.0
    for studies in families:
        groups = [xs for xs in studies.values() if xs]
        if len(groups) < 2:
            continue
        means = [sum(xs) / len(xs) for xs in groups]
        k = len(groups)
        num += (k - 1) * (_var(means) - sum(s02 / len(xs) for xs in groups) / k)
        den += k - 1
    return max(num / den, 0.0) if den else 0.0


def _study_pooled(xs: Sequence[float], sts: Sequence[str], s02: float,
                  tau2: float) -> tuple[float, float, float, int]:
    """(random-effects mean, within-study variance s^2, variance of the mean, degrees of freedom of s^2) of one
    family's log values ``xs`` from studies ``sts`` (module docstring)."""
    by_study: dict = {}
    for x, st in zip(xs, sts):
        by_study.setdefault(st, []).append(x)
    n, k = len(xs), len(by_study)
    means = {st: sum(v) / len(v) for st, v in by_study.items()}
    ss_w = sum((x - means[st]) ** 2 for st, v in by_study.items() for x in v)
    s2 = max((PRIOR_RUNS * s02 + ss_w) / (PRIOR_RUNS + n - k), 1e-12)  # identical values, no prior spread
    weights = {st: 1 / (tau2 + s2 / len(v)) for st, v in by_study.items()}
    total = sum(weights.values())
    return sum(weights[st] * means[st] for st in by_study) / total, s2, 1 / total, PRIOR_RUNS + n - k


def pool(by_family: Mapping[str, Sequence[float]], level: str, group: str, s02: float, sb2: float,
         tau2: float = 0.0, studies: Mapping[str, Sequence[str]] | None = None) -> Pooled:
    """The pooled estimate of log values ``by_family`` {family: [ln value, ...]} at ``level`` (module docstring);
    ``studies`` {family: [study of each value]} (default: one study per family) and ``tau2`` the between-study
    variance."""
    sts = {fam: (studies[fam] if studies else [fam] * len(xs)) for fam, xs in by_family.items()}
    if level == "family":
        xs = [x for v in by_family.values() for x in v]
        st = [s for fam in by_family for s in sts[fam]]
        mean, s2, var_mean, df = _study_pooled(xs, st, s02, tau2)
        n = len(xs)
        half = _t95(df) * math.sqrt(tau2 + s2 + var_mean)
    else:
        means = [_study_pooled(xs, sts[fam], s02, tau2)[0] for fam, xs in by_family.items()]
        n = len(means)
        mean = sum(means) / n
        half = _t95(PRIOR_RUNS + n - 1) * math.sqrt((s02 + sb2) * (1 + 1 / n))
    return Pooled(level, group, math.exp(mean), math.exp(mean - half), math.exp(mean + half), n)
