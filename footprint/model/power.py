"""The power model: a phase's average power per accelerator from measured runs (factors/power_draw.csv).

Each row of power_draw.csv is one published measurement: the average power per accelerator of a run (or of a
published set of runs) as a share of the accelerator's TDP, either including the accelerator's share of its host
(``system_power_share``: CPU, memory, network, fans) or of the accelerator alone (``power_share``). A phase given
without power takes the pooled measurements of a ladder of groups (factors/accelerator_families.csv):

    exact family (nvidia-a100) -> architecture generation (nvidia-ampere) -> vendor (nvidia) -> all accelerators

Measurements are pooled by workload class: training (pretraining and finetuning together: what sets a training step's
power is the model and its batch, not whether the weights started from a checkpoint) or inference; rows measured over
any workload (a fleet statistic) come after the class's own rows at the same level. At the first level that has
measurements for the class, host-inclusive shares are used when there are any (the phase's IT power is then TDP x
system share), else accelerator shares plus a host share (power_draw.csv host rows by node). Every step down is a note.

The share is lognormal: the pooled random-effects interval of :mod:`.pooling` over the log shares of the group
used, with the measurements grouped by their study (power_draw.csv ``study``: runs of one study share its site,
cooling, meters and habits, so a family measured by one study has a spread no new cluster need keep). The prior
within-study variance is the median over every study of every scope and workload, the between-study variance is
pooled over every family measured by two studies or more, and the between-family variance (below the family level)
is, at the generation level, that between sibling families of one generation, else that of the families of the
phase's scope and workload class (training or inference). An accelerator-only share is censored at the
accelerator's power limit (:data:`POWER_LIMIT_SHARE` x TDP, or accelerators.csv ``max_power_limit``).

Measurements can be left out (``exclude``): the calibration benchmark estimates each measured run without its own
measurement (leave-one-out) or without its whole study (leave-one-study-out).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import SpecError
from ..registry.keys import workload_class
from ..uncertainty import Param
from .pooling import between_study_variance, between_variance, ladder, pool, prior_variance
from .system import PowerModel, Term, from_factor

__all__ = ["ShareEstimate", "estimate_share", "power_model", "SCOPES"]

#: Quantities of power_draw.csv by scope: host-inclusive per accelerator, or the accelerator alone.
SCOPES = {"system": "system_power_share", "accelerator": "power_share"}

#: The most an accelerator alone can average, as a share of its TDP, when accelerators.csv gives it no
#: ``max_power_limit``: the board power limit the driver enforces is the TDP by default (NVIDIA, AMD; TPU v4: its
#: measured maximum chip power, recorded as its TDP). The pooled lognormal of an accelerator-only share is
#: censored at the limit; a host-inclusive share has no such bound.
POWER_LIMIT_SHARE = 1.0


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
    studies: tuple[str, ...] = ()  # the distinct studies the measurements come from
    uncensored_high: float | None = None  # the lognormal's 95th percentile before the power limit
    uncensored_low: float | None = None  # and its 5th
    limit_factor: str | None = None  # the accelerators.csv row of the power limit, when it is not the TDP

    @property
    def censored(self) -> bool:
        """Whether the power limit cuts the lognormal's 95th percentile."""
        return self.uncensored_high is not None and self.uncensored_high > self.high

    def describe(self) -> str:
        what = "host-inclusive" if self.scope == "system" else "accelerator-only"
        of = f" from {len(self.studies)} stud{'y' if len(self.studies) == 1 else 'ies'}" if self.studies else ""
        cap = " (the power limit)" if self.censored else ""
        return (f"{what} {self.workload} power share of {self.group} ({self.level} level: "
                f"{len(self.measurements)} measurement(s){of}): median {self.median:.3g} x TDP, 90% {self.low:.3g}-"
                f"{self.high:.3g}{cap}")


def _rows(reg, exclude) -> list:
    return [f for f in reg.rows("power_draw") if f.quantity in SCOPES.values()
            and f.keys.get("measurement", "") not in exclude]


def _variance_class(workload: str) -> str:
    """The class a row's variance is counted in: fleet statistics over any workload count with training."""
    return "inference" if workload_class(workload) == "inference" else "training"


def _study(f) -> str:
    """The study a measurement row comes from ("" when the table names none: one study per family)."""
    return f.keys.get("study") or ""


def _log_groups(rows) -> dict:
    """{(scope, workload class, family): {study: [log share, ...]}} of the measurement rows."""
    groups: dict = {}
    for f in rows:
        scope = next(k for k, q in SCOPES.items() if q == f.quantity)
        wl = _variance_class(f.keys.get("workload", ""))
        fam = groups.setdefault((scope, wl, f.keys["accelerator_family"]), {})
        fam.setdefault(_study(f), []).append(math.log(f.value))
    return groups


def _variances(rows, scope: str, workload: str, generations=None) -> tuple[float, float, float]:
    """The prior within-study variance s0^2 and the between-study variance tau^2 (both over all scopes and
    workloads), and the between-family variance s_b^2: at the generation level (``generations``: {family:
    generation}), the variance between sibling families of one generation, pooled over every generation measured
    on two families or more in any scope (siblings differ less than every vendor's accelerators); else, or when no
    generation has two, that of all the families of ``scope`` and ``workload``'s class."""
    groups = _log_groups(rows)
    s02 = prior_variance([xs for fam in groups.values() for xs in fam.values()])
    tau2 = between_study_variance(list(groups.values()), s02)
    if generations:
        siblings: dict = {}
        for (sc, w, f), st in groups.items():
            siblings.setdefault((sc, w, generations.get(f)), []).append([x for xs in st.values() for x in xs])
        num = sum((len(fams) - 1) * between_variance(fams, s02) for fams in siblings.values() if len(fams) > 1)
        den = sum(len(fams) - 1 for fams in siblings.values() if len(fams) > 1)
        if den:
            return s02, tau2, num / den
    wl = _variance_class(workload)
    fams = [[x for xs in st.values() for x in xs] for (sc, w, _), st in groups.items() if sc == scope and w == wl]
    return s02, tau2, between_variance(fams, s02)


def estimate_share(reg, accelerator_id: str, workload: str, scope: str | None = None, exclude=()) -> ShareEstimate:
    """The pooled power share of ``accelerator_id`` for ``workload`` (see the module docstring).

    ``scope`` forces "system" or "accelerator" (default: host-inclusive where the level has it); ``exclude`` leaves
    measurements out by their ``measurement`` id. Raises :class:`SpecError` when no level has a measurement.
    """
    steps = ladder(reg, accelerator_id, "give accelerator_power_w or power_w")
    rows = _rows(reg, set(exclude))
    classes = [workload_class(workload), "any"]
    scopes = [scope] if scope else ["system", "accelerator"]
    for level, group, member in steps:
        for wl in classes:
            for sc in scopes:
                hit = [f for f in rows if member(f.keys["accelerator_family"]) and f.quantity == SCOPES[sc]
                       and workload_class(f.keys.get("workload", "")) == wl]
                if hit:
                    gens = _generations(reg) if level == "generation" else None
                    return _pool(rows, hit, sc, level, group, wl, _power_limit(reg, accelerator_id), gens)
    raise SpecError(f"power_draw.csv has no measured power share for {workload}; give accelerator_power_w or power_w")


def _power_limit(reg, accelerator_id: str) -> tuple[float, str | None]:
    """(the most the accelerator alone can average as a share of its TDP, the row that says so or None)."""
    acc = reg.accelerator(accelerator_id)
    row = acc.get("max_power_limit")
    if row is None:
        return POWER_LIMIT_SHARE, None
    return row.value / acc["tdp"].value, row.factor_id


def _generations(reg) -> dict:
    """{family: architecture generation} of accelerator_families.csv."""
    return {f.keys["family"]: f.keys["generation"] for f in reg.rows("accelerator_families")}


def _pool(rows, hit, scope, level, group, workload, limit=(POWER_LIMIT_SHARE, None), generations=None) -> ShareEstimate:
    s02, tau2, sb2 = _variances(rows, scope, workload, generations)
    by_family: dict = {}
    studies: dict = {}
    for f in hit:
        by_family.setdefault(f.keys["accelerator_family"], []).append(math.log(f.value))
        studies.setdefault(f.keys["accelerator_family"], []).append(_study(f))
    p = pool(by_family, level, group, s02, sb2, tau2, studies)
    # an accelerator alone cannot average more than its power limit: that scope's share is censored there
    cap = limit[0] if scope == "accelerator" else math.inf
    return ShareEstimate(scope, level, group, workload, min(p.median, cap), min(p.low, cap), min(p.high, cap),
                         tuple(f.keys.get("measurement", "") for f in hit), tuple(f.factor_id for f in hit),
                         tuple(sorted({_study(f) for f in hit} - {""})), uncensored_high=p.high, uncensored_low=p.low,
                         limit_factor=limit[1] if scope == "accelerator" else None)


def _share_param(est: ShareEstimate) -> Param:
    name = f"power.{est.group.replace(' ', '-')}.{est.workload}.{est.scope}_share"
    if est.limit_factor:  # a SKU's own power limit bounds its draws: a parameter of its own
        name += f".{est.limit_factor.split('.')[1]}"
    info = {"factor_id": name, "unit": "ratio", "year": None, "license": "fair-use (facts from publication)",
            "url": "factors/power_draw.csv", "fallback_level": est.level, "kind": "factor",
            "source": f"pooled from {len(est.measurements)} measured run(s) in power_draw.csv: " + ", ".join(est.factor_ids),
            "note": "" if est.level == "family" else f"no measurement for the accelerator's family: {est.level} level"}
    if est.limit_factor:
        info["bounded_by"] = est.limit_factor
    # the lognormal through the uncensored percentiles, its draws (and point value) clipped at the power limit
    return Param(name, est.median, est.uncensored_low or est.low, est.uncensored_high or est.high, "lognormal", info,
                 upper=est.high if est.censored else None)


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
    if est.level != "family" or est.workload != workload_class(workload):
        note(f"power model: no measured {workload_class(workload)} power of {acc.id}'s family; used the {est.describe()}")
    hf = _host_row(reg, fleet.host, note)
    host = () if hf is None else ((Term((from_factor(hf), tdp)),) if hf.quantity == "host_power_share"
                                  else (Term((from_factor(hf),)),))
    share = Term((tdp, _share_param(est)))
    if est.scope == "system":
        return PowerModel("system", (share,), (), host, est)
    return PowerModel("accelerator", (share,), host, host, est)
