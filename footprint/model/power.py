"""The power model: a phase's average power per accelerator from measured runs (factors/power_draw.csv).

Each row of power_draw.csv is one published measurement: the average power per accelerator of a run (or of a
published set of runs) as a share of the accelerator's TDP, either including the accelerator's share of its host
(``system_power_share``: CPU, memory, network, fans) or of the accelerator alone (``power_share``). A phase given
without power takes the pooled measurements of a ladder of groups (factors/accelerator_families.csv):

    exact family (nvidia-a100) -> architecture generation (nvidia-ampere) -> vendor (nvidia) -> all accelerators

At the first level that has measurements for the workload (finetuning falls back to pretraining at the same level),
host-inclusive shares are used when there are any (the phase's IT power is then TDP x system share), else
accelerator shares plus a host share (power_draw.csv host rows by node). Every step down is a note.

The share is lognormal; in log space, with x_i = ln(share_i) of the n measurements of the group used
(a random-effects predictive interval for one new run):

- family level: centre mean(x), scale s sqrt(1 + 1/n), where s^2 = (nu0 s0^2 + (n - 1) var(x)) / (nu0 + n - 1)
  shrinks the family's own variance towards a prior s0^2, the median within-family variance over every family with
  two measurements or more (a typical run-to-run spread), counted as nu0 = :data:`PRIOR_RUNS` runs;
  df = nu0 + n - 1;
- lower levels: centre the mean of the family means, scale sqrt(s0^2 + s_b^2) sqrt(1 + 1/k) over k families,
  s_b^2 the between-family variance of that scope and workload class (method of moments, never below 0);
  df = nu0 + k - 1;
- 90% interval: centre +/- t(0.95, df) x scale (Student's t: few measurements give wider ranges), the lognormal's
  5th and 95th percentiles; its median is exp(centre).

Measurements can be left out (``exclude``): the calibration benchmark estimates each measured run without its own
measurement (leave-one-out).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import SpecError
from ..uncertainty import Param
from .system import PowerModel, Term, from_factor

__all__ = ["ShareEstimate", "estimate_share", "power_model", "PRIOR_RUNS", "SCOPES"]

#: How many runs the prior within-family variance counts as, when a family's own variance is shrunk towards it:
#: enough to keep a family of one or two measurements from a range of zero width, little enough that a family's
#: own spread dominates once it has a few runs (benchmarks/calibration.py reports the coverage with 2 and 4).
PRIOR_RUNS = 2

#: Quantities of power_draw.csv by scope: host-inclusive per accelerator, or the accelerator alone.
SCOPES = {"system": "system_power_share", "accelerator": "power_share"}

_TRAINING = ("pretraining", "finetuning")


@dataclass(frozen=True)
class ShareEstimate:
    """A pooled power share [ratio of TDP]: its median and 90% interval, and where it comes from."""

    scope: str  # "system" (host included) or "accelerator"
    level: str  # "family", "generation", "vendor" or "all"
    group: str
    workload: str
    median: float
    low: float
    high: float
    measurements: tuple[str, ...]
    factor_ids: tuple[str, ...]

    def describe(self) -> str:
        what = "host-inclusive" if self.scope == "system" else "accelerator-only"
        return (f"{what} {self.workload} power share of {self.group} ({self.level} level: "
                f"{len(self.measurements)} measurement(s)): median {self.median:.3g} x TDP, 90% {self.low:.3g}-{self.high:.3g}")


def _t95(df: float) -> float:
    from scipy.stats import t

    return float(t.ppf(0.95, max(df, 1.0)))


def _families(reg) -> dict[str, dict[str, str]]:
    """{accelerator id: {"family", "generation", "vendor"}} from accelerator_families.csv."""
    return {f.keys["accelerator"]: {k: f.keys[k] for k in ("family", "generation", "vendor")}
            for f in reg.rows("accelerator_families")}


def _rows(reg, exclude) -> list:
    return [f for f in reg.rows("power_draw") if f.quantity in SCOPES.values()
            and f.keys.get("measurement", "") not in exclude]


def _log_groups(rows) -> dict:
    """{(scope, workload class, family): [log share, ...]} of the measurement rows."""
    groups: dict = {}
    for f in rows:
        scope = next(k for k, q in SCOPES.items() if q == f.quantity)
        wl = "inference" if f.keys.get("workload") == "inference" else "training"
        groups.setdefault((scope, wl, f.keys["accelerator_family"]), []).append(math.log(f.value))
    return groups


def _variances(rows, scope: str, workload: str) -> tuple[float, float]:
    """The prior within-family variance s0^2 of log shares (the median over every family with two measurements or
    more, all scopes and workloads: a typical run-to-run spread, robust to one family of very different runs) and
    the between-family variance s_b^2 of the families of ``scope`` and ``workload``'s class (method of moments)."""
    groups = _log_groups(rows)
    var = lambda xs: sum((x - sum(xs) / len(xs)) ** 2 for x in xs) / (len(xs) - 1)
    within = sorted(var(xs) for xs in groups.values() if len(xs) > 1)
    s02 = within[len(within) // 2] if len(within) % 2 else (sum(within[len(within) // 2 - 1: len(within) // 2 + 1]) / 2
                                                             if within else 0.1 ** 2)
    wl = "inference" if workload == "inference" else "training"
    fams = [xs for (sc, w, _), xs in groups.items() if sc == scope and w == wl]
    means = [sum(xs) / len(xs) for xs in fams]
    if len(means) < 2:
        return s02, s02
    mbar = sum(means) / len(means)
    var_means = sum((m - mbar) ** 2 for m in means) / (len(means) - 1)
    return s02, max(var_means - sum(s02 / len(xs) for xs in fams) / len(fams), 0.0)


def estimate_share(reg, accelerator_id: str, workload: str, scope: str | None = None, exclude=()) -> ShareEstimate:
    """The pooled power share of ``accelerator_id`` for ``workload`` (see the module docstring).

    ``scope`` forces "system" or "accelerator" (default: host-inclusive where the level has it); ``exclude`` leaves
    measurements out by their ``measurement`` id. Raises :class:`SpecError` when no level has a measurement.
    """
    fam = _families(reg).get(accelerator_id)
    if fam is None:
        raise SpecError(f"accelerator {accelerator_id!r} has no row in accelerator_families.csv; give "
                        "accelerator_power_w or power_w")
    rows = _rows(reg, set(exclude))
    members = _families(reg)
    of = lambda f, key: {m[key] for a, m in members.items() if m["family"] == f.keys["accelerator_family"]}
    levels = [("family", fam["family"], lambda f: f.keys["accelerator_family"] == fam["family"]),
              ("generation", fam["generation"], lambda f: fam["generation"] in of(f, "generation")),
              ("vendor", fam["vendor"], lambda f: fam["vendor"] in of(f, "vendor")),
              ("all", "all accelerators", lambda f: True)]
    workloads = [workload] + (["pretraining"] if workload == "finetuning" else []) + ["any"]
    scopes = [scope] if scope else ["system", "accelerator"]
    for level, group, member in levels:
        for wl in workloads:
            for sc in scopes:
                hit = [f for f in rows if member(f) and f.quantity == SCOPES[sc] and f.keys.get("workload") == wl]
                if hit:
                    return _pool(rows, hit, sc, level, group, wl)
    raise SpecError(f"power_draw.csv has no measured power share for {workload}; give accelerator_power_w or power_w")


def _pool(rows, hit, scope, level, group, workload) -> ShareEstimate:
    s02, sb2 = _variances(rows, scope, workload)
    if level == "family":
        xs = [math.log(f.value) for f in hit]
        n = len(xs)
        mean = sum(xs) / n
        var = sum((x - mean) ** 2 for x in xs) / (n - 1) if n > 1 else 0.0
        s2 = (PRIOR_RUNS * s02 + (n - 1) * var) / (PRIOR_RUNS + n - 1)
        half = _t95(PRIOR_RUNS + n - 1) * math.sqrt(s2 * (1 + 1 / n))
    else:
        fams: dict = {}
        for f in hit:
            fams.setdefault(f.keys["accelerator_family"], []).append(math.log(f.value))
        means = [sum(xs) / len(xs) for xs in fams.values()]
        k = len(means)
        mean = sum(means) / k
        half = _t95(PRIOR_RUNS + k - 1) * math.sqrt((s02 + sb2) * (1 + 1 / k))
    return ShareEstimate(scope, level, group, workload, math.exp(mean), math.exp(mean - half), math.exp(mean + half),
                         tuple(f.keys.get("measurement", "") for f in hit), tuple(f.factor_id for f in hit))


def _share_param(est: ShareEstimate) -> Param:
    name = f"power.{est.group.replace(' ', '-')}.{est.workload}.{est.scope}_share"
    info = {"factor_id": name, "unit": "ratio", "year": None, "license": "fair-use (facts from publication)",
            "url": "factors/power_draw.csv", "fallback_level": est.level, "kind": "factor",
            "source": f"pooled from {len(est.measurements)} measured run(s) in power_draw.csv: " + ", ".join(est.factor_ids),
            "note": "" if est.level == "family" else f"no measurement for the accelerator's family: {est.level} level"}
    return Param(name, est.median, est.low, est.high, "lognormal", info)


def _host_row(reg, host: str, note):
    rows = [f for f in reg.rows("power_draw") if f.quantity in ("host_power_share", "host_power")]
    by_node = {f.keys.get("node"): f for f in rows}
    hf = by_node.get(host) or by_node.get("default")
    if hf is not None and hf.keys.get("node") != host:
        note(f"power model: no host power for {host}; used the default row ({hf.factor_id})")
    return hf


def power_model(reg, fleet, workload: str, note, exclude=()) -> PowerModel:
    """Average busy power per accelerator [W] of a fleet's accelerators for ``workload``: TDP x pooled share
    (host-inclusive, or accelerator-only plus the host row), and the host power used for idle time."""
    acc = reg.accelerator(fleet.accelerator)
    tdp = from_factor(acc["tdp"])
    est = estimate_share(reg, acc.id, workload, exclude=exclude)
    if est.level != "family" or est.workload != workload:
        note(f"power model: no measured {workload} power of {acc.id}'s family; used the {est.describe()}")
    hf = _host_row(reg, fleet.host, note)
    host = () if hf is None else ((Term((from_factor(hf), tdp)),) if hf.quantity == "host_power_share"
                                  else (Term((from_factor(hf),)),))
    share = Term((tdp, _share_param(est)))
    if est.scope == "system":
        return PowerModel("system", (share,), (), host, est)
    return PowerModel("accelerator", (share,), host, host, est)
